//! `_gilded_mp`: the native layer under `multiprocessing` — the OS primitives that
//! processes share. `SemLock` (a process-shared semaphore, `semlock.rs`),
//! `SharedArray` (typed shared memory, `shared_array.rs`), `Connection` and `pipe()`
//! (framed messages over a socket pair or pipe, `connection.rs`) and `Feeder` (the
//! GIL-free thread behind `Queue.put`, `feeder.rs`), all built on memfd shared
//! memory and descriptor helpers (`shm.rs`).
//!
//! Every object keeps its state in a `Payload::Native` `Arc` that is `Send + Sync`,
//! so blocking calls hold a clone while the GIL is released. Every descriptor is
//! created close-on-exec: a child gets one only when a [`NativeHandle`] describing
//! it travels with the spawn ([`export`] in the parent, [`import`] in the child).

mod connection;
mod feeder;
mod semlock;
mod shared_array;
mod shm;

use super::{add_fn, set_attr};
use crate::error::PyResult;
use crate::object::{NativeObj, ObjRef, Payload, PropertyObj};
use crate::process::inherit::NativeHandle;
use crate::types::function::{NativeFn, NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

/// Builds the `_gilded_mp` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("_gilded_mp");
    let classes = [
        ("SemLock", semlock::create_class(vm)),
        ("SharedArray", shared_array::create_class(vm)),
        ("Connection", connection::create_class(vm)),
        ("Feeder", feeder::create_class(vm)),
    ];
    for (name, class) in classes {
        set_attr(vm, &m, name, Value::Obj(class));
    }
    add_fn(vm, &m, "pipe", connection::pipe);
    add_fn(vm, &m, "_flush_feeders", feeder::py_flush_feeders);
    add_fn(vm, &m, "_roundtrip", py_roundtrip);
    set_attr(
        vm,
        &m,
        "RECURSIVE_MUTEX",
        Value::Int(semlock::RECURSIVE_MUTEX),
    );
    set_attr(vm, &m, "SEMAPHORE", Value::Int(semlock::SEMAPHORE));
    set_attr(vm, &m, "SEM_VALUE_MAX", Value::Int(semlock::SEM_VALUE_MAX));
    crate::process::api::register(vm, &m);
    m
}

/// Describes a `_gilded_mp` object for inheritance by a child, or None when `obj`
/// is not one of this module's classes.
pub fn export(vm: &Vm, obj: &NativeObj) -> Option<NativeHandle> {
    let _ = vm;
    if let Some(st) = obj.get::<semlock::SemState>() {
        return Some(st.handle());
    }
    if let Some(st) = obj.get::<shared_array::ArrayState>() {
        return Some(st.handle());
    }
    if let Some(st) = obj.get::<connection::ConnState>() {
        return Some(st.handle());
    }
    None
}

/// Rebuilds, in the child, an object described by [`export`]. The descriptors are
/// already open at the numbers the handle names (the child inherited them).
pub fn import(vm: &mut Vm, handle: &NativeHandle) -> PyResult<Value> {
    let tag = handle.tag.as_str();
    if !matches!(tag, "SemLock" | "SharedArray" | "Connection") {
        return Err(vm.type_error(format!("cannot rebuild '{tag}'")));
    }
    let class = class(vm, tag)?;
    match tag {
        "SemLock" => semlock::rebuild(vm, &class, handle),
        "SharedArray" => shared_array::rebuild(vm, &class, handle),
        _ => connection::rebuild(vm, &class, handle),
    }
}

/// Blocks until every queue feeder of this process has written what it holds
/// (called at interpreter exit, before children are joined).
pub fn flush_feeders() {
    feeder::flush_feeders();
}

/// `_roundtrip(obj)`: exports `obj` and imports it again through duplicated
/// descriptors — what a child sees, without a child — so the rebuild path can be
/// tested in one process.
fn py_roundtrip(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::builtins::args::no_kwargs(vm, "_roundtrip", kw)?;
    crate::builtins::args::count(vm, "_roundtrip", args, 1, 1)?;
    let handle = match args[0].payload() {
        Some(Payload::Native(n)) => export(vm, n),
        _ => None,
    };
    let Some(mut handle) = handle else {
        let t = vm.type_name(&args[0]);
        return Err(vm.type_error(format!("cannot export '{t}' object")));
    };
    let mut dups = Vec::with_capacity(handle.fds.len());
    for &fd in &handle.fds {
        match shm::dup_cloexec(fd) {
            Ok(d) => dups.push(d),
            Err(e) => {
                dups.into_iter().for_each(shm::close_fd);
                return Err(vm.os_error(&e, None));
            }
        }
    }
    handle.fds = dups.clone();
    let rebuilt = import(vm, &handle);
    if rebuilt.is_err() {
        dups.into_iter().for_each(shm::close_fd);
    }
    rebuilt
}

// ----- helpers shared by the classes -----

