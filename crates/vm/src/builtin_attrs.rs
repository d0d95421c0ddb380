//! Data attributes of built-in values that are fields rather than methods
//! (`slice.start`, `range.step`, `x.real`, `f.name`, ...), and `__dict__` snapshots.

use crate::error::PyResult;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

/// A new dict object holding a copy of a namespace.
///
/// Instances keep their attributes in an inline table rather than a dict object, so
/// `obj.__dict__` is a snapshot: reading it is exact, writing to it does not change the
/// object (a documented gap).
pub fn dict_snapshot(vm: &Vm, dict: &GilCell<Dict>) -> Value {
    let d = dict.borrow(vm.gil);
    let mut copy = Dict::with_capacity(d.len());
    for e in d.iter() {
        copy.insert_new(e.hash, e.key.clone(), e.value.clone());
    }
    drop(d);
    vm.new_dict(copy)
}

/// Field attributes of built-in objects.
pub fn builtin_instance_attr(vm: &mut Vm, o: &ObjRef, key: &str) -> PyResult<Option<Value>> {
    Ok(match (o.payload(), key) {
        (Payload::Slice(s), "start") => Some(s.start.clone()),
        (Payload::Slice(s), "stop") => Some(s.stop.clone()),
        (Payload::Slice(s), "step") => Some(s.step.clone()),
        (Payload::Range(r), "start") => Some(Value::Int(r.start)),
        (Payload::Range(r), "stop") => Some(Value::Int(r.stop)),
        (Payload::Range(r), "step") => Some(Value::Int(r.step)),
        (Payload::Complex(re, _), "real") => Some(Value::Float(*re)),
        (Payload::Complex(_, im), "imag") => Some(Value::Float(*im)),
        (Payload::BigInt(_), "real" | "numerator") => Some(Value::Obj(o.clone())),
        (Payload::BigInt(_), "imag") => Some(Value::Int(0)),
        (Payload::BigInt(_), "denominator") => Some(Value::Int(1)),
        (Payload::File(f), "name") => Some(Value::str(f.borrow(vm.gil).name.clone())),
        (Payload::File(f), "mode") => Some(Value::str(f.borrow(vm.gil).mode.clone())),
        (Payload::File(f), "closed") => Some(Value::Bool(matches!(
            f.borrow(vm.gil).handle,
            crate::types::file::FileHandle::Closed
        ))),
        (Payload::Cell(c), "cell_contents") => {
            let v = c.borrow(vm.gil).clone();
            if v.is_null() {
                return Err(vm.value_error("Cell is empty"));
            }
            Some(v)
        }
        _ => None,
    })
}

/// Field attributes of inline values (`(5).real`, `True.imag`, `(1.5).real`).
pub fn inline_value_attr(v: &Value, key: &str) -> Option<Value> {
    match (v, key) {
        (Value::Int(i), "real" | "numerator") => Some(Value::Int(*i)),
        (Value::Bool(b), "real" | "numerator") => Some(Value::Int(*b as i64)),
        (Value::Int(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
        (Value::Int(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
        (Value::Float(f), "real") => Some(Value::Float(*f)),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        _ => None,
    }
}
