//! The session transcript: `C:` / `S:` lines with timestamps, secrets redacted
//! at the source.
//!
//! Redaction happens when a line is *recorded*, not when it is shown: a client
//! command is an [`Outgoing`], whose constructor computes the loggable form
//! once (`PASS`, `APOP`, `AUTH`, `AUTHENTICATE` and IMAP `LOGIN` arguments are
//! replaced by `[redacted]`; SASL continuation lines are built with
//! [`Outgoing::secret`]). The raw bytes of an `Outgoing` are only reachable by
//! the driver that writes them, and its `Debug` shows the redacted form, so a
//! later login step cannot leak a password into a log or a report by accident.
//!
//! Server lines are escaped with [`escape`](crate::server_text::escape) when recorded.
//! The state machines have no clock: they queue [`LogEntry`] values and the
//! driver stamps them into a [`Transcript`].

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::server_text::ServerText;
use secrecy::zeroize::Zeroizing;
use std::borrow::Cow;

/// The placeholder for a secret (one marker for server and client text).
pub use crate::server_text::REDACTED;

/// Who a transcript line is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Sent by the probe (`C:`).
    Client,
    /// Received from the server (`S:`).
    Server,
    /// A note by the probe itself (`*`): connected, TLS established…
    Info,
}

impl Direction {
    /// `C:`, `S:` or `*`.
    pub fn prefix(self) -> &'static str {
        match self {
            Direction::Client => "C:",
            Direction::Server => "S:",
            Direction::Info => "*",
        }
    }
}

/// A transcript line not yet stamped with a time (what a machine queues).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// Who.
    pub dir: Direction,
    /// The escaped (and, for client lines, redacted) text.
    pub text: String,
}

impl LogEntry {
    /// A server line already escaped (and redacted).
    pub fn server_text(text: &ServerText) -> LogEntry {
        LogEntry {
            dir: Direction::Server,
            text: text.as_str().to_owned(),
        }
    }

    /// A note by the probe.
    pub fn info(text: impl Into<String>) -> LogEntry {
        LogEntry {
            dir: Direction::Info,
            text: text.into(),
        }
    }
}

/// A command for the server: the bytes to write and the form to record.
#[derive(Clone)]
pub struct Outgoing {
    bytes: Vec<u8>,
    shown: String,
    /// The part of `bytes` that carries the password (in whatever form), so
    /// that the session can scrub a server's echo of it and knows that a
    /// secret has gone out.
    secret: Option<Zeroizing<Vec<u8>>>,
}

impl Outgoing {
    /// A command line (CRLF is appended). Known secret-bearing arguments are
    /// redacted in the recorded form (see [`redact_client_line`]).
    pub fn command(line: &str) -> Outgoing {
        Outgoing {
            shown: redact_client_line(line.as_bytes()),
            bytes: format!("{line}\r\n").into_bytes(),
            secret: None,
        }
    }

    /// A line that carries the password as a whole (a base64 SASL response):
    /// recorded as `[redacted <label>]`. CRLF is appended.
    pub fn secret(line: &[u8], label: &str) -> Outgoing {
        let mut o = Outgoing::redacted(line, label);
        o.secret = Some(Zeroizing::new(line.to_vec()));
        o
    }

    /// A line recorded as `[redacted <label>]` that does not carry the
    /// password (the base64 username of `AUTH LOGIN`). CRLF is appended.
    pub fn redacted(line: &[u8], label: &str) -> Outgoing {
        let mut bytes = line.to_vec();
        bytes.extend_from_slice(b"\r\n");
        Outgoing {
            bytes,
            shown: format!("{REDACTED} {label}"),
            secret: None,
        }
    }

    /// A command whose tail is secret: `visible` is recorded as is, followed by
    /// ` [redacted]` (`AUTH PLAIN [redacted]`, `a2 LOGIN [redacted]`). The wire
    /// form is `visible SP secret CRLF`.
    pub fn secret_arg(visible: &str, secret: &[u8]) -> Outgoing {
        let mut bytes = Vec::with_capacity(visible.len() + secret.len() + 3);
        bytes.extend_from_slice(visible.as_bytes());
        bytes.push(b' ');
        bytes.extend_from_slice(secret);
        bytes.extend_from_slice(b"\r\n");
        Outgoing {
            bytes,
            shown: format!("{} {REDACTED}", ServerText::from_bytes(visible.as_bytes())),
            secret: Some(Zeroizing::new(secret.to_vec())),
        }
    }

    /// The form of the password this command carries, if it carries one.
    pub fn carried_secret(&self) -> Option<&[u8]> {
        self.secret.as_deref().map(Vec::as_slice)
    }

    /// The bytes to write: for the driver only.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The recorded, redacted form.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Consumes the command, giving the bytes to write and the transcript entry.
    pub fn into_parts(mut self) -> (Vec<u8>, LogEntry) {
        (
            std::mem::take(&mut self.bytes),
            LogEntry {
                dir: Direction::Client,
                text: std::mem::take(&mut self.shown),
            },
        )
    }
}

