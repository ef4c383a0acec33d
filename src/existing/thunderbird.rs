//! Thunderbird profiles: `prefs.js`, finding profiles through `profiles.ini`, and
//! the `user.js` fragment that fixes an account.
//!
//! `prefs.js` is a list of `user_pref("name", value);` calls (also `pref(…)`,
//! `sticky_pref(…)`) with JavaScript strings, integers and booleans and `//`,
//! `/* */` and `#` comments; a call mailconf cannot read is noted and skipped to
//! the next `;`, as Mozilla's own parser recovers. The accounts:
//!
//! - `mail.accountmanager.accounts` lists the accounts; each
//!   `mail.account.accountN.server` names a `mail.server.serverN.*` branch: `type`
//!   (pop3, imap), `hostname` (or `realhostname` after the user changed it),
//!   `port`, `socketType` (0 plain, 1 STARTTLS if offered, 2 STARTTLS, 3 SSL/TLS),
//!   `authMethod`, `userName` (or `realuserName`);
//! - `mail.smtpservers` lists the SMTP servers, `mail.smtpserver.smtpN.*`:
//!   `hostname`, `port`, `try_ssl` (the socket type), `authMethod`, `username`;
//! - each account's identities (`mail.identity.idN.smtpServer`, else
//!   `mail.smtp.defaultserver`) tell which SMTP server it sends with.
//!
//! Passwords are in Thunderbird's encrypted login store, not in `prefs.js`.
//!
//! Thunderbird rewrites `prefs.js` when it exits, so mailconf never edits it: a
//! fix is a `user.js` fragment (read at every start and copied into `prefs.js`)
//! and the steps to apply and then remove it, refused while Thunderbird has the
//! profile open (the fcntl lock on `.parentlock`, the `lock` symlink, or
//! Windows' `parent.lock`; see [`profile_in_use`]).

use super::fix::{Change, Corrected, Field, FixError, Fixed, security_label};
use super::ini::{self, Dialect, Item};
use super::text::{self, Source};
use super::{
    Account, AuthMethod, Loaded, NoteKind, Origin, Parsed, Password, Place, ReadError, Setting,
    default_port,
};
use crate::i18n::msg;
use crate::providers::{Localized, Protocol, Security};
use std::path::{Path, PathBuf};

/// Where a Thunderbird account is: its pref branch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    /// `mail.server.server2` or `mail.smtpserver.smtp1`.
    branch: String,
    smtp: bool,
}

/// A pref value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pref {
    Str(String),
    Int(i64),
    Bool(bool),
}

/// One pref and the line it is set on (the last setting wins).
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    value: Pref,
    line: usize,
}

