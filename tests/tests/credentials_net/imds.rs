//! EC2 instance metadata (IMDSv2).

use super::*;

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
    let server = Server::start(vec![Reply::new(200, "T"), dribble(&"r".repeat(200))]);
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
