//! Hostile and well-behaved in-process servers on 127.0.0.1, with certificates
//! made here by rcgen. Each test asserts the precise verdict and that it came
//! within the configured (short) deadline.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailconf::probe::caps::Capabilities;
use mailconf::probe::report::PlaintextReason;
use mailconf::probe::tls::ChainVerdict;
use mailconf::probe::{
    CertMode, DnsFailure, Endpoint, EndpointReport, ProbeEvent, ProbeHandle, ProbeOptions,
    ProbeRequest, Protocol, Resolve, ResolveError, Security, TimeoutPhase, TlsContext,
    TlsErrorKind, Verdict, probe_endpoint,
};

fn recommend(
    reports: &[EndpointReport],
    protocols: &[Protocol],
) -> Vec<mailconf::check::Recommendation> {
    mailconf::check::recommend(reports, protocols, None)
}
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

pub(super) const HOST: &str = "mail.test";

// ------------------------------------------------------------------ PKI

pub(super) struct Pki {
    pub(super) ca_der: CertificateDer<'static>,
    pub(super) ca_pem: String,
    issuer: Issuer<'static, KeyPair>,
}

#[derive(Clone, Copy)]
pub(super) enum Validity {
    Current,
    Expired,
    NotYetValid,
}

impl Pki {
    pub(super) fn new(name: &str) -> Pki {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.distinguished_name.push(DnType::CommonName, name);
        p.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        p.not_before = rcgen::date_time_ymd(2020, 1, 1);
        p.not_after = rcgen::date_time_ymd(2090, 1, 1);
        let key = KeyPair::generate().unwrap();
        let cert = p.self_signed(&key).unwrap();
        Pki {
            ca_der: cert.der().clone(),
            ca_pem: cert.pem(),
            issuer: Issuer::new(p, key),
        }
    }

    fn leaf_params(names: &[&str], validity: Validity) -> CertificateParams {
        let mut p = CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .unwrap();
        p.distinguished_name.push(DnType::CommonName, names[0]);
        let (from, to) = match validity {
            Validity::Current => ((2020, 1, 1), (2089, 1, 1)),
            Validity::Expired => ((2000, 1, 1), (2001, 1, 1)),
            Validity::NotYetValid => ((2088, 1, 1), (2089, 1, 1)),
        };
        p.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
        p.not_after = rcgen::date_time_ymd(to.0, to.1, to.2);
        p
    }

    /// A leaf signed by this CA.
    pub(super) fn acceptor(
        &self,
        names: &[&str],
        validity: Validity,
    ) -> (TlsAcceptor, CertificateDer<'static>) {
        let key = KeyPair::generate().unwrap();
        let cert = Self::leaf_params(names, validity)
            .signed_by(&key, &self.issuer)
            .unwrap();
        let der = cert.der().clone();
        (acceptor(vec![der.clone(), self.ca_der.clone()], key), der)
    }
}

pub(super) fn self_signed_acceptor(names: &[&str]) -> TlsAcceptor {
    self_signed(names).0
}

/// A self-signed leaf and its DER (whose SHA-256 a consent names).
pub(super) fn self_signed(names: &[&str]) -> (TlsAcceptor, CertificateDer<'static>) {
    let key = KeyPair::generate().unwrap();
    let cert = Pki::leaf_params(names, Validity::Current)
        .self_signed(&key)
        .unwrap();
    let der = cert.der().clone();
    (acceptor(vec![der.clone()], key), der)
}

fn acceptor(chain: Vec<CertificateDer<'static>>, key: KeyPair) -> TlsAcceptor {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    TlsAcceptor::from(Arc::new(cfg))
}

// ------------------------------------------------------------------ servers

enum Conn {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::server::TlsStream<TcpStream>>),
}

impl Conn {
    async fn write(&mut self, b: &[u8]) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.write_all(b).await,
            Conn::Tls(s) => {
                s.write_all(b).await?;
                s.flush().await
            }
        }
    }
    /// A line without CRLF; `None` at EOF.
    async fn line(&mut self) -> Option<String> {
        let mut out = Vec::new();
        loop {
            let mut b = [0u8; 1];
            let n = match self {
                Conn::Plain(s) => s.read(&mut b).await.ok()?,
                Conn::Tls(s) => s.read(&mut b).await.ok()?,
            };
            if n == 0 {
                return None;
            }
            if b[0] == b'\n' {
                if out.last() == Some(&b'\r') {
                    out.pop();
                }
                return Some(String::from_utf8_lossy(&out).into_owned());
            }
            out.push(b[0]);
        }
    }
}

/// What a scripted server does with a command.
pub(super) enum Act {
    Reply(Vec<u8>),
    /// Send the go-ahead, then accept TLS.
    Upgrade(Vec<u8>),
    /// Send the go-ahead plus injected bytes; record what the client sends next (nothing, we hope).
    Inject(Vec<u8>),
    /// Reply and close.
    Quit(Vec<u8>),
}

pub(super) type Respond = Box<dyn Fn(&str, bool) -> Act + Send + Sync>;

pub(super) struct Script {
    pub(super) greeting: Vec<u8>,
    pub(super) implicit: Option<TlsAcceptor>,
    pub(super) starttls: Option<TlsAcceptor>,
    pub(super) respond: Respond,
}

/// What the server saw after an injected go-ahead.
pub(super) type Seen = tokio::sync::oneshot::Receiver<Vec<u8>>;