/// The `_gilded_mp` class `name` (importing the module if needed: a child rebuilds
/// objects before any Python code imported it).
fn class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let module = super::import(vm, "_gilded_mp")?;
    let found = match module.payload() {
        Some(Payload::Module(m)) => crate::vm::dict_get_str(vm, &m.dict, name),
        _ => None,
    };
    match found {
        Some(Value::Obj(c)) if c.as_type().is_some() => Ok(c),
        _ => Err(vm.runtime_error(format!("_gilded_mp.{name} is missing"))),
    }
}

/// The longest wait a timeout asks for: longer ones (even `inf`) wait this long,
/// about 31 years, so deadline arithmetic cannot overflow.
const MAX_WAIT_SECS: f64 = 1e9;

/// A `timeout` argument in seconds as a wait: CPython treats negative (and NaN)
/// timeouts as "do not wait".
fn timeout_arg(vm: &mut Vm, t: &Value) -> PyResult<std::time::Duration> {
    let secs = crate::number::convert::to_f64(vm, t)?;
    let secs = if secs.is_nan() || secs < 0.0 {
        0.0
    } else {
        secs.min(MAX_WAIT_SECS)
    };
    Ok(std::time::Duration::from_secs_f64(secs))
}

/// A new object of `class` around `data`.
fn new_native(class: &ObjRef, data: Arc<dyn Any + Send + Sync>) -> Value {
    Value::new_obj(Payload::Native(NativeObj {
        class: class.clone(),
        data,
    }))
}

/// The state behind `self` of a method of class `what`, or CPython's descriptor error.
fn state<T: Any + Send + Sync>(
    vm: &Vm,
    name: &str,
    what: &str,
    args: &[Value],
) -> PyResult<Arc<T>> {
    if let Some(Payload::Native(n)) = args.first().and_then(|s| s.payload()) {
        if let Some(st) = n.get::<T>() {
            return Ok(st);
        }
    }
    let other = args
        .first()
        .map(|a| vm.type_name(a))
        .unwrap_or_else(|| "NoneType".into());
    Err(vm.type_error(format!(
        "descriptor '{name}' for '_gilded_mp.{what}' objects doesn't apply to a '{other}' object"
    )))
}

/// A native method value (unattached), for building properties.
fn native_method(class: &ObjRef, name: &'static str, func: NativeFn) -> Value {
    let owner = class
        .as_type()
        .map(|t| &*Box::leak(t.name.clone().into_boxed_str()));
    Value::new_obj(Payload::NativeFunction(NativeFunction {
        name,
        func,
        kind: NativeKind::Method,
        owner,
        bound: None,
        wants_caller_locals: false,
    }))
}

/// Adds property `name` (a getter, and a setter if given) to a native class.
fn add_property(vm: &Vm, class: &ObjRef, name: &'static str, get: NativeFn, set: Option<NativeFn>) {
    let fget = native_method(class, name, get);
    let fset = set.map_or(Value::None, |f| native_method(class, name, f));
    let prop = Value::new_obj(Payload::Property(PropertyObj {
        fget,
        fset,
        fdel: Value::None,
    }));
    class_const(vm, class, name, prop);
}

/// Sets a class attribute of a native class.
fn class_const(vm: &Vm, class: &ObjRef, name: &str, value: Value) {
    if let Some(t) = class.as_type() {
        crate::attr::class_namespace_changed(vm);
        let old = t.dict.borrow_mut(vm.gil).set_str(Value::str(name), value);
        drop(old);
    }
}

/// States rebuilt in this process from inherited handles, by (tag, fd): importing
/// the same descriptor twice (one lock inside two arguments) must share one state,
/// or two owners would close the same number.
type Imported = Mutex<HashMap<(String, i32), Weak<dyn Any + Send + Sync>>>;

static IMPORTED: std::sync::LazyLock<Imported> =
    std::sync::LazyLock::new(|| Mutex::new(HashMap::new()));

/// The live state imported from `fd` before, or a new one from `make`. The
/// descriptor is re-marked close-on-exec so it reaches a grandchild only when
/// exported to it again.
fn imported<T: Any + Send + Sync>(
    tag: &str,
    fd: i32,
    make: impl FnOnce() -> std::io::Result<T>,
) -> std::io::Result<Arc<T>> {
    let mut reg = IMPORTED.lock().unwrap_or_else(|p| p.into_inner());
    reg.retain(|_, w| w.strong_count() > 0);
    let key = (tag.to_string(), fd);
    if let Some(existing) = reg.get(&key).and_then(Weak::upgrade) {
        if let Ok(st) = existing.downcast::<T>() {
            return Ok(st);
        }
    }
    shm::check_open(fd)?;
    crate::process::spawn::set_cloexec(fd, true)?;
    let st = Arc::new(make()?);
    let erased: Arc<dyn Any + Send + Sync> = st.clone();
    reg.insert(key, Arc::downgrade(&erased));
    Ok(st)
}
