//! mailconf's integration tests: one binary, one module per subsystem.

mod gui;
mod providers;
