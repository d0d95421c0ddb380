//! The float functions of `math`: the libm wrappers with CPython's error rules,
//! `floor`/`ceil`/`trunc` (ints out, `__floor__` & co. honoured), the logarithms
//! (exact for huge ints), `pow`, `atan2`, `fmod`, `remainder`, `isclose`, ...

use super::{domain_error, one_float, range_error, two_args};
use crate::error::PyResult;
use crate::number::convert::{float_to_int, to_f64};
use crate::number::{as_int, num, Int, Num};
use crate::ops::{call_dunder, is_user_object};
use crate::value::Value;
use crate::vm::Vm;

/// CPython's `math_1`: NaN from a non-NaN argument is a domain error; an infinity
/// from a finite argument is a range error when the function can overflow.
fn math_1(vm: &Vm, x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

macro_rules! math1 {
    ($($name:ident => $f:expr, $overflow:expr;)*) => {$(
        #[doc = concat!("`math.", stringify!($name), "(x)`.")]
        pub fn $name(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let x = one_float(vm, args, kwargs, stringify!($name))?;
            math_1(vm, x, $f, $overflow)
        }
    )*};
}

math1! {
    sqrt => f64::sqrt, false;
    exp => f64::exp, true;
    exp2 => f64::exp2, true;
    expm1 => f64::exp_m1, true;
    log1p => f64::ln_1p, false;
    sin => f64::sin, false;
    cos => f64::cos, false;
    tan => f64::tan, false;
    asin => f64::asin, false;
    acos => f64::acos, false;
    atan => f64::atan, false;
    sinh => f64::sinh, true;
    cosh => f64::cosh, true;
    tanh => f64::tanh, false;
    asinh => f64::asinh, false;
    acosh => f64::acosh, false;
    atanh => f64::atanh, false;
    cbrt => libm_cbrt, false;
    fabs => f64::abs, false;
}

extern "C" {
    fn dlsym(
        handle: *mut std::ffi::c_void,
        symbol: *const std::ffi::c_char,
    ) -> *mut std::ffi::c_void;
}

/// The C library's `cbrt`. Rust's runtime links its own `cbrt` into the binary,
/// which differs from glibc's in the last bit (CPython: cbrt(27) is
/// 3.0000000000000004), so the C one is looked up dynamically, once.
fn libm_cbrt(x: f64) -> f64 {
    static CBRT: std::sync::OnceLock<Option<extern "C" fn(f64) -> f64>> =
        std::sync::OnceLock::new();
    let f = CBRT.get_or_init(|| {
        // SAFETY: RTLD_DEFAULT (null) searches the loaded libraries; the symbol, when
        // found, is C's `double cbrt(double)`, matching the pointer type.
        unsafe {
            let p = dlsym(std::ptr::null_mut(), c"cbrt".as_ptr());
            if p.is_null() {
                None
            } else {
                Some(std::mem::transmute::<
                    *mut std::ffi::c_void,
                    extern "C" fn(f64) -> f64,
                >(p))
            }
        }
    });
    match f {
        Some(f) => f(x),
        None => x.cbrt(),
    }
}

/// `math.degrees(x)`.
pub fn degrees(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one_float(vm, args, kwargs, "degrees")?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

/// `math.radians(x)`.
pub fn radians(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one_float(vm, args, kwargs, "radians")?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

/// `math.isnan(x)`.
pub fn isnan(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, args, kwargs, "isnan")?.is_nan()))
}

/// `math.isinf(x)`.
pub fn isinf(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(
        one_float(vm, args, kwargs, "isinf")?.is_infinite(),
    ))
}

/// `math.isfinite(x)`.
pub fn isfinite(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(
        one_float(vm, args, kwargs, "isfinite")?.is_finite(),
    ))
}

