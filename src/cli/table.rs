//! The human output of `mailconf probe`: the streaming table, the login line
//! under a row, the recommendation and the advice, in the user's language.
//!
//! Colour only on a terminal, never with `NO_COLOR`.

use std::collections::BTreeMap;
use std::io::Write;

use super::layout::{display_width, wrap};
use super::pad;
use crate::advice::Severity;
use crate::check::ProbeSummary;
use crate::i18n::Lang;
use crate::i18n::msg;
use crate::probe::login::{InsecureAllow, LoginOutcome, LoginReport, NotTriedReason};
use crate::probe::tls::TlsErrorKind;
use crate::probe::{Endpoint, EndpointReport, Verdict};

/// Whether every endpoint is on the same host (then the PORT column shows only ports).
fn endpoints_share_host(endpoints: &[Endpoint]) -> bool {
    endpoints.windows(2).all(|w| w[0].host == w[1].host)
}

/// What the PORT column shows for `e`: the port when every endpoint is on one
/// host, else `host:port` (`[v6]:port`).
fn place(e: &Endpoint, same_host: bool) -> String {
    if same_host {
        e.port.to_string()
    } else if e.host.contains(':') {
        format!("[{}]:{}", e.host, e.port)
    } else {
        format!("{}:{}", e.host, e.port)
    }
}

/// The PORT cell: [`place`], and the port it is really reached on when
/// `--port-map` moved it ("110 (→10110)"). The columns are measured with it too.
fn place_cell(e: &Endpoint, connect_port: u16, same_host: bool) -> String {
    let place = place(e, same_host);
    if connect_port == e.port {
        place
    } else {
        format!("{place} (→{connect_port})")
    }
}

/// Every TLS problem a RESULT cell can name, for the column's width.
const TLS_KINDS: [TlsErrorKind; 10] = [
    TlsErrorKind::Expired,
    TlsErrorKind::NotYetValid,
    TlsErrorKind::WrongName,
    TlsErrorKind::SelfSigned,
    TlsErrorKind::UnknownIssuer,
    TlsErrorKind::InvalidCertificate,
    TlsErrorKind::ProtocolVersion,
    TlsErrorKind::NoCommonCipher,
    TlsErrorKind::HandshakeFailed,
    TlsErrorKind::NotTls,
];

/// Narrowest DETAILS column kept beside the others; below it the details go
/// on their own lines under the row.
const MIN_DETAILS: usize = 24;

/// DETAILS wide enough for a summary on one or two lines.
const ROOMY_DETAILS: usize = 48;

/// Indent of the lines a row continues on when its cells do not fit beside each other.
const UNDER: &str = "    ";

/// The probe table's columns, measured in terminal columns from what they
/// will hold (titles and every label in the language, the planned
/// endpoints), so that the table fits the terminal's width.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    protocol: usize,
    place: usize,
    security: usize,
    result: usize,
    time: usize,
    /// Every endpoint on one host: PORT holds only ports.
    pub(crate) same_host: bool,
}

