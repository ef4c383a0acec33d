//! TLS configuration and the truth about a server's certificate.
//!
//! Two client configurations over the same trust anchors (webpki-roots,
//! optionally the operating system's store, plus certificates from a user CA file):
//!
//! - [`TlsContext::verifying_config`]: normal verification; an invalid
//!   certificate aborts the handshake.
//! - [`TlsContext::report_only_config`]: the [`report_only`] verifier runs the
//!   same verification, *records* its result and lets the handshake finish so
//!   the probe can still read capabilities and tell the user more. An endpoint
//!   probed this way whose verification failed is reported insecure
//!   (`tls-error`) and must never be used for credentials.
//!
//! [`summarize`] turns a finished handshake into a [`TlsReport`]: version,
//! cipher suite, chain verdict, hostname match and certificate details parsed
//! with x509-parser. rustls cannot negotiate TLS below 1.2; the resulting
//! protocol-version failure is classified as [`TlsErrorKind::ProtocolVersion`].

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::{CertificateError, ClientConfig, RootCertStore};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::server_text::ServerText;

/// Why TLS is not trustworthy on an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TlsErrorKind {
    /// The certificate's notAfter is in the past.
    Expired,
    /// The certificate's notBefore is in the future.
    NotYetValid,
    /// The certificate does not name the host.
    WrongName,
    /// A self-signed certificate that no trust anchor vouches for.
    SelfSigned,
    /// The chain does not lead to a trusted root.
    UnknownIssuer,
    /// Another certificate problem (bad signature, revoked, bad encoding…).
    InvalidCertificate,
    /// The server offers only TLS below 1.2.
    ProtocolVersion,
    /// The server refused the handshake (alert `handshake_failure` or
    /// `insufficient_security`) or picked a cipher suite that was not offered:
    /// it accepts none of the suites rustls offers (TLS 1.2/1.3, ECDHE key
    /// exchange, AEAD). The usual cause is a server that offers only RSA or
    /// DHE key exchange, which rustls does not implement.
    NoCommonCipher,
    /// The handshake failed (alert, no common cipher, connection closed…).
    HandshakeFailed,
    /// The server did not speak TLS at all (plaintext on a TLS port?).
    NotTls,
}

impl TlsErrorKind {
    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            TlsErrorKind::Expired => "expired",
            TlsErrorKind::NotYetValid => "not-yet-valid",
            TlsErrorKind::WrongName => "wrong-name",
            TlsErrorKind::SelfSigned => "self-signed",
            TlsErrorKind::UnknownIssuer => "unknown-issuer",
            TlsErrorKind::InvalidCertificate => "invalid-certificate",
            TlsErrorKind::ProtocolVersion => "protocol-version",
            TlsErrorKind::NoCommonCipher => "no-common-cipher",
            TlsErrorKind::HandshakeFailed => "handshake-failed",
            TlsErrorKind::NotTls => "not-tls",
        }
    }

    /// Whether this is a certificate problem (as opposed to a handshake problem).
    pub fn is_certificate(self) -> bool {
        matches!(
            self,
            TlsErrorKind::Expired
                | TlsErrorKind::NotYetValid
                | TlsErrorKind::WrongName
                | TlsErrorKind::SelfSigned
                | TlsErrorKind::UnknownIssuer
                | TlsErrorKind::InvalidCertificate
        )
    }
}

impl fmt::Display for TlsErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict on the certificate chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChainVerdict {
    /// Valid, chains to a trust anchor, names the host.
    Trusted,
    /// A problem, see the kind.
    Invalid(TlsErrorKind),
}

/// How the certificate was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CertMode {
    /// Verification failures are recorded and the probe goes on reading
    /// capabilities; the endpoint is then marked insecure. Never for credentials.
    #[default]
    ReportOnly,
    /// Verification failures abort the handshake.
    Enforce,
}

