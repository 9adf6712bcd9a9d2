//! One operation of each implemented protocol over real HTTP on the loopback interface, with
//! each generated crate's default transport: the request bytes, a success response, a modeled
//! error and an unmodeled one. (`client_e2e.rs` covers restJson1 through GameSparks in depth.)

#[path = "support/server.rs"]
mod server;

use server::{Reply, Server};

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    queue::http::block_on(future)
}

// ---------------------------------------------------------------------------------------------
// awsJson1_0: generated/queue (models/queue.smithy)
// ---------------------------------------------------------------------------------------------

fn queue_client(server: &Server) -> queue::Client {
    queue::Client::new(
        queue::Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials(queue::config::Credentials::new("AKID", "SECRET", None))
            .retry_config(queue::config::RetryConfig::disabled())
            .ignore_environment()
            .build(),
    )
}

fn send(
    client: &queue::Client,
) -> Result<
    queue::operation::send_message::SendMessageOutput,
    queue::error::SdkError<queue::operation::send_message::SendMessageError>,
> {
    block_on(
        client
            .send_message()
            .queue_url("https://queue.example/1/q")
            .message_body("hello")
            .delay_seconds(5)
            .send(),
    )
}

#[test]
fn aws_json_request_bytes_and_success() {
    let server = Server::start(vec![Reply::new(
        200,
        r#"{"MessageId":"m-1","MD5OfMessageBody":"5d41402abc4b2a76b9719d911017c592","SequenceNumber":42,"Unknown":[1]}"#,
    )
    .header("content-type", "application/x-amz-json-1.0")]);
    let output = send(&queue_client(&server)).unwrap();
    assert_eq!(output.message_id(), Some("m-1"));
    assert_eq!(output.sequence_number(), Some(42));
    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("QueueService.SendMessage")
    );
    assert_eq!(request.header("x-amzn-query-mode"), Some("true"));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "QueueUrl": "https://queue.example/1/q",
            "MessageBody": "hello",
            "DelaySeconds": 5
        })
    );
    assert_eq!(
        request.header("content-length"),
        Some(request.body.len().to_string().as_str())
    );
    let auth = request.header("authorization").expect("signed");
    assert!(auth.contains("/us-east-1/queue/aws4_request"), "{auth}");
    assert!(
        auth.contains("x-amz-target"),
        "the target is signed: {auth}"
    );
}

#[test]
fn aws_json_modeled_error_from_type() {
    let server = Server::start(vec![
        Reply::new(
            400,
            r#"{"__type":"example.queue#QueueDoesNotExist","message":"no such queue"}"#,
        )
        .header("x-amzn-requestid", "req-7"),
    ]);
    let err = send(&queue_client(&server)).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_queue_does_not_exist(), "{service:?}");
    assert_eq!(service.message(), Some("no such queue"));
    assert_eq!(err.request_id(), Some("req-7"));
}

#[test]
fn aws_json_unmodeled_error_keeps_code_and_message() {
    let server = Server::start(vec![Reply::new(
        500,
        r#"{"__type":"com.amazon.coral#InternalFailure:http://internal","message":"oops"}"#,
    )]);
    let err = send(&queue_client(&server)).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.code(), Some("InternalFailure"));
    assert_eq!(service.message(), Some("oops"));
}
