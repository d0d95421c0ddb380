//! Numbers: `int` (inline i64 with a BigInt overflow path), `float`, `bool`, `complex`.
//! Arithmetic, comparison, hashing, repr and formatting with CPython's semantics.
//!
//! The functions here are what `ops/` dispatches to first: each answers `None` when an
//! operand is not a number, so other types and user dunders get their turn.

pub mod args;
pub mod builtins;
pub mod compare;
pub mod complex;
pub mod complex_type;
pub mod convert;
pub mod dunders;
pub mod float_arith;
pub mod float_repr;
pub mod float_type;
pub mod format_num;
pub mod hash;
pub mod int_arith;
pub mod int_type;
pub mod parse;
pub mod rounding;

use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator, UnaryOperator};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// An int operand, borrowed from a value.
#[derive(Clone, Copy, Debug)]
pub enum Int<'a> {
    /// Fits in 64 bits (bools are ints too).
    Small(i64),
    /// A normalized BigInt: never fits in 64 bits.
    Big(&'a BigInt),
}

impl Int<'_> {
    /// The value as a BigInt.
    pub fn to_big(self) -> BigInt {
        match self {
            Int::Small(i) => BigInt::from(i),
            Int::Big(b) => b.clone(),
        }
    }

    /// True for 0.
    pub fn is_zero(self) -> bool {
        matches!(self, Int::Small(0))
    }

    /// True for values below 0.
    pub fn is_negative(self) -> bool {
        match self {
            Int::Small(i) => i < 0,
            Int::Big(b) => b.is_negative(),
        }
    }

    /// True for odd values.
    pub fn is_odd(self) -> bool {
        match self {
            Int::Small(i) => i & 1 == 1,
            Int::Big(b) => num_integer::Integer::is_odd(b),
        }
    }

    /// The value as a Python value.
    pub fn to_value(self) -> Value {
        match self {
            Int::Small(i) => Value::Int(i),
            Int::Big(b) => Value::new_obj(Payload::BigInt(b.clone())),
        }
    }

    /// Conversion to float, correctly rounded; OverflowError when too large.
    pub fn to_f64(self, vm: &Vm) -> PyResult<f64> {
        match self {
            Int::Small(i) => Ok(i as f64),
            Int::Big(b) => {
                big_to_f64(b).ok_or_else(|| vm.overflow_error("int too large to convert to float"))
            }
        }
    }
}

/// A BigInt converted to the nearest float (ties to even); `None` when out of range.
pub fn big_to_f64(b: &BigInt) -> Option<f64> {
    let bits = b.bits();
    if bits <= 64 {
        return b.to_f64();
    }
    // Keep 64 top bits plus a sticky bit for the rest, then round once.
    let shift = bits - 64;
    let mag = b.magnitude();
    let top = (mag >> shift).to_u64()?;
    let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
    let f = round_u64_scaled(top, sticky, shift as i64)?;
    Some(if b.is_negative() { -f } else { f })
}

/// `(top + sticky) * 2**exp` rounded to a double; `None` on overflow.
fn round_u64_scaled(top: u64, sticky: bool, exp: i64) -> Option<f64> {
    // `top` has 64 significant bits; drop 11 with round half to even.
    let rest = top & 0x7ff;
    let mut m = top >> 11;
    let half = 0x400;
    if rest > half || (rest == half && (sticky || m & 1 == 1)) {
        m += 1;
    }
    let f = ldexp(m as f64, exp + 11);
    if f.is_infinite() {
        None
    } else {
        Some(f)
    }
}

/// `x * 2**exp` with a single rounding (only subnormal results round).
pub fn ldexp(x: f64, exp: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, e) = hash::frexp(x);
    let t = e as i64 + exp.clamp(-5000, 5000);
    if t > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if t >= -1021 {
        return (m * 2.0) * 2f64.powi(t as i32 - 1);
    }
    if t < -1074 {
        return 0.0f64.copysign(x);
    }
    // Exact scaling into the normal range, then one correctly rounded product.
    (m * 2f64.powi(t as i32 + 1074)) * 5e-324
}

/// A numeric operand, borrowed from a value.
#[derive(Clone, Copy, Debug)]
pub enum Num<'a> {
    /// An inline int (or a bool).
    Int(i64),
    /// A BigInt.
    Big(&'a BigInt),
    /// A float.
    Float(f64),
    /// A complex number.
    Complex(f64, f64),
}

