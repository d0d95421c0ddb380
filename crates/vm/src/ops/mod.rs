//! Operator dispatch: what `a + b`, `-a`, `a < b` and `if a:` do for any values.
//!
//! Each operation tries the built-in types first (`crate::number`, `crate::containers`:
//! they answer `None` when the operands are not theirs), then the user-defined dunder
//! methods with CPython's reflected-operand rules, then raises CPython's TypeError.

mod control;
mod items;
mod iteration;
pub(crate) mod keys;
mod text;

pub use control::{before_with, exception_matches, kwargs_pairs, make_raisable};
pub use items::{contains, del_item, get_item, len, set_item};
pub use iteration::{collect_iterable, get_iter, iter_next, unpack_exact, unpack_starred};
pub use keys::{
    callable_name, dict_del_item, dict_from_pairs, dict_get_item, dict_set_item, dict_update, eq,
    fast_eq, has_user_eq, hash, new_set_from, set_add, set_contains, set_discard, user_eq,
};
pub use text::{ascii, format, repr, to_str};

use crate::attr::lookup_type_attr;
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator, UnaryOperator};

/// The dunder names of a binary operator: (normal, reflected, in-place).
fn binary_dunders(op: BinaryOperator) -> (&'static str, &'static str, &'static str) {
    use BinaryOperator::*;
    match op {
        Add => ("__add__", "__radd__", "__iadd__"),
        Subtract => ("__sub__", "__rsub__", "__isub__"),
        Multiply => ("__mul__", "__rmul__", "__imul__"),
        MatrixMultiply => ("__matmul__", "__rmatmul__", "__imatmul__"),
        TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
        FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        Remainder => ("__mod__", "__rmod__", "__imod__"),
        Power => ("__pow__", "__rpow__", "__ipow__"),
        LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        Or => ("__or__", "__ror__", "__ior__"),
        Xor => ("__xor__", "__rxor__", "__ixor__"),
        And => ("__and__", "__rand__", "__iand__"),
    }
}

/// True when a value's class is user-defined (so dunder methods may apply).
#[inline]
pub fn is_user_object(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(Payload::Instance(_)) | Some(Payload::Exception(_)) | Some(Payload::Native(_))
    )
}

/// True for a method that is only the generic default of `object` or `BaseException`
/// (so a class "does not define" the dunder in the sense that matters).
pub fn is_default_native(f: &Value) -> bool {
    matches!(
        f.payload(),
        Some(Payload::NativeFunction(nf)) if matches!(nf.owner, Some("object") | Some("BaseException"))
    )
}

/// Calls the dunder `name` of `obj`'s class with `args`, if the class defines it.
pub(crate) fn call_dunder(
    vm: &mut Vm,
    obj: &Value,
    name: &str,
    args: Vec<Value>,
) -> PyResult<Option<Value>> {
    let class = vm.type_of(obj);
    let key = Value::str(name);
    let Some(f) = lookup_type_attr(vm, &class, &key) else {
        return Ok(None);
    };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(obj.clone());
    full.extend(args);
    let f = match f.payload() {
        Some(Payload::StaticMethod(inner)) => {
            full.remove(0);
            inner.clone()
        }
        _ => f,
    };
    vm.call(&f, full, vec![]).map(Some)
}

fn is_not_implemented(vm: &Vm, v: &Value) -> bool {
    v.is(&vm.interp.not_implemented)
}

