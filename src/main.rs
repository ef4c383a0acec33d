//! The `mailconf` binary.
fn main() {}
