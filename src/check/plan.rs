//! From what the user typed to the endpoints to test, in one row order.
//!
//! `mailconf probe`, `mailconf export` and the app's Test connection accept a
//! provider id (`163`), a domain (`qq.com`), an address (`用户@qq.com`) or a
//! mail server's name (`mail.example.com`). [`classify`] says which it is; a
//! provider from the database (found by id, domain or address, or through
//! discovery's MX match) contributes its preferred host per protocol, probed on
//! every standard way in, plus every other server it lists (such as NetEase's
//! SMTP on 994). An address whose domain the database does not know is planned
//! from discovery's finding; without discovery, its domain is probed as a host.
//!
//! The row order is the README's, everywhere (the CLI table, the app, JSON):
//! POP3 110 plaintext, 110 STLS, 995; SMTP 25, 587, 465; IMAP 143, 993; each
//! protocol followed by the other servers the provider or discovery lists.

use crate::discover::Discovery;
use crate::i18n::{Lang, msg};
use crate::probe::Endpoint;
use crate::providers::{
    Address, AddressError, Database, Protocol, Provider, Security, Server, Status,
};
use crate::server_text::ServerText;

/// Where the endpoints came from (in `mailconf probe --json` as `source`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TargetSource {
    /// A database entry (by id, domain or address).
    Database {
        /// Provider id.
        provider_id: String,
    },
    /// Discovery found the servers.
    Discovered {
        /// Where, e.g. "MX aspmx.l.google.com → Google Workspace" (escaped).
        provenance: crate::discover::Note,
    },
    /// The name itself is probed as a host.
    Host,
    /// Discovery found nothing for the address: there is nothing to probe.
    NothingFound {
        /// What discovery said (escaped).
        message: crate::discover::Note,
    },
}

/// What the user typed, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// An address (local part as typed, domain canonical).
    Address(Address),
    /// A provider id, or a domain (or one of its subdomains) the database knows.
    Provider {
        /// The provider id.
        id: String,
        /// The domain typed, when one was (for `%EMAILDOMAIN%` host names).
        domain: Option<String>,
    },
    /// A mail server's name or an IP address.
    Host(String),
}

/// What is wrong with a target that cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidTarget {
    /// A malformed address.
    #[error("{0}")]
    Address(AddressError),
    /// A malformed host name, as typed.
    #[error("{input:?}: {error}")]
    Host {
        /// What was typed.
        input: String,
        /// What is wrong with it.
        error: AddressError,
    },
    /// A provider id the database does not have.
    #[error("no provider {0:?}")]
    UnknownProvider(String),
}

impl InvalidTarget {
    /// The error for people, in `lang` (what was typed escaped).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            InvalidTarget::Address(e) => e.text(lang),
            InvalidTarget::Host { input, error } => msg!(
                lang,
                "plan-invalid-host",
                input = ServerText::new(input).to_string(),
                problem = error.text(lang)
            ),
            InvalidTarget::UnknownProvider(id) => msg!(
                lang,
                "plan-unknown-id",
                id = ServerText::new(id).to_string()
            ),
        }
    }
}

/// Why a target cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Malformed address or host name.
    #[error("{0}")]
    Invalid(InvalidTarget),
    /// The provider is gone.
    #[error("{} was discontinued in {year}; there is nothing to probe", .name.en)]
    Discontinued {
        /// Provider name, in the three languages.
        name: crate::providers::Localized,
        /// Year it closed.
        year: u16,
        /// Its id.
        provider_id: String,
    },
    /// Discovery found nothing for the address.
    #[error("{message}")]
    NotFound {
        /// The domain (Unicode).
        domain: String,
        /// What discovery said (escaped); boxed, as it may be large.
        message: Box<crate::discover::Note>,
    },
}

/// A planned test: the endpoints in row order and what they stand for.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What was typed (trimmed).
    pub input: String,
    /// What to probe, in row order.
    pub endpoints: Vec<Endpoint>,
    /// Where they came from.
    pub source: TargetSource,
    /// The database's provider, when the database (or discovery via MX) names one.
    pub provider: Option<Provider>,
    /// What discovery found, as a provider entry, when the database had none
    /// (for exports of discovered settings).
    pub found: Option<Provider>,
    /// The address, when one was given.
    pub address: Option<Address>,
}

