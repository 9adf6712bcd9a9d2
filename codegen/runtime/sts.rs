//! Temporary credentials from AWS STS: `AssumeRoleWithWebIdentity` (EKS IRSA and other OIDC
//! federation) and `AssumeRole` (roles in profiles). A minimal awsQuery client: a form POST,
//! and an XML answer read with a small tag reader.

use ::std::path::PathBuf;
use ::std::sync::Arc;
use ::std::time::{Duration, SystemTime};

use super::credentials::{Credentials, CredentialsError, ProvideCredentials};
use super::credentials_http::{self as net, Limits, Request};
use super::error::escaped_prefix;
use super::http::{BoxFuture, HttpClient};
use super::protocol::percent_encode;

/// The STS API version.
const VERSION: &str = "2011-06-15";

/// The default limits: 5 s per attempt, 3 attempts, 15 s for the whole call.
const DEFAULT_LIMITS: Limits = Limits {
    total: Duration::from_secs(15),
    attempt: Duration::from_secs(5),
    attempts: 3,
};

/// The regional STS endpoint, e.g. `https://sts.us-east-1.amazonaws.com`, with the DNS suffix
/// of the region's partition (China, the isolated partitions).
pub fn sts_endpoint(region: &str) -> String {
    format!("https://sts.{region}.{}", net::dns_suffix(region))
}

/// A minimal STS client: an endpoint, the region requests are signed for, and an HTTP client.
///
/// By default each call makes up to 3 attempts of 5 s each (for connection failures,
/// timeouts, throttling and 5xx answers) and ends within 15 s.
#[derive(Clone, Debug)]
pub struct StsClient {
    http: Arc<dyn HttpClient>,
    endpoint: String,
    region: String,
    limits: Limits,
}

impl StsClient {
    /// A client for the STS endpoint `endpoint` (e.g. from [`sts_endpoint`], or a loopback
    /// URL in tests), signing for `region`.
    pub fn new(
        http: Arc<dyn HttpClient>,
        endpoint: impl Into<String>,
        region: impl Into<String>,
    ) -> Self {
        StsClient {
            http,
            endpoint: endpoint.into().trim().trim_end_matches('/').to_owned(),
            region: region.into(),
            limits: DEFAULT_LIMITS,
        }
    }

    net::limit_setters!("15 s", "5 s");

    /// The endpoint.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The signing region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// Calls `action` with `params`, signed with `signer` when given, and reads the
    /// `<Credentials>` of its result.
    async fn call(
        &self,
        action: &str,
        params: &[(&str, &str)],
        signer: Option<&Credentials>,
    ) -> Result<Credentials, CredentialsError> {
        let fail = |m: String| CredentialsError::provider_error(format!("STS {action}: {m}"));
        let url = net::parse_url(&self.endpoint).map_err(fail)?;
        if !net::is_valid_region(&self.region) {
            return Err(fail(format!(
                "`{}` is not a valid region",
                escaped_prefix(&self.region, 80)
            )));
        }
        let mut body = format!("Action={action}&Version={VERSION}");
        for (name, value) in params {
            body.push('&');
            body.push_str(name);
            body.push('=');
            body.push_str(&percent_encode(value, false));
        }
        let mut headers = vec![
            ("host".to_owned(), url.authority.clone()),
            (
                "content-type".to_owned(),
                "application/x-www-form-urlencoded; charset=utf-8".to_owned(),
            ),
        ];
        if let Some(credentials) = signer {
            let unix = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            let amz_date = super::sigv4::amz_date(unix);
            let (path, query) = url
                .path_and_query
                .split_once('?')
                .unwrap_or((url.path_and_query.as_str(), ""));
            let (added, _) = super::sigv4::sign(
                "POST",
                path,
                query,
                &headers,
                body.as_bytes(),
                &super::sigv4::SigningCredentials {
                    access_key_id: credentials.access_key_id(),
                    secret_access_key: credentials.secret_access_key(),
                    session_token: credentials.session_token(),
                },
                &super::sigv4::SigningParams {
                    region: &self.region,
                    service: "sts",
                    amz_date: &amz_date,
                    content_sha256_header: false,
                    normalize_path: true,
                    double_encode: true,
                },
            );
            headers.extend(added);
        }
        let request = Request {
            method: "POST",
            url: self.endpoint.clone(),
            headers,
            body: body.into_bytes(),
        };
        let work = async {
            let response = net::fetch(&*self.http, &request, &self.limits)
                .await
                .map_err(|e| fail(e.message().to_owned()))?;
            if response.status != 200 {
                return Err(fail(error_message(response.status, &response.body)));
            }
            parse_credentials(action, &response.body).map_err(fail)
        };
        net::with_timeout(self.limits.total, work)
            .await
            .unwrap_or_else(|| {
                Err(fail(format!(
                    "{} did not answer within {} ms",
                    self.endpoint,
                    self.limits.total.as_millis()
                )))
            })
    }
}

