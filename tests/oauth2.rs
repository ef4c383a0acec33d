//! OAuth2 sign-in against the real Dovecot and Postfix of tests/harness/,
//! whose `oauth2` passdb checks tokens with the harness's authorization server
//! (tests/harness/oauth2-server.py): SASL XOAUTH2 and OAUTHBEARER succeed on
//! 995, 993, 465 and 587; an expired or revoked token is refused once, with
//! the server's error JSON read, and no other endpoint is tried; no form of
//! the token reaches the reports, the transcripts or the server logs.

use std::process::Command;
use std::sync::Arc;

use mailconf::advice::{AdviceKind, advise};
use mailconf::probe::login::{
    BearerStatus, Credentials, LoginOutcome, LoginRequest, NotTriedReason,
};
use mailconf::probe::{Endpoint, EndpointReport, ProbeHandle, ProbeRequest, Protocol, Security};
use mailconf::providers::SaslMechanism;
use secrecy::SecretString;

use crate::login::{options, rejected_once_and_nowhere_else};
use crate::servers::Servers;

/// The authorization server's URL (`https://mail.test.mailconf:PORT`).
pub fn oauth2_url() -> String {
    std::env::var("MAILCONF_TEST_OAUTH2_URL")
        .expect("MAILCONF_TEST_OAUTH2_URL is not set: run the tests with tests/run")
}

/// POSTs `form` to the harness's authorization server at `path` with curl
/// (the test CA, the harness address) and returns the JSON answer.
/// curl with the harness CA and the authorization server's address.
pub fn curl(s: &Servers) -> Command {
    let port = oauth2_url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut c = Command::new("curl");
    c.args(["-sS", "--max-time", "10", "--cacert"])
        .arg(&s.ca)
        .arg("--resolve")
        .arg(format!("{}:{port}:{}", s.host, s.addr));
    c
}

pub fn post(s: &Servers, path: &str, form: &str) -> serde_json::Value {
    let url = oauth2_url();
    let out = curl(s)
        .args(["--data", form])
        .arg(format!("{url}{path}"))
        .output()
        .expect("curl runs");
    assert!(out.status.success(), "curl {path}: {:?}", out);
    serde_json::from_slice(&out.stdout).expect("JSON from the authorization server")
}

/// A fresh access token for `user`, valid for `expires_in` seconds
/// (negative: already expired).
pub fn mint(s: &Servers, user: &str, expires_in: i64) -> String {
    let v = post(
        s,
        "/test/mint",
        &format!("user={user}&expires_in={expires_in}"),
    );
    v["access_token"].as_str().expect("a token").to_owned()
}

fn bearer(user: &str, token: &str, mechanisms: Vec<SaslMechanism>) -> LoginRequest {
    LoginRequest {
        credentials: Arc::new(
            Credentials::bearer(user, SecretString::from(token.to_owned()), mechanisms).unwrap(),
        ),
        allow_insecure: Vec::new(),
        imap_id: false,
        known_replies: Vec::new(),
    }
}

/// The four endpoints an OAuth2 provider serves: POP3 995, IMAP 993, SMTP 465 and 587.
fn endpoints(host: &str) -> Vec<Endpoint> {
    [
        (Protocol::Pop3, 995, Security::Tls),
        (Protocol::Imap, 993, Security::Tls),
        (Protocol::Smtp, 465, Security::Tls),
        (Protocol::Smtp, 587, Security::Starttls),
    ]
    .into_iter()
    .map(|(p, port, sec)| Endpoint::new(p, host, port, sec))
    .collect()
}

fn run(s: &Servers, endpoints: Vec<Endpoint>, login: LoginRequest) -> Vec<EndpointReport> {
    let (mut handle, events) = ProbeHandle::new().unwrap();
    crate::servers::collect(
        &mut handle,
        &events,
        ProbeRequest {
            endpoints,
            options: options(s),
            login: Some(login),
            reuse: None,
        },
    )
}

/// Every form in which `token` could leak: raw, and the base64 of both
/// mechanisms' payloads (and of the token alone).
pub fn token_forms(user: &str, token: &str) -> Vec<String> {
    use base64::Engine as _;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    vec![
        token.to_owned(),
        b64(token.as_bytes()),
        b64(format!("user={user}\x01auth=Bearer {token}\x01\x01").as_bytes()),
        b64(format!("n,a={user},\x01auth=Bearer {token}\x01\x01").as_bytes()),
    ]
}

/// Whether `text` holds a word shaped like the harness's access tokens
/// (`at-…`), for output where the token itself is not known.
pub fn holds_an_access_token(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .any(|w| w.starts_with("at-") && w.len() > 20)
}

fn assert_no_token(what: &str, text: &str, user: &str, token: &str) {
    for f in token_forms(user, token) {
        assert!(!text.contains(&f), "{what} holds the token (form {f:?})");
    }
}

fn login_of(r: &EndpointReport) -> &mailconf::probe::login::LoginReport {
    r.login.as_ref().expect("a login report")
}

#[test]
fn xoauth2_and_oauthbearer_sign_in_on_995_993_465_and_587() {
    let s = Servers::get();
    for (mech, name) in [
        (SaslMechanism::Xoauth2, "XOAUTH2"),
        (SaslMechanism::Oauthbearer, "OAUTHBEARER"),
    ] {
        let token = mint(&s, &s.user, 600);
        let reports = run(&s, endpoints(&s.host), bearer(&s.user, &token, vec![mech]));
        for r in &reports {
            let l = login_of(r);
            assert_eq!(
                l.result,
                LoginOutcome::Success,
                "{}\n{}",
                r.endpoint,
                r.transcript
            );
            let m = l.mechanism.as_deref().unwrap_or_default();
            assert!(m.ends_with(name), "{}: {m}", r.endpoint);
            assert!(l.bearer_error.is_none());
        }
        // "The token was accepted", never "the username and password work".
        let kinds: Vec<AdviceKind> = advise(&reports, None).iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [AdviceKind::Oauth2TokenAccepted]);
        let json = serde_json::to_string(&reports).unwrap();
        assert!(
            json.contains("[redacted]"),
            "the transcripts show the redacted token"
        );
        assert_no_token("the reports", &json, &s.user, &token);
    }
}

#[test]
fn without_a_preference_the_server_s_oauthbearer_is_used() {
    let s = Servers::get();
    let token = mint(&s, &s.user, 600);
    let ep = vec![Endpoint::new(Protocol::Imap, &s.host, 993, Security::Tls)];
    let reports = run(&s, ep, bearer(&s.user, &token, vec![]));
    let l = login_of(&reports[0]);
    assert_eq!(l.result, LoginOutcome::Success, "{}", reports[0].transcript);
    assert_eq!(l.mechanism.as_deref(), Some("AUTHENTICATE OAUTHBEARER"));
}

/// An expired token and a revoked one: each refused by the first endpoint
/// that tries it, with Dovecot's error JSON read (`invalid_token`); the other
/// endpoints never send it.
#[test]
fn an_expired_or_revoked_token_is_refused_once_and_no_other_endpoint_tries_it() {
    let s = Servers::get();
    let expired = mint(&s, &s.user, -60);
    let revoked = mint(&s, &s.user, 600);
    let v = post(&s, "/test/revoke", &format!("token={revoked}"));
    assert_eq!(v["revoked"], true);
    for (what, token) in [("expired", &expired), ("revoked", &revoked)] {
        for mech in [SaslMechanism::Xoauth2, SaslMechanism::Oauthbearer] {
            let before = std::fs::read(&s.dovecot_log).map(|b| b.len()).unwrap_or(0);
            let reports = run(&s, endpoints(&s.host), bearer(&s.user, token, vec![mech]));
            let first = rejected_once_and_nowhere_else(&reports);
            let err = login_of(first).bearer_error.as_ref().unwrap_or_else(|| {
                panic!("{what} {mech:?}: no error JSON read\n{}", first.transcript)
            });
            assert_eq!(err.status, BearerStatus::InvalidToken, "{what}: {err:?}");
            // The advice says to sign in again, not to check a password.
            let kinds: Vec<AdviceKind> = advise(&reports, None).iter().map(|a| a.kind).collect();
            assert!(
                kinds.contains(&AdviceKind::Oauth2TokenRejected),
                "{kinds:?}"
            );
            assert!(
                !kinds.contains(&AdviceKind::CredentialsRejected),
                "{kinds:?}"
            );
            let json = serde_json::to_string(&reports).unwrap();
            assert_no_token("the reports", &json, &s.user, token);
            let log = std::fs::read(&s.dovecot_log).unwrap_or_default();
            let log = String::from_utf8_lossy(log.get(before..).unwrap_or_default());
            assert_no_token("the Dovecot log", &log, &s.user, token);
        }
    }
}

