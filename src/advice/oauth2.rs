//! Advice for an OAuth2 login test: which kind a login with a token calls for.
//!
//! A token is not a password, so the password advice would mislead: "the
//! username and password work", "check the password and Caps Lock", "use a
//! mail app with OAuth2". Here the typed facts are the mechanism the login
//! used, the server's SASL error JSON ([`BearerError`]) and the outcome its
//! reply was classified as (a provider's `known_replies` make Microsoft's
//! "SmtpClientAuthentication is disabled" a [`LoginOutcome::ServiceDisabled`]).
//! The words are the catalog's (`advice-oauth2-*`, `advice-smtp-auth-disabled`).

use super::AdviceKind;
use crate::probe::login::{BearerStatus, LoginOutcome, LoginReport};
use crate::providers::Protocol;

/// Whether the login sent an OAuth2 token (SASL XOAUTH2 or OAUTHBEARER).
pub fn used_token(login: &LoginReport) -> bool {
    login
        .mechanism
        .as_deref()
        .is_some_and(|m| m.ends_with("XOAUTH2") || m.ends_with("OAUTHBEARER"))
        || login.bearer_error.is_some()
}

/// The kind a login with a token calls for; `None` when it is not one (the
/// password rules apply) or says nothing to advise. `protocol`: the
/// endpoint's, when known.
pub fn kind(login: &LoginReport, protocol: Option<Protocol>) -> Option<Option<AdviceKind>> {
    if !used_token(login) {
        return None;
    }
    if login
        .bearer_error
        .as_ref()
        .is_some_and(|e| e.status == BearerStatus::InsufficientScope)
    {
        return Some(Some(AdviceKind::Oauth2ScopeMissing));
    }
    Some(match login.result {
        LoginOutcome::Success => Some(AdviceKind::Oauth2TokenAccepted),
        LoginOutcome::ServiceDisabled if protocol == Some(Protocol::Smtp) => {
            Some(AdviceKind::SmtpAuthDisabled)
        }
        LoginOutcome::ServiceDisabled => Some(AdviceKind::Oauth2ProtocolDisabled),
        LoginOutcome::CredentialsRejected
        | LoginOutcome::Oauth2Required
        | LoginOutcome::AppPasswordRequired
        | LoginOutcome::AuthorizationCodeRequired => Some(AdviceKind::Oauth2TokenRejected),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::login::BearerError;

    fn login(result: LoginOutcome, mechanism: &str) -> LoginReport {
        let mut l = LoginReport::bare(result);
        l.mechanism = Some(mechanism.to_owned());
        l
    }

    fn b64(json: &str) -> Vec<u8> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .encode(json)
            .into_bytes()
    }

    #[test]
    fn each_token_outcome_has_its_kind_and_passwords_keep_theirs() {
        let ok = login(LoginOutcome::Success, "AUTHENTICATE XOAUTH2");
        assert_eq!(kind(&ok, None), Some(Some(AdviceKind::Oauth2TokenAccepted)));
        let pw = login(LoginOutcome::Success, "AUTH PLAIN");
        assert_eq!(kind(&pw, None), None);
        // Microsoft 365's "SmtpClientAuthentication is disabled", classified
        // by the provider's known replies as ServiceDisabled.
        let off = login(LoginOutcome::ServiceDisabled, "AUTH XOAUTH2");
        assert_eq!(
            kind(&off, Some(Protocol::Smtp)),
            Some(Some(AdviceKind::SmtpAuthDisabled))
        );
        assert_eq!(
            kind(&off, Some(Protocol::Imap)),
            Some(Some(AdviceKind::Oauth2ProtocolDisabled))
        );
        let refused = login(LoginOutcome::CredentialsRejected, "AUTH OAUTHBEARER");
        assert_eq!(
            kind(&refused, Some(Protocol::Pop3)),
            Some(Some(AdviceKind::Oauth2TokenRejected))
        );
    }

    /// The SASL error JSON decides "scope missing", whatever the final reply.
    #[test]
    fn insufficient_scope_in_the_error_json_is_scope_missing() {
        for json in [
            r#"{"status":"insufficient_scope","scope":"https://outlook.office.com/IMAP.AccessAsUser.All"}"#,
            r#"{"status":"403","schemes":"Bearer","scope":"https://mail.google.com/"}"#,
        ] {
            let mut l = login(LoginOutcome::CredentialsRejected, "AUTHENTICATE XOAUTH2");
            l.bearer_error = Some(BearerError::parse(&b64(json)));
            assert_eq!(
                kind(&l, Some(Protocol::Imap)),
                Some(Some(AdviceKind::Oauth2ScopeMissing)),
                "{json}"
            );
        }
        let mut l = login(LoginOutcome::CredentialsRejected, "AUTHENTICATE XOAUTH2");
        l.bearer_error = Some(BearerError::parse(&b64(r#"{"status":"invalid_token"}"#)));
        assert_eq!(
            kind(&l, Some(Protocol::Imap)),
            Some(Some(AdviceKind::Oauth2TokenRejected))
        );
    }
}
