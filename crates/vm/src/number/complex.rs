//! Complex arithmetic (CPython's `complexobject.c` algorithms: Smith's division,
//! repeated squaring for small integral powers) and the complex repr.

use super::float_repr::{format_float, FloatStyle};
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;

/// A complex number as (real, imag).
pub type Complex = (f64, f64);

/// A new complex value.
pub fn new_complex(c: Complex) -> Value {
    Value::new_obj(Payload::Complex(c.0, c.1))
}

/// `x op y` for complex operands; `None` for operators complex does not support.
pub fn binary(vm: &mut Vm, op: BinaryOperator, x: Complex, y: Complex) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    let r = match op {
        Add => (x.0 + y.0, x.1 + y.1),
        Subtract => (x.0 - y.0, x.1 - y.1),
        Multiply => prod(x, y),
        TrueDivide => match quot(x, y) {
            Some(q) => q,
            None => return Some(Err(vm.zero_division_error("complex division by zero"))),
        },
        Power => return Some(power(vm, x, y)),
        _ => return None,
    };
    Some(Ok(new_complex(r)))
}

fn prod(a: Complex, b: Complex) -> Complex {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// Smith's algorithm; `None` when dividing by zero.
fn quot(a: Complex, b: Complex) -> Option<Complex> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn pow_unsigned(x: Complex, n: u64) -> Complex {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// How complex exponentiation ended, as C's errno would report it.
enum PowOutcome {
    Value(Complex),
    /// EDOM: a zero base to a negative or complex power, or sin/cos of an infinity.
    Domain,
}

/// CPython's `_Py_c_pow` for the general case.
fn general_power(a: Complex, b: Complex) -> PowOutcome {
    if b.0 == 0.0 && b.1 == 0.0 {
        return PowOutcome::Value((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return PowOutcome::Domain;
        }
        return PowOutcome::Value((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    // glibc's sin and cos of an infinity set EDOM.
    if phase.is_infinite() {
        return PowOutcome::Domain;
    }
    PowOutcome::Value((len * phase.cos(), len * phase.sin()))
}

/// `x ** y` for complex numbers.
pub fn power(vm: &mut Vm, a: Complex, b: Complex) -> PyResult<Value> {
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            PowOutcome::Value(pow_unsigned(a, n as u64))
        } else {
            match quot((1.0, 0.0), pow_unsigned(a, n.unsigned_abs())) {
                Some(q) => PowOutcome::Value(q),
                None => PowOutcome::Domain,
            }
        }
    } else {
        general_power(a, b)
    };
    match r {
        PowOutcome::Domain => Err(vm.zero_division_error("0.0 to a negative or complex power")),
        PowOutcome::Value(r) if r.0.is_infinite() || r.1.is_infinite() => {
            Err(vm.overflow_error("complex exponentiation"))
        }
        PowOutcome::Value(r) => Ok(new_complex(r)),
    }
}

/// `abs(z)`.
pub fn abs(vm: &mut Vm, z: Complex) -> PyResult<f64> {
    let r = z.0.hypot(z.1);
    if r.is_infinite() && z.0.is_finite() && z.1.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(r)
}

/// `repr(z)`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn repr(z: Complex) -> String {
    let imag = format_float(z.1, FloatStyle::Repr { add_dot_0: false });
    if z.0 == 0.0 && z.0.is_sign_positive() {
        return format!("{imag}j");
    }
    let real = format_float(z.0, FloatStyle::Repr { add_dot_0: false });
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({real}{sign}{imag}j)")
}
