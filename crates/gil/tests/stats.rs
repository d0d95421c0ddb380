//! Counting rules, settings, reset, and the cost of the holder's check.

mod common;

use common::{lock, thread_stats, within};
use gilded_gil::BlockReason;
use gilded_gil::{Config, Policy};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn first_acquisition_is_neither_then_same_thread_reacquires() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let me = lock.register("main", 1);
    assert_eq!(lock.holder(), None);
    for _ in 0..3 {
        lock.acquire(&me);
        assert_eq!(lock.holder(), Some(1));
        lock.release(&me);
    }
    let stats = lock.report();
    assert_eq!((stats.global.switches, stats.global.reacquisitions), (0, 2));
    assert_eq!(stats.global.handoff_latency.count, 0);
    assert_eq!(stats.threads[0].acquisitions, 3);
}

#[test]
fn another_thread_is_a_switch_with_a_latency_sample() {
    let lock = lock(Policy::Greedy, 100, 0.005);
    let a = lock.register("a", 1);
    let b = lock.register("b", 2);
    lock.acquire(&a);
    lock.release(&a);
    lock.acquire(&b);
    lock.release(&b);
    lock.acquire(&b);
    lock.release(&b);
    let stats = lock.report();
    assert_eq!((stats.global.switches, stats.global.reacquisitions), (1, 1));
    assert_eq!(stats.global.handoff_latency.count, 1);
    let names: Vec<_> = stats.threads.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn held_time_names_and_liveness() {
    let lock = lock(Policy::Timed, 100, 0.005);
    let me = lock.register("before", 3);
    me.set_name("after");
    lock.acquire(&me);
    std::thread::sleep(Duration::from_millis(20));
    // A snapshot taken while holding includes the hold so far.
    assert!(thread_stats(&lock, 3).held >= Duration::from_millis(20));
    lock.release(&me);
    let held = thread_stats(&lock, 3).held;
    std::thread::sleep(Duration::from_millis(5));
    // ...and stops counting after the release.
    assert_eq!(thread_stats(&lock, 3).held, held);
    me.add_instructions(42);
    let s = thread_stats(&lock, 3);
    assert_eq!(
        (s.name.as_str(), s.alive, s.instructions),
        ("after", true, 42)
    );
    lock.unregister(&me);
    assert!(!thread_stats(&lock, 3).alive);
    assert_eq!(lock.report().threads.len(), 1);
}

#[test]
fn reset_zeroes_everything_and_restarts_the_hold() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let a = lock.register("a", 1);
    let b = lock.register("b", 2);
    for _ in 0..3 {
        lock.acquire(&a);
        lock.release(&a);
        lock.acquire(&b);
        a.add_instructions(10);
        lock.blocking(&b, BlockReason::Other, || {
            std::thread::sleep(Duration::from_millis(1))
        });
        lock.release(&b);
    }
    lock.acquire(&a);
    std::thread::sleep(Duration::from_millis(30));
    let before = lock.report();
    assert!(before.global.switches > 0 && before.global.handoff_latency.count > 0);
    lock.reset_stats();
    let after = lock.report();
    assert_eq!((after.global.switches, after.global.reacquisitions), (0, 0));
    assert_eq!(after.global.handoff_latency.count, 0);
    assert!(lock.handoff_histogram().counts.iter().all(|&c| c == 0));
    for t in &after.threads {
        assert_eq!((t.instructions, t.acquisitions), (0, 0), "{t:?}");
        assert_eq!((t.waiting_s, t.blocked_s), (0.0, 0.0));
        // The current holder's hold restarted at the reset.
        assert!(t.held_s < 0.030, "{t:?}");
    }
    assert_eq!(after.threads.len(), 2);
    lock.release(&a);
    lock.acquire(&b);
    lock.release(&b);
    assert_eq!(lock.report().global.switches, 1);
}

#[test]
fn settings_change_and_clamp() {
    let lock = lock(Policy::Fair, 0, 0.005);
    assert_eq!(lock.config().switch_interval, 1);
    lock.set_policy(Policy::Timed);
    lock.set_switch_interval(0);
    lock.set_switch_seconds(0.25);
    let c = lock.config();
    assert_eq!(
        c,
        Config {
            policy: Policy::Timed,
            switch_interval: 1,
            switch_seconds: 0.25
        }
    );
    lock.set_switch_interval(7);
    lock.set_switch_seconds(-1.0);
    assert_eq!(lock.config().switch_interval, 7);
    assert!(lock.config().switch_seconds > 0.0);
}

/// `wants_switch` with waiters: true only past the interval (`Fair`/`Greedy`).
#[test]
fn wants_switch_needs_a_waiter_and_the_interval() {
    within(Duration::from_secs(10), || {
        // A long `Timed` interval: no drop request may race the check below.
        let lock = Arc::new(lock(Policy::Fair, 1000, 60.0));
        let me = lock.register("holder", 1);
        lock.acquire(&me);
        assert!(!lock.wants_switch(5000));
        let waiter = {
            let lock = Arc::clone(&lock);
            std::thread::spawn(move || {
                let w = lock.register("waiter", 2);
                lock.acquire(&w);
                lock.release(&w);
            })
        };
        let t0 = Instant::now();
        while !lock.wants_switch(1000) {
            assert!(
                t0.elapsed() < Duration::from_secs(5),
                "waiter never counted"
            );
            std::thread::yield_now();
        }
        assert!(!lock.wants_switch(999));
        lock.set_policy(Policy::Greedy);
        assert!(lock.wants_switch(1000) && !lock.wants_switch(999));
        // Under `Timed` only a drop request counts, not the interval.
        lock.set_policy(Policy::Timed);
        assert!(!lock.wants_switch(u64::MAX));
        // (A `Greedy` yield would keep the lock here; `Fair` hands it over.)
        lock.set_policy(Policy::Fair);
        lock.yield_to_waiter(&me);
        assert_eq!(lock.holder(), Some(1));
        waiter.join().unwrap();
        assert!(!lock.wants_switch(u64::MAX));
        lock.release(&me);
    });
}

/// Prints the cost of the holder's periodic check with nobody waiting.
#[test]
fn wants_switch_is_cheap_alone() {
    for policy in [Policy::Fair, Policy::Timed] {
        let lock = lock(policy, 1000, 0.005);
        let me = lock.register("solo", 1);
        lock.acquire(&me);
        const N: u64 = 10_000_000;
        let t0 = Instant::now();
        let mut yes = 0u64;
        for i in 0..N {
            yes += std::hint::black_box(&lock).wants_switch(std::hint::black_box(i)) as u64;
        }
        let per_ns = t0.elapsed().as_secs_f64() * 1e9 / N as f64;
        println!("wants_switch ({policy:?}, alone): {per_ns:.2} ns per call");
        assert_eq!(yes, 0);
        lock.release(&me);
    }
}

/// Prints the uncontended acquire + release cost of the interpreter lock.
#[test]
fn uncontended_acquire_release_cost() {
    let lock = lock(Policy::Fair, 1000, 0.005);
    let me = lock.register("solo", 1);
    const N: u32 = 200_000;
    let t0 = Instant::now();
    for _ in 0..N {
        lock.acquire(&me);
        lock.release(&me);
    }
    println!(
        "interpreter lock acquire+release alone: {:?}",
        t0.elapsed() / N
    );
    assert_eq!(lock.report().global.reacquisitions, N as u64 - 1);
}
