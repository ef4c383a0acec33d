//! Endpoint reports made once and shared: by discovery's live checks of
//! guessed servers and by the probe that follows.
//!
//! For an address no database knows, discovery guesses `pop.`, `imap.`,
//! `smtp.`, `mail.` and the bare domain and checks each guess live with the
//! full endpoint probe (the check layer plugs the probe engine into discovery).
//! Every report lands in a [`ProbeCache`]; a [`ProbeRequest`](super::ProbeRequest)
//! carrying that cache (`reuse`) takes finished reports from it and waits for
//! ones still in flight, so "discover, then probe" costs about as much as the
//! guessing alone.
//!
//! Reports are reused only for probes without a login: a login needs its own
//! session, so with credentials every endpoint is connected to again.

use super::driver::{DriverContext, ProbeOptions, Resolve};
use super::report::{Endpoint, EndpointReport};
use super::tls::TlsContext;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::OnceCell;
use tokio::task::AbortHandle;

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
    /// An empty cache whose probes connect as `options` say, resolving names
    /// with `resolver`. Pass it as [`ProbeRequest::reuse`](super::ProbeRequest::reuse)
    /// with the same options.
    pub fn new(
        options: ProbeOptions,
        resolver: Arc<dyn Resolve>,
    ) -> Result<Arc<Self>, super::StartError> {
        let tls = TlsContext::with_roots(&options.extra_roots, options.os_roots)?;
        Ok(Arc::new(Self {
            ctx: Arc::new(DriverContext::new(options, tls, resolver, None)),
            entries: Mutex::new(Entries::default()),
        }))
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
