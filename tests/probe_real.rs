//! The probe against the real Dovecot and Postfix of tests/harness/: all eight ways
//! in, with what each server really does (Dovecot refuses USER before STLS, Postfix
//! offers AUTH on 587 only after STARTTLS and never on 25), the certificate
//! verdicts, and the recommendation.

use crate::servers::Servers;
use mailconf::check::{CheckEvent, CheckHandle, CheckOptions, CheckRequest};
use mailconf::discover::{DiscoverOptions, PortMap, SourceKind};
use mailconf::probe::tls::load_pem_certs;
use mailconf::probe::{ProbeHandle, ProbeOptions, ProbeRequest, Security};
use mailconf::providers::{Address, Database};
use serde_json::Value;
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

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
    assert_eq!(v["source"], serde_json::json!({"kind": "host"}));

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
        serde_json::json!(["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"])
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
    // No --resolve: the probe itself must resolve through --dns too.
    c.args([
        "probe",
        &address,
        "--dns",
        &dns_addr,
        "--ca-file",
        &ca,
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
    // Every standard way in of the guessed host is in the table, plaintext included.
    assert_eq!(endpoints.len(), 8, "{v:#}");
    assert_eq!(
        endpoint(&v, "pop3", 110, "plain")["verdict"]["kind"],
        "insecure-plaintext-only"
    );
}

#[test]
fn discover_guesses_the_real_servers_and_checks_them_with_the_probe() {
    let s = Servers::get();
    let dns = crate::discover::harness::Dnsmasq::start_with(&format!(
        "local=/mailconf/\nhost-record={},{}\n",
        s.host, s.addr
    ));
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args([
        "discover",
        &format!("alice@{}", s.domain),
        "--json",
        "--no-ispdb",
    ])
    .arg("--dns")
    .arg(dns.addr().to_string())
    .arg("--ca-file")
    .arg(&s.ca)
    .env(
        "MAILCONF_CONFIG_DIR",
        std::env::temp_dir().join("mailconf-no-config"),
    );
    if !s.port_map.is_empty() {
        for pair in s.port_map.split(',') {
            c.args(["--port-map", pair]);
        }
    }
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert_eq!(out.status.code(), Some(0), "{stderr}\n{v:#}");
    assert_eq!(v["best"]["source"], "guess");
    let all: Vec<&Value> = v["best"]["incoming"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["best"]["outgoing"].as_array().unwrap())
        .collect();
    // pop 995 + 110, imap 993 + 143, smtp 465 + 587 on mail.test.mailconf.
    assert_eq!(all.len(), 6, "{v:#}");
    for c in all {
        assert_eq!(c["server"]["host"], s.host.as_str());
        assert_eq!(c["verified"]["ok"], true, "{c:#}");
        let detail = c["verified"]["detail"].as_str().unwrap();
        assert!(detail.contains("certificate trusted"), "{detail}");
    }
}

#[test]
fn without_dns_for_the_probe_the_guessed_host_does_not_resolve() {
    // The counterpart of the test above: the same probe with --dns pointing at a
    // server that does not know the host finds nothing, so that test's success
    // really comes from --dns.
    let s = Servers::get();
    let dns = crate::discover::harness::Dnsmasq::start_with("local=/mailconf/\n");
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args(["probe", &format!("alice@{}", s.domain), "--dns"])
        .arg(dns.addr().to_string())
        .env(
            "MAILCONF_CONFIG_DIR",
            std::env::temp_dir().join("mailconf-no-config"),
        );
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Nothing found is a negative answer (1), not a usage error (2).
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("nothing found for test.mailconf"),
        "{stderr}"
    );
}

/// A loopback TCP relay to `upstream` that counts the connections it accepts.
pub(crate) fn counting_relay(upstream: std::net::SocketAddr) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            let Ok(server) = TcpStream::connect_timeout(&upstream, Duration::from_secs(5)) else {
                continue;
            };
            let pump = |mut from: TcpStream, mut to: TcpStream| {
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from, &mut to);
                    let _ = to.shutdown(std::net::Shutdown::Write);
                })
            };
            pump(client.try_clone().unwrap(), server.try_clone().unwrap());
            pump(server, client);
        }
    });
    (port, count)
}

