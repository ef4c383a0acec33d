//! The window's OAuth2 sign-in: for a provider with an OAuth2 description
//! (Outlook.com and Microsoft 365, where only OAuth2 works; Gmail and Yahoo,
//! where it replaces the app password) the account form asks for the client
//! id the user registered, the Microsoft tenant where the provider's
//! endpoints have one, and a client secret where the provider issues one to
//! desktop apps (Google, Yahoo); it signs in through the system browser
//! (authorization code + PKCE on a loopback redirect, the same flow as
//! `mailconf oauth2 login`) or, when no browser can be opened here, with the
//! device flow (a code to type on another device); Test connection then
//! sends the access token instead of a password.
//!
//! The flow runs on a worker thread with its own small runtime; the UI
//! thread only polls a channel each frame (it never waits) and the worker
//! wakes it. The states people see: waiting for the browser, the device
//! code (with its address, a copy button and the time left), cancelled,
//! signed in, error. What is kept is what the CLI keeps, in the same places
//! ([`store`]): the refresh token and the client secret in the system
//! keyring, asked on the worker thread; the client id and tenant in
//! `oauth2-clients.json`, read once when the window opens and written by the
//! worker after a sign-in. The access token lives only in memory. The
//! sentences come from the catalog through [`text`].

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;
use secrecy::SecretString;

use crate::i18n::Lang;
use crate::providers::{Protocol, Provider};
use crate::secret::Secret;
use crate::signin::store::{ClientStore, Remembered};
use crate::signin::{
    self, Cancel, Client, Flow, HttpOptions, SetupProblem, SigninError, Tokens, store,
};

/// How long the browser may take.
pub const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(300);

/// How long the device flow may take: a code is typed on another device,
/// and Microsoft's codes live 15 minutes.
pub const DEVICE_TIMEOUT: Duration = Duration::from_secs(900);

/// What the device flow shows: where to go, the code, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceShown {
    /// The page to open (the server's, escaped).
    pub url: String,
    /// The code to type there (escaped).
    pub code: String,
    /// When the code stops working (the server's lifetime or mailconf's
    /// deadline, whichever comes first); polling ends then.
    pub until: Instant,
}

impl DeviceShown {
    /// Whole minutes left, rounded up.
    pub fn minutes_left(&self) -> u64 {
        self.until
            .saturating_duration_since(Instant::now())
            .as_secs()
            .div_ceil(60)
    }
}

/// Where the sign-in stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SigninState {
    /// Nothing started.
    #[default]
    Idle,
    /// The browser was sent to the provider's page (`url`, once known).
    Waiting {
        /// The address the browser was sent to (shown so it can be opened by hand).
        url: Option<String>,
    },
    /// The device flow: the code, once the provider gave one; polling.
    Device(Option<DeviceShown>),
    /// The user cancelled.
    Cancelled,
    /// Signed in; `kept`: the refresh token is in the system keyring.
    SignedIn {
        /// The account signed in.
        account: String,
        /// Whether the keyring took the refresh token.
        kept: bool,
    },
    /// The sign-in failed; the reason in the user's language.
    Failed(String),
}

/// What the worker sends.
enum Message {
    Url(String),
    Code(DeviceShown),
    /// The outcome (`bool`: the refresh token went into the keyring) and
    /// the client the sign-in used (remembered when it worked).
    Done(Box<Result<(Tokens, bool), SigninError>>, Remembered),
}

/// The sign-in part of the session.
#[derive(Default)]
pub struct SigninView {
    /// Where it stands.
    pub state: SigninState,
    /// The client id field.
    pub client_id: String,
    /// The tenant field (Microsoft 365; empty: the provider's default).
    pub tenant: String,
    /// The client secret field (Google's and Yahoo's desktop clients; empty:
    /// none, or the one kept in the keyring for this client id).
    pub client_secret: Secret,
    /// The provider the fields were filled for.
    pub client_for: Option<String>,
    /// The account and provider of the sign-in (running or done).
    pub account: Option<(String, String)>,
    /// The remembered clients (a copy of the store's file).
    clients: BTreeMap<String, Remembered>,
    /// Where they are remembered.
    store: ClientStore,
    token: Option<SecretString>,
    cancel: Option<Cancel>,
    events: Option<Receiver<Message>>,
}

