//! Tests of `sso.rs`, compiled as its `tests` module.

use super::super::credentials_http::tests::{Answer, FakeHttp, mutations};
use super::super::exec::block_on;
use super::*;

const ROLE_CREDENTIALS: &str = r#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":1893456000000}}"#;

#[test]
fn sha1_known_vectors() {
    let million_a = vec![b'a'; 1_000_000];
    for (input, want) in [
        (&b""[..], "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (b"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
        ),
        (&[b'x'; 55], "cef734ba81a024479e09eb5a75b6ddae62e6abf1"),
        (&[b'x'; 64], "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163"),
        (&million_a, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
    ] {
        assert_eq!(sha1_hex(input), want, "{} bytes", input.len());
    }
}

#[test]
fn cache_file_names() {
    let home = Path::new("/home/u");
    assert_eq!(
        sso_token_cache_file(home, "https://d-abc123.awsapps.com/start"),
        Path::new("/home/u/.aws/sso/cache/40a89917e3175433e361b710a9d43528d7f1890a.json")
    );
    assert_eq!(
        sso_token_cache_file(home, "my-sso"),
        Path::new("/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json")
    );
}

#[test]
fn portal_endpoints() {
    assert_eq!(
        sso_portal_endpoint("us-east-1"),
        "https://portal.sso.us-east-1.amazonaws.com"
    );
    assert_eq!(
        sso_portal_endpoint("cn-northwest-1"),
        "https://portal.sso.cn-northwest-1.amazonaws.com.cn"
    );
}

#[test]
fn cached_tokens() {
    let t = parse_cached_token(
        br#"{"startUrl":"https://x","region":"us-east-1","accessToken":"tok","expiresAt":"2030-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(t.access_token, "tok");
    let old =
        parse_cached_token(br#"{"accessToken":"t","expiresAt":"2019-11-14T04:05:45UTC"}"#).unwrap();
    assert!(old.expires_at < SystemTime::now());
    for (bad, needle) in [
        (
            &br#"{"expiresAt":"2030-01-01T00:00:00Z"}"#[..],
            "accessToken",
        ),
        (br#"{"accessToken":"t"}"#, "expiresAt"),
        (br#"{"accessToken":"t","expiresAt":"later"}"#, "RFC 3339"),
        (
            br#"{"accessToken":"a\r\nb","expiresAt":"2030-01-01T00:00:00Z"}"#,
            "header",
        ),
        (b"not json", "JSON"),
    ] {
        let e = parse_cached_token(bad).unwrap_err();
        assert!(e.contains(needle), "{e}");
    }
}

#[test]
fn role_credentials() {
    let c = parse_role_credentials(ROLE_CREDENTIALS.as_bytes()).unwrap();
    assert_eq!(c.access_key_id(), "ASIASSO");
    assert_eq!(
        c.expiry()
            .unwrap()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        1_893_456_000
    );
    assert!(
        parse_role_credentials(b"{}")
            .unwrap_err()
            .contains("roleCredentials")
    );
    assert!(
        parse_role_credentials(
            br#"{"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","expiration":-5}}"#
        )
        .unwrap_err()
        .contains("expiration")
    );
    assert!(
        parse_role_credentials(
            br#"{"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","expiration":1e300}}"#
        )
        .is_err()
    );
}

#[test]
fn hostile_answers_never_panic() {
    mutations(
        &[
            ROLE_CREDENTIALS.as_bytes(),
            br#"{"accessToken":"t","expiresAt":"2030-01-01T00:00:00Z"}"#,
        ],
        5000,
        |bytes| {
            let _ = parse_role_credentials(bytes);
            let _ = parse_cached_token(bytes);
        },
    );
}

fn cache(name: &str, text: &str) -> PathBuf {
    let dir = ::std::env::temp_dir().join(format!("credsnet-sso-{}", ::std::process::id()));
    ::std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    ::std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn exchanges_the_cached_token() {
    let file = cache(
        "good.json",
        r#"{"accessToken":"bearer-1","expiresAt":"2099-01-01T00:00:00Z"}"#,
    );
    let http = FakeHttp::new(vec![Answer::ok(ROLE_CREDENTIALS)]);
    let p = SsoProvider::new(
        http.clone(),
        "http://127.0.0.1:1/",
        "123456789012",
        "Admin Role",
        &file,
    );
    let c = block_on(p.provide_credentials()).unwrap();
    assert_eq!(c.session_token(), Some("sso-token"));
    let seen = &http.seen()[0];
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.url,
        "http://127.0.0.1:1/federation/credentials?account_id=123456789012&role_name=Admin%20Role"
    );
    assert_eq!(seen.header("x-amz-sso_bearer_token"), Some("bearer-1"));
}

#[test]
fn expired_or_missing_tokens_send_nothing() {
    let http = FakeHttp::new(vec![Answer::ok(ROLE_CREDENTIALS)]);
    let file = cache(
        "expired.json",
        r#"{"accessToken":"old","expiresAt":"2020-01-01T00:00:00Z"}"#,
    );
    let p = SsoProvider::new(http.clone(), "http://127.0.0.1:1", "1", "r", &file);
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(!e.is_not_loaded());
    assert!(
        e.message().contains("expired") && e.message().contains("aws sso login"),
        "{e:?}"
    );
    let p = SsoProvider::new(
        http.clone(),
        "http://127.0.0.1:1",
        "1",
        "r",
        file.with_extension("none"),
    );
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(e.message().contains("aws sso login"), "{e:?}");
    assert!(http.seen().is_empty());
}

#[test]
fn refused_tokens() {
    let file = cache(
        "refused.json",
        r#"{"accessToken":"bearer-2","expiresAt":"2099-01-01T00:00:00Z"}"#,
    );
    let http = FakeHttp::new(vec![Answer::Reply(
        401,
        vec![(
            "x-amzn-ErrorType".into(),
            "UnauthorizedException:http://x".into(),
        )],
        br#"{"message":"Session token not found or invalid"}"#.to_vec(),
    )]);
    let p = SsoProvider::new(http.clone(), "http://127.0.0.1:1", "1", "r", &file);
    let e = block_on(p.provide_credentials()).unwrap_err();
    assert!(
        e.message()
            .contains("UnauthorizedException: Session token not found or invalid, HTTP 401"),
        "{e:?}"
    );
    assert!(e.message().contains("aws sso login"), "{e:?}");
}
