//! The settings model every export format renders from.
//!
//! [`AccountSettings`] holds exactly one incoming server (POP3 or IMAP) and one SMTP
//! server — the ones the user will use — plus what the formats need around them:
//! the address, the display name, the provider's name and password kind, whether
//! mail stays on the server, and where the settings came from ([`Verification`]).
//! It is built either from the provider database
//! ([`AccountSettings::from_provider`]) or, later, from probe reports (the probe
//! engine fills [`ProbeVerified`]). The fields are public so both can build it;
//! [`AccountSettings::check`] enforces what every export relies on.

use super::ExportError;
use crate::providers::{
    Address, AuthKind, IdnUsername, Localized, Protocol, Provider, Quirk, Security, Server,
    UsernameForm,
};
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

/// Everything an export needs about one account.
#[derive(Debug, Clone)]
pub struct AccountSettings {
    /// The mail address; `None` when only a provider was named (formats with
    /// placeholders use them, the others ask for an address).
    pub address: Option<Address>,
    /// The user's name as it appears in `From:` (may be Chinese, may hold `&<"'`).
    pub display_name: Option<String>,
    /// The provider the settings belong to.
    pub provider: ProviderInfo,
    /// The incoming server: POP3 or IMAP.
    pub incoming: Endpoint,
    /// The outgoing SMTP server.
    pub outgoing: Endpoint,
    /// Leave mail on the server after downloading ("improved POP3 mode"); on by
    /// default. Clients that fetch (POP3, fetchmail, getmail) keep the messages
    /// instead of deleting them.
    pub leave_on_server: bool,
    /// Where the settings came from.
    pub verified: Verification,
    /// The password, present only when the user asked for it to be included.
    /// `Debug` prints `[REDACTED]`; the memory is zeroed on drop.
    pub password: Option<SecretString>,
}

/// What the formats need to know about the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderInfo {
    /// Database id (`163`, `qq`).
    pub id: String,
    /// Name in the three languages.
    pub name: Localized,
    /// Domains the provider serves (canonical ASCII).
    pub domains: Vec<String>,
    /// What goes into the password field.
    pub password_kind: AuthKind,
    /// Where the user creates an app password or authorization code.
    pub create_url: Option<String>,
    /// Setup steps to do first.
    pub hints: Vec<Localized>,
    /// Behaviour that affects clients.
    pub quirks: Vec<Quirk>,
    /// How an internationalized domain goes into the username.
    pub username_idn: IdnUsername,
    /// Passwords are refused and mailconf knows the provider's OAuth2 sign-in:
    /// clients get their token from `mailconf oauth2 token`.
    pub oauth2: bool,
}

impl ProviderInfo {
    /// The parts of a database entry the exports use.
    pub fn from_provider(p: &Provider) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            domains: p.domains.clone(),
            password_kind: p.auth.kind,
            create_url: p.auth.create_url.clone(),
            hints: p.hints.clone(),
            quirks: p.quirks.clone(),
            username_idn: p.username_idn,
            oauth2: p.oauth2.is_some() && p.auth.kind == AuthKind::Oauth2Only,
        }
    }
}

/// One server the client connects to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// pop3, imap or smtp.
    pub protocol: Protocol,
    /// Host name (ASCII). Contains `%EMAILDOMAIN%` only when no address is known.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// TLS or STARTTLS; never plain (see [`AccountSettings::check`]).
    pub security: Security,
    /// The login name.
    pub username: Username,
    /// How the client authenticates.
    pub auth: AuthMethod,
}

/// The login name of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Username {
    /// Derived from the address by the provider's rule; formats with placeholders
    /// write `%EMAILADDRESS%` / `%EMAILLOCALPART%`.
    Form(UsernameForm),
    /// A fixed name (typed by the user or found by a login test).
    Literal(String),
}

/// How the client proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// Username and password sent inside TLS (SASL PLAIN/LOGIN, POP3 USER/PASS,
    /// IMAP LOGIN): Thunderbird's `password-cleartext`.
    PasswordCleartext,
}

/// Where the settings came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "kebab-case")]
pub enum Verification {
    /// From the bundled provider database; nothing was tested.
    Database {
        /// The database entry.
        provider_id: String,
    },
    /// Found by discovery for a domain the database does not know; not tested.
    Discovered {
        /// Where, e.g. "autoconfig.example.com" or "guessed".
        provenance: crate::discover::Note,
    },
    /// Tested by mailconf's probe.
    Probed {
        /// When (RFC 3339 timestamp, as the probe report gives it).
        when: String,
        /// What the probe found for the chosen servers.
        summary: ProbeVerified,
    },
}

/// What the probe verified for the two chosen servers. Filled by the probe
/// engine from its reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeVerified {
    /// The incoming server.
    pub incoming: EndpointVerdict,
    /// The outgoing server.
    pub outgoing: EndpointVerdict,
}

