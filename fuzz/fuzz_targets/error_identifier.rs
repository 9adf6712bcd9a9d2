//! `error_identifier`: see `gamesparks_fuzz::check_error` (src/lib.rs) for the input format and invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gamesparks_fuzz::check_error(data);
});
