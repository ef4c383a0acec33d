//! The app's state, split by lifetime.
//!
//! - [`Persisted`]: what survives a restart, saved by eframe's storage (the window
//!   size is saved by eframe itself). `#[serde(default)]`, so an old or partial
//!   file still loads. It never holds the password.
//! - [`Session`]: everything else: the form as typed, the password (a
//!   [`Secret`]), the provider recognized, the result table. Pure data plus the
//!   logic that updates it, so it is testable without a window.

use super::backend::{EndpointSpec, Event, EventKind, Generation, Outcome, Verdict};
use crate::i18n::Lang;
use crate::providers::{
    Address, AddressError, Database, Entry, MatchKind, Protocol, ProviderError, Security,
    UsernameForm,
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
        Err(AddressError::EmptyDomain(_)) => return Recognition::Incomplete,
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
    let host = crate::providers::address::normalize_domain(typed).ok()?;
    db.by_domain(&host).is_none().then_some(host)
}

/// The state of one row of the result table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowState {
    /// Waiting for the result (spinner).
    Pending,
    /// The result arrived.
    Done(Box<Outcome>),
    /// The test was cancelled before this row finished.
    Cancelled,
}

/// One row: an endpoint and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The endpoint.
    pub spec: EndpointSpec,
    /// Its state.
    pub state: RowState,
    /// Whether the details are shown.
    pub expanded: bool,
    /// Order of arrival (1 = first result), for tests and for the eye.
    pub arrival: Option<usize>,
}

/// The result table of the current (or last) test.
#[derive(Debug, Clone, Default)]
pub struct ProbeView {
    /// The generation whose events are shown; others are dropped.
    pub generation: Option<Generation>,
    /// One row per endpoint.
    pub rows: Vec<Row>,
    /// Whether a test is running.
    pub running: bool,
    /// Whether the user cancelled it.
    pub cancelled: bool,
    /// What is being tested (address or provider name), for the heading.
    pub target: String,
    /// Scroll the results into view on the next frame.
    pub scroll_into_view: bool,
}

impl ProbeView {
    /// A new test: one pending row per endpoint, shown at once.
    pub fn begin(&mut self, generation: Generation, endpoints: Vec<EndpointSpec>, target: String) {
        self.generation = Some(generation);
        self.rows = endpoints
            .into_iter()
            .map(|spec| Row {
                spec,
                state: RowState::Pending,
                expanded: false,
                arrival: None,
            })
            .collect();
        self.running = true;
        self.cancelled = false;
        self.target = target;
        self.scroll_into_view = true;
    }

    /// Applies an event. Events of another generation are dropped (`false`).
    pub fn apply(&mut self, event: Event) -> bool {
        if self.generation != Some(event.generation) {
            return false;
        }
        match event.kind {
            EventKind::Planned(endpoints) => {
                let target = std::mem::take(&mut self.target);
                let scroll = self.scroll_into_view;
                self.begin(event.generation, endpoints, target);
                self.scroll_into_view = scroll;
            }
            EventKind::Finished { index, outcome } => {
                // After a cancel, late results of the same generation are not shown.
                if !self.running {
                    return false;
                }
                let arrival = self.done_count() + 1;
                let Some(row) = self.rows.get_mut(index) else {
                    return false;
                };
                row.state = RowState::Done(outcome);
                row.arrival = Some(arrival);
            }
            EventKind::Done => {
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

    /// The engine's reports of the rows that have one, in table order.
    pub fn reports(&self) -> Vec<crate::probe::EndpointReport> {
        self.rows
            .iter()
            .filter_map(|r| match &r.state {
                RowState::Done(o) => o.report.as_deref().cloned(),
                _ => None,
            })
            .collect()
    }

    /// Plain-language advice on the finished test (none while running, none
    /// for scripted results).
    pub fn advice(
        &self,
        provider: Option<&crate::providers::Provider>,
    ) -> Vec<crate::advice::Advice> {
        let reports = self.reports();
        if self.running || reports.is_empty() {
            return Vec::new();
        }
        crate::advice::advise(&reports, provider)
    }

    /// Rows with a result.
    pub fn done_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.state, RowState::Done(_)))
            .count()
    }

