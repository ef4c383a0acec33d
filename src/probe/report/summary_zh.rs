//! The summary of a verdict in Simplified and Traditional Chinese: every
//! sentence translated, the facts (host names, dates, certificate names, TLS
//! versions, cipher suites) kept as they are, and technical text from the
//! system, the TLS library or the server appended verbatim.

use super::{EndpointReport, ErrorInfo, PlaintextReason, Verdict};
use crate::probe::error::TimeoutPhase;
use crate::probe::tls::{CertMode, TlsErrorKind, TlsReport};

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
        TlsErrorKind::NoCommonCipher => (
            "服务器不接受 mailconf 提供的任何加密套件（TLS 1.2/1.3，ECDHE 密钥交换）；它很可能只支持 RSA 或 DHE 密钥交换，mailconf 不使用这类旧方式",
            "伺服器不接受 mailconf 提供的任何加密套件（TLS 1.2/1.3，ECDHE 金鑰交換）；它很可能只支援 RSA 或 DHE 金鑰交換，mailconf 不使用這類舊方式",
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

/// [`EndpointReport::summary`] in Chinese (`lang` is not English).
pub(super) fn summary_in_chinese(report: &EndpointReport, lang: crate::i18n::Lang) -> String {
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
                    !matches!(l.result, crate::probe::login::LoginOutcome::NotTried { .. })
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
            let s = crate::probe::error::format_secs(*after_ms);
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
