//! The bytes of a user's file, held so they can be read, quoted and written back.
//!
//! Readers work on bytes, not `String`s: a `.muttrc` with a GBK comment or a
//! fetchmailrc with a Latin-1 name is still a file the user has, and the fixed copy
//! must give those bytes back unchanged. [`Source`] keeps the original bytes
//! (zeroed on drop, never shown by `Debug`: they may hold a password), the line
//! starts for "file:line" messages, and enforces the size caps every reader shares.

use super::ReadError;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use zeroize::Zeroize;

/// Largest file read, except Thunderbird's `prefs.js` (1 MiB: rc files are a few KB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Largest `prefs.js` read (16 MiB: add-ons store large values there).
pub const MAX_PREFS_BYTES: usize = 16 * 1024 * 1024;
/// Longest line in an rc file (16 KiB).
pub const MAX_LINE_BYTES: usize = 16 * 1024;
/// Longest line in `prefs.js` (1 MiB).
pub const MAX_PREFS_LINE_BYTES: usize = 1024 * 1024;
/// Longest excerpt of a line kept for a note (characters).
const MAX_EXCERPT_CHARS: usize = 160;

/// The original bytes of a file: zeroed when dropped, redacted in `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Bytes(Vec<u8>);

impl Bytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes([{} bytes, not shown])", self.0.len())
    }
}

impl Drop for Bytes {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A file's bytes with its name and line index.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where the bytes came from (for messages only).
    pub path: PathBuf,
    bytes: Bytes,
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl Source {
    /// Takes the bytes of `path`, refusing files over `max_bytes` and lines over
    /// `max_line` bytes.
    pub fn new(
        path: &Path,
        bytes: Vec<u8>,
        max_bytes: usize,
        max_line: usize,
    ) -> Result<Source, ReadError> {
        // Errors zero the bytes before returning: they may hold a password.
        let refuse = |bytes: Vec<u8>, e: ReadError| {
            drop(Bytes(bytes));
            Err(e)
        };
        if bytes.len() > max_bytes {
            let size = bytes.len();
            return refuse(
                bytes,
                ReadError::TooLarge {
                    path: path.to_path_buf(),
                    size,
                    limit: max_bytes,
                },
            );
        }
        let mut line_starts = vec![0];
        let mut too_long = None;
        let mut start = 0;
        for (i, b) in bytes.iter().enumerate().chain([(bytes.len(), &b'\n')]) {
            if *b != b'\n' {
                continue;
            }
            if i - start > max_line {
                too_long = Some(line_starts.len());
                break;
            }
            if i < bytes.len() {
                line_starts.push(i + 1);
                start = i + 1;
            }
        }
        if let Some(line) = too_long {
            return refuse(
                bytes,
                ReadError::LineTooLong {
                    path: path.to_path_buf(),
                    line,
                    limit: max_line,
                },
            );
        }
        Ok(Source {
            path: path.to_path_buf(),
            bytes: Bytes(bytes),
            line_starts,
        })
    }

    /// All bytes.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// The text as UTF-8, or an error naming the first line that is not.
    pub fn utf8(&self) -> Result<&str, ReadError> {
        std::str::from_utf8(self.bytes()).map_err(|e| ReadError::Encoding {
            path: self.path.clone(),
            line: self.line_of(e.valid_up_to()),
        })
    }

    /// The 1-based line that byte `offset` is on.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        if self.line_starts.last() == Some(&self.bytes().len()) {
            n - 1
        } else {
            n
        }
    }

    /// The byte range of 1-based line `line`, without its `\n` (and `\r`).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.bytes().len()..self.bytes().len();
        };
        let mut end = self
            .line_starts
            .get(line)
            .map_or(self.bytes().len(), |next| next - 1);
        if end > start && self.bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// Line `line` as bytes (no line ending).
    pub fn line(&self, line: usize) -> &[u8] {
        let r = self.line_range(line);
        &self.bytes()[r]
    }

    /// The line ending this file uses (`\r\n` when its first line ends so).
    pub fn newline(&self) -> &'static str {
        match self.line_starts.get(1) {
            Some(&n) if n >= 2 && self.bytes().get(n - 2) == Some(&b'\r') => "\r\n",
            _ => "\n",
        }
    }
}

/// An excerpt of a line for a note: lossy UTF-8, trimmed, cut at
/// [`MAX_EXCERPT_CHARS`]. Lines that may hold a password are not shown at all:
/// a line mailconf did not understand can still be `pasword hunter2`.
pub fn excerpt(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    if may_hold_secret(text) {
        return "[not shown: it may hold a password]".to_owned();
    }
    let mut out: String = text.chars().take(MAX_EXCERPT_CHARS).collect();
    if text.chars().count() > MAX_EXCERPT_CHARS {
        out.push('…');
    }
    out
}

/// Words that mark a line as possibly holding a password, in the languages
/// the files are written in (`pass`, `pwd`, `secret`, and the Chinese words for
/// password and authorization code): data, kept in `i18n/secret-words.txt`.
const SECRET_WORDS: &str = include_str!("../../i18n/secret-words.txt");

