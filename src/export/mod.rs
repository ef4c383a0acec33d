//! Export: the settings a user has (from the database or a probe), written in the
//! format their mail client reads.
//!
//! Export is the last step users take, so every file must be one the real client
//! accepts. The pieces:
//!
//! - [`settings`]: [`AccountSettings`], the one model every format renders from (the
//!   chosen incoming POP3/IMAP server, the SMTP server, usernames, the "leave mail on
//!   the server" choice, where the settings came from, and an optional password);
//! - [`Exporter`]: the trait each format implements, and [`Format`], the list of them;
//! - one module per format. XML is written with quick-xml's writer and plists with the
//!   `plist` crate, never by concatenating strings; the line-based formats each
//!   quote values by the rules of the program that reads them, and refuse values
//!   those rules cannot carry rather than writing a file that means something else.
//!
//! What a format cannot set (no "leave on server" key in an Apple profile, no
//! way for fetchmail to send the IMAP ID command NetEase requires) is never
//! dropped silently: each format declares what it [`Expresses`], and the file
//! and the command line say "the client's own default applies" or what to do
//! instead ([`Exporter::cannot_express`]); the provider's other quirks become
//! notes in every file that has room for them.
//!
//! Passwords are only ever in an export when the user asked for one
//! ([`AccountSettings::password`] is `None` otherwise); formats that have no place for
//! a password refuse one.

pub mod autoconfig;
pub mod autodiscover;
pub mod fetchmail;
pub mod getmail;
pub mod json;
mod markdown;
pub mod mobileconfig;
pub mod msmtp;
pub mod mutt;
/// Atomic file writing lives in [`crate::output`] (the fix writer of
/// [`crate::existing`] uses it too); re-exported here for existing callers.
pub use crate::output;
pub mod probed;
mod provenance;
pub mod settings;
pub mod summary;
pub mod token;
mod xml;

pub use settings::{
    AccountSettings, AuthMethod, Endpoint, EndpointVerdict, ProbeVerified, ProviderInfo, Username,
    Verification, preferred_incoming,
};

use crate::i18n::{Lang, msg};
use crate::providers::Protocol;
use std::path::PathBuf;

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The provider lists no server of this protocol.
    #[error("{provider} has no {} server in the database", .protocol.label())]
    NoServer {
        /// Provider id.
        provider: String,
        /// The protocol asked for.
        protocol: Protocol,
    },
    /// The provider lists only unencrypted servers of this protocol.
    #[error(
        "{provider} lists only unencrypted {} servers; mailconf does not export settings that would send your password in the clear",
        .protocol.label()
    )]
    OnlyPlaintext {
        /// Provider id.
        provider: String,
        /// The protocol asked for.
        protocol: Protocol,
    },
    /// The provider accepts only OAuth2 sign-in, which these files cannot set up.
    #[error(
        "{provider} accepts only OAuth2 sign-in, not passwords; set the account up in a client that supports OAuth2 for it"
    )]
    Oauth2Only {
        /// Provider id.
        provider: String,
    },
    /// The probe found no secure way in for a protocol, so there is nothing
    /// verified to export.
    #[error("the probe found no secure {} server: nothing verified to export (see `mailconf probe` for why)", .protocol.label())]
    NothingSecure {
        /// The protocol.
        protocol: crate::providers::Protocol,
    },
    /// A server of the wrong kind in a slot (e.g. SMTP as the incoming server).
    #[error("the {role} server must be {expected}, not {}", .found.label())]
    WrongProtocol {
        /// "incoming" or "outgoing".
        role: &'static str,
        /// What is allowed.
        expected: &'static str,
        /// What was given.
        found: Protocol,
    },
    /// A server without TLS (settings built by hand or from a probe).
    #[error("{host}:{port} is not encrypted; mailconf exports only TLS or STARTTLS servers")]
    Plaintext {
        /// Host.
        host: String,
        /// Port.
        port: u16,
    },
    /// The format needs a real address, and only a provider was given.
    #[error(
        "the {format} format needs the mail address (e.g. `mailconf export alice@example.com …`), not only the provider"
    )]
    AddressRequired {
        /// Format name.
        format: &'static str,
    },
    /// The format has no place for a password (or must not carry one).
    #[error("the {format} format cannot carry a password; export it without --include-password")]
    PasswordNotSupported {
        /// Format name.
        format: &'static str,
    },
    /// The program reading this format cannot do what the settings need.
    #[error("the {format} format cannot express this: {what}")]
    Unsupported {
        /// Format name.
        format: &'static str,
        /// What is missing, in English.
        what: String,
    },
    /// A value cannot be written so that the reading program gets it back unchanged.
    #[error("{field} cannot be written to a {format} file: {reason}")]
    Unrepresentable {
        /// Format name ("any" for checks common to all formats).
        format: &'static str,
        /// Which value.
        field: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// The XML or plist writer failed (should not happen when writing to memory).
    #[error("could not write the {format} document: {message}")]
    Write {
        /// Format name.
        format: &'static str,
        /// The writer's error.
        message: String,
    },
}

