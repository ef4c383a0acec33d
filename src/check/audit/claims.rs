//! One server row of an entry against what the probe saw there: each claim
//! next to the observation, in the three languages (server text quoted as the
//! probe escaped it).

use schemars::JsonSchema;
use serde::Serialize;

use super::EntryStatus;
use crate::check::summary::Recommendation;
use crate::i18n::Lang;
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

fn l(en: String, zh_hans: String, zh_hant: String) -> Localized {
    Localized {
        en,
        zh_hans,
        zh_hant,
    }
}

fn same(text: &str) -> Localized {
    Localized::same(text)
}

/// The audit of a row the plan has no endpoint for: its host depends on the
/// user's domain and the entry lists none, or the entry has nothing to probe.
pub fn not_planned(p: &Provider, s: &Server) -> ServerAudit {
    let observed = if s.host.contains("%EMAILDOMAIN%") && p.domains.is_empty() {
        l(
            format!(
                "not probed: {} depends on the user's domain, and the entry lists none",
                s.host
            ),
            format!("未探测：{} 取决于用户的域名，而该条目未列出域名", s.host),
            format!("未探測：{} 取決於使用者的網域，而該條目未列出網域", s.host),
        )
    } else {
        l(
            "not probed: a check of this entry has nothing to probe".into(),
            "未探测：检查该条目时没有可探测的内容".into(),
            "未探測：檢查該條目時沒有可探測的內容".into(),
        )
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
            observed: l(
                "the probe of this endpoint did not finish".into(),
                "对该端点的探测没有完成".into(),
                "對該端點的探測沒有完成".into(),
            ),
        }],
        endpoint,
        outcome: ServerOutcome::Unreachable,
        reached: false,
        verdict: None,
        certificate_days_left: None,
    }
}

fn answers_claim(protocol: Protocol, port: u16) -> Localized {
    let p = protocol.label();
    l(
        format!("{p} answers on port {port}"),
        format!("{p} 在端口 {port} 上有响应"),
        format!("{p} 在連接埠 {port} 上有回應"),
    )
}

fn security_claim(s: Security) -> Localized {
    match s {
        Security::Tls => l(
            "TLS from the first byte (implicit TLS)".into(),
            "从第一个字节起使用 TLS（隐式 TLS）".into(),
            "從第一個位元組起使用 TLS（隱式 TLS）".into(),
        ),
        Security::Starttls => l(
            "STARTTLS offered and completed".into(),
            "提供并完成 STARTTLS".into(),
            "提供並完成 STARTTLS".into(),
        ),
        Security::Plain => l(
            "plaintext (legacy)".into(),
            "明文（旧方式）".into(),
            "明文（舊方式）".into(),
        ),
    }
}

/// The login methods capabilities offer, for people: `USER SASL(PLAIN LOGIN)`,
/// `LOGIN AUTH=PLAIN`, `AUTH PLAIN LOGIN`, or `none`.
fn mechanisms(caps: &Capabilities) -> String {
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
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(" ")
    }
}

/// What the probe said, in the three languages, for a row that did not get
/// as far as the claim: the English summary is the probe's own (server text
/// escaped); the Chinese ones say the same with that summary quoted.
fn failure(report: &EndpointReport) -> Localized {
    let s = report.summary.as_str();
    l(
        s.to_owned(),
        format!("未能按所述方式连接：{s}"),
        format!("未能按所述方式連線：{s}"),
    )
}

