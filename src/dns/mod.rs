//! DNS lookups for discovery: MX, SRV and addresses, behind one small trait.
//!
//! hickory-resolver changes its API from release to release, so it is wrapped here
//! once and nowhere else: the rest of mailconf sees [`Resolver`], plain record
//! structs ([`Mx`], [`Srv`]) and one error type ([`DnsError`]) whose variants say
//! what a user needs to know: the name has no such records, the DNS server cannot
//! be reached, the lookup ran out of time, or something else went wrong.
//!
//! Every lookup takes a deadline. An unreachable server fails fast: hickory sends
//! UDP from an unconnected socket, which never hears the ICMP "port unreachable"
//! a closed port answers with, so it would wait for its timeout. Each
//! [`HickoryResolver`] therefore checks once, with a connected socket, that its
//! servers answer at all, and every lookup returns the moment that check fails.

use hickory_resolver::config::{
    LookupIpStrategy, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::op::{Message, Query, ResponseCode};
use hickory_resolver::proto::rr::{Name, RData, RecordType};
use hickory_resolver::{Resolver as HickoryInner, TokioResolver};
use serde::Serialize;
use std::fmt;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;
use tokio::time::Instant;

/// A boxed, sendable future: what the object-safe traits of discovery return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One MX record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Mx {
    /// Lower is preferred.
    pub preference: u16,
    /// The mail exchanger's host name (lowercase, no trailing dot).
    pub exchange: String,
}

/// One SRV record (RFC 2782).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Srv {
    /// Lower is preferred.
    pub priority: u16,
    /// Relative weight among records of the same priority.
    pub weight: u16,
    /// TCP port.
    pub port: u16,
    /// Target host (lowercase, no trailing dot); `.` means "not offered here".
    pub target: String,
}

/// Why a DNS server could not be asked ([`DnsError::Unreachable`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ServerProblem {
    /// The connection was refused: nothing answers DNS on that address and port.
    Refused,
    /// No answer before the deadline.
    NoAnswer {
        /// The deadline, in milliseconds.
        ms: u128,
    },
    /// What the operating system or the DNS library said (verbatim).
    Other(String),
}

impl ServerProblem {
    /// The problems in English (the error's `Display`, the JSON).
    pub fn english(problems: &[ServerProblem]) -> String {
        problems
            .iter()
            .map(|p| match p {
                ServerProblem::Refused => {
                    "connection refused (nothing answers DNS on that address and port)".to_owned()
                }
                ServerProblem::NoAnswer { ms } => format!("no answer within {ms} ms"),
                ServerProblem::Other(s) => s.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Why a DNS lookup gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DnsError {
    /// The name does not exist (NXDOMAIN), or has no records of this type.
    #[error("{name} has no {rtype} records{}", if *.nxdomain { " (the name does not exist)" } else { "" })]
    NotFound {
        /// The name looked up.
        name: String,
        /// The record type, e.g. `MX`.
        rtype: &'static str,
        /// Whether the server said the name does not exist at all.
        nxdomain: bool,
    },
    /// The DNS server could not be reached at all.
    #[error("the DNS server {server} is unreachable: {}", ServerProblem::english(.problems))]
    Unreachable {
        /// The server(s), e.g. `127.0.0.1:53`.
        server: String,
        /// What happened, per server tried (sorted, each once).
        problems: Vec<ServerProblem>,
    },
    /// The lookup did not finish before its deadline.
    #[error("the DNS lookup of {name} ({rtype}) ran out of time")]
    Timeout {
        /// The name looked up.
        name: String,
        /// The record type.
        rtype: &'static str,
    },
    /// The server answered with an error, or the answer could not be used.
    #[error("the DNS lookup of {name} ({rtype}) failed: {detail}")]
    Failed {
        /// The name looked up.
        name: String,
        /// The record type.
        rtype: &'static str,
        /// What went wrong.
        detail: String,
    },
    /// The resolver could not be set up (unreadable `/etc/resolv.conf`, bad address).
    #[error("cannot set up DNS: {0}")]
    Config(String),
    /// A DNS server given by the user (`--dns`) is not `IP` or `IP:PORT`.
    #[error(
        "{0:?} is not a DNS server address: use IP or IP:PORT, e.g. 127.0.0.1:5353 or [::1]:53"
    )]
    ServerAddress(String),
}

impl DnsError {
    /// The name has no records of the type asked for (including NXDOMAIN).
    pub fn is_not_found(&self) -> bool {
        matches!(self, DnsError::NotFound { .. })
    }

    /// The DNS server itself could not be reached.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, DnsError::Unreachable { .. })
    }

    /// The deadline passed first.
    pub fn is_timeout(&self) -> bool {
        matches!(self, DnsError::Timeout { .. })
    }
}

/// The lookups discovery needs. Object-safe, so discovery can hold an
/// `Arc<dyn Resolver>` and tests can pass their own.
pub trait Resolver: Send + Sync + fmt::Debug {
    /// MX records of `domain` (ASCII/punycode), sorted by preference.
    fn mx<'a>(
        &'a self,
        domain: &'a str,
        deadline: Instant,
    ) -> BoxFuture<'a, Result<Vec<Mx>, DnsError>>;

