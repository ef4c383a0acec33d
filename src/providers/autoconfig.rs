//! Reader for Thunderbird autoconfig XML (`config-v1.1.xml`, the ISPDB format).
//!
//! One reader serves three users: the ISPDB importer (`mailconf providers
//! import-ispdb`), discovery over HTTPS, and the export tests that read back what
//! mailconf wrote. It parses with quick-xml's serde support into a small document
//! type, then converts that into the same [`Provider`] model the bundled database
//! uses, so nothing downstream needs to know where settings came from.
//!
//! A downloaded document is hostile input. [`convert`] checks every host name
//! ([`parse_host`]: a DNS name, nothing else) and every URL (http or https, no
//! spaces or control characters), and escapes every text a person will read
//! (display names, instructions, descriptions) with
//! [`crate::server_text::escape_controls`]; what it cannot use is listed in
//! [`Converted::rejected`] with the reason, never silently kept.

use super::address::{AddressError, parse_host};
use super::model::{
    Auth, AuthKind, HelpLink, Localized, OAuth2, Origin, PerProtocol, Protocol, Provider, Security,
    Server, ServerLogin, Source, SourceKind, Status, UsernameForm,
};
use crate::i18n::{Lang, msg};
use crate::server_text::escape_controls;
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

impl AutoconfigError {
    /// The error for people, in `lang` (the XML reader's own words as details).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        match self {
            AutoconfigError::TooLarge(n) => msg!(lang, "autoconfig-too-large", bytes = *n),
            AutoconfigError::Xml(detail) => msg!(
                lang,
                "with-details",
                sentence = msg!(lang, "autoconfig-invalid"),
                // The XML reader quotes the document: escaped.
                details = crate::server_text::ServerText::new(detail).to_string()
            ),
            AutoconfigError::NoServers => msg!(lang, "autoconfig-no-servers"),
        }
    }
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
    /// `<oAuth2>`: the issuer, scopes and endpoints of the provider's OAuth2
    /// sign-in (Thunderbird's extension of the format).
    #[serde(rename = "oAuth2", default)]
    pub oauth2: Option<XmlOAuth2>,
    /// `<domain>`s that the document's own comments mark as MX host domains
    /// (see [`mx_host_domains`]); filled by [`parse`].
    #[serde(skip)]
    pub mx_domains: Vec<String>,
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

/// `<oAuth2>`.
#[derive(Debug, Clone, Deserialize)]
pub struct XmlOAuth2 {
    /// `<issuer>`: the host name of the token issuer.
    #[serde(default)]
    pub issuer: Option<String>,
    /// `<scope>`: space-separated scopes, one list for every protocol.
    #[serde(default)]
    pub scope: Option<String>,
    /// `<authURL>`.
    #[serde(rename = "authURL", default)]
    pub auth_url: Option<String>,
    /// `<tokenURL>`.
    #[serde(rename = "tokenURL", default)]
    pub token_url: Option<String>,
}

/// The OAuth2 block of a document, checked like a provider file's
/// (`providers::oauth2`); the ISPDB gives one scope list, which goes to each
/// protocol the document has servers for. `Err` names the first problem.
fn convert_oauth2(x: &XmlOAuth2, protocols: &[Protocol]) -> Result<OAuth2, RejectReason> {
    let text = |v: &Option<String>, name: &'static str| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .ok_or(RejectReason::OAuth2Missing(name))
    };
    let scopes: Vec<String> = text(&x.scope, "scope")?
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut per = PerProtocol::default();
    for p in protocols {
        let list = match p {
            Protocol::Pop3 => &mut per.pop3,
            Protocol::Imap => &mut per.imap,
            Protocol::Smtp => &mut per.smtp,
        };
        if list.is_empty() {
            list.clone_from(&scopes);
        }
    }
    let o = OAuth2 {
        issuer: text(&x.issuer, "issuer")?,
        authorization_url: text(&x.auth_url, "authURL")?,
        token_url: text(&x.token_url, "tokenURL")?,
        device_authorization_url: None,
        tenant: None,
        scopes: per,
        mechanisms: PerProtocol::default(),
        note: None,
    };
    match super::oauth2::problems(&o).into_iter().next() {
        Some((field, problem)) => Err(RejectReason::OAuth2Invalid { field, problem }),
        None => Ok(o),
    }
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
    /// `<restriction>` values (`client-IP-address`: only from the provider's network).
    #[serde(rename = "restriction", default)]
    pub restrictions: Vec<String>,
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
    let mut doc: ClientConfig =
        quick_xml::de::from_str(xml).map_err(|e| AutoconfigError::Xml(e.to_string()))?;
    doc.mx_domains = mx_host_domains(xml);
    Ok(doc)
}

