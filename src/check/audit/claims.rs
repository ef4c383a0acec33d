//! One server row of an entry against what the probe saw there: each claim
//! next to the observation, in the three languages (server text quoted as the
//! probe escaped it).

use schemars::JsonSchema;
use serde::Serialize;

use super::EntryStatus;
use crate::check::summary::Recommendation;
use crate::i18n::msg;
use crate::probe::caps::Capabilities;
use crate::probe::report::summary_in;
use crate::probe::session::StarttlsOutcome;
use crate::probe::tls::ChainVerdict;
use crate::probe::{Endpoint, EndpointReport, TimeoutPhase, Verdict};
use crate::providers::{AuthKind, Localized, Protocol, Provider, Security, Server, ServerLogin};

/// What part of a row a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// The port answers.
    Answers,
    /// TLS, STARTTLS or plaintext, as claimed.
    Security,
    /// The certificate names the host and is valid; how long it has left.
    Certificate,
    /// The login the entry relies on (password, OAuth2, none) is offered.
    Login,
    /// IMAP ID is announced where the entry says it is required.
    ImapId,
    /// A plaintext row is marked legacy.
    Legacy,
    /// The endpoint the one ranking recommends (per protocol) is listed.
    Recommendation,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckResult {
    /// The claim holds.
    Holds,
    /// The claim does not hold: the entry drifted from the server.
    Drift,
    /// Worth knowing, not wrong (a certificate expiring soon, a plaintext row
    /// that also offers STARTTLS).
    Warning,
    /// Could not be checked from here (no answer within the deadline).
    Unverified,
}

/// One claim next to what was observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Check {
    /// What the check is about.
    pub kind: CheckKind,
    /// How it came out.
    pub result: CheckResult,
    /// What the entry claims.
    pub claim: Localized,
    /// What the server showed (server text escaped).
    pub observed: Localized,
}

/// The verdict on one server row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ServerOutcome {
    /// Every claim about the row holds.
    Ok,
    /// At least one claim does not hold.
    Drift,
    /// No answer within the connect deadline: filtered here, or down.
    Unreachable,
    /// The row could not be probed (its host depends on the user's domain).
    NotChecked,
}

/// The audit of one server row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ServerAudit {
    /// The endpoint probed (a `%EMAILDOMAIN%` host filled in with the entry's first domain).
    pub endpoint: Endpoint,
    /// ok, drift, unreachable or not-checked.
    pub outcome: ServerOutcome,
    /// Whether a server answered on the port at all.
    pub reached: bool,
    /// The probe's verdict (`secure`, `tls-error`, `refused`…); absent when not probed.
    pub verdict: Option<String>,
    /// Days the server's certificate has left, when TLS was established.
    pub certificate_days_left: Option<i64>,
    /// Each claim next to the observation.
    pub checks: Vec<Check>,
}

/// A finding in the three languages, each from the catalog.
macro_rules! words {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        Localized::each(|lang| msg!(lang, $id $(, $name = $value)*))
    };
}

fn same(text: &str) -> Localized {
    Localized::same(text)
}

/// The audit of a row the plan has no endpoint for: its host depends on the
/// user's domain and the entry lists none, or the entry has nothing to probe.
pub fn not_planned(p: &Provider, s: &Server) -> ServerAudit {
    let observed = if s.host.contains("%EMAILDOMAIN%") && p.domains.is_empty() {
        words!("audit-not-probed-per-domain", host = s.host.as_str())
    } else {
        words!("audit-not-probed-nothing")
    };
    ServerAudit {
        endpoint: Endpoint::new(s.protocol, &s.host, s.port, s.security),
        outcome: ServerOutcome::NotChecked,
        reached: false,
        verdict: None,
        certificate_days_left: None,
        checks: vec![Check {
            kind: CheckKind::Answers,
            result: CheckResult::Unverified,
            claim: answers_claim(s.protocol, s.port),
            observed,
        }],
    }
}

/// The audit of an endpoint whose probe never reported (its task failed).
pub fn lost(endpoint: Endpoint) -> ServerAudit {
    ServerAudit {
        checks: vec![Check {
            kind: CheckKind::Answers,
            result: CheckResult::Unverified,
            claim: answers_claim(endpoint.protocol, endpoint.port),
            observed: words!("audit-probe-lost"),
        }],
        endpoint,
        outcome: ServerOutcome::Unreachable,
        reached: false,
        verdict: None,
        certificate_days_left: None,
    }
}

