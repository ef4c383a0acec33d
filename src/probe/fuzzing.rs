//! Fuzz bodies, shared by the cargo-fuzz targets in `fuzz/` and by a stable
//! `#[test]` that runs each over random inputs.
//!
//! Each body must never panic and must keep memory bounded, whatever the input.

use std::sync::Arc;

use secrecy::SecretString;

use super::line::{Frame, LineFramer};
use super::login::{Credentials, LoginRequest};
use super::reply::{
    Limits, Pop3MultiLineReader, SmtpReplyReader, apop_timestamp, imap_literal_len,
    parse_imap_line, parse_pop3_status,
};
use super::session::{MachineConfig, Step, machine_for};
use super::transcript::redact_client_line;
use crate::providers::{Protocol, Security};
use crate::server_text::escape;

fn small_limits() -> Limits {
    Limits {
        max_line: 256,
        max_reply_lines: 32,
        max_reply_bytes: 4096,
    }
}

/// The framer, fed in chunks whose sizes come from the input's first byte.
pub fn framer(data: &[u8]) {
    let Some((&chunk, rest)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(chunk).max(1);
    let mut f = LineFramer::new(64);
    for piece in rest.chunks(chunk) {
        let mut piece = piece;
        loop {
            let n = f.push(piece);
            piece = &piece[n..];
            assert!(f.buffered() <= f.capacity());
            let mut done = false;
            loop {
                match f.next_frame() {
                    Frame::Line(l) => assert!(l.len() <= 64 && !l.contains(&b'\n')),
                    Frame::NeedMore => break,
                    Frame::TooLong => {
                        done = true;
                        break;
                    }
                }
            }
            if done {
                return;
            }
            if piece.is_empty() {
                break;
            }
        }
    }
}

/// The reply parsers and helpers, over every line of the input.
pub fn replies(data: &[u8]) {
    let limits = small_limits();
    let mut smtp = SmtpReplyReader::new(limits);
    let mut pop = Pop3MultiLineReader::new(limits);
    let mut smtp_dead = false;
    let mut pop_dead = false;
    for line in data.split(|&b| b == b'\n') {
        let _ = parse_pop3_status(line);
        let _ = parse_imap_line(line);
        let _ = imap_literal_len(line);
        let _ = apop_timestamp(line);
        let _ = redact_client_line(line);
        let e = escape(line);
        assert!(!e.chars().any(char::is_control));
        if !smtp_dead {
            smtp_dead = smtp.push_line(line).is_err();
        }
        if !pop_dead {
            pop_dead = pop.push_line(line).is_err();
        }
    }
}

/// The POP3 machine (see [`machine`]).
pub fn pop3(data: &[u8]) {
    machine(Protocol::Pop3, data);
}

/// The SMTP machine (see [`machine`]).
pub fn smtp(data: &[u8]) {
    machine(Protocol::Smtp, data);
}

/// The IMAP machine (see [`machine`]).
pub fn imap(data: &[u8]) {
    machine(Protocol::Imap, data);
}

/// A state machine for `protocol`, its security mode chosen by the first byte,
/// fed the rest in chunks whose size comes from the second, acting out every
/// step (TLS "succeeds" when asked). Bit 2 of the first byte gives it
/// credentials (bit 3: the IMAP ID quirk) and the login is always permitted,
/// so the login states are fuzzed too; no transcript line may show the password.
pub fn machine(protocol: Protocol, data: &[u8]) {
    let [sel, chunk, rest @ ..] = data else {
        return;
    };
    let security = match sel % 3 {
        0 => Security::Tls,
        1 => Security::Starttls,
        _ => Security::Plain,
    };
    const PASSWORD: &str = "fuzz-secret-pw";
    let login = (sel & 4 != 0)
        .then(|| {
            Credentials::new("fuzz@example.com", SecretString::from(PASSWORD))
                .ok()
                .map(|c| {
                    let mut r = LoginRequest::new(c, None, Vec::new());
                    r.imap_id = sel & 8 != 0;
                    Arc::new(r)
                })
        })
        .flatten();
    let mut m = machine_for(
        protocol,
        security,
        MachineConfig {
            limits: small_limits(),
            client_name: "[127.0.0.1]".into(),
            login,
        },
    );
    let mut step = if security == Security::Tls {
        m.tls_established()
    } else {
        Step::NeedMore
    };
    let mut input = rest.chunks(usize::from(*chunk).max(1));
    // Bounded: every turn either consumes a chunk or ends.
    for _ in 0..100_000 {
        for entry in m.take_log() {
            assert!(!entry.text.chars().any(char::is_control));
            assert!(!entry.text.contains(PASSWORD));
        }
        step = match step {
            Step::NeedMore => match input.next() {
                Some(c) => m.input(c),
                None => m.eof(),
            },
            Step::Send(_) => m.input(&[]),
            Step::StartTls => m.tls_established(),
            Step::Login => m.login_decision(Ok(())),
            Step::Done(_) | Step::Fail(_) => {
                let _ = m.report();
                return;
            }
        };
    }
    panic!("the machine neither finished nor asked for input");
}
