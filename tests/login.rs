//! The login test against the real Dovecot and Postfix (tests/harness/), and
//! recorded provider failures (QQ, 163, Gmail, Yahoo, Microsoft) through the
//! machines, the classification and the advice in all three languages.
//!
//! Real-server tests: good credentials succeed on every secure endpoint; a
//! wrong password is tried once and never elsewhere (Dovecot's log shows one
//! attempt); plaintext 110 is refused by the client by default, with a
//! recording proxy showing no credential on the wire; allowing exactly that
//! endpoint makes the client try, and Dovecot's refusal is "encryption
//! required", not "wrong password"; nothing of the password reaches the
//! output, the transcripts, the server logs or the config directory.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use mailconf::advice::{AdviceKind, advise_login};
use mailconf::i18n::Lang;
use mailconf::probe::login::{
    Credentials, InsecureAllow, LoginOutcome, LoginRequest, NotTriedReason,
};
use mailconf::probe::tls::load_pem_certs;
use mailconf::probe::{
    Endpoint, EndpointReport, ProbeHandle, ProbeOptions, ProbeRequest, Protocol, Security,
};
use secrecy::SecretString;

use crate::probe::replay::{Chunking, parse, replay, secret_forms};
use crate::servers::Servers;

// ------------------------------------------------------------------ helpers

pub(crate) fn options(s: &Servers) -> ProbeOptions {
    let addr: IpAddr = s.addr.parse().unwrap();
    let port_map: BTreeMap<u16, u16> = s
        .port_map
        .split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(a, b)| (a.trim().parse().unwrap(), b.trim().parse().unwrap()))
        .collect();
    ProbeOptions {
        resolve: BTreeMap::from([(s.host.clone(), vec![addr])]),
        port_map,
        extra_roots: load_pem_certs(&s.ca).unwrap(),
        ..ProbeOptions::default()
    }
}

fn login(user: &str, pass: &str, allow: Vec<InsecureAllow>) -> LoginRequest {
    LoginRequest {
        credentials: Arc::new(Credentials::new(user, SecretString::from(pass.to_owned())).unwrap()),
        allow_insecure: allow,
        imap_id: false,
        known_replies: Vec::new(),
    }
}

fn secure_endpoints(host: &str) -> Vec<Endpoint> {
    use Protocol::*;
    use Security::*;
    [
        (Pop3, 995, Tls),
        (Pop3, 110, Starttls),
        (Imap, 993, Tls),
        (Imap, 143, Starttls),
        (Smtp, 465, Tls),
        (Smtp, 587, Starttls),
    ]
    .into_iter()
    .map(|(p, port, sec)| Endpoint::new(p, host, port, sec))
    .collect()
}

fn run(
    endpoints: Vec<Endpoint>,
    options: ProbeOptions,
    login: LoginRequest,
) -> Vec<EndpointReport> {
    let (mut handle, events) = ProbeHandle::new().unwrap();
    crate::servers::collect(
        &mut handle,
        &events,
        ProbeRequest {
            endpoints,
            options,
            login: Some(login),
            reuse: None,
        },
    )
}

fn outcome(r: &EndpointReport) -> &LoginOutcome {
    &r.login.as_ref().expect("a login report").result
}

fn assert_no_secret(what: &str, text: &str, user: &str, pass: &str) {
    for s in secret_forms(user, pass) {
        assert!(!text.contains(&s), "{what} holds the password (form {s:?})");
    }
}

fn log_len(p: &Path) -> usize {
    std::fs::read(p).map(|b| b.len()).unwrap_or(0)
}

fn log_since(p: &Path, from: usize) -> String {
    let b = std::fs::read(p).unwrap_or_default();
    String::from_utf8_lossy(b.get(from..).unwrap_or_default()).into_owned()
}

/// A TCP proxy that records every byte the client sends.
struct Recorder {
    port: u16,
    from_client: Arc<Mutex<Vec<u8>>>,
}

fn recorder(upstream: (String, u16)) -> Recorder {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let from_client = Arc::new(Mutex::new(Vec::new()));
    let rec = from_client.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect((upstream.0.as_str(), upstream.1)) else {
                continue;
            };
            let pump =
                |mut from: TcpStream, mut to: TcpStream, log: Option<Arc<Mutex<Vec<u8>>>>| {
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 4096];
                        while let Ok(n @ 1..) = from.read(&mut buf) {
                            if let Some(l) = &log {
                                l.lock().unwrap().extend_from_slice(&buf[..n]);
                            }
                            if to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(std::net::Shutdown::Write);
                    })
                };
            pump(
                client.try_clone().unwrap(),
                server.try_clone().unwrap(),
                Some(rec.clone()),
            );
            pump(server, client, None);
        }
    });
    Recorder { port, from_client }
}

