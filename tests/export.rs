//! Export: golden files for every format and provider, the real clients' parsers
//! (fetchmail, msmtp, neomutt, getmail6, xmllint, Python's plistlib) reading what
//! mailconf wrote, passwords only when asked, owner-only files, overwrite refusal,
//! atomic writes, and the `export` CLI.
//!
//! The providers are built here, not taken from `providers/`, so the golden files
//! change only when the export code does. The real-parser tests need the Debian
//! packages installed by `tests/harness/install-deps.sh`; a missing tool fails the
//! test with that hint (never a silent skip).

use mailconf::export::output::{OutputError, write_atomic};
use mailconf::export::{
    AccountSettings, EndpointVerdict, ExportError, ExportOptions, Format, ProbeVerified, Username,
    UuidSource, Verification,
};
use mailconf::i18n::Lang;
use mailconf::providers::autoconfig;
use mailconf::providers::{
    Address, Auth, AuthKind, Localized, Origin, Protocol, Provider, Quirk, Security, Server,
    Source, SourceKind, Status, UsernameForm,
};
use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

// ---------------------------------------------------------------------------
// Test providers

fn server(p: Protocol, host: &str, port: u16, sec: Security, user: UsernameForm) -> Server {
    Server {
        protocol: p,
        host: host.into(),
        port,
        security: sec,
        username: user,
        note: None,
        login: None,
    }
}

fn provider(
    id: &str,
    name: Localized,
    domains: &[&str],
    incoming: Vec<Server>,
    outgoing: Vec<Server>,
    kind: AuthKind,
) -> Provider {
    Provider {
        schema: None,
        id: id.into(),
        name,
        domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        mx_suffixes: vec![],
        status: Status::Active,
        incoming,
        outgoing,
        auth: Auth {
            kind,
            create_url: None,
            notes: None,
        },
        hints: vec![],
        help_urls: vec![],
        quirks: vec![],
        history: None,
        known_replies: vec![],
        sources: vec![Source {
            about: "test".into(),
            kind: SourceKind::GeneralKnowledge,
            url: None,
            checked: "2026-11".into(),
        }],
        origin: Origin::User,
        username_idn: Default::default(),
        oauth2: None,
    }
}

use Protocol::{Imap, Pop3, Smtp};
use Security::{Plain, Starttls, Tls};
use UsernameForm::{Address as Full, LocalPart};

fn netease_163() -> Provider {
    let mut p = provider(
        "163",
        Localized {
            en: "NetEase 163 Mail".into(),
            zh_hans: "网易163邮箱".into(),
            zh_hant: "網易163郵箱".into(),
        },
        &["163.com"],
        vec![
            server(Pop3, "pop.163.com", 110, Plain, Full),
            server(Pop3, "pop.163.com", 995, Tls, Full),
            server(Imap, "imap.163.com", 993, Tls, Full),
        ],
        vec![
            server(Smtp, "smtp.163.com", 25, Plain, Full),
            server(Smtp, "smtp.163.com", 465, Tls, Full),
            server(Smtp, "smtp.163.com", 994, Tls, Full),
        ],
        AuthKind::AuthorizationCode,
    );
    p.status = Status::NeedsSetup;
    p.auth.create_url = Some("https://mail.163.com/".into());
    p.hints = vec![Localized {
        en: "Settings → POP3/SMTP/IMAP: switch the services on and add an authorization code."
            .into(),
        zh_hans: "设置 → POP3/SMTP/IMAP：开启服务并新增授权码。".into(),
        zh_hant: "設定 → POP3/SMTP/IMAP：開啟服務並新增授權碼。".into(),
    }];
    p.quirks = vec![Quirk::ImapIdRequired, Quirk::ServiceOffByDefault];
    p
}

fn qq() -> Provider {
    let mut p = provider(
        "qq",
        Localized {
            en: "QQ Mail".into(),
            zh_hans: "QQ邮箱".into(),
            zh_hant: "QQ郵箱".into(),
        },
        &["qq.com", "foxmail.com"],
        vec![
            server(Pop3, "pop.qq.com", 995, Tls, Full),
            server(Imap, "imap.qq.com", 993, Tls, Full),
        ],
        vec![
            server(Smtp, "smtp.qq.com", 587, Starttls, Full),
            server(Smtp, "smtp.qq.com", 465, Tls, Full),
        ],
        AuthKind::AuthorizationCode,
    );
    p.quirks = vec![Quirk::CodeWithoutSpaces];
    p
}

fn gmail() -> Provider {
    let mut p = provider(
        "gmail",
        Localized::same("Gmail"),
        &["gmail.com", "googlemail.com"],
        vec![
            server(Imap, "imap.gmail.com", 993, Tls, Full),
            server(Pop3, "pop.gmail.com", 995, Tls, Full),
        ],
        vec![
            server(Smtp, "smtp.gmail.com", 465, Tls, Full),
            server(Smtp, "smtp.gmail.com", 587, Starttls, Full),
        ],
        AuthKind::AppPassword,
    );
    p.auth.create_url = Some("https://myaccount.google.com/apppasswords".into());
    p.quirks = vec![Quirk::Pop3RecentOnly];
    p
}

/// A user-defined provider for an internationalized domain (例子.中国), with
/// `%EMAILDOMAIN%` hosts, a local-part POP3 login, STARTTLS on IMAP and SMTP, and
/// markup characters in its name and hints.
fn custom_idn() -> Provider {
    let mut p = provider(
        "example-cn",
        Localized {
            en: "Example & Co <Mail>".into(),
            zh_hans: "例子 & 公司 <邮箱>".into(),
            zh_hant: "例子 & 公司 <郵箱>".into(),
        },
        &["xn--fsqu00a.xn--fiqs8s"],
        vec![
            server(Pop3, "mail.%EMAILDOMAIN%", 995, Tls, LocalPart),
            server(Imap, "mail.%EMAILDOMAIN%", 143, Starttls, LocalPart),
        ],
        vec![server(
            Smtp,
            "smtp.xn--fsqu00a.xn--fiqs8s",
            587,
            Starttls,
            Full,
        )],
        AuthKind::Password,
    );
    p.hints = vec![Localized {
        en: "Turn on \"POP3\" & <IMAP> in *Settings* [web].".into(),
        zh_hans: "在 *设置* 中开启 \"POP3\" & <IMAP>。".into(),
        zh_hant: "在 *設定* 中開啟 \"POP3\" & <IMAP>。".into(),
    }];
    p
}

const SPECIAL_NAME: &str = "张三 & \"Co\" <test>";
/// A password with every character some format must quote; starts with a token
/// found nowhere else.
const SENTINEL_PASSWORD: &str = "zq9Kx\"d\\ 'q' $HOME `x` %s #;&<>授权";

struct Case {
    name: &'static str,
    provider: Provider,
    address: &'static str,
    protocol: Protocol,
    display_name: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "163_pop3",
            provider: netease_163(),
            address: "zhang@163.com",
            protocol: Pop3,
            display_name: Some("张三"),
        },
        Case {
            name: "qq_pop3",
            provider: qq(),
            address: "10001@qq.com",
            protocol: Pop3,
            display_name: Some("李四"),
        },
        Case {
            name: "gmail_imap",
            provider: gmail(),
            address: "alice@gmail.com",
            protocol: Imap,
            display_name: Some("Alice O'Brien"),
        },
        Case {
            name: "custom_idn_pop3",
            provider: custom_idn(),
            address: "zhang@例子.中国",
            protocol: Pop3,
            display_name: Some(SPECIAL_NAME),
        },
        Case {
            name: "custom_idn_imap_starttls",
            provider: custom_idn(),
            address: "zhang@例子.中国",
            protocol: Imap,
            display_name: Some(SPECIAL_NAME),
        },
        // NetEase over IMAP: the ID command its quirk requires.
        Case {
            name: "163_imap",
            provider: netease_163(),
            address: "zhang@163.com",
            protocol: Imap,
            display_name: Some("张三"),
        },
    ]
}

