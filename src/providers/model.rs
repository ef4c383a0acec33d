//! The provider data model: what one file in `providers/` holds.
//!
//! These types are the single source of truth for the bundled database. The JSON
//! Schema in `providers/schema.json` is generated from them (`mailconf providers
//! schema`), and a test keeps the committed copy in step. Unknown fields are
//! rejected so that a typo in a hand-edited file is an error, not silently lost data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One mail provider: who it is, which domains it serves, how to reach it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Editor hint (`"$schema": "schema.json"`); ignored by mailconf.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable identifier: lowercase ASCII letters, digits, `-` and `.`.
    pub id: String,
    /// Display name in English, Simplified and Traditional Chinese.
    pub name: Localized,
    /// Email domains this provider serves (lowercase; internationalized domains in punycode).
    pub domains: Vec<String>,
    /// MX host suffixes that identify this provider for custom domains
    /// (e.g. `aspmx.l.google.com`, `mail.protection.outlook.com`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mx_suffixes: Vec<String>,
    /// Whether the service works as it is, needs switching on first, or is gone.
    pub status: Status,
    /// Incoming servers (POP3 and IMAP), in order of preference.
    #[serde(default)]
    pub incoming: Vec<Server>,
    /// Outgoing SMTP servers, in order of preference.
    #[serde(default)]
    pub outgoing: Vec<Server>,
    /// What to type into the password field, and where to get it.
    pub auth: Auth,
    /// Setup steps, each in the three languages, shown before the user tests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<Localized>,
    /// Help pages of the provider.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help_urls: Vec<HelpLink>,
    /// Behaviour worth knowing that affects clients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quirks: Vec<Quirk>,
    /// How the settings used to differ (e.g. plaintext 110/25 only in the 2000s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Localized>,
    /// Server reply texts this provider is known to send, and what they mean.
    /// The advice layer matches these; reply texts never live in code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_replies: Vec<KnownReply>,
    /// Where the facts come from, and when they were last checked.
    pub sources: Vec<Source>,
    /// Who wrote this entry: by hand, or imported from the Thunderbird ISPDB.
    #[serde(default)]
    pub origin: Origin,
    /// How an address with an internationalized domain (`用户@例子.中国`) goes
    /// to the servers as a username. Absent means `unicode`.
    #[serde(default, skip_serializing_if = "IdnUsername::is_default")]
    pub username_idn: IdnUsername,
    /// How to sign in with OAuth2: endpoints, scopes per protocol and the SASL
    /// mechanisms each protocol's servers take. Absent: mailconf knows of no
    /// OAuth2 sign-in for this provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth2: Option<OAuth2>,
}

/// OAuth2 sign-in facts of a provider (RFC 6749, RFC 8628, RFC 7628). Every URL
/// is https and names its host by a DNS name (`providers::oauth2` checks them:
/// a provider file is hostile input, and these are where a browser is sent and
/// a token requested).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OAuth2 {
    /// Host name of the token issuer (the ISPDB's `<issuer>`), e.g.
    /// `login.microsoftonline.com`.
    pub issuer: String,
    /// Authorization endpoint (the browser goes here). May contain `{tenant}`
    /// as a whole path segment when `tenant` is given.
    pub authorization_url: String,
    /// Token endpoint (codes and refresh tokens are exchanged here). May
    /// contain `{tenant}` like `authorization_url`.
    pub token_url: String,
    /// Device authorization endpoint (RFC 8628), where the provider offers the
    /// device flow for mail scopes. May contain `{tenant}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_authorization_url: Option<String>,
    /// The `{tenant}` used when the user names none (Microsoft: `common`,
    /// `organizations`, `consumers`, a tenant id or a verified domain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// Scopes to request, per protocol (a sign-in for several protocols asks
    /// for all of theirs at once).
    pub scopes: PerProtocol<String>,
    /// The SASL mechanisms each protocol's servers take with a token, in the
    /// provider's order of preference; empty where no source says (the probe
    /// then goes by what the server advertises).
    #[serde(default, skip_serializing_if = "PerProtocol::is_empty")]
    pub mechanisms: PerProtocol<SaslMechanism>,
    /// What to know before registering a client (e.g. "the device flow does
    /// not allow the mail scope").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

/// One list per protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
pub struct PerProtocol<T> {
    /// POP3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pop3: Vec<T>,
    /// IMAP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imap: Vec<T>,
    /// SMTP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub smtp: Vec<T>,
}

impl<T> Default for PerProtocol<T> {
    fn default() -> Self {
        Self {
            pop3: Vec::new(),
            imap: Vec::new(),
            smtp: Vec::new(),
        }
    }
}

impl<T> PerProtocol<T> {
    /// The list of `protocol`.
    pub fn get(&self, protocol: Protocol) -> &[T] {
        match protocol {
            Protocol::Pop3 => &self.pop3,
            Protocol::Imap => &self.imap,
            Protocol::Smtp => &self.smtp,
        }
    }

    /// Whether every list is empty.
    pub fn is_empty(&self) -> bool {
        self.pop3.is_empty() && self.imap.is_empty() && self.smtp.is_empty()
    }

