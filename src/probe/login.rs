//! The login test: credentials, the one place that decides whether they may be
//! sent ([`login_policy`]), and the classification of the server's answer
//! ([`classify`]). The sans-IO machines use this module, so it has no I/O and
//! no runtime: the per-run lockout gate the driver holds is
//! [`gate`](super::gate).
//!
//! The password lives in a [`SecretString`] (redacted `Debug`, zeroized on
//! drop) inside [`Credentials`]; the machines turn it into wire bytes only
//! through [`Outgoing::secret`](super::transcript::Outgoing::secret) and
//! [`Outgoing::secret_arg`](super::transcript::Outgoing::secret_arg), so a
//! transcript never holds it, nor any of its base64 forms.
//!
//! Classification order: the provider's `known_replies` (reply texts live in
//! provider data, never here), then typed codes (RFC 2449/3206 POP3 response
//! codes, RFC 5530 IMAP response codes, RFC 3463 enhanced status codes, SMTP
//! reply codes), then the bare status.

use std::sync::Arc;

use schemars::JsonSchema;
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;

use super::reply::{EnhancedStatus, Pop3RespCode};
use super::report::Endpoint;
use super::tls::{ChainVerdict, TlsErrorKind, TlsReport};
use crate::providers::{KnownReply, Protocol, ReplyMeaning, SaslMechanism, Security};
use crate::server_text::ServerText;

/// A username and a password (or authorization code / app password), or a
/// username and an OAuth2 access token.
#[derive(Clone)]
pub struct Credentials {
    /// The login name (not secret; shown in transcripts of `USER`).
    pub username: String,
    password: SecretString,
    /// A password, or a bearer token with the SASL mechanisms to carry it.
    kind: SecretKind,
}

/// What the secret of [`Credentials`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SecretKind {
    Password,
    /// An OAuth2 access token; the provider's mechanisms in its order of
    /// preference (empty: whatever the server offers, OAUTHBEARER first).
    Bearer(Vec<SaslMechanism>),
}

/// Credentials that cannot be sent safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    /// No username.
    #[error("the username is empty")]
    EmptyUsername,
    /// A control character (CR, LF, NUL…) would break or inject protocol commands.
    #[error("the {0} contains a control character (line break, NUL…)")]
    ControlCharacter(&'static str),
    /// No password.
    #[error("the password is empty")]
    EmptyPassword,
    /// An access token with characters a bearer token never has (RFC 6750
    /// §2.1: letters, digits and `-._~+/`, then `=` padding).
    #[error("the access token contains characters an OAuth2 bearer token cannot have")]
    BadToken,
}

impl Credentials {
    /// Credentials; the password stays in the secret wrapper. Control
    /// characters are refused: they would end a command line early.
    pub fn new(
        username: impl Into<String>,
        password: SecretString,
    ) -> Result<Credentials, CredentialsError> {
        let username = username.into();
        if username.is_empty() {
            return Err(CredentialsError::EmptyUsername);
        }
        if username.chars().any(char::is_control) {
            return Err(CredentialsError::ControlCharacter("username"));
        }
        if password.expose_secret().is_empty() {
            return Err(CredentialsError::EmptyPassword);
        }
        if password.expose_secret().chars().any(char::is_control) {
            return Err(CredentialsError::ControlCharacter("password"));
        }
        Ok(Credentials {
            username,
            password,
            kind: SecretKind::Password,
        })
    }

    /// Credentials for an OAuth2 sign-in: `username` and an access `token`,
    /// sent with SASL XOAUTH2 or OAUTHBEARER only (never as a password).
    /// `mechanisms`: the provider's, in its order of preference; empty when
    /// no source says (then OAUTHBEARER, the standard one, before XOAUTH2).
    pub fn bearer(
        username: impl Into<String>,
        token: SecretString,
        mechanisms: Vec<SaslMechanism>,
    ) -> Result<Credentials, CredentialsError> {
        let mut c = Credentials::new(username, token)?;
        let t = c.password().as_bytes();
        let body = t.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
        let ok = body > 0
            && t[..body]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(b));
        if !ok {
            return Err(CredentialsError::BadToken);
        }
        c.kind = SecretKind::Bearer(mechanisms);
        Ok(c)
    }

    /// Whether the secret is an OAuth2 access token.
    pub fn is_bearer(&self) -> bool {
        matches!(self.kind, SecretKind::Bearer(_))
    }

    /// The bearer mechanism to use among those a server `offered` (upper
    /// case names): the provider's first that is offered, or, when the
    /// provider names none, OAUTHBEARER before XOAUTH2. `None` for a password
    /// or when nothing fits.
    pub(crate) fn bearer_mechanism(&self, offered: &[String]) -> Option<SaslMechanism> {
        let SecretKind::Bearer(preferred) = &self.kind else {
            return None;
        };
        let default = [SaslMechanism::Oauthbearer, SaslMechanism::Xoauth2];
        let order: &[SaslMechanism] = if preferred.is_empty() {
            &default
        } else {
            preferred
        };
        order
            .iter()
            .copied()
            .find(|m| offered.iter().any(|o| o.eq_ignore_ascii_case(m.as_str())))
    }

    /// The initial client response of `mechanism`, base64 (zeroized on
    /// drop): XOAUTH2 `user=U^Aauth=Bearer T^A^A`, OAUTHBEARER (RFC 7628
    /// §3.1) `n,a=U,^Aauth=Bearer T^A^A` (`,` and `=` in the username escaped
    /// as `=2C` and `=3D`, RFC 5801).
    pub(crate) fn bearer_b64(&self, mechanism: SaslMechanism) -> Zeroizing<String> {
        let mut raw = Zeroizing::new(Vec::with_capacity(
            self.username.len() + self.password().len() + 32,
        ));
        match mechanism {
            SaslMechanism::Xoauth2 => {
                raw.extend_from_slice(b"user=");
                raw.extend_from_slice(self.username.as_bytes());
            }
            SaslMechanism::Oauthbearer => {
                raw.extend_from_slice(b"n,a=");
                for b in self.username.bytes() {
                    match b {
                        b',' => raw.extend_from_slice(b"=2C"),
                        b'=' => raw.extend_from_slice(b"=3D"),
                        _ => raw.push(b),
                    }
                }
                raw.push(b',');
            }
        }
        raw.extend_from_slice(b"\x01auth=Bearer ");
        raw.extend_from_slice(self.password().as_bytes());
        raw.extend_from_slice(b"\x01\x01");
        base64(&raw)
    }

    /// The password, for building wire bytes only.
    pub(crate) fn password(&self) -> &str {
        self.password.expose_secret()
    }

    /// Every form in which this password may go out (raw, base64 for `AUTH
    /// LOGIN`, SASL PLAIN's base64, the IMAP quoted string), for scrubbing a
    /// server's echo of it.
    pub(crate) fn add_secret_forms(&self, r: &mut super::transcript::Redactor) {
        r.add(self.password().as_bytes());
        r.add(base64(self.password().as_bytes()).as_bytes());
        r.add(self.sasl_plain_b64().as_bytes());
        if let Some(q) = imap_quoted(self.password()) {
            r.add(q.as_bytes());
        }
        if self.is_bearer() {
            for m in [SaslMechanism::Xoauth2, SaslMechanism::Oauthbearer] {
                r.add(self.bearer_b64(m).as_bytes());
            }
        }
    }

    /// SASL PLAIN's message `\0user\0pass`, base64 (zeroized on drop).
    pub(crate) fn sasl_plain_b64(&self) -> Zeroizing<String> {
        let mut raw = Zeroizing::new(Vec::with_capacity(
            self.username.len() + self.password().len() + 2,
        ));
        raw.push(0);
        raw.extend_from_slice(self.username.as_bytes());
        raw.push(0);
        raw.extend_from_slice(self.password().as_bytes());
        base64(&raw)
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &super::transcript::REDACTED)
            .finish()
    }
}

