//! The dunder methods of the container types (`[].__len__()`, `str.__add__`,
//! `d.__getitem__(k)`, `list.__hash__ is None`), each a thin wrapper over the
//! operation `crate::ops` performs, so explicit calls agree with the operators.

use super::arguments::{clinic_arity, no_args, no_kwargs, one_arg};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};

fn d_len(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "__len__", args, kwargs)?;
    Ok(Value::Int(crate::ops::len(vm, &args[0])? as i64))
}

fn d_getitem(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let k = one_arg(vm, "__getitem__", args, kwargs)?;
    crate::ops::get_item(vm, &args[0], k)
}

fn d_setitem(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "__setitem__", kwargs)?;
    clinic_arity(vm, "__setitem__", args.len().saturating_sub(1), 2, 2)?;
    crate::ops::set_item(vm, &args[0], args[1].clone(), args[2].clone())?;
    Ok(Value::None)
}

fn d_delitem(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let k = one_arg(vm, "__delitem__", args, kwargs)?;
    crate::ops::del_item(vm, &args[0], k)?;
    Ok(Value::None)
}

fn d_contains(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let k = one_arg(vm, "__contains__", args, kwargs)?;
    Ok(Value::Bool(crate::ops::contains(vm, &args[0], k)?))
}

fn d_iter(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "__iter__", args, kwargs)?;
    crate::ops::get_iter(vm, &args[0])
}

fn d_repr(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "__repr__", args, kwargs)?;
    Ok(Value::str(crate::ops::repr(vm, &args[0])?))
}

fn d_str(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "__str__", args, kwargs)?;
    Ok(Value::str(crate::ops::to_str(vm, &args[0])?))
}

fn d_hash(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_args(vm, "__hash__", args, kwargs)?;
    Ok(Value::Int(crate::ops::hash(vm, &args[0])?))
}

macro_rules! comparison {
    ($fname:ident, $name:literal, $op:ident) => {
        fn $fname(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let other = one_arg(vm, $name, args, kwargs)?;
            match super::compare(vm, ComparisonOperator::$op, &args[0], other) {
                Some(r) => r.map(Value::Bool),
                None => Ok(vm.interp.not_implemented.clone()),
            }
        }
    };
}

comparison!(d_eq, "__eq__", Equal);
comparison!(d_ne, "__ne__", NotEqual);
comparison!(d_lt, "__lt__", Less);
comparison!(d_le, "__le__", LessOrEqual);
comparison!(d_gt, "__gt__", Greater);
comparison!(d_ge, "__ge__", GreaterOrEqual);

macro_rules! binary {
    ($fname:ident, $name:literal, $op:ident, $reflected:literal) => {
        fn $fname(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let other = one_arg(vm, $name, args, kwargs)?;
            let (a, b) = if $reflected {
                (other, &args[0])
            } else {
                (&args[0], other)
            };
            match super::binary(vm, BinaryOperator::$op, a, b) {
                Some(r) => r,
                None => Ok(vm.interp.not_implemented.clone()),
            }
        }
    };
}

binary!(d_add, "__add__", Add, false);
binary!(d_mul, "__mul__", Multiply, false);
binary!(d_rmul, "__rmul__", Multiply, true);
binary!(d_mod, "__mod__", Remainder, false);
binary!(d_or, "__or__", Or, false);
binary!(d_and, "__and__", And, false);
binary!(d_sub, "__sub__", Subtract, false);
binary!(d_xor, "__xor__", Xor, false);

macro_rules! inplace {
    ($fname:ident, $name:literal, $op:ident) => {
        fn $fname(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let other = one_arg(vm, $name, args, kwargs)?;
            match super::inplace(vm, BinaryOperator::$op, &args[0], other) {
                Some(r) => r,
                None => Ok(vm.interp.not_implemented.clone()),
            }
        }
    };
}

inplace!(d_iadd, "__iadd__", Add);
inplace!(d_imul, "__imul__", Multiply);
inplace!(d_ior, "__ior__", Or);
inplace!(d_iand, "__iand__", And);
inplace!(d_isub, "__isub__", Subtract);
inplace!(d_ixor, "__ixor__", Xor);

