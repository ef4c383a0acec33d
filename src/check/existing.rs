//! "Why did my mail stop working?": the settings a user already has, checked
//! with the same planner, probe, ranking and advice as Test connection.
//!
//! [`crate::existing`] reads a client's file into [`Account`]s. This module
//! turns each active account into a [`CheckRequest`] of explicit endpoints
//! (the file's own endpoint first, then the provider's servers for that
//! protocol, or the standard ways in on the file's host when the database
//! does not know it), with the provider attached so the one
//! [`ProbeSummary`] ranks and advises with its knowledge. From that summary
//! it derives a verdict per account (works, insecure, broken, discontinued,
//! or unknown when the host name could not be looked up),
//! the sentence saying what changed (quoting the provider's history note),
//! and the [`Corrected`] settings the fix writer needs.
//!
//! Both faces use it the same way: [`ExistingCheck::next_request`] gives the
//! next account's request, the face runs it on its backend, and hands the
//! `Finished`/`Failed` event to [`ExistingCheck::record`]. The document it
//! builds ([`CheckDocument`]) is `mailconf check --json` (schema
//! `mailconf-check/1`, `docs/check-json.md`).
//!
//! Everything the file says is hostile input: host names are validated with
//! `parse_host` before anything connects, and every string from the file is
//! escaped ([`ServerText`]) before a person or a JSON reader sees it. A
//! password from the file only ever becomes a [`LoginSpec`]; it is never
//! serialized, printed or logged.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

use schemars::JsonSchema;
use secrecy::SecretString;
use serde::Serialize;

use super::plan::{endpoints_for_servers, standard_endpoints};
use super::run::{CheckError, CheckRequest, LoginSpec};
use super::summary::ProbeSummary;
use crate::existing::{Account, AuthMethod, Corrected, Kind, Loaded, Password, ReadError};
use crate::i18n::{Lang, msg};
use crate::probe::login::{InsecureAllow, LoginOutcome};
use crate::probe::{DnsFailure, Endpoint, EndpointReport, PlaintextReason, Verdict};
use crate::providers::describe::security;
use crate::providers::{AuthKind, Database, Localized, Protocol, Provider, Security, Status};
use crate::server_text::ServerText;

/// The identifier of the JSON document `mailconf check --json` prints.
pub const JSON_SCHEMA_ID: &str = "mailconf-check/1";

/// Which account of which file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct AccountRef {
    /// Index into the files given.
    pub file: usize,
    /// Index into that file's accounts.
    pub account: usize,
}

/// Why an account's settings are unsafe although they connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InsecureReason {
    /// The client connects without encryption: the password is readable on the way.
    Plaintext,
    /// The server refuses to log in before TLS (Dovecot's "plaintext
    /// authentication disallowed"): the client cannot log in at all this way.
    LoginRefusedBeforeTls,
    /// STARTTLS only when offered: someone in between can switch it off.
    StarttlsOptional,
    /// The client does not check the server's certificate.
    CertificateNotChecked,
    /// The server's certificate is not trusted (expired, wrong name, self-signed…).
    CertificateUntrusted,
}

/// Why an account's settings do not work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum BrokenReason {
    /// The host name in the file is not a valid host name.
    InvalidHost,
    /// The host name does not resolve (the server is gone or renamed).
    HostNotFound,
    /// The port refuses connections.
    PortClosed,
    /// No answer at all (filtered, or the server is down).
    NoAnswer,
    /// The client asks for STARTTLS and the server does not offer it.
    StarttlsMissing,
    /// TLS could not be set up.
    TlsFailed,
    /// The server does not speak the protocol as expected.
    ProtocolError,
    /// The login test failed.
    LoginRefused {
        /// How (`credentials-rejected`, `authorization-code-required`…).
        outcome: String,
    },
}

/// Why nothing can be said about an account's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownReason {
    /// The host name could not be looked up (no network, the DNS server did
    /// not answer or failed): the DNS did not say the name is gone.
    DnsLookupFailed,
}

/// The verdict on one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AccountVerdict {
    /// The settings work and are safe (and the login worked, when tested).
    Works,
    /// They connect, but not safely.
    Insecure {
        /// Every reason, most serious first.
        reasons: Vec<InsecureReason>,
    },
    /// They do not work.
    Broken {
        /// Why.
        #[serde(flatten)]
        reason: BrokenReason,
    },
    /// The provider closed the service.
    Discontinued {
        /// The year it closed.
        year: u16,
    },
    /// Nothing can be said: the check could not reach the question.
    Unknown {
        /// Why.
        reason: UnknownReason,
    },
}

