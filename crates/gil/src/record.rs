//! One registered thread: identity, name and counters, shared by the thread and the
//! lock. Counters are atomics because the thread updates its own while
//! [`crate::InterpreterLock::stats`] may read them from another thread.

use crate::report::BlockReason;
use crate::stats::nanos;
use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Keys tell records apart inside the lock. Python idents may be reused once a thread
/// ends, so they cannot serve; a process-wide counter never repeats.
static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

/// One registered thread: its identity and its counters. Shared between the thread
/// and the lock (the lock keeps finished threads' records for the statistics).
pub struct ThreadRecord {
    pub(crate) key: u64,
    ident: u64,
    name: Mutex<String>,
    alive: AtomicBool,
    /// When it was registered.
    registered_at: Instant,
    /// When it first asked for the lock: the start of its life as the statistics see
    /// it (an OS thread may be registered milliseconds before it is first scheduled).
    started_at: std::sync::OnceLock<Instant>,
    ended_at: Mutex<Option<Instant>>,
    /// The thread sleeps on its own condvar while queued, so a hand-off wakes exactly
    /// the thread it chose. Shared with the queue entry, which outlives no borrow.
    pub(crate) wake: Arc<Condvar>,
    instructions: AtomicU64,
    acquisitions: AtomicU64,
    held_ns: AtomicU64,
    waiting_ns: AtomicU64,
    blocked_ns: [AtomicU64; BlockReason::ALL.len()],
    longest_hold_ns: AtomicU64,
    longest_wait_ns: AtomicU64,
}

/// A snapshot of one thread's counters.
pub(crate) struct ThreadCounts {
    pub(crate) ident: u64,
    pub(crate) name: String,
    pub(crate) alive: bool,
    pub(crate) ended_at: Option<Instant>,
    pub(crate) instructions: u64,
    pub(crate) acquisitions: u64,
    pub(crate) held: Duration,
    pub(crate) waiting: Duration,
    pub(crate) blocked_by: [Duration; BlockReason::ALL.len()],
    pub(crate) longest_hold: Duration,
    pub(crate) longest_wait: Duration,
}

impl ThreadRecord {
    pub(crate) fn new(name: &str, ident: u64) -> ThreadRecord {
        ThreadRecord {
            key: NEXT_KEY.fetch_add(1, Relaxed),
            ident,
            name: Mutex::new(name.to_owned()),
            alive: AtomicBool::new(true),
            registered_at: Instant::now(),
            started_at: std::sync::OnceLock::new(),
            ended_at: Mutex::new(None),
            wake: Arc::new(Condvar::new()),
            instructions: AtomicU64::new(0),
            acquisitions: AtomicU64::new(0),
            held_ns: AtomicU64::new(0),
            waiting_ns: AtomicU64::new(0),
            blocked_ns: Default::default(),
            longest_hold_ns: AtomicU64::new(0),
            longest_wait_ns: AtomicU64::new(0),
        }
    }

    /// The identifier the VM gave at registration (Python's `threading.get_ident()`).
    pub fn ident(&self) -> u64 {
        self.ident
    }

    /// Renames the thread in the statistics (Python's `Thread.name` setter).
    pub fn set_name(&self, name: &str) {
        let mut current = self.name.lock();
        current.clear();
        current.push_str(name);
    }

    /// Adds `n` to the instructions this thread has executed. Called by the VM at
    /// its periodic checks.
    #[inline]
    pub fn add_instructions(&self, n: u64) {
        self.instructions.fetch_add(n, Relaxed);
    }

    /// False once the thread has been unregistered.
    pub fn is_alive(&self) -> bool {
        self.alive.load(Relaxed)
    }

    pub(crate) fn mark_finished(&self) {
        *self.ended_at.lock() = Some(Instant::now());
        self.alive.store(false, Relaxed);
    }

    /// Notes that the thread asks for the lock at `at` (only the first time counts).
    pub(crate) fn note_started(&self, at: Instant) {
        self.started_at.get_or_init(|| at);
    }

    /// When the thread's life began: its first request for the lock, or its
    /// registration if it has made none.
    pub(crate) fn started_at(&self) -> Instant {
        self.started_at.get().copied().unwrap_or(self.registered_at)
    }

    /// When the thread finished, if it has.
    pub(crate) fn ended_at(&self) -> Option<Instant> {
        *self.ended_at.lock()
    }

    /// The instructions counted so far.
    pub(crate) fn instructions(&self) -> u64 {
        self.instructions.load(Relaxed)
    }

    /// One acquisition that waited `waited`.
    pub(crate) fn note_acquired(&self, waited: Duration) {
        self.acquisitions.fetch_add(1, Relaxed);
        self.waiting_ns.fetch_add(nanos(waited), Relaxed);
        self.longest_wait_ns.fetch_max(nanos(waited), Relaxed);
    }

    pub(crate) fn add_held(&self, held: Duration) {
        self.held_ns.fetch_add(nanos(held), Relaxed);
        self.longest_hold_ns.fetch_max(nanos(held), Relaxed);
    }

    pub(crate) fn add_blocked(&self, reason: BlockReason, blocked: Duration) {
        self.blocked_ns[reason.index()].fetch_add(nanos(blocked), Relaxed);
    }

    /// The counters; `holding` is the current, not yet released, hold of this thread
    /// (zero unless it holds the lock now).
    pub(crate) fn snapshot(&self, holding: Duration) -> ThreadCounts {
        let load = |c: &AtomicU64| Duration::from_nanos(c.load(Relaxed));
        ThreadCounts {
            ident: self.ident,
            name: self.name.lock().clone(),
            alive: self.alive.load(Relaxed),
            ended_at: self.ended_at(),
            instructions: self.instructions.load(Relaxed),
            acquisitions: self.acquisitions.load(Relaxed),
            held: load(&self.held_ns) + holding,
            waiting: load(&self.waiting_ns),
            blocked_by: std::array::from_fn(|i| load(&self.blocked_ns[i])),
            longest_hold: load(&self.longest_hold_ns).max(holding),
            longest_wait: load(&self.longest_wait_ns),
        }
    }

    /// Zeroes the counters (identity, name and liveness stay).
    pub(crate) fn reset(&self) {
        for counter in [
            &self.instructions,
            &self.acquisitions,
            &self.held_ns,
            &self.waiting_ns,
            &self.longest_hold_ns,
            &self.longest_wait_ns,
        ]
        .into_iter()
        .chain(&self.blocked_ns)
        {
            counter.store(0, Relaxed);
        }
    }
}
