//! `concurrency-bench TRANSPORT URL CALLS`: runs CALLS concurrent GetStageDeployment calls
//! against URL with TRANSPORT (`blocking`, `ureq` or `hyper`) on a two-worker tokio runtime, prints
//! `ok=N wall_ms=T`, then waits for stdin to close so the parent can read this process's
//! peak memory from /proc before it exits.

use std::io::Read as _;
use std::time::{Duration, Instant};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [transport, url, calls] = args.as_slice() else {
        eprintln!("usage: concurrency-bench blocking|ureq|hyper URL CALLS");
        return std::process::ExitCode::from(2);
    };
    let Ok(calls) = calls.parse::<usize>() else {
        eprintln!("CALLS must be a number");
        return std::process::ExitCode::from(2);
    };
    let builder = gamesparks::Config::builder()
        .region("us-east-1")
        .endpoint_url(url.as_str())
        .credentials(gamesparks::config::Credentials::new("AKID", "SECRET", None))
        .retry_config(gamesparks::config::RetryConfig::disabled())
        .read_timeout(Duration::from_secs(60))
        .ignore_environment();
    let builder = match transport.as_str() {
        "blocking" => builder.http_client(gamesparks::http::BlockingClient::new()),
        "ureq" => builder.http_client(gamesparks::http::UreqClient::new()),
        "hyper" => builder.http_client(gamesparks::http::HyperClient::new()),
        other => {
            eprintln!("unknown transport {other}");
            return std::process::ExitCode::from(2);
        }
    };
    let client = gamesparks::Client::new(builder.build());
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    else {
        eprintln!("could not start tokio");
        return std::process::ExitCode::FAILURE;
    };
    let started = Instant::now();
    let ok = runtime.block_on(async {
        let tasks: Vec<_> = (0..calls)
            .map(|i| {
                let client = client.clone();
                tokio::spawn(async move {
                    client
                        .get_stage_deployment()
                        .game_name(format!("game-{i}"))
                        .stage_name("dev")
                        .send()
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            match task.await {
                Ok(Ok(_)) => ok += 1,
                Ok(Err(e)) => eprintln!("call failed: {e}"),
                Err(e) => eprintln!("task failed: {e}"),
            }
        }
        ok
    });
    let wall = started.elapsed();
    println!("ok={ok} wall_ms={}", wall.as_millis());
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
    std::process::ExitCode::SUCCESS
}
