//! `_thread.lock` and `_thread.RLock`: the blocking locks every `threading`
//! primitive is built from. Their state lives outside the heap (in
//! `gilded_gil::ThreadLock`), so a waiting thread holds it while the GIL is released.
//! Each carries a [`LockWatch`]: its contention profile.

use crate::bootstrap::{add_method, add_staticmethod};
use crate::builtins::args;
use crate::containers::arguments::bind;
use crate::error::PyResult;
use crate::lock_watch::LockWatch;
use crate::object::{NativeObj, ObjRef, Payload};
use crate::types::class::Layout;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::{Acquired, ThreadLock};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// `_thread.TIMEOUT_MAX`: CPython's limit on Linux, in seconds.
pub const TIMEOUT_MAX: f64 = 9223372036.0;

/// The state of an `_thread.lock`: the lock and its profile.
pub struct PlainLock {
    lock: ThreadLock,
    watch: LockWatch,
}

/// The state of an `_thread.RLock`: the lock, its owner's ident and the depth.
pub struct ReentrantState {
    lock: ThreadLock,
    watch: LockWatch,
    /// Ident of the owning thread; 0 when unowned. Written only by the owner.
    owner: AtomicU64,
    /// Nesting depth; touched only by the owner.
    count: AtomicU64,
}

/// How `acquire(blocking, timeout)` was asked to wait.
enum Wait {
    /// `blocking=False`: try once.
    Try,
    /// Block, for at most the duration if any.
    Block(Option<Duration>),
}

/// Parses `acquire(blocking=True, timeout=-1)` with CPython's checks.
fn acquire_args(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Wait> {
    let [blocking, timeout] = bind(vm, name, args, kw, ["blocking", "timeout"], 2)?;
    let blocking = match blocking {
        Some(b) => crate::ops::truthy(vm, &b)?,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => crate::number::convert::to_f64(vm, &t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok(if !blocking {
        Wait::Try
    } else if timeout == -1.0 {
        Wait::Block(None)
    } else {
        Wait::Block(Some(Duration::from_secs_f64(timeout)))
    })
}

/// Takes `lock` as `wait` says, releasing the GIL while it blocks, and counts it in
/// the lock's profile.
fn acquire_lock(vm: &mut Vm, lock: &ThreadLock, watch: &LockWatch, wait: Wait) -> PyResult<bool> {
    if lock.try_acquire() {
        watch.acquired(vm);
        return Ok(true);
    }
    let Wait::Block(timeout) = wait else {
        return Ok(false);
    };
    watch.wait(vm, timeout, |limit| lock.acquire(limit) == Acquired::Yes)
}

/// Releases `lock`, ending its timed hold; false if it was not locked.
fn release_lock(vm: &Vm, lock: &ThreadLock, watch: &LockWatch) -> bool {
    watch.released(vm);
    lock.release()
}

/// The state behind `self` of a lock method.
fn state<T: std::any::Any + Send + Sync>(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<T>> {
    if let Some(Payload::Native(n)) = args.first().and_then(|s| s.payload()) {
        if let Some(state) = n.get::<T>() {
            return Ok(state);
        }
    }
    Err(vm.type_error(format!("descriptor '{name}' requires a lock object")))
}

/// A new lock object of `class` around `data`.
fn new_native(class: &ObjRef, data: Arc<dyn std::any::Any + Send + Sync>) -> Value {
    Value::new_obj(Payload::Native(NativeObj {
        class: class.clone(),
        data,
    }))
}

// ----- _thread.lock -----

/// A new unlocked `_thread.lock` (`_thread.allocate_lock()`).
pub fn new_lock(vm: &Vm) -> Value {
    let class = lock_class(vm);
    new_native(&class, plain_lock(vm))
}

/// A new lock's state, profiled from where the program makes it.
fn plain_lock(vm: &Vm) -> Arc<PlainLock> {
    Arc::new(PlainLock {
        lock: ThreadLock::new(),
        watch: LockWatch::new(vm, "threading.Lock"),
    })
}

fn lock_class(vm: &Vm) -> ObjRef {
    let module = crate::modules::cached(vm, "_thread");
    let class = module.and_then(|m| match m.payload() {
        Some(Payload::Module(m)) => crate::vm::dict_get_str(vm, &m.dict, "LockType"),
        _ => None,
    });
    match class {
        Some(Value::Obj(c)) => c,
        _ => vm.types().object.clone(),
    }
}

fn lock_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_thread.lock' instances"));
    };
    Ok(new_native(class, plain_lock(vm)))
}

fn lock_acquire(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let lock = state::<PlainLock>(vm, "acquire", args)?;
    let wait = acquire_args(vm, "acquire", &args[1..], kw)?;
    Ok(Value::Bool(acquire_lock(
        vm,
        &lock.lock,
        &lock.watch,
        wait,
    )?))
}

fn lock_enter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let lock = state::<PlainLock>(vm, "__enter__", args)?;
    args::no_kwargs(vm, "__enter__", kw)?;
    Ok(Value::Bool(acquire_lock(
        vm,
        &lock.lock,
        &lock.watch,
        Wait::Block(None),
    )?))
}

fn lock_release(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let lock = state::<PlainLock>(vm, "release", args)?;
    if !release_lock(vm, &lock.lock, &lock.watch) {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    lock_release(vm, &args[..1.min(args.len())], kw)
}

fn lock_locked(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let lock = state::<PlainLock>(vm, "locked", args)?;
    Ok(Value::Bool(lock.lock.is_locked()))
}

fn lock_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let lock = state::<PlainLock>(vm, "__repr__", args)?;
    let status = if lock.lock.is_locked() {
        "locked"
    } else {
        "unlocked"
    };
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    Ok(Value::str(format!(
        "<{status} _thread.lock object at {addr:#x}>"
    )))
}

// ----- _thread.RLock -----

fn rlock_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_thread.RLock' instances"));
    };
    let state = ReentrantState {
        lock: ThreadLock::new(),
        watch: LockWatch::new(vm, "threading.RLock"),
        owner: AtomicU64::new(0),
        count: AtomicU64::new(0),
    };
    Ok(new_native(class, Arc::new(state)))
}

