//! `~/.fetchmailrc`, read with fetchmail's own grammar (`rcfile_l.l` and
//! `rcfile_y.y` of fetchmail 6.4).
//!
//! The grammar is large and full of corners, so this reader follows fetchmail
//! rather than the manual: the same lexer (longest match wins, keywords are
//! case-sensitive, a word after `user`/`is`/`to`/`password`/`=` is always a string,
//! `nokeep` is `no keep`, `\x22`-style escapes, noise words `with and has wants
//! options` and `; : ,` ignored), the same statement structure (`poll|skip NAME`
//! server options, then user descriptions with their options; a server option
//! after user options is an error), one record per user, and the first record
//! named `defaults` filling what later records leave unset. The test suite checks
//! every field read here against `fetchmail --configdump` of the same files.
//!
//! fetchmail refuses a whole file with a syntax error; mailconf lists the line as
//! [`NoteKind::ClientRefuses`] and goes on with the next `poll`, so the user still
//! sees the other accounts.
//!
//! Security as fetchmail 6.4 applies it: `ssl` is implicit TLS; otherwise STARTTLS,
//! which `sslproto ''` switches off, any other `sslproto` makes mandatory, and which
//! is mandatory in practice because certificate checking (`sslcertck`) is on by
//! default; with `no sslcertck` and no `sslproto` it is used only when offered.

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::text::Source;
use super::{
    Account, AuthMethod, NoteKind, Origin, Parsed, Password, Place, Setting, default_port,
    edit::Edit, lossy,
};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use std::ops::Range;

/// Where a fetchmail account is: the record it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    entry: usize,
    user: Option<usize>,
}

// ---------------------------------------------------------------------------
// Lexer

/// Lexer start conditions (`%s NAME AUTH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Initial,
    Name,
    Auth,
}

/// Retrieval protocols (`PROTO` tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Proto {
    Auto,
    Pop2,
    Pop3,
    Imap,
    Apop,
    Rpop,
    Etrn,
    Odmr,
    Kpop,
    Sdps,
}

impl Proto {
    fn dump_name(self) -> &'static str {
        match self {
            Proto::Auto => "auto",
            Proto::Pop2 => "POP2",
            Proto::Pop3 | Proto::Kpop | Proto::Sdps => "POP3",
            Proto::Imap => "IMAP",
            Proto::Apop => "APOP",
            Proto::Rpop => "RPOP",
            Proto::Etrn => "ETRN",
            Proto::Odmr => "ODMR",
        }
    }
}

