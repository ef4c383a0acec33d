//! The only code that owns sockets: resolve, connect (Happy Eyeballs), pump
//! bytes through a protocol machine, swap in TLS, enforce every deadline.
//!
//! Deadlines: name resolution and TCP connect share the connect deadline; each
//! reply (greeting, every command's answer, each TLS handshake) has the reply
//! deadline, which does not restart while bytes trickle in, so a server sending
//! one byte a second is cut on time; the whole endpoint has the overall deadline.
//! Partial results (transcript, greeting, TLS facts) survive a cut.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio::time::timeout_at;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::error::{DnsFailure, ProbeError, ProtocolError, ResolveError, TimeoutPhase};
use super::gate::{GatePass, LoginGate};
use super::login::{LoginOutcome, LoginReport, LoginRequest, NotTriedReason, login_policy};
use super::reply::Limits;
use super::report::{Endpoint, EndpointReport, Timings, Verdict, summary_for, verdict_for};
use super::session::{MachineConfig, ProtocolMachine, SessionReport, Step, machine_for};
use super::tls::{self, CertMode, TlsContext, TlsReport};
use super::transcript::{LogEntry, Transcript};
use crate::providers::Security;

/// Name resolution, behind a small trait so the system resolver can be replaced
/// (hickory later; a fixed table in tests).
pub trait Resolve: Send + Sync {
    /// Every address of `host` (IPv4 and IPv6). An error says whether the
    /// DNS answered that the name has no address ([`DnsFailure::NoSuchHost`])
    /// or no answer was had ([`DnsFailure::LookupFailed`]).
    fn resolve<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, ResolveError>> + Send + 'a>>;
}

/// The operating system's resolver (`getaddrinfo` through tokio). Its error
/// does not say why (the standard library keeps getaddrinfo's code to
/// itself), so a failure is [`DnsFailure::LookupFailed`]: it never claims a
/// host is gone; `check` asks the DNS when it needs to know.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemResolver;

impl Resolve for SystemResolver {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, ResolveError>> + Send + 'a>> {
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host, 0))
                .await
                .map_err(|e| ResolveError {
                    failure: DnsFailure::LookupFailed,
                    message: e.to_string(),
                })?;
            let mut out: Vec<IpAddr> = Vec::new();
            for a in addrs {
                if !out.contains(&a.ip()) {
                    out.push(a.ip());
                }
            }
            Ok(out)
        })
    }
}

/// Options of a probe.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// Deadline for DNS plus TCP connect (default 5 s).
    pub connect_timeout: Duration,
    /// Deadline for each reply and each TLS handshake (default 10 s).
    pub reply_timeout: Duration,
    /// Deadline for one endpoint's whole probe (default 30 s).
    pub overall_timeout: Duration,
    /// Standard port → port actually connected to (`--port-map 995=10995`).
    pub port_map: BTreeMap<u16, u16>,
    /// Host → addresses, bypassing DNS (`--resolve host:addr`).
    pub resolve: BTreeMap<String, Vec<IpAddr>>,
    /// Extra trust anchors (`--ca-file`).
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// Also trust the operating system's certificate store (`--system-roots`).
    pub os_roots: bool,
    /// Whether invalid certificates abort the handshake or are only reported.
    pub cert_mode: CertMode,
    /// Size caps.
    pub limits: Limits,
    /// Happy Eyeballs stagger between connection attempts (default 250 ms).
    pub happy_eyeballs_delay: Duration,
    /// At most this many endpoints of one run (probe, or discovery's checks)
    /// are connected at once (`--max-connections`, default 16); the others
    /// wait their turn.
    pub max_connections: usize,
}

