//! The settings a user already has: read from the files of the mail clients they
//! use, and written back with only the wrong parts changed.
//!
//! Most people who need mailconf already have an account set up somewhere, and one
//! day it stops working (a provider drops plaintext POP3 on 110, wants an
//! authorization code, closes). This module reads what their client was told, so
//! the check layer can test exactly that, and writes the corrected file in the
//! same format, byte for byte except for the fields that were wrong.
//!
//! One reader per format, each giving [`Account`]s (protocol, host, port,
//! security, authentication, username, the password where the file holds one) and
//! keeping the original bytes for [`Loaded::fix`]:
//!
//! - [`thunderbird`]: a profile's `prefs.js`, and finding profiles via `profiles.ini`;
//! - [`fetchmail`]: `~/.fetchmailrc`, read with fetchmail's own grammar;
//! - [`msmtp`]: `msmtprc`, read as msmtp reads it (`passwordeval` is shown, never run);
//! - [`mutt`]: `muttrc` / `neomuttrc` (`source` and backticks are not followed);
//! - [`getmail`]: the `[retriever]` of a `getmailrc`;
//! - [`apple`]: Apple `.mobileconfig` profiles;
//! - [`json`]: mailconf's own JSON export;
//! - [`autoconfig`]: a Thunderbird autoconfig XML (through the provider database's
//!   reader, [`crate::providers::autoconfig`]).
//!
//! Outlook and Foxmail keep their settings in the Windows registry and in binary
//! files; they are not read (the README says what to do instead).
//!
//! Everything in a file is hostile input: sizes and line lengths are capped, a line
//! not understood is kept and listed ([`Note`]), a garbled file is an error naming
//! the file and line while other files still load, and a password never appears in
//! `Debug`, an error, a note or JSON ([`Password`] holds a [`Secret`]).
//!
//! This module knows nothing of the network: it may use [`crate::providers`],
//! [`crate::secret`] and the file writer [`crate::output`], nothing above them.

pub mod apple;
pub mod autoconfig;
mod edit;
pub mod fetchmail;
pub mod fix;
// The bodies of the cargo-fuzz targets in `fuzz/` (which turn the feature on)
// and of their stable runs in this crate's tests: not part of the API.
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod getmail;
mod ini;
pub mod json;
pub mod msmtp;
pub mod mutt;
pub mod text;
pub mod thunderbird;
mod xml;

pub use fix::{
    Change, Corrected, Destination, Field, FixError, Fixed, STARTTLS_IF_OFFERED, WriteError,
};

use crate::i18n::{Lang, msg};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use crate::untrusted_file::{self, FileKind, ReadProblem};
use serde::Serialize;
use std::path::{Path, PathBuf};
use text::Source;

/// Which program's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A Thunderbird profile (`prefs.js`).
    Thunderbird,
    /// `~/.fetchmailrc`.
    Fetchmail,
    /// `~/.msmtprc` or `~/.config/msmtp/config`.
    Msmtp,
    /// `~/.muttrc`, `~/.config/neomutt/neomuttrc`.
    Mutt,
    /// `getmailrc`.
    Getmail,
    /// An Apple configuration profile (`.mobileconfig`).
    Apple,
    /// mailconf's own JSON export.
    MailconfJson,
    /// A Thunderbird autoconfig document (`config-v1.1.xml`).
    Autoconfig,
}

impl Kind {
    /// Every kind, in the order the CLI lists them.
    pub const ALL: [Kind; 8] = [
        Kind::Thunderbird,
        Kind::Fetchmail,
        Kind::Msmtp,
        Kind::Mutt,
        Kind::Getmail,
        Kind::Apple,
        Kind::MailconfJson,
        Kind::Autoconfig,
    ];