pub(super) async fn listen() -> (TcpListener, u16) {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

/// Serves one connection with `script`; returns the port and what followed an injection.
pub(super) async fn serve(script: Script) -> (u16, Seen) {
    let (l, port) = listen().await;
    (port, serve_on(l, script))
}

fn serve_on(l: TcpListener, script: Script) -> Seen {
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let Ok((tcp, _)) = l.accept().await else {
            return;
        };
        let _ = tcp.set_nodelay(true);
        let mut conn = match &script.implicit {
            Some(acc) => match acc.accept(tcp).await {
                Ok(s) => Conn::Tls(Box::new(s)),
                Err(_) => return,
            },
            None => Conn::Plain(tcp),
        };
        if conn.write(&script.greeting).await.is_err() {
            return;
        }
        let mut tls = script.implicit.is_some();
        while let Some(line) = conn.line().await {
            match (script.respond)(&line, tls) {
                Act::Reply(b) => {
                    if conn.write(&b).await.is_err() {
                        return;
                    }
                }
                Act::Quit(b) => {
                    let _ = conn.write(&b).await;
                    return;
                }
                Act::Upgrade(b) => {
                    let _ = conn.write(&b).await;
                    let (Conn::Plain(tcp), Some(acc)) = (conn, &script.starttls) else {
                        return;
                    };
                    conn = match acc.accept(tcp).await {
                        Ok(s) => Conn::Tls(Box::new(s)),
                        Err(_) => return,
                    };
                    tls = true;
                }
                Act::Inject(b) => {
                    let _ = conn.write(&b).await;
                    let Conn::Plain(mut tcp) = conn else { return };
                    let mut seen = Vec::new();
                    let _ =
                        tokio::time::timeout(Duration::from_secs(3), tcp.read_to_end(&mut seen))
                            .await;
                    let _ = tx.send(seen);
                    return;
                }
            }
        }
    });
    rx
}

/// Accepts one connection and runs `f` on it.
pub(super) async fn serve_raw<F>(f: impl FnOnce(TcpStream) -> F + Send + 'static) -> u16
where
    F: Future<Output = ()> + Send + 'static,
{
    let (l, port) = listen().await;
    tokio::spawn(async move {
        if let Ok((tcp, _)) = l.accept().await {
            f(tcp).await;
        }
    });
    port
}

pub(super) fn pop3_script(
    implicit: Option<TlsAcceptor>,
    starttls: Option<TlsAcceptor>,
    offer_stls: bool,
    stls: fn() -> Act,
) -> Script {
    Script {
        greeting: b"+OK test POP3 ready <1.2@mail.test>\r\n".to_vec(),
        implicit,
        starttls,
        respond: Box::new(move |line, tls| match line.to_ascii_uppercase().as_str() {
            "CAPA" if tls => Act::Reply(
                b"+OK\r\nUSER\r\nSASL PLAIN\r\nUIDL\r\nIMPLEMENTATION test\r\n.\r\n".to_vec(),
            ),
            "CAPA" if offer_stls => Act::Reply(b"+OK\r\nSTLS\r\nUIDL\r\n.\r\n".to_vec()),
            "CAPA" => Act::Reply(b"+OK\r\nUSER\r\nUIDL\r\n.\r\n".to_vec()),
            "STLS" => stls(),
            "QUIT" => Act::Quit(b"+OK bye\r\n".to_vec()),
            _ => Act::Reply(b"-ERR unknown\r\n".to_vec()),
        }),
    }
}

fn smtp_script(
    implicit: Option<TlsAcceptor>,
    starttls: Option<TlsAcceptor>,
    starttls_act: fn() -> Act,
) -> Script {
    Script {
        greeting: b"220 mail.test ESMTP test\r\n".to_vec(),
        implicit,
        starttls,
        respond: Box::new(move |line, tls| {
            let upper = line.to_ascii_uppercase();
            if upper.starts_with("EHLO ") {
                if tls {
                    Act::Reply(b"250-mail.test\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n".to_vec())
                } else {
                    Act::Reply(
                        b"250-mail.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
                            .to_vec(),
                    )
                }
            } else if upper == "STARTTLS" {
                starttls_act()
            } else if upper == "QUIT" {
                Act::Quit(b"221 2.0.0 bye\r\n".to_vec())
            } else {
                Act::Reply(b"502 5.5.2 no\r\n".to_vec())
            }
        }),
    }
}

fn imap_script(
    implicit: Option<TlsAcceptor>,
    starttls: Option<TlsAcceptor>,
    starttls_act: fn(&str) -> Act,
) -> Script {
    Script {
        greeting: if implicit.is_some() {
            b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n".to_vec()
        } else {
            b"* OK ready\r\n".to_vec()
        },
        implicit,
        starttls,
        respond: Box::new(move |line, tls| {
            let (tag, cmd) = line.split_once(' ').unwrap_or((line, ""));
            match cmd.to_ascii_uppercase().as_str() {
                "CAPABILITY" if tls => Act::Reply(
                    format!("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK done\r\n").into_bytes(),
                ),
                "CAPABILITY" => Act::Reply(
                    format!("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n{tag} OK done\r\n")
                        .into_bytes(),
                ),
                "STARTTLS" => starttls_act(tag),
                "LOGOUT" => Act::Quit(format!("* BYE bye\r\n{tag} OK done\r\n").into_bytes()),
                _ => Act::Reply(format!("{tag} BAD what\r\n").into_bytes()),
            }
        }),
    }
}

// ------------------------------------------------------------------ probing

pub(super) fn options(pki: &Pki, port_map: &[(u16, u16)]) -> ProbeOptions {
    ProbeOptions {
        connect_timeout: Duration::from_secs(1),
        reply_timeout: Duration::from_secs(1),
        overall_timeout: Duration::from_secs(6),
        port_map: port_map.iter().copied().collect(),
        resolve: BTreeMap::from([(HOST.to_owned(), vec![IpAddr::V4(Ipv4Addr::LOCALHOST)])]),
        extra_roots: vec![pki.ca_der.clone()],
        ..ProbeOptions::default()
    }
}

/// A resolver that must not be asked (all names are in `options.resolve`) or fails.
pub(super) struct NoDns;
impl Resolve for NoDns {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, ResolveError>> + Send + 'a>> {
        Box::pin(async move {
            Err(ResolveError {
                failure: DnsFailure::NoSuchHost,
                message: format!("{host}: no such host (test resolver)"),
            })
        })
    }
}

/// Slack for scheduling on a busy two-core machine; deadlines in tests are 1 s.
const SLACK: Duration = Duration::from_millis(1500);

pub(super) async fn probe(ep: Endpoint, opts: &ProbeOptions) -> (EndpointReport, Duration) {
    let ctx = TlsContext::new(&opts.extra_roots).unwrap();
    let t = Instant::now();
    let r = probe_endpoint(&ep, opts, &ctx, &NoDns).await;
    (r, t.elapsed())
}

pub(super) fn ep(protocol: Protocol, port: u16, security: Security) -> Endpoint {
    Endpoint::new(protocol, HOST, port, security)
}

