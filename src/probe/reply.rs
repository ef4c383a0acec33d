//! Pure parsers for server replies: SMTP, POP3 and IMAP, with caps.
//!
//! They take complete lines from the [`line`](super::line) framer and never do
//! I/O. Multi-line replies (SMTP `250-…`, POP3 dot-terminated, IMAP untagged
//! lines before the tagged one) are collected by small readers that enforce a
//! maximum number of lines and bytes ([`Limits`]), so an endless reply is cut
//! with [`ProtocolError::TooManyLines`] / [`ProtocolError::TooManyBytes`].

use schemars::JsonSchema;
use serde::Serialize;

use super::error::ProtocolError;
use super::line::DEFAULT_MAX_LINE;
use crate::server_text::ServerText;

/// Size caps for what a server may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum line length in bytes (without CRLF).
    pub max_line: usize,
    /// Maximum lines in one reply.
    pub max_reply_lines: usize,
    /// Maximum bytes in one reply (and of data buffered ahead of a reply).
    pub max_reply_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line: DEFAULT_MAX_LINE,
            max_reply_lines: 512,
            max_reply_bytes: 64 * 1024,
        }
    }
}

/// Counts lines and bytes of one reply against [`Limits`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Budget {
    lines: usize,
    bytes: usize,
}

impl Budget {
    /// Counts a line (and its CRLF).
    pub(crate) fn charge(&mut self, limits: &Limits, line: &[u8]) -> Result<(), ProtocolError> {
        self.lines += 1;
        if self.lines > limits.max_reply_lines {
            return Err(ProtocolError::TooManyLines {
                max: limits.max_reply_lines,
            });
        }
        self.charge_bytes(limits, line.len() + 2)
    }

    /// Counts `n` bytes that are not a line (an IMAP literal's payload).
    pub(crate) fn charge_bytes(&mut self, limits: &Limits, n: usize) -> Result<(), ProtocolError> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > limits.max_reply_bytes {
            return Err(ProtocolError::TooManyBytes {
                max: limits.max_reply_bytes,
            });
        }
        Ok(())
    }
}

fn malformed(reason: &'static str, line: &[u8]) -> ProtocolError {
    ProtocolError::Malformed {
        reason,
        line: ServerText::from_bytes(line),
    }
}

// ---------------------------------------------------------------- SMTP

/// An RFC 3463 enhanced status code, `class.subject.detail` (e.g. `5.7.8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct EnhancedStatus {
    /// 2 success, 4 persistent transient failure, 5 permanent failure.
    pub class: u8,
    /// Subject (0-999).
    pub subject: u16,
    /// Detail (0-999).
    pub detail: u16,
}

impl std::fmt::Display for EnhancedStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

impl EnhancedStatus {
    /// Parses the code at the start of `text` (followed by a space or the end).
    pub fn parse_prefix(text: &[u8]) -> Option<EnhancedStatus> {
        let end = text.iter().position(|&b| b == b' ').unwrap_or(text.len());
        let mut parts = text[..end].split(|&b| b == b'.');
        let class = parts.next()?;
        let subject = parts.next()?;
        let detail = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let num = |p: &[u8], max_len: usize| -> Option<u16> {
            if p.is_empty() || p.len() > max_len || !p.iter().all(u8::is_ascii_digit) {
                return None;
            }
            std::str::from_utf8(p).ok()?.parse().ok()
        };
        let class = num(class, 1)?;
        if !matches!(class, 2 | 4 | 5) {
            return None;
        }
        Some(EnhancedStatus {
            class: class as u8,
            subject: num(subject, 3)?,
            detail: num(detail, 3)?,
        })
    }
}

/// A complete SMTP reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpReply {
    /// The three-digit code.
    pub code: u16,
    /// The enhanced status code of the first line, if any.
    pub enhanced: Option<EnhancedStatus>,
    /// The text of each line, after `250-` / `250 `.
    pub lines: Vec<Vec<u8>>,
}

impl SmtpReply {
    /// 2yz.
    pub fn is_positive(&self) -> bool {
        (200..300).contains(&self.code)
    }
    /// 5yz: permanent failure.
    pub fn is_permanent(&self) -> bool {
        (500..600).contains(&self.code)
    }
    /// The whole reply as escaped text, lines joined with ` / `.
    pub fn text(&self) -> ServerText {
        ServerText::from_bytes(&self.raw())
    }

