//! Client configuration: region, endpoint, credentials, retries, timeouts and the HTTP client.

use ::std::sync::Arc;
use ::std::time::Duration;

use super::credentials::{self, Credentials};
use super::http::{HttpClient, Sleep, Timeouts};

/// AWS standard retry mode settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryConfig {
    /// Standard mode: 3 attempts, exponential backoff with full jitter from 1 s, capped at 20 s.
    pub const fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
    /// No retries: one attempt.
    pub const fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }
    /// The total number of attempts, including the first; 1 turns retries off (0 counts as 1).
    pub const fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = if attempts == 0 { 1 } else { attempts };
        self
    }
    /// The base of the exponential backoff.
    pub const fn with_initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }
    /// The cap on one backoff.
    pub const fn with_max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }
    /// The total number of attempts.
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }
    /// The delay before retry number `retry` (1-based): a random duration up to
    /// `min(max_backoff, initial_backoff * 2^(retry-1))`, from `jitter` in `[0, 1)`.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exp = 2f64.powi(
            i32::try_from(retry.saturating_sub(1))
                .unwrap_or(i32::MAX)
                .min(62),
        );
        let ceiling =
            (self.initial_backoff.as_secs_f64() * exp).min(self.max_backoff.as_secs_f64());
        Duration::from_secs_f64((ceiling * jitter.clamp(0.0, 1.0)).max(0.0))
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

/// Settings for a client. Build one with [`Config::builder`].
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) region: ::std::option::Option<::std::string::String>,
    pub(crate) endpoint_url: ::std::option::Option<::std::string::String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) credentials:
        ::std::result::Result<::std::option::Option<Credentials>, credentials::ConfigError>,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: Timeouts,
    pub(crate) http_client: ::std::option::Option<Arc<dyn HttpClient>>,
    pub(crate) sleep: Arc<dyn Sleep>,
    pub(crate) disable_host_prefix: bool,
    pub(crate) idempotency_token_provider: IdempotencyTokenProvider,
    pub(crate) compression: RequestCompression,
    /// What endpoint rules read besides the fields above, and a custom resolver.
    pub(crate) endpoint: super::EndpointConfig,
}

impl Config {
    /// A builder with nothing set. Unset credentials and region are looked up in the
    /// environment and the shared AWS files when the builder is built.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }
    /// The region, if known.
    pub fn region(&self) -> ::std::option::Option<&str> {
        self.region.as_deref()
    }
    /// The endpoint override, if any.
    pub fn endpoint_url(&self) -> ::std::option::Option<&str> {
        self.endpoint_url.as_deref()
    }
    /// The retry settings.
    pub fn retry_config(&self) -> RetryConfig {
        self.retry
    }
    /// The timeouts for each attempt.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }
}

/// Builds a [`Config`].
#[derive(Debug, Default, Clone)]
pub struct ConfigBuilder {
    region: ::std::option::Option<::std::string::String>,
    endpoint_url: ::std::option::Option<::std::string::String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: ::std::option::Option<Credentials>,
    retry: ::std::option::Option<RetryConfig>,
    timeouts: Timeouts,
    http_client: ::std::option::Option<Arc<dyn HttpClient>>,
    sleep: ::std::option::Option<Arc<dyn Sleep>>,
    no_env: bool,
    disable_host_prefix: bool,
    idempotency_token_provider: ::std::option::Option<IdempotencyTokenProvider>,
    disable_request_compression: ::std::option::Option<bool>,
    request_min_compression_size_bytes: ::std::option::Option<u32>,
    pub(crate) endpoint: super::EndpointConfig,
}

