//! The provider database: what mailconf knows about mail providers before it
//! touches the network.
//!
//! - [`model`]: the data types, one JSON file per provider in `providers/`;
//! - [`load`]: bundled files (embedded at build time), user overrides, lookup and search;
//! - [`validate`]: semantic checks beyond the JSON Schema;
//! - [`address`]: addresses and domains as users type them (IDN, full-width `＠`);
//! - [`autoconfig`]: the Thunderbird autoconfig XML reader;
//! - [`ispdb`]: the importer that turns the ISPDB into `providers/ispdb/*.json`;
//! - [`oauth2`]: checks of a provider's OAuth2 endpoints, scopes and tenant.

pub mod address;
pub mod autoconfig;
pub mod describe;
pub mod ispdb;
pub mod load;
pub mod model;
pub mod oauth2;
pub mod validate;

pub use address::{Address, AddressError};
pub use load::{Database, Entry, LookupError, Match, MatchKind, ProviderError};
pub use model::*;

/// The JSON Schema of a provider file, generated from [`model::Provider`].
/// `providers/schema.json` is this text; a test keeps them equal.
pub fn json_schema() -> String {
    schema_text(&schemars::schema_for!(model::Provider))
}

/// The JSON Schema (draft 2020-12) of a document mailconf *writes* (`--json`
/// output), generated from the type that is serialized. Unlike a schema for
/// input, every field the type always serializes is `required` (an `Option`
/// that is not skipped when empty is required and may be `null`), so the
/// schema says what the documentation promises: the field is always present.
/// Every such schema in `docs/` is this text, and tests keep them equal.
pub fn output_schema<T: schemars::JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>();
    schema_text(&schema)
}

/// Pretty JSON with a final newline, as the committed files hold it.
fn schema_text(schema: &schemars::Schema) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
