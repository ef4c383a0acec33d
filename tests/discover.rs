//! Discovery against real local services: dnsmasq serving MX, SRV and A records
//! on a loopback port, an HTTPS server with a test CA serving autoconfig
//! documents (good, malformed, huge, redirecting to HTTP), and mail listeners
//! for guessing. Every test passes its own DNS server and URLs; nothing falls
//! back to the system resolver or the real ISPDB. No assertion measures time:
//! the deadline cases assert what the result says.

pub(crate) mod banner;
pub(crate) mod harness;

use harness::{
    Dnsmasq, Reply, Routes, Services, autoconfig_xml, closed_port, hostile_xml, malformed_xml,
};
use mailconf::discover::{
    self, DiscoverOptions, Discovery, Network, Outcome, PortMap, SourceKind, SourceState,
};
use mailconf::dns::{DnsOptions, HickoryResolver, Resolver};
use mailconf::providers::{Address, Database, Protocol, Security, UsernameForm, load};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

const CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/discover/config");
pub(crate) const AUTOCONFIG_PATH: &str = "/mail/config-v1.1.xml";
const WELL_KNOWN_PATH: &str = "/.well-known/autoconfig/mail/config-v1.1.xml";
/// Mail ports the guessing source tries.
const MAIL_PORTS: [u16; 6] = [995, 110, 993, 143, 465, 587];

/// The test database: only the fixture providers (Google Workspace, Microsoft
/// 365, NetEase Qiye, Tencent Exmail, Alibaba Mail, a known provider), so the
/// tests do not depend on what the bundled database holds.
fn test_db() -> Arc<Database> {
    let (providers, errors) = load::read_user_dir(&Path::new(CONFIG).join("providers"));
    assert!(errors.is_empty(), "fixture providers invalid: {errors:?}");
    assert_eq!(providers.len(), 6);
    let mut db = Database::default();
    db.extend(providers);
    Arc::new(db)
}

/// The HTTPS routes and the plain-HTTP routes every test's web server has.
fn routes() -> (Routes, Routes) {
    let r = |h: &str, p: &str, reply: Reply| ((h.to_owned(), p.to_owned()), reply);
    let https = HashMap::from([
        r(
            "autoconfig.ac-only.test",
            AUTOCONFIG_PATH,
            Reply::Xml(autoconfig_xml(
                "ac-only.test",
                "AC Only Mail",
                "%EMAILDOMAIN%",
            )),
        ),
        r(
            "wk-only.test",
            WELL_KNOWN_PATH,
            Reply::Xml(autoconfig_xml(
                "wk-only.test",
                "Well-Known Mail",
                "wk-only.test",
            )),
        ),
        r(
            "ispdb.test",
            "/v1.1/ispdb-only.test",
            Reply::Xml(autoconfig_xml(
                "ispdb-only.test",
                "ISPDB Only",
                "ispdb-only.test",
            )),
        ),
        r(
            "ispdb.test",
            "/v1.1/hosting-co.test",
            Reply::Xml(autoconfig_xml(
                "hosting-co.test",
                "Hosting Co",
                "hosting-co.test",
            )),
        ),
        r(
            "autoconfig.malformed.test",
            AUTOCONFIG_PATH,
            Reply::Xml(malformed_xml()),
        ),
        r(
            "autoconfig.huge.test",
            AUTOCONFIG_PATH,
            Reply::HugeChunkedThenHang,
        ),
        r(
            "autoconfig.huge-len.test",
            AUTOCONFIG_PATH,
            Reply::HugeWithLength,
        ),
        r(
            "autoconfig.redirect.test",
            AUTOCONFIG_PATH,
            Reply::Redirect("http://autoconfig.redirect.test:{http}/mail/config-v1.1.xml".into()),
        ),
        r(
            "autoconfig.loop.test",
            AUTOCONFIG_PATH,
            Reply::Redirect("https://autoconfig.loop.test:{https}/mail/config-v1.1.xml".into()),
        ),
        r("autoconfig.slow.test", AUTOCONFIG_PATH, Reply::Hang),
        r(
            "autoconfig.multi.test",
            AUTOCONFIG_PATH,
            Reply::Xml(autoconfig_xml("multi.test", "Multi Mail", "multi.test")),
        ),
        r(
            "autoconfig.hostile.test",
            AUTOCONFIG_PATH,
            Reply::Xml(hostile_xml()),
        ),
        r(
            "autoconfig.known-provider.test",
            AUTOCONFIG_PATH,
            Reply::Hang,
        ),
        r(
            "autoconfig.xn--fsqu00a.test",
            AUTOCONFIG_PATH,
            Reply::Xml(autoconfig_xml("idn.test", "IDN Mail", "%EMAILDOMAIN%")),
        ),
    ]);
    let http = HashMap::from([
        r(
            "autoconfig.redirect.test",
            AUTOCONFIG_PATH,
            Reply::Xml(autoconfig_xml(
                "redirect.test",
                "Redirected Mail",
                "redirect.test",
            )),
        ),
        r(
            "autoconfig.plain.test",
            AUTOCONFIG_PATH,
            Reply::Xml(autoconfig_xml("plain.test", "Plain Mail", "plain.test")),
        ),
    ]);
    (https, http)
}

