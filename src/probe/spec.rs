//! The text shapes that name endpoints and consents on the command line, read
//! by one strict parser.
//!
//! `--endpoint` takes `[protocol:]host:port:security` and
//! `--allow-insecure-auth` takes `protocol:[host:]port:security[:sha256=FP]`.
//! Both are split by the same tokenizer (an IPv6 host in brackets, the
//! fingerprint's colons kept together) and every field is checked by the same
//! function, so the two flags cannot read the same text differently. Each error
//! names the field and what is wrong with it.

use std::net::{IpAddr, Ipv6Addr};

use super::login::InsecureAllow;
use super::report::Endpoint;
use crate::i18n::{Lang, msg};
use crate::providers::address::parse_host;
use crate::providers::{Protocol, Security};

/// Why a spec was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// Wrong number of `:`-separated fields.
    #[error("{spec:?}: expected {expected}")]
    Shape {
        /// The spec as given.
        spec: String,
        /// The shapes that would have been accepted.
        expected: Shape,
    },
    /// A `[` without `]`, or the other way round.
    #[error("{spec:?}: unbalanced brackets: write an IPv6 address as [2001:db8::1]")]
    Brackets {
        /// The spec as given.
        spec: String,
    },
    /// Not pop3, imap or smtp.
    #[error("unknown protocol {0:?}: use pop3, imap or smtp")]
    Protocol(String),
    /// Not tls, starttls or plain.
    #[error(
        "unknown security {0:?}: use tls (implicit TLS, which some clients call SSL), starttls or plain"
    )]
    Security(String),
    /// Not a port number.
    #[error("{0:?} is not a port (1-65535)")]
    Port(String),
    /// Not a host name or IP address.
    #[error("bad host {host:?}: {reason}")]
    Host {
        /// The host as given.
        host: String,
        /// What is wrong.
        reason: HostProblem,
    },
    /// The protocol of a port without a protocol field cannot be told.
    #[error("{spec:?}: cannot tell the protocol of port {port}; write protocol:host:port:security")]
    UnknownPort {
        /// The spec as given.
        spec: String,
        /// The port.
        port: u16,
    },
    /// A consent to an untrusted certificate without its fingerprint, or a
    /// fingerprint on a plaintext consent.
    #[error("{spec:?}: {reason}")]
    Consent {
        /// The spec as given.
        spec: String,
        /// What is wrong.
        reason: ConsentProblem,
    },
    /// Not a SHA-256 fingerprint.
    #[error("{0:?} is not a SHA-256 fingerprint (64 hexadecimal digits, colons optional)")]
    Fingerprint(String),
}

impl SpecError {
    /// What is wrong with the value and how to write it, in `lang`. The spec
    /// and the syntax (`host:port:security`) stay as typed.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SpecError::Shape { spec, expected } => match expected {
                Shape::Endpoint => msg!(
                    lang,
                    "spec-shape-endpoint",
                    spec = spec.as_str(),
                    short = "host:port:security",
                    long = "protocol:host:port:security",
                    tls = "tls",
                    starttls = "starttls",
                    plain = "plain"
                ),
                Shape::Consent => msg!(
                    lang,
                    "spec-shape-consent",
                    spec = spec.as_str(),
                    plain = "protocol:[host:]port:plain",
                    tls = "protocol:[host:]port:tls|starttls:sha256=FINGERPRINT"
                ),
            },
            SpecError::Brackets { spec } => msg!(
                lang,
                "spec-brackets",
                spec = spec.as_str(),
                example = "[2001:db8::1]"
            ),
            SpecError::Protocol(p) => msg!(
                lang,
                "spec-protocol",
                value = p.as_str(),
                pop3 = "pop3",
                imap = "imap",
                smtp = "smtp"
            ),
            SpecError::Security(s) => msg!(
                lang,
                "spec-security",
                value = s.as_str(),
                tls = "tls",
                starttls = "starttls",
                plain = "plain"
            ),
            SpecError::Port(p) => msg!(lang, "spec-port", value = p.as_str()),
            SpecError::Host { host, reason } => {
                let problem = match reason {
                    HostProblem::Brackets => msg!(lang, "spec-host-brackets"),
                    HostProblem::NotIpv6 => msg!(lang, "spec-host-not-ipv6"),
                    HostProblem::Ipv6WithoutBrackets => {
                        msg!(lang, "spec-host-ipv6-brackets", example = "[2001:db8::1]")
                    }
                    HostProblem::Name(e) => e.text(lang),
                };
                msg!(lang, "spec-host", host = host.as_str(), problem = problem)
            }
            SpecError::UnknownPort { spec, port } => msg!(
                lang,
                "spec-unknown-port",
                spec = spec.as_str(),
                port = port.to_string(),
                shape = "protocol:host:port:security"
            ),
            SpecError::Consent { spec, reason } => match reason {
                ConsentProblem::FingerprintOnPlain => msg!(
                    lang,
                    "spec-consent-fingerprint-on-plain",
                    spec = spec.as_str(),
                    part = ":sha256=…"
                ),
                ConsentProblem::TlsWithoutFingerprint => msg!(
                    lang,
                    "spec-consent-tls-without-fingerprint",
                    spec = spec.as_str(),
                    part = ":sha256=FINGERPRINT",
                    command = "mailconf probe"
                ),
            },
            SpecError::Fingerprint(f) => msg!(lang, "spec-fingerprint", value = f.as_str()),
        }
    }
}

