//! Checks the SigV4 signer of `codegen/runtime/sigv4.rs` against the AWS SigV4 test suite
//! (`shared/aws-sigv4-test-suite/v4`, one directory per case).
//!
//! For each case, `request.txt` is parsed, `context.json` gives the credentials, region,
//! service, time and options, and the request is signed in header style. The canonical request,
//! the string to sign, the signature and the signed request (`header-*.txt`) must all match
//! exactly; the first mismatch is an error naming the case, the part and both values.
//!
//! Mapping of the context: `normalize` is [`sigv4::SigningParams::normalize_path`], `sign_body`
//! is [`sigv4::SigningParams::content_sha256_header`] (the payload hash is always signed), and
//! `omit_session_token: true` (the token is sent but not signed) is signing without the token and
//! then adding `X-Amz-Security-Token`. Headers already in `request.txt` (some cases carry
//! `X-Amz-Date`) are not added again: the signer leaves them alone.
//!
//! The two cases the suite migrated from its older format (`double-encode-path`,
//! `double-url-encode`) have no `context.json`; their context comes from their own files: the
//! time from the request's `X-Amz-Date`, the access key id, region and service from the expected
//! `Authorization` header, the secret from the suite's known test keys, path normalization on.
//!
//! Some cases' files contradict each other or the other cases ([`QUIRKS`]). Such a case is first
//! checked as is (so a fixed suite counts it as checked); if that fails, it is checked again with
//! the one documented adjustment, must pass that, and is reported as skipped with the reason.

#[path = "../../codegen/runtime/sha256.rs"]
#[allow(dead_code)]
mod sha256;
#[path = "../../codegen/runtime/sigv4.rs"]
#[allow(dead_code)]
mod sigv4;

use std::path::Path;

use anyhow::{Context, Result, bail};

/// Secret keys of the test access key ids the cases without `context.json` use: the suite's
/// example key, and the fake key smithy-rs's `aws-sigv4` tests sign `double-encode-path` with.
const TEST_KEYS: &[(&str, &str)] = &[
    ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    ("ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby"),
];

/// Cases whose own files are inconsistent, with the adjustment that checks the rest of them.
const QUIRKS: &[(&str, Quirk, &str)] = &[
    (
        "get-space-normalized",
        Quirk::DecodePath,
        "its request.txt has the already-encoded path `/example%20space/` (upstream CRT's has a \
         literal space), but its expectations are the single encoding `/example%20space/`, while \
         non-S3 signing encodes the sent path again (`%2520`), as double-url-encode and \
         double-encode-path require; checked instead with upstream's raw path `/example space/` \
         (which its header-signed-request.txt also has), and everything matched",
    ),
    (
        "double-encode-path",
        Quirk::IgnoreCanonicalDate,
        "its header-canonical-request.txt was made at another time (`x-amz-date:20210511T154045Z`) \
         than its request.txt and header-signed-request.txt (`20150830T123600Z`); checked with that \
         one line left out of the canonical request comparison, and everything else matched, \
         including the signature, which covers the whole canonical request at the request's time",
    ),
];

/// An adjustment for a known defect of a case's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quirk {
    /// No adjustment.
    None,
    /// Percent-decode the path of `request.txt` before using it.
    DecodePath,
    /// Leave the `x-amz-date` line out of the canonical request comparison.
    IgnoreCanonicalDate,
}

/// What [`run`] found.
#[derive(Debug, Default)]
pub struct VectorReport {
    /// Cases whose every header-signing expectation matched.
    pub checked: usize,
    /// Cases not checked as they are: `(case, reason)`.
    pub skipped: Vec<(String, String)>,
}

