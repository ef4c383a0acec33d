//! Recorded sessions (`tests/transcripts/*.txt`) replayed into the state
//! machines whole, byte by byte and in random chunks.
//!
//! File format: `key: value` header lines (`protocol`, `security`, `result`:
//! `done` or `fail <protocol-error-kind>`), `#` comments, then `S: line`
//! (server, CRLF appended, `\xNN` and `\\` escapes), `C: line` (what the
//! machine must send, in its recorded/redacted form) and `T:` (TLS established).
//! Login scripts add `login: USER PASSWORD` (the machine gets credentials and
//! the driver's permission), `provider: ID` (known replies and quirks from the
//! bundled database) and `outcome: NAME` (the expected login outcome); no
//! recorded line may hold the password or a base64 form of it.

use std::path::{Path, PathBuf};

use mailconf::probe::caps::Capabilities;
use std::sync::Arc;

use mailconf::probe::login::{Credentials, LoginRequest};
use mailconf::probe::session::{MachineConfig, SessionReport, StarttlsOutcome, Step, machine_for};
use mailconf::probe::{Protocol, ProtocolError, Security};
use mailconf::providers::{Database, Provider, Quirk};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use secrecy::SecretString;

#[derive(Debug)]
enum Turn {
    Server(Vec<u8>),
    Client(String),
    Tls,
}

#[derive(Debug)]
pub(crate) struct Script {
    pub(crate) name: String,
    protocol: Protocol,
    security: Security,
    result: String,
    turns: Vec<Turn>,
    /// `login: USER PASSWORD`.
    pub(crate) login: Option<(String, String)>,
    /// `provider: ID`.
    pub(crate) provider: Option<String>,
    /// `outcome: NAME`.
    pub(crate) outcome: Option<String>,
}

impl Script {
    pub(crate) fn provider(&self) -> Option<&'static Provider> {
        self.provider.as_deref().map(|id| {
            &Database::bundled()
                .by_id(id)
                .unwrap_or_else(|| panic!("{}: no provider {id}", self.name))
                .provider
        })
    }

    fn config(&self) -> MachineConfig {
        let login = self.login.as_ref().map(|(user, pass)| {
            let p = self.provider();
            Arc::new(LoginRequest {
                credentials: Arc::new(
                    Credentials::new(user.clone(), SecretString::from(pass.clone())).unwrap(),
                ),
                allow_insecure: Vec::new(),
                imap_id: p.is_some_and(|p| p.quirks.contains(&Quirk::ImapIdRequired)),
                known_replies: p.map(|p| p.known_replies.clone()).unwrap_or_default(),
            })
        });
        MachineConfig {
            login,
            ..MachineConfig::default()
        }
    }
}

/// The password and the base64 forms a leak would take.
pub(crate) fn secret_forms(user: &str, pass: &str) -> Vec<String> {
    use base64::Engine as _;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let plain = format!("\0{user}\0{pass}");
    let mut v = vec![pass.to_owned(), b64(pass.as_bytes()), b64(plain.as_bytes())];
    // Without padding, as a substring of a longer line.
    v.extend(
        v.clone()
            .into_iter()
            .map(|s| s.trim_end_matches('=').to_owned()),
    );
    v.retain(|s| s.len() >= 4);
    v
}

fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') && i + 3 < b.len() {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 4;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

