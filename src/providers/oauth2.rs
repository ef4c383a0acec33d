//! Checks for a provider's OAuth2 facts, and the endpoints they give for a tenant.
//!
//! The OAuth2 block of a provider file says where a browser is sent and where a
//! client id, an authorization code and a refresh token are posted. A user's
//! file and the ISPDB are hostile input, so every URL here is https with a DNS
//! host name (no IP literal, no user info, no fragment), every scope is an RFC
//! 6749 scope token, and a Microsoft tenant is one of the forms Microsoft
//! documents. `validate` reports what fails as findings; the ISPDB reader drops
//! a block that fails. Nothing here talks to the network.

use super::address::{character, is_valid_hostname};
use super::model::{OAuth2, Protocol};
use crate::i18n::{Lang, msg};
use crate::server_text::ServerText;

/// Longest endpoint URL accepted.
pub const MAX_URL_BYTES: usize = 2048;

/// Longest scope accepted.
pub const MAX_SCOPE_BYTES: usize = 512;

/// The placeholder a tenant replaces (Microsoft's `common`, `organizations`…).
pub const TENANT_PLACEHOLDER: &str = "{tenant}";

/// What is wrong with an OAuth2 fact: typed, worded by the catalog
/// ([`Problem::text`]); values from the file are kept as they are and shown
/// escaped and quoted. `Display` is the English text (logs, tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A URL longer than [`MAX_URL_BYTES`].
    UrlTooLong,
    /// A URL with a space or a control character in it.
    UrlSpace(char),
    /// A URL with a non-ASCII character.
    UrlNotAscii,
    /// A URL that is not https.
    NotHttps,
    /// A URL with user info (`user:pw@`).
    UrlUserInfo,
    /// A URL whose port is not 1–65535 (the port as written).
    BadPort(String),
    /// A URL with a fragment.
    UrlFragment,
    /// `{tenant}` in a URL of an entry that names no tenant.
    TenantNotTaken,
    /// `{tenant}` inside a path segment.
    TenantNotWholeSegment,
    /// A brace other than the `{tenant}` segment.
    StrayBrace,
    /// A URL without a host name.
    NoHost,
    /// An IP address where a host name belongs.
    IpAddress(String),
    /// A host name that is not lowercase ASCII.
    BadHost(String),
    /// A host name whose last label is all digits.
    LooksLikeIp(String),
    /// An empty scope.
    EmptyScope,
    /// A scope longer than [`MAX_SCOPE_BYTES`].
    ScopeTooLong,
    /// A character RFC 6749 does not allow in a scope.
    ScopeCharacter(char),
    /// A tenant that is none of the forms Microsoft documents.
    BadTenant(String),
    /// No scopes at all.
    NoScopes,
    /// A scope or mechanism listed twice.
    ListedTwice(String),
    /// A tenant given for a provider whose endpoints take none.
    TakesNoTenant,
}