impl Plan {
    /// The provider entry the settings come from: the database's, else what
    /// discovery found.
    pub fn settings_provider(&self) -> Option<&Provider> {
        self.provider.as_ref().or(self.found.as_ref())
    }
}

/// The standard ways in per protocol, in row order.
const ROWS: [(Protocol, &[(u16, Security)]); 3] = [
    (
        Protocol::Pop3,
        &[
            (110, Security::Plain),
            (110, Security::Starttls),
            (995, Security::Tls),
        ],
    ),
    (
        Protocol::Smtp,
        &[
            (25, Security::Starttls),
            (587, Security::Starttls),
            (465, Security::Tls),
        ],
    ),
    (
        Protocol::Imap,
        &[(143, Security::Starttls), (993, Security::Tls)],
    ),
];

/// The protocols in row order.
pub const PROTOCOL_ORDER: [Protocol; 3] = [Protocol::Pop3, Protocol::Smtp, Protocol::Imap];

/// Every standard way in of `protocol` on `host`, in row order.
pub fn standard_endpoints(protocol: Protocol, host: &str) -> Vec<Endpoint> {
    ROWS.iter()
        .filter(|(p, _)| *p == protocol)
        .flat_map(|(p, ports)| {
            ports
                .iter()
                .map(move |&(port, security)| Endpoint::new(*p, host, port, security))
        })
        .collect()
}

/// The eight standard ways in to `host` (those of `only` when not empty), in row order.
pub fn every_way_in(host: &str, only: &[Protocol]) -> Vec<Endpoint> {
    PROTOCOL_ORDER
        .iter()
        .filter(|p| only.is_empty() || only.contains(p))
        .flat_map(|p| standard_endpoints(*p, host))
        .collect()
}

