//! Probe latency benchmark (not a timed test): the wall time of a full
//! 8-endpoint probe next to the slowest endpoint probed alone, with latency
//! added by a userspace relay, and the effect of one dropped port.
//!
//! ```sh
//! cargo bench --bench probe                      # in-process servers, 25 ms one-way delay
//! MAILCONF_BENCH_DELAY_MS=50 cargo bench --bench probe
//! # against real servers (e.g. the Dovecot/Postfix harness) listening on 127.0.0.1:
//! MAILCONF_BENCH_PORTS=995=10995,110=10110,993=10993,143=10143,465=10465,587=10587,25=10025 \
//!   MAILCONF_BENCH_CA=/path/ca.pem MAILCONF_BENCH_HOST=mail.test cargo bench --bench probe
//! # the harness in its network namespace (standard ports on 198.18.0.2):
//! eval "$(tests/harness/mailservers.sh start)"
//! MAILCONF_BENCH_ADDR=$MAILCONF_TEST_ADDR MAILCONF_BENCH_HOST=$MAILCONF_TEST_HOST \
//!   MAILCONF_BENCH_CA=$MAILCONF_TEST_CA \
//!   MAILCONF_BENCH_PORTS=995=995,110=110,993=993,143=143,465=465,587=587,25=25 cargo bench --bench probe
//! ```
//!
//! Targets (issue 3): whole probe ≤ 1.2 × slowest single endpoint; with one
//! port dropped, every other endpoint's result no later than without the drop,
//! and the whole probe ends at the connect deadline.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailconf::probe::{
    Endpoint, ProbeEvent, ProbeHandle, ProbeOptions, ProbeRequest, Protocol, Security, Verdict,
};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

#[path = "common/relay.rs"]
mod relay;
use relay::{relay, target_ip};

const HOST: &str = "mail.test";

fn pki() -> (CertificateDer<'static>, TlsAcceptor) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "bench CA");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let mut leaf = CertificateParams::new(vec![HOST.to_owned()]).unwrap();
    leaf.distinguished_name.push(DnType::CommonName, HOST);
    let key = KeyPair::generate().unwrap();
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![cert.der().clone(), ca_cert.der().clone()],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    )
    .unwrap();
    (ca_cert.der().clone(), TlsAcceptor::from(Arc::new(cfg)))
}

trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> Io for T {}

async fn line(s: &mut (dyn Io + '_)) -> Option<String> {
    let mut out = Vec::new();
    loop {
        let mut b = [0u8; 1];
        if s.read(&mut b).await.ok()? == 0 {
            return None;
        }
        if b[0] == b'\n' {
            return Some(String::from_utf8_lossy(&out).trim_end().to_owned());
        }
        out.push(b[0]);
    }
}

fn greeting(protocol: Protocol) -> &'static [u8] {
    match protocol {
        Protocol::Pop3 => b"+OK ready\r\n",
        Protocol::Smtp => b"220 mail.test ESMTP\r\n",
        Protocol::Imap => b"* OK ready\r\n",
    }
}

/// An implicit-TLS server.
async fn implicit_server(protocol: Protocol, acc: TlsAcceptor) -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = l.accept().await {
            let _ = tcp.set_nodelay(true);
            let acc = acc.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acc.accept(tcp).await else {
                    return;
                };
                if tls.write_all(greeting(protocol)).await.is_ok() {
                    serve_tls(Box::new(tls), protocol).await;
                }
            });
        }
    });
    port
}

/// A STARTTLS server: plaintext greeting and capabilities, upgrade, then serve over TLS.
async fn starttls_server(protocol: Protocol, acc: TlsAcceptor) -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut tcp, _)) = l.accept().await {
            let _ = tcp.set_nodelay(true);
            let acc = acc.clone();
            tokio::spawn(async move {
                if tcp.write_all(greeting(protocol)).await.is_err() {
                    return;
                }
                while let Some(cmd) = line(&mut tcp).await {
                    let upper = cmd.to_ascii_uppercase();
                    let tag = cmd.split(' ').next().unwrap_or("");
                    let (reply, upgrade) = match protocol {
                        Protocol::Pop3 if upper == "QUIT" => ("+OK bye\r\n".to_owned(), false),
                        Protocol::Smtp if upper == "QUIT" => ("221 bye\r\n".to_owned(), false),
                        Protocol::Imap if upper.ends_with(" LOGOUT") => {
                            (format!("* BYE\r\n{tag} OK\r\n"), false)
                        }
                        Protocol::Pop3 if upper == "CAPA" => {
                            ("+OK\r\nSTLS\r\n.\r\n".to_owned(), false)
                        }
                        Protocol::Pop3 if upper == "STLS" => ("+OK go\r\n".to_owned(), true),
                        Protocol::Smtp if upper.starts_with("EHLO") => {
                            ("250-mail.test\r\n250 STARTTLS\r\n".to_owned(), false)
                        }
                        Protocol::Smtp if upper == "STARTTLS" => ("220 go\r\n".to_owned(), true),
                        Protocol::Imap if upper.ends_with(" CAPABILITY") => (
                            format!("* CAPABILITY IMAP4rev1 STARTTLS\r\n{tag} OK\r\n"),
                            false,
                        ),
                        Protocol::Imap if upper.ends_with(" STARTTLS") => {
                            (format!("{tag} OK go\r\n"), true)
                        }
                        _ => ("-ERR\r\n".to_owned(), false),
                    };
                    if tcp.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                    if upgrade {
                        let Ok(tls) = acc.accept(tcp).await else {
                            return;
                        };
                        serve_tls(Box::new(tls), protocol).await;
                        return;
                    }
                }
            });
        }
    });
    port
}