/// A TLS setup error (unreadable CA file…).
#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    /// The CA file could not be read or parsed.
    #[error("cannot use CA file {path}: {message}")]
    CaFile {
        /// The file.
        path: String,
        /// What went wrong (the system's or the PEM reader's words).
        message: String,
    },
    /// The CA file does not exist.
    #[error("cannot use CA file {path}: it does not exist")]
    CaFileMissing {
        /// The file.
        path: String,
    },
    /// The CA file holds no certificate.
    #[error("cannot use CA file {path}: no CERTIFICATE block found")]
    NoCertificate {
        /// The file.
        path: String,
    },
    /// rustls refused the configuration.
    #[error("TLS configuration error: {0}")]
    Config(String),
}

/// Reads every certificate of a PEM file.
pub fn load_pem_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsSetupError> {
    let err = |message: String| TlsSetupError::CaFile {
        path: path.display().to_string(),
        message,
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| match e {
            rustls_pki_types::pem::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                TlsSetupError::CaFileMissing {
                    path: path.display().to_string(),
                }
            }
            e => err(e.to_string()),
        })?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| err(e.to_string()))?;
    if certs.is_empty() {
        return Err(TlsSetupError::NoCertificate {
            path: path.display().to_string(),
        });
    }
    Ok(certs)
}

impl TlsSetupError {
    /// The error for people, in `lang` (the `Display` text is the English
    /// of logs); the system's or rustls's words stay as the detail.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        match self {
            TlsSetupError::CaFile { path, message } => msg!(
                lang,
                "with-detail",
                sentence = msg!(lang, "ca-file-unusable", path = path.as_str()),
                detail = message.as_str()
            ),
            TlsSetupError::CaFileMissing { path } => {
                msg!(lang, "ca-file-missing", path = path.as_str())
            }
            TlsSetupError::NoCertificate { path } => msg!(
                lang,
                "ca-file-no-certificate",
                path = path.as_str(),
                marker = "-----BEGIN CERTIFICATE-----"
            ),
            TlsSetupError::Config(m) => msg!(
                lang,
                "with-detail",
                sentence = msg!(lang, "tls-setup-refused"),
                detail = m.as_str()
            ),
        }
    }
}

/// Trust anchors and crypto provider shared by all connections of a probe.
#[derive(Debug, Clone)]
pub struct TlsContext {
    roots: Arc<RootCertStore>,
    provider: Arc<CryptoProvider>,
    verifier: Arc<WebPkiServerVerifier>,
}

