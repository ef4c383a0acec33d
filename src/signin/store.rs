//! What is kept between sign-ins, and where.
//!
//! - The refresh token: in the operating system's keyring (the `keyring`
//!   crate: Secret Service on Linux, Keychain on macOS, Credential Manager on
//!   Windows), under the service `mailconf-oauth2` and the name
//!   `PROVIDER:ACCOUNT`. Never a plain file, unless the user asks for one
//!   explicitly (`mailconf oauth2 --token-file`, kept by the CLI, mode 0600).
//!   The access token is never stored: it is short-lived and comes fresh from
//!   the refresh token.
//! - A client secret (Google's and Yahoo's desktop clients have one): in the
//!   keyring as well, under `mailconf-oauth2-client` and `PROVIDER:CLIENT_ID`,
//!   because every refresh needs it again (`mailconf oauth2 token`, run by
//!   msmtp or mutt long after the sign-in). Not confidential for a desktop
//!   app (RFC 8252 §8.5), but it is treated as a secret all the same: never
//!   in a file, a log or JSON.
//! - The client id and the Microsoft tenant per provider ([`ClientStore`]):
//!   `oauth2-clients.json` in the config directory, the one place both the
//!   app and the CLI read and write. Not secrets (a public client's id).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};

/// The keyring service name of every mailconf refresh token.
pub const SERVICE: &str = "mailconf-oauth2";

/// The keyring service name of client secrets.
pub const CLIENT_SECRET_SERVICE: &str = "mailconf-oauth2-client";

/// The file of remembered clients, in the config directory.
pub const CLIENTS_FILE: &str = "oauth2-clients.json";

/// Largest clients file read.
const MAX_CLIENTS_FILE: u64 = 64 * 1024;

/// Why something could not be kept or found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No refresh token is stored for this account.
    #[error("no sign-in is stored for {0}: run `mailconf oauth2 login {0}` first")]
    NotSignedIn(String),
    /// The keyring refused or is not there (no Secret Service on the session bus…).
    #[error("the system keyring is not usable: {0}")]
    Keyring(String),
    /// The refresh-token file the user asked for (`--token-file`) cannot be used.
    #[error("{file}: {problem:?}")]
    TokenFile {
        /// The file.
        file: String,
        /// What is wrong with it.
        problem: TokenFileProblem,
    },
    /// No config directory to keep the clients file in (no home directory,
    /// and `MAILCONF_CONFIG_DIR` unset).
    #[error("no config directory for {CLIENTS_FILE}: set MAILCONF_CONFIG_DIR")]
    NoConfigDir,
    /// The clients file could not be written (the system's words).
    #[error("{file}: {message}")]
    Clients {
        /// The file.
        file: String,
        /// What went wrong.
        message: String,
    },
}

/// What is wrong with a refresh-token file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenFileProblem {
    /// A link, a device, a folder…: only a regular file is read.
    NotRegular,
    /// Others may read or write it (its mode).
    OpenToOthers(u32),
    /// Larger than a refresh token.
    TooLarge,
    /// Empty or not one token.
    NoToken,
    /// Reading or writing failed (the system's words).
    Io(String),
}

fn entry(service: &str, name: &str) -> Result<keyring::Entry, StoreError> {
    keyring::Entry::new(service, name).map_err(|e| StoreError::Keyring(e.to_string()))
}

/// Keeps `refresh` for `account` at `provider`, replacing an older one.
pub fn save(provider: &str, account: &str, refresh: &SecretString) -> Result<(), StoreError> {
    entry(SERVICE, &format!("{provider}:{account}"))?
        .set_password(refresh.expose_secret())
        .map_err(|e| StoreError::Keyring(e.to_string()))
}

/// The refresh token kept for `account` at `provider`.
pub fn load(provider: &str, account: &str) -> Result<SecretString, StoreError> {
    match entry(SERVICE, &format!("{provider}:{account}"))?.get_password() {
        Ok(p) => Ok(SecretString::from(p)),
        Err(keyring::Error::NoEntry) => Err(StoreError::NotSignedIn(account.to_owned())),
        Err(e) => Err(StoreError::Keyring(e.to_string())),
    }
}

/// Keeps the client secret of `client_id` at `provider`.
pub fn save_client_secret(
    provider: &str,
    client_id: &str,
    secret: &SecretString,
) -> Result<(), StoreError> {
    entry(CLIENT_SECRET_SERVICE, &format!("{provider}:{client_id}"))?
        .set_password(secret.expose_secret())
        .map_err(|e| StoreError::Keyring(e.to_string()))
}

