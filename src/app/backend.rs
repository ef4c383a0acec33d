//! The seam between the desktop app and the connection-test engine.
//!
//! The app never waits for the network. It hands a [`ProbeRequest`] to a
//! [`ProbeBackend`], gets a [`Generation`] back at once, and on every frame drains
//! the [`Event`]s that arrived meanwhile with [`ProbeBackend::poll`]. The backend
//! calls the [`Waker`] whenever it has queued events, so that the app repaints only
//! when something happened (no polling loop, 0 % CPU while idle).
//!
//! The event type is deliberately small: the app turns it into table rows, and an
//! engine maps its own reports onto it in one function. Endpoints are addressed by
//! their index in [`ProbeRequest::endpoints`]; events of an older generation are
//! dropped by the app, so a backend need not be careful about a late event after
//! [`ProbeBackend::cancel`] or a new [`ProbeBackend::start`].
//!
//! [`ScriptedBackend`] replays scripted outcomes: the tests release its events one
//! by one, and `MAILCONF_DEMO=1` runs it on a timer for screenshots.
//!
//! # Connecting the real engine
//!
//! An adapter owns the engine's handle and implements [`ProbeBackend`]:
//! `start` turns [`EndpointSpec`]s into the engine's endpoints (same four fields),
//! starts it and returns its generation; `set_waker` is called from the engine's
//! event thread after each send (or a forwarding thread calls it); `poll` drains
//! the engine's channel with `try_recv` and maps each event:
//!
//! | engine | [`EventKind`] |
//! |---|---|
//! | started with endpoints | nothing, or [`EventKind::Planned`] if they differ from the request |
//! | endpoint `index` done with a report | [`EventKind::Finished`] with [`Outcome`] (below) |
//! | all done | [`EventKind::Done`] |
//!
//! Verdicts: secure → [`Verdict::Secure`]; plaintext only (plain port / STARTTLS
//! not offered / refused) → [`Verdict::Insecure`] with the matching
//! [`InsecureReason`]; TLS error → [`FailReason::Tls`], or
//! [`FailReason::Certificate`] when the chain was the problem; refused or
//! unreachable → [`FailReason::Refused`]; DNS → [`FailReason::Dns`]; a timeout in
//! the connect phase → [`Verdict::Blocked`], in a later phase →
//! [`FailReason::Timeout`]; protocol error → [`FailReason::Protocol`].
//! `latency_ms` is the time to the greeting (or the total when it failed), the
//! certificate verdict maps onto [`CertVerdict`], capabilities before/after
//! STARTTLS, the redacted transcript lines and the engine's one-line summary
//! (`detail`) are copied as they are.

use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Identifies one [`ProbeBackend::start`]; every start gets a new, larger one.
pub type Generation = u64;

/// Wakes the UI: called by a backend (from any thread) after it queued events.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// One way in to a server: protocol, host, port, security mode.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EndpointSpec {
    /// POP3, IMAP or SMTP.
    pub protocol: Protocol,
    /// Host name.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Implicit TLS, STARTTLS, or plaintext.
    pub security: Security,
}

impl EndpointSpec {
    /// A new endpoint.
    pub fn new(protocol: Protocol, host: &str, port: u16, security: Security) -> Self {
        Self {
            protocol,
            host: host.to_owned(),
            port,
            security,
        }
    }
}

/// What the app asks the engine to test.
#[derive(Debug, Clone, Default)]
pub struct ProbeRequest {
    /// Every endpoint, in table order; events refer to them by index.
    pub endpoints: Vec<EndpointSpec>,
    /// The address typed, canonical (`None` when a provider was picked without one).
    pub address: Option<String>,
    /// The username for a login test (empty: no login).
    pub username: String,
    /// The password or authorization code for a login test (empty: no login).
    pub password: Secret,
    /// The provider recognized (its known replies and quirks shape the login test).
    pub provider: Option<crate::providers::Provider>,
    /// Endpoints where the user confirmed sending the password without protection.
    pub allow_insecure: Vec<crate::probe::InsecureAllow>,
}

/// Why an endpoint that answered is not secure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsecureReason {
    /// A plaintext endpoint (POP3 110 without STLS).
    PlainPort,
    /// The server did not offer STLS/STARTTLS.
    StarttlsNotOffered,
    /// The server refused STLS/STARTTLS.
    StarttlsRefused,
}

