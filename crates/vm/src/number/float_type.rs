//! The `float` type: the constructor and the methods of floats (`is_integer`,
//! `as_integer_ratio`, `hex`, `fromhex`, `__round__`, ...).

use super::args::{at_most, no_args, no_kwargs, one_arg};
use super::convert::{float_of, float_to_int, index};
use super::rounding::{round_float, round_float_to_int};
use super::{int_from_bigint, ldexp};
use crate::bootstrap::{add_classmethod, add_method, add_staticmethod};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;

/// Installs the `float` constructor and methods.
pub fn register(vm: &Vm) {
    let float = vm.types().float.clone();
    add_staticmethod(vm, &float, "__new__", float_new);
    add_method(vm, &float, "is_integer", float_is_integer);
    add_method(vm, &float, "as_integer_ratio", float_as_integer_ratio);
    add_method(vm, &float, "hex", float_hex);
    add_classmethod(vm, &float, "fromhex", float_fromhex);
    add_method(vm, &float, "conjugate", float_identity);
    add_method(vm, &float, "__float__", float_identity);
    add_method(vm, &float, "__int__", float_trunc);
    add_method(vm, &float, "__trunc__", float_trunc);
    add_method(vm, &float, "__floor__", float_floor);
    add_method(vm, &float, "__ceil__", float_ceil);
    add_method(vm, &float, "__round__", float_round);
}

fn this_float(vm: &Vm, v: &Value, name: &str) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'float' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `float(x=0.0)`.
fn float_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, kwargs, "float")?;
    let given = args.get(1..).unwrap_or(&[]);
    at_most(vm, given, 1, "float")?;
    match given.first() {
        Some(v) => Ok(Value::Float(float_of(vm, v)?)),
        None => Ok(Value::Float(0.0)),
    }
}

fn float_identity(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.conjugate")?;
    Ok(Value::Float(this_float(vm, this, "conjugate")?))
}

fn float_trunc(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.__trunc__")?;
    let f = this_float(vm, this, "__trunc__")?;
    float_to_int(vm, f)
}

fn float_floor(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.__floor__")?;
    let f = this_float(vm, this, "__floor__")?;
    float_to_int(vm, f.floor())
}

fn float_ceil(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.__ceil__")?;
    let f = this_float(vm, this, "__ceil__")?;
    float_to_int(vm, f.ceil())
}

/// `x.__round__(ndigits=None)`.
pub fn float_round(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, kwargs, "float.__round__")?;
    let Some(this) = args.first() else {
        return Err(vm.type_error("unbound method float.__round__() needs an argument"));
    };
    let f = this_float(vm, this, "__round__")?;
    match args.get(1) {
        None | Some(Value::None) => round_float_to_int(vm, f),
        Some(nd) => {
            let nd = match index(vm, nd)? {
                Value::Int(n) => n,
                // Huge ndigits: positive leaves x alone, negative rounds to zero.
                other => match super::as_int(&other) {
                    Some(i) if i.is_negative() => i64::MIN,
                    _ => i64::MAX,
                },
            };
            Ok(Value::Float(round_float(vm, f, nd)?))
        }
    }
}

fn float_is_integer(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.is_integer")?;
    let f = this_float(vm, this, "is_integer")?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn float_as_integer_ratio(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.as_integer_ratio")?;
    let f = this_float(vm, this, "as_integer_ratio")?;
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (num, den) = integer_ratio(f);
    Ok(vm.new_tuple(vec![int_from_bigint(num), int_from_bigint(den)]))
}

/// The exact value of a finite float as a reduced fraction (denominator a power
/// of two).
pub fn integer_ratio(f: f64) -> (BigInt, BigInt) {
    if f == 0.0 {
        return (BigInt::from(0), BigInt::from(1));
    }
    let bits = f.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let tz = mant.trailing_zeros().min(64) as i64;
    mant >>= tz;
    e += tz;
    let mut num = BigInt::from(mant);
    if f < 0.0 {
        num = -num;
    }
    if e >= 0 {
        (num << (e as u64), BigInt::from(1))
    } else {
        (num, BigInt::from(1) << ((-e) as u64))
    }
}

/// `float.hex()`: `0x1.8000000000000p+0`.
fn float_hex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "float.hex")?;
    let f = this_float(vm, this, "hex")?;
    Ok(Value::str(float_to_hex(f)))
}

/// The hex form of a float, as CPython writes it.
pub fn float_to_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let esign = if e < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", e.abs())
}

/// `float.fromhex(s)`.
fn float_fromhex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = one_arg(vm, args.get(1..).unwrap_or(&[]), kwargs, "fromhex")?;
    let Some(text) = s.as_str() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(s)
        )));
    };
    match parse_hex_float(text) {
        Some(Ok(f)) => Ok(Value::Float(f)),
        Some(Err(())) => {
            Err(vm.overflow_error("hexadecimal value too large to represent as a float"))
        }
        None => Err(vm.value_error("invalid hexadecimal floating-point string")),
    }
}

/// Parses `[sign][0x]hexdigits[.hexdigits][p[sign]digits]`, `inf`, `nan`.
fn parse_hex_float(text: &str) -> Option<Result<f64, ()>> {
    let s = text.trim();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Some(Ok(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if lower == "nan" {
        return Some(Ok(f64::NAN));
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp) = match body.split_once('p') {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut value = BigInt::from(0);
    for c in int_part.chars().chain(frac_part.chars()) {
        value = value * 16 + c.to_digit(16)?;
    }
    let shift = exp.checked_sub(4 * frac_part.len() as i64)?;
    let r = if value == BigInt::from(0) {
        0.0
    } else if shift >= 0 {
        match super::big_to_f64(&(value << (shift.min(1 << 20) as u64))) {
            Some(f) => f,
            None => return Some(Err(())),
        }
    } else {
        // value * 2**shift: exact division by a power of two, rounded once.
        let bits = value.bits() as i64;
        let keep = 64;
        if bits > keep {
            let drop = (bits - keep) as u64;
            let sticky = value.trailing_zeros().is_some_and(|t| t < drop);
            let top = num_traits::ToPrimitive::to_u64(&(&value >> drop))? | sticky as u64;
            ldexp_u64(top, shift + drop as i64)
        } else {
            ldexp_u64(num_traits::ToPrimitive::to_u64(&value)?, shift)
        }
    };
    if r.is_infinite() {
        return Some(Err(()));
    }
    Some(Ok(if neg { -r } else { r }))
}

/// `m * 2**e` with one rounding (m has at most 64 bits).
fn ldexp_u64(m: u64, e: i64) -> f64 {
    let bits = 64 - m.leading_zeros() as i64;
    if bits <= 53 {
        return ldexp(m as f64, e);
    }
    // Round the low bits away first only when the result stays normal.
    let drop = (bits - 53) as u32;
    let rest = m & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    let mut top = m >> drop;
    if rest > half || (rest == half && top & 1 == 1) {
        top += 1;
    }
    ldexp(top as f64, e + drop as i64)
}
