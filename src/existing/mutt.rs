//! `muttrc` / `neomuttrc`: the mailbox and SMTP URLs and the settings around them.
//!
//! Read with mutt's tokenizer rules: commands end at a newline or an unquoted `;`,
//! an unquoted `#` starts a comment (also inside a word), a backslash at the end
//! of a line continues it, `'…'` is literal, `"…"` and bare words take backslash
//! escapes, and `` `…` `` is a command substitution, which mailconf never runs (the
//! value is then unknown, and the line is noted). `set` takes `name`, `noname`,
//! `invname`, `name=value` and `name = value`, several per command. `source` is
//! not followed and hooks are not read; both are noted, and so is a `mailboxes`
//! entry on a server no account of the file names (another account, set up in
//! hooks: people keep several accounts in one muttrc that way).
//!
//! Accounts: the IMAP or POP3 server of `folder` / `spoolfile` (URLs
//! `imap[s]://user[:pass]@host[:port]/…`, `pop[s]://…`), `pop_host`, and the SMTP
//! server of `smtp_url`. The username comes from the URL or `imap_user` /
//! `pop_user` / `smtp_user`, the password from the URL or `imap_pass` / `pop_pass`
//! / `smtp_pass`. Without `s` in the scheme the connection is upgraded with
//! STARTTLS when `ssl_starttls` is on (the default); it is mandatory only with
//! `ssl_force_tls`, which is off by default in mutt and on in NeoMutt (so a file
//! named `neomuttrc` gets NeoMutt's default).

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::text::Source;
use super::{
    Account, AuthMethod, NoteKind, Origin, Parsed, Password, Place, Setting, default_port,
    edit::Edit, lossy,
};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, utf8_percent_encode};
use std::ops::Range;

/// Everything but RFC 3986 "unreserved" characters is encoded in a URL's user
/// (the exporter encodes with this too).
pub const USERINFO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Where a mutt account is: the variable whose URL gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    var: String,
}

/// How a token was quoted (kept when it is rewritten).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Bare,
    Single,
    Double,
    Mixed,
}

/// A word of a command.
#[derive(Debug, Clone)]
struct Word {
    value: Vec<u8>,
    span: Range<usize>,
    quote: Quote,
    /// Held a backtick command (its value is unknown).
    command: bool,
    /// An unquoted `=` on its own (in `set`).
    is_eq: bool,
}

/// One command: its words (the first is the command name).
#[derive(Debug, Clone)]
struct Command {
    line: usize,
    words: Vec<Word>,
}

/// Splits the file into commands.
fn commands(src: &Source) -> Vec<Command> {
    let b = src.bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut words: Vec<Word> = Vec::new();
    let mut line_start_of_cmd = 0usize;
    let mut in_set = false;
    let flush = |words: &mut Vec<Word>, out: &mut Vec<Command>, at: usize| {
        if !words.is_empty() {
            out.push(Command {
                line: src.line_of(at),
                words: std::mem::take(words),
            });
        }
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if b.get(i + 1) == Some(&b'\n') => i += 2,
            b'\\' if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') => i += 3,
            b'\n' | b';' => {
                flush(&mut words, &mut out, line_start_of_cmd);
                in_set = false;
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'=' if in_set => {
                words.push(Word {
                    value: b"=".to_vec(),
                    span: i..i + 1,
                    quote: Quote::Bare,
                    command: false,
                    is_eq: true,
                });
                i += 1;
            }
            _ => {
                if words.is_empty() {
                    line_start_of_cmd = i;
                }
                // In `set`, a name stops at `=`; a value after `=` does not.
                let after_eq = words.last().is_some_and(|w| w.is_eq);
                let stop_eq = in_set && !after_eq;
                let (w, next) = word(b, i, stop_eq);
                if words.is_empty()
                    && matches!(w.value.as_slice(), b"set" | b"unset" | b"reset" | b"toggle")
                {
                    in_set = true;
                }
                words.push(w);
                i = next;
            }
        }
    }
    flush(&mut words, &mut out, line_start_of_cmd);
    out
}

