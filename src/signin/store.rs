//! Where a refresh token is kept between sign-ins: the operating system's
//! keyring (the `keyring` crate: Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows), under the service `mailconf-oauth2` and the
//! name `PROVIDER:ACCOUNT`. Never a plain file, unless the user asks for one
//! explicitly (`mailconf oauth2 --token-file`, kept by the CLI, mode 0600).
//! The access token is never stored: it is short-lived and comes fresh from
//! the refresh token.

use secrecy::{ExposeSecret as _, SecretString};

/// The keyring service name of every mailconf refresh token.
pub const SERVICE: &str = "mailconf-oauth2";

/// Why the keyring could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No refresh token is stored for this account.
    #[error("no sign-in is stored for {0}: run `mailconf oauth2 login {0}` first")]
    NotSignedIn(String),
    /// The keyring refused or is not there (no Secret Service on the session bus…).
    #[error("the system keyring is not usable: {0}")]
    Keyring(String),
}

fn entry(provider: &str, account: &str) -> Result<keyring::Entry, StoreError> {
    keyring::Entry::new(SERVICE, &format!("{provider}:{account}"))
        .map_err(|e| StoreError::Keyring(e.to_string()))
}

/// Keeps `refresh` for `account` at `provider`, replacing an older one.
pub fn save(provider: &str, account: &str, refresh: &SecretString) -> Result<(), StoreError> {
    entry(provider, account)?
        .set_password(refresh.expose_secret())
        .map_err(|e| StoreError::Keyring(e.to_string()))
}

/// The refresh token kept for `account` at `provider`.
pub fn load(provider: &str, account: &str) -> Result<SecretString, StoreError> {
    match entry(provider, account)?.get_password() {
        Ok(p) => Ok(SecretString::from(p)),
        Err(keyring::Error::NoEntry) => Err(StoreError::NotSignedIn(account.to_owned())),
        Err(e) => Err(StoreError::Keyring(e.to_string())),
    }
}
