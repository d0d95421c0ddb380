//! `round()`: half to even, exact on the float's binary value (`round(2.675, 2)` is
//! 2.67 because 2.675 is really 2.67499999...), for ints and floats, with negative
//! `ndigits` too.

use super::convert::float_to_int;
use super::{big_to_f64, int_from_bigint, Int};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Signed;

/// `round(x)`: the nearest int, ties to even.
pub fn round_float_to_int(vm: &Vm, x: f64) -> PyResult<Value> {
    let r = x.round();
    // `round` breaks ties away from zero; pull exact halves back to even.
    let r = if (r - x).abs() == 0.5 && r % 2.0 != 0.0 {
        r - (r - x).signum()
    } else {
        r
    };
    float_to_int(vm, r)
}

/// Largest `ndigits` that can change a double, and the smallest that can leave it
/// non-zero (CPython's NDIGITS_MAX and NDIGITS_MIN).
const NDIGITS_MAX: i64 = 323;
const NDIGITS_MIN: i64 = -308;

/// `round(x, ndigits)` for a float.
pub fn round_float(vm: &Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let r = if ndigits >= 0 {
        // Rust rounds the exact binary value half to even, like dtoa mode 3.
        let s = format!("{:.*}", ndigits as usize, x);
        s.parse::<f64>().unwrap_or(x)
    } else {
        round_to_power_of_ten(x, (-ndigits) as u32)
    };
    if r.is_infinite() {
        return Err(vm.overflow_error("rounded value too large to represent"));
    }
    // A result of zero keeps the sign of x, as strtod of "-0e..." does.
    Ok(if r == 0.0 { 0.0f64.copysign(x) } else { r })
}

/// The exact rational value of a finite double: (numerator, power of two).
fn decompose(x: f64) -> (BigInt, i64) {
    let bits = x.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    (BigInt::from(mant), e)
}

/// Rounds a float to a multiple of `10**k`, half to even, exactly.
fn round_to_power_of_ten(x: f64, k: u32) -> f64 {
    let (mant, e) = decompose(x);
    let p10 = num_traits::pow::pow(BigInt::from(10), k as usize);
    let (num, den) = if e >= 0 {
        (mant << (e as u64), p10.clone())
    } else {
        (mant, &p10 << ((-e) as u64))
    };
    let q = div_round_half_even(&num, &den);
    let r = big_to_f64(&(q * p10)).unwrap_or(f64::INFINITY);
    if x < 0.0 {
        -r
    } else {
        r
    }
}

/// `round(n / d)` for `n >= 0`, `d > 0`, ties to even.
fn div_round_half_even(n: &BigInt, d: &BigInt) -> BigInt {
    let (q, r) = n.div_rem(d);
    let twice: BigInt = &r << 1u32;
    match twice.cmp(d) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    }
}

/// `round(i, ndigits)` for an int: unchanged for `ndigits >= 0`, else the nearest
/// multiple of `10**-ndigits`, ties to even.
pub fn round_int(i: Int<'_>, ndigits: Int<'_>) -> Value {
    let n = i.to_big();
    let digits_bound = n.bits() as f64 * std::f64::consts::LOG10_2 + 2.0;
    let k = match ndigits {
        Int::Small(nd) if nd >= 0 => return i.to_value(),
        Int::Big(b) if b.is_positive() => return i.to_value(),
        // 10**k is more than twice |n|: everything rounds to zero.
        Int::Small(nd) if (nd.unsigned_abs() as f64) <= digits_bound => nd.unsigned_abs() as u32,
        _ => return Value::Int(0),
    };
    let p10 = num_traits::pow::pow(BigInt::from(10), k as usize);
    let q = div_round_half_even(&n.abs(), &p10);
    let r = q * p10;
    int_from_bigint(if n.is_negative() { -r } else { r })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_rounding_is_exact() {
        let vm_free = |x: f64, n: i64| {
            if n >= 0 {
                format!("{:.*}", n as usize, x).parse::<f64>().unwrap()
            } else {
                round_to_power_of_ten(x, (-n) as u32)
            }
        };
        assert_eq!(vm_free(2.675, 2), 2.67);
        assert_eq!(vm_free(1.005, 2), 1.0);
        assert_eq!(vm_free(0.125, 2), 0.12);
        assert_eq!(vm_free(0.375, 2), 0.38);
        assert_eq!(vm_free(1234.5678, -2), 1200.0);
        assert_eq!(vm_free(1250.0, -2), 1200.0);
        assert_eq!(vm_free(1350.0, -2), 1400.0);
    }

    #[test]
    fn int_rounding_ties_to_even() {
        assert!(matches!(
            round_int(Int::Small(1250), Int::Small(-2)),
            Value::Int(1200)
        ));
        assert!(matches!(
            round_int(Int::Small(1350), Int::Small(-2)),
            Value::Int(1400)
        ));
        assert!(matches!(
            round_int(Int::Small(-1250), Int::Small(-2)),
            Value::Int(-1200)
        ));
        assert!(matches!(
            round_int(Int::Small(15), Int::Small(-1)),
            Value::Int(20)
        ));
        assert!(matches!(
            round_int(Int::Small(25), Int::Small(-1)),
            Value::Int(20)
        ));
        assert!(matches!(
            round_int(Int::Small(5), Int::Small(-1)),
            Value::Int(0)
        ));
        assert!(matches!(
            round_int(Int::Small(123), Int::Small(1)),
            Value::Int(123)
        ));
    }
}
