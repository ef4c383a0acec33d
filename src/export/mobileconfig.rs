//! Apple configuration profile (`.mobileconfig`) with one `com.apple.mail.managed`
//! payload, for Mail on macOS, iOS and iPadOS.
//!
//! Written with the `plist` crate (XML plist). The profile is unsigned: macOS and
//! iOS install it after a warning that it is "unverified". Every install gets fresh
//! `PayloadUUID`s; the `PayloadIdentifier` is derived from the address, so
//! installing a newer export for the same account replaces the old one instead of
//! adding a second account. Without an address, the address and usernames are left
//! out and the device asks for them during installation (Apple's documented
//! behaviour for missing fields). A plist has no comments, so where the settings
//! came from, what the profile cannot set (Apple's mail payload has no key for
//! leaving POP3 mail on the server, nor for the IMAP ID command) and the
//! provider's quirks go into `PayloadDescription`, which the install dialog shows.

use super::provenance::header;
use super::settings::AccountSettings;
use super::{ExportError, Exporter, Expresses, Format, Support, UuidGenerator, UuidSource};
use crate::i18n::{Lang, msg};
use crate::providers::{Protocol, Security};
use plist::{Dictionary, Value};

/// The Apple profile exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Apple {
    /// Where `PayloadUUID`s come from (seeded in tests for stable snapshots).
    pub uuids: UuidSource,
}

const NAME: &str = "apple";

/// `mailconf.account.<what>` with everything but ASCII letters, digits, `.` and `-`
/// replaced: a reverse-DNS style identifier Apple accepts.
fn identifier(s: &AccountSettings) -> String {
    let what = s
        .address_ascii()
        .map(|a| a.replace('@', "."))
        .unwrap_or_else(|| s.provider.id.clone());
    let clean: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("mailconf.account.{clean}")
}

fn uuid_string(g: &mut UuidGenerator) -> String {
    g.next_uuid().hyphenated().to_string().to_ascii_uppercase()
}

/// Apple's `…UseSSL` is one boolean for "encrypt this connection": Mail then uses
/// implicit TLS or STARTTLS depending on the port (993/995/465 wrap the connection,
/// 143/110/587 upgrade it). There is no separate STARTTLS key, so both TLS and
/// STARTTLS are `true`; plaintext servers never reach this point.
fn use_ssl(s: Security) -> bool {
    matches!(s, Security::Tls | Security::Starttls)
}

impl Exporter for Apple {
    fn format(&self) -> Format {
        Format::Apple
    }

    fn default_file_name(&self) -> &'static str {
        "account.mobileconfig"
    }

    fn file_name(&self, s: &AccountSettings) -> String {
        format!("{}.mobileconfig", s.provider.id)
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-apple-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-apple-destination")
    }

    fn supports_password(&self) -> bool {
        true
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NoSetting,
            imap_id: Support::NoSetting,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let mut uuids = self.uuids.generator();
        let top_uuid = uuid_string(&mut uuids);
        let mail_uuid = uuid_string(&mut uuids);
        let top_id = identifier(s);
        let provider_name = s.provider.name.get(lang).to_owned();
        // A plist has no comments: what the file cannot set is said where the
        // install dialog shows it.
        let description = header(self, s, true, lang).join("\n");

        let mut mail = Dictionary::new();
        let str_v = |v: &str| Value::String(v.to_owned());
        mail.insert("PayloadType".into(), str_v("com.apple.mail.managed"));
        mail.insert("PayloadVersion".into(), Value::Integer(1.into()));
        mail.insert("PayloadIdentifier".into(), str_v(&format!("{top_id}.mail")));
        mail.insert("PayloadUUID".into(), str_v(&mail_uuid));
        mail.insert("PayloadDisplayName".into(), str_v(&provider_name));
        mail.insert("PayloadDescription".into(), str_v(&description));
        mail.insert(
            "EmailAccountType".into(),
            str_v(match s.incoming.protocol {
                Protocol::Pop3 => "EmailTypePOP",
                _ => "EmailTypeIMAP",
            }),
        );
        mail.insert("EmailAccountDescription".into(), str_v(&provider_name));
        if let Some(n) = &s.display_name {
            mail.insert("EmailAccountName".into(), str_v(n));
        }
        if let Some(a) = s.address_ascii() {
            mail.insert("EmailAddress".into(), str_v(&a));
        }
        for (prefix, ep) in [("Incoming", &s.incoming), ("Outgoing", &s.outgoing)] {
            mail.insert(
                format!("{prefix}MailServerHostName"),
                str_v(&s.host(ep, NAME)?),
            );
            mail.insert(
                format!("{prefix}MailServerPortNumber"),
                Value::Integer(i64::from(ep.port).into()),
            );
            mail.insert(
                format!("{prefix}MailServerUseSSL"),
                Value::Boolean(use_ssl(ep.security)),
            );
            mail.insert(
                format!("{prefix}MailServerAuthentication"),
                str_v("EmailAuthPassword"),
            );
            // Without an address the username is left out: the device asks for it.
            if let Ok(u) = s.username(ep, NAME) {
                mail.insert(format!("{prefix}MailServerUsername"), str_v(&u));
            }
        }
        mail.insert(
            "OutgoingPasswordSameAsIncomingPassword".into(),
            Value::Boolean(true),
        );
        if let Some(p) = s.password_text() {
            mail.insert("IncomingPassword".into(), str_v(p));
        }

        let mut top = Dictionary::new();
        top.insert("PayloadType".into(), str_v("Configuration"));
        top.insert("PayloadVersion".into(), Value::Integer(1.into()));
        top.insert("PayloadIdentifier".into(), str_v(&top_id));
        top.insert("PayloadUUID".into(), str_v(&top_uuid));
        top.insert(
            "PayloadDisplayName".into(),
            str_v(&format!(
                "{provider_name}: {}",
                super::provenance::who(s, lang)
            )),
        );
        top.insert("PayloadDescription".into(), str_v(&description));
        top.insert("PayloadRemovalDisallowed".into(), Value::Boolean(false));
        top.insert(
            "PayloadContent".into(),
            Value::Array(vec![Value::Dictionary(mail)]),
        );

        let mut out = Vec::new();
        Value::Dictionary(top)
            .to_writer_xml_with_options(
                &mut out,
                &plist::XmlWriteOptions::default().indent(b'\t', 1),
            )
            .map_err(|e| ExportError::Write {
                format: NAME,
                message: e.to_string(),
            })?;
        let mut text = String::from_utf8(out).map_err(|e| ExportError::Write {
            format: NAME,
            message: e.to_string(),
        })?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    }
}
