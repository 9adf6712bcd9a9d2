//! Client configuration: region, endpoint, credentials, retries, timeouts and the HTTP client.

use ::std::sync::Arc;
use ::std::time::Duration;

use super::credentials::{Credentials, CredentialsError, ProvideCredentials};
use super::credentials_cache::CredentialsCache;
use super::env_config::{EnvConfig, LazyRegion};
use super::http::{HttpClient, Sleep, Timeouts};

/// AWS standard retry mode settings.
///
/// Besides the attempt limit, retries draw on the standard mode's retry quota: a bucket of 500
/// tokens shared by every call made with one [`Config`] (and its clones, and the clients made
/// from them). A retry costs 5 tokens, or 10 after a timeout; a call that succeeds gives back what
/// its last retry cost, or 1 token if it needed none. When the bucket cannot pay, the call
/// fails with its error instead of retrying.
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
///
/// A `Config` is cheap to clone, and clones share its retry quota (see [`RetryConfig`]).
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use your_crate::config::{Config, Credentials, RetryConfig};
/// # use your_crate::http::{BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError};
/// # #[derive(Debug)]
/// # struct InMemory;
/// # impl HttpClient for InMemory {
/// #     fn send(&self, _: HttpRequest, _: Timeouts) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
/// #         Box::pin(async { Ok(HttpResponse::new(200, "{}")) })
/// #     }
/// # }
///
/// let config = Config::builder()
///     .region("eu-west-1")
///     .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
///     .retry_config(RetryConfig::standard().with_max_attempts(5))
///     .connect_timeout(Duration::from_secs(2))
///     .read_timeout(Duration::from_secs(30))
///     // Leave this out to use the default transport (the `ureq` feature).
///     .http_client(InMemory)
///     // Only what is set here: nothing from the environment or the shared files.
///     .ignore_environment()
///     .build();
/// assert_eq!(config.region(), Some("eu-west-1"));
/// assert_eq!(config.retry_config().max_attempts(), 5);
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) region: ::std::option::Option<::std::string::String>,
    pub(crate) endpoint_url: ::std::option::Option<::std::string::String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    /// The credentials provider behind its cache; `None` when there is none at all.
    pub(crate) credentials: ::std::option::Option<CredentialsCache>,
    /// Where the region comes from when none was found at build time (instance metadata).
    pub(crate) lazy_region: ::std::option::Option<Arc<LazyRegion>>,
    pub(crate) retry: RetryConfig,
    /// The retry quota every call made with this configuration (and its clones) draws on.
    pub(crate) retry_quota: Arc<super::retry::RetryQuota>,
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
    /// The credentials the next call would sign with: from the cache, or loaded from the
    /// provider (the default chain unless one was set).
    pub async fn credentials(&self) -> ::std::result::Result<Credentials, CredentialsError> {
        match &self.credentials {
            Some(cache) => cache.credentials().await,
            None => Err(CredentialsError::not_loaded(NO_CREDENTIALS)),
        }
    }
    /// This configuration with the region found at the first call (EC2 instance metadata),
    /// when it had none; `Ok(None)` when nothing needs filling in.
    pub(crate) async fn with_lazy_region(
        &self,
    ) -> ::std::result::Result<::std::option::Option<Config>, ::std::string::String> {
        match (&self.region, &self.lazy_region) {
            (None, Some(lazy)) => {
                let region = lazy.region().await?;
                Ok(Some(Config {
                    region: Some(region),
                    lazy_region: None,
                    ..self.clone()
                }))
            }
            _ => Ok(None),
        }
    }
}

/// What a configuration built with `ignore_environment` and no credentials says.
const NO_CREDENTIALS: &str = "no credentials: set them on the config (the environment is ignored)";