    /// Each protocol with its list.
    pub fn iter(&self) -> impl Iterator<Item = (Protocol, &[T])> {
        [
            (Protocol::Pop3, self.pop3.as_slice()),
            (Protocol::Imap, self.imap.as_slice()),
            (Protocol::Smtp, self.smtp.as_slice()),
        ]
        .into_iter()
    }
}

/// A SASL mechanism that carries an OAuth2 bearer token.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SaslMechanism {
    /// Google's `XOAUTH2` (also Microsoft's only one): `user=…^Aauth=Bearer …^A^A`.
    Xoauth2,
    /// `OAUTHBEARER` (RFC 7628): a GS2 header, then `auth=Bearer …`.
    Oauthbearer,
}

impl SaslMechanism {
    /// The mechanism's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            SaslMechanism::Xoauth2 => "XOAUTH2",
            SaslMechanism::Oauthbearer => "OAUTHBEARER",
        }
    }
}

/// The wire form of a username whose domain is internationalized. People
/// always see the Unicode form; this is only what the server is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IdnUsername {
    /// As people write it, in UTF-8 (`用户@例子.中国`): SASL's own form
    /// (RFC 4616) and what internationalized mail servers expect (RFC 6531,
    /// RFC 6855).
    #[default]
    Unicode,
    /// The domain in its ASCII form (`用户@xn--fsqu00a.xn--fiqs8s`), for servers
    /// that keep their accounts under that name.
    Ascii,
}

impl IdnUsername {
    /// Whether this is the default (`unicode`), which provider files leave out.
    pub fn is_default(&self) -> bool {
        *self == IdnUsername::Unicode
    }

    /// `username` in this wire form: an address whose domain is
    /// internationalized gets its domain in Unicode or ASCII; anything else
    /// (a plain name, an ASCII domain, a string that is no address) is sent
    /// exactly as given.
    pub fn apply(self, username: &str) -> String {
        match crate::providers::address::Address::parse(username) {
            Ok(a) if a.is_internationalized() => a.in_form(self),
            _ => username.to_owned(),
        }
    }
}

/// A text in English, Simplified Chinese and Traditional Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// English.
    pub en: String,
    /// Simplified Chinese (简体中文).
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    /// Traditional Chinese (繁體中文).
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
}

impl Localized {
    /// The same text in all three languages (for proper names such as "Gmail").
    pub fn same(text: &str) -> Self {
        Self {
            en: text.to_owned(),
            zh_hans: text.to_owned(),
            zh_hant: text.to_owned(),
        }
    }

    /// A text made in each language by `render` (a catalog message with its
    /// values): program text that is stored or sent on with the three
    /// languages together, such as an audit's findings or an imported server's note.
    pub fn each(render: impl Fn(crate::i18n::Lang) -> String) -> Self {
        use crate::i18n::Lang;
        Self {
            en: render(Lang::En),
            zh_hans: render(Lang::ZhHans),
            zh_hant: render(Lang::ZhHant),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.en,
            crate::i18n::Lang::ZhHans => &self.zh_hans,
            crate::i18n::Lang::ZhHant => &self.zh_hant,
        }
    }
}

/// Whether the provider can be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Status {
    /// Works with the settings below.
    Active,
    /// POP3/IMAP/SMTP must be switched on in the web settings first.
    NeedsSetup,
    /// The service is closed.
    Discontinued {
        /// The year it closed.
        year: u16,
        /// What replaced it, if anything.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replaced_by: Option<Localized>,
    },
}

/// A mail protocol.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// POP3 (RFC 1939).
    Pop3,
    /// IMAP4rev1/rev2.
    Imap,
    /// SMTP submission.
    Smtp,
}

impl Protocol {
    /// Lowercase name as used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Pop3 => "pop3",
            Protocol::Imap => "imap",
            Protocol::Smtp => "smtp",
        }
    }

    /// Display name ("POP3", "IMAP", "SMTP").
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Pop3 => "POP3",
            Protocol::Imap => "IMAP",
            Protocol::Smtp => "SMTP",
        }
    }
}

/// How a connection is secured.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Implicit TLS from the first byte (995, 993, 465).
    Tls,
    /// Plaintext, upgraded with STLS/STARTTLS before anything else (110, 143, 587, 25).
    Starttls,
    /// No encryption at all. Reported, never recommended.
    Plain,
}

impl Security {
    /// Lowercase name as used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
            Security::Plain => "plain",
        }
    }
}

/// What the username is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum UsernameForm {
    /// The full address, `alice@example.com`.
    #[default]
    Address,
    /// Only the part before `@`, `alice`.
    LocalPart,
    /// The local part, a dot and the domain: `alice.example.jp` for
    /// `alice@example.jp` (IIJ's mailbox names; `%EMAILLOCALPART%.%EMAILDOMAIN%`).
    LocalPartDotDomain,
}

