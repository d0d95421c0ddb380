//! The `gil` module: the interpreter lock seen from inside a program, so a teaching
//! script can measure a section of itself.
//!
//! - `gil.stats()`: everything counted since start (or the last reset), as a dict of
//!   the same shape as the `--stats-json` report (docs/stats-json.md), without the
//!   trace;
//! - `gil.reset_stats()`: starts counting afresh;
//! - `gil.switch_interval()` / `gil.set_switch_interval(n)`: instructions between
//!   hand-off offers (0: never);
//! - `gil.policy()` / `gil.set_policy(name)`: `fair`, `greedy` or `timed`;
//! - `gil.holder()`: the ident of the thread holding the lock (the caller, since
//!   running Python code takes the lock).

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::threads::parse_policy;
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::{Interp, Vm};
use gilded_gil::report::Report;

/// This process's report, with the reports of the children that have ended.
pub fn report(interp: &Interp) -> Report {
    collect_child_reports(interp);
    interp.lock.report()
}

/// Moves the reports children sent back into the lock's.
fn collect_child_reports(interp: &Interp) {
    for child in crate::process::spawn::take_child_reports() {
        interp.lock.add_child_report(child);
    }
}

/// `gil.stats()`.
fn stats(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "stats", args, kw)?;
    vm.flush_instruction_count();
    let mut report = report(&vm.interp);
    report.trace = None;
    let json = gilded_observe::json::to_value(&report);
    Ok(to_python(vm, &json))
}

/// A JSON value as the Python value `json.loads` would give.
fn to_python(vm: &Vm, json: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match json {
        J::Null => Value::None,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::Int(i),
            (None, Some(u)) => crate::number::int_from_bigint(u.into()),
            _ => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => Value::str(s.clone()),
        J::Array(items) => {
            let items = items.iter().map(|v| to_python(vm, v)).collect();
            vm.new_list(items)
        }
        J::Object(entries) => {
            let mut d = Dict::new();
            for (k, v) in entries {
                d.set_str(Value::str(k.clone()), to_python(vm, v));
            }
            vm.new_dict(d)
        }
    }
}

/// `gil.reset_stats()`.
fn reset_stats(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "reset_stats", args, kw)?;
    vm.flush_instruction_count();
    collect_child_reports(&vm.interp);
    vm.interp.lock.reset_stats();
    Ok(Value::None)
}

/// `gil.set_switch_interval(n)`: n instructions between offers, 0 for never.
fn set_switch_interval(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "set_switch_interval", args, kw)?;
    let n = match v {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        _ => {
            let name = vm.type_name(v);
            return Err(vm.type_error(format!(
                "switch interval must be an int (instructions), not {name}"
            )));
        }
    };
    crate::modules::sys_gil::set_instructions(vm, n)?;
    Ok(Value::None)
}

/// `gil.switch_interval()`: instructions between offers (0: never).
fn switch_interval(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "switch_interval", args, kw)?;
    Ok(Value::Int(crate::modules::sys_gil::interval_number(
        vm.interp.lock.config().switch_interval,
    )))
}

/// `gil.policy()`.
fn policy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "policy", args, kw)?;
    Ok(Value::str(vm.interp.lock.config().policy.name()))
}

/// `gil.set_policy(name)`.
fn set_policy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "set_policy", args, kw)?;
    let Some(policy) = v.as_str().and_then(parse_policy) else {
        let shown = crate::ops::repr(vm, v)?;
        return Err(vm.value_error(format!(
            "unknown GIL policy {shown} (expected 'fair', 'greedy' or 'timed')"
        )));
    };
    vm.interp.lock.set_policy(policy);
    Ok(Value::None)
}

/// `gil.holder()`.
fn holder(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "holder", args, kw)?;
    Ok(match vm.interp.lock.holder() {
        Some(ident) => crate::number::int_from_bigint(ident.into()),
        None => Value::None,
    })
}

/// Builds the `gil` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("gil");
    let functions: [(&'static str, crate::types::function::NativeFn); 7] = [
        ("stats", stats),
        ("reset_stats", reset_stats),
        ("switch_interval", switch_interval),
        ("set_switch_interval", set_switch_interval),
        ("policy", policy),
        ("set_policy", set_policy),
        ("holder", holder),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    m
}
