//! Credentials from the container credentials endpoint of ECS tasks and EKS Pod Identity,
//! located by `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `AWS_CONTAINER_CREDENTIALS_FULL_URI`.

use ::std::net::{Ipv4Addr, Ipv6Addr};
use ::std::path::PathBuf;
use ::std::sync::Arc;
use ::std::time::Duration;

use super::credentials::{Credentials, CredentialsError, Env, ProvideCredentials};
use super::credentials_http::{self as net, Limits, Request};
use super::error::escaped_prefix;
use super::http::{BoxFuture, HttpClient};

/// The ECS agent's endpoint, which `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is relative to.
const ECS_ENDPOINT: &str = "http://169.254.170.2";

/// The default limits: 2 s per attempt, 3 attempts, 5 s for the whole call.
const DEFAULT_LIMITS: Limits = Limits {
    total: Duration::from_secs(5),
    attempt: Duration::from_secs(2),
    attempts: 3,
};

/// Where the authorization token comes from.
#[derive(Clone, Debug)]
enum Token {
    None,
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`: read on each call (EKS rotates it).
    File(PathBuf),
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
    Value(String),
}

/// What the environment configured.
#[derive(Clone, Debug)]
enum Target {
    /// Neither URI variable is set.
    NotConfigured,
    /// A usable URL.
    Url(String),
    /// A URL that may not be used, and why.
    Refused(String),
}

/// Credentials from the container credentials endpoint (ECS task roles, EKS Pod Identity).
///
/// [`ContainerCredentialsProvider::from_env`] reads, as the AWS SDKs do:
///
/// - `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`: a path on the ECS agent, `http://169.254.170.2`;
///   it wins when both URI variables are set;
/// - `AWS_CONTAINER_CREDENTIALS_FULL_URI`: a whole URL. `https` may go anywhere; plain `http`
///   only to a loopback address (`127.0.0.0/8`, `::1`, `localhost`), the ECS agent
///   (`169.254.170.2`) or the EKS Pod Identity agent (`169.254.170.23`, `fd00:ec2::23`). Host
///   names other than `localhost` are not resolved to check them, so they need `https`;
/// - `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read anew on each call, as EKS rotates it),
///   else `AWS_CONTAINER_AUTHORIZATION_TOKEN`: sent as the `Authorization` header.
///
/// The answer is JSON with `AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration`.
///
/// Without either URI variable each call is "not loaded"; a refused URL or a broken token is a
/// provider error. By default each call makes up to 3 attempts of 2 s and ends within 5 s.
#[derive(Clone, Debug)]
pub struct ContainerCredentialsProvider {
    http: Arc<dyn HttpClient>,
    target: Target,
    token: Token,
    limits: Limits,
}

impl ContainerCredentialsProvider {
    /// A provider configured by the environment variables above.
    pub fn from_env(env: &dyn Env, http: Arc<dyn HttpClient>) -> Self {
        let var = |name: &str| {
            env.var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let target = if let Some(relative) = var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let path = if relative.starts_with('/') {
                relative
            } else {
                format!("/{relative}")
            };
            let url = format!("{ECS_ENDPOINT}{path}");
            match net::parse_url(&url) {
                Ok(_) => Target::Url(url),
                Err(e) => Target::Refused(format!("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: {e}")),
            }
        } else if let Some(full) = var("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            match check_full_uri(&full) {
                Ok(()) => Target::Url(full),
                Err(e) => Target::Refused(format!("AWS_CONTAINER_CREDENTIALS_FULL_URI: {e}")),
            }
        } else {
            Target::NotConfigured
        };
        let token = if let Some(path) = var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Token::File(PathBuf::from(path))
        } else if let Some(value) = var("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            Token::Value(value)
        } else {
            Token::None
        };
        ContainerCredentialsProvider {
            http,
            target,
            token,
            limits: DEFAULT_LIMITS,
        }
    }

    net::limit_setters!("5 s", "2 s");

    /// Whether either URI variable is set (even to a URL that is refused).
    pub fn is_configured(&self) -> bool {
        !matches!(self.target, Target::NotConfigured)
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let url = match &self.target {
            Target::NotConfigured => {
                return Err(CredentialsError::not_loaded(
                    "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
                ));
            }
            Target::Refused(why) => {
                return Err(CredentialsError::provider_error(format!(
                    "container credentials: {why}"
                )));
            }
            Target::Url(url) => url,
        };
        let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
        if let Some(token) = self.authorization()? {
            headers.push(("authorization".to_owned(), token));
        }
        let request = Request {
            method: "GET",
            url: url.clone(),
            headers,
            body: Vec::new(),
        };
        let total = self.limits.total;
        let work = async {
            let response = net::fetch(&*self.http, &request, &self.limits)
                .await
                .map_err(|e| {
                    CredentialsError::provider_error(format!(
                        "container credentials: {}",
                        e.message()
                    ))
                })?;
            if response.status != 200 {
                return Err(error_response(response.status, &response.body));
            }
            super::imds::parse_credentials_json("container credentials", &response.body)
        };
        net::with_timeout(total, work).await.unwrap_or_else(|| {
            Err(CredentialsError::provider_error(format!(
                "container credentials: {} did not answer within {} ms",
                escaped_prefix(url, 200),
                total.as_millis()
            )))
        })
    }

    /// The `Authorization` header value, if one is configured.
    fn authorization(&self) -> Result<Option<String>, CredentialsError> {
        let (value, source) = match &self.token {
            Token::None => return Ok(None),
            Token::Value(v) => (v.clone(), "AWS_CONTAINER_AUTHORIZATION_TOKEN".to_owned()),
            Token::File(path) => {
                let text = net::read_token_file(path).map_err(|e| {
                    CredentialsError::provider_error(format!(
                        "container credentials: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {e}"
                    ))
                })?;
                (
                    text.trim().to_owned(),
                    format!(
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE `{}`",
                        path.display()
                    ),
                )
            }
        };
        if !net::is_header_safe(&value) {
            return Err(CredentialsError::provider_error(format!(
                "container credentials: the token in {source} is empty or holds characters that cannot be sent in a header"
            )));
        }
        Ok(Some(value))
    }
}

