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
use crate::discover::translate::localize;
use crate::discover::{
    self, Candidate, DiscoverOptions, Discovery, Finding, Outcome, PortMap, SourceState,
};
use crate::i18n::Lang;
use crate::providers::Address;
use crate::providers::describe::{self, pick};
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
            eprintln!("mailconf: {e}");
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
            eprintln!(
                "mailconf: --ispdb-url {ispdb:?} must be an https:// URL (http:// only with --allow-http)"
            );
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    }
    let extra_roots = match super::args::ca_file(args.ca_file.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mailconf: {e}");
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
            None => anyhow::bail!("the lookup ended without an answer"),
        }
    };
    let mut out = super::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&*d)?)?;
    } else {
        print_human(&mut out, &d, lang)?;
    }
    out.flush()?;
    Ok(match d.outcome {
        Outcome::Found => ExitCode::SUCCESS,
        Outcome::NothingFound | Outcome::DeadlineReached => ExitCode::from(EXIT_NEGATIVE),
        Outcome::DnsUnreachable => {
            eprintln!("mailconf: {}", d.message);
            ExitCode::from(EXIT_ERROR)
        }
    })
}

fn source_state(s: SourceState, lang: Lang) -> &'static str {
    match s {
        SourceState::Found => pick(lang, ("found", "找到", "找到")),
        SourceState::Nothing => pick(lang, ("nothing", "无", "無")),
        SourceState::Failed => pick(lang, ("failed", "失败", "失敗")),
        SourceState::NotNeeded => pick(lang, ("not needed", "无需等待", "無需等待")),
        SourceState::TimedOut => pick(lang, ("timed out", "超时", "逾時")),
    }
}

/// The label of a finding that rests on DNS answers nothing authenticated.
fn unauthenticated(lang: Lang) -> &'static str {
    pick(
        lang,
        (
            "found through DNS (not authenticated): anyone on the network path could have forged it; compare with your provider's own instructions",
            "通过 DNS 找到（未经认证）：网络路径上的任何人都可能伪造它；请与服务商自己的说明核对",
            "透過 DNS 找到（未經認證）：網路路徑上的任何人都可能偽造它；請與服務商自己的說明核對",
        ),
    )
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
            "{indent}{:<5} {:<32} {} {} {}",
            s.protocol.label(),
            hp,
            pad(describe::security(s.security, lang), 9),
            pick(lang, ("username:", "用户名：", "使用者名稱：")),
            describe::username_form(s.username, lang)
        )?;
        if c.provenance != f.provenance {
            write!(out, "  [{}]", localize(c.provenance.as_str(), lang))?;
        }
        writeln!(out)?;
        if let Some(v) = &c.verified {
            let word = if v.ok {
                pick(lang, ("answered:", "已应答：", "已回應："))
            } else {
                pick(lang, ("check failed:", "检查失败：", "檢查失敗："))
            };
            writeln!(
                out,
                "{indent}      {word} {}",
                localize(v.detail.as_str(), lang)
            )?;
        }
    }
    Ok(())
}

fn print_human(out: &mut impl Write, d: &Discovery, lang: Lang) -> anyhow::Result<()> {
    let shown = if d.domain_unicode != d.domain {
        format!("{} ({})", d.domain_unicode, d.domain)
    } else {
        d.domain.clone()
    };
    writeln!(out, "{}", d.address)?;
    let secs = d.timeout_ms as f64 / 1000.0;
    let headline = match (&d.outcome, &d.best) {
        (Outcome::Found, Some(b)) => match lang {
            Lang::En => format!("Found by {}", b.provenance),
            Lang::ZhHans => format!("来源：{}", localize(b.provenance.as_str(), lang)),
            Lang::ZhHant => format!("來源：{}", localize(b.provenance.as_str(), lang)),
        },
        (Outcome::DeadlineReached, _) => match lang {
            Lang::En => format!("Nothing found for {shown} within the {secs} s deadline."),
            Lang::ZhHans => format!("在 {secs} 秒的时限内未找到 {shown} 的设置。"),
            Lang::ZhHant => format!("在 {secs} 秒的時限內未找到 {shown} 的設定。"),
        },
        (Outcome::DnsUnreachable, _) => match lang {
            Lang::En => format!("Nothing found for {shown}: the DNS server cannot be reached."),
            Lang::ZhHans => format!("未找到 {shown} 的设置：无法连接 DNS 服务器。"),
            Lang::ZhHant => format!("未找到 {shown} 的設定：無法連線 DNS 伺服器。"),
        },
        _ if d.sources.iter().any(|s| s.state == SourceState::Failed) => match lang {
            Lang::En => format!(
                "Nothing found for {shown}: no source had settings, some could not be asked (see below)."
            ),
            Lang::ZhHans => {
                format!("未找到 {shown} 的设置：没有来源提供设置，部分来源无法访问（见下文）。")
            }
            Lang::ZhHant => {
                format!("未找到 {shown} 的設定：沒有來源提供設定，部分來源無法存取（見下文）。")
            }
        },
        _ => match lang {
            Lang::En => {
                format!("Nothing found for {shown}: every source answered, none had settings.")
            }
            Lang::ZhHans => format!("未找到 {shown} 的设置：所有来源均已回答，都没有可用设置。"),
            Lang::ZhHant => format!("未找到 {shown} 的設定：所有來源均已回覆，都沒有可用設定。"),
        },
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
        writeln!(
            out,
            "  {}",
            pick(lang, ("Alternatives:", "备选：", "備選："))
        )?;
        for f in &d.alternatives {
            writeln!(
                out,
                "    {} ({})",
                localize(f.provenance.as_str(), lang),
                f.source.as_str()
            )?;
            if f.dns_unauthenticated {
                writeln!(out, "    {}", unauthenticated(lang))?;
            }
            print_candidates(out, f, "      ", lang)?;
        }
    }
    if !d.ignored.is_empty() {
        writeln!(
            out,
            "  {}",
            pick(lang, ("Ignored:", "已忽略：", "已忽略："))
        )?;
        for i in &d.ignored {
            writeln!(out, "    {}", i.what)?;
            writeln!(out, "      {}", localize(i.reason.as_str(), lang))?;
        }
    }
    writeln!(
        out,
        "  {}",
        pick(lang, ("Sources:", "各来源：", "各來源："))
    )?;
    for s in &d.sources {
        writeln!(
            out,
            "    {:<16} {} {}",
            s.source.as_str(),
            pad(source_state(s.state, lang), 10),
            localize(s.detail.as_ref().map_or("", |d| d.as_str()), lang)
        )?;
    }
    Ok(())
}