/// Whether an XML comment labels an MX section, and if so whether it speaks of
/// several MX servers. Labels are short clauses naming MX: `MX`, `MX, for Google
/// Apps`, `MX e.g. example.mail.protection.outlook.com`, `Hosting customers, MX
/// servers`, `domain hoster, per MX`, `MX domain`. A sentence that mentions MX
/// in passing ("about 1400 domains, all with bgmgate1.biglobe.ne.jp as MX") is no
/// label: its clause is longer than three words.
fn mx_label(comment: &str) -> Option<bool> {
    comment.split(',').map(str::trim).find_map(|clause| {
        let words: Vec<&str> = clause.split_whitespace().collect();
        (words.len() <= 3 && words.contains(&"MX")).then(|| words.contains(&"servers"))
    })
}

/// The `<domain>`s of an autoconfig document that its comments mark as MX host
/// domains: the ISPDB lists them (google.com, yahoodns.net,
/// mail.protection.outlook.com…) so that Thunderbird's MX lookup finds the
/// provider, not because anybody has an address there.
///
/// A comment that labels an MX section (see [`mx_label`]) starts one. Under a
/// plural label ("MX servers") every domain up to the next other element is an
/// MX host domain; otherwise the first domain is, and each later one under the
/// same registrable domain (Public Suffix List): after `<!-- MX, for Google Apps
/// -->` google.com is one, but jazztel.es and nyu.edu, listed next for their own
/// users, are mail domains.
pub fn mx_host_domains(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    struct Section {
        all: bool,
        first: Option<String>,
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut in_provider = false;
    let mut section: Option<Section> = None;
    let mut domain_text: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                let name = e.local_name();
                if depth == 2 {
                    in_provider = name.as_ref() == "emailProvider";
                } else if depth == 3 && in_provider {
                    if name.as_ref() == "domain" {
                        domain_text = Some(String::new());
                    } else {
                        section = None;
                    }
                }
            }
            Ok(Event::Empty(_)) if depth == 2 && in_provider => section = None,
            Ok(Event::Text(t)) => {
                if let Some(d) = domain_text.as_mut() {
                    d.push_str(&t.xml10_content());
                }
            }
            Ok(Event::Comment(c)) if depth == 2 && in_provider => {
                if let Some(all) = mx_label(&c.xml10_content()) {
                    section = Some(Section { all, first: None });
                }
            }
            Ok(Event::End(_)) => {
                if depth == 3
                    && let Some(d) = domain_text.take()
                    && let Some(s) = section.as_mut()
                {
                    let d = d.trim().trim_end_matches('.').to_ascii_lowercase();
                    let same_org = |first: &str| {
                        psl::domain_str(first).is_some()
                            && psl::domain_str(first) == psl::domain_str(&d)
                    };
                    let helper = s.all || s.first.as_deref().is_none_or(same_org);
                    if helper && !d.is_empty() {
                        s.first.get_or_insert_with(|| d.clone());
                        out.push(d);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// Picks the English (or language-less) text of a description list.
fn english(descrs: &[Descr]) -> Option<String> {
    descrs
        .iter()
        .find(|d| is_english(d.lang.as_deref()))
        .or_else(|| descrs.first())
        .map(|d| collapse_ws(&d.text))
        .filter(|t| !t.is_empty())
}

/// A language code's name in each language, from the catalog; the code
/// itself for a language not listed.
fn language_name(code: &str) -> Localized {
    let base = code.split(['-', '_']).next().unwrap_or(code);
    let known = [
        "cs", "da", "de", "en", "es", "et", "fr", "it", "ja", "lt", "lv", "nl", "pl", "pt", "ru",
        "sr", "zh",
    ];
    let base = base.to_ascii_lowercase();
    if !known.contains(&base.as_str()) {
        return Localized::same(code);
    }
    Localized::each(|lang| msg!(lang, "language-name", code = base.as_str()))
}

fn is_english(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| l.eq_ignore_ascii_case("en") || l.to_ascii_lowercase().starts_with("en-"))
}

/// The title of a help link, keeping its language: the English description
/// when there is one; and when the source also describes the page in another
/// language, that language is named as the page's (a page described in Polish
/// is a Polish page; one described only in English is not said to be English,
/// since the source does not say).
fn link_title(descrs: &[Descr]) -> Option<Localized> {
    let shown = descrs
        .iter()
        .find(|d| is_english(d.lang.as_deref()))
        .or_else(|| descrs.first())?;
    let text = collapse_ws(&shown.text);
    if text.is_empty() {
        return None;
    }
    let page_lang = descrs
        .iter()
        .filter_map(|d| d.lang.as_deref())
        .find(|l| !is_english(Some(l)))
        .map(language_name);
    Some(match page_lang {
        Some(l) => Localized::each(|lang| {
            msg!(
                lang,
                "import-help-page-in",
                title = text.as_str(),
                language = l.get(lang)
            )
        }),
        None => Localized::each(|lang| msg!(lang, "import-help-page", title = text.as_str())),
    })
}

/// Text from the document as a person will read it: runs of whitespace
/// collapsed to one space, control, bidi and other invisible characters escaped.
fn collapse_ws(s: &str) -> String {
    escape_controls(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Longest URL kept from a document.
pub const MAX_URL_BYTES: usize = 2048;

/// A URL from the document, when it is one a person can safely open: http or
/// https, no whitespace or control characters, not absurdly long.
fn checked_url(raw: &str) -> Result<String, RejectReason> {
    let url = raw.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(RejectReason::NotHttp);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(RejectReason::UrlSpace);
    }
    if url.len() > MAX_URL_BYTES {
        return Err(RejectReason::UrlTooLong);
    }
    Ok(url.to_owned())
}

/// Something in a document that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// What was dropped (escaped), e.g. `incomingServer imap.evil\x1b…:993`.
    pub what: String,
    /// Why.
    pub reason: RejectReason,
}

/// Why something in a document was not used: typed, worded by the catalog
/// where it is shown ([`RejectReason::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectReason {
    /// A host name or domain that is not one.
    Host(AddressError),
    /// A host built on the user's domain with no dot before the placeholder
    /// (what precedes it, escaped).
    NoDotBeforePlaceholder(String),
    /// No port, or one outside 1–65535.
    Port,
    /// A `socketType` mailconf does not know (escaped).
    SocketType(String),
    /// A link that is not http or https.
    NotHttp,
    /// A link with a space or a control character in it.
    UrlSpace,
    /// A link longer than [`MAX_URL_BYTES`].
    UrlTooLong,
    /// An OAuth2 block without this element.
    OAuth2Missing(&'static str),
    /// An OAuth2 block the checks of `providers::oauth2` refuse: the field and
    /// their words.
    OAuth2Invalid {
        /// The field, e.g. `authorization_url`.
        field: String,
        /// What is wrong with it.
        problem: super::oauth2::Problem,
    },
    /// An OAuth2 block in a document found at run time.
    OAuth2FromRunTime,
}

impl RejectReason {
    /// The reason for people, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            RejectReason::Host(e) => e.text(lang),
            RejectReason::NoDotBeforePlaceholder(prefix) => {
                msg!(
                    lang,
                    "import-no-dot-before-placeholder",
                    prefix = prefix.as_str()
                )
            }
            RejectReason::Port => msg!(lang, "import-bad-port"),
            RejectReason::SocketType(t) => {
                msg!(lang, "import-unknown-socket-type", value = t.as_str())
            }
            RejectReason::NotHttp => msg!(lang, "import-url-not-http"),
            RejectReason::UrlSpace => msg!(lang, "import-url-space"),
            RejectReason::UrlTooLong => msg!(lang, "import-url-too-long", bytes = MAX_URL_BYTES),
            RejectReason::OAuth2Missing(element) => {
                msg!(lang, "import-oauth2-missing", element = *element)
            }
            RejectReason::OAuth2Invalid { field, problem } => msg!(
                lang,
                "with-detail",
                sentence = msg!(lang, "import-oauth2-invalid", field = field.as_str()),
                detail = problem.text(lang)
            ),
            RejectReason::OAuth2FromRunTime => msg!(lang, "import-oauth2-from-run-time"),
        }
    }
}

/// The English words: what logs and tests read.
impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A document converted into the provider model, with what was left out.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The provider.
    pub provider: Provider,
    /// Servers, domains and links that were not used, with the reason.
    pub rejected: Vec<Rejected>,
}

