//! Email addresses and domains as users type them.
//!
//! Users paste addresses with spaces around them, type a full-width `＠` with a
//! Chinese input method, end a domain with a dot, or use an internationalized
//! domain (`用户@例子.中国`). This module turns all of that into one canonical
//! form: the local part as typed and the domain in lowercase ASCII (punycode, via
//! the `idna` crate's UTS 46 processing), or a precise error naming what is wrong.

use std::fmt;

use crate::i18n::{Lang, msg};
use crate::providers::model::IdnUsername;

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
    /// More than one `@` (a local part with `@` must be quoted, which
    /// mailconf does not accept: no provider hands out such addresses).
    #[error("{0:?} has more than one @: type one address, like alice@example.com")]
    TwoAts(String),
    /// Spaces or control characters where none may be.
    #[error("{what} contains {}, which is not allowed in {place}", describe_char(*.found))]
    BadCharacter {
        /// "the part before the @", "the domain" or "the host name".
        what: &'static str,
        /// The character (a space, a tab, a control character…): put into
        /// words where it is shown.
        found: char,
        /// "an address" or "a host name".
        place: &'static str,
    },
    /// The domain is not a valid (internationalized) host name.
    #[error("{domain:?} is not a valid domain name{}", .reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default())]
    InvalidDomain {
        /// The domain as typed.
        domain: String,
        /// What is wrong, when known.
        reason: Option<DomainProblem>,
    },
}

/// What is wrong with a domain or host name beyond a bad character: the
/// label or character at fault, found by mailconf (the IDNA library says only
/// that the name failed). Worded by the catalog ([`DomainProblem::text`]);
/// `Display` is the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainProblem {
    /// Nothing but dots.
    Empty,
    /// Two dots in a row.
    EmptyLabel,
    /// A label that starts or ends with `-`.
    HyphenAtEdge(String),
    /// A character no domain name may hold.
    Character(char),
    /// A label over 63 characters (its first 12 characters).
    LabelTooLong(String),
    /// More than 253 characters.
    TooLong,
    /// A label that is not a valid internationalized label.
    Label(String),
    /// Not a valid internationalized name, the label unknown.
    NotIdna,
}

impl DomainProblem {
    /// The problem in `lang`: a clause after "… is not a valid domain name:".
    pub fn text(&self, lang: Lang) -> String {
        let q = |v: &str| crate::server_text::ServerText::new(v).to_string();
        match self {
            DomainProblem::Empty => msg!(lang, "domain-problem-empty"),
            DomainProblem::EmptyLabel => msg!(lang, "domain-problem-empty-label"),
            DomainProblem::HyphenAtEdge(l) => {
                msg!(lang, "domain-problem-hyphen", label = q(l), hyphen = "-")
            }
            DomainProblem::Character(c) => msg!(
                lang,
                "domain-problem-character",
                character = q(&c.to_string()),
                code = format!("U+{:04X}", u32::from(*c))
            ),
            DomainProblem::LabelTooLong(l) => msg!(
                lang,
                "domain-problem-label-too-long",
                label = q(l),
                limit = 63usize
            ),
            DomainProblem::TooLong => msg!(lang, "domain-problem-too-long", limit = 253usize),
            DomainProblem::Label(l) => msg!(lang, "domain-problem-label", label = q(l)),
            DomainProblem::NotIdna => msg!(lang, "domain-problem-not-idna"),
        }
    }
}

impl fmt::Display for DomainProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl AddressError {
    /// The error for people, in `lang` (the `Display` text is the terse
    /// English of logs and JSON). What was typed is shown escaped where it
    /// is shown at all.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AddressError::Empty => msg!(lang, "address-empty"),
            AddressError::NoAt(_) => msg!(lang, "address-no-at"),
            AddressError::EmptyLocalPart(_) => msg!(lang, "address-empty-local-part"),
            AddressError::EmptyDomain(_) => msg!(lang, "address-empty-domain"),
            AddressError::LocalPartTooLong(n) => {
                msg!(lang, "address-local-part-too-long", bytes = *n)
            }
            AddressError::TwoAts(_) => msg!(lang, "address-two-ats"),
            AddressError::BadCharacter { what, found, .. } => {
                let found = character(*found, lang);
                if *what == HOST_NAME {
                    msg!(lang, "address-bad-character-host", found = found)
                } else if *what == DOMAIN {
                    msg!(lang, "address-bad-character-domain", found = found)
                } else {
                    msg!(lang, "address-bad-character-local-part", found = found)
                }
            }
            AddressError::InvalidDomain { domain, reason } => {
                let domain = crate::server_text::ServerText::new(domain).to_string();
                match reason {
                    Some(r) => msg!(
                        lang,
                        "address-invalid-domain-because",
                        domain = domain,
                        reason = r.text(lang)
                    ),
                    None => msg!(lang, "address-invalid-domain", domain = domain),
                }
            }
        }
    }
}