impl ExportError {
    /// The error in `lang`, for people (the window and the command line); the
    /// English `Display` stays for logs and JSON. Names, formats, hosts and
    /// ports are shown as they are; no command-line flag is named, so the
    /// window can show it too.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            ExportError::NoServer { provider, protocol } => msg!(
                l,
                "export-no-server",
                provider = provider.as_str(),
                protocol = protocol.label()
            ),
            ExportError::OnlyPlaintext { provider, protocol } => msg!(
                l,
                "export-only-plaintext",
                provider = provider.as_str(),
                protocol = protocol.label()
            ),
            ExportError::Oauth2Only { provider } => {
                msg!(l, "export-oauth2-only", provider = provider.as_str())
            }
            ExportError::NothingSecure { protocol } => {
                msg!(l, "export-nothing-secure", protocol = protocol.label())
            }
            ExportError::WrongProtocol {
                role,
                expected,
                found,
            } => msg!(
                l,
                "export-wrong-protocol",
                role = *role,
                expected = *expected,
                found = found.label()
            ),
            ExportError::Plaintext { host, port } => msg!(
                l,
                "export-plaintext",
                host = host.as_str(),
                port = port.to_string()
            ),
            ExportError::AddressRequired { format } => {
                msg!(l, "export-address-required", format = *format)
            }
            ExportError::PasswordNotSupported { format } => {
                msg!(l, "export-password-not-supported", format = *format)
            }
            ExportError::Unsupported { format, what } => msg!(
                l,
                "export-unsupported",
                format = *format,
                what = what.as_str()
            ),
            ExportError::Unrepresentable {
                format,
                field,
                reason,
            } => msg!(
                l,
                "export-unrepresentable",
                format = *format,
                field = *field,
                reason = *reason
            ),
            ExportError::Write { format, message } => msg!(
                l,
                "export-write",
                format = *format,
                message = message.as_str()
            ),
        }
    }

    /// Whether the answer is "nothing usable" (no secure server, OAuth2 only, the
    /// client cannot do it) rather than a problem with what the user typed.
    pub fn is_negative(&self) -> bool {
        matches!(
            self,
            ExportError::NoServer { .. }
                | ExportError::OnlyPlaintext { .. }
                | ExportError::Oauth2Only { .. }
                | ExportError::NothingSecure { .. }
                | ExportError::Unsupported { .. }
        )
    }

    /// Whether the error is about the request itself (missing address, a password
    /// for a format without one, a value that cannot be written).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ExportError::AddressRequired { .. }
                | ExportError::PasswordNotSupported { .. }
                | ExportError::Unrepresentable { .. }
                | ExportError::WrongProtocol { .. }
                | ExportError::Plaintext { .. }
        )
    }
}

/// One export format.
///
/// Implementors provide [`Exporter::write`]; callers use [`Exporter::render`], which
/// first checks the settings (encrypted servers only, the right protocols, no
/// control characters) and that a password is only given to a format that can carry it.
pub trait Exporter {
    /// Which format this is.
    fn format(&self) -> Format;

