//! Credentials of the IAM role attached to an EC2 instance, from the instance metadata service
//! (IMDSv2 only): a session token from `PUT /latest/api/token`, then the role name from
//! `GET /latest/meta-data/iam/security-credentials/`, then that role's credentials.

use ::std::sync::Arc;
use ::std::sync::atomic::{AtomicBool, Ordering};
use ::std::time::Duration;

use super::credentials::{Credentials, CredentialsError, Env, ProvideCredentials};
use super::credentials_http::{self as net, FetchError, Limits, Request};
use super::error::escaped_prefix;
use super::http::{BoxFuture, HttpClient};

/// The IPv4 address of the instance metadata service.
const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
/// Its IPv6 address (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`).
const DEFAULT_ENDPOINT_V6: &str = "http://[fd00:ec2::254]";
/// The lifetime asked for a session token, in seconds (the AWS SDKs' value: six hours).
const TOKEN_TTL_SECONDS: &str = "21600";
/// The header that asks for a session token's lifetime.
const TOKEN_TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";
/// The header that carries the session token.
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
/// The longest session token accepted.
const MAX_TOKEN: usize = 4096;

/// The default limits: 1 s per attempt, 3 attempts per request, 5 s for the whole call.
const DEFAULT_LIMITS: Limits = Limits {
    total: Duration::from_secs(5),
    attempt: Duration::from_secs(1),
    attempts: 3,
};

/// Credentials from the EC2 instance metadata service (IMDSv2).
///
/// Each call asks for a session token (`PUT /latest/api/token` with
/// `x-aws-ec2-metadata-token-ttl-seconds: 21600`), then the name of the instance's role, then
/// its credentials, which carry their expiry. IMDSv1 (requests without a token) is not used.
///
/// By default each request gets 1 s per attempt and 3 attempts (for connection failures,
/// timeouts, throttling and 5xx answers), and the whole call ends within 5 s.
///
/// When nothing answers the token request (not on EC2), or the instance has no role, or
/// `AWS_EC2_METADATA_DISABLED=true` (with [`ImdsCredentialsProvider::from_env`]), the error is
/// "not loaded", so a chain moves on; any other failure is a provider error.
#[derive(Clone, Debug)]
pub struct ImdsCredentialsProvider {
    http: Arc<dyn HttpClient>,
    endpoint: Result<String, String>,
    disabled: bool,
    limits: Limits,
}

impl ImdsCredentialsProvider {
    /// A provider asking the metadata service at `endpoint`, e.g. `http://169.254.169.254`.
    pub fn new(http: Arc<dyn HttpClient>, endpoint: impl Into<String>) -> Self {
        ImdsCredentialsProvider {
            http,
            endpoint: net::checked_endpoint(&endpoint.into()),
            disabled: false,
            limits: DEFAULT_LIMITS,
        }
    }

