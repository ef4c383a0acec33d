//! `mailconf probe`: test every way in to a mail server and print the truth.
//!
//! Streams one table row per endpoint as it finishes (colour only on a
//! terminal, never with `NO_COLOR`), then the RFC 8314 recommendation; or, with
//! `--json`, one document in the format documented in `docs/probe-json.md`.
//!
//! With `--user` (or a password source and an address as the target) every
//! endpoint also tests the login; the password comes from `--password-stdin`,
//! `--password-env VAR` or a no-echo prompt, never from an argument. Advice
//! (`src/advice/`) follows the recommendation, in the user's language.
//!
//! Exit codes: 0 every requested protocol has at least one secure endpoint
//! (and, with credentials, a successful login); 1 not; 2 usage error (bad flag
//! value, unreadable CA file, nothing to probe, no password).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::discover::{DiscoverOptions, Discovery, PortMap};
use secrecy::SecretString;
use secrecy::zeroize::Zeroizing;

use super::pad;
use crate::advice::{Severity, advise};
use crate::i18n::Lang;
use crate::probe::login::{
    Credentials, InsecureAllow, LoginOutcome, LoginReport, LoginRequest, NotTriedReason,
};
use crate::probe::report::ProbeSummary;
use crate::probe::target::{self, TargetSource};
use crate::probe::tls::load_pem_certs;
use crate::probe::{
    CertMode, Endpoint, EndpointReport, ProbeEvent, ProbeHandle, ProbeOptions, ProbeRequest,
    Protocol, Verdict,
};
use crate::providers::{Address, Database, Provider};
use std::sync::Arc;

/// Arguments of `mailconf probe`.
#[derive(Debug, Clone, clap::Args)]
pub struct ProbeArgs {
    /// What to probe: an address (alice@example.com), a domain, a provider id or a host name.
    #[arg(required_unless_present = "endpoints")]
    pub target: Option<String>,
    /// Only these protocols (comma-separated): pop3, imap, smtp.
    #[arg(long, value_delimiter = ',', value_parser = crate::probe::spec::parse_protocol)]
    pub only: Vec<Protocol>,
    /// Probe exactly this endpoint: `host:port:security` or `protocol:host:port:security`
    /// (security: tls, starttls, plain). Repeatable; replaces the target's endpoints.
    #[arg(long = "endpoint", value_name = "HOST:PORT:SECURITY", value_parser = crate::probe::spec::parse_endpoint)]
    pub endpoints: Vec<Endpoint>,
    /// Connect to other ports than the standard ones, e.g. `995=10995,993=10993` (for tests).
    #[arg(long, value_delimiter = ',', value_name = "PORT=PORT", value_parser = parse_port_pair)]
    pub port_map: Vec<(u16, u16)>,
    /// Use this address for a host name instead of DNS, like curl: `mail.example.com:127.0.0.1`.
    /// Repeatable.
    #[arg(long, value_name = "HOST:ADDR", value_parser = parse_resolve)]
    pub resolve: Vec<(String, IpAddr)>,
    /// Extra trust anchors: a PEM file of CA certificates.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Also trust the operating system's certificate store.
    #[arg(long)]
    pub system_roots: bool,
    /// Seconds to wait for a TCP connection (DNS included).
    #[arg(long, value_name = "S", default_value = "5", value_parser = parse_secs)]
    pub connect_timeout: Duration,
    /// Seconds to wait for each reply and each TLS handshake.
    #[arg(long, value_name = "S", default_value = "10", value_parser = parse_secs)]
    pub timeout: Duration,
    /// Seconds for one endpoint's whole probe.
    #[arg(long, value_name = "S", default_value = "30", value_parser = parse_secs)]
    pub overall_timeout: Duration,
    /// Abort the TLS handshake on an invalid certificate instead of reading
    /// capabilities through it in report-only mode.
    #[arg(long)]
    pub strict_certificates: bool,
    /// Print each endpoint's (redacted) transcript after the table.
    #[arg(long)]
    pub transcript: bool,
    /// Print one JSON document (see docs/probe-json.md) instead of the table.
    #[arg(long)]
    pub json: bool,
    /// DNS server for discovering an address the database does not know: IP or IP:PORT.
    #[arg(long, value_name = "HOST:PORT", value_parser = crate::dns::parse_server)]
    pub dns: Option<std::net::SocketAddr>,
    /// Do not run discovery for an unknown address; probe its domain as a host instead.
    #[arg(long)]
    pub no_discovery: bool,
    /// Test logging in as this user on every secure endpoint (default with a
    /// password source: the target address).
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// Read the password (or authorization code / app password) from the first line of stdin.
    #[arg(long, conflicts_with = "password_env")]
    pub password_stdin: bool,
    /// Read the password from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Allow sending the password over exactly this insecure endpoint, at your
    /// own risk: `protocol:[host:]port:plain` (no encryption at all), or
    /// `protocol:[host:]port:tls|starttls:sha256=FINGERPRINT` (exactly that
    /// certificate, which failed verification; the probe prints the line to
    /// use). The host is required when the run probes several hosts.
    /// Repeatable.
    #[arg(long = "allow-insecure-auth", value_name = "PROTO:[HOST:]PORT:SECURITY[:sha256=FP]", value_parser = InsecureAllow::parse)]
    pub allow_insecure_auth: Vec<InsecureAllow>,
    /// At most this many connections at once (discovery's checks and the probe).
    #[arg(long, value_name = "N", default_value = "16", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub max_connections: u16,
}