/// The client secret kept for `client_id` at `provider`; `None` when none is
/// kept or the keyring cannot be asked (a public client has none).
pub fn load_client_secret(provider: &str, client_id: &str) -> Option<SecretString> {
    entry(CLIENT_SECRET_SERVICE, &format!("{provider}:{client_id}"))
        .ok()?
        .get_password()
        .ok()
        .map(SecretString::from)
}

/// A provider's remembered client: not secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remembered {
    /// The client id the user registered.
    pub client_id: String,
    /// Microsoft: the tenant given with it (`None`: the provider's default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
}

/// The remembered clients, per provider id: one file for the app and the CLI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientStore {
    path: Option<PathBuf>,
}

impl ClientStore {
    /// `oauth2-clients.json` in mailconf's config directory.
    pub fn in_config_dir() -> ClientStore {
        ClientStore {
            path: crate::providers::load::config_dir().map(|d| d.join(CLIENTS_FILE)),
        }
    }

    /// A store in `path` (tests).
    pub fn at(path: &Path) -> ClientStore {
        ClientStore {
            path: Some(path.to_owned()),
        }
    }

    /// No file: nothing is read, remembering fails (no config directory).
    pub fn nowhere() -> ClientStore {
        ClientStore { path: None }
    }

    /// Every remembered client. A missing, oversized or unreadable file is
    /// an empty store: the user gives the client id again.
    pub fn read(&self) -> BTreeMap<String, Remembered> {
        let Some(path) = &self.path else {
            return BTreeMap::new();
        };
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() && m.len() <= MAX_CLIENTS_FILE => {}
            _ => return BTreeMap::new(),
        }
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// The client remembered for `provider`.
    pub fn get(&self, provider: &str) -> Option<Remembered> {
        self.read().remove(provider)
    }

    /// Remembers `clients` (provider id → client) besides the others,
    /// replacing what was remembered for the same providers.
    pub fn remember_all(&self, clients: &BTreeMap<String, Remembered>) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            return Err(StoreError::NoConfigDir);
        };
        let failed = |message: String| StoreError::Clients {
            file: path.display().to_string(),
            message,
        };
        let mut all = self.read();
        all.extend(clients.iter().map(|(k, v)| (k.clone(), v.clone())));
        let mut text = serde_json::to_string_pretty(&all).map_err(|e| failed(e.to_string()))?;
        text.push('\n');
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(e.to_string()))?;
        }
        crate::output::write_atomic(path, text.as_bytes(), false, true)
            .map_err(|e| failed(e.to_string()))
    }

    /// Remembers `client` for `provider`.
    pub fn remember(&self, provider: &str, client: &Remembered) -> Result<(), StoreError> {
        self.remember_all(&BTreeMap::from([(provider.to_owned(), client.clone())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_remembered_per_provider_and_a_bad_file_is_an_empty_store() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = ClientStore::at(&dir.path().join("sub").join(CLIENTS_FILE));
        assert!(store.read().is_empty());
        let ms = Remembered {
            client_id: "id-1".into(),
            tenant: Some("contoso.com".into()),
        };
        store.remember("microsoft365", &ms).expect("remembered");
        store
            .remember(
                "gmail",
                &Remembered {
                    client_id: "id-2".into(),
                    tenant: None,
                },
            )
            .expect("remembered");
        assert_eq!(store.get("microsoft365"), Some(ms));
        assert_eq!(store.get("gmail").map(|r| r.client_id), Some("id-2".into()));
        std::fs::write(dir.path().join("sub").join(CLIENTS_FILE), b"{not json").expect("write");
        assert!(store.read().is_empty());
        assert!(
            ClientStore::nowhere()
                .remember("x", &Remembered::default())
                .is_err()
        );
    }

    /// Remembering a client without a config directory was said with
    /// English words after the catalog's sentence ("no config directory").
    #[test]
    fn a_client_that_cannot_be_remembered_is_said_in_the_users_language() {
        let e = ClientStore::nowhere()
            .remember("x", &Remembered::default())
            .expect_err("nowhere to remember");
        for lang in [crate::i18n::Lang::ZhHans, crate::i18n::Lang::ZhHant] {
            let said = e.message(lang);
            // The file, the variable that names a directory and "ID" are names.
            let words = said
                .replace(CLIENTS_FILE, "")
                .replace("MAILCONF_CONFIG_DIR", "")
                .replace("ID", "");
            assert!(
                !words.chars().any(|c| c.is_ascii_alphabetic()),
                "{lang:?}: {said}"
            );
        }
    }
}
