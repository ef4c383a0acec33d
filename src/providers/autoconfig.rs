//! Reader for Thunderbird autoconfig XML (`config-v1.1.xml`, the ISPDB format).
//!
//! One reader serves three users: the ISPDB importer (`mailconf providers
//! import-ispdb`), discovery over HTTPS, and the export tests that read back what
//! mailconf wrote. It parses with quick-xml's serde support into a small document
//! type, then converts that into the same [`Provider`] model the bundled database
//! uses, so nothing downstream needs to know where settings came from.

use super::model::{
    Auth, AuthKind, HelpLink, Localized, Origin, Protocol, Provider, Security, Server, Source,
    SourceKind, Status, UsernameForm,
};
use serde::Deserialize;

/// Largest document accepted (1 MiB): autoconfig files are a few kilobytes.
pub const MAX_XML_BYTES: usize = 1024 * 1024;

/// Why an autoconfig document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AutoconfigError {
    /// Larger than [`MAX_XML_BYTES`].
    #[error("autoconfig document is {0} bytes, more than the 1 MiB limit")]
    TooLarge(usize),
    /// Not well-formed XML, or not the expected structure.
    #[error("autoconfig document is not valid: {0}")]
    Xml(String),
    /// Well-formed, but names no server mailconf can use.
    #[error("autoconfig document has no usable POP3, IMAP or SMTP server")]
    NoServers,
}

/// `<clientConfig>`.
#[derive(Debug, Clone, Deserialize)]
pub struct ClientConfig {
    /// `<emailProvider>`.
    #[serde(rename = "emailProvider")]
    pub email_provider: EmailProvider,
    /// `<enable>` found at the top level (some files put it here).
    #[serde(rename = "enable", default)]
    pub enable: Vec<Enable>,
}

/// `<emailProvider id="…">`.
#[derive(Debug, Clone, Deserialize)]
pub struct EmailProvider {
    /// `id` attribute.
    #[serde(rename = "@id", default)]
    pub id: String,
    /// `<domain>` elements.
    #[serde(rename = "domain", default)]
    pub domains: Vec<String>,
    /// `<displayName>`.
    #[serde(rename = "displayName", default)]
    pub display_name: Option<String>,
    /// `<displayShortName>`.
    #[serde(rename = "displayShortName", default)]
    pub display_short_name: Option<String>,
    /// `<incomingServer>` elements in preference order.
    #[serde(rename = "incomingServer", default)]
    pub incoming: Vec<XmlServer>,
    /// `<outgoingServer>` elements in preference order.
    #[serde(rename = "outgoingServer", default)]
    pub outgoing: Vec<XmlServer>,
    /// `<documentation url>`.
    #[serde(rename = "documentation", default)]
    pub documentation: Vec<Documentation>,
    /// `<enable visiturl>` inside the provider element.
    #[serde(rename = "enable", default)]
    pub enable: Vec<Enable>,
}

/// `<incomingServer>` / `<outgoingServer>`.
#[derive(Debug, Clone, Deserialize)]
pub struct XmlServer {
    /// `type` attribute: imap, pop3, smtp, or others mailconf ignores.
    #[serde(rename = "@type", default)]
    pub kind: String,
    /// `<hostname>`.
    #[serde(default)]
    pub hostname: Option<String>,
    /// `<port>`.
    #[serde(default)]
    pub port: Option<String>,
    /// `<socketType>`: SSL, STARTTLS, plain.
    #[serde(rename = "socketType", default)]
    pub socket_type: Option<String>,
    /// `<username>` with placeholders.
    #[serde(default)]
    pub username: Option<String>,
    /// `<authentication>` values in preference order.
    #[serde(rename = "authentication", default)]
    pub authentication: Vec<String>,
    /// `<pop3>` options.
    #[serde(default)]
    pub pop3: Option<Pop3Options>,
}

/// `<pop3>` options of an incoming POP3 server.
#[derive(Debug, Clone, Deserialize)]
pub struct Pop3Options {
    /// `<leaveMessagesOnServer>`.
    #[serde(rename = "leaveMessagesOnServer", default)]
    pub leave_messages_on_server: Option<String>,
}

/// `<documentation url="…"><descr lang="…">…</descr></documentation>`.
#[derive(Debug, Clone, Deserialize)]
pub struct Documentation {
    /// `url` attribute.
    #[serde(rename = "@url", default)]
    pub url: String,
    /// `<descr>` elements.
    #[serde(default)]
    pub descr: Vec<Descr>,
}

/// A description with an optional `lang` attribute.
#[derive(Debug, Clone, Deserialize)]
pub struct Descr {
    /// `lang` attribute.
    #[serde(rename = "@lang", default)]
    pub lang: Option<String>,
    /// The text.
    #[serde(rename = "$text", default)]
    pub text: String,
}

/// `<enable visiturl="…"><instruction>…</instruction></enable>`.
#[derive(Debug, Clone, Deserialize)]
pub struct Enable {
    /// `visiturl` attribute.
    #[serde(rename = "@visiturl", default)]
    pub visit_url: String,
    /// `<instruction>` elements.
    #[serde(rename = "instruction", default)]
    pub instructions: Vec<Descr>,
}

