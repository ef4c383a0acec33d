//! `mailconf export …`: write an account's settings for a mail client.
//!
//! The settings come from the provider database, or from discovery for an
//! address the database does not know (through the check layer, as `probe`
//! does); with `--probe`, from the endpoints the check's summary recommends.
//! Output goes to stdout unless `-o FILE` is given; files are
//! written atomically and never over an existing file without `--force`. A password
//! is never taken as an argument (it would show in `ps` and the shell history):
//! `--include-password` reads it from stdin, an environment variable, or a no-echo
//! prompt on a terminal, and the file is then written owner-only (0600).
//!
//! Exit codes: 0 written; 1 no provider found, or nothing secure/usable to export;
//! 2 usage (missing address for this format, password options, bad values);
//! 3 could not write (file exists without `--force`, I/O error).

use super::pad;
use super::{EXIT_ERROR, EXIT_NEGATIVE, EXIT_USAGE};
use crate::export::output::{check_target, is_stdout, write_atomic};
use crate::export::{AccountSettings, ExportError, ExportOptions, Format, preferred_incoming};
use crate::i18n::{Lang, msg};
use crate::providers::{Localized, Protocol};
use clap::{ArgAction, ValueEnum};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// `mailconf export <address|provider> --format <name> [-o FILE]`
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The mail address (`zhang@163.com`), or a provider id or domain (`163`,
    /// `qq.com`) for a template with placeholders where the format has them.
    #[arg(
        required_unless_present = "list_formats",
        value_name = "ADDRESS|PROVIDER"
    )]
    pub query: Option<String>,

    /// Output format (see --list-formats).
    #[arg(long, short, value_enum, required_unless_present = "list_formats")]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (`-` or `/dev/stdout`).
    /// Refuses to replace an existing file unless --force; never replaces a
    /// link, a device, a FIFO or a directory.
    #[arg(long, short, value_name = "FILE", default_value = "-")]
    pub output: String,

    /// Put the password into the file (asked for without echo, or see
    /// --password-stdin / --password-env). The file is written owner-only (0600).
    #[arg(long)]
    pub include_password: bool,

    /// Read the password from the first line of standard input.
    #[arg(long, requires = "include_password", conflicts_with = "password_env")]
    pub password_stdin: bool,

    /// Read the password from environment variable VAR.
    #[arg(long, value_name = "VAR", requires = "include_password")]
    pub password_env: Option<String>,

    /// Leave mail on the server after downloading (default: yes). Use
    /// --leave-on-server=false to delete downloaded mail from the server.
    #[arg(
        long,
        value_name = "BOOL",
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_value_t = true,
        default_missing_value = "true"
    )]
    pub leave_on_server: bool,

    /// Incoming protocol (default: the provider's preferred one).
    #[arg(long, value_enum)]
    pub protocol: Option<IncomingProtocol>,

    /// Your name as it appears in the From: line (may be Chinese).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,

    /// A CA bundle (PEM) for servers whose certificate your organisation's own
    /// CA signed. mailconf trusts it in addition to the built-in roots when it
    /// tests the servers (--probe) and when it discovers an address the
    /// database does not know. The written file names it where the client has
    /// a setting for it: fetchmail (sslcertfile), getmail (ca_certs) and msmtp
    /// (tls_trust_file), which then verify the servers with this file; the
    /// other formats have no such setting.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// DNS server to ask instead of the system's (IP or IP:PORT), for
    /// discovering an address the database does not know and for `--probe`.
    #[arg(long, value_name = "HOST:PORT", value_parser = crate::dns::parse_server)]
    pub dns: Option<std::net::SocketAddr>,

    /// Test the servers first and export what the check verified (the endpoint
    /// it recommends per protocol) instead of the database's settings. With
    /// --include-password the login is tested too, and a rejected password is
    /// an error.
    #[arg(long)]
    pub probe: bool,

    /// With --probe: use this address for a host name instead of DNS (`host:addr`).
    #[arg(long, value_name = "HOST:ADDR", requires = "probe", value_parser = super::args::parse_resolve)]
    pub resolve: Vec<(String, std::net::IpAddr)>,

    /// With --probe: connect to other ports than the standard ones (`995=10995,…`).
    #[arg(long, value_delimiter = ',', value_name = "PORT=PORT", requires = "probe", value_parser = crate::discover::PortMap::parse_pair)]
    pub port_map: Vec<(u16, u16)>,

    /// List the formats and exit.
    #[arg(long, conflicts_with_all = ["query", "format", "include_password", "force"])]
    pub list_formats: bool,

    /// With --list-formats: print JSON.
    #[arg(long, requires = "list_formats")]
    pub json: bool,
}