/// Why an endpoint failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailReason {
    /// Connection refused, or network unreachable.
    Refused,
    /// A deadline ran out after the connection was made.
    Timeout,
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake failed.
    Tls,
    /// TLS worked but the certificate is not trustworthy.
    Certificate,
    /// The server broke the protocol.
    Protocol,
}

/// The verdict on one endpoint: the colour and icon of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// TLS with a trusted certificate.
    Secure,
    /// Answers, but only without encryption.
    Insecure(InsecureReason),
    /// Something went wrong.
    Failed(FailReason),
    /// No answer to the connection attempt at all: filtered by a firewall or the ISP.
    Blocked,
}

/// What the certificate check said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertVerdict {
    /// Chains to a trusted root and names the host.
    Trusted,
    /// Past its end date (or before its start).
    Expired,
    /// Issued for other names.
    WrongName,
    /// Self-signed.
    SelfSigned,
    /// Any other reason the chain is not trusted.
    Untrusted,
}

/// The certificate the server presented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// The verdict.
    pub verdict: CertVerdict,
    /// Subject distinguished name.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Subject alternative names.
    pub names: Vec<String>,
    /// Start of validity, as the engine formats it (`2026-01-31`).
    pub not_before: String,
    /// End of validity.
    pub not_after: String,
    /// SHA-256 fingerprint, hex.
    pub sha256: String,
}

/// Everything learnt about one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// Time to the greeting (or to the failure), in milliseconds.
    pub latency_ms: Option<u64>,
    /// Negotiated TLS version (`TLS 1.3`), when TLS was established.
    pub tls_version: Option<String>,
    /// The certificate, when TLS was established.
    pub cert: Option<CertInfo>,
    /// Capabilities before STARTTLS (or the only ones, for implicit TLS and plaintext).
    pub caps_before: Vec<String>,
    /// Capabilities after STARTTLS.
    pub caps_after: Vec<String>,
    /// The redacted transcript, one `C:`/`S:` line each.
    pub transcript: Vec<String>,
    /// The engine's own message (English, technical): shown in the details when
    /// there is no report (which is shown in the UI language instead), and in the
    /// diagnostic report.
    pub detail: Option<String>,
    /// The engine's full report (absent for scripted outcomes): login result,
    /// advice, export and the diagnostic report read it.
    pub report: Option<Box<crate::probe::EndpointReport>>,
}

impl Outcome {
    /// An outcome with only a verdict.
    pub fn new(verdict: Verdict) -> Self {
        Self {
            verdict,
            latency_ms: None,
            tls_version: None,
            cert: None,
            caps_before: Vec::new(),
            caps_after: Vec::new(),
            transcript: Vec::new(),
            detail: None,
            report: None,
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// Optional: the engine chose other endpoints than requested; they replace the rows.
    Planned(Vec<EndpointSpec>),
    /// One endpoint finished, in whatever order they finish.
    Finished {
        /// Index into the endpoints.
        index: usize,
        /// The result.
        outcome: Box<Outcome>,
    },
    /// Every endpoint has finished (rows still pending stay "cancelled").
    Done,
}

/// An event of one probe generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The generation it belongs to.
    pub generation: Generation,
    /// What happened.
    pub kind: EventKind,
}

/// The connection-test engine, as the app sees it. Every method returns at once.
pub trait ProbeBackend: Send {
    /// Tells the backend how to wake the UI. Called once, before the first `start`.
    fn set_waker(&mut self, waker: Waker);

    /// Starts testing; cancels a running test first. Returns the new generation,
    /// which every event of this test carries.
    fn start(&mut self, request: ProbeRequest) -> Generation;

    /// Cancels the running test, if any. Its remaining events may still arrive; the
    /// app drops them.
    fn cancel(&mut self);

    /// The events that arrived since the last call, oldest first. Never blocks.
    fn poll(&mut self) -> Vec<Event>;

    /// Whether the results are made up (a banner says so).
    fn is_demo(&self) -> bool {
        false
    }
}

/// How a [`ScriptedBackend`] releases its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Only when a test calls [`ScriptHandle::release`].
    Manual,
    /// One event per interval, from a timer thread.
    Timed(Duration),
}