impl UsernameForm {
    /// The username for `address` in this form.
    pub fn apply(self, address: &str) -> String {
        match self {
            UsernameForm::Address => address.to_owned(),
            UsernameForm::LocalPart => address
                .rsplit_once('@')
                .map_or(address, |(local, _)| local)
                .to_owned(),
            UsernameForm::LocalPartDotDomain => match address.rsplit_once('@') {
                Some((local, domain)) => format!("{local}.{domain}"),
                None => address.to_owned(),
            },
        }
    }
}

/// One server a client connects to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Server {
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// Host name (lowercase ASCII; punycode for internationalized names).
    pub host: String,
    /// TCP port, 1-65535.
    #[schemars(range(min = 1, max = 65535))]
    pub port: u16,
    /// tls, starttls or plain.
    pub security: Security,
    /// Full address or local part.
    #[serde(default)]
    pub username: UsernameForm,
    /// A remark about this server (e.g. "only from mainland China").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
    /// How this server takes a login when that differs from the provider's
    /// `auth.kind`: only OAuth2 here, or no login at all. Absent: as `auth.kind` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<ServerLogin>,
}

/// How one server takes a login, where it differs from the provider as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ServerLogin {
    /// A password (or the app password / authorization code of `auth.kind`).
    Password,
    /// Only OAuth2 sign-in (SASL XOAUTH2 / OAUTHBEARER); passwords are refused here.
    Oauth2,
    /// No login: the server accepts mail without authentication (typically an
    /// ISP's SMTP server for its own network).
    None,
}

impl Server {
    /// The host name for a user whose mail domain is `domain`: expands the
    /// `%EMAILDOMAIN%` placeholder some imported entries use (`mail.%EMAILDOMAIN%`).
    pub fn host_for(&self, domain: &str) -> String {
        self.host.replace("%EMAILDOMAIN%", domain)
    }
}

/// What kind of secret the password field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKind {
    /// The account's normal password.
    Password,
    /// An app-specific password generated in the account's security settings.
    AppPassword,
    /// An authorization code (授权码) generated in the web mail settings.
    AuthorizationCode,
    /// Passwords are refused; only OAuth2 sign-in works.
    Oauth2Only,
    /// A local bridge program holds the real credentials (Proton Mail Bridge).
    Bridge,
}

/// Authentication facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// What the password field takes.
    pub kind: AuthKind,
    /// Where the user creates the app password / authorization code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_url: Option<String>,
    /// Limits worth knowing (e.g. "free accounts may hold two codes at a time").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Localized>,
}

/// A help page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpLink {
    /// The address (https).
    pub url: String,
    /// What the page is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Localized>,
}

/// Provider behaviour that affects clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Quirk {
    /// IMAP clients must send the RFC 2971 ID command after login, or SELECT fails
    /// with "Unsafe Login" (NetEase: 163, 126, yeah, 188).
    ImapIdRequired,
    /// Outgoing port 25 is commonly blocked by ISPs and cloud hosts for this service.
    Port25Blocked,
    /// POP3/IMAP/SMTP access is off until switched on in the web settings.
    ServiceOffByDefault,
    /// The authorization code / app password must be typed without spaces.
    CodeWithoutSpaces,
    /// POP3 downloads only the last 30 days (Gmail "recent mode") unless configured.
    Pop3RecentOnly,
    /// Servers may be unreachable or slow from outside mainland China.
    SlowOutsideChina,
    /// Only reachable through a local bridge program (Proton Mail Bridge).
    LocalBridge,
}

/// What a known server reply means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyMeaning {
    /// The web password was used where an authorization code is needed.
    AuthorizationCodeRequired,
    /// An app password is needed.
    AppPasswordRequired,
    /// POP3/IMAP/SMTP is not switched on for the account.
    ServiceDisabled,
    /// Passwords are not accepted; OAuth2 is.
    Oauth2Required,
    /// Username or password wrong.
    CredentialsRejected,
    /// Try again later.
    TemporarilyUnavailable,
    /// The client must identify itself (IMAP ID) before using the mailbox.
    ImapIdRequired,
}

/// A reply text a provider is known to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownReply {
    /// Only for this protocol; all protocols when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// Case-insensitive substring of the server's reply line.
    pub contains: String,
    /// What it means.
    pub means: ReplyMeaning,
}

/// What kind of source backs a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// The provider's own documentation.
    ProviderDocs,
    /// Mozilla Thunderbird's ISPDB (MPL-2.0).
    Ispdb,
    /// Widely known, not tied to one page.
    GeneralKnowledge,
    /// Reported by users in public issue threads.
    UserReport,
    /// No page of the provider's own backs these facts: `about` says what was
    /// looked for, where, and why none could be used.
    NoProviderPage,
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Which facts: e.g. "servers", "auth", "status", "mx", "hints", "history".
    pub about: String,
    /// What kind of source.
    pub kind: SourceKind,
    /// The page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Month last checked, `YYYY-MM`.
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub checked: String,
}

/// Who wrote an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Written and reviewed by hand in `providers/`.
    #[default]
    Hand,
    /// Generated from the Thunderbird ISPDB by `mailconf providers import-ispdb`.
    Ispdb,
    /// A user's own file in the config directory.
    User,
}