    /// Name used on the command line and in JSON (`fetchmail`, `mailconf-json`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Thunderbird => "thunderbird",
            Kind::Fetchmail => "fetchmail",
            Kind::Msmtp => "msmtp",
            Kind::Mutt => "mutt",
            Kind::Getmail => "getmail",
            Kind::Apple => "apple",
            Kind::MailconfJson => "mailconf-json",
            Kind::Autoconfig => "autoconfig",
        }
    }

    /// The kind named `s` (as [`Kind::as_str`] gives it).
    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the file is, for people.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Kind::Thunderbird => msg!(lang, "kind-thunderbird"),
            Kind::Fetchmail => msg!(lang, "kind-fetchmail"),
            Kind::Msmtp => msg!(lang, "kind-msmtp"),
            Kind::Mutt => msg!(lang, "kind-mutt"),
            Kind::Getmail => msg!(lang, "kind-getmail"),
            Kind::Apple => msg!(lang, "kind-apple"),
            Kind::MailconfJson => msg!(lang, "kind-mailconf-json"),
            Kind::Autoconfig => msg!(lang, "kind-autoconfig"),
        }
    }

    /// The kind a file is, from its name and then its first bytes; `None` when
    /// neither tells.
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<Kind> {
        Kind::from_file_name(path).or_else(|| Kind::sniff(bytes))
    }

    /// Files of clients mailconf cannot read (Outlook, Foxmail), with what to do.
    fn unreadable(path: &Path) -> Option<Unsupported> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "pst" | "ost" | "olm" | "reg" => Some(Unsupported::Outlook),
            _ if name == "account.rec" || ext == "fox" => Some(Unsupported::Foxmail),
            _ => None,
        }
    }

    fn from_file_name(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let parent = path
            .parent()
            .and_then(Path::file_name)
            .map(|p| p.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let kind = match name.as_str() {
            "prefs.js" => Kind::Thunderbird,
            ".fetchmailrc" | "fetchmailrc" => Kind::Fetchmail,
            ".msmtprc" | "msmtprc" => Kind::Msmtp,
            "config" if parent == "msmtp" => Kind::Msmtp,
            ".muttrc" | "muttrc" | ".neomuttrc" | "neomuttrc" => Kind::Mutt,
            n if n.starts_with("getmailrc") => Kind::Getmail,
            n if n.ends_with(".mobileconfig") => Kind::Apple,
            n if n.ends_with(".muttrc") || n.ends_with(".neomuttrc") => Kind::Mutt,
            n if n.ends_with(".msmtprc") => Kind::Msmtp,
            n if n.ends_with(".fetchmailrc") => Kind::Fetchmail,
            _ => return None,
        };
        Some(kind)
    }

    fn sniff(bytes: &[u8]) -> Option<Kind> {
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let text = String::from_utf8_lossy(head);
        if text.contains("user_pref(") {
            return Some(Kind::Thunderbird);
        }
        if text.contains("<clientConfig") {
            return Some(Kind::Autoconfig);
        }
        if text.contains("\"mailconf_export\"") {
            return Some(Kind::MailconfJson);
        }
        if text.contains("PayloadContent") || head.starts_with(b"bplist00") {
            return Some(Kind::Apple);
        }
        let words: Vec<&str> = text
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
        if has(&["[retriever]"]) {
            Some(Kind::Getmail)
        } else if has(&["poll", "skip", "defaults"]) && !has(&["account", "host"]) {
            Some(Kind::Fetchmail)
        } else if has(&["account", "host", "tls", "tls_starttls", "auth"]) {
            Some(Kind::Msmtp)
        } else if has(&["set", "unset", "source", "mailboxes", "folder-hook"]) {
            Some(Kind::Mutt)
        } else {
            None
        }
    }
}

/// Why a file could not be read at all. Each names the file (and line where
/// there is one); hostile text inside is escaped with `escape_debug`.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file system said no.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// Larger than the cap.
    #[error("{} is {size} bytes, more than the {limit}-byte limit for this kind of file", .path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: usize,
        /// The cap.
        limit: usize,
    },
    /// A line is longer than the cap.
    #[error("{}:{line}: line longer than {limit} bytes", .path.display())]
    LineTooLong {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// The cap.
        limit: usize,
    },
    /// Not UTF-8 where the format requires it.
    #[error("{}:{line}: not valid UTF-8 text", .path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The first line with a bad byte.
        line: usize,
    },
    /// Not the format it claims to be (XML, JSON or plist that does not parse).
    #[error("{}:{line}: {message}", .path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line (1 when the parser gives none).
        line: usize,
        /// What is wrong (escaped).
        message: String,
    },
    /// Which program the file belongs to cannot be told.
    #[error(
        "{}: cannot tell which program this file is for (Thunderbird, fetchmail, msmtp, mutt, getmail, Apple profile, mailconf JSON, autoconfig); name the format",
        .path.display()
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// Not a regular file: a named pipe, a device, a socket.
    #[error("{} is {what}, not a file: only regular files are read", .path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What is there.
        what: FileKind,
    },
    /// An Outlook or Foxmail file, a directory without `prefs.js` and the like.
    #[error("{}: {what}", .path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What it is (and so what to do instead).
        what: Unsupported,
    },
}