pub fn parse_port_pair(s: &str) -> Result<(u16, u16), String> {
    let (a, b) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?}: expected PORT=PORT"))?;
    let p = |x: &str| {
        x.trim()
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| format!("{s:?}: bad port {x:?}"))
    };
    Ok((p(a)?, p(b)?))
}

/// Parses `host:addr` (also curl's `host:port:addr`); IPv6 addresses may be bracketed.
pub fn parse_resolve(s: &str) -> Result<(String, IpAddr), String> {
    let (host, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?}: expected HOST:ADDR"))?;
    let addr = |a: &str| {
        a.trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
    };
    let ip = match addr(rest) {
        Ok(ip) => ip,
        Err(_) => match rest.split_once(':') {
            Some((port, a)) if port.chars().all(|c| c.is_ascii_digit()) => {
                addr(a).map_err(|e| format!("{s:?}: {e}"))?
            }
            _ => return Err(format!("{s:?}: bad address {rest:?}")),
        },
    };
    if host.is_empty() {
        return Err(format!("{s:?}: empty host"));
    }
    Ok((host.to_ascii_lowercase(), ip))
}

fn parse_secs(s: &str) -> Result<Duration, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{s:?}: not a number of seconds"))?;
    if !(v.is_finite() && v > 0.0 && v <= 3600.0) {
        return Err(format!("{s:?}: seconds must be between 0 and 3600"));
    }
    Ok(Duration::from_secs_f64(v))
}

/// A usage problem: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The endpoints to probe for a target.
///
/// The endpoints for what the user typed (see [`crate::probe::target`]): a
/// provider from the database, servers found by discovery for an unknown address
/// (when `discovery` is given), or the name itself as a host. Says on stderr where
/// the endpoints came from, unless `quiet`.
pub fn endpoints_for_target(
    target: &str,
    only: &[Protocol],
    db: &Database,
    discovery: Option<&dyn Fn(&Address) -> Discovery>,
    quiet: bool,
) -> Result<(Vec<Endpoint>, TargetSource), UsageError> {
    let t = target::resolve(target, only, db, discovery).map_err(|e| UsageError(e.to_string()))?;
    if !quiet {
        match (&t.source, &t.provider) {
            (TargetSource::Database { .. }, Some(p)) => {
                eprintln!(
                    "mailconf probe: {} ({}) from the provider database",
                    p.name.en, p.id
                );
            }
            (TargetSource::Discovered { provenance }, _) => {
                eprintln!("mailconf probe: not in the database; discovery found: {provenance}");
            }
            _ => {}
        }
    }
    Ok((t.endpoints, t.source))
}

