//! The TLS client configuration discovery uses for HTTPS and for live checks.
//!
//! Certificates are always verified: against the Mozilla roots (webpki-roots,
//! so results do not depend on the machine's store) plus any extra CA the user
//! names (`--ca-file`, read once by `probe::tls::load_pem_certs`; the tests use
//! their own CA this way). The crypto provider
//! is ring, the same as the rest of mailconf.

use super::DiscoverError;
use rustls::ClientConfig;
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

/// A client configuration trusting the webpki roots plus `extra_roots`.
pub fn client_config(
    extra_roots: &[CertificateDer<'static>],
) -> Result<Arc<ClientConfig>, DiscoverError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in extra_roots {
        roots
            .add(cert.clone())
            .map_err(|e| DiscoverError::Setup(format!("extra CA certificate refused: {e}")))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| DiscoverError::Setup(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
