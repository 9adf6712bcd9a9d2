//! Tests of `xml_error.rs`, compiled as its `tests` module.

use super::*;

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn check(body: &str, shape: ErrorShape, code: &str, message: Option<&str>, id: Option<&str>) {
    let meta = error_meta(body.as_bytes(), shape);
    assert_eq!(meta.code.as_deref(), Some(code), "{body}");
    assert_eq!(meta.message.as_deref(), message, "{body}");
    assert_eq!(meta.request_id.as_deref(), id, "{body}");
    assert_eq!(meta.error().unwrap().name, "Error");
    assert_eq!(meta.error().unwrap().child("Code").unwrap().text(), code);
}

#[test]
fn aws_query_errors_from_the_protocol_tests() {
    let invalid_greeting = "<ErrorResponse>
               <Error>
                  <Type>Sender</Type>
                  <Code>InvalidGreeting</Code>
                  <Message>Hi</Message>
               </Error>
               <RequestId>foo-id</RequestId>
            </ErrorResponse>";
    check(
        invalid_greeting,
        ErrorShape::AwsQuery,
        "InvalidGreeting",
        Some("Hi"),
        Some("foo-id"),
    );
    let complex = "<ErrorResponse>
               <Error>
                  <Type>Sender</Type>
                  <Code>ComplexError</Code>
                  <TopLevel>Top level</TopLevel>
                  <Nested>
                      <Foo>bar</Foo>
                  </Nested>
               </Error>
               <RequestId>foo-id</RequestId>
            </ErrorResponse>";
    check(
        complex,
        ErrorShape::AwsQuery,
        "ComplexError",
        None,
        Some("foo-id"),
    );
    let meta = error_meta(complex.as_bytes(), ErrorShape::AwsQuery);
    let error = meta.error().unwrap();
    assert_eq!(error.child("TopLevel").unwrap().text(), "Top level");
    assert_eq!(
        error.child("Nested").unwrap().child("Foo").unwrap().text(),
        "bar"
    );
    assert_eq!(error.child("Type").unwrap().text(), "Sender");
    // An `@awsQueryError` code, and a real service's namespaced, dotted code.
    let customized = invalid_greeting.replace("InvalidGreeting", "Customized");
    check(
        &customized,
        ErrorShape::AwsQuery,
        "Customized",
        Some("Hi"),
        Some("foo-id"),
    );
    let sqs = r#"<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error><RequestId>b5b4a8b4-9e3c-5b5c-9f0e-6e3e8f3a1c2d</RequestId></ErrorResponse>"#;
    check(
        sqs,
        ErrorShape::AwsQuery,
        "AWS.SimpleQueueService.NonExistentQueue",
        Some("The specified queue does not exist for this wsdl version."),
        Some("b5b4a8b4-9e3c-5b5c-9f0e-6e3e8f3a1c2d"),
    );
}

#[test]
fn ec2_query_errors_from_the_protocol_tests() {
    let body = "<Response>
                <Errors>
                    <Error>
                        <Code>ComplexError</Code>
                        <Message>Hi</Message>
                        <TopLevel>Top level</TopLevel>
                        <Nested>
                            <Foo>bar</Foo>
                        </Nested>
                    </Error>
                </Errors>
                <RequestID>foo-id</RequestID>
            </Response>";
    check(
        body,
        ErrorShape::Ec2Query,
        "ComplexError",
        Some("Hi"),
        Some("foo-id"),
    );
    let meta = error_meta(body.as_bytes(), ErrorShape::Ec2Query);
    let nested = meta.error().unwrap().child("Nested").unwrap();
    assert_eq!(nested.child("Foo").unwrap().text(), "bar");
    let real = r#"<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>"#;
    check(
        real,
        ErrorShape::Ec2Query,
        "InvalidInstanceID.NotFound",
        Some("The instance ID 'i-1a2b3c4d' does not exist"),
        Some("ea966190-f9aa-478e-9ede-example"),
    );
}

