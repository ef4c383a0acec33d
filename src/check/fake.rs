//! A check backend that plays scripted results, for the GUI tests and the
//! demo mode (`MAILCONF_DEMO=1`).
//!
//! It plans with the real planner and builds real [`EndpointReport`]s
//! ([`report`]): the app shows, advises and exports them exactly as it does
//! the engine's, so tests exercise advice and probed exports too. Nothing
//! connects anywhere. The test releases events one by one through its
//! [`FakeHandle`] ([`Pace::Manual`]); the demo releases them on a timer.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::plan::{self, Plan};
use super::run::{CheckBackend, CheckError, CheckEvent, CheckRequest, Generation, LookupId, Waker};
use super::summary::ProbeSummary;
use crate::discover::{Discovery, Note};
use crate::probe::caps::{Capabilities, ImapCaps, Pop3Caps, SmtpCaps};
use crate::probe::login::{LoginOutcome, LoginReport, NotTriedReason};
use crate::probe::report::{PlaintextReason, Timings, Verdict, summary_for};
use crate::probe::session::{MachineConfig, StarttlsOutcome, machine_for};
use crate::probe::tls::{CertMode, CertificateSummary, ChainVerdict, TlsErrorKind, TlsReport};
use crate::probe::transcript::{Direction, Transcript, TranscriptLine};
use crate::probe::{DnsFailure, Endpoint, EndpointReport, InsecureAllow, ProbeError, TimeoutPhase};
use crate::providers::{Address, Database, Protocol, Security};
use crate::server_text::ServerText;

/// How a scripted endpoint ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FakeOutcome {
    /// TLS (implicit or STARTTLS) with a trusted certificate.
    Secure,
    /// Answers without encryption.
    Plaintext(PlaintextReason),
    /// TLS with a certificate that failed verification (read in report-only mode).
    Untrusted(TlsErrorKind),
    /// Connection refused.
    Refused,
    /// No answer to the connection attempt (filtered).
    Blocked,
    /// The DNS says the host name does not exist.
    Dns,
    /// The name lookup got no answer (no network, DNS server down).
    DnsLookupFailed,
}

fn caps_for(protocol: Protocol, after_tls: bool, starttls: bool) -> Capabilities {
    let lines = |v: &[&str]| -> Vec<Vec<u8>> { v.iter().map(|l| l.as_bytes().to_vec()).collect() };
    match protocol {
        Protocol::Pop3 => Capabilities::Pop3(Pop3Caps::parse(&lines(if after_tls {
            &[
                "USER",
                "SASL PLAIN LOGIN",
                "UIDL",
                "TOP",
                "PIPELINING",
                "RESP-CODES",
            ]
        } else if starttls {
            &["STLS", "UIDL", "TOP", "PIPELINING", "RESP-CODES"]
        } else {
            &["USER", "UIDL", "TOP"]
        }))),
        Protocol::Smtp => Capabilities::Smtp(SmtpCaps::parse_ehlo(&lines(if after_tls {
            &[
                "mail.example",
                "PIPELINING",
                "SIZE 73400320",
                "AUTH PLAIN LOGIN",
                "8BITMIME",
                "ENHANCEDSTATUSCODES",
            ]
        } else {
            &["mail.example", "PIPELINING", "STARTTLS", "8BITMIME"]
        }))),
        Protocol::Imap => Capabilities::Imap(ImapCaps::parse(if after_tls {
            b"IMAP4rev1 ID IDLE AUTH=PLAIN AUTH=LOGIN SASL-IR"
        } else {
            b"IMAP4rev1 STARTTLS LOGINDISABLED"
        })),
    }
}