/// Checks every case directory under `dir`, in sorted order.
pub fn run(dir: &Path) -> Result<VectorReport> {
    let mut cases: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    cases.sort();
    if cases.is_empty() {
        bail!("no test cases in {}", dir.display());
    }
    let mut report = VectorReport::default();
    for (case, path) in &cases {
        let missing: Vec<&str> = [
            "request.txt",
            "header-canonical-request.txt",
            "header-signed-request.txt",
        ]
        .into_iter()
        .filter(|f| !path.join(f).exists())
        .collect();
        if !missing.is_empty() {
            report.skipped.push((
                case.clone(),
                format!("not a header-signing case: no {}", missing.join(", ")),
            ));
            continue;
        }
        match check_case(case, path, Quirk::None) {
            Ok(()) => report.checked += 1,
            Err(err) => {
                let Some((_, quirk, reason)) = QUIRKS.iter().find(|(c, _, _)| c == case) else {
                    return Err(err);
                };
                check_case(case, path, *quirk).with_context(|| {
                    format!("{case} failed as is ({err:#}), and again with its adjustment")
                })?;
                report.skipped.push((case.clone(), (*reason).to_string()));
            }
        }
    }
    Ok(report)
}

/// A parsed `request.txt` (or `header-signed-request.txt`).
#[derive(Debug)]
struct HttpRequest {
    method: String,
    /// The request target, path and query, as written.
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpRequest {
    fn path_and_query(&self) -> (&str, &str) {
        self.target.split_once('?').unwrap_or((&self.target, ""))
    }

    /// The values of the headers named `name`, any case.
    fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect()
    }
}

/// Parses `METHOD target HTTP/1.1` (the version may be missing), then `Name:value` lines (a line starting with a space or tab
/// continues the previous value, replaced by one space as RFC 9112 allows for obsolete line
/// folding), then an empty line and the body. The target may contain spaces (`get-space-*`).
fn parse_request(raw: &[u8]) -> Result<HttpRequest> {
    let (head, body) = match find(raw, b"\n\n") {
        Some(i) => (&raw[..i], raw[i + 2..].to_vec()),
        None => match find(raw, b"\r\n\r\n") {
            Some(i) => (&raw[..i], raw[i + 4..].to_vec()),
            None => (raw, Vec::new()),
        },
    };
    let head = std::str::from_utf8(head).context("request head is not UTF-8")?;
    let mut lines = head.lines();
    let request_line = lines.next().context("empty request")?;
    let (method, rest) = request_line
        .split_once(' ')
        .with_context(|| format!("bad request line {request_line:?}"))?;
    // `double-url-encode`'s signed request omits the version.
    let target = match rest.rsplit_once(' ') {
        Some((target, version)) if version.starts_with("HTTP/") => target,
        _ => rest,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers
                .last_mut()
                .with_context(|| format!("continuation line {line:?} without a header"))?;
            value.push(' ');
            value.push_str(line);
        } else if !line.is_empty() {
            let (name, value) = line
                .split_once(':')
                .with_context(|| format!("bad header line {line:?}"))?;
            headers.push((name.to_string(), value.to_string()));
        }
    }
    Ok(HttpRequest {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The signing context of a case.
struct CaseContext {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    /// Whether the token is added to the request after signing, unsigned.
    omit_session_token: bool,
    region: String,
    service: String,
    amz_date: String,
    normalize: bool,
    sign_body: bool,
}

/// Reads `context.json`.
fn parse_context(text: &str) -> Result<CaseContext> {
    let json: serde_json::Value = serde_json::from_str(text).context("parsing context.json")?;
    let str_field = |v: &serde_json::Value, key: &str| -> Result<String> {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .with_context(|| format!("context.json: missing string `{key}`"))
    };
    let bool_field = |key: &str, default: bool| -> Result<bool> {
        match json.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_bool()
                .with_context(|| format!("context.json: `{key}` is not a boolean")),
        }
    };
    let creds = json
        .get("credentials")
        .context("context.json: missing `credentials`")?;
    Ok(CaseContext {
        access_key_id: str_field(creds, "access_key_id")?,
        secret_access_key: str_field(creds, "secret_access_key")?,
        session_token: creds
            .get("token")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string),
        omit_session_token: bool_field("omit_session_token", false)?,
        region: str_field(&json, "region")?,
        service: str_field(&json, "service")?,
        amz_date: iso8601_to_amz_date(&str_field(&json, "timestamp")?)?,
        normalize: bool_field("normalize", true)?,
        sign_body: bool_field("sign_body", false)?,
    })
}

