//! The FIFO of threads waiting in `acquire`. Every policy queues its waiters here:
//! `Fair` hands the lock to the front, the others wake the front and let it race.

use crate::record::ThreadRecord;
use parking_lot::Condvar;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

/// One queued thread.
pub(crate) struct Waiter {
    pub(crate) key: u64,
    pub(crate) ident: u64,
    /// The thread's own condvar (see [`ThreadRecord`]); notified under the state mutex.
    pub(crate) wake: Arc<Condvar>,
    /// When it joined the queue: `Greedy` hands over directly once this is too old.
    pub(crate) since: Instant,
}

/// Waiters in arrival order. A thread count is small, so linear removal is fine.
#[derive(Default)]
pub(crate) struct WaitQueue {
    entries: VecDeque<Waiter>,
}

impl WaitQueue {
    pub(crate) fn push_back(&mut self, me: &ThreadRecord, since: Instant) {
        self.entries.push_back(Waiter {
            key: me.key,
            ident: me.ident(),
            wake: Arc::clone(&me.wake),
            since,
        });
    }

    pub(crate) fn pop_front(&mut self) -> Option<Waiter> {
        self.entries.pop_front()
    }

    pub(crate) fn front(&self) -> Option<&Waiter> {
        self.entries.front()
    }

    /// Removes the thread with `key` (it took the lock while not at the front).
    pub(crate) fn remove(&mut self, key: u64) {
        if let Some(at) = self.entries.iter().position(|w| w.key == key) {
            self.entries.remove(at);
        }
    }

    /// True if `key` is queued.
    pub(crate) fn contains(&self, key: u64) -> bool {
        self.entries.iter().any(|w| w.key == key)
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Wakes every waiter so it re-reads the settings (after a policy change).
    pub(crate) fn wake_all(&self) {
        for w in &self.entries {
            w.wake.notify_one();
        }
    }
}
