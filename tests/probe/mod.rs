//! Tests of the probe engine: transcript replays, hostile in-process servers,
//! fuzz bodies on stable.

mod cli;
mod fuzz_bodies;
mod hostile;
pub(crate) mod replay;
mod servers;
