//! The readers of the settings a user already has (`mailconf::existing`) and the
//! fix writer: realistic fixtures for every format (tests/existing/), agreement
//! with the real clients' own parsers (`fetchmail --configdump`, `msmtp
//! --pretend`, `neomutt -Q`, getmail's RawConfigParser), round trips that change
//! exactly the wrong fields, the clients accepting every fixed file, hostile
//! input, and (through `tests/run`) fixed files logging in to the test Dovecot and
//! sending through the test Postfix.

use crate::export::{neomutt_query, run, tool};
use crate::servers::Servers;
use mailconf::existing::{
    self, AuthMethod, Corrected, Destination, Field, FixError, Kind, Loaded, NoteKind, Origin,
    Password, ReadError, fetchmail, thunderbird,
};
use mailconf::i18n::Lang;
use mailconf::providers::{Protocol, Security};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The password in the fixtures: it must never appear in anything mailconf shows.
const SENTINEL: &str = "S3cr3t-Pa55-wd";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/existing")
        .join(name)
}

fn load(name: &str) -> Loaded {
    existing::read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Copies a fixture into `dir` with mode `mode` (fetchmail and msmtp refuse rc
/// files others can read when they hold a password).
fn copy(dir: &Path, name: &str, mode: u32) -> PathBuf {
    let to = dir.join(Path::new(name).file_name().unwrap());
    std::fs::copy(fixture(name), &to).unwrap();
    std::fs::set_permissions(&to, std::fs::Permissions::from_mode(mode)).unwrap();
    to
}

pub(crate) fn write(dir: &Path, name: &str, text: &[u8], mode: u32) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    p
}

/// (protocol, host, port, security, STARTTLS optional, username).
type Row = (Protocol, String, u16, Security, bool, Option<String>);

fn rows(l: &Loaded) -> Vec<Row> {
    l.accounts
        .iter()
        .map(|a| {
            (
                a.protocol,
                a.host.value.clone(),
                a.port.value,
                a.security.value,
                a.starttls_optional,
                a.username.as_ref().map(|u| u.value.clone()),
            )
        })
        .collect()
}

/// A row from its words: `"pop3 pop.163.com 110 plain zhang@163.com"` (`starttls?`
/// for STARTTLS only if the server offers it, `-` for no username).
fn r(words: &str) -> Row {
    let w: Vec<&str> = words.split_whitespace().collect();
    let protocol = match w[0] {
        "pop3" => Pop3,
        "imap" => Imap,
        "smtp" => Smtp,
        p => panic!("protocol {p}"),
    };
    let (security, optional) = match w[3] {
        "plain" => (Plain, false),
        "starttls" => (Starttls, false),
        "starttls?" => (Starttls, true),
        "tls" => (Tls, false),
        s => panic!("security {s}"),
    };
    let user = (w[4] != "-").then(|| w[4].to_owned());
    (
        protocol,
        w[1].into(),
        w[2].parse().unwrap(),
        security,
        optional,
        user,
    )
}

/// Loads the fixture `name`, checks its kind (when given) and its accounts
/// (in [`r`]'s words), and returns it.
fn read_as(name: &str, kind: Option<Kind>, want: &[&str]) -> Loaded {
    let l = load(name);
    if let Some(kind) = kind {
        assert_eq!(l.kind, kind, "{name}");
    }
    let want: Vec<Row> = want.iter().map(|w| r(w)).collect();
    assert_eq!(rows(&l), want, "{name}");
    l
}

use Protocol::{Imap, Pop3, Smtp};
use Security::{Plain, Starttls, Tls};

#[test]
fn every_fixture_reads_as_its_client_would() {
    let l = read_as(
        "fetchmailrc",
        Some(Kind::Fetchmail),
        &[
            "pop3 pop.163.com 110 plain zhang@163.com",
            "pop3 pop.qq.com 110 starttls 12345@qq.com",
            "pop3 pop.sina.com 110 starttls wang_2009",
        ],
    );
    assert!(l.notes.is_empty(), "{:?}", l.notes);
    assert!(!l.accounts[2].active, "skip");
    assert_eq!(
        l.accounts[0].leave_on_server,
        Some(true),
        "keep from defaults"
    );
    assert_eq!(l.accounts[1].leave_on_server, Some(false), "nokeep");
    assert_eq!(l.accounts[2].auth.value, AuthMethod::Password);

    let l = read_as(
        "msmtprc",
        None,
        &[
            "smtp smtp.163.com 25 plain zhang@163.com",
            "smtp smtp.qq.com 25 plain 12345@qq.com",
            "smtp smtp.126.com 25 starttls li@126.com",
        ],
    );
    assert_eq!(l.accounts[0].auth.value, AuthMethod::Automatic);
    assert_eq!(l.accounts[0].auth.origin, Origin::Defaults(3));
    assert_eq!(
        l.accounts[1].port.origin,
        Origin::Defaults(10),
        "inherited from 163"
    );
    assert!(
        matches!(&l.accounts[2].password, Password::Command { command, line: 29 } if command.starts_with("secret-tool"))
    );
    assert_eq!(
        l.notes
            .iter()
            .map(|n| (n.line, n.kind.clone()))
            .collect::<Vec<_>>(),
        [(29, NoteKind::CommandNotRun)]
    );

    let l = read_as(
        "muttrc",
        None,
        &[
            "pop3 pop.163.com 110 starttls? zhang@163.com",
            "smtp smtp.163.com 25 starttls? zhang@163.com",
        ],
    );
    assert_eq!(
        l.notes.iter().map(|n| n.kind.clone()).collect::<Vec<_>>(),
        [
            NoteKind::SourceNotFollowed,
            NoteKind::CommandNotRun,
            NoteKind::HookNotRead
        ]
    );
    read_as(
        "neomuttrc",
        None,
        &[
            "imap imap.qq.com 993 tls 12345@qq.com",
            "smtp smtp.qq.com 465 tls 12345@qq.com",
        ],
    );

    let l = load("getmailrc");
    assert_eq!(rows(&l), [r("pop3 pop3.sina.com.cn 110 plain wang_2009")]);
    let l = load("getmailrc-qq");
    assert_eq!(rows(&l), [r("imap imap.qq.com 993 tls 12345@qq.com")]);
    assert!(l.accounts[0].certificate_checked);
    assert!(matches!(l.accounts[0].password, Password::Command { .. }));

    let l = read_as(
        "thunderbird/Profiles/k3v9x2.default-release",
        Some(Kind::Thunderbird),
        &[
            "pop3 pop.163.com 110 plain zhang",
            "imap imap.qq.com 993 tls 12345@qq.com",
            "smtp smtp.163.com 25 plain zhang",
            "smtp smtp.qq.com 465 tls 12345@qq.com",
        ],
    );
    assert_eq!(l.accounts[0].smtp, Some(2), "id1 sends with smtp1");
    assert_eq!(l.accounts[1].smtp, Some(3), "id2 uses the default server");
    assert_eq!(l.accounts[0].address.as_deref(), Some("zhang@163.com"));

    let l = read_as(
        "163.mobileconfig",
        None,
        &[
            "pop3 pop.163.com 110 plain zhang@163.com",
            "smtp smtp.163.com 25 plain zhang@163.com",
        ],
    );
    assert!(
        l.accounts[1].password.secret().is_some(),
        "same as incoming"
    );

    read_as(
        "163.mailconf.json",
        None,
        &[
            "pop3 pop.163.com 110 starttls zhang@163.com",
            "smtp smtp.163.com 25 starttls zhang@163.com",
        ],
    );

    read_as(
        "163.autoconfig.xml",
        Some(Kind::Autoconfig),
        &[
            "pop3 pop.163.com 110 plain %EMAILADDRESS%",
            "imap imap.163.com 993 tls %EMAILADDRESS%",
            "smtp smtp.163.com 25 plain %EMAILADDRESS%",
        ],
    );
}

#[test]
fn a_family_fetchmailrc_gives_every_user_of_every_poll() {
    let l = read_as(
        "fetchmailrc-accounts",
        None,
        &[
            "pop3 pop.163.com 110 starttls zhang@163.com",
            "pop3 pop.163.com 110 starttls li@163.com",
            "pop3 pop.qq.com 110 starttls 12345@qq.com",
            "pop3 pop.sina.com.cn 110 starttls wang_2009",
            "imap imap.example.com 993 tls wang@example.com",
            "pop3 pop.mail.yahoo.com.cn 110 starttls li_yahoo",
        ],
    );
    assert!(l.notes.is_empty(), "{:?}", l.notes);
    let keep: Vec<_> = l.accounts.iter().map(|a| a.leave_on_server).collect();
    assert_eq!(
        keep,
        [
            Some(false),
            Some(true),
            Some(false),
            Some(true),
            Some(false),
            Some(false)
        ],
        "`no keep` from the defaults, `keep` where a user says it"
    );
    let active: Vec<_> = l.accounts.iter().map(|a| a.active).collect();
    assert_eq!(active, [true, true, true, true, true, false]);
    assert_eq!(l.accounts[3].auth.value, AuthMethod::Password);
    // The passwords as fetchmail reads them (`\x40`, `;#` inside quotes).
    let pw: Vec<_> = l
        .accounts
        .iter()
        .map(|a| a.password.secret().map(|s| s.expose().to_owned()))
        .collect();
    assert_eq!(pw[1].as_deref(), Some("li-pw;#1"));
    assert_eq!(pw[3].as_deref(), Some("sina\"old"));
    // Li's account is the second user of the 163 poll, whose port both users
    // share: fixing Li alone would move Zhang to 995 without SSL. Refused,
    // naming Zhang's account; fixed together, both change and nothing else.
    let e = l
        .fix(1, &secure(Pop3, "pop.163.com", "li@163.com"))
        .unwrap_err();
    assert!(
        matches!(&e, FixError::Shared { other, line: 16 } if other.contains("zhang@163.com")),
        "{e:?}"
    );
    assert!(e.text(Lang::ZhHans).contains("zhang@163.com"));
    let f = l
        .fix_all(&[
            (0, secure(Pop3, "pop.163.com", "zhang@163.com")),
            (1, secure(Pop3, "pop.163.com", "li@163.com")),
        ])
        .unwrap();
    let (removed, added) = diff(
        &std::fs::read_to_string(fixture("fetchmailrc-accounts")).unwrap(),
        &String::from_utf8(f.bytes.clone()).unwrap(),
    );
    assert_eq!(removed, [17, 18, 19], "{added:?}");
    let again = existing::parse(Path::new(".fetchmailrc"), f.bytes.clone(), None).unwrap();
    let before = rows(&l);
    let after = rows(&again);
    assert_eq!(after[0], r("pop3 pop.163.com 995 tls zhang@163.com"));
    assert_eq!(after[1], r("pop3 pop.163.com 995 tls li@163.com"));
    assert_eq!(after[2..], before[2..]);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(agree_with_fetchmail(dir.path(), &f.bytes), Ok(6));
}

/// The family profile's accounts: 163 over POP, QQ over IMAP, each with its SMTP.
fn family_rows() -> Vec<Row> {
    vec![
        r("pop3 pop.163.com 110 plain zhang@163.com"),
        r("smtp smtp.163.com 25 plain zhang@163.com"),
        r("imap imap.qq.com 143 plain 12345@qq.com"),
        r("smtp smtp.qq.com 25 plain 12345@qq.com"),
    ]
}

#[test]
fn a_profile_of_several_payloads_reads_the_same_in_xml_binary_and_signed() {
    for (name, signed) in [
        ("family.mobileconfig", false),
        ("family-binary.mobileconfig", false),
        // openssl smime -sign -outform der -nodetach (DER, definite lengths).
        ("family-signed.mobileconfig", true),
        ("family-binary-signed.mobileconfig", true),
        // openssl cms -sign -stream (BER: the content in 4096-byte pieces).
        ("family-streamed-signed.mobileconfig", true),
    ] {
        let l = load(name);
        assert_eq!(l.kind, Kind::Apple, "{name}");
        assert_eq!(rows(&l), family_rows(), "{name}");
        let pw: Vec<_> = l
            .accounts
            .iter()
            .map(|a| a.password.secret().map(|s| s.expose().to_owned()))
            .collect();
        assert_eq!(
            pw,
            [
                Some(SENTINEL.to_owned()),
                Some(SENTINEL.to_owned()),
                Some("qq-OLD-code-1".to_owned()),
                Some("qq-OLD-code-1".to_owned())
            ],
            "{name}: the Wi-Fi payload's password is no account's"
        );
        let kinds: Vec<_> = l.notes.iter().map(|n| n.kind.clone()).collect();
        if signed {
            assert_eq!(kinds, [NoteKind::SignatureNotVerified], "{name}");
            // About the whole file: no line of a binary file is quoted.
            let said = mailconf::check::existing::note_line(&l.notes[0], Lang::En);
            assert_eq!(
                said,
                "the whole file: a signed profile: its content was read, its signature was not checked"
            );
            let said = mailconf::check::existing::note_line(&l.notes[0], Lang::ZhHans);
            assert!(said.starts_with("整个文件："), "{said}");
        } else {
            assert!(kinds.is_empty(), "{name}: {kinds:?}");
        }
    }
    // Apple's own reader agrees (Python's plistlib, the same library macOS
    // tools use), on the content openssl takes out of the signed file.
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner.plist");
    run(Command::new(tool("openssl"))
        .args(["cms", "-verify", "-noverify", "-inform", "der", "-in"])
        .arg(fixture("family-streamed-signed.mobileconfig"))
        .arg("-out")
        .arg(&inner));
    let out = run(Command::new(tool("python3"))
        .arg("-c")
        .arg(
            "import plistlib, sys\n\
             for p in plistlib.load(open(sys.argv[1], 'rb'))['PayloadContent']:\n\
             \x20 if p['PayloadType'] != 'com.apple.mail.managed': continue\n\
             \x20 for s in ('Incoming', 'Outgoing'):\n\
             \x20   print(p[s + 'MailServerHostName'], p[s + 'MailServerPortNumber'], p[s + 'MailServerUseSSL'], p[s + 'MailServerUsername'])",
        )
        .arg(&inner));
    let theirs: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    let ours: Vec<String> = family_rows()
        .iter()
        .map(|(_, h, p, s, _, u)| {
            let ssl = if *s == Plain { "False" } else { "True" };
            format!("{h} {p} {ssl} {}", u.as_deref().unwrap_or_default())
        })
        .collect();
    assert_eq!(ours, theirs);
    // Fixing QQ's IMAP (the third payload, after the Wi-Fi one) in the XML
    // profile changes its port and SSL switch only.
    let (removed, added, fixed) = fix_diff(
        "family.mobileconfig",
        2,
        &secure(Imap, "imap.qq.com", "12345@qq.com"),
    );
    assert_eq!(
        added,
        ["\t\t\t<integer>993</integer>", "\t\t\t<true/>"],
        "{fixed}"
    );
    assert_eq!(removed.len(), 2);
    let again = existing::parse(Path::new("a.mobileconfig"), fixed.into_bytes(), None).unwrap();
    let mut want = family_rows();
    want[2] = r("imap imap.qq.com 993 tls 12345@qq.com");
    assert_eq!(rows(&again), want);
    // A signed or binary profile is not edited: the error says why and what
    // to do, in each language, and names the command.
    for (name, e_want) in [
        ("family-signed.mobileconfig", "signed"),
        ("family-binary.mobileconfig", "binary"),
    ] {
        let l = load(name);
        let e = l
            .fix(2, &secure(Imap, "imap.qq.com", "12345@qq.com"))
            .unwrap_err();
        match (e_want, &e) {
            ("signed", FixError::SignedProfile) | ("binary", FixError::BinaryProfile) => {}
            _ => panic!("{name}: {e:?}"),
        }
        let texts: Vec<String> = [Lang::En, Lang::ZhHans, Lang::ZhHant]
            .into_iter()
            .map(|lang| e.text(lang))
            .collect();
        for t in &texts {
            assert!(t.contains("mailconf export --format apple"), "{t}");
        }
        assert!(texts[0].contains(e_want), "{}", texts[0]);
        assert_ne!(texts[1], texts[0]);
        assert_ne!(texts[2], texts[1]);
    }
}

#[test]
fn several_autoconfig_servers_and_a_minified_json_export_read_and_fix_in_place() {
    let l = read_as(
        "autoconfig-several.xml",
        Some(Kind::Autoconfig),
        &[
            "pop3 pop.163.com 110 plain %EMAILADDRESS%",
            "pop3 pop.qq.com 110 plain %EMAILLOCALPART%",
            "imap imap.163.com 143 starttls %EMAILADDRESS%",
            "smtp smtp.163.com 25 plain %EMAILADDRESS%",
            "smtp smtp.qq.com 25 plain %EMAILADDRESS%",
        ],
    );
    // QQ's POP3 (children shuffled, host in CDATA): its two elements change,
    // the comment after one of them stays.
    let want = secure(Pop3, "pop.qq.com", "%EMAILLOCALPART%");
    let added = [
        "      <socketType>SSL</socketType><!-- QQ, order of the children shuffled -->",
        "      <port>995</port>",
    ];
    assert_fix("autoconfig-several.xml", 1, &want, &[19, 21], &added);
    // The port written as character references is replaced as a whole.
    let want = secure(Smtp, "smtp.qq.com", "%EMAILADDRESS%");
    let added = [
        "      <port>465</port>",
        "      <socketType>SSL</socketType>",
    ];
    let fixed = assert_fix("autoconfig-several.xml", 4, &want, &[41, 42], &added);
    let again = existing::parse(Path::new("config-v1.1.xml"), fixed.into_bytes(), None).unwrap();
    assert_eq!(
        rows(&again)[4],
        r("smtp smtp.qq.com 465 tls %EMAILADDRESS%")
    );
    assert_eq!(rows(&again)[..4], rows(&l)[..4]);

    // mailconf's JSON, minified, keys in another order, `\u` escapes.
    let l = read_as(
        "qq.mailconf.json",
        Some(Kind::MailconfJson),
        &[
            "pop3 pop.qq.com 110 plain 12345@qq.com",
            "smtp smtp.qq.com 25 plain 12345@qq.com",
        ],
    );
    assert_eq!(
        l.accounts[1].password.secret().map(|s| s.expose()),
        Some("qq-OLD-code-1")
    );
    let original = std::fs::read_to_string(fixture("qq.mailconf.json")).unwrap();
    let f = l
        .fix(1, &secure(Smtp, "smtp.qq.com", "12345@qq.com"))
        .unwrap();
    assert_eq!(
        String::from_utf8(f.bytes).unwrap(),
        original.replace(
            "\"smtp.qq.com\",\"port\":25,\"security\":\"plain\"",
            "\"smtp.qq.com\",\"port\":465,\"security\":\"tls\""
        ),
        "only the outgoing port and security, byte for byte elsewhere"
    );
}

const FIXTURES: &[&str] = &[
    "fetchmailrc",
    "msmtprc",
    "muttrc",
    "neomuttrc",
    "getmailrc",
    "getmailrc-qq",
    "thunderbird/Profiles/k3v9x2.default-release",
    "163.mobileconfig",
    "163.mailconf.json",
    "163.autoconfig.xml",
    "fetchmailrc-accounts",
    "msmtprc-accounts",
    "muttrc-accounts",
    "getmail/getmailrc-163",
    "getmail/getmailrc-163-imap",
    "getmail/getmailrc-qq-multidrop",
    "getmail/getmailrc-sina-ssl",
    "family.mobileconfig",
    "family-binary.mobileconfig",
    "family-signed.mobileconfig",
    "family-binary-signed.mobileconfig",
    "family-streamed-signed.mobileconfig",
    "autoconfig-several.xml",
    "qq.mailconf.json",
];

/// The corrected settings for an account: the provider's secure endpoint.
fn secure(protocol: Protocol, host: &str, user: &str) -> Corrected {
    let (port, security) = match protocol {
        Pop3 => (995, Tls),
        Imap => (993, Tls),
        Smtp => (465, Tls),
    };
    Corrected {
        host: host.into(),
        port,
        security,
        auth: AuthMethod::Password,
        username: user.into(),
    }
}

/// Every account of `l` corrected to its server's secure endpoint, with
/// `user` or (without it) the account's own username.
fn all_secure(l: &Loaded, user: Option<&str>) -> Vec<(usize, Corrected)> {
    l.accounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let own = a.username.as_ref().map_or("", |u| u.value.as_str());
            (i, secure(a.protocol, &a.host.value, user.unwrap_or(own)))
        })
        .collect()
}

