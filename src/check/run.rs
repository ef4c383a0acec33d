//! Running checks: one handle, one runtime, typed events for both faces.
//!
//! A [`CheckHandle`] owns one tokio runtime. [`CheckHandle::start`] plans what
//! was typed ([`super::plan`]), runs discovery first when the address's domain
//! is unknown, probes the plan's endpoints (reusing the reports of
//! discovery's live checks: each way in is connected to once), and ends with
//! the one [`ProbeSummary`]. [`CheckHandle::discover`] runs a lookup alone (the
//! app does this when the typing pauses, `mailconf discover` for its answer);
//! a check that follows within [`REUSE_FOR`] uses that lookup and its reports
//! instead of asking again.
//!
//! Everything arrives as a [`CheckEvent`] on one channel that a blocking CLI
//! and a non-blocking GUI both read ([`CheckEvents`]); events of a check that a
//! newer one superseded (or that was cancelled) are dropped there. The
//! [`CheckBackend`] trait is the app's one seam: the real handle, or
//! [`super::fake::FakeCheck`] in tests and the demo.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use tokio::sync::watch;

use super::lookup::{DnsResolve, Looked, look_up};
use super::plan::{self, Plan, PlanError, Typed};
use super::summary::ProbeSummary;
use crate::discover::{DiscoverOptions, Discovery};
use crate::probe::login::{
    ConsentError, Credentials, CredentialsError, InsecureAllow, LoginRequest,
};
use crate::probe::{
    Endpoint, EndpointReport, ProbeOptions, ProbeRequest, Protocol, Resolve, StartError,
    SystemResolver, probe_all,
};
use crate::providers::{Address, Database, IdnUsername, UsernameForm};

/// A lookup is reused by a check that starts within this time; later, the
/// check asks again (the user pressed Test connection to learn how things are
/// now).
pub const REUSE_FOR: Duration = Duration::from_secs(60);

/// Identifies one check ([`CheckHandle::start`]); a newer one supersedes older ones.
pub type Generation = u64;

/// Identifies one lookup ([`CheckHandle::discover`]).
pub type LookupId = u64;

/// How checks connect and discover.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Deadlines, port map, trust anchors, connection cap.
    pub probe: ProbeOptions,
    /// Discovery's deadline, sources and trust anchors.
    pub discover: DiscoverOptions,
    /// The DNS server for discovery and the probe's name lookups (`--dns`);
    /// `None`: the system's.
    pub dns: Option<SocketAddr>,
    /// Run discovery for an address the database does not know (`false`:
    /// `--no-discovery`, its domain is probed as a host).
    pub discovery: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            probe: ProbeOptions::default(),
            discover: DiscoverOptions::default(),
            dns: None,
            discovery: true,
        }
    }
}

/// The login test of a check.
pub struct LoginSpec {
    /// The username; `None`: the address, in the form the provider expects.
    pub username: Option<String>,
    /// The password, authorization code or app password.
    pub password: SecretString,
    /// The user's consents to insecure endpoints (see [`InsecureAllow`]).
    pub consents: Vec<InsecureAllow>,
    /// `password` is an OAuth2 access token: sent only with SASL XOAUTH2 or
    /// OAUTHBEARER, in the provider's order, and only over trusted TLS.
    pub bearer: bool,
}

impl std::fmt::Debug for LoginSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginSpec")
            .field("username", &self.username)
            .field("password", &crate::probe::transcript::REDACTED)
            .field("consents", &self.consents)
            .field("bearer", &self.bearer)
            .finish()
    }
}

