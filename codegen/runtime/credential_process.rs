//! `credential_process`: credentials printed as JSON by a command the profile names.
//!
//! The command line is split into words the way a POSIX shell would (quotes and backslashes),
//! and the program is run directly, never through a shell, so nothing in it is expanded or
//! interpreted (as botocore does). The process runs on a helper thread with a time limit; its
//! output is read up to a cap.

use ::std::time::Duration;

use super::credentials::{Credentials, CredentialsError, ProvideCredentials};

/// The most output read from the process (stdout; stderr is capped lower).
const MAX_OUTPUT: u64 = 64 * 1024;

/// How long the process may run by default.
pub const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs a command and reads credentials from its JSON output: `Version` 1, `AccessKeyId`,
/// `SecretAccessKey`, optional `SessionToken` and `Expiration` (RFC 3339).
///
/// A non-zero exit, output that is not such JSON, or a process still running after the time
/// limit (it is killed) are provider errors.
#[derive(Debug, Clone)]
pub struct CredentialProcessProvider {
    command: ::std::string::String,
    timeout: Duration,
}

impl CredentialProcessProvider {
    /// A provider running `command` (as written in a profile's `credential_process`).
    pub fn new(command: impl ::std::convert::Into<::std::string::String>) -> Self {
        CredentialProcessProvider {
            command: command.into(),
            timeout: DEFAULT_PROCESS_TIMEOUT,
        }
    }

    /// The time limit for one run (60 s unless set).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn run(&self) -> ::std::result::Result<Credentials, CredentialsError> {
        let words = split_command(&self.command).map_err(|why| {
            CredentialsError::provider_error(::std::format!("credential_process: {why}"))
        })?;
        let (tx, rx) = super::exec::oneshot();
        let timeout = self.timeout;
        let spawned = ::std::thread::Builder::new()
            .name("credential_process".into())
            .spawn(move || tx.send(run_process(&words, timeout)));
        if let Err(e) = spawned {
            return Err(CredentialsError::provider_error(::std::format!(
                "credential_process: cannot start a thread: {e}"
            )));
        }
        let output = rx
            .await
            .unwrap_or_else(|| Err("the helper thread stopped".to_owned()));
        let stdout = output.map_err(|why| {
            CredentialsError::provider_error(::std::format!("credential_process: {why}"))
        })?;
        parse_output(&stdout).map_err(|why| {
            CredentialsError::provider_error(::std::format!("credential_process: {why}"))
        })
    }
}

impl ProvideCredentials for CredentialProcessProvider {
    fn provide_credentials(
        &self,
    ) -> super::http::BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        ::std::boxed::Box::pin(self.run())
    }
}

/// Runs the program with its arguments; its stdout if it exits with 0 in time.
fn run_process(
    words: &[::std::string::String],
    timeout: Duration,
) -> ::std::result::Result<::std::vec::Vec<u8>, ::std::string::String> {
    use ::std::process::{Command, Stdio};
    let (program, args) = words.split_first().ok_or("the command is empty")?;
    let deadline = ::std::time::Instant::now() + timeout;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ::std::format!("cannot run `{program}`: {e}"))?;
    let stdout = reader(child.stdout.take(), MAX_OUTPUT);
    let stderr = reader(child.stderr.take(), 4096);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if ::std::time::Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(::std::format!(
                    "`{program}` did not finish within {} ms and was stopped",
                    timeout.as_millis()
                ));
            }
            Ok(None) => ::std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(::std::format!("waiting for `{program}`: {e}")),
        }
    };
    // A grandchild may hold the pipes open: wait for the output no longer than the time left.
    let left = deadline
        .saturating_duration_since(::std::time::Instant::now())
        .max(Duration::from_millis(100));
    let out = stdout
        .recv_timeout(left)
        .unwrap_or_else(|_| Err("its output did not end".into()));
    // Output over the cap closed the pipe, which may have ended the process: say so first.
    if let Err(e) = &out
        && e.contains("over")
    {
        return Err(::std::format!("`{program}`: {e}"));
    }
    if !status.success() {
        let err = stderr
            .recv_timeout(Duration::from_millis(100))
            .ok()
            .and_then(|r| r.ok());
        let err = err
            .map(|e| ::std::string::String::from_utf8_lossy(&e).trim().to_owned())
            .filter(|e| !e.is_empty())
            .map(|e| ::std::format!(": {}", escape(&e)))
            .unwrap_or_default();
        return Err(::std::format!("`{program}` failed ({status}){err}"));
    }
    out
}