pub(crate) fn parse(path: &Path) -> Script {
    let text = std::fs::read_to_string(path).unwrap();
    let mut s = Script {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        protocol: Protocol::Pop3,
        security: Security::Plain,
        result: String::new(),
        turns: Vec::new(),
        login: None,
        provider: None,
        outcome: None,
    };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("S: ") {
            let mut bytes = unescape(rest);
            bytes.extend_from_slice(b"\r\n");
            match s.turns.last_mut() {
                Some(Turn::Server(prev)) => prev.extend_from_slice(&bytes),
                _ => s.turns.push(Turn::Server(bytes)),
            }
        } else if let Some(rest) = line.strip_prefix("C: ") {
            s.turns.push(Turn::Client(rest.to_owned()));
        } else if line.trim() == "T:" {
            s.turns.push(Turn::Tls);
        } else if let Some((k, v)) = line.split_once(": ") {
            match k {
                "protocol" => {
                    s.protocol = match v {
                        "pop3" => Protocol::Pop3,
                        "smtp" => Protocol::Smtp,
                        "imap" => Protocol::Imap,
                        _ => panic!("{}: protocol {v}", s.name),
                    }
                }
                "security" => {
                    s.security = match v {
                        "tls" => Security::Tls,
                        "starttls" => Security::Starttls,
                        "plain" => Security::Plain,
                        _ => panic!("{}: security {v}", s.name),
                    }
                }
                "result" => s.result = v.to_owned(),
                "login" => {
                    let (u, p) = v.split_once(' ').expect("login: USER PASSWORD");
                    s.login = Some((u.to_owned(), p.to_owned()));
                }
                "provider" => s.provider = Some(v.to_owned()),
                "outcome" => s.outcome = Some(v.to_owned()),
                _ => panic!("{}: unknown header {k}", s.name),
            }
        } else {
            panic!("{}: bad line {line:?}", s.name);
        }
    }
    assert!(!s.result.is_empty(), "{}: no result header", s.name);
    s
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Chunking {
    Whole,
    ByteByByte,
    Random(u64),
}

/// Replays `script`; returns the report (or error) and the recorded transcript lines.
pub(crate) fn replay(
    script: &Script,
    chunking: Chunking,
) -> (Result<SessionReport, ProtocolError>, Vec<String>) {
    let mut rng = StdRng::seed_from_u64(match chunking {
        Chunking::Random(seed) => seed,
        _ => 0,
    });
    let mut m = machine_for(script.protocol, script.security, script.config());
    let mut turns = script.turns.iter();
    let mut pending: Vec<u8> = Vec::new();
    let mut log = Vec::new();
    let mut step = if script.security == Security::Tls {
        assert!(
            matches!(turns.next(), Some(Turn::Tls)),
            "{}: implicit TLS starts with T:",
            script.name
        );
        m.tls_established()
    } else {
        Step::NeedMore
    };
    for _ in 0..1_000_000 {
        log.extend(m.take_log().into_iter().map(|e| e.text));
        step = match step {
            Step::NeedMore => {
                if pending.is_empty() {
                    match turns.next() {
                        None => m.eof(),
                        Some(Turn::Server(bytes)) => {
                            pending = bytes.clone();
                            continue;
                        }
                        Some(other) => panic!(
                            "{}: machine waits for the server, script has {other:?} ({chunking:?})",
                            script.name
                        ),
                    }
                } else {
                    let n = match chunking {
                        Chunking::Whole => pending.len(),
                        Chunking::ByteByByte => 1,
                        Chunking::Random(_) => rng.random_range(1..=pending.len().min(23)),
                    };
                    let chunk: Vec<u8> = pending.drain(..n).collect();
                    m.input(&chunk)
                }
            }
            Step::Send(out) => {
                match turns.next() {
                    Some(Turn::Client(expected)) => {
                        assert_eq!(out.shown(), expected, "{} ({chunking:?})", script.name);
                        assert!(out.bytes().ends_with(b"\r\n"));
                    }
                    other => panic!(
                        "{}: machine sent {:?}, script has {other:?} ({chunking:?})",
                        script.name,
                        out.shown()
                    ),
                }
                m.input(&[])
            }
            Step::Login => {
                assert!(
                    script.login.is_some(),
                    "{}: login without credentials",
                    script.name
                );
                m.login_decision(Ok(()))
            }
            Step::StartTls => {
                if !pending.is_empty() {
                    // What the driver's own check reports: plaintext bytes already
                    // waiting when the handshake would start.
                    let command = if script.protocol == Protocol::Pop3 {
                        "STLS"
                    } else {
                        "STARTTLS"
                    };
                    return (
                        Err(ProtocolError::ResponseInjection {
                            command,
                            bytes: pending.len(),
                        }),
                        log,
                    );
                }
                match turns.next() {
                    Some(Turn::Tls) => m.tls_established(),
                    other => panic!("{}: machine wants TLS, script has {other:?}", script.name),
                }
            }
            Step::Done(report) => {
                assert!(
                    pending.is_empty(),
                    "{}: done with unread bytes",
                    script.name
                );
                // What the server said after the goodbye goes unread: the
                // machine does not wait for the answer to QUIT/LOGOUT unless
                // a login command went out.
                let rest: Vec<&Turn> = turns.collect();
                assert!(
                    rest.iter().all(|t| matches!(t, Turn::Server(_))),
                    "{}: done before the script ended: {rest:?}",
                    script.name
                );
                log.extend(m.take_log().into_iter().map(|e| e.text));
                return (Ok(*report), log);
            }
            Step::Fail(e) => {
                log.extend(m.take_log().into_iter().map(|e| e.text));
                return (Err(e), log);
            }
        };
    }
    panic!("{}: replay did not end", script.name);
}

