use super::*;
use serde_json::json;

#[test]
fn test_names_are_snake_case_identifiers() {
    assert_eq!(
        test_name("RestJsonHttpPayloadTraitsWithBlob"),
        "case_rest_json_http_payload_traits_with_blob"
    );
    assert_eq!(
        test_name("SDKAppliedContentEncoding_restJson1"),
        "case_sdkapplied_content_encoding_rest_json1"
    );
    assert_eq!(test_name("a-b c"), "case_a_b_c");
}

const MODEL: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
        "traits": {"aws.protocols#restJson1": {}, "aws.api#service": {"sdkId": "Ex"},
                   "aws.auth#sigv4": {"name": "ex"}}},
    "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
        "errors": [{"target": "ex#Oops"}],
        "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
    "ex#In": {"type": "structure", "members": {
        "name": {"target": "smithy.api#String"},
        "count": {"target": "smithy.api#Integer"},
        "ratio": {"target": "smithy.api#Float"},
        "when": {"target": "smithy.api#Timestamp"},
        "data": {"target": "smithy.api#Blob"},
        "color": {"target": "ex#Color"},
        "tags": {"target": "ex#Tags"},
        "sparse": {"target": "ex#Sparse"},
        "pair": {"target": "ex#Pair"},
        "choice": {"target": "ex#Choice"}}},
    "ex#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit",
        "traits": {"smithy.api#enumValue": "red"}}}},
    "ex#Tags": {"type": "map", "key": {"target": "smithy.api#String"},
        "value": {"target": "smithy.api#String"}},
    "ex#Sparse": {"type": "list", "member": {"target": "smithy.api#String"},
        "traits": {"smithy.api#sparse": {}}},
    "ex#Pair": {"type": "structure", "members": {
        "left": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}},
    "ex#Oops": {"type": "structure", "members": {"message": {"target": "smithy.api#String"}},
        "traits": {"smithy.api#error": "client"}},
    "ex#Choice": {"type": "union", "members": {
        "some_text": {"target": "smithy.api#String"}}}
}}"#;

fn ir() -> codegen::ir::Ir {
    let opts = codegen::Options {
        crate_name: "ex".into(),
        model_file: "ex.json".into(),
        operations: None,
        service: None,
        partitions: None,
    };
    codegen::lower_ir(MODEL, &opts).unwrap()
}

fn case(kind: Kind, node: serde_json::Value) -> Case {
    Case {
        id: "C".into(),
        kind,
        operation: "ex#Op".into(),
        error: (kind == Kind::ErrorResponse).then(|| "ex#Oops".into()),
        node,
    }
}

fn input_setters(params: serde_json::Value) -> Result<String, String> {
    let ir = ir();
    let types = Types::new("ex", &ir);
    types.setters(&ir.operations[0].input, params.as_object().unwrap())
}

#[test]
fn node_values_become_constructor_expressions() {
    let s = |v| input_setters(v).unwrap();
    assert_eq!(
        s(json!({"name": "a\"b"})),
        r#".name(::std::string::String::from("a\"b"))"#
    );
    assert_eq!(s(json!({"count": -3, "name": null})), ".count(-3i32)");
    assert_eq!(s(json!({"ratio": "NaN"})), ".ratio(f32::NAN)");
    assert_eq!(s(json!({"ratio": 1.5})), ".ratio(1.5f32)");
    assert_eq!(
        s(json!({"when": 1.25})),
        ".when(ex::primitives::DateTime::from_timestamp(1, 250000000).unwrap())"
    );
    assert_eq!(
        s(json!({"data": "hi"})),
        r#".data("hi".as_bytes().to_vec())"#
    );
    assert_eq!(
        s(json!({"color": "red"})),
        r#".color(ex::types::Color::from("red"))"#
    );
    assert_eq!(
        s(json!({"sparse": ["x", null]})),
        r#".sparse(::std::vec![::std::option::Option::Some(::std::string::String::from("x")), ::std::option::Option::None])"#
    );
    assert!(s(json!({"tags": {"k": "v"}})).contains("HashMap"));
    assert_eq!(
        s(json!({"pair": {"left": "l"}})),
        r#".pair(ex::types::Pair::builder().left(::std::string::String::from("l")).build())"#
    );
    assert_eq!(
        s(json!({"choice": {"some_text": "t"}})),
        r#".choice(ex::types::Choice::SomeText(::std::string::String::from("t")))"#
    );
}

