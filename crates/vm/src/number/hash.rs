//! CPython's numeric hash: reduction modulo the Mersenne prime 2**61 - 1, so that
//! equal numbers of different types hash alike (`hash(1) == hash(1.0)`).

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

const BITS: u32 = 61;
/// 2**61 - 1.
pub const MODULUS: u64 = (1 << BITS) - 1;
/// `hash(inf)`.
pub const INF: i64 = 314159;
/// The multiplier of the imaginary part in `hash(complex)`.
const IMAG: u64 = 1000003;

fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash()` of an inline int.
#[inline]
pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix_minus_one(if i < 0 { -m } else { m })
}

/// `hash()` of a big int.
pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = (b.magnitude() % MODULUS).to_i64().unwrap_or(0);
    fix_minus_one(if b.sign() == Sign::Minus { -m } else { m })
}

/// `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (for finite, non-zero `x`).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// `hash()` of a float (`_Py_HashDouble`); NaN hashes to 0 since inline floats
/// have no identity.
pub fn hash_f64(v: f64) -> i64 {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { INF } else { -INF };
        }
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % BITS
    } else {
        BITS - 1 - ((-1 - e) as u32 % BITS)
    };
    x = ((x << e) & MODULUS) | x >> (BITS - e);
    fix_minus_one((x as i64).wrapping_mul(sign))
}

/// `hash()` of a complex number.
pub fn hash_complex(re: f64, im: f64) -> i64 {
    let hr = hash_f64(re) as u64;
    let hi = hash_f64(im) as u64;
    fix_minus_one(hr.wrapping_add(IMAG.wrapping_mul(hi)) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(-0.5), -1152921504606846976);
        assert_eq!(hash_f64(1e100), 1822893315824342674);
        assert_eq!(hash_f64(1e-300), 482449582752280463);
        assert_eq!(hash_f64(2.5), 1152921504606846978);
        assert_eq!(hash_f64(-1.0), -2);
        assert_eq!(hash_complex(1.0, 2.0), 2000007);
        assert_eq!(hash_i64((1 << 61) - 1), 0);
        assert_eq!(hash_bigint(&(BigInt::from(1) << 64u32)), 8);
    }
}
