//! Capabilities a server announced, per protocol.
//!
//! Built by the state machines from CAPA / EHLO / CAPABILITY replies. Names that
//! a client matches on (SASL mechanisms, keywords) are kept as uppercase ASCII
//! strings filtered to safe characters; free text (IMPLEMENTATION, the EHLO
//! domain, unknown lines) is [`ServerText`], escaped.

use schemars::JsonSchema;
use serde::Serialize;

use super::reply::parse_capability_atoms;
use crate::server_text::ServerText;

/// Keeps a SASL mechanism name if it is made of the characters RFC 4422 allows.
fn mechanism(name: &[u8]) -> Option<String> {
    (!name.is_empty()
        && name.len() <= 40
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
    .then(|| String::from_utf8_lossy(name).to_ascii_uppercase())
}

fn words(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|&b| b == b' ' || b == b'\t')
        .filter(|w| !w.is_empty())
}

/// POP3 capabilities (RFC 2449 CAPA).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Pop3Caps {
    /// Whether the server answered CAPA with `+OK` (RFC 2449 is optional).
    pub capa_supported: bool,
    /// SASL mechanisms (`SASL PLAIN LOGIN`).
    pub sasl: Vec<String>,
    /// STLS (RFC 2595).
    pub stls: bool,
    /// USER/PASS login is allowed (servers hide it before TLS when plaintext login is disabled).
    pub user: bool,
    /// TOP.
    pub top: bool,
    /// UIDL.
    pub uidl: bool,
    /// PIPELINING.
    pub pipelining: bool,
    /// RESP-CODES (RFC 2449 extended response codes).
    pub resp_codes: bool,
    /// AUTH-RESP-CODE (RFC 3206).
    pub auth_resp_code: bool,
    /// UTF8 (RFC 6856).
    pub utf8: bool,
    /// IMPLEMENTATION text.
    pub implementation: Option<ServerText>,
    /// LOGIN-DELAY seconds.
    pub login_delay: Option<u64>,
    /// EXPIRE argument (`NEVER`, days…), escaped.
    pub expire: Option<ServerText>,
    /// Every line as sent, escaped.
    pub raw: Vec<ServerText>,
}

impl Pop3Caps {
    /// Parses the body lines of a CAPA reply.
    pub fn parse(lines: &[Vec<u8>]) -> Pop3Caps {
        let mut caps = Pop3Caps {
            capa_supported: true,
            ..Pop3Caps::default()
        };
        for line in lines {
            caps.raw.push(ServerText::from_bytes(line));
            let mut w = words(line);
            let Some(kw) = w.next() else { continue };
            let rest = line
                .get(kw.len()..)
                .map(|r| r.strip_prefix(b" ").unwrap_or(r))
                .unwrap_or_default();
            match kw.to_ascii_uppercase().as_slice() {
                b"SASL" => caps.sasl.extend(w.filter_map(mechanism)),
                b"STLS" => caps.stls = true,
                b"USER" => caps.user = true,
                b"TOP" => caps.top = true,
                b"UIDL" => caps.uidl = true,
                b"PIPELINING" => caps.pipelining = true,
                b"RESP-CODES" => caps.resp_codes = true,
                b"AUTH-RESP-CODE" => caps.auth_resp_code = true,
                b"UTF8" => caps.utf8 = true,
                b"IMPLEMENTATION" => caps.implementation = Some(ServerText::from_bytes(rest)),
                b"LOGIN-DELAY" => {
                    caps.login_delay = w
                        .next()
                        .and_then(|n| std::str::from_utf8(n).ok()?.parse().ok());
                }
                b"EXPIRE" => caps.expire = Some(ServerText::from_bytes(rest)),
                _ => {}
            }
        }
        caps
    }
}

/// SMTP capabilities (EHLO keywords, RFC 5321 and extensions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SmtpCaps {
    /// Whether EHLO worked; false when the probe fell back to HELO (no extensions).
    pub ehlo: bool,
    /// The domain in the first EHLO/HELO line, escaped.
    pub domain: ServerText,
    /// STARTTLS (RFC 3207).
    pub starttls: bool,
    /// AUTH mechanisms (also the old `AUTH=LOGIN` form).
    pub auth: Vec<String>,
    /// SIZE limit in bytes; `Some(0)` when SIZE is announced without a limit.
    pub size: Option<u64>,
    /// 8BITMIME.
    pub eightbitmime: bool,
    /// SMTPUTF8.
    pub smtputf8: bool,
    /// PIPELINING.
    pub pipelining: bool,
    /// CHUNKING.
    pub chunking: bool,
    /// ENHANCEDSTATUSCODES.
    pub enhanced_status_codes: bool,
    /// Every keyword line as sent (without the first, domain line), escaped.
    pub raw: Vec<ServerText>,
}

