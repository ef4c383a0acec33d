//! Sans-IO SMTP session: greeting → EHLO (HELO if EHLO is refused) → STARTTLS
//! (RFC 3207) → EHLO over TLS → QUIT.
//!
//! EHLO uses the configured client name (the driver passes an address literal of
//! the local address, e.g. `[192.0.2.1]`, as RFC 5321 §4.1.4 allows). After
//! `220` to STARTTLS, any byte already buffered is a response injection and
//! aborts the session.
//!
//! With credentials configured, after EHLO (over TLS, or over plaintext only
//! when the driver's policy allows) the machine asks for permission
//! ([`Step::Login`]) and authenticates with `AUTH PLAIN` (initial response) or
//! `AUTH LOGIN`, then says QUIT. It never sends MAIL, RCPT or DATA. Secrets go
//! out as [`Outgoing::secret`] / [`Outgoing::secret_arg`].

use std::sync::Arc;

use super::caps::{Capabilities, SmtpCaps};
use super::error::ProtocolError;
use super::login::{
    Basis, FailedReply, LoginOutcome, LoginReport, LoginRequest, NotTriedReason, ReplyCode, base64,
    classify,
};
use super::reply::{SmtpReply, SmtpReplyReader};
use super::session::{Dialogue, MachineConfig, Phase, StarttlsOutcome, Step, Wire};
use super::transcript::Outgoing;
use crate::providers::Security;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    AwaitTls,
    Greeting,
    Ehlo,
    Helo,
    StartTls,
    AwaitLogin,
    AuthLoginStart,
    AuthLoginUser,
    Secret,
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
    login: Option<Arc<LoginRequest>>,
}

impl SmtpMachine {
    /// A session for an endpoint in `security` mode.
    pub fn new(security: Security, config: MachineConfig) -> SmtpMachine {
        SmtpMachine {
            security,
            client_name: sanitize_client_name(&config.client_name),
            wire: Wire::new(config.limits, config.login.as_deref()),
            reader: SmtpReplyReader::new(config.limits),
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
            return self.close_unencrypted();
        }
        if self.login.is_some() {
            self.state = State::AwaitLogin;
            return Step::Login;
        }
        self.send("QUIT", State::Quit)
    }

    /// A STARTTLS endpoint that stayed unencrypted never asks for the password.
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

    fn finish_login(
        &mut self,
        outcome: LoginOutcome,
        reply: Option<&SmtpReply>,
        code: Option<String>,
        basis: Option<Basis>,
    ) -> Step {
        let reply = reply.map(|r| self.wire.text(&r.raw()));
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

    fn refused(&mut self, reply: &SmtpReply, secret_sent: bool) -> Step {
        let known = self
            .login
            .as_ref()
            .map(|l| l.known_replies.clone())
            .unwrap_or_default();
        let mut text = Vec::new();
        for (i, l) in reply.lines.iter().enumerate() {
            if i > 0 {
                text.push(b' ');
            }
            text.extend_from_slice(l);
        }
        let full = [reply.code.to_string().as_bytes(), b" ", &text].concat();
        let (outcome, code, basis) = classify(
            &FailedReply {
                protocol: crate::providers::Protocol::Smtp,
                text: &full,
                code: ReplyCode::Smtp(reply.code, reply.enhanced),
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
        self.finish_login(outcome, Some(reply), code, Some(basis))
    }

    fn start_login(&mut self) -> Step {
        let Some(login) = self.login.clone() else {
            return self.send("QUIT", State::Quit);
        };
        let offered: Vec<String> = match self.wire.report.effective_caps() {
            Some(Capabilities::Smtp(c)) => c.auth.clone(),
            _ => Vec::new(),
        };
        if offered.iter().any(|m| m == "PLAIN") {
            self.begin_login("AUTH PLAIN");
            self.state = State::Secret;
            let b64 = login.credentials.sasl_plain_b64();
            return self
                .wire
                .send(Outgoing::secret_arg("AUTH PLAIN", b64.as_bytes()));
        }
        if offered.iter().any(|m| m == "LOGIN") {
            self.begin_login("AUTH LOGIN");
            return self.send("AUTH LOGIN", State::AuthLoginStart);
        }
        self.finish_login(
            LoginOutcome::MechanismNotOffered { offered },
            None,
            None,
            Some(Basis::Session),
        )
    }

    fn handle_reply(&mut self, reply: SmtpReply) -> Result<Step, ProtocolError> {
        match self.state {
            State::Greeting => {
                self.wire.report.greeting = Some(self.wire.text(&reply.raw()));
                if reply.code != 220 {
                    return Err(ProtocolError::Rejected {
                        reply: self.wire.text(&reply.raw()),
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
                        reply: self.wire.text(&reply.raw()),
                    })
                }
            }
            State::Helo => {
                if !reply.is_positive() {
                    return Err(ProtocolError::Unexpected {
                        command: "HELO",
                        reply: self.wire.text(&reply.raw()),
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
                        reply: self.wire.text(&reply.raw()),
                    };
                    Ok(self.close_unencrypted())
                }
            }
            State::AwaitLogin => Err(ProtocolError::Malformed {
                reason: "the server spoke while the client was deciding to log in",
                line: self.wire.text(&reply.raw()),
            }),
            State::AuthLoginStart | State::AuthLoginUser if reply.code == 334 => {
                let Some(login) = self.login.clone() else {
                    return Ok(self.send("QUIT", State::Quit));
                };
                let c = &login.credentials;
                if self.state == State::AuthLoginStart {
                    self.state = State::AuthLoginUser;
                    let b = base64(c.username.as_bytes());
                    Ok(self.wire.send(Outgoing::redacted(b.as_bytes(), "username")))
                } else {
                    self.state = State::Secret;
                    let b = base64(c.password().as_bytes());
                    Ok(self.wire.send(Outgoing::secret(b.as_bytes(), "password")))
                }
            }
            State::AuthLoginStart | State::AuthLoginUser => Ok(self.refused(&reply, false)),
            State::Secret => {
                if reply.code == 235 {
                    Ok(self.finish_login(LoginOutcome::Success, Some(&reply), None, None))
                } else if reply.code == 334 {
                    Ok(self.finish_login(
                        LoginOutcome::UnexpectedReply,
                        Some(&reply),
                        Some("334".to_owned()),
                        Some(Basis::Status),
                    ))
                } else {
                    Ok(self.refused(&reply, true))
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

impl Dialogue for SmtpMachine {
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
        // Nothing read over plaintext carries over into TLS (F8).
        self.wire.reset_at_tls();
        self.reader = SmtpReplyReader::new(self.wire.limits);
        if self.security == Security::Tls {
            self.state = State::Greeting;
            Step::NeedMore
        } else {
            self.ehlo()
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
            State::Ehlo => "the EHLO reply",
            State::Helo => "the HELO reply",
            State::StartTls => "the STARTTLS reply",
            State::AwaitLogin => "the decision to log in",
            State::AuthLoginStart | State::AuthLoginUser => "the AUTH LOGIN challenge",
            State::Secret => "the AUTH reply",
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
