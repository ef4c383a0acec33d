//! Issue 11's findings, each against a hostile in-process server: the
//! password and the terminal stay safe whatever a server says. Every test is
//! named after its finding (F1, F3, F4, F6, F8, F10, F17); each failed on the
//! code before the fix.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailconf::probe::tls::fingerprint;
use mailconf::probe::{
    Credentials, Endpoint, EndpointReport, InsecureAllow, LoginOutcome, LoginRequest,
    NotTriedReason, ProbeEvent, ProbeRequest, Protocol, Security,
};
use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::TlsAcceptor;

use super::replay::secret_forms;
use super::servers::{
    Act, HOST, Pki, Script, Validity, ep, handle_on_current_runtime, options, probe_login,
    self_signed, serve, serve_raw,
};

const USER: &str = "alice@mail.test";
const PASS: &str = "s3cret-pw";

/// Records every line a scripted server receives.
type Seen = Arc<Mutex<Vec<String>>>;

fn recorded(
    respond: impl Fn(&str, bool) -> Act + Send + Sync + 'static,
) -> (Seen, super::servers::Respond) {
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    (
        seen,
        Box::new(move |line, tls| {
            log.lock().unwrap().push(line.to_owned());
            respond(line, tls)
        }),
    )
}

fn sent_a_secret(seen: &Seen) -> Vec<String> {
    seen.lock()
        .unwrap()
        .iter()
        .filter(|l| {
            let u = l.to_ascii_uppercase();
            u.starts_with("AUTH ")
                || u.starts_with("PASS ")
                || u.starts_with("APOP ")
                || u.contains(" LOGIN ")
                || u.contains(" AUTHENTICATE ")
                || !secret_forms(USER, PASS)
                    .iter()
                    .all(|f| !l.contains(f.as_str()))
        })
        .cloned()
        .collect()
}

fn login_of(r: &EndpointReport) -> &LoginOutcome {
    &r.login.as_ref().expect("a login report").result
}

// ------------------------------------------------------------------ F1

/// The servers a man in the middle presents after stripping STLS/STARTTLS:
/// a password mechanism is offered over plaintext, and any login "works".
fn stripped(protocol: Protocol) -> (Seen, Script) {
    match protocol {
        Protocol::Pop3 => {
            let (seen, respond) = recorded(|line, _| {
                let u = line.to_ascii_uppercase();
                if u == "CAPA" {
                    Act::Reply(b"+OK\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n".to_vec())
                } else if u == "QUIT" {
                    Act::Quit(b"+OK bye\r\n".to_vec())
                } else {
                    Act::Reply(b"+OK\r\n".to_vec())
                }
            });
            let script = Script {
                greeting: b"+OK POP3 ready\r\n".to_vec(),
                implicit: None,
                starttls: None,
                respond,
            };
            (seen, script)
        }
        Protocol::Imap => {
            let (seen, respond) = recorded(|line, _| {
                let (tag, cmd) = line.split_once(' ').unwrap_or((line, ""));
                let cmd = cmd.to_ascii_uppercase();
                if cmd == "CAPABILITY" {
                    Act::Reply(
                        format!("* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\r\n{tag} OK\r\n")
                            .into_bytes(),
                    )
                } else if cmd == "LOGOUT" {
                    Act::Quit(format!("* BYE\r\n{tag} OK\r\n").into_bytes())
                } else {
                    Act::Reply(format!("{tag} OK\r\n").into_bytes())
                }
            });
            let script = Script {
                greeting: b"* OK IMAP ready\r\n".to_vec(),
                implicit: None,
                starttls: None,
                respond,
            };
            (seen, script)
        }
        Protocol::Smtp => {
            let (seen, respond) = recorded(|line, _| {
                let u = line.to_ascii_uppercase();
                if u.starts_with("EHLO") {
                    Act::Reply(b"250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n".to_vec())
                } else if u == "QUIT" {
                    Act::Quit(b"221 bye\r\n".to_vec())
                } else {
                    Act::Reply(b"235 ok\r\n".to_vec())
                }
            });
            let script = Script {
                greeting: b"220 mail.test ESMTP\r\n".to_vec(),
                implicit: None,
                starttls: None,
                respond,
            };
            (seen, script)
        }
    }
}

