//! `mailconf discover <address>`: find settings for any address, and say where
//! each came from.
//!
//! Exit codes: 0 settings found; 1 nothing found (every source answered, or the
//! deadline passed); 2 usage (bad flags, malformed address); 3 the DNS server
//! could not be reached (or discovery could not start). `--json` prints the
//! [`Discovery`] document described in `docs/discover-json.md` in every case
//! where discovery ran.

use super::pad;
use super::{EXIT_ERROR, EXIT_NEGATIVE, EXIT_USAGE};
use crate::discover::{
    self, Candidate, DiscoverOptions, Discovery, Finding, Outcome, PortMap, SourceState,
};
use crate::i18n::Lang;
use crate::i18n::msg;
use crate::providers::Address;
use crate::providers::describe;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// `mailconf discover …`
#[derive(Debug, clap::Args)]
pub struct DiscoverArgs {
    /// The address, e.g. `alice@example.com` or `用户@例子.中国`.
    #[arg(required_unless_present = "print_schema")]
    pub address: Option<String>,

    /// Print the JSON Schema of the `--json` output and exit.
    #[arg(long, exclusive = true)]
    pub print_schema: bool,

    /// Print the result as JSON (see docs/discover-json.md).
    #[arg(long)]
    pub json: bool,

    /// DNS server to ask instead of the system's: IP or IP:PORT (UDP and TCP).
    #[arg(long, value_name = "HOST:PORT", value_parser = crate::dns::parse_server)]
    pub dns: Option<SocketAddr>,

    /// Use the bundled database (and your own provider files) only; no network.
    #[arg(long)]
    pub no_network_sources: bool,

    /// The one deadline shared by every source, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = super::args::parse_seconds)]
    pub timeout: Duration,

    /// Also trust the CA certificates in this PEM file (HTTPS and TLS checks).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// Base URL of the Thunderbird ISPDB (`<URL><domain>` is fetched).
    #[arg(long, value_name = "URL", default_value = discover::DEFAULT_ISPDB_URL)]
    pub ispdb_url: String,

    /// Do not ask the ISPDB.
    #[arg(long)]
    pub no_ispdb: bool,

    /// Also fetch autoconfig over plain HTTP and follow redirects to it (unsafe:
    /// anyone on the network path can change the answer).
    #[arg(long)]
    pub allow_http: bool,

    /// Connect to port TO wherever port FROM is meant (tests, port forwarding);
    /// applies to checked mail ports and to HTTPS/HTTP (443/80). Repeatable.
    #[arg(long = "port-map", value_name = "FROM=TO", value_parser = PortMap::parse_pair)]
    pub port_map: Vec<(u16, u16)>,

    /// Do not guess host names (pop., imap., smtp., mail.).
    #[arg(long)]
    pub no_guess: bool,

    /// Wait for every source (up to the deadline) to list all alternatives.
    #[arg(long)]
    pub all_sources: bool,
}

