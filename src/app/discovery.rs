//! Discovery for addresses the database does not know, behind a seam.
//!
//! When the typed address is well-formed and its domain is not in the database,
//! the app asks a [`DiscoveryBackend`] (after a short pause in the typing, or at
//! once when Test connection is pressed). Like [`super::backend::ProbeBackend`],
//! every method returns at once: [`EngineDiscovery`] runs discovery (guessed
//! servers checked by the probe engine, as `mailconf discover` does) on a
//! thread of its own, calls the
//! [`Waker`] when the answer is in, and the app collects it with
//! [`DiscoveryBackend::poll`]. Each lookup has a [`Generation`]; the app keeps
//! only the answer of the latest one for the domain still typed, so a slow
//! lookup for a domain typed a moment ago never replaces the current one.
//!
//! [`ScriptedDiscovery`] answers with whatever a test hands its
//! [`DiscoveryHandle`].

use super::backend::{Generation, Waker, lock};
use crate::discover::{DiscoverOptions, Discovery, Finding, SourceKind};
use crate::providers::{Address, Database};
use std::net::SocketAddr;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// How long the typing must pause before a lookup starts, in seconds.
pub const DEBOUNCE_S: f64 = 0.6;

/// Discovery, as the app sees it. Every method returns at once.
pub trait DiscoveryBackend: Send {
    /// Tells the backend how to wake the UI. Called once, before the first `start`.
    fn set_waker(&mut self, waker: Waker);

    /// Starts looking up settings for `address`. Returns the new generation, which
    /// the answer carries. An earlier lookup still running is not waited for.
    fn start(&mut self, address: &Address, db: Arc<Database>) -> Generation;

    /// The answers that arrived since the last call. Never blocks.
    fn poll(&mut self) -> Vec<(Generation, Discovery)>;
}

/// The real discovery: MX, autoconfig, SRV and guesses, on a worker thread each.
pub struct EngineDiscovery {
    dns: Option<SocketAddr>,
    options: DiscoverOptions,
    generation: Generation,
    tx: Sender<(Generation, Discovery)>,
    rx: Receiver<(Generation, Discovery)>,
    waker: Option<Waker>,
}

impl EngineDiscovery {
    /// Discovery with the system's DNS configuration and default options.
    pub fn new() -> Self {
        Self::with_options(None, DiscoverOptions::default())
    }

    /// Discovery asking the DNS server `dns` (the system's when `None`), with
    /// these options (tests: no network, a short deadline).
    pub fn with_options(dns: Option<SocketAddr>, options: DiscoverOptions) -> Self {
        let (tx, rx) = channel();
        Self {
            dns,
            options,
            generation: 0,
            tx,
            rx,
            waker: None,
        }
    }
}

impl Default for EngineDiscovery {
    fn default() -> Self {
        Self::new()
    }
}

impl DiscoveryBackend for EngineDiscovery {
    fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    fn start(&mut self, address: &Address, db: Arc<Database>) -> Generation {
        self.generation += 1;
        let generation = self.generation;
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        let (dns, options, owned) = (self.dns, self.options.clone(), address.clone());
        let spawned = std::thread::Builder::new()
            .name("mailconf-discover".into())
            .spawn(move || {
                // discover_blocking always returns by the deadline in `options`. A
                // panic in it (a bug) must not leave the card spinning forever.
                let run = std::panic::AssertUnwindSafe(|| {
                    crate::probe::reuse::discover_blocking(&owned, db, dns, &options)
                });
                let d = match std::panic::catch_unwind(run) {
                    Ok(Ok(d)) => d,
                    Ok(Err(e)) => Discovery::failed(&owned, &e.to_string()),
                    Err(_) => Discovery::failed(&owned, "the lookup stopped unexpectedly"),
                };
                // The app may be gone; then nobody needs the answer.
                let _ = tx.send((generation, d));
                if let Some(w) = waker {
                    w();
                }
            });
        if let Err(e) = spawned {
            // Out of threads: the answer is that the lookup could not run.
            let d = Discovery::failed(address, &format!("cannot start the lookup: {e}"));
            let _ = self.tx.send((generation, d));
        }
        generation
    }