/// `floor`/`ceil`: ints as they are, floats rounded to ints, else the dunder.
fn round_to_int(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let x = crate::number::args::one_arg(vm, args, kwargs, &format!("math.{name}"))?;
    match num(x) {
        Some(Num::Float(v)) => return float_to_int(vm, f(v)),
        Some(Num::Int(_) | Num::Big(_)) => {
            return Ok(as_int(x).map(Int::to_value).unwrap_or(Value::Int(0)))
        }
        _ => {}
    }
    if is_user_object(x) {
        if let Some(r) = call_dunder(vm, x, dunder, vec![])? {
            return Ok(r);
        }
    }
    let v = to_f64(vm, x)?;
    float_to_int(vm, f(v))
}

/// `math.floor(x)`.
pub fn floor(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    round_to_int(vm, args, kwargs, "floor", "__floor__", f64::floor)
}

/// `math.ceil(x)`.
pub fn ceil(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    round_to_int(vm, args, kwargs, "ceil", "__ceil__", f64::ceil)
}

/// `math.trunc(x)`.
pub fn trunc(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = crate::number::args::one_arg(vm, args, kwargs, "math.trunc")?;
    match num(x) {
        Some(Num::Float(v)) => return float_to_int(vm, v),
        Some(Num::Int(_) | Num::Big(_)) => {
            return Ok(as_int(x).map(Int::to_value).unwrap_or(Value::Int(0)))
        }
        _ => {}
    }
    if is_user_object(x) {
        if let Some(r) = call_dunder(vm, x, "__trunc__", vec![])? {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!(
        "type {} doesn't define __trunc__ method",
        vm.type_name(x)
    )))
}

/// `x == m * 2**e` with `m` in [0.5, 1) correctly rounded (CPython's
/// `_PyLong_Frexp`), for a positive int too large for a float.
fn big_frexp(b: &num_bigint::BigInt) -> (f64, i64) {
    let bits = b.bits() as i64;
    let shift = (bits - 55) as u64;
    let top = num_traits::ToPrimitive::to_u64(&(b >> shift)).unwrap_or(0);
    let sticky = b.trailing_zeros().is_some_and(|t| t < shift);
    let mut m = top | sticky as u64;
    // Round 55 bits to 53, half to even.
    let rest = m & 3;
    m >>= 2;
    if rest > 2 || (rest == 2 && m & 1 == 1) {
        m += 1;
    }
    let mut e = bits;
    let mut x = m as f64 / 9_007_199_254_740_992.0;
    if x >= 1.0 {
        x /= 2.0;
        e += 1;
    }
    (x, e)
}

/// CPython's `loghelper`: ints (even huge ones) handled exactly, others via
/// `math_1` rules with `f` as the logarithm.
fn loghelper(vm: &mut Vm, x: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = as_int(x) {
        if i.is_negative() || i.is_zero() {
            return Err(domain_error(vm));
        }
        return Ok(match i {
            Int::Small(n) => f(n as f64),
            Int::Big(b) => match crate::number::big_to_f64(b) {
                Some(v) => f(v),
                None => {
                    let (m, e) = big_frexp(b);
                    f(m) + f(2.0) * e as f64
                }
            },
        });
    }
    let v = to_f64(vm, x)?;
    let r = f(v);
    if v.is_finite() && v <= 0.0 {
        return Err(domain_error(vm));
    }
    if r.is_nan() && !v.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(r)
}

