//! Plain-language advice: what the probe and login results mean for the user
//! and what to do next, in English, Simplified and Traditional Chinese.
//!
//! Everything here matches typed values — [`Verdict`], [`TlsErrorKind`],
//! [`TimeoutPhase`], [`LoginOutcome`], the provider's [`AuthKind`] and the
//! [`ReplyMeaning`] of its `known_replies` — never formatted messages or reply
//! texts. The provider supplies names and links; the CLI prints [`Advice`] and
//! the GUI can show the same values.

use schemars::JsonSchema;
use serde::Serialize;

use crate::i18n::{Lang, msg};
use crate::probe::login::{LoginOutcome, LoginReport, NotTriedReason};
use crate::probe::report::{EndpointReport, PlaintextReason, Verdict};
use crate::probe::{Endpoint, TimeoutPhase, TlsErrorKind};
use crate::providers::{AuthKind, Localized, Protocol, Provider, Quirk, ReplyMeaning, Security};

mod oauth2;

/// What a piece of advice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AdviceKind {
    /// The provider wants an authorization code (授权码), not the web password.
    AuthorizationCodeRequired,
    /// The provider wants an app password.
    AppPasswordRequired,
    /// Only OAuth2 sign-in works.
    Oauth2Only,
    /// POP3/IMAP/SMTP must be switched on in the web settings.
    ServiceNotEnabled,
    /// Username or password wrong.
    CredentialsRejected,
    /// The IMAP client must send the ID command (NetEase "Unsafe Login").
    ImapIdRequired,
    /// Login not tried elsewhere, to avoid a lockout.
    LoginStoppedAfterRejection,
    /// The server is busy or locked; try later.
    TemporarilyUnavailable,
    /// The password was not sent over an insecure connection.
    InsecureLoginNotTried,
    /// The server refuses logins without encryption (good).
    EncryptionRequired,
    /// The login worked.
    LoginWorks,
    /// Port 25 is blocked while 465/587 work.
    Port25Blocked,
    /// STARTTLS missing or refused: plaintext only.
    StarttlsMissing,
    /// The certificate has expired (or is not valid yet).
    CertificateExpired,
    /// The certificate is for another name.
    CertificateWrongName,
    /// The certificate is not from a trusted authority.
    CertificateUntrusted,
    /// The DNS says the names do not exist.
    DnsFailure,
    /// The name lookups got no answer (no network, the DNS server down):
    /// nothing is known of the servers.
    DnsLookupFailed,
    /// Nothing answered: a proxy or firewall is likely.
    EverythingBlocked,
    /// The provider closed its mail service: there is nothing to test.
    Discontinued,
    /// Discovery found no settings for the domain: there is nothing to test.
    NothingFound,
    /// OAuth2: the server accepted the access token.
    Oauth2TokenAccepted,
    /// OAuth2: the server refused the access token (expired, revoked, another account).
    Oauth2TokenRejected,
    /// OAuth2: the token lacks the scope for the protocol (the SASL error JSON says so).
    Oauth2ScopeMissing,
    /// OAuth2: the token is good but POP/IMAP is off for the mailbox or tenant.
    Oauth2ProtocolDisabled,
    /// SMTP AUTH is off for the mailbox or tenant (Microsoft 365).
    SmtpAuthDisabled,
}

/// How much it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Good news or background.
    Info,
    /// Works, but something is wrong or risky.
    Warning,
    /// Something the user must fix.
    Error,
}

/// One piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Advice {
    /// What it is about.
    pub kind: AdviceKind,
    /// How much it matters.
    pub severity: Severity,
    /// The advice in the three languages.
    pub text: Localized,
    /// Where to act (the provider's page for codes/app passwords, or its help page).
    pub link: Option<String>,
    /// The endpoints it concerns (empty: the account as a whole).
    pub endpoints: Vec<Endpoint>,
}