/// Reads one word starting at `i`; returns it and where the next one may start.
fn word(b: &[u8], mut i: usize, stop_eq: bool) -> (Word, usize) {
    let start = i;
    let mut value = Vec::new();
    let mut kinds = (false, false, false); // bare, single, double
    let mut command = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b'#' => break,
            b'=' if stop_eq => break,
            b'\\' if b.get(i + 1) == Some(&b'\n') => break,
            b'\'' => {
                kinds.1 = true;
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    value.push(b[i]);
                    i += 1;
                }
                i += 1;
            }
            b'"' => {
                kinds.2 = true;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    match b[i] {
                        b'\\' if i + 1 < b.len() => {
                            value.push(unescape(b[i + 1]));
                            i += 2;
                        }
                        b'`' => {
                            command = true;
                            i += 1;
                            while i < b.len() && b[i] != b'`' {
                                i += 1;
                            }
                            i += 1;
                        }
                        other => {
                            value.push(other);
                            i += 1;
                        }
                    }
                }
                i += 1;
            }
            b'`' => {
                kinds.0 = true;
                command = true;
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
                i += 1;
            }
            b'\\' if i + 1 < b.len() => {
                kinds.0 = true;
                value.push(unescape(b[i + 1]));
                i += 2;
            }
            other => {
                kinds.0 = true;
                value.push(other);
                i += 1;
            }
        }
    }
    let end = i.min(b.len());
    let quote = match kinds {
        (_, true, true) | (true, true, _) | (true, _, true) => Quote::Mixed,
        (_, true, false) => Quote::Single,
        (_, false, true) => Quote::Double,
        _ => Quote::Bare,
    };
    (
        Word {
            value,
            span: start..end,
            quote,
            command,
            is_eq: false,
        },
        end.max(start + 1),
    )
}

/// mutt's backslash escapes.
fn unescape(c: u8) -> u8 {
    match c {
        b'n' => b'\n',
        b't' => b'\t',
        b'r' => b'\r',
        b'f' => 0x0c,
        b'e' | b'E' => 0x1b,
        other => other,
    }
}

/// The commands mailconf knows and ignores (everything else is "not understood").
const IGNORED: &[&str] = &[
    "alias",
    "unalias",
    "alternates",
    "unalternates",
    "alternative_order",
    "unalternative_order",
    "attachments",
    "unattachments",
    "auto_view",
    "unauto_view",
    "bind",
    "unbind",
    "cd",
    "charset-hook",
    "color",
    "uncolor",
    "mono",
    "unmono",
    "crypt-hook",
    "echo",
    "exec",
    "fcc-hook",
    "fcc-save-hook",
    "finish",
    "group",
    "ungroup",
    "hdr_order",
    "unhdr_order",
    "iconv-hook",
    "ifdef",
    "ifndef",
    "ignore",
    "unignore",
    "index-format-hook",
    "lists",
    "unlists",
    "macro",
    "unmacro",
    "mailboxes",
    "named-mailboxes",
    "unmailboxes",
    "virtual-mailboxes",
    "mailto_allow",
    "unmailto_allow",
    "mbox-hook",
    "message-hook",
    "mime_lookup",
    "unmime_lookup",
    "my_hdr",
    "unmy_hdr",
    "push",
    "reply-hook",
    "save-hook",
    "score",
    "unscore",
    "send-hook",
    "send2-hook",
    "setenv",
    "unsetenv",
    "shutdown-hook",
    "sidebar_pin",
    "sidebar_unpin",
    "sidebar_whitelist",
    "unsidebar_whitelist",
    "spam",
    "nospam",
    "startup-hook",
    "subjectrx",
    "unsubjectrx",
    "subscribe",
    "unsubscribe",
    "subscribe-to",
    "unsubscribe-from",
    "tag-formats",
    "tag-transforms",
    "timeout-hook",
    "unhook",
    "version",
];

