//! `idl_parser`: see `gamesparks_fuzz::check_idl` (src/lib.rs) for the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gamesparks_fuzz::check_idl(data);
});