/// Makes the scripted outcomes for a request, as (endpoint index, outcome) in
/// order of arrival.
pub type Script = Box<dyn Fn(&ProbeRequest) -> Vec<(usize, Outcome)> + Send>;

#[derive(Default)]
struct Shared {
    generation: Generation,
    /// Scripted events not yet released.
    pending: VecDeque<Event>,
    /// Released events not yet polled.
    ready: Vec<Event>,
    waker: Option<Waker>,
    requests: Vec<ProbeRequest>,
    cancels: usize,
}

impl Shared {
    fn wake(&self) {
        if let Some(w) = &self.waker {
            w();
        }
    }
}

/// Locks a mutex of plain data shared with a test or a timer thread. A panic
/// while holding the lock leaves plain data behind; keep going.
pub(crate) fn lock<T>(shared: &Mutex<T>) -> MutexGuard<'_, T> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A backend that plays a script: for tests, and for the demo mode.
pub struct ScriptedBackend {
    shared: Arc<Mutex<Shared>>,
    script: Script,
    pace: Pace,
    demo: bool,
}

/// A test's handle on a [`ScriptedBackend`] it gave to the app.
#[derive(Clone)]
pub struct ScriptHandle {
    shared: Arc<Mutex<Shared>>,
}

impl ScriptedBackend {
    /// A backend that answers every request with `script`, released at `pace`.
    pub fn new(script: Script, pace: Pace) -> (Self, ScriptHandle) {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let handle = ScriptHandle {
            shared: shared.clone(),
        };
        (
            Self {
                shared,
                script,
                pace,
                demo: false,
            },
            handle,
        )
    }

    /// The demo mode (`MAILCONF_DEMO=1`): plausible results for any request,
    /// arriving over a couple of seconds, with a banner saying they are made up.
    pub fn demo() -> Self {
        let (mut b, _) = Self::new(
            Box::new(demo_script),
            Pace::Timed(Duration::from_millis(250)),
        );
        b.demo = true;
        b
    }
}

impl ProbeBackend for ScriptedBackend {
    fn set_waker(&mut self, waker: Waker) {
        lock(&self.shared).waker = Some(waker);
    }

    fn start(&mut self, request: ProbeRequest) -> Generation {
        let events = (self.script)(&request);
        let mut s = lock(&self.shared);
        s.generation += 1;
        let generation = s.generation;
        s.pending.clear();
        s.pending
            .extend(events.into_iter().map(|(index, outcome)| Event {
                generation,
                kind: EventKind::Finished {
                    index,
                    outcome: Box::new(outcome),
                },
            }));
        s.pending.push_back(Event {
            generation,
            kind: EventKind::Done,
        });
        s.requests.push(request);
        drop(s);
        if let Pace::Timed(every) = self.pace {
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
        generation
    }

    fn cancel(&mut self) {
        let mut s = lock(&self.shared);
        s.pending.clear();
        s.cancels += 1;
    }

    fn poll(&mut self) -> Vec<Event> {
        std::mem::take(&mut lock(&self.shared).ready)
    }

    fn is_demo(&self) -> bool {
        self.demo
    }
}

impl ScriptHandle {
    /// Releases up to `n` scripted events (and wakes the app). Returns how many.
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

    /// Releases every scripted event.
    pub fn release_all(&self) -> usize {
        self.release(usize::MAX)
    }

    /// Delivers an arbitrary event (e.g. a stale one of an old generation).
    pub fn inject(&self, event: Event) {
        let mut s = lock(&self.shared);
        s.ready.push(event);
        s.wake();
    }

    /// Events scripted but not yet released.
    pub fn pending(&self) -> usize {
        lock(&self.shared).pending.len()
    }

    /// The current generation.
    pub fn generation(&self) -> Generation {
        lock(&self.shared).generation
    }

    /// Every request started so far.
    pub fn requests(&self) -> Vec<ProbeRequest> {
        lock(&self.shared).requests.clone()
    }