/// A file mailconf does not read, by what it is: typed, worded by the
/// catalog ([`Unsupported::text`]); `Display` is the English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// Outlook's data files and registry exports (binary).
    Outlook,
    /// Foxmail's account files (binary).
    Foxmail,
    /// A folder that is not a Thunderbird profile.
    FolderWithoutPrefs,
    /// A mailconf export of a newer version (the version it says).
    NewerExport(u32),
}

impl Unsupported {
    /// What the file is and what to do instead, in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let probe = "mailconf probe you@example.com";
        match self {
            Unsupported::Outlook => msg!(
                lang,
                "read-unsupported-outlook",
                probe = probe,
                export = "mailconf export … -f outlook"
            ),
            Unsupported::Foxmail => msg!(
                lang,
                "read-unsupported-foxmail",
                probe = probe,
                export = "mailconf export … -f summary"
            ),
            Unsupported::FolderWithoutPrefs => {
                msg!(lang, "read-unsupported-folder", file = "prefs.js")
            }
            Unsupported::NewerExport(v) => msg!(
                lang,
                "read-unsupported-newer-export",
                field = "mailconf_export",
                version = v.to_string(),
                known = "1"
            ),
        }
    }
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl ReadError {
    /// The error for people, in `lang` (the `Display` text is the terse
    /// English of logs). Paths and parser messages are as they are: escape the
    /// result before showing it.
    pub fn describe(&self, lang: Lang) -> String {
        let path = self.path().display().to_string();
        match self {
            ReadError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => msg!(lang, "read-not-found", path = path),
                std::io::ErrorKind::PermissionDenied => {
                    msg!(lang, "read-permission", path = path)
                }
                _ => msg!(lang, "read-io", path = path, reason = source.to_string()),
            },
            ReadError::TooLarge { size, limit, .. } => {
                msg!(
                    lang,
                    "read-too-large",
                    path = path,
                    size = *size,
                    limit = *limit
                )
            }
            ReadError::LineTooLong { line, limit, .. } => {
                msg!(
                    lang,
                    "read-line-too-long",
                    path = path,
                    line = *line,
                    limit = *limit
                )
            }
            ReadError::Encoding { line, .. } => {
                msg!(lang, "read-encoding", path = path, line = *line)
            }
            ReadError::Syntax { line, message, .. } => msg!(
                lang,
                "read-syntax",
                path = path,
                line = *line,
                message = message.clone()
            ),
            ReadError::NotAFile { what, .. } => {
                msg!(lang, "read-not-a-file", path = path, what = what.text(lang))
            }
            ReadError::UnknownFormat { .. } => msg!(lang, "read-unknown-format", path = path),
            ReadError::Unsupported { what, .. } => {
                msg!(
                    lang,
                    "read-unsupported",
                    path = path,
                    what = what.text(lang)
                )
            }
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::LineTooLong { path, .. }
            | ReadError::Encoding { path, .. }
            | ReadError::Syntax { path, .. }
            | ReadError::UnknownFormat { path }
            | ReadError::NotAFile { path, .. }
            | ReadError::Unsupported { path, .. } => path,
        }
    }
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "line", rename_all = "kebab-case")]
pub enum Origin {
    /// Written in the account's own entry, on this line.
    Line(usize),
    /// Inherited from a `defaults` block (or a parent account) on this line.
    Defaults(usize),
    /// Not written: the client's built-in default.
    Implied,
}