/// A token.
#[derive(Debug, Clone, PartialEq, Eq)]
enum T {
    /// A string (bare or quoted), escapes applied.
    Str(Vec<u8>),
    /// `-?[0-9]+`.
    Num(i64),
    /// `pop3`, `IMAP`…
    Proto(Proto),
    /// `password`, `cram-md5`… after `auth`.
    AuthType(&'static str),
    /// A keyword, by its canonical name.
    Kw(&'static str),
    /// `no` (also the `no` of `nokeep`).
    No,
    /// `=`.
    Map,
}

#[derive(Debug, Clone)]
struct Tok {
    t: T,
    span: Range<usize>,
}

/// What a keyword does to the lexer state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    ToName,
    ToAuth,
}

/// Rule kinds in `rcfile_l.l` order between the NAME rule and the comment rule.
enum Rule {
    Kw(&'static str, Effect),
    AuthType(&'static str),
    /// `<AUTH>password`.
    AuthPassword,
    /// `<INITIAL,NAME>pass(word)?`.
    Pass,
    /// `nokeep` and friends: `no`, then the rest again.
    NoPrefix,
    No,
    Noise,
    Proto(Proto),
    Map,
}

/// The keyword rules in file order: (literals, rule). Literal alternatives stand
/// for flex's optional groups (`user(name)?` is "user" and "username").
const RULES: &[(&[&str], Rule)] = &[
    (&["set"], Rule::Kw("set", Effect::None)),
    (&["logfile"], Rule::Kw("logfile", Effect::None)),
    (&["idfile"], Rule::Kw("idfile", Effect::None)),
    (&["pidfile"], Rule::Kw("pidfile", Effect::None)),
    (&["daemon"], Rule::Kw("daemon", Effect::None)),
    (&["syslog"], Rule::Kw("syslog", Effect::None)),
    (&["invisible"], Rule::Kw("invisible", Effect::None)),
    (&["showdots"], Rule::Kw("showdots", Effect::None)),
    (&["postmaster"], Rule::Kw("postmaster", Effect::None)),
    (&["bouncemail"], Rule::Kw("bouncemail", Effect::None)),
    (&["spambounce"], Rule::Kw("spambounce", Effect::None)),
    (&["softbounce"], Rule::Kw("softbounce", Effect::None)),
    (&["warnings"], Rule::Kw("warnings", Effect::None)),
    (&["tracepolls"], Rule::Kw("tracepolls", Effect::None)),
    (&["defaults"], Rule::Kw("defaults", Effect::None)),
    (&["server"], Rule::Kw("poll", Effect::None)),
    (&["poll"], Rule::Kw("poll", Effect::None)),
    (&["skip"], Rule::Kw("skip", Effect::None)),
    (&["via"], Rule::Kw("via", Effect::None)),
    (&["aka"], Rule::Kw("aka", Effect::None)),
    (
        &["local", "localdomains"],
        Rule::Kw("localdomains", Effect::None),
    ),
    (&["proto", "protocol"], Rule::Kw("proto", Effect::None)),
    (&["service"], Rule::Kw("service", Effect::None)),
    (&["port"], Rule::Kw("port", Effect::None)),
    (&["interval"], Rule::Kw("interval", Effect::None)),
    (
        &["preauth", "preauthenticate"],
        Rule::Kw("auth", Effect::ToAuth),
    ),
    (&["auth", "authenticate"], Rule::Kw("auth", Effect::ToAuth)),
    (&["any"], Rule::AuthType("any")),
    (&["gssapi"], Rule::AuthType("gssapi")),
    (&["kerberos4", "kerberos_v4"], Rule::AuthType("kerberos_v4")),
    (&["kerberos5", "kerberos_v5"], Rule::AuthType("kerberos_v5")),
    (&["kerberos"], Rule::AuthType("kerberos_v4")),
    (&["ssh"], Rule::AuthType("ssh")),
    (&["external"], Rule::AuthType("external")),
    (&["otp", "opie"], Rule::AuthType("otp")),
    (&["cram", "cram-md5"], Rule::AuthType("cram-md5")),
    (&["msn"], Rule::AuthType("msn")),
    (&["ntlm"], Rule::AuthType("ntlm")),
    (&["password"], Rule::AuthPassword),
    (&["timeout"], Rule::Kw("timeout", Effect::None)),
    (&["envelope"], Rule::Kw("envelope", Effect::None)),
    (&["qvirtual"], Rule::Kw("qvirtual", Effect::None)),
    (&["principal"], Rule::Kw("principal", Effect::None)),
    (&["esmtpname"], Rule::Kw("esmtpname", Effect::None)),
    (&["esmtppassword"], Rule::Kw("esmtppassword", Effect::None)),
    (&["bad-header"], Rule::Kw("bad-header", Effect::None)),
    (&["accept"], Rule::Kw("accept", Effect::None)),
    (&["reject"], Rule::Kw("reject", Effect::None)),
    (&["user", "username"], Rule::Kw("user", Effect::ToName)),
    (&["pass", "password"], Rule::Pass),
    (&["folder", "folders"], Rule::Kw("folder", Effect::None)),
    (&["smtp", "smtphost"], Rule::Kw("smtp", Effect::None)),
    (&["fetchdomains"], Rule::Kw("fetchdomains", Effect::None)),
    (&["smtpaddress"], Rule::Kw("smtpaddress", Effect::None)),
    (&["smtpname"], Rule::Kw("smtpname", Effect::None)),
    (&["antispam"], Rule::Kw("antispam", Effect::None)),
    (&["mda"], Rule::Kw("mda", Effect::None)),
    (&["bsmtp"], Rule::Kw("bsmtp", Effect::None)),
    (&["lmtp"], Rule::Kw("lmtp", Effect::None)),
    (&["pre", "preconnect"], Rule::Kw("preconnect", Effect::None)),
    (
        &["post", "postconnect"],
        Rule::Kw("postconnect", Effect::None),
    ),
    (&["interface"], Rule::Kw("interface", Effect::None)),
    (&["monitor"], Rule::Kw("monitor", Effect::None)),
    (&["plugin"], Rule::Kw("plugin", Effect::None)),
    (&["plugout"], Rule::Kw("plugout", Effect::None)),
    (&["batchlimit"], Rule::Kw("batchlimit", Effect::None)),
    (&["fetchlimit"], Rule::Kw("fetchlimit", Effect::None)),
    (
        &["fetchsizelimit"],
        Rule::Kw("fetchsizelimit", Effect::None),
    ),
    (&["fastuidl"], Rule::Kw("fastuidl", Effect::None)),
    (&["expunge"], Rule::Kw("expunge", Effect::None)),
    (&["properties"], Rule::Kw("properties", Effect::None)),
    (&["is"], Rule::Kw("is", Effect::ToName)),
    (&["here"], Rule::Kw("here", Effect::None)),
    (&["there"], Rule::Kw("there", Effect::None)),
    (&["to"], Rule::Kw("to", Effect::ToName)),
    (&["="], Rule::Map),
    (
        &[
            "nobouncemail",
            "nouidl",
            "nocheckalias",
            "nodns",
            "noenvelope",
            "nokeep",
            "noflush",
            "nolimitflush",
            "nofetchall",
            "norewrite",
            "noforcecr",
            "nostripcr",
            "nopass8",
            "nopass8bits",
            "nodropstatus",
            "nodropdelivered",
            "nomimedec",
            "nomimedecode",
            "nospambounce",
            "noidle",
        ],
        Rule::NoPrefix,
    ),
    (&["no"], Rule::No),
    (&["keep"], Rule::Kw("keep", Effect::None)),
    (&["flush"], Rule::Kw("flush", Effect::None)),
    (&["limitflush"], Rule::Kw("limitflush", Effect::None)),
    (&["fetchall"], Rule::Kw("fetchall", Effect::None)),
    (&["rewrite"], Rule::Kw("rewrite", Effect::None)),
    (&["forcecr"], Rule::Kw("forcecr", Effect::None)),
    (&["stripcr"], Rule::Kw("stripcr", Effect::None)),
    (&["pass8", "pass8bits"], Rule::Kw("pass8bits", Effect::None)),
    (&["dropstatus"], Rule::Kw("dropstatus", Effect::None)),
    (&["dropdelivered"], Rule::Kw("dropdelivered", Effect::None)),
    (
        &["mimedec", "mimedecode"],
        Rule::Kw("mimedecode", Effect::None),
    ),
    (&["idle"], Rule::Kw("idle", Effect::None)),
    (&["dns"], Rule::Kw("dns", Effect::None)),
    (&["uidl"], Rule::Kw("uidl", Effect::None)),
    (&["ssl"], Rule::Kw("ssl", Effect::None)),
    (&["sslkey"], Rule::Kw("sslkey", Effect::None)),
    (&["sslcert"], Rule::Kw("sslcert", Effect::None)),
    (&["sslproto"], Rule::Kw("sslproto", Effect::None)),
    (&["sslcertck"], Rule::Kw("sslcertck", Effect::None)),
    (&["sslcertfile"], Rule::Kw("sslcertfile", Effect::None)),
    (&["sslcertpath"], Rule::Kw("sslcertpath", Effect::None)),
    (&["sslcommonname"], Rule::Kw("sslcommonname", Effect::None)),
    (
        &["sslfingerprint"],
        Rule::Kw("sslfingerprint", Effect::None),
    ),
    (&["checkalias"], Rule::Kw("checkalias", Effect::None)),
    (&["limit"], Rule::Kw("limit", Effect::None)),
    (&["with", "and", "has", "wants", "options"], Rule::Noise),
    (&[";", ":", ","], Rule::Noise),
    (&["auto", "AUTO"], Rule::Proto(Proto::Auto)),
    (&["pop2", "POP2"], Rule::Proto(Proto::Pop2)),
    (&["sdps", "SDPS"], Rule::Proto(Proto::Sdps)),
    (&["pop3", "POP3"], Rule::Proto(Proto::Pop3)),
    (&["imap", "IMAP"], Rule::Proto(Proto::Imap)),
    (&["apop", "APOP"], Rule::Proto(Proto::Apop)),
    (&["rpop", "RPOP"], Rule::Proto(Proto::Rpop)),
    (&["etrn", "ETRN"], Rule::Proto(Proto::Etrn)),
    (&["odmr", "ODMR"], Rule::Proto(Proto::Odmr)),
    (&["kpop", "KPOP"], Rule::Proto(Proto::Kpop)),
];

fn is_sep(b: u8) -> bool {
    matches!(b, b'=' | b';' | b':' | b',' | b' ' | b'\t' | b'\r' | b'\n')
}

/// fetchmail's `escapes()`: `\n \t \b \r \\`, `\xHH`, `\0ooo` (the 0 counts as a
/// digit), `\ddd` decimal, backslash-newline joins, any other `\c` is `c`. The
/// value ends at a NUL byte, as the C string does.
fn escapes(input: &[u8]) -> Vec<u8> {
    let input = match input.iter().position(|b| *b == 0) {
        Some(p) => &input[..p],
        None => input,
    };
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        if c == b'\\' && i + 1 < input.len() && b"0123456789xX".contains(&input[i + 1]) {
            i += 1;
            let mut cval: u32 = 0;
            let mut count = 0;
            if input[i] == b'x' || input[i] == b'X' {
                i += 1;
                while i < input.len() && input[i].is_ascii_hexdigit() && count < 2 {
                    count += 1;
                    cval = cval * 16 + (input[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                }
            } else if input[i] == b'0' {
                while i < input.len() && (b'0'..=b'7').contains(&input[i]) && count < 3 {
                    count += 1;
                    cval = cval * 8 + u32::from(input[i] - b'0');
                    i += 1;
                }
            } else {
                while i < input.len() && input[i].is_ascii_digit() && count < 3 {
                    count += 1;
                    cval = cval * 10 + u32::from(input[i] - b'0');
                    i += 1;
                }
            }
            // C stores the int into a char: the low 8 bits.
            out.push((cval & 0xff) as u8);
        } else if c == b'\\' {
            i += 1;
            let Some(&n) = input.get(i) else { break };
            if n == b'\n' {
                i += 1;
                continue;
            }
            out.push(match n {
                b'n' => b'\n',
                b't' => b'\t',
                b'b' => 8,
                b'r' => b'\r',
                other => other,
            });
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    // `\0` escapes produce a NUL that ends the C string too.
    if let Some(p) = out.iter().position(|b| *b == 0) {
        out.truncate(p);
    }
    out
}

/// The keyword rules whose literals start with each byte, as (rule index,
/// literal): the lexer looks at a handful of rules per token instead of all.
fn rules_by_first_byte() -> &'static [Vec<(usize, &'static str)>; 256] {
    static TABLE: std::sync::OnceLock<[Vec<(usize, &'static str)>; 256]> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: [Vec<(usize, &'static str)>; 256] = std::array::from_fn(|_| Vec::new());
        for (k, (lits, _)) in RULES.iter().enumerate() {
            for lit in lits.iter() {
                if let Some(&first) = lit.as_bytes().first() {
                    t[usize::from(first)].push((k, lit));
                }
            }
        }
        t
    })
}

/// Splits `src` into tokens as fetchmail's lexer does.
fn lex(b: &[u8]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut state = State::Initial;
    let mut i = 0;
    while i < b.len() {
        let word_len = b[i..]
            .iter()
            .position(|c| is_sep(*c))
            .unwrap_or(b.len() - i);
        // (length, rule priority, action)
        let mut best: Option<(usize, usize, Action)> = None;
        let mut consider = |len: usize, prio: usize, act: Action| {
            if len == 0 {
                return;
            }
            match &best {
                Some((l, p, _)) if *l > len || (*l == len && *p <= prio) => {}
                _ => best = Some((len, prio, act)),
            }
        };
        // 0: quoted strings.
        if (b[i] == b'"' || b[i] == b'\'')
            && let Some(end) = b[i + 1..].iter().position(|c| *c == b[i])
        {
            consider(end + 2, 0, Action::Quoted);
        }
        // 1: <NAME> bare word.
        if state == State::Name {
            consider(word_len, 1, Action::NameWord);
        }
        // 2..: keyword rules in order (only those whose literals start with this byte).
        for &(k, lit) in &rules_by_first_byte()[usize::from(b[i])] {
            let active = match RULES[k].1 {
                Rule::AuthPassword => state == State::Auth,
                Rule::Pass => state != State::Auth,
                _ => true,
            };
            if active && b[i..].starts_with(lit.as_bytes()) {
                consider(lit.len(), 2 + k, Action::Rule(k));
            }
        }
        let base = 2 + RULES.len();
        // Comment / newline: `(#.*)?\\?\n`.
        let rest = &b[i..];
        if rest[0] == b'#' {
            if let Some(nl) = rest.iter().position(|c| *c == b'\n') {
                consider(nl + 1, base, Action::Newline);
            }
        } else if rest[0] == b'\n' {
            consider(1, base, Action::Newline);
        } else if rest.starts_with(b"\\\n") {
            consider(2, base, Action::Newline);
        }
        // Number.
        let neg = usize::from(rest[0] == b'-');
        let digits = rest[neg..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 {
            consider(neg + digits, base + 1, Action::Number);
        }
        // Bare string.
        consider(word_len, base + 2, Action::Word);
        // Whitespace.
        let ws = rest
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r'))
            .count();
        consider(ws, base + 3, Action::Skip);

        let Some((len, _, act)) = best else {
            // Unreachable (every byte matches the word or newline rule); stay safe.
            i += 1;
            continue;
        };
        let span = i..i + len;
        let text = &b[span.clone()];
        match act {
            Action::Quoted => {
                toks.push(Tok {
                    t: T::Str(escapes(&text[1..len - 1])),
                    span,
                });
                state = State::Initial;
            }
            Action::NameWord => {
                toks.push(Tok {
                    t: T::Str(escapes(text)),
                    span,
                });
                state = State::Initial;
            }
            Action::Word => toks.push(Tok {
                t: T::Str(escapes(text)),
                span,
            }),
            Action::Number => {
                // atoi: overflow wraps in C; clamp instead (only ports matter).
                let n = std::str::from_utf8(text)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                    .unwrap_or(i64::MAX);
                toks.push(Tok { t: T::Num(n), span });
            }
            Action::Newline | Action::Skip => {}
            Action::Rule(k) => match &RULES[k].1 {
                Rule::Kw(name, eff) => {
                    toks.push(Tok {
                        t: T::Kw(name),
                        span,
                    });
                    match eff {
                        Effect::ToName => state = State::Name,
                        Effect::ToAuth => state = State::Auth,
                        Effect::None => {}
                    }
                }
                Rule::AuthType(a) => {
                    toks.push(Tok {
                        t: T::AuthType(a),
                        span,
                    });
                    state = State::Initial;
                }
                Rule::AuthPassword => {
                    toks.push(Tok {
                        t: T::AuthType("password"),
                        span,
                    });
                    state = State::Initial;
                }
                Rule::Pass => {
                    toks.push(Tok {
                        t: T::Kw("password"),
                        span,
                    });
                    state = State::Name;
                }
                Rule::NoPrefix => {
                    // yyless(2): `no`, then scan again after it.
                    toks.push(Tok {
                        t: T::No,
                        span: i..i + 2,
                    });
                    i += 2;
                    continue;
                }
                Rule::No => toks.push(Tok { t: T::No, span }),
                Rule::Noise => {}
                Rule::Proto(p) => toks.push(Tok {
                    t: T::Proto(*p),
                    span,
                }),
                Rule::Map => {
                    toks.push(Tok { t: T::Map, span });
                    state = State::Name;
                }
            },
        }
        i += len;
    }
    toks
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Quoted,
    NameWord,
    Rule(usize),
    Newline,
    Number,
    Word,
    Skip,
}

// ---------------------------------------------------------------------------
// Parser

/// A value and the bytes it was written at.
#[derive(Debug, Clone)]
struct At<V> {
    v: V,
    span: Range<usize>,
    /// Taken from the `defaults` record (its span then points there).
    from_defaults: bool,
}

impl<V> At<V> {
    fn new(v: V, span: Range<usize>) -> Self {
        At {
            v,
            span,
            from_defaults: false,
        }
    }
}

/// How the remote user name was given.
#[derive(Debug, Clone)]
enum UserDef {
    /// `user NAME`, `user NAME there` or `is NAME there`.
    Name,
    /// `user LOCAL… here`: local names only; the whole userdef.
    Here(Range<usize>),
}

/// One user of a poll entry (one record in fetchmail's list).
#[derive(Debug, Clone, Default)]
struct User {
    def: Option<UserDef>,
    /// Start of the user description (its first token).
    start: usize,
    remote: Option<At<Vec<u8>>>,
    password: Option<At<Vec<u8>>>,
    /// Local names: `name`, or `remote=local` mappings.
    localnames: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    keep: Option<At<bool>>,
    /// The last `ssl` / `no ssl`, and every such span (to rewrite them all).
    ssl: Option<At<bool>>,
    ssl_spans: Vec<Range<usize>>,
    sslproto: Option<At<Vec<u8>>>,
    sslcertck: Option<At<bool>>,
    sslcertck_spans: Vec<Range<usize>>,
    fingerprint: bool,
    /// Byte offset just after the user's last token.
    end: usize,
}

/// One `poll`/`skip`/`defaults` statement.
#[derive(Debug, Clone, Default)]
struct Entry {
    pollname: Vec<u8>,
    /// The name token (the `defaults` keyword for a defaults statement).
    name_span: Range<usize>,
    skip: bool,
    via: Option<At<Vec<u8>>>,
    proto: Option<At<Proto>>,
    /// `service`/`port` value and its token.
    service: Option<At<Vec<u8>>>,
    auth: Option<At<&'static str>>,
    /// Byte offset just after the last server option (or the name).
    server_end: usize,
    users: Vec<User>,
    /// The statement had a syntax error (fetchmail refuses the file).
    broken: bool,
}

impl Entry {
    /// The entry without its users.
    fn clone_server(&self) -> Entry {
        Entry {
            pollname: self.pollname.clone(),
            name_span: self.name_span.clone(),
            skip: self.skip,
            via: self.via.clone(),
            proto: self.proto.clone(),
            service: self.service.clone(),
            auth: self.auth.clone(),
            server_end: self.server_end,
            users: Vec::new(),
            broken: self.broken,
        }
    }
}

struct Parser<'a> {
    toks: &'a [Tok],
    pos: usize,
}

/// Server-option keywords.
const SERV_KW: &[&str] = &[
    "aka",
    "via",
    "localdomains",
    "proto",
    "principal",
    "esmtpname",
    "esmtppassword",
    "uidl",
    "checkalias",
    "service",
    "port",
    "interval",
    "auth",
    "timeout",
    "envelope",
    "qvirtual",
    "interface",
    "monitor",
    "plugin",
    "plugout",
    "dns",
    "tracepolls",
    "bad-header",
];
/// Keywords that may follow `no` in a server option.
const SERV_NO: &[&str] = &["uidl", "checkalias", "dns", "envelope", "tracepolls"];
/// User-option keywords taking one string.
const USER_STR: &[&str] = &[
    "password",
    "smtpaddress",
    "smtpname",
    "mda",
    "bsmtp",
    "preconnect",
    "postconnect",
    "sslkey",
    "sslcert",
    "sslproto",
    "sslcertfile",
    "sslcertpath",
    "sslcommonname",
    "sslfingerprint",
    "properties",
];
/// User-option flags (also after `no`, except the first two groups' extras).
const USER_FLAG: &[&str] = &[
    "keep",
    "flush",
    "limitflush",
    "fetchall",
    "rewrite",
    "forcecr",
    "stripcr",
    "pass8bits",
    "dropstatus",
    "dropdelivered",
    "mimedecode",
    "idle",
    "ssl",
];
/// User-option keywords taking a number.
const USER_NUM: &[&str] = &[
    "limit",
    "warnings",
    "fetchlimit",
    "fetchsizelimit",
    "fastuidl",
    "batchlimit",
    "expunge",
];

struct SyntaxError {
    at: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a T> {
        self.toks.get(self.pos).map(|t| &t.t)
    }

