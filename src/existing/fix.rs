//! The fix writer: the user's file again, with only the wrong settings changed.
//!
//! Given an account of a [`Loaded`] file and the settings it should have
//! ([`Corrected`]: host, port, security, authentication, username), each format
//! compares field by field and edits only the fields that differ: the value in
//! place when the account's own entry sets it, a new setting inside the entry when
//! it came from the client's default or a shared `defaults` block (changing that
//! would change other accounts too). Comments, other accounts, other settings,
//! order and whitespace stay byte for byte ([`super::edit`]).
//!
//! The result is written atomically next to the original (`.fetchmailrc` →
//! `.fetchmailrc.mailconf-fixed`) unless another path or replacing is asked for,
//! with the original's permissions ([`crate::output`]). Thunderbird's `prefs.js` is
//! never touched: the fix is a `user.js` fragment and the steps to apply it, and
//! it is refused while Thunderbird has the profile open.

use super::edit::{self, Edit};
use super::{AuthMethod, Kind, Loaded};
use crate::i18n::{Lang, msg};
use crate::output::{Mode, OutputError, write_atomic_mode};
use crate::providers::{Localized, Security};
use crate::untrusted_file::ReadProblem;
use serde::Serialize;
use std::path::PathBuf;

/// The settings an account should have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrected {
    /// Host name (ASCII; punycode for internationalized names).
    pub host: String,
    /// Port.
    pub port: u16,
    /// TLS or STARTTLS (plaintext is refused: mailconf never writes it).
    pub security: Security,
    /// How to log in (usually [`AuthMethod::Password`] inside TLS).
    pub auth: AuthMethod,
    /// The login name.
    pub username: String,
}

impl Corrected {
    /// Refuses values no format should carry: a host that is not a host name or
    /// IP address, a plaintext connection, control characters or line breaks in
    /// the username.
    pub fn check(&self) -> Result<(), FixError> {
        let host_ok = !self.host.is_empty()
            && self.host.len() <= 253
            && self
                .host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'));
        if !host_ok {
            return Err(FixError::Invalid {
                field: Field::Host,
                value: self.host.escape_debug().to_string(),
            });
        }
        // mailconf never writes a plaintext connection into a user's file.
        if self.security == Security::Plain {
            return Err(FixError::Invalid {
                field: Field::Security,
                value: "plain".into(),
            });
        }
        if self.port == 0 {
            return Err(FixError::Invalid {
                field: Field::Port,
                value: "0".into(),
            });
        }
        if self.username.is_empty() || self.username.chars().any(char::is_control) {
            return Err(FixError::Invalid {
                field: Field::Username,
                value: self.username.escape_debug().to_string(),
            });
        }
        Ok(())
    }
}

/// Which setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// Host name.
    Host,
    /// Port.
    Port,
    /// TLS / STARTTLS / plaintext.
    Security,
    /// Authentication method.
    Auth,
    /// Login name.
    Username,
}

impl Field {
    /// Name for tables.
    pub fn label(self) -> &'static str {
        match self {
            Field::Host => "host",
            Field::Port => "port",
            Field::Security => "security",
            Field::Auth => "authentication",
            Field::Username => "username",
        }
    }

    /// Its name for people in `lang` (the words the Thunderbird steps use).
    pub fn words(self, lang: Lang) -> String {
        match self {
            Field::Host => msg!(lang, "field-host"),
            Field::Port => msg!(lang, "field-port"),
            Field::Security => msg!(lang, "field-security"),
            Field::Auth => msg!(lang, "field-auth"),
            Field::Username => msg!(lang, "field-username"),
        }
    }
}

/// One changed setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Which setting.
    pub field: Field,
    /// The line it is on in the original (where it was inserted, for a new one).
    pub line: usize,
    /// What the file said (or the client's default it used).
    pub before: String,
    /// What it says now.
    pub after: String,
}

/// A fixed file, ready to write.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The new contents.
    pub bytes: Vec<u8>,
    /// What changed (empty: nothing was wrong).
    pub changes: Vec<Change>,
    /// Thunderbird: the steps to apply the `user.js` fragment, in three languages.
    pub steps: Vec<Localized>,
}

