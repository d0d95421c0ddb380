//! The `copy` module: shallow `copy` and recursive `deepcopy` (with a memo, so shared
//! and cyclic structures are copied once), honouring `__copy__`/`__deepcopy__`.

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::class::InstanceObj;
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;
use std::collections::HashMap;

/// Values that are never copied (immutable, or identity is the point).
fn is_atomic(v: &Value) -> bool {
    match v.payload() {
        None => true,
        Some(p) => matches!(
            p,
            Payload::Str(_)
                | Payload::BigInt(_)
                | Payload::Complex(..)
                | Payload::Bytes(_)
                | Payload::FrozenSet(_)
                | Payload::Range(_)
                | Payload::Slice(_)
                | Payload::Function(_)
                | Payload::NativeFunction(_)
                | Payload::Type(_)
                | Payload::Module(_)
                | Payload::Code(_)
                | Payload::Singleton(_)
                | Payload::Property(_)
                | Payload::File(_)
        ),
    }
}

/// Objects with OS-level state (locks) cannot be copied; CPython's copy falls back
/// to pickling them, which refuses.
fn refuse_native(vm: &Vm, x: &Value) -> PyResult<()> {
    if matches!(x.payload(), Some(Payload::Native(_))) {
        let name = vm.type_name(x);
        return Err(vm.type_error(format!("cannot pickle '{name}' object")));
    }
    Ok(())
}

/// A user-defined `__copy__`/`__deepcopy__` of the value's class.
fn hook(vm: &Vm, v: &Value, name: &str) -> Option<Value> {
    if !crate::ops::is_user_object(v) {
        return None;
    }
    let class = vm.type_of(v);
    crate::attr::lookup_type_attr(vm, &class, &Value::str(name))
}

fn copy_dict(vm: &Vm, d: &GilCell<Dict>) -> Dict {
    let d = d.borrow(vm.gil);
    let mut out = Dict::with_capacity(d.len());
    for e in d.iter() {
        out.insert_new(e.hash, e.key.clone(), e.value.clone());
    }
    out
}

/// A new instance of `v`'s class without running `__init__`, with a copy of its
/// attributes.
fn copy_instance(vm: &Vm, inst: &InstanceObj) -> Value {
    let new = InstanceObj::new(inst.class.clone());
    *new.dict.borrow_mut(vm.gil) = copy_dict(vm, &inst.dict);
    Value::new_obj(Payload::Instance(new))
}

/// `copy.copy(x)`.
pub fn shallow_copy(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    if is_atomic(x) {
        return Ok(x.clone());
    }
    if let Some(f) = hook(vm, x, "__copy__") {
        return vm.call(&f, vec![x.clone()], vec![]);
    }
    refuse_native(vm, x)?;
    Ok(match x.payload() {
        Some(Payload::List(l)) => {
            let items = l.borrow(vm.gil).clone();
            vm.new_list(items)
        }
        Some(Payload::Dict(d)) => {
            let copy = copy_dict(vm, d);
            vm.new_dict(copy)
        }
        Some(Payload::Set(s)) => {
            let items: Vec<Value> = s.borrow(vm.gil).iter().map(|(_, v)| v.clone()).collect();
            crate::ops::new_set_from(vm, items)?
        }
        Some(Payload::Instance(inst)) => copy_instance(vm, inst),
        _ => x.clone(),
    })
}

fn deep(vm: &mut Vm, x: &Value, memo: &mut HashMap<i64, Value>) -> PyResult<Value> {
    if is_atomic(x) {
        return Ok(x.clone());
    }
    if let Some(done) = memo.get(&x.id()) {
        return Ok(done.clone());
    }
    vm.enter_recursion(" while deep-copying an object")?;
    let result = deep_uncached(vm, x, memo);
    vm.leave_recursion();
    result
}

fn deep_uncached(vm: &mut Vm, x: &Value, memo: &mut HashMap<i64, Value>) -> PyResult<Value> {
    if let Some(f) = hook(vm, x, "__deepcopy__") {
        let memo_dict = vm.new_dict(Dict::new());
        let copy = vm.call(&f, vec![x.clone(), memo_dict], vec![])?;
        memo.insert(x.id(), copy.clone());
        return Ok(copy);
    }
    refuse_native(vm, x)?;
    match x.payload() {
        Some(Payload::List(l)) => {
            let new = vm.new_list(Vec::new());
            memo.insert(x.id(), new.clone());
            let items = l.borrow(vm.gil).clone();
            let mut copied = Vec::with_capacity(items.len());
            for item in &items {
                copied.push(deep(vm, item, memo)?);
            }
            if let Some(Payload::List(nl)) = new.payload() {
                *nl.borrow_mut(vm.gil) = copied;
            }
            Ok(new)
        }
        Some(Payload::Tuple(items)) => {
            let mut copied = Vec::with_capacity(items.len());
            for item in items.iter() {
                copied.push(deep(vm, item, memo)?);
            }
            if copied.iter().zip(items.iter()).all(|(a, b)| a.is(b)) {
                return Ok(x.clone());
            }
            if let Some(done) = memo.get(&x.id()) {
                return Ok(done.clone());
            }
            let t = vm.new_tuple(copied);
            memo.insert(x.id(), t.clone());
            Ok(t)
        }
        Some(Payload::Dict(d)) => {
            let new = vm.new_dict(Dict::new());
            memo.insert(x.id(), new.clone());
            let pairs: Vec<(Value, Value)> = d
                .borrow(vm.gil)
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            let target = new.as_obj().cloned().ok_or_else(|| vm.type_error("dict"))?;
            for (k, v) in pairs {
                let k = deep(vm, &k, memo)?;
                let v = deep(vm, &v, memo)?;
                crate::ops::dict_set_item(vm, &target, k, v)?;
            }
            Ok(new)
        }
        Some(Payload::Set(s)) => {
            let items: Vec<Value> = s.borrow(vm.gil).iter().map(|(_, v)| v.clone()).collect();
            let mut copied = Vec::with_capacity(items.len());
            for item in &items {
                copied.push(deep(vm, item, memo)?);
            }
            let new = crate::ops::new_set_from(vm, copied)?;
            memo.insert(x.id(), new.clone());
            Ok(new)
        }
        Some(Payload::Instance(inst)) => {
            let new = InstanceObj::new(inst.class.clone());
            let new = Value::new_obj(Payload::Instance(new));
            memo.insert(x.id(), new.clone());
            let pairs: Vec<(Value, Value)> = inst
                .dict
                .borrow(vm.gil)
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            for (k, v) in pairs {
                let v = deep(vm, &v, memo)?;
                crate::attr::set_attr_direct(vm, &new, &k, v)?;
            }
            Ok(new)
        }
        _ => Ok(x.clone()),
    }
}

fn copy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::exactly_one(vm, "copy", args, kw)?;
    shallow_copy(vm, x)
}

fn deepcopy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "deepcopy", kw, &["memo"])?;
    args::count(vm, "deepcopy", args, 1, 2)?;
    let mut memo = HashMap::new();
    deep(vm, &args[0], &mut memo)
}

/// Builds `copy`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("copy");
    add_fn(vm, &m, "copy", copy);
    add_fn(vm, &m, "deepcopy", deepcopy);
    let error = vm.interp.exc.exception.clone();
    super::set_attr(vm, &m, "Error", Value::Obj(error));
    m
}
