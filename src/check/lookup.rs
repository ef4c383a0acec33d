//! Discovery with the probe engine as its live check, and the reports it makes
//! kept for the probe that follows.
//!
//! For an address no database knows, discovery guesses `pop.`, `imap.`,
//! `smtp.`, `mail.` and the bare domain and must check each guess live. With
//! [`ProbeVerifier`] that check *is* the probe engine's full endpoint probe
//! (greeting, capabilities, STARTTLS, certificate verdict, never a login), and
//! while a host is checked the rest of its protocol's standard ways in are
//! probed alongside. Every report lands in a [`ProbeCache`], which the check
//! that follows passes to the probe as `reuse`: each way in is connected to once.
//!
//! [`DnsResolve`] lets the probe resolve names through the same
//! [`crate::dns::Resolver`] as discovery (so `--dns` applies to both);
//! [`SystemThenDns`] keeps the system's resolver and asks that DNS only to
//! tell a name that does not exist from a lookup that got no answer.

use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::discover::{DiscoverOptions, Discovery, Network, Verification, Verifier};
use crate::dns::BoxFuture;
use crate::probe::cache::ProbeCache;
use crate::probe::{
    DnsFailure, Endpoint, EndpointReport, ProbeOptions, Resolve, ResolveError, SystemResolver,
};
use crate::providers::{Address, Database, Server};

/// The probe's [`Resolve`] over a discovery [`crate::dns::Resolver`].
#[derive(Debug, Clone)]
pub struct DnsResolve(pub Arc<dyn crate::dns::Resolver>);

/// How long one name lookup may take at most; the probe's connect deadline,
/// which includes the lookup, is normally shorter.
pub const LOOKUP_LIMIT: Duration = Duration::from_secs(30);

impl Resolve for DnsResolve {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, ResolveError>> + Send + 'a>> {
        Box::pin(async move {
            self.0
                .ips(host, Instant::now() + LOOKUP_LIMIT)
                .await
                .map_err(|e| resolve_error(&e, e.to_string()))
        })
    }
}

/// Only the DNS answering "no such name" or "no address" makes a host gone;
/// a timeout, an unreachable server or SERVFAIL says nothing about it.
fn resolve_error(e: &crate::dns::DnsError, message: String) -> ResolveError {
    ResolveError {
        failure: if e.is_not_found() {
            DnsFailure::NoSuchHost
        } else {
            DnsFailure::LookupFailed
        },
        message,
    }
}

/// The probe's resolver when no DNS server was named: the system's
/// (`getaddrinfo`, which knows `/etc/hosts`, mDNS and a VPN's own names).
/// Its error does not say why, so when it fails the DNS is asked the same
/// name, to tell a name that does not exist from a lookup without an answer;
/// the system's words are kept.
#[derive(Debug, Clone)]
pub struct SystemThenDns(pub Arc<dyn crate::dns::Resolver>);

impl Resolve for SystemThenDns {
    fn resolve<'a>(
        &'a self,
        host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, ResolveError>> + Send + 'a>> {
        Box::pin(async move {
            let system = SystemResolver.resolve(host).await;
            let Err(failed) = system else {
                return system;
            };
            match self.0.ips(host, Instant::now() + LOOKUP_LIMIT).await {
                Err(e) => Err(resolve_error(&e, failed.message)),
                // The DNS knows the name the system could not look up: the
                // system's lookup failed, the name is not gone.
                Ok(_) => Err(failed),
            }
        })
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
        detail: crate::discover::Note::Localized(Box::new(
            crate::i18n::Lang::ALL.map(|l| crate::probe::report::summary_in(report, l)),
        )),
        address: report.connected_to.map(|a| a.to_string()),
    }
}

impl Verifier for ProbeVerifier {
    fn verify<'a>(&'a self, server: &'a Server, deadline: Instant) -> BoxFuture<'a, Verification> {
        Box::pin(async move {
            let endpoint =
                Endpoint::new(server.protocol, &server.host, server.port, server.security);
            for e in super::plan::standard_endpoints(server.protocol, &server.host) {
                self.cache.prefetch(&e);
            }
            self.cache.prefetch(&endpoint);
            match tokio::time::timeout_at(deadline, self.cache.get(&endpoint)).await {
                Ok(report) => verification(&report),
                Err(_) => Verification {
                    ok: false,
                    detail: crate::discover::Note::ProbeUnfinished,
                    address: None,
                },
            }
        })
    }
}

/// What one lookup found, and the reports its checks made.
#[derive(Debug, Clone)]
pub struct Looked {
    /// Discovery's answer.
    pub discovery: Arc<Discovery>,
    /// The endpoint reports of its live checks, for `reuse`.
    pub cache: Option<Arc<ProbeCache>>,
}

/// Runs discovery for `address`: the database, and the network sources when
/// `resolver` is given, with the probe engine checking guessed servers (its
/// connections made as `probe` says). Always answers: a discovery that could
/// not run says why in its message.
pub async fn look_up(
    address: &Address,
    db: Arc<Database>,
    resolver: Result<Arc<dyn crate::dns::Resolver>, String>,
    options: &DiscoverOptions,
    probe: ProbeOptions,
) -> Looked {
    let failed = |message: &str| Looked {
        discovery: Arc::new(Discovery::failed(address, message)),
        cache: None,
    };
    let network = match resolver {
        Ok(r) if options.network => {
            let cache = match ProbeCache::new(probe, Arc::new(DnsResolve(r.clone()))) {
                Ok(c) => c,
                Err(e) => return failed(&e.to_string()),
            };
            let verifier = Arc::new(ProbeVerifier::new(cache.clone()));
            Some((Network::new(r, verifier), cache))
        }
        Ok(_) => None,
        Err(message) if options.network => return failed(&message),
        Err(_) => None,
    };
    let (network, cache) = match network {
        Some((n, c)) => (Some(n), Some(c)),
        None => (None, None),
    };
    match crate::discover::discover(address, db, network, options).await {
        Ok(d) => Looked {
            discovery: Arc::new(d),
            cache,
        },
        Err(e) => failed(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fake::{FakeOutcome, report};
    use crate::i18n::Lang;
    use crate::probe::report::{PlaintextReason, summary_in};
    use crate::providers::{Protocol, Security};

    /// A guessed server's check says what the probe's row says, in every
    /// language: "STARTTLS is not offered" had two Chinese translations, one
    /// here (through discovery's English-keyed table) and one in the table.
    #[test]
    fn a_checked_guess_says_what_the_probe_row_says_in_every_language() {
        let e = Endpoint::new(Protocol::Pop3, "pop.example.com", 110, Security::Starttls);
        let r = report(
            &e,
            FakeOutcome::Plaintext(PlaintextReason::StarttlsNotOffered),
            10,
        );
        let v = verification(&r);
        for lang in Lang::ALL {
            assert_eq!(v.detail.text(lang), summary_in(&r, lang), "{lang:?}");
        }
        assert_eq!(
            v.detail.english(),
            r.summary,
            "the JSON keeps the engine's words"
        );
        assert_eq!(
            v.detail.text(Lang::ZhHans).as_str(),
            "服务器不支持 STARTTLS：只能明文连接"
        );
    }
}
