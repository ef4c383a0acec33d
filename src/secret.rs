//! A password or authorization code held in memory only.
//!
//! [`Secret`] is the one type that carries what the user types into the password
//! field, from the desktop app to the engine that logs in. It exists so that a
//! secret cannot leak by accident: `Debug` prints `[redacted]`, it has no
//! `Display` and no `Serialize`, and its memory is overwritten with zeros when it
//! is dropped, cleared, or outgrows its buffer (a plain `String` leaves old
//! copies behind in freed memory each time it reallocates).

use std::fmt;
use zeroize::Zeroize;

/// Bytes reserved up front: authorization codes and passwords fit without a reallocation.
const INITIAL_CAPACITY: usize = 64;

/// A secret string: redacted in `Debug`, zeroed on drop, never persisted.
pub struct Secret {
    buf: String,
}

impl Secret {
    /// An empty secret.
    pub fn new() -> Self {
        Self {
            buf: String::with_capacity(INITIAL_CAPACITY),
        }
    }

    /// The secret text. Call this only where the secret is used (the login),
    /// never to log or display it.
    pub fn expose(&self) -> &str {
        &self.buf
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Length in characters (for a "•••" display).
    pub fn char_count(&self) -> usize {
        self.buf.chars().count()
    }

    /// Overwrites the secret with zeros and empties it.
    pub fn clear(&mut self) {
        // Zeroize clears the whole capacity and sets the length to 0, keeping the buffer.
        self.buf.zeroize();
    }

    /// Makes room for `extra` more bytes. When the buffer must grow, the text moves to
    /// a new, larger buffer and the old one is zeroed before it is freed.
    fn reserve(&mut self, extra: usize) {
        let needed = self.buf.len() + extra;
        if needed <= self.buf.capacity() {
            return;
        }
        let mut bigger = String::with_capacity(needed.max(self.buf.capacity() * 2));
        bigger.push_str(&self.buf);
        self.buf.zeroize();
        self.buf = bigger;
    }

    /// Inserts `text` at byte offset `at` (which must be a char boundary; it is
    /// clamped to the end otherwise).
    pub fn insert_str(&mut self, at: usize, text: &str) {
        self.reserve(text.len());
        let at = if self.buf.is_char_boundary(at) {
            at
        } else {
            self.buf.len()
        };
        self.buf.insert_str(at, text);
    }

    /// Removes the bytes in `range` (clamped to char boundaries of the text).
    /// The bytes left past the new end are zeroed.
    pub fn remove_range(&mut self, range: std::ops::Range<usize>) {
        let len = self.buf.len();
        let start = range.start.min(len);
        let end = range.end.clamp(start, len);
        if !self.buf.is_char_boundary(start) || !self.buf.is_char_boundary(end) {
            return;
        }
        // Shift the tail left in place, then zero what is left beyond the new length:
        // `String::drain` would leave the old tail bytes in the spare capacity.
        // A zeroed copy of the tail keeps this free of unsafe code.
        let mut tail = self.buf[end..].to_owned();
        self.buf.truncate(start);
        self.buf.push_str(&tail);
        tail.zeroize();
        let new_len = self.buf.len();
        // Zero the spare capacity that held the removed bytes: grow with zeros, then cut.
        let spare = len - new_len;
        self.buf.extend(std::iter::repeat_n('\0', spare));
        self.buf.truncate(new_len);
    }
}

impl Default for Secret {
    fn default() -> Self {
        Self::new()
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        let mut s = Secret::new();
        s.insert_str(0, text);
        s
    }
}

impl Clone for Secret {
    fn clone(&self) -> Self {
        Secret::from(self.expose())
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.buf == other.buf
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::from("hunter2");
        assert_eq!(format!("{s:?}"), "Secret([redacted])");
        assert!(!format!("{s:#?}").contains("hunter2"));
    }

    #[test]
    fn edits() {
        let mut s = Secret::new();
        s.insert_str(0, "abc");
        s.insert_str(3, "授权码");
        s.insert_str(1, "X");
        assert_eq!(s.expose(), "aXbc授权码");
        s.remove_range(1..2);
        assert_eq!(s.expose(), "abc授权码");
        s.remove_range(3..6);
        assert_eq!(s.expose(), "abc权码");
        // Not a char boundary: ignored.
        s.remove_range(4..5);
        assert_eq!(s.expose(), "abc权码");
        s.insert_str(0, &"x".repeat(200));
        assert_eq!(s.char_count(), 205);
        s.clear();
        assert!(s.is_empty());
    }
}