    fn peek2(&self) -> Option<&'a T> {
        self.toks.get(self.pos + 1).map(|t| &t.t)
    }

    fn next(&mut self) -> Option<&'a Tok> {
        let t = self.toks.get(self.pos);
        self.pos += 1;
        t
    }

    fn err(&self) -> SyntaxError {
        SyntaxError {
            at: self.toks.get(self.pos).map_or(usize::MAX, |t| t.span.start),
        }
    }

    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Some(T::Kw(x)) if *x == k)
    }

    fn string(&mut self) -> Result<&'a Tok, SyntaxError> {
        match self.peek() {
            Some(T::Str(_)) => self.next().ok_or_else(|| self.err()),
            _ => Err(self.err()),
        }
    }

    fn number(&mut self) -> Result<&'a Tok, SyntaxError> {
        match self.peek() {
            Some(T::Num(_)) => self.next().ok_or_else(|| self.err()),
            _ => Err(self.err()),
        }
    }

    fn starts_serv_option(&self) -> bool {
        match self.peek() {
            Some(T::Kw(k)) => SERV_KW.contains(k),
            Some(T::No) => matches!(self.peek2(), Some(T::Kw(k)) if SERV_NO.contains(k)),
            _ => false,
        }
    }

    fn starts_user_option(&self) -> bool {
        match self.peek() {
            Some(T::Kw(k)) => {
                USER_STR.contains(k)
                    || USER_FLAG.contains(k)
                    || USER_NUM.contains(k)
                    || matches!(
                        *k,
                        "to" | "is"
                            | "folder"
                            | "smtp"
                            | "fetchdomains"
                            | "antispam"
                            | "lmtp"
                            | "sslcertck"
                    )
            }
            Some(T::No) => {
                matches!(self.peek2(), Some(T::Kw(k)) if USER_FLAG.contains(k) || *k == "sslcertck")
            }
            _ => false,
        }
    }

    /// `SET …` global options.
    fn set(&mut self) -> Result<(), SyntaxError> {
        self.next();
        let optmap = |p: &mut Parser| {
            if matches!(p.peek(), Some(T::Map)) {
                p.next();
            }
        };
        match self.peek() {
            Some(T::Kw("logfile" | "idfile" | "pidfile" | "postmaster" | "properties")) => {
                self.next();
                optmap(self);
                self.string()?;
            }
            Some(T::Kw("daemon")) => {
                self.next();
                optmap(self);
                self.number()?;
            }
            Some(T::Kw(
                "bouncemail" | "spambounce" | "softbounce" | "syslog" | "invisible" | "showdots",
            )) => {
                self.next();
            }
            Some(T::No) => {
                self.next();
                match self.peek() {
                    Some(T::Kw(
                        "bouncemail" | "spambounce" | "softbounce" | "syslog" | "invisible"
                        | "showdots",
                    )) => {
                        self.next();
                    }
                    _ => return Err(self.err()),
                }
            }
            _ => return Err(self.err()),
        }
        Ok(())
    }

    fn serv_option(&mut self, e: &mut Entry) -> Result<(), SyntaxError> {
        let Some(first) = self.next() else {
            return Err(self.err());
        };
        match &first.t {
            T::No => {
                self.next();
            }
            T::Kw("aka" | "localdomains") => {
                self.string()?;
                while matches!(self.peek(), Some(T::Str(_))) {
                    self.next();
                }
            }
            T::Kw("via") => {
                let s = self.string()?;
                if let T::Str(v) = &s.t {
                    e.via = Some(At::new(v.clone(), s.span.clone()));
                }
            }
            T::Kw("proto") => match self.peek() {
                Some(T::Proto(p)) => {
                    let p = *p;
                    let t = self.next().ok_or_else(|| self.err())?;
                    e.proto = Some(At::new(p, t.span.clone()));
                    if p == Proto::Kpop {
                        e.service = Some(At::new(b"kpop".to_vec(), t.span.clone()));
                        if e.auth.as_ref().is_some_and(|a| a.v == "password") {
                            e.auth = Some(At::new("kerberos_v5", t.span.clone()));
                        }
                    }
                }
                _ => return Err(self.err()),
            },
            T::Kw("principal" | "esmtpname" | "esmtppassword" | "qvirtual" | "interface")
            | T::Kw("monitor" | "plugin" | "plugout") => {
                self.string()?;
            }
            T::Kw("uidl" | "checkalias" | "dns" | "tracepolls") => {}
            T::Kw("service") => match self.peek() {
                Some(T::Str(v)) => {
                    let v = v.clone();
                    let t = self.next().ok_or_else(|| self.err())?;
                    e.service = Some(At::new(v, t.span.clone()));
                }
                Some(T::Num(n)) => {
                    let n = *n;
                    let t = self.next().ok_or_else(|| self.err())?;
                    e.service = Some(At::new(c_int(n).to_string().into_bytes(), t.span.clone()));
                }
                _ => return Err(self.err()),
            },
            T::Kw("port") => {
                let t = self.number()?;
                if let T::Num(n) = t.t {
                    e.service = Some(At::new(c_int(n).to_string().into_bytes(), t.span.clone()));
                }
            }
            T::Kw("interval" | "timeout") => {
                self.number()?;
            }
            T::Kw("auth") => match self.peek() {
                Some(T::AuthType(a)) => {
                    let a = *a;
                    let t = self.next().ok_or_else(|| self.err())?;
                    e.auth = Some(At::new(a, t.span.clone()));
                }
                _ => return Err(self.err()),
            },
            T::Kw("envelope") => {
                if matches!(self.peek(), Some(T::Num(_))) {
                    self.next();
                }
                self.string()?;
            }
            T::Kw("bad-header") => match self.peek() {
                Some(T::Kw("accept" | "reject")) => {
                    self.next();
                }
                _ => return Err(self.err()),
            },
            _ => {
                return Err(SyntaxError {
                    at: first.span.start,
                });
            }
        }
        e.server_end = self.toks[self.pos - 1].span.end;
        Ok(())
    }

    /// `mapping_list`: `STRING` or `STRING = STRING`, one or more (`*` is the
    /// wildcard, not a name).
    #[allow(clippy::type_complexity)]
    fn mappings(&mut self) -> Result<Vec<(Vec<u8>, Option<Vec<u8>>)>, SyntaxError> {
        let mut names = Vec::new();
        while let Some(T::Str(s)) = self.peek() {
            let s = s.clone();
            self.next();
            if matches!(self.peek(), Some(T::Map)) {
                self.next();
                let t = self.string()?;
                if let T::Str(to) = &t.t {
                    names.push((s, Some(to.clone())));
                }
            } else if s != b"*" {
                names.push((s, None));
            }
        }
        Ok(names)
    }

    fn user_option(&mut self, u: &mut User) -> Result<(), SyntaxError> {
        let Some(first) = self.next() else {
            return Err(self.err());
        };
        match &first.t {
            T::Kw("to") => {
                if !matches!(self.peek(), Some(T::Str(_))) {
                    return Err(self.err());
                }
                u.localnames.extend(self.mappings()?);
                if self.is_kw("here") {
                    self.next();
                }
            }
            T::Kw("is") => {
                // `is STRING there` sets the remote name; else a mapping list.
                if let (Some(T::Str(s)), Some(T::Kw("there"))) = (self.peek(), self.peek2()) {
                    let s = s.clone();
                    let t = self.next().ok_or_else(|| self.err())?;
                    u.remote = Some(At::new(s, t.span.clone()));
                    u.def = Some(UserDef::Name);
                    self.next();
                } else {
                    if !matches!(self.peek(), Some(T::Str(_))) {
                        return Err(self.err());
                    }
                    u.localnames.extend(self.mappings()?);
                    if self.is_kw("here") {
                        self.next();
                    }
                }
            }
            T::Kw(k) if USER_STR.contains(k) => {
                let t = self.string()?;
                let T::Str(v) = &t.t else {
                    return Err(self.err());
                };
                let at = At::new(v.clone(), t.span.clone());
                match *k {
                    "password" => u.password = Some(at),
                    "sslproto" => u.sslproto = Some(at),
                    "sslfingerprint" => u.fingerprint = true,
                    _ => {}
                }
            }
            T::Kw("folder" | "smtp" | "fetchdomains") => {
                self.string()?;
                while matches!(self.peek(), Some(T::Str(_))) {
                    self.next();
                }
            }
            T::Kw("antispam") => {
                self.number()?;
                while matches!(self.peek(), Some(T::Num(_))) {
                    self.next();
                }
            }
            T::Kw("lmtp") => {}
            T::Kw("sslcertck") => {
                u.sslcertck = Some(At::new(true, first.span.clone()));
                u.sslcertck_spans.push(first.span.clone());
            }
            T::Kw(k) if USER_FLAG.contains(k) => {
                let at = At::new(true, first.span.clone());
                match *k {
                    "keep" => u.keep = Some(at),
                    "ssl" => {
                        u.ssl = Some(at);
                        u.ssl_spans.push(first.span.clone());
                    }
                    _ => {}
                }
            }
            T::Kw(k) if USER_NUM.contains(k) => {
                self.number()?;
            }
            T::No => {
                let Some(t) = self.next() else {
                    return Err(self.err());
                };
                let span = first.span.start..t.span.end;
                match &t.t {
                    T::Kw("keep") => u.keep = Some(At::new(false, span)),
                    T::Kw("ssl") => {
                        u.ssl = Some(At::new(false, span.clone()));
                        u.ssl_spans.push(span);
                    }
                    T::Kw("sslcertck") => {
                        u.sslcertck = Some(At::new(false, span.clone()));
                        u.sslcertck_spans.push(span);
                    }
                    T::Kw(k) if USER_FLAG.contains(k) => {}
                    _ => {
                        return Err(SyntaxError { at: t.span.start });
                    }
                }
            }
            _ => {
                return Err(SyntaxError {
                    at: first.span.start,
                });
            }
        }
        u.end = self.toks[self.pos - 1].span.end;
        Ok(())
    }

    /// `userdef`: `user STRING [there]` or `user mapping_list here`.
    fn userdef(&mut self, u: &mut User) -> Result<(), SyntaxError> {
        let user_tok = self.next().ok_or_else(|| self.err())?;
        u.start = user_tok.span.start;
        let first = self.pos;
        if !matches!(self.peek(), Some(T::Str(_))) {
            return Err(self.err());
        }
        let names = self.mappings()?;
        let single = self.pos == first + 1;
        if self.is_kw("here") {
            let here = self.next().ok_or_else(|| self.err())?;
            u.localnames.extend(names);
            u.def = Some(UserDef::Here(user_tok.span.start..here.span.end));
        } else if single {
            let t = &self.toks[first];
            if let T::Str(s) = &t.t {
                u.remote = Some(At::new(s.clone(), t.span.clone()));
                u.def = Some(UserDef::Name);
            }
            if self.is_kw("there") {
                self.next();
            }
        } else {
            return Err(self.err());
        }
        u.end = self.toks[self.pos - 1].span.end;
        Ok(())
    }

    /// One `poll|skip NAME …` / `defaults …` statement.
    fn entry(&mut self, e: &mut Entry) -> Result<(), SyntaxError> {
        let kw = self.next().ok_or_else(|| self.err())?;
        match &kw.t {
            T::Kw("defaults") => {
                e.pollname = b"defaults".to_vec();
                e.name_span = kw.span.clone();
            }
            T::Kw(k) => {
                e.skip = *k == "skip";
                let t = self.string()?;
                if let T::Str(s) = &t.t {
                    e.pollname = s.clone();
                }
                e.name_span = t.span.clone();
            }
            _ => return Err(self.err()),
        }
        e.server_end = e.name_span.end;
        while self.starts_serv_option() {
            self.serv_option(e)?;
        }
        if self.is_kw("user") {
            while self.is_kw("user") {
                let mut u = User::default();
                self.userdef(&mut u)?;
                while self.starts_user_option() {
                    self.user_option(&mut u)?;
                }
                e.users.push(u);
            }
        } else if self.starts_user_option() {
            let mut u = User {
                start: self.toks[self.pos].span.start,
                ..User::default()
            };
            while self.starts_user_option() {
                self.user_option(&mut u)?;
            }
            e.users.push(u);
        }
        if self.starts_serv_option() {
            // "server option after user options".
            return Err(self.err());
        }
        Ok(())
    }
}

