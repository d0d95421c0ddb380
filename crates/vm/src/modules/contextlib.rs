//! The `contextlib` module: `contextmanager` (generator-based context managers),
//! `suppress`, `nullcontext`, `closing` and `redirect_stdout`/`redirect_stderr`.

use super::native_class::{field, new_class, require_self, set_field};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::function::{NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;

fn class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = super::import(vm, "contextlib")?;
    match crate::attr::get_attr(vm, &m, &Value::str(name))? {
        Value::Obj(c) if c.as_type().is_some() => Ok(c),
        _ => Err(vm.type_error(format!("contextlib.{name} is missing"))),
    }
}

// ----- contextmanager -----

/// The function `@contextmanager` returns: bound to the generator function, it builds
/// a `_GeneratorContextManager` from the generator the call creates. It binds like a
/// method, so decorated methods receive `self`.
fn make_manager(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let gen = vm.call(&args[0], args[1..].to_vec(), kw.to_vec())?;
    let c = class(vm, "_GeneratorContextManager")?;
    Ok(super::native_class::new_instance(
        vm,
        &c,
        vec![("gen", gen)],
    ))
}

fn contextmanager(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let func = args::exactly_one(vm, "contextmanager", args, kw)?.clone();
    let wrapper = Value::new_obj(Payload::NativeFunction(NativeFunction {
        name: "helper",
        func: make_manager,
        kind: NativeKind::Method,
        owner: None,
        bound: Some(func),
        wants_caller_locals: false,
    }));
    Ok(wrapper)
}

fn gen_of(vm: &Vm, this: &Value) -> Value {
    field(vm, this, "gen").unwrap_or(Value::None)
}

fn manager_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let gen = gen_of(vm, &args[0]);
    match crate::ops::iter_next(vm, &gen)? {
        Some(v) => Ok(v),
        None => Err(vm.runtime_error("generator didn't yield")),
    }
}

fn manager_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let gen = gen_of(vm, &args[0]);
    let exc = args.get(2).cloned().unwrap_or(Value::None);
    if exc.is_none() {
        return match crate::ops::iter_next(vm, &gen)? {
            None => Ok(Value::Bool(false)),
            Some(_) => Err(vm.runtime_error("generator didn't stop")),
        };
    }
    let throw = crate::attr::get_attr(vm, &gen, &Value::str("throw"))?;
    match vm.call(&throw, vec![exc.clone()], vec![]) {
        Ok(_) => Err(vm.runtime_error("generator didn't stop after throw()")),
        Err(e) => {
            if Value::Obj(e.0.clone()).is(&exc) {
                // The generator let the exception through: not suppressed.
                return Ok(Value::Bool(false));
            }
            let stop = vm.interp.exc.stop_iteration.clone();
            if vm.err_matches(&e, &stop) {
                return Ok(Value::Bool(true));
            }
            Err(e)
        }
    }
}

// ----- suppress, nullcontext, closing, redirect_* -----

fn suppress_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    set_field(
        vm,
        &args[0],
        "_exceptions",
        vm.new_tuple(args[1..].to_vec()),
    );
    Ok(Value::None)
}

fn return_none(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
}

fn suppress_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let exc_type = args.get(1).cloned().unwrap_or(Value::None);
    let Value::Obj(exc_class) = exc_type else {
        return Ok(Value::Bool(false));
    };
    let types = field(vm, &args[0], "_exceptions").unwrap_or(Value::None);
    let mut matched = false;
    if let Some(Payload::Tuple(items)) = types.payload() {
        for t in items.iter() {
            if let Value::Obj(c) = t {
                matched |= vm.is_subclass(&exc_class, c);
            }
        }
    }
    Ok(Value::Bool(matched))
}

fn value_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let v = args.get(1).cloned().unwrap_or(Value::None);
    set_field(vm, &args[0], "_value", v);
    Ok(Value::None)
}

fn value_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    Ok(field(vm, &args[0], "_value").unwrap_or(Value::None))
}

fn closing_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let thing = field(vm, &args[0], "_value").unwrap_or(Value::None);
    let close = crate::attr::get_attr(vm, &thing, &Value::str("close"))?;
    vm.call(&close, vec![], vec![])?;
    Ok(Value::None)
}

/// `redirect_stdout`/`redirect_stderr`: swaps `sys.<stream>` for the block.
fn redirect_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let stream = field(vm, &args[0], "_stream").unwrap_or(Value::None);
    let name = stream.as_str().unwrap_or("stdout").to_string();
    let target = field(vm, &args[0], "_value").unwrap_or(Value::None);
    let sys = super::import(vm, "sys")?;
    let key = Value::str(name);
    let old = crate::attr::get_attr(vm, &sys, &key)?;
    set_field(vm, &args[0], "_old", old);
    crate::attr::set_attr(vm, &sys, &key, target.clone())?;
    Ok(target)
}

fn redirect_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let stream = field(vm, &args[0], "_stream").unwrap_or(Value::None);
    let name = stream.as_str().unwrap_or("stdout").to_string();
    let old = field(vm, &args[0], "_old").unwrap_or(Value::None);
    let sys = super::import(vm, "sys")?;
    crate::attr::set_attr(vm, &sys, &Value::str(name), old)?;
    Ok(Value::None)
}

fn redirect_stdout(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    redirect(vm, "stdout", args, kw)
}

fn redirect_stderr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    redirect(vm, "stderr", args, kw)
}

fn redirect(vm: &mut Vm, stream: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let target = args::exactly_one(vm, "redirect", args, kw)?.clone();
    let c = class(vm, "_RedirectStream")?;
    Ok(super::native_class::new_instance(
        vm,
        &c,
        vec![("_value", target), ("_stream", Value::str(stream))],
    ))
}

/// Builds `contextlib`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("contextlib");
    add_fn(vm, &m, "contextmanager", contextmanager);
    add_fn(vm, &m, "redirect_stdout", redirect_stdout);
    add_fn(vm, &m, "redirect_stderr", redirect_stderr);
    let manager = new_class(
        vm,
        "contextlib",
        "_GeneratorContextManager",
        &[("__enter__", manager_enter), ("__exit__", manager_exit)],
    );
    set_attr(vm, &m, "_GeneratorContextManager", Value::Obj(manager));
    let suppress = new_class(
        vm,
        "contextlib",
        "suppress",
        &[
            ("__init__", suppress_init),
            ("__enter__", return_none),
            ("__exit__", suppress_exit),
        ],
    );
    set_attr(vm, &m, "suppress", Value::Obj(suppress));
    let null = new_class(
        vm,
        "contextlib",
        "nullcontext",
        &[
            ("__init__", value_init),
            ("__enter__", value_enter),
            ("__exit__", return_none),
        ],
    );
    set_attr(vm, &m, "nullcontext", Value::Obj(null));
    let closing = new_class(
        vm,
        "contextlib",
        "closing",
        &[
            ("__init__", value_init),
            ("__enter__", value_enter),
            ("__exit__", closing_exit),
        ],
    );
    set_attr(vm, &m, "closing", Value::Obj(closing));
    let redirect = new_class(
        vm,
        "contextlib",
        "_RedirectStream",
        &[("__enter__", redirect_enter), ("__exit__", redirect_exit)],
    );
    set_attr(vm, &m, "_RedirectStream", Value::Obj(redirect));
    m
}
