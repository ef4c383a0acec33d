//! Localized words for the model's enums: status, security, auth kind, quirks.
//!
//! The CLI and the app show the same words, so they live next to the model rather
//! than in either front end.

use super::model::{AuthKind, IdnUsername, Quirk, Security, ServerLogin, Status, UsernameForm};
use crate::i18n::Lang;

/// Picks the text for `lang` from an (English, Simplified, Traditional) triple.
pub fn pick(lang: Lang, t: (&'static str, &'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => t.0,
        Lang::ZhHans => t.1,
        Lang::ZhHant => t.2,
    }
}

/// "active", "needs setup: …", "discontinued in 2013".
pub fn status(s: &Status, lang: Lang) -> String {
    match s {
        Status::Active => pick(lang, ("active", "可用", "可用")).to_owned(),
        Status::NeedsSetup => pick(
            lang,
            (
                "needs setup: switch on POP3/IMAP/SMTP in the web settings first",
                "需要设置：请先在网页版设置中开启 POP3/IMAP/SMTP 服务",
                "需要設定：請先在網頁版設定中開啟 POP3/IMAP/SMTP 服務",
            ),
        )
        .to_owned(),
        Status::Discontinued { year, replaced_by } => {
            let mut t = match lang {
                Lang::En => format!("discontinued in {year}"),
                Lang::ZhHans => format!("已于 {year} 年停止服务"),
                Lang::ZhHant => format!("已於 {year} 年停止服務"),
            };
            if let Some(r) = replaced_by {
                t.push_str(pick(lang, ("; replaced by: ", "；替代：", "；替代：")));
                t.push_str(r.get(lang));
            }
            t
        }
    }
}

/// "TLS", "STARTTLS", "plaintext".
pub fn security(s: Security, lang: Lang) -> &'static str {
    match s {
        Security::Tls => "TLS",
        Security::Starttls => "STARTTLS",
        Security::Plain => pick(lang, ("plaintext", "明文", "明文")),
    }
}

/// "full address" / "local part".
pub fn username_form(u: UsernameForm, lang: Lang) -> &'static str {
    match u {
        UsernameForm::Address => pick(lang, ("full address", "完整邮箱地址", "完整郵件地址")),
        UsernameForm::LocalPart => pick(lang, ("part before @", "@ 前面的部分", "@ 前面的部分")),
        UsernameForm::LocalPartDotDomain => pick(
            lang,
            (
                "part before @, a dot, the domain (alice.example.jp)",
                "@ 前面的部分加点和域名（alice.example.jp）",
                "@ 前面的部分加點和網域（alice.example.jp）",
            ),
        ),
    }
}

/// How one server takes a login, when it differs from the provider's auth kind.
pub fn server_login(l: ServerLogin, lang: Lang) -> &'static str {
    match l {
        ServerLogin::Password => pick(lang, ("password login", "密码登录", "密碼登入")),
        ServerLogin::Oauth2 => pick(
            lang,
            (
                "OAuth2 sign-in only on this server",
                "此服务器仅支持 OAuth2 登录",
                "此伺服器僅支援 OAuth2 登入",
            ),
        ),
        ServerLogin::None => pick(
            lang,
            (
                "no login: the server accepts mail without a password",
                "无需登录：服务器不用密码即可接受发出的邮件",
                "無需登入：伺服器不用密碼即可接受寄出的郵件",
            ),
        ),
    }
}

/// How an internationalized domain goes into the username on the wire.
pub fn idn_username(u: IdnUsername, lang: Lang) -> &'static str {
    match u {
        IdnUsername::Unicode => pick(
            lang,
            (
                "internationalized domain sent as written (UTF-8)",
                "国际化域名按原样（UTF-8）发送",
                "國際化網域按原樣（UTF-8）傳送",
            ),
        ),
        IdnUsername::Ascii => pick(
            lang,
            (
                "this provider wants the domain in its ASCII form (punycode)",
                "该服务商要求域名使用 ASCII 形式（punycode）",
                "此服務商要求網域使用 ASCII 形式（punycode）",
            ),
        ),
    }
}

/// What the password field takes.
pub fn auth_kind(k: AuthKind, lang: Lang) -> &'static str {
    match k {
        AuthKind::Password => pick(lang, ("account password", "账户密码", "帳戶密碼")),
        AuthKind::AppPassword => pick(
            lang,
            (
                "app password (not your normal password)",
                "应用专用密码（不是登录密码）",
                "應用程式專用密碼（不是登入密碼）",
            ),
        ),
        AuthKind::AuthorizationCode => pick(
            lang,
            (
                "authorization code (授权码), not your web password",
                "客户端授权码（不是网页登录密码）",
                "用戶端授權碼（不是網頁登入密碼）",
            ),
        ),
        AuthKind::Oauth2Only => pick(
            lang,
            (
                "OAuth2 sign-in only: passwords are refused",
                "仅支持 OAuth2 登录：不接受密码",
                "僅支援 OAuth2 登入：不接受密碼",
            ),
        ),
        AuthKind::Bridge => pick(
            lang,
            (
                "the password shown by the local bridge program",
                "本地桥接程序显示的密码",
                "本機橋接程式顯示的密碼",
            ),
        ),
    }
}

/// One line about a quirk.
pub fn quirk(q: Quirk, lang: Lang) -> &'static str {
    match q {
        Quirk::ImapIdRequired => pick(
            lang,
            (
                "IMAP clients must send the ID command, or mailboxes fail with \"Unsafe Login\"",
                "IMAP 客户端必须发送 ID 命令，否则会出现 \"Unsafe Login\" 错误",
                "IMAP 用戶端必須傳送 ID 指令，否則會出現 \"Unsafe Login\" 錯誤",
            ),
        ),
        Quirk::Port25Blocked => pick(
            lang,
            (
                "port 25 is often blocked by ISPs: use 465 or 587",
                "25 端口常被运营商封锁：请使用 465 或 587",
                "25 連接埠常被網路業者封鎖：請使用 465 或 587",
            ),
        ),
        Quirk::ServiceOffByDefault => pick(
            lang,
            (
                "POP3/IMAP/SMTP are off until switched on in the web settings",
                "POP3/IMAP/SMTP 默认关闭，需在网页版设置中开启",
                "POP3/IMAP/SMTP 預設關閉，需在網頁版設定中開啟",
            ),
        ),
        Quirk::CodeWithoutSpaces => pick(
            lang,
            (
                "type the code without spaces",
                "输入授权码时不要带空格",
                "輸入授權碼時不要帶空格",
            ),
        ),
        Quirk::Pop3RecentOnly => pick(
            lang,
            (
                "POP3 may fetch only recent mail unless configured in the web settings",
                "POP3 可能只下载近期邮件，除非在网页版设置中更改",
                "POP3 可能只下載近期郵件，除非在網頁版設定中變更",
            ),
        ),
        Quirk::SlowOutsideChina => pick(
            lang,
            (
                "servers can be slow or unreachable from outside mainland China",
                "在中国大陆以外访问服务器可能较慢或无法连接",
                "在中國大陸以外存取伺服器可能較慢或無法連線",
            ),
        ),
        Quirk::LocalBridge => pick(
            lang,
            (
                "works only through the provider's bridge program on this computer",
                "只能通过本机上的官方桥接程序使用",
                "只能透過本機上的官方橋接程式使用",
            ),
        ),
    }
}