fn imported_plain_note() -> Localized {
    Localized::each(|lang| msg!(lang, "import-note-plaintext"))
}

fn imported_plain_no_login_note() -> Localized {
    Localized::each(|lang| msg!(lang, "import-note-plaintext-no-login"))
}

fn unusual_username_note(form: &str) -> Localized {
    Localized::each(|lang| msg!(lang, "import-note-username", form = form))
}

fn own_network_note() -> Localized {
    Localized::each(|lang| msg!(lang, "import-note-own-network"))
}

/// The notes of one server joined into one text per language.
fn join_notes(notes: Vec<Localized>) -> Option<Localized> {
    let join =
        |f: fn(&Localized) -> &str, sep: &str| notes.iter().map(f).collect::<Vec<_>>().join(sep);
    (!notes.is_empty()).then(|| Localized {
        en: join(|l| &l.en, " "),
        zh_hans: join(|l| &l.zh_hans, ""),
        zh_hant: join(|l| &l.zh_hant, ""),
    })
}

/// How a server takes a login, from its `<authentication>` values: OAuth2 only,
/// no login (`none`, or `client-IP-address`: trusted by the sender's address),
/// or `None` for passwords (the provider's `auth.kind` then says which kind).
fn server_login(values: &[String]) -> Option<ServerLogin> {
    let values: Vec<String> = values
        .iter()
        .map(|a| a.trim().to_ascii_lowercase())
        .filter(|a| !a.is_empty())
        .collect();
    if values.is_empty() {
        None
    } else if values.iter().all(|a| a == "oauth2") {
        Some(ServerLogin::Oauth2)
    } else if values
        .iter()
        .all(|a| a == "none" || a == "client-ip-address")
    {
        Some(ServerLogin::None)
    } else {
        None
    }
}

