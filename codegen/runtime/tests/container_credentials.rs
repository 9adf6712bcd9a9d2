//! Tests of `container_credentials.rs`, compiled as its `tests` module.

use super::super::credentials::fake_env::FakeEnv;
use super::super::credentials_http::tests::{Answer, FakeHttp, mutations};
use super::super::exec::block_on;
use super::*;

const CREDENTIALS: &str = r#"{"AccessKeyId":"ASIAECS","SecretAccessKey":"ecs-secret","Token":"ecs-token","Expiration":"2030-01-01T00:00:00Z","AccountId":"123456789012"}"#;

#[test]
fn the_allow_list() {
    for allowed in [
        "http://127.0.0.1/creds",
        "http://127.0.0.1:51679/creds",
        "http://127.1.2.3/x",
        "http://localhost:8080/x",
        "http://LOCALHOST/x",
        "http://[::1]:8080/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://169.254.170.2/v2/credentials/abc",
        "http://169.254.170.23/v1/credentials",
        "http://[fd00:ec2::23]/v1/credentials",
        "https://example.com/creds",
        "https://8.8.8.8/creds",
    ] {
        assert_eq!(check_full_uri(allowed), Ok(()), "{allowed}");
    }
    for refused in [
        "http://example.com/creds",
        "http://169.254.169.254/latest",
        "http://169.254.170.3/",
        "http://10.0.0.1/",
        "http://[fd00:ec2::24]/",
        "http://localhost.example.com/",
        "http://127.0.0.1.nip.io/",
        "http://0.0.0.0/",
        "ftp://127.0.0.1/",
        "127.0.0.1/creds",
        "http://user@127.0.0.1/",
    ] {
        assert!(check_full_uri(refused).is_err(), "{refused}");
    }
}

#[test]
fn not_configured_is_not_loaded() {
    let http = FakeHttp::new(vec![Answer::ok(CREDENTIALS)]);
    let p = ContainerCredentialsProvider::from_env(&FakeEnv::default(), http.clone());
    assert!(!p.is_configured());
    assert!(
        block_on(p.provide_credentials())
            .unwrap_err()
            .is_not_loaded()
    );
    assert!(http.seen().is_empty());
}

#[test]
fn relative_uri_goes_to_the_ecs_agent_and_wins() {
    let http = FakeHttp::new(vec![Answer::ok(CREDENTIALS)]);
    let vars = FakeEnv::default()
        .set(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/abc",
        )
        .set(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1/other",
        );
    let p = ContainerCredentialsProvider::from_env(&vars, http.clone());
    let c = block_on(p.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAECS");
    assert!(c.expiry().is_some());
    let seen = http.seen();
    assert_eq!(seen[0].url, "http://169.254.170.2/v2/credentials/abc");
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].header("authorization"), None);
}

#[test]
fn full_uri_with_a_token() {
    let http = FakeHttp::new(vec![Answer::ok(CREDENTIALS)]);
    let vars = FakeEnv::default()
        .set(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1:9/creds",
        )
        .set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic abc");
    let p = ContainerCredentialsProvider::from_env(&vars, http.clone());
    block_on(p.provide_credentials()).unwrap();
    let seen = http.seen();
    assert_eq!(seen[0].url, "http://127.0.0.1:9/creds");
    assert_eq!(seen[0].header("authorization"), Some("Basic abc"));
}

#[test]
fn token_file_is_read_on_each_call_and_wins() {
    let dir = ::std::env::temp_dir().join(format!("credsnet-ecs-{}", ::std::process::id()));
    ::std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    ::std::fs::write(&file, "first\n").unwrap();
    let http = FakeHttp::new(vec![Answer::ok(CREDENTIALS)]);
    let vars = FakeEnv::default()
        .set(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://169.254.170.23/v1/credentials",
        )
        .set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored")
        .set(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            file.to_str().unwrap(),
        );
    let p = ContainerCredentialsProvider::from_env(&vars, http.clone());
    block_on(p.provide_credentials()).unwrap();
    ::std::fs::write(&file, "second").unwrap();
    block_on(p.provide_credentials()).unwrap();
    ::std::fs::write(&file, "bad\r\nx-injected: 1").unwrap();
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(!e.is_not_loaded());
    ::std::fs::remove_file(&file).unwrap();
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(
        e.message()
            .contains("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
        "{e:?}"
    );
    let seen = http.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].header("authorization"), Some("first"));
    assert_eq!(seen[1].header("authorization"), Some("second"));
    let _ = ::std::fs::remove_dir_all(&dir);
}

#[test]
fn refused_hosts_are_provider_errors_without_a_request() {
    let http = FakeHttp::new(vec![Answer::ok(CREDENTIALS)]);
    let vars = FakeEnv::default().set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example/");
    let p = ContainerCredentialsProvider::from_env(&vars, http.clone());
    assert!(p.is_configured());
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(!e.is_not_loaded());
    assert!(e.message().contains("https"), "{}", e.message());
    assert!(http.seen().is_empty());
}

#[test]
fn error_answers() {
    let http = FakeHttp::new(vec![Answer::status(
        400,
        r#"{"code":"InvalidToken","message":"bad\u001b[0m token"}"#,
    )]);
    let vars = FakeEnv::default().set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/x");
    let e = block_on(ContainerCredentialsProvider::from_env(&vars, http).provide_credentials())
        .unwrap_err();
    assert!(
        e.message()
            .contains("HTTP 400: InvalidToken: bad\\u{1b}[0m token"),
        "{}",
        e.message()
    );
}

#[test]
fn hostile_answers_never_panic() {
    mutations(
        &[CREDENTIALS.as_bytes(), br#"{"code":"X","message":"y"}"#],
        5000,
        |bytes| {
            let _ = super::super::imds::parse_credentials_json("t", bytes);
            let _ = error_response(500, bytes);
        },
    );
}
