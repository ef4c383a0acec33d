//! `mailconf check`: existing settings checked on the check layer.
//!
//! Without servers: the account flow through the check layer's fake (real
//! planner, real reports, real summary), the verdicts, the explanation with
//! the provider's history note in three languages, the JSON document against
//! its schema, and the CLI's usage errors. With the harness (`tests/run`): a
//! fetchmailrc and an msmtprc with old plaintext settings are read, tested
//! against Dovecot/Postfix, reported insecure, and the fixed files written by
//! `mailconf check --fix` are accepted by fetchmail and msmtp, which then log
//! in and send.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use mailconf::check::existing::{
    AccountRef, AccountVerdict, BrokenReason, ExistingCheck, ExistingOptions, InsecureReason,
    UnknownReason, explain, history_note, verdict_of,
};
use mailconf::check::fake::{FakeCheck, FakeOutcome, FakeRequest, Pace, report};
use mailconf::check::{CheckBackend, CheckEvent};
use mailconf::existing;
use mailconf::i18n::Lang;
use mailconf::probe::{EndpointReport, PlaintextReason};
use mailconf::providers::{Database, Security};

use crate::existing::write;
use crate::servers::Servers;

fn bundled() -> Arc<Database> {
    Arc::new(Database::bundled().clone())
}

/// The seed's 2011 fetchmailrc for 163: POP3 on 110 without TLS, web password.
const OLD_163: &str = "# set up in 2011 from the 163 help page\nset daemon 900\n\npoll pop.163.com with proto POP3 port 110\n    user \"zhang@163.com\" there with password \"Web-Pa55-163\" is zhang here\n    keep sslproto ''\n";

/// Runs every account of `check` on `backend`, releasing the fake's events.
fn run_all(
    check: &mut ExistingCheck,
    backend: &mut FakeCheck,
    handle: &mailconf::check::fake::FakeHandle,
) {
    let mut ask = |_: &existing::Account| None;
    while let Some((_, request)) = check.next_request(&mut ask) {
        backend.start(request).unwrap();
        handle.release_all();
        let outcome = backend.poll().into_iter().find_map(|e| match e {
            CheckEvent::Finished { summary, .. } => Some(Ok(summary)),
            CheckEvent::Failed { error, .. } => Some(Err(error)),
            _ => None,
        });
        check.record(outcome.expect("the fake finishes every check"));
    }
}

/// A script: the plaintext and STARTTLS-less rows as the old servers answer
/// today, TLS secure.
fn today(request: &FakeRequest) -> Vec<(usize, EndpointReport)> {
    request
        .plan
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let outcome = match e.security {
                Security::Plain => FakeOutcome::Plaintext(PlaintextReason::PlainEndpoint),
                _ => FakeOutcome::Secure,
            };
            (i, report(e, outcome, 20 + i as u64))
        })
        .collect()
}

fn check_of(
    text: &str,
    name: &str,
    script: mailconf::check::fake::Script,
) -> (ExistingCheck, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, text.as_bytes(), 0o600);
    let loaded = existing::read(&path);
    let mut check = ExistingCheck::new(bundled(), vec![(path, loaded)], ExistingOptions::default());
    let (mut backend, handle) = FakeCheck::new(bundled(), script, Pace::Manual);
    run_all(&mut check, &mut backend, &handle);
    let requests = handle.requests();
    assert!(!requests.is_empty(), "nothing was probed");
    (check, dir)
}