/// The default of [`ProbeOptions::max_connections`].
pub const DEFAULT_MAX_CONNECTIONS: usize = 16;

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            connect_timeout: Duration::from_secs(5),
            reply_timeout: Duration::from_secs(10),
            overall_timeout: Duration::from_secs(30),
            port_map: BTreeMap::new(),
            resolve: BTreeMap::new(),
            extra_roots: Vec::new(),
            os_roots: false,
            cert_mode: CertMode::ReportOnly,
            limits: Limits::default(),
            happy_eyeballs_delay: Duration::from_millis(250),
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The connection, before or after TLS.
enum Conn {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Conn {
    async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf).await,
            Conn::Tls(s) => s.read(buf).await,
        }
    }
    async fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.write_all(bytes).await,
            Conn::Tls(s) => {
                s.write_all(bytes).await?;
                s.flush().await
            }
        }
    }
    async fn shutdown(&mut self) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.shutdown().await,
            Conn::Tls(s) => s.shutdown().await,
        }
    }
}

/// What one endpoint's run has gathered; survives a deadline cut.
struct Run {
    start: Instant,
    transcript: Transcript,
    timings: Timings,
    addresses: Vec<IpAddr>,
    connected_to: Option<SocketAddr>,
    tls: Option<TlsReport>,
    machine: Option<Box<dyn ProtocolMachine>>,
    /// Held from the login to the end of the session: this endpoint's turn.
    pass: Option<GatePass>,
    /// A command carrying the password (in some form) was written.
    secret_sent: bool,
}

impl Run {
    fn note(&mut self, entry: LogEntry) {
        let at = ms(self.start.elapsed());
        self.transcript.record(at, entry);
    }
    fn drain(&mut self) {
        let entries = match self.machine.as_mut() {
            Some(m) => m.take_log(),
            None => return,
        };
        for e in entries {
            self.note(e);
        }
    }
}

/// Probes one endpoint. Never panics, always returns a report within
/// `options.overall_timeout` (plus scheduling slack).
pub async fn probe_endpoint(
    endpoint: &Endpoint,
    options: &ProbeOptions,
    tls_ctx: &TlsContext,
    resolver: &dyn Resolve,
) -> EndpointReport {
    probe_endpoint_with_login(endpoint, options, tls_ctx, resolver, None).await
}

/// The credentials of a run and its lockout gate.
#[derive(Debug, Clone, Copy)]
pub struct LoginContext<'a> {
    /// What to log in with.
    pub request: &'a Arc<LoginRequest>,
    /// Shared by all endpoints of the run.
    pub gate: &'a LoginGate,
}

/// [`probe_endpoint`] with a login test when `login` is given.
pub async fn probe_endpoint_with_login(
    endpoint: &Endpoint,
    options: &ProbeOptions,
    tls_ctx: &TlsContext,
    resolver: &dyn Resolve,
    login: Option<LoginContext<'_>>,
) -> EndpointReport {
    let connect_port = options
        .port_map
        .get(&endpoint.port)
        .copied()
        .unwrap_or(endpoint.port);
    let mut run = Run {
        start: Instant::now(),
        transcript: Transcript::default(),
        timings: Timings::default(),
        addresses: Vec::new(),
        connected_to: None,
        tls: None,
        machine: None,
        pass: None,
        secret_sent: false,
    };
    let overall_deadline = tokio::time::Instant::now() + options.overall_timeout;
    let outcome = match timeout_at(
        overall_deadline,
        drive(
            endpoint,
            connect_port,
            options,
            tls_ctx,
            resolver,
            login,
            &mut run,
        ),
    )
    .await
    {
        Ok(r) => r,
        Err(_) => Err(ProbeError::Timeout {
            phase: TimeoutPhase::Overall,
            after_ms: ms(options.overall_timeout),
        }),
    };
    run.drain();
    if let Err(e) = &outcome {
        run.note(LogEntry::info(format!("probe ended: {e}")));
    }
    run.timings.total_ms = ms(run.start.elapsed());
    let mut session = match &outcome {
        Ok(s) => s.clone(),
        Err(_) => run.machine.as_ref().map(|m| m.report()).unwrap_or_else(|| {
            machine_for(
                endpoint.protocol,
                endpoint.security,
                MachineConfig::default(),
            )
            .report()
        }),
    };
    let verdict = verdict_for(endpoint.security, &outcome, run.tls.as_ref());
    let error = outcome.as_ref().err();
    let machine_login = session.login.take();
    let login_report = login.map(|_| {
        let mut r = machine_login.unwrap_or_else(|| {
            LoginReport::not_tried(match (&verdict, error) {
                (Verdict::InsecurePlaintextOnly { .. }, None) => NotTriedReason::Plaintext,
                _ => NotTriedReason::ProbeFailed,
            })
        });
        if let (LoginOutcome::ConnectionProblem { message }, Some(e)) = (&mut r.result, error) {
            *message = e.to_string();
        }
        r
    });
    if let (Some(mut pass), Some(r)) = (run.pass.take(), &login_report) {
        pass.record(endpoint, &r.result, run.secret_sent);
    }
    let summary = summary_for(&verdict, error, run.tls.as_ref(), run.secret_sent);
    EndpointReport {
        endpoint: endpoint.clone(),
        connect_port,
        summary,
        verdict,
        error: error.map(EndpointReport::error_info),
        addresses: run.addresses,
        connected_to: run.connected_to,
        tls: run.tls,
        session,
        timings: run.timings,
        transcript: run.transcript,
        login: login_report,
    }
}