/// F1: the user said yes to an untrusted certificate on a STARTTLS endpoint
/// (the consent names that certificate). A man in the middle then strips
/// STLS/STARTTLS: before the fix the consent let the password go out in
/// plaintext (AUTH PLAIN in the clear). Now the endpoint reports "not tried:
/// the connection was not encrypted" and the server sees no credential.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f1_stripped_starttls_after_a_certificate_consent_gets_no_password() {
    let pki = Pki::new("F1 CA");
    let opts = options(&pki, &[]);
    let (_, shown_cert) = self_signed(&[HOST]);
    let fp = fingerprint(&shown_cert);
    for protocol in [Protocol::Pop3, Protocol::Imap, Protocol::Smtp] {
        let (seen, script) = stripped(protocol);
        let (port, _) = serve(script).await;
        let consent = InsecureAllow::parse(&format!(
            "{}:{HOST}:{port}:starttls:sha256={fp}",
            protocol.as_str()
        ))
        .unwrap();
        let r = probe_login(ep(protocol, port, Security::Starttls), &opts, vec![consent]).await;
        assert_eq!(
            login_of(&r),
            &LoginOutcome::NotTried {
                reason: NotTriedReason::Plaintext
            },
            "{protocol:?}: {:#?}",
            r.login
        );
        assert_eq!(sent_a_secret(&seen), Vec::<String>::new(), "{protocol:?}");
        assert!(
            r.transcript
                .lines
                .iter()
                .filter(|l| l.dir == mailconf::probe::transcript::Direction::Client)
                .all(|l| !l.text.to_ascii_uppercase().contains("AUTH") && !l.text.contains("PASS")),
            "{protocol:?}: {}",
            r.transcript
        );
    }
}

/// F1: a consent to an untrusted certificate covers that certificate only;
/// an impostor with another self-signed certificate gets nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f1_a_certificate_consent_covers_only_that_certificate() {
    let pki = Pki::new("F1 CA");
    let opts = options(&pki, &[]);
    let (_, accepted) = self_signed(&[HOST]);
    let (impostor, _) = self_signed(&[HOST]);
    let (script, seen) = super::servers::recording_pop3(Some(impostor), false);
    let (port, _) = serve(script).await;
    let consent = InsecureAllow::parse(&format!(
        "pop3:{HOST}:{port}:tls:sha256={}",
        fingerprint(&accepted)
    ))
    .unwrap();
    let r = probe_login(
        ep(Protocol::Pop3, port, Security::Tls),
        &opts,
        vec![consent],
    )
    .await;
    assert!(
        matches!(
            login_of(&r),
            LoginOutcome::NotTried {
                reason: NotTriedReason::UntrustedCertificate { .. }
            }
        ),
        "{:?}",
        r.login
    );
    assert_eq!(super::servers::server_saw(&seen, 2).await, ["CAPA", "QUIT"]);
    // The row says how the capabilities were read, and that nothing went out.
    assert!(
        r.summary
            .ends_with("; read in report-only mode; nothing secret sent"),
        "{}",
        r.summary
    );
    // The report says which certificate it saw, so the user can compare.
    assert_eq!(
        r.tls.as_ref().and_then(|t| t.leaf_sha256.clone()),
        r.tls.as_ref().map(|t| t.certificates[0].sha256.clone())
    );
}

// ------------------------------------------------------------------ F4

/// How a hostile server ends a login after the password was sent.
#[derive(Clone, Copy, Debug)]
enum BadEnd {
    /// IMAP: `* BYE` and close.
    ImapBye,
    /// IMAP: `BAD` without a response code.
    ImapBad,
    /// IMAP: no answer within the reply deadline.
    ImapSilent,
    /// SMTP: a 4xx.
    SmtpTemporary,
}

