//! Integer arithmetic: the `i64` fast paths with overflow promotion to `BigInt`, and
//! the `BigInt` slow paths, with CPython's floor-division and shift semantics.

use super::float_arith;
use super::{int_from_bigint, Int};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Shifts and exponents beyond this many bits would need more memory than exists.
const MAX_BITS: u64 = 1 << 36;

/// `x op y` for two inline ints; `None` for operators ints do not support (`@`).
#[inline]
pub fn small(vm: &mut Vm, op: BinaryOperator, x: i64, y: i64) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    let r = match op {
        Add => match x.checked_add(y) {
            Some(v) => Value::Int(v),
            None => Value::new_obj(crate::object::Payload::BigInt(BigInt::from(x) + y)),
        },
        Subtract => match x.checked_sub(y) {
            Some(v) => Value::Int(v),
            None => Value::new_obj(crate::object::Payload::BigInt(BigInt::from(x) - y)),
        },
        Multiply => match x.checked_mul(y) {
            Some(v) => Value::Int(v),
            None => int_from_bigint(BigInt::from(x) * y),
        },
        TrueDivide => return Some(true_divide(vm, Int::Small(x), Int::Small(y))),
        FloorDivide => {
            if y == 0 {
                return Some(Err(
                    vm.zero_division_error("integer division or modulo by zero")
                ));
            }
            match floor_div_i64(x, y) {
                Some(q) => Value::Int(q),
                None => int_from_bigint(-BigInt::from(x)),
            }
        }
        Remainder => {
            if y == 0 {
                return Some(Err(vm.zero_division_error("integer modulo by zero")));
            }
            Value::Int(mod_i64(x, y))
        }
        Power => return Some(power(vm, Int::Small(x), Int::Small(y))),
        LShift => return Some(lshift(vm, Int::Small(x), Int::Small(y))),
        RShift => {
            if y < 0 {
                return Some(Err(vm.value_error("negative shift count")));
            }
            Value::Int(if y >= 64 { x >> 63 } else { x >> y })
        }
        And => Value::Int(x & y),
        Or => Value::Int(x | y),
        Xor => Value::Int(x ^ y),
        MatrixMultiply => return None,
    };
    Some(Ok(r))
}

