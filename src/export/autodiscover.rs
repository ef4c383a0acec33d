//! Outlook: an Autodiscover "POX" response for admins to serve, and step-by-step
//! manual setup for users.
//!
//! The response is what a server answers at
//! `https://autodiscover.<domain>/autodiscover/autodiscover.xml` for one user
//! (`Autodiscover/Response/Account/Protocol` entries for POP3 or IMAP and SMTP,
//! Microsoft's [MS-OXDSCLI] schema, the same elements automx2 serves), so it needs
//! the address. Outlook's Autodiscover has no "leave on server" setting (the
//! response's comment says the client's own default applies); the manual
//! steps ([`OutlookSteps`]) cover that and everything else a user clicks through.

use super::markdown::{md_code, md_text};
use super::provenance::{header, who};
use super::settings::{AccountSettings, Endpoint};
use super::xml::Xml;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::describe::auth_kind;
use crate::providers::{Protocol, Security};

/// The Autodiscover POX response exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Autodiscover;

/// The Outlook manual-setup steps exporter (Markdown).
#[derive(Debug, Clone, Copy, Default)]
pub struct OutlookSteps;

const NAME: &str = "autodiscover";
const STEPS: &str = "outlook";

const NS_ROOT: &str = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
const NS_OUTLOOK: &str =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

fn on_off(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

fn protocol(
    x: &mut Xml,
    s: &AccountSettings,
    ep: &Endpoint,
    use_pop_auth: Option<bool>,
) -> Result<(), ExportError> {
    x.start("Protocol", &[])?;
    x.text("Type", ep.protocol.label())?;
    x.text("Server", &s.host(ep, NAME)?)?;
    x.text("Port", &ep.port.to_string())?;
    x.text("LoginName", &s.username(ep, NAME)?)?;
    x.text("DomainRequired", "off")?;
    x.text("SPA", "off")?;
    x.text("SSL", "on")?;
    x.text("AuthRequired", "on")?;
    if let Some(same) = use_pop_auth {
        x.text("UsePOPAuth", on_off(same))?;
        x.text("SMTPLast", "off")?;
    }
    // [MS-OXDSCLI]: when present, Encryption overrides SSL. "SSL" is TLS from the
    // first byte, "TLS" is STARTTLS.
    x.text(
        "Encryption",
        match ep.security {
            Security::Starttls => "TLS",
            _ => "SSL",
        },
    )?;
    x.end("Protocol")
}

impl Exporter for Autodiscover {
    fn format(&self) -> Format {
        Format::Autodiscover
    }

    fn default_file_name(&self) -> &'static str {
        "autodiscover.xml"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-autodiscover-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-autodiscover-destination")
    }

    fn destination_for(&self, domain: Option<&str>, lang: Lang) -> String {
        match domain {
            Some(d) => msg!(lang, "export-autodiscover-destination-for", domain = d),
            None => self.destination(lang),
        }
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NoSetting,
            imap_id: Support::NoSetting,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        s.require_address(NAME)?;
        let mut x = Xml::new(NAME)?;
        let mut lines = header(self, s, true, lang);
        lines.push(msg!(
            lang,
            "export-autodiscover-manual-setup-steps-mailconf"
        ));
        x.comment(&lines)?;
        x.start("Autodiscover", &[("xmlns", NS_ROOT)])?;
        x.start("Response", &[("xmlns", NS_OUTLOOK)])?;
        if let Some(n) = &s.display_name {
            x.start("User", &[])?;
            x.text("DisplayName", n)?;
            x.end("User")?;
        }
        x.start("Account", &[])?;
        x.text("AccountType", "email")?;
        x.text("Action", "settings")?;
        protocol(&mut x, s, &s.incoming, None)?;
        let same_login = s.username(&s.incoming, NAME)? == s.username(&s.outgoing, NAME)?;
        protocol(&mut x, s, &s.outgoing, Some(same_login))?;
        x.end("Account")?;
        x.end("Response")?;
        x.end("Autodiscover")?;
        x.finish()
    }
}

/// "SSL/TLS" or "STARTTLS", as Outlook's "Encryption method" list names them.
fn outlook_encryption(s: Security) -> &'static str {
    match s {
        Security::Starttls => "STARTTLS",
        _ => "SSL/TLS",
    }
}

impl Exporter for OutlookSteps {
    fn format(&self) -> Format {
        Format::Outlook
    }

    fn default_file_name(&self) -> &'static str {
        "outlook-setup.md"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-outlook-steps-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-outlook-steps-destination")
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::Setting,
            imap_id: Support::NoSetting,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let address = s.require_address(STEPS)?;
        let inc = &s.incoming;
        let out = &s.outgoing;
        let kind = match inc.protocol {
            Protocol::Pop3 => "POP",
            _ => "IMAP",
        };
        let mut md = String::new();
        md.push_str(&format!(
            "# {}\n\n",
            msg!(
                lang,
                "outlook-title",
                who = md_text(&who(s, lang)),
                kind = kind
            )
        ));
        for l in header(self, s, true, lang).iter().skip(1) {
            md.push_str(&format!("> {}\n", md_text(l)));
        }
        md.push('\n');
        let user_in = s.username(inc, STEPS)?;
        let user_out = s.username(out, STEPS)?;
        let server = |e: &Endpoint, incoming: bool| -> Result<String, ExportError> {
            let (host, port) = (md_code(&s.host(e, STEPS)?), md_code(&e.port.to_string()));
            let encryption = outlook_encryption(e.security);
            Ok(if incoming {
                msg!(
                    lang,
                    "outlook-step-incoming",
                    host = host,
                    port = port,
                    encryption = encryption
                )
            } else {
                msg!(
                    lang,
                    "outlook-step-outgoing",
                    host = host,
                    port = port,
                    encryption = encryption
                )
            })
        };
        let steps: Vec<String> = vec![
            msg!(lang, "outlook-step-add-account"),
            msg!(
                lang,
                "outlook-step-manual",
                address = md_code(&address),
                kind = kind
            ),
            server(inc, true)?,
            server(out, false)?,
            msg!(lang, "outlook-step-no-spa"),
            msg!(
                lang,
                "outlook-step-login",
                username = md_code(&user_in),
                password = auth_kind(s.provider.password_kind, lang)
            ),
            if user_in == user_out {
                msg!(lang, "outlook-step-smtp-same-login")
            } else {
                msg!(
                    lang,
                    "outlook-step-smtp-login",
                    username = md_code(&user_out)
                )
            },
        ];
        let mut n = 0;
        for step in steps {
            n += 1;
            md.push_str(&format!("{n}. {step}\n"));
        }
        if inc.protocol == Protocol::Pop3 {
            n += 1;
            let step = if s.leave_on_server {
                msg!(lang, "export-outlook-steps-under-more-settings-advanced")
            } else {
                msg!(lang, "export-outlook-steps-under-more-settings-advanced-2")
            };
            md.push_str(&format!("{n}. {step}\n"));
        }
        n += 1;
        md.push_str(&format!(
            "{n}. {}\n",
            msg!(lang, "export-outlook-steps-click-next-outlook-tests")
        ));
        if !s.provider.hints.is_empty() {
            md.push_str(&format!(
                "\n## {}\n\n",
                msg!(lang, "export-outlook-steps-before-you-start")
            ));
            for h in &s.provider.hints {
                md.push_str(&format!("- {}\n", md_text(h.get(lang))));
            }
        }
        Ok(md)
    }
}
