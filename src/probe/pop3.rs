//! Sans-IO POP3 session: greeting → CAPA → STLS (RFC 2595) → CAPA over TLS → QUIT.
//!
//! The greeting's APOP timestamp is recorded. CAPA is optional in POP3
//! (RFC 2449): a `-ERR` to CAPA gives capabilities with `capa_supported =
//! false`, and in STARTTLS mode STLS is then tried anyway. After `+OK` to STLS,
//! any byte already buffered is a response injection and aborts the session.
//!
//! With credentials configured, the machine asks the driver for permission
//! ([`Step::Login`]) once the capabilities to use are known, and then logs in
//! with the best mechanism those capabilities offer: `AUTH PLAIN`, `AUTH
//! LOGIN`, `USER`/`PASS`, then `APOP` (greeting timestamp). On a plaintext
//! connection the user allowed, an unadvertised `USER` is still tried: the
//! server's refusal before any secret is sent is reported as
//! "encryption required". Every secret goes out as an [`Outgoing::secret`] /
//! [`Outgoing::secret_arg`], so transcripts show `[redacted]`.

use std::sync::Arc;

use super::caps::{Capabilities, Pop3Caps};
use super::error::ProtocolError;
use super::login::{
    Basis, FailedReply, LoginOutcome, LoginReport, LoginRequest, NotTriedReason, ReplyCode, base64,
    classify, md5_hex,
};
use super::reply::{Pop3MultiLineReader, Pop3Status, apop_timestamp, parse_pop3_status};
use super::session::{Dialogue, MachineConfig, Phase, StarttlsOutcome, Step, Wire};
use super::transcript::Outgoing;
use crate::providers::Security;

#[derive(Debug)]
enum State {
    /// Waiting for the driver's TLS handshake (implicit TLS, or after STLS +OK).
    AwaitTls,
    Greeting,
    CapaStatus,
    CapaBody(Pop3MultiLineReader),
    Stls,
    /// Waiting for the driver's [`super::session::ProtocolMachine::login_decision`].
    AwaitLogin,
    /// `USER` sent (no secret yet).
    User,
    /// `AUTH LOGIN` sent, waiting for the username challenge (no secret yet).
    AuthLoginStart,
    /// Username sent, waiting for the password challenge.
    AuthLoginUser,
    /// The secret was sent (`PASS`, `AUTH PLAIN`, the `AUTH LOGIN` password, `APOP`).
    Secret,
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
    login: Option<Arc<LoginRequest>>,
}