    /// The whole reply as sent, lines joined with ` / ` (not escaped: for
    /// redacting before escaping).
    pub fn raw(&self) -> Vec<u8> {
        let mut joined = format!("{}", self.code).into_bytes();
        for (i, l) in self.lines.iter().enumerate() {
            joined.extend_from_slice(if i == 0 { b" " } else { b" / " });
            joined.extend_from_slice(l);
        }
        joined
    }
}

/// Collects the lines of one SMTP reply.
#[derive(Debug, Clone)]
pub struct SmtpReplyReader {
    limits: Limits,
    budget: Budget,
    code: Option<u16>,
    lines: Vec<Vec<u8>>,
}

impl SmtpReplyReader {
    /// A reader for one reply.
    pub fn new(limits: Limits) -> Self {
        SmtpReplyReader {
            limits,
            budget: Budget::default(),
            code: None,
            lines: Vec::new(),
        }
    }

    /// Forgets a reply read in part (TLS started: nothing read before it
    /// carries over).
    pub fn clear(&mut self) {
        *self = SmtpReplyReader::new(self.limits);
    }

    /// Adds a line; returns the reply when this was its last line.
    pub fn push_line(&mut self, line: &[u8]) -> Result<Option<SmtpReply>, ProtocolError> {
        self.budget.charge(&self.limits, line)?;
        if line.len() < 3 || !line[..3].iter().all(u8::is_ascii_digit) {
            return Err(malformed("an SMTP reply starts with a 3-digit code", line));
        }
        if !(b'2'..=b'5').contains(&line[0]) || line[1] > b'5' {
            return Err(malformed("SMTP reply code out of range", line));
        }
        let code = u16::from(line[0] - b'0') * 100
            + u16::from(line[1] - b'0') * 10
            + u16::from(line[2] - b'0');
        if let Some(first) = self.code
            && first != code
        {
            return Err(malformed("SMTP multi-line reply changes its code", line));
        }
        self.code = Some(code);
        let (last, text) = match line.get(3) {
            None => (true, &line[3..]),
            Some(b' ') => (true, &line[4..]),
            Some(b'-') => (false, &line[4..]),
            Some(_) => return Err(malformed("SMTP code not followed by space or dash", line)),
        };
        self.lines.push(text.to_vec());
        if !last {
            return Ok(None);
        }
        let lines = std::mem::take(&mut self.lines);
        let enhanced = lines.first().and_then(|l| EnhancedStatus::parse_prefix(l));
        self.code = None;
        self.budget = Budget::default();
        Ok(Some(SmtpReply {
            code,
            enhanced,
            lines,
        }))
    }
}

// ---------------------------------------------------------------- POP3

/// `+OK` or `-ERR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Pop3Status {
    /// `+OK`.
    Ok,
    /// `-ERR`.
    Err,
}

/// An RFC 2449 / RFC 3206 extended response code (`-ERR [IN-USE] …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Pop3RespCode {
    /// `[AUTH]`: the credentials are wrong (RFC 3206).
    Auth,
    /// `[SYS/TEMP]`: a temporary system problem (RFC 3206).
    SysTemp,
    /// `[SYS/PERM]`: a permanent system problem (RFC 3206).
    SysPerm,
    /// `[IN-USE]`: the mailbox is locked by another session (RFC 2449).
    InUse,
    /// `[LOGIN-DELAY]`: logged in too recently (RFC 2449).
    LoginDelay,
    /// `[UTF8]` (RFC 6856).
    Utf8,
    /// Any other code, escaped.
    Other(ServerText),
}

impl Pop3RespCode {
    fn parse(code: &[u8]) -> Pop3RespCode {
        match code.to_ascii_uppercase().as_slice() {
            b"AUTH" => Pop3RespCode::Auth,
            b"SYS/TEMP" => Pop3RespCode::SysTemp,
            b"SYS/PERM" => Pop3RespCode::SysPerm,
            b"IN-USE" => Pop3RespCode::InUse,
            b"LOGIN-DELAY" => Pop3RespCode::LoginDelay,
            b"UTF8" => Pop3RespCode::Utf8,
            _ => Pop3RespCode::Other(ServerText::from_bytes(code)),
        }
    }
}

/// A POP3 status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pop3Response {
    /// `+OK` / `-ERR`.
    pub status: Pop3Status,
    /// The extended response code, if any.
    pub code: Option<Pop3RespCode>,
    /// The text after the status (and after the code), raw.
    pub text: Vec<u8>,
}