/// `en` as given; in Chinese `prefix：` and the probe's own summary of the
/// report in that language.
fn with_summary(report: &EndpointReport, en: String, hans: &str, hant: &str) -> Localized {
    l(
        en,
        format!("{hans}：{}", summary_in(report, Lang::ZhHans)),
        format!("{hant}：{}", summary_in(report, Lang::ZhHant)),
    )
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
        Verdict::DnsError => {
            let msg = report
                .error
                .as_ref()
                .map_or(report.summary.as_str(), |e| e.message.as_str());
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Drift,
                claim: answers.clone(),
                observed: l(
                    format!("the host name does not resolve: {msg}"),
                    format!("主机名无法解析：{msg}"),
                    format!("主機名稱無法解析：{msg}"),
                ),
            });
            false
        }
        Verdict::Refused => {
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Drift,
                claim: answers.clone(),
                observed: l(
                    "connection refused: the port is closed".into(),
                    "连接被拒绝：端口已关闭".into(),
                    "連線被拒絕：連接埠已關閉".into(),
                ),
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
                observed: l(
                    format!("no answer within {secs} s: filtered on this network, or down"),
                    format!("{secs} 秒内无响应：可能被本地网络过滤，或服务器已关闭"),
                    format!("{secs} 秒內無回應：可能被本地網路過濾，或伺服器已關閉"),
                ),
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
                observed: l(
                    "the server answers".into(),
                    "服务器有响应".into(),
                    "伺服器有回應".into(),
                ),
            });
        } else if claim.security != Security::Tls {
            // Implicit TLS that fails before any greeting is a security finding below.
            let p = claim.protocol.label();
            let s = &report.summary;
            checks.push(Check {
                kind: CheckKind::Answers,
                result: CheckResult::Drift,
                claim: answers,
                observed: l(
                    format!("the connection opened, but no {p} greeting came: {s}"),
                    format!("连接已建立，但没有收到 {p} 问候：{s}"),
                    format!("連線已建立，但沒有收到 {p} 問候：{s}"),
                ),
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
                    claim: l(
                        "IMAP ID (RFC 2971) is required".into(),
                        "需要 IMAP ID（RFC 2971）".into(),
                        "需要 IMAP ID（RFC 2971）".into(),
                    ),
                    observed: if c.id {
                        l(
                            "the server announces ID".into(),
                            "服务器声明支持 ID".into(),
                            "伺服器宣告支援 ID".into(),
                        )
                    } else {
                        l(
                            "the server does not announce ID".into(),
                            "服务器未声明支持 ID".into(),
                            "伺服器未宣告支援 ID".into(),
                        )
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
                // The summary: the catalog's sentence for the kind, then the
                // TLS library's own words.
                let msg = report.summary.as_str();
                // The probe names the cause (no-common-cipher for a server
                // with only RSA or DHE key exchange) in each language.
                let observed = with_summary(
                    report,
                    format!("the TLS handshake failed ({tls_kind}): {msg}"),
                    &format!("TLS 握手失败（{tls_kind}）"),
                    &format!("TLS 交握失敗（{tls_kind}）"),
                );
                (CheckResult::Drift, observed)
            }
            (None, _) => (CheckResult::Drift, failure(report)),
        },
        Security::Starttls => match (&report.session.starttls, tls) {
            (StarttlsOutcome::Upgraded, Some(t)) => (CheckResult::Holds, tls_words(t)),
            (StarttlsOutcome::Upgraded, None) => {
                let observed = with_summary(
                    report,
                    format!(
                        "STARTTLS was accepted, then the TLS handshake failed: {}",
                        report.summary
                    ),
                    "接受了 STARTTLS，但随后 TLS 握手失败",
                    "接受了 STARTTLS，但隨後 TLS 交握失敗",
                );
                (CheckResult::Drift, observed)
            }
            (StarttlsOutcome::NotOffered, _) => (
                CheckResult::Drift,
                l(
                    "STARTTLS is not offered: plaintext only".into(),
                    "服务器不提供 STARTTLS：只能明文连接".into(),
                    "伺服器不提供 STARTTLS：只能明文連線".into(),
                ),
            ),
            (StarttlsOutcome::Refused { reply }, _) => (
                CheckResult::Drift,
                l(
                    format!("STARTTLS was refused: {reply}"),
                    format!("STARTTLS 被拒绝：{reply}"),
                    format!("STARTTLS 被拒絕：{reply}"),
                ),
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
            observed: l(
                "STARTTLS is offered on this port too: the row could say starttls".into(),
                "此端口也提供 STARTTLS：该行可改为 starttls".into(),
                "此連接埠也提供 STARTTLS：該列可改為 starttls".into(),
            ),
        });
    }
    held
}

fn plain_answer() -> Localized {
    l(
        "answers without encryption".into(),
        "不加密即有响应".into(),
        "不加密即有回應".into(),
    )
}

fn certificate_checks(
    host: &str,
    t: &crate::probe::tls::TlsReport,
    expiry_warning_days: i64,
    checks: &mut Vec<Check>,
) {
    let claim = l(
        format!("a valid certificate for {host}"),
        format!("对 {host} 有效的证书"),
        format!("對 {host} 有效的憑證"),
    );
    let leaf = t.certificates.first();
    let days = leaf.map(|c| c.days_left);
    let (result, observed) = match t.chain {
        ChainVerdict::Trusted => {
            let d = days.map_or_else(String::new, |d| d.to_string());
            (
                CheckResult::Holds,
                l(
                    format!("valid for {host}, {d} days left"),
                    format!("对 {host} 有效，还剩 {d} 天"),
                    format!("對 {host} 有效，還剩 {d} 天"),
                ),
            )
        }
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
                l(
                    format!("the certificate does not cover {host}; it names {names}"),
                    format!("证书不包含 {host}；证书上的名称为 {names}"),
                    format!("憑證不包含 {host}；憑證上的名稱為 {names}"),
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
                l(
                    format!("the certificate is not trusted ({kind}): {why}"),
                    format!("证书不可信（{kind}）：{why}"),
                    format!("憑證不可信（{kind}）：{why}"),
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
            claim: l(
                format!("a certificate with more than {expiry_warning_days} days left"),
                format!("证书有效期还剩 {expiry_warning_days} 天以上"),
                format!("憑證有效期還剩 {expiry_warning_days} 天以上"),
            ),
            observed: l(
                format!("expires in {d} days ({})", c.not_after),
                format!("{d} 天后过期（{}）", c.not_after),
                format!("{d} 天後過期（{}）", c.not_after),
            ),
        });
    }
}