/// A session name when none is configured: the crate's name and the time in milliseconds,
/// as the AWS SDKs do.
fn default_session_name() -> String {
    let millis = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let mut name = format!("{}-{millis}", env!("CARGO_PKG_NAME"));
    name.truncate(64);
    name
}

/// Checks a session name: 2 to 64 of letters, digits and `+=,.@_-`.
fn check_session_name(name: &str) -> Result<(), String> {
    let valid = (2..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "the role session name `{}` is not 2 to 64 of letters, digits and +=,.@_-",
            escaped_prefix(name, 80)
        ))
    }
}

/// Credentials for a role assumed with a web identity token (an OIDC JWT), through STS
/// `AssumeRoleWithWebIdentity`, which is not signed. This is what EKS IAM Roles for Service
/// Accounts (`AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_SESSION_NAME`) use.
///
/// The token file is read anew on each call (it is rotated), and may be at most 64 KiB.
#[derive(Clone, Debug)]
pub struct WebIdentityProvider {
    sts: StsClient,
    role_arn: String,
    token_file: PathBuf,
    session_name: Option<String>,
}

impl WebIdentityProvider {
    /// A provider assuming `role_arn` with the token in `token_file`, as session
    /// `session_name` (default: the crate's name and the time).
    pub fn new(
        sts: StsClient,
        role_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
        session_name: Option<String>,
    ) -> Self {
        WebIdentityProvider {
            sts,
            role_arn: role_arn.into(),
            token_file: token_file.into(),
            session_name,
        }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let fail = |m: String| {
            CredentialsError::provider_error(format!("STS AssumeRoleWithWebIdentity: {m}"))
        };
        let token = net::read_token_file(&self.token_file)
            .map_err(|e| fail(format!("the web identity token file {e}")))?;
        let token = token.trim();
        if token.is_empty() {
            return Err(fail(format!(
                "the web identity token file `{}` is empty",
                self.token_file.display()
            )));
        }
        let session = self
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        check_session_name(&session).map_err(fail)?;
        self.sts
            .call(
                "AssumeRoleWithWebIdentity",
                &[
                    ("RoleArn", &self.role_arn),
                    ("RoleSessionName", &session),
                    ("WebIdentityToken", token),
                ],
                None,
            )
            .await
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// Credentials for a role assumed through STS `AssumeRole`, signed (SigV4) with the
/// credentials of a source provider: a profile's `role_arn` with `source_profile` or
/// `credential_source`. Chains are built by making the source another `AssumeRoleProvider`.
///
/// MFA (`mfa_serial`) and `duration_seconds` are not supported.
#[derive(Clone, Debug)]
pub struct AssumeRoleProvider {
    sts: StsClient,
    source: Arc<dyn ProvideCredentials>,
    role_arn: String,
    session_name: Option<String>,
    external_id: Option<String>,
}

impl AssumeRoleProvider {
    /// A provider assuming `role_arn` with credentials from `source`, as session
    /// `session_name` (default: the crate's name and the time), with `external_id` if given.
    pub fn new(
        sts: StsClient,
        source: Arc<dyn ProvideCredentials>,
        role_arn: impl Into<String>,
        session_name: Option<String>,
        external_id: Option<String>,
    ) -> Self {
        AssumeRoleProvider {
            sts,
            source,
            role_arn: role_arn.into(),
            session_name,
            external_id,
        }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let source = self.source.provide_credentials().await.map_err(|e| {
            CredentialsError::provider_error(format!(
                "STS AssumeRole {}: no source credentials: {}",
                escaped_prefix(&self.role_arn, 200),
                e.message()
            ))
        })?;
        let session = self
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        check_session_name(&session)
            .map_err(|m| CredentialsError::provider_error(format!("STS AssumeRole: {m}")))?;
        let mut params = vec![
            ("RoleArn", self.role_arn.as_str()),
            ("RoleSessionName", session.as_str()),
        ];
        if let Some(id) = &self.external_id {
            params.push(("ExternalId", id));
        }
        self.sts.call("AssumeRole", &params, Some(&source)).await
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// The credentials in a successful answer to `action`: the `<Credentials>` element of its
/// `<{action}Result>`.
pub(crate) fn parse_credentials(action: &str, body: &[u8]) -> Result<Credentials, String> {
    let text = ::std::str::from_utf8(body).map_err(|_| "the answer is not UTF-8".to_owned())?;
    let result = element(text, &format!("{action}Result"))
        .ok_or_else(|| format!("the answer has no {action}Result: {}", net::excerpt(body)))?;
    let credentials =
        element(result, "Credentials").ok_or_else(|| "the answer has no Credentials".to_owned())?;
    let field = |name: &str| element(credentials, name).and_then(unescape);
    let expiry = match field("Expiration") {
        Some(text) => Some(
            net::parse_rfc3339(text.trim())
                .ok_or_else(|| "`Expiration` is not an RFC 3339 timestamp".to_owned())?,
        ),
        None => None,
    };
    let id = field("AccessKeyId");
    let secret = field("SecretAccessKey");
    let token = field("SessionToken");
    net::checked_credentials(
        "the answer",
        id.as_deref().map(str::trim),
        secret.as_deref().map(str::trim),
        token.as_deref().map(str::trim),
        expiry,
    )
    .map_err(|e| e.message().to_owned())
}

/// The message for an error answer: its `<Code>` and `<Message>` when it has them (an awsQuery
/// `<ErrorResponse><Error>`), else an excerpt; and the status.
pub(crate) fn error_message(status: u16, body: &[u8]) -> String {
    let text = ::std::str::from_utf8(body).unwrap_or("");
    let error = element(text, "Error");
    let field = |name: &str| {
        error
            .and_then(|e| element(e, name))
            .and_then(unescape)
            .map(|s| escaped_prefix(s.trim(), 300))
            .filter(|s| !s.is_empty())
    };
    match (field("Code"), field("Message")) {
        (Some(code), Some(message)) => format!("{code}: {message} (HTTP {status})"),
        (Some(code), None) => format!("{code} (HTTP {status})"),
        _ => format!("HTTP {status}: {}", net::excerpt(body)),
    }
}

/// The content of the first element named `name` in `xml` (not a parser: enough for STS's
/// flat, namespace-free answers). `None` when there is no such element or it is not closed;
/// an empty element (`<a/>` or `<a></a>`) has empty content.
pub(crate) fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let start = from + xml.get(from..)?.find(&open)?;
        let after = start + open.len();
        let rest = xml.get(after..)?;
        match rest.bytes().next()? {
            b'>' => {
                let content_start = after + 1;
                let close = format!("</{name}>");
                let end = content_start + xml.get(content_start..)?.find(&close)?;
                return xml.get(content_start..end);
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'/' => {
                let tag_end = after + rest.find('>')?;
                if xml.get(..tag_end)?.ends_with('/') {
                    return Some("");
                }
                let content_start = tag_end + 1;
                let close = format!("</{name}>");
                let end = content_start + xml.get(content_start..)?.find(&close)?;
                return xml.get(content_start..end);
            }
            // A longer name with this prefix: keep looking.
            _ => from = after,
        }
    }
}

/// Text content with XML's entity and character references decoded; `None` when it holds
/// markup or a malformed reference.
pub(crate) fn unescape(text: &str) -> Option<String> {
    if text.contains('<') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp)?);
        let after = rest.get(amp + 1..)?;
        let semi = after.find(';')?;
        let name = after.get(..semi)?;
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse::<u32>().ok()?
                };
                char::from_u32(code)?
            }
        };
        out.push(c);
        rest = after.get(semi + 1..)?;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
#[path = "tests/sts.rs"]
mod tests;
