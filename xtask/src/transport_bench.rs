//! `cargo xtask bench-concurrency` and `cargo xtask bench-features`: the transports under
//! load, and what each feature of the generated crate costs. Each writes its own section of
//! `BENCHMARKS.md` (between `<!-- NAME -->` and `<!-- /NAME -->`), which `cargo xtask bench`
//! keeps when it rewrites the rest.
//!
//! - Concurrency: 1,000 concurrent GetStageDeployment calls against a loopback server that
//!   answers each request after 200 ms, with each transport, each in a child process
//!   (`bench/concurrency`, release build, a two-worker tokio runtime). This process samples
//!   the child's `/proc/PID/status` every 2 ms for `Threads` (the peak) and reads `VmHWM`
//!   (peak resident memory) once the calls are done.
//! - Features: a copy of `generated/gamesparks`, built clean (debug, fresh target directory,
//!   after `cargo fetch`) with `--no-default-features`, the defaults, `--features hyper` and
//!   `--features tracing`, one after the other in one run, after a clean build of the anchor
//!   (the ratios compare builds made under the same load); with `cargo tree` counts.

use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Concurrent calls per transport.
const CALLS: usize = 1000;
/// How long the server waits before answering each request.
const DELAY: Duration = Duration::from_millis(200);
const BODY: &str = r#"{"StageDeployment":{"DeploymentId":"d","DeploymentState":"COMPLETED"}}"#;

/// `cargo xtask bench-concurrency`.
pub fn concurrency(root: &Path) -> Result<()> {
    let dir = root.join("bench/concurrency");
    println!("building bench/concurrency (release)");
    crate::bench::cargo(&dir, &["build", "--release", "--quiet"], None)?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| dir.join("target"), std::path::PathBuf::from);
    let binary = target.join("release/concurrency-bench");
    let server = Server::start()?;
    let mut rows = Vec::new();
    for transport in ["blocking", "ureq", "hyper"] {
        let run = run_child(&binary, transport, &server.url())?;
        println!(
            "{transport}: {} ok, {:.2} s, {} threads, {:.1} MiB",
            run.ok,
            run.wall.as_secs_f64(),
            run.threads,
            run.rss_kib as f64 / 1024.0
        );
        rows.push((transport, run));
    }
    drop(server);
    let default = &rows[0].1;
    let mut table = String::new();
    writeln!(
        table,
        "## Transports under load (`cargo xtask bench-concurrency`)\n"
    )?;
    writeln!(
        table,
        "{CALLS} concurrent GetStageDeployment calls against a loopback server that answers each request after {} ms, each transport in a child process (`bench/concurrency`, release, a two-worker tokio runtime); peak threads sampled from `/proc/PID/status` every 2 ms, peak memory is `VmHWM`.\n",
        DELAY.as_millis()
    )?;
    writeln!(
        table,
        "| transport | calls ok | wall time | peak OS threads | peak RSS | RSS vs default | goal |"
    )?;
    writeln!(table, "|---|---:|---:|---:|---:|---:|---|")?;
    for (name, run) in &rows {
        let ratio = run.rss_kib as f64 / default.rss_kib.max(1) as f64;
        let goal = match *name {
            // The goal was set against ureq, the default transport when it was set.
            "hyper" => {
                let ureq = rows
                    .iter()
                    .find(|(n, _)| *n == "ureq")
                    .map_or(default.rss_kib, |(_, r)| r.rss_kib);
                let met = run.threads <= 8 && run.rss_kib as f64 <= 0.3 * ureq as f64;
                format!(
                    "≤ 8 threads, ≤ 0.3× ureq's RSS: {}",
                    if met { "met" } else { "**missed**" }
                )
            }
            _ => String::new(),
        };
        writeln!(
            table,
            "| `{name}`{} | {}/{CALLS} | {:.2} s | {} | {:.1} MiB | {ratio:.2} | {goal} |",
            if *name == "blocking" {
                " (default)"
            } else {
                ""
            },
            run.ok,
            run.wall.as_secs_f64(),
            run.threads,
            run.rss_kib as f64 / 1024.0,
        )?;
    }
    writeln!(
        table,
        "\n`blocking` and `ureq` run each call's blocking I/O on a helper thread, so their threads and memory grow with the calls in flight; `hyper` runs every call as a task on the caller's runtime, with no thread per call."
    )?;
    write_section(root, "bench-concurrency", &table)?;
    println!("wrote the bench-concurrency section of BENCHMARKS.md");
    Ok(())
}

