//! The real connection-test engine behind the app's [`ProbeBackend`] seam.
//!
//! [`EngineBackend`] owns a [`ProbeHandle`] (with its own two-thread tokio
//! runtime), forwards the app's waker to [`ProbeHandle::set_notify`], and maps
//! each [`ProbeEvent`] onto the app's [`Event`]s as the table in
//! [`super::backend`] describes. The engine's full [`EndpointReport`] travels
//! with the outcome, so that advice, export and the diagnostic report use the
//! same facts as the CLI.

use super::backend::{
    CertInfo, CertVerdict, EndpointSpec, Event, EventKind, FailReason, Generation, InsecureReason,
    Outcome, ProbeBackend, ProbeRequest, Verdict, Waker,
};
use crate::probe::login::{Credentials, LoginRequest};
use crate::probe::report::{EndpointReport, PlaintextReason, Verdict as EVerdict};
use crate::probe::{
    Endpoint, ProbeEvent, ProbeEvents, ProbeHandle, ProbeOptions, ProbeRequest as EngineRequest,
    TimeoutPhase, TlsErrorKind,
};
use secrecy::SecretString;

/// The engine, as the app sees it.
pub struct EngineBackend {
    handle: ProbeHandle,
    events: ProbeEvents,
    options: ProbeOptions,
    /// The generation the app was given for the engine's current run.
    generation: Generation,
    /// Set when the engine could not start: the app gets these at the next poll.
    queued: Vec<Event>,
}

impl EngineBackend {
    /// An engine with default options (system DNS, built-in trust anchors).
    pub fn new() -> Result<Self, crate::probe::StartError> {
        Self::with_options(ProbeOptions::default())
    }

    /// An engine with these options (tests: `--resolve`, port map, test CA).
    pub fn with_options(options: ProbeOptions) -> Result<Self, crate::probe::StartError> {
        let (handle, events) = ProbeHandle::new()?;
        Ok(Self {
            handle,
            events,
            options,
            generation: 0,
            queued: Vec::new(),
        })
    }
}

impl EngineBackend {
    /// Resolves host names through the DNS server `dns` (none: the system's).
    pub fn with_dns(
        mut self,
        dns: Option<std::net::SocketAddr>,
    ) -> Result<Self, crate::probe::StartError> {
        if let Some(addr) = dns {
            self.handle
                .set_dns_server(addr, crate::dns::DnsOptions::default())?;
        }
        Ok(self)
    }
}

/// The engine's endpoint for a row.
pub fn endpoint(e: &EndpointSpec) -> Endpoint {
    Endpoint::new(e.protocol, &e.host, e.port, e.security)
}

/// The login part of a request: `None` without a username or password, or when
/// they contain control characters (the app refuses those before it starts).
fn login_request(request: &ProbeRequest) -> Option<LoginRequest> {
    if request.username.is_empty() || request.password.is_empty() {
        return None;
    }
    // One copy, owned by the SecretString (zeroed on drop).
    let password = SecretString::from(request.password.expose().to_owned());
    let credentials = Credentials::new(request.username.clone(), password).ok()?;
    Some(LoginRequest::new(
        credentials,
        request.provider.as_ref(),
        request.allow_insecure.clone(),
    ))
}

impl ProbeBackend for EngineBackend {
    fn set_waker(&mut self, waker: Waker) {
        self.handle.set_notify(move || waker());
    }

    fn start(&mut self, request: ProbeRequest) -> Generation {
        let login = login_request(&request);
        let endpoints: Vec<Endpoint> = request.endpoints.iter().map(endpoint).collect();
        let count = endpoints.len();
        let result = self.handle.start(EngineRequest {
            endpoints,
            options: self.options.clone(),
            login,
            reuse: None,
        });
        self.generation += 1;
        let generation = self.generation;
        self.queued.clear();
        if let Err(e) = result {
            // Could not start (bad CA file…): every row fails with the reason.
            for index in 0..count {
                let mut o = Outcome::new(Verdict::Failed(FailReason::Tls));
                o.detail = Some(e.to_string());
                self.queued.push(Event {
                    generation,
                    kind: EventKind::Finished {
                        index,
                        outcome: Box::new(o),
                    },
                });
            }
            self.queued.push(Event {
                generation,
                kind: EventKind::Done,
            });
        }
        generation
    }

    fn cancel(&mut self) {
        self.handle.cancel();
    }

    fn poll(&mut self) -> Vec<Event> {
        let mut out = std::mem::take(&mut self.queued);
        let generation = self.generation;
        while let Some(e) = self.events.try_recv() {
            // The handle drops superseded generations; what arrives is the current run.
            let kind = match e {
                ProbeEvent::Started { .. } => continue,
                ProbeEvent::EndpointDone { index, report, .. } => EventKind::Finished {
                    index,
                    outcome: Box::new(outcome(*report)),
                },
                ProbeEvent::Finished { .. } => EventKind::Done,
            };
            out.push(Event { generation, kind });
        }
        out
    }
}

