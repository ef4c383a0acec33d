//! The app's state, split by lifetime.
//!
//! - [`Persisted`]: what survives a restart, saved by eframe's storage (the window
//!   size is saved by eframe itself). `#[serde(default)]`, so an old or partial
//!   file still loads. It never holds the password.
//! - [`Session`]: everything else: the form as typed, the password (a
//!   [`Secret`]), the provider recognized, the lookup for an unknown domain and
//!   the check whose results are shown. Pure data plus the logic that updates
//!   it, so it is testable without a window.
//!
//! The results belong to the account they were taken for ([`CheckView::account`]):
//! once the address or the provider changes they are shown greyed under "results
//! for …", and nothing (advice, export, the diagnostic report) uses them.

use std::sync::Arc;

use crate::check::{
    CheckError, CheckEvent, CheckRequest, Generation, LoginSpec, LookupId, Plan, ProbeSummary,
};
use crate::discover::{Discovery, Finding, SourceKind};
use crate::i18n::Lang;
use crate::probe::{Endpoint, EndpointReport};
use crate::providers::{
    Address, AddressError, Database, Entry, MatchKind, ProviderError, UsernameForm,
};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// What is remembered across starts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// The address last typed.
    pub last_address: String,
    /// The provider last picked from the list (when no address was typed).
    pub last_provider: Option<String>,
    /// The language chosen in the menu; `None` follows the system locale.
    pub lang: Option<Lang>,
    /// Light, dark, or following the system.
    pub theme: ThemeChoice,
    /// The OAuth2 client id an older version kept here per provider (provider
    /// id → client id). Read only to move it into the store the CLI shares
    /// (`oauth2-clients.json`, [`crate::signin::store::ClientStore`]); never
    /// written again.
    #[serde(skip_serializing)]
    pub oauth2_clients: std::collections::BTreeMap<String, String>,
}

/// What the last Copy button put on the clipboard: that button shows the
/// confirmation next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// The path of the file just saved.
    SavedPath,
    /// An export format's text (`true`: with the password).
    Format(crate::export::Format, bool),
    /// The diagnostic report.
    Report,
    /// A row's transcript (row index).
    Transcript(usize),
    /// The provider card's "create it here" link.
    Link,
    /// The OAuth2 device flow's code.
    DeviceCode,
}

/// What the typed address amounts to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Recognition {
    /// Nothing typed.
    #[default]
    Nothing,
    /// Not an address yet (no `@`, or no dot in the domain yet).
    Incomplete,
    /// Not a valid address.
    Invalid(AddressError),
    /// The database knows the domain.
    Known {
        /// Provider id.
        id: String,
        /// The user's domain (canonical).
        domain: String,
        /// The database domain that matched.
        matched: String,
        /// Domain or parent domain.
        kind: MatchKind,
        /// The parsed address.
        address: Address,
    },
    /// A valid address whose domain is not in the database.
    Unknown {
        /// The parsed address.
        address: Address,
    },
    /// No `@`, but a host name with a dot (or an IP address) that is not a
    /// database domain: Test connection tries it as the mail server.
    Host {
        /// The host name (lowercase ASCII) or IP address.
        host: String,
    },
}

/// Why Test connection cannot start for what the form holds: said under the
/// button when it is pressed, with an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Nothing typed and no provider picked.
    Address,
    /// A name with no `@` and domain yet, and no provider picked.
    Domain(String),
    /// Nothing before the `@` (`@163.com`).
    Name(String),
    /// A domain with no dot yet (`zhangsan@163`).
    DomainEnd(String),
    /// Not a valid address (the error is shown under the form).
    Invalid,
}

