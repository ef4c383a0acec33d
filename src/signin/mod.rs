//! OAuth2 sign-in: getting an access token for a mail account.
//!
//! Three flows over the `oauth2` crate, with mailconf's HTTP rules around it
//! (reqwest over the ring rustls config, certificates verified, no redirects
//! followed, no proxies from the environment, every answer capped in size and
//! every step under the caller's deadline):
//!
//! - [`authorization_code`]: authorization code with PKCE (RFC 7636, S256) and
//!   a loopback redirect on `127.0.0.1` and an ephemeral port (RFC 8252 §7.3).
//!   The caller opens the system browser on the URL it is given; the redirect
//!   is read by [`loopback`], which checks `state` and refuses anything else.
//! - [`device`]: the device authorization grant (RFC 8628), polled as the
//!   server says (its interval, `slow_down`), for a command line without a
//!   browser.
//! - [`refresh`]: a new access token from a refresh token.
//!
//! Tokens are secrets: they live in [`SecretString`]s whose `Debug` is
//! redacted, and no error or message carries one. Errors are typed
//! ([`SigninError`]) and worded in the user's language at the edge
//! ([`SigninError::message`]). This is an engine: it knows endpoints
//! ([`crate::providers::oauth2::Endpoints`]), not providers, accounts or the
//! keyring; it never opens a browser itself.

pub mod loopback;
pub mod store;
pub mod text;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, DeviceAuthorizationUrl,
    DeviceCodeErrorResponseType, PkceCodeChallenge, RedirectUrl, RefreshToken, RequestTokenError,
    Scope, StandardDeviceAuthorizationResponse, TokenResponse, TokenUrl,
};
use rustls_pki_types::CertificateDer;
use secrecy::{ExposeSecret as _, SecretString};
use tokio::time::Instant;

use crate::providers::oauth2::Endpoints;
use crate::server_text::ServerText;

/// Largest answer read from an authorization server.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Why a sign-in did not give a token. Typed: the words are made by
/// [`SigninError::message`] in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigninError {
    /// The flow could not start (a bad endpoint URL, no TLS configuration, no
    /// loopback port).
    #[error("the sign-in could not start: {0}")]
    Setup(SetupProblem),
    /// This provider offers no device flow for mail.
    #[error("this provider offers no device sign-in for mail")]
    NoDeviceFlow,
    /// The authorization server could not be reached or answered nonsense.
    #[error("{url}: {message}")]
    Http {
        /// The endpoint.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The server refused: its `error` code, typed, and its description.
    #[error("the sign-in was refused: {code}{}", .description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused {
        /// What the refusal means.
        kind: RefusalKind,
        /// The `error` code as sent, escaped.
        code: ServerText,
        /// `error_description`, escaped.
        description: Option<ServerText>,
    },
    /// The redirect came back with another `state` than the one sent: not the
    /// answer to this sign-in (RFC 6749 §10.12). Refused.
    #[error("the answer's state parameter is not the one this sign-in sent; refused")]
    StateMismatch,
    /// The deadline passed before the user finished.
    #[error("the sign-in took longer than {0} s")]
    TimedOut(u64),
    /// The user cancelled.
    #[error("the sign-in was cancelled")]
    Cancelled,
}

/// Why a sign-in could not start, typed: [`SigninError::message`] words it.
/// A `detail` is what a library or the system said, shown after the sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupProblem {
    /// No port on 127.0.0.1 could be opened for the redirect.
    #[error("no loopback port for the redirect: {0}")]
    NoLoopbackPort(String),
    /// An endpoint URL the `oauth2` crate refused.
    #[error("{which}: {detail}")]
    BadUrl {
        /// Which URL.
        which: UrlKind,
        /// The crate's reason.
        detail: String,
    },
    /// An extra CA certificate (`--ca-file`) was refused.
    #[error("extra CA certificate refused: {0}")]
    CaRefused(String),
    /// The HTTPS client could not be built.
    #[error("{0}")]
    HttpClient(String),
    /// This many connections reached the redirect port without the answer.
    #[error("{0} connections to the redirect port brought no answer")]
    NoRedirectAnswer(usize),
    /// The provider's OAuth2 endpoints cannot be used.
    #[error("{0}")]
    Endpoints(crate::providers::oauth2::Problem),
    /// The sign-in's worker (a thread, a runtime) could not start.
    #[error("{0}")]
    Worker(String),
}

