//! Thunderbird autoconfig (`config-v1.1.xml`, the ISPDB format).
//!
//! The file describes a domain, not one person: usernames are written as the
//! placeholders `%EMAILADDRESS%` / `%EMAILLOCALPART%` when they follow the
//! provider's rule, so the same file works for everyone at the domain, whether it
//! sits in Thunderbird's `isp/` folder or is served at `autoconfig.<domain>`. For the
//! same reason it never carries a password. A provider that refuses passwords
//! gets `<authentication>OAuth2</authentication>`: Thunderbird signs in itself. mailconf's own reader
//! ([`crate::providers::autoconfig::parse`]) reads it back in the tests.

use super::provenance::header;
use super::settings::{AccountSettings, Endpoint, Username};
use super::xml::Xml;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::{Protocol, Security, UsernameForm};

/// The Thunderbird autoconfig exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Thunderbird;

const NAME: &str = "thunderbird";

fn socket_type(s: Security) -> &'static str {
    match s {
        Security::Tls => "SSL",
        Security::Starttls => "STARTTLS",
        // Refused by AccountSettings::check before rendering.
        Security::Plain => "plain",
    }
}

fn username(ep: &Endpoint) -> String {
    match &ep.username {
        Username::Form(UsernameForm::Address) => "%EMAILADDRESS%".into(),
        Username::Form(UsernameForm::LocalPart) => "%EMAILLOCALPART%".into(),
        Username::Form(UsernameForm::LocalPartDotDomain) => "%EMAILLOCALPART%.%EMAILDOMAIN%".into(),
        Username::Literal(u) => u.clone(),
    }
}

fn server(
    x: &mut Xml,
    element: &str,
    ep: &Endpoint,
    oauth2: bool,
    leave_on_server: Option<bool>,
) -> Result<(), ExportError> {
    x.start(element, &[("type", ep.protocol.as_str())])?;
    x.text("hostname", &ep.host)?;
    x.text("port", &ep.port.to_string())?;
    x.text("socketType", socket_type(ep.security))?;
    x.text("username", &username(ep))?;
    // Thunderbird signs in with OAuth2 itself (its own client id), so a
    // provider that refuses passwords needs nothing but this value.
    x.text(
        "authentication",
        if oauth2 {
            "OAuth2"
        } else {
            "password-cleartext"
        },
    )?;
    if let Some(keep) = leave_on_server {
        x.start("pop3", &[])?;
        x.text("leaveMessagesOnServer", if keep { "true" } else { "false" })?;
        x.end("pop3")?;
    }
    x.end(element)
}

impl Exporter for Thunderbird {
    fn format(&self) -> Format {
        Format::Thunderbird
    }

    fn default_file_name(&self) -> &'static str {
        "config-v1.1.xml"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-thunderbird-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-thunderbird-destination")
    }

    fn destination_for(&self, domain: Option<&str>, lang: Lang) -> String {
        match domain {
            Some(d) => msg!(lang, "export-thunderbird-destination-for", domain = d),
            None => self.destination(lang),
        }
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn writes_oauth2(&self) -> bool {
        true
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::Setting,
            imap_id: Support::NoSetting,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let mut domains: Vec<String> = Vec::new();
        if let Some(a) = &s.address {
            domains.push(a.domain.clone());
        }
        for d in &s.provider.domains {
            if !domains.contains(d) {
                domains.push(d.clone());
            }
        }
        let id = domains
            .first()
            .cloned()
            .unwrap_or_else(|| s.provider.id.clone());

        let mut x = Xml::new(NAME)?;
        let mut comment = header(self, s, true, lang);
        if s.provider.oauth2 {
            comment.push(super::token::thunderbird_note(lang));
        }
        x.comment(&comment)?;
        x.start("clientConfig", &[("version", "1.1")])?;
        x.start("emailProvider", &[("id", &id)])?;
        for d in &domains {
            x.text("domain", d)?;
        }
        x.text("displayName", s.provider.name.get(lang))?;
        x.text("displayShortName", &s.provider.id)?;
        let keep = (s.incoming.protocol == Protocol::Pop3).then_some(s.leave_on_server);
        let oauth2 = s.provider.oauth2;
        server(&mut x, "incomingServer", &s.incoming, oauth2, keep)?;
        server(&mut x, "outgoingServer", &s.outgoing, oauth2, None)?;
        x.end("emailProvider")?;
        x.end("clientConfig")?;
        x.finish()
    }
}