impl<'a> Num<'a> {
    /// The int, if this is one.
    pub fn as_int(self) -> Option<Int<'a>> {
        match self {
            Num::Int(i) => Some(Int::Small(i)),
            Num::Big(b) => Some(Int::Big(b)),
            _ => None,
        }
    }
}

/// Classifies a value as a number.
#[inline]
pub fn num(v: &Value) -> Option<Num<'_>> {
    match v {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(Num::Big(b)),
            Payload::Complex(re, im) => Some(Num::Complex(*re, *im)),
            _ => None,
        },
        _ => None,
    }
}

/// The int inside a value (ints, bools, BigInts), without calling `__index__`.
#[inline]
pub fn as_int(v: &Value) -> Option<Int<'_>> {
    match v {
        Value::Int(i) => Some(Int::Small(*i)),
        Value::Bool(b) => Some(Int::Small(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(Int::Big(b)),
            _ => None,
        },
        _ => None,
    }
}

/// A BigInt as a value, normalized to an inline int when it fits.
pub fn int_from_bigint(i: BigInt) -> Value {
    match i.to_i64() {
        Some(v) => Value::Int(v),
        None => Value::new_obj(Payload::BigInt(i)),
    }
}

fn to_real(vm: &Vm, n: Num<'_>) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(i as f64),
        Num::Big(b) => Int::Big(b).to_f64(vm),
        Num::Float(f) => Ok(f),
        Num::Complex(re, _) => Ok(re),
    }
}

fn to_complex(vm: &Vm, n: Num<'_>) -> PyResult<complex::Complex> {
    match n {
        Num::Complex(re, im) => Ok((re, im)),
        other => Ok((to_real(vm, other)?, 0.0)),
    }
}

/// `a op b` for numeric operands; `None` when either is not a number.
#[inline]
pub fn binary(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return int_arith::small(vm, op, *x, *y),
        (Value::Float(x), Value::Float(y)) => return float_arith::binary(vm, op, *x, *y),
        (Value::Bool(x), Value::Bool(y)) => {
            use BinaryOperator::*;
            match op {
                And => return Some(Ok(Value::Bool(*x & *y))),
                Or => return Some(Ok(Value::Bool(*x | *y))),
                Xor => return Some(Ok(Value::Bool(*x ^ *y))),
                _ => {}
            }
        }
        _ => {}
    }
    binary_slow(vm, op, num(a)?, num(b)?)
}

fn binary_slow(vm: &mut Vm, op: BinaryOperator, x: Num<'_>, y: Num<'_>) -> Option<PyResult<Value>> {
    match (x, y) {
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            let (cx, cy) = match (to_complex(vm, x), to_complex(vm, y)) {
                (Ok(cx), Ok(cy)) => (cx, cy),
                (Err(e), _) | (_, Err(e)) => return complex_supported(op).then_some(Err(e)),
            };
            complex::binary(vm, op, cx, cy)
        }
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            use BinaryOperator::*;
            if !matches!(
                op,
                Add | Subtract | Multiply | TrueDivide | FloorDivide | Remainder | Power
            ) {
                return None;
            }
            let (fx, fy) = match (to_real(vm, x), to_real(vm, y)) {
                (Ok(fx), Ok(fy)) => (fx, fy),
                (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
            };
            float_arith::binary(vm, op, fx, fy)
        }
        _ => int_arith::big(vm, op, x.as_int()?, y.as_int()?),
    }
}

fn complex_supported(op: BinaryOperator) -> bool {
    use BinaryOperator::*;
    matches!(op, Add | Subtract | Multiply | TrueDivide | Power)
}

/// `op a` for numbers.
pub fn unary(_vm: &mut Vm, op: UnaryOperator, a: &Value) -> Option<PyResult<Value>> {
    let n = num(a)?;
    let r = match (op, n) {
        (UnaryOperator::Negative, Num::Int(i)) => match i.checked_neg() {
            Some(v) => Value::Int(v),
            None => int_from_bigint(-BigInt::from(i)),
        },
        (UnaryOperator::Negative, Num::Big(b)) => int_from_bigint(-b),
        (UnaryOperator::Negative, Num::Float(f)) => Value::Float(-f),
        (UnaryOperator::Negative, Num::Complex(re, im)) => complex::new_complex((-re, -im)),
        (UnaryOperator::Positive, Num::Int(i)) => Value::Int(i),
        (UnaryOperator::Positive, _) => a.clone(),
        (UnaryOperator::Invert, Num::Int(i)) => Value::Int(!i),
        (UnaryOperator::Invert, Num::Big(b)) => int_from_bigint(-(b + BigInt::from(1))),
        _ => return None,
    };
    Some(Ok(r))
}