/// Reads a pipe on its own thread, up to `cap` bytes (more is an error).
fn reader<R: ::std::io::Read + Send + 'static>(
    pipe: ::std::option::Option<R>,
    cap: u64,
) -> ::std::sync::mpsc::Receiver<::std::result::Result<::std::vec::Vec<u8>, ::std::string::String>>
{
    let (tx, rx) = ::std::sync::mpsc::channel();
    let Some(pipe) = pipe else {
        let _ = tx.send(Ok(::std::vec::Vec::new()));
        return rx;
    };
    let spawned = ::std::thread::Builder::new()
        .name("credential_process output".into())
        .spawn(move || {
            use ::std::io::Read as _;
            let mut bytes = ::std::vec::Vec::new();
            let result = match pipe.take(cap + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > cap => {
                    Err(::std::format!("its output is over {cap} bytes"))
                }
                Ok(_) => Ok(bytes),
                Err(e) => Err(::std::format!("reading its output: {e}")),
            };
            let _ = tx.send(result);
        });
    drop(spawned);
    rx
}

/// Control characters shown escaped, so a process cannot write to the terminal through us.
fn escape(text: &str) -> ::std::string::String {
    let text: ::std::string::String = text.chars().take(300).collect();
    text.chars().flat_map(char::escape_debug).collect()
}

/// Splits a command line into words as a POSIX shell does, without expanding anything:
/// whitespace separates words; `'…'` is literal; in `"…"` a backslash escapes `"`, `\`, `$` and
/// `` ` ``; elsewhere a backslash escapes the next character. On Windows a backslash is an
/// ordinary character (paths), except before `"`.
pub(crate) fn split_command(
    line: &str,
) -> ::std::result::Result<::std::vec::Vec<::std::string::String>, &'static str> {
    let windows = cfg!(windows);
    let mut words = ::std::vec::Vec::new();
    let mut word = ::std::string::String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(::std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("an unclosed `'` in the command"),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.peek() {
                            Some(&n) if n == '"' || (!windows && matches!(n, '\\' | '$' | '`')) => {
                                word.push(n);
                                chars.next();
                            }
                            _ => word.push('\\'),
                        },
                        Some(c) => word.push(c),
                        None => return Err("an unclosed `\"` in the command"),
                    }
                }
            }
            '\\' if !windows || chars.peek() == Some(&'"') => {
                in_word = true;
                match chars.next() {
                    Some(n) => word.push(n),
                    None => return Err("a `\\` at the end of the command"),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    if words.is_empty() {
        return Err("the command is empty");
    }
    Ok(words)
}

/// Reads the process's JSON output.
fn parse_output(stdout: &[u8]) -> ::std::result::Result<Credentials, ::std::string::String> {
    let json: ::serde_json::Value = ::serde_json::from_slice(stdout)
        .map_err(|e| ::std::format!("its output is not JSON: {e}"))?;
    let object = json.as_object().ok_or("its output is not a JSON object")?;
    match object.get("Version").and_then(::serde_json::Value::as_u64) {
        Some(1) => {}
        Some(v) => {
            return Err(::std::format!(
                "unsupported `Version` {v} (only 1 is known)"
            ));
        }
        None => return Err("its output has no numeric `Version`".to_owned()),
    }
    let field = |name: &str| -> ::std::result::Result<
        ::std::option::Option<::std::string::String>,
        ::std::string::String,
    > {
        match object.get(name) {
            None | Some(::serde_json::Value::Null) => Ok(None),
            Some(::serde_json::Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(::std::format!("`{name}` is not a non-empty string")),
        }
    };
    let id = field("AccessKeyId")?.ok_or("its output has no `AccessKeyId`")?;
    let secret = field("SecretAccessKey")?.ok_or("its output has no `SecretAccessKey`")?;
    let mut credentials = Credentials::new(id, secret, field("SessionToken")?);
    if let Some(expiration) = field("Expiration")? {
        let at = super::credentials_http::parse_rfc3339(&expiration).ok_or_else(|| {
            ::std::format!(
                "`Expiration` `{}` is not an RFC 3339 time",
                escape(&expiration)
            )
        })?;
        credentials = credentials.with_expiry(at);
    }
    Ok(credentials)
}

#[cfg(test)]
#[path = "tests/credential_process.rs"]
mod tests;