/// `2015-08-30T12:36:00Z` → `20150830T123600Z`.
fn iso8601_to_amz_date(ts: &str) -> Result<String> {
    let b = ts.as_bytes();
    let shape_ok = b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        bail!("timestamp {ts:?} is not YYYY-MM-DDTHH:MM:SSZ");
    }
    Ok(ts.chars().filter(|c| !matches!(c, '-' | ':')).collect())
}

/// The context of an old-format case with no `context.json`, derived from its own files.
fn derive_context(request: &HttpRequest, signed: &HttpRequest) -> Result<CaseContext> {
    let amz_date = single(&request.header("x-amz-date"), "request.txt X-Amz-Date")?;
    let authorization = single(
        &signed.header("authorization"),
        "signed request Authorization",
    )?;
    let credential = authorization
        .split_once("Credential=")
        .and_then(|(_, rest)| rest.split(',').next())
        .with_context(|| format!("no Credential in {authorization:?}"))?;
    let parts: Vec<&str> = credential.split('/').collect();
    let [akid, _date, region, service, "aws4_request"] = parts[..] else {
        bail!("bad Credential {credential:?}");
    };
    Ok(CaseContext {
        access_key_id: akid.to_string(),
        secret_access_key: TEST_KEYS
            .iter()
            .find(|(id, _)| *id == akid)
            .map(|(_, secret)| (*secret).to_string())
            .with_context(|| format!("no known secret for test access key id {akid}"))?,
        session_token: None,
        omit_session_token: false,
        region: region.to_string(),
        service: service.to_string(),
        amz_date: amz_date.to_string(),
        normalize: true,
        sign_body: false,
    })
}

fn single<'a>(values: &[&'a str], what: &str) -> Result<&'a str> {
    match values {
        [v] => Ok(v),
        _ => bail!("expected exactly one {what}, found {}", values.len()),
    }
}

/// Reads an expectation file, without its trailing newline if any.
fn read_expected(case_dir: &Path, file: &str) -> Result<Option<String>> {
    let path = case_dir.join(file);
    if !path.exists() {
        return Ok(None);
    }
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()))
}

fn compare(case: &str, part: &str, expected: &str, actual: &str) -> Result<()> {
    if expected != actual {
        bail!(
            "SigV4 vector {case}: {part} differs\n--- expected\n{expected}\n--- actual\n{actual}\n---"
        );
    }
    Ok(())
}

/// Percent-decodes `%XX` escapes (others are kept), for [`Quirk::DecodePath`].
fn percent_decode(s: &str) -> Result<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex
            .filter(|_| b[i] == b'%')
            .map(|h| u8::from_str_radix(h, 16))
        {
            Some(Ok(byte)) => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).context("decoded path is not UTF-8")
}