/// Recognizes the provider of what was typed so far. Runs on every edit: it is
/// a hash lookup, no I/O.
pub fn recognize(db: &Database, typed: &str) -> Recognition {
    let t = typed.trim();
    if t.is_empty() {
        return Recognition::Nothing;
    }
    if !t.contains(['@', '\u{FF20}']) {
        return host(db, t).map_or(Recognition::Incomplete, |host| Recognition::Host { host });
    }
    let address = match Address::parse(t) {
        Ok(a) => a,
        // "@163.com" (a provider picked, the name still to type) and "zhangsan@"
        // are addresses being typed.
        Err(AddressError::EmptyDomain(_) | AddressError::EmptyLocalPart(_)) => {
            return Recognition::Incomplete;
        }
        Err(e) => return Recognition::Invalid(e),
    };
    match db.by_domain(&address.domain) {
        Some((entry, kind, matched)) => Recognition::Known {
            id: entry.provider.id.clone(),
            domain: address.domain.clone(),
            matched,
            kind,
            address,
        },
        None if address.domain.contains('.') => Recognition::Unknown { address },
        None => Recognition::Incomplete,
    }
}

/// `typed` as a mail server's name: an IP address, or a host name with a dot
/// that is not a domain of the database (then the user is typing an address, or
/// should pick the provider).
fn host(db: &Database, typed: &str) -> Option<String> {
    if typed.parse::<std::net::IpAddr>().is_ok() {
        return Some(typed.to_owned());
    }
    if !typed.contains('.') || typed.ends_with('.') {
        return None;
    }
    let host = crate::providers::address::parse_host(typed).ok()?;
    db.by_domain(&host).is_none().then_some(host)
}

/// The lookup of the typed address's unknown domain, kept in the session.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryView {
    /// The domain (canonical) looked up; empty when the address needs no lookup.
    pub domain: String,
    /// When the lookup may start (egui input time, seconds): the typing pause.
    pub due: Option<f64>,
    /// The lookup running now.
    pub lookup: Option<LookupId>,
    /// The finished lookup.
    pub result: Option<Arc<Discovery>>,
}

impl DiscoveryView {
    /// Follows the typed address: a new domain (or none) forgets the old lookup
    /// and its answer; the same domain keeps them.
    pub fn follow(&mut self, domain: Option<&str>) {
        let domain = domain.unwrap_or_default();
        if self.domain != domain {
            *self = DiscoveryView {
                domain: domain.to_owned(),
                ..DiscoveryView::default()
            };
        }
    }

    /// Whether a lookup is running.
    pub fn running(&self) -> bool {
        self.lookup.is_some()
    }

    /// Takes an answer if it is the one awaited (same lookup and domain);
    /// `false` for a stale one, which is dropped.
    pub fn arrive(&mut self, lookup: LookupId, d: Arc<Discovery>) -> bool {
        if self.lookup != Some(lookup) || d.domain != self.domain {
            return false;
        }
        self.lookup = None;
        self.result = Some(d);
        true
    }

    /// A check's own discovery answered for the same domain: the card shows it.
    pub fn adopt(&mut self, d: Arc<Discovery>) {
        if d.domain == self.domain {
            self.lookup = None;
            self.due = None;
            self.result = Some(d);
        }
    }

    /// The finding used, when settings were found.
    pub fn found(&self) -> Option<&Finding> {
        self.result.as_ref().and_then(|d| d.best.as_ref())
    }

    /// The database provider the finding names (through MX), if any.
    pub fn provider_id(&self) -> Option<&str> {
        self.found()
            .filter(|f| matches!(f.source, SourceKind::Mx | SourceKind::Database))
            .and_then(|f| f.provider.as_ref())
            .map(|p| p.id.as_str())
    }
}

/// The state of one row of the result table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowState {
    /// Waiting for the result (spinner).
    Pending,
    /// The engine's report arrived.
    Done(Box<EndpointReport>),
    /// The test was cancelled before this row finished.
    Cancelled,
}

/// One row: an endpoint and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// Its state.
    pub state: RowState,
    /// Whether the details are shown.
    pub expanded: bool,
    /// Order of arrival (1 = first result), for tests and for the eye.
    pub arrival: Option<usize>,
}

impl Row {
    /// The engine's report, when it arrived.
    pub fn report(&self) -> Option<&EndpointReport> {
        match &self.state {
            RowState::Done(r) => Some(r),
            _ => None,
        }
    }
}