struct ChildRun {
    ok: usize,
    wall: Duration,
    threads: usize,
    rss_kib: u64,
}

fn run_child(binary: &Path, transport: &str, url: &str) -> Result<ChildRun> {
    let mut child = Command::new(binary)
        .args([transport, url, &CALLS.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let status_file = format!("/proc/{}/status", child.id());
    let stdout = child.stdout.take().context("child stdout")?;
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        line
    });
    let mut threads = 0;
    let started = Instant::now();
    while !reader.is_finished() {
        if let Some(n) = status_field(&status_file, "Threads:") {
            threads = threads.max(n as usize);
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            bail!("{transport}: the child ran for more than 300 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let line = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reader panicked"))?;
    let rss_kib = status_field(&status_file, "VmHWM:").context("VmHWM")?;
    drop(child.stdin.take());
    let status = child.wait()?;
    if !status.success() {
        bail!("{transport}: the child failed ({status})");
    }
    let field = |name: &str| -> Result<u64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
            .with_context(|| format!("{transport}: no {name} in {line:?}"))
    };
    Ok(ChildRun {
        ok: field("ok")? as usize,
        wall: Duration::from_millis(field("wall_ms")?),
        threads,
        rss_kib,
    })
}

/// A number field of `/proc/PID/status` (`Threads:`, `VmHWM:` in kB).
fn status_field(file: &str, name: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(name))?;
    line[name.len()..].split_whitespace().next()?.parse().ok()
}