fn answers_claim(protocol: Protocol, port: u16) -> Localized {
    words!(
        "audit-claim-answers",
        protocol = protocol.label(),
        port = port
    )
}

fn security_claim(s: Security) -> Localized {
    match s {
        Security::Tls => words!("audit-claim-tls"),
        Security::Starttls => words!("audit-claim-starttls"),
        Security::Plain => words!("audit-claim-plain"),
    }
}

/// The login methods capabilities offer, for people: `USER SASL(PLAIN LOGIN)`,
/// `LOGIN AUTH=PLAIN`, `AUTH PLAIN LOGIN`, or `None` when they offer none.
fn mechanisms(caps: &Capabilities) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    match caps {
        Capabilities::Pop3(c) => {
            if c.user {
                parts.push("USER".into());
            }
            if !c.sasl.is_empty() {
                parts.push(format!("SASL({})", c.sasl.join(" ")));
            }
        }
        Capabilities::Imap(c) => {
            if !c.logindisabled {
                parts.push("LOGIN".into());
            }
            parts.extend(c.auth.iter().map(|m| format!("AUTH={m}")));
        }
        Capabilities::Smtp(c) => {
            if !c.auth.is_empty() {
                parts.push(format!("AUTH {}", c.auth.join(" ")));
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// What the probe said, in the three languages, for a row that did not get
/// as far as the claim: the probe's own summary in each (server text escaped).
fn failure(report: &EndpointReport) -> Localized {
    Localized::each(|lang| {
        msg!(
            lang,
            "audit-not-as-claimed",
            summary = summary_in(report, lang).to_string()
        )
    })
}

/// Compares one row with its probe report.
pub fn evaluate(
    claim: &Server,
    auth: &AuthKind,
    imap_id_required: bool,
    report: &EndpointReport,
    expiry_warning_days: i64,
) -> ServerAudit {
    let mut checks = Vec::new();
    let mut unreachable = false;
    let answers = answers_claim(claim.protocol, claim.port);
    let verdict = report.verdict;
    let reached = match verdict {
        Verdict::DnsError { failure } => {
            // Only the DNS saying "no such name" is drift; a lookup without an
            // answer says nothing about the claim.
            let gone = failure == crate::probe::DnsFailure::NoSuchHost;
            unreachable = !gone;
            checks.push(Check {
                kind: CheckKind::Answers,
                result: if gone {
                    CheckResult::Drift
                } else {
                    CheckResult::Unverified
                },
                claim: answers.clone(),
                observed: Localized::each(|lang| {
                    msg!(
                        lang,
                        "audit-does-not-resolve",
                        summary = summary_in(report, lang).to_string()
                    )
                }),
            });
            false
        }
        Verdict::Refused => {
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Drift,
                claim: answers.clone(),
                observed: words!("audit-refused"),
            });
            false
        }
        Verdict::TimedOut {
            phase: TimeoutPhase::Connect,
            after_ms,
        } => {
            unreachable = true;
            let secs = after_ms.div_ceil(1000);
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Unverified,
                claim: answers.clone(),
                observed: words!("audit-no-answer", secs = secs),
            });
            false
        }
        _ => true,
    };
    let tls = report.tls.as_ref();
    let session = &report.session;
    if reached {
        let spoke = session.greeting.is_some() || tls.is_some();
        if spoke {
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Holds,
                claim: answers,
                observed: words!("audit-server-answers"),
            });
        } else if claim.security != Security::Tls {
            // Implicit TLS that fails before any greeting is a security finding below.
            let p = claim.protocol.label();
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Drift,
                claim: answers,
                observed: Localized::each(|lang| {
                    msg!(
                        lang,
                        "audit-no-greeting",
                        protocol = p,
                        summary = summary_in(report, lang).to_string()
                    )
                }),
            });
        }
        let secured = security_checks(claim, report, &mut checks);
        if let Some(t) = tls {
            certificate_checks(&report.endpoint.host, t, expiry_warning_days, &mut checks);
        }
        if secured && let Some(caps) = session.effective_caps() {
            login_check(claim, auth, caps, &mut checks);
            if imap_id_required && let Capabilities::Imap(c) = caps {
                checks.push(Check {
                    kind: CheckKind::ImapId,
                    result: if c.id {
                        CheckResult::Holds
                    } else {
                        CheckResult::Drift
                    },
                    claim: words!("audit-claim-imap-id"),
                    observed: if c.id {
                        words!("audit-announces-id")
                    } else {
                        words!("audit-does-not-announce-id")
                    },
                });
            }
        }
    }
    if claim.security == Security::Plain {
        checks.push(legacy_check(claim));
    }
    let drift = checks.iter().any(|c| c.result == CheckResult::Drift);
    ServerAudit {
        endpoint: report.endpoint.clone(),
        outcome: if drift {
            ServerOutcome::Drift
        } else if unreachable {
            ServerOutcome::Unreachable
        } else {
            ServerOutcome::Ok
        },
        reached,
        verdict: Some(verdict.name().to_owned()),
        certificate_days_left: tls
            .and_then(|t| t.certificates.first())
            .map(|c| c.days_left),
        checks,
    }
}

