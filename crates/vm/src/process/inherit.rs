//! OS resources that cross to a child process by inheritance: semaphores, shared
//! memory and pipe ends of `_gilded_mp` are sent as a [`NativeHandle`] whose file
//! descriptors the child inherits at the same numbers.

use serde::{Deserialize, Serialize};

/// A native object described by what it owns: the class that rebuilds it (`tag`),
/// the file descriptors the child must inherit, and any plain numbers or text the
/// rebuilding needs. The encoder collects `fds` so `spawn` can keep them open
/// across `exec`; outside a spawn such a handle is refused.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct NativeHandle {
    /// Which native class rebuilds the object (`"SemLock"`, `"SharedArray"`, ...).
    pub tag: String,
    /// The CPython-style type name for messages (`"Lock"`, `"Queue"`, ...).
    pub type_name: String,
    /// Descriptors the child inherits, at the same numbers.
    pub fds: Vec<i32>,
    /// Plain numbers (sizes, kinds, counts).
    pub ints: Vec<i64>,
    /// Plain text (a typecode, a name).
    pub text: String,
}