#[test]
fn a_password_in_a_file_never_shows() {
    for name in FIXTURES {
        let l = load(name);
        let mut shown = format!("{l:?}");
        shown.push_str(&serde_json::to_string(&l.accounts).unwrap());
        for n in &l.notes {
            shown.push_str(&format!("{n:?}"));
        }
        for (i, a) in l.accounts.iter().enumerate() {
            let want = secure(a.protocol, &a.host.value, "someone@example.com");
            match l.fix(i, &want) {
                Ok(f) => shown.push_str(&format!("{:?}{:?}", f.changes, f.steps)),
                Err(e) => shown.push_str(&e.to_string()),
            }
        }
        for secret in [
            SENTINEL,
            "qq-OLD-code-1",
            "sina\"old",
            "li-pw;#1",
            "li pw with",
            "OLD\\code",
            "wifi-pass-1234",
        ] {
            assert!(
                !shown.contains(secret),
                "{name}: {secret} shown in\n{shown}"
            );
        }
    }
    // A line mailconf does not understand may hold one, mistyped: never shown.
    let l = existing::parse(
        Path::new("msmtprc"),
        format!("host a.example\npasword {SENTINEL}\n").into_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(l.notes[0].kind, NoteKind::ClientRefuses);
    assert!(!format!("{:?}", l.notes).contains(SENTINEL));
}

// ---------------------------------------------------------------------------
// Agreement with the clients' own parsers

/// One value of fetchmail's Python-literal dump: a string (`\\` and `\"`
/// escaped), `None`, `TRUE`/`FALSE`, a number, or a list or tuple of values.
fn py_value(s: &mut std::iter::Peekable<std::str::Chars>) -> serde_json::Value {
    use serde_json::Value;
    while s.peek().is_some_and(|c| c.is_whitespace()) {
        s.next();
    }
    match s.peek().copied() {
        Some(q @ ('"' | '\'')) => {
            s.next();
            let mut out = String::new();
            // fetchmail's visbuf(): `\n`, `\r`, `\t`, `\b`, `\0xHH` for other
            // control characters, `\\` and `\"`.
            while let Some(c) = s.next() {
                match c {
                    '\\' => match s.next() {
                        Some('n') => out.push('\n'),
                        Some('r') => out.push('\r'),
                        Some('t') => out.push('\t'),
                        Some('b') => out.push('\u{8}'),
                        Some('0') if s.peek() == Some(&'x') => {
                            s.next();
                            let hex: String = s.by_ref().take(2).collect();
                            out.extend(u8::from_str_radix(&hex, 16).ok().map(char::from));
                        }
                        other => out.extend(other),
                    },
                    c if c == q => break,
                    c => out.push(c),
                }
            }
            Value::String(out)
        }
        Some(open @ ('[' | '(')) => {
            s.next();
            let close = if open == '[' { ']' } else { ')' };
            let mut items = Vec::new();
            loop {
                while s.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
                    s.next();
                }
                if s.peek() == Some(&close) || s.peek().is_none() {
                    s.next();
                    break;
                }
                items.push(py_value(s));
            }
            Value::Array(items)
        }
        _ => {
            let word: String =
                std::iter::from_fn(|| s.next_if(|c| c.is_alphanumeric() || *c == '-')).collect();
            match word.as_str() {
                "None" => Value::Null,
                "TRUE" => Value::from(1),
                "FALSE" => Value::from(0),
                n => n.parse::<i64>().map(Value::from).unwrap_or(Value::Null),
            }
        }
    }
}

