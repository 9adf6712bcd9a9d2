//! AWS credentials: the values, the async provider trait, and the environment they are read
//! from.
//!
//! The default chain (`provider_chain.rs`) follows the AWS SDKs' order: explicit credentials,
//! the environment, web identity, the shared files' profile (static keys, assumed roles,
//! `credential_process`, SSO), the ECS/EKS container endpoint and EC2 instance metadata.
//! Everything is read through the [`Env`] trait, so tests and embedders can supply their own
//! variables and files; [`ProcessEnv`] reads the real process environment.

/// AWS credentials: an access key id, its secret, and an optional session token.
///
/// `Debug` shows the access key id only; the secret and the token are redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: ::std::string::String,
    secret_access_key: ::std::string::String,
    session_token: ::std::option::Option<::std::string::String>,
    expiry: ::std::option::Option<::std::time::SystemTime>,
}

impl Credentials {
    /// Creates credentials from an access key id, a secret access key and an optional session
    /// token (present for temporary credentials).
    pub fn new(
        access_key_id: impl ::std::convert::Into<::std::string::String>,
        secret_access_key: impl ::std::convert::Into<::std::string::String>,
        session_token: ::std::option::Option<::std::string::String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// The same credentials, valid until `expiry` (temporary credentials).
    pub fn with_expiry(mut self, expiry: ::std::time::SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// When these credentials stop being valid; `None` for long-term keys.
    pub fn expiry(&self) -> ::std::option::Option<::std::time::SystemTime> {
        self.expiry
    }

    /// The access key id, e.g. `AKIAIOSFODNN7EXAMPLE`.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> ::std::option::Option<&str> {
        self.session_token.as_deref()
    }
}

/// What `Debug` prints in place of secrets.
const REDACTED: &str = "** redacted **";

impl ::std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why a credentials provider gave no credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    not_loaded: bool,
    message: ::std::string::String,
}

impl CredentialsError {
    /// The provider does not apply here (its variables or files are absent): a chain moves on
    /// to the next provider.
    pub fn not_loaded(message: impl ::std::convert::Into<::std::string::String>) -> Self {
        CredentialsError {
            not_loaded: true,
            message: message.into(),
        }
    }

    /// The provider applies but failed: a chain stops with this error.
    pub fn provider_error(message: impl ::std::convert::Into<::std::string::String>) -> Self {
        CredentialsError {
            not_loaded: false,
            message: message.into(),
        }
    }

    /// Whether the provider merely did not apply.
    pub fn is_not_loaded(&self) -> bool {
        self.not_loaded
    }

    /// What happened.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for CredentialsError {}

/// Supplies credentials, possibly asynchronously (from a metadata service, STS, SSO, ...).
/// The config takes any provider; `Credentials` itself is one that always answers.
///
/// # Example
///
/// A provider of your own, here one that hands out keys it was given and says "not loaded"
/// (so a chain would try the next provider) when it has none:
///
/// ```
/// use your_crate::config::{Credentials, CredentialsError, ProvideCredentials};
/// use your_crate::http::{BoxFuture, block_on};
///
/// #[derive(Debug)]
/// struct FromVault {
///     keys: Option<(String, String)>,
/// }
///
/// impl ProvideCredentials for FromVault {
///     fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
///         Box::pin(async move {
///             match &self.keys {
///                 Some((id, secret)) => Ok(Credentials::new(id.clone(), secret.clone(), None)),
///                 None => Err(CredentialsError::not_loaded("the vault holds no keys")),
///             }
///         })
///     }
/// }
///
/// # fn main() -> Result<(), CredentialsError> {
/// let vault = FromVault { keys: Some(("AKIDEXAMPLE".into(), "SECRET".into())) };
/// let credentials = block_on(vault.provide_credentials())?;
/// assert_eq!(credentials.access_key_id(), "AKIDEXAMPLE");
///
/// let empty = FromVault { keys: None };
/// let error = block_on(empty.provide_credentials()).err();
/// assert!(error.is_some_and(|e| e.is_not_loaded()));
/// # Ok(())
/// # }
/// ```
pub trait ProvideCredentials: Send + Sync + ::std::fmt::Debug {
    /// Credentials, or why there are none.
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        ::std::boxed::Box::pin(async move { Ok(credentials) })
    }
}

/// Why credentials or a region could not be found or read: something is configured, but it is
/// incomplete or points at something that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: ::std::string::String,
}