impl Origin {
    /// The line, when the value is written in the file.
    pub fn line(self) -> Option<usize> {
        match self {
            Origin::Line(l) | Origin::Defaults(l) => Some(l),
            Origin::Implied => None,
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting<T> {
    /// The value the client uses.
    pub value: T,
    /// Where it is written (or that it is the client's default).
    #[serde(flatten)]
    pub origin: Origin,
}

impl<T> Setting<T> {
    /// A value written on `line`.
    pub fn at(value: T, line: usize) -> Self {
        Setting {
            value,
            origin: Origin::Line(line),
        }
    }

    /// The client's built-in default.
    pub fn implied(value: T) -> Self {
        Setting {
            value,
            origin: Origin::Implied,
        }
    }
}

/// How a client authenticates, as its file says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "method", content = "name")]
pub enum AuthMethod {
    /// Not set: the client picks what the server offers.
    Automatic,
    /// No authentication at all (msmtp's default without `auth`).
    None,
    /// The password as it is, inside the connection (USER/PASS, LOGIN, PLAIN):
    /// Thunderbird's "normal password".
    Password,
    /// A challenge-response mechanism (CRAM-MD5, DIGEST-MD5, APOP, SCRAM).
    EncryptedPassword,
    /// OAuth2 (XOAUTH2, OAUTHBEARER).
    Oauth2,
    /// Kerberos / GSSAPI.
    Gssapi,
    /// NTLM.
    Ntlm,
    /// A TLS client certificate (SASL EXTERNAL).
    External,
    /// Something else the file names.
    Other(String),
}

impl AuthMethod {
    /// Whether a client set to `self` logs in with a password when `want` says
    /// it should (the automatic choice does; "none" does not).
    pub fn satisfies(&self, want: &AuthMethod) -> bool {
        self == want || (*self == AuthMethod::Automatic && *want == AuthMethod::Password)
    }

    /// Short name for tables: `automatic`, `password`, `cram-md5`…
    pub fn label(&self) -> &str {
        match self {
            AuthMethod::Automatic => "automatic",
            AuthMethod::None => "none",
            AuthMethod::Password => "password",
            AuthMethod::EncryptedPassword => "encrypted password",
            AuthMethod::Oauth2 => "OAuth2",
            AuthMethod::Gssapi => "GSSAPI",
            AuthMethod::Ntlm => "NTLM",
            AuthMethod::External => "external",
            AuthMethod::Other(s) => s,
        }
    }

    /// Its name for people in `lang` (Thunderbird's words where it has them;
    /// protocol names and a method mailconf does not know stay as they are).
    pub fn words(&self, lang: Lang) -> String {
        match self {
            AuthMethod::Automatic => msg!(lang, "auth-automatic"),
            AuthMethod::None => msg!(lang, "auth-none"),
            AuthMethod::Password => msg!(lang, "auth-password"),
            AuthMethod::EncryptedPassword => msg!(lang, "auth-encrypted-password"),
            AuthMethod::External => msg!(lang, "auth-external"),
            AuthMethod::Oauth2 | AuthMethod::Gssapi | AuthMethod::Ntlm | AuthMethod::Other(_) => {
                self.label().to_owned()
            }
        }
    }
}

/// Where the password comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Password {
    /// The file holds none; the client asks (or uses a keyring).
    NotInFile,
    /// The file holds it (written on `line`).
    InFile {
        /// The password: redacted in `Debug`, zeroed on drop, never serialized.
        secret: Secret,
        /// Where.
        line: usize,
    },
    /// A command prints it (msmtp `passwordeval`, getmail `password_command`).
    /// Shown to the user, never run by mailconf.
    Command {
        /// The command as written (escaped when shown).
        command: String,
        /// Where.
        line: usize,
    },
}

impl Password {
    /// The password text when the file holds one (for the login test only).
    pub fn secret(&self) -> Option<&Secret> {
        match self {
            Password::InFile { secret, .. } => Some(secret),
            _ => None,
        }
    }
}

impl Serialize for Password {
    /// `{"source": "in-file", "line": 7}`: never the password itself.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut m = s.serialize_map(None)?;
        match self {
            Password::NotInFile => m.serialize_entry("source", "not-in-file")?,
            Password::InFile { line, .. } => {
                m.serialize_entry("source", "in-file")?;
                m.serialize_entry("line", line)?;
            }
            Password::Command { command, line } => {
                m.serialize_entry("source", "command")?;
                m.serialize_entry("command", command)?;
                m.serialize_entry("line", line)?;
            }
        }
        m.end()
    }
}

/// One account (one server a client connects to) as a file describes it.
///
/// Every string is as the file wrote it, so it is hostile input: escape it
/// before showing it (`crate::server_text`), validate a host before connecting.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    /// How the file names it: the msmtp account, the fetchmail poll name and user,
    /// the Thunderbird server key and name.
    pub name: String,
    /// The line the entry starts on.
    pub line: usize,
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// The host name the client connects to, as written.
    pub host: Setting<String>,
    /// The port.
    pub port: Setting<u16>,
    /// TLS, STARTTLS or plaintext.
    pub security: Setting<Security>,
    /// STARTTLS is used only when the server offers it: a man in the middle can
    /// turn it off and the client goes on in plaintext.
    pub starttls_optional: bool,
    /// Whether the client checks the server's certificate (fetchmail
    /// `no sslcertck`, msmtp `tls_certcheck off` and getmail without `ca_certs`
    /// do not: anyone in between can read the password).
    pub certificate_checked: bool,
    /// How the client logs in.
    pub auth: Setting<AuthMethod>,
    /// The login name, when the file gives one.
    pub username: Option<Setting<String>>,
    /// The password, or where it comes from.
    pub password: Password,
    /// The mail address the account is for (`from`, the identity's address).
    pub address: Option<String>,
    /// Whether mail stays on the server after downloading (POP3), when the file says.
    pub leave_on_server: Option<bool>,
    /// Whether the client uses this entry (fetchmail `skip`, a Thunderbird server
    /// no account refers to).
    pub active: bool,
    /// Thunderbird: the index (in [`Loaded::accounts`]) of the SMTP server the
    /// account's identity sends with.
    pub smtp: Option<usize>,
    /// Where each field sits in the file, for [`Loaded::fix`].
    #[serde(skip)]
    pub(crate) place: Place,
}

