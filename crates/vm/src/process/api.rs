//! What Python sees of processes: the built-in `spawn_process`, the handle class
//! `SpawnedProcess`, and `_gilded_mp.spawn`, `dumps`, `loads`, `cpu_count`,
//! `RemoteTraceback` (the native layer `multiprocessing` is written on).

use super::spawn::{Child, Launch, Outcome};
use crate::bootstrap::{add_function, add_method, add_property};
use crate::containers::arguments::bind;
use crate::error::{PyErr, PyResult};
use crate::object::{NativeObj, ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::BlockReason;
use std::sync::Arc;
use std::time::Duration;

/// Adds the process functions and classes to the `_gilded_mp` module.
pub fn register(vm: &mut Vm, module: &ObjRef) {
    let dict = crate::modules::module_dict(module);
    add_function(vm, &dict, "spawn", mp_spawn);
    add_function(vm, &dict, "dumps", mp_dumps);
    add_function(vm, &dict, "loads", mp_loads);
    add_function(vm, &dict, "cpu_count", mp_cpu_count);
    add_function(vm, &dict, "format_exception", mp_format_exception);
    let class = crate::modules::native_class::new_class(vm, "_gilded_mp", "SpawnedProcess", &[]);
    add_method(vm, &class, "join", handle_join);
    add_method(vm, &class, "is_alive", handle_is_alive);
    add_method(vm, &class, "terminate", handle_terminate);
    add_method(vm, &class, "kill", handle_kill);
    add_method(vm, &class, "__repr__", handle_repr);
    add_property(vm, &class, "pid", handle_pid);
    add_property(vm, &class, "exitcode", handle_exitcode);
    crate::vm::dict_set_str(vm, &dict, "SpawnedProcess", Value::Obj(class));
    let base = vm.interp.exc.exception.clone();
    let mut ns = crate::types::dict::Dict::new();
    ns.set_str(Value::str("__module__"), Value::str("_gilded_mp"));
    if let Ok(remote) = vm.new_class(
        "RemoteTraceback",
        "RemoteTraceback",
        "_gilded_mp",
        vec![base],
        ns,
    ) {
        crate::vm::dict_set_str(vm, &dict, "RemoteTraceback", Value::Obj(remote));
    }
}

/// Adds `spawn_process` to the built-ins.
pub fn register_builtins(vm: &Vm) {
    let builtins = vm.interp.builtins.clone();
    add_function(vm, &builtins, "spawn_process", builtin_spawn_process);
}

/// The `_gilded_mp` module (imported on first use).
fn mp_module(vm: &mut Vm) -> PyResult<Value> {
    crate::modules::import(vm, "_gilded_mp")?;
    crate::modules::cached(vm, "_gilded_mp").ok_or_else(|| vm.runtime_error("no _gilded_mp"))
}

fn mp_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let module = mp_module(vm)?;
    crate::attr::get_attr(vm, &module, &Value::str(name))
}

/// `spawn_process(target, *args, **kwargs)`: runs `target` in a new process and
/// returns its handle.
fn builtin_spawn_process(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some((target, rest)) = args.split_first() else {
        return Err(vm.type_error("spawn_process() missing required argument: 'target'"));
    };
    check_callable(vm, target)?;
    let positional = vm.new_tuple(rest.to_vec());
    let keywords = crate::ops::keys::dict_from_pairs(vm, kw.to_vec())?;
    start(
        vm,
        Launch {
            target: target.clone(),
            args: positional,
            kwargs: keywords,
            daemon: false,
            exit_with_result: false,
        },
    )
}

/// `_gilded_mp.spawn(target, args, kwargs, daemon=False, exit_with_result=False)`.
fn mp_spawn(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let [target, positional, keywords, daemon, exit_with_result] = bind(
        vm,
        "spawn",
        args,
        kw,
        ["target", "args", "kwargs", "daemon", "exit_with_result"],
        1,
    )?;
    let target = target.unwrap_or(Value::None);
    check_callable(vm, &target)?;
    let positional = match positional {
        Some(p) if matches!(p.payload(), Some(Payload::Tuple(_))) => p,
        None => vm.new_tuple(vec![]),
        Some(_) => return Err(vm.type_error("spawn() args must be a tuple")),
    };
    let keywords = match keywords {
        Some(k) if matches!(k.payload(), Some(Payload::Dict(_))) => k,
        None => crate::ops::keys::dict_from_pairs(vm, vec![])?,
        Some(_) => return Err(vm.type_error("spawn() kwargs must be a dict")),
    };
    let daemon = match daemon {
        Some(d) => crate::ops::truthy(vm, &d)?,
        None => false,
    };
    let exit_with_result = match exit_with_result {
        Some(d) => crate::ops::truthy(vm, &d)?,
        None => false,
    };
    start(
        vm,
        Launch {
            target,
            args: positional,
            kwargs: keywords,
            daemon,
            exit_with_result,
        },
    )
}

fn check_callable(vm: &Vm, target: &Value) -> PyResult<()> {
    if crate::builtins::iteration::is_callable(vm, target) {
        Ok(())
    } else {
        Err(vm.type_error(format!("'{}' object is not callable", vm.type_name(target))))
    }
}