#[test]
fn a_token_is_never_offered_as_a_password_nor_over_plaintext() {
    let s = Servers::get();
    let token = mint(&s, &s.user, 600);
    // 110 without encryption: not tried, even though the token is valid.
    // 25 (an MX) offers no mechanism: a token is not sent with PLAIN either.
    let eps = vec![
        Endpoint::new(Protocol::Pop3, &s.host, 110, Security::Plain),
        Endpoint::new(Protocol::Smtp, &s.host, 25, Security::Starttls),
    ];
    let mut login = bearer(&s.user, &token, vec![SaslMechanism::Xoauth2]);
    // A consent that would let a password go over 110 does not cover a token.
    login.allow_insecure =
        vec![mailconf::probe::login::InsecureAllow::parse("pop3:110:plain").unwrap()];
    let reports = run(&s, eps, login);
    assert_eq!(
        login_of(&reports[0]).result,
        LoginOutcome::NotTried {
            reason: NotTriedReason::Plaintext
        }
    );
    assert!(
        matches!(
            login_of(&reports[1]).result,
            LoginOutcome::MechanismNotOffered { .. }
        ),
        "{:?}",
        login_of(&reports[1]).result
    );
    let json = serde_json::to_string(&reports).unwrap();
    assert_no_token("the reports", &json, &s.user, &token);
}

/// Microsoft 365's per-mailbox switches, answered by the real Dovecot and
/// Postfix as Exchange Online answers them (tests/harness: a `checkpassword`
/// passdb after the `oauth2` one, for two users): the token is accepted by
/// the authorization server's introspection, then the service is refused
/// with Microsoft's words, which the Microsoft 365 entry's `known_replies`
/// classify. The advice says what the administrator switches on.
#[test]
fn pop_and_imap_off_for_the_mailbox_and_smtp_auth_off_get_their_own_advice() {
    let s = Servers::get();
    let db = mailconf::providers::Database::bundled();
    let ms = db
        .by_id("microsoft365")
        .expect("Microsoft 365 entry")
        .provider
        .clone();
    let with_known_replies = |user: &str, token: &str| {
        let mut login = bearer(user, token, vec![SaslMechanism::Xoauth2]);
        login.known_replies = ms.known_replies.clone();
        login
    };
    let kinds = |reports: &[EndpointReport]| -> Vec<AdviceKind> {
        advise(reports, Some(&ms)).iter().map(|a| a.kind).collect()
    };

    // POP and IMAP off for the mailbox: the token was good, the service is not.
    let dave = std::env::var("MAILCONF_TEST_OAUTH2_IMAP_OFF_USER").unwrap();
    let token = mint(&s, &dave, 600);
    let reports = run(&s, endpoints(&s.host), with_known_replies(&dave, &token));
    switched_off(
        &reports,
        &[Protocol::Pop3, Protocol::Imap],
        "User is authenticated but not connected",
    );
    let k = kinds(&reports);
    assert!(k.contains(&AdviceKind::Oauth2ProtocolDisabled), "{k:?}");
    assert!(!k.contains(&AdviceKind::SmtpAuthDisabled), "{k:?}");
    assert!(!k.contains(&AdviceKind::Oauth2TokenRejected), "{k:?}");
    assert!(!k.contains(&AdviceKind::CredentialsRejected), "{k:?}");
    let json = serde_json::to_string(&reports).unwrap();
    assert_no_token("the reports", &json, &dave, &token);

    // SMTP AUTH off for the mailbox; IMAP and POP work with the same token.
    let erin = std::env::var("MAILCONF_TEST_OAUTH2_SMTP_OFF_USER").unwrap();
    let token = mint(&s, &erin, 600);
    let reports = run(&s, endpoints(&s.host), with_known_replies(&erin, &token));
    switched_off(
        &reports,
        &[Protocol::Smtp],
        "SmtpClientAuthentication is disabled",
    );
    let k = kinds(&reports);
    assert!(k.contains(&AdviceKind::SmtpAuthDisabled), "{k:?}");
    assert!(!k.contains(&AdviceKind::Oauth2ProtocolDisabled), "{k:?}");
    assert!(!k.contains(&AdviceKind::Oauth2TokenRejected), "{k:?}");
    let json = serde_json::to_string(&reports).unwrap();
    assert_no_token("the reports", &json, &erin, &token);
}

/// Each endpoint of a protocol in `off` that was tried was refused as
/// switched off, with `words` in the server's reply (at least one was); the
/// others signed in with the token (or were not tried).
fn switched_off(reports: &[EndpointReport], off: &[Protocol], words: &str) {
    let mut refused = 0;
    for r in reports {
        let l = login_of(r);
        let tried = !matches!(l.result, LoginOutcome::NotTried { .. });
        if off.contains(&r.endpoint.protocol) && tried {
            assert_eq!(
                l.result,
                LoginOutcome::ServiceDisabled,
                "{}\n{}",
                r.endpoint,
                r.transcript
            );
            let reply = l.reply.as_ref().map(|t| t.as_str()).unwrap_or_default();
            assert!(reply.contains(words), "{}: {reply}", r.endpoint);
            refused += 1;
        } else if tried {
            assert_eq!(
                l.result,
                LoginOutcome::Success,
                "{}\n{}",
                r.endpoint,
                r.transcript
            );
        }
    }
    assert!(
        refused >= 1,
        "nothing was refused as switched off: {reports:#?}"
    );
}

// ------------------------------------------------------------------ flows

mod flows {
    use super::*;
    use mailconf::i18n::Lang;
    use mailconf::probe::tls::load_pem_certs;
    use mailconf::providers::oauth2::Endpoints;
    use mailconf::signin::{self, Cancel, Client, HttpOptions, RefusalKind, SigninError};
    use secrecy::ExposeSecret as _;
    use std::collections::BTreeMap;
    use std::time::Duration;

    fn endpoints() -> Endpoints {
        let url = oauth2_url();
        Endpoints {
            authorization_url: format!("{url}/authorize"),
            token_url: format!("{url}/token"),
            device_authorization_url: Some(format!("{url}/devicecode")),
            scopes: vec!["mail".into(), "offline_access".into()],
        }
    }

    fn http(s: &Servers) -> HttpOptions {
        HttpOptions {
            extra_roots: load_pem_certs(&s.ca).unwrap(),
            resolve: BTreeMap::from([(s.host.clone(), vec![s.addr.parse().unwrap()])]),
        }
    }

    fn client(id: &str) -> Client {
        Client {
            id: id.to_owned(),
            secret: None,
        }
    }

