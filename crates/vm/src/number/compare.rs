//! Exact numeric ordering across int, BigInt and float (no precision is lost:
//! `2**53 + 1 != float(2**53)`), and equality including complex.

use super::{Int, Num};
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;

/// Orders an int against a float exactly; `None` when the float is NaN.
pub fn int_float(i: Int<'_>, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let Int::Small(n) = i {
        // Within 2**53 the conversion is exact.
        if n.unsigned_abs() <= 1 << 53 {
            return (n as f64).partial_cmp(&f);
        }
    }
    let t = f.trunc();
    let frac = f - t;
    let ord = match i {
        Int::Small(n) if t.abs() < 9.2e18 => (n as i128).cmp(&(t as i128)),
        _ => {
            let ti = BigInt::from_f64(t)?;
            i.to_big().cmp(&ti)
        }
    };
    Some(match ord {
        Ordering::Equal if frac > 0.0 => Ordering::Less,
        Ordering::Equal if frac < 0.0 => Ordering::Greater,
        o => o,
    })
}

/// Orders two ints.
pub fn int_int(a: Int<'_>, b: Int<'_>) -> Ordering {
    match (a, b) {
        (Int::Small(x), Int::Small(y)) => x.cmp(&y),
        (Int::Big(x), Int::Big(y)) => x.cmp(y),
        // A normalized BigInt lies outside the i64 range.
        (Int::Small(_), Int::Big(y)) => {
            if y.sign() == num_bigint::Sign::Minus {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (Int::Big(x), Int::Small(_)) => {
            if x.sign() == num_bigint::Sign::Minus {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
    }
}

/// Orders two real numbers; `None` when unordered (NaN) or either is complex.
pub fn order(a: Num<'_>, b: Num<'_>) -> Option<Ordering> {
    match (a, b) {
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
        (Num::Float(x), _) => int_float(b.as_int()?, x).map(Ordering::reverse),
        (_, Num::Float(y)) => int_float(a.as_int()?, y),
        _ => Some(int_int(a.as_int()?, b.as_int()?)),
    }
}

/// `a == b` for any two numbers, complex included.
pub fn equal(a: Num<'_>, b: Num<'_>) -> bool {
    match (a, b) {
        (Num::Complex(r1, i1), Num::Complex(r2, i2)) => r1 == r2 && i1 == i2,
        (Num::Complex(r, i), other) | (other, Num::Complex(r, i)) => {
            i == 0.0 && order(Num::Float(r), other) == Some(Ordering::Equal)
        }
        _ => order(a, b) == Some(Ordering::Equal),
    }
}
