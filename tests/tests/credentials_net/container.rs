//! ECS / EKS container credentials.

use super::*;

const CONTAINER_CREDENTIALS: &str = r#"{"AccessKeyId":"ASIAECS","SecretAccessKey":"ecs-secret","Token":"ecs-token","Expiration":"2030-01-01T00:00:00Z","AccountId":"123456789012"}"#;

#[test]
fn container_full_uri_with_a_token_file() {
    let server = Server::start(vec![Reply::json(200, CONTAINER_CREDENTIALS)]);
    let dir = TempDir::new("credentials-net-container");
    let token = dir.join("token");
    std::fs::write(&token, "pod-identity-token\n").unwrap();
    let vars = Vars::default()
        .with(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/v1/credentials", server.url()),
        )
        .with("AWS_CONTAINER_AUTHORIZATION_TOKEN", "not-this-one")
        .with(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token.to_str().unwrap(),
        );
    let provider = ContainerCredentialsProvider::from_env(&vars, http());
    let credentials = provide(&provider).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAECS");
    assert_eq!(credentials.session_token(), Some("ecs-token"));
    assert_eq!(secs(credentials.expiry().unwrap()), 1_893_456_000);

    // The file is read again on the next call.
    std::fs::write(&token, "rotated-token").unwrap();
    provide(&provider).unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        ("GET", "/v1/credentials")
    );
    assert_eq!(
        requests[0].header("authorization"),
        Some("pod-identity-token")
    );
    assert_eq!(requests[1].header("authorization"), Some("rotated-token"));
}

#[test]
fn container_token_from_the_variable_and_error_answers() {
    let server = Server::start(vec![Reply::json(
        401,
        r#"{"code":"AccessDenied","message":"bad token\u001b[31m"}"#,
    )]);
    let vars = Vars::default()
        .with(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("http://localhost:{}/creds", server.port()),
        )
        .with("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer abc");
    let error = provide(&ContainerCredentialsProvider::from_env(&vars, http())).unwrap_err();
    assert!(!error.is_not_loaded());
    assert!(
        error
            .message()
            .contains("HTTP 401: AccessDenied: bad token"),
        "{}",
        error.message()
    );
    assert!(!error.message().contains('\x1b'), "{}", error.message());
    assert_eq!(
        server.single_request().header("authorization"),
        Some("Bearer abc")
    );
}

#[test]
fn container_hosts_outside_the_allow_list_are_refused_unsent() {
    for url in [
        "http://example.com/creds",
        "http://169.254.169.254/creds",
        "http://10.1.2.3/",
    ] {
        let vars = Vars::default().with("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
        let error = provide(&ContainerCredentialsProvider::from_env(&vars, http())).unwrap_err();
        assert!(!error.is_not_loaded(), "{url}");
        assert!(
            error.message().contains("https"),
            "{url}: {}",
            error.message()
        );
    }
    let unset = ContainerCredentialsProvider::from_env(&Vars::default(), http());
    assert!(provide(&unset).unwrap_err().is_not_loaded());
}

#[test]
fn container_silent_or_dribbling_servers_end_within_the_timeout() {
    let limit = Duration::from_millis(1500);
    for reply in [Reply::Hang, dribble(&" ".repeat(400))] {
        let server = Server::start(vec![reply]);
        let vars = Vars::default().with("AWS_CONTAINER_CREDENTIALS_FULL_URI", &server.url());
        let provider = ContainerCredentialsProvider::from_env(&vars, http()).with_timeout(limit);
        let error = fails_within(&provider, limit);
        assert!(!error.is_not_loaded(), "{error:?}");
    }
}