pub(crate) struct Style {
    pub(crate) color: bool,
    pub(crate) lang: Lang,
    /// The terminal's width in columns (see `cli::layout::terminal_width`).
    pub(crate) width: usize,
    /// `--port-map`: the port each listed port is really reached on, shown
    /// beside it ("110 (→10110)").
    pub(crate) port_map: BTreeMap<u16, u16>,
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
            Verdict::Secure => msg!(l, "verdict-secure"),
            Verdict::InsecurePlaintextOnly { .. } => msg!(l, "verdict-plaintext"),
            Verdict::TlsError { tls_kind } => msg!(
                l,
                "verdict-tls-error",
                problem = crate::probe::report::summary::tls_kind_label(*tls_kind, l)
            ),
            Verdict::Refused => msg!(l, "verdict-refused"),
            Verdict::TimedOut { .. } => msg!(l, "verdict-timed-out"),
            Verdict::ProtocolError => msg!(l, "verdict-protocol-error"),
            Verdict::DnsError { .. } => msg!(l, "verdict-dns-error"),
        }
    }

    fn verdict_color(v: &Verdict) -> &'static str {
        match v {
            Verdict::Secure => "32",
            Verdict::InsecurePlaintextOnly { .. } => "33",
            Verdict::TimedOut { .. } | Verdict::Refused | Verdict::DnsError { .. } => "2",
            Verdict::TlsError { .. } | Verdict::ProtocolError => "31",
        }
    }

    /// The columns for a table of `endpoints`.
    pub(crate) fn columns(&self, endpoints: &[Endpoint]) -> Columns {
        let l = self.lang;
        let w = |s: &str| display_width(s);
        let same_host = endpoints_share_host(endpoints);
        let place = endpoints
            .iter()
            .map(|e| {
                let connect = self.port_map.get(&e.port).copied().unwrap_or(e.port);
                w(&place_cell(e, connect, same_host))
            })
            .max()
            .unwrap_or(5);
        let mut results = vec![
            msg!(l, "verdict-secure"),
            msg!(l, "verdict-plaintext"),
            msg!(l, "verdict-refused"),
            msg!(l, "verdict-timed-out"),
            msg!(l, "verdict-protocol-error"),
            msg!(l, "verdict-dns-error"),
        ];
        results.extend(TLS_KINDS.iter().map(|k| {
            msg!(
                l,
                "verdict-tls-error",
                problem = crate::probe::report::summary::tls_kind_label(*k, l)
            )
        }));
        let widest = |labels: &[String]| {
            labels
                .iter()
                .map(|r| w(r))
                .chain([w(&msg!(l, "table-result"))])
                .max()
                .unwrap_or(10)
                + 2
        };
        let mut c = Columns {
            protocol: w(&msg!(l, "table-protocol")).max(4) + 2,
            place: w(&msg!(l, "table-port")).max(place) + 2,
            security: w(&msg!(l, "table-security")).max(8) + 2,
            result: widest(&results),
            time: w(&msg!(l, "table-time")).max(w(&msg!(l, "ui-latency", ms = 10_000))) + 2,
            same_host,
        };
        // RESULT is as wide as the longest TLS problem only while DETAILS
        // keeps room for a sentence beside it; else as wide as the short
        // verdicts, and a row with a long TLS problem takes the room it needs.
        let fixed = c.protocol + c.place + c.security + c.result + c.time;
        if fixed + ROOMY_DETAILS > self.width {
            c.result = widest(&results[..6]);
        }
        c
    }

    /// One line of the table: the cells padded to their columns and DETAILS
    /// wrapped beside them; when the cells leave too little room, DETAILS goes
    /// under them, and when the cells alone are wider than the terminal, they
    /// are wrapped too. No line is wider than the terminal.
    fn table_line(
        &self,
        out: &mut dyn Write,
        cells: [(&str, usize, Option<&str>); 5],
        details: &str,
    ) -> std::io::Result<()> {
        let paint = |text: String, code: Option<&str>| match code {
            Some(code) => self.paint(&text, code),
            None => text,
        };
        let aligned: usize = cells
            .iter()
            .map(|(t, w, _)| (*w).max(display_width(t) + 1))
            .sum();
        if aligned <= self.width {
            let line: String = cells
                .iter()
                .map(|(t, w, code)| paint(pad(t, *w), *code))
                .collect();
            if self.width - aligned >= MIN_DETAILS || details.is_empty() {
                let indent = " ".repeat(aligned);
                let wrapped = wrap(details, self.width - aligned, "");
                writeln!(out, "{}", format!("{line}{}", wrapped[0]).trim_end())?;
                for l in &wrapped[1..] {
                    writeln!(out, "{indent}{l}")?;
                }
                return Ok(());
            }
            writeln!(out, "{}", line.trim_end())?;
        } else {
            let joined: Vec<String> = cells.iter().map(|(t, _, _)| (*t).to_owned()).collect();
            for l in wrap(&joined.join(" "), self.width, UNDER) {
                writeln!(out, "{l}")?;
            }
        }
        if !details.is_empty() {
            for l in wrap(details, self.width - UNDER.len(), "") {
                writeln!(out, "{UNDER}{l}")?;
            }
        }
        Ok(())
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
                "{}",
                msg!(
                    l,
                    "table-probing",
                    host = first.host.as_str(),
                    count = endpoints.len()
                )
            )?;
        }
        let c = self.columns(endpoints);
        let bold = Some("1");
        let titles = [
            msg!(l, "table-protocol"),
            msg!(l, "table-port"),
            msg!(l, "table-security"),
            msg!(l, "table-result"),
            msg!(l, "table-time"),
        ];
        self.table_line(
            out,
            [
                (&titles[0], c.protocol, bold),
                (&titles[1], c.place, bold),
                (&titles[2], c.security, bold),
                (&titles[3], c.result, bold),
                (&titles[4], c.time, bold),
            ],
            &self.paint(&msg!(l, "table-details"), "1"),
        )
    }

    fn detail(&self, r: &EndpointReport) -> String {
        let summary = crate::probe::report::summary_in(r, self.lang).to_string();
        match r.session.effective_caps().map(|c| c.summary()) {
            Some(caps) if !caps.is_empty() => msg!(
                self.lang,
                "table-details-with-capabilities",
                summary = summary,
                capabilities = caps
            ),
            _ => summary,
        }
    }

    pub(crate) fn row(
        &self,
        out: &mut dyn Write,
        r: &EndpointReport,
        c: &Columns,
    ) -> std::io::Result<()> {
        let e = &r.endpoint;
        let place = place_cell(e, r.connect_port, c.same_host);
        let label = self.verdict_label(&r.verdict);
        let time = msg!(self.lang, "ui-latency", ms = r.timings.total_ms);
        self.table_line(
            out,
            [
                (e.protocol.label(), c.protocol, None),
                (&place, c.place, None),
                (e.security.as_str(), c.security, None),
                (&label, c.result, Some(Self::verdict_color(&r.verdict))),
                (&time, c.time, None),
            ],
            &self.detail(r),
        )
    }

    fn login_label(&self, r: &LoginReport) -> String {
        let l = self.lang;
        match &r.result {
            LoginOutcome::Success => msg!(l, "login-success"),
            LoginOutcome::CredentialsRejected => msg!(l, "login-credentials-rejected"),
            LoginOutcome::AuthorizationCodeRequired => {
                msg!(l, "login-authorization-code-required")
            }
            LoginOutcome::AppPasswordRequired => msg!(l, "login-app-password-required"),
            LoginOutcome::ServiceDisabled => msg!(l, "login-service-disabled"),
            LoginOutcome::Oauth2Required => msg!(l, "login-oauth2-required"),
            LoginOutcome::TemporarilyUnavailable => msg!(l, "login-temporarily-unavailable"),
            LoginOutcome::EncryptionRequired => msg!(l, "login-encryption-required"),
            LoginOutcome::MechanismNotOffered { .. } => msg!(l, "login-mechanism-not-offered"),
            LoginOutcome::ConnectionProblem { .. } => msg!(l, "login-connection-problem"),
            LoginOutcome::UnexpectedReply => msg!(l, "login-unexpected-reply"),
            LoginOutcome::NotTried { reason } => {
                let why = match reason {
                    NotTriedReason::Plaintext => msg!(l, "not-tried-plaintext"),
                    NotTriedReason::UntrustedCertificate { tls_kind } => msg!(
                        l,
                        "not-tried-untrusted-certificate",
                        problem = crate::probe::report::summary::tls_kind_label(*tls_kind, l)
                    ),
                    NotTriedReason::CredentialsRejectedElsewhere { endpoint } => msg!(
                        l,
                        "not-tried-rejected-elsewhere",
                        protocol = endpoint.protocol.label(),
                        port = endpoint.port.to_string()
                    ),
                    NotTriedReason::LoginFailedElsewhere { endpoint, outcome } => msg!(
                        l,
                        "not-tried-failed-elsewhere",
                        protocol = endpoint.protocol.label(),
                        port = endpoint.port.to_string(),
                        outcome = outcome.to_string()
                    ),
                    NotTriedReason::ProbeFailed => msg!(l, "not-tried-probe-failed"),
                    NotTriedReason::Preauthenticated => msg!(l, "not-tried-preauthenticated"),
                };
                msg!(l, "login-not-tried", why = why)
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
        let mut line = format!("  {}", msg!(l, "login-line", outcome = self.login_label(r)));
        if let Some(m) = &r.mechanism {
            line.push_str(&format!(" [{m}]"));
        }
        if let (false, Some(reply)) = (r.result.is_success(), &r.reply) {
            line.push_str(&format!(" — {}", reply.as_str()));
        }
        // The hint names exactly the risk its consent covers, and the consent
        // names the host and, for a certificate, its fingerprint.
        if let Some(allow) = InsecureAllow::offer(report) {
            let risk = match &allow.certificate_sha256 {
                None => msg!(l, "login-risk-plaintext"),
                Some(fp) => msg!(l, "login-risk-certificate", fingerprint = fp.as_str()),
            };
            line.push_str(&msg!(
                l,
                "login-at-your-own-risk",
                risk = risk,
                flag = format!("--allow-insecure-auth {allow}")
            ));
        }
        writeln!(out, "{}", self.paint(&line, color))?;
        for c in &r.mailbox_checks {
            writeln!(
                out,
                "      EXAMINE INBOX {}: {} — {}",
                if c.after_id {
                    msg!(l, "mailbox-check-after-id")
                } else {
                    msg!(l, "mailbox-check-without-id")
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
        writeln!(out, "\n{}", self.paint(&msg!(l, "advice-heading"), "1"))?;
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
            self.paint(&msg!(l, "recommendation-heading"), "1")
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
                        line.push_str(&msg!(
                            l,
                            "recommendation-also",
                            alternatives = alts.join(&msg!(l, "list-comma"))
                        ));
                    }
                    writeln!(out, "{}", self.paint(&line, "32"))?;
                }
                None => writeln!(
                    out,
                    "  {}{}",
                    pad(rec.protocol.label(), 6),
                    self.paint(&msg!(l, "recommendation-none"), "31")
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
        recommendation_in(Lang::En, s)
    }

    fn recommendation_in(lang: Lang, s: &ProbeSummary) -> String {
        let mut out = Vec::new();
        Style {
            color: false,
            lang,
            width: 120,
            port_map: BTreeMap::new(),
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

    /// One host: the PORT column is as wide as a port needs, so SECURITY
    /// follows it closely; many hosts: `host:port` has room, and one longer
    /// than the column still keeps a space before SECURITY.
    #[test]
    fn the_port_column_fits_what_it_holds() {
        use Protocol::Pop3;
        use Security::{Starttls, Tls};
        let mut style = Style {
            color: false,
            lang: Lang::En,
            width: 120,
            port_map: BTreeMap::new(),
        };
        let row = |style: &Style, r: &EndpointReport, planned: &[Endpoint]| {
            let mut out = Vec::new();
            style.row(&mut out, r, &style.columns(planned)).unwrap();
            String::from_utf8(out).unwrap()
        };
        let a995 = Endpoint::new(Pop3, "pop.a.test", 995, Tls);
        let a110 = Endpoint::new(Pop3, "pop.a.test", 110, Starttls);
        let one = row(
            &style,
            &secure(Pop3, "pop.a.test", 995, Tls),
            &[a995.clone(), a110.clone()],
        );
        // PROTOCOL (its title, 8 + 2), then PORT as wide as its title (4 + 2):
        // it was 14 wide for 3-digit ports, room for a port map nobody gave.
        assert_eq!(one.find("tls"), Some(10 + 6), "{one:?}");
        // With --port-map the column has room for the port reached.
        style.port_map.insert(995, 10995);
        let mut mapped = secure(Pop3, "pop.a.test", 995, Tls);
        mapped.connect_port = 10995;
        let moved = row(&style, &mapped, &[a995.clone(), a110]);
        assert!(
            moved.starts_with("POP3      995 (→10995)  tls"),
            "{moved:?}"
        );
        style.port_map.clear();
        // Columns measured for other hosts; a longer one still keeps a space.
        let b110 = Endpoint::new(Pop3, "pop.b.test", 110, Starttls);
        let long = row(
            &style,
            &secure(Pop3, "a-very-long-host-name.example.test", 110, Starttls),
            &[a995, b110],
        );
        assert!(
            long.contains("a-very-long-host-name.example.test:110 starttls"),
            "{long:?}"
        );
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
        // Chinese lists them with its enumeration comma, not ", ".
        let text = recommendation_in(Lang::ZhHans, &s);
        assert!(
            text.contains(
                "（也可：110 starttls、pop.b.test:110 starttls、pop.c.test:110 starttls）"
            ),
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
