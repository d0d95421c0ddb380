//! Generators: a suspended frame and the stack values it owned when it yielded.

use crate::frame::Frame;
use crate::value::Value;

/// Where a generator is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratorState {
    /// Created, not started: only `None` may be sent.
    Created,
    /// Paused at a `yield`.
    Suspended,
    /// Currently executing (re-entering raises ValueError).
    Running,
    /// Returned or raised: every further `next` raises StopIteration.
    Finished,
}

/// A generator object.
pub struct GeneratorObj {
    /// The paused frame (its `base` is rewritten on every resume).
    pub frame: Option<Frame>,
    /// The frame's locals and operand stack, moved off the thread's stack while paused.
    pub saved_stack: Vec<Value>,
    /// Lifecycle state.
    pub state: GeneratorState,
    /// `__name__`.
    pub name: Value,
    /// `__qualname__`.
    pub qualname: Value,
}
