//! Exception instances: arguments, traceback, cause and context.

use crate::object::{GilCell, ObjRef};
use crate::types::dict::Dict;
use crate::value::Value;
use std::cell::Cell;

/// One traceback line: a code object and the instruction that was running.
#[derive(Clone)]
pub struct TracebackEntry {
    /// The code object (`Payload::Code`).
    pub code: ObjRef,
    /// The instruction index.
    pub instr: u32,
    /// The frame's globals (NameError hints search them).
    pub globals: Option<ObjRef>,
}

/// An exception instance.
pub struct ExceptionObj {
    /// The exception's class.
    pub class: ObjRef,
    /// `args` (a tuple).
    pub args: GilCell<Value>,
    /// Extra attributes set on the instance.
    pub dict: GilCell<Dict>,
    /// Traceback entries, innermost frame first (reverse of printing order).
    pub traceback: GilCell<Vec<TracebackEntry>>,
    /// `__cause__` (None if unset).
    pub cause: GilCell<Value>,
    /// `__context__` (None if unset).
    pub context: GilCell<Value>,
    /// `__suppress_context__`.
    pub suppress_context: Cell<bool>,
}

impl ExceptionObj {
    /// A new exception of `class` with `args`.
    pub fn new(class: ObjRef, args: Value) -> ExceptionObj {
        ExceptionObj {
            class,
            args: GilCell::new(args),
            dict: GilCell::new(Dict::new()),
            traceback: GilCell::new(Vec::new()),
            cause: GilCell::new(Value::None),
            context: GilCell::new(Value::None),
            suppress_context: Cell::new(false),
        }
    }
}
