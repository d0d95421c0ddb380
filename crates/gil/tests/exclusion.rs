//! Mutual exclusion under every policy, and policy changes while threads contend.

mod common;

use common::{lock, within, work, Racy};
use gilded_gil::BlockReason;
use gilded_gil::Policy;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

const THREADS: u64 = 4;
const ROUNDS: u64 = 200;
const BUMPS: u64 = 400;

/// Each thread repeatedly acquires, bumps the racy counter (yielding whenever asked),
/// and releases; the total must be exact and the lock must really have changed hands.
fn exclusion(policy: Policy) {
    within(Duration::from_secs(30), move || {
        let lock = Arc::new(lock(policy, 20, 0.0002));
        let counter = Arc::new(Racy::default());
        // All start together, so they really contend (a thread's whole run is short).
        let start = Arc::new(Barrier::new(THREADS as usize));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (lock, counter) = (Arc::clone(&lock), Arc::clone(&counter));
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    let me = lock.register(&format!("t{t}"), t);
                    start.wait();
                    for _ in 0..ROUNDS {
                        lock.acquire(&me);
                        let mut held = 0;
                        for i in 0..BUMPS {
                            counter.bump();
                            held += 1;
                            if i % 10 == 0 && lock.wants_switch(held) {
                                lock.yield_to_waiter(&me);
                                held = 0;
                            }
                        }
                        lock.release(&me);
                    }
                    lock.unregister(&me);
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(counter.get(), THREADS * ROUNDS * BUMPS);
        let stats = lock.report();
        assert!(
            stats.global.switches > 0,
            "{policy:?}: the lock never changed hands"
        );
        let acquisitions: u64 = stats.threads.iter().map(|t| t.acquisitions).sum();
        assert_eq!(
            acquisitions,
            1 + stats.global.switches + stats.global.reacquisitions
        );
        assert!(stats.threads.iter().all(|t| !t.alive));
        assert_eq!(lock.holder(), None);
    });
}

#[test]
fn exclusion_fair() {
    exclusion(Policy::Fair);
}

#[test]
fn exclusion_greedy() {
    exclusion(Policy::Greedy);
}

#[test]
fn exclusion_timed() {
    exclusion(Policy::Timed);
}

/// Threads contend with yields, plain release/acquire and blocking calls while the
/// main thread keeps changing policy and intervals: nobody may deadlock, starve for
/// good, or break mutual exclusion.
#[test]
fn policy_changes_while_contending() {
    within(Duration::from_secs(30), || {
        let lock = Arc::new(lock(Policy::Fair, 50, 0.0005));
        let counter = Arc::new(Racy::default());
        let stop = Arc::new(AtomicBool::new(false));
        let expected = Arc::new(AtomicU64::new(0));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (lock, counter) = (Arc::clone(&lock), Arc::clone(&counter));
                let (stop, expected) = (Arc::clone(&stop), Arc::clone(&expected));
                std::thread::spawn(move || {
                    let me = lock.register("worker", t);
                    lock.acquire(&me);
                    let mut held = 0;
                    let mut bumps = 0u64;
                    let mut round = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        round += 1;
                        for _ in 0..100 {
                            counter.bump();
                            bumps += 1;
                        }
                        work(&lock, &me, 100, &mut held);
                        match (round + t) % 7 {
                            0 => {
                                lock.release(&me);
                                lock.acquire(&me);
                                held = 0;
                            }
                            3 => {
                                lock.blocking(&me, BlockReason::Other, || {
                                    std::thread::sleep(Duration::from_micros(50))
                                });
                                held = 0;
                            }
                            _ => {}
                        }
                    }
                    lock.release(&me);
                    lock.unregister(&me);
                    expected.fetch_add(bumps, Ordering::Relaxed);
                    round
                })
            })
            .collect();
        let policies = [Policy::Fair, Policy::Greedy, Policy::Timed];
        for i in 0..150usize {
            std::thread::sleep(Duration::from_millis(2));
            lock.set_policy(policies[i % 3]);
            if i % 5 == 0 {
                lock.set_switch_interval((i as u64 % 4) * 40);
                lock.set_switch_seconds(0.0001 * (1 + i % 10) as f64);
            }
        }
        stop.store(true, Ordering::Relaxed);
        let rounds: Vec<u64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(counter.get(), expected.load(Ordering::Relaxed));
        // Every thread made progress despite the churn.
        assert!(
            rounds.iter().all(|&r| r > 0),
            "a thread starved: {rounds:?}"
        );
        assert!(lock.report().global.switches > 0);
        assert_eq!(lock.holder(), None);
    });
}
