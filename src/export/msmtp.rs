//! msmtp configuration (`~/.msmtprc` or `~/.config/msmtp/config`).
//!
//! One account named after the provider, made the default: `tls on` always,
//! `tls_starttls off` for implicit TLS (465) and `on` for STARTTLS (587), `auth on`,
//! the system CA list. Without an included password the file suggests
//! `passwordeval` with the desktop keyring instead of storing one. For a
//! provider that refuses passwords: `auth xoauth2` with `passwordeval`
//! running `mailconf oauth2 token`.
//!
//! msmtp's parser (`conf.c`, `trim_string`) takes everything after the command,
//! trims blanks, and removes one pair of double quotes around it; there are no
//! escapes. So every value is written in double quotes, which keeps quotes and
//! blanks inside it intact. Lines are limited to 500 bytes, and `from` expands
//! `%U`, `%H`, `%C`, `%M`, so an address with `%` is refused.

use super::provenance::header;
use super::settings::AccountSettings;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::Security;
use std::path::PathBuf;

/// The msmtp exporter.
#[derive(Debug, Clone, Default)]
pub struct Msmtp {
    /// Trust this CA bundle (`tls_trust_file`) instead of the system's.
    pub ca_file: Option<PathBuf>,
}

const NAME: &str = "msmtp";

/// msmtp reads lines of at most 500 bytes.
pub const MAX_LINE: usize = 500;

/// `command "value"`, refused when msmtp could not read it back.
fn line(command: &str, field: &'static str, v: &str) -> Result<String, ExportError> {
    let l = format!("{command} \"{v}\"\n");
    if l.len() > MAX_LINE {
        return Err(ExportError::Unrepresentable {
            format: NAME,
            field,
            reason: "msmtp reads lines of at most 500 bytes",
        });
    }
    Ok(l)
}

impl Exporter for Msmtp {
    fn format(&self) -> Format {
        Format::Msmtp
    }

    fn default_file_name(&self) -> &'static str {
        "msmtprc"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-msmtp-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-msmtp-destination")
    }

    fn supports_password(&self) -> bool {
        true
    }

    fn writes_oauth2(&self) -> bool {
        true
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NotApplicable,
            imap_id: Support::NotApplicable,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let ep = &s.outgoing;
        let from = s.require_address(NAME)?;
        if from.contains('%') {
            return Err(ExportError::Unrepresentable {
                format: NAME,
                field: "address",
                reason: "msmtp expands %U, %H, %C and %M in `from`",
            });
        }
        let host = s.host(ep, NAME)?;
        let user = s.username(ep, NAME)?;
        let account = &s.provider.id;
        let mut out = String::new();
        for l in header(self, s, false, lang) {
            out.push_str(&format!("# {l}\n"));
        }
        out.push_str("\ndefaults\n");
        out.push_str("tls on\n");
        match &self.ca_file {
            Some(ca) => out.push_str(&line(
                "tls_trust_file",
                "CA file",
                &ca.display().to_string(),
            )?),
            None => out.push_str("tls_trust_file system\n"),
        }
        out.push_str(&format!("\naccount {account}\n"));
        out.push_str(&line("host", "host", &host)?);
        out.push_str(&format!("port {}\n", ep.port));
        out.push_str(match ep.security {
            Security::Starttls => "tls_starttls on\n",
            _ => "tls_starttls off\n",
        });
        out.push_str(&line("from", "address", &from)?);
        if s.provider.oauth2 && s.password.is_none() {
            // The provider refuses passwords: msmtp sends a fresh token from
            // the helper with SASL XOAUTH2 (msmtp 1.8.x has no OAUTHBEARER
            // refresh of its own); passwordeval runs it with `sh -c`.
            out.push_str("auth xoauth2\n");
            out.push_str(&line("user", "username", &user)?);
            let command = super::token::shell(NAME, &from, self.ca_file.as_deref())?;
            out.push_str(&format!(
                "# {}\n",
                super::token::sign_in_once(lang, "msmtp")
            ));
            out.push_str(&line("passwordeval", "address", &command)?);
            out.push_str(&format!("\naccount default : {account}\n"));
            return Ok(out);
        }
        out.push_str("auth on\n");
        out.push_str(&line("user", "username", &user)?);
        match s.password_text() {
            Some(p) => out.push_str(&line("password", "password", p)?),
            None => {
                out.push_str(&format!(
                    "# {}\n",
                    msg!(lang, "export-msmtp-no-password-stored-keep")
                ));
                out.push_str(&format!(
                    "# passwordeval \"secret-tool lookup host {host} service smtp user '{}'\"\n",
                    user.replace(['\'', '"'], "_")
                ));
            }
        }
        out.push_str(&format!("\naccount default : {account}\n"));
        Ok(out)
    }
}