/// The command that writes a new Apple profile, named where one cannot be fixed.
const EXPORT_APPLE: &str = "mailconf export --format apple";

/// Why an account could not be fixed.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// No account with that index.
    #[error("the file has no account number {0}")]
    NoSuchAccount(usize),
    /// A corrected value is not acceptable.
    #[error("the corrected {} is not valid: {value}", .field.label())]
    Invalid {
        /// Which.
        field: Field,
        /// The value (escaped).
        value: String,
    },
    /// The format cannot say this (e.g. STARTTLS in getmail, a line too long for msmtp).
    #[error("{format} cannot express the corrected {}: {reason}", .field.label())]
    Unrepresentable {
        /// The format.
        format: &'static str,
        /// Which setting.
        field: Field,
        /// Why.
        reason: String,
    },
    /// The file cannot be edited safely (a locator that no longer matches…).
    #[error("{0}")]
    Unsupported(String),
    /// A signed Apple profile: a change would break its signature, and mailconf
    /// cannot sign it again.
    #[error(
        "the profile is signed and a change would break its signature; mailconf cannot sign it again: write a new one with `{EXPORT_APPLE}`"
    )]
    SignedProfile,
    /// A binary Apple profile (a binary property list): not edited in place.
    #[error("a binary profile cannot be edited in place; write a new one with `{EXPORT_APPLE}`")]
    BinaryProfile,
    /// The change would also change another account that shares the setting
    /// (a fetchmail poll's port for all its users…); fixing them together works.
    #[error(
        "the change would also change {other} (line {line}), which shares the setting; fix both together"
    )]
    Shared {
        /// The other account, as the file names it (escaped before showing).
        other: String,
        /// Its line.
        line: usize,
    },
    /// Thunderbird has the profile open.
    #[error(
        "Thunderbird is running with this profile ({}); close Thunderbird first",
        .0.display()
    )]
    ProfileInUse(PathBuf),
    /// An internal inconsistency (a bug).
    #[error(transparent)]
    Edit(#[from] edit::EditError),
}

impl FixError {
    /// The error for people, in `lang`: a sentence from the catalog, then what
    /// the format's fixer found (English, a detail) where there is one.
    /// Callers escape it before showing it (values come from the user's file).
    pub fn text(&self, lang: Lang) -> String {
        let detail = |sentence: String, details: &str| {
            msg!(lang, "with-details", sentence = sentence, details = details)
        };
        match self {
            FixError::NoSuchAccount(n) => msg!(lang, "fix-no-such-account", number = *n),
            FixError::Invalid { field, value } => msg!(
                lang,
                "fix-invalid",
                field = field.words(lang),
                value = value.as_str()
            ),
            FixError::Unrepresentable {
                format,
                field,
                reason,
            } => detail(
                msg!(
                    lang,
                    "fix-unrepresentable",
                    format = *format,
                    field = field.words(lang)
                ),
                reason,
            ),
            FixError::Unsupported(reason) => detail(msg!(lang, "fix-unsupported"), reason),
            FixError::Shared { other, line } => {
                msg!(lang, "fix-shared", account = other.as_str(), line = *line)
            }
            FixError::SignedProfile => msg!(lang, "fix-signed-profile", command = EXPORT_APPLE),
            FixError::BinaryProfile => msg!(lang, "fix-binary-profile", command = EXPORT_APPLE),
            FixError::ProfileInUse(profile) => msg!(
                lang,
                "fix-profile-in-use",
                profile = profile.display().to_string()
            ),
            FixError::Edit(e) => detail(msg!(lang, "fix-internal"), &e.to_string()),
        }
    }
}

impl WriteError {
    /// The error for people, in `lang` (see [`FixError::text`]).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            WriteError::Output(e) => e.text(lang),
            WriteError::Fix(e) => e.text(lang),
            WriteError::Io { path, problem } => msg!(
                lang,
                "with-details",
                sentence = msg!(lang, "fix-cannot-read", path = path.display().to_string()),
                details = problem.text(lang)
            ),
        }
    }
}

