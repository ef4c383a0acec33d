//! The `mailconf` binary: parse the command line and run it.
//!
//! Kept thin on purpose (as ripgrep does): all behaviour lives in the library so the
//! CLI, the desktop app and the tests share one engine.

use clap::Parser as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Test-only: the generated pseudo-locale for every message (see README,
    // "Translating mailconf").
    mailconf::i18n::catalog::pseudo_from_env();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match mailconf::cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = mailconf::cli::usage_error_text(&e, &args);
            // --help and --version are not errors: standard output, exit 0.
            if e.use_stderr() {
                eprint!("{text}");
                return ExitCode::from(mailconf::cli::EXIT_USAGE);
            }
            print!("{text}");
            return ExitCode::SUCCESS;
        }
    };
    mailconf::cli::run(cli)
}