/// Parses a POP3 status line (`+OK …` / `-ERR [CODE] …`).
pub fn parse_pop3_status(line: &[u8]) -> Result<Pop3Response, ProtocolError> {
    let upper_prefix = |p: &[u8]| line.len() >= p.len() && line[..p.len()].eq_ignore_ascii_case(p);
    let (status, rest) = if upper_prefix(b"+OK") {
        (Pop3Status::Ok, &line[3..])
    } else if upper_prefix(b"-ERR") {
        (Pop3Status::Err, &line[4..])
    } else {
        return Err(malformed("a POP3 reply starts with +OK or -ERR", line));
    };
    let rest = match rest.first() {
        None => rest,
        Some(b' ') => &rest[1..],
        Some(_) => return Err(malformed("POP3 status not followed by a space", line)),
    };
    let (code, text) = match rest.strip_prefix(b"[") {
        Some(after) => match after.iter().position(|&b| b == b']') {
            Some(end) => {
                let mut text = &after[end + 1..];
                if text.first() == Some(&b' ') {
                    text = &text[1..];
                }
                (Some(Pop3RespCode::parse(&after[..end])), text)
            }
            None => (None, rest),
        },
        None => (None, rest),
    };
    Ok(Pop3Response {
        status,
        code,
        text: text.to_vec(),
    })
}

/// Collects the body of a POP3 multi-line response, up to the lone `.`,
/// removing dot-stuffing (RFC 1939 §3).
#[derive(Debug, Clone)]
pub struct Pop3MultiLineReader {
    limits: Limits,
    budget: Budget,
    lines: Vec<Vec<u8>>,
}

impl Pop3MultiLineReader {
    /// A reader for one body.
    pub fn new(limits: Limits) -> Self {
        Pop3MultiLineReader {
            limits,
            budget: Budget::default(),
            lines: Vec::new(),
        }
    }

    /// Adds a line; returns the body lines when this was the terminating `.`.
    pub fn push_line(&mut self, line: &[u8]) -> Result<Option<Vec<Vec<u8>>>, ProtocolError> {
        self.budget.charge(&self.limits, line)?;
        if line == b"." {
            return Ok(Some(std::mem::take(&mut self.lines)));
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(line);
        self.lines.push(unstuffed.to_vec());
        Ok(None)
    }
}

/// The APOP timestamp of a POP3 greeting (`<1896.697170952@dbc.mtview.ca.us>`), if any.
pub fn apop_timestamp(greeting_text: &[u8]) -> Option<ServerText> {
    let start = greeting_text.iter().position(|&b| b == b'<')?;
    let len = greeting_text[start..].iter().position(|&b| b == b'>')?;
    let stamp = &greeting_text[start..=start + len];
    let valid = stamp.len() <= 256
        && stamp.contains(&b'@')
        && stamp[1..stamp.len() - 1]
            .iter()
            .all(|&b| b.is_ascii_graphic() && b != b'<' && b != b'>');
    valid.then(|| ServerText::from_bytes(stamp))
}

// ---------------------------------------------------------------- IMAP

/// IMAP status of a status response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ImapStatus {
    /// OK.
    Ok,
    /// NO: refused.
    No,
    /// BAD: protocol error.
    Bad,
    /// PREAUTH (greeting only): already authenticated.
    Preauth,
    /// BYE: the server is closing.
    Bye,
}

/// One IMAP response line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImapResponse {
    /// `* OK|NO|BAD|PREAUTH|BYE …` (tag `None`) or `tag OK|NO|BAD …`.
    Status {
        /// The tag; `None` for untagged.
        tag: Option<Vec<u8>>,
        /// The status.
        status: ImapStatus,
        /// Capabilities in a `[CAPABILITY …]` response code, if present.
        capabilities: Option<Vec<String>>,
        /// Any other response code, raw (without the brackets).
        code: Option<Vec<u8>>,
        /// The human text, raw.
        text: Vec<u8>,
    },
    /// `* CAPABILITY …`.
    Capability(Vec<String>),
    /// `+ …`: a command continuation request.
    Continuation(Vec<u8>),
    /// Any other untagged data (`* ID …`, `* ENABLED …`), raw.
    Data(Vec<u8>),
}

/// Splits capability atoms, uppercased; atoms with characters IMAP forbids are dropped.
pub fn parse_capability_atoms(list: &[u8]) -> Vec<String> {
    list.split(|&b| b == b' ')
        .filter(|a| !a.is_empty())
        .filter(|a| {
            a.iter().all(|&b| {
                b.is_ascii_graphic()
                    && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b']')
            })
        })
        .map(|a| String::from_utf8_lossy(a).to_ascii_uppercase())
        .collect()
}