#[test]
fn old_163_settings_are_insecure_and_the_advice_quotes_the_history() {
    let (check, _dir) = check_of(OLD_163, "fetchmailrc", Box::new(today));
    let r = check
        .result(AccountRef {
            file: 0,
            account: 0,
        })
        .expect("checked");
    assert_eq!(r.provider.as_ref().map(|p| p.id.as_str()), Some("163"));
    // The file's own endpoint is probed first, then 163's servers.
    let summary = r.summary.as_ref().unwrap();
    let first = &summary.endpoints[0].endpoint;
    assert_eq!(
        (first.host.as_str(), first.port, first.security),
        ("pop.163.com", 110, Security::Plain)
    );
    assert!(summary.endpoints.iter().any(|e| e.endpoint.port == 995));
    // Plaintext first; the fake's old server offers no login before STLS
    // either, so the verdict never reads "works".
    let AccountVerdict::Insecure { reasons } = &r.verdict else {
        panic!("{:?}", r.verdict)
    };
    assert_eq!(reasons[0], InsecureReason::Plaintext, "{reasons:?}");
    assert!(r.verdict.cannot_log_in(), "{reasons:?}");
    assert_eq!(
        r.verdict.label(Lang::En),
        "insecure, and the login is refused"
    );
    assert_eq!(r.verdict.label(Lang::ZhHans), "不安全，且无法登录");
    let c = r.corrected.as_ref().expect("a secure way in was found");
    assert_eq!(
        (c.host.as_str(), c.port, c.security),
        ("pop.163.com", 995, Security::Tls)
    );
    assert_eq!(c.username, "zhang@163.com");
    // What changed, why and what to do, in the user's language.
    let account = check
        .account(AccountRef {
            file: 0,
            account: 0,
        })
        .unwrap();
    let words = explain(account, r);
    assert!(
        words.en.contains("pop.163.com:995") && words.en.contains("authorization code"),
        "{}",
        words.en
    );
    assert!(
        words.zh_hans.contains("授权码") && words.zh_hans.contains("995"),
        "{}",
        words.zh_hans
    );
    assert!(words.zh_hant.contains("授權碼"), "{}", words.zh_hant);
    let history = history_note(r).expect("163's history note is quoted");
    assert!(history.en.contains("110"), "{}", history.en);
    // Where to create the code, from the provider's facts.
    assert!(words.en.contains("https://mail.163.com/"), "{}", words.en);
    // The fix changes exactly the port and TLS of that account.
    let loaded = check.files[0].loaded.as_ref().unwrap();
    let fixed = loaded.fix_all(&check.corrections(0)).unwrap();
    // One change per setting, in file order: `ssl` and `sslproto` together
    // are one change of how the connection is secured (they were listed
    // twice, after the port change of an earlier line).
    let lines: Vec<usize> = fixed.changes.iter().map(|c| c.line).collect();
    assert!(lines.is_sorted(), "{:?}", fixed.changes);
    let security: Vec<_> = fixed
        .changes
        .iter()
        .filter(|c| c.field.label() == "security")
        .collect();
    assert_eq!(security.len(), 1, "{:?}", fixed.changes);
    assert!(
        security[0].after.contains("ssl") && security[0].after.contains("sslproto"),
        "{:?}",
        security[0]
    );
    let mut fields: Vec<&str> = fixed.changes.iter().map(|c| c.field.label()).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields, ["port", "security"], "{:?}", fixed.changes);
    let before: Vec<&str> = OLD_163.lines().collect();
    let after_text = String::from_utf8(fixed.bytes).unwrap();
    let after: Vec<&str> = after_text.lines().collect();
    assert_eq!(before.len(), after.len());
    let differing: Vec<usize> = (0..before.len())
        .filter(|&i| before[i] != after[i])
        .collect();
    assert!(
        !differing.is_empty() && differing.iter().all(|&i| (3..=5).contains(&i)),
        "only the poll entry changes: {differing:?}\n{after_text}"
    );
    assert!(check.exit_code() == 1);
}

/// Plaintext the server still takes a login on "works but insecure";
/// plaintext where the server offers no login before TLS (Dovecot's
/// "plaintext authentication disallowed") is insecure and cannot log in, and
/// its label says so (it read "works but insecure" while the explanation said
/// the client cannot log in).
#[test]
fn plaintext_without_a_login_before_tls_is_never_read_as_working() {
    let (check, _dir) = check_of(OLD_163, "fetchmailrc", Box::new(today));
    let account = check
        .account(AccountRef {
            file: 0,
            account: 0,
        })
        .unwrap();
    let endpoint = mailconf::probe::Endpoint {
        protocol: mailconf::providers::Protocol::Pop3,
        host: "pop.163.com".to_owned(),
        port: 110,
        security: Security::Plain,
    };
    let mut r = report(
        &endpoint,
        FakeOutcome::Plaintext(PlaintextReason::PlainEndpoint),
        5,
    );
    let caps = |lines: &[&str]| {
        Some(mailconf::probe::caps::Capabilities::Pop3(
            mailconf::probe::caps::Pop3Caps::parse(
                &lines
                    .iter()
                    .map(|l| l.as_bytes().to_vec())
                    .collect::<Vec<_>>(),
            ),
        ))
    };
    r.session.caps_before_tls = caps(&["STLS", "UIDL", "TOP"]);
    let refused = verdict_of(account, &r);
    assert_eq!(
        refused,
        AccountVerdict::Insecure {
            reasons: vec![
                InsecureReason::Plaintext,
                InsecureReason::LoginRefusedBeforeTls
            ]
        }
    );
    assert!(refused.cannot_log_in());
    for (lang, label) in [
        (
            refused.label(Lang::En),
            "insecure, and the login is refused",
        ),
        (refused.label(Lang::ZhHans), "不安全，且无法登录"),
        (refused.label(Lang::ZhHant), "不安全，且無法登入"),
    ] {
        assert_eq!(lang, label);
    }
    r.session.caps_before_tls = caps(&["USER", "UIDL", "TOP"]);
    let takes_a_login = verdict_of(account, &r);
    assert_eq!(
        takes_a_login,
        AccountVerdict::Insecure {
            reasons: vec![InsecureReason::Plaintext]
        }
    );
    assert!(!takes_a_login.cannot_log_in());
    assert_eq!(takes_a_login.label(Lang::En), "works but insecure");
}