/// A keep-alive HTTP/1.1 server on loopback, a thread per connection, answering every request
/// after [`DELAY`].
struct Server {
    addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let flag = flag.clone();
                        let _ = std::thread::Builder::new()
                            .stack_size(64 * 1024)
                            .spawn(move || serve(stream, &flag));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        Ok(Server { addr, stop })
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(mut stream: TcpStream, stop: &AtomicBool) {
    if stream.set_nonblocking(false).is_err()
        || stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .is_err()
    {
        return;
    }
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !stop.load(Ordering::SeqCst) {
        // The requests are GETs without a body: a request ends with its head.
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            continue;
        };
        buf.drain(..end + 4);
        std::thread::sleep(DELAY);
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
            BODY.len()
        );
        if stream.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

/// `cargo xtask bench-features`.
pub fn features(root: &Path) -> Result<()> {
    let work = std::env::temp_dir().join(format!("xtask-features-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let result = features_in(root, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn features_in(root: &Path, work: &Path) -> Result<()> {
    let src = work.join("gamesparks");
    crate::bench::copy_crate(&root.join("generated/gamesparks"), &src)?;
    let mut manifest = std::fs::read_to_string(src.join("Cargo.toml"))?;
    manifest.push_str("\n[workspace]\n");
    std::fs::write(src.join("Cargo.toml"), manifest)?;
    crate::bench::cargo(&src, &["fetch", "--quiet"], None)?;
    // The anchor is built in the same run, so the ratios compare builds under the same load.
    let anchor = work.join("anchor");
    crate::bench::write_anchor_crate(&anchor)?;
    crate::bench::cargo(&anchor, &["fetch", "--quiet"], None)?;
    let anchor_crates = crate::bench::unique_deps(&anchor, &[])? as f64;
    let anchor_build = crate::bench::timed_build(&anchor, work, false, &[])?;
    let anchor_secs = anchor_build.secs;
    println!(
        "anchor: {anchor_crates} crates, {} compiled, {anchor_secs:.1} s",
        anchor_build.compiled
    );
    let sets: [(&str, &[&str]); 5] = [
        ("`--no-default-features`", &["--no-default-features"]),
        ("default (`blocking`)", &[]),
        (
            "`--no-default-features --features ureq`",
            &["--no-default-features", "--features", "ureq"],
        ),
        ("`--features hyper`", &["--features", "hyper"]),
        ("`--features tracing`", &["--features", "tracing"]),
    ];
    let mut table = String::new();
    writeln!(
        table,
        "## What each feature costs (`cargo xtask bench-features`)\n"
    )?;
    writeln!(
        table,
        "A copy of `generated/gamesparks`, each build clean (debug, fresh target directory, no incremental state, after `cargo fetch`), one after the other in one run, after a clean build of the anchor (`aws-sdk-gamesparks` 0.33, default features) in the same run: {anchor_crates} unique dependency crates, {anchor_secs:.1} s. Ratios are against those; issue 4's goals for `--no-default-features` are ≤ 0.25× and ≤ 0.15×. The machine's load during the run is in the last line.\n"
    )?;
    writeln!(
        table,
        "| features | unique dependency crates | crates compiled | clean debug build | crates vs anchor | build vs anchor |"
    )?;
    writeln!(table, "|---|---:|---:|---:|---:|---:|")?;
    for (name, args) in sets {
        let deps = crate::bench::unique_deps(&src, args)?;
        let build = crate::bench::timed_build(&src, work, false, args)?;
        println!(
            "{name}: {deps} crates, {} compiled, {:.1} s",
            build.compiled, build.secs
        );
        let crates_ratio = deps as f64 / anchor_crates;
        let secs_ratio = build.secs / anchor_secs;
        let mark = |ratio: f64, goal: f64| {
            if args == ["--no-default-features"] {
                format!(
                    "{ratio:.3} ({})",
                    if ratio <= goal { "met" } else { "**missed**" }
                )
            } else {
                format!("{ratio:.3}")
            }
        };
        writeln!(
            table,
            "| {name} | {deps} | {} | {:.1} s | {} | {} |",
            build.compiled,
            build.secs,
            mark(crates_ratio, 0.25),
            mark(secs_ratio, 0.15)
        )?;
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    writeln!(
        table,
        "\nLoad average at the end (1, 5, 15 min, 2 cores): {}. Other builds shared the machine, so the seconds are slower than the main table's; the ratios are of builds made under the same conditions.",
        load.join(", ")
    )?;
    write_section(root, "bench-features", &table)?;
    println!("wrote the bench-features section of BENCHMARKS.md");
    Ok(())
}

/// Replaces (or appends) the section `name` of BENCHMARKS.md.
pub(crate) fn write_section(root: &Path, name: &str, content: &str) -> Result<()> {
    let path = root.join("BENCHMARKS.md");
    let text = std::fs::read_to_string(&path)?;
    std::fs::write(&path, replace_section(&text, name, content))?;
    Ok(())
}

pub(crate) fn replace_section(text: &str, name: &str, content: &str) -> String {
    let (open, close) = (format!("<!-- {name} -->"), format!("<!-- /{name} -->"));
    let block = format!("{open}\n{}\n{close}", content.trim_end());
    match (text.find(&open), text.find(&close)) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{block}{}", &text[..start], &text[end + close.len()..])
        }
        _ => format!("{}\n\n{block}\n", text.trim_end()),
    }
}

/// The sections these commands wrote into `old`, carried over into a freshly rendered `new`.
pub fn keep_sections(old: &str, new: String) -> String {
    let mut out = new;
    for name in ["bench-concurrency", "bench-features", "bench-services"] {
        let (open, close) = (format!("<!-- {name} -->"), format!("<!-- /{name} -->"));
        if let (Some(start), Some(end)) = (old.find(&open), old.find(&close))
            && end > start
        {
            let inner = &old[start + open.len()..end];
            out = replace_section(&out, name, inner.trim());
        }
    }
    out
}

/// `cargo xtask bench-concurrency` (no arguments).
pub(crate) fn concurrency_cmd(args: &[String]) -> Result<()> {
    crate::flags::parse_flags("bench-concurrency", args, &[], &[])?;
    concurrency(&crate::project_root())
}

/// `cargo xtask bench-features` (no arguments).
pub(crate) fn features_cmd(args: &[String]) -> Result<()> {
    crate::flags::parse_flags("bench-features", args, &[], &[])?;
    features(&crate::project_root())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_replaced_or_appended_and_kept() {
        let text = "# B\n\nrows\n";
        let once = replace_section(text, "x", "one");
        assert_eq!(once, "# B\n\nrows\n\n<!-- x -->\none\n<!-- /x -->\n");
        let twice = replace_section(&once, "x", "two");
        assert_eq!(twice, "# B\n\nrows\n\n<!-- x -->\ntwo\n<!-- /x -->\n");
        let old = replace_section(&twice, "bench-features", "costs");
        let kept = keep_sections(&old, "# B\n\nnew rows\n".into());
        assert_eq!(
            kept,
            "# B\n\nnew rows\n\n<!-- bench-features -->\ncosts\n<!-- /bench-features -->\n"
        );
    }
}