/// fetchmail's `--configdump` of `rc` as records (server fields merged into each
/// user), or fetchmail's message when it refuses the file. The dump is Python
/// source; it is read line by line here (one `"key":value,` a line).
pub(crate) fn configdump(dir: &Path, rc: &Path) -> Result<Vec<serde_json::Value>, String> {
    let out = Command::new(tool("fetchmail"))
        .arg("-f")
        .arg(rc)
        .arg("--configdump")
        .env("HOME", dir)
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut records = Vec::new();
    let mut server = serde_json::Map::new();
    let mut user: Option<serde_json::Map<String, serde_json::Value>> = None;
    let mut in_servers = false;
    for line in text.lines() {
        // A second user's brace follows the first one's closing comma.
        let t = line.trim().trim_start_matches([',', ' ', '\t']);
        if t.starts_with("'servers'") {
            in_servers = true;
            continue;
        }
        if !in_servers {
            continue;
        }
        if t.starts_with("# Entry for site") {
            server = serde_json::Map::new();
        } else if t == "{" && server.contains_key("pollname") {
            user = Some(serde_json::Map::new());
        } else if t.starts_with('}') {
            if let Some(u) = user.take() {
                let mut r = server.clone();
                r.extend(u);
                records.push(serde_json::Value::Object(r));
            }
        } else if let Some(q) = t.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let Some(end) = t[1..].find(q) else { continue };
            let key = t[1..=end].to_owned();
            let rest = t[end + 2..].trim_start().trim_start_matches(':');
            let value = py_value(&mut rest.chars().peekable());
            match user.as_mut() {
                Some(u) => u.insert(key, value),
                None => server.insert(key, value),
            };
        }
    }
    Ok(records)
}

/// Compares mailconf's reading of `text` with fetchmail's, field by field.
fn agree_with_fetchmail(dir: &Path, text: &[u8]) -> Result<usize, String> {
    let rc = write(dir, "rc", text, 0o600);
    let theirs = configdump(dir, &rc)?;
    let ours = fetchmail::dump(text);
    let shown = String::from_utf8_lossy(text);
    assert_eq!(
        ours.len(),
        theirs.len(),
        "record count for\n{shown}\n{theirs:#?}"
    );
    let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
    for (o, t) in ours.iter().zip(&theirs) {
        let s = |k: &str| t[k].as_str().map(str::to_owned);
        let b = |k: &str| t[k].as_i64() == Some(1);
        assert_eq!(Some(o.pollname.clone()), s("pollname"), "{shown}");
        assert_eq!(o.active, b("active"), "active\n{shown}");
        assert_eq!(o.via, s("via"), "via\n{shown}");
        assert_eq!(Some(o.protocol.clone()), s("protocol"), "protocol\n{shown}");
        assert_eq!(o.service, s("service"), "service\n{shown}");
        assert_eq!(Some(o.auth.clone()), s("auth"), "auth\n{shown}");
        match &o.remote {
            Some(r) => assert_eq!(Some(r.clone()), s("remote"), "remote\n{shown}"),
            None => assert_eq!(s("remote").as_deref(), Some(user.as_str()), "{shown}"),
        }
        // The value itself, compared without printing it (the file is shown).
        let theirs_pw = t["password"].as_str();
        assert!(
            o.password.as_ref().map(|p| p.expose()) == theirs_pw,
            "password: mailconf read {}, fetchmail {} (values not shown)\n{shown}",
            if o.password.is_some() { "one" } else { "none" },
            if theirs_pw.is_some() { "one" } else { "none" },
        );
        if !o.localnames.is_empty() {
            let theirs: Vec<String> = t["localnames"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| match v.as_array() {
                    // A `remote=local` pair is dumped as a tuple.
                    Some(pair) => format!(
                        "{}={}",
                        pair[0].as_str().unwrap_or_default(),
                        pair[1].as_str().unwrap_or_default()
                    ),
                    None => v.as_str().unwrap_or_default().to_owned(),
                })
                .collect();
            assert_eq!(o.localnames, theirs, "localnames\n{shown}");
        }
        assert_eq!(o.keep, b("keep"), "keep\n{shown}");
        assert_eq!(o.ssl, b("ssl"), "ssl\n{shown}");
        assert_eq!(o.sslproto, s("sslproto"), "sslproto\n{shown}");
        assert_eq!(o.sslcertck, b("sslcertck"), "sslcertck\n{shown}");
    }
    Ok(ours.len())
}

#[test]
fn fetchmail_configdump_agrees_with_what_mailconf_read() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read(fixture("fetchmailrc")).unwrap();
    assert_eq!(agree_with_fetchmail(dir.path(), &fixture), Ok(3));
    let family = std::fs::read(self::fixture("fetchmailrc-accounts")).unwrap();
    assert_eq!(agree_with_fetchmail(dir.path(), &family), Ok(6));
    // Odd-but-valid syntax fetchmail accepts.
    let accepted = [
        "poll a.example\n",
        "server a.example protocol IMAP user u there\n",
        "poll a.example proto pop3 user \"u\" is \"l1\" \"l2\" here; user v password p\n",
        "defaults user d password dp ssl\npoll a.example proto imap\npoll b.example user e no ssl\n",
        "poll \"quoted host\" via 10.0.0.1 service pop3s auth cram-md5 user x pass y\n",
        "poll a.example port 995 user x=y here sslproto TLS1.2+ no sslcertck\n",
        "set daemon 60 poll a.example proto pop3 user 'u' password 'p\\x41\\0101' nokeep keep\n",
        "poll a.example proto auto preauth password user \\x75 options fetchall ssl\n",
        "# comment only\n\n# another\n",
        "poll a.example with proto pop3 and options uidl no dns\n  user u with password \"multi\\\nline\" is l here\n",
        "skip a.example proto kpop user k\n",
        // Quoted strings: fetchmail's escapes, and its reading of `\"` inside
        // double quotes (the quotes stay in the value).
        "poll a.example proto pop3 user u password \"a\\\"b\"\n",
        "poll a.example proto pop3 user u password 'a\"b' is l here\n",
        "poll a.example proto pop3 user u password \"a\\\\b\\tc\\x41\"\n",
        "poll a.example proto pop3 user u password \"p;#w\" no keep\n",
        "poll a.example proto pop3 user u password \"a\\x01b\\x7fc\\td\\x0ae\\x0df\\x08g\"\n",
        // Several users per poll, `here`/`there` either way round.
        "poll a.example proto POP3 user l here is \"r@x\" there password p1; user \"s@x\" there is m here password p2 keep\n",
        "defaults proto IMAP no keep\npoll a.example aka b.example c.example localdomains x.example user u password p\n",
    ];
    // fetchmail's keywords are lower case (protocol names all lower or all
    // upper): both refuse a keyword in other case.
    let refused = [
        "POLL a.example proto pop3 user u\n",
        "poll a.example PROTO pop3 user u\n",
        "poll a.example proto Pop3 user u\n",
        "DEFAULTS proto pop3\npoll a.example\n",
    ];
    let cases = accepted.iter().map(|t| (t, true));
    for (text, ok) in cases.chain(refused.iter().map(|t| (t, false))) {
        assert_eq!(
            agree_with_fetchmail(dir.path(), text.as_bytes()).is_ok(),
            ok,
            "fetchmail accepts: {ok}\n{text}"
        );
        let l = existing::parse(Path::new(".fetchmailrc"), text.as_bytes().to_vec(), None).unwrap();
        assert_eq!(
            l.notes.iter().any(|n| n.kind == NoteKind::ClientRefuses),
            !ok,
            "{text}: {:?}",
            l.notes
        );
    }
}

/// Pieces of server entries, user descriptions and user options, for random files.
const FM_SERVER: &[&str] = &[
    "via h9.example",
    "proto pop3",
    "proto IMAP",
    "protocol auto",
    "port 995",
    "service pop3s",
    "service 110",
    "auth password",
    "auth any",
    "preauth cram-md5",
    "uidl",
    "no dns",
    "timeout 30",
    "interval 2",
    "aka x.example y.example",
    "localdomains d.example",
    "with",
    "and",
    ";",
    ",",
    "proto APOP",
    "proto kpop",
    "envelope 1 X-Envelope-To",
    "no envelope",
    "tracepolls",
];
const FM_USERDEF: &[&str] = &[
    "user u1",
    "user \"u 2\" there",
    "username 'u3'",
    "user l1 l2 here",
    "user a=b here",
    "user \"x\\x40y\"",
    "user u4 there",
];
const FM_USER: &[&str] = &[
    "password p",
    "pass \"p w\"",
    "is l1 here",
    "is \"r\" there",
    "to l2",
    "keep",
    "nokeep",
    "no keep",
    "ssl",
    "no ssl",
    "sslproto ''",
    "sslproto TLS1.2+",
    "no sslcertck",
    "sslcertck",
    "fetchall",
    "options",
    "mda \"/bin/true\"",
    "folder INBOX Sent",
    "limit 5",
    "idle",
    "sslfingerprint \"AB:CD\"",
    "smtphost localhost",
    "antispam 571 550",
];
/// Words that break or bend the grammar.
const FM_WORDS: &[&str] = &[
    "poll",
    "skip",
    "defaults",
    "=",
    "here",
    "there",
    "no",
    "Pop3",
    "#c\n",
    "\\\n",
    "'q'",
    "\"\"",
    "-1",
    "keepx",
    "nouidl",
    "user",
    "is",
    "password",
    "set daemon 60",
    "ssl",
    "auth",
    "bad-header accept",
    "localdomains",
];

