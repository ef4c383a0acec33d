//! `mailconf providers audit`: re-check what the provider database claims
//! against the live servers, in one command.
//!
//! Nothing keeps a provider database true except checking it, and no mail client
//! ships a tool for that (Thunderbird's ISPDB is checked by hand). For every
//! entry, the audit makes the same plan `mailconf probe <id>` makes
//! ([`super::plan::plan`]: every standard way in on the entry's first host per
//! protocol, plus every other server it lists), probes it with the probe engine
//! and no login, and compares what it saw with what the entry says
//! ([`claims`]): the port answers, the security works (TLS, or STARTTLS offered
//! and completed), the certificate names the host and how long it has left, the
//! login the entry relies on is offered (password, OAuth2, none), IMAP ID where
//! the entry says it is needed, and plaintext rows are still marked legacy. The
//! one ranking ([`super::summary::recommend`]) then says which endpoint a check
//! recommends per protocol; when that is one the entry does not list, the audit
//! says so. Each entry ends `ok`, `drift` (each claim next to what was
//! observed) or `unreachable` (with the reason).
//!
//! Bounded: at most `concurrency` endpoints are probed at once, each under the
//! probe's deadlines. Endpoints are probed entry by entry, and an entry's
//! reports (transcripts, certificates…) are reduced to its findings as soon as
//! its last endpoint is back, so at most `concurrency` entries hold reports at
//! any time: memory grows with the findings, not with the endpoints probed.
//!
//! The report types are the documented shape of `mailconf providers audit
//! --json` (`docs/audit-json.md`; the JSON Schema is generated from them).

pub mod claims;

use std::net::SocketAddr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;
use tokio::task::JoinSet;

use super::lookup::DnsResolve;
use super::plan::{self, PROTOCOL_ORDER, Typed};
use super::summary::{Recommendation, recommend};
use crate::probe::{
    CertMode, Endpoint, EndpointReport, ProbeOptions, Protocol, Resolve, Security, SystemResolver,
    TlsContext, probe_endpoint,
};
use crate::providers::{Database, Entry, Localized, Provider, Quirk, Server};

pub use claims::{Check, CheckKind, CheckResult, ServerAudit, ServerOutcome};

/// The identifier of the JSON document format written by `mailconf providers audit --json`.
pub const JSON_SCHEMA_ID: &str = "mailconf-audit/1";

/// Endpoints probed at once unless `--concurrency` says otherwise.
pub const DEFAULT_CONCURRENCY: usize = 16;

/// The most endpoints probed at once that `--concurrency` accepts.
pub const MAX_CONCURRENCY: usize = 256;

/// Why an audit could not run.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The TLS configuration could not be built (bad CA file…).
    #[error(transparent)]
    Tls(#[from] crate::probe::tls::TlsSetupError),
    /// The runtime for the probes could not be started.
    #[error("cannot start the probe runtime: {0}")]
    Runtime(#[from] std::io::Error),
    /// The DNS server of `--dns` cannot be used.
    #[error("--dns: {0}")]
    Dns(crate::dns::DnsError),
    /// A concurrency of zero, or above [`MAX_CONCURRENCY`].
    #[error("concurrency must be between 1 and {MAX_CONCURRENCY}, not {0}")]
    Concurrency(usize),
}

impl AuditError {
    /// Why the audit could not run, in `lang`; what the system said follows
    /// as details.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        match self {
            AuditError::Tls(e) => e.text(lang),
            AuditError::Runtime(e) => msg!(
                lang,
                "with-details",
                sentence = msg!(lang, "audit-error-runtime"),
                details = e.to_string()
            ),
            AuditError::Dns(e) => msg!(
                lang,
                "audit-error-dns",
                option = "--dns",
                problem = crate::discover::note::dns_error_text(e, lang)
            ),
            AuditError::Concurrency(n) => msg!(
                lang,
                "audit-error-concurrency",
                option = "--concurrency",
                value = n.to_string(),
                max = MAX_CONCURRENCY.to_string()
            ),
        }
    }
}

/// How to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// Deadlines, `--resolve`, trust anchors; the certificate mode is always
    /// report-only, so a bad certificate is described rather than just refused.
    pub probe: ProbeOptions,
    /// The DNS server for the probe's name lookups (`--dns`); `None`: the system's.
    pub dns: Option<SocketAddr>,
    /// Endpoints probed at once.
    pub concurrency: usize,
    /// A certificate with fewer days left than this is reported (as a warning).
    pub expiry_warning_days: i64,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            probe: ProbeOptions::default(),
            dns: None,
            concurrency: DEFAULT_CONCURRENCY,
            expiry_warning_days: 21,
        }
    }
}