/// Why a check could not run, for the window.
#[derive(Debug, Clone)]
pub struct CheckFailure {
    /// The error.
    pub error: Arc<CheckError>,
    /// The summary of a negative answer (nothing found, a closed provider).
    pub summary: Option<Arc<ProbeSummary>>,
}

/// The check whose results are shown, and the account they belong to.
#[derive(Debug, Clone, Default)]
pub struct CheckView {
    /// The check whose events are shown; others are dropped.
    pub generation: Option<Generation>,
    /// The account the check was started for ([`Session::account_key`]).
    pub account: String,
    /// What is tested (address, server or provider name), for the heading.
    pub target: String,
    /// The endpoints and what they stand for, once planned.
    pub plan: Option<Arc<Plan>>,
    /// One row per planned endpoint, in row order.
    pub rows: Vec<Row>,
    /// Whether the check is running.
    pub running: bool,
    /// Whether the user cancelled it.
    pub cancelled: bool,
    /// The one summary, when the check finished.
    pub summary: Option<Arc<ProbeSummary>>,
    /// Why it could not run, when it could not.
    pub failure: Option<CheckFailure>,
    /// Scroll the results into view on the next frame.
    pub scroll_into_view: bool,
}

impl CheckView {
    /// A new check of `account`: no rows until it is planned.
    pub fn begin(&mut self, generation: Generation, account: String, target: String) {
        *self = CheckView {
            generation: Some(generation),
            account,
            target,
            running: true,
            scroll_into_view: true,
            ..CheckView::default()
        };
    }

    /// Applies an event. Events of another check are dropped (`false`).
    pub fn apply(&mut self, event: &CheckEvent) -> bool {
        if event.generation().is_none() || event.generation() != self.generation {
            return false;
        }
        // After a cancel, late results of the same check are not shown.
        if !self.running {
            return false;
        }
        match event {
            CheckEvent::LookedUp { .. } | CheckEvent::Discovered { .. } => {}
            CheckEvent::Planned { plan, .. } => {
                self.rows = plan
                    .endpoints
                    .iter()
                    .map(|e| Row {
                        endpoint: e.clone(),
                        state: RowState::Pending,
                        expanded: false,
                        arrival: None,
                    })
                    .collect();
                self.plan = Some(plan.clone());
                self.scroll_into_view = true;
            }
            CheckEvent::EndpointDone { index, report, .. } => {
                let arrival = self.done_count() + 1;
                let Some(row) = self.rows.get_mut(*index) else {
                    return false;
                };
                row.state = RowState::Done(report.clone());
                row.arrival = Some(arrival);
            }
            CheckEvent::Finished { summary, .. } => {
                self.summary = Some(summary.clone());
                self.finish();
            }
            CheckEvent::Failed { error, summary, .. } => {
                self.failure = Some(CheckFailure {
                    error: error.clone(),
                    summary: summary.clone(),
                });
                self.finish();
            }
        }
        true
    }

    /// Stops: rows still pending become cancelled.
    pub fn cancel(&mut self) {
        if self.running {
            self.cancelled = true;
            self.finish();
        }
    }

    fn finish(&mut self) {
        self.running = false;
        for r in &mut self.rows {
            if r.state == RowState::Pending {
                r.state = RowState::Cancelled;
            }
        }
    }

    /// Rows with a result.
    pub fn done_count(&self) -> usize {
        self.rows.iter().filter(|r| r.report().is_some()).count()
    }

    /// Whether the check is waiting for its plan (looking the domain up).
    pub fn planning(&self) -> bool {
        self.running && self.plan.is_none()
    }
}

