//! mailconf's integration tests: one binary, one module per subsystem.

mod architecture;
mod audit;
mod cli;
mod discover;
mod existing;
mod existing_check;
mod existing_gui;
mod export;
mod gui;
mod login;
mod oauth2;
mod packaging;
mod probe;
mod probe_real;
mod provider_truth;
mod providers;
mod roundtrip;
mod security_doc;
mod servers;
mod thunderbird;
