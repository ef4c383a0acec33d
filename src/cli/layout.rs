//! The one width rule of the CLI's human output: how many terminal columns a
//! text takes (CJK is two, colour codes none), how wide the terminal is, and
//! how a line too long for it is wrapped. Every table and listing measures and
//! wraps through here, so English and Chinese line up the same way.
//!
//! Not for JSON, config files or anything a program reads: only what a person
//! reads on a terminal goes through [`Wrapped`].

use unicode_width::UnicodeWidthChar as _;

/// Width when nothing says otherwise (not a terminal, no `COLUMNS`).
pub(crate) const DEFAULT_WIDTH: usize = 80;

/// Narrowest width honoured: below it the columns cannot hold their words.
const MIN_WIDTH: usize = 40;

/// Terminal columns `s` takes: East Asian wide characters count as two,
/// combining marks and control characters as none, and ANSI colour sequences
/// (`ESC [ … m`) as none.
pub(crate) fn display_width(s: &str) -> usize {
    let mut width = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip a CSI sequence up to its final byte.
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) && d != '[' {
                    break;
                }
            }
            continue;
        }
        width += c.width().unwrap_or(0);
    }
    width
}

/// The width human output is laid out for: `COLUMNS` when it holds a number
/// (what a user or a test sets to choose one; shells do not export it, so it
/// does not stand in for a real terminal's size), else the terminal's width
/// when standard output is one, else [`DEFAULT_WIDTH`]. Never below 40.
pub(crate) fn terminal_width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|w| *w > 0);
    let from_terminal = || {
        terminal_size::terminal_size_of(std::io::stdout())
            .map(|(terminal_size::Width(w), _)| usize::from(w))
            .filter(|w| *w > 0)
    };
    from_env
        .or_else(from_terminal)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// Characters a line may not start with (closing punctuation): they stay at
/// the end of the line before, as Chinese typesetting wants.
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '”'
            | '、'
            | ')'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | ']'
            | '》'
            | '】'
    )
}

/// Characters a line may not end with (opening brackets and quotes): they
/// go to the next line with what they open.
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '“' | '《' | '【' | '(' | '[')
}

/// Whether a line may break after `c` without a space (after a wide
/// character: Chinese has no spaces between words).
fn break_after(c: char) -> bool {
    c.width().unwrap_or(0) == 2
}

/// A command example ("mailconf probe mail.example.com") is one token, so a
/// line never breaks inside it (copied from the terminal, half a command
/// runs the wrong thing): "mailconf" and up to three words after it, as long
/// as they are ASCII (closing punctuation may follow) and none ends a clause.
fn keep_commands_together(tokens: Vec<(bool, String)>) -> Vec<(bool, String)> {
    let command_word = |t: &str| {
        let body = t.trim_end_matches(no_break_before);
        !body.is_empty() && body.is_ascii() && !body.starts_with(['(', '[', '"'])
    };
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut room = 0;
    for (spaced, token) in tokens {
        if room > 0 && spaced && command_word(&token) {
            if let Some((_, last)) = out.last_mut() {
                last.push(' ');
                last.push_str(&token);
            }
            let ends_clause = token.ends_with(no_break_before);
            room = if ends_clause { 0 } else { room - 1 };
            continue;
        }
        room = if token == "mailconf" { 3 } else { 0 };
        out.push((spaced, token));
    }
    out
}