/// The user's explicit consent to send the password over one endpoint that
/// is not secure. It covers exactly the risk the user was shown, nothing wider:
///
/// - `security = plain`, no certificate: the endpoint probed without any
///   encryption (`pop3:110:plain`). It never covers a STARTTLS endpoint on
///   which STARTTLS turned out missing or refused: that one never gets the
///   password.
/// - `security = tls` or `starttls` with a certificate: that endpoint, only
///   once TLS is established, and only with exactly the certificate whose
///   SHA-256 fingerprint the user was shown
///   (`pop3:mail.example.com:995:tls:sha256=AB:CD:…`).
///
/// Written `protocol:[host:]port:security[:sha256=FINGERPRINT]`; parsed by
/// [`super::spec::parse_consent`]. When a run probes more than one host, a
/// consent must name its host ([`LoginRequest::check_consents`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct InsecureAllow {
    /// The protocol.
    pub protocol: Protocol,
    /// The host; the run's only host when absent.
    pub host: Option<String>,
    /// The (standard, logical) port.
    pub port: u16,
    /// The security mode.
    pub security: Security,
    /// For `tls`/`starttls`: the SHA-256 fingerprint (`AB:CD:…`) of the one
    /// certificate accepted although it failed verification. `None` for plain.
    pub certificate_sha256: Option<String>,
}

impl InsecureAllow {
    /// Parses `pop3:110:plain`, `pop3:mail.example.com:110:plain` or
    /// `pop3:mail.example.com:995:tls:sha256=AB:CD:…` (see [`super::spec`]).
    pub fn parse(s: &str) -> Result<InsecureAllow, super::spec::SpecError> {
        super::spec::parse_consent(s)
    }

    /// Consent to send the password without encryption to this plain endpoint.
    pub fn plaintext(endpoint: &Endpoint) -> InsecureAllow {
        InsecureAllow {
            protocol: endpoint.protocol,
            host: Some(endpoint.host.clone()),
            port: endpoint.port,
            security: Security::Plain,
            certificate_sha256: None,
        }
    }

    /// Consent to send the password over TLS to this endpoint with exactly
    /// the certificate of fingerprint `sha256`, although it is not trusted.
    pub fn certificate(endpoint: &Endpoint, sha256: &str) -> InsecureAllow {
        InsecureAllow {
            protocol: endpoint.protocol,
            host: Some(endpoint.host.clone()),
            port: endpoint.port,
            security: endpoint.security,
            certificate_sha256: Some(sha256.to_owned()),
        }
    }

    /// Whether this consent names `endpoint` (protocol, port, security mode,
    /// and host when it names one).
    pub fn names(&self, endpoint: &Endpoint) -> bool {
        self.protocol == endpoint.protocol
            && self.port == endpoint.port
            && self.security == endpoint.security
            && self
                .host
                .as_deref()
                .is_none_or(|h| h.eq_ignore_ascii_case(&endpoint.host))
    }

    /// Whether this consent covers sending the password over `endpoint` with
    /// the TLS state `tls` (`None`: no encryption at all).
    pub fn covers(&self, endpoint: &Endpoint, tls: Option<&TlsReport>) -> bool {
        if !self.names(endpoint) {
            return false;
        }
        match (tls, &self.certificate_sha256) {
            (None, None) => endpoint.security == Security::Plain,
            (Some(t), Some(fp)) => {
                endpoint.security != Security::Plain
                    && t.leaf_sha256
                        .as_deref()
                        .is_some_and(|leaf| leaf.eq_ignore_ascii_case(fp))
            }
            _ => false,
        }
    }

    /// The consent the user could give for `report`'s endpoint after its
    /// login was held back, naming the host (and the certificate): for a
    /// plain endpoint, or a certificate that failed verification. None for a
    /// STARTTLS endpoint that stayed unencrypted: that one never gets the
    /// password. The CLI's hint and the app's question both come from here.
    pub fn offer(report: &super::report::EndpointReport) -> Option<InsecureAllow> {
        let endpoint = &report.endpoint;
        match &report.login.as_ref()?.result {
            LoginOutcome::NotTried {
                reason: NotTriedReason::Plaintext,
            } if endpoint.security == Security::Plain => Some(InsecureAllow::plaintext(endpoint)),
            LoginOutcome::NotTried {
                reason: NotTriedReason::UntrustedCertificate { .. },
            } => {
                let fp = report.tls.as_ref()?.leaf_sha256.as_deref()?;
                Some(InsecureAllow::certificate(endpoint, fp))
            }
            _ => None,
        }
    }

    /// The risk the user accepted, in words (for the CLI hint and the app's dialog).
    pub fn risk(&self) -> String {
        match &self.certificate_sha256 {
            None => "no encryption: anyone on the network path can read the password".to_owned(),
            Some(fp) => {
                format!("a certificate that failed verification, only the one with SHA-256 {fp}")
            }
        }
    }
}