fn ordering_matches(op: ComparisonOperator, ord: Option<Ordering>) -> bool {
    use ComparisonOperator::*;
    match op {
        Less => ord == Some(Ordering::Less),
        LessOrEqual => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
        Equal => ord == Some(Ordering::Equal),
        NotEqual => ord != Some(Ordering::Equal),
        Greater => ord == Some(Ordering::Greater),
        GreaterOrEqual => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
    }
}

/// Numeric comparison; `None` when either operand is not a number (or for ordering
/// comparisons involving complex numbers, which raise TypeError).
#[inline]
pub fn compare(op: ComparisonOperator, a: &Value, b: &Value) -> Option<bool> {
    let ord = match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ => {
            let (x, y) = (num(a)?, num(b)?);
            if matches!(x, Num::Complex(..)) || matches!(y, Num::Complex(..)) {
                return match op {
                    ComparisonOperator::Equal => Some(compare::equal(x, y)),
                    ComparisonOperator::NotEqual => Some(!compare::equal(x, y)),
                    _ => None,
                };
            }
            compare::order(x, y)
        }
    };
    Some(ordering_matches(op, ord))
}

/// Numeric equality without Python calls; `None` for non-numbers.
#[inline]
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    compare(ComparisonOperator::Equal, a, b)
}

/// `hash()` of a number; `None` for non-numbers.
#[inline]
pub fn hash(v: &Value) -> Option<i64> {
    Some(match num(v)? {
        Num::Int(i) => hash::hash_i64(i),
        Num::Big(b) => hash::hash_bigint(b),
        Num::Float(f) => hash::hash_f64(f),
        Num::Complex(re, im) => hash::hash_complex(re, im),
    })
}

/// `repr()` of a number; `None` for non-numbers.
pub fn repr(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::Float(f) => Some(float_repr::float_repr(*f)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(i) => Some(i.to_string()),
            Payload::Complex(re, im) => Some(complex::repr((*re, *im))),
            _ => None,
        },
        _ => None,
    }
}

/// `repr()` of a number with CPython 3.11's limit on decimal digits: ints over
/// 4300 digits raise ValueError; `None` for non-numbers.
pub fn repr_checked(vm: &Vm, v: &Value) -> Option<PyResult<String>> {
    if let Some(Payload::BigInt(b)) = v.payload() {
        if let Err(e) = format_num::check_str_digits(vm, Int::Big(b)) {
            return Some(Err(e));
        }
    }
    repr(v).map(Ok)
}

/// `format(v, spec)` for numbers; `None` for non-numbers.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> Option<PyResult<String>> {
    if spec.is_empty() {
        return repr(v).map(Ok);
    }
    let n = num(v)?;
    Some(format_num::format_number(vm, v, n, spec))
}

/// `bool(v)` for numbers (and None).
#[inline]
pub fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Int(i) => Some(*i != 0),
        Value::Bool(b) => Some(*b),
        Value::Float(f) => Some(*f != 0.0),
        Value::None => Some(false),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(!b.is_zero()),
            Payload::Complex(re, im) => Some(*re != 0.0 || *im != 0.0),
            _ => None,
        },
        _ => None,
    }
}

/// Installs the numeric constructors, methods and built-in functions.
pub fn register(vm: &Vm) {
    int_type::register(vm);
    float_type::register(vm);
    complex_type::register(vm);
    builtins::register(vm);
    dunders::register(vm);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_to_float_rounds_to_nearest_even() {
        let two = BigInt::from(2);
        let b = two.pow(80) + BigInt::from(1);
        assert_eq!(big_to_f64(&b), Some(2f64.powi(80)));
        // 2**80 + 2**27 + 1 is just above the halfway point between two doubles.
        let c = two.pow(80) + two.pow(27) + BigInt::from(1);
        assert_eq!(big_to_f64(&c), Some(2f64.powi(80) + 2f64.powi(28)));
        let d = two.pow(80) + two.pow(27);
        assert_eq!(big_to_f64(&d), Some(2f64.powi(80)));
        assert_eq!(big_to_f64(&two.pow(1024)), None);
    }

    #[test]
    fn ldexp_handles_extremes() {
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.0, 1023), 2f64.powi(1023));
        assert!(ldexp(1.0, 1024).is_infinite());
        assert_eq!(ldexp(3.0, -1075), 1e-323);
        assert_eq!(ldexp(1.0, -1075), 0.0);
    }
}