/// What to check.
#[derive(Debug, Default)]
pub struct CheckRequest {
    /// What was typed: an address, a domain, a provider id or a host name.
    /// Empty with `endpoints`.
    pub input: String,
    /// Only these protocols (empty: all).
    pub only: Vec<Protocol>,
    /// Exactly these endpoints (`--endpoint`), instead of a plan for `input`.
    pub endpoints: Vec<Endpoint>,
    /// Test logging in too.
    pub login: Option<LoginSpec>,
    /// With `endpoints`: the database provider they belong to (its id), whose
    /// ranking, advice and login form apply (`mailconf check` knows it from
    /// the host a file names).
    pub provider: Option<String>,
}

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// What was typed cannot be planned, or there is nothing to probe.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The credentials cannot be sent safely (control characters, empty).
    #[error("--user/password: {0}")]
    Credentials(#[from] CredentialsError),
    /// A password was given, but there is no username and no address to derive one from.
    #[error("a password was given but no user: add --user (or give an address as the target)")]
    NoUser,
    /// A consent does not name exactly one endpoint.
    #[error(transparent)]
    Consent(#[from] ConsentError),
    /// Nothing left to probe (`--only` removed every endpoint).
    #[error("no endpoint left to probe (check --only)")]
    NoEndpoints,
    /// The probe could not start (bad trust anchors…).
    #[error(transparent)]
    Start(#[from] StartError),
    /// The runtime could not be created.
    #[error("cannot start the check runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

impl CheckError {
    /// The error in `lang`, for people (the CLI's stderr, the app's status);
    /// the English `Display` stays for logs. Flags are named because these
    /// come from what was typed on the command line; host names, consents and
    /// the system's words are shown as they are.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        let l = lang;
        let consent = |e: &ConsentError| match e {
            ConsentError::NeedsHost {
                consent,
                hosts,
                example,
            } => msg!(
                l,
                "check-consent-needs-host",
                consent = consent.as_str(),
                hosts = hosts.join(", "),
                example = example.as_str()
            ),
        };
        let detail = |sentence: String, e: &dyn std::fmt::Display| {
            msg!(
                l,
                "with-detail",
                sentence = sentence,
                detail = e.to_string()
            )
        };
        match self {
            CheckError::Plan(PlanError::Invalid(why)) => why.text(l),
            CheckError::Plan(PlanError::Discontinued { name, year, .. }) => msg!(
                l,
                "check-discontinued",
                provider = name.get(l),
                year = year.to_string()
            ),
            // The finding names the domain itself ("nothing found for …: …"):
            // it was said twice, "no settings found for X: nothing found for X".
            CheckError::Plan(PlanError::NotFound { message, .. }) => message.text(l).to_string(),
            CheckError::Credentials(e) => {
                let problem = match e {
                    CredentialsError::EmptyUsername => msg!(l, "credentials-empty-username"),
                    CredentialsError::ControlCharacter("username") => {
                        msg!(l, "credentials-control-username")
                    }
                    CredentialsError::ControlCharacter(_) => {
                        msg!(l, "credentials-control-password")
                    }
                    CredentialsError::EmptyPassword => msg!(l, "password-empty"),
                    CredentialsError::BadToken => msg!(l, "credentials-bad-token"),
                };
                msg!(l, "check-credentials", problem = problem)
            }
            CheckError::NoUser => msg!(l, "check-no-user"),
            CheckError::Consent(e) | CheckError::Start(StartError::Consent(e)) => consent(e),
            CheckError::NoEndpoints => msg!(l, "check-no-endpoints"),
            CheckError::Start(StartError::Tls(e)) => detail(msg!(l, "check-tls-setup"), e),
            CheckError::Start(StartError::Runtime(e)) | CheckError::Runtime(e) => {
                detail(msg!(l, "check-runtime"), e)
            }
        }
    }

    /// Whether the user asked for something impossible (exit code 2), as
    /// opposed to a negative answer (nothing found, discontinued: exit 1).
    pub fn is_usage(&self) -> bool {
        !matches!(
            self,
            CheckError::Plan(PlanError::NotFound { .. } | PlanError::Discontinued { .. })
        )
    }
}

/// What a check or a lookup reports.
#[derive(Debug, Clone)]
pub enum CheckEvent {
    /// A lookup ([`CheckHandle::discover`]) answered.
    LookedUp {
        /// Which lookup.
        lookup: LookupId,
        /// Its answer.
        discovery: Arc<Discovery>,
    },
    /// The check's discovery answered (an unknown domain).
    Discovered {
        /// The check.
        generation: Generation,
        /// Discovery's answer.
        discovery: Arc<Discovery>,
    },
    /// The check's endpoints, in row order, and what they stand for.
    Planned {
        /// The check.
        generation: Generation,
        /// The plan.
        plan: Arc<Plan>,
    },
    /// One endpoint finished (in whatever order they finish).
    EndpointDone {
        /// The check.
        generation: Generation,
        /// Index into the plan's endpoints.
        index: usize,
        /// The result.
        report: Box<EndpointReport>,
    },
    /// Every endpoint finished: the one summary.
    Finished {
        /// The check.
        generation: Generation,
        /// Ranking, recommendations, advice, exit code.
        summary: Arc<ProbeSummary>,
    },
    /// The check could not run. For "nothing to probe" (discontinued, nothing
    /// found) the summary says why, as `mailconf probe --json` prints it.
    Failed {
        /// The check.
        generation: Generation,
        /// Why.
        error: Arc<CheckError>,
        /// The summary of a negative answer, when there is one.
        summary: Option<Arc<ProbeSummary>>,
    },
}

impl CheckEvent {
    /// The check this event belongs to (`None` for a lookup's answer).
    pub fn generation(&self) -> Option<Generation> {
        match self {
            CheckEvent::LookedUp { .. } => None,
            CheckEvent::Discovered { generation, .. }
            | CheckEvent::Planned { generation, .. }
            | CheckEvent::EndpointDone { generation, .. }
            | CheckEvent::Finished { generation, .. }
            | CheckEvent::Failed { generation, .. } => Some(*generation),
        }
    }
}

/// The receiving end of a [`CheckHandle`]: drops events of superseded checks.
#[derive(Debug)]
pub struct CheckEvents {
    rx: mpsc::Receiver<CheckEvent>,
    current: Arc<AtomicU64>,
}

impl CheckEvents {
    fn fresh(&self, e: &CheckEvent) -> bool {
        e.generation()
            .is_none_or(|g| g >= self.current.load(Ordering::SeqCst))
    }

    /// Blocks until the next current event (CLI). `None` when the handle is gone.
    pub fn recv(&self) -> Option<CheckEvent> {
        loop {
            let e = self.rx.recv().ok()?;
            if self.fresh(&e) {
                return Some(e);
            }
        }
    }

    /// Waits at most `timeout` for the next current event.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<CheckEvent> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let e = self.rx.recv_timeout(left).ok()?;
            if self.fresh(&e) {
                return Some(e);
            }
        }
    }

    /// Every current event waiting now (GUI, once per frame). Never blocks.
    pub fn drain(&self) -> Vec<CheckEvent> {
        self.rx.try_iter().filter(|e| self.fresh(e)).collect()
    }
}

