//! The `_thread` module: starting OS threads, the blocking locks, thread identity,
//! and the gilded-only hooks `threading` uses (`_set_name`, `_print_exception`).
//! `threading` (in `crates/vm/lib/threading.py`) builds everything else on these.

use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;
use std::sync::atomic::Ordering;

fn start_new_thread(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "start_new_thread", kw)?;
    args::count(vm, "start_new_thread", args, 2, 3)?;
    let func = args[0].clone();
    if !crate::builtins::iteration::is_callable(vm, &func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    let Some(Payload::Tuple(items)) = args[1].payload() else {
        return Err(vm.type_error("2nd arg must be a tuple"));
    };
    let positional = items.to_vec();
    let mut keywords = Vec::new();
    if let Some(kwargs) = args.get(2) {
        let Some(Payload::Dict(d)) = kwargs.payload() else {
            return Err(vm.type_error("optional 3rd arg must be a dictionary"));
        };
        keywords = d
            .borrow(vm.gil)
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect();
    }
    let ident = crate::threads::start_thread(vm, func, positional, keywords)?;
    Ok(Value::Int(ident as i64))
}

fn allocate_lock(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "allocate_lock", args, kw)?;
    Ok(super::thread_locks::new_lock(vm))
}

fn get_ident(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "get_ident", args, kw)?;
    Ok(Value::Int(vm.thread.ident() as i64))
}

fn get_native_id(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "get_native_id", args, kw)?;
    Ok(Value::Int(crate::threads::native_id() as i64))
}

fn count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "_count", args, kw)?;
    Ok(Value::Int(
        vm.interp.running_threads.load(Ordering::SeqCst) as i64
    ))
}

fn stack_size(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "stack_size", kw)?;
    args::count(vm, "stack_size", args, 0, 1)?;
    // Every thread gets the same generous stack; report "the default", as CPython.
    Ok(Value::Int(0))
}

/// `_set_name(name, ident=None)`: a thread's name in the GIL statistics (the
/// calling thread's, or the live thread `ident`'s).
fn set_name(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "_set_name", kw)?;
    args::count(vm, "_set_name", args, 1, 2)?;
    let text = crate::ops::to_str(vm, &args[0])?;
    match args.get(1).filter(|v| !v.is_none()) {
        Some(ident) => {
            let ident = args::index_i64(vm, ident)? as u64;
            vm.interp.lock.rename(ident, &text);
        }
        None => vm.thread.set_name(&text),
    }
    Ok(Value::None)
}

/// `_print_exception(exc)`: the traceback report of an uncaught exception, on stderr.
fn print_exception(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let exc = args::exactly_one(vm, "_print_exception", args, kw)?;
    let Value::Obj(o) = exc else {
        return Err(vm.type_error("_print_exception() argument must be an exception"));
    };
    if !matches!(o.payload(), Payload::Exception(_)) {
        return Err(vm.type_error("_print_exception() argument must be an exception"));
    }
    let err = crate::error::PyErr(o.clone());
    crate::traceback::print_exception(vm, &err);
    Ok(Value::None)
}

/// Builds the `_thread` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("_thread");
    let functions: [(&'static str, crate::types::function::NativeFn); 10] = [
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("allocate_lock", allocate_lock),
        ("allocate", allocate_lock),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_count", count),
        ("stack_size", stack_size),
        ("_set_name", set_name),
        ("_print_exception", print_exception),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    let (lock, rlock) = super::thread_locks::create_classes(vm);
    set_attr(vm, &m, "LockType", Value::Obj(lock));
    set_attr(vm, &m, "RLock", Value::Obj(rlock));
    set_attr(
        vm,
        &m,
        "_local",
        Value::Obj(super::thread_local::create_class(vm)),
    );
    let runtime_error = vm.interp.exc.runtime_error.clone();
    set_attr(vm, &m, "error", Value::Obj(runtime_error));
    set_attr(
        vm,
        &m,
        "TIMEOUT_MAX",
        Value::Float(super::thread_locks::TIMEOUT_MAX),
    );
    m
}
