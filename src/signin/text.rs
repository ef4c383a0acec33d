//! Every sentence of the sign-in, in English, Simplified and Traditional
//! Chinese, in one place so that the move to Fluent takes this file whole.
//! Server texts (error descriptions, the device code and page) are inserted
//! only as [`crate::server_text::ServerText`], already escaped.

use super::{DeviceCode, RefusalKind, SigninError};
use crate::i18n::Lang;

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

/// The static HTML page for `page` (no server text in it).
pub fn page(lang: Lang, page: Page) -> &'static str {
    match (page, lang) {
        (Page::SignedIn, Lang::En) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>Signed in. You can close this window and go back to mailconf.</p>"
        }
        (Page::SignedIn, Lang::ZhHans) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>已登录。可以关闭此窗口，回到 mailconf。</p>"
        }
        (Page::SignedIn, Lang::ZhHant) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>已登入。可以關閉此視窗，回到 mailconf。</p>"
        }
        (Page::Refused, Lang::En) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>The sign-in was not completed. mailconf says why.</p>"
        }
        (Page::Refused, Lang::ZhHans) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>登录未完成，原因请看 mailconf。</p>"
        }
        (Page::Refused, Lang::ZhHant) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>登入未完成，原因請看 mailconf。</p>"
        }
        (Page::StateMismatch, Lang::En) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>This answer does not belong to the sign-in mailconf started, so it was refused.</p>"
        }
        (Page::StateMismatch, Lang::ZhHans) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>此回应不属于 mailconf 发起的登录，已拒绝。</p>"
        }
        (Page::StateMismatch, Lang::ZhHant) => {
            "<!doctype html><meta charset=utf-8><title>mailconf</title><p>此回應不屬於 mailconf 發起的登入，已拒絕。</p>"
        }
    }
}

/// What the device flow asks the user to do.
pub fn device_prompt(lang: Lang, d: &DeviceCode) -> String {
    let (url, code, min) = (
        d.verification_uri.as_str(),
        d.user_code.as_str(),
        d.expires_in.as_secs().div_ceil(60),
    );
    match lang {
        Lang::En => format!(
            "To sign in, open {url} in a browser and enter the code {code} (valid for {min} min). mailconf waits here."
        ),
        Lang::ZhHans => format!(
            "请在浏览器中打开 {url} 并输入代码 {code}（{min} 分钟内有效）。mailconf 在此等待。"
        ),
        Lang::ZhHant => format!(
            "請在瀏覽器中開啟 {url} 並輸入代碼 {code}（{min} 分鐘內有效）。mailconf 在此等待。"
        ),
    }
}

