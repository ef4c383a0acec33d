//! `mailconf check`: read the settings a user already has, test them, say
//! what changed and write the fixed file.
//!
//! The files are read by [`crate::existing`] (one bad file does not stop the
//! others); every active account is checked by [`crate::check::existing`] on
//! the same check layer as `mailconf probe` (same planner, ranking and
//! advice); this module only chooses the files, runs the accounts one after
//! another, prints, and writes fixes. With `--json` it prints one
//! `mailconf-check/1` document (`docs/check-json.md`).
//!
//! A password read from a file is only ever handed to the login test
//! (`--login`); it is never printed. `passwordeval` and other commands are
//! shown, never run.
//!
//! Exit codes: 0 every file was read and every account works; 1 something is
//! wrong (an account is insecure, broken or discontinued, a file could not be
//! read); 2 usage error; 3 a fixed file could not be written.

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret as _, SecretString};

use super::args::{PasswordSource, read_password};
use super::table::Style;
use super::{EXIT_ERROR, EXIT_USAGE};
use crate::check::existing::{
    AccountRef, AccountVerdict, ExistingCheck, ExistingOptions, FixReport, explain_in, history_note,
};
use crate::check::{CheckEvent, CheckHandle};
use crate::existing::{Destination, Kind, ReadError, thunderbird};
use crate::i18n::{Lang, msg};
use crate::probe::login::InsecureAllow;
use crate::server_text::ServerText;

/// Arguments of `mailconf check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Configuration files to check: ~/.fetchmailrc, msmtprc, muttrc, getmailrc,
    /// a Thunderbird prefs.js or profile folder, a .mobileconfig, mailconf's
    /// JSON export, an autoconfig XML. Default: the usual files of this user.
    pub files: Vec<PathBuf>,
    /// Check Thunderbird: the profiles profiles.ini lists, or this profile folder.
    // `Some(None)`: the flag without a folder. (An empty default value is no
    // path to clap: it refused the bare flag.)
    #[arg(long, value_name = "PROFILE_DIR", num_args = 0..=1, require_equals = true)]
    pub thunderbird: Option<Option<PathBuf>>,
    /// Print one JSON document (see docs/check-json.md) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also test logging in: with the password from the file, else asked for
    /// (on a terminal). Never over an insecure connection without --allow-insecure-auth.
    #[arg(long)]
    pub login: bool,
    /// With --login: the password for every account whose file holds none,
    /// from the first line of standard input (instead of asking on a terminal).
    #[arg(long, requires = "login", conflicts_with = "password_env")]
    pub password_stdin: bool,
    /// With --login: the password for every account whose file holds none,
    /// from this environment variable.
    #[arg(long, value_name = "VAR", requires = "login")]
    pub password_env: Option<String>,
    /// Write the corrected file, in the same format, next to the original
    /// (`NAME.mailconf-fixed`; Thunderbird: a user.js fragment).
    #[arg(long)]
    pub fix: bool,
    /// With --fix: write the corrected file here instead (one file only).
    #[arg(short = 'o', long = "output", value_name = "FILE", requires = "fix")]
    pub output: Option<PathBuf>,
    /// With --fix: replace the original (Thunderbird: the profile's user.js),
    /// or overwrite the -o file.
    #[arg(long, requires = "fix")]
    pub force: bool,
    /// Allow sending the password over exactly this insecure endpoint, at your
    /// own risk (as `mailconf probe --allow-insecure-auth`). Repeatable.
    #[arg(long = "allow-insecure-auth", value_name = "PROTO:[HOST:]PORT:SECURITY[:sha256=FP]", value_parser = InsecureAllow::parse)]
    pub allow_insecure_auth: Vec<InsecureAllow>,
    /// Connect to other ports than the standard ones, e.g. `995=10995` (for tests).
    #[arg(long, value_delimiter = ',', value_name = "PORT=PORT", value_parser = crate::discover::PortMap::parse_pair)]
    pub port_map: Vec<(u16, u16)>,
    /// Use this address for a host name instead of DNS: `mail.example.com:127.0.0.1`. Repeatable.
    #[arg(long, value_name = "HOST:ADDR", value_parser = super::args::parse_resolve)]
    pub resolve: Vec<(String, IpAddr)>,
    /// Extra trust anchors: a PEM file of CA certificates.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Also trust the operating system's certificate store.
    #[arg(long)]
    pub system_roots: bool,
    /// Seconds to wait for a TCP connection (DNS included).
    #[arg(long, value_name = "S", default_value = "5", value_parser = super::args::parse_seconds)]
    pub connect_timeout: Duration,
    /// Seconds to wait for each reply and each TLS handshake.
    #[arg(long, value_name = "S", default_value = "10", value_parser = super::args::parse_seconds)]
    pub timeout: Duration,
    /// DNS server to ask instead of the system's (IP or IP:PORT).
    #[arg(long, value_name = "HOST:PORT", value_parser = crate::dns::parse_server)]
    pub dns: Option<std::net::SocketAddr>,
    /// Print each endpoint's (redacted) transcript.
    #[arg(long)]
    pub transcript: bool,
}