/// The verdict on one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStatus {
    /// Every claim that could be checked holds.
    Ok,
    /// At least one claim does not hold.
    Drift,
    /// No server of the entry could be reached from here, or one could not be
    /// reached and nothing drifted; the reason says which.
    Unreachable,
}

impl EntryStatus {
    /// Stable kebab-case name: `ok`, `drift`, `unreachable`.
    pub fn name(self) -> &'static str {
        match self {
            EntryStatus::Ok => "ok",
            EntryStatus::Drift => "drift",
            EntryStatus::Unreachable => "unreachable",
        }
    }
}

/// The audit of one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EntryAudit {
    /// The provider id.
    pub id: String,
    /// The file the entry was read from.
    pub file: String,
    /// ok, drift or unreachable.
    pub status: EntryStatus,
    /// Why the entry is unreachable (absent otherwise).
    pub reason: Option<Localized>,
    /// One result per server the entry lists, in the entry's order.
    pub servers: Vec<ServerAudit>,
    /// What a check of the entry recommends per protocol it lists (the one
    /// ranking of `mailconf probe`), from every endpoint of its plan.
    pub recommendations: Vec<Recommendation>,
    /// Claims about the entry as a whole: per protocol, whether the endpoint a
    /// check recommends is one the entry lists.
    pub checks: Vec<Check>,
}

/// Counts over the whole audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AuditSummary {
    /// Entries audited.
    pub entries: usize,
    /// Entries whose claims all hold.
    pub ok: usize,
    /// Entries with at least one claim that does not hold.
    pub drift: usize,
    /// Entries that could not be reached.
    pub unreachable: usize,
    /// Endpoints probed: every endpoint of every entry's plan.
    pub endpoints: usize,
}

/// The whole audit, as `mailconf providers audit --json` prints it
/// (see `docs/audit-json.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AuditReport {
    /// Always `mailconf-audit/1` for this version of the format.
    pub schema: String,
    /// Endpoints probed at once.
    pub concurrency: usize,
    /// One result per audited entry, in the order they were given.
    pub entries: Vec<EntryAudit>,
    /// Counts.
    pub summary: AuditSummary,
}

impl AuditReport {
    /// Whether any entry drifted (`mailconf providers audit` then exits 1).
    pub fn has_drift(&self) -> bool {
        self.summary.drift > 0
    }
}

/// The JSON Schema of [`AuditReport`]; `docs/audit-json.schema.json` is this
/// text and a test keeps them equal.
pub fn json_schema() -> String {
    crate::providers::output_schema::<AuditReport>()
}

/// Progress of a running audit, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Endpoints finished.
    pub done: usize,
    /// Endpoints in all.
    pub total: usize,
}

/// An entry between its plan and its verdict.
enum Slot<'a> {
    /// Probes under way: the plan's endpoints and the reports back so far.
    Pending {
        entry: &'a Entry,
        endpoints: Vec<Endpoint>,
        reports: Vec<Option<EndpointReport>>,
        left: usize,
    },
    /// Settled: its audit (the reports are gone).
    Done(EntryAudit),
}

/// The domain an entry's `%EMAILDOMAIN%` hosts are filled in with: its first.
fn domain_of(p: &Provider) -> Option<&str> {
    p.domains.first().map(String::as_str)
}