/// The URLs of a sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UrlKind {
    /// The authorization endpoint.
    #[error("authorization URL")]
    Authorization,
    /// The token endpoint.
    #[error("token URL")]
    Token,
    /// The loopback redirect.
    #[error("redirect URI")]
    Redirect,
    /// The device authorization endpoint.
    #[error("device URL")]
    Device,
}

/// What a refusal means for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The user declined consent (`access_denied`).
    ConsentDenied,
    /// The client id is unknown or not allowed (`invalid_client`,
    /// `unauthorized_client`, Microsoft's AADSTS700016).
    ClientNotAllowed,
    /// The account is not in the tenant asked for (Microsoft's AADSTS50020,
    /// AADSTS90072, AADSTS50034).
    WrongTenant,
    /// The scope was refused (`invalid_scope`).
    ScopeRefused,
    /// The code or refresh token is expired, used or revoked (`invalid_grant`,
    /// `expired_token`): sign in again.
    GrantExpired,
    /// Anything else.
    Other,
}

impl RefusalKind {
    /// The kind of an `error` code and its description (Microsoft puts its
    /// AADSTS number at the start of the description).
    fn of(code: &str, description: Option<&str>) -> RefusalKind {
        let aadsts = description.and_then(|d| d.strip_prefix("AADSTS")).map(|d| {
            d.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        });
        match aadsts.as_deref() {
            Some("50020" | "90072" | "50034") => return RefusalKind::WrongTenant,
            Some("700016") => return RefusalKind::ClientNotAllowed,
            Some("65001" | "65004") => return RefusalKind::ConsentDenied,
            _ => {}
        }
        match code {
            "access_denied" => RefusalKind::ConsentDenied,
            "invalid_client" | "unauthorized_client" => RefusalKind::ClientNotAllowed,
            "invalid_scope" => RefusalKind::ScopeRefused,
            "invalid_grant" | "expired_token" => RefusalKind::GrantExpired,
            _ => RefusalKind::Other,
        }
    }

    /// A refusal with its code and description, escaped.
    pub fn refusal(code: &str, description: Option<&str>) -> SigninError {
        // An empty description says nothing (it would show as "()").
        let description = description.filter(|d| !d.trim().is_empty());
        SigninError::Refused {
            kind: RefusalKind::of(code, description),
            code: ServerText::new(code),
            description: description.map(ServerText::new),
        }
    }
}

/// The registered application: its client id and, for providers that issue
/// one to desktop apps (Google), the client secret (not secret there, RFC 8252
/// §8.5, but kept out of output all the same).
#[derive(Clone)]
pub struct Client {
    /// The client id.
    pub id: String,
    /// The client secret, where the provider gave one.
    pub secret: Option<SecretString>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("id", &self.id)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// How to reach the authorization server: extra trusted CAs (`--ca-file`) and
/// fixed addresses (`--resolve`), as for the mail servers.
#[derive(Debug, Clone, Default)]
pub struct HttpOptions {
    /// CAs trusted besides the webpki roots.
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// Host names with fixed addresses (the port is the URL's).
    pub resolve: BTreeMap<String, Vec<IpAddr>>,
}

/// What a sign-in gives.
#[derive(Clone)]
pub struct Tokens {
    /// The access token for SASL XOAUTH2/OAUTHBEARER.
    pub access: SecretString,
    /// The refresh token, when the server gave one (`offline_access`).
    pub refresh: Option<SecretString>,
    /// How long the access token lives, when the server said.
    pub expires_in: Option<Duration>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("access", &"[redacted]")
            .field("refresh", &self.refresh.as_ref().map(|_| "[redacted]"))
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// What the device flow shows the user: where to go and the code to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCode {
    /// The page (escaped: it came from the server).
    pub verification_uri: ServerText,
    /// The code (escaped).
    pub user_code: ServerText,
    /// How long the code is valid.
    pub expires_in: Duration,
}

/// A way to cancel a sign-in from another thread (the app's Cancel button).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<tokio::sync::Notify>, Arc<std::sync::atomic::AtomicBool>);

impl Cancel {
    /// Cancels the sign-in; it ends with [`SigninError::Cancelled`].
    pub fn cancel(&self) {
        self.1.store(true, std::sync::atomic::Ordering::SeqCst);
        self.0.notify_waiters();
    }

