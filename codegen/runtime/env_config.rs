//! What the environment and the shared files configure besides credentials: settings, the
//! region chain (environment, profile, then EC2 instance metadata at the first call), and
//! endpoint URL overrides (`AWS_ENDPOINT_URL[_<SERVICE>]`, a profile's `endpoint_url` and its
//! `services` section), read once per configuration build.

use ::std::sync::{Arc, Mutex};

use super::credentials::{ConfigError, Env, non_empty_var};
use super::http::HttpClient;
use super::profile::ProfileFiles;

/// The environment and both shared files, read once.
pub(crate) struct EnvConfig<'a> {
    /// Variables (and files the providers read later).
    pub(crate) env: &'a dyn Env,
    /// The shared files, or why they could not be read.
    pub(crate) profiles: ::std::result::Result<ProfileFiles, ConfigError>,
}

impl<'a> EnvConfig<'a> {
    /// Reads the shared files of `env`.
    pub(crate) fn load(env: &'a dyn Env) -> Self {
        EnvConfig {
            env,
            profiles: ProfileFiles::load(env),
        }
    }

    /// A variable, trimmed; `None` when unset or blank.
    pub(crate) fn var(&self, name: &str) -> ::std::option::Option<::std::string::String> {
        non_empty_var(self.env, name)
    }

    /// A setting from its variable, else from the selected profile (unreadable files count as
    /// unset here; the credentials chain reports them).
    pub(crate) fn setting(
        &self,
        var: &str,
        key: &str,
    ) -> ::std::option::Option<::std::string::String> {
        self.var(var)
            .or_else(|| self.profiles.as_ref().ok()?.setting(key))
    }

    /// A boolean setting: `true` (any case) is true, anything else false.
    pub(crate) fn flag(&self, var: &str, key: &str) -> bool {
        self.setting(var, key)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The region from `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile.
    pub(crate) fn region(
        &self,
    ) -> ::std::result::Result<::std::option::Option<::std::string::String>, ConfigError> {
        if let Some(region) = self
            .var("AWS_REGION")
            .or_else(|| self.var("AWS_DEFAULT_REGION"))
        {
            return Ok(Some(region));
        }
        Ok(self
            .profiles
            .as_ref()
            .map_err(Clone::clone)?
            .setting("region"))
    }

    /// The endpoint URL configured for the service whose sdkId is `sdk_id`, as the AWS SDKs
    /// look for it: nothing when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
    /// `ignore_configured_endpoint_urls`) is `true`; else `AWS_ENDPOINT_URL_<SDK_ID>` (upper
    /// case, spaces as `_`), the `endpoint_url` under the service's key (lower case, spaces as
    /// `_`) in the `[services name]` section the profile's `services` names,
    /// `AWS_ENDPOINT_URL`, and the profile's `endpoint_url`.
    pub(crate) fn endpoint_url(
        &self,
        sdk_id: &str,
    ) -> ::std::option::Option<::std::string::String> {
        if self.flag(
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "ignore_configured_endpoint_urls",
        ) {
            return None;
        }
        let var = ::std::format!(
            "AWS_ENDPOINT_URL_{}",
            sdk_id.to_ascii_uppercase().replace(' ', "_")
        );
        if let Some(url) = self.var(&var) {
            return Some(url);
        }
        let profiles = self.profiles.as_ref().ok();
        let service_key = sdk_id.to_ascii_lowercase().replace(' ', "_");
        let from_services = profiles.and_then(|p| {
            let section = p.services(&p.setting("services")?)?;
            let block = section.get(&service_key)?;
            super::profile::sub_properties(block)
                .remove("endpoint_url")
                .filter(|v| !v.is_empty())
        });
        from_services
            .or_else(|| self.var("AWS_ENDPOINT_URL"))
            .or_else(|| profiles?.setting("endpoint_url"))
    }

    /// The EC2 instance metadata endpoint, or `None` when `AWS_EC2_METADATA_DISABLED` is
    /// `true`: `AWS_EC2_METADATA_SERVICE_ENDPOINT` (or the profile's
    /// `ec2_metadata_service_endpoint`), else by `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (or
    /// `ec2_metadata_service_endpoint_mode`): `IPv6` → `http://[fd00:ec2::254]`, otherwise
    /// `http://169.254.169.254`.
    pub(crate) fn imds_endpoint(&self) -> ::std::option::Option<::std::string::String> {
        if self
            .var("AWS_EC2_METADATA_DISABLED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            return None;
        }
        if let Some(url) = self.setting(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "ec2_metadata_service_endpoint",
        ) {
            return Some(url.trim_end_matches('/').to_owned());
        }
        let ipv6 = self
            .setting(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                "ec2_metadata_service_endpoint_mode",
            )
            .is_some_and(|m| m.eq_ignore_ascii_case("ipv6"));
        Some(
            if ipv6 {
                "http://[fd00:ec2::254]"
            } else {
                "http://169.254.169.254"
            }
            .to_owned(),
        )
    }
}

/// A region found at the first call that needs one: from EC2 instance metadata, or the reason
/// there is none. Found once, then shared by the configuration's clones.
#[derive(Debug)]
pub(crate) struct LazyRegion {
    source: RegionSource,
    found: Mutex<
        ::std::option::Option<::std::result::Result<::std::string::String, ::std::string::String>>,
    >,
}

#[derive(Debug)]
enum RegionSource {
    /// Ask instance metadata at this endpoint.
    Imds {
        http: Arc<dyn HttpClient>,
        endpoint: ::std::string::String,
    },
    /// Nowhere to ask: why.
    None(::std::string::String),
}

/// What a missing region says.
pub(crate) const NO_REGION: &str =
    "no region: set one on the config, in AWS_REGION, or in the profile's `region`";

impl LazyRegion {
    /// Asks instance metadata through the client at the endpoint at the first call; or fails
    /// with the message.
    pub(crate) fn new(
        source: ::std::result::Result<
            (Arc<dyn HttpClient>, ::std::string::String),
            ::std::string::String,
        >,
    ) -> Self {
        let source = match source {
            Ok((http, endpoint)) => RegionSource::Imds { http, endpoint },
            Err(why) => RegionSource::None(why),
        };
        LazyRegion {
            source,
            found: Mutex::new(None),
        }
    }

    /// The region, looked up once.
    pub(crate) async fn region(
        &self,
    ) -> ::std::result::Result<::std::string::String, ::std::string::String> {
        if let Some(found) = self.lock().clone() {
            return found;
        }
        let found = match &self.source {
            RegionSource::None(why) => Err(why.clone()),
            RegionSource::Imds { http, endpoint } => {
                match super::provider_chain::imds_region(http.as_ref(), endpoint).await {
                    Ok(region) => Ok(region),
                    Err(e) => Err(::std::format!(
                        "{NO_REGION} (EC2 instance metadata at {endpoint}: {})",
                        e.message()
                    )),
                }
            }
        };
        *self.lock() = Some(found.clone());
        found
    }

    fn lock(
        &self,
    ) -> ::std::sync::MutexGuard<
        '_,
        ::std::option::Option<::std::result::Result<::std::string::String, ::std::string::String>>,
    > {
        self.found
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
#[path = "tests/env_config.rs"]
mod tests;
