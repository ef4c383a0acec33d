//! Semantic checks a JSON Schema cannot express.
//!
//! The schema (and serde's `deny_unknown_fields`) catch wrong types and unknown
//! fields. These checks catch what is well-typed but wrong: an empty Chinese name,
//! port 0, a plaintext server with no warning, an active provider with nowhere to
//! connect. Each finding names the field path, so a reviewer can go straight to it.

use super::address::is_valid_hostname;
use super::model::{Localized, Protocol, Provider, Security, SourceKind, Status};
use crate::i18n::{Lang, msg};

/// One problem in one provider entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Field path, e.g. `incoming[2].port` or `hints[0].zh-Hant`.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a field of a provider entry: typed, worded by the
/// catalog ([`Problem::text`]); values from the file are shown quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A text missing in one of the three languages.
    EmptyText,
    /// A link that is not http(s).
    NotHttpUrl(String),
    /// An id with characters other than lowercase letters, digits, '-' and '.'.
    BadId(String),
    /// An id that differs from its file's name.
    IdNotFileName {
        /// The id.
        id: String,
        /// The file name without `.json`.
        stem: String,
    },
    /// Neither domains nor MX suffixes.
    NothingMatches,
    /// A domain that is not a lowercase ASCII domain.
    BadDomain(String),
    /// A value listed twice.
    ListedTwice(String),
    /// An MX suffix that is not a lowercase ASCII host suffix.
    BadMxSuffix(String),
    /// A closing year outside 1990–2100.
    BadYear(u16),
    /// An active provider without incoming servers.
    NoIncoming,
    /// An active provider without outgoing servers.
    NoOutgoing,
    /// A server in the wrong list (`pop3` among the outgoing ones).
    WrongList {
        /// The server's protocol.
        protocol: &'static str,
        /// Whether the list is the outgoing one.
        outgoing: bool,
    },
    /// A host that is not a lowercase ASCII host name.
    BadHost(String),
    /// Port 0.
    PortZero,
    /// A plaintext server without a note saying it is legacy.
    PlainWithoutNote,
    /// The same server twice in one list.
    SameServerTwice,
    /// A known reply that would match every reply.
    EmptyReply,
    /// What `providers::oauth2` finds wrong in the OAuth2 block.
    OAuth2(super::oauth2::Problem),
    /// No source at all.
    NoSource,
    /// A checked month that is not YYYY-MM.
    BadMonth(String),
    /// A source that does not say which facts it backs.
    SourceAboutEmpty,
    /// A hand-written entry without a source with a URL.
    HandNoUrl,
    /// A hand-written entry without the provider's own page or a reason.
    HandNoOwnPage,
    /// An OAuth2 fact no source backs.
    HandUnbacked(&'static str),
    /// A no-provider-page source that does not say why.
    HandWhyNoPage,
}

impl Problem {
    /// The problem in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        let q = |v: &str| crate::server_text::ServerText::new(v).to_string();
        match self {
            Problem::EmptyText => msg!(l, "validate-empty-text"),
            Problem::NotHttpUrl(v) => msg!(l, "validate-not-http-url", value = q(v)),
            Problem::BadId(v) => msg!(l, "validate-bad-id", value = q(v)),
            Problem::IdNotFileName { id, stem } => {
                msg!(l, "validate-id-not-file-name", id = q(id), stem = q(stem))
            }
            Problem::NothingMatches => msg!(l, "validate-nothing-matches"),
            Problem::BadDomain(v) => msg!(l, "validate-bad-domain", value = q(v)),
            Problem::ListedTwice(v) => msg!(l, "validate-listed-twice", value = q(v)),
            Problem::BadMxSuffix(v) => msg!(l, "validate-bad-mx-suffix", value = q(v)),
            Problem::BadYear(y) => msg!(l, "validate-bad-year", year = y.to_string()),
            Problem::NoIncoming => msg!(l, "validate-no-incoming"),
            Problem::NoOutgoing => msg!(l, "validate-no-outgoing"),
            Problem::WrongList { protocol, outgoing } => msg!(
                l,
                "validate-wrong-list",
                protocol = *protocol,
                list = if *outgoing { "outgoing" } else { "incoming" }
            ),
            Problem::BadHost(v) => msg!(l, "validate-bad-host", value = q(v)),
            Problem::PortZero => msg!(l, "validate-port-zero"),
            Problem::PlainWithoutNote => msg!(l, "validate-plain-without-note"),
            Problem::SameServerTwice => msg!(l, "validate-same-server-twice"),
            Problem::EmptyReply => msg!(l, "validate-empty-reply"),
            Problem::OAuth2(problem) => problem.text(l),
            Problem::NoSource => msg!(l, "validate-no-source"),
            Problem::BadMonth(v) => msg!(l, "validate-bad-month", value = q(v)),
            Problem::SourceAboutEmpty => msg!(l, "validate-source-about-empty"),
            Problem::HandNoUrl => msg!(l, "validate-hand-no-url"),
            Problem::HandNoOwnPage => msg!(l, "validate-hand-no-own-page"),
            Problem::HandUnbacked(fact) => msg!(l, "validate-hand-unbacked", fact = *fact),
            Problem::HandWhyNoPage => msg!(l, "validate-hand-why-no-page"),
        }
    }
}