async fn drive(
    endpoint: &Endpoint,
    connect_port: u16,
    options: &ProbeOptions,
    tls_ctx: &TlsContext,
    resolver: &dyn Resolve,
    login: Option<LoginContext<'_>>,
    run: &mut Run,
) -> Result<SessionReport, ProbeError> {
    let connect_deadline = tokio::time::Instant::now() + options.connect_timeout;
    let connect_timeout = || ProbeError::Timeout {
        phase: TimeoutPhase::Connect,
        after_ms: ms(options.connect_timeout),
    };

    // Resolve.
    let t = Instant::now();
    let host = endpoint.host.trim_start_matches('[').trim_end_matches(']');
    let addresses = if let Ok(ip) = host.parse::<IpAddr>() {
        vec![ip]
    } else if let Some(fixed) = options.resolve.get(&host.to_ascii_lowercase()) {
        fixed.clone()
    } else {
        // A lookup still running at the connect deadline is a failed
        // lookup, not a server that does not answer.
        timeout_at(connect_deadline, resolver.resolve(host))
            .await
            .map_err(|_| ProbeError::Dns {
                host: host.to_owned(),
                failure: DnsFailure::LookupFailed,
                message: format!(
                    "no answer within {} s",
                    super::error::format_secs(ms(options.connect_timeout))
                ),
            })?
            .map_err(|e| ProbeError::Dns {
                host: host.to_owned(),
                failure: e.failure,
                message: e.message,
            })?
    };
    run.timings.dns_ms = Some(ms(t.elapsed()));
    if addresses.is_empty() {
        return Err(ProbeError::Dns {
            host: host.to_owned(),
            failure: DnsFailure::NoSuchHost,
            message: "no addresses".to_owned(),
        });
    }
    run.addresses = addresses.clone();

    // Connect.
    let t = Instant::now();
    let tcp = timeout_at(
        connect_deadline,
        happy_eyeballs(&addresses, connect_port, options.happy_eyeballs_delay),
    )
    .await
    .map_err(|_| connect_timeout())??;
    run.timings.connect_ms = Some(ms(t.elapsed()));
    let _ = tcp.set_nodelay(true);
    let peer = tcp.peer_addr().ok();
    run.connected_to = peer;
    run.note(LogEntry::info(format!(
        "connected to {}",
        peer.map_or_else(|| "?".to_owned(), |p| p.to_string())
    )));
    let client_name = match tcp.local_addr().map(|a| a.ip()) {
        Ok(IpAddr::V4(v4)) => format!("[{v4}]"),
        Ok(IpAddr::V6(v6)) => format!("[IPv6:{v6}]"),
        Err(_) => "[127.0.0.1]".to_owned(),
    };
    let server_name = ServerName::try_from(host.to_owned()).map_err(|e| ProbeError::Tls {
        kind: tls::TlsErrorKind::HandshakeFailed,
        message: format!("invalid server name {host:?}: {e}"),
    })?;

    run.machine = Some(machine_for(
        endpoint.protocol,
        endpoint.security,
        MachineConfig {
            limits: options.limits,
            client_name,
            login: login.map(|l| l.request.clone()),
        },
    ));
    let reply_timeout = options.reply_timeout;
    let mut reply_deadline = tokio::time::Instant::now() + reply_timeout;
    let mut conn = Conn::Plain(tcp);
    let mut greeting_from = Instant::now();
    let mut step = if endpoint.security == Security::Tls {
        conn = handshake(conn, &server_name, options, tls_ctx, run).await?;
        greeting_from = Instant::now();
        reply_deadline = tokio::time::Instant::now() + reply_timeout;
        machine(run)?.tls_established()
    } else {
        Step::NeedMore
    };

    let mut buf = vec![0u8; 16 * 1024];
    loop {
        run.drain();
        step = match step {
            Step::NeedMore => {
                let waiting = machine(run)?.waiting_for();
                let n = timeout_at(reply_deadline, conn.read(&mut buf))
                    .await
                    .map_err(|_| {
                        run.note(LogEntry::info(format!(
                            "no complete reply: waited for {waiting}"
                        )));
                        ProbeError::Timeout {
                            phase: TimeoutPhase::Reply,
                            after_ms: ms(reply_timeout),
                        }
                    })?
                    .map_err(|e| ProbeError::Io {
                        message: e.to_string(),
                    })?;
                let m = machine(run)?;
                let next = if n == 0 { m.eof() } else { m.input(&buf[..n]) };
                if run.timings.greeting_ms.is_none() && machine(run)?.greeting_done() {
                    run.timings.greeting_ms = Some(ms(greeting_from.elapsed()));
                }
                next
            }
            Step::Send(out) => {
                run.secret_sent |= out.carried_secret().is_some();
                timeout_at(reply_deadline, conn.write_all(out.bytes()))
                    .await
                    .map_err(|_| ProbeError::Timeout {
                        phase: TimeoutPhase::Reply,
                        after_ms: ms(reply_timeout),
                    })?
                    .map_err(|e| ProbeError::Io {
                        message: e.to_string(),
                    })?;
                reply_deadline = tokio::time::Instant::now() + reply_timeout;
                machine(run)?.input(&[])
            }
            Step::StartTls => {
                // The machine has checked that nothing is buffered; the driver
                // keeps no buffer of its own (every read went to the machine).
                let tcp = match &conn {
                    Conn::Plain(tcp) => tcp,
                    Conn::Tls(_) => {
                        return Err(ProtocolError::Malformed {
                            reason: "STARTTLS inside TLS",
                            line: Default::default(),
                        }
                        .into());
                    }
                };
                // Plaintext that reached the socket after the go-ahead but after
                // the machine's last read is an injection too: look without waiting.
                let mut peek = [0u8; 256];
                if let Ok(n @ 1..) = tcp.try_read(&mut peek) {
                    let command = if endpoint.protocol == crate::providers::Protocol::Pop3 {
                        "STLS"
                    } else {
                        "STARTTLS"
                    };
                    let text = machine(run)?.server_text(&peek[..n]);
                    run.note(LogEntry::server_text(&text));
                    return Err(ProtocolError::ResponseInjection { command, bytes: n }.into());
                }
                conn = handshake(conn, &server_name, options, tls_ctx, run).await?;
                reply_deadline = tokio::time::Instant::now() + reply_timeout;
                machine(run)?.tls_established()
            }
            Step::Login => {
                let decision = match login {
                    None => Err(NotTriedReason::ProbeFailed),
                    Some(l) => {
                        match login_policy(endpoint, run.tls.as_ref(), l.request.consents()) {
                            Err(reason) => Err(reason),
                            Ok(()) => match l.gate.enter().await {
                                Ok(pass) => {
                                    run.pass = Some(pass);
                                    Ok(())
                                }
                                Err(stop) => Err(stop.reason()),
                            },
                        }
                    }
                };
                run.note(LogEntry::info(match &decision {
                    Ok(()) => "logging in".to_owned(),
                    Err(NotTriedReason::Plaintext) => {
                        "login not tried: the connection was not encrypted".to_owned()
                    }
                    Err(NotTriedReason::UntrustedCertificate { tls_kind }) => {
                        format!("login not tried: the certificate is not trusted ({tls_kind})")
                    }
                    Err(NotTriedReason::CredentialsRejectedElsewhere { endpoint }) => {
                        format!("login not tried: credentials rejected on {endpoint}")
                    }
                    Err(NotTriedReason::LoginFailedElsewhere { endpoint, outcome }) => format!(
                        "login not tried: the login on {endpoint} ended without success after the password was sent ({outcome})"
                    ),
                    Err(other) => format!("login not tried: {other:?}"),
                }));
                reply_deadline = tokio::time::Instant::now() + reply_timeout;
                machine(run)?.login_decision(decision)
            }
            Step::Done(report) => {
                let _ = tokio::time::timeout(Duration::from_millis(200), conn.shutdown()).await;
                return Ok(*report);
            }
            Step::Fail(e) => return Err(e.into()),
        };
    }
}