/// The placeholder that stands for the user's domain in host names.
const DOMAIN_PLACEHOLDER: &str = "%EMAILDOMAIN%";

/// A host name from the document: a valid DNS name (internationalized names in
/// punycode), possibly built on the user's domain (`mail.%EMAILDOMAIN%`).
fn checked_host(raw: &str) -> Result<String, RejectReason> {
    let raw = raw.trim();
    let (prefix, placeholder) = match raw.len().checked_sub(DOMAIN_PLACEHOLDER.len()) {
        Some(at)
            if raw.is_char_boundary(at) && raw[at..].eq_ignore_ascii_case(DOMAIN_PLACEHOLDER) =>
        {
            (&raw[..at], true)
        }
        _ => (raw, false),
    };
    if !placeholder {
        return parse_host(raw).map_err(RejectReason::Host);
    }
    if prefix.is_empty() {
        return Ok(DOMAIN_PLACEHOLDER.to_owned());
    }
    let Some(labels) = prefix.strip_suffix('.') else {
        return Err(RejectReason::NoDotBeforePlaceholder(escape_controls(
            prefix,
        )));
    };
    parse_host(labels)
        .map(|h| format!("{h}.{DOMAIN_PLACEHOLDER}"))
        .map_err(RejectReason::Host)
}

/// Converts one server element; `Ok(None)` for types mailconf does not use
/// (Exchange, JMAP…), `Err` with the reason for values it refuses.
fn convert_server(s: &XmlServer, outgoing: bool) -> Result<Option<Server>, Rejected> {
    let protocol = match (s.kind.to_ascii_lowercase().as_str(), outgoing) {
        ("pop3", false) => Protocol::Pop3,
        ("imap", false) => Protocol::Imap,
        ("smtp", true) => Protocol::Smtp,
        _ => return Ok(None),
    };
    let raw_host = s.hostname.as_deref().unwrap_or_default();
    let element = if outgoing {
        "outgoingServer"
    } else {
        "incomingServer"
    };
    let what = || {
        format!(
            "{element} {}:{}",
            escape_controls(raw_host),
            escape_controls(s.port.as_deref().unwrap_or_default())
        )
    };
    let reject = |reason: RejectReason| Rejected {
        what: what(),
        reason,
    };
    let host = checked_host(raw_host).map_err(reject)?;
    let Some(port) = s
        .port
        .as_deref()
        .and_then(|p| p.trim().parse::<u16>().ok())
        .filter(|p| *p != 0)
    else {
        return Err(reject(RejectReason::Port));
    };
    let security = match s.socket_type.as_deref().map(str::trim) {
        Some(t) if t.eq_ignore_ascii_case("SSL") || t.eq_ignore_ascii_case("TLS") => Security::Tls,
        Some(t) if t.eq_ignore_ascii_case("STARTTLS") => Security::Starttls,
        Some(t) if t.eq_ignore_ascii_case("plain") => Security::Plain,
        other => {
            return Err(reject(RejectReason::SocketType(escape_controls(
                other.unwrap_or_default(),
            ))));
        }
    };
    let raw_user = s
        .username
        .as_deref()
        .map(str::trim)
        .unwrap_or("%EMAILADDRESS%");
    let (username, odd_user) = match raw_user {
        "%EMAILLOCALPART%" => (UsernameForm::LocalPart, false),
        "%EMAILADDRESS%" => (UsernameForm::Address, false),
        "%EMAILLOCALPART%.%EMAILDOMAIN%" => (UsernameForm::LocalPartDotDomain, false),
        _ => (UsernameForm::Address, true),
    };
    let login = server_login(&s.authentication);
    let mut notes = Vec::new();
    if security == Security::Plain {
        notes.push(if login == Some(ServerLogin::None) {
            imported_plain_no_login_note()
        } else {
            imported_plain_note()
        });
    }
    if odd_user {
        notes.push(unusual_username_note(&escape_controls(raw_user)));
    }
    if s.restrictions
        .iter()
        .any(|r| r.trim().eq_ignore_ascii_case("client-IP-address"))
    {
        notes.push(own_network_note());
    }
    Ok(Some(Server {
        protocol,
        host,
        port,
        security,
        username,
        note: join_notes(notes),
        login,
    }))
}