/// Starts a child and wraps it in a `SpawnedProcess` handle.
fn start(vm: &mut Vm, launch: Launch) -> PyResult<Value> {
    let class = match mp_attr(vm, "SpawnedProcess")? {
        Value::Obj(c) => c,
        _ => return Err(vm.runtime_error("_gilded_mp.SpawnedProcess is missing")),
    };
    let child = super::spawn::start(vm, launch)?;
    Ok(Value::new_obj(Payload::Native(NativeObj {
        class,
        data: child,
    })))
}

fn mp_dumps(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let obj = crate::builtins::args::exactly_one(vm, "dumps", args, kw)?;
    let bytes = super::wire::dumps(vm, obj)?;
    Ok(Value::new_obj(Payload::Bytes(bytes.into_boxed_slice())))
}

fn mp_loads(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let obj = crate::builtins::args::exactly_one(vm, "loads", args, kw)?;
    let Some(Payload::Bytes(bytes)) = obj.payload() else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(obj)
        )));
    };
    let bytes = bytes.to_vec();
    super::wire::loads(vm, &bytes)
}

/// `cpu_count()`: the processors this process may run on.
fn mp_cpu_count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::builtins::args::no_args(vm, "cpu_count", args, kw)?;
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(Value::Int(n as i64))
}

/// `format_exception(exc)`: the traceback report an uncaught `exc` would print, as
/// text (what a child sends back beside a pool task's exception).
fn mp_format_exception(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let exc = crate::builtins::args::exactly_one(vm, "format_exception", args, kw)?;
    match exc {
        Value::Obj(o) if matches!(o.payload(), Payload::Exception(_)) => {
            let text = crate::traceback::format_exception(vm, &PyErr(o.clone()));
            Ok(Value::str(text))
        }
        other => Err(vm.type_error(format!(
            "format_exception() argument must be an exception, not '{}'",
            vm.type_name(other)
        ))),
    }
}

/// The child behind a handle method's `self`.
fn child(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<Child>> {
    if let Some(Payload::Native(n)) = args.first().and_then(|s| s.payload()) {
        if let Some(c) = n.get::<Child>() {
            return Ok(c);
        }
    }
    Err(vm.type_error(format!(
        "descriptor '{name}' requires a 'SpawnedProcess' object"
    )))
}

/// `join(timeout=None)`: waits for the child; returns what its target returned
/// (None on timeout), re-raising its exception with the child's traceback as cause.
fn handle_join(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let child = child(vm, "join", args)?;
    let [timeout] = bind(vm, "join", &args[1..], kw, ["timeout"], 0)?;
    let timeout = match timeout.filter(|t| !t.is_none()) {
        Some(t) => {
            let secs = crate::number::convert::to_f64(vm, &t)?;
            Some(Duration::from_secs_f64(secs.clamp(0.0, 1e9)))
        }
        None => None,
    };
    let waiting = child.clone();
    let done = crate::threads::wait_until(vm, BlockReason::Join, timeout, move |limit| {
        waiting.wait(limit)
    })?;
    if !done {
        return Ok(Value::None);
    }
    let bytes = child.outcome();
    if bytes.is_empty() {
        return Ok(Value::None);
    }
    let outcome: Outcome = postcard::from_bytes(&bytes)
        .map_err(|_| vm.value_error("corrupt data from a child process"))?;
    match outcome {
        Outcome::Returned(message) => super::decode::decode(vm, &message),
        Outcome::Failed(why) => Err(vm.runtime_error(format!("child process failed: {why}"))),
        Outcome::Raised {
            exception,
            traceback,
        } => Err(remote_exception(vm, exception, &traceback)),
    }
}

/// The child's exception, rebuilt, with `__cause__` a `RemoteTraceback` showing the
/// child's traceback (the form CPython's process pools use).
fn remote_exception(
    vm: &mut Vm,
    exception: Option<super::wire::Message>,
    traceback: &str,
) -> PyErr {
    let rebuilt = exception.and_then(|m| super::decode::decode(vm, &m).ok());
    let err = match rebuilt {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Exception(_)) => PyErr(o),
        _ => {
            let last = traceback.lines().last().unwrap_or("an exception");
            vm.runtime_error(format!("child process raised {last}"))
        }
    };
    let remote = match mp_attr(vm, "RemoteTraceback") {
        Ok(Value::Obj(class)) => class,
        _ => return err,
    };
    let text = format!("\n\"\"\"\n{traceback}\"\"\"");
    let cause = vm.new_error(&remote, text);
    if let Payload::Exception(e) = err.0.payload() {
        *e.cause.borrow_mut(vm.gil) = Value::Obj(cause.0);
        e.suppress_context.set(true);
    }
    err
}

fn handle_is_alive(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let child = child(vm, "is_alive", args)?;
    Ok(Value::Bool(child.exitcode().is_none()))
}

fn handle_terminate(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    child(vm, "terminate", args)?.signal(libc::SIGTERM);
    Ok(Value::None)
}

fn handle_kill(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    child(vm, "kill", args)?.signal(libc::SIGKILL);
    Ok(Value::None)
}

fn handle_pid(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(child(vm, "pid", args)?.pid as i64))
}

fn handle_exitcode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(match child(vm, "exitcode", args)?.exitcode() {
        Some(code) => Value::Int(code as i64),
        None => Value::None,
    })
}

fn handle_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let child = child(vm, "__repr__", args)?;
    let state = match child.exitcode() {
        None => "started".to_string(),
        Some(code) => format!("stopped exitcode={code}"),
    };
    Ok(Value::str(format!(
        "<SpawnedProcess pid={} {state}>",
        child.pid
    )))
}
