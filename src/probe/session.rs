//! What the three protocol machines share: the bounded input plumbing
//! (`Wire`), the answer type ([`Step`]), the session report, the
//! [`ProtocolMachine`] trait the driver pumps, and the steps every protocol
//! takes alike (`Machine`: capabilities, STARTTLS, the login's bookkeeping,
//! the goodbye), so that each protocol's module holds only what that
//! protocol says (`Dialogue`).
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
use super::login::{
    Basis, BearerError, Credentials, FailedReply, LoginOutcome, LoginReport, LoginRequest,
    NotTriedReason, base64, classify,
};
use super::reply::Limits;
use super::transcript::{LogEntry, Outgoing, Redactor};
use crate::providers::{KnownReply, Protocol, SaslMechanism, Security};
use crate::server_text::ServerText;
use secrecy::zeroize::Zeroizing;

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
    /// Whether the server answered QUIT/LOGOUT. The answer is read only
    /// after a login test; otherwise the probe closes without waiting, and
    /// this is false.
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
    /// Server bytes the driver read itself (the peek after a STARTTLS
    /// go-ahead), as the machine records its own: the secret scrubbed, escaped.
    fn server_text(&self, bytes: &[u8]) -> ServerText;
}

/// Where a machine stands. The stages every protocol goes through are shared,
/// so the plumbing around them (the checks that the driver calls in the right
/// order, STARTTLS, the login, the goodbye) is written once; `Talking` holds
/// the protocol's own states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage<S> {
    /// Waiting for the driver's TLS handshake (implicit TLS, or after the go-ahead).
    AwaitTls,
    /// Waiting for the greeting.
    Greeting,
    /// STLS/STARTTLS sent: waiting for the go-ahead.
    Upgrading,
    /// Waiting for the driver's decision to log in.
    AwaitLogin,
    /// QUIT or LOGOUT was sent. With `wait_for_reply` (only after a login
    /// command went out) the server's answer or its close ends the session;
    /// otherwise the next call does.
    Closing {
        /// Whether the answer to QUIT/LOGOUT is awaited.
        wait_for_reply: bool,
    },
    /// Done or failed: nothing more happens.
    Finished,
    /// A state of the protocol's own.
    Talking(S),
}

/// The command that starts TLS on a plaintext connection: STLS (POP3,
/// RFC 2595) or STARTTLS (SMTP, IMAP).
pub(crate) fn upgrade_command(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Pop3 => "STLS",
        Protocol::Smtp | Protocol::Imap => "STARTTLS",
    }
}

/// The command that ends a session: QUIT, or LOGOUT in IMAP.
fn close_command(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Pop3 | Protocol::Smtp => "QUIT",
        Protocol::Imap => "LOGOUT",
    }
}

/// What a protocol adds to the shared [`Machine`]: its own states and data,
/// and how it handles a line. The rest (the order checks, STARTTLS, the
/// login's bookkeeping, the goodbye, the report) is [`Machine`]'s, the same
/// in POP3, SMTP and IMAP.
pub(crate) trait Dialogue: Sized + Send {
    /// The protocol's own states.
    type State: std::fmt::Debug + Send;
    /// Which protocol this is.
    const PROTOCOL: Protocol;

    /// The protocol's own data for a new session.
    fn new(config: &MachineConfig) -> Self;
    /// Handles one complete line from the server (in the stages where the
    /// server may speak; `Machine::handle_line` answers the others).
    fn on_line(m: &mut Machine<Self>, line: Vec<u8>) -> Result<Step, ProtocolError>;
    /// Writes a command and moves to `next` (IMAP tags it).
    fn command(m: &mut Machine<Self>, line: &str, next: Stage<Self::State>) -> Step {
        m.stage = next;
        m.wire.send(Outgoing::command(line))
    }
    /// Writes a command whose tail is secret and moves to `next` (IMAP tags it).
    fn secret_command(
        m: &mut Machine<Self>,
        visible: &str,
        secret: &[u8],
        next: Stage<Self::State>,
    ) -> Step {
        m.stage = next;
        m.wire.send(Outgoing::secret_arg(visible, secret))
    }
    /// Forgets what the protocol's own data read before TLS.
    fn reset_at_tls(&mut self) {}
    /// Asks for the capabilities (CAPA, EHLO, CAPABILITY).
    fn ask_capabilities(m: &mut Machine<Self>) -> Step;
    /// Sends `credentials` with the best mechanism the capabilities offer.
    fn login(m: &mut Machine<Self>, credentials: &Credentials) -> Step;
    /// What a state of the protocol's own waits for ([`ProtocolMachine::waiting_for`]).
    fn awaiting(state: &Self::State) -> &'static str;
}

