//! mailconf's integration tests: one binary, one module per subsystem.

mod discover;
mod export;
mod login;
mod probe;
mod providers;
mod roundtrip;
mod servers;
