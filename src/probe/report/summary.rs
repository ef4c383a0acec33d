//! The one-line summary of a verdict that people read, made from the typed
//! facts (verdict, [`ProbeError`], [`TlsReport`]) by the message catalog: in
//! English for [`EndpointReport::summary`] (the JSON's derived field) and in
//! the user's language for the app's rows and the CLI's DETAILS column
//! ([`summary_in`]). Host names, addresses, dates, certificate names, TLS
//! versions and cipher suites stay as they are; technical text from the
//! system, the TLS library or the server follows the sentence verbatim.

use super::{EndpointReport, PlaintextReason, Verdict};
use crate::i18n::Lang;
use crate::i18n::msg;
use crate::probe::error::{ProbeError, ProtocolError, TimeoutPhase, format_secs};
use crate::probe::login::LoginOutcome;
use crate::probe::tls::{CertMode, TlsErrorKind, TlsReport};
use crate::server_text::ServerText;

/// `sentence: detail` in `lang`, or the sentence alone when there is no detail.
fn with_detail(lang: Lang, sentence: String, detail: Option<&str>) -> String {
    match detail.map(str::trim).filter(|d| !d.is_empty()) {
        Some(detail) => msg!(lang, "with-detail", sentence = sentence, detail = detail),
        None => sentence,
    }
}

/// What is wrong with TLS, by kind.
pub fn tls_kind_text(kind: TlsErrorKind, lang: Lang) -> String {
    match kind {
        TlsErrorKind::Expired => msg!(lang, "tls-expired"),
        TlsErrorKind::NotYetValid => msg!(lang, "tls-not-yet-valid"),
        TlsErrorKind::WrongName => msg!(lang, "tls-wrong-name"),
        TlsErrorKind::SelfSigned => msg!(lang, "tls-self-signed"),
        TlsErrorKind::UnknownIssuer => msg!(lang, "tls-unknown-issuer"),
        TlsErrorKind::InvalidCertificate => msg!(lang, "tls-invalid-certificate"),
        TlsErrorKind::ProtocolVersion => msg!(lang, "tls-protocol-version"),
        TlsErrorKind::NoCommonCipher => msg!(lang, "tls-no-common-cipher"),
        TlsErrorKind::HandshakeFailed => msg!(lang, "tls-handshake-failed"),
        TlsErrorKind::NotTls => msg!(lang, "tls-not-tls"),
    }
}

/// A short name of a TLS problem, for a table's RESULT column.
pub fn tls_kind_label(kind: TlsErrorKind, lang: Lang) -> String {
    match kind {
        TlsErrorKind::Expired => msg!(lang, "tls-label-expired"),
        TlsErrorKind::NotYetValid => msg!(lang, "tls-label-not-yet-valid"),
        TlsErrorKind::WrongName => msg!(lang, "tls-label-wrong-name"),
        TlsErrorKind::SelfSigned => msg!(lang, "tls-label-self-signed"),
        TlsErrorKind::UnknownIssuer => msg!(lang, "tls-label-unknown-issuer"),
        TlsErrorKind::InvalidCertificate => msg!(lang, "tls-label-invalid-certificate"),
        TlsErrorKind::ProtocolVersion => msg!(lang, "tls-label-protocol-version"),
        TlsErrorKind::NoCommonCipher => msg!(lang, "tls-label-no-common-cipher"),
        TlsErrorKind::HandshakeFailed => msg!(lang, "tls-label-handshake-failed"),
        TlsErrorKind::NotTls => msg!(lang, "tls-label-not-tls"),
    }
}