/// The provider of the target's domain in the bundled database, if any.
///
/// HOOK: the lead's target resolution will pass the provider it found.
pub fn provider_for_target(target: Option<&str>) -> Option<&'static Provider> {
    let t = target?.trim();
    let domain = t.rsplit_once('@').map_or(t, |(_, d)| d);
    let domain = idna::domain_to_ascii(domain.trim_end_matches('.')).ok()?;
    Database::bundled()
        .by_domain(&domain)
        .map(|(e, _, _)| &e.provider)
}

/// Reads the password as asked: stdin's first line, an environment variable, or a no-echo prompt.
fn read_password(args: &ProbeArgs, user: &str) -> Result<SecretString, UsageError> {
    if args.password_stdin {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| UsageError(format!("cannot read the password from stdin: {e}")))?;
        let trimmed = line.trim_end_matches(['\r', '\n']);
        return Ok(SecretString::from(trimmed.to_owned()));
    }
    if let Some(var) = &args.password_env {
        // Copies go through Zeroizing so that no stray buffer keeps the password.
        return std::env::var(var)
            .map(|v| SecretString::from(Zeroizing::new(v).as_str().to_owned()))
            .map_err(|_| UsageError(format!("--password-env: {var} is not set (or not UTF-8)")));
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("Password for {user}: "))
            .map(|v| SecretString::from(Zeroizing::new(v).as_str().to_owned()))
            .map_err(|e| UsageError(format!("cannot read the password: {e}")));
    }
    Err(UsageError(
        "--user needs a password: --password-stdin, --password-env VAR, or run on a terminal to be asked"
            .into(),
    ))
}

/// The login test asked for on the command line, if any.
fn login_for(
    args: &ProbeArgs,
    provider: Option<&Provider>,
) -> Result<Option<LoginRequest>, UsageError> {
    let wants = args.user.is_some() || args.password_stdin || args.password_env.is_some();
    if !wants {
        if !args.allow_insecure_auth.is_empty() {
            return Err(UsageError(
                "--allow-insecure-auth only makes sense with --user".into(),
            ));
        }
        return Ok(None);
    }
    let user = match &args.user {
        Some(u) => u.clone(),
        None => match args.target.as_deref().map(str::trim) {
            Some(t) if t.contains('@') => {
                let form = provider
                    .and_then(|p| p.incoming.first().or(p.outgoing.first()))
                    .map(|s| s.username)
                    .unwrap_or_default();
                form.apply(t)
            }
            _ => {
                return Err(UsageError(
                    "a password was given but no user: add --user (or give an address as the target)"
                        .into(),
                ));
            }
        },
    };
    let password = read_password(args, &user)?;
    let credentials = Credentials::new(user, password)
        .map_err(|e| UsageError(format!("--user/password: {e}")))?;
    Ok(Some(LoginRequest::new(
        credentials,
        provider,
        args.allow_insecure_auth.clone(),
    )))
}

