//! `mailconf providers audit` against the real Dovecot and Postfix of
//! tests/harness/ (provider files in a temporary config folder point at the test
//! host): an entry whose claims all hold is `ok`; a closed port, STARTTLS claimed
//! where the server has none, and a host the certificate does not cover are each
//! `drift`; an entry whose listed servers hold but whose check would recommend
//! an endpoint it does not list is `ok` with a note (the one ranking of
//! `mailconf probe`). Also: the audit probes the check layer's plan, the
//! concurrency cap holds, and the JSON matches its schema and its documentation.

use crate::servers::Servers;
use mailconf::check::audit::{
    AuditOptions, CheckKind, CheckResult, EntryStatus, ServerOutcome, audit_blocking,
};
use mailconf::probe::ProbeOptions;
use mailconf::providers::{Database, Origin, Provider};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A provider file serving `id.test` with `incoming` and `outgoing` rows, each
/// `(protocol, host, port, security, extra JSON fields)`.
fn provider_file(id: &str, rows: &[(&str, &str, u16, &str, Value)]) -> String {
    let row = |(p, h, port, s, extra): &(&str, &str, u16, &str, Value)| {
        let mut v = json!({"protocol": p, "host": h, "port": port, "security": s});
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        v
    };
    let incoming: Vec<Value> = rows.iter().filter(|r| r.0 != "smtp").map(row).collect();
    let outgoing: Vec<Value> = rows.iter().filter(|r| r.0 == "smtp").map(row).collect();
    let v = json!({
        "id": id,
        "name": {"en": id, "zh-Hans": id, "zh-Hant": id},
        "domains": [format!("{id}.test")],
        "status": {"state": "active"},
        "incoming": incoming,
        "outgoing": outgoing,
        "auth": {"kind": "password"},
        "sources": [{"about": "the test harness", "kind": "general-knowledge", "checked": "2026-12"}]
    });
    serde_json::to_string_pretty(&v).unwrap()
}

