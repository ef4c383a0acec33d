//! The provider database: bundled entries, user overrides, lookup.

pub mod model;

pub use model::*;
