//! Contention profiles of Python-level locks (`threading.Lock`, `Condition`, queues,
//! the multiprocessing locks), one per kind and creation site, so a lock made in a
//! loop, or one per `Condition.wait`, adds up to one line of the report rather than
//! thousands.
//!
//! The uncontended path must stay nearly free (`with lock:` in a hot loop): it adds
//! one relaxed increment. Everything else (wait times, who waited) happens only when a
//! thread had to wait, which costs a sleep anyway. Hold times need two clock reads per
//! acquisition, so a lock is timed only once it has been contended: the holds worth
//! knowing about are the ones that made somebody wait.

use crate::report::BlockReason;
use crate::stats::nanos;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

/// The counters of one kind of lock made at one place.
pub struct LockProfile {
    pub(crate) index: usize,
    pub(crate) kind: String,
    pub(crate) site: String,
    reason: BlockReason,
    objects: AtomicU64,
    acquisitions: AtomicU64,
    contended: AtomicU64,
    wait_ns: AtomicU64,
    longest_wait_ns: AtomicU64,
    longest_hold_ns: AtomicU64,
    /// Per waiting thread (by record key): number of waits and their total.
    waiters: Mutex<Vec<WaiterCount>>,
}

/// One thread's waits for one profile.
#[derive(Clone, Copy)]
pub(crate) struct WaiterCount {
    pub(crate) key: u64,
    pub(crate) waits: u64,
    pub(crate) wait_ns: u64,
}

/// A snapshot of a profile's counters.
pub(crate) struct ProfileCounts {
    pub(crate) objects: u64,
    pub(crate) acquisitions: u64,
    pub(crate) contended: u64,
    pub(crate) wait: Duration,
    pub(crate) longest_wait: Duration,
    pub(crate) longest_hold: Duration,
    pub(crate) waiters: Vec<WaiterCount>,
}

impl LockProfile {
    /// What a thread waiting for this lock is blocked on.
    pub fn reason(&self) -> BlockReason {
        self.reason
    }

    /// One acquisition (contended or not).
    #[inline]
    pub fn note_acquired(&self) {
        self.acquisitions.fetch_add(1, Relaxed);
    }

    /// True once the lock has been contended: from then on its holds are timed.
    #[inline]
    pub fn times_holds(&self) -> bool {
        self.contended.load(Relaxed) != 0
    }

    /// One timed hold.
    pub fn note_hold(&self, held: Duration) {
        self.longest_hold_ns.fetch_max(nanos(held), Relaxed);
    }

    /// One more lock object made at this site.
    pub(crate) fn note_object(&self) {
        self.objects.fetch_add(1, Relaxed);
    }

    /// One wait by the thread `key`; `acquired` if it ended with the lock taken.
    pub(crate) fn note_wait(&self, key: u64, waited: Duration, acquired: bool) {
        let ns = nanos(waited);
        if acquired {
            self.contended.fetch_add(1, Relaxed);
        }
        self.wait_ns.fetch_add(ns, Relaxed);
        self.longest_wait_ns.fetch_max(ns, Relaxed);
        let mut waiters = self.waiters.lock();
        match waiters.iter_mut().find(|w| w.key == key) {
            Some(w) => {
                w.waits += 1;
                w.wait_ns += ns;
            }
            None => waiters.push(WaiterCount {
                key,
                waits: 1,
                wait_ns: ns,
            }),
        }
    }

    pub(crate) fn counts(&self) -> ProfileCounts {
        ProfileCounts {
            objects: self.objects.load(Relaxed),
            acquisitions: self.acquisitions.load(Relaxed),
            contended: self.contended.load(Relaxed),
            wait: Duration::from_nanos(self.wait_ns.load(Relaxed)),
            longest_wait: Duration::from_nanos(self.longest_wait_ns.load(Relaxed)),
            longest_hold: Duration::from_nanos(self.longest_hold_ns.load(Relaxed)),
            waiters: self.waiters.lock().clone(),
        }
    }

    /// Zeroes the counters; the objects made here still exist, so `objects` stays.
    /// Hold timing stops until the next contention, as for a new lock.
    pub(crate) fn reset(&self) {
        for counter in [
            &self.acquisitions,
            &self.contended,
            &self.wait_ns,
            &self.longest_wait_ns,
            &self.longest_hold_ns,
        ] {
            counter.store(0, Relaxed);
        }
        self.waiters.lock().clear();
    }
}

/// Every profile, in creation order, found by kind and site.
#[derive(Default)]
pub(crate) struct Profiles {
    inner: Mutex<ProfileTable>,
}

#[derive(Default)]
struct ProfileTable {
    all: Vec<Arc<LockProfile>>,
    by_place: HashMap<(String, String), usize>,
}

impl Profiles {
    /// The profile for locks of `kind` made at `site` (created on first use), counting
    /// one more object.
    pub(crate) fn for_new_lock(
        &self,
        kind: &str,
        site: &str,
        reason: BlockReason,
    ) -> Arc<LockProfile> {
        let mut table = self.inner.lock();
        let key = (kind.to_owned(), site.to_owned());
        let profile = match table.by_place.get(&key) {
            Some(&i) => table.all[i].clone(),
            None => {
                let index = table.all.len();
                let profile = Arc::new(LockProfile {
                    index,
                    kind: key.0.clone(),
                    site: key.1.clone(),
                    reason,
                    objects: AtomicU64::new(0),
                    acquisitions: AtomicU64::new(0),
                    contended: AtomicU64::new(0),
                    wait_ns: AtomicU64::new(0),
                    longest_wait_ns: AtomicU64::new(0),
                    longest_hold_ns: AtomicU64::new(0),
                    waiters: Mutex::new(Vec::new()),
                });
                table.all.push(profile.clone());
                table.by_place.insert(key, index);
                profile
            }
        };
        profile.note_object();
        profile
    }

    /// All profiles, in creation order.
    pub(crate) fn all(&self) -> Vec<Arc<LockProfile>> {
        self.inner.lock().all.clone()
    }
}