impl Advice {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

/// One message of the catalog in the three languages (advice is part of the
/// JSON with all three).
fn words(f: impl Fn(Lang) -> String) -> Localized {
    Localized {
        en: f(Lang::En),
        zh_hans: f(Lang::ZhHans),
        zh_hant: f(Lang::ZhHant),
    }
}

/// The provider's name, or a neutral word.
fn name(p: Option<&Provider>) -> Localized {
    p.map(|p| p.name.clone())
        .unwrap_or_else(|| words(|l| msg!(l, "advice-the-server")))
}

/// Advice when the provider has closed its mail service (nothing to test).
pub fn advise_discontinued(p: &Provider) -> Advice {
    let (year, replaced) = match &p.status {
        crate::providers::Status::Discontinued { year, replaced_by } => {
            (*year, replaced_by.clone())
        }
        _ => (0, None),
    };
    let n = &p.name;
    let year = year.to_string();
    let text = match replaced {
        Some(r) => words(|l| {
            msg!(
                l,
                "advice-discontinued-replaced",
                provider = n.get(l),
                year = year.as_str(),
                replacement = r.get(l)
            )
        }),
        None => words(|l| {
            msg!(
                l,
                "advice-discontinued",
                provider = n.get(l),
                year = year.as_str()
            )
        }),
    };
    Advice {
        kind: AdviceKind::Discontinued,
        severity: Severity::Error,
        text,
        link: help_link(Some(p)),
        endpoints: Vec::new(),
    }
}

/// Advice when discovery found no settings for `domain` (Unicode form).
pub fn advise_nothing_found(domain: &str) -> Advice {
    Advice {
        kind: AdviceKind::NothingFound,
        severity: Severity::Error,
        text: words(|l| {
            msg!(
                l,
                "advice-nothing-found-for",
                domain = domain,
                command = format!("mailconf probe mail.{domain}")
            )
        }),
        link: None,
        endpoints: Vec::new(),
    }
}

/// Advice when discovery could not reach the DNS server `server`: the
/// network is the problem, not the address (the same kind as a server name
/// whose lookup failed, worded with the server that did not answer).
pub fn advise_dns_unreachable(server: &str) -> Advice {
    Advice {
        kind: AdviceKind::DnsLookupFailed,
        severity: Severity::Error,
        text: words(|l| msg!(l, "advice-dns-unreachable-at", server = server)),
        link: None,
        endpoints: Vec::new(),
    }
}

fn create_link(p: Option<&Provider>) -> Option<String> {
    p.and_then(|p| {
        p.auth
            .create_url
            .clone()
            .or_else(|| p.help_urls.first().map(|h| h.url.clone()))
    })
}

fn help_link(p: Option<&Provider>) -> Option<String> {
    p.and_then(|p| {
        p.help_urls
            .first()
            .map(|h| h.url.clone())
            .or_else(|| p.auth.create_url.clone())
    })
}

/// The advice for one kind (texts only; which kinds apply is decided in [`advise`]).
pub fn advice_for(
    kind: AdviceKind,
    provider: Option<&Provider>,
    endpoints: Vec<Endpoint>,
) -> Advice {
    let n = name(provider);
    let spaces = if provider.is_some_and(|p| p.quirks.contains(&Quirk::CodeWithoutSpaces)) {
        "yes"
    } else {
        "no"
    };
    // A message about the provider (its name in each language).
    let about = |f: fn(Lang, &str, &str) -> String| words(|l| f(l, n.get(l), spaces));
    let plain = |f: fn(Lang) -> String| words(f);
    let (severity, text, link) = match kind {
        AdviceKind::AuthorizationCodeRequired => (
            Severity::Error,
            about(|l, provider, spaces| {
                msg!(
                    l,
                    "advice-authorization-code",
                    provider = provider,
                    spaces = spaces
                )
            }),
            create_link(provider),
        ),
        AdviceKind::AppPasswordRequired => (
            Severity::Error,
            about(|l, provider, spaces| {
                msg!(
                    l,
                    "advice-app-password",
                    provider = provider,
                    spaces = spaces
                )
            }),
            create_link(provider),
        ),
        AdviceKind::Oauth2Only => (
            Severity::Error,
            about(|l, provider, _| msg!(l, "advice-oauth2-only", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::ServiceNotEnabled => (
            Severity::Error,
            about(|l, provider, _| msg!(l, "advice-service-not-enabled", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::CredentialsRejected => (
            Severity::Error,
            about(|l, provider, _| msg!(l, "advice-credentials-rejected", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::ImapIdRequired => (
            Severity::Warning,
            about(|l, provider, _| msg!(l, "advice-imap-id-required", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::LoginStoppedAfterRejection => (
            Severity::Info,
            plain(|l| msg!(l, "advice-login-stopped")),
            None,
        ),
        AdviceKind::TemporarilyUnavailable => (
            Severity::Warning,
            about(|l, provider, _| msg!(l, "advice-temporarily-unavailable", provider = provider)),
            None,
        ),
        AdviceKind::InsecureLoginNotTried => (
            Severity::Info,
            plain(|l| msg!(l, "advice-insecure-login-not-tried")),
            None,
        ),
        AdviceKind::EncryptionRequired => (
            Severity::Info,
            plain(|l| msg!(l, "advice-encryption-required")),
            None,
        ),
        AdviceKind::LoginWorks => (
            Severity::Info,
            plain(|l| msg!(l, "advice-login-works")),
            None,
        ),
        AdviceKind::Port25Blocked => (
            Severity::Warning,
            plain(|l| msg!(l, "advice-port25-blocked")),
            None,
        ),
        AdviceKind::StarttlsMissing => (
            Severity::Warning,
            plain(|l| msg!(l, "advice-starttls-missing")),
            None,
        ),
        AdviceKind::CertificateExpired => (
            Severity::Error,
            plain(|l| msg!(l, "advice-certificate-expired")),
            None,
        ),
        AdviceKind::CertificateWrongName => (
            Severity::Error,
            plain(|l| msg!(l, "advice-certificate-wrong-name")),
            None,
        ),
        AdviceKind::CertificateUntrusted => (
            Severity::Error,
            plain(|l| msg!(l, "advice-certificate-untrusted")),
            None,
        ),
        AdviceKind::DnsFailure => (
            Severity::Error,
            plain(|l| msg!(l, "advice-dns-failure")),
            None,
        ),
        AdviceKind::DnsLookupFailed => (
            Severity::Error,
            plain(|l| msg!(l, "advice-dns-lookup-failed")),
            None,
        ),
        AdviceKind::EverythingBlocked => (
            Severity::Error,
            plain(|l| msg!(l, "advice-everything-blocked")),
            None,
        ),
        AdviceKind::Discontinued => match provider {
            Some(p) => {
                let a = advise_discontinued(p);
                (a.severity, a.text, a.link)
            }
            None => (
                Severity::Error,
                plain(|l| msg!(l, "advice-service-closed")),
                None,
            ),
        },
        AdviceKind::Oauth2TokenAccepted => (
            Severity::Info,
            plain(|l| msg!(l, "advice-oauth2-token-accepted")),
            None,
        ),
        AdviceKind::Oauth2TokenRejected => (
            Severity::Error,
            about(|l, provider, _| {
                msg!(
                    l,
                    "advice-oauth2-token-rejected",
                    provider = provider,
                    command = "mailconf oauth2 login ADDRESS"
                )
            }),
            help_link(provider),
        ),
        AdviceKind::Oauth2ScopeMissing => (
            Severity::Error,
            about(|l, provider, _| msg!(l, "advice-oauth2-scope-missing", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::Oauth2ProtocolDisabled => (
            Severity::Error,
            about(|l, provider, _| msg!(l, "advice-oauth2-protocol-disabled", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::SmtpAuthDisabled => (
            Severity::Error,
            about(|l, provider, _| msg!(l, "advice-smtp-auth-disabled", provider = provider)),
            help_link(provider),
        ),
        AdviceKind::NothingFound => (
            Severity::Error,
            plain(|l| msg!(l, "advice-nothing-found")),
            None,
        ),
    };
    Advice {
        kind,
        severity,
        text,
        link,
        endpoints,
    }
}

/// What a rejected login means for this provider: the provider's auth kind
/// turns a plain "rejected" into "authorization code / app password needed".
/// A login with an OAuth2 token has its own kinds ([`oauth2::kind`]).
fn login_kind(
    login: &LoginReport,
    protocol: Option<Protocol>,
    provider: Option<&Provider>,
) -> Option<AdviceKind> {
    if let Some(kind) = oauth2::kind(login, protocol) {
        return kind;
    }
    let outcome = &login.result;
    let auth = provider.map(|p| p.auth.kind);
    Some(match outcome {
        LoginOutcome::Success => AdviceKind::LoginWorks,
        LoginOutcome::AuthorizationCodeRequired => AdviceKind::AuthorizationCodeRequired,
        LoginOutcome::AppPasswordRequired => match auth {
            Some(AuthKind::AuthorizationCode) => AdviceKind::AuthorizationCodeRequired,
            _ => AdviceKind::AppPasswordRequired,
        },
        LoginOutcome::Oauth2Required => AdviceKind::Oauth2Only,
        LoginOutcome::ServiceDisabled => AdviceKind::ServiceNotEnabled,
        LoginOutcome::CredentialsRejected => match auth {
            Some(AuthKind::AuthorizationCode) => AdviceKind::AuthorizationCodeRequired,
            Some(AuthKind::AppPassword) => AdviceKind::AppPasswordRequired,
            Some(AuthKind::Oauth2Only) => AdviceKind::Oauth2Only,
            _ => AdviceKind::CredentialsRejected,
        },
        LoginOutcome::TemporarilyUnavailable => AdviceKind::TemporarilyUnavailable,
        LoginOutcome::EncryptionRequired => AdviceKind::EncryptionRequired,
        LoginOutcome::NotTried {
            reason: NotTriedReason::CredentialsRejectedElsewhere { .. },
        } => AdviceKind::LoginStoppedAfterRejection,
        LoginOutcome::NotTried {
            reason: NotTriedReason::Plaintext | NotTriedReason::UntrustedCertificate { .. },
        } => AdviceKind::InsecureLoginNotTried,
        LoginOutcome::NotTried { .. }
        | LoginOutcome::MechanismNotOffered { .. }
        | LoginOutcome::ConnectionProblem { .. }
        | LoginOutcome::UnexpectedReply => return None,
    })
}

/// The advice kinds one login report calls for.
fn login_kinds(login: &LoginReport, provider: Option<&Provider>) -> Vec<AdviceKind> {
    let mut v: Vec<AdviceKind> = login_kind(login, None, provider).into_iter().collect();
    let id_needed = login
        .mailbox_checks
        .iter()
        .any(|c| !c.after_id && !c.ok && c.meaning == Some(ReplyMeaning::ImapIdRequired));
    if id_needed {
        v.push(AdviceKind::ImapIdRequired);
    }
    v
}

/// The advice for one endpoint's login report alone, most severe first.
pub fn advise_login(login: &LoginReport, provider: Option<&Provider>) -> Vec<Advice> {
    let mut out: Vec<Advice> = login_kinds(login, provider)
        .into_iter()
        .map(|k| advice_for(k, provider, Vec::new()))
        .collect();
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.kind.cmp(&b.kind)));
    out
}

fn is_connect_failure(v: &Verdict) -> bool {
    matches!(
        v,
        Verdict::Refused
            | Verdict::TimedOut {
                phase: TimeoutPhase::Connect,
                ..
            }
    )
}

/// All advice for a probe (with or without a login test), most severe first.
pub fn advise(reports: &[EndpointReport], provider: Option<&Provider>) -> Vec<Advice> {
    let mut found: Vec<(AdviceKind, Vec<Endpoint>)> = Vec::new();
    let mut add = |kind: AdviceKind, e: Option<&Endpoint>| {
        let slot = match found.iter_mut().find(|(k, _)| *k == kind) {
            Some(s) => s,
            None => {
                found.push((kind, Vec::new()));
                let last = found.len() - 1;
                &mut found[last]
            }
        };
        if let Some(e) = e
            && !slot.1.contains(e)
        {
            slot.1.push(e.clone());
        }
    };

    let all_dns = !reports.is_empty()
        && reports
            .iter()
            .all(|r| matches!(r.verdict, Verdict::DnsError { .. }));
    let all_blocked = !reports.is_empty() && reports.iter().all(|r| is_connect_failure(&r.verdict));
    let any_unanswered = reports.iter().any(|r| {
        r.verdict
            == Verdict::DnsError {
                failure: crate::probe::DnsFailure::LookupFailed,
            }
    });
    if all_dns && any_unanswered {
        add(AdviceKind::DnsLookupFailed, None);
    } else if all_dns {
        add(AdviceKind::DnsFailure, None);
    } else if all_blocked {
        add(AdviceKind::EverythingBlocked, None);
    }

    for r in reports {
        let e = Some(&r.endpoint);
        match r.verdict {
            Verdict::InsecurePlaintextOnly {
                reason: PlaintextReason::StarttlsNotOffered | PlaintextReason::StarttlsRefused,
            } => add(AdviceKind::StarttlsMissing, e),
            Verdict::TlsError { tls_kind } => match tls_kind {
                TlsErrorKind::Expired | TlsErrorKind::NotYetValid => {
                    add(AdviceKind::CertificateExpired, e)
                }
                TlsErrorKind::WrongName => add(AdviceKind::CertificateWrongName, e),
                TlsErrorKind::SelfSigned
                | TlsErrorKind::UnknownIssuer
                | TlsErrorKind::InvalidCertificate => add(AdviceKind::CertificateUntrusted, e),
                TlsErrorKind::ProtocolVersion
                | TlsErrorKind::NoCommonCipher
                | TlsErrorKind::HandshakeFailed
                | TlsErrorKind::NotTls => {}
            },
            _ => {}
        }
        if let Some(login) = &r.login {
            if let Some(kind) = login_kind(login, Some(r.endpoint.protocol), provider) {
                add(kind, e);
            }
            let id_needed = login
                .mailbox_checks
                .iter()
                .any(|c| !c.after_id && !c.ok && c.meaning == Some(ReplyMeaning::ImapIdRequired));
            if id_needed {
                add(AdviceKind::ImapIdRequired, e);
            }
        }
    }

    // Port 25 blocked while submission works.
    let smtp25_blocked = reports.iter().any(|r| {
        r.endpoint.protocol == Protocol::Smtp
            && r.endpoint.port == 25
            && is_connect_failure(&r.verdict)
    });
    // The secure ways to send that answered (465, 587, and a provider's own
    // such as 163's 994), named in the advice as they are.
    let mut submission: Vec<(u16, Security)> = reports
        .iter()
        .filter(|r| {
            r.endpoint.protocol == Protocol::Smtp && r.endpoint.port != 25 && r.verdict.is_secure()
        })
        .map(|r| (r.endpoint.port, r.endpoint.security))
        .collect();
    submission.sort_unstable_by_key(|(port, _)| *port);
    submission.dedup();
    if smtp25_blocked && !submission.is_empty() {
        let e: Vec<&Endpoint> = reports
            .iter()
            .filter(|r| r.endpoint.protocol == Protocol::Smtp && r.endpoint.port == 25)
            .map(|r| &r.endpoint)
            .collect();
        for ep in e {
            add(AdviceKind::Port25Blocked, Some(ep));
        }
    }

    // A success somewhere makes "login works" the message; a credential
    // rejection makes it pointless to say the password works elsewhere.
    let rejected = found.iter().any(|(k, _)| {
        matches!(
            k,
            AdviceKind::AuthorizationCodeRequired
                | AdviceKind::AppPasswordRequired
                | AdviceKind::Oauth2Only
                | AdviceKind::CredentialsRejected
                | AdviceKind::Oauth2TokenRejected
        )
    });
    if rejected {
        found.retain(|(k, _)| {
            !matches!(k, AdviceKind::LoginWorks | AdviceKind::Oauth2TokenAccepted)
        });
    }
    // "Not sent over an insecure connection" matters when nothing else was
    // learnt about the password; next to a real answer it is noise.
    let answered = reports.iter().any(|r| {
        r.login
            .as_ref()
            .is_some_and(|l| !matches!(l.result, LoginOutcome::NotTried { .. }))
    });
    if answered {
        found.retain(|(k, _)| *k != AdviceKind::InsecureLoginNotTried);
    }

    let mut out: Vec<Advice> = found
        .into_iter()
        .map(|(k, eps)| advice_for(k, provider, eps))
        .collect();
    for a in &mut out {
        if a.kind == AdviceKind::Port25Blocked {
            a.text = port25_text(&submission);
        }
    }
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.kind.cmp(&b.kind)));
    out
}

/// "Port 25 is blocked", naming the ports that did work: "465 (SSL/TLS) or
/// 994 (SSL/TLS)".
fn port25_text(working: &[(u16, Security)]) -> Localized {
    words(|l| {
        let ports: Vec<String> = working
            .iter()
            .map(|(port, security)| {
                let label = match security {
                    Security::Tls => "SSL/TLS",
                    Security::Starttls => "STARTTLS",
                    Security::Plain => "plain",
                };
                msg!(
                    l,
                    "advice-port-with-security",
                    port = port.to_string(),
                    security = label
                )
            })
            .collect();
        msg!(
            l,
            "advice-port25-blocked-use",
            ports = ports.join(&msg!(l, "advice-or")),
            count = working.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::ProbeError;
    use crate::probe::login::LoginReport;
    use crate::probe::report::{Timings, verdict_for};
    use crate::probe::session::{MachineConfig, machine_for};
    use crate::probe::transcript::Transcript;
    use crate::providers::Database;

    fn report(p: Protocol, port: u16, sec: Security, verdict: Verdict) -> EndpointReport {
        EndpointReport {
            endpoint: Endpoint::new(p, "mail.example.com", port, sec),
            connect_port: port,
            verdict,
            summary: Default::default(),
            error: None,
            addresses: Vec::new(),
            connected_to: None,
            tls: None,
            session: machine_for(p, sec, MachineConfig::default()).report(),
            timings: Timings::default(),
            transcript: Transcript::default(),
            login: None,
        }
    }

    fn kinds(a: &[Advice]) -> Vec<AdviceKind> {
        a.iter().map(|a| a.kind).collect()
    }

    fn blocked() -> Verdict {
        Verdict::TimedOut {
            phase: TimeoutPhase::Connect,
            after_ms: 5000,
        }
    }

    #[test]
    fn port_25_blocked_while_submission_works() {
        let r = [
            report(Protocol::Smtp, 25, Security::Starttls, blocked()),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::Secure),
            report(Protocol::Smtp, 587, Security::Starttls, Verdict::Refused),
        ];
        let a = advise(&r, None);
        assert_eq!(kinds(&a), [AdviceKind::Port25Blocked]);
        assert_eq!(a[0].endpoints.len(), 1);
        // Only the ports that worked are named: 587 was refused.
        assert_eq!(
            a[0].text(Lang::En),
            "Port 25 does not answer from here (internet providers often block it). \
             Send mail through 465 (SSL/TLS), which works."
        );
        assert!(
            a[0].text(Lang::ZhHans)
                .contains("可用的 465（SSL/TLS）发信")
        );
        assert!(!a[0].text(Lang::ZhHant).contains("587"));
        // Without a working submission port it is not "port 25 blocked".
        let a = advise(&r[..1], None);
        assert_eq!(kinds(&a), [AdviceKind::EverythingBlocked]);
    }

    #[test]
    fn dns_and_everything_blocked() {
        let gone = Verdict::DnsError {
            failure: crate::probe::DnsFailure::NoSuchHost,
        };
        let dns = [
            report(Protocol::Imap, 993, Security::Tls, gone),
            report(Protocol::Smtp, 465, Security::Tls, gone),
        ];
        assert_eq!(kinds(&advise(&dns, None)), [AdviceKind::DnsFailure]);
        // A lookup without an answer is not "the name was not found".
        let unanswered = Verdict::DnsError {
            failure: crate::probe::DnsFailure::LookupFailed,
        };
        let dns = [
            report(Protocol::Imap, 993, Security::Tls, gone),
            report(Protocol::Smtp, 465, Security::Tls, unanswered),
        ];
        assert_eq!(kinds(&advise(&dns, None)), [AdviceKind::DnsLookupFailed]);
        let all = [
            report(Protocol::Imap, 993, Security::Tls, blocked()),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::Refused),
        ];
        let a = advise(&all, None);
        assert_eq!(kinds(&a), [AdviceKind::EverythingBlocked]);
        for lang in Lang::ALL {
            assert!(!a[0].text(lang).is_empty());
        }
        // One DNS error among working endpoints: no sweeping advice.
        let mixed = [
            dns[0].clone(),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::Secure),
        ];
        assert!(advise(&mixed, None).is_empty());
    }

    #[test]
    fn starttls_missing_and_certificates() {
        let r = [
            report(
                Protocol::Pop3,
                110,
                Security::Starttls,
                Verdict::InsecurePlaintextOnly {
                    reason: PlaintextReason::StarttlsNotOffered,
                },
            ),
            report(
                Protocol::Pop3,
                110,
                Security::Plain,
                Verdict::InsecurePlaintextOnly {
                    reason: PlaintextReason::PlainEndpoint,
                },
            ),
            report(
                Protocol::Imap,
                993,
                Security::Tls,
                Verdict::TlsError {
                    tls_kind: TlsErrorKind::Expired,
                },
            ),
            report(
                Protocol::Smtp,
                465,
                Security::Tls,
                Verdict::TlsError {
                    tls_kind: TlsErrorKind::WrongName,
                },
            ),
            report(
                Protocol::Smtp,
                587,
                Security::Starttls,
                Verdict::TlsError {
                    tls_kind: TlsErrorKind::SelfSigned,
                },
            ),
        ];
        let a = advise(&r, None);
        assert_eq!(
            kinds(&a),
            [
                AdviceKind::CertificateExpired,
                AdviceKind::CertificateWrongName,
                AdviceKind::CertificateUntrusted,
                AdviceKind::StarttlsMissing,
            ]
        );
        // The plain endpoint asked for no TLS: not "STARTTLS missing".
        let s = a
            .iter()
            .find(|a| a.kind == AdviceKind::StarttlsMissing)
            .unwrap();
        assert_eq!(s.endpoints.len(), 1);
    }

    #[test]
    fn verdicts_from_errors_match_kinds() {
        // The same typed path the driver takes: a DNS error gives DNS advice.
        let e = ProbeError::Dns {
            host: "x".into(),
            failure: crate::probe::DnsFailure::NoSuchHost,
            message: "nope".into(),
        };
        let v = verdict_for(Security::Tls, &Err(e), None);
        let r = [report(Protocol::Imap, 993, Security::Tls, v)];
        assert_eq!(kinds(&advise(&r, None)), [AdviceKind::DnsFailure]);
    }

    #[test]
    fn login_outcomes_use_the_provider_auth_kind() {
        let db = Database::bundled();
        let p = |id: &str| &db.by_id(id).unwrap().provider;
        let rejected = LoginReport::bare(LoginOutcome::CredentialsRejected);
        let k = |id: Option<&str>| kinds(&advise_login(&rejected, id.map(p)));
        assert_eq!(k(Some("qq")), [AdviceKind::AuthorizationCodeRequired]);
        assert_eq!(k(Some("126")), [AdviceKind::AuthorizationCodeRequired]);
        assert_eq!(k(Some("gmail")), [AdviceKind::AppPasswordRequired]);
        assert_eq!(k(Some("icloud")), [AdviceKind::AppPasswordRequired]);
        assert_eq!(k(Some("outlook")), [AdviceKind::Oauth2Only]);
        assert_eq!(k(None), [AdviceKind::CredentialsRejected]);
        let icloud = advise_login(&rejected, Some(p("icloud")));
        assert_eq!(
            icloud[0].link.as_deref(),
            Some("https://account.apple.com/")
        );
        let disabled = advise_login(
            &LoginReport::bare(LoginOutcome::ServiceDisabled),
            Some(p("gmail")),
        );
        assert_eq!(kinds(&disabled), [AdviceKind::ServiceNotEnabled]);
        for lang in Lang::ALL {
            assert!(disabled[0].text(lang).contains(p("gmail").name.get(lang)));
        }
        let temp = advise_login(
            &LoginReport::bare(LoginOutcome::TemporarilyUnavailable),
            None,
        );
        assert_eq!(kinds(&temp), [AdviceKind::TemporarilyUnavailable]);
        // A rejection silences "login works" from another endpoint.
        let mut a = report(Protocol::Imap, 993, Security::Tls, Verdict::Secure);
        a.login = Some(LoginReport::bare(LoginOutcome::Success));
        let mut b = report(Protocol::Smtp, 465, Security::Tls, Verdict::Secure);
        b.login = Some(rejected.clone());
        assert_eq!(
            kinds(&advise(&[a, b], None)),
            [AdviceKind::CredentialsRejected]
        );
    }

    /// The ports that work, joined as Chinese is written: no space next to
    /// the full-width parenthesis ("465（SSL/TLS） 或 994" had one).
    #[test]
    fn port25_advice_joins_ports_in_each_languages_punctuation() {
        let text = port25_text(&[(465, Security::Tls), (994, Security::Tls)]);
        assert!(
            text.en.contains("465 (SSL/TLS) or 994 (SSL/TLS)"),
            "{}",
            text.en
        );
        assert!(
            text.zh_hans.contains("465（SSL/TLS）或 994（SSL/TLS）"),
            "{}",
            text.zh_hans
        );
        assert!(
            text.zh_hant.contains("465（SSL/TLS）或 994（SSL/TLS）"),
            "{}",
            text.zh_hant
        );
    }
}