impl ConfigBuilder {
    /// The AWS region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.region = Some(region.into());
        self
    }
    /// A URL that replaces the resolved endpoint, e.g. `http://127.0.0.1:8080` for local testing.
    pub fn endpoint_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }
    /// Use the FIPS endpoint.
    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = on;
        self
    }
    /// Use the dual-stack (IPv4 and IPv6) endpoint.
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = on;
        self
    }
    /// Explicit credentials; they win over the environment and the shared files.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// Retry settings.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }
    /// The time limit for connecting (3.1 s unless set).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.timeouts.connect = Some(d);
        self
    }
    /// The time limit for receiving a response.
    pub fn read_timeout(mut self, d: Duration) -> Self {
        self.timeouts.read = Some(d);
        self
    }
    /// The HTTP client; without the default `ureq` feature this must be set.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }
    /// How to wait between retries (the default uses a helper thread).
    pub fn sleep_impl(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }
    /// Do not put operations' `@endpoint` host prefixes (such as `data.`) in front of the
    /// endpoint host, e.g. for a local endpoint that answers on one name only.
    pub fn disable_host_prefix(mut self, disable: bool) -> Self {
        self.disable_host_prefix = disable;
        self
    }
    /// Where `@idempotencyToken` members left unset get their value: a fresh random UUID v4
    /// per call unless set (a fixed token is for tests).
    pub fn idempotency_token_provider(
        mut self,
        provider: impl ::std::convert::Into<IdempotencyTokenProvider>,
    ) -> Self {
        self.idempotency_token_provider = Some(provider.into());
        self
    }
    /// Never gzip request bodies of `@requestCompression` operations (also
    /// `AWS_DISABLE_REQUEST_COMPRESSION` or a profile's `disable_request_compression`).
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.disable_request_compression = Some(disable);
        self
    }
    /// The smallest body, in bytes, that `@requestCompression` operations gzip: 10240 unless
    /// set (also `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` or a profile's
    /// `request_min_compression_size_bytes`). Values above 10485760 fail each such call.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.request_min_compression_size_bytes = Some(bytes);
        self
    }
    /// Do not read credentials or region from the environment or the shared files.
    pub fn ignore_environment(mut self) -> Self {
        self.no_env = true;
        self
    }
    /// Builds the configuration, filling unset credentials and region from the environment
    /// (`AWS_ACCESS_KEY_ID`, `AWS_REGION`, …) and the shared files (`~/.aws/credentials`,
    /// `~/.aws/config`, `AWS_PROFILE`).
    pub fn build(self) -> Config {
        let env = credentials::ProcessEnv;
        let credentials = match (self.credentials, self.no_env) {
            (Some(c), _) => Ok(Some(c)),
            (None, true) => Ok(None),
            (None, false) => credentials::default_credentials(&env),
        };
        let region = match (self.region, self.no_env) {
            (Some(r), _) => Some(r),
            (None, true) => None,
            (None, false) => credentials::default_region(&env).ok().flatten(),
        };
        Config {
            region,
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            credentials,
            retry: self.retry.unwrap_or_default(),
            // As AWS SDKs do: a connect timeout by default, no overall read limit.
            timeouts: Timeouts {
                connect: self.timeouts.connect.or(Some(Duration::from_millis(3100))),
                read: self.timeouts.read,
            },
            http_client: self.http_client.or_else(super::default_http_client),
            sleep: self
                .sleep
                .unwrap_or_else(|| Arc::new(super::exec::ThreadSleep)),
            disable_host_prefix: self.disable_host_prefix,
            idempotency_token_provider: self.idempotency_token_provider.unwrap_or_default(),
            compression: RequestCompression::resolve(
                self.disable_request_compression,
                self.request_min_compression_size_bytes,
                (!self.no_env).then_some(&env as &dyn credentials::Env),
            ),
            endpoint: self.endpoint,
        }
    }
}

/// Gives `@idempotencyToken` members their value when the caller leaves them unset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdempotencyTokenProvider {
    fixed: ::std::option::Option<::std::string::String>,
}

impl IdempotencyTokenProvider {
    /// A fresh random UUID v4 for each call (the default).
    pub fn random() -> Self {
        Self::default()
    }
    /// The same token every time, for tests.
    pub fn fixed(token: impl ::std::convert::Into<::std::string::String>) -> Self {
        Self {
            fixed: Some(token.into()),
        }
    }
    /// The next token.
    pub fn make_token(&self) -> ::std::string::String {
        match &self.fixed {
            Some(token) => token.clone(),
            None => super::protocol::idempotency_token(),
        }
    }
}

impl ::std::convert::From<&str> for IdempotencyTokenProvider {
    fn from(token: &str) -> Self {
        Self::fixed(token)
    }
}

impl ::std::convert::From<::std::string::String> for IdempotencyTokenProvider {
    fn from(token: ::std::string::String) -> Self {
        Self::fixed(token)
    }
}

/// The largest `request_min_compression_size_bytes` the SDK settings allow.
const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// Request compression settings, resolved from the builder, then the environment and profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RequestCompression {
    /// Never compress.
    pub disabled: bool,
    /// Compress bodies at least this long; `Err` holds a setting out of range.
    pub min_size: ::std::result::Result<u32, u64>,
}

impl RequestCompression {
    fn resolve(
        disabled: ::std::option::Option<bool>,
        min_size: ::std::option::Option<u32>,
        env: ::std::option::Option<&dyn credentials::Env>,
    ) -> Self {
        let setting =
            |var: &str, key: &str| env.and_then(|env| credentials::default_setting(env, var, key));
        let disabled = disabled.unwrap_or_else(|| {
            setting(
                "AWS_DISABLE_REQUEST_COMPRESSION",
                "disable_request_compression",
            )
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        });
        let min_size = match min_size {
            Some(n) => u64::from(n),
            None => setting(
                "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
                "request_min_compression_size_bytes",
            )
            .map_or(10_240, |v| v.parse::<u64>().unwrap_or(u64::MAX)),
        };
        let min_size = match u32::try_from(min_size) {
            Ok(n) if n <= MAX_MIN_COMPRESSION_SIZE => Ok(n),
            _ => Err(min_size),
        };
        Self { disabled, min_size }
    }
}