#[test]
fn verdicts_follow_what_the_network_says() {
    let cases: Vec<(FakeOutcome, AccountVerdict)> = vec![
        (FakeOutcome::Secure, AccountVerdict::Works),
        (
            FakeOutcome::Refused,
            AccountVerdict::Broken {
                reason: BrokenReason::PortClosed,
            },
        ),
        (
            FakeOutcome::Blocked,
            AccountVerdict::Broken {
                reason: BrokenReason::NoAnswer,
            },
        ),
        (
            FakeOutcome::Dns,
            AccountVerdict::Broken {
                reason: BrokenReason::HostNotFound,
            },
        ),
        (
            FakeOutcome::DnsLookupFailed,
            AccountVerdict::Unknown {
                reason: UnknownReason::DnsLookupFailed,
            },
        ),
        (
            FakeOutcome::Untrusted(mailconf::probe::TlsErrorKind::Expired),
            AccountVerdict::Insecure {
                reasons: vec![InsecureReason::CertificateUntrusted],
            },
        ),
    ];
    // An msmtp account on 465 with TLS and certificate checks, at a host the
    // database does not know: its own endpoint and the standard ways in.
    let rc = "account work\nhost mail.example.net\nport 465\ntls on\ntls_starttls off\nauth on\nuser me@example.net\nfrom me@example.net\n\naccount default : work\n";
    for (outcome, want) in cases {
        let script: mailconf::check::fake::Script = Box::new(move |req: &FakeRequest| {
            req.plan
                .endpoints
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    (
                        i,
                        report(e, if i == 0 { outcome } else { FakeOutcome::Secure }, 5),
                    )
                })
                .collect()
        });
        let (check, _dir) = check_of(rc, "msmtprc", script);
        let r = check
            .result(AccountRef {
                file: 0,
                account: 0,
            })
            .unwrap();
        assert_eq!(r.verdict, want, "{outcome:?}");
        assert_eq!(check.exit_code(), u8::from(want != AccountVerdict::Works));
        // A working account is left alone, and one whose server could not
        // be looked up; a broken one gets the best secure way in.
        assert_eq!(
            r.corrected.is_some(),
            !matches!(want, AccountVerdict::Works | AccountVerdict::Unknown { .. }),
            "{outcome:?}"
        );
    }
}

#[test]
fn a_discontinued_service_and_a_bad_host_are_not_probed() {
    let rc = "poll pop.mail.yahoo.com.cn proto pop3 port 110\n    user 'old@yahoo.com.cn' password 'x1'\npoll 'bad host\\x1b[2J' proto pop3\n    user 'u' password 'x2'\n";
    let (check, _dir) = check_of(
        &format!(
            "{rc}poll pop.163.com proto pop3 port 110 user 'zhang@163.com' password 'x3' sslproto ''\n"
        ),
        "fetchmailrc",
        Box::new(today),
    );
    let verdict = |i| {
        check
            .result(AccountRef {
                file: 0,
                account: i,
            })
            .map(|r| r.verdict.clone())
    };
    assert!(
        matches!(
            verdict(0),
            Some(AccountVerdict::Discontinued { year: 2013 })
        ),
        "{:?}",
        verdict(0)
    );
    assert_eq!(
        verdict(1),
        Some(AccountVerdict::Broken {
            reason: BrokenReason::InvalidHost
        })
    );
    assert!(matches!(verdict(2), Some(AccountVerdict::Insecure { .. })));
    // The escape sequence in the host reaches the document escaped.
    let json = serde_json::to_string(&check.document(&[])).unwrap();
    assert!(!json.contains('\u{1b}'), "{json}");
    for secret in ["x1", "x2", "x3"] {
        assert!(
            !json.contains(&format!("\"{secret}\"")),
            "a password is in the document: {json}"
        );
    }
}

