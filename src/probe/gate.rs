//! The per-run lockout gate: serializes the logins of one run and remembers
//! the first one that went wrong, so that once a server has rejected the
//! password (or a login that sent it did not clearly succeed) no other
//! endpoint sends it.
//!
//! It waits on a tokio mutex, so it lives with the driver, apart from
//! [`login`](super::login), which the sans-IO machines import.

use std::sync::Arc;

use super::login::{LoginOutcome, NotTriedReason};
use super::report::Endpoint;

/// Serializes the logins of one run and remembers the first one that went
/// wrong, so that once a server has rejected the password (or a login that
/// sent it did not clearly succeed) nothing else sends it.
///
/// Probes run concurrently up to the login; [`LoginGate::enter`] lets one
/// endpoint at a time through, for the rest of its session.
#[derive(Debug, Default)]
pub struct LoginGate {
    stopped_on: Arc<tokio::sync::Mutex<Option<GateStop>>>,
}

/// Why the gate closed: where, and how that login ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateStop {
    /// The endpoint whose login closed the gate.
    pub endpoint: Endpoint,
    /// How it ended.
    pub outcome: LoginOutcome,
}

impl GateStop {
    /// The reason the other endpoints give for not trying.
    pub fn reason(&self) -> NotTriedReason {
        if self.outcome.rejects_credentials() {
            NotTriedReason::CredentialsRejectedElsewhere {
                endpoint: self.endpoint.clone(),
            }
        } else {
            NotTriedReason::LoginFailedElsewhere {
                endpoint: self.endpoint.clone(),
                outcome: self.outcome.name().to_owned(),
            }
        }
    }
}

/// Held by the endpoint that is logging in; [`GatePass::record`] its outcome.
#[derive(Debug)]
pub struct GatePass {
    guard: tokio::sync::OwnedMutexGuard<Option<GateStop>>,
}

impl GatePass {
    /// Records the outcome. The gate closes for the rest of the run on a
    /// rejection, and on every outcome that is not a definite success once
    /// the password has gone out (`secret_sent`): a timeout, a `* BYE`, an
    /// SMTP 4xx, an IMAP `BAD` may each have counted as a failed attempt.
    pub fn record(&mut self, endpoint: &Endpoint, outcome: &LoginOutcome, secret_sent: bool) {
        let stop = outcome.rejects_credentials() || (secret_sent && !outcome.is_success());
        if stop && self.guard.is_none() {
            *self.guard = Some(GateStop {
                endpoint: endpoint.clone(),
                outcome: outcome.clone(),
            });
        }
    }
}

impl LoginGate {
    /// A new, open gate.
    pub fn new() -> LoginGate {
        LoginGate::default()
    }

    /// Waits for the turn; `Err` when a login already went wrong.
    pub async fn enter(&self) -> Result<GatePass, GateStop> {
        let guard = self.stopped_on.clone().lock_owned().await;
        match &*guard {
            Some(stop) => Err(stop.clone()),
            None => Ok(GatePass { guard }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{Protocol, Security};

    fn ep(p: Protocol, port: u16, s: Security) -> Endpoint {
        Endpoint::new(p, "mail.example.com", port, s)
    }

    #[tokio::test]
    async fn gate_serializes_and_closes_after_a_rejection() {
        let gate = LoginGate::new();
        let a = ep(Protocol::Pop3, 995, Security::Tls);
        let mut pass = gate.enter().await.unwrap();
        // A second endpoint waits while the first is logging in.
        assert!(
            tokio::time::timeout(std::time::Duration::from_millis(50), gate.enter())
                .await
                .is_err()
        );
        // Temporarily unavailable before the password went out: the gate stays open.
        pass.record(&a, &LoginOutcome::TemporarilyUnavailable, false);
        drop(pass);
        let mut pass = gate.enter().await.unwrap();
        pass.record(&a, &LoginOutcome::CredentialsRejected, true);
        drop(pass);
        let stop = gate.enter().await.unwrap_err();
        assert_eq!(stop.endpoint, a);
        assert_eq!(
            stop.reason(),
            NotTriedReason::CredentialsRejectedElsewhere { endpoint: a }
        );
    }

    /// F4: after the password went out, every outcome that is not a definite
    /// success closes the gate (a `* BYE`, a timeout, an SMTP 4xx, an IMAP
    /// `BAD`), and the others say why.
    #[tokio::test]
    async fn f4_every_unclear_outcome_after_the_secret_closes_the_gate() {
        let a = ep(Protocol::Imap, 993, Security::Tls);
        for outcome in [
            LoginOutcome::ConnectionProblem {
                message: "the server closed the connection".into(),
            },
            LoginOutcome::TemporarilyUnavailable,
            LoginOutcome::UnexpectedReply,
            LoginOutcome::EncryptionRequired,
            LoginOutcome::ServiceDisabled,
        ] {
            let gate = LoginGate::new();
            gate.enter().await.unwrap().record(&a, &outcome, true);
            let stop = gate.enter().await.unwrap_err();
            assert_eq!(
                stop.reason(),
                NotTriedReason::LoginFailedElsewhere {
                    endpoint: a.clone(),
                    outcome: outcome.name().to_owned()
                },
                "{outcome:?}"
            );
        }
        let gate = LoginGate::new();
        gate.enter()
            .await
            .unwrap()
            .record(&a, &LoginOutcome::Success, true);
        assert!(gate.enter().await.is_ok(), "a success keeps it open");
    }
}
