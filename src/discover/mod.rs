//! Discovery: from an address to candidate servers, each saying where it came from.
//!
//! The bundled database knows the big providers, but users type addresses at
//! their company's domain (hosted by Tencent Exmail, NetEase Qiye, Alibaba Mail,
//! Google Workspace, Microsoft 365) or at a small ISP nobody lists. Discovery asks
//! every source at once, under one shared deadline, and the most trusted answer
//! wins. In order of trust:
//!
//! 1. [`SourceKind::Database`]: the bundled database (and the user's own files) by domain;
//! 2. [`SourceKind::Mx`]: the domain's MX hosts matched against the providers' MX suffixes;
//! 3. autoconfig over HTTPS: the domain's own `autoconfig.<domain>` and
//!    `.well-known` documents, then the Thunderbird ISPDB for the domain ([`http`]);
//! 4. [`SourceKind::Srv`]: RFC 6186/8314 SRV records, accepted only when the target
//!    lies inside the domain or is a host the database knows (DNS can be forged);
//! 5. [`SourceKind::IspdbMx`]: the ISPDB for the MX host's base domain (which
//!    entry is asked rests on an unauthenticated MX answer);
//! 6. plain-HTTP autoconfig, only when explicitly allowed (an HTTPS document
//!    that redirects to plain HTTP ranks here too);
//! 7. [`SourceKind::Guess`]: `pop.`, `imap.`, `smtp.`, `mail.`… on the standard
//!    ports, each checked live by a [`Verifier`].
//!
//! Findings that rest on DNS answers (MX, SRV, the ISPDB by MX) are marked
//! [`Finding::dns_unauthenticated`]: without DNSSEC validation, anyone on the
//! network path can forge them, and the user is told so.
//!
//! As soon as the most trusted source that can still answer has answered, the
//! others are cancelled: nothing waits for a slow source once a more trusted one
//! has answered. Answers that had already arrived are kept as alternatives. Every
//! candidate is the database's own [`Server`] type plus provenance text ("MX
//! aspmx.l.google.com → Google Workspace", "autoconfig.example.com", "SRV
//! _submissions._tcp", "guessed").
//!
//! The JSON form of [`Discovery`] is documented in `docs/discover-json.md`; its
//! JSON Schema is [`json_schema`].

pub mod http;
pub mod note;
mod run;
mod sources;
pub mod tls;
pub mod verify;

pub use note::Note;
pub use run::discover;
pub use verify::{Verification, Verifier};

use crate::dns::{DnsError, Mx, Resolver};
use crate::providers::{Address, Auth, Localized, Server, Status};
use rustls_pki_types::CertificateDer;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// At most this many servers of one protocol are taken from one finding; the
/// rest are listed as ignored. A document of up to 1 MiB could otherwise name
/// thousands of servers, each becoming a connection to a host and port the
/// domain chose.
pub const MAX_SERVERS_PER_PROTOCOL: usize = 4;

/// At most this many servers are taken from one finding, all protocols together.
pub const MAX_SERVERS_PER_FINDING: usize = 16;

/// The Thunderbird ISPDB, asked as `<base><domain>`.
pub const DEFAULT_ISPDB_URL: &str = "https://autoconfig.thunderbird.net/v1.1/";

/// Why discovery could not run, or why one source failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscoverError {
    /// A DNS lookup failed.
    #[error(transparent)]
    Dns(#[from] DnsError),
    /// The HTTP request failed (TLS, protocol…): reqwest's words.
    #[error("{url}: {detail}")]
    Http {
        /// The URL asked.
        url: String,
        /// What went wrong.
        detail: String,
    },
    /// No connection to the server.
    #[error("{url}: cannot connect to {target}: {detail}")]
    Connect {
        /// The URL asked.
        url: String,
        /// `host:port`.
        target: String,
        /// The system's or TLS library's words.
        detail: String,
    },
    /// The request timed out.
    #[error("{url}: timed out")]
    TimedOut {
        /// The URL asked.
        url: String,
    },
    /// Discovery's deadline passed before the answer was complete.
    #[error("{url}: no complete answer before the deadline")]
    Deadline {
        /// The URL asked.
        url: String,
    },
    /// The document is not UTF-8.
    #[error("{url}: the document is not UTF-8 text")]
    NotUtf8 {
        /// The URL asked.
        url: String,
    },
    /// The server answered with an HTTP error status.
    #[error("{url}: HTTP status {status}")]
    HttpStatus {
        /// The URL asked.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The document is larger than the cap; reading stopped at the cap.
    #[error("{url}: refused: the document is larger than the {limit}-byte (1 MiB) limit")]
    TooLarge {
        /// The URL asked.
        url: String,
        /// The cap in bytes.
        limit: usize,
    },
    /// A redirect pointed to plain HTTP.
    #[error(
        "refused a redirect to plain HTTP ({to}): autoconfig documents are fetched over HTTPS only"
    )]
    InsecureRedirect {
        /// Where the redirect pointed.
        to: String,
    },
    /// Too many redirects in a row.
    #[error("{url}: refused: more than {max} redirects")]
    TooManyRedirects {
        /// The last URL.
        url: String,
        /// The limit.
        max: usize,
    },
    /// The autoconfig document could not be used.
    #[error("{url}: {detail}")]
    Autoconfig {
        /// The URL asked.
        url: String,
        /// The reader's error.
        detail: String,
    },
    /// The HTTPS client could not be set up.
    #[error("cannot set up the HTTPS client: {0}")]
    Setup(String),
    /// A `--port-map` value without `=`.
    #[error("{0:?}: use FROM=TO, e.g. 995=19995")]
    PortPair(String),
    /// A side of a `--port-map` value that is not a port.
    #[error("{0:?} is not a port (1-65535)")]
    NotAPort(String),
}