    async fn cancelled(&self) {
        loop {
            let notified = self.0.notified();
            if self.1.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            notified.await;
        }
    }
}

/// One sign-in's setting: where, as whom, how to connect, how long it may
/// take, and how it is cancelled.
#[derive(Debug, Clone, Copy)]
pub struct Flow<'a> {
    /// The provider's endpoints and scopes for this sign-in.
    pub endpoints: &'a Endpoints,
    /// The registered client.
    pub client: &'a Client,
    /// Trust and addresses for the authorization server.
    pub http: &'a HttpOptions,
    /// The whole sign-in's deadline, from its start.
    pub timeout: Duration,
    /// The cancel button.
    pub cancel: &'a Cancel,
}

/// Runs `work` until it ends, the deadline passes or `cancel` fires.
async fn bounded<T>(
    work: impl std::future::Future<Output = Result<T, SigninError>>,
    deadline: Instant,
    started: Instant,
    cancel: &Cancel,
) -> Result<T, SigninError> {
    tokio::select! {
        r = work => r,
        () = tokio::time::sleep_until(deadline) => {
            Err(SigninError::TimedOut(deadline.saturating_duration_since(started).as_secs()))
        }
        () = cancel.cancelled() => Err(SigninError::Cancelled),
    }
}

/// The HTTP client the `oauth2` crate calls: no redirects (a token endpoint
/// that redirects is refused, as the crate's docs advise against SSRF), no
/// proxy, verified certificates, answers capped at [`MAX_ANSWER_BYTES`].
struct Http {
    client: reqwest::Client,
}

/// An HTTP failure, for the `oauth2` crate's error type.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct HttpError(String);

impl Http {
    fn new(options: &HttpOptions) -> Result<Http, SigninError> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for cert in &options.extra_roots {
            roots
                .add(cert.clone())
                .map_err(|e| SigninError::Setup(SetupProblem::CaRefused(e.to_string())))?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| SigninError::Setup(SetupProblem::HttpClient(e.to_string())))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .referer(false)
            .https_only(true)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("mailconf/", env!("CARGO_PKG_VERSION")));
        for (host, ips) in &options.resolve {
            let addrs: Vec<SocketAddr> = ips.iter().map(|ip| SocketAddr::new(*ip, 0)).collect();
            builder = builder.resolve_to_addrs(host, &addrs);
        }
        let client = builder
            .build()
            .map_err(|e| SigninError::Setup(SetupProblem::HttpClient(error_chain(&e))))?;
        Ok(Http { client })
    }

    async fn call(&self, request: oauth2::HttpRequest) -> Result<oauth2::HttpResponse, HttpError> {
        let request = reqwest::Request::try_from(request).map_err(|e| HttpError(e.to_string()))?;
        let mut answer = self
            .client
            .execute(request)
            .await
            .map_err(|e| HttpError(error_chain(&e)))?;
        let mut body = Vec::new();
        while let Some(chunk) = answer
            .chunk()
            .await
            .map_err(|e| HttpError(error_chain(&e)))?
        {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(HttpError(format!(
                    "the answer is longer than {MAX_ANSWER_BYTES} bytes"
                )));
            }
            body.extend_from_slice(&chunk);
        }
        let mut out = oauth2::http::Response::builder().status(answer.status().as_u16());
        for (name, value) in answer.headers() {
            out = out.header(name.as_str(), value.as_bytes());
        }
        out.body(body).map_err(|e| HttpError(e.to_string()))
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