/// The security claim; `true` when the session ran over the channel the row
/// claims, so that the capabilities read are the ones a client meets.
fn security_checks(claim: &Server, report: &EndpointReport, checks: &mut Vec<Check>) -> bool {
    let tls = report.tls.as_ref();
    let tls_words =
        |t: &crate::probe::tls::TlsReport| same(&format!("{} {}", t.version, t.cipher_suite));
    let (result, observed) = match claim.security {
        Security::Tls => match (tls, report.verdict) {
            (Some(t), _) => (CheckResult::Holds, tls_words(t)),
            (None, Verdict::TlsError { tls_kind }) => {
                // The probe's summary names the cause (no-common-cipher for
                // a server with only RSA or DHE key exchange) in each
                // language, then the TLS library's own words.
                let observed = Localized::each(|lang| {
                    msg!(
                        lang,
                        "audit-tls-failed",
                        kind = tls_kind.to_string(),
                        summary = summary_in(report, lang).to_string()
                    )
                });
                (CheckResult::Drift, observed)
            }
            (None, _) => (CheckResult::Drift, failure(report)),
        },
        Security::Starttls => match (&report.session.starttls, tls) {
            (StarttlsOutcome::Upgraded, Some(t)) => (CheckResult::Holds, tls_words(t)),
            (StarttlsOutcome::Upgraded, None) => {
                let observed = Localized::each(|lang| {
                    msg!(
                        lang,
                        "audit-starttls-then-tls-failed",
                        summary = summary_in(report, lang).to_string()
                    )
                });
                (CheckResult::Drift, observed)
            }
            (StarttlsOutcome::NotOffered, _) => {
                (CheckResult::Drift, words!("probe-starttls-not-offered"))
            }
            (StarttlsOutcome::Refused { reply }, _) => (
                CheckResult::Drift,
                words!("audit-starttls-refused", reply = reply.as_str()),
            ),
            (StarttlsOutcome::NotApplicable, _) => (CheckResult::Drift, failure(report)),
        },
        Security::Plain => {
            // The plan covers a plaintext row with STARTTLS on the same port
            // (SMTP 25): a greeting there came without encryption too.
            let plain_greeting =
                report.endpoint.security == Security::Starttls && report.session.greeting.is_some();
            match report.verdict {
                Verdict::InsecurePlaintextOnly { .. } => (CheckResult::Holds, plain_answer()),
                _ if plain_greeting => (CheckResult::Holds, plain_answer()),
                _ => (CheckResult::Drift, failure(report)),
            }
        }
    };
    let held = result == CheckResult::Holds;
    checks.push(Check {
        kind: CheckKind::Security,
        result,
        claim: security_claim(claim.security),
        observed,
    });
    if claim.security == Security::Plain
        && report
            .session
            .caps_before_tls
            .as_ref()
            .is_some_and(Capabilities::starttls)
    {
        checks.push(Check {
            kind: CheckKind::Security,
            result: CheckResult::Warning,
            claim: security_claim(Security::Plain),
            observed: words!("audit-starttls-here-too"),
        });
    }
    held
}

fn plain_answer() -> Localized {
    words!("audit-answers-in-plaintext")
}

