//! What discovery tells people, as facts with their parameters: where a
//! finding came from ([`Note`] as provenance), why a source found nothing or
//! failed, why an answer was not used. Each is rendered from the message
//! catalog in the reader's language ([`Note::text`]); the JSON carries the
//! English rendering (`docs/discover-json.md`), so its shape, a string, is
//! unchanged. Host names, URLs, numbers and text from servers or the system
//! are parameters, shown as they are.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::DiscoverError;
use crate::dns::DnsError;
use crate::i18n::Lang;
use crate::i18n::msg;
use crate::providers::Localized;
use crate::server_text::ServerText;

/// One thing discovery says, before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    // --- Where a finding or a candidate came from.
    /// The database matched the domain (or a parent domain).
    Database {
        /// The domain that matched.
        matched: String,
        /// The provider's name, in the database's three languages.
        provider: Localized,
        /// Matched through a parent domain.
        parent: bool,
    },
    /// An MX host matched a provider.
    Mx {
        /// The MX host.
        exchange: String,
        /// The provider's name, in the database's three languages.
        provider: Localized,
    },
    /// An autoconfig document: the place asked (`autoconfig.example.com`,
    /// `example.com/.well-known/autoconfig`, `ISPDB example.com`).
    Place(String),
    /// A place asked over plain HTTP.
    PlainHttp(String),
    /// An HTTPS place whose document came over plain HTTP after a redirect.
    RedirectedToHttp(Box<Note>),
    /// The ISPDB, asked for the base domain of the MX host.
    IspdbByMx {
        /// The base domain asked.
        domain: String,
        /// The MX host it came from.
        exchange: String,
    },
    /// One SRV service label (`_imaps`).
    SrvLabel(&'static str),
    /// The SRV records of a domain.
    SrvRecords(String),
    /// A standard host name that answered like a mail server.
    Guessed,

    // --- Why a source found nothing.
    /// The database has no entry.
    NoDatabaseEntry(String),
    /// No MX record had a valid host name.
    NoUsableMx,
    /// The domain has no MX records (for the ISPDB-by-MX source).
    NoMx,
    /// No MX host belongs to a provider the database knows.
    MxMatchesNothing(String),
    /// The MX host has no registrable domain.
    MxNoBaseDomain(String),
    /// The MX host is inside the domain itself (the ISPDB was asked already).
    MxInsideDomain(String),
    /// The document is not there (HTTP 404 or 410).
    Missing {
        /// The URL asked.
        url: String,
        /// The status.
        status: u16,
    },
    /// No SRV record at all.
    NoUsableSrv(String),
    /// Every SRV record was ignored (see the ignored answers).
    EverySrvIgnored(String),
    /// None of the standard host names resolves.
    NoGuessResolves(String),
    /// Standard names resolved, none answered like a mail server.
    GuessesUnanswered {
        /// How many were checked.
        count: usize,
        /// The first few: `host:port` and what the check said.
        failures: Vec<(String, Note)>,
    },
    /// Cancelled; `decided` when a more trusted source had answered.
    Cancelled {
        /// A more trusted source had answered.
        decided: bool,
    },
    /// Still running when the shared deadline passed.
    StillRunning,
    /// A DNS error that means "nothing here" or "could not ask".
    Dns(DnsError),
    /// The source could not be asked.
    Failed(DiscoverError),

    // --- Why an answer was not used.
    /// An SRV target outside the domain that the database does not know.
    SrvOutside {
        /// The target.
        target: String,
        /// The domain.
        domain: String,
    },
    /// More servers of one protocol than a finding may hold.
    TooManyOfProtocol {
        /// The cap.
        max: usize,
        /// `IMAP`, `POP3`, `SMTP`.
        protocol: &'static str,
    },
    /// More servers than a finding may hold.
    TooMany {
        /// The cap.
        max: usize,
    },
    /// The rest of a long list of servers (what was not used).
    MoreServers(usize),
    /// Why the rest was not probed.
    TooManyServers,
    /// The live check did not finish before discovery's deadline.
    ProbeUnfinished,

    // --- The overall answer (`Discovery::message`).
    /// Found, by this provenance.
    FoundBy(Box<Note>),
    /// Nothing found, because of this.
    NothingFound {
        /// The domain, for display.
        domain: String,
        /// Why.
        why: Box<Note>,
    },
    /// Nothing found before the deadline.
    NothingBeforeDeadline {
        /// The domain, for display.
        domain: String,
        /// The deadline in seconds.
        secs: String,
    },
    /// Every source answered, none had settings.
    NothingAnswered(String),
    /// No source had settings, some could not be asked.
    NothingSomeFailed {
        /// The domain, for display.
        domain: String,
        /// How many could not be asked.
        failed: usize,
    },

    // --- Words made elsewhere.
    /// Text from a server, a document or the system, shown as it is.
    Verbatim(ServerText),
    /// Words already rendered from the catalog in every language (in
    /// [`Lang::ALL`] order) by the layer that has the facts: a live check's
    /// summary, why a provider reader refused a host name or a link ([`Note::each`]).
    Localized(Box<[ServerText; 3]>),
}