impl ConfigError {
    /// Creates an error with the given message.
    pub(crate) fn new(message: ::std::string::String) -> Self {
        ConfigError { message }
    }
}

impl ::std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ConfigError {}

/// An environment to read configuration from.
///
/// Lets tests and embedders inject variables and files without touching the process;
/// [`ProcessEnv`] is the real thing.
pub trait Env {
    /// The value of the environment variable `name`, or `None` when it is unset (or not valid
    /// UTF-8).
    fn var(&self, name: &str) -> ::std::option::Option<::std::string::String>;

    /// The contents of the file at `path`, or `None` when it does not exist or cannot be read
    /// as UTF-8 text.
    fn read_file(&self, path: &::std::path::Path) -> ::std::option::Option<::std::string::String>;

    /// The user's home directory, used for `~/.aws/...` and for `~` in configured paths.
    fn home_dir(&self) -> ::std::option::Option<::std::path::PathBuf>;

    /// The bytes of a shared config or credentials file: `Ok(None)` when it does not exist,
    /// `Err(why)` when it exists but cannot be used (a directory, a FIFO, a file over the size
    /// cap, an I/O error). The default implementation asks [`Env::read_file`];
    /// [`ProcessEnv`] checks the file type before opening and reads at most the cap.
    fn read_shared_file(
        &self,
        path: &::std::path::Path,
    ) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<u8>>, ::std::string::String>
    {
        Ok(self.read_file(path).map(::std::string::String::into_bytes))
    }
}

/// The real process environment: [`std::env::var`], regular files (never FIFOs or devices, and
/// at most 4 MiB), and `HOME` (then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`) for the home
/// directory.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> ::std::option::Option<::std::string::String> {
        ::std::env::var(name).ok()
    }

    fn read_file(&self, path: &::std::path::Path) -> ::std::option::Option<::std::string::String> {
        let bytes = self.read_shared_file(path).ok()??;
        ::std::string::String::from_utf8(bytes).ok()
    }

    fn read_shared_file(
        &self,
        path: &::std::path::Path,
    ) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<u8>>, ::std::string::String>
    {
        super::profile::read_regular_file(path, super::profile::MAX_SHARED_FILE)
    }

    fn home_dir(&self) -> ::std::option::Option<::std::path::PathBuf> {
        if let Some(home) = non_empty_var(self, "HOME") {
            return Some(::std::path::PathBuf::from(home));
        }
        if let Some(home) = non_empty_var(self, "USERPROFILE") {
            return Some(::std::path::PathBuf::from(home));
        }
        match (
            non_empty_var(self, "HOMEDRIVE"),
            non_empty_var(self, "HOMEPATH"),
        ) {
            (Some(drive), Some(path)) => Some(::std::path::PathBuf::from(drive + &path)),
            _ => None,
        }
    }
}

/// The value of `name`, trimmed, or `None` when it is unset or blank.
pub(crate) fn non_empty_var(
    env: &(impl Env + ?Sized),
    name: &str,
) -> ::std::option::Option<::std::string::String> {
    env.var(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Finds the region without the network: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region`
/// in the selected profile (`AWS_PROFILE`, default `default`) of the config file, then of the
/// credentials file. (A client's configuration goes on to EC2 instance metadata at its first
/// call when none of these is set.)
///
/// Returns `Ok(None)` when no region is configured, and `Err` when a shared file cannot be read
/// or parsed, or `AWS_PROFILE` names a profile that neither file defines.
pub fn default_region(
    env: &dyn Env,
) -> ::std::result::Result<::std::option::Option<::std::string::String>, ConfigError> {
    if let Some(region) = non_empty_var(env, "AWS_REGION") {
        return Ok(Some(region));
    }
    if let Some(region) = non_empty_var(env, "AWS_DEFAULT_REGION") {
        return Ok(Some(region));
    }
    let files = super::profile::ProfileFiles::load(env)?;
    if files.explicit && files.profile(&files.selected).is_none() {
        return Err(ConfigError::new(::std::format!(
            "profile `{}` named by AWS_PROFILE was not found (looked in {})",
            files.selected,
            files.describe_sources()
        )));
    }
    Ok(files.setting("region"))
}
#[cfg(test)]
#[path = "tests/credentials.rs"]
mod tests;

#[cfg(test)]
#[path = "tests/fake_env.rs"]
pub(crate) mod fake_env;
