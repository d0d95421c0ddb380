//! Frames: one activation of a code object on a thread's frame stack.
//!
//! Frames do not own their locals: those live on the thread's value stack from `base`
//! upward (locals first, then the operand stack), so a call passes its arguments by
//! leaving them where they are (the caller's pushed arguments become the callee's first
//! locals). Python calls push a `Frame` and continue the same loop: they never recurse
//! on the Rust stack.

use crate::object::ObjRef;
use crate::types::function::RuntimeCode;
use crate::value::Value;

/// An active `try` (or `with`) handler.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Where to jump when an exception arrives.
    pub handler: u32,
    /// The operand-stack depth (relative to the frame's base) to unwind to.
    pub level: u32,
}

/// What happens to a frame's return value.
pub enum OnReturn {
    /// Push it onto the caller's stack (an ordinary call).
    Push,
    /// A class body finished: build the class (name, bases) from the namespace and
    /// push the class. Boxed: class bodies are rare, calls are not.
    BuildClass(Box<(Value, Vec<ObjRef>)>),
    /// An `__init__` finished: check it returned None and push the instance.
    Init(Value),
}

/// One activation record.
pub struct Frame {
    /// The code being run (`Payload::Code`); keeps `runtime` alive.
    pub code: ObjRef,
    /// The globals dict.
    pub globals: ObjRef,
    /// The namespace dict of module and class-body code (`LoadName`/`StoreName`).
    pub namespace: Option<ObjRef>,
    /// Cells: the code's cellvars, then its freevars.
    pub cells: Box<[ObjRef]>,
    /// Index of the first local on the thread's value stack.
    pub base: usize,
    /// Index of the next instruction.
    pub ip: usize,
    /// Active handler blocks, innermost last.
    pub blocks: Vec<Block>,
    /// What to do with the return value.
    pub on_return: OnReturn,
    /// Stack length to cut back to when this frame returns (drops the callable too).
    pub return_to: usize,
    /// The generator this frame belongs to, if any (it yields instead of returning).
    pub generator: Option<ObjRef>,
}

impl Frame {
    /// The runnable code.
    #[inline(always)]
    pub fn runtime(&self) -> &RuntimeCode {
        match self.code.payload() {
            crate::object::Payload::Code(c) => c,
            _ => unreachable!("a frame always runs a code object"),
        }
    }
}
