//! The exact integer functions of `math`: `factorial`, `gcd`, `lcm`, `isqrt`,
//! `comb`, `perm`, and `prod` (which multiplies any values).

use crate::error::PyResult;
use crate::number::convert::index;
use crate::number::{as_int, int_from_bigint, Int};
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `index(v)` as a BigInt.
fn big_index(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let i = index(vm, v)?;
    Ok(as_int(&i).map(Int::to_big).unwrap_or_default())
}

/// The product of `lo..=hi` by binary splitting (fast for large ranges).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::from(lo);
        for i in lo + 1..=hi {
            acc *= i;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

/// `math.factorial(n)`.
pub fn factorial(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = crate::number::args::one_arg(vm, args, kwargs, "math.factorial")?;
    let n = big_index(vm, x)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= i64::MAX as u64) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    Ok(int_from_bigint(range_product(2, n)))
}

/// `math.gcd(*integers)`.
pub fn gcd(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    crate::number::args::no_kwargs(vm, kwargs, "gcd")?;
    let mut acc = BigInt::zero();
    for a in args {
        let n = big_index(vm, a)?;
        acc = acc.gcd(&n);
    }
    Ok(int_from_bigint(acc))
}

/// `math.lcm(*integers)`.
pub fn lcm(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    crate::number::args::no_kwargs(vm, kwargs, "lcm")?;
    let mut acc = BigInt::one();
    for a in args {
        let n = big_index(vm, a)?;
        if acc.is_zero() || n.is_zero() {
            acc = BigInt::zero();
            continue;
        }
        acc = acc.lcm(&n);
    }
    Ok(int_from_bigint(acc.abs()))
}

/// `math.isqrt(n)`.
pub fn isqrt(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = crate::number::args::one_arg(vm, args, kwargs, "math.isqrt")?;
    let n = big_index(vm, x)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(int_from_bigint(n.sqrt()))
}

fn two_ints(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    min: usize,
) -> PyResult<(BigInt, Option<BigInt>)> {
    crate::number::args::no_kwargs(vm, kwargs, name)?;
    if args.len() < min || args.len() > 2 {
        let msg = match (min, args.len()) {
            (2, given) => format!("{name} expected 2 arguments, got {given}"),
            (_, 0) => format!("{name} expected at least 1 argument, got 0"),
            (_, given) => format!("{name} expected at most 2 arguments, got {given}"),
        };
        return Err(vm.type_error(msg));
    }
    let n = big_index(vm, &args[0])?;
    let k = match args.get(1) {
        Some(Value::None) | None => None,
        Some(k) => Some(big_index(vm, k)?),
    };
    Ok((n, k))
}

/// `math.comb(n, k)`.
pub fn comb(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (n, k) = two_ints(vm, args, kwargs, "comb", 2)?;
    let k = k.unwrap_or_default();
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.clone().min(&n - &k);
    let Some(k) = k.to_u64() else {
        return Err(vm.overflow_error("min(n - k, k) must not exceed 9223372036854775807"));
    };
    let mut acc = BigInt::one();
    for i in 1..=k {
        acc = acc * (&n - k + i) / i;
    }
    Ok(int_from_bigint(acc))
}

/// `math.perm(n, k=None)`.
pub fn perm(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (n, k) = two_ints(vm, args, kwargs, "perm", 1)?;
    let Some(k) = k else {
        return factorial(vm, &args[..1], &[]);
    };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64() else {
        return Err(vm.overflow_error("k must not exceed 9223372036854775807"));
    };
    let mut acc = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        acc *= &f;
        f -= 1;
    }
    Ok(int_from_bigint(acc))
}

/// `math.prod(iterable, *, start=1)`.
pub fn prod(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(vm.type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut acc = Value::Int(1);
    for (k, v) in kwargs {
        match k.as_str() {
            Some("start") => acc = v.clone(),
            Some(other) => {
                return Err(vm.type_error(format!(
                    "prod() got an unexpected keyword argument '{other}'"
                )))
            }
            None => return Err(vm.type_error("keywords must be strings")),
        }
    }
    let iter = crate::ops::get_iter(vm, &args[0])?;
    while let Some(item) = crate::ops::iter_next(vm, &iter)? {
        acc = crate::ops::binary_op(vm, gilded_bytecode::BinaryOperator::Multiply, &acc, &item)?;
    }
    Ok(acc)
}
