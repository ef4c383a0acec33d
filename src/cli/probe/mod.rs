//! `mailconf probe`: test every way in to a mail server and print the truth.
//!
//! The arguments become a [`CheckRequest`]; the check layer plans, discovers,
//! probes and summarizes ([`crate::check`]); this module prints its events as
//! they come: one table row per endpoint as it finishes ([`super::table`]),
//! then the recommendation and the advice; or, with `--json`, one document in
//! the format documented in `docs/probe-json.md` (also when there was nothing
//! to probe).
//!
//! With `--user` (or a password source and an address as the target) every
//! endpoint also tests the login; the password comes from `--password-stdin`,
//! `--password-env VAR` or a no-echo prompt, never from an argument.
//!
//! Exit codes: 0 every probed protocol has a secure endpoint (and, with
//! credentials, a successful login); 1 not, or nothing to probe (nothing
//! found, a closed provider); 2 usage error (bad flag value, unreadable CA
//! file, a consent that names no host in a multi-host run, no password).
//!
//! The arguments and what they become are in [`args`]; the table, the
//! recommendation and the JSON document in [`render`].

pub mod args;
pub mod render;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use super::{EXIT_NEGATIVE, EXIT_USAGE};
use crate::check::{CheckHandle, CheckRequest};
use crate::i18n::Lang;

pub use args::ProbeArgs;
pub(crate) use args::check_options;
use args::login_spec;
pub use render::{render, render_at};

/// Runs `mailconf probe`.
pub fn run(args: ProbeArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let color = super::use_color(stdout.is_terminal());
    let mut out = super::PipeOut::new(stdout.lock());
    let code = execute(&args, lang, &mut out, color)?;
    Ok(ExitCode::from(code))
}

pub(crate) fn usage(lang: Lang, msg: impl std::fmt::Display) -> u8 {
    crate::cli::complain(lang, "mailconf probe", &msg.to_string());
    EXIT_USAGE
}

/// [`run`] with an explicit output; returns the exit code (0, 1 or 2).
pub fn execute(
    args: &ProbeArgs,
    lang: Lang,
    out: &mut dyn Write,
    color: bool,
) -> anyhow::Result<u8> {
    let options = match check_options(args, lang) {
        Ok(o) => o,
        Err(e) => return Ok(usage(lang, e)),
    };
    let login = match login_spec(args, lang) {
        Ok(l) => l,
        Err((EXIT_USAGE, e)) => return Ok(usage(lang, e)),
        Err((code, e)) => {
            crate::cli::complain(lang, "mailconf probe", &e.to_string());
            return Ok(code);
        }
    };
    let db = Arc::new(super::load_database(lang));
    let (mut handle, events) = CheckHandle::new(db, options)?;
    let request = CheckRequest {
        input: args.target.clone().unwrap_or_default(),
        only: args.only.clone(),
        endpoints: args.endpoints.clone(),
        login,
        provider: None,
    };
    if let Err(e) = handle.start(request) {
        return Ok(match e {
            e if e.is_usage() => usage(lang, e.text(lang)),
            e => {
                crate::cli::complain(lang, "mailconf probe", &e.text(lang));
                EXIT_NEGATIVE
            }
        });
    }
    render(args, lang, out, color, std::iter::from_fn(|| events.recv()))
}
