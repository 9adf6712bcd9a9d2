//! The network credential providers of generated/gamesparks against loopback fakes of the EC2
//! instance metadata service, the container credentials endpoint, STS and the SSO portal,
//! over the default transport: what each sends, what it makes of good, broken and hostile
//! answers, and that a slow or silent fake never holds a call past its timeout plus 1 s.

#[path = "support/server.rs"]
mod server;
#[path = "support/sigv4_check.rs"]
mod sigv4_check;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use gamesparks::config::{
    AssumeRoleProvider, ContainerCredentialsProvider, Credentials, CredentialsError, Env,
    ImdsCredentialsProvider, ProvideCredentials, SsoProvider, StsClient, WebIdentityProvider,
};
use gamesparks::http::{HttpClient, UreqClient, block_on};
use server::{Reply, Request, Server};
use sigv4_check::{parse_authorization, percent_decode, recompute_signature};

fn http() -> Arc<dyn HttpClient> {
    Arc::new(UreqClient::new())
}

fn provide(provider: &dyn ProvideCredentials) -> Result<Credentials, CredentialsError> {
    block_on(provider.provide_credentials())
}

/// Runs `provider` and checks it ended within `limit` plus 1 s, with an error.
fn fails_within(provider: &dyn ProvideCredentials, limit: Duration) -> CredentialsError {
    let start = Instant::now();
    let outcome = provide(provider);
    let elapsed = start.elapsed();
    assert!(
        elapsed <= limit + Duration::from_secs(1),
        "took {elapsed:?}, limit {limit:?}"
    );
    outcome.expect_err("a slow or silent server gives no credentials")
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs()
}

#[derive(Default)]
struct Vars(BTreeMap<String, String>);

impl Vars {
    fn with(mut self, k: &str, v: &str) -> Self {
        self.0.insert(k.into(), v.into());
        self
    }
}

impl Env for Vars {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
    fn read_file(&self, _: &Path) -> Option<String> {
        None
    }
    fn home_dir(&self) -> Option<PathBuf> {
        None
    }
}

/// A fresh directory for this test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("credentials-net-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A response head announcing `length` body bytes at once, then `body` a byte every 100 ms.
fn dribble(length: usize, body: &str) -> Reply {
    Reply::Dribble {
        head: format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
        )
        .into_bytes(),
        rest: body.as_bytes().to_vec(),
        interval: Duration::from_millis(100),
    }
}

// ---------------------------------------------------------------------------------------------
// EC2 instance metadata (IMDSv2)
// ---------------------------------------------------------------------------------------------

const IMDS_CREDENTIALS: &str = r#"{
  "Code" : "Success",
  "LastUpdated" : "2024-05-17T14:48:54Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIAIMDS",
  "SecretAccessKey" : "imds-secret",
  "Token" : "imds-session-token",
  "Expiration" : "2030-05-17T21:09:54Z"
}"#;

fn imds_server() -> Server {
    Server::start(vec![
        Reply::new(200, "IMDS-TOKEN-1"),
        Reply::new(200, "role-a\n"),
        Reply::json(200, IMDS_CREDENTIALS),
    ])
}