fn transcripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn run(name: &str) -> SessionReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(name);
    let script = parse(&path);
    replay(&script, Chunking::Whole)
        .0
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_transcript_gives_its_result_in_every_chunking() {
    let files = transcripts();
    assert!(files.len() >= 30, "transcripts missing: {}", files.len());
    for path in files {
        let script = parse(&path);
        let mut modes = vec![Chunking::Whole, Chunking::ByteByByte];
        modes.extend((1..=20).map(Chunking::Random));
        let mut first: Option<String> = None;
        for mode in modes {
            let (result, log) = replay(&script, mode);
            let got = match &result {
                Ok(_) => "done".to_owned(),
                Err(e) => format!("fail {}", e.kind_name()),
            };
            assert_eq!(got, script.result, "{} ({mode:?}): {result:?}", script.name);
            if let (Some(expected), Ok(report)) = (&script.outcome, &result) {
                let got = report.login.as_ref().map(|l| l.result.name());
                assert_eq!(got, Some(expected.as_str()), "{} ({mode:?})", script.name);
            }
            if let Some((user, pass)) = &script.login {
                // Nothing of the session's report or error holds it either
                // (a server may echo it back: issue 11, F6).
                let everything = format!("{result:?}");
                for s in secret_forms(user, pass) {
                    assert!(
                        !everything.contains(&s),
                        "{}: the report leaks a secret: {everything}",
                        script.name
                    );
                }
                for line in &log {
                    for s in secret_forms(user, pass) {
                        assert!(
                            !line.contains(&s),
                            "{}: {line:?} leaks a secret",
                            script.name
                        );
                    }
                }
            }
            // Every recorded line is escaped: no control characters reach a display.
            assert!(
                log.iter().all(|l| !l.chars().any(char::is_control)),
                "{}",
                script.name
            );
            // The same report whatever the chunking.
            let summary = format!("{result:?}");
            match &first {
                None => first = Some(summary),
                Some(f)
                    if !matches!(mode, Chunking::Whole)
                        && script.result != "fail response-injection" =>
                {
                    assert_eq!(&summary, f, "{} ({mode:?})", script.name)
                }
                _ => {}
            }
        }
    }
}

fn pop3(c: &Option<Capabilities>) -> &mailconf::probe::caps::Pop3Caps {
    match c {
        Some(Capabilities::Pop3(p)) => p,
        other => panic!("not POP3 caps: {other:?}"),
    }
}
fn smtp(c: &Option<Capabilities>) -> &mailconf::probe::caps::SmtpCaps {
    match c {
        Some(Capabilities::Smtp(p)) => p,
        other => panic!("not SMTP caps: {other:?}"),
    }
}
fn imap(c: &Option<Capabilities>) -> &mailconf::probe::caps::ImapCaps {
    match c {
        Some(Capabilities::Imap(p)) => p,
        other => panic!("not IMAP caps: {other:?}"),
    }
}

#[test]
fn dovecot_hides_user_until_stls() {
    let r = run("dovecot-pop3-stls.txt");
    let before = pop3(&r.caps_before_tls);
    let after = pop3(&r.caps_after_tls);
    assert!(before.stls && !before.user && before.sasl.is_empty());
    assert!(after.user && !after.stls && after.sasl == ["PLAIN"]);
    assert!(
        after.resp_codes && after.pipelining && after.top && after.uidl && after.auth_resp_code
    );
    assert_eq!(r.starttls, StarttlsOutcome::Upgraded);
    // No login: the answer to QUIT is not awaited, though the recording has it.
    assert!(!r.quit_acknowledged);
    assert_eq!(r.effective_caps(), r.caps_after_tls.as_ref());
}

