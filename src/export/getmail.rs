//! getmail6 rc file (`~/.config/getmail/getmailrc` or `~/.getmail/getmailrc`).
//!
//! `SimplePOP3SSLRetriever` or `SimpleIMAPSSLRetriever`, delivering into
//! `~/Maildir/`; `delete = false` and `read_all = false` when mail stays on the
//! server (fetch only new messages, delete nothing).
//!
//! Two facts from getmail6's source shape this file: it checks server certificates
//! only when `ca_certs` is set (Python's poplib/imaplib do not verify by default),
//! so `ca_certs` is always written; and it has no STARTTLS for POP3 or IMAP, so a
//! STARTTLS-only incoming server is refused rather than exported unencrypted.
//! getmail reads the file with Python's `RawConfigParser`: no interpolation, so `%`
//! is safe, but surrounding whitespace is stripped and a value cannot span lines.
//!
//! For a provider that refuses passwords: `use_xoauth2 = True` (IMAP only in
//! getmail6) with `password_command` running `mailconf oauth2 token`; getmail
//! evaluates that tuple as Python, so each word is an escaped string literal.

use super::provenance::{header, leave_on_server};
use super::settings::AccountSettings;
use super::token;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::{Protocol, Security};
use std::path::PathBuf;

/// The getmail6 exporter.
#[derive(Debug, Clone, Default)]
pub struct Getmail {
    /// Trust this CA bundle (`ca_certs`) instead of Debian's system bundle.
    pub ca_file: Option<PathBuf>,
}

const NAME: &str = "getmail";

/// The system CA bundle on Debian and Ubuntu (and where `ca-certificates` puts it
/// on most Linux distributions).
pub const SYSTEM_CA_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// A `RawConfigParser` value: written as is, refused when the parser would change it.
fn value(field: &'static str, v: &str) -> Result<String, ExportError> {
    if v.trim() != v {
        return Err(ExportError::Unrepresentable {
            format: NAME,
            field,
            reason: "getmail strips spaces at the start and end of a value",
        });
    }
    Ok(v.to_owned())
}

impl Exporter for Getmail {
    fn format(&self) -> Format {
        Format::Getmail
    }

    fn default_file_name(&self) -> &'static str {
        "getmailrc"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-getmail-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-getmail-destination")
    }

    fn supports_password(&self) -> bool {
        true
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::Setting,
            imap_id: Support::ClientCannot,
        }
    }

    fn writes_oauth2(&self) -> bool {
        true
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let ep = &s.incoming;
        // getmail6 has `use_xoauth2` in its IMAP retrievers only.
        let oauth2 = s.provider.oauth2 && s.password.is_none();
        if oauth2 && ep.protocol != Protocol::Imap {
            return Err(ExportError::Unsupported {
                format: NAME,
                what: token::imap_only("getmail6"),
            });
        }
        if ep.security != Security::Tls {
            return Err(ExportError::Unsupported {
                format: NAME,
                what: format!(
                    "{}:{} needs STARTTLS, which getmail6 does not support for {}; choose a server with implicit TLS (e.g. --protocol {})",
                    ep.host,
                    ep.port,
                    ep.protocol.label(),
                    if ep.protocol == Protocol::Pop3 {
                        "imap"
                    } else {
                        "pop3"
                    }
                ),
            });
        }
        let host = s.host(ep, NAME)?;
        let user = value("username", &s.username(ep, NAME)?)?;
        let mut out = String::new();
        for l in header(self, s, true, lang) {
            out.push_str(&format!("# {l}\n"));
        }
        out.push_str(&format!(
            "# {}\n\n",
            leave_on_server(s.leave_on_server, lang)
        ));
        out.push_str("[retriever]\n");
        out.push_str(match ep.protocol {
            Protocol::Pop3 => "type = SimplePOP3SSLRetriever\n",
            _ => "type = SimpleIMAPSSLRetriever\n",
        });
        out.push_str(&format!("server = {host}\nport = {}\n", ep.port));
        out.push_str(&format!("username = {user}\n"));
        if oauth2 {
            // getmail evaluates password_command as a Python tuple (eval):
            // every word is a string literal with `\` and `"` escaped.
            let address = s.require_address(NAME)?;
            let words: Vec<String> = token::argv(&address, self.ca_file.as_deref())
                .iter()
                .map(|w| format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\"")))
                .collect();
            out.push_str(&format!("# {}\n", token::sign_in_once(lang, "getmail")));
            out.push_str("use_xoauth2 = True\n");
            out.push_str(&format!(
                "password_command = ({},)\n",
                value("address", &words.join(", "))?
            ));
        } else {
            match s.password_text() {
                Some(p) => out.push_str(&format!("password = {}\n", value("password", p)?)),
                None => {
                    out.push_str(&format!(
                        "# {}\n",
                        msg!(lang, "export-getmail-no-password-stored-getmail")
                    ));
                    out.push_str(&format!(
                    "# password_command = (\"secret-tool\", \"lookup\", \"host\", \"{host}\", \"user\", \"{}\")\n",
                    user.replace(['"', '\\'], "_")
                ));
                }
            }
        }
        let ca = self
            .ca_file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| SYSTEM_CA_BUNDLE.to_owned());
        out.push_str(&format!(
            "# {}\n",
            msg!(lang, "export-getmail-getmail-checks-the-server")
        ));
        out.push_str(&format!("ca_certs = {}\n", value("CA file", &ca)?));
        out.push_str("\n[destination]\ntype = Maildir\npath = ~/Maildir/\n");
        out.push_str("\n[options]\n");
        if s.leave_on_server {
            out.push_str("delete = false\nread_all = false\n");
        } else {
            out.push_str("delete = true\n");
        }
        Ok(out)
    }
}
