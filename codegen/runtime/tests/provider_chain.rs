//! Tests of `provider_chain.rs`, compiled as its `tests` module.

use super::super::credentials::fake_env::FakeEnv;
use super::super::exec::block_on;
use super::*;

fn creds(env: &FakeEnv) -> Result<Credentials, CredentialsError> {
    block_on(DefaultCredentialsChain::new(env, None).provide_credentials())
}

fn keys(c: &Credentials) -> (&str, &str, Option<&str>) {
    (c.access_key_id(), c.secret_access_key(), c.session_token())
}

const DEFAULT_CREDS: &str =
    "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n";

#[test]
fn env_wins_over_files() {
    let env = FakeEnv::new()
        .set("AWS_ACCESS_KEY_ID", "ENVKEY")
        .set("AWS_SECRET_ACCESS_KEY", "ENVSECRET")
        .set("AWS_SESSION_TOKEN", "T")
        .creds_file(DEFAULT_CREDS);
    assert_eq!(
        keys(&creds(&env).unwrap()),
        ("ENVKEY", "ENVSECRET", Some("T"))
    );
    // A broken profile does not matter when the environment has keys.
    let env = env
        .set("AWS_PROFILE", "missing")
        .set("AWS_SESSION_TOKEN", " ");
    assert_eq!(keys(&creds(&env).unwrap()), ("ENVKEY", "ENVSECRET", None));
}

#[test]
fn partial_env_falls_through() {
    let env = FakeEnv::new()
        .set("AWS_ACCESS_KEY_ID", "ENVKEY")
        .creds_file(DEFAULT_CREDS);
    assert_eq!(keys(&creds(&env).unwrap()), ("FILEKEY", "FILESECRET", None));
    let err = creds(&FakeEnv::new().set("AWS_SECRET_ACCESS_KEY", "S")).unwrap_err();
    assert!(
        err.message()
            .contains("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"),
        "{err}"
    );
}

#[test]
fn nothing_found_lists_every_provider_and_the_files_read() {
    let env = FakeEnv::new()
        .set("AWS_CONFIG_FILE", "/etc/aws/config")
        .creds_file("[other]\naws_access_key_id = K\n");
    let err = creds(&env).unwrap_err();
    assert!(err.is_not_loaded());
    let m = err.message();
    let expected = [
        "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        "web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set",
        "profile `default`: no profile `default` in credentials file `/home/u/.aws/credentials` and config file `/etc/aws/config` (not found)",
        "container: ",
        "EC2 instance metadata: ",
    ];
    let mut at = 0;
    for part in expected {
        let found = m[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} in {m}"));
        at += found + part.len();
    }
    // A profile without credentials is skipped with its reason.
    let env = FakeEnv::new().config_file("[default]\nregion = r\n");
    let m = creds(&env).unwrap_err().to_string();
    assert!(m.contains("profile `default` has no credentials"), "{m}");
}

#[test]
fn profile_errors_stop_the_chain() {
    let env = FakeEnv::new()
        .set("AWS_PROFILE", "nope")
        .creds_file(DEFAULT_CREDS);
    let err = creds(&env).unwrap_err();
    assert!(!err.is_not_loaded());
    assert!(
        err.message()
            .starts_with("profile `nope`: no profile `nope`"),
        "{err}"
    );
    assert!(err.message().contains("AWS_PROFILE"), "{err}");
    let env = FakeEnv::new().creds_file("[default]\naws_access_key_id=K\n");
    let err = creds(&env).unwrap_err();
    assert!(err.message().contains("not aws_secret_access_key"), "{err}");
    let env = FakeEnv::new().creds_file("[default]\naws_secret_access_key=S\n");
    assert!(!creds(&env).unwrap_err().is_not_loaded());
    let env = FakeEnv::new().creds_file("[default]\naws_access_key_id=K\naws_secret_access_key=\n");
    assert!(!creds(&env).unwrap_err().is_not_loaded());
    // A broken file: its path and line.
    let env = FakeEnv::new().config_file("[default]\nnot a property\n");
    let err = creds(&env).unwrap_err();
    assert_eq!(
        err.message(),
        "shared files: config file `/home/u/.aws/config`, line 2: expected `name = value` (no `=` found)"
    );
}

#[test]
fn static_profiles() {
    let env = FakeEnv::new().set("AWS_PROFILE", "work").creds_file(
        "[default]\naws_access_key_id=D\naws_secret_access_key=DS\n\n\
         [work]\naws_access_key_id=W\naws_secret_access_key=WS\naws_session_token=WT\n",
    );
    assert_eq!(keys(&creds(&env).unwrap()), ("W", "WS", Some("WT")));
    let env = FakeEnv::new()
        .set("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds")
        .creds_file(DEFAULT_CREDS)
        .file(
            "/etc/creds",
            "[default]\naws_access_key_id=C\naws_secret_access_key=CS\n",
        );
    assert_eq!(keys(&creds(&env).unwrap()), ("C", "CS", None));
    // Split across the files, the credentials file winning key by key.
    let env = FakeEnv::new()
        .creds_file("[default]\naws_secret_access_key=CS\n")
        .config_file("[default]\naws_access_key_id=F\naws_secret_access_key=FS\n");
    assert_eq!(keys(&creds(&env).unwrap()), ("F", "CS", None));
}

#[test]
fn web_identity_from_the_environment() {
    let env = FakeEnv::new().set("AWS_ROLE_ARN", "arn:x");
    let m = creds(&env).unwrap_err().to_string();
    assert!(
        m.contains("web identity: AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not"),
        "{m}"
    );
    let net = Network {
        http: Arc::new(NoHttpClient),
        region: "us-east-1".into(),
        sts_endpoint: None,
        sso_endpoint: None,
        imds_endpoint: None,
        has_http: false,
    };
    let env = env.set("AWS_WEB_IDENTITY_TOKEN_FILE", "~/t");
    assert!(env_web_identity(&EnvConfig::load(&env), &net).is_ok());
    let no_home = FakeEnv { home: None, ..env };
    assert!(
        !env_web_identity(&EnvConfig::load(&no_home), &net)
            .unwrap_err()
            .is_not_loaded()
    );
}
