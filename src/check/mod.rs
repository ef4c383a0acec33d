//! The check layer: the one use case both faces drive.
//!
//! `mailconf probe`, `mailconf discover`, `mailconf export` and the app's Test
//! connection all go through here, so they plan, discover, probe, rank and
//! advise the same way:
//!
//! - [`plan`]: what was typed (address, domain, provider id, server name) →
//!   a target → endpoints, in one row order;
//! - [`lookup`]: discovery with the probe engine checking guessed servers,
//!   keeping those reports for the probe that follows;
//! - [`run`]: the [`run::CheckHandle`] (one runtime, typed events) and the
//!   app's one seam, [`run::CheckBackend`];
//! - [`summary`]: the one ranking, recommendation, advice and exit code (the
//!   `mailconf probe --json` document);
//! - [`existing`]: the settings a user already has (files read by
//!   [`crate::existing`]), checked account by account, with a verdict, an
//!   explanation and the corrected settings (`mailconf check`);
//! - [`audit`]: `mailconf providers audit`, the same plan and ranking applied
//!   to every entry of the database and compared with what the entry claims;
//! - [`fake`]: a backend that plays scripted results as real
//!   [`crate::probe::EndpointReport`]s, for the GUI tests and the demo mode.
//!
//! This layer may import every engine (probe, discover, dns, providers) and
//! advice; nothing below it imports it (see `ARCHITECTURE.md`).

pub mod audit;
pub mod existing;
pub mod fake;
pub mod lookup;
pub mod plan;
pub mod run;
pub mod summary;

pub use plan::{InvalidTarget, Plan, PlanError, TargetSource, Typed};
pub use run::{
    CheckBackend, CheckError, CheckEvent, CheckEvents, CheckHandle, CheckOptions, CheckRequest,
    EngineBackend, Generation, LoginSpec, LookupId, Waker,
};
pub use summary::{ProbeSummary, Recommendation, recommend};