#[test]
fn the_document_follows_its_schema_and_never_holds_a_password() {
    let (check, _dir) = check_of(OLD_163, "fetchmailrc", Box::new(today));
    let doc = serde_json::to_value(check.document(&[])).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&mailconf::check::existing::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let text = doc.to_string();
    assert!(!text.contains("Web-Pa55-163"), "{text}");
    assert_eq!(doc["schema"], "mailconf-check/1");
    let a = &doc["files"][0]["accounts"][0];
    assert_eq!(a["verdict"]["kind"], "insecure");
    assert_eq!(a["file"]["password"], "in-file");
    assert_eq!(a["corrected"]["port"], 995);
    assert_eq!(a["network"]["schema"], "mailconf-probe/1");
}

/// `docs/check-json.schema.json` is generated from the types; regenerate with
/// `MAILCONF_UPDATE_SCHEMA=1 cargo test check_json_schema_file`.
#[test]
fn check_json_schema_file_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/check-json.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&mailconf::check::existing::json_schema()).unwrap();
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    if std::env::var_os("MAILCONF_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/check-json.schema.json is stale: run MAILCONF_UPDATE_SCHEMA=1 cargo test check_json_schema_file"
    );
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.env(
        "MAILCONF_CONFIG_DIR",
        std::env::temp_dir().join("mailconf-check-tests-no-config"),
    )
    .env("MAILCONF_LANG", "en")
    .env_remove("LC_ALL")
    .stdin(Stdio::null());
    c
}