fn tls_report(host: &str, chain: ChainVerdict) -> TlsReport {
    let der = format!("fake certificate of {host}");
    let sha256 = crate::probe::tls::fingerprint(der.as_bytes());
    TlsReport {
        version: "TLS 1.3".to_owned(),
        cipher_suite: "TLS13_AES_256_GCM_SHA384".to_owned(),
        cert_mode: CertMode::ReportOnly,
        chain,
        chain_error: match chain {
            ChainVerdict::Trusted => None,
            ChainVerdict::Invalid(kind) => Some(ServerText::new(&format!(
                "invalid peer certificate: {kind}"
            ))),
        },
        hostname_match: Some(!matches!(
            chain,
            ChainVerdict::Invalid(TlsErrorKind::WrongName)
        )),
        certificates: vec![CertificateSummary {
            subject: ServerText::new(&format!("CN={host}")),
            issuer: ServerText::new(match chain {
                ChainVerdict::Invalid(TlsErrorKind::SelfSigned) => &der,
                _ => "CN=Example Test CA",
            }),
            sans: vec![ServerText::new(host)],
            not_before: "2026-01-01T00:00:00Z".to_owned(),
            not_after: "2027-01-31T00:00:00Z".to_owned(),
            days_left: 59,
            sha256: sha256.clone(),
            self_signed: matches!(chain, ChainVerdict::Invalid(TlsErrorKind::SelfSigned)),
        }],
        leaf_sha256: Some(sha256),
    }
}

/// A realistic report for `endpoint` ending as `outcome`, `ms` milliseconds
/// after it started: what the engine would report about such a server.
pub fn report(endpoint: &Endpoint, outcome: FakeOutcome, ms: u64) -> EndpointReport {
    let mut session = machine_for(
        endpoint.protocol,
        endpoint.security,
        MachineConfig::default(),
    )
    .report();
    let greeting = match endpoint.protocol {
        Protocol::Pop3 => format!("+OK {} POP3 ready", endpoint.host),
        Protocol::Smtp => format!("220 {} ESMTP", endpoint.host),
        Protocol::Imap => format!("* OK {} IMAP4 ready", endpoint.host),
    };
    let mut lines = vec![(
        Direction::Info,
        format!("connected to 192.0.2.1:{}", endpoint.port),
    )];
    let mut tls = None;
    let (verdict, error) = match outcome {
        FakeOutcome::Secure | FakeOutcome::Untrusted(_) => {
            let chain = match outcome {
                FakeOutcome::Untrusted(kind) => ChainVerdict::Invalid(kind),
                _ => ChainVerdict::Trusted,
            };
            tls = Some(tls_report(&endpoint.host, chain));
            session.greeting = Some(ServerText::new(&greeting));
            if endpoint.security == Security::Starttls {
                session.caps_before_tls = Some(caps_for(endpoint.protocol, false, true));
                session.starttls = StarttlsOutcome::Upgraded;
            }
            session.caps_after_tls = Some(caps_for(endpoint.protocol, true, false));
            lines.push((Direction::Server, greeting.clone()));
            lines.push((Direction::Info, "TLS established: TLS 1.3".to_owned()));
            (
                match chain {
                    ChainVerdict::Trusted => Verdict::Secure,
                    ChainVerdict::Invalid(kind) => Verdict::TlsError { tls_kind: kind },
                },
                None,
            )
        }
        FakeOutcome::Plaintext(reason) => {
            session.greeting = Some(ServerText::new(&greeting));
            session.caps_before_tls = Some(caps_for(
                endpoint.protocol,
                false,
                reason == PlaintextReason::PlainEndpoint && endpoint.protocol == Protocol::Pop3,
            ));
            session.starttls = match reason {
                PlaintextReason::PlainEndpoint => StarttlsOutcome::NotApplicable,
                PlaintextReason::StarttlsNotOffered => StarttlsOutcome::NotOffered,
                PlaintextReason::StarttlsRefused => StarttlsOutcome::Refused {
                    reply: ServerText::new("-ERR not now"),
                },
            };
            lines.push((Direction::Server, greeting.clone()));
            (Verdict::InsecurePlaintextOnly { reason }, None)
        }
        FakeOutcome::Refused => {
            lines.clear();
            let e = ProbeError::Refused {
                addr: format!("192.0.2.1:{}", endpoint.port),
            };
            (Verdict::Refused, Some(e))
        }
        FakeOutcome::Blocked => {
            lines.clear();
            let e = ProbeError::Timeout {
                phase: TimeoutPhase::Connect,
                after_ms: 5000,
            };
            (
                Verdict::TimedOut {
                    phase: TimeoutPhase::Connect,
                    after_ms: 5000,
                },
                Some(e),
            )
        }
        FakeOutcome::Dns | FakeOutcome::DnsLookupFailed => {
            lines.clear();
            let (failure, message) = if outcome == FakeOutcome::Dns {
                (DnsFailure::NoSuchHost, "no record found")
            } else {
                (DnsFailure::LookupFailed, "the DNS server is unreachable")
            };
            let e = ProbeError::Dns {
                host: endpoint.host.clone(),
                failure,
                message: message.to_owned(),
            };
            (Verdict::DnsError { failure }, Some(e))
        }
    };
    if error.is_none() {
        let quit = match endpoint.protocol {
            Protocol::Imap => "a3 LOGOUT",
            _ => "QUIT",
        };
        lines.push((Direction::Client, quit.to_owned()));
    }
    let summary = summary_for(&verdict, error.as_ref(), tls.as_ref(), false);
    let mut transcript = Transcript::default();
    for (i, (dir, text)) in lines.into_iter().enumerate() {
        transcript.lines.push(TranscriptLine {
            at_ms: i as u64 * ms / 4,
            dir,
            text: ServerText::new(&text).to_string(),
        });
    }
    let connected = error.is_none();
    EndpointReport {
        endpoint: endpoint.clone(),
        connect_port: endpoint.port,
        summary,
        verdict,
        error: error.as_ref().map(EndpointReport::error_info),
        addresses: vec![
            "192.0.2.1"
                .parse()
                .unwrap_or(std::net::IpAddr::from([192, 0, 2, 1])),
        ],
        connected_to: connected
            .then(|| std::net::SocketAddr::from(([192, 0, 2, 1], endpoint.port))),
        tls,
        session,
        timings: Timings {
            dns_ms: Some(1),
            connect_ms: connected.then_some(ms / 3),
            greeting_ms: connected.then_some(ms / 3),
            tls_ms: None,
            total_ms: ms,
        },
        transcript,
        login: None,
    }
}

