//! From what the user typed to the endpoints to probe.
//!
//! `mailconf probe` (and the app's Test connection) accept a provider id (`163`),
//! a domain (`qq.com`), an address (`用户@qq.com`) or a plain host name
//! (`mail.example.com`). A provider from the database contributes its preferred
//! host per protocol, probed on every standard way in (POP3 110 plain / 110 STLS /
//! 995, IMAP 143 / 993, SMTP 25 / 587 / 465), plus any other server it lists
//! (such as NetEase's SMTP on 994). An address whose domain the database does not
//! know goes through discovery (MX, autoconfig, SRV, guessing) when the caller
//! allows the network; a bare name the database does not know is probed as a host.

use super::report::Endpoint;
use crate::discover::Discovery;
use crate::providers::{Address, Database, Protocol, Provider, Server};

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
        provenance: crate::server_text::ServerText,
    },
    /// The name itself is probed as a host.
    Host,
}

/// The resolved target.
#[derive(Debug, Clone)]
pub struct Target {
    /// What to probe, in display order.
    pub endpoints: Vec<Endpoint>,
    /// Where they came from.
    pub source: TargetSource,
    /// The provider entry, when the database (or discovery via MX) named one.
    pub provider: Option<Provider>,
    /// The address, when one was given.
    pub address: Option<Address>,
}

/// Why a target cannot be probed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// Malformed address or host name.
    #[error("{0}")]
    Invalid(String),
    /// The provider is gone.
    #[error("{name} was discontinued in {year}; there is nothing to probe")]
    Discontinued {
        /// Provider name.
        name: String,
        /// Year it closed.
        year: u16,
    },
    /// Discovery found nothing for the address.
    #[error("no settings found for {domain}: {message}")]
    NotFound {
        /// The domain.
        domain: String,
        /// What discovery said (escaped).
        message: crate::server_text::ServerText,
    },
}

fn standard_ports(protocol: Protocol, host: &str) -> Vec<Endpoint> {
    Endpoint::standard_set(host)
        .into_iter()
        .filter(|e| e.protocol == protocol)
        .collect()
}

