//! A Thunderbird autoconfig document (`config-v1.1.xml`) a user was given.
//!
//! Read with the provider database's reader ([`crate::providers::autoconfig`]),
//! so there is one interpretation of the format: each `<incomingServer>`
//! (POP3/IMAP) and `<outgoingServer>` (SMTP) is an account, with its placeholders
//! (`%EMAILADDRESS%`) as written. A fix edits the element texts in place.

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::text::Source;
use super::xml::{self, Dom};
use super::{
    Account, AuthMethod, Parsed, Password, Place, ReadError, Setting, default_port, edit::Edit,
};
use crate::providers::autoconfig::{self as reader, XmlServer};
use crate::providers::{Protocol, Security};

/// Where an autoconfig account is: the n-th incoming or outgoing server element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    outgoing: bool,
    index: usize,
}

fn auth_of(s: &str) -> AuthMethod {
    match s.trim() {
        "password-cleartext" | "plain" => AuthMethod::Password,
        "password-encrypted" | "secure" => AuthMethod::EncryptedPassword,
        "OAuth2" => AuthMethod::Oauth2,
        "GSSAPI" => AuthMethod::Gssapi,
        "NTLM" => AuthMethod::Ntlm,
        "TLS-client-cert" => AuthMethod::External,
        "none" | "client-IP-address" | "smtp-after-pop" => AuthMethod::None,
        other => AuthMethod::Other(other.to_owned()),
    }
}

/// The `<emailProvider>` element.
fn provider(dom: &Dom) -> Option<usize> {
    dom.child(0, "emailProvider")
}

/// Server elements in order: (outgoing, element).
fn server_elements(dom: &Dom) -> Vec<(bool, usize)> {
    let Some(p) = provider(dom) else {
        return Vec::new();
    };
    dom.elements[p]
        .children
        .iter()
        .filter_map(|c| match dom.elements[*c].name.as_str() {
            "incomingServer" => Some((false, *c)),
            "outgoingServer" => Some((true, *c)),
            _ => None,
        })
        .collect()
}

/// Reads an autoconfig document.
pub(crate) fn parse(src: &Source) -> Result<Parsed, ReadError> {
    let text = src.utf8()?;
    let dom = Dom::parse(text).map_err(|e| ReadError::Syntax {
        path: src.path.clone(),
        line: src.line_of(e.offset),
        message: e.message.escape_debug().to_string(),
    })?;
    let doc = reader::parse(text).map_err(|e| ReadError::Syntax {
        path: src.path.clone(),
        line: 1,
        message: e.to_string().escape_debug().to_string(),
    })?;
    let elements = server_elements(&dom);
    let ep = &doc.email_provider;
    let mut parsed = Parsed::default();
    let mut counts = (0usize, 0usize);
    for (outgoing, el) in elements {
        let (list, n): (&[XmlServer], &mut usize) = if outgoing {
            (&ep.outgoing, &mut counts.1)
        } else {
            (&ep.incoming, &mut counts.0)
        };
        let index = *n;
        *n += 1;
        let Some(s) = list.get(index) else { continue };
        let protocol = match (s.kind.to_ascii_lowercase().as_str(), outgoing) {
            ("pop3", false) => Protocol::Pop3,
            ("imap", false) => Protocol::Imap,
            ("smtp", true) => Protocol::Smtp,
            _ => continue,
        };
        let line_of = |name: &str| {
            dom.child(el, name)
                .map_or(src.line_of(dom.elements[el].span.start), |c| {
                    src.line_of(dom.elements[c].span.start)
                })
        };
        let security = match s.socket_type.as_deref().map(str::trim) {
            Some(t) if t.eq_ignore_ascii_case("SSL") || t.eq_ignore_ascii_case("TLS") => {
                Security::Tls
            }
            Some(t) if t.eq_ignore_ascii_case("STARTTLS") => Security::Starttls,
            _ => Security::Plain,
        };
        let port = s
            .port
            .as_deref()
            .and_then(|p| p.trim().parse::<u16>().ok())
            .filter(|p| *p != 0);
        parsed.accounts.push(Account {
            name: format!(
                "{} {}",
                if outgoing {
                    "outgoingServer"
                } else {
                    "incomingServer"
                },
                protocol.label()
            ),
            line: src.line_of(dom.elements[el].span.start),
            protocol,
            host: Setting::at(
                s.hostname.as_deref().unwrap_or("").trim().to_owned(),
                line_of("hostname"),
            ),
            port: match port {
                Some(p) => Setting::at(p, line_of("port")),
                None => Setting::implied(default_port(protocol, security)),
            },
            security: Setting::at(security, line_of("socketType")),
            starttls_optional: false,
            certificate_checked: true,
            auth: match s.authentication.first() {
                Some(a) => Setting::at(auth_of(a), line_of("authentication")),
                None => Setting::implied(AuthMethod::Password),
            },
            username: s
                .username
                .as_deref()
                .map(|u| Setting::at(u.trim().to_owned(), line_of("username"))),
            password: Password::NotInFile,
            address: None,
            leave_on_server: s
                .pop3
                .as_ref()
                .and_then(|p| p.leave_messages_on_server.as_deref())
                .map(|v| v.trim() == "true"),
            active: true,
            smtp: None,
            place: Place::Autoconfig(Locator { outgoing, index }),
        });
    }
    Ok(parsed)
}