impl CheckArgs {
    /// The connection flags as `mailconf probe` takes them, so both connect
    /// the same way ([`super::probe::check_options`]).
    fn probe_args(&self) -> super::probe::ProbeArgs {
        super::probe::ProbeArgs {
            target: None,
            only: Vec::new(),
            endpoints: Vec::new(),
            port_map: self.port_map.clone(),
            resolve: self.resolve.clone(),
            ca_file: self.ca_file.clone(),
            system_roots: self.system_roots,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            overall_timeout: Duration::from_secs(30),
            strict_certificates: false,
            transcript: self.transcript,
            json: self.json,
            dns: self.dns,
            no_discovery: true,
            user: None,
            password_stdin: false,
            password_env: None,
            allow_insecure_auth: self.allow_insecure_auth.clone(),
            max_connections: 16,
            oauth2: false,
            oauth2_client_id: None,
            oauth2_tenant: None,
            no_browser: false,
        }
    }
}

/// The files a user's mail programs usually keep their settings in, under `home`.
fn usual_files(home: &Path) -> Vec<PathBuf> {
    [
        ".fetchmailrc",
        ".msmtprc",
        ".config/msmtp/config",
        ".muttrc",
        ".mutt/muttrc",
        ".config/mutt/muttrc",
        ".neomuttrc",
        ".config/neomutt/neomuttrc",
        ".getmail/getmailrc",
        ".config/getmail/getmailrc",
    ]
    .iter()
    .map(|f| home.join(f))
    .filter(|p| p.is_file())
    .collect()
}

/// The files to read: those given, the Thunderbird profiles asked for, or
/// (neither given) the usual files and every Thunderbird profile.
fn files_to_read(args: &CheckArgs, lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut files = args.files.clone();
    let profiles = |dir: Option<&Path>| -> Vec<PathBuf> {
        match dir {
            None => thunderbird::find_profiles()
                .into_iter()
                .map(|p| p.path)
                .collect(),
            Some(dir) => vec![dir.to_path_buf()],
        }
    };
    match &args.thunderbird {
        Some(dir) => {
            let found = profiles(dir.as_deref());
            if found.is_empty() {
                return Err(msg!(
                    lang,
                    "check-no-thunderbird-profile",
                    option = "--thunderbird",
                    ini = "profiles.ini",
                    folder = "~/.thunderbird",
                    example = "--thunderbird=PATH"
                ));
            }
            files.extend(found);
        }
        None if files.is_empty() => {
            if let Some(base) = directories::BaseDirs::new() {
                files.extend(usual_files(base.home_dir()));
            }
            files.extend(profiles(None));
            if files.is_empty() {
                return Err(msg!(
                    lang,
                    "check-nothing-to-check",
                    files = "~/.fetchmailrc, ~/.msmtprc, ~/.muttrc, ~/.getmail/getmailrc"
                ));
            }
        }
        None => {}
    }
    Ok(files)
}

fn usage(lang: Lang, msg: impl std::fmt::Display) -> u8 {
    crate::cli::complain(lang, "mailconf check", &msg.to_string());
    EXIT_USAGE
}