fn without_date_line(canonical_request: &str) -> String {
    canonical_request
        .lines()
        .filter(|l| !l.starts_with("x-amz-date:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The values of the headers named `name` in `headers`, any case, joined with `,`.
fn header_values<'a>(headers: impl Iterator<Item = &'a (String, String)>, name: &str) -> String {
    headers
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect::<Vec<_>>()
        .join(",")
}

/// Headers as sorted `name:value` lines, names lowercased and values with whitespace collapsed,
/// to compare header multisets whatever their order and spacing.
fn comparable_headers<'a>(headers: impl Iterator<Item = &'a (String, String)>) -> String {
    let mut lines: Vec<String> = headers
        .map(|(n, v)| {
            let words: Vec<&str> = v.split_ascii_whitespace().collect();
            format!("{}:{}", n.to_ascii_lowercase(), words.join(" "))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// Checks one header-signing case, with `quirk`'s adjustment.
fn check_case(case: &str, dir: &Path, quirk: Quirk) -> Result<()> {
    let read = |file: &str| -> Result<Vec<u8>> {
        let path = dir.join(file);
        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
    };
    let mut request =
        parse_request(&read("request.txt")?).with_context(|| format!("{case}: request.txt"))?;
    if quirk == Quirk::DecodePath {
        let (path, query) = request.path_and_query();
        let mut target = percent_decode(path)?;
        if !query.is_empty() {
            target.push('?');
            target.push_str(query);
        }
        request.target = target;
    }
    let signed_request = parse_request(&read("header-signed-request.txt")?)
        .with_context(|| format!("{case}: header-signed-request.txt"))?;
    let ctx = if dir.join("context.json").exists() {
        let text = String::from_utf8(read("context.json")?).context("context.json is not UTF-8")?;
        parse_context(&text).with_context(|| format!("{case}: context.json"))?
    } else {
        derive_context(&request, &signed_request)
            .with_context(|| format!("{case}: deriving the context from its files"))?
    };

    let creds = sigv4::SigningCredentials {
        access_key_id: &ctx.access_key_id,
        secret_access_key: &ctx.secret_access_key,
        session_token: ctx
            .session_token
            .as_deref()
            .filter(|_| !ctx.omit_session_token),
    };
    let params = sigv4::SigningParams {
        region: &ctx.region,
        service: &ctx.service,
        amz_date: &ctx.amz_date,
        content_sha256_header: ctx.sign_body,
        normalize_path: ctx.normalize,
        double_encode: true,
    };
    let (path, query) = request.path_and_query();
    let (mut added, sig) = sigv4::sign(
        &request.method,
        path,
        query,
        &request.headers,
        &request.body,
        &creds,
        &params,
    );
    if let Some(token) = ctx
        .session_token
        .as_ref()
        .filter(|_| ctx.omit_session_token)
    {
        added.push(("X-Amz-Security-Token".to_string(), token.clone()));
    }

    let expected = read_expected(dir, "header-canonical-request.txt")?.unwrap_or_default();
    if quirk == Quirk::IgnoreCanonicalDate {
        compare(
            case,
            "canonical request (x-amz-date line left out)",
            &without_date_line(&expected),
            &without_date_line(&sig.canonical_request),
        )?;
    } else {
        compare(case, "canonical request", &expected, &sig.canonical_request)?;
    }
    if let Some(expected) = read_expected(dir, "header-string-to-sign.txt")? {
        compare(case, "string to sign", &expected, &sig.string_to_sign)?;
    }
    if let Some(expected) = read_expected(dir, "header-signature.txt")? {
        compare(case, "signature", &expected, &sig.signature)?;
    }

    // The signed request: the same request line and body; the Authorization header and the
    // headers the signer adds; and, as a whole, the request's headers plus the added ones.
    compare(
        case,
        "signed request line",
        &format!("{} {}", signed_request.method, signed_request.target),
        &format!("{} {}", request.method, request.target),
    )?;
    let all_headers = || request.headers.iter().chain(&added);
    for name in [
        "Authorization",
        "X-Amz-Date",
        "X-Amz-Security-Token",
        "x-amz-content-sha256",
    ] {
        compare(
            case,
            &format!("signed request's {name} header"),
            &header_values(signed_request.headers.iter(), name),
            &header_values(all_headers(), name),
        )?;
    }
    compare(
        case,
        "signed request's header set",
        &comparable_headers(signed_request.headers.iter()),
        &comparable_headers(all_headers()),
    )?;
    compare(
        case,
        "signed request's body",
        &String::from_utf8_lossy(&signed_request.body),
        &String::from_utf8_lossy(&request.body),
    )?;
    if header_values(added.iter(), "Authorization") != sig.authorization {
        bail!(
            "SigV4 vector {case}: the added Authorization header is not Signature::authorization"
        );
    }
    Ok(())
}

/// The AWS SigV4 test suite, beside the project as CI lays it out.
const SIGV4_SUITE: &str = "../shared/aws-sigv4-test-suite/v4";

/// `cargo xtask sigv4-vectors [--dir DIR]`.
pub(crate) fn cmd(args: &[String]) -> Result<()> {
    let flags = crate::flags::parse_flags("sigv4-vectors", args, &["--dir"], &[])?;
    let dir = flags.get("--dir").map_or_else(
        || crate::project_root().join(SIGV4_SUITE),
        std::path::PathBuf::from,
    );
    let report = run(&dir)?;
    for (case, reason) in &report.skipped {
        println!("skipped {case}: {reason}");
    }
    println!(
        "SigV4 test suite: {} cases checked, {} skipped",
        report.checked,
        report.skipped.len()
    );
    Ok(())
}