/// Floor division of inline ints; `None` only for `i64::MIN // -1`.
#[inline]
pub fn floor_div_i64(x: i64, y: i64) -> Option<i64> {
    let q = x.checked_div(y)?;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Floor modulo of inline ints (`y != 0`): the result has the sign of `y`.
#[inline]
pub fn mod_i64(x: i64, y: i64) -> i64 {
    let r = x.checked_rem(y).unwrap_or(0);
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

/// `x op y` for ints of which at least one is a `BigInt`.
pub fn big(vm: &mut Vm, op: BinaryOperator, x: Int<'_>, y: Int<'_>) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    if let (Int::Small(a), Int::Small(b)) = (x, y) {
        return small(vm, op, a, b);
    }
    let r = match op {
        Add => int_from_bigint(x.to_big() + y.to_big()),
        Subtract => int_from_bigint(x.to_big() - y.to_big()),
        Multiply => int_from_bigint(x.to_big() * y.to_big()),
        TrueDivide => return Some(true_divide(vm, x, y)),
        FloorDivide => {
            if y.is_zero() {
                return Some(Err(
                    vm.zero_division_error("integer division or modulo by zero")
                ));
            }
            int_from_bigint(x.to_big().div_floor(&y.to_big()))
        }
        Remainder => {
            if y.is_zero() {
                return Some(Err(vm.zero_division_error("integer modulo by zero")));
            }
            int_from_bigint(x.to_big().mod_floor(&y.to_big()))
        }
        Power => return Some(power(vm, x, y)),
        LShift => return Some(lshift(vm, x, y)),
        RShift => return Some(rshift(vm, x, y)),
        And => int_from_bigint(x.to_big() & y.to_big()),
        Or => int_from_bigint(x.to_big() | y.to_big()),
        Xor => int_from_bigint(x.to_big() ^ y.to_big()),
        MatrixMultiply => return None,
    };
    Some(Ok(r))
}

/// `divmod(x, y)` for ints.
pub fn divmod(vm: &mut Vm, x: Int<'_>, y: Int<'_>) -> PyResult<(Value, Value)> {
    if y.is_zero() {
        return Err(vm.zero_division_error("integer division or modulo by zero"));
    }
    if let (Int::Small(a), Int::Small(b)) = (x, y) {
        if let Some(q) = floor_div_i64(a, b) {
            return Ok((Value::Int(q), Value::Int(mod_i64(a, b))));
        }
    }
    let (q, r) = x.to_big().div_mod_floor(&y.to_big());
    Ok((int_from_bigint(q), int_from_bigint(r)))
}

fn lshift(vm: &mut Vm, x: Int<'_>, y: Int<'_>) -> PyResult<Value> {
    if y.is_negative() {
        return Err(vm.value_error("negative shift count"));
    }
    if x.is_zero() {
        return Ok(Value::Int(0));
    }
    let n = match y {
        Int::Small(n) if (n as u64) < MAX_BITS => n as u64,
        _ => return Err(vm.overflow_error("too many digits in integer")),
    };
    if let Int::Small(a) = x {
        if n < 63 {
            let shifted = a << n;
            if shifted >> n == a {
                return Ok(Value::Int(shifted));
            }
        }
    }
    Ok(int_from_bigint(x.to_big() << n))
}

fn rshift(vm: &mut Vm, x: Int<'_>, y: Int<'_>) -> PyResult<Value> {
    if y.is_negative() {
        return Err(vm.value_error("negative shift count"));
    }
    let n = match y {
        Int::Small(n) => n as u64,
        // Shifting by more bits than any int has leaves only the sign.
        Int::Big(_) => return Ok(Value::Int(if x.is_negative() { -1 } else { 0 })),
    };
    match x {
        Int::Small(a) => Ok(Value::Int(if n >= 64 { a >> 63 } else { a >> n })),
        // num-bigint's `>>` rounds toward negative infinity, like Python's.
        Int::Big(b) => Ok(int_from_bigint(b >> n)),
    }
}

/// `x ** y` for ints: exact for non-negative exponents, a float otherwise.
pub fn power(vm: &mut Vm, x: Int<'_>, y: Int<'_>) -> PyResult<Value> {
    if y.is_negative() {
        let (fx, fy) = (x.to_f64(vm)?, y.to_f64(vm)?);
        return float_arith::power(vm, fx, fy);
    }
    // Bases whose powers never grow.
    match x {
        Int::Small(0) => return Ok(Value::Int(if y.is_zero() { 1 } else { 0 })),
        Int::Small(1) => return Ok(Value::Int(1)),
        Int::Small(-1) => return Ok(Value::Int(if y.is_odd() { -1 } else { 1 })),
        _ => {}
    }
    let e = match y {
        Int::Small(e) if (e as u64) < MAX_BITS => e as u64,
        _ => return Err(vm.new_exception(&vm.interp.exc.memory_error.clone(), vec![])),
    };
    if let Int::Small(b) = x {
        if let Ok(e32) = u32::try_from(e) {
            if let Some(v) = b.checked_pow(e32) {
                return Ok(Value::Int(v));
            }
        }
    }
    let base = x.to_big();
    if base.bits().saturating_mul(e) > MAX_BITS {
        return Err(vm.new_exception(&vm.interp.exc.memory_error.clone(), vec![]));
    }
    Ok(int_from_bigint(num_traits::pow::pow(base, e as usize)))
}

/// `pow(x, y, m)` for ints, including modular inverses for negative exponents.
pub fn mod_power(vm: &mut Vm, x: Int<'_>, y: Int<'_>, m: Int<'_>) -> PyResult<Value> {
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let m = m.to_big();
    let modulus = m.abs();
    let mut base = x.to_big().mod_floor(&modulus);
    let mut exp = y.to_big();
    if exp.is_negative() {
        base = match mod_inverse(&base, &modulus) {
            Some(inv) => inv,
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        };
        exp = -exp;
    }
    let mut r = base.modpow(&exp, &modulus);
    // Python's result takes the sign of the modulus.
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    if modulus.is_one() {
        r = BigInt::zero();
    }
    Ok(int_from_bigint(r))
}

/// The inverse of `a` modulo `m` (`a` already reduced into `0..m`).
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    if m.is_one() {
        return Some(BigInt::zero());
    }
    let ext = a.extended_gcd(m);
    if !ext.gcd.is_one() {
        return None;
    }
    Some(ext.x.mod_floor(m))
}

