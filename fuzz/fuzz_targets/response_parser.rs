//! `response_parser`: see `gamesparks_fuzz::check_response` (src/lib.rs) for the input format and invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gamesparks_fuzz::check_response(data);
});
