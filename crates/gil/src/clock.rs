//! Timestamps that mean the same thing in every process: nanoseconds on the system's
//! monotonic clock. `Instant` is that clock underneath, but its value cannot leave the
//! process, and a child's trace must line up with its parent's; so each lock reads the
//! raw clock once, beside an `Instant`, and converts every later `Instant` from there.

use std::time::Instant;

/// Converts `Instant`s of this process to monotonic nanoseconds.
pub(crate) struct Clock {
    base: Instant,
    base_ns: u64,
}

impl Clock {
    pub(crate) fn new() -> Clock {
        let base = Instant::now();
        Clock {
            base,
            base_ns: monotonic_ns(),
        }
    }

    /// `at` as monotonic nanoseconds (instants before the base clamp to it).
    pub(crate) fn ns(&self, at: Instant) -> u64 {
        let since = at.saturating_duration_since(self.base).as_nanos();
        self.base_ns
            .saturating_add(since.min(u64::MAX as u128) as u64)
    }

    /// Now, as monotonic nanoseconds.
    pub(crate) fn now_ns(&self) -> u64 {
        self.ns(Instant::now())
    }
}

/// `CLOCK_MONOTONIC` in nanoseconds: the clock of CPython's `time.monotonic()` and
/// `time.perf_counter()` on Linux, the same in every process.
pub fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(ts.tv_nsec as u64)
}