/// Builds a [`Config`].
#[derive(Debug, Default, Clone)]
pub struct ConfigBuilder {
    region: ::std::option::Option<::std::string::String>,
    endpoint_url: ::std::option::Option<::std::string::String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: ::std::option::Option<Arc<dyn ProvideCredentials>>,
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
    /// Explicit credentials; they replace the default chain.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }
    /// A credentials provider that replaces the default chain. Its credentials are cached and
    /// refreshed ahead of their expiry (`credentials_cache::CredentialsCache`).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }
    /// Retry settings.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }
    /// The time limit for connecting ([`Timeouts::DEFAULT_CONNECT`], 3.1 s, unless set).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.timeouts.connect = Some(d);
        self
    }
    /// The time limit for a whole attempt, until the response body has been received
    /// ([`Timeouts::DEFAULT_READ`], 60 s, unless set). See [`Timeouts`].
    pub fn read_timeout(mut self, d: Duration) -> Self {
        self.timeouts.read = Some(d);
        self
    }
    /// Both time limits at once; [`Timeouts::none()`] turns them off.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }
    /// The HTTP client; without the `ureq` or `hyper` feature this must be set.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }
    /// How to wait between retries (by default one shared timer thread, or tokio's timer with
    /// the `hyper` feature inside a tokio runtime).
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
    /// Do not read credentials, region, endpoint URLs or other settings from the environment,
    /// the shared files or instance metadata.
    pub fn ignore_environment(mut self) -> Self {
        self.no_env = true;
        self
    }
    /// Builds the configuration, filling what is unset from the process environment and the
    /// shared files (read once here): credentials through the default chain (loaded at the first
    /// call and cached), the region (`AWS_REGION`, the profile, else EC2 instance metadata at the
    /// first call), endpoint URLs (`AWS_ENDPOINT_URL_<SERVICE>`, the profile's `services`,
    /// `AWS_ENDPOINT_URL`, the profile's `endpoint_url`) and compression settings.
    pub fn build(self) -> Config {
        self.build_from(&super::credentials::ProcessEnv)
    }

    /// [`ConfigBuilder::build`], reading variables and files through `env` instead of the
    /// process (for tests and embedders). The providers that run later (token files,
    /// `credential_process`, the network) use the values read here.
    pub fn build_from(self, env: &dyn super::credentials::Env) -> Config {
        if self.no_env {
            return self.build_with(None);
        }
        self.build_with(Some(&EnvConfig::load(env)))
    }

    /// Builds with what `env` configures (nothing when `None`).
    pub(crate) fn build_with(self, env: ::std::option::Option<&EnvConfig<'_>>) -> Config {
        let http_client = self.http_client.or_else(super::default_http_client);
        let (region, region_error) = match (self.region, env) {
            (Some(r), _) => (Some(r), None),
            (None, None) => (None, Some(super::env_config::NO_REGION.to_owned())),
            (None, Some(env)) => match env.region() {
                Ok(Some(r)) => (Some(r), None),
                Ok(None) => (None, None),
                Err(e) => (
                    None,
                    Some(::std::format!("{} ({e})", super::env_config::NO_REGION)),
                ),
            },
        };
        let lazy_region = match (&region, env) {
            (Some(_), _) | (None, None) => None,
            (None, Some(env)) => {
                let no_region = super::env_config::NO_REGION;
                let source = match (region_error, env.imds_endpoint(), &http_client) {
                    (Some(why), _, _) => Err(why),
                    (None, None, _) => Err(::std::format!(
                        "{no_region} (EC2 instance metadata is disabled)"
                    )),
                    (None, Some(_), None) => Err(::std::format!(
                        "{no_region} (no HTTP client to ask EC2 instance metadata)"
                    )),
                    (None, Some(endpoint), Some(http)) => Ok((http.clone(), endpoint)),
                };
                Some(Arc::new(LazyRegion::new(source)))
            }
        };
        let credentials = match (self.credentials, env) {
            (Some(provider), _) => Some(CredentialsCache::from_shared(provider)),
            (None, None) => None,
            (None, Some(env)) => Some(CredentialsCache::new(
                super::provider_chain::DefaultCredentialsChain::from_env_config(
                    env,
                    http_client.clone(),
                    region.clone(),
                ),
            )),
        };
        let endpoint_url = self
            .endpoint_url
            .or_else(|| env?.endpoint_url(super::SDK_ID));
        Config {
            region,
            endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            credentials,
            lazy_region,
            retry: self.retry.unwrap_or_default(),
            retry_quota: Arc::default(),
            // 3.1 s to connect and 60 s for the rest unless set (see `Timeouts`).
            timeouts: self.timeouts,
            http_client,
            sleep: self.sleep.unwrap_or_else(super::default_sleep),
            disable_host_prefix: self.disable_host_prefix,
            idempotency_token_provider: self.idempotency_token_provider.unwrap_or_default(),
            compression: RequestCompression::resolve(
                self.disable_request_compression,
                self.request_min_compression_size_bytes,
                env,
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
        env: ::std::option::Option<&EnvConfig<'_>>,
    ) -> Self {
        let setting = |var: &str, key: &str| env.and_then(|env| env.setting(var, key));
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

#[cfg(test)]
#[path = "tests/config.rs"]
mod tests;
