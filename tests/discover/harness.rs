//! Real local services for the discovery tests: dnsmasq on a loopback port, an
//! HTTPS (and HTTP) server with a test CA serving autoconfig documents, and
//! tiny mail listeners that send a greeting line.
//!
//! Everything listens on 127.0.0.1 only and is stopped when its guard is
//! dropped (also when a test panics). Nothing here ever talks to another
//! address: names resolve through the test's own dnsmasq, which knows only
//! `.test` names and has no upstream server.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::collections::HashMap;
use std::io::Write as _;
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// The records every test's dnsmasq serves. Only `.test` (reserved, RFC 2606) names.
pub const ZONE: &str = "\
local=/test/
mx-host=google-hosted.test,aspmx.l.google.com,1
mx-host=google-hosted.test,alt1.aspmx.l.google.com,5
mx-host=tencent-hosted.test,mxbiz1.qq.com,5
mx-host=tencent-hosted.test,mxbiz2.qq.com,10
mx-host=netease-hosted.test,qiye163mx01.mxmail.netease.com,5
mx-host=alibaba-hosted.test,mxn.mxhichina.com,5
mx-host=ms-hosted.test,ms-hosted-test.mail.protection.outlook.com,0
mx-host=mxbase.test,mx1.hosting-co.test,10
mx-host=multi.test,aspmx.l.google.com,1
mx-host=unknown-mx.test,mx.nobody-knows.test,10
mx-host=mxsrv.test,mx1.hosting-co.test,10
srv-host=_imaps._tcp.mxsrv.test,imap.mxsrv.test,993,0,1
host-record=autoconfig.ac-only.test,127.0.0.1
host-record=wk-only.test,127.0.0.1
host-record=ispdb.test,127.0.0.1
host-record=autoconfig.malformed.test,127.0.0.1
host-record=autoconfig.huge.test,127.0.0.1
host-record=autoconfig.huge-len.test,127.0.0.1
host-record=autoconfig.redirect.test,127.0.0.1
host-record=autoconfig.loop.test,127.0.0.1
host-record=autoconfig.plain.test,127.0.0.1
host-record=autoconfig.slow.test,127.0.0.1
host-record=autoconfig.multi.test,127.0.0.1
host-record=autoconfig.known-provider.test,127.0.0.1
host-record=autoconfig.xn--fsqu00a.test,127.0.0.1
host-record=autoconfig.hostile.test,127.0.0.1
host-record=pop.guess.test,127.0.0.1
host-record=imap.guess.test,127.0.0.1
host-record=smtp.guess.test,127.0.0.1
srv-host=_pop3s._tcp.srv-only.test,pop.srv-only.test,995,0,1
srv-host=_submission._tcp.srv-only.test,smtp.srv-only.test,587,0,1
srv-host=_imaps._tcp.srv-only.test,imap.attacker.test,993,0,1
srv-host=_imaps._tcp.forged.test,imap.attacker.test,993,0,1
srv-host=_submissions._tcp.forged.test,mail.attacker.test,465,0,1
srv-host=_pop3s._tcp.srv-known.test,pop.known-provider.test,995,0,1
srv-host=_imaps._tcp.multi.test,imap.multi.test,993,0,1
";

/// Names the test certificate covers (each also as `*.name`).
const CERT_DOMAINS: &[&str] = &[
    "ac-only.test",
    "wk-only.test",
    "ispdb.test",
    "malformed.test",
    "huge.test",
    "huge-len.test",
    "redirect.test",
    "loop.test",
    "plain.test",
    "slow.test",
    "multi.test",
    "known-provider.test",
    "xn--fsqu00a.test",
    "guess.test",
    "hostile.test",
];

/// A loopback port nothing listens on (TCP and UDP). It is taken below the
/// kernel's ephemeral range, from which every listener here (bound to port 0)
/// gets its port, so no parallel test picks it up by chance; only dnsmasq
/// instances share this range, and they retry on a clash.
pub fn closed_port() -> u16 {
    let low: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|p| p.parse().ok()))
        .unwrap_or(32768);
    let (from, to) = (
        low.saturating_sub(12000).max(1024),
        low.saturating_sub(1000),
    );
    for _ in 0..200 {
        let port = rand::random_range(from..to);
        let tcp = std::net::TcpListener::bind(("127.0.0.1", port));
        let udp = std::net::UdpSocket::bind(("127.0.0.1", port));
        if tcp.is_ok() && udp.is_ok() {
            return port;
        }
    }
    panic!("no closed loopback port below the ephemeral range");
}

