//! `getmailrc` (getmail6): the `[retriever]` section.
//!
//! getmail reads its rc file with Python's `RawConfigParser` ([`super::ini`]).
//! The retriever `type` names the protocol and whether it is wrapped in TLS
//! (`SimplePOP3Retriever` plaintext on 110, `SimplePOP3SSLRetriever` on 995,
//! `SimpleIMAPSSLRetriever` on 993, the Multidrop and BrokenUIDL variants alike);
//! `server`, `port`, `username`, `password` or `password_command` (a command,
//! shown and never run), `use_apop` / `use_cram_md5` / `use_xoauth2`. getmail has
//! no STARTTLS, and checks the server certificate only when `ca_certs` is set.

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::ini::{self, Dialect, Item};
use super::text::Source;
use super::{
    Account, AuthMethod, NoteKind, Parsed, Password, Place, Setting, default_port, edit::Edit,
    lossy,
};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;

/// The CA bundle on Debian and most Linux systems, written when a fixed file
/// must check certificates.
const SYSTEM_CA_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// Where a getmail account is (one retriever per file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator;

/// Retriever types: (name, protocol, TLS, the other variant).
const TYPES: &[(&str, Protocol, bool, Option<&str>)] = &[
    (
        "SimplePOP3Retriever",
        Protocol::Pop3,
        false,
        Some("SimplePOP3SSLRetriever"),
    ),
    (
        "SimplePOP3SSLRetriever",
        Protocol::Pop3,
        true,
        Some("SimplePOP3Retriever"),
    ),
    (
        "BrokenUIDLPOP3Retriever",
        Protocol::Pop3,
        false,
        Some("BrokenUIDLPOP3SSLRetriever"),
    ),
    (
        "BrokenUIDLPOP3SSLRetriever",
        Protocol::Pop3,
        true,
        Some("BrokenUIDLPOP3Retriever"),
    ),
    (
        "MultidropPOP3Retriever",
        Protocol::Pop3,
        false,
        Some("MultidropPOP3SSLRetriever"),
    ),
    (
        "MultidropPOP3SSLRetriever",
        Protocol::Pop3,
        true,
        Some("MultidropPOP3Retriever"),
    ),
    ("MultidropSDPSRetriever", Protocol::Pop3, false, None),
    (
        "SimpleIMAPRetriever",
        Protocol::Imap,
        false,
        Some("SimpleIMAPSSLRetriever"),
    ),
    (
        "SimpleIMAPSSLRetriever",
        Protocol::Imap,
        true,
        Some("SimpleIMAPRetriever"),
    ),
    (
        "MultidropIMAPRetriever",
        Protocol::Imap,
        false,
        Some("MultidropIMAPSSLRetriever"),
    ),
    (
        "MultidropIMAPSSLRetriever",
        Protocol::Imap,
        true,
        Some("MultidropIMAPRetriever"),
    ),
];

/// A value of the `[retriever]` section and where it is.
struct Val<'a> {
    value: &'a [u8],
    span: std::ops::Range<usize>,
    line: usize,
    last_line: usize,
}

struct Retriever<'a> {
    header_line: usize,
    /// The last line of the section's last entry.
    last_line: usize,
    entries: Vec<(String, Val<'a>)>,
}

impl<'a> Retriever<'a> {
    fn get(&self, key: &str) -> Option<&Val<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

fn retriever<'a>(
    src: &Source,
    items: &'a [ini::Line],
    parsed: &mut Parsed,
) -> Option<Retriever<'a>> {
    let mut current: Option<&str> = None;
    let mut r: Option<Retriever<'a>> = None;
    for l in items {
        match &l.item {
            Item::Section { name } => {
                current = Some(name.as_str());
                if name == "retriever" {
                    r = Some(Retriever {
                        header_line: l.line,
                        last_line: l.line,
                        entries: Vec::new(),
                    });
                }
            }
            Item::Entry {
                key,
                value,
                value_span,
                last_line,
            } => {
                if current == Some("retriever")
                    && let Some(r) = r.as_mut()
                {
                    r.last_line = *last_line;
                    r.entries.push((
                        key.clone(),
                        Val {
                            value,
                            span: value_span.clone(),
                            line: l.line,
                            last_line: *last_line,
                        },
                    ));
                }
            }
            Item::Bad => parsed.note(src, l.line, NoteKind::ClientRefuses),
        }
    }
    r
}

