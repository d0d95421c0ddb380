//! The live dict views `d.keys()`, `d.values()`, `d.items()`: length, membership,
//! repr, and the set operations and comparisons of the key and item views.

use super::arguments::{descriptor_error, one_arg};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::iter::DictPart;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};

/// The items a view yields, in dict order.
pub fn items(vm: &Vm, dict: &ObjRef, part: DictPart) -> Vec<Value> {
    super::dict::pairs(vm, dict)
        .into_iter()
        .map(|(k, v)| match part {
            DictPart::Keys => k,
            DictPart::Values => v,
            DictPart::Items => vm.new_tuple(vec![k, v]),
        })
        .collect()
}

/// `x in view`.
pub fn contains(vm: &mut Vm, dict: &ObjRef, part: DictPart, x: &Value) -> PyResult<bool> {
    match part {
        DictPart::Keys => Ok(crate::ops::dict_get_item(vm, dict, x)?.is_some()),
        DictPart::Items => {
            let Some(Payload::Tuple(kv)) = x.payload() else {
                return Ok(false);
            };
            let [k, v] = &kv[..] else {
                return Ok(false);
            };
            match crate::ops::dict_get_item(vm, dict, k)? {
                Some(found) => super::sequence::item_eq(vm, &found, v),
                None => Ok(false),
            }
        }
        DictPart::Values => {
            for v in items(vm, dict, DictPart::Values) {
                if super::sequence::item_eq(vm, &v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// `repr(view)`: `dict_keys(['a', 'b'])`.
pub fn repr(vm: &mut Vm, view: &ObjRef, dict: &ObjRef, part: DictPart) -> PyResult<String> {
    let name = match part {
        DictPart::Keys => "dict_keys",
        DictPart::Values => "dict_values",
        DictPart::Items => "dict_items",
    };
    super::repr::guarded(vm, view, "...", |vm| {
        let mut out = format!("{name}([");
        let list = items(vm, dict, part);
        super::repr::push_items(vm, &mut out, &list)?;
        out.push_str("])");
        Ok(out)
    })
}

/// CPython's `dictviews_to_set`: a keys view converts through its dict (one presized
/// table), anything else by iteration.
fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.payload() {
        Some(Payload::DictView(d, DictPart::Keys)) => {
            let dict = Value::Obj(d.clone());
            super::set::set_from(vm, &dict)
        }
        _ => super::set::set_from(vm, v),
    }
}

/// `view op other` for `& | - ^` on key and item views (either side may be the view),
/// following CPython's `dictviews_*` functions.
pub fn binary(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    if !matches!(op, And | Or | Subtract | Xor) {
        return None;
    }
    let set_like =
        |v: &Value| matches!(v.payload(), Some(Payload::DictView(_, p)) if *p != DictPart::Values);
    if !set_like(a) && !set_like(b) {
        return None;
    }
    let other = if set_like(a) { b } else { a };
    if crate::ops::is_user_object(other) || crate::ops::get_iter(vm, other).is_err() {
        return None;
    }
    Some(match op {
        And => intersect(vm, a, b),
        Or => to_set(vm, a).and_then(|r| super::set::update_internal(vm, &r, b).map(|_| r)),
        Subtract => {
            to_set(vm, a).and_then(|r| super::set::difference_update_internal(vm, &r, b).map(|_| r))
        }
        _ => to_set(vm, a)
            .and_then(|r| super::set::symmetric_difference_update(vm, &r, b).map(|_| r)),
    })
}

/// CPython's `dictviews_and`: iterate the other operand, keep what the view holds.
fn intersect(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let is_view = |v: &Value| matches!(v.payload(), Some(Payload::DictView(..)));
    let (view, other) = if is_view(a) { (a, b) } else { (b, a) };
    let len_of = |vm: &mut Vm, v: &Value| crate::ops::len(vm, v);
    let view_len = len_of(vm, view)?;
    if matches!(other.payload(), Some(Payload::Set(_))) && view_len <= len_of(vm, other)? {
        return super::set::intersection(vm, other, view);
    }
    let (view, other) = if is_view(other) && len_of(vm, other)? > view_len {
        (other, view)
    } else {
        (view, other)
    };
    let Some(Payload::DictView(d, part)) = view.payload() else {
        return super::set::set_from(vm, other);
    };
    let (d, part) = (d.clone(), *part);
    let result = crate::ops::new_set_from(vm, Vec::new())?;
    let it = crate::ops::get_iter(vm, other)?;
    while let Some(x) = crate::ops::iter_next(vm, &it)? {
        if contains(vm, &d, part, &x)? {
            crate::ops::set_add(vm, &result, x)?;
        }
    }
    Ok(result)
}

/// Comparisons of key and item views with sets and other views, as sets.
pub fn compare(
    vm: &mut Vm,
    op: ComparisonOperator,
    a: &Value,
    b: &Value,
) -> Option<PyResult<bool>> {
    let as_set = |vm: &mut Vm, v: &Value| -> Option<PyResult<Value>> {
        match v.payload()? {
            Payload::DictView(_, p) if *p != DictPart::Values => Some(to_set(vm, v)),
            Payload::Set(_) | Payload::FrozenSet(_) => Some(Ok(v.clone())),
            _ => None,
        }
    };
    let is_view = |v: &Value| matches!(v.payload(), Some(Payload::DictView(..)));
    if !is_view(a) && !is_view(b) {
        return None;
    }
    let left = match as_set(vm, a)? {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    let right = match as_set(vm, b)? {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    super::set::compare(vm, op, &left, &right)
}

/// `view.isdisjoint(other)`.
fn isdisjoint(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Payload::DictView(d, part)) = args.first().and_then(|v| v.payload()) else {
        return Err(descriptor_error(
            vm,
            "dict_keys",
            "isdisjoint",
            args.first(),
        ));
    };
    let (d, part) = (d.clone(), *part);
    let other = one_arg(vm, "isdisjoint", args, kwargs)?.clone();
    let it = crate::ops::get_iter(vm, &other)?;
    while let Some(x) = crate::ops::iter_next(vm, &it)? {
        if contains(vm, &d, part, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Installs the view methods.
pub fn register(vm: &Vm) {
    for c in [vm.types().dict_keys.clone(), vm.types().dict_items.clone()] {
        crate::bootstrap::add_method(vm, &c, "isdisjoint", isdisjoint);
    }
}