// ------------------------------------------------------------------ real servers

#[test]
fn good_credentials_succeed_on_every_secure_endpoint() {
    let s = Servers::get();
    let mut endpoints = secure_endpoints(&s.host);
    endpoints.push(Endpoint::new(Protocol::Pop3, &s.host, 110, Security::Plain));
    endpoints.push(Endpoint::new(
        Protocol::Smtp,
        &s.host,
        25,
        Security::Starttls,
    ));
    let reports = run(endpoints, options(&s), login(&s.user, &s.pass, vec![]));
    for r in &reports[..6] {
        assert!(r.verdict.is_secure(), "{}: {:?}", r.endpoint, r.verdict);
        assert_eq!(
            outcome(r),
            &LoginOutcome::Success,
            "{}\n{}",
            r.endpoint,
            r.transcript
        );
    }
    // Plaintext: never sent. Port 25 (an MX) offers no AUTH.
    assert_eq!(
        outcome(&reports[6]),
        &LoginOutcome::NotTried {
            reason: NotTriedReason::Plaintext
        }
    );
    assert!(
        matches!(
            outcome(&reports[7]),
            LoginOutcome::MechanismNotOffered { .. }
        ),
        "{:?}",
        outcome(&reports[7])
    );
    let json = serde_json::to_string(&reports).unwrap();
    assert!(
        json.contains("[redacted]"),
        "the transcripts show the redacted login"
    );
    assert_no_secret("the reports", &json, &s.user, &s.pass);
}

/// Exactly one endpoint refused the credentials; every other one did not try
/// them because of it, and sent nothing secret. Returns the one that refused.
pub(crate) fn rejected_once_and_nowhere_else(reports: &[EndpointReport]) -> &EndpointReport {
    let rejected: Vec<&EndpointReport> = reports
        .iter()
        .filter(|r| outcome(r) == &LoginOutcome::CredentialsRejected)
        .collect();
    assert_eq!(rejected.len(), 1, "{reports:#?}");
    let first = &rejected[0].endpoint;
    for r in reports {
        if &r.endpoint != first {
            assert_eq!(
                outcome(r),
                &LoginOutcome::NotTried {
                    reason: NotTriedReason::CredentialsRejectedElsewhere {
                        endpoint: first.clone()
                    }
                },
                "{}",
                r.endpoint
            );
            assert!(
                !r.transcript
                    .lines
                    .iter()
                    .any(|l| l.text.contains("[redacted]")),
                "{} sent credentials:\n{}",
                r.endpoint,
                r.transcript
            );
        }
    }
    rejected[0]
}

#[test]
fn wrong_password_is_tried_once_and_nowhere_else() {
    let s = Servers::get();
    let wrong = format!("wrong {} password", std::process::id());
    let before = log_len(&s.dovecot_log);
    let reports = run(
        secure_endpoints(&s.host),
        options(&s),
        login(&s.user2, &wrong, vec![]),
    );
    rejected_once_and_nowhere_else(&reports);
    // Dovecot (which also checks Postfix's SMTP AUTH) saw exactly one attempt for bob.
    let log = log_since(&s.dovecot_log, before);
    let attempts = log
        .lines()
        .filter(|l| l.contains(&s.user2) && l.to_ascii_lowercase().contains("mismatch"))
        .count();
    assert_eq!(attempts, 1, "Dovecot log since the run:\n{log}");
    assert_no_secret("the Dovecot log", &log, &s.user2, &wrong);
}

