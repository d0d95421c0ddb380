//! Float arithmetic with CPython's semantics: floor division and modulo take the sign
//! of the divisor, `**` follows C99 `pow` special cases and reports overflow, and a
//! negative base with a fractional exponent yields a complex number.

use super::complex;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;

/// `x op y` for two floats; `None` for operators floats do not support.
#[inline]
pub fn binary(vm: &mut Vm, op: BinaryOperator, x: f64, y: f64) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    let r = match op {
        Add => x + y,
        Subtract => x - y,
        Multiply => x * y,
        TrueDivide => {
            if y == 0.0 {
                return Some(Err(vm.zero_division_error("float division by zero")));
            }
            x / y
        }
        FloorDivide => {
            if y == 0.0 {
                return Some(Err(vm.zero_division_error("float floor division by zero")));
            }
            divmod_unchecked(x, y).0
        }
        Remainder => {
            if y == 0.0 {
                return Some(Err(vm.zero_division_error("float modulo")));
            }
            modulo(x, y)
        }
        Power => return Some(power(vm, x, y)),
        _ => return None,
    };
    Some(Ok(Value::Float(r)))
}

/// Python's float `%`: the result has the sign of `y` (`y != 0`).
pub fn modulo(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    }
}

/// `divmod(x, y)` for floats.
pub fn divmod(vm: &mut Vm, x: f64, y: f64) -> PyResult<(f64, f64)> {
    if y == 0.0 {
        return Err(vm.zero_division_error("float divmod()"));
    }
    Ok(divmod_unchecked(x, y))
}

/// CPython's `float_divmod` for `y != 0`.
fn divmod_unchecked(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn is_odd_integer(f: f64) -> bool {
    f.is_finite() && f.fract() == 0.0 && (f % 2.0).abs() == 1.0
}

/// `x ** y` for floats (CPython's `float_pow`).
pub fn power(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    if y == 0.0 {
        return Ok(Value::Float(1.0));
    }
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Value::Float(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(Value::Float(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float(if is_odd_integer(y) { x } else { 0.0 }));
    }
    let mut negate = false;
    let mut base = x;
    if x < 0.0 {
        if y != y.floor() {
            // A negative number to a fractional power is complex.
            return complex::power(vm, (x, 0.0), (y, 0.0));
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(Value::Float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        let exc = vm.interp.exc.overflow_error.clone();
        return Err(vm.new_exception(
            &exc,
            vec![Value::Int(34), Value::str("Numerical result out of range")],
        ));
    }
    Ok(Value::Float(if negate { -r } else { r }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_mod_follow_divisor_sign() {
        assert_eq!(divmod_unchecked(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(divmod_unchecked(7.0, -2.0), (-4.0, -1.0));
        assert_eq!(modulo(5.0, -3.0), -1.0);
        assert_eq!(modulo(-5.0, 3.0), 1.0);
        assert!(modulo(-0.0, 3.0).is_sign_positive());
        assert_eq!(divmod_unchecked(1.0, 0.3).0, 3.0);
    }
}
