//! Discovery plus probe for an unknown domain (the guessing path), against the
//! real local services, with added latency (not a timed test).
//!
//! The domain of the test mail servers (`test.mailconf`) is in no database; a
//! private dnsmasq knows only `mail.test.mailconf`, so MX, autoconfig,
//! `.well-known` and SRV find nothing and guessing finds the real Dovecot and
//! Postfix. Every mail port goes through a relay adding `MAILCONF_BENCH_DELAY_MS`
//! (default 25 ms) each way, and every DNS answer is delayed by one round trip.
//!
//! ```sh
//! eval "$(tests/harness/mailservers.sh start)"
//! cargo bench --bench discover
//! MAILCONF_BENCH_DELAY_MS=50 cargo bench --bench discover
//! ```
//!
//! Reported, best of 5 rounds each: every discovery source alone, the slowest
//! of them, and discovery plus the full 8-endpoint probe as `mailconf probe
//! ADDRESS` does it (guessed servers checked by the probe engine and reused).
//! Target (issue 5): discovery plus probe ≤ 1.3 × the slowest single source.
//! For comparison: the same with the banner-only check and a second round of
//! connections (how it worked before the reuse), and the probe alone.

#[path = "common/relay.rs"]
mod relay;

#[allow(dead_code)]
#[path = "../tests/discover/harness.rs"]
mod harness;

#[allow(dead_code)]
#[path = "../tests/discover/banner.rs"]
mod banner;

use mailconf::check::lookup::DnsResolve;
use mailconf::check::{CheckEvent, CheckHandle, CheckOptions, CheckRequest, plan};
use mailconf::discover::{DiscoverOptions, Discovery, Network, PortMap, SourceKind};
use mailconf::dns::{BoxFuture, DnsError, DnsOptions, Mx, Resolver, Srv, resolver_for};
use mailconf::probe::{
    Endpoint, EndpointReport, ProbeEvent, ProbeEvents, ProbeHandle, ProbeOptions, ProbeRequest,
};
use mailconf::providers::{Address, Database};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

/// A resolver whose every answer takes one extra round trip.
#[derive(Debug)]
struct Delayed {
    inner: Arc<dyn Resolver>,
    rtt: Duration,
}