/// The probe request for the command line. Name lookups of the probe go to
/// `--dns` when it is given; an unknown address is discovered on `handle`'s
/// runtime with the probe engine checking guessed servers, and the request
/// reuses those reports (see [`crate::probe::reuse`]).
fn request_for(
    args: &ProbeArgs,
    handle: &mut ProbeHandle,
) -> Result<(ProbeRequest, Option<TargetSource>), UsageError> {
    let mut resolve: BTreeMap<String, Vec<IpAddr>> = BTreeMap::new();
    for (host, ip) in &args.resolve {
        resolve.entry(host.clone()).or_default().push(*ip);
    }
    let extra_roots = match &args.ca_file {
        Some(path) => load_pem_certs(path).map_err(|e| UsageError(e.to_string()))?,
        None => Vec::new(),
    };
    let options = ProbeOptions {
        connect_timeout: args.connect_timeout,
        reply_timeout: args.timeout,
        overall_timeout: args.overall_timeout,
        port_map: args.port_map.iter().copied().collect(),
        resolve,
        extra_roots: extra_roots.clone(),
        os_roots: args.system_roots,
        cert_mode: if args.strict_certificates {
            CertMode::Enforce
        } else {
            CertMode::ReportOnly
        },
        max_connections: usize::from(args.max_connections),
        ..ProbeOptions::default()
    };
    let discover_opts = DiscoverOptions {
        port_map: PortMap(args.port_map.iter().copied().collect()),
        extra_roots,
        ..DiscoverOptions::default()
    };
    // `--dns` applies to the probe's own name lookups too.
    if let Some(dns) = args.dns {
        handle
            .set_dns_server(dns, discover_opts.dns_options())
            .map_err(|e| UsageError(format!("--dns: {e}")))?;
    }
    let reuse = RefCell::new(None);
    let mut source = None;
    let mut endpoints = if args.endpoints.is_empty() {
        let target = args
            .target
            .as_deref()
            .ok_or_else(|| UsageError("nothing to probe: give a target or --endpoint".into()))?;
        let handle = &*handle;
        // Read once: the target's lookup and discovery use the same database.
        let db = Arc::new(Database::load(None));
        let discover = |address: &Address| match handle.discover(
            address,
            db.clone(),
            args.dns,
            &discover_opts,
            options.clone(),
        ) {
            Ok((discovery, cache)) => {
                *reuse.borrow_mut() = Some(cache);
                discovery
            }
            Err(e) => Discovery::failed(address, &e.to_string()),
        };
        let discovery: Option<&dyn Fn(&Address) -> Discovery> = if args.no_discovery {
            None
        } else {
            Some(&discover)
        };
        let (endpoints, from) =
            endpoints_for_target(target, &args.only, &db, discovery, args.json)?;
        source = Some(from);
        endpoints
    } else {
        args.endpoints
            .iter()
            .filter(|e| args.only.is_empty() || args.only.contains(&e.protocol))
            .cloned()
            .collect()
    };
    endpoints.dedup();
    if endpoints.is_empty() {
        return Err(UsageError(
            "no endpoint left to probe (check --only)".into(),
        ));
    }
    let request = ProbeRequest {
        endpoints,
        options,
        login: login_for(args, provider_for_target(args.target.as_deref()))?,
        reuse: reuse.into_inner(),
    };
    if let Some(login) = &request.login {
        login
            .check_consents(&request.endpoints)
            .map_err(|e| UsageError(e.to_string()))?;
    }
    Ok((request, source))
}

/// Runs `mailconf probe`; the lead's CLI calls this.
pub fn run(args: ProbeArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = stdout.lock();
    let code = execute(&args, lang, &mut out, color)?;
    Ok(ExitCode::from(code))
}

