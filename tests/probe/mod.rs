//! Tests of the probe engine: transcript replays, hostile in-process servers,
//! the CLI. (The fuzz bodies run on stable as the lib's own tests, in
//! `src/probe/fuzzing.rs`.)

mod cli;
mod hostile;
pub(crate) mod replay;
mod servers;
