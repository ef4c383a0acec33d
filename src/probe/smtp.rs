//! Sans-IO SMTP session: greeting → EHLO (HELO if EHLO is refused) → STARTTLS
//! (RFC 3207) → EHLO over TLS → QUIT.
//!
//! EHLO uses the configured client name (the driver passes an address literal of
//! the local address, e.g. `[192.0.2.1]`, as RFC 5321 §4.1.4 allows). After
//! `220` to STARTTLS, any byte already buffered is a response injection and
//! aborts the session. The login step of a later issue (AUTH) goes into
//! `SmtpMachine::after_capabilities`.

use super::caps::{Capabilities, SmtpCaps};
use super::error::ProtocolError;
use super::reply::{SmtpReply, SmtpReplyReader};
use super::session::{
    MachineConfig, ProtocolMachine, SessionReport, StarttlsOutcome, Step, Wire, pump,
};
use super::transcript::{LogEntry, Outgoing};
use crate::providers::Security;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    AwaitTls,
    Greeting,
    Ehlo,
    Helo,
    StartTls,
    Quit,
    Finished,
}

/// The SMTP machine. See the module docs.
#[derive(Debug)]
pub struct SmtpMachine {
    security: Security,
    client_name: String,
    wire: Wire,
    reader: SmtpReplyReader,
    state: State,
    tls_active: bool,
}

impl SmtpMachine {
    /// A session for an endpoint in `security` mode.
    pub fn new(security: Security, config: MachineConfig) -> SmtpMachine {
        SmtpMachine {
            security,
            client_name: sanitize_client_name(&config.client_name),
            wire: Wire::new(config.limits),
            reader: SmtpReplyReader::new(config.limits),
            state: if security == Security::Tls {
                State::AwaitTls
            } else {
                State::Greeting
            },
            tls_active: false,
        }
    }

    fn send(&mut self, line: &str, next: State) -> Step {
        self.state = next;
        self.wire.send(Outgoing::command(line))
    }

    fn ehlo(&mut self) -> Step {
        let line = format!("EHLO {}", self.client_name);
        self.send(&line, State::Ehlo)
    }

    fn store_caps(&mut self, caps: SmtpCaps) {
        let caps = Some(Capabilities::Smtp(caps));
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
        // SMTP AUTH goes here (credentials issue): only when TLS is active and verified.
        self.send("QUIT", State::Quit)
    }

    fn handle_reply(&mut self, reply: SmtpReply) -> Result<Step, ProtocolError> {
        match self.state {
            State::Greeting => {
                self.wire.report.greeting = Some(reply.text());
                if reply.code != 220 {
                    return Err(ProtocolError::Rejected {
                        reply: reply.text(),
                    });
                }
                Ok(self.ehlo())
            }
            State::Ehlo => {
                if reply.is_positive() {
                    let caps = SmtpCaps::parse_ehlo(&reply.lines);
                    let offered = caps.starttls;
                    self.store_caps(caps);
                    Ok(self.after_capabilities(offered))
                } else if reply.is_permanent() && reply.code != 554 {
                    // 500/502/504: an old server without ESMTP.
                    let line = format!("HELO {}", self.client_name);
                    Ok(self.send(&line, State::Helo))
                } else {
                    Err(ProtocolError::Unexpected {
                        command: "EHLO",
                        reply: reply.text(),
                    })
                }
            }
            State::Helo => {
                if !reply.is_positive() {
                    return Err(ProtocolError::Unexpected {
                        command: "HELO",
                        reply: reply.text(),
                    });
                }
                self.store_caps(SmtpCaps::from_helo(&reply.lines));
                Ok(self.after_capabilities(false))
            }
            State::StartTls => {
                if reply.code == 220 {
                    self.wire.check_no_injection("STARTTLS")?;
                    self.wire.report.starttls = StarttlsOutcome::Upgraded;
                    self.state = State::AwaitTls;
                    Ok(Step::StartTls)
                } else {
                    self.wire.report.starttls = StarttlsOutcome::Refused {
                        reply: reply.text(),
                    };
                    Ok(self.send("QUIT", State::Quit))
                }
            }
            State::Quit => {
                self.wire.report.quit_acknowledged = true;
                Ok(Step::Done(Box::new(self.wire.report.clone())))
            }
            State::AwaitTls => Err(ProtocolError::ResponseInjection {
                command: "STARTTLS",
                bytes: 1,
            }),
            State::Finished => Err(ProtocolError::Finished),
        }
    }

    fn handle(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError> {
        if self.state == State::AwaitTls {
            return Err(ProtocolError::ResponseInjection {
                command: "STARTTLS",
                bytes: line.len() + 2,
            });
        }
        match self.reader.push_line(&line) {
            Ok(None) => Ok(Step::NeedMore),
            Ok(Some(reply)) => self.handle_reply(reply),
            // Whatever the answer to QUIT, the probe is over.
            Err(_) if self.state == State::Quit => {
                Ok(Step::Done(Box::new(self.wire.report.clone())))
            }
            Err(e) => Err(e),
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

/// Keeps only characters valid in a domain or address literal, so a bad
/// configured name cannot inject a second command.
fn sanitize_client_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
        .collect();
    if clean.is_empty() {
        "[127.0.0.1]".to_owned()
    } else {
        clean
    }
}

impl ProtocolMachine for SmtpMachine {
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
            self.ehlo()
        }
    }

    fn eof(&mut self) -> Step {
        let r = match self.state {
            State::Quit => Ok(Step::Done(Box::new(self.wire.report.clone()))),
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
            State::Ehlo => "the EHLO reply",
            State::Helo => "the HELO reply",
            State::StartTls => "the STARTTLS reply",
            State::Quit => "the QUIT reply",
            State::Finished => "nothing",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_name_cannot_inject() {
        assert_eq!(sanitize_client_name("a\r\nRCPT TO:<x>"), "aRCPTTO:x");
        assert_eq!(sanitize_client_name("[IPv6:::1]"), "[IPv6:::1]");
        assert_eq!(sanitize_client_name(""), "[127.0.0.1]");
    }
}
