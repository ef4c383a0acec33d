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
//! `AUTHENTICATE PLAIN` (SASL-IR when offered) or `LOGIN`; an OAuth2 token
//! with `AUTHENTICATE OAUTHBEARER` or `XOAUTH2`, whose error challenge is
//! read and answered (RFC 7628 §3.2.2). For providers that
//! require the RFC 2971 ID command (NetEase), it then opens the INBOX
//! read-only (`EXAMINE`) without ID, and when that fails sends ID and tries
//! again, so the report shows what a client without ID would meet.

use super::caps::{Capabilities, ImapCaps};
use super::error::ProtocolError;
use super::login::{
    Basis, Credentials, FailedReply, LoginOutcome, MailboxCheck, ReplyCode, imap_quoted,
    known_meaning,
};
use super::reply::{Budget, ImapResponse, ImapStatus, imap_literal_len, parse_imap_line};
use super::session::{Dialogue, Machine, MachineConfig, Stage, Step};
use super::transcript::Outgoing;
use crate::providers::Protocol;

/// IMAP's own states; the shared ones are in [`Stage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Capability,
    /// `AUTHENTICATE PLAIN` without initial response: waiting for `+`.
    AuthenticateStart,
    /// The secret was sent.
    Secret,
    /// `EXAMINE INBOX` sent; `true` after the ID command.
    Examine(bool),
    Id,
}

/// IMAP's part of a [`Machine`]: tags and the current response's budget.
#[derive(Debug, Default)]
pub(crate) struct Imap {
    tag_counter: u32,
    /// The tag of the command in flight.
    tag: String,
    /// Capabilities seen in untagged data while waiting for the tagged reply.
    pending_caps: Option<Vec<String>>,
    /// Lines and bytes of the current response (untagged lines and literals count too).
    budget: Budget,
    /// The next line continues a response after a literal (`{n}` + n bytes).
    continuation: bool,
}

impl Imap {
    /// The tag of the next command; the response to it starts afresh.
    fn next_tag(&mut self) -> &str {
        self.tag_counter += 1;
        self.tag = format!("a{}", self.tag_counter);
        self.pending_caps = None;
        self.budget = Budget::default();
        &self.tag
    }
}

impl Machine<Imap> {
    /// A negative answer to the login (see [`Machine::login_refused`]).
    fn refused(
        &mut self,
        line: &[u8],
        status: ImapStatus,
        code: Option<&[u8]>,
        secret_sent: bool,
    ) -> Step {
        let reply = FailedReply {
            protocol: Protocol::Imap,
            text: line,
            code: ReplyCode::Imap {
                code,
                bad: status == ImapStatus::Bad,
            },
        };
        self.login_refused(&reply, line, secret_sent)
    }