/// What is wrong with a certificate, naming the facts that show it (dates,
/// names, subject and issuer verbatim), and whether anything secret was sent
/// over a connection read in report-only mode.
fn certificate_problem(kind: TlsErrorKind, t: &TlsReport, secret_sent: bool, lang: Lang) -> String {
    let problem = match (kind, t.certificates.first()) {
        (TlsErrorKind::Expired, Some(c)) => msg!(
            lang,
            "cert-expired",
            date = c.not_after.as_str(),
            days = c.days_left.saturating_neg()
        ),
        (TlsErrorKind::NotYetValid, Some(c)) => {
            msg!(lang, "cert-not-yet-valid", date = c.not_before.as_str())
        }
        (TlsErrorKind::WrongName, Some(c)) => {
            let names = c
                .sans
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            msg!(lang, "cert-wrong-name", names = names)
        }
        (TlsErrorKind::SelfSigned, Some(c)) => {
            msg!(lang, "cert-self-signed", subject = c.subject.as_str())
        }
        (TlsErrorKind::UnknownIssuer, Some(c)) => {
            msg!(lang, "cert-unknown-issuer", issuer = c.issuer.as_str())
        }
        _ => tls_kind_text(kind, lang),
    };
    let untrusted = match &t.chain_error {
        // The verifier's own message is technical text, kept verbatim.
        Some(e) => msg!(
            lang,
            "cert-untrusted-detail",
            problem = problem,
            detail = e.as_str()
        ),
        None => msg!(lang, "cert-untrusted", problem = problem),
    };
    match (t.cert_mode, secret_sent) {
        (CertMode::ReportOnly, false) => {
            msg!(lang, "cert-report-only-nothing-sent", problem = untrusted)
        }
        (CertMode::ReportOnly, true) => {
            msg!(lang, "cert-report-only-password-sent", problem = untrusted)
        }
        _ => untrusted,
    }
}

/// A protocol error; the server's own words are kept verbatim.
fn protocol_error(e: &ProtocolError, lang: Lang) -> String {
    match e {
        ProtocolError::LineTooLong { max } => msg!(lang, "protocol-line-too-long", max = *max),
        ProtocolError::TooManyLines { max } => msg!(lang, "protocol-too-many-lines", max = *max),
        ProtocolError::TooManyBytes { max } => msg!(lang, "protocol-too-many-bytes", max = *max),
        ProtocolError::Malformed { line, .. } => {
            with_detail(lang, msg!(lang, "protocol-malformed"), Some(line.as_str()))
        }
        ProtocolError::Rejected { reply } => {
            with_detail(lang, msg!(lang, "protocol-rejected"), Some(reply.as_str()))
        }
        ProtocolError::Unexpected { command, reply } => with_detail(
            lang,
            msg!(lang, "protocol-unexpected", command = *command),
            Some(reply.as_str()),
        ),
        ProtocolError::ResponseInjection { command, bytes } => msg!(
            lang,
            "protocol-response-injection",
            command = *command,
            bytes = *bytes
        ),
        ProtocolError::UnexpectedEof { .. } => msg!(lang, "protocol-unexpected-eof"),
        ProtocolError::Finished => msg!(lang, "protocol-finished"),
    }
}

/// A probe error in `lang`: the sentence, then the system's or library's own
/// words verbatim.
pub fn error_text(e: &ProbeError, lang: Lang) -> String {
    match e {
        ProbeError::Dns { host, message, .. } => with_detail(
            lang,
            msg!(lang, "probe-dns", host = host.as_str()),
            Some(message),
        ),
        ProbeError::Refused { addr } => msg!(lang, "probe-refused", addr = addr.as_str()),
        ProbeError::Unreachable { addr, message } => with_detail(
            lang,
            msg!(lang, "probe-unreachable", addr = addr.as_str()),
            Some(message),
        ),
        ProbeError::Timeout { phase, after_ms } => {
            let secs = format_secs(*after_ms);
            match phase {
                TimeoutPhase::Connect => msg!(lang, "probe-timeout-connect", secs = secs),
                TimeoutPhase::Reply => msg!(lang, "probe-timeout-reply", secs = secs),
                TimeoutPhase::TlsHandshake => msg!(lang, "probe-timeout-tls", secs = secs),
                TimeoutPhase::Overall => msg!(lang, "probe-timeout-overall", secs = secs),
            }
        }
        ProbeError::Tls { kind, message } => {
            with_detail(lang, tls_kind_text(*kind, lang), Some(message))
        }
        ProbeError::Protocol(p) => protocol_error(p, lang),
        ProbeError::Io { message } => with_detail(lang, msg!(lang, "probe-io"), Some(message)),
        ProbeError::Cancelled => msg!(lang, "probe-cancelled"),
    }
}