/// `--protocol` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IncomingProtocol {
    /// POP3: download mail (and keep it on the server by default).
    Pop3,
    /// IMAP: work with the mail on the server.
    Imap,
}

impl From<IncomingProtocol> for Protocol {
    fn from(p: IncomingProtocol) -> Self {
        match p {
            IncomingProtocol::Pop3 => Protocol::Pop3,
            IncomingProtocol::Imap => Protocol::Imap,
        }
    }
}

fn usage(lang: Lang, msg: impl std::fmt::Display) -> ExitCode {
    crate::cli::complain(lang, "mailconf", &msg.to_string());
    ExitCode::from(EXIT_USAGE)
}

fn export_error(e: &ExportError, lang: Lang) -> ExitCode {
    crate::cli::complain(lang, "mailconf", &e.text(lang));
    ExitCode::from(if e.is_negative() {
        EXIT_NEGATIVE
    } else if e.is_usage() {
        EXIT_USAGE
    } else {
        EXIT_ERROR
    })
}

/// Runs `mailconf export`.
pub fn run(args: ExportArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if args.list_formats {
        return list_formats(args.json, lang);
    }
    let (Some(query), Some(format)) = (args.query.as_deref(), args.format) else {
        // clap enforces both; keep a clear message should that change.
        return Ok(usage(lang, msg!(lang, "export-needs-query-and-format")));
    };

    let db = std::sync::Arc::new(super::load_database(lang));
    let check_options = match export_check_options(&args, lang) {
        Ok(o) => o,
        Err(e) => return Ok(usage(lang, e)),
    };
    let (mut handle, events) = crate::check::CheckHandle::new(db, check_options)?;
    // An address the database does not know is discovered, as `probe` does.
    let (plan, _) = match handle.plan_blocking(query, &[]) {
        Ok(p) => p,
        Err(crate::check::PlanError::Discontinued { name, year, .. }) => {
            crate::cli::complain(
                lang,
                "mailconf",
                &msg!(
                    lang,
                    "export-discontinued",
                    provider = name.get(lang),
                    year = year.to_string()
                ),
            );
            return Ok(ExitCode::from(EXIT_NEGATIVE));
        }
        Err(e) => {
            crate::cli::complain(
                lang,
                "mailconf",
                &crate::check::CheckError::Plan(e.clone()).text(lang),
            );
            return Ok(ExitCode::from(match e {
                crate::check::PlanError::Invalid(_) => EXIT_USAGE,
                _ => EXIT_NEGATIVE,
            }));
        }
    };
    let Some(provider) = plan.settings_provider().cloned() else {
        crate::cli::complain(
            lang,
            "mailconf",
            &msg!(lang, "export-unknown-provider", query = query),
        );
        return Ok(ExitCode::from(EXIT_NEGATIVE));
    };
    let Some(protocol) = args
        .protocol
        .map(Protocol::from)
        .or_else(|| preferred_incoming(&provider))
    else {
        crate::cli::complain(
            lang,
            "mailconf",
            &msg!(
                lang,
                "export-no-encrypted-incoming",
                provider = provider.name.get(lang)
            ),
        );
        return Ok(ExitCode::from(EXIT_NEGATIVE));
    };
    let mut settings =
        match AccountSettings::from_provider(&provider, plan.address.as_ref(), protocol) {
            Ok(s) => s,
            Err(e) => return Ok(export_error(&e, lang)),
        };
    if let crate::check::TargetSource::Discovered { provenance } = &plan.source {
        settings.verified = crate::export::settings::Verification::Discovered {
            provenance: provenance.clone(),
        };
        crate::cli::complain(
            lang,
            "mailconf",
            &crate::i18n::msg!(
                lang,
                "status-discovered",
                provenance = provenance.text(lang).to_string()
            ),
        );
    }
    settings.display_name = args.name.clone();
    settings.leave_on_server = args.leave_on_server;

    let options = ExportOptions {
        ca_file: args.ca_file.clone(),
        ..ExportOptions::default()
    };
    let exporter = format.exporter(&options);
    let to_stdout = is_stdout(&args.output);

    // Everything that can be refused is refused before asking for a password.
    if args.include_password {
        if !exporter.supports_password() {
            return Ok(export_error(
                &ExportError::PasswordNotSupported {
                    format: exporter.name(),
                },
                lang,
            ));
        }
        if to_stdout {
            return Ok(usage(lang, msg!(lang, "export-password-needs-file")));
        }
    }
    if !to_stdout && let Err(e) = check_target(std::path::Path::new(&args.output), args.force) {
        crate::cli::complain(lang, "mailconf", &e.text(lang));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    if let Err(e) = exporter.render(&settings, lang) {
        return Ok(export_error(&e, lang));
    }

    if args.include_password {
        let who = plan
            .address
            .as_ref()
            .map_or_else(|| query.to_owned(), |a| a.canonical());
        match super::args::read_password(
            super::args::PasswordSource {
                stdin: args.password_stdin,
                env: args.password_env.as_deref(),
            },
            &who,
            lang,
        ) {
            Ok(p) => settings.password = Some(p),
            Err(e) => return Ok(usage(lang, e)),
        }
    }
    if args.probe
        && let Err(code) = probe_into(&mut settings, &mut handle, &events, query, lang)
    {
        return Ok(code);
    }
    let text = match exporter.render(&settings, lang) {
        Ok(t) => t,
        Err(e) => return Ok(export_error(&e, lang)),
    };
    // What the file cannot set (it says so too): "the client's own default applies".
    for note in exporter.cannot_express(&settings, lang) {
        crate::cli::complain(lang, "mailconf", &note.to_string());
    }

    if to_stdout {
        let mut out = super::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let private = settings.password.is_some() || exporter.needs_private_file();
    let path = PathBuf::from(&args.output);
    match write_atomic(&path, text.as_bytes(), private, args.force) {
        Ok(()) => {}
        Err(e) => {
            crate::cli::complain(lang, "mailconf", &e.text(lang));
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    let shown = path.display().to_string();
    if settings.password.is_some() {
        eprintln!("{}", msg!(lang, "export-wrote-with-password", path = shown));
    } else {
        eprintln!("{}", msg!(lang, "export-wrote", path = shown));
    }
    eprintln!("{}", exporter.destination_for(settings.domain(), lang));
    Ok(ExitCode::SUCCESS)
}

/// One entry of `mailconf export --list-formats --json`, an array of these
/// (`docs/formats-json.md`, schema `docs/formats.schema.json`).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct FormatInfo {
    /// The name `--format` takes (`thunderbird`, `fetchmail`, …).
    pub name: String,
    /// The file name the client usually reads (`config-v1.1.xml`, `.fetchmailrc`).
    pub file_name: String,
    /// Whether the format has a place for a password (`--include-password`).
    pub password: bool,
    /// What the file is, in the three languages.
    pub description: Localized,
    /// Where the file goes in that client and how to use it, in the three languages.
    pub destination: Localized,
}

impl FormatInfo {
    fn of(format: Format, options: &ExportOptions) -> Self {
        let e = format.exporter(options);
        let three = |text: &dyn Fn(Lang) -> String| Localized {
            en: text(Lang::En),
            zh_hans: text(Lang::ZhHans),
            zh_hant: text(Lang::ZhHant),
        };
        FormatInfo {
            name: format.name().to_owned(),
            file_name: e.default_file_name().to_owned(),
            password: e.supports_password(),
            description: three(&|l| e.description(l)),
            destination: three(&|l| e.destination(l)),
        }
    }
}

/// The JSON Schema of `export --list-formats --json` (`docs/formats.schema.json`).
pub fn formats_json_schema() -> String {
    crate::providers::output_schema::<Vec<FormatInfo>>()
}

fn list_formats(as_json: bool, lang: Lang) -> anyhow::Result<ExitCode> {
    let options = ExportOptions::default();
    let mut out = super::stdout();
    if as_json {
        let v: Vec<FormatInfo> = Format::ALL
            .iter()
            .map(|f| FormatInfo::of(*f, &options))
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} {} {} {}",
        pad(&msg!(lang, "formats-col-format"), 13),
        pad(&msg!(lang, "formats-col-file"), 21),
        pad(&msg!(lang, "formats-col-password"), 9),
        msg!(lang, "formats-col-description")
    )?;
    for f in Format::ALL {
        let e = f.exporter(&options);
        let yes_no = if e.supports_password() {
            msg!(lang, "yes")
        } else {
            msg!(lang, "no")
        };
        writeln!(
            out,
            "{} {} {} {}",
            pad(f.name(), 13),
            pad(e.default_file_name(), 21),
            pad(&yes_no, 9),
            e.description(lang)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How `--probe` connects and how an unknown address is discovered.
fn export_check_options(
    args: &ExportArgs,
    lang: Lang,
) -> Result<crate::check::CheckOptions, String> {
    let mut resolve: std::collections::BTreeMap<String, Vec<std::net::IpAddr>> = Default::default();
    for (host, ip) in &args.resolve {
        resolve.entry(host.clone()).or_default().push(*ip);
    }
    let extra_roots = super::args::ca_file(args.ca_file.as_deref(), lang)?;
    Ok(crate::check::CheckOptions {
        probe: crate::probe::ProbeOptions {
            port_map: args.port_map.iter().copied().collect(),
            resolve,
            extra_roots: extra_roots.clone(),
            ..crate::probe::ProbeOptions::default()
        },
        discover: crate::discover::DiscoverOptions {
            port_map: crate::discover::PortMap(args.port_map.iter().copied().collect()),
            extra_roots,
            ..crate::discover::DiscoverOptions::default()
        },
        dns: args.dns,
        discovery: true,
    })
}

/// `--probe`: checks the servers of the chosen incoming protocol and SMTP
/// (with the login when the password is in the file), then exports the
/// endpoints the check's summary recommends. A rejected password is an error.
fn probe_into(
    settings: &mut AccountSettings,
    handle: &mut crate::check::CheckHandle,
    events: &crate::check::CheckEvents,
    query: &str,
    lang: Lang,
) -> Result<(), ExitCode> {
    use crate::check::{CheckEvent, CheckRequest, LoginSpec};
    eprintln!("{}", msg!(lang, "export-testing-servers"));
    let username = settings
        .username(&settings.incoming, "--probe")
        .map_err(|e| export_error(&e, lang))?;
    let login = settings.password.as_ref().map(|p| LoginSpec {
        username: Some(username),
        password: p.clone(),
        consents: Vec::new(),
        bearer: false,
    });
    let request = CheckRequest {
        input: query.to_owned(),
        only: vec![settings.incoming.protocol, Protocol::Smtp],
        endpoints: Vec::new(),
        login,
        provider: None,
    };
    if let Err(e) = handle.start(request) {
        crate::cli::complain(lang, "mailconf", &e.text(lang));
        return Err(ExitCode::from(if e.is_usage() {
            EXIT_USAGE
        } else {
            EXIT_NEGATIVE
        }));
    }
    let summary = loop {
        match events.recv() {
            Some(CheckEvent::Finished { summary, .. }) => break summary,
            Some(CheckEvent::Failed { error, .. }) => {
                crate::cli::complain(lang, "mailconf", &error.text(lang));
                return Err(ExitCode::from(if error.is_usage() {
                    EXIT_USAGE
                } else {
                    EXIT_NEGATIVE
                }));
            }
            Some(_) => {}
            None => {
                crate::cli::complain(
                    lang,
                    "mailconf",
                    &crate::i18n::msg!(lang, "check-ended-without-answer"),
                );
                return Err(ExitCode::from(EXIT_ERROR));
            }
        }
    };
    // A password that the servers rejected must not go into a file as if it worked.
    if settings.password.is_some()
        && !summary
            .endpoints
            .iter()
            .any(|r| r.login.as_ref().is_some_and(|l| l.result.is_success()))
    {
        for a in &summary.advice {
            crate::cli::complain(lang, "mailconf", a.text.get(lang));
        }
        crate::cli::complain(
            lang,
            "mailconf",
            &msg!(lang, "export-password-failed-everywhere"),
        );
        return Err(ExitCode::from(EXIT_NEGATIVE));
    }
    crate::export::probed::apply_probe(settings, &summary).map_err(|e| export_error(&e, lang))
}
