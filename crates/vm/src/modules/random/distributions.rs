//! Real-valued distributions (`uniform`, `triangular`, `gauss`, ...), computed with
//! the same operations in the same order as `random.py` 3.11, on Python values
//! where the arguments may be ints.

use super::{next_float, this_arg};
use crate::error::PyResult;
use crate::modules::native_class::{field, set_field};
use crate::number::args::parse_args;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator::{self, Add, Multiply, Power, Subtract, TrueDivide};

fn op(vm: &mut Vm, o: BinaryOperator, a: &Value, b: &Value) -> PyResult<Value> {
    crate::ops::binary_op(vm, o, a, b)
}

fn args_of(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    names: &[&str],
    required: usize,
) -> PyResult<(Value, Vec<Option<Value>>)> {
    let this = this_arg(vm, args, name)?.clone();
    let a = parse_args(vm, name, &args[1..], kwargs, names, required)?;
    Ok((this, a))
}

fn arg(a: &[Option<Value>], i: usize, default: Value) -> Value {
    a.get(i).cloned().flatten().unwrap_or(default)
}

/// `uniform(a, b)`: `a + (b - a) * random()`.
pub fn uniform(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "uniform", &["a", "b"], 2)?;
    let (lo, hi) = (arg(&a, 0, Value::None), arg(&a, 1, Value::None));
    let width = op(vm, Subtract, &hi, &lo)?;
    let r = Value::Float(next_float(vm, &this)?);
    let scaled = op(vm, Multiply, &width, &r)?;
    op(vm, Add, &lo, &scaled)
}

/// `triangular(low=0.0, high=1.0, mode=None)`.
pub fn triangular(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "triangular", &["low", "high", "mode"], 0)?;
    let mut low = arg(&a, 0, Value::Float(0.0));
    let mut high = arg(&a, 1, Value::Float(1.0));
    let mode = arg(&a, 2, Value::None);
    let mut u = next_float(vm, &this)?;
    let mut c = if mode.is_none() {
        0.5
    } else {
        let num = op(vm, Subtract, &mode, &low)?;
        let den = op(vm, Subtract, &high, &low)?;
        match op(vm, TrueDivide, &num, &den) {
            Ok(c) => crate::number::convert::to_f64(vm, &c)?,
            Err(e) if vm.err_matches(&e, &vm.interp.exc.zero_division_error.clone()) => {
                return Ok(low)
            }
            Err(e) => return Err(e),
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    let span = op(vm, Subtract, &high, &low)?;
    let scaled = op(vm, Multiply, &span, &Value::Float((u * c).sqrt()))?;
    op(vm, Add, &low, &scaled)
}

/// `mu + z * sigma`.
fn shift_scale(vm: &mut Vm, mu: &Value, z: f64, sigma: &Value) -> PyResult<Value> {
    let scaled = op(vm, Multiply, &Value::Float(z), sigma)?;
    op(vm, Add, mu, &scaled)
}

fn normal_z(vm: &mut Vm, this: &Value) -> PyResult<f64> {
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = next_float(vm, this)?;
        let u2 = 1.0 - next_float(vm, this)?;
        let z = magic * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return Ok(z);
        }
    }
}

/// `normalvariate(mu=0.0, sigma=1.0)` (Kinderman and Monahan).
pub fn normalvariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "normalvariate", &["mu", "sigma"], 0)?;
    let z = normal_z(vm, &this)?;
    shift_scale(
        vm,
        &arg(&a, 0, Value::Float(0.0)),
        z,
        &arg(&a, 1, Value::Float(1.0)),
    )
}

/// `gauss(mu=0.0, sigma=1.0)` (Box-Muller, caching the second value).
pub fn gauss(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "gauss", &["mu", "sigma"], 0)?;
    let cached = field(vm, &this, "gauss_next").unwrap_or(Value::None);
    set_field(vm, &this, "gauss_next", Value::None);
    let z = match cached {
        Value::Float(z) => z,
        _ => {
            let x2pi = next_float(vm, &this)? * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - next_float(vm, &this)?).ln()).sqrt();
            set_field(vm, &this, "gauss_next", Value::Float(x2pi.sin() * g2rad));
            x2pi.cos() * g2rad
        }
    };
    shift_scale(
        vm,
        &arg(&a, 0, Value::Float(0.0)),
        z,
        &arg(&a, 1, Value::Float(1.0)),
    )
}