    /// For each protocol (POP3, SMTP, IMAP, in that order) that has rows: the
    /// recommended secure endpoint (implicit TLS before STARTTLS, then the fastest),
    /// or `None` when no secure one was found. Only meaningful when not running.
    pub fn recommendations(&self) -> Vec<(Protocol, Option<&EndpointSpec>)> {
        [Protocol::Pop3, Protocol::Smtp, Protocol::Imap]
            .into_iter()
            .filter(|p| self.rows.iter().any(|r| r.spec.protocol == *p))
            .map(|p| {
                let best = self
                    .rows
                    .iter()
                    .filter(|r| r.spec.protocol == p)
                    .filter_map(|r| match &r.state {
                        RowState::Done(o) if o.verdict == Verdict::Secure => {
                            Some((&r.spec, o.latency_ms.unwrap_or(u64::MAX)))
                        }
                        _ => None,
                    })
                    .min_by_key(|(spec, ms)| (spec.security != Security::Tls, *ms))
                    .map(|(spec, _)| spec);
                (p, best)
            })
            .collect()
    }
}

/// Everything that lives only while the app runs.
#[derive(Debug, Default)]
pub struct Session {
    /// The UI language.
    pub lang: Lang,
    /// The address field.
    pub address: String,
    /// What the address amounts to.
    pub recognition: Recognition,
    /// The provider picked from the list while no address was typed.
    pub picked: Option<String>,
    /// The username field.
    pub username: String,
    /// Whether the user edited the username (then it is no longer filled in).
    pub username_edited: bool,
    /// The password or authorization code. Never persisted.
    pub password: Secret,
    /// Whether the password is shown in clear.
    pub show_password: bool,
    /// The provider search field.
    pub search: String,
    /// Provider ids matching `search`, best first.
    pub search_results: Vec<String>,
    /// Broken user provider files (from [`Database::warnings`]).
    pub warnings: Vec<ProviderError>,
    /// Whether the user dismissed the warnings.
    pub warnings_dismissed: bool,
    /// The result table.
    pub probe: ProbeView,
    /// Whether the results are demo data.
    pub demo: bool,
    /// Whether there is an engine to test with.
    pub can_test: bool,
    /// Endpoints where the user confirmed sending the password without
    /// protection; they go into the next runs (cleared when the address changes).
    pub allow_insecure: Vec<crate::probe::InsecureAllow>,
    /// The endpoint whose insecure-login confirmation dialog is open.
    pub confirm_insecure: Option<EndpointSpec>,
    /// Focus the dialog's No button on its first frame.
    pub confirm_insecure_focus: bool,
    /// Whether the Export window is open.
    pub export_open: bool,
    /// Whether exports include the password (off by default, never remembered).
    pub export_password: bool,
    /// The last export's outcome, shown in the window.
    pub export_status: Option<String>,
    /// Whether the save dialog is open (then Save is disabled).
    pub export_waiting: bool,
    /// Whether there is a discovery backend for unknown domains.
    pub can_discover: bool,
    /// Discovery for the typed address, when its domain is not in the database.
    pub discovery: super::discovery::DiscoveryView,
}

impl Session {
    /// Re-runs recognition and the username fill-in after the address changed.
    pub fn address_changed(&mut self, db: &Database) {
        self.recognition = recognize(db, &self.address);
        self.allow_insecure.clear();
        let unknown = match &self.recognition {
            Recognition::Unknown { address } => Some(address.domain.as_str()),
            _ => None,
        };
        self.discovery.follow(unknown);
        if !self.address.trim().is_empty() {
            self.picked = None;
        }
        // A server name says nothing about the username: keep what is there.
        if !self.username_edited && !matches!(self.recognition, Recognition::Host { .. }) {
            self.username = self.suggested_username(db).unwrap_or_default();
        }
    }

    /// Whether Test connection must wait for discovery first (an unknown domain,
    /// a discovery backend, no answer yet).
    pub fn awaits_discovery(&self) -> bool {
        self.can_discover
            && matches!(self.recognition, Recognition::Unknown { .. })
            && self.discovery.result.is_none()
    }

    /// Discovery answered: the username may follow the provider it names.
    pub fn discovery_arrived(&mut self, db: &Database) {
        if !self.username_edited {
            self.username = self.suggested_username(db).unwrap_or_default();
        }
    }

    /// The username the provider expects for the typed address.
    pub fn suggested_username(&self, db: &Database) -> Option<String> {
        let address = match &self.recognition {
            Recognition::Known { address, .. } | Recognition::Unknown { address } => address,
            _ => return None,
        };
        let form = self
            .provider(db)
            .and_then(|e| e.provider.incoming.first().map(|s| s.username))
            .unwrap_or(UsernameForm::Address);
        Some(form.apply(&address.canonical()))
    }