impl std::fmt::Display for InsecureAllow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:", self.protocol.as_str())?;
        if let Some(h) = &self.host {
            if h.contains(':') {
                write!(f, "[{h}]:")?;
            } else {
                write!(f, "{h}:")?;
            }
        }
        write!(f, "{}:{}", self.port, self.security.as_str())?;
        if let Some(fp) = &self.certificate_sha256 {
            write!(f, ":sha256={fp}")?;
        }
        Ok(())
    }
}

/// A consent that cannot be used as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    /// A consent without a host in a run that probes several hosts.
    #[error(
        "--allow-insecure-auth {consent} names no host, and this run probes several: {}; write protocol:HOST:port:security, e.g. {}",
        .hosts.join(", "),
        .example
    )]
    NeedsHost {
        /// The consent as given.
        consent: String,
        /// The hosts of the run.
        hosts: Vec<String>,
        /// The consent with the first host filled in.
        example: String,
    },
}

/// What a probe needs to test a login.
#[derive(Debug, Clone)]
pub struct LoginRequest {
    /// Who logs in.
    pub credentials: Arc<Credentials>,
    /// Endpoints where the user accepted the risk of sending the password unprotected.
    pub allow_insecure: Vec<InsecureAllow>,
    /// Send the RFC 2971 ID command after an IMAP login (provider quirk
    /// `imap-id-required`), after first showing what happens without it.
    pub imap_id: bool,
    /// The provider's known reply texts.
    pub known_replies: Vec<KnownReply>,
}

impl LoginRequest {
    /// The consents that apply: none for an OAuth2 token, which goes only
    /// over TLS with a trusted certificate (a token opens the mailbox for
    /// weeks through its refresh; no consent widens that).
    pub fn consents(&self) -> &[InsecureAllow] {
        if self.credentials.is_bearer() {
            &[]
        } else {
            &self.allow_insecure
        }
    }

    /// Checks that every consent names exactly one endpoint of a run over
    /// `endpoints`: with more than one host, a consent must name its host.
    pub fn check_consents(&self, endpoints: &[Endpoint]) -> Result<(), ConsentError> {
        let mut hosts: Vec<String> = endpoints.iter().map(|e| e.host.clone()).collect();
        hosts.sort();
        hosts.dedup();
        if hosts.len() <= 1 {
            return Ok(());
        }
        match self.allow_insecure.iter().find(|a| a.host.is_none()) {
            None => Ok(()),
            Some(a) => {
                let mut example = a.clone();
                example.host = endpoints
                    .iter()
                    .find(|e| e.protocol == a.protocol && e.port == a.port)
                    .or(endpoints.first())
                    .map(|e| e.host.clone());
                Err(ConsentError::NeedsHost {
                    consent: a.to_string(),
                    hosts,
                    example: example.to_string(),
                })
            }
        }
    }

    /// The request for `credentials` at `provider` (its known replies and the
    /// IMAP ID quirk), sending over insecure endpoints only where `allow_insecure`
    /// names them. What the GUI calls after the user typed the password and,
    /// for an insecure endpoint, confirmed a warning naming the risk.
    pub fn new(
        credentials: Credentials,
        provider: Option<&crate::providers::Provider>,
        allow_insecure: Vec<InsecureAllow>,
    ) -> LoginRequest {
        LoginRequest {
            credentials: Arc::new(credentials),
            allow_insecure,
            imap_id: provider
                .is_some_and(|p| p.quirks.contains(&crate::providers::Quirk::ImapIdRequired)),
            known_replies: provider
                .map(|p| p.known_replies.clone())
                .unwrap_or_default(),
        }
    }
}

/// Why credentials were not sent to an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NotTriedReason {
    /// The connection was not encrypted and the user did not allow this endpoint.
    Plaintext,
    /// The certificate failed verification and the user did not allow this endpoint.
    UntrustedCertificate {
        /// What was wrong with it.
        tls_kind: TlsErrorKind,
    },
    /// The same credentials were already rejected on another endpoint in this run.
    CredentialsRejectedElsewhere {
        /// Where.
        endpoint: Endpoint,
    },
    /// A login on another endpoint of this run sent the password and did not
    /// clearly succeed (no answer, a temporary error, the connection closed…):
    /// trying again could count as another failed attempt and lock the account.
    LoginFailedElsewhere {
        /// Where.
        endpoint: Endpoint,
        /// That login's outcome (its stable name, e.g. `connection-problem`).
        outcome: String,
    },
    /// The probe did not get as far as the login (connection, TLS or protocol problem).
    ProbeFailed,
    /// The IMAP server said PREAUTH: already logged in, nothing to test.
    Preauthenticated,
}

/// The result of a login test on one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum LoginOutcome {
    /// The server accepted the credentials.
    Success,
    /// Username or password wrong.
    CredentialsRejected,
    /// The provider wants an authorization code (授权码), not the web password.
    AuthorizationCodeRequired,
    /// The provider wants an app password, not the account password.
    AppPasswordRequired,
    /// POP3/IMAP/SMTP is not switched on for this account.
    ServiceDisabled,
    /// Passwords are refused; only OAuth2 sign-in works.
    Oauth2Required,
    /// Try again later (POP3 `[SYS/TEMP]`, `[IN-USE]`, `[LOGIN-DELAY]`, SMTP 4xx, IMAP `[UNAVAILABLE]`).
    TemporarilyUnavailable,
    /// The server refuses to authenticate without TLS (before any secret was sent).
    EncryptionRequired,
    /// No password mechanism the client supports was offered.
    MechanismNotOffered {
        /// The SASL mechanisms that were offered.
        offered: Vec<String>,
    },
    /// The credentials were not sent.
    NotTried {
        /// Why.
        reason: NotTriedReason,
    },
    /// The connection broke or timed out during the login.
    ConnectionProblem {
        /// What happened.
        message: String,
    },
    /// An answer that fits none of the above (IMAP `BAD`, an odd SMTP code…).
    UnexpectedReply,
}

impl LoginOutcome {
    /// Stable kebab-case name.
    pub fn name(&self) -> &'static str {
        match self {
            LoginOutcome::Success => "success",
            LoginOutcome::CredentialsRejected => "credentials-rejected",
            LoginOutcome::AuthorizationCodeRequired => "authorization-code-required",
            LoginOutcome::AppPasswordRequired => "app-password-required",
            LoginOutcome::ServiceDisabled => "service-disabled",
            LoginOutcome::Oauth2Required => "oauth2-required",
            LoginOutcome::TemporarilyUnavailable => "temporarily-unavailable",
            LoginOutcome::EncryptionRequired => "encryption-required",
            LoginOutcome::MechanismNotOffered { .. } => "mechanism-not-offered",
            LoginOutcome::NotTried { .. } => "not-tried",
            LoginOutcome::ConnectionProblem { .. } => "connection-problem",
            LoginOutcome::UnexpectedReply => "unexpected-reply",
        }
    }

    /// Whether the answer means these credentials will not work on this
    /// provider: then no other endpoint may try them in this run.
    pub fn rejects_credentials(&self) -> bool {
        matches!(
            self,
            LoginOutcome::CredentialsRejected
                | LoginOutcome::AuthorizationCodeRequired
                | LoginOutcome::AppPasswordRequired
                | LoginOutcome::Oauth2Required
        )
    }

    /// Success.
    pub fn is_success(&self) -> bool {
        matches!(self, LoginOutcome::Success)
    }
}