/// Where an account's fields sit in its file: format-specific spans used by the
/// fix writer. Kept private to this module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Place {
    /// Nothing recorded (formats that re-parse to fix).
    #[default]
    None,
    /// fetchmail: the entry and user indices of the parse.
    Fetchmail(fetchmail::Locator),
    /// msmtp: the account block.
    Msmtp(msmtp::Locator),
    /// mutt: the variables that gave this account.
    Mutt(mutt::Locator),
    /// getmail: the retriever section.
    Getmail(getmail::Locator),
    /// Thunderbird: the pref branch (`mail.server.server2`).
    Thunderbird(thunderbird::Locator),
    /// Apple: the payload and side.
    Apple(apple::Locator),
    /// JSON: incoming or outgoing.
    Json(json::Locator),
    /// Autoconfig: which server element.
    Autoconfig(autoconfig::Locator),
}

/// Something about a line worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The 1-based line.
    pub line: usize,
    /// What it is.
    pub kind: NoteKind,
    /// The line (or its start), lossy UTF-8 and never a password: lines that may
    /// hold one say so instead. Escape it before showing it.
    pub excerpt: String,
}

/// What a [`Note`] says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// Kept as it is and not read.
    NotUnderstood,
    /// The client itself refuses this line (and so the whole file).
    ClientRefuses,
    /// A `source` line: the other file was not read.
    SourceNotFollowed,
    /// A command (backticks, `eval`, `passwordeval`, `password_command`) mailconf
    /// does not run.
    CommandNotRun,
    /// A hook (mutt `account-hook`, `folder-hook`…): settings applied later, not read.
    HookNotRead,
    /// A signed profile: its content was read, its signature not checked.
    SignatureNotVerified,
    /// A mailbox (mutt `mailboxes`) on a server no account of the file names:
    /// its settings come from hooks, and it was not checked.
    MailboxElsewhere,
}

impl NoteKind {
    /// The note for people, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            NoteKind::NotUnderstood => msg!(lang, "note-not-understood"),
            NoteKind::ClientRefuses => msg!(lang, "note-client-refuses"),
            NoteKind::SourceNotFollowed => msg!(lang, "note-source-not-followed"),
            NoteKind::CommandNotRun => msg!(lang, "note-command-not-run"),
            NoteKind::HookNotRead => msg!(lang, "note-hook-not-read"),
            NoteKind::SignatureNotVerified => msg!(lang, "note-signature-not-verified"),
            NoteKind::MailboxElsewhere => msg!(lang, "note-mailbox-elsewhere"),
        }
    }
}