impl TlsContext {
    /// webpki-roots plus `extra_roots` (from `--ca-file`).
    pub fn new(extra_roots: &[CertificateDer<'static>]) -> Result<TlsContext, TlsSetupError> {
        TlsContext::with_roots(extra_roots, false)
    }

    /// webpki-roots, plus the operating system's store when `os_store` is set
    /// (certificates it cannot parse are skipped), plus `extra_roots`.
    pub fn with_roots(
        extra_roots: &[CertificateDer<'static>],
        os_store: bool,
    ) -> Result<TlsContext, TlsSetupError> {
        let mut roots = RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if os_store {
            let native = rustls_native_certs::load_native_certs();
            if native.certs.is_empty() && !native.errors.is_empty() {
                let messages: Vec<String> = native.errors.iter().map(|e| e.to_string()).collect();
                return Err(TlsSetupError::Config(format!(
                    "cannot read the system certificate store: {}",
                    messages.join("; ")
                )));
            }
            roots.add_parsable_certificates(native.certs);
        }
        for c in extra_roots {
            roots
                .add(c.clone())
                .map_err(|e| TlsSetupError::Config(format!("extra trust anchor: {e}")))?;
        }
        let roots = Arc::new(roots);
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
            .build()
            .map_err(|e| TlsSetupError::Config(e.to_string()))?;
        Ok(TlsContext {
            roots,
            provider,
            verifier,
        })
    }

    /// A configuration that refuses invalid certificates.
    pub fn verifying_config(&self) -> Result<Arc<ClientConfig>, TlsSetupError> {
        let cfg = ClientConfig::builder_with_provider(self.provider.clone())
            .with_protocol_versions(rustls::ALL_VERSIONS)
            .map_err(|e| TlsSetupError::Config(e.to_string()))?
            .with_root_certificates(self.roots.clone())
            .with_no_client_auth();
        Ok(Arc::new(cfg))
    }

    /// A configuration for one connection whose verifier records the verdict
    /// instead of failing. See [`report_only`].
    pub fn report_only_config(
        &self,
    ) -> Result<(Arc<ClientConfig>, Arc<report_only::ReportOnlyVerifier>), TlsSetupError> {
        let verifier = Arc::new(report_only::ReportOnlyVerifier::new(self.verifier.clone()));
        let cfg = ClientConfig::builder_with_provider(self.provider.clone())
            .with_protocol_versions(rustls::ALL_VERSIONS)
            .map_err(|e| TlsSetupError::Config(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone())
            .with_no_client_auth();
        Ok((Arc::new(cfg), verifier))
    }
}

/// The report-only certificate verifier. Dangerous by design, and named so.
pub mod report_only {
    use std::sync::{Arc, Mutex};

    use rustls::client::WebPkiServerVerifier;
    use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
    use rustls::{DigitallySignedStruct, SignatureScheme};
    use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

    /// Runs the real webpki verification, records its result, and accepts the
    /// certificate regardless so the probe can read capabilities through it.
    /// Handshake signatures are still verified for real. A connection made with
    /// this verifier whose [`outcome`](Self::outcome) is an error is insecure and
    /// must never carry credentials.
    #[derive(Debug)]
    pub struct ReportOnlyVerifier {
        inner: Arc<WebPkiServerVerifier>,
        outcome: Mutex<Option<Result<(), rustls::Error>>>,
    }

    impl ReportOnlyVerifier {
        pub(super) fn new(inner: Arc<WebPkiServerVerifier>) -> Self {
            ReportOnlyVerifier {
                inner,
                outcome: Mutex::new(None),
            }
        }

        /// The real verification's result; `None` before the certificate was seen.
        pub fn outcome(&self) -> Option<Result<(), rustls::Error>> {
            self.outcome
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .clone()
        }
    }

    impl ServerCertVerifier for ReportOnlyVerifier {
        fn verify_server_cert(
            &self,
            end_entity: &CertificateDer<'_>,
            intermediates: &[CertificateDer<'_>],
            server_name: &ServerName<'_>,
            ocsp_response: &[u8],
            now: UnixTime,
        ) -> Result<ServerCertVerified, rustls::Error> {
            let result = self
                .inner
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
                .map(|_| ());
            *self
                .outcome
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(result);
            Ok(ServerCertVerified::assertion())
        }

        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            self.inner.verify_tls12_signature(message, cert, dss)
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            self.inner.verify_tls13_signature(message, cert, dss)
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.inner.supported_verify_schemes()
        }
    }
}

/// One certificate, summarized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CertificateSummary {
    /// Subject distinguished name, escaped.
    pub subject: ServerText,
    /// Issuer distinguished name, escaped.
    pub issuer: ServerText,
    /// Subject alternative names (DNS names and IP addresses), escaped.
    pub sans: Vec<ServerText>,
    /// notBefore, RFC 3339 UTC.
    pub not_before: String,
    /// notAfter, RFC 3339 UTC.
    pub not_after: String,
    /// Whole days until notAfter (negative when expired).
    pub days_left: i64,
    /// SHA-256 of the DER, uppercase hex pairs joined by `:`.
    pub sha256: String,
    /// Issuer equals subject.
    pub self_signed: bool,
}

/// Summarizes a DER certificate; `None` if x509-parser cannot read it.
pub fn summarize_certificate(der: &[u8], now: UnixTime) -> Option<CertificateSummary> {
    use x509_parser::prelude::*;
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let sans = match cert.subject_alternative_name() {
        Ok(Some(ext)) => ext
            .value
            .general_names
            .iter()
            .map(|gn| match gn {
                GeneralName::DNSName(s) => ServerText::from_bytes(s.as_bytes()),
                GeneralName::IPAddress(b) => ServerText::from_bytes(ip_text(b).as_bytes()),
                other => ServerText::from_bytes(format!("{other:?}").as_bytes()),
            })
            .collect(),
        _ => Vec::new(),
    };
    let validity = cert.validity();
    let not_after = validity.not_after.timestamp();
    let now = now.as_secs() as i64;
    let subject = cert.subject().to_string();
    let issuer = cert.issuer().to_string();
    Some(CertificateSummary {
        self_signed: cert.subject().as_raw() == cert.issuer().as_raw(),
        subject: ServerText::from_bytes(subject.as_bytes()),
        issuer: ServerText::from_bytes(issuer.as_bytes()),
        sans,
        not_before: rfc3339(validity.not_before.timestamp()),
        not_after: rfc3339(not_after),
        days_left: (not_after - now).div_euclid(86_400),
        sha256: fingerprint(der),
    })
}

fn ip_text(b: &[u8]) -> String {
    match b.len() {
        4 => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            std::net::Ipv6Addr::from(a).to_string()
        }
        _ => format!("{b:02x?}"),
    }
}

/// SHA-256 fingerprint as `AB:CD:…`.
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        tod / 3600,
        tod / 60 % 60,
        tod % 60
    )
}