/// Everything that lives only while the app runs.
#[derive(Debug, Default)]
pub struct Session {
    /// The UI language.
    pub lang: Lang,
    /// The OAuth2 sign-in (providers that take only OAuth2).
    pub signin: super::signin::SigninView,
    /// The address field.
    pub address: String,
    /// What the address amounts to.
    pub recognition: Recognition,
    /// The provider picked from the list while no address was typed; it stays
    /// while the address is incomplete, and completes a bare name typed next.
    pub picked: Option<String>,
    /// Why the last Test connection could not start (cleared by an edit).
    pub missing: Option<Missing>,
    /// The username field.
    pub username: String,
    /// Whether the user edited the username (then it is no longer filled in).
    pub username_edited: bool,
    /// The password or authorization code. Never persisted.
    pub password: Secret,
    /// The password was cleared because the account changed (a note says so).
    pub password_cleared: bool,
    /// The domain of the address the username was filled in from (a server
    /// name in that domain keeps it).
    pub username_domain: Option<String>,
    /// The provider the password was typed for (the card shown when it was
    /// last edited); `None`: typed before any provider was known.
    pub password_provider: Option<String>,
    /// Whether the password is shown in clear.
    pub show_password: bool,
    /// The provider search field.
    pub search: String,
    /// Provider ids matching `search`, best first.
    pub search_results: Vec<String>,
    /// The entry the arrow keys highlighted in the list (Enter picks it).
    pub highlight: Option<usize>,
    /// Broken user provider files (from [`Database::warnings`]).
    pub warnings: Vec<ProviderError>,
    /// Whether the user dismissed the warnings.
    pub warnings_dismissed: bool,
    /// The check whose results are shown.
    pub check: CheckView,
    /// Whether the results are demo data.
    pub demo: bool,
    /// Whether there is an engine to test with.
    pub can_test: bool,
    /// Endpoints where the user consented to sending the password with exactly
    /// the risk shown (cleared when the account changes).
    pub allow_insecure: Vec<crate::probe::InsecureAllow>,
    /// The endpoint whose insecure-login confirmation dialog is open.
    pub confirm_insecure: Option<Endpoint>,
    /// Focus the dialog's No button on its first frame.
    pub confirm_insecure_focus: bool,
    /// Whether the Export window is open.
    pub export_open: bool,
    /// The incoming protocol the user chose in the Export window; `None`: the
    /// default ([`super::export::default_protocol`]).
    pub export_protocol: Option<crate::providers::Protocol>,
    /// Move the keyboard focus into the Export window on its next frame.
    pub export_focus: bool,
    /// Whether exports include the password (off by default, never remembered).
    pub export_password: bool,
    /// `mailconf --ca-file PEM`: the CA the test trusted besides the built-in
    /// roots, written into the exports that name a CA file (fetchmail's
    /// `sslcertfile`, msmtp's `tls_trust_file`, getmail's `ca_certs`, mutt's
    /// `ssl_ca_certificates_file`), so a client trusts what the test trusted.
    pub ca_file: Option<std::path::PathBuf>,
    /// The last export's outcome, shown in the window.
    pub export_status: Option<String>,
    /// Whether the save dialog is open (then Save is disabled).
    pub export_waiting: bool,
    /// Copy with the password asked for: the format waiting for a Yes.
    pub confirm_copy: Option<crate::export::Format>,
    /// When the clipboard holding a password is cleared again (egui input time).
    pub clipboard_clear_at: Option<f64>,
    /// Where the last export was saved (shown with a Copy path button).
    pub export_saved: Option<std::path::PathBuf>,
    /// What the last Copy put on the clipboard.
    pub copied: Option<Copied>,
    /// Discovery for the typed address, when its domain is not in the database.
    pub discovery: DiscoveryView,
}