fn settings(c: &Case) -> AccountSettings {
    let a = Address::parse(c.address).unwrap();
    let mut s = AccountSettings::from_provider(&c.provider, Some(&a), c.protocol).unwrap();
    s.display_name = c.display_name.map(str::to_owned);
    s
}

fn options() -> ExportOptions {
    ExportOptions {
        ca_file: None,
        uuids: UuidSource::Seeded(42),
    }
}

fn render(s: &AccountSettings, f: Format, lang: Lang) -> Result<String, ExportError> {
    f.exporter(&options()).render(s, lang)
}

fn probed(mut s: AccountSettings) -> AccountSettings {
    s.verified = Verification::Probed {
        when: "2026-11-20T08:30:00Z".into(),
        summary: ProbeVerified {
            incoming: EndpointVerdict {
                verdict: "TLS OK, certificate valid".into(),
                tls_version: Some("TLS 1.3".into()),
                cert_sha256: Some("AB:CD:EF:01".into()),
                login_ok: Some(true),
                in_words: None,
            },
            outgoing: EndpointVerdict {
                verdict: "TLS OK, AUTH PLAIN offered".into(),
                tls_version: Some("TLS 1.2".into()),
                cert_sha256: None,
                login_ok: None,
                in_words: None,
            },
        },
    };
    s
}

// ---------------------------------------------------------------------------
// Golden files

fn snapshot(name: &str, text: &str) {
    let text = text.replace(env!("CARGO_PKG_VERSION"), "[version]");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_snapshot_path("snapshots");
    settings.bind(|| insta::assert_snapshot!(format!("export__{name}"), text));
}

#[test]
fn golden_files_every_format_every_provider() {
    for c in cases() {
        let s = settings(&c);
        for f in Format::ALL {
            match render(&s, f, Lang::En) {
                Ok(text) => snapshot(&format!("{}__{}", c.name, f.name()), &text),
                Err(e) => {
                    // The one combination that must refuse: getmail6 has no STARTTLS.
                    assert_eq!(
                        (c.name, f),
                        ("custom_idn_imap_starttls", Format::Getmail),
                        "{e}"
                    );
                    assert!(matches!(e, ExportError::Unsupported { .. }), "{e}");
                }
            }
        }
    }
}

#[test]
fn golden_files_in_chinese() {
    let c = &cases()[0];
    let s = settings(c);
    for lang in [Lang::ZhHans, Lang::ZhHant] {
        for f in [
            Format::Summary,
            Format::Outlook,
            Format::Thunderbird,
            Format::Msmtp,
        ] {
            let text = render(&s, f, lang).unwrap();
            snapshot(&format!("{}__{}__{}", c.name, f.name(), lang.tag()), &text);
        }
    }
}

#[test]
fn golden_files_probed_and_provider_only() {
    let s = probed(settings(&cases()[2]));
    for f in [
        Format::Json,
        Format::Summary,
        Format::Fetchmail,
        Format::Thunderbird,
    ] {
        snapshot(
            &format!("gmail_imap_probed__{}", f.name()),
            &render(&s, f, Lang::En).unwrap(),
        );
    }
    // Only a provider, no address: placeholders where the format has them.
    let s = AccountSettings::from_provider(&custom_idn(), None, Pop3).unwrap();
    for f in [Format::Thunderbird, Format::Json, Format::Summary] {
        snapshot(
            &format!("custom_provider_only__{}", f.name()),
            &render(&s, f, Lang::En).unwrap(),
        );
    }
    for f in [
        Format::Fetchmail,
        Format::Getmail,
        Format::Msmtp,
        Format::Mutt,
        Format::Autodiscover,
        Format::Outlook,
        Format::Apple,
    ] {
        assert!(
            matches!(
                render(&s, f, Lang::En),
                Err(ExportError::AddressRequired { .. })
            ),
            "{f} without an address (and a %EMAILDOMAIN% host) must ask for the address"
        );
    }
    // Apple without an address but with a fixed host: the device asks for the rest.
    let s = AccountSettings::from_provider(&netease_163(), None, Pop3).unwrap();
    let text = render(&s, Format::Apple, Lang::En).unwrap();
    assert!(!text.contains("EmailAddress") && !text.contains("MailServerUsername"));
    snapshot("163_provider_only__apple", &text);
}

// ---------------------------------------------------------------------------
// Real parsers

/// The path of a tool the tests need; fails (never skips) when it is missing.
pub(crate) fn tool(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let p = dir.join(name);
        if p.is_file() {
            return p;
        }
    }
    panic!(
        "`{name}` is not installed. The export tests run the real clients' parsers: \
         run tests/harness/install-deps.sh (Debian packages fetchmail msmtp neomutt \
         getmail6 libxml2-utils python3)"
    );
}

pub(crate) fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn write(dir: &Path, name: &str, text: &str, mode: u32) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    p
}

fn with_password(mut s: AccountSettings) -> AccountSettings {
    s.password = Some(SENTINEL_PASSWORD.into());
    s
}

/// The value fetchmail's `--configdump` prints for `s` (it escapes `\` and `"`).
fn fetchmail_dumped(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn fetchmail_reads_the_fetchmailrc() {
    let fetchmail = tool("fetchmail");
    let dir = tempfile::tempdir().unwrap();
    for c in cases() {
        for with_pw in [false, true] {
            let mut s = settings(&c);
            if with_pw {
                s = with_password(s);
            }
            let text = render(&s, Format::Fetchmail, Lang::En).unwrap();
            let rc = write(dir.path(), &format!("{}.rc", c.name), &text, 0o600);
            let out = run(Command::new(&fetchmail)
                .arg("-f")
                .arg(&rc)
                .arg("--configdump")
                .env("HOME", dir.path()));
            let dump = String::from_utf8_lossy(&out.stdout);
            let user = s.username(&s.incoming, "t").unwrap();
            let want = [
                format!("\"pollname\":{}", fetchmail_dumped(&s.incoming.host)),
                format!(
                    "\"protocol\":\"{}\"",
                    if c.protocol == Pop3 { "POP3" } else { "IMAP" }
                ),
                format!("\"service\":\"{}\"", s.incoming.port),
                format!("\"remote\":{}", fetchmail_dumped(&user)),
                "'keep':TRUE".into(),
                "'sslcertck':TRUE".into(),
                "\"sslproto\":\"TLS1.2+\"".into(),
                format!(
                    "'ssl':{}",
                    if s.incoming.security == Tls {
                        "TRUE"
                    } else {
                        "FALSE"
                    }
                ),
                if with_pw {
                    format!("\"password\":{}", fetchmail_dumped(SENTINEL_PASSWORD))
                } else {
                    "\"password\":None".into()
                },
            ];
            for w in want {
                // fetchmail's dump mangles non-ASCII bytes, so only ASCII values are
                // compared exactly; the parse itself succeeded above.
                if w.is_ascii() {
                    assert!(dump.contains(&w), "{}: missing {w} in\n{dump}", c.name);
                }
            }
            if c.protocol == Pop3 {
                assert!(dump.contains("'uidl':TRUE"), "{}", c.name);
            }
        }
    }
    // fetchmail refuses an rc file others can read: why it is always written 0600.
    let s = settings(&cases()[0]);
    let rc = write(
        dir.path(),
        "open.rc",
        &render(&s, Format::Fetchmail, Lang::En).unwrap(),
        0o644,
    );
    let out = Command::new(&fetchmail)
        .arg("-f")
        .arg(&rc)
        .arg("--configdump")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "fetchmail accepted a 0644 rc file");
    // Mail leaves the server when asked.
    let mut s = settings(&cases()[0]);
    s.leave_on_server = false;
    let rc = write(
        dir.path(),
        "nokeep.rc",
        &render(&s, Format::Fetchmail, Lang::En).unwrap(),
        0o600,
    );
    let out = run(Command::new(&fetchmail)
        .arg("-f")
        .arg(&rc)
        .arg("--configdump")
        .env("HOME", dir.path()));
    assert!(String::from_utf8_lossy(&out.stdout).contains("'keep':FALSE"));
}

