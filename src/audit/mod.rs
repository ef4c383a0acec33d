//! `mailconf providers audit`: re-check what the provider database claims
//! against the live servers, in one command.
//!
//! Nothing keeps a provider database true except checking it, and no mail client
//! ships a tool for that (Thunderbird's ISPDB is checked by hand). For every
//! server an entry lists, the audit runs the probe engine without a login and
//! compares what it sees with what the entry says ([`check`]): the port answers,
//! the security works (TLS, or STARTTLS offered and completed), the certificate
//! names the host and how long it has left, the login the entry relies on is
//! offered (password, OAuth2, none), IMAP ID where the entry says it is needed,
//! and plaintext rows are still marked legacy. Each entry ends `ok`, `drift`
//! (each claim next to what was observed) or `unreachable` (with the reason).
//!
//! Bounded: at most `concurrency` endpoints are probed at once, each under the
//! probe's deadlines, and each endpoint's report (transcript, certificates…) is
//! reduced to its findings as soon as it arrives, so memory grows with the
//! findings, not with the number of endpoints probed.
//!
//! Layering: this module uses [`crate::providers`] and [`crate::probe`] only.
//! The report types are the documented shape of `mailconf providers audit
//! --json` (`docs/audit-json.md`; the JSON Schema is generated from them).

pub mod check;

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;
use tokio::task::JoinSet;

use crate::probe::{Endpoint, ProbeOptions, Resolve, TlsContext, probe_endpoint};
use crate::providers::{Localized, Provider};

pub use check::{Check, CheckKind, CheckResult, ServerAudit, ServerOutcome};

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
    /// A concurrency of zero, or above [`MAX_CONCURRENCY`].
    #[error("concurrency must be between 1 and {MAX_CONCURRENCY}, not {0}")]
    Concurrency(usize),
}

/// How to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// Deadlines, `--resolve`, trust anchors; the certificate mode is always
    /// report-only, so a bad certificate is described rather than just refused.
    pub probe: ProbeOptions,
    /// Endpoints probed at once.
    pub concurrency: usize,
    /// A certificate with fewer days left than this is reported (as a warning).
    pub expiry_warning_days: i64,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            probe: ProbeOptions::default(),
            concurrency: DEFAULT_CONCURRENCY,
            expiry_warning_days: 21,
        }
    }
}

/// One entry to audit: the provider and where it came from.
#[derive(Debug, Clone)]
pub struct AuditTarget {
    /// The provider as the database holds it.
    pub provider: Provider,
    /// The file it was read from.
    pub file: String,
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
    /// Endpoints probed.
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
    let schema = schemars::schema_for!(AuditReport);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Progress of a running audit, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Endpoints finished.
    pub done: usize,
    /// Endpoints in all.
    pub total: usize,
}

/// A server row's place in the results: waiting for its probe, or settled.
enum Slot {
    Pending(Endpoint),
    Done(ServerAudit),
}

/// One endpoint to probe: which entry and server it belongs to.
struct Job {
    entry: usize,
    server: usize,
    endpoint: Endpoint,
}

/// Audits `targets`, probing at most `options.concurrency` endpoints at once on
/// a runtime of its own, and calls `progress` after each endpoint. Blocks the
/// calling thread, which must not be inside a tokio runtime.
pub fn audit_blocking(
    targets: &[AuditTarget],
    options: &AuditOptions,
    resolver: Arc<dyn Resolve>,
    progress: impl FnMut(Progress),
) -> Result<AuditReport, AuditError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("mailconf-audit")
        .enable_all()
        .build()?;
    runtime.block_on(audit(targets, options, resolver, progress))
}