/// The shapes a spec may have, by flag (`Display`: the English of clap's
/// message; [`SpecError::text`] words them in any language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Shape {
    /// `--endpoint`.
    #[error("host:port:security or protocol:host:port:security (security: tls, starttls or plain)")]
    Endpoint,
    /// `--allow-insecure-auth`.
    #[error("protocol:[host:]port:plain, or protocol:[host:]port:tls|starttls:sha256=FINGERPRINT")]
    Consent,
}

/// Why a host field was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostProblem {
    /// `[` without `]`.
    #[error("unbalanced brackets")]
    Brackets,
    /// Brackets around something else than an IPv6 address.
    #[error("not an IPv6 address inside the brackets")]
    NotIpv6,
    /// An IPv6 address without brackets.
    #[error("write an IPv6 address in brackets, like [2001:db8::1]")]
    Ipv6WithoutBrackets,
    /// Not a valid host name.
    #[error("{0}")]
    Name(crate::providers::address::AddressError),
}

/// Why a consent does not fit its security mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConsentProblem {
    /// A fingerprint on a plaintext consent.
    #[error("a plaintext endpoint has no certificate: drop :sha256=…")]
    FingerprintOnPlain,
    /// A TLS consent without a fingerprint.
    #[error(
        "a consent for a TLS endpoint covers one certificate: add :sha256=FINGERPRINT \
         (mailconf probe prints it); a STARTTLS endpoint without STARTTLS never gets the password"
    )]
    TlsWithoutFingerprint,
}

/// Splits `spec` on `:` outside brackets; an IPv6 field keeps its brackets.
fn fields(spec: &str) -> Result<Vec<&str>, SpecError> {
    let brackets = || SpecError::Brackets {
        spec: spec.to_owned(),
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0u8;
    for (i, c) in spec.char_indices() {
        match (c, depth) {
            ('[', 0) => depth = 1,
            (']', 1) => depth = 0,
            ('[' | ']', _) => return Err(brackets()),
            (':', 0) => {
                out.push(&spec[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(brackets());
    }
    out.push(&spec[start..]);
    Ok(out)
}

/// `pop3` (or `pop`), `imap`, `smtp`, in any case.
pub fn parse_protocol(s: &str) -> Result<Protocol, SpecError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "pop3" | "pop" => Ok(Protocol::Pop3),
        "imap" => Ok(Protocol::Imap),
        "smtp" => Ok(Protocol::Smtp),
        _ => Err(SpecError::Protocol(s.to_owned())),
    }
}

/// `tls`, `starttls` or `plain`, in any case.
pub fn parse_security(s: &str) -> Result<Security, SpecError> {
    match s.to_ascii_lowercase().as_str() {
        "tls" => Ok(Security::Tls),
        "starttls" => Ok(Security::Starttls),
        "plain" => Ok(Security::Plain),
        _ => Err(SpecError::Security(s.to_owned())),
    }
}

/// A port number, 1-65535, digits only.
pub fn parse_port(s: &str) -> Result<u16, SpecError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SpecError::Port(s.to_owned()));
    }
    s.parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| SpecError::Port(s.to_owned()))
}