/// Maps the `oauth2` crate's error of a request to `url`.
fn request_error<T: oauth2::ErrorResponse + 'static>(
    url: &str,
    e: RequestTokenError<HttpError, T>,
    code_of: impl Fn(&T) -> (String, Option<String>),
) -> SigninError {
    match e {
        RequestTokenError::ServerResponse(r) => {
            let (code, description) = code_of(&r);
            RefusalKind::refusal(&code, description.as_deref())
        }
        RequestTokenError::Request(e) => SigninError::Http {
            url: url.to_owned(),
            message: e.0,
        },
        RequestTokenError::Parse(e, _) => SigninError::Http {
            url: url.to_owned(),
            message: format!("the answer is not a token response: {e}"),
        },
        RequestTokenError::Other(m) => SigninError::Http {
            url: url.to_owned(),
            message: m,
        },
    }
}

fn basic_code(r: &oauth2::basic::BasicErrorResponse) -> (String, Option<String>) {
    let code = match r.error() {
        BasicErrorResponseType::Extension(s) => s.clone(),
        other => other.as_ref().to_owned(),
    };
    (code, r.error_description().cloned())
}

fn tokens_of(t: &oauth2::basic::BasicTokenResponse) -> Tokens {
    Tokens {
        access: SecretString::from(t.access_token().secret().clone()),
        refresh: t
            .refresh_token()
            .map(|r| SecretString::from(r.secret().clone())),
        expires_in: t.expires_in(),
    }
}

/// The crate's client for `client`: its id, and its secret where it has one.
fn base_client(client: &Client) -> BasicClient {
    let oauth = BasicClient::new(ClientId::new(client.id.clone()));
    match &client.secret {
        Some(s) => oauth.set_client_secret(ClientSecret::new(s.expose_secret().to_owned())),
        None => oauth,
    }
}

/// A URL the `oauth2` crate refused.
fn bad_url<E: std::fmt::Display>(which: UrlKind) -> impl Fn(E) -> SigninError {
    move |e| {
        SigninError::Setup(SetupProblem::BadUrl {
            which,
            detail: e.to_string(),
        })
    }
}

/// Signs in with an authorization code and PKCE. Listens on `127.0.0.1` on
/// an ephemeral port, calls `open` with the authorization URL (the caller
/// opens the system browser, or, in tests, follows it with an HTTP client),
/// waits for the redirect, checks its `state`, and exchanges the code.
/// `login_hint` pre-fills the account on the provider's page; `lang` is the
/// language of the page the browser shows at the end.
pub async fn authorization_code(
    flow: Flow<'_>,
    login_hint: Option<&str>,
    open: impl FnOnce(&str),
    lang: crate::i18n::Lang,
) -> Result<Tokens, SigninError> {
    let Flow {
        endpoints,
        client,
        http,
        timeout,
        cancel,
    } = flow;
    let started = Instant::now();
    let deadline = started + timeout;
    let listener = loopback::Listener::bind()
        .await
        .map_err(|e| SigninError::Setup(SetupProblem::NoLoopbackPort(e.to_string())))?;
    let redirect = listener.redirect_uri();
    let oauth = base_client(client)
        .set_auth_uri(
            AuthUrl::new(endpoints.authorization_url.clone())
                .map_err(bad_url(UrlKind::Authorization))?,
        )
        .set_token_uri(TokenUrl::new(endpoints.token_url.clone()).map_err(bad_url(UrlKind::Token))?)
        .set_redirect_uri(RedirectUrl::new(redirect).map_err(bad_url(UrlKind::Redirect))?);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = oauth
        .authorize_url(CsrfToken::new_random)
        .add_scopes(endpoints.scopes.iter().map(|s| Scope::new(s.clone())))
        .set_pkce_challenge(challenge);
    if let Some(hint) = login_hint {
        request = request.add_extra_param("login_hint", hint);
    }
    let (url, state) = request.url();
    open(url.as_str());
    let http_client = Http::new(http)?;
    let token_url = endpoints.token_url.clone();
    bounded(
        async {
            let code = listener.wait(state.secret(), lang).await?;
            let call = |r| http_client.call(r);
            let t = oauth
                .exchange_code(AuthorizationCode::new(code.expose_secret().to_owned()))
                .set_pkce_verifier(verifier)
                .request_async(&call)
                .await
                .map_err(|e| request_error(&token_url, e, basic_code))?;
            Ok(tokens_of(&t))
        },
        deadline,
        started,
        cancel,
    )
    .await
}

