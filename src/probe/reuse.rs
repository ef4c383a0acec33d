//! Discovery through the probe engine: guessed servers are probed once, and the
//! probe that follows reuses those reports instead of connecting again.
//!
//! For an address no database knows, discovery guesses `pop.`, `imap.`,
//! `smtp.`, `mail.` and the bare domain and must check each guess live. With
//! [`ProbeVerifier`] that check *is* the probe engine's full endpoint probe
//! (greeting, capabilities, STARTTLS, certificate verdict), and while a host is
//! being checked the rest of its protocol's standard ways in (POP3 110
//! plaintext, SMTP 25) are probed alongside. Every report lands in a
//! [`ProbeCache`]; a [`ProbeRequest`](super::ProbeRequest) carrying that cache
//! (`reuse`) takes finished reports from it and waits for ones still in flight,
//! so "discover, then probe" costs about as much as the guessing alone.
//!
//! Reports are reused only for probes without a login: a login needs its own
//! session, so with credentials every endpoint is connected to again.
//!
//! [`DnsResolve`] lets the probe resolve names through the same
//! [`crate::dns::Resolver`] as discovery (so `--dns` applies to both).

use super::driver::{DriverContext, Resolve};
use super::report::{Endpoint, EndpointReport};
use crate::discover::{Verification, Verifier};
use crate::dns::BoxFuture;
use crate::providers::Server;
use std::collections::HashMap;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::OnceCell;
use tokio::task::AbortHandle;
use tokio::time::Instant;

/// The probe's [`Resolve`] over a discovery [`crate::dns::Resolver`].
#[derive(Debug, Clone)]
pub struct DnsResolve(pub Arc<dyn crate::dns::Resolver>);

/// How long one name lookup may take at most; the probe's connect deadline,
/// which includes the lookup, is normally shorter.
const LOOKUP_LIMIT: Duration = Duration::from_secs(30);

impl Resolve for DnsResolve {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, String>> + Send + 'a>> {
        Box::pin(async move {
            self.0
                .ips(host, Instant::now() + LOOKUP_LIMIT)
                .await
                .map_err(|e| e.to_string())
        })
    }
}

type Cell = Arc<OnceCell<EndpointReport>>;

#[derive(Default)]
struct Entries {
    cells: HashMap<Endpoint, Cell>,
    tasks: Vec<AbortHandle>,
}

/// Endpoint reports made once and shared: by discovery's live checks and by the
/// probe that follows. Cheap to share (`Arc`).
pub struct ProbeCache {
    ctx: Arc<DriverContext>,
    entries: Mutex<Entries>,
}

impl std::fmt::Debug for ProbeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = self.lock();
        f.debug_struct("ProbeCache")
            .field("endpoints", &e.cells.len())
            .field(
                "done",
                &e.cells.values().filter(|c| c.initialized()).count(),
            )
            .finish()
    }
}

impl ProbeCache {
    pub(crate) fn new(ctx: Arc<DriverContext>) -> Arc<Self> {
        Arc::new(Self {
            ctx,
            entries: Mutex::new(Entries::default()),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        // A panic while holding the lock cannot leave the map inconsistent.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn cell(&self, endpoint: &Endpoint) -> (Cell, bool) {
        let mut e = self.lock();
        if let Some(c) = e.cells.get(endpoint) {
            return (c.clone(), false);
        }
        let c: Cell = Arc::new(OnceCell::new());
        e.cells.insert(endpoint.clone(), c.clone());
        (c, true)
    }

    /// Starts probing `endpoint` in the background unless it is known or under
    /// way. Must be called from inside a tokio runtime (the probe's).
    pub fn prefetch(self: &Arc<Self>, endpoint: &Endpoint) {
        let (cell, new) = self.cell(endpoint);
        if !new {
            return;
        }
        let this = self.clone();
        let endpoint = endpoint.clone();
        let task = tokio::spawn(async move {
            cell.get_or_init(|| this.ctx.probe(&endpoint)).await;
        });
        self.lock().tasks.push(task.abort_handle());
    }

    /// The report of `endpoint`: the finished one, the one under way (waited
    /// for), or a new probe when there is neither (or its task was aborted).
    pub async fn get(&self, endpoint: &Endpoint) -> EndpointReport {
        let (cell, _) = self.cell(endpoint);
        cell.get_or_init(|| self.ctx.probe(endpoint)).await.clone()
    }

    /// Stops every background probe still running (their endpoints are probed
    /// afresh if asked for later).
    pub fn abort_background(&self) {
        for t in self.lock().tasks.drain(..) {
            t.abort();
        }
    }
}

impl Drop for ProbeCache {
    fn drop(&mut self) {
        self.abort_background();
    }
}

/// The probe engine as discovery's live check: a guessed server passes when
/// its probe is secure (TLS with a trusted certificate, capabilities read).
/// Checking one server of a host also starts that host's other standard ways
/// in for the same protocol, for the probe that follows.
#[derive(Debug, Clone)]
pub struct ProbeVerifier {
    cache: Arc<ProbeCache>,
}

impl ProbeVerifier {
    /// A verifier filling `cache`.
    pub fn new(cache: Arc<ProbeCache>) -> Self {
        Self { cache }
    }
}

/// What a report says about a guessed server.
fn verification(report: &EndpointReport) -> Verification {
    Verification {
        ok: report.verdict.is_secure(),
        detail: report.summary.clone(),
        address: report.connected_to.map(|a| a.to_string()),
    }
}

impl Verifier for ProbeVerifier {
    fn verify<'a>(&'a self, server: &'a Server, deadline: Instant) -> BoxFuture<'a, Verification> {
        Box::pin(async move {
            let endpoint =
                Endpoint::new(server.protocol, &server.host, server.port, server.security);
            for e in Endpoint::standard_set(&server.host) {
                if e.protocol == server.protocol {
                    self.cache.prefetch(&e);
                }
            }
            self.cache.prefetch(&endpoint);
            match tokio::time::timeout_at(deadline, self.cache.get(&endpoint)).await {
                Ok(report) => verification(&report),
                Err(_) => Verification {
                    ok: false,
                    detail: crate::server_text::ServerText::new(
                        "the probe had not finished when discovery's deadline passed",
                    ),
                    address: None,
                },
            }
        })
    }
}

/// Discovery as `mailconf discover` and the app run it: on a probe runtime of
/// its own, with the probe engine checking guessed servers, connecting as
/// `options` say (port map, extra trust anchors). Blocks; must not be called
/// from inside a tokio runtime. `Err` only when discovery could not start.
pub fn discover_blocking(
    address: &crate::providers::Address,
    db: Arc<crate::providers::Database>,
    dns: Option<std::net::SocketAddr>,
    options: &crate::discover::DiscoverOptions,
) -> Result<crate::discover::Discovery, crate::discover::DiscoverError> {
    let (handle, _events) = super::ProbeHandle::new()
        .map_err(|e| crate::discover::DiscoverError::Setup(e.to_string()))?;
    let probe_options = super::ProbeOptions {
        port_map: options.port_map.0.clone(),
        extra_roots: options.extra_roots.clone(),
        ..super::ProbeOptions::default()
    };
    let (discovery, _reports) = handle.discover(address, db, dns, options, probe_options)?;
    Ok(discovery)
}