fn cert_verdict(kind: TlsErrorKind) -> CertVerdict {
    match kind {
        TlsErrorKind::Expired | TlsErrorKind::NotYetValid => CertVerdict::Expired,
        TlsErrorKind::WrongName => CertVerdict::WrongName,
        TlsErrorKind::SelfSigned => CertVerdict::SelfSigned,
        _ => CertVerdict::Untrusted,
    }
}

fn is_cert_problem(kind: TlsErrorKind) -> bool {
    matches!(
        kind,
        TlsErrorKind::Expired
            | TlsErrorKind::NotYetValid
            | TlsErrorKind::WrongName
            | TlsErrorKind::SelfSigned
            | TlsErrorKind::UnknownIssuer
            | TlsErrorKind::InvalidCertificate
    )
}

/// The app's verdict for an engine report.
pub fn verdict(report: &EndpointReport) -> Verdict {
    match report.verdict {
        EVerdict::Secure => Verdict::Secure,
        EVerdict::InsecurePlaintextOnly { reason } => Verdict::Insecure(match reason {
            PlaintextReason::PlainEndpoint => InsecureReason::PlainPort,
            PlaintextReason::StarttlsNotOffered => InsecureReason::StarttlsNotOffered,
            PlaintextReason::StarttlsRefused => InsecureReason::StarttlsRefused,
        }),
        EVerdict::TlsError { tls_kind } if is_cert_problem(tls_kind) => {
            Verdict::Failed(FailReason::Certificate)
        }
        EVerdict::TlsError { .. } => Verdict::Failed(FailReason::Tls),
        EVerdict::Refused => Verdict::Failed(FailReason::Refused),
        EVerdict::TimedOut {
            phase: TimeoutPhase::Connect,
            ..
        } => Verdict::Blocked,
        EVerdict::TimedOut { .. } => Verdict::Failed(FailReason::Timeout),
        EVerdict::ProtocolError => Verdict::Failed(FailReason::Protocol),
        EVerdict::DnsError => Verdict::Failed(FailReason::Dns),
    }
}

/// Maps one engine report onto a row outcome (the report is kept in it).
pub fn outcome(report: EndpointReport) -> Outcome {
    let mut o = Outcome::new(verdict(&report));
    o.latency_ms = match (report.timings.connect_ms, report.timings.greeting_ms) {
        (Some(c), Some(g)) if report.error.is_none() => {
            Some(c + g + report.timings.tls_ms.unwrap_or(0))
        }
        _ => Some(report.timings.total_ms),
    };
    if let Some(tls) = &report.tls {
        o.tls_version = Some(tls.version.clone());
        if let Some(leaf) = tls.certificates.first() {
            o.cert = Some(CertInfo {
                verdict: match tls.chain {
                    crate::probe::tls::ChainVerdict::Trusted => CertVerdict::Trusted,
                    crate::probe::tls::ChainVerdict::Invalid(k) => cert_verdict(k),
                },
                subject: leaf.subject.to_string(),
                issuer: leaf.issuer.to_string(),
                names: leaf.sans.iter().map(|s| s.to_string()).collect(),
                not_before: leaf.not_before.chars().take(10).collect(),
                not_after: leaf.not_after.chars().take(10).collect(),
                sha256: leaf.sha256.clone(),
            });
        }
    }
    let caps = |c: &Option<crate::probe::caps::Capabilities>| -> Vec<String> {
        c.as_ref().map(|c| vec![c.summary()]).unwrap_or_default()
    };
    o.caps_before = caps(&report.session.caps_before_tls);
    o.caps_after = caps(&report.session.caps_after_tls);
    o.transcript = report
        .transcript
        .lines
        .iter()
        .map(|l| l.to_string())
        .collect();
    o.detail = Some(report.summary.to_string());
    o.report = Some(Box::new(report));
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{Protocol, Security};

    #[test]
    fn login_only_with_username_and_password() {
        let mut r = ProbeRequest {
            username: "alice@163.com".into(),
            ..ProbeRequest::default()
        };
        assert!(login_request(&r).is_none());
        r.password = "code".into();
        r.allow_insecure = vec![crate::probe::InsecureAllow {
            protocol: Protocol::Pop3,
            host: Some("pop.163.com".into()),
            port: 110,
            security: Security::Plain,
            certificate_sha256: None,
        }];
        let l = login_request(&r).expect("login");
        assert_eq!(l.credentials.username, "alice@163.com");
        assert_eq!(l.allow_insecure.len(), 1);
        r.password = "a\r\nb".into();
        assert!(
            login_request(&r).is_none(),
            "control characters are refused"
        );
    }
}
