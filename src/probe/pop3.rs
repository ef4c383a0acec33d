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
//! LOGIN`, `USER`/`PASS`, then `APOP` (greeting timestamp); an OAuth2 token
//! only with `AUTH OAUTHBEARER` or `AUTH XOAUTH2`. On a plaintext
//! connection the user allowed, an unadvertised `USER` is still tried: the
//! server's refusal before any secret is sent is reported as
//! "encryption required". Every secret goes out as an [`Outgoing::secret`] /
//! [`Outgoing::secret_arg`], so transcripts show `[redacted]`.

use super::caps::{Capabilities, Pop3Caps};
use super::error::ProtocolError;
use super::login::{Basis, Credentials, FailedReply, LoginOutcome, ReplyCode, md5_hex};
use super::reply::{Pop3MultiLineReader, Pop3Status, apop_timestamp, parse_pop3_status};
use super::session::{Dialogue, Machine, MachineConfig, Stage, Step};
use crate::providers::Protocol;

/// POP3's own states; the shared ones are in [`Stage`].
#[derive(Debug)]
pub(crate) enum State {
    CapaStatus,
    CapaBody(Pop3MultiLineReader),
    /// `USER` sent (no secret yet).
    User,
    /// `AUTH LOGIN` sent, waiting for the username challenge (no secret yet).
    AuthLoginStart,
    /// Username sent, waiting for the password challenge.
    AuthLoginUser,
    /// The secret was sent (`PASS`, `AUTH PLAIN`, the `AUTH LOGIN` password, `APOP`).
    Secret,
}

/// POP3's part of a [`Machine`]: nothing beyond its states.
#[derive(Debug)]
pub(crate) struct Pop3;

impl Machine<Pop3> {
    /// A negative answer to the login (see [`Machine::login_refused`]).
    fn refused(&mut self, line: &[u8], secret_sent: bool) -> Result<Step, ProtocolError> {
        let r = parse_pop3_status(line)?;
        let reply = FailedReply {
            protocol: Protocol::Pop3,
            text: line,
            code: ReplyCode::Pop3(r.code.as_ref()),
        };
        Ok(self.login_refused(&reply, line, secret_sent))
    }
}

impl Dialogue for Pop3 {
    type State = State;
    const PROTOCOL: Protocol = Protocol::Pop3;

    fn new(_: &MachineConfig) -> Pop3 {
        Pop3
    }

    fn ask_capabilities(m: &mut Machine<Pop3>) -> Step {
        m.send("CAPA", State::CapaStatus)
    }

    fn on_line(m: &mut Machine<Pop3>, line: Vec<u8>) -> Result<Step, ProtocolError> {
        let state = match &mut m.stage {
            Stage::Talking(state) => state,
            Stage::Greeting => {
                let r = parse_pop3_status(&line)?;
                m.wire.report.greeting = Some(m.wire.text(&line));
                if r.status == Pop3Status::Err {
                    return Err(ProtocolError::Rejected {
                        reply: m.wire.text(&line),
                    });
                }
                m.wire.report.apop_timestamp = apop_timestamp(&r.text);
                return Ok(Pop3::ask_capabilities(m));
            }
            Stage::Upgrading => {
                let ok = parse_pop3_status(&line)?.status == Pop3Status::Ok;
                return m.upgrade_answer(ok, &line);
            }
            // Whatever the answer to QUIT, the probe is over.
            Stage::Closing { .. } => {
                return Ok(m.said_goodbye(parse_pop3_status(&line).is_ok()));
            }
            // `Machine::handle_line` answers these.
            Stage::AwaitTls | Stage::AwaitLogin | Stage::Finished => {
                return Err(ProtocolError::Finished);
            }
        };
        match state {
            State::CapaStatus => {
                let r = parse_pop3_status(&line)?;
                if r.status == Pop3Status::Ok {
                    *state = State::CapaBody(Pop3MultiLineReader::new(m.wire.limits));
                    Ok(Step::NeedMore)
                } else {
                    m.store_caps(Capabilities::Pop3(Pop3Caps::default()));
                    Ok(m.after_capabilities(true))
                }
            }
            State::CapaBody(reader) => match reader.push_line(&line)? {
                None => Ok(Step::NeedMore),
                Some(body) => {
                    let caps = Pop3Caps::parse(&body);
                    let stls = caps.stls;
                    m.store_caps(Capabilities::Pop3(caps));
                    Ok(m.after_capabilities(stls))
                }
            },
            State::User => {
                let r = parse_pop3_status(&line)?;
                if r.status != Pop3Status::Ok {
                    return m.refused(&line, false);
                }
                let Some(login) = m.login.clone() else {
                    return Ok(m.close());
                };
                Ok(m.secret_command(
                    "PASS",
                    login.credentials.password().as_bytes(),
                    Stage::Talking(State::Secret),
                ))
            }
            State::AuthLoginStart | State::AuthLoginUser if is_continuation(&line) => {
                let user_sent = matches!(state, State::AuthLoginUser);
                Ok(m.auth_login_answer(user_sent, State::AuthLoginUser, State::Secret))
            }
            State::AuthLoginStart | State::AuthLoginUser => m.refused(&line, false),
            State::Secret => {
                if is_continuation(&line)
                    && let Some(step) = m.bearer_challenge(line.get(1..).unwrap_or_default())
                {
                    return Ok(step);
                }
                if is_continuation(&line) {
                    return Ok(m.finish_login(
                        LoginOutcome::UnexpectedReply,
                        Some(&line),
                        None,
                        Some(Basis::Status),
                    ));
                }
                let r = parse_pop3_status(&line)?;
                if r.status == Pop3Status::Ok {
                    Ok(m.finish_login(LoginOutcome::Success, Some(&line), None, None))
                } else {
                    m.refused(&line, true)
                }
            }
        }
    }