fn machine(run: &mut Run) -> Result<&mut Box<dyn ProtocolMachine>, ProbeError> {
    run.machine
        .as_mut()
        .ok_or(ProbeError::Protocol(ProtocolError::Finished))
}

async fn handshake(
    conn: Conn,
    server_name: &ServerName<'static>,
    options: &ProbeOptions,
    tls_ctx: &TlsContext,
    run: &mut Run,
) -> Result<Conn, ProbeError> {
    let Conn::Plain(tcp) = conn else {
        return Ok(conn);
    };
    let setup = |e: tls::TlsSetupError| ProbeError::Tls {
        kind: tls::TlsErrorKind::HandshakeFailed,
        message: e.to_string(),
    };
    let (config, recorder) = match options.cert_mode {
        CertMode::ReportOnly => {
            let (c, v) = tls_ctx.report_only_config().map_err(setup)?;
            (c, Some(v))
        }
        CertMode::Enforce => (tls_ctx.verifying_config().map_err(setup)?, None),
    };
    let t = Instant::now();
    let deadline = tokio::time::Instant::now() + options.reply_timeout;
    let result = timeout_at(
        deadline,
        TlsConnector::from(config).connect(server_name.clone(), tcp),
    )
    .await;
    run.timings.tls_ms = Some(ms(t.elapsed()));
    let stream = match result {
        Err(_) => {
            return Err(ProbeError::Timeout {
                phase: TimeoutPhase::TlsHandshake,
                after_ms: ms(options.reply_timeout),
            });
        }
        Ok(Err(e)) => {
            let (kind, message) = tls::classify_handshake_error(&e);
            return Err(ProbeError::Tls { kind, message });
        }
        Ok(Ok(s)) => s,
    };
    let report = tls::summarize(
        stream.get_ref().1,
        server_name,
        recorder.and_then(|r| r.outcome()),
        options.cert_mode,
        UnixTime::now(),
    );
    run.note(LogEntry::info(format!(
        "TLS established: {} {}; certificate {}",
        report.version,
        report.cipher_suite,
        match &report.chain {
            tls::ChainVerdict::Trusted => "trusted".to_owned(),
            tls::ChainVerdict::Invalid(k) =>
                format!("NOT trusted ({k}), continuing in report-only mode"),
        }
    )));
    run.tls = Some(report);
    Ok(Conn::Tls(Box::new(stream)))
}

