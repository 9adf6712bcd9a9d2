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
use super::profile::{ProfileFiles, Properties};

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
            http: http_client.unwrap_or_else(|| Arc::new(NoHttpClient)),
            region: region.unwrap_or_else(|| "us-east-1".to_owned()),
            sts_endpoint: config.endpoint_url("STS"),
            sso_endpoint: config.endpoint_url("SSO"),
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

fn fixed(
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
fn env_credentials(config: &EnvConfig<'_>) -> ::std::result::Result<Credentials, CredentialsError> {
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

/// How a profile's credentials are obtained, resolved from the files before anything runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Static keys.
    Static(Credentials),
    /// STS `AssumeRole` with the credentials of `source`.
    AssumeRole {
        source: ::std::boxed::Box<Plan>,
        role_arn: ::std::string::String,
        session_name: ::std::option::Option<::std::string::String>,
        external_id: ::std::option::Option<::std::string::String>,
    },
    /// STS `AssumeRoleWithWebIdentity` with a token file.
    WebIdentity {
        role_arn: ::std::string::String,
        token_file: ::std::path::PathBuf,
        session_name: ::std::option::Option<::std::string::String>,
    },
    /// The SSO portal with a cached token.
    Sso {
        region: ::std::string::String,
        account_id: ::std::string::String,
        role_name: ::std::string::String,
        token_file: ::std::path::PathBuf,
    },
    /// `credential_process`.
    Process(::std::string::String),
    /// `credential_source = Ec2InstanceMetadata`.
    Imds,
    /// `credential_source = EcsContainer`.
    Container,
}

impl Plan {
    /// The provider that carries out the plan.
    fn into_provider(self, env: &dyn Env, net: &Network) -> Arc<dyn ProvideCredentials> {
        match self {
            Plan::Static(keys) => fixed(Ok(keys)),
            Plan::AssumeRole {
                source,
                role_arn,
                session_name,
                external_id,
            } => net.assume_role(
                source.into_provider(env, net),
                role_arn,
                session_name,
                external_id,
            ),
            Plan::WebIdentity {
                role_arn,
                token_file,
                session_name,
            } => net.web_identity(role_arn, token_file, session_name),
            Plan::Sso {
                region,
                account_id,
                role_name,
                token_file,
            } => net.sso(&region, account_id, role_name, token_file),
            Plan::Process(command) => Arc::new(
                super::credential_process::CredentialProcessProvider::new(command),
            ),
            Plan::Imds => net.imds(env),
            Plan::Container => net.container(env),
        }
    }
}

/// The plan for the selected profile's credentials: not loaded when the profile (`default`)
/// does not exist; an error when a file is broken, `AWS_PROFILE` names a missing profile, or the
/// profile is misconfigured.
pub(crate) fn profile_plan(
    config: &EnvConfig<'_>,
) -> ::std::result::Result<Plan, CredentialsError> {
    let files = config
        .profiles
        .as_ref()
        .map_err(|e| CredentialsError::provider_error(e.to_string()))?;
    if files.profile(&files.selected).is_none() {
        let message = ::std::format!(
            "no profile `{}` in {}",
            files.selected,
            files.describe_sources()
        );
        return Err(if files.explicit {
            CredentialsError::provider_error(::std::format!("{message} (AWS_PROFILE names it)"))
        } else {
            CredentialsError::not_loaded(message)
        });
    }
    let resolver = ProfileResolver { config, files };
    resolver.resolve(&files.selected, &mut ::std::vec::Vec::new())
}

/// Follows a profile's `source_profile` links to the provider of its credentials.
struct ProfileResolver<'a, 'b> {
    config: &'a EnvConfig<'b>,
    files: &'a ProfileFiles,
}

impl ProfileResolver<'_, '_> {
    fn resolve(
        &self,
        name: &str,
        visited: &mut ::std::vec::Vec<::std::string::String>,
    ) -> ::std::result::Result<Plan, CredentialsError> {
        let error = |m: ::std::string::String| CredentialsError::provider_error(m);
        let is_base = visited.is_empty();
        if visited.iter().any(|v| v == name) {
            visited.push(name.to_owned());
            return Err(error(::std::format!(
                "the profiles' source_profile links form a loop: {}",
                visited.join(" -> ")
            )));
        }
        visited.push(name.to_owned());
        let Some(profile) = self.files.profile(name) else {
            return Err(error(::std::format!(
                "source_profile `{name}` is not defined in {}",
                self.files.describe_sources()
            )));
        };
        let get = |key: &str| {
            profile
                .get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        // A source profile with static keys ends the chain.
        if !is_base && let Some(keys) = static_keys(&profile, name)? {
            return Ok(Plan::Static(keys));
        }
        if let Some(role_arn) = get("role_arn") {
            let session = get("role_session_name");
            if let Some(file) = get("web_identity_token_file") {
                let path = super::profile::expand_home(self.config.env, &file).ok_or_else(|| {
                    error(::std::format!("profile `{name}`: web_identity_token_file starts with `~` but there is no home directory"))
                })?;
                return Ok(Plan::WebIdentity {
                    role_arn,
                    token_file: path,
                    session_name: session,
                });
            }
            let source = match (get("source_profile"), get("credential_source")) {
                (Some(_), Some(_)) => {
                    return Err(error(::std::format!(
                        "profile `{name}` sets both source_profile and credential_source"
                    )));
                }
                (Some(source), None) if source == name => match static_keys(&profile, name)? {
                    Some(keys) => Plan::Static(keys),
                    None => {
                        return Err(error(::std::format!(
                            "profile `{name}` is its own source_profile but has no static keys"
                        )));
                    }
                },
                (Some(source), None) => self.resolve(&source, visited)?,
                (None, Some(source)) => self.credential_source(name, &source)?,
                (None, None) => {
                    return Err(error(::std::format!(
                        "profile `{name}` sets role_arn but neither source_profile nor credential_source"
                    )));
                }
            };
            return Ok(Plan::AssumeRole {
                source: ::std::boxed::Box::new(source),
                role_arn,
                session_name: session,
                external_id: get("external_id"),
            });
        }
        if get("sso_session").is_some() || get("sso_start_url").is_some() {
            return self.sso(name, &profile);
        }
        if let Some(keys) = static_keys(&profile, name)? {
            return Ok(Plan::Static(keys));
        }
        if let Some(command) = get("credential_process") {
            return Ok(Plan::Process(command));
        }
        let message = ::std::format!(
            "profile `{name}` has no credentials (no aws_access_key_id, role_arn, sso settings or credential_process) in {}",
            self.files.describe_sources()
        );
        Err(if is_base {
            CredentialsError::not_loaded(message)
        } else {
            error(message)
        })
    }

    /// The source a role's `credential_source` names.
    fn credential_source(
        &self,
        name: &str,
        source: &str,
    ) -> ::std::result::Result<Plan, CredentialsError> {
        match source {
            "Environment" => env_credentials(self.config).map(Plan::Static).map_err(|e| {
                CredentialsError::provider_error(::std::format!(
                    "profile `{name}` has credential_source = Environment, but {}",
                    e.message()
                ))
            }),
            "Ec2InstanceMetadata" => Ok(Plan::Imds),
            "EcsContainer" => Ok(Plan::Container),
            other => Err(CredentialsError::provider_error(::std::format!(
                "profile `{name}` has credential_source = `{other}`; expected Environment, Ec2InstanceMetadata or EcsContainer"
            ))),
        }
    }

    /// SSO through an `sso_session` section, or the legacy `sso_start_url`/`sso_region` keys.
    fn sso(
        &self,
        name: &str,
        profile: &Properties,
    ) -> ::std::result::Result<Plan, CredentialsError> {
        let get = |props: &Properties, key: &str| {
            props
                .get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let missing = |what: &str| {
            CredentialsError::provider_error(::std::format!(
                "profile `{name}` uses SSO but {what} is not set"
            ))
        };
        let (region, cache_key) = match get(profile, "sso_session") {
            Some(session) => {
                let section = self.files.sso_session(&session).ok_or_else(|| {
                    CredentialsError::provider_error(::std::format!(
                        "profile `{name}` names sso_session `{session}`, but the config file has no [sso-session {session}] section ({})",
                        self.files.describe_sources()
                    ))
                })?;
                if get(&section, "sso_start_url").is_none() {
                    return Err(missing(&::std::format!(
                        "sso_start_url of [sso-session {session}]"
                    )));
                }
                let region = get(&section, "sso_region").ok_or_else(|| {
                    missing(&::std::format!("sso_region of [sso-session {session}]"))
                })?;
                (region, session)
            }
            None => (
                get(profile, "sso_region").ok_or_else(|| missing("sso_region"))?,
                get(profile, "sso_start_url").ok_or_else(|| missing("sso_start_url"))?,
            ),
        };
        let account = get(profile, "sso_account_id").ok_or_else(|| missing("sso_account_id"))?;
        let role = get(profile, "sso_role_name").ok_or_else(|| missing("sso_role_name"))?;
        let home = self.config.env.home_dir().ok_or_else(|| {
            CredentialsError::provider_error(::std::format!(
                "profile `{name}` uses SSO, whose token cache is in ~/.aws/sso/cache, but there is no home directory"
            ))
        })?;
        Ok(Plan::Sso {
            region,
            account_id: account,
            role_name: role,
            token_file: sso_token_file(&home, &cache_key),
        })
    }
}

/// A profile's static keys: `None` when it has none, an error when only some are set.
fn static_keys(
    profile: &Properties,
    name: &str,
) -> ::std::result::Result<::std::option::Option<Credentials>, CredentialsError> {
    let get = |key: &str| profile.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    match (
        get("aws_access_key_id"),
        get("aws_secret_access_key"),
        get("aws_session_token"),
    ) {
        (Some(id), Some(secret), token) => Ok(Some(Credentials::new(
            id,
            secret,
            token.map(::std::borrow::ToOwned::to_owned),
        ))),
        (None, None, _) => Ok(None),
        (Some(_), None, _) => Err(CredentialsError::provider_error(::std::format!(
            "profile `{name}` sets aws_access_key_id but not aws_secret_access_key"
        ))),
        (None, Some(_), _) => Err(CredentialsError::provider_error(::std::format!(
            "profile `{name}` sets aws_secret_access_key but not aws_access_key_id"
        ))),
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
}

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

// The network providers: the seam where the STS, SSO, container and instance-metadata
// providers plug into the chain.
impl Network {
    /// STS `AssumeRoleWithWebIdentity` with the token in `token_file`.
    fn web_identity(
        &self,
        role_arn: ::std::string::String,
        token_file: ::std::path::PathBuf,
        session_name: ::std::option::Option<::std::string::String>,
    ) -> Arc<dyn ProvideCredentials> {
        let _ = (
            role_arn,
            token_file,
            session_name,
            &self.sts_endpoint,
            &self.region,
        );
        Arc::new(Pending("web identity (STS AssumeRoleWithWebIdentity)"))
    }

    /// STS `AssumeRole`, signed with `source`'s credentials.
    fn assume_role(
        &self,
        source: Arc<dyn ProvideCredentials>,
        role_arn: ::std::string::String,
        session_name: ::std::option::Option<::std::string::String>,
        external_id: ::std::option::Option<::std::string::String>,
    ) -> Arc<dyn ProvideCredentials> {
        let _ = (source, role_arn, session_name, external_id);
        Arc::new(Pending("assume role (STS AssumeRole)"))
    }

    /// The SSO portal's `GetRoleCredentials` with the cached token of `cache_key`.
    fn sso(
        &self,
        sso_region: &str,
        account_id: ::std::string::String,
        role_name: ::std::string::String,
        token_file: ::std::path::PathBuf,
    ) -> Arc<dyn ProvideCredentials> {
        let _ = (
            sso_region,
            account_id,
            role_name,
            token_file,
            &self.sso_endpoint,
        );
        Arc::new(Pending("SSO"))
    }

    /// The ECS/EKS container credentials endpoint.
    fn container(&self, env: &dyn Env) -> Arc<dyn ProvideCredentials> {
        let _ = env;
        Arc::new(Pending("container credentials"))
    }

    /// EC2 instance metadata (IMDSv2).
    fn imds(&self, env: &dyn Env) -> Arc<dyn ProvideCredentials> {
        let _ = env;
        Arc::new(Pending("EC2 instance metadata"))
    }
}

/// Where the SSO token for `cache_key` is cached: `~/.aws/sso/cache/<sha1 of key>.json`.
fn sso_token_file(home: &::std::path::Path, cache_key: &str) -> ::std::path::PathBuf {
    home.join(".aws")
        .join("sso")
        .join("cache")
        .join(::std::format!("{cache_key}.json"))
}

/// The instance's region from instance metadata at `endpoint`.
pub(crate) async fn imds_region(
    http: &dyn HttpClient,
    endpoint: &str,
) -> ::std::result::Result<::std::string::String, CredentialsError> {
    let _ = (http, endpoint);
    Err(CredentialsError::not_loaded(
        "not available in this build yet",
    ))
}

/// A network provider not built yet.
#[derive(Debug)]
struct Pending(&'static str);

impl ProvideCredentials for Pending {
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        let name = self.0;
        ::std::boxed::Box::pin(async move {
            Err(CredentialsError::not_loaded(::std::format!(
                "{name} is not available in this build yet"
            )))
        })
    }
}

#[cfg(test)]
#[path = "tests/provider_chain.rs"]
mod tests;
