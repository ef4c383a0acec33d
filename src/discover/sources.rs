//! The sources themselves: each turns the domain into at most one [`Finding`].
//!
//! Each source answers on its own; ranking and cancelling is [`super::run`]'s job.
//! "Nothing here" is an answer ([`SourceOutput`] without a finding), distinct
//! from "could not ask" (an error), so the report can tell them apart.

use super::http::{Fetched, Fetcher};
use super::{
    Candidate, DiscoverError, Finding, Ignored, Note, ProviderInfo, SourceKind, Verification,
};
use crate::dns::{DnsError, Srv};
use crate::providers::address::parse_host;
use crate::providers::autoconfig;
use crate::providers::load::display_domain;
use crate::providers::{
    Database, Entry, MatchKind, Origin, Protocol, Provider, Security, Server, UsernameForm,
};
use crate::server_text::ServerText;
use reqwest::Url;
use std::sync::Arc;
use tokio::task::JoinSet;

use super::run::Ctx;

/// What one source answered.
#[derive(Debug, Default)]
pub(super) struct SourceOutput {
    /// The settings found, if any.
    pub finding: Option<Finding>,
    /// Answers seen and not used.
    pub ignored: Vec<Ignored>,
    /// Why nothing was found (when nothing was).
    pub note: Option<Note>,
}

impl SourceOutput {
    fn nothing(note: Note) -> Self {
        Self {
            note: Some(note),
            ..Self::default()
        }
    }

    fn found(finding: Finding) -> Self {
        Self {
            finding: Some(finding),
            ..Self::default()
        }
    }
}

type SourceResult = Result<SourceOutput, DiscoverError>;

/// Turns a provider's servers into candidates for `domain`.
fn finding_from_provider(
    source: SourceKind,
    provenance: Note,
    p: &Provider,
    file: Option<String>,
    domain: &str,
) -> Finding {
    let cand = |s: &Server| Candidate {
        server: Server {
            host: s.host_for(domain),
            ..s.clone()
        },
        provenance: provenance.clone(),
        verified: None,
    };
    let incoming = p.incoming.iter().map(cand).collect();
    let outgoing = p.outgoing.iter().map(cand).collect();
    Finding {
        source,
        dns_unauthenticated: source.rests_on_dns(),
        provenance,
        provider: Some(ProviderInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            status: p.status.clone(),
            auth: p.auth.clone(),
            file,
        }),
        incoming,
        outgoing,
    }
}

fn entry_finding(source: SourceKind, provenance: Note, e: &Entry, domain: &str) -> Finding {
    finding_from_provider(
        source,
        provenance,
        &e.provider,
        Some(e.file.clone()),
        domain,
    )
}

/// 1. The database, by domain (and parent domains).
pub(super) fn database(db: &Database, domain: &str) -> SourceOutput {
    match db.by_domain(domain) {
        Some((entry, kind, matched)) => {
            let provenance = Note::Database {
                matched: matched.to_owned(),
                provider: entry.provider.name.clone(),
                parent: kind == MatchKind::ParentDomain,
            };
            SourceOutput::found(entry_finding(
                SourceKind::Database,
                provenance,
                entry,
                domain,
            ))
        }
        None => SourceOutput::nothing(Note::NoDatabaseEntry(display_domain(domain))),
    }
}

/// 2. MX hosts matched against the providers' MX suffixes.
pub(super) async fn mx(ctx: &Ctx) -> SourceResult {
    let records = match ctx.mx().await {
        Ok(r) => r,
        Err(e) if e.is_not_found() => return Ok(SourceOutput::nothing(Note::Dns(e))),
        Err(e) => return Err(e.into()),
    };
    let (records, ignored) = valid_mx(&records);
    for m in &records {
        if let Some(entry) = ctx.db.by_mx(&m.exchange) {
            let provenance = Note::Mx {
                exchange: m.exchange.clone(),
                provider: entry.provider.name.clone(),
            };
            let mut out = SourceOutput::found(entry_finding(
                SourceKind::Mx,
                provenance,
                entry,
                &ctx.domain,
            ));
            out.ignored = ignored;
            return Ok(out);
        }
    }
    let hosts: Vec<&str> = records.iter().map(|m| m.exchange.as_str()).collect();
    let mut out = SourceOutput::nothing(if hosts.is_empty() {
        Note::NoUsableMx
    } else {
        Note::MxMatchesNothing(hosts.join(", "))
    });
    out.ignored = ignored;
    Ok(out)
}

