//! Tests of `config.rs`, compiled as its `tests` module.

use super::*;

const META: ServiceMeta = ServiceMeta {
    endpoint_prefix: "gamesparks",
    signing_name: "gamesparks",
    headers: &[],
};

fn config(b: ConfigBuilder) -> Config {
    b.ignore_environment().build()
}

#[test]
fn endpoints() {
    let c = config(Config::builder().region("us-west-2"));
    assert_eq!(
        resolve_endpoint(&c, &META).unwrap(),
        "https://gamesparks.us-west-2.amazonaws.com"
    );
    let c = config(
        Config::builder()
            .region("us-east-1")
            .use_fips(true)
            .use_dual_stack(true),
    );
    assert_eq!(
        resolve_endpoint(&c, &META).unwrap(),
        "https://gamesparks-fips.us-east-1.api.aws"
    );
    let c = config(Config::builder().region("cn-north-1"));
    assert_eq!(
        resolve_endpoint(&c, &META).unwrap(),
        "https://gamesparks.cn-north-1.amazonaws.com.cn"
    );
    let c = config(
        Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9/"),
    );
    assert_eq!(resolve_endpoint(&c, &META).unwrap(), "http://127.0.0.1:9");
    assert!(resolve_endpoint(&config(Config::builder()), &META).is_err());
    assert!(resolve_endpoint(&config(Config::builder().region("us east")), &META).is_err());
    assert!(resolve_endpoint(&config(Config::builder().endpoint_url("ftp://x")), &META).is_err());
}

#[test]
fn backoff_is_capped_and_jittered() {
    let r = RetryConfig::standard();
    assert_eq!(r.backoff(1, 1.0), Duration::from_secs(1));
    assert_eq!(r.backoff(3, 1.0), Duration::from_secs(4));
    assert_eq!(r.backoff(30, 1.0), Duration::from_secs(20));
    assert_eq!(r.backoff(2, 0.5), Duration::from_secs(1));
    assert_eq!(r.backoff(u32::MAX, 0.0), Duration::ZERO);
    assert_eq!(
        RetryConfig::standard().with_max_attempts(0).max_attempts(),
        1
    );
}

use super::super::credentials::fake_env::FakeEnv;

/// Variables and one config file, for the settings read from the environment.
fn vars(vars: &[(&str, &str)], config: &str) -> FakeEnv {
    vars.iter()
        .fold(FakeEnv::new(), |env, (k, v)| env.set(k, v))
        .config_file(config)
}

#[test]
fn compression_settings_resolve_builder_then_env_then_profile() {
    let none = RequestCompression::resolve(None, None, None);
    assert_eq!((none.disabled, none.min_size), (false, Ok(10_240)));
    let env = vars(
        &[
            ("AWS_DISABLE_REQUEST_COMPRESSION", "TRUE"),
            ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "99"),
        ],
        "",
    );
    let env = EnvConfig::load(&env);
    let from_env = RequestCompression::resolve(None, None, Some(&env));
    assert_eq!((from_env.disabled, from_env.min_size), (true, Ok(99)));
    let builder = RequestCompression::resolve(Some(false), Some(5), Some(&env));
    assert_eq!((builder.disabled, builder.min_size), (false, Ok(5)));
    let profile = vars(
        &[],
        "[default]\ndisable_request_compression = true\nrequest_min_compression_size_bytes = 7\n",
    );
    let profile = EnvConfig::load(&profile);
    let from_profile = RequestCompression::resolve(None, None, Some(&profile));
    assert_eq!(
        (from_profile.disabled, from_profile.min_size),
        (true, Ok(7))
    );
    // Out of range, or not a number: every compressing call fails, naming the value.
    let too_big = RequestCompression::resolve(None, Some(10_485_761), None);
    assert_eq!(too_big.min_size, Err(10_485_761));
    assert!(
        RequestCompression::resolve(None, Some(10_485_760), None)
            .min_size
            .is_ok()
    );
    let junk = vars(&[("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "-1")], "");
    let junk = EnvConfig::load(&junk);
    assert!(
        RequestCompression::resolve(None, None, Some(&junk))
            .min_size
            .is_err()
    );
}

#[test]
fn idempotency_tokens_fixed_or_random() {
    let fixed = config(Config::builder().idempotency_token_provider("tok"));
    assert_eq!(fixed.idempotency_token_provider.make_token(), "tok");
    let random = config(Config::builder());
    let (a, b) = (
        random.idempotency_token_provider.make_token(),
        random.idempotency_token_provider.make_token(),
    );
    assert_ne!(a, b);
    assert_eq!(a.len(), 36);
}