impl AccountVerdict {
    /// Short name (`works`, `insecure`, `broken`, `discontinued`, `unknown`).
    pub fn name(&self) -> &'static str {
        match self {
            AccountVerdict::Works => "works",
            AccountVerdict::Insecure { .. } => "insecure",
            AccountVerdict::Broken { .. } => "broken",
            AccountVerdict::Discontinued { .. } => "discontinued",
            AccountVerdict::Unknown { .. } => "unknown",
        }
    }

    /// Whether the file's client cannot log in at all this way: plaintext
    /// where the server offers no login before TLS. Still "insecure" in the
    /// document (the reasons say why), but never read as "works".
    pub fn cannot_log_in(&self) -> bool {
        matches!(self, AccountVerdict::Insecure { reasons } if reasons.contains(&InsecureReason::LoginRefusedBeforeTls))
    }

    /// The verdict for people, in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            AccountVerdict::Works => msg!(lang, "verdict-works"),
            v @ AccountVerdict::Insecure { .. } if v.cannot_log_in() => {
                msg!(lang, "verdict-insecure-login-refused")
            }
            AccountVerdict::Insecure { .. } => msg!(lang, "verdict-insecure"),
            AccountVerdict::Broken { .. } => msg!(lang, "verdict-broken"),
            AccountVerdict::Discontinued { .. } => msg!(lang, "verdict-discontinued"),
            AccountVerdict::Unknown { .. } => msg!(lang, "existing-verdict-unknown"),
        }
    }
}

/// "The file says: HOST:PORT SECURITY, login …, user …, password …": what
/// the account's file sets, in `lang`, everything from the file escaped.
pub fn file_says(a: &Account, lang: Lang) -> String {
    let password = match &a.password {
        Password::NotInFile => msg!(lang, "existing-password-not-in-file"),
        Password::InFile { .. } => msg!(lang, "existing-password-in-file"),
        Password::Command { command, .. } => msg!(
            lang,
            "existing-password-command",
            command = ServerText::new(command).to_string()
        ),
    };
    msg!(
        lang,
        "existing-file-says",
        host = ServerText::new(&a.host.value).to_string(),
        port = a.port.value,
        security = security(a.security.value, lang),
        auth = a.auth.value.words(lang),
        user = a
            .username
            .as_ref()
            .map_or_else(|| "-".to_owned(), |u| ServerText::new(&u.value).to_string()),
        password = password
    )
}

/// "line 12: `excerpt` — why it was not read", in `lang` (the excerpt
/// escaped).
pub fn note_line(n: &crate::existing::Note, lang: Lang) -> String {
    // A note that quotes no line is about the file (a signed profile).
    if n.excerpt.is_empty() {
        return msg!(lang, "existing-note-file", note = n.kind.describe(lang));
    }
    msg!(
        lang,
        "existing-note",
        line = n.line,
        excerpt = ServerText::new(&n.excerpt).to_string(),
        note = n.kind.describe(lang)
    )
}

/// "Line 12: port 110 → 995": one change of the fixed file, in `lang`
/// (`before` and `after` escaped by the caller).
pub fn change_line(
    lang: Lang,
    line: usize,
    field: crate::existing::Field,
    before: &ServerText,
    after: &ServerText,
) -> String {
    msg!(
        lang,
        "existing-change",
        line = line,
        field = field.words(lang),
        before = value_words(field, before, lang),
        after = value_words(field, after, lang)
    )
}

/// A changed value as people read it: mailconf's own security words
/// (`plain`, `tls`, `starttls (only if offered)`) in `lang`; what the file
/// itself says (`ssl`, `no ssl`, `995`) as it is.
fn value_words(field: crate::existing::Field, value: &ServerText, lang: Lang) -> String {
    if field != crate::existing::Field::Security {
        return value.to_string();
    }
    let word = |piece: &str| -> String {
        if piece == crate::existing::STARTTLS_IF_OFFERED {
            return msg!(lang, "security-starttls-if-offered");
        }
        [Security::Plain, Security::Starttls, Security::Tls]
            .into_iter()
            .find(|s| s.as_str() == piece)
            .map_or_else(
                || piece.to_owned(),
                |s| crate::providers::describe::security(s, lang),
            )
    };
    value
        .as_str()
        .split(", ")
        .map(word)
        .collect::<Vec<_>>()
        .join(&msg!(lang, "list-comma"))
}

/// The provider whose servers the account uses: by the host it connects to
/// (`pop.163.com` → 163), else by its address or a username that is one.
pub fn provider_for<'a>(db: &'a Database, account: &Account) -> Option<&'a Provider> {
    let host = account
        .host
        .value
        .trim()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let by_host = db.by_domain(&host).map(|(e, _, _)| &e.provider);
    let by_address = || {
        account
            .address
            .iter()
            .chain(account.username.as_ref().map(|u| &u.value))
            .filter_map(|a| crate::providers::Address::parse(a).ok())
            .find_map(|a| db.by_domain(&a.domain).map(|(e, _, _)| &e.provider))
    };
    by_host.or_else(by_address)
}

/// The endpoint the file's client connects to, after checking the host name.
pub fn file_endpoint(account: &Account) -> Option<Endpoint> {
    let raw = account.host.value.trim().trim_end_matches('.');
    let host = match raw.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => crate::providers::address::parse_host(raw).ok()?,
    };
    Some(Endpoint::new(
        account.protocol,
        &host,
        account.port.value,
        account.security.value,
    ))
}