/// Parses an autoconfig document. Documents over [`MAX_XML_BYTES`] are refused
/// before parsing.
pub fn parse(xml: &str) -> Result<ClientConfig, AutoconfigError> {
    if xml.len() > MAX_XML_BYTES {
        return Err(AutoconfigError::TooLarge(xml.len()));
    }
    quick_xml::de::from_str(xml).map_err(|e| AutoconfigError::Xml(e.to_string()))
}

/// Picks the English (or language-less) text of a description list.
fn english(descrs: &[Descr]) -> Option<String> {
    descrs
        .iter()
        .find(|d| {
            d.lang
                .as_deref()
                .is_none_or(|l| l.eq_ignore_ascii_case("en"))
        })
        .or_else(|| descrs.first())
        .map(|d| collapse_ws(&d.text))
        .filter(|t| !t.is_empty())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn imported_plain_note() -> Localized {
    Localized {
        en: "Plaintext server as listed in the source; your password would cross the network unencrypted.".into(),
        zh_hans: "来源数据中列出的明文服务器；密码会以未加密的形式在网络上传输。".into(),
        zh_hant: "來源資料中列出的明文伺服器；密碼會以未加密的形式在網路上傳輸。".into(),
    }
}

fn unusual_username_note(form: &str) -> Localized {
    Localized {
        en: format!("The source gives the username as {form}."),
        zh_hans: format!("来源数据给出的用户名格式为 {form}。"),
        zh_hant: format!("來源資料給出的使用者名稱格式為 {form}。"),
    }
}

/// Converts one server element; `None` for types or values mailconf cannot use.
fn convert_server(s: &XmlServer, outgoing: bool) -> Option<Server> {
    let protocol = match (s.kind.to_ascii_lowercase().as_str(), outgoing) {
        ("pop3", false) => Protocol::Pop3,
        ("imap", false) => Protocol::Imap,
        ("smtp", true) => Protocol::Smtp,
        _ => return None,
    };
    // Lowercase the name, but keep the placeholder that stands for the user's domain.
    let host = s
        .hostname
        .as_deref()?
        .trim()
        .to_ascii_lowercase()
        .replace("%emaildomain%", "%EMAILDOMAIN%");
    if host.is_empty() {
        return None;
    }
    let port: u16 = s.port.as_deref()?.trim().parse().ok().filter(|p| *p != 0)?;
    let security = match s.socket_type.as_deref().map(str::trim) {
        Some(t) if t.eq_ignore_ascii_case("SSL") || t.eq_ignore_ascii_case("TLS") => Security::Tls,
        Some(t) if t.eq_ignore_ascii_case("STARTTLS") => Security::Starttls,
        Some(t) if t.eq_ignore_ascii_case("plain") => Security::Plain,
        _ => return None,
    };
    let raw_user = s
        .username
        .as_deref()
        .map(str::trim)
        .unwrap_or("%EMAILADDRESS%");
    let (username, odd_user) = match raw_user {
        "%EMAILLOCALPART%" => (UsernameForm::LocalPart, false),
        "%EMAILADDRESS%" => (UsernameForm::Address, false),
        _ => (UsernameForm::Address, true),
    };
    let note = if security == Security::Plain {
        Some(imported_plain_note())
    } else if odd_user {
        Some(unusual_username_note(raw_user))
    } else {
        None
    };
    Some(Server {
        protocol,
        host,
        port,
        security,
        username,
        note,
    })
}

/// Converts a parsed document into the provider model.
///
/// `source_url` names where the document came from and `checked` (YYYY-MM) when;
/// both go into the entry's sources so provenance survives the conversion.
pub fn to_provider(
    doc: &ClientConfig,
    origin: Origin,
    source_kind: SourceKind,
    source_url: &str,
    checked: &str,
) -> Result<Provider, AutoconfigError> {
    let ep = &doc.email_provider;
    let incoming: Vec<Server> = ep
        .incoming
        .iter()
        .filter_map(|s| convert_server(s, false))
        .collect();
    let outgoing: Vec<Server> = ep
        .outgoing
        .iter()
        .filter_map(|s| convert_server(s, true))
        .collect();
    if incoming.is_empty() && outgoing.is_empty() {
        return Err(AutoconfigError::NoServers);
    }
    let auth_values: Vec<String> = ep
        .incoming
        .iter()
        .chain(&ep.outgoing)
        .flat_map(|s| {
            s.authentication
                .iter()
                .map(|a| a.trim().to_ascii_lowercase())
        })
        .collect();
    let oauth_only = !auth_values.is_empty() && auth_values.iter().all(|a| a == "oauth2");
    let mut domains: Vec<String> = Vec::new();
    for d in &ep.domains {
        let d = d.trim().trim_end_matches('.').to_ascii_lowercase();
        if !d.is_empty() && !domains.contains(&d) {
            domains.push(d);
        }
    }
    let display = ep
        .display_name
        .as_deref()
        .or(ep.display_short_name.as_deref())
        .map(collapse_ws)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| ep.id.clone());
    let enable = ep.enable.iter().chain(&doc.enable).next();
    let mut hints = Vec::new();
    if let Some(en) = enable {
        let instruction = english(&en.instructions)
            .unwrap_or_else(|| "Switch on POP3/IMAP access in the web settings first.".into());
        hints.push(Localized {
            en: format!("{instruction} ({})", en.visit_url),
            zh_hans: format!("请先在网页版设置中开启 POP3/IMAP 访问：{}", en.visit_url),
            zh_hant: format!("請先在網頁版設定中開啟 POP3/IMAP 存取：{}", en.visit_url),
        });
    }
    let help_urls = ep
        .documentation
        .iter()
        .filter(|d| !d.url.trim().is_empty())
        .map(|d| HelpLink {
            url: d.url.trim().to_owned(),
            title: english(&d.descr).map(|t| Localized {
                en: t,
                zh_hans: "帮助页面（英文）".into(),
                zh_hant: "說明頁面（英文）".into(),
            }),
        })
        .collect();
    let id = sanitize_id(if ep.id.is_empty() { &display } else { &ep.id });
    Ok(Provider {
        schema: Some("../schema.json".into()),
        id,
        name: Localized::same(&display),
        domains,
        mx_suffixes: Vec::new(),
        status: if enable.is_some() {
            Status::NeedsSetup
        } else {
            Status::Active
        },
        incoming,
        outgoing,
        auth: Auth {
            kind: if oauth_only {
                AuthKind::Oauth2Only
            } else {
                AuthKind::Password
            },
            create_url: None,
            notes: None,
        },
        hints,
        help_urls,
        quirks: Vec::new(),
        history: None,
        known_replies: Vec::new(),
        sources: vec![Source {
            about: "all".into(),
            kind: source_kind,
            url: Some(source_url.to_owned()),
            checked: checked.to_owned(),
        }],
        origin,
    })
}

