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
//! `AUTH LOGIN` (an OAuth2 token with `AUTH OAUTHBEARER` or `AUTH XOAUTH2`,
//! answering the error challenge, RFC 7628 §3.2.2), then says QUIT. It never sends MAIL, RCPT or DATA. Secrets go
//! out as [`Outgoing::secret`] / [`Outgoing::secret_arg`].

use super::caps::{Capabilities, SmtpCaps};
use super::error::ProtocolError;
use super::login::{Basis, Credentials, FailedReply, LoginOutcome, ReplyCode};
use super::reply::{SmtpReply, SmtpReplyReader};
use super::session::{Dialogue, Machine, MachineConfig, Stage, Step};
use crate::providers::Protocol;

/// SMTP's own states; the shared ones are in [`Stage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Ehlo,
    Helo,
    AuthLoginStart,
    AuthLoginUser,
    Secret,
}

/// SMTP's part of a [`Machine`].
#[derive(Debug)]
pub(crate) struct Smtp {
    /// The EHLO/HELO name, sanitized.
    client_name: String,
    /// Collects the lines of one reply.
    reader: SmtpReplyReader,
}

impl Machine<Smtp> {
    /// A negative answer to the login (see [`Machine::login_refused`]).
    fn refused(&mut self, reply: &SmtpReply, secret_sent: bool) -> Step {
        let mut text = Vec::new();
        for (i, l) in reply.lines.iter().enumerate() {
            if i > 0 {
                text.push(b' ');
            }
            text.extend_from_slice(l);
        }
        let full = [reply.code.to_string().as_bytes(), b" ", &text].concat();
        let failed = FailedReply {
            protocol: Protocol::Smtp,
            text: &full,
            code: ReplyCode::Smtp(reply.code, reply.enhanced),
        };
        self.login_refused(&failed, &reply.raw(), secret_sent)
    }

    fn handle_reply(&mut self, reply: SmtpReply) -> Result<Step, ProtocolError> {
        let state = match self.stage {
            Stage::Talking(state) => state,
            Stage::Greeting => {
                self.wire.report.greeting = Some(self.wire.text(&reply.raw()));
                if reply.code != 220 {
                    return Err(ProtocolError::Rejected {
                        reply: self.wire.text(&reply.raw()),
                    });
                }
                return Ok(Smtp::ask_capabilities(self));
            }
            Stage::Upgrading => return self.upgrade_answer(reply.code == 220, &reply.raw()),
            Stage::Closing { .. } => return Ok(self.said_goodbye(true)),
            // `Machine::handle_line` answers these.
            Stage::AwaitTls | Stage::AwaitLogin | Stage::Finished => {
                return Err(ProtocolError::Finished);
            }
        };
        match state {
            State::Ehlo => {
                if reply.is_positive() {
                    let caps = SmtpCaps::parse_ehlo(&reply.lines);
                    let offered = caps.starttls;
                    self.store_caps(Capabilities::Smtp(caps));
                    Ok(self.after_capabilities(offered))
                } else if reply.is_permanent() && reply.code != 554 {
                    // 500/502/504: an old server without ESMTP.
                    let line = format!("HELO {}", self.own.client_name);
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
                let caps = SmtpCaps::from_helo(&reply.lines);
                self.store_caps(Capabilities::Smtp(caps));
                Ok(self.after_capabilities(false))
            }
            State::AuthLoginStart | State::AuthLoginUser if reply.code == 334 => {
                let user_sent = state == State::AuthLoginUser;
                Ok(self.auth_login_answer(user_sent, State::AuthLoginUser, State::Secret))
            }
            State::AuthLoginStart | State::AuthLoginUser => Ok(self.refused(&reply, false)),
            State::Secret => {
                if reply.code == 235 {
                    Ok(self.finish_login(LoginOutcome::Success, Some(&reply.raw()), None, None))
                } else if reply.code == 334
                    && let Some(step) =
                        self.bearer_challenge(reply.lines.first().map_or(&[][..], |l| &l[..]))
                {
                    Ok(step)
                } else if reply.code == 334 {
                    Ok(self.finish_login(
                        LoginOutcome::UnexpectedReply,
                        Some(&reply.raw()),
                        Some("334".to_owned()),
                        Some(Basis::Status),
                    ))
                } else {
                    Ok(self.refused(&reply, true))
                }
            }
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

impl Dialogue for Smtp {
    type State = State;
    const PROTOCOL: Protocol = Protocol::Smtp;

    fn new(config: &MachineConfig) -> Smtp {
        Smtp {
            client_name: sanitize_client_name(&config.client_name),
            reader: SmtpReplyReader::new(config.limits),
        }
    }

    fn ask_capabilities(m: &mut Machine<Smtp>) -> Step {
        let line = format!("EHLO {}", m.own.client_name);
        m.send(&line, State::Ehlo)
    }

    fn on_line(m: &mut Machine<Smtp>, line: Vec<u8>) -> Result<Step, ProtocolError> {
        match m.own.reader.push_line(&line) {
            Ok(None) => Ok(Step::NeedMore),
            Ok(Some(reply)) => m.handle_reply(reply),
            // Whatever the answer to QUIT, the probe is over.
            Err(_) if matches!(m.stage, Stage::Closing { .. }) => Ok(m.said_goodbye(false)),
            Err(e) => Err(e),
        }
    }

    fn reset_at_tls(&mut self) {
        self.reader.clear();
    }

    fn login(m: &mut Machine<Smtp>, creds: &Credentials) -> Step {
        let offered: Vec<String> = match m.wire.report.effective_caps() {
            Some(Capabilities::Smtp(c)) => c.auth.clone(),
            _ => Vec::new(),
        };
        if creds.is_bearer() {
            // A token goes only with a bearer mechanism, never as a password.
            return match creds.bearer_mechanism(&offered) {
                Some(mech) => m.sasl_bearer(creds, mech, "AUTH", Stage::Talking(State::Secret)),
                None => m.no_mechanism(offered),
            };
        }
        if offered.iter().any(|m| m == "PLAIN") {
            return m.sasl_plain(creds, "AUTH PLAIN", Stage::Talking(State::Secret));
        }
        if offered.iter().any(|m| m == "LOGIN") {
            m.begin_login("AUTH LOGIN");
            return m.send("AUTH LOGIN", State::AuthLoginStart);
        }
        m.no_mechanism(offered)
    }

    fn awaiting(state: &State) -> &'static str {
        match state {
            State::Ehlo => "the EHLO reply",
            State::Helo => "the HELO reply",
            State::AuthLoginStart | State::AuthLoginUser => "the AUTH LOGIN challenge",
            State::Secret => "the AUTH reply",
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
