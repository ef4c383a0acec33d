//! mutt / neomutt configuration (`~/.muttrc`, `~/.config/neomutt/neomuttrc`).
//!
//! The mailbox is a `pops://` or `imaps://` URL (`pop://` / `imap://` with STARTTLS),
//! sending goes to `smtps://…:465/` or `smtp://…:587/`; `ssl_force_tls` makes TLS
//! mandatory for every connection (so the plain-looking URLs must upgrade with
//! STARTTLS) and `pop_delete = no` leaves mail on a POP3 server. For providers
//! that require the IMAP ID command (NetEase) the file sets NeoMutt's
//! `imap_send_id` (NeoMutt 2023-04-07 and newer) inside `ifdef`, so an older
//! NeoMutt still reads the file; a comment says what to do there.
//!
//! Quoting follows mutt's tokenizer: inside single quotes nothing is interpreted, so
//! a value without `'` is written in single quotes; otherwise in double quotes, where
//! `\`, `"`, `` ` `` (command substitution) and `$` (variable expansion) are
//! backslash-escaped. The user name inside URLs is percent-encoded (`@` → `%40`).
//!
//! For a provider that refuses passwords (IMAP only: NeoMutt has no XOAUTH2
//! for POP3) the file sets `imap_authenticators`/`smtp_authenticators` to
//! `oauthbearer:xoauth2` and both refresh commands to `mailconf oauth2 token`.

use super::provenance::{header, leave_on_server};
use super::settings::{AccountSettings, Endpoint};
use super::token;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::{Protocol, Quirk, Security};
use percent_encoding::utf8_percent_encode;

/// The mutt / neomutt exporter.
#[derive(Debug, Clone, Default)]
pub struct Mutt {
    /// A CA bundle to trust instead of the system's: `ssl_ca_certificates_file`,
    /// and `--ca-file` of the OAuth2 token command (the sign-in server is
    /// checked against it too).
    pub ca_file: Option<std::path::PathBuf>,
}

const NAME: &str = "mutt";

use crate::existing::mutt::USERINFO;
/// mutt's quoting rules and the URL userinfo encoding live with the reader of
/// existing muttrc files.
pub use crate::existing::mutt::quote;

/// `scheme://user@host:port/` with the user percent-encoded.
fn url(s: &AccountSettings, ep: &Endpoint) -> Result<String, ExportError> {
    let scheme = match (ep.protocol, ep.security) {
        (Protocol::Pop3, Security::Tls) => "pops",
        (Protocol::Pop3, _) => "pop",
        (Protocol::Imap, Security::Tls) => "imaps",
        (Protocol::Imap, _) => "imap",
        (_, Security::Tls) => "smtps",
        (_, _) => "smtp",
    };
    let user = s.username(ep, NAME)?;
    Ok(format!(
        "{scheme}://{}@{}:{}/",
        utf8_percent_encode(&user, USERINFO),
        s.host(ep, NAME)?,
        ep.port
    ))
}

impl Exporter for Mutt {
    fn format(&self) -> Format {
        Format::Mutt
    }

    fn default_file_name(&self) -> &'static str {
        "muttrc"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-mutt-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-mutt-destination")
    }

    fn supports_password(&self) -> bool {
        true
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::Setting,
            imap_id: Support::Setting,
        }
    }

    fn writes_oauth2(&self) -> bool {
        true
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let from = s.require_address(NAME)?;
        let inc = &s.incoming;
        // OAuth2 over IMAP only: NeoMutt (20220429, Debian 12) refuses
        // `xoauth2` in pop_authenticators, and Microsoft's POP3 takes only XOAUTH2.
        let oauth2 = s.provider.oauth2 && s.password.is_none();
        if oauth2 && inc.protocol != Protocol::Imap {
            return Err(ExportError::Unsupported {
                format: NAME,
                what: token::imap_only("mutt"),
            });
        }
        let mailbox = url(s, inc)?;
        let mut out = String::new();
        for l in header(self, s, true, lang) {
            out.push_str(&format!("# {l}\n"));
        }
        if inc.protocol == Protocol::Pop3 {
            out.push_str(&format!("# {}\n", leave_on_server(s.leave_on_server, lang)));
        }
        out.push('\n');
        out.push_str(&format!("set from = {}\n", quote(&from)));
        if let Some(n) = &s.display_name {
            out.push_str(&format!("set realname = {}\n", quote(n)));
        }
        out.push_str(&format!("set folder = {}\n", quote(&mailbox)));
        match inc.protocol {
            Protocol::Pop3 => {
                out.push_str(&format!("set spoolfile = {}\n", quote(&mailbox)));
                out.push_str(if s.leave_on_server {
                    "set pop_delete = no\n"
                } else {
                    "set pop_delete = yes\n"
                });
            }
            _ => {
                out.push_str("set spoolfile = '+INBOX'\n");
                if s.provider.quirks.contains(&Quirk::ImapIdRequired) {
                    out.push_str(&format!("# {}\n", imap_id_note(s, lang)));
                    // `ifdef` keeps the file valid for a NeoMutt without the
                    // variable (it skips the line instead of failing).
                    out.push_str("ifdef imap_send_id 'set imap_send_id = yes'\n");
                }
            }
        }
        out.push_str(&format!(
            "set smtp_url = {}\n",
            quote(&url(s, &s.outgoing)?)
        ));
        out.push_str("set ssl_force_tls = yes\nset ssl_starttls = yes\n");
        if let Some(ca) = &self.ca_file {
            out.push_str(&format!(
                "set ssl_ca_certificates_file = {}\n",
                quote(&ca.display().to_string())
            ));
        }
        if oauth2 {
            // mutt runs the refresh commands with `sh -c` each time it connects.
            let command = quote(&token::shell(NAME, &from, self.ca_file.as_deref())?);
            out.push_str(&format!("# {}\n", token::sign_in_once(lang, "mutt")));
            out.push_str("set imap_authenticators = 'oauthbearer:xoauth2'\n");
            out.push_str(&format!("set imap_oauth_refresh_command = {command}\n"));
            out.push_str("set smtp_authenticators = 'oauthbearer:xoauth2'\n");
            out.push_str(&format!("set smtp_oauth_refresh_command = {command}\n"));
            return Ok(out);
        }
        match s.password_text() {
            Some(p) => {
                let var = match inc.protocol {
                    Protocol::Pop3 => "pop_pass",
                    _ => "imap_pass",
                };
                out.push_str(&format!("set {var} = {}\n", quote(p)));
                out.push_str(&format!("set smtp_pass = {}\n", quote(p)));
            }
            None => out.push_str(&format!(
                "# {}\n",
                msg!(lang, "export-mutt-no-password-stored-mutt")
            )),
        }
        Ok(out)
    }
}

/// Why the file sets `imap_send_id`, and what to do where it cannot work.
fn imap_id_note(s: &AccountSettings, lang: Lang) -> String {
    msg!(
        lang,
        "export-mutt-imap-id",
        provider = s.provider.name.get(lang),
        command = "mailconf export … --format mutt --protocol pop3"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a \"b\" <c> & d"), "'a \"b\" <c> & d'");
        assert_eq!(quote("it's $HOME `x`"), "\"it's \\$HOME \\`x\\`\"");
        assert_eq!(
            utf8_percent_encode("用户@qq.com", USERINFO).to_string(),
            "%E7%94%A8%E6%88%B7%40qq.com"
        );
    }
}
