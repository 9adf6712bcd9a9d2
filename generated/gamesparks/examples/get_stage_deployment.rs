//! Describes a GameSparks stage deployment.
//!
//! ```text
//! cargo run -p gamesparks --example get_stage_deployment -- \
//!     --game-name my-game --stage-name dev [--deployment-id ID] [--region us-east-1] \
//!     [--endpoint-url http://127.0.0.1:8080] [--connect-timeout 3.1] [--read-timeout 60]
//! ```
//!
//! Credentials, the region and the endpoint come from the AWS SDKs' default chain (the
//! environment, web identity, the `AWS_PROFILE` profile of `~/.aws/credentials` and
//! `~/.aws/config`, ECS/EKS container credentials, EC2 instance metadata;
//! `AWS_ENDPOINT_URL_GAMESPARKS`); `--region` and `--endpoint-url` override them.
//!
//! On success the output is printed as pretty JSON on stdout and the exit code is 0. On failure
//! the error's kind, code, message, HTTP status, request id and number of attempts are printed
//! on stderr, one per line (`-` when absent), and the exit code is 1. Usage errors exit with 2.
//! Text from the server is printed with its control characters escaped, so it cannot forge
//! lines.
//!
//! Output that cannot be written (a closed pipe, a full disk) is an error too: the program says
//! so on stderr if it can and exits with 1; it never panics. (A standard stream that is not
//! open at all is opened on `/dev/null` by Rust's runtime before `main`, so output to it is
//! discarded and succeeds.)

use std::io::Write as _;
use std::process::ExitCode;

use gamesparks::error::{Escaped, SdkError};
use gamesparks::operation::get_stage_deployment::GetStageDeploymentError;
use gamesparks::{Client, Config};

const USAGE: &str = "\
usage: get_stage_deployment --game-name NAME --stage-name NAME [options]

Describes a GameSparks stage deployment and prints it as JSON.

required:
  --game-name NAME         the name of the game
  --stage-name NAME        the name of the stage

options:
  --deployment-id ID       the deployment to describe (optional)
  --region REGION          the AWS region (default: from AWS_REGION or the AWS config files)
  --endpoint-url URL       send requests to this URL instead of the regional endpoint
  --connect-timeout SECS   the limit for connecting, in seconds (default: 3.1)
  --read-timeout SECS      the limit for each attempt until the whole response is in,
                           in seconds (default: 60)
  -h, --help               print this help

Credentials come from the AWS default chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN), the profile named by AWS_PROFILE in
~/.aws/credentials and ~/.aws/config (keys, roles, credential_process, SSO), ECS/EKS container
credentials, or EC2 instance metadata. AWS_ENDPOINT_URL_GAMESPARKS sets the endpoint.";

/// The command line, parsed.
#[derive(Debug, Default)]
struct Args {
    game_name: Option<String>,
    stage_name: Option<String>,
    deployment_id: Option<String>,
    region: Option<String>,
    endpoint_url: Option<String>,
    connect_timeout: Option<String>,
    read_timeout: Option<String>,
}

/// What the command line asks for.
enum Command {
    Run(Args),
    Help,
}

/// Parses `--flag value` and `--flag=value` arguments (without the program name).
fn parse_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command, String> {
    let mut parsed = Args::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument {a:?} is not valid UTF-8"))?;
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        let slot = match flag.as_str() {
            "--game-name" => &mut parsed.game_name,
            "--stage-name" => &mut parsed.stage_name,
            "--deployment-id" => &mut parsed.deployment_id,
            "--region" => &mut parsed.region,
            "--endpoint-url" => &mut parsed.endpoint_url,
            "--connect-timeout" => &mut parsed.connect_timeout,
            "--read-timeout" => &mut parsed.read_timeout,
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            other => return Err(format!("unexpected argument `{other}`")),
        };
        let value = match inline_value {
            Some(value) => value,
            None => args
                .next()
                .ok_or_else(|| format!("`{flag}` needs a value"))?
                .into_string()
                .map_err(|v| format!("the value of `{flag}`, {v:?}, is not valid UTF-8"))?,
        };
        if slot.replace(value).is_some() {
            return Err(format!("`{flag}` is given more than once"));
        }
    }
    if parsed.game_name.is_none() {
        return Err("`--game-name` is required".into());
    }
    if parsed.stage_name.is_none() {
        return Err("`--stage-name` is required".into());
    }
    for (flag, value) in [
        ("--connect-timeout", &parsed.connect_timeout),
        ("--read-timeout", &parsed.read_timeout),
    ] {
        if let Some(value) = value {
            seconds(value).map_err(|e| format!("`{flag}`: {e}"))?;
        }
    }
    Ok(Command::Run(parsed))
}

