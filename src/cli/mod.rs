//! The command-line interface: `mailconf <subcommand>`.
//!
//! Two stages, as ripgrep does: clap turns raw arguments into typed commands, and
//! each subcommand module runs one command against the same engine the desktop app
//! uses. Output that is data has `--json`; human output follows `--lang` (or the
//! locale). Exit codes are part of the interface and documented in the README:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | a negative answer: not found, invalid provider file, nothing secure found |
//! | 2 | usage error (bad flags or arguments) |
//! | 3 | the command could not run (I/O error, internal error) |

pub mod args;
pub mod check;
pub mod discover;
pub mod export;
mod layout;
pub mod oauth2;
pub mod probe;
pub mod providers;
mod table;

use crate::i18n::{Lang, msg};
use crate::server_text::ServerText;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code: the answer is negative (not found, invalid, nothing secure).
pub const EXIT_NEGATIVE: u8 = 1;
/// Exit code: usage error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the command could not run.
pub const EXIT_ERROR: u8 = 3;

/// Find, test and export working POP3/IMAP/SMTP settings for a mail account.
///
/// Without a subcommand, opens the desktop app.
#[derive(Debug, Parser)]
#[command(name = "mailconf", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Language of human output: en, zh-Hans or zh-Hant (default: from the locale).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Also trust the CA certificates in this PEM file (your organisation's own
    /// CA): in the desktop app, and for probe, discover, export, check and
    /// providers audit, where it is the same as their own --ca-file (given
    /// after the subcommand).
    #[arg(long = "ca-file", value_name = "PEM")]
    pub ca_file: Option<std::path::PathBuf>,

    /// Ask this DNS server (IP or IP:PORT) instead of the system's: in the
    /// desktop app, and for probe, discover, export, check and providers audit,
    /// where it is the same as their own --dns (given after the subcommand).
    #[arg(long = "dns", value_name = "HOST:PORT", value_parser = crate::dns::parse_server)]
    pub dns: Option<std::net::SocketAddr>,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The bundled provider database: list, show, validate, import.
    #[command(subcommand)]
    Providers(providers::ProvidersCommand),
    /// Write an account's settings for a mail client (Thunderbird, Apple Mail,
    /// Outlook, fetchmail, getmail, msmtp, mutt), as JSON or as a readable summary.
    Export(export::ExportArgs),
    /// Test every way in (POP3, IMAP, SMTP; plaintext, STARTTLS, TLS) live, in parallel.
    Probe(probe::ProbeArgs),
    /// Find settings for any address: database, MX, autoconfig, SRV, guessing.
    Discover(discover::DiscoverArgs),
    /// Check the settings you already have (fetchmail, msmtp, mutt, getmail,
    /// Thunderbird…), say what changed, and write the fixed file (--fix).
    Check(check::CheckArgs),
    /// OAuth2 sign-in (Outlook, Microsoft 365, Gmail): sign in once, keep the
    /// refresh token in the system keyring, print fresh access tokens for
    /// msmtp, fetchmail, mutt and getmail.
    #[command(subcommand, name = "oauth2")]
    OAuth2(oauth2::OAuth2Command),
}

impl Command {
    /// The subcommand with `--ca-file` and `--dns` given before it (`mailconf
    /// --ca-file X probe …`) moved into its own flags, so both positions mean
    /// the same. A subcommand that connects nowhere refuses them, and the same
    /// flag with two different values is refused too: never silently ignored.
    fn with_connection_flags(
        mut self,
        ca_file: Option<std::path::PathBuf>,
        dns: Option<std::net::SocketAddr>,
        lang: Lang,
    ) -> Result<Command, String> {
        let (own_ca, own_dns) = match &mut self {
            Command::Probe(a) => (&mut a.ca_file, &mut a.dns),
            Command::Discover(a) => (&mut a.ca_file, &mut a.dns),
            Command::Export(a) => (&mut a.ca_file, &mut a.dns),
            Command::Check(a) => (&mut a.ca_file, &mut a.dns),
            Command::OAuth2(oauth2::OAuth2Command::Login(a) | oauth2::OAuth2Command::Token(a)) => {
                if dns.is_some() {
                    return Err(msg!(lang, "usage-dns-not-for-oauth2"));
                }
                merge(&mut a.ca_file, ca_file, "--ca-file", lang)?;
                return Ok(self);
            }
            Command::Providers(providers::ProvidersCommand::Audit(a)) => {
                (&mut a.ca_file, &mut a.dns)
            }
            Command::Providers(_) => {
                return match (ca_file.is_some(), dns.is_some()) {
                    (false, false) => Ok(self),
                    (ca, _) => Err(msg!(
                        lang,
                        "usage-flag-connects-nowhere",
                        flag = if ca { "--ca-file" } else { "--dns" }
                    )),
                };
            }
        };
        merge(own_ca, ca_file, "--ca-file", lang)?;
        merge(own_dns, dns, "--dns", lang)?;
        Ok(self)
    }
}