/// The probe's result for one server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointVerdict {
    /// The verdict as a short sentence ("TLS OK, login accepted").
    pub verdict: String,
    /// Negotiated TLS version, as the probe reports it ("TLS 1.3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_version: Option<String>,
    /// SHA-256 fingerprint of the server certificate (hex with colons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_sha256: Option<String>,
    /// Whether a login test succeeded (`None`: not tried).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_ok: Option<bool>,
    /// The verdict in each language, from the catalog, for the comments
    /// people read (the JSON keeps the English `verdict`); `None` when only
    /// the English is known (a file read back).
    #[serde(skip)]
    pub in_words: Option<Box<crate::providers::Localized>>,
}

/// The protocol of the provider's first encrypted incoming server (the database
/// lists servers in order of preference), IMAP for a provider that takes only
/// OAuth2: what to export when the user did not choose.
pub fn preferred_incoming(p: &Provider) -> Option<Protocol> {
    // Signing in with OAuth2, IMAP is what every client's token support
    // covers (NeoMutt, getmail6 and fetchmail have none for POP3).
    let oauth2 = p.auth.kind == AuthKind::Oauth2Only && p.oauth2.is_some();
    if oauth2
        && p.incoming
            .iter()
            .any(|s| s.protocol == Protocol::Imap && s.security != Security::Plain)
    {
        return Some(Protocol::Imap);
    }
    p.incoming
        .iter()
        .find(|s| s.security != Security::Plain && s.protocol != Protocol::Smtp)
        .map(|s| s.protocol)
}

/// The best encrypted server of `protocol`: implicit TLS before STARTTLS, database
/// order otherwise.
fn best_server<'a>(
    p: &'a Provider,
    servers: &'a [Server],
    protocol: Protocol,
) -> Result<&'a Server, ExportError> {
    let of_protocol: Vec<&Server> = servers.iter().filter(|s| s.protocol == protocol).collect();
    let rank = |s: &Server| match s.security {
        Security::Tls => 0,
        Security::Starttls => 1,
        Security::Plain => 2,
    };
    match of_protocol.iter().copied().min_by_key(|s| rank(s)) {
        None => Err(ExportError::NoServer {
            provider: p.id.clone(),
            protocol,
        }),
        Some(s) if s.security == Security::Plain => Err(ExportError::OnlyPlaintext {
            provider: p.id.clone(),
            protocol,
        }),
        Some(s) => Ok(s),
    }
}

fn endpoint(s: &Server, address: Option<&Address>) -> Endpoint {
    Endpoint {
        protocol: s.protocol,
        host: match address {
            Some(a) => s.host_for(&a.domain),
            None => s.host.clone(),
        },
        port: s.port,
        security: s.security,
        username: Username::Form(s.username),
        auth: AuthMethod::PasswordCleartext,
    }
}

impl AccountSettings {
    /// The database's recommended settings for `provider`: the best encrypted
    /// server of `incoming` (POP3 or IMAP) and of SMTP, implicit TLS preferred over
    /// STARTTLS; usernames follow the provider's rule; `%EMAILDOMAIN%` in host names
    /// is expanded when the address is known. Mail stays on the server.
    pub fn from_provider(
        provider: &Provider,
        address: Option<&Address>,
        incoming: Protocol,
    ) -> Result<Self, ExportError> {
        if incoming == Protocol::Smtp {
            return Err(ExportError::WrongProtocol {
                role: "incoming",
                expected: "POP3/IMAP",
                found: incoming,
            });
        }
        // With its OAuth2 sign-in known the settings are made; each format
        // then says whether its client can take a token (`Exporter::render`).
        if provider.auth.kind == AuthKind::Oauth2Only && provider.oauth2.is_none() {
            return Err(ExportError::Oauth2Only {
                provider: provider.id.clone(),
            });
        }
        let inc = best_server(provider, &provider.incoming, incoming)?;
        let out = best_server(provider, &provider.outgoing, Protocol::Smtp)?;
        Ok(Self {
            address: address.cloned(),
            display_name: None,
            provider: ProviderInfo::from_provider(provider),
            incoming: endpoint(inc, address),
            outgoing: endpoint(out, address),
            leave_on_server: true,
            verified: Verification::Database {
                provider_id: provider.id.clone(),
            },
            password: None,
        })
    }

    /// The address as `local@domain` (domain in ASCII), or `None`.
    pub fn address_ascii(&self) -> Option<String> {
        self.address.as_ref().map(Address::canonical)
    }

    /// The address with the domain in Unicode (`zhang@例子.中国`), for people to read.
    pub fn address_unicode(&self) -> Option<String> {
        self.address.as_ref().map(Address::unicode)
    }

