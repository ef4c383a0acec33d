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
use crate::i18n::{Lang, msg};
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
    msg!(
        lang,
        "export-oauth2-sign-in-once",
        login = "`mailconf oauth2 login ADDRESS`",
        client = client,
        token = "`mailconf oauth2 token`"
    )
}

/// fetchmail: which builds can sign in with OAuth2, and how to run it.
pub fn fetchmail_note(lang: Lang, command: &str) -> Vec<String> {
    vec![
        msg!(
            lang,
            "export-oauth2-fetchmail-builds",
            keyword = "`auth oauthbearer`",
            builds = "fetchmail 7, openSUSE/SUSE",
            distributions = "Debian/Ubuntu",
            command = "mailconf export … --format getmail"
        ),
        msg!(
            lang,
            "export-oauth2-fetchmail-run",
            command = format!("{command} | fetchmail --passwordfd 0")
        ),
    ]
}

/// Why a format signs in with OAuth2 only over IMAP (fetchmail, getmail6):
/// the `what` of [`ExportError::Unsupported`], in English like its siblings.
pub fn imap_only(client: &str) -> String {
    format!("{client} signs in with OAuth2 only over IMAP; choose IMAP (--protocol imap)")
}

/// Thunderbird: it signs in by itself.
pub fn thunderbird_note(lang: Lang) -> String {
    msg!(lang, "export-oauth2-thunderbird")
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