/// `report` with a login test that ended as `outcome`.
pub fn with_login(mut report: EndpointReport, outcome: LoginOutcome) -> EndpointReport {
    let mut l = LoginReport::bare(outcome);
    if !matches!(l.result, LoginOutcome::NotTried { .. }) {
        l.mechanism = Some("AUTH PLAIN".to_owned());
    }
    report.login = Some(l);
    report
}

/// What a scripted check was asked.
#[derive(Debug, Clone)]
pub struct FakeRequest {
    /// The plan (from the real planner).
    pub plan: Plan,
    /// The username of the login test, when there is one.
    pub username: Option<String>,
    /// Whether a password was given.
    pub with_password: bool,
    /// The consents given.
    pub consents: Vec<InsecureAllow>,
}

/// Makes the scripted reports for a request, as (endpoint index, report) in
/// order of arrival.
pub type Script = Box<dyn Fn(&FakeRequest) -> Vec<(usize, EndpointReport)> + Send + Sync>;

/// How a [`FakeCheck`] releases its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Only when a test calls [`FakeHandle::release`].
    Manual,
    /// One event per interval, from a timer thread.
    Timed(Duration),
}

#[derive(Default)]
struct Shared {
    generation: Generation,
    lookups: LookupId,
    /// Lookups started, with their address.
    started: Vec<(LookupId, Address)>,
    /// Answers given to lookups, by domain.
    answered: HashMap<String, Arc<Discovery>>,
    /// Scripted check events not yet released.
    pending: VecDeque<CheckEvent>,
    /// Released events not yet polled.
    ready: Vec<CheckEvent>,
    /// A check waiting for its domain's lookup.
    waiting: Option<(Generation, String, FakeParts)>,
    waker: Option<Waker>,
    requests: Vec<FakeRequest>,
    inputs: Vec<String>,
    cancels: usize,
}