impl DiscoverError {
    /// The DNS error inside, if this is one.
    pub fn dns(&self) -> Option<&DnsError> {
        match self {
            DiscoverError::Dns(e) => Some(e),
            _ => None,
        }
    }
}

/// Where a finding came from. The order of the variants is the order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// The bundled database (and the user's files), by domain.
    Database,
    /// The domain's MX hosts, matched against the providers' MX suffixes.
    Mx,
    /// `https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=…`.
    Autoconfig,
    /// `https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`.
    WellKnown,
    /// The Thunderbird ISPDB, for the domain.
    Ispdb,
    /// DNS SRV records (RFC 6186, RFC 8314), pointing inside the domain or at
    /// a server the database knows.
    Srv,
    /// The Thunderbird ISPDB, for the base domain of the best MX host. Below
    /// SRV: which ISPDB entry is asked depends on an MX answer, which DNS
    /// without DNSSEC does not authenticate.
    IspdbMx,
    /// `http://autoconfig.<domain>/…` (only with the plain-HTTP opt-in).
    AutoconfigHttp,
    /// `http://<domain>/.well-known/…` (only with the plain-HTTP opt-in).
    WellKnownHttp,
    /// Standard host names and ports, checked live.
    Guess,
}

impl SourceKind {
    /// Every source, most trusted first.
    pub const ALL: [SourceKind; 10] = [
        SourceKind::Database,
        SourceKind::Mx,
        SourceKind::Autoconfig,
        SourceKind::WellKnown,
        SourceKind::Ispdb,
        SourceKind::Srv,
        SourceKind::IspdbMx,
        SourceKind::AutoconfigHttp,
        SourceKind::WellKnownHttp,
        SourceKind::Guess,
    ];

    /// The name used in JSON and on the command line (`well-known`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Database => "database",
            SourceKind::Mx => "mx",
            SourceKind::Autoconfig => "autoconfig",
            SourceKind::WellKnown => "well-known",
            SourceKind::Ispdb => "ispdb",
            SourceKind::IspdbMx => "ispdb-mx",
            SourceKind::Srv => "srv",
            SourceKind::AutoconfigHttp => "autoconfig-http",
            SourceKind::WellKnownHttp => "well-known-http",
            SourceKind::Guess => "guess",
        }
    }

    /// Whether the source needs the network.
    pub fn is_network(self) -> bool {
        self != SourceKind::Database
    }

    /// Whether what it finds rests on DNS answers that nothing authenticates.
    pub fn rests_on_dns(self) -> bool {
        matches!(self, SourceKind::Mx | SourceKind::Srv | SourceKind::IspdbMx)
    }

    /// The same document fetched over plain HTTP: where an HTTPS source ends up
    /// after a redirect to `http://` (allowed only with the plain-HTTP opt-in).
    pub fn over_plain_http(self) -> SourceKind {
        match self {
            SourceKind::Autoconfig => SourceKind::AutoconfigHttp,
            SourceKind::WellKnown | SourceKind::Ispdb | SourceKind::IspdbMx => {
                SourceKind::WellKnownHttp
            }
            other => other,
        }
    }
}

/// The provider a finding names, when it names one.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ProviderInfo {
    /// The provider's id (for fetched documents: derived from the document).
    pub id: String,
    /// Display name in the three languages.
    pub name: Localized,
    /// Whether the service works as it is.
    pub status: Status,
    /// What the password field takes.
    pub auth: Auth,
    /// The database file, for database entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// One server to try, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Candidate {
    /// The server, as the database models servers (placeholders expanded).
    pub server: Server,
    /// Where it came from, e.g. "SRV _submissions._tcp" or "guessed" (escaped).
    pub provenance: Note,
    /// The live check, when one was made (guessed servers are always checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verification>,
}

