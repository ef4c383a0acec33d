//! The orchestration: every source at once, one deadline, the most trusted answer wins.
//!
//! The database answers synchronously first; when it knows the domain nothing
//! touches the network (unless every alternative was asked for). Otherwise each
//! network source runs as its own task. After each completion the slots are
//! walked in order of trust: the first slot that is neither finished-with-
//! nothing nor still running decides. A finished finding there wins and every
//! task still running is cancelled; a running task there means waiting on. So
//! a slow, less trusted source never delays a more trusted answer, and a slow,
//! more trusted source is waited for only until the shared deadline.

use super::http::Fetcher;
use super::sources::{self, SourceOutput};
use super::{
    DiscoverError, DiscoverOptions, Discovery, Finding, Ignored, Network, Note, Outcome,
    SourceKind, SourceReport, SourceState,
};
use crate::dns::{DnsError, Mx};
use crate::providers::load::display_domain;
use crate::providers::{Address, Database};
use crate::server_text::ServerText;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::OnceCell;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// What every source task shares.
pub(super) struct Ctx {
    pub address: Address,
    pub domain: String,
    pub db: Arc<Database>,
    pub opts: DiscoverOptions,
    pub deadline: Instant,
    resolver: Option<Arc<dyn crate::dns::Resolver>>,
    mx: OnceCell<Result<Vec<Mx>, DnsError>>,
}

impl Ctx {
    /// The domain's MX records, looked up once for every source that needs them.
    pub async fn mx(&self) -> Result<Vec<Mx>, DnsError> {
        let Some(r) = &self.resolver else {
            return Err(DnsError::Config("no resolver".into()));
        };
        self.mx
            .get_or_init(|| r.mx(&self.domain, self.deadline))
            .await
            .clone()
    }
}

#[derive(Debug)]
enum Slot {
    Running,
    Done(Box<Result<SourceOutput, DiscoverError>>),
}

impl Slot {
    /// The rank of what this slot found: its finding's source, which is the
    /// slot's own or less trusted (an HTTPS document redirected to plain HTTP).
    fn found_as(&self) -> Option<SourceKind> {
        match self {
            Slot::Done(r) => match &**r {
                Ok(o) => o.finding.as_ref().map(|f| f.source),
                Err(_) => None,
            },
            Slot::Running => None,
        }
    }

    fn found(&self) -> bool {
        self.found_as().is_some()
    }
}

/// Finds settings for `address`.
///
/// `network: None` (or `opts.network == false`) asks the database only. The
/// result always comes back by `opts.timeout`; errors of single sources are in
/// [`Discovery::sources`], not an `Err`. `Err` is returned only when discovery
/// could not start (the HTTPS client could not be set up).
pub async fn discover(
    address: &Address,
    db: Arc<Database>,
    network: Option<Network>,
    opts: &DiscoverOptions,
) -> Result<Discovery, DiscoverError> {
    let deadline = Instant::now() + opts.timeout;
    let domain = address.domain.clone();
    let network = network.filter(|_| opts.network);

    let mut kinds = vec![SourceKind::Database];
    if network.is_some() {
        kinds.push(SourceKind::Mx);
        kinds.push(SourceKind::Autoconfig);
        kinds.push(SourceKind::WellKnown);
        if opts.ispdb_url.is_some() {
            kinds.push(SourceKind::Ispdb);
            kinds.push(SourceKind::IspdbMx);
        }
        kinds.push(SourceKind::Srv);
        if opts.allow_http {
            kinds.push(SourceKind::AutoconfigHttp);
            kinds.push(SourceKind::WellKnownHttp);
        }
        if opts.guess {
            kinds.push(SourceKind::Guess);
        }
    }

    if let Some(only) = &opts.sources {
        kinds.retain(|k| only.contains(k));
    }
    let mut slots: Vec<Slot> = kinds
        .iter()
        .map(|k| match k {
            SourceKind::Database => Slot::Done(Box::new(Ok(sources::database(&db, &domain)))),
            _ => Slot::Running,
        })
        .collect();

    let http = match &network {
        Some(net) => {
            let tls = super::tls::client_config(&opts.extra_roots)?;
            Some(Fetcher::new(
                net.resolver.clone(),
                tls,
                opts.allow_http,
                opts.port_map.clone(),
                deadline,
            )?)
        }
        None => None,
    };
    let ctx = Arc::new(Ctx {
        address: address.clone(),
        domain: domain.clone(),
        db: db.clone(),
        opts: opts.clone(),
        deadline,
        resolver: network.as_ref().map(|n| n.resolver.clone()),
        mx: OnceCell::new(),
    });

    let mut deadline_hit = false;
    if !settled(&kinds, &slots, opts.wait_for_all) {
        let mut set = JoinSet::new();
        let mut ids = HashMap::new();
        if let (Some(net), Some(http)) = (&network, &http) {
            for (i, kind) in kinds.iter().copied().enumerate() {
                if kind == SourceKind::Database {
                    continue;
                }
                let ctx = ctx.clone();
                let net = net.clone();
                let http = http.clone();
                let handle = set.spawn(async move { run_source(&ctx, &net, &http, kind).await });
                ids.insert(handle.id(), i);
            }
        }
        while !settled(&kinds, &slots, opts.wait_for_all) {
            match tokio::time::timeout_at(deadline, set.join_next_with_id()).await {
                Err(_) => {
                    deadline_hit = true;
                    break;
                }
                Ok(None) => break,
                Ok(Some(Ok((id, result)))) => {
                    if let Some(&i) = ids.get(&id) {
                        slots[i] = Slot::Done(Box::new(result));
                    }
                }
                Ok(Some(Err(e))) => {
                    if let Some(&i) = ids.get(&e.id()) {
                        slots[i] = Slot::Done(Box::new(Err(DiscoverError::Setup(format!(
                            "the source stopped unexpectedly: {e}"
                        )))));
                    }
                }
            }
        }
        set.abort_all();
    }

    let mx = match ctx.mx.get() {
        Some(Ok(v)) => v.clone(),
        _ => Vec::new(),
    };
    Ok(assemble(address, kinds, slots, deadline_hit, mx, opts))
}

