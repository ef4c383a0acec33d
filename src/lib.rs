//! mailconf: find, test and export working POP3/IMAP/SMTP settings for a mail account.
//!
//! The crate is one engine with two faces: a command-line interface ([`cli`]) for
//! helpdesks and scripts, and a desktop app ([`app`], egui). Both use the same modules:
//!
//! - [`providers`]: the bundled provider database (`providers/*.json`, embedded at
//!   build time), user overrides, and lookup by address, domain or name;
//! - [`probe`]: live connection tests (sans-IO protocol machines plus one driver);
//! - [`export`]: the settings written for mail clients (Thunderbird, Apple Mail,
//!   Outlook, fetchmail, getmail, msmtp, mutt), as JSON, or as a readable summary;
//! - [`discover`]: settings for any address (database, MX, autoconfig, SRV, guessing);
//! - [`existing`]: the settings a user already has (Thunderbird, fetchmail, msmtp,
//!   mutt, getmail, Apple profiles, …), read and written back with only the wrong
//!   parts changed;
//! - [`dns`]: the one wrapper around the DNS resolver library;
//! - [`signin`]: OAuth2 sign-in (authorization code + PKCE on a loopback
//!   redirect, device flow, refresh) for providers that refuse passwords;
//! - [`advice`]: probe and login results turned into localized, actionable advice;
//! - [`check`]: the use-case layer both faces drive: plan, discover + probe with
//!   reuse, one summary (ranking, advice, exit code);
//! - [`i18n`]: the three languages every user-facing text comes in;
//! - [`secret`]: passwords in memory only, redacted and zeroed;
//! - [`server_text`]: the one type through which anything a server, a DNS answer
//!   or a downloaded document said reaches a person: escaped when it is made;
//! - [`output`]: atomic file writes with the right permissions.

pub mod advice;
pub mod app;
pub mod check;
pub mod cli;
pub mod discover;
pub mod dns;
pub mod existing;
pub mod export;
pub mod i18n;
pub mod output;
pub mod probe;
pub mod providers;
pub mod secret;
pub mod server_text;
pub mod signin;
pub mod untrusted_file;
