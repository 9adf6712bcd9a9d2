//! The shared config and credentials files: read once per configuration (size-capped, checked
//! to be UTF-8 regular files), parsed strictly, and queried for profiles, `sso-session` and
//! `services` sections.

use super::credentials::{ConfigError, Env};

/// A section's properties: lowercase key → value.
pub(crate) type Properties =
    ::std::collections::BTreeMap<::std::string::String, ::std::string::String>;

/// Section name (as written between the brackets, trimmed) → properties.
pub(crate) type Sections = ::std::collections::BTreeMap<::std::string::String, Properties>;

/// The largest shared file read; a longer one is an error, not a silent truncation.
pub(crate) const MAX_SHARED_FILE: u64 = 4 * 1024 * 1024;

/// Both shared files, read and parsed once, and the profile `AWS_PROFILE` selects.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileFiles {
    /// The selected profile: `AWS_PROFILE`, else `default`.
    pub(crate) selected: ::std::string::String,
    /// Whether `AWS_PROFILE` named it (so its absence is an error).
    pub(crate) explicit: bool,
    /// Where the config file was looked for (`None`: no home directory).
    pub(crate) config_path: ::std::option::Option<::std::path::PathBuf>,
    /// Where the credentials file was looked for.
    pub(crate) credentials_path: ::std::option::Option<::std::path::PathBuf>,
    /// The config file's sections; `None` when it does not exist.
    config: ::std::option::Option<Sections>,
    /// The credentials file's sections; `None` when it does not exist.
    credentials: ::std::option::Option<Sections>,
}

impl ProfileFiles {
    /// Reads and parses both files. A file that exists but is not a readable UTF-8 regular
    /// file of at most [`MAX_SHARED_FILE`] bytes, or that does not parse, is an error naming
    /// the file (and the line).
    pub(crate) fn load(env: &dyn Env) -> ::std::result::Result<Self, ConfigError> {
        let explicit = super::credentials::non_empty_var(env, "AWS_PROFILE");
        let credentials_path = shared_file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
        let config_path = shared_file_path(env, "AWS_CONFIG_FILE", "config");
        let read = |path: &::std::option::Option<::std::path::PathBuf>, what: &str| {
            let Some(path) = path else { return Ok(None) };
            let bytes = env.read_shared_file(path).map_err(|why| {
                ConfigError::new(::std::format!("{what} `{}`: {why}", path.display()))
            })?;
            let Some(bytes) = bytes else { return Ok(None) };
            parse_bytes(&bytes).map(Some).map_err(|e| {
                ConfigError::new(::std::format!("{what} `{}`, {}", path.display(), e.message))
            })
        };
        let credentials = read(&credentials_path, "credentials file")?;
        let config = read(&config_path, "config file")?;
        Ok(ProfileFiles {
            selected: explicit.clone().unwrap_or_else(|| "default".to_owned()),
            explicit: explicit.is_some(),
            config_path,
            credentials_path,
            config,
            credentials,
        })
    }

    /// Profile `name` from both files, merged key by key with the credentials file winning, as
    /// the AWS CLI and SDKs do; `None` when neither file defines it.
    pub(crate) fn profile(&self, name: &str) -> ::std::option::Option<Properties> {
        let config = self.config.as_ref().and_then(|s| config_profile(s, name));
        let credentials = self.credentials.as_ref().and_then(|s| s.get(name).cloned());
        match (config, credentials) {
            (None, None) => None,
            (config, credentials) => {
                let mut merged = config.unwrap_or_default();
                merged.extend(credentials.unwrap_or_default());
                Some(merged)
            }
        }
    }

    /// A non-blank setting of the selected profile, the config file's before the credentials
    /// file's (the region and the like live in the config file).
    pub(crate) fn setting(&self, key: &str) -> ::std::option::Option<::std::string::String> {
        let config = self
            .config
            .as_ref()
            .and_then(|s| config_profile(s, &self.selected));
        let credentials = self
            .credentials
            .as_ref()
            .and_then(|s| s.get(&self.selected).cloned());
        [config, credentials]
            .into_iter()
            .flatten()
            .filter_map(|props| props.get(key).map(|v| v.trim().to_owned()))
            .find(|v| !v.is_empty())
    }

