//! Typed errors of the probe.
//!
//! [`ProtocolError`] is what a sans-IO machine can say about the bytes it was
//! given; [`ProbeError`] adds what only the driver sees (DNS, sockets, TLS,
//! deadlines). Callers match the variants (or [`ProbeError::kind_name`] in
//! JSON), never the message.

use schemars::JsonSchema;
use serde::Serialize;

use super::tls::TlsErrorKind;
use super::transcript::Redactor;
use crate::server_text::ServerText;

/// Something wrong with what the server said.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ProtocolError {
    /// A line longer than the cap (10 MB without CRLF, for example).
    #[error("the server sent a line longer than {max} bytes")]
    LineTooLong {
        /// The cap in bytes.
        max: usize,
    },
    /// A multi-line reply with more lines than the cap.
    #[error("the server sent a reply of more than {max} lines")]
    TooManyLines {
        /// The cap in lines.
        max: usize,
    },
    /// A reply (or unrequested data) larger than the cap.
    #[error("the server sent more than {max} bytes in one reply")]
    TooManyBytes {
        /// The cap in bytes.
        max: usize,
    },
    /// A line that is not valid for the protocol.
    #[error("malformed reply ({reason}): {line}")]
    Malformed {
        /// What is wrong.
        reason: &'static str,
        /// The line, escaped.
        line: ServerText,
    },
    /// The greeting says the server does not want us (`-ERR`, `554`, `* BYE`).
    #[error("the server refused the session: {reply}")]
    Rejected {
        /// The server's reply, escaped.
        reply: ServerText,
    },
    /// A negative reply the probe cannot go on from.
    #[error("the server answered {command} with: {reply}")]
    Unexpected {
        /// The command that was answered.
        command: &'static str,
        /// The reply, escaped.
        reply: ServerText,
    },
    /// Bytes arrived after the STLS/STARTTLS go-ahead and before the TLS handshake:
    /// someone (a man in the middle, or a broken server) injected plaintext that a
    /// naive client would later treat as protected.
    #[error(
        "response injection: {bytes} bytes arrived after the {command} go-ahead, before TLS; aborted"
    )]
    ResponseInjection {
        /// STLS or STARTTLS.
        command: &'static str,
        /// How many bytes were waiting.
        bytes: usize,
    },
    /// The server closed the connection too early.
    #[error("the server closed the connection while the probe was waiting for {during}")]
    UnexpectedEof {
        /// What the probe was waiting for.
        during: &'static str,
    },
    /// The machine was used after it finished (a driver bug).
    #[error("the protocol session has already finished")]
    Finished,
}

impl ProtocolError {
    /// A stable kebab-case name for JSON and the transcript tests:
    /// `line-too-long`, `malformed`, `response-injection`…
    pub fn kind_name(&self) -> &'static str {
        match self {
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

    /// The error with every form of the secret scrubbed from the server text it quotes.
    pub(crate) fn redacted(self, r: &Redactor) -> ProtocolError {
        if r.is_empty() {
            return self;
        }
        match self {
            ProtocolError::Malformed { reason, line } => ProtocolError::Malformed {
                reason,
                line: r.text(&line),
            },
            ProtocolError::Rejected { reply } => ProtocolError::Rejected {
                reply: r.text(&reply),
            },
            ProtocolError::Unexpected { command, reply } => ProtocolError::Unexpected {
                command,
                reply: r.text(&reply),
            },
            other => other,
        }
    }
}

/// The phase a deadline cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TimeoutPhase {
    /// No TCP connection within the connect deadline: usually a filtered port.
    Connect,
    /// A reply (greeting, capabilities, STARTTLS…) did not complete in time.
    Reply,
    /// The TLS handshake did not complete in time.
    TlsHandshake,
    /// The overall deadline of the probe ran out.
    Overall,
}

