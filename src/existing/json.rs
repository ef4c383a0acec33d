//! mailconf's own JSON export (`docs/export-json.md`, `mailconf_export` 1).
//!
//! Two accounts: `incoming` and `outgoing`, with the top-level `password` (only
//! present when the export included it) for both. The values are read with
//! serde_json; their positions come from `RawValue`s borrowed from the text, so a
//! fix replaces exactly the value that was wrong.

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::text::Source;
use super::{Account, AuthMethod, Parsed, Password, Place, ReadError, Setting, edit::Edit};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::ops::Range;

/// Where a JSON account is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    outgoing: bool,
}

#[derive(Deserialize)]
struct Doc<'a> {
    mailconf_export: u32,
    #[serde(default, borrow)]
    account: Option<&'a RawValue>,
    #[serde(borrow)]
    incoming: Option<&'a RawValue>,
    #[serde(borrow)]
    outgoing: Option<&'a RawValue>,
    #[serde(default)]
    password: Option<String>,
}

#[derive(Deserialize)]
struct AccountDoc {
    #[serde(default)]
    address: Option<String>,
}

#[derive(Deserialize)]
struct ServerDoc<'a> {
    #[serde(borrow)]
    protocol: &'a RawValue,
    #[serde(borrow)]
    host: &'a RawValue,
    #[serde(borrow)]
    port: &'a RawValue,
    #[serde(borrow)]
    security: &'a RawValue,
    #[serde(default, borrow)]
    username: Option<&'a RawValue>,
    #[serde(default, borrow)]
    username_form: Option<&'a RawValue>,
    #[serde(default, borrow)]
    auth: Option<&'a RawValue>,
}

/// The byte range of `raw` inside `text` (it is borrowed from it).
fn span(text: &str, raw: &RawValue) -> Range<usize> {
    let start = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    start..start + raw.get().len()
}

fn syntax(src: &Source, e: &serde_json::Error) -> ReadError {
    ReadError::Syntax {
        path: src.path.clone(),
        line: e.line().max(1),
        message: e.to_string().escape_debug().to_string(),
    }
}

/// A server object: its values and their spans.
struct Server {
    protocol: Protocol,
    host: (String, Range<usize>),
    port: (u16, Range<usize>),
    security: (Security, Range<usize>),
    username: Option<(Option<String>, Range<usize>)>,
    /// `username_form`, when it is not null: a fixed username makes it null.
    username_form: Option<Range<usize>>,
    auth: Option<(AuthMethod, Range<usize>)>,
    /// The object's own span.
    object: Range<usize>,
}

fn server(src: &Source, text: &str, raw: &RawValue) -> Result<Server, ReadError> {
    let doc: ServerDoc = serde_json::from_str(raw.get()).map_err(|e| syntax(src, &e))?;
    let get = |r: &RawValue| -> Result<serde_json::Value, ReadError> {
        serde_json::from_str(r.get()).map_err(|e| syntax(src, &e))
    };
    let bad = |what: &str| ReadError::Syntax {
        path: src.path.clone(),
        line: src.line_of(span(text, raw).start),
        message: format!("invalid {what}"),
    };
    let protocol = match get(doc.protocol)?.as_str() {
        Some("pop3") => Protocol::Pop3,
        Some("imap") => Protocol::Imap,
        Some("smtp") => Protocol::Smtp,
        _ => return Err(bad("protocol")),
    };
    let host = get(doc.host)?
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| bad("host"))?;
    let port = get(doc.port)?
        .as_u64()
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0)
        .ok_or_else(|| bad("port"))?;
    let security = match get(doc.security)?.as_str() {
        Some("tls") => Security::Tls,
        Some("starttls") => Security::Starttls,
        Some("plain") => Security::Plain,
        _ => return Err(bad("security")),
    };
    let username = match doc.username {
        Some(u) => Some((get(u)?.as_str().map(str::to_owned), span(text, u))),
        None => None,
    };
    let auth = match doc.auth {
        Some(a) => Some((
            match get(a)?.as_str() {
                Some("password-cleartext") => AuthMethod::Password,
                Some("password-encrypted") => AuthMethod::EncryptedPassword,
                Some("oauth2") => AuthMethod::Oauth2,
                Some(other) => AuthMethod::Other(other.to_owned()),
                None => return Err(bad("auth")),
            },
            span(text, a),
        )),
        None => None,
    };
    let username_form = doc
        .username_form
        .filter(|f| f.get().trim() != "null")
        .map(|f| span(text, f));
    Ok(Server {
        username_form,
        protocol,
        host: (host, span(text, doc.host)),
        port: (port, span(text, doc.port)),
        security: (security, span(text, doc.security)),
        username,
        auth,
        object: span(text, raw),
    })
}

