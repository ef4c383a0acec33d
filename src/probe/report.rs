//! What a probe reports about each endpoint: verdicts, timings, TLS, session,
//! transcript and login.
//!
//! These types are the stable shape of each endpoint in `mailconf probe --json`
//! (documented in `docs/probe-json.md`; the JSON Schema is generated from the
//! whole document, [`crate::check::summary::ProbeSummary`]).

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use schemars::JsonSchema;
use serde::Serialize;

use super::error::{ProbeError, ProtocolError, TimeoutPhase};
use super::login::LoginReport;
use super::session::{SessionReport, StarttlsOutcome};
use super::tls::{CertMode, ChainVerdict, TlsErrorKind, TlsReport};
use super::transcript::Transcript;
use crate::providers::{Protocol, Security};
use crate::server_text::ServerText;

/// One way in: protocol, host, port and security mode.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Endpoint {
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// Host name or IP address as given.
    pub host: String,
    /// The standard (logical) port; `--port-map` may connect elsewhere.
    pub port: u16,
    /// tls, starttls or plain.
    pub security: Security,
}

impl Endpoint {
    /// A new endpoint.
    pub fn new(protocol: Protocol, host: &str, port: u16, security: Security) -> Endpoint {
        Endpoint {
            protocol,
            host: host.to_owned(),
            port,
            security,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(
            f,
            "{} {host}:{} {}",
            self.protocol.label(),
            self.port,
            self.security.as_str()
        )
    }
}

/// Why an endpoint that worked is still not secure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlaintextReason {
    /// The endpoint was probed in plain mode (no TLS asked for).
    PlainEndpoint,
    /// The server did not offer STLS/STARTTLS.
    StarttlsNotOffered,
    /// The server refused STLS/STARTTLS.
    StarttlsRefused,
}

/// The verdict on one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Verdict {
    /// TLS (implicit or STARTTLS) with a trusted certificate; capabilities read over TLS.
    Secure,
    /// The server answers, but only without encryption.
    InsecurePlaintextOnly {
        /// Why.
        reason: PlaintextReason,
    },
    /// TLS failed or the certificate is not trustworthy.
    TlsError {
        /// What kind of TLS problem.
        tls_kind: TlsErrorKind,
    },
    /// The connection was refused (or the network is unreachable).
    Refused,
    /// A deadline ran out. In the connect phase: probably filtered.
    TimedOut {
        /// Which deadline.
        phase: TimeoutPhase,
        /// Its length in milliseconds.
        after_ms: u64,
    },
    /// The server broke the protocol (garbage, caps exceeded, response injection…).
    ProtocolError,
    /// The host name did not resolve.
    DnsError,
}

impl Verdict {
    /// Stable kebab-case name: `secure`, `insecure-plaintext-only`, `tls-error`,
    /// `refused`, `timed-out`, `protocol-error`, `dns-error`.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Secure => "secure",
            Verdict::InsecurePlaintextOnly { .. } => "insecure-plaintext-only",
            Verdict::TlsError { .. } => "tls-error",
            Verdict::Refused => "refused",
            Verdict::TimedOut { .. } => "timed-out",
            Verdict::ProtocolError => "protocol-error",
            Verdict::DnsError => "dns-error",
        }
    }

    /// Only [`Verdict::Secure`] endpoints may ever carry credentials.
    pub fn is_secure(&self) -> bool {
        matches!(self, Verdict::Secure)
    }
}

/// Durations of each step, in milliseconds (absent when the step did not happen).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Timings {
    /// Name resolution.
    pub dns_ms: Option<u64>,
    /// TCP connect (all Happy Eyeballs attempts).
    pub connect_ms: Option<u64>,
    /// From connected (or TLS up, for implicit TLS) to the complete greeting.
    pub greeting_ms: Option<u64>,
    /// TLS handshake.
    pub tls_ms: Option<u64>,
    /// The whole endpoint probe.
    pub total_ms: u64,
}

/// An error, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErrorInfo {
    /// `dns`, `refused`, `unreachable`, `timeout`, `tls`, `protocol`, `io`, `cancelled`.
    pub kind: String,
    /// For protocol errors: the precise kind (`line-too-long`, `response-injection`…).
    pub protocol_kind: Option<String>,
    /// Human-readable message (English; escaped).
    pub message: ServerText,
}