impl Problem {
    /// The problem in `lang`: a clause, as the validator's findings are.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        let q = |v: &str| ServerText::new(v).to_string();
        let placeholder = TENANT_PLACEHOLDER;
        match self {
            Problem::UrlTooLong => msg!(l, "oauth2-problem-url-too-long", bytes = MAX_URL_BYTES),
            Problem::UrlSpace(c) => {
                msg!(l, "oauth2-problem-url-space", found = character(*c, l))
            }
            Problem::UrlNotAscii => msg!(l, "oauth2-problem-url-not-ascii"),
            Problem::NotHttps => msg!(l, "oauth2-problem-not-https", scheme = "https://"),
            Problem::UrlUserInfo => msg!(l, "oauth2-problem-url-user-info"),
            Problem::BadPort(p) => msg!(l, "oauth2-problem-bad-port", value = q(p)),
            Problem::UrlFragment => msg!(l, "oauth2-problem-url-fragment"),
            Problem::TenantNotTaken => {
                msg!(
                    l,
                    "oauth2-problem-tenant-not-taken",
                    placeholder = placeholder
                )
            }
            Problem::TenantNotWholeSegment => {
                msg!(
                    l,
                    "oauth2-problem-tenant-segment",
                    placeholder = placeholder
                )
            }
            Problem::StrayBrace => msg!(l, "oauth2-problem-stray-brace", placeholder = placeholder),
            Problem::NoHost => msg!(l, "oauth2-problem-no-host"),
            Problem::IpAddress(h) => msg!(l, "oauth2-problem-ip-address", value = q(h)),
            Problem::BadHost(h) => msg!(l, "oauth2-problem-bad-host", value = q(h)),
            Problem::LooksLikeIp(h) => msg!(l, "oauth2-problem-looks-like-ip", value = q(h)),
            Problem::EmptyScope => msg!(l, "oauth2-problem-empty-scope"),
            Problem::ScopeTooLong => {
                msg!(l, "oauth2-problem-scope-too-long", bytes = MAX_SCOPE_BYTES)
            }
            Problem::ScopeCharacter(c) => {
                msg!(
                    l,
                    "oauth2-problem-scope-character",
                    found = character(*c, l),
                    quote = "\"",
                    backslash = "\\"
                )
            }
            Problem::BadTenant(t) => msg!(
                l,
                "oauth2-problem-bad-tenant",
                value = q(t),
                common = "common",
                organizations = "organizations",
                consumers = "consumers",
                guid = "9188040d-6c67-4c5b-b112-36a304b66dad",
                example = "contoso.onmicrosoft.com"
            ),
            Problem::NoScopes => msg!(l, "oauth2-problem-no-scopes"),
            Problem::ListedTwice(v) => msg!(l, "validate-listed-twice", value = q(v)),
            Problem::TakesNoTenant => msg!(l, "oauth2-problem-takes-no-tenant"),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Problem {}

/// Checks one endpoint URL; `tenant_allowed` says whether `{tenant}` may stand
/// as a whole path segment. The error names what is wrong.
pub fn check_url(raw: &str, tenant_allowed: bool) -> Result<(), Problem> {
    if raw.len() > MAX_URL_BYTES {
        return Err(Problem::UrlTooLong);
    }
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::UrlSpace(c));
    }
    if !raw.is_ascii() {
        return Err(Problem::UrlNotAscii);
    }
    let Some(rest) = raw.strip_prefix("https://") else {
        return Err(Problem::NotHttps);
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err(Problem::UrlUserInfo);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    check_host(host)?;
    if let Some(p) = port
        && !matches!(p.parse::<u16>(), Ok(1..))
    {
        return Err(Problem::BadPort(p.to_owned()));
    }
    if tail.contains('#') {
        return Err(Problem::UrlFragment);
    }
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    if path.split('/').any(|seg| seg.contains(TENANT_PLACEHOLDER)) {
        if !tenant_allowed {
            return Err(Problem::TenantNotTaken);
        }
        if path
            .split('/')
            .any(|seg| seg.contains(TENANT_PLACEHOLDER) && seg != TENANT_PLACEHOLDER)
        {
            return Err(Problem::TenantNotWholeSegment);
        }
    }
    if path.replace(TENANT_PLACEHOLDER, "").contains(['{', '}']) || query.contains(['{', '}']) {
        return Err(Problem::StrayBrace);
    }
    Ok(())
}

/// Checks a host name where a token is issued or an endpoint lives: a
/// lowercase DNS name, never an IP address (a certificate names a host; an IP
/// literal in a provider file is a sign of a planted entry).
pub fn check_host(host: &str) -> Result<(), Problem> {
    if host.is_empty() {
        return Err(Problem::NoHost);
    }
    if host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok() {
        return Err(Problem::IpAddress(host.to_owned()));
    }
    if !is_valid_hostname(host) {
        return Err(Problem::BadHost(host.to_owned()));
    }
    if host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Problem::LooksLikeIp(host.to_owned()));
    }
    Ok(())
}

/// Checks a scope: an RFC 6749 scope token (printable ASCII but `"` and `\`),
/// not empty, at most [`MAX_SCOPE_BYTES`].
pub fn check_scope(scope: &str) -> Result<(), Problem> {
    if scope.is_empty() {
        return Err(Problem::EmptyScope);
    }
    if scope.len() > MAX_SCOPE_BYTES {
        return Err(Problem::ScopeTooLong);
    }
    if let Some(c) = scope
        .chars()
        .find(|&c| !matches!(c, '\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e'))
    {
        return Err(Problem::ScopeCharacter(c));
    }
    Ok(())
}

/// Checks a tenant: `common`, `organizations`, `consumers`, a tenant id (a GUID)
/// or a verified domain (`contoso.onmicrosoft.com`), the forms Microsoft's
/// identity platform documents.
pub fn check_tenant(tenant: &str) -> Result<(), Problem> {
    if matches!(tenant, "common" | "organizations" | "consumers") {
        return Ok(());
    }
    let guid = tenant.len() == 36
        && tenant.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    if guid {
        return Ok(());
    }
    if tenant.contains('.') && check_host(tenant).is_ok() {
        return Ok(());
    }
    Err(Problem::BadTenant(tenant.to_owned()))
}

