//! STS: `AssumeRoleWithWebIdentity`, `AssumeRole` and chains, with the signatures recomputed.

use super::*;

const WEB_IDENTITY_ANSWER: &str = r#"<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:default:app</SubjectFromWebIdentityToken>
    <Credentials>
      <AccessKeyId>ASIAWEB</AccessKeyId>
      <SecretAccessKey>web/secret+key</SecretAccessKey>
      <SessionToken>web-token&amp;more</SessionToken>
      <Expiration>2030-01-01T00:00:00Z</Expiration>
    </Credentials>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>"#;

const ASSUME_ROLE_ANSWER: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/target/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAROLE</AccessKeyId>
      <SecretAccessKey>role-secret</SecretAccessKey>
      <SessionToken>role-token</SessionToken>
      <Expiration>2030-01-01T01:00:00Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>"#;

const STS_ERROR: &str = r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>InvalidIdentityToken</Code>
    <Message>Couldn't retrieve verification key from your identity provider</Message>
  </Error>
  <RequestId>req-2</RequestId>
</ErrorResponse>"#;

/// The form fields of a request body, decoded.
fn form(request: &Request) -> BTreeMap<String, String> {
    std::str::from_utf8(&request.body)
        .unwrap()
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (k.to_owned(), String::from_utf8(percent_decode(v)).unwrap())
        })
        .collect()
}

fn web_identity(server: &Server, token_file: &Path) -> WebIdentityProvider {
    let sts = StsClient::new(http(), server.url(), "us-west-2");
    WebIdentityProvider::new(
        sts,
        "arn:aws:iam::123456789012:role/irsa",
        token_file,
        Some("app-session".into()),
    )
}