impl From<ServerText> for Note {
    fn from(t: ServerText) -> Self {
        Note::Verbatim(t)
    }
}

impl From<&str> for Note {
    fn from(t: &str) -> Self {
        Note::Verbatim(ServerText::new(t))
    }
}

impl Note {
    /// A note rendered by `render` in every language (escaped: its values may
    /// come from the network).
    pub fn each(render: impl Fn(Lang) -> String) -> Note {
        Note::Localized(Box::new(Lang::ALL.map(|l| ServerText::new(&render(l)))))
    }

    /// The note in `lang`, escaped (parameters may come from the network).
    pub fn text(&self, lang: Lang) -> ServerText {
        match self {
            Note::Verbatim(t) => t.clone(),
            Note::Localized(all) => {
                let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
                all[i].clone()
            }
            other => ServerText::new(&other.words(lang)),
        }
    }

    /// The English words: what the JSON carries.
    pub fn english(&self) -> ServerText {
        self.text(Lang::En)
    }

    fn words(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Note::Database {
                matched,
                provider,
                parent: false,
            } => msg!(
                l,
                "prov-database",
                matched = matched.as_str(),
                provider = provider.get(l)
            ),
            Note::Database {
                matched,
                provider,
                parent: true,
            } => msg!(
                l,
                "prov-database-parent",
                matched = matched.as_str(),
                provider = provider.get(l)
            ),
            Note::Mx { exchange, provider } => msg!(
                l,
                "prov-mx",
                exchange = exchange.as_str(),
                provider = provider.get(l)
            ),
            Note::Place(place) => msg!(l, "prov-place", place = place.as_str()),
            Note::PlainHttp(place) => msg!(l, "prov-plain-http", place = place.as_str()),
            Note::RedirectedToHttp(place) => {
                msg!(l, "prov-redirected", place = place.text(l).to_string())
            }
            Note::IspdbByMx { domain, exchange } => msg!(
                l,
                "prov-ispdb-mx",
                domain = domain.as_str(),
                exchange = exchange.as_str()
            ),
            Note::SrvLabel(label) => msg!(l, "prov-srv", label = *label),
            Note::SrvRecords(domain) => msg!(l, "prov-srv-records", domain = domain.as_str()),
            Note::Guessed => msg!(l, "prov-guessed"),
            Note::NoDatabaseEntry(domain) => {
                msg!(l, "src-no-database-entry", domain = domain.as_str())
            }
            Note::NoUsableMx => msg!(l, "src-no-usable-mx"),
            Note::NoMx => msg!(l, "src-no-mx"),
            Note::MxMatchesNothing(hosts) => {
                msg!(l, "src-mx-matches-nothing", hosts = hosts.as_str())
            }
            Note::MxNoBaseDomain(exchange) => {
                msg!(l, "src-mx-no-base-domain", exchange = exchange.as_str())
            }
            Note::MxInsideDomain(exchange) => {
                msg!(l, "src-mx-inside-domain", exchange = exchange.as_str())
            }
            Note::Missing { url, status } => {
                msg!(
                    l,
                    "src-missing",
                    url = url.as_str(),
                    status = status.to_string()
                )
            }
            Note::NoUsableSrv(domain) => msg!(l, "src-no-usable-srv", domain = domain.as_str()),
            Note::EverySrvIgnored(domain) => {
                msg!(l, "src-every-srv-ignored", domain = domain.as_str())
            }
            Note::NoGuessResolves(domain) => {
                msg!(l, "src-no-guess-resolves", domain = domain.as_str())
            }
            Note::GuessesUnanswered { count, failures } => {
                let mut shown: Vec<String> = failures
                    .iter()
                    .take(3)
                    .map(|(place, why)| {
                        msg!(
                            l,
                            "src-guess-failure",
                            place = place.as_str(),
                            detail = why.text(l).to_string()
                        )
                    })
                    .collect();
                if failures.len() > 3 {
                    shown.push("…".to_owned());
                }
                msg!(
                    l,
                    "src-guesses-unanswered",
                    count = *count,
                    failures = shown.join(&msg!(l, "list-separator"))
                )
            }
            Note::Cancelled { decided: true } => msg!(l, "src-cancelled-decided"),
            Note::Cancelled { decided: false } => msg!(l, "src-cancelled"),
            Note::StillRunning => msg!(l, "src-still-running"),
            Note::Dns(e) => dns_error_text(e, l),
            Note::Failed(e) => discover_error_text(e, l),
            Note::SrvOutside { target, domain } => msg!(
                l,
                "ign-srv-outside",
                target = target.as_str(),
                domain = domain.as_str()
            ),
            Note::TooManyOfProtocol { max, protocol } => msg!(
                l,
                "ign-too-many-of-protocol",
                max = *max,
                protocol = *protocol
            ),
            Note::TooMany { max } => msg!(l, "ign-too-many", max = *max),
            Note::MoreServers(n) => msg!(l, "ign-more-servers", count = *n),
            Note::TooManyServers => msg!(l, "ign-too-many-servers"),
            Note::ProbeUnfinished => msg!(l, "verify-unfinished"),
            Note::FoundBy(p) => msg!(l, "found-by", provenance = p.text(l).to_string()),
            Note::NothingFound { domain, why } => msg!(
                l,
                "nothing-found-because",
                domain = domain.as_str(),
                why = why.text(l).to_string()
            ),
            Note::NothingBeforeDeadline { domain, secs } => msg!(
                l,
                "nothing-found-deadline",
                domain = domain.as_str(),
                secs = secs.as_str()
            ),
            Note::NothingAnswered(domain) => {
                msg!(l, "nothing-found-answered", domain = domain.as_str())
            }
            Note::NothingSomeFailed { domain, failed } => msg!(
                l,
                "nothing-found-some-failed",
                domain = domain.as_str(),
                failed = *failed
            ),
            Note::Verbatim(t) => t.to_string(),
            Note::Localized(_) => self.text(l).to_string(),
        }
    }
}

