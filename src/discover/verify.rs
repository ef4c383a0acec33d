//! Checking a candidate server live.
//!
//! Discovery needs a yes/no for guessed servers ("does `pop.example.com:995`
//! speak POP3?") but must not depend on the full probe engine, which is written
//! elsewhere and plugs in through [`Verifier`]. The built-in [`BannerVerifier`]
//! is deliberately small: resolve, connect, do the TLS handshake where the port
//! uses implicit TLS (certificate verified), and read the first reply line,
//! which must look like the protocol's greeting. It sends nothing and never logs in.

use crate::dns::{BoxFuture, Resolver};
use crate::providers::{Protocol, Security, Server};
use schemars::JsonSchema;
use serde::Serialize;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt as _};
use tokio::net::TcpStream;
use tokio::time::Instant;

use super::PortMap;

/// The result of a live check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Verification {
    /// Whether the server answered like the protocol's server.
    pub ok: bool,
    /// The greeting line when it did; what went wrong when it did not (escaped).
    pub detail: crate::server_text::ServerText,
    /// The address connected to (`IP:port`, after port mapping), when a connection was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Verification {
    fn failed(detail: impl Into<String>, address: Option<SocketAddr>) -> Self {
        Self {
            ok: false,
            detail: crate::server_text::ServerText::new(&detail.into()),
            address: address.map(|a| a.to_string()),
        }
    }
}

/// Checks one candidate live. Object-safe; the probe engine implements it too.
pub trait Verifier: Send + Sync {
    /// Checks `server` and answers by `deadline`.
    fn verify<'a>(&'a self, server: &'a Server, deadline: Instant) -> BoxFuture<'a, Verification>;
}

/// The built-in check: TCP connect, TLS handshake on implicit-TLS ports, first line.
pub struct BannerVerifier {
    resolver: Arc<dyn Resolver>,
    port_map: PortMap,
    tls: tokio_rustls::TlsConnector,
    /// Longest wait for one connection attempt.
    pub connect_timeout: Duration,
}

/// The greeting line is read up to this many bytes.
const MAX_GREETING: usize = 512;

impl BannerVerifier {
    /// A verifier resolving through `resolver`, connecting to mapped ports.
    pub fn new(
        resolver: Arc<dyn Resolver>,
        port_map: PortMap,
        tls: Arc<rustls::ClientConfig>,
    ) -> Self {
        Self {
            resolver,
            port_map,
            tls: tokio_rustls::TlsConnector::from(tls),
            connect_timeout: Duration::from_secs(5),
        }
    }

    async fn check(&self, server: &Server, deadline: Instant) -> Verification {
        let ips = match self.resolver.ips(&server.host, deadline).await {
            Ok(ips) => ips,
            Err(e) => return Verification::failed(e.to_string(), None),
        };
        let port = self.port_map.map(server.port);
        let mut last = Verification::failed("no address to connect to", None);
        for ip in ips {
            let addr = SocketAddr::new(ip, port);
            let until = deadline.min(Instant::now() + self.connect_timeout);
            let stream = match tokio::time::timeout_at(until, TcpStream::connect(addr)).await {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => {
                    last = Verification::failed(format!("cannot connect: {e}"), Some(addr));
                    continue;
                }
                Err(_) => {
                    last = Verification::failed("no connection before the deadline", Some(addr));
                    continue;
                }
            };
            return match server.security {
                Security::Tls => {
                    let Ok(name) = rustls_pki_types::ServerName::try_from(server.host.clone())
                    else {
                        return Verification::failed("not a valid TLS server name", Some(addr));
                    };
                    let handshake = self.tls.connect(name, stream);
                    match tokio::time::timeout_at(deadline, handshake).await {
                        Ok(Ok(tls)) => greeting(tls, server.protocol, addr, deadline).await,
                        Ok(Err(e)) => {
                            Verification::failed(format!("TLS handshake failed: {e}"), Some(addr))
                        }
                        Err(_) => Verification::failed(
                            "TLS handshake not finished before the deadline",
                            Some(addr),
                        ),
                    }
                }
                Security::Starttls | Security::Plain => {
                    greeting(stream, server.protocol, addr, deadline).await
                }
            };
        }
        last
    }
}

impl Verifier for BannerVerifier {
    fn verify<'a>(&'a self, server: &'a Server, deadline: Instant) -> BoxFuture<'a, Verification> {
        Box::pin(self.check(server, deadline))
    }
}

/// Reads the first line and judges it.
async fn greeting<S: AsyncRead + Unpin>(
    mut stream: S,
    protocol: Protocol,
    addr: SocketAddr,
    deadline: Instant,
) -> Verification {
    let mut buf = Vec::with_capacity(128);
    let read = async {
        let mut chunk = [0u8; 256];
        loop {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok::<bool, std::io::Error>(false);
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf.contains(&b'\n') || buf.len() >= MAX_GREETING {
                return Ok(true);
            }
        }
    };
    match tokio::time::timeout_at(deadline, read).await {
        Err(_) => {
            Verification::failed("connected, but no greeting before the deadline", Some(addr))
        }
        Ok(Err(e)) => {
            Verification::failed(format!("connected, but reading failed: {e}"), Some(addr))
        }
        Ok(Ok(false)) if buf.is_empty() => Verification::failed(
            "connected, but the server closed without a greeting",
            Some(addr),
        ),
        Ok(Ok(_)) => {
            let end = buf
                .iter()
                .position(|b| *b == b'\n')
                .unwrap_or(buf.len())
                .min(MAX_GREETING);
            let line = String::from_utf8_lossy(&buf[..end]).trim_end().to_owned();
            judge(protocol, line, addr)
        }
    }
}

/// Whether `line` is a welcoming greeting of `protocol`.
fn judge(protocol: Protocol, line: String, addr: SocketAddr) -> Verification {
    let upper = line.to_ascii_uppercase();
    let ok = match protocol {
        Protocol::Pop3 => upper.starts_with("+OK"),
        Protocol::Imap => upper.starts_with("* OK") || upper.starts_with("* PREAUTH"),
        Protocol::Smtp => upper.starts_with("220"),
    };
    if ok {
        Verification {
            ok: true,
            detail: crate::server_text::ServerText::new(&line),
            address: Some(addr.to_string()),
        }
    } else {
        Verification::failed(
            format!(
                "answered, but not like a {} server: {line:?}",
                protocol.label()
            ),
            Some(addr),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr() -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], 1))
    }

    #[test]
    fn greetings() {
        assert!(judge(Protocol::Pop3, "+OK Dovecot ready.".into(), addr()).ok);
        assert!(!judge(Protocol::Pop3, "-ERR go away".into(), addr()).ok);
        assert!(
            judge(
                Protocol::Imap,
                "* OK [CAPABILITY IMAP4rev1] hi".into(),
                addr()
            )
            .ok
        );
        assert!(!judge(Protocol::Imap, "* BYE".into(), addr()).ok);
        assert!(judge(Protocol::Smtp, "220 mx ESMTP".into(), addr()).ok);
        let bad = judge(Protocol::Smtp, "+OK pop".into(), addr());
        assert!(!bad.ok && bad.detail.contains("SMTP"), "{bad:?}");
    }
}
