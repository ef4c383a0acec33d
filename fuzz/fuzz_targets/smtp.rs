//! Fuzz target: `mailconf::probe::fuzzing::smtp` (must never panic, memory stays bounded).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mailconf::probe::fuzzing::smtp(data);
});