/// `a op b`.
pub fn binary_op(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(r) = crate::number::binary(vm, op, a, b) {
        return r;
    }
    if let Some(r) = crate::containers::binary(vm, op, a, b) {
        return r;
    }
    let (name, rname, _) = binary_dunders(op);
    if is_user_object(a) {
        if let Some(r) = call_dunder(vm, a, name, vec![b.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    if is_user_object(b) {
        if let Some(r) = call_dunder(vm, b, rname, vec![a.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    Err(unsupported_operands(vm, op.symbol(), a, b))
}

/// The TypeError for operands no implementation accepts.
pub fn unsupported_operands(vm: &Vm, symbol: &str, a: &Value, b: &Value) -> crate::error::PyErr {
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    if symbol == "**" {
        return vm.type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{ta}' and '{tb}'"
        ));
    }
    vm.type_error(format!(
        "unsupported operand type(s) for {symbol}: '{ta}' and '{tb}'"
    ))
}

/// `a op= b`: in place where the type supports it, else `a op b`.
pub fn inplace_op(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(r) = crate::containers::inplace(vm, op, a, b) {
        return r;
    }
    if is_user_object(a) {
        let (_, _, iname) = binary_dunders(op);
        if let Some(r) = call_dunder(vm, a, iname, vec![b.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    match binary_op(vm, op, a, b) {
        Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {
            // CPython names the in-place operator in this message.
            let msg = crate::exceptions::exception_args(vm, &e.0)
                .first()
                .and_then(|m| m.as_str().map(str::to_string))
                .unwrap_or_default();
            let prefix = format!("unsupported operand type(s) for {}:", op.symbol());
            if let Some(rest) = msg.strip_prefix(&prefix) {
                return Err(vm.type_error(format!(
                    "unsupported operand type(s) for {}=:{rest}",
                    op.symbol()
                )));
            }
            Err(e)
        }
        other => other,
    }
}

/// `op a` for `-`, `+`, `~` and `not`.
pub fn unary_op(vm: &mut Vm, op: UnaryOperator, a: &Value) -> PyResult<Value> {
    if op == UnaryOperator::Not {
        return Ok(Value::Bool(!truthy(vm, a)?));
    }
    if let Some(r) = crate::number::unary(vm, op, a) {
        return r;
    }
    let (name, symbol) = match op {
        UnaryOperator::Negative => ("__neg__", "-"),
        UnaryOperator::Positive => ("__pos__", "+"),
        UnaryOperator::Invert => ("__invert__", "~"),
        UnaryOperator::Not => unreachable!(),
    };
    if is_user_object(a) {
        if let Some(r) = call_dunder(vm, a, name, vec![])? {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!(
        "bad operand type for unary {symbol}: '{}'",
        vm.type_name(a)
    )))
}

fn compare_dunders(op: ComparisonOperator) -> (&'static str, &'static str) {
    use ComparisonOperator::*;
    match op {
        Less => ("__lt__", "__gt__"),
        LessOrEqual => ("__le__", "__ge__"),
        Equal => ("__eq__", "__eq__"),
        NotEqual => ("__ne__", "__ne__"),
        Greater => ("__gt__", "__lt__"),
        GreaterOrEqual => ("__ge__", "__le__"),
    }
}

/// `a op b` for the rich comparisons; returns whatever the comparison returns
/// (usually a bool).
pub fn compare(vm: &mut Vm, op: ComparisonOperator, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(r) = crate::number::compare(op, a, b) {
        return Ok(Value::Bool(r));
    }
    if let Some(r) = crate::containers::compare(vm, op, a, b) {
        return r.map(Value::Bool);
    }
    if matches!(op, ComparisonOperator::Equal | ComparisonOperator::NotEqual)
        && !is_user_object(a)
        && !is_user_object(b)
    {
        if let Some(r) = keys::fast_eq(a, b) {
            return Ok(Value::Bool(r == (op == ComparisonOperator::Equal)));
        }
    }
    let (name, reflected) = compare_dunders(op);
    // A subclass's reflected method goes first, as in CPython.
    let b_first = is_user_object(b) && {
        let (ta, tb) = (vm.type_of(a), vm.type_of(b));
        !ta.is(&tb) && vm.is_subclass(&tb, &ta)
    };
    if b_first {
        if let Some(r) = call_dunder(vm, b, reflected, vec![a.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    if is_user_object(a) {
        if let Some(r) = call_dunder(vm, a, name, vec![b.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    if is_user_object(b) && !b_first {
        if let Some(r) = call_dunder(vm, b, reflected, vec![a.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    match op {
        ComparisonOperator::Equal => Ok(Value::Bool(a.is(b))),
        ComparisonOperator::NotEqual => {
            // `!=` falls back to the negation of a user-defined `__eq__`.
            if is_user_object(a) {
                if let Some(r) = call_dunder(vm, a, "__eq__", vec![b.clone()])? {
                    if !is_not_implemented(vm, &r) {
                        return Ok(Value::Bool(!truthy(vm, &r)?));
                    }
                }
            }
            Ok(Value::Bool(!a.is(b)))
        }
        _ => Err(vm.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            vm.type_name(a),
            vm.type_name(b)
        ))),
    }
}

/// `a < b` as a Rust bool (sorting, `min`, `max`).
pub fn less_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = crate::number::compare(ComparisonOperator::Less, a, b) {
        return Ok(r);
    }
    let r = compare(vm, ComparisonOperator::Less, a, b)?;
    truthy(vm, &r)
}

/// `bool(v)`.
pub fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Some(b) = crate::number::truthy(v) {
        return Ok(b);
    }
    if let Some(n) = crate::containers::len(vm, v) {
        return Ok(n? > 0);
    }
    if is_user_object(v) {
        if let Some(r) = call_dunder(vm, v, "__bool__", vec![])? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => Err(vm.type_error(format!(
                    "__bool__ should return bool, returned {}",
                    vm.type_name(&other)
                ))),
            };
        }
        if let Some(r) = call_dunder(vm, v, "__len__", vec![])? {
            return match r {
                Value::Int(n) => Ok(n != 0),
                Value::Bool(b) => Ok(b),
                other => Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&other)
                ))),
            };
        }
    }
    Ok(true)
}
