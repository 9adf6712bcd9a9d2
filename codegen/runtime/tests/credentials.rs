//! Tests of `credentials.rs`, compiled as its `tests` module.

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
    let env = FakeEnv::new().creds_file("[default]\naws_access_key_id=K\naws_secret_access_key=\n");
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