    /// The test is the browser: it GETs the authorization URL with curl
    /// (the harness CA and address), takes the 302's Location (the loopback
    /// redirect), optionally changes its state, and follows it.
    fn browse(s: &Servers, url: &str, tamper_state: bool) {
        let out = curl(s)
            .args(["-o", "/dev/null", "-w", "%{redirect_url}"])
            .arg(url)
            .output()
            .expect("curl runs");
        let mut location = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            location.starts_with("http://127.0.0.1:"),
            "no loopback redirect: {location:?} {out:?}"
        );
        if tamper_state {
            location = location.replace("state=", "state=forged");
        }
        let out = curl(s)
            .args(["-o", "/dev/null", "-w", "%{http_code}"])
            .arg(&location)
            .output()
            .expect("curl runs");
        let code = String::from_utf8_lossy(&out.stdout).into_owned();
        let want = if tamper_state { "400" } else { "200" };
        assert_eq!(code, want, "the loopback page for {location}");
    }

    fn flow<'a>(
        endpoints: &'a Endpoints,
        client: &'a Client,
        http: &'a HttpOptions,
        timeout_s: u64,
        cancel: &'a Cancel,
    ) -> signin::Flow<'a> {
        signin::Flow {
            endpoints,
            client,
            http,
            timeout: Duration::from_secs(timeout_s),
            cancel,
        }
    }

    /// The browser for a URL printed by the CLI.
    pub(crate) fn browse_for(s: &Servers, url: &str) {
        browse(s, url, false);
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    fn code_flow(
        s: &Servers,
        client_id: &str,
        tamper: bool,
    ) -> Result<signin::Tokens, SigninError> {
        let rt = runtime();
        let s2 = s.clone();
        let (e, c, h) = (endpoints(), client(client_id), http(s));
        rt.block_on(signin::authorization_code(
            flow(&e, &c, &h, 30, &Cancel::default()),
            Some(&s.user),
            move |url| {
                let url = url.to_owned();
                // The browser runs beside the flow, as a real one would.
                std::thread::spawn(move || browse(&s2, &url, tamper));
            },
            Lang::En,
        ))
    }

    #[test]
    fn the_loopback_flow_with_pkce_gives_a_token_dovecot_accepts() {
        let s = Servers::get();
        let t = code_flow(&s, "mailconf-test-client", false).expect("signed in");
        let refresh = t.refresh.clone().expect("a refresh token (offline_access)");
        let token = t.access.expose_secret().to_owned();
        let ep = vec![Endpoint::new(Protocol::Imap, &s.host, 993, Security::Tls)];
        let reports = run(&s, ep, bearer(&s.user, &token, vec![]));
        assert_eq!(
            login_of(&reports[0]).result,
            LoginOutcome::Success,
            "{}",
            reports[0].transcript
        );
        // The refresh grant gives a new access token; the old refresh token is spent.
        let rt = runtime();
        let again = rt
            .block_on(signin::refresh(
                &endpoints(),
                &client("mailconf-test-client"),
                &refresh,
                &http(&s),
                Duration::from_secs(10),
            ))
            .expect("refreshed");
        assert_ne!(again.access.expose_secret(), token.as_str());
        let spent = rt.block_on(signin::refresh(
            &endpoints(),
            &client("mailconf-test-client"),
            &refresh,
            &http(&s),
            Duration::from_secs(10),
        ));
        assert!(
            matches!(
                spent,
                Err(SigninError::Refused {
                    kind: RefusalKind::GrantExpired,
                    ..
                })
            ),
            "{spent:?}"
        );
    }

    #[test]
    fn a_redirect_with_a_wrong_state_is_refused() {
        let s = Servers::get();
        let r = code_flow(&s, "mailconf-test-client", true);
        assert_eq!(r.map(|_| ()).unwrap_err(), SigninError::StateMismatch);
    }

    #[test]
    fn consent_denied_is_a_typed_refusal_in_three_languages() {
        let s = Servers::get();
        let r = code_flow(&s, "mailconf-test-denied", false);
        assert!(
            matches!(
                r,
                Err(SigninError::Refused {
                    kind: RefusalKind::ConsentDenied,
                    ..
                })
            ),
            "{:?}",
            r.map(|_| ())
        );
        let e = r.map(|_| ()).unwrap_err();
        for lang in [Lang::En, Lang::ZhHans, Lang::ZhHant] {
            assert!(
                e.message(lang).contains("access_denied"),
                "{}",
                e.message(lang)
            );
        }
    }

    #[test]
    fn the_device_flow_is_polled_to_completion() {
        let s = Servers::get();
        let rt = runtime();
        let s2 = s.clone();
        let shown = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let shown2 = shown.clone();
        let (e, c, h) = (endpoints(), client("mailconf-test-client"), http(&s));
        let t = rt
            .block_on(signin::device(
                flow(&e, &c, &h, 30, &Cancel::default()),
                move |d| {
                    *shown2.lock().unwrap() = signin::text::device_prompt(Lang::ZhHans, d);
                    let code = d.user_code.as_str().to_owned();
                    // The user approves after a few polls.
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(2500));
                        let out = curl(&s2)
                            .arg(format!(
                                "{}/device?user_code={code}&user={}",
                                oauth2_url(),
                                s2.user
                            ))
                            .output()
                            .unwrap();
                        assert!(String::from_utf8_lossy(&out.stdout).contains("approved"));
                    });
                },
            ))
            .expect("device sign-in");
        assert!(
            shown.lock().unwrap().contains("请在浏览器中打开"),
            "{}",
            shown.lock().unwrap()
        );
        let ep = vec![Endpoint::new(Protocol::Smtp, &s.host, 465, Security::Tls)];
        let reports = run(&s, ep, bearer(&s.user, t.access.expose_secret(), vec![]));
        assert_eq!(
            login_of(&reports[0]).result,
            LoginOutcome::Success,
            "{}",
            reports[0].transcript
        );
    }

    #[test]
    fn a_sign_in_nobody_finishes_times_out_and_one_can_be_cancelled() {
        let s = Servers::get();
        let rt = runtime();
        let (e, c, h) = (endpoints(), client("mailconf-test-client"), http(&s));
        let r = rt.block_on(signin::device(
            flow(&e, &c, &h, 2, &Cancel::default()),
            |_| {},
        ));
        assert_eq!(r.map(|_| ()).unwrap_err(), SigninError::TimedOut(2));
        let cancel = Cancel::default();
        let c2 = cancel.clone();
        let r = rt.block_on(signin::authorization_code(
            flow(&e, &c, &h, 30, &cancel),
            None,
            move |_| {
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_millis(300));
                    c2.cancel();
                });
            },
            Lang::En,
        ));
        assert_eq!(r.map(|_| ()).unwrap_err(), SigninError::Cancelled);
    }
}

// ------------------------------------------------------------------ the CLI helper

/// `mailconf oauth2 login` and `mailconf oauth2 token` as a user runs them,
/// with the refresh token in a real Secret Service: gnome-keyring in a private
/// D-Bus session (its own HOME, unlocked with a test password), so the test
/// never touches a keyring of the machine's.
pub(crate) mod cli {
    use super::*;
    use std::io::{BufRead as _, BufReader, Write as _};
    use std::process::{Child, Stdio};

    /// A private session bus with an unlocked gnome-keyring on it; both are
    /// stopped (by their own pids) when dropped.
    pub(crate) struct Keyring {
        bus: Child,
        keyring: Child,
        address: String,
        home: tempfile::TempDir,
    }

    impl Keyring {
        pub(crate) fn start() -> Keyring {
            let home = tempfile::tempdir().unwrap();
            let mut bus = Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .env("HOME", home.path())
                .stdout(Stdio::piped())
                .spawn()
                .expect("dbus-daemon (tests/harness/install-deps.sh installs it)");
            let mut line = String::new();
            BufReader::new(bus.stdout.take().unwrap())
                .read_line(&mut line)
                .unwrap();
            let address = line.trim().to_owned();
            assert!(address.starts_with("unix:"), "{address:?}");
            let mut keyring = Command::new("gnome-keyring-daemon")
                .args(["--foreground", "--unlock", "--components=secrets"])
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("gnome-keyring-daemon (tests/harness/install-deps.sh installs it)");
            keyring
                .stdin
                .take()
                .unwrap()
                .write_all(b"mailconf test keyring")
                .unwrap();
            // It registers on the bus; a moment later the secrets service answers.
            std::thread::sleep(std::time::Duration::from_millis(800));
            Keyring {
                bus,
                keyring,
                address,
                home,
            }
        }

        fn command(&self, config: &std::path::Path, s: &Servers, args: &[&str]) -> Command {
            self.mailconf(config, s, &[&["oauth2"], args].concat())
        }

        /// `mailconf ARGS --ca-file … --resolve …` in this keyring's session.
        fn mailconf(&self, config: &std::path::Path, s: &Servers, args: &[&str]) -> Command {
            let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
            c.args(args)
                .arg("--ca-file")
                .arg(&s.ca)
                .arg("--resolve")
                .arg(format!("{}:{}", s.host, s.addr));
            self.session_env(&mut c, config);
            c
        }

        /// This keyring's session and `config` as the config directory.
        pub(crate) fn session_env(&self, c: &mut Command, config: &std::path::Path) {
            c.env("HOME", self.home.path())
                .env("XDG_DATA_HOME", self.home.path().join("data"))
                .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
                .env("MAILCONF_CONFIG_DIR", config)
                .env("LANG", "C");
        }

        /// `oauth2 login` for the test user, the test being the browser.
        pub(crate) fn sign_in(&self, config: &std::path::Path, s: &Servers) -> String {
            let login = self
                .command(
                    config,
                    s,
                    &[
                        "login",
                        &s.user,
                        "--oauth2-client-id",
                        "mailconf-test-client",
                        "--no-browser",
                        "--timeout",
                        "60",
                    ],
                )
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let (status, _, stderr_text) = be_the_browser(login, s);
            assert!(status.success(), "login failed:\n{stderr_text}");
            stderr_text
        }
    }