/// Parses a duration in seconds, fractions allowed (`0.5`, `3.1`, `60`).
fn seconds(text: &str) -> Result<std::time::Duration, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    // Also refuses NaN, which compares false with everything.
    if value.is_nan() || value <= 0.0 {
        return Err(format!("`{text}` is not a positive number of seconds"));
    }
    std::time::Duration::try_from_secs_f64(value)
        .map_err(|_| format!("`{text}` seconds is too long"))
}

/// Writes `text` and a newline to stdout; if that fails, says so on stderr and returns 1.
fn print_out(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_err(&format!("error: cannot write to stdout: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Writes `text` and a newline to stderr. A failure is not reported, as there is nowhere left
/// to report it; the exit code still says the run failed.
fn print_err(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}").and_then(|()| err.flush());
}

/// The error's kind, code, message, status and request id, one per line, with the text from
/// the server escaped.
fn report(error: &SdkError<GetStageDeploymentError>) -> String {
    let (code, message) = match error {
        // An unhandled error without a message describes the body instead.
        SdkError::Service(e) => (
            e.error.code().map(|c| Escaped(c).to_string()),
            match e.error.message() {
                Some(m) => Some(Escaped(m).to_string()),
                None => e.error.is_unhandled().then(|| e.error.to_string()),
            },
        ),
        SdkError::Construction(e) => (None, Some(e.message().to_string())),
        SdkError::Transport(e) | SdkError::Timeout(e) => (None, Some(e.to_string())),
        SdkError::Response(e) | SdkError::ResponseTooLarge(e) => {
            (None, Some(Escaped(&e.message).to_string()))
        }
        SdkError::BodyNotReplayable(e) => (None, Some(e.to_string())),
    };
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let message = Escaped(&or_dash(message)).to_string();
    format!(
        "error: {}\ncode: {}\nmessage: {message}\nstatus: {}\nrequest-id: {}\nattempts: {}",
        error.kind_name(),
        or_dash(code),
        or_dash(error.status().map(|s| s.to_string())),
        or_dash(error.request_id().map(|id| Escaped(id).to_string())),
        error.attempts(),
    )
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(args)) => args,
        Ok(Command::Help) => return print_out(USAGE),
        Err(problem) => {
            print_err(&format!("error: {problem}\n\n{USAGE}"));
            return ExitCode::from(2);
        }
    };

    // Credentials and region come from the environment and the shared files; flags override.
    let mut config = Config::builder();
    if let Some(region) = args.region {
        config = config.region(region);
    }
    if let Some(url) = args.endpoint_url {
        config = config.endpoint_url(url);
    }
    if let Some(Ok(limit)) = args.connect_timeout.as_deref().map(seconds) {
        config = config.connect_timeout(limit);
    }
    if let Some(Ok(limit)) = args.read_timeout.as_deref().map(seconds) {
        config = config.read_timeout(limit);
    }
    let client = Client::new(config.build());

    let request = client
        .get_stage_deployment()
        .game_name(args.game_name.unwrap_or_default())
        .stage_name(args.stage_name.unwrap_or_default())
        .set_deployment_id(args.deployment_id);
    match gamesparks::http::block_on(request.send()) {
        Ok(output) => match serde_json::to_string_pretty(&output) {
            Ok(json) => print_out(&json),
            Err(e) => {
                print_err(&format!("error: could not write the output as JSON: {e}"));
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            print_err(&report(&error));
            ExitCode::FAILURE
        }
    }
}