#[test]
fn dovecot_imap_logindisabled_before_tls_only() {
    let r = run("dovecot-imap-starttls.txt");
    let before = imap(&r.caps_before_tls);
    let after = imap(&r.caps_after_tls);
    assert!(before.starttls && before.logindisabled && before.auth.is_empty());
    assert!(!after.starttls && !after.logindisabled && after.auth == ["PLAIN"]);
}

#[test]
fn postfix_offers_auth_only_after_starttls() {
    let r = run("postfix-587-starttls.txt");
    let before = smtp(&r.caps_before_tls);
    let after = smtp(&r.caps_after_tls);
    assert!(before.starttls && before.auth.is_empty());
    assert_eq!(after.auth, ["PLAIN", "LOGIN"]);
    assert!(
        !after.starttls
            && after.pipelining
            && after.eightbitmime
            && after.smtputf8
            && after.chunking
    );
    assert_eq!(after.size, Some(10_240_000));
    assert_eq!(after.domain.as_str(), "mail.example.org");
}

#[test]
fn provider_capabilities() {
    let r = run("gmail-smtp-465.txt");
    assert!(r.caps_before_tls.is_none());
    let c = smtp(&r.caps_after_tls);
    assert_eq!(
        c.auth,
        [
            "LOGIN",
            "PLAIN",
            "XOAUTH2",
            "PLAIN-CLIENTTOKEN",
            "OAUTHBEARER",
            "XOAUTH"
        ]
    );
    assert_eq!(c.size, Some(35_882_577));

    let c = pop3(&run("gmail-pop3-995.txt").caps_after_tls).clone();
    assert_eq!(c.login_delay, Some(300));
    assert_eq!(c.expire.as_ref().map(|e| e.as_str()), Some("0"));
    assert_eq!(c.sasl, ["PLAIN", "XOAUTH2", "OAUTHBEARER"]);

    let c = imap(&run("gmail-imap-993.txt").caps_after_tls).clone();
    assert!(c.auth.contains(&"XOAUTH2".to_owned()) && c.imap4rev1 && c.id);

    let c = smtp(&run("qq-smtp-465.txt").caps_after_tls).clone();
    assert_eq!(c.auth, ["LOGIN", "PLAIN", "XOAUTH", "XOAUTH2"]);

    let r = run("qq-imap-993.txt");
    assert_eq!(imap(&r.caps_after_tls).auth, ["PLAIN", "LOGIN", "XOAUTH2"]);

    let r = run("163-imap-143.txt");
    assert!(imap(&r.caps_before_tls).starttls && imap(&r.caps_after_tls).id);
    let r = run("163-smtp-25.txt");
    assert_eq!(smtp(&r.caps_after_tls).auth, ["LOGIN", "PLAIN", "XOAUTH2"]);
    let r = run("163-pop3-110.txt");
    assert!(pop3(&r.caps_before_tls).stls && pop3(&r.caps_after_tls).utf8);

    let r = run("exchange-imap-993.txt");
    assert_eq!(imap(&r.caps_after_tls).auth, ["PLAIN", "XOAUTH2"]);
    let r = run("exchange-smtp-587.txt");
    assert_eq!(smtp(&r.caps_after_tls).auth, ["LOGIN", "XOAUTH2"]);
    assert!(smtp(&r.caps_before_tls).auth.is_empty());
    let r = run("exchange-pop3-995.txt");
    assert!(pop3(&r.caps_after_tls).user);
}

#[test]
fn plaintext_outcomes() {
    let r = run("pop3-no-stls.txt");
    assert_eq!(r.starttls, StarttlsOutcome::NotOffered);
    assert_eq!(
        r.apop_timestamp.as_ref().map(|t| t.as_str()),
        Some("<1896.697170952@dbc.mtview.ca.us>")
    );
    let r = run("pop3-no-capa-stls-refused.txt");
    assert!(!pop3(&r.caps_before_tls).capa_supported);
    assert!(
        matches!(&r.starttls, StarttlsOutcome::Refused { reply } if reply.as_str().contains("[SYS/PERM]"))
    );
    let r = run("smtp-starttls-refused.txt");
    assert!(
        matches!(&r.starttls, StarttlsOutcome::Refused { reply } if reply.as_str().starts_with("454"))
    );
    assert_eq!(
        r.greeting.as_ref().map(|g| g.as_str()),
        Some("220 mx.example.net ESMTP / second greeting line")
    );
    let r = run("smtp-helo-fallback.txt");
    let c = smtp(&r.caps_before_tls);
    assert!(!c.ehlo && !c.starttls);
    assert_eq!(r.starttls, StarttlsOutcome::NotOffered);
    let r = run("imap-no-starttls.txt");
    assert_eq!(r.starttls, StarttlsOutcome::NotOffered);
    assert!(!r.quit_acknowledged);
    let r = run("imap-literal.txt");
    assert!(imap(&r.caps_before_tls).starttls);
}

