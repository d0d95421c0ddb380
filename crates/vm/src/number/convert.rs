//! Conversions between numbers and other values, including the user-defined
//! `__index__`, `__int__`, `__float__` and `__trunc__` protocols.

use super::{as_int, int_from_bigint, num, parse, Int, Num};
use crate::error::PyResult;
use crate::object::Payload;
use crate::ops::{call_dunder, is_user_object};
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::FromPrimitive;

/// `operator.index(v)`: an int value (bools become plain ints), via `__index__` for
/// user objects.
pub fn index(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => return Ok(v.clone()),
        _ => {}
    }
    if is_user_object(v) {
        if let Some(r) = call_dunder(vm, v, "__index__", vec![])? {
            return match as_int(&r) {
                Some(i) => Ok(i.to_value()),
                None => Err(vm.type_error(format!(
                    "__index__ returned non-int (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    Err(vm.type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        vm.type_name(v)
    )))
}

/// `index(v)` as an `i64`; `overflow` is the OverflowError message for big values.
pub fn index_i64(vm: &mut Vm, v: &Value, overflow: &str) -> PyResult<i64> {
    match index(vm, v)? {
        Value::Int(i) => Ok(i),
        _ => Err(vm.overflow_error(overflow)),
    }
}

/// A float from an int or float value only (no dunders).
pub fn exact_f64(vm: &Vm, v: &Value) -> Option<PyResult<f64>> {
    match num(v)? {
        Num::Int(i) => Some(Ok(i as f64)),
        Num::Big(b) => Some(Int::Big(b).to_f64(vm)),
        Num::Float(f) => Some(Ok(f)),
        Num::Complex(..) => None,
    }
}

/// `PyFloat_AsDouble`: ints, floats, `__float__` and `__index__`; TypeError
/// `must be real number, not str` otherwise.
pub fn to_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(r) = exact_f64(vm, v) {
        return r;
    }
    if let Some(f) = user_float(vm, v)? {
        return Ok(f);
    }
    Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}

/// `__float__` (or `__index__`) of a user object, if it has one.
fn user_float(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    if !is_user_object(v) {
        return Ok(None);
    }
    if let Some(r) = call_dunder(vm, v, "__float__", vec![])? {
        return match r {
            Value::Float(f) => Ok(Some(f)),
            other => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(v),
                vm.type_name(&other)
            ))),
        };
    }
    if let Some(r) = call_dunder(vm, v, "__index__", vec![])? {
        return match as_int(&r) {
            Some(i) => Ok(Some(i.to_f64(vm)?)),
            None => Err(vm.type_error(format!(
                "__index__ returned non-int (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    Ok(None)
}

/// Truncates a float to an int value, with CPython's errors for inf and NaN.
pub fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(int_from_bigint(BigInt::from_f64(t).unwrap_or_default()))
}

/// The text of a str or bytes value, for parsing numbers.
pub fn text_of(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v.payload()? {
        Payload::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
        Payload::Bytes(b) => Some(String::from_utf8_lossy(b)),
        _ => None,
    }
}

/// `repr()` of a str or bytes value for error messages (CPython cuts it at 200
/// characters).
fn short_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let r = crate::ops::repr(vm, v)?;
    if r.chars().count() > 200 {
        return Ok(r.chars().take(200).collect());
    }
    Ok(r)
}

/// `int(s, base)` for a str or bytes value.
pub fn int_from_text(vm: &mut Vm, v: &Value, text: &str, base: u32) -> PyResult<Value> {
    match parse::parse_int(text, base) {
        Ok(r) => Ok(r),
        Err(parse::IntParseError::TooManyDigits(n)) => Err(vm.value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {n} digits; \
             use sys.set_int_max_str_digits() to increase the limit",
            parse::MAX_STR_DIGITS
        ))),
        Err(parse::IntParseError::Invalid) => {
            let shown = short_repr(vm, v)?;
            Err(vm.value_error(format!(
                "invalid literal for int() with base {base}: {shown}"
            )))
        }
    }
}

/// `int(x)` with one argument.
pub fn int_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match num(v) {
        Some(Num::Int(i)) => return Ok(Value::Int(i)),
        Some(Num::Big(_)) => return Ok(v.clone()),
        Some(Num::Float(f)) => return float_to_int(vm, f),
        _ => {}
    }
    if let Some(text) = text_of(v) {
        return int_from_text(vm, v, &text, 10);
    }
    if is_user_object(v) {
        for name in ["__int__", "__index__"] {
            if let Some(r) = call_dunder(vm, v, name, vec![])? {
                return match as_int(&r) {
                    Some(i) => Ok(i.to_value()),
                    None => Err(vm.type_error(format!(
                        "{name} returned non-int (type {})",
                        vm.type_name(&r)
                    ))),
                };
            }
        }
        if let Some(r) = call_dunder(vm, v, "__trunc__", vec![])? {
            return match as_int(&r) {
                Some(i) => Ok(i.to_value()),
                None => Err(vm.type_error(format!(
                    "__trunc__ returned non-Integral (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(v)
    )))
}

/// `float(x)`.
pub fn float_of(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(r) = exact_f64(vm, v) {
        return r;
    }
    if let Some(text) = text_of(v) {
        return match parse::parse_float(&text) {
            Some(f) => Ok(f),
            None => {
                let shown = short_repr(vm, v)?;
                Err(vm.value_error(format!("could not convert string to float: {shown}")))
            }
        };
    }
    if let Some(f) = user_float(vm, v)? {
        return Ok(f);
    }
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(v)
    )))
}