fn push(out: &mut Vec<Finding>, field: impl Into<String>, problem: Problem) {
    out.push(Finding {
        field: field.into(),
        problem,
    });
}

fn check_localized(out: &mut Vec<Finding>, field: &str, l: &Localized) {
    for (lang, text) in [
        ("en", &l.en),
        ("zh-Hans", &l.zh_hans),
        ("zh-Hant", &l.zh_hant),
    ] {
        if text.trim().is_empty() {
            push(out, format!("{field}.{lang}"), Problem::EmptyText);
        }
    }
}

fn check_url(out: &mut Vec<Finding>, field: &str, url: &str) {
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        push(out, field, Problem::NotHttpUrl(url.to_owned()));
    }
}

/// Whether `host` is valid, allowing the `%EMAILDOMAIN%` placeholder that some
/// imported entries use for per-domain hosts (`mail.%EMAILDOMAIN%`).
fn host_ok(host: &str) -> bool {
    is_valid_hostname(&host.replace("%EMAILDOMAIN%", "example.com"))
}

/// Checks one entry. `file_stem`, when given, must equal the id.
pub fn check(p: &Provider, file_stem: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    let id_ok = !p.id.is_empty()
        && p.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !id_ok {
        push(&mut out, "id", Problem::BadId(p.id.clone()));
    }
    if let Some(stem) = file_stem
        && stem != p.id
    {
        push(
            &mut out,
            "id",
            Problem::IdNotFileName {
                id: p.id.clone(),
                stem: stem.to_owned(),
            },
        );
    }
    check_localized(&mut out, "name", &p.name);
    if p.domains.is_empty() && p.mx_suffixes.is_empty() {
        push(&mut out, "domains", Problem::NothingMatches);
    }
    for (i, d) in p.domains.iter().enumerate() {
        if !is_valid_hostname(d) {
            push(
                &mut out,
                format!("domains[{i}]"),
                Problem::BadDomain(d.clone()),
            );
        }
        if p.domains[..i].contains(d) {
            push(
                &mut out,
                format!("domains[{i}]"),
                Problem::ListedTwice(d.clone()),
            );
        }
    }
    for (i, m) in p.mx_suffixes.iter().enumerate() {
        if !is_valid_hostname(m) {
            push(
                &mut out,
                format!("mx_suffixes[{i}]"),
                Problem::BadMxSuffix(m.clone()),
            );
        }
    }
    match &p.status {
        Status::Discontinued { year, replaced_by } => {
            if !(1990..=2100).contains(year) {
                push(&mut out, "status.year", Problem::BadYear(*year));
            }
            if let Some(r) = replaced_by {
                check_localized(&mut out, "status.replaced_by", r);
            }
        }
        Status::Active | Status::NeedsSetup => {
            if p.incoming.is_empty() {
                push(&mut out, "incoming", Problem::NoIncoming);
            }
            if p.outgoing.is_empty() {
                push(&mut out, "outgoing", Problem::NoOutgoing);
            }
        }
    }
    for (list, servers, outgoing) in [
        ("incoming", &p.incoming, false),
        ("outgoing", &p.outgoing, true),
    ] {
        for (i, s) in servers.iter().enumerate() {
            let f = format!("{list}[{i}]");
            if outgoing != (s.protocol == Protocol::Smtp) {
                push(
                    &mut out,
                    format!("{f}.protocol"),
                    Problem::WrongList {
                        protocol: s.protocol.as_str(),
                        outgoing,
                    },
                );
            }
            if !host_ok(&s.host) {
                push(
                    &mut out,
                    format!("{f}.host"),
                    Problem::BadHost(s.host.clone()),
                );
            }
            if s.port == 0 {
                push(&mut out, format!("{f}.port"), Problem::PortZero);
            }
            if s.security == Security::Plain && s.note.is_none() {
                push(&mut out, format!("{f}.note"), Problem::PlainWithoutNote);
            }
            if let Some(n) = &s.note {
                check_localized(&mut out, &format!("{f}.note"), n);
            }
            if servers[..i].iter().any(|o| {
                o.protocol == s.protocol
                    && o.host == s.host
                    && o.port == s.port
                    && o.security == s.security
            }) {
                push(&mut out, &f, Problem::SameServerTwice);
            }
        }
    }
    if let Some(u) = &p.auth.create_url {
        check_url(&mut out, "auth.create_url", u);
    }
    if let Some(n) = &p.auth.notes {
        check_localized(&mut out, "auth.notes", n);
    }
    for (i, h) in p.hints.iter().enumerate() {
        check_localized(&mut out, &format!("hints[{i}]"), h);
    }
    for (i, h) in p.help_urls.iter().enumerate() {
        check_url(&mut out, &format!("help_urls[{i}].url"), &h.url);
        if let Some(t) = &h.title {
            check_localized(&mut out, &format!("help_urls[{i}].title"), t);
        }
    }
    if let Some(h) = &p.history {
        check_localized(&mut out, "history", h);
    }
    for (i, r) in p.known_replies.iter().enumerate() {
        if r.contains.trim().is_empty() {
            push(
                &mut out,
                format!("known_replies[{i}].contains"),
                Problem::EmptyReply,
            );
        }
    }
    if let Some(o) = &p.oauth2 {
        for (field, problem) in super::oauth2::problems(o) {
            push(
                &mut out,
                format!("oauth2.{field}"),
                Problem::OAuth2(problem),
            );
        }
        if let Some(n) = &o.note {
            check_localized(&mut out, "oauth2.note", n);
        }
    }
    if p.sources.is_empty() {
        push(&mut out, "sources", Problem::NoSource);
    }
    for (i, s) in p.sources.iter().enumerate() {
        let c = s.checked.as_bytes();
        let month_ok = c.len() == 7
            && c[4] == b'-'
            && c.iter()
                .enumerate()
                .all(|(j, b)| j == 4 || b.is_ascii_digit())
            && matches!(s.checked[5..].parse::<u8>(), Ok(1..=12));
        if !month_ok {
            push(
                &mut out,
                format!("sources[{i}].checked"),
                Problem::BadMonth(s.checked.clone()),
            );
        }
        if let Some(u) = &s.url {
            check_url(&mut out, &format!("sources[{i}].url"), u);
        }
        if s.about.trim().is_empty() {
            push(
                &mut out,
                format!("sources[{i}].about"),
                Problem::SourceAboutEmpty,
            );
        }
    }
    out
}