/// What the classification rested on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A reply text listed in the provider's data.
    ProviderReply,
    /// A POP3 (RFC 2449/3206) or IMAP (RFC 5530) response code.
    ResponseCode,
    /// An RFC 3463 enhanced status code.
    EnhancedStatus,
    /// The SMTP reply code or the POP3/IMAP status alone.
    Status,
    /// The course of the session (e.g. refused before any secret was sent, without TLS).
    Session,
}

/// One mailbox check after an IMAP login (NetEase's ID requirement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MailboxCheck {
    /// Whether the ID command had been sent before this `EXAMINE INBOX`.
    pub after_id: bool,
    /// Whether the mailbox could be opened.
    pub ok: bool,
    /// The provider's meaning of the reply, when its data lists the text.
    pub meaning: Option<ReplyMeaning>,
    /// The tagged reply, escaped.
    pub reply: ServerText,
}

/// The login test's report for one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LoginReport {
    /// The outcome.
    #[serde(flatten)]
    pub result: LoginOutcome,
    /// The mechanism used: `AUTH PLAIN`, `AUTH LOGIN`, `USER/PASS`, `APOP`, `LOGIN`, `AUTHENTICATE PLAIN`.
    pub mechanism: Option<String>,
    /// The server's final answer to the login, escaped.
    pub reply: Option<ServerText>,
    /// The code the classification used (`AUTH`, `AUTHENTICATIONFAILED`, `5.7.9`, `535`…).
    pub code: Option<String>,
    /// What the classification rested on.
    pub basis: Option<Basis>,
    /// IMAP: `EXAMINE INBOX` without and with the ID command (providers that require ID).
    pub mailbox_checks: Vec<MailboxCheck>,
    /// XOAUTH2/OAUTHBEARER: the error the server sent in the SASL
    /// continuation (RFC 7628 §3.2.2) before refusing the token.
    pub bearer_error: Option<BearerError>,
}

/// Why a server refused an OAuth2 token, from the JSON of its SASL challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BearerError {
    /// The status, typed.
    pub status: BearerStatus,
    /// The status as the server wrote it, escaped (`invalid_token`, Google's `401`).
    pub status_text: ServerText,
    /// The scope the server says a token needs, escaped.
    pub scope: Option<ServerText>,
}

/// The `status` of a bearer error (RFC 6750 §3.1 codes; Google sends HTTP codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BearerStatus {
    /// The token is expired, revoked or not for this server (`invalid_token`, `401`).
    InvalidToken,
    /// The token lacks the scope for this protocol (`insufficient_scope`, `403`).
    InsufficientScope,
    /// The request was malformed (`invalid_request`, `400`).
    InvalidRequest,
    /// Anything else, or no JSON at all.
    Other,
}

/// Most bytes of a bearer challenge decoded (servers send a few dozen).
const MAX_BEARER_CHALLENGE: usize = 4096;

impl BearerError {
    /// Reads a server's challenge after a bearer response: base64 of a JSON
    /// object (`{"status":"invalid_token","scope":"…"}`). Hostile input:
    /// bounded, never trusted beyond the two strings, which are escaped.
    pub fn parse(b64: &[u8]) -> BearerError {
        use base64::Engine as _;
        let trimmed = b64.trim_ascii();
        let decoded = if trimmed.len() <= MAX_BEARER_CHALLENGE {
            base64::engine::general_purpose::STANDARD
                .decode(trimmed)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let json: serde_json::Value = serde_json::from_slice(&decoded).unwrap_or_default();
        let text = |key: &str| match json.get(key) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let raw = text("status").unwrap_or_default();
        let status = match raw.as_str() {
            "invalid_token" | "401" => BearerStatus::InvalidToken,
            "insufficient_scope" | "403" => BearerStatus::InsufficientScope,
            "invalid_request" | "400" => BearerStatus::InvalidRequest,
            _ => BearerStatus::Other,
        };
        BearerError {
            status,
            status_text: ServerText::from_bytes(raw.as_bytes()),
            scope: text("scope").map(|s| ServerText::from_bytes(s.as_bytes())),
        }
    }
}

impl LoginReport {
    /// A report with only an outcome.
    pub fn bare(result: LoginOutcome) -> LoginReport {
        LoginReport {
            result,
            mechanism: None,
            reply: None,
            code: None,
            basis: None,
            mailbox_checks: Vec::new(),
            bearer_error: None,
        }
    }

    /// Not tried, for `reason`.
    pub fn not_tried(reason: NotTriedReason) -> LoginReport {
        LoginReport::bare(LoginOutcome::NotTried { reason })
    }
}

// ------------------------------------------------------------------ policy

/// THE rule for sending credentials: only over TLS with a trusted certificate,
/// unless the user consented to exactly this endpoint's risk
/// ([`InsecureAllow::covers`]): no encryption on a plain endpoint, or exactly
/// this certificate. A STARTTLS endpoint that stayed unencrypted never
/// qualifies. Capabilities (AUTH offered before STARTTLS…) play no part.
pub fn login_policy(
    endpoint: &Endpoint,
    tls: Option<&TlsReport>,
    allow: &[InsecureAllow],
) -> Result<(), NotTriedReason> {
    let refusal = match tls {
        None => NotTriedReason::Plaintext,
        Some(t) => match t.chain {
            ChainVerdict::Trusted => return Ok(()),
            ChainVerdict::Invalid(kind) => NotTriedReason::UntrustedCertificate { tls_kind: kind },
        },
    };
    if allow.iter().any(|a| a.covers(endpoint, tls)) {
        Ok(())
    } else {
        Err(refusal)
    }
}

// ------------------------------------------------------------------ classification

/// A negative answer to a login, with its typed parts.
#[derive(Debug, Clone, Copy)]
pub struct FailedReply<'a> {
    /// Which protocol answered.
    pub protocol: Protocol,
    /// The whole reply text (all lines for SMTP), raw.
    pub text: &'a [u8],
    /// The typed code.
    pub code: ReplyCode<'a>,
}

