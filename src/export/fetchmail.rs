//! fetchmail run control file (`~/.fetchmailrc`).
//!
//! One `poll` entry for the incoming server, POP3 or IMAP, always over TLS with
//! certificate checking (`ssl` for implicit TLS, STARTTLS made mandatory by
//! `sslproto`, and `sslcertck` in both cases). `keep` (plus `uidl` for POP3, so
//! fetchmail remembers which messages it already has) when mail stays on the server.
//!
//! Quoting follows fetchmail's lexer (`rcfile_l.l`): every user value is a
//! double-quoted string, in which a backslash starts an escape; a double quote cannot
//! appear inside, so it is written as the hex escape `\x22` and a backslash as `\\`.
//! fetchmail refuses an rc file that others can read, so the file is always written
//! owner-only.
//!
//! For a provider that refuses passwords the entry is IMAP with `auth
//! oauthbearer` and no password: the token comes from `mailconf oauth2 token`
//! on a pipe (`--passwordfd 0`). Only fetchmail builds with OAuth2 read it
//! (fetchmail 7, the openSUSE/SUSE package); the file says so, and names
//! getmail6 for Debian's fetchmail 6.4.

use super::provenance::{header, leave_on_server};
use super::settings::AccountSettings;
use super::token;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::{Protocol, Security};
use std::path::PathBuf;

/// The fetchmail exporter.
#[derive(Debug, Clone, Default)]
pub struct Fetchmail {
    /// Trust this CA bundle instead of the system's (`sslcertfile`).
    pub ca_file: Option<PathBuf>,
}

const NAME: &str = "fetchmail";

/// A fetchmail double-quoted string with `"`, `\` escaped, as fetchmail's lexer
/// reads it back (the reader of existing rc files owns those rules). Control
/// characters are refused earlier by [`AccountSettings::check`].
pub use crate::existing::fetchmail::quote;

impl Exporter for Fetchmail {
    fn format(&self) -> Format {
        Format::Fetchmail
    }

    fn default_file_name(&self) -> &'static str {
        ".fetchmailrc"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-fetchmail-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-fetchmail-destination")
    }

    fn supports_password(&self) -> bool {
        true
    }

    fn needs_private_file(&self) -> bool {
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
        let host = s.host(ep, NAME)?;
        let user = s.username(ep, NAME)?;
        // OAuth2 (fetchmail's `auth oauthbearer`, which falls back to
        // XOAUTH2) exists for IMAP only; the token comes on a pipe
        // (`--passwordfd`), so it is never in this file nor in another.
        let oauth2 = s.provider.oauth2 && s.password.is_none();
        if oauth2 && ep.protocol != Protocol::Imap {
            return Err(ExportError::Unsupported {
                format: NAME,
                what: token::imap_only("fetchmail"),
            });
        }
        let mut out = String::new();
        for l in header(self, s, true, lang) {
            out.push_str(&format!("# {l}\n"));
        }
        out.push_str(&format!("# {}\n", leave_on_server(s.leave_on_server, lang)));
        out.push_str(&format!(
            "# {}\n",
            msg!(lang, "export-fetchmail-fetchmail-hands-mail-to")
        ));
        if oauth2 {
            let address = s.require_address(NAME)?;
            let command = token::shell(NAME, &address, self.ca_file.as_deref())?;
            out.push_str(&format!("# {}\n", token::sign_in_once(lang, "fetchmail")));
            for l in token::fetchmail_note(lang, &command) {
                out.push_str(&format!("# {l}\n"));
            }
        } else if s.password.is_none() {
            out.push_str(&format!(
                "# {}\n",
                msg!(lang, "export-fetchmail-no-password-stored-fetchmail")
            ));
        }
        out.push('\n');
        let proto = match ep.protocol {
            Protocol::Pop3 => "POP3",
            _ => "IMAP",
        };
        let uidl = if ep.protocol == Protocol::Pop3 && s.leave_on_server {
            " uidl"
        } else {
            ""
        };
        out.push_str(&format!(
            "poll {} with proto {proto} service {}{uidl}\n",
            quote(&host),
            ep.port
        ));
        out.push_str(&format!("    user {}", quote(&user)));
        if let Some(p) = s.password_text() {
            out.push_str(&format!(" password {}", quote(p)));
        }
        out.push('\n');
        if oauth2 {
            out.push_str("    auth oauthbearer\n");
        }
        // sslproto both sets the lowest TLS version and, without `ssl`, makes
        // STARTTLS mandatory (fetchmail(1), --sslproto).
        let tls = match ep.security {
            Security::Tls => "ssl sslproto \"TLS1.2+\" sslcertck",
            _ => "sslproto \"TLS1.2+\" sslcertck",
        };
        out.push_str(&format!("    {tls}\n"));
        if let Some(ca) = &self.ca_file {
            out.push_str(&format!(
                "    sslcertfile {}\n",
                quote(&ca.display().to_string())
            ));
        }
        out.push_str(if s.leave_on_server {
            "    keep\n"
        } else {
            "    no keep\n"
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("a\"b\\c'd"), "\"a\\x22b\\\\c'd\"");
        assert_eq!(quote("用户"), "\"用户\"");
    }
}