    /// The config file's `[sso-session name]` section.
    pub(crate) fn sso_session(&self, name: &str) -> ::std::option::Option<Properties> {
        self.named_section("sso-session", name)
    }

    /// The config file's `[services name]` section.
    pub(crate) fn services(&self, name: &str) -> ::std::option::Option<Properties> {
        self.named_section("services", name)
    }

    /// A config-file section `[kind name]` (whitespace between them as for profiles).
    fn named_section(&self, kind: &str, name: &str) -> ::std::option::Option<Properties> {
        let sections = self.config.as_ref()?;
        let mut found: ::std::option::Option<Properties> = None;
        for (section, props) in sections {
            if prefixed_name(section, kind) == Some(name) {
                found
                    .get_or_insert_with(Properties::new)
                    .extend(props.clone());
            }
        }
        found
    }

    /// The files that were consulted, for messages: "credentials file `…` and config file `…`".
    pub(crate) fn describe_sources(&self) -> ::std::string::String {
        let show = |path: &::std::option::Option<::std::path::PathBuf>, what: &str, found: bool| {
            match path {
                Some(p) if found => ::std::format!("{what} `{}`", p.display()),
                Some(p) => ::std::format!("{what} `{}` (not found)", p.display()),
                None => ::std::format!("{what} (no home directory)"),
            }
        };
        ::std::format!(
            "{} and {}",
            show(
                &self.credentials_path,
                "credentials file",
                self.credentials.is_some()
            ),
            show(&self.config_path, "config file", self.config.is_some())
        )
    }
}

/// The sub-properties of a property's value (`key = value` lines, as in a `services` section's
/// `s3 =` block): lowercase key → value; lines without `=` are skipped.
pub(crate) fn sub_properties(value: &str) -> Properties {
    value
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

/// Where a shared file lives: the path in `var` (with a leading `~` expanded), or
/// `~/.aws/<file_name>`. `None` when the home directory is needed but unknown.
pub(crate) fn shared_file_path(
    env: &dyn Env,
    var: &str,
    file_name: &str,
) -> ::std::option::Option<::std::path::PathBuf> {
    match super::credentials::non_empty_var(env, var) {
        Some(path) => expand_home(env, &path),
        None => env.home_dir().map(|home| home.join(".aws").join(file_name)),
    }
}

/// `path` with a leading `~` (alone, or followed by a separator) replaced by the home directory.
pub(crate) fn expand_home(
    env: &dyn Env,
    path: &str,
) -> ::std::option::Option<::std::path::PathBuf> {
    if path == "~" {
        env.home_dir()
    } else if let Some(rest) = path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")) {
        env.home_dir().map(|home| home.join(rest))
    } else {
        Some(::std::path::PathBuf::from(path))
    }
}

/// `name` when `section` is `kind name` (with spaces or tabs between), else `None`.
fn prefixed_name<'a>(section: &'a str, kind: &str) -> ::std::option::Option<&'a str> {
    let rest = section.strip_prefix(kind)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim())
}

/// Picks profile `name` out of a parsed config file, where profiles are `[profile name]`, plus
/// `[default]` for the default profile. `[profile default]` takes priority over `[default]`;
/// other sections without the `profile` prefix are ignored, as the AWS SDKs do.
fn config_profile(sections: &Sections, name: &str) -> ::std::option::Option<Properties> {
    let mut found: ::std::option::Option<Properties> = None;
    for (section, props) in sections {
        if prefixed_name(section, "profile") == Some(name) {
            found
                .get_or_insert_with(Properties::new)
                .extend(props.clone());
        }
    }
    if found.is_none() && name == "default" {
        return sections.get("default").cloned();
    }
    found
}