/// Runs `mailconf discover`.
pub fn run(args: DiscoverArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if args.print_schema {
        write!(super::stdout(), "{}", discover::json_schema())?;
        return Ok(ExitCode::SUCCESS);
    }
    let address = match Address::parse(args.address.as_deref().unwrap_or_default()) {
        Ok(a) => a,
        Err(e) => {
            crate::cli::complain(lang, "mailconf", &e.text(lang));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let mut ispdb = args.ispdb_url.trim().to_owned();
    if !ispdb.ends_with('/') {
        ispdb.push('/');
    }
    match reqwest::Url::parse(&ispdb) {
        Ok(u) if u.scheme() == "https" || (u.scheme() == "http" && args.allow_http) => {}
        _ => {
            crate::cli::complain(
                lang,
                "mailconf",
                &msg!(
                    lang,
                    "discover-ispdb-url-not-https",
                    option = "--ispdb-url",
                    url = crate::server_text::ServerText::new(&ispdb).to_string(),
                    https = "https://",
                    http = "http://",
                    allow = "--allow-http"
                ),
            );
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    }
    let extra_roots = match super::args::ca_file(args.ca_file.as_deref(), lang) {
        Ok(c) => c,
        Err(e) => {
            crate::cli::complain(lang, "mailconf", &e.to_string());
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let opts = DiscoverOptions {
        timeout: args.timeout,
        network: !args.no_network_sources,
        allow_http: args.allow_http,
        ispdb_url: (!args.no_ispdb).then_some(ispdb),
        extra_roots,
        port_map: PortMap(args.port_map.iter().copied().collect()),
        guess: !args.no_guess,
        wait_for_all: args.all_sources,
        sources: None,
    };
    let probe = crate::probe::ProbeOptions {
        port_map: opts.port_map.0.clone(),
        extra_roots: opts.extra_roots.clone(),
        ..crate::probe::ProbeOptions::default()
    };
    let db = Arc::new(super::load_database(lang));
    // Guessed servers are checked by the probe engine itself (the check layer).
    let (mut handle, events) = crate::check::CheckHandle::new(
        db,
        crate::check::CheckOptions {
            probe,
            discover: opts,
            dns: args.dns,
            discovery: true,
        },
    )?;
    handle.discover(&address);
    let d = loop {
        match events.recv() {
            Some(crate::check::CheckEvent::LookedUp { discovery, .. }) => break discovery,
            Some(_) => {}
            None => anyhow::bail!("{}", msg!(lang, "check-ended-without-answer")),
        }
    };
    let mut out = super::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&*d)?)?;
    } else {
        let width = super::layout::terminal_width();
        print_human(&mut super::layout::Wrapped::new(&mut out, width), &d, lang)?;
    }
    out.flush()?;
    Ok(match d.outcome {
        Outcome::Found => ExitCode::SUCCESS,
        Outcome::NothingFound | Outcome::DeadlineReached => ExitCode::from(EXIT_NEGATIVE),
        Outcome::DnsUnreachable => {
            crate::cli::complain(lang, "mailconf", &d.message.text(lang));
            ExitCode::from(EXIT_ERROR)
        }
    })
}

fn source_state(s: SourceState, lang: Lang) -> String {
    match s {
        SourceState::Found => msg!(lang, "discover-state-found"),
        SourceState::Nothing => msg!(lang, "discover-state-nothing"),
        SourceState::Failed => msg!(lang, "discover-state-failed"),
        SourceState::NotNeeded => msg!(lang, "discover-state-not-needed"),
        SourceState::TimedOut => msg!(lang, "discover-state-timed-out"),
    }
}

/// The label of a finding that rests on DNS answers nothing authenticated.
fn unauthenticated(lang: Lang) -> String {
    msg!(lang, "discover-unauthenticated")
}

fn print_candidates(
    out: &mut impl Write,
    f: &Finding,
    indent: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let all: Vec<&Candidate> = f.incoming.iter().chain(&f.outgoing).collect();
    for c in all {
        let s = &c.server;
        let hp = format!("{}:{}", s.host, s.port);
        write!(
            out,
            "{indent}{:<5} {:<32} {} {}",
            s.protocol.label(),
            hp,
            pad(&describe::security(s.security, lang), 9),
            msg!(
                lang,
                "discover-username",
                form = describe::username_form(s.username, lang)
            )
        )?;
        if c.provenance != f.provenance {
            write!(out, "  [{}]", c.provenance.text(lang))?;
        }
        writeln!(out)?;
        if let Some(v) = &c.verified {
            let detail = v.detail.text(lang).to_string();
            let line = if v.ok {
                msg!(lang, "discover-answered", detail = detail)
            } else {
                msg!(lang, "discover-check-failed", detail = detail)
            };
            writeln!(out, "{indent}      {line}")?;
        }
    }
    Ok(())
}

/// The human listing of a discovery (what `mailconf discover` prints), for
/// a writer the caller wraps to the terminal.
pub fn print_human(out: &mut impl Write, d: &Discovery, lang: Lang) -> anyhow::Result<()> {
    let shown = if d.domain_unicode != d.domain {
        format!("{} ({})", d.domain_unicode, d.domain)
    } else {
        d.domain.clone()
    };
    writeln!(out, "{}", d.address)?;
    let secs = (d.timeout_ms as f64 / 1000.0).to_string();
    let domain = shown.as_str();
    let headline = match (&d.outcome, &d.best) {
        (Outcome::Found, Some(b)) => msg!(
            lang,
            "discover-found",
            provenance = b.provenance.text(lang).to_string()
        ),
        (Outcome::DeadlineReached, _) => {
            msg!(lang, "discover-deadline", domain = domain, secs = secs)
        }
        (Outcome::DnsUnreachable, _) => msg!(lang, "discover-dns-unreachable", domain = domain),
        _ if d.sources.iter().any(|s| s.state == SourceState::Failed) => {
            msg!(lang, "discover-some-failed", domain = domain)
        }
        _ => msg!(lang, "discover-all-answered", domain = domain),
    };
    writeln!(out, "  {headline}")?;
    if d.best.as_ref().is_some_and(|b| b.dns_unauthenticated) {
        writeln!(out, "  {}", unauthenticated(lang))?;
    }
    if let Some(b) = &d.best {
        if let Some(p) = &b.provider {
            writeln!(
                out,
                "  {} [{}] · {} · {}",
                p.name.get(lang),
                p.id,
                describe::status(&p.status, lang),
                describe::auth_kind(p.auth.kind, lang)
            )?;
        }
        print_candidates(out, b, "    ", lang)?;
    }
    if !d.alternatives.is_empty() {
        writeln!(out, "  {}", msg!(lang, "discover-alternatives"))?;
        for f in &d.alternatives {
            writeln!(
                out,
                "    {} ({})",
                f.provenance.text(lang),
                f.source.as_str()
            )?;
            if f.dns_unauthenticated {
                writeln!(out, "    {}", unauthenticated(lang))?;
            }
            print_candidates(out, f, "      ", lang)?;
        }
    }
    if !d.ignored.is_empty() {
        writeln!(out, "  {}", msg!(lang, "discover-ignored"))?;
        for i in &d.ignored {
            writeln!(out, "    {}", i.what.text(lang))?;
            writeln!(out, "      {}", i.reason.text(lang))?;
        }
    }
    writeln!(out, "  {}", msg!(lang, "discover-sources"))?;
    for s in &d.sources {
        writeln!(
            out,
            "    {:<16} {} {}",
            s.source.as_str(),
            pad(&source_state(s.state, lang), 10),
            s.detail
                .as_ref()
                .map(|d| d.text(lang).to_string())
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