impl Session {
    /// Re-runs recognition and the username fill-in after the address changed.
    pub fn address_changed(&mut self, db: &Database) {
        let before = self.account_key();
        self.missing = None;
        self.recognition = recognize(db, &self.address);
        // A bare name typed after picking a provider: its domain completes it
        // (the cursor stays after the name, so typing goes on before the @).
        if !matches!(
            self.recognition,
            Recognition::Known { .. } | Recognition::Unknown { .. }
        ) && let Some(domain) = self.picked_domain(db)
        {
            let typed = self.address.trim();
            if !typed.is_empty() && !typed.contains(['@', '\u{FF20}']) {
                self.address = format!("{typed}@{domain}");
                self.recognition = recognize(db, &self.address);
            }
        }
        let unknown = match &self.recognition {
            Recognition::Unknown { address } => Some(address.domain.as_str()),
            _ => None,
        };
        self.discovery.follow(unknown);
        if !matches!(
            self.recognition,
            Recognition::Nothing | Recognition::Incomplete
        ) {
            self.picked = None;
        }
        if self.account_key() != before {
            self.account_changed();
        }
        if !self.username_edited {
            self.username = match &self.recognition {
                // A server's name in the address's own domain (what "nothing
                // found" suggests: mail.example.com after me@example.com)
                // keeps the username the address gave; any other server's
                // name says nothing about the username, and a stale one from
                // another account is never carried over.
                Recognition::Host { host } => match &self.username_domain {
                    Some(d) if host == d || host.ends_with(&format!(".{d}")) => {
                        std::mem::take(&mut self.username)
                    }
                    _ => {
                        self.username_domain = None;
                        String::new()
                    }
                },
                _ => {
                    self.username_domain = match &self.recognition {
                        Recognition::Known { address, .. } | Recognition::Unknown { address } => {
                            Some(address.domain.clone())
                        }
                        _ => None,
                    };
                    self.suggested_username(db).unwrap_or_default()
                }
            };
        }
    }

    /// The first domain of the picked provider.
    fn picked_domain(&self, db: &Database) -> Option<String> {
        let id = self.picked.as_deref()?;
        db.by_id(id)?.provider.domains.first().cloned()
    }

    /// Why Test connection cannot start now; `None` when it can.
    pub fn missing(&self, db: &Database) -> Option<Missing> {
        if self.check_request(db).is_some() {
            return None;
        }
        let typed = self.address.trim().replace('\u{FF20}', "@");
        Some(match &self.recognition {
            Recognition::Invalid(_) => Missing::Invalid,
            _ if typed.is_empty() => Missing::Address,
            _ => match typed.split_once('@') {
                None => Missing::Domain(typed),
                Some(("", domain)) => Missing::Name(domain.to_owned()),
                Some((local, _)) => Missing::DomainEnd(local.to_owned()),
            },
        })
    }

    /// Another account than before: the consents given for the old one go.
    fn account_changed(&mut self) {
        self.allow_insecure.clear();
        self.export_protocol = None;
    }

    /// What the form is an account of: the address (canonical), the server's
    /// name, or the provider picked; empty when nothing is.
    pub fn account_key(&self) -> String {
        match &self.recognition {
            Recognition::Known { address, .. } | Recognition::Unknown { address } => {
                address.canonical()
            }
            Recognition::Host { host } => host.clone(),
            Recognition::Nothing | Recognition::Incomplete => {
                self.picked.clone().unwrap_or_default()
            }
            Recognition::Invalid(_) => String::new(),
        }
    }

    /// Whether the results shown were taken for the account in the form.
    pub fn results_current(&self) -> bool {
        self.check.generation.is_some() && self.check.account == self.account_key()
    }

    /// The finished check's summary, when it belongs to the account in the
    /// form: the only results advice, export and the report use.
    pub fn summary(&self) -> Option<&ProbeSummary> {
        self.results_current()
            .then_some(self.check.summary.as_deref())
            .flatten()
    }

    /// Whether a lookup must run before the card can show what was found (an
    /// unknown domain, no answer yet).
    pub fn awaits_discovery(&self) -> bool {
        self.can_test
            && matches!(self.recognition, Recognition::Unknown { .. })
            && self.discovery.result.is_none()
    }

    /// Discovery answered: the username may follow the provider it names.
    pub fn discovery_arrived(&mut self, db: &Database) {
        if !self.username_edited {
            self.username = self.suggested_username(db).unwrap_or_default();
        }
    }

    /// The username the provider expects for the typed address, as people
    /// write it (an internationalized domain in Unicode).
    pub fn suggested_username(&self, db: &Database) -> Option<String> {
        let address = match &self.recognition {
            Recognition::Known { address, .. } | Recognition::Unknown { address } => address,
            _ => return None,
        };
        let form = self
            .provider(db)
            .and_then(|e| e.provider.incoming.first().map(|s| s.username))
            .unwrap_or(UsernameForm::Address);
        Some(form.apply(&address.unicode()))
    }

