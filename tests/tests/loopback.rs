//! One operation of each implemented protocol over real HTTP on the loopback interface, with
//! each generated crate's default transport: the request bytes, a success response, a modeled
//! error and an unmodeled one. (`client_e2e` covers restJson1 through GameSparks in depth.)

use tests::server::{Reply, Server};

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

// ---------------------------------------------------------------------------------------------
// awsQuery: generated/notify (models/notify.smithy)
// ---------------------------------------------------------------------------------------------

fn notify_client(server: &Server) -> notify::Client {
    notify::Client::new(
        notify::Config::builder()
            .region("eu-west-1")
            .endpoint_url(server.url())
            .credentials(notify::config::Credentials::new("AKID", "SECRET", None))
            .retry_config(notify::config::RetryConfig::disabled())
            .ignore_environment()
            .build(),
    )
}

fn publish(
    client: &notify::Client,
) -> Result<
    notify::operation::publish::PublishOutput,
    notify::error::SdkError<notify::operation::publish::PublishError>,
> {
    block_on(
        client
            .publish()
            .topic_arn("arn:aws:notify:eu-west-1:1:t")
            .message("hi & bye")
            .tags(vec!["a".to_string(), "b c".to_string()])
            .send(),
    )
}

#[test]
fn aws_query_request_bytes_and_success() {
    let server = Server::start(vec![
        Reply::new(
            200,
            "<PublishResponse xmlns=\"https://notify.example/doc/2024-01-01/\">\
         <PublishResult><MessageId>m-9</MessageId>\
         <AcceptedAt>2024-05-01T12:00:00Z</AcceptedAt><Extra>x</Extra></PublishResult>\
         <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>",
        )
        .header("content-type", "text/xml"),
    ]);
    let output = publish(&notify_client(&server)).unwrap();
    assert_eq!(output.message_id(), Some("m-9"));
    assert_eq!(
        output.accepted_at().map(|t| t.timestamp()),
        Some(1_714_564_800)
    );
    let request = server.single_request();
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "Action=Publish&Version=2024-01-01\
         &TopicArn=arn%3Aaws%3Anotify%3Aeu-west-1%3A1%3At&Message=hi%20%26%20bye\
         &Tags.member.1=a&Tags.member.2=b%20c"
    );
    let auth = request.header("authorization").expect("signed");
    assert!(auth.contains("/eu-west-1/notify/aws4_request"), "{auth}");
}

#[test]
fn aws_query_modeled_and_unmodeled_errors() {
    let server = Server::start(vec![
        Reply::new(
            404,
            "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code>\
             <Message>no topic</Message></Error><RequestId>r-2</RequestId></ErrorResponse>",
        ),
        Reply::new(
            400,
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
             <Message>slow down</Message></Error><RequestId>r-3</RequestId></ErrorResponse>",
        ),
    ]);
    let client = notify_client(&server);
    let err = publish(&client).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_not_found(), "{service:?}");
    assert_eq!(service.message(), Some("no topic"));
    let err = publish(&client).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.code(), Some("Throttling"));
    assert_eq!(service.message(), Some("slow down"));
}

// ---------------------------------------------------------------------------------------------
// ec2Query: generated/compute (models/compute.smithy)
// ---------------------------------------------------------------------------------------------

fn compute_client(server: &Server) -> compute::Client {
    compute::Client::new(
        compute::Config::builder()
            .region("us-west-2")
            .endpoint_url(server.url())
            .credentials(compute::config::Credentials::new("AKID", "SECRET", None))
            .retry_config(compute::config::RetryConfig::disabled())
            .ignore_environment()
            .build(),
    )
}

fn start(
    client: &compute::Client,
) -> Result<
    compute::operation::start_instances::StartInstancesOutput,
    compute::error::SdkError<compute::operation::start_instances::StartInstancesError>,
> {
    block_on(
        client
            .start_instances()
            .instance_ids(vec!["i-1".to_string(), "i-2".to_string()])
            .dry_run(false)
            .send(),
    )
}