/// The endpoints to probe for an account: its own first, then the provider's
/// servers for the protocol (every standard way in on its preferred host,
/// plus the others it lists), or the standard ways in on the file's host.
pub fn endpoints_for(
    account: &Account,
    own: &Endpoint,
    provider: Option<&Provider>,
) -> Vec<Endpoint> {
    let mut out = vec![own.clone()];
    let more = match provider {
        Some(p) => {
            let domain = account
                .address
                .as_deref()
                .and_then(|a| crate::providers::Address::parse(a).ok())
                .map(|a| a.domain);
            endpoints_for_servers(
                p.incoming.iter().chain(&p.outgoing),
                domain.as_deref(),
                &[account.protocol],
            )
        }
        None => Vec::new(),
    };
    let more = if more.is_empty() {
        standard_endpoints(account.protocol, &own.host)
    } else {
        more
    };
    for e in more {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// The login name the account uses: its username, else its address.
pub fn login_name(account: &Account) -> Option<&str> {
    account
        .username
        .as_ref()
        .map(|u| u.value.as_str())
        .or(account.address.as_deref())
        .filter(|u| !u.is_empty())
}

/// The password the file holds for the account, as a secret for the login
/// test (never shown).
pub fn file_password(account: &Account) -> Option<SecretString> {
    match &account.password {
        Password::InFile { secret, .. } if !secret.is_empty() => {
            Some(SecretString::from(secret.expose().to_owned()))
        }
        _ => None,
    }
}

/// How a face answers "what password for this account?" when `--login` is
/// on and the file holds none (`None`: do not test the login).
pub type AskPassword<'a> = dyn FnMut(&Account) -> Option<SecretString> + 'a;

/// What one account's check found.
#[derive(Debug, Clone)]
pub struct AccountResult {
    /// The provider the servers belong to.
    pub provider: Option<Provider>,
    /// The file's own endpoint (`None`: the host name is not valid).
    pub endpoint: Option<Endpoint>,
    /// The check's summary (`None` when nothing was probed).
    pub summary: Option<Arc<ProbeSummary>>,
    /// The verdict.
    pub verdict: AccountVerdict,
    /// What the file should say instead (`None`: nothing to change, or no
    /// secure way in was found).
    pub corrected: Option<Corrected>,
    /// Why the check could not run, when it could not (worded by
    /// [`CheckError::text`] where it is shown).
    pub error: Option<Arc<CheckError>>,
    /// Whether the login was tested.
    pub login_tested: bool,
}

/// One file: what was read, or why it could not be.
#[derive(Debug)]
pub struct FileCheck {
    /// The file as given.
    pub path: PathBuf,
    /// What was read.
    pub loaded: Result<Loaded, ReadError>,
    /// One slot per account of the file (`None`: not checked, or not yet).
    pub results: Vec<Option<AccountResult>>,
}

/// Options of an [`ExistingCheck`].
#[derive(Debug, Default, Clone)]
pub struct ExistingOptions {
    /// Test the login (`--login`).
    pub login: bool,
    /// The user's consents to insecure endpoints, passed to every login test.
    pub consents: Vec<InsecureAllow>,
}

/// The check of every account in some files, one account at a time.
#[derive(Debug)]
pub struct ExistingCheck {
    /// The files, in the order given.
    pub files: Vec<FileCheck>,
    queue: VecDeque<AccountRef>,
    /// The account whose check is running.
    running: Option<AccountRef>,
    options: ExistingOptions,
    db: Arc<Database>,
}

impl ExistingCheck {
    /// A check of every active account of the files read (`loaded`, one entry
    /// per path, errors included).
    pub fn new(
        db: Arc<Database>,
        loaded: Vec<(PathBuf, Result<Loaded, ReadError>)>,
        options: ExistingOptions,
    ) -> ExistingCheck {
        let mut queue = VecDeque::new();
        let files = loaded
            .into_iter()
            .enumerate()
            .map(|(file, (path, loaded))| {
                let n = loaded.as_ref().map_or(0, |l| l.accounts.len());
                if let Ok(l) = &loaded {
                    for (account, a) in l.accounts.iter().enumerate() {
                        if a.active {
                            queue.push_back(AccountRef { file, account });
                        }
                    }
                }
                FileCheck {
                    path,
                    loaded,
                    results: vec![None; n],
                }
            })
            .collect();
        ExistingCheck {
            files,
            queue,
            running: None,
            options,
            db,
        }
    }

    /// The account of `r`.
    pub fn account(&self, r: AccountRef) -> Option<&Account> {
        self.files
            .get(r.file)?
            .loaded
            .as_ref()
            .ok()?
            .accounts
            .get(r.account)
    }

    /// The provider the account of `r` belongs to, if one is known.
    pub fn provider(&self, r: AccountRef) -> Option<&Provider> {
        provider_for(&self.db, self.account(r)?)
    }

    /// The account whose check is running.
    pub fn running(&self) -> Option<AccountRef> {
        self.running
    }

    /// How many accounts are still to be checked (the running one included).
    pub fn remaining(&self) -> usize {
        self.queue.len() + usize::from(self.running.is_some())
    }

    /// Whether every account has its result.
    pub fn is_done(&self) -> bool {
        self.remaining() == 0
    }

    /// Records at once the accounts at the front of the queue that need no
    /// probe (a host name that is not one, a closed service), so that the
    /// front is the next account to test.
    fn settle_unprobed(&mut self) {
        while let Some(&r) = self.queue.front() {
            let Some(account) = self.account(r).cloned() else {
                self.queue.pop_front();
                continue;
            };
            let provider = provider_for(&self.db, &account).cloned();
            let verdict = if let Some(Status::Discontinued { year, .. }) =
                provider.as_ref().map(|p| &p.status)
            {
                AccountVerdict::Discontinued { year: *year }
            } else if file_endpoint(&account).is_none() {
                AccountVerdict::Broken {
                    reason: BrokenReason::InvalidHost,
                }
            } else {
                return;
            };
            self.queue.pop_front();
            self.set(
                r,
                AccountResult {
                    endpoint: file_endpoint(&account),
                    provider,
                    summary: None,
                    verdict,
                    corrected: None,
                    error: None,
                    login_tested: false,
                },
            );
        }
    }

    /// The account tested next when its login is to be tested and its file
    /// holds no password: the password is then asked for (the app asks in its
    /// window, and starts the account once the user answered).
    pub fn next_wants_password(&mut self) -> Option<AccountRef> {
        self.settle_unprobed();
        let r = *self.queue.front()?;
        let account = self.account(r)?;
        (self.options.login && file_password(account).is_none() && login_name(account).is_some())
            .then_some(r)
    }

    /// The next account's request to run, recording at once the accounts that
    /// need no probe (a host name that is not one, a closed service). `ask`
    /// gives the password when the login is tested and the file holds none.
    pub fn next_request(
        &mut self,
        ask: &mut AskPassword<'_>,
    ) -> Option<(AccountRef, CheckRequest)> {
        loop {
            self.settle_unprobed();
            let r = self.queue.pop_front()?;
            let Some(account) = self.account(r).cloned() else {
                continue;
            };
            let provider = provider_for(&self.db, &account).cloned();
            let Some(own) = file_endpoint(&account) else {
                continue;
            };
            let login = match (self.options.login, login_name(&account)) {
                (true, Some(user)) => {
                    file_password(&account)
                        .or_else(|| ask(&account))
                        .map(|password| LoginSpec {
                            username: Some(user.to_owned()),
                            password,
                            consents: self.options.consents.clone(),
                            bearer: false,
                        })
                }
                _ => None,
            };
            let request = CheckRequest {
                input: String::new(),
                only: Vec::new(),
                endpoints: endpoints_for(&account, &own, provider.as_ref()),
                login,
                provider: provider.as_ref().map(|p| p.id.clone()),
            };
            self.running = Some(r);
            return Some((r, request));
        }
    }

    fn set(&mut self, r: AccountRef, result: AccountResult) {
        if let Some(slot) = self
            .files
            .get_mut(r.file)
            .and_then(|f| f.results.get_mut(r.account))
        {
            *slot = Some(result);
        }
    }

    /// Stops the check: the running account's result is dropped (its check
    /// was cancelled) and the accounts still waiting are not checked. The
    /// results already recorded stay.
    pub fn stop(&mut self) {
        self.running = None;
        self.queue.clear();
    }

    /// Records how the running account's check ended: its summary, or why it
    /// could not run.
    pub fn record(&mut self, outcome: Result<Arc<ProbeSummary>, Arc<CheckError>>) {
        let Some(r) = self.running.take() else {
            return;
        };
        let Some(account) = self.account(r).cloned() else {
            return;
        };
        let provider = provider_for(&self.db, &account).cloned();
        let endpoint = file_endpoint(&account);
        let result = match outcome {
            Ok(summary) => judge(&account, provider, endpoint, summary),
            Err(e) => AccountResult {
                provider,
                endpoint,
                summary: None,
                verdict: AccountVerdict::Broken {
                    reason: BrokenReason::ProtocolError,
                },
                corrected: None,
                error: Some(e),
                login_tested: false,
            },
        };
        self.set(r, result);
    }

    /// The result of account `r`, when it has one.
    pub fn result(&self, r: AccountRef) -> Option<&AccountResult> {
        self.files.get(r.file)?.results.get(r.account)?.as_ref()
    }

    /// The corrected settings for every account of file `file` that has them.
    pub fn corrections(&self, file: usize) -> Vec<(usize, Corrected)> {
        self.files.get(file).map_or_else(Vec::new, |f| {
            f.results
                .iter()
                .enumerate()
                .filter_map(|(i, r)| Some((i, r.as_ref()?.corrected.clone()?)))
                .collect()
        })
    }

    /// The exit code: 0 when every file was read and every checked account
    /// works; 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        let all_ok = self.files.iter().all(|f| {
            f.loaded.is_ok()
                && f.results
                    .iter()
                    .flatten()
                    .all(|r| r.verdict == AccountVerdict::Works)
        });
        if all_ok { 0 } else { 1 }
    }

    /// The `mailconf check --json` document.
    pub fn document(&self, fixes: &[Option<FixReport>]) -> CheckDocument {
        let files = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| file_report(f, fixes.get(i).cloned().flatten()))
            .collect();
        CheckDocument {
            schema: JSON_SCHEMA_ID.to_owned(),
            files,
            exit_code: self.exit_code(),
        }
    }
}

