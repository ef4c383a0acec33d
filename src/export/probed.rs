//! Exports from what a check verified, not only from the database.
//!
//! [`apply_probe`] replaces the database's chosen servers by the endpoint the
//! check's summary recommends per protocol (the one ranking: RFC 8314 order,
//! the provider's preference, a successful login; never plaintext) and records
//! what was verified, so every format can say "tested by mailconf on …"
//! instead of "from the provider database".

use super::ExportError;
use super::settings::{AccountSettings, EndpointVerdict, ProbeVerified, Verification};
use crate::check::ProbeSummary;
use crate::probe::Protocol;
use crate::probe::report::summary_in;
use crate::providers::Localized;

/// Uses the check's `summary` for `settings`: the incoming protocol already
/// chosen and SMTP. Fails with [`ExportError::NothingSecure`] when a protocol
/// has no recommended endpoint, so nothing unverified is exported as if it had
/// been tested.
pub fn apply_probe(
    settings: &mut AccountSettings,
    summary: &ProbeSummary,
) -> Result<(), ExportError> {
    let incoming = settings.incoming.protocol;
    let mut verdicts = Vec::new();
    for (protocol, ep) in [
        (incoming, &mut settings.incoming),
        (Protocol::Smtp, &mut settings.outgoing),
    ] {
        let nothing = || ExportError::NothingSecure { protocol };
        let best = summary.best(protocol).ok_or_else(nothing)?;
        let report = summary.report(best).ok_or_else(nothing)?;
        ep.host.clone_from(&best.host);
        ep.port = best.port;
        ep.security = best.security;
        verdicts.push(EndpointVerdict {
            verdict: report.summary.to_string(),
            tls_version: report.tls.as_ref().map(|t| t.version.clone()),
            cert_sha256: report.tls.as_ref().and_then(|t| t.leaf_sha256.clone()),
            login_ok: report.login.as_ref().map(|l| l.result.is_success()),
            in_words: Some(Box::new(Localized::each(|lang| {
                summary_in(report, lang).to_string()
            }))),
        });
    }
    let (Some(outgoing), Some(incoming_verdict)) = (verdicts.pop(), verdicts.pop()) else {
        return Err(ExportError::NothingSecure { protocol: incoming });
    };
    let when = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    settings.verified = Verification::Probed {
        when,
        summary: ProbeVerified {
            incoming: incoming_verdict,
            outgoing,
        },
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fake::{FakeOutcome, report};
    use crate::check::plan::{classify, plan};
    use crate::export::{ExportOptions, Format};
    use crate::i18n::{Lang, english_left};
    use crate::probe::Endpoint;
    use crate::providers::{Address, Database, Security};

    /// A Chinese file's "tested by mailconf" lines say the verdict in Chinese
    /// and the TLS version once (it was the English summary, then the version again).
    #[test]
    fn a_tested_export_says_its_verdicts_in_the_users_language() {
        let db = Database::bundled();
        let typed = classify(db, "alice@163.com").unwrap();
        let plan = plan("alice@163.com", &typed, &[], db, None).unwrap();
        let reports = vec![
            report(
                &Endpoint::new(Protocol::Pop3, "pop.163.com", 995, Security::Tls),
                FakeOutcome::Secure,
                30,
            ),
            report(
                &Endpoint::new(Protocol::Smtp, "smtp.163.com", 465, Security::Tls),
                FakeOutcome::Secure,
                30,
            ),
        ];
        let summary = ProbeSummary::of(&plan, reports);
        let provider = &db.by_id("163").unwrap().provider;
        let address = Address::parse("alice@163.com").unwrap();
        let mut settings =
            AccountSettings::from_provider(provider, Some(&address), Protocol::Pop3).unwrap();
        apply_probe(&mut settings, &summary).unwrap();
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            let text = Format::Fetchmail
                .exporter(&ExportOptions::default())
                .render(&settings, lang)
                .unwrap();
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| l.contains("pop.163.com:995") || l.contains("smtp.163.com:465"))
                .filter(|l| l.starts_with('#'))
                .collect();
            assert_eq!(lines.len(), 2, "{text}");
            for l in lines {
                assert_eq!(l.matches("TLS 1.3").count(), 1, "{l}");
                let allowed = [
                    "TLS13_AES_256_GCM_SHA384",
                    "pop.163.com",
                    "smtp.163.com",
                    "SSL/TLS",
                    "TLS 1.3",
                    "SHA-256",
                    "POP3",
                    "SMTP",
                    "TLS",
                ];
                let hex: String = l
                    .split_whitespace()
                    .filter(|w| {
                        w.contains(':')
                            && w.chars().all(|c| {
                                c.is_ascii_hexdigit() || c == ':' || c == '；' || c == '，'
                            })
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut all = allowed.to_vec();
                all.extend(hex.split(' '));
                assert_eq!(english_left(l, &all), None, "{l}");
            }
        }
    }
}
