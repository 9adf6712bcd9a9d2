//! Helpers shared by the workspace tests in `tests/`: compiled once, linked into each test
//! binary.

pub mod chain_env;
pub mod example_bin;
pub mod fakes;
pub mod rng;
pub mod server;
pub mod sigv4_check;
pub mod temp_dir;
