//! Answers of fake credential services, for scripted loopback servers (`server.rs`): STS,
//! the SSO portal, the container credentials endpoint and EC2 instance metadata. Each answer
//! carries the access key id a test expects to see a request signed with.

use crate::server::Reply;

/// An expiry far ahead, so no refresh happens during a test.
pub const EXPIRATION: &str = "2099-01-01T00:00:00Z";

/// STS `AssumeRole` (or `AssumeRoleWithWebIdentity` with `action`) answering `key`.
pub fn sts(action: &str, key: &str) -> Reply {
    Reply::new(
        200,
        format!(
            "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
             <Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{key}-secret</SecretAccessKey>\
             <SessionToken>{key}-token</SessionToken><Expiration>{EXPIRATION}</Expiration></Credentials>\
             </{action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>"
        ),
    )
    .header("Content-Type", "text/xml")
}

/// The SSO portal's `GetRoleCredentials` answering `key`.
pub fn sso(key: &str) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"roleCredentials":{{"accessKeyId":"{key}","secretAccessKey":"{key}-secret","sessionToken":"{key}-token","expiration":4070908800000}}}}"#
        ),
    )
}

/// A cached SSO token (what `aws sso login` writes), valid until 2099.
pub fn sso_token_json() -> String {
    format!(
        r#"{{"startUrl":"https://d-1.awsapps.com/start","region":"us-east-1","accessToken":"bearer-1","expiresAt":"{EXPIRATION}"}}"#
    )
}

/// The container endpoint answering `key`.
pub fn container(key: &str) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"AccessKeyId":"{key}","SecretAccessKey":"{key}-secret","Token":"{key}-token","Expiration":"{EXPIRATION}"}}"#
        ),
    )
}

/// Instance metadata's three answers for credentials: the session token, the role name, and
/// the role's credentials (`key`).
pub fn imds_credentials(key: &str) -> Vec<Reply> {
    vec![
        Reply::new(200, "imds-session-token"),
        Reply::new(200, "the-role"),
        Reply::json(
            200,
            &format!(
                r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{key}","SecretAccessKey":"{key}-secret","Token":"{key}-token","Expiration":"{EXPIRATION}"}}"#
            ),
        ),
    ]
}

/// Instance metadata's two answers for the region: the session token and the region.
pub fn imds_region(region: &str) -> Vec<Reply> {
    vec![
        Reply::new(200, "imds-session-token"),
        Reply::new(200, region),
    ]
}