/// `atoi` into `int`, as `snprintf("%d")` prints it.
fn c_int(n: i64) -> i64 {
    i64::from(n as i32)
}

/// The statements of a file; syntax errors are noted and skipped to the next
/// statement.
fn statements(src: &Source, parsed: &mut Parsed) -> Vec<Entry> {
    let toks = lex(src.bytes());
    let mut p = Parser {
        toks: &toks,
        pos: 0,
    };
    let mut entries = Vec::new();
    while let Some(t) = p.peek() {
        let result = match t {
            T::Kw("set") => p.set(),
            T::Kw("poll" | "skip" | "defaults") => {
                let mut e = Entry::default();
                let r = p.entry(&mut e);
                if r.is_err() {
                    e.broken = true;
                }
                entries.push(e);
                r
            }
            _ => Err(p.err()),
        };
        if let Err(e) = result {
            let line = if e.at == usize::MAX {
                src.line_count().max(1)
            } else {
                src.line_of(e.at)
            };
            parsed.note(src, line, NoteKind::ClientRefuses);
            // Resynchronize at the next statement.
            p.pos = p.pos.max(1);
            while let Some(t) = p.peek() {
                if matches!(t, T::Kw("set" | "poll" | "skip" | "defaults")) {
                    break;
                }
                p.next();
            }
        }
    }
    entries
}