/// The report of the file's own endpoint in `summary`.
fn own_report<'a>(summary: &'a ProbeSummary, own: &Endpoint) -> Option<&'a EndpointReport> {
    summary.report(own)
}

/// The verdict, the corrected settings and the rest, from the summary.
fn judge(
    account: &Account,
    provider: Option<Provider>,
    endpoint: Option<Endpoint>,
    summary: Arc<ProbeSummary>,
) -> AccountResult {
    let report = endpoint.as_ref().and_then(|e| own_report(&summary, e));
    let login_tested = summary.endpoints.iter().any(|r| r.login.is_some());
    let verdict = match report {
        None => AccountVerdict::Broken {
            reason: BrokenReason::ProtocolError,
        },
        Some(r) => verdict_of(account, r),
    };
    // Nothing is known of the file's server when its name could not be
    // looked up: nothing to correct.
    let known = !matches!(
        verdict,
        AccountVerdict::Works | AccountVerdict::Unknown { .. }
    );
    let corrected = known.then(|| corrected(account, &summary)).flatten();
    AccountResult {
        provider,
        endpoint,
        summary: Some(summary),
        verdict,
        corrected,
        error: None,
        login_tested,
    }
}

/// The verdict on the file's own endpoint: its probe report, what the file
/// asks of TLS, and the login test when there was one.
pub fn verdict_of(account: &Account, r: &EndpointReport) -> AccountVerdict {
    let broken = |reason| AccountVerdict::Broken { reason };
    let mut reasons = Vec::new();
    match &r.verdict {
        Verdict::Secure => {}
        Verdict::InsecurePlaintextOnly { reason } => match (reason, account.security.value) {
            // The client insists on STARTTLS the server does not offer.
            (
                PlaintextReason::StarttlsNotOffered | PlaintextReason::StarttlsRefused,
                Security::Starttls,
            ) if !account.starttls_optional => {
                return broken(BrokenReason::StarttlsMissing);
            }
            _ => {
                reasons.push(InsecureReason::Plaintext);
                let refuses = r
                    .session
                    .caps_before_tls
                    .as_ref()
                    .is_some_and(|c| !c.password_login_offered());
                if refuses {
                    reasons.push(InsecureReason::LoginRefusedBeforeTls);
                }
            }
        },
        Verdict::TlsError { tls_kind } => {
            if tls_kind.is_certificate() {
                reasons.push(InsecureReason::CertificateUntrusted);
            } else {
                return broken(BrokenReason::TlsFailed);
            }
        }
        Verdict::Refused => return broken(BrokenReason::PortClosed),
        Verdict::TimedOut { .. } => return broken(BrokenReason::NoAnswer),
        Verdict::ProtocolError => return broken(BrokenReason::ProtocolError),
        Verdict::DnsError {
            failure: DnsFailure::NoSuchHost,
        } => return broken(BrokenReason::HostNotFound),
        Verdict::DnsError {
            failure: DnsFailure::LookupFailed,
        } => {
            return AccountVerdict::Unknown {
                reason: UnknownReason::DnsLookupFailed,
            };
        }
    }
    if let Some(login) = &r.login {
        match &login.result {
            LoginOutcome::Success | LoginOutcome::NotTried { .. } => {}
            other => {
                return broken(BrokenReason::LoginRefused {
                    outcome: other.name().to_owned(),
                });
            }
        }
    }
    if account.security.value != Security::Plain {
        if account.starttls_optional && account.security.value == Security::Starttls {
            reasons.push(InsecureReason::StarttlsOptional);
        }
        if !account.certificate_checked {
            reasons.push(InsecureReason::CertificateNotChecked);
        }
    }
    if reasons.is_empty() {
        AccountVerdict::Works
    } else {
        AccountVerdict::Insecure { reasons }
    }
}

