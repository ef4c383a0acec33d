//! The real Thunderbird takes the fix of `mailconf check --thunderbird --fix`
//! and logs in with it (issue 16: the fixed file is one "that the real client
//! accepts and logs in with against the test servers").
//!
//! Our own parser reading the `user.js` fragment back proves little; here a
//! Thunderbird profile with the old settings (POP3 on 110 and SMTP on 25
//! without TLS) is checked and fixed by `mailconf`, the fragment is applied as
//! the printed steps say, and Thunderbird (`--headless`, on a profile made to
//! log in as a user's does: the test CA trusted in its NSS database, the
//! password saved in `logins.json`) fetches a message put in alice's maildir
//! for this run from the harness Dovecot. Its only connection is to the fixed
//! port, Dovecot logs a TLS login, and its rewritten `prefs.js` holds the fixed
//! settings.
//!
//! Thunderbird runs on the host, not in the harness's network namespace, so the
//! namespace (which has no default route) does not contain it. What does: the
//! profile's prefs switch off everything that fetches on its own (updates,
//! telemetry, add-on and block-list checks, remote settings, region lookup,
//! captive-portal and connectivity checks, safe browsing, OCSP, start page,
//! in-app notifications, prefetching, DNS over HTTPS; its remote-settings
//! server pref is only honoured with `MOZ_REMOTE_SETTINGS_DEVTOOLS=1`), and
//! `network.dns.forceResolve` makes every host name it looks up resolve to the
//! harness address. The test does not take that on trust: Thunderbird runs under
//! `strace -e trace=connect` for [`WATCH_FOR`], and every address it connects
//! to must be the harness's fixed POP3 port. Not for: Thunderbird's SMTP
//! (sending needs the compose window; its fixed prefs are checked).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::export::tool;
use crate::servers::Servers;

/// How long Thunderbird may take from its start to the fetched message (it
/// logged in 3-8 s after it started here).
const LOGIN_WITHIN: Duration = Duration::from_secs(90);
/// How long Thunderbird runs in all, whenever it logs in: its connections in
/// this time are checked. Without the prefs below it went to its
/// remote-settings server 31 s after it started, and to the region lookup at
/// once; in 120 s with them it connected only to the POP3 server.
const WATCH_FOR: Duration = Duration::from_secs(45);
/// How long Thunderbird may take to quit after SIGTERM before it is killed.
const QUIT_WITHIN: Duration = Duration::from_secs(30);
/// Where Debian's Thunderbird keeps its libraries (its own NSS among them).
const THUNDERBIRD_LIB: &str = "/usr/lib/thunderbird";

/// Prefs a test profile has besides its accounts: no first-run dialogs, and
/// nothing fetched on Thunderbird's own initiative. `network.dns.forceResolve`
/// (the harness address) is added by [`Profile::old_pop3`].
const QUIET: &[(&str, &str)] = &[
    // first-run dialogs and pages
    ("mail.shell.checkDefaultClient", "false"),
    ("mail.rights.version", "1"),
    ("mailnews.start_page.enabled", "false"),
    ("mail.biff.show_alert", "false"),
    ("mail.biff.play_sound", "false"),
    // telemetry and data reporting
    ("datareporting.policy.dataSubmissionEnabled", "false"),
    ("datareporting.healthreport.uploadEnabled", "false"),
    ("datareporting.usage.uploadEnabled", "false"),
    ("toolkit.telemetry.enabled", "false"),
    ("toolkit.telemetry.unified", "false"),
    ("toolkit.telemetry.archive.enabled", "false"),
    // updates of the program, add-ons, block lists and remote settings
    ("app.update.disabledForTesting", "true"),
    ("app.update.auto", "false"),
    ("app.normandy.enabled", "false"),
    ("extensions.update.enabled", "false"),
    ("extensions.getAddons.cache.enabled", "false"),
    ("extensions.systemAddon.update.enabled", "false"),
    ("extensions.blocklist.enabled", "false"),
    // (taken only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment, else
    // Thunderbird polls thunderbird-settings.thunderbird.net)
    ("services.settings.server", "\"data:,#remote-settings-off\""),
    ("security.remote_settings.crlite_filters.enabled", "false"),
    ("security.remote_settings.intermediates.enabled", "false"),
    ("media.gmp-manager.updateEnabled", "false"),
    ("media.gmp-manager.url", "\"data:,\""),
    ("browser.search.update", "false"),
    ("mail.inappnotifications.enabled", "false"),
    ("mail.cloud_files.enabled", "false"),
    // the region lookup (location.services.mozilla.com: seen without this)
    ("browser.region.update.enabled", "false"),
    ("browser.region.network.url", "\"\""),
    ("geo.enabled", "false"),
    // network probes of its own
    ("network.captive-portal-service.enabled", "false"),
    ("network.connectivity-service.enabled", "false"),
    ("browser.safebrowsing.malware.enabled", "false"),
    ("browser.safebrowsing.phishing.enabled", "false"),
    ("browser.safebrowsing.blockedURIs.enabled", "false"),
    ("browser.safebrowsing.downloads.enabled", "false"),
    ("browser.safebrowsing.downloads.remote.enabled", "false"),
    ("security.OCSP.enabled", "0"),
    ("network.trr.mode", "5"),
    ("network.dns.disablePrefetch", "true"),
    ("network.prefetch-next", "false"),
    ("network.predictor.enabled", "false"),
    ("network.http.speculative-parallel-limit", "0"),
    ("dom.push.connection.enabled", "false"),
];