/// [`run`] with an explicit output; returns the exit code (0, 1 or 2).
pub fn execute(
    args: &ProbeArgs,
    lang: Lang,
    out: &mut dyn Write,
    color: bool,
) -> anyhow::Result<u8> {
    let (mut handle, events) = ProbeHandle::new()?;
    let (request, source) = match request_for(args, &mut handle) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mailconf probe: {e}");
            return Ok(2);
        }
    };
    let endpoints = request.endpoints.clone();
    let style = Style { color, lang };
    if !args.json {
        style.header(out, &endpoints)?;
    }
    handle.start(request)?;
    let mut reports: Vec<Option<EndpointReport>> = vec![None; endpoints.len()];
    while let Some(event) = events.recv() {
        match event {
            ProbeEvent::Started { .. } => {}
            ProbeEvent::EndpointDone { index, report, .. } => {
                if !args.json {
                    style.row(out, &report, endpoints_share_host(&endpoints))?;
                    style.login_line(out, &report)?;
                    out.flush()?;
                }
                if let Some(slot) = reports.get_mut(index) {
                    *slot = Some(*report);
                }
            }
            ProbeEvent::Finished { .. } => break,
        }
    }
    drop(handle);
    let reports: Vec<EndpointReport> = reports.into_iter().flatten().collect();
    let mut summary = ProbeSummary::new(args.target.clone(), reports);
    summary.source = source;
    summary.advice = advise(
        &summary.endpoints,
        provider_for_target(args.target.as_deref()),
    );
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        writeln!(out)?;
    } else {
        style.recommendation(out, &summary)?;
        style.advice(out, &summary)?;
        if args.transcript {
            for r in &summary.endpoints {
                writeln!(out, "\n== {} ==\n{}", r.endpoint, r.transcript)?;
            }
        }
    }
    out.flush()?;
    Ok(summary.exit_code)
}

fn endpoints_share_host(endpoints: &[Endpoint]) -> bool {
    endpoints.windows(2).all(|w| w[0].host == w[1].host)
}

struct Style {
    color: bool,
    lang: Lang,
}

fn tr(lang: Lang, en: &'static str, hans: &'static str, hant: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::ZhHans => hans,
        Lang::ZhHant => hant,
    }
}

impl Style {
    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn verdict_label(&self, v: &Verdict) -> String {
        let l = self.lang;
        match v {
            Verdict::Secure => tr(l, "secure", "安全", "安全").to_owned(),
            Verdict::InsecurePlaintextOnly { .. } => {
                tr(l, "plaintext only", "仅明文", "僅明文").to_owned()
            }
            Verdict::TlsError { tls_kind } => {
                format!(
                    "{} {tls_kind}",
                    tr(l, "TLS error:", "TLS 错误：", "TLS 錯誤：")
                )
            }
            Verdict::Refused => tr(l, "refused", "拒绝连接", "拒絕連線").to_owned(),
            Verdict::TimedOut { .. } => tr(l, "timed out", "超时", "逾時").to_owned(),
            Verdict::ProtocolError => tr(l, "protocol error", "协议错误", "協定錯誤").to_owned(),
            Verdict::DnsError => tr(l, "DNS error", "DNS 错误", "DNS 錯誤").to_owned(),
        }
    }

