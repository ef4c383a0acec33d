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