    /// A provider configured by the environment, as the AWS SDKs read it:
    /// `AWS_EC2_METADATA_DISABLED` (`true` turns it off: it then answers "not loaded"),
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT` (the endpoint), else
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`IPv4`, the default, or `IPv6`).
    ///
    /// A malformed endpoint or mode makes each call fail with a provider error naming it.
    pub fn from_env(env: &dyn Env, http: Arc<dyn HttpClient>) -> Self {
        let var = |name: &str| {
            env.var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let disabled =
            var("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let endpoint = match var("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            Some(url) => net::checked_endpoint(&url)
                .map_err(|e| format!("AWS_EC2_METADATA_SERVICE_ENDPOINT: {e}")),
            None => endpoint_for_mode(var("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").as_deref())
                .map(str::to_owned),
        };
        ImdsCredentialsProvider {
            http,
            endpoint,
            disabled,
            limits: DEFAULT_LIMITS,
        }
    }

    net::limit_setters!("5 s", "1 s");

    /// The endpoint asked, or why it is unusable.
    pub fn endpoint(&self) -> Result<&str, &str> {
        match &self.endpoint {
            Ok(e) => Ok(e),
            Err(e) => Err(e),
        }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        if self.disabled {
            return Err(CredentialsError::not_loaded(
                "the instance metadata service is disabled (AWS_EC2_METADATA_DISABLED=true)",
            ));
        }
        let endpoint = self.endpoint.as_deref().map_err(|e| {
            CredentialsError::provider_error(format!("instance metadata service: {e}"))
        })?;
        let total = self.limits.total;
        let got_token = AtomicBool::new(false);
        let work = async {
            let token = get_token(&*self.http, endpoint, &self.limits).await?;
            got_token.store(true, Ordering::Relaxed);
            let list_url = format!("{endpoint}/latest/meta-data/iam/security-credentials/");
            let listing = get(&*self.http, &list_url, &token, &self.limits).await?;
            if listing.status == 404 {
                return Err(CredentialsError::not_loaded(
                    "the instance metadata service has no IAM role for this instance",
                ));
            }
            let listing = expect_ok(listing, &list_url)?;
            let role = parse_role_name(&listing)?;
            let url = format!("{list_url}{role}");
            let response = get(&*self.http, &url, &token, &self.limits).await?;
            let body = expect_ok(response, &url)?;
            parse_credentials(&body)
        };
        net::with_timeout(total, work).await.unwrap_or_else(|| {
            let message = format!(
                "the instance metadata service at {endpoint} did not answer within {} ms",
                total.as_millis()
            );
            // Nothing ever answered: most likely this is not EC2.
            Err(if got_token.load(Ordering::Relaxed) {
                CredentialsError::provider_error(message)
            } else {
                CredentialsError::not_loaded(message)
            })
        })
    }
}

impl ProvideCredentials for ImdsCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// The endpoint for an `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` value.
fn endpoint_for_mode(mode: Option<&str>) -> Result<&'static str, String> {
    match mode {
        None => Ok(DEFAULT_ENDPOINT),
        Some(m) if m.eq_ignore_ascii_case("ipv4") => Ok(DEFAULT_ENDPOINT),
        Some(m) if m.eq_ignore_ascii_case("ipv6") => Ok(DEFAULT_ENDPOINT_V6),
        Some(m) => Err(format!(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is `{}`; expected IPv4 or IPv6",
            escaped_prefix(m, 40)
        )),
    }
}

/// Asks for a session token. Nothing answering is "not loaded" (this is not EC2).
async fn get_token(
    http: &dyn HttpClient,
    endpoint: &str,
    limits: &Limits,
) -> Result<String, CredentialsError> {
    let request = Request {
        method: "PUT",
        url: format!("{endpoint}/latest/api/token"),
        headers: vec![(TOKEN_TTL_HEADER.into(), TOKEN_TTL_SECONDS.into())],
        body: Vec::new(),
    };
    let response = match net::fetch(http, &request, limits).await {
        Ok(r) => r,
        Err(FetchError::Unreachable(m)) => {
            return Err(CredentialsError::not_loaded(format!(
                "no instance metadata service answered: {m}"
            )));
        }
        Err(FetchError::Failed(m) | FetchError::TooLarge(m)) => {
            return Err(CredentialsError::provider_error(format!(
                "instance metadata service token: {m}"
            )));
        }
    };
    // 403: IMDS is disabled for this instance, or the answer came from something that is not
    // IMDS (a proxy or a sandbox refusing link-local addresses); 404 and 405: not an IMDSv2
    // endpoint. None of these is an instance with credentials, so the chain moves on.
    if (403..=405).contains(&response.status) {
        return Err(CredentialsError::not_loaded(format!(
            "the instance metadata service refused a session token (HTTP {})",
            response.status
        )));
    }
    let body = expect_ok(response, &request.url)?;
    parse_token(&body)
}

/// The session token in a token response: one header-safe line.
pub(crate) fn parse_token(body: &[u8]) -> Result<String, CredentialsError> {
    let token = ::std::str::from_utf8(body).map(str::trim).unwrap_or("");
    if token.len() > MAX_TOKEN || !net::is_header_safe(token) {
        return Err(CredentialsError::provider_error(
            "the instance metadata service returned an unusable session token",
        ));
    }
    Ok(token.to_owned())
}

/// A GET with the session token.
async fn get(
    http: &dyn HttpClient,
    url: &str,
    token: &str,
    limits: &Limits,
) -> Result<net::Response, CredentialsError> {
    let request = Request {
        method: "GET",
        url: url.to_owned(),
        headers: vec![(TOKEN_HEADER.into(), token.to_owned())],
        body: Vec::new(),
    };
    net::fetch(http, &request, limits).await.map_err(|e| {
        CredentialsError::provider_error(format!("instance metadata service: {}", e.message()))
    })
}

/// The body of a 200 response, or a provider error naming the status and an excerpt.
fn expect_ok(response: net::Response, url: &str) -> Result<Vec<u8>, CredentialsError> {
    if response.status == 200 {
        return Ok(response.body);
    }
    Err(CredentialsError::provider_error(format!(
        "instance metadata service: {url} answered HTTP {}: {}",
        response.status,
        net::excerpt(&response.body)
    )))
}

/// The role name in a role listing: its first non-blank line, which must be a valid IAM role
/// name (letters, digits and `+=,.@_-`, at most 64), as it goes into the next URL.
pub(crate) fn parse_role_name(body: &[u8]) -> Result<String, CredentialsError> {
    let text = ::std::str::from_utf8(body).map_err(|_| {
        CredentialsError::provider_error(
            "the instance metadata service's role listing is not UTF-8",
        )
    })?;
    let Some(role) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return Err(CredentialsError::not_loaded(
            "the instance metadata service lists no IAM role for this instance",
        ));
    };
    let valid = role.len() <= 64
        && role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
    if !valid {
        return Err(CredentialsError::provider_error(format!(
            "the instance metadata service lists an invalid role name `{}`",
            escaped_prefix(role, 80)
        )));
    }
    Ok(role.to_owned())
}

/// The credentials document of the role: `Code` (must be `Success` when present),
/// `AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration` (RFC 3339).
pub(crate) fn parse_credentials(body: &[u8]) -> Result<Credentials, CredentialsError> {
    const WHAT: &str = "instance metadata service credentials";
    parse_credentials_json(WHAT, body)
}

/// The JSON credentials document shared by the instance metadata service and the container
/// endpoint.
pub(crate) fn parse_credentials_json(
    what: &str,
    body: &[u8],
) -> Result<Credentials, CredentialsError> {
    let object = net::parse_json_object(body)
        .map_err(|e| CredentialsError::provider_error(format!("{what}: {e}")))?;
    if let Some(code) = object.get("Code").and_then(::serde_json::Value::as_str)
        && code != "Success"
    {
        let message = net::json_str(&object, "Message").unwrap_or("");
        return Err(CredentialsError::provider_error(format!(
            "{what}: {} {}",
            escaped_prefix(code, 100),
            escaped_prefix(message, 300)
        )));
    }
    let expiry = match object.get("Expiration") {
        None | Some(::serde_json::Value::Null) => None,
        Some(value) => Some(value.as_str().and_then(net::parse_rfc3339).ok_or_else(|| {
            CredentialsError::provider_error(format!(
                "{what}: `Expiration` is not an RFC 3339 timestamp"
            ))
        })?),
    };
    net::checked_credentials(
        what,
        net::json_str(&object, "AccessKeyId"),
        net::json_str(&object, "SecretAccessKey"),
        net::json_str(&object, "Token"),
        expiry,
    )
}

/// The region of the instance, from `GET /latest/meta-data/placement/region` (with a session
/// token), for the region chain. Not loaded when no metadata service answers.
pub(crate) async fn imds_region(
    http: &dyn HttpClient,
    endpoint: &str,
) -> Result<String, CredentialsError> {
    let endpoint = net::checked_endpoint(endpoint)
        .map_err(|e| CredentialsError::provider_error(format!("instance metadata service: {e}")))?;
    let limits = DEFAULT_LIMITS;
    let work = async {
        let token = get_token(http, &endpoint, &limits).await?;
        let url = format!("{endpoint}/latest/meta-data/placement/region");
        let response = get(http, &url, &token, &limits).await?;
        let body = expect_ok(response, &url)?;
        let region = ::std::str::from_utf8(&body).map(str::trim).unwrap_or("");
        if !net::is_valid_region(region) {
            return Err(CredentialsError::provider_error(format!(
                "the instance metadata service returned an invalid region `{}`",
                escaped_prefix(region, 80)
            )));
        }
        Ok(region.to_owned())
    };
    net::with_timeout(limits.total, work)
        .await
        .unwrap_or_else(|| {
            Err(CredentialsError::provider_error(format!(
                "the instance metadata service at {endpoint} did not answer within {} ms",
                limits.total.as_millis()
            )))
        })
}

#[cfg(test)]
#[path = "tests/imds.rs"]
mod tests;