/// Whether the answer is decided (see the module docs): walking the ranks in
/// order of trust, a finding at a rank decides, a source still running that
/// could answer at that rank means waiting. `kinds[i]` is slot `i`'s source.
fn settled(kinds: &[SourceKind], slots: &[Slot], wait_for_all: bool) -> bool {
    if wait_for_all {
        return slots.iter().all(|s| matches!(s, Slot::Done(_)));
    }
    for rank in SourceKind::ALL {
        if slots.iter().any(|s| s.found_as() == Some(rank)) {
            return true;
        }
        let running = kinds
            .iter()
            .zip(slots)
            .any(|(k, s)| *k == rank && matches!(s, Slot::Running));
        if running {
            return false;
        }
    }
    true
}

async fn run_source(
    ctx: &Ctx,
    net: &Network,
    http: &Fetcher,
    kind: SourceKind,
) -> Result<SourceOutput, DiscoverError> {
    ask_source(ctx, net, http, kind).await.map(capped)
}

/// `out` with at most [`super::MAX_SERVERS_PER_PROTOCOL`] servers per protocol
/// and [`super::MAX_SERVERS_PER_FINDING`] in all; the others are listed as ignored.
fn capped(mut out: SourceOutput) -> SourceOutput {
    let Some(f) = out.finding.as_mut() else {
        return out;
    };
    let mut per_protocol: HashMap<crate::providers::Protocol, usize> = HashMap::new();
    let mut total = 0usize;
    let mut keep = |c: &super::Candidate| {
        let n = per_protocol.entry(c.server.protocol).or_default();
        if *n >= super::MAX_SERVERS_PER_PROTOCOL {
            return Some(Note::TooManyOfProtocol {
                max: super::MAX_SERVERS_PER_PROTOCOL,
                protocol: c.server.protocol.label(),
            });
        }
        if total >= super::MAX_SERVERS_PER_FINDING {
            return Some(Note::TooMany {
                max: super::MAX_SERVERS_PER_FINDING,
            });
        }
        *n += 1;
        total += 1;
        None
    };
    let mut dropped: Vec<(super::Candidate, Note)> = Vec::new();
    for list in [&mut f.incoming, &mut f.outgoing] {
        let mut kept = Vec::with_capacity(list.len().min(super::MAX_SERVERS_PER_FINDING));
        for c in list.drain(..) {
            match keep(&c) {
                None => kept.push(c),
                Some(why) => dropped.push((c, why)),
            }
        }
        *list = kept;
    }
    let source = f.source;
    let n = dropped.len();
    // Name a few of them; a thousand lines of ignored servers help nobody.
    for (c, why) in dropped.iter().take(8) {
        out.ignored.push(Ignored {
            source,
            what: ServerText::new(&format!(
                "{} {}:{} {}",
                c.server.protocol.label(),
                c.server.host,
                c.server.port,
                c.server.security.as_str()
            ))
            .into(),
            reason: why.clone(),
        });
    }
    if n > 8 {
        out.ignored.push(Ignored {
            source,
            what: Note::MoreServers(n - 8),
            reason: Note::TooManyServers,
        });
    }
    out
}

