//! What the three protocol machines share: the bounded input plumbing
//! (`Wire`), the answer type ([`Step`]), the session report, and the
//! [`ProtocolMachine`] trait the driver pumps.
//!
//! A machine never sees a socket, a clock or rustls. The driver feeds it bytes
//! ([`ProtocolMachine::input`]), tells it when TLS is up
//! ([`ProtocolMachine::tls_established`]) or the peer closed
//! ([`ProtocolMachine::eof`]), and carries out the returned [`Step`].
//!
//! Contract for drivers: after any `Step` other than `NeedMore`, call
//! `input(&[])` again before reading from the network, so that lines already
//! buffered are processed. `StartTls` is only returned when nothing is buffered.

use schemars::JsonSchema;
use serde::Serialize;

use std::sync::Arc;

use super::caps::Capabilities;
use super::error::ProtocolError;
use super::line::{Frame, LineFramer};
use super::login::{LoginReport, LoginRequest, NotTriedReason};
use super::reply::Limits;
use super::transcript::{LogEntry, Outgoing, Redactor};
use crate::providers::{Protocol, Security};
use crate::server_text::ServerText;

/// What the driver must do next.
#[derive(Debug)]
pub enum Step {
    /// Read more bytes and call `input`.
    NeedMore,
    /// Write this command, then call `input(&[])`.
    Send(Outgoing),
    /// Start the TLS handshake on the same connection, then call `tls_established`.
    StartTls,
    /// The machine is ready to send credentials: the driver applies the login
    /// policy and the lockout gate, then calls [`ProtocolMachine::login_decision`].
    Login,
    /// The session ended well; close the connection.
    Done(Box<SessionReport>),
    /// The session failed; close the connection. [`ProtocolMachine::report`] has what was learnt.
    Fail(ProtocolError),
}

/// What happened to STLS/STARTTLS on this endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum StarttlsOutcome {
    /// Not part of this endpoint's mode (implicit TLS, or plain).
    NotApplicable,
    /// The server did not announce STLS/STARTTLS.
    NotOffered,
    /// The server answered STLS/STARTTLS negatively.
    Refused {
        /// The reply, escaped.
        reply: ServerText,
    },
    /// The go-ahead was given; TLS was attempted.
    Upgraded,
}

/// What a machine learnt about the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SessionReport {
    /// The greeting, escaped (all lines for SMTP, joined with ` / `).
    pub greeting: Option<ServerText>,
    /// POP3 only: the APOP timestamp in the greeting.
    pub apop_timestamp: Option<ServerText>,
    /// IMAP only: the greeting was `PREAUTH` (already logged in).
    pub preauth: bool,
    /// Capabilities read over plaintext (never used once TLS is up).
    pub caps_before_tls: Option<Capabilities>,
    /// Capabilities read over TLS: the only ones to use.
    pub caps_after_tls: Option<Capabilities>,
    /// STLS/STARTTLS outcome.
    pub starttls: StarttlsOutcome,
    /// Whether the server answered QUIT/LOGOUT.
    pub quit_acknowledged: bool,
    /// The login test, when credentials were configured (the driver moves it
    /// into [`EndpointReport::login`](super::report::EndpointReport::login)).
    #[serde(skip)]
    #[schemars(skip)]
    pub login: Option<LoginReport>,
}

impl SessionReport {
    fn new() -> SessionReport {
        SessionReport {
            greeting: None,
            apop_timestamp: None,
            preauth: false,
            caps_before_tls: None,
            caps_after_tls: None,
            starttls: StarttlsOutcome::NotApplicable,
            quit_acknowledged: false,
            login: None,
        }
    }

    /// The capabilities a client should use: after TLS when TLS was used, else the plaintext ones.
    pub fn effective_caps(&self) -> Option<&Capabilities> {
        self.caps_after_tls
            .as_ref()
            .or(self.caps_before_tls.as_ref())
    }
}

/// Settings of a machine.
#[derive(Debug, Clone)]
pub struct MachineConfig {
    /// Caps on lines and replies.
    pub limits: Limits,
    /// Name for SMTP EHLO/HELO: an FQDN or an address literal such as `[192.0.2.1]`.
    pub client_name: String,
    /// Credentials to test; `None`: no login step at all.
    pub login: Option<Arc<LoginRequest>>,
}

impl Default for MachineConfig {
    fn default() -> Self {
        MachineConfig {
            limits: Limits::default(),
            client_name: "[127.0.0.1]".to_owned(),
            login: None,
        }
    }
}