    /// SRV records of `name` (e.g. `_imaps._tcp.example.com`), sorted by priority,
    /// then by weight (heaviest first).
    fn srv<'a>(
        &'a self,
        name: &'a str,
        deadline: Instant,
    ) -> BoxFuture<'a, Result<Vec<Srv>, DnsError>>;

    /// IPv4 and IPv6 addresses of `host`, IPv4 first.
    fn ips<'a>(
        &'a self,
        host: &'a str,
        deadline: Instant,
    ) -> BoxFuture<'a, Result<Vec<IpAddr>, DnsError>>;

    /// Which servers this resolver asks, for messages (`127.0.0.1:5353`).
    fn describe(&self) -> String;
}

/// The resolver the CLI and the app use: the server `dns` when given
/// (`--dns`), otherwise the system's configuration.
pub fn resolver_for(
    dns: Option<std::net::SocketAddr>,
    opts: DnsOptions,
) -> Result<Arc<dyn Resolver>, DnsError> {
    Ok(match dns {
        Some(addr) => Arc::new(HickoryResolver::with_server(addr, opts)?),
        None => Arc::new(HickoryResolver::system(opts)?),
    })
}

/// Tunables of [`HickoryResolver`].
#[derive(Debug, Clone, Copy)]
pub struct DnsOptions {
    /// How long one query waits for an answer before retrying.
    pub query_timeout: Duration,
    /// How often a query is sent before giving up.
    pub attempts: usize,
}

impl Default for DnsOptions {
    fn default() -> Self {
        Self {
            query_timeout: Duration::from_secs(3),
            attempts: 2,
        }
    }
}

/// [`Resolver`] over hickory-resolver (UDP with TCP fallback).
#[derive(Clone)]
pub struct HickoryResolver {
    inner: TokioResolver,
    servers: Arc<[SocketAddr]>,
    label: String,
    query_timeout: Duration,
    reachable: Arc<OnceCell<Result<(), DnsError>>>,
}

impl fmt::Debug for HickoryResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HickoryResolver")
            .field("servers", &self.label)
            .finish()
    }
}

