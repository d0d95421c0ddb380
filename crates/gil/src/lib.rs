//! The global interpreter lock, and the blocking locks Python code builds on.
//!
//! This crate knows nothing about Python objects: it hands one "may run" right between
//! OS threads. The VM registers every thread ([`InterpreterLock::register`]), acquires
//! the lock before touching objects, asks [`InterpreterLock::wants_switch`] every few
//! instructions, and calls [`InterpreterLock::yield_to_waiter`] when it says yes. Blocking
//! calls run inside [`InterpreterLock::blocking`], which releases the lock around them.
//!
//! Three hand-off policies ([`Policy`]) make the classic designs comparable; statistics
//! are always on and cheap (atomics, timestamps only on hand-offs); the full event
//! trace is recorded only when asked for. Both come out as one [`report::Report`].

#![warn(missing_docs)]

mod clock;
mod collect;
mod lock;
mod policy;
mod profile;
mod queue;
mod record;
pub mod report;
mod settings;
mod state;
mod stats;
mod sync;
mod trace;

pub use clock::monotonic_ns;
pub use lock::{InterpreterLock, ThreadRecord};
pub use policy::{Config, Policy, NEVER_SWITCH};
pub use profile::LockProfile;
pub use report::BlockReason;
pub use stats::Histogram;
pub use sync::{Acquired, ThreadLock};
