//! Blocking locks for Python's `_thread.lock`: acquired and released by any thread,
//! with timeouts. They know nothing of the interpreter lock: callers release it around
//! a blocking acquire.
//!
//! The lock state is one atomic byte so an uncontended acquire or release is a single
//! compare-and-swap (a `with lock:` in a hot loop). Only when a thread must sleep do
//! the mutex and condvar come in; a `PARKED` bit sends releases down the slow path
//! then, so no sleeper misses its wake-up.

use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// Held by someone.
const LOCKED: u8 = 1;
/// Some thread sleeps (or is about to) on the condvar; set and cleared under `sleepers`.
const PARKED: u8 = 2;

/// How an acquire ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acquired {
    /// The lock is now held by the caller.
    Yes,
    /// The timeout passed (or it was a non-blocking try) and the lock was held.
    TimedOut,
}

/// A binary lock that any thread may release (unlike a mutex guard).
pub struct ThreadLock {
    state: AtomicU8,
    /// Number of threads sleeping on `wake`.
    sleepers: Mutex<usize>,
    wake: Condvar,
}

impl ThreadLock {
    /// An unlocked lock.
    pub fn new() -> ThreadLock {
        ThreadLock {
            state: AtomicU8::new(0),
            sleepers: Mutex::new(0),
            wake: Condvar::new(),
        }
    }

    /// Takes the lock without blocking.
    #[inline]
    pub fn try_acquire(&self) -> bool {
        let mut s = self.state.load(Ordering::Relaxed);
        // Keeps the PARKED bit: a free lock may be taken even while others sleep
        // (they were woken and will find it taken, then sleep again).
        while s & LOCKED == 0 {
            match self.state.compare_exchange_weak(
                s,
                s | LOCKED,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(now) => s = now,
            }
        }
        false
    }

    /// Blocks until the lock is taken, or until `timeout` (None: forever) passes.
    pub fn acquire(&self, timeout: Option<Duration>) -> Acquired {
        if self.try_acquire() {
            return Acquired::Yes;
        }
        let deadline = match timeout {
            None => None,
            Some(t) if t.is_zero() => return Acquired::TimedOut,
            // A timeout too large for an Instant is as good as none.
            Some(t) => Instant::now().checked_add(t),
        };
        self.acquire_slow(deadline)
    }

    fn acquire_slow(&self, deadline: Option<Instant>) -> Acquired {
        let mut sleepers = self.sleepers.lock();
        loop {
            let s = self.state.load(Ordering::Relaxed);
            if s & LOCKED == 0 {
                if self
                    .state
                    .compare_exchange(s, s | LOCKED, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    return Acquired::Yes;
                }
                continue;
            }
            // Checked here, after a last look, so a timed-out acquire still takes a lock
            // freed just in time, and never returns before the deadline.
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Acquired::TimedOut;
            }
            // Announce the sleeper while the lock is still held: from now on the
            // holder's release fails its fast path and comes to notify us. If the
            // lock was freed meanwhile, the swap fails and we look again.
            if s & PARKED == 0
                && self
                    .state
                    .compare_exchange(s, s | PARKED, Ordering::Relaxed, Ordering::Relaxed)
                    .is_err()
            {
                continue;
            }
            *sleepers += 1;
            match deadline {
                Some(d) => {
                    self.wake.wait_until(&mut sleepers, d);
                }
                None => self.wake.wait(&mut sleepers),
            }
            *sleepers -= 1;
            if *sleepers == 0 {
                self.state.fetch_and(!PARKED, Ordering::Relaxed);
            }
        }
    }

    /// Unlocks it; false if it was not locked.
    #[inline]
    pub fn release(&self) -> bool {
        if self
            .state
            .compare_exchange(LOCKED, 0, Ordering::Release, Ordering::Relaxed)
            .is_ok()
        {
            return true;
        }
        self.release_slow()
    }

    /// A release with sleepers (or of an unlocked lock): under the mutex, so the
    /// notify cannot fall between a sleeper's check and its sleep.
    fn release_slow(&self) -> bool {
        let sleepers = self.sleepers.lock();
        let before = self.state.fetch_and(!LOCKED, Ordering::Release);
        if before & LOCKED == 0 {
            return false;
        }
        if *sleepers > 0 {
            self.wake.notify_one();
        }
        true
    }

    /// True while locked.
    pub fn is_locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) & LOCKED != 0
    }
}

impl Default for ThreadLock {
    fn default() -> Self {
        ThreadLock::new()
    }
}