impl SmtpCaps {
    /// Parses the text lines of a 250 EHLO reply.
    pub fn parse_ehlo(lines: &[Vec<u8>]) -> SmtpCaps {
        let mut caps = SmtpCaps {
            ehlo: true,
            ..SmtpCaps::default()
        };
        let mut it = lines.iter();
        if let Some(first) = it.next() {
            caps.domain = ServerText::from_bytes(words(first).next().unwrap_or_default());
        }
        for line in it {
            caps.raw.push(ServerText::from_bytes(line));
            let mut w = words(line);
            let Some(kw) = w.next() else { continue };
            let upper = kw.to_ascii_uppercase();
            match upper.as_slice() {
                b"STARTTLS" => caps.starttls = true,
                b"AUTH" => {
                    for m in w.filter_map(mechanism) {
                        if !caps.auth.contains(&m) {
                            caps.auth.push(m);
                        }
                    }
                }
                b"SIZE" => {
                    caps.size = Some(
                        w.next()
                            .and_then(|n| std::str::from_utf8(n).ok()?.parse().ok())
                            .unwrap_or(0),
                    );
                }
                b"8BITMIME" => caps.eightbitmime = true,
                b"SMTPUTF8" => caps.smtputf8 = true,
                b"PIPELINING" => caps.pipelining = true,
                b"CHUNKING" => caps.chunking = true,
                b"ENHANCEDSTATUSCODES" => caps.enhanced_status_codes = true,
                _ => {
                    if let Some(old) = upper.strip_prefix(b"AUTH=") {
                        let mut mechs: Vec<String> = mechanism(old).into_iter().collect();
                        mechs.extend(w.filter_map(mechanism));
                        for m in mechs {
                            if !caps.auth.contains(&m) {
                                caps.auth.push(m);
                            }
                        }
                    }
                }
            }
        }
        caps
    }

    /// Capabilities after a HELO fallback: only the domain.
    pub fn from_helo(lines: &[Vec<u8>]) -> SmtpCaps {
        SmtpCaps {
            ehlo: false,
            domain: ServerText::from_bytes(
                lines
                    .first()
                    .and_then(|l| words(l).next())
                    .unwrap_or_default(),
            ),
            ..SmtpCaps::default()
        }
    }
}

/// IMAP capabilities (RFC 3501 / 9051 CAPABILITY).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ImapCaps {
    /// IMAP4rev1.
    pub imap4rev1: bool,
    /// IMAP4rev2.
    pub imap4rev2: bool,
    /// STARTTLS.
    pub starttls: bool,
    /// LOGINDISABLED: the LOGIN command is refused (usually until TLS).
    pub logindisabled: bool,
    /// SASL mechanisms from `AUTH=` atoms.
    pub auth: Vec<String>,
    /// SASL-IR (initial response).
    pub sasl_ir: bool,
    /// ID (RFC 2971), which NetEase requires after login.
    pub id: bool,
    /// All atoms, uppercase.
    pub raw: Vec<String>,
}

impl ImapCaps {
    /// From the atoms of a CAPABILITY response or response code.
    pub fn from_atoms(atoms: Vec<String>) -> ImapCaps {
        let mut caps = ImapCaps::default();
        for a in &atoms {
            match a.as_str() {
                "IMAP4REV1" => caps.imap4rev1 = true,
                "IMAP4REV2" => caps.imap4rev2 = true,
                "STARTTLS" => caps.starttls = true,
                "LOGINDISABLED" => caps.logindisabled = true,
                "SASL-IR" => caps.sasl_ir = true,
                "ID" => caps.id = true,
                other => {
                    if let Some(m) = other
                        .strip_prefix("AUTH=")
                        .and_then(|m| mechanism(m.as_bytes()))
                    {
                        caps.auth.push(m);
                    }
                }
            }
        }
        caps.raw = atoms;
        caps
    }

    /// From the text after `CAPABILITY`.
    pub fn parse(list: &[u8]) -> ImapCaps {
        ImapCaps::from_atoms(parse_capability_atoms(list))
    }
}

/// Capabilities of any protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "protocol", rename_all = "lowercase")]
pub enum Capabilities {
    /// POP3 CAPA.
    Pop3(Pop3Caps),
    /// SMTP EHLO.
    Smtp(SmtpCaps),
    /// IMAP CAPABILITY.
    Imap(ImapCaps),
}

impl Capabilities {
    /// Whether STLS/STARTTLS is offered.
    pub fn starttls(&self) -> bool {
        match self {
            Capabilities::Pop3(c) => c.stls,
            Capabilities::Smtp(c) => c.starttls,
            Capabilities::Imap(c) => c.starttls,
        }
    }

    /// SASL mechanisms offered.
    pub fn auth_mechanisms(&self) -> &[String] {
        match self {
            Capabilities::Pop3(c) => &c.sasl,
            Capabilities::Smtp(c) => &c.auth,
            Capabilities::Imap(c) => &c.auth,
        }
    }

