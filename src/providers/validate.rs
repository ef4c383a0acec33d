//! Semantic checks a JSON Schema cannot express.
//!
//! The schema (and serde's `deny_unknown_fields`) catch wrong types and unknown
//! fields. These checks catch what is well-typed but wrong: an empty Chinese name,
//! port 0, a plaintext server with no warning, an active provider with nowhere to
//! connect. Each finding names the field path, so a reviewer can go straight to it.

use super::address::is_valid_hostname;
use super::model::{Localized, Protocol, Provider, Security, SourceKind, Status};

/// One problem in one provider entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Field path, e.g. `incoming[2].port` or `hints[0].zh-Hant`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

fn push(out: &mut Vec<Finding>, field: impl Into<String>, message: impl Into<String>) {
    out.push(Finding {
        field: field.into(),
        message: message.into(),
    });
}

fn check_localized(out: &mut Vec<Finding>, field: &str, l: &Localized) {
    for (lang, text) in [
        ("en", &l.en),
        ("zh-Hans", &l.zh_hans),
        ("zh-Hant", &l.zh_hant),
    ] {
        if text.trim().is_empty() {
            push(
                out,
                format!("{field}.{lang}"),
                "text is empty: every text needs all three languages",
            );
        }
    }
}

fn check_url(out: &mut Vec<Finding>, field: &str, url: &str) {
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        push(out, field, format!("{url:?} is not an http(s) URL"));
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
        push(
            &mut out,
            "id",
            format!("{:?} must be lowercase letters, digits, '-' and '.'", p.id),
        );
    }
    if let Some(stem) = file_stem
        && stem != p.id
    {
        push(
            &mut out,
            "id",
            format!("{:?} differs from the file name {stem:?}.json", p.id),
        );
    }
    check_localized(&mut out, "name", &p.name);
    if p.domains.is_empty() && p.mx_suffixes.is_empty() {
        push(
            &mut out,
            "domains",
            "no domains and no mx_suffixes: nothing would ever match this provider",
        );
    }
    for (i, d) in p.domains.iter().enumerate() {
        if !is_valid_hostname(d) {
            push(
                &mut out,
                format!("domains[{i}]"),
                format!("{d:?} is not a lowercase ASCII domain (use punycode)"),
            );
        }
        if p.domains[..i].contains(d) {
            push(
                &mut out,
                format!("domains[{i}]"),
                format!("{d:?} is listed twice"),
            );
        }
    }
    for (i, m) in p.mx_suffixes.iter().enumerate() {
        if !is_valid_hostname(m) {
            push(
                &mut out,
                format!("mx_suffixes[{i}]"),
                format!("{m:?} is not a lowercase ASCII host suffix"),
            );
        }
    }
    match &p.status {
        Status::Discontinued { year, replaced_by } => {
            if !(1990..=2100).contains(year) {
                push(
                    &mut out,
                    "status.year",
                    format!("{year} is not a plausible year"),
                );
            }
            if let Some(r) = replaced_by {
                check_localized(&mut out, "status.replaced_by", r);
            }
        }
        Status::Active | Status::NeedsSetup => {
            if p.incoming.is_empty() {
                push(
                    &mut out,
                    "incoming",
                    "an active provider needs at least one incoming server",
                );
            }
            if p.outgoing.is_empty() {
                push(
                    &mut out,
                    "outgoing",
                    "an active provider needs at least one outgoing server",
                );
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
                let want = if outgoing { "smtp" } else { "pop3 or imap" };
                push(
                    &mut out,
                    format!("{f}.protocol"),
                    format!("{} here; {list} servers are {want}", s.protocol.as_str()),
                );
            }
            if !host_ok(&s.host) {
                push(
                    &mut out,
                    format!("{f}.host"),
                    format!("{:?} is not a lowercase ASCII host name", s.host),
                );
            }
            if s.port == 0 {
                push(
                    &mut out,
                    format!("{f}.port"),
                    "port 0 is not a port (1-65535)",
                );
            }
            if s.security == Security::Plain && s.note.is_none() {
                push(
                    &mut out,
                    format!("{f}.note"),
                    "a plaintext server needs a note saying it is legacy and insecure",
                );
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
                push(&mut out, &f, "the same server is listed twice");
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
                "empty text would match every reply",
            );
        }
    }
    if let Some(o) = &p.oauth2 {
        for (field, message) in super::oauth2::problems(o) {
            push(&mut out, format!("oauth2.{field}"), message);
        }
        if let Some(n) = &o.note {
            check_localized(&mut out, "oauth2.note", n);
        }
    }
    if p.sources.is_empty() {
        push(&mut out, "sources", "every entry needs at least one source");
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
                format!("{:?} is not a month YYYY-MM", s.checked),
            );
        }
        if let Some(u) = &s.url {
            check_url(&mut out, &format!("sources[{i}].url"), u);
        }
        if s.about.trim().is_empty() {
            push(
                &mut out,
                format!("sources[{i}].about"),
                "say which facts this source backs",
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
        push(
            &mut out,
            "sources",
            "a hand-written entry needs at least one source with a url",
        );
    }
    let own = p.sources.iter().any(|s| match s.kind {
        SourceKind::ProviderDocs => s.url.is_some(),
        SourceKind::NoProviderPage => true,
        _ => false,
    });
    if !own {
        push(
            &mut out,
            "sources",
            "a hand-written entry needs a source that is the provider's own page \
             (kind provider-docs, with url and checked month), or a no-provider-page \
             source saying why there is none",
        );
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
                push(
                    &mut out,
                    "sources",
                    format!(
                        "the oauth2 block needs a source with a url whose about names {fact:?}"
                    ),
                );
            }
        }
    }
    for (i, s) in p.sources.iter().enumerate() {
        if s.kind == SourceKind::NoProviderPage && s.about.trim().len() < 20 {
            push(
                &mut out,
                format!("sources[{i}].about"),
                "say what was looked for and why no page of the provider's own could be used",
            );
        }
    }
    out
}
