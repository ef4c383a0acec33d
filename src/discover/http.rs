//! Fetching autoconfig documents over HTTPS, carefully.
//!
//! reqwest over rustls does the HTTP; this module sets the rules around it:
//!
//! - host names resolve through discovery's own [`Resolver`] (so `--dns` covers
//!   HTTP too and nothing falls back to the system resolver);
//! - certificates are verified ([`super::tls::client_config`]);
//! - at most [`MAX_REDIRECTS`] redirects, and only to HTTPS unless plain HTTP was
//!   explicitly allowed;
//! - no proxies from the environment, no cookies, no compression;
//! - the body is read chunk by chunk and refused the moment it passes
//!   [`MAX_XML_BYTES`], so a huge or endless answer costs at most 1 MiB;
//! - every request ends by the shared deadline.

use super::{DiscoverError, PortMap};
use crate::dns::Resolver;
pub use crate::providers::autoconfig::MAX_XML_BYTES;
use reqwest::Url;
use std::error::Error as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Redirects followed at most.
pub const MAX_REDIRECTS: usize = 3;

/// What a fetch brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A 2xx answer with this body.
    Body {
        /// The document.
        text: String,
        /// The answer came over plain HTTP (a redirect from HTTPS to `http://`,
        /// followed only with the plain-HTTP opt-in): nothing protected it.
        plain_http: bool,
    },
    /// The document is not there: the HTTP status (404 or 410).
    Missing(u16),
}

/// An HTTP client bound to one discovery (its resolver and deadline).
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    deadline: Instant,
    port_map: PortMap,
}

/// Lets reqwest resolve host names through a [`Resolver`].
struct DnsAdapter {
    resolver: Arc<dyn Resolver>,
    deadline: Instant,
}

impl reqwest::dns::Resolve for DnsAdapter {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let resolver = self.resolver.clone();
        let deadline = self.deadline;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let ips = resolver.ips(&host, deadline).await?;
            let addrs: reqwest::dns::Addrs =
                Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

impl Fetcher {
    /// A client for one discovery.
    pub fn new(
        resolver: Arc<dyn Resolver>,
        tls: Arc<rustls::ClientConfig>,
        allow_http: bool,
        port_map: PortMap,
        deadline: Instant,
    ) -> Result<Self, DiscoverError> {
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                let url = attempt.url().to_string();
                return attempt.error(DiscoverError::TooManyRedirects {
                    url,
                    max: MAX_REDIRECTS,
                });
            }
            if attempt.url().scheme() != "https" && !allow_http {
                let to = attempt.url().to_string();
                return attempt.error(DiscoverError::InsecureRedirect { to });
            }
            attempt.follow()
        });
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured((*tls).clone())
            .dns_resolver(DnsAdapter { resolver, deadline })
            .redirect(policy)
            .no_proxy()
            .referer(false)
            .https_only(!allow_http)
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("mailconf/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| DiscoverError::Setup(chain(&e)))?;
        Ok(Self {
            client,
            deadline,
            port_map,
        })
    }

    /// `url` with its port mapped (443 or 80 by default) through the port map.
    pub fn mapped(&self, mut url: Url) -> Url {
        if let Some(port) = url.port_or_known_default() {
            let to = self.port_map.map(port);
            if to != port {
                let _ = url.set_port(Some(to));
            }
        }
        url
    }

    /// GETs `url` (ports mapped) and reads at most [`MAX_XML_BYTES`] of it.
    pub async fn get(&self, url: Url) -> Result<Fetched, DiscoverError> {
        let shown = url.to_string();
        let url = self.mapped(url);
        let fetch = async {
            let mut resp = self
                .client
                .get(url)
                .header(reqwest::header::ACCEPT, "application/xml, text/xml;q=0.9")
                .send()
                .await
                .map_err(|e| map_error(&shown, &e))?;
            let status = resp.status();
            let plain_http = resp.url().scheme() != "https";
            if status == reqwest::StatusCode::NOT_FOUND || status == reqwest::StatusCode::GONE {
                return Ok(Fetched::Missing(status.as_u16()));
            }
            if !status.is_success() {
                return Err(DiscoverError::HttpStatus {
                    url: shown.clone(),
                    status: status.as_u16(),
                });
            }
            let too_large = || DiscoverError::TooLarge {
                url: shown.clone(),
                limit: MAX_XML_BYTES,
            };
            if resp
                .content_length()
                .is_some_and(|n| n > MAX_XML_BYTES as u64)
            {
                return Err(too_large());
            }
            let mut body: Vec<u8> = Vec::new();
            while let Some(chunk) = resp.chunk().await.map_err(|e| map_error(&shown, &e))? {
                if body.len() + chunk.len() > MAX_XML_BYTES {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            String::from_utf8(body)
                .map(|text| Fetched::Body { text, plain_http })
                .map_err(|_| DiscoverError::NotUtf8 { url: shown.clone() })
        };
        match tokio::time::timeout_at(self.deadline, fetch).await {
            Ok(r) => r,
            Err(_) => Err(DiscoverError::Deadline { url: shown.clone() }),
        }
    }
}

/// Turns a reqwest error into the most specific [`DiscoverError`]: our own
/// redirect refusals and DNS errors are found in the source chain.
fn map_error(url: &str, e: &reqwest::Error) -> DiscoverError {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = e.source();
    while let Some(c) = cur {
        if let Some(d) = c.downcast_ref::<DiscoverError>() {
            return d.clone();
        }
        if let Some(d) = c.downcast_ref::<crate::dns::DnsError>() {
            return DiscoverError::Dns(d.clone());
        }
        cur = c.source();
    }
    let url = url.to_owned();
    if e.is_timeout() {
        return DiscoverError::TimedOut { url };
    }
    if e.is_connect() {
        // The innermost cause says it best ("Connection refused", a TLS alert…).
        let mut root: &dyn std::error::Error = e;
        while let Some(next) = root.source() {
            root = next;
        }
        let target = e
            .url()
            .map(|u| {
                format!(
                    "{}:{}",
                    u.host_str().unwrap_or_default(),
                    u.port_or_known_default().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        return DiscoverError::Connect {
            url,
            target,
            detail: root.to_string(),
        };
    }
    DiscoverError::Http {
        url,
        detail: chain(e),
    }
}

/// An error and its causes, joined with ": ", without repeats.
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cur {
        let s = c.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = c.source();
    }
    parts.join(": ")
}