/// Where the fixed file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Next to the original, named `<name>.mailconf-fixed` (Thunderbird:
    /// `user.js.mailconf-fixed` in the profile).
    NextToOriginal,
    /// This path.
    Path(PathBuf),
    /// Over the original (Thunderbird: the profile's `user.js`, whose existing
    /// lines are kept before the fragment).
    ReplaceOriginal,
}

/// Why the fixed file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Writing failed or the file exists.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// Thunderbird has the profile open.
    #[error(transparent)]
    Fix(#[from] FixError),
    /// Reading the existing `user.js` failed.
    #[error("cannot read {}: {problem}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error, or what is there instead of a file.
        #[source]
        problem: ReadProblem,
    },
}

/// What a format's fixer returns.
pub(crate) struct Plan {
    pub edits: Vec<Edit>,
    pub changes: Vec<Change>,
}

impl Plan {
    pub fn new() -> Plan {
        Plan {
            edits: Vec::new(),
            changes: Vec::new(),
        }
    }

    /// Records a change. A second edit of the same setting on the same line
    /// (fetchmail's `ssl` and `sslproto` both say how the connection is
    /// secured) joins the first, so a person reads one change, not two that
    /// each seem to start from the same value.
    pub fn change(&mut self, field: Field, line: usize, before: String, after: String) {
        if let Some(same) = self
            .changes
            .iter_mut()
            .find(|c| c.field == field && c.line == line && c.before == before)
        {
            same.after.push_str(", ");
            same.after.push_str(&after);
            return;
        }
        self.changes.push(Change {
            field,
            line,
            before,
            after,
        });
    }
}

/// How a change names "STARTTLS when the server offers it, else plaintext"
/// (worded for people by `check::existing::change_line`).
pub const STARTTLS_IF_OFFERED: &str = "starttls (only if offered)";

/// `security` for a change line: `tls`, `starttls`, [`STARTTLS_IF_OFFERED`],
/// `plain`.
pub(crate) fn security_label(s: Security, optional: bool) -> String {
    if optional && s == Security::Starttls {
        STARTTLS_IF_OFFERED.into()
    } else {
        s.as_str().into()
    }
}

impl Loaded {
    /// The file with account `index` corrected to `want`. Only fields that differ
    /// change; nothing differing gives the original bytes and no changes.
    pub fn fix(&self, index: usize, want: &Corrected) -> Result<Fixed, FixError> {
        let fixed = self.fix_one(index, want)?;
        self.others_unchanged(&[index], &fixed.bytes)?;
        Ok(fixed)
    }

    /// Fails when `bytes`, read again, gives any account not in `fixed` other
    /// settings than this file does: a fix changes exactly the wrong fields.
    /// (A setting several accounts share, such as a fetchmail poll's port for
    /// all its users or an msmtp parent's for its children, would otherwise
    /// change an account nobody asked to change.)
    fn others_unchanged(&self, fixed: &[usize], bytes: &[u8]) -> Result<(), FixError> {
        if self.kind == Kind::Thunderbird || bytes == self.source.bytes() {
            return Ok(());
        }
        let again = super::parse(&self.path, bytes.to_vec(), Some(self.kind)).map_err(|e| {
            FixError::Unsupported(format!("the fixed file does not read back: {e}"))
        })?;
        let key = |a: &super::Account| {
            (
                a.protocol,
                a.host.value.to_ascii_lowercase(),
                a.port.value,
                a.auth.value.clone(),
                a.username.as_ref().map(|u| u.value.clone()),
            )
        };
        for (i, a) in self.accounts.iter().enumerate() {
            if fixed.contains(&i) {
                continue;
            }
            // A shared switch that only makes another account stricter (mutt's
            // one `ssl_starttls` / `ssl_force_tls`: plaintext or STARTTLS if
            // offered becomes STARTTLS) is allowed; anything else is a change.
            let same = again.accounts.get(i).is_some_and(|b| {
                let tightened = b.security.value == Security::Starttls
                    && match a.security.value {
                        Security::Plain => true,
                        Security::Starttls => a.starttls_optional && !b.starttls_optional,
                        Security::Tls => false,
                    };
                key(b) == key(a)
                    && (tightened
                        || (b.security.value == a.security.value
                            && b.starttls_optional == a.starttls_optional))
            });
            if !same {
                return Err(FixError::Shared {
                    other: a.name.clone(),
                    line: a.line,
                });
            }
        }
        Ok(())
    }