    /// Short name used on the command line (`thunderbird`, `msmtp`, …).
    fn name(&self) -> &'static str {
        self.format().name()
    }

    /// The usual file name of this format (`config-v1.1.xml`, `.fetchmailrc`).
    fn default_file_name(&self) -> &'static str;

    /// Suggested file name for these settings (`163.mobileconfig`).
    fn file_name(&self, settings: &AccountSettings) -> String {
        let _ = settings;
        self.default_file_name().to_owned()
    }

    /// What the file is, in `lang`.
    fn description(&self, lang: Lang) -> String;

    /// Where the file goes in that client (and how to use it), in `lang`.
    fn destination(&self, lang: Lang) -> String;

    /// [`Exporter::destination`] for an account of `domain` (the address's,
    /// else the provider's): formats whose place is named after the domain
    /// say it with the account's own.
    fn destination_for(&self, domain: Option<&str>, lang: Lang) -> String {
        let _ = domain;
        self.destination(lang)
    }

    /// Whether the format has a place for a password.
    fn supports_password(&self) -> bool;

    /// Whether the reading program insists on an owner-only file even without a
    /// password in it (fetchmail refuses a group- or world-readable rc file).
    fn needs_private_file(&self) -> bool {
        false
    }

    /// What the format can say beyond the servers: whether the file sets
    /// "leave mail on the server" and the IMAP ID command some providers
    /// require ([`Expresses`]).
    fn expresses(&self) -> Expresses;

    /// What the user asked for or the provider requires that this file cannot
    /// set for `settings`, one sentence each in `lang` ("…: the client's own
    /// default applies"). The file says it too (as a comment, or where the
    /// format shows text); the command line repeats it on stderr.
    fn cannot_express(&self, settings: &AccountSettings, lang: Lang) -> Vec<String> {
        provenance::cannot_express(self.name(), self.expresses(), settings, lang)
    }

    /// Writes the document. Called by [`Exporter::render`] after the checks.
    fn write(&self, settings: &AccountSettings, lang: Lang) -> Result<String, ExportError>;

    /// Whether the file can sign in with OAuth2 through `mailconf oauth2
    /// token` (a provider that refuses passwords is refused by the others).
    fn writes_oauth2(&self) -> bool {
        false
    }

    /// Checks the settings and writes the document; comments and texts in `lang`.
    fn render(&self, settings: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        settings.check()?;
        if settings.password.is_some() && !self.supports_password() {
            return Err(ExportError::PasswordNotSupported {
                format: self.name(),
            });
        }
        if settings.provider.oauth2 && !self.writes_oauth2() {
            return Err(ExportError::Oauth2Only {
                provider: settings.provider.id.clone(),
            });
        }
        self.write(settings, lang)
    }
}

/// Whether a format can carry one thing the account needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// The file sets it.
    Setting,
    /// The format has no setting for it: the client's own default applies,
    /// and the file says so.
    NoSetting,
    /// The client cannot do it at all; the file says what to do instead.
    ClientCannot,
    /// It does not arise: the format writes no incoming account (msmtp), or
    /// it is data that states the choice itself (JSON, the summary).
    NotApplicable,
}

/// What a format can say beyond the servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expresses {
    /// "Leave mail on the server" (`--leave-on-server`), for POP3.
    pub leave_on_server: Support,
    /// The IMAP ID command (RFC 2971) that providers with the
    /// [`crate::providers::Quirk::ImapIdRequired`] quirk require.
    pub imap_id: Support,
}

