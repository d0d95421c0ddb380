//! `randrange` and `randint`, step for step as `random.py` 3.11 (the same number of
//! `_randbelow` draws, the same errors).

use super::{below, this_arg};
use crate::error::PyResult;
use crate::number::args::parse_args;
use crate::number::{as_int, int_from_bigint, Int};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// `_index(x)`, falling back to `int(x)` for integral non-ints (deprecated in 3.10
/// but still accepted), else `ValueError: non-integer {what} for randrange()`.
fn to_int(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    match crate::number::convert::index(vm, v) {
        Ok(i) => return Ok(as_int(&i).map(Int::to_big).unwrap_or_default()),
        Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {}
        Err(e) => return Err(e),
    }
    let i = crate::number::convert::int_of(vm, v)?;
    let same = crate::ops::compare(vm, ComparisonOperator::Equal, &i, v)?;
    if !crate::ops::truthy(vm, &same)? {
        return Err(vm.value_error(format!("non-integer {what} for randrange()")));
    }
    Ok(as_int(&i).map(Int::to_big).unwrap_or_default())
}

fn big_below(vm: &mut Vm, this: &Value, n: &BigInt) -> PyResult<BigInt> {
    let v = int_from_bigint(n.clone());
    let r = below(vm, this, as_int(&v).unwrap_or(Int::Small(1)))?;
    Ok(as_int(&r).map(Int::to_big).unwrap_or_default())
}

/// `randrange(start, stop=None, step=1)` on integers already converted.
fn randrange_impl(
    vm: &mut Vm,
    this: &Value,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Value> {
    // The common case: small ints and unit step.
    if let (Value::Int(a), Some(Value::Int(b)), None) = (start, stop, step) {
        let width = *b as i128 - *a as i128;
        if width > 0 && width <= i64::MAX as i128 {
            let r = below(vm, this, Int::Small(width as i64))?;
            if let Value::Int(r) = r {
                return Ok(Value::Int((*a as i128 + r as i128) as i64));
            }
        }
    }
    let istart = to_int(vm, start, "arg 1")?;
    let Some(stop) = stop.filter(|s| !s.is_none()) else {
        if let Some(step) = step {
            if !matches!(step, Value::Int(1)) {
                return Err(vm.type_error("Missing a non-None stop argument"));
            }
        }
        if istart.is_positive() {
            return Ok(int_from_bigint(big_below(vm, this, &istart)?));
        }
        return Err(vm.value_error("empty range for randrange()"));
    };
    let istop = to_int(vm, stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => to_int(vm, s, "step")?,
        None => BigInt::one(),
    };
    if istep.is_one() {
        if width.is_positive() {
            let r = big_below(vm, this, &width)?;
            return Ok(int_from_bigint(istart + r));
        }
        return Err(vm.value_error(format!(
            "empty range for randrange() ({istart}, {istop}, {width})"
        )));
    }
    let n = if istep.is_positive() {
        (&width + &istep - BigInt::one()).div_floor(&istep)
    } else if istep.is_negative() {
        (&width + &istep + BigInt::one()).div_floor(&istep)
    } else {
        return Err(vm.value_error("zero step for randrange()"));
    };
    if n <= BigInt::zero() {
        return Err(vm.value_error("empty range for randrange()"));
    }
    let r = big_below(vm, this, &n)?;
    Ok(int_from_bigint(istart + istep * r))
}

/// `randrange(start, stop=None, step=1)`.
pub fn randrange(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "randrange")?;
    let a = parse_args(
        vm,
        "randrange",
        &args[1..],
        kwargs,
        &["start", "stop", "step"],
        1,
    )?;
    let start = a[0].clone().unwrap_or(Value::None);
    randrange_impl(vm, this, &start, a[1].as_ref(), a[2].as_ref())
}

/// `randint(a, b)`: `randrange(a, b + 1)`.
pub fn randint(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "randint")?;
    let a = parse_args(vm, "randint", &args[1..], kwargs, &["a", "b"], 2)?;
    let lo = a[0].clone().unwrap_or(Value::None);
    let hi = a[1].clone().unwrap_or(Value::None);
    let stop = crate::ops::binary_op(vm, BinaryOperator::Add, &hi, &Value::Int(1))?;
    randrange_impl(vm, this, &lo, Some(&stop), None)
}
