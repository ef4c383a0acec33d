//! Flag values shared by every subcommand, each read by one strict parser, and
//! the password sources (`--password-stdin`, `--password-env`, a no-echo
//! prompt) that `probe` and `export` both take.

use std::io::IsTerminal as _;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use secrecy::SecretString;
use secrecy::zeroize::Zeroizing;

use crate::i18n::Lang;
use crate::i18n::msg;

/// `--resolve HOST:ADDR` (also curl's `host:port:addr`); IPv6 addresses may be
/// bracketed. The host must be a valid host name.
pub fn parse_resolve(s: &str) -> Result<(String, IpAddr), String> {
    let (host, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?}: expected HOST:ADDR"))?;
    let addr = |a: &str| {
        a.trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
    };
    let ip = match addr(rest) {
        Ok(ip) => ip,
        Err(_) => match rest.split_once(':') {
            Some((port, a)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
                addr(a).map_err(|e| format!("{s:?}: {e}"))?
            }
            _ => return Err(format!("{s:?}: bad address {rest:?}")),
        },
    };
    let host =
        crate::providers::address::parse_host(host).map_err(|e| format!("{s:?}: bad host: {e}"))?;
    Ok((host, ip))
}

/// A number of seconds, more than 0 and at most an hour (`1.5` is fine).
pub fn parse_seconds(s: &str) -> Result<Duration, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(v.is_finite() && v > 0.0 && v <= 3600.0) {
        return Err(format!(
            "{s:?}: the number of seconds must be more than 0 and at most 3600"
        ));
    }
    Ok(Duration::from_secs_f64(v))
}

/// Where a password comes from.
#[derive(Debug, Clone, Copy)]
pub struct PasswordSource<'a> {
    /// `--password-stdin`: the first line of standard input.
    pub stdin: bool,
    /// `--password-env VAR`.
    pub env: Option<&'a str>,
}

/// Reads the password as asked: stdin's first line, an environment variable,
/// or a no-echo prompt naming `who` on a terminal, in `lang`. Errors are usage
/// errors (said in words); an empty password is one too.
pub fn read_password(
    source: PasswordSource<'_>,
    who: &str,
    lang: Lang,
) -> Result<SecretString, String> {
    let with_error = |sentence: String, e: std::io::Error| {
        msg!(
            lang,
            "with-detail",
            sentence = sentence,
            detail = e.to_string()
        )
    };
    let raw: Zeroizing<String> = if source.stdin {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| with_error(msg!(lang, "password-stdin-failed"), e))?;
        Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned())
    } else if let Some(var) = source.env {
        Zeroizing::new(std::env::var(var).map_err(|_| msg!(lang, "password-env-unset", var = var))?)
    } else if std::io::stdin().is_terminal() {
        Zeroizing::new(
            rpassword::prompt_password(format!("{} ", msg!(lang, "password-prompt", who = who)))
                .map_err(|e| with_error(msg!(lang, "password-read-failed"), e))?,
        )
    } else {
        return Err(msg!(
            lang,
            "password-needed",
            flags = "--password-stdin, --password-env VAR"
        ));
    };
    if raw.is_empty() {
        return Err(msg!(lang, "password-empty"));
    }
    Ok(SecretString::from(raw.as_str().to_owned()))
}

/// The certificates of a `--ca-file` PEM, or why not in `lang`.
pub fn ca_file(
    path: Option<&Path>,
    lang: Lang,
) -> Result<Vec<rustls_pki_types::CertificateDer<'static>>, String> {
    match path {
        Some(p) => crate::probe::tls::load_pem_certs(p).map_err(|e| e.text(lang)),
        None => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert_eq!(
            parse_resolve("mail.test:127.0.0.1").unwrap(),
            ("mail.test".to_owned(), "127.0.0.1".parse().unwrap())
        );
        assert_eq!(
            parse_resolve("Mail.Test:::1").unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            parse_resolve("mail.test:993:[::1]").unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert!(parse_resolve("mail.test:nowhere").is_err());
        assert!(parse_resolve("bad_host:127.0.0.1").is_err());
        assert_eq!(parse_seconds("1.5").unwrap(), Duration::from_millis(1500));
        assert!(parse_seconds("0").is_err() && parse_seconds("x").is_err());
        assert!(parse_seconds("3601").is_err());
    }
}