/// A character that may not be in an address, a host name or a URL, in words.
pub(crate) fn character(c: char, lang: Lang) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    match c {
        ' ' => msg!(lang, "char-space"),
        '\t' => msg!(lang, "char-tab"),
        c if c.is_control() => msg!(lang, "char-control", code = code),
        c if c.is_whitespace() => msg!(lang, "char-other-space", code = code),
        _ => code,
    }
}

/// The parts a [`AddressError::BadCharacter`] names.
const LOCAL_PART: &str = "the part before the @";
const DOMAIN: &str = "the domain";
const HOST_NAME: &str = "the host name";

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
        if local.contains('@') {
            return Err(AddressError::TwoAts(s.clone()));
        }
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
                what: LOCAL_PART,
                found: c,
                place: "an address",
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

    /// The address as people write it: the domain in Unicode
    /// (`用户@例子.中国`, not `用户@xn--fsqu00a.xn--fiqs8s`). A domain whose
    /// punycode does not decode stays ASCII.
    pub fn unicode(&self) -> String {
        match idna::domain_to_unicode(&self.domain) {
            (unicode, Ok(())) => format!("{}@{unicode}", self.local),
            _ => self.canonical(),
        }
    }

    /// Whether the domain has an internationalized (punycode) label.
    pub fn is_internationalized(&self) -> bool {
        self.domain.split('.').any(|l| l.starts_with("xn--"))
    }

    /// The address in the wire form a provider wants for usernames
    /// ([`IdnUsername`]): the domain in Unicode or in ASCII.
    pub fn in_form(&self, form: IdnUsername) -> String {
        match form {
            IdnUsername::Unicode => self.unicode(),
            IdnUsername::Ascii => self.canonical(),
        }
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
        c if c.is_control() => format!("a control character (U+{:04X})", u32::from(c)),
        c if c.is_whitespace() => format!("a space character (U+{:04X})", u32::from(c)),
        c => format!("U+{:04X}", u32::from(c)),
    }
}

/// Canonical form of a domain: trimmed, trailing dot removed, UTS 46 mapped
/// (lowercase, full-width dots), punycode for non-ASCII labels, STD3 rules and DNS
/// length limits checked.
pub fn normalize_domain(input: &str) -> Result<String, AddressError> {
    normalize(input, DOMAIN, "an address")
}

/// A host name that came from outside (an autoconfig document, a DNS answer, a
/// provider file, the command line) in canonical form, or why it cannot be
/// used: internationalized names become punycode, and anything that is not a
/// DNS name of letters, digits and hyphens is refused with a reason that names
/// the problem ("the host name contains a control character (U+001B)…").
/// Unlike [`normalize_domain`], surrounding whitespace is not forgiven.
pub fn parse_host(input: &str) -> Result<String, AddressError> {
    if let Some(c) = input.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(AddressError::BadCharacter {
            what: HOST_NAME,
            found: c,
            place: "a host name",
        });
    }
    let ascii = normalize(input, HOST_NAME, "a host name")?;
    if is_valid_hostname(&ascii) {
        Ok(ascii)
    } else {
        Err(AddressError::InvalidDomain {
            domain: input.to_owned(),
            reason: Some(domain_problem(input)),
        })
    }
}