/// A host: `[IPv6]`, an IPv4 address or a host name (canonical: lowercase,
/// punycode). The result has no brackets.
pub fn parse_host_field(s: &str) -> Result<String, SpecError> {
    let bad = |reason: HostProblem| SpecError::Host {
        host: s.to_owned(),
        reason,
    };
    if let Some(inner) = s.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or_else(|| bad(HostProblem::Brackets))?;
        return inner
            .parse::<Ipv6Addr>()
            .map(|ip| ip.to_string())
            .map_err(|_| bad(HostProblem::NotIpv6));
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(ip.to_string());
    }
    if s.contains(':') {
        return Err(bad(HostProblem::Ipv6WithoutBrackets));
    }
    parse_host(s).map_err(|e| bad(HostProblem::Name(e)))
}

/// A SHA-256 fingerprint in the form mailconf prints (`AB:CD:…`, uppercase).
pub fn parse_fingerprint(s: &str) -> Result<String, SpecError> {
    let hex: String = s.chars().filter(|&c| c != ':').collect();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SpecError::Fingerprint(s.to_owned()));
    }
    let upper = hex.to_ascii_uppercase();
    let pairs: Vec<&str> = (0..32).map(|i| &upper[i * 2..i * 2 + 2]).collect();
    Ok(pairs.join(":"))
}

/// The protocol a standard port belongs to.
fn protocol_of_port(port: u16) -> Option<Protocol> {
    match port {
        110 | 995 => Some(Protocol::Pop3),
        143 | 993 => Some(Protocol::Imap),
        25 | 465 | 587 => Some(Protocol::Smtp),
        _ => None,
    }
}

/// `--endpoint`: `host:port:security` (the protocol told by a standard port)
/// or `protocol:host:port:security`.
pub fn parse_endpoint(spec: &str) -> Result<Endpoint, SpecError> {
    let f = fields(spec)?;
    let (protocol, host, port, security) = match f.as_slice() {
        [host, port, security] => {
            let port = parse_port(port)?;
            let protocol = protocol_of_port(port).ok_or_else(|| SpecError::UnknownPort {
                spec: spec.to_owned(),
                port,
            })?;
            (protocol, *host, port, *security)
        }
        [protocol, host, port, security] => (
            parse_protocol(protocol)?,
            *host,
            parse_port(port)?,
            *security,
        ),
        _ => {
            return Err(SpecError::Shape {
                spec: spec.to_owned(),
                expected: Shape::Endpoint,
            });
        }
    };
    Ok(Endpoint::new(
        protocol,
        &parse_host_field(host)?,
        port,
        parse_security(security)?,
    ))
}

