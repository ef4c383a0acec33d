//! Sans-IO POP3 session: greeting → CAPA → STLS (RFC 2595) → CAPA over TLS → QUIT.
//!
//! The greeting's APOP timestamp is recorded. CAPA is optional in POP3
//! (RFC 2449): a `-ERR` to CAPA gives capabilities with `capa_supported =
//! false`, and in STARTTLS mode STLS is then tried anyway. After `+OK` to STLS,
//! any byte already buffered is a response injection and aborts the session.
//!
//! The login step of a later issue goes into `Pop3Machine::after_capabilities`:
//! a new state between the capabilities and QUIT.

use super::caps::{Capabilities, Pop3Caps};
use super::error::ProtocolError;
use super::reply::{Pop3MultiLineReader, Pop3Status, apop_timestamp, parse_pop3_status};
use super::session::{
    MachineConfig, ProtocolMachine, SessionReport, StarttlsOutcome, Step, Wire, pump,
};
use super::text::ServerText;
use super::transcript::{LogEntry, Outgoing};
use crate::providers::Security;

#[derive(Debug)]
enum State {
    /// Waiting for the driver's TLS handshake (implicit TLS, or after STLS +OK).
    AwaitTls,
    Greeting,
    CapaStatus,
    CapaBody(Pop3MultiLineReader),
    Stls,
    Quit,
    Finished,
}

/// The POP3 machine. See the module docs.
#[derive(Debug)]
pub struct Pop3Machine {
    security: Security,
    wire: Wire,
    state: State,
    tls_active: bool,
}

impl Pop3Machine {
    /// A session for an endpoint in `security` mode.
    pub fn new(security: Security, config: MachineConfig) -> Pop3Machine {
        let mut wire = Wire::new(config.limits);
        if security != Security::Starttls {
            wire.report.starttls = StarttlsOutcome::NotApplicable;
        }
        Pop3Machine {
            security,
            wire,
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

    fn store_caps(&mut self, caps: Pop3Caps) {
        let caps = Some(Capabilities::Pop3(caps));
        if self.tls_active {
            self.wire.report.caps_after_tls = caps;
        } else {
            self.wire.report.caps_before_tls = caps;
        }
    }

    /// Capabilities are known: upgrade, (later: log in), or say goodbye.
    fn after_capabilities(&mut self, stls_possible: bool) -> Step {
        if self.security == Security::Starttls && !self.tls_active {
            if stls_possible {
                return self.send("STLS", State::Stls);
            }
            self.wire.report.starttls = StarttlsOutcome::NotOffered;
        }
        // Login goes here (credentials issue): only when TLS is active and verified.
        self.send("QUIT", State::Quit)
    }

    fn handle(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError> {
        match &mut self.state {
            State::Greeting => {
                let r = parse_pop3_status(&line)?;
                self.wire.report.greeting = Some(ServerText::from_bytes(&line));
                if r.status == Pop3Status::Err {
                    return Err(ProtocolError::Rejected {
                        reply: ServerText::from_bytes(&line),
                    });
                }
                self.wire.report.apop_timestamp = apop_timestamp(&r.text);
                Ok(self.send("CAPA", State::CapaStatus))
            }
            State::CapaStatus => {
                let r = parse_pop3_status(&line)?;
                if r.status == Pop3Status::Ok {
                    self.state = State::CapaBody(Pop3MultiLineReader::new(self.wire.limits));
                    Ok(Step::NeedMore)
                } else {
                    self.store_caps(Pop3Caps::default());
                    Ok(self.after_capabilities(true))
                }
            }
            State::CapaBody(reader) => match reader.push_line(&line)? {
                None => Ok(Step::NeedMore),
                Some(body) => {
                    let caps = Pop3Caps::parse(&body);
                    let stls = caps.stls;
                    self.store_caps(caps);
                    Ok(self.after_capabilities(stls))
                }
            },
            State::Stls => {
                let r = parse_pop3_status(&line)?;
                if r.status == Pop3Status::Ok {
                    self.wire.check_no_injection("STLS")?;
                    self.wire.report.starttls = StarttlsOutcome::Upgraded;
                    self.state = State::AwaitTls;
                    Ok(Step::StartTls)
                } else {
                    self.wire.report.starttls = StarttlsOutcome::Refused {
                        reply: ServerText::from_bytes(&line),
                    };
                    Ok(self.send("QUIT", State::Quit))
                }
            }
            State::Quit => {
                // Whatever the answer to QUIT, the probe is over.
                self.wire.report.quit_acknowledged = parse_pop3_status(&line).is_ok();
                Ok(Step::Done(Box::new(self.wire.report.clone())))
            }
            State::AwaitTls => Err(ProtocolError::ResponseInjection {
                command: "STLS",
                bytes: line.len() + 2,
            }),
            State::Finished => Err(ProtocolError::Finished),
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

impl ProtocolMachine for Pop3Machine {
    fn input(&mut self, bytes: &[u8]) -> Step {
        if matches!(self.state, State::Finished) {
            return Step::Fail(ProtocolError::Finished);
        }
        let r = pump(self, |m| &mut m.wire, bytes, |m, line| m.handle(line));
        self.settle(r)
    }

    fn tls_established(&mut self) -> Step {
        if !matches!(self.state, State::AwaitTls) {
            return self.settle(Err(ProtocolError::Finished));
        }
        self.tls_active = true;
        if self.security == Security::Tls {
            self.state = State::Greeting;
            Step::NeedMore
        } else {
            self.send("CAPA", State::CapaStatus)
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
            State::CapaStatus | State::CapaBody(_) => "the CAPA reply",
            State::Stls => "the STLS reply",
            State::Quit => "the QUIT reply",
            State::Finished => "nothing",
        }
    }
}