#[test]
fn fetchmail_and_mailconf_agree_on_random_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = StdRng::seed_from_u64(16);
    let pick = |rng: &mut StdRng, list: &[&str]| list[rng.random_range(0..list.len())].to_owned();
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..250 {
        let mut text = String::new();
        if rng.random_bool(0.2) {
            text.push_str("set daemon 300\n");
        }
        if rng.random_bool(0.3) {
            text.push_str("defaults ");
            for _ in 0..rng.random_range(0..3) {
                text.push_str(&pick(&mut rng, FM_SERVER));
                text.push(' ');
            }
            for _ in 0..rng.random_range(0..3) {
                text.push_str(&pick(&mut rng, FM_USER));
                text.push(' ');
            }
            text.push('\n');
        }
        for _ in 0..rng.random_range(1..4) {
            text.push_str(if rng.random_bool(0.8) {
                "poll "
            } else {
                "skip "
            });
            text.push_str(&pick(
                &mut rng,
                &["h1.example", "h2.example", "\"h 3\"", "'h4'"],
            ));
            for _ in 0..rng.random_range(0..4) {
                text.push(' ');
                text.push_str(&pick(&mut rng, FM_SERVER));
            }
            text.push('\n');
            for _ in 0..rng.random_range(0..3) {
                text.push_str("    ");
                text.push_str(&pick(&mut rng, FM_USERDEF));
                for _ in 0..rng.random_range(0..4) {
                    text.push(' ');
                    text.push_str(&pick(&mut rng, FM_USER));
                }
                text.push('\n');
            }
            if rng.random_bool(0.25) {
                text.push_str(&pick(&mut rng, FM_WORDS));
                text.push('\n');
            }
        }
        let ours =
            existing::parse(Path::new(".fetchmailrc"), text.clone().into_bytes(), None).unwrap();
        let we_refuse = ours.notes.iter().any(|n| n.kind == NoteKind::ClientRefuses);
        match agree_with_fetchmail(dir.path(), text.as_bytes()) {
            Ok(_) => {
                accepted += 1;
                assert!(
                    !we_refuse,
                    "fetchmail accepts, mailconf refuses:\n{text}\n{:?}",
                    ours.notes
                );
            }
            Err(msg) => {
                refused += 1;
                // Checks beyond the grammar (idle with several folders, multidrop
                // without envelope…) are fetchmail's business, not the reader's.
                let grammar = msg.contains("syntax error") || msg.contains("\"defaults\"");
                assert!(
                    we_refuse || !grammar,
                    "fetchmail refuses ({msg}), mailconf does not:\n{text}"
                );
            }
        }
    }
    // Both kinds were exercised.
    assert!(
        accepted > 50 && refused > 20,
        "{accepted} accepted, {refused} refused"
    );
}

/// `key = value` lines of `msmtp --pretend` for `account`.
fn msmtp_pretend(rc: &Path, home: &Path, account: &str, path: &str) -> Vec<(String, String)> {
    let out = Command::new(tool("msmtp"))
        .arg("-C")
        .arg(rc)
        .args(["-a", account, "--pretend"])
        .env("HOME", home)
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "msmtp -a {account}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// A `secret-tool` that leaves a mark when run, first on PATH.
fn stub_secret_tool(dir: &Path) -> (String, PathBuf) {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let mark = dir.join("secret-tool-ran");
    write(
        &bin,
        "secret-tool",
        format!("#!/bin/sh\ntouch '{}'\necho keyring-pw\n", mark.display()).as_bytes(),
        0o755,
    );
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, mark)
}

/// Compares every account mailconf read from `rc` with `msmtp --pretend`.
fn agree_with_msmtp(rc: &Path, home: &Path, path: &str, l: &Loaded) {
    for a in &l.accounts {
        let v = msmtp_pretend(rc, home, &a.name, path);
        let get = |k: &str| {
            v.iter()
                .find(|(x, _)| x == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(get("host"), a.host.value, "{}", a.name);
        assert_eq!(get("port"), a.port.value.to_string(), "{}", a.name);
        let (tls, starttls) = match a.security.value {
            Plain => ("off", None),
            Starttls => ("on", Some("on")),
            Tls => ("on", Some("off")),
        };
        assert_eq!(get("tls"), tls, "{}", a.name);
        if let Some(st) = starttls {
            assert_eq!(get("tls_starttls"), st, "{}", a.name);
        }
        let auth = get("auth");
        let agrees = match &a.auth.value {
            AuthMethod::None => auth == "none",
            AuthMethod::Automatic => auth == "choose",
            AuthMethod::Password => auth == "PLAIN" || auth == "LOGIN",
            AuthMethod::EncryptedPassword => auth.contains("MD5") || auth.starts_with("SCRAM"),
            other => panic!("{other:?}"),
        };
        assert!(agrees, "{}: auth {:?} vs {auth}", a.name, a.auth.value);
        assert_eq!(
            Some(get("user")),
            a.username.as_ref().map(|u| u.value.clone()),
            "{}",
            a.name
        );
        assert_eq!(
            get("from"),
            a.address.clone().unwrap_or_default(),
            "{}",
            a.name
        );
        match &a.password {
            Password::InFile { .. } => assert_eq!(get("password"), "*", "{}", a.name),
            Password::Command { command, .. } => assert_eq!(&get("passwordeval"), command),
            Password::NotInFile => assert_eq!(get("password"), "(not set)", "{}", a.name),
        }
    }
}

#[test]
fn msmtp_pretend_agrees_and_passwordeval_is_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mark) = stub_secret_tool(dir.path());
    let rc = copy(dir.path(), "msmtprc", 0o600);
    let l = existing::read(&rc).unwrap();
    assert!(!mark.exists(), "mailconf ran passwordeval");
    agree_with_msmtp(&rc, dir.path(), &path, &l);
    // msmtp itself does run it: the mark shows the stub was reachable.
    assert!(mark.exists(), "the stub secret-tool was not used by msmtp");
    // `account default : 163` is the same account as 163.
    let d = msmtp_pretend(&rc, dir.path(), "default", &path);
    assert!(d.contains(&("host".into(), "smtp.163.com".into())));
}

#[test]
fn msmtp_pretend_agrees_on_a_file_of_several_accounts_and_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mark) = stub_secret_tool(dir.path());
    let rc = copy(dir.path(), "msmtprc-accounts", 0o600);
    let l = existing::read(&rc).unwrap();
    assert!(!mark.exists(), "mailconf ran passwordeval");
    assert_eq!(
        rows(&l),
        [
            r("smtp smtp.163.com 25 plain zhang@163.com"),
            r("smtp smtp.163.com 25 plain li@163.com"),
            r("smtp smtp.qq.com 25 plain 12345@qq.com"),
            r("smtp smtp.sina.com.cn 587 starttls wang_2009"),
            r("smtp smtp.example.com 465 tls wang@example.com"),
            // After the second `defaults`: msmtp copies what 163's own block
            // set over the new defaults (465, TLS), not 163's inherited 25.
            r("smtp smtp.163.com 465 tls zhang@163.com"),
        ]
    );
    assert_eq!(
        l.accounts
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["163", "li163", "qq", "sina", "work", "default"]
    );
    assert!(
        matches!(&l.accounts[2].password, Password::Command { command, .. } if command.starts_with("secret-tool"))
    );
    assert!(
        matches!(&l.accounts[1].password, Password::InFile { secret, .. } if secret.expose() == "li pw with \\\"quotes\\\" and \\\\"),
        "msmtp has no escapes: only the outer quotes go"
    );
    agree_with_msmtp(&rc, dir.path(), &path, &l);
    // A comment after a value is not msmtp syntax: msmtp refuses the file, and
    // mailconf says so.
    let text = b"account a\nhost smtp.163.com\ntls off # plaintext\n";
    let bad = write(dir.path(), "bad-msmtprc", text, 0o600);
    let out = Command::new(tool("msmtp"))
        .arg("-C")
        .arg(&bad)
        .args(["-a", "a", "--pretend"])
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "msmtp accepted a trailing comment");
    let l = existing::parse(Path::new("msmtprc"), text.to_vec(), None).unwrap();
    assert!(
        l.notes.iter().any(|n| n.kind == NoteKind::ClientRefuses),
        "{:?}",
        l.notes
    );
}

#[test]
fn neomutt_reads_the_same_urls() {
    let dir = tempfile::tempdir().unwrap();
    for (name, vars) in [
        ("muttrc", ["folder", "smtp_url"]),
        ("neomuttrc", ["folder", "smtp_url"]),
    ] {
        let l = load(name);
        let v = neomutt_query(&fixture(name), dir.path(), &vars);
        assert_eq!(v.len(), 2, "{name}: {v:?}");
        for (url, a) in v.iter().zip(&l.accounts) {
            assert!(url.contains(&a.host.value), "{name}: {url} vs {:?}", a.host);
            let tls = url.split("://").next().unwrap().ends_with('s');
            assert_eq!(tls, a.security.value == Tls, "{name}: {url}");
            if a.port.origin != Origin::Implied {
                assert!(url.contains(&format!(":{}/", a.port.value)), "{url}");
            }
        }
    }
}