/// Orders addresses for Happy Eyeballs (RFC 8305 §4): alternate families,
/// starting with the family of the first address.
pub fn interleave(addrs: &[IpAddr]) -> Vec<IpAddr> {
    let first_v6 = addrs.first().is_some_and(IpAddr::is_ipv6);
    let (a, b): (Vec<IpAddr>, Vec<IpAddr>) = addrs.iter().partition(|ip| ip.is_ipv6() == first_v6);
    let mut out = Vec::with_capacity(addrs.len());
    let (mut ia, mut ib) = (a.into_iter(), b.into_iter());
    loop {
        match (ia.next(), ib.next()) {
            (None, None) => return out,
            (x, y) => out.extend(x.into_iter().chain(y)),
        }
    }
}

/// Connects to the first address that answers: attempts start `stagger` apart
/// (or as soon as the previous one fails); the first success wins and the
/// others are aborted. The caller applies the deadline.
async fn happy_eyeballs(
    addrs: &[IpAddr],
    port: u16,
    stagger: Duration,
) -> Result<TcpStream, ProbeError> {
    let order = interleave(addrs);
    let mut attempts: JoinSet<(SocketAddr, std::io::Result<TcpStream>)> = JoinSet::new();
    let mut next = 0usize;
    let mut refused: Option<SocketAddr> = None;
    let mut last_err: Option<(SocketAddr, std::io::Error)> = None;
    loop {
        if next < order.len() {
            let sa = SocketAddr::new(order[next], port);
            next += 1;
            attempts.spawn(async move { (sa, TcpStream::connect(sa).await) });
        }
        let more = next < order.len();
        tokio::select! {
            joined = attempts.join_next() => match joined {
                Some(Ok((_, Ok(stream)))) => return Ok(stream),
                Some(Ok((sa, Err(e)))) => {
                    if e.kind() == std::io::ErrorKind::ConnectionRefused {
                        refused = Some(sa);
                    }
                    last_err = Some((sa, e));
                }
                Some(Err(join)) => {
                    last_err = Some((SocketAddr::new(order[0], port), std::io::Error::other(join.to_string())));
                }
                None => {}
            },
            _ = tokio::time::sleep(stagger), if more => {}
        }
        if attempts.is_empty() && next >= order.len() {
            return Err(match (refused, last_err) {
                (Some(sa), _) => ProbeError::Refused {
                    addr: sa.to_string(),
                },
                (None, Some((sa, e))) => ProbeError::Unreachable {
                    addr: sa.to_string(),
                    message: e.to_string(),
                },
                (None, None) => ProbeError::Unreachable {
                    addr: format!("port {port}"),
                    message: "no address to try".to_owned(),
                },
            });
        }
    }
}

