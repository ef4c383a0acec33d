//! The one summary of a check: the ranking of the endpoints, the
//! recommendation per protocol, the advice and the exit code.
//!
//! [`ProbeSummary`] is the document `mailconf probe --json` prints (schema
//! `mailconf-probe/1`, documented in `docs/probe-json.md`), and the answer
//! every face takes: the app's summary line, the CLI's recommendation, every
//! export and the diagnostic report. There is no other ranking.

use schemars::JsonSchema;
use serde::Serialize;

use super::plan::{Plan, PlanError, TargetSource};
use crate::advice::Advice;
use crate::probe::login::LoginOutcome;
use crate::probe::{Endpoint, EndpointReport, Protocol, Security};
use crate::providers::Provider;

/// The endpoint to use for one protocol, per RFC 8314.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Recommendation {
    /// The protocol.
    pub protocol: Protocol,
    /// The best secure endpoint; `None` when no endpoint was secure.
    pub endpoint: Option<Endpoint>,
    /// Other secure endpoints, best first, each once.
    pub alternatives: Vec<Endpoint>,
}

/// How a login test went on an endpoint, for the ranking: a success first,
/// then no test at all, then everything else.
fn login_rank(r: &EndpointReport) -> u8 {
    match r.login.as_ref().map(|l| &l.result) {
        Some(LoginOutcome::Success) => 0,
        None => 1,
        Some(_) => 2,
    }
}

/// The provider's own preference: the position of the endpoint's port and
/// mode among the servers it lists for the protocol (not listed: last).
fn provider_rank(r: &EndpointReport, provider: Option<&Provider>) -> usize {
    provider
        .map(|p| {
            p.incoming
                .iter()
                .chain(&p.outgoing)
                .filter(|s| s.protocol == r.endpoint.protocol)
                .position(|s| s.port == r.endpoint.port && s.security == r.endpoint.security)
                .unwrap_or(usize::MAX)
        })
        .unwrap_or(usize::MAX)
}

/// The rank of a secure endpoint, best first: a successful login (when one
/// was tested); implicit TLS before STARTTLS (RFC 8314 §3); the standard
/// ports before others, and SMTP's relay port 25 last; the provider's own
/// order; the faster answer.
fn rank(r: &EndpointReport, provider: Option<&Provider>) -> (u8, u8, u8, usize, u64) {
    let security = match r.endpoint.security {
        Security::Tls => 0,
        Security::Starttls => 1,
        Security::Plain => 2,
    };
    let port = match (r.endpoint.protocol, r.endpoint.port) {
        (Protocol::Smtp, 465 | 587) | (Protocol::Pop3, 995 | 110) | (Protocol::Imap, 993 | 143) => {
            0
        }
        (Protocol::Smtp, 25) => 2,
        _ => 1,
    };
    (
        login_rank(r),
        security,
        port,
        provider_rank(r, provider),
        r.timings.total_ms,
    )
}

/// One recommendation per protocol in `protocols`: secure endpoints only,
/// ranked as [`rank`] says. Plaintext is never recommended. When a login was
/// tested and worked somewhere, an endpoint where it did not work is not
/// offered as an equal alternative.
pub fn recommend(
    reports: &[EndpointReport],
    protocols: &[Protocol],
    provider: Option<&Provider>,
) -> Vec<Recommendation> {
    protocols
        .iter()
        .map(|&protocol| {
            let mut secure: Vec<&EndpointReport> = reports
                .iter()
                .filter(|r| r.endpoint.protocol == protocol && r.verdict.is_secure())
                .collect();
            if secure.iter().any(|r| login_rank(r) == 0) {
                secure.retain(|r| login_rank(r) == 0);
            }
            secure.sort_by_key(|r| rank(r, provider));
            let mut endpoints: Vec<Endpoint> = Vec::new();
            for r in secure {
                if !endpoints.contains(&r.endpoint) {
                    endpoints.push(r.endpoint.clone());
                }
            }
            let mut eps = endpoints.into_iter();
            Recommendation {
                protocol,
                endpoint: eps.next(),
                alternatives: eps.collect(),
            }
        })
        .collect()
}

/// The identifier of the JSON document format written by `mailconf probe --json`.
pub const JSON_SCHEMA_ID: &str = "mailconf-probe/1";