/// `lognormvariate(mu, sigma)`.
pub fn lognormvariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "lognormvariate", &["mu", "sigma"], 2)?;
    let z = normal_z(vm, &this)?;
    let n = shift_scale(vm, &arg(&a, 0, Value::None), z, &arg(&a, 1, Value::None))?;
    let n = crate::number::convert::to_f64(vm, &n)?;
    let r = n.exp();
    if r.is_infinite() && n.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::Float(r))
}

/// `expovariate(lambd)`.
pub fn expovariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "expovariate", &["lambd"], 1)?;
    let num = -(1.0 - next_float(vm, &this)?).ln();
    op(vm, TrueDivide, &Value::Float(num), &arg(&a, 0, Value::None))
}

/// `paretovariate(alpha)`.
pub fn paretovariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "paretovariate", &["alpha"], 1)?;
    let u = 1.0 - next_float(vm, &this)?;
    let e = op(
        vm,
        TrueDivide,
        &Value::Float(-1.0),
        &arg(&a, 0, Value::None),
    )?;
    op(vm, Power, &Value::Float(u), &e)
}

/// `weibullvariate(alpha, beta)`.
pub fn weibullvariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "weibullvariate", &["alpha", "beta"], 2)?;
    let u = 1.0 - next_float(vm, &this)?;
    let e = op(vm, TrueDivide, &Value::Float(1.0), &arg(&a, 1, Value::None))?;
    let p = op(vm, Power, &Value::Float(-u.ln()), &e)?;
    op(vm, Multiply, &arg(&a, 0, Value::None), &p)
}

/// `gammavariate(alpha, beta)` on floats.
fn gamma_value(vm: &mut Vm, this: &Value, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(vm.value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    if alpha > 1.0 {
        let log4 = 4.0f64.ln();
        let sg_magicconst = 1.0 + 4.5f64.ln();
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - log4;
        let ccc = alpha + ainv;
        loop {
            let u1 = next_float(vm, this)?;
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - next_float(vm, this)?;
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magicconst - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    }
    if alpha == 1.0 {
        return Ok(-(1.0 - next_float(vm, this)?).ln() * beta);
    }
    let e = std::f64::consts::E;
    loop {
        let u = next_float(vm, this)?;
        let b = (e + alpha) / e;
        let p = b * u;
        let x = if p <= 1.0 {
            p.powf(1.0 / alpha)
        } else {
            -((b - p) / alpha).ln()
        };
        let u1 = next_float(vm, this)?;
        let accept = if p > 1.0 {
            u1 <= x.powf(alpha - 1.0)
        } else {
            u1 <= (-x).exp()
        };
        if accept {
            return Ok(x * beta);
        }
    }
}

fn float_arg(vm: &mut Vm, a: &[Option<Value>], i: usize) -> PyResult<f64> {
    let v = arg(a, i, Value::None);
    crate::number::convert::to_f64(vm, &v)
}

/// `gammavariate(alpha, beta)`.
pub fn gammavariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "gammavariate", &["alpha", "beta"], 2)?;
    let (alpha, beta) = (float_arg(vm, &a, 0)?, float_arg(vm, &a, 1)?);
    Ok(Value::Float(gamma_value(vm, &this, alpha, beta)?))
}

/// `betavariate(alpha, beta)`.
pub fn betavariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (this, a) = args_of(vm, args, kwargs, "betavariate", &["alpha", "beta"], 2)?;
    let (alpha, beta) = (float_arg(vm, &a, 0)?, float_arg(vm, &a, 1)?);
    let y = gamma_value(vm, &this, alpha, 1.0)?;
    if y != 0.0 {
        let z = gamma_value(vm, &this, beta, 1.0)?;
        return Ok(Value::Float(y / (y + z)));
    }
    Ok(Value::Float(0.0))
}

/// `vonmisesvariate(mu, kappa)`.
pub fn vonmisesvariate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    use crate::number::float_arith::modulo;
    use std::f64::consts::{PI, TAU};
    let (this, a) = args_of(vm, args, kwargs, "vonmisesvariate", &["mu", "kappa"], 2)?;
    let (mu, kappa) = (float_arg(vm, &a, 0)?, float_arg(vm, &a, 1)?);
    if kappa <= 1e-6 {
        return Ok(Value::Float(TAU * next_float(vm, &this)?));
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = next_float(vm, &this)?;
        let z = (PI * u1).cos();
        let d = z / (r + z);
        let u2 = next_float(vm, &this)?;
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = next_float(vm, &this)?;
    let theta = if u3 > 0.5 {
        modulo(mu + f.acos(), TAU)
    } else {
        modulo(mu - f.acos(), TAU)
    };
    Ok(Value::Float(theta))
}
