//! Sans-IO line framer with a hard cap on line length.
//!
//! Mail protocols are line based (CRLF). A hostile or broken server can send
//! megabytes without a line break; an unbounded `read_line` would buffer all of
//! it. [`LineFramer`] holds at most `max_line + 2` bytes: [`LineFramer::push`]
//! takes only what fits, and [`LineFramer::next_frame`] answers
//! [`Frame::Line`], [`Frame::NeedMore`] or [`Frame::TooLong`], so "need more
//! bytes" is never confused with "this will never be a line".
//!
//! A bare LF is accepted as a line end (some servers send it); a CR before the
//! LF is stripped. IMAP literals are skipped with [`LineFramer::skip`].

/// Default maximum line length in bytes, without the line end.
/// RFC 5321 allows 512 for SMTP replies, RFC 2449 255 for POP3, IMAP has no limit;
/// 8 KiB is generous for anything a probe reads.
pub const DEFAULT_MAX_LINE: usize = 8 * 1024;

/// What the framer has for the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A complete line, without its CRLF/LF.
    Line(Vec<u8>),
    /// No complete line yet; push more bytes.
    NeedMore,
    /// The line exceeds the maximum length: the stream cannot be framed further.
    TooLong,
}

/// A bounded line framer. See the module docs.
#[derive(Debug, Clone)]
pub struct LineFramer {
    buf: Vec<u8>,
    max_line: usize,
    /// Bytes of `buf` already searched for LF without finding one.
    scanned: usize,
    /// Bytes still to discard (IMAP literal payload).
    skip: usize,
    too_long: bool,
}

impl LineFramer {
    /// A framer for lines of at most `max_line` bytes (not counting CRLF).
    pub fn new(max_line: usize) -> Self {
        LineFramer {
            buf: Vec::new(),
            max_line: max_line.max(1),
            scanned: 0,
            skip: 0,
            too_long: false,
        }
    }

    /// The most bytes the framer ever holds.
    pub fn capacity(&self) -> usize {
        self.max_line + 2
    }

    /// Takes as many bytes of `input` as fit and returns how many it took.
    /// Call [`next_frame`](Self::next_frame) until it answers `NeedMore`, then push the rest.
    pub fn push(&mut self, input: &[u8]) -> usize {
        let mut taken = 0;
        if self.skip > 0 {
            let n = self.skip.min(input.len());
            self.skip -= n;
            taken = n;
        }
        let room = self.capacity().saturating_sub(self.buf.len());
        let n = room.min(input.len() - taken);
        self.buf.extend_from_slice(&input[taken..taken + n]);
        taken + n
    }

    /// The next complete line, if there is one.
    pub fn next_frame(&mut self) -> Frame {
        if self.too_long {
            return Frame::TooLong;
        }
        match self.buf[self.scanned..].iter().position(|&b| b == b'\n') {
            Some(rel) => {
                let lf = self.scanned + rel;
                let mut line: Vec<u8> = self.buf.drain(..=lf).collect();
                line.pop(); // LF
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.scanned = 0;
                if line.len() > self.max_line {
                    self.too_long = true;
                    return Frame::TooLong;
                }
                Frame::Line(line)
            }
            None => {
                self.scanned = self.buf.len();
                // A line of exactly max_line bytes still needs room for CR LF.
                let limit = if self.buf.last() == Some(&b'\r') {
                    self.capacity()
                } else {
                    self.capacity() - 1
                };
                if self.buf.len() >= limit {
                    self.too_long = true;
                    Frame::TooLong
                } else {
                    Frame::NeedMore
                }
            }
        }
    }

    /// Discards the next `n` bytes (already buffered ones first): an IMAP literal's payload.
    pub fn skip(&mut self, n: usize) {
        let now = n.min(self.buf.len());
        self.buf.drain(..now);
        self.scanned = 0;
        self.skip += n - now;
    }

    /// Bytes held that are not yet part of a returned line (plus bytes still to skip).
    pub fn buffered(&self) -> usize {
        self.buf.len() + self.skip
    }
}

impl Default for LineFramer {
    fn default() -> Self {
        LineFramer::new(DEFAULT_MAX_LINE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(framer: &mut LineFramer, mut input: &[u8]) -> Result<Vec<Vec<u8>>, ()> {
        let mut out = Vec::new();
        loop {
            let n = framer.push(input);
            input = &input[n..];
            loop {
                match framer.next_frame() {
                    Frame::Line(l) => out.push(l),
                    Frame::NeedMore => break,
                    Frame::TooLong => return Err(()),
                }
            }
            if input.is_empty() {
                return Ok(out);
            }
        }
    }

    #[test]
    fn splits_crlf_and_bare_lf() {
        let mut f = LineFramer::new(100);
        let got = lines_of(&mut f, b"+OK a\r\nb\nc\r\npartial").unwrap();
        assert_eq!(got, vec![b"+OK a".to_vec(), b"b".to_vec(), b"c".to_vec()]);
        assert_eq!(f.buffered(), 7);
        let got = lines_of(&mut f, b" end\r\n").unwrap();
        assert_eq!(got, vec![b"partial end".to_vec()]);
        assert_eq!(f.buffered(), 0);
    }

    #[test]
    fn cr_split_from_lf_across_pushes() {
        let mut f = LineFramer::new(100);
        assert!(lines_of(&mut f, b"abc\r").unwrap().is_empty());
        assert_eq!(lines_of(&mut f, b"\n").unwrap(), vec![b"abc".to_vec()]);
    }

    #[test]
    fn exact_max_length_is_accepted_one_more_is_not() {
        let mut f = LineFramer::new(4);
        assert_eq!(
            lines_of(&mut f, b"abcd\r\n").unwrap(),
            vec![b"abcd".to_vec()]
        );
        let mut f = LineFramer::new(4);
        assert_eq!(lines_of(&mut f, b"abcd\n").unwrap(), vec![b"abcd".to_vec()]);
        let mut f = LineFramer::new(4);
        assert!(lines_of(&mut f, b"abcde\r\n").is_err());
        let mut f = LineFramer::new(4);
        assert!(lines_of(&mut f, b"abcde").is_err());
        // Byte by byte.
        let mut f = LineFramer::new(4);
        let mut res = Ok(());
        for b in b"abcd\r\n" {
            if lines_of(&mut f, &[*b]).is_err() {
                res = Err(());
            }
        }
        assert!(res.is_ok());
    }

    #[test]
    fn ten_megabytes_without_crlf_stay_bounded() {
        let mut f = LineFramer::default();
        let chunk = vec![b'A'; 64 * 1024];
        let mut fed = 0usize;
        let mut too_long = false;
        while fed < 10 * 1024 * 1024 {
            let n = f.push(&chunk);
            fed += chunk.len();
            assert!(f.buffered() <= f.capacity());
            if n < chunk.len() || f.next_frame() == Frame::TooLong {
                too_long = f.next_frame() == Frame::TooLong;
                break;
            }
        }
        assert!(too_long);
        assert!(f.buffered() <= DEFAULT_MAX_LINE + 2);
    }

    #[test]
    fn skip_discards_literal_bytes() {
        let mut f = LineFramer::new(100);
        assert_eq!(
            lines_of(&mut f, b"* X {5}\r\nab").unwrap(),
            vec![b"* X {5}".to_vec()]
        );
        f.skip(5);
        assert_eq!(
            lines_of(&mut f, b"cde)\r\nA1 OK\r\n").unwrap(),
            vec![b")".to_vec(), b"A1 OK".to_vec()]
        );
    }
}
