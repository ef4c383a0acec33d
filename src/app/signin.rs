//! The window's OAuth2 sign-in: for a provider that takes only OAuth2
//! (Outlook.com, Microsoft 365) the account form asks for the client id the
//! user registered (remembered per provider), signs in through the system
//! browser (authorization code + PKCE on a loopback redirect, the same flow
//! as `mailconf oauth2 login`), and Test connection then sends the access
//! token instead of a password.
//!
//! The flow runs on a worker thread with its own small runtime; the UI
//! thread only polls a channel each frame (it never waits) and the worker
//! wakes it. The states people see: waiting for the browser (with Cancel),
//! cancelled, signed in, error. The refresh token goes into the system
//! keyring as with the CLI, so `mailconf oauth2 token` works afterwards; the
//! access token lives only in memory. Its sentences come from the catalog
//! through [`text`].

use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use eframe::egui;
use secrecy::SecretString;

use crate::i18n::Lang;
use crate::providers::{Protocol, Provider};
use crate::signin::{self, Cancel, Client, Flow, HttpOptions, SigninError, Tokens, store};

/// How long the browser may take.
pub const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(300);

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
    /// The outcome; `bool`: the refresh token went into the keyring.
    Done(Box<Result<(Tokens, bool), SigninError>>),
}

/// The sign-in part of the session.
#[derive(Default)]
pub struct SigninView {
    /// Where it stands.
    pub state: SigninState,
    /// The client id field.
    pub client_id: String,
    /// The provider the client id field was filled for.
    pub client_for: Option<String>,
    /// The account and provider of the sign-in (running or done).
    pub account: Option<(String, String)>,
    token: Option<SecretString>,
    cancel: Option<Cancel>,
    events: Option<Receiver<Message>>,
}

impl std::fmt::Debug for SigninView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigninView")
            .field("state", &self.state)
            .field("client_id", &self.client_id)
            .field("account", &self.account)
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl SigninView {
    /// Whether a sign-in is running.
    pub fn running(&self) -> bool {
        matches!(self.state, SigninState::Waiting { .. })
    }

    /// Fills the client id field with `remembered` when the provider changed.
    pub fn show_provider(&mut self, provider: &str, remembered: Option<&String>) {
        if self.client_for.as_deref() != Some(provider) {
            self.client_for = Some(provider.to_owned());
            self.client_id = remembered.cloned().unwrap_or_default();
        }
    }

    /// Starts a sign-in for `account` at `provider`; `ctx` is woken and asked
    /// to open the browser. Refused (with the reason) without a client id or
    /// an OAuth2 description of the provider.
    pub fn start(
        &mut self,
        provider: &Provider,
        account: &str,
        http: HttpOptions,
        lang: Lang,
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
        let endpoints = oauth2
            .endpoints(None, &[Protocol::Pop3, Protocol::Imap, Protocol::Smtp])
            .map_err(|e| e.to_string())?;
        let (tx, rx): (Sender<Message>, Receiver<Message>) = channel();
        let cancel = Cancel::default();
        let worker_cancel = cancel.clone();
        let waker = ctx.clone();
        let hint = account.to_owned();
        let provider_id = provider.id.clone();
        std::thread::Builder::new()
            .name("mailconf-signin".into())
            .spawn(move || {
                let client = Client {
                    id: client_id,
                    secret: None,
                };
                let result = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt.block_on(signin::authorization_code(
                        Flow {
                            endpoints: &endpoints,
                            client: &client,
                            http: &http,
                            timeout: SIGN_IN_TIMEOUT,
                            cancel: &worker_cancel,
                        },
                        Some(&hint),
                        |url| {
                            let _ = tx.send(Message::Url(url.to_owned()));
                            waker.open_url(egui::OpenUrl::new_tab(url));
                            waker.request_repaint();
                        },
                        lang,
                    )),
                    Err(e) => Err(SigninError::Setup(e.to_string())),
                };
                // The keyring is asked here, never on the UI thread (D-Bus may be slow).
                let result = result.map(|tokens| {
                    let kept = tokens
                        .refresh
                        .as_ref()
                        .is_some_and(|r| store::save(&provider_id, &hint, r).is_ok());
                    (tokens, kept)
                });
                let _ = tx.send(Message::Done(Box::new(result)));
                waker.request_repaint();
            })
            .map_err(|e| e.to_string())?;
        self.state = SigninState::Waiting { url: None };
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
        while let Ok(m) = rx.try_recv() {
            changed = true;
            match m {
                Message::Url(url) => {
                    if let SigninState::Waiting { url: u } = &mut self.state {
                        *u = Some(url);
                    }
                }
                Message::Done(result) => {
                    self.cancel = None;
                    self.state = match *result {
                        Ok((tokens, kept)) => {
                            let (account, _) = self.account.clone().unwrap_or_default();
                            self.token = Some(tokens.access);
                            SigninState::SignedIn { account, kept }
                        }
                        Err(SigninError::Cancelled) => SigninState::Cancelled,
                        Err(e) => SigninState::Failed(e.message(lang)),
                    };
                }
            }
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

/// Every sentence of the window's sign-in, from the catalog (`app-signin-*`).
pub mod text {
    use super::SigninState;
    use crate::i18n::{Lang, msg};

    /// The client id field's label.
    pub fn client_id_label(lang: Lang) -> String {
        msg!(lang, "app-signin-client-id")
    }

    /// The field's hint.
    pub fn client_id_hint(lang: Lang) -> String {
        msg!(lang, "app-signin-client-id-hint")
    }

    /// The sign-in button.
    pub fn sign_in(lang: Lang) -> String {
        msg!(lang, "app-signin-sign-in")
    }

    /// The cancel button.
    pub fn cancel(lang: Lang) -> String {
        msg!(lang, "app-signin-cancel")
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

    /// The state line.
    pub fn state(lang: Lang, s: &SigninState) -> String {
        match s {
            SigninState::Idle => sign_in_first(lang),
            SigninState::Waiting { .. } => msg!(lang, "app-signin-waiting"),
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
