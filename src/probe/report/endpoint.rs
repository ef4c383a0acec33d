//! [`Endpoint`]: one way into a mail server (protocol, host, port, security
//! mode), the unit every probe, report and recommendation is keyed by.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::providers::{Protocol, Security};

/// One way in: protocol, host, port and security mode.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Endpoint {
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// Host name or IP address as given.
    pub host: String,
    /// The standard (logical) port; `--port-map` may connect elsewhere.
    pub port: u16,
    /// tls, starttls or plain.
    pub security: Security,
}

impl Endpoint {
    /// A new endpoint.
    pub fn new(protocol: Protocol, host: &str, port: u16, security: Security) -> Endpoint {
        Endpoint {
            protocol,
            host: host.to_owned(),
            port,
            security,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(
            f,
            "{} {host}:{} {}",
            self.protocol.label(),
            self.port,
            self.security.as_str()
        )
    }
}