/// A sans-IO session of protocol `P`: what every protocol keeps, and `P`'s
/// own part.
#[derive(Debug)]
pub(crate) struct Machine<P: Dialogue> {
    /// The input plumbing and the report.
    pub(crate) wire: Wire,
    pub(crate) stage: Stage<P::State>,
    pub(crate) security: Security,
    pub(crate) tls_active: bool,
    pub(crate) login: Option<Arc<LoginRequest>>,
    /// The bearer mechanism of the login in progress (XOAUTH2/OAUTHBEARER).
    pub(crate) bearer: Option<SaslMechanism>,
    /// The server already sent its bearer error challenge (one is answered).
    pub(crate) bearer_challenged: bool,
    /// The protocol's own data.
    pub(crate) own: P,
}

impl<P: Dialogue> Machine<P> {
    /// A session for an endpoint in `security` mode; implicit TLS starts by
    /// waiting for the handshake, the others for the greeting.
    pub(crate) fn new(security: Security, config: MachineConfig) -> Machine<P> {
        Machine {
            wire: Wire::new(config.limits, config.login.as_deref()),
            stage: if security == Security::Tls {
                Stage::AwaitTls
            } else {
                Stage::Greeting
            },
            security,
            tls_active: false,
            bearer: None,
            bearer_challenged: false,
            own: P::new(&config),
            login: config.login,
        }
    }

    /// Writes a command and moves to `next`.
    pub(crate) fn command(&mut self, line: &str, next: Stage<P::State>) -> Step {
        P::command(self, line, next)
    }

    /// Writes a command and moves to the protocol's own state `next`.
    pub(crate) fn send(&mut self, line: &str, next: P::State) -> Step {
        self.command(line, Stage::Talking(next))
    }

    /// Writes a command whose tail is secret and moves to `next`.
    pub(crate) fn secret_command(
        &mut self,
        visible: &str,
        secret: &[u8],
        next: Stage<P::State>,
    ) -> Step {
        P::secret_command(self, visible, secret, next)
    }

    /// Whether the protocol's own `state` is the current one.
    pub(crate) fn is_in(&self, state: &P::State) -> bool
    where
        P::State: PartialEq,
    {
        matches!(&self.stage, Stage::Talking(s) if s == state)
    }

    /// `r` as a step; the session is finished when the step ends it. An error
    /// carries server text: scrubbed of the secret like everything else.
    fn settle(&mut self, r: Result<Step, ProtocolError>) -> Step {
        let step = match r {
            Ok(step) => step,
            Err(e) => Step::Fail(e.redacted(&self.wire.redactor)),
        };
        if matches!(step, Step::Done(_) | Step::Fail(_)) {
            self.stage = Stage::Finished;
        }
        step
    }

