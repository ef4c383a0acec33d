//! The human output of `mailconf probe`: the streaming table, the login line
//! under a row, the recommendation and the advice, in the user's language.
//!
//! Colour only on a terminal, never with `NO_COLOR`.

use std::io::Write;

use super::pad;
use crate::advice::Severity;
use crate::check::ProbeSummary;
use crate::i18n::Lang;
use crate::probe::login::{InsecureAllow, LoginOutcome, LoginReport, NotTriedReason};
use crate::probe::{Endpoint, EndpointReport, Verdict};

/// Whether every endpoint is on the same host (then the PORT column shows only ports).
pub(crate) fn endpoints_share_host(endpoints: &[Endpoint]) -> bool {
    endpoints.windows(2).all(|w| w[0].host == w[1].host)
}

pub(crate) struct Style {
    pub(crate) color: bool,
    pub(crate) lang: Lang,
}

fn tr(lang: Lang, en: &'static str, hans: &'static str, hant: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::ZhHans => hans,
        Lang::ZhHant => hant,
    }
}

impl Style {
    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn verdict_label(&self, v: &Verdict) -> String {
        let l = self.lang;
        match v {
            Verdict::Secure => tr(l, "secure", "安全", "安全").to_owned(),
            Verdict::InsecurePlaintextOnly { .. } => {
                tr(l, "plaintext only", "仅明文", "僅明文").to_owned()
            }
            Verdict::TlsError { tls_kind } => {
                format!(
                    "{} {tls_kind}",
                    tr(l, "TLS error:", "TLS 错误：", "TLS 錯誤：")
                )
            }
            Verdict::Refused => tr(l, "refused", "拒绝连接", "拒絕連線").to_owned(),
            Verdict::TimedOut { .. } => tr(l, "timed out", "超时", "逾時").to_owned(),
            Verdict::ProtocolError => tr(l, "protocol error", "协议错误", "協定錯誤").to_owned(),
            Verdict::DnsError => tr(l, "DNS error", "DNS 错误", "DNS 錯誤").to_owned(),
        }
    }

