//! The request on the wire: method, path, query, headers and an independently checked
//! SigV4 signature; the seed response read back.

use super::*;

/// The verifier above reproduces the `get-vanilla` case of the AWS SigV4 test suite, so a
/// signature it accepts is a correct one rather than merely one consistent with the client.
#[test]
fn signature_verifier_matches_the_aws_get_vanilla_vector() {
    let headers = vec![
        ("Host".to_string(), "example.amazonaws.com".to_string()),
        ("X-Amz-Date".to_string(), "20150830T123600Z".to_string()),
    ];
    let auth = parse_authorization(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    let request = Request {
        method: "GET".into(),
        target: "/".into(),
        version: "HTTP/1.1".into(),
        headers,
        body: Vec::new(),
        connection: 0,
    };
    let signature =
        recompute_signature(&request, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", &auth);
    assert_eq!(signature, auth.signature);
}

#[test]
fn seed_response_gives_the_expected_output_and_the_request_is_signed() {
    let server = Server::start(vec![
        Reply::json(200, SEED).header("x-amzn-RequestId", "req-seed"),
    ]);
    let output = call(&client_for(&server)).expect("success");
    assert_seed_output(&output);

    let request = server.single_request();
    assert_eq!(request.path(), "/game/g/stage/s/deployment");
    assert_eq!(request.query(), Some("DeploymentId=d"));
    assert_signed_get(&request, server.port(), true);
    let auth = parse_authorization(request.header("authorization").unwrap());
    assert_eq!(
        auth.signed_headers,
        ["host", "x-amz-date", "x-amz-security-token"]
    );
}

#[test]
fn without_a_session_token_no_security_token_header_is_sent() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = Client::new(config_for(&server, false, RetryConfig::disabled()));
    assert_seed_output(&call(&client).expect("success"));
    let request = server.single_request();
    assert_signed_get(&request, server.port(), false);
    let auth = parse_authorization(request.header("authorization").unwrap());
    assert_eq!(auth.signed_headers, ["host", "x-amz-date"]);
}

#[test]
fn without_a_deployment_id_there_is_no_query() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = client_for(&server);
    let result = gamesparks::http::block_on(
        client
            .get_stage_deployment()
            .game_name("g")
            .stage_name("s")
            .send(),
    );
    assert_seed_output(&result.expect("success"));
    let request = server.single_request();
    assert_eq!(request.target, "/game/g/stage/s/deployment");
    assert_signed_get(&request, server.port(), true);
}

#[test]
fn endpoint_base_path_is_kept_and_a_trailing_slash_dropped() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("{}/prefix/", server.url()))
        .credentials(Credentials::new(AKID, SECRET, Some(TOKEN.into())))
        .retry_config(RetryConfig::disabled())
        .read_timeout(Duration::from_secs(5))
        .ignore_environment()
        .build();
    let result = call(&Client::new(config));
    assert_seed_output(&result.expect("success"));
    let request = server.single_request();
    assert_eq!(
        request.target,
        "/prefix/game/g/stage/s/deployment?DeploymentId=d"
    );
    assert_signed_get(&request, server.port(), true);
}

#[test]
fn success_with_an_empty_body_or_empty_object_has_no_details() {
    let server = Server::start(vec![
        Reply::new(200, ""),
        Reply::json(200, "{}"),
        Reply::json(200, " \r\n "),
    ]);
    let client = client_for(&server);
    for _ in 0..3 {
        let output = call(&client).expect("an empty success body reads as {}");
        assert!(output.stage_deployment().is_none());
    }
    assert_eq!(server.request_count(), 3);
}

#[test]
fn unknown_enum_values_and_members_arrive_intact() {
    let body = r#"{"Extra":[1,{"a":null}],"StageDeployment":{"DeploymentAction":"REDEPLOY","DeploymentState":"SOMETHING_NEW","DeploymentResult":{"ResultCode":"NEW_CODE","Other":true},"Created":"2020-02-29T23:59:59.123Z"}}"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let output = call(&client_for(&server)).expect("success");
    let details = output.stage_deployment().unwrap();
    assert_eq!(
        details.deployment_action(),
        Some(&DeploymentAction::Unknown("REDEPLOY".into()))
    );
    assert_eq!(
        details.deployment_state(),
        Some(&DeploymentState::Unknown("SOMETHING_NEW".into()))
    );
    assert_eq!(
        details.deployment_result().unwrap().result_code(),
        Some(&ResultCode::Unknown("NEW_CODE".into()))
    );
    let created: gamesparks::primitives::DateTime = "2020-02-29T23:59:59.123Z".parse().unwrap();
    assert_eq!(details.created(), Some(&created));
}

#[test]
fn chunked_and_close_delimited_success_bodies_are_read() {
    let half = SEED.len() / 2;
    let chunked = format!(
        // `Connection: close`: a `Raw` reply closes the connection after it, so a client that
        // pooled it could send the next request into the closed socket (a race, not a bug).
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n",
        half,
        &SEED[..half],
        SEED.len() - half,
        &SEED[half..]
    );
    let close_delimited = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{SEED}"
    );
    let server = Server::start(vec![
        Reply::Raw(chunked.into_bytes()),
        Reply::Raw(close_delimited.into_bytes()),
    ]);
    let client = client_for(&server);
    assert_seed_output(&call(&client).expect("chunked"));
    assert_seed_output(&call(&client).expect("close-delimited"));
    assert_eq!(server.request_count(), 2);
}

#[test]
fn debug_output_does_not_leak_the_secret_or_token() {
    let server = Server::start(vec![
        Reply::json(400, "{}").header("X-Amzn-Errortype", "ValidationException"),
    ]);
    let client = client_for(&server);
    let err = call(&client).unwrap_err();
    for text in [
        format!("{:?}", client.config()),
        format!("{client:?}"),
        format!("{err:?}"),
        err.to_string(),
    ] {
        assert!(
            text.contains(AKID) || !text.contains("Credentials"),
            "{text}"
        );
        assert!(!text.contains(SECRET), "the secret leaks: {text}");
        assert!(!text.contains(TOKEN), "the token leaks: {text}");
    }
}