/// One record of fetchmail's list: an entry and one of its users (or none).
#[derive(Debug, Clone)]
struct Record {
    entry: usize,
    user: Option<usize>,
    e: Entry,
    u: User,
}

/// Records after merging the `defaults` record, as fetchmail's `load_params`.
fn records(src: &Source, entries: &[Entry], parsed: &mut Parsed) -> Vec<Record> {
    let mut recs: Vec<Record> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        // Each record carries its entry's server part, not every user again (an
        // entry may list thousands of users).
        let server = e.clone_server();
        if e.users.is_empty() {
            recs.push(Record {
                entry: i,
                user: None,
                e: server.clone(),
                u: User::default(),
            });
        }
        for (j, u) in e.users.iter().enumerate() {
            recs.push(Record {
                entry: i,
                user: Some(j),
                e: server.clone(),
                u: u.clone(),
            });
        }
    }
    let mut defaults: Option<Record> = None;
    if recs.first().is_some_and(|r| r.e.pollname == b"defaults") {
        defaults = Some(recs.remove(0));
    }
    for (k, r) in recs.iter().enumerate() {
        if k > 0 && r.e.pollname == b"defaults" {
            parsed.note(
                src,
                src.line_of(r.e.name_span.start),
                NoteKind::ClientRefuses,
            );
        }
    }
    if let Some(d) = defaults {
        fn inherit<V: Clone>(own: &mut Option<At<V>>, dflt: &Option<At<V>>) {
            if own.is_none()
                && let Some(d) = dflt
            {
                *own = Some(At {
                    from_defaults: true,
                    ..d.clone()
                });
            }
        }
        for r in &mut recs {
            inherit(&mut r.e.via, &d.e.via);
            inherit(&mut r.e.proto, &d.e.proto);
            inherit(&mut r.e.service, &d.e.service);
            inherit(&mut r.e.auth, &d.e.auth);
            inherit(&mut r.u.remote, &d.u.remote);
            inherit(&mut r.u.password, &d.u.password);
            inherit(&mut r.u.keep, &d.u.keep);
            inherit(&mut r.u.ssl, &d.u.ssl);
            inherit(&mut r.u.sslproto, &d.u.sslproto);
            inherit(&mut r.u.sslcertck, &d.u.sslcertck);
            if r.u.localnames.is_empty() {
                r.u.localnames = d.u.localnames.clone();
            }
            r.u.fingerprint |= d.u.fingerprint;
        }
    }
    recs
}