/// Facts about the service that endpoint resolution and signing need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServiceMeta {
    /// The endpoint prefix, e.g. `gamesparks`.
    pub endpoint_prefix: &'static str,
    /// The SigV4 signing name.
    pub signing_name: &'static str,
    /// Headers every request carries unless the input set them (service customizations).
    pub headers: &'static [(&'static str, &'static str)],
}

/// Where a call goes and how it is signed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResolvedEndpoint {
    /// Scheme, host, optional port and base path, without a trailing `/`.
    pub url: ::std::string::String,
    /// Headers the endpoint asks for.
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The SigV4 signing name, when the endpoint sets one.
    pub signing_name: ::std::option::Option<::std::string::String>,
    /// The SigV4 signing region, when the endpoint sets one.
    pub signing_region: ::std::option::Option<::std::string::String>,
    /// Encode the path once more for the canonical request (all services but S3).
    pub double_encode: bool,
    /// Normalize the path for the canonical request (all services but S3).
    pub normalize_path: bool,
}

impl ResolvedEndpoint {
    /// The URL, signed the service's usual way.
    pub(crate) fn url(url: ::std::string::String) -> Self {
        ResolvedEndpoint {
            url,
            headers: ::std::vec::Vec::new(),
            signing_name: None,
            signing_region: None,
            double_encode: true,
            normalize_path: true,
        }
    }
}

/// The endpoint of a service without endpoint rules: [`resolve_endpoint`].
pub(crate) fn default_endpoint<I>(
    _input: &I,
    config: &Config,
    service: &ServiceMeta,
) -> ::std::result::Result<ResolvedEndpoint, ::std::string::String> {
    resolve_endpoint(config, service).map(ResolvedEndpoint::url)
}

/// Resolves the base URL (scheme, host, optional port and base path, without a trailing `/`).
/// An override wins; otherwise `https://{prefix}[-fips].{region}.{amazonaws.com | api.aws}`, with
/// the China partition's suffixes for `cn-` regions.
pub(crate) fn resolve_endpoint(
    config: &Config,
    service: &ServiceMeta,
) -> ::std::result::Result<::std::string::String, ::std::string::String> {
    if let Some(url) = &config.endpoint_url {
        return check_endpoint_url(url);
    }
    let region = config.region.as_deref().ok_or_else(|| {
        "no region: set one on the config, or AWS_REGION, or a profile's `region`".to_string()
    })?;
    let valid = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !valid {
        return Err(format!("invalid region `{region}`"));
    }
    let china = region.starts_with("cn-");
    let suffix = match (config.use_dual_stack, china) {
        (false, false) => "amazonaws.com",
        (true, false) => "api.aws",
        (false, true) => "amazonaws.com.cn",
        (true, true) => "api.amazonwebservices.com.cn",
    };
    let fips = if config.use_fips { "-fips" } else { "" };
    Ok(format!(
        "https://{}{fips}.{region}.{suffix}",
        service.endpoint_prefix
    ))
}

/// Checks an endpoint override: `http` or `https`, a host with an optional port, an optional
/// base path, and nothing else (no user info, query or fragment, which would corrupt the request
/// line or leak into the signed `host` header).
pub(crate) fn check_endpoint_url(
    url: &str,
) -> ::std::result::Result<::std::string::String, ::std::string::String> {
    let bad = |why: &str| format!("invalid endpoint URL `{url}`: {why}");
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("it must start with http:// or https://"))?;
    if rest.contains(['?', '#']) {
        return Err(bad("a query or fragment is not allowed"));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(bad("user information is not allowed"));
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
            if port.is_empty()
                || !port.bytes().all(|b| b.is_ascii_digit())
                || port.parse::<u16>().is_err()
            {
                if authority.starts_with('[') && authority.ends_with(']') {
                    authority
                } else {
                    return Err(bad("the port must be a number from 0 to 65535"));
                }
            } else {
                host
            }
        }
        _ => authority,
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[') && host.ends_with(']')
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')));
    if !host_ok {
        return Err(bad(
            "the host is missing or has characters a host name cannot have",
        ));
    }
    let path_ok = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~' | b'%'));
    if !path_ok {
        return Err(bad(
            "the base path has characters that must be percent-encoded",
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

#[cfg(test)]
#[path = "tests/config.rs"]
mod tests;