/// Runs `mailconf check`.
pub fn run(args: CheckArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let color = super::use_color(stdout.is_terminal());
    let mut out = super::PipeOut::new(stdout.lock());
    let code = execute(&args, lang, &mut out, color)?;
    Ok(ExitCode::from(code))
}

/// [`run`] with an explicit output; returns the exit code.
pub fn execute(
    args: &CheckArgs,
    lang: Lang,
    out: &mut dyn Write,
    color: bool,
) -> anyhow::Result<u8> {
    let files = match files_to_read(args, lang) {
        Ok(f) => f,
        Err(e) => return Ok(usage(lang, e)),
    };
    let options = match super::probe::check_options(&args.probe_args(), lang) {
        Ok(o) => o,
        Err(e) => return Ok(usage(lang, e)),
    };
    let loaded: Vec<(PathBuf, Result<_, ReadError>)> = files
        .into_iter()
        .map(|p| {
            let r = crate::existing::read(&p);
            (p, r)
        })
        .collect();
    let fixing = loaded.iter().filter(|(_, l)| l.is_ok()).count();
    if args.output.is_some() && fixing != 1 {
        return Ok(usage(lang, msg!(lang, "check-output-one-file")));
    }
    let db = Arc::new(super::load_database(lang));
    let mut check = ExistingCheck::new(
        db.clone(),
        loaded,
        ExistingOptions {
            login: args.login,
            consents: args.allow_insecure_auth.clone(),
        },
    );
    let (mut handle, events) = CheckHandle::new(db, options)?;
    // --password-stdin or --password-env: read once, given to every account
    // whose file holds no password.
    let given = args.password_stdin || args.password_env.is_some();
    let mut read_once: Option<SecretString> = None;
    let mut ask = |a: &crate::existing::Account| {
        let who = crate::check::existing::login_name(a)
            .map(|u| ServerText::new(u).to_string())
            .unwrap_or_default();
        if let Some(p) = &read_once {
            return Some(SecretString::from(p.expose_secret().to_owned()));
        }
        match read_password(
            PasswordSource {
                stdin: args.password_stdin,
                env: args.password_env.as_deref(),
            },
            &who,
            lang,
        ) {
            Ok(p) => {
                if given {
                    read_once = Some(SecretString::from(p.expose_secret().to_owned()));
                }
                Some(p)
            }
            Err(e) => {
                crate::cli::complain(
                    lang,
                    "mailconf check",
                    &msg!(
                        lang,
                        "existing-login-not-tested",
                        who = who.as_str(),
                        error = e
                    ),
                );
                None
            }
        }
    };
    while let Some((r, request)) = check.next_request(&mut ask) {
        if !args.json
            && let Some(a) = check.account(r)
        {
            crate::cli::complain(
                lang,
                "mailconf check",
                &msg!(
                    lang,
                    "existing-testing",
                    host = ServerText::new(&a.host.value).to_string(),
                    port = a.port.value
                ),
            );
        }
        if let Err(e) = handle.start(request) {
            check.record(Err(Arc::new(e)));
            continue;
        }
        loop {
            match events.recv() {
                Some(CheckEvent::Finished { summary, .. }) => {
                    check.record(Ok(summary));
                    break;
                }
                Some(CheckEvent::Failed { error, .. }) => {
                    check.record(Err(error));
                    break;
                }
                Some(_) => {}
                None => {
                    crate::cli::complain(
                        lang,
                        "mailconf check",
                        &crate::i18n::msg!(lang, "check-ended-without-answer"),
                    );
                    return Ok(EXIT_ERROR);
                }
            }
        }
    }
    let mut fixes: Vec<Option<FixReport>> = vec![None; check.files.len()];
    let mut write_failed = false;
    if args.fix {
        for (i, slot) in fixes.iter_mut().enumerate() {
            let (report, failed) = fix_file(args, &check, i, lang);
            *slot = report;
            write_failed |= failed;
        }
    }
    let style = Style {
        color,
        lang,
        width: crate::cli::layout::terminal_width(),
        port_map: args.port_map.iter().copied().collect(),
    };
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &check.document(&fixes))?;
        writeln!(out)?;
    } else {
        let mut wrapped = crate::cli::layout::Wrapped::new(&mut *out, style.width);
        print_human(&mut wrapped, &style, args, &check, &fixes)?;
    }
    out.flush()?;
    Ok(if write_failed {
        EXIT_ERROR
    } else {
        check.exit_code()
    })
}