/// Runs `mailconf providers audit` with a config folder holding `files`.
fn audit(files: &[(&str, String)], args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let providers = dir.path().join("providers");
    std::fs::create_dir_all(&providers).unwrap();
    for (name, text) in files {
        std::fs::write(providers.join(format!("{name}.json")), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_mailconf"))
        .args(["providers", "audit"])
        .args(args)
        .env("MAILCONF_CONFIG_DIR", dir.path())
        .env("MAILCONF_LANG", "en")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_of(stdout: &str, stderr: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\n{stderr}"))
}

/// `--resolve`, `--ca-file` and (in loopback mode) `--port-map` for the
/// harness, plus `extra`. Provider files name the standard ports.
fn harness_args(s: &Servers, extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = vec![
        "--resolve".into(),
        s.resolve.clone(),
        "--ca-file".into(),
        s.ca.display().to_string(),
        "--timeout".into(),
        "5".into(),
    ];
    if !s.port_map.is_empty() {
        v.extend(["--port-map".into(), s.port_map.clone()]);
    }
    v.extend(extra.iter().map(|a| (*a).to_owned()));
    v
}

fn run(s: &Servers, files: &[(&str, String)], targets: &[&str], extra: &[&str]) -> (i32, Value) {
    let mut args: Vec<String> = targets.iter().map(|t| (*t).to_owned()).collect();
    args.extend(harness_args(s, extra));
    args.push("--json".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = audit(files, &args);
    (code, json_of(&out, &err))
}

fn server(entry: &Value, port: u16) -> &Value {
    entry["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["endpoint"]["port"] == port)
        .unwrap_or_else(|| panic!("no server on port {port}: {entry:#}"))
}

/// The harness's servers, all as they really are.
fn true_rows(s: &Servers) -> Vec<(&'static str, String, u16, &'static str, Value)> {
    let h = s.host.clone();
    vec![
        ("pop3", h.clone(), 995, "tls", json!({})),
        ("pop3", h.clone(), 110, "starttls", json!({})),
        ("imap", h.clone(), 993, "tls", json!({})),
        ("imap", h.clone(), 143, "starttls", json!({})),
        ("smtp", h.clone(), 465, "tls", json!({})),
        ("smtp", h.clone(), 587, "starttls", json!({})),
        // Postfix on 25 is an MX: it takes mail for its domain without a login.
        ("smtp", h, 25, "starttls", json!({"login": "none"})),
    ]
}

/// POP3 995, IMAP 993 and SMTP 465 of the harness, as they really are.
fn three_true_rows(s: &Servers) -> Vec<(&'static str, String, u16, &'static str, Value)> {
    let all = true_rows(s);
    vec![all[0].clone(), all[2].clone(), all[4].clone()]
}

fn file(
    id: &str,
    rows: &[(&'static str, String, u16, &'static str, Value)],
) -> (&'static str, String) {
    let rows: Vec<(&str, &str, u16, &str, Value)> = rows
        .iter()
        .map(|(p, h, port, sec, e)| (*p, h.as_str(), *port, *sec, e.clone()))
        .collect();
    let name: &'static str = Box::leak(id.to_owned().into_boxed_str());
    (name, provider_file(id, &rows))
}

#[test]
fn audit_all_claims_true_is_ok() {
    let s = Servers::get();
    let (code, v) = run(&s, &[file("truthful", &true_rows(&s))], &["truthful"], &[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["schema"], "mailconf-audit/1");
    let e = &v["entries"][0];
    assert_eq!(e["id"], "truthful");
    assert_eq!(e["status"], "ok", "{e:#}");
    assert_eq!(e["servers"].as_array().unwrap().len(), 7);
    for srv in e["servers"].as_array().unwrap() {
        assert_eq!(srv["outcome"], "ok", "{srv:#}");
        assert!(
            srv["certificate_days_left"].as_i64().unwrap() > 0,
            "{srv:#}"
        );
        for kind in ["answers", "security", "certificate", "login"] {
            assert!(
                srv["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["kind"] == kind && c["result"] == "holds"),
                "no {kind} check that holds: {srv:#}"
            );
        }
    }
    // The check layer's plan: the seven listed ways and POP3 110 without
    // encryption, the eighth standard way in.
    assert_eq!(
        v["summary"],
        json!({"entries": 1, "ok": 1, "drift": 0, "unreachable": 0, "endpoints": 8})
    );
    // The one ranking: implicit TLS first; each recommended endpoint is listed.
    let recommended: Vec<(String, u64)> = e["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["protocol"].as_str().unwrap().to_owned(),
                r["endpoint"]["port"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        recommended,
        [
            ("pop3".into(), 995),
            ("smtp".into(), 465),
            ("imap".into(), 993)
        ]
    );
    let checks = e["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 3, "{e:#}");
    assert!(
        checks
            .iter()
            .all(|c| c["kind"] == "recommendation" && c["result"] == "holds"),
        "{e:#}"
    );
    // The output matches the documented schema.
    let schema: Value = serde_json::from_str(&mailconf::check::audit::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn audit_reports_a_closed_port_as_drift() {
    let s = Servers::get();
    let mut rows = three_true_rows(&s);
    // Nothing listens on port 2 of the test host: the connection is refused.
    rows.push(("smtp", s.host.clone(), 2, "tls", json!({})));
    let (code, v) = run(&s, &[file("closedport", &rows)], &["closedport"], &[]);
    assert_eq!(code, 1, "drift exits 1: {v:#}");
    let e = &v["entries"][0];
    assert_eq!(e["status"], "drift");
    let closed = server(e, 2);
    assert_eq!(closed["outcome"], "drift");
    assert_eq!(closed["reached"], false);
    let c = &closed["checks"][0];
    assert_eq!(c["kind"], "answers");
    assert_eq!(c["result"], "drift");
    assert!(
        c["observed"]["en"].as_str().unwrap().contains("refused"),
        "{c:#}"
    );
    assert_eq!(server(e, 993)["outcome"], "ok");
    // The table says it too, claim next to observation.
    let mut args: Vec<String> = vec!["closedport".into()];
    args.extend(harness_args(&s, &[]));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, _) = audit(&[file("closedport", &rows)], &args);
    assert_eq!(code, 1);
    assert!(out.contains("closedport") && out.contains("drift"), "{out}");
    assert!(out.contains("claimed: SMTP answers on port 2"), "{out}");
    assert!(out.contains("observed: connection refused"), "{out}");
    assert!(out.contains("1 entry: 0 ok, 1 drift"), "{out}");
    assert!(
        !out.contains('\x1b'),
        "no progress bar or colour when piped: {out:?}"
    );
}

/// A POP3 server without STLS (greeting, CAPA, QUIT), on a loopback port.
fn plaintext_pop3() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in l.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = serve_pop3(conn);
            });
        }
    });
    port
}

/// A plaintext POP3 session: greeting, CAPA (USER, UIDL, no STLS), QUIT.
fn serve_pop3(mut conn: TcpStream) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    conn.write_all(b"+OK plaintext POP3 ready\r\n")?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    while reader.read_line(&mut line)? > 0 {
        let cmd = line.trim().to_ascii_uppercase();
        line.clear();
        if cmd == "CAPA" {
            conn.write_all(b"+OK\r\nUSER\r\nUIDL\r\n.\r\n")?;
        } else if cmd == "QUIT" {
            conn.write_all(b"+OK bye\r\n")?;
            return Ok(());
        } else {
            conn.write_all(b"-ERR not here\r\n")?;
        }
    }
    Ok(())
}

#[test]
fn audit_reports_starttls_claimed_where_the_server_has_none() {
    let s = Servers::get();
    let port = plaintext_pop3();
    let mut rows = three_true_rows(&s);
    rows.push((
        "pop3",
        "plain.test.mailconf".into(),
        port,
        "starttls",
        json!({}),
    ));
    let (code, v) = run(
        &s,
        &[file("nostarttls", &rows)],
        &["nostarttls"],
        &["--resolve", "plain.test.mailconf:127.0.0.1"],
    );
    assert_eq!(code, 1, "{v:#}");
    let e = &v["entries"][0];
    assert_eq!(e["status"], "drift");
    let plain = server(e, port);
    assert_eq!(plain["outcome"], "drift");
    assert_eq!(plain["reached"], true);
    let sec = plain["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "security")
        .unwrap();
    assert_eq!(sec["result"], "drift");
    assert_eq!(sec["claim"]["en"], "STARTTLS offered and completed");
    assert!(
        sec["observed"]["en"]
            .as_str()
            .unwrap()
            .contains("STARTTLS is not offered"),
        "{sec:#}"
    );
    assert!(
        sec["observed"]["zh-Hans"]
            .as_str()
            .unwrap()
            .contains("STARTTLS")
    );
}

#[test]
fn audit_reports_a_host_the_certificate_does_not_cover() {
    let s = Servers::get();
    let other = "other.test.mailconf";
    let mut rows = three_true_rows(&s);
    rows.push(("imap", other.into(), 993, "tls", json!({})));
    let resolve_other = format!("{other}:{}", s.addr);
    let (code, v) = run(
        &s,
        &[file("wrongname", &rows)],
        &["wrongname"],
        &["--resolve", &resolve_other],
    );
    assert_eq!(code, 1, "{v:#}");
    let e = &v["entries"][0];
    assert_eq!(e["status"], "drift");
    let imap = e["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["endpoint"]["host"] == other)
        .unwrap();
    assert_eq!(imap["outcome"], "drift");
    let cert = imap["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "certificate")
        .unwrap();
    assert_eq!(cert["result"], "drift");
    let seen = cert["observed"]["en"].as_str().unwrap();
    assert!(
        seen.contains(&format!("does not cover {other}")) && seen.contains("mail.test.mailconf"),
        "{seen}"
    );
    // The rows on the right name stay ok.
    assert_eq!(server(e, 995)["outcome"], "ok");
}

/// The audit ranks what it probed as `mailconf probe` does: an entry that
/// lists only the STARTTLS ways in is true, but a check recommends implicit
/// TLS, which the entry does not list. That is `ok`, with a note per protocol.
#[test]
fn audit_notes_a_recommended_endpoint_the_entry_does_not_list() {
    let s = Servers::get();
    let h = s.host.clone();
    let rows = vec![
        ("pop3", h.clone(), 110, "starttls", json!({})),
        ("imap", h.clone(), 143, "starttls", json!({})),
        ("smtp", h, 587, "starttls", json!({})),
    ];
    let (code, v) = run(&s, &[file("starttlsonly", &rows)], &["starttlsonly"], &[]);
    assert_eq!(code, 0, "{v:#}");
    let e = &v["entries"][0];
    assert_eq!(e["status"], "ok", "{e:#}");
    assert_eq!(v["summary"]["endpoints"], 8, "the plan's eight ways in");
    let notes: Vec<&str> = e["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "recommendation" && c["result"] == "warning")
        .map(|c| c["observed"]["en"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 3, "{e:#}");
    for (note, port) in notes.iter().zip(["995", "465", "993"]) {
        assert!(
            note.contains(port) && note.contains("does not list"),
            "{note}"
        );
    }
    // The table shows the note under the entry as a whole.
    let mut args: Vec<String> = vec!["starttlsonly".into()];
    args.extend(harness_args(&s, &[]));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, _) = audit(&[file("starttlsonly", &rows)], &args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("the entry as a whole"), "{out}");
    assert!(out.contains("which the entry does not list"), "{out}");
}

#[test]
fn audit_refuses_an_unknown_entry_with_a_usage_error() {
    let (code, out, err) = audit(&[], &["no-such-provider-xyz", "--json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty());
    assert!(err.contains("no-such-provider-xyz"), "{err}");
    let (code, _, err) = audit(&[], &["163", "--concurrency", "0"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = audit(&[], &["163", "--timeout", "0"]);
    assert_eq!(code, 2, "{err}");
}

/// A listener on loopback that answers POP3 greetings after `delay`, counting
/// how many sessions are under way at once: from the accept until the client's
/// goodbye. The probe sends QUIT and closes without waiting for the answer, so
/// a session's worker may not have read that QUIT yet when the client's next
/// connection is accepted. The listener therefore looks into each open socket
/// (without taking its bytes) and does not count one whose QUIT or close is
/// already waiting there: the client had finished it before it connected again.
fn counting_server(delay: Duration) -> (u16, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let open: Arc<Mutex<Vec<(usize, TcpStream)>>> = Arc::default();
    let peak = Arc::new(AtomicUsize::new(0));
    let peak_out = peak.clone();
    std::thread::spawn(move || {
        for (id, conn) in l.incoming().flatten().enumerate() {
            {
                let mut sessions = open.lock().unwrap();
                let now = 1 + sessions
                    .iter()
                    .filter(|(_, c)| !client_said_goodbye(c))
                    .count();
                peak.fetch_max(now, Ordering::SeqCst);
                sessions.push((id, conn.try_clone().unwrap()));
            }
            let open = open.clone();
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let _ = serve_pop3(conn);
                open.lock().unwrap().retain(|(i, _)| *i != id);
            });
        }
    });
    (port, peak_out)
}

/// Whether a QUIT, or the client's close, is already waiting unread in
/// `conn`: a peek that neither blocks nor changes the socket's flags, which
/// the session's worker shares.
fn client_said_goodbye(conn: &TcpStream) -> bool {
    use std::os::fd::AsRawFd;
    let mut buf = [0u8; 256];
    // SAFETY: `buf` is writable for `buf.len()` bytes and the descriptor stays
    // open while `conn` is borrowed; MSG_PEEK leaves the bytes for the worker.
    let n = unsafe {
        libc::recv(
            conn.as_raw_fd(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            libc::MSG_PEEK | libc::MSG_DONTWAIT,
        )
    };
    match usize::try_from(n) {
        Ok(0) => true,
        Ok(n) => buf[..n]
            .to_ascii_uppercase()
            .windows(4)
            .any(|w| w == b"QUIT"),
        Err(_) => false,
    }
}

/// A database of `files` (as user entries) and nothing else.
fn database(files: Vec<(String, Provider)>) -> Database {
    let mut db = Database::default();
    db.extend(
        files
            .into_iter()
            .map(|(f, mut p)| {
                p.origin = Origin::User;
                (f, p)
            })
            .collect(),
    );
    db
}

#[test]
fn audit_never_runs_more_than_the_concurrency_cap() {
    let (port, peak) = counting_server(Duration::from_millis(150));
    let files: Vec<(String, Provider)> = (0..9)
        .map(|i| {
            let text = provider_file(
                &format!("cap{i}"),
                &[
                    (
                        "pop3",
                        "127.0.0.1",
                        port,
                        "plain",
                        json!({"note": {"en": "legacy", "zh-Hans": "旧", "zh-Hant": "舊"}}),
                    ),
                    ("pop3", "127.0.0.1", port, "starttls", json!({})),
                ],
            );
            let provider: Provider = serde_json::from_str(&text).unwrap();
            (format!("cap{i}.json"), provider)
        })
        .collect();
    let db = database(files);
    let options = AuditOptions {
        probe: ProbeOptions {
            connect_timeout: Duration::from_secs(5),
            reply_timeout: Duration::from_secs(5),
            ..ProbeOptions::default()
        },
        concurrency: 3,
        ..AuditOptions::default()
    };
    let mut seen = Vec::new();
    let report = audit_blocking(&db, &db.entries(), &options, |p| seen.push(p)).unwrap();
    let peak = peak.load(Ordering::SeqCst);
    assert!(peak <= 3, "{peak} connections at once with a cap of 3");
    assert!(
        peak >= 2,
        "the endpoints ran one after another ({peak} at once)"
    );
    // The plan: POP3's three standard ways on 127.0.0.1 (nothing listens
    // there; refused at once) and the two listed rows, per entry.
    assert_eq!(report.summary.endpoints, 9 * 5);
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((45, 45)));
    // Every entry drifted the same way: STARTTLS claimed, plaintext found; the
    // plain rows are marked legacy and hold.
    for e in &report.entries {
        assert_eq!(e.status, EntryStatus::Drift, "{e:#?}");
        assert_eq!(e.servers[0].outcome, ServerOutcome::Ok, "{e:#?}");
        let stls = &e.servers[1];
        assert!(
            stls.checks
                .iter()
                .any(|c| c.kind == CheckKind::Security && c.result == CheckResult::Drift)
        );
        assert!(
            e.servers[0]
                .checks
                .iter()
                .any(|c| c.kind == CheckKind::Legacy && c.result == CheckResult::Holds)
        );
    }
    assert!(report.has_drift());
}

#[test]
fn audit_marks_a_host_that_depends_on_the_users_domain_as_not_checked() {
    // An MX-only entry (no domains) with a per-domain host cannot be probed.
    let mut p: Provider = serde_json::from_str(&provider_file(
        "perdomain",
        &[("imap", "imap.%EMAILDOMAIN%", 993, "tls", json!({}))],
    ))
    .unwrap();
    p.domains.clear();
    p.mx_suffixes = vec!["mx.perdomain.test".into()];
    let db = database(vec![("perdomain.json".into(), p)]);
    let report = audit_blocking(&db, &db.entries(), &AuditOptions::default(), |_| {}).unwrap();
    let e = &report.entries[0];
    assert_eq!(e.status, EntryStatus::Unreachable);
    assert_eq!(e.servers[0].outcome, ServerOutcome::NotChecked);
    assert!(
        e.reason
            .as_ref()
            .unwrap()
            .en
            .contains("depends on the user's domain")
    );
    assert_eq!(report.summary.endpoints, 0);
}

/// `docs/audit-json.schema.json` is generated from the types (regenerate with
/// `MAILCONF_UPDATE_SCHEMA=1 cargo test audit_json`), and `docs/audit-json.md`
/// documents every field the schema has.
#[test]
fn audit_json_schema_and_doc_match_the_types() {
    let path = Path::new(ROOT).join("docs/audit-json.schema.json");
    let generated = mailconf::check::audit::json_schema();
    if std::env::var_os("MAILCONF_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/audit-json.schema.json is stale: run MAILCONF_UPDATE_SCHEMA=1 cargo test audit_json"
    );
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/audit-json.md")).unwrap();
    let schema: Value = serde_json::from_str(&generated).unwrap();
    let mut names = std::collections::BTreeSet::new();
    collect_properties(&schema, &mut names);
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !doc.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/audit-json.md does not document {missing:?}"
    );
    assert!(names.contains("certificate_days_left") && names.contains("observed"));
}

fn collect_properties(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Object(props)) = o.get("properties") {
                out.extend(props.keys().cloned());
            }
            for x in o.values() {
                collect_properties(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_properties(x, out)),
        _ => {}
    }
}

/// Issue 15, item 4: a server that offers only RSA key exchange (as reported
/// for imap.139.com; imap.sina.cn offers only DHE) cannot be reached with
/// rustls. The audit names the likely cause instead of the bare alert. The
/// server is `openssl s_server` on loopback, TLS 1.2 with one RSA-kx suite.
#[test]
fn audit_names_a_server_with_only_rsa_key_exchange() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("c.pem"), dir.path().join("k.pem"));
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=rsa.test.mailconf", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl is installed (tests/harness/install-deps.sh)");
    assert!(made.status.success(), "{made:?}");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut openssl = Command::new("openssl")
        .args([
            "s_server",
            "-quiet",
            "-tls1_2",
            "-cipher",
            "AES128-GCM-SHA256",
        ])
        .args(["-accept", &format!("127.0.0.1:{port}"), "-cert"])
        .arg(&cert)
        .arg("-key")
        .arg(&key)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let up = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let rows = [
        ("imap", "rsa.test.mailconf", port, "tls", json!({})),
        ("smtp", "rsa.test.mailconf", port, "tls", json!({})),
    ];
    let (code, out, err) = if up {
        audit(
            &[("rsaonly", provider_file("rsaonly", &rows))],
            &[
                "rsaonly",
                "--resolve",
                "rsa.test.mailconf:127.0.0.1",
                "--timeout",
                "5",
                "--json",
            ],
        )
    } else {
        (-1, String::new(), String::new())
    };
    let _ = openssl.kill();
    let _ = openssl.wait();
    assert!(up, "openssl s_server did not start on port {port}");
    assert_eq!(code, 1, "{out}{err}");
    let v = json_of(&out, &err);
    let e = &v["entries"][0];
    let sec = server(e, port)["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "security")
        .cloned()
        .unwrap();
    assert_eq!(sec["result"], "drift", "{sec:#}");
    let seen = sec["observed"]["en"].as_str().unwrap();
    assert!(
        seen.contains("HandshakeFailure") && seen.contains("only RSA or DHE key exchange"),
        "{seen}"
    );
    assert!(
        sec["observed"]["zh-Hans"]
            .as_str()
            .unwrap()
            .contains("RSA 或 DHE 密钥交换")
    );
}
