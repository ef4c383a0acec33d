//! Sans-IO IMAP session: greeting → CAPABILITY (unless the greeting carried a
//! `[CAPABILITY …]` code) → STARTTLS → CAPABILITY over TLS → LOGOUT.
//!
//! Capabilities announced before STARTTLS (including in the STARTTLS reply) are
//! never trusted after TLS: CAPABILITY is always asked again (RFC 9051 §6.2.1).
//! After the tagged `OK` to STARTTLS, any byte already buffered is a response
//! injection and aborts the session. Literals (`{n}`) in untagged data are
//! skipped within the reply byte cap.
//!
//! With credentials configured, once the capabilities to use are known the
//! machine asks for permission ([`Step::Login`]) and logs in with
//! `AUTHENTICATE PLAIN` (SASL-IR when offered) or `LOGIN`. For providers that
//! require the RFC 2971 ID command (NetEase), it then opens the INBOX
//! read-only (`EXAMINE`) without ID, and when that fails sends ID and tries
//! again, so the report shows what a client without ID would meet.

use std::sync::Arc;

use super::caps::{Capabilities, ImapCaps};
use super::error::ProtocolError;
use super::login::{
    Basis, FailedReply, LoginOutcome, LoginReport, LoginRequest, MailboxCheck, NotTriedReason,
    ReplyCode, classify, imap_quoted, known_meaning,
};
use super::reply::{ImapResponse, ImapStatus, imap_literal_len, parse_imap_line};
use super::session::{Dialogue, MachineConfig, Phase, StarttlsOutcome, Step, Wire};
use super::transcript::Outgoing;
use crate::providers::Security;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    AwaitTls,
    Greeting,
    Capability,
    StartTls,
    AwaitLogin,
    /// `AUTHENTICATE PLAIN` without initial response: waiting for `+`.
    AuthenticateStart,
    /// The secret was sent.
    Secret,
    /// `EXAMINE INBOX` sent; `true` after the ID command.
    Examine(bool),
    Id,
    Logout,
    Finished,
}

/// The IMAP machine. See the module docs.
#[derive(Debug)]
pub struct ImapMachine {
    security: Security,
    wire: Wire,
    state: State,
    tls_active: bool,
    tag_counter: u32,
    /// The tag of the command in flight.
    tag: String,
    /// Capabilities seen in untagged data while waiting for the tagged reply.
    pending_caps: Option<Vec<String>>,
    /// Lines and bytes of the current response (untagged lines count too).
    reply_lines: usize,
    reply_bytes: usize,
    /// The next line continues a response after a literal (`{n}` + n bytes).
    continuation: bool,
    login: Option<Arc<LoginRequest>>,
}

impl ImapMachine {
    /// A session for an endpoint in `security` mode.
    pub fn new(security: Security, config: MachineConfig) -> ImapMachine {
        ImapMachine {
            security,
            wire: Wire::new(config.limits, config.login.as_deref()),
            state: if security == Security::Tls {
                State::AwaitTls
            } else {
                State::Greeting
            },
            tls_active: false,
            tag_counter: 0,
            tag: String::new(),
            pending_caps: None,
            reply_lines: 0,
            reply_bytes: 0,
            continuation: false,
            login: config.login,
        }
    }

    fn next_tag(&mut self, next: State) {
        self.tag_counter += 1;
        self.tag = format!("a{}", self.tag_counter);
        self.state = next;
        self.pending_caps = None;
        self.reply_lines = 0;
        self.reply_bytes = 0;
    }

    fn send(&mut self, command: &str, next: State) -> Step {
        self.next_tag(next);
        let line = format!("{} {command}", self.tag);
        self.wire.send(Outgoing::command(&line))
    }

    /// A tagged command whose tail is secret.
    fn send_secret(&mut self, visible: &str, secret: &[u8], next: State) -> Step {
        self.next_tag(next);
        let visible = format!("{} {visible}", self.tag);
        self.wire.send(Outgoing::secret_arg(&visible, secret))
    }

    /// A STARTTLS endpoint that stayed unencrypted never asks for the password.
    fn close_unencrypted(&mut self) -> Step {
        if self.login.is_some() {
            self.wire.report.login = Some(LoginReport::not_tried(NotTriedReason::Plaintext));
        }
        self.send("LOGOUT", State::Logout)
    }

    fn begin_login(&mut self, mechanism: &str) {
        let mut r = LoginReport::bare(LoginOutcome::ConnectionProblem {
            message: "no answer to the login".to_owned(),
        });
        r.mechanism = Some(mechanism.to_owned());
        self.wire.report.login = Some(r);
    }

