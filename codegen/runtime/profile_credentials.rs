//! A profile's credentials: the selected profile of the shared files resolved to a [`Plan`]
//! (static keys, assumed roles and their sources, web identity, SSO, `credential_process`)
//! before anything runs, then to the providers that carry it out.

use ::std::sync::Arc;

use super::credentials::{Credentials, CredentialsError, Env, ProvideCredentials};
use super::env_config::EnvConfig;
use super::profile::{ProfileFiles, Properties};
use super::provider_chain::{Network, env_credentials, fixed};

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
    pub(crate) fn into_provider(self, env: &dyn Env, net: &Network) -> Arc<dyn ProvideCredentials> {
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
            token_file: super::sso::sso_token_cache_file(&home, &cache_key),
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

#[cfg(test)]
#[path = "tests/profile_credentials.rs"]
mod tests;