/// A file that was read: its accounts, what was not understood, and the original
/// bytes the fix writer starts from (never serialized, never in `Debug`).
#[derive(Debug, Clone, Serialize)]
pub struct Loaded {
    /// The file (for Thunderbird, `prefs.js` in the profile).
    pub path: PathBuf,
    /// Which program's file.
    pub kind: Kind,
    /// The accounts, in file order.
    pub accounts: Vec<Account>,
    /// Lines not understood, commands not run, files not followed (the first
    /// [`MAX_NOTES`]).
    pub notes: Vec<Note>,
    /// How many more notes there were past [`MAX_NOTES`].
    pub notes_left_out: usize,
    /// The original's permission bits (Unix), kept by the fixed copy.
    #[serde(skip)]
    pub mode: Option<u32>,
    #[serde(skip)]
    pub(crate) source: Source,
}

impl Loaded {
    /// The passwords this file holds, for scrubbing any text built from it.
    pub fn secrets(&self) -> Vec<&str> {
        self.accounts
            .iter()
            .filter_map(|a| a.password.secret().map(Secret::expose))
            .collect()
    }

    /// The Thunderbird profile folder, for a `prefs.js`.
    pub fn profile_dir(&self) -> Option<&Path> {
        (self.kind == Kind::Thunderbird)
            .then(|| self.path.parent())
            .flatten()
    }
}

/// Reads `path`, telling its kind from its name and contents. A Thunderbird
/// profile folder may be given instead of its `prefs.js`.
pub fn read(path: &Path) -> Result<Loaded, ReadError> {
    read_with(path, None)
}

/// Reads `path` as `kind` (or detected, when `None`).
pub fn read_with(path: &Path, kind: Option<Kind>) -> Result<Loaded, ReadError> {
    let path = if path.is_dir() {
        let prefs = path.join("prefs.js");
        if !prefs.is_file() {
            return Err(ReadError::Unsupported {
                path: path.to_path_buf(),
                what: Unsupported::FolderWithoutPrefs,
            });
        }
        prefs
    } else {
        path.to_path_buf()
    };
    let limit = match kind {
        Some(Kind::Thunderbird) => text::MAX_PREFS_BYTES,
        _ if path.file_name().is_some_and(|n| n == "prefs.js") => text::MAX_PREFS_BYTES,
        _ => text::MAX_FILE_BYTES,
    };
    // Only a regular file, never past the cap: a named pipe does not hang
    // the check and /dev/zero does not fill memory.
    let (bytes, meta) =
        untrusted_file::read_with_metadata(&path, limit as u64).map_err(|e| match e {
            ReadProblem::Io(source) => ReadError::Io {
                path: path.clone(),
                source,
            },
            ReadProblem::NotRegular(what) => ReadError::NotAFile {
                path: path.clone(),
                what,
            },
            ReadProblem::TooLarge { size, limit } => ReadError::TooLarge {
                path: path.clone(),
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
            },
            // Bytes were asked for; a file's text is checked by its reader.
            ReadProblem::NotUtf8 => ReadError::Encoding {
                path: path.clone(),
                line: 1,
            },
        })?;
    let mut loaded = parse(&path, bytes, kind)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        loaded.mode = Some(meta.permissions().mode() & 0o7777);
    }
    // No mode to keep elsewhere.
    #[cfg(not(unix))]
    let _ = meta;
    Ok(loaded)
}

/// Reads every path; one file's error does not stop the others.
pub fn read_all(paths: &[PathBuf]) -> Vec<Result<Loaded, ReadError>> {
    paths.iter().map(|p| read(p)).collect()
}