type Notify = Arc<dyn Fn() + Send + Sync>;

/// One lookup, shared by whoever needs its answer.
struct Lookup {
    started: Instant,
    address: Address,
    answer: watch::Receiver<Option<Looked>>,
}

impl Lookup {
    async fn wait(&self) -> Looked {
        let mut rx = self.answer.clone();
        loop {
            if let Some(l) = rx.borrow_and_update().clone() {
                return l;
            }
            // The sender goes only after it sent, or when the runtime shuts
            // down: then no answer will come.
            if rx.changed().await.is_err() {
                return Looked {
                    discovery: Arc::new(Discovery::failed(
                        &self.address,
                        "the lookup stopped before it answered",
                    )),
                    cache: None,
                };
            }
        }
    }
}

/// What every task of a handle shares.
struct Shared {
    db: Arc<Database>,
    options: CheckOptions,
    /// Discovery's resolver, or why there is none (no DNS configuration).
    resolver: Result<Arc<dyn crate::dns::Resolver>, String>,
    /// The probe's name lookups: through `--dns`, else the system's.
    probe_resolver: Arc<dyn Resolve>,
    lookups: Mutex<HashMap<String, Arc<Lookup>>>,
    tx: mpsc::Sender<CheckEvent>,
    notify: Mutex<Option<Notify>>,
}

impl Shared {
    fn emit(&self, e: CheckEvent) {
        let _ = self.tx.send(e);
        let notify = self
            .notify
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        if let Some(n) = notify {
            n();
        }
    }

    /// The lookup for `address`'s domain: a fresh one already made or under
    /// way, or a new one started on `rt` (its own task: a check that waits for
    /// it and is cancelled does not stop it).
    fn lookup(self: &Arc<Self>, rt: &tokio::runtime::Handle, address: &Address) -> Arc<Lookup> {
        let mut map = self
            .lookups
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(l) = map.get(&address.domain)
            && l.started.elapsed() < REUSE_FOR
        {
            return l.clone();
        }
        let (tx, rx) = watch::channel(None);
        let lookup = Arc::new(Lookup {
            started: Instant::now(),
            address: address.clone(),
            answer: rx,
        });
        map.retain(|_, l| l.started.elapsed() < REUSE_FOR);
        map.insert(address.domain.clone(), lookup.clone());
        let shared = self.clone();
        let address = address.clone();
        rt.spawn(async move {
            let looked = look_up(
                &address,
                shared.db.clone(),
                shared.resolver.clone(),
                &shared.options.discover,
                shared.options.probe.clone(),
            )
            .await;
            let _ = tx.send(Some(looked));
        });
        lookup
    }
}