impl ProvideCredentials for ContainerCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// A provider error for a non-200 answer: its JSON `code` and `message` when it has them, else
/// an excerpt.
fn error_response(status: u16, body: &[u8]) -> CredentialsError {
    let detail = match net::parse_json_object(body) {
        Ok(object) => {
            let field = |a: &str, b: &str| {
                net::json_str(&object, a)
                    .or_else(|| net::json_str(&object, b))
                    .map(|s| escaped_prefix(s, 300))
            };
            match (field("code", "Code"), field("message", "Message")) {
                (Some(c), Some(m)) => format!("{c}: {m}"),
                (Some(x), None) | (None, Some(x)) => x,
                (None, None) => net::excerpt(body),
            }
        }
        Err(_) => net::excerpt(body),
    };
    CredentialsError::provider_error(format!(
        "container credentials: the endpoint answered HTTP {status}: {detail}"
    ))
}

/// Checks a full URI against the hosts the AWS SDKs allow: any host over `https`; over `http`,
/// only loopback, the ECS agent and the EKS Pod Identity agent.
pub(crate) fn check_full_uri(url: &str) -> Result<(), String> {
    let parsed = net::parse_url(url)?;
    if parsed.scheme == "https" || is_allowed_http_host(&parsed.host) {
        return Ok(());
    }
    Err(format!(
        "`{}` uses plain http to a host other than loopback, the ECS agent (169.254.170.2) or the EKS Pod Identity agent (169.254.170.23, fd00:ec2::23); use https",
        escaped_prefix(url, 200)
    ))
}

/// Whether plain `http` is allowed to `host` (lowercased, IPv6 without brackets).
pub(crate) fn is_allowed_http_host(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return v4.is_loopback()
            || v4 == Ipv4Addr::new(169, 254, 170, 2)
            || v4 == Ipv4Addr::new(169, 254, 170, 23);
    }
    if let Ok(v6) = host.parse::<Ipv6Addr>() {
        return v6.is_loopback()
            || v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23)
            || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback());
    }
    false
}

#[cfg(test)]
#[path = "tests/container_credentials.rs"]
mod tests;
