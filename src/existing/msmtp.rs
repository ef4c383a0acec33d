//! msmtp configuration (`~/.msmtprc`, `~/.config/msmtp/config`), read as msmtp
//! reads it (`conf.c` of msmtp 1.8).
//!
//! A line is a command, blanks, and an argument; `#` starts a comment line; the
//! argument is trimmed and loses one pair of surrounding double quotes, nothing
//! else (no escapes). `defaults` starts the block every later account copies;
//! `account NAME [: PARENT, …]` starts an account that copies the defaults as they
//! are at that point and then what each parent set. Commands before any
//! `account` or `defaults` form an account named `default`. msmtp refuses the
//! whole file on an unknown command, a bad argument or a line over 500 bytes: such
//! lines are listed as [`NoteKind::ClientRefuses`]. `passwordeval` and `eval` are
//! shown, never run.
//!
//! Defaults msmtp applies: `tls off`, `tls_starttls on`, `auth off`, port 25
//! (465 with `tls on` and `tls_starttls off`).

use super::fix::{Corrected, Field, FixError, Plan, security_label};
use super::text::Source;
use super::{
    Account, AuthMethod, NoteKind, Origin, Parsed, Password, Place, Setting, edit::Edit, lossy,
};
use crate::providers::{Protocol, Security};
use crate::secret::Secret;
use std::ops::Range;

/// msmtp reads lines of at most 500 bytes.
const MSMTP_MAX_LINE: usize = 500;

/// Every command msmtp 1.8 knows (others make it refuse the file).
const KNOWN: &[&str] = &[
    "defaults",
    "account",
    "host",
    "port",
    "timeout",
    "connect_timeout",
    "protocol",
    "domain",
    "from",
    "from_full_name",
    "allow_from_override",
    "auth",
    "user",
    "password",
    "passwordeval",
    "ntlmdomain",
    "tls",
    "tls_starttls",
    "tls_key_file",
    "tls_cert_file",
    "tls_trust_file",
    "tls_crl_file",
    "tls_fingerprint",
    "tls_certcheck",
    "tls_min_dh_prime_bits",
    "tls_priorities",
    "tls_host_override",
    "dsn_return",
    "dsn_notify",
    "logfile",
    "logfile_time_format",
    "syslog",
    "aliases",
    "proxy_host",
    "proxy_port",
    "set_from_header",
    "set_date_header",
    "set_msgid_header",
    "remove_bcc_headers",
    "undisclosed_recipients",
    "source_ip",
    "socket",
    "add_missing_from_header",
    "add_missing_date_header",
    "auto_from",
    "maildomain",
    "keepbcc",
    "tls_nocertcheck",
    "tls_nostarttls",
    "tls_force_sslv3",
    "eval",
];

/// Where an msmtp account is: its name (the fixer parses again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    id: String,
}

/// One command line.
#[derive(Debug, Clone)]
struct Cmd {
    line: usize,
    name: String,
    arg: Vec<u8>,
    /// Bytes of the argument as written (quotes included).
    arg_span: Range<usize>,
    /// Bytes of the whole command (first to last non-blank byte).
    cmd_span: Range<usize>,
    quoted: bool,
}

/// A value an account holds and where it came from.
#[derive(Debug, Clone)]
struct Val {
    arg: Vec<u8>,
    origin: Origin,
}

/// The settings msmtp tracks per account (those mailconf reads).
const FIELDS: &[&str] = &[
    "tls_certcheck",
    "host",
    "port",
    "tls",
    "tls_starttls",
    "auth",
    "user",
    "password",
    "passwordeval",
    "from",
];

#[derive(Debug, Clone, Default)]
struct Acc {
    id: String,
    /// Line of `account`, 0 for the implicit `default`.
    line: usize,
    parents: Vec<String>,
    /// The account's own commands, in order.
    own: Vec<Cmd>,
    /// Effective values of [`FIELDS`] (own, inherited or from defaults).
    vals: Vec<(&'static str, Val)>,
    /// The fields the account sets itself or took from its parents (msmtp's
    /// mask): only these pass to an account that names it as a parent; what it
    /// took from `defaults` does not (the child has the defaults of its own place).
    mask: Vec<&'static str>,
    /// How many `defaults` commands came before the account.
    defaults_seen: usize,
}

impl Acc {
    /// A new account with these values (not the commands: a `defaults` block
    /// may hold thousands, copied into every account otherwise).
    fn copy_values(&self) -> Acc {
        Acc {
            vals: self.vals.clone(),
            ..Acc::default()
        }
    }

