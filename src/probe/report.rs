//! What a probe reports: endpoints, verdicts, timings, and the RFC 8314
//! recommendation per protocol.
//!
//! These types are the stable shape behind `mailconf probe --json`
//! (documented in `docs/probe-json.md`; the JSON Schema is generated from them).

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use schemars::JsonSchema;
use serde::Serialize;

use super::error::{ProbeError, ProtocolError, TimeoutPhase};
use super::login::LoginReport;
use super::session::{SessionReport, StarttlsOutcome};
use super::tls::{ChainVerdict, TlsErrorKind, TlsReport};
use super::transcript::Transcript;
use crate::providers::{Protocol, Security};

/// One way in: protocol, host, port and security mode.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Endpoint {
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// Host name or IP address as given.
    pub host: String,
    /// The standard (logical) port; `--port-map` may connect elsewhere.
    pub port: u16,
    /// tls, starttls or plain.
    pub security: Security,
}

impl Endpoint {
    /// A new endpoint.
    pub fn new(protocol: Protocol, host: &str, port: u16, security: Security) -> Endpoint {
        Endpoint {
            protocol,
            host: host.to_owned(),
            port,
            security,
        }
    }

    /// The eight standard ways in to `host`: POP3 110 plain, 110 STLS, 995;
    /// IMAP 143 STARTTLS, 993; SMTP 25 STARTTLS, 587 STARTTLS, 465.
    pub fn standard_set(host: &str) -> Vec<Endpoint> {
        use Protocol::*;
        use Security::*;
        [
            (Pop3, 995, Tls),
            (Pop3, 110, Starttls),
            (Pop3, 110, Plain),
            (Imap, 993, Tls),
            (Imap, 143, Starttls),
            (Smtp, 465, Tls),
            (Smtp, 587, Starttls),
            (Smtp, 25, Starttls),
        ]
        .into_iter()
        .map(|(p, port, s)| Endpoint::new(p, host, port, s))
        .collect()
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(
            f,
            "{} {host}:{} {}",
            self.protocol.label(),
            self.port,
            self.security.as_str()
        )
    }
}

/// Why an endpoint that worked is still not secure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlaintextReason {
    /// The endpoint was probed in plain mode (no TLS asked for).
    PlainEndpoint,
    /// The server did not offer STLS/STARTTLS.
    StarttlsNotOffered,
    /// The server refused STLS/STARTTLS.
    StarttlsRefused,
}

/// The verdict on one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Verdict {
    /// TLS (implicit or STARTTLS) with a trusted certificate; capabilities read over TLS.
    Secure,
    /// The server answers, but only without encryption.
    InsecurePlaintextOnly {
        /// Why.
        reason: PlaintextReason,
    },
    /// TLS failed or the certificate is not trustworthy.
    TlsError {
        /// What kind of TLS problem.
        tls_kind: TlsErrorKind,
    },
    /// The connection was refused (or the network is unreachable).
    Refused,
    /// A deadline ran out. In the connect phase: probably filtered.
    TimedOut {
        /// Which deadline.
        phase: TimeoutPhase,
        /// Its length in milliseconds.
        after_ms: u64,
    },
    /// The server broke the protocol (garbage, caps exceeded, response injection…).
    ProtocolError,
    /// The host name did not resolve.
    DnsError,
}

impl Verdict {
    /// Stable kebab-case name: `secure`, `insecure-plaintext-only`, `tls-error`,
    /// `refused`, `timed-out`, `protocol-error`, `dns-error`.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Secure => "secure",
            Verdict::InsecurePlaintextOnly { .. } => "insecure-plaintext-only",
            Verdict::TlsError { .. } => "tls-error",
            Verdict::Refused => "refused",
            Verdict::TimedOut { .. } => "timed-out",
            Verdict::ProtocolError => "protocol-error",
            Verdict::DnsError => "dns-error",
        }
    }

    /// Only [`Verdict::Secure`] endpoints may ever carry credentials.
    pub fn is_secure(&self) -> bool {
        matches!(self, Verdict::Secure)
    }
}

/// Durations of each step, in milliseconds (absent when the step did not happen).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timings {
    /// Name resolution.
    pub dns_ms: Option<u64>,
    /// TCP connect (all Happy Eyeballs attempts).
    pub connect_ms: Option<u64>,
    /// From connected (or TLS up, for implicit TLS) to the complete greeting.
    pub greeting_ms: Option<u64>,
    /// TLS handshake.
    pub tls_ms: Option<u64>,
    /// The whole endpoint probe.
    pub total_ms: u64,
}

/// An error, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErrorInfo {
    /// `dns`, `refused`, `unreachable`, `timeout`, `tls`, `protocol`, `io`, `cancelled`.
    pub kind: String,
    /// For protocol errors: the precise kind (`line-too-long`, `response-injection`…).
    pub protocol_kind: Option<String>,
    /// Human-readable message (English; server text escaped).
    pub message: String,
}