/// A DNS error in `lang`.
pub fn dns_error_text(e: &DnsError, lang: Lang) -> String {
    let l = lang;
    match e {
        DnsError::NotFound {
            name,
            rtype,
            nxdomain: true,
        } => msg!(l, "dns-no-such-name", name = name.as_str(), rtype = *rtype),
        DnsError::NotFound {
            name,
            rtype,
            nxdomain: false,
        } => msg!(l, "dns-no-records", name = name.as_str(), rtype = *rtype),
        DnsError::Unreachable { server, problems } => msg!(
            l,
            "with-detail",
            sentence = msg!(l, "dns-unreachable", server = server.as_str()),
            detail = problems
                .iter()
                .map(|p| match p {
                    crate::dns::ServerProblem::Refused => msg!(l, "dns-server-refused"),
                    crate::dns::ServerProblem::NoAnswer { ms } => {
                        msg!(l, "dns-server-no-answer", ms = ms.to_string())
                    }
                    crate::dns::ServerProblem::Other(s) => s.clone(),
                })
                .collect::<Vec<_>>()
                .join(&msg!(l, "list-separator"))
        ),
        DnsError::Timeout { name, rtype } => {
            msg!(l, "dns-timeout", name = name.as_str(), rtype = *rtype)
        }
        DnsError::Failed {
            name,
            rtype,
            detail,
        } => msg!(
            l,
            "with-detail",
            sentence = msg!(l, "dns-failed", name = name.as_str(), rtype = *rtype),
            detail = detail.as_str()
        ),
        DnsError::Config(detail) => msg!(
            l,
            "with-detail",
            sentence = msg!(l, "dns-config"),
            detail = detail.as_str()
        ),
        DnsError::ServerAddress(value) => msg!(
            l,
            "dns-server-address",
            value = value.as_str(),
            shape = "IP:PORT",
            example = "127.0.0.1:5353",
            example6 = "[::1]:53"
        ),
    }
}