/// One test's services.
struct Env {
    dns: Dnsmasq,
    svc: Services,
    /// Every mail port maps to a port that accepts and closes.
    closer: u16,
}

impl Env {
    fn start() -> Env {
        let (https, http) = routes();
        let svc = Services::start(https, http);
        let closer = svc.closer();
        Env {
            dns: Dnsmasq::start(),
            svc,
            closer,
        }
    }

    fn opts(&self) -> DiscoverOptions {
        let mut map: PortMap = PortMap::default();
        map.0.insert(443, self.svc.https_port);
        map.0.insert(80, self.svc.http_port);
        for p in MAIL_PORTS {
            map.0.insert(p, self.closer);
        }
        DiscoverOptions {
            timeout: Duration::from_secs(20),
            ispdb_url: Some("https://ispdb.test/v1.1/".into()),
            extra_roots: vec![self.svc.ca.ca_der.clone()],
            port_map: map,
            ..DiscoverOptions::default()
        }
    }

    fn resolver(&self) -> Arc<dyn Resolver> {
        Arc::new(HickoryResolver::with_server(self.dns.addr(), DnsOptions::default()).unwrap())
    }

    async fn discover_with(&self, address: &str, opts: &DiscoverOptions) -> Discovery {
        let address = Address::parse(address).unwrap();
        let net = network(self.resolver(), opts);
        discover::discover(&address, test_db(), Some(net), opts)
            .await
            .unwrap()
    }

    async fn discover(&self, address: &str) -> Discovery {
        self.discover_with(address, &self.opts()).await
    }
}

/// Discovery over `resolver` with the small banner check of the tests
/// (`banner.rs`); the CLI and the app check guesses with the probe engine.
fn network(resolver: Arc<dyn Resolver>, opts: &DiscoverOptions) -> Network {
    let tls = mailconf::discover::tls::client_config(&opts.extra_roots).unwrap();
    let verifier = banner::BannerVerifier::new(resolver.clone(), opts.port_map.clone(), tls);
    Network::new(resolver, Arc::new(verifier))
}

fn state(d: &Discovery, k: SourceKind) -> SourceState {
    d.source(k)
        .unwrap_or_else(|| panic!("source {k:?} did not run: {d:#?}"))
        .state
}

fn detail(d: &Discovery, k: SourceKind) -> String {
    d.source(k)
        .and_then(|s| s.detail.as_ref().map(|d| d.to_string()))
        .unwrap_or_default()
}

fn hosts(d: &Discovery) -> Vec<String> {
    d.best
        .iter()
        .flat_map(|b| b.incoming.iter().chain(&b.outgoing))
        .map(|c| {
            format!(
                "{} {}:{}",
                c.server.protocol.as_str(),
                c.server.host,
                c.server.port
            )
        })
        .collect()
}

#[tokio::test]
async fn mx_of_hosted_domains_names_the_provider() {
    let env = Env::start();
    let cases = [
        (
            "boss@google-hosted.test",
            "google-workspace",
            "MX aspmx.l.google.com → Google Workspace",
        ),
        (
            "boss@tencent-hosted.test",
            "exmail",
            "MX mxbiz1.qq.com → Tencent Exmail",
        ),
        (
            "boss@netease-hosted.test",
            "netease-qiye",
            "MX qiye163mx01.mxmail.netease.com → NetEase Qiye Mail",
        ),
        (
            "boss@alibaba-hosted.test",
            "aliyun-qiye",
            "MX mxn.mxhichina.com → Alibaba Mail",
        ),
        (
            "boss@ms-hosted.test",
            "microsoft365",
            "MX ms-hosted-test.mail.protection.outlook.com → Microsoft 365",
        ),
    ];
    for (addr, id, provenance) in cases {
        let d = env.discover(addr).await;
        assert_eq!(d.outcome, Outcome::Found, "{addr}: {d:#?}");
        let best = d.best.as_ref().unwrap();
        assert_eq!(best.source, SourceKind::Mx, "{addr}");
        assert_eq!(best.provider.as_ref().unwrap().id, id, "{addr}");
        assert_eq!(best.provenance, provenance, "{addr}");
        assert!(!best.incoming.is_empty() && !best.outgoing.is_empty());
        assert!(best.incoming.iter().all(|c| c.provenance == provenance));
        assert_eq!(state(&d, SourceKind::Database), SourceState::Nothing);
        assert!(!d.mx.is_empty(), "{addr}: MX records are reported");
    }
}

