//! End to end through real clients and real servers: a message sent with the
//! exported msmtprc through Postfix on 587 (STARTTLS, AUTH after TLS) arrives, and
//! the exported fetchmailrc downloads it from Dovecot over POP3 on 995, leaving it
//! on the server because `keep` is set.

use crate::servers::Servers;
use mailconf::export::{AccountSettings, ExportOptions, Format};
use mailconf::i18n::Lang;
use mailconf::providers::{
    Address, Auth, AuthKind, Localized, Origin, Protocol, Provider, Security, Server, Source,
    SourceKind, Status, UsernameForm,
};
use secrecy::SecretString;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

fn provider(s: &Servers) -> Provider {
    let server = |protocol, port, security| Server {
        protocol,
        // The real name of the certificate; `client()` makes it resolve for the clients.
        host: s.host.clone(),
        port: s.port(port),
        security,
        username: UsernameForm::Address,
        note: None,
        login: None,
    };
    Provider {
        schema: None,
        id: "test-mailconf".into(),
        name: Localized::same("Test servers"),
        domains: vec![s.domain.clone()],
        mx_suffixes: vec![],
        status: Status::Active,
        incoming: vec![server(Protocol::Pop3, 995, Security::Tls)],
        outgoing: vec![server(Protocol::Smtp, 587, Security::Starttls)],
        auth: Auth {
            kind: AuthKind::Password,
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

fn write_private(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn render(format: Format, settings: &AccountSettings, ca: &Path) -> String {
    let opts = ExportOptions {
        ca_file: Some(ca.to_path_buf()),
        ..Default::default()
    };
    format.exporter(&opts).render(settings, Lang::En).unwrap()
}

/// Runs a real client with `host` (and 163's servers, [`crate::servers::SEED_HOSTS`]) resolving
/// to the test address, in a private mount namespace whose /etc/hosts has that
/// one line added (msmtp and fetchmail
/// have no `--resolve`; the machine's own /etc/hosts is never touched).
pub(crate) fn client(s: &Servers, dir: &Path, program: &str, args: &[&str]) -> Command {
    let hosts = dir.join("hosts");
    let system = std::fs::read_to_string("/etc/hosts").unwrap_or_default();
    let names = std::iter::once(s.host.as_str())
        .chain(crate::servers::SEED_HOSTS)
        .collect::<Vec<_>>()
        .join(" ");
    std::fs::write(&hosts, format!("{system}\n{} {names}\n", s.addr)).unwrap();
    let mut c = Command::new("unshare");
    c.args([
        "--mount",
        "--",
        "sh",
        "-c",
        "mount --bind \"$0\" /etc/hosts && exec \"$@\"",
    ])
    .arg(&hosts)
    .arg(program)
    .args(args);
    c
}

/// Runs fetchmail with the rc file `rc` (state files in `dir`) and `extra`
/// options; returns its exit code and everything it printed.
pub(crate) fn fetchmail(
    s: &Servers,
    dir: &Path,
    rc: &Path,
    extra: &[&str],
) -> (Option<i32>, String) {
    let idfile = dir.join("fetchids");
    let pidfile = dir.join("fetchmail.pid");
    let mut args = vec![
        "-f",
        rc.to_str().unwrap(),
        "--idfile",
        idfile.to_str().unwrap(),
        "--pidfile",
        pidfile.to_str().unwrap(),
        "--nodetach",
    ];
    args.extend_from_slice(extra);
    let out = client(s, dir, "fetchmail", &args)
        .env("HOME", dir)
        .output()
        .expect("fetchmail is installed (tests/harness/install-deps.sh)");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), log)
}

/// Sends a message to the test user whose Subject is `subject` with the real
/// msmtp and the rc file `rc` (account `account`), as [`client`] runs it;
/// `setup` adds to the command (environment). Returns msmtp's output.
pub(crate) fn msmtp_send(
    s: &Servers,
    dir: &Path,
    rc: &Path,
    account: &str,
    subject: &str,
    setup: impl FnOnce(&mut Command),
) -> std::process::Output {
    let message = format!(
        "From: {u}\r\nTo: {u}\r\nSubject: {subject}\r\n\r\nRound trip through an exported msmtprc.\r\n",
        u = s.user
    );
    let mut c = client(
        s,
        dir,
        "msmtp",
        &["-C", rc.to_str().unwrap(), "-a", account, &s.user],
    );
    setup(&mut c);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("msmtp is installed (tests/harness/install-deps.sh)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), message.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// Whether a message with `token` arrives in `maildir` within 10 s.
pub(crate) fn arrives(maildir: &Path, token: &str) -> bool {
    for _ in 0..100 {
        if maildir_holds(maildir, token) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

pub(crate) fn maildir_holds(maildir: &Path, token: &str) -> bool {
    ["new", "cur"].iter().any(|sub| {
        std::fs::read_dir(maildir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(token)))
    })
}

#[test]
fn msmtp_sends_and_fetchmail_keeps() {
    let s = Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let address = Address::parse(&s.user).unwrap();
    let mut settings =
        AccountSettings::from_provider(&provider(&s), Some(&address), Protocol::Pop3).unwrap();
    assert!(
        settings.leave_on_server,
        "mail stays on the server by default"
    );
    settings.password = Some(SecretString::from(s.pass.clone()));

    // 1. Send through Postfix 587 with the exported msmtprc.
    let msmtprc = dir.path().join("msmtprc");
    write_private(&msmtprc, &render(Format::Msmtp, &settings, &s.ca));
    let token = format!("mailconf-roundtrip-{}", std::process::id());
    let out = msmtp_send(&s, dir.path(), &msmtprc, "default", &token, |_| {});
    assert!(
        out.status.success(),
        "msmtp failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // 2. Postfix delivers to Dovecot; wait (bounded) for it to land.
    assert!(
        arrives(&s.maildir, &token),
        "the message did not arrive in {} within 10 s",
        s.maildir.display()
    );

    // 3. Download it over POP3 995 with the exported fetchmailrc.
    let fetchmailrc = dir.path().join("fetchmailrc");
    let rc = render(Format::Fetchmail, &settings, &s.ca);
    assert!(
        rc.contains("keep"),
        "leave-on-server must become `keep`:\n{rc}"
    );
    write_private(&fetchmailrc, &rc);
    let inbox = dir.path().join("downloaded");
    let mda = format!("/bin/sh -c 'cat >> {}'", inbox.display());
    let (code, log) = fetchmail(&s, dir.path(), &fetchmailrc, &["--mda", &mda, "--all"]);
    // fetchmail exits 0 when it fetched mail.
    assert_eq!(code, Some(0), "fetchmail failed:\n{log}");
    let downloaded = std::fs::read_to_string(&inbox).unwrap_or_default();
    assert!(
        downloaded.contains(&token),
        "fetchmail did not download the message:\n{log}"
    );
    assert!(
        !log.contains(&s.pass),
        "fetchmail output must not show the password"
    );

    // 4. `keep`: the message is still on the server.
    assert!(
        maildir_holds(&s.maildir, &token),
        "the message was deleted from the server despite `keep`"
    );
}

#[test]
fn export_probe_uses_what_the_probe_verified() {
    let s = Servers::get();
    // A user provider that lists only the STARTTLS ports: the probe finds the
    // implicit-TLS ones (RFC 8314 order) and the export must use those.
    let config = tempfile::tempdir().unwrap();
    let providers = config.path().join("providers");
    std::fs::create_dir_all(&providers).unwrap();
    let mut p = provider(&s);
    p.incoming[0].port = 110;
    p.incoming[0].security = Security::Starttls;
    std::fs::write(
        providers.join("test-mailconf.json"),
        serde_json::to_string(&p).unwrap(),
    )
    .unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args([
        "export",
        &s.user,
        "--format",
        "json",
        "--probe",
        "--resolve",
        &s.resolve,
    ]);
    c.args(["--ca-file", s.ca.to_str().unwrap()]);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    c.env("MAILCONF_CONFIG_DIR", config.path());
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = v.to_string();
    assert!(
        text.contains("\"probed\""),
        "verification must say probed: {v:#}"
    );
    // The version is recorded in the words docs/export-json.md documents.
    let documented = crate::cli::documented_values("docs/export-json.md", "tls_version");
    for side in ["incoming", "outgoing"] {
        let version = &v["verification"]["summary"][side]["tls_version"];
        assert!(
            version
                .as_str()
                .is_some_and(|t| documented.iter().any(|d| d == t)),
            "{side} tls_version {version} is not one of {documented:?}: {v:#}"
        );
    }
    assert!(
        text.contains("995") && text.contains("465"),
        "best secure endpoints: {v:#}"
    );

    // Without the test CA nothing is secure: nothing is exported as verified.
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.args([
        "export",
        &s.user,
        "--format",
        "json",
        "--probe",
        "--resolve",
        &s.resolve,
    ]);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    c.env("MAILCONF_CONFIG_DIR", config.path());
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no secure"));
}

/// `export --probe --include-password` tests the password before it goes into
/// the file: one that works is written (and the file says the login worked),
/// one the server rejects is an error (exit 1) and nothing is written.
#[test]
fn export_probe_tests_the_password_and_refuses_a_rejected_one() {
    let s = Servers::get();
    let config = tempfile::tempdir().unwrap();
    let providers = config.path().join("providers");
    std::fs::create_dir_all(&providers).unwrap();
    std::fs::write(
        providers.join("test-mailconf.json"),
        serde_json::to_string(&provider(&s)).unwrap(),
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let export = |user: &str, password: &str, file: &Path| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
        c.args(["export", user, "--format", "json", "--probe"])
            .args([
                "--include-password",
                "--password-env",
                "MAILCONF_ROUNDTRIP_PW",
            ])
            .arg("-o")
            .arg(file)
            .args(["--resolve", &s.resolve, "--ca-file", s.ca.to_str().unwrap()]);
        if !s.port_map.is_empty() {
            c.args(["--port-map", &s.port_map]);
        }
        c.env("MAILCONF_CONFIG_DIR", config.path())
            .env("MAILCONF_LANG", "en")
            .env("MAILCONF_ROUNDTRIP_PW", password)
            .stdin(Stdio::null());
        c.output().unwrap()
    };

    let good = out_dir.path().join("good.json");
    let out = export(&s.user, &s.pass, &good);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    assert_eq!(v["password"], s.pass.as_str());
    assert_eq!(v["verification"]["source"], "probed");
    assert_eq!(
        v["verification"]["summary"]["incoming"]["login_ok"], true,
        "{v:#}"
    );

    // A wrong password, on carol's account: alice's tests must see no failed
    // login, and tests/login.rs counts bob's.
    let bad = out_dir.path().join("bad.json");
    let wrong = format!("{}-wrong", s.pass3);
    let out = export(&s.user3, &wrong, &bad);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the password did not work on any server: nothing written"),
        "{stderr}"
    );
    assert!(!bad.exists(), "nothing is written for a rejected password");
    assert!(
        !stderr.contains(&wrong),
        "the password never appears: {stderr}"
    );
}