/// Takes the RLock for the calling thread (again, if it owns it already).
fn rlock_take(vm: &mut Vm, rlock: &Arc<ReentrantState>, wait: Wait) -> PyResult<bool> {
    let me = vm.thread.ident();
    if rlock.owner.load(Ordering::Acquire) == me {
        rlock.count.fetch_add(1, Ordering::Relaxed);
        return Ok(true);
    }
    let acquired = acquire_lock(vm, &rlock.lock, &rlock.watch, wait)?;
    if acquired {
        rlock.owner.store(me, Ordering::Release);
        rlock.count.store(1, Ordering::Relaxed);
    }
    Ok(acquired)
}

fn rlock_acquire(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "acquire", args)?;
    let wait = acquire_args(vm, "acquire", &args[1..], kw)?;
    Ok(Value::Bool(rlock_take(vm, &rlock, wait)?))
}

fn rlock_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "__enter__", args)?;
    Ok(Value::Bool(rlock_take(vm, &rlock, Wait::Block(None))?))
}

fn rlock_release(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "release", args)?;
    let me = vm.thread.ident();
    if rlock.owner.load(Ordering::Acquire) != me || rlock.count.load(Ordering::Relaxed) == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    if rlock.count.fetch_sub(1, Ordering::Relaxed) == 1 {
        rlock.owner.store(0, Ordering::Release);
        release_lock(vm, &rlock.lock, &rlock.watch);
    }
    Ok(Value::None)
}

fn rlock_exit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    rlock_release(vm, &args[..1.min(args.len())], kw)
}

fn rlock_is_owned(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "_is_owned", args)?;
    let me = vm.thread.ident();
    Ok(Value::Bool(
        rlock.owner.load(Ordering::Acquire) == me && rlock.count.load(Ordering::Relaxed) > 0,
    ))
}

/// `_release_save()`: fully releases the lock for `Condition.wait`, returning the
/// `(count, owner)` to restore.
fn rlock_release_save(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "_release_save", args)?;
    let count = rlock.count.load(Ordering::Relaxed);
    if count == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    let owner = rlock.owner.swap(0, Ordering::AcqRel);
    rlock.count.store(0, Ordering::Relaxed);
    release_lock(vm, &rlock.lock, &rlock.watch);
    Ok(vm.new_tuple(vec![Value::Int(count as i64), Value::Int(owner as i64)]))
}

/// `_acquire_restore((count, owner))`: takes the lock back after `Condition.wait`.
fn rlock_acquire_restore(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "_acquire_restore", args)?;
    let saved = args.get(1).cloned().unwrap_or(Value::None);
    let items = crate::ops::collect_iterable(vm, &saved)?;
    let [count, owner] = items.as_slice() else {
        return Err(vm.type_error("_acquire_restore() argument must be a 2-tuple"));
    };
    let count = args::index_i64(vm, count)? as u64;
    let owner = args::index_i64(vm, owner)? as u64;
    acquire_lock(vm, &rlock.lock, &rlock.watch, Wait::Block(None))?;
    rlock.owner.store(owner, Ordering::Release);
    rlock.count.store(count, Ordering::Relaxed);
    Ok(Value::None)
}

fn rlock_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let rlock = state::<ReentrantState>(vm, "__repr__", args)?;
    let owner = rlock.owner.load(Ordering::Acquire);
    let count = rlock.count.load(Ordering::Relaxed);
    let status = if count > 0 { "locked" } else { "unlocked" };
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    let class = vm.type_name(&args[0]);
    let module = if class == "RLock" { "_thread." } else { "" };
    Ok(Value::str(format!(
        "<{status} {module}{class} object owner={owner} count={count} at {addr:#x}>"
    )))
}

/// The `_thread.lock` and `_thread.RLock` classes.
pub fn create_classes(vm: &Vm) -> (ObjRef, ObjRef) {
    let object = vm.types().object.clone();
    let lock = crate::bootstrap::builtin_type("lock", "_thread", &[&object], Layout::Builtin);
    add_staticmethod(vm, &lock, "__new__", lock_new);
    let lock_methods: [(&'static str, crate::types::function::NativeFn); 9] = [
        ("acquire", lock_acquire),
        ("acquire_lock", lock_acquire),
        ("__enter__", lock_enter),
        ("release", lock_release),
        ("release_lock", lock_release),
        ("__exit__", lock_exit),
        ("locked", lock_locked),
        ("locked_lock", lock_locked),
        ("__repr__", lock_repr),
    ];
    for (name, f) in lock_methods {
        add_method(vm, &lock, name, f);
    }
    let rlock = crate::bootstrap::builtin_type("RLock", "_thread", &[&object], Layout::Builtin);
    add_staticmethod(vm, &rlock, "__new__", rlock_new);
    let rlock_methods: [(&'static str, crate::types::function::NativeFn); 8] = [
        ("acquire", rlock_acquire),
        ("__enter__", rlock_enter),
        ("release", rlock_release),
        ("__exit__", rlock_exit),
        ("_is_owned", rlock_is_owned),
        ("_release_save", rlock_release_save),
        ("_acquire_restore", rlock_acquire_restore),
        ("__repr__", rlock_repr),
    ];
    for (name, f) in rlock_methods {
        add_method(vm, &rlock, name, f);
    }
    (lock, rlock)
}
