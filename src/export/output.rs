//! Writing an export to a file: atomically, never over an existing file unless
//! asked, and owner-only when it holds a secret.
//!
//! The text goes into a temporary file in the same directory (so the final rename
//! stays on one file system), is flushed to disk, and is then renamed into place.
//! Without overwrite the rename is `persist_noclobber` (a link-based rename that
//! fails if the name exists), so even a file created in the meantime is never
//! replaced. If anything fails, the temporary file is removed and the target is
//! untouched: there is never a half-written config file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why the file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The file exists and overwriting was not asked for.
    #[error("{} already exists; use --force to replace it", .0.display())]
    Exists(PathBuf),
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

/// Writes `contents` to `path` atomically. `private` makes the file mode 0600
/// (owner read/write only) on Unix; otherwise 0644 minus the umask. With
/// `overwrite` false an existing `path` is an [`OutputError::Exists`].
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    private: bool,
    overwrite: bool,
) -> Result<(), OutputError> {
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(OutputError::Exists(path.to_path_buf()));
    }
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
        builder.permissions(std::fs::Permissions::from_mode(if private {
            0o600
        } else {
            0o644
        }));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
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
}