/// A TLS server (trusted chain) for `end`, on implicit TLS.
async fn bad_login_server(acc: TlsAcceptor, end: BadEnd) -> u16 {
    serve_raw(move |tcp| async move {
        let Ok(mut s) = acc.accept(tcp).await else {
            return;
        };
        let smtp = matches!(end, BadEnd::SmtpTemporary);
        let greeting: &[u8] = if smtp {
            b"220 mail.test ESMTP\r\n"
        } else {
            b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n"
        };
        let _ = s.write_all(greeting).await;
        let _ = s.flush().await;
        let mut buf = vec![0u8; 4096];
        loop {
            let Ok(n @ 1..) = s.read(&mut buf).await else {
                return;
            };
            let line = String::from_utf8_lossy(&buf[..n]).to_string();
            let reply: Vec<u8> = if line.to_ascii_uppercase().starts_with("EHLO") {
                b"250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n".to_vec()
            } else if line.contains("AUTH") {
                match end {
                    BadEnd::ImapBye => {
                        let _ = s.write_all(b"* BYE too many bad logins\r\n").await;
                        let _ = s.flush().await;
                        return;
                    }
                    BadEnd::ImapBad => {
                        let tag = line.split(' ').next().unwrap_or("a1");
                        format!("{tag} BAD try again\r\n").into_bytes()
                    }
                    BadEnd::ImapSilent => {
                        tokio::time::sleep(Duration::from_secs(4)).await;
                        return;
                    }
                    BadEnd::SmtpTemporary => {
                        b"454 4.7.0 temporary authentication failure\r\n".to_vec()
                    }
                }
            } else if line.to_ascii_uppercase().contains("LOGOUT") {
                let tag = line.split(' ').next().unwrap_or("a1");
                format!("* BYE\r\n{tag} OK\r\n").into_bytes()
            } else if line.to_ascii_uppercase().starts_with("QUIT") {
                b"221 bye\r\n".to_vec()
            } else {
                b"500 what\r\n".to_vec()
            };
            if s.write_all(&reply).await.is_err() {
                return;
            }
            let _ = s.flush().await;
        }
    })
    .await
}

/// F4: a login that sent the password and then met a `* BYE`, an IMAP `BAD`
/// without a code, no answer before the deadline, or an SMTP 4xx, let the
/// next endpoint send the same (probably wrong) password again. Now every
/// outcome after the secret that is not a definite success stops the others,
/// and their report says why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f4_an_unclear_login_after_the_secret_stops_the_other_endpoints() {
    let pki = Pki::new("F4 CA");
    let mut opts = options(&pki, &[]);
    opts.reply_timeout = Duration::from_secs(1);
    for end in [
        BadEnd::ImapBye,
        BadEnd::ImapBad,
        BadEnd::ImapSilent,
        BadEnd::SmtpTemporary,
    ] {
        let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
        let first = bad_login_server(acc, end).await;
        // The second endpoint greets late, so the first one logs in first.
        let (acc2, _) = pki.acceptor(&[HOST], Validity::Current);
        let second_seen: Seen = Arc::new(Mutex::new(Vec::new()));
        let log = second_seen.clone();
        let second = serve_raw(move |tcp| async move {
            let Ok(mut s) = acc2.accept(tcp).await else {
                return;
            };
            tokio::time::sleep(Duration::from_millis(600)).await;
            let _ = s.write_all(b"+OK ready\r\n").await;
            let _ = s.flush().await;
            let mut buf = vec![0u8; 4096];
            while let Ok(n @ 1..) = s.read(&mut buf).await {
                let line = String::from_utf8_lossy(&buf[..n]).trim_end().to_owned();
                log.lock().unwrap().push(line.clone());
                let reply: &[u8] = match line.to_ascii_uppercase().as_str() {
                    "CAPA" => b"+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n",
                    "QUIT" => b"+OK bye\r\n",
                    _ => b"+OK\r\n",
                };
                let _ = s.write_all(reply).await;
                let _ = s.flush().await;
            }
        })
        .await;
        let first_ep = Endpoint::new(
            if matches!(end, BadEnd::SmtpTemporary) {
                Protocol::Smtp
            } else {
                Protocol::Imap
            },
            HOST,
            first,
            Security::Tls,
        );
        let second_ep = Endpoint::new(Protocol::Pop3, HOST, second, Security::Tls);
        let (mut handle, events) = handle_on_current_runtime();
        handle
            .start(ProbeRequest {
                endpoints: vec![first_ep.clone(), second_ep],
                options: opts.clone(),
                login: Some(LoginRequest::new(
                    Credentials::new(USER, SecretString::from(PASS)).unwrap(),
                    None,
                    Vec::new(),
                )),
                reuse: None,
            })
            .unwrap();
        let mut reports: [Option<EndpointReport>; 2] = [None, None];
        let events = tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            while let Some(e) = events.recv_timeout(Duration::from_secs(20)) {
                match e {
                    ProbeEvent::EndpointDone { index, report, .. } => out.push((index, *report)),
                    ProbeEvent::Finished { .. } => break,
                    ProbeEvent::Started { .. } => {}
                }
            }
            out
        })
        .await
        .unwrap();
        for (i, r) in events {
            reports[i] = Some(r);
        }
        let [Some(first_r), Some(second_r)] = reports else {
            panic!("{end:?}: missing reports");
        };
        assert!(
            !login_of(&first_r).is_success(),
            "{end:?}: {:?}",
            first_r.login
        );
        match login_of(&second_r) {
            LoginOutcome::NotTried {
                reason: NotTriedReason::LoginFailedElsewhere { endpoint, outcome },
            } => {
                assert_eq!(endpoint, &first_ep, "{end:?}");
                assert!(!outcome.is_empty());
            }
            other => panic!("{end:?}: the second endpoint {other:?}"),
        }
        let seen = second_seen.lock().unwrap().clone();
        assert!(
            seen.iter()
                .all(|l| !l.to_ascii_uppercase().starts_with("AUTH")),
            "{end:?}: the second server saw {seen:?}"
        );
        drop(handle);
    }
}

