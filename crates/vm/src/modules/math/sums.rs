//! Accurate sums: `fsum` (Shewchuk's exact partials, as CPython) and the
//! Euclidean norms `hypot`/`dist` (CPython's compensated `vector_norm`).

use crate::error::PyResult;
use crate::number::convert::to_f64;
use crate::value::Value;
use crate::vm::Vm;

/// `math.fsum(iterable)`: the correctly rounded sum.
pub fn fsum(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let seq = crate::number::args::one_arg(vm, args, kwargs, "math.fsum")?;
    let iter = crate::ops::get_iter(vm, seq)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = crate::ops::iter_next(vm, &iter)? {
        let mut x = to_f64(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // An infinite x comes from an infinite summand or from overflow.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    Ok(Value::Float(sum_partials(&partials)))
}

/// Adds the partials from the top, rounding half to even across them.
fn sum_partials(p: &[f64]) -> f64 {
    let mut hi = 0.0;
    let mut lo = 0.0;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    hi
}

/// An exact product `x * y` as a (high, low) pair.
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// An exact sum of `a + b` (`|a| >= |b|`) as a (high, low) pair.
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

/// The Euclidean norm of non-negative values whose maximum is `max`.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = crate::number::hash::frexp(max);
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = crate::number::ldexp(1.0, -(max_e as i64));
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &v in vec.iter() {
        let x = v * scale;
        let (pr_hi, pr_lo) = dl_mul(x, x);
        let (sm_hi, sm_lo) = dl_fast_sum(csum, pr_hi);
        csum = sm_hi;
        frac1 += pr_lo;
        frac2 += sm_lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (pr_hi, pr_lo) = dl_mul(-h, h);
    let (sm_hi, sm_lo) = dl_fast_sum(csum, pr_hi);
    csum = sm_hi;
    frac1 += pr_lo;
    frac2 += sm_lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// The norm of already-converted coordinates.
fn norm_of(mut coords: Vec<f64>) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for c in coords.iter_mut() {
        *c = c.abs();
        found_nan |= c.is_nan();
        if *c > max {
            max = *c;
        }
    }
    vector_norm(&mut coords, max, found_nan)
}

/// `math.hypot(*coordinates)`.
pub fn hypot(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    crate::number::args::no_kwargs(vm, kwargs, "hypot")?;
    let mut coords = Vec::with_capacity(args.len());
    for a in args {
        coords.push(to_f64(vm, a)?);
    }
    Ok(Value::Float(norm_of(coords)))
}

/// `math.dist(p, q)`.
pub fn dist(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, q) = super::two_args(vm, args, kwargs, "dist")?;
    let (p, q) = (p.clone(), q.clone());
    // Any iterable becomes a tuple first, as in CPython.
    let p = crate::ops::collect_iterable(vm, &p)?;
    let q = crate::ops::collect_iterable(vm, &q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        let (x, y) = (to_f64(vm, a)?, to_f64(vm, b)?);
        diffs.push(x - y);
    }
    Ok(Value::Float(norm_of(diffs)))
}
