//! A small live check for the discovery tests: TCP connect, the TLS handshake
//! on implicit-TLS ports (certificate verified), and the first reply line,
//! which must look like the protocol's greeting. It sends nothing. Discovery
//! takes its verifier as an argument; the app and the CLI pass the probe engine.

use mailconf::discover::{PortMap, Verification, Verifier};
use mailconf::dns::{BoxFuture, Resolver};
use mailconf::providers::{Protocol, Security, Server};
use mailconf::server_text::ServerText;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt as _};
use tokio::net::TcpStream;
use tokio::time::Instant;

fn failed(detail: impl Into<String>, address: Option<SocketAddr>) -> Verification {
    Verification {
        ok: false,
        detail: ServerText::new(&detail.into()).into(),
        address: address.map(|a| a.to_string()),
    }
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
            Err(e) => return failed(e.to_string(), None),
        };
        let port = self.port_map.map(server.port);
        let mut last = failed("no address to connect to", None);
        for ip in ips {
            let addr = SocketAddr::new(ip, port);
            let until = deadline.min(Instant::now() + self.connect_timeout);
            let stream = match tokio::time::timeout_at(until, TcpStream::connect(addr)).await {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => {
                    last = failed(format!("cannot connect: {e}"), Some(addr));
                    continue;
                }
                Err(_) => {
                    last = failed("no connection before the deadline", Some(addr));
                    continue;
                }
            };
            return match server.security {
                Security::Tls => {
                    let Ok(name) = rustls_pki_types::ServerName::try_from(server.host.clone())
                    else {
                        return failed("not a valid TLS server name", Some(addr));
                    };
                    let handshake = self.tls.connect(name, stream);
                    match tokio::time::timeout_at(deadline, handshake).await {
                        Ok(Ok(tls)) => greeting(tls, server.protocol, addr, deadline).await,
                        Ok(Err(e)) => failed(format!("TLS handshake failed: {e}"), Some(addr)),
                        Err(_) => {
                            failed("TLS handshake not finished before the deadline", Some(addr))
                        }
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
        Err(_) => failed("connected, but no greeting before the deadline", Some(addr)),
        Ok(Err(e)) => failed(format!("connected, but reading failed: {e}"), Some(addr)),
        Ok(Ok(false)) if buf.is_empty() => failed(
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
            detail: ServerText::new(&line).into(),
            address: Some(addr.to_string()),
        }
    } else {
        failed(
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
    fn banner_greetings() {
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
        assert!(
            !bad.ok && bad.detail.to_string().contains("SMTP"),
            "{bad:?}"
        );
    }
}