    fn login(m: &mut Machine<Pop3>, creds: &Credentials) -> Step {
        let caps = match m.wire.report.effective_caps() {
            Some(Capabilities::Pop3(c)) => c.clone(),
            _ => Pop3Caps::default(),
        };
        if creds.is_bearer() {
            // A token goes only with a bearer mechanism (RFC 5034 AUTH with
            // an initial response), never as a password.
            return match creds.bearer_mechanism(&caps.sasl) {
                Some(mech) => m.sasl_bearer(creds, mech, "AUTH", Stage::Talking(State::Secret)),
                None => m.no_mechanism(caps.sasl.clone()),
            };
        }
        let has = |m: &str| caps.sasl.iter().any(|x| x == m);
        if has("PLAIN") {
            return m.sasl_plain(creds, "AUTH PLAIN", Stage::Talking(State::Secret));
        }
        if has("LOGIN") {
            m.begin_login("AUTH LOGIN");
            return m.send("AUTH LOGIN", State::AuthLoginStart);
        }
        let apop = m.wire.report.apop_timestamp.clone();
        // Without a CAPA answer, USER is tried unless the greeting offers APOP;
        // on a plaintext connection the user allowed, the server may hide USER
        // before TLS: ask with the username only, no secret goes out yet.
        let user = caps.user
            || (!caps.capa_supported && apop.is_none())
            || (!m.tls_active && apop.is_none());
        if user {
            m.begin_login("USER/PASS");
            let line = format!("USER {}", creds.username);
            return m.send(&line, State::User);
        }
        if let Some(ts) = apop {
            m.begin_login("APOP");
            let mut input = secrecy::zeroize::Zeroizing::new(ts.as_str().as_bytes().to_vec());
            input.extend_from_slice(creds.password().as_bytes());
            let digest = md5_hex(&input);
            let visible = format!("APOP {}", creds.username);
            return m.secret_command(&visible, digest.as_bytes(), Stage::Talking(State::Secret));
        }
        m.no_mechanism(caps.sasl.clone())
    }

    fn awaiting(state: &State) -> &'static str {
        match state {
            State::CapaStatus | State::CapaBody(_) => "the CAPA reply",
            State::User => "the USER reply",
            State::AuthLoginStart | State::AuthLoginUser => "the AUTH LOGIN challenge",
            State::Secret => "the login reply",
        }
    }
}

/// A SASL challenge (`+ …`), as opposed to `+OK`.
fn is_continuation(line: &[u8]) -> bool {
    line.first() == Some(&b'+') && !(line.len() >= 3 && line[..3].eq_ignore_ascii_case(b"+OK"))
}
