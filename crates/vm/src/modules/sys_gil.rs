//! The interpreter lock as CPython's `sys` shows it: `setswitchinterval`,
//! `getswitchinterval` and `_is_gil_enabled()`. Everything else about the lock is in
//! the `gil` module (`modules/gil.rs`).

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::threads::NEVER_SWITCH;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::Policy;

/// `sys.setswitchinterval(n)`: an int is gilded's unit, instructions (0: never switch
/// at an instruction boundary); a float is CPython's unit, seconds, which the `timed`
/// policy uses.
fn setswitchinterval(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "setswitchinterval", args, kw)?;
    match v {
        Value::Int(n) => set_instructions(vm, *n)?,
        _ => {
            let seconds = crate::number::convert::to_f64(vm, v)?;
            if seconds.is_nan() || seconds <= 0.0 {
                return Err(vm.value_error("switch interval must be strictly positive"));
            }
            vm.interp.lock.set_switch_seconds(seconds);
        }
    }
    Ok(Value::None)
}

/// Sets the switch interval to `n` instructions (0: never), for `sys` and `gil`.
pub(crate) fn set_instructions(vm: &Vm, n: i64) -> PyResult<()> {
    if n < 0 {
        return Err(vm.value_error("switch interval must be non-negative"));
    }
    let interval = if n == 0 { NEVER_SWITCH } else { n as u64 };
    vm.interp.lock.set_switch_interval(interval);
    Ok(())
}

/// `sys.getswitchinterval()`: seconds (a float) under `timed`, else instructions.
fn getswitchinterval(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "getswitchinterval", args, kw)?;
    let config = vm.interp.lock.config();
    Ok(match config.policy {
        Policy::Timed => Value::Float(config.switch_seconds),
        _ => Value::Int(interval_number(config.switch_interval)),
    })
}

/// The switch interval as users write it (0 for "never").
pub(crate) fn interval_number(n: u64) -> i64 {
    if n == NEVER_SWITCH {
        0
    } else {
        n.min(i64::MAX as u64) as i64
    }
}

fn is_gil_enabled(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "_is_gil_enabled", args, kw)?;
    Ok(Value::Bool(true))
}

/// Adds the lock's functions to `sys`.
pub fn register(vm: &Vm, sys: &ObjRef) {
    let functions: [(&'static str, crate::types::function::NativeFn); 3] = [
        ("setswitchinterval", setswitchinterval),
        ("getswitchinterval", getswitchinterval),
        ("_is_gil_enabled", is_gil_enabled),
    ];
    for (name, f) in functions {
        add_fn(vm, sys, name, f);
    }
}