    /// [`Loaded::fix`] without the check that the other accounts stay as they
    /// were ([`Loaded::fix_all`] checks once, at the end).
    fn fix_one(&self, index: usize, want: &Corrected) -> Result<Fixed, FixError> {
        want.check()?;
        let account = self
            .accounts
            .get(index)
            .ok_or(FixError::NoSuchAccount(index))?;
        let plan = match self.kind {
            // prefs.js is never edited: the fix is a user.js fragment.
            Kind::Thunderbird => return super::thunderbird::fix(self, account, want),
            Kind::Fetchmail => super::fetchmail::fix(&self.source, account, want)?,
            Kind::Msmtp => super::msmtp::fix(&self.source, account, want)?,
            Kind::Mutt => super::mutt::fix(&self.source, account, want)?,
            Kind::Getmail => super::getmail::fix(&self.source, account, want)?,
            Kind::Apple => super::apple::fix(&self.source, account, want)?,
            Kind::MailconfJson => super::json::fix(&self.source, account, want)?,
            Kind::Autoconfig => super::autoconfig::fix(&self.source, account, want)?,
        };
        let bytes = edit::apply(self.source.bytes(), plan.edits)?;
        // In file order, as a person reads the file.
        let mut changes = plan.changes;
        changes.sort_by_key(|c| c.line);
        Ok(Fixed {
            bytes,
            changes,
            steps: Vec::new(),
        })
    }

    /// The file with several accounts corrected (each index once), as one
    /// [`Fixed`]: each fix starts from the previous one's bytes, read again, so
    /// the edits of one account never undo another's. Thunderbird fragments are
    /// joined and their steps given once each.
    pub fn fix_all(&self, wants: &[(usize, Corrected)]) -> Result<Fixed, FixError> {
        let mut all = Fixed {
            bytes: if self.kind == Kind::Thunderbird {
                Vec::new()
            } else {
                self.source.bytes().to_vec()
            },
            changes: Vec::new(),
            steps: Vec::new(),
        };
        let mut current: Option<Loaded> = None;
        for (index, want) in wants {
            let from = current.as_ref().unwrap_or(self);
            let fixed = from.fix_one(*index, want)?;
            all.changes.extend(fixed.changes);
            for step in fixed.steps {
                if !all.steps.contains(&step) {
                    all.steps.push(step);
                }
            }
            if self.kind == Kind::Thunderbird {
                // Fragments are independent: prefs.js itself is never changed.
                all.bytes.extend_from_slice(&fixed.bytes);
            } else if fixed.bytes != all.bytes {
                let reread = super::parse(&self.path, fixed.bytes.clone(), Some(self.kind))
                    .map_err(|e| {
                        FixError::Unsupported(format!("the fixed file does not read back: {e}"))
                    })?;
                all.bytes = fixed.bytes;
                current = Some(reread);
            }
        }
        let indexes: Vec<usize> = wants.iter().map(|(i, _)| *i).collect();
        self.others_unchanged(&indexes, &all.bytes)?;
        Ok(all)
    }

