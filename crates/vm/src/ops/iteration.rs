//! The iteration protocol: `iter()`, `next()`, collecting and unpacking.

use super::{call_dunder, is_user_object};
use crate::error::PyResult;
use crate::object::{GilCell, Payload};
use crate::types::iter::IterState;
use crate::value::Value;
use crate::vm::Vm;

/// `iter(v)`.
pub fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(it) = crate::containers::get_iter(vm, v) {
        return it;
    }
    match v.payload() {
        Some(Payload::Iterator(_)) | Some(Payload::Generator(_)) => return Ok(v.clone()),
        Some(Payload::File(_)) => return crate::builtins::files::file_iter(vm, v),
        _ => {}
    }
    if is_user_object(v) {
        if let Some(it) = call_dunder(vm, v, "__iter__", vec![])? {
            let class = vm.type_of(&it);
            let next_name = vm.interp.names.next.clone();
            let is_iterator = matches!(
                it.payload(),
                Some(Payload::Iterator(_) | Payload::Generator(_))
            ) || crate::attr::lookup_type_attr(vm, &class, &next_name).is_some();
            if !is_iterator {
                return Err(vm.type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    vm.type_name(&it)
                )));
            }
            return Ok(it);
        }
        let class = vm.type_of(v);
        let getitem = vm.interp.names.getitem.clone();
        if crate::attr::lookup_type_attr(vm, &class, &getitem).is_some() {
            return Ok(Value::new_obj(Payload::Iterator(GilCell::new(
                IterState::GetItem {
                    obj: v.clone(),
                    index: 0,
                },
            ))));
        }
    }
    Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v))))
}

/// `next(it)`: `Some(value)`, or `None` when the iterator is exhausted.
pub fn iter_next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Obj(o) => match o.payload() {
            Payload::Iterator(_) => crate::containers::iter_next(vm, o),
            Payload::Generator(_) => crate::generators::next(vm, o),
            Payload::File(_) => crate::builtins::files::file_next(vm, o),
            _ => {
                if is_user_object(it) {
                    match call_dunder(vm, it, "__next__", vec![]) {
                        Ok(Some(v)) => Ok(Some(v)),
                        Ok(None) => Err(not_an_iterator(vm, it)),
                        Err(e) if vm.err_matches(&e, &vm.interp.exc.stop_iteration.clone()) => {
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    }
                } else {
                    Err(not_an_iterator(vm, it))
                }
            }
        },
        _ => Err(not_an_iterator(vm, it)),
    }
}

fn not_an_iterator(vm: &Vm, it: &Value) -> crate::error::PyErr {
    vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it)))
}

/// All the items of an iterable.
pub fn collect_iterable(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v.payload() {
        Some(Payload::Tuple(items)) => return Ok(items.to_vec()),
        Some(Payload::List(items)) => return Ok(items.borrow(vm.gil).clone()),
        _ => {}
    }
    let it = get_iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = iter_next(vm, &it)? {
        out.push(x);
    }
    Ok(out)
}

fn not_iterable_to_unpack(vm: &Vm, v: &Value) -> crate::error::PyErr {
    vm.type_error(format!(
        "cannot unpack non-iterable {} object",
        vm.type_name(v)
    ))
}

/// Unpacks exactly `n` items (`a, b = v`).
pub fn unpack_exact(vm: &mut Vm, v: &Value, n: usize) -> PyResult<Vec<Value>> {
    if let Some(Payload::Tuple(items)) = v.payload() {
        if items.len() == n {
            return Ok(items.to_vec());
        }
    }
    let it = match get_iter(vm, v) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {
            return Err(not_iterable_to_unpack(vm, v))
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        match iter_next(vm, &it)? {
            Some(x) => out.push(x),
            None => {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    out.len()
                )))
            }
        }
    }
    if iter_next(vm, &it)?.is_some() {
        return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
    }
    Ok(out)
}

/// Unpacks with one starred target: `before` items, a list, `after` items.
pub fn unpack_starred(vm: &mut Vm, v: &Value, before: usize, after: usize) -> PyResult<Vec<Value>> {
    let items = match collect_iterable(vm, v) {
        Ok(items) => items,
        Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {
            return Err(not_iterable_to_unpack(vm, v))
        }
        Err(e) => return Err(e),
    };
    if items.len() < before + after {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mut out = Vec::with_capacity(before + after + 1);
    let middle_end = items.len() - after;
    out.extend(items[..before].iter().cloned());
    out.push(vm.new_list(items[before..middle_end].to_vec()));
    out.extend(items[middle_end..].iter().cloned());
    Ok(out)
}
