//! The provider database: what mailconf knows about mail providers before it
//! touches the network.
//!
//! - [`model`]: the data types, one JSON file per provider in `providers/`;
//! - [`load`]: bundled files (embedded at build time), user overrides, lookup and search;
//! - [`validate`]: semantic checks beyond the JSON Schema;
//! - [`address`]: addresses and domains as users type them (IDN, full-width `＠`);
//! - [`autoconfig`]: the Thunderbird autoconfig XML reader;
//! - [`ispdb`]: the importer that turns the ISPDB into `providers/ispdb/*.json`.

pub mod address;
pub mod autoconfig;
pub mod describe;
pub mod ispdb;
pub mod load;
pub mod model;
pub mod validate;

pub use address::{Address, AddressError};
pub use load::{Database, Entry, LookupError, Match, MatchKind, ProviderError};
pub use model::*;

/// The JSON Schema of a provider file, generated from [`model::Provider`].
/// `providers/schema.json` is this text; a test keeps them equal.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(model::Provider);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