#[test]
fn values_that_do_not_fit_are_errors() {
    assert!(
        input_setters(json!({"nope": 1}))
            .unwrap_err()
            .contains("no member `nope`")
    );
    assert!(
        input_setters(json!({"count": "x"}))
            .unwrap_err()
            .contains("cannot build")
    );
    assert!(
        input_setters(json!({"choice": {}}))
            .unwrap_err()
            .contains("one member")
    );
}

#[test]
fn bodies_compare_by_media_type() {
    assert!(body_check("{\"a\":1}", Some("application/json")).contains("serde_json::Value"));
    assert!(body_check("{}", Some("application/x-amz-json-1.0")).contains("serde_json::Value"));
    assert_eq!(
        body_check("", Some("application/json")),
        "assert_bytes_body(&req.body, \"\");\n"
    );
    assert_eq!(
        body_check("<a/>", Some("application/xml")),
        "assert_xml_body(&req.body, \"<a/>\");\n"
    );
    assert!(body_check("<a/>", Some("text/xml; charset=utf-8")).starts_with("assert_xml_body"));
    assert!(body_check("", Some("application/xml")).starts_with("assert_bytes_body"));
    assert_eq!(
        body_check("A=1", Some("application/x-www-form-urlencoded")),
        "assert_form_body(&req.body, \"A=1\");\n"
    );
    assert_eq!(
        body_check("abc", Some("text/plain")),
        "assert_bytes_body(&req.body, \"abc\");\n"
    );
    assert!(body_check("A=1", None).starts_with("assert_bytes_body"));
}

#[test]
fn vendor_params_set_the_region_and_check_the_error_code() {
    let ir = ir();
    let types = Types::new("ex", &ir);
    let request = case(
        Kind::Request,
        json!({"method": "POST", "uri": "/", "params": {},
            "vendorParamsShape": "aws.protocoltests.config#AwsConfig",
            "vendorParams": {"scopedConfig": {"client": {"region": "us-west-2"}}}}),
    );
    let body = test_body(&ir, &types, &request).unwrap();
    assert!(
        body.contains(r#"recorder.client("https://example.com", "us-west-2")"#),
        "{body}"
    );
    let plain = case(Kind::Request, json!({"method": "POST", "uri": "/"}));
    let body = test_body(&ir, &types, &plain).unwrap();
    assert!(
        body.contains(r#""https://example.com", "us-east-1")"#),
        "{body}"
    );

    // awsQuery `QueryCustomizedError`: the code comes from `@awsQueryError`, not the name.
    let error = case(
        Kind::ErrorResponse,
        json!({"code": 402, "params": {"message": "m"},
            "vendorParamsShape": "aws.protocoltests.config#ErrorCodeParams",
            "vendorParams": {"code": "Customized", "type": "Sender"}}),
    );
    let body = test_body(&ir, &types, &error).unwrap();
    assert!(body.contains("match &error {"), "{body}");
    assert!(
        body.contains(
            r#"assert_eq!(error.code(), Some("Customized"), "the error code (vendorParams)");"#
        ),
        "{body}"
    );
    let no_code = case(Kind::ErrorResponse, json!({"code": 400}));
    assert!(
        !test_body(&ir, &types, &no_code)
            .unwrap()
            .contains("error.code()")
    );
}

#[test]
fn vendor_params_the_client_cannot_take_are_errors() {
    let ir = ir();
    let types = Types::new("ex", &ir);
    // restXml `S3VirtualHostDualstackAddressing`.
    let s3 = case(
        Kind::Request,
        json!({"method": "GET", "uri": "/",
            "vendorParamsShape": "aws.protocoltests.config#AwsConfig",
            "vendorParams": {"scopedConfig": {"client": {"region": "us-west-2",
                "s3": {"addressing_style": "virtual", "use_dualstack_endpoint": true}}}}}),
    );
    let err = test_body(&ir, &types, &s3).unwrap_err();
    assert!(
        err.contains("vendorParams scopedConfig.client.s3.addressing_style = \"virtual\""),
        "{err}"
    );
    let unknown = case(
        Kind::Request,
        json!({"vendorParamsShape": "ex#Other", "vendorParams": {"a": 1}}),
    );
    assert!(
        test_body(&ir, &types, &unknown)
            .unwrap_err()
            .contains("ex#Other")
    );
    let code_on_request = case(
        Kind::Request,
        json!({"vendorParamsShape": "aws.protocoltests.config#ErrorCodeParams",
            "vendorParams": {"code": "X"}}),
    );
    assert!(test_body(&ir, &types, &code_on_request).is_err());
    let empty = case(
        Kind::Request,
        json!({"vendorParamsShape": "ex#Other", "vendorParams": {}}),
    );
    assert!(test_body(&ir, &types, &empty).is_ok());
}