/// `key = value` lines of `msmtp --pretend`.
fn msmtp_pretend(rc: &Path, home: &Path) -> HashMap<String, String> {
    let out = run(Command::new(tool("msmtp"))
        .arg("-C")
        .arg(rc)
        .arg("--pretend")
        .env("HOME", home)
        .stdin(Stdio::null()));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn msmtp_reads_the_msmtprc() {
    let dir = tempfile::tempdir().unwrap();
    for c in cases() {
        for with_pw in [false, true] {
            let mut s = settings(&c);
            if with_pw {
                s = with_password(s);
            }
            let text = render(&s, Format::Msmtp, Lang::En).unwrap();
            let rc = write(dir.path(), &format!("{}.msmtprc", c.name), &text, 0o600);
            let v = msmtp_pretend(&rc, dir.path());
            let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("<missing>");
            assert_eq!(get("host"), s.outgoing.host, "{}", c.name);
            assert_eq!(get("port"), s.outgoing.port.to_string());
            assert_eq!(get("user"), s.username(&s.outgoing, "t").unwrap());
            assert_eq!(get("from"), s.address_ascii().unwrap());
            assert_eq!(get("tls"), "on");
            assert_eq!(get("tls_certcheck"), "on");
            assert_eq!(get("tls_trust_file"), "system");
            assert_eq!(
                get("tls_starttls"),
                if s.outgoing.security == Starttls {
                    "on"
                } else {
                    "off"
                },
                "{}",
                c.name
            );
            assert_ne!(get("auth"), "off");
            assert_eq!(get("password"), if with_pw { "*" } else { "(not set)" });
        }
    }
    // The CA file override for the end-to-end tests.
    let s = settings(&cases()[0]);
    let opts = ExportOptions {
        ca_file: Some(PathBuf::from("/tmp/test ca.pem")),
        uuids: UuidSource::Seeded(1),
    };
    let text = Format::Msmtp.exporter(&opts).render(&s, Lang::En).unwrap();
    let rc = write(dir.path(), "ca.msmtprc", &text, 0o600);
    assert_eq!(
        msmtp_pretend(&rc, dir.path())["tls_trust_file"],
        "/tmp/test ca.pem"
    );
}

/// Unquotes neomutt's `-Q` output value (`"…"` with `\` escapes).
fn mutt_unquote(v: &str) -> String {
    let inner = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v);
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn neomutt_query(rc: &Path, home: &Path, vars: &[&str]) -> Vec<String> {
    let mut cmd = Command::new(tool("neomutt"));
    cmd.arg("-n")
        .arg("-F")
        .arg(rc)
        .env("HOME", home)
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null());
    for v in vars {
        cmd.arg("-Q").arg(v);
    }
    let out = run(&mut cmd);
    let values: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(_, v)| mutt_unquote(v))
        .collect();
    assert_eq!(values.len(), vars.len(), "neomutt answered {values:?}");
    values
}

#[test]
fn neomutt_reads_the_muttrc() {
    let dir = tempfile::tempdir().unwrap();
    for c in cases() {
        let s = with_password(settings(&c));
        let text = render(&s, Format::Mutt, Lang::En).unwrap();
        let rc = write(dir.path(), &format!("{}.muttrc", c.name), &text, 0o600);
        let pass_var = if c.protocol == Pop3 {
            "pop_pass"
        } else {
            "imap_pass"
        };
        let v = neomutt_query(
            &rc,
            dir.path(),
            &[
                "folder",
                "smtp_url",
                "realname",
                "from",
                "ssl_force_tls",
                "ssl_starttls",
                pass_var,
                "smtp_pass",
                "pop_delete",
            ],
        );
        let user = s.username(&s.incoming, "t").unwrap();
        // RFC 3986 userinfo: everything but the unreserved characters encoded
        // (an internationalized domain's UTF-8 bytes too).
        const USERINFO: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        let enc = |u: &str| percent_encoding::utf8_percent_encode(u, USERINFO).to_string();
        assert!(
            text.contains(&enc(&user)),
            "the user is percent-encoded in the file"
        );
        let (scheme_in, scheme_out) = match (c.protocol, s.incoming.security, s.outgoing.security) {
            (Pop3, Tls, Tls) => ("pops", "smtps"),
            (Pop3, Tls, Starttls) => ("pops", "smtp"),
            (Imap, Tls, Tls) => ("imaps", "smtps"),
            (Imap, Starttls, Starttls) => ("imap", "smtp"),
            other => panic!("no expectation for {other:?}"),
        };
        // neomutt re-renders IMAP folder URLs with the user decoded; compare decoded.
        assert_eq!(
            percent_encoding::percent_decode_str(&v[0])
                .decode_utf8_lossy()
                .into_owned(),
            format!(
                "{scheme_in}://{}@{}:{}/",
                user, s.incoming.host, s.incoming.port
            ),
            "{}",
            c.name
        );
        assert_eq!(
            v[1],
            format!(
                "{scheme_out}://{}@{}:{}/",
                enc(&s.username(&s.outgoing, "t").unwrap()),
                s.outgoing.host,
                s.outgoing.port
            )
        );
        assert_eq!(v[2], c.display_name.unwrap(), "{}: real name", c.name);
        assert_eq!(v[3], s.address_ascii().unwrap());
        assert_eq!(v[4], "yes");
        assert_eq!(v[5], "yes");
        assert_eq!(v[6], SENTINEL_PASSWORD, "{}: {pass_var}", c.name);
        assert_eq!(v[7], SENTINEL_PASSWORD);
        if c.protocol == Pop3 {
            assert_eq!(v[8], "no", "pop_delete with leave_on_server");
        }
    }
    let mut s = settings(&cases()[0]);
    s.leave_on_server = false;
    let rc = write(
        dir.path(),
        "delete.muttrc",
        &render(&s, Format::Mutt, Lang::En).unwrap(),
        0o600,
    );
    assert_eq!(neomutt_query(&rc, dir.path(), &["pop_delete"]), ["yes"]);
}

#[test]
fn getmail_reads_the_getmailrc() {
    let getmail = tool("getmail");
    let python = tool("python3");
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(home.join("Maildir").join(sub)).unwrap();
    }
    for c in cases() {
        if c.name == "custom_idn_imap_starttls" {
            continue; // refused: see golden_files_every_format_every_provider
        }
        let s = with_password(settings(&c));
        let text = render(&s, Format::Getmail, Lang::En).unwrap();
        let rc = write(dir.path(), &format!("{}.getmailrc", c.name), &text, 0o600);
        // getmail's own reader: instantiates the retriever and destination classes.
        let out = run(Command::new(&getmail)
            .arg(format!("--rcfile={}", rc.display()))
            .arg(format!("--getmaildir={}", home.display()))
            .arg("--dump")
            .env("HOME", &home)
            .env("LC_ALL", "C.UTF-8"));
        let dump = String::from_utf8_lossy(&out.stdout);
        let retriever = if c.protocol == Pop3 {
            "SimplePOP3SSLRetriever("
        } else {
            "SimpleIMAPSSLRetriever("
        };
        for w in [
            retriever.to_owned(),
            format!("server=\"{}\"", s.incoming.host),
            format!("port=\"{}\"", s.incoming.port),
            format!("username=\"{}\"", s.username(&s.incoming, "t").unwrap()),
            "ca_certs=\"/etc/ssl/certs/ca-certificates.crt\"".into(),
            "delete : False".into(),
            "read_all : False".into(),
        ] {
            assert!(dump.contains(&w), "{}: missing {w} in\n{dump}", c.name);
        }
        // getmail masks the password in its dump; read it back with the same
        // parser class getmail uses (RawConfigParser).
        let out = run(Command::new(&python)
            .arg("-c")
            .arg(
                "import configparser, json, sys\n\
                 c = configparser.RawConfigParser()\n\
                 c.read(sys.argv[1], encoding='utf-8')\n\
                 print(json.dumps({s: dict(c.items(s)) for s in c.sections()}))",
            )
            .arg(&rc));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["retriever"]["password"], SENTINEL_PASSWORD, "{}", c.name);
        assert_eq!(v["options"]["delete"], "false");
    }
}

