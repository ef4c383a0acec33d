//! Fuzz target: `mailconf::probe::fuzzing::server_text` (the sanitizer and the
//! parsers of untrusted names; must never panic, output never holds a control).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mailconf::probe::fuzzing::server_text(data);
});
