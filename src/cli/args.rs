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

/// Why a flag's value was refused, typed. clap keeps it as the source of its
/// error: its `Display` is the English clap prints, and the usage-error path
/// words it in the user's language ([`value_error_text`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// `--timeout` and the like: not a number.
    #[error("{0:?} is not a number of seconds")]
    NotSeconds(String),
    /// A number of seconds outside (0, 3600].
    #[error("{0:?}: the number of seconds must be more than 0 and at most {MAX_SECONDS}")]
    SecondsOutOfRange(String),
    /// `--resolve` without `:`.
    #[error("{0:?}: expected HOST:ADDR")]
    ResolveShape(String),
    /// `--resolve` with something else than an IP address after the host.
    #[error("{spec:?}: bad address {address:?}")]
    ResolveAddress {
        /// The value as given.
        spec: String,
        /// The part that should be an address.
        address: String,
    },
    /// `--resolve` with a host that is not a host name.
    #[error("{spec:?}: bad host: {problem}")]
    ResolveHost {
        /// The value as given.
        spec: String,
        /// What is wrong with the host.
        problem: crate::providers::address::AddressError,
    },
    /// `providers audit --concurrency` outside 1..=max.
    #[error("{value:?}: a number of endpoints from 1 to {max}")]
    Concurrency {
        /// The value as given.
        value: String,
        /// The largest number allowed.
        max: usize,
    },
}

/// The most seconds a deadline flag takes (an hour).
const MAX_SECONDS: u32 = 3600;

impl ValueError {
    /// What is wrong with the value, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ValueError::NotSeconds(v) => msg!(lang, "value-not-seconds", value = v.as_str()),
            ValueError::SecondsOutOfRange(v) => msg!(
                lang,
                "value-seconds-range",
                value = v.as_str(),
                max = MAX_SECONDS.to_string()
            ),
            ValueError::ResolveShape(v) => msg!(
                lang,
                "value-resolve-shape",
                value = v.as_str(),
                shape = "HOST:ADDR"
            ),
            ValueError::ResolveAddress { spec, address } => msg!(
                lang,
                "value-resolve-address",
                value = spec.as_str(),
                address = address.as_str()
            ),
            ValueError::ResolveHost { spec, problem } => msg!(
                lang,
                "value-resolve-host",
                value = spec.as_str(),
                problem = problem.text(lang)
            ),
            ValueError::Concurrency { value, max } => msg!(
                lang,
                "value-concurrency",
                value = value.as_str(),
                max = max.to_string()
            ),
        }
    }
}

/// The words of the reason a value parser gave clap, in `lang`, when it is one
/// of ours (typed); `None` for clap's own reasons.
pub fn value_error_text(source: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    if let Some(e) = source.downcast_ref::<ValueError>() {
        return Some(e.text(lang));
    }
    if let Some(e) = source.downcast_ref::<crate::probe::spec::SpecError>() {
        return Some(e.text(lang));
    }
    if let Some(e) = source.downcast_ref::<crate::dns::DnsError>() {
        return Some(crate::discover::note::dns_error_text(e, lang));
    }
    if let Some(e) = source.downcast_ref::<crate::discover::DiscoverError>() {
        return Some(crate::discover::note::discover_error_text(e, lang));
    }
    None
}

/// `--resolve HOST:ADDR` (also curl's `host:port:addr`); IPv6 addresses may be
/// bracketed. The host must be a valid host name.
pub fn parse_resolve(s: &str) -> Result<(String, IpAddr), ValueError> {
    let (host, rest) = s
        .split_once(':')
        .ok_or_else(|| ValueError::ResolveShape(s.to_owned()))?;
    let addr = |a: &str| {
        a.trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
    };
    let bad_address = |a: &str| ValueError::ResolveAddress {
        spec: s.to_owned(),
        address: a.to_owned(),
    };
    let ip = match addr(rest) {
        Ok(ip) => ip,
        Err(_) => match rest.split_once(':') {
            Some((port, a)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
                addr(a).map_err(|_| bad_address(a))?
            }
            _ => return Err(bad_address(rest)),
        },
    };
    let host =
        crate::providers::address::parse_host(host).map_err(|problem| ValueError::ResolveHost {
            spec: s.to_owned(),
            problem,
        })?;
    Ok((host, ip))
}

/// A number of seconds, more than 0 and at most an hour (`1.5` is fine).
pub fn parse_seconds(s: &str) -> Result<Duration, ValueError> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| ValueError::NotSeconds(s.to_owned()))?;
    if !(v.is_finite() && v > 0.0 && v <= f64::from(MAX_SECONDS)) {
        return Err(ValueError::SecondsOutOfRange(s.to_owned()));
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