#[tokio::test]
async fn unknown_mx_is_not_a_match() {
    let env = Env::start();
    let d = env.discover("a@unknown-mx.test").await;
    assert_eq!(state(&d, SourceKind::Mx), SourceState::Nothing);
    assert!(
        detail(&d, SourceKind::Mx).contains("mx.nobody-knows.test"),
        "{d:#?}"
    );
}

#[tokio::test]
async fn found_only_by_autoconfig() {
    let env = Env::start();
    let d = env.discover("alice@ac-only.test").await;
    assert_eq!(d.outcome, Outcome::Found, "{d:#?}");
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::Autoconfig);
    assert_eq!(best.provenance, "autoconfig.ac-only.test");
    // %EMAILDOMAIN% placeholders are expanded; username forms carried over.
    assert_eq!(
        hosts(&d),
        [
            "pop3 pop.ac-only.test:995",
            "imap imap.ac-only.test:993",
            "smtp smtp.ac-only.test:465"
        ]
    );
    assert_eq!(best.outgoing[0].server.username, UsernameForm::LocalPart);
    assert_eq!(best.incoming[0].server.security, Security::Tls);
    assert_eq!(best.provider.as_ref().unwrap().name.en, "AC Only Mail");
    // The address was sent as ?emailaddress=, over HTTPS, to autoconfig.<domain>.
    let seen = env.svc.seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|(scheme, host, path)| scheme == "https"
            && host.starts_with("autoconfig.ac-only.test")
            && path == "/mail/config-v1.1.xml?emailaddress=alice%40ac-only.test"),
        "{seen:?}"
    );
}

#[tokio::test]
async fn found_by_well_known_and_by_the_ispdb() {
    let env = Env::start();
    let d = env.discover("a@wk-only.test").await;
    assert_eq!(
        d.best.as_ref().map(|b| b.source),
        Some(SourceKind::WellKnown),
        "{d:#?}"
    );
    assert_eq!(
        d.best.as_ref().unwrap().provenance,
        "wk-only.test/.well-known/autoconfig"
    );

    let d = env.discover("a@ispdb-only.test").await;
    assert_eq!(
        d.best.as_ref().map(|b| b.source),
        Some(SourceKind::Ispdb),
        "{d:#?}"
    );
    assert_eq!(d.best.as_ref().unwrap().provenance, "ISPDB ispdb-only.test");

    // The ISPDB is also asked for the base domain of the MX host.
    let d = env.discover("a@mxbase.test").await;
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::IspdbMx, "{d:#?}");
    assert_eq!(
        best.provenance,
        "ISPDB hosting-co.test (MX mx1.hosting-co.test)"
    );
    assert_eq!(hosts(&d)[0], "pop3 pop.hosting-co.test:995");
}

#[tokio::test]
async fn malformed_autoconfig_is_reported_not_used() {
    let env = Env::start();
    let d = env.discover("a@malformed.test").await;
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert_eq!(state(&d, SourceKind::Autoconfig), SourceState::Failed);
    let why = detail(&d, SourceKind::Autoconfig);
    assert!(why.contains("not valid"), "{why}");
    assert!(why.contains("autoconfig.malformed.test"), "{why}");
}

#[tokio::test]
async fn huge_autoconfig_is_refused_at_the_cap() {
    let env = Env::start();
    // The chunked body passes 1 MiB and then never ends: only a cap enforced
    // while streaming answers at all (otherwise the deadline would).
    let d = env.discover("a@huge.test").await;
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert_eq!(state(&d, SourceKind::Autoconfig), SourceState::Failed);
    let why = detail(&d, SourceKind::Autoconfig);
    assert!(
        why.contains("larger than the 1048576-byte (1 MiB) limit"),
        "{why}"
    );

    // Announced by Content-Length: refused before reading the body.
    let d = env.discover("a@huge-len.test").await;
    assert_eq!(state(&d, SourceKind::Autoconfig), SourceState::Failed);
    assert!(
        detail(&d, SourceKind::Autoconfig).contains("1 MiB"),
        "{d:#?}"
    );
}

#[tokio::test]
async fn redirect_to_plain_http_is_refused() {
    let env = Env::start();
    let d = env.discover("a@redirect.test").await;
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert_eq!(state(&d, SourceKind::Autoconfig), SourceState::Failed);
    let why = detail(&d, SourceKind::Autoconfig);
    assert!(why.contains("refused a redirect to plain HTTP"), "{why}");
    assert!(
        !env.svc
            .seen
            .lock()
            .unwrap()
            .iter()
            .any(|(s, _, _)| s == "http"),
        "the plain-HTTP target must not be fetched"
    );
}

