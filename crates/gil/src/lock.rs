//! The interpreter lock itself.
//!
//! One state machine serves all three policies, so changing the policy while threads
//! wait cannot strand anyone: every waiter sits in one FIFO ([`crate::queue`]) and
//! sleeps on its own condvar under one state mutex; the policy only decides what a
//! release does (hand the lock to the front waiter, or free it and wake the front
//! waiter) and how a waiter sleeps (`Timed` waiters time out to ask for a drop).

use crate::clock::Clock;
use crate::policy::{Config, Policy};
use crate::profile::{LockProfile, Profiles};
use crate::report::{BlockReason, Report};
use crate::settings::Settings;
use crate::state::{Holder, LastRelease, State};
use crate::stats::GlobalCounters;
use crate::trace::{TraceLog, Transition};
use parking_lot::{Condvar, Mutex, MutexGuard};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use crate::record::ThreadRecord;

/// `Greedy`'s starvation bound. A `Greedy` yield frees the lock and the yielder takes
/// it straight back, unless the front waiter has waited this long; then, and at any
/// release, that waiter is handed the lock directly. So a waiter at the head of the
/// queue gets the lock at the holder's first check after it has waited this long, and
/// one further back waits at most about this plus one switch interval per thread ahead
/// of it. Long enough (twice `Timed`'s usual 5 ms) that `Greedy` still shows the poor
/// latency of CPython 2 on multicore machines, short enough that nobody starves.
pub(crate) const GREEDY_STARVATION_LIMIT: Duration = Duration::from_millis(10);

/// The global interpreter lock: at most one registered thread holds it at a time.
pub struct InterpreterLock {
    /// First, on its own cache line: the holder polls it.
    pub(crate) settings: Settings,
    pub(crate) state: Mutex<State>,
    /// `Timed` forced switching: a dropper sleeps here until another thread takes.
    switched: Condvar,
    pub(crate) records: Mutex<Vec<Arc<ThreadRecord>>>,
    /// Python-level locks' contention profiles.
    pub(crate) profiles: Profiles,
    /// Reports sent back by child processes.
    pub(crate) children: Mutex<Vec<Report>>,
    pub(crate) clock: Clock,
    /// Threads running as holder, checked to go 0 → 1 → 0: the state machine's own
    /// mutual-exclusion check (a direct hand-off names a holder before it runs, so
    /// `State::holder` alone cannot tell).
    #[cfg(debug_assertions)]
    running: std::sync::atomic::AtomicUsize,
}

