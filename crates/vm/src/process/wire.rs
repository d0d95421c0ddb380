//! The serialized form of an object graph sent between processes, and the entry
//! points that turn values into bytes and back.
//!
//! A message is a flat table of nodes, one per heap object, that refer to each other
//! by index ([`Slot::Obj`]); small values travel inline. A flat table rather than a
//! tree keeps shared objects shared, allows cycles (a list containing itself, a
//! method whose globals hold its class) and lets both sides work with loops instead
//! of recursion, so no input is deep enough to overflow the Rust stack. The bytes
//! are `postcard`'s encoding of [`Message`], which starts with a format version.

use super::inherit::NativeHandle;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::CodeObject;
use num_bigint::BigInt;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Bumped whenever [`Message`] or the spawn request changes shape: a child built from
/// other sources refuses a message it would misread instead of guessing.
pub const WIRE_VERSION: u32 = 2;

/// Where an object that keeps its identity across processes (a function, a class,
/// a module namespace) was first created: the process id and a number unique in
/// that process. Sending it back and forth yields the same object every time.
pub type Origin = (u32, u64);

/// A value inside a node: inline for the immortal kinds, else a node index.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub enum Slot {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A 64-bit int.
    Int(i64),
    /// A float.
    Float(f64),
    /// The heap object at this index of [`Message::nodes`].
    Obj(u32),
}

/// How an instance's state travels.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum InstanceState {
    /// Its `__dict__`, entry by entry.
    Dict(Vec<(Slot, Slot)>),
    /// What its class's `__getstate__` returned, for `__setstate__` (or, without
    /// one, a dict to merge into `__dict__`).
    State(Slot),
}

/// One heap object.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Node {
    /// `str`.
    Str(String),
    /// An int beyond 64 bits.
    BigInt(BigInt),
    /// `complex`.
    Complex(f64, f64),
    /// `bytes`.
    Bytes(Vec<u8>),
    /// `tuple`.
    Tuple(Vec<Slot>),
    /// `list`.
    List(Vec<Slot>),
    /// `dict`, in insertion order.
    Dict(Vec<(Slot, Slot)>),
    /// `set`.
    Set(Vec<Slot>),
    /// `frozenset`.
    FrozenSet(Vec<Slot>),
    /// `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// `slice(start, stop, step)`.
    Slice(Slot, Slot, Slot),
    /// `...`.
    Ellipsis,
    /// `NotImplemented`.
    NotImplemented,
    /// An object found by name: `getattr(import(module), qualname)`, dotted
    /// qualnames walking attributes (built-in functions and classes, library code).
    Global {
        /// The module to import.
        module: String,
        /// The dotted attribute path inside it.
        qualname: String,
    },
    /// A module, imported again on the other side.
    Module(String),
    /// A bare code object.
    Code(Arc<CodeObject>),
    /// A module namespace that functions of the program close over. Only the
    /// names those functions use travel.
    Globals {
        /// Its identity.
        origin: Origin,
        /// The module's `__name__`.
        module: String,
        /// The names sent, with their values.
        entries: Vec<(String, Slot)>,
    },
    /// A closure cell.
    Cell(Slot),
    /// A function of the program, by value.
    Function(Box<FunctionNode>),
    /// A class of the program, by value.
    Class(Box<ClassNode>),
    /// An instance of a class (of the program or found by name).
    Instance {
        /// The class node.
        class: u32,
        /// Its state.
        state: InstanceState,
    },
    /// An exception instance.
    Exception {
        /// The class node.
        class: u32,
        /// `args`.
        args: Slot,
        /// Attributes set on it.
        dict: Vec<(Slot, Slot)>,
    },
    /// A bound method: the function and the object it is bound to.
    BoundMethod(Slot, Slot),
    /// `staticmethod(f)`.
    StaticMethod(Slot),
    /// `classmethod(f)`.
    ClassMethod(Slot),
    /// `property(fget, fset, fdel)`.
    Property(Slot, Slot, Slot),
    /// An OS resource inherited by a child (semaphore, shared memory, pipe end).
    Native(NativeHandle),
}

/// A function sent by value.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FunctionNode {
    /// Its identity.
    pub origin: Origin,
    /// The compiled code.
    pub code: Arc<CodeObject>,
    /// The `Globals` node it runs in.
    pub globals: u32,
    /// The `Cell` nodes of its free variables.
    pub closure: Vec<u32>,
    /// `__name__`.
    pub name: Slot,
    /// `__qualname__`.
    pub qualname: Slot,
    /// `__module__`.
    pub module: Slot,
    /// `__defaults__`.
    pub defaults: Slot,
    /// `__kwdefaults__`.
    pub kwdefaults: Slot,
    /// Attributes set on the function.
    pub dict: Vec<(Slot, Slot)>,
}

/// A class sent by value.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ClassNode {
    /// Its identity.
    pub origin: Origin,
    /// `__name__`.
    pub name: String,
    /// `__qualname__`.
    pub qualname: String,
    /// `__module__`.
    pub module: String,
    /// The base class nodes.
    pub bases: Vec<u32>,
    /// The class namespace.
    pub dict: Vec<(String, Slot)>,
}

/// A whole message: the graph and the value it stands for.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Message {
    /// [`WIRE_VERSION`] of the sender.
    pub version: u32,
    /// The nodes, referred to by index.
    pub nodes: Vec<Node>,
    /// The value sent.
    pub root: Slot,
}

/// Serializes `value` for another process (`Connection.send`, queues). Objects
/// that own OS resources are refused here: they cross only by inheritance.
pub fn dumps(vm: &mut Vm, value: &Value) -> PyResult<Vec<u8>> {
    let message = super::encode::encode(vm, value, None)?;
    to_bytes(vm, &message)
}

/// Rebuilds a value serialized by [`dumps`].
pub fn loads(vm: &mut Vm, bytes: &[u8]) -> PyResult<Value> {
    let message = from_bytes(vm, bytes)?;
    super::decode::decode(vm, &message)
}

/// The bytes of a message.
pub fn to_bytes<T: Serialize>(vm: &Vm, message: &T) -> PyResult<Vec<u8>> {
    postcard::to_stdvec(message)
        .map_err(|e| vm.runtime_error(format!("cannot serialize for another process: {e}")))
}

/// A message read back from bytes, checking its version.
pub fn from_bytes(vm: &Vm, bytes: &[u8]) -> PyResult<Message> {
    let message: Message = postcard::from_bytes(bytes).map_err(|e| {
        vm.new_error(
            &vm.interp.exc.value_error,
            format!("corrupt data from another process: {e}"),
        )
    })?;
    if message.version != WIRE_VERSION {
        return Err(vm.value_error(format!(
            "data from another process has format version {}, expected {WIRE_VERSION}",
            message.version
        )));
    }
    Ok(message)
}