#[test]
fn discovery_checks_are_reused_by_the_probe_that_follows() {
    let s = Servers::get();
    let ip: std::net::IpAddr = s.addr.parse().unwrap();
    // Every standard port through a counting relay on 127.0.0.1.
    let mut port_map = std::collections::BTreeMap::new();
    let mut counts = Vec::new();
    for port in [995u16, 110, 993, 143, 465, 587, 25] {
        let (relay, count) = counting_relay(std::net::SocketAddr::new(ip, s.port(port)));
        port_map.insert(port, relay);
        counts.push((port, count));
    }
    let seen = || -> Vec<(u16, usize)> {
        counts
            .iter()
            .map(|(p, c)| (*p, c.load(Ordering::SeqCst)))
            .collect()
    };
    let dns = crate::discover::harness::Dnsmasq::start_with(&format!(
        "local=/mailconf/\nhost-record={},127.0.0.1\n",
        s.host
    ));
    let roots = load_pem_certs(&s.ca).unwrap();
    let options = ProbeOptions {
        port_map: port_map.clone(),
        extra_roots: roots.clone(),
        ..ProbeOptions::default()
    };
    let discover_options = DiscoverOptions {
        timeout: Duration::from_secs(20),
        ispdb_url: None,
        extra_roots: roots,
        port_map: PortMap(port_map),
        ..DiscoverOptions::default()
    };
    let address = Address::parse(&format!("alice@{}", s.domain)).unwrap();
    let empty = tempfile::tempdir().unwrap();
    let db = Arc::new(Database::load(Some(empty.path())));
    // One check, as `mailconf probe ADDRESS` and the app's Test connection run it.
    let (mut check, check_events) = CheckHandle::new(
        db.clone(),
        CheckOptions {
            probe: options.clone(),
            discover: discover_options,
            dns: Some(dns.addr()),
            discovery: true,
        },
    )
    .unwrap();
    check
        .start(CheckRequest {
            input: address.canonical(),
            ..CheckRequest::default()
        })
        .unwrap();
    let mut discovery = None;
    let summary = loop {
        match check_events.recv() {
            Some(CheckEvent::Discovered { discovery: d, .. }) => discovery = Some(d),
            Some(CheckEvent::Finished { summary, .. }) => break summary,
            Some(CheckEvent::Failed { error, .. }) => panic!("{error}"),
            Some(_) => {}
            None => panic!("no answer"),
        }
    };
    let discovery = discovery.expect("the check discovered");
    let best = discovery
        .best
        .clone()
        .unwrap_or_else(|| panic!("{discovery:#?}"));
    assert_eq!(best.source, SourceKind::Guess, "{discovery:#?}");
    // The guessed servers were checked by the probe engine: secure, with its verdict text.
    let pop = best
        .incoming
        .iter()
        .find(|c| c.server.port == 995)
        .unwrap_or_else(|| panic!("{best:#?}"));
    let v = pop.verified.as_ref().unwrap();
    assert!(
        v.ok && v.detail.to_string().contains("certificate trusted"),
        "{v:?}"
    );

    let reused = &summary.endpoints;
    assert_eq!(reused.len(), 8, "{reused:#?}");
    assert!(reused.iter().all(|r| r.endpoint.host == s.host));
    for r in reused {
        if r.endpoint.security != Security::Plain {
            assert!(r.verdict.is_secure(), "{}: {:?}", r.endpoint, r.verdict);
        }
    }
    // Each way in was connected to once, by discovery's checks or alongside them
    // (POP3 110 twice: STLS and plaintext).
    let once: Vec<(u16, usize)> = [995, 110, 993, 143, 465, 587, 25]
        .into_iter()
        .map(|p| (p, if p == 110 { 2 } else { 1 }))
        .collect();
    assert_eq!(seen(), once);
    let endpoints: Vec<_> = reused.iter().map(|r| r.endpoint.clone()).collect();
    let (mut handle, events) = ProbeHandle::new().unwrap();

    // Without the cache the same probe connects to every way in again: the
    // counts above are sensitive to reuse.
    let mut options = options;
    options
        .resolve
        .insert(s.host.clone(), vec!["127.0.0.1".parse().unwrap()]);
    let fresh = crate::servers::collect(
        &mut handle,
        &events,
        ProbeRequest {
            endpoints,
            options,
            login: None,
            reuse: None,
        },
    );
    assert_eq!(fresh.len(), 8);
    let twice: Vec<(u16, usize)> = once.iter().map(|(p, n)| (*p, n * 2)).collect();
    assert_eq!(seen(), twice);
}

