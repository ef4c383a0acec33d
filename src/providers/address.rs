//! Email addresses and domains as users type them.
//!
//! Users paste addresses with spaces around them, type a full-width `＠` with a
//! Chinese input method, end a domain with a dot, or use an internationalized
//! domain (`用户@例子.中国`). This module turns all of that into one canonical
//! form: the local part as typed and the domain in lowercase ASCII (punycode, via
//! the `idna` crate's UTS 46 processing), or a precise error naming what is wrong.

use std::fmt;

/// Why an address or domain was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Nothing was typed.
    #[error("the address is empty")]
    Empty,
    /// No `@` in something that must be an address.
    #[error("{0:?} has no @: type the whole address, like alice@example.com")]
    NoAt(String),
    /// Nothing before the `@`.
    #[error("{0:?} has nothing before the @")]
    EmptyLocalPart(String),
    /// Nothing after the `@`.
    #[error("{0:?} has nothing after the @")]
    EmptyDomain(String),
    /// The local part is longer than 64 bytes (RFC 5321 §4.5.3.1.1).
    #[error("the part before the @ is {0} bytes long; the limit is 64")]
    LocalPartTooLong(usize),
    /// Spaces or control characters where none may be.
    #[error("{what} contains {found}, which is not allowed in an address")]
    BadCharacter {
        /// "the part before the @" or "the domain".
        what: &'static str,
        /// A description of the character, e.g. "a space" or "U+0007".
        found: String,
    },
    /// The domain is not a valid (internationalized) host name.
    #[error("{domain:?} is not a valid domain name{}", .reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default())]
    InvalidDomain {
        /// The domain as typed.
        domain: String,
        /// What is wrong, when known.
        reason: Option<String>,
    },
}

/// A parsed address: local part as typed, domain canonical.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    /// The part before the `@`, unchanged.
    pub local: String,
    /// The domain: lowercase ASCII, punycode for internationalized names, no trailing dot.
    pub domain: String,
}

impl Address {
    /// Parses what a user typed. Surrounding whitespace is ignored; a full-width
    /// `＠` counts as `@`.
    pub fn parse(input: &str) -> Result<Address, AddressError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(AddressError::Empty);
        }
        let s = s.replace('\u{FF20}', "@");
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(AddressError::NoAt(s));
        };
        if local.is_empty() {
            return Err(AddressError::EmptyLocalPart(s.clone()));
        }
        if domain.trim().is_empty() {
            return Err(AddressError::EmptyDomain(s.clone()));
        }
        if local.len() > 64 {
            return Err(AddressError::LocalPartTooLong(local.len()));
        }
        if let Some(c) = local.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(AddressError::BadCharacter {
                what: "the part before the @",
                found: describe_char(c),
            });
        }
        Ok(Address {
            local: local.to_owned(),
            domain: normalize_domain(domain)?,
        })
    }

    /// The address with the canonical domain, `local@domain`.
    pub fn canonical(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        c => format!("U+{:04X}", u32::from(c)),
    }
}