/// The endpoints a check of `entry` probes: the check layer's plan for its id
/// (and first domain). A discontinued entry without servers has none; so has
/// a row whose host depends on a domain the entry does not list.
fn plan_of(db: &Database, entry: &Entry) -> Vec<Endpoint> {
    let p = &entry.provider;
    let typed = Typed::Provider {
        id: p.id.clone(),
        domain: domain_of(p).map(str::to_owned),
    };
    match plan::plan(&p.id, &typed, &[], db, None) {
        Ok(plan) => plan
            .endpoints
            .into_iter()
            .filter(|e| !e.host.contains('%'))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The endpoint of the plan that shows what `server` claims: the same
/// endpoint, or, for a plaintext row the plan covers with STARTTLS on the same
/// port (SMTP 25), that one: its report says whether the port answers without
/// encryption and whether STARTTLS is offered there too.
fn planned_for<'e>(endpoints: &'e [Endpoint], p: &Provider, server: &Server) -> Option<usize> {
    let host = domain_of(p).map_or_else(|| server.host.clone(), |d| server.host_for(d));
    let same =
        |e: &&'e Endpoint| e.protocol == server.protocol && e.host == host && e.port == server.port;
    endpoints
        .iter()
        .position(|e| same(&e) && e.security == server.security)
        .or_else(|| {
            (server.security == Security::Plain)
                .then(|| endpoints.iter().position(|e| same(&e)))
                .flatten()
        })
}

/// The audit of an entry whose every endpoint is back.
fn settle(
    entry: &Entry,
    endpoints: Vec<Endpoint>,
    reports: Vec<Option<EndpointReport>>,
    expiry_warning_days: i64,
) -> EntryAudit {
    let p = &entry.provider;
    let imap_id_required = p.quirks.contains(&Quirk::ImapIdRequired);
    let servers: Vec<ServerAudit> = p
        .incoming
        .iter()
        .chain(&p.outgoing)
        .map(|server| {
            let Some(i) = planned_for(&endpoints, p, server) else {
                return claims::not_planned(p, server);
            };
            match reports.get(i).and_then(Option::as_ref) {
                Some(report) => claims::evaluate(
                    server,
                    &p.auth.kind,
                    imap_id_required,
                    report,
                    expiry_warning_days,
                ),
                None => claims::lost(endpoints[i].clone()),
            }
        })
        .collect();
    let back: Vec<EndpointReport> = reports.into_iter().flatten().collect();
    let protocols: Vec<Protocol> = PROTOCOL_ORDER
        .into_iter()
        .filter(|pr| {
            p.incoming
                .iter()
                .chain(&p.outgoing)
                .any(|s| s.protocol == *pr)
        })
        .collect();
    let recommendations = recommend(&back, &protocols, Some(p));
    let checks = recommendations
        .iter()
        .filter_map(|r| claims::recommendation_check(p, r))
        .collect();
    let (status, reason) = claims::entry_status(&servers);
    EntryAudit {
        id: p.id.clone(),
        file: entry.file.clone(),
        status,
        reason,
        servers,
        recommendations,
        checks,
    }
}

/// Audits `entries` of `db`, probing at most `options.concurrency` endpoints
/// at once on a runtime of its own (with the DNS server of `options.dns`, or
/// the system's), and calls `progress` after each endpoint. Blocks the calling
/// thread, which must not be inside a tokio runtime.
pub fn audit_blocking(
    db: &Database,
    entries: &[&Entry],
    options: &AuditOptions,
    progress: impl FnMut(Progress),
) -> Result<AuditReport, AuditError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("mailconf-audit")
        .enable_all()
        .build()?;
    // The resolver is made inside the runtime it will run on.
    let resolver: Arc<dyn Resolve> = match options.dns {
        Some(addr) => {
            let _inside = runtime.enter();
            let r = crate::dns::resolver_for(Some(addr), crate::dns::DnsOptions::default())
                .map_err(AuditError::Dns)?;
            Arc::new(DnsResolve(r))
        }
        // The system's resolver; the DNS only says whether a name it cannot
        // look up exists (a lookup without an answer is not drift).
        None => {
            let _inside = runtime.enter();
            match crate::dns::resolver_for(None, crate::dns::DnsOptions::default()) {
                Ok(r) => Arc::new(crate::check::lookup::SystemThenDns(r)),
                Err(_) => Arc::new(SystemResolver),
            }
        }
    };
    runtime.block_on(audit(db, entries, options, resolver, progress))
}

