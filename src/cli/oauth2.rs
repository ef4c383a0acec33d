//! `mailconf oauth2 login ACCOUNT` and `mailconf oauth2 token ACCOUNT`.
//!
//! `login` signs in once (the browser with a loopback redirect, or
//! `--device` for a machine without one) and keeps the refresh token in the
//! system keyring ([`crate::signin::store`]); the client id (and Microsoft
//! tenant) given with `--oauth2-client-id`/`--oauth2-tenant` is remembered per
//! provider in `oauth2-clients.json` in the config directory (not a secret),
//! the store the app uses too; a client secret given with
//! `--oauth2-client-secret-env` goes into the keyring beside the refresh
//! token, because every refresh needs it again (not with `--token-file`,
//! whose machines have no keyring: there `token` needs the variable too).
//! `token` prints a fresh access token on stdout, refreshing with the stored
//! refresh token and storing the one the server rotates to: the helper that
//! msmtp's `passwordeval`, fetchmail's and mutt's refresh commands call.
//! Nothing but the access token is ever printed, and only by `token`.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use secrecy::{ExposeSecret as _, SecretString};

use super::{EXIT_ERROR, EXIT_NEGATIVE, EXIT_USAGE};
use crate::i18n::{Lang, msg};
use crate::providers::Protocol;
use crate::signin::store::{ClientStore, Remembered, StoreError, TokenFileProblem};
use crate::signin::{self, Cancel, Client, Flow, HttpOptions, store};

/// `mailconf oauth2 …`.
#[derive(Debug, clap::Subcommand)]
pub enum OAuth2Command {
    /// Sign in once (browser or --device) and keep the refresh token in the system keyring.
    Login(OAuth2Args),
    /// Print a fresh access token for ACCOUNT (for msmtp, fetchmail, mutt, getmail).
    Token(OAuth2Args),
}

/// The arguments both subcommands take.
#[derive(Debug, Clone, clap::Args)]
pub struct OAuth2Args {
    /// The account: its address (the provider is found from the domain).
    pub account: String,
    /// The client id of the app you (or your administrator) registered with
    /// the provider; remembered for the provider once given.
    #[arg(long = "oauth2-client-id", value_name = "ID")]
    pub client_id: Option<String>,
    /// Read the client secret (Google desktop clients have one) from this
    /// environment variable.
    #[arg(long = "oauth2-client-secret-env", value_name = "VAR")]
    pub client_secret_env: Option<String>,
    /// Microsoft 365: your tenant (its id or domain, or common/organizations).
    #[arg(long = "oauth2-tenant", value_name = "TENANT")]
    pub tenant: Option<String>,
    /// login: use the device flow (a code to type on another device) instead of the browser.
    #[arg(long)]
    pub device: bool,
    /// login: do not try to open a browser; only print the address to open.
    #[arg(long)]
    pub no_browser: bool,
    /// Extra trust anchors for the sign-in server: a PEM file of CA certificates.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Use this address for a host name instead of DNS: `login.example.com:127.0.0.1`.
    #[arg(long, value_name = "HOST:ADDR", value_parser = crate::cli::args::parse_resolve)]
    pub resolve: Vec<(String, IpAddr)>,
    /// Keep the refresh token in this file (owner-only, mode 0600) instead of
    /// the system keyring. Worse than the keyring (README, "OAuth2 sign-in"):
    /// only for a machine without one. `token` then needs it too.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Seconds the whole sign-in may take.
    #[arg(long, value_name = "S", default_value = "300", value_parser = crate::cli::args::parse_seconds)]
    pub timeout: Duration,
}

/// What a sign-in or a refresh needs, from the arguments and the database.
struct Prepared {
    provider_id: String,
    provider: crate::providers::Provider,
    endpoints: crate::providers::oauth2::Endpoints,
    client: Client,
    remembered: Remembered,
    http: HttpOptions,
}

/// A failure with its exit code.
pub type Failure = (u8, String);