    fn set_login(
        &mut self,
        outcome: LoginOutcome,
        line: Option<&[u8]>,
        code: Option<String>,
        basis: Option<Basis>,
    ) {
        let reply = line.map(|l| self.wire.text(l));
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

    fn finish_login(
        &mut self,
        outcome: LoginOutcome,
        line: Option<&[u8]>,
        code: Option<String>,
        basis: Option<Basis>,
    ) -> Step {
        self.set_login(outcome, line, code, basis);
        self.send("LOGOUT", State::Logout)
    }

    fn known(&self) -> Vec<crate::providers::KnownReply> {
        self.login
            .as_ref()
            .map(|l| l.known_replies.clone())
            .unwrap_or_default()
    }

    fn refused(
        &mut self,
        line: &[u8],
        status: ImapStatus,
        code: Option<&[u8]>,
        secret_sent: bool,
    ) -> Step {
        let known = self.known();
        let (outcome, code, basis) = classify(
            &FailedReply {
                protocol: crate::providers::Protocol::Imap,
                text: line,
                code: ReplyCode::Imap {
                    code,
                    bad: status == ImapStatus::Bad,
                },
            },
            &known,
        );
        let (outcome, basis) = if !secret_sent
            && !self.tls_active
            && basis != Basis::ProviderReply
            && outcome != LoginOutcome::TemporarilyUnavailable
        {
            (LoginOutcome::EncryptionRequired, Basis::Session)
        } else {
            (outcome, basis)
        };
        self.finish_login(outcome, Some(line), code, Some(basis))
    }

    fn start_login(&mut self) -> Step {
        let Some(login) = self.login.clone() else {
            return self.send("LOGOUT", State::Logout);
        };
        let creds = &login.credentials;
        let caps = match self.wire.report.effective_caps() {
            Some(Capabilities::Imap(c)) => c.clone(),
            _ => ImapCaps::default(),
        };
        if caps.auth.iter().any(|m| m == "PLAIN") {
            self.begin_login("AUTHENTICATE PLAIN");
            if caps.sasl_ir {
                let b64 = creds.sasl_plain_b64();
                return self.send_secret("AUTHENTICATE PLAIN", b64.as_bytes(), State::Secret);
            }
            return self.send("AUTHENTICATE PLAIN", State::AuthenticateStart);
        }
        if !caps.logindisabled {
            if let (Some(user), Some(pass)) =
                (imap_quoted(&creds.username), imap_quoted(creds.password()))
            {
                self.begin_login("LOGIN");
                let visible = format!("LOGIN {}", user.as_str());
                return self.send_secret(&visible, pass.as_bytes(), State::Secret);
            }
        } else if !self.tls_active {
            return self.finish_login(
                LoginOutcome::EncryptionRequired,
                None,
                Some("LOGINDISABLED".to_owned()),
                Some(Basis::Session),
            );
        }
        self.finish_login(
            LoginOutcome::MechanismNotOffered {
                offered: caps.auth.clone(),
            },
            None,
            None,
            Some(Basis::Session),
        )
    }

    fn mailbox_check(&mut self, line: &[u8], status: ImapStatus, after_id: bool) {
        let meaning = known_meaning(crate::providers::Protocol::Imap, line, &self.known());
        let reply = self.wire.text(line);
        if let Some(r) = self.wire.report.login.as_mut() {
            r.mailbox_checks.push(MailboxCheck {
                after_id,
                ok: status == ImapStatus::Ok,
                meaning,
                reply,
            });
        }
    }

    fn store_caps(&mut self, atoms: Vec<String>) {
        let caps = Some(Capabilities::Imap(ImapCaps::from_atoms(atoms)));
        if self.tls_active {
            self.wire.report.caps_after_tls = caps;
        } else {
            self.wire.report.caps_before_tls = caps;
        }
    }

    fn after_capabilities(&mut self, starttls_offered: bool) -> Step {
        if self.security == Security::Starttls && !self.tls_active {
            if starttls_offered {
                return self.send("STARTTLS", State::StartTls);
            }
            self.wire.report.starttls = StarttlsOutcome::NotOffered;
            return self.close_unencrypted();
        }
        if self.login.is_some() {
            if self.wire.report.preauth {
                self.wire.report.login =
                    Some(LoginReport::not_tried(NotTriedReason::Preauthenticated));
            } else {
                self.state = State::AwaitLogin;
                return Step::Login;
            }
        }
        self.send("LOGOUT", State::Logout)
    }

    fn charge(&mut self, line: &[u8]) -> Result<(), ProtocolError> {
        let limits = self.wire.limits;
        self.reply_lines += 1;
        self.reply_bytes += line.len() + 2;
        if self.reply_lines > limits.max_reply_lines {
            return Err(ProtocolError::TooManyLines {
                max: limits.max_reply_lines,
            });
        }
        if self.reply_bytes > limits.max_reply_bytes {
            return Err(ProtocolError::TooManyBytes {
                max: limits.max_reply_bytes,
            });
        }
        Ok(())
    }

    fn handle(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError> {
        if self.state == State::AwaitTls {
            return Err(ProtocolError::ResponseInjection {
                command: "STARTTLS",
                bytes: line.len() + 2,
            });
        }
        self.charge(&line)?;
        let was_continuation = self.continuation;
        self.continuation = false;
        let literal = imap_literal_len(&line);
        if self.state == State::StartTls
            && let Some(n) = literal
            && !was_continuation
            && line.starts_with(self.tag.as_bytes())
        {
            // A literal announced on the tagged reply to STARTTLS: whatever
            // follows is plaintext a naive client would read as protected (F7).
            return Err(ProtocolError::ResponseInjection {
                command: "STARTTLS",
                bytes: n,
            });
        }
        if let Some(n) = literal {
            self.reply_bytes = self.reply_bytes.saturating_add(n);
            if self.reply_bytes > self.wire.limits.max_reply_bytes {
                return Err(ProtocolError::TooManyBytes {
                    max: self.wire.limits.max_reply_bytes,
                });
            }
            self.wire.skip(n);
            self.wire.info(format!("(literal of {n} bytes skipped)"));
            self.continuation = true;
        }
        if was_continuation {
            // The rest of a response whose start was already handled.
            return Ok(Step::NeedMore);
        }
        let response = match parse_imap_line(&line) {
            Ok(r) => r,
            // Whatever the answer to LOGOUT, the probe is over.
            Err(_) if self.state == State::Logout => {
                return Ok(Step::Done(Box::new(self.wire.report.clone())));
            }
            Err(e) => return Err(e),
        };
        if self.state == State::Greeting {
            return self.greeting(&line, response);
        }
        match response {
            ImapResponse::Capability(atoms) => {
                self.pending_caps = Some(atoms);
                Ok(Step::NeedMore)
            }
            ImapResponse::Status {
                tag: None,
                status: ImapStatus::Bye,
                ..
            } => {
                if self.state == State::Logout {
                    Ok(Step::NeedMore)
                } else {
                    Err(ProtocolError::Unexpected {
                        command: self.command_name(),
                        reply: self.wire.text(&line),
                    })
                }
            }
            ImapResponse::Continuation(_) if self.state == State::AuthenticateStart => {
                let Some(login) = self.login.clone() else {
                    return Ok(self.send("LOGOUT", State::Logout));
                };
                self.state = State::Secret;
                let b64 = login.credentials.sasl_plain_b64();
                Ok(self.wire.send(Outgoing::secret(
                    b64.as_bytes(),
                    "AUTHENTICATE PLAIN response",
                )))
            }
            ImapResponse::Continuation(_) if self.state == State::Secret => {
                // More challenges than PLAIN has: cancel (RFC 9051 §6.2.2).
                self.set_login(
                    LoginOutcome::UnexpectedReply,
                    Some(&line),
                    None,
                    Some(Basis::Status),
                );
                self.state = State::Logout;
                Ok(self.wire.send(Outgoing::command("*")))
            }
            ImapResponse::Status { tag: None, .. }
            | ImapResponse::Data(_)
            | ImapResponse::Continuation(_) => Ok(Step::NeedMore),
            ImapResponse::Status {
                tag: Some(tag),
                status,
                capabilities,
                code,
                ..
            } => {
                if tag != self.tag.as_bytes() {
                    return Err(ProtocolError::Malformed {
                        reason: "a tagged reply with a tag the probe did not send",
                        line: self.wire.text(&line),
                    });
                }
                self.tagged(&line, status, capabilities, code.as_deref())
            }
        }
    }

    fn greeting(&mut self, line: &[u8], response: ImapResponse) -> Result<Step, ProtocolError> {
        let ImapResponse::Status {
            tag: None,
            status,
            capabilities,
            ..
        } = response
        else {
            return Err(ProtocolError::Malformed {
                reason: "an IMAP greeting is * OK, * PREAUTH or * BYE",
                line: self.wire.text(line),
            });
        };
        self.wire.report.greeting = Some(self.wire.text(line));
        match status {
            ImapStatus::Ok | ImapStatus::Preauth => {
                self.wire.report.preauth = status == ImapStatus::Preauth;
                match capabilities {
                    Some(atoms) => {
                        let offered = atoms.iter().any(|a| a == "STARTTLS");
                        self.store_caps(atoms);
                        Ok(self.after_capabilities(offered))
                    }
                    None => Ok(self.send("CAPABILITY", State::Capability)),
                }
            }
            _ => Err(ProtocolError::Rejected {
                reply: self.wire.text(line),
            }),
        }
    }

    fn tagged(
        &mut self,
        line: &[u8],
        status: ImapStatus,
        code_caps: Option<Vec<String>>,
        code: Option<&[u8]>,
    ) -> Result<Step, ProtocolError> {
        match self.state {
            State::AuthenticateStart => Ok(self.refused(line, status, code, false)),
            State::Secret => {
                if status != ImapStatus::Ok {
                    return Ok(self.refused(line, status, code, true));
                }
                self.set_login(LoginOutcome::Success, Some(line), None, None);
                if self.login.as_ref().is_some_and(|l| l.imap_id) {
                    Ok(self.send("EXAMINE INBOX", State::Examine(false)))
                } else {
                    Ok(self.send("LOGOUT", State::Logout))
                }
            }
            State::Examine(after_id) => {
                self.mailbox_check(line, status, after_id);
                if status != ImapStatus::Ok && !after_id {
                    let id = format!(
                        "ID (\"name\" \"mailconf\" \"version\" \"{}\")",
                        env!("CARGO_PKG_VERSION")
                    );
                    Ok(self.send(&id, State::Id))
                } else {
                    Ok(self.send("LOGOUT", State::Logout))
                }
            }
            State::Id => Ok(self.send("EXAMINE INBOX", State::Examine(true))),
            State::Capability => {
                if status != ImapStatus::Ok {
                    return Err(ProtocolError::Unexpected {
                        command: "CAPABILITY",
                        reply: self.wire.text(line),
                    });
                }
                let atoms = self.pending_caps.take().or(code_caps).unwrap_or_default();
                let offered = atoms.iter().any(|a| a == "STARTTLS");
                self.store_caps(atoms);
                Ok(self.after_capabilities(offered))
            }
            State::StartTls => {
                if status == ImapStatus::Ok {
                    self.wire.check_no_injection("STARTTLS")?;
                    self.wire.report.starttls = StarttlsOutcome::Upgraded;
                    self.state = State::AwaitTls;
                    Ok(Step::StartTls)
                } else {
                    self.wire.report.starttls = StarttlsOutcome::Refused {
                        reply: self.wire.text(line),
                    };
                    Ok(self.close_unencrypted())
                }
            }
            State::Logout => {
                self.wire.report.quit_acknowledged = true;
                Ok(Step::Done(Box::new(self.wire.report.clone())))
            }
            State::AwaitTls | State::Greeting | State::AwaitLogin | State::Finished => {
                Err(ProtocolError::Finished)
            }
        }
    }

    fn command_name(&self) -> &'static str {
        match self.state {
            State::Capability => "CAPABILITY",
            State::StartTls => "STARTTLS",
            State::Logout => "LOGOUT",
            State::AuthenticateStart | State::Secret => "the login",
            State::Examine(_) => "EXAMINE",
            State::Id => "ID",
            _ => "the greeting",
        }
    }
}

impl Dialogue for ImapMachine {
    fn wire(&mut self) -> &mut Wire {
        &mut self.wire
    }