    /// Waits for `child`, opening (as the browser) every sign-in address it
    /// prints on stderr; returns its status, stdout and stderr.
    pub(crate) fn be_the_browser(
        mut child: Child,
        s: &Servers,
    ) -> (std::process::ExitStatus, String, String) {
        let mut stdout = child.stdout.take().unwrap();
        let out = std::thread::spawn(move || {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
            text
        });
        let mut stderr_text = String::new();
        let mut reader = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 {
            stderr_text.push_str(&line);
            if let Some(at) = line.find("https://") {
                let url = line[at..].trim().to_owned();
                let s2 = s.clone();
                std::thread::spawn(move || flows::browse_for(&s2, &url));
            }
            line.clear();
        }
        let status = child.wait().unwrap();
        (status, out.join().unwrap(), stderr_text)
    }

    impl Drop for Keyring {
        fn drop(&mut self) {
            let _ = self.keyring.kill();
            let _ = self.keyring.wait();
            let _ = self.bus.kill();
            let _ = self.bus.wait();
        }
    }

    /// A user provider file that makes the harness's servers an OAuth2
    /// provider for `test.mailconf`, its endpoints the harness's server.
    pub(crate) fn provider_file(dir: &std::path::Path, s: &Servers) {
        let url = oauth2_url();
        let p = serde_json::json!({
            "id": "test-oauth2",
            "name": {"en": "Test OAuth2", "zh-Hans": "测试 OAuth2", "zh-Hant": "測試 OAuth2"},
            "domains": [s.domain],
            "status": {"state": "active"},
            "incoming": [
                {"protocol": "imap", "host": s.host, "port": 993, "security": "tls"},
                {"protocol": "pop3", "host": s.host, "port": 995, "security": "tls"}
            ],
            "outgoing": [
                {"protocol": "smtp", "host": s.host, "port": 465, "security": "tls"},
                {"protocol": "smtp", "host": s.host, "port": 587, "security": "starttls"}
            ],
            "auth": {"kind": "oauth2-only"},
            "oauth2": {
                "issuer": s.host,
                "authorization_url": format!("{url}/authorize"),
                "token_url": format!("{url}/token"),
                "device_authorization_url": format!("{url}/devicecode"),
                "scopes": {"pop3": ["mail", "offline_access"], "imap": ["mail", "offline_access"], "smtp": ["mail", "offline_access"]}
            },
            "sources": [{"about": "the test harness", "kind": "general-knowledge", "checked": "2026-12"}]
        });
        let providers = dir.join("providers");
        std::fs::create_dir_all(&providers).unwrap();
        std::fs::write(
            providers.join("test-oauth2.json"),
            serde_json::to_string_pretty(&p).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn login_keeps_the_refresh_token_in_the_keyring_and_token_prints_fresh_ones() {
        let s = Servers::get();
        let keyring = Keyring::start();
        let config = tempfile::tempdir().unwrap();
        provider_file(config.path(), &s);
        // login: the test reads the address the CLI prints and is the browser.
        let stderr_text = keyring.sign_in(config.path(), &s);
        assert!(stderr_text.contains("system keyring"), "{stderr_text}");
        // The client id is remembered, no token is in the config directory.
        let remembered =
            std::fs::read_to_string(config.path().join("oauth2-clients.json")).unwrap();
        assert!(remembered.contains("mailconf-test-client"), "{remembered}");
        // token, twice: each a fresh access token from the (rotated) refresh token.
        let mut tokens = Vec::new();
        for _ in 0..2 {
            let out = keyring
                .command(config.path(), &s, &["token", &s.user])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "token failed: {err}");
            let t = String::from_utf8(out.stdout).unwrap().trim().to_owned();
            assert!(t.starts_with("at-"), "{t:?}");
            assert_no_token("token's stderr", &err, &s.user, &t);
            tokens.push(t);
        }
        assert_ne!(tokens[0], tokens[1]);
        for t in &tokens {
            assert_no_token("login's stderr", &stderr_text, &s.user, t);
            for f in std::fs::read_dir(config.path()).unwrap().flatten() {
                if f.path().is_file() {
                    let text = std::fs::read_to_string(f.path()).unwrap_or_default();
                    assert_no_token("the config directory", &text, &s.user, t);
                }
            }
        }
        // probe --oauth2: a fresh token from the keyring on every secure endpoint.
        let mut probe =
            keyring.mailconf(config.path(), &s, &["probe", &s.user, "--oauth2", "--json"]);
        if !s.port_map.is_empty() {
            probe.args(["--port-map", &s.port_map]);
        }
        let out = probe.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let v: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("probe --oauth2 --json: {e}\n{text}\n{err}"));
        let mut successes = 0;
        for ep in v["endpoints"].as_array().expect("endpoints") {
            let outcome = ep["login"]["outcome"].as_str().unwrap_or("none");
            match outcome {
                "success" => successes += 1,
                "not-tried" | "mechanism-not-offered" | "none" => {}
                other => panic!("{}: {other}\n{text}", ep["endpoint"]),
            }
            if outcome == "success" {
                let m = ep["login"]["mechanism"].as_str().unwrap_or_default();
                assert!(m.ends_with("OAUTHBEARER") || m.ends_with("XOAUTH2"), "{m}");
            }
        }
        assert!(successes >= 4, "{successes} logins succeeded:\n{text}");
        assert!(
            !holds_an_access_token(&text),
            "an access token in the probe output:\n{text}"
        );
        // The token from the helper signs in on every endpoint.
        let reports = run(&s, endpoints(&s.host), bearer(&s.user, &tokens[1], vec![]));
        for r in &reports {
            assert_eq!(
                login_of(r).result,
                LoginOutcome::Success,
                "{}",
                r.transcript
            );
        }
    }