/// `text` without its `mailboxes` lines: given an IMAP mailbox, neomutt connects
/// to it while reading the file, and a parse check must not touch the network.
fn without_mailboxes(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("mailboxes"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_muttrc_of_two_accounts_reads_as_neomutt_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let l = load("muttrc-accounts");
    // What the file sets at the top level: 163's IMAP on 143 and SMTP on 25,
    // plaintext (`unset ssl_starttls`). QQ lives in hooks and `mailboxes`,
    // which take effect only when a mailbox is opened: noted, not read.
    assert_eq!(
        rows(&l),
        [
            r("imap imap.163.com 143 plain zhang@163.com"),
            r("smtp smtp.163.com 25 plain zhang@163.com"),
        ]
    );
    assert_eq!(
        l.notes
            .iter()
            .map(|n| (n.line, n.kind.clone()))
            .collect::<Vec<_>>(),
        [
            // QQ's mailboxes: on another server, set up only by the hooks.
            (17, NoteKind::MailboxElsewhere),
            (18, NoteKind::HookNotRead),
            (19, NoteKind::HookNotRead),
            (20, NoteKind::HookNotRead),
            (22, NoteKind::SourceNotFollowed),
            (23, NoteKind::CommandNotRun),
        ]
    );
    assert_eq!(l.accounts[0].address.as_deref(), Some("zhang@163.com"));
    assert!(
        matches!(&l.accounts[0].password, Password::InFile { line: 9, .. }),
        "imap_pass, its comment not part of it"
    );
    assert_eq!(
        l.accounts[1].password.secret().map(|s| s.expose()),
        Some(SENTINEL)
    );
    // neomutt agrees on every value mailconf took from the file.
    let text = std::fs::read_to_string(fixture("muttrc-accounts")).unwrap();
    let rc = write(
        dir.path(),
        "muttrc",
        without_mailboxes(&text).as_bytes(),
        0o600,
    );
    let v = neomutt_query(
        &rc,
        dir.path(),
        &[
            "folder",
            "smtp_url",
            "ssl_starttls",
            "ssl_force_tls",
            "imap_pass",
            "from",
            "record",
            "mail_check",
        ],
    );
    assert_eq!(
        v[0], "imap://zhang@163.com@imap.163.com:143/",
        "neomutt decodes the user"
    );
    assert_eq!(v[1], "smtp://zhang%40163.com@smtp.163.com:25/");
    assert_eq!((v[2].as_str(), v[3].as_str()), ("no", "no"));
    assert_eq!(v[4], SENTINEL);
    assert_eq!(v[5], "zhang@163.com");
    assert_eq!(v[6], "imap://zhang@163.com@imap.163.com:143/Sent Items");
    assert_eq!(v[7], "60", "the continued line");
    // Fixing each account changes its URL and nothing else, byte for byte:
    // quotes, the comment after the value and the other lines stay.
    let want = secure(Imap, "imap.163.com", "zhang@163.com");
    let added = ["set folder=\"imaps://zhang%40163.com@imap.163.com:993/\""];
    assert_fix("muttrc-accounts", 0, &want, &[7], &added);
    let want = secure(Smtp, "smtp.163.com", "zhang@163.com");
    let added = ["set smtp_url = smtps://zhang%40163.com@smtp.163.com:465/ # no TLS then"];
    let fixed = assert_fix("muttrc-accounts", 1, &want, &[10], &added);
    let rc = write(
        dir.path(),
        "muttrc",
        without_mailboxes(&fixed).as_bytes(),
        0o600,
    );
    assert_eq!(
        neomutt_query(&rc, dir.path(), &["smtp_url"]),
        ["smtps://zhang%40163.com@smtp.163.com:465/"]
    );
    // STARTTLS on 143 instead: `unset ssl_starttls` comes after `folder`, so
    // what turns it on must come after that line too. The switch is global:
    // the SMTP account gets mandatory STARTTLS as well (only stricter).
    let f = l
        .fix(
            0,
            &Corrected {
                port: 143,
                security: Starttls,
                ..secure(Imap, "imap.163.com", "zhang@163.com")
            },
        )
        .unwrap();
    let again = existing::parse(Path::new("muttrc"), f.bytes.clone(), None).unwrap();
    assert_eq!(
        rows(&again),
        [
            r("imap imap.163.com 143 starttls zhang@163.com"),
            r("smtp smtp.163.com 25 starttls zhang@163.com"),
        ]
    );
    let text = String::from_utf8(f.bytes).unwrap();
    let rc = write(
        dir.path(),
        "muttrc",
        without_mailboxes(&text).as_bytes(),
        0o600,
    );
    assert_eq!(
        neomutt_query(
            &rc,
            dir.path(),
            &["folder", "ssl_starttls", "ssl_force_tls"]
        ),
        ["imap://zhang@163.com@imap.163.com:143/", "yes", "yes"]
    );
}

/// getmail's own reader (RawConfigParser) of the `[retriever]` section.
pub(crate) fn getmail_retriever(rc: &Path) -> serde_json::Value {
    let out = run(Command::new(tool("python3"))
        .arg("-c")
        .arg(
            "import configparser, json, sys\n\
             c = configparser.RawConfigParser()\n\
             c.read(sys.argv[1], encoding='utf-8')\n\
             print(json.dumps(dict(c.items('retriever'))))",
        )
        .arg(rc));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn getmail_reads_the_same_retriever() {
    for name in ["getmailrc", "getmailrc-qq"] {
        let l = load(name);
        let a = &l.accounts[0];
        let v = getmail_retriever(&fixture(name));
        assert!(a.name.ends_with(v["type"].as_str().unwrap()), "{name}");
        assert_eq!(v["server"], a.host.value.as_str());
        assert_eq!(v["username"], a.username.as_ref().unwrap().value.as_str());
        if a.port.origin != Origin::Implied {
            assert_eq!(v["port"], a.port.value.to_string());
        }
        match &a.password {
            Password::InFile { secret, .. } => assert_eq!(v["password"], secret.expose()),
            Password::Command { command, .. } => {
                assert_eq!(v["password_command"], command.as_str())
            }
            Password::NotInFile => assert!(v.get("password").is_none()),
        }
    }
}

/// The retriever of `getmail --dump` for `rc`: its type and its `key="value"`
/// arguments, as getmail itself built it (destinations are made under `home`).
fn getmail_dump(rc: &Path, home: &Path) -> (String, std::collections::BTreeMap<String, String>) {
    for d in ["Mail/163", "Mail/inbox", "Mail/zhang", "Mail/li", "Maildir"] {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(home.join(d).join(sub)).unwrap();
        }
    }
    std::fs::write(home.join("Mail/sina.mbox"), b"").unwrap();
    let out = run(Command::new(tool("getmail"))
        .arg(format!("--rcfile={}", rc.display()))
        .arg(format!("--getmaildir={}", home.display()))
        .arg("--dump")
        .env("HOME", home)
        .env("LC_ALL", "C.UTF-8"));
    let dump = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = dump
        .lines()
        .find_map(|l| l.trim().strip_prefix("retriever:"))
        .unwrap_or_else(|| panic!("no retriever in\n{dump}"))
        .trim();
    let (kind, mut rest) = line.split_once('(').unwrap();
    let mut args = std::collections::BTreeMap::new();
    while let Some((key, after)) = rest.split_once("=\"") {
        let end = after.find("\", ").or_else(|| after.rfind("\")")).unwrap();
        args.insert(key.trim().to_owned(), after[..end].to_owned());
        rest = &after[(end + 3).min(after.len())..];
    }
    (kind.to_owned(), args)
}

#[test]
fn getmail_itself_agrees_on_every_retriever_type() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    for (name, want) in [
        (
            "getmail/getmailrc-163",
            r("pop3 pop.163.com 110 plain zhang@163.com"),
        ),
        (
            "getmail/getmailrc-163-imap",
            r("imap imap.163.com 143 plain zhang@163.com"),
        ),
        (
            "getmail/getmailrc-qq-multidrop",
            r("pop3 pop.qq.com 110 plain family@qq.com"),
        ),
        (
            "getmail/getmailrc-sina-ssl",
            r("pop3 pop3.sina.com.cn 995 tls wang_2009"),
        ),
        ("getmailrc-qq", r("imap imap.qq.com 993 tls 12345@qq.com")),
    ] {
        let l = load(name);
        assert_eq!(rows(&l), [want], "{name}");
        assert!(
            l.notes.iter().all(|n| n.kind == NoteKind::CommandNotRun),
            "{name}: {:?}",
            l.notes
        );
        let a = &l.accounts[0];
        let (kind, args) = getmail_dump(&fixture(name), home);
        assert!(a.name.ends_with(&kind), "{name}: {} vs {kind}", a.name);
        assert_eq!(kind.contains("SSL"), a.security.value == Tls, "{name}");
        assert_eq!(args["server"], a.host.value, "{name}");
        assert_eq!(
            args["port"],
            a.port.value.to_string(),
            "{name}: getmail's port"
        );
        assert_eq!(
            args["username"],
            a.username.as_ref().unwrap().value,
            "{name}"
        );
        match &a.password {
            Password::InFile { .. } => assert_eq!(args["password"], "*", "{name}"),
            Password::Command { .. } => assert_ne!(args["password_command"], "()", "{name}"),
            Password::NotInFile => panic!("{name}: no password"),
        }
    }
    // `Type:` and `:` delimiters, comments and the other sections stay as they
    // are; the fixed file is one getmail builds an SSL retriever from.
    let (removed, added, fixed) = fix_diff(
        "getmail/getmailrc-163",
        0,
        &secure(Pop3, "pop.163.com", "zhang@163.com"),
    );
    assert_eq!(removed, [10, 12], "{fixed}");
    assert_eq!(
        added[..2],
        ["Type: SimplePOP3SSLRetriever", "port = 995"],
        "{fixed}"
    );
    assert!(
        added[2..].iter().all(|l| l.starts_with("ca_certs")),
        "{added:?}"
    );
    let rc = write(home, "getmailrc", fixed.as_bytes(), 0o600);
    let (kind, args) = getmail_dump(&rc, home);
    assert_eq!(kind, "SimplePOP3SSLRetriever");
    assert_eq!(args["port"], "995");
    assert_eq!(args["username"], "zhang@163.com");
}

// ---------------------------------------------------------------------------
// Round trips: only the wrong fields change

/// Lines of `a` not in `b` (1-based) and lines of `b` not in `a`, by a longest
/// common subsequence of whole lines.
fn diff(a: &str, b: &str) -> (Vec<usize>, Vec<String>) {
    let a: Vec<&str> = a.split_inclusive('\n').collect();
    let b: Vec<&str> = b.split_inclusive('\n').collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j].trim_end().to_owned());
            j += 1;
        } else {
            removed.push(i + 1);
            i += 1;
        }
    }
    (removed, added)
}

/// Fixes account `index` of the fixture `name` to `want`; returns the lines the
/// fix removed (1-based) and added.
fn fix_diff(name: &str, index: usize, want: &Corrected) -> (Vec<usize>, Vec<String>, String) {
    let l = load(name);
    let f = l.fix(index, want).unwrap();
    let original = std::fs::read_to_string(l.path.clone()).unwrap();
    let fixed = String::from_utf8(f.bytes).unwrap();
    // Every change names a line the diff touches.
    let (removed, added) = diff(&original, &fixed);
    for c in &f.changes {
        assert!(
            removed.contains(&c.line) || !added.is_empty(),
            "{name}: change {c:?} not in the diff"
        );
    }
    (removed, added, fixed)
}

/// Fixes account `index` of the fixture `name` to `want`, checks the lines it
/// removed (1-based) and added, and returns the fixed text.
fn assert_fix(
    name: &str,
    index: usize,
    want: &Corrected,
    removed: &[usize],
    added: &[&str],
) -> String {
    let (r, a, fixed) = fix_diff(name, index, want);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    assert_eq!(
        (r.as_slice(), a.as_slice()),
        (removed, added),
        "{name}:\n{fixed}"
    );
    fixed
}

#[test]
fn fixing_changes_exactly_the_wrong_fields() {
    // fetchmail, 163: plaintext on 110 → SSL on 995: the explicit port changes,
    // `sslproto ''` (STARTTLS off) becomes TLS1.2+ and `ssl` is added.
    let (removed, added, _) = fix_diff(
        "fetchmailrc",
        0,
        &secure(Pop3, "pop.163.com", "zhang@163.com"),
    );
    assert_eq!(removed, [12, 14]);
    assert_eq!(
        added,
        [
            "poll pop.163.com with proto POP3 port 995:",
            "    fetchall, sslproto \"TLS1.2+\" ssl",
        ]
    );
    // QQ: only `ssl` (995 is fetchmail's port with `ssl`; the username stays).
    let (removed, added, _) = fix_diff(
        "fetchmailrc",
        1,
        &secure(Pop3, "pop.qq.com", "12345@qq.com"),
    );
    assert_eq!(removed, [18]);
    assert_eq!(
        added,
        ["    username '12345@qq.com' password 'qq-OLD-code-1' is zhang here nokeep ssl"]
    );
    // msmtp, 163 on 25 → 465 TLS: the port in place, `tls on` and
    // `tls_starttls off` added to its own block; qq (its child) untouched.
    // Alone, that would change qq too (it inherits 163's port): refused, named.
    let l = load("msmtprc");
    let e = l
        .fix(0, &secure(Smtp, "smtp.163.com", "zhang@163.com"))
        .unwrap_err();
    assert!(
        matches!(&e, FixError::Shared { other, line: 16 } if other == "qq"),
        "{e:?}"
    );
    let f = l
        .fix_all(&[
            (0, secure(Smtp, "smtp.163.com", "zhang@163.com")),
            (1, secure(Smtp, "smtp.qq.com", "12345@qq.com")),
        ])
        .unwrap();
    let fixed = String::from_utf8(f.bytes).unwrap();
    let (removed, added) = diff(
        &std::fs::read_to_string(fixture("msmtprc")).unwrap(),
        &fixed,
    );
    assert_eq!(removed, [10]);
    assert_eq!(added, ["port           465", "tls on", "tls_starttls off"]);
    assert!(fixed.contains("account qq : 163\nhost smtp.qq.com\n"));
    // msmtp, qq inherits 25 from 163: an override in qq's own block.
    let (removed, added, _) = fix_diff(
        "msmtprc",
        1,
        &Corrected {
            host: "smtp.qq.com".into(),
            port: 587,
            security: Starttls,
            auth: AuthMethod::Password,
            username: "12345@qq.com".into(),
        },
    );
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added, ["port 587", "tls on"]);
    // mutt: the POP URL and everything on the same server.
    let (removed, added, _) = fix_diff("muttrc", 0, &secure(Pop3, "pop.163.com", "zhang@163.com"));
    assert_eq!(removed, [5]);
    assert_eq!(
        added,
        ["set folder = \"pops://zhang%40163.com@pop.163.com/\""]
    );
    // getmail: the retriever type, host, user and a CA bundle; the port follows
    // the SSL retriever's default.
    let (removed, added, _) = fix_diff(
        "getmailrc",
        0,
        &secure(Pop3, "pop.sina.com", "wang_2009@sina.com"),
    );
    assert_eq!(removed, [3, 4, 5]);
    assert_eq!(
        added,
        [
            "type = SimplePOP3SSLRetriever",
            "server = pop.sina.com",
            "username = wang_2009@sina.com",
            "ca_certs = /etc/ssl/certs/ca-certificates.crt"
        ]
    );
    // Apple: port and UseSSL of the incoming side only.
    let (removed, added, _) = fix_diff(
        "163.mobileconfig",
        0,
        &secure(Pop3, "pop.163.com", "zhang@163.com"),
    );
    assert_eq!(removed, [19, 21]);
    assert_eq!(added, ["\t\t\t<integer>995</integer>", "\t\t\t<true/>"]);
    // JSON: port and security of the outgoing server.
    let (removed, added, _) = fix_diff(
        "163.mailconf.json",
        1,
        &secure(Smtp, "smtp.163.com", "zhang@163.com"),
    );
    assert_eq!(removed, [30, 31]);
    assert_eq!(added, ["    \"port\": 465,", "    \"security\": \"tls\","]);
    // Autoconfig: the POP3 server's port and socketType; the placeholder stays.
    let (removed, added, _) = fix_diff(
        "163.autoconfig.xml",
        0,
        &secure(Pop3, "pop.163.com", "%EMAILADDRESS%"),
    );
    assert_eq!(removed, [9, 10]);
    assert_eq!(
        added,
        [
            "      <port>995</port>",
            "      <socketType>SSL</socketType>"
        ]
    );
    // Nothing wrong: the same bytes, no changes.
    let l = load("neomuttrc");
    let f = l
        .fix(0, &secure(Imap, "imap.qq.com", "12345@qq.com"))
        .unwrap();
    assert!(f.changes.is_empty());
    assert_eq!(f.bytes, std::fs::read(fixture("neomuttrc")).unwrap());
}

