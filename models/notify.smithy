// A small notification service that speaks awsQuery: the service of the awsQuery loopback
// tests (tests/tests/loopback.rs), generated into generated/notify.
$version: "2.0"

namespace example.notify

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsQuery
use aws.protocols#awsQueryError

/// Publishes messages to topics.
@service(sdkId: "Notify", endpointPrefix: "notify")
@sigv4(name: "notify")
@awsQuery
@xmlNamespace(uri: "https://notify.example/doc/2024-01-01/")
service NotifyService {
    version: "2024-01-01"
    operations: [Publish]
}

/// Publishes one message to a topic.
operation Publish {
    input := {
        /// The topic's ARN.
        @required
        TopicArn: String

        /// The message.
        @required
        Message: String

        /// Message attributes.
        Attributes: AttributeMap

        /// Labels for the message.
        Tags: TagList
    }

    output := {
        /// The message's ID.
        MessageId: String

        /// When the service accepted it.
        AcceptedAt: Timestamp
    }

    errors: [
        NotFound
    ]
}

/// The topic does not exist.
@awsQueryError(code: "NotFound", httpResponseCode: 404)
@error("client")
@httpError(404)
structure NotFound {
    message: String
}

map AttributeMap {
    key: String
    value: String
}

list TagList {
    member: String
}
