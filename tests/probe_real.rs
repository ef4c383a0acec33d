//! The probe against the real Dovecot and Postfix of tests/harness/: all eight ways
//! in, with what each server really does (Dovecot refuses USER before STLS, Postfix
//! offers AUTH on 587 only after STARTTLS and never on 25), the certificate
//! verdicts, and the recommendation.

use crate::servers::Servers;
use serde_json::Value;
use std::process::Command;

fn probe(s: &Servers, extra: &[&str]) -> (i32, Value) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args(["probe", &s.host, "--resolve", &s.resolve, "--json"]);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    c.args(extra);
    c.env(
        "MAILCONF_CONFIG_DIR",
        std::env::temp_dir().join("mailconf-no-config"),
    );
    let out = c.output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

fn endpoint<'a>(v: &'a Value, protocol: &str, port: u64, security: &str) -> &'a Value {
    v["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["endpoint"]["protocol"] == protocol
                && e["endpoint"]["port"] == port
                && e["endpoint"]["security"] == security
        })
        .unwrap_or_else(|| panic!("no {protocol} {port} {security} row in {v:#}"))
}

fn caps<'a>(e: &'a Value, when: &str) -> &'a Value {
    &e["session"][when]
}

#[test]
fn all_eight_ways_in_against_dovecot_and_postfix() {
    let s = Servers::get();
    let ca = s.ca.to_str().unwrap().to_owned();
    let (code, v) = probe(&s, &["--ca-file", &ca]);
    assert_eq!(code, 0, "every protocol has a secure way in: {v:#}");
    assert_eq!(v["endpoints"].as_array().unwrap().len(), 8);

    for (p, port, sec) in [
        ("pop3", 995, "tls"),
        ("pop3", 110, "starttls"),
        ("imap", 993, "tls"),
        ("imap", 143, "starttls"),
        ("smtp", 465, "tls"),
        ("smtp", 587, "starttls"),
        ("smtp", 25, "starttls"),
    ] {
        let e = endpoint(&v, p, port, sec);
        assert_eq!(e["verdict"]["kind"], "secure", "{p} {port} {sec}: {e:#}");
        assert_eq!(e["tls"]["chain"], "trusted", "{p} {port}");
        assert_eq!(e["tls"]["hostname_match"], true);
        let version = e["tls"]["version"].as_str().unwrap();
        assert!(version == "TLS 1.3" || version == "TLS 1.2", "{version}");
        let cert = &e["tls"]["certificates"][0];
        assert!(
            cert["sans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n == "mail.test.mailconf")
        );
        assert_eq!(
            cert["sha256"].as_str().unwrap().len(),
            95,
            "SHA-256 as 32 hex pairs"
        );
        assert!(cert["days_left"].as_i64().unwrap() > 0);
        assert!(e["timings"]["total_ms"].as_u64().is_some());
        // Nothing of the conversation leaks unescaped control characters.
        for line in e["transcript"]["lines"].as_array().unwrap() {
            assert!(
                !line["text"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .any(|c| c.is_control())
            );
        }
    }

    // Dovecot: no USER and no SASL before STLS; both after.
    let stls = endpoint(&v, "pop3", 110, "starttls");
    assert_eq!(caps(stls, "caps_before_tls")["user"], false);
    assert_eq!(caps(stls, "caps_before_tls")["sasl"], serde_json::json!([]));
    assert_eq!(caps(stls, "caps_before_tls")["stls"], true);
    assert_eq!(caps(stls, "caps_after_tls")["user"], true);
    assert!(
        caps(stls, "caps_after_tls")["sasl"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "PLAIN")
    );
    // The plaintext row is reported, marked insecure, and shows the refusal.
    let plain = endpoint(&v, "pop3", 110, "plain");
    assert_eq!(plain["verdict"]["kind"], "insecure-plaintext-only");
    assert_eq!(caps(plain, "caps_before_tls")["user"], false);
    assert!(plain["tls"].is_null());

    // IMAP 143: LOGINDISABLED until STARTTLS.
    let imap = endpoint(&v, "imap", 143, "starttls");
    assert_eq!(caps(imap, "caps_before_tls")["logindisabled"], true);
    assert_eq!(caps(imap, "caps_after_tls")["logindisabled"], false);

    // Postfix 587: AUTH only after STARTTLS. Port 25: STARTTLS but never AUTH.
    let sub = endpoint(&v, "smtp", 587, "starttls");
    assert_eq!(caps(sub, "caps_before_tls")["auth"], serde_json::json!([]));
    assert_eq!(
        caps(sub, "caps_after_tls")["auth"],
        serde_json::json!(["PLAIN", "LOGIN"])
    );
    let mx = endpoint(&v, "smtp", 25, "starttls");
    assert_eq!(caps(mx, "caps_before_tls")["starttls"], true);
    assert_eq!(caps(mx, "caps_after_tls")["auth"], serde_json::json!([]));

    // RFC 8314: implicit TLS first, then STARTTLS; plaintext never recommended.
    let rec = v["recommendations"].as_array().unwrap();
    let best = |p: &str| {
        rec.iter()
            .find(|r| r["protocol"] == p)
            .map(|r| r["endpoint"]["port"].as_u64().unwrap())
    };
    assert_eq!(best("pop3"), Some(995));
    assert_eq!(best("imap"), Some(993));
    assert_eq!(best("smtp"), Some(465));
    let text = serde_json::to_string(rec).unwrap();
    assert!(!text.contains("\"plain\""), "plaintext recommended: {text}");
}

#[test]
fn untrusted_test_ca_is_reported_precisely() {
    let s = Servers::get();
    // Without --ca-file the test CA is unknown: never silently accepted.
    let (code, v) = probe(&s, &["--only", "pop3"]);
    assert_eq!(code, 1, "no secure POP3 without trusting the CA: {v:#}");
    let e = endpoint(&v, "pop3", 995, "tls");
    assert_eq!(e["verdict"]["kind"], "tls-error", "{e:#}");
    assert_eq!(e["verdict"]["tls_kind"], "unknown-issuer", "{e:#}");
    assert_eq!(e["tls"]["chain"]["invalid"], "unknown-issuer", "{e:#}");
    // Report-only mode still read the capabilities through it, clearly marked.
    assert_eq!(e["tls"]["cert_mode"], "report-only");
    assert_eq!(caps(e, "caps_after_tls")["user"], true);
}

#[test]
fn human_table_streams_eight_rows_and_a_recommendation() {
    let s = Servers::get();
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args([
        "probe",
        &s.host,
        "--resolve",
        &s.resolve,
        "--ca-file",
        s.ca.to_str().unwrap(),
    ]);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    c.env("MAILCONF_LANG", "zh-Hans");
    let out = c.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let rows = text
        .lines()
        .filter(|l| l.starts_with("POP3") || l.starts_with("IMAP") || l.starts_with("SMTP"))
        .count();
    assert_eq!(rows, 8, "{text}");
    assert!(text.contains("协议"), "labels in Chinese: {text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn unknown_address_is_discovered_by_guessing_then_probed() {
    let s = Servers::get();
    // A DNS server that knows only mail.test.mailconf: discovery must guess it.
    let dns = crate::discover::harness::Dnsmasq::start_with(&format!(
        "host-record={},{}\n",
        s.host, s.addr
    ));
    let dns_addr = dns.addr().to_string();
    let ca = s.ca.to_str().unwrap().to_owned();
    let address = format!("alice@{}", s.domain);
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args([
        "probe",
        &address,
        "--dns",
        &dns_addr,
        "--ca-file",
        &ca,
        "--resolve",
        &s.resolve,
        "--json",
    ]);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    c.env(
        "MAILCONF_CONFIG_DIR",
        std::env::temp_dir().join("mailconf-no-config"),
    );
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert_eq!(out.status.code(), Some(0), "{stderr}\n{v:#}");
    let endpoints = v["endpoints"].as_array().unwrap();
    assert!(
        endpoints
            .iter()
            .all(|e| e["endpoint"]["host"] == s.host.as_str()),
        "{v:#}"
    );
    for (p, port) in [("pop3", 995), ("imap", 993), ("smtp", 465)] {
        assert_eq!(endpoint(&v, p, port, "tls")["verdict"]["kind"], "secure");
    }
}