#[test]
fn plaintext_110_is_refused_by_the_client_and_nothing_goes_over_the_wire() {
    let s = Servers::get();
    let rec = recorder((s.addr.clone(), s.port(110)));
    let mut opts = options(&s);
    opts.resolve = BTreeMap::from([(s.host.clone(), vec!["127.0.0.1".parse().unwrap()])]);
    opts.port_map = BTreeMap::from([(110, rec.port)]);
    let ep = Endpoint::new(Protocol::Pop3, &s.host, 110, Security::Plain);
    let reports = run(vec![ep], opts.clone(), login(&s.user, &s.pass, vec![]));
    assert_eq!(
        outcome(&reports[0]),
        &LoginOutcome::NotTried {
            reason: NotTriedReason::Plaintext
        }
    );
    let wire = String::from_utf8_lossy(&rec.from_client.lock().unwrap()).into_owned();
    assert!(wire.contains("CAPA"), "the proxy saw the session: {wire:?}");
    assert!(!wire.contains("USER") && !wire.contains("PASS") && !wire.contains("AUTH"));
    assert_no_secret("the captured client bytes", &wire, &s.user, &s.pass);
    rec.from_client.lock().unwrap().clear();

    // Allowing a different endpoint changes nothing (a certificate on 110
    // STARTTLS does not cover 110 without encryption).
    let other = InsecureAllow::parse(&format!(
        "pop3:110:starttls:sha256={}",
        ["AB"; 32].join(":")
    ))
    .unwrap();
    let reports = run(
        vec![Endpoint::new(Protocol::Pop3, &s.host, 110, Security::Plain)],
        opts.clone(),
        login(&s.user, &s.pass, vec![other]),
    );
    assert!(matches!(
        outcome(&reports[0]),
        LoginOutcome::NotTried { .. }
    ));

    // Allowing exactly this endpoint: tried; Dovecot refuses plaintext login at USER,
    // before any secret, and that is "encryption required", not a wrong password.
    let allow = InsecureAllow::parse(&format!("pop3:{}:110:plain", s.host)).unwrap();
    let reports = run(
        vec![Endpoint::new(Protocol::Pop3, &s.host, 110, Security::Plain)],
        opts,
        login(&s.user, &s.pass, vec![allow]),
    );
    let r = &reports[0];
    assert_eq!(
        outcome(r),
        &LoginOutcome::EncryptionRequired,
        "{}",
        r.transcript
    );
    let wire = String::from_utf8_lossy(&rec.from_client.lock().unwrap()).into_owned();
    assert!(wire.contains(&format!("USER {}", s.user)), "{wire:?}");
    assert_no_secret("the captured client bytes", &wire, &s.user, &s.pass);
    // The advice says why, and it is not "wrong password".
    let advice = advise_login(r.login.as_ref().unwrap(), None);
    assert_eq!(
        advice.first().map(|a| a.kind),
        Some(AdviceKind::EncryptionRequired)
    );
}

