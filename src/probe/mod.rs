//! Live connection tests: every way in to a mail server, probed in parallel,
//! with the truth about TLS.
//!
//! Layers, bottom up:
//! - [`line`](mod@line), [`reply`], [`caps`]: pure framing and parsing with caps;
//! - [`pop3`], [`smtp`], [`imap`] (over [`session`]): sans-IO state machines,
//!   greeting → capabilities → STARTTLS → capabilities → QUIT;
//! - [`transcript`]: redacted, escaped session records (server text through [`crate::server_text`]);
//! - [`tls`]: rustls configurations and the certificate verdict;
//! - [`driver`]: the only code that touches sockets;
//! - this module: [`ProbeHandle`], which runs all endpoints of a
//!   [`ProbeRequest`] concurrently and streams [`ProbeEvent`]s over a channel
//!   that a blocking CLI and a non-blocking GUI can both read.
//!
//! With [`ProbeRequest::login`] set, each endpoint also tests the credentials
//! ([`login`]): only over TLS with a trusted certificate unless the user allowed
//! that exact endpoint, one attempt per endpoint, and no endpoint sends them
//! after another has had them rejected.

pub mod caps;
pub mod driver;
pub mod error;
pub mod fuzzing;
pub mod gate;
pub mod imap;
pub mod line;
pub mod login;
pub mod pop3;
pub mod reply;
pub mod report;
pub mod reuse;
pub mod session;
pub mod smtp;
pub mod spec;
pub mod target;
pub mod tls;
pub mod transcript;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

pub use driver::{
    DEFAULT_MAX_CONNECTIONS, LoginContext, ProbeOptions, Resolve, SystemResolver, probe_endpoint,
    probe_endpoint_with_login,
};
pub use error::{ProbeError, ProtocolError, TimeoutPhase};
pub use gate::LoginGate;
pub use login::{
    ConsentError, Credentials, CredentialsError, InsecureAllow, LoginOutcome, LoginReport,
    LoginRequest, NotTriedReason,
};
pub use report::{
    Endpoint, EndpointReport, PlaintextReason, ProbeSummary, Recommendation, Timings, Verdict,
    recommend,
};
pub use tls::{CertMode, TlsContext, TlsErrorKind};

pub use crate::providers::{Protocol, Security};

/// What to probe and how.
#[derive(Debug, Clone, Default)]
pub struct ProbeRequest {
    /// The endpoints, probed concurrently; events refer to them by index.
    pub endpoints: Vec<Endpoint>,
    /// Deadlines, port map, trust anchors…
    pub options: ProbeOptions,
    /// Credentials to test on every endpoint that is secure (or explicitly
    /// allowed); `None`: no login at all.
    pub login: Option<LoginRequest>,
    /// Reports already made (by discovery's live checks, see [`reuse`]):
    /// taken from here instead of connecting again. Ignored with a login.
    /// The cache must have been made with the same `options`.
    pub reuse: Option<Arc<reuse::ProbeCache>>,
}

/// Identifies one [`ProbeHandle::start`]; a newer start supersedes older ones.
pub type Generation = u64;

/// What a running probe reports.
#[derive(Debug, Clone)]
pub enum ProbeEvent {
    /// The probe started with these endpoints (indices used below).
    Started {
        /// The probe's generation.
        generation: Generation,
        /// The endpoints.
        endpoints: Vec<Endpoint>,
    },
    /// One endpoint finished (in whatever order they finish).
    EndpointDone {
        /// The probe's generation.
        generation: Generation,
        /// Index into the request's endpoints.
        index: usize,
        /// The result.
        report: Box<EndpointReport>,
    },
    /// Every endpoint has finished.
    Finished {
        /// The probe's generation.
        generation: Generation,
    },
}

impl ProbeEvent {
    /// The generation this event belongs to.
    pub fn generation(&self) -> Generation {
        match self {
            ProbeEvent::Started { generation, .. }
            | ProbeEvent::EndpointDone { generation, .. }
            | ProbeEvent::Finished { generation } => *generation,
        }
    }
}