/// Reads a getmailrc.
pub(crate) fn parse(src: &Source) -> Parsed {
    let mut parsed = Parsed::default();
    let items = ini::items(src, Dialect::ConfigParser);
    let Some(r) = retriever(src, &items, &mut parsed) else {
        return parsed;
    };
    let Some(ty) = r.get("type") else {
        parsed.note(src, r.header_line, NoteKind::NotUnderstood);
        return parsed;
    };
    let ty_name = lossy(ty.value);
    let Some(&(_, protocol, tls, _)) = TYPES.iter().find(|t| t.0 == ty_name) else {
        parsed.note(src, ty.line, NoteKind::NotUnderstood);
        return parsed;
    };
    let security = Setting::at(if tls { Security::Tls } else { Security::Plain }, ty.line);
    let port = match r.get("port").and_then(|p| {
        lossy(p.value)
            .trim()
            .parse::<u16>()
            .ok()
            .map(|n| (n, p.line))
    }) {
        Some((n, line)) => Setting::at(n, line),
        None => Setting::implied(default_port(protocol, security.value)),
    };
    let flag = |k: &str| {
        r.get(k)
            .is_some_and(|v| {
                matches!(
                    lossy(v.value).to_ascii_lowercase().as_str(),
                    "1" | "yes" | "true" | "on"
                )
            })
            .then(|| r.get(k).map_or(0, |v| v.line))
    };
    let auth = if let Some(l) = flag("use_apop").or_else(|| flag("use_cram_md5")) {
        Setting::at(AuthMethod::EncryptedPassword, l)
    } else if let Some(l) = flag("use_xoauth2") {
        Setting::at(AuthMethod::Oauth2, l)
    } else if let Some(l) = flag("use_kerberos") {
        Setting::at(AuthMethod::Gssapi, l)
    } else {
        Setting::implied(AuthMethod::Password)
    };
    let password = if let Some(p) = r.get("password").filter(|p| !p.value.is_empty()) {
        Password::InFile {
            secret: Secret::from(lossy(p.value).as_str()),
            line: p.line,
        }
    } else if let Some(p) = r.get("password_command").filter(|p| !p.value.is_empty()) {
        parsed.note(src, p.line, NoteKind::CommandNotRun);
        Password::Command {
            command: lossy(p.value),
            line: p.line,
        }
    } else {
        Password::NotInFile
    };
    let host = r
        .get("server")
        .map(|s| Setting::at(lossy(s.value), s.line))
        .unwrap_or_else(|| Setting::implied(String::new()));
    parsed.accounts.push(Account {
        name: format!("[retriever] {ty_name}"),
        line: r.header_line,
        protocol,
        host,
        port,
        security,
        starttls_optional: false,
        certificate_checked: tls && r.get("ca_certs").is_some(),
        auth,
        username: r
            .get("username")
            .map(|u| Setting::at(lossy(u.value), u.line)),
        password,
        address: None,
        leave_on_server: None,
        active: true,
        smtp: None,
        place: Place::Getmail(Locator),
    });
    parsed
}