/// Writes file `i`'s fix, when it has corrections; the report and whether
/// writing failed.
fn fix_file(
    args: &CheckArgs,
    check: &ExistingCheck,
    i: usize,
    lang: Lang,
) -> (Option<FixReport>, bool) {
    let Some(Ok(loaded)) = check.files.get(i).map(|f| &f.loaded) else {
        return (None, false);
    };
    let wants = check.corrections(i);
    if wants.is_empty() {
        return (None, false);
    }
    let fixed = match loaded.fix_all(&wants) {
        Ok(f) => f,
        Err(e) => {
            let e = crate::existing::WriteError::from(e);
            return (Some(FixReport::of(None, None, Some((&e, lang)))), true);
        }
    };
    if fixed.changes.is_empty() {
        return (Some(FixReport::of(Some(&fixed), None, None)), false);
    }
    let dest = match (&args.output, args.force) {
        (Some(p), _) => Destination::Path(p.clone()),
        (None, true) => Destination::ReplaceOriginal,
        (None, false) => Destination::NextToOriginal,
    };
    match loaded.write_fixed(&fixed, &dest, args.force) {
        Ok(path) => (Some(FixReport::of(Some(&fixed), Some(path), None)), false),
        Err(e) => (
            Some(FixReport::of(Some(&fixed), None, Some((&e, lang)))),
            true,
        ),
    }
}

fn print_human(
    out: &mut dyn Write,
    style: &Style,
    args: &CheckArgs,
    check: &ExistingCheck,
    fixes: &[Option<FixReport>],
) -> anyhow::Result<()> {
    let lang = style.lang;
    for (fi, f) in check.files.iter().enumerate() {
        let path = ServerText::new(&f.path.display().to_string());
        let loaded = match &f.loaded {
            Ok(l) => l,
            Err(e) => {
                writeln!(
                    out,
                    "== {path} ==\n  ✗ {}\n",
                    ServerText::new(&e.describe(lang))
                )?;
                continue;
            }
        };
        writeln!(
            out,
            "== {} ==",
            msg!(
                lang,
                "in-parens",
                text = path.as_str(),
                aside = loaded.kind.label(lang)
            )
        )?;
        if loaded.accounts.is_empty() {
            writeln!(out, "  {}", msg!(lang, "existing-no-account"))?;
        }
        for (ai, a) in loaded.accounts.iter().enumerate() {
            writeln!(
                out,
                "\n{}",
                msg!(
                    lang,
                    "existing-account",
                    name = ServerText::new(&a.name).to_string(),
                    line = a.line,
                    protocol = a.protocol.label()
                )
            )?;
            writeln!(out, "  {}", crate::check::existing::file_says(a, lang))?;
            let r = AccountRef {
                file: fi,
                account: ai,
            };
            let Some(result) = check.result(r) else {
                if !a.active {
                    writeln!(out, "  {}", msg!(lang, "existing-not-used"))?;
                }
                continue;
            };
            if let Some(summary) = &result.summary {
                writeln!(out, "  {}", msg!(lang, "existing-network-says"))?;
                let endpoints: Vec<_> = summary
                    .endpoints
                    .iter()
                    .map(|e| e.endpoint.clone())
                    .collect();
                style.header(out, &endpoints)?;
                let columns = style.columns(&endpoints);
                for rep in &summary.endpoints {
                    style.row(out, rep, &columns)?;
                    style.login_line(out, rep)?;
                }
            }
            let mark = match &result.verdict {
                AccountVerdict::Works => "✓",
                v @ AccountVerdict::Insecure { .. } if v.cannot_log_in() => "✗",
                AccountVerdict::Insecure { .. } => "!",
                AccountVerdict::Unknown { .. } => "?",
                _ => "✗",
            };
            writeln!(
                out,
                "\n  {mark} {}",
                msg!(
                    lang,
                    "existing-verdict",
                    verdict = result.verdict.label(lang)
                )
            )?;
            writeln!(out, "    {}", explain_in(a, result, lang))?;
            if let Some(e) = &result.error {
                writeln!(out, "    {}", ServerText::new(&e.text(lang)))?;
            }
            if let Some(h) = history_note(result) {
                writeln!(
                    out,
                    "    {}",
                    msg!(lang, "existing-what-changed", change = h.get(lang))
                )?;
            }
            if let Some(summary) = &result.summary {
                style.advice(out, summary)?;
                if args.transcript {
                    for rep in &summary.endpoints {
                        writeln!(out, "\n== {} ==\n{}", rep.endpoint, rep.transcript)?;
                    }
                }
            }
        }
        if !loaded.notes.is_empty() {
            writeln!(
                out,
                "\n  {}",
                msg!(
                    lang,
                    "existing-lines-not-read-count",
                    count = loaded.notes.len() + loaded.notes_left_out
                )
            )?;
            for n in &loaded.notes {
                writeln!(out, "    {}", crate::check::existing::note_line(n, lang))?;
            }
            if loaded.notes_left_out > 0 {
                writeln!(out, "    … +{}", loaded.notes_left_out)?;
            }
        }
        match fixes.get(fi).cloned().flatten() {
            Some(fix) => print_fix(out, lang, loaded.kind, &fix)?,
            None if !args.fix && !check.corrections(fi).is_empty() => {
                writeln!(out, "\n  {}", msg!(lang, "existing-run-with-fix"))?
            }
            None => {}
        }
        writeln!(out)?;
    }
    Ok(())
}