/// Why a probe could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The TLS configuration could not be built (bad CA file…).
    #[error(transparent)]
    Tls(#[from] tls::TlsSetupError),
    /// The background runtime could not be created.
    #[error("cannot start the probe runtime: {0}")]
    Runtime(#[from] std::io::Error),
    /// The DNS server to use could not be set up.
    #[error(transparent)]
    Dns(#[from] crate::dns::DnsError),
    /// A consent to an insecure login does not name exactly one endpoint.
    #[error(transparent)]
    Consent(#[from] ConsentError),
}

/// The receiving end of a [`ProbeHandle`]: drops events of superseded probes.
#[derive(Debug)]
pub struct ProbeEvents {
    rx: mpsc::Receiver<ProbeEvent>,
    current: Arc<AtomicU64>,
}

impl ProbeEvents {
    fn fresh(&self, e: &ProbeEvent) -> bool {
        e.generation() >= self.current.load(Ordering::SeqCst)
    }

    /// Blocks until the next current event (CLI). `None` when the handle is gone.
    pub fn recv(&self) -> Option<ProbeEvent> {
        loop {
            let e = self.rx.recv().ok()?;
            if self.fresh(&e) {
                return Some(e);
            }
        }
    }

    /// Waits at most `timeout` for the next current event.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<ProbeEvent> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let e = self.rx.recv_timeout(left).ok()?;
            if self.fresh(&e) {
                return Some(e);
            }
        }
    }

    /// The next current event if one is waiting (GUI, once per frame).
    pub fn try_recv(&self) -> Option<ProbeEvent> {
        loop {
            let e = self.rx.try_recv().ok()?;
            if self.fresh(&e) {
                return Some(e);
            }
        }
    }
}

type Notify = Arc<dyn Fn() + Send + Sync>;

/// Starts, supersedes and cancels probes; owns (or borrows) a tokio runtime.
///
/// ```no_run
/// use mailconf::probe::{Endpoint, ProbeEvent, ProbeHandle, ProbeRequest};
/// let (mut handle, events) = ProbeHandle::new()?;
/// handle.start(ProbeRequest {
///     endpoints: Endpoint::standard_set("mail.example.com"),
///     ..Default::default()
/// })?;
/// while let Some(event) = events.recv() {
///     if let ProbeEvent::Finished { .. } = event {
///         break;
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ProbeHandle {
    runtime: Option<tokio::runtime::Runtime>,
    handle: tokio::runtime::Handle,
    tx: mpsc::Sender<ProbeEvent>,
    current: Arc<AtomicU64>,
    generation: Option<Generation>,
    tasks: Vec<tokio::task::AbortHandle>,
    resolver: Arc<dyn Resolve>,
    notify: Option<Notify>,
    reuse: Option<Arc<reuse::ProbeCache>>,
}

impl std::fmt::Debug for ProbeHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProbeHandle")
            .field("generation", &self.generation)
            .field("running_tasks", &self.tasks.len())
            .finish_non_exhaustive()
    }
}

