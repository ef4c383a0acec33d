//! mailconf's own JSON export: everything the other formats are made from,
//! including where the settings came from and what the probe verified.
//!
//! The schema is documented in `docs/export-json.md`; `mailconf_export` is its
//! version and changes only when a field changes meaning or disappears (new fields
//! may be added). Texts come in all three languages, so the output does not depend
//! on `--lang`.

use super::settings::{AccountSettings, AuthMethod, Endpoint, Username, Verification};
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::{AuthKind, Localized, Protocol, Quirk, Security, UsernameForm};
use serde::Serialize;

/// The JSON exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

/// Version of the JSON schema (`mailconf_export`).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    mailconf_export: u32,
    generator: String,
    account: Account,
    provider: ProviderDoc<'a>,
    incoming: ServerDoc,
    outgoing: ServerDoc,
    leave_on_server: bool,
    verification: &'a Verification,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a str>,
}

#[derive(Serialize)]
struct Account {
    address: Option<String>,
    address_unicode: Option<String>,
    display_name: Option<String>,
}

#[derive(Serialize)]
struct ProviderDoc<'a> {
    id: &'a str,
    name: &'a Localized,
    domains: &'a [String],
    password_kind: AuthKind,
    create_url: Option<&'a str>,
    hints: &'a [Localized],
    quirks: &'a [Quirk],
}

#[derive(Serialize)]
struct ServerDoc {
    protocol: Protocol,
    host: String,
    port: u16,
    security: Security,
    username: Option<String>,
    username_form: Option<UsernameForm>,
    auth: AuthMethod,
}

fn server(s: &AccountSettings, ep: &Endpoint) -> ServerDoc {
    // The one username rule (settings.rs); no address means no username yet.
    let username = s.username(ep, "json").ok();
    let username_form = match &ep.username {
        Username::Literal(_) => None,
        Username::Form(f) => Some(*f),
    };
    ServerDoc {
        protocol: ep.protocol,
        host: ep.host.clone(),
        port: ep.port,
        security: ep.security,
        username,
        username_form,
        auth: ep.auth,
    }
}

impl Exporter for Json {
    fn format(&self) -> Format {
        Format::Json
    }

    fn default_file_name(&self) -> &'static str {
        "mailconf.json"
    }

    fn file_name(&self, s: &AccountSettings) -> String {
        format!("{}.mailconf.json", s.provider.id)
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-json-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-json-destination")
    }

    fn supports_password(&self) -> bool {
        true
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NotApplicable,
            imap_id: Support::NotApplicable,
        }
    }

    fn write(&self, s: &AccountSettings, _lang: Lang) -> Result<String, ExportError> {
        let doc = Document {
            mailconf_export: SCHEMA_VERSION,
            generator: format!("mailconf {}", env!("CARGO_PKG_VERSION")),
            account: Account {
                address: s.address_ascii(),
                address_unicode: s.address_unicode(),
                display_name: s.display_name.clone(),
            },
            provider: ProviderDoc {
                id: &s.provider.id,
                name: &s.provider.name,
                domains: &s.provider.domains,
                password_kind: s.provider.password_kind,
                create_url: s.provider.create_url.as_deref(),
                hints: &s.provider.hints,
                quirks: &s.provider.quirks,
            },
            incoming: server(s, &s.incoming),
            outgoing: server(s, &s.outgoing),
            leave_on_server: s.leave_on_server,
            verification: &s.verified,
            password: s.password_text(),
        };
        let mut text = serde_json::to_string_pretty(&doc).map_err(|e| ExportError::Write {
            format: "json",
            message: e.to_string(),
        })?;
        text.push('\n');
        Ok(text)
    }
}