/// Endpoints for a list of servers: per protocol (row order), the first host on
/// every standard way in, then every other listed (host, port, security) not
/// yet covered. A listed plaintext port already probed adds nothing (SMTP 25
/// reports plaintext when STARTTLS is missing).
pub fn endpoints_for_servers<'a>(
    servers: impl IntoIterator<Item = &'a Server> + Clone,
    domain: Option<&str>,
    only: &[Protocol],
) -> Vec<Endpoint> {
    let host_of = |s: &Server| domain.map_or_else(|| s.host.clone(), |d| s.host_for(d));
    let mut out: Vec<Endpoint> = Vec::new();
    for protocol in PROTOCOL_ORDER {
        if !only.is_empty() && !only.contains(&protocol) {
            continue;
        }
        let mut of_protocol = servers
            .clone()
            .into_iter()
            .filter(|s| s.protocol == protocol);
        let Some(first) = of_protocol.next() else {
            continue;
        };
        for e in standard_endpoints(protocol, &host_of(first)) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        for s in std::iter::once(first).chain(of_protocol) {
            let e = Endpoint::new(protocol, &host_of(s), s.port, s.security);
            let covered = out
                .iter()
                .any(|o| o.protocol == e.protocol && o.host == e.host && o.port == e.port);
            let redundant = covered && e.security == Security::Plain;
            if !redundant && !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// Endpoints for a database provider.
pub fn endpoints_for_provider(
    p: &Provider,
    domain: Option<&str>,
    only: &[Protocol],
) -> Vec<Endpoint> {
    endpoints_for_servers(p.incoming.iter().chain(&p.outgoing), domain, only)
}

/// What `input` is: an address (anything with `@` or `＠`), a provider id or a
/// database domain, or a host name / IP address. Malformed input is an error
/// that names what is wrong.
pub fn classify(db: &Database, input: &str) -> Result<Typed, PlanError> {
    let t = input.trim();
    if t.contains('@') || t.contains('\u{FF20}') {
        return Address::parse(t)
            .map(Typed::Address)
            .map_err(|e| PlanError::Invalid(InvalidTarget::Address(e)));
    }
    if let Ok(m) = db.lookup(t) {
        return Ok(Typed::Provider {
            id: m.entry.provider.id.clone(),
            domain: m.domain.clone(),
        });
    }
    if let Ok(ip) = t.parse::<std::net::IpAddr>() {
        return Ok(Typed::Host(ip.to_string()));
    }
    crate::providers::address::parse_host(t.trim_end_matches('.'))
        .map(Typed::Host)
        .map_err(|error| {
            PlanError::Invalid(InvalidTarget::Host {
                input: t.to_owned(),
                error,
            })
        })
}

/// The unknown address `typed` needs discovery for, if any: an address whose
/// domain no database entry serves.
pub fn needs_discovery<'a>(db: &Database, typed: &'a Typed) -> Option<&'a Address> {
    match typed {
        Typed::Address(a) if db.by_domain(&a.domain).is_none() => Some(a),
        _ => None,
    }
}

fn from_provider(
    input: &str,
    p: &Provider,
    address: Option<Address>,
    domain: Option<&str>,
    only: &[Protocol],
) -> Result<Plan, PlanError> {
    if let Status::Discontinued { year, .. } = p.status
        && p.incoming.is_empty()
        && p.outgoing.is_empty()
    {
        return Err(PlanError::Discontinued {
            name: p.name.clone(),
            year,
            provider_id: p.id.clone(),
        });
    }
    Ok(Plan {
        input: input.to_owned(),
        endpoints: endpoints_for_provider(p, domain, only),
        source: TargetSource::Database {
            provider_id: p.id.clone(),
        },
        provider: Some(p.clone()),
        found: None,
        address,
    })
}

/// Plans `typed`. For an address the database does not know, `discovery` is
/// what discovery found for it (`None`: discovery was not run, and the domain
/// is probed as a host).
pub fn plan(
    input: &str,
    typed: &Typed,
    only: &[Protocol],
    db: &Database,
    discovery: Option<&Discovery>,
) -> Result<Plan, PlanError> {
    let input = input.trim();
    match typed {
        Typed::Address(address) => {
            if let Some((entry, _, _)) = db.by_domain(&address.domain) {
                let domain = address.domain.clone();
                return from_provider(
                    input,
                    &entry.provider,
                    Some(address.clone()),
                    Some(&domain),
                    only,
                );
            }
            let Some(d) = discovery else {
                return Ok(Plan {
                    input: input.to_owned(),
                    endpoints: every_way_in(&address.domain, only),
                    source: TargetSource::Host,
                    provider: None,
                    found: None,
                    address: Some(address.clone()),
                });
            };
            let Some(best) = &d.best else {
                return Err(PlanError::NotFound {
                    domain: d.domain_unicode.clone(),
                    message: Box::new(d.message.clone()),
                });
            };
            let servers: Vec<Server> = best
                .incoming
                .iter()
                .chain(&best.outgoing)
                .map(|c| c.server.clone())
                .collect();
            let provider = best
                .provider
                .as_ref()
                .and_then(|p| db.by_id(&p.id))
                .map(|e| e.provider.clone());
            let found = if provider.is_none() {
                d.as_provider()
            } else {
                None
            };
            Ok(Plan {
                input: input.to_owned(),
                endpoints: endpoints_for_servers(&servers, Some(&address.domain), only),
                source: TargetSource::Discovered {
                    provenance: best.provenance.clone(),
                },
                provider,
                found,
                address: Some(address.clone()),
            })
        }
        Typed::Provider { id, domain } => {
            let entry = db
                .by_id(id)
                .ok_or_else(|| PlanError::Invalid(InvalidTarget::UnknownProvider(id.clone())))?;
            from_provider(input, &entry.provider, None, domain.as_deref(), only)
        }
        Typed::Host(host) => Ok(Plan {
            input: input.to_owned(),
            endpoints: every_way_in(host, only),
            source: TargetSource::Host,
            provider: None,
            found: Some(host_provider(host)),
            address: None,
        }),
    }
}

/// The settings of a mail server known only by its name: its standard
/// encrypted ways in (POP3 995, IMAP 993, SMTP 465 and 587), the full address
/// as the username. What a server-name check exports when it was not tested
/// (the file says so), and what the check's summary replaces when it was.
pub fn host_provider(host: &str) -> Provider {
    use crate::providers::{Auth, AuthKind, Localized, Origin, UsernameForm};
    let server = |protocol, port, security| Server {
        protocol,
        host: host.to_owned(),
        port,
        security,
        username: UsernameForm::Address,
        note: None,
        login: None,
    };
    Provider {
        schema: None,
        id: host.to_owned(),
        name: Localized::same(host),
        domains: Vec::new(),
        mx_suffixes: Vec::new(),
        status: Status::Active,
        incoming: vec![
            server(Protocol::Pop3, 995, Security::Tls),
            server(Protocol::Imap, 993, Security::Tls),
        ],
        outgoing: vec![
            server(Protocol::Smtp, 465, Security::Tls),
            server(Protocol::Smtp, 587, Security::Starttls),
        ],
        auth: Auth {
            kind: AuthKind::Password,
            create_url: None,
            notes: None,
        },
        hints: Vec::new(),
        help_urls: Vec::new(),
        quirks: Vec::new(),
        history: None,
        known_replies: Vec::new(),
        sources: Vec::new(),
        origin: Origin::User,
        username_idn: crate::providers::IdnUsername::default(),
        oauth2: None,
    }
}

/// A plan of exactly these endpoints (`--endpoint`, or the servers a user's
/// existing settings name), with no target. `provider`, when the endpoints are
/// known to be its servers, gives the ranking, the advice and the login form
/// its knowledge.
pub fn explicit(endpoints: Vec<Endpoint>, only: &[Protocol], provider: Option<Provider>) -> Plan {
    let mut endpoints: Vec<Endpoint> = endpoints
        .into_iter()
        .filter(|e| only.is_empty() || only.contains(&e.protocol))
        .collect();
    endpoints.dedup();
    Plan {
        input: String::new(),
        endpoints,
        source: provider
            .as_ref()
            .map_or(TargetSource::Host, |p| TargetSource::Database {
                provider_id: p.id.clone(),
            }),
        provider,
        found: None,
        address: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(input: &str, only: &[Protocol]) -> Result<Plan, PlanError> {
        let db = Database::bundled();
        let typed = classify(db, input)?;
        plan(input, &typed, only, db, None)
    }

    #[test]
    fn provider_gets_every_way_in_in_row_order_plus_its_own_ports() {
        let t = plan_of("alice@163.com", &[]).unwrap();
        let rows: Vec<(Protocol, &str, u16, Security)> = t
            .endpoints
            .iter()
            .map(|e| (e.protocol, e.host.as_str(), e.port, e.security))
            .collect();
        use Protocol::*;
        use Security::*;
        assert_eq!(
            rows,
            [
                (Pop3, "pop.163.com", 110, Plain),
                (Pop3, "pop.163.com", 110, Starttls),
                (Pop3, "pop.163.com", 995, Tls),
                (Smtp, "smtp.163.com", 25, Starttls),
                (Smtp, "smtp.163.com", 587, Starttls),
                (Smtp, "smtp.163.com", 465, Tls),
                (Smtp, "smtp.163.com", 994, Tls),
                (Imap, "imap.163.com", 143, Starttls),
                (Imap, "imap.163.com", 993, Tls),
            ]
        );
        assert_eq!(
            t.source,
            TargetSource::Database {
                provider_id: "163".into()
            }
        );
        let only = plan_of("163", &[Protocol::Smtp]).unwrap();
        assert!(only.endpoints.iter().all(|e| e.protocol == Protocol::Smtp));
    }

    #[test]
    fn unknown_names_are_hosts_and_bad_input_is_named() {
        let t = plan_of("mail.test.mailconf", &[]).unwrap();
        assert_eq!(t.source, TargetSource::Host);
        assert_eq!(t.endpoints.len(), 8);
        assert_eq!(t.endpoints[0].port, 110);
        assert_eq!(t.endpoints[3].port, 25);
        assert_eq!(t.endpoints[6].port, 143);
        assert!(matches!(plan_of("alice@", &[]), Err(PlanError::Invalid(_))));
        assert!(matches!(
            plan_of("a@@b.com", &[]),
            Err(PlanError::Invalid(_))
        ));
        assert!(matches!(
            plan_of("bad_host!", &[]),
            Err(PlanError::Invalid(_))
        ));
        assert!(matches!(
            plan_of("etang.com", &[]),
            Err(PlanError::Discontinued { .. })
        ));
        // Without discovery, an unknown address's domain is a host.
        let t = plan_of("alice@Example.COM", &[]).unwrap();
        assert!(t.endpoints.iter().all(|e| e.host == "example.com"));
        let t = plan_of("例子.测试", &[Protocol::Smtp]).unwrap();
        assert_eq!(t.endpoints.len(), 3);
        assert!(t.endpoints[0].host.starts_with("xn--"));
    }
}