/// Endpoints for a list of servers: the first host of each protocol on every
/// standard way in, then every other listed (host, port, security) not yet covered.
pub fn endpoints_for_servers<'a>(
    servers: impl IntoIterator<Item = &'a Server> + Clone,
    domain: Option<&str>,
    only: &[Protocol],
) -> Vec<Endpoint> {
    let host_of = |s: &Server| domain.map_or_else(|| s.host.clone(), |d| s.host_for(d));
    let mut out: Vec<Endpoint> = Vec::new();
    for protocol in [Protocol::Pop3, Protocol::Imap, Protocol::Smtp] {
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
        for e in standard_ports(protocol, &host_of(first)) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        // Other listed servers; a listed plaintext port already probed (SMTP 25
        // reports plaintext when STARTTLS is missing) adds nothing.
        for s in std::iter::once(first).chain(of_protocol) {
            let e = Endpoint::new(protocol, &host_of(s), s.port, s.security);
            let covered = out
                .iter()
                .any(|o| o.protocol == e.protocol && o.host == e.host && o.port == e.port);
            let redundant = covered && e.security == crate::providers::Security::Plain;
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

fn from_provider(
    p: &Provider,
    address: Option<Address>,
    domain: Option<&str>,
    only: &[Protocol],
) -> Result<Target, TargetError> {
    if let crate::providers::Status::Discontinued { year, .. } = p.status
        && p.incoming.is_empty()
        && p.outgoing.is_empty()
    {
        return Err(TargetError::Discontinued {
            name: p.name.en.clone(),
            year,
        });
    }
    Ok(Target {
        endpoints: endpoints_for_provider(p, domain, only),
        source: TargetSource::Database {
            provider_id: p.id.clone(),
        },
        provider: Some(p.clone()),
        address,
    })
}

/// Resolves what the user typed. `discover` is called for an address whose domain
/// the database does not know; pass `None` to stay offline (the domain is then
/// probed as a host).
pub fn resolve(
    target: &str,
    only: &[Protocol],
    db: &Database,
    discover: Option<&dyn Fn(&Address) -> Discovery>,
) -> Result<Target, TargetError> {
    let t = target.trim();
    if t.contains('@') || t.contains('\u{FF20}') {
        let address = Address::parse(t).map_err(|e| TargetError::Invalid(e.to_string()))?;
        if let Some((entry, _, _)) = db.by_domain(&address.domain) {
            let domain = address.domain.clone();
            return from_provider(&entry.provider, Some(address), Some(&domain), only);
        }
        if let Some(discover) = discover {
            let d = discover(&address);
            return match &d.best {
                Some(best) => {
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
                    Ok(Target {
                        endpoints: endpoints_for_servers(&servers, Some(&address.domain), only),
                        source: TargetSource::Discovered {
                            provenance: best.provenance.clone(),
                        },
                        provider,
                        address: Some(address),
                    })
                }
                None => Err(TargetError::NotFound {
                    domain: d.domain_unicode.clone(),
                    message: d.message.clone(),
                }),
            };
        }
        let host = address.domain.clone();
        return Ok(Target {
            endpoints: Endpoint::standard_set(&host)
                .into_iter()
                .filter(|e| only.is_empty() || only.contains(&e.protocol))
                .collect(),
            source: TargetSource::Host,
            provider: None,
            address: Some(address),
        });
    }
    // A provider id or a domain the database knows.
    if let Ok(m) = db.lookup(t) {
        let domain = m.domain.clone();
        return from_provider(&m.entry.provider, None, domain.as_deref(), only);
    }
    // Otherwise a host name or an IP address.
    let host = if t.parse::<std::net::IpAddr>().is_ok() {
        t.to_owned()
    } else {
        crate::providers::address::normalize_domain(t)
            .map_err(|e| TargetError::Invalid(format!("{t:?}: {e}")))?
    };
    Ok(Target {
        endpoints: Endpoint::standard_set(&host)
            .into_iter()
            .filter(|e| only.is_empty() || only.contains(&e.protocol))
            .collect(),
        source: TargetSource::Host,
        provider: None,
        address: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::Security;

    #[test]
    fn provider_gets_every_way_in_plus_its_own_ports() {
        let db = Database::bundled();
        let t = resolve("alice@163.com", &[], db, None).unwrap();
        let has = |p, host: &str, port, s| t.endpoints.contains(&Endpoint::new(p, host, port, s));
        assert!(has(Protocol::Pop3, "pop.163.com", 110, Security::Plain));
        assert!(has(Protocol::Pop3, "pop.163.com", 110, Security::Starttls));
        assert!(has(Protocol::Pop3, "pop.163.com", 995, Security::Tls));
        assert!(has(Protocol::Imap, "imap.163.com", 993, Security::Tls));
        assert!(has(Protocol::Smtp, "smtp.163.com", 25, Security::Starttls));
        assert!(
            has(Protocol::Smtp, "smtp.163.com", 994, Security::Tls),
            "{:?}",
            t.endpoints
        );
        assert_eq!(
            t.source,
            TargetSource::Database {
                provider_id: "163".into()
            }
        );
        let only = resolve("163", &[Protocol::Smtp], db, None).unwrap();
        assert!(only.endpoints.iter().all(|e| e.protocol == Protocol::Smtp));
    }

    #[test]
    fn unknown_names_are_hosts_and_bad_input_is_named() {
        let db = Database::bundled();
        let t = resolve("mail.test.mailconf", &[], db, None).unwrap();
        assert_eq!(t.source, TargetSource::Host);
        assert_eq!(t.endpoints.len(), 8);
        assert!(matches!(
            resolve("alice@", &[], db, None),
            Err(TargetError::Invalid(_))
        ));
        assert!(matches!(
            resolve("bad_host!", &[], db, None),
            Err(TargetError::Invalid(_))
        ));
        assert!(matches!(
            resolve("etang.com", &[], db, None),
            Err(TargetError::Discontinued { .. })
        ));
    }
}