#[test]
fn hostile_greeting_is_escaped() {
    let r = run("hostile-escapes.txt");
    let g = r.greeting.unwrap();
    assert_eq!(
        g.as_str(),
        "+OK \\x1b]0;pwned\\x07\\x1b[2J hello \\xff\\xfe"
    );
}

#[test]
fn injection_is_detected_in_the_same_read() {
    // Whole chunking: the injected bytes arrive with the go-ahead; the machine itself refuses.
    for name in [
        "hostile-pop3-stls-injection.txt",
        "hostile-smtp-starttls-injection.txt",
        "hostile-imap-starttls-injection.txt",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts")
            .join(name);
        let script = parse(&path);
        let mut m = machine_for(script.protocol, script.security, MachineConfig::default());
        let mut saw_starttls = false;
        let mut failed = None;
        let mut step = Step::NeedMore;
        for turn in &script.turns {
            if let Turn::Server(bytes) = turn {
                step = m.input(bytes);
                while let Step::Send(_) = step {
                    step = m.input(&[]);
                }
                match &step {
                    Step::StartTls => saw_starttls = true,
                    Step::Fail(e) => failed = Some(e.clone()),
                    _ => {}
                }
            }
        }
        assert!(!saw_starttls, "{name}: StartTls despite injected bytes");
        assert!(
            matches!(failed, Some(ProtocolError::ResponseInjection { .. })),
            "{name}: {failed:?} / {step:?}"
        );
    }
}

/// Issue 11, F7: a literal marker on the tagged STARTTLS OK hides a response
/// injection. The old machine skipped the announced bytes, started TLS as if
/// nothing had happened (verdict "secure") and carried the pending skip into
/// TLS, where it ate the start of the first protected reply. Any literal on
/// the go-ahead fails the endpoint, whether its bytes arrive with it, later,
/// or never, and in every chunking.
#[test]
fn f7_a_literal_marker_on_the_starttls_ok_is_an_injection() {
    let greeting: &[u8] = b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n";
    for (go_ahead, after) in [
        (&b"a1 OK Begin TLS {3}\r\n"[..], &b""[..]),
        (b"a1 OK Begin TLS {3}\r\n", b"A\r\n"),
        (b"a1 OK [ALERT] go ahead {12}\r\n", b"* OK spoof\r\n"),
    ] {
        let server = [greeting, go_ahead, after].concat();
        for chunk in [server.len(), 1, 3, 7] {
            let mut m = machine_for(Protocol::Imap, Security::Starttls, MachineConfig::default());
            let mut sent = Vec::new();
            let mut step = Step::NeedMore;
            let mut input = server.chunks(chunk);
            for _ in 0..10_000 {
                step = match &step {
                    Step::NeedMore => match input.next() {
                        Some(c) => m.input(c),
                        None => break,
                    },
                    Step::Send(out) => {
                        sent.push(out.shown().to_owned());
                        m.input(&[])
                    }
                    _ => break,
                };
            }
            let shown = String::from_utf8_lossy(&server);
            assert_eq!(sent, ["a1 STARTTLS"], "{shown:?} in chunks of {chunk}");
            assert!(
                matches!(
                    step,
                    Step::Fail(ProtocolError::ResponseInjection {
                        command: "STARTTLS",
                        ..
                    })
                ),
                "{shown:?} in chunks of {chunk}: {step:?}"
            );
        }
    }
    // And the transcript of it fails the same way, in every chunking.
    let script = parse(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts/hostile-imap-starttls-literal.txt"),
    );
    for mode in [Chunking::Whole, Chunking::ByteByByte, Chunking::Random(7)] {
        let (result, _) = replay(&script, mode);
        assert!(
            matches!(result, Err(ProtocolError::ResponseInjection { .. })),
            "{mode:?}: {result:?}"
        );
    }
}