/// What `fetchmail --configdump` prints for a record's fields mailconf reads
/// (for the agreement tests: values as lossy UTF-8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dumped {
    /// `pollname`.
    pub pollname: String,
    /// `active` (not `skip`).
    pub active: bool,
    /// `via`.
    pub via: Option<String>,
    /// `protocol` (`POP3`, `IMAP`, `auto`…).
    pub protocol: String,
    /// `service`.
    pub service: Option<String>,
    /// `auth` (`any`, `password`…).
    pub auth: String,
    /// `remote`, when set in the file.
    pub remote: Option<String>,
    /// `password` (its `Debug` is redacted: a test compares it without showing it).
    pub password: Option<Secret>,
    /// `localnames`, when set in the file (`remote=local` for a mapping).
    pub localnames: Vec<String>,
    /// `keep`.
    pub keep: bool,
    /// `ssl`.
    pub ssl: bool,
    /// `sslproto`.
    pub sslproto: Option<String>,
    /// `sslcertck`.
    pub sslcertck: bool,
}

/// Every record as fetchmail's `--configdump` shows it, in its order (for tests).
pub fn dump(text: &[u8]) -> Vec<Dumped> {
    let Ok(src) = Source::new(
        std::path::Path::new("fetchmailrc"),
        text.to_vec(),
        usize::MAX,
        usize::MAX,
    ) else {
        return Vec::new();
    };
    let mut parsed = Parsed::default();
    let entries = statements(&src, &mut parsed);
    records(&src, &entries, &mut parsed)
        .into_iter()
        .map(|r| Dumped {
            pollname: lossy(&r.e.pollname),
            active: !r.e.skip,
            via: r.e.via.as_ref().map(|v| lossy(&v.v)),
            protocol: r
                .e
                .proto
                .as_ref()
                .map_or(Proto::Auto, |p| p.v)
                .dump_name()
                .to_owned(),
            service: r.e.service.as_ref().map(|s| lossy(&s.v)),
            auth: r.e.auth.as_ref().map_or("any", |a| a.v).to_owned(),
            remote: r.u.remote.as_ref().map(|v| lossy(&v.v)),
            password: r
                .u
                .password
                .as_ref()
                .map(|p| Secret::from(lossy(&p.v).as_str())),
            localnames: r
                .u
                .localnames
                .iter()
                .map(|(n, to)| match to {
                    Some(to) => format!("{}={}", lossy(n), lossy(to)),
                    None => lossy(n),
                })
                .collect(),
            keep: r.u.keep.as_ref().is_some_and(|k| k.v),
            ssl: r.u.ssl.as_ref().is_some_and(|k| k.v),
            sslproto: r.u.sslproto.as_ref().map(|v| lossy(&v.v)),
            sslcertck: r.u.sslcertck.as_ref().is_none_or(|k| k.v),
        })
        .collect()
}

fn origin<V>(src: &Source, at: &At<V>) -> Origin {
    let line = src.line_of(at.span.start);
    if at.from_defaults {
        Origin::Defaults(line)
    } else {
        Origin::Line(line)
    }
}

/// Port of a service name or number.
fn service_port(s: &[u8]) -> Option<u16> {
    let s = std::str::from_utf8(s).ok()?;
    if let Ok(n) = s.parse::<u16>() {
        return (n != 0).then_some(n);
    }
    match s {
        "pop3" | "pop-3" => Some(110),
        "pop3s" => Some(995),
        "imap" | "imap2" => Some(143),
        "imaps" => Some(993),
        "kpop" => Some(1109),
        _ => None,
    }
}

/// Effective security of a record.
fn security(src: &Source, r: &Record) -> (Setting<Security>, bool, bool) {
    let certck = r.u.sslcertck.as_ref().is_none_or(|c| c.v);
    if let Some(ssl) = r.u.ssl.as_ref().filter(|s| s.v) {
        return (
            Setting {
                value: Security::Tls,
                origin: origin(src, ssl),
            },
            false,
            certck,
        );
    }
    match &r.u.sslproto {
        Some(p) if p.v.is_empty() => (
            Setting {
                value: Security::Plain,
                origin: origin(src, p),
            },
            false,
            certck,
        ),
        Some(p) => (
            Setting {
                value: Security::Starttls,
                origin: origin(src, p),
            },
            false,
            certck,
        ),
        None => (
            Setting::implied(Security::Starttls),
            // Only certificate checking makes the default STARTTLS mandatory.
            !certck,
            certck,
        ),
    }
}

/// Reads a fetchmailrc.
pub(crate) fn parse(src: &Source) -> Parsed {
    let mut parsed = Parsed::default();
    let entries = statements(src, &mut parsed);
    let recs = records(src, &entries, &mut parsed);
    for r in recs {
        let proto = r.e.proto.as_ref().map_or(Proto::Auto, |p| p.v);
        let (sec, optional, certck) = security(src, &r);
        let explicit_port = r.e.service.as_ref().and_then(|s| service_port(&s.v));
        let protocol = match proto {
            Proto::Pop3 | Proto::Apop | Proto::Rpop | Proto::Kpop | Proto::Sdps => Protocol::Pop3,
            Proto::Imap => Protocol::Imap,
            Proto::Auto => match explicit_port {
                Some(110 | 995) => Protocol::Pop3,
                _ => Protocol::Imap,
            },
            // POP2, ETRN and ODMR are not mailbox protocols mailconf can test.
            Proto::Pop2 | Proto::Etrn | Proto::Odmr => continue,
        };
        let port = match (&r.e.service, explicit_port) {
            (Some(s), Some(p)) => Setting {
                value: p,
                origin: origin(src, s),
            },
            _ => Setting::implied(default_port(protocol, sec.value)),
        };
        let host = match &r.e.via {
            Some(v) => Setting {
                value: lossy(&v.v),
                origin: origin(src, v),
            },
            None => Setting {
                value: lossy(&r.e.pollname),
                origin: Origin::Line(src.line_of(r.e.name_span.start)),
            },
        };
        let auth = match &r.e.auth {
            Some(a) => Setting {
                value: match a.v {
                    "any" => AuthMethod::Automatic,
                    "password" => AuthMethod::Password,
                    "cram-md5" => AuthMethod::EncryptedPassword,
                    "gssapi" | "kerberos_v4" | "kerberos_v5" => AuthMethod::Gssapi,
                    "ntlm" => AuthMethod::Ntlm,
                    "external" => AuthMethod::External,
                    other => AuthMethod::Other(other.to_owned()),
                },
                origin: origin(src, a),
            },
            None if proto == Proto::Apop => Setting::implied(AuthMethod::EncryptedPassword),
            None => Setting::implied(AuthMethod::Automatic),
        };
        let password = match &r.u.password {
            Some(p) => Password::InFile {
                secret: Secret::from(lossy(&p.v).as_str()),
                line: src.line_of(p.span.start),
            },
            None => Password::NotInFile,
        };
        let username = r.u.remote.as_ref().map(|u| Setting {
            value: lossy(&u.v),
            origin: origin(src, u),
        });
        let name = match &username {
            Some(u) => format!("{} ({})", lossy(&r.e.pollname), u.value),
            None => lossy(&r.e.pollname),
        };
        parsed.accounts.push(Account {
            name,
            line: src.line_of(r.e.name_span.start),
            protocol,
            host,
            port,
            security: sec,
            starttls_optional: optional,
            certificate_checked: certck,
            auth,
            username,
            password,
            address: None,
            leave_on_server: Some(r.u.keep.as_ref().is_some_and(|k| k.v)),
            active: !r.e.skip && !r.e.broken,
            smtp: None,
            place: Place::Fetchmail(Locator {
                entry: r.entry,
                user: r.user,
            }),
        });
    }
    parsed
}

