//! Writing a config file: atomically, never over an existing file unless asked,
//! owner-only when it holds a secret, or with exactly the mode of the file it
//! replaces.
//!
//! Exports ([`crate::export`]) and fixed copies of a user's own files
//! ([`crate::existing`]) both write through here, so there is one place that gets
//! atomicity and permissions right.
//!
//! The text goes into a temporary file in the same directory (so the final rename
//! stays on one file system), is flushed to disk, and is then renamed into place.
//! Without overwrite the rename is `persist_noclobber` (a link-based rename that
//! fails if the name exists), so even a file created in the meantime is never
//! replaced. If anything fails, the temporary file is removed and the target is
//! untouched: there is never a half-written config file.
//!
//! Only a regular file is ever replaced, `--force` or not: a symbolic link, a
//! device (`/dev/null`, `/dev/stdout`), a FIFO, a socket or a directory at the
//! path is refused with what it is ([`check_target`], [`FileKind`], the same
//! kinds reading refuses). Callers treat `-` and
//! `/dev/stdout` as standard output ([`is_stdout`]) before they get here.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::untrusted_file::FileKind;

/// Why the file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The file exists and overwriting was not asked for.
    #[error("{} already exists; use --force to replace it", .0.display())]
    Exists(PathBuf),
    /// Something other than a regular file is at the path: never replaced.
    #[error("{} is {what}, not a regular file; mailconf replaces only regular files (for standard output use -o -)", .path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What is there: a symbolic link, a device, a named pipe…
        what: FileKind,
    },
    /// A file holding a secret would land outside the user's own folder, where
    /// (on Windows, which has no owner-only file mode) other users of the
    /// computer may be able to read it ([`private_place`]).
    #[error("{} is outside your user folder ({}): other users of this computer may be able to read a file saved there, and this one holds a password; save it in your user folder (Documents)", .dir.display(), .home.display())]
    NotPrivate {
        /// The folder the file would go to.
        dir: PathBuf,
        /// The user's own folder.
        home: PathBuf,
    },
    /// The file system said no.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The file (or its temporary sibling).
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

impl OutputError {
    /// The error for people, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        match self {
            OutputError::Exists(path) => {
                msg!(lang, "output-exists", path = path.display().to_string())
            }
            OutputError::NotRegular { path, what } => {
                let what = what.text(lang);
                msg!(
                    lang,
                    "output-not-a-file",
                    path = path.display().to_string(),
                    what = what
                )
            }
            OutputError::NotPrivate { dir, home } => msg!(
                lang,
                "output-not-private",
                dir = dir.display().to_string(),
                home = home.display().to_string()
            ),
            OutputError::Io { path, source } => msg!(
                lang,
                "output-io",
                path = path.display().to_string(),
                reason = crate::i18n::io_reason(source, lang)
            ),
        }
    }
}

/// Whether `-o` names standard output: `-` or `/dev/stdout`.
pub fn is_stdout(output: &str) -> bool {
    output == "-" || output == "/dev/stdout"
}

/// Whether `path` may be written: nothing there, or a regular file and
/// `overwrite`. Anything else (a link, a device, a FIFO…) is refused even with
/// `overwrite`, naming what it is.
pub fn check_target(path: &Path, overwrite: bool) -> Result<(), OutputError> {
    let Ok(meta) = path.symlink_metadata() else {
        return Ok(());
    };
    if let Some(what) = FileKind::of(meta.file_type()) {
        return Err(OutputError::NotRegular {
            path: path.to_path_buf(),
            what,
        });
    }
    if overwrite {
        Ok(())
    } else {
        Err(OutputError::Exists(path.to_path_buf()))
    }
}

/// Whether a file holding a secret may be written into `dir` on a system
/// without owner-only file modes (Windows): only inside `home`, the user's own
/// folder, whose permissions new files inherit. Both paths are resolved
/// (links, `..`) before they are compared, component by component, so
/// `C:\Users\ann2` is not inside `C:\Users\ann` and `home\..\Public` is not
/// inside `home`. A folder that cannot be resolved is not private.
pub fn private_place(dir: &Path, home: &Path) -> Result<(), OutputError> {
    let refused = || OutputError::NotPrivate {
        dir: dir.to_path_buf(),
        home: home.to_path_buf(),
    };
    let (Ok(dir_real), Ok(home_real)) = (dir.canonicalize(), home.canonicalize()) else {
        return Err(refused());
    };
    if dir_real.starts_with(&home_real) {
        Ok(())
    } else {
        Err(refused())
    }
}

/// The permissions a written file gets (Unix; ignored elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 0600: owner read/write only (the file holds a secret).
    Private,
    /// 0644 minus the umask.
    Normal,
    /// Exactly these permission bits (`& 0o7777`), umask not applied: a fixed copy
    /// keeps the original's mode, so 0600 stays 0600.
    Exact(u32),
}