impl std::fmt::Debug for SigninView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigninView")
            .field("state", &self.state)
            .field("client_id", &self.client_id)
            .field("tenant", &self.tenant)
            .field("client_secret", &self.client_secret)
            .field("account", &self.account)
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// A tenant typed for `provider`: `Ok(None)` for the provider's default
/// (empty field, or a provider whose endpoints take none), `Err` with the
/// reason in `lang` for something that is not a tenant.
pub fn typed_tenant(
    provider: &Provider,
    typed: &str,
    lang: Lang,
) -> Result<Option<String>, String> {
    let t = typed.trim();
    if t.is_empty() || !takes_tenant(provider) {
        return Ok(None);
    }
    match crate::providers::oauth2::check_tenant(t) {
        Ok(()) => Ok(Some(t.to_owned())),
        Err(_) => Err(signin::text::bad_tenant(lang, t)),
    }
}

/// Whether the provider's endpoints name a tenant (Microsoft's do).
pub fn takes_tenant(provider: &Provider) -> bool {
    provider.oauth2.as_ref().is_some_and(|o| o.tenant.is_some())
}

/// Whether the provider issues client secrets to desktop apps: those whose
/// endpoints take no tenant (Google, Yahoo, AOL). Microsoft's public
/// clients have none.
pub fn takes_client_secret(provider: &Provider) -> bool {
    provider.oauth2.is_some() && !takes_tenant(provider)
}

/// Whether the provider offers the device flow for mail.
pub fn offers_device_flow(provider: &Provider) -> bool {
    provider
        .oauth2
        .as_ref()
        .is_some_and(|o| o.device_authorization_url.is_some())
}

impl SigninView {
    /// Whether a sign-in is running.
    pub fn running(&self) -> bool {
        matches!(
            self.state,
            SigninState::Waiting { .. } | SigninState::Device(_)
        )
    }

    /// Uses `store` for the remembered clients: reads it, and moves into it
    /// the client ids an older window kept in its own state file (`legacy`,
    /// provider id → client id) for providers it has none for. What the store
    /// could not take stays in memory for this run.
    pub fn use_store(&mut self, store: ClientStore, legacy: &BTreeMap<String, String>) {
        let mut clients = store.read();
        let moved: BTreeMap<String, Remembered> = legacy
            .iter()
            .filter(|(p, id)| !clients.contains_key(*p) && !id.trim().is_empty())
            .map(|(p, id)| {
                (
                    p.clone(),
                    Remembered {
                        client_id: id.trim().to_owned(),
                        tenant: None,
                    },
                )
            })
            .collect();
        if !moved.is_empty() {
            // Failing here (no config directory) only loses the migration's write.
            let _ = store.remember_all(&moved);
            clients.extend(moved);
        }
        self.clients = clients;
        self.store = store;
        self.client_for = None;
    }

    /// The client remembered for `provider`.
    pub fn remembered(&self, provider: &str) -> Option<&Remembered> {
        self.clients.get(provider)
    }

    /// Fills the fields with what is remembered when the provider changed;
    /// a secret typed for another provider goes.
    pub fn show_provider(&mut self, provider: &str) {
        if self.client_for.as_deref() != Some(provider) {
            self.client_for = Some(provider.to_owned());
            let r = self.clients.get(provider).cloned().unwrap_or_default();
            self.client_id = r.client_id;
            self.tenant = r.tenant.unwrap_or_default();
            self.client_secret.clear();
        }
    }

    /// Starts a sign-in for `account` at `provider` (`device`: the device
    /// flow, else the browser); `ctx` is woken (and, for the browser, asked
    /// to open it). Refused, with the reason in `lang`, without a client id,
    /// with a tenant that is not one, or for a provider without an OAuth2
    /// description (or without a device flow, when asked for one).
    pub fn start(
        &mut self,
        provider: &Provider,
        account: &str,
        http: HttpOptions,
        (lang, device): (Lang, bool),
        ctx: &egui::Context,
    ) -> Result<(), String> {
        self.cancel();
        let client_id = self.client_id.trim().to_owned();
        if client_id.is_empty() || client_id.chars().any(char::is_control) {
            return Err(text::no_client_id(lang));
        }
        let Some(oauth2) = &provider.oauth2 else {
            return Err(text::no_oauth2(lang));
        };
        if device && !offers_device_flow(provider) {
            return Err(SigninError::NoDeviceFlow.message(lang));
        }
        let tenant = typed_tenant(provider, &self.tenant, lang)?;
        let endpoints = oauth2
            .endpoints(
                tenant.as_deref(),
                &[Protocol::Pop3, Protocol::Imap, Protocol::Smtp],
            )
            .map_err(|e| SigninError::Setup(SetupProblem::Endpoints(e)).message(lang))?;
        let typed_secret = (takes_client_secret(provider) && !self.client_secret.is_empty())
            .then(|| SecretString::from(self.client_secret.expose().trim().to_owned()));
        let (tx, rx): (Sender<Message>, Receiver<Message>) = channel();
        let cancel = Cancel::default();
        let job = Job {
            endpoints,
            provider_id: provider.id.clone(),
            account: account.to_owned(),
            remembered: Remembered { client_id, tenant },
            typed_secret,
            http,
            store: self.store.clone(),
            cancel: cancel.clone(),
            lang,
            device,
        };
        let waker = ctx.clone();
        std::thread::Builder::new()
            .name("mailconf-signin".into())
            .spawn(move || job.run(&tx, &waker))
            .map_err(|e| SigninError::Setup(SetupProblem::Worker(e.to_string())).message(lang))?;
        self.state = if device {
            SigninState::Device(None)
        } else {
            SigninState::Waiting { url: None }
        };
        self.account = Some((account.to_owned(), provider.id.clone()));
        self.token = None;
        self.cancel = Some(cancel);
        self.events = Some(rx);
        Ok(())
    }

