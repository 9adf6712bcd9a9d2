// A small storage service that speaks restXml, S3-style (bare `<Error>` bodies): the service of
// the restXml loopback tests (tests/tests/loopback.rs), generated into generated/shelf.
$version: "2.0"

namespace example.shelf

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restXml

/// Keeps items on shelves.
@service(sdkId: "Shelf", endpointPrefix: "shelf")
@sigv4(name: "shelf")
@restXml(noErrorWrapping: true)
@xmlNamespace(uri: "https://shelf.example/doc/2024-01-01/")
service ShelfService {
    version: "2024-01-01"
    operations: [PutItem]
}

/// Puts an item on a shelf.
@idempotent
@http(method: "PUT", uri: "/shelves/{Shelf}/items/{Key+}", code: 200)
operation PutItem {
    input := @xmlName("Item") {
        /// The shelf.
        @required
        @httpLabel
        Shelf: String

        /// The item's key; may hold `/`.
        @required
        @httpLabel
        Key: String

        /// Who owns the item.
        @httpHeader("x-shelf-owner")
        Owner: String

        /// The item's revision, an attribute of the document.
        @xmlAttribute
        @xmlName("rev")
        Revision: Integer

        /// The item's title.
        Title: String

        /// Labels for the item.
        Tags: TagList
    }

    output := {
        /// The stored item's entity tag.
        @httpHeader("ETag")
        ETag: String

        /// When the item was stored.
        Stored: Timestamp

        /// The item's size in bytes.
        Size: Long
    }

    errors: [
        NoSuchShelf
    ]
}

/// The shelf does not exist.
@error("client")
@httpError(404)
structure NoSuchShelf {
    Message: String
}

list TagList {
    @xmlName("Tag")
    member: String
}
