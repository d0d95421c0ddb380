//! Function payloads: Python functions, built-in functions and bound methods.

use crate::error::PyResult;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::CodeObject;
use std::sync::Arc;

/// A code object ready to run: the compiled code plus its constants and names turned
/// into values once, when the code is loaded, instead of on every execution.
pub struct RuntimeCode {
    /// The compiled code.
    pub code: Arc<CodeObject>,
    /// `code.constants` as values.
    pub consts: Box<[Value]>,
    /// `code.names` as `str` values (their hashes cached).
    pub names: Box<[Value]>,
    /// A second reference to every constant. CPython 3.11's code objects hold two
    /// references to each constant, which `sys.getrefcount` shows (the seed article's
    /// `a = 'Hello World'; b = a; c = a` prints 6); keeping the same count here makes
    /// the absolute numbers students see match CPython's, not just the differences.
    pub constant_pins: Box<[Value]>,
}

/// A function defined with `def` or `lambda`.
pub struct FunctionObj {
    /// The code object (`Payload::Code`).
    pub code: ObjRef,
    /// The module namespace (a dict object) the function's globals resolve in.
    pub globals: ObjRef,
    /// `__name__`.
    pub name: GilCell<Value>,
    /// `__qualname__`.
    pub qualname: GilCell<Value>,
    /// `__defaults__`: a tuple, or None.
    pub defaults: GilCell<Value>,
    /// `__kwdefaults__`: a dict, or None.
    pub kwdefaults: GilCell<Value>,
    /// The cells of the free variables, in `code.freevars` order.
    pub closure: Box<[ObjRef]>,
    /// `__module__`.
    pub module: Value,
    /// `__dict__`: attributes set on the function.
    pub dict: GilCell<Dict>,
}

impl FunctionObj {
    /// The runnable code.
    #[inline(always)]
    pub fn runtime_code(&self) -> &RuntimeCode {
        match self.code.payload() {
            Payload::Code(code) => code,
            _ => unreachable!("a function's code is always a code object"),
        }
    }
}

/// The signature of every built-in: the VM, positional arguments (including `self` for
/// methods) and keyword arguments as (name, value) pairs.
pub type NativeFn = fn(&mut Vm, &[Value], &[(Value, Value)]) -> PyResult<Value>;

/// How a built-in found in a class namespace binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// A module-level function: never binds.
    Function,
    /// An instance method: binds the instance as the first argument.
    Method,
    /// A class method: binds the class as the first argument.
    ClassMethod,
    /// A static method: never binds.
    StaticMethod,
}

/// A function implemented in Rust.
pub struct NativeFunction {
    /// `__name__`.
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn,
    /// How it binds when found on a class.
    pub kind: NativeKind,
    /// For methods: the name of the type that defines it (for reprs and messages).
    pub owner: Option<&'static str>,
    /// For built-ins bound to an object (module functions that carry state, or a
    /// method bound by attribute access): passed as the first argument.
    pub bound: Option<Value>,
    /// The caller's local variables are copied into `Vm::caller_locals` before the
    /// call (`super()`, `locals()`, `dir()` need them).
    pub wants_caller_locals: bool,
}

/// A function bound to the object it was looked up on.
pub struct BoundMethod {
    /// The function.
    pub func: Value,
    /// The instance (or class, for class methods) passed as the first argument.
    pub this: Value,
}
