//! Sans-IO IMAP session: greeting → CAPABILITY (unless the greeting carried a
//! `[CAPABILITY …]` code) → STARTTLS → CAPABILITY over TLS → LOGOUT.
//!
//! Capabilities announced before STARTTLS (including in the STARTTLS reply) are
//! never trusted after TLS: CAPABILITY is always asked again (RFC 9051 §6.2.1).
//! After the tagged `OK` to STARTTLS, any byte already buffered is a response
//! injection and aborts the session. Literals (`{n}`) in untagged data are
//! skipped within the reply byte cap. The LOGIN/AUTHENTICATE step of a later
//! issue goes into `ImapMachine::after_capabilities`.

use super::caps::{Capabilities, ImapCaps};
use super::error::ProtocolError;
use super::reply::{ImapResponse, ImapStatus, imap_literal_len, parse_imap_line};
use super::session::{
    MachineConfig, ProtocolMachine, SessionReport, StarttlsOutcome, Step, Wire, pump,
};
use super::text::ServerText;
use super::transcript::{LogEntry, Outgoing};
use crate::providers::Security;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    AwaitTls,
    Greeting,
    Capability,
    StartTls,
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
}

impl ImapMachine {
    /// A session for an endpoint in `security` mode.
    pub fn new(security: Security, config: MachineConfig) -> ImapMachine {
        ImapMachine {
            security,
            wire: Wire::new(config.limits),
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
        }
    }

    fn send(&mut self, command: &str, next: State) -> Step {
        self.tag_counter += 1;
        self.tag = format!("a{}", self.tag_counter);
        self.state = next;
        self.pending_caps = None;
        self.reply_lines = 0;
        self.reply_bytes = 0;
        let line = format!("{} {command}", self.tag);
        self.wire.send(Outgoing::command(&line))
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
        }
        // LOGIN / AUTHENTICATE goes here (credentials issue): only over verified TLS.
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
        if let Some(n) = imap_literal_len(&line) {
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
                        reply: ServerText::from_bytes(&line),
                    })
                }
            }
            ImapResponse::Status { tag: None, .. }
            | ImapResponse::Data(_)
            | ImapResponse::Continuation(_) => Ok(Step::NeedMore),
            ImapResponse::Status {
                tag: Some(tag),
                status,
                capabilities,
                ..
            } => {
                if tag != self.tag.as_bytes() {
                    return Err(ProtocolError::Malformed {
                        reason: "a tagged reply with a tag the probe did not send",
                        line: ServerText::from_bytes(&line),
                    });
                }
                self.tagged(&line, status, capabilities)
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
                line: ServerText::from_bytes(line),
            });
        };
        self.wire.report.greeting = Some(ServerText::from_bytes(line));
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
                reply: ServerText::from_bytes(line),
            }),
        }
    }

    fn tagged(
        &mut self,
        line: &[u8],
        status: ImapStatus,
        code_caps: Option<Vec<String>>,
    ) -> Result<Step, ProtocolError> {
        match self.state {
            State::Capability => {
                if status != ImapStatus::Ok {
                    return Err(ProtocolError::Unexpected {
                        command: "CAPABILITY",
                        reply: ServerText::from_bytes(line),
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
                        reply: ServerText::from_bytes(line),
                    };
                    Ok(self.send("LOGOUT", State::Logout))
                }
            }
            State::Logout => {
                self.wire.report.quit_acknowledged = true;
                Ok(Step::Done(Box::new(self.wire.report.clone())))
            }
            State::AwaitTls | State::Greeting | State::Finished => Err(ProtocolError::Finished),
        }
    }

    fn command_name(&self) -> &'static str {
        match self.state {
            State::Capability => "CAPABILITY",
            State::StartTls => "STARTTLS",
            State::Logout => "LOGOUT",
            _ => "the greeting",
        }
    }

    fn settle(&mut self, r: Result<Step, ProtocolError>) -> Step {
        let step = r.unwrap_or_else(Step::Fail);
        if matches!(step, Step::Done(_) | Step::Fail(_)) {
            self.state = State::Finished;
        }
        step
    }
}

impl ProtocolMachine for ImapMachine {
    fn input(&mut self, bytes: &[u8]) -> Step {
        if self.state == State::Finished {
            return Step::Fail(ProtocolError::Finished);
        }
        let r = pump(self, |m| &mut m.wire, bytes, |m, line| m.handle(line));
        self.settle(r)
    }

    fn tls_established(&mut self) -> Step {
        if self.state != State::AwaitTls {
            return self.settle(Err(ProtocolError::Finished));
        }
        self.tls_active = true;
        if self.security == Security::Tls {
            self.state = State::Greeting;
            Step::NeedMore
        } else {
            self.send("CAPABILITY", State::Capability)
        }
    }

    fn eof(&mut self) -> Step {
        let r = match self.state {
            State::Logout => Ok(Step::Done(Box::new(self.wire.report.clone()))),
            State::Finished => Err(ProtocolError::Finished),
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
        match self.state {
            State::AwaitTls => "the TLS handshake",
            State::Greeting => "the greeting",
            State::Capability => "the CAPABILITY reply",
            State::StartTls => "the STARTTLS reply",
            State::Logout => "the LOGOUT reply",
            State::Finished => "nothing",
        }
    }
}