impl Pop3Machine {
    /// A session for an endpoint in `security` mode.
    pub fn new(security: Security, config: MachineConfig) -> Pop3Machine {
        let mut wire = Wire::new(config.limits, config.login.as_deref());
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
            login: config.login,
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
            return self.close_unencrypted();
        }
        if self.login.is_some() {
            self.state = State::AwaitLogin;
            return Step::Login;
        }
        self.send("QUIT", State::Quit)
    }

    /// A STARTTLS endpoint that stayed unencrypted: whatever any consent
    /// says, the password is never asked for here (the driver would refuse
    /// too; this keeps the machine honest on its own).
    fn close_unencrypted(&mut self) -> Step {
        if self.login.is_some() {
            self.wire.report.login = Some(LoginReport::not_tried(NotTriedReason::Plaintext));
        }
        self.send("QUIT", State::Quit)
    }

    fn begin_login(&mut self, mechanism: &str) {
        let mut r = LoginReport::bare(LoginOutcome::ConnectionProblem {
            message: "no answer to the login".to_owned(),
        });
        r.mechanism = Some(mechanism.to_owned());
        self.wire.report.login = Some(r);
    }

    /// Records the login's end and says goodbye.
    fn finish_login(
        &mut self,
        outcome: LoginOutcome,
        line: Option<&[u8]>,
        code: Option<String>,
        basis: Option<Basis>,
    ) -> Step {
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
        self.send("QUIT", State::Quit)
    }

    /// A negative answer: before any secret on plaintext it means "encryption
    /// required"; otherwise the classification decides.
    fn refused(&mut self, line: &[u8], secret_sent: bool) -> Result<Step, ProtocolError> {
        let r = parse_pop3_status(line)?;
        let known = self
            .login
            .as_ref()
            .map(|l| l.known_replies.clone())
            .unwrap_or_default();
        let (outcome, code, basis) = classify(
            &FailedReply {
                protocol: crate::providers::Protocol::Pop3,
                text: line,
                code: ReplyCode::Pop3(r.code.as_ref()),
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
        Ok(self.finish_login(outcome, Some(line), code, Some(basis)))
    }

    fn start_login(&mut self) -> Step {
        let Some(login) = self.login.clone() else {
            return self.send("QUIT", State::Quit);
        };
        let creds = &login.credentials;
        let caps = match self.wire.report.effective_caps() {
            Some(Capabilities::Pop3(c)) => c.clone(),
            _ => Pop3Caps::default(),
        };
        let has = |m: &str| caps.sasl.iter().any(|x| x == m);
        if has("PLAIN") {
            self.begin_login("AUTH PLAIN");
            self.state = State::Secret;
            let b64 = creds.sasl_plain_b64();
            return self
                .wire
                .send(Outgoing::secret_arg("AUTH PLAIN", b64.as_bytes()));
        }
        if has("LOGIN") {
            self.begin_login("AUTH LOGIN");
            return self.send("AUTH LOGIN", State::AuthLoginStart);
        }
        let apop = self.wire.report.apop_timestamp.clone();
        if caps.user || (!caps.capa_supported && apop.is_none()) {
            self.begin_login("USER/PASS");
            let line = format!("USER {}", creds.username);
            return self.send(&line, State::User);
        }
        if let Some(ts) = apop {
            self.begin_login("APOP");
            let mut input = secrecy::zeroize::Zeroizing::new(ts.as_str().as_bytes().to_vec());
            input.extend_from_slice(creds.password().as_bytes());
            let digest = md5_hex(&input);
            self.state = State::Secret;
            let visible = format!("APOP {}", creds.username);
            return self
                .wire
                .send(Outgoing::secret_arg(&visible, digest.as_bytes()));
        }
        if !self.tls_active {
            // The user allowed this plaintext endpoint; the server hides USER
            // before TLS. Ask with the username only: no secret goes out.
            self.begin_login("USER/PASS");
            let line = format!("USER {}", creds.username);
            return self.send(&line, State::User);
        }
        self.finish_login(
            LoginOutcome::MechanismNotOffered {
                offered: caps.sasl.clone(),
            },
            None,
            None,
            Some(Basis::Session),
        )
    }

    fn is_continuation(line: &[u8]) -> bool {
        line.first() == Some(&b'+') && !(line.len() >= 3 && line[..3].eq_ignore_ascii_case(b"+OK"))
    }

    fn handle(&mut self, line: Vec<u8>) -> Result<Step, ProtocolError> {
        match &mut self.state {
            State::Greeting => {
                let r = parse_pop3_status(&line)?;
                self.wire.report.greeting = Some(self.wire.text(&line));
                if r.status == Pop3Status::Err {
                    return Err(ProtocolError::Rejected {
                        reply: self.wire.text(&line),
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
                        reply: self.wire.text(&line),
                    };
                    Ok(self.close_unencrypted())
                }
            }
            State::AwaitLogin => Err(ProtocolError::Malformed {
                reason: "the server spoke while the client was deciding to log in",
                line: self.wire.text(&line),
            }),
            State::User => {
                let r = parse_pop3_status(&line)?;
                if r.status == Pop3Status::Ok {
                    let Some(login) = self.login.clone() else {
                        return Ok(self.send("QUIT", State::Quit));
                    };
                    self.state = State::Secret;
                    Ok(self.wire.send(Outgoing::secret_arg(
                        "PASS",
                        login.credentials.password().as_bytes(),
                    )))
                } else {
                    self.refused(&line, false)
                }
            }
            State::AuthLoginStart | State::AuthLoginUser if Self::is_continuation(&line) => {
                let Some(login) = self.login.clone() else {
                    return Ok(self.send("QUIT", State::Quit));
                };
                let c = &login.credentials;
                if matches!(self.state, State::AuthLoginStart) {
                    self.state = State::AuthLoginUser;
                    let b = base64(c.username.as_bytes());
                    Ok(self.wire.send(Outgoing::redacted(b.as_bytes(), "username")))
                } else {
                    self.state = State::Secret;
                    let b = base64(c.password().as_bytes());
                    Ok(self.wire.send(Outgoing::secret(b.as_bytes(), "password")))
                }
            }
            State::AuthLoginStart | State::AuthLoginUser => self.refused(&line, false),
            State::Secret => {
                if Self::is_continuation(&line) {
                    return Ok(self.finish_login(
                        LoginOutcome::UnexpectedReply,
                        Some(&line),
                        None,
                        Some(Basis::Status),
                    ));
                }
                let r = parse_pop3_status(&line)?;
                if r.status == Pop3Status::Ok {
                    Ok(self.finish_login(LoginOutcome::Success, Some(&line), None, None))
                } else {
                    self.refused(&line, true)
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
}

impl Dialogue for Pop3Machine {
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
            State::Quit => Phase::Closing,
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
        // Nothing learnt over plaintext steers the session after TLS (F8):
        // the APOP timestamp came in the unprotected greeting.
        self.wire.reset_at_tls();
        self.wire.report.apop_timestamp = None;
        if self.security == Security::Tls {
            self.state = State::Greeting;
            Step::NeedMore
        } else {
            self.send("CAPA", State::CapaStatus)
        }
    }

    fn login(&mut self) -> Step {
        self.start_login()
    }

    fn close(&mut self) -> Step {
        self.send("QUIT", State::Quit)
    }

    fn awaiting(&self) -> &'static str {
        match self.state {
            State::AwaitTls => "the TLS handshake",
            State::Greeting => "the greeting",
            State::CapaStatus | State::CapaBody(_) => "the CAPA reply",
            State::Stls => "the STLS reply",
            State::AwaitLogin => "the decision to log in",
            State::User => "the USER reply",
            State::AuthLoginStart | State::AuthLoginUser => "the AUTH LOGIN challenge",
            State::Secret => "the login reply",
            State::Quit => "the QUIT reply",
            State::Finished => "nothing",
        }
    }
}
