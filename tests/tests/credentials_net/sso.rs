//! The SSO portal.

use super::*;

const ROLE_CREDENTIALS: &str = r#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":1893456000000}}"#;

fn sso_cache(dir: &Path, key: &str, expires_at: &str) -> PathBuf {
    let file = gamesparks::config::sso_token_cache_file(dir, key);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        format!(
            r#"{{"startUrl":"https://d-abc123.awsapps.com/start","region":"us-east-1","accessToken":"sso-bearer","expiresAt":"{expires_at}"}}"#
        ),
    )
    .unwrap();
    file
}

#[test]
fn sso_exchanges_the_cached_token_at_the_portal() {
    let server = Server::start(vec![Reply::json(200, ROLE_CREDENTIALS)]);
    let home = TempDir::new("credentials-net-sso");
    let file = sso_cache(&home, "my-sso", "2099-01-01T00:00:00Z");
    assert!(file.ends_with(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
    let provider = SsoProvider::new(http(), server.url(), "123456789012", "ReadOnly", &file);
    let credentials = provide(&provider).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIASSO");
    assert_eq!(credentials.session_token(), Some("sso-token"));
    assert_eq!(secs(credentials.expiry().unwrap()), 1_893_456_000);
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/federation/credentials?account_id=123456789012&role_name=ReadOnly"
    );
    assert_eq!(request.header("x-amz-sso_bearer_token"), Some("sso-bearer"));
    assert_eq!(request.header("authorization"), None);
}

#[test]
fn sso_expired_tokens_are_rejected_without_a_request() {
    let server = Server::start(vec![Reply::json(200, ROLE_CREDENTIALS)]);
    let home = TempDir::new("credentials-net-sso-expired");
    let file = sso_cache(
        &home,
        "https://d-abc123.awsapps.com/start",
        "2020-01-01T00:00:00Z",
    );
    let provider = SsoProvider::new(http(), server.url(), "1", "r", &file);
    let error = provide(&provider).unwrap_err();
    assert!(!error.is_not_loaded());
    assert!(error.message().contains("expired"), "{}", error.message());
    assert!(
        error.message().contains("aws sso login"),
        "{}",
        error.message()
    );
    assert_eq!(server.request_count(), 0);
}

#[test]
fn sso_refused_tokens_and_hostile_answers() {
    let home = TempDir::new("credentials-net-sso-refused");
    let file = sso_cache(&home, "s", "2099-01-01T00:00:00Z");
    let server = Server::start(vec![
        Reply::json(401, r#"{"message":"Session token not found or invalid"}"#).header(
            "x-amzn-ErrorType",
            "UnauthorizedException:http://internal.amazon.com/",
        ),
    ]);
    let error = provide(&SsoProvider::new(http(), server.url(), "1", "r", &file)).unwrap_err();
    assert!(
        error
            .message()
            .contains("UnauthorizedException: Session token not found or invalid, HTTP 401"),
        "{}",
        error.message()
    );
    assert!(
        error.message().contains("aws sso login"),
        "{}",
        error.message()
    );

    for (reply, needle) in [
        (
            Reply::json(200, r#"{"roleCredentials":null}"#),
            "roleCredentials",
        ),
        (
            Reply::json(200, r#"{"roleCredentials":{"accessKeyId":"A"}}"#),
            "secret access key",
        ),
        (Reply::json(200, "\u{0}\u{0}"), "JSON"),
        (Reply::json(200, &"[".repeat(100_000)), "larger than"),
    ] {
        let server = Server::start(vec![reply]);
        let error = provide(&SsoProvider::new(http(), server.url(), "1", "r", &file)).unwrap_err();
        assert!(
            error.message().contains(needle),
            "{needle}: {}",
            error.message()
        );
    }
}

#[test]
fn sso_silent_or_dribbling_portals_end_within_the_timeout() {
    let limit = Duration::from_millis(1500);
    let home = TempDir::new("credentials-net-sso-slow");
    let file = sso_cache(&home, "s", "2099-01-01T00:00:00Z");
    for reply in [Reply::Hang, dribble(&" ".repeat(500))] {
        let server = Server::start(vec![reply]);
        let provider = SsoProvider::new(http(), server.url(), "1", "r", &file).with_timeout(limit);
        let error = fails_within(&provider, limit);
        assert!(
            error.message().contains("did not answer"),
            "{}",
            error.message()
        );
    }
}
