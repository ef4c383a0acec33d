//! The arguments of `mailconf probe` (clap) and what they become for the
//! check layer: its options (deadlines, ports, trust, discovery) and the
//! login test (credentials, consents to insecure endpoints).

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::check::{CheckOptions, LoginSpec};
use crate::cli::args::{PasswordSource, read_password};
use crate::discover::{DiscoverOptions, PortMap};
use crate::i18n::Lang;
use crate::probe::login::InsecureAllow;
use crate::probe::{CertMode, Endpoint, ProbeOptions, Protocol};

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
    #[arg(long, value_delimiter = ',', value_name = "PORT=PORT", value_parser = crate::discover::PortMap::parse_pair)]
    pub port_map: Vec<(u16, u16)>,
    /// Use this address for a host name instead of DNS, like curl: `mail.example.com:127.0.0.1`.
    /// Repeatable.
    #[arg(long, value_name = "HOST:ADDR", value_parser = crate::cli::args::parse_resolve)]
    pub resolve: Vec<(String, IpAddr)>,
    /// Extra trust anchors: a PEM file of CA certificates.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Also trust the operating system's certificate store.
    #[arg(long)]
    pub system_roots: bool,
    /// Seconds to wait for a TCP connection (DNS included).
    #[arg(long, value_name = "S", default_value = "5", value_parser = crate::cli::args::parse_seconds)]
    pub connect_timeout: Duration,
    /// Seconds to wait for each reply and each TLS handshake.
    #[arg(long, value_name = "S", default_value = "10", value_parser = crate::cli::args::parse_seconds)]
    pub timeout: Duration,
    /// Seconds for one endpoint's whole probe.
    #[arg(long, value_name = "S", default_value = "30", value_parser = crate::cli::args::parse_seconds)]
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
    /// DNS server to ask instead of the system's (IP or IP:PORT), for discovering
    /// an address the database does not know and for the probe's own name lookups.
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
    /// Test the login with OAuth2 (Outlook, Microsoft 365, Gmail): a fresh
    /// access token from the sign-in `mailconf oauth2 login` kept, sent with
    /// SASL XOAUTH2/OAUTHBEARER on every secure endpoint.
    #[arg(long, conflicts_with_all = ["password_stdin", "password_env", "allow_insecure_auth"])]
    pub oauth2: bool,
    /// With --oauth2: the client id (when `oauth2 login` did not remember one).
    #[arg(long = "oauth2-client-id", value_name = "ID", requires = "oauth2")]
    pub oauth2_client_id: Option<String>,
    /// With --oauth2: the Microsoft 365 tenant (its id or domain).
    #[arg(long = "oauth2-tenant", value_name = "TENANT", requires = "oauth2")]
    pub oauth2_tenant: Option<String>,
    /// With --oauth2, when no sign-in is kept: do not open a browser, only
    /// print the address to open.
    #[arg(long, requires = "oauth2")]
    pub no_browser: bool,
    /// At most this many connections at once (discovery's checks and the probe).
    #[arg(long, value_name = "N", default_value = "16", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub max_connections: u16,
}

/// How the check connects and discovers, from the flags.
pub(crate) fn check_options(args: &ProbeArgs, lang: Lang) -> Result<CheckOptions, String> {
    let mut resolve: std::collections::BTreeMap<String, Vec<IpAddr>> = Default::default();
    for (host, ip) in &args.resolve {
        resolve.entry(host.clone()).or_default().push(*ip);
    }
    let extra_roots = crate::cli::args::ca_file(args.ca_file.as_deref(), lang)?;
    let probe = ProbeOptions {
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
    let discover = DiscoverOptions {
        port_map: PortMap(args.port_map.iter().copied().collect()),
        extra_roots,
        ..DiscoverOptions::default()
    };
    Ok(CheckOptions {
        probe,
        discover,
        dns: args.dns,
        discovery: !args.no_discovery,
    })
}

/// The login test asked for on the command line, if any (the password is
/// read now; with `--oauth2` the token is fetched, or signed in for, now).
/// Errors: the exit code and the message.
pub(crate) fn login_spec(args: &ProbeArgs, lang: Lang) -> Result<Option<LoginSpec>, (u8, String)> {
    if args.oauth2 {
        return oauth2_login_spec(args, lang).map(Some);
    }
    login_spec_password(args, lang).map_err(|m| (crate::cli::EXIT_USAGE, m))
}

fn login_spec_password(args: &ProbeArgs, lang: Lang) -> Result<Option<LoginSpec>, String> {
    let wants = args.user.is_some() || args.password_stdin || args.password_env.is_some();
    if !wants {
        if !args.allow_insecure_auth.is_empty() {
            return Err("--allow-insecure-auth only makes sense with --user".into());
        }
        return Ok(None);
    }
    let target = args.target.as_deref().map(str::trim).unwrap_or_default();
    if args.user.is_none() && !target.contains(['@', '\u{FF20}']) {
        return Err(
            "a password was given but no user: add --user (or give an address as the target)"
                .into(),
        );
    }
    let who = args.user.as_deref().unwrap_or(target);
    let password = read_password(
        PasswordSource {
            stdin: args.password_stdin,
            env: args.password_env.as_deref(),
        },
        who,
        lang,
    )
    .map_err(|e| format!("--user/password: {e}"))?;
    Ok(Some(LoginSpec {
        username: args.user.clone(),
        password,
        consents: args.allow_insecure_auth.clone(),
        bearer: false,
    }))
}

/// `--oauth2`: a fresh access token for the account from the stored
/// sign-in, or from a sign-in started now when none is stored.
fn oauth2_login_spec(args: &ProbeArgs, lang: Lang) -> Result<LoginSpec, (u8, String)> {
    let target = args.target.as_deref().map(str::trim).unwrap_or_default();
    let account = match &args.user {
        Some(u) => u.clone(),
        None if target.contains(['@', '\u{FF20}']) => target.to_owned(),
        None => {
            return Err((
                crate::cli::EXIT_USAGE,
                "--oauth2 needs an address: give one as the target or with --user".into(),
            ));
        }
    };
    let oauth2_args = crate::cli::oauth2::OAuth2Args {
        account: account.clone(),
        client_id: args.oauth2_client_id.clone(),
        client_secret_env: None,
        tenant: args.oauth2_tenant.clone(),
        device: false,
        no_browser: args.no_browser,
        token_file: None,
        ca_file: args.ca_file.clone(),
        resolve: args.resolve.clone(),
        timeout: std::time::Duration::from_secs(300),
    };
    let token = crate::cli::oauth2::token_or_sign_in(&oauth2_args, lang)
        .map_err(|(code, message)| (code, format!("--oauth2: {message}")))?;
    Ok(LoginSpec {
        username: Some(account),
        password: token,
        consents: Vec::new(),
        bearer: true,
    })
}