/// Shared state of a running probe's tasks.
pub(crate) struct DriverContext {
    pub(crate) options: ProbeOptions,
    pub(crate) tls: TlsContext,
    pub(crate) resolver: Arc<dyn Resolve>,
    pub(crate) login: Option<Arc<LoginRequest>>,
    pub(crate) gate: LoginGate,
    /// One permit per connection of this run ([`ProbeOptions::max_connections`]).
    pub(crate) connections: Arc<tokio::sync::Semaphore>,
}

impl DriverContext {
    pub(crate) fn new(
        options: ProbeOptions,
        tls: TlsContext,
        resolver: Arc<dyn Resolve>,
        login: Option<Arc<LoginRequest>>,
    ) -> DriverContext {
        let permits = options.max_connections.max(1);
        DriverContext {
            options,
            tls,
            resolver,
            login,
            gate: LoginGate::new(),
            connections: Arc::new(tokio::sync::Semaphore::new(permits)),
        }
    }

    pub(crate) async fn probe(&self, endpoint: &Endpoint) -> EndpointReport {
        // Held for the endpoint's whole probe; never closed, so `acquire` only
        // fails if the semaphore is gone, and then the probe goes ahead.
        let _permit = self.connections.acquire().await.ok();
        let login = self.login.as_ref().map(|request| LoginContext {
            request,
            gate: &self.gate,
        });
        probe_endpoint_with_login(
            endpoint,
            &self.options,
            &self.tls,
            self.resolver.as_ref(),
            login,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaves_families() {
        let v4a: IpAddr = "192.0.2.1".parse().unwrap();
        let v4b: IpAddr = "192.0.2.2".parse().unwrap();
        let v6a: IpAddr = "2001:db8::1".parse().unwrap();
        let v6b: IpAddr = "2001:db8::2".parse().unwrap();
        assert_eq!(interleave(&[v6a, v6b, v4a, v4b]), vec![v6a, v4a, v6b, v4b]);
        assert_eq!(interleave(&[v4a, v4b, v6a]), vec![v4a, v6a, v4b]);
        assert_eq!(interleave(&[]), Vec::<IpAddr>::new());
    }
}