/// Writes `contents` to `path` atomically. `private` makes the file mode 0600
/// (owner read/write only) on Unix; otherwise 0644 minus the umask. With
/// `overwrite` false an existing `path` is an [`OutputError::Exists`]; with
/// it, only a regular file is replaced ([`check_target`]).
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    private: bool,
    overwrite: bool,
) -> Result<(), OutputError> {
    let mode = if private { Mode::Private } else { Mode::Normal };
    write_atomic_mode(path, contents, mode, overwrite)
}

/// [`write_atomic`] with the permissions given as a [`Mode`].
pub fn write_atomic_mode(
    path: &Path,
    contents: &[u8],
    mode: Mode,
    overwrite: bool,
) -> Result<(), OutputError> {
    check_target(path, overwrite)?;
    let io = |source: std::io::Error| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mailconf-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(match mode {
            Mode::Private => 0o600,
            Mode::Normal => 0o644,
            // Created owner-only; the exact bits are set below, past the umask.
            Mode::Exact(_) => 0o600,
        }));
    }
    // Windows has no owner-only mode: a new file takes the permissions of its
    // folder, and only the user's own folder (the profile, Documents below it)
    // is theirs alone by default. A secret goes nowhere else.
    #[cfg(windows)]
    if mode == Mode::Private
        && let Some(home) = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf())
    {
        private_place(dir, &home)?;
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    #[cfg(unix)]
    if let Mode::Exact(bits) = mode {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(bits & 0o7777))
            .map_err(io)?;
    }
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    let persisted = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(OutputError::Exists(path.to_path_buf()));
        }
        Err(e) => return Err(io(e.error)),
    }
    // Make the rename itself durable (best effort: not every file system lets a
    // directory be opened and synced).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// F16: `--force` renamed the export over whatever was at the path: a
    /// symbolic link, a FIFO, a device (`/dev/null`, which root would replace).
    #[cfg(unix)]
    #[test]
    fn f16_force_replaces_only_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = write_atomic(&link, b"x", false, true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        let fifo = dir.path().join("fifo");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(ok.success());
        let e = write_atomic(&fifo, b"x", false, true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a named pipe (FIFO)"), "{e}");
        let e = check_target(Path::new("/dev/null"), true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("/dev/null is a device"), "{e}");
        let e = write_atomic(dir.path(), b"x", false, true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a folder"), "{e}");
        assert!(is_stdout("-") && is_stdout("/dev/stdout") && !is_stdout("out.txt"));
        // A regular file is still replaced with --force.
        write_atomic(&target, b"new", false, true).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    /// Windows' stand-in for mode 0600 (the check itself is portable, so it is
    /// tested here; `write_atomic_mode` calls it on Windows only).
    #[test]
    fn a_secret_is_written_only_inside_the_users_own_folder() {
        let root = tempfile::tempdir().unwrap();
        let home = root.path().join("ann");
        let docs = home.join("Documents");
        let sibling = root.path().join("ann2");
        let public = root.path().join("Public");
        for d in [&docs, &sibling, &public] {
            std::fs::create_dir_all(d).unwrap();
        }
        assert!(private_place(&docs, &home).is_ok());
        assert!(private_place(&home, &home).is_ok());
        // A name that merely starts like the home folder, a way out with `..`,
        // a folder elsewhere and one that does not exist are all refused.
        for dir in [
            sibling.clone(),
            home.join("..").join("Public"),
            public.clone(),
            home.join("missing"),
        ] {
            let e = private_place(&dir, &home).unwrap_err();
            assert!(matches!(e, OutputError::NotPrivate { .. }), "{dir:?}: {e}");
            for lang in crate::i18n::Lang::ALL {
                assert!(e.text(lang).contains(&home.display().to_string()), "{e}");
            }
        }
        #[cfg(unix)]
        {
            // A link inside the home folder that leads out of it is out.
            let link = home.join("out");
            std::os::unix::fs::symlink(&public, &link).unwrap();
            assert!(private_place(&link, &home).is_err());
        }
    }

    #[test]
    fn writes_refuses_and_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rc");
        write_atomic(&p, b"one", true, false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(matches!(
            write_atomic(&p, b"two", true, false),
            Err(OutputError::Exists(_))
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", false, true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // Only the target is left, no temporary files.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn exact_mode_is_kept_past_the_umask() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        for bits in [0o600, 0o640, 0o664, 0o400] {
            let p = dir.path().join(format!("rc{bits:o}"));
            write_atomic_mode(&p, b"x", Mode::Exact(bits), false).unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
            assert_eq!(mode, bits);
        }
    }
}