/// Everything learnt about one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EndpointReport {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The port actually connected to (differs from `endpoint.port` with `--port-map`).
    pub connect_port: u16,
    /// The verdict.
    pub verdict: Verdict,
    /// One-line human explanation of the verdict (English; escaped).
    pub summary: ServerText,
    /// The error that ended the probe, if any.
    pub error: Option<ErrorInfo>,
    /// Every address the name resolved to.
    pub addresses: Vec<IpAddr>,
    /// The address that answered.
    pub connected_to: Option<SocketAddr>,
    /// TLS facts, when TLS was established.
    pub tls: Option<TlsReport>,
    /// Greeting, capabilities, STARTTLS outcome.
    pub session: SessionReport,
    /// Durations.
    pub timings: Timings,
    /// The redacted transcript.
    pub transcript: Transcript,
    /// The login test; `None` when no credentials were given.
    pub login: Option<LoginReport>,
}

impl EndpointReport {
    /// The error as a typed value is not kept; this rebuilds the ErrorInfo from one.
    pub(crate) fn error_info(e: &ProbeError) -> ErrorInfo {
        let protocol_kind = match e {
            ProbeError::Protocol(p) => Some(protocol_kind_name(p).to_owned()),
            _ => None,
        };
        ErrorInfo {
            kind: e.kind_name().to_owned(),
            protocol_kind,
            message: ServerText::new(&e.to_string()),
        }
    }
}

fn protocol_kind_name(p: &ProtocolError) -> &'static str {
    match p {
        ProtocolError::LineTooLong { .. } => "line-too-long",
        ProtocolError::TooManyLines { .. } => "too-many-lines",
        ProtocolError::TooManyBytes { .. } => "too-many-bytes",
        ProtocolError::Malformed { .. } => "malformed",
        ProtocolError::Rejected { .. } => "rejected",
        ProtocolError::Unexpected { .. } => "unexpected",
        ProtocolError::ResponseInjection { .. } => "response-injection",
        ProtocolError::UnexpectedEof { .. } => "unexpected-eof",
        ProtocolError::Finished => "finished",
    }
}

/// The verdict for an endpoint from how its probe ended.
pub fn verdict_for(
    security: Security,
    outcome: &Result<SessionReport, ProbeError>,
    tls: Option<&TlsReport>,
) -> Verdict {
    match outcome {
        Err(e) => match e {
            ProbeError::Dns { .. } => Verdict::DnsError,
            ProbeError::Refused { .. } | ProbeError::Unreachable { .. } => Verdict::Refused,
            ProbeError::Timeout { phase, after_ms } => Verdict::TimedOut {
                phase: *phase,
                after_ms: *after_ms,
            },
            ProbeError::Tls { kind, .. } => Verdict::TlsError { tls_kind: *kind },
            ProbeError::Protocol(_) | ProbeError::Io { .. } | ProbeError::Cancelled => {
                Verdict::ProtocolError
            }
        },
        Ok(session) => match tls {
            Some(t) => match t.chain {
                ChainVerdict::Trusted => Verdict::Secure,
                ChainVerdict::Invalid(kind) => Verdict::TlsError { tls_kind: kind },
            },
            None => Verdict::InsecurePlaintextOnly {
                reason: match (&session.starttls, security) {
                    (StarttlsOutcome::Refused { .. }, _) => PlaintextReason::StarttlsRefused,
                    (StarttlsOutcome::NotOffered, _) => PlaintextReason::StarttlsNotOffered,
                    _ => PlaintextReason::PlainEndpoint,
                },
            },
        },
    }
}