    fn get(&self, f: &str) -> Option<&Val> {
        self.vals
            .iter()
            .rev()
            .find(|(n, _)| *n == f)
            .map(|(_, v)| v)
    }

    fn set(&mut self, f: &'static str, v: Val) {
        self.vals.retain(|(n, _)| *n != f);
        self.vals.push((f, v));
    }

    /// The account's own last command named `name` (or one of `names`).
    fn own_cmd(&self, names: &[&str]) -> Option<&Cmd> {
        self.own
            .iter()
            .rev()
            .find(|c| names.contains(&c.name.as_str()))
    }
}

/// The field a command sets, with its normalized value.
fn normalize(name: &str, arg: &[u8]) -> Option<(&'static str, Vec<u8>)> {
    let f = match name {
        "tls_nostarttls" => return Some(("tls_starttls", b"off".to_vec())),
        "tls_nocertcheck" => return Some(("tls_certcheck", b"off".to_vec())),
        _ => FIELDS.iter().find(|f| **f == name)?,
    };
    let arg = match *f {
        // A bare `tls` / `tls_starttls` means on.
        "tls" | "tls_starttls" | "tls_certcheck" if arg.is_empty() => b"on".to_vec(),
        _ => arg.to_vec(),
    };
    Some((f, arg))
}

/// Whether msmtp accepts `arg` for `name` (the checks mailconf mirrors).
fn valid(name: &str, arg: &[u8]) -> bool {
    let a = arg;
    match name {
        "host" | "eval" => !a.is_empty(),
        "port" => std::str::from_utf8(a)
            .ok()
            .and_then(parse_c_int)
            .is_some_and(|p| (1..=65535).contains(&p)),
        "tls" | "tls_starttls" | "tls_certcheck" => a.is_empty() || a == b"on" || a == b"off",
        "auth" => {
            a.is_empty()
                || a == b"on"
                || a == b"off"
                || [
                    "scram-sha-256-plus",
                    "scram-sha-1-plus",
                    "scram-sha-256",
                    "scram-sha-1",
                    "plain",
                    "gssapi",
                    "external",
                    "oauthbearer",
                    "cram-md5",
                    "digest-md5",
                    "login",
                    "ntlm",
                    "xoauth2",
                ]
                .iter()
                .any(|m| m.as_bytes() == a)
        }
        "defaults" | "tls_nocertcheck" | "tls_nostarttls" => a.is_empty(),
        _ => true,
    }
}

/// `strtol(s, &end, 0)` accepting the whole string: decimal, `0x` hex, `0` octal.
fn parse_c_int(s: &str) -> Option<i64> {
    let (neg, t) = match s.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else if t.len() > 1 && t.starts_with('0') {
        i64::from_str_radix(&t[1..], 8).ok()?
    } else {
        t.parse::<i64>().ok()?
    };
    if t.is_empty() || t.starts_with(['+', '-']) {
        return None;
    }
    Some(if neg { -v } else { v })
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Splits line `line` of `src` as msmtp's `get_cmd` does.
fn split(src: &Source, line: usize) -> Option<Cmd> {
    let r = src.line_range(line);
    let bytes = &src.bytes()[r.clone()];
    let start = bytes.iter().position(|b| !is_blank(*b))?;
    if bytes[start] == b'#' {
        return None;
    }
    let name_end = bytes[start..]
        .iter()
        .position(|b| is_blank(*b))
        .map_or(bytes.len(), |p| start + p);
    let last = bytes.iter().rposition(|b| !is_blank(*b)).unwrap_or(start);
    let arg_start = bytes[name_end..]
        .iter()
        .position(|b| !is_blank(*b))
        .map_or(bytes.len(), |p| name_end + p);
    let arg_end = if arg_start > last {
        arg_start
    } else {
        last + 1
    };
    let raw = &bytes[arg_start..arg_end];
    let (arg, quoted) = if raw.len() >= 2 && raw[0] == b'"' && raw[raw.len() - 1] == b'"' {
        (raw[1..raw.len() - 1].to_vec(), true)
    } else {
        (raw.to_vec(), false)
    };
    Some(Cmd {
        line,
        name: lossy(&bytes[start..name_end]),
        arg,
        arg_span: r.start + arg_start..r.start + arg_end,
        cmd_span: r.start + start..r.start + last + 1,
        quoted,
    })
}

/// All accounts of the file (aliases included) and the notes.
fn read(src: &Source, parsed: &mut Parsed) -> Vec<Acc> {
    let mut defaults = Acc::default();
    let mut accounts: Vec<Acc> = Vec::new();
    // Account names to their index: a file may hold thousands.
    let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // None: no account yet; Some(None): in `defaults`; Some(Some(i)): account i.
    let mut current: Option<Option<usize>> = None;
    let mut defaults_seen = 0;
    for line in 1..=src.line_count() {
        if src.line(line).len() > MSMTP_MAX_LINE {
            parsed.note(src, line, NoteKind::ClientRefuses);
            continue;
        }
        let Some(cmd) = split(src, line) else {
            continue;
        };
        if !KNOWN.contains(&cmd.name.as_str()) || !valid(&cmd.name, &cmd.arg) {
            parsed.note(src, line, NoteKind::ClientRefuses);
            continue;
        }
        match cmd.name.as_str() {
            "eval" | "passwordeval" => parsed.note(src, line, NoteKind::CommandNotRun),
            _ => {}
        }
        if cmd.name == "eval" {
            // Its output would be a command line; mailconf does not run it.
            continue;
        }
        if current.is_none() && cmd.name != "account" && cmd.name != "defaults" {
            let mut a = defaults.copy_values();
            a.id = "default".into();
            a.line = 0;
            ids.insert(a.id.clone(), accounts.len());
            accounts.push(a);
            current = Some(Some(accounts.len() - 1));
        }
        match cmd.name.as_str() {
            "defaults" => {
                current = Some(None);
                defaults_seen += 1;
            }
            "account" => {
                let arg = lossy(&cmd.arg);
                let (id, parents) = match arg.split_once(':') {
                    Some((id, rest)) => (
                        id.trim_matches([' ', '\t', '"']).to_owned(),
                        rest.split(',')
                            .map(|p| p.trim_matches([' ', '\t', '"']).to_owned())
                            .collect::<Vec<_>>(),
                    ),
                    None => (arg.clone(), Vec::new()),
                };
                let bad = id.is_empty()
                    || id.contains([':', ','])
                    || ids.contains_key(&id)
                    || parents.iter().any(|p| p.is_empty() || !ids.contains_key(p));
                if bad {
                    parsed.note(src, line, NoteKind::ClientRefuses);
                    current = Some(Some(usize::MAX));
                    continue;
                }
                let mut a = defaults.copy_values();
                a.id = id;
                a.line = line;
                a.defaults_seen = defaults_seen;
                a.parents = parents.clone();
                for p in &parents {
                    if let Some(parent) = ids.get(p).and_then(|i| accounts.get(*i)) {
                        for (f, v) in parent.vals.clone() {
                            if !parent.mask.contains(&f) {
                                continue;
                            }
                            let origin = match v.origin {
                                Origin::Line(l) | Origin::Defaults(l) => Origin::Defaults(l),
                                Origin::Implied => Origin::Implied,
                            };
                            a.set(f, Val { arg: v.arg, origin });
                            if !a.mask.contains(&f) {
                                a.mask.push(f);
                            }
                        }
                    }
                }
                ids.insert(a.id.clone(), accounts.len());
                accounts.push(a);
                current = Some(Some(accounts.len() - 1));
            }
            _ => {
                let target = match current {
                    Some(None) => Some(&mut defaults),
                    Some(Some(i)) => accounts.get_mut(i),
                    None => None,
                };
                let Some(acc) = target else { continue };
                if let Some((f, arg)) = normalize(&cmd.name, &cmd.arg) {
                    let in_defaults = matches!(current, Some(None));
                    let origin = if in_defaults {
                        Origin::Defaults(line)
                    } else {
                        Origin::Line(line)
                    };
                    acc.set(f, Val { arg, origin });
                    if !in_defaults && !acc.mask.contains(&f) {
                        acc.mask.push(f);
                    }
                }
                acc.own.push(cmd);
            }
        }
    }
    accounts
}

fn auth_of(v: Option<&Val>) -> AuthMethod {
    let Some(v) = v else {
        return AuthMethod::None;
    };
    match v.arg.as_slice() {
        b"" | b"on" => AuthMethod::Automatic,
        b"off" => AuthMethod::None,
        b"plain" | b"login" => AuthMethod::Password,
        b"cram-md5" | b"digest-md5" => AuthMethod::EncryptedPassword,
        m if m.starts_with(b"scram") => AuthMethod::EncryptedPassword,
        b"oauthbearer" | b"xoauth2" => AuthMethod::Oauth2,
        b"gssapi" => AuthMethod::Gssapi,
        b"ntlm" => AuthMethod::Ntlm,
        b"external" => AuthMethod::External,
        other => AuthMethod::Other(lossy(other)),
    }
}

fn setting<T>(v: Option<&Val>, value: T) -> Setting<T> {
    Setting {
        value,
        origin: v.map_or(Origin::Implied, |v| v.origin),
    }
}

/// Security and where it comes from: the later of `tls` and `tls_starttls` lines.
fn security_of(a: &Acc) -> Setting<Security> {
    let tls = a.get("tls");
    let starttls = a.get("tls_starttls");
    let on = |v: Option<&Val>, default: bool| v.map_or(default, |v| v.arg == b"on");
    let value = match (on(tls, false), on(starttls, true)) {
        (false, _) => Security::Plain,
        (true, true) => Security::Starttls,
        (true, false) => Security::Tls,
    };
    let origin = match (tls, starttls) {
        (Some(t), Some(s)) if value != Security::Plain => {
            if t.origin.line() >= s.origin.line() {
                t.origin
            } else {
                s.origin
            }
        }
        (Some(t), _) => t.origin,
        (None, _) => Origin::Implied,
    };
    Setting { value, origin }
}

/// Reads an msmtprc.
pub(crate) fn parse(src: &Source) -> Parsed {
    let mut parsed = Parsed::default();
    let accs = read(src, &mut parsed);
    for (i, a) in accs.iter().enumerate() {
        // `account default : gmail` with nothing of its own: an alias, not another
        // account, unless a `defaults` block between them gave it other values.
        // (The same `defaults` as the parent: after another `defaults` block it
        // has other values, whatever they are.)
        let same_as_parent = a.parents.first().is_some_and(|p| {
            accs.iter()
                .any(|b| b.id == *p && b.defaults_seen == a.defaults_seen)
        });
        if a.own.is_empty() && a.parents.len() == 1 && i > 0 && same_as_parent {
            continue;
        }
        let security = security_of(a);
        let port_val = a.get("port");
        let port = match port_val.and_then(|v| std::str::from_utf8(&v.arg).ok()) {
            Some(p) => setting(
                port_val,
                parse_c_int(p)
                    .and_then(|p| u16::try_from(p).ok())
                    .unwrap_or(25),
            ),
            None => Setting::implied(if security.value == Security::Tls {
                465
            } else {
                25
            }),
        };
        let host = a.get("host");
        let password = if let Some(p) = a.get("password").filter(|p| !p.arg.is_empty()) {
            Password::InFile {
                secret: Secret::from(lossy(&p.arg).as_str()),
                line: p.origin.line().unwrap_or(0),
            }
        } else if let Some(p) = a.get("passwordeval").filter(|p| !p.arg.is_empty()) {
            Password::Command {
                command: lossy(&p.arg),
                line: p.origin.line().unwrap_or(0),
            }
        } else {
            Password::NotInFile
        };
        let user = a.get("user").filter(|u| !u.arg.is_empty());
        parsed.accounts.push(Account {
            name: a.id.clone(),
            line: a.line.max(1),
            protocol: Protocol::Smtp,
            host: setting(host, host.map(|h| lossy(&h.arg)).unwrap_or_default()),
            port,
            security,
            starttls_optional: false,
            certificate_checked: a.get("tls_certcheck").is_none_or(|v| v.arg == b"on"),
            auth: setting(a.get("auth"), auth_of(a.get("auth"))),
            username: user.map(|u| setting(Some(u), lossy(&u.arg))),
            password,
            address: a
                .get("from")
                .map(|f| lossy(&f.arg))
                .filter(|f| !f.is_empty()),
            leave_on_server: None,
            active: true,
            smtp: None,
            place: Place::Msmtp(Locator { id: a.id.clone() }),
        });
    }
    parsed
}

/// `value` as an msmtp argument: bare when msmtp reads it back unchanged, else in
/// double quotes (msmtp has no escapes, so a value cannot hold both quote ends).
fn arg_text(value: &str, keep_quotes: bool) -> String {
    let needs = value.is_empty()
        || value.starts_with([' ', '\t'])
        || value.ends_with([' ', '\t'])
        || (value.len() >= 2 && value.starts_with('"') && value.ends_with('"'));
    if needs || keep_quotes {
        format!("\"{value}\"")
    } else {
        value.to_owned()
    }
}

/// The fix for one account of an msmtprc.
pub(crate) fn fix(src: &Source, account: &Account, want: &Corrected) -> Result<Plan, FixError> {
    let Place::Msmtp(loc) = &account.place else {
        return Err(FixError::Unsupported("not an msmtp account".into()));
    };
    let mut scratch = Parsed::default();
    let accs = read(src, &mut scratch);
    let a = accs
        .iter()
        .find(|a| a.id == loc.id)
        .ok_or_else(|| FixError::Unsupported(format!("account {} not found", loc.id)))?;
    let nl = src.newline();
    let mut plan = Plan::new();
    // New lines go after the account's last own command, with its indentation.
    let (insert_at, indent) = match a.own.last() {
        Some(c) => {
            let r = src.line_range(c.line);
            let ind: Vec<u8> = src.bytes()[r.clone()]
                .iter()
                .take_while(|b| is_blank(**b))
                .copied()
                .collect();
            (src.line_range(c.line).end, lossy(&ind))
        }
        None if a.line > 0 => (src.line_range(a.line).end, String::new()),
        None => (0, String::new()),
    };
    let mut inserts: Vec<String> = Vec::new();
    let set = |plan: &mut Plan,
               inserts: &mut Vec<String>,
               names: &[&str],
               cmd: &str,
               field: Field,
               value: &str,
               before: String|
     -> Result<(), FixError> {
        let line_text = format!("{cmd} {value}");
        if line_text.len() + indent.len() > MSMTP_MAX_LINE {
            return Err(FixError::Unrepresentable {
                format: "msmtp",
                field,
                reason: "msmtp reads lines of at most 500 bytes".into(),
            });
        }
        match a.own_cmd(names) {
            Some(c) if c.name == cmd => {
                plan.edits
                    .push(Edit::replace(c.arg_span.clone(), value.as_bytes()));
                plan.change(field, c.line, before, line_text);
            }
            Some(c) => {
                // `tls_nostarttls` and the like: the whole command is rewritten.
                plan.edits
                    .push(Edit::replace(c.cmd_span.clone(), line_text.as_bytes()));
                plan.change(field, c.line, before, line_text);
            }
            None => {
                let line = src.line_of(insert_at.saturating_sub(1)).max(a.line);
                plan.change(field, line, before, line_text.clone());
                inserts.push(line_text);
            }
        }
        Ok(())
    };

    if !account.host.value.eq_ignore_ascii_case(&want.host) {
        let keep = a.own_cmd(&["host"]).is_some_and(|c| c.quoted);
        set(
            &mut plan,
            &mut inserts,
            &["host"],
            "host",
            Field::Host,
            &arg_text(&want.host, keep),
            account.host.value.clone(),
        )?;
    }
    // An implied port follows `tls_starttls`, which may change below.
    let need_port = match account.port.origin {
        Origin::Implied => {
            (if want.security == Security::Tls {
                465
            } else {
                25
            }) != want.port
        }
        _ => account.port.value != want.port,
    };
    {
        if need_port {
            set(
                &mut plan,
                &mut inserts,
                &["port"],
                "port",
                Field::Port,
                &want.port.to_string(),
                account.port.value.to_string(),
            )?;
        }
    }
    if account.security.value != want.security {
        let before = security_label(account.security.value, false);
        let tls_on = a.get("tls").is_some_and(|v| v.arg == b"on");
        let starttls_on = a.get("tls_starttls").is_none_or(|v| v.arg == b"on");
        let (need_tls, need_starttls) = match want.security {
            Security::Tls => (true, Some(false)),
            Security::Starttls => (true, Some(true)),
            Security::Plain => (false, None),
        };
        if need_tls != tls_on {
            set(
                &mut plan,
                &mut inserts,
                &["tls"],
                "tls",
                Field::Security,
                if need_tls { "on" } else { "off" },
                before.clone(),
            )?;
        }
        if let Some(st) = need_starttls
            && st != starttls_on
        {
            set(
                &mut plan,
                &mut inserts,
                &["tls_starttls", "tls_nostarttls"],
                "tls_starttls",
                Field::Security,
                if st { "on" } else { "off" },
                before,
            )?;
        }
    }
    if !account.auth.value.satisfies(&want.auth) {
        let value = match want.auth {
            AuthMethod::None => "off",
            AuthMethod::EncryptedPassword => "cram-md5",
            AuthMethod::Oauth2 => "oauthbearer",
            AuthMethod::Gssapi => "gssapi",
            AuthMethod::Ntlm => "ntlm",
            AuthMethod::External => "external",
            // msmtp then picks the best the server offers (PLAIN inside TLS).
            _ => "on",
        };
        set(
            &mut plan,
            &mut inserts,
            &["auth"],
            "auth",
            Field::Auth,
            value,
            account.auth.value.label().to_owned(),
        )?;
    }
    let user_now = account.username.as_ref().map(|u| u.value.as_str());
    if user_now != Some(want.username.as_str()) {
        let keep = a.own_cmd(&["user"]).is_some_and(|c| c.quoted);
        set(
            &mut plan,
            &mut inserts,
            &["user"],
            "user",
            Field::Username,
            &arg_text(&want.username, keep),
            user_now.unwrap_or("").to_owned(),
        )?;
    }
    if !inserts.is_empty() {
        let mut text = String::new();
        let at_start = insert_at == 0;
        for l in &inserts {
            if at_start {
                text.push_str(&format!("{indent}{l}{nl}"));
            } else {
                text.push_str(&format!("{nl}{indent}{l}"));
            }
        }
        plan.edits.push(Edit::insert(insert_at, text.into_bytes()));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> super::super::Loaded {
        super::super::parse(Path::new("msmtprc"), text.as_bytes().to_vec(), None).unwrap()
    }

    const RC: &str = "# my msmtp
defaults
auth           on
tls            on
tls_trust_file /etc/ssl/certs/ca-certificates.crt
logfile        ~/.msmtp.log

# 163, set up in 2012
account        163
host           smtp.163.com
port           25
tls            off
from           zhang@163.com
user           zhang@163.com
password       \"hunter2 with spaces\"

account qq : 163
host smtp.qq.com
from 12345@qq.com
user 12345@qq.com
passwordeval   \"secret-tool lookup host smtp.qq.com\"

account default : qq
";

    #[test]
    fn reads_accounts_defaults_and_parents() {
        let l = load(RC);
        assert_eq!(l.accounts.len(), 2, "{:?}", l.accounts);
        let a = &l.accounts[0];
        assert_eq!(a.name, "163");
        assert_eq!(a.host.value, "smtp.163.com");
        assert_eq!(a.port, Setting::at(25, 11));
        assert_eq!(a.security.value, Security::Plain);
        assert_eq!(a.auth.value, AuthMethod::Automatic);
        assert_eq!(a.auth.origin, Origin::Defaults(3));
        assert_eq!(a.password.secret().unwrap().expose(), "hunter2 with spaces");
        let q = &l.accounts[1];
        assert_eq!(q.host.value, "smtp.qq.com");
        assert_eq!(q.port.origin, Origin::Defaults(11));
        assert_eq!(q.security.value, Security::Plain);
        // msmtp uses an inherited `password` before `passwordeval`.
        assert!(matches!(&q.password, Password::InFile { line: 15, .. }));
        assert!(
            l.notes
                .iter()
                .any(|n| n.kind == NoteKind::CommandNotRun && n.line == 21)
        );
        let debug = format!("{l:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
    }

    #[test]
    fn fixes_only_the_wrong_fields() {
        let l = load(RC);
        let want = Corrected {
            host: "smtp.163.com".into(),
            port: 465,
            security: Security::Tls,
            auth: AuthMethod::Password,
            username: "zhang@163.com".into(),
        };
        // Alone, 163's fix would change qq, which inherits its port and TLS:
        // refused, naming qq. With qq's own correction, both change.
        assert!(
            matches!(l.fix(0, &want), Err(FixError::Shared { ref other, .. }) if other == "qq")
        );
        let want_qq_tls = Corrected {
            host: "smtp.qq.com".into(),
            username: "12345@qq.com".into(),
            ..want.clone()
        };
        let f = l.fix_all(&[(0, want.clone()), (1, want_qq_tls)]).unwrap();
        let text = String::from_utf8(f.bytes).unwrap();
        let want_text = RC
            .replace(
                "port           25\ntls            off\n",
                "port           465\ntls            on\n",
            )
            .replace(
                "password       \"hunter2 with spaces\"\n",
                "password       \"hunter2 with spaces\"\ntls_starttls off\n",
            );
        assert_eq!(text, want_text);
        assert_eq!(f.changes.len(), 3, "{:?}", f.changes);
        // The child account inherits port 25 / tls off from its parent: new lines
        // in its own block, the parent untouched.
        let want_qq = Corrected {
            host: "smtp.qq.com".into(),
            port: 587,
            security: Security::Starttls,
            auth: AuthMethod::Password,
            username: "12345@qq.com".into(),
        };
        let f = l.fix(1, &want_qq).unwrap();
        let text = String::from_utf8(f.bytes).unwrap();
        assert_eq!(
            text,
            RC.replace(
                "passwordeval   \"secret-tool lookup host smtp.qq.com\"\n",
                "passwordeval   \"secret-tool lookup host smtp.qq.com\"\nport 587\ntls on\n"
            )
        );
        // Plaintext is never written.
        let plain = Corrected {
            host: "SMTP.163.com".into(),
            port: 25,
            security: Security::Plain,
            auth: AuthMethod::Password,
            username: "zhang@163.com".into(),
        };
        assert!(matches!(
            l.fix(0, &plain),
            Err(FixError::Invalid {
                field: Field::Security,
                ..
            })
        ));
    }

    #[test]
    fn refused_and_odd_lines() {
        let l = load("host a.example\nfrobnicate yes\nport 0x1d1\ntls_nostarttls\ntls\n\n  # c\n");
        assert_eq!(l.accounts[0].name, "default");
        assert_eq!(l.accounts[0].port.value, 465);
        assert_eq!(l.accounts[0].security.value, Security::Tls);
        assert_eq!(l.notes.len(), 1);
        assert_eq!(l.notes[0].kind, NoteKind::ClientRefuses);
        assert_eq!(l.notes[0].excerpt, "frobnicate yes");
        assert_eq!(parse_c_int("010"), Some(8));
        assert_eq!(parse_c_int("x"), None);
        assert_eq!(parse_c_int("--1"), None);
    }
}