#[test]
fn check_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.fetchmailrc", OLD_163.as_bytes(), 0o600);
    let b = write(dir.path(), "b.fetchmailrc", OLD_163.as_bytes(), 0o600);
    let code = |args: &[&std::ffi::OsStr]| bin().arg("check").args(args).output().unwrap();
    let out = code(&[
        a.as_os_str(),
        b.as_os_str(),
        "--fix".as_ref(),
        "-o".as_ref(),
        "x".as_ref(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // -o without --fix.
    let out = code(&[a.as_os_str(), "-o".as_ref(), "x".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    // A Thunderbird folder that is not a profile: named, exit 1, the other file still
    // read and checked (its server refuses: broken).
    let tb = format!("--thunderbird={}", dir.path().display());
    let out = code(&[
        a.as_os_str(),
        tb.as_ref(),
        "--json".as_ref(),
        "--connect-timeout".as_ref(),
        "0.2".as_ref(),
        "--resolve".as_ref(),
        "pop.163.com:127.0.0.9".as_ref(),
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(doc["files"][0]["kind"], "fetchmail", "{doc}");
    assert_eq!(
        doc["files"][0]["accounts"][0]["verdict"]["kind"], "broken",
        "{doc}"
    );
    assert!(
        doc["files"][1]["error"]
            .as_str()
            .unwrap()
            .contains("prefs.js"),
        "{doc}"
    );
}

/// `mailconf check --json` on the 2011 163 fetchmailrc, asking the DNS
/// server at `dns` (nothing else: no name reaches another resolver).
fn check_163_with_dns(dns: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let rc = write(dir.path(), "fetchmailrc", OLD_163.as_bytes(), 0o600);
    let out = bin()
        .arg("check")
        .arg(&rc)
        .args(["--json", "--dns", dns, "--connect-timeout", "1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// A lookup that fails (the DNS server cannot be reached, or says nothing
/// before the deadline) says nothing about the server: the verdict is
/// "unknown" (neither broken nor working), the words say to check the
/// network, in every language, nothing is corrected, and 163's history note
/// is not quoted as if pop.163.com were gone. It read "broken, host not
/// found: the server no longer exists" with the history note.
#[test]
fn a_failed_dns_lookup_is_not_read_as_a_server_that_is_gone() {
    let refused = format!("127.0.0.1:{}", crate::discover::harness::closed_port());
    // A DNS server that never answers: a UDP socket nobody reads.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let silent_addr = silent.local_addr().unwrap().to_string();
    for dns in [refused, silent_addr] {
        let doc = check_163_with_dns(&dns);
        let a = &doc["files"][0]["accounts"][0];
        assert_eq!(a["verdict"]["kind"], "unknown", "{dns}: {a}");
        assert_eq!(a["verdict"]["reason"], "dns-lookup-failed", "{dns}: {a}");
        assert!(a["history"].is_null(), "{dns}: {a}");
        assert!(a["corrected"].is_null(), "{dns}: {a}");
        let own = &a["network"]["endpoints"][0];
        assert_eq!(own["endpoint"]["port"], 110, "{own}");
        assert_eq!(own["verdict"]["kind"], "dns-error", "{dns}: {own}");
        assert_eq!(own["verdict"]["failure"], "lookup-failed", "{dns}: {own}");
        let advice = &a["network"]["advice"];
        assert_eq!(advice[0]["kind"], "dns-lookup-failed", "{dns}: {advice}");
        for (lang, words, gone) in [
            ("en", "could not be looked up", "no longer exists"),
            ("zh-Hans", "无法查询", "不存在"),
            ("zh-Hant", "無法查詢", "不存在"),
        ] {
            let text = a["explanation"][lang].as_str().unwrap();
            assert!(text.contains(words), "{dns} {lang}: {text}");
            assert!(!text.contains(gone), "{dns} {lang}: {text}");
        }
    }
    drop(silent);
}

/// An authoritative "no such name" (NXDOMAIN from the DNS server) is what
/// says a host is gone: broken, host not found, with the provider's history.
#[test]
fn a_name_the_dns_says_does_not_exist_is_a_server_that_is_gone() {
    let dns = crate::discover::harness::Dnsmasq::start_with("local=/163.com/\n");
    let doc = check_163_with_dns(&dns.addr().to_string());
    let a = &doc["files"][0]["accounts"][0];
    assert_eq!(a["verdict"]["kind"], "broken", "{a}");
    assert_eq!(a["verdict"]["reason"], "host-not-found", "{a}");
    assert!(a["history"]["en"].is_string(), "{a}");
    let text = a["explanation"]["en"].as_str().unwrap();
    assert!(text.contains("no longer exists"), "{text}");
}

// ---------------------------------------------------------------------------
// Real servers (tests/run)

/// `mailconf check` against the harness, as a user would run it.
fn check_cli(
    s: &Servers,
    files: &[&Path],
    extra: &[&str],
) -> (Option<i32>, serde_json::Value, String) {
    run_check(check_command(s, files, extra))
}

/// The `mailconf check --json` command line against the harness.
fn check_command(s: &Servers, files: &[&Path], extra: &[&str]) -> Command {
    let mut c = bin();
    c.arg("check")
        .args(files)
        .args(["--json", "--resolve", &s.resolve, "--ca-file"])
        .arg(&s.ca);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    c.args(extra);
    c
}

/// Runs a check command: its exit code, its JSON document, and all it printed.
fn run_check(mut c: Command) -> (Option<i32>, serde_json::Value, String) {
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (out.status.code(), doc, stdout + &stderr)
}

#[test]
fn check_fixes_a_plaintext_fetchmailrc_that_fetchmail_then_logs_in_with() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "# from an old help page\nset no bouncemail\n\npoll {host} with proto POP3 port {port}\n    user \"{user}\" there with password \"{pass}\" is alice here\n    keep sslproto '' sslcertfile \"{ca}\"\n",
        host = s.host,
        port = s.port(110),
        user = s.user,
        pass = s.pass,
        ca = s.ca.display()
    );
    let rc = write(dir.path(), "fetchmailrc", text.as_bytes(), 0o600);
    let (code, doc, all) = check_cli(&s, &[&rc], &["--login", "--fix"]);
    assert!(!all.contains(&s.pass), "the password was printed:\n{all}");
    assert_eq!(code, Some(1), "{doc}");
    let a = &doc["files"][0]["accounts"][0];
    assert_eq!(a["verdict"]["kind"], "insecure", "{a}");
    let reasons = a["verdict"]["reasons"].to_string();
    assert!(
        reasons.contains("plaintext") && reasons.contains("login-refused-before-tls"),
        "{reasons}"
    );
    // The login on 995 worked with the password from the file.
    let logged_in = a["network"]["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["endpoint"]["port"] == 995 && e["login"]["outcome"] == "success");
    assert!(logged_in, "{}", a["network"]);
    assert_eq!(a["corrected"]["port"], s.port(995));
    assert_eq!(a["corrected"]["security"], "tls");
    let written = doc["files"][0]["fix"]["written"]
        .as_str()
        .unwrap()
        .to_owned();
    let fixed = Path::new(&written);
    assert_eq!(fixed, dir.path().join("fetchmailrc.mailconf-fixed"));
    use std::os::unix::fs::PermissionsExt as _;
    assert_eq!(
        std::fs::metadata(fixed).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Only the poll line changed.
    let after = std::fs::read_to_string(fixed).unwrap();
    let differing: Vec<(&str, &str)> = text
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(
        !differing.is_empty()
            && differing
                .iter()
                .all(|(a, _)| a.starts_with("poll ") || a.starts_with("    ")),
        "{after}"
    );
    assert_eq!(text.lines().count(), after.lines().count());
    // fetchmail's own parser accepts it, and it logs in.
    crate::existing::configdump(dir.path(), fixed).expect("fetchmail reads the fixed file");
    let (code, log) = crate::roundtrip::fetchmail(&s, dir.path(), fixed, &["--check"]);
    assert!(
        matches!(code, Some(0 | 1)),
        "the fixed file did not log in ({code:?}):\n{log}"
    );
    // Checked again, the fixed file works.
    let (code, doc, _) = check_cli(&s, &[fixed], &["--login"]);
    assert_eq!(
        doc["files"][0]["accounts"][0]["verdict"]["kind"], "works",
        "{doc}"
    );
    assert_eq!(code, Some(0));
}

#[test]
fn check_fixes_an_msmtprc_on_port_25_without_tls_that_msmtp_then_sends_with() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "# 2012\ndefaults\ntls_trust_file {ca}\n\naccount old\nhost {host}\nport {port}\ntls off\nauth on\nfrom {user}\nuser {user}\npassword {pass}\n\naccount default : old\n",
        ca = s.ca.display(),
        host = s.host,
        port = s.port(25),
        user = s.user,
        pass = s.pass
    );
    let rc = write(dir.path(), "msmtprc", text.as_bytes(), 0o600);
    let (code, doc, all) = check_cli(&s, &[&rc], &["--login", "--fix"]);
    assert!(!all.contains(&s.pass), "the password was printed:\n{all}");
    assert_eq!(code, Some(1));
    let a = &doc["files"][0]["accounts"][0];
    assert_eq!(a["verdict"]["kind"], "insecure", "{a}");
    // Why: plaintext, and Postfix offers no AUTH on 25 (none before TLS):
    // msmtp could not log in this way; said so, not "works but insecure".
    assert_eq!(
        a["verdict"]["reasons"],
        serde_json::json!(["plaintext", "login-refused-before-tls"]),
        "{a}"
    );
    let why = a["explanation"]["en"].as_str().unwrap();
    assert!(
        why.contains("no longer accepts a login over plaintext") && why.contains("cannot log in"),
        "{why}"
    );
    assert_eq!(a["corrected"]["port"], s.port(465), "{a}");
    let fixed = Path::new(doc["files"][0]["fix"]["written"].as_str().unwrap()).to_path_buf();
    let token = format!("mailconf-check-fixed-{}", std::process::id());
    let message = format!(
        "From: {u}\r\nTo: {u}\r\nSubject: {token}\r\n\r\nfixed\r\n",
        u = s.user
    );
    let mut child = crate::roundtrip::client(
        &s,
        dir.path(),
        "msmtp",
        &["-C", fixed.to_str().unwrap(), "-a", "old", &s.user],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), message.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "msmtp did not send with the fixed file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arrived = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        crate::roundtrip::maildir_holds(&s.maildir, &token)
    });
    assert!(arrived, "the message did not arrive");
}

/// `mailconf check --thunderbird=DIR --fix` while Thunderbird has the profile
/// open as a Flatpak Thunderbird does (an fcntl lock on `.parentlock`, the
/// `lock` symlink naming a pid this namespace cannot see): nothing is
/// written, and the refusal is said in the user's language. It wrote the
/// fragment (the pid looked dead), and the refusal was English.
#[test]
fn check_fix_refuses_an_open_thunderbird_profile_in_chinese() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path();
    let prefs = format!(
        "user_pref(\"mail.account.account1.server\", \"server1\");\nuser_pref(\"mail.accountmanager.accounts\", \"account1\");\nuser_pref(\"mail.server.server1.hostname\", \"{host}\");\nuser_pref(\"mail.server.server1.port\", {port});\nuser_pref(\"mail.server.server1.socketType\", 0);\nuser_pref(\"mail.server.server1.type\", \"pop3\");\nuser_pref(\"mail.server.server1.userName\", \"{user}\");\n",
        host = s.host,
        port = s.port(110),
        user = s.user
    );
    write(profile, "prefs.js", prefs.as_bytes(), 0o600);
    let parentlock = profile.join(".parentlock");
    std::fs::write(&parentlock, b"").unwrap();
    std::os::unix::fs::symlink("127.0.0.1:+2147483646", profile.join("lock")).unwrap();
    let _held = crate::existing::FcntlHolder::hold(&parentlock);
    let mut c = bin();
    // One line per sentence: the refusal is looked for whole.
    c.env("COLUMNS", "1000")
        .args(["--lang", "zh-Hans", "check"])
        .arg(format!("--thunderbird={}", profile.display()))
        .args(["--fix", "--resolve", &s.resolve, "--ca-file"])
        .arg(&s.ca);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    let out = c.output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(0), "{all}");
    assert!(
        all.contains(&format!(
            "未写入：Thunderbird 正在使用这个配置文件夹（{}）：请先关闭 Thunderbird",
            profile.display()
        )),
        "{all}"
    );
    assert!(!all.contains("close Thunderbird"), "{all}");
    assert!(!profile.join("user.js.mailconf-fixed").exists(), "{all}");
    assert!(!profile.join("user.js").exists(), "{all}");
}

#[test]
fn check_human_output_in_chinese_says_what_to_do() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "poll {host} proto pop3 port {port}\n    user '{user}' password '{pass}' sslproto ''\n",
        host = s.host,
        port = s.port(110),
        user = s.user,
        pass = s.pass
    );
    let rc = write(dir.path(), ".fetchmailrc", text.as_bytes(), 0o600);
    let mut c = bin();
    c.args(["--lang", "zh-Hans", "check"])
        .arg(&rc)
        .args(["--resolve", &s.resolve, "--ca-file"])
        .arg(&s.ca);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("不安全，且无法登录"), "{stdout}");
    assert!(!stdout.contains("可用但不安全"), "{stdout}");
    assert!(
        stdout.contains(&format!("请改用 {}:{}", s.host, s.port(995))),
        "{stdout}"
    );
    assert!(stdout.contains("--fix"), "{stdout}");
    assert!(!stdout.contains(&s.pass));
}