/// dnsmasq serving [`ZONE`] on a loopback port; killed on drop.
pub struct Dnsmasq {
    child: Child,
    /// The UDP and TCP port.
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl Dnsmasq {
    /// Starts dnsmasq with [`ZONE`]. Panics (failing the test) when dnsmasq is
    /// missing: the tests need it (`apt-get install dnsmasq`, or
    /// `tests/harness/install-deps.sh`).
    pub fn start() -> Dnsmasq {
        Dnsmasq::start_with(ZONE)
    }

    /// Starts dnsmasq serving `zone` (dnsmasq configuration lines).
    pub fn start_with(zone: &str) -> Dnsmasq {
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = dir.path().join("zone.conf");
        std::fs::write(&conf, zone).expect("write dnsmasq config");
        let bin = ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists())
            .expect("dnsmasq is not installed: run `apt-get install -y --no-install-recommends dnsmasq` (tests/harness/install-deps.sh does)");
        let mut last_log = String::new();
        for _attempt in 0..5 {
            let port = closed_port();
            let log = dir.path().join("dnsmasq.log");
            let log_file = std::fs::File::create(&log).expect("log file");
            let mut child = Command::new(&bin)
                .arg("--no-resolv")
                .arg("--no-hosts")
                .arg(format!("--port={port}"))
                .arg("--listen-address=127.0.0.1")
                .arg("--bind-interfaces")
                .arg("--keep-in-foreground")
                .arg("--conf-file=/dev/null")
                .arg(format!("--conf-file={}", conf.display()))
                .arg("--pid-file=")
                .arg("--log-facility=-")
                .arg("--cache-size=0")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::from(log_file))
                .spawn()
                .expect("start dnsmasq");
            // Ready when it accepts TCP on its port (it serves both); bounded wait.
            for _ in 0..300 {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Dnsmasq {
                        child,
                        port,
                        _dir: dir,
                    };
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = child.kill();
            let _ = child.wait();
            last_log = std::fs::read_to_string(&log).unwrap_or_default();
        }
        panic!("dnsmasq did not start:\n{last_log}");
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }
}

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A test CA and one server certificate for every test name.
pub struct TestCa {
    /// The CA certificate (to trust).
    pub ca_der: CertificateDer<'static>,
    /// The CA certificate as PEM (for `--ca-file`).
    pub ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

impl TestCa {
    /// A fresh CA and server certificate.
    pub fn new() -> TestCa {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "mailconf discovery test CA");
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca_params.self_signed(&ca_key).expect("CA cert");
        let issuer = Issuer::new(ca_params, ca_key);
        let mut names = Vec::new();
        for d in CERT_DOMAINS {
            names.push((*d).to_owned());
            names.push(format!("*.{d}"));
        }
        let leaf_key = KeyPair::generate().expect("leaf key");
        let mut leaf = CertificateParams::new(names).expect("leaf params");
        leaf.distinguished_name
            .push(DnType::CommonName, "mailconf discovery test server");
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).expect("leaf cert");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        let server = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![leaf_cert.der().clone()], key)
        .expect("server config");
        TestCa {
            ca_der: ca_cert.der().clone(),
            ca_pem: ca_cert.pem(),
            server: Arc::new(server),
        }
    }

    /// Writes the CA as PEM into `dir` and returns the path.
    pub fn write_pem(&self, dir: &std::path::Path) -> PathBuf {
        let p = dir.join("test-ca.pem");
        let mut f = std::fs::File::create(&p).expect("CA file");
        f.write_all(self.ca_pem.as_bytes()).expect("write CA");
        p
    }
}