    fn mailbox_check(&mut self, line: &[u8], status: ImapStatus, after_id: bool) {
        let meaning = known_meaning(Protocol::Imap, line, &self.known_replies());
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

    /// Capabilities from a greeting's code or a CAPABILITY reply.
    fn capabilities(&mut self, atoms: Vec<String>) -> Step {
        let offered = atoms.iter().any(|a| a == "STARTTLS");
        self.store_caps(Capabilities::Imap(ImapCaps::from_atoms(atoms)));
        self.after_capabilities(offered)
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
                    Some(atoms) => Ok(self.capabilities(atoms)),
                    None => Ok(Imap::ask_capabilities(self)),
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
        let state = match self.stage {
            Stage::Talking(state) => state,
            Stage::Upgrading => return self.upgrade_answer(status == ImapStatus::Ok, line),
            Stage::Closing { .. } => return Ok(self.said_goodbye(true)),
            Stage::AwaitTls | Stage::Greeting | Stage::AwaitLogin | Stage::Finished => {
                return Err(ProtocolError::Finished);
            }
        };
        match state {
            State::AuthenticateStart => Ok(self.refused(line, status, code, false)),
            State::Secret => {
                if status != ImapStatus::Ok {
                    return Ok(self.refused(line, status, code, true));
                }
                self.set_login(LoginOutcome::Success, Some(line), None, None);
                if self.login.as_ref().is_some_and(|l| l.imap_id) {
                    Ok(self.send("EXAMINE INBOX", State::Examine(false)))
                } else {
                    Ok(self.close())
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
                    Ok(self.close())
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
                let atoms = self
                    .own
                    .pending_caps
                    .take()
                    .or(code_caps)
                    .unwrap_or_default();
                Ok(self.capabilities(atoms))
            }
        }
    }

    fn command_name(&self) -> &'static str {
        match self.stage {
            Stage::Talking(State::Capability) => "CAPABILITY",
            Stage::Upgrading => "STARTTLS",
            Stage::Closing { .. } => "LOGOUT",
            Stage::Talking(State::AuthenticateStart | State::Secret) => "the login",
            Stage::Talking(State::Examine(_)) => "EXAMINE",
            Stage::Talking(State::Id) => "ID",
            _ => "the greeting",
        }
    }
}

impl Dialogue for Imap {
    type State = State;
    const PROTOCOL: Protocol = Protocol::Imap;

    fn new(_: &MachineConfig) -> Imap {
        Imap::default()
    }

    fn ask_capabilities(m: &mut Machine<Imap>) -> Step {
        m.send("CAPABILITY", State::Capability)
    }

    fn on_line(m: &mut Machine<Imap>, line: Vec<u8>) -> Result<Step, ProtocolError> {
        let limits = m.wire.limits;
        m.own.budget.charge(&limits, &line)?;
        let was_continuation = m.own.continuation;
        m.own.continuation = false;
        let literal = imap_literal_len(&line);
        if m.stage == Stage::Upgrading
            && let Some(n) = literal
            && !was_continuation
            && line.starts_with(m.own.tag.as_bytes())
        {
            // A literal announced on the tagged reply to STARTTLS: whatever
            // follows is plaintext a naive client would read as protected (F7).
            return Err(ProtocolError::ResponseInjection {
                command: "STARTTLS",
                bytes: n,
            });
        }
        if let Some(n) = literal {
            m.own.budget.charge_bytes(&limits, n)?;
            m.wire.skip(n);
            m.wire.info(format!("(literal of {n} bytes skipped)"));
            m.own.continuation = true;
        }
        if was_continuation {
            // The rest of a response whose start was already handled.
            return Ok(Step::NeedMore);
        }
        let closing = matches!(m.stage, Stage::Closing { .. });
        let response = match parse_imap_line(&line) {
            Ok(r) => r,
            // Whatever the answer to LOGOUT, the probe is over.
            Err(_) if closing => return Ok(m.said_goodbye(false)),
            Err(e) => return Err(e),
        };
        if m.stage == Stage::Greeting {
            return m.greeting(&line, response);
        }
        match response {
            ImapResponse::Capability(atoms) => {
                m.own.pending_caps = Some(atoms);
                Ok(Step::NeedMore)
            }
            ImapResponse::Status {
                tag: None,
                status: ImapStatus::Bye,
                ..
            } => {
                if closing {
                    Ok(Step::NeedMore)
                } else {
                    Err(ProtocolError::Unexpected {
                        command: m.command_name(),
                        reply: m.wire.text(&line),
                    })
                }
            }
            ImapResponse::Continuation(_) if m.is_in(&State::AuthenticateStart) => {
                let Some(login) = m.login.clone() else {
                    return Ok(m.close());
                };
                m.stage = Stage::Talking(State::Secret);
                let b64 = m.first_response(&login.credentials);
                let label = match m.bearer {
                    Some(_) => "AUTHENTICATE token response",
                    None => "AUTHENTICATE PLAIN response",
                };
                Ok(m.wire.send(Outgoing::secret(b64.as_bytes(), label)))
            }
            ImapResponse::Continuation(ref payload)
                if m.is_in(&State::Secret)
                    && let Some(step) = m.bearer_challenge(payload) =>
            {
                Ok(step)
            }
            ImapResponse::Continuation(_) if m.is_in(&State::Secret) => {
                // More challenges than PLAIN has: cancel (RFC 9051 §6.2.2);
                // the tagged answer to the cancelled command ends the session.
                m.set_login(
                    LoginOutcome::UnexpectedReply,
                    Some(&line),
                    None,
                    Some(Basis::Status),
                );
                m.stage = Stage::Closing {
                    wait_for_reply: true,
                };
                Ok(m.wire.send(Outgoing::command("*")))
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
                if tag != m.own.tag.as_bytes() {
                    return Err(ProtocolError::Malformed {
                        reason: "a tagged reply with a tag the probe did not send",
                        line: m.wire.text(&line),
                    });
                }
                m.tagged(&line, status, capabilities, code.as_deref())
            }
        }
    }

