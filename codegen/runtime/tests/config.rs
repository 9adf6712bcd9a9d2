//! Tests of `config.rs`, compiled as its `tests` module.

use super::*;

fn config(b: ConfigBuilder) -> Config {
    b.ignore_environment().build()
}

#[test]
fn configs_and_their_clones_share_one_retry_quota() {
    let c = config(Config::builder());
    let clone = c.clone();
    assert_eq!(clone.retry_quota.acquire(false), Some(5));
    assert_eq!(c.retry_quota.available(), 495);
    let other = config(Config::builder());
    assert_eq!(other.retry_quota.available(), 500);
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

/// Counts the shared-file reads of a fake environment.
#[derive(Debug)]
struct CountingEnv {
    inner: FakeEnv,
    reads: ::std::sync::Mutex<Vec<::std::path::PathBuf>>,
}

impl super::super::credentials::Env for CountingEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.inner.var(name)
    }
    fn read_file(&self, path: &::std::path::Path) -> Option<String> {
        self.reads.lock().unwrap().push(path.to_owned());
        self.inner.read_file(path)
    }
    fn read_shared_file(&self, path: &::std::path::Path) -> Result<Option<Vec<u8>>, String> {
        self.reads.lock().unwrap().push(path.to_owned());
        self.inner.read_shared_file(path)
    }
    fn home_dir(&self) -> Option<::std::path::PathBuf> {
        self.inner.home_dir()
    }
}

#[test]
fn a_build_reads_each_shared_file_once() {
    let env = CountingEnv {
        inner: vars(
            &[],
            "[default]\nregion = eu-west-3\ndisable_request_compression = true\nendpoint_url = http://127.0.0.1:1\n",
        )
        .creds_file("[default]\naws_access_key_id = K\naws_secret_access_key = S\n"),
        reads: ::std::sync::Mutex::new(Vec::new()),
    };
    let config = Config::builder().build_from(&env);
    let mut reads = env.reads.lock().unwrap().clone();
    reads.sort();
    assert_eq!(
        reads,
        [
            ::std::path::PathBuf::from("/home/u/.aws/config"),
            ::std::path::PathBuf::from("/home/u/.aws/credentials"),
        ]
    );
    assert_eq!(config.region(), Some("eu-west-3"));
    assert!(config.compression.disabled);
    assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:1"));
    let credentials = super::super::exec::block_on(config.credentials()).unwrap();
    assert_eq!(credentials.access_key_id(), "K");
    assert_eq!(
        env.reads.lock().unwrap().len(),
        2,
        "nothing read at the call"
    );
}

#[test]
fn the_environment_is_ignored_when_asked() {
    let env = vars(&[("AWS_REGION", "r"), ("AWS_ENDPOINT_URL", "http://x")], "");
    let config = Config::builder().ignore_environment().build_from(&env);
    assert_eq!((config.region(), config.endpoint_url()), (None, None));
    let err = super::super::exec::block_on(config.credentials()).unwrap_err();
    assert!(err.message().contains("no credentials"), "{err}");
    // Explicit credentials and providers replace the chain.
    let config = Config::builder()
        .credentials_provider(Credentials::new("P", "S", None))
        .build_from(
            &env.clone()
                .set("AWS_ACCESS_KEY_ID", "E")
                .set("AWS_SECRET_ACCESS_KEY", "S"),
        );
    let got = super::super::exec::block_on(config.credentials()).unwrap();
    assert_eq!(got.access_key_id(), "P");
    // The service's own variable (SDK_ID is `GameSparks` here) beats the global one; the
    // builder's URL beats both.
    let env = env.set("AWS_ENDPOINT_URL_GAMESPARKS", "http://own");
    assert_eq!(
        Config::builder().build_from(&env).endpoint_url(),
        Some("http://own")
    );
    let config = Config::builder()
        .endpoint_url("http://set")
        .build_from(&env);
    assert_eq!(config.endpoint_url(), Some("http://set"));
}

/// Answers instance metadata's token and region requests, counting them.
#[derive(Debug, Default)]
struct FakeImds(::std::sync::atomic::AtomicUsize);

impl HttpClient for FakeImds {
    fn send(
        &self,
        request: super::super::http::HttpRequest,
        _timeouts: Timeouts,
    ) -> super::super::http::BoxFuture<
        '_,
        Result<super::super::http::HttpResponse, super::super::http::TransportError>,
    > {
        self.0.fetch_add(1, ::std::sync::atomic::Ordering::SeqCst);
        let body = if request.url.ends_with("/latest/api/token") {
            "token"
        } else if request.url.ends_with("/latest/meta-data/placement/region") {
            "ap-south-2"
        } else {
            ""
        };
        let status = if body.is_empty() { 404 } else { 200 };
        Box::pin(async move { Ok(super::super::http::HttpResponse::new(status, body)) })
    }
}

#[test]
fn the_region_comes_from_instance_metadata_at_the_first_call_once() {
    let imds = Arc::new(FakeImds::default());
    let config = Config::builder()
        .http_client(ArcClient(imds.clone()))
        .build_from(&vars(
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9")],
            "",
        ));
    assert_eq!(config.region(), None);
    let filled = super::super::exec::block_on(config.with_lazy_region())
        .unwrap()
        .unwrap();
    assert_eq!(filled.region(), Some("ap-south-2"));
    assert_eq!(imds.0.load(::std::sync::atomic::Ordering::SeqCst), 2);
    let clone = config.clone();
    let again = super::super::exec::block_on(clone.with_lazy_region())
        .unwrap()
        .unwrap();
    assert_eq!(again.region(), Some("ap-south-2"));
    assert_eq!(
        imds.0.load(::std::sync::atomic::Ordering::SeqCst),
        2,
        "asked once"
    );
    // Disabled, or a broken config file: the reason, without asking.
    let config = Config::builder()
        .http_client(ArcClient(imds.clone()))
        .build_from(&vars(&[("AWS_EC2_METADATA_DISABLED", "true")], ""));
    let err = super::super::exec::block_on(config.with_lazy_region()).unwrap_err();
    assert!(
        err.contains("no region") && err.contains("disabled"),
        "{err}"
    );
    let config = Config::builder()
        .http_client(ArcClient(imds.clone()))
        .build_from(&vars(&[], "[default]\nregion\n"));
    let err = super::super::exec::block_on(config.with_lazy_region()).unwrap_err();
    assert!(err.contains("line 2"), "{err}");
    assert_eq!(imds.0.load(::std::sync::atomic::Ordering::SeqCst), 2);
    // A region set anywhere needs nothing filled in.
    let config = Config::builder().region("r").build_from(&vars(&[], ""));
    assert!(
        super::super::exec::block_on(config.with_lazy_region())
            .unwrap()
            .is_none()
    );
}

/// Shares one fake transport between configs.
#[derive(Debug)]
struct ArcClient(Arc<FakeImds>);

impl HttpClient for ArcClient {
    fn send(
        &self,
        request: super::super::http::HttpRequest,
        timeouts: Timeouts,
    ) -> super::super::http::BoxFuture<
        '_,
        Result<super::super::http::HttpResponse, super::super::http::TransportError>,
    > {
        self.0.send(request, timeouts)
    }
}
