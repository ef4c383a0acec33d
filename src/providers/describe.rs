//! The words for the model's enums (status, security, auth kind, quirks),
//! rendered from the catalog.
//!
//! The CLI and the app show the same words, so they live next to the model rather
//! than in either front end.

use super::model::{AuthKind, IdnUsername, Quirk, Security, ServerLogin, Status, UsernameForm};
use crate::i18n::{Lang, msg};

/// "active", "needs setup: …", "discontinued in 2013".
pub fn status(s: &Status, lang: Lang) -> String {
    match s {
        Status::Active => msg!(lang, "status-active"),
        Status::NeedsSetup => msg!(lang, "status-needs-setup"),
        Status::Discontinued {
            year,
            replaced_by: None,
        } => msg!(lang, "status-discontinued", year = year.to_string()),
        Status::Discontinued {
            year,
            replaced_by: Some(r),
        } => msg!(
            lang,
            "status-discontinued-replaced",
            year = year.to_string(),
            replacement = r.get(lang)
        ),
    }
}

/// "TLS", "STARTTLS", "plaintext".
pub fn security(s: Security, lang: Lang) -> String {
    match s {
        Security::Tls => "TLS".to_owned(),
        Security::Starttls => "STARTTLS".to_owned(),
        Security::Plain => msg!(lang, "security-plain"),
    }
}

/// "full address" / "local part".
pub fn username_form(u: UsernameForm, lang: Lang) -> String {
    match u {
        UsernameForm::Address => msg!(lang, "username-address"),
        UsernameForm::LocalPart => msg!(lang, "username-local-part"),
        UsernameForm::LocalPartDotDomain => msg!(lang, "username-local-part-dot-domain"),
    }
}

/// How one server takes a login, when it differs from the provider's auth kind.
pub fn server_login(l: ServerLogin, lang: Lang) -> String {
    match l {
        ServerLogin::Password => msg!(lang, "server-login-password"),
        ServerLogin::Oauth2 => msg!(lang, "server-login-oauth2"),
        ServerLogin::None => msg!(lang, "server-login-none"),
    }
}

/// How an internationalized domain goes into the username on the wire.
pub fn idn_username(u: IdnUsername, lang: Lang) -> String {
    match u {
        IdnUsername::Unicode => msg!(lang, "idn-unicode"),
        IdnUsername::Ascii => msg!(lang, "idn-ascii"),
    }
}

/// What the password field takes.
pub fn auth_kind(k: AuthKind, lang: Lang) -> String {
    match k {
        AuthKind::Password => msg!(lang, "auth-kind-password"),
        AuthKind::AppPassword => msg!(lang, "auth-kind-app-password"),
        AuthKind::AuthorizationCode => msg!(lang, "auth-kind-authorization-code"),
        AuthKind::Oauth2Only => msg!(lang, "auth-kind-oauth2-only"),
        AuthKind::Bridge => msg!(lang, "auth-kind-bridge"),
    }
}

/// One line about a quirk.
pub fn quirk(q: Quirk, lang: Lang) -> String {
    match q {
        Quirk::ImapIdRequired => msg!(lang, "quirk-imap-id-required"),
        Quirk::Port25Blocked => msg!(lang, "quirk-port25-blocked"),
        Quirk::ServiceOffByDefault => msg!(lang, "quirk-service-off-by-default"),
        Quirk::CodeWithoutSpaces => msg!(lang, "quirk-code-without-spaces"),
        Quirk::Pop3RecentOnly => msg!(lang, "quirk-pop3-recent-only"),
        Quirk::SlowOutsideChina => msg!(lang, "quirk-slow-outside-china"),
        Quirk::LocalBridge => msg!(lang, "quirk-local-bridge"),
    }
}