/// `text` broken into lines of at most `width` columns: the first starts
/// right away, the others with `indent` (counted in the width). Breaks go at
/// spaces and between Chinese characters (never before closing punctuation,
/// never after opening punctuation);
/// a word longer than a line (a long host name) is cut where it must be.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let indent_w = display_width(indent);
    // Tokens: runs that must stay together, each with whether a space came before it.
    let mut tokens: Vec<(bool, String)> = Vec::new();
    let mut space = false;
    let mut current = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c == ' ' {
            if !current.is_empty() {
                tokens.push((space, std::mem::take(&mut current)));
            }
            space = true;
            prev = None;
            continue;
        }
        let boundary = !current.is_empty()
            && !no_break_before(c)
            && !prev.is_some_and(no_break_after)
            && (prev.is_some_and(break_after) || break_after(c));
        if boundary {
            tokens.push((space, std::mem::take(&mut current)));
            space = false;
        }
        current.push(c);
        prev = Some(c);
    }
    if !current.is_empty() {
        tokens.push((space, current));
    }
    let tokens = keep_commands_together(tokens);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    let mut first = true;
    let limit = |first: bool| {
        if first {
            width
        } else {
            width.saturating_sub(indent_w)
        }
    };
    for (spaced, token) in tokens {
        let tw = display_width(&token);
        let sep = usize::from(spaced && line_w > 0);
        if line_w + sep + tw <= limit(first) {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(&token);
            line_w += sep + tw;
            continue;
        }
        if line_w > 0 {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
            first = false;
        }
        // A token longer than a whole line is cut by characters.
        for c in token.chars() {
            let cw = c.width().unwrap_or(0);
            if line_w + cw > limit(first) && line_w > 0 {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
                first = false;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if line_w > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { format!("{indent}{l}") })
        .collect()
}

/// A writer that wraps every line longer than `width` (its continuation lines
/// indented like the line, plus two spaces): for listings whose lines are
/// sentences (`discover`, `check`, advice).
pub(crate) struct Wrapped<W: std::io::Write> {
    inner: W,
    width: usize,
    pending: Vec<u8>,
}

impl<W: std::io::Write> Wrapped<W> {
    /// Wraps `inner` at `width` columns.
    pub(crate) fn new(inner: W, width: usize) -> Self {
        Wrapped {
            inner,
            width,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, line: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(line);
        if display_width(&text) <= self.width {
            return self.inner.write_all(line);
        }
        let lead: String = text.chars().take_while(|c| *c == ' ').collect();
        let body = &text[lead.len()..];
        let indent = format!("{lead}  ");
        let lines = wrap(body, self.width.saturating_sub(lead.len()), "  ");
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                self.inner.write_all(b"\n")?;
            }
            let l = l.strip_prefix("  ").filter(|_| i > 0).unwrap_or(l);
            let start = if i == 0 {
                lead.as_str()
            } else {
                indent.as_str()
            };
            self.inner.write_all(start.as_bytes())?;
            self.inner.write_all(l.as_bytes())?;
        }
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for Wrapped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'\n' {
                let line = std::mem::take(&mut self.pending);
                self.emit(&line)?;
                self.inner.write_all(b"\n")?;
            } else {
                self.pending.push(b);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.emit(&line)?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for Wrapped<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_counts_cjk_as_two_and_colour_as_nothing() {
        assert_eq!(display_width("协议"), 4);
        assert_eq!(display_width("POP3"), 4);
        assert_eq!(display_width("\x1b[32mok\x1b[0m"), 2);
        assert_eq!(display_width("（）"), 4);
    }

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let en = "TLS 1.3 TLS13_AES_256_GCM_SHA384, certificate trusted; USER SASL(PLAIN LOGIN) TOP UIDL";
        for w in [20, 33, 50] {
            for l in wrap(en, w, "    ") {
                assert!(display_width(&l) <= w, "{l:?} at {w}");
            }
        }
        let zh = "服务器不支持 STARTTLS：只能明文连接，网络路径上的任何人都能读取这个连接。";
        let lines = wrap(zh, 20, "  ");
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(display_width(l) <= 20, "{l:?}");
            assert!(!l.trim_start().starts_with(['，', '。', '：']), "{l:?}");
        }
        assert_eq!(lines.concat().replace("  ", ""), zh.replace(' ', ""));
        // A host name longer than a line is cut, not left overflowing.
        for l in wrap(&"a".repeat(50), 20, "  ") {
            assert!(display_width(&l) <= 20);
        }
    }

    /// An opening bracket or quote stays with what it opens: a line of
    /// `check` ended with “「” and the quoted command began the next.
    #[test]
    fn a_command_example_is_never_broken_over_two_lines() {
        let text = "没有找到 nowhere-mailconf.invalid 的邮件设置。请检查地址是否有误；如果你知道邮件服务器的名称（可以问服务商或管理员），请直接测试该名称，例如 mailconf probe mail.nowhere-mailconf.invalid。";
        // From the width where the command (and its full stop) fits on a line.
        for width in 52..=100 {
            let lines = wrap(text, width, "  ");
            let together = lines
                .iter()
                .any(|l| l.contains("mailconf probe mail.nowhere-mailconf.invalid"));
            assert!(together, "{width}: {lines:#?}");
            assert!(
                lines.iter().all(|l| display_width(l) <= width),
                "{lines:#?}"
            );
        }
        // English prose after a command is not swallowed by it.
        let en = "Check the address for typos; test that name instead, e.g. mailconf probe mail.example.com. Your provider can tell you the name of the server.";
        let lines = wrap(en, 60, "");
        assert!(
            lines.iter().any(|l| l.ends_with("mail.example.com."))
                || lines.iter().any(|l| l.contains("mail.example.com. Your")),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_line_never_ends_with_an_opening_bracket_or_quote() {
        let zh = "請改為在 mailconf 中輸入你的地址（「mailconf probe you@example.com」、\
                  「mailconf export … -f outlook」）。“引用”和《書名》【注】";
        for w in 12..70 {
            for l in wrap(zh, w, "  ") {
                assert!(
                    !l.ends_with(['「', '“', '（', '『', '《', '【', '(', '[']),
                    "{l:?} at {w}"
                );
            }
        }
    }

    /// The probe table (one host, and many long host names with certificate
    /// problems), its recommendation and advice, and the discover listing fit
    /// 80 and 120 columns in every language: no line is wider. The DETAILS
    /// column ran on past the edge, RESULT overflowed, and `host:port`
    /// columns pushed a row past 80. (`check`'s listing goes through
    /// [`Wrapped`], tested below.)
    #[test]
    fn tables_fit_80_and_120_columns_in_every_language() {
        use crate::check::fake::{FakeCheck, FakeOutcome, FakeRequest, Pace, demo_script, report};
        use crate::check::{CheckBackend as _, CheckRequest};
        use crate::i18n::Lang;
        use crate::probe::tls::TlsErrorKind;
        use crate::probe::{Endpoint, Protocol, Security};
        use crate::providers::{Address, Database};
        use std::sync::Arc;

        let long = |host: &str, port: u16, security: Security| {
            Endpoint::new(Protocol::Imap, host, port, security)
        };
        let hosts = vec![
            long(
                "imap.a-rather-long-mail-host-name.example.test",
                993,
                Security::Tls,
            ),
            long(
                "mail.another-quite-long-host.example.test",
                143,
                Security::Starttls,
            ),
            long("imap.third.example.test", 993, Security::Tls),
        ];
        let script = |r: &FakeRequest| -> Vec<(usize, crate::probe::EndpointReport)> {
            if r.plan
                .endpoints
                .iter()
                .any(|e| e.host.contains("example.test"))
            {
                let outcomes = [
                    FakeOutcome::Untrusted(TlsErrorKind::SelfSigned),
                    FakeOutcome::Untrusted(TlsErrorKind::WrongName),
                    FakeOutcome::Blocked,
                ];
                r.plan
                    .endpoints
                    .iter()
                    .zip(outcomes)
                    .enumerate()
                    .map(|(i, (e, o))| (i, report(e, o, 12_345)))
                    .collect()
            } else {
                demo_script(r)
            }
        };
        let requests = || {
            [
                CheckRequest {
                    input: "alice@163.com".into(),
                    ..CheckRequest::default()
                },
                CheckRequest {
                    input: "imap.third.example.test".into(),
                    endpoints: hosts.clone(),
                    ..CheckRequest::default()
                },
            ]
        };
        let Some(crate::cli::Command::Probe(args)) =
            <crate::cli::Cli as clap::Parser>::try_parse_from(["mailconf", "probe", "x"])
                .unwrap()
                .command
        else {
            panic!("not a probe command")
        };
        let db = Arc::new(Database::bundled().clone());
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            for width in [80, 120] {
                for request in requests() {
                    let (mut backend, handle) =
                        FakeCheck::new(db.clone(), Box::new(script), Pace::Manual);
                    backend.start(request).unwrap();
                    handle.release_all();
                    let events = backend.poll();
                    let mut out = Vec::new();
                    crate::cli::probe::render_at(&args, lang, &mut out, false, width, events)
                        .unwrap();
                    let text = String::from_utf8(out).unwrap();
                    assert!(text.lines().count() > 5, "{text}");
                    for l in text.lines() {
                        if display_width(l) > width {
                            problems.push(format!("probe {lang:?} {width}: {l:?}"));
                        }
                    }
                }
                let address = Address::parse("alice@example.com").unwrap();
                let d = crate::check::fake::demo_discovery(&address);
                let mut out = Vec::new();
                crate::cli::discover::print_human(&mut Wrapped::new(&mut out, width), &d, lang)
                    .unwrap();
                let text = String::from_utf8(out).unwrap();
                assert!(text.lines().count() > 3, "{text}");
                for l in text.lines() {
                    if display_width(l) > width {
                        problems.push(format!("discover {lang:?} {width}: {l:?}"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_wrapping_writer_indents_continuations() {
        use std::io::Write as _;
        let mut buf = Vec::new();
        {
            let mut w = Wrapped::new(&mut buf, 20);
            writeln!(w, "  one two three four five six seven").unwrap();
            writeln!(w, "short").unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text, "  one two three four\n    five six seven\nshort\n");
    }
}
