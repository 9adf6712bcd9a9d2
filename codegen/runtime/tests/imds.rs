//! Tests of `imds.rs`, compiled as its `tests` module.

use super::super::credentials::fake_env::FakeEnv;
use super::super::credentials_http::tests::{Answer, FakeHttp, mutations};
use super::super::exec::block_on;
use super::super::http::TransportErrorKind;
use super::*;

const CREDENTIALS: &str = r#"{
  "Code" : "Success",
  "LastUpdated" : "2024-05-17T14:48:54Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIAIMDS",
  "SecretAccessKey" : "imds/secret+key",
  "Token" : "imds-token==",
  "Expiration" : "2024-05-17T21:09:54Z"
}"#;

fn fast(p: ImdsCredentialsProvider) -> ImdsCredentialsProvider {
    p.with_attempt_timeout(Duration::from_millis(200))
        .with_timeout(Duration::from_secs(2))
}

#[test]
fn parses_the_credentials_document() {
    let c = parse_credentials(CREDENTIALS.as_bytes()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAIMDS");
    assert_eq!(c.secret_access_key(), "imds/secret+key");
    assert_eq!(c.session_token(), Some("imds-token=="));
    let expiry = c.expiry().unwrap();
    assert_eq!(
        expiry
            .duration_since(::std::time::SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        1_715_980_194
    );
}

#[test]
fn rejects_broken_documents() {
    for (body, needle) in [
        ("", "not valid JSON"),
        ("[]", "not a JSON object"),
        (
            r#"{"Code":"Failure","Message":"no\nway"}"#,
            "Failure no\\nway",
        ),
        (
            r#"{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}"#,
            "Expiration",
        ),
        (r#"{"AccessKeyId":"A","Token":"T"}"#, "secret access key"),
        (
            r#"{"AccessKeyId":1,"SecretAccessKey":"S"}"#,
            "access key id",
        ),
    ] {
        let e = parse_credentials(body.as_bytes()).unwrap_err();
        assert!(!e.is_not_loaded(), "{body}");
        assert!(e.message().contains(needle), "{body}: {}", e.message());
    }
}

#[test]
fn role_names_and_tokens() {
    assert_eq!(parse_role_name(b"\nmy-role\nother\n").unwrap(), "my-role");
    assert!(parse_role_name(b"  \n").unwrap_err().is_not_loaded());
    for bad in [&b"../../x"[..], b"a b", b"role?x", b"\xff"] {
        assert!(
            !parse_role_name(bad).unwrap_err().is_not_loaded(),
            "{bad:?}"
        );
    }
    assert_eq!(parse_token(b"AQAEAtoken==\n").unwrap(), "AQAEAtoken==");
    assert!(parse_token(b"").is_err());
    assert!(parse_token(b"a\r\nx: y").is_err());
    assert!(parse_token(&[b'a'; 5000]).is_err());
}

#[test]
fn hostile_documents_never_panic() {
    mutations(
        &[
            CREDENTIALS.as_bytes(),
            br#"{"Code":"Success","Expiration":null}"#,
        ],
        5000,
        |bytes| {
            let _ = parse_credentials(bytes);
            let _ = parse_role_name(bytes);
            let _ = parse_token(bytes);
        },
    );
}

#[test]
fn token_then_role_then_credentials() {
    let http = FakeHttp::new(vec![
        Answer::ok("TOKEN"),
        Answer::ok("my-role\n"),
        Answer::ok(CREDENTIALS),
    ]);
    let provider = ImdsCredentialsProvider::new(http.clone(), "http://imds.test/");
    let c = block_on(provider.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAIMDS");
    let seen = http.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].url.as_str()),
        ("PUT", "http://imds.test/latest/api/token")
    );
    assert_eq!(seen[0].header(TOKEN_TTL_HEADER), Some("21600"));
    assert_eq!(
        seen[1].url,
        "http://imds.test/latest/meta-data/iam/security-credentials/"
    );
    assert_eq!(
        seen[2].url,
        "http://imds.test/latest/meta-data/iam/security-credentials/my-role"
    );
    for s in &seen[1..] {
        assert_eq!(s.method, "GET");
        assert_eq!(s.header(TOKEN_HEADER), Some("TOKEN"));
    }
}

#[test]
fn no_role_and_no_service_are_not_loaded() {
    let http = FakeHttp::new(vec![Answer::ok("TOKEN"), Answer::status(404, "")]);
    let e = block_on(ImdsCredentialsProvider::new(http, "http://imds.test").provide_credentials())
        .unwrap_err();
    assert!(e.is_not_loaded(), "{e:?}");

    let http = FakeHttp::new(vec![Answer::Fail(TransportErrorKind::Connect)]);
    let provider = fast(ImdsCredentialsProvider::new(
        http.clone(),
        "http://imds.test",
    ));
    let e = block_on(provider.provide_credentials()).unwrap_err();
    assert!(e.is_not_loaded(), "{e:?}");
    assert_eq!(http.seen().len(), 3, "three attempts");
}

#[test]
fn a_hanging_service_ends_within_the_timeout() {
    let http = FakeHttp::new(vec![Answer::Hang]);
    let provider = ImdsCredentialsProvider::new(http, "http://imds.test")
        .with_timeout(Duration::from_millis(300));
    let start = ::std::time::Instant::now();
    let e = block_on(provider.provide_credentials()).unwrap_err();
    assert!(e.is_not_loaded(), "{e:?}");
    assert!(start.elapsed() < Duration::from_millis(1300));

    // Hanging after the token: a provider error.
    let http = FakeHttp::new(vec![Answer::ok("TOKEN"), Answer::Hang]);
    let provider = ImdsCredentialsProvider::new(http, "http://imds.test")
        .with_timeout(Duration::from_millis(300));
    let e = block_on(provider.provide_credentials()).unwrap_err();
    assert!(!e.is_not_loaded(), "{e:?}");
}

#[test]
fn errors_after_the_token_are_provider_errors() {
    let http = FakeHttp::new(vec![
        Answer::ok("TOKEN"),
        Answer::ok("role"),
        Answer::status(401, "\x1b[31mbad"),
    ]);
    let e = block_on(
        fast(ImdsCredentialsProvider::new(http, "http://imds.test")).provide_credentials(),
    )
    .unwrap_err();
    assert!(!e.is_not_loaded());
    assert!(e.message().contains("HTTP 401"), "{}", e.message());
    assert!(!e.message().contains('\x1b'), "{}", e.message());

    // A refused token (IMDS disabled, or not IMDS at all) lets the chain move on.
    for status in [403, 404, 405] {
        let http = FakeHttp::new(vec![Answer::status(status, "forbidden")]);
        let e = block_on(
            fast(ImdsCredentialsProvider::new(http, "http://imds.test")).provide_credentials(),
        )
        .unwrap_err();
        assert!(e.is_not_loaded(), "{status}: {e:?}");
        assert!(e.message().contains(&format!("HTTP {status}")), "{e:?}");
    }
    let http = FakeHttp::new(vec![Answer::status(400, "bad")]);
    let e = block_on(
        fast(ImdsCredentialsProvider::new(http, "http://imds.test")).provide_credentials(),
    )
    .unwrap_err();
    assert!(!e.is_not_loaded(), "{e:?}");
}

#[test]
fn environment() {
    let http = FakeHttp::new(vec![Answer::ok("x")]);
    let p = ImdsCredentialsProvider::from_env(&FakeEnv::default(), http.clone());
    assert_eq!(p.endpoint(), Ok("http://169.254.169.254"));
    let p = ImdsCredentialsProvider::from_env(
        &FakeEnv::default().set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"),
        http.clone(),
    );
    assert_eq!(p.endpoint(), Ok("http://[fd00:ec2::254]"));
    let p = ImdsCredentialsProvider::from_env(
        &FakeEnv::default()
            .set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")
            .set(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                "http://127.0.0.1:1234/",
            ),
        http.clone(),
    );
    assert_eq!(p.endpoint(), Ok("http://127.0.0.1:1234"));
    let p = ImdsCredentialsProvider::from_env(
        &FakeEnv::default().set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"),
        http.clone(),
    );
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(!e.is_not_loaded() && e.message().contains("IPv5"), "{e:?}");
    let p = ImdsCredentialsProvider::from_env(
        &FakeEnv::default().set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "not a url"),
        http.clone(),
    );
    assert!(
        !block_on(p.provide_credentials())
            .unwrap_err()
            .is_not_loaded()
    );
    let p = ImdsCredentialsProvider::from_env(
        &FakeEnv::default().set("AWS_EC2_METADATA_DISABLED", "TRUE"),
        http.clone(),
    );
    assert!(
        block_on(p.provide_credentials())
            .unwrap_err()
            .is_not_loaded()
    );
    assert!(http.seen().is_empty(), "nothing was sent");
}

#[test]
fn region() {
    let http = FakeHttp::new(vec![Answer::ok("TOKEN"), Answer::ok("eu-west-3\n")]);
    assert_eq!(
        block_on(imds_region(&*http, "http://imds.test")).unwrap(),
        "eu-west-3"
    );
    assert_eq!(
        http.seen()[1].url,
        "http://imds.test/latest/meta-data/placement/region"
    );
    let http = FakeHttp::new(vec![Answer::ok("TOKEN"), Answer::ok("a/b c")]);
    assert!(block_on(imds_region(&*http, "http://imds.test")).is_err());
}