/// A variable's last assignment.
#[derive(Debug, Clone)]
struct Var {
    value: Vec<u8>,
    word: Option<Word>,
    line: usize,
    /// The command substitution made the value unknown.
    unknown: bool,
}

/// Every variable's last assignment, by canonical name.
type Vars = std::collections::HashMap<String, Var>;

/// Variable names by their canonical (NeoMutt) name.
fn canonical(name: &str) -> &str {
    match name {
        "spoolfile" => "spool_file",
        "realname" => "real_name",
        other => other,
    }
}

/// The settings after every `set`, in order.
fn variables(src: &Source, parsed: &mut Parsed) -> Vars {
    // A map: a file may set thousands of variables.
    let mut vars = Vars::new();
    let mut put = |name: &str, v: Var| {
        vars.insert(canonical(name).to_owned(), v);
    };
    for cmd in commands(src) {
        let Some(first) = cmd.words.first() else {
            continue;
        };
        if cmd.words.iter().any(|w| w.command) {
            parsed.note(src, cmd.line, NoteKind::CommandNotRun);
        }
        let name = lossy(&first.value);
        match name.as_str() {
            "set" | "unset" | "reset" | "toggle" => {
                let words = &cmd.words[1..];
                let mut k = 0;
                while k < words.len() {
                    let w = &words[k];
                    let mut var = lossy(&w.value);
                    let has_value = words.get(k + 1).is_some_and(|x| x.is_eq);
                    if has_value && name == "set" {
                        let value = words.get(k + 2).cloned();
                        put(
                            &var,
                            Var {
                                value: value.as_ref().map(|v| v.value.clone()).unwrap_or_default(),
                                unknown: value.as_ref().is_some_and(|v| v.command),
                                word: value,
                                line: src.line_of(w.span.start),
                            },
                        );
                        k += 3;
                        continue;
                    }
                    // Booleans and quad options without a value.
                    let mut on = name == "set";
                    if name == "set" {
                        if let Some(rest) = var.strip_prefix("no") {
                            on = false;
                            var = rest.to_owned();
                        } else if let Some(rest) = var.strip_prefix("inv") {
                            var = rest.to_owned();
                        }
                    }
                    if !var.starts_with('?') && !var.starts_with('&') {
                        put(
                            &var,
                            Var {
                                value: if on { b"yes".to_vec() } else { b"no".to_vec() },
                                word: None,
                                line: src.line_of(w.span.start),
                                unknown: name == "toggle" || name == "reset",
                            },
                        );
                    }
                    k += 1;
                }
            }
            "source" => parsed.note(src, cmd.line, NoteKind::SourceNotFollowed),
            "account-hook" | "folder-hook" => parsed.note(src, cmd.line, NoteKind::HookNotRead),
            n if IGNORED.contains(&n) => {}
            _ => parsed.note(src, cmd.line, NoteKind::NotUnderstood),
        }
    }
    vars
}

/// A mailbox or SMTP URL.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Url {
    scheme: String,
    user: Option<String>,
    /// Raw (still encoded) user text, kept when the user does not change.
    user_raw: Option<String>,
    pass: Option<String>,
    /// `:pass` as written, kept byte for byte.
    pass_raw: Option<String>,
    host: String,
    port: Option<u16>,
    path: String,
}