/// The whole result of a check, as `mailconf probe --json` prints it
/// (see `docs/probe-json.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProbeSummary {
    /// Always `mailconf-probe/1` for this version of the format.
    pub schema: String,
    /// The target as given on the command line (absent with only `--endpoint`).
    pub target: Option<String>,
    /// Where the endpoints came from: the database entry, discovery (with its
    /// provenance), the name as a host, or nothing found; `null` with only
    /// `--endpoint`.
    pub source: Option<TargetSource>,
    /// One report per endpoint, in row order.
    pub endpoints: Vec<EndpointReport>,
    /// One recommendation per protocol probed (POP3, SMTP, IMAP order).
    pub recommendations: Vec<Recommendation>,
    /// Advice for the user, most severe first (see `src/advice/`).
    pub advice: Vec<Advice>,
    /// The process exit code: 0 every probed protocol has a secure endpoint
    /// (and, with credentials, a successful login), 1 not (also when there was
    /// nothing to probe).
    pub exit_code: u8,
}

impl ProbeSummary {
    /// The summary of a finished check of `plan`: recommendations, advice
    /// (with the plan's provider) and the exit code.
    pub fn of(plan: &Plan, endpoints: Vec<EndpointReport>) -> ProbeSummary {
        let provider = plan.provider.as_ref();
        let mut protocols: Vec<Protocol> = endpoints.iter().map(|r| r.endpoint.protocol).collect();
        protocols.dedup();
        protocols.sort_by_key(|p| {
            super::plan::PROTOCOL_ORDER
                .iter()
                .position(|x| x == p)
                .unwrap_or(usize::MAX)
        });
        protocols.dedup();
        let recommendations = recommend(&endpoints, &protocols, provider);
        let with_login = endpoints.iter().any(|r| r.login.is_some());
        let login_ok = |p: Protocol| {
            endpoints.iter().any(|r| {
                r.endpoint.protocol == p && r.login.as_ref().is_some_and(|l| l.result.is_success())
            })
        };
        let all_secure = !recommendations.is_empty()
            && recommendations
                .iter()
                .all(|r| r.endpoint.is_some() && (!with_login || login_ok(r.protocol)));
        let advice = crate::advice::advise(&endpoints, provider);
        let explicit = plan.input.is_empty();
        ProbeSummary {
            schema: JSON_SCHEMA_ID.to_owned(),
            target: (!explicit).then(|| plan.input.clone()),
            source: (!explicit).then(|| plan.source.clone()),
            endpoints,
            recommendations,
            advice,
            exit_code: if all_secure { 0 } else { 1 },
        }
    }

    /// The summary when there is nothing to probe: the provider closed, or
    /// discovery found nothing. Exit code 1, a negative answer, with the
    /// explanation as advice.
    pub fn nothing_to_probe(
        input: &str,
        why: &PlanError,
        provider: Option<&Provider>,
    ) -> ProbeSummary {
        let (source, advice) = match why {
            PlanError::Discontinued { provider_id, .. } => (
                Some(TargetSource::Database {
                    provider_id: provider_id.clone(),
                }),
                provider.map(crate::advice::advise_discontinued),
            ),
            PlanError::NotFound { domain, message } => {
                // The DNS server could not be asked: the network is the
                // problem; "check the address for typos" would mislead.
                let advice = if let crate::discover::Note::NothingFound { why, .. } = &**message
                    && let crate::discover::Note::Dns(crate::dns::DnsError::Unreachable {
                        server,
                        ..
                    }) = &**why
                {
                    crate::advice::advise_dns_unreachable(server)
                } else {
                    crate::advice::advise_nothing_found(domain)
                };
                (
                    Some(TargetSource::NothingFound {
                        message: (**message).clone(),
                    }),
                    Some(advice),
                )
            }
            PlanError::Invalid(_) => (None, None),
        };
        ProbeSummary {
            schema: JSON_SCHEMA_ID.to_owned(),
            target: Some(input.trim().to_owned()),
            source,
            endpoints: Vec::new(),
            recommendations: Vec::new(),
            advice: advice.into_iter().collect(),
            exit_code: 1,
        }
    }

    /// The recommended endpoint for `protocol`, if any.
    pub fn best(&self, protocol: Protocol) -> Option<&Endpoint> {
        self.recommendations
            .iter()
            .find(|r| r.protocol == protocol)
            .and_then(|r| r.endpoint.as_ref())
    }

    /// The report of `endpoint`, if it was probed.
    pub fn report(&self, endpoint: &Endpoint) -> Option<&EndpointReport> {
        self.endpoints.iter().find(|r| &r.endpoint == endpoint)
    }
}

/// The JSON Schema of [`ProbeSummary`] (`docs/probe-json.schema.json`).
pub fn json_schema() -> String {
    crate::providers::output_schema::<ProbeSummary>()
}