/// Everything learnt about one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EndpointReport {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The port actually connected to (differs from `endpoint.port` with `--port-map`).
    pub connect_port: u16,
    /// The verdict.
    pub verdict: Verdict,
    /// One-line human explanation of the verdict.
    pub summary: String,
    /// The error that ended the probe, if any.
    pub error: Option<ErrorInfo>,
    /// Every address the name resolved to.
    pub addresses: Vec<IpAddr>,
    /// The address that answered.
    pub connected_to: Option<SocketAddr>,
    /// TLS facts, when TLS was established.
    pub tls: Option<TlsReport>,
    /// Greeting, capabilities, STARTTLS outcome.
    pub session: SessionReport,
    /// Durations.
    pub timings: Timings,
    /// The redacted transcript.
    pub transcript: Transcript,
    /// The login test; `None` when no credentials were given.
    pub login: Option<LoginReport>,
}

impl EndpointReport {
    /// The error as a typed value is not kept; this rebuilds the ErrorInfo from one.
    pub(crate) fn error_info(e: &ProbeError) -> ErrorInfo {
        let protocol_kind = match e {
            ProbeError::Protocol(p) => Some(protocol_kind_name(p).to_owned()),
            _ => None,
        };
        ErrorInfo {
            kind: e.kind_name().to_owned(),
            protocol_kind,
            message: e.to_string(),
        }
    }
}

fn protocol_kind_name(p: &ProtocolError) -> &'static str {
    match p {
        ProtocolError::LineTooLong { .. } => "line-too-long",
        ProtocolError::TooManyLines { .. } => "too-many-lines",
        ProtocolError::TooManyBytes { .. } => "too-many-bytes",
        ProtocolError::Malformed { .. } => "malformed",
        ProtocolError::Rejected { .. } => "rejected",
        ProtocolError::Unexpected { .. } => "unexpected",
        ProtocolError::ResponseInjection { .. } => "response-injection",
        ProtocolError::UnexpectedEof { .. } => "unexpected-eof",
        ProtocolError::Finished => "finished",
    }
}

/// The verdict for an endpoint from how its probe ended.
pub fn verdict_for(
    security: Security,
    outcome: &Result<SessionReport, ProbeError>,
    tls: Option<&TlsReport>,
) -> Verdict {
    match outcome {
        Err(e) => match e {
            ProbeError::Dns { .. } => Verdict::DnsError,
            ProbeError::Refused { .. } | ProbeError::Unreachable { .. } => Verdict::Refused,
            ProbeError::Timeout { phase, after_ms } => Verdict::TimedOut {
                phase: *phase,
                after_ms: *after_ms,
            },
            ProbeError::Tls { kind, .. } => Verdict::TlsError { tls_kind: *kind },
            ProbeError::Protocol(_) | ProbeError::Io { .. } | ProbeError::Cancelled => {
                Verdict::ProtocolError
            }
        },
        Ok(session) => match tls {
            Some(t) => match t.chain {
                ChainVerdict::Trusted => Verdict::Secure,
                ChainVerdict::Invalid(kind) => Verdict::TlsError { tls_kind: kind },
            },
            None => Verdict::InsecurePlaintextOnly {
                reason: match (&session.starttls, security) {
                    (StarttlsOutcome::Refused { .. }, _) => PlaintextReason::StarttlsRefused,
                    (StarttlsOutcome::NotOffered, _) => PlaintextReason::StarttlsNotOffered,
                    _ => PlaintextReason::PlainEndpoint,
                },
            },
        },
    }
}

