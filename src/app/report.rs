//! The diagnostic report for a helpdesk: versions, what was tested, every row's
//! verdict and the advice. Never the password (transcripts are redacted by the
//! engine, and the secret field is not read here).

use super::backend::Verdict;
use super::panels::results::login_word;
use super::state::{RowState, Session};
use crate::providers::Database;
use std::fmt::Write as _;

/// The report, in the UI language where the advice has translations.
pub fn diagnostic(session: &Session, db: &Database) -> String {
    let lang = session.lang;
    let probe = &session.probe;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "mailconf {} diagnostic report",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "os: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let _ = writeln!(out, "target: {}", probe.target);
    if let Some(e) = session.provider(db) {
        let _ = writeln!(out, "provider: {} ({})", e.provider.id, e.provider.name.en);
    }
    let _ = writeln!(out);
    for r in &probe.rows {
        let state = match &r.state {
            RowState::Pending => "pending".to_owned(),
            RowState::Cancelled => "cancelled".to_owned(),
            RowState::Done(o) => {
                let mut s = match o.verdict {
                    Verdict::Secure => "secure".to_owned(),
                    Verdict::Insecure(why) => format!("insecure ({why:?})"),
                    Verdict::Failed(why) => format!("failed ({why:?})"),
                    Verdict::Blocked => "blocked (no answer to connect)".to_owned(),
                };
                if let Some(ms) = o.latency_ms {
                    let _ = write!(s, ", {ms} ms");
                }
                if let Some(v) = &o.tls_version {
                    let _ = write!(s, ", {v}");
                }
                if let Some(c) = &o.cert {
                    let _ = write!(s, ", certificate {:?}", c.verdict);
                }
                if let Some(l) = o.report.as_ref().and_then(|r| r.login.as_ref()) {
                    let _ = write!(
                        s,
                        ", login: {}",
                        login_word(&l.result).get(crate::i18n::Lang::En)
                    );
                }
                if let Some(d) = &o.detail {
                    let _ = write!(s, " — {d}");
                }
                s
            }
        };
        let _ = writeln!(
            out,
            "{:<5} {:<28} {:>5} {:<9} {}",
            r.spec.protocol.label(),
            r.spec.host,
            r.spec.port,
            r.spec.security.as_str(),
            state
        );
    }
    let advice = probe.advice(session.provider(db).map(|e| &e.provider));
    if !advice.is_empty() {
        let _ = writeln!(out);
        for a in advice {
            let _ = writeln!(out, "- [{:?}] {}", a.severity, a.text.get(lang));
            if let Some(link) = a.link {
                let _ = writeln!(out, "  {link}");
            }
        }
    }
    out
}
