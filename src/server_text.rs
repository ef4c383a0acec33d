//! Untrusted text made safe to show: the one type through which anything a
//! server, a DNS answer or a downloaded document said reaches a person.
//!
//! Mail servers (greetings, capability names, error replies), certificates
//! (subjects, issuers, names), DNS answers and error texts, HTTP errors and
//! autoconfig documents (display names, instructions) may contain NUL bytes,
//! terminal escape sequences (a clear-screen, a window title, an OSC 52
//! clipboard write), bidi overrides or invalid UTF-8. Printed raw to a
//! terminal, a window, a diagnostic report or an exported file, that lets a
//! hostile server or DNS answer repaint the user's screen or plant lines in a
//! config file. [`escape`] turns every such byte or character into a visible
//! `\x..` / `\u{....}` form, and [`ServerText`] can only be built through it,
//! so a value of that type is always safe to display and to write into a file.
//!
//! Host names are not escaped but validated where they enter
//! ([`crate::providers::address::parse_host`]): an invalid one is never used.

use std::fmt::{self, Write as _};

use schemars::JsonSchema;
use serde::Serialize;

/// Escapes bytes for display: printable ASCII and printable non-ASCII Unicode stay,
/// a backslash is doubled, ASCII control bytes (NUL, ESC, CR, LF, TAB, DEL…) and
/// invalid UTF-8 bytes become `\xNN`, and Unicode control, format and bidi
/// characters become `\u{NNNN}`.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ' '..='~' => out.push(c),
                c if (c as u32) < 0x80 => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                c if is_dangerous(c) => {
                    let _ = write!(out, "\\u{{{:04x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

/// Escapes only what changes how text is displayed: control characters (C0,
/// DEL, C1), bidi controls and invisible formatting characters become
/// `\xNN` / `\u{NNNN}`; everything else, backslashes included, stays. Unlike
/// [`escape`] this is idempotent, so a sentence composed of pieces that are
/// already escaped can be passed through it again unchanged: it is what
/// [`ServerText::new`] uses for composed texts (error messages, provenance).
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if (c as u32) < 0x20 || c == '\x7f' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that are not ASCII control bytes but still change how text is
/// displayed: C1 controls, bidi embeddings/overrides/isolates, zero-width and
/// other invisible formatting characters, line/paragraph separators.
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c as u32,
            0x00ad
                | 0x061c
                | 0x180e
                | 0x200b..=0x200f
                | 0x2028..=0x202e
                | 0x2060..=0x206f
                | 0xfeff
                | 0xfff9..=0xfffb
                | 0xe0000..=0xe007f
        )
}

/// Text that came from a server, a DNS answer or a downloaded document, already
/// escaped with [`escape`].
///
/// The only constructor escapes, so holding a `ServerText` means it is safe to
/// print. Serialized as a plain JSON string (the escaped form).
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct ServerText(String);

impl ServerText {
    /// Escapes `bytes` (see [`escape`]).
    pub fn from_bytes(bytes: &[u8]) -> Self {
        ServerText(escape(bytes))
    }

    /// Escapes the control, bidi and invisible characters of `text` (see
    /// [`escape_controls`]; text that is already escaped stays as it is).
    pub fn new(text: &str) -> Self {
        ServerText(escape_controls(text))
    }

    /// Appends `text`, escaped as [`ServerText::new`] does.
    pub fn push_str(&mut self, text: &str) {
        self.0.push_str(&escape_controls(text));
    }

    /// Appends text that is already escaped (no second escaping).
    pub fn push_text(&mut self, text: &ServerText) {
        self.0.push_str(&text.0);
    }

    /// This text with every occurrence of `secret` (in either escaped form)
    /// replaced by [`REDACTED`]: for a server's echo of a password.
    pub fn redact(&self, secret: &[u8]) -> ServerText {
        let mut out = self.0.clone();
        if let Ok(plain) = std::str::from_utf8(secret) {
            for needle in [escape(secret), escape_controls(plain)] {
                out = scrub(out, &needle);
            }
        } else {
            out = scrub(out, &escape(secret));
        }
        ServerText(out)
    }