// ------------------------------------------------------------------ F6

/// `mailconf probe --json` of one endpoint (`proto:host:port:security`) with
/// USER and PASS, trusting the test CA: stdout and stderr.
fn probe_json_with_the_password(pki: &Pki, endpoint: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mailconf"))
        .args(["probe", "--json", "--endpoint", endpoint])
        .args(["--resolve", "mail.test:127.0.0.1", "--ca-file"])
        .arg(&ca)
        .args(["--timeout", "3", "--user", USER, "--password-env", "F6_PW"])
        .env("F6_PW", PASS)
        .env("MAILCONF_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// No form of the password in the JSON or on stderr.
fn no_secret_in(json: &str, err: &str) {
    for form in secret_forms(USER, PASS) {
        assert!(!json.contains(&form), "the JSON holds {form:?}: {json}");
        assert!(!err.contains(&form), "stderr holds {form:?}: {err}");
    }
}

/// F6: `-ERR Unknown command: AUTH PLAIN <base64>` landed in the login reply,
/// the transcript and `mailconf probe --json`. Through the real binary: no
/// form of the password in the JSON, and `[redacted]` where the echo was.
#[test]
fn f6_a_server_echoing_the_secret_never_reaches_the_json() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let pki = Pki::new("F6 CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (_seen, respond) = recorded(|line, _| {
        let u = line.to_ascii_uppercase();
        if u == "CAPA" {
            Act::Reply(b"+OK\r\nSASL PLAIN\r\n.\r\n".to_vec())
        } else if u.starts_with("AUTH ") {
            Act::Reply(format!("-ERR Unknown command: {line} (that was {PASS})\r\n").into_bytes())
        } else {
            Act::Quit(b"+OK bye\r\n".to_vec())
        }
    });
    let (port, _) = rt.block_on(serve(Script {
        greeting: b"+OK ready\r\n".to_vec(),
        implicit: Some(acc),
        starttls: None,
        respond,
    }));
    let (json, err) = probe_json_with_the_password(&pki, &format!("pop3:{HOST}:{port}:tls"));
    assert!(json.contains("\"credentials-rejected\""), "{json}\n{err}");
    assert!(
        json.contains("Unknown command: AUTH PLAIN [redacted]"),
        "{json}"
    );
    no_secret_in(&json, &err);
    drop(rt);
}

/// F6, the driver's own read: plaintext that reaches the socket after the
/// STARTTLS go-ahead (after the machine's last read) is a response injection,
/// and the driver records what it peeked. That record bypassed the redactor:
/// a server echoing the password there put it into the transcript and the JSON.
/// The go-ahead ends exactly at the driver's 16 KiB read, so the echo stays in
/// the socket for the peek.
#[test]
fn f6_bytes_peeked_after_the_starttls_go_ahead_are_redacted() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let pki = Pki::new("F6 peek CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let mut go_ahead = Vec::new();
    for _ in 0..2 {
        go_ahead.extend_from_slice(format!("220-{}\r\n", "x".repeat(8000)).as_bytes());
    }
    let last = 16 * 1024 - go_ahead.len() - "220 \r\n".len();
    go_ahead.extend_from_slice(format!("220 {}\r\n", "y".repeat(last)).as_bytes());
    assert_eq!(go_ahead.len(), 16 * 1024);
    go_ahead.extend_from_slice(format!("{PASS}\r\n").as_bytes());
    let respond: super::servers::Respond = Box::new(move |line, _| {
        let u = line.to_ascii_uppercase();
        if u.starts_with("EHLO ") {
            Act::Reply(b"250-mail.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n".to_vec())
        } else if u == "STARTTLS" {
            Act::Inject(go_ahead.clone())
        } else {
            Act::Quit(b"221 bye\r\n".to_vec())
        }
    });
    let (port, _) = rt.block_on(serve(Script {
        greeting: b"220 mail.test ESMTP\r\n".to_vec(),
        implicit: None,
        starttls: Some(acc),
        respond,
    }));
    let (json, err) = probe_json_with_the_password(&pki, &format!("smtp:{HOST}:{port}:starttls"));
    assert!(json.contains("\"response-injection\""), "{json}\n{err}");
    assert!(
        json.contains("[redacted]"),
        "the peeked echo is not in the transcript: {json}"
    );
    no_secret_in(&json, &err);
    drop(rt);
}