/// `own` (after the subcommand) or else `before` (before it); both only when equal.
fn merge<T: PartialEq>(
    own: &mut Option<T>,
    before: Option<T>,
    flag: &str,
    lang: Lang,
) -> Result<(), String> {
    match (own.as_ref(), before) {
        (Some(a), Some(b)) if *a != b => Err(msg!(lang, "usage-flag-twice", flag = flag)),
        (None, Some(b)) => {
            *own = Some(b);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// What a person reads when the command line cannot be parsed. In English,
/// clap's own text (English already, with its usage line and tips). In
/// another language, a sentence from the catalog naming the problem and the
/// argument, then why the value is refused: our value parsers' typed reason
/// worded by the catalog ([`args::value_error_text`]), or clap's own words as
/// a details line; and where help is.
/// `--help` and `--version` (not errors) are clap's text alone.
pub fn usage_error_text(e: &clap::Error, args: &[std::ffi::OsString]) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind as K};
    let rendered = e.render().to_string();
    let lang = lang_of_args(args).unwrap_or_else(Lang::from_env);
    if !e.use_stderr() || lang == Lang::En {
        return rendered;
    }
    let arg = match e
        .get(ContextKind::InvalidArg)
        .or(e.get(ContextKind::InvalidSubcommand))
    {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let kind = match e.kind() {
        K::UnknownArgument => "unknown-argument",
        K::InvalidSubcommand => "unknown-command",
        K::InvalidValue | K::ValueValidation | K::InvalidUtf8 | K::NoEquals => "invalid-value",
        K::MissingRequiredArgument => "missing-argument",
        K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => "missing-command",
        K::ArgumentConflict => "conflict",
        K::WrongNumberOfValues | K::TooManyValues | K::TooFewValues => "values",
        _ => "other",
    };
    let kind = if arg.is_empty() { "other" } else { kind };
    let mut text = msg!(
        lang,
        "usage-error",
        kind = kind,
        arg = ServerText::new(&arg).to_string()
    );
    text.push('\n');
    // Our value parsers' reasons are typed: worded here in `lang`. clap's
    // own words (English) follow as details only for its own reasons.
    let ours = std::error::Error::source(e).and_then(|s| args::value_error_text(s, lang));
    if let Some(reason) = ours {
        text.push_str(&reason);
        text.push('\n');
    } else if kind == "invalid-value" || kind == "other" {
        let said = rendered.lines().next().unwrap_or_default();
        let said = said.strip_prefix("error: ").unwrap_or(said);
        text.push_str(&msg!(lang, "usage-details", detail = said));
        text.push('\n');
    }
    text.push_str(&msg!(lang, "usage-help"));
    text.push('\n');
    text
}

/// The language a command line asks for with `--lang X` or `--lang=X`, when it
/// names one (read before clap has parsed it, to word clap's errors).
fn lang_of_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.iter().enumerate().find_map(|(i, a)| {
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).copied(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        }?;
        Lang::from_locale(value)
    })
}

/// Says `text` on standard error as `who` (`mailconf`, `mailconf oauth2`),
/// with the language's own colon ("mailconf：…" in Chinese).
pub(crate) fn complain(lang: Lang, who: &str, text: &str) {
    eprintln!("{}", msg!(lang, "label-value", label = who, value = text));
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let command = match cli
        .command
        .map(|c| c.with_connection_flags(cli.ca_file.clone(), cli.dns, lang))
        .transpose()
    {
        Ok(c) => c,
        Err(e) => {
            complain(lang, "mailconf", &e);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let result = match command {
        Some(Command::Providers(cmd)) => providers::run(cmd, lang),
        Some(Command::Export(args)) => export::run(args, lang),
        Some(Command::Probe(args)) => probe::run(args, lang),
        Some(Command::Discover(args)) => discover::run(args, lang),
        Some(Command::Check(args)) => check::run(args, lang),
        Some(Command::OAuth2(cmd)) => Ok(oauth2::run(cmd, lang)),
        // No subcommand (`cargo run`, a double-click on the binary): the desktop app.
        None => crate::app::run(
            cli.lang,
            crate::app::EngineConfig {
                ca_file: cli.ca_file,
                dns: cli.dns,
            },
        )
        .map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            crate::cli::complain(lang, "mailconf", &format!("{e:#}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The provider database with the user's files, each broken user file reported
/// once on stderr (file, line, field) and left out.
pub(crate) fn load_database(lang: Lang) -> crate::providers::Database {
    let db = crate::providers::Database::load(None);
    for w in &db.warnings {
        eprintln!(
            "{}",
            crate::i18n::msg!(lang, "provider-file-skipped", problem = w.text(lang))
        );
    }
    db
}

pub(crate) use layout::display_width;

/// `s` padded with spaces to `width` terminal columns (see [`display_width`]).
pub(crate) fn pad(s: &str, width: usize) -> String {
    // At least one space, so that a cell longer than its column never runs
    // into the next one ("invalid-certificate104 ms").
    format!(
        "{s}{}",
        " ".repeat(width.saturating_sub(display_width(s)).max(1))
    )
}

/// Whether human output gets colour: only on a terminal, never with
/// `NO_COLOR` set or `TERM=dumb`.
pub(crate) fn use_color(terminal: bool) -> bool {
    terminal
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// Standard output that stops writing quietly once the reader has gone (a
/// broken pipe, `mailconf probe --json | head -1`): the command still runs to
/// its answer, and exits with the answer's own code.
pub(crate) struct PipeOut<W: std::io::Write> {
    inner: W,
    closed: bool,
}

impl<W: std::io::Write> PipeOut<W> {
    /// Wraps `inner` (standard output).
    pub(crate) fn new(inner: W) -> Self {
        PipeOut {
            inner,
            closed: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for PipeOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Standard output for every subcommand: a reader that goes away (`| head`)
/// never turns the answer into an error or another exit code.
pub(crate) fn stdout() -> PipeOut<std::io::StdoutLock<'static>> {
    PipeOut::new(std::io::stdout().lock())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_cjk_as_two() {
        assert_eq!(pad("协议", 6), "协议  ");
        assert_eq!(pad("POP3", 6), "POP3  ");
        assert_eq!(pad("→1", 3), "→1 ");
    }

    #[test]
    fn a_cell_longer_than_its_column_keeps_a_space_before_the_next() {
        assert_eq!(
            pad("TLS error: invalid-certificate", 28),
            "TLS error: invalid-certificate "
        );
        assert_eq!(pad("协议协议", 6), "协议协议 ");
    }
}
