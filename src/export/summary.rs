//! A human-readable summary (Markdown) a helpdesk can paste into a ticket, in the
//! user's language.
//!
//! It lists both servers with ports, encryption and usernames, what goes into the
//! password field, the "leave on server" choice, the provider's setup steps and
//! quirks, and whether the settings were tested. It never contains a password:
//! tickets are read by many people. Values are in code spans and free text is
//! Markdown-escaped, so a name like `张三 & "Co" <test>` is shown as typed.

use super::markdown::{md_code, md_text};
use super::provenance::{provenance, who};
use super::settings::{AccountSettings, Endpoint, Username};
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::describe::{auth_kind, quirk, username_form};
use crate::providers::{Protocol, Security};

/// The summary exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary;

/// `label: value` in the language's punctuation.
fn labelled(lang: Lang, label: &str, value: &str) -> String {
    msg!(lang, "label-value", label = label, value = value)
}

/// `text (aside)` in the language's brackets.
fn with_aside(lang: Lang, text: &str, aside: &str) -> String {
    msg!(lang, "in-parens", text = text, aside = aside)
}

fn security_words(s: Security, lang: Lang) -> String {
    match s {
        Security::Tls => msg!(lang, "export-summary-ssl-tls-encrypted-from"),
        Security::Starttls => msg!(lang, "export-summary-starttls-required"),
        Security::Plain => msg!(lang, "export-summary-none"),
    }
}

fn server_section(
    out: &mut String,
    s: &AccountSettings,
    ep: &Endpoint,
    lang: Lang,
) -> Result<(), ExportError> {
    let title = match ep.protocol {
        Protocol::Smtp => msg!(lang, "export-summary-outgoing-mail"),
        _ => msg!(lang, "export-summary-incoming-mail"),
    };
    out.push_str(&format!(
        "\n## {}\n\n",
        with_aside(lang, &title, ep.protocol.label())
    ));
    let host = ep
        .host
        .replace("%EMAILDOMAIN%", &msg!(lang, "export-summary-your-domain"));
    let user = match (&ep.username, s.username(ep, "summary")) {
        (_, Ok(u)) => md_code(&u),
        (Username::Form(f), Err(_)) => username_form(*f, lang).to_owned(),
        (Username::Literal(u), Err(_)) => md_code(u),
    };
    let rows = [
        (msg!(lang, "export-summary-server"), md_code(&host)),
        (
            msg!(lang, "export-summary-port"),
            md_code(&ep.port.to_string()),
        ),
        (
            msg!(lang, "export-summary-encryption"),
            security_words(ep.security, lang).to_owned(),
        ),
        (msg!(lang, "export-summary-username"), user),
        (
            msg!(lang, "export-summary-password"),
            auth_kind(s.provider.password_kind, lang).to_owned(),
        ),
    ];
    for (k, v) in rows {
        out.push_str(&format!("- {}\n", labelled(lang, &k, &v)));
    }
    if ep.protocol == Protocol::Pop3 {
        let choice = if s.leave_on_server {
            msg!(lang, "export-summary-yes-download-without-deleting")
        } else {
            msg!(lang, "export-summary-no-deleted-from-the")
        };
        out.push_str(&format!(
            "- {}\n",
            labelled(
                lang,
                &msg!(lang, "export-summary-leave-mail-on-server"),
                &choice
            )
        ));
    }
    Ok(())
}

impl Exporter for Summary {
    fn format(&self) -> Format {
        Format::Summary
    }

    fn default_file_name(&self) -> &'static str {
        "mail-settings.md"
    }

    fn file_name(&self, s: &AccountSettings) -> String {
        format!("{}-mail-settings.md", s.provider.id)
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-summary-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-summary-destination")
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NotApplicable,
            imap_id: Support::NotApplicable,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let mut out = format!(
            "# {}\n\n",
            labelled(
                lang,
                &msg!(lang, "export-summary-mail-settings"),
                &md_text(&who(s, lang))
            )
        );
        out.push_str(&format!(
            "- {}\n",
            labelled(
                lang,
                &msg!(lang, "export-summary-provider"),
                &with_aside(
                    lang,
                    &md_text(s.provider.name.get(lang)),
                    &md_code(&s.provider.id)
                )
            )
        ));
        if let Some(a) = s.address_ascii() {
            let unicode = s.address_unicode().unwrap_or_default();
            let shown = if unicode != a {
                with_aside(lang, &md_code(&unicode), &md_code(&a))
            } else {
                md_code(&a)
            };
            out.push_str(&format!(
                "- {}\n",
                labelled(lang, &msg!(lang, "export-summary-address"), &shown)
            ));
        }
        if let Some(n) = &s.display_name {
            out.push_str(&format!(
                "- {}\n",
                labelled(lang, &msg!(lang, "export-summary-name"), &md_text(n))
            ));
        }
        for l in provenance(s, lang).iter().skip(1) {
            if l.starts_with("- ") {
                out.push_str(&format!("  {}\n", md_text(l)));
            } else {
                out.push_str(&format!("- {}\n", md_text(l)));
            }
        }
        server_section(&mut out, s, &s.incoming, lang)?;
        server_section(&mut out, s, &s.outgoing, lang)?;
        let p = &s.provider;
        if !p.hints.is_empty() || p.create_url.is_some() {
            out.push_str(&format!(
                "\n## {}\n\n",
                msg!(lang, "export-summary-before-you-start")
            ));
            for h in &p.hints {
                out.push_str(&format!("- {}\n", md_text(h.get(lang))));
            }
            if let Some(u) = &p.create_url {
                // An autolink when the URL can be one, else a code span.
                let link = if u.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
                    md_code(u)
                } else {
                    format!("<{u}>")
                };
                out.push_str(&format!(
                    "- {}\n",
                    labelled(lang, &msg!(lang, "export-summary-where-to-get-the"), &link)
                ));
            }
        }
        if !p.quirks.is_empty() {
            out.push_str(&format!(
                "\n## {}\n\n",
                msg!(lang, "export-summary-good-to-know")
            ));
            for q in &p.quirks {
                out.push_str(&format!("- {}\n", md_text(&quirk(*q, lang))));
            }
        }
        Ok(out)
    }
}