fn normalize(input: &str, what: &'static str, place: &'static str) -> Result<String, AddressError> {
    let trimmed = input.trim();
    if let Some(c) = trimmed
        .chars()
        .find(|c| c.is_whitespace() || c.is_control())
    {
        return Err(AddressError::BadCharacter {
            what,
            found: c,
            place,
        });
    }
    // A trailing dot (also the ideographic and full-width ones) names the root; drop it.
    let trimmed = trimmed.trim_end_matches(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']);
    if trimmed.is_empty() {
        return Err(AddressError::InvalidDomain {
            domain: input.trim().to_owned(),
            reason: Some(DomainProblem::Empty),
        });
    }
    let ascii = idna::domain_to_ascii_strict(trimmed).map_err(|_| AddressError::InvalidDomain {
        domain: trimmed.to_owned(),
        reason: Some(domain_problem(trimmed)),
    })?;
    if ascii.split('.').any(str::is_empty) {
        return Err(AddressError::InvalidDomain {
            domain: trimmed.to_owned(),
            reason: Some(DomainProblem::EmptyLabel),
        });
    }
    Ok(ascii)
}

/// Says what is wrong with a domain the IDNA library refused (it says only
/// that it failed): the label or the character at fault.
fn domain_problem(domain: &str) -> DomainProblem {
    let labels: Vec<&str> = domain
        .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .collect();
    let fails = |s: &str| idna::domain_to_ascii_strict(s).is_err();
    if labels.iter().any(|l| l.is_empty()) {
        DomainProblem::EmptyLabel
    } else if let Some(l) = labels
        .iter()
        .find(|l| l.starts_with('-') || l.ends_with('-'))
    {
        DomainProblem::HyphenAtEdge((*l).to_owned())
    } else if let Some(c) = domain
        .chars()
        .find(|c| c.is_ascii() && !c.is_ascii_alphanumeric() && *c != '-' && *c != '.')
    {
        DomainProblem::Character(c)
    } else if let Some(l) = labels.iter().find(|l| l.len() > 63) {
        DomainProblem::LabelTooLong(l.chars().take(12).collect())
    } else if domain.len() > 253 {
        DomainProblem::TooLong
    } else if let Some(l) = labels.iter().find(|l| fails(l)) {
        // A character refused alone and after a letter is refused anywhere
        // (a combining mark or a right-to-left letter is refused alone or
        // mixed, not for itself).
        match l
            .chars()
            .find(|c| !c.is_ascii() && fails(&c.to_string()) && fails(&format!("a{c}")))
        {
            Some(c) => DomainProblem::Character(c),
            None => DomainProblem::Label((*l).to_owned()),
        }
    } else {
        DomainProblem::NotIdna
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
        assert!(matches!(
            Address::parse("a@b@qq.com"),
            Err(AddressError::TwoAts(_))
        ));
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

    /// F17: `a@@b` was accepted as an address (local part `a@`).
    #[test]
    fn f17_two_at_signs_are_not_an_address() {
        for bad in ["a@@b", "a@b@qq.com", "a＠@qq.com"] {
            let e = Address::parse(bad).unwrap_err();
            assert!(matches!(e, AddressError::TwoAts(_)), "{bad}: {e:?}");
            assert!(e.to_string().contains("more than one @"), "{e}");
        }
    }

    /// F2: host names from documents and DNS are checked where they enter.
    #[test]
    fn f2_host_names_with_controls_are_refused_with_the_reason() {
        assert_eq!(parse_host("Mail.Example.COM").unwrap(), "mail.example.com");
        assert_eq!(
            parse_host("邮件.例子.中国").unwrap(),
            "xn--5nq051n.xn--fsqu00a.xn--fiqs8s"
        );
        let e = parse_host("imap.example.com\x1b]0;pwned\x07").unwrap_err();
        assert!(
            e.to_string()
                .contains("the host name contains a control character (U+001B)"),
            "{e}"
        );
        let e = parse_host("imap.example.com\nplugin \"sh -c id\"").unwrap_err();
        assert!(e.to_string().contains("control character (U+000A)"), "{e}");
        assert!(parse_host(" imap.example.com").is_err());
        assert!(parse_host("imap example.com").is_err());
        assert!(parse_host("imap_x.example.com").is_err());
        assert!(parse_host("a\u{202e}b.com").is_err());
        assert!(parse_host("").is_err());
    }

    /// Why a domain was refused (which label, which character) reaches
    /// people in their language; `text` dropped it and said only that the
    /// domain is not valid.
    #[test]
    fn an_invalid_domain_says_which_label_or_character_in_every_language() {
        let cases: [(Result<String, AddressError>, [&str; 3]); 6] = [
            (normalize_domain("-qq.com"), ["“-qq”", "“-qq”", "「-qq」"]),
            (
                normalize_domain("exa_mple.com"),
                ["“_” (U+005F)", "“_”（U+005F）", "「_」（U+005F）"],
            ),
            (
                normalize_domain("qq..com"),
                ["two dots in a row", "连续两个点", "連續兩個點"],
            ),
            (
                parse_host("a\u{202e}b.com"),
                ["(U+202E)", "（U+202E）", "（U+202E）"],
            ),
            // Left-to-right and right-to-left letters in one label: the
            // label is at fault, not a character.
            (
                normalize_domain("a\u{5d0}.com"),
                ["label “a\u{5d0}”", "标签“a\u{5d0}”", "標籤「a\u{5d0}」"],
            ),
            (
                normalize_domain(&format!("{}.com", "a".repeat(64))),
                ["longer than 63", "63 个字符", "63 個字元"],
            ),
        ];
        for (result, says) in cases {
            let e = result.expect_err("refused");
            for (lang, said) in Lang::ALL.into_iter().zip(says) {
                let text = e.text(lang);
                assert!(text.contains(said), "{lang:?}: {said:?} not in {text:?}");
            }
        }
    }

    #[test]
    fn hostnames() {
        assert!(is_valid_hostname("pop.163.com"));
        assert!(!is_valid_hostname("Pop.163.com"));
        assert!(!is_valid_hostname("pop..com"));
        assert!(!is_valid_hostname("-pop.com"));
    }
}