    fn verdict_color(v: &Verdict) -> &'static str {
        match v {
            Verdict::Secure => "32",
            Verdict::InsecurePlaintextOnly { .. } => "33",
            Verdict::TimedOut { .. } | Verdict::Refused | Verdict::DnsError => "2",
            Verdict::TlsError { .. } | Verdict::ProtocolError => "31",
        }
    }

    fn header(&self, out: &mut dyn Write, endpoints: &[Endpoint]) -> std::io::Result<()> {
        let l = self.lang;
        if endpoints_share_host(endpoints)
            && let Some(first) = endpoints.first()
        {
            writeln!(
                out,
                "{} {} ({} {})",
                tr(l, "Probing", "正在测试", "正在測試"),
                first.host,
                endpoints.len(),
                tr(l, "ways in", "种连接方式", "種連線方式"),
            )?;
        }
        writeln!(
            out,
            "{}",
            self.paint(
                &format!(
                    "{}{}{}{}{}{}",
                    pad(tr(l, "PROTOCOL", "协议", "協定"), 10),
                    pad(tr(l, "PORT", "端口", "連接埠"), 24),
                    pad(tr(l, "SECURITY", "加密", "加密"), 10),
                    pad(tr(l, "RESULT", "结果", "結果"), 28),
                    pad(tr(l, "TIME", "耗时", "耗時"), 9),
                    tr(l, "DETAILS", "详情", "詳情"),
                ),
                "1"
            )
        )
    }

    fn detail(&self, r: &EndpointReport) -> String {
        let mut d = crate::probe::report::summary_in(r, self.lang);
        if let Some(caps) = r.session.effective_caps() {
            let s = caps.summary();
            if !s.is_empty() {
                d.push_str(&format!("; {s}"));
            }
        }
        d.to_string()
    }

    fn row(&self, out: &mut dyn Write, r: &EndpointReport, same_host: bool) -> std::io::Result<()> {
        let e = &r.endpoint;
        let mut place = if same_host {
            e.port.to_string()
        } else if e.host.contains(':') {
            format!("[{}]:{}", e.host, e.port)
        } else {
            format!("{}:{}", e.host, e.port)
        };
        if r.connect_port != e.port {
            place.push_str(&format!(" (→{})", r.connect_port));
        }
        let label = self.verdict_label(&r.verdict);
        let time = format!("{} ms", r.timings.total_ms);
        writeln!(
            out,
            "{}{}{}{}{}{}",
            pad(e.protocol.label(), 10),
            pad(&place, 24),
            pad(e.security.as_str(), 10),
            self.paint(&pad(&label, 28), Self::verdict_color(&r.verdict)),
            pad(&time, 9),
            self.detail(r),
        )
    }

    fn login_label(&self, r: &LoginReport) -> String {
        let l = self.lang;
        match &r.result {
            LoginOutcome::Success => tr(l, "success", "登录成功", "登入成功").to_owned(),
            LoginOutcome::CredentialsRejected => tr(
                l,
                "credentials rejected",
                "用户名或密码被拒绝",
                "使用者名稱或密碼被拒絕",
            )
            .to_owned(),
            LoginOutcome::AuthorizationCodeRequired => tr(
                l,
                "authorization code (授权码) required",
                "需要授权码",
                "需要授權碼",
            )
            .to_owned(),
            LoginOutcome::AppPasswordRequired => tr(
                l,
                "app password required",
                "需要应用专用密码",
                "需要應用程式密碼",
            )
            .to_owned(),
            LoginOutcome::ServiceDisabled => tr(
                l,
                "service not enabled for this account",
                "账户未开启此服务",
                "帳戶未開啟此服務",
            )
            .to_owned(),
            LoginOutcome::Oauth2Required => tr(
                l,
                "OAuth2 sign-in required",
                "需要 OAuth2 登录",
                "需要 OAuth2 登入",
            )
            .to_owned(),
            LoginOutcome::TemporarilyUnavailable => {
                tr(l, "temporarily unavailable", "暂时不可用", "暫時無法使用").to_owned()
            }
            LoginOutcome::EncryptionRequired => tr(
                l,
                "server requires encryption for login",
                "服务器要求加密后才能登录",
                "伺服器要求加密後才能登入",
            )
            .to_owned(),
            LoginOutcome::MechanismNotOffered { .. } => tr(
                l,
                "no password login offered",
                "服务器未提供密码登录方式",
                "伺服器未提供密碼登入方式",
            )
            .to_owned(),
            LoginOutcome::ConnectionProblem { .. } => {
                tr(l, "connection problem", "连接出错", "連線出錯").to_owned()
            }
            LoginOutcome::UnexpectedReply => {
                tr(l, "unexpected reply", "意外的回复", "意外的回覆").to_owned()
            }
            LoginOutcome::NotTried { reason } => {
                let why = match reason {
                    NotTriedReason::Plaintext => tr(
                        l,
                        "the connection was not encrypted",
                        "连接未加密",
                        "連線未加密",
                    )
                    .to_owned(),
                    NotTriedReason::UntrustedCertificate { tls_kind } => format!(
                        "{} ({tls_kind})",
                        tr(l, "certificate not trusted", "证书不受信任", "憑證不受信任")
                    ),
                    NotTriedReason::CredentialsRejectedElsewhere { endpoint } => match l {
                        Lang::En => format!(
                            "credentials rejected on {} {}",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHans => format!(
                            "凭据已在 {} {} 被拒绝",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHant => format!(
                            "憑據已在 {} {} 被拒絕",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                    },
                    NotTriedReason::LoginFailedElsewhere { endpoint, outcome } => match l {
                        Lang::En => format!(
                            "the login on {} {} sent the password and did not succeed ({outcome}); another try could lock the account",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHans => format!(
                            "{} {} 上的登录已发送密码但未成功（{outcome}）；再试可能导致账户被锁定",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHant => format!(
                            "{} {} 上的登入已傳送密碼但未成功（{outcome}）；再試可能導致帳戶被鎖定",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                    },
                    NotTriedReason::ProbeFailed => {
                        tr(l, "probe failed", "探测失败", "探測失敗").to_owned()
                    }
                    NotTriedReason::Preauthenticated => {
                        tr(l, "already logged in (PREAUTH)", "已预先登录", "已預先登入").to_owned()
                    }
                };
                format!("{}{why}", tr(l, "not tried: ", "未尝试：", "未嘗試："))
            }
        }
    }

    fn login_line(&self, out: &mut dyn Write, report: &EndpointReport) -> std::io::Result<()> {
        let Some(r) = &report.login else {
            return Ok(());
        };
        let l = self.lang;
        let color = match &r.result {
            LoginOutcome::Success => "32",
            LoginOutcome::NotTried { .. } => "2",
            LoginOutcome::TemporarilyUnavailable | LoginOutcome::EncryptionRequired => "33",
            _ => "31",
        };
        let mut line = format!(
            "{}{}",
            tr(l, "  └ login: ", "  └ 登录：", "  └ 登入："),
            self.login_label(r)
        );
        if let Some(m) = &r.mechanism {
            line.push_str(&format!(" [{m}]"));
        }
        if let (false, Some(reply)) = (r.result.is_success(), &r.reply) {
            line.push_str(&format!(" — {}", reply.as_str()));
        }
        // The hint names exactly the risk its consent covers, and the consent
        // names the host and, for a certificate, its fingerprint.
        if let Some(allow) = InsecureAllow::offer(report) {
            let risk = match (&allow.certificate_sha256, l) {
                (None, Lang::En) => {
                    "no encryption: anyone on the network path can read the password".to_owned()
                }
                (None, Lang::ZhHans) => "不加密：网络路径上的任何人都能读到密码".to_owned(),
                (None, Lang::ZhHant) => "不加密：網路路徑上的任何人都能讀到密碼".to_owned(),
                (Some(fp), Lang::En) => format!(
                    "the certificate is not trusted; this covers only the certificate with SHA-256 {fp}"
                ),
                (Some(fp), Lang::ZhHans) => {
                    format!("证书不受信任；只适用于 SHA-256 为 {fp} 的证书")
                }
                (Some(fp), Lang::ZhHant) => {
                    format!("憑證不受信任；只適用於 SHA-256 為 {fp} 的憑證")
                }
            };
            line.push_str(&format!(
                " ({} {risk}: --allow-insecure-auth {allow})",
                tr(l, "at your own risk,", "风险自负，", "風險自負，")
            ));
        }
        writeln!(out, "{}", self.paint(&line, color))?;
        for c in &r.mailbox_checks {
            writeln!(
                out,
                "      EXAMINE INBOX {}: {} — {}",
                if c.after_id {
                    tr(l, "after ID", "发送 ID 后", "傳送 ID 後")
                } else {
                    tr(l, "without ID", "未发送 ID", "未傳送 ID")
                },
                if c.ok { "OK" } else { "NO" },
                c.reply.as_str()
            )?;
        }
        Ok(())
    }

    fn advice(&self, out: &mut dyn Write, s: &ProbeSummary) -> std::io::Result<()> {
        if s.advice.is_empty() {
            return Ok(());
        }
        let l = self.lang;
        writeln!(
            out,
            "\n{}",
            self.paint(tr(l, "Advice:", "建议：", "建議："), "1")
        )?;
        for a in &s.advice {
            let (mark, color) = match a.severity {
                Severity::Error => ("✗", "31"),
                Severity::Warning => ("!", "33"),
                Severity::Info => ("i", "2"),
            };
            writeln!(out, "  {} {}", self.paint(mark, color), a.text(l))?;
            if let Some(link) = &a.link {
                writeln!(out, "    → {link}")?;
            }
        }
        Ok(())
    }

    fn recommendation(&self, out: &mut dyn Write, s: &ProbeSummary) -> std::io::Result<()> {
        let l = self.lang;
        writeln!(
            out,
            "\n{}",
            self.paint(
                tr(
                    l,
                    "Recommendation (RFC 8314: implicit TLS first, then STARTTLS; never plaintext):",
                    "推荐设置（RFC 8314：优先隐式 TLS，其次 STARTTLS；绝不使用明文）：",
                    "推薦設定（RFC 8314：優先隱式 TLS，其次 STARTTLS；絕不使用明文）：",
                ),
                "1"
            )
        )?;
        for rec in &s.recommendations {
            match &rec.endpoint {
                Some(e) => {
                    let mut line = format!(
                        "  {}{}:{} {}",
                        pad(rec.protocol.label(), 6),
                        e.host,
                        e.port,
                        e.security.as_str()
                    );
                    if !rec.alternatives.is_empty() {
                        let alts: Vec<String> = rec
                            .alternatives
                            .iter()
                            .map(|a| format!("{} {}", a.port, a.security.as_str()))
                            .collect();
                        line.push_str(&format!(
                            "   ({} {})",
                            tr(l, "also:", "也可：", "也可："),
                            alts.join(", ")
                        ));
                    }
                    writeln!(out, "{}", self.paint(&line, "32"))?;
                }
                None => writeln!(
                    out,
                    "  {}{}",
                    pad(rec.protocol.label(), 6),
                    self.paint(
                        tr(
                            l,
                            "no secure way in found",
                            "未找到安全的连接方式",
                            "未找到安全的連線方式"
                        ),
                        "31"
                    )
                )?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_flags() {
        assert_eq!(parse_port_pair("995=10995").unwrap(), (995, 10995));
        assert!(parse_port_pair("995").is_err());
        assert_eq!(
            parse_resolve("mail.test:127.0.0.1").unwrap(),
            ("mail.test".to_owned(), "127.0.0.1".parse().unwrap())
        );
        assert_eq!(
            parse_resolve("mail.test:::1").unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            parse_resolve("mail.test:993:[::1]").unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert!(parse_resolve("mail.test:nowhere").is_err());
        assert_eq!(parse_secs("1.5").unwrap(), Duration::from_millis(1500));
        assert!(parse_secs("0").is_err() && parse_secs("x").is_err());
    }

    #[test]
    fn target_hook() {
        let db = Database::bundled();
        let (e, _) = endpoints_for_target("alice@Example.COM", &[], db, None, true).unwrap();
        assert_eq!(e.len(), 8);
        assert!(e.iter().all(|e| e.host == "example.com"));
        let (e, _) = endpoints_for_target("例子.测试", &[Protocol::Smtp], db, None, true).unwrap();
        assert_eq!(e.len(), 3);
        assert!(e[0].host.starts_with("xn--"));
        assert!(endpoints_for_target("@", &[], db, None, true).is_err());
    }

    #[test]
    fn padding_counts_cjk_as_two() {
        assert_eq!(pad("协议", 6), "协议  ");
        assert_eq!(pad("POP3", 6), "POP3  ");
        assert_eq!(pad("→1", 3), "→1 ");
    }
}