    /// The provider shown in the card: recognized from the address, or picked.
    pub fn provider<'a>(&self, db: &'a Database) -> Option<&'a Entry> {
        match &self.recognition {
            Recognition::Known { id, .. } => db.by_id(id),
            Recognition::Nothing => self.picked.as_deref().and_then(|id| db.by_id(id)),
            // Found by discovery through the domain's MX hosts.
            Recognition::Unknown { .. } => self.discovery.provider_id().and_then(|id| db.by_id(id)),
            _ => None,
        }
    }

    /// What discovery found for the typed address, when the database has no
    /// provider for it (export then uses these settings and says so).
    pub fn discovered<'a>(&'a self, db: &Database) -> Option<&'a crate::discover::Finding> {
        if self.provider(db).is_some() {
            return None;
        }
        self.discovery.found()
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
    }

    /// A provider was picked in the list: put its domain into the address, or
    /// select it when no address is typed.
    pub fn pick_provider(&mut self, db: &Database, id: &str) {
        let Some(entry) = db.by_id(id) else {
            return;
        };
        let typed = self.address.trim().replace('\u{FF20}', "@");
        let domain = entry.provider.domains.first().cloned();
        match (typed.split_once('@'), domain) {
            (Some((local, _)), Some(domain)) if !local.is_empty() => {
                self.address = format!("{local}@{domain}");
            }
            (None, Some(domain)) if !typed.is_empty() => {
                self.address = format!("{typed}@{domain}");
            }
            _ => {
                self.address.clear();
                self.picked = Some(id.to_owned());
                self.recognition = Recognition::Nothing;
                if !self.username_edited {
                    self.username.clear();
                }
                return;
            }
        }
        self.address_changed(db);
    }

    /// The endpoints a test would probe, and what is tested (for the heading);
    /// `None` when there is nothing to test.
    pub fn probe_plan(&self, db: &Database) -> Option<(Vec<EndpointSpec>, String)> {
        let (domain, target) = match &self.recognition {
            Recognition::Known {
                domain, address, ..
            } => (domain.clone(), address.to_string()),
            Recognition::Unknown { address } if self.can_discover => {
                return self.discovered_plan(db, address);
            }
            Recognition::Unknown { address } => (address.domain.clone(), address.to_string()),
            Recognition::Host { host } => {
                let endpoints = super::backend::standard_endpoints(host, host, host, &[]);
                return Some((endpoints, host.clone()));
            }
            Recognition::Nothing => {
                let e = self.provider(db)?;
                let d = e.provider.domains.first()?.clone();
                (d, e.provider.name.get(self.lang).to_owned())
            }
            _ => return None,
        };
        let provider = self.provider(db).map(|e| &e.provider);
        let host = |p: Protocol, guess: &str| -> String {
            provider
                .and_then(|pr| {
                    pr.incoming
                        .iter()
                        .chain(&pr.outgoing)
                        .find(|s| s.protocol == p)
                })
                .map(|s| s.host_for(&domain))
                .unwrap_or_else(|| format!("{guess}.{domain}"))
        };
        let extra: Vec<EndpointSpec> = provider
            .map(|pr| {
                pr.incoming
                    .iter()
                    .chain(&pr.outgoing)
                    .map(|s| {
                        EndpointSpec::new(s.protocol, &s.host_for(&domain), s.port, s.security)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let endpoints = super::backend::standard_endpoints(
            &host(Protocol::Pop3, "pop"),
            &host(Protocol::Smtp, "smtp"),
            &host(Protocol::Imap, "imap"),
            &extra,
        );
        Some((endpoints, target))
    }

    /// The plan for an unknown domain once discovery answered: the servers it
    /// found (through [`crate::probe::target::resolve`]), or, when it found
    /// nothing, the usual names (`pop.`, `smtp.`, `imap.` + domain) so that the
    /// table shows how each fails. `None` while there is no answer.
    fn discovered_plan(
        &self,
        db: &Database,
        address: &Address,
    ) -> Option<(Vec<EndpointSpec>, String)> {
        let d = self.discovery.result.as_deref()?;
        let target = address.to_string();
        let lookup = |_: &Address| d.clone();
        match crate::probe::target::resolve(&address.canonical(), &[], db, Some(&lookup)) {
            Ok(t) => {
                let mut endpoints: Vec<EndpointSpec> = t
                    .endpoints
                    .iter()
                    .map(|e| EndpointSpec::new(e.protocol, &e.host, e.port, e.security))
                    .collect();
                // The table's order of protocols: POP3, SMTP, IMAP.
                endpoints.sort_by_key(|e| match e.protocol {
                    Protocol::Pop3 => 0,
                    Protocol::Smtp => 1,
                    Protocol::Imap => 2,
                });
                Some((endpoints, target))
            }
            Err(crate::probe::target::TargetError::NotFound { .. }) => {
                let domain = &address.domain;
                let endpoints = super::backend::standard_endpoints(
                    &format!("pop.{domain}"),
                    &format!("smtp.{domain}"),
                    &format!("imap.{domain}"),
                    &[],
                );
                Some((endpoints, target))
            }
            Err(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::backend::{Event, EventKind, Outcome, Verdict};

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
        let mut s = Session {
            address: "mail.example.org".into(),
            username: "me@example.org".into(),
            ..Session::default()
        };
        s.address_changed(db);
        assert_eq!(s.username, "me@example.org", "kept");
        let (plan, target) = s.probe_plan(db).unwrap();
        assert_eq!(target, "mail.example.org");
        assert_eq!(plan.len(), 8);
        assert!(plan.iter().all(|e| e.host == "mail.example.org"));
    }

    #[test]
    fn discovery_follows_the_domain_and_drops_stale_answers() {
        let db = Database::bundled();
        let mut s = Session {
            address: "me@first.example".into(),
            can_discover: true,
            ..Session::default()
        };
        s.address_changed(db);
        assert_eq!(s.discovery.domain, "first.example");
        assert!(s.awaits_discovery());
        assert!(s.probe_plan(db).is_none(), "no plan before the answer");
        s.discovery.generation = Some(1);
        let answer =
            |a: &str| crate::discover::Discovery::failed(&Address::parse(a).unwrap(), "nothing");
        // Same domain, other local part: the lookup goes on.
        s.address = "you@first.example".into();
        s.address_changed(db);
        assert_eq!(s.discovery.generation, Some(1));
        // Another domain: forgotten; its answer is dropped.
        s.address = "me@second.example".into();
        s.address_changed(db);
        assert_eq!(s.discovery.generation, None);
        assert!(!s.discovery.arrive(1, answer("me@first.example")));
        s.discovery.generation = Some(2);
        assert!(
            !s.discovery.arrive(2, answer("me@first.example")),
            "wrong domain"
        );
        assert!(s.discovery.arrive(2, answer("me@second.example")));
        assert!(!s.awaits_discovery());
        // Nothing found: the usual names.
        let (plan, _) = s.probe_plan(db).unwrap();
        assert_eq!(plan[0].host, "pop.second.example");
        // A known domain needs no lookup.
        s.address = "me@163.com".into();
        s.address_changed(db);
        assert!(s.discovery.domain.is_empty() && !s.awaits_discovery());
    }

    #[test]
    fn picking_fills_the_domain() {
        let db = Database::bundled();
        let mut s = Session::default();
        s.pick_provider(db, "163");
        assert_eq!(s.address, "");
        assert_eq!(s.picked.as_deref(), Some("163"));
        assert_eq!(s.provider(db).map(|e| e.provider.id.as_str()), Some("163"));
        s.address = "alice".into();
        s.pick_provider(db, "qq");
        assert_eq!(s.address, "alice@qq.com");
        s.pick_provider(db, "163");
        assert_eq!(s.address, "alice@163.com");
        assert_eq!(s.username, "alice@163.com");
        assert!(s.picked.is_none());
    }

    #[test]
    fn plan_has_the_eight_standard_rows_and_documented_extras() {
        let db = Database::bundled();
        let mut s = Session {
            address: "alice@163.com".into(),
            ..Session::default()
        };
        s.address_changed(db);
        let (plan, target) = s.probe_plan(db).unwrap();
        assert_eq!(target, "alice@163.com");
        let ports: Vec<u16> = plan.iter().map(|e| e.port).collect();
        // The standard eight, and the SMTP 994 NetEase documents, with the SMTP rows.
        assert_eq!(ports, [110, 110, 995, 25, 587, 465, 994, 143, 993]);
        assert_eq!(plan[6].host, "smtp.163.com");
        assert_eq!(plan[0].host, "pop.163.com");
    }

    #[test]
    fn stale_and_late_events_are_dropped() {
        let mut v = ProbeView::default();
        v.begin(
            2,
            vec![EndpointSpec::new(Protocol::Pop3, "h", 995, Security::Tls)],
            "t".into(),
        );
        let fin = |generation, index| Event {
            generation,
            kind: EventKind::Finished {
                index,
                outcome: Box::new(Outcome::new(Verdict::Secure)),
            },
        };
        assert!(!v.apply(fin(1, 0)));
        assert_eq!(v.done_count(), 0);
        assert!(!v.apply(fin(2, 7)));
        assert!(v.apply(fin(2, 0)));
        assert_eq!(v.done_count(), 1);
        v.begin(
            3,
            vec![EndpointSpec::new(Protocol::Pop3, "h", 995, Security::Tls)],
            "t".into(),
        );
        v.cancel();
        assert!(!v.apply(fin(3, 0)));
        assert_eq!(v.rows[0].state, RowState::Cancelled);
    }
}