/// Parses `bytes` (named `path` in messages) as `kind`, or detected when `None`.
/// No file system access.
pub fn parse(path: &Path, mut bytes: Vec<u8>, kind: Option<Kind>) -> Result<Loaded, ReadError> {
    if kind.is_none()
        && let Some(what) = Kind::unreadable(path)
    {
        zeroize::Zeroize::zeroize(&mut bytes);
        return Err(ReadError::Unsupported {
            path: path.to_path_buf(),
            what,
        });
    }
    let kind = match kind.or_else(|| Kind::detect(path, &bytes)) {
        Some(k) => k,
        None => {
            zeroize::Zeroize::zeroize(&mut bytes);
            return Err(ReadError::UnknownFormat {
                path: path.to_path_buf(),
            });
        }
    };
    let (max_bytes, max_line) = match kind {
        Kind::Thunderbird => (text::MAX_PREFS_BYTES, text::MAX_PREFS_LINE_BYTES),
        // XML, JSON and plists may be one long line.
        Kind::Apple | Kind::MailconfJson | Kind::Autoconfig => {
            (text::MAX_FILE_BYTES, text::MAX_FILE_BYTES)
        }
        _ => (text::MAX_FILE_BYTES, text::MAX_LINE_BYTES),
    };
    let source = Source::new(path, bytes, max_bytes, max_line)?;
    let mut parsed = match kind {
        Kind::Thunderbird => thunderbird::parse(&source)?,
        Kind::Fetchmail => fetchmail::parse(&source),
        Kind::Msmtp => msmtp::parse(&source),
        Kind::Mutt => mutt::parse(&source),
        Kind::Getmail => getmail::parse(&source),
        Kind::Apple => apple::parse(&source)?,
        Kind::MailconfJson => json::parse(&source)?,
        Kind::Autoconfig => autoconfig::parse(&source)?,
    };
    // Every note is scrubbed of every password the file holds, once, here.
    parsed.scrub();
    Ok(Loaded {
        path: path.to_path_buf(),
        kind,
        accounts: parsed.accounts,
        notes: parsed.notes,
        notes_left_out: parsed.notes_left_out,
        mode: None,
        source,
    })
}

/// Most notes kept for one file: nobody reads more, and each is scrubbed of
/// every password the file holds.
pub const MAX_NOTES: usize = 500;

/// What a format's reader gives back.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub accounts: Vec<Account>,
    pub notes: Vec<Note>,
    pub notes_left_out: usize,
}

impl Parsed {
    /// The passwords read so far, each once.
    fn secrets(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .accounts
            .iter()
            .filter_map(|a| a.password.secret().map(Secret::expose))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Records a note for `line` of `src` ([`Parsed::scrub`] removes passwords).
    pub fn note(&mut self, src: &Source, line: usize, kind: NoteKind) {
        if self.notes.len() >= MAX_NOTES {
            self.notes_left_out += 1;
            return;
        }
        let excerpt = text::excerpt(src.line(line));
        self.notes.push(Note {
            line,
            kind,
            excerpt,
        });
    }

    /// Scrubs every note of the passwords found anywhere in the file (a note may
    /// come before the line that holds the password), and sorts the notes.
    pub fn scrub(&mut self) {
        if self.notes.is_empty() {
            return;
        }
        let excerpts: Vec<String> = {
            let redactor = text::Redactor::new(&self.secrets());
            self.notes
                .iter()
                .map(|n| redactor.redact(&n.excerpt))
                .collect()
        };
        for (n, e) in self.notes.iter_mut().zip(excerpts) {
            n.excerpt = e;
        }
        self.notes.sort_by_key(|n| n.line);
    }
}

/// Default ports when a file gives none.
pub(crate) fn default_port(protocol: Protocol, security: Security) -> u16 {
    match (protocol, security) {
        (Protocol::Pop3, Security::Tls) => 995,
        (Protocol::Pop3, _) => 110,
        (Protocol::Imap, Security::Tls) => 993,
        (Protocol::Imap, _) => 143,
        (Protocol::Smtp, Security::Tls) => 465,
        (Protocol::Smtp, _) => 25,
    }
}

/// Lossy UTF-8 of bytes read from a file.
pub(crate) fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A named pipe with no writer and `/dev/zero` given as the settings
    /// file: each is refused at once by what it is. The pipe hung the check
    /// (and the app's window, which reads on its own thread) forever, and
    /// `/dev/zero` was read until memory ran out.
    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_device_is_refused_by_what_it_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(".fetchmailrc");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(read(&path).map(|_| ()));
        });
        let answer = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("reading a named pipe did not return");
        let e = answer.expect_err("a pipe is not a settings file");
        assert_eq!(
            e.describe(Lang::En),
            format!(
                "{} is a named pipe (FIFO), not a file: only regular files are read.",
                fifo.display()
            )
        );
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read(Path::new("/dev/zero")).map(|_| ()));
        });
        let e = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("reading /dev/zero did not return")
            .expect_err("a device is not a settings file");
        assert_eq!(
            e.describe(Lang::ZhHans),
            "/dev/zero 是设备，不是文件：只读取普通文件。"
        );
    }
}