impl SigninError {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let detail = |d: &Option<crate::server_text::ServerText>| {
            d.as_ref()
                .map(|d| format!(" ({})", d.as_str()))
                .unwrap_or_default()
        };
        match (self, lang) {
            (SigninError::Setup(m), Lang::En) => format!("The sign-in could not start: {m}"),
            (SigninError::Setup(m), Lang::ZhHans) => format!("无法开始登录：{m}"),
            (SigninError::Setup(m), Lang::ZhHant) => format!("無法開始登入：{m}"),
            (SigninError::NoDeviceFlow, Lang::En) => {
                "This provider does not offer the device sign-in for mail; sign in with the browser instead.".into()
            }
            (SigninError::NoDeviceFlow, Lang::ZhHans) => {
                "此服务商的邮件登录不支持设备代码方式，请改用浏览器登录。".into()
            }
            (SigninError::NoDeviceFlow, Lang::ZhHant) => {
                "此服務商的郵件登入不支援裝置代碼方式，請改用瀏覽器登入。".into()
            }
            (SigninError::Http { url, message }, Lang::En) => {
                format!("The sign-in server {url} could not be reached or gave no usable answer: {message}")
            }
            (SigninError::Http { url, message }, Lang::ZhHans) => {
                format!("无法连接登录服务器 {url}，或其回应无法使用：{message}")
            }
            (SigninError::Http { url, message }, Lang::ZhHant) => {
                format!("無法連線登入伺服器 {url}，或其回應無法使用：{message}")
            }
            (SigninError::Refused { kind, code, description }, lang) => {
                let d = detail(description);
                let c = code.as_str();
                match (kind, lang) {
                    (RefusalKind::ConsentDenied, Lang::En) => format!("You (or your administrator) declined the access mailconf asked for ({c}){d}. Sign in again and allow it."),
                    (RefusalKind::ConsentDenied, Lang::ZhHans) => format!("你（或管理员）拒绝了 mailconf 请求的访问权限（{c}）{d}。请重新登录并允许。"),
                    (RefusalKind::ConsentDenied, Lang::ZhHant) => format!("你（或管理員）拒絕了 mailconf 要求的存取權限（{c}）{d}。請重新登入並允許。"),
                    (RefusalKind::ClientNotAllowed, Lang::En) => format!("The provider does not accept this client id ({c}){d}. Check the client id you registered, and that it is a desktop/public client allowed for these accounts."),
                    (RefusalKind::ClientNotAllowed, Lang::ZhHans) => format!("服务商不接受此客户端 ID（{c}）{d}。请检查你注册的客户端 ID，以及它是否为允许这类账户使用的桌面/公共客户端。"),
                    (RefusalKind::ClientNotAllowed, Lang::ZhHant) => format!("服務商不接受此用戶端 ID（{c}）{d}。請檢查你註冊的用戶端 ID，以及它是否為允許這類帳戶使用的桌面/公用用戶端。"),
                    (RefusalKind::WrongTenant, Lang::En) => format!("This account does not belong to the tenant mailconf asked ({c}){d}. Give your organisation's tenant with --oauth2-tenant (its id or domain), or 'common'."),
                    (RefusalKind::WrongTenant, Lang::ZhHans) => format!("此账户不属于 mailconf 所请求的租户（{c}）{d}。请用 --oauth2-tenant 指定你所在组织的租户（租户 ID 或域名），或使用“common”。"),
                    (RefusalKind::WrongTenant, Lang::ZhHant) => format!("此帳戶不屬於 mailconf 所要求的租用戶（{c}）{d}。請用 --oauth2-tenant 指定你所在組織的租用戶（租用戶識別碼或網域），或使用「common」。"),
                    (RefusalKind::ScopeRefused, Lang::En) => format!("The provider refused the mail permissions for this client ({c}){d}. Add the IMAP, POP and SMTP permissions to the registered app."),
                    (RefusalKind::ScopeRefused, Lang::ZhHans) => format!("服务商拒绝为此客户端授予邮件权限（{c}）{d}。请在注册的应用中添加 IMAP、POP 和 SMTP 权限。"),
                    (RefusalKind::ScopeRefused, Lang::ZhHant) => format!("服務商拒絕為此用戶端授予郵件權限（{c}）{d}。請在註冊的應用程式中新增 IMAP、POP 和 SMTP 權限。"),
                    (RefusalKind::GrantExpired, Lang::En) => format!("The sign-in expired or was revoked ({c}){d}. Sign in again."),
                    (RefusalKind::GrantExpired, Lang::ZhHans) => format!("登录已过期或已被撤销（{c}）{d}。请重新登录。"),
                    (RefusalKind::GrantExpired, Lang::ZhHant) => format!("登入已過期或已被撤銷（{c}）{d}。請重新登入。"),
                    (RefusalKind::Other, Lang::En) => format!("The provider refused the sign-in ({c}){d}."),
                    (RefusalKind::Other, Lang::ZhHans) => format!("服务商拒绝了登录（{c}）{d}。"),
                    (RefusalKind::Other, Lang::ZhHant) => format!("服務商拒絕了登入（{c}）{d}。"),
                }
            }
            (SigninError::StateMismatch, Lang::En) => {
                "An answer arrived that does not belong to this sign-in, so mailconf refused it. Sign in again.".into()
            }
            (SigninError::StateMismatch, Lang::ZhHans) => {
                "收到的回应不属于本次登录，mailconf 已拒绝。请重新登录。".into()
            }
            (SigninError::StateMismatch, Lang::ZhHant) => {
                "收到的回應不屬於本次登入，mailconf 已拒絕。請重新登入。".into()
            }
            (SigninError::TimedOut(s), Lang::En) => {
                format!("The sign-in was not finished within {s} s. Start it again.")
            }
            (SigninError::TimedOut(s), Lang::ZhHans) => format!("登录未在 {s} 秒内完成，请重新开始。"),
            (SigninError::TimedOut(s), Lang::ZhHant) => format!("登入未在 {s} 秒內完成，請重新開始。"),
            (SigninError::Cancelled, Lang::En) => "The sign-in was cancelled.".into(),
            (SigninError::Cancelled, Lang::ZhHans) => "登录已取消。".into(),
            (SigninError::Cancelled, Lang::ZhHant) => "登入已取消。".into(),
        }
    }
}

/// Printed with the authorization URL.
pub fn open_browser_prompt(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Sign in in your browser; if it did not open, open:",
        Lang::ZhHans => "请在浏览器中登录；如果浏览器没有打开，请打开：",
        Lang::ZhHant => "請在瀏覽器中登入；如果瀏覽器沒有開啟，請開啟：",
    }
}

/// `probe --oauth2` found no kept sign-in and starts one.
pub fn signing_in_now(lang: Lang, account: &str) -> String {
    crate::i18n::msg!(lang, "signin-signing-in-now", account = account)
}

/// The provider gave no refresh token.
pub fn no_refresh_token(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "The provider gave no refresh token, so nothing could be kept for later; check that the app may ask for offline access."
        }
        Lang::ZhHans => {
            "服务商没有提供刷新令牌，因此无法保存登录；请检查应用是否允许离线访问（offline access）。"
        }
        Lang::ZhHant => {
            "服務商沒有提供重新整理權杖，因此無法保存登入；請檢查應用程式是否允許離線存取（offline access）。"
        }
    }
}

/// `mailconf oauth2 login` finished.
pub fn signed_in(lang: Lang, account: &str, provider: &crate::providers::Provider) -> String {
    let name = provider.name.get(lang);
    match lang {
        Lang::En => format!(
            "Signed in as {account} at {name}; the refresh token is in the system keyring. `mailconf oauth2 token {account}` prints an access token."
        ),
        Lang::ZhHans => format!(
            "已以 {account} 登录 {name}；刷新令牌保存在系统钥匙串中。`mailconf oauth2 token {account}` 会输出访问令牌。"
        ),
        Lang::ZhHant => format!(
            "已以 {account} 登入 {name}；重新整理權杖保存在系統鑰匙圈中。`mailconf oauth2 token {account}` 會輸出存取權杖。"
        ),
    }
}

/// `mailconf oauth2 login --token-file` finished.
pub fn signed_in_to_file(
    lang: Lang,
    account: &str,
    provider: &crate::providers::Provider,
    file: &str,
) -> String {
    crate::i18n::msg!(
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
            SigninError::Setup("x".into()),
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