// ------------------------------------------------------------------ F8

/// F8: a PREAUTH greeting forged over plaintext suppressed the login test
/// after STARTTLS ("already logged in"). Now it counts for nothing after the
/// handshake, and the login is tested.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f8_a_plaintext_preauth_does_not_suppress_the_login_after_starttls() {
    let pki = Pki::new("F8 CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (seen, respond) = recorded(|line, tls| {
        let (tag, cmd) = line.split_once(' ').unwrap_or((line, ""));
        let cmd = cmd.to_ascii_uppercase();
        match cmd.as_str() {
            "STARTTLS" => Act::Upgrade(format!("{tag} OK go\r\n").into_bytes()),
            "CAPABILITY" if tls => Act::Reply(
                format!("* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\r\n{tag} OK\r\n").into_bytes(),
            ),
            "LOGOUT" => Act::Quit(format!("* BYE\r\n{tag} OK\r\n").into_bytes()),
            c if c.starts_with("AUTHENTICATE") => {
                Act::Reply(format!("{tag} OK logged in\r\n").into_bytes())
            }
            _ => Act::Reply(format!("{tag} BAD\r\n").into_bytes()),
        }
    });
    let (port, _) = serve(Script {
        greeting: b"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hello\r\n".to_vec(),
        implicit: None,
        starttls: Some(acc),
        respond,
    })
    .await;
    let r = probe_login(
        ep(Protocol::Imap, port, Security::Starttls),
        &options(&pki, &[]),
        vec![],
    )
    .await;
    assert_eq!(login_of(&r), &LoginOutcome::Success, "{}", r.transcript);
    assert!(!r.session.preauth);
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("AUTHENTICATE PLAIN"))
    );
}

/// F8: the APOP timestamp of the plaintext greeting steered the login after
/// STLS (a man in the middle could choose it and so force a false "wrong
/// password"). Now no APOP is sent after STLS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f8_the_plaintext_apop_timestamp_is_not_used_after_stls() {
    let pki = Pki::new("F8 CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (seen, respond) = recorded(|line, tls| match line.to_ascii_uppercase().as_str() {
        "CAPA" if tls => Act::Reply(b"+OK\r\nUIDL\r\n.\r\n".to_vec()),
        "CAPA" => Act::Reply(b"+OK\r\nSTLS\r\n.\r\n".to_vec()),
        "STLS" => Act::Upgrade(b"+OK go\r\n".to_vec()),
        "QUIT" => Act::Quit(b"+OK bye\r\n".to_vec()),
        _ => Act::Reply(b"-ERR no\r\n".to_vec()),
    });
    let (port, _) = serve(Script {
        greeting: b"+OK ready <1896.697170952@evil.example>\r\n".to_vec(),
        implicit: None,
        starttls: Some(acc),
        respond,
    })
    .await;
    let r = probe_login(
        ep(Protocol::Pop3, port, Security::Starttls),
        &options(&pki, &[]),
        vec![],
    )
    .await;
    assert!(
        matches!(login_of(&r), LoginOutcome::MechanismNotOffered { .. }),
        "{:?}",
        r.login
    );
    assert!(r.session.apop_timestamp.is_none());
    assert_eq!(sent_a_secret(&seen), Vec::<String>::new());
}

// ------------------------------------------------------------------ F3