/// A parse error: the 1-based line and what is wrong there.
#[derive(Debug)]
struct ParseError {
    message: ::std::string::String,
}

impl ParseError {
    fn at(line: usize, what: &str) -> Self {
        ParseError {
            message: ::std::format!("line {line}: {what}"),
        }
    }
}

/// Parses a file's bytes: UTF-8 (a leading byte-order mark allowed) or an error naming the line
/// of the first invalid byte.
fn parse_bytes(bytes: &[u8]) -> ::std::result::Result<Sections, ParseError> {
    let text = ::std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        ParseError::at(line, "not valid UTF-8")
    })?;
    parse(text)
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
/// - `\r\n` line endings and a leading byte-order mark are accepted.
///
/// A line that is none of these (a property without `=` or without a name, a property before
/// any section header, a header without `]`, with an empty name or with text after `]`) is an
/// error naming its line, as in the AWS SDKs.
pub fn parse_profile_file(
    text: &str,
) -> ::std::result::Result<
    ::std::collections::BTreeMap<
        ::std::string::String,
        ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
    >,
    ConfigError,
> {
    parse(text).map_err(|e| ConfigError::new(e.message))
}

fn parse(text: &str) -> ::std::result::Result<Sections, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections = Sections::new();
    let mut section: ::std::option::Option<::std::string::String> = None;
    // The property that indented lines continue: its key and the indentation of its line.
    let mut property: ::std::option::Option<(::std::string::String, usize)> = None;

    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if trimmed.starts_with('[') {
            property = None;
            let name =
                parse_section_header(trimmed).map_err(|what| ParseError::at(number, what))?;
            sections.entry(name.clone()).or_default();
            section = Some(name);
            continue;
        }
        let Some(props) = section.as_ref().and_then(|name| sections.get_mut(name)) else {
            return Err(ParseError::at(
                number,
                "a property before any `[section]` header",
            ));
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
        let Some((key, value)) = strip_inline_comment(trimmed).split_once('=') else {
            return Err(ParseError::at(
                number,
                "expected `name = value` (no `=` found)",
            ));
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err(ParseError::at(number, "a property with no name before `=`"));
        }
        props.insert(key.clone(), value.trim().to_owned());
        property = Some((key, indent));
    }
    Ok(sections)
}

/// The name in a `[name]` header line (already trimmed), or what is wrong with it.
fn parse_section_header(line: &str) -> ::std::result::Result<::std::string::String, &'static str> {
    let inner = line.strip_prefix('[').unwrap_or(line);
    let (name, rest) = inner
        .split_once(']')
        .ok_or("a section header without its closing `]`")?;
    let rest = rest.trim();
    if !rest.is_empty() && !rest.starts_with(['#', ';']) {
        return Err("text after a section header's `]`");
    }
    let name = name.trim();
    if name.is_empty() {
        return Err("a section header with an empty name");
    }
    Ok(name.to_owned())
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

/// Reads a shared file from disk without hanging or growing without bound: `Ok(None)` when it
/// does not exist; an error for a directory, a FIFO, socket or device (checked before opening,
/// so a FIFO is never opened), or a file over `limit` bytes (only `limit + 1` bytes are read).
pub(crate) fn read_regular_file(
    path: &::std::path::Path,
    limit: u64,
) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<u8>>, ::std::string::String> {
    use ::std::io::Read as _;
    let metadata = match ::std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ::std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(::std::format!("cannot be read: {e}")),
    };
    if metadata.is_dir() {
        return Err("is a directory, not a file".to_owned());
    }
    if !metadata.is_file() {
        return Err("is not a regular file (a FIFO, socket or device)".to_owned());
    }
    let file = match ::std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == ::std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(::std::format!("cannot be read: {e}")),
    };
    // The path could have been swapped between the check and the open.
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err("is not a regular file".to_owned());
    }
    let mut bytes = ::std::vec::Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ::std::format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(::std::format!("is larger than {limit} bytes"));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
#[path = "tests/profile.rs"]
mod tests;