/// `x / y` for ints, correctly rounded even when the operands exceed 2**53.
pub fn true_divide(vm: &mut Vm, x: Int<'_>, y: Int<'_>) -> PyResult<Value> {
    if y.is_zero() {
        return Err(vm.zero_division_error("division by zero"));
    }
    const EXACT: i64 = 1 << 53;
    if let (Int::Small(a), Int::Small(b)) = (x, y) {
        if (-EXACT..=EXACT).contains(&a) && (-EXACT..=EXACT).contains(&b) {
            return Ok(Value::Float(a as f64 / b as f64));
        }
    }
    match big_true_divide(&x.to_big(), &y.to_big()) {
        Some(f) => Ok(Value::Float(f)),
        None => Err(vm.overflow_error("integer division result too large for a float")),
    }
}

/// Correctly rounded `a / b` (`b != 0`); `None` on overflow.
pub fn big_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    if a.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // The quotient lies in [2**(diff-1), 2**(diff+1)).
    let diff = a.bits() as i64 - b.bits() as i64;
    // 55 significant bits: 53 plus a guard bit and a sticky bit.
    let shift = 55 - diff;
    let (n, d) = if shift >= 0 {
        (a << (shift as u64), b)
    } else {
        (a, b << ((-shift) as u64))
    };
    let (q, r) = n.div_rem(&d);
    let mut q = q.to_u64()?;
    // A sticky bit keeps the rounding of the dropped bits exact.
    if !r.is_zero() {
        q |= 1;
    }
    let f = round_to_f64(q, -shift, negative);
    if f.is_infinite() {
        return None;
    }
    Some(f)
}

/// `q * 2**exp` rounded to a double with one rounding, half to even.
fn round_to_f64(q: u64, exp: i64, negative: bool) -> f64 {
    if q == 0 {
        return if negative { -0.0 } else { 0.0 };
    }
    let bits = 64 - q.leading_zeros() as i64;
    let top = bits + exp; // value in [2**(top-1), 2**top)
                          // Significant bits the result can hold at this magnitude.
    let keep = if top > -1022 { 53 } else { (top + 1074).max(0) };
    let drop = bits - keep;
    let (mut m, mut e) = (q, exp);
    if drop > 0 {
        let drop = drop as u32;
        let half = 1u64 << (drop - 1);
        let rest = m & ((1u64 << drop) - 1);
        m >>= drop;
        e += drop as i64;
        if rest > half || (rest == half && m & 1 == 1) {
            m += 1;
        }
    }
    let f = super::ldexp(m as f64, e);
    if negative {
        -f
    } else {
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_semantics() {
        assert_eq!(floor_div_i64(-7, 2), Some(-4));
        assert_eq!(mod_i64(-7, 2), 1);
        assert_eq!(mod_i64(7, -2), -1);
        assert_eq!(floor_div_i64(i64::MIN, -1), None);
        assert_eq!(mod_i64(i64::MIN, -1), 0);
    }

    #[test]
    fn big_division_rounds_correctly() {
        let a = BigInt::from(10).pow(30);
        assert_eq!(
            big_true_divide(&a, &BigInt::from(3)),
            Some(3.333333333333333e29)
        );
        let b = BigInt::from(2).pow(2000);
        assert_eq!(big_true_divide(&BigInt::from(1), &b), Some(0.0));
        assert_eq!(big_true_divide(&b, &BigInt::from(3)), None);
        let c = (BigInt::from(1) << 60u32) + 1;
        assert_eq!(big_true_divide(&c, &BigInt::from(1)), Some(2f64.powi(60)));
    }
}