/// The MX records whose exchange is a valid host name; the others are listed
/// as ignored with the reason (a DNS answer is not trusted to be one).
pub(super) fn valid_mx(records: &[crate::dns::Mx]) -> (Vec<crate::dns::Mx>, Vec<Ignored>) {
    let mut good = Vec::new();
    let mut ignored = Vec::new();
    for m in records {
        match parse_host(&m.exchange) {
            Ok(exchange) => good.push(crate::dns::Mx {
                exchange,
                ..m.clone()
            }),
            Err(e) => ignored.push(Ignored {
                source: SourceKind::Mx,
                what: ServerText::new(&format!("MX {}", m.exchange)).into(),
                reason: Note::each(|lang| e.text(lang)),
            }),
        }
    }
    (good, ignored)
}

/// The base (registrable) domain of a host, by the Public Suffix List.
pub(super) fn base_domain(host: &str) -> Option<String> {
    psl::domain_str(host).map(str::to_owned)
}

/// Why a fetching source asks nothing.
enum Skip {
    /// Nothing to ask, with the reason (e.g. no MX records for `ispdb-mx`).
    Nothing(Note),
    /// The question could not be formed.
    Error(DiscoverError),
}

impl From<DnsError> for Skip {
    fn from(e: DnsError) -> Self {
        if e.is_not_found() {
            Skip::Nothing(Note::Dns(e))
        } else {
            Skip::Error(e.into())
        }
    }
}

/// The URL a fetching source asks, with its provenance text.
async fn autoconfig_url(ctx: &Ctx, kind: SourceKind) -> Result<(Url, Note), Skip> {
    let d = &ctx.domain;
    let parse = |s: String| {
        Url::parse(&s).map_err(|e| {
            Skip::Error(DiscoverError::Http {
                url: s.clone(),
                detail: format!("not a valid URL: {e}"),
            })
        })
    };
    match kind {
        SourceKind::Autoconfig => {
            let mut url = parse(format!("https://autoconfig.{d}/mail/config-v1.1.xml"))?;
            url.query_pairs_mut()
                .append_pair("emailaddress", &ctx.address.canonical());
            Ok((url, Note::Place(format!("autoconfig.{d}"))))
        }
        SourceKind::WellKnown => Ok((
            parse(format!(
                "https://{d}/.well-known/autoconfig/mail/config-v1.1.xml"
            ))?,
            Note::Place(format!("{d}/.well-known/autoconfig")),
        )),
        // Over plain HTTP the address is not sent: anyone on the path could read it.
        SourceKind::AutoconfigHttp => Ok((
            parse(format!("http://autoconfig.{d}/mail/config-v1.1.xml"))?,
            Note::PlainHttp(format!("http://autoconfig.{d}")),
        )),
        SourceKind::WellKnownHttp => Ok((
            parse(format!(
                "http://{d}/.well-known/autoconfig/mail/config-v1.1.xml"
            ))?,
            Note::PlainHttp(format!("http://{d}/.well-known/autoconfig")),
        )),
        SourceKind::Ispdb => {
            let base = ctx.opts.ispdb_url.clone().unwrap_or_default();
            Ok((
                parse(format!("{base}{d}"))?,
                Note::Place(format!("ISPDB {d}")),
            ))
        }
        SourceKind::IspdbMx => {
            let (records, _) = valid_mx(&ctx.mx().await?);
            let Some(best) = records.first() else {
                return Err(Skip::Nothing(Note::NoMx));
            };
            let Some(base) = base_domain(&best.exchange) else {
                return Err(Skip::Nothing(Note::MxNoBaseDomain(best.exchange.clone())));
            };
            if base == *d || d.ends_with(&format!(".{base}")) {
                return Err(Skip::Nothing(Note::MxInsideDomain(best.exchange.clone())));
            }
            let prefix = ctx.opts.ispdb_url.clone().unwrap_or_default();
            Ok((
                parse(format!("{prefix}{base}"))?,
                Note::IspdbByMx {
                    domain: base,
                    exchange: best.exchange.clone(),
                },
            ))
        }
        // Only the kinds above are asked here (`run::ask_source`).
        _ => Err(Skip::Nothing(Note::Cancelled { decided: false })),
    }
}