fn prepare(args: &OAuth2Args, lang: Lang) -> Result<Prepared, Failure> {
    let usage = |m: String| (EXIT_USAGE, m);
    let db = super::load_database(lang);
    let account = args.account.as_str();
    let provider = match db.lookup(account) {
        Ok(m) if m.address.is_some() => m.entry.provider.clone(),
        Ok(_) => {
            return Err(usage(msg!(
                lang,
                "oauth2-cli-not-an-address",
                account = account
            )));
        }
        Err(e) => return Err(usage(e.text(lang))),
    };
    let Some(oauth2) = provider.oauth2.clone() else {
        return Err(usage(msg!(
            lang,
            "oauth2-cli-no-oauth2",
            account = account,
            provider = provider.name.get(lang)
        )));
    };
    let saved = ClientStore::in_config_dir().get(&provider.id);
    let client_id = match args
        .client_id
        .clone()
        .or_else(|| saved.as_ref().map(|s| s.client_id.clone()))
    {
        Some(id) if !id.trim().is_empty() && !id.chars().any(char::is_control) => {
            id.trim().to_owned()
        }
        _ => {
            return Err(usage(msg!(
                lang,
                "oauth2-cli-no-client-id",
                option = "--oauth2-client-id",
                readme = "README"
            )));
        }
    };
    let tenant = args
        .tenant
        .clone()
        .or_else(|| saved.as_ref().and_then(|s| s.tenant.clone()));
    if let Some(t) = &tenant {
        if oauth2.tenant.is_none() {
            return Err(usage(msg!(
                lang,
                "oauth2-cli-no-tenant",
                provider = provider.name.get(lang),
                option = "--oauth2-tenant"
            )));
        }
        if crate::providers::oauth2::check_tenant(t).is_err() {
            return Err(usage(msg!(
                lang,
                "oauth2-cli-option",
                option = "--oauth2-tenant",
                problem = signin::text::bad_tenant(lang, t)
            )));
        }
    }
    let protocols = [Protocol::Pop3, Protocol::Imap, Protocol::Smtp];
    let endpoints = oauth2
        .endpoints(tenant.as_deref(), &protocols)
        .map_err(|e| {
            usage(signin::SigninError::Setup(signin::SetupProblem::Endpoints(e)).message(lang))
        })?;
    let secret = match &args.client_secret_env {
        Some(var) => match std::env::var(var) {
            Ok(v) if !v.trim().is_empty() => Some(SecretString::from(v.trim().to_owned())),
            _ => {
                return Err(usage(msg!(
                    lang,
                    "oauth2-cli-secret-env-unset",
                    option = "--oauth2-client-secret-env",
                    var = var.as_str()
                )));
            }
        },
        // A machine with a token file has no keyring to ask.
        None if args.token_file.is_some() => None,
        None => store::load_client_secret(&provider.id, &client_id),
    };
    Ok(Prepared {
        provider_id: provider.id.clone(),
        provider,
        endpoints,
        client: Client {
            id: client_id.clone(),
            secret,
        },
        remembered: Remembered { client_id, tenant },
        http: http_options(args, lang).map_err(usage)?,
    })
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| (EXIT_ERROR, e.to_string()))
}

/// A fresh access token for `args.account` from the refresh token in the
/// keyring; the refresh token the provider rotates to replaces it. What
/// `oauth2 token` prints.
pub fn fresh_token(args: &OAuth2Args, lang: Lang) -> Result<SecretString, Failure> {
    let p = prepare(args, lang)?;
    let account = args.account.trim();
    let refresh = kept_load(args, &p.provider_id, account).map_err(|e| match e {
        StoreError::NotSignedIn(_) => (EXIT_NEGATIVE, e.message(lang)),
        e => (EXIT_ERROR, e.message(lang)),
    })?;
    refreshed(&p, args, account, &refresh, lang)
}

/// A fresh access token for `args.account`: from the kept sign-in, or, when
/// none is kept, from a sign-in started now (the browser, as `oauth2 login`),
/// which is then kept. What `probe --oauth2` sends.
pub fn token_or_sign_in(args: &OAuth2Args, lang: Lang) -> Result<SecretString, Failure> {
    let p = prepare(args, lang)?;
    let account = args.account.trim();
    match kept_load(args, &p.provider_id, account) {
        Ok(refresh) => refreshed(&p, args, account, &refresh, lang),
        Err(StoreError::NotSignedIn(_)) => {
            eprintln!("{}", signin::text::signing_in_now(lang, account));
            sign_in_with(&p, args, lang)
        }
        Err(e) => Err((EXIT_ERROR, e.message(lang))),
    }
}

/// Refreshes with `refresh`, keeping the refresh token the provider rotates to.
fn refreshed(
    p: &Prepared,
    args: &OAuth2Args,
    account: &str,
    refresh: &SecretString,
    lang: Lang,
) -> Result<SecretString, Failure> {
    let rt = runtime()?;
    let t = rt
        .block_on(signin::refresh(
            &p.endpoints,
            &p.client,
            refresh,
            &p.http,
            args.timeout,
        ))
        .map_err(|e| (EXIT_NEGATIVE, e.message(lang)))?;
    if let Some(new) = &t.refresh {
        kept_save(args, &p.provider_id, account, new, lang)
            .map_err(|e| (EXIT_ERROR, e.message(lang)))?;
    }
    Ok(t.access)
}

/// Runs `mailconf oauth2 …`.
pub fn run(command: OAuth2Command, lang: Lang) -> ExitCode {
    let (args, login) = match command {
        OAuth2Command::Login(a) => (a, true),
        OAuth2Command::Token(a) => (a, false),
    };
    let result = if login {
        sign_in(&args, lang)
    } else {
        fresh_token(&args, lang).map(|t| println!("{}", t.expose_secret()))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            // Who speaks, as every subcommand says it (`mailconf probe: …`).
            super::complain(lang, "mailconf oauth2", &message);
            ExitCode::from(code)
        }
    }
}

/// `oauth2 login`: sign in, keep the refresh token, remember the client.
fn sign_in(args: &OAuth2Args, lang: Lang) -> Result<(), Failure> {
    let p = prepare(args, lang)?;
    sign_in_with(&p, args, lang).map(drop)
}