/// `mailconf check --lang zh-Hans` reads as Chinese: a file that cannot be
/// read is explained in Chinese, and what a file says has no space after a
/// full-width colon and Chinese commas (it read "文件中的设置： pop.163.com:110
/// 明文, 登录方式 …" and "cannot read …"). The skipped entry is not tested,
/// and every name resolves to loopback: nothing leaves this machine.
#[test]
fn check_in_chinese_uses_chinese_punctuation_and_explains_read_errors() {
    let dir = tempfile::tempdir().unwrap();
    let rc = write(
        dir.path(),
        ".fetchmailrc",
        b"skip pop.163.com with proto POP3 port 110\n    user \"zhang@163.com\" there with password \"x\"\n",
        0o600,
    );
    let out = bin()
        .args([
            "check",
            "--lang",
            "zh-Hans",
            "--resolve",
            "pop.163.com:127.0.0.1",
        ])
        .args(["--dns", "127.0.0.1:9"])
        .arg(&rc)
        .arg("/nonexistent/mailconf/.msmtprc")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("文件中的设置：pop.163.com:110 STARTTLS，登录方式 自动，用户名"),
        "{stdout}"
    );
    assert!(
        stdout.contains("无法读取 /nonexistent/mailconf/.msmtprc：文件不存在。"),
        "{stdout}"
    );
    assert!(!stdout.contains("annot read"), "{stdout}");
}