    /// Cancels a running sign-in (the worker ends with "cancelled").
    pub fn cancel(&mut self) {
        if let Some(c) = self.cancel.take() {
            c.cancel();
        }
        if self.running() {
            self.state = SigninState::Cancelled;
        }
        self.events = None;
    }

    /// Takes what the worker sent; `true` when something changed.
    pub fn poll(&mut self, lang: Lang) -> bool {
        let Some(rx) = &self.events else {
            return false;
        };
        let mut changed = false;
        let mut remembered = None;
        while let Ok(m) = rx.try_recv() {
            changed = true;
            match m {
                Message::Url(url) => {
                    if let SigninState::Waiting { url: u } = &mut self.state {
                        *u = Some(url);
                    }
                }
                Message::Code(shown) => {
                    if let SigninState::Device(d) = &mut self.state {
                        *d = Some(shown);
                    }
                }
                Message::Done(result, client) => {
                    self.cancel = None;
                    self.state = match *result {
                        Ok((tokens, kept)) => {
                            let (account, provider) = self.account.clone().unwrap_or_default();
                            self.token = Some(tokens.access);
                            remembered = Some((provider, client));
                            SigninState::SignedIn { account, kept }
                        }
                        Err(SigninError::Cancelled) => SigninState::Cancelled,
                        Err(e) => SigninState::Failed(e.message(lang)),
                    };
                }
            }
        }
        // The worker wrote the store; the window's copy follows (what the
        // sign-in used, not what the fields say now).
        if let Some((provider, client)) = remembered
            && !provider.is_empty()
        {
            self.clients.insert(provider, client);
        }
        if !self.running() {
            self.events = None;
        }
        changed
    }

    /// The access token for `account` at `provider`, when signed in for it.
    pub fn token_for(&self, account: &str, provider: &str) -> Option<SecretString> {
        match (&self.state, &self.account) {
            (SigninState::SignedIn { .. }, Some((a, p))) if a == account && p == provider => {
                self.token.clone()
            }
            _ => None,
        }
    }
}

/// One sign-in, as the worker thread runs it.
struct Job {
    endpoints: crate::providers::oauth2::Endpoints,
    provider_id: String,
    account: String,
    remembered: Remembered,
    typed_secret: Option<SecretString>,
    http: HttpOptions,
    store: ClientStore,
    cancel: Cancel,
    lang: Lang,
    device: bool,
}

impl Job {
    fn run(self, tx: &Sender<Message>, waker: &egui::Context) {
        // The keyring is asked here, never on the UI thread (D-Bus may be slow).
        let secret = self
            .typed_secret
            .clone()
            .or_else(|| store::load_client_secret(&self.provider_id, &self.remembered.client_id));
        let client = Client {
            id: self.remembered.client_id.clone(),
            secret,
        };
        let timeout = if self.device {
            DEVICE_TIMEOUT
        } else {
            SIGN_IN_TIMEOUT
        };
        let flow = Flow {
            endpoints: &self.endpoints,
            client: &client,
            http: &self.http,
            timeout,
            cancel: &self.cancel,
        };
        let started = Instant::now();
        let result = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) if self.device => rt.block_on(signin::device(flow, |d| {
                let lives = d.expires_in.min(timeout);
                let _ = tx.send(Message::Code(DeviceShown {
                    url: d.verification_uri.as_str().to_owned(),
                    code: d.user_code.as_str().to_owned(),
                    until: started + lives,
                }));
                waker.request_repaint();
            })),
            Ok(rt) => rt.block_on(signin::authorization_code(
                flow,
                Some(&self.account),
                |url| {
                    let _ = tx.send(Message::Url(url.to_owned()));
                    waker.open_url(egui::OpenUrl::new_tab(url));
                    waker.request_repaint();
                },
                self.lang,
            )),
            Err(e) => Err(SigninError::Setup(SetupProblem::Worker(e.to_string()))),
        };
        let result = result.map(|tokens| {
            let kept = tokens
                .refresh
                .as_ref()
                .is_some_and(|r| store::save(&self.provider_id, &self.account, r).is_ok());
            // What worked is kept for the next sign-in and for `mailconf
            // oauth2 token`; failing to keep it only means typing it again.
            if let Some(s) = &self.typed_secret {
                let _ = store::save_client_secret(&self.provider_id, &client.id, s);
            }
            let _ = self.store.remember(&self.provider_id, &self.remembered);
            (tokens, kept)
        });
        let _ = tx.send(Message::Done(Box::new(result), self.remembered));
        waker.request_repaint();
    }
}