/// The settings the file should have: the summary's recommended endpoint for
/// the account's protocol, at the port the probe reached it on (a `--port-map`
/// test setup writes the port that answers here), the account's login name,
/// and password authentication where the file had none.
pub fn corrected(account: &Account, summary: &ProbeSummary) -> Option<Corrected> {
    let best = summary.best(account.protocol)?;
    let port = summary.report(best).map_or(best.port, |r| r.connect_port);
    let auth = match &account.auth.value {
        AuthMethod::None => AuthMethod::Password,
        other => other.clone(),
    };
    let want = Corrected {
        host: best.host.clone(),
        port,
        security: best.security,
        auth,
        username: login_name(account)?.to_owned(),
    };
    want.check().ok()?;
    Some(want)
}

/// What to tell the user about one account, in the three languages (the
/// JSON carries all of them): what is wrong, why, and what to do; made from
/// the verdict and the provider's facts.
pub fn explain(account: &Account, result: &AccountResult) -> Localized {
    Localized {
        en: explain_in(account, result, Lang::En),
        zh_hans: explain_in(account, result, Lang::ZhHans),
        zh_hant: explain_in(account, result, Lang::ZhHant),
    }
}

/// What to do instead: "use HOST:PORT (TLS) and an authorization code … (create it at URL)".
fn todo_in(result: &AccountResult, lang: Lang) -> Option<String> {
    let c = result.corrected.as_ref()?;
    let endpoint = msg!(
        lang,
        "existing-endpoint",
        host = c.host.as_str(),
        port = c.port,
        security = security(c.security, lang)
    );
    let todo = match result.provider.as_ref().map(|p| p.auth.kind) {
        Some(AuthKind::AuthorizationCode) => {
            msg!(lang, "existing-todo-use-code", endpoint = endpoint)
        }
        Some(AuthKind::AppPassword) => {
            msg!(lang, "existing-todo-use-app-password", endpoint = endpoint)
        }
        _ => return Some(msg!(lang, "existing-todo-use", endpoint = endpoint)),
    };
    Some(
        match result
            .provider
            .as_ref()
            .and_then(|p| p.auth.create_url.as_deref())
        {
            Some(url) => msg!(lang, "existing-todo-create-at", todo = todo, url = url),
            None => todo,
        },
    )
}