/// F15: with `--allow-http` an HTTPS autoconfig that redirects to plain HTTP
/// is followed, but what it finds ranks and reads as plain HTTP: it kept the
/// HTTPS rank and label before.
#[tokio::test]
async fn f15_autoconfig_redirected_to_plain_http_ranks_and_reads_as_plain_http() {
    let env = Env::start();
    let mut opts = env.opts();
    opts.allow_http = true;
    let d = env.discover_with("a@redirect.test", &opts).await;
    let best = d.best.as_ref().expect("found");
    assert_eq!(best.source, SourceKind::AutoconfigHttp, "{d:#?}");
    assert!(
        best.provenance
            .to_string()
            .contains("redirected to plain HTTP"),
        "{}",
        best.provenance
    );
    assert!(
        d.message.to_string().contains("redirected to plain HTTP"),
        "{}",
        d.message
    );
    assert_eq!(hosts(&d)[0], "pop3 pop.redirect.test:995");
}

#[tokio::test]
async fn redirects_are_limited() {
    let env = Env::start();
    let d = env.discover("a@loop.test").await;
    assert_eq!(
        state(&d, SourceKind::Autoconfig),
        SourceState::Failed,
        "{d:#?}"
    );
    let why = detail(&d, SourceKind::Autoconfig);
    assert!(why.contains("more than 3 redirects"), "{why}");
    let asked = env
        .svc
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, h, _)| h.starts_with("autoconfig.loop.test"))
        .count();
    assert_eq!(asked, 4, "the first request and 3 redirects");
}

#[tokio::test]
async fn plain_http_autoconfig_needs_the_opt_in() {
    let env = Env::start();
    let d = env.discover("a@plain.test").await;
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert!(d.source(SourceKind::AutoconfigHttp).is_none());

    let mut opts = env.opts();
    opts.allow_http = true;
    let d = env.discover_with("a@plain.test", &opts).await;
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::AutoconfigHttp, "{d:#?}");
    assert_eq!(best.provenance, "http://autoconfig.plain.test (plain HTTP)");
    // Over plain HTTP the address is not sent.
    let seen = env.svc.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .filter(|(s, _, _)| s == "http")
            .all(|(_, _, p)| !p.contains("emailaddress")),
        "{seen:?}"
    );
}

#[tokio::test]
async fn found_only_by_srv_with_the_forged_record_ignored() {
    let env = Env::start();
    let d = env.discover("a@srv-only.test").await;
    assert_eq!(d.outcome, Outcome::Found, "{d:#?}");
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::Srv);
    assert_eq!(
        hosts(&d),
        ["pop3 pop.srv-only.test:995", "smtp smtp.srv-only.test:587"]
    );
    assert_eq!(best.incoming[0].provenance, "SRV _pop3s._tcp");
    assert_eq!(best.incoming[0].server.security, Security::Tls);
    assert_eq!(best.outgoing[0].provenance, "SRV _submission._tcp");
    assert_eq!(best.outgoing[0].server.security, Security::Starttls);
    assert_eq!(d.ignored.len(), 1, "{:#?}", d.ignored);
    let ig = &d.ignored[0];
    assert_eq!(ig.source, SourceKind::Srv);
    assert_eq!(
        ig.what,
        "SRV _imaps._tcp.srv-only.test → imap.attacker.test:993"
    );
    assert!(
        ig.reason.to_string().contains("outside srv-only.test"),
        "{}",
        ig.reason
    );
    assert!(ig.reason.to_string().contains("forged"), "{}", ig.reason);
}

#[tokio::test]
async fn forged_srv_records_alone_find_nothing() {
    let env = Env::start();
    let d = env.discover("a@forged.test").await;
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert_eq!(state(&d, SourceKind::Srv), SourceState::Nothing);
    let targets: Vec<String> = d.ignored.iter().map(|i| i.what.to_string()).collect();
    assert_eq!(
        targets,
        [
            "SRV _imaps._tcp.forged.test → imap.attacker.test:993",
            "SRV _submissions._tcp.forged.test → mail.attacker.test:465"
        ]
    );
    assert!(detail(&d, SourceKind::Srv).contains("ignored"));
}