/// Canonical form of a domain: trimmed, trailing dot removed, UTS 46 mapped
/// (lowercase, full-width dots), punycode for non-ASCII labels, STD3 rules and DNS
/// length limits checked.
pub fn normalize_domain(input: &str) -> Result<String, AddressError> {
    let trimmed = input.trim();
    if let Some(c) = trimmed
        .chars()
        .find(|c| c.is_whitespace() || c.is_control())
    {
        return Err(AddressError::BadCharacter {
            what: "the domain",
            found: describe_char(c),
        });
    }
    // A trailing dot (also the ideographic and full-width ones) names the root; drop it.
    let trimmed = trimmed.trim_end_matches(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']);
    if trimmed.is_empty() {
        return Err(AddressError::InvalidDomain {
            domain: input.trim().to_owned(),
            reason: Some("it is empty".into()),
        });
    }
    let ascii = idna::domain_to_ascii_strict(trimmed).map_err(|_| AddressError::InvalidDomain {
        domain: trimmed.to_owned(),
        reason: Some(domain_problem(trimmed)),
    })?;
    if ascii.split('.').any(str::is_empty) {
        return Err(AddressError::InvalidDomain {
            domain: trimmed.to_owned(),
            reason: Some("it has an empty label (two dots in a row)".into()),
        });
    }
    Ok(ascii)
}

/// Says what is wrong with a domain the IDNA library refused.
fn domain_problem(domain: &str) -> String {
    let labels: Vec<&str> = domain
        .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .collect();
    if labels.iter().any(|l| l.is_empty()) {
        "it has an empty label (two dots in a row)".into()
    } else if let Some(l) = labels
        .iter()
        .find(|l| l.starts_with('-') || l.ends_with('-'))
    {
        format!("the label {l:?} starts or ends with '-'")
    } else if let Some(c) = domain
        .chars()
        .find(|c| c.is_ascii() && !c.is_ascii_alphanumeric() && *c != '-' && *c != '.')
    {
        format!("{c:?} is not allowed in a domain name")
    } else if let Some(l) = labels.iter().find(|l| l.len() > 63) {
        format!(
            "the label {:?}… is longer than 63 characters",
            &l.chars().take(12).collect::<String>()
        )
    } else if domain.len() > 253 {
        "it is longer than 253 characters".into()
    } else {
        "it is not a valid internationalized domain name".into()
    }
}

/// Whether `host` is a syntactically valid lowercase ASCII host name
/// (letters, digits, hyphens, dots; labels 1-63 bytes; not starting or ending with `-`).
pub fn is_valid_hostname(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses() {
        let a = Address::parse("  Alice@Example.COM. ").unwrap();
        assert_eq!(a.local, "Alice");
        assert_eq!(a.domain, "example.com");
        assert_eq!(Address::parse("a@b@qq.com").unwrap().domain, "qq.com");
        assert_eq!(Address::parse("张三＠qq.com").unwrap().local, "张三");
    }

    #[test]
    fn idn() {
        let a = Address::parse("用户@例子.中国").unwrap();
        assert_eq!(a.domain, "xn--fsqu00a.xn--fiqs8s");
        assert_eq!(
            normalize_domain("例子。中国").unwrap(),
            "xn--fsqu00a.xn--fiqs8s"
        );
        assert_eq!(normalize_domain("BÜCHER.de").unwrap(), "xn--bcher-kva.de");
    }

    #[test]
    fn malformed() {
        assert_eq!(Address::parse(""), Err(AddressError::Empty));
        assert!(matches!(
            Address::parse("alice"),
            Err(AddressError::NoAt(_))
        ));
        assert!(matches!(
            Address::parse("@qq.com"),
            Err(AddressError::EmptyLocalPart(_))
        ));
        assert!(matches!(
            Address::parse("alice@"),
            Err(AddressError::EmptyDomain(_))
        ));
        assert!(matches!(
            Address::parse("al ice@qq.com"),
            Err(AddressError::BadCharacter { .. })
        ));
        assert!(matches!(
            Address::parse("alice@qq..com"),
            Err(AddressError::InvalidDomain { .. })
        ));
        assert!(matches!(
            Address::parse("alice@exa_mple.com"),
            Err(AddressError::InvalidDomain { .. })
        ));
        assert!(matches!(
            Address::parse(&format!("{}@qq.com", "a".repeat(65))),
            Err(AddressError::LocalPartTooLong(65))
        ));
        let long_label = format!("alice@{}.com", "a".repeat(64));
        assert!(matches!(
            Address::parse(&long_label),
            Err(AddressError::InvalidDomain { .. })
        ));
    }

    #[test]
    fn hostnames() {
        assert!(is_valid_hostname("pop.163.com"));
        assert!(!is_valid_hostname("Pop.163.com"));
        assert!(!is_valid_hostname("pop..com"));
        assert!(!is_valid_hostname("-pop.com"));
    }
}