impl Drop for Outgoing {
    /// The wire bytes may hold a password or its base64 form: wipe them.
    fn drop(&mut self) {
        use secrecy::zeroize::Zeroize as _;
        self.bytes.zeroize();
    }
}

impl fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Outgoing({:?})", self.shown)
    }
}

/// Every form of the password one session sent or could send (the raw
/// password, its base64 SASL payloads, the IMAP quoted string, the APOP
/// digest): a server that echoes one back in a reply (`-ERR Unknown command:
/// AUTH PLAIN <base64>`) must not get it into a transcript, a report or JSON.
/// [`Redactor::bytes`] scrubs server lines before they are recorded or shown.
#[derive(Default, Clone)]
pub struct Redactor {
    /// Longest first, so a longer form is scrubbed before a shorter one inside it.
    forms: Vec<Zeroizing<Vec<u8>>>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} forms)", self.forms.len())
    }
}

impl Redactor {
    /// Adds one form of the secret (ignored when empty or known).
    pub fn add(&mut self, form: &[u8]) {
        if form.is_empty() || self.forms.iter().any(|f| f.as_slice() == form) {
            return;
        }
        self.forms.push(Zeroizing::new(form.to_vec()));
        self.forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    }

    /// Whether no form is known (no login in this session).
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// `line` with every occurrence of every form replaced by `[redacted]`.
    pub fn bytes<'a>(&self, line: &'a [u8]) -> Cow<'a, [u8]> {
        let mut out: Cow<'a, [u8]> = Cow::Borrowed(line);
        for form in &self.forms {
            if let Some(replaced) = replace_all(&out, form, REDACTED.as_bytes()) {
                out = Cow::Owned(replaced);
            }
        }
        out
    }

    /// Server bytes as a person may see them: every form of the secret
    /// scrubbed from the bytes, the rest escaped, and the escaped text
    /// scrubbed again, because escaping can spell a form anew (`\xff` followed
    /// by the password without its leading `f`).
    pub fn shown(&self, bytes: &[u8]) -> ServerText {
        self.text(&ServerText::from_bytes(&self.bytes(bytes)))
    }

    /// Escaped text with every (escaped) form of the secret replaced by `[redacted]`.
    pub fn text(&self, text: &ServerText) -> ServerText {
        let mut out = text.clone();
        for form in &self.forms {
            out = out.redact(form);
        }
        out
    }
}

/// `hay` with every `needle` replaced by `with`; `None` when there is none.
fn replace_all(hay: &[u8], needle: &[u8], with: &[u8]) -> Option<Vec<u8>> {
    let first = hay.windows(needle.len()).position(|w| w == needle)?;
    let mut out = Vec::with_capacity(hay.len());
    out.extend_from_slice(&hay[..first]);
    out.extend_from_slice(with);
    let mut rest = &hay[first + needle.len()..];
    while let Some(i) = rest.windows(needle.len()).position(|w| w == needle) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(with);
        rest = &rest[i + needle.len()..];
    }
    out.extend_from_slice(rest);
    Some(out)
}

/// The loggable form of a client line: escaped, with the arguments of
/// `PASS`, `APOP`, `AUTH`, `AUTHENTICATE` and IMAP `LOGIN` replaced by `[redacted]`
/// (the mechanism name of AUTH/AUTHENTICATE and the APOP user name stay).
pub fn redact_client_line(line: &[u8]) -> String {
    let line = line
        .strip_suffix(b"\r\n")
        .or_else(|| line.strip_suffix(b"\n"))
        .unwrap_or(line);
    let words: Vec<&[u8]> = line.split(|&b| b == b' ').collect();
    let upper = |w: &[u8]| w.to_ascii_uppercase();
    // (index of the command word, number of words kept after it)
    let rule = |i: usize| -> Option<usize> {
        let w = upper(words.get(i)?);
        match w.as_slice() {
            b"PASS" => Some(0),
            b"APOP" => Some(1),
            b"AUTH" | b"AUTHENTICATE" => Some(1),
            b"LOGIN" if i == 1 => Some(0),
            _ => None,
        }
    };
    // POP3/SMTP: the command is the first word; IMAP: the second, after the tag.
    let hit = rule(0).map(|k| (0, k)).or_else(|| rule(1).map(|k| (1, k)));
    match hit {
        Some((cmd, keep)) if words.len() > cmd + 1 + keep => {
            let kept = words[..=cmd + keep].join(&b' ');
            format!("{} {REDACTED}", ServerText::from_bytes(&kept))
        }
        _ => ServerText::from_bytes(line).as_str().to_owned(),
    }
}

/// One stamped transcript line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TranscriptLine {
    /// Milliseconds since the endpoint's probe started.
    pub at_ms: u64,
    /// Who.
    pub dir: Direction,
    /// Escaped and redacted text.
    pub text: String,
}

impl fmt::Display for TranscriptLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>6} ms {} {}",
            self.at_ms,
            self.dir.prefix(),
            self.text
        )
    }
}

/// A bounded transcript: past `max_lines`, lines are counted but not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Transcript {
    /// The lines kept.
    pub lines: Vec<TranscriptLine>,
    /// Lines dropped because the transcript was full.
    pub omitted: usize,
    #[serde(skip)]
    max_lines: usize,
}