/// Starts, supersedes and cancels checks and lookups; owns a tokio runtime
/// (or borrows one).
pub struct CheckHandle {
    runtime: Option<tokio::runtime::Runtime>,
    rt: tokio::runtime::Handle,
    shared: Arc<Shared>,
    current: Arc<AtomicU64>,
    generation: Generation,
    lookups: LookupId,
    task: Option<tokio::task::AbortHandle>,
}

impl std::fmt::Debug for CheckHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckHandle")
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl CheckHandle {
    /// A handle with its own two-thread runtime, using the DNS server of
    /// `options.dns` (or the system's). Create and drop it outside any async
    /// context (CLI main thread, GUI thread).
    pub fn new(
        db: Arc<Database>,
        options: CheckOptions,
    ) -> Result<(CheckHandle, CheckEvents), CheckError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("mailconf-check")
            .enable_all()
            .build()?;
        let resolver = {
            let _entered = runtime.enter();
            crate::dns::resolver_for(options.dns, options.discover.dns_options())
                .map_err(|e| e.to_string())
        };
        let probe_resolver: Arc<dyn Resolve> = match (&resolver, options.dns) {
            (Ok(r), Some(_)) => Arc::new(DnsResolve(r.clone())),
            (Ok(r), None) => Arc::new(super::lookup::SystemThenDns(r.clone())),
            (Err(_), _) => Arc::new(SystemResolver),
        };
        let rt = runtime.handle().clone();
        let (mut h, ev) = Self::build(rt, db, options, resolver, probe_resolver);
        h.runtime = Some(runtime);
        Ok((h, ev))
    }

    /// A handle on an existing runtime, asking `resolver` for discovery and
    /// for the probe's names (tests and benchmarks: a private DNS server, added
    /// latency).
    pub fn with_resolver(
        rt: tokio::runtime::Handle,
        db: Arc<Database>,
        options: CheckOptions,
        resolver: Arc<dyn crate::dns::Resolver>,
    ) -> (CheckHandle, CheckEvents) {
        let probe_resolver: Arc<dyn Resolve> = Arc::new(DnsResolve(resolver.clone()));
        Self::build(rt, db, options, Ok(resolver), probe_resolver)
    }

    fn build(
        rt: tokio::runtime::Handle,
        db: Arc<Database>,
        options: CheckOptions,
        resolver: Result<Arc<dyn crate::dns::Resolver>, String>,
        probe_resolver: Arc<dyn Resolve>,
    ) -> (CheckHandle, CheckEvents) {
        let (tx, rx) = mpsc::channel();
        let current = Arc::new(AtomicU64::new(0));
        let shared = Arc::new(Shared {
            db,
            options,
            resolver,
            probe_resolver,
            lookups: Mutex::new(HashMap::new()),
            tx,
            notify: Mutex::new(None),
        });
        (
            CheckHandle {
                runtime: None,
                rt,
                shared,
                current: current.clone(),
                generation: 0,
                lookups: 0,
                task: None,
            },
            CheckEvents { rx, current },
        )
    }

    /// Called after every event is sent (a GUI passes `ctx.request_repaint`).
    pub fn set_notify(&mut self, notify: impl Fn() + Send + Sync + 'static) {
        *self
            .shared
            .notify
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(notify));
    }

    /// The database checks are planned with.
    pub fn database(&self) -> &Arc<Database> {
        &self.shared.db
    }

    /// Looks up settings for `address` (its answer: [`CheckEvent::LookedUp`]).
    /// A fresh lookup of the same domain is not repeated.
    pub fn discover(&mut self, address: &Address) -> LookupId {
        self.lookups += 1;
        let id = self.lookups;
        let lookup = self.shared.lookup(&self.rt, address);
        let shared = self.shared.clone();
        self.rt.spawn(async move {
            let looked = lookup.wait().await;
            shared.emit(CheckEvent::LookedUp {
                lookup: id,
                discovery: looked.discovery,
            });
        });
        id
    }

    /// Plans `input` without probing: discovery first when needed (blocks;
    /// must not be called inside a tokio runtime). For `mailconf export`.
    pub fn plan_blocking(
        &self,
        input: &str,
        only: &[Protocol],
    ) -> Result<(Plan, Option<Arc<Discovery>>), PlanError> {
        let db = &self.shared.db;
        let typed = plan::classify(db, input)?;
        let address = plan::needs_discovery(db, &typed).filter(|_| self.shared.options.discovery);
        let discovery = address.map(|a| {
            let lookup = self.shared.lookup(&self.rt, a);
            self.rt
                .block_on(async move { lookup.wait().await.discovery })
        });
        let p = plan::plan(input, &typed, only, db, discovery.as_deref())?;
        Ok((p, discovery))
    }

    /// Starts a check, superseding the previous one (its events from now on
    /// are stale). Refuses at once what cannot work (malformed input, bad
    /// credentials); everything else is reported as events.
    pub fn start(&mut self, request: CheckRequest) -> Result<Generation, CheckError> {
        self.cancel();
        self.generation += 1;
        let generation = self.generation;
        self.current.store(generation, Ordering::SeqCst);
        let typed = if request.endpoints.is_empty() {
            Some(plan::classify(&self.shared.db, &request.input)?)
        } else {
            None
        };
        if let Some(l) = &request.login {
            if l.username.as_deref().is_some_and(str::is_empty) {
                return Err(CheckError::NoUser);
            }
            // The credentials are checked before anything connects.
            Credentials::new(
                l.username.clone().unwrap_or_else(|| "user".to_owned()),
                l.password.clone(),
            )?;
        }
        let address = typed
            .as_ref()
            .and_then(|t| plan::needs_discovery(&self.shared.db, t))
            .filter(|_| self.shared.options.discovery);
        let lookup = address.map(|a| self.shared.lookup(&self.rt, a));
        let shared = self.shared.clone();
        let task = self.rt.spawn(async move {
            run(shared, generation, request, typed, lookup).await;
        });
        self.task = Some(task.abort_handle());
        Ok(generation)
    }

    /// Cancels the running check; its remaining events are dropped. Lookups
    /// go on (their answers still arrive).
    pub fn cancel(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
            self.current.store(self.generation + 1, Ordering::SeqCst);
        }
    }
}

