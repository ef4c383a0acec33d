//! Apple configuration profiles (`.mobileconfig`): the `com.apple.mail.managed`
//! payloads.
//!
//! Values are read with the `plist` crate (XML or binary); a signed profile (CMS
//! `SignedData`, RFC 5652, DER or BER as `openssl smime -sign -nodetach` and
//! Apple Configurator write it) is read from the content inside it, taken out
//! with `asn1-rs`'s BER reader (through x509-parser, already used for
//! certificates). Its signature is not checked, and the file says so in a note:
//! mailconf reads settings, it does not decide whether to trust a profile. Other
//! payloads (Wi-Fi, VPN…) are skipped, their secrets never read. Each mail payload
//! gives two accounts, incoming (POP or IMAP) and outgoing SMTP. Apple has one
//! `…UseSSL` switch per server: on, the device uses implicit TLS on 993/995/465
//! and STARTTLS on other ports.
//!
//! Only unsigned XML profiles can be fixed: a change would break a signature,
//! which mailconf cannot make again ([`FixError::SignedProfile`]), and a binary
//! plist cannot be edited in place ([`FixError::BinaryProfile`]); both errors
//! name `mailconf export --format apple`, which writes a new profile.

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::text::Source;
use super::xml::{self, Dom};
use super::{
    Account, AuthMethod, Note, NoteKind, Origin, Parsed, Password, Place, ReadError, Setting,
    default_port, edit::Edit,
};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use plist::{Dictionary, Value};
use x509_parser::asn1_rs::{Any, Class, FromBer, Oid, Tag};

/// Where an Apple account is: the payload (index among `PayloadContent`) and side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    payload: usize,
    outgoing: bool,
}

const MAIL_PAYLOAD: &str = "com.apple.mail.managed";

/// `id-signedData` (RFC 5652): the content type of a signed profile.
const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";

/// Nesting of a constructed OCTET STRING's pieces (BER) mailconf follows.
const MAX_PIECES_DEPTH: usize = 4;

/// The content of a signed profile (CMS `ContentInfo` holding `SignedData`,
/// its `encapContentInfo` content), when `bytes` is one; `None` otherwise.
/// The signature is not checked.
fn signed_content(bytes: &[u8]) -> Option<Vec<u8>> {
    let (_, info) = Any::from_ber(bytes).ok()?;
    if info.header.tag() != Tag::Sequence {
        return None;
    }
    let (rest, content_type) = Oid::from_ber(info.data).ok()?;
    if content_type.to_id_string() != SIGNED_DATA {
        return None;
    }
    let (_, signed) = Any::from_ber(explicit0(rest)?).ok()?;
    if signed.header.tag() != Tag::Sequence {
        return None;
    }
    // SignedData: version, digestAlgorithms, encapContentInfo, …
    let (rest, _version) = Any::from_ber(signed.data).ok()?;
    let (rest, _digests) = Any::from_ber(rest).ok()?;
    let (_, encap) = Any::from_ber(rest).ok()?;
    if encap.header.tag() != Tag::Sequence {
        return None;
    }
    let (rest, _econtent_type) = Oid::from_ber(encap.data).ok()?;
    let (_, octets) = Any::from_ber(explicit0(rest)?).ok()?;
    octet_string(&octets, 0)
}

/// The content of the `[0] EXPLICIT` element at the start of `bytes`.
fn explicit0(bytes: &[u8]) -> Option<&[u8]> {
    let (_, tagged) = Any::from_ber(bytes).ok()?;
    let h = &tagged.header;
    (h.class() == Class::ContextSpecific && h.tag() == Tag(0) && h.is_constructed())
        .then_some(tagged.data)
}