/// F3: one run opened as many connections at once as it had endpoints; a
/// discovery answer could make that thousands. Now at most
/// `max_connections` (default 16) are open at once, and all are probed.
/// Measured at the server: within the first reply deadline (no client has
/// given up yet) exactly 16 of 40 endpoints have connected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f3_a_run_opens_at_most_max_connections_at_once() {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    {
        let accepted = accepted.clone();
        tokio::spawn(async move {
            // Bounded: 40 endpoints, one connection each.
            for _ in 0..40 {
                let Ok((mut tcp, _)) = listener.accept().await else {
                    return;
                };
                accepted.fetch_add(1, SeqCst);
                tokio::spawn(async move {
                    // Never greet: the probe waits for its reply deadline.
                    let mut b = [0u8; 64];
                    let _ = tokio::time::timeout(Duration::from_secs(10), tcp.read(&mut b)).await;
                });
            }
        });
    }
    let hosts: Vec<String> = (0..40).map(|i| format!("h{i}.mail.test")).collect();
    let pki = Pki::new("F3 CA");
    let mut opts = options(&pki, &[]);
    opts.reply_timeout = Duration::from_millis(1500);
    opts.resolve = hosts
        .iter()
        .map(|h| (h.clone(), vec![IpAddr::V4(Ipv4Addr::LOCALHOST)]))
        .collect::<BTreeMap<_, _>>();
    let endpoints: Vec<Endpoint> = hosts
        .iter()
        .map(|h| Endpoint::new(Protocol::Pop3, h, port, Security::Plain))
        .collect();
    let (mut handle, events) = handle_on_current_runtime();
    handle
        .start(ProbeRequest {
            endpoints,
            options: opts,
            login: None,
            reuse: None,
        })
        .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let first_wave = accepted.load(SeqCst);
    let done = tokio::task::spawn_blocking(move || {
        let mut n = 0;
        while let Some(e) = events.recv_timeout(Duration::from_secs(30)) {
            match e {
                ProbeEvent::EndpointDone { .. } => n += 1,
                ProbeEvent::Finished { .. } => break,
                ProbeEvent::Started { .. } => {}
            }
        }
        n
    })
    .await
    .unwrap();
    assert_eq!(
        first_wave,
        mailconf::probe::DEFAULT_MAX_CONNECTIONS,
        "connections open at once"
    );
    assert_eq!(done, 40);
    assert_eq!(accepted.load(SeqCst), 40);
}

// ------------------------------------------------------------------ F10, F17

fn mailconf(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_mailconf"))
        .args(args)
        .env("MAILCONF_CONFIG_DIR", dir.path())
        .env("MAILCONF_LANG", "en")
        .env("F10_PW", "x")
        .output()
        .unwrap()
}

/// F10: a consent without a host matched every host of the run. 163's
/// endpoints are on three hosts: the consent must name one; the usage error
/// lists them. Nothing is probed (the check comes before any connection).
#[test]
fn f10_a_consent_without_a_host_is_a_usage_error_in_a_multi_host_run() {
    let out = mailconf(&[
        "probe",
        "zhang@163.com",
        "--password-env",
        "F10_PW",
        "--allow-insecure-auth",
        "pop3:110:plain",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("names no host"), "{err}");
    assert!(
        err.contains("imap.163.com") && err.contains("pop.163.com") && err.contains("smtp.163.com"),
        "{err}"
    );
    assert!(err.contains("pop3:pop.163.com:110:plain"), "{err}");
    assert!(out.stdout.is_empty());
}

/// F17: `--endpoint` took `ftp:…`, an unbalanced `[` and `ssl`; each is now
/// a usage error naming what is wrong.
#[test]
fn f17_endpoint_and_consent_flags_are_strict() {
    for (flag, value, says) in [
        (
            "--endpoint",
            "ftp:mail.test:21:tls",
            "unknown protocol \"ftp\"",
        ),
        ("--endpoint", "[::1:993:tls", "unbalanced brackets"),
        (
            "--endpoint",
            "mail.test:995:ssl",
            "unknown security \"ssl\"",
        ),
        (
            "--allow-insecure-auth",
            "pop3:110:ssl",
            "unknown security \"ssl\"",
        ),
        (
            "--allow-insecure-auth",
            "pop3:995:tls",
            "add :sha256=FINGERPRINT",
        ),
    ] {
        let out = mailconf(&["probe", "mail.test", flag, value]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(says), "{flag} {value}: {err}");
    }
    let out = mailconf(&["providers", "show", "a@@b"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("more than one @"), "{err}");
}