/// Signs in (browser or device flow), keeps the refresh token, remembers the
/// client; returns the access token of the sign-in.
fn sign_in_with(p: &Prepared, args: &OAuth2Args, lang: Lang) -> Result<SecretString, Failure> {
    let rt = runtime()?;
    let cancel = Cancel::default();
    let flow = Flow {
        endpoints: &p.endpoints,
        client: &p.client,
        http: &p.http,
        timeout: args.timeout,
        cancel: &cancel,
    };
    let account = args.account.trim().to_owned();
    let result = if args.device {
        rt.block_on(signin::device(flow, |d| {
            eprintln!("{}", signin::text::device_prompt(lang, d));
        }))
    } else {
        let no_browser = args.no_browser;
        rt.block_on(signin::authorization_code(
            flow,
            Some(&account),
            |url| {
                eprintln!("{} {url}", signin::text::open_browser_prompt(lang));
                if !no_browser {
                    open_browser(url);
                }
            },
            lang,
        ))
    };
    let tokens = result.map_err(|e| (EXIT_NEGATIVE, e.message(lang)))?;
    let Some(refresh) = tokens.refresh else {
        return Err((
            EXIT_NEGATIVE,
            signin::text::no_refresh_token(lang).to_owned(),
        ));
    };
    kept_save(args, &p.provider_id, &account, &refresh, lang)
        .map_err(|e| (EXIT_ERROR, e.message(lang)))?;
    // The secret, for the refreshes to come; a machine with a token file
    // has no keyring (`token` then reads the variable again).
    if let (Some(secret), None) = (&p.client.secret, &args.token_file)
        && let Err(e) = store::save_client_secret(&p.provider_id, &p.client.id, secret)
    {
        super::complain(lang, "mailconf", &e.message(lang));
    }
    if let Err(e) = ClientStore::in_config_dir().remember(&p.provider_id, &p.remembered) {
        super::complain(lang, "mailconf", &e.message(lang));
    }
    match &args.token_file {
        None => eprintln!("{}", signin::text::signed_in(lang, &account, &p.provider)),
        Some(f) => eprintln!(
            "{}",
            signin::text::signed_in_to_file(lang, &account, &p.provider, &f.display().to_string())
        ),
    }
    Ok(tokens.access)
}

/// Largest refresh-token file read.
const MAX_TOKEN_FILE: u64 = 16 * 1024;

/// The kept refresh token: from `--token-file` when given, else the keyring.
/// The file must be a regular file (not a link) that only its owner can
/// read or write, as ssh and fetchmail insist for their secrets.
fn kept_load(args: &OAuth2Args, provider: &str, account: &str) -> Result<SecretString, StoreError> {
    let Some(path) = &args.token_file else {
        return store::load(provider, account);
    };
    let bad = |problem: TokenFileProblem| StoreError::TokenFile {
        file: path.display().to_string(),
        problem,
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotSignedIn(account.to_owned()));
        }
        Err(e) => return Err(bad(TokenFileProblem::Io(e.to_string()))),
    };
    if !meta.file_type().is_file() {
        return Err(bad(TokenFileProblem::NotRegular));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(bad(TokenFileProblem::OpenToOthers(mode)));
        }
    }
    if meta.len() > MAX_TOKEN_FILE {
        return Err(bad(TokenFileProblem::TooLarge));
    }
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path).map_err(|e| bad(TokenFileProblem::Io(e.to_string())))?,
    );
    let token = text.trim();
    if token.is_empty() || token.chars().any(|c| c.is_control() || c == ' ') {
        return Err(bad(TokenFileProblem::NoToken));
    }
    Ok(SecretString::from(token.to_owned()))
}

/// Keeps `refresh`: in `--token-file` (written atomically, mode 0600) when
/// given, else in the keyring.
fn kept_save(
    args: &OAuth2Args,
    provider: &str,
    account: &str,
    refresh: &SecretString,
    lang: Lang,
) -> Result<(), StoreError> {
    let Some(path) = &args.token_file else {
        return store::save(provider, account, refresh);
    };
    let mut text = zeroize::Zeroizing::new(refresh.expose_secret().to_owned());
    text.push('\n');
    crate::output::write_atomic(path, text.as_bytes(), true, true).map_err(|e| {
        StoreError::TokenFile {
            file: path.display().to_string(),
            problem: TokenFileProblem::Io(e.text(lang)),
        }
    })
}

fn http_options(args: &OAuth2Args, lang: Lang) -> Result<HttpOptions, String> {
    let mut resolve: BTreeMap<String, Vec<IpAddr>> = BTreeMap::new();
    for (host, ip) in &args.resolve {
        resolve.entry(host.clone()).or_default().push(*ip);
    }
    Ok(HttpOptions {
        extra_roots: crate::cli::args::ca_file(args.ca_file.as_deref(), lang)?,
        resolve,
    })
}

/// Opens the system browser on `url` (a URL this process made, never one a
/// server sent); failure is fine: the address is printed too.
fn open_browser(url: &str) {
    #[cfg(target_os = "macos")]
    let program = "open";
    #[cfg(not(target_os = "macos"))]
    let program = "xdg-open";
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