#[test]
fn ec2_query_request_bytes_and_success() {
    let server = Server::start(vec![Reply::new(
        200,
        "<StartInstancesResponse xmlns=\"https://compute.example/doc/2024-01-01/\">\
         <requestId>r-4</requestId><instancesSet>\
         <item><instanceId>i-1</instanceId><currentState>pending</currentState>\
         <previousState>stopped</previousState></item>\
         <item><instanceId>i-2</instanceId></item></instancesSet></StartInstancesResponse>",
    )]);
    let output = start(&compute_client(&server)).unwrap();
    let changes = output.starting_instances().expect("instancesSet");
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].instance_id(), Some("i-1"));
    assert_eq!(changes[0].current_state(), Some("pending"));
    assert_eq!(changes[1].instance_id(), Some("i-2"));
    let request = server.single_request();
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "Action=StartInstances&Version=2024-01-01&InstanceId.1=i-1&InstanceId.2=i-2&DryRun=false"
    );
}

#[test]
fn ec2_query_errors() {
    let server = Server::start(vec![Reply::new(
        400,
        "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>\
         <Message>no such instance</Message></Error></Errors>\
         <RequestID>r-5</RequestID></Response>",
    )]);
    let err = start(&compute_client(&server)).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.code(), Some("InvalidInstanceID.NotFound"));
    assert_eq!(service.message(), Some("no such instance"));
}

// ---------------------------------------------------------------------------------------------
// restXml: generated/shelf (models/shelf.smithy)
// ---------------------------------------------------------------------------------------------

fn shelf_client(server: &Server) -> shelf::Client {
    shelf::Client::new(
        shelf::Config::builder()
            .region("eu-central-1")
            .endpoint_url(server.url())
            .credentials(shelf::config::Credentials::new("AKID", "SECRET", None))
            .retry_config(shelf::config::RetryConfig::disabled())
            .ignore_environment()
            .build(),
    )
}

fn put_item(
    client: &shelf::Client,
) -> Result<
    shelf::operation::put_item::PutItemOutput,
    shelf::error::SdkError<shelf::operation::put_item::PutItemError>,
> {
    block_on(
        client
            .put_item()
            .shelf("top")
            .key("books/a b.txt")
            .owner("me")
            .revision(3)
            .title("Tom & Jerry")
            .tags(vec!["x".to_string(), "y".to_string()])
            .send(),
    )
}

#[test]
fn rest_xml_request_bytes_and_success() {
    let server = Server::start(vec![
        Reply::new(
            200,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <PutItemOutput xmlns=\"https://shelf.example/doc/2024-01-01/\">\
             <Stored>2024-05-01T12:00:00Z</Stored><Size>42</Size><Extra>x</Extra></PutItemOutput>",
        )
        .header("content-type", "application/xml")
        .header("etag", "\"e-1\""),
    ]);
    let output = put_item(&shelf_client(&server)).unwrap();
    assert_eq!(output.e_tag(), Some("\"e-1\""));
    assert_eq!(output.size(), Some(42));
    assert_eq!(output.stored().map(|t| t.timestamp()), Some(1_714_564_800));
    let request = server.single_request();
    assert_eq!(
        (request.method.as_str(), request.path()),
        ("PUT", "/shelves/top/items/books/a%20b.txt")
    );
    assert_eq!(request.header("x-shelf-owner"), Some("me"));
    assert_eq!(request.header("content-type"), Some("application/xml"));
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "<Item xmlns=\"https://shelf.example/doc/2024-01-01/\" rev=\"3\">\
         <Title>Tom &amp; Jerry</Title><Tags><Tag>x</Tag><Tag>y</Tag></Tags></Item>"
    );
    let auth = request.header("authorization").expect("signed");
    assert!(auth.contains("/eu-central-1/shelf/aws4_request"), "{auth}");
}

#[test]
fn rest_xml_modeled_and_unmodeled_errors() {
    let server = Server::start(vec![
        Reply::new(
            404,
            "<Error><Code>NoSuchShelf</Code><Message>no shelf</Message>\
             <RequestId>r-6</RequestId></Error>",
        ),
        Reply::new(
            403,
            "<Error><Code>AccessDenied</Code><Message>denied</Message></Error>",
        )
        .header("x-amz-request-id", "r-7"),
    ]);
    let client = shelf_client(&server);
    let err = put_item(&client).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_no_such_shelf(), "{service:?}");
    assert_eq!(service.message(), Some("no shelf"));
    let err = put_item(&client).unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.code(), Some("AccessDenied"));
    assert_eq!(service.message(), Some("denied"));
    assert_eq!(err.request_id(), Some("r-7"));
}