/// The export formats, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Thunderbird autoconfig `config-v1.1.xml`.
    #[value(alias = "autoconfig")]
    Thunderbird,
    /// Apple configuration profile (`.mobileconfig`) for macOS and iOS Mail.
    #[value(alias = "mobileconfig", alias = "ios", alias = "macos")]
    Apple,
    /// Outlook Autodiscover (POX) response, for admins to serve.
    Autodiscover,
    /// Outlook manual setup steps.
    Outlook,
    /// fetchmail run control file.
    Fetchmail,
    /// getmail6 rc file.
    #[value(alias = "getmail6")]
    Getmail,
    /// msmtp configuration.
    Msmtp,
    /// mutt / neomutt configuration.
    #[value(alias = "neomutt")]
    Mutt,
    /// mailconf's own JSON (see docs/export-json.md).
    Json,
    /// Human-readable summary (Markdown) for a helpdesk ticket.
    #[value(alias = "markdown", alias = "md")]
    Summary,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 10] = [
        Format::Thunderbird,
        Format::Apple,
        Format::Autodiscover,
        Format::Outlook,
        Format::Fetchmail,
        Format::Getmail,
        Format::Msmtp,
        Format::Mutt,
        Format::Json,
        Format::Summary,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Thunderbird => "thunderbird",
            Format::Apple => "apple",
            Format::Autodiscover => "autodiscover",
            Format::Outlook => "outlook",
            Format::Fetchmail => "fetchmail",
            Format::Getmail => "getmail",
            Format::Msmtp => "msmtp",
            Format::Mutt => "mutt",
            Format::Json => "json",
            Format::Summary => "summary",
        }
    }

    /// What people call it, for the app's Export window.
    pub fn title(self, lang: Lang) -> String {
        match self {
            Format::Thunderbird => msg!(lang, "format-title-thunderbird"),
            Format::Apple => msg!(lang, "format-title-apple"),
            Format::Autodiscover => msg!(lang, "format-title-autodiscover"),
            Format::Outlook => msg!(lang, "format-title-outlook"),
            Format::Fetchmail => msg!(lang, "format-title-fetchmail"),
            Format::Getmail => msg!(lang, "format-title-getmail"),
            Format::Msmtp => msg!(lang, "format-title-msmtp"),
            Format::Mutt => msg!(lang, "format-title-mutt"),
            Format::Json => msg!(lang, "format-title-json"),
            Format::Summary => msg!(lang, "format-title-summary"),
        }
    }

    /// The format's exporter, configured with `options`.
    pub fn exporter(self, options: &ExportOptions) -> Box<dyn Exporter> {
        match self {
            Format::Thunderbird => Box::new(autoconfig::Thunderbird),
            Format::Apple => Box::new(mobileconfig::Apple {
                uuids: options.uuids,
            }),
            Format::Autodiscover => Box::new(autodiscover::Autodiscover),
            Format::Outlook => Box::new(autodiscover::OutlookSteps),
            Format::Fetchmail => Box::new(fetchmail::Fetchmail {
                ca_file: options.ca_file.clone(),
            }),
            Format::Getmail => Box::new(getmail::Getmail {
                ca_file: options.ca_file.clone(),
            }),
            Format::Msmtp => Box::new(msmtp::Msmtp {
                ca_file: options.ca_file.clone(),
            }),
            Format::Mutt => Box::new(mutt::Mutt {
                ca_file: options.ca_file.clone(),
            }),
            Format::Json => Box::new(json::Json),
            Format::Summary => Box::new(summary::Summary),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Settings of the exporters themselves (not of the account).
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// A CA bundle (PEM) to trust instead of the system's: written as fetchmail's
    /// `sslcertfile`, getmail's `ca_certs`, msmtp's `tls_trust_file` and mutt's
    /// `ssl_ca_certificates_file` (and as `--ca-file` of the OAuth2 token
    /// command in each). Used by the
    /// end-to-end tests against a local server with a test CA.
    pub ca_file: Option<PathBuf>,
    /// Where `.mobileconfig` payload UUIDs come from.
    pub uuids: UuidSource,
}

/// Where UUIDs come from: random (real exports) or a seeded sequence (tests, so
/// snapshots are stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UuidSource {
    /// Random version 4 UUIDs.
    #[default]
    Random,
    /// A deterministic sequence of version 4 UUIDs derived from the seed; the same
    /// seed gives the same UUIDs in every render.
    Seeded(u64),
}

