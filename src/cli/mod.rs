//! The command-line interface.

pub mod probe;