/// The "done when" of issue 16, on the command line as a new user would run
/// it: the seed's 2011 .fetchmailrc for 163 (POP3 on 110 without TLS, the
/// password in the file), with 163's names resolved to the harness, whose
/// certificate names them. `mailconf check --login --fix` says what is wrong
/// (insecure: plaintext, the login refused before TLS), why (163's history
/// note), what to do (995 with SSL, the authorization code), and writes a
/// fixed file that fetchmail itself reads and logs in with.
#[test]
fn the_seeds_163_fetchmailrc_is_fixed_and_fetchmail_logs_in_with_it() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let text = OLD_163
        .replace("port 110", &format!("port {}", s.port(110)))
        .replace("Web-Pa55-163", &s.seed_pass);
    assert_eq!(s.seed_user, "zhang@163.com");
    let rc = write(dir.path(), ".fetchmailrc", text.as_bytes(), 0o600);
    let resolve: Vec<String> = crate::servers::SEED_HOSTS
        .iter()
        .flat_map(|h| ["--resolve".to_owned(), format!("{h}:{}", s.addr)])
        .collect();
    let mut extra: Vec<&str> = resolve.iter().map(String::as_str).collect();
    extra.extend(["--login", "--fix"]);
    let (code, doc, all) = check_cli(&s, &[&rc], &extra);
    assert!(
        !all.contains(&s.seed_pass),
        "the password was printed:\n{all}"
    );
    assert_eq!(code, Some(1), "{doc}");
    let a = &doc["files"][0]["accounts"][0];
    assert_eq!(a["provider_id"], "163", "{a}");
    assert_eq!(a["verdict"]["kind"], "insecure", "{a}");
    let reasons = a["verdict"]["reasons"].to_string();
    assert!(
        reasons.contains("plaintext") && reasons.contains("login-refused-before-tls"),
        "{reasons}"
    );
    let logged_in = a["network"]["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| {
            e["endpoint"]["host"] == "pop.163.com"
                && e["endpoint"]["port"] == s.port(995)
                && e["login"]["outcome"] == "success"
        });
    assert!(logged_in, "{}", a["network"]);
    let said = a.to_string();
    assert!(
        said.contains("Until about 2014"),
        "163's history note: {said}"
    );
    assert!(said.contains("authorization code"), "{said}");
    assert_eq!(a["corrected"]["host"], "pop.163.com");
    assert_eq!(a["corrected"]["port"], s.port(995));
    assert_eq!(a["corrected"]["security"], "tls");
    let fixed = dir.path().join(".fetchmailrc.mailconf-fixed");
    assert_eq!(
        doc["files"][0]["fix"]["written"].as_str(),
        fixed.to_str(),
        "{doc}"
    );
    crate::existing::configdump(dir.path(), &fixed).expect("fetchmail reads the fixed file");
    let ca = s.ca.display().to_string();
    let (code, log) = crate::roundtrip::fetchmail(
        &s,
        dir.path(),
        &fixed,
        &["--check", "-d0", "--sslcertfile", &ca],
    );
    assert!(
        matches!(code, Some(0 | 1)),
        "the fixed file did not log in ({code:?}):\n{log}"
    );
}

