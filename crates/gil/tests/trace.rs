//! What the trace and the lock profiles record, on hand-driven sequences of
//! acquisitions, hand-offs and blocking calls (one OS thread plays several Python
//! threads, so every event's order is known).

mod common;

use common::lock;
use gilded_gil::report::{SpanState, Trace};
use gilded_gil::{BlockReason, Policy};
use std::time::{Duration, Instant};

fn trace_of(lock: &gilded_gil::InterpreterLock) -> Trace {
    lock.report().trace.expect("tracing is on")
}

#[test]
fn no_trace_unless_asked() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let me = lock.register("main", 1);
    lock.acquire(&me);
    lock.release(&me);
    assert!(lock.report().trace.is_none());
    assert!(!lock.is_tracing());
}

#[test]
fn spans_follow_running_blocked_and_idle() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let a = lock.register("a", 1);
    let b = lock.register("b", 2);
    lock.start_tracing();
    lock.acquire(&a);
    a.add_instructions(10);
    lock.blocking(&a, BlockReason::Sleep, || {
        // b runs while a sleeps.
        lock.acquire(&b);
        b.add_instructions(7);
        std::thread::sleep(Duration::from_millis(2));
        lock.release(&b);
    });
    a.add_instructions(5);
    lock.release(&a);
    let trace = trace_of(&lock);
    let of = |t: usize| -> Vec<(SpanState, Option<BlockReason>, u64)> {
        trace
            .spans
            .iter()
            .filter(|s| s.thread == t)
            .map(|s| (s.state, s.reason, s.instructions))
            .collect()
    };
    assert_eq!(
        of(0),
        [
            (SpanState::Running, None, 10),
            (SpanState::Blocked, Some(BlockReason::Sleep), 0),
            (SpanState::Running, None, 5),
        ]
    );
    assert_eq!(of(1), [(SpanState::Running, None, 7)]);
    // a's sleep covers b's run, and nobody runs while another does.
    let b_run = trace.spans.iter().find(|s| s.thread == 1).unwrap();
    let a_sleep = trace
        .spans
        .iter()
        .find(|s| s.state == SpanState::Blocked)
        .unwrap();
    assert!(a_sleep.start_ns <= b_run.start_ns && b_run.end_ns <= a_sleep.end_ns);
    assert!(b_run.end_ns - b_run.start_ns >= 2_000_000);
    let report = lock.report();
    let blocked = report.threads[0].blocked_by[&BlockReason::Sleep];
    assert!(blocked >= 0.002, "{blocked}");
}

#[test]
fn forced_switches_are_yields_not_blocking_calls() {
    let lock = std::sync::Arc::new(lock(Policy::Fair, 1, 0.005));
    let a = lock.register("a", 1);
    lock.start_tracing();
    lock.acquire(&a);
    let waiter = {
        let lock = lock.clone();
        std::thread::spawn(move || {
            let b = lock.register("b", 2);
            lock.acquire(&b);
            lock.release(&b);
        })
    };
    // Wait until b is queued, then yield to it: a forced switch.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !lock.wants_switch(1) {
        assert!(Instant::now() < deadline, "b never queued");
        std::thread::yield_now();
    }
    lock.yield_to_waiter(&a);
    waiter.join().unwrap();
    lock.release(&a);
    let report = lock.report();
    // a → b (forced), b → a (b ended: not forced).
    assert_eq!(report.global.switches, 2);
    assert_eq!(report.global.forced_switches, 1);
    let trace = report.trace.unwrap();
    let a_states: Vec<SpanState> = trace
        .spans
        .iter()
        .filter(|s| s.thread == 0)
        .map(|s| s.state)
        .collect();
    assert_eq!(
        a_states,
        [SpanState::Running, SpanState::Waiting, SpanState::Running]
    );
}

#[test]
fn lock_profiles_count_waits_and_sort_by_wait() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let me = lock.register("main", 1);
    lock.start_tracing();
    let quiet = lock.lock_profile("threading.Lock", "prog.py:1", BlockReason::Lock);
    let busy = lock.lock_profile("queue.Queue", "prog.py:2", BlockReason::Queue);
    let same_site = lock.lock_profile("queue.Queue", "prog.py:2", BlockReason::Queue);
    assert_eq!(busy.reason(), BlockReason::Queue);
    quiet.note_acquired();
    let start = Instant::now();
    let end = start + Duration::from_millis(3);
    lock.note_lock_wait(&me, &busy, start, end, true);
    busy.note_acquired();
    lock.note_lock_wait(&me, &same_site, start, end, false);
    let report = lock.report();
    assert_eq!(report.locks.len(), 2);
    let top = &report.locks[0];
    assert_eq!(
        (top.kind.as_str(), top.site.as_str()),
        ("queue.Queue", "prog.py:2")
    );
    assert_eq!((top.objects, top.acquisitions, top.contended), (2, 1, 1));
    assert!((top.wait_s - 0.006).abs() < 1e-6, "{top:?}");
    assert_eq!(top.waiters.len(), 1);
    assert_eq!((top.waiters[0].thread, top.waiters[0].waits), (0, 2));
    assert_eq!(
        (report.locks[1].acquisitions, report.locks[1].contended),
        (1, 0)
    );
    // The trace's lock indices follow the report's order.
    let waits = report.trace.unwrap().lock_waits;
    assert_eq!(waits.len(), 2);
    assert!(waits.iter().all(|w| w.lock == 0 && w.thread == 0));
    // Hold timing starts once contended.
    assert!(!quiet.times_holds() && busy.times_holds());
}

#[test]
fn reset_restarts_counts_and_trace() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let me = lock.register("main", 1);
    lock.start_tracing();
    lock.acquire(&me);
    me.add_instructions(100);
    let profile = lock.lock_profile("threading.Lock", "prog.py:1", BlockReason::Lock);
    profile.note_acquired();
    lock.reset_stats();
    me.add_instructions(3);
    let report = lock.report();
    assert_eq!(report.threads[0].instructions, 3);
    assert_eq!(report.locks[0].acquisitions, 0);
    assert_eq!(report.locks[0].objects, 1);
    let spans = report.trace.unwrap().spans;
    // Still running, from the reset on, with the instructions since.
    assert_eq!(spans.len(), 1);
    assert_eq!(
        (spans[0].state, spans[0].instructions),
        (SpanState::Running, 3)
    );
    assert!(spans[0].start_ns >= report.started_ns);
    lock.release(&me);
}