/// What a check keeps until its discovery answers.
#[derive(Clone)]
struct FakeParts {
    input: String,
    only: Vec<Protocol>,
    /// `None` with explicit endpoints (planned as the engine plans them).
    typed: Option<plan::Typed>,
    endpoints: Vec<Endpoint>,
    provider: Option<String>,
    username: Option<String>,
    with_password: bool,
    consents: Vec<InsecureAllow>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    fn wake(&self) {
        if let Some(w) = &self.waker {
            w();
        }
    }
}

/// The scripted backend.
pub struct FakeCheck {
    shared: Arc<Mutex<Shared>>,
    db: Arc<Database>,
    script: Arc<Script>,
    pace: Pace,
    demo: bool,
}

/// A test's handle on a [`FakeCheck`] it gave to the app.
#[derive(Clone)]
pub struct FakeHandle {
    shared: Arc<Mutex<Shared>>,
    db: Arc<Database>,
    script: Arc<Script>,
}

/// Queues the events of a check of `parts` whose discovery (if it needed one)
/// answered `discovery`. The plan (or the planning error) is ready at once, as
/// the engine's is; the endpoint results wait for their release.
fn queue_check(
    s: &mut Shared,
    db: &Database,
    script: &Script,
    generation: Generation,
    parts: FakeParts,
    discovery: Option<Arc<Discovery>>,
) {
    if let Some(d) = &discovery {
        s.ready.push(CheckEvent::Discovered {
            generation,
            discovery: d.clone(),
        });
    }
    let planned = match &parts.typed {
        Some(typed) => plan::plan(&parts.input, typed, &parts.only, db, discovery.as_deref()),
        None => Ok(plan::explicit(
            parts.endpoints.clone(),
            &parts.only,
            parts
                .provider
                .as_deref()
                .and_then(|id| db.by_id(id))
                .map(|e| e.provider.clone()),
        )),
    };
    let plan = match planned {
        Ok(p) => p,
        Err(e) => {
            let summary = ProbeSummary::nothing_to_probe(&parts.input, &e, None);
            s.ready.push(CheckEvent::Failed {
                generation,
                error: Arc::new(CheckError::Plan(e)),
                summary: Some(Arc::new(summary)),
            });
            return;
        }
    };
    let request = FakeRequest {
        plan: plan.clone(),
        username: parts.username,
        with_password: parts.with_password,
        consents: parts.consents,
    };
    s.requests.push(request.clone());
    let plan = Arc::new(plan);
    s.ready.push(CheckEvent::Planned {
        generation,
        plan: plan.clone(),
    });
    let arrivals = script(&request);
    let mut reports: Vec<Option<EndpointReport>> = vec![None; plan.endpoints.len()];
    for (index, report) in arrivals {
        if let Some(slot) = reports.get_mut(index) {
            *slot = Some(report.clone());
        }
        s.pending.push_back(CheckEvent::EndpointDone {
            generation,
            index,
            report: Box::new(report),
        });
    }
    let summary = ProbeSummary::of(&plan, reports.into_iter().flatten().collect());
    s.pending.push_back(CheckEvent::Finished {
        generation,
        summary: Arc::new(summary),
    });
}

impl FakeCheck {
    fn handle(&self) -> FakeHandle {
        FakeHandle {
            shared: self.shared.clone(),
            db: self.db.clone(),
            script: self.script.clone(),
        }
    }

    /// A backend that answers every check with `script`, released at `pace`.
    pub fn new(db: Arc<Database>, script: Script, pace: Pace) -> (FakeCheck, FakeHandle) {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let script = Arc::new(script);
        (
            FakeCheck {
                shared: shared.clone(),
                db: db.clone(),
                script: script.clone(),
                pace,
                demo: false,
            },
            FakeHandle { shared, db, script },
        )
    }

    /// The demo mode: plausible results for any check, arriving over a couple
    /// of seconds, with a banner saying they are made up. Unknown domains are
    /// "found" at their usual host names.
    pub fn demo(db: Arc<Database>) -> FakeCheck {
        let (mut b, _) = FakeCheck::new(
            db,
            Box::new(demo_script),
            Pace::Timed(Duration::from_millis(250)),
        );
        b.demo = true;
        b
    }