/// `--login --password-env VAR` gives the password of an account whose file
/// holds none without a terminal (a script, a helpdesk's batch), and the
/// password never appears in what is printed. Without a source and without
/// a terminal, the login is said not to be tested.
#[test]
fn check_login_takes_the_password_from_the_environment() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "poll {host} with proto POP3 port {port}\n    user \"{user}\" there is alice here\n    sslcertfile \"{ca}\"\n",
        host = s.host,
        port = s.port(110),
        user = s.user,
        ca = s.ca.display()
    );
    let rc = write(dir.path(), "fetchmailrc", text.as_bytes(), 0o600);
    let logged_in = |doc: &serde_json::Value| {
        doc["files"][0]["accounts"][0]["network"]["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["login"]["outcome"] == "success")
    };
    // No source, no terminal: not tested, and said.
    let (_, doc, all) = check_cli(&s, &[&rc], &["--login"]);
    assert!(!logged_in(&doc), "{doc}");
    assert!(all.contains("login not tested"), "{all}");
    // From the environment.
    let mut c = check_command(
        &s,
        &[&rc],
        &["--login", "--password-env", "MAILCONF_CHECK_PW"],
    );
    c.env("MAILCONF_CHECK_PW", &s.pass);
    let (_, doc, all) = run_check(c);
    assert!(!all.contains(&s.pass), "the password was printed:\n{all}");
    assert!(logged_in(&doc), "{doc}\n{all}");
}
