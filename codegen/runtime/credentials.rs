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
        }
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
            .finish()
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
mod tests {
    use super::*;
    use ::std::collections::BTreeMap;
    use ::std::path::{Path, PathBuf};

    #[derive(Default)]
    struct FakeEnv {
        vars: BTreeMap<String, String>,
        files: BTreeMap<PathBuf, String>,
        home: Option<PathBuf>,
    }

    impl FakeEnv {
        fn new() -> Self {
            FakeEnv {
                home: Some(PathBuf::from("/home/u")),
                ..FakeEnv::default()
            }
        }
        fn set(mut self, k: &str, v: &str) -> Self {
            self.vars.insert(k.to_owned(), v.to_owned());
            self
        }
        fn file(mut self, path: &str, text: &str) -> Self {
            self.files.insert(PathBuf::from(path), text.to_owned());
            self
        }
        fn creds_file(self, text: &str) -> Self {
            self.file("/home/u/.aws/credentials", text)
        }
        fn config_file(self, text: &str) -> Self {
            self.file("/home/u/.aws/config", text)
        }
    }

    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.vars.get(name).cloned()
        }
        fn read_file(&self, path: &Path) -> Option<String> {
            self.files.get(path).cloned()
        }
        fn home_dir(&self) -> Option<PathBuf> {
            self.home.clone()
        }
    }

    fn creds(env: &FakeEnv) -> Option<Credentials> {
        default_credentials(env).expect("no error")
    }

    fn keys(c: &Credentials) -> (&str, &str, Option<&str>) {
        (c.access_key_id(), c.secret_access_key(), c.session_token())
    }

    const DEFAULT_CREDS: &str =
        "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n";

    #[test]
    fn nothing_configured() {
        assert_eq!(default_credentials(&FakeEnv::new()), Ok(None));
        assert_eq!(default_region(&FakeEnv::new()), Ok(None));
        let no_home = FakeEnv {
            home: None,
            ..FakeEnv::default()
        };
        assert_eq!(default_credentials(&no_home), Ok(None));
        assert_eq!(default_region(&no_home), Ok(None));
    }

    #[test]
    fn env_wins_over_files() {
        let env = FakeEnv::new()
            .set("AWS_ACCESS_KEY_ID", "ENVKEY")
            .set("AWS_SECRET_ACCESS_KEY", "ENVSECRET")
            .creds_file(DEFAULT_CREDS);
        let c = creds(&env).unwrap();
        assert_eq!(keys(&c), ("ENVKEY", "ENVSECRET", None));
    }

    #[test]
    fn env_session_token() {
        let env = FakeEnv::new()
            .set("AWS_ACCESS_KEY_ID", "K")
            .set("AWS_SECRET_ACCESS_KEY", "S")
            .set("AWS_SESSION_TOKEN", "T");
        assert_eq!(keys(&creds(&env).unwrap()), ("K", "S", Some("T")));
        let env = FakeEnv::new()
            .set("AWS_ACCESS_KEY_ID", "K")
            .set("AWS_SECRET_ACCESS_KEY", "S")
            .set("AWS_SESSION_TOKEN", "");
        assert_eq!(keys(&creds(&env).unwrap()), ("K", "S", None));
    }

    #[test]
    fn env_broken_profile_does_not_matter() {
        let env = FakeEnv::new()
            .set("AWS_ACCESS_KEY_ID", "K")
            .set("AWS_SECRET_ACCESS_KEY", "S")
            .set("AWS_PROFILE", "missing");
        assert_eq!(keys(&creds(&env).unwrap()), ("K", "S", None));
    }

    #[test]
    fn partial_env_falls_through() {
        let env = FakeEnv::new()
            .set("AWS_ACCESS_KEY_ID", "ENVKEY")
            .creds_file(DEFAULT_CREDS);
        assert_eq!(keys(&creds(&env).unwrap()), ("FILEKEY", "FILESECRET", None));
        let env = FakeEnv::new()
            .set("AWS_ACCESS_KEY_ID", "ENVKEY")
            .set("AWS_SECRET_ACCESS_KEY", "");
        assert_eq!(creds(&env), None);
        let env = FakeEnv::new().set("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
        assert_eq!(creds(&env), None);
    }

    #[test]
    fn session_token_from_file() {
        let env = FakeEnv::new().creds_file(
            "[default]\naws_access_key_id=K\naws_secret_access_key=S\naws_session_token=T\n",
        );
        assert_eq!(keys(&creds(&env).unwrap()), ("K", "S", Some("T")));
    }

    #[test]
    fn aws_profile_selects_profile() {
        let env = FakeEnv::new().set("AWS_PROFILE", "work").creds_file(
            "[default]\naws_access_key_id=D\naws_secret_access_key=DS\n\n\
                 [work]\naws_access_key_id=W\naws_secret_access_key=WS\n",
        );
        assert_eq!(keys(&creds(&env).unwrap()), ("W", "WS", None));
    }

    #[test]
    fn custom_file_paths() {
        let env = FakeEnv::new()
            .set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds")
            .set("AWS_CONFIG_FILE", "/etc/conf")
            .creds_file(DEFAULT_CREDS)
            .file(
                "/etc/creds",
                "[default]\naws_access_key_id=C\naws_secret_access_key=CS\n",
            )
            .file("/etc/conf", "[default]\nregion=eu-west-3\n");
        assert_eq!(keys(&creds(&env).unwrap()), ("C", "CS", None));
        assert_eq!(default_region(&env), Ok(Some("eu-west-3".to_owned())));
    }

    #[test]
    fn tilde_in_custom_path() {
        let env = FakeEnv::new()
            .set("AWS_SHARED_CREDENTIALS_FILE", "~/other/creds")
            .file(
                "/home/u/other/creds",
                "[default]\naws_access_key_id=C\naws_secret_access_key=CS\n",
            );
        assert_eq!(keys(&creds(&env).unwrap()), ("C", "CS", None));
    }

    #[test]
    fn config_file_profiles() {
        let config = "[default]\naws_access_key_id=D\naws_secret_access_key=DS\n\
                      [profile x]\naws_access_key_id=X\naws_secret_access_key=XS\n\
                      [y]\naws_access_key_id=Y\naws_secret_access_key=YS\n";
        let env = FakeEnv::new().config_file(config);
        assert_eq!(keys(&creds(&env).unwrap()), ("D", "DS", None));
        let env = FakeEnv::new().set("AWS_PROFILE", "x").config_file(config);
        assert_eq!(keys(&creds(&env).unwrap()), ("X", "XS", None));
        // A config-file section without the `profile` prefix is not a profile.
        let env = FakeEnv::new().set("AWS_PROFILE", "y").config_file(config);
        assert!(default_credentials(&env).is_err());
    }

    #[test]
    fn config_profile_default_prefix() {
        let env = FakeEnv::new()
            .config_file("[profile default]\naws_access_key_id=P\naws_secret_access_key=PS\n");
        assert_eq!(keys(&creds(&env).unwrap()), ("P", "PS", None));
        let env = FakeEnv::new().config_file(
            "[default]\naws_access_key_id=D\naws_secret_access_key=DS\n\
             [profile default]\naws_access_key_id=P\naws_secret_access_key=PS\n",
        );
        assert_eq!(keys(&creds(&env).unwrap()), ("P", "PS", None));
        let env = FakeEnv::new()
            .set("AWS_PROFILE", "spaced")
            .config_file("[ profile \t spaced ]\naws_access_key_id=S\naws_secret_access_key=SS\n");
        assert_eq!(keys(&creds(&env).unwrap()), ("S", "SS", None));
    }

    #[test]
    fn credentials_file_takes_precedence() {
        let env = FakeEnv::new()
            .set("AWS_PROFILE", "p")
            .creds_file("[p]\naws_access_key_id=C\naws_secret_access_key=CS\n")
            .config_file(
                "[profile p]\naws_access_key_id=F\naws_secret_access_key=FS\naws_session_token=FT\n",
            );
        // Merged key by key: the credentials file's keys win, the config file fills gaps.
        assert_eq!(keys(&creds(&env).unwrap()), ("C", "CS", Some("FT")));
    }

    #[test]
    fn profile_split_across_files() {
        let env = FakeEnv::new()
            .creds_file("[default]\naws_secret_access_key=CS\n")
            .config_file("[default]\naws_access_key_id=F\nregion=us-west-2\n");
        assert_eq!(keys(&creds(&env).unwrap()), ("F", "CS", None));
    }

    #[test]
    fn missing_named_profile_is_error() {
        let env = FakeEnv::new()
            .set("AWS_PROFILE", "nope")
            .creds_file(DEFAULT_CREDS);
        let err = default_credentials(&env).unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        assert!(default_region(&env).is_err());
        // No files at all, but a profile was asked for.
        let env = FakeEnv::new().set("AWS_PROFILE", "nope");
        assert!(default_credentials(&env).is_err());
        // The default profile missing is just "nothing configured".
        let env = FakeEnv::new().creds_file("[other]\naws_access_key_id=K\n");
        assert_eq!(default_credentials(&env), Ok(None));
    }

    #[test]
    fn incomplete_profile_is_error() {
        let env = FakeEnv::new().creds_file("[default]\naws_access_key_id=K\n");
        let err = default_credentials(&env).unwrap_err();
        assert!(err.to_string().contains("aws_secret_access_key"), "{err}");
        let env = FakeEnv::new().creds_file("[default]\naws_secret_access_key=S\n");
        assert!(default_credentials(&env).is_err());
        let env =
            FakeEnv::new().creds_file("[default]\naws_access_key_id=K\naws_secret_access_key=\n");
        assert!(default_credentials(&env).is_err());
        let env = FakeEnv::new().creds_file("[default]\naws_session_token=T\n");
        assert!(default_credentials(&env).is_err());
    }

    #[test]
    fn profile_without_static_keys_is_none() {
        let env = FakeEnv::new()
            .set("AWS_PROFILE", "sso")
            .config_file("[profile sso]\nsso_session = corp\nregion = us-east-2\n");
        assert_eq!(default_credentials(&env), Ok(None));
        assert_eq!(default_region(&env), Ok(Some("us-east-2".to_owned())));
        let env = FakeEnv::new().creds_file("[default]\n");
        assert_eq!(default_credentials(&env), Ok(None));
    }

    #[test]
    fn region_order() {
        let files = FakeEnv::new()
            .creds_file("[default]\nregion = from-creds\n")
            .config_file("[default]\nregion = from-config\n");
        let env = files
            .set("AWS_REGION", "r1")
            .set("AWS_DEFAULT_REGION", "r2");
        assert_eq!(default_region(&env), Ok(Some("r1".to_owned())));
        let env = FakeEnv {
            vars: BTreeMap::new(),
            ..env
        }
        .set("AWS_DEFAULT_REGION", "r2")
        .set("AWS_REGION", "");
        assert_eq!(default_region(&env), Ok(Some("r2".to_owned())));
        let env = FakeEnv {
            vars: BTreeMap::new(),
            ..env
        };
        assert_eq!(default_region(&env), Ok(Some("from-config".to_owned())));
        let env = FakeEnv::new().creds_file("[default]\nregion = from-creds\n");
        assert_eq!(default_region(&env), Ok(Some("from-creds".to_owned())));
        let env = FakeEnv::new()
            .set("AWS_PROFILE", "p")
            .config_file("[default]\nregion = d\n[profile p]\nregion = p-region\n");
        assert_eq!(default_region(&env), Ok(Some("p-region".to_owned())));
    }

    fn props(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn parse_comments_and_whitespace() {
        let text = "# leading comment\n; another\n\
                    [default] # header comment\n\
                    aws_access_key_id   =   AKID   # inline\n\
                    Aws_Secret_Access_Key=se#cret;x ; inline\n\
                    \t; indented comment\n\
                    region=us-east-1\t# tab comment\n\
                    empty =\n\
                    junk line without equals\n\
                    = no key\n\
                    [profile  other ];c\n\
                    k = v\n";
        let parsed = parse_profile_file(text);
        assert_eq!(
            parsed.get("default"),
            Some(&props(&[
                ("aws_access_key_id", "AKID"),
                ("aws_secret_access_key", "se#cret;x"),
                ("region", "us-east-1"),
                ("empty", ""),
            ]))
        );
        assert_eq!(parsed.get("profile  other"), Some(&props(&[("k", "v")])));
        assert_eq!(parsed.len(), 2);
    }

    #[test]
    fn parse_crlf_and_bom() {
        let text = "\u{feff}[default]\r\naws_access_key_id = K\r\naws_secret_access_key = S\r\n\r\n[x]\r\nregion = r\r\n";
        let parsed = parse_profile_file(text);
        assert_eq!(
            parsed.get("default"),
            Some(&props(&[
                ("aws_access_key_id", "K"),
                ("aws_secret_access_key", "S")
            ]))
        );
        assert_eq!(parsed.get("x"), Some(&props(&[("region", "r")])));
        let env = FakeEnv::new().creds_file(text);
        assert_eq!(keys(&creds(&env).unwrap()), ("K", "S", None));
    }

    #[test]
    fn parse_sub_properties() {
        let text = "[profile dev]\n\
                    region = us-west-2\n\
                    s3 =\n\
                    \x20 max_concurrent_requests = 10\n\
                    \n\
                    \t  multipart_threshold = 64MB # comment\n\
                    aws_access_key_id = K\n\
                    long = first\n\
                    \x20 second\n\
                    aws_secret_access_key = S\n";
        let parsed = parse_profile_file(text);
        assert_eq!(
            parsed.get("profile dev"),
            Some(&props(&[
                ("region", "us-west-2"),
                (
                    "s3",
                    "max_concurrent_requests = 10\nmultipart_threshold = 64MB"
                ),
                ("aws_access_key_id", "K"),
                ("long", "first\nsecond"),
                ("aws_secret_access_key", "S"),
            ]))
        );
        let env = FakeEnv::new().set("AWS_PROFILE", "dev").config_file(text);
        assert_eq!(keys(&creds(&env).unwrap()), ("K", "S", None));
        assert_eq!(default_region(&env), Ok(Some("us-west-2".to_owned())));
    }

    #[test]
    fn parse_indented_properties() {
        let text = "[default]\n  a = 1\n  b = 2\n    c = 3\n";
        let parsed = parse_profile_file(text);
        assert_eq!(
            parsed.get("default"),
            Some(&props(&[("a", "1"), ("b", "2\nc = 3")]))
        );
    }

    #[test]
    fn parse_invalid_lines() {
        let text = "orphan = 1\n  orphan continuation\n[unclosed\nlost = 1\n[]\nlost2 = 2\n\
                    [ok] trailing\nlost3 = 3\n[good]\nk=v\n[good]\nk2=v2\n[";
        let parsed = parse_profile_file(text);
        assert_eq!(parsed.len(), 1);
        assert_eq!(
            parsed.get("good"),
            Some(&props(&[("k", "v"), ("k2", "v2")]))
        );
    }

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("AKIDEXAMPLE", "SUPERSECRET", Some("TOKENVALUE".to_owned()));
        let shown = ::std::format!("{c:?}");
        assert!(shown.contains("AKIDEXAMPLE"), "{shown}");
        assert!(!shown.contains("SUPERSECRET"), "{shown}");
        assert!(!shown.contains("TOKENVALUE"), "{shown}");
        assert!(shown.contains("** redacted **"), "{shown}");
        let c = Credentials::new("AKID", "SUPERSECRET", None);
        assert!(!::std::format!("{c:?}").contains("SUPERSECRET"));
    }

    #[test]
    fn error_is_std_error() {
        let err: Box<dyn ::std::error::Error> =
            Box::new(default_credentials(&FakeEnv::new().set("AWS_PROFILE", "x")).unwrap_err());
        assert!(err.to_string().contains("AWS_PROFILE"));
    }

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn mutated_files_never_panic() {
        let seed_text = "\u{feff}[default]\r\naws_access_key_id = AKID # c\r\n\
                         aws_secret_access_key=SECRET\n[profile dev]\nregion = eu-west-1\n\
                         s3 =\n  max_concurrent_requests = 10\n; comment\n[dev]\n\
                         aws_session_token = T\n";
        let pieces = [
            "[",
            "]",
            "=",
            "#",
            ";",
            " ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\u{feff}",
            "é",
            "日本",
            "profile ",
            "default",
            "dev",
            "aws_access_key_id",
            "aws_secret_access_key",
            "  ",
            "\u{0}",
            "region",
            "~",
            "[profile",
            "= =",
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..4000 {
            let mut chars: Vec<char> = seed_text.chars().collect();
            for _ in 0..=rng.below(8) {
                match rng.below(4) {
                    0 if !chars.is_empty() => {
                        let i = rng.below(chars.len());
                        chars.remove(i);
                    }
                    1 => {
                        let i = rng.below(chars.len() + 1);
                        let piece = pieces[rng.below(pieces.len())];
                        for (j, c) in piece.chars().enumerate() {
                            chars.insert(i + j, c);
                        }
                    }
                    2 if !chars.is_empty() => {
                        let i = rng.below(chars.len());
                        chars[i] = char::from_u32((rng.next() % 0x3000) as u32).unwrap_or('?');
                    }
                    _ => {
                        let cut = rng.below(chars.len() + 1);
                        chars.truncate(cut);
                    }
                }
            }
            let text: String = chars.into_iter().collect();
            let _ = parse_profile_file(&text);
            for profile in ["", "dev", "default"] {
                let env = FakeEnv::new()
                    .set("AWS_PROFILE", profile)
                    .creds_file(&text)
                    .config_file(&text);
                let _ = default_credentials(&env);
                let _ = default_region(&env);
            }
        }
    }
}