/// An OCTET STRING's bytes: primitive, or (BER, as a streamed signature writes
/// it) constructed of pieces, joined.
fn octet_string(any: &Any, depth: usize) -> Option<Vec<u8>> {
    if any.header.tag() != Tag::OctetString {
        return None;
    }
    if any.header.is_primitive() {
        return Some(any.data.to_vec());
    }
    if depth >= MAX_PIECES_DEPTH {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = any.data;
    while !rest.is_empty() {
        let (next, piece) = Any::from_ber(rest).ok()?;
        out.extend(octet_string(&piece, depth + 1)?);
        rest = next;
    }
    Some(out)
}

fn payloads(root: &Value) -> Vec<(usize, &Dictionary)> {
    root.as_dictionary()
        .and_then(|d| d.get("PayloadContent"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_dictionary().map(|d| (i, d)))
                .filter(|(_, d)| {
                    d.get("PayloadType").and_then(Value::as_string) == Some(MAIL_PAYLOAD)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn string(d: &Dictionary, k: &str) -> Option<String> {
    d.get(k).and_then(Value::as_string).map(str::to_owned)
}

fn int(d: &Dictionary, k: &str) -> Option<u16> {
    d.get(k)
        .and_then(|v| {
            v.as_signed_integer()
                .or_else(|| v.as_string().and_then(|s| s.trim().parse().ok()))
        })
        .and_then(|n| u16::try_from(n).ok())
        .filter(|p| *p != 0)
}

fn auth(s: Option<String>) -> Setting<AuthMethod> {
    match s.as_deref() {
        None => Setting::implied(AuthMethod::Password),
        Some(a) => Setting {
            value: match a {
                "EmailAuthPassword" => AuthMethod::Password,
                "EmailAuthCRAMMD5" | "EmailAuthHTTPMD5" => AuthMethod::EncryptedPassword,
                "EmailAuthNTLM" => AuthMethod::Ntlm,
                "EmailAuthNone" => AuthMethod::None,
                other => AuthMethod::Other(other.to_owned()),
            },
            origin: Origin::Line(1),
        },
    }
}

/// Reads a profile.
pub(crate) fn parse(src: &Source) -> Result<Parsed, ReadError> {
    let signed = signed_content(src.bytes());
    let bytes = signed.as_deref().unwrap_or(src.bytes());
    let root = Value::from_reader(std::io::Cursor::new(bytes)).map_err(|e| ReadError::Syntax {
        path: src.path.clone(),
        line: 1,
        message: format!("not a property list: {}", e.to_string().escape_debug()),
    })?;
    // Line numbers, when the profile is XML.
    let dom = std::str::from_utf8(src.bytes())
        .ok()
        .and_then(|t| Dom::parse(t).ok());
    let mut parsed = Parsed::default();
    if signed.is_some() {
        // Line 1 of a DER file is binary: the note quotes nothing.
        parsed.notes.push(Note {
            line: 1,
            kind: NoteKind::SignatureNotVerified,
            excerpt: String::new(),
        });
    }
    for (index, d) in payloads(&root) {
        let incoming_type = string(d, "EmailAccountType");
        let in_proto = match incoming_type.as_deref() {
            Some("EmailTypePOP") => Protocol::Pop3,
            _ => Protocol::Imap,
        };
        let name = string(d, "EmailAccountDescription")
            .or_else(|| string(d, "PayloadDisplayName"))
            .unwrap_or_else(|| format!("payload {}", index + 1));
        let address = string(d, "EmailAddress");
        let same_password = d
            .get("OutgoingPasswordSameAsIncomingPassword")
            .and_then(Value::as_boolean)
            .unwrap_or(false);
        for (prefix, protocol, outgoing) in [
            ("Incoming", in_proto, false),
            ("Outgoing", Protocol::Smtp, true),
        ] {
            let Some(host) = string(d, &format!("{prefix}MailServerHostName")) else {
                continue;
            };
            let line = |key: &str| -> usize {
                dom.as_ref()
                    .and_then(|dom| value_of(dom, index, key))
                    .map_or(1, |i| {
                        src.line_of(dom.as_ref().map_or(0, |d| d.elements[i].span.start))
                    })
            };
            let use_ssl = d
                .get(&format!("{prefix}MailServerUseSSL"))
                .and_then(Value::as_boolean);
            let port = int(d, &format!("{prefix}MailServerPortNumber"));
            let tls_port = |p: u16| matches!(p, 993 | 995 | 465);
            let security = match (use_ssl, port) {
                (Some(true), Some(p)) if !tls_port(p) => Security::Starttls,
                (Some(true), _) => Security::Tls,
                _ => Security::Plain,
            };
            let pw_key = if outgoing && same_password {
                "IncomingPassword"
            } else {
                if outgoing {
                    "OutgoingPassword"
                } else {
                    "IncomingPassword"
                }
            };
            let password = match string(d, pw_key).filter(|p| !p.is_empty()) {
                Some(p) => Password::InFile {
                    secret: Secret::from(p.as_str()),
                    line: line(pw_key),
                },
                None => Password::NotInFile,
            };
            let mut auth = auth(string(d, &format!("{prefix}MailServerAuthentication")));
            if auth.origin != Origin::Implied {
                auth.origin = Origin::Line(line(&format!("{prefix}MailServerAuthentication")));
            }
            parsed.accounts.push(Account {
                name: format!("{name} ({})", protocol.label()),
                line: line(&format!("{prefix}MailServerHostName")),
                protocol,
                host: Setting::at(host, line(&format!("{prefix}MailServerHostName"))),
                port: match port {
                    Some(p) => Setting::at(p, line(&format!("{prefix}MailServerPortNumber"))),
                    None => Setting::implied(default_port(protocol, security)),
                },
                security: match use_ssl {
                    Some(_) => Setting::at(security, line(&format!("{prefix}MailServerUseSSL"))),
                    None => Setting::implied(security),
                },
                starttls_optional: false,
                certificate_checked: true,
                auth,
                username: string(d, &format!("{prefix}MailServerUsername"))
                    .map(|u| Setting::at(u, line(&format!("{prefix}MailServerUsername")))),
                password,
                address: address.clone(),
                leave_on_server: None,
                active: true,
                smtp: None,
                place: Place::Apple(Locator {
                    payload: index,
                    outgoing,
                }),
            });
        }
    }
    Ok(parsed)
}

/// The `<dict>` of payload `index` in an XML profile.
fn payload_dict(dom: &Dom, index: usize) -> Option<usize> {
    let root = dom
        .child(0, "dict")
        .or_else(|| (dom.elements[0].name == "dict").then_some(0))?;
    let array = value_after_key(dom, root, "PayloadContent")?;
    dom.elements[array].children.get(index).copied()
}

/// The value element after `<key>key</key>` in dict `dict`.
fn value_after_key(dom: &Dom, dict: usize, key: &str) -> Option<usize> {
    let kids = &dom.elements[dict].children;
    let pos = kids
        .iter()
        .rposition(|k| dom.elements[*k].name == "key" && dom.elements[*k].text.trim() == key)?;
    kids.get(pos + 1).copied()
}

fn value_of(dom: &Dom, payload: usize, key: &str) -> Option<usize> {
    value_after_key(dom, payload_dict(dom, payload)?, key)
}

/// The fix for one account of an unsigned XML profile.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let Place::Apple(loc) = &account.place else {
        return Err(FixError::Unsupported("not an Apple profile account".into()));
    };
    if signed_content(src.bytes()).is_some() {
        return Err(FixError::SignedProfile);
    }
    if src.bytes().starts_with(b"bplist") {
        return Err(FixError::BinaryProfile);
    }
    let text = std::str::from_utf8(src.bytes()).map_err(|_| FixError::BinaryProfile)?;
    let dom = Dom::parse(text).map_err(|e| FixError::Unsupported(e.message))?;
    let dict = payload_dict(&dom, loc.payload)
        .ok_or_else(|| FixError::Unsupported("the payload is no longer there".into()))?;
    let prefix = if loc.outgoing { "Outgoing" } else { "Incoming" };
    let mut plan = Plan::new();
    let mut inserts: Vec<(String, String)> = Vec::new();
    let set_text = |plan: &mut Plan,
                    inserts: &mut Vec<(String, String)>,
                    key: String,
                    element: &str,
                    value: &str,
                    field: Field,
                    before: String| {
        match value_after_key(&dom, dict, &key) {
            Some(v) if dom.elements[v].name == element => {
                plan.edits.push(Edit::replace(
                    dom.elements[v].inner.clone(),
                    xml::escape(value),
                ));
                plan.change(
                    field,
                    src.line_of(dom.elements[v].span.start),
                    before,
                    value.to_owned(),
                );
            }
            Some(v) => {
                plan.edits.push(Edit::replace(
                    dom.elements[v].span.clone(),
                    format!("<{element}>{}</{element}>", xml::escape(value)),
                ));
                plan.change(
                    field,
                    src.line_of(dom.elements[v].span.start),
                    before,
                    value.to_owned(),
                );
            }
            None => {
                plan.change(
                    field,
                    src.line_of(dom.elements[dict].span.start),
                    before,
                    value.to_owned(),
                );
                inserts.push((
                    key,
                    format!("<{element}>{}</{element}>", xml::escape(value)),
                ));
            }
        }
    };
    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        set_text(
            &mut plan,
            &mut inserts,
            format!("{prefix}MailServerHostName"),
            "string",
            &want.host,
            Field::Host,
            account.host.value.clone(),
        );
    }
    if account.port.value != want.port || account.port.origin == Origin::Implied {
        set_text(
            &mut plan,
            &mut inserts,
            format!("{prefix}MailServerPortNumber"),
            "integer",
            &want.port.to_string(),
            Field::Port,
            account.port.value.to_string(),
        );
    }
    let tls_port = matches!(want.port, 993 | 995 | 465);
    let representable = match want.security {
        Security::Tls => tls_port,
        Security::Starttls => !tls_port,
        Security::Plain => true,
    };
    if !representable {
        return Err(FixError::Unrepresentable {
            format: "apple",
            field: Field::Security,
            reason: format!(
                "Apple devices choose TLS or STARTTLS by the port; {} on port {} is not possible",
                want.security.as_str(),
                want.port
            ),
        });
    }
    let want_ssl = want.security != Security::Plain;
    let has_ssl = account.security.value != Security::Plain;
    if want_ssl != has_ssl || account.security.origin == Origin::Implied {
        let key = format!("{prefix}MailServerUseSSL");
        let element = if want_ssl { "<true/>" } else { "<false/>" };
        let before = security_label(account.security.value, false);
        match value_after_key(&dom, dict, &key) {
            Some(v) => {
                plan.edits
                    .push(Edit::replace(dom.elements[v].span.clone(), element));
                plan.change(
                    Field::Security,
                    src.line_of(dom.elements[v].span.start),
                    before,
                    want.security.as_str().to_owned(),
                );
            }
            None => {
                plan.change(
                    Field::Security,
                    src.line_of(dom.elements[dict].span.start),
                    before,
                    want.security.as_str().to_owned(),
                );
                inserts.push((key, element.to_owned()));
            }
        }
    }
    if !account.auth.value.satisfies(&want.auth) {
        let v = match want.auth {
            AuthMethod::EncryptedPassword => "EmailAuthCRAMMD5",
            AuthMethod::Ntlm => "EmailAuthNTLM",
            AuthMethod::None => "EmailAuthNone",
            _ => "EmailAuthPassword",
        };
        set_text(
            &mut plan,
            &mut inserts,
            format!("{prefix}MailServerAuthentication"),
            "string",
            v,
            Field::Auth,
            account.auth.value.label().to_owned(),
        );
    }
    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    if user_now != Some(want.username.as_str()) {
        set_text(
            &mut plan,
            &mut inserts,
            format!("{prefix}MailServerUsername"),
            "string",
            &want.username,
            Field::Username,
            user_now.unwrap_or("").to_owned(),
        );
    }
    if !inserts.is_empty() {
        // Before the payload's `</dict>`, indented like its last key.
        let d = &dom.elements[dict];
        let b = src.bytes();
        let close = d.inner.end;
        let line_start = b[..close]
            .iter()
            .rposition(|c| *c == b'\n')
            .map_or(0, |p| p + 1);
        // `</dict>` on its own line: the new keys go on lines before it; in a
        // compact profile they go right before the tag.
        let own_line = b[line_start..close].iter().all(u8::is_ascii_whitespace);
        let last_key = d
            .children
            .iter()
            .rev()
            .find(|k| dom.elements[**k].name == "key")
            .map(|k| dom.elements[*k].span.start);
        let indent = last_key
            .map(|k| {
                let ls = b[..k]
                    .iter()
                    .rposition(|c| *c == b'\n')
                    .map_or(0, |p| p + 1);
                String::from_utf8_lossy(&b[ls..k]).into_owned()
            })
            .unwrap_or_else(|| "\t".into());
        let nl = src.newline();
        let mut text = String::new();
        for (k, v) in &inserts {
            let k = xml::escape(k);
            if own_line {
                text.push_str(&format!("{indent}<key>{k}</key>{nl}{indent}{v}{nl}"));
            } else {
                text.push_str(&format!("<key>{k}</key>{v}"));
            }
        }
        let at = if own_line { line_start } else { close };
        plan.edits.push(Edit::insert(at, text.into_bytes()));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn compact_profile_gets_keys_before_the_closing_tag() {
        let text = "<plist version=\"1.0\"><dict><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.mail.managed</string><key>EmailAccountType</key><string>EmailTypeIMAP</string><key>IncomingMailServerHostName</key><string>imap.example.com</string></dict></array></dict></plist>";
        let l = super::super::parse(Path::new("a.mobileconfig"), text.as_bytes().to_vec(), None)
            .unwrap();
        assert_eq!(l.accounts[0].port, Setting::implied(143));
        let f = l
            .fix(
                0,
                &Corrected {
                    host: "imap.example.com".into(),
                    port: 993,
                    security: Security::Tls,
                    auth: AuthMethod::Password,
                    username: "u".into(),
                },
            )
            .unwrap();
        let fixed = String::from_utf8(f.bytes).unwrap();
        assert!(
            fixed.contains("<string>imap.example.com</string><key>IncomingMailServerPortNumber</key><integer>993</integer><key>IncomingMailServerUseSSL</key><true/>"),
            "{fixed}"
        );
        let again =
            super::super::parse(Path::new("a.mobileconfig"), fixed.into_bytes(), None).unwrap();
        assert_eq!(again.accounts[0].port.value, 993);
        assert_eq!(again.accounts[0].security.value, Security::Tls);
        assert_eq!(again.accounts[0].username.as_ref().unwrap().value, "u");
    }
}