/// Every problem of an OAuth2 block, as (field under `oauth2`, problem).
pub fn problems(o: &OAuth2) -> Vec<(String, Problem)> {
    let mut out = Vec::new();
    let tenant_allowed = o.tenant.is_some();
    if let Err(e) = check_host(&o.issuer) {
        out.push(("issuer".to_owned(), e));
    }
    for (field, url) in [
        ("authorization_url", Some(&o.authorization_url)),
        ("token_url", Some(&o.token_url)),
        (
            "device_authorization_url",
            o.device_authorization_url.as_ref(),
        ),
    ] {
        if let Some(u) = url
            && let Err(e) = check_url(u, tenant_allowed)
        {
            out.push((field.to_owned(), e));
        }
    }
    if let Some(t) = &o.tenant
        && let Err(e) = check_tenant(t)
    {
        out.push(("tenant".to_owned(), e));
    }
    if o.scopes.is_empty() {
        out.push(("scopes".to_owned(), Problem::NoScopes));
    }
    for (protocol, scopes) in o.scopes.iter() {
        for (i, s) in scopes.iter().enumerate() {
            if let Err(e) = check_scope(s) {
                out.push((format!("scopes.{}[{i}]", protocol.as_str()), e));
            }
            if scopes[..i].contains(s) {
                out.push((
                    format!("scopes.{}[{i}]", protocol.as_str()),
                    Problem::ListedTwice(s.clone()),
                ));
            }
        }
    }
    for (protocol, mechs) in o.mechanisms.iter() {
        for (i, m) in mechs.iter().enumerate() {
            if mechs[..i].contains(m) {
                out.push((
                    format!("mechanisms.{}[{i}]", protocol.as_str()),
                    Problem::ListedTwice(m.as_str().to_ascii_lowercase()),
                ));
            }
        }
    }
    out
}

/// The endpoints of one sign-in: `{tenant}` replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Where the browser goes.
    pub authorization_url: String,
    /// Where codes and refresh tokens are exchanged.
    pub token_url: String,
    /// The device flow's endpoint, where the provider offers it.
    pub device_authorization_url: Option<String>,
    /// The scopes for the protocols asked for, each once, in order.
    pub scopes: Vec<String>,
}

