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

pub mod cache;
pub mod caps;
pub mod driver;
pub mod error;
// The bodies of the cargo-fuzz targets in `fuzz/` (which turn the feature on)
// and of the lib's own random-input tests: not part of the API.
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod gate;
pub mod imap;
pub mod line;
pub mod login;
pub mod pop3;
pub mod reply;
pub mod report;
pub mod session;
pub mod smtp;
pub mod spec;
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
pub use error::{DnsFailure, ProbeError, ProtocolError, ResolveError, TimeoutPhase};
pub use gate::LoginGate;
pub use login::{
    ConsentError, Credentials, CredentialsError, InsecureAllow, LoginOutcome, LoginReport,
    LoginRequest, NotTriedReason,
};
pub use report::{Endpoint, EndpointReport, PlaintextReason, Timings, Verdict};
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
    /// Reports already made (by discovery's live checks, see [`cache`]):
    /// taken from here instead of connecting again. Ignored with a login.
    /// The cache must have been made with the same `options`.
    pub reuse: Option<Arc<cache::ProbeCache>>,
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
    reuse: Option<Arc<cache::ProbeCache>>,
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

    /// The runtime the probes run on.
    pub fn runtime(&self) -> tokio::runtime::Handle {
        self.handle.clone()
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
        let generation = self.generation.map_or(1, |g| g + 1);
        self.generation = Some(generation);
        self.current.store(generation, Ordering::SeqCst);
        // Refused before anything is spawned: the same checks `probe_all` makes.
        TlsContext::with_roots(&request.options.extra_roots, request.options.os_roots)?;
        if let Some(login) = &request.login {
            login.check_consents(&request.endpoints)?;
        }
        self.reuse = request.reuse.clone().filter(|_| request.login.is_none());
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
        let resolver = self.resolver.clone();
        let task = self.handle.spawn(async move {
            let done = |index: usize, report: &EndpointReport| {
                emit(ProbeEvent::EndpointDone {
                    generation,
                    index,
                    report: Box::new(report.clone()),
                });
            };
            // Errors were checked above; nothing more can go wrong before the probes.
            let _ = probe_all(request, resolver, done).await;
            emit(ProbeEvent::Finished { generation });
        });
        self.tasks.push(task.abort_handle());
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

/// Probes every endpoint of `request` at once on the current tokio runtime
/// (at most [`ProbeOptions::max_connections`] connected at a time), calling
/// `on_done` as each finishes, and returns the reports in the request's order.
/// Reports of [`ProbeRequest::reuse`] stand in for probes without a login.
/// Dropping the future aborts every endpoint still running.
pub async fn probe_all(
    request: ProbeRequest,
    resolver: Arc<dyn Resolve>,
    mut on_done: impl FnMut(usize, &EndpointReport),
) -> Result<Vec<EndpointReport>, StartError> {
    let tls = TlsContext::with_roots(&request.options.extra_roots, request.options.os_roots)?;
    if let Some(login) = &request.login {
        login.check_consents(&request.endpoints)?;
    }
    let ctx = Arc::new(driver::DriverContext::new(
        request.options,
        tls,
        resolver,
        request.login.map(Arc::new),
    ));
    // A login needs its own session: reuse only without one.
    let reuse = request.reuse.filter(|_| ctx.login.is_none());
    let n = request.endpoints.len();
    let mut set = tokio::task::JoinSet::new();
    for (index, endpoint) in request.endpoints.into_iter().enumerate() {
        let ctx = ctx.clone();
        let reuse = reuse.clone();
        set.spawn(async move {
            let report = match &reuse {
                Some(cache) => cache.get(&endpoint).await,
                None => ctx.probe(&endpoint).await,
            };
            (index, report)
        });
    }
    let mut reports: Vec<Option<EndpointReport>> = vec![None; n];
    while let Some(joined) = set.join_next().await {
        // A task that panicked (a bug) leaves its row without a report.
        if let Ok((index, report)) = joined {
            on_done(index, &report);
            if let Some(slot) = reports.get_mut(index) {
                *slot = Some(report);
            }
        }
    }
    if let Some(cache) = reuse {
        cache.abort_background();
    }
    Ok(reports.into_iter().flatten().collect())
}