fn servers(src: &Source) -> Result<(Doc<'_>, Vec<(bool, Server)>), ReadError> {
    let text = src.utf8()?;
    let doc: Doc = serde_json::from_str(text).map_err(|e| syntax(src, &e))?;
    if doc.mailconf_export != 1 {
        return Err(ReadError::Unsupported {
            path: src.path.clone(),
            what: super::Unsupported::NewerExport(doc.mailconf_export),
        });
    }
    let mut out = Vec::new();
    for (outgoing, raw) in [(false, doc.incoming), (true, doc.outgoing)] {
        if let Some(raw) = raw {
            out.push((outgoing, server(src, text, raw)?));
        }
    }
    Ok((doc, out))
}

/// Reads a mailconf JSON export.
pub(crate) fn parse(src: &Source) -> Result<Parsed, ReadError> {
    let (doc, servers) = servers(src)?;
    let address = doc
        .account
        .and_then(|a| serde_json::from_str::<AccountDoc>(a.get()).ok())
        .and_then(|a| a.address);
    let mut parsed = Parsed::default();
    for (outgoing, s) in servers {
        let line = |r: &Range<usize>| src.line_of(r.start);
        parsed.accounts.push(Account {
            name: if outgoing { "outgoing" } else { "incoming" }.into(),
            line: line(&s.object),
            protocol: s.protocol,
            host: Setting::at(s.host.0.clone(), line(&s.host.1)),
            port: Setting::at(s.port.0, line(&s.port.1)),
            security: Setting::at(s.security.0, line(&s.security.1)),
            starttls_optional: false,
            certificate_checked: true,
            auth: match &s.auth {
                Some((a, r)) => Setting::at(a.clone(), line(r)),
                None => Setting::implied(AuthMethod::Password),
            },
            username: s
                .username
                .as_ref()
                .and_then(|(u, r)| u.clone().map(|u| Setting::at(u, line(r)))),
            password: match &doc.password {
                Some(p) if !p.is_empty() => Password::InFile {
                    secret: Secret::from(p.as_str()),
                    line: 1,
                },
                _ => Password::NotInFile,
            },
            address: address.clone(),
            leave_on_server: None,
            active: true,
            smtp: None,
            place: Place::Json(Locator { outgoing }),
        });
    }
    Ok(parsed)
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// The fix for one server of a JSON export.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let Place::Json(loc) = &account.place else {
        return Err(FixError::Unsupported("not a JSON export account".into()));
    };
    let (_, servers) = servers(src).map_err(|e| FixError::Unsupported(e.to_string()))?;
    let (_, s) = servers
        .into_iter()
        .find(|(o, _)| *o == loc.outgoing)
        .ok_or_else(|| FixError::Unsupported("the server is no longer in the file".into()))?;
    let mut plan = Plan::new();
    let line = |r: &Range<usize>| src.line_of(r.start);
    if !s.host.0.eq_ignore_ascii_case(&want.host) {
        plan.edits
            .push(Edit::replace(s.host.1.clone(), json_string(&want.host)));
        plan.change(
            Field::Host,
            line(&s.host.1),
            s.host.0.clone(),
            want.host.clone(),
        );
    }
    if s.port.0 != want.port {
        plan.edits
            .push(Edit::replace(s.port.1.clone(), want.port.to_string()));
        plan.change(
            Field::Port,
            line(&s.port.1),
            s.port.0.to_string(),
            want.port.to_string(),
        );
    }
    if s.security.0 != want.security {
        plan.edits.push(Edit::replace(
            s.security.1.clone(),
            json_string(want.security.as_str()),
        ));
        plan.change(
            Field::Security,
            line(&s.security.1),
            security_label(s.security.0, false),
            want.security.as_str().to_owned(),
        );
    }
    if !account.auth.value.satisfies(&want.auth)
        && let Some((a, r)) = &s.auth
    {
        let v = match want.auth {
            AuthMethod::EncryptedPassword => "password-encrypted",
            AuthMethod::Oauth2 => "oauth2",
            _ => "password-cleartext",
        };
        plan.edits.push(Edit::replace(r.clone(), json_string(v)));
        plan.change(Field::Auth, line(r), a.label().to_owned(), v.to_owned());
    }
    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    if user_now != Some(want.username.as_str()) {
        // The username no longer follows from the address (docs/export-json.md:
        // `username_form` is null for a fixed username).
        if let Some(r) = &s.username_form {
            plan.edits.push(Edit::replace(r.clone(), "null"));
        }
        match &s.username {
            Some((_, r)) => {
                plan.edits
                    .push(Edit::replace(r.clone(), json_string(&want.username)));
                plan.change(
                    Field::Username,
                    line(r),
                    user_now.unwrap_or("").to_owned(),
                    want.username.clone(),
                );
            }
            None => {
                // Add the key after the object's last value.
                let b = src.bytes();
                let close = s.object.end.saturating_sub(1);
                let at = b[..close]
                    .iter()
                    .rposition(|c| !c.is_ascii_whitespace())
                    .map_or(close, |p| p + 1);
                plan.edits.push(Edit::insert(
                    at,
                    format!(", \"username\": {}", json_string(&want.username)).into_bytes(),
                ));
                plan.change(
                    Field::Username,
                    line(&s.object),
                    String::new(),
                    want.username.clone(),
                );
            }
        }
    }
    Ok(plan)
}