/// A sans-IO protocol session, as the driver sees it.
pub trait ProtocolMachine: Send {
    /// Feeds received bytes (or `&[]` to process what is buffered).
    fn input(&mut self, bytes: &[u8]) -> Step;
    /// TLS is established (implicit TLS: before the greeting; STARTTLS: after the go-ahead).
    fn tls_established(&mut self) -> Step;
    /// The server closed the connection.
    fn eof(&mut self) -> Step;
    /// The answer to [`Step::Login`]: `Ok` sends the credentials, `Err` skips
    /// the login (recorded as not tried) and ends the session politely.
    fn login_decision(&mut self, decision: Result<(), NotTriedReason>) -> Step;
    /// Transcript entries queued since the last call (the driver stamps them).
    fn take_log(&mut self) -> Vec<LogEntry>;
    /// What was learnt so far (also after a failure).
    fn report(&self) -> SessionReport;
    /// Whether the greeting has been read completely.
    fn greeting_done(&self) -> bool;
    /// What the machine is waiting for, for timeout messages (`greeting`, `CAPA reply`…).
    fn waiting_for(&self) -> &'static str;
}

/// Where a machine stands, as far as the plumbing shared by all three cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Waiting for the driver's TLS handshake.
    AwaitTls,
    /// Waiting for the driver's decision to log in.
    AwaitLogin,
    /// QUIT or LOGOUT was sent: the server closing now is the normal end.
    Closing,
    /// Done or failed: nothing more happens.
    Finished,
    /// In the middle of the conversation.
    Talking,
}

/// What each protocol machine writes itself. [`ProtocolMachine`] follows from
/// it (the blanket impl below), so input framing, the checks that the driver
/// calls in the right order, the end of a session and the report work the same
/// in POP3, SMTP and IMAP.
pub(crate) trait Dialogue: Send {
    /// The input plumbing and the report.
    fn wire(&mut self) -> &mut Wire;
    /// The same, to read.
    fn wire_ref(&self) -> &Wire;
    /// The current state, coarsely.
    fn phase(&self) -> Phase;
    /// Marks the session finished (after `Done` or a failure).
    fn finish(&mut self);
    /// Handles one complete line from the server.
    fn on_line(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError>;
    /// TLS is up (the phase was `AwaitTls`): implicit TLS waits for the
    /// greeting, STARTTLS asks for the capabilities again.
    fn on_tls(&mut self) -> Step;
    /// Sends the credentials (the phase was `AwaitLogin`).
    fn login(&mut self) -> Step;
    /// Ends the session politely: QUIT or LOGOUT.
    fn close(&mut self) -> Step;
    /// What the current state waits for ([`ProtocolMachine::waiting_for`]).
    fn awaiting(&self) -> &'static str;

    /// `r` as a step; the session is finished when the step ends it. An error
    /// carries server text: scrubbed of the secret like everything else.
    fn settle(&mut self, r: Result<Step, ProtocolError>) -> Step {
        let step = match r {
            Ok(step) => step,
            Err(e) => Step::Fail(e.redacted(&self.wire_ref().redactor)),
        };
        if matches!(step, Step::Done(_) | Step::Fail(_)) {
            self.finish();
        }
        step
    }
}

impl<M: Dialogue> ProtocolMachine for M {
    fn input(&mut self, bytes: &[u8]) -> Step {
        if self.phase() == Phase::Finished {
            return Step::Fail(ProtocolError::Finished);
        }
        let r = pump(self, |m| m.wire(), bytes, |m, line| m.on_line(line));
        self.settle(r)
    }

    fn tls_established(&mut self) -> Step {
        if self.phase() != Phase::AwaitTls {
            return self.settle(Err(ProtocolError::Finished));
        }
        self.on_tls()
    }

    fn login_decision(&mut self, decision: Result<(), NotTriedReason>) -> Step {
        if self.phase() != Phase::AwaitLogin {
            return self.settle(Err(ProtocolError::Finished));
        }
        match decision {
            Ok(()) => self.login(),
            Err(reason) => {
                self.wire().report.login = Some(LoginReport::not_tried(reason));
                self.close()
            }
        }
    }

    fn eof(&mut self) -> Step {
        let r = match self.phase() {
            Phase::Closing => Ok(Step::Done(Box::new(self.wire_ref().report.clone()))),
            Phase::Finished => Err(ProtocolError::Finished),
            _ => Err(ProtocolError::UnexpectedEof {
                during: self.awaiting(),
            }),
        };
        self.settle(r)
    }

    fn take_log(&mut self) -> Vec<LogEntry> {
        self.wire().take_log()
    }

    fn report(&self) -> SessionReport {
        self.wire_ref().report.clone()
    }

    fn greeting_done(&self) -> bool {
        self.wire_ref().report.greeting.is_some()
    }

    fn waiting_for(&self) -> &'static str {
        self.awaiting()
    }
}

/// Builds the machine for `protocol` in `security` mode.
pub fn machine_for(
    protocol: Protocol,
    security: Security,
    config: MachineConfig,
) -> Box<dyn ProtocolMachine> {
    match protocol {
        Protocol::Pop3 => Box::new(super::pop3::Pop3Machine::new(security, config)),
        Protocol::Smtp => Box::new(super::smtp::SmtpMachine::new(security, config)),
        Protocol::Imap => Box::new(super::imap::ImapMachine::new(security, config)),
    }
}

