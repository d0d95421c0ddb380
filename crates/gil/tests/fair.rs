//! `Fair`: round-robin shares, switch counts, and hand-off latency.

mod common;

use common::{lock, within, work};
use gilded_gil::Policy;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const INTERVAL: u64 = 1000;

/// `threads` workers share `total` units of work; returns each one's share of units,
/// plus the lock for its stats. The main thread holds the lock while they queue up,
/// so they all start together.
fn share_work(threads: u64, total: u64) -> (Vec<u64>, Arc<gilded_gil::InterpreterLock>) {
    let lock = Arc::new(lock(Policy::Fair, INTERVAL, 0.005));
    let main = lock.register("main", 1000);
    lock.acquire(&main);
    let done = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (lock, done) = (Arc::clone(&lock), Arc::clone(&done));
            std::thread::spawn(move || {
                let me = lock.register(&format!("w{t}"), t);
                lock.acquire(&me);
                let mut held = 0;
                let mut mine = 0;
                // Only the holder touches `done`, so the total is exact.
                while done.load(Ordering::Relaxed) < total {
                    work(&lock, &me, 100, &mut held);
                    mine += 100;
                    done.fetch_add(100, Ordering::Relaxed);
                }
                lock.release(&me);
                lock.unregister(&me);
                mine
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    lock.release(&main);
    lock.unregister(&main);
    let shares = handles.into_iter().map(|h| h.join().unwrap()).collect();
    (shares, lock)
}

#[test]
fn four_threads_get_equal_shares() {
    within(Duration::from_secs(30), || {
        const TOTAL: u64 = 2_000_000;
        let (shares, lock) = share_work(4, TOTAL);
        let sum: u64 = shares.iter().sum();
        assert!((TOTAL..TOTAL + 4 * 100).contains(&sum), "{sum}");
        for (t, &s) in shares.iter().enumerate() {
            let pct = s as f64 * 100.0 / sum as f64;
            assert!(
                (20.0..=30.0).contains(&pct),
                "thread {t} got {pct:.1}%: {shares:?}"
            );
        }
        let stats = lock.report();
        let expected = TOTAL / INTERVAL;
        println!(
            "fair 4 threads: shares {shares:?}, switches {} (expected ~{expected}), reacquisitions {}",
            stats.global.switches, stats.global.reacquisitions
        );
        // One switch per interval of work, give or take the start and the end.
        assert!(
            stats.global.switches >= expected * 9 / 10
                && stats.global.switches <= expected * 11 / 10 + 10,
            "switches {} vs ~{expected}",
            stats.global.switches
        );
        // Fair hands over directly: the releaser never wins its own lock back
        // while anyone waits (only the tail end, when the others have left).
        assert!(
            stats.global.reacquisitions <= 4,
            "{}",
            stats.global.reacquisitions
        );
        for t in &stats.threads[1..] {
            assert_eq!(t.instructions, shares[t.ident as usize]);
        }
    });
}

#[test]
fn handoff_latency_two_threads() {
    within(Duration::from_secs(30), || {
        let (_, lock) = share_work(2, 2_000_000);
        let stats = lock.report();
        let h = lock.handoff_histogram();
        // One sample per switch, each in exactly one bucket.
        assert_eq!(h.total, stats.global.switches);
        assert_eq!(h.counts.iter().sum::<u64>(), h.total);
        assert!(h.total >= 1000, "{}", h.total);
        let (p50, p99) = (h.quantile(0.5), h.quantile(0.99));
        println!(
            "fair 2 threads hand-off latency: p50 < {p50:?}, p99 < {p99:?}, max {:?}, {} samples",
            h.max, h.total
        );
        assert!(p50 > Duration::ZERO && p50 <= p99 && p99 <= h.quantile(1.0));
        assert!(h.quantile(1.0) >= h.max && h.quantile(1.0) <= h.max * 2 + Duration::from_nanos(2));
        // A futex wake takes microseconds; even a loaded machine stays far below this.
        assert!(p50 < Duration::from_millis(100), "{p50:?}");
    });
}

/// `yield_to_waiter` with nobody waiting keeps the lock and counts nothing.
#[test]
fn yield_alone_keeps_the_lock() {
    let lock = lock(Policy::Fair, 1, 0.005);
    let me = lock.register("solo", 7);
    lock.acquire(&me);
    for _ in 0..100 {
        assert!(!lock.wants_switch(u64::MAX));
        lock.yield_to_waiter(&me);
    }
    assert_eq!(lock.holder(), Some(7));
    let stats = lock.report();
    assert_eq!((stats.global.switches, stats.global.reacquisitions), (0, 0));
    assert_eq!(stats.threads[0].acquisitions, 1);
    lock.release(&me);
}
