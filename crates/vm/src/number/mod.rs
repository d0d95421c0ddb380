//! Numbers: `int` (inline i64 with a BigInt overflow path), `float`, `bool`, `complex`.
//! Arithmetic, comparison, hashing, repr and formatting with CPython's semantics.
//! (Minimal bootstrap version: the numbers owner expands it.)

use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator, UnaryOperator};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// A BigInt as a value, normalized to an inline int when it fits.
pub fn int_from_bigint(i: BigInt) -> Value {
    match i.to_i64() {
        Some(v) => Value::Int(v),
        None => Value::new_obj(Payload::BigInt(i)),
    }
}

/// `a op b` for numeric operands; `None` when either is not a number.
pub fn binary(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            Some(Ok(match op {
                Add => x.checked_add(y).map(Value::Int)?,
                Subtract => x.checked_sub(y).map(Value::Int)?,
                Multiply => x.checked_mul(y).map(Value::Int)?,
                _ => return None,
            }))
        }
        (Value::Float(x), Value::Float(y)) => Some(Ok(Value::Float(match op {
            Add => x + y,
            Subtract => x - y,
            Multiply => x * y,
            TrueDivide => {
                if *y == 0.0 {
                    return Some(Err(vm.zero_division_error("float division by zero")));
                }
                x / y
            }
            _ => return None,
        }))),
        _ => None,
    }
}

/// `op a` for numbers.
pub fn unary(_vm: &mut Vm, op: UnaryOperator, a: &Value) -> Option<PyResult<Value>> {
    match (op, a) {
        (UnaryOperator::Negative, Value::Int(i)) => i.checked_neg().map(|v| Ok(Value::Int(v))),
        (UnaryOperator::Negative, Value::Float(f)) => Some(Ok(Value::Float(-f))),
        _ => None,
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Numeric comparison; `None` when either operand is not a number.
pub fn compare(op: ComparisonOperator, a: &Value, b: &Value) -> Option<bool> {
    use ComparisonOperator::*;
    let ord = match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.partial_cmp(y),
        _ => as_f64(a)?.partial_cmp(&as_f64(b)?),
    };
    Some(match op {
        Less => ord == Some(std::cmp::Ordering::Less),
        LessOrEqual => matches!(ord, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
        Equal => ord == Some(std::cmp::Ordering::Equal),
        NotEqual => ord != Some(std::cmp::Ordering::Equal),
        Greater => ord == Some(std::cmp::Ordering::Greater),
        GreaterOrEqual => matches!(ord, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
    })
}

/// Numeric equality without Python calls; `None` for non-numbers.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    compare(ComparisonOperator::Equal, a, b)
}

/// `hash()` of a number; `None` for non-numbers.
pub fn hash(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(if *i == -1 { -2 } else { *i }),
        Value::Bool(b) => Some(*b as i64),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9e15 => Some(*f as i64),
        Value::Float(f) => Some(f.to_bits() as i64),
        _ => None,
    }
}

/// `repr()` of a number; `None` for non-numbers.
pub fn repr(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::Float(f) => Some(format!("{f:?}")),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(i) => Some(i.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// `format(v, spec)` for numbers; `None` for non-numbers.
pub fn format(_vm: &mut Vm, v: &Value, spec: &str) -> Option<PyResult<String>> {
    if spec.is_empty() {
        return repr(v).map(Ok);
    }
    None
}

/// `bool(v)` for numbers.
pub fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Int(i) => Some(*i != 0),
        Value::Bool(b) => Some(*b),
        Value::Float(f) => Some(*f != 0.0),
        Value::None => Some(false),
        _ => None,
    }
}

/// Installs the numeric constructors and methods.
pub fn register(_vm: &Vm) {}