/// 3. and 5. An autoconfig document: the domain's own, or the ISPDB's.
pub(super) async fn autoconfig(ctx: &Ctx, http: &Fetcher, kind: SourceKind) -> SourceResult {
    let (url, provenance) = match autoconfig_url(ctx, kind).await {
        Ok(v) => v,
        Err(Skip::Nothing(why)) => return Ok(SourceOutput::nothing(why)),
        Err(Skip::Error(e)) => return Err(e),
    };
    let shown = url.to_string();
    let (body, plain_http) = match http.get(url).await {
        Ok(Fetched::Body { text, plain_http }) => (text, plain_http),
        Ok(Fetched::Missing(status)) => {
            return Ok(SourceOutput::nothing(Note::Missing { url: shown, status }));
        }
        Err(DiscoverError::Dns(e)) if e.is_not_found() => {
            return Ok(SourceOutput::nothing(Note::Dns(e)));
        }
        Err(e) => return Err(e),
    };
    let bad = |e: autoconfig::AutoconfigError| DiscoverError::Autoconfig {
        url: shown.clone(),
        detail: e.to_string(),
    };
    let doc = autoconfig::parse(&body).map_err(bad)?;
    let source_kind = match kind {
        SourceKind::Ispdb | SourceKind::IspdbMx => crate::providers::SourceKind::Ispdb,
        _ => crate::providers::SourceKind::ProviderDocs,
    };
    let converted =
        autoconfig::convert(&doc, Origin::User, source_kind, &shown, "").map_err(bad)?;
    // An HTTPS document that came over plain HTTP after a redirect is worth
    // what plain HTTP is worth: its rank and its label say so.
    let (found_kind, provenance) = if plain_http && kind.over_plain_http() != kind {
        (
            kind.over_plain_http(),
            Note::RedirectedToHttp(Box::new(provenance)),
        )
    } else {
        (kind, provenance)
    };
    let mut out = SourceOutput::found(finding_from_provider(
        found_kind,
        provenance,
        &converted.provider,
        None,
        &ctx.domain,
    ));
    out.ignored = converted
        .rejected
        .into_iter()
        .map(|r| Ignored {
            source: kind,
            what: ServerText::new(&format!("{shown}: {}", r.what)).into(),
            reason: Note::each(|lang| r.reason.text(lang)),
        })
        .collect();
    Ok(out)
}

/// RFC 6186 / RFC 8314 service labels, in the order candidates are listed.
const SRV_SERVICES: [(&str, Protocol, Security); 6] = [
    ("_pop3s", Protocol::Pop3, Security::Tls),
    ("_imaps", Protocol::Imap, Security::Tls),
    ("_pop3", Protocol::Pop3, Security::Starttls),
    ("_imap", Protocol::Imap, Security::Starttls),
    ("_submissions", Protocol::Smtp, Security::Tls),
    ("_submission", Protocol::Smtp, Security::Starttls),
];