/// Whether a line looks like it could carry a password ([`SECRET_WORDS`]).
pub fn may_hold_secret(text: &str) -> bool {
    let lower = text.to_lowercase();
    SECRET_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .any(|w| lower.contains(w))
}

/// Replaces every occurrence of a set of passwords with `[redacted]`.
///
/// The passwords go into a byte trie (built in time linear in their total
/// length, however many a file holds), and each text is walked from every
/// position: a note's excerpt is short, so that stays cheap. (The aho-corasick
/// crate's builder was tried first: it takes seconds for a few thousand
/// passwords sharing a prefix.)
pub struct Redactor {
    /// Transitions: (node, byte) → node; node 0 is the root.
    next: std::collections::HashMap<(u32, u8), u32>,
    /// Whether a password ends at each node.
    end: Vec<bool>,
}

impl Redactor {
    /// A redactor for the non-empty `secrets`.
    pub fn new(secrets: &[&str]) -> Redactor {
        let mut r = Redactor {
            next: std::collections::HashMap::new(),
            end: vec![false],
        };
        for s in secrets.iter().filter(|s| !s.is_empty()) {
            let mut node = 0u32;
            for b in s.bytes() {
                let fresh = u32::try_from(r.end.len()).unwrap_or(u32::MAX);
                node = *r.next.entry((node, b)).or_insert(fresh);
                if node == fresh {
                    r.end.push(false);
                }
            }
            if let Some(e) = r.end.get_mut(node as usize) {
                *e = true;
            }
        }
        r
    }

    /// `s` with every password replaced (the longest one where several start).
    pub fn redact(&self, s: &str) -> String {
        if self.next.is_empty() {
            return s.to_owned();
        }
        let b = s.as_bytes();
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        while i < b.len() {
            let mut node = 0u32;
            let mut longest = None;
            for (j, byte) in b.iter().enumerate().skip(i) {
                match self.next.get(&(node, *byte)) {
                    Some(&n) => node = n,
                    None => break,
                }
                if self.end.get(node as usize) == Some(&true) && s.is_char_boundary(j + 1) {
                    longest = Some(j + 1);
                }
            }
            match longest {
                Some(end) => {
                    out.push_str("[redacted]");
                    i = end;
                }
                None => {
                    let len = s[i..].chars().next().map_or(1, char::len_utf8);
                    out.push_str(&s[i..i + len]);
                    i += len;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words come from i18n/secret-words.txt: English and Chinese ones
    /// both mark a line, comments in the file do not.
    #[test]
    fn lines_that_may_hold_a_secret_in_either_language() {
        for line in [
            "password = x",
            "PWD=1",
            "密码：abc",
            "授權碼 = 123",
            "口令 x",
        ] {
            assert!(may_hold_secret(line), "{line}");
        }
        for line in ["server = pop.163.com", "port 995", "# words that mark"] {
            assert!(!may_hold_secret(line), "{line}");
        }
    }

    fn src(text: &str) -> Source {
        Source::new(Path::new("f"), text.as_bytes().to_vec(), 1000, 20).unwrap()
    }

    #[test]
    fn lines() {
        let s = src("a\r\nbc\n\nd");
        assert_eq!(s.line_count(), 4);
        assert_eq!(s.line(1), b"a");
        assert_eq!(s.line(2), b"bc");
        assert_eq!(s.line(3), b"");
        assert_eq!(s.line(4), b"d");
        assert_eq!(s.line_of(0), 1);
        assert_eq!(s.line_of(3), 2);
        assert_eq!(s.line_of(8), 4);
        assert_eq!(s.newline(), "\r\n");
        assert_eq!(src("x\n").line_count(), 1);
        assert_eq!(src("").line_count(), 0);
    }

    #[test]
    fn caps() {
        let long = format!("ok\n{}\n", "x".repeat(21));
        assert!(matches!(
            Source::new(Path::new("f"), long.into_bytes(), 1000, 20),
            Err(ReadError::LineTooLong { line: 2, .. })
        ));
        assert!(matches!(
            Source::new(Path::new("f"), vec![b'a'; 1001], 1000, 2000),
            Err(ReadError::TooLarge { size: 1001, .. })
        ));
        let s = Source::new(Path::new("f"), b"ok\n\xff\n".to_vec(), 100, 20).unwrap();
        assert!(matches!(s.utf8(), Err(ReadError::Encoding { line: 2, .. })));
        assert!(!format!("{s:?}").contains("ok"));
    }

    #[test]
    fn excerpts_hide_secrets() {
        assert_eq!(excerpt(b"  frobnicate yes "), "frobnicate yes");
        assert!(excerpt(b"pasword hunter2").starts_with("[not shown"));
        assert!(excerpt("密码 = 123".as_bytes()).starts_with("[not shown"));
        assert_eq!(excerpt(&[b'x'; 400]).chars().count(), MAX_EXCERPT_CHARS + 1);
        let r = Redactor::new(&["hunter2", "", "hunter", "密码x"]);
        assert_eq!(r.redact("a hunter2 b hunter"), "a [redacted] b [redacted]");
        assert_eq!(r.redact("中密码x文hunte"), "中[redacted]文hunte");
        assert_eq!(Redactor::new(&[]).redact("x"), "x");
    }
}