impl HickoryResolver {
    /// The system's configuration (`/etc/resolv.conf` on Unix), hosts file included.
    pub fn system(opts: DnsOptions) -> Result<Self, DnsError> {
        let (config, mut options) =
            hickory_resolver::system_conf::read_system_conf().map_err(|e| {
                DnsError::Config(format!("cannot read the system DNS configuration: {e}"))
            })?;
        options.timeout = opts.query_timeout;
        options.attempts = opts.attempts;
        options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
        let servers: Vec<SocketAddr> = config
            .name_servers()
            .iter()
            .filter_map(|ns| {
                ns.connections
                    .first()
                    .map(|c| SocketAddr::new(ns.ip, c.port))
            })
            .collect();
        if servers.is_empty() {
            return Err(DnsError::Config(
                "the system DNS configuration names no server".into(),
            ));
        }
        Self::build(config, options, servers, opts)
    }

    /// Asks only the server at `addr`, over UDP and TCP; never the system
    /// configuration or the hosts file.
    pub fn with_server(addr: SocketAddr, opts: DnsOptions) -> Result<Self, DnsError> {
        let mut ns = NameServerConfig::udp_and_tcp(addr.ip());
        for c in &mut ns.connections {
            c.port = addr.port();
        }
        ns.trust_negative_responses = true;
        let config = ResolverConfig::from_name_servers(vec![ns]);
        let mut options = ResolverOpts::default();
        options.timeout = opts.query_timeout;
        options.attempts = opts.attempts;
        options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
        options.use_hosts_file = ResolveHosts::Never;
        options.try_tcp_on_error = true;
        options.ndots = 0;
        Self::build(config, options, vec![addr], opts)
    }

    fn build(
        config: ResolverConfig,
        options: ResolverOpts,
        servers: Vec<SocketAddr>,
        opts: DnsOptions,
    ) -> Result<Self, DnsError> {
        let inner = HickoryInner::builder_with_config(config, TokioRuntimeProvider::default())
            .with_options(options)
            .build()
            .map_err(|e| DnsError::Config(e.to_string()))?;
        let label = servers
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Self {
            inner,
            servers: servers.into(),
            label,
            query_timeout: opts.query_timeout,
            reachable: Arc::new(OnceCell::new()),
        })
    }

    /// Whether at least one server answers at all (checked once, then remembered).
    pub async fn check_reachable(&self) -> Result<(), DnsError> {
        self.reachable
            .get_or_init(|| {
                probe_servers(self.servers.clone(), self.label.clone(), self.query_timeout)
            })
            .await
            .clone()
    }

    /// Runs one hickory lookup under `deadline`, returning early when the server
    /// turns out to be unreachable.
    async fn run<T>(
        &self,
        name: &str,
        rtype: &'static str,
        deadline: Instant,
        lookup: impl Future<Output = Result<T, NetError>>,
    ) -> Result<T, DnsError> {
        let checked = self.check_reachable();
        tokio::select! {
            biased;
            r = tokio::time::timeout_at(deadline, lookup) => match r {
                Err(_) => Err(DnsError::Timeout { name: name.to_owned(), rtype }),
                Ok(Ok(v)) => Ok(v),
                Ok(Err(e)) => Err(self.map_error(name, rtype, &e).await),
            },
            Err(e) = checked => Err(e),
        }
    }

    async fn map_error(&self, name: &str, rtype: &'static str, e: &NetError) -> DnsError {
        if let NetError::Dns(hickory_resolver::net::DnsError::NoRecordsFound(nr)) = e {
            return match nr.response_code {
                ResponseCode::NoError | ResponseCode::NXDomain => DnsError::NotFound {
                    name: name.to_owned(),
                    rtype,
                    nxdomain: nr.response_code == ResponseCode::NXDomain,
                },
                code => DnsError::Failed {
                    name: name.to_owned(),
                    rtype,
                    detail: format!("the server answered {code}"),
                },
            };
        }
        match e {
            NetError::Timeout | NetError::NoConnections | NetError::Io(_) => {
                // Transport trouble: say whether the server answers at all.
                if let Err(unreachable) = self.check_reachable().await {
                    return unreachable;
                }
                if matches!(e, NetError::Timeout) {
                    return DnsError::Timeout {
                        name: name.to_owned(),
                        rtype,
                    };
                }
                DnsError::Failed {
                    name: name.to_owned(),
                    rtype,
                    detail: e.to_string(),
                }
            }
            _ => DnsError::Failed {
                name: name.to_owned(),
                rtype,
                detail: e.to_string(),
            },
        }
    }
}

