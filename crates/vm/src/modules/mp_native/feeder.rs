//! `_gilded_mp.Feeder`: the thread behind `multiprocessing.Queue.put`. A plain Rust
//! thread (it never takes the GIL) owns a duplicate of the connection's descriptor
//! and writes the queued messages in order, each under the queue's write lock (a
//! SemLock shared with the other processes writing to the same pipe), so `put`
//! never blocks on a full pipe.
//!
//! Every feeder is listed in a process-wide registry so [`flush_feeders`] can wait,
//! at interpreter exit, until each has written everything it was given — CPython
//! joins its feeder threads at exit for the same reason: a message `put` just before
//! the end must not be lost.

use super::connection::{check_writable, frame, write_all_blocking, ConnState};
use super::semlock::SemState;
use super::shm::{close_fd, dup_cloexec};
use super::{add_property, new_native, state};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::builtins::args;
use crate::containers::arguments::bind;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::class::Layout;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::BlockReason;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

/// What the Python side and the thread share, behind the mutex.
#[derive(Default)]
struct Queue {
    /// Framed messages not yet taken by the thread.
    msgs: VecDeque<Vec<u8>>,
    /// No more puts; the thread exits once `msgs` is empty.
    closed: bool,
    /// The thread is writing a message it has taken.
    busy: bool,
    /// The thread has exited (its descriptor is closed).
    finished: bool,
    /// A write failed (the reader is gone): later messages are dropped, as nothing
    /// could ever read them.
    broken: bool,
}

/// The shared state of one feeder.
pub struct FeederShared {
    q: Mutex<Queue>,
    /// Signalled on every change of `q` (new message, taken, written, finished).
    cv: Condvar,
    /// `cancel_join()`: exit does not wait for this feeder (CPython's
    /// `cancel_join_thread`, which accepts losing data).
    cancelled: AtomicBool,
}