    fn poll(&mut self) -> Vec<(Generation, Discovery)> {
        self.rx.try_iter().collect()
    }
}

#[derive(Default)]
struct Shared {
    generation: Generation,
    /// Every address a lookup was started for, with its generation.
    started: Vec<(Generation, Address)>,
    ready: Vec<(Generation, Discovery)>,
    waker: Option<Waker>,
}

/// Discovery that answers only when a test says so.
pub struct ScriptedDiscovery {
    shared: Arc<Mutex<Shared>>,
}

/// A test's handle on a [`ScriptedDiscovery`] it gave to the app.
#[derive(Clone)]
pub struct DiscoveryHandle {
    shared: Arc<Mutex<Shared>>,
}

impl ScriptedDiscovery {
    /// A backend and the handle that answers for it.
    pub fn new() -> (Self, DiscoveryHandle) {
        let shared = Arc::new(Mutex::new(Shared::default()));
        (
            Self {
                shared: shared.clone(),
            },
            DiscoveryHandle { shared },
        )
    }
}

impl DiscoveryBackend for ScriptedDiscovery {
    fn set_waker(&mut self, waker: Waker) {
        lock(&self.shared).waker = Some(waker);
    }

    fn start(&mut self, address: &Address, _db: Arc<Database>) -> Generation {
        let mut s = lock(&self.shared);
        s.generation += 1;
        let g = s.generation;
        s.started.push((g, address.clone()));
        g
    }

    fn poll(&mut self) -> Vec<(Generation, Discovery)> {
        std::mem::take(&mut lock(&self.shared).ready)
    }
}

impl DiscoveryHandle {
    /// The addresses lookups were started for, oldest first.
    pub fn started(&self) -> Vec<String> {
        lock(&self.shared)
            .started
            .iter()
            .map(|(_, a)| a.canonical())
            .collect()
    }

    /// Answers lookup `generation` (1 = the first started) and wakes the app.
    pub fn answer(&self, generation: Generation, discovery: Discovery) {
        let mut s = lock(&self.shared);
        s.ready.push((generation, discovery));
        if let Some(w) = &s.waker {
            w();
        }
    }

    /// The generation of the latest lookup (0 before the first).
    pub fn generation(&self) -> Generation {
        lock(&self.shared).generation
    }
}

/// The discovery state of the typed address, kept in the session.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryView {
    /// The domain (canonical) looked up; empty when the address needs no lookup.
    pub domain: String,
    /// When the lookup may start (egui input time, seconds): the typing pause.
    pub due: Option<f64>,
    /// The lookup running now.
    pub generation: Option<Generation>,
    /// The finished lookup.
    pub result: Option<Box<Discovery>>,
    /// Start the connection test when the lookup finishes (Test connection was
    /// pressed before there was an answer).
    pub then_probe: bool,
}

impl DiscoveryView {
    /// Follows the typed address: a new domain (or none) forgets the old lookup
    /// and its answer; the same domain keeps them.
    pub fn follow(&mut self, domain: Option<&str>) {
        let domain = domain.unwrap_or_default();
        if self.domain != domain {
            *self = DiscoveryView {
                domain: domain.to_owned(),
                ..DiscoveryView::default()
            };
        }
    }

    /// Whether a lookup is running.
    pub fn running(&self) -> bool {
        self.generation.is_some()
    }

    /// Takes an answer if it is the one awaited (same generation and domain);
    /// `false` for a stale one, which is dropped.
    pub fn arrive(&mut self, generation: Generation, d: Discovery) -> bool {
        if self.generation != Some(generation) || d.domain != self.domain {
            return false;
        }
        self.generation = None;
        self.result = Some(Box::new(d));
        true
    }

    /// The finding used, when settings were found.
    pub fn found(&self) -> Option<&Finding> {
        self.result.as_ref().and_then(|d| d.best.as_ref())
    }

    /// The database provider the finding names (through MX), if any.
    pub fn provider_id(&self) -> Option<&str> {
        self.found()
            .filter(|f| matches!(f.source, SourceKind::Mx | SourceKind::Database))
            .and_then(|f| f.provider.as_ref())
            .map(|p| p.id.as_str())
    }
}