/// What the end-to-end tests against local Dovecot/Postfix need: other hosts and
/// ports, and a test CA instead of the system's.
#[test]
fn local_server_overrides_reach_fetchmail_msmtp_getmail() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(home.join("Maildir").join(sub)).unwrap();
    }
    let ca = write(dir.path(), "test-ca.pem", "not read by --dump\n", 0o644);
    let mut s = settings(&cases()[3]);
    s.incoming.host = "127.0.0.1".into();
    s.incoming.port = 10995;
    s.outgoing.host = "localhost".into();
    s.outgoing.port = 10587;
    let opts = ExportOptions {
        ca_file: Some(ca.clone()),
        uuids: UuidSource::Seeded(1),
    };
    let file = |f: Format| {
        let text = f.exporter(&opts).render(&s, Lang::En).unwrap();
        write(dir.path(), &format!("local.{}", f.name()), &text, 0o600)
    };
    let out = run(Command::new(tool("fetchmail"))
        .arg("-f")
        .arg(file(Format::Fetchmail))
        .arg("--configdump")
        .env("HOME", dir.path()));
    let dump = String::from_utf8_lossy(&out.stdout);
    for w in [
        "\"pollname\":\"127.0.0.1\"".to_owned(),
        "\"service\":\"10995\"".to_owned(),
        format!("\"sslcertfile\":\"{}\"", ca.display()),
        "'keep':TRUE".to_owned(),
    ] {
        assert!(dump.contains(&w), "missing {w} in\n{dump}");
    }
    let v = msmtp_pretend(&file(Format::Msmtp), dir.path());
    assert_eq!(v["host"], "localhost");
    assert_eq!(v["port"], "10587");
    assert_eq!(v["tls_starttls"], "on");
    assert_eq!(v["tls_trust_file"], ca.display().to_string());
    let out = run(Command::new(tool("getmail"))
        .arg(format!("--rcfile={}", file(Format::Getmail).display()))
        .arg(format!("--getmaildir={}", home.display()))
        .arg("--dump")
        .env("HOME", &home)
        .env("LC_ALL", "C.UTF-8"));
    let dump = String::from_utf8_lossy(&out.stdout);
    assert!(
        dump.contains(&format!("ca_certs=\"{}\"", ca.display())),
        "{dump}"
    );
    assert!(dump.contains("port=\"10995\""), "{dump}");
}

#[test]
fn chinese_local_part_reaches_every_client() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(home.join("Maildir").join(sub)).unwrap();
    }
    let a = Address::parse("用户@qq.com").unwrap();
    let s = AccountSettings::from_provider(&qq(), Some(&a), Pop3).unwrap();
    let file = |f: Format| {
        let text = render(&s, f, Lang::ZhHans).unwrap();
        write(dir.path(), &format!("u.{}", f.name()), &text, 0o600)
    };
    let v = msmtp_pretend(&file(Format::Msmtp), dir.path());
    assert_eq!(v["user"], "用户@qq.com");
    assert_eq!(v["from"], "用户@qq.com");
    let v = neomutt_query(&file(Format::Mutt), dir.path(), &["folder", "from"]);
    assert_eq!(v[0], "pops://%E7%94%A8%E6%88%B7%40qq.com@pop.qq.com:995/");
    assert_eq!(v[1], "用户@qq.com");
    run(Command::new(tool("fetchmail"))
        .arg("-f")
        .arg(file(Format::Fetchmail))
        .arg("--configdump")
        .env("HOME", dir.path()));
    let out = run(Command::new(tool("getmail"))
        .arg(format!("--rcfile={}", file(Format::Getmail).display()))
        .arg(format!("--getmaildir={}", home.display()))
        .arg("--dump")
        .env("HOME", &home)
        .env("LC_ALL", "C.UTF-8"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("username=\"用户@qq.com\""));
}

#[test]
fn xml_is_well_formed_and_autoconfig_reads_back() {
    let xmllint = tool("xmllint");
    let dir = tempfile::tempdir().unwrap();
    for c in cases() {
        let s = settings(&c);
        for f in [Format::Thunderbird, Format::Autodiscover, Format::Apple] {
            let text = render(&s, f, Lang::ZhHans).unwrap();
            let p = write(
                dir.path(),
                &format!("{}.{}.xml", c.name, f.name()),
                &text,
                0o644,
            );
            run(Command::new(&xmllint).arg("--noout").arg(&p));
        }
        // mailconf's own autoconfig reader gets the same servers back.
        let xml = render(&s, Format::Thunderbird, Lang::En).unwrap();
        let doc = autoconfig::parse(&xml).unwrap();
        let back =
            autoconfig::to_provider(&doc, Origin::User, SourceKind::Ispdb, "t", "2026-11").unwrap();
        assert_eq!(back.incoming.len(), 1);
        assert_eq!(back.outgoing.len(), 1);
        for (got, want) in [
            (&back.incoming[0], &s.incoming),
            (&back.outgoing[0], &s.outgoing),
        ] {
            assert_eq!(got.protocol, want.protocol, "{}", c.name);
            assert_eq!(got.host, want.host);
            assert_eq!(got.port, want.port);
            assert_eq!(got.security, want.security);
            let Username::Form(form) = &want.username else {
                panic!("literal username")
            };
            assert_eq!(got.username, *form);
        }
        assert!(back.domains.contains(&s.address.as_ref().unwrap().domain));
        let leave = doc.email_provider.incoming[0]
            .pop3
            .as_ref()
            .and_then(|p| p.leave_messages_on_server.clone());
        assert_eq!(
            leave.as_deref(),
            (c.protocol == Pop3).then_some("true"),
            "{}",
            c.name
        );
    }
}

const PLIST_CHECK: &str = r#"
import json, plistlib, sys
with open(sys.argv[1], 'rb') as f:
    top = plistlib.load(f)
required_top = ['PayloadContent', 'PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion', 'PayloadDisplayName']
required_mail = ['PayloadType', 'PayloadVersion', 'PayloadIdentifier', 'PayloadUUID', 'EmailAccountType',
                 'IncomingMailServerHostName', 'IncomingMailServerPortNumber', 'IncomingMailServerUseSSL',
                 'IncomingMailServerAuthentication', 'OutgoingMailServerHostName', 'OutgoingMailServerPortNumber',
                 'OutgoingMailServerUseSSL', 'OutgoingMailServerAuthentication', 'OutgoingPasswordSameAsIncomingPassword']
missing = [k for k in required_top if k not in top]
mail = top['PayloadContent'][0]
missing += ['mail.' + k for k in required_mail if k not in mail]
print(json.dumps({'missing': missing, 'top': {k: v for k, v in top.items() if k != 'PayloadContent'}, 'mail': mail}))
"#;