/// Signs in with the device flow: asks for a code, calls `show` with what the
/// user must do, and polls until the user finished, at the server's interval
/// (longer after `slow_down`), until its codes expire or `timeout` passes.
pub async fn device(flow: Flow<'_>, show: impl FnOnce(&DeviceCode)) -> Result<Tokens, SigninError> {
    let Flow {
        endpoints,
        client,
        http,
        timeout,
        cancel,
    } = flow;
    let started = Instant::now();
    let deadline = started + timeout;
    let device_url = endpoints
        .device_authorization_url
        .clone()
        .ok_or(SigninError::NoDeviceFlow)?;
    let oauth = base_client(client)
        .set_token_uri(TokenUrl::new(endpoints.token_url.clone()).map_err(bad_url(UrlKind::Token))?)
        .set_device_authorization_url(
            DeviceAuthorizationUrl::new(device_url.clone()).map_err(bad_url(UrlKind::Device))?,
        );
    let http_client = Http::new(http)?;
    let call = |r| http_client.call(r);
    let token_url = endpoints.token_url.clone();
    bounded(
        async {
            let details: StandardDeviceAuthorizationResponse = oauth
                .exchange_device_code()
                .add_scopes(endpoints.scopes.iter().map(|s| Scope::new(s.clone())))
                .request_async(&call)
                .await
                .map_err(|e| request_error(&device_url, e, basic_code))?;
            show(&DeviceCode {
                verification_uri: ServerText::new(details.verification_uri().as_str()),
                user_code: ServerText::new(details.user_code().secret()),
                expires_in: details.expires_in(),
            });
            let t = oauth
                .exchange_device_access_token(&details)
                .request_async(&call, tokio::time::sleep, None)
                .await
                .map_err(|e| {
                    request_error(&token_url, e, |r| {
                        let code = match r.error() {
                            DeviceCodeErrorResponseType::Basic(
                                BasicErrorResponseType::Extension(s),
                            ) => s.clone(),
                            other => other.as_ref().to_owned(),
                        };
                        (code, r.error_description().cloned())
                    })
                })?;
            Ok(tokens_of(&t))
        },
        deadline,
        started,
        cancel,
    )
    .await
}