impl FeederShared {
    /// Locks the queue; a panic elsewhere cannot poison it into a second panic here.
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.q.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Blocks until `done(queue)` holds or `deadline` passes; true if it holds.
    fn wait_for(&self, deadline: Option<Instant>, done: impl Fn(&Queue) -> bool) -> bool {
        let mut q = self.lock();
        loop {
            if done(&q) {
                return true;
            }
            match deadline {
                None => q = self.cv.wait(q).unwrap_or_else(|p| p.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    q = self
                        .cv
                        .wait_timeout(q, d - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
        }
    }
}

/// Every drained-or-not message has been written (or dropped after a failure).
fn drained(q: &Queue) -> bool {
    q.finished || (q.msgs.is_empty() && !q.busy)
}

/// The registry [`flush_feeders`] walks: weak, so a finished feeder costs nothing.
static FEEDERS: Mutex<Vec<Weak<FeederShared>>> = Mutex::new(Vec::new());

/// The Python object's state: the shared queue. Dropping the last reference closes
/// the feeder (it still drains what it holds, then exits).
pub struct FeederHandle {
    shared: Arc<FeederShared>,
}

impl FeederHandle {
    fn close(&self) {
        self.shared.lock().closed = true;
        self.shared.cv.notify_all();
    }
}

impl Drop for FeederHandle {
    fn drop(&mut self) {
        self.close();
    }
}

/// The feeder thread: take a message, (lock,) write, (unlock), until closed and empty.
fn run(shared: Arc<FeederShared>, fd: i32, socket: bool, wlock: Option<Arc<SemState>>) {
    loop {
        let msg = {
            let mut q = shared.lock();
            loop {
                if let Some(m) = q.msgs.pop_front() {
                    q.busy = true;
                    break Some(m);
                }
                if q.closed {
                    break None;
                }
                q = shared.cv.wait(q).unwrap_or_else(|p| p.into_inner());
            }
        };
        let Some(msg) = msg else { break };
        let broken = shared.lock().broken;
        if !broken {
            let ok = match &wlock {
                Some(lock) => match lock.wait_for(None) {
                    Ok(_) => {
                        let r = write_all_blocking(fd, socket, &msg);
                        // Release even after a failed write, or every other
                        // writer of the queue would wait forever.
                        let _ = lock.post();
                        r.is_ok()
                    }
                    Err(_) => false,
                },
                None => write_all_blocking(fd, socket, &msg).is_ok(),
            };
            if !ok {
                shared.lock().broken = true;
            }
        }
        let mut q = shared.lock();
        q.busy = false;
        if q.broken {
            q.msgs.clear();
        }
        drop(q);
        shared.cv.notify_all();
    }
    close_fd(fd);
    shared.lock().finished = true;
    shared.cv.notify_all();
}

/// Blocks until every feeder of this process that was not cancelled has written
/// everything it was given (or failed to). Called at interpreter exit, with or
/// without the GIL: feeders never take it.
pub fn flush_feeders() {
    let live: Vec<Arc<FeederShared>> = {
        let mut reg = FEEDERS.lock().unwrap_or_else(|p| p.into_inner());
        reg.retain(|w| w.strong_count() > 0);
        reg.iter().filter_map(Weak::upgrade).collect()
    };
    for f in live {
        if !f.cancelled.load(Ordering::Acquire) {
            f.wait_for(None, drained);
        }
    }
}

fn feeder_state(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<FeederHandle>> {
    state::<FeederHandle>(vm, name, "Feeder", args)
}

fn feeder_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_gilded_mp.Feeder' instances"));
    };
    let [conn, wlock] = bind(vm, "Feeder", &args[1..], kw, ["conn", "wlock"], 2)?;
    let Some(conn) = conn else {
        return Err(vm.type_error("Feeder() missing required argument 'conn' (pos 1)"));
    };
    let conn_st = match conn.payload() {
        Some(Payload::Native(n)) => n.get::<ConnState>(),
        _ => None,
    };
    let Some(conn_st) = conn_st else {
        let t = vm.type_name(&conn);
        return Err(vm.type_error(format!(
            "Feeder() argument 'conn' must be a Connection, not {t}"
        )));
    };
    check_writable(vm, &conn_st)?;
    let wlock = match wlock.filter(|w| !w.is_none()) {
        None => None,
        Some(w) => {
            let st = match w.payload() {
                Some(Payload::Native(n)) => n.get::<SemState>(),
                _ => None,
            };
            match st {
                Some(st) => Some(st),
                None => {
                    let t = vm.type_name(&w);
                    return Err(vm.type_error(format!(
                        "Feeder() argument 'wlock' must be a SemLock or None, not {t}"
                    )));
                }
            }
        }
    };
    // The thread's own descriptor: closing the Python Connection must not pull it
    // out from under a write in progress.
    let fd = dup_cloexec(conn_st.fd()).map_err(|e| vm.os_error(&e, None))?;
    let shared = Arc::new(FeederShared {
        q: Mutex::new(Queue::default()),
        cv: Condvar::new(),
        cancelled: AtomicBool::new(false),
    });
    let socket = conn_st.is_socket();
    let for_thread = shared.clone();
    let spawned = std::thread::Builder::new()
        .name("gilded-queue-feeder".into())
        .spawn(move || run(for_thread, fd, socket, wlock));
    if let Err(e) = spawned {
        close_fd(fd);
        return Err(vm.os_error(&e, None));
    }
    FEEDERS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Arc::downgrade(&shared));
    Ok(new_native(class, Arc::new(FeederHandle { shared })))
}

fn feeder_put_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "put_bytes", args)?;
    let [buf] = bind(vm, "put_bytes", &args[1..], kw, ["buf"], 1)?;
    let Some(buf) = buf else {
        return Err(vm.type_error("put_bytes() missing required argument 'buf' (pos 1)"));
    };
    let Some(Payload::Bytes(b)) = buf.payload() else {
        let t = vm.type_name(&buf);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")));
    };
    let msg = frame(b);
    {
        let mut q = h.shared.lock();
        if q.closed {
            return Err(vm.value_error("put_bytes() on a closed Feeder"));
        }
        if !q.broken {
            q.msgs.push_back(msg);
        }
    }
    h.shared.cv.notify_all();
    Ok(Value::None)
}