    fn run_timer(&self, generation: Generation) {
        let Pace::Timed(every) = self.pace else {
            return;
        };
        let shared = self.shared.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(every);
                let mut s = lock(&shared);
                if s.generation != generation {
                    return;
                }
                let Some(e) = s.pending.pop_front() else {
                    return;
                };
                s.ready.push(e);
                s.wake();
            }
        });
    }
}

/// The demo's answer to a lookup: settings "found" at the usual host names
/// (`pop.`, `smtp.`, `imap.` + domain), clearly labelled as made up.
pub fn demo_discovery(address: &Address) -> Discovery {
    use crate::discover::{Candidate, Finding, Outcome, SourceKind};
    use crate::providers::{Server, UsernameForm};
    let d = &address.domain;
    let provenance = Note::Verbatim(ServerText::new("demo (made-up results)"));
    let candidate = |protocol, prefix: &str, port, security| Candidate {
        server: Server {
            protocol,
            host: format!("{prefix}.{d}"),
            port,
            security,
            username: UsernameForm::Address,
            note: None,
            login: None,
        },
        provenance: provenance.clone(),
        verified: None,
    };
    let mut found = Discovery::failed(address, "");
    found.outcome = Outcome::Found;
    found.message = Note::Verbatim(ServerText::new("found by demo (made-up results)"));
    found.best = Some(Finding {
        source: SourceKind::Guess,
        dns_unauthenticated: false,
        provenance: provenance.clone(),
        provider: None,
        incoming: vec![
            candidate(Protocol::Pop3, "pop", 995, Security::Tls),
            candidate(Protocol::Imap, "imap", 993, Security::Tls),
        ],
        outgoing: vec![candidate(Protocol::Smtp, "smtp", 465, Security::Tls)],
    });
    found
}

impl CheckBackend for FakeCheck {
    fn set_waker(&mut self, waker: Waker) {
        lock(&self.shared).waker = Some(waker);
    }

    fn discover(&mut self, address: &Address) -> LookupId {
        let id = {
            let mut s = lock(&self.shared);
            s.lookups += 1;
            let id = s.lookups;
            s.started.push((id, address.clone()));
            id
        };
        if self.demo {
            self.handle().answer(id, demo_discovery(address));
        }
        id
    }

    fn start(&mut self, request: CheckRequest) -> Result<Generation, CheckError> {
        let typed = if request.endpoints.is_empty() {
            Some(plan::classify(&self.db, &request.input)?)
        } else {
            None
        };
        let mut s = lock(&self.shared);
        s.generation += 1;
        let generation = s.generation;
        s.pending.clear();
        s.waiting = None;
        s.inputs.push(request.input.clone());
        let parts = FakeParts {
            input: request.input.clone(),
            only: request.only.clone(),
            username: request.login.as_ref().and_then(|l| l.username.clone()),
            with_password: request.login.is_some(),
            consents: request
                .login
                .as_ref()
                .map(|l| l.consents.clone())
                .unwrap_or_default(),
            typed,
            endpoints: request.endpoints.clone(),
            provider: request.provider.clone(),
        };
        let unknown = parts
            .typed
            .as_ref()
            .and_then(|t| plan::needs_discovery(&self.db, t))
            .cloned();
        if self.demo
            && let Some(a) = &unknown
            && !s.answered.contains_key(&a.domain)
        {
            s.answered
                .insert(a.domain.clone(), Arc::new(demo_discovery(a)));
        }
        match unknown.map(|a| a.domain) {
            Some(domain) => match s.answered.get(&domain).cloned() {
                Some(d) => queue_check(&mut s, &self.db, &self.script, generation, parts, Some(d)),
                None => s.waiting = Some((generation, domain, parts)),
            },
            None => queue_check(&mut s, &self.db, &self.script, generation, parts, None),
        }
        if !s.ready.is_empty() {
            s.wake();
        }
        drop(s);
        self.run_timer(generation);
        Ok(generation)
    }

