//! The settings and the two flags the holder polls, kept in atomics on a cache line
//! of their own: the holder reads them every few hundred instructions, so they must
//! not share a line with the state mutex that every acquire and release writes.

use crate::policy::{Config, Policy};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

/// The shortest `switch_seconds` accepted: a zero or negative interval would make
/// every waiter ask for a drop at once, and `Duration` cannot hold a negative one.
const MIN_SWITCH_SECONDS: f64 = 1e-6;

/// Policy, intervals, waiter count and drop request. Relaxed loads suffice: these are
/// hints for the holder's cheap check; the hand-off itself is ordered by the state mutex.
#[repr(align(64))]
pub(crate) struct Settings {
    policy: AtomicU8,
    switch_interval: AtomicU64,
    /// `f64::to_bits` of the `Timed` interval.
    switch_seconds: AtomicU64,
    /// Threads queued in `acquire` (mirrors the queue length; written under the mutex).
    waiters: AtomicUsize,
    /// `Timed`: a waiter has waited `switch_seconds` without any thread taking the lock.
    drop_request: AtomicBool,
}

impl Settings {
    /// Settings from a [`Config`], sanitised like the setters do.
    pub(crate) fn new(config: Config) -> Settings {
        Settings {
            policy: AtomicU8::new(config.policy.to_u8()),
            switch_interval: AtomicU64::new(config.switch_interval.max(1)),
            switch_seconds: AtomicU64::new(sanitize_seconds(config.switch_seconds).to_bits()),
            waiters: AtomicUsize::new(0),
            drop_request: AtomicBool::new(false),
        }
    }

    /// The holder's periodic question; see [`crate::InterpreterLock::wants_switch`].
    #[inline]
    pub(crate) fn wants_switch(&self, instructions_held: u64) -> bool {
        if self.policy.load(Relaxed) == Policy::Timed.to_u8() {
            self.drop_request.load(Relaxed)
        } else {
            instructions_held >= self.switch_interval.load(Relaxed)
                && self.waiters.load(Relaxed) != 0
        }
    }

    pub(crate) fn policy(&self) -> Policy {
        Policy::from_u8(self.policy.load(Relaxed))
    }

    pub(crate) fn set_policy(&self, policy: Policy) {
        self.policy.store(policy.to_u8(), Relaxed);
    }

    pub(crate) fn set_switch_interval(&self, instructions: u64) {
        self.switch_interval.store(instructions.max(1), Relaxed);
    }

    pub(crate) fn switch_seconds(&self) -> f64 {
        f64::from_bits(self.switch_seconds.load(Relaxed))
    }

    pub(crate) fn set_switch_seconds(&self, seconds: f64) {
        self.switch_seconds
            .store(sanitize_seconds(seconds).to_bits(), Relaxed);
    }

    /// The `Timed` interval as a wait timeout (an infinite one waits forever).
    pub(crate) fn switch_duration(&self) -> Duration {
        Duration::try_from_secs_f64(self.switch_seconds()).unwrap_or(Duration::MAX)
    }

    pub(crate) fn config(&self) -> Config {
        Config {
            policy: self.policy(),
            switch_interval: self.switch_interval.load(Relaxed),
            switch_seconds: self.switch_seconds(),
        }
    }

    pub(crate) fn set_waiters(&self, n: usize) {
        self.waiters.store(n, Relaxed);
    }

    pub(crate) fn request_drop(&self) {
        self.drop_request.store(true, Relaxed);
    }

    /// Clears the drop request; loads first so the common case (no request) does not
    /// write to, and so steal, the cache line the holder keeps polling.
    pub(crate) fn clear_drop_request(&self) {
        if self.drop_request.load(Relaxed) {
            self.drop_request.store(false, Relaxed);
        }
    }
}

/// Positive and not NaN; `+inf` stays (a waiter then never asks for a drop).
fn sanitize_seconds(seconds: f64) -> f64 {
    if seconds.is_nan() || seconds < MIN_SWITCH_SECONDS {
        MIN_SWITCH_SECONDS
    } else {
        seconds
    }
}