    /// How many times the app cancelled.
    pub fn cancels(&self) -> usize {
        lock(&self.shared).cancels
    }
}

/// The endpoints to test for a domain: for each protocol, the provider's first
/// host (or the usual guess `pop.`, `imap.`, `smtp.` + domain), on the eight
/// standard ports in table order (POP3 110 / 110 STLS / 995, SMTP 25 / 587 / 465,
/// IMAP 143 / 993), each protocol followed by any other port or host the provider
/// documents for it.
pub fn standard_endpoints(
    pop_host: &str,
    smtp_host: &str,
    imap_host: &str,
    extra: &[EndpointSpec],
) -> Vec<EndpointSpec> {
    use Protocol::*;
    use Security::*;
    let blocks = [
        (
            Pop3,
            pop_host,
            &[(110, Plain), (110, Starttls), (995, Tls)][..],
        ),
        (
            Smtp,
            smtp_host,
            &[(25, Starttls), (587, Starttls), (465, Tls)][..],
        ),
        (Imap, imap_host, &[(143, Starttls), (993, Tls)][..]),
    ];
    let mut v = Vec::new();
    for (protocol, host, ports) in blocks {
        let start = v.len();
        for &(port, security) in ports {
            v.push(EndpointSpec::new(protocol, host, port, security));
        }
        for e in extra.iter().filter(|e| e.protocol == protocol) {
            // A documented port the standard rows already cover (in whatever mode) is
            // the same row.
            let known = v[start..]
                .iter()
                .any(|k| k.host == e.host && k.port == e.port);
            if !known {
                v.push(e.clone());
            }
        }
    }
    v
}

/// Plausible outcomes for the demo mode: TLS ports secure, STARTTLS secure,
/// plaintext insecure, SMTP 25 blocked, arriving fastest first.
pub fn demo_script(request: &ProbeRequest) -> Vec<(usize, Outcome)> {
    let mut out: Vec<(usize, Outcome)> = request
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| (i, demo_outcome(e, i)))
        .collect();
    out.sort_by_key(|(_, o)| o.latency_ms.unwrap_or(u64::MAX));
    out
}

fn demo_outcome(e: &EndpointSpec, i: usize) -> Outcome {
    let latency = 40 + (i as u64 * 37) % 90;
    if e.protocol == Protocol::Smtp && e.port == 25 {
        let mut o = Outcome::new(Verdict::Blocked);
        o.latency_ms = Some(5000);
        o.detail = Some("connect: timed out after 5000 ms".into());
        return o;
    }
    if e.security == Security::Plain {
        let mut o = Outcome::new(Verdict::Insecure(InsecureReason::PlainPort));
        o.latency_ms = Some(latency);
        o.caps_before = match e.protocol {
            Protocol::Pop3 => vec!["USER".into(), "UIDL".into(), "TOP".into(), "STLS".into()],
            _ => vec![],
        };
        o.transcript = vec![format!("S: +OK {} ready", e.host), "C: QUIT".into()];
        return o;
    }
    let mut o = Outcome::new(Verdict::Secure);
    o.latency_ms = Some(latency);
    o.tls_version = Some("TLS 1.3".into());
    o.cert = Some(CertInfo {
        verdict: CertVerdict::Trusted,
        subject: format!("CN={}", e.host),
        issuer: "CN=Demo CA".into(),
        names: vec![e.host.clone()],
        not_before: "2026-01-01".into(),
        not_after: "2027-01-31".into(),
        sha256: "3F:A1:…:9C".into(),
    });
    let caps: Vec<String> = match e.protocol {
        Protocol::Pop3 => ["USER", "UIDL", "TOP", "SASL PLAIN LOGIN"]
            .map(String::from)
            .to_vec(),
        Protocol::Imap => ["IMAP4rev1", "ID", "IDLE", "AUTH=PLAIN", "AUTH=LOGIN"]
            .map(String::from)
            .to_vec(),
        Protocol::Smtp => [
            "PIPELINING",
            "SIZE 73400320",
            "AUTH PLAIN LOGIN",
            "8BITMIME",
        ]
        .map(String::from)
        .to_vec(),
    };
    if e.security == Security::Starttls {
        o.caps_before = caps
            .iter()
            .filter(|c| !c.starts_with("AUTH"))
            .cloned()
            .collect();
        o.caps_before.push(
            if e.protocol == Protocol::Pop3 {
                "STLS"
            } else {
                "STARTTLS"
            }
            .into(),
        );
        o.caps_after = caps;
    } else {
        o.caps_before = caps;
    }
    o.transcript = vec![
        format!("S: greeting from {}", e.host),
        "C: (capabilities)".into(),
        "C: QUIT".into(),
    ];
    o
}
