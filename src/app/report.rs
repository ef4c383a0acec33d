//! The diagnostic report for a helpdesk: when and what was tested, every row's
//! verdict in words, the recommended settings, the advice and the (redacted)
//! transcripts. Only the results of the account in the form (never another
//! one's), and never the password: transcripts are redacted by the engine and
//! the secret field is not read here.

use super::state::{RowState, Session};
use crate::i18n::msg;
use crate::providers::Database;
use std::fmt::Write as _;

/// The report, in the UI language; the technical parts (replies,
/// transcripts, endpoints) verbatim.
pub fn diagnostic(session: &Session, db: &Database) -> String {
    let lang = session.lang;
    let check = &session.check;
    let mut out = String::new();
    let when = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        msg!(
            lang,
            "report-title",
            version = env!("CARGO_PKG_VERSION"),
            when = when
        )
    );
    let _ = writeln!(
        out,
        "{}",
        msg!(
            lang,
            "report-system",
            os = std::env::consts::OS,
            arch = std::env::consts::ARCH
        )
    );
    if !session.results_current() {
        let _ = writeln!(
            out,
            "{}",
            msg!(lang, "report-not-tested", account = session.account_key())
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}",
        msg!(lang, "report-target", target = check.target.as_str())
    );
    if !session.username.trim().is_empty() {
        let _ = writeln!(
            out,
            "{}",
            msg!(lang, "report-username", username = session.username.trim())
        );
    }
    if let Some(e) = session.provider(db) {
        let _ = writeln!(
            out,
            "{}",
            msg!(
                lang,
                "report-provider",
                name = e.provider.name.get(lang),
                id = e.provider.id.as_str()
            )
        );
    }
    if let Some(f) = &check.failure {
        let _ = writeln!(
            out,
            "{}",
            msg!(lang, "report-could-not-run", error = f.error.to_string())
        );
    }
    let _ = writeln!(out);
    for r in &check.rows {
        let e = &r.endpoint;
        let state = match &r.state {
            RowState::Pending => msg!(lang, "report-pending"),
            RowState::Cancelled => msg!(lang, "report-cancelled"),
            RowState::Done(report) => {
                let result = msg!(
                    lang,
                    "report-result",
                    verdict = super::panels::results::verdict_words(report, lang),
                    ms = report.timings.total_ms,
                    summary = crate::probe::report::summary_in(report, lang).to_string()
                );
                match &report.login {
                    Some(l) => msg!(
                        lang,
                        "report-result-login",
                        result = result,
                        login = super::panels::results::login_word(&l.result).get(lang)
                    ),
                    None => result,
                }
            }
        };
        let _ = writeln!(
            out,
            "{} {}:{} {} — {state}",
            e.protocol.label(),
            e.host,
            e.port,
            e.security.as_str(),
        );
    }
    if let Some(summary) = session.summary() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", msg!(lang, "report-recommended"));
        for rec in &summary.recommendations {
            match &rec.endpoint {
                Some(e) => {
                    let _ = writeln!(out, "  {e}");
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {}",
                        msg!(lang, "report-none", protocol = rec.protocol.label())
                    );
                }
            }
        }
        if !summary.advice.is_empty() {
            let _ = writeln!(out);
            for a in &summary.advice {
                let _ = writeln!(out, "- {}", a.text.get(lang));
                if let Some(link) = &a.link {
                    let _ = writeln!(out, "  {link}");
                }
            }
        }
    }
    for r in &check.rows {
        if let RowState::Done(report) = &r.state {
            let _ = writeln!(out, "\n== {} ==\n{}", report.endpoint, report.transcript);
        }
    }
    out
}