fn within(elapsed: Duration, deadline: Duration) {
    assert!(
        elapsed <= deadline + SLACK,
        "took {elapsed:?}, deadline {deadline:?}"
    );
}

// ------------------------------------------------------------------ tests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pop3_implicit_tls_trusted_is_secure() {
    let pki = Pki::new("test CA");
    let (acc, leaf) = pki.acceptor(&[HOST], Validity::Current);
    let (port, _) = serve(pop3_script(Some(acc), None, false, || Act::Reply(vec![]))).await;
    let opts = options(&pki, &[(995, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 995, Security::Tls), &opts).await;
    assert_eq!(r.verdict, Verdict::Secure, "{r:#?}");
    within(took, opts.reply_timeout);
    assert_eq!(r.connect_port, port);
    let tls = r.tls.as_ref().unwrap();
    assert_eq!(tls.chain, ChainVerdict::Trusted);
    assert_eq!(tls.hostname_match, Some(true));
    assert_eq!(tls.version, "TLS 1.3");
    assert!(
        tls.cipher_suite.starts_with("TLS13_"),
        "{}",
        tls.cipher_suite
    );
    let cert = &tls.certificates[0];
    assert_eq!(cert.sha256, mailconf::probe::tls::fingerprint(&leaf));
    assert_eq!(
        cert.sans.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        [HOST]
    );
    assert_eq!(cert.not_after, "2089-01-01T00:00:00Z");
    assert!(cert.days_left > 365 * 60);
    assert!(cert.issuer.as_str().contains("test CA"));
    assert!(r.session.caps_before_tls.is_none());
    assert!(
        matches!(&r.session.caps_after_tls, Some(Capabilities::Pop3(c)) if c.user && c.sasl == ["PLAIN"])
    );
    assert_eq!(
        r.session.apop_timestamp.as_ref().unwrap().as_str(),
        "<1.2@mail.test>"
    );
    assert!(
        r.timings.tls_ms.is_some()
            && r.timings.greeting_ms.is_some()
            && r.timings.connect_ms.is_some()
    );
    let t = r.transcript.to_string();
    assert!(
        t.contains("C: CAPA")
            && t.contains("C: QUIT")
            && !t.contains("S: +OK bye")
            && t.contains("TLS established"),
        "{t}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pop3_stls_upgrade_is_secure_and_uses_caps_after_tls() {
    let pki = Pki::new("test CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (port, _) = serve(pop3_script(None, Some(acc), true, || {
        Act::Upgrade(b"+OK go\r\n".to_vec())
    }))
    .await;
    let opts = options(&pki, &[(110, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 110, Security::Starttls), &opts).await;
    assert_eq!(r.verdict, Verdict::Secure, "{r:#?}");
    within(took, opts.reply_timeout);
    let before = r.session.caps_before_tls.as_ref().unwrap();
    let after = r.session.effective_caps().unwrap();
    assert!(before.starttls() && !before.password_login_offered());
    assert!(!after.starttls() && after.password_login_offered());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_and_imap_starttls_upgrades_are_secure() {
    let pki = Pki::new("test CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (sport, _) = serve(smtp_script(None, Some(acc.clone()), || {
        Act::Upgrade(b"220 2.0.0 go\r\n".to_vec())
    }))
    .await;
    let (iport, _) = serve(imap_script(None, Some(acc), |tag| {
        Act::Upgrade(format!("{tag} OK go\r\n").into_bytes())
    }))
    .await;
    let opts = options(&pki, &[(587, sport), (143, iport)]);
    let (r, _) = probe(ep(Protocol::Smtp, 587, Security::Starttls), &opts).await;
    assert_eq!(r.verdict, Verdict::Secure, "{r:#?}");
    assert!(
        matches!(&r.session.caps_after_tls, Some(Capabilities::Smtp(c)) if c.auth == ["PLAIN", "LOGIN"] && !c.starttls)
    );
    assert!(r.transcript.to_string().contains("C: EHLO [127.0.0.1]"));
    let (r, _) = probe(ep(Protocol::Imap, 143, Security::Starttls), &opts).await;
    assert_eq!(r.verdict, Verdict::Secure, "{r:#?}");
    assert!(matches!(&r.session.caps_before_tls, Some(Capabilities::Imap(c)) if c.logindisabled));
    assert!(
        matches!(&r.session.caps_after_tls, Some(Capabilities::Imap(c)) if !c.logindisabled && c.auth == ["PLAIN"])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_stls_offered_is_plaintext_only() {
    let pki = Pki::new("test CA");
    let (port, _) = serve(pop3_script(None, None, false, || {
        Act::Reply(b"-ERR no\r\n".to_vec())
    }))
    .await;
    let opts = options(&pki, &[(110, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 110, Security::Starttls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::InsecurePlaintextOnly {
            reason: PlaintextReason::StarttlsNotOffered
        },
        "{r:#?}"
    );
    within(took, opts.reply_timeout);
    assert!(!r.transcript.to_string().contains("C: STLS"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stls_refused_is_plaintext_only() {
    let pki = Pki::new("test CA");
    let (port, _) = serve(pop3_script(None, None, true, || {
        Act::Reply(b"-ERR [SYS/TEMP] TLS unavailable\r\n".to_vec())
    }))
    .await;
    let opts = options(&pki, &[(110, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 110, Security::Starttls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::InsecurePlaintextOnly {
            reason: PlaintextReason::StarttlsRefused
        },
        "{r:#?}"
    );
    within(took, opts.reply_timeout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_endpoint_is_never_secure_nor_recommended() {
    let pki = Pki::new("test CA");
    let (port, _) = serve(pop3_script(None, None, true, || Act::Reply(vec![]))).await;
    let opts = options(&pki, &[(110, port)]);
    let (r, _) = probe(ep(Protocol::Pop3, 110, Security::Plain), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::InsecurePlaintextOnly {
            reason: PlaintextReason::PlainEndpoint
        }
    );
    let rec = recommend(&[r], &[Protocol::Pop3]);
    assert_eq!(rec[0].endpoint, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn response_injection_is_caught_and_nothing_is_sent_after() {
    let pki = Pki::new("test CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (pport, pseen) = serve(pop3_script(None, Some(acc.clone()), true, || {
        Act::Inject(b"+OK go\r\n+OK [injected]\r\n".to_vec())
    }))
    .await;
    let (sport, sseen) = serve(smtp_script(None, Some(acc.clone()), || {
        Act::Inject(b"220 go\r\n250 injected\r\n".to_vec())
    }))
    .await;
    let (iport, iseen) = serve(imap_script(None, Some(acc), |tag| {
        Act::Inject(format!("{tag} OK go\r\n* CAPABILITY AUTH=PLAIN\r\n").into_bytes())
    }))
    .await;
    let opts = options(&pki, &[(110, pport), (587, sport), (143, iport)]);
    for (endpoint, seen) in [
        (ep(Protocol::Pop3, 110, Security::Starttls), pseen),
        (ep(Protocol::Smtp, 587, Security::Starttls), sseen),
        (ep(Protocol::Imap, 143, Security::Starttls), iseen),
    ] {
        let (r, took) = probe(endpoint.clone(), &opts).await;
        assert_eq!(r.verdict, Verdict::ProtocolError, "{endpoint}: {r:#?}");
        assert_eq!(
            r.error.as_ref().unwrap().protocol_kind.as_deref(),
            Some("response-injection"),
            "{endpoint}"
        );
        assert!(r.tls.is_none());
        within(took, opts.reply_timeout);
        // Not a byte (not even a ClientHello) after the poisoned go-ahead.
        let after = seen.await.unwrap();
        assert!(after.is_empty(), "{endpoint}: client sent {after:?}");
    }
}

async fn cert_case(acc: TlsAcceptor, mode: CertMode) -> (EndpointReport, Duration) {
    let pki = Pki::new("test CA");
    let (port, _) = serve(imap_script(Some(acc), None, |_| Act::Reply(vec![]))).await;
    let mut opts = options(&pki, &[(993, port)]);
    opts.cert_mode = mode;
    probe(ep(Protocol::Imap, 993, Security::Tls), &opts).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_certificates_get_their_precise_verdict() {
    // Certificates from a CA the probe trusts (options() adds *that* CA, so build inside).
    async fn with_ca(names: &[&str], validity: Validity) -> EndpointReport {
        let pki = Pki::new("test CA");
        let (acc, _) = pki.acceptor(names, validity);
        let (port, _) = serve(imap_script(Some(acc), None, |_| Act::Reply(vec![]))).await;
        let opts = options(&pki, &[(993, port)]);
        let (r, took) = probe(ep(Protocol::Imap, 993, Security::Tls), &opts).await;
        within(took, opts.reply_timeout);
        r
    }
    let r = with_ca(&[HOST], Validity::Expired).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::Expired
        },
        "{r:#?}"
    );
    let tls = r.tls.as_ref().unwrap();
    assert!(tls.certificates[0].days_left < 0);
    // Report-only: capabilities were still read, and the endpoint is not secure.
    assert!(r.session.caps_after_tls.is_some());
    assert!(!r.verdict.is_secure());

    let r = with_ca(&[HOST], Validity::NotYetValid).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::NotYetValid
        },
        "{r:#?}"
    );

    let r = with_ca(&["other.test"], Validity::Current).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::WrongName
        },
        "{r:#?}"
    );
    assert_eq!(r.tls.as_ref().unwrap().hostname_match, Some(false));

    let (r, took) = cert_case(self_signed_acceptor(&[HOST]), CertMode::ReportOnly).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::SelfSigned
        },
        "{r:#?}"
    );
    assert_eq!(r.tls.as_ref().unwrap().hostname_match, Some(true));
    within(took, Duration::from_secs(1));

    let stranger = Pki::new("stranger CA");
    let (acc, _) = stranger.acceptor(&[HOST], Validity::Current);
    let (r, _) = cert_case(acc, CertMode::ReportOnly).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::UnknownIssuer
        },
        "{r:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enforce_mode_aborts_the_handshake() {
    let (r, took) = cert_case(self_signed_acceptor(&[HOST]), CertMode::Enforce).await;
    assert!(
        matches!(
            r.verdict,
            Verdict::TlsError {
                tls_kind: TlsErrorKind::UnknownIssuer
            }
        ),
        "{r:#?}"
    );
    assert!(r.tls.is_none() && r.session.caps_after_tls.is_none());
    within(took, Duration::from_secs(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_server_times_out_at_the_reply_deadline() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let opts = options(&pki, &[(110, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 110, Security::Plain), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TimedOut {
            phase: TimeoutPhase::Reply,
            after_ms: 1000
        },
        "{r:#?}"
    );
    assert!(took >= Duration::from_millis(950), "{took:?}");
    within(took, opts.reply_timeout);
    assert!(r.transcript.to_string().contains("waited for the greeting"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trickling_server_is_cut_at_the_reply_deadline() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        for b in b"220 a greeting that never ends".iter().cycle().take(100) {
            if tcp.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
    let opts = options(&pki, &[(25, port)]);
    let (r, took) = probe(ep(Protocol::Smtp, 25, Security::Starttls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TimedOut {
            phase: TimeoutPhase::Reply,
            after_ms: 1000
        },
        "{r:#?}"
    );
    within(took, opts.reply_timeout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn implicit_tls_port_that_never_answers_the_handshake() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let opts = options(&pki, &[(465, port)]);
    let (r, took) = probe(ep(Protocol::Smtp, 465, Security::Tls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TimedOut {
            phase: TimeoutPhase::TlsHandshake,
            after_ms: 1000
        },
        "{r:#?}"
    );
    within(took, opts.reply_timeout);
}

/// A listener whose accept queue is full drops SYNs: the closest loopback
/// equivalent of a firewall that drops packets.
async fn black_hole(ip: Ipv4Addr) -> (tokio::net::TcpListener, u16, Vec<TcpStream>) {
    let sock = tokio::net::TcpSocket::new_v4().unwrap();
    sock.bind(SocketAddr::new(IpAddr::V4(ip), 0)).unwrap();
    let listener = sock.listen(1).unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match tokio::time::timeout(Duration::from_millis(300), TcpStream::connect((ip, port))).await
        {
            Ok(Ok(s)) => fillers.push(s),
            _ => break,
        }
    }
    (listener, port, fillers)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_port_times_out_at_the_connect_deadline_as_likely_filtered() {
    let pki = Pki::new("test CA");
    let (_keep, port, _fillers) = black_hole(Ipv4Addr::LOCALHOST).await;
    let opts = options(&pki, &[(993, port)]);
    let (r, took) = probe(ep(Protocol::Imap, 993, Security::Tls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TimedOut {
            phase: TimeoutPhase::Connect,
            after_ms: 1000
        },
        "{r:#?}"
    );
    assert_eq!(
        r.summary,
        "no answer in 1 s: probably blocked by a firewall or your ISP"
    );
    within(took, opts.connect_timeout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn happy_eyeballs_moves_on_from_a_dead_address() {
    let pki = Pki::new("test CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    // 127.0.0.2:X drops SYNs; 127.0.0.1:X answers. The name resolves to both, dead one first.
    let (_keep, port, _fillers, good) = loop {
        let (keep, port, fillers) = black_hole(Ipv4Addr::new(127, 0, 0, 2)).await;
        if let Ok(l) = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            break (keep, port, fillers, l);
        }
    };
    let _seen = serve_on(
        good,
        pop3_script(Some(acc), None, false, || Act::Reply(vec![])),
    );
    let mut opts = options(&pki, &[(995, port)]);
    opts.resolve.insert(
        HOST.to_owned(),
        vec![
            IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)),
            IpAddr::V4(Ipv4Addr::LOCALHOST),
        ],
    );
    let (r, took) = probe(ep(Protocol::Pop3, 995, Security::Tls), &opts).await;
    assert_eq!(r.verdict, Verdict::Secure, "{r:#?}");
    assert_eq!(
        r.connected_to,
        Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port))
    );
    assert_eq!(r.addresses.len(), 2);
    // The second attempt started after the stagger, not after the connect deadline.
    let connect_ms = r.timings.connect_ms.unwrap();
    assert!(
        (200..1000).contains(&connect_ms),
        "connect took {connect_ms} ms"
    );
    within(took, opts.connect_timeout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_and_dns_errors() {
    let pki = Pki::new("test CA");
    let (l, port) = listen().await;
    drop(l);
    let opts = options(&pki, &[(143, port)]);
    let (r, took) = probe(ep(Protocol::Imap, 143, Security::Starttls), &opts).await;
    assert_eq!(r.verdict, Verdict::Refused, "{r:#?}");
    within(took, Duration::ZERO);
    let (r, _) = probe(
        Endpoint::new(Protocol::Imap, "no-such-host.test", 993, Security::Tls),
        &opts,
    )
    .await;
    assert_eq!(
        r.verdict,
        Verdict::DnsError {
            failure: DnsFailure::NoSuchHost
        },
        "{r:#?}"
    );
    assert!(r.summary.contains("no-such-host.test"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn giant_line_is_cut_in_bounded_memory() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        let chunk = vec![b'A'; 64 * 1024];
        for _ in 0..160 {
            // 10 MB without CRLF (the client hangs up long before).
            if tcp.write_all(&chunk).await.is_err() {
                return;
            }
        }
    })
    .await;
    let opts = options(&pki, &[(110, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 110, Security::Plain), &opts).await;
    assert_eq!(r.verdict, Verdict::ProtocolError, "{r:#?}");
    assert_eq!(
        r.error.as_ref().unwrap().protocol_kind.as_deref(),
        Some("line-too-long")
    );
    within(took, opts.reply_timeout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_multiline_reply_is_cut() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        if tcp.write_all(b"220 hi\r\n").await.is_err() {
            return;
        }
        let mut buf = [0u8; 256];
        let _ = tcp.read(&mut buf).await; // EHLO
        let _ = tcp.write_all(b"250-mail.test\r\n").await;
        loop {
            if tcp
                .write_all(b"250-X-ENDLESS-CAPABILITY\r\n".repeat(64).as_slice())
                .await
                .is_err()
            {
                return;
            }
        }
    })
    .await;
    let opts = options(&pki, &[(587, port)]);
    let (r, took) = probe(ep(Protocol::Smtp, 587, Security::Starttls), &opts).await;
    assert_eq!(r.verdict, Verdict::ProtocolError, "{r:#?}");
    assert_eq!(
        r.error.as_ref().unwrap().protocol_kind.as_deref(),
        Some("too-many-lines")
    );
    within(took, opts.reply_timeout);
    // The transcript stays bounded too.
    assert!(r.transcript.lines.len() <= 2000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_bytes_are_a_protocol_error_and_shown_escaped() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        let _ = tcp.write_all(b"\x00\x1b[2J\xff\xfe garbage\r\n").await;
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let opts = options(&pki, &[(143, port)]);
    let (r, took) = probe(ep(Protocol::Imap, 143, Security::Starttls), &opts).await;
    assert_eq!(r.verdict, Verdict::ProtocolError, "{r:#?}");
    assert_eq!(
        r.error.as_ref().unwrap().protocol_kind.as_deref(),
        Some("malformed")
    );
    within(took, opts.reply_timeout);
    let t = r.transcript.to_string();
    assert!(t.contains("\\x00\\x1b[2J\\xff\\xfe garbage"), "{t}");
    assert!(!r.summary.chars().any(char::is_control));
}

/// A server that reads the ClientHello and answers with one fatal alert
/// (`record_version`, alert `description`), as a TLS stack does when it
/// cannot agree with the client.
async fn answer_the_hello_with_alert(record_version: [u8; 2], description: u8) -> u16 {
    serve_raw(move |mut tcp| async move {
        let mut hello = [0u8; 512];
        let _ = tcp.read(&mut hello).await;
        let [major, minor] = record_version;
        let _ = tcp
            .write_all(&[0x15, major, minor, 0x00, 0x02, 0x02, description])
            .await;
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_below_1_2_is_reported_as_such() {
    let pki = Pki::new("test CA");
    // A TLS 1.0 server's answer to a 1.2+ ClientHello: fatal alert protocol_version.
    let port = answer_the_hello_with_alert([0x03, 0x01], 0x46).await;
    let opts = options(&pki, &[(995, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 995, Security::Tls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::ProtocolVersion
        },
        "{r:#?}"
    );
    assert!(
        r.summary.contains("server offers only TLS below 1.2"),
        "{}",
        r.summary
    );
    within(took, opts.reply_timeout);
}

/// A server that accepts none of rustls's suites answers the ClientHello with
/// alert handshake_failure (issue 15: 139's IMAP is reported to offer only RSA
/// key exchange). The verdict names it; it used to be a bare "handshake failed".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_common_cipher_is_named() {
    let pki = Pki::new("test CA");
    // Fatal alert handshake_failure (40) in a TLS 1.2 record.
    let port = answer_the_hello_with_alert([0x03, 0x03], 0x28).await;
    let opts = options(&pki, &[(993, port)]);
    let (r, took) = probe(ep(Protocol::Imap, 993, Security::Tls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::NoCommonCipher
        },
        "{r:#?}"
    );
    assert!(
        r.summary.contains("only RSA or DHE key exchange"),
        "{}",
        r.summary
    );
    assert!(r.summary.contains("HandshakeFailure"), "{}", r.summary);
    within(took, opts.reply_timeout);
}

/// The same against a real TLS stack: OpenSSL (through Python's ssl module)
/// configured for RSA key exchange only, with an RSA certificate, as an old
/// server would be. Nothing is mocked about the refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_openssl_server_with_only_rsa_key_exchange_is_no_common_cipher() {
    let dir = tempfile::tempdir().unwrap();
    let script = r#"
import socket, ssl, subprocess, sys
d = sys.argv[1]
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=mail.test", "-keyout", d + "/k.pem", "-out", d + "/c.pem"],
               check=True, capture_output=True)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.set_ciphers("AES256-GCM-SHA384:AES128-GCM-SHA256:AES128-SHA")
ctx.load_cert_chain(d + "/c.pem", d + "/k.pem")
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
s.settimeout(20)
print(s.getsockname()[1], flush=True)
conn, _ = s.accept()
try:
    ctx.wrap_socket(conn, server_side=True)
except (ssl.SSLError, OSError) as e:
    print("refused:", e, flush=True)
"#;
    use std::io::BufRead as _;
    let mut child = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (tests/harness/install-deps.sh installs it)");
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port: u16 = line.trim().parse().expect("the server's port");
    let pki = Pki::new("test CA");
    let opts = options(&pki, &[(993, port)]);
    let (r, _) = probe(ep(Protocol::Imap, 993, Security::Tls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::NoCommonCipher
        },
        "{r:#?}"
    );
    line.clear();
    out.read_line(&mut line).unwrap();
    let _ = child.wait();
    assert!(
        line.to_ascii_lowercase().contains("no shared cipher"),
        "OpenSSL's side of it: {line}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plaintext_on_a_tls_port_is_not_tls() {
    let pki = Pki::new("test CA");
    let port = serve_raw(|mut tcp| async move {
        let _ = tcp.write_all(b"+OK plaintext POP3 on 995\r\n").await;
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let opts = options(&pki, &[(995, port)]);
    let (r, took) = probe(ep(Protocol::Pop3, 995, Security::Tls), &opts).await;
    assert_eq!(
        r.verdict,
        Verdict::TlsError {
            tls_kind: TlsErrorKind::NotTls
        },
        "{r:#?}"
    );
    within(took, opts.reply_timeout);
}

// ------------------------------------------------------------------ the handle

pub(super) fn handle_on_current_runtime() -> (ProbeHandle, mailconf::probe::ProbeEvents) {
    let (mut h, ev) = ProbeHandle::with_runtime(tokio::runtime::Handle::current());
    h.set_resolver(Arc::new(NoDns));
    (h, ev)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_eight_endpoints_concurrently_with_streaming_and_recommendation() {
    let pki = Pki::new("test CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let stls = || Act::Upgrade(b"+OK go\r\n".to_vec());
    let (p995, _) = serve(pop3_script(Some(acc.clone()), None, false, stls)).await;
    let (p110s, _) = serve(pop3_script(None, Some(acc.clone()), true, stls)).await;
    let (p110p, _) = serve(pop3_script(None, None, true, stls)).await;
    let (i993, _) = serve(imap_script(Some(acc.clone()), None, |t| {
        Act::Upgrade(format!("{t} OK go\r\n").into_bytes())
    }))
    .await;
    let (i143, _) = serve(imap_script(None, Some(acc.clone()), |t| {
        Act::Upgrade(format!("{t} OK go\r\n").into_bytes())
    }))
    .await;
    let (s465, _) = serve(smtp_script(Some(acc.clone()), None, || {
        Act::Upgrade(b"220 go\r\n".to_vec())
    }))
    .await;
    let (s587, _) = serve(smtp_script(None, Some(acc.clone()), || {
        Act::Upgrade(b"220 go\r\n".to_vec())
    }))
    .await;
    // Port 25 is dropped (a black hole): every other result must arrive without waiting for it.
    let (_keep, s25, _fillers) = black_hole(Ipv4Addr::LOCALHOST).await;

    // The standard set probes POP3 110 twice (STLS and plain): map them apart by endpoint.
    let mut endpoints = mailconf::check::plan::every_way_in(HOST, &[]);
    let mut port_of = |e: &mut Endpoint| {
        let p = match (e.protocol, e.port, e.security) {
            (Protocol::Pop3, 995, _) => p995,
            (Protocol::Pop3, 110, Security::Starttls) => p110s,
            (Protocol::Pop3, 110, _) => p110p,
            (Protocol::Imap, 993, _) => i993,
            (Protocol::Imap, 143, _) => i143,
            (Protocol::Smtp, 465, _) => s465,
            (Protocol::Smtp, 587, _) => s587,
            _ => s25,
        };
        // Explicit endpoints on the real ports (the logical port is then the real one).
        e.port = p;
    };
    let logical: Vec<Endpoint> = endpoints.clone();
    endpoints.iter_mut().for_each(&mut port_of);
    let opts = options(&pki, &[]);

    let (mut handle, events) = handle_on_current_runtime();
    let t = Instant::now();
    let generation = handle
        .start(ProbeRequest {
            endpoints: endpoints.clone(),
            options: opts.clone(),
            login: None,
            reuse: None,
        })
        .unwrap();
    let events = tokio::task::spawn_blocking(move || {
        let mut got = Vec::new();
        while let Some(e) = events.recv_timeout(Duration::from_secs(10)) {
            let finished = matches!(e, ProbeEvent::Finished { .. });
            got.push((t.elapsed(), e));
            if finished {
                break;
            }
        }
        got
    })
    .await
    .unwrap();
    let total = t.elapsed();
    assert!(
        matches!(&events[0].1, ProbeEvent::Started { generation: g, endpoints: e } if *g == generation && e.len() == 8)
    );
    assert!(matches!(
        events.last().unwrap().1,
        ProbeEvent::Finished { .. }
    ));
    let mut reports: Vec<EndpointReport> = Vec::new();
    for (at, e) in &events {
        if let ProbeEvent::EndpointDone { index, report, .. } = e {
            let expected = &logical[*index];
            if expected.protocol == Protocol::Smtp && expected.port == 25 {
                assert_eq!(
                    report.verdict,
                    Verdict::TimedOut {
                        phase: TimeoutPhase::Connect,
                        after_ms: 1000
                    }
                );
            } else {
                // Streaming: not held back by the dropped port.
                assert!(
                    *at < opts.connect_timeout,
                    "{} arrived at {at:?}",
                    report.endpoint
                );
                let want = if expected.security == Security::Plain {
                    Verdict::InsecurePlaintextOnly {
                        reason: PlaintextReason::PlainEndpoint,
                    }
                } else {
                    Verdict::Secure
                };
                assert_eq!(report.verdict, want, "{}: {report:#?}", report.endpoint);
            }
            reports.push((**report).clone());
        }
    }
    assert_eq!(reports.len(), 8);
    within(total, opts.connect_timeout);
    let rec = recommend(&reports, &[Protocol::Pop3, Protocol::Imap, Protocol::Smtp]);
    assert_eq!(
        rec[0].endpoint.as_ref().map(|e| (e.port, e.security)),
        Some((p995, Security::Tls))
    );
    assert_eq!(rec[0].alternatives.len(), 1); // 110 STLS; never the plain one
    assert_eq!(
        rec[1].endpoint.as_ref().map(|e| (e.port, e.security)),
        Some((i993, Security::Tls))
    );
    assert_eq!(
        rec[2].endpoint.as_ref().map(|e| (e.port, e.security)),
        Some((s465, Security::Tls))
    );
    assert_eq!(
        rec[2]
            .alternatives
            .iter()
            .map(|e| e.port)
            .collect::<Vec<_>>(),
        [s587]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_and_supersede_drop_stale_events() {
    let pki = Pki::new("test CA");
    let silent = serve_raw(|mut tcp| async move {
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (good, _) = serve(pop3_script(Some(acc), None, false, || Act::Reply(vec![]))).await;
    let opts = options(&pki, &[]);
    let (mut handle, events) = handle_on_current_runtime();
    let g1 = handle
        .start(ProbeRequest {
            endpoints: vec![ep(Protocol::Pop3, silent, Security::Plain)],
            options: opts.clone(),
            login: None,
            reuse: None,
        })
        .unwrap();
    let g2 = handle
        .start(ProbeRequest {
            endpoints: vec![ep(Protocol::Pop3, good, Security::Tls)],
            options: opts.clone(),
            login: None,
            reuse: None,
        })
        .unwrap();
    assert!(g2 > g1);
    let got = tokio::task::spawn_blocking(move || {
        let mut got = Vec::new();
        while let Some(e) = events.recv_timeout(Duration::from_secs(3)) {
            got.push(e);
        }
        got
    })
    .await
    .unwrap();
    assert!(got.iter().all(|e| e.generation() == g2), "{got:?}");
    assert!(got.iter().any(|e| matches!(e, ProbeEvent::EndpointDone { report, .. } if report.verdict == Verdict::Secure)));
    assert!(matches!(got.last(), Some(ProbeEvent::Finished { .. })));

    // Cancel: nothing more arrives.
    let (mut handle, events) = handle_on_current_runtime();
    handle
        .start(ProbeRequest {
            endpoints: vec![ep(Protocol::Pop3, silent, Security::Plain)],
            options: opts,
            login: None,
            reuse: None,
        })
        .unwrap();
    handle.cancel();
    let got = tokio::task::spawn_blocking(move || events.recv_timeout(Duration::from_millis(1500)))
        .await
        .unwrap();
    assert!(got.is_none(), "{got:?}");
}

// ------------------------------------------------------------------ login policy

/// A POP3 server that records every command and accepts any login.
pub(super) fn recording_pop3(
    implicit: Option<TlsAcceptor>,
    offer_stls_and_auth_in_plaintext: bool,
) -> (Script, Arc<std::sync::Mutex<Vec<String>>>) {
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let script = Script {
        greeting: b"+OK test POP3 ready\r\n".to_vec(),
        implicit,
        starttls: None,
        respond: Box::new(move |line, _tls| {
            log.lock().unwrap().push(line.to_owned());
            let upper = line.to_ascii_uppercase();
            if upper == "CAPA" {
                if offer_stls_and_auth_in_plaintext {
                    // AUTH and USER offered before (and without) STARTTLS.
                    Act::Reply(b"+OK\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n".to_vec())
                } else {
                    Act::Reply(b"+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n".to_vec())
                }
            } else if upper.starts_with("AUTH ")
                || upper.starts_with("USER ")
                || upper.starts_with("PASS ")
            {
                Act::Reply(b"+OK logged in\r\n".to_vec())
            } else if upper == "QUIT" {
                Act::Quit(b"+OK bye\r\n".to_vec())
            } else {
                Act::Reply(b"-ERR unknown\r\n".to_vec())
            }
        }),
    };
    (script, seen)
}

/// The commands a recording server saw, once it has seen `n` of them (at
/// most 5 s): the probe does not wait for the answer to QUIT, so the server
/// may read it after the probe has finished.
pub(super) async fn server_saw(seen: &std::sync::Mutex<Vec<String>>, n: usize) -> Vec<String> {
    for _ in 0..500 {
        let now = seen.lock().unwrap().clone();
        if now.len() >= n {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    seen.lock().unwrap().clone()
}

pub(super) async fn probe_login(
    ep: Endpoint,
    opts: &ProbeOptions,
    allow: Vec<mailconf::probe::InsecureAllow>,
) -> EndpointReport {
    use mailconf::probe::{Credentials, LoginContext, LoginGate, LoginRequest};
    let ctx = TlsContext::new(&opts.extra_roots).unwrap();
    let creds =
        Credentials::new("alice@mail.test", secrecy::SecretString::from("s3cret-pw")).unwrap();
    let request = Arc::new(LoginRequest::new(creds, None, allow));
    let gate = LoginGate::new();
    mailconf::probe::probe_endpoint_with_login(
        &ep,
        opts,
        &ctx,
        &NoDns,
        Some(LoginContext {
            request: &request,
            gate: &gate,
        }),
    )
    .await
}

#[tokio::test]
async fn auth_offered_without_starttls_does_not_get_the_password() {
    use mailconf::probe::{LoginOutcome, NotTriedReason};
    let pki = Pki::new("login CA");
    let (script, seen) = recording_pop3(None, true);
    let (port, _) = serve(script).await;
    let r = probe_login(
        ep(Protocol::Pop3, port, Security::Starttls),
        &options(&pki, &[]),
        vec![],
    )
    .await;
    assert_eq!(
        r.login.as_ref().map(|l| &l.result),
        Some(&LoginOutcome::NotTried {
            reason: NotTriedReason::Plaintext
        })
    );
    let seen = server_saw(&seen, 2).await;
    assert_eq!(seen, ["CAPA", "QUIT"], "the server saw: {seen:?}");
}

#[tokio::test]
async fn untrusted_certificate_gets_the_password_only_when_that_endpoint_is_allowed() {
    use mailconf::probe::{InsecureAllow, LoginOutcome, NotTriedReason, TlsErrorKind};
    let pki = Pki::new("login CA");
    let opts = options(&pki, &[]);
    let (script, seen) = recording_pop3(Some(self_signed_acceptor(&[HOST])), false);
    let (port, _) = serve(script).await;
    let r = probe_login(ep(Protocol::Pop3, port, Security::Tls), &opts, vec![]).await;
    assert_eq!(
        r.login.as_ref().map(|l| &l.result),
        Some(&LoginOutcome::NotTried {
            reason: NotTriedReason::UntrustedCertificate {
                tls_kind: TlsErrorKind::SelfSigned
            }
        })
    );
    assert_eq!(server_saw(&seen, 2).await, ["CAPA", "QUIT"]);

    let (acc, der) = self_signed(&[HOST]);
    let (script, seen) = recording_pop3(Some(acc), false);
    let (port, _) = serve(script).await;
    let fp = mailconf::probe::tls::fingerprint(&der);
    let allow = InsecureAllow::parse(&format!("pop3:{port}:tls:sha256={fp}")).unwrap();
    let r = probe_login(ep(Protocol::Pop3, port, Security::Tls), &opts, vec![allow]).await;
    assert!(
        r.summary
            .ends_with("; read in report-only mode; the password was sent because you allowed exactly this certificate"),
        "{}",
        r.summary
    );
    let login = r.login.unwrap();
    assert_eq!(login.result, LoginOutcome::Success);
    assert_eq!(login.mechanism.as_deref(), Some("AUTH PLAIN"));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[1].starts_with("AUTH PLAIN "));
    // Recorded redacted, sent in full.
    assert!(
        r.transcript
            .lines
            .iter()
            .any(|l| l.text == "AUTH PLAIN [redacted]")
    );
    let shown = format!("{}{}", r.transcript, serde_json::to_string(&login).unwrap());
    for form in super::replay::secret_forms("alice@mail.test", "s3cret-pw") {
        assert!(!shown.contains(&form), "{form}");
    }
}

/// The probe does not wait for what it does not report: a server that never
/// answers QUIT (and keeps the connection open) gets QUIT and then the
/// probe's close, and the report is whole, with no reply timeout.
#[tokio::test]
async fn the_probe_does_not_wait_for_the_answer_to_quit() {
    use tokio::io::AsyncBufReadExt;
    let pki = Pki::new("quit CA");
    let (tx, rx) = tokio::sync::oneshot::channel::<Vec<String>>();
    let port = serve_raw(|tcp| async move {
        let (read, mut write) = tcp.into_split();
        let mut lines = tokio::io::BufReader::new(read).lines();
        let mut seen = Vec::new();
        if write.write_all(b"+OK ready\r\n").await.is_err() {
            return;
        }
        // Every command is recorded; only CAPA is answered. The loop ends
        // when the probe closes the connection.
        while let Ok(Some(line)) = lines.next_line().await {
            if line == "CAPA" && write.write_all(b"+OK\r\nUSER\r\n.\r\n").await.is_err() {
                break;
            }
            seen.push(line);
        }
        seen.push("(closed by the probe)".to_owned());
        let _ = tx.send(seen);
    })
    .await;
    let mut opts = options(&pki, &[(110, port)]);
    // Long enough that waiting for the answer would end in a reply timeout
    // instead of a report without error.
    opts.reply_timeout = Duration::from_secs(3);
    let r = probe_endpoint(
        &ep(Protocol::Pop3, 110, Security::Plain),
        &opts,
        &TlsContext::new(&opts.extra_roots).unwrap(),
        &NoDns,
    )
    .await;
    assert!(r.error.is_none(), "{:?}\n{}", r.error, r.transcript);
    assert!(!r.session.quit_acknowledged);
    let lines = &r.transcript.lines;
    let quit = lines
        .iter()
        .rposition(|l| l.dir == mailconf::probe::transcript::Direction::Client)
        .unwrap();
    assert_eq!(lines[quit].text, "QUIT", "{}", r.transcript);
    assert!(
        lines[quit + 1..]
            .iter()
            .all(|l| l.dir == mailconf::probe::transcript::Direction::Info),
        "nothing is read after QUIT: {}",
        r.transcript
    );
    // The server got QUIT, and then the probe's close, not a wait.
    let seen = tokio::time::timeout(Duration::from_secs(5), rx)
        .await
        .expect("the probe left the connection open")
        .unwrap();
    assert_eq!(seen, ["CAPA", "QUIT", "(closed by the probe)"]);
}