/// A small scanner over prefs.js.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    /// Skips blanks and comments.
    fn skip(&mut self) {
        loop {
            while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            let rest = &self.b[self.i.min(self.b.len())..];
            if rest.starts_with(b"//") || rest.starts_with(b"#") {
                while self.i < self.b.len() && self.b[self.i] != b'\n' {
                    self.i += 1;
                }
            } else if rest.starts_with(b"/*") {
                match rest[2..].windows(2).position(|w| w == b"*/") {
                    Some(p) => self.i += p + 4,
                    None => self.i = self.b.len(),
                }
            } else {
                return;
            }
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<&'a [u8]> {
        self.skip();
        let s = self.i;
        while self.i < self.b.len()
            && (self.b[self.i].is_ascii_alphanumeric() || self.b[self.i] == b'_')
        {
            self.i += 1;
        }
        (self.i > s).then(|| &self.b[s..self.i])
    }

    /// A JavaScript string literal: `\\ \" \' \n \r \t \xHH \uHHHH` escapes.
    fn string(&mut self) -> Option<String> {
        self.skip();
        let q = *self.b.get(self.i)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        let mut pending_high: Option<u32> = None;
        loop {
            let c = *self.b.get(self.i)?;
            self.i += 1;
            match c {
                c if c == q => break,
                b'\n' => return None,
                b'\\' => {
                    let e = *self.b.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'x' => {
                            let h = self.b.get(self.i..self.i + 2)?;
                            let v = u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()?;
                            self.i += 2;
                            let ch = char::from_u32(v)?;
                            out.extend_from_slice(ch.to_string().as_bytes());
                        }
                        b'u' => {
                            let h = self.b.get(self.i..self.i + 4)?;
                            let v = u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()?;
                            self.i += 4;
                            if (0xd800..0xdc00).contains(&v) {
                                pending_high = Some(v);
                                continue;
                            }
                            let v = match pending_high.take() {
                                Some(hi) if (0xdc00..0xe000).contains(&v) => {
                                    0x10000 + ((hi - 0xd800) << 10) + (v - 0xdc00)
                                }
                                _ => v,
                            };
                            let ch = char::from_u32(v).unwrap_or('\u{fffd}');
                            out.extend_from_slice(ch.to_string().as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        String::from_utf8(out).ok()
    }

    fn value(&mut self) -> Option<Pref> {
        self.skip();
        match self.b.get(self.i)? {
            b'"' | b'\'' => self.string().map(Pref::Str),
            b't' | b'f' => match self.ident()? {
                b"true" => Some(Pref::Bool(true)),
                b"false" => Some(Pref::Bool(false)),
                _ => None,
            },
            _ => {
                let s = self.i;
                if matches!(self.b.get(self.i), Some(b'-' | b'+')) {
                    self.i += 1;
                }
                while self.i < self.b.len() && self.b[self.i].is_ascii_digit() {
                    self.i += 1;
                }
                std::str::from_utf8(&self.b[s..self.i])
                    .ok()?
                    .trim_start_matches('+')
                    .parse()
                    .ok()
                    .map(Pref::Int)
            }
        }
    }

    /// `user_pref("name", value);` (or `pref`, `sticky_pref`).
    fn call(&mut self) -> Option<(String, Pref)> {
        let f = self.ident()?;
        if !matches!(f, b"user_pref" | b"pref" | b"sticky_pref") {
            return None;
        }
        if !self.eat(b'(') {
            return None;
        }
        let name = self.string()?;
        if !self.eat(b',') {
            return None;
        }
        let value = self.value()?;
        // Optional attributes after the value (`, locked`, `, sticky`).
        while self.eat(b',') {
            self.ident()?;
        }
        if !self.eat(b')') || !self.eat(b';') {
            return None;
        }
        Some((name, value))
    }
}

/// Every pref, noting what cannot be read.
fn prefs(src: &Source, parsed: &mut Parsed) -> Vec<Entry> {
    let b = src.bytes();
    let mut s = Scanner { b, i: 0 };
    let mut out = Vec::new();
    loop {
        s.skip();
        if s.i >= b.len() {
            break;
        }
        let start = s.i;
        match s.call() {
            Some((name, value)) => out.push(Entry {
                name,
                value,
                line: src.line_of(start),
            }),
            None => {
                parsed.note(src, src.line_of(start), NoteKind::NotUnderstood);
                // Recover at the next `;` (or the next line when there is none).
                s.i = start;
                while s.i < b.len() && b[s.i] != b';' && b[s.i] != b'\n' {
                    s.i += 1;
                }
                s.i += 1;
            }
        }
    }
    out
}

/// Prefs by name (the last setting of a name wins, as in Mozilla's reader).
struct Prefs<'a>(std::collections::HashMap<&'a str, &'a Entry>);

impl<'a> Prefs<'a> {
    fn new(entries: &'a [Entry]) -> Self {
        Prefs(entries.iter().map(|e| (e.name.as_str(), e)).collect())
    }

    fn get(&self, name: &str) -> Option<&'a Entry> {
        self.0.get(name).copied()
    }

    fn str(&self, name: &str) -> Option<(String, usize)> {
        match self.get(name) {
            Some(Entry {
                value: Pref::Str(s),
                line,
                ..
            }) => Some((s.clone(), *line)),
            _ => None,
        }
    }

    fn int(&self, name: &str) -> Option<(i64, usize)> {
        match self.get(name) {
            Some(Entry {
                value: Pref::Int(n),
                line,
                ..
            }) => Some((*n, *line)),
            _ => None,
        }
    }

    fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(Entry {
                value: Pref::Bool(b),
                ..
            }) => Some(*b),
            _ => None,
        }
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.str(name)
            .map(|(s, _)| {
                s.split(',')
                    .map(|x| x.trim().to_owned())
                    .filter(|x| !x.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn socket(n: i64) -> Option<(Security, bool)> {
    match n {
        0 => Some((Security::Plain, false)),
        1 => Some((Security::Starttls, true)),
        2 => Some((Security::Starttls, false)),
        3 => Some((Security::Tls, false)),
        _ => None,
    }
}

fn auth(n: i64) -> AuthMethod {
    match n {
        1 => AuthMethod::None,
        2 | 3 => AuthMethod::Password,
        4 => AuthMethod::EncryptedPassword,
        5 => AuthMethod::Gssapi,
        6 => AuthMethod::Ntlm,
        7 => AuthMethod::External,
        8 => AuthMethod::Other("any secure method".into()),
        9 => AuthMethod::Automatic,
        10 => AuthMethod::Oauth2,
        other => AuthMethod::Other(format!("authMethod {other}")),
    }
}

fn auth_number(a: &AuthMethod) -> i64 {
    match a {
        AuthMethod::None => 1,
        AuthMethod::EncryptedPassword => 4,
        AuthMethod::Gssapi => 5,
        AuthMethod::Ntlm => 6,
        AuthMethod::External => 7,
        AuthMethod::Automatic => 9,
        AuthMethod::Oauth2 => 10,
        _ => 3,
    }
}

/// The account of the server branch `b` (`mail.server.server2`,
/// `mail.smtpserver.smtp1`): SMTP servers name the socket type `try_ssl` and the
/// user `username`, incoming ones `socketType` and `userName` (`realuserName`
/// after the user changed it).
fn server(
    p: &Prefs,
    b: String,
    protocol: Protocol,
    host: (String, usize),
    name: String,
) -> Account {
    let smtp = protocol == Protocol::Smtp;
    let (host, host_line) = host;
    let socket_pref = if smtp { "try_ssl" } else { "socketType" };
    let (security, optional, sec_origin) = match p.int(&format!("{b}.{socket_pref}")) {
        Some((n, l)) => {
            let (s, o) = socket(n).unwrap_or((Security::Plain, false));
            (s, o, Origin::Line(l))
        }
        None => (Security::Plain, false, Origin::Implied),
    };
    let port = match p
        .int(&format!("{b}.port"))
        .filter(|(n, _)| (1..=65535).contains(n))
    {
        Some((n, l)) => Setting::at(u16::try_from(n).unwrap_or(1), l),
        // Thunderbird sends on 587 (465 with SSL/TLS) when no port is set.
        None if smtp => Setting::implied(if security == Security::Tls { 465 } else { 587 }),
        None => Setting::implied(default_port(protocol, security)),
    };
    let user_prefs: &[&str] = if smtp {
        &["username"]
    } else {
        &["realuserName", "userName"]
    };
    let username = user_prefs
        .iter()
        .find_map(|u| p.str(&format!("{b}.{u}")))
        .filter(|(u, _)| !u.is_empty())
        .map(|(u, l)| Setting::at(u, l));
    Account {
        name,
        line: host_line,
        protocol,
        host: Setting::at(host, host_line),
        port,
        security: Setting {
            value: security,
            origin: sec_origin,
        },
        starttls_optional: optional,
        certificate_checked: true,
        auth: match p.int(&format!("{b}.authMethod")) {
            Some((n, l)) => Setting::at(auth(n), l),
            None => Setting::implied(AuthMethod::Password),
        },
        username,
        password: Password::NotInFile,
        address: None,
        leave_on_server: None,
        active: true,
        smtp: None,
        place: Place::Thunderbird(Locator { branch: b, smtp }),
    }
}

/// Reads a `prefs.js`.
pub(crate) fn parse(src: &Source) -> Result<Parsed, ReadError> {
    src.utf8()?;
    let mut parsed = Parsed::default();
    let entries = prefs(src, &mut parsed);
    let p = Prefs::new(&entries);
    let default_smtp = p.str("mail.smtp.defaultserver").map(|(s, _)| s);
    // SMTP servers first (incoming accounts point at them), appended after.
    let mut smtp_keys = p.list("mail.smtpservers");
    if smtp_keys.is_empty() {
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            if let Some(k) = e
                .name
                .strip_prefix("mail.smtpserver.")
                .and_then(|r| r.strip_suffix(".hostname"))
                && k != "default"
                && seen.insert(k)
            {
                smtp_keys.push(k.to_owned());
            }
        }
    }
    let mut smtp_accounts = Vec::new();
    for key in &smtp_keys {
        let b = format!("mail.smtpserver.{key}");
        let Some(host) = p.str(&format!("{b}.hostname")) else {
            continue;
        };
        let name = p
            .str(&format!("{b}.description"))
            .map(|(d, _)| format!("{d} ({key})"))
            .unwrap_or_else(|| key.clone());
        smtp_accounts.push((key.clone(), server(&p, b, Protocol::Smtp, host, name)));
    }
    let accounts = p.list("mail.accountmanager.accounts");
    let mut incoming = Vec::new();
    for acc in &accounts {
        let Some((key, _)) = p.str(&format!("mail.account.{acc}.server")) else {
            continue;
        };
        let b = format!("mail.server.{key}");
        let protocol = match p.str(&format!("{b}.type")).map(|(t, _)| t).as_deref() {
            Some("pop3") => Protocol::Pop3,
            Some("imap") => Protocol::Imap,
            _ => continue,
        };
        let host = p
            .str(&format!("{b}.realhostname"))
            .or_else(|| p.str(&format!("{b}.hostname")));
        let Some(host) = host else {
            continue;
        };
        let identities = p.list(&format!("mail.account.{acc}.identities"));
        let first_id = identities.first();
        let smtp_key = first_id
            .and_then(|id| p.str(&format!("mail.identity.{id}.smtpServer")))
            .map(|(s, _)| s)
            .or_else(|| default_smtp.clone());
        let name = p
            .str(&format!("{b}.name"))
            .map(|(n, _)| format!("{n} ({key})"))
            .unwrap_or_else(|| key.clone());
        let mut account = server(&p, b.clone(), protocol, host, name);
        account.address = first_id
            .and_then(|id| p.str(&format!("mail.identity.{id}.useremail")))
            .map(|(a, _)| a);
        account.leave_on_server = (protocol == Protocol::Pop3)
            .then(|| p.bool(&format!("{b}.leave_on_server")).unwrap_or(false));
        incoming.push((smtp_key, account));
    }
    let n_in = incoming.len();
    let smtp_index: std::collections::HashMap<&str, usize> = smtp_accounts
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (key.as_str(), n_in + i))
        .collect();
    for (smtp_key, mut a) in incoming {
        a.smtp = smtp_key.and_then(|k| smtp_index.get(k.as_str()).copied());
        parsed.accounts.push(a);
    }
    parsed
        .accounts
        .extend(smtp_accounts.into_iter().map(|(_, a)| a));
    Ok(parsed)
}

/// A JavaScript string literal for `user.js`.
fn js_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `user.js` fragment and steps for one account. `prefs.js` is not touched.
pub(crate) fn fix(loaded: &Loaded, account: &Account, want: &Corrected) -> Result<Fixed, FixError> {
    let Place::Thunderbird(loc) = &account.place else {
        return Err(FixError::Unsupported("not a Thunderbird account".into()));
    };
    let b = &loc.branch;
    let mut lines: Vec<String> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    let mut change = |field: Field, line: Option<usize>, before: String, after: String| {
        changes.push(Change {
            field,
            line: line.unwrap_or(account.line),
            before,
            after,
        });
    };
    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        // Thunderbird's settings page changes `realhostname` for incoming servers
        // (`hostname` keys the local folders); SMTP servers have only `hostname`.
        let pref = if loc.smtp { "hostname" } else { "realhostname" };
        lines.push(format!(
            "user_pref(\"{b}.{pref}\", {});",
            js_string(&want.host)
        ));
        change(
            Field::Host,
            account.host.origin.line(),
            account.host.value.clone(),
            want.host.clone(),
        );
    }
    // Without a port pref Thunderbird uses the protocol's default for the socket
    // type, which the fix may change.
    let implied_after = match (loc.smtp, want.security) {
        (true, Security::Tls) => 465,
        (true, _) => 587,
        (false, s) => default_port(account.protocol, s),
    };
    let need_port = match account.port.origin {
        Origin::Implied => implied_after != want.port,
        _ => account.port.value != want.port,
    };
    if need_port {
        lines.push(format!("user_pref(\"{b}.port\", {});", want.port));
        change(
            Field::Port,
            account.port.origin.line(),
            account.port.value.to_string(),
            want.port.to_string(),
        );
    }
    if account.security.value != want.security || account.starttls_optional {
        let n = match want.security {
            Security::Plain => 0,
            Security::Starttls => 2,
            Security::Tls => 3,
        };
        let pref = if loc.smtp { "try_ssl" } else { "socketType" };
        lines.push(format!("user_pref(\"{b}.{pref}\", {n});"));
        change(
            Field::Security,
            account.security.origin.line(),
            security_label(account.security.value, account.starttls_optional),
            want.security.as_str().to_owned(),
        );
    }
    if !account.auth.value.satisfies(&want.auth) {
        let n = auth_number(&want.auth);
        lines.push(format!("user_pref(\"{b}.authMethod\", {n});"));
        change(
            Field::Auth,
            account.auth.origin.line(),
            account.auth.value.label().to_owned(),
            want.auth.label().to_owned(),
        );
    }
    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    if user_now != Some(want.username.as_str()) {
        let pref = if loc.smtp { "username" } else { "realuserName" };
        lines.push(format!(
            "user_pref(\"{b}.{pref}\", {});",
            js_string(&want.username)
        ));
        change(
            Field::Username,
            account.username.as_ref().and_then(|u| u.origin.line()),
            user_now.unwrap_or("").to_owned(),
            want.username.clone(),
        );
    }
    if lines.is_empty() {
        return Ok(Fixed {
            bytes: Vec::new(),
            changes,
            steps: Vec::new(),
        });
    }
    let nl = loaded.source.newline();
    let mut text = format!(
        "// mailconf: corrected settings for {} ({b}).{nl}// Remove this file after Thunderbird has started once with it.{nl}",
        account.name.replace(['\n', '\r'], " ")
    );
    for l in &lines {
        text.push_str(l);
        text.push_str(nl);
    }
    let profile = loaded
        .profile_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    Ok(Fixed {
        bytes: text.into_bytes(),
        changes,
        steps: steps(&profile, account, want),
    })
}

/// The steps to apply a `user.js` fragment, in the three languages (the
/// catalog's words; Thunderbird's own menu labels in each).
fn steps(profile: &str, account: &Account, want: &Corrected) -> Vec<Localized> {
    let (port, host, user) = (want.port, want.host.as_str(), want.username.as_str());
    let smtp = account.protocol == Protocol::Smtp;
    let security = match want.security {
        Security::Tls => "tls",
        Security::Starttls => "starttls",
        Security::Plain => "none",
    };
    vec![
        Localized::each(|lang| msg!(lang, "thunderbird-step-quit")),
        Localized::each(|lang| msg!(lang, "thunderbird-step-save", profile = profile)),
        Localized::each(|lang| msg!(lang, "thunderbird-step-start")),
        Localized::each(|lang| {
            let place = if smtp {
                msg!(lang, "thunderbird-menu-outgoing-server")
            } else {
                msg!(lang, "thunderbird-menu-server-settings")
            };
            msg!(
                lang,
                "thunderbird-step-by-hand",
                place = place,
                host = host,
                port = port,
                security = msg!(lang, "thunderbird-security", security = security),
                user = user
            )
        }),
    ]
}

/// Refuses when Thunderbird has `profile` open.
pub fn refuse_if_running(profile: &Path) -> Result<(), FixError> {
    if profile_in_use(profile) {
        Err(FixError::ProfileInUse(profile.to_path_buf()))
    } else {
        Ok(())
    }
}

/// Whether Thunderbird has `profile` open, judged as Firefox and Thunderbird
/// judge it (`nsProfileLock`). On Unix the running program holds an fcntl
/// (POSIX record) lock on `.parentlock`, which the kernel drops when it exits
/// and which works across pid namespaces (a Flatpak Thunderbird); it also
/// keeps a `lock` symlink naming `ADDR:+PID`, which a crash leaves behind. A
/// symlink taken on another host (a home on NFS) or naming a live process
/// holds the profile; only a lock nobody holds is stale. Anything that
/// cannot be read counts as held. On Windows it keeps `parent.lock` open
/// exclusively while it runs.
pub fn profile_in_use(profile: &Path) -> bool {
    #[cfg(unix)]
    if parentlock_held(&profile.join(".parentlock")) {
        return true;
    }
    let lock = profile.join("lock");
    if let Ok(target) = std::fs::read_link(&lock) {
        return symlink_holds(&target.to_string_lossy());
    }
    if lock.exists() {
        return true;
    }
    // Windows keeps `parent.lock` open exclusively while running.
    let parent = profile.join("parent.lock");
    if cfg!(windows) && parent.exists() {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(&parent)
            .is_err();
    }
    false
}

/// Whether another process holds an fcntl lock on `.parentlock` (F_GETLK
/// asks without taking it). A file that is not there holds nothing; one that
/// cannot be opened or asked counts as held.
#[cfg(unix)]
fn parentlock_held(path: &Path) -> bool {
    use rustix::process::{Flock, FlockType, fcntl_getlk};
    use std::os::unix::fs::OpenOptionsExt as _;
    // Non-blocking: a FIFO put there must not hang the check.
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Ok(f) => f,
        Err(e) => return e.kind() != std::io::ErrorKind::NotFound,
    };
    fcntl_getlk(&file, &Flock::from(FlockType::WriteLock)).map_or(true, |held| held.is_some())
}

/// Whether a `lock` symlink's target (`ADDR:+PID`, or `ADDR:PID` without the
/// fcntl lock) holds the profile: taken on another host, or by a process
/// that is alive here. What cannot be read holds it.
fn symlink_holds(target: &str) -> bool {
    let Some((addr, pid)) = target.rsplit_once(':') else {
        return true;
    };
    let Ok(pid) = pid.trim_start_matches('+').parse::<i32>() else {
        return true;
    };
    let Ok(addr) = addr.parse::<std::net::IpAddr>() else {
        return true;
    };
    if !this_host(addr) {
        return true;
    }
    process_alive(pid)
}

/// Whether `addr` is this machine: a loopback address (Debian names its own
/// host 127.0.1.1) or an address its host name resolves to, which is what
/// Thunderbird writes.
fn this_host(addr: std::net::IpAddr) -> bool {
    if addr.is_loopback() {
        return true;
    }
    #[cfg(unix)]
    {
        use std::net::ToSocketAddrs as _;
        let uname = rustix::system::uname();
        let name = uname.nodename().to_string_lossy().into_owned();
        (name.as_str(), 0)
            .to_socket_addrs()
            .is_ok_and(|mut all| all.any(|a| a.ip() == addr))
    }
    #[cfg(not(unix))]
    false
}

/// Whether process `pid` exists here (a process of another user counts).
fn process_alive(pid: i32) -> bool {
    #[cfg(unix)]
    {
        match rustix::process::Pid::from_raw(pid) {
            Some(p) => !matches!(
                rustix::process::test_kill_process(p),
                Err(rustix::io::Errno::SRCH)
            ),
            None => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A Thunderbird profile found through `profiles.ini`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The name Thunderbird shows (`default-release`).
    pub name: String,
    /// The profile folder.
    pub path: PathBuf,
    /// Whether Thunderbird starts with this one.
    pub default: bool,
}

/// The folders that may hold a `profiles.ini`, for this platform and the
/// Flatpak and Snap packages.
pub fn profile_roots() -> Vec<PathBuf> {
    let Some(base) = directories::BaseDirs::new() else {
        return Vec::new();
    };
    let home = base.home_dir();
    let mut roots = vec![
        home.join(".thunderbird"),
        home.join(".var/app/org.mozilla.Thunderbird/.thunderbird"),
        home.join("snap/thunderbird/common/.thunderbird"),
        home.join("Library/Thunderbird"),
    ];
    // Windows: %APPDATA%\Thunderbird.
    roots.push(base.config_dir().join("Thunderbird"));
    roots.dedup();
    roots
}

/// Every profile listed under the usual places.
pub fn find_profiles() -> Vec<Profile> {
    profile_roots()
        .iter()
        .flat_map(|r| profiles_in(r))
        .collect()
}

/// The profiles `root/profiles.ini` lists (those whose folder exists).
pub fn profiles_in(root: &Path) -> Vec<Profile> {
    let ini_path = root.join("profiles.ini");
    // Read when the window opens: a named pipe there must not hang it.
    let Ok(bytes) = crate::untrusted_file::read_bytes(&ini_path, text::MAX_FILE_BYTES as u64)
    else {
        return Vec::new();
    };
    let Ok(src) = Source::new(&ini_path, bytes, text::MAX_FILE_BYTES, text::MAX_LINE_BYTES) else {
        return Vec::new();
    };
    let mut out: Vec<Profile> = Vec::new();
    let mut install_defaults: Vec<String> = Vec::new();
    let mut section = String::new();
    let mut cur: (Option<String>, Option<String>, bool, bool) = (None, None, true, false);
    let flush = |section: &str,
                 cur: &mut (Option<String>, Option<String>, bool, bool),
                 out: &mut Vec<Profile>| {
        if section.starts_with("Profile")
            && let Some(path) = cur.1.take()
        {
            let p = if cur.2 {
                root.join(&path)
            } else {
                PathBuf::from(&path)
            };
            out.push(Profile {
                name: cur.0.take().unwrap_or_else(|| path.clone()),
                path: p,
                default: cur.3,
            });
        }
        *cur = (None, None, true, false);
    };
    for l in ini::items(&src, Dialect::Mozilla) {
        match l.item {
            Item::Section { name } => {
                flush(&section, &mut cur, &mut out);
                section = name;
            }
            Item::Entry { key, value, .. } => {
                let v = String::from_utf8_lossy(&value).into_owned();
                if section.starts_with("Install") && key == "Default" {
                    install_defaults.push(v);
                    continue;
                }
                match key.as_str() {
                    "Name" => cur.0 = Some(v),
                    "Path" => cur.1 = Some(v),
                    "IsRelative" => cur.2 = v.trim() == "1",
                    "Default" => cur.3 = v.trim() == "1",
                    _ => {}
                }
            }
            Item::Bad => {}
        }
    }
    flush(&section, &mut cur, &mut out);
    // An [Install…] section's Default wins over the old Default=1 flag.
    if !install_defaults.is_empty() {
        for p in &mut out {
            p.default = install_defaults
                .iter()
                .any(|d| root.join(d) == p.path || Path::new(d) == p.path);
        }
    }
    out.retain(|p| p.path.join("prefs.js").is_file());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREFS: &str = r#"// Mozilla User Preferences

/* Do not edit this file. */
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.account.account3.identities", "id2");
user_pref("mail.account.account3.server", "server3");
user_pref("mail.accountmanager.accounts", "account3,account1,account2");
user_pref("mail.identity.id1.smtpServer", "smtp1");
user_pref("mail.identity.id1.useremail", "zhang@163.com");
user_pref("mail.identity.id2.useremail", "12345@qq.com");
user_pref("mail.server.server1.hostname", "pop.163.com");
user_pref("mail.server.server1.name", "zhang@163.com");
user_pref("mail.server.server1.port", 110);
user_pref("mail.server.server1.socketType", 0);
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "zhang");
user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.type", "none");
user_pref("mail.server.server3.hostname", "imap.qq.com");
user_pref("mail.server.server3.realhostname", "imap.exmail.qq.com");
user_pref("mail.server.server3.port", 993);
user_pref("mail.server.server3.socketType", 3);
user_pref("mail.server.server3.type", "imap");
user_pref("mail.server.server3.userName", "12345@qq.com");
user_pref("mail.smtp.defaultserver", "smtp2");
user_pref("mail.smtpserver.smtp1.authMethod", 3);
user_pref("mail.smtpserver.smtp1.hostname", "smtp.163.com");
user_pref("mail.smtpserver.smtp1.port", 25);
user_pref("mail.smtpserver.smtp1.username", "zhang");
user_pref("mail.smtpserver.smtp2.hostname", "smtp.qq.com");
user_pref("mail.smtpserver.smtp2.port", 465);
user_pref("mail.smtpserver.smtp2.try_ssl", 3);
user_pref("mail.smtpservers", "smtp1,smtp2");
user_pref("odd", oops);
user_pref("x.y", "a\"b\u4e2d\\");
"#;

    #[test]
    fn reads_accounts_and_links_smtp() {
        let l =
            super::super::parse(Path::new("prefs.js"), PREFS.as_bytes().to_vec(), None).unwrap();
        let names: Vec<_> = l.accounts.iter().map(|a| a.host.value.as_str()).collect();
        assert_eq!(
            names,
            [
                "imap.exmail.qq.com",
                "pop.163.com",
                "smtp.163.com",
                "smtp.qq.com"
            ]
        );
        let pop = &l.accounts[1];
        assert_eq!(pop.port, Setting::at(110, 15));
        assert_eq!(pop.security.value, Security::Plain);
        assert_eq!(pop.username.as_ref().unwrap().value, "zhang");
        assert_eq!(pop.address.as_deref(), Some("zhang@163.com"));
        assert_eq!(pop.smtp, Some(2));
        assert_eq!(l.accounts[0].smtp, Some(3), "default SMTP server");
        assert_eq!(l.accounts[2].security.origin, Origin::Implied);
        assert_eq!(l.notes.len(), 1);
        assert_eq!(l.notes[0].line, 37);
    }

    #[test]
    fn fix_is_a_user_js_fragment() {
        let l =
            super::super::parse(Path::new("p/prefs.js"), PREFS.as_bytes().to_vec(), None).unwrap();
        let f = l
            .fix(
                1,
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
        assert!(
            text.contains("user_pref(\"mail.server.server1.port\", 995);\n"),
            "{text}"
        );
        assert!(text.contains("user_pref(\"mail.server.server1.socketType\", 3);\n"));
        assert!(
            text.contains("user_pref(\"mail.server.server1.realuserName\", \"zhang@163.com\");\n")
        );
        assert!(!text.contains("hostname"));
        assert_eq!(f.changes.len(), 3);
        assert_eq!(f.steps.len(), 4);
        // The fragment is itself readable prefs.
        let mut parsed = Parsed::default();
        let src = Source::new(Path::new("user.js"), text.into_bytes(), 1000, 1000).unwrap();
        let entries = prefs(&src, &mut parsed);
        assert_eq!(entries.len(), 3);
        assert!(parsed.notes.is_empty());
    }

    #[test]
    fn strings() {
        let mut s = Scanner {
            b: br#""a\"b\u4e2d\ud83d\ude00\x41'""#,
            i: 0,
        };
        assert_eq!(s.string().as_deref(), Some("a\"b中😀A'"));
        assert_eq!(js_string("a\"\\\n中"), "\"a\\\"\\\\\\u000a中\"");
    }
}
