//! Fuzz target: `mailconf::existing::fuzzing::fix` — fixing every account of a
//! file (the first byte picks the format, the second the corrected settings)
//! must never panic, and a fixed file must read back with the corrected settings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mailconf::existing::fuzzing::fix(data);
});
