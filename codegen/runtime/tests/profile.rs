//! Tests of `profile.rs`, compiled as its `tests` module.

use super::super::credentials::fake_env::FakeEnv;
use super::*;
use ::std::collections::BTreeMap;

/// The workspace's one test generator (`tests/src/rng.rs`), by a path relative to this file.
/// Each test file that uses it declares it: a golden compiles only some runtime files.
#[path = "../../../tests/src/rng.rs"]
#[allow(dead_code, clippy::duplicate_mod, reason = "one copy per test file")]
mod rng;
use rng::Rng;

fn props(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn parsed(text: &str) -> Sections {
    parse_profile_file(text).expect("parses")
}

fn parse_error(text: &str) -> String {
    parse_profile_file(text).unwrap_err().to_string()
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
                    [profile  other ];c\n\
                    k = v\n";
    let parsed = parsed(text);
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
    let parsed = parsed(text);
    assert_eq!(
        parsed.get("default"),
        Some(&props(&[
            ("aws_access_key_id", "K"),
            ("aws_secret_access_key", "S")
        ]))
    );
    assert_eq!(parsed.get("x"), Some(&props(&[("region", "r")])));
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
    let parsed = parsed(text);
    let dev = parsed.get("profile dev").unwrap();
    assert_eq!(
        dev,
        &props(&[
            ("region", "us-west-2"),
            (
                "s3",
                "max_concurrent_requests = 10\nmultipart_threshold = 64MB"
            ),
            ("aws_access_key_id", "K"),
            ("long", "first\nsecond"),
            ("aws_secret_access_key", "S"),
        ])
    );
    assert_eq!(
        sub_properties(&dev["s3"]),
        props(&[
            ("max_concurrent_requests", "10"),
            ("multipart_threshold", "64MB")
        ])
    );
}

#[test]
fn parse_indented_properties() {
    let text = "[default]\n  a = 1\n  b = 2\n    c = 3\n";
    assert_eq!(
        parsed(text).get("default"),
        Some(&props(&[("a", "1"), ("b", "2\nc = 3")]))
    );
}

#[test]
fn invalid_lines_are_errors_naming_the_line() {
    for (text, line, what) in [
        ("orphan = 1\n", 1, "before any"),
        ("[default]\nk = v\njunk line without equals\n", 3, "no `=`"),
        ("[default]\n= no key\n", 2, "no name"),
        ("# c\n[unclosed\nk = v\n", 2, "closing `]`"),
        ("[]\n", 1, "empty name"),
        ("[ok] trailing\n", 1, "after a section"),
        ("[good]\nk=v\n[", 3, "closing"),
    ] {
        let err = parse_error(text);
        assert!(
            err.starts_with(&format!("line {line}: ")),
            "{text:?}: {err}"
        );
        assert!(err.contains(what), "{text:?}: {err}");
    }
    // Sections merge; the later value wins.
    let parsed = parsed("[good]\nk=v\n[good]\nk2=v2\nk=w\n");
    assert_eq!(
        parsed.get("good"),
        Some(&props(&[("k", "w"), ("k2", "v2")]))
    );
}

#[test]
fn files_load_once_with_errors_naming_file_and_line() {
    let env = FakeEnv::new()
        .creds_file("[default]\naws_access_key_id = K\nbroken\n")
        .config_file("[default]\nregion = r\n");
    let err = ProfileFiles::load(&env).unwrap_err().to_string();
    assert_eq!(
        err,
        "credentials file `/home/u/.aws/credentials`, line 3: expected `name = value` (no `=` found)"
    );
    // The paths named are the ones actually read.
    let env = FakeEnv::new()
        .set("AWS_CONFIG_FILE", "/etc/aws/conf")
        .file("/etc/aws/conf", "[profile x]\nregion\n");
    let err = ProfileFiles::load(&env).unwrap_err().to_string();
    assert!(
        err.starts_with("config file `/etc/aws/conf`, line 2:"),
        "{err}"
    );
    // Not UTF-8: the line of the first bad byte.
    let env = FakeEnv::new().bytes(
        "/home/u/.aws/config",
        b"[default]\nregion = r\nx = \xff\xfe\n",
    );
    let err = ProfileFiles::load(&env).unwrap_err().to_string();
    assert_eq!(
        err,
        "config file `/home/u/.aws/config`, line 3: not valid UTF-8"
    );
    let env = FakeEnv::new().unreadable("/home/u/.aws/credentials", "is a directory, not a file");
    let err = ProfileFiles::load(&env).unwrap_err().to_string();
    assert_eq!(
        err,
        "credentials file `/home/u/.aws/credentials`: is a directory, not a file"
    );
}

#[test]
fn profiles_merge_and_settings_prefer_the_config_file() {
    let env = FakeEnv::new()
        .set("AWS_PROFILE", "p")
        .creds_file("[p]\naws_access_key_id=C\nregion = from-creds\n")
        .config_file(
            "[default]\nregion = d\n[profile p]\naws_access_key_id=F\naws_session_token=FT\nregion = from-config\n\
             [sso-session corp]\nsso_region = eu-west-1\n[services local]\nsts =\n  endpoint_url = http://x\n",
        );
    let files = ProfileFiles::load(&env).unwrap();
    assert_eq!(files.selected, "p");
    assert!(files.explicit);
    let p = files.profile("p").unwrap();
    assert_eq!(p["aws_access_key_id"], "C");
    assert_eq!(p["aws_session_token"], "FT");
    assert_eq!(files.setting("region").as_deref(), Some("from-config"));
    assert_eq!(
        files.sso_session("corp"),
        Some(props(&[("sso_region", "eu-west-1")]))
    );
    assert_eq!(
        files.services("local").map(|s| sub_properties(&s["sts"])),
        Some(props(&[("endpoint_url", "http://x")]))
    );
    assert_eq!(files.profile("default").unwrap()["region"], "d");
    assert!(files.profile("nope").is_none());
}

#[test]
fn config_file_profile_names() {
    let config = "[default]\nk = d\n[profile x]\nk = x\n[y]\nk = y\n[profile default]\nk = pd\n\
                  [ profile \t spaced ]\nk = s\n[profilez]\nk = z\n";
    let files = ProfileFiles::load(&FakeEnv::new().config_file(config)).unwrap();
    // `[profile default]` wins over `[default]`.
    assert_eq!(files.profile("default").unwrap()["k"], "pd");
    assert_eq!(files.profile("x").unwrap()["k"], "x");
    assert_eq!(files.profile("spaced").unwrap()["k"], "s");
    // Config-file sections without the `profile ` prefix are not profiles.
    assert!(files.profile("y").is_none());
    assert!(files.profile("z").is_none());
    let files = ProfileFiles::load(&FakeEnv::new().config_file("[default]\nk = d\n")).unwrap();
    assert_eq!(files.profile("default").unwrap()["k"], "d");
}

#[test]
fn describe_sources_names_paths_and_absence() {
    let files = ProfileFiles::load(&FakeEnv::new().creds_file("[default]\n")).unwrap();
    assert_eq!(
        files.describe_sources(),
        "credentials file `/home/u/.aws/credentials` and config file `/home/u/.aws/config` (not found)"
    );
    let no_home = FakeEnv {
        home: None,
        ..FakeEnv::default()
    };
    let files = ProfileFiles::load(&no_home).unwrap();
    assert_eq!(
        files.describe_sources(),
        "credentials file (no home directory) and config file (no home directory)"
    );
}

#[test]
fn tilde_paths() {
    let env = FakeEnv::new()
        .set("AWS_SHARED_CREDENTIALS_FILE", "~/other/creds")
        .file("/home/u/other/creds", "[default]\nk = v\n");
    let files = ProfileFiles::load(&env).unwrap();
    assert_eq!(files.profile("default").unwrap()["k"], "v");
    assert_eq!(
        expand_home(&env, "~").unwrap(),
        ::std::path::PathBuf::from("/home/u")
    );
    assert_eq!(
        expand_home(&env, "/abs/~x").unwrap(),
        ::std::path::PathBuf::from("/abs/~x")
    );
}

/// A temporary directory, removed when dropped.
struct TempDir(::std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        let dir = ::std::env::temp_dir().join(format!(
            "rt-profile-{tag}-{}-{:?}",
            ::std::process::id(),
            ::std::thread::current().id()
        ));
        let _ = ::std::fs::remove_dir_all(&dir);
        ::std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = ::std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn reading_real_files() {
    let dir = TempDir::new("read");
    let file = dir.0.join("config");
    ::std::fs::write(&file, "[default]\n").unwrap();
    assert_eq!(
        read_regular_file(&file, 100),
        Ok(Some(b"[default]\n".to_vec()))
    );
    assert_eq!(read_regular_file(&dir.0.join("missing"), 100), Ok(None));
    let err = read_regular_file(&dir.0, 100).unwrap_err();
    assert!(err.contains("directory"), "{err}");
    // Over the cap: an error after reading at most cap + 1 bytes.
    ::std::fs::write(&file, vec![b'#'; 101]).unwrap();
    let err = read_regular_file(&file, 100).unwrap_err();
    assert!(err.contains("larger than 100 bytes"), "{err}");
    assert_eq!(
        read_regular_file(&file, 101).map(|b| b.map(|b| b.len())),
        Ok(Some(101))
    );
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_blocking() {
    let err = read_regular_file(::std::path::Path::new("/dev/zero"), 100).unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
    let dir = TempDir::new("fifo");
    let fifo = dir.0.join("fifo");
    let made = ::std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let started = ::std::time::Instant::now();
        let err = read_regular_file(&fifo, 100).unwrap_err();
        assert!(err.contains("FIFO"), "{err}");
        assert!(started.elapsed() < ::std::time::Duration::from_secs(2));
    }
}

#[test]
fn mutated_files_never_panic() {
    let seed_text = "\u{feff}[default]\r\naws_access_key_id = AKID # c\r\n\
                         aws_secret_access_key=SECRET\n[profile dev]\nregion = eu-west-1\n\
                         s3 =\n  max_concurrent_requests = 10\n; comment\n[dev]\n\
                         aws_session_token = T\n[services s]\nsts =\n endpoint_url = x\n";
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
        "  ",
        "\u{0}",
        "region",
        "~",
        "[profile",
        "= =",
        "sso-session ",
        "services ",
    ];
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let mut parsed_ok = 0;
    for _ in 0..3000 {
        let mut bytes: Vec<u8> = seed_text.as_bytes().to_vec();
        for _ in 0..=rng.below(8) {
            match rng.below(4) {
                0 if !bytes.is_empty() => {
                    let i = rng.below(bytes.len());
                    bytes.remove(i);
                }
                1 => {
                    let i = rng.below(bytes.len() + 1);
                    let piece = pieces[rng.below(pieces.len())];
                    for (j, c) in piece.bytes().enumerate() {
                        bytes.insert(i + j, c);
                    }
                }
                2 if !bytes.is_empty() => {
                    let i = rng.below(bytes.len());
                    bytes[i] = rng.next_u64() as u8;
                }
                _ => {
                    let cut = rng.below(bytes.len() + 1);
                    bytes.truncate(cut);
                }
            }
        }
        for profile in ["", "dev", "default"] {
            let env = FakeEnv::new()
                .set("AWS_PROFILE", profile)
                .bytes("/home/u/.aws/credentials", &bytes)
                .bytes("/home/u/.aws/config", &bytes);
            if let Ok(files) = ProfileFiles::load(&env) {
                parsed_ok += 1;
                let _ = files.profile(&files.selected);
                let _ = files.setting("region");
                let _ = files
                    .services("s")
                    .map(|s| s.values().map(|v| sub_properties(v).len()).sum::<usize>());
                let _ = files.describe_sources();
            }
        }
    }
    // The mutations leave many files valid, so the queries above really ran.
    assert!(parsed_ok > 1000, "{parsed_ok}");
}