/// What one source found.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Finding {
    /// Which source.
    pub source: SourceKind,
    /// Where exactly, e.g. "MX aspmx.l.google.com → Google Workspace" (escaped).
    pub provenance: Note,
    /// The provider it names, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<ProviderInfo>,
    /// Incoming servers (POP3 and IMAP), best first.
    pub incoming: Vec<Candidate>,
    /// Outgoing servers (SMTP), best first.
    pub outgoing: Vec<Candidate>,
    /// Found through DNS answers that were not authenticated (MX, SRV, the
    /// ISPDB by MX host): shown as "found through DNS (not authenticated)".
    pub dns_unauthenticated: bool,
}

/// An answer that was seen and deliberately not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Ignored {
    /// Which source produced it.
    pub source: SourceKind,
    /// What was ignored, e.g. "SRV _imaps._tcp.example.com → imap.evil.example:993" (escaped).
    pub what: Note,
    /// Why (escaped).
    pub reason: Note,
}

/// How a source ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceState {
    /// It found settings.
    Found,
    /// It answered, with nothing usable.
    Nothing,
    /// It failed (network error, refused document…).
    Failed,
    /// Cancelled because a more trusted source had answered.
    NotNeeded,
    /// Still running when the shared deadline passed.
    TimedOut,
}

/// How one source went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SourceReport {
    /// Which source.
    pub source: SourceKind,
    /// How it ended.
    pub state: SourceState,
    /// Provenance when found; the reason otherwise (escaped: DNS and HTTP
    /// error texts come from the network).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Note>,
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Settings were found (see `best`).
    Found,
    /// Every source answered; none found anything.
    NothingFound,
    /// The shared deadline passed before any source found anything.
    DeadlineReached,
    /// Nothing was found, and the DNS server could not be reached.
    DnsUnreachable,
}

/// The result of `discover`: the best finding, the alternatives, what was ignored, and how each source went.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Discovery {
    /// The address, with the domain in canonical (punycode) form.
    pub address: String,
    /// The domain as used for DNS and HTTP (punycode).
    pub domain: String,
    /// The domain for display (Unicode).
    pub domain_unicode: String,
    /// The overall answer.
    pub outcome: Outcome,
    /// One sentence (English) saying what happened (escaped).
    pub message: Note,
    /// The most trusted finding.
    pub best: Option<Finding>,
    /// Findings of less trusted sources that had answered by then, most trusted first.
    pub alternatives: Vec<Finding>,
    /// Answers seen and not used, with the reason (e.g. a forged SRV record).
    pub ignored: Vec<Ignored>,
    /// Every source that ran, in order of trust.
    pub sources: Vec<SourceReport>,
    /// The domain's MX records, when they were looked up.
    pub mx: Vec<Mx>,
    /// The shared deadline, in milliseconds.
    pub timeout_ms: u64,
}

impl Discovery {
    /// A discovery that could not run at all (e.g. no resolver configuration):
    /// nothing found, with `message` saying why.
    pub fn failed(address: &Address, message: impl Into<Note>) -> Discovery {
        Discovery {
            address: address.canonical(),
            domain: address.domain.clone(),
            domain_unicode: idna::domain_to_unicode(&address.domain).0,
            outcome: Outcome::NothingFound,
            message: message.into(),
            best: None,
            alternatives: Vec::new(),
            ignored: Vec::new(),
            sources: Vec::new(),
            mx: Vec::new(),
            timeout_ms: 0,
        }
    }

    /// Every candidate, most trusted finding first.
    pub fn candidates(&self) -> impl Iterator<Item = &Candidate> {
        self.best
            .iter()
            .chain(&self.alternatives)
            .flat_map(|f| f.incoming.iter().chain(&f.outgoing))
    }

    /// The best finding as a provider entry of the database's model (for
    /// export): the found servers in their order, the provider's name, status
    /// and password kind when the finding names one, else the domain itself.
    /// `None` when nothing was found.
    pub fn as_provider(&self) -> Option<crate::providers::Provider> {
        use crate::providers::{Auth, AuthKind, Provider};
        let best = self.best.as_ref()?;
        let servers = |c: &[Candidate]| c.iter().map(|c| c.server.clone()).collect::<Vec<_>>();
        let (name, status, auth) = match &best.provider {
            Some(p) => (p.name.clone(), p.status.clone(), p.auth.clone()),
            None => (
                Localized::same(&self.domain_unicode),
                Status::Active,
                Auth {
                    kind: AuthKind::Password,
                    create_url: None,
                    notes: None,
                },
            ),
        };
        Some(Provider {
            schema: None,
            id: best
                .provider
                .as_ref()
                .map_or_else(|| self.domain.clone(), |p| p.id.clone()),
            name,
            domains: vec![self.domain.clone()],
            mx_suffixes: Vec::new(),
            status,
            incoming: servers(&best.incoming),
            outgoing: servers(&best.outgoing),
            auth,
            hints: Vec::new(),
            help_urls: Vec::new(),
            quirks: Vec::new(),
            history: None,
            known_replies: Vec::new(),
            sources: Vec::new(),
            origin: crate::providers::Origin::User,
            username_idn: crate::providers::IdnUsername::default(),
            oauth2: None,
        })
    }