impl Default for Transcript {
    fn default() -> Self {
        Transcript::new(2000)
    }
}

impl Transcript {
    /// An empty transcript keeping at most `max_lines`.
    pub fn new(max_lines: usize) -> Transcript {
        Transcript {
            lines: Vec::new(),
            omitted: 0,
            max_lines,
        }
    }

    /// Appends an entry stamped `at_ms`.
    pub fn record(&mut self, at_ms: u64, entry: LogEntry) {
        if self.lines.len() >= self.max_lines {
            self.omitted += 1;
            return;
        }
        self.lines.push(TranscriptLine {
            at_ms,
            dir: entry.dir,
            text: entry.text,
        });
    }
}

impl fmt::Display for Transcript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for l in &self.lines {
            writeln!(f, "{l}")?;
        }
        if self.omitted > 0 {
            writeln!(f, "… {} more lines omitted", self.omitted)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_when_recorded() {
        assert_eq!(redact_client_line(b"PASS hunter2"), "PASS [redacted]");
        assert_eq!(redact_client_line(b"pass hunter2\r\n"), "pass [redacted]");
        assert_eq!(redact_client_line(b"USER alice"), "USER alice");
        assert_eq!(
            redact_client_line(b"APOP alice c4c9334bac560ecc979e58001b3e22fb"),
            "APOP alice [redacted]"
        );
        assert_eq!(
            redact_client_line(b"AUTH PLAIN AGFsaWNlAGh1bnRlcjI="),
            "AUTH PLAIN [redacted]"
        );
        assert_eq!(redact_client_line(b"AUTH LOGIN"), "AUTH LOGIN");
        assert_eq!(
            redact_client_line(b"a1 LOGIN alice \"hunter 2\""),
            "a1 LOGIN [redacted]"
        );
        assert_eq!(
            redact_client_line(b"a1 AUTHENTICATE PLAIN AGFsaWNl"),
            "a1 AUTHENTICATE PLAIN [redacted]"
        );
        assert_eq!(redact_client_line(b"a1 CAPABILITY"), "a1 CAPABILITY");
        assert_eq!(redact_client_line(b"EHLO [127.0.0.1]"), "EHLO [127.0.0.1]");
    }

    #[test]
    fn outgoing_never_shows_its_secret() {
        let o = Outgoing::command("PASS hunter2");
        assert_eq!(o.bytes(), b"PASS hunter2\r\n");
        assert!(!format!("{o:?}").contains("hunter2"));
        let s = Outgoing::secret(b"aHVudGVyMg==", "password");
        assert!(!format!("{s:?}").contains("aHVudGVyMg"));
        let (bytes, entry) = s.into_parts();
        assert_eq!(bytes, b"aHVudGVyMg==\r\n");
        assert_eq!(entry.text, "[redacted] password");
    }

    #[test]
    fn secret_arguments_are_recorded_redacted() {
        let o = Outgoing::secret_arg("a2 LOGIN \"alice\"", b"\"hunter2\"");
        assert_eq!(o.bytes(), b"a2 LOGIN \"alice\" \"hunter2\"\r\n");
        assert_eq!(o.shown(), "a2 LOGIN \"alice\" [redacted]");
        assert!(!format!("{o:?}").contains("hunter2"));
        let o = Outgoing::secret_arg("AUTH PLAIN", b"AGFsaWNlAGh1bnRlcjI=");
        assert_eq!(o.shown(), "AUTH PLAIN [redacted]");
        let (bytes, entry) = o.into_parts();
        assert!(bytes.ends_with(b"AGFsaWNlAGh1bnRlcjI=\r\n"));
        assert_eq!(entry.text, "AUTH PLAIN [redacted]");
    }

    /// F6: a server's echo of the secret, in any form that was sent.
    #[test]
    fn f6_redactor_scrubs_every_form_and_keeps_the_rest() {
        let mut r = Redactor::default();
        r.add(b"hunter2");
        r.add(b"AGFsaWNlAGh1bnRlcjI=");
        r.add(b"");
        let line = b"-ERR Unknown command: AUTH PLAIN AGFsaWNlAGh1bnRlcjI= (hunter2)";
        assert_eq!(
            r.bytes(line).as_ref(),
            b"-ERR Unknown command: AUTH PLAIN [redacted] ([redacted])"
        );
        assert!(matches!(r.bytes(b"+OK fine"), Cow::Borrowed(_)));
        let t = ServerText::from_bytes(b"NO hunter2\\hunter2");
        assert_eq!(r.text(&t).as_str(), "NO [redacted]\\\\[redacted]");
    }

    #[test]
    fn transcript_is_bounded() {
        let mut t = Transcript::new(2);
        for _ in 0..5 {
            t.record(
                1,
                LogEntry::server_text(&ServerText::from_bytes(b"\x1b[31m")),
            );
        }
        assert_eq!(t.lines.len(), 2);
        assert_eq!(t.omitted, 3);
        assert_eq!(t.lines[0].text, "\\x1b[31m");
        assert!(t.to_string().contains("S: \\x1b[31m"));
    }
}
