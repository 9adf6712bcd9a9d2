//! Writes the seed inputs defined in `src/lib.rs` as files:
//! `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds -- <dir>...`
//! writes `<dir>/response_parser/*` and `<dir>/error_identifier/*` under each directory
//! (the `model_loader` seeds are the project's model files, copied as they are).

use std::path::Path;

fn write(dir: &Path, target: &str, seeds: Vec<(String, Vec<u8>)>) {
    let dir = dir.join(target);
    std::fs::create_dir_all(&dir).expect("create seed directory");
    for (name, data) in seeds {
        std::fs::write(dir.join(format!("{name}.bin")), data).expect("write seed");
    }
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    assert!(!dirs.is_empty(), "usage: make_seeds <dir>...");
    for dir in dirs {
        let dir = Path::new(&dir);
        write(dir, "response_parser", gamesparks_fuzz::response_seeds());
        write(dir, "error_identifier", gamesparks_fuzz::error_seeds());
    }
}