    fn command(m: &mut Machine<Imap>, line: &str, next: Stage<State>) -> Step {
        m.stage = next;
        let line = format!("{} {line}", m.own.next_tag());
        m.wire.send(Outgoing::command(&line))
    }

    fn secret_command(
        m: &mut Machine<Imap>,
        visible: &str,
        secret: &[u8],
        next: Stage<State>,
    ) -> Step {
        m.stage = next;
        let visible = format!("{} {visible}", m.own.next_tag());
        m.wire.send(Outgoing::secret_arg(&visible, secret))
    }

    fn reset_at_tls(&mut self) {
        // No literal still being skipped, no capabilities from before.
        self.continuation = false;
        self.pending_caps = None;
        self.budget = Budget::default();
    }

    fn login(m: &mut Machine<Imap>, creds: &Credentials) -> Step {
        let caps = match m.wire.report.effective_caps() {
            Some(Capabilities::Imap(c)) => c.clone(),
            _ => ImapCaps::default(),
        };
        if creds.is_bearer() {
            // A token goes only with a bearer mechanism, never as a password.
            let Some(mech) = creds.bearer_mechanism(&caps.auth) else {
                return m.no_mechanism(caps.auth.clone());
            };
            if caps.sasl_ir {
                return m.sasl_bearer(creds, mech, "AUTHENTICATE", Stage::Talking(State::Secret));
            }
            let command = format!("AUTHENTICATE {}", mech.as_str());
            m.begin_login(&command);
            m.bearer = Some(mech);
            return m.send(&command, State::AuthenticateStart);
        }
        if caps.auth.iter().any(|m| m == "PLAIN") {
            if caps.sasl_ir {
                return m.sasl_plain(creds, "AUTHENTICATE PLAIN", Stage::Talking(State::Secret));
            }
            m.begin_login("AUTHENTICATE PLAIN");
            return m.send("AUTHENTICATE PLAIN", State::AuthenticateStart);
        }
        if !caps.logindisabled {
            if let (Some(user), Some(pass)) =
                (imap_quoted(&creds.username), imap_quoted(creds.password()))
            {
                m.begin_login("LOGIN");
                let visible = format!("LOGIN {}", user.as_str());
                return m.secret_command(&visible, pass.as_bytes(), Stage::Talking(State::Secret));
            }
        } else if !m.tls_active {
            return m.finish_login(
                LoginOutcome::EncryptionRequired,
                None,
                Some("LOGINDISABLED".to_owned()),
                Some(Basis::Session),
            );
        }
        m.no_mechanism(caps.auth.clone())
    }

    fn awaiting(state: &State) -> &'static str {
        match state {
            State::Capability => "the CAPABILITY reply",
            State::AuthenticateStart => "the AUTHENTICATE continuation",
            State::Secret => "the login reply",
            State::Examine(_) => "the EXAMINE reply",
            State::Id => "the ID reply",
        }
    }
}