#[test]
fn sts_web_identity_sends_the_form_unsigned() {
    let server = Server::start(vec![
        Reply::new(200, WEB_IDENTITY_ANSWER).header("Content-Type", "text/xml"),
    ]);
    let dir = TempDir::new("credentials-net-web-identity");
    let token = dir.join("token");
    std::fs::write(&token, "eyJhbGciOi.payload.signature\n").unwrap();
    let credentials = provide(&web_identity(&server, &token)).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAWEB");
    assert_eq!(credentials.secret_access_key(), "web/secret+key");
    assert_eq!(credentials.session_token(), Some("web-token&more"));
    assert_eq!(secs(credentials.expiry().unwrap()), 1_893_456_000);

    let request = server.single_request();
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    assert_eq!(
        request.header("authorization"),
        None,
        "AssumeRoleWithWebIdentity is unsigned"
    );
    let fields = form(&request);
    let expected: BTreeMap<String, String> = [
        ("Action", "AssumeRoleWithWebIdentity"),
        ("Version", "2011-06-15"),
        ("RoleArn", "arn:aws:iam::123456789012:role/irsa"),
        ("RoleSessionName", "app-session"),
        ("WebIdentityToken", "eyJhbGciOi.payload.signature"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(fields, expected);
}

#[test]
fn sts_errors_become_provider_errors_with_code_and_message() {
    let server = Server::start(vec![
        Reply::new(400, STS_ERROR).header("Content-Type", "text/xml"),
    ]);
    let dir = TempDir::new("credentials-net-sts-error");
    let token = dir.join("token");
    std::fs::write(&token, "jwt").unwrap();
    let error = provide(&web_identity(&server, &token)).unwrap_err();
    assert!(!error.is_not_loaded());
    assert_eq!(
        error.message(),
        "STS AssumeRoleWithWebIdentity: InvalidIdentityToken: Couldn't retrieve verification key from your identity provider (HTTP 400)"
    );
    assert_eq!(server.request_count(), 1, "a 400 is not retried");

    // Not XML at all, and a missing token file.
    let server = Server::start(vec![Reply::new(200, "<html>\n<h1>proxy</h1>")]);
    let error = provide(&web_identity(&server, &token)).unwrap_err();
    assert!(
        error.message().contains("AssumeRoleWithWebIdentityResult"),
        "{}",
        error.message()
    );
    assert!(!error.message().contains('\n'), "{}", error.message());
    let error = provide(&web_identity(&server, &dir.join("missing"))).unwrap_err();
    assert!(
        !error.is_not_loaded() && error.message().contains("token file"),
        "{error:?}"
    );
}

/// Checks a request's SigV4 signature independently of the client (`sigv4_check.rs`), and
/// that it names `access_key`, `region` and `service` and signs `host`.
fn assert_signed_by(
    request: &Request,
    access_key: &str,
    secret: &str,
    region: &str,
    service: &str,
) {
    let auth = parse_authorization(request.header("authorization").expect("signed"));
    assert_eq!(auth.access_key, access_key);
    assert_eq!(
        [auth.region.as_str(), &auth.service, &auth.terminator],
        [region, service, "aws4_request"]
    );
    assert!(
        auth.signed_headers.iter().any(|h| h == "host"),
        "{:?}",
        auth.signed_headers
    );
    let amz_date = request.header("x-amz-date").expect("X-Amz-Date");
    assert_eq!(&amz_date[..8], auth.date);
    assert_eq!(recompute_signature(request, secret, &auth), auth.signature);
}

#[test]
fn sts_assume_role_is_signed_by_the_source_credentials() {
    let server = Server::start(vec![Reply::new(200, ASSUME_ROLE_ANSWER)]);
    let source = Arc::new(Credentials::new(
        "AKIDSOURCE",
        "source/secret",
        Some("source-token".into()),
    ));
    let provider = AssumeRoleProvider::new(
        StsClient::new(http(), server.url(), "eu-central-1"),
        source,
        "arn:aws:iam::1:role/target",
        Some("chained".into()),
        Some("external-42".into()),
    );
    let credentials = provide(&provider).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAROLE");
    assert_eq!(credentials.session_token(), Some("role-token"));

    let request = server.single_request();
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_signed_by(
        &request,
        "AKIDSOURCE",
        "source/secret",
        "eu-central-1",
        "sts",
    );
    assert_eq!(request.header("x-amz-security-token"), Some("source-token"));
    let fields = form(&request);
    assert_eq!(fields["Action"], "AssumeRole");
    assert_eq!(fields["RoleArn"], "arn:aws:iam::1:role/target");
    assert_eq!(fields["RoleSessionName"], "chained");
    assert_eq!(fields["ExternalId"], "external-42");
}

#[test]
fn sts_role_chains_sign_each_step_with_the_previous_credentials() {
    let server = Server::start(vec![
        Reply::new(200, ASSUME_ROLE_ANSWER),
        Reply::new(200, ASSUME_ROLE_ANSWER.replace("ASIAROLE", "ASIASECOND")),
    ]);
    let sts = StsClient::new(http(), server.url(), "us-east-1");
    let first = Arc::new(AssumeRoleProvider::new(
        sts.clone(),
        Arc::new(Credentials::new("AKIDBASE", "base-secret", None)),
        "arn:aws:iam::1:role/first",
        None,
        None,
    ));
    let second = AssumeRoleProvider::new(sts, first, "arn:aws:iam::2:role/second", None, None);
    assert_eq!(provide(&second).unwrap().access_key_id(), "ASIASECOND");
    let requests = server.requests();
    assert_signed_by(&requests[0], "AKIDBASE", "base-secret", "us-east-1", "sts");
    assert_eq!(requests[0].header("x-amz-security-token"), None);
    assert_signed_by(&requests[1], "ASIAROLE", "role-secret", "us-east-1", "sts");
    assert_eq!(
        requests[1].header("x-amz-security-token"),
        Some("role-token")
    );
    assert_eq!(form(&requests[1])["RoleArn"], "arn:aws:iam::2:role/second");
}

#[test]
fn sts_silent_or_dribbling_servers_end_within_the_timeout() {
    let limit = Duration::from_millis(1500);
    let dir = TempDir::new("credentials-net-sts-slow");
    let token = dir.join("token");
    std::fs::write(&token, "jwt").unwrap();
    for reply in [Reply::Hang, dribble(&" ".repeat(2000))] {
        let server = Server::start(vec![reply]);
        let sts = StsClient::new(http(), server.url(), "us-east-1").with_timeout(limit);
        let provider = WebIdentityProvider::new(sts, "arn", &token, None);
        let error = fails_within(&provider, limit);
        assert!(
            error.message().contains("did not answer"),
            "{}",
            error.message()
        );
    }
}
