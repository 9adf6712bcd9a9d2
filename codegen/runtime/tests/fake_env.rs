//! An `Env` for tests: variables, files (text, bytes, or unreadable), and a home directory.

use super::Env;
use ::std::collections::BTreeMap;
use ::std::path::{Path, PathBuf};

/// What a fake file holds.
#[derive(Clone, Debug)]
pub(crate) enum FakeFile {
    Bytes(Vec<u8>),
    /// Present but unreadable, with this reason.
    Unreadable(String),
}

#[derive(Default, Clone, Debug)]
pub(crate) struct FakeEnv {
    pub(crate) vars: BTreeMap<String, String>,
    pub(crate) files: BTreeMap<PathBuf, FakeFile>,
    pub(crate) home: Option<PathBuf>,
}

impl FakeEnv {
    /// Home is `/home/u`.
    pub(crate) fn new() -> Self {
        FakeEnv {
            home: Some(PathBuf::from("/home/u")),
            ..FakeEnv::default()
        }
    }
    pub(crate) fn set(mut self, k: &str, v: &str) -> Self {
        self.vars.insert(k.to_owned(), v.to_owned());
        self
    }
    pub(crate) fn file(self, path: &str, text: &str) -> Self {
        self.bytes(path, text.as_bytes())
    }
    pub(crate) fn bytes(mut self, path: &str, bytes: &[u8]) -> Self {
        self.files
            .insert(PathBuf::from(path), FakeFile::Bytes(bytes.to_vec()));
        self
    }
    pub(crate) fn unreadable(mut self, path: &str, why: &str) -> Self {
        self.files
            .insert(PathBuf::from(path), FakeFile::Unreadable(why.to_owned()));
        self
    }
    pub(crate) fn creds_file(self, text: &str) -> Self {
        self.file("/home/u/.aws/credentials", text)
    }
    pub(crate) fn config_file(self, text: &str) -> Self {
        self.file("/home/u/.aws/config", text)
    }
}

impl Env for FakeEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }
    fn read_file(&self, path: &Path) -> Option<String> {
        match self.files.get(path)? {
            FakeFile::Bytes(b) => String::from_utf8(b.clone()).ok(),
            FakeFile::Unreadable(_) => None,
        }
    }
    fn home_dir(&self) -> Option<PathBuf> {
        self.home.clone()
    }
    fn read_shared_file(&self, path: &Path) -> Result<Option<Vec<u8>>, String> {
        match self.files.get(path) {
            None => Ok(None),
            Some(FakeFile::Bytes(b)) => Ok(Some(b.clone())),
            Some(FakeFile::Unreadable(why)) => Err(why.clone()),
        }
    }
}