    /// One complete line from the server. In the two stages where the
    /// server has nothing to say, a line is an error the same in every
    /// protocol; otherwise the protocol handles it.
    fn handle_line(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError> {
        match self.stage {
            // Plaintext between the go-ahead and the handshake (F7).
            Stage::AwaitTls => Err(ProtocolError::ResponseInjection {
                command: upgrade_command(P::PROTOCOL),
                bytes: line.len() + 2,
            }),
            Stage::AwaitLogin => Err(ProtocolError::Malformed {
                reason: "the server spoke while the client was deciding to log in",
                line: self.wire.text(&line),
            }),
            _ => P::on_line(self, line),
        }
    }

    /// Records capabilities: after TLS when TLS is up, else before.
    pub(crate) fn store_caps(&mut self, caps: Capabilities) {
        let report = &mut self.wire.report;
        if self.tls_active {
            report.caps_after_tls = Some(caps);
        } else {
            report.caps_before_tls = Some(caps);
        }
    }

    /// Capabilities are known: upgrade to TLS, ask to log in, or say goodbye.
    pub(crate) fn after_capabilities(&mut self, starttls_offered: bool) -> Step {
        if self.security == Security::Starttls && !self.tls_active {
            if starttls_offered {
                return self.command(upgrade_command(P::PROTOCOL), Stage::Upgrading);
            }
            self.wire.report.starttls = StarttlsOutcome::NotOffered;
            return self.close_unencrypted();
        }
        if self.login.is_some() {
            if self.wire.report.preauth {
                self.wire.report.login =
                    Some(LoginReport::not_tried(NotTriedReason::Preauthenticated));
            } else {
                self.stage = Stage::AwaitLogin;
                return Step::Login;
            }
        }
        self.close()
    }

    /// A STARTTLS endpoint that stayed unencrypted: whatever any consent
    /// says, the password is never asked for here (the driver would refuse
    /// too; this keeps the machine honest on its own).
    fn close_unencrypted(&mut self) -> Step {
        if self.login.is_some() {
            self.wire.report.login = Some(LoginReport::not_tried(NotTriedReason::Plaintext));
        }
        self.close()
    }

    /// The answer to STLS/STARTTLS: a go-ahead with nothing buffered behind
    /// it starts TLS; bytes behind it are a response injection; a refusal is
    /// recorded and the session ends unencrypted.
    pub(crate) fn upgrade_answer(
        &mut self,
        go_ahead: bool,
        reply: &[u8],
    ) -> Result<Step, ProtocolError> {
        if go_ahead {
            self.wire.check_no_injection(upgrade_command(P::PROTOCOL))?;
            self.wire.report.starttls = StarttlsOutcome::Upgraded;
            self.stage = Stage::AwaitTls;
            Ok(Step::StartTls)
        } else {
            self.wire.report.starttls = StarttlsOutcome::Refused {
                reply: self.wire.text(reply),
            };
            Ok(self.close_unencrypted())
        }
    }

    /// Ends the session politely with QUIT or LOGOUT. The answer is awaited
    /// only after a login command went out: then it tells that the
    /// authenticated session ended cleanly (a POP3 server commits in its
    /// UPDATE state, RFC 1939 §6). Otherwise nothing in the report depends on
    /// it, and waiting would cost every endpoint one more round trip; the
    /// transcript says that the answer was not read.
    pub(crate) fn close(&mut self) -> Step {
        let wait_for_reply = self.login_sent();
        let step = self.command(
            close_command(P::PROTOCOL),
            Stage::Closing { wait_for_reply },
        );
        if !wait_for_reply {
            self.wire.info("closing without waiting for the answer");
        }
        step
    }

    /// Whether a login command went out ([`Machine::begin_login`]).
    fn login_sent(&self) -> bool {
        self.wire
            .report
            .login
            .as_ref()
            .is_some_and(|l| l.mechanism.is_some())
    }

    /// The server answered QUIT/LOGOUT (`acknowledged`: positively and well
    /// formed), or sent something that ends the session anyway.
    pub(crate) fn said_goodbye(&mut self, acknowledged: bool) -> Step {
        self.wire.report.quit_acknowledged = acknowledged;
        Step::Done(Box::new(self.wire.report.clone()))
    }

    /// A login command is about to go out with `mechanism`: until the server
    /// answers, the login counts as a connection problem.
    pub(crate) fn begin_login(&mut self, mechanism: &str) {
        let mut r = LoginReport::bare(LoginOutcome::ConnectionProblem {
            message: "no answer to the login".to_owned(),
        });
        r.mechanism = Some(mechanism.to_owned());
        self.wire.report.login = Some(r);
    }

    /// Records how the login ended; `reply` is the server's answer, raw.
    pub(crate) fn set_login(
        &mut self,
        outcome: LoginOutcome,
        reply: Option<&[u8]>,
        code: Option<String>,
        basis: Option<Basis>,
    ) {
        let reply = reply.map(|l| self.wire.text(l));
        let r = self
            .wire
            .report
            .login
            .get_or_insert_with(|| LoginReport::bare(LoginOutcome::Success));
        r.result = outcome;
        r.reply = reply;
        r.code = code;
        r.basis = basis;
    }

    /// Records how the login ended and says goodbye.
    pub(crate) fn finish_login(
        &mut self,
        outcome: LoginOutcome,
        reply: Option<&[u8]>,
        code: Option<String>,
        basis: Option<Basis>,
    ) -> Step {
        self.set_login(outcome, reply, code, basis);
        self.close()
    }

    /// No password mechanism the client supports was offered: nothing is sent.
    pub(crate) fn no_mechanism(&mut self, offered: Vec<String>) -> Step {
        self.finish_login(
            LoginOutcome::MechanismNotOffered { offered },
            None,
            None,
            Some(Basis::Session),
        )
    }

    /// The provider's known reply texts (none without credentials).
    pub(crate) fn known_replies(&self) -> Vec<KnownReply> {
        self.login
            .as_ref()
            .map(|l| l.known_replies.clone())
            .unwrap_or_default()
    }

    /// A negative answer to the login (`shown`: the reply as recorded).
    /// Before any secret on plaintext it means "encryption required", unless
    /// the provider's data or a temporary code says otherwise; otherwise the
    /// classification decides.
    pub(crate) fn login_refused(
        &mut self,
        reply: &FailedReply<'_>,
        shown: &[u8],
        secret_sent: bool,
    ) -> Step {
        let (outcome, code, basis) = classify(reply, &self.known_replies());
        let (outcome, basis) = if !secret_sent
            && !self.tls_active
            && basis != Basis::ProviderReply
            && outcome != LoginOutcome::TemporarilyUnavailable
        {
            (LoginOutcome::EncryptionRequired, Basis::Session)
        } else {
            (outcome, basis)
        };
        self.finish_login(outcome, Some(shown), code, Some(basis))
    }

    /// SASL PLAIN with the initial response (`command`: `AUTH PLAIN` or
    /// `AUTHENTICATE PLAIN`); `next` waits for the verdict.
    pub(crate) fn sasl_plain(
        &mut self,
        credentials: &Credentials,
        command: &str,
        next: Stage<P::State>,
    ) -> Step {
        self.begin_login(command);
        let b64 = credentials.sasl_plain_b64();
        self.secret_command(command, b64.as_bytes(), next)
    }

    /// An OAuth2 login with `mechanism` and its initial response:
    /// `{verb} XOAUTH2 [redacted]` (`verb`: `AUTH` or `AUTHENTICATE`); `next`
    /// waits for the verdict or the error challenge.
    pub(crate) fn sasl_bearer(
        &mut self,
        credentials: &Credentials,
        mechanism: SaslMechanism,
        verb: &str,
        next: Stage<P::State>,
    ) -> Step {
        let command = format!("{verb} {}", mechanism.as_str());
        self.begin_login(&command);
        self.bearer = Some(mechanism);
        let b64 = credentials.bearer_b64(mechanism);
        self.secret_command(&command, b64.as_bytes(), next)
    }

    /// The SASL response to a first `+` challenge when no initial response
    /// was sent (IMAP without SASL-IR): the bearer payload or PLAIN's.
    pub(crate) fn first_response(&self, credentials: &Credentials) -> Zeroizing<String> {
        match self.bearer {
            Some(m) => credentials.bearer_b64(m),
            None => credentials.sasl_plain_b64(),
        }
    }

    /// A challenge after the bearer token went out: the server's error JSON
    /// (RFC 7628 §3.2.2), `payload` being its base64. Recorded on the login,
    /// then answered with the dummy response that asks for the final verdict
    /// (`AQ==`, the byte 0x01, for OAUTHBEARER; an empty line for XOAUTH2).
    /// `None` when no bearer login waits for it or one was already answered:
    /// the caller treats it as any unexpected challenge.
    pub(crate) fn bearer_challenge(&mut self, payload: &[u8]) -> Option<Step> {
        let mechanism = self.bearer?;
        if self.bearer_challenged {
            return None;
        }
        self.bearer_challenged = true;
        let error = BearerError::parse(payload);
        if let Some(r) = self.wire.report.login.as_mut() {
            r.bearer_error = Some(error);
        }
        let dummy = match mechanism {
            SaslMechanism::Oauthbearer => "AQ==",
            SaslMechanism::Xoauth2 => "",
        };
        Some(self.wire.send(Outgoing::command(dummy)))
    }

    /// Answers an `AUTH LOGIN` challenge: the username (base64) to the first,
    /// moving to `after_user`, the password to the second, moving to
    /// `after_secret`.
    pub(crate) fn auth_login_answer(
        &mut self,
        user_sent: bool,
        after_user: P::State,
        after_secret: P::State,
    ) -> Step {
        let Some(login) = self.login.clone() else {
            return self.close();
        };
        let c = &login.credentials;
        if user_sent {
            self.stage = Stage::Talking(after_secret);
            let b = base64(c.password().as_bytes());
            self.wire.send(Outgoing::secret(b.as_bytes(), "password"))
        } else {
            self.stage = Stage::Talking(after_user);
            let b = base64(c.username.as_bytes());
            self.wire.send(Outgoing::redacted(b.as_bytes(), "username"))
        }
    }
}

impl<P: Dialogue> ProtocolMachine for Machine<P> {
    fn input(&mut self, bytes: &[u8]) -> Step {
        let r = match self.stage {
            Stage::Finished => return Step::Fail(ProtocolError::Finished),
            // Nothing more to read: whatever the server says now goes unread.
            Stage::Closing {
                wait_for_reply: false,
            } => Ok(Step::Done(Box::new(self.wire.report.clone()))),
            _ => pump(self, |m| &mut m.wire, bytes, Machine::handle_line),
        };
        self.settle(r)
    }

