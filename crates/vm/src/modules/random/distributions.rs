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
    shift_scale(vm, &arg(&a, 0, Value::Float(0.0)), z, &arg(&a, 1, Value::Float(1.0)))
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
    shift_scale(vm, &arg(&a, 0, Value::Float(0.0)), z, &arg(&a, 1, Value::Float(1.0)))
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
    let e = op(vm, TrueDivide, &Value::Float(-1.0), &arg(&a, 0, Value::None))?;
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