/// Maps a rustls certificate error to a kind.
pub fn certificate_error_kind(e: &CertificateError, leaf_self_signed: bool) -> TlsErrorKind {
    match e {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            TlsErrorKind::Expired
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            TlsErrorKind::NotYetValid
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            TlsErrorKind::WrongName
        }
        CertificateError::UnknownIssuer if leaf_self_signed => TlsErrorKind::SelfSigned,
        CertificateError::UnknownIssuer => TlsErrorKind::UnknownIssuer,
        _ => TlsErrorKind::InvalidCertificate,
    }
}

/// Classifies a failed handshake (the error tokio-rustls returned).
pub fn classify_handshake_error(e: &std::io::Error) -> (TlsErrorKind, String) {
    use rustls::{AlertDescription, Error, PeerIncompatible, PeerMisbehaved};
    let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<Error>()) else {
        let kind = TlsErrorKind::HandshakeFailed;
        return match e.kind() {
            std::io::ErrorKind::UnexpectedEof => (
                kind,
                "the server closed the connection during the TLS handshake".to_owned(),
            ),
            _ => (kind, e.to_string()),
        };
    };
    // The message is rustls's own words, kept as the detail; the sentence
    // that explains the kind comes from the catalog (`probe::report::summary`).
    let msg = tls.to_string();
    let kind = match tls {
        Error::AlertReceived(AlertDescription::ProtocolVersion)
        | Error::PeerIncompatible(PeerIncompatible::ServerDoesNotSupportTls12Or13) => {
            TlsErrorKind::ProtocolVersion
        }
        Error::AlertReceived(
            AlertDescription::HandshakeFailure | AlertDescription::InsufficientSecurity,
        )
        | Error::PeerMisbehaved(PeerMisbehaved::SelectedUnofferedCipherSuite) => {
            TlsErrorKind::NoCommonCipher
        }
        Error::InvalidCertificate(ce) => certificate_error_kind(ce, false),
        Error::InvalidMessage(_) => TlsErrorKind::NotTls,
        _ => TlsErrorKind::HandshakeFailed,
    };
    (kind, msg)
}

/// What TLS looked like on an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TlsReport {
    /// `TLS 1.3` or `TLS 1.2`.
    pub version: String,
    /// IANA cipher suite name, e.g. `TLS13_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// How the certificate was checked.
    pub cert_mode: CertMode,
    /// The chain verdict.
    pub chain: ChainVerdict,
    /// rustls's message when the chain is not trusted.
    pub chain_error: Option<ServerText>,
    /// Whether the leaf certificate names the host (checked on its own, even
    /// when the chain is untrusted); `None` when there is no certificate.
    pub hostname_match: Option<bool>,
    /// The certificates the server sent, leaf first.
    pub certificates: Vec<CertificateSummary>,
    /// SHA-256 of the leaf certificate's DER (`AB:CD:…`), even when it could
    /// not be parsed: what a consent to an untrusted certificate names.
    pub leaf_sha256: Option<String>,
}

