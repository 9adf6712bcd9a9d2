//! The default credentials chain, in the AWS SDKs' order (after explicit credentials, which
//! replace it): the environment, web identity from the environment, the selected profile of the
//! shared files, the ECS/EKS container endpoint, and EC2 instance metadata.
//!
//! Everything local (variables, both files) is read when the chain is built; the providers
//! that call the network run at the first call that needs credentials.

use ::std::sync::Arc;

use super::credentials::{Credentials, CredentialsError, Env, ProvideCredentials};
use super::env_config::EnvConfig;
use super::http::HttpClient;
use super::profile_credentials::profile_plan;

/// The default credentials chain. Each provider is asked in turn; the first that has
/// credentials wins, and one that applies but fails stops the chain with its error. When none
/// applies, the error lists every provider and why it did not apply.
#[derive(Debug, Clone)]
pub struct DefaultCredentialsChain {
    steps: ::std::vec::Vec<(::std::string::String, Arc<dyn ProvideCredentials>)>,
}

impl DefaultCredentialsChain {
    /// The chain for `env` (variables and the shared files it names, read now). Network
    /// providers (STS, SSO, container, instance metadata) send through `http_client`.
    pub fn new(env: &dyn Env, http_client: ::std::option::Option<Arc<dyn HttpClient>>) -> Self {
        let config = EnvConfig::load(env);
        let region = config.region().ok().flatten();
        Self::from_env_config(&config, http_client, region)
    }

    /// The chain from what a configuration build has read; `region` is the client's, for STS.
    pub(crate) fn from_env_config(
        config: &EnvConfig<'_>,
        http_client: ::std::option::Option<Arc<dyn HttpClient>>,
        region: ::std::option::Option<::std::string::String>,
    ) -> Self {
        let net = Network {
            has_http: http_client.is_some(),
            http: http_client.unwrap_or_else(|| Arc::new(NoHttpClient)),
            region: region.unwrap_or_else(|| "us-east-1".to_owned()),
            sts_endpoint: config.endpoint_url("STS"),
            sso_endpoint: config.endpoint_url("SSO"),
            imds_endpoint: config.imds_endpoint(),
        };
        let profile_name = match &config.profiles {
            Ok(files) => ::std::format!("profile `{}`", files.selected),
            Err(_) => "shared files".to_owned(),
        };
        let steps: ::std::vec::Vec<(::std::string::String, Arc<dyn ProvideCredentials>)> = ::std::vec![
            ("environment".to_owned(), fixed(env_credentials(config))),
            (
                "web identity".to_owned(),
                or_fixed(env_web_identity(config, &net))
            ),
            (
                profile_name,
                or_fixed(profile_plan(config).map(|plan| plan.into_provider(config.env, &net))),
            ),
            ("container".to_owned(), net.container(config.env)),
            ("EC2 instance metadata".to_owned(), net.imds(config.env)),
        ];
        DefaultCredentialsChain { steps }
    }

    async fn resolve(&self) -> ::std::result::Result<Credentials, CredentialsError> {
        let mut skipped = ::std::vec::Vec::new();
        for (name, provider) in &self.steps {
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok(credentials),
                Err(e) if e.is_not_loaded() => {
                    skipped.push(::std::format!("{name}: {}", e.message()))
                }
                Err(e) => {
                    return Err(CredentialsError::provider_error(::std::format!(
                        "{name}: {}",
                        e.message()
                    )));
                }
            }
        }
        Err(CredentialsError::not_loaded(::std::format!(
            "no credentials found; set them on the config, or configure one of the default chain's providers, tried in order: {}",
            skipped.join("; ")
        )))
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        ::std::boxed::Box::pin(self.resolve())
    }
}

/// A provider whose answer was settled when the chain was built.
#[derive(Debug)]
struct Fixed(::std::result::Result<Credentials, CredentialsError>);

impl ProvideCredentials for Fixed {
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        let answer = self.0.clone();
        ::std::boxed::Box::pin(async move { answer })
    }
}

pub(crate) fn fixed(
    answer: ::std::result::Result<Credentials, CredentialsError>,
) -> Arc<dyn ProvideCredentials> {
    Arc::new(Fixed(answer))
}