    /// `probe --oauth2` with nothing kept signs in by itself (the test is the
    /// browser), in the language of `--lang`, keeps the sign-in for the
    /// helper, and tests every secure endpoint with the token.
    #[test]
    fn probe_oauth2_signs_in_by_itself_when_nothing_is_kept_in_the_language_asked() {
        let s = Servers::get();
        let keyring = Keyring::start();
        let config = tempfile::tempdir().unwrap();
        provider_file(config.path(), &s);
        let mut probe = keyring.mailconf(
            config.path(),
            &s,
            &[
                "--lang",
                "zh-Hans",
                "probe",
                &s.user,
                "--oauth2",
                "--oauth2-client-id",
                "mailconf-test-client",
                "--no-browser",
                "--json",
            ],
        );
        if !s.port_map.is_empty() {
            probe.args(["--port-map", &s.port_map]);
        }
        let child = probe
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (status, text, err) = be_the_browser(child, &s);
        assert_eq!(status.code(), Some(0), "{err}\n{text}");
        // The sign-in spoke Simplified Chinese.
        assert!(err.contains("现在开始登录"), "{err}");
        assert!(err.contains("请在浏览器中登录"), "{err}");
        assert!(!err.contains("Sign in in your browser"), "{err}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let successes = v["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|ep| ep["login"]["outcome"] == "success")
            .count();
        assert!(successes >= 4, "{successes} logins succeeded:\n{text}");
        assert!(!holds_an_access_token(&text), "{text}");
        assert!(!holds_an_access_token(&err), "{err}");
        // The sign-in is kept: the helper now works without a browser.
        let out = keyring
            .command(config.path(), &s, &["token", &s.user])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `--token-file`: the refresh token in a 0600 file instead of the
    /// keyring (here there is no keyring at all: no session bus); `token`
    /// reads it and writes the rotated one back; a file others can read is
    /// refused, as is a link.
    #[test]
    fn the_explicit_token_file_is_0600_and_one_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let s = Servers::get();
        let config = tempfile::tempdir().unwrap();
        provider_file(config.path(), &s);
        let file = config.path().join("refresh-token");
        let with_file = |args: &[&str], file: &std::path::Path| {
            let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
            c.arg("oauth2")
                .args(args)
                .args(["--oauth2-client-id", "mailconf-test-client"])
                .arg("--token-file")
                .arg(file)
                .arg("--ca-file")
                .arg(&s.ca)
                .arg("--resolve")
                .arg(format!("{}:{}", s.host, s.addr))
                .env("HOME", config.path())
                .env("MAILCONF_CONFIG_DIR", config.path())
                .env_remove("DBUS_SESSION_BUS_ADDRESS")
                .env("LANG", "C");
            c
        };
        let mailconf = |args: &[&str]| with_file(args, &file);
        let login = mailconf(&["login", &s.user, "--no-browser", "--timeout", "60"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (status, _, err) = be_the_browser(login, &s);
        assert!(status.success(), "{err}");
        assert!(err.contains("mode 0600"), "{err}");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let first = std::fs::read_to_string(&file).unwrap();
        let out = mailconf(&["token", &s.user]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token = String::from_utf8(out.stdout).unwrap();
        assert!(token.starts_with("at-"), "{token}");
        // The provider rotated the refresh token: the file has the new one, still 0600.
        assert_ne!(std::fs::read_to_string(&file).unwrap(), first);
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // Readable by the group: refused, and the token is not printed.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let out = mailconf(&["token", &s.user]).output().unwrap();
        assert_eq!(out.status.code(), Some(3));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("chmod 600"), "{err}");
        // A link to the file: refused.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = config.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let out = with_file(&["token", &s.user], &link).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{out:?}");
    }

    #[test]
    fn token_without_a_sign_in_says_to_log_in_first() {
        let s = Servers::get();
        let keyring = Keyring::start();
        let config = tempfile::tempdir().unwrap();
        provider_file(config.path(), &s);
        let out = keyring
            .command(
                config.path(),
                &s,
                &[
                    "token",
                    &s.user2,
                    "--oauth2-client-id",
                    "mailconf-test-client",
                ],
            )
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("mailconf oauth2 login"), "{err}");
        assert!(out.stdout.is_empty());
    }

    /// A Google-style desktop client: the secret given once at `login` (from
    /// the environment) goes into the keyring, so `token` refreshes without
    /// it; it is in no file and no output. A wrong secret is refused by the
    /// server as the client (so the secret really is sent and checked).
    #[test]
    fn a_client_secret_given_once_is_kept_in_the_keyring_for_the_refreshes() {
        let s = Servers::get();
        let keyring = Keyring::start();
        let config = tempfile::tempdir().unwrap();
        provider_file(config.path(), &s);
        let secret = "desktop-secret-for-tests";
        let login = |value: &str| {
            let child = keyring
                .command(
                    config.path(),
                    &s,
                    &[
                        "login",
                        &s.user,
                        "--oauth2-client-id",
                        "mailconf-test-secret",
                        "--oauth2-client-secret-env",
                        "MAILCONF_TEST_SECRET",
                        "--no-browser",
                        "--timeout",
                        "60",
                    ],
                )
                .env("MAILCONF_TEST_SECRET", value)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            be_the_browser(child, &s)
        };
        let (status, _, err) = login("not-the-secret");
        assert_eq!(status.code(), Some(1), "{err}");
        assert!(err.contains("invalid_client"), "{err}");
        let (status, _, err) = login(secret);
        assert!(status.success(), "{err}");
        assert!(!err.contains(secret), "{err}");
        // `token` without the variable: the secret comes from the keyring.
        let out = keyring
            .command(config.path(), &s, &["token", &s.user])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(holds_an_access_token(&String::from_utf8_lossy(&out.stdout)));
        assert!(!err.contains(secret), "{err}");
        // Remembered in the shared store: the client id, never the secret.
        let clients = std::fs::read_to_string(config.path().join("oauth2-clients.json")).unwrap();
        assert!(clients.contains("mailconf-test-secret"), "{clients}");
        for f in walk(config.path()) {
            let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
            assert!(!text.contains(secret), "{} holds the secret", f.display());
        }
    }

    /// Every file below `dir`.
    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}

/// The exported files of an OAuth2-only provider, used as users use them
/// against the real servers: msmtp sends through Postfix (`auth xoauth2`,
/// `passwordeval "mailconf oauth2 token …"`), getmail6 fetches the message
/// from Dovecot over IMAP (`use_xoauth2`, `password_command`), both asking
/// the helper for a fresh token from the keyring. The clients run as users
/// run them: the address resolved by /etc/hosts in a private mount
/// namespace, `mailconf` on PATH, the keyring session in the environment.
/// (fetchmail is not here: the fetchmail 6.4 of Debian 12 has no OAuth2;
/// tests/export.rs checks its file.)
mod export {
    use super::cli::{Keyring, provider_file};
    use super::*;
    use mailconf::export::settings::AccountSettings;
    use mailconf::export::{ExportOptions, Format};
    use mailconf::i18n::Lang;
    use mailconf::providers::{Address, Provider};

    /// What a client of the exported files finds: the test user signed in
    /// (the refresh token in a private keyring), the provider file, and
    /// `mailconf` on PATH, as an installed one would be.
    pub(super) struct SignedIn {
        pub(super) s: Servers,
        pub(super) keyring: Keyring,
        pub(super) config: tempfile::TempDir,
        pub(super) dir: tempfile::TempDir,
        pub(super) path: String,
        provider: Provider,
        address: Address,
    }

    impl SignedIn {
        pub(super) fn new() -> SignedIn {
            let s = Servers::get();
            let keyring = Keyring::start();
            let config = tempfile::tempdir().unwrap();
            provider_file(config.path(), &s);
            keyring.sign_in(config.path(), &s);
            let provider: Provider = serde_json::from_str(
                &std::fs::read_to_string(config.path().join("providers/test-oauth2.json")).unwrap(),
            )
            .unwrap();
            let address = Address::parse(&s.user).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let bin = dir.path().join("bin");
            std::fs::create_dir_all(&bin).unwrap();
            std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_mailconf"), bin.join("mailconf"))
                .unwrap();
            let path = format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            );
            SignedIn {
                s,
                keyring,
                config,
                dir,
                path,
                provider,
                address,
            }
        }

        /// `client` ended well, printed no token, and the message with
        /// `marker` arrived in the test mailbox.
        pub(super) fn delivered(&self, client: &str, out: &std::process::Output, marker: &str) {
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.status.success(), "{client} failed:\n{said}");
            assert!(!holds_an_access_token(&said), "{said}");
            assert!(
                crate::roundtrip::arrives(&self.s.maildir, marker),
                "{client}: the message did not arrive"
            );
        }

        /// The exported file of `format` for the account's `protocol`.
        pub(super) fn export(
            &self,
            protocol: Protocol,
            format: Format,
            opts: &ExportOptions,
        ) -> String {
            let settings =
                AccountSettings::from_provider(&self.provider, Some(&self.address), protocol)
                    .unwrap();
            format.exporter(opts).render(&settings, Lang::En).unwrap()
        }
    }

    #[test]
    fn msmtp_sends_and_getmail_fetches_with_the_exported_files_and_the_token_helper() {
        let signed = SignedIn::new();
        let SignedIn {
            s,
            keyring,
            config,
            dir,
            path,
            ..
        } = &signed;
        let opts = ExportOptions {
            ca_file: Some(s.ca.clone()),
            ..Default::default()
        };
        let export = |protocol: Protocol, format: Format| signed.export(protocol, format, &opts);
        let private = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o600))
                .unwrap();
            p
        };
        let rc = export(Protocol::Pop3, Format::Msmtp);
        assert!(rc.contains("auth xoauth2"), "{rc}");
        let msmtprc = private("msmtprc", &rc);
        let getmail = export(Protocol::Imap, Format::Getmail);
        assert!(getmail.contains("use_xoauth2 = True"), "{getmail}");
        // The retriever is the export's; the destination is replaced because
        // getmail refuses to deliver into a maildir as root (the tests' user).
        let inbox = dir.path().join("downloaded");
        let (retriever, _) = getmail.split_once("[destination]").unwrap();
        let getmailrc = private(
            "getmailrc",
            &format!(
                "{retriever}[destination]\ntype = MDA_external\npath = /bin/sh\n\
                 arguments = (\"-c\", \"cat >> {}\")\nallow_root_commands = true\n\n\
                 [options]\ndelete = false\n",
                inbox.display()
            ),
        );
        // 1. msmtp sends.
        let token = format!("mailconf-oauth2-e2e-{}", std::process::id());
        let out = crate::roundtrip::msmtp_send(s, dir.path(), &msmtprc, "default", &token, |c| {
            keyring.session_env(c, config.path());
            c.env("PATH", path);
        });
        signed.delivered("msmtp", &out, &token);
        let log = std::fs::read_to_string(&s.postfix_log).unwrap_or_default();
        assert!(
            log.lines().any(|l| l.contains("sasl_method=XOAUTH2")),
            "Postfix logged no XOAUTH2 login"
        );

        // 2. getmail6 fetches it over IMAP with XOAUTH2.
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let rcfile = format!("--rcfile={}", getmailrc.display());
        let getmaildir = format!("--getmaildir={}", home.display());
        let mut c = crate::roundtrip::client(s, dir.path(), "getmail", &[&rcfile, &getmaildir]);
        keyring.session_env(&mut c, config.path());
        c.env("PATH", path).env("HOME", &home);
        let out = c.output().expect("getmail (tests/harness/install-deps.sh)");
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "getmail failed:\n{log}");
        let downloaded = std::fs::read_to_string(&inbox).unwrap_or_default();
        assert!(
            downloaded.contains(&token),
            "getmail did not fetch the message:\n{log}"
        );
        assert!(
            !holds_an_access_token(&log),
            "a token in getmail's output:\n{log}"
        );
        let dovecot = std::fs::read_to_string(&s.dovecot_log).unwrap_or_default();
        assert!(
            dovecot.lines().any(|l| l.contains("imap-login:")
                && l.contains(" Login: ")
                && l.contains("method=XOAUTH2")),
            "Dovecot logged no IMAP XOAUTH2 login"
        );
    }
}

