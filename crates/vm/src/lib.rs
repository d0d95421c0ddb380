//! The gilded virtual machine: reference-counted objects, the interpreter loop, the
//! built-in types, functions and modules.
//!
//! **Architecture Invariant:** the VM never depends on the parser or the compiler (only
//! on the bytecode, the lock and the report renderers); the `gilded` binary wires
//! source → code → [`Vm`].

pub mod attr;
pub mod bootstrap;
pub mod builtin_attrs;
pub mod builtins;
pub mod call;
pub mod classes;
pub mod containers;
pub mod error;
pub mod eval;
pub mod exceptions;
pub mod exec;
pub mod format_spec;
pub mod frame;
pub mod generators;
pub mod gil;
pub mod io;
pub mod lock_watch;
pub mod modules;
pub mod names;
pub mod number;
pub mod object;
pub mod ops;
pub mod percent_format;
pub mod process;
pub mod signals;
pub mod threads;
pub mod traceback;
pub mod types;
pub mod value;
pub mod vm;

pub use error::{PyErr, PyResult};
pub use value::Value;
pub use vm::Vm;
