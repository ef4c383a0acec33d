//! mailconf's integration tests: one binary, one module per subsystem.

mod export;
mod discover;
mod providers;
