//! Tests of `sts.rs`, compiled as its `tests` module.

use super::super::credentials_http::tests::{Answer, FakeHttp, mutations};
use super::super::exec::block_on;
use super::*;

const WEB_IDENTITY_ANSWER: &str = r#"<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:ns:sa</SubjectFromWebIdentityToken>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>
      <AssumedRoleId>AROA:s</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>FwoG&amp;token</SessionToken>
      <SecretAccessKey>wJalr/secret+key</SecretAccessKey>
      <Expiration>2030-10-24T23:00:23Z</Expiration>
      <AccessKeyId>ASIAWEB</AccessKeyId>
    </Credentials>
    <Provider>oidc.eks.amazonaws.com</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>"#;

const ASSUME_ROLE_ANSWER: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAROLE</AccessKeyId>
      <SecretAccessKey>role-secret</SecretAccessKey>
      <SessionToken>role-token</SessionToken>
      <Expiration>2030-01-01T00:00:00.000Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>"#;

const ERROR_ANSWER: &str = r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>AccessDenied</Code>
    <Message>Not authorized to perform sts:AssumeRole &lt;here&gt;</Message>
  </Error>
  <RequestId>r-2</RequestId>
</ErrorResponse>"#;

#[test]
fn endpoints() {
    assert_eq!(
        sts_endpoint("us-east-1"),
        "https://sts.us-east-1.amazonaws.com"
    );
    assert_eq!(
        sts_endpoint("cn-north-1"),
        "https://sts.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(
        sts_endpoint("us-gov-west-1"),
        "https://sts.us-gov-west-1.amazonaws.com"
    );
}

#[test]
fn the_tag_reader() {
    assert_eq!(element("<a><b>x</b></a>", "b"), Some("x"));
    assert_eq!(element("<ab>1</ab><a>2</a>", "a"), Some("2"));
    assert_eq!(element("<a x=\"1\">y</a>", "a"), Some("y"));
    assert_eq!(element("<a/>", "a"), Some(""));
    assert_eq!(element("<a />", "a"), Some(""));
    assert_eq!(element("<a>open", "a"), None);
    assert_eq!(element("<a", "a"), None);
    assert_eq!(element("", "a"), None);
    assert_eq!(
        unescape("a&amp;b&lt;&#65;&#x42;").as_deref(),
        Some("a&b<AB")
    );
    assert_eq!(unescape("a&bogus;"), None);
    assert_eq!(unescape("a&amp"), None);
    assert_eq!(unescape("&#xD800;"), None);
    assert_eq!(unescape("<x/>"), None);
}

