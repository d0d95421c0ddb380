//! Which thread gets the lock next, and when the holder must offer it.

use serde::{Deserialize, Serialize};

/// How the interpreter lock changes hands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Policy {
    /// The holder offers the lock every `switch_interval` instructions when a thread
    /// waits; it goes straight to the longest waiter and the holder queues at the back.
    Fair,
    /// The holder releases every `switch_interval` instructions when a thread waits and
    /// races to re-acquire at once, as CPython 2 did on multicore machines: it often wins.
    /// Here it always wins, until a waiter has waited 10 ms at the head of the queue:
    /// that one is handed the lock at the next check, so none starves.
    Greedy,
    /// CPython 3.2+: a waiter that has waited `switch_seconds` asks for a drop; the holder
    /// drops at its next check and may not re-acquire before another thread has run.
    Timed,
}

impl Policy {
    /// The policy's name: `fair`, `greedy` or `timed`.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Fair => "fair",
            Policy::Greedy => "greedy",
            Policy::Timed => "timed",
        }
    }

    /// The policy as a byte, so the settings can keep it in an atomic.
    pub(crate) fn to_u8(self) -> u8 {
        match self {
            Policy::Fair => 0,
            Policy::Greedy => 1,
            Policy::Timed => 2,
        }
    }

    /// The inverse of [`Policy::to_u8`]; only ever fed values it produced.
    pub(crate) fn from_u8(byte: u8) -> Policy {
        match byte {
            0 => Policy::Fair,
            1 => Policy::Greedy,
            _ => Policy::Timed,
        }
    }
}

/// A switch interval of "never": the holder offers the lock only at blocking calls.
/// Stored as the largest interval so [`crate::InterpreterLock::wants_switch`] never
/// says yes; reports show it as 0.
pub const NEVER_SWITCH: u64 = u64::MAX;

/// Settings of an [`crate::InterpreterLock`]; all can be changed while threads run.
/// Serializable, so a child process can be given its parent's settings whole.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// The hand-off policy.
    pub policy: Policy,
    /// Instructions between hand-off offers (`Fair`, `Greedy`).
    pub switch_interval: u64,
    /// Seconds a waiter waits before asking for a drop (`Timed`).
    pub switch_seconds: f64,
}