/// A new access token from `refresh_token`. The server may rotate the
/// refresh token: the new one, when given, is in [`Tokens::refresh`] and must
/// replace the old one.
pub async fn refresh(
    endpoints: &Endpoints,
    client: &Client,
    refresh_token: &SecretString,
    http: &HttpOptions,
    timeout: Duration,
) -> Result<Tokens, SigninError> {
    let started = Instant::now();
    let oauth = base_client(client).set_token_uri(
        TokenUrl::new(endpoints.token_url.clone()).map_err(bad_url(UrlKind::Token))?,
    );
    let http_client = Http::new(http)?;
    let call = |r| http_client.call(r);
    let token = RefreshToken::new(refresh_token.expose_secret().to_owned());
    let token_url = endpoints.token_url.clone();
    bounded(
        async {
            let t = oauth
                .exchange_refresh_token(&token)
                .request_async(&call)
                .await
                .map_err(|e| request_error(&token_url, e, basic_code))?;
            Ok(tokens_of(&t))
        },
        started + timeout,
        started,
        &Cancel::default(),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters of the sentence (the first line; what follows is the
    /// details line of a library's own words) apart from names: `--ca-file`,
    /// CA, mailconf.
    pub(super) fn latin_in_sentence(text: &str) -> String {
        let first = text.lines().next().unwrap_or_default();
        first
            .replace("--ca-file", "")
            .replace("mailconf", "")
            .replace("CA", "")
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect()
    }

    /// A refused extra CA said "extra CA certificate refused" in English in
    /// every language.
    #[test]
    fn a_refused_ca_certificate_is_said_in_the_users_language() {
        let options = HttpOptions {
            extra_roots: vec![CertificateDer::from(vec![1u8, 2, 3])],
            ..HttpOptions::default()
        };
        let Err(e) = Http::new(&options) else {
            panic!("a certificate of three bytes was accepted");
        };
        for lang in [crate::i18n::Lang::ZhHans, crate::i18n::Lang::ZhHant] {
            let text = e.message(lang);
            assert_eq!(latin_in_sentence(&text), "", "{text}");
            assert!(
                text.lines().count() > 1,
                "the library's reason follows: {text}"
            );
        }
    }

    #[test]
    fn refusals_are_typed_from_codes_and_microsoft_numbers() {
        assert_eq!(
            RefusalKind::of("access_denied", None),
            RefusalKind::ConsentDenied
        );
        assert_eq!(
            RefusalKind::of("unauthorized_client", None),
            RefusalKind::ClientNotAllowed
        );
        assert_eq!(
            RefusalKind::of("invalid_scope", None),
            RefusalKind::ScopeRefused
        );
        assert_eq!(
            RefusalKind::of("invalid_grant", None),
            RefusalKind::GrantExpired
        );
        assert_eq!(
            RefusalKind::of(
                "invalid_request",
                Some("AADSTS50020: User account from identity provider does not exist in tenant")
            ),
            RefusalKind::WrongTenant
        );
        assert_eq!(
            RefusalKind::of(
                "invalid_client",
                Some("AADSTS700016: Application not found")
            ),
            RefusalKind::ClientNotAllowed
        );
        assert_eq!(
            RefusalKind::of("server_error", Some("AADSTS")),
            RefusalKind::Other
        );
    }

    #[test]
    fn refusal_texts_from_the_server_are_escaped() {
        let SigninError::Refused {
            code, description, ..
        } = RefusalKind::refusal("bad\u{1b}[2J", Some("x\u{202e}y\r\nz"))
        else {
            panic!("not a refusal");
        };
        assert!(!code.as_str().chars().any(char::is_control));
        let d = description.expect("description");
        assert!(
            !d.as_str().contains('\u{202e}') && !d.as_str().contains('\n'),
            "{d:?}"
        );
    }

    #[test]
    fn an_empty_error_description_is_no_description() {
        for d in [Some(""), Some("  "), None] {
            let SigninError::Refused { description, .. } =
                RefusalKind::refusal("invalid_client", d)
            else {
                panic!("not a refusal");
            };
            assert_eq!(description, None, "{d:?}");
        }
    }

    #[test]
    fn tokens_and_client_secrets_are_redacted_in_debug() {
        let t = Tokens {
            access: SecretString::from("at-secret"),
            refresh: Some(SecretString::from("rt-secret")),
            expires_in: None,
        };
        let c = Client {
            id: "id".into(),
            secret: Some(SecretString::from("cs-secret")),
        };
        let shown = format!("{t:?} {c:?}");
        for s in ["at-secret", "rt-secret", "cs-secret"] {
            assert!(!shown.contains(s), "{shown}");
        }
    }
}