#[test]
fn imds_token_then_role_then_credentials() {
    let server = imds_server();
    let provider = ImdsCredentialsProvider::new(http(), server.url());
    let credentials = provide(&provider).unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAIMDS");
    assert_eq!(credentials.secret_access_key(), "imds-secret");
    assert_eq!(credentials.session_token(), Some("imds-session-token"));
    assert_eq!(secs(credentials.expiry().unwrap()), 1_905_282_594);

    let requests = server.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    let token = &requests[0];
    assert_eq!(
        (token.method.as_str(), token.target.as_str()),
        ("PUT", "/latest/api/token")
    );
    assert_eq!(
        token.header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert_eq!(token.header("x-aws-ec2-metadata-token"), None);
    assert_eq!(
        (requests[1].method.as_str(), requests[1].target.as_str()),
        ("GET", "/latest/meta-data/iam/security-credentials/")
    );
    assert_eq!(
        (requests[2].method.as_str(), requests[2].target.as_str()),
        ("GET", "/latest/meta-data/iam/security-credentials/role-a")
    );
    for request in &requests[1..] {
        assert_eq!(
            request.header("x-aws-ec2-metadata-token"),
            Some("IMDS-TOKEN-1")
        );
        assert_eq!(request.header("x-aws-ec2-metadata-token-ttl-seconds"), None);
    }
}

#[test]
fn imds_from_the_environment() {
    let server = imds_server();
    let vars = Vars::default().with("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url());
    let provider = ImdsCredentialsProvider::from_env(&vars, http());
    assert_eq!(provide(&provider).unwrap().access_key_id(), "ASIAIMDS");

    let disabled =
        ImdsCredentialsProvider::from_env(&vars.with("AWS_EC2_METADATA_DISABLED", "true"), http());
    assert!(provide(&disabled).unwrap_err().is_not_loaded());
    assert_eq!(
        server.request_count(),
        3,
        "the disabled provider sent nothing"
    );
}

#[test]
fn imds_without_a_role_or_a_service_is_not_loaded() {
    let server = Server::start(vec![Reply::new(200, "T"), Reply::new(404, "")]);
    let error = provide(&ImdsCredentialsProvider::new(http(), server.url())).unwrap_err();
    assert!(error.is_not_loaded(), "{error:?}");

    // Nothing listening: connection refused on every attempt.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let provider = ImdsCredentialsProvider::new(http(), format!("http://127.0.0.1:{port}"));
    let error = fails_within(&provider, Duration::from_secs(5));
    assert!(error.is_not_loaded(), "{error:?}");
}

#[test]
fn imds_broken_answers_are_provider_errors() {
    for (reply, needle) in [
        (
            Reply::json(
                200,
                r#"{"Code":"AssumeRoleUnauthorizedAccess","Message":"no"}"#,
            ),
            "AssumeRoleUnauthorizedAccess",
        ),
        (Reply::json(200, "{\"AccessKeyId\":"), "not valid JSON"),
        (
            Reply::json(
                200,
                r#"{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}"#,
            ),
            "Expiration",
        ),
        (Reply::new(200, vec![b'x'; 10 << 20]), "larger than"),
        (
            Reply::new(403, "\x1b[2Jforbidden\nrequest-id: FORGED"),
            "HTTP 403",
        ),
    ] {
        let server = Server::start(vec![Reply::new(200, "T"), Reply::new(200, "role"), reply]);
        let provider = ImdsCredentialsProvider::new(http(), server.url());
        let start = Instant::now();
        let error = provide(&provider).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(5));
        assert!(!error.is_not_loaded(), "{error:?}");
        assert!(
            error.message().contains(needle),
            "{needle}: {}",
            error.message()
        );
        assert!(
            !error.message().contains(['\x1b', '\n']),
            "{}",
            error.message()
        );
        assert_eq!(server.request_count(), 3, "{needle}: not retried");
    }
}

#[test]
fn imds_server_errors_are_retried() {
    let server = Server::start(vec![
        Reply::new(503, "busy"),
        Reply::new(200, "T"),
        Reply::new(500, "oops"),
        Reply::new(200, "role"),
        Reply::json(200, IMDS_CREDENTIALS),
    ]);
    let provider = ImdsCredentialsProvider::new(http(), server.url());
    assert_eq!(provide(&provider).unwrap().access_key_id(), "ASIAIMDS");
    assert_eq!(server.request_count(), 5);
}

#[test]
fn imds_silent_or_dribbling_servers_end_within_the_timeout() {
    let limit = Duration::from_millis(1500);
    // Accepts and never answers the token request.
    let server = Server::start(vec![Reply::Hang]);
    let provider = ImdsCredentialsProvider::new(http(), server.url()).with_timeout(limit);
    let error = fails_within(&provider, limit);
    assert!(error.is_not_loaded(), "{error:?}");

    // Answers the token, then dribbles the role listing a byte at a time.
    let server = Server::start(vec![Reply::new(200, "T"), dribble(200, &"r".repeat(200))]);
    let provider = ImdsCredentialsProvider::new(http(), server.url()).with_timeout(limit);
    let error = fails_within(&provider, limit);
    assert!(!error.is_not_loaded(), "{error:?}");

    // Hangs on the credentials.
    let server = Server::start(vec![
        Reply::new(200, "T"),
        Reply::new(200, "role"),
        Reply::Hang,
    ]);
    let provider = ImdsCredentialsProvider::new(http(), server.url()).with_timeout(limit);
    let error = fails_within(&provider, limit);
    assert!(!error.is_not_loaded(), "{error:?}");
}

// ---------------------------------------------------------------------------------------------
// ECS / EKS container credentials
// ---------------------------------------------------------------------------------------------

const CONTAINER_CREDENTIALS: &str = r#"{"AccessKeyId":"ASIAECS","SecretAccessKey":"ecs-secret","Token":"ecs-token","Expiration":"2030-01-01T00:00:00Z","AccountId":"123456789012"}"#;

#[test]
fn container_full_uri_with_a_token_file() {
    let server = Server::start(vec![Reply::json(200, CONTAINER_CREDENTIALS)]);
    let dir = temp_dir("container");
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
    let _ = std::fs::remove_dir_all(&dir);
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
    for reply in [Reply::Hang, dribble(400, &" ".repeat(400))] {
        let server = Server::start(vec![reply]);
        let vars = Vars::default().with("AWS_CONTAINER_CREDENTIALS_FULL_URI", &server.url());
        let provider = ContainerCredentialsProvider::from_env(&vars, http()).with_timeout(limit);
        let error = fails_within(&provider, limit);
        assert!(!error.is_not_loaded(), "{error:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// STS
// ---------------------------------------------------------------------------------------------

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
    let dir = temp_dir("web-identity");
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
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sts_errors_become_provider_errors_with_code_and_message() {
    let server = Server::start(vec![
        Reply::new(400, STS_ERROR).header("Content-Type", "text/xml"),
    ]);
    let dir = temp_dir("sts-error");
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
    let _ = std::fs::remove_dir_all(&dir);
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
    let dir = temp_dir("sts-slow");
    let token = dir.join("token");
    std::fs::write(&token, "jwt").unwrap();
    for reply in [Reply::Hang, dribble(2000, &" ".repeat(2000))] {
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
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// SSO portal
// ---------------------------------------------------------------------------------------------

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
    let home = temp_dir("sso");
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
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn sso_expired_tokens_are_rejected_without_a_request() {
    let server = Server::start(vec![Reply::json(200, ROLE_CREDENTIALS)]);
    let home = temp_dir("sso-expired");
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
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn sso_refused_tokens_and_hostile_answers() {
    let home = temp_dir("sso-refused");
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
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn sso_silent_or_dribbling_portals_end_within_the_timeout() {
    let limit = Duration::from_millis(1500);
    let home = temp_dir("sso-slow");
    let file = sso_cache(&home, "s", "2099-01-01T00:00:00Z");
    for reply in [Reply::Hang, dribble(500, &" ".repeat(500))] {
        let server = Server::start(vec![reply]);
        let provider = SsoProvider::new(http(), server.url(), "1", "r", &file).with_timeout(limit);
        let error = fails_within(&provider, limit);
        assert!(
            error.message().contains("did not answer"),
            "{}",
            error.message()
        );
    }
    let _ = std::fs::remove_dir_all(&home);
}