/// [`audit_blocking`] on the caller's runtime.
pub async fn audit(
    targets: &[AuditTarget],
    options: &AuditOptions,
    resolver: Arc<dyn Resolve>,
    mut progress: impl FnMut(Progress),
) -> Result<AuditReport, AuditError> {
    if options.concurrency == 0 || options.concurrency > MAX_CONCURRENCY {
        return Err(AuditError::Concurrency(options.concurrency));
    }
    let mut probe_options = options.probe.clone();
    // Describe a bad certificate instead of stopping at it; nothing secret is sent.
    probe_options.cert_mode = crate::probe::CertMode::ReportOnly;
    let tls = Arc::new(TlsContext::with_roots(
        &probe_options.extra_roots,
        probe_options.os_roots,
    )?);
    let probe_options = Arc::new(probe_options);

    // What each server claims, and a slot for what was seen; servers that
    // cannot be probed (a per-domain host without a domain) are settled now.
    let mut slots: Vec<Vec<Slot>> = Vec::with_capacity(targets.len());
    let mut total = 0usize;
    for t in targets {
        let mut row = Vec::new();
        for s in t.provider.incoming.iter().chain(&t.provider.outgoing) {
            match check::endpoint_for(&t.provider, s) {
                Ok(endpoint) => {
                    total += 1;
                    row.push(Slot::Pending(endpoint));
                }
                Err(skipped) => row.push(Slot::Done(skipped)),
            }
        }
        slots.push(row);
    }
    // Jobs are made one at a time as places free up, so nothing grows with
    // the number of endpoints but the findings themselves.
    let mut jobs = targets.iter().enumerate().flat_map(|(e, t)| {
        t.provider
            .incoming
            .iter()
            .chain(&t.provider.outgoing)
            .enumerate()
            .filter_map(move |(s, server)| {
                check::endpoint_for(&t.provider, server)
                    .ok()
                    .map(|endpoint| Job {
                        entry: e,
                        server: s,
                        endpoint,
                    })
            })
    });
    let mut running: JoinSet<(usize, usize, ServerAudit)> = JoinSet::new();
    let mut done = 0usize;
    progress(Progress { done, total });
    loop {
        while running.len() < options.concurrency {
            let Some(job) = jobs.next() else { break };
            let target = &targets[job.entry];
            let claim = target
                .provider
                .incoming
                .iter()
                .chain(&target.provider.outgoing)
                .nth(job.server)
                .cloned();
            let Some(claim) = claim else { continue };
            let provider = ProviderFacts::of(&target.provider);
            let (tls, opts, resolver) = (tls.clone(), probe_options.clone(), resolver.clone());
            let warn_days = options.expiry_warning_days;
            running.spawn(async move {
                let report = probe_endpoint(&job.endpoint, &opts, &tls, &*resolver).await;
                let audit = check::evaluate(
                    &claim,
                    &provider.auth,
                    provider.imap_id_required,
                    &report,
                    warn_days,
                );
                (job.entry, job.server, audit)
            });
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        done += 1;
        if let Ok((e, s, audit)) = joined
            && let Some(slot) = slots.get_mut(e).and_then(|row| row.get_mut(s))
        {
            *slot = Slot::Done(audit);
        }
        progress(Progress { done, total });
    }

    let mut summary = AuditSummary {
        entries: targets.len(),
        endpoints: total,
        ..AuditSummary::default()
    };
    let entries: Vec<EntryAudit> = targets
        .iter()
        .zip(slots)
        .map(|(t, row)| {
            let servers: Vec<ServerAudit> = row
                .into_iter()
                .map(|s| match s {
                    Slot::Done(audit) => audit,
                    Slot::Pending(endpoint) => check::lost(endpoint),
                })
                .collect();
            let (status, reason) = check::entry_status(&servers);
            match status {
                EntryStatus::Ok => summary.ok += 1,
                EntryStatus::Drift => summary.drift += 1,
                EntryStatus::Unreachable => summary.unreachable += 1,
            }
            EntryAudit {
                id: t.provider.id.clone(),
                file: t.file.clone(),
                status,
                reason,
                servers,
            }
        })
        .collect();
    Ok(AuditReport {
        schema: JSON_SCHEMA_ID.to_owned(),
        concurrency: options.concurrency,
        entries,
        summary,
    })
}

/// What the checks need of the provider besides the server row itself.
struct ProviderFacts {
    auth: crate::providers::AuthKind,
    imap_id_required: bool,
}

impl ProviderFacts {
    fn of(p: &Provider) -> ProviderFacts {
        ProviderFacts {
            auth: p.auth.kind,
            imap_id_required: p.quirks.contains(&crate::providers::Quirk::ImapIdRequired),
        }
    }
}