fn add_all(vm: &Vm, class: &ObjRef, methods: &[(&'static str, NativeFn)]) {
    for &(name, f) in methods {
        crate::bootstrap::add_method(vm, class, name, f);
    }
}

fn set_none(vm: &Vm, class: &ObjRef, name: &str) {
    if let Some(t) = class.as_type() {
        let old = t
            .dict
            .borrow_mut(vm.gil)
            .set_str(Value::str(name), Value::None);
        drop(old);
    }
}

/// Installs the dunder methods on every container type.
pub fn register(vm: &Vm) {
    let t = vm.types();
    let common: &[(&'static str, NativeFn)] = &[
        ("__len__", d_len),
        ("__contains__", d_contains),
        ("__iter__", d_iter),
        ("__repr__", d_repr),
        ("__eq__", d_eq),
        ("__ne__", d_ne),
    ];
    let ordered: &[(&'static str, NativeFn)] = &[
        ("__lt__", d_lt),
        ("__le__", d_le),
        ("__gt__", d_gt),
        ("__ge__", d_ge),
    ];
    let sequence: &[(&'static str, NativeFn)] = &[
        ("__getitem__", d_getitem),
        ("__add__", d_add),
        ("__mul__", d_mul),
        ("__rmul__", d_rmul),
    ];
    let set_ops: &[(&'static str, NativeFn)] = &[
        ("__or__", d_or),
        ("__and__", d_and),
        ("__sub__", d_sub),
        ("__xor__", d_xor),
    ];
    for class in [&t.str, &t.bytes, &t.list, &t.tuple] {
        add_all(vm, class, common);
        add_all(vm, class, ordered);
        add_all(vm, class, sequence);
    }
    for class in [&t.str, &t.bytes, &t.tuple, &t.frozenset, &t.range] {
        crate::bootstrap::add_method(vm, class, "__hash__", d_hash);
    }
    crate::bootstrap::add_method(vm, &t.str, "__mod__", d_mod);
    crate::bootstrap::add_method(vm, &t.str, "__str__", d_str);
    add_all(
        vm,
        &t.list,
        &[
            ("__setitem__", d_setitem),
            ("__delitem__", d_delitem),
            ("__iadd__", d_iadd),
            ("__imul__", d_imul),
        ],
    );
    add_all(vm, &t.dict, common);
    add_all(
        vm,
        &t.dict,
        &[
            ("__getitem__", d_getitem),
            ("__setitem__", d_setitem),
            ("__delitem__", d_delitem),
            ("__or__", d_or),
            ("__ior__", d_ior),
        ],
    );
    for class in [&t.set, &t.frozenset] {
        add_all(vm, class, common);
        add_all(vm, class, ordered);
        add_all(vm, class, set_ops);
    }
    add_all(
        vm,
        &t.set,
        &[
            ("__ior__", d_ior),
            ("__iand__", d_iand),
            ("__isub__", d_isub),
            ("__ixor__", d_ixor),
        ],
    );
    add_all(vm, &t.range, common);
    crate::bootstrap::add_method(vm, &t.range, "__getitem__", d_getitem);
    for class in [&t.dict_keys, &t.dict_values, &t.dict_items] {
        add_all(
            vm,
            class,
            &[
                ("__len__", d_len),
                ("__contains__", d_contains),
                ("__iter__", d_iter),
                ("__repr__", d_repr),
            ],
        );
    }
    for class in [&t.dict_keys, &t.dict_items] {
        add_all(vm, class, ordered);
        add_all(vm, class, set_ops);
        add_all(vm, class, &[("__eq__", d_eq), ("__ne__", d_ne)]);
    }
    add_all(
        vm,
        &t.slice,
        &[("__repr__", d_repr), ("__eq__", d_eq), ("__ne__", d_ne)],
    );
    for class in [&t.list, &t.dict, &t.set, &t.slice] {
        set_none(vm, class, "__hash__");
    }
}