#[test]
fn parses_answers() {
    let c = parse_credentials("AssumeRoleWithWebIdentity", WEB_IDENTITY_ANSWER.as_bytes()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAWEB");
    assert_eq!(c.secret_access_key(), "wJalr/secret+key");
    assert_eq!(c.session_token(), Some("FwoG&token"));
    assert!(c.expiry().is_some());
    let c = parse_credentials("AssumeRole", ASSUME_ROLE_ANSWER.as_bytes()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAROLE");
    // The wrong action's answer.
    assert!(parse_credentials("AssumeRole", WEB_IDENTITY_ANSWER.as_bytes()).is_err());
    assert!(parse_credentials("AssumeRole", b"<html>nope</html>").is_err());
    assert!(parse_credentials("AssumeRole", b"\xff").is_err());
    let no_secret =
        ASSUME_ROLE_ANSWER.replace("<SecretAccessKey>role-secret</SecretAccessKey>", "");
    assert!(
        parse_credentials("AssumeRole", no_secret.as_bytes())
            .unwrap_err()
            .contains("secret access key")
    );
    let bad_time = ASSUME_ROLE_ANSWER.replace("2030-01-01T00:00:00.000Z", "tomorrow");
    assert!(
        parse_credentials("AssumeRole", bad_time.as_bytes())
            .unwrap_err()
            .contains("Expiration")
    );
}

#[test]
fn error_answers() {
    assert_eq!(
        error_message(403, ERROR_ANSWER.as_bytes()),
        "AccessDenied: Not authorized to perform sts:AssumeRole <here> (HTTP 403)"
    );
    let forged = ERROR_ANSWER.replace("Not authorized", "x\nrequest-id: FORGED\x1b[2J");
    let message = error_message(403, forged.as_bytes());
    assert!(
        !message.contains('\n') && !message.contains('\x1b'),
        "{message}"
    );
    assert_eq!(
        error_message(502, b"<html>\n</html>"),
        "HTTP 502: <html>\\n</html>"
    );
}

#[test]
fn hostile_answers_never_panic() {
    mutations(
        &[
            WEB_IDENTITY_ANSWER.as_bytes(),
            ASSUME_ROLE_ANSWER.as_bytes(),
            ERROR_ANSWER.as_bytes(),
        ],
        4000,
        |bytes| {
            let _ = parse_credentials("AssumeRole", bytes);
            let _ = parse_credentials("AssumeRoleWithWebIdentity", bytes);
            let _ = error_message(400, bytes);
            if let Ok(text) = ::std::str::from_utf8(bytes) {
                let _ = unescape(text);
            }
        },
    );
}

fn token_file(name: &str, text: &str) -> PathBuf {
    let dir = ::std::env::temp_dir().join(format!("credsnet-sts-{}", ::std::process::id()));
    ::std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    ::std::fs::write(&file, text).unwrap();
    file
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    ::std::str::from_utf8(body)
        .unwrap()
        .split('&')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

#[test]
fn web_identity_request() {
    let http = FakeHttp::new(vec![Answer::ok(WEB_IDENTITY_ANSWER)]);
    let sts = StsClient::new(http.clone(), "http://127.0.0.1:1/", "us-west-2");
    let file = token_file("web", "eyJ.jwt.sig\n");
    let provider = WebIdentityProvider::new(
        sts,
        "arn:aws:iam::123456789012:role/r",
        &file,
        Some("my-session".into()),
    );
    let c = block_on(provider.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAWEB");
    let seen = http.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].url.as_str()),
        ("POST", "http://127.0.0.1:1")
    );
    assert_eq!(seen[0].header("host"), Some("127.0.0.1:1"));
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    assert_eq!(seen[0].header("authorization"), None, "not signed");
    let fields = form(&seen[0].body);
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("Action"), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(get("Version"), Some("2011-06-15"));
    assert_eq!(
        get("RoleArn"),
        Some("arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr")
    );
    assert_eq!(get("RoleSessionName"), Some("my-session"));
    assert_eq!(get("WebIdentityToken"), Some("eyJ.jwt.sig"));

    ::std::fs::write(&file, "").unwrap();
    assert!(
        block_on(provider.provide_credentials())
            .unwrap_err()
            .message()
            .contains("empty")
    );
    ::std::fs::remove_file(&file).unwrap();
    let e = block_on(provider.provide_credentials()).unwrap_err();
    assert!(
        !e.is_not_loaded() && e.message().contains("token file"),
        "{e:?}"
    );
}

#[test]
fn assume_role_is_signed_by_the_source() {
    let http = FakeHttp::new(vec![Answer::ok(ASSUME_ROLE_ANSWER)]);
    let sts = StsClient::new(http.clone(), "http://127.0.0.1:1", "eu-west-1");
    let source: Arc<dyn ProvideCredentials> = Arc::new(Credentials::new(
        "AKIDSOURCE",
        "source-secret",
        Some("source-token".into()),
    ));
    let provider = AssumeRoleProvider::new(
        sts,
        source,
        "arn:aws:iam::1:role/target",
        None,
        Some("ext-1".into()),
    );
    let c = block_on(provider.provide_credentials()).unwrap();
    assert_eq!(c.access_key_id(), "ASIAROLE");
    let seen = &http.seen()[0];
    let auth = seen.header("authorization").unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDSOURCE/"),
        "{auth}"
    );
    assert!(auth.contains("/eu-west-1/sts/aws4_request"), "{auth}");
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"),
        "{auth}"
    );
    assert_eq!(seen.header("x-amz-security-token"), Some("source-token"));
    let fields = form(&seen.body);
    assert!(fields.contains(&("ExternalId".into(), "ext-1".into())));
    let session = fields.iter().find(|(k, _)| k == "RoleSessionName").unwrap();
    assert!(session.1.starts_with(env!("CARGO_PKG_NAME")), "{session:?}");
}

#[test]
fn failures() {
    let http = FakeHttp::new(vec![Answer::status(403, ERROR_ANSWER)]);
    let sts = StsClient::new(http.clone(), "http://127.0.0.1:1", "eu-west-1");
    let source: Arc<dyn ProvideCredentials> = Arc::new(Credentials::new("A", "S", None));
    let provider = AssumeRoleProvider::new(sts.clone(), source, "arn", Some("s1".into()), None);
    let e = block_on(provider.provide_credentials()).unwrap_err();
    assert!(!e.is_not_loaded());
    assert!(
        e.message()
            .contains("STS AssumeRole: AccessDenied: Not authorized"),
        "{e:?}"
    );
    assert_eq!(http.seen().len(), 1, "a 403 is not retried");

    // A failing source: no request at all.
    #[derive(Debug)]
    struct Failing;
    impl ProvideCredentials for Failing {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            Box::pin(async { Err(CredentialsError::not_loaded("nothing here")) })
        }
    }
    let provider = AssumeRoleProvider::new(sts.clone(), Arc::new(Failing), "arn", None, None);
    let e = block_on(provider.provide_credentials()).unwrap_err();
    assert!(
        !e.is_not_loaded() && e.message().contains("nothing here"),
        "{e:?}"
    );
    assert_eq!(http.seen().len(), 1);

    // Bad session names and regions are refused before sending.
    let bad = AssumeRoleProvider::new(
        sts,
        Arc::new(Credentials::new("A", "S", None)),
        "arn",
        Some("no spaces".into()),
        None,
    );
    assert!(block_on(bad.provide_credentials()).is_err());
    let bad_region = StsClient::new(http.clone(), "http://127.0.0.1:1", "a/b c");
    let bad = AssumeRoleProvider::new(
        bad_region,
        Arc::new(Credentials::new("A", "S", None)),
        "arn",
        None,
        None,
    );
    assert!(
        block_on(bad.provide_credentials())
            .unwrap_err()
            .message()
            .contains("region")
    );
    assert_eq!(http.seen().len(), 1);
}
