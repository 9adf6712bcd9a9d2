//! Tests of `credentials.rs`, compiled as its `tests` module.

use super::fake_env::FakeEnv;
use super::*;

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
fn credentials_provide_themselves() {
    let at = ::std::time::UNIX_EPOCH + ::std::time::Duration::from_secs(5);
    let c = Credentials::new("K", "S", None).with_expiry(at);
    assert_eq!(c.expiry(), Some(at));
    let got = super::super::exec::block_on(c.provide_credentials()).unwrap();
    assert_eq!(got, c);
    let e = CredentialsError::not_loaded("absent");
    assert!(e.is_not_loaded());
    assert_eq!(e.to_string(), "absent");
    assert!(!CredentialsError::provider_error("x").is_not_loaded());
}

#[test]
fn region_order() {
    let files = FakeEnv::new()
        .creds_file("[default]\nregion = from-creds\n")
        .config_file("[default]\nregion = from-config\n");
    let env = files
        .clone()
        .set("AWS_REGION", "r1")
        .set("AWS_DEFAULT_REGION", "r2");
    assert_eq!(default_region(&env), Ok(Some("r1".to_owned())));
    let env = files
        .clone()
        .set("AWS_DEFAULT_REGION", "r2")
        .set("AWS_REGION", "");
    assert_eq!(default_region(&env), Ok(Some("r2".to_owned())));
    assert_eq!(default_region(&files), Ok(Some("from-config".to_owned())));
    let env = FakeEnv::new().creds_file("[default]\nregion = from-creds\n");
    assert_eq!(default_region(&env), Ok(Some("from-creds".to_owned())));
    let env = FakeEnv::new()
        .set("AWS_PROFILE", "p")
        .config_file("[default]\nregion = d\n[profile p]\nregion = p-region\n");
    assert_eq!(default_region(&env), Ok(Some("p-region".to_owned())));
    assert_eq!(default_region(&FakeEnv::new()), Ok(None));
}

#[test]
fn region_errors_name_the_profile_and_files() {
    let env = FakeEnv::new().set("AWS_PROFILE", "nope");
    let err = default_region(&env).unwrap_err().to_string();
    assert!(
        err.contains("`nope`") && err.contains("AWS_PROFILE"),
        "{err}"
    );
    assert!(err.contains("/home/u/.aws/config"), "{err}");
    let env = FakeEnv::new().config_file("[default]\nregion\n");
    let err = default_region(&env).unwrap_err().to_string();
    assert!(err.contains("line 2"), "{err}");
    let err: Box<dyn ::std::error::Error> = Box::new(default_region(&env).unwrap_err());
    assert!(err.to_string().contains("config file"));
}

#[test]
fn process_env_reads_regular_files_only() {
    let env = ProcessEnv;
    let dir = ::std::env::temp_dir().join(format!("rt-credentials-{}", ::std::process::id()));
    ::std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("f");
    ::std::fs::write(&file, "text").unwrap();
    assert_eq!(env.read_file(&file).as_deref(), Some("text"));
    assert_eq!(env.read_shared_file(&file), Ok(Some(b"text".to_vec())));
    assert_eq!(env.read_file(&dir), None);
    assert!(env.read_shared_file(&dir).is_err());
    ::std::fs::write(&file, b"\xff").unwrap();
    assert_eq!(env.read_file(&file), None);
    let _ = ::std::fs::remove_dir_all(&dir);
    assert_eq!(env.read_shared_file(&file), Ok(None));
}