/// What is wrong with a certificate, in words, naming the facts that show it.
fn certificate_problem(kind: crate::probe::tls::TlsErrorKind, t: &TlsReport) -> String {
    use crate::probe::tls::TlsErrorKind as K;
    let leaf = t.certificates.first();
    let detail = match (kind, leaf) {
        (K::Expired, Some(c)) => format!(
            "certificate expired on {} ({} days ago)",
            c.not_after, -c.days_left
        ),
        (K::NotYetValid, Some(c)) => format!("certificate is not valid before {}", c.not_before),
        (K::WrongName, Some(c)) => format!(
            "certificate is for {}, not this host",
            c.sans
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (K::SelfSigned, Some(c)) => format!(
            "self-signed certificate ({}) that nothing vouches for",
            c.subject
        ),
        (K::UnknownIssuer, Some(c)) => {
            format!("certificate issued by an unknown authority ({})", c.issuer)
        }
        _ => format!("certificate {kind}"),
    };
    match &t.chain_error {
        Some(e) => format!("{detail}; {} (not trusted)", e),
        None => format!("{detail} (not trusted)"),
    }
}

/// A one-line explanation of a verdict.
pub fn summary_for(
    verdict: &Verdict,
    error: Option<&ProbeError>,
    tls: Option<&TlsReport>,
) -> ServerText {
    ServerText::new(&summary_text(verdict, error, tls))
}

fn summary_text(verdict: &Verdict, error: Option<&ProbeError>, tls: Option<&TlsReport>) -> String {
    match verdict {
        Verdict::Secure => match tls {
            Some(t) => format!("{} {}, certificate trusted", t.version, t.cipher_suite),
            None => "secure".to_owned(),
        },
        Verdict::InsecurePlaintextOnly { reason } => match reason {
            PlaintextReason::PlainEndpoint => {
                "no encryption: anyone on the network path can read this connection".to_owned()
            }
            PlaintextReason::StarttlsNotOffered => {
                "STARTTLS is not offered: plaintext only".to_owned()
            }
            PlaintextReason::StarttlsRefused => "STARTTLS was refused: plaintext only".to_owned(),
        },
        Verdict::TlsError { tls_kind } => match (error, tls) {
            (Some(e), _) => e.to_string(),
            (None, Some(t)) => certificate_problem(*tls_kind, t),
            (None, None) => format!("TLS error: {tls_kind}"),
        },
        Verdict::Refused
        | Verdict::TimedOut { .. }
        | Verdict::ProtocolError
        | Verdict::DnsError => match error {
            Some(e) => e.to_string(),
            None => verdict.name().to_owned(),
        },
    }
}

/// Simplified and Traditional Chinese of one sentence; `lang` is never English here.
fn zh(lang: crate::i18n::Lang, hans: String, hant: String) -> String {
    match lang {
        crate::i18n::Lang::ZhHant => hant,
        _ => hans,
    }
}

/// `message` without `prefix`, when it starts with it.
fn after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)
}

