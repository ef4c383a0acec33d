//! Audit benchmark (not a timed test): `mailconf providers audit` of N synthetic
//! entries × 8 endpoints, all on the test host behind delaying relays, against
//! ⌈N·8 / concurrency⌉ × one endpoint's time, and the peak memory.
//!
//! ```sh
//! # the harness in its network namespace (standard ports on 198.18.0.2), under its lock:
//! flock /tmp/mailconf-harness.lock sh -c 'eval "$(tests/harness/mailservers.sh start)" &&
//!   MAILCONF_BENCH_ADDR=$MAILCONF_TEST_ADDR MAILCONF_BENCH_HOST=$MAILCONF_TEST_HOST \
//!   MAILCONF_BENCH_CA=$MAILCONF_TEST_CA \
//!   MAILCONF_BENCH_PORTS=995=995,110=110,993=993,143=143,465=465,587=587,25=25 \
//!   cargo bench --bench audit; tests/harness/mailservers.sh stop'
//! # loopback mode: MAILCONF_BENCH_PORTS=995=10995,110=10110,… and MAILCONF_BENCH_ADDR=127.0.0.2
//! # MAILCONF_BENCH_ENTRIES (200), MAILCONF_BENCH_CONCURRENCY (16), MAILCONF_BENCH_DELAY_MS (25)
//! ```
//!
//! Each entry lists the eight standard ways in on the test host, so the check
//! layer's plan for it is exactly those eight endpoints. Every endpoint of
//! every entry goes through the same relay for its port (the probe's port map
//! sends each standard port to a userspace relay adding the delay each way, as
//! the probe benchmark does), so each probe pays the latency of a distant
//! server. Expected: the wall time close to ⌈N·8/16⌉ × the mean
//! single-endpoint time (each way probed alone with the probe engine), because
//! the audit keeps exactly 16 probes in flight; and the peak memory growing
//! with N only by the report.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use mailconf::check::audit::{AuditOptions, EntryStatus, audit_blocking};
use mailconf::probe::{Endpoint, ProbeOptions, SystemResolver, TlsContext, probe_endpoint};
use mailconf::providers::{
    Auth, AuthKind, Database, IdnUsername, Localized, Origin, Protocol, Provider, Security, Server,
    ServerLogin, Source, SourceKind, Status, UsernameForm,
};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

#[path = "common/relay.rs"]
mod relay;
use relay::{relay, target_ip};

/// The eight standard ways in, as (protocol, standard port, security, login).
const WAYS: [(Protocol, u16, Security, Option<ServerLogin>); 8] = [
    (Protocol::Pop3, 995, Security::Tls, None),
    (Protocol::Pop3, 110, Security::Starttls, None),
    (
        Protocol::Pop3,
        110,
        Security::Plain,
        Some(ServerLogin::None),
    ),
    (Protocol::Imap, 993, Security::Tls, None),
    (Protocol::Imap, 143, Security::Starttls, None),
    (Protocol::Smtp, 465, Security::Tls, None),
    (Protocol::Smtp, 587, Security::Starttls, None),
    // Postfix on 25 is an MX: no login there.
    (
        Protocol::Smtp,
        25,
        Security::Starttls,
        Some(ServerLogin::None),
    ),
];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn server(way: usize, host: &str) -> Server {
    let (protocol, port, security, login) = WAYS[way];
    Server {
        protocol,
        host: host.to_owned(),
        port,
        security,
        username: UsernameForm::Address,
        note: (security == Security::Plain).then(|| Localized::same("legacy plaintext")),
        login,
    }
}

/// An entry listing every way in of [`WAYS`] on `host`.
fn provider(i: usize, host: &str) -> (String, Provider) {
    let rows: Vec<Server> = (0..WAYS.len()).map(|w| server(w, host)).collect();
    let (outgoing, incoming): (Vec<Server>, Vec<Server>) =
        rows.into_iter().partition(|s| s.protocol == Protocol::Smtp);
    let provider = Provider {
        schema: None,
        id: format!("bench{i:04}"),
        name: Localized::same(&format!("Bench {i}")),
        domains: vec![format!("bench{i}.test")],
        mx_suffixes: Vec::new(),
        status: Status::Active,
        incoming,
        outgoing,
        auth: Auth {
            kind: AuthKind::Password,
            create_url: None,
            notes: None,
        },
        hints: Vec::new(),
        help_urls: Vec::new(),
        quirks: Vec::new(),
        history: None,
        known_replies: Vec::new(),
        sources: vec![Source {
            about: "benchmark".into(),
            kind: SourceKind::GeneralKnowledge,
            url: None,
            checked: "2026-12".into(),
        }],
        origin: Origin::User,
        username_idn: IdnUsername::default(),
        oauth2: None,
    };
    (format!("bench{i:04}.json"), provider)
}