/// [`audit_blocking`] on the caller's runtime, with the caller's resolver.
pub async fn audit(
    db: &Database,
    entries: &[&Entry],
    options: &AuditOptions,
    resolver: Arc<dyn Resolve>,
    mut progress: impl FnMut(Progress),
) -> Result<AuditReport, AuditError> {
    if options.concurrency == 0 || options.concurrency > MAX_CONCURRENCY {
        return Err(AuditError::Concurrency(options.concurrency));
    }
    let mut probe_options = options.probe.clone();
    // Describe a bad certificate instead of stopping at it; nothing secret is sent.
    probe_options.cert_mode = CertMode::ReportOnly;
    let tls = Arc::new(TlsContext::with_roots(
        &probe_options.extra_roots,
        probe_options.os_roots,
    )?);
    let probe_options = Arc::new(probe_options);
    let warn_days = options.expiry_warning_days;

    let mut slots: Vec<Slot<'_>> = Vec::with_capacity(entries.len());
    let mut total = 0usize;
    for &entry in entries {
        let endpoints = plan_of(db, entry);
        if endpoints.is_empty() {
            slots.push(Slot::Done(settle(entry, endpoints, Vec::new(), warn_days)));
            continue;
        }
        total += endpoints.len();
        slots.push(Slot::Pending {
            entry,
            reports: vec![None; endpoints.len()],
            left: endpoints.len(),
            endpoints,
        });
    }
    // Jobs in entry order, made as places free up.
    let mut cursor = (0usize, 0usize);
    let mut running: JoinSet<(usize, usize, EndpointReport)> = JoinSet::new();
    let mut done = 0usize;
    progress(Progress { done, total });
    loop {
        while running.len() < options.concurrency {
            let Some((e, i, endpoint)) = next_job(&slots, &mut cursor) else {
                break;
            };
            let (tls, opts, resolver) = (tls.clone(), probe_options.clone(), resolver.clone());
            running.spawn(async move {
                let report = probe_endpoint(&endpoint, &opts, &tls, &*resolver).await;
                (e, i, report)
            });
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        done += 1;
        // A task that panicked (a bug) leaves its row without a report: "lost".
        if let Ok((e, i, report)) = joined
            && let Some(slot) = slots.get_mut(e)
        {
            let finished = match slot {
                Slot::Pending { reports, left, .. } => {
                    if let Some(r) = reports.get_mut(i) {
                        *r = Some(report);
                    }
                    *left -= 1;
                    *left == 0
                }
                Slot::Done(_) => false,
            };
            if finished {
                settle_slot(slot, warn_days);
            }
        }
        progress(Progress { done, total });
    }
    // Entries with a report missing (a task that failed) are settled now.
    for slot in &mut slots {
        settle_slot(slot, warn_days);
    }

    let mut summary = AuditSummary {
        entries: entries.len(),
        endpoints: total,
        ..AuditSummary::default()
    };
    let entries: Vec<EntryAudit> = slots
        .into_iter()
        .filter_map(|slot| match slot {
            Slot::Done(audit) => Some(audit),
            Slot::Pending { .. } => None,
        })
        .inspect(|a| match a.status {
            EntryStatus::Ok => summary.ok += 1,
            EntryStatus::Drift => summary.drift += 1,
            EntryStatus::Unreachable => summary.unreachable += 1,
        })
        .collect();
    Ok(AuditReport {
        schema: JSON_SCHEMA_ID.to_owned(),
        concurrency: options.concurrency,
        entries,
        summary,
    })
}

/// The next endpoint to probe after `cursor` (entry, endpoint), in entry order.
fn next_job(slots: &[Slot<'_>], cursor: &mut (usize, usize)) -> Option<(usize, usize, Endpoint)> {
    while let Some(slot) = slots.get(cursor.0) {
        if let Slot::Pending { endpoints, .. } = slot
            && let Some(endpoint) = endpoints.get(cursor.1)
        {
            let job = (cursor.0, cursor.1, endpoint.clone());
            cursor.1 += 1;
            return Some(job);
        }
        *cursor = (cursor.0 + 1, 0);
    }
    None
}

/// Turns a pending slot into its audit, dropping the reports.
fn settle_slot(slot: &mut Slot<'_>, warn_days: i64) {
    if let Slot::Pending {
        entry,
        endpoints,
        reports,
        ..
    } = slot
    {
        let audit = settle(
            entry,
            std::mem::take(endpoints),
            std::mem::take(reports),
            warn_days,
        );
        *slot = Slot::Done(audit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The audit's own errors (a DNS server that cannot be used, no runtime,
    /// a bad concurrency) were English in every language.
    #[test]
    fn audit_errors_are_said_in_the_users_language() {
        let errors = [
            AuditError::Dns(crate::dns::DnsError::Config("resolver".into())),
            AuditError::Runtime(std::io::Error::other("no threads")),
            AuditError::Concurrency(0),
        ];
        for e in &errors {
            for lang in [crate::i18n::Lang::ZhHans, crate::i18n::Lang::ZhHant] {
                let text = e.text(lang);
                let sentence = text.lines().next().unwrap_or_default();
                let latin: String = sentence
                    .replace("--dns", "")
                    .replace("--concurrency", "")
                    .replace("DNS", "")
                    .replace("resolver", "")
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect();
                assert_eq!(latin, "", "{e:?}: {text}");
            }
        }
    }
}
