//! What a probe reports about each endpoint: verdicts, timings, TLS, session,
//! transcript and login.
//!
//! These types are the stable shape of each endpoint in `mailconf probe --json`
//! (documented in `docs/probe-json.md`; the JSON Schema is generated from the
//! whole document, [`crate::check::summary::ProbeSummary`]). The way in is in
//! [`endpoint`], the verdict in [`verdict`], the sentence people read in
//! [`summary`] (made from the typed facts by the message catalog).

pub mod endpoint;
pub mod summary;
pub mod verdict;

use std::net::{IpAddr, SocketAddr};

use schemars::JsonSchema;
use serde::Serialize;

use super::error::ProbeError;
use super::login::LoginReport;
use super::session::SessionReport;
use super::tls::TlsReport;
use super::transcript::Transcript;
use crate::server_text::ServerText;

pub use endpoint::Endpoint;
pub use summary::{summary_for, summary_in};
pub use verdict::{PlaintextReason, Verdict, verdict_for};

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

// The typed error is kept for people (rendered in their language from the
// catalog); its kind names and English words are derived for the JSON.
/// An error, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErrorInfo {
    /// The error itself; what every sentence about it is made from.
    #[serde(skip)]
    #[schemars(skip)]
    pub typed: Option<ProbeError>,
    /// `dns`, `refused`, `unreachable`, `timeout`, `tls`, `protocol`, `io`, `cancelled`.
    pub kind: String,
    /// For protocol errors: the precise kind (`line-too-long`, `response-injection`…).
    pub protocol_kind: Option<String>,
    /// Human-readable message (English; escaped).
    pub message: ServerText,
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
    /// One-line human explanation of the verdict (English; escaped).
    pub summary: ServerText,
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
    /// The report's [`ErrorInfo`] of a probe error: the error kept typed, its
    /// kind names and English message derived for the JSON.
    pub(crate) fn error_info(e: &ProbeError) -> ErrorInfo {
        let protocol_kind = match e {
            ProbeError::Protocol(p) => Some(p.kind_name().to_owned()),
            _ => None,
        };
        ErrorInfo {
            typed: Some(e.clone()),
            kind: e.kind_name().to_owned(),
            protocol_kind,
            message: ServerText::new(&e.to_string()),
        }
    }
}