impl InterpreterLock {
    /// A new, unheld lock.
    pub fn new(config: Config) -> InterpreterLock {
        InterpreterLock {
            settings: Settings::new(config),
            state: Mutex::new(State::new()),
            switched: Condvar::new(),
            records: Mutex::new(Vec::new()),
            profiles: Profiles::default(),
            children: Mutex::new(Vec::new()),
            clock: Clock::new(),
            #[cfg(debug_assertions)]
            running: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Registers the calling OS thread under `name` and `ident`; the record is kept
    /// (marked finished by [`InterpreterLock::unregister`]) for the statistics.
    pub fn register(&self, name: &str, ident: u64) -> Arc<ThreadRecord> {
        let record = Arc::new(ThreadRecord::new(name, ident));
        self.records.lock().push(Arc::clone(&record));
        record
    }

    /// Marks the thread finished. It may still hold the lock (a finishing thread
    /// marks itself before its last release, so that a thread it wakes by ending
    /// already sees it finished), but must not be waiting for it.
    pub fn unregister(&self, me: &ThreadRecord) {
        #[cfg(debug_assertions)]
        {
            let st = self.state.lock();
            assert!(
                !st.queue.contains(me.key),
                "unregister while waiting for the lock"
            );
        }
        me.mark_finished();
    }

    /// Renames the live thread registered with `ident` (another thread's
    /// `Thread.name = ...`); false if there is none.
    pub fn rename(&self, ident: u64, name: &str) -> bool {
        let records = self.records.lock();
        match records
            .iter()
            .rev()
            .find(|r| r.ident() == ident && r.is_alive())
        {
            Some(record) => {
                record.set_name(name);
                true
            }
            None => false,
        }
    }

    /// Blocks until `me` holds the lock.
    pub fn acquire(&self, me: &ThreadRecord) {
        let start = Instant::now();
        me.note_started(start);
        let mut st = self.state.lock();
        self.wait_until_held(&mut st, me, start, None);
    }

    /// Gives the lock up (to the next thread as the policy says).
    pub fn release(&self, me: &ThreadRecord) {
        let now = Instant::now();
        let mut st = self.state.lock();
        self.give_up(&mut st, me, now, Transition::Idle);
    }

    /// Cheap (one or two atomic loads): should the holder, which has executed
    /// `instructions_held` instructions since it last acquired, call
    /// [`InterpreterLock::yield_to_waiter`] now?
    #[inline]
    pub fn wants_switch(&self, instructions_held: u64) -> bool {
        self.settings.wants_switch(instructions_held)
    }

    /// Offers the lock to waiting threads as the policy says and returns once `me`
    /// holds it again.
    pub fn yield_to_waiter(&self, me: &ThreadRecord) {
        let mut st = self.state.lock();
        if st.queue.is_empty() {
            // Nobody to yield to (a `Timed` request from a waiter that has since got
            // the lock is stale): keep running, nothing to count.
            self.settings.clear_drop_request();
            return;
        }
        let now = Instant::now();
        // The policy cannot change under us: `set_policy` takes the state mutex.
        let policy = self.settings.policy();
        // `Fair`: this hands the lock to the front waiter, and we queue at the back in
        // `wait_until_held`. `Greedy`: this frees the lock (or hands it to a starving
        // front waiter) and wakes the front waiter; then we race it for the lock in
        // `wait_until_held`. The race is decided as it usually was on multicore
        // CPython 2, for the releaser, and here every time: we re-take the lock before
        // letting go of the state mutex, so the woken waiter only ever finds it taken
        // again (wasted wake-ups, as in CPython 2). `Timed`: this frees the lock and
        // wakes the front waiter.
        self.give_up(&mut st, me, now, Transition::Waiting);
        if policy == Policy::Timed {
            // Forced switching: do not compete until another thread has taken the
            // lock. Someone will: the queue is not empty and its front was woken.
            let seq = st.take_seq;
            while st.take_seq == seq && !st.queue.is_empty() {
                self.switched.wait(&mut st);
            }
        }
        self.wait_until_held(&mut st, me, now, None);
    }

    /// Releases the lock, runs `f` (which must not touch interpreter state), and
    /// re-acquires; the time in `f` counts as blocked time, for `reason`.
    pub fn blocking<T>(&self, me: &ThreadRecord, reason: BlockReason, f: impl FnOnce() -> T) -> T {
        let since = Instant::now();
        {
            let mut st = self.state.lock();
            self.give_up(&mut st, me, since, Transition::Blocked(reason));
        }
        // Re-acquired in a drop guard, so a panic in `f` unwinds with the lock held,
        // which is what the caller's frames expect.
        let reacquire = Reacquire {
            lock: self,
            me,
            since,
            reason,
        };
        let out = f();
        drop(reacquire);
        out
    }

    /// The ident of the thread holding the lock, if any.
    pub fn holder(&self) -> Option<u64> {
        self.state.lock().holder.map(|h| h.ident)
    }

    /// The current settings.
    pub fn config(&self) -> Config {
        self.settings.config()
    }

    /// Changes every setting at once.
    pub fn set_config(&self, config: Config) {
        self.set_policy(config.policy);
        self.set_switch_interval(config.switch_interval);
        self.set_switch_seconds(config.switch_seconds);
    }

    /// Changes the policy.
    pub fn set_policy(&self, policy: Policy) {
        let st = self.state.lock();
        self.settings.set_policy(policy);
        // A request made under `Timed` means nothing to the others, and must not
        // linger to trigger a spurious drop if `Timed` comes back.
        self.settings.clear_drop_request();
        // Waiters re-read the policy: one sleeping untimed must start timing out
        // (and asking for drops) if the new policy is `Timed`.
        st.queue.wake_all();
    }

    /// Changes the instruction switch interval (at least 1).
    pub fn set_switch_interval(&self, instructions: u64) {
        self.settings.set_switch_interval(instructions);
    }

    /// Changes the `Timed` policy's interval in seconds (positive).
    pub fn set_switch_seconds(&self, seconds: f64) {
        let st = self.state.lock();
        self.settings.set_switch_seconds(seconds);
        // Waiters sleeping with the old timeout restart with the new one.
        st.queue.wake_all();
    }

    /// Zeroes every counter and histogram (threads stay registered).
    pub fn reset_stats(&self) {
        let mut st = self.state.lock();
        let now = Instant::now();
        st.counters = GlobalCounters::new();
        st.held_since = now;
        st.reset_at = now;
        for r in self.records.lock().iter() {
            r.reset();
        }
        if let Some(log) = &mut st.trace {
            log.restart(now);
        }
        for profile in self.profiles.all() {
            profile.reset();
        }
        self.children.lock().clear();
    }

    /// Starts recording every state change (for `--timeline` and `--trace`). The
    /// holder is running from now on, queued threads are waiting.
    pub fn start_tracing(&self) {
        let mut st = self.state.lock();
        if st.trace.is_some() {
            return;
        }
        let now = Instant::now();
        let mut log = TraceLog::default();
        let records = self.records.lock();
        for r in records.iter() {
            if st.held_by(r.key) {
                log.record(r.key, now, Transition::Running, r.instructions());
            } else if st.queue.contains(r.key) {
                log.record(r.key, now, Transition::Waiting, r.instructions());
            }
        }
        st.trace = Some(log);
    }

    /// True while state changes are recorded.
    pub fn is_tracing(&self) -> bool {
        self.state.lock().trace.is_some()
    }

    /// The profile of a new Python-level lock of `kind`, created at `site` (shared by
    /// every lock of that kind made there); threads waiting for it are blocked on
    /// `reason`.
    pub fn lock_profile(&self, kind: &str, site: &str, reason: BlockReason) -> Arc<LockProfile> {
        self.profiles.for_new_lock(kind, site, reason)
    }

    /// Counts a wait of `me` for a profiled lock, from `start` to `end`; `acquired`
    /// if it ended with the lock taken (a contended acquisition), not a timeout.
    pub fn note_lock_wait(
        &self,
        me: &ThreadRecord,
        profile: &LockProfile,
        start: Instant,
        end: Instant,
        acquired: bool,
    ) {
        profile.note_wait(me.key, end.saturating_duration_since(start), acquired);
        let mut st = self.state.lock();
        if let Some(log) = &mut st.trace {
            log.record_lock_wait(me.key, profile.index, start, end);
        }
    }

    /// Keeps a child process's report, to show beside this process's threads.
    pub fn add_child_report(&self, report: Report) {
        self.children.lock().push(report);
    }

    /// Now, in the monotonic nanoseconds reports use.
    pub fn now_ns(&self) -> u64 {
        self.clock.now_ns()
    }

    /// Waits (queued) until `me` holds the lock, then counts the acquisition. `start`
    /// is when `me` began waiting; `blocked`, since when and why it was blocked, when
    /// it comes back from `blocking`.
    fn wait_until_held(
        &self,
        st: &mut MutexGuard<'_, State>,
        me: &ThreadRecord,
        start: Instant,
        blocked: Option<(Instant, BlockReason)>,
    ) {
        debug_assert!(
            !st.held_by(me.key),
            "acquire by the thread holding the lock"
        );
        // A free lock is taken at once, except that under `Fair` a newcomer must not
        // overtake queued threads (a free lock with a queue only happens briefly,
        // after another policy's release).
        let barge =
            st.holder.is_none() && (st.queue.is_empty() || self.settings.policy() != Policy::Fair);
        if !barge {
            st.record_transition(me, start, Transition::Waiting);
            st.queue.push_back(me, start);
            self.settings.set_waiters(st.queue.len());
            loop {
                if st.held_by(me.key) {
                    // Handed over directly; the releaser already dequeued us.
                    break;
                }
                if st.holder.is_none() {
                    // Freed and we are first to see it (woken as front, or timed out).
                    st.queue.remove(me.key);
                    self.settings.set_waiters(st.queue.len());
                    break;
                }
                self.sleep(st, me);
            }
        }
        self.take(st, me, start, blocked);
    }

    /// One sleep of a queued waiter. Under `Timed` it times out after `switch_seconds`
    /// and, if no thread took the lock meanwhile, asks the holder to drop it.
    fn sleep(&self, st: &mut MutexGuard<'_, State>, me: &ThreadRecord) {
        match self.settings.policy() {
            Policy::Timed => {
                let seq = st.take_seq;
                let timeout = self.settings.switch_duration();
                let timed_out = me.wake.wait_for(st, timeout).timed_out();
                let held_by_other = st.holder.is_some_and(|h| h.key != me.key);
                if timed_out && held_by_other && st.take_seq == seq {
                    self.settings.request_drop();
                }
            }
            Policy::Fair | Policy::Greedy => me.wake.wait(st),
        }
    }

    /// `me` becomes the running holder: timestamps and counters.
    fn take(
        &self,
        st: &mut MutexGuard<'_, State>,
        me: &ThreadRecord,
        start: Instant,
        blocked: Option<(Instant, BlockReason)>,
    ) {
        let now = Instant::now();
        #[cfg(debug_assertions)]
        {
            let before = self
                .running
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            assert_eq!(before, 0, "two threads hold the interpreter lock");
        }
        st.holder = Some(Holder {
            key: me.key,
            ident: me.ident(),
        });
        st.held_since = now;
        st.take_seq = st.take_seq.wrapping_add(1);
        // A fresh holder owes no drop (the request was for the waiter now running).
        self.settings.clear_drop_request();
        me.note_acquired(now.saturating_duration_since(start.max(st.reset_at)));
        if let Some((since, reason)) = blocked {
            me.add_blocked(
                reason,
                start.saturating_duration_since(since.max(st.reset_at)),
            );
        }
        st.record_transition(me, now, Transition::Running);
        match st.last_release {
            Some(last) if last.key != me.key => {
                st.counters.switches += 1;
                if last.forced {
                    st.counters.forced_switches += 1;
                }
                // From the release, or from when we asked if that was later: a lock
                // that lay idle before anyone wanted it has no hand-off latency.
                let latency = now.saturating_duration_since(last.at.max(start));
                st.counters.record_latency(latency);
            }
            Some(_) => st.counters.reacquisitions += 1,
            None => {}
        }
        // A `Timed` dropper waits for exactly this; cheap when nobody waits.
        self.switched.notify_all();
    }

    /// Releases the lock held by `me` at `now`, after which `me` does `then`: to the
    /// front waiter directly (`Fair`, or a starving waiter under `Greedy`), else frees
    /// it and wakes the front waiter to come and take it.
    fn give_up(
        &self,
        st: &mut MutexGuard<'_, State>,
        me: &ThreadRecord,
        now: Instant,
        then: Transition,
    ) {
        debug_assert!(
            st.held_by(me.key),
            "release by a thread not holding the lock"
        );
        if !st.held_by(me.key) {
            return; // Release builds: ignoring a bogus release keeps the lock sane.
        }
        #[cfg(debug_assertions)]
        {
            let before = self
                .running
                .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            assert_eq!(before, 1, "the interpreter lock was not held exclusively");
        }
        me.add_held(now.saturating_duration_since(st.held_since));
        st.record_transition(me, now, then);
        st.last_release = Some(LastRelease {
            key: me.key,
            at: now,
            forced: then == Transition::Waiting,
        });
        self.settings.clear_drop_request();
        let direct = match self.settings.policy() {
            Policy::Fair => true,
            Policy::Greedy => st
                .queue
                .front()
                .is_some_and(|w| now.saturating_duration_since(w.since) >= GREEDY_STARVATION_LIMIT),
            Policy::Timed => false,
        };
        if direct {
            if let Some(next) = st.queue.pop_front() {
                self.settings.set_waiters(st.queue.len());
                st.holder = Some(Holder {
                    key: next.key,
                    ident: next.ident,
                });
                next.wake.notify_one();
                return;
            }
        }
        st.holder = None;
        if let Some(front) = st.queue.front() {
            front.wake.notify_one();
        }
    }
}

/// Re-acquires for [`InterpreterLock::blocking`] when dropped, counting the time since
/// `since` as blocked on `reason`.
struct Reacquire<'a> {
    lock: &'a InterpreterLock,
    me: &'a ThreadRecord,
    since: Instant,
    reason: BlockReason,
}

impl Drop for Reacquire<'_> {
    fn drop(&mut self) {
        let start = Instant::now();
        let mut st = self.lock.state.lock();
        self.lock
            .wait_until_held(&mut st, self.me, start, Some((self.since, self.reason)));
    }
}