    /// The path [`Destination::NextToOriginal`] writes to.
    pub fn fixed_path(&self, dest: &Destination) -> PathBuf {
        match (dest, self.profile_dir()) {
            (Destination::Path(p), _) => p.clone(),
            (Destination::NextToOriginal, Some(profile)) => profile.join("user.js.mailconf-fixed"),
            (Destination::ReplaceOriginal, Some(profile)) => profile.join("user.js"),
            (Destination::NextToOriginal, None) => {
                let mut name = self
                    .path
                    .file_name()
                    .map(|n| n.to_os_string())
                    .unwrap_or_default();
                name.push(".mailconf-fixed");
                self.path.with_file_name(name)
            }
            (Destination::ReplaceOriginal, None) => {
                // Through a symlink (dotfiles kept in a repository): replace the
                // file it points to, not the link.
                std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone())
            }
        }
    }

    /// Writes `fixed` atomically to `dest` with the original's permissions and
    /// returns the path written. Without `overwrite` an existing file is refused
    /// ([`Destination::ReplaceOriginal`] always overwrites).
    pub fn write_fixed(
        &self,
        fixed: &Fixed,
        dest: &Destination,
        overwrite: bool,
    ) -> Result<PathBuf, WriteError> {
        let path = self.fixed_path(dest);
        let replace = *dest == Destination::ReplaceOriginal;
        let mut bytes = fixed.bytes.clone();
        if let Some(profile) = self.profile_dir() {
            super::thunderbird::refuse_if_running(profile)?;
            if replace {
                // user.js may hold the user's own lines: keep them, ours come last
                // (later lines win).
                match crate::untrusted_file::read_bytes(&path, super::text::MAX_PREFS_BYTES as u64)
                {
                    Ok(mut existing) => {
                        if !existing.is_empty() && !existing.ends_with(b"\n") {
                            existing.push(b'\n');
                        }
                        existing.extend_from_slice(&bytes);
                        bytes = existing;
                    }
                    Err(ReadProblem::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(problem) => return Err(WriteError::Io { path, problem }),
                }
            }
        }
        let mode = self.mode.map_or(Mode::Private, Mode::Exact);
        write_atomic_mode(&path, &bytes, mode, overwrite || replace)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check --fix` and the app's "Save the fixed file…" showed these
    /// errors' English (`to_string`) in Chinese too: each is a catalog
    /// sentence now, and only what the format's fixer found, the OS error or
    /// the path follows it verbatim as details.
    #[test]
    fn fix_and_write_errors_are_worded_in_each_language() {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let errors: Vec<WriteError> = vec![
            FixError::NoSuchAccount(3).into(),
            FixError::Invalid {
                field: Field::Host,
                value: "pop 163.com".into(),
            }
            .into(),
            FixError::Unrepresentable {
                format: "getmail",
                field: Field::Security,
                reason: "getmail has no STARTTLS".into(),
            }
            .into(),
            FixError::Unsupported("not UTF-8".into()).into(),
            FixError::ProfileInUse(PathBuf::from("/home/ann/.thunderbird/x.default")).into(),
            WriteError::Io {
                path: PathBuf::from("/home/ann/.thunderbird/x.default/user.js"),
                problem: ReadProblem::Io(io()),
            },
            WriteError::Io {
                path: PathBuf::from("/home/ann/.thunderbird/x.default/user.js"),
                problem: ReadProblem::NotRegular(crate::untrusted_file::FileKind::Fifo),
            },
            OutputError::Exists(PathBuf::from("/home/ann/.fetchmailrc.mailconf-fixed")).into(),
        ];
        for e in &errors {
            let en = e.text(Lang::En);
            assert!(!en.is_empty(), "{e:?}");
            for lang in [Lang::ZhHans, Lang::ZhHant] {
                let text = e.text(lang);
                // The sentence comes first; details (English by design) follow.
                let sentence = text.split('\n').next().unwrap_or_default();
                // Longest first: a path holds "mailconf" too.
                let allowed = [
                    "/home/ann/.thunderbird/x.default/user.js",
                    "/home/ann/.thunderbird/x.default",
                    "/home/ann/.fetchmailrc.mailconf-fixed",
                    "pop 163.com",
                    "getmail",
                    "Thunderbird",
                    "mailconf",
                    "--force",
                ];
                assert_eq!(
                    crate::i18n::english_left(sentence, &allowed),
                    None,
                    "{lang:?}: {text}"
                );
            }
        }
        // The fixer's own words and the OS error are kept as details.
        assert!(
            errors[2]
                .text(Lang::ZhHans)
                .contains("getmail has no STARTTLS")
        );
        assert!(errors[5].text(Lang::ZhHans).contains("denied"));
    }
}