/// The one-line explanation of a verdict in `lang`. `secret_sent` says whether
/// the password went over a connection read in report-only mode.
pub fn summary_text(
    verdict: &Verdict,
    error: Option<&ProbeError>,
    tls: Option<&TlsReport>,
    secret_sent: bool,
    lang: Lang,
) -> String {
    match verdict {
        Verdict::Secure => match tls {
            Some(t) => msg!(
                lang,
                "probe-secure",
                version = t.version.as_str(),
                cipher = t.cipher_suite.as_str()
            ),
            None => msg!(lang, "probe-secure-no-tls"),
        },
        Verdict::InsecurePlaintextOnly { reason } => match reason {
            PlaintextReason::PlainEndpoint => msg!(lang, "probe-plain-endpoint"),
            PlaintextReason::StarttlsNotOffered => msg!(lang, "probe-starttls-not-offered"),
            PlaintextReason::StarttlsRefused => msg!(lang, "probe-starttls-refused"),
        },
        Verdict::TlsError { tls_kind } => match (error, tls) {
            (Some(e), _) => error_text(e, lang),
            (None, Some(t)) => certificate_problem(*tls_kind, t, secret_sent, lang),
            (None, None) => msg!(
                lang,
                "probe-tls-error",
                problem = tls_kind_text(*tls_kind, lang)
            ),
        },
        Verdict::Refused
        | Verdict::TimedOut { .. }
        | Verdict::ProtocolError
        | Verdict::DnsError { .. } => match error {
            Some(e) => error_text(e, lang),
            None => match verdict {
                Verdict::DnsError { .. } => msg!(lang, "probe-dns-any"),
                Verdict::Refused => msg!(lang, "probe-refused-any"),
                Verdict::TimedOut { phase, after_ms } => error_text(
                    &ProbeError::Timeout {
                        phase: *phase,
                        after_ms: *after_ms,
                    },
                    lang,
                ),
                _ => msg!(lang, "probe-protocol"),
            },
        },
    }
}

/// The English summary the driver stores in [`EndpointReport::summary`].
pub fn summary_for(
    verdict: &Verdict,
    error: Option<&ProbeError>,
    tls: Option<&TlsReport>,
    secret_sent: bool,
) -> ServerText {
    ServerText::new(&summary_text(verdict, error, tls, secret_sent, Lang::En))
}

/// [`EndpointReport::summary`] in `lang`, made again from the report's typed
/// facts: for the app's result rows, the CLI's DETAILS column and the audit.
pub fn summary_in(report: &EndpointReport, lang: Lang) -> ServerText {
    let secret_sent = report
        .login
        .as_ref()
        .is_some_and(|l| !matches!(l.result, LoginOutcome::NotTried { .. }));
    let error = report.error.as_ref().and_then(|e| e.typed.as_ref());
    ServerText::new(&summary_text(
        &report.verdict,
        error,
        report.tls.as_ref(),
        secret_sent,
        lang,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::{Endpoint, Timings};
    use super::*;
    use crate::i18n::Lang;
    use crate::probe::error::{ProtocolError, TimeoutPhase};
    use crate::probe::session::{MachineConfig, machine_for};
    use crate::probe::tls::ChainVerdict;
    use crate::probe::tls::{CertMode, CertificateSummary};
    use crate::probe::transcript::Transcript;
    use crate::providers::{Protocol, Security};
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
            summary: summary_for(&verdict, error.as_ref(), tls.as_ref(), false),
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
        use crate::probe::tls::TlsErrorKind as K;
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
                Verdict::DnsError {
                    failure: crate::probe::DnsFailure::NoSuchHost,
                },
                Some(ProbeError::Dns {
                    host: "imap.example.com".into(),
                    failure: crate::probe::DnsFailure::NoSuchHost,
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
                assert!(
                    crate::i18n::english_left(&s, &verbatim).is_none(),
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
        assert_eq!(hans(0), "TLSv1.3 TLS13_AES_256_GCM_SHA384，证书受信任");
        assert_eq!(hant(0), "TLSv1.3 TLS13_AES_256_GCM_SHA384，憑證受信任");
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
