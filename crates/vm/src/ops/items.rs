//! Subscripts (`a[k]`, `a[k] = v`, `del a[k]`), `len()` and `in`.

use super::{call_dunder, is_user_object};
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// `container[key]`.
pub fn get_item(vm: &mut Vm, container: &Value, key: &Value) -> PyResult<Value> {
    if let Some(r) = crate::containers::get_item(vm, container, key) {
        return r;
    }
    if is_user_object(container) {
        if let Some(r) = call_dunder(vm, container, "__getitem__", vec![key.clone()])? {
            return Ok(r);
        }
    }
    if let Some(Payload::Type(t)) = container.payload() {
        // `list[int]` and friends: generic aliases are accepted and ignored.
        if t.module == "builtins" {
            return Ok(container.clone());
        }
        let name = t.name.clone();
        let class_getitem = Value::str("__class_getitem__");
        if let Some(f) = crate::attr::get_attr_opt(vm, container, &class_getitem)? {
            return vm.call(&f, vec![key.clone()], vec![]);
        }
        return Err(vm.type_error(format!("type '{name}' is not subscriptable")));
    }
    Err(vm.type_error(format!(
        "'{}' object is not subscriptable",
        vm.type_name(container)
    )))
}

/// `container[key] = value`.
pub fn set_item(vm: &mut Vm, container: &Value, key: Value, value: Value) -> PyResult<()> {
    if let Some(r) = crate::containers::set_item(vm, container, &key, &value) {
        return r;
    }
    if is_user_object(container)
        && call_dunder(vm, container, "__setitem__", vec![key, value])?.is_some()
    {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "'{}' object does not support item assignment",
        vm.type_name(container)
    )))
}

/// `del container[key]`.
pub fn del_item(vm: &mut Vm, container: &Value, key: &Value) -> PyResult<()> {
    if let Some(r) = crate::containers::del_item(vm, container, key) {
        return r;
    }
    if is_user_object(container)
        && call_dunder(vm, container, "__delitem__", vec![key.clone()])?.is_some()
    {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "'{}' object doesn't support item deletion",
        vm.type_name(container)
    )))
}

/// `len(v)`.
pub fn len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    if let Some(n) = crate::containers::len(vm, v) {
        return n;
    }
    if is_user_object(v) {
        if let Some(r) = call_dunder(vm, v, "__len__", vec![])? {
            return match r {
                Value::Int(n) if n >= 0 => Ok(n as usize),
                Value::Int(_) => Err(vm.value_error("__len__() should return >= 0")),
                Value::Bool(b) => Ok(b as usize),
                other => Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&other)
                ))),
            };
        }
    }
    Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v))))
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    if let Some(r) = crate::containers::contains(vm, container, item) {
        return r;
    }
    if is_user_object(container) {
        if let Some(r) = call_dunder(vm, container, "__contains__", vec![item.clone()])? {
            return super::truthy(vm, &r);
        }
    }
    let iter = match super::get_iter(vm, container) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {
            return Err(vm.type_error(format!(
                "argument of type '{}' is not iterable",
                vm.type_name(container)
            )))
        }
        Err(e) => return Err(e),
    };
    while let Some(x) = super::iter_next(vm, &iter)? {
        if x.is(item) || super::eq(vm, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}