/// What the web server answers for one host and path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this XML (and a Content-Length).
    Xml(String),
    /// A redirect (302) to this URL; `{http}` and `{https}` are replaced by the
    /// plain-HTTP and HTTPS ports.
    Redirect(String),
    /// A chunked body of 1 MiB + 64 KiB that never ends (the connection then hangs).
    HugeChunkedThenHang,
    /// A 2 MiB body announced by Content-Length.
    HugeWithLength,
    /// Reads the request and never answers.
    Hang,
}

/// Replies by (host, path).
pub type Routes = HashMap<(String, String), Reply>;

/// Requests seen: (scheme, host header, path with query).
pub type Seen = Arc<Mutex<Vec<(String, String, String)>>>;

/// A background tokio runtime on its own thread, shut down on drop.
pub struct Background {
    handle: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Background {
    fn new() -> Background {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (htx, hrx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("runtime");
            let _ = htx.send(rt.handle().clone());
            rt.block_on(async {
                let _ = rx.await;
            });
            rt.shutdown_background();
        });
        let handle = hrx.recv().expect("runtime handle");
        Background {
            handle,
            stop: Some(tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The local web and mail services of one test.
pub struct Services {
    /// The HTTPS port (map 443 to it).
    pub https_port: u16,
    /// The plain HTTP port (map 80 to it).
    pub http_port: u16,
    /// Requests the web server saw.
    pub seen: Seen,
    /// The test CA.
    pub ca: Arc<TestCa>,
    bg: Background,
}

fn listener() -> (std::net::TcpListener, u16) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.set_nonblocking(true).expect("nonblocking");
    let port = l.local_addr().expect("addr").port();
    (l, port)
}

impl Services {
    /// Starts the HTTPS and HTTP servers with `routes` for HTTPS and
    /// `http_routes` for plain HTTP, keyed by (host, path).
    pub fn start(routes: Routes, http_routes: Routes) -> Services {
        let ca = Arc::new(TestCa::new());
        let bg = Background::new();
        let seen: Seen = Arc::default();
        let (tls_l, https_port) = listener();
        let (http_l, http_port) = listener();
        let acceptor = tokio_rustls::TlsAcceptor::from(ca.server.clone());
        let routes = Arc::new(routes);
        let http_routes = Arc::new(http_routes);
        {
            let seen = seen.clone();
            bg.handle.spawn(async move {
                let l = tokio::net::TcpListener::from_std(tls_l).expect("listener");
                loop {
                    let Ok((sock, _)) = l.accept().await else {
                        continue;
                    };
                    let acceptor = acceptor.clone();
                    let routes = routes.clone();
                    let seen = seen.clone();
                    tokio::spawn(async move {
                        if let Ok(tls) = acceptor.accept(sock).await {
                            serve(tls, "https", routes, seen, (http_port, https_port)).await;
                        }
                    });
                }
            });
        }
        {
            let seen = seen.clone();
            bg.handle.spawn(async move {
                let l = tokio::net::TcpListener::from_std(http_l).expect("listener");
                loop {
                    let Ok((sock, _)) = l.accept().await else {
                        continue;
                    };
                    let routes = http_routes.clone();
                    let seen = seen.clone();
                    tokio::spawn(serve(sock, "http", routes, seen, (http_port, https_port)));
                }
            });
        }
        Services {
            https_port,
            http_port,
            seen,
            ca,
            bg,
        }
    }

    /// A listener that sends `greeting` + CRLF (over TLS when `tls`), then
    /// waits for the client to go away. Returns its port.
    pub fn banner(&self, greeting: &str, tls: bool) -> u16 {
        let (l, port) = listener();
        let greeting = format!("{greeting}\r\n");
        let acceptor = tokio_rustls::TlsAcceptor::from(self.ca.server.clone());
        self.bg.handle.spawn(async move {
            let l = tokio::net::TcpListener::from_std(l).expect("listener");
            loop {
                let Ok((sock, _)) = l.accept().await else {
                    continue;
                };
                let greeting = greeting.clone();
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    if tls {
                        if let Ok(mut s) = acceptor.accept(sock).await {
                            let _ = s.write_all(greeting.as_bytes()).await;
                            let mut sink = [0u8; 64];
                            let _ = s.read(&mut sink).await;
                        }
                    } else {
                        let mut s = sock;
                        let _ = s.write_all(greeting.as_bytes()).await;
                        let mut sink = [0u8; 64];
                        let _ = s.read(&mut sink).await;
                    }
                });
            }
        });
        port
    }

    /// A listener that accepts and closes at once. Returns its port.
    pub fn closer(&self) -> u16 {
        let (l, port) = listener();
        self.bg.handle.spawn(async move {
            let l = tokio::net::TcpListener::from_std(l).expect("listener");
            loop {
                let Ok((sock, _)) = l.accept().await else {
                    continue;
                };
                drop(sock);
            }
        });
        port
    }
}

/// Serves one HTTP/1.1 request on `s` and closes.
async fn serve<S>(
    mut s: S,
    scheme: &'static str,
    routes: Arc<Routes>,
    seen: Seen,
    ports: (u16, u16),
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 16 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let target = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_owned();
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    if let Ok(mut v) = seen.lock() {
        v.push((scheme.to_owned(), host.clone(), target.clone()));
    }
    let bare_host = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
    let path = target.split('?').next().unwrap_or("/");
    let reply = routes
        .get(&(bare_host.to_owned(), path.to_owned()))
        .cloned();
    let write = |status: &str, headers: String, body: &[u8]| {
        let mut out =
            format!("HTTP/1.1 {status}\r\nConnection: close\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    };
    match reply {
        None => {
            let _ = s
                .write_all(&write("404 Not Found", "Content-Length: 0\r\n".into(), b""))
                .await;
        }
        Some(Reply::Xml(x)) => {
            let headers = format!(
                "Content-Type: application/xml\r\nContent-Length: {}\r\n",
                x.len()
            );
            let _ = s.write_all(&write("200 OK", headers, x.as_bytes())).await;
        }
        Some(Reply::Redirect(to)) => {
            let to = to
                .replace("{http}", &ports.0.to_string())
                .replace("{https}", &ports.1.to_string());
            let headers = format!("Location: {to}\r\nContent-Length: 0\r\n");
            let _ = s.write_all(&write("302 Found", headers, b"")).await;
        }
        Some(Reply::HugeWithLength) => {
            let n = 2 * 1024 * 1024;
            let headers = format!("Content-Type: application/xml\r\nContent-Length: {n}\r\n");
            let _ = s.write_all(&write("200 OK", headers, b"")).await;
            let block = vec![b' '; 64 * 1024];
            for _ in 0..(n / block.len()) {
                if s.write_all(&block).await.is_err() {
                    return;
                }
            }
        }
        Some(Reply::HugeChunkedThenHang) => {
            let headers = "Content-Type: application/xml\r\nTransfer-Encoding: chunked\r\n".into();
            let _ = s.write_all(&write("200 OK", headers, b"")).await;
            let block = vec![b' '; 64 * 1024];
            let mut frame = format!("{:x}\r\n", block.len()).into_bytes();
            frame.extend_from_slice(&block);
            frame.extend_from_slice(b"\r\n");
            for _ in 0..17 {
                if s.write_all(&frame).await.is_err() {
                    return;
                }
            }
            let _ = s.flush().await;
            // Never send the last chunk: only a cap enforced while streaming stops here.
            std::future::pending::<()>().await;
        }
        Some(Reply::Hang) => {
            std::future::pending::<()>().await;
        }
    }
    let _ = s.shutdown().await;
}

/// A good autoconfig document whose servers live in `host_domain`
/// (`%EMAILDOMAIN%` when the document is meant for any domain).
pub fn autoconfig_xml(id: &str, name: &str, host_domain: &str) -> String {
    include_str!("autoconfig-good.xml")
        .replace("{{ID}}", id)
        .replace("{{NAME}}", name)
        .replace("{{HOSTS}}", host_domain)
}

/// A hostile autoconfig document: control characters in the display name and
/// in two host names (one with a fetchmail `plugin` line after a newline).
pub fn hostile_xml() -> String {
    include_str!("autoconfig-hostile.xml").to_owned()
}

/// A malformed autoconfig document.
pub fn malformed_xml() -> String {
    include_str!("autoconfig-malformed.xml").to_owned()
}
