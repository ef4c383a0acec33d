//! The `mailconf` binary: parse the command line and run it.
//!
//! Kept thin on purpose (as ripgrep does): all behaviour lives in the library so the
//! CLI, the desktop app and the tests share one engine.

use clap::Parser as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match mailconf::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors.
            let code = if e.use_stderr() {
                mailconf::cli::EXIT_USAGE
            } else {
                0
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    mailconf::cli::run(cli)
}