    /// Whether a password login is possible with these capabilities: POP3 USER or
    /// SASL PLAIN/LOGIN; IMAP LOGIN not disabled; SMTP AUTH PLAIN/LOGIN.
    pub fn password_login_offered(&self) -> bool {
        let sasl_pw = self
            .auth_mechanisms()
            .iter()
            .any(|m| m == "PLAIN" || m == "LOGIN");
        match self {
            Capabilities::Pop3(c) => c.user || sasl_pw,
            Capabilities::Imap(c) => !c.logindisabled || sasl_pw,
            Capabilities::Smtp(_) => sasl_pw,
        }
    }

    /// Every capability as the server sent it (escaped), one per entry: what
    /// the transcript shows, nothing dropped.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Capabilities::Pop3(c) => c.raw.iter().map(|t| t.to_string()).collect(),
            Capabilities::Smtp(c) => c.raw.iter().map(|t| t.to_string()).collect(),
            Capabilities::Imap(c) => c
                .raw
                .iter()
                .map(|a| crate::server_text::escape_controls(a))
                .collect(),
        }
    }

    /// A one-line summary for tables: `STLS USER SASL(PLAIN LOGIN)`.
    pub fn summary(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut flag = |on: bool, name: &str| {
            if on {
                out.push(name.to_owned());
            }
        };
        match self {
            Capabilities::Pop3(c) => {
                flag(!c.capa_supported, "no-CAPA");
                flag(c.stls, "STLS");
                flag(c.user, "USER");
                flag(c.top, "TOP");
                flag(c.uidl, "UIDL");
                flag(c.pipelining, "PIPELINING");
                flag(c.resp_codes, "RESP-CODES");
            }
            Capabilities::Smtp(c) => {
                flag(!c.ehlo, "HELO-only");
                flag(c.starttls, "STARTTLS");
                flag(c.pipelining, "PIPELINING");
                flag(c.eightbitmime, "8BITMIME");
                flag(c.smtputf8, "SMTPUTF8");
                flag(c.chunking, "CHUNKING");
                if let Some(s) = c.size {
                    out.push(format!("SIZE={s}"));
                }
            }
            Capabilities::Imap(c) => {
                flag(c.imap4rev2, "IMAP4rev2");
                flag(c.imap4rev1 && !c.imap4rev2, "IMAP4rev1");
                flag(c.starttls, "STARTTLS");
                flag(c.logindisabled, "LOGINDISABLED");
                flag(c.id, "ID");
            }
        }
        let mechs = self.auth_mechanisms();
        if !mechs.is_empty() {
            out.push(format!("AUTH({})", mechs.join(" ")));
        }
        out.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<Vec<u8>> {
        v.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn pop3_capa() {
        let c = Pop3Caps::parse(&lines(&[
            "CAPA",
            "TOP",
            "UIDL",
            "RESP-CODES",
            "PIPELINING",
            "AUTH-RESP-CODE",
            "STLS",
            "USER",
            "SASL PLAIN LOGIN",
            "IMPLEMENTATION Dovecot\x1b",
            "LOGIN-DELAY 900",
            "EXPIRE NEVER",
        ]));
        assert!(
            c.stls && c.user && c.top && c.uidl && c.pipelining && c.resp_codes && c.auth_resp_code
        );
        assert_eq!(c.sasl, vec!["PLAIN", "LOGIN"]);
        assert_eq!(c.implementation.unwrap().as_str(), "Dovecot\\x1b");
        assert_eq!(c.login_delay, Some(900));
        assert_eq!(c.expire.unwrap().as_str(), "NEVER");
    }

    #[test]
    fn smtp_ehlo() {
        let c = SmtpCaps::parse_ehlo(&lines(&[
            "smtp.163.com",
            "PIPELINING",
            "AUTH LOGIN PLAIN XOAUTH2",
            "AUTH=PLAIN LOGIN XOAUTH2",
            "coremail 1Uxr2xKj7kG0xkI17xGrU7I0s8FY2U3Uj8Cz28x1UUUUU7Ic2I0Y2UFRbmXhUCa0xDrUUUUj",
            "STARTTLS",
            "SMTPUTF8",
            "8BITMIME",
            "SIZE 73400320",
            "CHUNKING",
        ]));
        assert!(c.ehlo && c.starttls && c.pipelining && c.smtputf8 && c.eightbitmime && c.chunking);
        assert_eq!(c.auth, vec!["LOGIN", "PLAIN", "XOAUTH2"]);
        assert_eq!(c.size, Some(73_400_320));
        assert_eq!(c.domain.as_str(), "smtp.163.com");
        let c = SmtpCaps::parse_ehlo(&lines(&["x", "SIZE"]));
        assert_eq!(c.size, Some(0));
    }

    #[test]
    fn imap_caps() {
        let c = ImapCaps::parse(b"IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED AUTH=PLAIN AUTH=XOAUTH2");
        assert!(c.imap4rev1 && c.starttls && c.logindisabled && c.sasl_ir && c.id);
        assert_eq!(c.auth, vec!["PLAIN", "XOAUTH2"]);
        let caps = Capabilities::Imap(c);
        assert!(caps.password_login_offered());
        assert!(caps.summary().contains("LOGINDISABLED"));
    }
}