/// Converts a parsed document into the provider model (see [`convert`]; what
/// was left out is dropped silently: for trusted data such as the ISPDB import).
pub fn to_provider(
    doc: &ClientConfig,
    origin: Origin,
    source_kind: SourceKind,
    source_url: &str,
    checked: &str,
) -> Result<Provider, AutoconfigError> {
    convert(doc, origin, source_kind, source_url, checked).map(|c| c.provider)
}

/// Converts a parsed document into the provider model, checking every host
/// name and URL and escaping every text (see the module docs).
///
/// `source_url` names where the document came from and `checked` (YYYY-MM) when;
/// both go into the entry's sources so provenance survives the conversion.
pub fn convert(
    doc: &ClientConfig,
    origin: Origin,
    source_kind: SourceKind,
    source_url: &str,
    checked: &str,
) -> Result<Converted, AutoconfigError> {
    let ep = &doc.email_provider;
    let mut rejected = Vec::new();
    let mut servers = |list: &[XmlServer], outgoing: bool| -> Vec<Server> {
        list.iter()
            .filter_map(|s| match convert_server(s, outgoing) {
                Ok(server) => server,
                Err(r) => {
                    rejected.push(r);
                    None
                }
            })
            .collect()
    };
    let mut incoming = servers(&ep.incoming, false);
    let mut outgoing = servers(&ep.outgoing, true);
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
    if oauth_only {
        // The provider says it once; each server need not repeat it.
        for s in incoming.iter_mut().chain(outgoing.iter_mut()) {
            if s.login == Some(ServerLogin::Oauth2) {
                s.login = None;
            }
        }
    }
    // MX host domains become MX suffixes: nobody has an address there.
    let mut domains: Vec<String> = Vec::new();
    let mut mx_suffixes: Vec<String> = Vec::new();
    for raw in &ep.domains {
        match parse_host(raw.trim().trim_end_matches('.')) {
            Ok(d) => {
                let list = if doc.mx_domains.contains(&d) {
                    &mut mx_suffixes
                } else {
                    &mut domains
                };
                if !list.contains(&d) {
                    list.push(d);
                }
            }
            Err(e) => rejected.push(Rejected {
                what: format!("domain {}", escape_controls(raw)),
                reason: RejectReason::Host(e),
            }),
        }
    }
    let display = ep
        .display_name
        .as_deref()
        .or(ep.display_short_name.as_deref())
        .map(collapse_ws)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| escape_controls(&ep.id));
    let enable = ep.enable.iter().chain(&doc.enable).next();
    let mut hints = Vec::new();
    if let Some(en) = enable {
        // The document's own instruction is English (or untagged); in
        // Chinese the catalog's sentence says the same.
        let instruction = english(&en.instructions);
        let said = |lang: Lang, url: Option<&str>| match (&instruction, lang, url) {
            (Some(i), Lang::En, Some(url)) => format!("{i} ({url})"),
            (Some(i), Lang::En, None) => i.clone(),
            (_, _, Some(url)) => msg!(lang, "import-enable-access-at", url = url),
            (_, _, None) => msg!(lang, "import-enable-access"),
        };
        match checked_url(&en.visit_url) {
            Ok(url) => hints.push(Localized::each(|lang| said(lang, Some(&url)))),
            Err(reason) => {
                rejected.push(Rejected {
                    what: format!("enable visiturl {}", escape_controls(&en.visit_url)),
                    reason,
                });
                hints.push(Localized::each(|lang| said(lang, None)));
            }
        }
    }
    let mut help_urls = Vec::new();
    for d in ep.documentation.iter().filter(|d| !d.url.trim().is_empty()) {
        match checked_url(&d.url) {
            Ok(url) => help_urls.push(HelpLink {
                url,
                title: link_title(&d.descr),
            }),
            Err(reason) => rejected.push(Rejected {
                what: format!("documentation url {}", escape_controls(&d.url)),
                reason,
            }),
        }
    }
    // Where a browser is sent and a token asked for comes only from the ISPDB
    // import (reviewed, committed) and hand-written entries, never from a
    // document fetched while the user waits: a planted autoconfig file must not
    // choose the sign-in page.
    let oauth2 = match (&doc.oauth2, origin) {
        (None, _) => None,
        (Some(x), Origin::Ispdb | Origin::Hand) => {
            let mut protocols: Vec<Protocol> = incoming
                .iter()
                .chain(&outgoing)
                .map(|s| s.protocol)
                .collect();
            protocols.sort();
            protocols.dedup();
            match convert_oauth2(x, &protocols) {
                Ok(o) => Some(o),
                Err(reason) => {
                    rejected.push(Rejected {
                        what: "oAuth2".into(),
                        reason,
                    });
                    None
                }
            }
        }
        (Some(_), Origin::User) => {
            rejected.push(Rejected {
                what: "oAuth2".into(),
                reason: RejectReason::OAuth2FromRunTime,
            });
            None
        }
    };
    let id = sanitize_id(if ep.id.is_empty() { &display } else { &ep.id });
    let provider = Provider {
        schema: Some("../schema.json".into()),
        id,
        name: Localized::same(&display),
        domains,
        mx_suffixes,
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
        username_idn: crate::providers::IdnUsername::default(),
        oauth2,
    };
    Ok(Converted { provider, rejected })
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
        // Described in German and English: a German page, in the English words.
        let title = p.help_urls[0].title.as_ref().unwrap();
        assert_eq!(title.en, "Help (in German)");
        assert!(title.zh_hans.contains("德语") && title.zh_hant.contains("德語"));
        assert!(p.hints[0].en.contains("Enable IMAP first"));
    }

    #[test]
    fn mx_sections_by_their_comments() {
        let xml = r#"<clientConfig><emailProvider id="x">
            <domain>x.com</domain>
            <!-- MX, for Google Apps -->
            <domain>google.com</domain>
            <domain>jazztel.es</domain>
            <domain>nyu.edu</domain>
            <!-- MX -->
            <domain>mail.am0.yahoodns.net</domain>
            <domain>am0.yahoodns.net</domain>
            <!-- Unfortunately, also used for AOL :-( -->
            <domain>yahoodns.net</domain>
            <!-- Hosting customers, MX servers -->
            <domain>kundenserver.de</domain>
            <domain>schlund.de</domain>
            <displayName>X</displayName>
            <domain>after-an-element.example</domain>
            <!-- about 1400 domains, all with bgmgate1.biglobe.ne.jp as MX -->
            <domain>biglobe.ne.jp</domain>
            <incomingServer type="imap"><hostname>imap.x.com</hostname><port>993</port>
              <socketType>SSL</socketType><authentication>OAuth2</authentication></incomingServer>
            <outgoingServer type="smtp"><hostname>smtp.x.com</hostname><port>25</port>
              <socketType>plain</socketType><authentication>none</authentication></outgoingServer>
            <outgoingServer type="smtp"><hostname>smtp.x.com</hostname><port>465</port>
              <socketType>SSL</socketType><username>%EMAILLOCALPART%.%EMAILDOMAIN%</username>
              <authentication>password-cleartext</authentication>
              <restriction>client-IP-address</restriction></outgoingServer>
        </emailProvider></clientConfig>"#;
        let doc = parse(xml).unwrap();
        assert_eq!(
            doc.mx_domains,
            [
                "google.com",
                "mail.am0.yahoodns.net",
                "am0.yahoodns.net",
                "yahoodns.net",
                "kundenserver.de",
                "schlund.de"
            ]
        );
        let p = to_provider(&doc, Origin::Ispdb, SourceKind::Ispdb, "u", "2026-03").unwrap();
        assert_eq!(
            p.domains,
            [
                "x.com",
                "jazztel.es",
                "nyu.edu",
                "after-an-element.example",
                "biglobe.ne.jp"
            ]
        );
        assert_eq!(p.mx_suffixes, doc.mx_domains);
        // Per server: OAuth2 only on IMAP, no login on port 25, a password on 465.
        assert_eq!(p.auth.kind, AuthKind::Password);
        assert_eq!(p.incoming[0].login, Some(ServerLogin::Oauth2));
        assert_eq!(p.outgoing[0].login, Some(ServerLogin::None));
        assert!(
            p.outgoing[0]
                .note
                .as_ref()
                .unwrap()
                .en
                .contains("your mail crosses")
        );
        assert_eq!(p.outgoing[1].login, None);
        assert_eq!(p.outgoing[1].username, UsernameForm::LocalPartDotDomain);
        assert_eq!(
            p.outgoing[1].username.apply("alice@example.jp"),
            "alice.example.jp"
        );
        assert!(
            p.outgoing[1]
                .note
                .as_ref()
                .unwrap()
                .en
                .contains("own network")
        );
    }

    #[test]
    fn help_links_keep_their_language() {
        let d = |lang: Option<&str>, text: &str| Descr {
            lang: lang.map(str::to_owned),
            text: text.into(),
        };
        let pl = link_title(&[d(Some("pl"), "Jak skonfigurować")]).unwrap();
        assert_eq!(pl.en, "Jak skonfigurować (in Polish)");
        assert!(pl.zh_hans.contains("波兰语") && pl.zh_hant.contains("波蘭語"));
        let en = link_title(&[d(Some("en"), "Settings")]).unwrap();
        assert_eq!(en.en, "Settings");
        assert!(!en.zh_hans.contains("英") && !en.zh_hant.contains("英"));
        let us = link_title(&[d(Some("en-US"), "Settings"), d(Some("pt-BR"), "Config")]).unwrap();
        assert_eq!(us.en, "Settings (in Portuguese)");
        let odd = link_title(&[d(Some("tlh"), "Qapla'")]).unwrap();
        assert_eq!(odd.en, "Qapla' (in tlh)");
        assert!(link_title(&[]).is_none());
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

    /// F2/F11: the XML parser turns `&#x1b;` into a real ESC and `&#x0a;` into a
    /// newline. A host name carrying one is refused with the reason; a display
    /// name, an instruction or a description carrying one is escaped; a link
    /// that is not http(s) is dropped.
    fn with_oauth2(block: &str) -> String {
        format!(
            r#"<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <incomingServer type="imap">
      <hostname>imap.example.com</hostname><port>993</port><socketType>SSL</socketType>
      <authentication>OAuth2</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname><port>465</port><socketType>SSL</socketType>
      <authentication>OAuth2</authentication>
    </outgoingServer>
  </emailProvider>
  {block}
</clientConfig>"#
        )
    }

    #[test]
    fn ispdb_oauth2_is_imported_for_each_protocol_with_servers() {
        let xml = with_oauth2(
            "<oAuth2><issuer>login.example.com</issuer><scope>mail-w offline</scope>\
             <authURL>https://login.example.com/auth</authURL>\
             <tokenURL>https://login.example.com/token</tokenURL></oAuth2>",
        );
        let doc = parse(&xml).unwrap();
        let c = convert(&doc, Origin::Ispdb, SourceKind::Ispdb, "u", "2026-03").unwrap();
        assert!(c.rejected.is_empty(), "{:?}", c.rejected);
        let o = c.provider.oauth2.expect("oauth2 imported");
        assert_eq!(o.issuer, "login.example.com");
        assert_eq!(o.authorization_url, "https://login.example.com/auth");
        assert_eq!(o.token_url, "https://login.example.com/token");
        assert_eq!(o.scopes.imap, ["mail-w", "offline"]);
        assert_eq!(o.scopes.smtp, ["mail-w", "offline"]);
        assert!(o.scopes.pop3.is_empty(), "no POP3 server, no POP3 scopes");
        assert!(o.mechanisms.is_empty());
    }

    #[test]
    fn hostile_or_fetched_oauth2_blocks_are_refused() {
        for (block, why) in [
            (
                "<oAuth2><issuer>login.example.com</issuer><scope>mail</scope>\
                 <authURL>http://login.example.com/auth</authURL>\
                 <tokenURL>https://login.example.com/token</tokenURL></oAuth2>",
                ("authorization_url", "not an https URL"),
            ),
            (
                "<oAuth2><issuer>login.example.com</issuer><scope>mail</scope>\
                 <authURL>https://login.example.com/auth</authURL>\
                 <tokenURL>https://203.0.113.9/token</tokenURL></oAuth2>",
                ("token_url", "“203.0.113.9” is an IP address"),
            ),
            (
                "<oAuth2><issuer>login&#x1b;[2J.example.com</issuer><scope>mail</scope>\
                 <authURL>https://login.example.com/auth</authURL>\
                 <tokenURL>https://login.example.com/token</tokenURL></oAuth2>",
                ("issuer", "“login\\x1b[2J.example.com” is not a lowercase"),
            ),
            (
                "<oAuth2><issuer>login.example.com</issuer><scope>ma\"il</scope>\
                 <authURL>https://login.example.com/auth</authURL>\
                 <tokenURL>https://login.example.com/token</tokenURL></oAuth2>",
                ("scopes.imap[0]", ""),
            ),
            (
                "<oAuth2><issuer>login.example.com</issuer>\
                 <authURL>https://login.example.com/auth</authURL>\
                 <tokenURL>https://login.example.com/token</tokenURL></oAuth2>",
                ("<scope> is missing", ""),
            ),
        ] {
            let doc = parse(&with_oauth2(block)).unwrap();
            let c = convert(&doc, Origin::Ispdb, SourceKind::Ispdb, "u", "2026-03").unwrap();
            assert!(c.provider.oauth2.is_none(), "{block}");
            assert_eq!(c.rejected.len(), 1, "{block}: {:?}", c.rejected);
            let text = c.rejected[0].reason.to_string();
            assert!(
                text.contains(why.0) && text.contains(why.1),
                "{why:?}: {:?}",
                c.rejected
            );
        }
        // A well-formed block in a document found at run time is not used either.
        let good = with_oauth2(
            "<oAuth2><issuer>login.example.com</issuer><scope>mail</scope>\
             <authURL>https://login.example.com/auth</authURL>\
             <tokenURL>https://login.example.com/token</tokenURL></oAuth2>",
        );
        let doc = parse(&good).unwrap();
        let c = convert(&doc, Origin::User, SourceKind::ProviderDocs, "u", "").unwrap();
        assert!(c.provider.oauth2.is_none());
        assert!(
            c.rejected[0]
                .reason
                .to_string()
                .contains("only from mailconf's own database"),
            "{:?}",
            c.rejected
        );
    }

    #[test]
    fn f2_autoconfig_hostile_names_are_refused_or_escaped() {
        let hostile = r#"<clientConfig version="1.1">
  <emailProvider id="evil">
    <domain>evil.test</domain>
    <domain>evil&#x1b;.test</domain>
    <displayName>Evil&#x1b;]52;c;cm0gLXJmIH4=&#x07;&#x1b;[2J Mail&#x202e;</displayName>
    <incomingServer type="pop3">
      <hostname>pop.evil.test&#x0a;plugin "sh -c id"</hostname><port>995</port><socketType>SSL</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>imap.evil.test</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%&#x1b;[31m</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp&#x1b;]0;title&#x07;.evil.test</hostname><port>465</port><socketType>SSL</socketType>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>mail.%EMAILDOMAIN%</hostname><port>587</port><socketType>STARTTLS</socketType>
    </outgoingServer>
    <documentation url="javascript:alert(1)"><descr>Help</descr></documentation>
    <documentation url="https://evil.test/help&#x0a;x"><descr>Help</descr></documentation>
  </emailProvider>
  <enable visiturl="https://evil.test/on"><instruction>Turn it on&#x1b;[2J now</instruction></enable>
</clientConfig>"#;
        let doc = parse(hostile).unwrap();
        let c = convert(&doc, Origin::User, SourceKind::ProviderDocs, "u", "").unwrap();
        let p = &c.provider;
        let hosts: Vec<&str> = p
            .incoming
            .iter()
            .chain(&p.outgoing)
            .map(|s| s.host.as_str())
            .collect();
        assert_eq!(hosts, ["imap.evil.test", "mail.%EMAILDOMAIN%"]);
        assert_eq!(p.domains, ["evil.test"]);
        for text in [&p.name.en, &p.hints[0].en].into_iter().chain(
            p.incoming
                .iter()
                .filter_map(|s| s.note.as_ref().map(|n| &n.en)),
        ) {
            assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
            assert!(!text.contains('\u{202e}'), "{text:?}");
        }
        assert!(p.name.en.contains("Evil\\x1b]52;c;"), "{}", p.name.en);
        assert!(p.help_urls.is_empty(), "{:?}", p.help_urls);
        let reasons: Vec<String> = c
            .rejected
            .iter()
            .map(|r| format!("{} — {}", r.what, r.reason))
            .collect();
        assert_eq!(reasons.len(), 5, "{reasons:#?}");
        assert!(
            reasons[0].starts_with("incomingServer pop.evil.test\\x0aplugin \"sh -c id\":995 — ")
                && reasons[0].contains("control character (U+000A)"),
            "{reasons:#?}"
        );
        assert!(
            reasons[1].contains("control character (U+001B)"),
            "{reasons:#?}"
        );
        assert!(reasons.iter().all(|r| !r.chars().any(|c| c.is_control())));
    }

    #[test]
    fn sanitizes_ids() {
        assert_eq!(sanitize_id("Oxcloud EU"), "oxcloud-eu");
        assert_eq!(sanitize_id("..."), "provider");
    }
}