    fn verdict_color(v: &Verdict) -> &'static str {
        match v {
            Verdict::Secure => "32",
            Verdict::InsecurePlaintextOnly { .. } => "33",
            Verdict::TimedOut { .. } | Verdict::Refused | Verdict::DnsError => "2",
            Verdict::TlsError { .. } | Verdict::ProtocolError => "31",
        }
    }

    pub(crate) fn header(
        &self,
        out: &mut dyn Write,
        endpoints: &[Endpoint],
    ) -> std::io::Result<()> {
        let l = self.lang;
        if endpoints_share_host(endpoints)
            && let Some(first) = endpoints.first()
        {
            writeln!(
                out,
                "{} {} ({} {})",
                tr(l, "Probing", "正在测试", "正在測試"),
                first.host,
                endpoints.len(),
                tr(l, "ways in", "种连接方式", "種連線方式"),
            )?;
        }
        writeln!(
            out,
            "{}",
            self.paint(
                &format!(
                    "{}{}{}{}{}{}",
                    pad(tr(l, "PROTOCOL", "协议", "協定"), 10),
                    pad(tr(l, "PORT", "端口", "連接埠"), 24),
                    pad(tr(l, "SECURITY", "加密", "加密"), 10),
                    pad(tr(l, "RESULT", "结果", "結果"), 28),
                    pad(tr(l, "TIME", "耗时", "耗時"), 9),
                    tr(l, "DETAILS", "详情", "詳情"),
                ),
                "1"
            )
        )
    }

    fn detail(&self, r: &EndpointReport) -> String {
        let mut d = crate::probe::report::summary_in(r, self.lang);
        if let Some(caps) = r.session.effective_caps() {
            let s = caps.summary();
            if !s.is_empty() {
                d.push_str(&format!("; {s}"));
            }
        }
        d.to_string()
    }

    pub(crate) fn row(
        &self,
        out: &mut dyn Write,
        r: &EndpointReport,
        same_host: bool,
    ) -> std::io::Result<()> {
        let e = &r.endpoint;
        let mut place = if same_host {
            e.port.to_string()
        } else if e.host.contains(':') {
            format!("[{}]:{}", e.host, e.port)
        } else {
            format!("{}:{}", e.host, e.port)
        };
        if r.connect_port != e.port {
            place.push_str(&format!(" (→{})", r.connect_port));
        }
        let label = self.verdict_label(&r.verdict);
        let time = format!("{} ms", r.timings.total_ms);
        writeln!(
            out,
            "{}{}{}{}{}{}",
            pad(e.protocol.label(), 10),
            pad(&place, 24),
            pad(e.security.as_str(), 10),
            self.paint(&pad(&label, 28), Self::verdict_color(&r.verdict)),
            pad(&time, 9),
            self.detail(r),
        )
    }

    fn login_label(&self, r: &LoginReport) -> String {
        let l = self.lang;
        match &r.result {
            LoginOutcome::Success => tr(l, "success", "登录成功", "登入成功").to_owned(),
            LoginOutcome::CredentialsRejected => tr(
                l,
                "credentials rejected",
                "用户名或密码被拒绝",
                "使用者名稱或密碼被拒絕",
            )
            .to_owned(),
            LoginOutcome::AuthorizationCodeRequired => tr(
                l,
                "authorization code (授权码) required",
                "需要授权码",
                "需要授權碼",
            )
            .to_owned(),
            LoginOutcome::AppPasswordRequired => tr(
                l,
                "app password required",
                "需要应用专用密码",
                "需要應用程式專用密碼",
            )
            .to_owned(),
            LoginOutcome::ServiceDisabled => tr(
                l,
                "service not enabled for this account",
                "账户未开启此服务",
                "帳戶未開啟此服務",
            )
            .to_owned(),
            LoginOutcome::Oauth2Required => tr(
                l,
                "OAuth2 sign-in required",
                "需要 OAuth2 登录",
                "需要 OAuth2 登入",
            )
            .to_owned(),
            LoginOutcome::TemporarilyUnavailable => {
                tr(l, "temporarily unavailable", "暂时不可用", "暫時無法使用").to_owned()
            }
            LoginOutcome::EncryptionRequired => tr(
                l,
                "server requires encryption for login",
                "服务器要求加密后才能登录",
                "伺服器要求加密後才能登入",
            )
            .to_owned(),
            LoginOutcome::MechanismNotOffered { .. } => tr(
                l,
                "no password login offered",
                "服务器未提供密码登录方式",
                "伺服器未提供密碼登入方式",
            )
            .to_owned(),
            LoginOutcome::ConnectionProblem { .. } => {
                tr(l, "connection problem", "连接出错", "連線出錯").to_owned()
            }
            LoginOutcome::UnexpectedReply => {
                tr(l, "unexpected reply", "意外的回复", "意外的回覆").to_owned()
            }
            LoginOutcome::NotTried { reason } => {
                let why = match reason {
                    NotTriedReason::Plaintext => tr(
                        l,
                        "the connection was not encrypted",
                        "连接未加密",
                        "連線未加密",
                    )
                    .to_owned(),
                    NotTriedReason::UntrustedCertificate { tls_kind } => format!(
                        "{} ({tls_kind})",
                        tr(l, "certificate not trusted", "证书不受信任", "憑證不受信任")
                    ),
                    NotTriedReason::CredentialsRejectedElsewhere { endpoint } => match l {
                        Lang::En => format!(
                            "credentials rejected on {} {}",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHans => format!(
                            "凭据已在 {} {} 被拒绝",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHant => format!(
                            "憑據已在 {} {} 被拒絕",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                    },
                    NotTriedReason::LoginFailedElsewhere { endpoint, outcome } => match l {
                        Lang::En => format!(
                            "the login on {} {} sent the password and did not succeed ({outcome}); another try could lock the account",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHans => format!(
                            "{} {} 上的登录已发送密码但未成功（{outcome}）；再试可能导致账户被锁定",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                        Lang::ZhHant => format!(
                            "{} {} 上的登入已傳送密碼但未成功（{outcome}）；再試可能導致帳戶被鎖定",
                            endpoint.protocol.label(),
                            endpoint.port
                        ),
                    },
                    NotTriedReason::ProbeFailed => {
                        tr(l, "probe failed", "探测失败", "探測失敗").to_owned()
                    }
                    NotTriedReason::Preauthenticated => {
                        tr(l, "already logged in (PREAUTH)", "已预先登录", "已預先登入").to_owned()
                    }
                };
                format!("{}{why}", tr(l, "not tried: ", "未尝试：", "未嘗試："))
            }
        }
    }

    pub(crate) fn login_line(
        &self,
        out: &mut dyn Write,
        report: &EndpointReport,
    ) -> std::io::Result<()> {
        let Some(r) = &report.login else {
            return Ok(());
        };
        let l = self.lang;
        let color = match &r.result {
            LoginOutcome::Success => "32",
            LoginOutcome::NotTried { .. } => "2",
            LoginOutcome::TemporarilyUnavailable | LoginOutcome::EncryptionRequired => "33",
            _ => "31",
        };
        let mut line = format!(
            "{}{}",
            tr(l, "  └ login: ", "  └ 登录：", "  └ 登入："),
            self.login_label(r)
        );
        if let Some(m) = &r.mechanism {
            line.push_str(&format!(" [{m}]"));
        }
        if let (false, Some(reply)) = (r.result.is_success(), &r.reply) {
            line.push_str(&format!(" — {}", reply.as_str()));
        }
        // The hint names exactly the risk its consent covers, and the consent
        // names the host and, for a certificate, its fingerprint.
        if let Some(allow) = InsecureAllow::offer(report) {
            let risk = match (&allow.certificate_sha256, l) {
                (None, Lang::En) => {
                    "no encryption: anyone on the network path can read the password".to_owned()
                }
                (None, Lang::ZhHans) => "不加密：网络路径上的任何人都能读到密码".to_owned(),
                (None, Lang::ZhHant) => "不加密：網路路徑上的任何人都能讀到密碼".to_owned(),
                (Some(fp), Lang::En) => format!(
                    "the certificate is not trusted; this covers only the certificate with SHA-256 {fp}"
                ),
                (Some(fp), Lang::ZhHans) => {
                    format!("证书不受信任；只适用于 SHA-256 为 {fp} 的证书")
                }
                (Some(fp), Lang::ZhHant) => {
                    format!("憑證不受信任；只適用於 SHA-256 為 {fp} 的憑證")
                }
            };
            line.push_str(&format!(
                " ({} {risk}: --allow-insecure-auth {allow})",
                tr(l, "at your own risk,", "风险自负，", "風險自負，")
            ));
        }
        writeln!(out, "{}", self.paint(&line, color))?;
        for c in &r.mailbox_checks {
            writeln!(
                out,
                "      EXAMINE INBOX {}: {} — {}",
                if c.after_id {
                    tr(l, "after ID", "发送 ID 后", "傳送 ID 後")
                } else {
                    tr(l, "without ID", "未发送 ID", "未傳送 ID")
                },
                if c.ok { "OK" } else { "NO" },
                c.reply.as_str()
            )?;
        }
        Ok(())
    }

    pub(crate) fn advice(&self, out: &mut dyn Write, s: &ProbeSummary) -> std::io::Result<()> {
        if s.advice.is_empty() {
            return Ok(());
        }
        let l = self.lang;
        writeln!(
            out,
            "\n{}",
            self.paint(tr(l, "Advice:", "建议：", "建議："), "1")
        )?;
        for a in &s.advice {
            let (mark, color) = match a.severity {
                Severity::Error => ("✗", "31"),
                Severity::Warning => ("!", "33"),
                Severity::Info => ("i", "2"),
            };
            writeln!(out, "  {} {}", self.paint(mark, color), a.text(l))?;
            if let Some(link) = &a.link {
                writeln!(out, "    → {link}")?;
            }
        }
        Ok(())
    }

    pub(crate) fn recommendation(
        &self,
        out: &mut dyn Write,
        s: &ProbeSummary,
    ) -> std::io::Result<()> {
        let l = self.lang;
        writeln!(
            out,
            "\n{}",
            self.paint(
                tr(
                    l,
                    "Recommendation (RFC 8314: implicit TLS first, then STARTTLS; never plaintext):",
                    "推荐设置（RFC 8314：优先隐式 TLS，其次 STARTTLS；绝不使用明文）：",
                    "推薦設定（RFC 8314：優先隱式 TLS，其次 STARTTLS；絕不使用明文）：",
                ),
                "1"
            )
        )?;
        for rec in &s.recommendations {
            match &rec.endpoint {
                Some(e) => {
                    let mut line = format!(
                        "  {}{}:{} {}",
                        pad(rec.protocol.label(), 6),
                        e.host,
                        e.port,
                        e.security.as_str()
                    );
                    if !rec.alternatives.is_empty() {
                        // Another host is named; each alternative is listed once.
                        let alts: Vec<String> = rec
                            .alternatives
                            .iter()
                            .map(|a| {
                                if a.host == e.host {
                                    format!("{} {}", a.port, a.security.as_str())
                                } else {
                                    format!("{}:{} {}", a.host, a.port, a.security.as_str())
                                }
                            })
                            .collect();
                        line.push_str(&format!(
                            "   ({} {})",
                            tr(l, "also:", "也可：", "也可："),
                            alts.join(", ")
                        ));
                    }
                    writeln!(out, "{}", self.paint(&line, "32"))?;
                }
                None => writeln!(
                    out,
                    "  {}{}",
                    pad(rec.protocol.label(), 6),
                    self.paint(
                        tr(
                            l,
                            "no secure way in found",
                            "未找到安全的连接方式",
                            "未找到安全的連線方式"
                        ),
                        "31"
                    )
                )?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fake::{FakeOutcome, report, with_login};
    use crate::check::recommend;
    use crate::probe::{Protocol, Security};

    fn summary(reports: Vec<EndpointReport>, protocols: &[Protocol]) -> ProbeSummary {
        ProbeSummary {
            schema: crate::check::summary::JSON_SCHEMA_ID.to_owned(),
            target: Some("test".to_owned()),
            source: None,
            recommendations: recommend(&reports, protocols, None),
            endpoints: reports,
            advice: Vec::new(),
            exit_code: 0,
        }
    }

    fn recommendation_text(s: &ProbeSummary) -> String {
        let mut out = Vec::new();
        Style {
            color: false,
            lang: Lang::En,
        }
        .recommendation(&mut out, s)
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn secure(protocol: Protocol, host: &str, port: u16, security: Security) -> EndpointReport {
        report(
            &Endpoint::new(protocol, host, port, security),
            FakeOutcome::Secure,
            10,
        )
    }

    /// Alternatives on other hosts name their host, and each is listed once
    /// (it used to read `(also: 110 starttls, 110 starttls)`).
    #[test]
    fn recommendation_names_other_hosts_and_lists_each_alternative_once() {
        use Protocol::Pop3;
        use Security::{Starttls, Tls};
        let s = summary(
            vec![
                secure(Pop3, "pop.a.test", 995, Tls),
                secure(Pop3, "pop.a.test", 110, Starttls),
                secure(Pop3, "pop.b.test", 110, Starttls),
                secure(Pop3, "pop.c.test", 110, Starttls),
                // The same endpoint reported twice (reused and probed) is one alternative.
                secure(Pop3, "pop.c.test", 110, Starttls),
            ],
            &[Pop3],
        );
        let text = recommendation_text(&s);
        let line = text.lines().find(|l| l.contains("POP3")).unwrap();
        assert_eq!(
            line,
            "  POP3  pop.a.test:995 tls   (also: 110 starttls, pop.b.test:110 starttls, pop.c.test:110 starttls)",
            "{text}"
        );
    }

    /// With a login test, an endpoint where the login failed or no password
    /// mechanism was offered is not recommended as equal to one where it
    /// worked, even when its transport ranks higher (RFC 8314: 465 before 587).
    #[test]
    fn with_a_login_test_only_endpoints_where_it_worked_are_recommended() {
        use Protocol::Smtp;
        use Security::{Starttls, Tls};
        let worked = || {
            with_login(
                secure(Smtp, "smtp.a.test", 587, Starttls),
                LoginOutcome::Success,
            )
        };
        for failed in [
            LoginOutcome::CredentialsRejected,
            LoginOutcome::MechanismNotOffered {
                offered: vec!["XOAUTH2".to_owned()],
            },
        ] {
            let s = summary(
                vec![
                    with_login(secure(Smtp, "smtp.a.test", 465, Tls), failed.clone()),
                    worked(),
                ],
                &[Smtp],
            );
            let rec = &s.recommendations[0];
            assert_eq!(
                rec.endpoint.as_ref().map(|e| e.port),
                Some(587),
                "{failed:?}"
            );
            assert!(rec.alternatives.is_empty(), "{failed:?}: {rec:?}");
            let text = recommendation_text(&s);
            assert!(text.contains("smtp.a.test:587 starttls"), "{text}");
            assert!(!text.contains("465"), "{failed:?}: {text}");
        }
        // Where the login worked nowhere, the transport order decides again.
        let s = summary(
            vec![
                with_login(
                    secure(Smtp, "smtp.a.test", 587, Starttls),
                    LoginOutcome::CredentialsRejected,
                ),
                with_login(
                    secure(Smtp, "smtp.a.test", 465, Tls),
                    LoginOutcome::CredentialsRejected,
                ),
            ],
            &[Smtp],
        );
        assert_eq!(s.best(Smtp).map(|e| e.port), Some(465));
    }
}