/// The typed code of a negative answer.
#[derive(Debug, Clone, Copy)]
pub enum ReplyCode<'a> {
    /// POP3 `-ERR` with an optional RFC 2449 code.
    Pop3(Option<&'a Pop3RespCode>),
    /// IMAP `NO` (or `BAD` when `bad`) with an optional response code atom (raw, without brackets).
    Imap {
        /// The code, e.g. `AUTHENTICATIONFAILED`.
        code: Option<&'a [u8]>,
        /// The status was BAD rather than NO.
        bad: bool,
    },
    /// SMTP reply code and enhanced status.
    Smtp(u16, Option<EnhancedStatus>),
}

/// The outcome a provider's known reply stands for.
pub fn meaning_outcome(m: ReplyMeaning) -> LoginOutcome {
    match m {
        ReplyMeaning::AuthorizationCodeRequired => LoginOutcome::AuthorizationCodeRequired,
        ReplyMeaning::AppPasswordRequired => LoginOutcome::AppPasswordRequired,
        ReplyMeaning::ServiceDisabled => LoginOutcome::ServiceDisabled,
        ReplyMeaning::Oauth2Required => LoginOutcome::Oauth2Required,
        ReplyMeaning::CredentialsRejected => LoginOutcome::CredentialsRejected,
        ReplyMeaning::TemporarilyUnavailable => LoginOutcome::TemporarilyUnavailable,
        ReplyMeaning::ImapIdRequired => LoginOutcome::UnexpectedReply,
    }
}

/// The provider's meaning of `text`, if its data lists it (case-insensitive substring).
pub fn known_meaning(
    protocol: Protocol,
    text: &[u8],
    known: &[KnownReply],
) -> Option<ReplyMeaning> {
    let hay = String::from_utf8_lossy(text).to_lowercase();
    known
        .iter()
        .filter(|k| k.protocol.is_none_or(|p| p == protocol))
        .find(|k| !k.contains.is_empty() && hay.contains(&k.contains.to_lowercase()))
        .map(|k| k.means)
}

/// Classifies a negative login answer; returns the outcome, the code used and the basis.
pub fn classify(
    reply: &FailedReply<'_>,
    known: &[KnownReply],
) -> (LoginOutcome, Option<String>, Basis) {
    let code_text = code_name(&reply.code);
    if let Some(m) = known_meaning(reply.protocol, reply.text, known)
        && m != ReplyMeaning::ImapIdRequired
    {
        return (meaning_outcome(m), code_text, Basis::ProviderReply);
    }
    match reply.code {
        ReplyCode::Pop3(code) => match code {
            Some(Pop3RespCode::Auth) => (
                LoginOutcome::CredentialsRejected,
                code_text,
                Basis::ResponseCode,
            ),
            Some(Pop3RespCode::SysTemp | Pop3RespCode::InUse | Pop3RespCode::LoginDelay) => (
                LoginOutcome::TemporarilyUnavailable,
                code_text,
                Basis::ResponseCode,
            ),
            Some(Pop3RespCode::SysPerm) => (
                LoginOutcome::ServiceDisabled,
                code_text,
                Basis::ResponseCode,
            ),
            _ => (LoginOutcome::CredentialsRejected, code_text, Basis::Status),
        },
        ReplyCode::Imap { code, bad } => {
            let atom = code.map(|c| {
                let end = c.iter().position(|&b| b == b' ').unwrap_or(c.len());
                c[..end].to_ascii_uppercase()
            });
            let by_code = match atom.as_deref() {
                Some(b"AUTHENTICATIONFAILED") | Some(b"EXPIRED") => {
                    Some(LoginOutcome::CredentialsRejected)
                }
                Some(b"AUTHORIZATIONFAILED") | Some(b"CONTACTADMIN") | Some(b"NOPERM") => {
                    Some(LoginOutcome::ServiceDisabled)
                }
                Some(b"UNAVAILABLE") | Some(b"INUSE") | Some(b"LIMIT") => {
                    Some(LoginOutcome::TemporarilyUnavailable)
                }
                Some(b"PRIVACYREQUIRED") => Some(LoginOutcome::EncryptionRequired),
                _ => None,
            };
            match by_code {
                Some(o) => (o, code_text, Basis::ResponseCode),
                None if bad => (LoginOutcome::UnexpectedReply, code_text, Basis::Status),
                None => (LoginOutcome::CredentialsRejected, code_text, Basis::Status),
            }
        }
        ReplyCode::Smtp(code, enhanced) => {
            if let Some(e) = enhanced {
                let by_enhanced = match (e.class, e.subject, e.detail) {
                    (4, _, _) => Some(LoginOutcome::TemporarilyUnavailable),
                    (5, 7, 8) => Some(LoginOutcome::CredentialsRejected),
                    (5, 7, 9) => Some(LoginOutcome::AppPasswordRequired),
                    (5, 7, 11) => Some(LoginOutcome::EncryptionRequired),
                    (5, 7, 0) if code == 530 => Some(LoginOutcome::EncryptionRequired),
                    (5, 7, 0) => Some(LoginOutcome::CredentialsRejected),
                    (5, 5, 4) => Some(LoginOutcome::MechanismNotOffered {
                        offered: Vec::new(),
                    }),
                    _ => None,
                };
                if let Some(o) = by_enhanced {
                    return (o, code_text, Basis::EnhancedStatus);
                }
            }
            let o = match code {
                400..=499 => LoginOutcome::TemporarilyUnavailable,
                534 => LoginOutcome::AppPasswordRequired,
                535 => LoginOutcome::CredentialsRejected,
                530 | 538 => LoginOutcome::EncryptionRequired,
                504 => LoginOutcome::MechanismNotOffered {
                    offered: Vec::new(),
                },
                _ => LoginOutcome::UnexpectedReply,
            };
            (o, Some(code.to_string()), Basis::Status)
        }
    }
}