/// Every sentence of the window's sign-in, from the catalog (`app-signin-*`).
pub mod text {
    use super::{DeviceShown, SigninState};
    use crate::i18n::{Lang, msg};

    /// The client id field's label.
    pub fn client_id_label(lang: Lang) -> String {
        msg!(lang, "app-signin-client-id")
    }

    /// The field's hint.
    pub fn client_id_hint(lang: Lang) -> String {
        msg!(lang, "app-signin-client-id-hint")
    }

    /// The tenant field's label.
    pub fn tenant_label(lang: Lang) -> String {
        msg!(lang, "app-signin-tenant")
    }

    /// The tenant field's hint: what an empty field means.
    pub fn tenant_hint(lang: Lang, default: &str) -> String {
        msg!(lang, "app-signin-tenant-hint", default = default)
    }

    /// The client secret field's label.
    pub fn client_secret_label(lang: Lang) -> String {
        msg!(lang, "app-signin-client-secret")
    }

    /// Its hint.
    pub fn client_secret_hint(lang: Lang) -> String {
        msg!(lang, "app-signin-client-secret-hint", example = "Google")
    }

    /// The header of the block for a provider where OAuth2 is an alternative
    /// to the password.
    pub fn instead_of_password(lang: Lang) -> String {
        msg!(lang, "app-signin-instead-of-password")
    }

    /// The sign-in button.
    pub fn sign_in(lang: Lang) -> String {
        msg!(lang, "app-signin-sign-in")
    }

    /// The device-flow button.
    pub fn sign_in_with_code(lang: Lang) -> String {
        msg!(lang, "app-signin-with-code")
    }

    /// Its tooltip: when to use it.
    pub fn sign_in_with_code_tip(lang: Lang) -> String {
        msg!(lang, "app-signin-with-code-tip")
    }

    /// The cancel button.
    pub fn cancel(lang: Lang) -> String {
        msg!(lang, "app-signin-cancel")
    }

    /// The button that copies the device code.
    pub fn copy_code(lang: Lang) -> String {
        msg!(lang, "app-signin-copy-code")
    }

    /// Without a client id.
    pub fn no_client_id(lang: Lang) -> String {
        msg!(lang, "app-signin-no-client-id")
    }

    /// The provider has no OAuth2 description.
    pub fn no_oauth2(lang: Lang) -> String {
        msg!(lang, "app-signin-no-oauth2")
    }

    /// Sign in first, for Test connection to test the login.
    pub fn sign_in_first(lang: Lang) -> String {
        msg!(lang, "app-signin-sign-in-first")
    }

    /// Before signing in where OAuth2 is optional.
    pub fn optional(lang: Lang) -> String {
        msg!(lang, "app-signin-optional")
    }

    /// How long the device code still works.
    pub fn device_time_left(lang: Lang, d: &DeviceShown) -> String {
        msg!(
            lang,
            "app-signin-device-time-left",
            minutes = d.minutes_left().to_string()
        )
    }

    /// The state line.
    pub fn state(lang: Lang, s: &SigninState) -> String {
        match s {
            SigninState::Idle => sign_in_first(lang),
            SigninState::Waiting { .. } => msg!(lang, "app-signin-waiting"),
            SigninState::Device(None) => msg!(lang, "app-signin-device-asking"),
            SigninState::Device(Some(d)) => {
                msg!(lang, "app-signin-device-enter", url = d.url.as_str())
            }
            SigninState::Cancelled => msg!(lang, "app-signin-cancelled"),
            SigninState::SignedIn { account, kept } => {
                let first = msg!(lang, "app-signin-signed-in", account = account.as_str());
                if *kept {
                    first
                } else {
                    format!("{first} {}", msg!(lang, "app-signin-not-kept"))
                }
            }
            SigninState::Failed(reason) => {
                msg!(lang, "app-signin-failed", reason = reason.as_str())
            }
        }
    }
}
