//! Every sentence of the sign-in, from the catalog (`signin-*`): the pages
//! the browser shows after the redirect, the device prompt, the errors and
//! what the CLI prints. Server texts (error descriptions, the device code and
//! page) are inserted only as [`crate::server_text::ServerText`], already
//! escaped; commands and options are variables, the same in every language.

use super::{DeviceCode, RefusalKind, SetupProblem, SigninError, UrlKind};
use crate::i18n::{Lang, msg};

/// The pages the browser shows after the redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The code arrived.
    SignedIn,
    /// The provider sent an error.
    Refused,
    /// The `state` did not match.
    StateMismatch,
}

/// The HTML page for `page`: a catalog sentence, HTML-escaped (no server
/// text in it).
pub fn page(lang: Lang, page: Page) -> String {
    let text = match page {
        Page::SignedIn => msg!(lang, "signin-page-signed-in"),
        Page::Refused => msg!(lang, "signin-page-refused"),
        Page::StateMismatch => msg!(lang, "signin-page-state-mismatch"),
    };
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<!doctype html><meta charset=utf-8><title>mailconf</title><p>{escaped}</p>")
}

/// What the device flow asks the user to do.
pub fn device_prompt(lang: Lang, d: &DeviceCode) -> String {
    msg!(
        lang,
        "signin-device-prompt",
        url = d.verification_uri.as_str(),
        code = d.user_code.as_str(),
        minutes = d.expires_in.as_secs().div_ceil(60).to_string()
    )
}

impl SigninError {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SigninError::Setup(problem) => setup_text(lang, problem),
            SigninError::NoDeviceFlow => msg!(lang, "signin-error-no-device-flow"),
            SigninError::Http { url, message } => msg!(
                lang,
                "signin-error-http",
                url = url.as_str(),
                message = message.as_str()
            ),
            SigninError::Refused {
                kind,
                code,
                description,
            } => {
                let detail = description
                    .as_ref()
                    .map(|d| format!(" ({})", d.as_str()))
                    .unwrap_or_default();
                let (code, detail) = (code.as_str(), detail.as_str());
                match kind {
                    RefusalKind::ConsentDenied => {
                        msg!(lang, "signin-refused-consent", code = code, detail = detail)
                    }
                    RefusalKind::ClientNotAllowed => {
                        msg!(lang, "signin-refused-client", code = code, detail = detail)
                    }
                    RefusalKind::WrongTenant => msg!(
                        lang,
                        "signin-refused-tenant",
                        code = code,
                        detail = detail,
                        option = "--oauth2-tenant",
                        common = "common"
                    ),
                    RefusalKind::ScopeRefused => {
                        msg!(lang, "signin-refused-scope", code = code, detail = detail)
                    }
                    RefusalKind::GrantExpired => {
                        msg!(lang, "signin-refused-expired", code = code, detail = detail)
                    }
                    RefusalKind::Other => {
                        msg!(lang, "signin-refused-other", code = code, detail = detail)
                    }
                }
            }
            SigninError::StateMismatch => msg!(lang, "signin-error-state-mismatch"),
            SigninError::TimedOut(s) => {
                msg!(lang, "signin-error-timed-out", seconds = s.to_string())
            }
            SigninError::Cancelled => msg!(lang, "signin-error-cancelled"),
        }
    }
}

/// Why the sign-in could not start, in `lang`: a sentence, then what a
/// library or the system said as details.
fn setup_text(lang: Lang, problem: &SetupProblem) -> String {
    let (reason, details) = match problem {
        SetupProblem::NoLoopbackPort(d) => (msg!(lang, "signin-setup-no-loopback-port"), Some(d)),
        SetupProblem::BadUrl { which, detail } => {
            let which = match which {
                UrlKind::Authorization => "authorization",
                UrlKind::Token => "token",
                UrlKind::Redirect => "redirect",
                UrlKind::Device => "device",
            };
            (
                msg!(lang, "signin-setup-bad-url", which = which),
                Some(detail),
            )
        }
        SetupProblem::CaRefused(d) => (
            msg!(lang, "signin-setup-ca-refused", option = "--ca-file"),
            Some(d),
        ),
        SetupProblem::HttpClient(d) => (msg!(lang, "signin-setup-http-client"), Some(d)),
        SetupProblem::NoRedirectAnswer(n) => (
            msg!(lang, "signin-setup-no-redirect-answer", count = *n),
            None,
        ),
        SetupProblem::Endpoints(p) => (p.text(lang), None),
        SetupProblem::Worker(d) => (msg!(lang, "signin-setup-worker"), Some(d)),
    };
    let sentence = msg!(lang, "signin-error-setup", message = reason);
    match details {
        Some(d) => msg!(
            lang,
            "with-details",
            sentence = sentence,
            details = d.as_str()
        ),
        None => sentence,
    }
}

