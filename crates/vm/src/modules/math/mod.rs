//! The `math` module: CPython's `mathmodule.c` semantics (`math domain error` /
//! `math range error` decided from the result as `math_1` does, exact integer
//! functions, `fsum`, `hypot`, gamma functions).

mod integer;
mod real;
mod special;
mod sums;

use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

/// Builds the `math` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let module = vm.new_module("math");
    let Payload::Module(m) = module.payload() else {
        return module;
    };
    let dict = m.dict.clone();
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        crate::vm::dict_set_str(vm, &dict, name, Value::Float(value));
    }
    let functions: &[(&'static str, NativeFn)] = &[
        ("sqrt", real::sqrt),
        ("exp", real::exp),
        ("exp2", real::exp2),
        ("expm1", real::expm1),
        ("log1p", real::log1p),
        ("sin", real::sin),
        ("cos", real::cos),
        ("tan", real::tan),
        ("asin", real::asin),
        ("acos", real::acos),
        ("atan", real::atan),
        ("sinh", real::sinh),
        ("cosh", real::cosh),
        ("tanh", real::tanh),
        ("asinh", real::asinh),
        ("acosh", real::acosh),
        ("atanh", real::atanh),
        ("cbrt", real::cbrt),
        ("fabs", real::fabs),
        ("degrees", real::degrees),
        ("radians", real::radians),
        ("isnan", real::isnan),
        ("isinf", real::isinf),
        ("isfinite", real::isfinite),
        ("floor", real::floor),
        ("ceil", real::ceil),
        ("trunc", real::trunc),
        ("log", real::log),
        ("log2", real::log2),
        ("log10", real::log10),
        ("pow", real::pow),
        ("atan2", real::atan2),
        ("copysign", real::copysign),
        ("fmod", real::fmod),
        ("remainder", real::remainder),
        ("modf", real::modf),
        ("frexp", real::frexp),
        ("ldexp", real::ldexp),
        ("isclose", real::isclose),
        ("nextafter", real::nextafter),
        ("ulp", real::ulp),
        ("gamma", special::gamma),
        ("lgamma", special::lgamma),
        ("erf", special::erf),
        ("erfc", special::erfc),
        ("fsum", sums::fsum),
        ("hypot", sums::hypot),
        ("dist", sums::dist),
        ("factorial", integer::factorial),
        ("gcd", integer::gcd),
        ("lcm", integer::lcm),
        ("isqrt", integer::isqrt),
        ("comb", integer::comb),
        ("perm", integer::perm),
        ("prod", integer::prod),
    ];
    for &(name, f) in functions {
        add_function(vm, &dict, name, f);
    }
    module
}

/// The single float argument of a one-argument math function.
fn one_float(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)], name: &str) -> PyResult<f64> {
    let x = crate::number::args::one_arg(vm, args, kwargs, &format!("math.{name}"))?;
    crate::number::convert::to_f64(vm, x)
}

/// Exactly two positional arguments: `atan2 expected 2 arguments, got 1`.
fn two_args<'a>(
    vm: &Vm,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    name: &str,
) -> PyResult<(&'a Value, &'a Value)> {
    crate::number::args::no_kwargs(vm, kwargs, name)?;
    match args {
        [a, b] => Ok((a, b)),
        _ => Err(vm.type_error(format!("{name} expected 2 arguments, got {}", args.len()))),
    }
}

/// `ValueError: math domain error`.
fn domain_error(vm: &Vm) -> crate::error::PyErr {
    vm.value_error("math domain error")
}

/// `OverflowError: math range error`.
fn range_error(vm: &Vm) -> crate::error::PyErr {
    vm.overflow_error("math range error")
}
