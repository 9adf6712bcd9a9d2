//! AWS credentials and region discovery from the environment and the shared config files.
//!
//! The default chain follows the order the AWS SDKs use:
//!
//! 1. the environment variables `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
//!    `AWS_SESSION_TOKEN`;
//! 2. the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`)
//!    and the shared config file (`AWS_CONFIG_FILE`, default `~/.aws/config`), reading the
//!    profile named by `AWS_PROFILE` (default `default`).
//!
//! Only static keys are supported. Profiles that obtain credentials some other way (SSO, assumed
//! roles, `credential_process`, ...) are treated as having no credentials.
//!
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
    fn new(message: ::std::string::String) -> Self {
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
}

/// The real process environment: [`std::env::var`], [`std::fs::read_to_string`], and `HOME`
/// (then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`) for the home directory.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> ::std::option::Option<::std::string::String> {
        ::std::env::var(name).ok()
    }

    fn read_file(&self, path: &::std::path::Path) -> ::std::option::Option<::std::string::String> {
        ::std::fs::read_to_string(path).ok()
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
fn non_empty_var(
    env: &(impl Env + ?Sized),
    name: &str,
) -> ::std::option::Option<::std::string::String> {
    env.var(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A profile's properties: lowercase key → value.
type Properties = ::std::collections::BTreeMap<::std::string::String, ::std::string::String>;

/// Finds credentials the way the AWS SDKs' default chain does (without the network providers).
///
/// 1. Environment: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (plus `AWS_SESSION_TOKEN`
///    when set). Both must be non-empty; otherwise the environment is treated as not configured
///    and the chain moves on.
/// 2. Shared files: the profile named by `AWS_PROFILE` (default `default`), from the credentials
///    file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`, sections `[name]`) and
///    the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`, sections `[profile name]` and
///    `[default]`). When both files define the profile, their properties are merged and the
///    credentials file wins key by key, as in the AWS CLI and SDKs. The static keys are
///    `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`.
///
/// Returns `Ok(None)` when nothing is configured (including a profile that uses a credential
/// source other than static keys), and `Err` when something is configured but broken: a profile
/// with an access key but no secret (or the reverse), or an `AWS_PROFILE` naming a profile that
/// neither file defines.
pub fn default_credentials(
    env: &dyn Env,
) -> ::std::result::Result<::std::option::Option<Credentials>, ConfigError> {
    if let (Some(id), Some(secret)) = (
        non_empty_var(env, "AWS_ACCESS_KEY_ID"),
        non_empty_var(env, "AWS_SECRET_ACCESS_KEY"),
    ) {
        let token = non_empty_var(env, "AWS_SESSION_TOKEN");
        return Ok(Some(Credentials::new(id, secret, token)));
    }

    let profile = SelectedProfile::load(env)?;
    let mut merged = profile.config.clone().unwrap_or_default();
    if let Some(creds) = &profile.credentials {
        merged.extend(creds.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let get = |key: &str| merged.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
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
        (None, None, None) => Ok(None),
        (id, secret, _) => {
            let problem = match (id, secret) {
                (Some(_), None) => "sets aws_access_key_id but not aws_secret_access_key",
                (None, Some(_)) => "sets aws_secret_access_key but not aws_access_key_id",
                _ => "sets aws_session_token but not aws_access_key_id and aws_secret_access_key",
            };
            Err(ConfigError::new(::std::format!(
                "profile `{}` {} (read from {})",
                profile.name,
                problem,
                profile.describe_sources()
            )))
        }
    }
}

/// Finds the region: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` in the selected
/// profile (see [`default_credentials`]) of the config file, then of the credentials file.
///
/// Returns `Ok(None)` when no region is configured, and `Err` when `AWS_PROFILE` names a profile
/// that neither file defines.
pub fn default_region(
    env: &dyn Env,
) -> ::std::result::Result<::std::option::Option<::std::string::String>, ConfigError> {
    if let Some(region) = non_empty_var(env, "AWS_REGION") {
        return Ok(Some(region));
    }
    if let Some(region) = non_empty_var(env, "AWS_DEFAULT_REGION") {
        return Ok(Some(region));
    }
    Ok(SelectedProfile::load(env)?.get("region"))
}

/// A setting from its environment variable, else from the selected profile; a broken shared
/// file counts as unset.
pub(crate) fn default_setting(
    env: &dyn Env,
    var: &str,
    key: &str,
) -> ::std::option::Option<::std::string::String> {
    non_empty_var(env, var).or_else(|| SelectedProfile::load(env).ok()?.get(key))
}

/// The profile chosen by `AWS_PROFILE`, as found in each shared file.
struct SelectedProfile {
    /// The profile name.
    name: ::std::string::String,
    /// Its properties in the config file, if that file defines it.
    config: ::std::option::Option<Properties>,
    /// Its properties in the credentials file, if that file defines it.
    credentials: ::std::option::Option<Properties>,
    /// Where the config file was looked for.
    config_path: ::std::option::Option<::std::path::PathBuf>,
    /// Where the credentials file was looked for.
    credentials_path: ::std::option::Option<::std::path::PathBuf>,
}

impl SelectedProfile {
    /// Reads both shared files and picks out the selected profile; errors when `AWS_PROFILE`
    /// names a profile that neither file defines.
    /// A property of the profile, the config file's before the credentials file's.
    fn get(&self, key: &str) -> ::std::option::Option<::std::string::String> {
        [&self.config, &self.credentials]
            .into_iter()
            .flatten()
            .filter_map(|props| props.get(key))
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
            .map(::std::borrow::ToOwned::to_owned)
    }
    fn load(env: &dyn Env) -> ::std::result::Result<Self, ConfigError> {
        let explicit = non_empty_var(env, "AWS_PROFILE");
        let name = explicit.clone().unwrap_or_else(|| "default".to_owned());

        let credentials_path = shared_file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
        let config_path = shared_file_path(env, "AWS_CONFIG_FILE", "config");
        let read = |path: &::std::option::Option<::std::path::PathBuf>| {
            path.as_deref()
                .and_then(|p| env.read_file(p))
                .map(|text| parse_profile_file(&text))
        };
        let credentials = read(&credentials_path).and_then(|mut sections| sections.remove(&name));
        let config = read(&config_path).and_then(|sections| config_profile(sections, &name));

        let profile = SelectedProfile {
            name,
            config,
            credentials,
            config_path,
            credentials_path,
        };
        if explicit.is_some() && profile.config.is_none() && profile.credentials.is_none() {
            return Err(ConfigError::new(::std::format!(
                "profile `{}` named by AWS_PROFILE was not found (looked in {})",
                profile.name,
                profile.describe_sources()
            )));
        }
        Ok(profile)
    }

    /// The files that were consulted, for error messages.
    fn describe_sources(&self) -> ::std::string::String {
        let show = |path: &::std::option::Option<::std::path::PathBuf>, what: &str| match path {
            Some(p) => ::std::format!("{} `{}`", what, p.display()),
            None => ::std::format!("{what} (no home directory)"),
        };
        ::std::format!(
            "{} and {}",
            show(&self.credentials_path, "credentials file"),
            show(&self.config_path, "config file")
        )
    }
}

/// Where a shared file lives: the path in `var` (with a leading `~` expanded), or
/// `~/.aws/<file_name>`. `None` when the home directory is needed but unknown.
fn shared_file_path(
    env: &dyn Env,
    var: &str,
    file_name: &str,
) -> ::std::option::Option<::std::path::PathBuf> {
    match non_empty_var(env, var) {
        Some(path) => {
            if path == "~" {
                env.home_dir()
            } else if let Some(rest) = path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\"))
            {
                env.home_dir().map(|home| home.join(rest))
            } else {
                Some(::std::path::PathBuf::from(path))
            }
        }
        None => env.home_dir().map(|home| home.join(".aws").join(file_name)),
    }
}

/// Picks profile `name` out of a parsed config file, where profiles are `[profile name]`, plus
/// `[default]` for the default profile. `[profile default]` takes priority over `[default]`;
/// other sections without the `profile` prefix are ignored, as the AWS SDKs do.
fn config_profile(
    sections: ::std::collections::BTreeMap<::std::string::String, Properties>,
    name: &str,
) -> ::std::option::Option<Properties> {
    let mut bare_default = None;
    let mut found: ::std::option::Option<Properties> = None;
    for (section, props) in sections {
        if section == "default" {
            if name == "default" {
                bare_default = Some(props);
            }
            continue;
        }
        let Some(rest) = section.strip_prefix("profile") else {
            continue;
        };
        if !rest.starts_with([' ', '\t']) || rest.trim() != name {
            continue;
        }
        match &mut found {
            Some(existing) => existing.extend(props),
            None => found = Some(props),
        }
    }
    found.or(bare_default)
}

/// Parses an INI-style AWS shared config or credentials file into section name → (key → value).
///
/// Section names are the trimmed text between the brackets, exactly as written (so a config
/// file's `[profile foo]` comes back as `profile foo`). Within a section:
///
/// - `key = value` lines set a property; whitespace around `=` and the value is trimmed, keys are
///   lowercased, and a later assignment replaces an earlier one. Sections that appear twice are
///   merged.
/// - Lines whose first non-blank character is `#` or `;` are comments. In property lines, `#` or
///   `;` preceded by whitespace starts an inline comment; after a section header's `]`, any `#`
///   or `;` does.
/// - Lines indented more than the property line before them continue its value: they are
///   appended (trimmed, separated by `\n`). This is how sub-properties such as
///   `s3 =` followed by `  max_concurrent_requests = 10` are stored: under `s3`, as
///   `max_concurrent_requests = 10`.
/// - `\r\n` line endings and a leading byte-order mark are accepted. Lines that cannot be parsed
///   (and properties after an invalid section header, or before any header) are ignored.
pub fn parse_profile_file(
    text: &str,
) -> ::std::collections::BTreeMap<
    ::std::string::String,
    ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections: ::std::collections::BTreeMap<::std::string::String, Properties> =
        ::std::collections::BTreeMap::new();
    let mut section: ::std::option::Option<::std::string::String> = None;
    // The property that indented lines continue: its key and the indentation of its line.
    let mut property: ::std::option::Option<(::std::string::String, usize)> = None;

    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if trimmed.starts_with('[') {
            property = None;
            section = parse_section_header(trimmed);
            if let Some(name) = &section {
                sections.entry(name.clone()).or_default();
            }
            continue;
        }
        let Some(props) = section.as_ref().and_then(|name| sections.get_mut(name)) else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        if let Some((key, base_indent)) = &property
            && indent > *base_indent
        {
            let extra = strip_inline_comment(trimmed).trim();
            if let Some(value) = props.get_mut(key)
                && !extra.is_empty()
            {
                if !value.is_empty() {
                    value.push('\n');
                }
                value.push_str(extra);
            }
            continue;
        }
        property = None;
        let Some((key, value)) = strip_inline_comment(trimmed).split_once('=') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            continue;
        }
        props.insert(key.clone(), value.trim().to_owned());
        property = Some((key, indent));
    }
    sections
}

/// The name in a `[name]` header line (already trimmed), or `None` when the line is not a
/// valid header: no closing bracket, an empty name, or text other than a comment after `]`.
fn parse_section_header(line: &str) -> ::std::option::Option<::std::string::String> {
    let inner = line.strip_prefix('[')?;
    let (name, rest) = inner.split_once(']')?;
    let rest = rest.trim();
    if !rest.is_empty() && !rest.starts_with(['#', ';']) {
        return None;
    }
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    Some(name.to_owned())
}

/// Cuts `line` at the first `#` or `;` that follows whitespace.
fn strip_inline_comment(line: &str) -> &str {
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        if prev_space && (c == '#' || c == ';') {
            return &line[..i];
        }
        prev_space = c.is_whitespace();
    }
    line
}

#[cfg(test)]
#[path = "tests/credentials.rs"]
mod tests;
