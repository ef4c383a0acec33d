//! Checking a candidate server live.
//!
//! Discovery needs a yes/no for guessed servers ("does `pop.example.com:995`
//! speak POP3?") and gets it from a [`Verifier`] its caller passes in: the
//! check layer passes the probe engine (`crate::check::lookup::ProbeVerifier`),
//! tests pass simpler ones. Discovery itself connects nowhere but through it.

use crate::dns::BoxFuture;
use crate::providers::Server;
use schemars::JsonSchema;
use serde::Serialize;
use tokio::time::Instant;
/// The result of a live check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Verification {
    /// Whether the server answered like the protocol's server.
    pub ok: bool,
    /// The greeting line when it did; what went wrong when it did not (escaped).
    pub detail: super::Note,
    /// The address connected to (`IP:port`, after port mapping), when a connection was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// Checks one candidate live. Object-safe; the probe engine implements it too.
pub trait Verifier: Send + Sync {
    /// Checks `server` and answers by `deadline`.
    fn verify<'a>(&'a self, server: &'a Server, deadline: Instant) -> BoxFuture<'a, Verification>;
}