/// F5: the ISPDB entry for the MX host's base domain rests on an MX answer
/// nothing authenticates: SRV records pointing inside the domain outrank it,
/// and both are labelled as found through unauthenticated DNS.
#[tokio::test]
async fn f5_ispdb_by_mx_ranks_below_srv_inside_the_domain() {
    let env = Env::start();
    let mut opts = env.opts();
    opts.wait_for_all = true;
    let d = env.discover_with("a@mxsrv.test", &opts).await;
    let best = d.best.as_ref().expect("found");
    assert_eq!(best.source, SourceKind::Srv, "{d:#?}");
    assert!(best.dns_unauthenticated);
    let by_mx = d
        .alternatives
        .iter()
        .find(|f| f.source == SourceKind::IspdbMx)
        .expect("the ISPDB by MX answered too");
    assert!(by_mx.dns_unauthenticated);
    // Without waiting for every source, SRV is waited for and wins.
    let d = env.discover("a@mxsrv.test").await;
    assert_eq!(d.best.as_ref().map(|b| b.source), Some(SourceKind::Srv));
}

#[tokio::test]
async fn srv_pointing_at_a_host_the_database_knows_is_used() {
    let env = Env::start();
    let d = env.discover("a@srv-known.test").await;
    assert_eq!(
        d.best.as_ref().map(|b| b.source),
        Some(SourceKind::Srv),
        "{d:#?}"
    );
    assert_eq!(hosts(&d), ["pop3 pop.known-provider.test:995"]);
    assert!(d.ignored.is_empty());
}

/// Guessing with live listeners: POP3 on 110, IMAP over TLS on 993 (test CA),
/// SMTP on 587; every other guessed port accepts and closes.
fn guess_opts(env: &Env) -> DiscoverOptions {
    let mut opts = env.opts();
    let pop = env.svc.banner("+OK POP3 ready", false);
    let imap = env.svc.banner("* OK IMAP4rev1 ready", true);
    let smtp = env.svc.banner("220 smtp.guess.test ESMTP", false);
    opts.port_map.0.insert(110, pop);
    opts.port_map.0.insert(993, imap);
    opts.port_map.0.insert(587, smtp);
    opts
}

#[tokio::test]
async fn found_only_by_guessing_and_checked_live() {
    let env = Env::start();
    let opts = guess_opts(&env);
    let d = env.discover_with("a@guess.test", &opts).await;
    assert_eq!(d.outcome, Outcome::Found, "{d:#?}");
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::Guess);
    assert_eq!(best.provenance, "guessed");
    assert_eq!(
        hosts(&d),
        [
            "pop3 pop.guess.test:110",
            "imap imap.guess.test:993",
            "smtp smtp.guess.test:587"
        ]
    );
    let pop = &best.incoming[0];
    assert_eq!(pop.server.security, Security::Starttls);
    let v = pop.verified.as_ref().unwrap();
    assert!(v.ok && v.detail == "+OK POP3 ready", "{v:?}");
    let imap = &best.incoming[1];
    assert_eq!(imap.server.protocol, Protocol::Imap);
    assert_eq!(imap.server.security, Security::Tls);
    assert!(
        imap.verified
            .as_ref()
            .unwrap()
            .detail
            .to_string()
            .starts_with("* OK")
    );
    // Shown ports are the standard ones; the mapped port is only where it connected.
    assert_eq!(best.outgoing[0].server.port, 587);
}

#[tokio::test]
async fn guessing_verifies_certificates() {
    let env = Env::start();
    let mut opts = guess_opts(&env);
    // Without the test CA the TLS listener's certificate is not trusted.
    opts.extra_roots.clear();
    let d = env.discover_with("a@guess.test", &opts).await;
    assert_eq!(
        hosts(&d),
        ["pop3 pop.guess.test:110", "smtp smtp.guess.test:587"],
        "{d:#?}"
    );
}

#[tokio::test]
async fn nothing_found_is_a_clear_answer() {
    let env = Env::start();
    let d = env.discover("a@nothing.test").await;
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert!(d.best.is_none() && d.alternatives.is_empty());
    assert!(
        d.message
            .to_string()
            .contains("nothing found for nothing.test"),
        "{}",
        d.message
    );
    // Every source answered; none was cut off by the deadline.
    for s in &d.sources {
        assert_eq!(s.state, SourceState::Nothing, "{s:?}");
    }
    assert_eq!(d.sources.len(), 8);
}

#[tokio::test]
async fn deadline_reached_says_so() {
    let env = Env::start();
    let mut opts = env.opts();
    opts.timeout = Duration::from_millis(1500);
    // autoconfig.slow.test accepts the request and never answers.
    let d = env.discover_with("a@slow.test", &opts).await;
    assert_eq!(d.outcome, Outcome::DeadlineReached, "{d:#?}");
    assert_eq!(state(&d, SourceKind::Autoconfig), SourceState::TimedOut);
    assert!(
        d.message.to_string().contains("before the deadline"),
        "{}",
        d.message
    );
    assert_eq!(d.timeout_ms, 1500);
}