fn fqdn(name: &str) -> Result<Name, DnsError> {
    let n = format!("{}.", name.trim_end_matches('.'));
    Name::from_ascii(&n).map_err(|e| DnsError::Failed {
        name: name.to_owned(),
        rtype: "name",
        detail: format!("not a valid DNS name: {e}"),
    })
}

fn host_of(name: &Name) -> String {
    name.to_ascii().trim_end_matches('.').to_ascii_lowercase()
}

impl Resolver for HickoryResolver {
    fn mx<'a>(
        &'a self,
        domain: &'a str,
        deadline: Instant,
    ) -> BoxFuture<'a, Result<Vec<Mx>, DnsError>> {
        Box::pin(async move {
            let name = fqdn(domain)?;
            let lookup = self
                .run(
                    domain,
                    "MX",
                    deadline,
                    self.inner.lookup(name, RecordType::MX),
                )
                .await?;
            let mut v: Vec<Mx> = lookup
                .answers()
                .iter()
                .filter_map(|r| match &r.data {
                    RData::MX(mx) => Some(Mx {
                        preference: mx.preference,
                        exchange: host_of(&mx.exchange),
                    }),
                    _ => None,
                })
                .collect();
            v.sort_by(|a, b| {
                a.preference
                    .cmp(&b.preference)
                    .then_with(|| a.exchange.cmp(&b.exchange))
            });
            v.dedup();
            if v.is_empty() {
                return Err(DnsError::NotFound {
                    name: domain.to_owned(),
                    rtype: "MX",
                    nxdomain: false,
                });
            }
            Ok(v)
        })
    }

    fn srv<'a>(
        &'a self,
        name: &'a str,
        deadline: Instant,
    ) -> BoxFuture<'a, Result<Vec<Srv>, DnsError>> {
        Box::pin(async move {
            let n = fqdn(name)?;
            let lookup = self
                .run(name, "SRV", deadline, self.inner.lookup(n, RecordType::SRV))
                .await?;
            let mut v: Vec<Srv> = lookup
                .answers()
                .iter()
                .filter_map(|r| match &r.data {
                    RData::SRV(s) => Some(Srv {
                        priority: s.priority,
                        weight: s.weight,
                        port: s.port,
                        target: {
                            let t = host_of(&s.target);
                            if t.is_empty() { ".".to_owned() } else { t }
                        },
                    }),
                    _ => None,
                })
                .collect();
            v.sort_by(|a, b| {
                a.priority
                    .cmp(&b.priority)
                    .then_with(|| b.weight.cmp(&a.weight))
            });
            if v.is_empty() {
                return Err(DnsError::NotFound {
                    name: name.to_owned(),
                    rtype: "SRV",
                    nxdomain: false,
                });
            }
            Ok(v)
        })
    }

    fn ips<'a>(
        &'a self,
        host: &'a str,
        deadline: Instant,
    ) -> BoxFuture<'a, Result<Vec<IpAddr>, DnsError>> {
        Box::pin(async move {
            if let Ok(ip) = host.parse::<IpAddr>() {
                return Ok(vec![ip]);
            }
            let n = fqdn(host)?;
            let lookup = self
                .run(host, "A/AAAA", deadline, self.inner.lookup_ip(n))
                .await?;
            let mut v: Vec<IpAddr> = lookup.iter().collect();
            v.sort_by_key(|ip| ip.is_ipv6());
            v.dedup();
            if v.is_empty() {
                return Err(DnsError::NotFound {
                    name: host.to_owned(),
                    rtype: "A/AAAA",
                    nxdomain: false,
                });
            }
            Ok(v)
        })
    }

    fn describe(&self) -> String {
        self.label.clone()
    }
}

