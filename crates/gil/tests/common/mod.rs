//! Helpers shared by the integration tests: a deliberately racy counter that only an
//! exclusive lock keeps exact, a simulated VM work loop, and a deadlock watchdog.

#![allow(dead_code)] // each test file uses a different subset

use gilded_gil::{Config, InterpreterLock, Policy, ThreadRecord};
use std::cell::UnsafeCell;
use std::sync::mpsc;
use std::time::Duration;

/// A counter with a non-atomic, widened read-modify-write: two threads inside
/// `bump` at once lose increments, so an exact total proves mutual exclusion.
#[derive(Default)]
pub struct Racy(UnsafeCell<u64>);

// SAFETY: only touched by the thread holding the interpreter lock (that is what
// the tests check); `get` is read after all threads are joined.
unsafe impl Sync for Racy {}

impl Racy {
    pub fn bump(&self) {
        let p = self.0.get();
        // SAFETY: see the `Sync` impl; volatile so the compiler keeps the read and the
        // write apart, and the spin widens the window a broken lock would expose.
        unsafe {
            let v = std::ptr::read_volatile(p);
            for _ in 0..16 {
                std::hint::spin_loop();
            }
            std::ptr::write_volatile(p, v + 1);
        }
    }

    pub fn get(&self) -> u64 {
        // SAFETY: called once every writer has been joined.
        unsafe { *self.0.get() }
    }
}

/// A lock with the given policy and intervals.
pub fn lock(policy: Policy, switch_interval: u64, switch_seconds: f64) -> InterpreterLock {
    InterpreterLock::new(Config {
        policy,
        switch_interval,
        switch_seconds,
    })
}

/// Simulates `units` VM instructions by the holder `me`, checking for a switch every
/// 100 of them like the VM's periodic check. `held` is the count since the last
/// acquisition, carried across calls.
pub fn work(lock: &InterpreterLock, me: &ThreadRecord, units: u64, held: &mut u64) {
    let mut done = 0;
    while done < units {
        let chunk = (units - done).min(100);
        for i in 0..chunk {
            std::hint::black_box(i);
        }
        done += chunk;
        me.add_instructions(chunk);
        *held += chunk;
        if lock.wants_switch(*held) {
            lock.yield_to_waiter(me);
            *held = 0;
        }
    }
}

/// Runs `f` on its own thread and fails the test if it does not finish within
/// `limit` (a deadlock would otherwise hang the test run).
pub fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let out = f();
        let _ = tx.send(());
        out
    });
    match rx.recv_timeout(limit) {
        Ok(()) => handle.join().expect("test body panicked"),
        // Disconnected: the body panicked before sending; join to re-raise it.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            handle.join().expect("test body panicked");
            unreachable!()
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("deadlock: not done within {limit:?}"),
    }
}

/// A thread's counters, times as durations.
#[derive(Debug)]
pub struct ThreadTimes {
    pub held: Duration,
    pub waiting: Duration,
    pub blocked: Duration,
    pub acquisitions: u64,
    pub name: String,
    pub alive: bool,
    pub instructions: u64,
}

/// A thread's times by ident.
pub fn thread_stats(lock: &InterpreterLock, ident: u64) -> ThreadTimes {
    let t = lock
        .report()
        .threads
        .into_iter()
        .find(|t| t.ident == ident)
        .expect("registered thread");
    ThreadTimes {
        held: Duration::from_secs_f64(t.held_s),
        waiting: Duration::from_secs_f64(t.waiting_s),
        blocked: Duration::from_secs_f64(t.blocked_s),
        acquisitions: t.acquisitions,
        name: t.name,
        alive: t.alive,
        instructions: t.instructions,
    }
}