/// The fix for one server element.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let Place::Autoconfig(loc) = &account.place else {
        return Err(FixError::Unsupported("not an autoconfig server".into()));
    };
    let text =
        std::str::from_utf8(src.bytes()).map_err(|_| FixError::Unsupported("not UTF-8".into()))?;
    let dom = Dom::parse(text).map_err(|e| FixError::Unsupported(e.message))?;
    let el = server_elements(&dom)
        .into_iter()
        .filter(|(o, _)| *o == loc.outgoing)
        .nth(loc.index)
        .map(|(_, e)| e)
        .ok_or_else(|| FixError::Unsupported("the server element is no longer there".into()))?;
    let mut plan = Plan::new();
    let mut inserts: Vec<String> = Vec::new();
    let set = |plan: &mut Plan,
               inserts: &mut Vec<String>,
               name: &str,
               value: &str,
               field: Field,
               before: String| {
        match dom.child(el, name) {
            Some(c) => {
                let e = &dom.elements[c];
                let inner = if e.inner.is_empty() && e.span.end > e.span.start {
                    // `<port/>`: replace the element.
                    plan.edits.push(Edit::replace(
                        e.span.clone(),
                        format!("<{name}>{}</{name}>", xml::escape(value)),
                    ));
                    None
                } else {
                    Some(e.inner.clone())
                };
                if let Some(r) = inner {
                    plan.edits.push(Edit::replace(r, xml::escape(value)));
                }
                plan.change(field, src.line_of(e.span.start), before, value.to_owned());
            }
            None => {
                plan.change(
                    field,
                    src.line_of(dom.elements[el].span.start),
                    before,
                    value.to_owned(),
                );
                inserts.push(format!("<{name}>{}</{name}>", xml::escape(value)));
            }
        }
    };
    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        set(
            &mut plan,
            &mut inserts,
            "hostname",
            &want.host,
            Field::Host,
            account.host.value.clone(),
        );
    }
    if account.port.value != want.port || dom.child(el, "port").is_none() {
        set(
            &mut plan,
            &mut inserts,
            "port",
            &want.port.to_string(),
            Field::Port,
            account.port.value.to_string(),
        );
    }
    if account.security.value != want.security {
        let v = match want.security {
            Security::Tls => "SSL",
            Security::Starttls => "STARTTLS",
            Security::Plain => "plain",
        };
        set(
            &mut plan,
            &mut inserts,
            "socketType",
            v,
            Field::Security,
            security_label(account.security.value, false),
        );
    }
    if !account.auth.value.satisfies(&want.auth) {
        let v = match want.auth {
            AuthMethod::EncryptedPassword => "password-encrypted",
            AuthMethod::Oauth2 => "OAuth2",
            _ => "password-cleartext",
        };
        set(
            &mut plan,
            &mut inserts,
            "authentication",
            v,
            Field::Auth,
            account.auth.value.label().to_owned(),
        );
    }
    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    // A placeholder (`%EMAILADDRESS%`) is a template for every user: kept.
    let placeholder = user_now.is_some_and(|u| u.contains('%'));
    if user_now != Some(want.username.as_str()) && !placeholder {
        set(
            &mut plan,
            &mut inserts,
            "username",
            &want.username,
            Field::Username,
            user_now.unwrap_or("").to_owned(),
        );
    }
    if !inserts.is_empty() {
        let e = &dom.elements[el];
        plan.edits
            .push(Edit::insert(e.inner.end, inserts.concat().into_bytes()));
    }
    Ok(plan)
}