#[test]
fn the_real_clients_accept_every_fixed_file() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    // fetchmail: every account fixed in turn, read back by fetchmail itself.
    let l = load("fetchmailrc");
    for (i, a) in l.accounts.iter().enumerate() {
        let f = l
            .fix(i, &secure(a.protocol, &a.host.value, "u@example.com"))
            .unwrap();
        let records = agree_with_fetchmail(home, &f.bytes)
            .unwrap_or_else(|e| panic!("fetchmail refuses the fixed file: {e}"));
        assert_eq!(records, 3);
        let again = existing::parse(Path::new(".fetchmailrc"), f.bytes.clone(), None).unwrap();
        let b = &again.accounts[i];
        assert_eq!((b.port.value, b.security.value), (995, Tls));
        assert_eq!(b.username.as_ref().unwrap().value, "u@example.com");
    }
    // msmtp: each account, checked by --pretend.
    let (path, _) = stub_secret_tool(home);
    // All together: 163's fix alone would change qq, which inherits from it.
    let l = load("msmtprc");
    let wants = all_secure(&l, Some("u@example.com"));
    let f = l.fix_all(&wants).unwrap();
    let rc = write(home, "msmtprc", &f.bytes, 0o600);
    for a in &l.accounts {
        let v = msmtp_pretend(&rc, home, &a.name, &path);
        for want in [
            ("port", "465"),
            ("tls", "on"),
            ("tls_starttls", "off"),
            ("user", "u@example.com"),
        ] {
            assert!(
                v.contains(&(want.0.into(), want.1.into())),
                "{}: {want:?} in {v:?}",
                a.name
            );
        }
    }
    // neomutt.
    for name in ["muttrc", "neomuttrc"] {
        let l = load(name);
        for (i, a) in l.accounts.iter().enumerate() {
            let f = l
                .fix(
                    i,
                    &Corrected {
                        security: Starttls,
                        port: match a.protocol {
                            Smtp => 587,
                            Pop3 => 110,
                            Imap => 143,
                        },
                        ..secure(a.protocol, "mail.example.com", "u@example.com")
                    },
                )
                .unwrap();
            let rc = write(home, name, &f.bytes, 0o600);
            let var = if a.protocol == Smtp {
                "smtp_url"
            } else {
                "folder"
            };
            let v = neomutt_query(&rc, home, &[var, "ssl_force_tls"]);
            assert!(v[0].contains("mail.example.com"), "{name}: {v:?}");
            assert_eq!(v[1], "yes", "{name}: STARTTLS is mandatory");
        }
    }
    // getmail: its parser reads the fixed file, and getmail instantiates it.
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(home.join("Maildir").join(sub)).unwrap();
    }
    let l = load("getmailrc");
    let f = l
        .fix(0, &secure(Pop3, "pop.sina.com", "wang_2009@sina.com"))
        .unwrap();
    let rc = write(home, "getmailrc", &f.bytes, 0o600);
    let out = run(Command::new(tool("getmail"))
        .arg(format!("--rcfile={}", rc.display()))
        .arg(format!("--getmaildir={}", home.display()))
        .arg("--dump")
        .env("HOME", home)
        .env("LC_ALL", "C.UTF-8"));
    let dump = String::from_utf8_lossy(&out.stdout);
    assert!(dump.contains("SimplePOP3SSLRetriever("), "{dump}");
    assert!(dump.contains("server=\"pop.sina.com\""), "{dump}");
    assert!(
        dump.contains("ca_certs=\"/etc/ssl/certs/ca-certificates.crt\""),
        "{dump}"
    );
    // The XML files stay well-formed (xmllint) and the profile a valid plist.
    for (name, i) in [("163.autoconfig.xml", 0), ("163.mobileconfig", 1)] {
        let l = load(name);
        let f = l
            .fix(
                i,
                &secure(l.accounts[i].protocol, "mail.example.com", "u@example.com"),
            )
            .unwrap();
        let p = write(home, name, &f.bytes, 0o644);
        run(Command::new(tool("xmllint")).arg("--noout").arg(&p));
        let again = existing::read(&p).unwrap();
        assert_eq!(again.accounts[i].host.value, "mail.example.com");
        assert_eq!(again.accounts[i].security.value, Tls);
    }
    let l = load("163.mobileconfig");
    let f = l
        .fix(0, &secure(Pop3, "pop.163.com", "zhang@163.com"))
        .unwrap();
    let p = write(home, "a.mobileconfig", &f.bytes, 0o644);
    let out = run(Command::new(tool("python3"))
        .arg("-c")
        .arg("import plistlib, sys; d = plistlib.load(open(sys.argv[1], 'rb'))['PayloadContent'][0]; print(d['IncomingMailServerPortNumber'], d['IncomingMailServerUseSSL'])")
        .arg(&p));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "995 True");
    // JSON stays JSON.
    let l = load("163.mailconf.json");
    let f = l
        .fix(0, &secure(Pop3, "pop.163.com", "zhang@163.com"))
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
    assert_eq!(v["incoming"]["port"], 995);
    assert_eq!(v["incoming"]["security"], "tls");
    assert_eq!(
        v["incoming"]["username_form"], "address",
        "the username did not change"
    );
    // A new username is a fixed one: `username_form` becomes null.
    let f = l.fix(0, &secure(Pop3, "pop.163.com", "zhang")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
    assert_eq!(v["incoming"]["username"], "zhang");
    assert!(v["incoming"]["username_form"].is_null());
    assert_eq!(v["outgoing"]["username_form"], "address");
}

#[test]
fn the_real_clients_accept_the_fixed_files_of_several_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    // msmtp: every account of the six fixed at once, each checked by --pretend.
    let (path, mark) = stub_secret_tool(home);
    let l = load("msmtprc-accounts");
    let wants = all_secure(&l, None);
    let f = l.fix_all(&wants).unwrap();
    let rc = write(home, "msmtprc", &f.bytes, 0o600);
    let again = existing::read(&rc).unwrap();
    let kinds: Vec<_> = again.notes.iter().map(|n| n.kind.clone()).collect();
    assert_eq!(kinds, [NoteKind::CommandNotRun], "passwordeval only");
    assert_eq!(again.accounts.len(), 6);
    agree_with_msmtp(&rc, home, &path, &again);
    for a in &again.accounts {
        assert_eq!((a.port.value, a.security.value), (465, Tls), "{}", a.name);
    }
    assert!(mark.exists(), "msmtp ran the stub passwordeval");
    // fetchmail: each poll of the family file (both users of the shared poll
    // together), read back by fetchmail itself.
    let l = load("fetchmailrc-accounts");
    for group in [vec![0, 1], vec![2], vec![3], vec![5]] {
        let wants: Vec<(usize, Corrected)> = group
            .iter()
            .map(|i| {
                let a = &l.accounts[*i];
                let user = a.username.as_ref().unwrap().value.clone();
                (*i, secure(Pop3, &a.host.value, &user))
            })
            .collect();
        let f = l.fix_all(&wants).unwrap();
        assert_eq!(agree_with_fetchmail(home, &f.bytes), Ok(6), "{group:?}");
    }
    // The autoconfig document stays well-formed XML.
    let l = load("autoconfig-several.xml");
    for (i, a) in l.accounts.iter().enumerate() {
        let user = a.username.as_ref().unwrap().value.clone();
        let f = l.fix(i, &secure(a.protocol, &a.host.value, &user)).unwrap();
        let p = write(home, "config-v1.1.xml", &f.bytes, 0o644);
        run(Command::new(tool("xmllint")).arg("--noout").arg(&p));
    }
    // Each account of the XML profile, loaded by plistlib: the payload's keys
    // changed, the Wi-Fi payload (its password too) as it was.
    let l = load("family.mobileconfig");
    for (i, a) in l.accounts.iter().enumerate() {
        let user = a.username.as_ref().unwrap().value.clone();
        let f = l.fix(i, &secure(a.protocol, &a.host.value, &user)).unwrap();
        let p = write(home, "a.mobileconfig", &f.bytes, 0o644);
        let out = run(Command::new(tool("python3"))
            .arg("-c")
            .arg(
                "import plistlib, sys\n\
                 c = plistlib.load(open(sys.argv[1], 'rb'))['PayloadContent']\n\
                 print(c[1]['Password'] == 'wifi-pass-1234', c[1]['SSID_STR'])\n\
                 for p in (c[0], c[2]):\n\
                 \x20 for s in ('Incoming', 'Outgoing'):\n\
                 \x20   print(p[s + 'MailServerPortNumber'], p[s + 'MailServerUseSSL'])",
            )
            .arg(&p));
        let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect();
        let mut want = vec!["True Family-5G".to_owned()];
        for (j, b) in l.accounts.iter().enumerate() {
            let (port, ssl) = if i == j {
                (
                    if b.protocol == Smtp {
                        465
                    } else {
                        secure(b.protocol, "", "").port
                    },
                    "True",
                )
            } else {
                (b.port.value, "False")
            };
            want.push(format!("{port} {ssl}"));
        }
        assert_eq!(lines, want, "account {i}");
    }
}

// ---------------------------------------------------------------------------
// Writing

