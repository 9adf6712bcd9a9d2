//! Tests of `profile_credentials.rs`, compiled as its `tests` module.

use super::super::credentials::fake_env::FakeEnv;
use super::*;
use ::std::path::PathBuf;

fn plan(env: &FakeEnv) -> Result<Plan, CredentialsError> {
    profile_plan(&EnvConfig::load(env))
}

fn plan_error(env: &FakeEnv) -> String {
    let e = plan(env).unwrap_err();
    assert!(!e.is_not_loaded(), "{e}");
    e.to_string()
}

fn stat(id: &str, secret: &str) -> Plan {
    Plan::Static(Credentials::new(id, secret, None))
}

fn role(source: Plan, arn: &str) -> Plan {
    Plan::AssumeRole {
        source: Box::new(source),
        role_arn: arn.to_owned(),
        session_name: None,
        external_id: None,
    }
}

#[test]
fn assume_role_chains() {
    let config = "[profile a]\nrole_arn = arn:a\nsource_profile = b\nrole_session_name = s\nexternal_id = x\n\
                  [profile b]\nrole_arn = arn:b\nsource_profile = c\n\
                  [profile c]\naws_access_key_id = C\naws_secret_access_key = CS\nrole_arn = arn:ignored\nsource_profile = a\n";
    let env = FakeEnv::new().set("AWS_PROFILE", "a").config_file(config);
    // c's static keys end the chain, although c also names a role.
    assert_eq!(
        plan(&env).unwrap(),
        Plan::AssumeRole {
            source: Box::new(role(stat("C", "CS"), "arn:b")),
            role_arn: "arn:a".into(),
            session_name: Some("s".into()),
            external_id: Some("x".into()),
        }
    );
    let env = FakeEnv::new().set("AWS_PROFILE", "b").config_file(config);
    assert_eq!(plan(&env).unwrap(), role(stat("C", "CS"), "arn:b"));
    // In the base profile, role_arn wins over static keys; coming back to it is a loop (as
    // botocore has it), unless it is its own direct source.
    let env = FakeEnv::new().set("AWS_PROFILE", "c").config_file(config);
    assert!(plan_error(&env).contains("loop: c -> a -> b -> c"));
    // A profile that is its own source uses its own keys.
    let env = FakeEnv::new().creds_file(
        "[default]\nrole_arn = arn:r\nsource_profile = default\naws_access_key_id = K\naws_secret_access_key = S\n",
    );
    assert_eq!(plan(&env).unwrap(), role(stat("K", "S"), "arn:r"));
}

#[test]
fn assume_role_errors() {
    let loop_config = "[profile a]\nrole_arn = arn:a\nsource_profile = b\n\
                       [profile b]\nrole_arn = arn:b\nsource_profile = a\n";
    let err = plan_error(
        &FakeEnv::new()
            .set("AWS_PROFILE", "a")
            .config_file(loop_config),
    );
    assert!(err.contains("loop: a -> b -> a"), "{err}");
    for (config, what) in [
        (
            "[default]\nrole_arn = r\n",
            "neither source_profile nor credential_source",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = x\ncredential_source = Environment\n",
            "both",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = default\n",
            "its own source_profile but has no static keys",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = gone\n",
            "source_profile `gone` is not defined",
        ),
        (
            "[default]\nrole_arn = r\ncredential_source = Moon\n",
            "expected Environment",
        ),
        (
            "[default]\nrole_arn = r\ncredential_source = Environment\n",
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = b\n[profile b]\nregion = x\n",
            "profile `b` has no credentials",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = b\n[profile b]\naws_access_key_id = K\n",
            "not aws_secret_access_key",
        ),
    ] {
        let err = plan_error(&FakeEnv::new().config_file(config));
        assert!(err.contains(what), "{config:?}: {err}");
    }
}