impl OAuth2 {
    /// The endpoints for `tenant` (the entry's own when `None`) and the scopes
    /// of `protocols`; an error names a tenant that is not one, or an entry
    /// that takes none.
    pub fn endpoints(
        &self,
        tenant: Option<&str>,
        protocols: &[Protocol],
    ) -> Result<Endpoints, Problem> {
        let tenant = match (tenant, &self.tenant) {
            (Some(t), Some(_)) => {
                check_tenant(t)?;
                Some(t)
            }
            (Some(_), None) => {
                return Err(Problem::TakesNoTenant);
            }
            (None, t) => t.as_deref(),
        };
        let fill = |u: &str| match tenant {
            Some(t) => u.replace(TENANT_PLACEHOLDER, t),
            None => u.to_owned(),
        };
        let mut scopes: Vec<String> = Vec::new();
        for p in protocols {
            for s in self.scopes.get(*p) {
                if !scopes.contains(s) {
                    scopes.push(s.clone());
                }
            }
        }
        Ok(Endpoints {
            authorization_url: fill(&self.authorization_url),
            token_url: fill(&self.token_url),
            device_authorization_url: self.device_authorization_url.as_deref().map(fill),
            scopes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_https_with_a_host_name() {
        let ok = |u: &str| check_url(u, true);
        assert_eq!(
            ok("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"),
            Ok(())
        );
        assert_eq!(ok("https://accounts.google.com/o/oauth2/v2/auth"), Ok(()));
        assert_eq!(ok("https://mail.test.mailconf:8443/authorize?x=1"), Ok(()));
        for (bad, why) in [
            ("http://login.example.com/token", "https"),
            ("javascript:alert(1)", "https"),
            ("HTTPS://login.example.com/token", "https"),
            ("https://127.0.0.1/token", "IP address"),
            ("https://[::1]/token", "IP address"),
            ("https://10.0.0.1:443/token", "IP address"),
            ("https://1.2.3.4.5/token", "IP address"),
            ("https://user:pw@login.example.com/token", "user name"),
            ("https://evil.example@login.example.com/", "user name"),
            ("https://Login.Example.com/token", "lowercase"),
            ("https://login.example.com:0/token", "port"),
            ("https://login.example.com:99999/token", "port"),
            ("https://login.example.com/token#frag", "fragment"),
            ("https://login.example.com/to ken", "space"),
            ("https://login.example.com/\u{1b}[31m", "control"),
            (
                "https://login.example.com/x{tenant}/token",
                "whole path segment",
            ),
            ("https://login.example.com/{other}/token", "brace"),
            ("https:///token", "no host"),
            ("https://xn--80ak6aa92e.com\u{202e}/x", "non-ASCII"),
            ("https://пример.рф/token", "non-ASCII"),
        ] {
            let e = ok(bad).expect_err(bad).to_string();
            assert!(e.contains(why), "{bad}: {e}");
        }
        assert!(check_url(&format!("https://a.example/{}", "x".repeat(3000)), true).is_err());
        let e = check_url("https://login.example.com/{tenant}/token", false)
            .expect_err("no tenant")
            .to_string();
        assert!(e.contains("names no tenant"), "{e}");
    }

    #[test]
    fn scopes_and_tenants_are_checked() {
        assert_eq!(
            check_scope("https://outlook.office.com/IMAP.AccessAsUser.All"),
            Ok(())
        );
        assert_eq!(check_scope("offline_access"), Ok(()));
        assert!(check_scope("").is_err());
        assert!(check_scope("a b").is_err());
        assert!(check_scope("a\"b").is_err());
        assert!(check_scope("a\\b").is_err());
        assert!(check_scope("邮件").is_err());
        assert!(check_scope(&"s".repeat(600)).is_err());
        for t in [
            "common",
            "organizations",
            "consumers",
            "9188040d-6c67-4c5b-b112-36a304b66dad",
            "contoso.onmicrosoft.com",
        ] {
            assert_eq!(check_tenant(t), Ok(()), "{t}");
        }
        for t in [
            "",
            "../evil",
            "a/b",
            "contoso",
            "9188040d-6c67-4c5b-b112-36a304b66dax",
            "c?x=1",
            "127.0.0.1",
        ] {
            assert!(check_tenant(t).is_err(), "{t:?}");
        }
    }

    fn microsoft() -> OAuth2 {
        OAuth2 {
            issuer: "login.microsoftonline.com".into(),
            authorization_url: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize"
                .into(),
            token_url: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token".into(),
            device_authorization_url: Some(
                "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/devicecode".into(),
            ),
            tenant: Some("common".into()),
            scopes: super::super::model::PerProtocol {
                pop3: vec![
                    "https://outlook.office.com/POP.AccessAsUser.All".into(),
                    "offline_access".into(),
                ],
                imap: vec![
                    "https://outlook.office.com/IMAP.AccessAsUser.All".into(),
                    "offline_access".into(),
                ],
                smtp: vec![
                    "https://outlook.office.com/SMTP.Send".into(),
                    "offline_access".into(),
                ],
            },
            mechanisms: Default::default(),
            note: None,
        }
    }

    #[test]
    fn endpoints_fill_the_tenant_and_join_the_scopes() {
        let o = microsoft();
        assert!(problems(&o).is_empty(), "{:?}", problems(&o));
        let e = o
            .endpoints(
                Some("contoso.onmicrosoft.com"),
                &[Protocol::Imap, Protocol::Smtp],
            )
            .expect("endpoints");
        assert_eq!(
            e.token_url,
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert_eq!(
            e.scopes,
            [
                "https://outlook.office.com/IMAP.AccessAsUser.All",
                "offline_access",
                "https://outlook.office.com/SMTP.Send"
            ]
        );
        let e = o
            .endpoints(None, &[Protocol::Pop3])
            .expect("default tenant");
        assert!(
            e.authorization_url.contains("/common/"),
            "{}",
            e.authorization_url
        );
        // A tenant is a path segment: nothing typed may add one or leave the host.
        let err = o
            .endpoints(Some("../../evil.example"), &[Protocol::Imap])
            .expect_err("bad tenant")
            .to_string();
        assert!(err.contains("is not a tenant"), "{err}");
        let mut google = o.clone();
        google.tenant = None;
        google.authorization_url = "https://accounts.google.com/o/oauth2/v2/auth".into();
        google.token_url = "https://oauth2.googleapis.com/token".into();
        google.device_authorization_url = None;
        assert!(google.endpoints(Some("common"), &[Protocol::Imap]).is_err());
    }

    #[test]
    fn a_hostile_block_has_every_problem_named() {
        let mut o = microsoft();
        o.issuer = "192.168.0.1".into();
        o.token_url = "http://login.microsoftonline.com/common/token".into();
        o.tenant = Some("x/y".into());
        o.scopes.imap.push("bad scope".into());
        let fields: Vec<String> = problems(&o).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["issuer", "token_url", "tenant", "scopes.imap[2]"]);
    }
}