/// `value` as a fetchmail string: always double-quoted, `"` and `\` escaped the
/// way fetchmail's lexer reads them back (a double quote cannot appear inside a
/// quoted string at all, so it is the hex escape `\x22`). The exporter writes
/// values with this too.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\x22"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The fix for one account of a fetchmailrc.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let Place::Fetchmail(loc) = &account.place else {
        return Err(FixError::Unsupported("not a fetchmail account".into()));
    };
    let mut scratch = Parsed::default();
    let entries = statements(src, &mut scratch);
    let recs = records(src, &entries, &mut scratch);
    let r = recs
        .iter()
        .find(|r| r.entry == loc.entry && r.user == loc.user)
        .ok_or_else(|| FixError::Unsupported("the entry is no longer in the file".into()))?;
    if r.e.broken {
        return Err(FixError::Unsupported(format!(
            "line {}: fetchmail cannot read this entry; correct it by hand first",
            account.line
        )));
    }
    let mut plan = Plan::new();
    // New server options go after the entry's last server option; new user
    // options after the user's last token (a user option after the server part
    // when there is no user description at all).
    let mut server_inserts: Vec<String> = Vec::new();
    let mut user_inserts: Vec<String> = Vec::new();
    let line_at = |at: usize| src.line_of(at);

    // Host: `via` when the entry has one or the name differs; the poll name is a
    // label fetchmail keys its UID list with, so it is left alone.
    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        match &r.e.via {
            Some(v) if !v.from_defaults => {
                plan.edits
                    .push(Edit::replace(v.span.clone(), quote(&want.host)));
                plan.change(
                    Field::Host,
                    line_at(v.span.start),
                    account.host.value.clone(),
                    format!("via {}", quote(&want.host)),
                );
            }
            _ => {
                let t = format!("via {}", quote(&want.host));
                plan.change(
                    Field::Host,
                    line_at(r.e.server_end.saturating_sub(1)),
                    account.host.value.clone(),
                    t.clone(),
                );
                server_inserts.push(t);
            }
        }
    }

    // Security first: the implied port depends on it.
    let want_ssl = want.security == Security::Tls;
    let has_ssl = r.u.ssl.as_ref().is_some_and(|s| s.v);
    let before_sec = security_label(account.security.value, account.starttls_optional);
    if want_ssl != has_ssl {
        let own: Vec<&Range<usize>> = if r.u.ssl.as_ref().is_some_and(|s| !s.from_defaults) {
            r.u.ssl_spans.iter().collect()
        } else {
            Vec::new()
        };
        let text = if want_ssl { "ssl" } else { "no ssl" };
        if let Some((last, rest)) = own.split_last() {
            for s in rest {
                plan.edits.push(Edit::replace((*s).clone(), text));
            }
            plan.edits.push(Edit::replace((*last).clone(), text));
            plan.change(
                Field::Security,
                line_at(last.start),
                before_sec.clone(),
                text.into(),
            );
        } else {
            plan.change(
                Field::Security,
                line_at(r.u.end.max(r.e.server_end).saturating_sub(1)),
                before_sec.clone(),
                text.into(),
            );
            user_inserts.push(text.into());
        }
    }
    // STARTTLS must be mandatory (`sslproto` non-empty) or off (`sslproto ''`).
    let proto_empty = r.u.sslproto.as_ref().map(|p| p.v.is_empty());
    let sslproto_fix: Option<&str> = match want.security {
        // `sslproto ''` switches STARTTLS off, and with `ssl` fetchmail logs an
        // error and falls back to `auto`: both are wrong for a secure connection.
        Security::Tls if proto_empty == Some(true) => Some("TLS1.2+"),
        Security::Starttls if proto_empty == Some(true) || account.starttls_optional => {
            Some("TLS1.2+")
        }
        Security::Plain if proto_empty != Some(true) => Some(""),
        _ => None,
    };
    if let Some(v) = sslproto_fix {
        let text = format!("sslproto {}", quote(v));
        match &r.u.sslproto {
            Some(p) if !p.from_defaults => {
                plan.edits.push(Edit::replace(p.span.clone(), quote(v)));
                plan.change(
                    Field::Security,
                    line_at(p.span.start),
                    before_sec.clone(),
                    text,
                );
            }
            _ => {
                plan.change(
                    Field::Security,
                    line_at(r.u.end.max(r.e.server_end).saturating_sub(1)),
                    before_sec.clone(),
                    text.clone(),
                );
                user_inserts.push(text);
            }
        }
    }
    // A TLS connection whose certificate is not checked is not secure: checking
    // goes back on (only `no sslcertck` written in this user's own options is
    // turned around; one from `defaults` is overridden).
    if want.security != Security::Plain && r.u.sslcertck.as_ref().is_some_and(|c| !c.v) {
        let c = r.u.sslcertck.as_ref();
        match c {
            Some(c) if !c.from_defaults => {
                for s in &r.u.sslcertck_spans {
                    plan.edits.push(Edit::replace(s.clone(), "sslcertck"));
                }
                plan.change(
                    Field::Security,
                    line_at(c.span.start),
                    "no sslcertck".into(),
                    "sslcertck".into(),
                );
            }
            _ => {
                plan.change(
                    Field::Security,
                    line_at(r.u.end.max(r.e.server_end).saturating_sub(1)),
                    "no sslcertck".into(),
                    "sslcertck".into(),
                );
                user_inserts.push("sslcertck".into());
            }
        }
    }

    let need_port = match account.port.origin {
        Origin::Implied => default_port(account.protocol, want.security) != want.port,
        _ => account.port.value != want.port,
    };
    if need_port {
        let text = format!("service {}", want.port);
        match &r.e.service {
            Some(s) if !s.from_defaults => {
                plan.edits
                    .push(Edit::replace(s.span.clone(), want.port.to_string()));
                plan.change(
                    Field::Port,
                    line_at(s.span.start),
                    account.port.value.to_string(),
                    want.port.to_string(),
                );
            }
            _ => {
                plan.change(
                    Field::Port,
                    line_at(r.e.server_end.saturating_sub(1)),
                    account.port.value.to_string(),
                    text.clone(),
                );
                server_inserts.push(text);
            }
        }
    }

    if !account.auth.value.satisfies(&want.auth) {
        let v = match want.auth {
            AuthMethod::EncryptedPassword => "cram-md5",
            AuthMethod::Gssapi => "gssapi",
            AuthMethod::Ntlm => "ntlm",
            AuthMethod::External => "external",
            AuthMethod::Automatic => "any",
            _ => "password",
        };
        match &r.e.auth {
            Some(a) if !a.from_defaults => {
                plan.edits.push(Edit::replace(a.span.clone(), v));
                plan.change(
                    Field::Auth,
                    line_at(a.span.start),
                    account.auth.value.label().to_owned(),
                    format!("auth {v}"),
                );
            }
            _ => {
                plan.change(
                    Field::Auth,
                    line_at(r.e.server_end.saturating_sub(1)),
                    account.auth.value.label().to_owned(),
                    format!("auth {v}"),
                );
                server_inserts.push(format!("auth {v}"));
            }
        }
    }

    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    if user_now != Some(want.username.as_str()) {
        let q = quote(&want.username);
        let before = user_now.unwrap_or("").to_owned();
        let own_remote = r.u.remote.as_ref().filter(|u| !u.from_defaults);
        match (&r.u.def, own_remote) {
            (_, Some(u)) => {
                plan.edits.push(Edit::replace(u.span.clone(), q.clone()));
                plan.change(Field::Username, line_at(u.span.start), before, q);
            }
            (Some(UserDef::Here(span)), None) => {
                // `user LOCAL here` → `user "REMOTE" there is LOCAL here`.
                let original = &src.bytes()[span.clone()];
                let mapping = original
                    .get(original.iter().position(is_sep_byte).unwrap_or(0)..)
                    .unwrap_or_default();
                let mut text = format!("user {q} there is").into_bytes();
                text.extend_from_slice(mapping);
                plan.edits.push(Edit::replace(span.clone(), text));
                plan.change(Field::Username, line_at(span.start), before, q);
            }
            _ if r.user.is_some() => {
                // User options without a user description: one goes before them.
                let at = r.u.start;
                plan.edits
                    .push(Edit::insert(at, format!("user {q} ").into_bytes()));
                plan.change(Field::Username, line_at(at), before, format!("user {q}"));
            }
            _ => {
                plan.change(
                    Field::Username,
                    line_at(r.e.server_end.saturating_sub(1)),
                    before,
                    format!("user {q}"),
                );
                // No user at all: the description goes after the server options,
                // before any user option inserted above.
                user_inserts.insert(0, format!("user {q}"));
            }
        }
    }

    if !server_inserts.is_empty() {
        let text = format!(" {}", server_inserts.join(" "));
        plan.edits
            .push(Edit::insert(r.e.server_end, text.into_bytes()));
    }
    if !user_inserts.is_empty() {
        let at = if r.user.is_some() {
            r.u.end.max(r.e.server_end)
        } else {
            r.e.server_end
        };
        let text = format!(" {}", user_inserts.join(" "));
        plan.edits.push(Edit::insert(at, text.into_bytes()));
    }
    Ok(plan)
}