/// The fix for the retriever of a getmailrc.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let mut scratch = Parsed::default();
    let items = ini::items(src, Dialect::ConfigParser);
    let r = retriever(src, &items, &mut scratch)
        .ok_or_else(|| FixError::Unsupported("no [retriever] section".into()))?;
    let mut plan = Plan::new();
    let nl = src.newline();
    let mut inserts: Vec<String> = Vec::new();
    let b = src.bytes();
    let set = |plan: &mut Plan,
               inserts: &mut Vec<String>,
               key: &str,
               field: Field,
               value: &str,
               before: String| {
        match r.get(key) {
            // A continued value: the whole value is replaced (its first line).
            Some(v) if v.last_line == v.line => {
                plan.edits
                    .push(Edit::replace(v.span.clone(), value.as_bytes()));
                plan.change(field, v.line, before, format!("{key} = {value}"));
            }
            Some(v) => {
                let end = src.line_range(v.last_line).end;
                plan.edits
                    .push(Edit::replace(v.span.start..end, value.as_bytes()));
                plan.change(field, v.line, before, format!("{key} = {value}"));
            }
            None => {
                plan.change(field, r.last_line, before, format!("{key} = {value}"));
                inserts.push(format!("{key} = {value}"));
            }
        }
    };
    if want.security == Security::Starttls {
        return Err(FixError::Unrepresentable {
            format: "getmail",
            field: Field::Security,
            reason: "getmail has no STARTTLS; use the server's implicit-TLS port (995 or 993)"
                .into(),
        });
    }
    if want.username.trim() != want.username || want.host.trim() != want.host {
        return Err(FixError::Unrepresentable {
            format: "getmail",
            field: Field::Username,
            reason: "getmail strips spaces at the start and end of a value".into(),
        });
    }
    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        set(
            &mut plan,
            &mut inserts,
            "server",
            Field::Host,
            &want.host,
            account.host.value.clone(),
        );
    }
    let want_tls = want.security == Security::Tls;
    if (account.security.value == Security::Tls) != want_tls {
        let ty = r
            .get("type")
            .ok_or_else(|| FixError::Unsupported("no retriever type".into()))?;
        let name = lossy(ty.value);
        let other = TYPES
            .iter()
            .find(|t| t.0 == name)
            .and_then(|t| t.3)
            .ok_or_else(|| FixError::Unrepresentable {
                format: "getmail",
                field: Field::Security,
                reason: format!("{name} has no TLS variant"),
            })?;
        set(
            &mut plan,
            &mut inserts,
            "type",
            Field::Security,
            other,
            security_label(account.security.value, false),
        );
    }
    // Certificates are checked only with ca_certs.
    if want_tls && r.get("ca_certs").is_none() {
        set(
            &mut plan,
            &mut inserts,
            "ca_certs",
            Field::Security,
            SYSTEM_CA_BUNDLE,
            "certificate not checked".into(),
        );
    }
    let need_port = match r.get("port") {
        None => default_port(account.protocol, want.security) != want.port,
        Some(_) => account.port.value != want.port,
    };
    if need_port {
        set(
            &mut plan,
            &mut inserts,
            "port",
            Field::Port,
            &want.port.to_string(),
            account.port.value.to_string(),
        );
    }
    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    if user_now != Some(want.username.as_str()) {
        set(
            &mut plan,
            &mut inserts,
            "username",
            Field::Username,
            &want.username,
            user_now.unwrap_or("").to_owned(),
        );
    }
    if !account.auth.value.satisfies(&want.auth) && want.auth == AuthMethod::Password {
        for key in ["use_apop", "use_cram_md5", "use_xoauth2", "use_kerberos"] {
            if r.get(key).is_some() {
                set(
                    &mut plan,
                    &mut inserts,
                    key,
                    Field::Auth,
                    "false",
                    account.auth.value.label().to_owned(),
                );
            }
        }
    }
    if !inserts.is_empty() {
        let at = src.line_range(r.last_line).end;
        let text: String = inserts.iter().map(|l| format!("{nl}{l}")).collect();
        let _ = b;
        plan.edits.push(Edit::insert(at, text.into_bytes()));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const RC: &str = "# getmail for sina, 2009
[retriever]
type = SimplePOP3Retriever
server = pop3.sina.com.cn
username = wang
password = hunter2

[destination]
type = Maildir
path = ~/Maildir/

[options]
delete = false
";

    #[test]
    fn reads_and_fixes() {
        let l = super::super::parse(Path::new("getmailrc"), RC.as_bytes().to_vec(), None).unwrap();
        let a = &l.accounts[0];
        assert_eq!(a.protocol, Protocol::Pop3);
        assert_eq!(a.port, Setting::implied(110));
        assert_eq!(a.security.value, Security::Plain);
        assert_eq!(a.password.secret().unwrap().expose(), "hunter2");
        let f = l
            .fix(
                0,
                &Corrected {
                    host: "pop.sina.com".into(),
                    port: 995,
                    security: Security::Tls,
                    auth: AuthMethod::Password,
                    username: "wang@sina.com".into(),
                },
            )
            .unwrap();
        assert_eq!(
            String::from_utf8(f.bytes).unwrap(),
            RC.replace(
                "type = SimplePOP3Retriever",
                "type = SimplePOP3SSLRetriever"
            )
            .replace("server = pop3.sina.com.cn", "server = pop.sina.com")
            .replace("username = wang", "username = wang@sina.com")
            .replace(
                "password = hunter2\n",
                "password = hunter2\nca_certs = /etc/ssl/certs/ca-certificates.crt\n"
            )
        );
        assert!(matches!(
            l.fix(
                0,
                &Corrected {
                    host: "pop.sina.com".into(),
                    port: 110,
                    security: Security::Starttls,
                    auth: AuthMethod::Password,
                    username: "wang".into(),
                }
            ),
            Err(FixError::Unrepresentable { .. })
        ));
    }
}
