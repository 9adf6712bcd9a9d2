//! Tests of `env_config.rs`, compiled as its `tests` module.

use super::super::credentials::fake_env::FakeEnv;
use super::*;

fn url(env: &FakeEnv, sdk_id: &str) -> Option<String> {
    EnvConfig::load(env).endpoint_url(sdk_id)
}

#[test]
fn endpoint_url_precedence() {
    let config = "[default]\nendpoint_url = http://profile-global\nservices = local\n\
                  [services local]\nelastic_beanstalk =\n  endpoint_url = http://profile-eb\n\
                  sts =\n  endpoint_url = http://profile-sts\n";
    let env = FakeEnv::new()
        .set("AWS_ENDPOINT_URL", "http://env-global")
        .set("AWS_ENDPOINT_URL_ELASTIC_BEANSTALK", "http://env-eb")
        .config_file(config);
    assert_eq!(
        url(&env, "Elastic Beanstalk").as_deref(),
        Some("http://env-eb")
    );
    assert_eq!(url(&env, "STS").as_deref(), Some("http://profile-sts"));
    assert_eq!(url(&env, "SSO").as_deref(), Some("http://env-global"));
    let no_env_global = FakeEnv::new().config_file(config);
    assert_eq!(
        url(&no_env_global, "SSO").as_deref(),
        Some("http://profile-global")
    );
    // Ignored, from the environment or the profile.
    let ignored = env
        .clone()
        .set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
    assert_eq!(url(&ignored, "Elastic Beanstalk"), None);
    let ignored = FakeEnv::new().config_file(
        &format!("{config}ignore_configured_endpoint_urls = true\n").replace(
            "[services local]\n",
            "ignore_configured_endpoint_urls = true\n[services local]\n",
        ),
    );
    assert_eq!(url(&ignored, "STS"), None);
    // The variable wins over the profile's flag.
    let not_ignored = FakeEnv::new()
        .set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")
        .config_file(
            "[default]\nignore_configured_endpoint_urls = true\nendpoint_url = http://p\n",
        );
    assert_eq!(url(&not_ignored, "STS").as_deref(), Some("http://p"));
    assert_eq!(url(&FakeEnv::new(), "STS"), None);
}

#[test]
fn settings_and_region() {
    let env = FakeEnv::new()
        .set("AWS_DEFAULT_REGION", "r2")
        .config_file("[default]\nregion = p\nx = from-profile\n");
    let c = EnvConfig::load(&env);
    assert_eq!(c.region(), Ok(Some("r2".to_owned())));
    assert_eq!(c.setting("X", "x").as_deref(), Some("from-profile"));
    let env = env.set("X", " from-env ");
    assert_eq!(
        EnvConfig::load(&env).setting("X", "x").as_deref(),
        Some("from-env")
    );
    let broken = FakeEnv::new().config_file("[default]\nregion\n");
    let c = EnvConfig::load(&broken);
    assert!(c.region().unwrap_err().to_string().contains("line 2"));
    assert_eq!(c.setting("X", "x"), None);
}

#[test]
fn imds_endpoint() {
    let at = |env: &FakeEnv| EnvConfig::load(env).imds_endpoint();
    assert_eq!(
        at(&FakeEnv::new()).as_deref(),
        Some("http://169.254.169.254")
    );
    let env = FakeEnv::new().set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6");
    assert_eq!(at(&env).as_deref(), Some("http://[fd00:ec2::254]"));
    let env = FakeEnv::new()
        .config_file("[default]\nec2_metadata_service_endpoint = http://127.0.0.1:9/\n");
    assert_eq!(at(&env).as_deref(), Some("http://127.0.0.1:9"));
    let env = env.set("AWS_EC2_METADATA_DISABLED", "true");
    assert_eq!(at(&env), None);
}

#[test]
fn lazy_region_without_a_source_reports_why() {
    let lazy = LazyRegion::new(Err("because".into()));
    assert_eq!(
        super::super::exec::block_on(lazy.region()),
        Err("because".to_owned())
    );
}