    fn tls_established(&mut self) -> Step {
        if !matches!(self.stage, Stage::AwaitTls) {
            return self.settle(Err(ProtocolError::Finished));
        }
        self.tls_active = true;
        // Nothing read or learnt over plaintext carries over into TLS (F7,
        // F8): no buffered byte, no APOP timestamp (it came in the
        // unprotected greeting), no PREAUTH.
        self.wire.reset_at_tls();
        self.wire.report.apop_timestamp = None;
        self.wire.report.preauth = false;
        self.own.reset_at_tls();
        if self.security == Security::Tls {
            self.stage = Stage::Greeting;
            Step::NeedMore
        } else {
            P::ask_capabilities(self)
        }
    }

    fn login_decision(&mut self, decision: Result<(), NotTriedReason>) -> Step {
        if !matches!(self.stage, Stage::AwaitLogin) {
            return self.settle(Err(ProtocolError::Finished));
        }
        match (decision, self.login.clone()) {
            (Ok(()), Some(login)) => P::login(self, &login.credentials),
            // Permission without credentials cannot happen; nothing to send.
            (Ok(()), None) => self.close(),
            (Err(reason), _) => {
                self.wire.report.login = Some(LoginReport::not_tried(reason));
                self.close()
            }
        }
    }

    fn eof(&mut self) -> Step {
        let r = match self.stage {
            Stage::Closing { .. } => Ok(Step::Done(Box::new(self.wire.report.clone()))),
            Stage::Finished => Err(ProtocolError::Finished),
            _ => Err(ProtocolError::UnexpectedEof {
                during: self.waiting_for(),
            }),
        };
        self.settle(r)
    }