#[tokio::test]
async fn unreachable_dns_fails_fast_with_a_clear_error() {
    let port = closed_port();
    let opts = DiscoverOptions {
        timeout: Duration::from_secs(60),
        ispdb_url: Some("https://ispdb.test/v1.1/".into()),
        ..DiscoverOptions::default()
    };
    let resolver: Arc<dyn Resolver> = Arc::new(
        HickoryResolver::with_server(
            std::net::SocketAddr::from(([127, 0, 0, 1], port)),
            DnsOptions {
                // Far beyond any test's patience: only the fast check can end this.
                query_timeout: Duration::from_secs(60),
                attempts: 3,
            },
        )
        .unwrap(),
    );
    let net = network(resolver, &opts);
    let address = Address::parse("a@nothing.test").unwrap();
    let d = discover::discover(&address, test_db(), Some(net), &opts)
        .await
        .unwrap();
    assert_eq!(d.outcome, Outcome::DnsUnreachable, "{d:#?}");
    assert!(
        d.message
            .to_string()
            .contains(&format!("127.0.0.1:{port} is unreachable")),
        "{}",
        d.message
    );
    assert!(
        d.message.to_string().contains("connection refused"),
        "{}",
        d.message
    );
    assert_eq!(state(&d, SourceKind::Mx), SourceState::Failed);
    assert!(d.sources.iter().all(|s| s.state != SourceState::TimedOut));
}

#[tokio::test]
async fn unreachable_https_host_fails_fast_with_a_clear_error() {
    let env = Env::start();
    let mut opts = env.opts();
    // autoconfig.ac-only.test resolves, but nothing listens where HTTPS goes.
    opts.port_map.0.insert(443, closed_port());
    opts.timeout = Duration::from_secs(60);
    let d = env.discover_with("a@ac-only.test", &opts).await;
    // Every source answered long before the deadline.
    assert_eq!(d.outcome, Outcome::NothingFound, "{d:#?}");
    assert_eq!(state(&d, SourceKind::Autoconfig), SourceState::Failed);
    let why = detail(&d, SourceKind::Autoconfig);
    assert!(why.contains("cannot connect"), "{why}");
    assert!(why.contains("refused"), "{why}");
}

#[tokio::test]
async fn the_database_answers_without_waiting_for_the_network() {
    let env = Env::start();
    // autoconfig.known-provider.test hangs; the database entry must not wait for it.
    let d = env.discover("a@known-provider.test").await;
    assert_eq!(d.outcome, Outcome::Found);
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::Database);
    assert_eq!(
        best.provenance,
        "database known-provider.test → Known Provider"
    );
    for s in d.sources.iter().skip(1) {
        assert_eq!(s.state, SourceState::NotNeeded, "{s:?}");
    }
    assert!(
        env.svc.seen.lock().unwrap().is_empty(),
        "no request was made"
    );
}

#[tokio::test]
async fn most_trusted_wins_and_others_are_alternatives() {
    let env = Env::start();
    let mut opts = env.opts();
    opts.wait_for_all = true;
    // multi.test has an MX at Google, an autoconfig document and an SRV record.
    let d = env.discover_with("a@multi.test", &opts).await;
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::Mx, "{d:#?}");
    let alts: Vec<SourceKind> = d.alternatives.iter().map(|f| f.source).collect();
    assert_eq!(alts, [SourceKind::Autoconfig, SourceKind::Srv]);
    assert_eq!(d.alternatives[1].incoming[0].server.host, "imap.multi.test");
    // Candidates in trust order: the MX provider's first.
    assert_eq!(d.candidates().next().unwrap().server.host, "pop.gmail.com");

    // Without waiting, the MX answer still wins.
    let d = env.discover("a@multi.test").await;
    assert_eq!(d.best.as_ref().map(|b| b.source), Some(SourceKind::Mx));
}

#[tokio::test]
async fn internationalized_domains_use_punycode_for_dns_and_http() {
    let env = Env::start();
    let d = env.discover("用户@例子.test").await;
    assert_eq!(d.domain, "xn--fsqu00a.test");
    assert_eq!(d.domain_unicode, "例子.test");
    assert_eq!(d.address, "用户@xn--fsqu00a.test");
    let best = d.best.as_ref().unwrap();
    assert_eq!(best.source, SourceKind::Autoconfig, "{d:#?}");
    assert_eq!(hosts(&d)[0], "pop3 pop.xn--fsqu00a.test:995");
    let seen = env.svc.seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(
            |(_, host, path)| host.starts_with("autoconfig.xn--fsqu00a.test")
                && path.contains("emailaddress=%E7%94%A8%E6%88%B7%40xn--fsqu00a.test")
        ),
        "{seen:?}"
    );
}