/// Bounded input plumbing and transcript queue shared by the machines.
///
/// Every server line that is recorded or shown goes through the [`Redactor`]
/// first ([`Wire::text`], the transcript in [`Wire::next_line`], errors in
/// `settle`): a server that echoes the secret back gets `[redacted]`.
#[derive(Debug)]
pub(crate) struct Wire {
    framer: LineFramer,
    /// Bytes received that did not fit into the framer yet (bounded by `max_reply_bytes`).
    backlog: Vec<u8>,
    /// More than `max_reply_bytes` were waiting: fail once the backlog drains.
    overflow: bool,
    pub(crate) limits: Limits,
    log: Vec<LogEntry>,
    pub(crate) report: SessionReport,
    /// The forms of the secret known so far (from the credentials, and every
    /// secret part of a command as it is sent).
    redactor: Redactor,
}

impl Wire {
    pub(crate) fn new(limits: Limits, login: Option<&LoginRequest>) -> Wire {
        let mut redactor = Redactor::default();
        if let Some(l) = login {
            l.credentials.add_secret_forms(&mut redactor);
        }
        Wire {
            framer: LineFramer::new(limits.max_line),
            backlog: Vec::new(),
            overflow: false,
            limits,
            log: Vec::new(),
            report: SessionReport::new(),
            redactor,
        }
    }

    /// Server bytes as text to record or show: the secret scrubbed, then escaped.
    pub(crate) fn text(&self, bytes: &[u8]) -> ServerText {
        ServerText::from_bytes(&self.redactor.bytes(bytes))
    }

    /// TLS is up: nothing read before the handshake may carry over into the
    /// protected session (RFC 2595 §4, RFC 3207 §4.2). The caller has checked
    /// that nothing was buffered; this also drops a pending literal skip.
    pub(crate) fn reset_at_tls(&mut self) {
        self.framer = LineFramer::new(self.limits.max_line);
        self.backlog.clear();
        self.overflow = false;
    }

    /// Accepts received bytes, keeping memory bounded.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        if self.backlog.is_empty() {
            let n = self.framer.push(rest);
            rest = &rest[n..];
        }
        let room = self
            .limits
            .max_reply_bytes
            .saturating_sub(self.backlog.len());
        if rest.len() > room {
            self.overflow = true;
        }
        self.backlog
            .extend_from_slice(&rest[..rest.len().min(room)]);
    }

    /// The next complete line (recorded in the transcript), `None` when more bytes are needed.
    pub(crate) fn next_line(&mut self) -> Result<Option<Vec<u8>>, ProtocolError> {
        loop {
            match self.framer.next_frame() {
                Frame::Line(line) => {
                    self.log.push(LogEntry::server(&self.redactor.bytes(&line)));
                    return Ok(Some(line));
                }
                Frame::TooLong => {
                    return Err(ProtocolError::LineTooLong {
                        max: self.limits.max_line,
                    });
                }
                Frame::NeedMore => {
                    if self.backlog.is_empty() {
                        if self.overflow {
                            return Err(ProtocolError::TooManyBytes {
                                max: self.limits.max_reply_bytes,
                            });
                        }
                        return Ok(None);
                    }
                    let n = self.framer.push(&self.backlog);
                    self.backlog.drain(..n);
                }
            }
        }
    }

    /// Bytes received but not yet consumed as lines.
    pub(crate) fn pending(&self) -> usize {
        self.framer.buffered() + self.backlog.len() + usize::from(self.overflow)
    }

    /// Skips an IMAP literal's payload.
    pub(crate) fn skip(&mut self, n: usize) {
        self.framer.skip(n);
    }

    /// Records and returns a command (learning the secret form it carries).
    pub(crate) fn send(&mut self, out: Outgoing) -> Step {
        if let Some(secret) = out.carried_secret() {
            self.redactor.add(secret);
        }
        self.log.push(LogEntry {
            dir: super::transcript::Direction::Client,
            text: out.shown().to_owned(),
        });
        Step::Send(out)
    }

    /// Fails with `command`'s response-injection error if anything is buffered.
    pub(crate) fn check_no_injection(&self, command: &'static str) -> Result<(), ProtocolError> {
        match self.pending() {
            0 => Ok(()),
            bytes => Err(ProtocolError::ResponseInjection { command, bytes }),
        }
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.log.push(LogEntry::info(text));
    }

    pub(crate) fn take_log(&mut self) -> Vec<LogEntry> {
        std::mem::take(&mut self.log)
    }
}

/// Runs `handle` on each buffered line until it produces a step other than `NeedMore`.
pub(crate) fn pump<M>(
    machine: &mut M,
    wire: impl Fn(&mut M) -> &mut Wire,
    bytes: &[u8],
    mut handle: impl FnMut(&mut M, Vec<u8>) -> Result<Step, ProtocolError>,
) -> Result<Step, ProtocolError> {
    wire(machine).feed(bytes);
    while let Some(line) = wire(machine).next_line()? {
        match handle(machine, line)? {
            Step::NeedMore => {}
            other => return Ok(other),
        }
    }
    Ok(Step::NeedMore)
}
