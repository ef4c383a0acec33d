//! Live connection tests: every way in to a mail server, probed in parallel.
//!
//! (Work in progress: the sans-IO protocol machines and the driver land here.)