#[tokio::test]
async fn database_only_touches_no_network() {
    let opts = DiscoverOptions {
        network: false,
        ..DiscoverOptions::default()
    };
    let address = Address::parse("a@known-provider.test").unwrap();
    let d = discover::discover(&address, test_db(), None, &opts)
        .await
        .unwrap();
    assert_eq!(d.outcome, Outcome::Found);
    assert_eq!(d.sources.len(), 1);
    let address = Address::parse("a@nothing.test").unwrap();
    let d = discover::discover(&address, test_db(), None, &opts)
        .await
        .unwrap();
    assert_eq!(d.outcome, Outcome::NothingFound);
    assert_eq!(d.sources.len(), 1);
}

#[test]
fn committed_json_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/discover-schema.json"),
    )
    .expect("docs/discover-schema.json exists");
    assert_eq!(
        committed,
        discover::json_schema(),
        "docs/discover-schema.json is stale: run `cargo run -- discover --print-schema > docs/discover-schema.json`"
    );
}

// ---- the CLI ----

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    // The fixture providers as the user's own files (they take precedence over
    // bundled entries with the same id).
    c.env("MAILCONF_CONFIG_DIR", CONFIG);
    c.env("MAILCONF_LANG", "en");
    c
}

/// `mailconf discover ADDRESS --dns … --ca-file … --port-map …` against `env`.
fn cli(env: &Env, address: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let ca = env.svc.ca.write_pem(dir.path());
    let mut c = bin();
    c.args(["discover", address, "--dns"])
        .arg(env.dns.addr().to_string())
        .arg("--ca-file")
        .arg(&ca)
        .args(["--ispdb-url", "https://ispdb.test/v1.1/", "--timeout", "20"])
        .arg("--port-map")
        .arg(format!("443={}", env.svc.https_port))
        .arg("--port-map")
        .arg(format!("80={}", env.svc.http_port));
    for p in MAIL_PORTS {
        if !extra.iter().any(|e| e.starts_with(&format!("{p}="))) {
            c.arg("--port-map").arg(format!("{p}={}", env.closer));
        }
    }
    c.args(extra);
    c.output().unwrap()
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn assert_valid(v: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(&discover::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn cli_json_mx_case() {
    let env = Env::start();
    let out = cli(&env, "boss@google-hosted.test", &["--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_valid(&v);
    assert_eq!(v["outcome"], "found");
    assert_eq!(v["best"]["source"], "mx");
    assert_eq!(v["best"]["provider"]["id"], "google-workspace");
    assert_eq!(
        v["best"]["provenance"],
        "MX aspmx.l.google.com → Google Workspace"
    );
    assert_eq!(v["best"]["incoming"][0]["server"]["host"], "pop.gmail.com");
    assert_eq!(v["mx"][0]["exchange"], "aspmx.l.google.com");
    // The schema must be able to say no.
    let mut bad = v.clone();
    bad["outcome"] = "maybe".into();
    let schema: serde_json::Value = serde_json::from_str(&discover::json_schema()).unwrap();
    assert!(!jsonschema::validator_for(&schema).unwrap().is_valid(&bad));
}

#[test]
fn cli_json_srv_with_forged_record_and_human_output() {
    let env = Env::start();
    let out = cli(&env, "a@srv-only.test", &["--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_valid(&v);
    assert_eq!(v["best"]["source"], "srv");
    assert_eq!(v["ignored"][0]["source"], "srv");
    assert!(
        v["ignored"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("outside srv-only.test")
    );

    let out = cli(&env, "a@srv-only.test", &[]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Found by SRV records of srv-only.test"),
        "{text}"
    );
    assert!(text.contains("Ignored:"), "{text}");
    assert!(text.contains("imap.attacker.test:993"), "{text}");

    let out = cli(&env, "a@srv-only.test", &["--lang", "zh-Hans"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("来源：srv-only.test 的 SRV 记录"), "{text}");
    assert!(text.contains("已忽略："), "{text}");
    // The sources' details and the reason for ignoring are in Chinese too.
    assert!(text.contains("不在 srv-only.test 之内"), "{text}");
    assert!(text.contains("srv-only.test 没有 MX 记录"), "{text}");
    for english in [
        "has no",
        "records of",
        "lies outside",
        "guessed",
        "cancelled",
    ] {
        assert!(!text.contains(english), "{english:?} in {text}");
    }
}

#[test]
fn cli_guessing_checks_with_the_probe_engine() {
    // Listeners that send a greeting and nothing else: the built-in banner check
    // would accept them, the probe engine (which `mailconf discover` uses) sees
    // that STARTTLS never happens and says so. Guessing against the real
    // Dovecot/Postfix is in probe_real.rs.
    let env = Env::start();
    let pop = env.svc.banner("+OK ready", false);
    let smtp = env.svc.banner("220 ready", false);
    let out = cli(
        &env,
        "a@guess.test",
        &[
            "--json",
            "--port-map",
            &format!("110={pop}"),
            "--port-map",
            &format!("587={smtp}"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json_of(&out);
    assert_valid(&v);
    assert_eq!(v["outcome"], "nothing-found");
    let guess = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "guess")
        .unwrap();
    assert_eq!(guess["state"], "nothing");
    let detail = guess["detail"].as_str().unwrap();
    assert!(
        detail.contains("pop.guess.test:110") || detail.contains("smtp.guess.test:587"),
        "{detail}"
    );
}

#[test]
fn cli_nothing_found_exits_1() {
    let env = Env::start();
    let out = cli(&env, "a@nothing.test", &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_valid(&v);
    assert_eq!(v["outcome"], "nothing-found");
    assert!(v["best"].is_null());

    let out = cli(&env, "a@nothing.test", &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Nothing found for nothing.test: every source answered"),
        "{text}"
    );
}

#[test]
fn cli_unreachable_dns_exits_3_with_a_clear_message() {
    let port = closed_port();
    let out = bin()
        .args([
            "discover",
            "a@nothing.test",
            "--json",
            "--no-ispdb",
            "--dns",
        ])
        .arg(format!("127.0.0.1:{port}"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("the DNS server 127.0.0.1:{port} is unreachable")),
        "{err}"
    );
    let v = json_of(&out);
    assert_eq!(v["outcome"], "dns-unreachable");
}

#[test]
fn cli_database_only() {
    // qq.com is in the bundled database; no network is touched.
    let out = bin()
        .args(["discover", "张三＠QQ.com", "--json", "--no-network-sources"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_valid(&v);
    assert_eq!(v["address"], "张三@qq.com");
    assert_eq!(v["best"]["source"], "database");
    assert_eq!(v["sources"].as_array().unwrap().len(), 1);

    let out = bin()
        .args(["discover", "a@nothing.test", "--no-network-sources"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn cli_usage_errors_exit_2() {
    for args in [
        &["discover", "not-an-address", "--no-network-sources"][..],
        &["discover", "a@b.test", "--dns", "dns.example:53"],
        &["discover", "a@b.test", "--port-map", "995"],
        &["discover", "a@b.test", "--timeout", "0"],
        &["discover", "a@b.test", "--ispdb-url", "http://ispdb.test/"],
        &["discover", "a@b.test", "--ca-file", "/nonexistent/ca.pem"],
    ] {
        let out = bin().args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

// ---- hostile discovery data (issue 11) ----

/// Every character of `text` a terminal would act on, other than a newline.
fn terminal_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
        .collect()
}

/// F2/F11: an autoconfig document whose display name carries OSC 52
/// (clipboard write), CSI 2J (clear screen) and an OSC 0 title, and whose host
/// names carry an ESC and a newline plus a fetchmail `plugin` line. `mailconf
/// discover` prints none of it raw: the bad servers are ignored with the
/// reason, the display name is escaped, in the table and in the JSON.
#[test]
fn f2_discover_never_prints_a_servers_control_characters() {
    let env = Env::start();
    let out = cli(&env, "a@hostile.test", &[]);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}\n{err}");
    assert_eq!(terminal_controls(&text), Vec::<char>::new(), "{text:?}");
    assert_eq!(terminal_controls(&err), Vec::<char>::new(), "{err:?}");
    assert!(text.contains("imap.hostile.test:993"), "{text}");
    assert!(text.contains("smtp.hostile.test:587"), "{text}");
    assert!(!text.contains("\nplugin"), "{text}");
    assert!(text.contains("Ignored:"), "{text}");
    assert!(
        text.contains("control character (U+000A)") && text.contains("control character (U+001B)"),
        "{text}"
    );
    let out = cli(&env, "a@hostile.test", &["--json"]);
    let v = json_of(&out);
    assert_valid(&v);
    let hosts: Vec<&str> = v["best"]["incoming"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["best"]["outgoing"].as_array().unwrap())
        .map(|c| c["server"]["host"].as_str().unwrap())
        .collect();
    assert_eq!(hosts, ["imap.hostile.test", "smtp.hostile.test"]);
    let name = v["best"]["provider"]["name"]["en"].as_str().unwrap();
    assert!(name.starts_with("Hostile\\x1b]52;c;"), "{name}");
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    strings(&v, &mut all);
    for s in all {
        assert_eq!(terminal_controls(&s), Vec::<char>::new(), "{s:?}");
    }
}