/// The verdict on the chain from the verification's outcome. Fails closed: in
/// report-only mode a missing outcome (the verifier never ran) is not trust.
/// In enforce mode an established connection means rustls verified the chain.
pub fn chain_verdict(
    cert_mode: CertMode,
    outcome: Option<Result<(), rustls::Error>>,
    leaf_self_signed: bool,
) -> (ChainVerdict, Option<ServerText>) {
    match (cert_mode, outcome) {
        (_, Some(Ok(()))) | (CertMode::Enforce, None) => (ChainVerdict::Trusted, None),
        (CertMode::ReportOnly, None) => (
            ChainVerdict::Invalid(TlsErrorKind::InvalidCertificate),
            Some(ServerText::new(
                "the certificate was not verified (no verification result)",
            )),
        ),
        (_, Some(Err(e))) => {
            let kind = match &e {
                rustls::Error::InvalidCertificate(ce) => {
                    certificate_error_kind(ce, leaf_self_signed)
                }
                _ => TlsErrorKind::InvalidCertificate,
            };
            (
                ChainVerdict::Invalid(kind),
                Some(ServerText::new(&e.to_string())),
            )
        }
    }
}

/// Builds the report of an established connection.
///
/// `outcome` is the recorded verification (report-only mode); `None` in
/// enforce mode, where an established connection means the chain was trusted
/// (see [`chain_verdict`]: in report-only mode `None` is not trusted).
pub fn summarize(
    conn: &rustls::ClientConnection,
    server_name: &ServerName<'_>,
    outcome: Option<Result<(), rustls::Error>>,
    cert_mode: CertMode,
    now: UnixTime,
) -> TlsReport {
    let version = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3".to_owned(),
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2".to_owned(),
        Some(v) => format!("{v:?}"),
        None => "unknown".to_owned(),
    };
    let cipher_suite = conn
        .negotiated_cipher_suite()
        .map(|s| {
            s.suite()
                .as_str()
                .map_or_else(|| format!("{:?}", s.suite()), str::to_owned)
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let chain_der = conn.peer_certificates().unwrap_or_default();
    let certificates: Vec<CertificateSummary> = chain_der
        .iter()
        .filter_map(|c| summarize_certificate(c, now))
        .collect();
    let leaf_self_signed = certificates.first().is_some_and(|c| c.self_signed);
    let leaf_sha256 = chain_der.first().map(|leaf| fingerprint(leaf));
    let hostname_match = chain_der.first().map(|leaf| {
        rustls::server::ParsedCertificate::try_from(leaf)
            .and_then(|p| rustls::client::verify_server_name(&p, server_name))
            .is_ok()
    });
    let (chain, chain_error) = chain_verdict(cert_mode, outcome, leaf_self_signed);
    TlsReport {
        version,
        cipher_suite,
        cert_mode,
        chain,
        chain_error,
        hostname_match,
        certificates,
        leaf_sha256,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn fingerprint_format() {
        let f = fingerprint(b"");
        assert!(f.starts_with("E3:B0:C4:42"));
        assert_eq!(f.len(), 32 * 3 - 1);
    }

    /// F9: the report-only verifier failed open: no recorded result counted
    /// as a trusted chain.
    #[test]
    fn f9_report_only_without_a_verification_result_is_not_trusted() {
        let (v, why) = chain_verdict(CertMode::ReportOnly, None, false);
        assert_eq!(v, ChainVerdict::Invalid(TlsErrorKind::InvalidCertificate));
        assert!(why.unwrap().contains("not verified"));
        assert_eq!(
            chain_verdict(CertMode::Enforce, None, false).0,
            ChainVerdict::Trusted
        );
        assert_eq!(
            chain_verdict(CertMode::ReportOnly, Some(Ok(())), false).0,
            ChainVerdict::Trusted
        );
        let (v, _) = chain_verdict(
            CertMode::ReportOnly,
            Some(Err(rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer,
            ))),
            true,
        );
        assert_eq!(v, ChainVerdict::Invalid(TlsErrorKind::SelfSigned));
    }

    #[test]
    fn context_builds_both_configs() {
        let ctx = TlsContext::new(&[]).unwrap();
        ctx.verifying_config().unwrap();
        let (_, v) = ctx.report_only_config().unwrap();
        assert!(v.outcome().is_none());
    }
}