/// Whether `host` is `domain` or inside it.
pub(super) fn inside(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Whether some database entry names `host` as one of its servers.
pub(super) fn database_knows(db: &Database, host: &str) -> bool {
    db.entries().iter().any(|e| {
        e.provider
            .incoming
            .iter()
            .chain(&e.provider.outgoing)
            .any(|s| s.host == host)
    })
}

/// 4. SRV records, kept only when their target can be trusted.
pub(super) async fn srv(ctx: &Ctx, resolver: Arc<dyn crate::dns::Resolver>) -> SourceResult {
    let mut set = JoinSet::new();
    for (i, (label, _, _)) in SRV_SERVICES.iter().enumerate() {
        let name = format!("{label}._tcp.{}", ctx.domain);
        let r = resolver.clone();
        let deadline = ctx.deadline;
        set.spawn(async move { (i, r.srv(&name, deadline).await) });
    }
    let mut answers: Vec<Option<Result<Vec<Srv>, DnsError>>> = vec![None; SRV_SERVICES.len()];
    while let Some(joined) = set.join_next().await {
        if let Ok((i, r)) = joined {
            answers[i] = Some(r);
        }
    }
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    let mut ignored = Vec::new();
    let mut first_error: Option<DnsError> = None;
    let mut errors = 0;
    for ((label, protocol, security), answer) in SRV_SERVICES.iter().zip(answers) {
        let records = match answer {
            Some(Ok(r)) => r,
            Some(Err(e)) if e.is_not_found() => continue,
            Some(Err(e)) => {
                errors += 1;
                first_error.get_or_insert(e);
                continue;
            }
            None => continue,
        };
        for r in records {
            // "." (or port 0) means the service is decidedly not offered (RFC 2782).
            if r.target == "." || r.port == 0 {
                continue;
            }
            let what = || {
                Note::from(ServerText::new(&format!(
                    "SRV {label}._tcp.{} → {}:{}",
                    ctx.domain, r.target, r.port
                )))
            };
            let target = match parse_host(&r.target) {
                Ok(t) => t,
                Err(e) => {
                    ignored.push(Ignored {
                        source: SourceKind::Srv,
                        what: what(),
                        reason: Note::each(|lang| e.text(lang)),
                    });
                    continue;
                }
            };
            if !inside(&target, &ctx.domain) && !database_knows(&ctx.db, &target) {
                ignored.push(Ignored {
                    source: SourceKind::Srv,
                    what: what(),
                    reason: Note::SrvOutside {
                        target: target.clone(),
                        domain: ctx.domain.clone(),
                    },
                });
                continue;
            }
            let c = Candidate {
                server: Server {
                    protocol: *protocol,
                    host: target,
                    port: r.port,
                    security: *security,
                    username: UsernameForm::Address,
                    note: None,
                    login: None,
                },
                provenance: Note::SrvLabel(label),
                verified: None,
            };
            if *protocol == Protocol::Smtp {
                outgoing.push(c);
            } else {
                incoming.push(c);
            }
        }
    }
    if incoming.is_empty() && outgoing.is_empty() {
        if errors == SRV_SERVICES.len()
            && let Some(e) = first_error
        {
            return Err(e.into());
        }
        let note = if ignored.is_empty() {
            Note::NoUsableSrv(ctx.domain.clone())
        } else {
            Note::EverySrvIgnored(ctx.domain.clone())
        };
        return Ok(SourceOutput {
            finding: None,
            ignored,
            note: Some(note),
        });
    }
    Ok(SourceOutput {
        finding: Some(Finding {
            source: SourceKind::Srv,
            dns_unauthenticated: true,
            provenance: Note::SrvRecords(ctx.domain.clone()),
            provider: None,
            incoming,
            outgoing,
        }),
        ignored,
        note: None,
    })
}

/// Host prefixes and ports guessed per protocol, most promising first
/// (implicit TLS before STARTTLS; POP3 first, as mailconf is POP3-first).
type GuessRow = (
    Protocol,
    &'static [&'static str],
    &'static [(u16, Security)],
);
const GUESSES: [GuessRow; 3] = [
    (
        Protocol::Pop3,
        &["pop.", "pop3.", "mail.", ""],
        &[(995, Security::Tls), (110, Security::Starttls)],
    ),
    (
        Protocol::Imap,
        &["imap.", "mail.", ""],
        &[(993, Security::Tls), (143, Security::Starttls)],
    ),
    (
        Protocol::Smtp,
        &["smtp.", "mail.", ""],
        &[(465, Security::Tls), (587, Security::Starttls)],
    ),
];

/// The guessed servers for `domain`, in order of preference.
pub fn guessed_servers(domain: &str) -> Vec<Server> {
    let mut v = Vec::new();
    for (protocol, prefixes, ports) in GUESSES {
        for (port, security) in ports {
            for prefix in prefixes {
                v.push(Server {
                    protocol,
                    host: format!("{prefix}{domain}"),
                    port: *port,
                    security: *security,
                    username: UsernameForm::Address,
                    note: None,
                    login: None,
                });
            }
        }
    }
    v
}