impl super::store::StoreError {
    /// What cannot be kept or found and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use super::store::{StoreError, TokenFileProblem};
        match self {
            StoreError::NotSignedIn(account) => msg!(
                lang,
                "oauth2-store-not-signed-in",
                account = account.as_str(),
                command = format!("`mailconf oauth2 login {account}`")
            ),
            StoreError::Keyring(reason) => {
                msg!(lang, "oauth2-store-keyring", reason = reason.as_str())
            }
            StoreError::NoConfigDir => msg!(
                lang,
                "oauth2-store-no-config-dir",
                file = super::store::CLIENTS_FILE,
                variable = "MAILCONF_CONFIG_DIR"
            ),
            StoreError::Clients { file, message } => msg!(
                lang,
                "oauth2-store-clients",
                file = file.as_str(),
                reason = message.as_str()
            ),
            StoreError::TokenFile { file, problem } => {
                let file = file.as_str();
                match problem {
                    TokenFileProblem::NotRegular => {
                        msg!(lang, "oauth2-token-file-not-regular", file = file)
                    }
                    TokenFileProblem::OpenToOthers(mode) => msg!(
                        lang,
                        "oauth2-token-file-open-to-others",
                        file = file,
                        mode = format!("{mode:04o}"),
                        command = "chmod 600"
                    ),
                    TokenFileProblem::TooLarge => {
                        msg!(lang, "oauth2-token-file-too-large", file = file)
                    }
                    TokenFileProblem::NoToken => {
                        msg!(lang, "oauth2-token-file-no-token", file = file)
                    }
                    TokenFileProblem::Io(reason) => msg!(
                        lang,
                        "oauth2-token-file-unusable",
                        file = file,
                        reason = reason.as_str()
                    ),
                }
            }
        }
    }
}

/// A typed Microsoft tenant that is not one (the text typed, escaped).
pub fn bad_tenant(lang: Lang, typed: &str) -> String {
    msg!(
        lang,
        "oauth2-bad-tenant",
        tenant = crate::server_text::ServerText::new(typed).to_string(),
        common = "common",
        organizations = "organizations",
        example = "contoso.onmicrosoft.com"
    )
}

/// Printed with the authorization URL.
pub fn open_browser_prompt(lang: Lang) -> String {
    msg!(lang, "signin-open-browser")
}

/// `probe --oauth2` found no kept sign-in and starts one.
pub fn signing_in_now(lang: Lang, account: &str) -> String {
    msg!(lang, "signin-signing-in-now", account = account)
}

/// The provider gave no refresh token.
pub fn no_refresh_token(lang: Lang) -> String {
    msg!(lang, "signin-no-refresh-token", scope = "offline_access")
}

/// `mailconf oauth2 login` finished.
pub fn signed_in(lang: Lang, account: &str, provider: &crate::providers::Provider) -> String {
    msg!(
        lang,
        "signin-signed-in",
        account = account,
        provider = provider.name.get(lang),
        command = format!("`mailconf oauth2 token {account}`")
    )
}

/// `mailconf oauth2 login --token-file` finished.
pub fn signed_in_to_file(
    lang: Lang,
    account: &str,
    provider: &crate::providers::Provider,
    file: &str,
) -> String {
    msg!(
        lang,
        "signin-signed-in-to-file",
        account = account,
        provider = provider.name.get(lang),
        file = file,
        option = format!("--token-file {file}"),
        command = "`mailconf oauth2 token`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server_text::ServerText;

    #[test]
    fn every_error_has_three_languages_and_chinese_is_chinese() {
        let errors = [
            SigninError::Setup(SetupProblem::NoLoopbackPort("x".into())),
            SigninError::Setup(SetupProblem::BadUrl {
                which: UrlKind::Token,
                detail: "x".into(),
            }),
            SigninError::Setup(SetupProblem::CaRefused("x".into())),
            SigninError::Setup(SetupProblem::HttpClient("x".into())),
            SigninError::Setup(SetupProblem::NoRedirectAnswer(16)),
            SigninError::Setup(SetupProblem::Worker("x".into())),
            SigninError::NoDeviceFlow,
            SigninError::Http {
                url: "https://a.example/token".into(),
                message: "m".into(),
            },
            RefusalKind::refusal("access_denied", None),
            RefusalKind::refusal("unauthorized_client", None),
            RefusalKind::refusal("invalid_request", Some("AADSTS50020: x")),
            RefusalKind::refusal("invalid_scope", None),
            RefusalKind::refusal("invalid_grant", None),
            RefusalKind::refusal("server_error", None),
            SigninError::StateMismatch,
            SigninError::TimedOut(300),
            SigninError::Cancelled,
        ];
        for e in errors {
            let en = e.message(Lang::En);
            let hans = e.message(Lang::ZhHans);
            let hant = e.message(Lang::ZhHant);
            assert!(!en.is_empty() && en != hans && hans != hant, "{e:?}");
            assert!(
                hans.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{hans}"
            );
        }
        let d = DeviceCode {
            verification_uri: ServerText::new("https://login.example/device"),
            user_code: ServerText::new("ABCD-EFGH"),
            expires_in: std::time::Duration::from_secs(900),
        };
        for lang in [Lang::En, Lang::ZhHans, Lang::ZhHant] {
            let p = device_prompt(lang, &d);
            assert!(p.contains("ABCD-EFGH") && p.contains("15"), "{p}");
            for page_kind in [Page::SignedIn, Page::Refused, Page::StateMismatch] {
                assert!(page(lang, page_kind).contains("mailconf"));
            }
        }
    }
}