/// `math.log(x[, base])`.
pub fn log(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    crate::number::args::no_kwargs(vm, kwargs, "log")?;
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &args[0], f64::ln)?;
    match args.get(1) {
        None => Ok(Value::Float(num)),
        Some(base) => {
            let den = loghelper(vm, base, f64::ln)?;
            if den == 0.0 {
                return Err(vm.zero_division_error("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
    }
}

/// `math.log2(x)`.
pub fn log2(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = crate::number::args::one_arg(vm, args, kwargs, "math.log2")?;
    Ok(Value::Float(loghelper(vm, x, f64::log2)?))
}

/// `math.log10(x)`.
pub fn log10(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = crate::number::args::one_arg(vm, args, kwargs, "math.log10")?;
    Ok(Value::Float(loghelper(vm, x, f64::log10)?))
}

fn two_floats(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
) -> PyResult<(f64, f64)> {
    let (a, b) = two_args(vm, args, kwargs, name)?;
    let (a, b) = (a.clone(), b.clone());
    Ok((to_f64(vm, &a)?, to_f64(vm, &b)?))
}

/// CPython's `math_2` error rules.
fn math_2(vm: &Vm, x: f64, y: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// `math.pow(x, y)`: C99 special cases, then libm.
pub fn pow(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kwargs, "pow")?;
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        }
    } else {
        let r = x.powf(y);
        if r.is_nan() || (r.is_infinite() && x == 0.0) {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(range_error(vm));
        }
        r
    };
    Ok(Value::Float(r))
}

/// `math.atan2(y, x)` with C99's special values.
pub fn atan2(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    use std::f64::consts::PI;
    let (y, x) = two_floats(vm, args, kwargs, "atan2")?;
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if y.is_infinite() {
        if x.is_infinite() {
            if x.is_sign_positive() {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            }
        } else {
            (0.5 * PI).copysign(y)
        }
    } else if x.is_infinite() || y == 0.0 {
        if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        }
    } else {
        y.atan2(x)
    };
    math_2(vm, y, x, r)
}

/// `math.copysign(x, y)`.
pub fn copysign(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kwargs, "copysign")?;
    math_2(vm, x, y, x.copysign(y))
}

/// `math.fmod(x, y)`.
pub fn fmod(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kwargs, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    math_2(vm, x, y, x % y)
}

/// IEEE 754 remainder: `x - n*y` with `n` the nearest integer to `x/y`, ties even.
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// `math.remainder(x, y)`.
pub fn remainder(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kwargs, "remainder")?;
    math_2(vm, x, y, m_remainder(x, y))
}

/// `math.modf(x)`: (fractional part, integer part), both with the sign of x.
pub fn modf(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one_float(vm, args, kwargs, "modf")?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        ((x - x.trunc()).copysign(x), x.trunc())
    };
    Ok(vm.new_tuple(vec![Value::Float(frac), Value::Float(int)]))
}

/// `math.frexp(x)`.
pub fn frexp(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one_float(vm, args, kwargs, "frexp")?;
    let (m, e) = crate::number::hash::frexp(x);
    Ok(vm.new_tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

/// `math.ldexp(x, i)`.
pub fn ldexp(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (xv, iv) = two_args(vm, args, kwargs, "ldexp")?;
    let (xv, iv) = (xv.clone(), iv.clone());
    let x = to_f64(vm, &xv)?;
    let Some(i) = as_int(&iv) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let exp = match i {
        Int::Small(e) => e,
        Int::Big(_) if i.is_negative() => i64::MIN,
        Int::Big(_) => i64::MAX,
    };
    let r = crate::number::ldexp(x, exp);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
pub fn isclose(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let a = crate::number::args::parse_args(
        vm,
        "isclose",
        args,
        kwargs,
        &["a", "b", "rel_tol", "abs_tol"],
        2,
    )?;
    let mut f = [0.0f64; 4];
    let defaults = [0.0, 0.0, 1e-9, 0.0];
    for (i, slot) in f.iter_mut().enumerate() {
        *slot = match &a[i] {
            Some(v) => to_f64(vm, v)?,
            None => defaults[i],
        };
    }
    let [x, y, rel_tol, abs_tol] = f;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * y).abs() || diff <= (rel_tol * x).abs() || diff <= abs_tol,
    ))
}

/// The next float after `x` in the direction of `y` (C's `nextafter`).
pub fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

/// `math.nextafter(x, y)`.
pub fn nextafter(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kwargs, "nextafter")?;
    Ok(Value::Float(next_after(x, y)))
}

/// `math.ulp(x)`.
pub fn ulp(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one_float(vm, args, kwargs, "ulp")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let x2 = next_after(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(Value::Float(x - next_after(x, f64::NEG_INFINITY)));
    }
    Ok(Value::Float(x2 - x))
}