#[test]
fn rest_xml_errors_wrapped_and_unwrapped() {
    let wrapped = "<ErrorResponse>
               <Error>
                  <Type>Sender</Type>
                  <Code>InvalidGreeting</Code>
                  <Message>Hi</Message>
                  <AnotherSetting>setting</AnotherSetting>
               </Error>
               <RequestId>foo-id</RequestId>
            </ErrorResponse>";
    for shape in [ErrorShape::RestXml, ErrorShape::RestXmlUnwrapped] {
        check(
            wrapped,
            shape,
            "InvalidGreeting",
            Some("Hi"),
            Some("foo-id"),
        );
        let meta = error_meta(wrapped.as_bytes(), shape);
        assert_eq!(
            meta.error()
                .unwrap()
                .child("AnotherSetting")
                .unwrap()
                .text(),
            "setting"
        );
    }
    let s3 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n\t<Type>Sender</Type>\n\t<Code>NoSuchBucket</Code>\n</Error>";
    for shape in [ErrorShape::RestXml, ErrorShape::RestXmlUnwrapped] {
        check(s3, shape, "NoSuchBucket", None, None);
    }
    let s3_real = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>\
                       <Message>The resource you requested does not exist</Message>\
                       <Resource>/mybucket/myfoto.jpg</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>";
    check(
        s3_real,
        ErrorShape::RestXmlUnwrapped,
        "NoSuchKey",
        Some("The resource you requested does not exist"),
        Some("4442587FB7D0A2F9"),
    );
}

#[test]
fn codes_and_ids_are_trimmed_and_messages_kept() {
    let body = "<ErrorResponse><Error><Code>\n  Throttling \n</Code><message> slow down </message>\
                    </Error><RequestId> </RequestId></ErrorResponse>";
    let meta = error_meta(body.as_bytes(), ErrorShape::AwsQuery);
    assert_eq!(meta.code, some("Throttling"));
    assert_eq!(meta.message, some(" slow down "));
    assert_eq!(meta.request_id, None);
    let empty_code = error_meta(b"<Error><Code/></Error>", ErrorShape::RestXml);
    assert_eq!(empty_code.code, None);
    assert!(empty_code.error().is_some());
}

#[test]
fn garbage_bodies_give_nothing() {
    let bodies: &[&[u8]] = &[
        b"",
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b"{\"__type\":\"InvalidGreeting\",\"message\":\"Hi\"}",
        b"<ErrorResponse><Error><Code>Truncated",
        b"<ErrorResponse><RequestId>id</RequestId></ErrorResponse>",
        b"<Other><Error><Code>X</Code></Error><RequestId>id</RequestId></Other>",
        b"\xff\xfe<\x00E\x00",
        b"<!DOCTYPE x [<!ENTITY e \"Code\">]><Error><Code>&e;</Code></Error>",
    ];
    let shapes = [
        ErrorShape::AwsQuery,
        ErrorShape::Ec2Query,
        ErrorShape::RestXml,
        ErrorShape::RestXmlUnwrapped,
    ];
    for body in bodies {
        for shape in shapes {
            let meta = error_meta(body, shape);
            let nothing = (&meta.code, &meta.message, &meta.request_id);
            assert_eq!(nothing, (&None, &None, &None), "{shape:?} {body:?}");
            assert!(meta.error().is_none());
        }
    }
    // Another protocol's wrapper is not this protocol's error.
    let ec2 = b"<Response><Errors><Error><Code>X</Code></Error></Errors></Response>";
    assert_eq!(error_meta(ec2, ErrorShape::AwsQuery).code, None);
    assert_eq!(error_meta(ec2, ErrorShape::RestXml).code, None);
    let query = b"<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>";
    assert_eq!(error_meta(query, ErrorShape::Ec2Query).code, None);
    assert_eq!(
        error_meta(b"<Error><Code>X</Code></Error>", ErrorShape::AwsQuery).code,
        None
    );
}
