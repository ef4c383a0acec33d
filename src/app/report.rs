//! The diagnostic report for a helpdesk: when and what was tested, every row's
//! verdict in words, the recommended settings, the advice and the (redacted)
//! transcripts. Only the results of the account in the form (never another
//! one's), and never the password: transcripts are redacted by the engine and
//! the secret field is not read here.

use super::state::{RowState, Session};
use crate::providers::Database;
use std::fmt::Write as _;

/// The report, in the UI language where the words have translations; the
/// technical parts (replies, transcripts) verbatim.
pub fn diagnostic(session: &Session, db: &Database) -> String {
    let lang = session.lang;
    let check = &session.check;
    let mut out = String::new();
    let when = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "mailconf {} diagnostic report, {when}",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "os: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    if !session.results_current() {
        let _ = writeln!(out, "no test of {} yet", session.account_key());
        return out;
    }
    let _ = writeln!(out, "target: {}", check.target);
    if !session.username.trim().is_empty() {
        let _ = writeln!(out, "username: {}", session.username.trim());
    }
    if let Some(e) = session.provider(db) {
        let _ = writeln!(
            out,
            "provider: {} ({})",
            e.provider.name.get(lang),
            e.provider.id
        );
    }
    if let Some(f) = &check.failure {
        let _ = writeln!(out, "the test could not run: {}", f.error);
    }
    let _ = writeln!(out);
    for r in &check.rows {
        let e = &r.endpoint;
        let state = match &r.state {
            RowState::Pending => "pending".to_owned(),
            RowState::Cancelled => "cancelled".to_owned(),
            RowState::Done(report) => {
                let mut s = format!(
                    "{} ({} ms): {}",
                    report.verdict.name(),
                    report.timings.total_ms,
                    crate::probe::report::summary_in(report, lang)
                );
                if let Some(l) = &report.login {
                    let _ = write!(
                        s,
                        "; login: {}",
                        super::panels::results::login_word(&l.result).get(lang)
                    );
                }
                s
            }
        };
        let _ = writeln!(
            out,
            "{:<5} {:<28} {:>5} {:<9} {}",
            e.protocol.label(),
            e.host,
            e.port,
            e.security.as_str(),
            state
        );
    }
    if let Some(summary) = session.summary() {
        let _ = writeln!(out);
        let _ = writeln!(out, "recommended:");
        for rec in &summary.recommendations {
            match &rec.endpoint {
                Some(e) => {
                    let _ = writeln!(out, "  {}", e);
                }
                None => {
                    let _ = writeln!(out, "  {}: none", rec.protocol.label());
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