/// Lowercases and replaces characters outside `[a-z0-9.-]` with `-`.
pub fn sanitize_id(raw: &str) -> String {
    let s: String = raw
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches(['-', '.']).to_owned();
    if s.is_empty() { "provider".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>Example.com</domain>
    <!-- comment between -->
    <domain>example.net</domain>
    <displayName>Example &amp; Co</displayName>
    <incomingServer type="imap">
      <hostname>imap.example.com</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.com</hostname><port>110</port><socketType>plain</socketType>
      <pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3>
    </incomingServer>
    <incomingServer type="exchange"><hostname>x</hostname></incomingServer>
    <documentation url="https://example.com/help"><descr lang="de">Hilfe</descr><descr lang="en">Help</descr></documentation>
  </emailProvider>
  <enable visiturl="https://example.com/settings"><instruction>Enable IMAP first</instruction></enable>
</clientConfig>"#;

    #[test]
    fn parses_and_converts() {
        let doc = parse(SAMPLE).unwrap();
        let p = to_provider(&doc, Origin::Ispdb, SourceKind::Ispdb, "u", "2026-03").unwrap();
        assert_eq!(p.id, "example.com");
        assert_eq!(p.name.en, "Example & Co");
        assert_eq!(p.domains, ["example.com", "example.net"]);
        assert_eq!(
            p.incoming.len(),
            2,
            "exchange server dropped: {:?}",
            p.incoming
        );
        assert_eq!(p.incoming[0].security, Security::Tls);
        assert_eq!(p.incoming[1].security, Security::Plain);
        assert!(p.incoming[1].note.is_some());
        assert_eq!(p.outgoing[0].username, UsernameForm::LocalPart);
        assert_eq!(p.status, Status::NeedsSetup);
        assert_eq!(p.help_urls[0].title.as_ref().unwrap().en, "Help");
        assert!(p.hints[0].en.contains("Enable IMAP first"));
    }

    #[test]
    fn errors_are_clear() {
        assert!(matches!(
            parse("<clientConfig>"),
            Err(AutoconfigError::Xml(_))
        ));
        assert!(matches!(
            parse("not xml at all"),
            Err(AutoconfigError::Xml(_))
        ));
        let big = "x".repeat(MAX_XML_BYTES + 1);
        assert!(matches!(parse(&big), Err(AutoconfigError::TooLarge(_))));
        let none = r#"<clientConfig><emailProvider id="a"><domain>a.com</domain></emailProvider></clientConfig>"#;
        let doc = parse(none).unwrap();
        assert!(matches!(
            to_provider(&doc, Origin::Ispdb, SourceKind::Ispdb, "u", "2026-03"),
            Err(AutoconfigError::NoServers)
        ));
    }

    #[test]
    fn sanitizes_ids() {
        assert_eq!(sanitize_id("Oxcloud EU"), "oxcloud-eu");
        assert_eq!(sanitize_id("..."), "provider");
    }
}