fn is_tag_char(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b'+')
}

/// Parses one IMAP response line.
pub fn parse_imap_line(line: &[u8]) -> Result<ImapResponse, ProtocolError> {
    if let Some(rest) = line.strip_prefix(b"+") {
        return Ok(ImapResponse::Continuation(
            rest.strip_prefix(b" ").unwrap_or(rest).to_vec(),
        ));
    }
    let sp = line
        .iter()
        .position(|&b| b == b' ')
        .ok_or_else(|| malformed("an IMAP response has a tag and a status", line))?;
    let (tag, rest) = (&line[..sp], &line[sp + 1..]);
    let untagged = tag == b"*";
    if !untagged && (tag.is_empty() || !tag.iter().all(|&b| is_tag_char(b))) {
        return Err(malformed("invalid IMAP tag", line));
    }
    let word_end = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
    let word = rest[..word_end].to_ascii_uppercase();
    let after = rest.get(word_end + 1..).unwrap_or_default();
    let status = match word.as_slice() {
        b"OK" => ImapStatus::Ok,
        b"NO" => ImapStatus::No,
        b"BAD" => ImapStatus::Bad,
        b"PREAUTH" if untagged => ImapStatus::Preauth,
        b"BYE" if untagged => ImapStatus::Bye,
        b"CAPABILITY" if untagged => {
            return Ok(ImapResponse::Capability(parse_capability_atoms(after)));
        }
        _ if untagged => return Ok(ImapResponse::Data(rest.to_vec())),
        _ => return Err(malformed("a tagged IMAP response is OK, NO or BAD", line)),
    };
    let (mut capabilities, mut code, mut text) = (None, None, after);
    if let Some(inner) = after.strip_prefix(b"[")
        && let Some(end) = inner.iter().position(|&b| b == b']')
    {
        let c = &inner[..end];
        text = inner.get(end + 1..).unwrap_or_default();
        if text.first() == Some(&b' ') {
            text = &text[1..];
        }
        let kw_end = c.iter().position(|&b| b == b' ').unwrap_or(c.len());
        if c[..kw_end].eq_ignore_ascii_case(b"CAPABILITY") {
            capabilities = Some(parse_capability_atoms(
                c.get(kw_end + 1..).unwrap_or_default(),
            ));
        } else {
            code = Some(c.to_vec());
        }
    }
    Ok(ImapResponse::Status {
        tag: (!untagged).then(|| tag.to_vec()),
        status,
        capabilities,
        code,
        text: text.to_vec(),
    })
}