#[test]
fn plistlib_loads_the_mobileconfig() {
    let python = tool("python3");
    let dir = tempfile::tempdir().unwrap();
    for c in cases() {
        let s = with_password(settings(&c));
        // Real (random) UUIDs here.
        let text = Format::Apple
            .exporter(&ExportOptions::default())
            .render(&s, Lang::En)
            .unwrap();
        let p = write(
            dir.path(),
            &format!("{}.mobileconfig", c.name),
            &text,
            0o600,
        );
        let out = run(Command::new(&python).arg("-c").arg(PLIST_CHECK).arg(&p));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["missing"], serde_json::json!([]), "{}", c.name);
        let (top, mail) = (&v["top"], &v["mail"]);
        assert_eq!(top["PayloadType"], "Configuration");
        assert_eq!(top["PayloadVersion"], 1);
        assert_eq!(mail["PayloadType"], "com.apple.mail.managed");
        assert_eq!(
            mail["EmailAccountType"],
            if c.protocol == Pop3 {
                "EmailTypePOP"
            } else {
                "EmailTypeIMAP"
            }
        );
        assert_eq!(mail["EmailAccountName"], c.display_name.unwrap());
        assert_eq!(mail["EmailAddress"], s.address_ascii().unwrap());
        assert_eq!(mail["IncomingMailServerHostName"], s.incoming.host);
        assert_eq!(mail["IncomingMailServerPortNumber"], s.incoming.port);
        assert_eq!(mail["IncomingMailServerUseSSL"], true);
        assert_eq!(mail["OutgoingMailServerUseSSL"], true);
        assert_eq!(
            mail["IncomingMailServerAuthentication"],
            "EmailAuthPassword"
        );
        assert_eq!(
            mail["IncomingMailServerUsername"],
            s.username(&s.incoming, "t").unwrap()
        );
        assert_eq!(mail["IncomingPassword"], SENTINEL_PASSWORD);
        let (u1, u2) = (
            top["PayloadUUID"].as_str().unwrap(),
            mail["PayloadUUID"].as_str().unwrap(),
        );
        assert_ne!(u1, u2, "PayloadUUIDs must be unique");
        for u in [u1, u2] {
            let parsed = uuid::Uuid::parse_str(u).unwrap();
            assert_eq!(parsed.get_version_num(), 4);
        }
        assert_ne!(top["PayloadIdentifier"], mail["PayloadIdentifier"]);
    }
    // Two exports never share UUIDs.
    let s = settings(&cases()[0]);
    let e = Format::Apple.exporter(&ExportOptions::default());
    assert_ne!(
        e.render(&s, Lang::En).unwrap(),
        e.render(&s, Lang::En).unwrap()
    );
}

#[test]
fn json_is_documented_and_complete() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export-json.md"))
            .expect("docs/export-json.md exists");
    let s = with_password(probed(settings(&cases()[3])));
    let v: serde_json::Value =
        serde_json::from_str(&render(&s, Format::Json, Lang::En).unwrap()).unwrap();
    fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    out.push(k.clone());
                    keys(v, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    keys(&v, &mut all);
    let db = serde_json::to_value(&settings(&cases()[0]).verified).unwrap();
    keys(&db, &mut all);
    let undocumented: Vec<&String> = all
        .iter()
        .filter(|k| !docs.contains(&format!("`{k}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from docs/export-json.md: {undocumented:?}"
    );
    assert_eq!(v["mailconf_export"], 1);
    assert_eq!(v["account"]["display_name"], SPECIAL_NAME);
    assert_eq!(v["account"]["address"], "zhang@xn--fsqu00a.xn--fiqs8s");
    assert_eq!(v["account"]["address_unicode"], "zhang@例子.中国");
    assert_eq!(v["incoming"]["host"], "mail.xn--fsqu00a.xn--fiqs8s");
    assert_eq!(v["incoming"]["username"], "zhang");
    assert_eq!(v["incoming"]["username_form"], "local-part");
    assert_eq!(v["verification"]["source"], "probed");
    assert_eq!(
        v["verification"]["summary"]["incoming"]["tls_version"],
        "TLS 1.3"
    );
    assert_eq!(v["password"], SENTINEL_PASSWORD);
}

#[test]
fn special_characters_survive_every_format() {
    let c = &cases()[3];
    let s = settings(c);
    // XML formats: the name is escaped, never raw markup.
    let ad = render(&s, Format::Autodiscover, Lang::En).unwrap();
    assert!(
        ad.contains("张三 &amp; &quot;Co&quot; &lt;test&gt;"),
        "{ad}"
    );
    let tb = render(&s, Format::Thunderbird, Lang::En).unwrap();
    assert!(tb.contains("Example &amp; Co &lt;Mail&gt;"), "{tb}");
    // Markdown: escaped so `<test>` is not an HTML tag.
    let md = render(&s, Format::Summary, Lang::En).unwrap();
    assert!(md.contains("张三 \\& \"Co\" \\<test\\>"), "{md}");
    assert!(!md.contains("<test>"));
    assert!(md.contains("`zhang@例子.中国` (`zhang@xn--fsqu00a.xn--fiqs8s`)"));
}

/// Issue 11, F11: the display name of a hostile autoconfig document (an
/// OSC 52 clipboard write, a CSI 2J clear-screen, an OSC 0 title and a bidi
/// override; the XML parser turns `&#x1b;` into a real ESC) reached the
/// Summary, Apple and Thunderbird exports as it was. Now it arrives escaped:
/// no export holds a control or bidi character that a terminal, a viewer or
/// the mail client would act on, and the text stays readable.
#[test]
fn f11_a_hostile_display_name_reaches_no_export_raw() {
    let xml = r#"<clientConfig version="1.1"><emailProvider id="hostile.test">
  <domain>hostile.test</domain>
  <displayName>Hostile&#x1b;]52;c;aGFja2Vk&#x07;&#x1b;[2J&#x1b;]0;pwned&#x07; Mail&#x202e;</displayName>
  <incomingServer type="imap"><hostname>imap.hostile.test</hostname><port>993</port>
    <socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
  <outgoingServer type="smtp"><hostname>smtp.hostile.test</hostname><port>465</port>
    <socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#;
    let doc = autoconfig::parse(xml).unwrap();
    let p = autoconfig::to_provider(
        &doc,
        Origin::Ispdb,
        SourceKind::Ispdb,
        "https://ispdb.test/v1.1/hostile.test",
        "2026-11",
    )
    .unwrap();
    let a = Address::parse("a@hostile.test").unwrap();
    let s = AccountSettings::from_provider(&p, Some(&a), Imap).unwrap();
    for f in [Format::Summary, Format::Apple, Format::Thunderbird] {
        let text = render(&s, f, Lang::En).unwrap();
        let acted_on: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
            })
            .collect();
        assert_eq!(acted_on, Vec::<char>::new(), "{f:?}:\n{text}");
        assert!(
            text.contains("52;c;aGFja2Vk"),
            "{f:?}: the name is gone:\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------
// Passwords, permissions, overwrite, atomic writes

#[test]
fn no_password_unless_asked() {
    for c in cases() {
        let s = settings(&c);
        for f in Format::ALL {
            if let Ok(text) = render(&s, f, Lang::En) {
                assert!(!text.contains("zq9Kx"), "{} {f}", c.name);
            }
        }
        let s = with_password(settings(&c));
        for f in Format::ALL {
            let e = f.exporter(&options());
            match e.render(&s, Lang::En) {
                Ok(text) => {
                    assert!(
                        e.supports_password(),
                        "{f} rendered a password it claims not to hold"
                    );
                    // Every format that holds a password writes it (in its own quoting).
                    assert!(text.contains("zq9Kx"), "{} {f}: password missing", c.name);
                }
                Err(ExportError::PasswordNotSupported { .. }) => {
                    assert!(!e.supports_password(), "{f}");
                }
                Err(ExportError::Unsupported { .. }) if f == Format::Getmail => {}
                Err(e) => panic!("{} {f}: {e}", c.name),
            }
        }
    }
    let s = with_password(settings(&cases()[0]));
    let debug = format!("{s:?}");
    assert!(
        !debug.contains("zq9Kx") && debug.contains("REDACTED"),
        "Debug must redact the password: {debug}"
    );
}

#[test]
fn atomic_write_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let count = || std::fs::read_dir(dir.path()).unwrap().count();
    // A missing directory: nothing is created anywhere.
    let missing = dir.path().join("no/such/dir/rc");
    assert!(matches!(
        write_atomic(&missing, b"x", true, false),
        Err(OutputError::Io { .. })
    ));
    assert_eq!(count(), 0);
    // The rename fails (the target is a non-empty directory): the temporary file
    // is removed and the directory is untouched.
    let target = dir.path().join("target");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), b"keep").unwrap();
    assert!(write_atomic(&target, b"x", false, true).is_err());
    assert_eq!(count(), 1, "a temporary file was left behind");
    assert_eq!(std::fs::read(target.join("keep")).unwrap(), b"keep");
    // A directory the process cannot write to (only observable without root).
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), b"").is_err() {
        assert!(write_atomic(&ro.join("rc"), b"x", false, false).is_err());
        assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

// ---------------------------------------------------------------------------
// CLI

/// The binary with a private config dir holding the custom IDN provider.
fn bin(config: &Path) -> Command {
    let dir = config.join("providers");
    std::fs::create_dir_all(&dir).unwrap();
    let p = custom_idn();
    std::fs::write(
        dir.join("example-cn.json"),
        serde_json::to_string_pretty(&p).unwrap(),
    )
    .unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.env("MAILCONF_CONFIG_DIR", config);
    c.env("MAILCONF_LANG", "en");
    c.env_remove("MAILCONF_TEST_PASSWORD");
    c.stdin(Stdio::null());
    c
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn cli_exports_to_stdout_and_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@例子.中国",
        "--format",
        "mutt",
        "--name",
        SPECIAL_NAME,
    ]));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("set realname = '张三 & \"Co\" <test>'"),
        "{text}"
    );
    assert!(text.contains("pops://zhang@mail.xn--fsqu00a.xn--fiqs8s:995/"));
    assert!(text.contains("set pop_delete = no"));
    // --leave-on-server=false
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@例子.中国",
        "-f",
        "fetchmail",
        "--leave-on-server=false",
    ]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no keep"));
    // --protocol imap
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@例子.中国",
        "-f",
        "thunderbird",
        "--protocol",
        "imap",
    ]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("<socketType>STARTTLS</socketType>"));

    // A file without a password: normal permissions; fetchmail's always owner-only.
    let plain = tmp.path().join("muttrc");
    run(bin(tmp.path())
        .args(["export", "zhang@例子.中国", "-f", "mutt", "-o"])
        .arg(&plain));
    // 0644 minus the umask: owner read/write, nobody else may write.
    assert_eq!(mode(&plain) & 0o600, 0o600);
    assert_eq!(
        mode(&plain) & 0o133,
        0,
        "unexpected mode {:o}",
        mode(&plain)
    );
    let fm = tmp.path().join("fetchmailrc");
    run(bin(tmp.path())
        .args(["export", "zhang@例子.中国", "-f", "fetchmail", "-o"])
        .arg(&fm));
    assert_eq!(mode(&fm), 0o600);
    assert!(
        !std::fs::read_to_string(&fm)
            .unwrap()
            .contains("password \"")
    );
}