// ----------------------------------------------- discovery cases, probed for real

/// `mailconf probe ADDRESS --dns <dnsmasq serving zone> --ca-file CA [extra]`
/// with the provider files in `config` (none when `None`), once as JSON and
/// once as the table. Returns the exit code, the JSON and the table run's stderr
/// (where it says what discovery found).
fn probe_discovered(
    s: &Servers,
    zone: &str,
    address: &str,
    ca: &std::path::Path,
    config: Option<&std::path::Path>,
    extra: &[String],
) -> (i32, Value, String) {
    let dns = crate::discover::harness::Dnsmasq::start_with(zone);
    let empty = std::env::temp_dir().join("mailconf-no-config");
    let run = |json: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
        c.args(["probe", address, "--dns"])
            .arg(dns.addr().to_string())
            .arg("--ca-file")
            .arg(ca)
            .args(extra)
            .env("MAILCONF_CONFIG_DIR", config.unwrap_or(&empty))
            .env("MAILCONF_LANG", "en");
        if !s.port_map.is_empty() {
            c.args(["--port-map", &s.port_map]);
        }
        if json {
            c.arg("--json");
        }
        c.output().unwrap()
    };
    let out = run(true);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let table = run(false);
    (
        out.status.code().unwrap_or(-1),
        v,
        String::from_utf8_lossy(&table.stderr).into_owned(),
    )
}

/// Every row is on the real test host and the secure ways in are secure.
fn assert_real_rows(s: &Servers, v: &Value) {
    let rows = v["endpoints"].as_array().unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(rows.len(), 8, "{v:#}");
    assert!(
        rows.iter()
            .all(|e| e["endpoint"]["host"] == s.host.as_str()),
        "{v:#}"
    );
    for (p, port) in [("pop3", 995), ("imap", 993), ("smtp", 465)] {
        assert_eq!(
            endpoint(v, p, port, "tls")["verdict"]["kind"],
            "secure",
            "{v:#}"
        );
    }
    assert_eq!(v["exit_code"], 0);
}

#[test]
fn unknown_domain_hosted_by_a_provider_is_found_by_mx_and_probed() {
    let s = Servers::get();
    let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/probe/discovered");
    let zone = format!(
        "local=/test/\nlocal=/mailconf/\nmx-host=corp-mx.test,mx1.mx.test.mailconf,10\nhost-record={},{}\n",
        s.host, s.addr
    );
    let (code, v, stderr) =
        probe_discovered(&s, &zone, "boss@corp-mx.test", &s.ca, Some(&config), &[]);
    assert_eq!(code, 0, "{stderr}\n{v:#}");
    assert_real_rows(&s, &v);
    assert!(
        stderr.contains("discovery found: MX mx1.mx.test.mailconf → Test Hosted Mail"),
        "{stderr}"
    );
    assert_eq!(v["source"]["kind"], "discovered");
    assert_eq!(
        v["source"]["provenance"],
        "MX mx1.mx.test.mailconf → Test Hosted Mail"
    );
}