    /// The address, or [`ExportError::AddressRequired`] for `format`.
    pub fn require_address(&self, format: &'static str) -> Result<String, ExportError> {
        self.address_ascii()
            .ok_or(ExportError::AddressRequired { format })
    }

    /// The login name for `ep`: the literal one, or the provider's rule applied to
    /// the address (an error for `format` when there is no address).
    pub fn username(&self, ep: &Endpoint, format: &'static str) -> Result<String, ExportError> {
        // An internationalized domain in the form the provider's servers want.
        let idn = self.provider.username_idn;
        match &ep.username {
            Username::Literal(u) => Ok(idn.apply(u)),
            Username::Form(f) => {
                let address = self
                    .address
                    .as_ref()
                    .ok_or(ExportError::AddressRequired { format })?;
                Ok(f.apply(&address.in_form(idn)))
            }
        }
    }

    /// The host name of `ep`, or an error when it still holds `%EMAILDOMAIN%`.
    pub fn host(&self, ep: &Endpoint, format: &'static str) -> Result<String, ExportError> {
        if ep.host.contains('%') {
            Err(ExportError::AddressRequired { format })
        } else {
            Ok(ep.host.clone())
        }
    }

    /// The included password, if any.
    pub fn password_text(&self) -> Option<&str> {
        self.password.as_ref().map(|p| p.expose_secret())
    }

    /// The domain the account belongs to: the address's, else the provider's first.
    pub fn domain(&self) -> Option<&str> {
        self.address
            .as_ref()
            .map(|a| a.domain.as_str())
            .or_else(|| self.provider.domains.first().map(String::as_str))
    }

    /// Checks what every format relies on: POP3/IMAP in, SMTP out, both encrypted,
    /// host names that are plain ASCII names, and no control characters in any text
    /// (no file format here can carry a line break inside a value).
    pub fn check(&self) -> Result<(), ExportError> {
        if !matches!(self.incoming.protocol, Protocol::Pop3 | Protocol::Imap) {
            return Err(ExportError::WrongProtocol {
                role: "incoming",
                expected: "POP3/IMAP",
                found: self.incoming.protocol,
            });
        }
        if self.outgoing.protocol != Protocol::Smtp {
            return Err(ExportError::WrongProtocol {
                role: "outgoing",
                expected: "SMTP",
                found: self.outgoing.protocol,
            });
        }
        for ep in [&self.incoming, &self.outgoing] {
            if ep.security == Security::Plain {
                return Err(ExportError::Plaintext {
                    host: ep.host.clone(),
                    port: ep.port,
                });
            }
            if ep.port == 0 {
                return Err(ExportError::Unrepresentable {
                    format: "any",
                    field: "port",
                    reason: "port 0 is not a port",
                });
            }
            let bare = ep.host.replace("%EMAILDOMAIN%", "x");
            if bare.is_empty()
                || !bare
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            {
                return Err(ExportError::Unrepresentable {
                    format: "any",
                    field: "host name",
                    reason: "only ASCII letters, digits, '.', '-' and '_' are allowed (punycode for international names)",
                });
            }
            if let Username::Literal(u) = &ep.username {
                no_controls("username", u)?;
                if u.is_empty() {
                    return Err(ExportError::Unrepresentable {
                        format: "any",
                        field: "username",
                        reason: "it is empty",
                    });
                }
            }
        }
        if let Some(n) = &self.display_name {
            no_controls("display name", n)?;
        }
        if let Some(a) = &self.address {
            no_controls("address", &a.local)?;
        }
        if let Some(p) = self.password_text() {
            no_controls("password", p)?;
        }
        Ok(())
    }
}