#[test]
fn the_fixed_file_goes_next_to_the_original_with_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let rc = copy(dir.path(), "fetchmailrc", 0o600);
    let l = existing::read(&rc).unwrap();
    assert_eq!(l.mode, Some(0o600));
    let f = l
        .fix(0, &secure(Pop3, "pop.163.com", "zhang@163.com"))
        .unwrap();
    let written = l
        .write_fixed(&f, &Destination::NextToOriginal, false)
        .unwrap();
    assert_eq!(written, dir.path().join("fetchmailrc.mailconf-fixed"));
    let mode = std::fs::metadata(&written).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "0600 stays 0600");
    assert_eq!(std::fs::read(&written).unwrap(), f.bytes);
    assert_eq!(
        std::fs::read(&rc).unwrap(),
        std::fs::read(fixture("fetchmailrc")).unwrap(),
        "the original is untouched"
    );
    // Not twice without overwrite.
    assert!(
        l.write_fixed(&f, &Destination::NextToOriginal, false)
            .is_err()
    );
    l.write_fixed(&f, &Destination::NextToOriginal, true)
        .unwrap();
    // A 0640 original keeps 0640, past the umask.
    let rc = copy(dir.path(), "muttrc", 0o640);
    let l = existing::read(&rc).unwrap();
    let f = l
        .fix(0, &secure(Pop3, "pop.163.com", "zhang@163.com"))
        .unwrap();
    let p = l
        .write_fixed(&f, &Destination::Path(dir.path().join("out")), false)
        .unwrap();
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // Replacing through a symlink (dotfiles in a repository) replaces the file
    // the link points to and keeps the link.
    let real = copy(dir.path(), "msmtprc", 0o600);
    let link = dir.path().join(".msmtprc");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let l = existing::read(&link).unwrap();
    let f = l
        .fix(2, &secure(Smtp, "smtp.126.com", "li@126.com"))
        .unwrap();
    l.write_fixed(&f, &Destination::ReplaceOriginal, false)
        .unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&real).unwrap(), f.bytes);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).unwrap();
        }
    }
}

#[test]
fn thunderbird_profiles_user_js_and_the_lock() {
    let root = fixture("thunderbird");
    let profiles = thunderbird::profiles_in(&root);
    let names: Vec<(&str, bool)> = profiles
        .iter()
        .map(|p| (p.name.as_str(), p.default))
        .collect();
    assert_eq!(names, [("old", false), ("default-release", true)]);

    // A server without port or socket type: only the socket type is written, the
    // port then follows it (995 for POP3 over SSL/TLS).
    let old = existing::read(&root.join("Profiles/old.default")).unwrap();
    assert_eq!(old.accounts[0].port.origin, Origin::Implied);
    let f = old
        .fix(0, &secure(Pop3, "pop.sina.com.cn", "wang_2009"))
        .unwrap();
    let text = String::from_utf8(f.bytes).unwrap();
    assert!(
        text.contains("user_pref(\"mail.server.server1.socketType\", 3);"),
        "{text}"
    );
    assert!(!text.contains(".port\""), "{text}");
    assert_eq!(f.changes.len(), 1);

    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root, dir.path());
    let profile = dir.path().join("Profiles/k3v9x2.default-release");
    let prefs = std::fs::read(profile.join("prefs.js")).unwrap();
    let l = existing::read(&profile).unwrap();
    let f = l
        .fix(0, &secure(Pop3, "pop.163.com", "zhang@163.com"))
        .unwrap();
    let text = String::from_utf8(f.bytes.clone()).unwrap();
    assert!(
        text.contains("user_pref(\"mail.server.server2.port\", 995);"),
        "{text}"
    );
    assert!(text.contains("user_pref(\"mail.server.server2.socketType\", 3);"));
    assert!(text.contains("user_pref(\"mail.server.server2.realuserName\", \"zhang@163.com\");"));
    assert_eq!(f.steps.len(), 4);
    assert!(f.steps[1].zh_hans.contains("user.js"));
    assert!(f.changes.iter().any(|c| c.field == Field::Security));

    // While Thunderbird runs (a lock naming a live process): refused.
    let lock = profile.join("lock");
    std::os::unix::fs::symlink(format!("127.0.0.1:+{}", std::process::id()), &lock).unwrap();
    assert!(matches!(
        l.write_fixed(&f, &Destination::NextToOriginal, false),
        Err(existing::WriteError::Fix(FixError::ProfileInUse(_)))
    ));
    // A stale lock from a crash (no such process) does not block.
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink("127.0.0.1:+2147483646", &lock).unwrap();
    let p = l
        .write_fixed(&f, &Destination::NextToOriginal, false)
        .unwrap();
    assert_eq!(p, profile.join("user.js.mailconf-fixed"));
    // Replacing appends to the user's own user.js.
    std::fs::write(profile.join("user.js"), "user_pref(\"mine\", 1);").unwrap();
    let p = l
        .write_fixed(&f, &Destination::ReplaceOriginal, false)
        .unwrap();
    let user_js = std::fs::read_to_string(p).unwrap();
    assert!(
        user_js.starts_with("user_pref(\"mine\", 1);\n// mailconf"),
        "{user_js}"
    );
    assert_eq!(
        std::fs::read(profile.join("prefs.js")).unwrap(),
        prefs,
        "prefs.js is never touched"
    );
}

/// Another process holding an fcntl (POSIX record) lock on `path`, as
/// Thunderbird holds `.parentlock` while the profile is open (fcntl locks
/// belong to a process: one held by this test process would not conflict
/// with its own F_GETLK). The lock goes when the child is killed.
pub(crate) struct FcntlHolder(std::process::Child);

impl FcntlHolder {
    pub(crate) fn hold(path: &Path) -> FcntlHolder {
        use std::io::BufRead as _;
        let mut child = Command::new("python3")
            .arg("-c")
            .arg("import fcntl, sys\nf = open(sys.argv[1], 'a')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()\n")
            .arg(path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "locked", "the helper did not take the lock");
        FcntlHolder(child)
    }
}

impl Drop for FcntlHolder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Thunderbird's profile lock as Firefox and Thunderbird take it: an fcntl
/// lock on `.parentlock` while the profile is open, and a `lock` symlink
/// naming `ADDR:+PID`. A Flatpak Thunderbird (its own pid namespace: the
/// symlink's pid means nothing here) and one on another host (NFS home) hold
/// the profile; only a lock nobody holds is stale. It read the pid alone,
/// so both were written to.
#[test]
fn thunderbird_profile_lock_follows_the_fcntl_lock_and_the_host() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("thunderbird"), dir.path());
    let profile = dir.path().join("Profiles/k3v9x2.default-release");
    assert!(!thunderbird::profile_in_use(&profile), "no lock at all");
    let parentlock = profile.join(".parentlock");
    std::fs::write(&parentlock, b"").unwrap();
    let lock = profile.join("lock");
    let dead = "127.0.0.1:+2147483646";
    // Flatpak: the symlink names a pid that is not ours to see; the fcntl
    // lock on .parentlock is held.
    std::os::unix::fs::symlink(dead, &lock).unwrap();
    {
        let _held = FcntlHolder::hold(&parentlock);
        assert!(
            thunderbird::profile_in_use(&profile),
            "an fcntl lock on .parentlock holds the profile"
        );
        assert!(matches!(
            thunderbird::refuse_if_running(&profile),
            Err(FixError::ProfileInUse(_))
        ));
        // Without the symlink too.
        std::fs::remove_file(&lock).unwrap();
        assert!(thunderbird::profile_in_use(&profile), "fcntl alone");
    }
    // Nobody holds .parentlock and the pid is dead: left by a crash.
    std::os::unix::fs::symlink(dead, &lock).unwrap();
    assert!(!thunderbird::profile_in_use(&profile), "a stale lock");
    // Another host (NFS home): its pids cannot be checked from here.
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink("192.0.2.77:+2147483646", &lock).unwrap();
    assert!(
        thunderbird::profile_in_use(&profile),
        "a lock taken on another host"
    );
    // This host, a live process.
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(format!("127.0.0.1:+{}", std::process::id()), &lock).unwrap();
    assert!(thunderbird::profile_in_use(&profile), "a live pid here");
}

/// What an account says, field by field (the values, not where they came
/// from), for diffing an original and its fixed file.
fn settings(a: &existing::Account) -> std::collections::BTreeMap<&'static str, String> {
    let password = match &a.password {
        Password::NotInFile => "not-in-file".to_owned(),
        Password::InFile { secret, .. } => format!("in-file:{}", secret.expose()),
        Password::Command { command, .. } => format!("command:{command}"),
    };
    [
        ("host", a.host.value.clone()),
        ("port", a.port.value.to_string()),
        ("security", format!("{:?}", a.security.value)),
        ("starttls_optional", a.starttls_optional.to_string()),
        ("certificate_checked", a.certificate_checked.to_string()),
        ("auth", format!("{:?}", a.auth.value)),
        (
            "username",
            a.username
                .as_ref()
                .map(|u| u.value.clone())
                .unwrap_or_default(),
        ),
        ("password", password),
        ("address", a.address.clone().unwrap_or_default()),
        ("leave_on_server", format!("{:?}", a.leave_on_server)),
        ("active", a.active.to_string()),
    ]
    .into_iter()
    .collect()
}

/// The fields that differ between two accounts.
fn changed(a: &existing::Account, b: &existing::Account) -> Vec<&'static str> {
    let (x, y) = (settings(a), settings(b));
    x.iter()
        .filter(|(k, v)| y.get(*k) != Some(*v))
        .map(|(k, _)| *k)
        .collect()
}

/// The 1-based numbers of the lines that differ (the fixers edit in place:
/// the line count stays).
fn lines_changed(before: &[u8], after: &[u8]) -> Vec<usize> {
    let (b, a) = (
        String::from_utf8_lossy(before),
        String::from_utf8_lossy(after),
    );
    assert_eq!(b.lines().count(), a.lines().count(), "{a}");
    b.lines()
        .zip(a.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| i + 1)
        .collect()
}

/// The corrected settings `mailconf check` would give `a`: its own auth and
/// login name, the secure way in on `host`.
fn corrected_for(a: &existing::Account, host: &str, user: &str) -> Corrected {
    Corrected {
        auth: a.auth.value.clone(),
        ..secure(a.protocol, host, user)
    }
}