async fn ask_source(
    ctx: &Ctx,
    net: &Network,
    http: &Fetcher,
    kind: SourceKind,
) -> Result<SourceOutput, DiscoverError> {
    match kind {
        SourceKind::Database => Ok(sources::database(&ctx.db, &ctx.domain)),
        SourceKind::Mx => sources::mx(ctx).await,
        SourceKind::Autoconfig
        | SourceKind::WellKnown
        | SourceKind::Ispdb
        | SourceKind::IspdbMx
        | SourceKind::AutoconfigHttp
        | SourceKind::WellKnownHttp => sources::autoconfig(ctx, http, kind).await,
        SourceKind::Srv => sources::srv(ctx, net.resolver.clone()).await,
        SourceKind::Guess => sources::guess(ctx, net).await,
    }
}

fn assemble(
    address: &Address,
    kinds: Vec<SourceKind>,
    slots: Vec<Slot>,
    deadline_hit: bool,
    mx: Vec<Mx>,
    opts: &DiscoverOptions,
) -> Discovery {
    let mut findings: Vec<Finding> = Vec::new();
    let mut ignored: Vec<Ignored> = Vec::new();
    let mut reports = Vec::new();
    let mut dns_down: Option<DnsError> = None;
    let decided = findings_exist(&slots);
    for (kind, slot) in kinds.into_iter().zip(slots) {
        let (state, detail) = match slot {
            Slot::Running if deadline_hit => (SourceState::TimedOut, Some(Note::StillRunning)),
            Slot::Running => (SourceState::NotNeeded, Some(Note::Cancelled { decided })),
            Slot::Done(r) => match *r {
                Ok(out) => {
                    ignored.extend(out.ignored);
                    match out.finding {
                        Some(f) => {
                            let p = f.provenance.clone();
                            findings.push(f);
                            (SourceState::Found, Some(p))
                        }
                        None => (SourceState::Nothing, out.note),
                    }
                }
                Err(e) => {
                    if let Some(d) = e.dns().filter(|d| d.is_unreachable()) {
                        dns_down.get_or_insert_with(|| d.clone());
                    }
                    (SourceState::Failed, Some(Note::Failed(e)))
                }
            },
        };
        reports.push(SourceReport {
            source: kind,
            state,
            detail,
        });
    }
    let failed = reports
        .iter()
        .filter(|r| r.state == SourceState::Failed)
        .count();
    // By rank: a redirected document may rank below the slot it came from.
    findings.sort_by_key(|f| f.source);
    let mut findings = findings.into_iter();
    let best = findings.next();
    let alternatives: Vec<Finding> = findings.collect();
    let shown = display_domain(&address.domain);
    let timeout_ms = u64::try_from(opts.timeout.as_millis()).unwrap_or(u64::MAX);
    let (outcome, message) = match (&best, &dns_down) {
        (Some(b), _) => (
            Outcome::Found,
            Note::FoundBy(Box::new(b.provenance.clone())),
        ),
        (None, Some(e)) => (
            Outcome::DnsUnreachable,
            Note::NothingFound {
                domain: shown,
                why: Box::new(Note::Dns(e.clone())),
            },
        ),
        (None, None) if deadline_hit => (
            Outcome::DeadlineReached,
            Note::NothingBeforeDeadline {
                domain: shown,
                secs: opts.timeout.as_secs_f64().to_string(),
            },
        ),
        (None, None) if failed == 0 => (Outcome::NothingFound, Note::NothingAnswered(shown)),
        (None, None) => (
            Outcome::NothingFound,
            Note::NothingSomeFailed {
                domain: shown,
                failed,
            },
        ),
    };
    let (domain_unicode, _) = idna::domain_to_unicode(&address.domain);
    Discovery {
        address: address.canonical(),
        domain: address.domain.clone(),
        domain_unicode,
        outcome,
        message,
        best,
        alternatives,
        ignored,
        sources: reports,
        mx,
        timeout_ms,
    }
}