/// 6. Standard names and ports, each checked live.
pub(super) async fn guess(ctx: &Ctx, net: &super::Network) -> SourceResult {
    let servers = guessed_servers(&ctx.domain);
    let mut hosts: Vec<String> = servers.iter().map(|s| s.host.clone()).collect();
    hosts.sort();
    hosts.dedup();
    // Resolve each name once; names that do not exist are dropped.
    let mut set = JoinSet::new();
    for h in hosts {
        let r = net.resolver.clone();
        let deadline = ctx.deadline;
        set.spawn(async move {
            let res = r.ips(&h, deadline).await;
            (h, res)
        });
    }
    let mut resolved = Vec::new();
    while let Some(joined) = set.join_next().await {
        let Ok((h, res)) = joined else { continue };
        match res {
            Ok(_) => resolved.push(h),
            Err(e) if e.is_not_found() => {}
            Err(e) if e.is_unreachable() => return Err(e.into()),
            Err(_) => {}
        }
    }
    if resolved.is_empty() {
        return Ok(SourceOutput::nothing(Note::NoGuessResolves(
            ctx.domain.clone(),
        )));
    }
    let wanted: Vec<Server> = servers
        .into_iter()
        .filter(|s| resolved.contains(&s.host))
        .collect();
    let mut set = JoinSet::new();
    for (i, s) in wanted.iter().cloned().enumerate() {
        let v = net.verifier.clone();
        let deadline = ctx.deadline;
        set.spawn(async move {
            let verdict = v.verify(&s, deadline).await;
            (i, verdict)
        });
    }
    let mut verdicts: Vec<Option<Verification>> = vec![None; wanted.len()];
    while let Some(joined) = set.join_next().await {
        if let Ok((i, v)) = joined {
            verdicts[i] = Some(v);
        }
    }
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    let mut failures: Vec<(String, Note)> = Vec::new();
    for (s, v) in wanted.into_iter().zip(verdicts) {
        let Some(v) = v else { continue };
        if !v.ok {
            failures.push((format!("{}:{}", s.host, s.port), v.detail));
            continue;
        }
        let c = Candidate {
            provenance: Note::Guessed,
            verified: Some(v),
            server: s,
        };
        if c.server.protocol == Protocol::Smtp {
            outgoing.push(c);
        } else {
            incoming.push(c);
        }
    }
    if incoming.is_empty() && outgoing.is_empty() {
        return Ok(SourceOutput::nothing(Note::GuessesUnanswered {
            count: failures.len(),
            failures,
        }));
    }
    Ok(SourceOutput::found(Finding {
        source: SourceKind::Guess,
        dns_unauthenticated: false,
        provenance: Note::Guessed,
        provider: None,
        incoming,
        outgoing,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_the_domain() {
        assert!(inside("imap.example.com", "example.com"));
        assert!(inside("example.com", "example.com"));
        assert!(!inside("imap.badexample.com", "example.com"));
        assert!(!inside("example.com.evil.test", "example.com"));
    }

    #[test]
    fn base_domains() {
        assert_eq!(
            base_domain("mxn.mxhichina.com").as_deref(),
            Some("mxhichina.com")
        );
        assert_eq!(
            base_domain("mx1.example.com.cn").as_deref(),
            Some("example.com.cn")
        );
        assert_eq!(
            base_domain("qiye163mx01.mxmail.netease.com").as_deref(),
            Some("netease.com")
        );
        // Unlisted top-level domains (the tests' `.test`) count as one label.
        assert_eq!(
            base_domain("mx1.hosting-co.test").as_deref(),
            Some("hosting-co.test")
        );
    }

    #[test]
    fn guessed_table() {
        let g = guessed_servers("example.com");
        assert_eq!(g[0].host, "pop.example.com");
        assert_eq!(g[0].port, 995);
        assert!(g.iter().any(|s| s.host == "example.com" && s.port == 587));
        assert!(
            g.iter()
                .any(|s| s.host == "pop3.example.com" && s.port == 110)
        );
        assert!(g.iter().all(|s| s.port != 25), "port 25 is not guessed");
        assert_eq!(g.len(), 8 + 6 + 6);
    }
}
