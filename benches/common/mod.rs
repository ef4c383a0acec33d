//! What the plain-harness benchmarks share.

use std::time::{Duration, Instant};

/// Runs `f` `runs` times and returns the median time: stable enough for numbers
/// of this size without a statistics crate.
pub fn median<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