/// [`explain`] in one language.
pub fn explain_in(account: &Account, result: &AccountResult, lang: Lang) -> String {
    let provider = result.provider.as_ref().map_or_else(
        || msg!(lang, "existing-the-server"),
        |p| p.name.get(lang).to_owned(),
    );
    let was = match &result.endpoint {
        Some(e) => format!(
            "{} {}:{}",
            e.protocol.label(),
            ServerText::new(&e.host),
            e.port
        ),
        None => format!(
            "{} {}",
            account.protocol.label(),
            ServerText::new(&account.host.value)
        ),
    };
    let was = was.as_str();
    let problem = match &result.verdict {
        AccountVerdict::Works if result.login_tested => {
            return msg!(lang, "existing-works-login", was = was);
        }
        AccountVerdict::Works => return msg!(lang, "existing-works", was = was),
        AccountVerdict::Unknown {
            reason: UnknownReason::DnsLookupFailed,
        } => {
            let host = result
                .endpoint
                .as_ref()
                .map_or(account.host.value.as_str(), |e| e.host.as_str());
            return msg!(
                lang,
                "existing-unknown-dns-lookup-failed",
                host = ServerText::new(host).to_string()
            );
        }
        AccountVerdict::Discontinued { year } => {
            return msg!(
                lang,
                "existing-discontinued",
                provider = provider,
                year = year.to_string()
            );
        }
        AccountVerdict::Insecure { reasons } => {
            if reasons.contains(&InsecureReason::Plaintext) {
                if reasons.contains(&InsecureReason::LoginRefusedBeforeTls) {
                    msg!(
                        lang,
                        "existing-insecure-login-refused",
                        provider = provider,
                        was = was
                    )
                } else {
                    msg!(lang, "existing-insecure-plaintext", was = was)
                }
            } else if reasons.contains(&InsecureReason::CertificateUntrusted) {
                msg!(lang, "existing-insecure-untrusted", was = was)
            } else if reasons.contains(&InsecureReason::StarttlsOptional) {
                msg!(lang, "existing-insecure-starttls-optional", was = was)
            } else {
                msg!(lang, "existing-insecure-unchecked", was = was)
            }
        }
        AccountVerdict::Broken { reason } => match reason {
            BrokenReason::InvalidHost => msg!(
                lang,
                "existing-broken-invalid-host",
                host = ServerText::new(&account.host.value).to_string()
            ),
            BrokenReason::HostNotFound => msg!(lang, "existing-broken-host-not-found", was = was),
            BrokenReason::PortClosed => msg!(lang, "existing-broken-port-closed", was = was),
            BrokenReason::NoAnswer => msg!(lang, "existing-broken-no-answer", was = was),
            BrokenReason::StarttlsMissing => {
                msg!(lang, "existing-broken-starttls-missing", was = was)
            }
            BrokenReason::TlsFailed => msg!(lang, "existing-broken-tls-failed", was = was),
            BrokenReason::ProtocolError => msg!(
                lang,
                "existing-broken-protocol",
                was = was,
                protocol = account.protocol.label()
            ),
            BrokenReason::LoginRefused { .. } => {
                msg!(lang, "existing-broken-login-refused", was = was)
            }
        },
    };
    match todo_in(result, lang) {
        Some(todo) => msg!(
            lang,
            "existing-problem-todo",
            problem = problem,
            todo = todo
        ),
        None => msg!(lang, "existing-problem", problem = problem),
    }
}

/// The provider's history note, when the file's settings are among the old
/// ones it describes: the account is known not to work safely as it is (not
/// when nothing could be learnt), and its endpoint is plaintext or not one
/// the provider lists today.
pub fn history_note(result: &AccountResult) -> Option<&Localized> {
    let p = result.provider.as_ref()?;
    let e = result.endpoint.as_ref()?;
    let listed = p
        .incoming
        .iter()
        .chain(&p.outgoing)
        .any(|s| s.protocol == e.protocol && s.port == e.port && s.security == e.security);
    let old = e.security == Security::Plain || !listed;
    let known_bad = !matches!(
        result.verdict,
        AccountVerdict::Works | AccountVerdict::Unknown { .. }
    );
    (known_bad && old).then_some(p.history.as_ref()).flatten()
}