    fn wire_ref(&self) -> &Wire {
        &self.wire
    }

    fn phase(&self) -> Phase {
        match self.state {
            State::AwaitTls => Phase::AwaitTls,
            State::AwaitLogin => Phase::AwaitLogin,
            State::Logout => Phase::Closing,
            State::Finished => Phase::Finished,
            _ => Phase::Talking,
        }
    }

    fn finish(&mut self) {
        self.state = State::Finished;
    }

    fn on_line(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError> {
        self.handle(line)
    }

    fn on_tls(&mut self) -> Step {
        self.tls_active = true;
        // Nothing read over plaintext carries over into TLS (F7, F8): no
        // literal still being skipped, no capabilities, no PREAUTH.
        self.wire.reset_at_tls();
        self.continuation = false;
        self.pending_caps = None;
        self.reply_lines = 0;
        self.reply_bytes = 0;
        self.wire.report.preauth = false;
        if self.security == Security::Tls {
            self.state = State::Greeting;
            Step::NeedMore
        } else {
            self.send("CAPABILITY", State::Capability)
        }
    }

    fn login(&mut self) -> Step {
        self.start_login()
    }

    fn close(&mut self) -> Step {
        self.send("LOGOUT", State::Logout)
    }

    fn awaiting(&self) -> &'static str {
        match self.state {
            State::AwaitTls => "the TLS handshake",
            State::Greeting => "the greeting",
            State::Capability => "the CAPABILITY reply",
            State::StartTls => "the STARTTLS reply",
            State::AwaitLogin => "the decision to log in",
            State::AuthenticateStart => "the AUTHENTICATE continuation",
            State::Secret => "the login reply",
            State::Examine(_) => "the EXAMINE reply",
            State::Id => "the ID reply",
            State::Logout => "the LOGOUT reply",
            State::Finished => "nothing",
        }
    }
}