/// The rules a hand-written entry of the bundled database follows beyond
/// [`check`]: at least one source gives a URL, and at least one is a page of
/// the provider's own (`provider-docs` with a URL) or says why there is none
/// (`no-provider-page`, its `about` telling what was looked for).
pub fn check_hand(p: &Provider) -> Vec<Finding> {
    let mut out = Vec::new();
    if !p.sources.iter().any(|s| s.url.is_some()) {
        push(&mut out, "sources", Problem::HandNoUrl);
    }
    let own = p.sources.iter().any(|s| match s.kind {
        SourceKind::ProviderDocs => s.url.is_some(),
        SourceKind::NoProviderPage => true,
        _ => false,
    });
    if !own {
        push(&mut out, "sources", Problem::HandNoOwnPage);
    }
    if let Some(o) = &p.oauth2 {
        // Each OAuth2 fact has its own source: endpoints, scopes and (where
        // given) the SASL mechanisms come from different pages.
        let mut facts = vec!["oauth2 endpoints", "oauth2 scopes"];
        if !o.mechanisms.is_empty() {
            facts.push("oauth2 mechanisms");
        }
        for fact in facts {
            let backed = p
                .sources
                .iter()
                .any(|s| s.url.is_some() && s.about.to_ascii_lowercase().contains(fact));
            if !backed {
                push(&mut out, "sources", Problem::HandUnbacked(fact));
            }
        }
    }
    for (i, s) in p.sources.iter().enumerate() {
        if s.kind == SourceKind::NoProviderPage && s.about.trim().len() < 20 {
            push(
                &mut out,
                format!("sources[{i}].about"),
                Problem::HandWhyNoPage,
            );
        }
    }
    out
}
