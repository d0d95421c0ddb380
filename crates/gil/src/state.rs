//! What the state mutex protects: who holds the lock, who waits, and the timestamps
//! and counters that change with every hand-off.

use crate::queue::WaitQueue;
use crate::record::ThreadRecord;
use crate::stats::GlobalCounters;
use crate::trace::{TraceLog, Transition};
use std::time::Instant;

/// The thread holding the lock (possibly handed it and not yet running).
#[derive(Clone, Copy)]
pub(crate) struct Holder {
    pub(crate) key: u64,
    pub(crate) ident: u64,
}

/// The last release: who and when, to tell switches from re-acquisitions and to
/// time the hand-off.
#[derive(Clone, Copy)]
pub(crate) struct LastRelease {
    pub(crate) key: u64,
    pub(crate) at: Instant,
    /// The holder was asked to let go (switch interval, `Timed` drop request), rather
    /// than blocking or ending.
    pub(crate) forced: bool,
}

/// The interpreter lock's state. Invariant, which is what rules out lost wake-ups:
/// whenever `holder` is `None` and `queue` is not empty, the front waiter has been
/// notified since the lock was last released, so some queued thread will come and
/// take it. (Notifications are sent under the mutex, and a queued thread only lets
/// go of the mutex by sleeping on its own condvar, so none is missed.)
pub(crate) struct State {
    pub(crate) holder: Option<Holder>,
    pub(crate) queue: WaitQueue,
    /// When the holder took the lock (or the stats were last reset, if later).
    pub(crate) held_since: Instant,
    pub(crate) last_release: Option<LastRelease>,
    /// Counts every take, never reset: `Timed` waiters and droppers watch it to see
    /// whether any thread took the lock meanwhile.
    pub(crate) take_seq: u64,
    /// Waiting and blocked periods are counted from no earlier than this.
    pub(crate) reset_at: Instant,
    pub(crate) counters: GlobalCounters,
    /// Every thread's state changes, when tracing is on.
    pub(crate) trace: Option<TraceLog>,
}

impl State {
    pub(crate) fn new() -> State {
        let now = Instant::now();
        State {
            holder: None,
            queue: WaitQueue::default(),
            held_since: now,
            last_release: None,
            take_seq: 0,
            reset_at: now,
            counters: GlobalCounters::new(),
            trace: None,
        }
    }

    pub(crate) fn held_by(&self, key: u64) -> bool {
        self.holder.is_some_and(|h| h.key == key)
    }

    /// Notes a state change of `me` in the trace, if tracing is on.
    pub(crate) fn record_transition(&mut self, me: &ThreadRecord, at: Instant, what: Transition) {
        if let Some(log) = &mut self.trace {
            log.record(me.key, at, what, me.instructions());
        }
    }
}
