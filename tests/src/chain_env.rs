//! The environment of one credentials-chain test: variables in a map, files in a temporary
//! home directory; and the example program (built by `example_bin.rs`) run with exactly that
//! environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use gamesparks::config::{Env, ProcessEnv};

use crate::example_bin::example_path;
use crate::server::Server;
use crate::temp_dir::TempDir;

/// A temporary home directory with the variables of one test.
#[derive(Debug)]
pub struct TestEnv {
    pub vars: BTreeMap<String, String>,
    pub home: TempDir,
}

impl TestEnv {
    /// An empty home; instance metadata is off unless a test turns it on.
    pub fn new() -> Self {
        let home = TempDir::new("credentials-chain");
        std::fs::create_dir_all(home.join(".aws")).expect("create a temporary home");
        TestEnv {
            vars: BTreeMap::new(),
            home,
        }
        .set("AWS_EC2_METADATA_DISABLED", "true")
    }
    pub fn set(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.to_owned(), value.to_owned());
        self
    }
    pub fn unset(mut self, name: &str) -> Self {
        self.vars.remove(name);
        self
    }
    /// Writes `text` to `relative` under the home directory.
    pub fn write(self, relative: &str, text: &str) -> Self {
        let path = self.home.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create the directory");
        std::fs::write(&path, text).expect("write a test file");
        self
    }
    pub fn path(&self, relative: &str) -> String {
        self.home.join(relative).display().to_string()
    }
    /// The GameSparks endpoint and a region: everything a call needs but credentials.
    pub fn service(self, server: &Server) -> Self {
        self.set("AWS_ENDPOINT_URL_GAMESPARKS", &server.url())
            .set("AWS_REGION", "us-west-2")
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl Env for TestEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }
    fn read_file(&self, path: &Path) -> Option<String> {
        ProcessEnv.read_file(path)
    }
    fn read_shared_file(&self, path: &Path) -> Result<Option<Vec<u8>>, String> {
        ProcessEnv.read_shared_file(path)
    }
    fn home_dir(&self) -> Option<PathBuf> {
        Some(self.home.to_path_buf())
    }
}

/// Runs the example with `env`'s variables only (and `HOME`); exit code, stdout, stderr.
pub fn run_example(env: &TestEnv) -> (Option<i32>, String, String) {
    let output = Command::new(example_path())
        .args(["--game-name", "g", "--stage-name", "s"])
        .env_clear()
        .env("HOME", &*env.home)
        .envs(&env.vars)
        .stdin(Stdio::null())
        .output()
        .expect("run the example");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