fn no_controls(field: &'static str, s: &str) -> Result<(), ExportError> {
    if s.chars().any(char::is_control) {
        Err(ExportError::Unrepresentable {
            format: "any",
            field,
            reason: "it contains a control character (such as a line break)",
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{Auth, Origin, Status};

    fn server(protocol: Protocol, host: &str, port: u16, security: Security) -> Server {
        Server {
            protocol,
            host: host.into(),
            port,
            security,
            username: UsernameForm::Address,
            note: None,
            login: None,
        }
    }

    fn provider(incoming: Vec<Server>, outgoing: Vec<Server>) -> Provider {
        Provider {
            schema: None,
            id: "t".into(),
            name: Localized::same("T"),
            domains: vec!["t.example".into()],
            mx_suffixes: vec![],
            status: Status::Active,
            incoming,
            outgoing,
            auth: Auth {
                kind: AuthKind::Password,
                create_url: None,
                notes: None,
            },
            hints: vec![],
            help_urls: vec![],
            quirks: vec![],
            history: None,
            known_replies: vec![],
            sources: vec![],
            origin: Origin::User,
            username_idn: IdnUsername::default(),
            oauth2: None,
        }
    }

    /// Issue 12, IDN: the file's username is the provider's wire form; the
    /// address people read stays Unicode.
    #[test]
    fn an_internationalized_username_is_written_in_the_providers_form() {
        let servers = || {
            (
                vec![server(Protocol::Imap, "imap.t.example", 993, Security::Tls)],
                vec![server(Protocol::Smtp, "smtp.t.example", 465, Security::Tls)],
            )
        };
        let a = Address::parse("用户@例子.中国").unwrap();
        for (idn, want) in [
            (IdnUsername::Unicode, "用户@例子.中国"),
            (IdnUsername::Ascii, "用户@xn--fsqu00a.xn--fiqs8s"),
        ] {
            let (i, o) = servers();
            let mut p = provider(i, o);
            p.username_idn = idn;
            let s = AccountSettings::from_provider(&p, Some(&a), Protocol::Imap).unwrap();
            assert_eq!(s.username(&s.incoming, "test").unwrap(), want);
            assert_eq!(s.address_unicode().unwrap(), "用户@例子.中国");
        }
    }

    #[test]
    fn picks_implicit_tls_before_starttls_and_never_plain() {
        let p = provider(
            vec![
                server(Protocol::Pop3, "pop.t.example", 110, Security::Plain),
                server(Protocol::Pop3, "pop.t.example", 110, Security::Starttls),
                server(Protocol::Pop3, "pop.t.example", 995, Security::Tls),
                server(Protocol::Imap, "imap.t.example", 143, Security::Plain),
            ],
            vec![
                server(
                    Protocol::Smtp,
                    "mail.%EMAILDOMAIN%",
                    587,
                    Security::Starttls,
                ),
                server(Protocol::Smtp, "smtp.t.example", 25, Security::Plain),
            ],
        );
        let a = Address::parse("u@t.example").unwrap();
        let s = AccountSettings::from_provider(&p, Some(&a), Protocol::Pop3).unwrap();
        assert_eq!((s.incoming.port, s.incoming.security), (995, Security::Tls));
        assert_eq!(s.outgoing.host, "mail.t.example");
        assert!(s.leave_on_server);
        assert!(s.password.is_none());
        assert_eq!(
            AccountSettings::from_provider(&p, Some(&a), Protocol::Imap).unwrap_err(),
            ExportError::OnlyPlaintext {
                provider: "t".into(),
                protocol: Protocol::Imap
            }
        );
        assert!(matches!(
            AccountSettings::from_provider(&p, Some(&a), Protocol::Smtp),
            Err(ExportError::WrongProtocol { .. })
        ));
        // Without an address the placeholder stays, and formats that need a real
        // host say so.
        let s = AccountSettings::from_provider(&p, None, Protocol::Pop3).unwrap();
        assert_eq!(s.outgoing.host, "mail.%EMAILDOMAIN%");
        assert!(matches!(
            s.host(&s.outgoing, "x"),
            Err(ExportError::AddressRequired { .. })
        ));
        assert_eq!(preferred_incoming(&p), Some(Protocol::Pop3));
    }

    #[test]
    fn oauth_only_and_missing_servers_are_errors() {
        let mut p = provider(vec![], vec![]);
        assert!(matches!(
            AccountSettings::from_provider(&p, None, Protocol::Imap),
            Err(ExportError::NoServer { .. })
        ));
        p.auth.kind = AuthKind::Oauth2Only;
        assert!(matches!(
            AccountSettings::from_provider(&p, None, Protocol::Imap),
            Err(ExportError::Oauth2Only { .. })
        ));
    }

    #[test]
    fn check_refuses_what_no_format_can_carry() {
        let p = provider(
            vec![server(Protocol::Imap, "imap.t.example", 993, Security::Tls)],
            vec![server(Protocol::Smtp, "smtp.t.example", 465, Security::Tls)],
        );
        let a = Address::parse("u@t.example").unwrap();
        let base = AccountSettings::from_provider(&p, Some(&a), Protocol::Imap).unwrap();
        assert!(base.check().is_ok());
        let mut s = base.clone();
        s.display_name = Some("a\nb".into());
        assert!(s.check().is_err());
        let mut s = base.clone();
        s.incoming.security = Security::Plain;
        assert!(matches!(s.check(), Err(ExportError::Plaintext { .. })));
        let mut s = base.clone();
        s.incoming.host = "imap.t.example\" evil".into();
        assert!(s.check().is_err());
        let mut s = base.clone();
        s.password = Some("line\nbreak".into());
        assert!(s.check().is_err());
        let mut s = base;
        s.password = Some("secret".into());
        assert!(!format!("{s:?}").contains("secret"), "Debug must redact");
    }
}