#[test]
fn cli_passwords_only_when_asked_and_owner_only() {
    let tmp = tempfile::tempdir().unwrap();
    let pw = "s3cret \"with\" 'quotes' 密码";
    // Without --include-password the password in the environment is never used.
    for f in ["fetchmail", "getmail", "msmtp", "mutt", "json", "apple"] {
        let out = run(bin(tmp.path())
            .args(["export", "zhang@例子.中国", "-f", f])
            .env("MAILCONF_TEST_PASSWORD", pw));
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("s3cret"),
            "{f}"
        );
    }
    // With it, from the environment: 0600 and a note on stderr.
    let rc = tmp.path().join("msmtprc");
    let out = run(bin(tmp.path())
        .args([
            "export",
            "zhang@例子.中国",
            "-f",
            "msmtp",
            "--include-password",
            "--password-env",
            "MAILCONF_TEST_PASSWORD",
            "-o",
        ])
        .arg(&rc)
        .env("MAILCONF_TEST_PASSWORD", pw));
    assert_eq!(mode(&rc), 0o600);
    assert!(std::fs::read_to_string(&rc).unwrap().contains(pw));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0600") && err.contains("password"), "{err}");
    // From stdin.
    let rc = tmp.path().join("getmailrc");
    let mut child = bin(tmp.path())
        .args([
            "export",
            "zhang@例子.中国",
            "-f",
            "getmail",
            "--include-password",
            "--password-stdin",
            "-o",
        ])
        .arg(&rc)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(format!("{pw}\n").as_bytes()).unwrap();
    }
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(mode(&rc), 0o600);
    assert!(
        std::fs::read_to_string(&rc)
            .unwrap()
            .contains(&format!("password = {pw}\n"))
    );

    let code = |c: &mut Command| c.output().unwrap().status.code();
    // Never to stdout (a shell redirect would create a world-readable file).
    assert_eq!(
        code(
            bin(tmp.path())
                .args([
                    "export",
                    "zhang@例子.中国",
                    "-f",
                    "msmtp",
                    "--include-password"
                ])
                .args(["--password-env", "MAILCONF_TEST_PASSWORD"])
                .env("MAILCONF_TEST_PASSWORD", pw)
        ),
        Some(2)
    );
    // Not into a format without a place for it.
    assert_eq!(
        code(
            bin(tmp.path())
                .args([
                    "export",
                    "zhang@例子.中国",
                    "-f",
                    "summary",
                    "--include-password"
                ])
                .args(["--password-env", "MAILCONF_TEST_PASSWORD", "-o"])
                .arg(tmp.path().join("summary.md"))
                .env("MAILCONF_TEST_PASSWORD", pw)
        ),
        Some(2)
    );
    // No terminal and no source: a usage error, nothing written.
    let none = tmp.path().join("none");
    assert_eq!(
        code(
            bin(tmp.path())
                .args([
                    "export",
                    "zhang@例子.中国",
                    "-f",
                    "msmtp",
                    "--include-password",
                    "-o"
                ])
                .arg(&none)
        ),
        Some(2)
    );
    assert!(!none.exists());
    // --password-stdin alone is a clap usage error; a password is never an argument.
    assert_eq!(
        code(bin(tmp.path()).args([
            "export",
            "zhang@例子.中国",
            "-f",
            "msmtp",
            "--password-stdin"
        ])),
        Some(2)
    );
    assert_eq!(
        code(bin(tmp.path()).args([
            "export",
            "zhang@例子.中国",
            "-f",
            "msmtp",
            "--password",
            "x"
        ])),
        Some(2)
    );
}

#[test]
fn cli_refuses_to_overwrite_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("config.xml");
    std::fs::write(&p, "precious").unwrap();
    let out = bin(tmp.path())
        .args(["export", "zhang@例子.中国", "-f", "thunderbird", "-o"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "precious");
    run(bin(tmp.path())
        .args([
            "export",
            "zhang@例子.中国",
            "-f",
            "thunderbird",
            "--force",
            "-o",
        ])
        .arg(&p));
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .contains("<clientConfig")
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        2,
        "providers/ and the file"
    );
}