fn login_check(claim: &Server, auth: &AuthKind, caps: &Capabilities, checks: &mut Vec<Check>) {
    let login = claim.login.unwrap_or(match auth {
        AuthKind::Oauth2Only => ServerLogin::Oauth2,
        _ => ServerLogin::Password,
    });
    let offered = mechanisms(caps);
    let (claim_words, result, observed) = match login {
        ServerLogin::Password => {
            let claim_words = l(
                "a password login".into(),
                "密码登录".into(),
                "密碼登入".into(),
            );
            if let Capabilities::Pop3(c) = caps
                && !c.capa_supported
            {
                (
                    claim_words,
                    CheckResult::Warning,
                    l(
                        "the server has no CAPA: its login methods cannot be read".into(),
                        "服务器不支持 CAPA：无法读取登录方式".into(),
                        "伺服器不支援 CAPA：無法讀取登入方式".into(),
                    ),
                )
            } else if caps.password_login_offered() {
                (
                    claim_words,
                    CheckResult::Holds,
                    l(
                        format!("offered: {offered}"),
                        format!("已提供：{offered}"),
                        format!("已提供：{offered}"),
                    ),
                )
            } else {
                (
                    claim_words,
                    CheckResult::Drift,
                    l(
                        format!("no password login is offered (offered: {offered})"),
                        format!("不提供密码登录（已提供：{offered}）"),
                        format!("不提供密碼登入（已提供：{offered}）"),
                    ),
                )
            }
        }
        ServerLogin::Oauth2 => {
            let ok = caps
                .auth_mechanisms()
                .iter()
                .any(|m| m == "XOAUTH2" || m == "OAUTHBEARER");
            (
                l(
                    "OAuth2 sign-in (XOAUTH2 or OAUTHBEARER)".into(),
                    "OAuth2 登录（XOAUTH2 或 OAUTHBEARER）".into(),
                    "OAuth2 登入（XOAUTH2 或 OAUTHBEARER）".into(),
                ),
                if ok {
                    CheckResult::Holds
                } else {
                    CheckResult::Drift
                },
                l(
                    format!("offered: {offered}"),
                    format!("已提供：{offered}"),
                    format!("已提供：{offered}"),
                ),
            )
        }
        ServerLogin::None => (
            l(
                "no login needed".into(),
                "无需登录".into(),
                "無需登入".into(),
            ),
            CheckResult::Holds,
            l(
                format!("offered: {offered}"),
                format!("已提供：{offered}"),
                format!("已提供：{offered}"),
            ),
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
    let check_claim = l(
        "the plaintext row is marked legacy".into(),
        "明文行已标注为旧方式".into(),
        "明文列已標註為舊方式".into(),
    );
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
            observed: l(
                "the row has no note saying it is legacy and insecure".into(),
                "该行没有说明它是不安全的旧方式".into(),
                "該列沒有說明它是不安全的舊方式".into(),
            ),
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
    let claim = l(
        format!("the {proto} endpoint a check recommends is listed"),
        format!("检查推荐的 {proto} 端点已列出"),
        format!("檢查推薦的 {proto} 端點已列出"),
    );
    Some(if listed {
        Check {
            kind: CheckKind::Recommendation,
            result: CheckResult::Holds,
            claim,
            observed: l(
                format!("a check recommends {e}"),
                format!("检查推荐 {e}"),
                format!("檢查推薦 {e}"),
            ),
        }
    } else {
        Check {
            kind: CheckKind::Recommendation,
            result: CheckResult::Warning,
            claim,
            observed: l(
                format!("a check recommends {e}, which the entry does not list"),
                format!("检查推荐 {e}，但该条目未列出它"),
                format!("檢查推薦 {e}，但該條目未列出它"),
            ),
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
        l(
            format!("{at}: {}", what.en),
            format!("{at}：{}", what.zh_hans),
            format!("{at}：{}", what.zh_hant),
        )
    };
    if probed.is_empty() {
        return (
            EntryStatus::Unreachable,
            Some(match servers.first() {
                Some(s) => first_answer(s),
                None => l(
                    "the entry lists no server".into(),
                    "该条目没有列出服务器".into(),
                    "該條目沒有列出伺服器".into(),
                ),
            }),
        );
    }
    if !probed.iter().any(|s| s.reached) {
        let why = first_answer(probed[0]);
        return (
            EntryStatus::Unreachable,
            Some(l(
                format!("no server answered; {}", why.en),
                format!("没有服务器响应；{}", why.zh_hans),
                format!("沒有伺服器回應；{}", why.zh_hant),
            )),
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