fn parse_url(s: &str) -> Option<Url> {
    let (scheme, rest) = s.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(
        scheme.as_str(),
        "imap" | "imaps" | "pop" | "pops" | "smtp" | "smtps"
    ) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(p) => (&rest[..p], &rest[p..]),
        None => (rest, ""),
    };
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(p) => (Some(&authority[..p]), &authority[p + 1..]),
        None => (None, authority),
    };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (format!("[{h}]"), after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (hostport.to_owned(), None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|p| *p != 0)?),
        None => None,
    };
    if host.is_empty() {
        return None;
    }
    let decode = |t: &str| {
        percent_decode(t.as_bytes())
            .decode_utf8_lossy()
            .into_owned()
    };
    let (user_raw, pass_raw) = match userinfo {
        Some(ui) => match ui.split_once(':') {
            Some((u, p)) => (Some(u.to_owned()), Some(p.to_owned())),
            None => (Some(ui.to_owned()), None),
        },
        None => (None, None),
    };
    Some(Url {
        scheme,
        user: user_raw.as_deref().map(decode),
        pass: pass_raw.as_deref().map(decode),
        user_raw,
        pass_raw,
        host,
        port,
        path: path.to_owned(),
    })
}

impl Url {
    fn protocol(&self) -> Protocol {
        match self.scheme.as_str() {
            "imap" | "imaps" => Protocol::Imap,
            "pop" | "pops" => Protocol::Pop3,
            _ => Protocol::Smtp,
        }
    }

    fn tls(&self) -> bool {
        self.scheme.ends_with('s')
    }

    fn render(&self) -> String {
        let mut s = format!("{}://", self.scheme);
        if let Some(u) = &self.user_raw {
            s.push_str(u);
            if let Some(p) = &self.pass_raw {
                s.push(':');
                s.push_str(p);
            }
            s.push('@');
        }
        s.push_str(&self.host);
        if let Some(p) = self.port {
            s.push_str(&format!(":{p}"));
        }
        s.push_str(&self.path);
        s
    }
}

/// Variables whose values are mailbox URLs (all rewritten when their server moves).
const MAILBOX_VARS: &[&str] = &[
    "folder",
    "spool_file",
    "record",
    "postponed",
    "trash",
    "mbox",
];

fn get<'a>(vars: &'a Vars, name: &str) -> Option<&'a Var> {
    vars.get(name)
}

fn yes(v: Option<&Var>, default: bool) -> bool {
    match v.map(|v| v.value.as_slice()) {
        Some(b"yes" | b"ask-yes") => true,
        Some(b"no" | b"ask-no") => false,
        _ => default,
    }
}

fn auth_from(v: Option<&Var>) -> Setting<AuthMethod> {
    let Some(v) = v.filter(|v| !v.value.is_empty()) else {
        return Setting::implied(AuthMethod::Automatic);
    };
    let list = lossy(&v.value).to_ascii_lowercase();
    let methods: Vec<&str> = list.split(':').collect();
    let value = if methods
        .iter()
        .any(|m| matches!(*m, "plain" | "login" | "user"))
    {
        AuthMethod::Password
    } else if methods
        .iter()
        .any(|m| m.contains("md5") || m.starts_with("scram"))
    {
        AuthMethod::EncryptedPassword
    } else if methods
        .iter()
        .any(|m| matches!(*m, "oauthbearer" | "xoauth2"))
    {
        AuthMethod::Oauth2
    } else if methods.contains(&"gssapi") {
        AuthMethod::Gssapi
    } else {
        AuthMethod::Other(list.clone())
    };
    Setting::at(value, v.line)
}

/// The account variables in the order accounts are listed.
const ACCOUNT_VARS: &[&str] = &["folder", "spool_file", "pop_host", "smtp_url"];

fn neomutt(src: &Source) -> bool {
    src.path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().contains("neomutt"))
}