#[test]
fn cli_errors_and_list() {
    let tmp = tempfile::tempdir().unwrap();
    let code = |c: &mut Command| {
        let o = c.output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // A provider without an address: placeholders where possible…
    let out = run(bin(tmp.path()).args(["export", "example-cn", "-f", "thunderbird"]));
    let xml = String::from_utf8_lossy(&out.stdout);
    assert!(
        xml.contains("<username>%EMAILLOCALPART%</username>"),
        "{xml}"
    );
    assert!(xml.contains("<hostname>mail.%EMAILDOMAIN%</hostname>"));
    // …and a clear error where not.
    let (c, err) = code(bin(tmp.path()).args(["export", "example-cn", "-f", "fetchmail"]));
    assert_eq!(c, Some(2));
    assert!(err.contains("needs the mail address"), "{err}");
    // Unknown domain: a negative answer.
    let (c, _) = code(bin(tmp.path()).args(["export", "x@nowhere.invalid", "-f", "json"]));
    assert_eq!(c, Some(1));
    // getmail6 cannot do STARTTLS: negative, with advice.
    let (c, err) = code(bin(tmp.path()).args([
        "export",
        "zhang@例子.中国",
        "-f",
        "getmail",
        "--protocol",
        "imap",
    ]));
    assert_eq!(c, Some(1));
    assert!(err.contains("STARTTLS"), "{err}");
    // Missing --format.
    let (c, _) = code(bin(tmp.path()).args(["export", "zhang@例子.中国"]));
    assert_eq!(c, Some(2));

    let out = run(bin(tmp.path()).args(["export", "--list-formats"]));
    let table = String::from_utf8_lossy(&out.stdout);
    for f in Format::ALL {
        assert!(table.contains(f.name()), "{table}");
    }
    let out = run(bin(tmp.path()).args(["export", "--list-formats", "--json"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), Format::ALL.len());
    assert_eq!(
        v[0]["description"]["zh-Hans"],
        "Thunderbird 自动配置文件（config-v1.1.xml，ISPDB 格式）"
    );
    let out = run(bin(tmp.path()).args(["--lang", "zh-Hant", "export", "--list-formats"]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("說明"));
}

/// F16: `-o /dev/stdout` was refused with "use --force to replace it", and
/// `--force` renamed the export over whatever was at the path (a symbolic
/// link here; as root, `/dev/stdout` or `/dev/null` themselves).
#[test]
fn f16_export_force_replaces_only_regular_files_and_dev_stdout_is_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin(tmp.path())
        .args([
            "export",
            "zhang@例子.中国",
            "-f",
            "msmtp",
            "-o",
            "/dev/stdout",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("account"));
    let target = tmp.path().join("real-msmtprc");
    std::fs::write(&target, "keep me\n").unwrap();
    let link = tmp.path().join("msmtprc");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = bin(tmp.path())
        .args(["export", "zhang@例子.中国", "-f", "msmtp", "--force", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("is a symbolic link, not a regular file"),
        "{err}"
    );
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
}

// ---------------------------------------------------------------------------
// What each format can say: leave-on-server and the provider's quirks

const OWN_DEFAULT: &str = "the client's own default applies";

/// `--leave-on-server=false` is written where the format has the setting;
/// where it has none (Apple profiles, Outlook Autodiscover) the file and
/// stderr say that the client's own default applies.
#[test]
fn leave_on_server_false_is_written_or_said_in_every_format() {
    let mut s = settings(&cases()[0]);
    assert_eq!(s.incoming.protocol, Pop3);
    s.leave_on_server = false;
    for f in Format::ALL {
        // The plist writer escapes the apostrophe.
        let text = render(&s, f, Lang::En).unwrap().replace("&apos;", "'");
        let notes = f.exporter(&options()).cannot_express(&s, Lang::En);
        let written = match f {
            Format::Thunderbird => {
                text.contains("<leaveMessagesOnServer>false</leaveMessagesOnServer>")
            }
            Format::Fetchmail => text.contains("    no keep\n"),
            Format::Getmail => text.contains("delete = true\n"),
            Format::Mutt => text.contains("set pop_delete = yes\n"),
            Format::Json => text.contains("\"leave_on_server\": false"),
            Format::Summary => text.contains("no (deleted from the server after downloading)"),
            Format::Outlook => text.contains("untick **Leave a copy of messages on the server**"),
            // SMTP only: there is no incoming account in the file.
            Format::Msmtp => true,
            Format::Apple | Format::Autodiscover => false,
        };
        if written {
            assert!(notes.is_empty(), "{f}: {notes:?}");
        } else {
            assert_eq!(notes.len(), 1, "{f}: {notes:?}");
            assert!(notes[0].contains(OWN_DEFAULT), "{f}: {notes:?}");
            assert!(
                notes[0].contains("you asked to delete it"),
                "{f}: {notes:?}"
            );
            assert!(
                text.contains(OWN_DEFAULT),
                "{f} says it in the file:\n{text}"
            );
        }
    }
    // Leaving mail on the server (the default) cannot be set there either.
    let s = settings(&cases()[0]);
    for f in [Format::Apple, Format::Autodiscover] {
        let notes = f.exporter(&options()).cannot_express(&s, Lang::En);
        assert!(
            notes[0].contains("you asked to keep mail on the server"),
            "{notes:?}"
        );
    }
    // IMAP has no such choice: nothing to say.
    let s = settings(&cases()[2]);
    for f in Format::ALL {
        assert!(
            f.exporter(&options())
                .cannot_express(&s, Lang::En)
                .is_empty(),
            "{f}"
        );
    }
}

/// The same through the command line: the note is on stderr, in the file,
/// and the Apple profile still parses.
#[test]
fn cli_says_on_stderr_what_the_file_cannot_set() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@163.com",
        "-f",
        "apple",
        "--protocol",
        "pop3",
        "--leave-on-server=false",
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(OWN_DEFAULT), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .replace("&apos;", "'")
            .contains(OWN_DEFAULT)
    );
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@163.com",
        "-f",
        "thunderbird",
        "--protocol",
        "pop3",
        "--leave-on-server=false",
    ]));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(OWN_DEFAULT));
    // Chinese on stderr with --lang.
    let out = run(bin(tmp.path()).args([
        "--lang",
        "zh-Hans",
        "export",
        "zhang@163.com",
        "-f",
        "autodiscover",
        "--protocol",
        "pop3",
    ]));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("沿用客户端自己的默认设置"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// NetEase's IMAP ID requirement, per format: a setting where the client has
/// one (NeoMutt's `imap_send_id`), otherwise a note saying what to do, in the
/// file and on stderr; the provider's other quirks are notes in every file
/// that has room for them.
#[test]
fn provider_quirks_reach_every_format() {
    let c = cases().into_iter().find(|c| c.name == "163_imap").unwrap();
    let s = settings(&c);
    let id_note = "requires IMAP clients to send the ID command";
    let service_note = "POP3/IMAP/SMTP are off until switched on in the web settings";
    for f in Format::ALL {
        let text = render(&s, f, Lang::En)
            .unwrap()
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("\\\"", "\"");
        let notes = f.exporter(&options()).cannot_express(&s, Lang::En);
        match f {
            Format::Mutt => {
                assert!(
                    text.contains("\nifdef imap_send_id 'set imap_send_id = yes'\n"),
                    "{text}"
                );
                assert!(text.contains("NeoMutt 2023-04-07 and newer"), "{text}");
                assert!(notes.is_empty(), "{notes:?}");
            }
            Format::Fetchmail | Format::Getmail => {
                assert_eq!(notes.len(), 1, "{f}: {notes:?}");
                assert!(notes[0].contains(&format!("which {} cannot send", f.name())));
                assert!(notes[0].contains("--protocol pop3"), "{notes:?}");
            }
            Format::Thunderbird | Format::Apple | Format::Autodiscover | Format::Outlook => {
                assert_eq!(notes.len(), 1, "{f}: {notes:?}");
                assert!(notes[0].contains(id_note), "{f}: {notes:?}");
                assert!(notes[0].contains("no setting for it"), "{f}: {notes:?}");
            }
            // Data formats list the quirks themselves; msmtp only sends.
            Format::Json => assert!(text.contains("\"imap-id-required\""), "{text}"),
            Format::Summary => assert!(text.contains("must send the ID command"), "{text}"),
            Format::Msmtp => {
                assert!(notes.is_empty());
                assert!(!text.contains(id_note));
            }
        }
        for n in &notes {
            // Markdown and XML escape some characters; compare a plain part.
            assert!(
                text.contains(n.split(" (RFC").next().unwrap()),
                "{f}: the file says it too\n{text}"
            );
        }
        if !matches!(f, Format::Json | Format::Summary) {
            assert!(text.contains(service_note), "{f}:\n{text}");
        }
    }
    // Over POP3 the ID requirement does not arise.
    let s = settings(&cases()[0]);
    for f in Format::ALL {
        let text = render(&s, f, Lang::En).unwrap();
        assert!(!text.contains("imap_send_id"), "{f}");
        assert!(!text.contains("send the ID command (RFC"), "{f}");
    }
    // Gmail's POP3 recent mode is said where the file fetches over POP3.
    let address = Address::parse("alice@gmail.com").unwrap();
    let pop = AccountSettings::from_provider(&gmail(), Some(&address), Pop3).unwrap();
    let text = render(&pop, Format::Fetchmail, Lang::En).unwrap();
    assert!(text.contains("POP3 may fetch only recent mail"), "{text}");
    let text = render(&pop, Format::Msmtp, Lang::En).unwrap();
    assert!(!text.contains("POP3 may fetch only recent mail"), "{text}");
    // In Chinese too.
    let c = cases().into_iter().find(|c| c.name == "163_imap").unwrap();
    let text = render(&settings(&c), Format::Fetchmail, Lang::ZhHans).unwrap();
    assert!(
        text.contains("无法发送") && text.contains("注意："),
        "{text}"
    );
}

/// The CLI repeats the ID note on stderr.
#[test]
fn cli_says_what_the_client_must_do_about_imap_id() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@163.com",
        "-f",
        "fetchmail",
        "--protocol",
        "imap",
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("which fetchmail cannot send"), "{stderr}");
    let out = run(bin(tmp.path()).args([
        "export",
        "zhang@163.com",
        "-f",
        "mutt",
        "--protocol",
        "imap",
    ]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("set imap_send_id = yes"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("ID command"));
}

// ---------------------------------------------------------------------------
// OAuth2: the files that take their token from `mailconf oauth2 token`

/// Outlook.com as the bundled database has it (OAuth2 only, with its sign-in).
fn outlook(protocol: Protocol, address: &str) -> AccountSettings {
    let db = mailconf::providers::Database::bundled();
    let p = &db.lookup(address).unwrap().entry.provider;
    assert_eq!(p.auth.kind, AuthKind::Oauth2Only);
    AccountSettings::from_provider(p, Some(&Address::parse(address).unwrap()), protocol).unwrap()
}

/// Every OAuth2 file is read back by the client's own parser: msmtp's
/// `auth xoauth2` with `passwordeval`, neomutt's authenticators and refresh
/// commands, getmail6's `use_xoauth2` and the `password_command` tuple it
/// evaluates, Thunderbird's `OAuth2` read back by the autoconfig reader. The
/// address carries shell and Python metacharacters: each client gets it back
/// as one word, never as code.
#[test]
fn oauth2_exports_are_read_back_by_the_clients_with_the_token_helper() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(home.join("Maildir").join(sub)).unwrap();
    }
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    write(
        &bin,
        "mailconf",
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGV_OUT\"\necho stand-in-token\n",
        0o755,
    );
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for address in ["you@outlook.com", "o'neil\"$(x)`y`\\@outlook.com"] {
        let imap = outlook(Imap, address);
        let words = ["mailconf", "oauth2", "token", address];

        // msmtp: `--pretend` runs passwordeval; a stand-in `mailconf` on
        // PATH writes down the words it was given.
        let rc = render(&outlook(Pop3, address), Format::Msmtp, Lang::En).unwrap();
        let rc = write(dir.path(), "msmtprc", &rc, 0o600);
        let recorded = dir.path().join("argv");
        let _ = std::fs::remove_file(&recorded);
        let out = run(Command::new(tool("msmtp"))
            .arg("-C")
            .arg(&rc)
            .arg("--pretend")
            .env("HOME", &home)
            .env("PATH", &path)
            .env("ARGV_OUT", &recorded)
            .stdin(Stdio::null()));
        let pretend = String::from_utf8_lossy(&out.stdout);
        assert!(pretend.contains("auth = XOAUTH2"), "{pretend}");
        assert_eq!(
            std::fs::read_to_string(&recorded).unwrap(),
            format!("{}\n", words[1..].join("\n")),
            "{pretend}"
        );

        // neomutt: the authenticators and both refresh commands.
        let rc = render(&imap, Format::Mutt, Lang::En).unwrap();
        let v = neomutt_query(
            &write(dir.path(), "muttrc", &rc, 0o600),
            &home,
            &[
                "imap_authenticators",
                "smtp_authenticators",
                "imap_oauth_refresh_command",
                "smtp_oauth_refresh_command",
            ],
        );
        assert_eq!(v[0], "oauthbearer:xoauth2");
        assert_eq!(v[1], "oauthbearer:xoauth2");
        assert_eq!(v[2], v[3]);
        let sh = run(Command::new("sh")
            .arg("-c")
            .arg(format!("set -- {}; printf '%s\\n' \"$@\"", v[2])));
        assert_eq!(
            String::from_utf8_lossy(&sh.stdout),
            format!("{}\n", words.join("\n")),
            "{}",
            v[2]
        );
        assert!(
            !rc.contains("imap_pass") && !rc.contains("smtp_pass"),
            "{rc}"
        );

        // getmail6: its own reader, then the tuple it evaluates.
        let rc = render(&imap, Format::Getmail, Lang::En).unwrap();
        let path = write(dir.path(), "getmailrc", &rc, 0o600);
        let out = run(Command::new(tool("getmail"))
            .arg(format!("--rcfile={}", path.display()))
            .arg(format!("--getmaildir={}", home.display()))
            .arg("--dump")
            .env("HOME", &home)
            .env("LC_ALL", "C.UTF-8"));
        let dump = String::from_utf8_lossy(&out.stdout);
        assert!(dump.contains("use_xoauth2=\"True\""), "{dump}");
        let command = crate::existing::getmail_retriever(&path)["password_command"]
            .as_str()
            .unwrap()
            .to_owned();
        // getmail evaluates the value as Python (ConfTupleOfStrings).
        let out = run(Command::new(tool("python3"))
            .arg("-c")
            .arg("import json, sys\nprint(json.dumps(list(eval(sys.argv[1]))))")
            .arg(&command));
        let argv: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(argv, words, "{rc}");

        // fetchmail: IMAP with `auth oauthbearer`, no password; the token on a pipe.
        let rc = render(&imap, Format::Fetchmail, Lang::En).unwrap();
        assert!(rc.contains("\n    auth oauthbearer\n"), "{rc}");
        assert!(!rc.contains(" password "), "{rc}");
        assert!(rc.contains("| fetchmail --passwordfd 0"), "{rc}");

        // Thunderbird signs in itself.
        let xml = render(&imap, Format::Thunderbird, Lang::En).unwrap();
        assert_eq!(
            xml.matches("<authentication>OAuth2</authentication>")
                .count(),
            2
        );
        let doc = autoconfig::parse(&xml).unwrap();
        let back =
            autoconfig::to_provider(&doc, Origin::User, SourceKind::Ispdb, "t", "2026-12").unwrap();
        assert_eq!(back.auth.kind, AuthKind::Oauth2Only, "{xml}");
    }
    // POP3 has no OAuth2 in these three clients (and Microsoft's POP3 takes
    // only XOAUTH2): a clear refusal naming IMAP, never a password file.
    for f in [Format::Fetchmail, Format::Getmail, Format::Mutt] {
        match render(&outlook(Pop3, "you@outlook.com"), f, Lang::En) {
            Err(ExportError::Unsupported { what, .. }) => assert!(what.contains("IMAP"), "{what}"),
            other => panic!("{f:?}: {other:?}"),
        }
    }
    // Without a choice, an OAuth2-only provider's export is IMAP.
    let db = mailconf::providers::Database::bundled();
    let p = &db.lookup("you@outlook.com").unwrap().entry.provider;
    assert_eq!(mailconf::export::preferred_incoming(p), Some(Imap));
    // Formats without a token helper still refuse an OAuth2-only provider.
    for f in [Format::Apple, Format::Autodiscover] {
        assert!(matches!(
            render(&outlook(Imap, "you@outlook.com"), f, Lang::En),
            Err(ExportError::Oauth2Only { .. })
        ));
    }
}

/// The Chinese summary uses the language's punctuation outside code spans:
/// full-width colons and brackets (it had "在服务器上保留邮件: 是" and
/// "网易 163 邮箱 (`163`)").
#[test]
fn the_chinese_summary_uses_full_width_punctuation() {
    let db = mailconf::providers::Database::bundled();
    let p = &db.by_id("163").unwrap().provider;
    let a = mailconf::providers::Address::parse("alice@163.com").unwrap();
    let s = AccountSettings::from_provider(p, Some(&a), Protocol::Pop3).unwrap();
    for lang in [Lang::ZhHans, Lang::ZhHant] {
        let text = render(&s, Format::Summary, lang).unwrap();
        for line in text.lines() {
            let outside: String = line.split('`').step_by(2).collect();
            assert!(
                !outside.contains(": ") && !outside.contains(" ("),
                "{lang:?}: {line}\n{text}"
            );
        }
    }
}