    /// The report of one source, if it ran.
    pub fn source(&self, kind: SourceKind) -> Option<&SourceReport> {
        self.sources.iter().find(|s| s.source == kind)
    }
}

/// A map of ports: connect to `to` wherever `from` is meant. For tests (whose
/// listeners cannot use ports 443 or 995) and for port-forwarding setups. It
/// applies to guessed and verified mail ports and to the ports of the
/// autoconfig URLs (443, 80); never to the ports shown in results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortMap(pub BTreeMap<u16, u16>);

impl PortMap {
    /// The port to connect to for `port`.
    pub fn map(&self, port: u16) -> u16 {
        self.0.get(&port).copied().unwrap_or(port)
    }

    /// Parses one `FROM=TO` pair.
    pub fn parse_pair(s: &str) -> Result<(u16, u16), DiscoverError> {
        let (a, b) = s
            .split_once('=')
            .ok_or_else(|| DiscoverError::PortPair(s.to_owned()))?;
        let p = |x: &str| {
            x.trim()
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| DiscoverError::NotAPort(x.to_owned()))
        };
        Ok((p(a)?, p(b)?))
    }
}

/// How discovery runs.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// The one deadline shared by every source.
    pub timeout: Duration,
    /// Ask the network at all (`false`: the database only).
    pub network: bool,
    /// Also try plain-HTTP autoconfig URLs, and follow redirects to plain HTTP.
    pub allow_http: bool,
    /// Base URL of the ISPDB (`<base><domain>`); `None` skips it.
    pub ispdb_url: Option<String>,
    /// Extra trusted CA certificates for HTTPS and TLS checks (besides the webpki roots).
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// Ports to connect to instead of the standard ones.
    pub port_map: PortMap,
    /// Try guessing standard host names.
    pub guess: bool,
    /// Wait for every source (up to the deadline) instead of stopping at the
    /// first trusted answer, so that all alternatives are known.
    pub wait_for_all: bool,
    /// Ask only these sources (`None`: every source that applies). For
    /// measuring one source alone and for callers that want, say, DNS only.
    pub sources: Option<Vec<SourceKind>>,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            network: true,
            allow_http: false,
            ispdb_url: Some(DEFAULT_ISPDB_URL.to_owned()),
            extra_roots: Vec::new(),
            port_map: PortMap::default(),
            guess: true,
            wait_for_all: false,
            sources: None,
        }
    }
}

impl DiscoverOptions {
    /// DNS tunables that fit the shared deadline (one query waits at most 3 s).
    pub fn dns_options(&self) -> crate::dns::DnsOptions {
        crate::dns::DnsOptions {
            query_timeout: self.timeout.min(Duration::from_secs(3)),
            ..crate::dns::DnsOptions::default()
        }
    }
}

/// What network sources use: the resolver and the live checker.
#[derive(Clone)]
pub struct Network {
    /// DNS for MX, SRV and every host name (HTTP included).
    pub resolver: Arc<dyn Resolver>,
    /// Checks guessed servers live.
    pub verifier: Arc<dyn Verifier>,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("resolver", &self.resolver.describe())
            .finish()
    }
}

impl Network {
    /// Discovery over the network: names through `resolver`, guessed servers
    /// checked by `verifier` (the check layer passes the probe engine).
    pub fn new(resolver: Arc<dyn Resolver>, verifier: Arc<dyn Verifier>) -> Self {
        Self { resolver, verifier }
    }
}

/// The JSON Schema of [`Discovery`] (what `mailconf discover --json` prints).
pub fn json_schema() -> String {
    crate::providers::output_schema::<Discovery>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_order_is_declaration_order() {
        let mut sorted = SourceKind::ALL;
        sorted.sort();
        assert_eq!(sorted, SourceKind::ALL);
        for k in SourceKind::ALL {
            let json = serde_json::to_value(k).unwrap();
            assert_eq!(json, k.as_str());
        }
    }

    #[test]
    fn port_map_pairs() {
        assert_eq!(PortMap::parse_pair("995=19995"), Ok((995, 19995)));
        assert!(PortMap::parse_pair("995").is_err());
        assert!(PortMap::parse_pair("995=0").is_err());
        assert!(PortMap::parse_pair("x=1").is_err());
        let m = PortMap([(443, 8443)].into_iter().collect());
        assert_eq!(m.map(443), 8443);
        assert_eq!(m.map(995), 995);
    }
}
