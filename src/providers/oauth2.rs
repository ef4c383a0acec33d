//! Checks for a provider's OAuth2 facts, and the endpoints they give for a tenant.
//!
//! The OAuth2 block of a provider file says where a browser is sent and where a
//! client id, an authorization code and a refresh token are posted. A user's
//! file and the ISPDB are hostile input, so every URL here is https with a DNS
//! host name (no IP literal, no user info, no fragment), every scope is an RFC
//! 6749 scope token, and a Microsoft tenant is one of the forms Microsoft
//! documents. `validate` reports what fails as findings; the ISPDB reader drops
//! a block that fails. Nothing here talks to the network.

use super::address::is_valid_hostname;
use super::model::{OAuth2, Protocol};
use crate::server_text::escape_controls;

/// Longest endpoint URL accepted.
pub const MAX_URL_BYTES: usize = 2048;

/// Longest scope accepted.
pub const MAX_SCOPE_BYTES: usize = 512;

/// The placeholder a tenant replaces (Microsoft's `common`, `organizations`…).
pub const TENANT_PLACEHOLDER: &str = "{tenant}";

/// Checks one endpoint URL; `tenant_allowed` says whether `{tenant}` may stand
/// as a whole path segment. The error names what is wrong.
pub fn check_url(raw: &str, tenant_allowed: bool) -> Result<(), String> {
    if raw.len() > MAX_URL_BYTES {
        return Err(format!("the URL is longer than {MAX_URL_BYTES} bytes"));
    }
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "the URL contains a space or a control character ({})",
            escape_controls(&c.to_string())
        ));
    }
    if !raw.is_ascii() {
        return Err(
            "the URL contains a non-ASCII character (host names in punycode, paths percent-encoded)"
                .into(),
        );
    }
    let Some(rest) = raw.strip_prefix("https://") else {
        return Err("not an https URL (OAuth2 endpoints must be https)".into());
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err("the URL carries a user name or password".into());
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    check_host(host)?;
    if let Some(p) = port
        && !matches!(p.parse::<u16>(), Ok(1..))
    {
        return Err(format!(
            "\"{}\" is not a port (1-65535)",
            escape_controls(p)
        ));
    }
    if tail.contains('#') {
        return Err("the URL has a fragment (#…)".into());
    }
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    if path.split('/').any(|seg| seg.contains(TENANT_PLACEHOLDER)) {
        if !tenant_allowed {
            return Err("the URL contains {tenant} but the entry names no tenant".into());
        }
        if path
            .split('/')
            .any(|seg| seg.contains(TENANT_PLACEHOLDER) && seg != TENANT_PLACEHOLDER)
        {
            return Err("{tenant} must be a whole path segment".into());
        }
    }
    if path.replace(TENANT_PLACEHOLDER, "").contains(['{', '}']) || query.contains(['{', '}']) {
        return Err("the URL contains '{' or '}' other than a {tenant} path segment".into());
    }
    Ok(())
}

/// Checks a host name where a token is issued or an endpoint lives: a
/// lowercase DNS name, never an IP address (a certificate names a host; an IP
/// literal in a provider file is a sign of a planted entry).
pub fn check_host(host: &str) -> Result<(), String> {
    let shown = escape_controls(host);
    if host.is_empty() {
        return Err("the URL has no host name".into());
    }
    if host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok() {
        return Err(format!("\"{shown}\" is an IP address, not a host name"));
    }
    if !is_valid_hostname(host) {
        return Err(format!(
            "\"{shown}\" is not a lowercase ASCII host name (use punycode)"
        ));
    }
    if host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!(
            "\"{shown}\" looks like an IP address, not a host name"
        ));
    }
    Ok(())
}

/// Checks a scope: an RFC 6749 scope token (printable ASCII but `"` and `\`),
/// not empty, at most [`MAX_SCOPE_BYTES`].
pub fn check_scope(scope: &str) -> Result<(), String> {
    if scope.is_empty() {
        return Err("a scope is empty".into());
    }
    if scope.len() > MAX_SCOPE_BYTES {
        return Err(format!("a scope is longer than {MAX_SCOPE_BYTES} bytes"));
    }
    if let Some(c) = scope
        .chars()
        .find(|&c| !matches!(c, '\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e'))
    {
        return Err(format!(
            "\"{}\" is not allowed in a scope (RFC 6749: printable ASCII except space, '\"' and '\\')",
            escape_controls(&c.to_string())
        ));
    }
    Ok(())
}

/// Checks a tenant: `common`, `organizations`, `consumers`, a tenant id (a GUID)
/// or a verified domain (`contoso.onmicrosoft.com`), the forms Microsoft's
/// identity platform documents.
pub fn check_tenant(tenant: &str) -> Result<(), String> {
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
    Err(format!(
        "\"{}\" is not a tenant: use common, organizations, consumers, the tenant id \
         (a GUID such as 9188040d-6c67-4c5b-b112-36a304b66dad) or the tenant's domain \
         (contoso.onmicrosoft.com)",
        escape_controls(tenant)
    ))
}

/// Every problem of an OAuth2 block, as (field under `oauth2`, message).
pub fn problems(o: &OAuth2) -> Vec<(String, String)> {
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
        out.push((
            "scopes".to_owned(),
            "no scopes: a token without a mail scope opens no mailbox".to_owned(),
        ));
    }
    for (protocol, scopes) in o.scopes.iter() {
        for (i, s) in scopes.iter().enumerate() {
            if let Err(e) = check_scope(s) {
                out.push((format!("scopes.{}[{i}]", protocol.as_str()), e));
            }
            if scopes[..i].contains(s) {
                out.push((
                    format!("scopes.{}[{i}]", protocol.as_str()),
                    "listed twice".to_owned(),
                ));
            }
        }
    }
    for (protocol, mechs) in o.mechanisms.iter() {
        for (i, m) in mechs.iter().enumerate() {
            if mechs[..i].contains(m) {
                out.push((
                    format!("mechanisms.{}[{i}]", protocol.as_str()),
                    "listed twice".to_owned(),
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
    ) -> Result<Endpoints, String> {
        let tenant = match (tenant, &self.tenant) {
            (Some(t), Some(_)) => {
                check_tenant(t)?;
                Some(t)
            }
            (Some(_), None) => {
                return Err("this provider's sign-in takes no tenant".into());
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
            ("https://login.example.com/{other}/token", "'{'"),
            ("https:///token", "no host"),
            ("https://xn--80ak6aa92e.com\u{202e}/x", "non-ASCII"),
            ("https://пример.рф/token", "non-ASCII"),
        ] {
            let e = ok(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
        assert!(check_url(&format!("https://a.example/{}", "x".repeat(3000)), true).is_err());
        let e =
            check_url("https://login.example.com/{tenant}/token", false).expect_err("no tenant");
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
            .expect_err("bad tenant");
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
