//! The numeric built-in functions: `abs`, `divmod`, `pow`, `round`, `bin`, `hex`,
//! `oct`.

use super::args::{one_arg, parse_args};
use super::convert::index;
use super::format_num::int_digits;
use super::rounding::{round_float, round_float_to_int, round_int};
use super::{as_int, complex, float_arith, int_arith, int_from_bigint, num, Int, Num};
use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::ops::{call_dunder, is_user_object};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;
use num_bigint::BigInt;

/// Installs the numeric built-ins into `builtins`.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    let t = vm.types();
    for (name, class) in [
        ("int", &t.int),
        ("float", &t.float),
        ("bool", &t.bool_),
        ("complex", &t.complex),
    ] {
        crate::bootstrap::set_global(vm, &b, name, Value::Obj(class.clone()));
    }
    add_function(vm, &b, "abs", builtin_abs);
    add_function(vm, &b, "divmod", builtin_divmod);
    add_function(vm, &b, "pow", builtin_pow);
    add_function(vm, &b, "round", builtin_round);
    add_function(vm, &b, "bin", builtin_bin);
    add_function(vm, &b, "hex", builtin_hex);
    add_function(vm, &b, "oct", builtin_oct);
}

/// `abs(x)` of any value.
pub fn abs(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match num(x) {
        Some(Num::Int(i)) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => int_from_bigint(-BigInt::from(i)),
        }),
        Some(Num::Big(b)) => Ok(int_from_bigint(num_traits::Signed::abs(b))),
        Some(Num::Float(f)) => Ok(Value::Float(f.abs())),
        Some(Num::Complex(re, im)) => Ok(Value::Float(complex::abs(vm, (re, im))?)),
        None => {
            if is_user_object(x) {
                if let Some(r) = call_dunder(vm, x, "__abs__", vec![])? {
                    return Ok(r);
                }
            }
            Err(vm.type_error(format!("bad operand type for abs(): '{}'", vm.type_name(x))))
        }
    }
}

fn builtin_abs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let x = one_arg(vm, args, kwargs, "abs")?;
    abs(vm, x)
}

/// `divmod(a, b)` of any values.
pub fn divmod(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    match (num(a), num(b)) {
        (Some(x), Some(y)) if !matches!(x, Num::Complex(..)) && !matches!(y, Num::Complex(..)) => {
            let (q, r) = match (x.as_int(), y.as_int()) {
                (Some(i), Some(j)) => int_arith::divmod(vm, i, j)?,
                _ => {
                    let fx = super::convert::exact_f64(vm, a).unwrap_or(Ok(0.0))?;
                    let fy = super::convert::exact_f64(vm, b).unwrap_or(Ok(0.0))?;
                    let (q, r) = float_arith::divmod(vm, fx, fy)?;
                    (Value::Float(q), Value::Float(r))
                }
            };
            Ok(vm.new_tuple(vec![q, r]))
        }
        _ => {
            if is_user_object(a) {
                if let Some(r) = call_dunder(vm, a, "__divmod__", vec![b.clone()])? {
                    if !r.is(&vm.interp.not_implemented) {
                        return Ok(r);
                    }
                }
            }
            if is_user_object(b) {
                if let Some(r) = call_dunder(vm, b, "__rdivmod__", vec![a.clone()])? {
                    if !r.is(&vm.interp.not_implemented) {
                        return Ok(r);
                    }
                }
            }
            Err(vm.type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                vm.type_name(a),
                vm.type_name(b)
            )))
        }
    }
}

fn builtin_divmod(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    super::args::no_kwargs(vm, kwargs, "divmod")?;
    match args {
        [a, b] => divmod(vm, a, b),
        _ => Err(vm.type_error(format!("divmod expected 2 arguments, got {}", args.len()))),
    }
}

fn builtin_pow(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = parse_args(vm, "pow", args, kwargs, &["base", "exp", "mod"], 2)?;
    let base = a[0].clone().unwrap_or(Value::None);
    let exp = a[1].clone().unwrap_or(Value::None);
    match &a[2] {
        None | Some(Value::None) => crate::ops::binary_op(vm, BinaryOperator::Power, &base, &exp),
        Some(m) => pow3(vm, &base, &exp, m),
    }
}

/// `pow(base, exp, mod)`.
pub fn pow3(vm: &mut Vm, base: &Value, exp: &Value, m: &Value) -> PyResult<Value> {
    if let (Some(x), Some(y), Some(z)) = (as_int(base), as_int(exp), as_int(m)) {
        return int_arith::mod_power(vm, x, y, z);
    }
    if is_user_object(base) {
        if let Some(r) = call_dunder(vm, base, "__pow__", vec![exp.clone(), m.clone()])? {
            if !r.is(&vm.interp.not_implemented) {
                return Ok(r);
            }
        }
    }
    let args = [base, exp, m];
    if args
        .iter()
        .any(|v| matches!(num(v), Some(Num::Complex(..))))
    {
        return Err(vm.value_error("complex modulo"));
    }
    if args.iter().all(|v| num(v).is_some()) {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(base),
        vm.type_name(exp),
        vm.type_name(m)
    )))
}

/// `round(number, ndigits=None)` of any value.
pub fn round(vm: &mut Vm, x: &Value, ndigits: Option<&Value>) -> PyResult<Value> {
    let ndigits = ndigits.filter(|n| !n.is_none());
    match num(x) {
        Some(Num::Int(_) | Num::Big(_)) => {
            let i = as_int(x).unwrap_or(Int::Small(0));
            match ndigits {
                None => Ok(i.to_value()),
                Some(nd) => {
                    let nd = index(vm, nd)?;
                    let nd = as_int(&nd).unwrap_or(Int::Small(0));
                    Ok(round_int(i, nd))
                }
            }
        }
        Some(Num::Float(f)) => match ndigits {
            None => round_float_to_int(vm, f),
            Some(nd) => {
                let nd = match index(vm, nd)? {
                    Value::Int(n) => n,
                    other => match as_int(&other) {
                        Some(i) if i.is_negative() => i64::MIN,
                        _ => i64::MAX,
                    },
                };
                Ok(Value::Float(round_float(vm, f, nd)?))
            }
        },
        _ => {
            if is_user_object(x) {
                let args = ndigits.map(|n| vec![n.clone()]).unwrap_or_default();
                if let Some(r) = call_dunder(vm, x, "__round__", args)? {
                    return Ok(r);
                }
            }
            Err(vm.type_error(format!(
                "type {} doesn't define __round__ method",
                vm.type_name(x)
            )))
        }
    }
}

fn builtin_round(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = parse_args(vm, "round", args, kwargs, &["number", "ndigits"], 1)?;
    let x = a[0].clone().unwrap_or(Value::None);
    round(vm, &x, a[1].as_ref())
}

/// `bin`/`hex`/`oct` text of an int: sign, prefix, digits.
pub fn int_to_base(i: Int<'_>, base: u32) -> String {
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let digits = int_digits(i, base);
    let sign = if i.is_negative() { "-" } else { "" };
    format!("{sign}{prefix}{digits}")
}

fn base_builtin(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    base: u32,
) -> PyResult<Value> {
    let x = one_arg(vm, args, kwargs, name)?;
    let i = index(vm, x)?;
    let i = as_int(&i).unwrap_or(Int::Small(0));
    Ok(Value::str(int_to_base(i, base)))
}

fn builtin_bin(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    base_builtin(vm, args, kwargs, "bin", 2)
}

fn builtin_hex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    base_builtin(vm, args, kwargs, "hex", 16)
}

fn builtin_oct(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    base_builtin(vm, args, kwargs, "oct", 8)
}