/// Reads a muttrc.
pub(crate) fn parse(src: &Source) -> Parsed {
    let mut parsed = Parsed::default();
    let vars = variables(src, &mut parsed);
    let force_tls = yes(get(&vars, "ssl_force_tls"), neomutt(src));
    let starttls = yes(get(&vars, "ssl_starttls"), true);
    let mut seen: Vec<(Protocol, String, u16, Option<String>)> = Vec::new();
    for var in ACCOUNT_VARS {
        let Some(v) = get(&vars, var) else { continue };
        if v.unknown {
            continue;
        }
        let text = lossy(&v.value);
        let url = match parse_url(&text) {
            Some(u) => u,
            // `pop_host` may be a bare host name.
            None if *var == "pop_host" && !text.is_empty() && !text.contains('/') => {
                let Some(u) = parse_url(&format!("pop://{text}")) else {
                    continue;
                };
                u
            }
            None => continue,
        };
        let protocol = url.protocol();
        if (*var == "smtp_url") != (protocol == Protocol::Smtp) {
            continue;
        }
        let security = if url.tls() {
            Security::Tls
        } else if starttls {
            Security::Starttls
        } else {
            Security::Plain
        };
        let port = url.port.unwrap_or(default_port(protocol, security));
        let (user_var, pass_var, auth_var) = match protocol {
            Protocol::Imap => ("imap_user", "imap_pass", "imap_authenticators"),
            Protocol::Pop3 => ("pop_user", "pop_pass", "pop_authenticators"),
            Protocol::Smtp => ("smtp_user", "smtp_pass", "smtp_authenticators"),
        };
        let username = match &url.user {
            Some(u) => Some(Setting::at(u.clone(), v.line)),
            None => get(&vars, user_var)
                .filter(|u| !u.value.is_empty() && !u.unknown)
                .map(|u| Setting::at(lossy(&u.value), u.line)),
        };
        let key = (
            protocol,
            url.host.to_ascii_lowercase(),
            port,
            username.as_ref().map(|u| u.value.clone()),
        );
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let password = match &url.pass {
            Some(p) if !p.is_empty() => Password::InFile {
                secret: Secret::from(p.as_str()),
                line: v.line,
            },
            _ => match get(&vars, pass_var).filter(|p| !p.value.is_empty() && !p.unknown) {
                Some(p) => Password::InFile {
                    secret: Secret::from(lossy(&p.value).as_str()),
                    line: p.line,
                },
                None => Password::NotInFile,
            },
        };
        let sec_origin = match (url.tls(), get(&vars, "ssl_starttls")) {
            (false, Some(s)) if !starttls => Origin::Line(s.line),
            _ => Origin::Line(v.line),
        };
        parsed.accounts.push(Account {
            name: format!("{var} ({})", protocol.label()),
            line: v.line,
            protocol,
            host: Setting::at(url.host.clone(), v.line),
            port: match url.port {
                Some(p) => Setting::at(p, v.line),
                None => Setting::implied(port),
            },
            security: Setting {
                value: security,
                origin: sec_origin,
            },
            starttls_optional: security == Security::Starttls && !force_tls,
            certificate_checked: yes(get(&vars, "ssl_verify_host"), true)
                && yes(get(&vars, "ssl_verify_dates"), true),
            auth: auth_from(get(&vars, auth_var)),
            username,
            password,
            address: get(&vars, "from")
                .filter(|f| !f.unknown)
                .map(|f| lossy(&f.value))
                .filter(|f| !f.is_empty()),
            leave_on_server: (protocol == Protocol::Pop3)
                .then(|| get(&vars, "pop_delete").map(|d| d.value != b"yes"))
                .flatten(),
            active: true,
            smtp: None,
            place: Place::Mutt(Locator {
                var: (*var).to_owned(),
            }),
        });
    }
    // Mailboxes on a server no account of the file names: set up only by
    // hooks (which are not read), so not checked either; say so.
    for cmd in commands(src) {
        let listed = cmd
            .words
            .first()
            .is_some_and(|w| matches!(w.value.as_slice(), b"mailboxes" | b"named-mailboxes"));
        let elsewhere = listed
            && cmd.words[1..].iter().any(|w| {
                parse_url(&lossy(&w.value)).is_some_and(|u| {
                    u.protocol() != Protocol::Smtp
                        && !parsed.accounts.iter().any(|a| {
                            a.protocol == u.protocol() && a.host.value.eq_ignore_ascii_case(&u.host)
                        })
                })
            });
        if elsewhere {
            parsed.note(src, cmd.line, NoteKind::MailboxElsewhere);
        }
    }
    parsed.notes.sort_by_key(|n| n.line);
    parsed
}