// ---------------------------------------------------------------------------
// The JSON document

/// `mailconf check --json` (see `docs/check-json.md`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CheckDocument {
    /// Always `mailconf-check/1` for this version of the format.
    pub schema: String,
    /// One entry per file given, in order.
    pub files: Vec<FileReport>,
    /// 0 every file was read and every checked account works; 1 not.
    pub exit_code: u8,
}

/// One file in the document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FileReport {
    /// The file (escaped).
    pub path: ServerText,
    /// Which program's file (`fetchmail`, `thunderbird`…); absent when it could not be read.
    pub kind: Option<String>,
    /// Why it could not be read (names the file and line; escaped).
    pub error: Option<ServerText>,
    /// Its accounts, in file order.
    pub accounts: Vec<AccountReport>,
    /// Lines not understood, commands not run, files not followed.
    pub notes: Vec<NoteReport>,
    /// How many notes were left out past the cap.
    pub notes_left_out: usize,
    /// The fixed file, with `--fix`.
    pub fix: Option<FixReport>,
}

/// A note about a line of the file.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoteReport {
    /// The 1-based line.
    pub line: usize,
    /// `not-understood`, `client-refuses`, `source-not-followed`, `command-not-run`, `hook-not-read`,
    /// `signature-not-verified`, `mailbox-elsewhere`.
    pub kind: String,
    /// The line (or its start), never a password (escaped).
    pub excerpt: ServerText,
}

/// What the file says about an account.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FileSettings {
    /// The host name as written (escaped).
    pub host: ServerText,
    /// The port.
    pub port: u16,
    /// tls, starttls or plain.
    pub security: Security,
    /// STARTTLS only when the server offers it.
    pub starttls_optional: bool,
    /// Whether the client checks the certificate.
    pub certificate_checked: bool,
    /// How the client logs in (`automatic`, `password`, `cram-md5`…).
    pub auth: String,
    /// The login name (escaped).
    pub username: Option<ServerText>,
    /// `not-in-file`, `in-file` (never the password itself) or `command`.
    pub password: String,
    /// The command that prints the password (shown, never run; escaped).
    pub password_command: Option<ServerText>,
    /// The mail address (escaped).
    pub address: Option<ServerText>,
}

/// One account in the document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AccountReport {
    /// Its index in the file.
    pub index: usize,
    /// How the file names it (escaped).
    pub name: ServerText,
    /// The line its entry starts on.
    pub line: usize,
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// Whether the client uses it (inactive accounts are not checked).
    pub active: bool,
    /// What the file says.
    pub file: FileSettings,
    /// The database provider of its servers.
    pub provider_id: Option<String>,
    /// The verdict (absent: not checked).
    pub verdict: Option<AccountVerdict>,
    /// What is wrong and what to do, in three languages.
    pub explanation: Option<Localized>,
    /// The provider's history note, when the file's settings are the old ones it describes.
    pub history: Option<Localized>,
    /// The settings the fixed file gets (absent: nothing to change or nothing secure found).
    pub corrected: Option<CorrectedReport>,
    /// Why the check could not run (escaped).
    pub error: Option<ServerText>,
    /// What the network says: the file's endpoint and the provider's, with the
    /// ranking and advice (the `mailconf-probe/1` document).
    pub network: Option<ProbeSummary>,
}

/// Corrected settings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CorrectedReport {
    /// Host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// tls or starttls.
    pub security: Security,
    /// Authentication.
    pub auth: String,
    /// Login name (escaped).
    pub username: ServerText,
}

/// The fixed file, with `--fix`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FixReport {
    /// Where it was written (escaped); absent when it was not.
    pub written: Option<ServerText>,
    /// Why it was not written (escaped; English, for the JSON).
    pub error: Option<ServerText>,
    /// The same in the user's language, for people (escaped; not in the JSON).
    #[serde(skip)]
    #[schemars(skip)]
    pub error_text: Option<ServerText>,
    /// Each changed setting.
    pub changes: Vec<ChangeReport>,
    /// Thunderbird: the steps to apply the `user.js` fragment.
    pub steps: Vec<Localized>,
}

/// One changed setting.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeReport {
    /// `host`, `port`, `security`, `auth` or `username`.
    pub field: String,
    /// The same, to be put into words (not in the JSON).
    #[serde(skip)]
    #[schemars(skip)]
    pub what: crate::existing::Field,
    /// Its line in the original.
    pub line: usize,
    /// Before (escaped).
    pub before: ServerText,
    /// After.
    pub after: ServerText,
}

impl FixReport {
    /// The report of a fix, written to `written` or failed with `error`.
    pub fn of(
        fixed: Option<&crate::existing::Fixed>,
        written: Option<PathBuf>,
        error: Option<(&crate::existing::WriteError, crate::i18n::Lang)>,
    ) -> FixReport {
        FixReport {
            written: written.map(|p| ServerText::new(&p.display().to_string())),
            error: error.map(|(e, _)| ServerText::new(&e.to_string())),
            error_text: error.map(|(e, lang)| ServerText::new(&e.text(lang))),
            changes: fixed.map_or_else(Vec::new, |f| {
                f.changes
                    .iter()
                    .map(|c| ChangeReport {
                        field: c.field.label().to_owned(),
                        what: c.field,
                        line: c.line,
                        before: ServerText::new(&c.before),
                        after: ServerText::new(&c.after),
                    })
                    .collect()
            }),
            steps: fixed.map_or_else(Vec::new, |f| f.steps.clone()),
        }
    }
}

