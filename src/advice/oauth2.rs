//! Advice for an OAuth2 login test: which kind a login with a token calls
//! for, and its words in the three languages.
//!
//! A token is not a password, so the password advice would mislead: "the
//! username and password work", "check the password and Caps Lock", "use a
//! mail app with OAuth2". Here the typed facts are the mechanism the login
//! used, the server's SASL error JSON ([`BearerError`]) and the outcome its
//! reply was classified as (a provider's `known_replies` make Microsoft's
//! "SmtpClientAuthentication is disabled" a [`LoginOutcome::ServiceDisabled`]).
//! Kept apart from the password advice so the words move to Fluent as one
//! piece.

use super::{AdviceKind, Severity, l};
use crate::probe::login::{BearerStatus, LoginOutcome, LoginReport};
use crate::providers::{Localized, Protocol};

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

/// Severity and words of the OAuth2 kinds; `None` for the others. `name`:
/// the provider's name (or "the server").
pub fn words(kind: AdviceKind, name: &Localized) -> Option<(Severity, Localized)> {
    let n = name;
    Some(match kind {
        AdviceKind::Oauth2TokenAccepted => (
            Severity::Info,
            l(
                "The OAuth2 sign-in works: the server accepted the access token.".to_owned(),
                "OAuth2 登录可用：服务器接受了访问令牌。".to_owned(),
                "OAuth2 登入可用：伺服器接受了存取權杖。".to_owned(),
            ),
        ),
        AdviceKind::Oauth2TokenRejected => (
            Severity::Error,
            l(
                format!(
                    "{} refused the access token (expired, revoked, or issued for another account). Sign in again (mailconf oauth2 login ADDRESS, or Sign in in the app) with this account, then test again.",
                    n.en
                ),
                format!(
                    "{}拒绝了访问令牌（已过期、已撤销或属于其他账户）。请用此账户重新登录（mailconf oauth2 login 地址，或在应用中点“登录”），然后重新测试。",
                    n.zh_hans
                ),
                format!(
                    "{}拒絕了存取權杖（已過期、已撤銷或屬於其他帳戶）。請用此帳戶重新登入（mailconf oauth2 login 地址，或在應用程式中按「登入」），然後重新測試。",
                    n.zh_hant
                ),
            ),
        ),
        AdviceKind::Oauth2ScopeMissing => (
            Severity::Error,
            l(
                format!(
                    "{} says the token lacks the permission (scope) for this protocol. Add the mail scopes to the app registration (README, \"OAuth2 sign-in\"), sign in again and accept them, then test again.",
                    n.en
                ),
                format!(
                    "{}表示令牌缺少此协议所需的权限（scope）。请在应用注册中加入邮件权限（见 README“OAuth2 登录”），重新登录并同意授权，然后重新测试。",
                    n.zh_hans
                ),
                format!(
                    "{}表示權杖缺少此協定所需的權限（scope）。請在應用程式註冊中加入郵件權限（見 README「OAuth2 登入」），重新登入並同意授權，然後重新測試。",
                    n.zh_hant
                ),
            ),
        ),
        AdviceKind::Oauth2ProtocolDisabled => (
            Severity::Error,
            l(
                format!(
                    "The token was accepted, but {} has POP or IMAP turned off for this mailbox or the whole organisation. Outlook.com: Settings → Mail → Forwarding and IMAP. Microsoft 365: the administrator turns it on under Users → Mail → Manage email apps.",
                    n.en
                ),
                format!(
                    "令牌有效，但{}为此邮箱或整个组织关闭了 POP 或 IMAP。Outlook.com：设置 → 邮件 → 转发和 IMAP。Microsoft 365：由管理员在“用户 → 邮件 → 管理电子邮件应用”中开启。",
                    n.zh_hans
                ),
                format!(
                    "權杖有效，但{}為此郵箱或整個組織關閉了 POP 或 IMAP。Outlook.com：設定 → 郵件 → 轉寄和 IMAP。Microsoft 365：由管理員在「使用者 → 郵件 → 管理電子郵件應用程式」中開啟。",
                    n.zh_hant
                ),
            ),
        ),
        AdviceKind::SmtpAuthDisabled => (
            Severity::Error,
            l(
                format!(
                    "{} has SMTP AUTH turned off for this mailbox or the organisation, so mail apps cannot send (common in Microsoft 365). The administrator turns on \"Authenticated SMTP\" for the mailbox (Users → Mail → Manage email apps); receiving is not affected.",
                    n.en
                ),
                format!(
                    "{}为此邮箱或整个组织关闭了 SMTP AUTH，邮件客户端无法发信（Microsoft 365 中很常见）。请管理员为此邮箱开启“经过身份验证的 SMTP”（用户 → 邮件 → 管理电子邮件应用）；收信不受影响。",
                    n.zh_hans
                ),
                format!(
                    "{}為此郵箱或整個組織關閉了 SMTP AUTH，郵件用戶端無法寄信（Microsoft 365 中很常見）。請管理員為此郵箱開啟「經過驗證的 SMTP」（使用者 → 郵件 → 管理電子郵件應用程式）；收信不受影響。",
                    n.zh_hant
                ),
            ),
        ),
        _ => return None,
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

    #[test]
    fn every_kind_has_words_in_three_languages() {
        let name = Localized {
            en: "Outlook.com".into(),
            zh_hans: "微软 Outlook 邮箱".into(),
            zh_hant: "微軟 Outlook 郵箱".into(),
        };
        for k in [
            AdviceKind::Oauth2TokenAccepted,
            AdviceKind::Oauth2TokenRejected,
            AdviceKind::Oauth2ScopeMissing,
            AdviceKind::Oauth2ProtocolDisabled,
            AdviceKind::SmtpAuthDisabled,
        ] {
            let (_, t) = words(k, &name).expect("words");
            assert!(!t.en.is_empty() && !t.zh_hans.is_empty() && !t.zh_hant.is_empty());
            assert_ne!(t.zh_hans, t.zh_hant, "{k:?}");
        }
        assert!(words(AdviceKind::LoginWorks, &name).is_none());
    }
}