/// Sends one small query (`. NS`) to every server from a connected UDP socket,
/// so a closed port is reported at once ("connection refused") instead of after
/// the query timeout. Any well-formed answer, even REFUSED, means "reachable".
async fn probe_servers(
    servers: Arc<[SocketAddr]>,
    label: String,
    wait: Duration,
) -> Result<(), DnsError> {
    let mut set = tokio::task::JoinSet::new();
    for s in servers.iter().copied() {
        set.spawn(probe_one(s, wait));
    }
    let mut problems = Vec::new();
    while let Some(r) = set.join_next().await {
        match r {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(d)) => problems.push(d),
            Err(e) => problems.push(ServerProblem::Other(e.to_string())),
        }
    }
    problems.sort();
    problems.dedup();
    Err(DnsError::Unreachable {
        server: label,
        problems,
    })
}

async fn probe_one(server: SocketAddr, wait: Duration) -> Result<(), ServerProblem> {
    let bind: SocketAddr = if server.is_ipv4() {
        (Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let sock = tokio::net::UdpSocket::bind(bind)
        .await
        .map_err(|e| ServerProblem::Other(format!("cannot open a UDP socket: {e}")))?;
    sock.connect(server).await.map_err(|e| describe_io(&e))?;
    let mut msg = Message::query();
    msg.add_query(Query::query(Name::root(), RecordType::NS));
    msg.metadata.recursion_desired = true;
    let id = msg.metadata.id;
    let bytes = msg
        .to_vec()
        .map_err(|e| ServerProblem::Other(e.to_string()))?;
    let exchange = async {
        sock.send(&bytes).await.map_err(|e| describe_io(&e))?;
        let mut buf = [0u8; 4096];
        loop {
            let n = sock.recv(&mut buf).await.map_err(|e| describe_io(&e))?;
            // Anything that parses as a reply to our query will do.
            if let Ok(reply) = Message::from_vec(&buf[..n])
                && reply.metadata.id == id
            {
                return Ok(());
            }
        }
    };
    match tokio::time::timeout(wait, exchange).await {
        Ok(r) => r,
        Err(_) => Err(ServerProblem::NoAnswer {
            ms: wait.as_millis(),
        }),
    }
}

fn describe_io(e: &std::io::Error) -> ServerProblem {
    match e.kind() {
        std::io::ErrorKind::ConnectionRefused => ServerProblem::Refused,
        _ => ServerProblem::Other(e.to_string()),
    }
}

/// Parses `--dns` values: `IP` (port 53), `IP:PORT` or `[IPv6]:PORT`.
pub fn parse_server(s: &str) -> Result<SocketAddr, DnsError> {
    let s = s.trim();
    if let Ok(addr) = s.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = s
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(DnsError::ServerAddress(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_server_addresses() {
        assert_eq!(parse_server("127.0.0.1:5353").unwrap().port(), 5353);
        assert_eq!(parse_server("127.0.0.1").unwrap().port(), 53);
        assert_eq!(parse_server("[::1]:54").unwrap().port(), 54);
        assert_eq!(parse_server("::1").unwrap().port(), 53);
        assert!(parse_server("dns.example.com:53").is_err());
    }

    #[tokio::test]
    async fn closed_port_is_unreachable_at_once() {
        // Bind and drop to find a port nothing listens on.
        let port = {
            let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
            s.local_addr().unwrap().port()
        };
        let r = HickoryResolver::with_server(
            SocketAddr::from(([127, 0, 0, 1], port)),
            DnsOptions {
                query_timeout: Duration::from_secs(30),
                attempts: 1,
            },
        )
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        let e = r.mx("example.test", deadline).await.unwrap_err();
        assert!(e.is_unreachable(), "{e}");
        assert!(e.to_string().contains("connection refused"), "{e}");
    }
}