fn certificate_checks(
    host: &str,
    t: &crate::probe::tls::TlsReport,
    expiry_warning_days: i64,
    checks: &mut Vec<Check>,
) {
    let claim = words!("audit-claim-certificate", host = host);
    let leaf = t.certificates.first();
    let days = leaf.map(|c| c.days_left);
    let (result, observed) = match t.chain {
        ChainVerdict::Trusted => (
            CheckResult::Holds,
            match days {
                Some(d) => words!("audit-certificate-valid-days", host = host, days = d),
                None => words!("audit-certificate-valid", host = host),
            },
        ),
        ChainVerdict::Invalid(_) if t.hostname_match == Some(false) => {
            let names = leaf
                .map(|c| {
                    c.sans
                        .iter()
                        .map(|n| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            (
                CheckResult::Drift,
                words!(
                    "audit-certificate-other-names",
                    host = host,
                    names = names.as_str()
                ),
            )
        }
        ChainVerdict::Invalid(kind) => {
            let why = t
                .chain_error
                .as_ref()
                .map_or_else(|| kind.to_string(), |e| e.as_str().to_owned());
            (
                CheckResult::Drift,
                words!(
                    "audit-certificate-not-trusted",
                    kind = kind.to_string(),
                    why = why.as_str()
                ),
            )
        }
    };
    checks.push(Check {
        kind: CheckKind::Certificate,
        result,
        claim,
        observed,
    });
    if let (Some(d), Some(c)) = (days, leaf)
        && (0..expiry_warning_days).contains(&d)
    {
        checks.push(Check {
            kind: CheckKind::Certificate,
            result: CheckResult::Warning,
            claim: words!("audit-claim-days-left", days = expiry_warning_days),
            observed: words!("audit-expires-in", days = d, date = c.not_after.as_str()),
        });
    }
}

fn login_check(claim: &Server, auth: &AuthKind, caps: &Capabilities, checks: &mut Vec<Check>) {
    let login = claim.login.unwrap_or(match auth {
        AuthKind::Oauth2Only => ServerLogin::Oauth2,
        _ => ServerLogin::Password,
    });
    let offered = |lang| match mechanisms(caps) {
        Some(m) => msg!(lang, "audit-offered", mechanisms = m),
        None => msg!(lang, "audit-offered-none"),
    };
    let (claim_words, result, observed) = match login {
        ServerLogin::Password => {
            let claim_words = words!("audit-claim-password-login");
            if let Capabilities::Pop3(c) = caps
                && !c.capa_supported
            {
                (claim_words, CheckResult::Warning, words!("audit-no-capa"))
            } else if caps.password_login_offered() {
                (claim_words, CheckResult::Holds, Localized::each(offered))
            } else {
                (
                    claim_words,
                    CheckResult::Drift,
                    Localized::each(|lang| {
                        msg!(lang, "audit-no-password-login", offered = offered(lang))
                    }),
                )
            }
        }
        ServerLogin::Oauth2 => {
            let ok = caps
                .auth_mechanisms()
                .iter()
                .any(|m| m == "XOAUTH2" || m == "OAUTHBEARER");
            (
                words!("audit-claim-oauth2"),
                if ok {
                    CheckResult::Holds
                } else {
                    CheckResult::Drift
                },
                Localized::each(offered),
            )
        }
        ServerLogin::None => (
            words!("audit-claim-no-login"),
            CheckResult::Holds,
            Localized::each(offered),
        ),
    };
    checks.push(Check {
        kind: CheckKind::Login,
        result,
        claim: claim_words,
        observed,
    });
}

fn legacy_check(claim: &Server) -> Check {
    let check_claim = words!("audit-claim-legacy-noted");
    match &claim.note {
        Some(note) => Check {
            kind: CheckKind::Legacy,
            result: CheckResult::Holds,
            claim: check_claim,
            observed: note.clone(),
        },
        None => Check {
            kind: CheckKind::Legacy,
            result: CheckResult::Drift,
            claim: check_claim,
            observed: words!("audit-no-legacy-note"),
        },
    }
}

/// Whether the endpoint the one ranking recommends for a protocol is one the
/// entry lists (a check would otherwise recommend something the entry does
/// not say): `None` when the check recommends nothing (the rows say why).
pub fn recommendation_check(p: &Provider, r: &Recommendation) -> Option<Check> {
    let e = r.endpoint.as_ref()?;
    let listed = p.incoming.iter().chain(&p.outgoing).any(|s| {
        let host = p
            .domains
            .first()
            .map_or_else(|| s.host.clone(), |d| s.host_for(d));
        s.protocol == e.protocol && host == e.host && s.port == e.port && s.security == e.security
    });
    let proto = e.protocol.label();
    let claim = words!("audit-claim-recommended-listed", protocol = proto);
    let e = e.to_string();
    Some(if listed {
        Check {
            kind: CheckKind::Recommendation,
            result: CheckResult::Holds,
            claim,
            observed: words!("audit-recommends", endpoint = e.as_str()),
        }
    } else {
        Check {
            kind: CheckKind::Recommendation,
            result: CheckResult::Warning,
            claim,
            observed: words!("audit-recommends-unlisted", endpoint = e.as_str()),
        }
    })
}

/// An entry's status from its rows: `unreachable` when no row could be
/// probed or no server answered at all; otherwise `drift` when any claim does
/// not hold, `unreachable` when a row got no answer, else `ok`.
pub fn entry_status(servers: &[ServerAudit]) -> (EntryStatus, Option<Localized>) {
    let probed: Vec<&ServerAudit> = servers
        .iter()
        .filter(|s| s.outcome != ServerOutcome::NotChecked)
        .collect();
    let first_answer = |s: &ServerAudit| -> Localized {
        let e = &s.endpoint;
        let what = s
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::Answers)
            .map_or_else(|| same(""), |c| c.observed.clone());
        let at = format!("{} {}:{}", e.protocol.label(), e.host, e.port);
        Localized::each(|lang| {
            msg!(
                lang,
                "audit-at-endpoint",
                endpoint = at.as_str(),
                what = what.get(lang)
            )
        })
    };
    if probed.is_empty() {
        return (
            EntryStatus::Unreachable,
            Some(match servers.first() {
                Some(s) => first_answer(s),
                None => words!("audit-no-server-listed"),
            }),
        );
    }
    if !probed.iter().any(|s| s.reached) {
        let why = first_answer(probed[0]);
        return (
            EntryStatus::Unreachable,
            Some(Localized::each(|lang| {
                msg!(lang, "audit-no-server-answered", why = why.get(lang))
            })),
        );
    }
    if probed.iter().any(|s| s.outcome == ServerOutcome::Drift) {
        return (EntryStatus::Drift, None);
    }
    if let Some(s) = probed
        .iter()
        .find(|s| s.outcome == ServerOutcome::Unreachable)
    {
        return (EntryStatus::Unreachable, Some(first_answer(s)));
    }
    (EntryStatus::Ok, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fake::{FakeOutcome, report};
    use crate::i18n::{Lang, english_left};
    use crate::providers::UsernameForm;

    /// What an audit says about a row is in the language throughout: the
    /// Chinese findings quoted the probe's English ("主机名无法解析：the
    /// host name … does not resolve").
    #[test]
    fn findings_are_worded_in_each_language() {
        let server = Server {
            protocol: Protocol::Imap,
            host: "imap.gone.test".into(),
            port: 993,
            security: Security::Tls,
            username: UsernameForm::Address,
            note: None,
            login: None,
        };
        let endpoint = Endpoint::new(Protocol::Imap, "imap.gone.test", 993, Security::Tls);
        for outcome in [
            FakeOutcome::Dns,
            FakeOutcome::Refused,
            FakeOutcome::Blocked,
            FakeOutcome::Untrusted(crate::probe::tls::TlsErrorKind::SelfSigned),
        ] {
            let r = report(&endpoint, outcome, 40);
            let audit = evaluate(&server, &AuthKind::Password, false, &r, 30);
            assert!(!audit.checks.is_empty());
            for c in &audit.checks {
                for (lang, text) in [
                    (Lang::ZhHans, &c.observed.zh_hans),
                    (Lang::ZhHant, &c.observed.zh_hant),
                    (Lang::ZhHans, &c.claim.zh_hans),
                    (Lang::ZhHant, &c.claim.zh_hant),
                ] {
                    let allowed = [
                        "TLS13_AES_256_GCM_SHA384",
                        "imap.gone.test",
                        "self-signed",
                        "SelfSigned",
                        "SHA-256",
                        "IMAP",
                        "TLS",
                        "CN=",
                        // The resolver's and the TLS library's own words,
                        // shown as technical detail.
                        "no record found",
                        "invalid peer certificate:",
                        // The login methods, as the server names them.
                        "LOGIN AUTH=PLAIN AUTH=LOGIN",
                    ];
                    assert_eq!(
                        english_left(text, &allowed),
                        None,
                        "{outcome:?} {lang:?}: {text}"
                    );
                }
            }
        }
    }
}