#[test]
fn unknown_domain_found_only_by_autoconfig_is_probed() {
    use crate::discover::AUTOCONFIG_PATH;
    use crate::discover::harness::{Reply, Services};
    let s = Servers::get();
    // The domain's own autoconfig document names the real test host.
    let xml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/discover/autoconfig-good.xml"),
    )
    .unwrap()
    .replace("{{ID}}", "ac-only.test")
    .replace("{{NAME}}", "AC Only Mail")
    .replace("{{HOSTS}}", "ac-only.test")
    .replace("pop.ac-only.test", &s.host)
    .replace("imap.ac-only.test", &s.host)
    .replace("smtp.ac-only.test", &s.host);
    let routes = std::collections::HashMap::from([(
        (
            "autoconfig.ac-only.test".to_owned(),
            AUTOCONFIG_PATH.to_owned(),
        ),
        Reply::Xml(xml),
    )]);
    let web = Services::start(routes, Default::default());
    // One CA file with both test CAs: the web server's and the mail servers'.
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("both.pem");
    std::fs::write(
        &ca,
        format!(
            "{}\n{}",
            web.ca.ca_pem,
            std::fs::read_to_string(&s.ca).unwrap()
        ),
    )
    .unwrap();
    let zone = format!(
        "local=/test/\nlocal=/mailconf/\nhost-record=autoconfig.ac-only.test,127.0.0.1\nhost-record={},{}\n",
        s.host, s.addr
    );
    let extra = vec!["--port-map".to_owned(), format!("443={}", web.https_port)];
    let (code, v, stderr) = probe_discovered(&s, &zone, "me@ac-only.test", &ca, None, &extra);
    assert_eq!(code, 0, "{stderr}\n{v:#}");
    assert_real_rows(&s, &v);
    assert!(
        stderr.contains("discovery found: autoconfig.ac-only.test"),
        "{stderr}"
    );
    assert_eq!(v["source"]["provenance"], "autoconfig.ac-only.test");
}

#[test]
fn unknown_domain_found_by_srv_is_probed_and_a_forged_record_is_not() {
    let s = Servers::get();
    // SRV records inside the domain point at the real host; one points outside
    // the domain and must be ignored (its target would not even resolve).
    let zone = format!(
        "local=/test/\nlocal=/mailconf/\nhost-record={host},{addr}\n\
         srv-host=_pop3s._tcp.{domain},{host},995,0,1\n\
         srv-host=_imaps._tcp.{domain},imap.attacker.test,993,0,1\n\
         srv-host=_submissions._tcp.{domain},{host},465,0,1\n",
        host = s.host,
        addr = s.addr,
        domain = s.domain
    );
    let (code, v, stderr) =
        probe_discovered(&s, &zone, &format!("alice@{}", s.domain), &s.ca, None, &[]);
    assert_eq!(code, 0, "{stderr}\n{v:#}");
    let rows = v["endpoints"].as_array().unwrap();
    assert!(
        rows.iter()
            .all(|e| e["endpoint"]["host"] == s.host.as_str()),
        "{v:#}"
    );
    assert!(
        !rows.iter().any(|e| e["endpoint"]["protocol"] == "imap"),
        "the forged IMAP record is not probed: {v:#}"
    );
    assert_eq!(
        endpoint(&v, "pop3", 995, "tls")["verdict"]["kind"],
        "secure"
    );
    assert_eq!(
        endpoint(&v, "smtp", 465, "tls")["verdict"]["kind"],
        "secure"
    );
    assert!(
        stderr.contains(&format!("discovery found: SRV records of {}", s.domain)),
        "{stderr}"
    );
}

#[test]
fn nothing_found_for_an_unknown_domain_is_a_clear_answer_in_time() {
    let s = Servers::get();
    let started = std::time::Instant::now();
    let (code, v, stderr) = probe_discovered(
        &s,
        "local=/test/\n",
        "me@nothing-here.test",
        &s.ca,
        None,
        &[],
    );
    // Two runs (JSON and table), each within discovery's 10 s deadline.
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "{:?}",
        started.elapsed()
    );
    // A negative answer (exit 1) with its explanation, and under --json the
    // document saying why (no endpoints, source nothing-found, advice).
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["exit_code"], 1, "{v:#}");
    assert_eq!(v["source"]["kind"], "nothing-found", "{v:#}");
    assert!(
        v["endpoints"].as_array().is_some_and(Vec::is_empty),
        "{v:#}"
    );
    assert!(!v["advice"].as_array().unwrap().is_empty(), "{v:#}");
    assert!(
        stderr.contains("nothing found for nothing-here.test"),
        "{stderr}"
    );
}