/// The first number in `message` (the cap named in a protocol error).
fn first_number(message: &str) -> Option<&str> {
    let start = message.find(|c: char| c.is_ascii_digit())?;
    let rest = &message[start..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// `sentence：detail`, or the sentence alone when there is no detail.
fn with_detail(sentence: String, detail: Option<&str>) -> String {
    match detail.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => format!("{sentence}：{d}"),
        None => sentence,
    }
}

/// A TLS problem found during the handshake, in Chinese.
fn tls_kind_in(kind: TlsErrorKind, lang: crate::i18n::Lang) -> String {
    let (hans, hant) = match kind {
        TlsErrorKind::Expired => ("证书已过期", "憑證已過期"),
        TlsErrorKind::NotYetValid => ("证书尚未生效", "憑證尚未生效"),
        TlsErrorKind::WrongName => ("证书上的名称与此主机不符", "憑證上的名稱與此主機不符"),
        TlsErrorKind::SelfSigned => (
            "自签名证书，没有任何机构为其担保",
            "自簽署憑證，沒有任何機構為其擔保",
        ),
        TlsErrorKind::UnknownIssuer => ("证书由未知的机构签发", "憑證由未知的機構簽發"),
        TlsErrorKind::InvalidCertificate => ("证书无效", "憑證無效"),
        TlsErrorKind::ProtocolVersion => (
            "服务器只支持 TLS 1.2 以下的旧版本",
            "伺服器只支援 TLS 1.2 以下的舊版本",
        ),
        TlsErrorKind::HandshakeFailed => ("TLS 握手失败", "TLS 交握失敗"),
        TlsErrorKind::NotTls => (
            "服务器在此端口上没有使用 TLS（可能是明文端口）",
            "伺服器在此連接埠上沒有使用 TLS（可能是明文連接埠）",
        ),
    };
    zh(lang, hans.to_owned(), hant.to_owned())
}

/// What is wrong with a certificate, in Chinese, naming the facts that show it
/// (dates, names, subject and issuer verbatim). Mirrors `certificate_problem`.
fn certificate_problem_in(kind: TlsErrorKind, t: &TlsReport, lang: crate::i18n::Lang) -> String {
    let leaf = t.certificates.first();
    let detail = match (kind, leaf) {
        (TlsErrorKind::Expired, Some(c)) => zh(
            lang,
            format!("证书已于 {} 过期（{} 天前）", c.not_after, -c.days_left),
            format!("憑證已於 {} 過期（{} 天前）", c.not_after, -c.days_left),
        ),
        (TlsErrorKind::NotYetValid, Some(c)) => zh(
            lang,
            format!("证书在 {} 之前无效", c.not_before),
            format!("憑證在 {} 之前無效", c.not_before),
        ),
        (TlsErrorKind::WrongName, Some(c)) => {
            let names = c
                .sans
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            zh(
                lang,
                format!("证书签发给 {names}，而不是此主机"),
                format!("憑證簽發給 {names}，而不是此主機"),
            )
        }
        (TlsErrorKind::SelfSigned, Some(c)) => zh(
            lang,
            format!("自签名证书（{}），没有任何机构为其担保", c.subject),
            format!("自簽署憑證（{}），沒有任何機構為其擔保", c.subject),
        ),
        (TlsErrorKind::UnknownIssuer, Some(c)) => zh(
            lang,
            format!("证书由未知的机构签发（{}）", c.issuer),
            format!("憑證由未知的機構簽發（{}）", c.issuer),
        ),
        _ => tls_kind_in(kind, lang),
    };
    let untrusted = zh(lang, "（不受信任）".into(), "（不受信任）".into());
    match &t.chain_error {
        // The verifier's own message is technical text, kept verbatim.
        Some(e) => format!("{detail}；{e}{untrusted}"),
        None => format!("{detail}{untrusted}"),
    }
}

/// A protocol error, in Chinese; the server's own words are kept verbatim.
fn protocol_error_in(e: &ErrorInfo, lang: crate::i18n::Lang) -> String {
    let m = e.message.as_str();
    let n = first_number(m).unwrap_or("?");
    match e.protocol_kind.as_deref() {
        Some("line-too-long") => zh(
            lang,
            format!("服务器发送的一行超过了 {n} 字节"),
            format!("伺服器傳送的一行超過了 {n} 位元組"),
        ),
        Some("too-many-lines") => zh(
            lang,
            format!("服务器的一个回复超过了 {n} 行"),
            format!("伺服器的一個回覆超過了 {n} 行"),
        ),
        Some("too-many-bytes") => zh(
            lang,
            format!("服务器的一个回复超过了 {n} 字节"),
            format!("伺服器的一個回覆超過了 {n} 位元組"),
        ),
        Some("malformed") => with_detail(
            zh(
                lang,
                "服务器的回复格式不正确".into(),
                "伺服器的回覆格式不正確".into(),
            ),
            m.split_once("): ").map(|(_, line)| line),
        ),
        Some("rejected") => with_detail(
            zh(
                lang,
                "服务器拒绝了这次会话".into(),
                "伺服器拒絕了這次工作階段".into(),
            ),
            after(m, "the server refused the session: "),
        ),
        Some("unexpected") => {
            let parsed = after(m, "the server answered ").and_then(|r| r.split_once(" with: "));
            match parsed {
                Some((command, reply)) => with_detail(
                    zh(
                        lang,
                        format!("服务器对 {command} 的回复是"),
                        format!("伺服器對 {command} 的回覆是"),
                    ),
                    Some(reply),
                ),
                None => with_detail(
                    zh(
                        lang,
                        "服务器的回复不符合预期".into(),
                        "伺服器的回覆不符合預期".into(),
                    ),
                    Some(m),
                ),
            }
        }
        Some("response-injection") => {
            let command = if m.contains("STARTTLS") {
                "STARTTLS"
            } else {
                "STLS"
            };
            zh(
                lang,
                format!("响应注入：在 {command} 的确认之后、TLS 开始之前收到了 {n} 字节；已中止"),
                format!("回應注入：在 {command} 的確認之後、TLS 開始之前收到了 {n} 位元組；已中止"),
            )
        }
        Some("unexpected-eof") => zh(
            lang,
            "服务器在回复完成之前关闭了连接".into(),
            "伺服器在回覆完成之前關閉了連線".into(),
        ),
        Some("finished") => zh(
            lang,
            "协议会话已经结束（程序错误）".into(),
            "協定工作階段已經結束（程式錯誤）".into(),
        ),
        _ => with_detail(
            zh(lang, "服务器违反了协议".into(), "伺服器違反了協定".into()),
            Some(m),
        ),
    }
}

/// [`EndpointReport::summary`] in `lang`: the same one-line explanation of the
/// verdict, for the app's result rows and the CLI's DETAILS column. English is
/// the engine's own summary, unchanged. In Chinese every sentence is translated;
/// host names, addresses, dates, certificate names, TLS versions and cipher
/// suites stay as they are, and technical text from the system, the TLS library
/// or the server is appended verbatim after the translated sentence.
pub fn summary_in(report: &EndpointReport, lang: crate::i18n::Lang) -> ServerText {
    if lang == crate::i18n::Lang::En {
        return report.summary.clone();
    }
    ServerText::new(&summary_in_chinese(report, lang))
}

fn summary_in_chinese(report: &EndpointReport, lang: crate::i18n::Lang) -> String {
    let error = report.error.as_ref();
    let message = error.map(|e| e.message.as_str());
    match &report.verdict {
        Verdict::Secure => match &report.tls {
            Some(t) => zh(
                lang,
                format!("{} {}，证书可信", t.version, t.cipher_suite),
                format!("{} {}，憑證可信", t.version, t.cipher_suite),
            ),
            None => zh(lang, "安全".into(), "安全".into()),
        },
        Verdict::InsecurePlaintextOnly { reason } => {
            let (hans, hant) = match reason {
                PlaintextReason::PlainEndpoint => (
                    "不加密：网络路径上的任何人都能读取这个连接",
                    "不加密：網路路徑上的任何人都能讀取這個連線",
                ),
                PlaintextReason::StarttlsNotOffered => (
                    "服务器不支持 STARTTLS：只能明文连接",
                    "伺服器不支援 STARTTLS：只能明文連線",
                ),
                PlaintextReason::StarttlsRefused => (
                    "服务器拒绝了 STARTTLS：只能明文连接",
                    "伺服器拒絕了 STARTTLS：只能明文連線",
                ),
            };
            zh(lang, hans.to_owned(), hant.to_owned())
        }
        Verdict::TlsError { tls_kind } => match (message, &report.tls) {
            (Some(m), _) => {
                let prefix = format!("TLS failed ({tls_kind}): ");
                with_detail(
                    tls_kind_in(*tls_kind, lang),
                    Some(after(m, &prefix).unwrap_or(m)),
                )
            }
            (None, Some(t)) => {
                let sent = report.login.as_ref().is_some_and(|l| {
                    !matches!(l.result, super::login::LoginOutcome::NotTried { .. })
                });
                let note = match (sent, lang) {
                    (false, crate::i18n::Lang::ZhHant) => "；以僅報告模式讀取，未傳送任何機密",
                    (false, _) => "；以仅报告模式读取，未发送任何机密",
                    (true, crate::i18n::Lang::ZhHant) => {
                        "；以僅報告模式讀取；因你允許了這張憑證，密碼已傳送"
                    }
                    (true, _) => "；以仅报告模式读取；因你允许了这张证书，密码已发送",
                };
                let mut s = certificate_problem_in(*tls_kind, t, lang);
                if t.cert_mode == CertMode::ReportOnly {
                    s.push_str(note);
                }
                s
            }
            (None, None) => with_detail(
                zh(lang, "TLS 错误".into(), "TLS 錯誤".into()),
                Some(&tls_kind_in(*tls_kind, lang)),
            ),
        },
        Verdict::Refused => match (error.map(|e| e.kind.as_str()), message) {
            (Some("unreachable"), Some(m)) => {
                let parsed = after(m, "cannot reach ").and_then(|r| r.split_once(": "));
                match parsed {
                    Some((addr, why)) => with_detail(
                        zh(
                            lang,
                            format!("无法连接到 {addr}"),
                            format!("無法連線到 {addr}"),
                        ),
                        Some(why),
                    ),
                    None => with_detail(
                        zh(lang, "无法连接到服务器".into(), "無法連線到伺服器".into()),
                        Some(m),
                    ),
                }
            }
            (_, Some(m)) => match after(m, "connection refused by ") {
                Some(addr) => zh(
                    lang,
                    format!("连接被 {addr} 拒绝"),
                    format!("連線被 {addr} 拒絕"),
                ),
                None => with_detail(zh(lang, "连接被拒绝".into(), "連線被拒絕".into()), Some(m)),
            },
            (_, None) => zh(lang, "连接被拒绝".into(), "連線被拒絕".into()),
        },
        Verdict::TimedOut { phase, after_ms } => {
            let s = super::error::format_secs(*after_ms);
            match phase {
                TimeoutPhase::Connect => zh(
                    lang,
                    format!("{s} 秒内没有回应：可能被防火墙或你的网络运营商拦截"),
                    format!("{s} 秒內沒有回應：可能被防火牆或你的網路業者攔截"),
                ),
                TimeoutPhase::Reply => zh(
                    lang,
                    format!("服务器没有在 {s} 秒内完成回复"),
                    format!("伺服器沒有在 {s} 秒內完成回覆"),
                ),
                TimeoutPhase::TlsHandshake => zh(
                    lang,
                    format!("TLS 握手没有在 {s} 秒内完成"),
                    format!("TLS 交握沒有在 {s} 秒內完成"),
                ),
                TimeoutPhase::Overall => zh(
                    lang,
                    format!("探测没有在 {s} 秒内完成"),
                    format!("探測沒有在 {s} 秒內完成"),
                ),
            }
        }
        Verdict::ProtocolError => match error {
            Some(e) if e.kind == "io" => with_detail(
                zh(lang, "连接出错".into(), "連線出錯".into()),
                Some(after(e.message.as_str(), "connection error: ").unwrap_or(e.message.as_str())),
            ),
            Some(e) if e.kind == "cancelled" => zh(lang, "已取消".into(), "已取消".into()),
            Some(e) => protocol_error_in(e, lang),
            None => zh(lang, "服务器违反了协议".into(), "伺服器違反了協定".into()),
        },
        Verdict::DnsError => {
            let host = &report.endpoint.host;
            let prefix = format!("DNS lookup of {host} failed: ");
            with_detail(
                zh(
                    lang,
                    format!("找不到服务器 {host}（域名解析失败）"),
                    format!("找不到伺服器 {host}（網域名稱解析失敗）"),
                ),
                message.map(|m| after(m, &prefix).unwrap_or(m)),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::probe::session::{MachineConfig, machine_for};
    use crate::probe::tls::{CertMode, CertificateSummary};
    use crate::server_text::ServerText;

    /// A report as the driver builds it: the summary from `summary_for`.
    fn report(
        security: Security,
        verdict: Verdict,
        error: Option<ProbeError>,
        tls: Option<TlsReport>,
    ) -> EndpointReport {
        let endpoint = Endpoint::new(Protocol::Imap, "imap.example.com", 993, security);
        EndpointReport {
            summary: summary_for(&verdict, error.as_ref(), tls.as_ref()),
            verdict,
            error: error.as_ref().map(EndpointReport::error_info),
            addresses: Vec::new(),
            connected_to: None,
            tls,
            session: machine_for(Protocol::Imap, security, MachineConfig::default()).report(),
            timings: Timings::default(),
            transcript: Transcript::default(),
            login: None,
            connect_port: endpoint.port,
            endpoint,
        }
    }

    fn tls(chain: ChainVerdict, chain_error: Option<&str>) -> TlsReport {
        let t = |s: &str| ServerText::from_bytes(s.as_bytes());
        TlsReport {
            version: "TLSv1.3".into(),
            cipher_suite: "TLS13_AES_256_GCM_SHA384".into(),
            cert_mode: CertMode::ReportOnly,
            chain,
            chain_error: chain_error.map(Into::into),
            hostname_match: Some(false),
            leaf_sha256: Some("AB:CD".into()),
            certificates: vec![CertificateSummary {
                subject: t("CN=mail.other.example"),
                issuer: t("CN=Shady CA"),
                sans: vec![t("mail.other.example"), t("other.example")],
                not_before: "2030-01-01T00:00:00Z".into(),
                not_after: "2025-01-31T00:00:00Z".into(),
                days_left: -300,
                sha256: "AB:CD".into(),
                self_signed: false,
            }],
        }
    }

    /// Every verdict the engine can give, as the driver reports it.
    fn all_reports() -> Vec<EndpointReport> {
        use TlsErrorKind as K;
        let cert = |k: K| {
            report(
                Security::Tls,
                Verdict::TlsError { tls_kind: k },
                None,
                Some(tls(
                    ChainVerdict::Invalid(k),
                    Some("invalid peer certificate"),
                )),
            )
        };
        let timeout = |phase, after_ms| {
            report(
                Security::Tls,
                Verdict::TimedOut { phase, after_ms },
                Some(ProbeError::Timeout { phase, after_ms }),
                None,
            )
        };
        let protocol = |e: ProtocolError| {
            report(
                Security::Tls,
                Verdict::ProtocolError,
                Some(ProbeError::Protocol(e)),
                None,
            )
        };
        let plain = |reason| {
            report(
                Security::Starttls,
                Verdict::InsecurePlaintextOnly { reason },
                None,
                None,
            )
        };
        let st = |s: &str| ServerText::from_bytes(s.as_bytes());
        vec![
            report(
                Security::Tls,
                Verdict::Secure,
                None,
                Some(tls(ChainVerdict::Trusted, None)),
            ),
            plain(PlaintextReason::PlainEndpoint),
            plain(PlaintextReason::StarttlsNotOffered),
            plain(PlaintextReason::StarttlsRefused),
            cert(K::Expired),
            cert(K::NotYetValid),
            cert(K::WrongName),
            cert(K::SelfSigned),
            cert(K::UnknownIssuer),
            cert(K::InvalidCertificate),
            report(
                Security::Tls,
                Verdict::TlsError {
                    tls_kind: K::HandshakeFailed,
                },
                Some(ProbeError::Tls {
                    kind: K::HandshakeFailed,
                    message: "received fatal alert: HandshakeFailure".into(),
                }),
                None,
            ),
            report(
                Security::Tls,
                Verdict::TlsError {
                    tls_kind: K::NotTls,
                },
                Some(ProbeError::Tls {
                    kind: K::NotTls,
                    message: "corrupt message".into(),
                }),
                None,
            ),
            report(
                Security::Tls,
                Verdict::Refused,
                Some(ProbeError::Refused {
                    addr: "192.0.2.7:993".into(),
                }),
                None,
            ),
            report(
                Security::Tls,
                Verdict::Refused,
                Some(ProbeError::Unreachable {
                    addr: "[2001:db8::1]:993".into(),
                    message: "Network is unreachable (os error 101)".into(),
                }),
                None,
            ),
            timeout(TimeoutPhase::Connect, 5000),
            timeout(TimeoutPhase::Reply, 1500),
            timeout(TimeoutPhase::TlsHandshake, 5000),
            timeout(TimeoutPhase::Overall, 20000),
            protocol(ProtocolError::LineTooLong { max: 4096 }),
            protocol(ProtocolError::TooManyLines { max: 500 }),
            protocol(ProtocolError::TooManyBytes { max: 65536 }),
            protocol(ProtocolError::Malformed {
                reason: "no status",
                line: st("HELLO"),
            }),
            protocol(ProtocolError::Rejected {
                reply: st("-ERR go away"),
            }),
            protocol(ProtocolError::Unexpected {
                command: "CAPA",
                reply: st("-ERR unknown"),
            }),
            protocol(ProtocolError::ResponseInjection {
                command: "STARTTLS",
                bytes: 12,
            }),
            protocol(ProtocolError::UnexpectedEof {
                during: "the greeting",
            }),
            report(
                Security::Tls,
                Verdict::ProtocolError,
                Some(ProbeError::Io {
                    message: "Connection reset by peer (os error 104)".into(),
                }),
                None,
            ),
            report(
                Security::Tls,
                Verdict::DnsError,
                Some(ProbeError::Dns {
                    host: "imap.example.com".into(),
                    message: "no record found for Query".into(),
                }),
                None,
            ),
        ]
    }

    #[test]
    fn english_is_the_engines_summary() {
        for r in all_reports() {
            assert_eq!(summary_in(&r, Lang::En), r.summary, "{:?}", r.verdict);
        }
    }

    /// Chinese output: translated (no English sentence left), in the right script.
    #[test]
    fn chinese_is_translated_and_keeps_the_facts() {
        // Technical text appended verbatim, and names, is all that may stay English.
        let verbatim = [
            "TLSv1.3",
            "TLS13_AES_256_GCM_SHA384",
            "2025-01-31T00:00:00Z",
            "2030-01-01T00:00:00Z",
            "invalid peer certificate",
            "received fatal alert: HandshakeFailure",
            "corrupt message",
            "Network is unreachable (os error 101)",
            "Connection reset by peer (os error 104)",
            "no record found for Query",
            "CN=mail.other.example",
            "CN=Shady CA",
            "mail.other.example, other.example",
            "-ERR go away",
            "-ERR unknown",
            "imap.example.com",
            "192.0.2.7:993",
            "[2001:db8::1]:993",
            "HELLO",
            "STARTTLS",
            "CAPA",
            "TLS",
        ];
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            for r in all_reports() {
                let s = summary_in(&r, lang);
                assert_ne!(s, r.summary, "{:?} untranslated", r.verdict);
                let mut rest = s.to_string();
                for v in verbatim {
                    rest = rest.replace(v, " ");
                }
                assert!(
                    !rest.chars().any(|c| c.is_ascii_alphabetic()),
                    "{lang:?} {:?}: English left in {s:?}",
                    r.verdict
                );
            }
        }
    }

    #[test]
    fn each_verdict_says_the_right_thing() {
        let r = all_reports();
        let hans = |i: usize| summary_in(&r[i], Lang::ZhHans);
        let hant = |i: usize| summary_in(&r[i], Lang::ZhHant);
        assert_eq!(hans(0), "TLSv1.3 TLS13_AES_256_GCM_SHA384，证书可信");
        assert_eq!(hant(0), "TLSv1.3 TLS13_AES_256_GCM_SHA384，憑證可信");
        assert!(hans(1).starts_with("不加密"));
        assert!(hans(2).contains("不支持 STARTTLS"));
        assert!(hant(3).contains("拒絕了 STARTTLS"));
        // Certificates: dates, names, subject and issuer verbatim.
        assert!(hans(4).contains("2025-01-31T00:00:00Z") && hans(4).contains("300 天前"));
        assert!(hans(5).contains("2030-01-01T00:00:00Z 之前无效"));
        assert!(hans(6).contains("mail.other.example, other.example"));
        assert!(hant(7).contains("自簽署憑證（CN=mail.other.example）"));
        assert!(hans(8).contains("未知的机构签发（CN=Shady CA）"));
        assert!(hans(9).starts_with("证书无效"));
        for i in 4..=9 {
            assert!(
                hans(i).ends_with(
                    "invalid peer certificate（不受信任）；以仅报告模式读取，未发送任何机密"
                ),
                "{}",
                hans(i)
            );
        }
        assert_eq!(
            hans(10),
            "TLS 握手失败：received fatal alert: HandshakeFailure"
        );
        assert_eq!(
            hant(10),
            "TLS 交握失敗：received fatal alert: HandshakeFailure"
        );
        assert!(hans(11).contains("没有使用 TLS"));
        assert_eq!(hans(12), "连接被 192.0.2.7:993 拒绝");
        assert_eq!(
            hant(13),
            "無法連線到 [2001:db8::1]:993：Network is unreachable (os error 101)"
        );
        assert_eq!(hans(14), "5 秒内没有回应：可能被防火墙或你的网络运营商拦截");
        assert_eq!(hant(14), "5 秒內沒有回應：可能被防火牆或你的網路業者攔截");
        assert!(hans(15).contains("1.5 秒"));
        assert!(hans(16).starts_with("TLS 握手"));
        assert!(hans(17).contains("20 秒"));
        assert!(hans(18).contains("4096 字节"));
        assert!(hans(19).contains("500 行"));
        assert!(hant(20).contains("65536 位元組"));
        assert_eq!(hans(21), "服务器的回复格式不正确：HELLO");
        assert_eq!(hans(22), "服务器拒绝了这次会话：-ERR go away");
        assert_eq!(hans(23), "服务器对 CAPA 的回复是：-ERR unknown");
        assert!(hans(24).contains("STARTTLS") && hans(24).contains("12 字节"));
        assert!(hans(25).contains("关闭了连接"));
        assert_eq!(
            hans(26),
            "连接出错：Connection reset by peer (os error 104)"
        );
        assert_eq!(
            hans(27),
            "找不到服务器 imap.example.com（域名解析失败）：no record found for Query"
        );
        assert_eq!(
            hant(27),
            "找不到伺服器 imap.example.com（網域名稱解析失敗）：no record found for Query"
        );
    }
}
