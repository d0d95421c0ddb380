//! MT19937, word for word as CPython's `_randommodule.c` (`init_by_array`,
//! `genrand_uint32`, `random()`, `getrandbits()`), so seeded sequences match.
//!
//! The state lives in a Python list of 625 ints (624 words and the index) stored on
//! the `Random` instance, which makes `getstate()`/`setstate()` direct; the words are
//! read and written in place.

use crate::value::Value;
use num_bigint::BigInt;

/// Words of state.
pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// A view of the generator state: `N` words, then the index.
pub struct Mt<'a> {
    state: &'a mut Vec<Value>,
}

#[inline(always)]
fn word(v: &Value) -> u32 {
    match v {
        Value::Int(i) => *i as u32,
        _ => 0,
    }
}

impl<'a> Mt<'a> {
    /// Wraps a state list, repairing it (seeding with 0) when it is malformed.
    pub fn new(state: &'a mut Vec<Value>) -> Mt<'a> {
        let mut mt = Mt { state };
        if mt.state.len() != N + 1 || !mt.state.iter().all(|v| matches!(v, Value::Int(_))) {
            mt.state.clear();
            mt.state.resize(N + 1, Value::Int(0));
            mt.init_by_array(&[0]);
        }
        mt
    }

    #[inline(always)]
    fn get(&self, i: usize) -> u32 {
        word(&self.state[i])
    }

    #[inline(always)]
    fn set(&mut self, i: usize, w: u32) {
        self.state[i] = Value::Int(w as i64);
    }

    fn index(&self) -> usize {
        match self.state[N] {
            Value::Int(i) if (0..=N as i64).contains(&i) => i as usize,
            _ => N,
        }
    }

    fn init_genrand(&mut self, s: u32) {
        self.set(0, s);
        let mut prev = s;
        for i in 1..N {
            prev = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
            self.set(i, prev);
        }
        self.state[N] = Value::Int(N as i64);
    }

    /// Seeds from an array of 32-bit words.
    pub fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.get(i - 1);
            let v = (self.get(i) ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            self.set(i, v);
            i += 1;
            j += 1;
            if i >= N {
                let last = self.get(N - 1);
                self.set(0, last);
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.get(i - 1);
            let v = (self.get(i) ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            self.set(i, v);
            i += 1;
            if i >= N {
                let last = self.get(N - 1);
                self.set(0, last);
                i = 1;
            }
        }
        self.set(0, 0x8000_0000);
    }

    fn twist(&mut self) {
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for kk in 0..N - M {
            let y = (self.get(kk) & UPPER_MASK) | (self.get(kk + 1) & LOWER_MASK);
            let v = self.get(kk + M) ^ (y >> 1) ^ mag(y);
            self.set(kk, v);
        }
        for kk in N - M..N - 1 {
            let y = (self.get(kk) & UPPER_MASK) | (self.get(kk + 1) & LOWER_MASK);
            let v = self.get(kk + M - N) ^ (y >> 1) ^ mag(y);
            self.set(kk, v);
        }
        let y = (self.get(N - 1) & UPPER_MASK) | (self.get(0) & LOWER_MASK);
        let v = self.get(M - 1) ^ (y >> 1) ^ mag(y);
        self.set(N - 1, v);
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        let mut idx = self.index();
        if idx >= N {
            self.twist();
            idx = 0;
        }
        let mut y = self.get(idx);
        self.state[N] = Value::Int(idx as i64 + 1);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `1 <= k <= 64`.
    pub fn bits_u64(&mut self, k: u32) -> u64 {
        if k <= 32 {
            return (self.next_u32() >> (32 - k)) as u64;
        }
        let low = self.next_u32() as u64;
        let mut high = self.next_u32();
        if k < 64 {
            high >>= 64 - k;
        }
        low | ((high as u64) << 32)
    }

    /// `getrandbits(k)` for any `k >= 0`.
    pub fn bits_big(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::from(0);
        }
        if k <= 64 {
            return BigInt::from(self.bits_u64(k as u32));
        }
        let words = (k - 1) / 32 + 1;
        let mut out = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(num_bigint::Sign::Plus, &out)
    }

    /// A uniform int in `[0, n)` for `n > 0` (`_randbelow_with_getrandbits`).
    pub fn below_u64(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow` for any positive int.
    pub fn below_big(&mut self, n: &BigInt) -> BigInt {
        if let Some(small) = num_traits::ToPrimitive::to_u64(n) {
            return BigInt::from(self.below_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.bits_big(k);
            if &r < n {
                return r;
            }
        }
    }
}

/// The 32-bit words of a non-negative int, least significant first (at least one).
pub fn key_words(n: &BigInt) -> Vec<u32> {
    let (_, words) = n.to_u32_digits();
    if words.is_empty() {
        vec![0]
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(seed: u64) -> Vec<Value> {
        let mut v = vec![Value::Int(0); N + 1];
        Mt::new(&mut v).init_by_array(&key_words(&BigInt::from(seed)));
        v
    }

    #[test]
    fn matches_cpython_seed_42() {
        // Inline ints carry no reference count, so no GIL is needed here.
        let mut s = seeded(42);
        let mut mt = Mt::new(&mut s);
        assert_eq!(mt.random(), 0.6394267984578837);
        assert_eq!(mt.random(), 0.025010755222666936);
    }
}