    fn cancel(&mut self) {
        let mut s = lock(&self.shared);
        s.pending.clear();
        s.waiting = None;
        s.cancels += 1;
    }

    fn poll(&mut self) -> Vec<CheckEvent> {
        std::mem::take(&mut lock(&self.shared).ready)
    }

    fn is_demo(&self) -> bool {
        self.demo
    }
}

impl FakeHandle {
    /// Releases up to `n` scripted check events (and wakes the app). Returns how many.
    pub fn release(&self, n: usize) -> usize {
        let mut s = lock(&self.shared);
        let mut moved = 0;
        while moved < n {
            let Some(e) = s.pending.pop_front() else {
                break;
            };
            s.ready.push(e);
            moved += 1;
        }
        if moved > 0 {
            s.wake();
        }
        moved
    }

    /// Releases every scripted check event.
    pub fn release_all(&self) -> usize {
        self.release(usize::MAX)
    }

    /// Delivers an arbitrary event (e.g. a stale one of an old check).
    pub fn inject(&self, event: CheckEvent) {
        let mut s = lock(&self.shared);
        s.ready.push(event);
        s.wake();
    }

    /// Answers lookup `lookup` with `discovery` (and a check waiting for that
    /// domain goes on with it).
    pub fn answer(&self, lookup: LookupId, discovery: Discovery) {
        let mut s = lock(&self.shared);
        let d = Arc::new(discovery);
        s.answered.insert(d.domain.clone(), d.clone());
        s.ready.push(CheckEvent::LookedUp {
            lookup,
            discovery: d.clone(),
        });
        if let Some((generation, domain, parts)) = s.waiting.take() {
            if domain == d.domain {
                queue_check(&mut s, &self.db, &self.script, generation, parts, Some(d));
            } else {
                s.waiting = Some((generation, domain, parts));
            }
        }
        s.wake();
    }

    /// Events scripted but not yet released.
    pub fn pending(&self) -> usize {
        lock(&self.shared).pending.len()
    }

    /// The generation of the latest check.
    pub fn generation(&self) -> Generation {
        lock(&self.shared).generation
    }

    /// The latest lookup's id (0 before the first).
    pub fn lookups(&self) -> LookupId {
        lock(&self.shared).lookups
    }

    /// The addresses lookups were started for, oldest first.
    pub fn looked_up(&self) -> Vec<String> {
        lock(&self.shared)
            .started
            .iter()
            .map(|(_, a)| a.canonical())
            .collect()
    }

    /// Every check that was planned, oldest first.
    pub fn requests(&self) -> Vec<FakeRequest> {
        lock(&self.shared).requests.clone()
    }

    /// What every check was started with, oldest first.
    pub fn inputs(&self) -> Vec<String> {
        lock(&self.shared).inputs.clone()
    }

    /// How many times the app cancelled.
    pub fn cancels(&self) -> usize {
        lock(&self.shared).cancels
    }
}

/// Plausible results for the demo: TLS ports secure, STARTTLS secure,
/// plaintext insecure, SMTP 25 blocked, arriving fastest first.
pub fn demo_script(request: &FakeRequest) -> Vec<(usize, EndpointReport)> {
    let mut out: Vec<(usize, EndpointReport)> = request
        .plan
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let ms = 40 + (i as u64 * 37) % 90;
            let r = if e.protocol == Protocol::Smtp && e.port == 25 {
                report(e, FakeOutcome::Blocked, 5000)
            } else if e.security == Security::Plain {
                report(
                    e,
                    FakeOutcome::Plaintext(PlaintextReason::PlainEndpoint),
                    ms,
                )
            } else {
                report(e, FakeOutcome::Secure, ms)
            };
            let r = if request.with_password {
                let outcome = if r.verdict.is_secure() {
                    LoginOutcome::Success
                } else {
                    LoginOutcome::NotTried {
                        reason: NotTriedReason::Plaintext,
                    }
                };
                with_login(r, outcome)
            } else {
                r
            };
            (i, r)
        })
        .collect();
    out.sort_by_key(|(_, r)| r.timings.total_ms);
    out
}
