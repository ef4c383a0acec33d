//! The verdict on one endpoint ([`Verdict`]) and how it follows from the way
//! its probe ended ([`verdict_for`]): a trusted TLS session is secure, a
//! working plaintext session is not, and every failure keeps its kind.

use schemars::JsonSchema;
use serde::Serialize;

use crate::probe::error::{DnsFailure, ProbeError, TimeoutPhase};
use crate::probe::session::{SessionReport, StarttlsOutcome};
use crate::probe::tls::{ChainVerdict, TlsErrorKind, TlsReport};
use crate::providers::Security;

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
    DnsError {
        /// Whether the DNS said the name has no address (`no-such-host`), or
        /// no answer was had (`lookup-failed`: nothing is known of the server).
        failure: DnsFailure,
    },
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
            Verdict::DnsError { .. } => "dns-error",
        }
    }

    /// Only [`Verdict::Secure`] endpoints may ever carry credentials.
    pub fn is_secure(&self) -> bool {
        matches!(self, Verdict::Secure)
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
            ProbeError::Dns { failure, .. } => Verdict::DnsError { failure: *failure },
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
