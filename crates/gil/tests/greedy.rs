//! `Greedy`: the holder keeps winning its own lock back, yet waiters get in after
//! the 10 ms starvation guard.

mod common;

use common::{lock, within, work};
use gilded_gil::Policy;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn holder_mostly_reacquires_but_waiter_gets_in() {
    within(Duration::from_secs(30), || {
        let lock = Arc::new(lock(Policy::Greedy, 100, 0.005));
        let done = Arc::new(AtomicBool::new(false));
        let busy = {
            let (lock, done) = (Arc::clone(&lock), Arc::clone(&done));
            let me = lock.register("busy", 1);
            lock.acquire(&me);
            std::thread::spawn(move || {
                let mut held = 0;
                while !done.load(Ordering::Relaxed) {
                    work(&lock, &me, 100, &mut held);
                }
                lock.release(&me);
            })
        };
        let me = lock.register("waiter", 2);
        let mut waits = Vec::new();
        for _ in 0..20 {
            let t0 = Instant::now();
            lock.acquire(&me);
            waits.push(t0.elapsed());
            assert_eq!(lock.holder(), Some(2));
            lock.release(&me);
            std::thread::sleep(Duration::from_millis(1));
        }
        done.store(true, Ordering::Relaxed);
        busy.join().unwrap();
        let stats = lock.report();
        let worst = waits.iter().max().unwrap();
        let mean = waits.iter().sum::<Duration>() / waits.len() as u32;
        println!(
            "greedy: waiter waits mean {mean:?}, worst {worst:?}; switches {}, reacquisitions {}",
            stats.global.switches, stats.global.reacquisitions
        );
        assert!(
            *worst < Duration::from_secs(1),
            "waiter starved for {worst:?}"
        );
        // The busy thread keeps winning until the starvation guard (10 ms) steps in.
        let best = waits.iter().min().unwrap();
        assert!(
            *best >= Duration::from_millis(10),
            "waiter got in after {best:?}"
        );
        // The waiter got in 20 times (and the busy thread back after each).
        assert!(stats.global.switches >= 20, "{}", stats.global.switches);
        // ...while the busy thread won most of its own offers.
        assert!(
            stats.global.reacquisitions >= 2 * stats.global.switches,
            "reacquisitions {} vs switches {}",
            stats.global.reacquisitions,
            stats.global.switches
        );
    });
}