/// What is wrong with a certificate, in words, naming the facts that show it.
fn certificate_problem(kind: crate::probe::tls::TlsErrorKind, t: &TlsReport) -> String {
    use crate::probe::tls::TlsErrorKind as K;
    let leaf = t.certificates.first();
    let detail = match (kind, leaf) {
        (K::Expired, Some(c)) => format!(
            "certificate expired on {} ({} days ago)",
            c.not_after, -c.days_left
        ),
        (K::NotYetValid, Some(c)) => format!("certificate is not valid before {}", c.not_before),
        (K::WrongName, Some(c)) => format!(
            "certificate is for {}, not this host",
            c.sans
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (K::SelfSigned, Some(c)) => format!(
            "self-signed certificate ({}) that nothing vouches for",
            c.subject
        ),
        (K::UnknownIssuer, Some(c)) => {
            format!("certificate issued by an unknown authority ({})", c.issuer)
        }
        _ => format!("certificate {kind}"),
    };
    match &t.chain_error {
        Some(e) => format!("{detail}; {} (not trusted)", e),
        None => format!("{detail} (not trusted)"),
    }
}

/// A one-line explanation of a verdict.
pub fn summary_for(
    verdict: &Verdict,
    error: Option<&ProbeError>,
    tls: Option<&TlsReport>,
) -> String {
    match verdict {
        Verdict::Secure => match tls {
            Some(t) => format!("{} {}, certificate trusted", t.version, t.cipher_suite),
            None => "secure".to_owned(),
        },
        Verdict::InsecurePlaintextOnly { reason } => match reason {
            PlaintextReason::PlainEndpoint => {
                "no encryption: anyone on the network path can read this connection".to_owned()
            }
            PlaintextReason::StarttlsNotOffered => {
                "STARTTLS is not offered: plaintext only".to_owned()
            }
            PlaintextReason::StarttlsRefused => "STARTTLS was refused: plaintext only".to_owned(),
        },
        Verdict::TlsError { tls_kind } => match (error, tls) {
            (Some(e), _) => e.to_string(),
            (None, Some(t)) => certificate_problem(*tls_kind, t),
            (None, None) => format!("TLS error: {tls_kind}"),
        },
        Verdict::Refused
        | Verdict::TimedOut { .. }
        | Verdict::ProtocolError
        | Verdict::DnsError => match error {
            Some(e) => e.to_string(),
            None => verdict.name().to_owned(),
        },
    }
}

/// The endpoint to use for one protocol, per RFC 8314.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Recommendation {
    /// The protocol.
    pub protocol: Protocol,
    /// The best secure endpoint; `None` when no endpoint was secure.
    pub endpoint: Option<Endpoint>,
    /// Other secure endpoints, best first.
    pub alternatives: Vec<Endpoint>,
}

/// Rank of a secure endpoint: implicit TLS first (RFC 8314 §3), then STARTTLS;
/// for SMTP, submission ports before relay port 25.
fn rank(r: &EndpointReport) -> (u8, u8, u64) {
    let security = match r.endpoint.security {
        Security::Tls => 0,
        Security::Starttls => 1,
        Security::Plain => 2,
    };
    let port = match (r.endpoint.protocol, r.endpoint.port) {
        (Protocol::Smtp, 465 | 587) | (Protocol::Pop3, 995 | 110) | (Protocol::Imap, 993 | 143) => {
            0
        }
        (Protocol::Smtp, 25) => 2,
        _ => 1,
    };
    (security, port, r.timings.total_ms)
}

/// One recommendation per protocol in `protocols`: secure endpoints only,
/// ranked per RFC 8314. Plaintext is never recommended.
pub fn recommend(reports: &[EndpointReport], protocols: &[Protocol]) -> Vec<Recommendation> {
    protocols
        .iter()
        .map(|&protocol| {
            let mut secure: Vec<&EndpointReport> = reports
                .iter()
                .filter(|r| r.endpoint.protocol == protocol && r.verdict.is_secure())
                .collect();
            secure.sort_by_key(|r| rank(r));
            let mut eps = secure.into_iter().map(|r| r.endpoint.clone());
            Recommendation {
                protocol,
                endpoint: eps.next(),
                alternatives: eps.collect(),
            }
        })
        .collect()
}

/// The identifier of the JSON document format written by `mailconf probe --json`.
pub const JSON_SCHEMA_ID: &str = "mailconf-probe/1";

/// The whole result of a probe, as `mailconf probe --json` prints it
/// (see `docs/probe-json.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProbeSummary {
    /// Always `mailconf-probe/1` for this version of the format.
    pub schema: String,
    /// The target as given on the command line (absent with only `--endpoint`).
    pub target: Option<String>,
    /// One report per endpoint, in the order they were requested.
    pub endpoints: Vec<EndpointReport>,
    /// One recommendation per requested protocol.
    pub recommendations: Vec<Recommendation>,
    /// Advice for the user, most severe first (see `src/advice/`).
    pub advice: Vec<crate::advice::Advice>,
    /// The process exit code: 0 every requested protocol has a secure endpoint
    /// (and, with credentials, a successful login), 1 not.
    pub exit_code: u8,
}

impl ProbeSummary {
    /// Builds the summary and computes recommendations and the exit code.
    pub fn new(target: Option<String>, endpoints: Vec<EndpointReport>) -> ProbeSummary {
        let mut protocols: Vec<Protocol> = endpoints.iter().map(|r| r.endpoint.protocol).collect();
        protocols.sort();
        protocols.dedup();
        let recommendations = recommend(&endpoints, &protocols);
        let with_login = endpoints.iter().any(|r| r.login.is_some());
        let login_ok = |p: Protocol| {
            endpoints.iter().any(|r| {
                r.endpoint.protocol == p && r.login.as_ref().is_some_and(|l| l.result.is_success())
            })
        };
        let all_secure = !recommendations.is_empty()
            && recommendations
                .iter()
                .all(|r| r.endpoint.is_some() && (!with_login || login_ok(r.protocol)));
        ProbeSummary {
            schema: JSON_SCHEMA_ID.to_owned(),
            target,
            endpoints,
            recommendations,
            advice: Vec::new(),
            exit_code: if all_secure { 0 } else { 1 },
        }
    }
}
