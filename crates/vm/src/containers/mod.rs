//! Containers and text: `str`, `list`, `tuple`, `dict`, `set`, `frozenset`, `range`,
//! dict views and the built-in iterators. (Minimal bootstrap version: the containers
//! owner expands it.)

use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};

/// Binary operators on containers; `None` when not applicable.
pub fn binary(_vm: &mut Vm, _op: BinaryOperator, _a: &Value, _b: &Value) -> Option<PyResult<Value>> {
    None
}

/// In-place operators on containers (`list +=`).
pub fn inplace(_vm: &mut Vm, _op: BinaryOperator, _a: &Value, _b: &Value) -> Option<PyResult<Value>> {
    None
}

/// Comparisons between containers.
pub fn compare(_vm: &mut Vm, _op: ComparisonOperator, _a: &Value, _b: &Value) -> Option<PyResult<bool>> {
    None
}

/// `c[k]`.
pub fn get_item(_vm: &mut Vm, _c: &Value, _k: &Value) -> Option<PyResult<Value>> {
    None
}

/// `c[k] = v`.
pub fn set_item(_vm: &mut Vm, _c: &Value, _k: &Value, _v: &Value) -> Option<PyResult<()>> {
    None
}

/// `del c[k]`.
pub fn del_item(_vm: &mut Vm, _c: &Value, _k: &Value) -> Option<PyResult<()>> {
    None
}

/// `x in c`.
pub fn contains(_vm: &mut Vm, _c: &Value, _x: &Value) -> Option<PyResult<bool>> {
    None
}

/// `len(c)`.
pub fn len(vm: &mut Vm, v: &Value) -> Option<PyResult<usize>> {
    match v.payload()? {
        Payload::Str(s) => Some(Ok(s.char_len())),
        Payload::List(l) => Some(Ok(l.borrow(vm.gil).len())),
        Payload::Tuple(t) => Some(Ok(t.len())),
        _ => None,
    }
}

/// `repr(c)`.
pub fn repr(_vm: &mut Vm, v: &Value) -> Option<PyResult<String>> {
    match v.payload()? {
        Payload::Str(s) => Some(Ok(format!("'{}'", s.as_str()))),
        _ => None,
    }
}

/// `iter(c)`.
pub fn get_iter(_vm: &mut Vm, _v: &Value) -> Option<PyResult<Value>> {
    None
}

/// Advances a built-in iterator.
pub fn iter_next(_vm: &mut Vm, _it: &ObjRef) -> PyResult<Option<Value>> {
    Ok(None)
}

/// `hash(c)` for hashable containers other than str and tuple (frozenset).
pub fn hash(_vm: &mut Vm, _v: &Value) -> Option<PyResult<i64>> {
    None
}

/// Installs the container constructors and methods.
pub fn register(_vm: &Vm) {}