fn print_fix(out: &mut dyn Write, lang: Lang, kind: Kind, fix: &FixReport) -> std::io::Result<()> {
    if fix.changes.is_empty() && fix.error.is_none() {
        return writeln!(out, "\n  {}", msg!(lang, "existing-nothing-to-change"));
    }
    writeln!(out, "\n  {}", msg!(lang, "existing-changes"))?;
    for c in &fix.changes {
        writeln!(
            out,
            "    {}",
            crate::check::existing::change_line(lang, c.line, c.what, &c.before, &c.after)
        )?;
    }
    if let Some(e) = fix.error_text.as_ref().or(fix.error.as_ref()) {
        writeln!(
            out,
            "  ✗ {}",
            msg!(lang, "existing-not-written", error = e.to_string())
        )?;
    }
    if let Some(p) = &fix.written {
        let path = p.to_string();
        let written = if crate::check::existing::fix_is_fragment(kind) {
            msg!(lang, "existing-fragment-written", path = path)
        } else {
            msg!(lang, "existing-fixed-written", path = path)
        };
        writeln!(out, "  ✓ {written}")?;
    }
    for (i, s) in fix.steps.iter().enumerate() {
        writeln!(out, "    {}. {}", i + 1, s.get(lang))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser as _;

    fn check_args(args: &[&str]) -> Result<super::CheckArgs, clap::Error> {
        let cli = Cli::try_parse_from(["mailconf", "check"].iter().chain(args))?;
        match cli.command {
            Some(Command::Check(a)) => Ok(a),
            other => panic!("{other:?}"),
        }
    }

    /// `--thunderbird` without a folder (the profiles profiles.ini lists), then
    /// another option: it used to be refused ("a value is required"), since
    /// the empty default was not a path clap accepts.
    #[test]
    fn thunderbird_without_a_folder_is_accepted_before_other_options() {
        let a = check_args(&["--thunderbird", "--fix"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.fix);
        assert_eq!(a.thunderbird, Some(None));
        let a = check_args(&["--thunderbird"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.thunderbird, Some(None));
        let a = check_args(&["--thunderbird=/p", "a"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.thunderbird, Some(Some("/p".into())));
        assert_eq!(a.files, [std::path::PathBuf::from("a")]);
        // Without `=`, a path after the flag is a file to check, not the profile.
        let a = check_args(&["--thunderbird", "a"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.thunderbird, Some(None));
        assert_eq!(check_args(&[]).unwrap().thunderbird, None);
    }
}
