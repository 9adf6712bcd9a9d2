//! Tests of `credential_process.rs`, compiled as its `tests` module.

use super::super::exec::block_on;
use super::*;

fn words(line: &str) -> Vec<String> {
    split_command(line).unwrap()
}

#[test]
fn splitting_follows_shell_quoting_without_expansion() {
    assert_eq!(
        words("  /bin/creds   --profile x "),
        ["/bin/creds", "--profile", "x"]
    );
    assert_eq!(words("a 'b c' \"d e\""), ["a", "b c", "d e"]);
    assert_eq!(
        words("echo '$(rm -rf /)' `id` $HOME;ls|cat"),
        ["echo", "$(rm -rf /)", "`id`", "$HOME;ls|cat"]
    );
    assert_eq!(words("a''b \"\" c"), ["ab", "", "c"]);
    assert_eq!(words(r#"x "a\"b" 'it''s'"#), ["x", "a\"b", "its"]);
    if !cfg!(windows) {
        assert_eq!(words(r"a\ b c\\d"), ["a b", r"c\d"]);
        assert_eq!(words(r#""\$x \n""#), [r"$x \n"]);
    }
    for bad in ["", "   ", "a 'b", "a \"b", "a \\"] {
        if cfg!(windows) && bad.ends_with('\\') {
            continue;
        }
        assert!(split_command(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn output_parsing() {
    let ok = parse_output(br#"{"Version":1,"AccessKeyId":"K","SecretAccessKey":"S","SessionToken":"T","Expiration":"2030-01-02T03:04:05Z"}"#).unwrap();
    assert_eq!(
        (
            ok.access_key_id(),
            ok.secret_access_key(),
            ok.session_token()
        ),
        ("K", "S", Some("T"))
    );
    let expiry = ok
        .expiry()
        .unwrap()
        .duration_since(::std::time::UNIX_EPOCH)
        .unwrap();
    assert_eq!(expiry.as_secs(), 1_893_553_445);
    let no_expiry =
        parse_output(br#"{"Version":1,"AccessKeyId":"K","SecretAccessKey":"S"}"#).unwrap();
    assert_eq!(no_expiry.expiry(), None);
    assert_eq!(no_expiry.session_token(), None);
    for (bad, what) in [
        (&b"not json"[..], "not JSON"),
        (b"[1]", "not a JSON object"),
        (br#"{"AccessKeyId":"K","SecretAccessKey":"S"}"#, "Version"),
        (
            br#"{"Version":2,"AccessKeyId":"K","SecretAccessKey":"S"}"#,
            "unsupported `Version` 2",
        ),
        (
            br#"{"Version":1,"SecretAccessKey":"S"}"#,
            "no `AccessKeyId`",
        ),
        (
            br#"{"Version":1,"AccessKeyId":"K","SecretAccessKey":5}"#,
            "`SecretAccessKey` is not",
        ),
        (
            br#"{"Version":1,"AccessKeyId":"K","SecretAccessKey":"S","Expiration":"soon"}"#,
            "RFC 3339",
        ),
        (b"\xff\xfe", "not JSON"),
    ] {
        let err = parse_output(bad).unwrap_err();
        assert!(err.contains(what), "{bad:?}: {err}");
    }
}

#[cfg(unix)]
fn run(command: &str, timeout: Duration) -> Result<Credentials, CredentialsError> {
    block_on(
        CredentialProcessProvider::new(command)
            .with_timeout(timeout)
            .provide_credentials(),
    )
}

#[cfg(unix)]
#[test]
fn running_processes() {
    let json = r#"{"Version": 1, "AccessKeyId": "PK", "SecretAccessKey": "PS"}"#;
    let got = run(&format!("printf '%s' '{json}'"), Duration::from_secs(20)).unwrap();
    assert_eq!(got.access_key_id(), "PK");
    // No shell: `;` and `$(...)` reach the program as text.
    let err = run(
        "echo hi; $(touch /tmp/should-not-exist)",
        Duration::from_secs(20),
    )
    .unwrap_err();
    assert!(!err.is_not_loaded());
    assert!(err.message().contains("not JSON"), "{err}");
    let err = run("sh -c 'echo nope >&2; exit 3'", Duration::from_secs(20)).unwrap_err();
    assert!(
        err.message().contains("failed") && err.message().contains("nope"),
        "{err}"
    );
    let err = run("/nonexistent/credential-helper", Duration::from_secs(20)).unwrap_err();
    assert!(
        err.message()
            .contains("cannot run `/nonexistent/credential-helper`"),
        "{err}"
    );
    let started = ::std::time::Instant::now();
    let err = run("sleep 30", Duration::from_millis(200)).unwrap_err();
    assert!(
        err.message().contains("did not finish within 200 ms"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // Endless output is cut at the cap.
    let err = run("yes", Duration::from_secs(20)).unwrap_err();
    assert!(err.message().contains("over"), "{err}");
}