impl UuidSource {
    /// A generator for one document.
    pub fn generator(self) -> UuidGenerator {
        UuidGenerator {
            source: self,
            state: match self {
                UuidSource::Random => 0,
                UuidSource::Seeded(seed) => seed,
            },
        }
    }
}

/// Hands out the UUIDs of one document.
#[derive(Debug, Clone)]
pub struct UuidGenerator {
    source: UuidSource,
    state: u64,
}

impl UuidGenerator {
    /// The next UUID (version 4, variant RFC 4122 in both modes).
    pub fn next_uuid(&mut self) -> uuid::Uuid {
        match self.source {
            UuidSource::Random => uuid::Uuid::new_v4(),
            UuidSource::Seeded(_) => {
                let mut bytes = [0u8; 16];
                bytes[..8].copy_from_slice(&self.splitmix().to_le_bytes());
                bytes[8..].copy_from_slice(&self.splitmix().to_le_bytes());
                uuid::Builder::from_random_bytes(bytes).into_uuid()
            }
        }
    }

    /// SplitMix64: tiny, good enough to make distinct test UUIDs from a seed.
    fn splitmix(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every export error in Chinese is a Chinese sentence (names, formats and
    /// hosts as they are), and none tells a window user to type a flag: the
    /// Export window showed "导出失败：etang has no IMAP server in the database".
    #[test]
    fn export_errors_are_said_in_the_window_language_without_flags() {
        let all = [
            ExportError::NoServer {
                provider: "etang".into(),
                protocol: Protocol::Imap,
            },
            ExportError::OnlyPlaintext {
                provider: "etang".into(),
                protocol: Protocol::Pop3,
            },
            ExportError::Oauth2Only {
                provider: "outlook".into(),
            },
            ExportError::NothingSecure {
                protocol: Protocol::Smtp,
            },
            ExportError::WrongProtocol {
                role: "incoming",
                expected: "POP3/IMAP",
                found: Protocol::Smtp,
            },
            ExportError::Plaintext {
                host: "mail.example.com".into(),
                port: 110,
            },
            ExportError::AddressRequired { format: "mutt" },
            ExportError::PasswordNotSupported {
                format: "thunderbird",
            },
        ];
        let names = [
            "etang",
            "outlook",
            "POP3/IMAP",
            "IMAP",
            "POP3",
            "SMTP",
            "OAuth2",
            "mail.example.com",
            "mutt",
            "thunderbird",
            "mailconf",
            "STARTTLS",
            "TLS",
        ];
        for e in &all {
            let en = e.text(Lang::En);
            assert!(!en.contains("--"), "{en}");
            for lang in [Lang::ZhHans, Lang::ZhHant] {
                let t = e.text(lang);
                assert!(!t.contains("--"), "{t}");
                assert!(
                    crate::i18n::english_left(&t, &names).is_none(),
                    "{lang:?}: English left in {t:?}"
                );
            }
        }
        assert_eq!(
            all[0].text(Lang::ZhHans),
            "数据库中的 etang 没有 IMAP 服务器"
        );
    }

    #[test]
    fn seeded_uuids_are_stable_distinct_v4() {
        let mut a = UuidSource::Seeded(7).generator();
        let mut b = UuidSource::Seeded(7).generator();
        let (a1, a2) = (a.next_uuid(), a.next_uuid());
        assert_eq!(a1, b.next_uuid());
        assert_ne!(a1, a2);
        assert_eq!(a1.get_version_num(), 4);
        assert_eq!(a1.get_variant(), uuid::Variant::RFC4122);
        let mut r = UuidSource::Random.generator();
        assert_ne!(r.next_uuid(), r.next_uuid());
    }

    #[test]
    fn format_names_round_trip() {
        use clap::ValueEnum;
        for f in Format::ALL {
            assert_eq!(Format::from_str(f.name(), true), Ok(f));
            assert_eq!(f.exporter(&ExportOptions::default()).format(), f);
        }
        assert_eq!(Format::from_str("neomutt", true), Ok(Format::Mutt));
        assert_eq!(Format::from_str("mobileconfig", true), Ok(Format::Apple));
    }
}
