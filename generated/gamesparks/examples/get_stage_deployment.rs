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
//! the error's kind, code, message, HTTP status and request id are printed on stderr, one per
//! line (`-` when absent), and the exit code is 1. Usage errors exit with 2.

use std::process::ExitCode;

use gamesparks::error::SdkError;
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

/// Prints an error's kind, code, message, status and request id on stderr, one per line.
fn report(error: &SdkError<GetStageDeploymentError>) {
    let (code, message) = match error {
        SdkError::Service(e) => (
            e.error.code().map(str::to_string),
            e.error.message().map(str::to_string),
        ),
        SdkError::Construction(e) => (None, Some(e.message().to_string())),
        SdkError::Transport(e) | SdkError::Timeout(e) => (None, Some(e.to_string())),
        SdkError::Response(e) => (None, Some(e.message.clone())),
        SdkError::BodyNotReplayable(e) => (None, Some(e.to_string())),
    };
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    eprintln!("error: {}", error.kind_name());
    eprintln!("code: {}", or_dash(code));
    eprintln!("message: {}", or_dash(message));
    eprintln!("status: {}", or_dash(error.status().map(|s| s.to_string())));
    eprintln!(
        "request-id: {}",
        or_dash(error.request_id().map(str::to_string))
    );
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(args)) => args,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("error: {problem}\n\n{USAGE}");
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
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: could not write the output as JSON: {e}");
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            report(&error);
            ExitCode::FAILURE
        }
    }
}
