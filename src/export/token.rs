//! The token helper as each exported client runs it, and the words the
//! OAuth2 files say about it.
//!
//! For a provider that refuses passwords (Outlook, Microsoft 365) the
//! command-line clients get a fresh access token from `mailconf oauth2 token
//! ADDRESS` each time they connect; the refresh token stays in the system
//! keyring. msmtp and mutt run the command through `sh -c`, getmail runs it
//! as an argument list, fetchmail reads the token from a pipe. This module
//! builds the command once, in both forms, so every format quotes it the same
//! way; the comment lines of every OAuth2 export are here too, in one place
//! for the move to Fluent.

use super::ExportError;
use crate::i18n::Lang;
use crate::providers::describe::pick;
use std::path::Path;

/// The helper's argument list: `mailconf oauth2 token ADDRESS [--ca-file PATH]`.
pub fn argv(address: &str, ca_file: Option<&Path>) -> Vec<String> {
    let mut v: Vec<String> = ["mailconf", "oauth2", "token", address]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    if let Some(ca) = ca_file {
        v.push("--ca-file".into());
        v.push(ca.display().to_string());
    }
    v
}

/// One word for a POSIX shell: as it is when every character is one the
/// shell takes literally, otherwise single-quoted with a `'` inside closed,
/// escaped and reopened (`'\''`), so nothing in it is expanded.
pub fn shell_word(w: &str) -> String {
    let literal = !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@+-./:=_,".contains(c));
    if literal {
        w.to_owned()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

/// The helper as one `sh -c` command line (msmtp's `passwordeval`, mutt's
/// refresh commands). Control characters are refused: a newline would end
/// the line of the file it goes into.
pub fn shell(
    format: &'static str,
    address: &str,
    ca_file: Option<&Path>,
) -> Result<String, ExportError> {
    let words = argv(address, ca_file);
    if words.iter().any(|w| w.chars().any(char::is_control)) {
        return Err(ExportError::Unrepresentable {
            format,
            field: "address",
            reason: "a control character cannot go into the token command",
        });
    }
    Ok(words
        .iter()
        .map(|w| shell_word(w))
        .collect::<Vec<_>>()
        .join(" "))
}

/// The first comment line of every OAuth2 export: sign in once, then the
/// client asks the helper.
pub fn sign_in_once(lang: Lang, client: &str) -> String {
    match lang {
        Lang::En => format!(
            "OAuth2: sign in once with `mailconf oauth2 login ADDRESS` (the refresh token goes into the system keyring); {client} then asks `mailconf oauth2 token` for a fresh access token each time."
        ),
        Lang::ZhHans => format!(
            "OAuth2：先用 `mailconf oauth2 login 地址` 登录一次（刷新令牌保存在系统密钥环中）；之后 {client} 每次都会通过 `mailconf oauth2 token` 获取新的访问令牌。"
        ),
        Lang::ZhHant => format!(
            "OAuth2：先用 `mailconf oauth2 login 地址` 登入一次（更新權杖儲存在系統金鑰圈中）；之後 {client} 每次都會透過 `mailconf oauth2 token` 取得新的存取權杖。"
        ),
    }
}

/// fetchmail: which builds can sign in with OAuth2, and how to run it.
pub fn fetchmail_note(lang: Lang, command: &str) -> Vec<String> {
    match lang {
        Lang::En => vec![
            "`auth oauthbearer` needs a fetchmail with OAuth2 (fetchmail 7, or the openSUSE/SUSE package); the fetchmail 6.4 of Debian and Ubuntu refuses this file. There, use getmail6 (mailconf export … --format getmail) or neomutt.".into(),
            format!("Run it with the token on a pipe, so it is never written to a file: {command} | fetchmail --passwordfd 0"),
        ],
        Lang::ZhHans => vec![
            "`auth oauthbearer` 需要支持 OAuth2 的 fetchmail（fetchmail 7，或 openSUSE/SUSE 的软件包）；Debian 和 Ubuntu 的 fetchmail 6.4 会拒绝此文件，请改用 getmail6（mailconf export … --format getmail）或 neomutt。".into(),
            format!("运行时通过管道传入令牌，令牌不会写入任何文件：{command} | fetchmail --passwordfd 0"),
        ],
        Lang::ZhHant => vec![
            "`auth oauthbearer` 需要支援 OAuth2 的 fetchmail（fetchmail 7，或 openSUSE/SUSE 的套件）；Debian 和 Ubuntu 的 fetchmail 6.4 會拒絕此檔案，請改用 getmail6（mailconf export … --format getmail）或 neomutt。".into(),
            format!("執行時透過管線傳入權杖，權杖不會寫入任何檔案：{command} | fetchmail --passwordfd 0"),
        ],
    }
}

/// Why a format signs in with OAuth2 only over IMAP (fetchmail, getmail6).
pub fn imap_only(client: &str) -> String {
    format!("{client} signs in with OAuth2 only over IMAP; choose IMAP (--protocol imap)")
}

/// Thunderbird: it signs in by itself.
pub fn thunderbird_note(lang: Lang) -> &'static str {
    pick(
        lang,
        (
            "OAuth2: Thunderbird opens the provider's sign-in page itself when the account is added; no password is asked for.",
            "OAuth2：添加账户时 Thunderbird 会自行打开服务商的登录页面，不需要输入密码。",
            "OAuth2：新增帳戶時 Thunderbird 會自行開啟服務商的登入頁面，不需要輸入密碼。",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_in_an_address_stays_inside_its_word() {
        assert_eq!(
            shell("t", "o'neil@example.com", Some(Path::new("/ca dir/x.pem"))).unwrap(),
            "mailconf oauth2 token 'o'\\''neil@example.com' --ca-file '/ca dir/x.pem'"
        );
        // sh reads it back as the same words.
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "printf '%s\\n' {}",
                shell("t", "a'$(id)`x`\"b@example.com", None)
                    .unwrap()
                    .trim_start_matches("mailconf ")
            ))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "oauth2\ntoken\na'$(id)`x`\"b@example.com\n"
        );
        assert!(shell("t", "a\nb@example.com", None).is_err());
    }
}