fn settings_of(a: &Account) -> FileSettings {
    let (password, command) = match &a.password {
        Password::NotInFile => ("not-in-file", None),
        Password::InFile { .. } => ("in-file", None),
        Password::Command { command, .. } => ("command", Some(ServerText::new(command))),
    };
    FileSettings {
        host: ServerText::new(&a.host.value),
        port: a.port.value,
        security: a.security.value,
        starttls_optional: a.starttls_optional,
        certificate_checked: a.certificate_checked,
        auth: a.auth.value.label().to_owned(),
        username: a.username.as_ref().map(|u| ServerText::new(&u.value)),
        password: password.to_owned(),
        password_command: command,
        address: a.address.as_deref().map(ServerText::new),
    }
}

fn file_report(f: &FileCheck, fix: Option<FixReport>) -> FileReport {
    let path = ServerText::new(&f.path.display().to_string());
    let loaded = match &f.loaded {
        Ok(l) => l,
        Err(e) => {
            return FileReport {
                path,
                kind: None,
                error: Some(ServerText::new(&e.to_string())),
                accounts: Vec::new(),
                notes: Vec::new(),
                notes_left_out: 0,
                fix,
            };
        }
    };
    let accounts = loaded
        .accounts
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let r = f.results.get(index).and_then(Option::as_ref);
            AccountReport {
                index,
                name: ServerText::new(&a.name),
                line: a.line,
                protocol: a.protocol,
                active: a.active,
                file: settings_of(a),
                provider_id: r.and_then(|r| r.provider.as_ref()).map(|p| p.id.clone()),
                verdict: r.map(|r| r.verdict.clone()),
                explanation: r.map(|r| explain(a, r)),
                history: r.and_then(history_note).cloned(),
                corrected: r
                    .and_then(|r| r.corrected.as_ref())
                    .map(|c| CorrectedReport {
                        host: c.host.clone(),
                        port: c.port,
                        security: c.security,
                        auth: c.auth.label().to_owned(),
                        username: ServerText::new(&c.username),
                    }),
                error: r
                    .and_then(|r| r.error.as_ref())
                    .map(|e| ServerText::new(&e.to_string())),
                network: r.and_then(|r| r.summary.as_deref().cloned()),
            }
        })
        .collect();
    FileReport {
        path,
        kind: Some(loaded.kind.as_str().to_owned()),
        error: None,
        accounts,
        notes: loaded
            .notes
            .iter()
            .map(|n| NoteReport {
                line: n.line,
                kind: note_kind(&n.kind).to_owned(),
                excerpt: ServerText::new(&n.excerpt),
            })
            .collect(),
        notes_left_out: loaded.notes_left_out,
        fix,
    }
}

fn note_kind(k: &crate::existing::NoteKind) -> &'static str {
    use crate::existing::NoteKind as N;
    match k {
        N::NotUnderstood => "not-understood",
        N::ClientRefuses => "client-refuses",
        N::SourceNotFollowed => "source-not-followed",
        N::CommandNotRun => "command-not-run",
        N::HookNotRead => "hook-not-read",
        N::SignatureNotVerified => "signature-not-verified",
        N::MailboxElsewhere => "mailbox-elsewhere",
    }
}

/// Whether `kind`'s fix is a fragment to apply by hand (Thunderbird) rather
/// than the whole file.
pub fn fix_is_fragment(kind: Kind) -> bool {
    kind == Kind::Thunderbird
}

/// The JSON Schema of [`CheckDocument`] (`docs/check-json.schema.json`).
pub fn json_schema() -> String {
    crate::providers::output_schema::<CheckDocument>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::existing::Field;

    /// mailconf's own security words in a change are said in the user's
    /// language (a Thunderbird fix read "连接安全 plain → tls" in Chinese);
    /// the file's own words stay as they are.
    #[test]
    fn a_changed_security_is_said_in_the_users_language() {
        let line = |lang, before: &str, after: &str| {
            change_line(
                lang,
                9,
                Field::Security,
                &ServerText::new(before),
                &ServerText::new(after),
            )
        };
        assert_eq!(
            line(Lang::ZhHans, "plain", "tls"),
            "第 9 行：连接安全 明文 → TLS"
        );
        assert_eq!(
            line(Lang::En, crate::existing::STARTTLS_IF_OFFERED, "tls"),
            "Line 9: connection security STARTTLS if the server offers it, else plaintext → TLS"
        );
        assert_eq!(
            line(Lang::ZhHant, "no ssl", "ssl"),
            "第 9 行：連線安全性 no ssl → ssl"
        );
        let port = change_line(
            Lang::ZhHans,
            8,
            Field::Port,
            &ServerText::new("110"),
            &ServerText::new("995"),
        );
        assert_eq!(port, "第 8 行：端口 110 → 995");
    }
}