fn or_fixed(
    provider: ::std::result::Result<Arc<dyn ProvideCredentials>, CredentialsError>,
) -> Arc<dyn ProvideCredentials> {
    provider.unwrap_or_else(|e| fixed(Err(e)))
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`.
pub(crate) fn env_credentials(
    config: &EnvConfig<'_>,
) -> ::std::result::Result<Credentials, CredentialsError> {
    match (
        config.var("AWS_ACCESS_KEY_ID"),
        config.var("AWS_SECRET_ACCESS_KEY"),
    ) {
        (Some(id), Some(secret)) => Ok(Credentials::new(
            id,
            secret,
            config.var("AWS_SESSION_TOKEN"),
        )),
        (Some(_), None) => Err(CredentialsError::not_loaded(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
        )),
        (None, Some(_)) => Err(CredentialsError::not_loaded(
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
        )),
        (None, None) => Err(CredentialsError::not_loaded(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        )),
    }
}

/// `AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN` (and `AWS_ROLE_SESSION_NAME`).
fn env_web_identity(
    config: &EnvConfig<'_>,
    net: &Network,
) -> ::std::result::Result<Arc<dyn ProvideCredentials>, CredentialsError> {
    match (
        config.var("AWS_WEB_IDENTITY_TOKEN_FILE"),
        config.var("AWS_ROLE_ARN"),
    ) {
        (Some(file), Some(role)) => {
            let path = super::profile::expand_home(config.env, &file).ok_or_else(|| {
                CredentialsError::provider_error(
                    "AWS_WEB_IDENTITY_TOKEN_FILE starts with `~` but there is no home directory",
                )
            })?;
            Ok(net.web_identity(role, path, config.var("AWS_ROLE_SESSION_NAME")))
        }
        (Some(_), None) => Err(CredentialsError::not_loaded(
            "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
        )),
        (None, Some(_)) => Err(CredentialsError::not_loaded(
            "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not",
        )),
        (None, None) => Err(CredentialsError::not_loaded(
            "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set",
        )),
    }
}

/// What the network providers need: the transport, the client's region (for STS), and the
/// configured STS and SSO endpoints.
#[derive(Debug, Clone)]
pub(crate) struct Network {
    pub(crate) http: Arc<dyn HttpClient>,
    pub(crate) region: ::std::string::String,
    pub(crate) sts_endpoint: ::std::option::Option<::std::string::String>,
    pub(crate) sso_endpoint: ::std::option::Option<::std::string::String>,
    /// The instance metadata endpoint; `None` when disabled.
    pub(crate) imds_endpoint: ::std::option::Option<::std::string::String>,
    /// Whether `http` is a real transport.
    pub(crate) has_http: bool,
}

/// Why the container and instance-metadata providers do not apply without a transport.
const NO_HTTP_CLIENT: &str =
    "no HTTP client (enable the `ureq` feature or set one with ConfigBuilder::http_client)";

/// Stands in for a missing transport (built without `ureq` and none set).
#[derive(Debug)]
struct NoHttpClient;

impl HttpClient for NoHttpClient {
    fn send(
        &self,
        _request: super::http::HttpRequest,
        _timeouts: super::http::Timeouts,
    ) -> super::http::BoxFuture<
        '_,
        ::std::result::Result<super::http::HttpResponse, super::http::TransportError>,
    > {
        ::std::boxed::Box::pin(async {
            Err(super::http::TransportError::new(
                super::http::TransportErrorKind::Other,
                "no HTTP client: enable the `ureq` feature or set one with ConfigBuilder::http_client",
            ))
        })
    }
}

// The network providers, built from what the chain read.
impl Network {
    /// An STS client at the configured endpoint (`AWS_ENDPOINT_URL_STS`, ...) or the regional
    /// one, signing for the client's region.
    fn sts(&self) -> super::sts::StsClient {
        let endpoint = self
            .sts_endpoint
            .clone()
            .unwrap_or_else(|| super::sts::sts_endpoint(&self.region));
        super::sts::StsClient::new(self.http.clone(), endpoint, self.region.clone())
    }

    /// STS `AssumeRoleWithWebIdentity` with the token in `token_file`.
    pub(crate) fn web_identity(
        &self,
        role_arn: ::std::string::String,
        token_file: ::std::path::PathBuf,
        session_name: ::std::option::Option<::std::string::String>,
    ) -> Arc<dyn ProvideCredentials> {
        Arc::new(super::sts::WebIdentityProvider::new(
            self.sts(),
            role_arn,
            token_file,
            session_name,
        ))
    }

    /// STS `AssumeRole`, signed with `source`'s credentials.
    pub(crate) fn assume_role(
        &self,
        source: Arc<dyn ProvideCredentials>,
        role_arn: ::std::string::String,
        session_name: ::std::option::Option<::std::string::String>,
        external_id: ::std::option::Option<::std::string::String>,
    ) -> Arc<dyn ProvideCredentials> {
        Arc::new(super::sts::AssumeRoleProvider::new(
            self.sts(),
            source,
            role_arn,
            session_name,
            external_id,
        ))
    }

    /// The SSO portal's `GetRoleCredentials` (at `AWS_ENDPOINT_URL_SSO`, ... or the region's
    /// portal) with the token cached in `token_file`.
    pub(crate) fn sso(
        &self,
        sso_region: &str,
        account_id: ::std::string::String,
        role_name: ::std::string::String,
        token_file: ::std::path::PathBuf,
    ) -> Arc<dyn ProvideCredentials> {
        let portal = self
            .sso_endpoint
            .clone()
            .unwrap_or_else(|| super::sso::sso_portal_endpoint(sso_region));
        Arc::new(super::sso::SsoProvider::new(
            self.http.clone(),
            portal,
            account_id,
            role_name,
            token_file,
        ))
    }

    /// The ECS/EKS container credentials endpoint named by the environment.
    pub(crate) fn container(&self, env: &dyn Env) -> Arc<dyn ProvideCredentials> {
        if !self.has_http {
            return fixed(Err(CredentialsError::not_loaded(NO_HTTP_CLIENT)));
        }
        Arc::new(
            super::container_credentials::ContainerCredentialsProvider::from_env(
                env,
                self.http.clone(),
            ),
        )
    }

    /// EC2 instance metadata (IMDSv2) at the configured endpoint; not loaded when disabled.
    pub(crate) fn imds(&self, _env: &dyn Env) -> Arc<dyn ProvideCredentials> {
        if !self.has_http {
            return fixed(Err(CredentialsError::not_loaded(NO_HTTP_CLIENT)));
        }
        match &self.imds_endpoint {
            Some(endpoint) => Arc::new(super::imds::ImdsCredentialsProvider::new(
                self.http.clone(),
                endpoint.clone(),
            )),
            None => fixed(Err(CredentialsError::not_loaded(
                "AWS_EC2_METADATA_DISABLED is true",
            ))),
        }
    }
}

pub(crate) use super::imds::imds_region;

#[cfg(test)]
#[path = "tests/provider_chain.rs"]
mod tests;