/// `--allow-insecure-auth`: `protocol:[host:]port:plain` for no encryption,
/// `protocol:[host:]port:tls|starttls:sha256=FINGERPRINT` for exactly one
/// untrusted certificate (see [`InsecureAllow`]).
pub fn parse_consent(spec: &str) -> Result<InsecureAllow, SpecError> {
    let (head, fingerprint) = match spec.find(":sha256=") {
        Some(i) => (
            &spec[..i],
            Some(parse_fingerprint(&spec[i + ":sha256=".len()..])?),
        ),
        None => (spec, None),
    };
    let f = fields(head)?;
    let (protocol, host, port, security) = match f.as_slice() {
        [protocol, port, security] => (*protocol, None, *port, *security),
        [protocol, host, port, security] => (*protocol, Some(*host), *port, *security),
        _ => {
            return Err(SpecError::Shape {
                spec: spec.to_owned(),
                expected: Shape::Consent,
            });
        }
    };
    let security = parse_security(security)?;
    let consent = |reason| SpecError::Consent {
        spec: spec.to_owned(),
        reason,
    };
    match (security, &fingerprint) {
        (Security::Plain, Some(_)) => {
            return Err(consent(ConsentProblem::FingerprintOnPlain));
        }
        (Security::Tls | Security::Starttls, None) => {
            return Err(consent(ConsentProblem::TlsWithoutFingerprint));
        }
        _ => {}
    }
    Ok(InsecureAllow {
        protocol: parse_protocol(protocol)?,
        host: host.map(parse_host_field).transpose()?,
        port: parse_port(port)?,
        security,
        certificate_sha256: fingerprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FP: &str = "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89";

    #[test]
    fn endpoints() {
        assert_eq!(
            parse_endpoint("mail.example.com:995:tls").unwrap(),
            Endpoint::new(Protocol::Pop3, "mail.example.com", 995, Security::Tls)
        );
        assert_eq!(
            parse_endpoint("SMTP:127.0.0.1:10587:STARTTLS").unwrap(),
            Endpoint::new(Protocol::Smtp, "127.0.0.1", 10587, Security::Starttls)
        );
        assert_eq!(
            parse_endpoint("[::1]:993:tls").unwrap(),
            Endpoint::new(Protocol::Imap, "::1", 993, Security::Tls)
        );
        assert_eq!(
            parse_endpoint("imap:[::1]:10993:tls").unwrap(),
            Endpoint::new(Protocol::Imap, "::1", 10993, Security::Tls)
        );
        assert_eq!(
            parse_endpoint("Mail.Example.COM:143:starttls")
                .unwrap()
                .host,
            "mail.example.com"
        );
    }

    /// F17: shapes `--endpoint` accepted that it should not have.
    #[test]
    fn f17_endpoint_parser_is_strict_and_says_why() {
        let err = |s: &str| parse_endpoint(s).unwrap_err().to_string();
        assert!(err("ftp:host.example:21:tls").contains("unknown protocol \"ftp\""));
        assert!(err("[::1:993:tls").contains("unbalanced brackets"));
        assert!(err("::1]:993:tls").contains("unbalanced brackets"));
        assert!(err("host.example:995:ssl").contains("unknown security \"ssl\""));
        assert!(err("host.example:12345:tls").contains("cannot tell the protocol of port 12345"));
        assert!(err("host.example:99999:tls").contains("\"99999\" is not a port"));
        assert!(err("host.example:+995:tls").contains("is not a port"));
        assert!(err("995:tls").contains("expected host:port:security"));
        assert!(err("bad_host!:995:tls").contains("bad host \"bad_host!\""));
        assert!(err("pop3:a:b:995:tls").contains("expected"));
        assert!(err("imap:host\u{1b}x:993:tls").contains("control character"));
    }

    #[test]
    fn consents() {
        let c = parse_consent("pop3:110:plain").unwrap();
        assert_eq!(
            (c.protocol, c.host.as_deref(), c.port),
            (Protocol::Pop3, None, 110)
        );
        assert_eq!(c.to_string(), "pop3:110:plain");
        let c = parse_consent(&format!("imap:Mail.Example.com:993:tls:sha256={FP}")).unwrap();
        assert_eq!(c.host.as_deref(), Some("mail.example.com"));
        let fp = c.certificate_sha256.clone().unwrap();
        assert!(fp.starts_with("AB:CD:EF:01") && fp.len() == 95, "{fp}");
        assert_eq!(
            c.to_string(),
            format!("imap:mail.example.com:993:tls:sha256={fp}")
        );
        assert_eq!(parse_consent(&c.to_string()).unwrap(), c);
        let c = parse_consent(&format!(
            "pop3:[::1]:995:tls:sha256={}",
            FP.replace(':', "")
        ))
        .unwrap();
        assert_eq!(c.host.as_deref(), Some("::1"));
        assert_eq!(parse_consent(&c.to_string()).unwrap(), c);
    }

    /// F1 and F17: a consent for a TLS endpoint names its certificate; the
    /// same fields are checked as for `--endpoint`.
    #[test]
    fn f17_consent_parser_is_strict_and_says_why() {
        let err = |s: &str| parse_consent(s).unwrap_err().to_string();
        assert!(err("pop3:110:starttls").contains("add :sha256=FINGERPRINT"));
        assert!(err("pop3:995:tls").contains("covers one certificate"));
        assert!(err(&format!("pop3:110:plain:sha256={FP}")).contains("no certificate"));
        assert!(err("pop3:995:tls:sha256=1234").contains("not a SHA-256 fingerprint"));
        assert!(err("ftp:110:plain").contains("unknown protocol"));
        assert!(err("pop3:110:ssl").contains("unknown security \"ssl\""));
        assert!(err("pop3::110:plain").contains("bad host \"\""));
        assert!(err("110:plain").contains("expected protocol:[host:]port:plain"));
        assert!(err("pop3:[::1:110:plain").contains("unbalanced"));
        assert!(err("pop3:110x:plain").contains("is not a port"));
    }

    #[test]
    fn fingerprints() {
        assert_eq!(parse_fingerprint(FP).unwrap(), FP.to_ascii_uppercase());
        assert!(parse_fingerprint(&"g".repeat(64)).is_err());
        assert!(parse_fingerprint("").is_err());
    }
}