impl Resolver for Delayed {
    fn mx<'a>(
        &'a self,
        domain: &'a str,
        deadline: tokio::time::Instant,
    ) -> BoxFuture<'a, Result<Vec<Mx>, DnsError>> {
        Box::pin(async move {
            tokio::time::sleep(self.rtt).await;
            self.inner.mx(domain, deadline).await
        })
    }

    fn srv<'a>(
        &'a self,
        name: &'a str,
        deadline: tokio::time::Instant,
    ) -> BoxFuture<'a, Result<Vec<Srv>, DnsError>> {
        Box::pin(async move {
            tokio::time::sleep(self.rtt).await;
            self.inner.srv(name, deadline).await
        })
    }

    fn ips<'a>(
        &'a self,
        host: &'a str,
        deadline: tokio::time::Instant,
    ) -> BoxFuture<'a, Result<Vec<IpAddr>, DnsError>> {
        Box::pin(async move {
            tokio::time::sleep(self.rtt).await;
            self.inner.ips(host, deadline).await
        })
    }

    fn describe(&self) -> String {
        format!("{} (+{} ms)", self.inner.describe(), self.rtt.as_millis())
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

struct Bench {
    rt: tokio::runtime::Runtime,
    dns: SocketAddr,
    rtt: Duration,
    address: Address,
    db: Arc<Database>,
    discover: DiscoverOptions,
    probe: ProbeOptions,
}

impl Bench {
    /// A fresh resolver (empty cache) with the delay.
    fn resolver(&self) -> Arc<dyn Resolver> {
        let _rt = self.rt.enter();
        let inner = resolver_for(Some(self.dns), DnsOptions::default()).unwrap();
        Arc::new(Delayed {
            inner,
            rtt: self.rtt,
        })
    }

    fn probe(
        &self,
        handle: &mut ProbeHandle,
        events: &ProbeEvents,
        endpoints: Vec<Endpoint>,
    ) -> Vec<EndpointReport> {
        let n = endpoints.len();
        handle
            .start(ProbeRequest {
                endpoints,
                options: self.probe.clone(),
                login: None,
                reuse: None,
            })
            .unwrap();
        let mut out: Vec<Option<EndpointReport>> = vec![None; n];
        while let Some(e) = events.recv() {
            match e {
                ProbeEvent::EndpointDone { index, report, .. } => out[index] = Some(*report),
                ProbeEvent::Finished { .. } => break,
                ProbeEvent::Started { .. } => {}
            }
        }
        out.into_iter().map(Option::unwrap).collect()
    }

    fn endpoints(&self, d: &Discovery) -> Vec<Endpoint> {
        let db = Database::bundled();
        let input = self.address.canonical();
        let typed = plan::classify(db, &input).unwrap();
        plan::plan(&input, &typed, &[], db, Some(d))
            .unwrap()
            .endpoints
    }

    /// A check handle on the bench's runtime with the delayed DNS.
    fn handle(&self, discover: DiscoverOptions) -> (CheckHandle, mailconf::check::CheckEvents) {
        CheckHandle::with_resolver(
            self.rt.handle().clone(),
            self.db.clone(),
            CheckOptions {
                probe: self.probe.clone(),
                discover,
                dns: None,
                discovery: true,
            },
            self.resolver(),
        )
    }

    /// One source alone (plus the database, which answers at once).
    fn alone(&self, kind: SourceKind) -> Duration {
        let (mut handle, events) = self.handle(DiscoverOptions {
            sources: Some(vec![SourceKind::Database, kind]),
            ..self.discover.clone()
        });
        let t = Instant::now();
        handle.discover(&self.address);
        let d = loop {
            if let Some(CheckEvent::LookedUp { discovery, .. }) = events.recv() {
                break discovery;
            }
        };
        let wall = t.elapsed();
        assert_eq!(d.sources.len(), 2, "{d:#?}");
        wall
    }

    /// What `mailconf probe ADDRESS` does: a check, whose discovery has the
    /// probe engine checking guesses, then the 8-endpoint probe reusing those reports.
    fn discover_and_probe(&self) -> Duration {
        let (mut handle, events) = self.handle(self.discover.clone());
        let t = Instant::now();
        handle
            .start(CheckRequest {
                input: self.address.canonical(),
                ..CheckRequest::default()
            })
            .unwrap();
        let mut discovery = None;
        let summary = loop {
            match events.recv() {
                Some(CheckEvent::Discovered { discovery: d, .. }) => discovery = Some(d),
                Some(CheckEvent::Finished { summary, .. }) => break summary,
                Some(CheckEvent::Failed { error, .. }) => panic!("{error}"),
                Some(_) => {}
                None => panic!("no answer"),
            }
        };
        let wall = t.elapsed();
        check(&discovery.expect("discovered"), &summary.endpoints);
        wall
    }

    /// The same without reuse: banner-only checks, then every endpoint again.
    fn without_reuse(&self) -> Duration {
        let (mut handle, events) = ProbeHandle::with_runtime(self.rt.handle().clone());
        let resolver = self.resolver();
        handle.set_resolver(Arc::new(DnsResolve(resolver.clone())));
        let t = Instant::now();
        let tls = mailconf::discover::tls::client_config(&self.discover.extra_roots).unwrap();
        let verifier =
            banner::BannerVerifier::new(resolver.clone(), self.discover.port_map.clone(), tls);
        let network = Network::new(resolver, Arc::new(verifier));
        let d = self
            .rt
            .block_on(mailconf::discover::discover(
                &self.address,
                self.db.clone(),
                Some(network),
                &self.discover,
            ))
            .unwrap();
        let endpoints = self.endpoints(&d);
        let reports = self.probe(&mut handle, &events, endpoints);
        let wall = t.elapsed();
        check(&d, &reports);
        wall
    }

    /// The 8-endpoint probe of the host alone (its name resolved through the
    /// delayed DNS), no discovery.
    fn probe_alone(&self, host: &str) -> Duration {
        let (mut handle, events) = ProbeHandle::with_runtime(self.rt.handle().clone());
        handle.set_resolver(Arc::new(DnsResolve(self.resolver())));
        let t = Instant::now();
        let reports = self.probe(&mut handle, &events, plan::every_way_in(host, &[]));
        let wall = t.elapsed();
        assert!(reports.iter().any(|r| r.verdict.is_secure()));
        wall
    }
}

fn check(d: &Discovery, reports: &[EndpointReport]) {
    let best = d.best.as_ref().unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(best.source, SourceKind::Guess);
    assert_eq!(reports.len(), 8, "{reports:?}");
    assert!(
        reports
            .iter()
            .filter(|r| r.endpoint.security != mailconf::providers::Security::Plain)
            .all(|r| r.verdict.is_secure()),
        "{reports:#?}"
    );
}

fn best_of(f: impl Fn() -> Duration) -> Duration {
    (0..ROUNDS).map(|_| f()).min().unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    // `cargo test --benches` runs benches in test mode with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (Some(addr), Some(host), Some(domain), Some(ca)) = (
        var("MAILCONF_TEST_ADDR"),
        var("MAILCONF_TEST_HOST"),
        var("MAILCONF_TEST_DOMAIN"),
        var("MAILCONF_TEST_CA"),
    ) else {
        eprintln!(
            "discover bench: needs the test mail servers; run\n  eval \"$(tests/harness/mailservers.sh start)\"\nfirst (tests/run starts and stops them for the tests)"
        );
        std::process::exit(2);
    };
    let delay = Duration::from_millis(
        var("MAILCONF_BENCH_DELAY_MS")
            .and_then(|v| v.parse().ok())
            .unwrap_or(25),
    );
    let server_ip: IpAddr = addr.parse().unwrap();
    let harness_ports: BTreeMap<u16, u16> = var("MAILCONF_TEST_PORTMAP")
        .map(|m| {
            m.split(',')
                .filter_map(|p| p.split_once('='))
                .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
                .collect()
        })
        .unwrap_or_default();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Every standard port behind a delaying relay on 127.0.0.1.
    let port_map: BTreeMap<u16, u16> = rt.block_on(async {
        let mut m = BTreeMap::new();
        for port in [995u16, 110, 993, 143, 465, 587, 25] {
            let real = harness_ports.get(&port).copied().unwrap_or(port);
            let r = relay::relay(SocketAddr::new(server_ip, real), delay).await;
            m.insert(port, r);
        }
        m
    });
    let dns =
        harness::Dnsmasq::start_with(&format!("local=/{domain}/\nhost-record={host},127.0.0.1\n"));
    let roots: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&ca)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let empty = tempfile::tempdir().unwrap();
    let bench = Bench {
        dns: dns.addr(),
        rtt: delay * 2,
        address: Address::parse(&format!("alice@{domain}")).unwrap(),
        db: Arc::new(Database::load(Some(empty.path()))),
        discover: DiscoverOptions {
            timeout: Duration::from_secs(20),
            ispdb_url: None,
            extra_roots: roots.clone(),
            port_map: PortMap(port_map.clone()),
            ..DiscoverOptions::default()
        },
        probe: ProbeOptions {
            port_map,
            extra_roots: roots,
            ..ProbeOptions::default()
        },
        rt,
    };

    println!(
        "discovery + probe of alice@{domain} (guessing path): {} ms added each way on every mail connection, DNS answers +{} ms; best of {ROUNDS} rounds",
        delay.as_millis(),
        bench.rtt.as_millis()
    );
    let mut slowest = (SourceKind::Database, Duration::ZERO);
    for kind in [
        SourceKind::Mx,
        SourceKind::Autoconfig,
        SourceKind::WellKnown,
        SourceKind::Srv,
        SourceKind::Guess,
    ] {
        let t = best_of(|| bench.alone(kind));
        println!("  source alone {:<12} {:>7.1} ms", kind.as_str(), ms(t));
        if t > slowest.1 {
            slowest = (kind, t);
        }
    }
    let full = best_of(|| bench.discover_and_probe());
    let old = best_of(|| bench.without_reuse());
    let probe = best_of(|| bench.probe_alone(&host));
    println!(
        "slowest single source ({}) {:>7.1} ms",
        slowest.0.as_str(),
        ms(slowest.1)
    );
    println!(
        "discovery + 8-endpoint probe {:>7.1} ms = {:.2} x slowest source (target <= 1.3)",
        ms(full),
        full.as_secs_f64() / slowest.1.as_secs_f64()
    );
    println!(
        "  for comparison: banner checks + probe without reuse {:>7.1} ms ({:.2} x); the 8-endpoint probe of the known host alone {:>7.1} ms",
        ms(old),
        old.as_secs_f64() / slowest.1.as_secs_f64(),
        ms(probe)
    );
}