/// neomutt, beyond its parser: with the exported muttrc (IMAP) it sends a
/// message through Postfix with `smtp_oauth_refresh_command` and opens the
/// mailbox on Dovecot with `imap_oauth_refresh_command`, both running
/// `mailconf oauth2 token` against the harness's authorization server. The
/// index needs a terminal: `script` gives it one, and `push <quit>` leaves
/// once the mailbox is open.
mod neomutt {
    use super::*;
    use mailconf::export::{ExportOptions, Format};

    #[test]
    fn neomutt_sends_and_opens_the_mailbox_with_the_exported_muttrc_and_the_token_helper() {
        let signed = super::export::SignedIn::new();
        let super::export::SignedIn {
            s,
            keyring,
            config,
            dir,
            path,
            ..
        } = &signed;
        // `--ca-file` goes into the token command, as for msmtp.
        let opts = ExportOptions {
            ca_file: Some(s.ca.clone()),
            ..Default::default()
        };
        let rc = signed.export(Protocol::Imap, Format::Mutt, &opts);
        assert!(rc.contains("set imap_oauth_refresh_command"), "{rc}");
        assert!(
            rc.contains("--ca-file") && rc.contains("ssl_ca_certificates_file"),
            "{rc}"
        );
        assert!(rc.contains("set smtp_oauth_refresh_command"), "{rc}");
        // The export as written (the harness CA in it), plus what a test
        // needs: no copy of the sent message, no caches, no questions on leaving.
        let muttrc = dir.path().join("muttrc");
        std::fs::write(
            &muttrc,
            format!(
                "{rc}\nset copy = no\nset header_cache = ''\nset message_cachedir = ''\n\
                 set quit = yes\nset wait_key = no\n"
            ),
        )
        .unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let neomutt = |args: &[&str]| {
            let mut c = crate::roundtrip::client(s, dir.path(), "timeout", args);
            keyring.session_env(&mut c, config.path());
            c.env("PATH", path)
                .env("HOME", &home)
                .env("TERM", "xterm")
                .env("EDITOR", "true");
            c
        };
        let rcfile = muttrc.to_str().unwrap();

        // 1. Sends (batch mode: the body on stdin).
        let marker = format!("mailconf-neomutt-oauth2-{}", std::process::id());
        let postfix_before = std::fs::read(&s.postfix_log).map(|b| b.len()).unwrap_or(0);
        let mut send = neomutt(&[
            "60", "neomutt", "-n", "-F", rcfile, "-s", &marker, "--", &s.user,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("neomutt (tests/harness/install-deps.sh)");
        use std::io::Write as _;
        send.stdin
            .take()
            .unwrap()
            .write_all(format!("{marker}\n").as_bytes())
            .unwrap();
        let out = send.wait_with_output().unwrap();
        signed.delivered("neomutt", &out, &marker);
        let log = std::fs::read(&s.postfix_log).unwrap_or_default();
        let log = String::from_utf8_lossy(log.get(postfix_before..).unwrap_or_default());
        assert!(
            log.lines()
                .any(|l| l.contains("sasl_method=OAUTHBEARER") || l.contains("sasl_method=XOAUTH2")),
            "Postfix logged no OAuth2 login:\n{log}"
        );

        // 2. Opens the IMAP mailbox, then quits.
        let dovecot_before = std::fs::read(&s.dovecot_log).map(|b| b.len()).unwrap_or(0);
        let command = format!("neomutt -n -F '{rcfile}' -e 'push <quit>'");
        let out = neomutt(&["60", "script", "-qec", &command, "/dev/null"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let screen = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "neomutt did not open the mailbox:\n{screen}"
        );
        assert!(!holds_an_access_token(&screen));
        let log = std::fs::read(&s.dovecot_log).unwrap_or_default();
        let log = String::from_utf8_lossy(log.get(dovecot_before..).unwrap_or_default());
        assert!(
            log.lines().any(|l| l.contains("imap-login:")
                && l.contains(" Login: ")
                && l.contains(&format!("user=<{}>", s.user))
                && (l.contains("method=OAUTHBEARER") || l.contains("method=XOAUTH2"))),
            "Dovecot logged no IMAP OAuth2 login by neomutt:\n{log}"
        );
    }
}

/// The window's sign-in against the harness's authorization server, the
/// test being the browser: the states people see (waiting for the browser,
/// cancelled, error, signed in) in English and Simplified Chinese, and Test
/// connection then signing in with the token on every secure endpoint of the
/// real Dovecot and Postfix.
mod gui {
    use super::cli::provider_file;
    use super::*;
    use crate::gui::{App, address, english_leftovers, has_text, texts, type_into, until};
    use egui_kittest::kittest::Queryable as _;
    use mailconf::app::signin::{SigninState, text};
    use mailconf::app::ui_text::T;
    use mailconf::i18n::Lang;
    use mailconf::providers::Database;
    use mailconf::signin::store::{ClientStore, Remembered};

    /// The window with the test provider file, its clients remembered in
    /// `oauth2-clients.json` of the config folder it returns.
    fn window(s: &Servers, lang: Lang) -> (App, tempfile::TempDir, std::path::PathBuf) {
        let config = tempfile::tempdir().unwrap();
        provider_file(config.path(), s);
        let db = Arc::new(Database::load(Some(&config.path().join("providers"))));
        let mut h = crate::gui::real_engine(s, db, lang, [1100.0, 900.0]);
        let clients = config.path().join("oauth2-clients.json");
        h.state_mut().set_client_store(ClientStore::at(&clients));
        (h, config, clients)
    }

    fn state(h: &App) -> SigninState {
        h.state().session.signin.state.clone()
    }

    /// Clicks Sign in and waits for the browser's address.
    fn sign_in(h: &mut App, lang: Lang) -> String {
        h.get_by_label(&text::sign_in(lang)).click();
        until(h, |h| {
            matches!(state(h), SigninState::Waiting { url: Some(_) })
        });
        assert!(has_text(h, &text::state(lang, &state(h))), "{:?}", texts(h));
        match state(h) {
            SigninState::Waiting { url: Some(url) } => url,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sign_in_states_and_test_connection_with_the_token_in_english_and_chinese() {
        let s = Servers::get();
        for lang in [Lang::En, Lang::ZhHans] {
            let (mut h, _config, clients) = window(&s, lang);
            address(&mut h, lang, &s.user);
            // Before signing in: the block says why.
            assert!(
                has_text(&h, &text::sign_in_first(lang)),
                "{lang:?}: {:?}",
                texts(&h)
            );
            // No client id: a clear error, nothing started.
            h.get_by_label(&text::sign_in(lang)).click();
            h.run();
            assert!(has_text(&h, &text::no_client_id(lang)), "{:?}", texts(&h));

            // No English on the Chinese screens but the data: the client id typed.
            let chinese = |h: &App, what: &str| {
                if lang == Lang::ZhHans {
                    let left: Vec<_> = english_leftovers(h)
                        .into_iter()
                        .filter(|(t, _)| !t.starts_with("mailconf-test-"))
                        .collect();
                    assert!(left.is_empty(), "English on the screen ({what}): {left:#?}");
                }
            };
            chinese(&h, "before signing in");

            // Waiting, then cancelled.
            type_into(&mut h, &text::client_id_label(lang), "mailconf-test-client");
            let _url = sign_in(&mut h, lang);
            chinese(&h, "waiting for the browser");
            h.get_by_label(&text::cancel(lang)).click();
            until(&mut h, |h| state(h) == SigninState::Cancelled);
            assert!(
                has_text(&h, &text::state(lang, &SigninState::Cancelled)),
                "{:?}",
                texts(&h)
            );
            chinese(&h, "cancelled");

            // An error: the provider denies consent to this client.
            h.state_mut().session.signin.client_id = "mailconf-test-denied".into();
            let url = sign_in(&mut h, lang);
            browse(&s, &url);
            until(&mut h, |h| matches!(state(h), SigninState::Failed(_)));
            let failed = text::state(lang, &state(&h));
            assert!(failed.contains("access_denied"), "{failed}");
            assert!(has_text(&h, &failed), "{:?}", texts(&h));

            // Signed in.
            h.state_mut().session.signin.client_id = "mailconf-test-client".into();
            let url = sign_in(&mut h, lang);
            browse(&s, &url);
            until(&mut h, |h| matches!(state(h), SigninState::SignedIn { .. }));
            let signed = text::state(lang, &state(&h));
            assert!(signed.contains(&s.user), "{signed}");
            assert!(has_text(&h, &signed), "{:?}", texts(&h));
            chinese(&h, "signed in");
            // The client id that worked (not the refused one) is remembered
            // for the provider, in the file the CLI reads.
            assert_eq!(
                ClientStore::at(&clients).get("test-oauth2"),
                Some(Remembered {
                    client_id: "mailconf-test-client".into(),
                    tenant: None
                })
            );

            // Test connection signs in with the token on every secure endpoint.
            h.get_by_label(&T::TestConnection.get(lang)).click();
            // The click is taken at the next frame: the test starts there.
            h.run_steps(1);
            crate::gui::until_within(&mut h, 60, |h| !h.state().session.check.running);
            h.run_steps(8);
            let mut signed_in = 0;
            for r in &h.state().session.check.rows {
                if let Some(l) = r.report().and_then(|r| r.login.as_ref())
                    && l.result == LoginOutcome::Success
                {
                    let m = l.mechanism.as_deref().unwrap_or_default();
                    assert!(m.ends_with("XOAUTH2") || m.ends_with("OAUTHBEARER"), "{m}");
                    signed_in += 1;
                }
            }
            assert!(signed_in >= 4, "{signed_in}: {:?}", texts(&h));
            assert!(has_text(&h, &T::LoginOk.get(lang)), "{:?}", texts(&h));
            assert!(!holds_an_access_token(&texts(&h).join("\n")));
        }
    }

    fn browse(s: &Servers, url: &str) {
        super::flows::browse_for(s, url);
    }

    /// Approves `code` on the authorization server's device page, as the
    /// user would on their phone.
    fn approve(s: &Servers, code: &str, user: &str) {
        let out = super::curl(s)
            .arg(format!(
                "{}/device?user_code={code}&user={user}",
                oauth2_url()
            ))
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("approved"),
            "{out:?}"
        );
    }

    /// For when no browser opens: the code and its address are shown, the
    /// code is copied, the time left counts, Cancel stops the polling, and a
    /// code approved on "another device" signs in; Test connection then uses
    /// the token. The client id is remembered in the store the CLI reads.
    #[test]
    fn the_device_flow_shows_the_code_polls_can_be_cancelled_and_signs_in() {
        let s = Servers::get();
        for lang in [Lang::En, Lang::ZhHans] {
            let (mut h, _config, clients) = window(&s, lang);
            let clip = crate::gui::Recorder::install(&mut h);
            address(&mut h, lang, &s.user);
            type_into(&mut h, &text::client_id_label(lang), "mailconf-test-client");

            let shown = |h: &mut App| {
                h.get_by_label(&text::sign_in_with_code(lang)).click();
                // The spinner repaints for as long as the sign-in runs.
                h.run_steps(2);
                assert!(matches!(state(h), SigninState::Device(_)), "{:?}", state(h));
                until(h, |h| matches!(state(h), SigninState::Device(Some(_))));
                match state(h) {
                    SigninState::Device(Some(d)) => d,
                    other => panic!("{other:?}"),
                }
            };
            // Cancelled while polling.
            let d = shown(&mut h);
            assert!(
                has_text(&h, &text::state(lang, &state(&h))),
                "{:?}",
                texts(&h)
            );
            assert!(d.url.ends_with("/device"), "{}", d.url);
            assert!(has_text(&h, &d.code));
            // The harness's codes live 600 s.
            let left = text::device_time_left(lang, &d);
            assert!(has_text(&h, &left) && left.contains("10"), "{left}");
            if lang == Lang::ZhHans {
                assert!(!has_text(&h, &text::state(Lang::En, &state(&h))));
                assert!(!has_text(&h, &text::copy_code(Lang::En)));
            }
            h.get_by_label(&text::copy_code(lang)).click();
            h.run_steps(2);
            assert_eq!(clip.last().as_deref(), Some(d.code.as_str()));
            // Beside the button, naming what was copied (issue 14).
            let said = mailconf::app::ui_text::copied(&T::WhatDeviceCode.get(lang), lang);
            assert!(has_text(&h, &said), "{said}");
            h.get_by_label(&text::cancel(lang)).click();
            until(&mut h, |h| state(h) == SigninState::Cancelled);
            // Approving the cancelled code later signs nothing in.
            approve(&s, &d.code, &s.user);
            h.run_steps(4);
            assert_eq!(state(&h), SigninState::Cancelled);
            assert!(!clients.exists(), "nothing remembered before a sign-in");

            // Approved on another device: signed in.
            let d = shown(&mut h);
            approve(&s, &d.code, &s.user);
            crate::gui::until_within(&mut h, 30, |h| {
                matches!(state(h), SigninState::SignedIn { .. })
            });
            assert!(
                has_text(&h, &text::state(lang, &state(&h))),
                "{:?}",
                texts(&h)
            );
            assert_eq!(
                ClientStore::at(&clients)
                    .get("test-oauth2")
                    .map(|r| r.client_id),
                Some("mailconf-test-client".into())
            );
            assert!(
                h.state()
                    .session
                    .check_request(h.state().database())
                    .is_some()
            );
            let token = h.state().session.signin.token_for(&s.user, "test-oauth2");
            assert!(token.is_some());
            assert!(!holds_an_access_token(&texts(&h).join("\n")));
            assert!(!holds_an_access_token(&format!("{:?}", h.state().session)));
        }
    }
}

/// The window's sign-in states that need no authorization server, with
/// Outlook.com from the bundled database: the loopback listener is real, the
/// test answers it as the provider's page would after a refusal. Waiting for
/// the browser (its address shown), cancelled, and an error in the user's
/// language, in English and Simplified Chinese.
mod gui_states {
    use crate::gui::{App, address, build, bundled, has_text, texts, type_into, until};
    use egui_kittest::kittest::Queryable as _;
    use mailconf::app::signin::{SigninState, text};
    use mailconf::i18n::Lang;
    use std::io::{Read as _, Write as _};

    fn state(h: &App) -> SigninState {
        h.state().session.signin.state.clone()
    }

    fn waiting_url(h: &mut App, lang: Lang) -> String {
        h.get_by_label(&text::sign_in(lang)).click();
        until(h, |h| {
            matches!(state(h), SigninState::Waiting { url: Some(_) })
        });
        match state(h) {
            SigninState::Waiting { url: Some(u) } => u,
            other => panic!("{other:?}"),
        }
    }

    /// What the provider's page does when the user declines: redirect to
    /// the loopback address with `error=access_denied` and the `state`.
    fn decline(authorize: &str) {
        let url = url::Url::parse(authorize).unwrap();
        let q: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
        let redirect = url::Url::parse(&q["redirect_uri"]).unwrap();
        assert_eq!(redirect.host_str(), Some("127.0.0.1"));
        let port = redirect.port().unwrap();
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /?error=access_denied&error_description=The+user+declined&state={} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n",
            q["state"]
        )
        .unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }

    #[test]
    fn waiting_cancelled_and_declined_in_english_and_chinese() {
        for lang in [Lang::En, Lang::ZhHans] {
            let mut h = build(lang, bundled(), None);
            address(&mut h, lang, "you@outlook.com");
            assert!(has_text(&h, &text::sign_in_first(lang)), "{:?}", texts(&h));
            h.get_by_label(&text::sign_in(lang)).click();
            h.run();
            assert!(has_text(&h, &text::no_client_id(lang)), "{:?}", texts(&h));
            type_into(
                &mut h,
                &text::client_id_label(lang),
                "00000000-0000-0000-0000-000000000000",
            );
            // The sign-in's own words are the language's (the catalog tests
            // keep English out of the Chinese ones; Outlook's card quotes "POP").
            let chinese = |h: &App, what: &str| {
                if lang == Lang::ZhHans {
                    let line = text::state(Lang::En, &state(h));
                    assert!(!has_text(h, &line), "{what}: {line}");
                    assert!(!has_text(h, &text::sign_in(Lang::En)), "{what}");
                }
            };
            // Waiting for the browser: the provider's page, the loopback redirect.
            let url = waiting_url(&mut h, lang);
            assert!(
                url.starts_with("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?"),
                "{url}"
            );
            assert!(url.contains("code_challenge_method=S256"), "{url}");
            assert!(
                has_text(&h, &text::state(lang, &state(&h))),
                "{:?}",
                texts(&h)
            );
            assert!(has_text(&h, &text::cancel(lang)));
            chinese(&h, "waiting");

            // Cancelled.
            h.get_by_label(&text::cancel(lang)).click();
            until(&mut h, |h| state(h) == SigninState::Cancelled);
            assert!(has_text(&h, &text::state(lang, &SigninState::Cancelled)));
            assert!(has_text(&h, &text::sign_in(lang)));
            chinese(&h, "cancelled");

            // Declined on the provider's page: an error in the user's language.
            let url = waiting_url(&mut h, lang);
            decline(&url);
            until(&mut h, |h| matches!(state(h), SigninState::Failed(_)));
            let failed = text::state(lang, &state(&h));
            assert!(failed.contains("access_denied"), "{failed}");
            assert!(has_text(&h, &failed), "{:?}", texts(&h));
        }
    }

    // The tenant (Microsoft 365) and client secret (Gmail) fields, and the
    // client id an old app.ron kept: no authorization server needed, the
    // browser is never followed.

    /// Empties a field and types `text` into it.
    fn retype(h: &mut App, label: &str, text: &str) {
        h.state_mut().session.signin.tenant.clear();
        h.run();
        type_into(h, label, text);
    }

    #[test]
    fn the_tenant_is_checked_while_typing_and_goes_into_the_sign_in_address() {
        for lang in [Lang::En, Lang::ZhHans] {
            let mut h = build(lang, bundled(), None);
            address(&mut h, lang, "you@onmicrosoft.com");
            type_into(
                &mut h,
                &text::client_id_label(lang),
                "00000000-0000-0000-0000-000000000000",
            );
            // Microsoft 365 names a tenant: the field is there, Google's secret is not.
            assert!(has_text(&h, &text::tenant_label(lang)), "{:?}", texts(&h));
            assert!(!has_text(&h, &text::client_secret_label(lang)));
            // Not a tenant: said at once, and Sign in starts nothing.
            for bad in ["not a tenant", "x/../evil", "contoso"] {
                retype(&mut h, &text::tenant_label(lang), bad);
                let reason = mailconf::signin::text::bad_tenant(lang, bad);
                assert!(has_text(&h, &reason), "{bad}: {:?}", texts(&h));
                h.get_by_label(&text::sign_in(lang)).click();
                h.run();
                assert_eq!(state(&h), SigninState::Failed(reason.clone()), "{bad}");
                if lang == Lang::ZhHans {
                    assert!(reason.contains("不是租户"), "{reason}");
                }
            }
            // Empty: the provider's default tenant.
            retype(&mut h, &text::tenant_label(lang), "");
            let url = waiting_url(&mut h, lang);
            assert!(
                url.starts_with(
                    "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?"
                ),
                "{url}"
            );
            h.get_by_label(&text::cancel(lang)).click();
            until(&mut h, |h| state(h) == SigninState::Cancelled);
            // A domain and a tenant id: into the path, as one segment.
            for (tenant, segment) in [
                ("contoso.onmicrosoft.com", "contoso.onmicrosoft.com"),
                (
                    " 9188040d-6c67-4c5b-b112-36a304b66dad ",
                    "9188040d-6c67-4c5b-b112-36a304b66dad",
                ),
            ] {
                retype(&mut h, &text::tenant_label(lang), tenant);
                assert!(
                    !has_text(&h, &mailconf::signin::text::bad_tenant(lang, tenant.trim())),
                    "{tenant}"
                );
                let url = waiting_url(&mut h, lang);
                assert!(
                    url.starts_with(&format!(
                        "https://login.microsoftonline.com/{segment}/oauth2/v2.0/authorize?"
                    )),
                    "{url}"
                );
                h.get_by_label(&text::cancel(lang)).click();
                until(&mut h, |h| state(h) == SigninState::Cancelled);
            }
            // The device flow is offered (Microsoft has one).
            assert!(has_text(&h, &text::sign_in_with_code(lang)));
        }
    }

    /// The client id an older window kept in app.ron moves into the store
    /// the CLI shares, and app.ron no longer holds it; the fields show what
    /// the store remembers (client id and tenant) for each provider.
    #[test]
    fn the_client_id_of_an_old_app_ron_moves_into_the_shared_store() {
        use mailconf::app::state::Persisted;
        use mailconf::signin::store::{ClientStore, Remembered};
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("oauth2-clients.json");
        let store = ClientStore::at(&file);
        store
            .remember(
                "microsoft365",
                &Remembered {
                    client_id: "ms-id".into(),
                    tenant: Some("contoso.com".into()),
                },
            )
            .unwrap();
        let old: Persisted = serde_json::from_str(
            r#"{"last_address": "", "oauth2_clients": {"outlook": "old-id", "microsoft365": "older-id"}}"#,
        )
        .unwrap();
        let mut h = egui_kittest::Harness::builder()
            .with_size([1100.0, 800.0])
            .with_context_setup(mailconf::app::install_fonts)
            .build_eframe(move |cc| {
                mailconf::app::MailconfApp::new(
                    cc,
                    mailconf::app::AppOptions {
                        database: bundled(),
                        backend: None,
                        lang: Some(Lang::En),
                        persisted: Some(old),
                    },
                )
                .with_client_store(ClientStore::at(&file))
            });
        h.run();
        // Moved where the store had nothing; the store's own entry wins.
        assert_eq!(
            store.get("outlook"),
            Some(Remembered {
                client_id: "old-id".into(),
                tenant: None
            })
        );
        assert_eq!(store.get("microsoft365").unwrap().client_id, "ms-id");
        let saved = serde_json::to_string(&h.state().persisted()).unwrap();
        assert!(
            !saved.contains("old-id") && !saved.contains("oauth2_clients"),
            "{saved}"
        );
        address(&mut h, Lang::En, "you@outlook.com");
        assert_eq!(h.state().session.signin.client_id, "old-id");
        h.state_mut().session.address.clear();
        h.run();
        address(&mut h, Lang::En, "you@onmicrosoft.com");
        assert_eq!(h.state().session.signin.client_id, "ms-id");
        assert_eq!(h.state().session.signin.tenant, "contoso.com");
    }

    #[test]
    fn the_client_secret_is_masked_never_in_the_address_nor_persisted() {
        for lang in [Lang::En, Lang::ZhHans] {
            let mut h = build(lang, bundled(), None);
            address(&mut h, lang, "bob@gmail.com");
            // Gmail takes an app password too: the sign-in is folded away.
            assert!(
                !has_text(&h, &text::client_id_label(lang)),
                "{:?}",
                texts(&h)
            );
            h.get_by_label(&text::instead_of_password(lang)).click();
            h.run();
            assert!(
                has_text(&h, &text::client_secret_label(lang)),
                "{:?}",
                texts(&h)
            );
            assert!(!has_text(&h, &text::tenant_label(lang)));
            // Google offers no device flow for mail.
            assert!(!has_text(&h, &text::sign_in_with_code(lang)));
            assert!(has_text(&h, &text::optional(lang)), "{:?}", texts(&h));
            type_into(
                &mut h,
                &text::client_id_label(lang),
                "123-abc.apps.googleusercontent.com",
            );
            type_into(&mut h, &text::client_secret_label(lang), "GOCSPX-s3cr3t");
            assert_eq!(
                h.state().session.signin.client_secret.expose(),
                "GOCSPX-s3cr3t"
            );
            assert!(
                !texts(&h).iter().any(|t| t.contains("s3cr3t")),
                "shown: {:?}",
                texts(&h)
            );
            let url = waiting_url(&mut h, lang);
            assert!(
                url.starts_with("https://accounts.google.com/o/oauth2/v2/auth?"),
                "{url}"
            );
            assert!(!url.contains("s3cr3t"), "{url}");
            h.get_by_label(&text::cancel(lang)).click();
            until(&mut h, |h| state(h) == SigninState::Cancelled);
            let app = h.state();
            let saved = serde_json::to_string(&app.persisted()).unwrap();
            assert!(!saved.contains("s3cr3t"), "{saved}");
            assert!(!format!("{:?}", app.session).contains("s3cr3t"));
            if lang == Lang::ZhHans {
                for t in [
                    text::client_secret_label,
                    text::instead_of_password,
                    text::cancel,
                ] {
                    assert!(!has_text(&h, &t(Lang::En)));
                }
            }
        }
    }
}