#[test]
fn cli_login_run_leaves_no_password_anywhere() {
    let s = Servers::get();
    let cfg = tempfile::tempdir().unwrap();
    let dovecot_before = log_len(&s.dovecot_log);
    let postfix_before = log_len(&s.postfix_log);
    let mut args = vec![
        "--lang".to_owned(),
        "zh-Hans".to_owned(),
        "probe".to_owned(),
        s.host.clone(),
        "--resolve".to_owned(),
        format!("{}:{}", s.host, s.addr),
        "--ca-file".to_owned(),
        s.ca.display().to_string(),
        "--user".to_owned(),
        s.user.clone(),
        "--password-stdin".to_owned(),
        "--transcript".to_owned(),
    ];
    if !s.port_map.is_empty() {
        args.extend(["--port-map".to_owned(), s.port_map.clone()]);
    }
    let cli = |extra: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mailconf"))
            .args(&args)
            .args(extra)
            .env("HOME", cfg.path())
            .env("XDG_CONFIG_HOME", cfg.path().join("config"))
            .env("XDG_DATA_HOME", cfg.path().join("data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{}\n", s.pass).as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let table = cli(&[]);
    let table_out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert_eq!(
        table.status.code(),
        Some(0),
        "{table_out}\n{}",
        String::from_utf8_lossy(&table.stderr)
    );
    assert!(table_out.contains("登录成功"), "{table_out}");
    assert!(table_out.contains("未尝试：连接未加密"), "{table_out}");
    assert!(table_out.contains("AUTH PLAIN [redacted]"), "{table_out}");

    let json = cli(&["--json"]);
    assert_eq!(json.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let schema =
        serde_json::to_value(schemars::schema_for!(mailconf::check::ProbeSummary)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let outcomes: Vec<&str> = doc["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["login"]["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "success").count(),
        6,
        "{outcomes:?}"
    );
    assert!(
        doc["advice"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "login-works")
    );

    let mut everything = String::new();
    for out in [&table, &json] {
        everything.push_str(&String::from_utf8_lossy(&out.stdout));
        everything.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    assert_no_secret("the CLI output", &everything, &s.user, &s.pass);
    assert_no_secret(
        "the Dovecot log",
        &log_since(&s.dovecot_log, dovecot_before),
        &s.user,
        &s.pass,
    );
    assert_no_secret(
        "the Postfix log",
        &log_since(&s.postfix_log, postfix_before),
        &s.user,
        &s.pass,
    );
    // The whole logs too (every test's runs), and the config directory.
    for log in [&s.dovecot_log, &s.postfix_log] {
        let text = String::from_utf8_lossy(&std::fs::read(log).unwrap()).into_owned();
        assert_no_secret(&log.display().to_string(), &text, &s.user, &s.pass);
        assert_no_secret(&log.display().to_string(), &text, &s.user2, &s.pass2);
    }
    let mut stack = vec![cfg.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
                assert_no_secret(&p.display().to_string(), &text, &s.user, &s.pass);
            }
        }
    }
}

// ------------------------------------------------------------------ provider replies

/// Replays `tests/transcripts/<name>` in every chunking: the outcome in its
/// header, and the advice of `kind` with a link, in all three languages.
fn provider_case(name: &str, kind: AdviceKind, link_contains: &str, words: [&str; 3]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(name);
    let script = parse(&path);
    let expected = script.outcome.clone().expect("an outcome header");
    let provider = script.provider();
    for chunking in [Chunking::Whole, Chunking::ByteByByte, Chunking::Random(7)] {
        let (result, _) = replay(&script, chunking);
        let report = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let login = report.login.expect("a login report");
        assert_eq!(login.result.name(), expected, "{name} ({chunking:?})");
        let advice = advise_login(&login, provider);
        let a = advice
            .iter()
            .find(|a| a.kind == kind)
            .unwrap_or_else(|| panic!("{name}: no {kind:?} advice in {advice:#?}"));
        let link = a.link.as_deref().unwrap_or_default();
        assert!(link.contains(link_contains), "{name}: link {link:?}");
        for (lang, word) in Lang::ALL.into_iter().zip(words) {
            assert!(
                a.text(lang).contains(word),
                "{name}: {lang:?} text lacks {word:?}: {}",
                a.text(lang)
            );
        }
    }
}

#[test]
fn qq_web_password_means_authorization_code() {
    provider_case(
        "login-qq-smtp-465-authcode.txt",
        AdviceKind::AuthorizationCodeRequired,
        "mail.qq.com",
        ["authorization code", "授权码", "授權碼"],
    );
    // The authorization code has no spaces (provider quirk), said in every language.
    let script = parse(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts/login-qq-smtp-465-authcode.txt"),
    );
    let login = replay(&script, Chunking::Whole).0.unwrap().login.unwrap();
    let a = advise_login(&login, script.provider()).remove(0);
    assert!(a.text(Lang::En).contains("without spaces"));
    assert!(a.text(Lang::ZhHans).contains("不要带空格"));
    assert!(a.text(Lang::ZhHant).contains("不要帶空格"));
    assert!(a.text(Lang::ZhHans).contains("QQ邮箱"));
}

#[test]
fn qq_pop3_and_imap_failures() {
    provider_case(
        "login-qq-imap-993-authcode.txt",
        AdviceKind::AuthorizationCodeRequired,
        "qq.com",
        ["authorization code", "授权码", "授權碼"],
    );
}

#[test]
fn netease_163_without_id_is_unsafe_login_then_works() {
    provider_case(
        "login-163-imap-993-unsafe.txt",
        AdviceKind::ImapIdRequired,
        "163.com",
        ["ID command", "ID 命令", "ID 指令"],
    );
    provider_case(
        "login-163-smtp-465-authcode.txt",
        AdviceKind::AuthorizationCodeRequired,
        "mail.163.com",
        ["authorization code", "授权码", "授權碼"],
    );
}

#[test]
fn gmail_needs_an_app_password() {
    provider_case(
        "login-gmail-smtp-465-apppassword.txt",
        AdviceKind::AppPasswordRequired,
        "myaccount.google.com/apppasswords",
        ["app password", "应用专用密码", "應用程式專用密碼"],
    );
    provider_case(
        "login-gmail-imap-993-invalid.txt",
        AdviceKind::AppPasswordRequired,
        "google.com",
        ["app password", "应用专用密码", "應用程式專用密碼"],
    );
}

#[test]
fn yahoo_needs_an_app_password() {
    provider_case(
        "login-yahoo-imap-993-authfailed.txt",
        AdviceKind::AppPasswordRequired,
        "login.yahoo.com",
        ["app password", "应用专用密码", "應用程式專用密碼"],
    );
}

#[test]
fn microsoft_is_oauth2_only() {
    provider_case(
        "login-outlook-smtp-587-basicauth.txt",
        AdviceKind::Oauth2Only,
        "support.microsoft.com",
        ["OAuth2", "OAuth2", "OAuth2"],
    );
    provider_case(
        "login-outlook-imap-993-basicauth.txt",
        AdviceKind::Oauth2Only,
        "support.microsoft.com",
        ["Thunderbird", "Thunderbird", "Thunderbird"],
    );
}

#[test]
fn pop3_response_codes_without_provider_data() {
    for (name, expected) in [
        (
            "login-pop3-995-in-use.txt",
            AdviceKind::TemporarilyUnavailable,
        ),
        ("login-pop3-995-auth.txt", AdviceKind::CredentialsRejected),
    ] {
        let script = parse(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/transcripts")
                .join(name),
        );
        let login = replay(&script, Chunking::Whole).0.unwrap().login.unwrap();
        assert_eq!(
            Some(login.result.name()),
            script.outcome.as_deref(),
            "{name}"
        );
        let advice = advise_login(&login, None);
        assert_eq!(advice.first().map(|a| a.kind), Some(expected), "{name}");
    }
}