#[test]
fn credential_sources() {
    let env = FakeEnv::new()
        .set("AWS_ACCESS_KEY_ID", "E")
        .set("AWS_SECRET_ACCESS_KEY", "ES")
        .config_file("[default]\nrole_arn = r\ncredential_source = Environment\n");
    assert_eq!(plan(&env).unwrap(), role(stat("E", "ES"), "r"));
    let env = FakeEnv::new()
        .config_file("[default]\nrole_arn = r\ncredential_source = Ec2InstanceMetadata\n");
    assert_eq!(plan(&env).unwrap(), role(Plan::Imds, "r"));
    let env =
        FakeEnv::new().config_file("[default]\nrole_arn = r\ncredential_source = EcsContainer\n");
    assert_eq!(plan(&env).unwrap(), role(Plan::Container, "r"));
}

#[test]
fn web_identity_from_a_profile() {
    let env = FakeEnv::new().config_file(
        "[default]\nrole_arn = arn:w\nweb_identity_token_file = ~/token\nrole_session_name = me\n",
    );
    assert_eq!(
        plan(&env).unwrap(),
        Plan::WebIdentity {
            role_arn: "arn:w".into(),
            token_file: PathBuf::from("/home/u/token"),
            session_name: Some("me".into()),
        }
    );
    // As the source of a role.
    let env = FakeEnv::new().config_file(
        "[default]\nrole_arn = arn:r\nsource_profile = w\n\
         [profile w]\nrole_arn = arn:w\nweb_identity_token_file = /t\n",
    );
    assert_eq!(
        plan(&env).unwrap(),
        role(
            Plan::WebIdentity {
                role_arn: "arn:w".into(),
                token_file: PathBuf::from("/t"),
                session_name: None,
            },
            "arn:r"
        )
    );
}

#[test]
fn sso_profiles() {
    let env = FakeEnv::new().config_file(
        "[default]\nsso_session = corp\nsso_account_id = 111\nsso_role_name = Dev\n\
         [sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n",
    );
    let Plan::Sso {
        region,
        account_id,
        role_name,
        token_file,
    } = plan(&env).unwrap()
    else {
        panic!("not SSO")
    };
    assert_eq!(
        (region.as_str(), account_id.as_str(), role_name.as_str()),
        ("eu-west-1", "111", "Dev")
    );
    assert!(
        token_file.starts_with("/home/u/.aws/sso/cache"),
        "{token_file:?}"
    );
    let legacy = FakeEnv::new().config_file(
        "[default]\nsso_start_url = https://x/start\nsso_region = us-east-2\nsso_account_id = 1\nsso_role_name = R\n",
    );
    assert!(matches!(plan(&legacy).unwrap(), Plan::Sso { region, .. } if region == "us-east-2"));
    for (config, what) in [
        (
            "[default]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n",
            "no [sso-session corp] section",
        ),
        (
            "[default]\nsso_session = c\nsso_account_id = 1\nsso_role_name = R\n[sso-session c]\nsso_region = r\n",
            "sso_start_url of [sso-session c]",
        ),
        (
            "[default]\nsso_session = c\nsso_role_name = R\n[sso-session c]\nsso_region = r\nsso_start_url = u\n",
            "sso_account_id",
        ),
        (
            "[default]\nsso_start_url = u\nsso_account_id = 1\nsso_role_name = R\n",
            "sso_region",
        ),
    ] {
        let err = plan_error(&FakeEnv::new().config_file(config));
        assert!(err.contains(what), "{config:?}: {err}");
    }
    let no_home = FakeEnv {
        home: None,
        ..legacy
    }
    .set("AWS_CONFIG_FILE", "/home/u/.aws/config");
    assert!(plan_error(&no_home).contains("no home directory"));
}

#[test]
fn credential_process_profiles() {
    let env = FakeEnv::new().config_file("[default]\ncredential_process = /bin/creds --json\n");
    assert_eq!(
        plan(&env).unwrap(),
        Plan::Process("/bin/creds --json".into())
    );
    // Static keys come first.
    let env = FakeEnv::new().config_file(
        "[default]\ncredential_process = x\naws_access_key_id = K\naws_secret_access_key = S\n",
    );
    assert_eq!(plan(&env).unwrap(), stat("K", "S"));
}