/// A database of `n` synthetic entries.
fn database(n: usize, host: &str) -> Database {
    let mut db = Database::default();
    db.extend((0..n).map(|i| provider(i, host)).collect());
    db
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo test --benches` runs benches in test mode with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (Ok(ports), Ok(ca)) = (
        std::env::var("MAILCONF_BENCH_PORTS"),
        std::env::var("MAILCONF_BENCH_CA"),
    ) else {
        eprintln!(
            "the audit benchmark needs the test mail servers: see the command at the top of benches/audit.rs"
        );
        std::process::exit(2);
    };
    let host = std::env::var("MAILCONF_BENCH_HOST").unwrap_or_else(|_| "mail.test".into());
    let entries: usize = env_or("MAILCONF_BENCH_ENTRIES", 200);
    let concurrency: usize = env_or("MAILCONF_BENCH_CONCURRENCY", 16);
    let delay = Duration::from_millis(env_or("MAILCONF_BENCH_DELAY_MS", 25));
    let real: BTreeMap<u16, u16> = ports
        .split(',')
        .filter_map(|pair| pair.split_once('='))
        .filter_map(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
        .collect();
    let roots: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&ca)
        .expect("MAILCONF_BENCH_CA is a PEM file")
        .collect::<Result<_, _>>()
        .expect("MAILCONF_BENCH_CA holds certificates");

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("relay runtime");
    // One relay per standard port, on loopback, forwarding to the real port;
    // the probe's port map sends each standard port to its relay.
    let port_map: BTreeMap<u16, u16> = rt.block_on(async {
        let mut m = BTreeMap::new();
        for (_, port, _, _) in WAYS {
            if let std::collections::btree_map::Entry::Vacant(slot) = m.entry(port) {
                let to = SocketAddr::new(target_ip(), real[&port]);
                slot.insert(relay(to, delay).await);
            }
        }
        m
    });
    let options = AuditOptions {
        probe: ProbeOptions {
            resolve: BTreeMap::from([(host.clone(), vec![IpAddr::V4(Ipv4Addr::LOCALHOST)])]),
            extra_roots: roots,
            port_map,
            ..ProbeOptions::default()
        },
        concurrency,
        ..AuditOptions::default()
    };
    let run = |db: &Database| {
        let t = Instant::now();
        let report = audit_blocking(db, &db.entries(), &options, |_| {}).expect("audit runs");
        (t.elapsed(), report)
    };

    println!(
        "one-way delay {} ms, {} entries x 8 endpoints, concurrency {concurrency}",
        delay.as_millis(),
        entries
    );
    // One endpoint alone, each way, with the probe engine itself; best of 3.
    let tls = TlsContext::with_roots(&options.probe.extra_roots, options.probe.os_roots)
        .expect("trust anchors");
    let mut singles = Vec::new();
    for (protocol, port, security, _) in WAYS {
        let endpoint = Endpoint::new(protocol, &host, port, security);
        let best = (0..3)
            .map(|_| {
                let t = Instant::now();
                rt.block_on(probe_endpoint(
                    &endpoint,
                    &options.probe,
                    &tls,
                    &SystemResolver,
                ));
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        println!(
            "  alone {:<5} {:>3} {:<8} {:>7.1} ms",
            protocol.label(),
            port,
            security.as_str(),
            best.as_secs_f64() * 1e3
        );
        singles.push(best);
    }
    let mean = singles.iter().sum::<Duration>() / singles.len() as u32;
    let slowest = singles.iter().max().copied().unwrap_or_default();

    let before = peak_rss_kib();
    let small = database(entries / 4, &host);
    let (small_wall, small_report) = run(&small);
    drop(small);
    let after_small = peak_rss_kib();
    let db = database(entries, &host);
    let (wall, report) = run(&db);
    let after = peak_rss_kib();
    let ok = report
        .entries
        .iter()
        .filter(|e| e.status == EntryStatus::Ok)
        .count();
    assert_eq!(
        ok,
        entries,
        "every synthetic entry must be ok: {:#?}",
        report.entries.iter().find(|e| e.status != EntryStatus::Ok)
    );
    assert_eq!(small_report.summary.ok, entries / 4);
    assert_eq!(
        report.summary.endpoints,
        entries * 8,
        "8 planned endpoints per entry"
    );
    let rounds = (entries * 8).div_ceil(concurrency);
    let ideal = mean * rounds as u32;
    println!(
        "single endpoint: mean {:.1} ms, slowest {:.1} ms",
        mean.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3
    );
    println!(
        "{} entries: whole audit {:.2} s = {:.2} x ceil({}*8/{concurrency}) x mean endpoint ({rounds} x {:.1} ms = {:.2} s)",
        entries,
        wall.as_secs_f64(),
        wall.as_secs_f64() / ideal.as_secs_f64(),
        entries,
        mean.as_secs_f64() * 1e3,
        ideal.as_secs_f64()
    );
    println!(
        "{} entries: whole audit {:.2} s ({} endpoints)",
        entries / 4,
        small_wall.as_secs_f64(),
        small_report.summary.endpoints
    );
    if let (Some(b), Some(s), Some(a)) = (before, after_small, after) {
        println!(
            "peak RSS: {b} KiB before, {s} KiB after {} entries, {a} KiB after {} entries",
            entries / 4,
            entries
        );
    }
    println!(
        "report size: {} bytes of JSON for {} entries",
        serde_json::to_string(&report).map(|s| s.len()).unwrap_or(0),
        entries
    );
}