/// How a host name failed to resolve. Only the DNS saying so makes a host
/// gone; a lookup that got no answer says nothing about the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DnsFailure {
    /// The DNS answered that the name does not exist (NXDOMAIN) or has no
    /// address (no A/AAAA records).
    NoSuchHost,
    /// No such answer: the lookup timed out, the DNS server failed
    /// (SERVFAIL) or could not be reached, there is no network.
    LookupFailed,
}

/// Why a name lookup failed: its kind, and the resolver's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// Whether the DNS said the name has no address.
    pub failure: DnsFailure,
    /// The resolver's message (shown verbatim after the sentence).
    pub message: String,
}

/// Why one endpoint's probe failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    /// The host name could not be resolved.
    #[error("DNS lookup of {host} failed: {message}")]
    Dns {
        /// The host name.
        host: String,
        /// Whether the DNS said the name has no address, or gave no answer.
        failure: DnsFailure,
        /// The resolver's message.
        message: String,
    },
    /// Every address refused the connection (RST).
    #[error("connection refused by {addr}")]
    Refused {
        /// The last address tried.
        addr: String,
    },
    /// The network said no route (no IPv6, host unreachable…).
    #[error("cannot reach {addr}: {message}")]
    Unreachable {
        /// The last address tried.
        addr: String,
        /// The system's message.
        message: String,
    },
    /// A deadline ran out.
    #[error("{}", timeout_message(*.phase, *.after_ms))]
    Timeout {
        /// What was cut.
        phase: TimeoutPhase,
        /// The deadline in milliseconds.
        after_ms: u64,
    },
    /// TLS could not be established (handshake failure, or an invalid
    /// certificate with verification enforced).
    #[error("TLS failed ({kind}): {message}")]
    Tls {
        /// The kind, for verdicts and advice.
        kind: TlsErrorKind,
        /// rustls's message.
        message: String,
    },
    /// The server broke the protocol.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// The connection failed after it was established (reset, broken pipe…).
    #[error("connection error: {message}")]
    Io {
        /// The system's message.
        message: String,
    },
    /// The probe was cancelled.
    #[error("cancelled")]
    Cancelled,
}

fn timeout_message(phase: TimeoutPhase, after_ms: u64) -> String {
    let secs = format_secs(after_ms);
    match phase {
        TimeoutPhase::Connect => {
            format!("no answer in {secs} s: probably blocked by a firewall or your ISP")
        }
        TimeoutPhase::Reply => format!("the server did not complete its reply within {secs} s"),
        TimeoutPhase::TlsHandshake => format!("the TLS handshake did not complete within {secs} s"),
        TimeoutPhase::Overall => format!("the probe did not finish within {secs} s"),
    }
}

/// Milliseconds as seconds for messages: `5`, `1.5`.
pub(crate) fn format_secs(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        let s = format!("{:.3}", ms as f64 / 1000.0);
        s.trim_end_matches('0').to_owned()
    }
}

impl ProbeError {
    /// A stable kebab-case name for JSON and advice: `dns`, `refused`,
    /// `unreachable`, `timeout`, `tls`, `protocol`, `io`, `cancelled`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            ProbeError::Dns { .. } => "dns",
            ProbeError::Refused { .. } => "refused",
            ProbeError::Unreachable { .. } => "unreachable",
            ProbeError::Timeout { .. } => "timeout",
            ProbeError::Tls { .. } => "tls",
            ProbeError::Protocol(_) => "protocol",
            ProbeError::Io { .. } => "io",
            ProbeError::Cancelled => "cancelled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeout_messages_name_the_deadline() {
        let e = ProbeError::Timeout {
            phase: TimeoutPhase::Connect,
            after_ms: 5000,
        };
        assert_eq!(
            e.to_string(),
            "no answer in 5 s: probably blocked by a firewall or your ISP"
        );
        assert_eq!(e.kind_name(), "timeout");
        let e = ProbeError::Timeout {
            phase: TimeoutPhase::Reply,
            after_ms: 1500,
        };
        assert!(e.to_string().contains("1.5 s"));
    }
}
