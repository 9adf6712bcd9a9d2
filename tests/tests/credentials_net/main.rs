//! The network credential providers of generated/gamesparks against loopback fakes of the EC2
//! instance metadata service, the container credentials endpoint, STS and the SSO portal,
//! over the default transport: what each sends, what it makes of good, broken and hostile
//! answers, and that a slow or silent fake never holds a call past its timeout plus 1 s.

mod container;
mod imds;
mod sso;
mod sts;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use gamesparks::config::{
    AssumeRoleProvider, ContainerCredentialsProvider, Credentials, CredentialsError, Env,
    ImdsCredentialsProvider, ProvideCredentials, SsoProvider, StsClient, WebIdentityProvider,
};
use gamesparks::http::{BlockingClient, HttpClient, block_on};
use tests::server::{Reply, Request, Server};
use tests::sigv4_check::{parse_authorization, percent_decode, recompute_signature};
use tests::temp_dir::TempDir;

fn http() -> Arc<dyn HttpClient> {
    Arc::new(BlockingClient::new())
}

fn provide(provider: &dyn ProvideCredentials) -> Result<Credentials, CredentialsError> {
    block_on(provider.provide_credentials())
}

/// Runs `provider` and checks it ended within `limit` plus 1 s, with an error.
fn fails_within(provider: &dyn ProvideCredentials, limit: Duration) -> CredentialsError {
    let start = Instant::now();
    let outcome = provide(provider);
    let elapsed = start.elapsed();
    assert!(
        elapsed <= limit + Duration::from_secs(1),
        "took {elapsed:?}, limit {limit:?}"
    );
    outcome.expect_err("a slow or silent server gives no credentials")
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs()
}

#[derive(Default)]
struct Vars(BTreeMap<String, String>);

impl Vars {
    fn with(mut self, k: &str, v: &str) -> Self {
        self.0.insert(k.into(), v.into());
        self
    }
}

impl Env for Vars {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
    fn read_file(&self, _: &Path) -> Option<String> {
        None
    }
    fn home_dir(&self) -> Option<PathBuf> {
        None
    }
}

/// A server that sends its head at once, then `body` a byte every 100 ms.
fn dribble(body: &str) -> Reply {
    Reply::dribble_json(body, Duration::from_millis(100))
}
