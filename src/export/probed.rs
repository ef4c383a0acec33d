//! Exports from what the probe verified, not only from the database.
//!
//! [`apply_probe`] replaces the database's chosen servers by the best secure
//! endpoint per protocol that a probe found (RFC 8314 order: implicit TLS, then
//! STARTTLS; never plaintext) and records what was verified, so every format can say
//! "tested by mailconf on …" instead of "from the provider database".

use super::ExportError;
use super::settings::{AccountSettings, EndpointVerdict, ProbeVerified, Verification};
use crate::probe::{EndpointReport, Protocol, recommend};

/// Uses the probe's `reports` for `settings`: the incoming protocol already chosen
/// and SMTP. Fails with [`ExportError::NothingSecure`] when a protocol has no secure
/// endpoint, so nothing unverified is exported as if it had been tested.
pub fn apply_probe(
    settings: &mut AccountSettings,
    reports: &[EndpointReport],
) -> Result<(), ExportError> {
    let incoming = settings.incoming.protocol;
    let recs = recommend(reports, &[incoming, Protocol::Smtp]);
    let mut verdicts = Vec::new();
    for (rec, ep) in recs
        .iter()
        .zip([&mut settings.incoming, &mut settings.outgoing])
    {
        let best = rec.endpoint.as_ref().ok_or(ExportError::NothingSecure {
            protocol: rec.protocol,
        })?;
        let report =
            reports
                .iter()
                .find(|r| &r.endpoint == best)
                .ok_or(ExportError::NothingSecure {
                    protocol: rec.protocol,
                })?;
        ep.host.clone_from(&best.host);
        ep.port = best.port;
        ep.security = best.security;
        verdicts.push(EndpointVerdict {
            verdict: report.summary.to_string(),
            tls_version: report.tls.as_ref().map(|t| t.version.clone()),
            cert_sha256: report
                .tls
                .as_ref()
                .and_then(|t| t.certificates.first())
                .map(|c| c.sha256.clone()),
            login_ok: None,
        });
    }
    let (Some(outgoing), Some(incoming)) = (verdicts.pop(), verdicts.pop()) else {
        return Err(ExportError::NothingSecure { protocol: incoming });
    };
    let when = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    settings.verified = Verification::Probed {
        when,
        summary: ProbeVerified { incoming, outgoing },
    };
    Ok(())
}