async fn serve_tls(mut s: Box<dyn Io>, protocol: Protocol) {
    while let Some(cmd) = line(&mut *s).await {
        let upper = cmd.to_ascii_uppercase();
        let tag = cmd.split(' ').next().unwrap_or("");
        let (reply, quit) = match protocol {
            Protocol::Pop3 if upper == "CAPA" => {
                ("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n".to_owned(), false)
            }
            Protocol::Pop3 => ("+OK bye\r\n".to_owned(), true),
            Protocol::Smtp if upper.starts_with("EHLO") => {
                ("250-mail.test\r\n250 AUTH PLAIN\r\n".to_owned(), false)
            }
            Protocol::Smtp => ("221 bye\r\n".to_owned(), true),
            Protocol::Imap if upper.ends_with(" CAPABILITY") => (
                format!("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK\r\n"),
                false,
            ),
            Protocol::Imap => (format!("* BYE\r\n{tag} OK\r\n"), true),
        };
        if s.write_all(reply.as_bytes()).await.is_err() || quit {
            return;
        }
    }
}

/// A listener whose full accept queue drops SYNs (a filtered port).
async fn black_hole() -> (tokio::net::TcpListener, u16, Vec<TcpStream>) {
    let sock = tokio::net::TcpSocket::new_v4().unwrap();
    sock.bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0))
        .unwrap();
    let l = sock.listen(1).unwrap();
    let port = l.local_addr().unwrap().port();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match tokio::time::timeout(
            Duration::from_millis(300),
            TcpStream::connect((Ipv4Addr::LOCALHOST, port)),
        )
        .await
        {
            Ok(Ok(s)) => fillers.push(s),
            _ => break,
        }
    }
    (l, port, fillers)
}