impl Drop for CheckHandle {
    fn drop(&mut self) {
        self.cancel();
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// The login request for `plan`: the username given, or the address in the
/// form the plan's provider expects; the provider's known replies and quirks.
fn login_for(spec: LoginSpec, plan: &Plan) -> Result<LoginRequest, CheckError> {
    // An internationalized domain goes on the wire in the form the servers'
    // provider names (Unicode unless it says ASCII), whoever typed it.
    let idn = plan
        .settings_provider()
        .map_or_else(IdnUsername::default, |p| p.username_idn);
    let username = match spec.username {
        Some(u) => idn.apply(&u),
        None => {
            let address = plan.address.as_ref().ok_or(CheckError::NoUser)?;
            let form = plan
                .settings_provider()
                .and_then(|p| p.incoming.first().or(p.outgoing.first()))
                .map_or(UsernameForm::Address, |s| s.username);
            form.apply(&address.in_form(idn))
        }
    };
    let credentials = if spec.bearer {
        // The provider's mechanisms, in its order, whatever the protocol: every
        // provider in the database lists the same ones for each.
        let mut mechanisms = Vec::new();
        if let Some(o) = plan.provider.as_ref().and_then(|p| p.oauth2.as_ref()) {
            for (_, list) in o.mechanisms.iter() {
                for m in list {
                    if !mechanisms.contains(m) {
                        mechanisms.push(*m);
                    }
                }
            }
        }
        Credentials::bearer(username, spec.password, mechanisms)?
    } else {
        Credentials::new(username, spec.password)?
    };
    Ok(LoginRequest::new(
        credentials,
        plan.provider.as_ref(),
        spec.consents,
    ))
}

/// One check, from plan to summary.
async fn run(
    shared: Arc<Shared>,
    generation: Generation,
    request: CheckRequest,
    typed: Option<Typed>,
    lookup: Option<Arc<Lookup>>,
) {
    let fail = |error: CheckError, summary: Option<ProbeSummary>| {
        shared.emit(CheckEvent::Failed {
            generation,
            error: Arc::new(error),
            summary: summary.map(Arc::new),
        });
    };
    let mut reuse = None;
    let planned = match &typed {
        None => Ok(plan::explicit(
            request.endpoints.clone(),
            &request.only,
            request
                .provider
                .as_deref()
                .and_then(|id| shared.db.by_id(id))
                .map(|e| e.provider.clone()),
        )),
        Some(t) => {
            let discovery = match &lookup {
                Some(l) => {
                    let looked = l.wait().await;
                    shared.emit(CheckEvent::Discovered {
                        generation,
                        discovery: looked.discovery.clone(),
                    });
                    reuse = looked.cache.clone();
                    Some(looked.discovery)
                }
                None => None,
            };
            plan::plan(
                &request.input,
                t,
                &request.only,
                &shared.db,
                discovery.as_deref(),
            )
        }
    };
    let plan = match planned {
        Ok(p) => p,
        Err(e) => {
            let provider = match &e {
                PlanError::Discontinued { provider_id, .. } => shared
                    .db
                    .by_id(provider_id)
                    .map(|entry| entry.provider.clone()),
                _ => None,
            };
            let summary = ProbeSummary::nothing_to_probe(&request.input, &e, provider.as_ref());
            fail(CheckError::Plan(e), Some(summary));
            return;
        }
    };
    if plan.endpoints.is_empty() {
        fail(CheckError::NoEndpoints, None);
        return;
    }
    let login = match request.login.map(|l| login_for(l, &plan)).transpose() {
        Ok(l) => l,
        Err(e) => {
            fail(e, None);
            return;
        }
    };
    if let Some(l) = &login
        && let Err(e) = l.check_consents(&plan.endpoints)
    {
        fail(CheckError::Consent(e), None);
        return;
    }
    let plan = Arc::new(plan);
    shared.emit(CheckEvent::Planned {
        generation,
        plan: plan.clone(),
    });
    let probe = ProbeRequest {
        endpoints: plan.endpoints.clone(),
        options: shared.options.probe.clone(),
        login,
        reuse,
    };
    let done = |index: usize, report: &EndpointReport| {
        shared.emit(CheckEvent::EndpointDone {
            generation,
            index,
            report: Box::new(report.clone()),
        });
    };
    match probe_all(probe, shared.probe_resolver.clone(), done).await {
        Ok(reports) => {
            let summary = ProbeSummary::of(&plan, reports);
            shared.emit(CheckEvent::Finished {
                generation,
                summary: Arc::new(summary),
            });
        }
        Err(e) => fail(CheckError::Start(e), None),
    }
}

/// Wakes the UI: called by a backend (from any thread) after it queued events.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Checks as the app sees them: the real [`CheckHandle`] or the fake. Every
/// method returns at once.
pub trait CheckBackend: Send {
    /// Tells the backend how to wake the UI. Called once, before anything starts.
    fn set_waker(&mut self, waker: Waker);
    /// Starts a lookup for `address` (see [`CheckHandle::discover`]).
    fn discover(&mut self, address: &Address) -> LookupId;
    /// Starts a check (see [`CheckHandle::start`]).
    fn start(&mut self, request: CheckRequest) -> Result<Generation, CheckError>;
    /// Cancels the running check.
    fn cancel(&mut self);
    /// The events that arrived since the last call, oldest first. Never blocks.
    fn poll(&mut self) -> Vec<CheckEvent>;
    /// Whether the results are made up (the demo mode; a banner says so).
    fn is_demo(&self) -> bool {
        false
    }
}

/// The real engine behind the app: a handle and its events.
pub struct EngineBackend {
    handle: CheckHandle,
    events: CheckEvents,
}

impl EngineBackend {
    /// A backend for `db`, connecting as `options` say.
    pub fn new(db: Arc<Database>, options: CheckOptions) -> Result<Self, CheckError> {
        let (handle, events) = CheckHandle::new(db, options)?;
        Ok(EngineBackend { handle, events })
    }

    /// A backend on an existing runtime and resolver (tests).
    pub fn with_resolver(
        rt: tokio::runtime::Handle,
        db: Arc<Database>,
        options: CheckOptions,
        resolver: Arc<dyn crate::dns::Resolver>,
    ) -> Self {
        let (handle, events) = CheckHandle::with_resolver(rt, db, options, resolver);
        EngineBackend { handle, events }
    }
}

impl CheckBackend for EngineBackend {
    fn set_waker(&mut self, waker: Waker) {
        self.handle.set_notify(move || waker());
    }

    fn discover(&mut self, address: &Address) -> LookupId {
        self.handle.discover(address)
    }

    fn start(&mut self, request: CheckRequest) -> Result<Generation, CheckError> {
        self.handle.start(request)
    }

    fn cancel(&mut self) {
        self.handle.cancel();
    }

    fn poll(&mut self) -> Vec<CheckEvent> {
        self.events.drain()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why a check could not run, in Chinese: Chinese sentences with the flags,
    /// hosts and names as they are (the window showed "测试无法开始：a password
    /// was given but no user…").
    #[test]
    fn check_errors_are_said_in_the_users_language() {
        use crate::i18n::Lang;
        let all = [
            CheckError::NoUser,
            CheckError::NoEndpoints,
            CheckError::Credentials(CredentialsError::EmptyUsername),
            CheckError::Credentials(CredentialsError::ControlCharacter("password")),
            CheckError::Plan(PlanError::Discontinued {
                name: crate::providers::Localized {
                    en: "eTang".into(),
                    zh_hans: "亿唐".into(),
                    zh_hant: "億唐".into(),
                },
                year: 2021,
                provider_id: "etang".into(),
            }),
            CheckError::Plan(PlanError::NotFound {
                domain: "x.test".into(),
                message: Box::new(crate::discover::Note::NothingAnswered("x.test".into())),
            }),
            CheckError::Consent(ConsentError::NeedsHost {
                consent: "pop3:110:plain".into(),
                hosts: vec!["a.test".into(), "b.test".into()],
                example: "pop3:a.test:110:plain".into(),
            }),
        ];
        let names = [
            "--allow-insecure-auth",
            "--user",
            "--only",
            "protocol:HOST:port:security",
            "pop3:a.test:110:plain",
            "pop3:110:plain",
            "a.test",
            "b.test",
            "x.test",
            "eTang",
            "NUL",
        ];
        for e in &all {
            assert!(!e.text(Lang::En).is_empty());
            for lang in [Lang::ZhHans, Lang::ZhHant] {
                let t = e.text(lang);
                assert!(
                    crate::i18n::english_left(&t, &names).is_none(),
                    "{lang:?}: English left in {t:?}"
                );
            }
        }
        assert_eq!(
            CheckError::NoUser.text(Lang::En),
            CheckError::NoUser.to_string(),
            "English says what it said"
        );
    }
    use crate::check::plan::{TargetSource, host_provider};
    use crate::providers::IdnUsername;

    fn plan(idn: IdnUsername, form: UsernameForm) -> Plan {
        let mut provider = host_provider("mail.xn--fsqu00a.xn--fiqs8s");
        provider.username_idn = idn;
        for s in provider.incoming.iter_mut().chain(&mut provider.outgoing) {
            s.username = form;
        }
        Plan {
            input: "用户@例子.中国".into(),
            endpoints: Vec::new(),
            source: TargetSource::Host,
            provider: Some(provider),
            found: None,
            address: Some(Address::parse("用户@例子.中国").unwrap()),
        }
    }

    fn username(plan: &Plan, given: Option<&str>) -> String {
        let spec = LoginSpec {
            username: given.map(str::to_owned),
            password: SecretString::from("pw"),
            consents: Vec::new(),
            bearer: false,
        };
        login_for(spec, plan).unwrap().credentials.username.clone()
    }

    /// Issue 12, IDN: the wire form is the provider's (Unicode unless it says
    /// ASCII), never the mix of a Unicode local part with a punycode domain
    /// unless the provider asked for exactly that; a username the user typed
    /// gets the same treatment, a plain name stays as typed.
    #[test]
    fn an_internationalized_username_goes_in_the_providers_wire_form() {
        let unicode = plan(IdnUsername::Unicode, UsernameForm::Address);
        assert_eq!(username(&unicode, None), "用户@例子.中国");
        assert_eq!(
            username(&unicode, Some("用户@xn--fsqu00a.xn--fiqs8s")),
            "用户@例子.中国"
        );
        let ascii = plan(IdnUsername::Ascii, UsernameForm::Address);
        assert_eq!(username(&ascii, None), "用户@xn--fsqu00a.xn--fiqs8s");
        assert_eq!(
            username(&ascii, Some("用户@例子.中国")),
            "用户@xn--fsqu00a.xn--fiqs8s"
        );
        assert_eq!(username(&ascii, Some("yonghu")), "yonghu");
        assert_eq!(username(&ascii, Some("a@example.com")), "a@example.com");
        let local = plan(IdnUsername::Ascii, UsernameForm::LocalPart);
        assert_eq!(username(&local, None), "用户");
    }
}