    /// The provider shown in the card: recognized from the address, or picked.
    pub fn provider<'a>(&self, db: &'a Database) -> Option<&'a Entry> {
        match &self.recognition {
            Recognition::Known { id, .. } => db.by_id(id),
            Recognition::Nothing | Recognition::Incomplete => {
                self.picked.as_deref().and_then(|id| db.by_id(id))
            }
            // Found by discovery through the domain's MX hosts.
            Recognition::Unknown { .. } => self.discovery.provider_id().and_then(|id| db.by_id(id)),
            _ => None,
        }
    }

    /// What discovery found for the typed address, when the database has no
    /// provider for it.
    pub fn discovered(&self, db: &Database) -> Option<&Finding> {
        if self.provider(db).is_some() {
            return None;
        }
        match self.recognition {
            Recognition::Unknown { .. } => self.discovery.found(),
            _ => None,
        }
    }

    /// Recomputes the provider list for the search field.
    pub fn search_changed(&mut self, db: &Database) {
        let mut hits = db.search(&self.search);
        if self.search.trim().is_empty() {
            // Hand-written entries (the ones with setup hints) first, then the imported ones.
            hits.sort_by_key(|e| {
                (
                    e.provider.origin == crate::providers::Origin::Ispdb,
                    e.provider.id.clone(),
                )
            });
        }
        self.search_results = hits.into_iter().map(|e| e.provider.id.clone()).collect();
        self.highlight = None;
    }

    /// A provider was picked in the list: put its domain into the address, or
    /// select it when no address is typed.
    pub fn pick_provider(&mut self, db: &Database, id: &str) {
        let Some(entry) = db.by_id(id) else {
            return;
        };
        // A password typed for another provider's account is not reused for
        // this one, even when the address was cleared in between: it is
        // cleared, and a note says so. One typed before any provider was known
        // is the user's choice for the provider they pick now.
        let typed_for = self
            .password_provider
            .clone()
            .or_else(|| self.provider(db).map(|e| e.provider.id.clone()));
        if typed_for.as_deref().is_some_and(|p| p != id) && !self.password.is_empty() {
            self.password.clear();
            self.password_cleared = true;
            self.password_provider = None;
        }
        let typed = self.address.trim().replace('\u{FF20}', "@");
        let domain = entry.provider.domains.first().cloned();
        match (typed.split_once('@'), domain) {
            (Some((local, _)), Some(domain)) if !local.is_empty() => {
                self.address = format!("{local}@{domain}");
            }
            (None, Some(domain)) if !typed.is_empty() => {
                self.address = format!("{typed}@{domain}");
            }
            // Nothing typed yet: the provider is picked, and the name typed
            // next is completed with its domain (`address_changed`).
            _ => {
                let before = self.account_key();
                self.address.clear();
                self.picked = Some(id.to_owned());
                self.missing = None;
                self.recognition = Recognition::Nothing;
                if self.account_key() != before {
                    self.account_changed();
                }
                if !self.username_edited {
                    self.username.clear();
                }
                return;
            }
        }
        self.address_changed(db);
    }

    /// The check Test connection starts, and its heading; `None` when there
    /// is nothing to test.
    pub fn check_request(&self, db: &Database) -> Option<(CheckRequest, String)> {
        let (input, target) = match &self.recognition {
            Recognition::Known { address, .. } | Recognition::Unknown { address } => {
                (address.canonical(), address.unicode())
            }
            Recognition::Host { host } => (host.clone(), host.clone()),
            // No name typed yet (nothing, or the picked provider's "@163.com"):
            // the provider's servers, without a login.
            Recognition::Nothing | Recognition::Incomplete
                if self.address.trim().is_empty()
                    || self.address.trim().starts_with(['@', '\u{FF20}']) =>
            {
                let e = self.provider(db)?;
                (
                    e.provider.id.clone(),
                    e.provider.name.get(self.lang).to_owned(),
                )
            }
            Recognition::Nothing | Recognition::Incomplete | Recognition::Invalid(_) => {
                return None;
            }
        };
        let username = self.username.trim();
        // Signed in with OAuth2 for this account: the token, never a password.
        let token = match &self.recognition {
            Recognition::Known { address, id, .. } => {
                self.signin.token_for(&address.canonical(), id)
            }
            _ => None,
        };
        let login = match token {
            Some(token) => Some(LoginSpec {
                username: Some(if username.is_empty() {
                    input.clone()
                } else {
                    username.to_owned()
                }),
                password: token,
                consents: Vec::new(),
                bearer: true,
            }),
            None => (!self.password.is_empty()).then(|| LoginSpec {
                username: (!username.is_empty()).then(|| username.to_owned()),
                password: secrecy::SecretString::from(self.password.expose().to_owned()),
                consents: self.allow_insecure.clone(),
                bearer: false,
            }),
        };
        Some((
            CheckRequest {
                input,
                only: Vec::new(),
                endpoints: Vec::new(),
                login,
                provider: None,
            },
            target,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fake;
    use crate::probe::{Protocol, Security};

    #[test]
    fn recognition() {
        let db = Database::bundled();
        assert_eq!(recognize(db, ""), Recognition::Nothing);
        assert_eq!(recognize(db, "alice"), Recognition::Incomplete);
        assert_eq!(recognize(db, "alice@"), Recognition::Incomplete);
        assert_eq!(recognize(db, "alice@16"), Recognition::Incomplete);
        assert!(
            matches!(recognize(db, "alice@163.com"), Recognition::Known { id, .. } if id == "163")
        );
        assert!(
            matches!(recognize(db, "alice＠QQ.com"), Recognition::Known { id, .. } if id == "qq")
        );
        assert!(matches!(
            recognize(db, "alice@nowhere-mailconf.example"),
            Recognition::Unknown { .. }
        ));
        assert!(matches!(
            recognize(db, "al ice@163.com"),
            Recognition::Invalid(_)
        ));
    }

    #[test]
    fn host_names_and_ip_addresses_are_servers() {
        let db = Database::bundled();
        assert_eq!(
            recognize(db, "Mail.Example.org"),
            Recognition::Host {
                host: "mail.example.org".into()
            }
        );
        assert_eq!(
            recognize(db, "192.0.2.10"),
            Recognition::Host {
                host: "192.0.2.10".into()
            }
        );
        // A provider's domain without @: the user is typing, or should pick it.
        assert_eq!(recognize(db, "163.com"), Recognition::Incomplete);
        assert_eq!(recognize(db, "mail."), Recognition::Incomplete);
        assert_eq!(recognize(db, "bad_host!.org"), Recognition::Incomplete);
    }

    /// Issue 12: a server's name says nothing about the username; a username
    /// typed for another account is not carried over.
    #[test]
    fn server_name_mode_never_reuses_a_stale_username() {
        let db = Database::bundled();
        let mut s = Session {
            address: "alice@163.com".into(),
            ..Session::default()
        };
        s.address_changed(db);
        assert_eq!(s.username, "alice@163.com");
        s.address = "mail.example.org".into();
        s.address_changed(db);
        assert_eq!(s.username, "", "not alice@163.com");
        // A server in the address's own domain keeps its username (the
        // "nothing found: type your server's name" path), another does not.
        s.address = "me@example.org".into();
        s.address_changed(db);
        s.address = "mail.example.org".into();
        s.address_changed(db);
        assert_eq!(s.username, "me@example.org");
        s.address = "imap.other.example".into();
        s.address_changed(db);
        assert_eq!(s.username, "");
        s.address = "mail.example.org".into();
        s.address_changed(db);
        assert_eq!(s.username, "", "the domain was forgotten with the username");
        s.username = "me".into();
        s.username_edited = true;
        let (req, target) = s.check_request(db).unwrap();
        assert_eq!(
            (req.input.as_str(), target.as_str()),
            ("mail.example.org", "mail.example.org")
        );
    }

    #[test]
    fn idn_usernames_are_shown_in_unicode() {
        let db = Database::bundled();
        let mut s = Session {
            address: "用户@例子.中国".into(),
            ..Session::default()
        };
        s.address_changed(db);
        assert_eq!(s.username, "用户@例子.中国");
        let (req, target) = s.check_request(db).unwrap();
        assert_eq!(req.input, "用户@xn--fsqu00a.xn--fiqs8s");
        assert_eq!(target, "用户@例子.中国");
    }

    #[test]
    fn a_name_typed_after_picking_gets_the_picked_domain() {
        let db = Database::bundled();
        for (typed, want) in [
            ("z", "z@163.com"),
            ("zhang.san", "zhang.san@163.com"),
            ("lisi@qq.com", "lisi@qq.com"),
        ] {
            let mut s = Session::default();
            s.pick_provider(db, "163");
            s.address = typed.into();
            s.address_changed(db);
            assert_eq!(s.address, want);
            assert!(s.picked.is_none(), "an address typed: the pick is over");
        }
        // Nothing picked: a bare name is incomplete, and Test says so.
        let mut s = Session {
            address: "lisi".into(),
            ..Session::default()
        };
        s.address_changed(db);
        assert_eq!(s.address, "lisi");
        assert_eq!(s.missing(db), Some(Missing::Domain("lisi".into())));
        s.address = "@163.com".into();
        s.address_changed(db);
        assert_eq!(s.missing(db), Some(Missing::Name("163.com".into())));
        s.address = String::new();
        s.address_changed(db);
        assert_eq!(s.missing(db), Some(Missing::Address));
    }

    #[test]
    fn picking_fills_the_domain_and_a_password_for_another_account_goes() {
        let db = Database::bundled();
        let mut s = Session::default();
        s.pick_provider(db, "163");
        assert_eq!(s.address, "");
        assert_eq!(s.picked.as_deref(), Some("163"));
        assert_eq!(s.provider(db).map(|e| e.provider.id.as_str()), Some("163"));
        s.address = "alice".into();
        s.pick_provider(db, "qq");
        assert_eq!(s.address, "alice@qq.com");
        s.password = Secret::from("qq-code");
        s.pick_provider(db, "163");
        assert_eq!(s.address, "alice@163.com");
        assert_eq!(s.username, "alice@163.com");
        assert!(s.picked.is_none());
        assert!(s.password.is_empty(), "not reused for another provider");
        assert!(s.password_cleared);
    }

    #[test]
    fn results_belong_to_their_account() {
        let db = Database::bundled();
        let mut s = Session {
            address: "alice@163.com".into(),
            ..Session::default()
        };
        s.address_changed(db);
        s.check.begin(1, s.account_key(), "alice@163.com".into());
        let plan = {
            let typed = crate::check::plan::classify(db, "alice@163.com").unwrap();
            Arc::new(crate::check::plan::plan("alice@163.com", &typed, &[], db, None).unwrap())
        };
        assert!(s.check.apply(&CheckEvent::Planned {
            generation: 1,
            plan: plan.clone()
        }));
        let report = fake::report(
            &Endpoint::new(Protocol::Pop3, "pop.163.com", 995, Security::Tls),
            fake::FakeOutcome::Secure,
            30,
        );
        let summary = Arc::new(ProbeSummary::of(&plan, vec![report]));
        assert!(s.check.apply(&CheckEvent::Finished {
            generation: 1,
            summary
        }));
        assert!(s.summary().is_some());
        s.address = "bob@qq.com".into();
        s.address_changed(db);
        assert!(!s.results_current());
        assert!(s.summary().is_none(), "not bob's results");
        s.address = "alice@163.com".into();
        s.address_changed(db);
        assert!(s.summary().is_some(), "alice's again");
        // Stale and late events are dropped.
        assert!(!s.check.apply(&CheckEvent::Planned {
            generation: 7,
            plan
        }));
    }
}
