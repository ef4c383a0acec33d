//! Access to the private Dovecot/Postfix that `tests/run` starts (tests/harness/).
//!
//! Real-server tests read the `MAILCONF_TEST_*` variables that
//! `tests/harness/mailservers.sh start` prints. When they are missing the tests fail
//! with a message saying how to start the servers; they are never skipped.

use std::path::PathBuf;

/// The running test servers.
#[derive(Debug, Clone)]
pub struct Servers {
    /// Host name in the certificate, `mail.test.mailconf`.
    pub host: String,
    /// Mail domain of the test users, `test.mailconf`.
    pub domain: String,
    /// Address the servers listen on.
    pub addr: String,
    /// `host:addr` for `--resolve`.
    pub resolve: String,
    /// `110=10110,…` in loopback mode, empty in namespace mode.
    pub port_map: String,
    /// The test CA (PEM).
    pub ca: PathBuf,
    /// alice's address and password.
    pub user: String,
    pub pass: String,
    /// alice's maildir.
    pub maildir: PathBuf,
    /// bob's address and password.
    pub user2: String,
    pub pass2: String,
    /// carol's address and password: only for tests that log in with a wrong
    /// password outside tests/login.rs, whose failed-login counts are bob's.
    pub user3: String,
    pub pass3: String,
    /// The seed's 163 user (`zhang@163.com`) and the password of the 2011
    /// fetchmailrc; the certificate also names pop/imap/smtp.163.com
    /// ([`SEED_HOSTS`]), which tests resolve to `addr`.
    pub seed_user: String,
    pub seed_pass: String,
    /// Server logs.
    pub dovecot_log: PathBuf,
    pub postfix_log: PathBuf,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: the real-server tests need the test mail servers. \
             Run the tests with `tests/run` (it installs and starts them), or \
             `eval \"$(tests/harness/mailservers.sh start)\"` before `cargo test`."
        )
    })
}

/// 163's servers, also named in the harness's certificate: the seed's old
/// settings for them are tested as written, with these names resolved to the
/// harness (`--resolve`, and a private /etc/hosts for the real clients).
pub const SEED_HOSTS: [&str; 3] = ["pop.163.com", "imap.163.com", "smtp.163.com"];

impl Servers {
    /// The servers from the environment (panics with instructions when absent).
    pub fn get() -> Servers {
        Servers {
            host: var("MAILCONF_TEST_HOST"),
            domain: var("MAILCONF_TEST_DOMAIN"),
            addr: var("MAILCONF_TEST_ADDR"),
            resolve: var("MAILCONF_TEST_RESOLVE"),
            port_map: std::env::var("MAILCONF_TEST_PORTMAP").unwrap_or_default(),
            ca: var("MAILCONF_TEST_CA").into(),
            user: var("MAILCONF_TEST_USER"),
            pass: var("MAILCONF_TEST_PASS"),
            maildir: var("MAILCONF_TEST_MAILDIR").into(),
            user2: var("MAILCONF_TEST_USER2"),
            pass2: var("MAILCONF_TEST_PASS2"),
            user3: var("MAILCONF_TEST_USER3"),
            pass3: var("MAILCONF_TEST_PASS3"),
            seed_user: var("MAILCONF_TEST_SEED_USER"),
            seed_pass: var("MAILCONF_TEST_SEED_PASS"),
            dovecot_log: var("MAILCONF_TEST_DOVECOT_LOG").into(),
            postfix_log: var("MAILCONF_TEST_POSTFIX_LOG").into(),
        }
    }

    /// The port the standard `port` is reachable on (mapped in loopback mode).
    pub fn port(&self, port: u16) -> u16 {
        self.port_map
            .split(',')
            .filter_map(|pair| pair.split_once('='))
            .find(|(from, _)| from.trim().parse() == Ok(port))
            .and_then(|(_, to)| to.trim().parse().ok())
            .unwrap_or(port)
    }
}

/// Runs `request` on `handle` and returns one report per endpoint, in order.
pub fn collect(
    handle: &mut mailconf::probe::ProbeHandle,
    events: &mailconf::probe::ProbeEvents,
    request: mailconf::probe::ProbeRequest,
) -> Vec<mailconf::probe::EndpointReport> {
    use mailconf::probe::ProbeEvent;
    let n = request.endpoints.len();
    handle.start(request).unwrap();
    let mut out: Vec<Option<mailconf::probe::EndpointReport>> = vec![None; n];
    while let Some(e) = events.recv() {
        match e {
            ProbeEvent::EndpointDone { index, report, .. } => out[index] = Some(*report),
            ProbeEvent::Finished { .. } => break,
            ProbeEvent::Started { .. } => {}
        }
    }
    out.into_iter()
        .map(|r| r.expect("every endpoint reports"))
        .collect()
}