fn findings_exist(slots: &[Slot]) -> bool {
    slots.iter().any(Slot::found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(found: bool) -> Slot {
        done_as(found.then_some(SourceKind::Guess))
    }

    fn done_as(found: Option<SourceKind>) -> Slot {
        let out = SourceOutput {
            finding: found.map(|source| Finding {
                source,
                dns_unauthenticated: false,
                provenance: Note::Guessed,
                provider: None,
                incoming: Vec::new(),
                outgoing: Vec::new(),
            }),
            ..SourceOutput::default()
        };
        Slot::Done(Box::new(Ok(out)))
    }

    use SourceKind as K;

    #[test]
    fn a_more_trusted_running_source_is_waited_for() {
        // database: nothing; mx: running; guess: found → wait for mx.
        let kinds = [K::Database, K::Mx, K::Guess];
        let slots = [done(false), Slot::Running, done(true)];
        assert!(!settled(&kinds, &slots, false));
    }

    #[test]
    fn a_less_trusted_running_source_is_not_waited_for() {
        let kinds = [K::Database, K::Mx, K::Guess];
        let slots = [done(false), done_as(Some(K::Mx)), Slot::Running];
        assert!(settled(&kinds, &slots, false));
        assert!(
            !settled(&kinds, &slots, true),
            "unless every alternative was asked for"
        );
    }

    /// F3: one answer naming thousands of servers becomes at most 4 per
    /// protocol and 16 in all; the rest is listed as ignored, with the reason.
    #[test]
    fn f3_one_answer_adds_at_most_four_servers_per_protocol() {
        use crate::providers::{Protocol, Security, Server, UsernameForm};
        let cand = |protocol, i: usize| super::super::Candidate {
            server: Server {
                protocol,
                host: format!("h{i}.example.com"),
                port: 993,
                security: Security::Tls,
                username: UsernameForm::Address,
                note: None,
                login: None,
            },
            provenance: Note::Place("autoconfig.example.com".into()),
            verified: None,
        };
        let finding = Finding {
            source: K::Autoconfig,
            dns_unauthenticated: false,
            provenance: Note::Place("autoconfig.example.com".into()),
            provider: None,
            incoming: (0..7800)
                .map(|i| {
                    cand(
                        if i % 2 == 0 {
                            Protocol::Imap
                        } else {
                            Protocol::Pop3
                        },
                        i,
                    )
                })
                .collect(),
            outgoing: (0..50).map(|i| cand(Protocol::Smtp, i)).collect(),
        };
        let out = capped(SourceOutput {
            finding: Some(finding),
            ..SourceOutput::default()
        });
        let f = out.finding.unwrap();
        assert_eq!(f.incoming.len(), 8);
        assert_eq!(f.outgoing.len(), 4);
        assert_eq!(
            f.incoming[0].server.host, "h0.example.com",
            "the first ones stay"
        );
        assert_eq!(out.ignored.len(), 9);
        assert!(
            out.ignored[0].reason.english().contains("more than 4"),
            "{:?}",
            out.ignored[0]
        );
        assert!(
            out.ignored[8]
                .what
                .english()
                .starts_with("7830 more servers"),
            "{:?}",
            out.ignored[8]
        );
    }

    #[test]
    fn all_answered_with_nothing_is_settled() {
        let kinds = [K::Database, K::Mx];
        let slots = [done(false), done(false)];
        assert!(settled(&kinds, &slots, false));
        let failed = Slot::Done(Box::new(Err(DiscoverError::Setup("x".into()))));
        assert!(settled(&kinds, &[done(false), failed], false));
    }

    /// F15: an HTTPS autoconfig redirected to plain HTTP found something at
    /// the plain-HTTP rank: SRV, still running, is more trusted and is waited for.
    #[test]
    fn f15_a_document_redirected_to_plain_http_does_not_outrank_srv() {
        let kinds = [K::Database, K::Autoconfig, K::Srv, K::Guess];
        let slots = [
            done(false),
            done_as(Some(K::AutoconfigHttp)),
            Slot::Running,
            Slot::Running,
        ];
        assert!(!settled(&kinds, &slots, false));
        let slots = [
            done(false),
            done_as(Some(K::AutoconfigHttp)),
            done(false),
            Slot::Running,
        ];
        assert!(settled(&kinds, &slots, false), "then it beats guessing");
    }
}
