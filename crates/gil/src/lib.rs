//! The global interpreter lock, and the blocking locks Python code builds on.
//!
//! This crate knows nothing about Python objects: it hands one "may run" right between
//! OS threads. The VM registers every thread ([`InterpreterLock::register`]), acquires
//! the lock before touching objects, asks [`InterpreterLock::wants_switch`] every few
//! instructions, and calls [`InterpreterLock::yield_to_waiter`] when it says yes. Blocking
//! calls run inside [`InterpreterLock::blocking`], which releases the lock around them.
//!
//! Three hand-off policies ([`Policy`]) make the classic designs comparable; statistics
//! ([`Stats`]) are always on and cheap (atomics, timestamps only on hand-offs).

#![warn(missing_docs)]

mod lock;
mod policy;
mod queue;
mod record;
pub mod report;
mod settings;
mod state;
mod stats;
mod sync;

pub use lock::{InterpreterLock, ThreadRecord};
pub use policy::{Config, Policy};
pub use stats::{Histogram, Stats, ThreadStats};
pub use sync::{Acquired, ThreadLock};