impl ProbeHandle {
    /// A handle with its own two-thread runtime. Create and drop it outside any
    /// async context (CLI main thread, GUI thread).
    pub fn new() -> Result<(ProbeHandle, ProbeEvents), StartError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("mailconf-probe")
            .enable_all()
            .build()?;
        let handle = runtime.handle().clone();
        let (mut h, ev) = ProbeHandle::with_runtime(handle);
        h.runtime = Some(runtime);
        Ok((h, ev))
    }

    /// A handle that spawns on an existing runtime.
    pub fn with_runtime(handle: tokio::runtime::Handle) -> (ProbeHandle, ProbeEvents) {
        let (tx, rx) = mpsc::channel();
        let current = Arc::new(AtomicU64::new(0));
        (
            ProbeHandle {
                runtime: None,
                handle,
                tx,
                current: current.clone(),
                generation: None,
                tasks: Vec::new(),
                resolver: Arc::new(SystemResolver),
                notify: None,
                reuse: None,
            },
            ProbeEvents { rx, current },
        )
    }

    /// Replaces the system resolver.
    pub fn set_resolver(&mut self, resolver: Arc<dyn Resolve>) {
        self.resolver = resolver;
    }

    /// Resolves host names through the DNS server at `addr` (`--dns`) instead of
    /// the system's resolver.
    pub fn set_dns_server(
        &mut self,
        addr: std::net::SocketAddr,
        options: crate::dns::DnsOptions,
    ) -> Result<(), crate::dns::DnsError> {
        let resolver = {
            let _runtime = self.handle.enter();
            crate::dns::resolver_for(Some(addr), options)?
        };
        self.set_resolver(Arc::new(reuse::DnsResolve(resolver)));
        Ok(())
    }

    /// The runtime the probes run on (for [`ProbeHandle::discover`] and callers
    /// that need the same runtime, e.g. to build a DNS resolver).
    pub fn runtime(&self) -> tokio::runtime::Handle {
        self.handle.clone()
    }

    /// An empty cache of endpoint reports made with `options` and this handle's
    /// resolver, for [`ProbeRequest::reuse`].
    pub fn cache(&self, options: ProbeOptions) -> Result<Arc<reuse::ProbeCache>, StartError> {
        Self::cache_with(options, self.resolver.clone())
    }

    fn cache_with(
        options: ProbeOptions,
        resolver: Arc<dyn Resolve>,
    ) -> Result<Arc<reuse::ProbeCache>, StartError> {
        let tls = TlsContext::with_roots(&options.extra_roots, options.os_roots)?;
        Ok(reuse::ProbeCache::new(Arc::new(
            driver::DriverContext::new(options, tls, resolver, None),
        )))
    }

    /// Runs discovery for `address` on this handle's runtime, asking the DNS
    /// server `dns` (or the system's), with the probe engine checking guessed
    /// servers ([`reuse::ProbeVerifier`], resolving names through the same DNS). Returns the discovery and the
    /// reports its checks made; pass the cache as [`ProbeRequest::reuse`] (with
    /// the same `probe_options`) so the probe that follows does not connect to
    /// those endpoints again. Blocks the calling thread, which must not be
    /// inside a tokio runtime. `Err` only when discovery could not start (no
    /// DNS configuration, bad TLS setup).
    pub fn discover(
        &self,
        address: &crate::providers::Address,
        db: Arc<crate::providers::Database>,
        dns: Option<std::net::SocketAddr>,
        options: &crate::discover::DiscoverOptions,
        probe_options: ProbeOptions,
    ) -> Result<(crate::discover::Discovery, Arc<reuse::ProbeCache>), crate::discover::DiscoverError>
    {
        let resolver = if options.network {
            let _runtime = self.handle.enter();
            Some(crate::dns::resolver_for(dns, options.dns_options())?)
        } else {
            None
        };
        self.discover_with(address, db, resolver, options, probe_options)
    }

    /// [`ProbeHandle::discover`] with a resolver of the caller's (`None`: no
    /// network sources).
    pub fn discover_with(
        &self,
        address: &crate::providers::Address,
        db: Arc<crate::providers::Database>,
        resolver: Option<Arc<dyn crate::dns::Resolver>>,
        options: &crate::discover::DiscoverOptions,
        probe_options: ProbeOptions,
    ) -> Result<(crate::discover::Discovery, Arc<reuse::ProbeCache>), crate::discover::DiscoverError>
    {
        use crate::discover::DiscoverError;
        let setup = |e: StartError| DiscoverError::Setup(e.to_string());
        let (network, cache) = if let Some(resolver) = resolver.filter(|_| options.network) {
            // The checks resolve names as discovery does.
            let cache =
                Self::cache_with(probe_options, Arc::new(reuse::DnsResolve(resolver.clone())))
                    .map_err(setup)?;
            let verifier = Arc::new(reuse::ProbeVerifier::new(cache.clone()));
            let network = crate::discover::Network::new(resolver, options)?.with_verifier(verifier);
            (Some(network), cache)
        } else {
            (None, self.cache(probe_options).map_err(setup)?)
        };
        let discovery = self
            .handle
            .block_on(crate::discover::discover(address, db, network, options))?;
        Ok((discovery, cache))
    }

    /// Called after every event is sent (a GUI passes `ctx.request_repaint`).
    pub fn set_notify(&mut self, notify: impl Fn() + Send + Sync + 'static) {
        self.notify = Some(Arc::new(notify));
    }

    /// The generation of the latest start, if any.
    pub fn generation(&self) -> Option<Generation> {
        self.generation
    }

    /// Starts a probe, cancelling the previous one; its events from now on are stale.
    pub fn start(&mut self, request: ProbeRequest) -> Result<Generation, StartError> {
        self.cancel();
        let tls = TlsContext::with_roots(&request.options.extra_roots, request.options.os_roots)?;
        let generation = self.generation.map_or(1, |g| g + 1);
        self.generation = Some(generation);
        self.current.store(generation, Ordering::SeqCst);
        if let Some(login) = &request.login {
            login.check_consents(&request.endpoints)?;
        }
        let ctx = Arc::new(driver::DriverContext::new(
            request.options,
            tls,
            self.resolver.clone(),
            request.login.map(Arc::new),
        ));
        // Reports of discovery's checks stand in for probes without a login.
        let reuse = request.reuse.filter(|_| ctx.login.is_none());
        self.reuse = reuse.clone();
        let emit = {
            let tx = self.tx.clone();
            let notify = self.notify.clone();
            move |e: ProbeEvent| {
                let _ = tx.send(e);
                if let Some(n) = &notify {
                    n();
                }
            }
        };
        emit(ProbeEvent::Started {
            generation,
            endpoints: request.endpoints.clone(),
        });
        let mut joins = Vec::with_capacity(request.endpoints.len());
        for (index, endpoint) in request.endpoints.into_iter().enumerate() {
            let ctx = ctx.clone();
            let emit = emit.clone();
            let reuse = reuse.clone();
            let join = self.handle.spawn(async move {
                let report = match &reuse {
                    Some(cache) => cache.get(&endpoint).await,
                    None => ctx.probe(&endpoint).await,
                };
                emit(ProbeEvent::EndpointDone {
                    generation,
                    index,
                    report: Box::new(report),
                });
            });
            self.tasks.push(join.abort_handle());
            joins.push(join);
        }
        let supervisor = self.handle.spawn(async move {
            for j in joins {
                let _ = j.await;
            }
            if let Some(cache) = reuse {
                cache.abort_background();
            }
            emit(ProbeEvent::Finished { generation });
        });
        self.tasks.push(supervisor.abort_handle());
        Ok(generation)
    }

    /// Aborts the running probe's tasks; no more events come from it.
    pub fn cancel(&mut self) {
        for t in self.tasks.drain(..) {
            t.abort();
        }
        if let Some(cache) = self.reuse.take() {
            cache.abort_background();
        }
        if let Some(g) = self.generation {
            // Events already queued for `g` become stale too.
            self.current.store(g + 1, Ordering::SeqCst);
        }
    }
}

impl Drop for ProbeHandle {
    fn drop(&mut self) {
        self.cancel();
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// Probes `request` to completion and returns one report per endpoint, in the
/// request's order (`None` where a report is missing, e.g. after a failure to
/// start a task). For callers that just want the answer: the CLI's `export --probe`.
/// Must not be called from inside a tokio runtime.
pub fn probe_blocking(request: ProbeRequest) -> Result<Vec<Option<EndpointReport>>, StartError> {
    let (mut handle, events) = ProbeHandle::new()?;
    let n = request.endpoints.len();
    handle.start(request)?;
    let mut reports: Vec<Option<EndpointReport>> = vec![None; n];
    while let Some(event) = events.recv() {
        match event {
            ProbeEvent::EndpointDone { index, report, .. } => {
                if let Some(slot) = reports.get_mut(index) {
                    *slot = Some(*report);
                }
            }
            ProbeEvent::Finished { .. } => break,
            ProbeEvent::Started { .. } => {}
        }
    }
    Ok(reports)
}