    /// The escaped text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What stands where a secret was.
pub const REDACTED: &str = "[redacted]";

/// `text` with `needle` replaced by [`REDACTED`] until none is left. One pass
/// is not enough: the marker can spell the needle again with what follows it
/// (the needle `]ab` in `]abab` gives `[redacted]ab`), and escaping can spell
/// it with what precedes it (`\xff` then `uzz…` reads `\xffuzz…`). A needle
/// inside the marker itself is replaced once; a text that still holds the
/// needle after a few rounds is replaced as a whole, so this always ends.
fn scrub(text: String, needle: &str) -> String {
    if needle.is_empty() || !text.contains(needle) {
        return text;
    }
    if REDACTED.contains(needle) {
        return text.replace(needle, REDACTED);
    }
    let mut out = text;
    for _ in 0..4 {
        out = out.replace(needle, REDACTED);
        if !out.contains(needle) {
            return out;
        }
    }
    REDACTED.to_owned()
}

/// Read access to the escaped text.
impl std::ops::Deref for ServerText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// The same as [`ServerText::new`]: escapes.
impl From<&str> for ServerText {
    fn from(text: &str) -> Self {
        ServerText::new(text)
    }
}

impl PartialEq<str> for ServerText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ServerText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Reading one back (mailconf's own JSON export) escapes again: whatever the
/// file holds, a `ServerText` never contains a control character.
impl<'de> serde::Deserialize<'de> for ServerText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Ok(ServerText::new(&raw))
    }
}

impl fmt::Display for ServerText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ServerText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_and_cjk_pass_through() {
        assert_eq!(escape(b"+OK Dovecot ready."), "+OK Dovecot ready.");
        assert_eq!(
            escape("220 163.com Anti-spam GT for Coremail System (163com[20141201])".as_bytes()),
            "220 163.com Anti-spam GT for Coremail System (163com[20141201])"
        );
        assert_eq!(escape("+OK 欢迎".as_bytes()), "+OK 欢迎");
    }

    #[test]
    fn controls_escapes_and_invalid_utf8_are_made_visible() {
        assert_eq!(escape(b"a\0b"), "a\\x00b");
        assert_eq!(
            escape(b"\x1b[2J\x1b]0;pwned\x07"),
            "\\x1b[2J\\x1b]0;pwned\\x07"
        );
        assert_eq!(escape(b"x\r\n\t\x7f"), "x\\x0d\\x0a\\x09\\x7f");
        assert_eq!(escape(b"\xff\xfe ok"), "\\xff\\xfe ok");
        assert_eq!(escape(b"back\\slash"), "back\\\\slash");
        assert_eq!(
            escape("a\u{202e}b\u{9b}c".as_bytes()),
            "a\\u{202e}b\\u{009b}c"
        );
        // A truncated multi-byte sequence.
        assert_eq!(escape(&[0xe6, 0xac]), "\\xe6\\xac");
    }

    #[test]
    fn escaping_controls_is_idempotent_and_leaves_no_control() {
        let raw = "a\x1b[2J\u{9b}b\u{202e}c\\d\x7f";
        let once = escape_controls(raw);
        assert_eq!(once, "a\\x1b[2J\\u{009b}b\\u{202e}c\\d\\x7f");
        assert_eq!(escape_controls(&once), once);
        assert_eq!(ServerText::new(raw).as_str(), once);
        let all: String = (0..=0x2100u32).filter_map(char::from_u32).collect();
        assert!(
            !escape_controls(&all)
                .chars()
                .any(|c| c.is_control() || is_dangerous(c))
        );
    }

    #[test]
    fn escaped_output_never_contains_control_characters() {
        let all: Vec<u8> = (0..=255u8).collect();
        let s = escape(&all);
        assert!(!s.chars().any(|c| c.is_control()));
    }
}