/// The length of the literal announced at the end of an IMAP line (`{123}` or `{123+}`).
pub fn imap_literal_len(line: &[u8]) -> Option<usize> {
    let inner = line.strip_suffix(b"}")?;
    let open = inner.iter().rposition(|&b| b == b'{')?;
    let digits = &inner[open + 1..];
    let digits = digits.strip_suffix(b"+").unwrap_or(digits);
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp(lines: &[&[u8]]) -> Result<Option<SmtpReply>, ProtocolError> {
        let mut r = SmtpReplyReader::new(Limits::default());
        let mut last = Ok(None);
        for l in lines {
            last = Ok(r.push_line(l)?);
        }
        last
    }

    #[test]
    fn smtp_multiline_and_enhanced_codes() {
        let r = smtp(&[
            b"250-smtp.gmail.com at your service",
            b"250-SIZE 35882577",
            b"250 SMTPUTF8",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(r.code, 250);
        assert_eq!(r.lines.len(), 3);
        assert!(r.enhanced.is_none());
        let r = smtp(&[b"535 5.7.8 Username and Password not accepted"])
            .unwrap()
            .unwrap();
        assert_eq!(
            r.enhanced,
            Some(EnhancedStatus {
                class: 5,
                subject: 7,
                detail: 8
            })
        );
        assert!(r.is_permanent());
        assert_eq!(r.enhanced.unwrap().to_string(), "5.7.8");
        let r = smtp(&[b"221"]).unwrap().unwrap();
        assert_eq!(r.code, 221);
        assert!(EnhancedStatus::parse_prefix(b"3.1.1 x").is_none());
        assert!(EnhancedStatus::parse_prefix(b"5.1234.1").is_none());
        assert!(EnhancedStatus::parse_prefix(b"4.4.2").is_some());
    }

    #[test]
    fn smtp_rejects_garbage_and_code_changes() {
        assert!(smtp(&[b"hello"]).is_err());
        assert!(smtp(&[b"250-a", b"251 b"]).is_err());
        assert!(smtp(&[b"250xa"]).is_err());
        assert!(smtp(&[b"650 x"]).is_err());
        assert!(smtp(&[b"25"]).is_err());
    }

    #[test]
    fn smtp_endless_reply_is_capped() {
        let mut r = SmtpReplyReader::new(Limits::default());
        let mut err = None;
        for _ in 0..10_000 {
            if let Err(e) = r.push_line(b"250-AAAA") {
                err = Some(e);
                break;
            }
        }
        assert_eq!(err, Some(ProtocolError::TooManyLines { max: 512 }));
    }

    #[test]
    fn pop3_status_and_codes() {
        let r = parse_pop3_status(b"+OK Dovecot ready.").unwrap();
        assert_eq!(r.status, Pop3Status::Ok);
        assert_eq!(r.text, b"Dovecot ready.");
        let r = parse_pop3_status(b"-ERR [IN-USE] Mailbox locked").unwrap();
        assert_eq!(r.status, Pop3Status::Err);
        assert_eq!(r.code, Some(Pop3RespCode::InUse));
        assert_eq!(r.text, b"Mailbox locked");
        for (l, c) in [
            (
                &b"-ERR [AUTH] Authentication failed."[..],
                Pop3RespCode::Auth,
            ),
            (b"-ERR [SYS/TEMP] try later", Pop3RespCode::SysTemp),
            (b"-ERR [SYS/PERM] no", Pop3RespCode::SysPerm),
            (b"-ERR [LOGIN-DELAY] wait", Pop3RespCode::LoginDelay),
        ] {
            assert_eq!(parse_pop3_status(l).unwrap().code, Some(c));
        }
        assert!(parse_pop3_status(b"+OK").is_ok());
        assert!(parse_pop3_status(b"OK fine").is_err());
        assert!(parse_pop3_status(b"+OKAY").is_err());
    }

    #[test]
    fn pop3_multiline_unstuffs() {
        let mut r = Pop3MultiLineReader::new(Limits::default());
        assert_eq!(r.push_line(b"USER").unwrap(), None);
        assert_eq!(r.push_line(b"..hidden").unwrap(), None);
        assert_eq!(
            r.push_line(b".").unwrap(),
            Some(vec![b"USER".to_vec(), b".hidden".to_vec()])
        );
    }

    #[test]
    fn apop() {
        assert_eq!(
            apop_timestamp(b"POP3 server ready <1896.697170952@dbc.mtview.ca.us>")
                .unwrap()
                .as_str(),
            "<1896.697170952@dbc.mtview.ca.us>"
        );
        assert!(apop_timestamp(b"Dovecot ready.").is_none());
        assert!(apop_timestamp(b"<no-at-sign>").is_none());
        assert!(apop_timestamp(b"<a\x1b@b>").is_none());
    }

    #[test]
    fn imap_lines() {
        let r = parse_imap_line(b"* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.").unwrap();
        match r {
            ImapResponse::Status {
                tag: None,
                status: ImapStatus::Ok,
                capabilities: Some(c),
                text,
                ..
            } => {
                assert!(c.contains(&"STARTTLS".to_owned()));
                assert!(c.contains(&"AUTH=PLAIN".to_owned()));
                assert_eq!(text, b"Dovecot ready.");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_imap_line(b"* CAPABILITY IMAP4rev1 starttls LOGINDISABLED").unwrap(),
            ImapResponse::Capability(vec![
                "IMAP4REV1".into(),
                "STARTTLS".into(),
                "LOGINDISABLED".into()
            ])
        );
        match parse_imap_line(b"a2 NO [ALERT] nope").unwrap() {
            ImapResponse::Status {
                tag: Some(t),
                status: ImapStatus::No,
                code: Some(c),
                ..
            } => {
                assert_eq!(t, b"a2");
                assert_eq!(c, b"ALERT");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_imap_line(b"+ go ahead").unwrap(),
            ImapResponse::Continuation(_)
        ));
        assert!(matches!(
            parse_imap_line(b"* ID NIL").unwrap(),
            ImapResponse::Data(_)
        ));
        assert!(parse_imap_line(b"a1 BYE x").is_err());
        assert!(parse_imap_line(b"garbage").is_err());
        assert_eq!(imap_literal_len(b"* X {12}"), Some(12));
        assert_eq!(imap_literal_len(b"* X {12+}"), Some(12));
        assert_eq!(imap_literal_len(b"* X {}"), None);
    }
}