fn feeder_close(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "close", args)?;
    args::no_args(vm, "close", &args[1..], kw)?;
    h.close();
    Ok(Value::None)
}

/// Parses `timeout=None` for join/flush: None waits forever.
fn timeout_arg(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Option<Duration>> {
    let [timeout] = bind(vm, name, &args[1..], kw, ["timeout"], 1)?;
    match timeout.filter(|t| !t.is_none()) {
        None => Ok(None),
        Some(t) => {
            let d = super::timeout_arg(vm, &t)?;
            Ok(Some(d))
        }
    }
}

/// Waits, GIL released and interruptible, until `done` holds; true if it does.
fn wait_state(
    vm: &mut Vm,
    h: &FeederHandle,
    timeout: Option<Duration>,
    done: fn(&Queue) -> bool,
) -> PyResult<bool> {
    let shared = h.shared.clone();
    crate::threads::wait_until(vm, BlockReason::Queue, timeout, move |limit| {
        shared.wait_for(limit.map(|l| Instant::now() + l), done)
    })
}

/// `join(timeout=None) -> bool`: waits for the thread to exit (after `close()`).
fn feeder_join(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "join", args)?;
    let timeout = timeout_arg(vm, "join", args, kw)?;
    Ok(Value::Bool(wait_state(vm, &h, timeout, |q| q.finished)?))
}

/// `flush(timeout=None) -> bool`: waits until everything put so far is written.
fn feeder_flush(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "flush", args)?;
    let timeout = timeout_arg(vm, "flush", args, kw)?;
    Ok(Value::Bool(wait_state(vm, &h, timeout, drained)?))
}

fn feeder_cancel_join(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "cancel_join", args)?;
    args::no_args(vm, "cancel_join", &args[1..], kw)?;
    h.shared.cancelled.store(true, Ordering::Release);
    Ok(Value::None)
}

fn feeder_is_alive(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "is_alive", args)?;
    args::no_args(vm, "is_alive", &args[1..], kw)?;
    let finished = h.shared.lock().finished;
    Ok(Value::Bool(!finished))
}

fn feeder_pending(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "pending", args)?;
    let q = h.shared.lock();
    Ok(Value::Int((q.msgs.len() + q.busy as usize) as i64))
}

fn feeder_closed(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "closed", args)?;
    let closed = h.shared.lock().closed;
    Ok(Value::Bool(closed))
}

fn feeder_broken(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = feeder_state(vm, "broken", args)?;
    let broken = h.shared.lock().broken;
    Ok(Value::Bool(broken))
}

/// `_flush_feeders()`: [`flush_feeders`] from Python, with the GIL released.
pub fn py_flush_feeders(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "_flush_feeders", kw)?;
    args::count(vm, "_flush_feeders", args, 0, 0)?;
    vm.blocking(BlockReason::Queue, flush_feeders);
    Ok(Value::None)
}

/// The `Feeder` class.
pub fn create_class(vm: &Vm) -> ObjRef {
    let object = vm.types().object.clone();
    let class = crate::bootstrap::builtin_type("Feeder", "_gilded_mp", &[&object], Layout::Builtin);
    add_staticmethod(vm, &class, "__new__", feeder_new);
    let methods: [(&'static str, crate::types::function::NativeFn); 6] = [
        ("put_bytes", feeder_put_bytes),
        ("close", feeder_close),
        ("join", feeder_join),
        ("flush", feeder_flush),
        ("cancel_join", feeder_cancel_join),
        ("is_alive", feeder_is_alive),
    ];
    for (name, f) in methods {
        add_method(vm, &class, name, f);
    }
    add_property(vm, &class, "pending", feeder_pending, None);
    add_property(vm, &class, "closed", feeder_closed, None);
    add_property(vm, &class, "broken", feeder_broken, None);
    class
}