/// A value as a mutt string token: in single quotes, where nothing is
/// interpreted, unless it holds a `'`; then in double quotes with `\`, `"`, `` ` ``
/// (command substitution) and `$` (variable expansion) escaped. The exporter
/// writes values with this too.
pub fn quote(value: &str) -> String {
    quote_like(value, Quote::Single)
}

/// `value` quoted for mutt in the style `like` had.
fn quote_like(value: &str, like: Quote) -> String {
    let bare_ok = !value.is_empty()
        && value.bytes().all(|c| {
            !matches!(
                c,
                b' ' | b'\t' | b'#' | b';' | b'\'' | b'"' | b'\\' | b'`' | b'$'
            )
        });
    match like {
        Quote::Bare if bare_ok => value.to_owned(),
        Quote::Double => double(value),
        _ if !value.contains('\'') => format!("'{value}'"),
        _ => double(value),
    }
}

fn double(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        if matches!(c, '\\' | '"' | '`' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The fix for one account of a muttrc.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let Place::Mutt(loc) = &account.place else {
        return Err(FixError::Unsupported("not a mutt account".into()));
    };
    let mut scratch = Parsed::default();
    let vars = variables(src, &mut scratch);
    let v = get(&vars, &loc.var)
        .ok_or_else(|| FixError::Unsupported(format!("{} is no longer set", loc.var)))?;
    let word = v
        .word
        .as_ref()
        .ok_or_else(|| FixError::Unsupported(format!("{} has no value to rewrite", loc.var)))?;
    let text = lossy(&v.value);
    let bare_pop = parse_url(&text).is_none();
    let old = if bare_pop {
        parse_url(&format!("pop://{text}"))
    } else {
        parse_url(&text)
    }
    .ok_or_else(|| FixError::Unsupported(format!("{} is not a URL mailconf reads", loc.var)))?;

    let mut plan = Plan::new();
    let mut new = old.clone();
    let mut changed = Vec::new();
    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        new.host = want.host.clone();
        changed.push((Field::Host, account.host.value.clone(), want.host.clone()));
    }
    let base = match account.protocol {
        Protocol::Imap => "imap",
        Protocol::Pop3 => "pop",
        Protocol::Smtp => "smtp",
    };
    let want_scheme = if want.security == Security::Tls {
        format!("{base}s")
    } else {
        base.to_owned()
    };
    if new.scheme != want_scheme {
        changed.push((
            Field::Security,
            security_label(account.security.value, account.starttls_optional),
            want.security.as_str().to_owned(),
        ));
        new.scheme = want_scheme;
    }
    let need_port = match new.port {
        None => default_port(account.protocol, want.security) != want.port,
        Some(_) => account.port.value != want.port,
    };
    if need_port {
        if account.port.value != want.port {
            changed.push((
                Field::Port,
                account.port.value.to_string(),
                want.port.to_string(),
            ));
        }
        new.port = Some(want.port);
    }
    let user_var = match account.protocol {
        Protocol::Imap => "imap_user",
        Protocol::Pop3 => "pop_user",
        Protocol::Smtp => "smtp_user",
    };
    let user_now = account.username.as_ref().map(|u| u.value.clone());
    let mut user_elsewhere: Option<&Var> = None;
    if user_now.as_deref() != Some(want.username.as_str()) {
        match (&old.user, get(&vars, user_var)) {
            (None, Some(u)) if u.word.is_some() => user_elsewhere = Some(u),
            _ => {
                new.user = Some(want.username.clone());
                new.user_raw = Some(utf8_percent_encode(&want.username, USERINFO).to_string());
            }
        }
        changed.push((
            Field::Username,
            user_now.unwrap_or_default(),
            want.username.clone(),
        ));
    }
    if new != old {
        let rendered = if bare_pop && new.scheme == "pop" && new.user_raw.is_none() {
            // A bare `pop_host` stays bare when it can.
            match new.port {
                Some(p) => format!("{}:{p}", new.host),
                None => new.host.clone(),
            }
        } else {
            new.render()
        };
        // Every mailbox variable on the same server moves with it.
        let mut targets: Vec<(&Word, usize)> = vec![(word, v.line)];
        if account.protocol != Protocol::Smtp {
            for name in MAILBOX_VARS {
                if *name == loc.var {
                    continue;
                }
                if let Some(other) = get(&vars, name)
                    && let Some(w) = &other.word
                    && let Some(u) = parse_url(&lossy(&other.value))
                    && u.scheme == old.scheme
                    && u.host.eq_ignore_ascii_case(&old.host)
                    && u.port == old.port
                    && w.span != word.span
                {
                    targets.push((w, other.line));
                }
            }
        }
        for (w, _) in &targets {
            let current = lossy(&w.value);
            let replacement = if w.span == word.span {
                rendered.clone()
            } else {
                let Some(mut u) = parse_url(&current) else {
                    continue;
                };
                u.scheme = new.scheme.clone();
                u.host = new.host.clone();
                u.port = new.port;
                if u.user_raw.is_some() || new.user_raw != old.user_raw {
                    u.user_raw = new.user_raw.clone();
                }
                u.render()
            };
            plan.edits.push(Edit::replace(
                w.span.clone(),
                quote_like(&replacement, w.quote),
            ));
        }
        for (field, before, after) in &changed {
            if *field == Field::Username && user_elsewhere.is_some() {
                continue;
            }
            plan.change(*field, v.line, before.clone(), after.clone());
        }
    }
    if let Some(u) = user_elsewhere
        && let Some(w) = &u.word
    {
        plan.edits.push(Edit::replace(
            w.span.clone(),
            quote_like(&want.username, w.quote),
        ));
        plan.change(
            Field::Username,
            u.line,
            lossy(&u.value),
            want.username.clone(),
        );
    }
    let nl = src.newline();
    // New lines go after the account's variable, and after any later line that
    // turns the same switch off (`unset ssl_starttls`): mutt's last setting wins.
    let mut insert_line = v.line;
    let mut inserts: Vec<String> = Vec::new();
    // STARTTLS must be on, and mandatory.
    if want.security == Security::Starttls {
        for (name, line_text) in [
            ("ssl_starttls", "set ssl_starttls = yes"),
            ("ssl_force_tls", "set ssl_force_tls = yes"),
        ] {
            let current = get(&vars, name);
            let is_on = yes(current, name == "ssl_starttls" || neomutt(src));
            if is_on {
                continue;
            }
            match current.and_then(|c| c.word.as_ref().map(|w| (c, w))) {
                Some((c, w)) => {
                    plan.edits.push(Edit::replace(w.span.clone(), "yes"));
                    plan.change(
                        Field::Security,
                        c.line,
                        format!("{name} = {}", lossy(&c.value)),
                        format!("{name} = yes"),
                    );
                }
                None => {
                    if let Some(c) = current {
                        insert_line = insert_line.max(c.line);
                    }
                    plan.change(
                        Field::Security,
                        v.line,
                        security_label(account.security.value, account.starttls_optional),
                        line_text.to_owned(),
                    );
                    inserts.push(line_text.to_owned());
                }
            }
        }
    }
    if !account.auth.value.satisfies(&want.auth) {
        let auth_var = format!("{}_authenticators", user_var.trim_end_matches("_user"));
        if let Some(a) = get(&vars, &auth_var)
            && let Some(w) = &a.word
        {
            plan.edits.push(Edit::replace(
                w.span.clone(),
                quote_like("login:plain", w.quote),
            ));
            plan.change(
                Field::Auth,
                a.line,
                lossy(&a.value),
                "login:plain".to_owned(),
            );
        }
    }
    if !inserts.is_empty() {
        let text: String = inserts.iter().map(|l| format!("{nl}{l}")).collect();
        let insert_at = src.line_range(insert_line).end;
        plan.edits.push(Edit::insert(insert_at, text.into_bytes()));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(name: &str, text: &str) -> super::super::Loaded {
        super::super::parse(Path::new(name), text.as_bytes().to_vec(), None).unwrap()
    }

    const RC: &str = "# mutt for 163, 2013
set from = 'zhang@163.com'
set realname = \"Zhang San\"
set folder = \"pop://zhang%40163.com@pop.163.com/\"
set spoolfile=+INBOX ; set pop_pass='hunter2'
set smtp_url=smtp://zhang%40163.com@smtp.163.com:25/ # old
set pop_delete = no
source ~/.mutt/colors
set signature=\"`fortune`\"
account-hook . 'unset imap_user'
color normal white black
";

    #[test]
    fn reads_urls_and_notes() {
        let l = load(".muttrc", RC);
        assert_eq!(l.accounts.len(), 2, "{:?}", l.accounts);
        let p = &l.accounts[0];
        assert_eq!(p.protocol, Protocol::Pop3);
        assert_eq!(p.host.value, "pop.163.com");
        assert_eq!(p.port, Setting::implied(110));
        assert_eq!(p.security.value, Security::Starttls);
        assert!(
            p.starttls_optional,
            "mutt's ssl_force_tls is off by default"
        );
        assert_eq!(p.username.as_ref().unwrap().value, "zhang@163.com");
        assert_eq!(p.password.secret().unwrap().expose(), "hunter2");
        assert_eq!(p.leave_on_server, Some(true));
        let s = &l.accounts[1];
        assert_eq!((s.protocol, s.port.value), (Protocol::Smtp, 25));
        let kinds: Vec<_> = l.notes.iter().map(|n| (n.line, n.kind.clone())).collect();
        assert_eq!(
            kinds,
            [
                (8, NoteKind::SourceNotFollowed),
                (9, NoteKind::CommandNotRun),
                (10, NoteKind::HookNotRead)
            ]
        );
        assert!(!format!("{l:?}").contains("hunter2"));
    }

    #[test]
    fn fixes_urls() {
        let l = load(".muttrc", RC);
        let f = l
            .fix(
                0,
                &Corrected {
                    host: "pop.163.com".into(),
                    port: 995,
                    security: Security::Tls,
                    auth: AuthMethod::Password,
                    username: "zhang@163.com".into(),
                },
            )
            .unwrap();
        let text = String::from_utf8(f.bytes).unwrap();
        assert_eq!(
            text,
            RC.replace(
                "\"pop://zhang%40163.com@pop.163.com/\"",
                "\"pops://zhang%40163.com@pop.163.com/\""
            )
        );
        let f = l
            .fix(
                1,
                &Corrected {
                    host: "smtp.163.com".into(),
                    port: 587,
                    security: Security::Starttls,
                    auth: AuthMethod::Password,
                    username: "zhang@163.com".into(),
                },
            )
            .unwrap();
        let text = String::from_utf8(f.bytes).unwrap();
        assert_eq!(
            text,
            RC.replace(
                "set smtp_url=smtp://zhang%40163.com@smtp.163.com:25/ # old\n",
                "set smtp_url=smtp://zhang%40163.com@smtp.163.com:587/ # old\nset ssl_force_tls = yes\n"
            )
        );
    }

    #[test]
    fn urls() {
        let u = parse_url("imaps://a%40b.c:p%3Aw@[::1]:993/INBOX").unwrap();
        assert_eq!(u.user.as_deref(), Some("a@b.c"));
        assert_eq!(u.pass.as_deref(), Some("p:w"));
        assert_eq!(u.host, "[::1]");
        assert_eq!(u.port, Some(993));
        assert_eq!(u.render(), "imaps://a%40b.c:p%3Aw@[::1]:993/INBOX");
        assert!(parse_url("http://x/").is_none());
        assert!(parse_url("imap://h:0/").is_none());
    }
}
