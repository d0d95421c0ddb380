//! `ThreadLock`, Python's `_thread.lock`.

mod common;

use common::{within, Racy};
use gilded_gil::{Acquired, ThreadLock};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn try_acquire_and_release_rules() {
    let l = ThreadLock::new();
    assert!(!l.is_locked());
    assert!(!l.release(), "releasing an unlocked lock must report it");
    assert!(l.try_acquire());
    assert!(l.is_locked());
    assert!(!l.try_acquire());
    assert_eq!(l.acquire(Some(Duration::ZERO)), Acquired::TimedOut);
    assert!(l.release());
    assert!(!l.release());
    assert_eq!(l.acquire(Some(Duration::ZERO)), Acquired::Yes);
    assert!(l.release());
    assert_eq!(l.acquire(None), Acquired::Yes);
    assert!(l.release());
    assert!(!ThreadLock::default().is_locked());
}

#[test]
fn timeout_on_a_held_lock() {
    within(Duration::from_secs(10), || {
        let l = ThreadLock::new();
        assert!(l.try_acquire());
        let t0 = Instant::now();
        assert_eq!(
            l.acquire(Some(Duration::from_millis(50))),
            Acquired::TimedOut
        );
        let waited = t0.elapsed();
        assert!(waited >= Duration::from_millis(50), "{waited:?}");
        assert!(waited < Duration::from_secs(2), "{waited:?}");
        assert!(l.is_locked());
        // A huge timeout is no timeout (must not overflow the deadline).
        let l = Arc::new(l);
        let releaser = {
            let l = Arc::clone(&l);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(20));
                assert!(l.release());
            })
        };
        assert_eq!(l.acquire(Some(Duration::MAX)), Acquired::Yes);
        releaser.join().unwrap();
    });
}

#[test]
fn released_by_another_thread() {
    within(Duration::from_secs(10), || {
        let l = Arc::new(ThreadLock::new());
        assert!(l.try_acquire());
        let other = {
            let l = Arc::clone(&l);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30));
                assert!(l.release());
            })
        };
        // Python's idiom: a second acquire blocks until someone else releases.
        let t0 = Instant::now();
        assert_eq!(l.acquire(Some(Duration::from_secs(5))), Acquired::Yes);
        assert!(t0.elapsed() >= Duration::from_millis(20));
        other.join().unwrap();
        assert!(l.is_locked());
    });
}

/// Used as a mutex by contending threads, blocking and timed: exact count, no
/// lost wake-up (which would hang until the watchdog fires).
#[test]
fn contended_mutual_exclusion() {
    within(Duration::from_secs(30), || {
        let l = Arc::new(ThreadLock::new());
        let counter = Arc::new(Racy::default());
        let successes = Arc::new(AtomicU64::new(0));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let (l, counter, successes) =
                    (Arc::clone(&l), Arc::clone(&counter), Arc::clone(&successes));
                std::thread::spawn(move || {
                    for i in 0..20_000u64 {
                        let got = match (t + i) % 3 {
                            0 => l.acquire(None),
                            1 => l.acquire(Some(Duration::from_micros(200))),
                            _ => {
                                if l.try_acquire() {
                                    Acquired::Yes
                                } else {
                                    Acquired::TimedOut
                                }
                            }
                        };
                        if got == Acquired::Yes {
                            counter.bump();
                            successes.fetch_add(1, Ordering::Relaxed);
                            assert!(l.release());
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(counter.get(), successes.load(Ordering::Relaxed));
        assert!(successes.load(Ordering::Relaxed) >= 4 * 20_000 / 3);
        assert!(!l.is_locked());
    });
}

/// Prints the uncontended `with lock:` cost.
#[test]
fn uncontended_cost() {
    let l = ThreadLock::new();
    const N: u32 = 5_000_000;
    let t0 = Instant::now();
    for _ in 0..N {
        assert_eq!(std::hint::black_box(&l).acquire(None), Acquired::Yes);
        assert!(std::hint::black_box(&l).release());
    }
    println!(
        "ThreadLock acquire+release, uncontended: {:?}",
        t0.elapsed() / N
    );
}