fn is_sep_byte(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> super::super::Loaded {
        super::super::parse(Path::new(".fetchmailrc"), text.as_bytes().to_vec(), None).unwrap()
    }

    #[test]
    fn lexer_follows_fetchmail() {
        let kinds = |s: &str| -> Vec<T> { lex(s.as_bytes()).into_iter().map(|t| t.t).collect() };
        assert_eq!(
            kinds("poll pollx user poll nokeep Pop3 pop3"),
            [
                T::Kw("poll"),
                T::Str(b"pollx".to_vec()),
                T::Kw("user"),
                T::Str(b"poll".to_vec()),
                T::No,
                T::Kw("keep"),
                T::Str(b"Pop3".to_vec()),
                T::Proto(Proto::Pop3)
            ]
        );
        assert_eq!(
            kinds("auth password password x 995 995x 'a b' \"a\\x22b\" # c\nssl"),
            [
                T::Kw("auth"),
                T::AuthType("password"),
                T::Kw("password"),
                T::Str(b"x".to_vec()),
                T::Num(995),
                T::Str(b"995x".to_vec()),
                T::Str(b"a b".to_vec()),
                T::Str(b"a\"b".to_vec()),
                T::Kw("ssl")
            ]
        );
        assert_eq!(
            escapes(br"a\tb\101\0101\x41\q\\"),
            b"a\tbe\x081Aq\\".to_vec()
        );
    }

    const RC: &str = r#"# fetchmail, since 2011
set daemon 600
set logfile ~/.fetchmail.log

defaults
  proto pop3
  keep

poll pop.163.com with proto POP3
   user "zhang@163.com" there with password "hunter2" is zhang here
   fetchall

# QQ over IMAP
poll imap.qq.com proto imap port 993:
   user '12345@qq.com' password 'qq-code' ssl, sslproto tls1.2+
   user bob is root here no keep

skip pop3.sina.com.cn user sinauser
"#;

    #[test]
    fn reads_records_with_defaults() {
        let l = load(RC);
        assert!(l.notes.is_empty(), "{:?}", l.notes);
        assert_eq!(l.accounts.len(), 4);
        let a = &l.accounts[0];
        assert_eq!(a.protocol, Protocol::Pop3);
        assert_eq!(a.host.value, "pop.163.com");
        assert_eq!(a.port, Setting::implied(110));
        assert_eq!(a.security.value, Security::Starttls);
        assert!(!a.starttls_optional);
        assert_eq!(a.username.as_ref().unwrap().value, "zhang@163.com");
        assert_eq!(a.password.secret().unwrap().expose(), "hunter2");
        assert_eq!(a.leave_on_server, Some(true));
        let q = &l.accounts[1];
        assert_eq!(q.protocol, Protocol::Imap);
        assert_eq!(q.port, Setting::at(993, 14));
        assert_eq!(q.security.value, Security::Tls);
        let b = &l.accounts[2];
        assert_eq!(b.username.as_ref().unwrap().value, "bob");
        assert_eq!(b.leave_on_server, Some(false));
        let s = &l.accounts[3];
        assert!(!s.active);
        assert_eq!(s.protocol, Protocol::Pop3, "proto from defaults");
        assert!(!format!("{l:?}").contains("hunter2"));
    }

    #[test]
    fn syntax_errors_are_noted_and_others_still_read() {
        let l = load("poll a.example proto pop3 ssl user x\npoll b.example proto imap user y\n");
        assert_eq!(l.notes.len(), 1);
        assert_eq!(l.notes[0].kind, NoteKind::ClientRefuses);
        assert_eq!(l.notes[0].line, 1);
        assert!(l.accounts.iter().any(|a| a.host.value == "b.example"));
    }

    #[test]
    fn fixes_the_163_entry() {
        let l = load(RC);
        let want = Corrected {
            host: "pop.163.com".into(),
            port: 995,
            security: Security::Tls,
            auth: AuthMethod::Password,
            username: "zhang@163.com".into(),
        };
        let f = l.fix(0, &want).unwrap();
        let text = String::from_utf8(f.bytes).unwrap();
        assert_eq!(
            text,
            RC.replace("   fetchall\n", "   fetchall ssl\n"),
            "995 is fetchmail's port for POP3 with ssl: only `ssl` is added"
        );
        assert_eq!(f.changes.len(), 1, "{:?}", f.changes);
        // The fixed file reads back with the corrected settings.
        let again = load(&text);
        let a = &again.accounts[0];
        assert_eq!((a.port.value, a.security.value), (995, Security::Tls));
        // A user without description gets one; a host change adds `via`.
        let l = load("poll old.example proto pop3 keep\n");
        let f = l
            .fix(
                0,
                &Corrected {
                    host: "new.example".into(),
                    port: 995,
                    security: Security::Tls,
                    auth: AuthMethod::Password,
                    username: "me".into(),
                },
            )
            .unwrap();
        let text = String::from_utf8(f.bytes).unwrap();
        assert_eq!(
            text,
            "poll old.example proto pop3 via \"new.example\" user \"me\" keep ssl\n"
        );
    }
}
