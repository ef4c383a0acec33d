//! Reading a file somebody else may have put there: a user's mail settings,
//! a provider file, an ISPDB copy.
//!
//! Only a regular file is read (a symbolic link is followed when it leads to
//! one), and at most a cap of bytes. The file is opened without blocking and
//! without becoming the controlling terminal, and what it is is asked of the
//! open handle, so a named pipe with no writer cannot hang the reader (or the
//! app's window), a device such as `/dev/zero` cannot fill memory, and a file
//! swapped after a check is still checked. [`FileKind`] names what was there
//! instead, in the user's language; writing refuses the same kinds
//! ([`crate::output::check_target`]).

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use crate::i18n::{Lang, msg};

/// What is at a path instead of a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A symbolic link (when links are not followed).
    Symlink,
    /// A folder.
    Directory,
    /// A named pipe (FIFO).
    Fifo,
    /// A character or block device.
    Device,
    /// A socket.
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

impl FileKind {
    /// What `t` is, or `None` for a regular file.
    pub fn of(t: std::fs::FileType) -> Option<FileKind> {
        if t.is_file() {
            return None;
        }
        if t.is_symlink() {
            return Some(FileKind::Symlink);
        }
        if t.is_dir() {
            return Some(FileKind::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if t.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if t.is_char_device() || t.is_block_device() {
                return Some(FileKind::Device);
            }
            if t.is_socket() {
                return Some(FileKind::Socket);
            }
        }
        Some(FileKind::Other)
    }

    /// "a named pipe (FIFO)", in `lang`.
    pub fn text(self, lang: Lang) -> String {
        match self {
            FileKind::Symlink => msg!(lang, "output-symlink"),
            FileKind::Directory => msg!(lang, "output-directory"),
            FileKind::Fifo => msg!(lang, "output-fifo"),
            FileKind::Device => msg!(lang, "output-device"),
            FileKind::Socket => msg!(lang, "output-socket"),
            FileKind::Other => msg!(lang, "output-not-regular"),
        }
    }
}

impl fmt::Display for FileKind {
    /// English, for logs and the errors' `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadProblem {
    /// The file system said no.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Not a regular file.
    #[error("it is {0}; only regular files are read")]
    NotRegular(FileKind),
    /// More bytes than the cap.
    #[error("the file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Its size (or what was read of it before the cap).
        size: u64,
        /// The cap.
        limit: u64,
    },
    /// Text was wanted and the bytes are not UTF-8.
    #[error("not UTF-8 text")]
    NotUtf8,
}

impl ReadProblem {
    /// What is wrong, in `lang` (the OS's own words for an I/O error).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ReadProblem::Io(e) => e.to_string(),
            ReadProblem::NotRegular(kind) => {
                msg!(lang, "file-not-regular", what = kind.text(lang))
            }
            ReadProblem::TooLarge { size, limit } => msg!(
                lang,
                "file-too-large",
                size = size.to_string(),
                limit = limit.to_string()
            ),
            ReadProblem::NotUtf8 => msg!(lang, "file-not-utf8"),
        }
    }
}

/// The bytes of `path`, a regular file of at most `max_bytes`.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadProblem> {
    read_with_metadata(path, max_bytes).map(|(bytes, _)| bytes)
}

/// [`read_bytes`], with the metadata of the file that was read (its mode,
/// say), taken from the same open handle.
pub fn read_with_metadata(
    path: &Path,
    max_bytes: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), ReadProblem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let handle = options.open(path)?;
    let meta = handle.metadata()?;
    if let Some(kind) = FileKind::of(meta.file_type()) {
        return Err(ReadProblem::NotRegular(kind));
    }
    if meta.len() > max_bytes {
        return Err(ReadProblem::TooLarge {
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::new();
    handle
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > max_bytes {
        return Err(ReadProblem::TooLarge {
            size: read,
            limit: max_bytes,
        });
    }
    Ok((bytes, meta))
}

/// The text of `path`, a regular UTF-8 file of at most `max_bytes`.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, ReadProblem> {
    String::from_utf8(read_bytes(path, max_bytes)?).map_err(|_| ReadProblem::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A named pipe with no writer, a device that never ends, a folder: each
    /// is refused at once, by what it is, in each language.
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_and_never_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
        let started = std::time::Instant::now();
        match read_bytes(&fifo, 1000) {
            Err(ReadProblem::NotRegular(FileKind::Fifo)) => {}
            other => panic!("{other:?}"),
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        match read_bytes(Path::new("/dev/zero"), 1000) {
            Err(e @ ReadProblem::NotRegular(FileKind::Device)) => {
                assert_eq!(e.text(Lang::ZhHans), "它是设备；只读取普通文件");
            }
            other => panic!("{other:?}"),
        }
        match read_bytes(dir.path(), 1000) {
            Err(ReadProblem::NotRegular(FileKind::Directory)) => {}
            other => panic!("{other:?}"),
        }
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; 2000]).unwrap();
        match read_bytes(&big, 1000) {
            Err(
                e @ ReadProblem::TooLarge {
                    size: 2000,
                    limit: 1000,
                },
            ) => {
                assert_eq!(
                    e.text(Lang::En),
                    "the file is 2000 bytes, more than the limit of 1000 bytes"
                );
            }
            other => panic!("{other:?}"),
        }
        std::fs::write(&big, b"ok").unwrap();
        assert_eq!(read_text(&big, 1000).unwrap(), "ok");
        std::fs::write(&big, b"\xff").unwrap();
        assert!(matches!(read_text(&big, 1000), Err(ReadProblem::NotUtf8)));
    }
}