/// Why a source could not be asked, in `lang`.
pub fn discover_error_text(e: &DiscoverError, lang: Lang) -> String {
    let l = lang;
    let at = |url: &str, sentence: String| msg!(l, "at-url", url = url, sentence = sentence);
    match e {
        DiscoverError::Dns(d) => dns_error_text(d, l),
        DiscoverError::Http { url, detail } => at(url, detail.clone()),
        DiscoverError::Connect {
            url,
            target,
            detail,
        } => at(
            url,
            msg!(
                l,
                "with-detail",
                sentence = msg!(l, "http-cannot-connect", target = target.as_str()),
                detail = detail.as_str()
            ),
        ),
        DiscoverError::TimedOut { url } => at(url, msg!(l, "http-timed-out")),
        DiscoverError::Deadline { url } => at(url, msg!(l, "http-deadline")),
        DiscoverError::NotUtf8 { url } => at(url, msg!(l, "http-not-utf8")),
        DiscoverError::HttpStatus { url, status } => {
            at(url, msg!(l, "http-status", status = status.to_string()))
        }
        DiscoverError::TooLarge { url, limit } => {
            at(url, msg!(l, "http-too-large", limit = limit.to_string()))
        }
        DiscoverError::InsecureRedirect { to } => {
            msg!(l, "http-insecure-redirect", to = to.as_str())
        }
        DiscoverError::TooManyRedirects { url, max } => {
            at(url, msg!(l, "http-too-many-redirects", max = *max))
        }
        DiscoverError::Autoconfig { url, detail } => at(url, detail.clone()),
        DiscoverError::Setup(detail) => msg!(
            l,
            "with-detail",
            sentence = msg!(l, "http-setup"),
            detail = detail.as_str()
        ),
        DiscoverError::PortPair(value) => msg!(
            l,
            "value-port-pair",
            value = value.as_str(),
            shape = "FROM=TO",
            example = "995=19995"
        ),
        DiscoverError::NotAPort(value) => msg!(l, "spec-port", value = value.as_str()),
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.english().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Note {
    /// A note read back (from a settings file) is its English words, kept as they are.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ServerText::deserialize(d).map(Note::Verbatim)
    }
}

impl JsonSchema for Note {
    fn inline_schema() -> bool {
        ServerText::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        ServerText::schema_name()
    }

    /// The same schema as [`ServerText`] (a string), under the same id, so the
    /// JSON Schema of a document names one `ServerText`.
    fn schema_id() -> Cow<'static, str> {
        ServerText::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ServerText::json_schema(generator)
    }
}

impl std::fmt::Display for Note {
    /// The English words, as in the JSON.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.english().as_str())
    }
}

impl PartialEq<&str> for Note {
    /// Whether the English words (as in the JSON) are `other`.
    fn eq(&self, other: &&str) -> bool {
        self.english().as_str() == *other
    }
}