/// `fix_all` with several corrections in one file, as `mailconf check --fix`
/// makes them: a fetchmailrc with two wrong accounts (port and TLS in one,
/// the login name in the other) and a right one, and an msmtprc account with
/// two wrong fields (port and TLS) next to a right one. Exactly the wrong
/// fields change (line by line, and read back: every other setting, password
/// included, is as it was), and fetchmail and msmtp read what was meant.
#[test]
fn fix_all_with_several_corrections_changes_exactly_the_wrong_fields() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();

    // fetchmail.
    let rc = b"# three accounts\nset no bouncemail\n\npoll pop.a.example proto pop3 port 110\n    user 'a@a.example' password 'pa' is alice here\n\npoll pop.b.example proto pop3 port 995\n    user 'old-b' password 'pb' is bob here ssl\n\npoll pop.c.example proto pop3 port 995\n    user 'c@c.example' password 'pc' is carol here ssl\n";
    let l = existing::parse(Path::new(".fetchmailrc"), rc.to_vec(), None).unwrap();
    assert_eq!(l.accounts.len(), 3);
    let (a, b, c) = (&l.accounts[0], &l.accounts[1], &l.accounts[2]);
    let wants = [
        (0, corrected_for(a, "pop.a.example", "a@a.example")),
        (1, corrected_for(b, "pop.b.example", "b@b.example")),
        (2, corrected_for(c, "pop.c.example", "c@c.example")),
    ];
    let f = l.fix_all(&wants).unwrap();
    let fields: Vec<(usize, Field)> = f.changes.iter().map(|c| (c.line, c.field)).collect();
    assert!(
        fields.iter().all(|(line, _)| [4, 5, 7, 8].contains(line)),
        "{fields:?}"
    );
    let mut what: Vec<Field> = f.changes.iter().map(|c| c.field).collect();
    what.sort_by_key(|f| format!("{f:?}"));
    assert_eq!(
        what,
        [Field::Port, Field::Security, Field::Username],
        "{fields:?}"
    );
    let lines = lines_changed(rc, &f.bytes);
    assert!(
        lines.iter().any(|l| [4, 5].contains(l))
            && lines.iter().any(|l| [7, 8].contains(l))
            && lines.iter().all(|l| [4, 5, 7, 8].contains(l)),
        "{lines:?}\n{}",
        String::from_utf8_lossy(&f.bytes)
    );
    let again = existing::parse(Path::new(".fetchmailrc"), f.bytes.clone(), None).unwrap();
    assert_eq!(changed(a, &again.accounts[0]), ["port", "security"]);
    assert_eq!(changed(b, &again.accounts[1]), ["username"]);
    assert!(changed(c, &again.accounts[2]).is_empty());
    assert_eq!(again.accounts[0].port.value, 995);
    assert_eq!(again.accounts[0].security.value, Tls);
    assert_eq!(
        again.accounts[1].username.as_ref().unwrap().value,
        "b@b.example"
    );
    // fetchmail reads the same, and the values meant.
    assert_eq!(agree_with_fetchmail(home, &f.bytes), Ok(3));
    let rc_path = write(home, "fixed-fetchmailrc", &f.bytes, 0o600);
    let theirs = configdump(home, &rc_path).unwrap();
    assert_eq!(theirs[0]["ssl"].as_i64(), Some(1), "{:#?}", theirs[0]);
    assert_eq!(theirs[1]["remote"], "b@b.example", "{:#?}", theirs[1]);

    // msmtp: two wrong fields in one account.
    let rc = b"defaults\nauth on\ntls_trust_file /etc/ssl/certs/ca-certificates.crt\n\naccount old\nhost smtp.a.example\nport 25\ntls off\nfrom a@a.example\nuser a@a.example\npassword pa\n\naccount good\nhost smtp.c.example\nport 465\ntls on\ntls_starttls off\nfrom c@c.example\nuser c@c.example\npassword pc\n\naccount default : old\n";
    let l = existing::parse(Path::new("msmtprc"), rc.to_vec(), None).unwrap();
    let old = l.accounts.iter().position(|a| a.name == "old").unwrap();
    let good = l.accounts.iter().position(|a| a.name == "good").unwrap();
    let wants = [
        (
            old,
            corrected_for(&l.accounts[old], "smtp.a.example", "a@a.example"),
        ),
        (
            good,
            corrected_for(&l.accounts[good], "smtp.c.example", "c@c.example"),
        ),
    ];
    let f = l.fix_all(&wants).unwrap();
    let mut what: Vec<Field> = f.changes.iter().map(|c| c.field).collect();
    what.sort_by_key(|f| format!("{f:?}"));
    what.dedup();
    assert_eq!(what, [Field::Port, Field::Security], "{:?}", f.changes);
    assert!(
        f.changes.iter().all(|c| (5..=11).contains(&c.line)),
        "{:?}",
        f.changes
    );
    let again = existing::parse(Path::new("msmtprc"), f.bytes.clone(), None).unwrap();
    let by_name = |l: &Loaded, n: &str| l.accounts.iter().find(|a| a.name == n).unwrap().clone();
    assert_eq!(
        changed(&by_name(&l, "old"), &by_name(&again, "old")),
        ["port", "security"]
    );
    assert!(changed(&by_name(&l, "good"), &by_name(&again, "good")).is_empty());
    // msmtp's own reading: the old account's port and TLS changed and nothing
    // else; the good account and the default exactly as before.
    let (path, _) = stub_secret_tool(home);
    let before = write(home, "msmtprc-before", rc, 0o600);
    let after = write(home, "msmtprc-after", &f.bytes, 0o600);
    for account in ["old", "good", "default"] {
        let x = msmtp_pretend(&before, home, account, &path);
        let y = msmtp_pretend(&after, home, account, &path);
        let diff: Vec<&str> = y
            .iter()
            .filter(|kv| !x.contains(kv))
            .map(|(k, _)| k.as_str())
            .collect();
        if account == "good" {
            assert!(diff.is_empty(), "{account}: {diff:?}");
        } else {
            assert!(
                !diff.is_empty()
                    && diff
                        .iter()
                        .all(|k| ["port", "tls", "tls_starttls"].contains(k)),
                "{account}: {diff:?}\n{y:?}"
            );
            for want in [("port", "465"), ("tls", "on"), ("tls_starttls", "off")] {
                assert!(
                    y.contains(&(want.0.into(), want.1.into())),
                    "{account}: {want:?} in {y:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Bad input

#[test]
fn bad_files_get_clear_errors_and_the_others_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let huge = write(d, ".fetchmailrc", &vec![b'#'; 2 * 1024 * 1024], 0o600);
    let long = write(
        d,
        "msmtprc",
        format!("host a\n{}\n", "x".repeat(40_000)).as_bytes(),
        0o600,
    );
    let garbled = write(d, "a.mobileconfig", b"\x00\x01garbage\xff<plist", 0o644);
    let xml = write(
        d,
        "config-v1.1.xml",
        b"<clientConfig><emailProvider>",
        0o644,
    );
    let json = write(
        d,
        "x.json",
        b"{\"mailconf_export\": 1, \"incoming\": [",
        0o644,
    );
    let unknown = write(d, "notes.txt", b"hello\n", 0o644);
    // Outlook and Foxmail files: not read, and the error says what to do.
    for name in ["Outlook.pst", "Account.rec"] {
        let p = write(d, name, b"\x21\x42\x44\x4e binary", 0o644);
        let e = existing::read(&p).unwrap_err();
        assert!(matches!(e, ReadError::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("type your address"), "{e}");
    }
    let missing = d.join("nope");
    let good = d.join("msmtprc-good");
    std::fs::copy(fixture("msmtprc"), &good).unwrap();
    let paths = vec![
        huge.clone(),
        long.clone(),
        garbled.clone(),
        xml.clone(),
        json.clone(),
        unknown.clone(),
        missing.clone(),
        good.clone(),
    ];
    let results = existing::read_all(&paths);
    let msg = |i: usize| match &results[i] {
        Err(e) => e.to_string(),
        Ok(_) => panic!("{} read", paths[i].display()),
    };
    assert!(matches!(results[0], Err(ReadError::TooLarge { .. })));
    assert!(msg(0).contains(".fetchmailrc"), "{}", msg(0));
    assert!(matches!(
        results[1],
        Err(ReadError::LineTooLong { line: 2, .. })
    ));
    assert!(msg(1).contains("msmtprc:2"), "{}", msg(1));
    assert!(
        matches!(results[2], Err(ReadError::Syntax { .. })),
        "{}",
        msg(2)
    );
    assert!(msg(3).contains("config-v1.1.xml:1"), "{}", msg(3));
    assert!(msg(4).contains("x.json:1"), "{}", msg(4));
    assert!(matches!(results[5], Err(ReadError::UnknownFormat { .. })));
    assert!(matches!(results[6], Err(ReadError::Io { .. })));
    assert_eq!(
        results[7].as_ref().unwrap().accounts.len(),
        3,
        "the good file loads"
    );
    // A line not understood is listed and kept: the fix writes it back as it was.
    let text = "host a.example\nfrobnicate on\nport 25\n";
    let l = existing::parse(Path::new("msmtprc"), text.as_bytes().to_vec(), None).unwrap();
    assert_eq!(l.notes[0].line, 2);
    assert_eq!(l.notes[0].excerpt, "frobnicate on");
    let f = l.fix(0, &secure(Smtp, "a.example", "u")).unwrap();
    assert!(
        String::from_utf8(f.bytes)
            .unwrap()
            .contains("\nfrobnicate on\n")
    );
    // Hostile corrected values are refused.
    assert!(matches!(
        l.fix(0, &secure(Smtp, "a.example\nhost evil", "u")),
        Err(FixError::Invalid {
            field: Field::Host,
            ..
        })
    ));
    assert!(matches!(
        l.fix(0, &secure(Smtp, "a.example", "u\ntls off")),
        Err(FixError::Invalid {
            field: Field::Username,
            ..
        })
    ));
}

// ---------------------------------------------------------------------------
// Real servers (tests/run)

#[test]
fn a_fixed_fetchmailrc_logs_in_to_dovecot() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    // The settings of an old help page: POP3 on 110 without TLS.
    let text = format!(
        "# 2011\npoll {host} with proto POP3 port {port}\n    user \"{user}\" there with password \"{pass}\" keep\n    sslproto '' sslcertfile \"{ca}\"\n",
        host = s.host,
        port = s.port(110),
        user = s.user,
        pass = s.pass,
        ca = s.ca.display()
    );
    let rc = write(dir.path(), "fetchmailrc", text.as_bytes(), 0o600);
    let l = existing::read(&rc).unwrap();
    assert_eq!(l.accounts[0].security.value, Plain);
    // Dovecot refuses the login before STLS.
    let (code, log) = crate::roundtrip::fetchmail(&s, dir.path(), &rc, &["--check"]);
    assert!(
        !matches!(code, Some(0 | 1)),
        "the plaintext settings logged in:\n{log}"
    );
    assert!(!log.contains(&s.pass), "fetchmail printed the password");
    let f = l
        .fix(
            0,
            &Corrected {
                host: s.host.clone(),
                port: s.port(995),
                security: Tls,
                auth: AuthMethod::Password,
                username: s.user.clone(),
            },
        )
        .unwrap();
    let fixed = l
        .write_fixed(&f, &Destination::NextToOriginal, false)
        .unwrap();
    // `--check` logs in and counts: 0 with mail, 1 without.
    let (code, log) = crate::roundtrip::fetchmail(&s, dir.path(), &fixed, &["--check"]);
    assert!(
        matches!(code, Some(0 | 1)),
        "the fixed file did not log in ({code:?}):\n{log}"
    );
}

#[test]
fn a_fixed_msmtprc_sends_through_postfix() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    // Submission without TLS: Postfix wants STARTTLS before MAIL.
    let text = format!(
        "defaults\ntls_trust_file {ca}\nauth on\n\naccount test\nhost {host}\nport {port}\ntls off\nfrom {user}\nuser {user}\npassword {pass}\n\naccount default : test\n",
        ca = s.ca.display(),
        host = s.host,
        port = s.port(587),
        user = s.user,
        pass = s.pass
    );
    let rc = write(dir.path(), "msmtprc", text.as_bytes(), 0o600);
    let send = |rc: &Path, token: &str| {
        let message = format!(
            "From: {u}\r\nTo: {u}\r\nSubject: {token}\r\n\r\nfixed\r\n",
            u = s.user
        );
        let mut child = crate::roundtrip::client(
            &s,
            dir.path(),
            "msmtp",
            &["-C", rc.to_str().unwrap(), "-a", "test", &s.user],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), message.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = send(&rc, "mailconf-existing-refused");
    assert!(!out.status.success(), "sent without TLS");
    let l = existing::read(&rc).unwrap();
    let f = l
        .fix(
            0,
            &Corrected {
                host: s.host.clone(),
                port: s.port(465),
                security: Tls,
                auth: AuthMethod::Password,
                username: s.user.clone(),
            },
        )
        .unwrap();
    let fixed = l
        .write_fixed(&f, &Destination::NextToOriginal, false)
        .unwrap();
    let token = format!("mailconf-existing-fixed-{}", std::process::id());
    let out = send(&fixed, &token);
    assert!(
        out.status.success(),
        "the fixed msmtprc did not send: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut arrived = false;
    for _ in 0..100 {
        if crate::roundtrip::maildir_holds(&s.maildir, &token) {
            arrived = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        arrived,
        "the message sent with the fixed file did not arrive"
    );
}