fn code_name(code: &ReplyCode<'_>) -> Option<String> {
    match code {
        ReplyCode::Pop3(c) => c.map(|c| match c {
            Pop3RespCode::Auth => "AUTH".to_owned(),
            Pop3RespCode::SysTemp => "SYS/TEMP".to_owned(),
            Pop3RespCode::SysPerm => "SYS/PERM".to_owned(),
            Pop3RespCode::InUse => "IN-USE".to_owned(),
            Pop3RespCode::LoginDelay => "LOGIN-DELAY".to_owned(),
            Pop3RespCode::Utf8 => "UTF8".to_owned(),
            Pop3RespCode::Other(t) => t.as_str().to_owned(),
        }),
        ReplyCode::Imap { code, .. } => code.map(|c| {
            let end = c.iter().position(|&b| b == b' ').unwrap_or(c.len());
            ServerText::from_bytes(&c[..end]).as_str().to_owned()
        }),
        ReplyCode::Smtp(code, enhanced) => Some(match enhanced {
            Some(e) => e.to_string(),
            None => code.to_string(),
        }),
    }
}

// ------------------------------------------------------------------ encodings

/// Standard base64 with padding (RFC 4648 §4), written straight into a
/// buffer that is zeroized on drop: the input may be a password.
pub(crate) fn base64(data: &[u8]) -> Zeroizing<String> {
    use base64::Engine as _;
    let engine = &base64::engine::general_purpose::STANDARD;
    let len = base64::encoded_len(data.len(), true).unwrap_or(0);
    let mut buf = Zeroizing::new(vec![0u8; len]);
    // `encode_slice` writes into `buf` only (no copy on the way), unlike
    // `encode_string`, which passes the text through a buffer of its own.
    let n = engine.encode_slice(data, &mut buf[..]).unwrap_or(0);
    buf.truncate(n);
    into_string(buf)
}

/// ASCII bytes as a string, moving the allocation (no copy is left behind).
fn into_string(mut bytes: Zeroizing<Vec<u8>>) -> Zeroizing<String> {
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Zeroizing::new(text),
        // Not reached (base64 and hex are ASCII); the bytes are wiped all the same.
        Err(e) => {
            drop(Zeroizing::new(e.into_bytes()));
            Zeroizing::new(String::new())
        }
    }
}

/// An IMAP quoted string, when the value can be one (7-bit, no CR/LF/NUL).
pub(crate) fn imap_quoted(value: &str) -> Option<Zeroizing<String>> {
    if !value
        .bytes()
        .all(|b| b.is_ascii() && !matches!(b, b'\r' | b'\n' | 0))
    {
        return None;
    }
    let mut out = Zeroizing::new(String::with_capacity(value.len() + 2));
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Some(out)
}