    fn take_log(&mut self) -> Vec<LogEntry> {
        self.wire.take_log()
    }

    fn report(&self) -> SessionReport {
        self.wire.report.clone()
    }

    fn greeting_done(&self) -> bool {
        self.wire.report.greeting.is_some()
    }

    fn waiting_for(&self) -> &'static str {
        match &self.stage {
            Stage::AwaitTls => "the TLS handshake",
            Stage::Greeting => "the greeting",
            Stage::Upgrading => match P::PROTOCOL {
                Protocol::Pop3 => "the STLS reply",
                Protocol::Smtp | Protocol::Imap => "the STARTTLS reply",
            },
            Stage::AwaitLogin => "the decision to log in",
            Stage::Closing { .. } => match P::PROTOCOL {
                Protocol::Pop3 | Protocol::Smtp => "the QUIT reply",
                Protocol::Imap => "the LOGOUT reply",
            },
            Stage::Finished => "nothing",
            Stage::Talking(state) => P::awaiting(state),
        }
    }

    fn server_text(&self, bytes: &[u8]) -> ServerText {
        self.wire.text(bytes)
    }
}

/// Builds the machine for `protocol` in `security` mode.
pub fn machine_for(
    protocol: Protocol,
    security: Security,
    config: MachineConfig,
) -> Box<dyn ProtocolMachine> {
    match protocol {
        Protocol::Pop3 => Box::new(Machine::<super::pop3::Pop3>::new(security, config)),
        Protocol::Smtp => Box::new(Machine::<super::smtp::Smtp>::new(security, config)),
        Protocol::Imap => Box::new(Machine::<super::imap::Imap>::new(security, config)),
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

    /// Server bytes as text to record or show: the secret scrubbed, escaped,
    /// and scrubbed again (see [`Redactor::shown`]).
    pub(crate) fn text(&self, bytes: &[u8]) -> ServerText {
        self.redactor.shown(bytes)
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
                    self.log
                        .push(LogEntry::server_text(&self.redactor.shown(&line)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::transcript::Direction;
    use secrecy::SecretString;

    /// What a machine did with one piece of server input: the commands it
    /// sent (by their shown form) and the step it stopped at.
    fn feed(m: &mut dyn ProtocolMachine, bytes: &[u8], sent: &mut Vec<String>) -> Step {
        let mut step = m.input(bytes);
        loop {
            match step {
                Step::Send(out) => {
                    sent.push(out.shown().to_owned());
                    step = m.input(&[]);
                }
                Step::Login => step = m.login_decision(Ok(())),
                other => return other,
            }
        }
    }

    /// A greeting and the capabilities of each protocol, unencrypted.
    fn script(protocol: Protocol) -> [&'static [u8]; 2] {
        match protocol {
            Protocol::Pop3 => [b"+OK ready\r\n", b"+OK\r\nUSER\r\n.\r\n"],
            Protocol::Smtp => [
                b"220 mail.test ESMTP\r\n",
                b"250-mail.test\r\n250 SIZE 1000\r\n",
            ],
            Protocol::Imap => [
                b"* OK ready\r\n",
                b"* CAPABILITY IMAP4rev1\r\na1 OK done\r\n",
            ],
        }
    }

    #[test]
    fn without_a_login_the_goodbye_is_sent_and_not_awaited() {
        for protocol in [Protocol::Pop3, Protocol::Smtp, Protocol::Imap] {
            let mut m = machine_for(protocol, Security::Plain, MachineConfig::default());
            let [greeting, caps] = script(protocol);
            let mut sent = Vec::new();
            assert!(matches!(feed(&mut *m, greeting, &mut sent), Step::NeedMore));
            // The machine is done right after the goodbye went out: it does
            // not ask for the server's answer.
            let Step::Done(report) = feed(&mut *m, caps, &mut sent) else {
                panic!("{protocol:?}: not done after the goodbye: {sent:?}");
            };
            let goodbye = sent.last().map(String::as_str).unwrap_or_default();
            assert!(goodbye.ends_with(close_command(protocol)), "{goodbye}");
            assert!(!report.quit_acknowledged);
            assert_eq!(m.waiting_for(), "nothing");
            // The transcript ends with the goodbye and says the answer went unread.
            let log = m.take_log();
            let n = log.len();
            assert!(n >= 2 && log[n - 2].dir == Direction::Client, "{log:?}");
            assert_eq!(log[n - 1].dir, Direction::Info);
            assert!(log[n - 1].text.contains("without waiting"), "{log:?}");
            // An answer arriving late is not read.
            assert!(matches!(
                m.input(b"+OK bye\r\n"),
                Step::Fail(ProtocolError::Finished)
            ));
        }
    }

    #[test]
    fn after_a_login_the_answer_to_quit_is_read() {
        let credentials = Credentials::new("alice", SecretString::from("pw-1234")).unwrap();
        let config = MachineConfig {
            login: Some(Arc::new(LoginRequest::new(credentials, None, Vec::new()))),
            ..MachineConfig::default()
        };
        let mut m = machine_for(Protocol::Pop3, Security::Plain, config);
        let mut sent = Vec::new();
        feed(&mut *m, b"+OK ready\r\n", &mut sent);
        feed(&mut *m, b"+OK\r\nUSER\r\n.\r\n", &mut sent);
        feed(&mut *m, b"+OK send PASS\r\n", &mut sent);
        let step = feed(&mut *m, b"+OK logged in\r\n", &mut sent);
        assert!(matches!(step, Step::NeedMore), "{step:?}");
        assert_eq!(sent, ["CAPA", "USER alice", "PASS [redacted]", "QUIT"]);
        assert_eq!(m.waiting_for(), "the QUIT reply");
        let Step::Done(report) = feed(&mut *m, b"+OK bye\r\n", &mut sent) else {
            panic!("not done after the answer to QUIT");
        };
        assert!(report.quit_acknowledged);
        assert_eq!(report.login.map(|l| l.result), Some(LoginOutcome::Success));
    }

    fn bearer_machine(
        protocol: Protocol,
        mechanisms: Vec<SaslMechanism>,
    ) -> Box<dyn ProtocolMachine> {
        let credentials = Credentials::bearer(
            "alice@example.com",
            SecretString::from("tok-123.abc"),
            mechanisms,
        )
        .unwrap();
        let config = MachineConfig {
            login: Some(Arc::new(LoginRequest::new(credentials, None, Vec::new()))),
            ..MachineConfig::default()
        };
        // Plain only to drive the machine here; the driver's policy is not in play.
        machine_for(protocol, Security::Plain, config)
    }

    #[test]
    fn a_bearer_error_challenge_is_read_answered_and_refused_in_each_protocol() {
        let challenge = base64(br#"{"status":"invalid_token","scope":"mail"}"#);
        for (protocol, greeting, caps, first, dummy, final_no) in [
            (
                Protocol::Imap,
                "* OK ready\r\n",
                "* CAPABILITY IMAP4rev1 AUTH=XOAUTH2\r\na1 OK done\r\n",
                "a2 AUTHENTICATE XOAUTH2",
                "",
                "a2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
            ),
            (
                Protocol::Pop3,
                "+OK ready\r\n",
                "+OK\r\nSASL OAUTHBEARER XOAUTH2\r\n.\r\n",
                "AUTH OAUTHBEARER [redacted]",
                "AQ==",
                "-ERR [AUTH] Authentication failed.\r\n",
            ),
            (
                Protocol::Smtp,
                "220 mail.test ESMTP\r\n",
                "250-mail.test\r\n250 AUTH PLAIN XOAUTH2\r\n",
                "AUTH XOAUTH2 [redacted]",
                "",
                "535 5.7.8 Error: authentication failed\r\n",
            ),
        ] {
            let mut m = bearer_machine(protocol, vec![]);
            let mut sent = Vec::new();
            feed(&mut *m, greeting.as_bytes(), &mut sent);
            feed(&mut *m, caps.as_bytes(), &mut sent);
            // IMAP without SASL-IR: the payload follows the empty challenge.
            if protocol == Protocol::Imap {
                feed(&mut *m, b"+ \r\n", &mut sent);
            }
            let cont = match protocol {
                Protocol::Smtp => format!("334 {}\r\n", challenge.as_str()),
                _ => format!("+ {}\r\n", challenge.as_str()),
            };
            feed(&mut *m, cont.as_bytes(), &mut sent);
            feed(&mut *m, final_no.as_bytes(), &mut sent);
            assert!(sent.iter().any(|l| l == first), "{protocol:?}: {sent:?}");
            assert!(sent.iter().any(|l| l == dummy), "{protocol:?}: {sent:?}");
            let report = m.report();
            let login = report.login.expect("a login");
            assert_eq!(
                login.result,
                LoginOutcome::CredentialsRejected,
                "{protocol:?}"
            );
            let e = login.bearer_error.expect("the error JSON read");
            assert_eq!(e.status, crate::probe::login::BearerStatus::InvalidToken);
            // The token in none of its forms in what the machine recorded.
            let log: String = m.take_log().into_iter().map(|l| l.text + "\n").collect();
            assert!(!log.contains("tok-123.abc"), "{log}");
            assert!(
                !sent
                    .iter()
                    .any(|l| l.contains("tok-123") || l.contains("dXNlcj1hbGljZ")),
                "{sent:?}"
            );
        }
    }
}
