// A small message queue that speaks awsJson1_0: the service of the awsJson loopback tests
// (tests/tests/loopback.rs), generated into generated/queue. Written in the IDL to show that
// `cargo xtask codegen` takes it as well as the JSON AST.
$version: "2.0"

namespace example.queue

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_0
use aws.protocols#awsQueryCompatible
use aws.protocols#awsQueryError

/// A message queue: send a message to a queue by its URL.
@service(sdkId: "Queue", endpointPrefix: "queue")
@sigv4(name: "queue")
@awsJson1_0
@awsQueryCompatible
service QueueService {
    version: "2024-01-01"
    operations: [SendMessage]
}

/// Sends one message.
operation SendMessage {
    input := {
        /// The queue's URL.
        @required
        QueueUrl: String

        /// The message.
        @required
        MessageBody: String

        /// Seconds before the message can be received.
        DelaySeconds: Integer

        /// Message attributes.
        Attributes: AttributeMap

        /// When the caller sent it.
        SentAt: Timestamp
    }

    output := {
        /// The message's ID.
        MessageId: String

        /// The MD5 of the body, hex.
        MD5OfMessageBody: String

        /// The position in a FIFO queue.
        SequenceNumber: Long
    }

    errors: [
        QueueDoesNotExist
        InvalidMessageContents
    ]
}

/// The queue does not exist.
@awsQueryError(code: "AWS.SimpleQueueService.NonExistentQueue", httpResponseCode: 400)
@error("client")
structure QueueDoesNotExist {
    message: String
}

/// The message holds characters the queue does not accept.
@error("client")
structure InvalidMessageContents {
    message: String
}

map AttributeMap {
    key: String
    value: String
}