/// MD5 (RFC 1321) as lowercase hex, for APOP only (RFC 1939 §7). The input
/// holds the password: the hasher's state is wiped on drop (md-5's `zeroize`
/// feature), and the digest and its hex go into zeroizing buffers.
pub(crate) fn md5_hex(data: &[u8]) -> Zeroizing<String> {
    use md5::Digest as _;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digest = Zeroizing::new([0u8; 16]);
    let mut hasher = md5::Md5::new();
    hasher.update(data);
    hasher.finalize_into((&mut *digest).into());
    let mut hex = Zeroizing::new(Vec::with_capacity(32));
    for b in digest.iter() {
        hex.push(HEX[usize::from(b >> 4)]);
        hex.push(HEX[usize::from(b & 0x0f)]);
    }
    into_string(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(t: &str) -> Result<Credentials, CredentialsError> {
        Credentials::bearer(
            "alice@example.com",
            SecretString::from(t.to_owned()),
            vec![],
        )
    }

    #[test]
    fn bearer_payloads_are_the_documented_ones() {
        // Google's XOAUTH2 example (developers.google.com/gmail/imap/xoauth2-protocol).
        let c = Credentials::bearer(
            "someuser@example.com",
            SecretString::from("ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg".to_owned()),
            vec![SaslMechanism::Xoauth2],
        )
        .unwrap();
        assert_eq!(
            c.bearer_b64(SaslMechanism::Xoauth2).as_str(),
            "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52\
             YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
        );
        // RFC 7628 §4.1's message, with the GS2 escaping of ',' and '=' (RFC 5801).
        let c = Credentials::bearer(
            "u,=v@example.com",
            SecretString::from("vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==".to_owned()),
            vec![],
        )
        .unwrap();
        let raw = base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            c.bearer_b64(SaslMechanism::Oauthbearer).as_bytes(),
        )
        .unwrap();
        assert_eq!(
            raw,
            b"n,a=u=2C=3Dv@example.com,\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\x01\x01"
        );
    }

    #[test]
    fn a_token_that_could_break_the_sasl_message_is_refused() {
        assert!(token("ya29.a0Af-_~+/x==").is_ok());
        for bad in [
            "a\x01auth=Bearer x",
            "a b",
            "a,b",
            "tok\r\nA2 LOGOUT",
            "é",
            "=",
            "a=b",
        ] {
            assert!(token(bad).is_err(), "{bad:?}");
        }
        assert_eq!(token("").unwrap_err(), CredentialsError::EmptyPassword);
    }

    #[test]
    fn the_mechanism_follows_the_provider_then_oauthbearer() {
        let offered = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let any = token("abc").unwrap();
        let both = offered(&["PLAIN", "XOAUTH2", "OAUTHBEARER"]);
        assert_eq!(
            any.bearer_mechanism(&both),
            Some(SaslMechanism::Oauthbearer)
        );
        assert_eq!(
            any.bearer_mechanism(&offered(&["XOAUTH2"])),
            Some(SaslMechanism::Xoauth2)
        );
        assert_eq!(any.bearer_mechanism(&offered(&["PLAIN", "LOGIN"])), None);
        let ms = Credentials::bearer(
            "a@b.c",
            SecretString::from("abc".to_owned()),
            vec![SaslMechanism::Xoauth2],
        )
        .unwrap();
        assert_eq!(ms.bearer_mechanism(&both), Some(SaslMechanism::Xoauth2));
        assert_eq!(ms.bearer_mechanism(&offered(&["OAUTHBEARER"])), None);
        let password = Credentials::new("a", SecretString::from("p".to_owned())).unwrap();
        assert_eq!(password.bearer_mechanism(&both), None);
    }

    #[test]
    fn bearer_error_json_is_read_typed_and_escaped() {
        let b64 = |s: &str| base64(s.as_bytes());
        let e = BearerError::parse(
            b64(r#"{"status":"invalid_token","schemes":"bearer","scope":"https://mail.google.com/"}"#)
                .as_bytes(),
        );
        assert_eq!(e.status, BearerStatus::InvalidToken);
        assert_eq!(
            e.scope.as_ref().map(|s| s.as_str()),
            Some("https://mail.google.com/")
        );
        // Google writes HTTP codes, as strings or numbers.
        assert_eq!(
            BearerError::parse(b64(r#"{"status":"401"}"#).as_bytes()).status,
            BearerStatus::InvalidToken
        );
        assert_eq!(
            BearerError::parse(b64(r#"{"status":403}"#).as_bytes()).status,
            BearerStatus::InsufficientScope
        );
        // Hostile: control characters escaped, garbage and oversize give Other.
        let e = BearerError::parse(
            b64("{\"status\":\"x\\u001b[2J\",\"scope\":\"\\u202e\"}").as_bytes(),
        );
        assert_eq!(e.status, BearerStatus::Other);
        assert!(
            !e.status_text.as_str().chars().any(char::is_control),
            "{:?}",
            e.status_text
        );
        assert!(!e.scope.unwrap().as_str().contains('\u{202e}'));
        assert_eq!(
            BearerError::parse(b"%%%not base64").status,
            BearerStatus::Other
        );
        assert_eq!(
            BearerError::parse(b64("[1,2]").as_bytes()).status,
            BearerStatus::Other
        );
        let huge = b64(&format!(
            "{{\"status\":\"invalid_token\",\"x\":\"{}\"}}",
            "a".repeat(10_000)
        ));
        assert_eq!(
            BearerError::parse(huge.as_bytes()).status,
            BearerStatus::Other
        );
    }

    #[test]
    fn base64_vectors() {
        // RFC 4648 §10.
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()).as_str(), o);
        }
        let c = Credentials::new("alice", SecretString::from("hunter2")).unwrap();
        assert!(Credentials::new("a\r\nQUIT", SecretString::from("x")).is_err());
        assert!(Credentials::new("a", SecretString::from("x\ny")).is_err());
        assert!(Credentials::new("", SecretString::from("x")).is_err());
        assert_eq!(c.sasl_plain_b64().as_str(), "AGFsaWNlAGh1bnRlcjI=");
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn md5_and_apop_vectors() {
        // RFC 1321 A.5.
        for (i, o) in [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            (
                "abcdefghijklmnopqrstuvwxyz",
                "c3fcd3d76192e4007dfb496cca67e13b",
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
        ] {
            assert_eq!(md5_hex(i.as_bytes()).as_str(), o, "{i:?}");
        }
        assert_eq!(
            md5_hex(b"The quick brown fox jumps over the lazy dog").as_str(),
            "9e107d9d372bb6826bd81d3542a419d6"
        );
        // RFC 1939 §7.
        assert_eq!(
            md5_hex(b"<1896.697170952@dbc.mtview.ca.us>tanstaaf").as_str(),
            "c4c9334bac560ecc979e58001b3e22fb"
        );
        let long = vec![b'a'; 1000];
        assert_eq!(md5_hex(&long).as_str(), "cabe45dcc9ae5b66ba86600cca6b8ba8");
    }

    #[test]
    fn imap_quoting() {
        assert_eq!(
            imap_quoted("Tr0ub4dor&3 bob").unwrap().as_str(),
            "\"Tr0ub4dor&3 bob\""
        );
        assert_eq!(imap_quoted("a\"b\\c").unwrap().as_str(), "\"a\\\"b\\\\c\"");
        assert!(imap_quoted("密码").is_none());
        assert!(imap_quoted("a\r\nb").is_none());
    }

    fn ep(p: Protocol, port: u16, s: Security) -> Endpoint {
        Endpoint::new(p, "mail.example.com", port, s)
    }

    #[test]
    fn policy_refuses_plaintext_and_untrusted_unless_exactly_allowed() {
        let plain = ep(Protocol::Pop3, 110, Security::Plain);
        assert_eq!(
            login_policy(&plain, None, &[]),
            Err(NotTriedReason::Plaintext)
        );
        let allow = InsecureAllow::parse("pop3:110:plain").unwrap();
        assert_eq!(
            login_policy(&plain, None, std::slice::from_ref(&allow)),
            Ok(())
        );
        // Not the same endpoint: STARTTLS mode on 110 that ended in plaintext.
        let stls = ep(Protocol::Pop3, 110, Security::Starttls);
        assert_eq!(
            login_policy(&stls, None, std::slice::from_ref(&allow)),
            Err(NotTriedReason::Plaintext)
        );
        let other_host = InsecureAllow::parse("pop3:other.example:110:plain").unwrap();
        assert_eq!(
            login_policy(&plain, None, &[other_host]),
            Err(NotTriedReason::Plaintext)
        );
        let same_host = InsecureAllow::parse("POP3:Mail.Example.com:110:plain").unwrap();
        assert_eq!(login_policy(&plain, None, &[same_host]), Ok(()));
        assert!(InsecureAllow::parse("110:plain").is_err());
        assert!(InsecureAllow::parse("pop3:110:cleartext").is_err());
        assert!(InsecureAllow::parse("pop3::110:plain").is_err());
        assert_eq!(allow.to_string(), "pop3:110:plain");
    }

    fn tls_report(trusted: bool, leaf: &str) -> TlsReport {
        TlsReport {
            version: "TLS 1.3".into(),
            cipher_suite: "TLS13_AES_256_GCM_SHA384".into(),
            cert_mode: super::super::tls::CertMode::ReportOnly,
            chain: if trusted {
                ChainVerdict::Trusted
            } else {
                ChainVerdict::Invalid(TlsErrorKind::SelfSigned)
            },
            chain_error: None,
            hostname_match: Some(true),
            certificates: Vec::new(),
            leaf_sha256: Some(leaf.into()),
        }
    }

    /// F1: a consent for an untrusted certificate covers that endpoint only
    /// once TLS is up, and only for that certificate; plaintext needs its own
    /// consent, and a STARTTLS endpoint left unencrypted never qualifies.
    #[test]
    fn f1_a_certificate_consent_never_covers_plaintext() {
        let fp = |c: char| {
            std::iter::repeat_n(format!("{c}{c}"), 32)
                .collect::<Vec<_>>()
                .join(":")
        };
        let stls = ep(Protocol::Pop3, 110, Security::Starttls);
        let allow = InsecureAllow::parse(&format!(
            "pop3:mail.example.com:110:starttls:sha256={}",
            fp('a')
        ))
        .unwrap();
        // STARTTLS stripped by a man in the middle: no TLS at all.
        assert_eq!(
            login_policy(&stls, None, std::slice::from_ref(&allow)),
            Err(NotTriedReason::Plaintext)
        );
        // The certificate the user saw.
        assert_eq!(
            login_policy(
                &stls,
                Some(&tls_report(false, &fp('A'))),
                std::slice::from_ref(&allow)
            ),
            Ok(())
        );
        // Another untrusted certificate (an impostor's).
        assert_eq!(
            login_policy(
                &stls,
                Some(&tls_report(false, &fp('b'))),
                std::slice::from_ref(&allow)
            ),
            Err(NotTriedReason::UntrustedCertificate {
                tls_kind: TlsErrorKind::SelfSigned
            })
        );
        // Even a plaintext consent does not reach a STARTTLS endpoint.
        let plain = InsecureAllow::parse("pop3:110:plain").unwrap();
        assert_eq!(
            login_policy(&stls, None, std::slice::from_ref(&plain)),
            Err(NotTriedReason::Plaintext)
        );
        // A trusted chain needs no consent.
        assert_eq!(
            login_policy(&stls, Some(&tls_report(true, &fp('c'))), &[]),
            Ok(())
        );
    }

    /// F10: without a host a consent matched every host of the run.
    #[test]
    fn f10_a_consent_without_a_host_needs_a_single_host_run() {
        let request = LoginRequest::new(
            Credentials::new("a", SecretString::from("b")).unwrap(),
            None,
            vec![InsecureAllow::parse("pop3:110:plain").unwrap()],
        );
        let one = [
            ep(Protocol::Pop3, 110, Security::Plain),
            ep(Protocol::Pop3, 995, Security::Tls),
        ];
        assert!(request.check_consents(&one).is_ok());
        let mut two = one.to_vec();
        two.push(Endpoint::new(
            Protocol::Pop3,
            "pop.other.example",
            110,
            Security::Plain,
        ));
        let e = request.check_consents(&two).unwrap_err().to_string();
        assert!(e.contains("names no host"), "{e}");
        assert!(e.contains("mail.example.com, pop.other.example"), "{e}");
        assert!(e.contains("pop3:mail.example.com:110:plain"), "{e}");
    }

    #[test]
    fn login_report_json_shape() {
        let mut r = LoginReport::not_tried(NotTriedReason::CredentialsRejectedElsewhere {
            endpoint: ep(Protocol::Pop3, 995, Security::Tls),
        });
        r.mechanism = None;
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["outcome"], "not-tried");
        assert_eq!(v["reason"]["kind"], "credentials-rejected-elsewhere");
        assert_eq!(v["reason"]["endpoint"]["port"], 995);
        assert!(v["mailbox_checks"].as_array().unwrap().is_empty());
        let v = serde_json::to_value(LoginReport::bare(LoginOutcome::MechanismNotOffered {
            offered: vec!["XOAUTH2".into()],
        }))
        .unwrap();
        assert_eq!(v["outcome"], "mechanism-not-offered");
        assert_eq!(v["offered"][0], "XOAUTH2");
    }

    #[test]
    fn provider_replies_come_first_and_respect_the_protocol() {
        use crate::providers::KnownReply;
        let known = [
            KnownReply {
                protocol: Some(Protocol::Imap),
                contains: "AUTHENTICATIONFAILED".into(),
                means: ReplyMeaning::AppPasswordRequired,
            },
            KnownReply {
                protocol: None,
                contains: "service is not open".into(),
                means: ReplyMeaning::ServiceDisabled,
            },
        ];
        let imap = FailedReply {
            protocol: Protocol::Imap,
            text: b"a1 NO [AUTHENTICATIONFAILED] Invalid credentials",
            code: ReplyCode::Imap {
                code: Some(b"AUTHENTICATIONFAILED"),
                bad: false,
            },
        };
        let (o, code, basis) = classify(&imap, &known);
        assert_eq!(o, LoginOutcome::AppPasswordRequired);
        assert_eq!(basis, Basis::ProviderReply);
        assert_eq!(code.as_deref(), Some("AUTHENTICATIONFAILED"));
        // The same text on POP3 is not covered by the IMAP-only entry.
        let pop = FailedReply {
            protocol: Protocol::Pop3,
            text: b"-ERR AUTHENTICATIONFAILED",
            code: ReplyCode::Pop3(None),
        };
        assert_eq!(classify(&pop, &known).0, LoginOutcome::CredentialsRejected);
        let smtp = FailedReply {
            protocol: Protocol::Smtp,
            text: b"535 Service Is Not Open for this account",
            code: ReplyCode::Smtp(535, None),
        };
        assert_eq!(classify(&smtp, &known).0, LoginOutcome::ServiceDisabled);
    }

    #[test]
    fn codes_classify_without_provider_data() {
        let c = |code: ReplyCode<'_>| {
            classify(
                &FailedReply {
                    protocol: Protocol::Smtp,
                    text: b"x",
                    code,
                },
                &[],
            )
            .0
        };
        assert_eq!(
            c(ReplyCode::Pop3(Some(&Pop3RespCode::Auth))),
            LoginOutcome::CredentialsRejected
        );
        assert_eq!(
            c(ReplyCode::Pop3(Some(&Pop3RespCode::InUse))),
            LoginOutcome::TemporarilyUnavailable
        );
        assert_eq!(
            c(ReplyCode::Pop3(Some(&Pop3RespCode::SysPerm))),
            LoginOutcome::ServiceDisabled
        );
        assert_eq!(
            c(ReplyCode::Imap {
                code: Some(b"UNAVAILABLE"),
                bad: false
            }),
            LoginOutcome::TemporarilyUnavailable
        );
        assert_eq!(
            c(ReplyCode::Imap {
                code: Some(b"PRIVACYREQUIRED"),
                bad: false
            }),
            LoginOutcome::EncryptionRequired
        );
        let es = |s: &str| EnhancedStatus::parse_prefix(s.as_bytes());
        assert_eq!(
            c(ReplyCode::Smtp(534, es("5.7.9"))),
            LoginOutcome::AppPasswordRequired
        );
        assert_eq!(
            c(ReplyCode::Smtp(535, es("5.7.8"))),
            LoginOutcome::CredentialsRejected
        );
        assert_eq!(
            c(ReplyCode::Smtp(454, es("4.7.0"))),
            LoginOutcome::TemporarilyUnavailable
        );
        assert_eq!(
            c(ReplyCode::Smtp(421, None)),
            LoginOutcome::TemporarilyUnavailable
        );
        assert!(LoginOutcome::AppPasswordRequired.rejects_credentials());
        assert!(!LoginOutcome::TemporarilyUnavailable.rejects_credentials());
        assert!(!LoginOutcome::EncryptionRequired.rejects_credentials());
    }
}
