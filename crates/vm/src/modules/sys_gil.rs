//! The interpreter lock as `sys` shows it: `setswitchinterval`/`getswitchinterval`,
//! `_gil_stats()`, `_gil_stats_reset()`, `_set_gil_policy()`/`_get_gil_policy()`,
//! `_is_gil_enabled()`; and the `--gil-stats` table printed at exit.

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::threads::{parse_policy, policy_name, NEVER_SWITCH};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::{Config, InterpreterLock, Policy};
use std::fmt::Write;
use std::time::Duration;

/// `sys.setswitchinterval(n)`: an int is gilded's unit, instructions (0: never switch
/// at an instruction boundary); a float is CPython's unit, seconds, which the `timed`
/// policy uses.
fn setswitchinterval(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "setswitchinterval", args, kw)?;
    let lock = &vm.interp.lock;
    match v {
        Value::Int(n) if *n >= 0 => {
            lock.set_switch_interval(if *n == 0 { NEVER_SWITCH } else { *n as u64 });
        }
        Value::Int(_) => return Err(vm.value_error("switch interval must be non-negative")),
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
fn interval_number(n: u64) -> i64 {
    if n == NEVER_SWITCH {
        0
    } else {
        n.min(i64::MAX as u64) as i64
    }
}

fn set_gil_policy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "_set_gil_policy", args, kw)?;
    let name = v.as_str().unwrap_or("");
    let Some(policy) = parse_policy(name) else {
        let shown = crate::ops::repr(vm, v)?;
        return Err(vm.value_error(format!(
            "unknown GIL policy {shown} (expected 'fair', 'greedy' or 'timed')"
        )));
    };
    vm.interp.lock.set_policy(policy);
    Ok(Value::None)
}

fn get_gil_policy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "_get_gil_policy", args, kw)?;
    Ok(Value::str(policy_name(vm.interp.lock.config().policy)))
}

fn is_gil_enabled(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "_is_gil_enabled", args, kw)?;
    Ok(Value::Bool(true))
}

fn gil_stats_reset(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "_gil_stats_reset", args, kw)?;
    vm.flush_instruction_count();
    vm.interp.lock.reset_stats();
    Ok(Value::None)
}

fn micros(d: Duration) -> Value {
    Value::Float(d.as_secs_f64() * 1e6)
}

fn dict_value(vm: &Vm, entries: Vec<(&str, Value)>) -> Value {
    let mut d = Dict::new();
    for (k, v) in entries {
        d.set_str(Value::str(k), v);
    }
    vm.new_dict(d)
}

/// `sys._gil_stats()`: a snapshot of the lock's statistics as a dict.
fn gil_stats(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "_gil_stats", args, kw)?;
    vm.flush_instruction_count();
    let config = vm.interp.lock.config();
    let stats = vm.interp.lock.stats();
    let latency = &stats.handoff_latency;
    let handoff = dict_value(
        vm,
        vec![
            ("count", Value::Int(latency.total as i64)),
            ("p50", micros(latency.quantile(0.5))),
            ("p90", micros(latency.quantile(0.9))),
            ("p99", micros(latency.quantile(0.99))),
            ("max", micros(latency.max)),
        ],
    );
    let threads: Vec<Value> = stats
        .threads
        .iter()
        .map(|t| {
            dict_value(
                vm,
                vec![
                    ("ident", Value::Int(t.ident as i64)),
                    ("name", Value::str(t.name.clone())),
                    ("alive", Value::Bool(t.alive)),
                    ("instructions", Value::Int(t.instructions as i64)),
                    ("acquisitions", Value::Int(t.acquisitions as i64)),
                    ("held_s", Value::Float(t.held.as_secs_f64())),
                    ("waiting_s", Value::Float(t.waiting.as_secs_f64())),
                    ("blocked_s", Value::Float(t.blocked.as_secs_f64())),
                ],
            )
        })
        .collect();
    let threads = vm.new_list(threads);
    Ok(dict_value(
        vm,
        vec![
            ("policy", Value::str(policy_name(config.policy))),
            (
                "switch_interval",
                Value::Int(interval_number(config.switch_interval)),
            ),
            ("switch_seconds", Value::Float(config.switch_seconds)),
            ("switches", Value::Int(stats.switches as i64)),
            ("reacquisitions", Value::Int(stats.reacquisitions as i64)),
            ("handoff_latency_us", handoff),
            ("threads", threads),
        ],
    ))
}

/// The `--gil-stats` report: one line per thread, then the totals.
pub fn stats_table(lock: &InterpreterLock) -> String {
    let Config {
        policy,
        switch_interval,
        ..
    } = lock.config();
    let stats = lock.stats();
    let mut out = String::new();
    let interval = match interval_number(switch_interval) {
        0 => "never".to_string(),
        n => n.to_string(),
    };
    let _ = writeln!(
        out,
        "GIL statistics (policy {}, switch interval {interval} instructions)",
        policy_name(policy)
    );
    let _ = writeln!(
        out,
        "{:<24} {:>14} {:>9} {:>10} {:>10} {:>10}",
        "thread", "instructions", "acquires", "held s", "waiting s", "blocked s"
    );
    for t in &stats.threads {
        let mut name = t.name.clone();
        if name.chars().count() > 24 {
            name = name.chars().take(23).collect::<String>() + "…";
        }
        let _ = writeln!(
            out,
            "{name:<24} {:>14} {:>9} {:>10.3} {:>10.3} {:>10.3}",
            t.instructions,
            t.acquisitions,
            t.held.as_secs_f64(),
            t.waiting.as_secs_f64(),
            t.blocked.as_secs_f64()
        );
    }
    let latency = &stats.handoff_latency;
    let _ = writeln!(
        out,
        "switches {}, re-acquisitions {}, hand-off latency p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        stats.switches,
        stats.reacquisitions,
        latency.quantile(0.5).as_secs_f64() * 1e6,
        latency.quantile(0.99).as_secs_f64() * 1e6,
        latency.max.as_secs_f64() * 1e6
    );
    out
}

/// Adds the lock's functions to `sys`.
pub fn register(vm: &Vm, sys: &ObjRef) {
    let functions: [(&'static str, crate::types::function::NativeFn); 7] = [
        ("setswitchinterval", setswitchinterval),
        ("getswitchinterval", getswitchinterval),
        ("_gil_stats", gil_stats),
        ("_gil_stats_reset", gil_stats_reset),
        ("_set_gil_policy", set_gil_policy),
        ("_get_gil_policy", get_gil_policy),
        ("_is_gil_enabled", is_gil_enabled),
    ];
    for (name, f) in functions {
        add_fn(vm, sys, name, f);
    }
}
