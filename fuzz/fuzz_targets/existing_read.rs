//! Fuzz target: `mailconf::existing::fuzzing::read` — every reader of existing
//! configurations (the first byte picks the format) must never panic, keep its
//! line numbers inside the file and never show a password it found.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mailconf::existing::fuzzing::read(data);
});