/// Runs one probe; returns the wall time and each endpoint's arrival time.
fn run(
    handle: &mut ProbeHandle,
    events: &mailconf::probe::ProbeEvents,
    endpoints: Vec<Endpoint>,
    options: &ProbeOptions,
) -> (Duration, Vec<(Endpoint, Duration, Verdict)>) {
    let t = Instant::now();
    handle
        .start(ProbeRequest {
            endpoints,
            options: options.clone(),
            login: None,
            reuse: None,
        })
        .unwrap();
    let mut arrivals = Vec::new();
    while let Some(e) = events.recv() {
        match e {
            ProbeEvent::EndpointDone { report, .. } => {
                arrivals.push((report.endpoint.clone(), t.elapsed(), report.verdict))
            }
            ProbeEvent::Finished { .. } => break,
            ProbeEvent::Started { .. } => {}
        }
    }
    (t.elapsed(), arrivals)
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
    let delay = Duration::from_millis(
        std::env::var("MAILCONF_BENCH_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(25),
    );
    let rounds = 5;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let host = std::env::var("MAILCONF_BENCH_HOST").unwrap_or_else(|_| HOST.to_owned());
    let endpoints = mailconf::check::plan::every_way_in(&host, &[]);

    // Real ports: given (real servers), or in-process servers.
    let (extra_roots, real_ports): (Vec<CertificateDer<'static>>, BTreeMap<(u16, Security), u16>) =
        match std::env::var("MAILCONF_BENCH_PORTS") {
            Ok(map) => {
                let ca = std::env::var("MAILCONF_BENCH_CA")
                    .expect("MAILCONF_BENCH_CA with MAILCONF_BENCH_PORTS");
                let roots = CertificateDer::pem_file_iter(&ca)
                    .unwrap()
                    .collect::<Result<Vec<_>, _>>()
                    .unwrap();
                let mut ports = BTreeMap::new();
                for pair in map.split(',') {
                    let (a, b) = pair.split_once('=').unwrap();
                    let (a, b): (u16, u16) = (a.parse().unwrap(), b.parse().unwrap());
                    for s in [Security::Tls, Security::Starttls, Security::Plain] {
                        ports.insert((a, s), b);
                    }
                }
                (roots, ports)
            }
            Err(_) => rt.block_on(async {
                let (ca, acc) = pki();
                let mut ports = BTreeMap::new();
                for e in &endpoints {
                    let p = match e.security {
                        Security::Tls => implicit_server(e.protocol, acc.clone()).await,
                        _ => starttls_server(e.protocol, acc.clone()).await,
                    };
                    ports.insert((e.port, e.security), p);
                }
                (vec![ca], ports)
            }),
        };
    // Every endpoint behind its own delaying relay; probed as explicit ports.
    let relayed: Vec<Endpoint> = rt.block_on(async {
        let mut v = Vec::new();
        for e in &endpoints {
            let p = relay(
                SocketAddr::new(target_ip(), real_ports[&(e.port, e.security)]),
                delay,
            )
            .await;
            v.push(Endpoint::new(e.protocol, &e.host, p, e.security));
        }
        v
    });
    let options = ProbeOptions {
        connect_timeout: Duration::from_secs(2),
        reply_timeout: Duration::from_secs(5),
        resolve: BTreeMap::from([(host.clone(), vec![IpAddr::V4(Ipv4Addr::LOCALHOST)])]),
        extra_roots,
        ..ProbeOptions::default()
    };
    let (mut handle, events) = ProbeHandle::with_runtime(rt.handle().clone());

    println!(
        "one-way delay {} ms, best of {rounds} rounds",
        delay.as_millis()
    );
    let mut slowest = Duration::ZERO;
    for (e, shown) in relayed.iter().zip(&endpoints) {
        let best = (0..rounds)
            .map(|_| run(&mut handle, &events, vec![e.clone()], &options).0)
            .min()
            .unwrap();
        println!(
            "  alone {:<28} {:>6.1} ms",
            shown.to_string(),
            best.as_secs_f64() * 1e3
        );
        slowest = slowest.max(best);
    }
    let mut full = Duration::MAX;
    let mut base_arrivals = Vec::new();
    for _ in 0..rounds {
        let (wall, arrivals) = run(&mut handle, &events, relayed.clone(), &options);
        assert!(
            arrivals.iter().all(|(_, _, v)| matches!(
                v,
                Verdict::Secure | Verdict::InsecurePlaintextOnly { .. }
            )),
            "{arrivals:?}"
        );
        if wall < full {
            full = wall;
            base_arrivals = arrivals;
        }
    }
    println!(
        "slowest single endpoint {:>7.1} ms",
        slowest.as_secs_f64() * 1e3
    );
    println!(
        "whole 8-endpoint probe  {:>7.1} ms  = {:.2} x slowest (target <= 1.2)",
        full.as_secs_f64() * 1e3,
        full.as_secs_f64() / slowest.as_secs_f64()
    );

    // One port dropped (SMTP 25 → a black hole): the others must not wait for it.
    let (_keep, hole, _fillers) = rt.block_on(black_hole());
    let mut dropped = relayed.clone();
    if let Some(e) = dropped
        .iter_mut()
        .zip(&endpoints)
        .find(|(_, s)| s.port == 25)
        .map(|(e, _)| e)
    {
        e.port = hole;
    }
    let (wall, arrivals) = run(&mut handle, &events, dropped, &options);
    println!(
        "with SMTP 25 dropped: whole probe {:.1} ms (connect deadline {} ms)",
        wall.as_secs_f64() * 1e3,
        options.connect_timeout.as_millis()
    );
    let mut worst_delta_ms: f64 = 0.0;
    for (e, at, v) in &arrivals {
        if let Some((_, base, _)) = base_arrivals
            .iter()
            .find(|(b, _, _)| b.port == e.port && b.security == e.security)
        {
            let delta = at.as_secs_f64() * 1e3 - base.as_secs_f64() * 1e3;
            worst_delta_ms = worst_delta_ms.max(delta);
            println!(
                "  {:<36} {:>7.1} ms (without drop {:>6.1} ms) {}",
                e.to_string(),
                at.as_secs_f64() * 1e3,
                base.as_secs_f64() * 1e3,
                v.name()
            );
        } else {
            println!(
                "  {:<36} {:>7.1} ms {}",
                e.to_string(),
                at.as_secs_f64() * 1e3,
                v.name()
            );
        }
    }
    println!("  worst lateness of another endpoint: {worst_delta_ms:.1} ms");
    if let Some(kib) = peak_rss_kib() {
        println!(
            "peak RSS of the benchmark process (servers, relays and probe): {:.1} MB",
            kib as f64 / 1024.0
        );
    }
    drop(handle);
}
