//! `blocking`: the lock is free while the call runs, and the time counts as blocked.

mod common;

use common::{lock, thread_stats, within};
use gilded_gil::BlockReason;
use gilded_gil::Policy;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

fn blocked_not_waiting(policy: Policy) {
    within(Duration::from_secs(30), move || {
        let lock = Arc::new(lock(policy, 100, 0.005));
        let (entered_tx, entered_rx) = mpsc::channel();
        let (checked_tx, checked_rx) = mpsc::channel::<()>();
        let sleeper = {
            let lock = Arc::clone(&lock);
            std::thread::spawn(move || {
                let me = lock.register("sleeper", 1);
                lock.acquire(&me);
                lock.blocking(&me, BlockReason::Other, || {
                    entered_tx.send(()).unwrap();
                    // Sleep until the main thread has taken and dropped the lock.
                    checked_rx.recv().unwrap();
                    std::thread::sleep(Duration::from_millis(200));
                });
                assert_eq!(lock.holder(), Some(1));
                lock.release(&me);
                lock.unregister(&me);
            })
        };
        let main = lock.register("main", 2);
        entered_rx.recv().unwrap();
        lock.acquire(&main);
        assert_eq!(
            lock.holder(),
            Some(2),
            "the blocked thread still holds the lock"
        );
        lock.release(&main);
        checked_tx.send(()).unwrap();
        sleeper.join().unwrap();

        let s = thread_stats(&lock, 1);
        println!(
            "{policy:?}: blocked {:?}, waiting {:?}",
            s.blocked, s.waiting
        );
        assert!(s.blocked >= Duration::from_millis(200), "{:?}", s.blocked);
        // Nothing held the lock when it came back: its waits were uncontended.
        assert!(s.waiting < Duration::from_millis(100), "{:?}", s.waiting);
        assert_eq!(s.acquisitions, 2);
        // The main thread's acquisition, and the sleeper's return, were switches.
        assert_eq!(lock.report().global.switches, 2);
        assert_eq!(thread_stats(&lock, 2).blocked, Duration::ZERO);
    });
}

#[test]
fn blocking_fair() {
    blocked_not_waiting(Policy::Fair);
}

#[test]
fn blocking_greedy() {
    blocked_not_waiting(Policy::Greedy);
}

#[test]
fn blocking_timed() {
    blocked_not_waiting(Policy::Timed);
}

/// A panic inside the blocking call unwinds with the lock re-acquired.
#[test]
fn blocking_reacquires_on_panic() {
    let lock = lock(Policy::Fair, 100, 0.005);
    let me = lock.register("main", 5);
    lock.acquire(&me);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lock.blocking(&me, BlockReason::Other, || panic!("boom"));
    }));
    assert!(caught.is_err());
    assert_eq!(lock.holder(), Some(5));
    lock.release(&me);
}