/// A Thunderbird profile folder as an old setup left it.
struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    /// A profile whose one account fetches alice's mail over POP3 on 110
    /// without TLS (socketType 0) and sends through 25 without TLS, as old
    /// setups did; it checks mail at start-up and downloads it ("Automatically
    /// download new messages", on for a new account) and leaves it on the
    /// server.
    fn old_pop3(s: &Servers) -> Profile {
        let dir = tempfile::tempdir().unwrap();
        let mut prefs = String::from("// Mozilla User Preferences\n\n");
        let mut pref = |name: &str, value: String| {
            prefs.push_str(&format!("user_pref(\"{name}\", {value});\n"));
        };
        let text = |v: &str| format!("\"{v}\"");
        for (name, value) in [
            ("mail.account.account1.identities", text("id1")),
            ("mail.account.account1.server", text("server1")),
            ("mail.account.account2.server", text("server2")),
            ("mail.accountmanager.accounts", text("account1,account2")),
            ("mail.accountmanager.defaultaccount", text("account1")),
            ("mail.accountmanager.localfoldersserver", text("server2")),
            ("mail.identity.id1.fullName", text("Alice")),
            ("mail.identity.id1.smtpServer", text("smtp1")),
            ("mail.identity.id1.useremail", text(&s.user)),
            ("mail.identity.id1.valid", "true".into()),
            ("mail.server.server1.download_on_biff", "true".into()),
            ("mail.server.server1.hostname", text(&s.host)),
            ("mail.server.server1.leave_on_server", "true".into()),
            ("mail.server.server1.login_at_startup", "true".into()),
            ("mail.server.server1.name", text(&s.user)),
            ("mail.server.server1.port", s.port(110).to_string()),
            ("mail.server.server1.socketType", "0".into()),
            ("mail.server.server1.type", text("pop3")),
            ("mail.server.server1.userName", text(&s.user)),
            ("mail.server.server2.hostname", text("Local Folders")),
            ("mail.server.server2.name", text("Local Folders")),
            ("mail.server.server2.type", text("none")),
            ("mail.server.server2.userName", text("nobody")),
            ("mail.smtp.defaultserver", text("smtp1")),
            ("mail.smtpserver.smtp1.authMethod", "3".into()),
            ("mail.smtpserver.smtp1.hostname", text(&s.host)),
            ("mail.smtpserver.smtp1.port", s.port(25).to_string()),
            ("mail.smtpserver.smtp1.try_ssl", "0".into()),
            ("mail.smtpserver.smtp1.username", text(&s.user)),
            ("mail.smtpservers", text("smtp1")),
        ] {
            pref(name, value);
        }
        for (name, value) in QUIET {
            pref(name, (*value).to_owned());
        }
        pref("network.dns.forceResolve", text(&s.addr));
        crate::existing::write(dir.path(), "prefs.js", prefs.as_bytes(), 0o600);
        Profile { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The pref `name` as `prefs.js` now says it (the text after the comma).
    fn pref(&self, name: &str) -> Option<String> {
        let prefs = std::fs::read_to_string(self.path().join("prefs.js")).unwrap();
        let head = format!("user_pref(\"{name}\", ");
        prefs.lines().rev().find_map(|l| {
            l.strip_prefix(&head)
                .and_then(|rest| rest.strip_suffix(");"))
                .map(str::to_owned)
        })
    }

    /// Makes the profile able to log in as a user's is: its NSS database
    /// (an empty primary password, as Thunderbird creates it) trusts the test
    /// CA, as after the user accepted it, and alice's password is saved for
    /// the POP3 server in `logins.json` (tests/harness/thunderbird-login.py,
    /// with Thunderbird's own NSS).
    fn remember_login(&self, s: &Servers) {
        let db = format!("sql:{}", self.path().display());
        let ca = s.ca.to_str().unwrap();
        let certutil = tool("certutil");
        for args in [
            ["-N", "-d", &db, "--empty-password"].as_slice(),
            &[
                "-A",
                "-d",
                &db,
                "-n",
                "mailconf-test",
                "-t",
                "C,,",
                "-i",
                ca,
            ],
        ] {
            let out = Command::new(&certutil).args(args).output().unwrap();
            assert!(
                out.status.success(),
                "certutil {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/harness/thunderbird-login.py");
        // Thunderbird's MsgIncomingServer looks a POP3 password up under
        // `mailbox://HOST` (its local store type, then the host name).
        let origin = format!("mailbox://{}", s.host);
        let mut child = Command::new(tool("python3"))
            .arg(script)
            .arg(self.path())
            .args([&origin, &s.user])
            .env("LD_LIBRARY_PATH", THUNDERBIRD_LIB)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(
            child.stdin.as_mut().unwrap(),
            format!("{}\n", s.pass).as_bytes(),
        )
        .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "thunderbird-login.py: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Thunderbird running headless on a profile, under `strace`, in a process
/// group of its own; stopped (and at worst killed) when dropped.
struct Thunderbird {
    child: Child,
    connects: PathBuf,
    _home: tempfile::TempDir,
}

impl Thunderbird {
    fn start(profile: &Profile) -> Thunderbird {
        let home = tempfile::tempdir().unwrap();
        let connects = home.path().join("connects.strace");
        let child = std::os::unix::process::CommandExt::process_group(
            Command::new(tool("strace"))
                .args([
                    "-f",
                    "-qq",
                    "-e",
                    "trace=connect",
                    "-e",
                    "signal=none",
                    "-o",
                ])
                .arg(&connects)
                .arg(tool("thunderbird"))
                .args(["--headless", "--no-remote", "--profile"])
                .arg(profile.path())
                .env("HOME", home.path())
                .env("MOZ_REMOTE_SETTINGS_DEVTOOLS", "1")
                .env_remove("DISPLAY")
                .env_remove("WAYLAND_DISPLAY")
                .env_remove("DBUS_SESSION_BUS_ADDRESS")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
            0,
        )
        .spawn()
        .unwrap();
        Thunderbird {
            child,
            connects,
            _home: home,
        }
    }

    /// Quits Thunderbird as the desktop does at log-out (SIGTERM: it saves its
    /// prefs), killing what is left after [`QUIT_WITHIN`]; then the addresses
    /// and ports it connected to (`connect()` with a port; a port-0 connect of
    /// a UDP socket sends nothing).
    fn quit(mut self) -> Vec<(String, u16)> {
        self.signal("TERM");
        let deadline = Instant::now() + QUIT_WITHIN;
        while self.child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        self.signal("KILL");
        let _ = self.child.wait();
        let log = std::fs::read_to_string(&self.connects).unwrap();
        log.lines()
            .filter_map(inet_connect)
            .filter(|(_, port)| *port != 0)
            .collect()
    }

    /// Sends `signal` to the whole process group (strace, Thunderbird and its
    /// child processes).
    fn signal(&self, signal: &str) {
        let _ = Command::new("kill")
            .args([
                &format!("-{signal}"),
                "--",
                &format!("-{}", self.child.id()),
            ])
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Thunderbird {
    fn drop(&mut self) {
        self.signal("KILL");
        let _ = self.child.wait();
    }
}

/// The address and port of one `strace` line of an IPv4 or IPv6 `connect()`.
fn inet_connect(line: &str) -> Option<(String, u16)> {
    let between = |from: &str, to: &str| -> Option<String> {
        let start = line.find(from)? + from.len();
        let len = line[start..].find(to)?;
        Some(line[start..start + len].to_owned())
    };
    if line.contains("sa_family=AF_INET,") {
        let port = between("sin_port=htons(", ")")?.parse().ok()?;
        Some((between("inet_addr(\"", "\"")?, port))
    } else if line.contains("sa_family=AF_INET6,") {
        let port = between("sin6_port=htons(", ")")?.parse().ok()?;
        Some((between("inet_pton(AF_INET6, \"", "\"")?, port))
    } else {
        None
    }
}

#[test]
fn strace_connect_lines_are_read() {
    assert_eq!(
        inet_connect(
            "123  connect(74, {sa_family=AF_INET, sin_port=htons(995), sin_addr=inet_addr(\"198.18.0.2\")}, 16) = -1 EINPROGRESS (Operation now in progress)"
        ),
        Some(("198.18.0.2".into(), 995))
    );
    assert_eq!(
        inet_connect(
            "9 connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"2a00::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0"
        ),
        Some(("2a00::1".into(), 443))
    );
    assert_eq!(
        inet_connect("9 connect(5, {sa_family=AF_UNIX, sun_path=\"/tmp/x\"}, 110) = 0"),
        None
    );
}

/// Fails (never skips) when a program this test needs is missing.
fn installed() {
    let on_path = |name: &str| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .any(|dir| dir.join(name).is_file())
    };
    let missing: Vec<&str> = ["thunderbird", "certutil", "strace", "python3"]
        .into_iter()
        .filter(|name| !on_path(name))
        .collect();
    assert!(
        missing.is_empty() && Path::new(THUNDERBIRD_LIB).join("libnss3.so").is_file(),
        "not installed: {missing:?} (or Thunderbird's libraries in {THUNDERBIRD_LIB}). \
         Run the tests with tests/run, or install the Debian packages thunderbird \
         libnss3-tools strace python3 with tests/harness/install-deps.sh"
    );
}

/// Milliseconds since 1970, to make a token unique.
fn unix_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// Puts a message with `token` in its subject into alice's maildir as a
/// delivery does (written in `tmp/`, moved to `new/`, owned by the maildir's
/// owner, Debian's `mail`).
fn deliver(s: &Servers, token: &str) {
    use std::os::unix::fs::MetadataExt as _;
    let owner = std::fs::metadata(&s.maildir).unwrap();
    let name = format!("{token}.mailconf-test");
    let tmp = s.maildir.join("tmp").join(&name);
    let message = format!(
        "From: {u}\r\nTo: {u}\r\nSubject: {token}\r\nMessage-ID: <{token}@{d}>\r\n\r\nfor Thunderbird\r\n",
        u = s.user,
        d = s.domain
    );
    crate::existing::write(&s.maildir.join("tmp"), &name, message.as_bytes(), 0o600);
    std::os::unix::fs::chown(&tmp, Some(owner.uid()), Some(owner.gid())).unwrap();
    std::fs::rename(&tmp, s.maildir.join("new").join(&name)).unwrap();
}

/// Lines Dovecot logged after `from` bytes of its log.
fn dovecot_log_since(s: &Servers, from: u64) -> String {
    let log = std::fs::read(&s.dovecot_log).unwrap();
    String::from_utf8_lossy(&log[(from as usize).min(log.len())..]).into_owned()
}

#[test]
fn thunderbird_takes_the_check_fix_and_logs_in_over_tls() {
    let s = Servers::get();
    installed();
    let profile = Profile::old_pop3(&s);

    // 1. The check, as a user runs it: the old settings are insecure and
    // cannot log in; the fix is a user.js fragment. (No --login: for a
    // Thunderbird account the password is asked on a terminal only.)
    let (code, doc) = check(&s, &profile, &["--fix"]);
    assert_eq!(code, Some(1), "{doc}");
    let file = &doc["files"][0];
    let accounts = file["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 2, "{file}");
    for (a, port) in accounts.iter().zip([995, 465]) {
        assert_eq!(a["verdict"]["kind"], "insecure", "{a}");
        let reasons = a["verdict"]["reasons"].to_string();
        assert!(
            reasons.contains("plaintext") && reasons.contains("login-refused-before-tls"),
            "{reasons}"
        );
        assert_eq!(a["corrected"]["port"], s.port(port), "{a}");
        assert_eq!(a["corrected"]["security"], "tls", "{a}");
    }
    let fragment = PathBuf::from(file["fix"]["written"].as_str().unwrap());
    assert_eq!(fragment, profile.path().join("user.js.mailconf-fixed"));
    assert!(!profile.path().join("user.js").exists());

    // 2. The steps, as printed: quit Thunderbird (not running), save the
    // fragment as user.js in the profile folder, start Thunderbird.
    let steps = file["fix"]["steps"].to_string();
    assert!(
        steps.contains("user.js") && steps.contains(&profile.path().display().to_string()),
        "{steps}"
    );
    std::fs::copy(&fragment, profile.path().join("user.js")).unwrap();
    profile.remember_login(&s);

    // A message only this run knows: Thunderbird holding it proves that its
    // own login worked (other tests log in as alice at the same time).
    let token = format!("mailconf-thunderbird-{}-{}", std::process::id(), unix_ms());
    deliver(&s, &token);
    let inbox = profile.path().join("Mail").join(&s.host).join("Inbox");
    let log_from = std::fs::metadata(&s.dovecot_log).unwrap().len();
    let started = Instant::now();
    let thunderbird = Thunderbird::start(&profile);
    let holds = || std::fs::read_to_string(&inbox).is_ok_and(|t| t.contains(&token));
    while !holds() && started.elapsed() < LOGIN_WITHIN {
        std::thread::sleep(Duration::from_millis(200));
    }
    let took = started.elapsed();
    let fetched = holds();
    if fetched {
        std::thread::sleep(WATCH_FOR.saturating_sub(took));
    }
    let connects = thunderbird.quit();
    let log = dovecot_log_since(&s, log_from);
    assert!(
        fetched,
        "Thunderbird did not fetch the message within {LOGIN_WITHIN:?}; it connected to {connects:?}; Dovecot logged:\n{log}"
    );
    eprintln!(
        "Thunderbird fetched the message {} ms after it started",
        took.as_millis()
    );
    let login = format!("Login: user=<{}>", s.user);
    assert!(
        log.lines()
            .any(|l| l.contains("pop3-login:") && l.contains(&login) && l.contains(", TLS")),
        "{log}"
    );

    // 3. In WATCH_FOR it connected to nothing but the fixed port of the
    // harness (not 110, not anything outside).
    assert!(!connects.is_empty(), "strace saw no connect()");
    let elsewhere: Vec<_> = connects
        .iter()
        .filter(|(addr, port)| *addr != s.addr || *port != s.port(995))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "Thunderbird connected to more than {}:{}: {elsewhere:?}",
        s.addr,
        s.port(995)
    );

    // 4. It took the fragment: its prefs.js now holds the fixed settings.
    let port = |p: u16| Some(s.port(p).to_string());
    assert_eq!(profile.pref("mail.server.server1.port"), port(995));
    assert_eq!(
        profile.pref("mail.server.server1.socketType"),
        Some("3".into())
    );
    assert_eq!(profile.pref("mail.smtpserver.smtp1.port"), port(465));
    assert_eq!(
        profile.pref("mail.smtpserver.smtp1.try_ssl"),
        Some("3".into())
    );
    assert_eq!(
        profile.pref("mail.server.server1.hostname"),
        Some(format!("\"{}\"", s.host))
    );

    // 5. The last step: user.js removed, the profile checked again works.
    std::fs::remove_file(profile.path().join("user.js")).unwrap();
    std::fs::remove_file(&fragment).unwrap();
    let (code, doc) = check(&s, &profile, &[]);
    for a in doc["files"][0]["accounts"].as_array().unwrap() {
        assert_eq!(a["verdict"]["kind"], "works", "{a}");
    }
    assert_eq!(code, Some(0), "{doc}");
}

/// `mailconf check --thunderbird=PROFILE --json` against the harness, with
/// `extra` flags: the exit code and the document.
fn check(s: &Servers, profile: &Profile, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.env(
        "MAILCONF_CONFIG_DIR",
        std::env::temp_dir().join("mailconf-check-tests-no-config"),
    )
    .env("MAILCONF_LANG", "en")
    .stdin(Stdio::null())
    .arg("check")
    .arg(format!("--thunderbird={}", profile.path().display()))
    .args(["--json", "--resolve", &s.resolve, "--ca-file"])
    .arg(&s.ca)
    .args(extra);
    if !s.port_map.is_empty() {
        c.args(["--port-map", &s.port_map]);
    }
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let doc = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), doc)
}
