//! The event log behind `--timeline` and `--trace`: every change of a thread's state
//! (running, waiting for the lock, blocked, idle) with its time. Every change happens
//! inside the lock's state mutex, so the log lives in the state and costs one push per
//! hand-off, nothing per instruction. It is off unless tracing was asked for.

use crate::clock::Clock;
use crate::report::{BlockReason, LockWait, Span, SpanState, Trace};
use std::collections::HashMap;
use std::time::Instant;

/// Events kept at most (about 40 bytes each): a program that switches threads every
/// few microseconds for minutes must not exhaust memory for its picture. Later events
/// are counted as dropped.
const MAX_EVENTS: usize = 2_000_000;

/// What a thread does from an event on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Transition {
    Waiting,
    Running,
    Blocked(BlockReason),
    /// Not using the lock at all (finished, or outside the interpreter).
    Idle,
}

struct Event {
    key: u64,
    at: Instant,
    what: Transition,
    /// The thread's instruction counter at the event.
    instructions: u64,
}

struct RawLockWait {
    key: u64,
    lock: usize,
    start: Instant,
    end: Instant,
}

/// The recorded events of one process.
#[derive(Default)]
pub(crate) struct TraceLog {
    events: Vec<Event>,
    lock_waits: Vec<RawLockWait>,
    dropped: u64,
    /// Each thread's latest transition, to start a fresh log after a reset.
    current: HashMap<u64, (Transition, u64)>,
}

impl TraceLog {
    /// Notes that thread `key` does `what` from `at` on, with `instructions` run so far.
    /// A thread already in state `what` stays in it (one span, not two).
    pub(crate) fn record(&mut self, key: u64, at: Instant, what: Transition, instructions: u64) {
        if let Some((now, _)) = self.current.insert(key, (what, instructions)) {
            if now == what {
                return;
            }
        }
        if self.events.len() >= MAX_EVENTS {
            self.dropped += 1;
            return;
        }
        self.events.push(Event {
            key,
            at,
            what,
            instructions,
        });
    }

    /// Notes a wait of thread `key` for the profiled lock `lock`.
    pub(crate) fn record_lock_wait(&mut self, key: u64, lock: usize, start: Instant, end: Instant) {
        if self.lock_waits.len() >= MAX_EVENTS {
            self.dropped += 1;
            return;
        }
        self.lock_waits.push(RawLockWait {
            key,
            lock,
            start,
            end,
        });
    }

    /// Forgets everything before `now`, when the counters (instructions too) were
    /// zeroed; every thread goes on in the state it was in.
    pub(crate) fn restart(&mut self, now: Instant) {
        self.events.clear();
        self.lock_waits.clear();
        self.dropped = 0;
        let current: Vec<_> = self.current.drain().collect();
        for (key, (what, _)) in current {
            self.record(key, now, what, 0);
        }
    }

    /// The log as report data: `index_of` maps a thread's key to its place in the
    /// report, `end_of` says when its last state ended (its end, or now) and its
    /// instruction count then.
    pub(crate) fn to_trace(
        &self,
        clock: &Clock,
        index_of: impl Fn(u64) -> Option<usize>,
        end_of: impl Fn(u64) -> (Instant, u64),
    ) -> Trace {
        let mut open: HashMap<u64, &Event> = HashMap::new();
        let mut spans = Vec::new();
        for event in &self.events {
            if let Some(previous) = open.insert(event.key, event) {
                push_span(
                    &mut spans,
                    clock,
                    &index_of,
                    previous,
                    event.at,
                    event.instructions,
                );
            }
        }
        for (key, last) in open {
            let (end, instructions) = end_of(key);
            push_span(
                &mut spans,
                clock,
                &index_of,
                last,
                end.max(last.at),
                instructions,
            );
        }
        spans.sort_by_key(|s| (s.start_ns, s.thread));
        let lock_waits = self
            .lock_waits
            .iter()
            .filter_map(|w| {
                Some(LockWait {
                    thread: index_of(w.key)?,
                    lock: w.lock,
                    start_ns: clock.ns(w.start),
                    end_ns: clock.ns(w.end.max(w.start)),
                })
            })
            .collect();
        Trace {
            spans,
            lock_waits,
            dropped: self.dropped,
        }
    }
}

/// Adds the span that `from` began and that ended at `end` (nothing for idle time
/// or an empty span).
fn push_span(
    spans: &mut Vec<Span>,
    clock: &Clock,
    index_of: &impl Fn(u64) -> Option<usize>,
    from: &Event,
    end: Instant,
    instructions_at_end: u64,
) {
    let (state, reason) = match from.what {
        Transition::Running => (SpanState::Running, None),
        Transition::Waiting => (SpanState::Waiting, None),
        Transition::Blocked(reason) => (SpanState::Blocked, Some(reason)),
        Transition::Idle => return,
    };
    let Some(thread) = index_of(from.key) else {
        return;
    };
    let (start_ns, end_ns) = (clock.ns(from.at), clock.ns(end));
    if end_ns <= start_ns {
        return;
    }
    let instructions = if state == SpanState::Running {
        instructions_at_end.saturating_sub(from.instructions)
    } else {
        0
    };
    spans.push(Span {
        thread,
        state,
        reason,
        start_ns,
        end_ns,
        instructions,
    });
}
