//! `_gilded_mp.SemLock`: a process-shared POSIX semaphore, as CPython's
//! `_multiprocessing.SemLock`.
//!
//! The `sem_t` lives in one page of shared memory (a memfd, see `shm.rs`) and is
//! initialised with `sem_init(pshared=1)`, so every process that maps the page waits
//! on the same kernel futex. What CPython keeps per object — the recursion count and
//! the ident of the last acquiring thread — is kept here per process too: a child
//! rebuilding the lock from its handle starts with a count of 0, exactly like an
//! unpickled CPython SemLock.

use super::shm::{last_errno, Mapping};
use super::{add_property, new_native, state};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::builtins::args;
use crate::containers::arguments::bind;
use crate::error::PyResult;
use crate::lock_watch::LockWatch;
use crate::object::ObjRef;
use crate::process::inherit::NativeHandle;
use crate::types::class::Layout;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::BlockReason;
use std::io;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// `RECURSIVE_MUTEX`: a lock its owner may take again (multiprocessing's RLock).
pub const RECURSIVE_MUTEX: i64 = 0;
/// `SEMAPHORE`: a counter any thread may release (Lock, Semaphore, ...).
pub const SEMAPHORE: i64 = 1;
/// `SEM_VALUE_MAX` on Linux (`INT_MAX`), as CPython reports it.
pub const SEM_VALUE_MAX: i64 = i32::MAX as i64;

/// The Rust state of a SemLock: the shared semaphore and the process-local
/// bookkeeping CPython keeps in the object.
pub struct SemState {
    /// The shared page holding the `sem_t`.
    map: Mapping,
    /// `RECURSIVE_MUTEX` or `SEMAPHORE`.
    kind: i64,
    /// The bound `release()` checks against.
    maxvalue: i64,
    /// Acquisitions not yet released by this process (CPython's `count`).
    count: AtomicI64,
    /// Ident of the thread that acquired last (CPython's `last_tid`).
    last_tid: AtomicU64,
    /// This process's contention profile of the lock.
    watch: Option<LockWatch>,
}

impl SemState {
    /// A new semaphore with initial `value` in fresh shared memory.
    pub fn create(kind: i64, value: i64, maxvalue: i64) -> io::Result<SemState> {
        // sem_init takes an unsigned value; reject what it would misread, with the
        // errno sem_open gives CPython for the same mistake.
        let Ok(initial) = u32::try_from(value) else {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        };
        let map = Mapping::create("gilded-semlock", std::mem::size_of::<libc::sem_t>())?;
        let sem = map.ptr().cast::<libc::sem_t>();
        // SAFETY: the mapping is page-aligned, at least size_of::<sem_t>() long, and
        // not yet visible to anyone else.
        if unsafe { libc::sem_init(sem, 1, initial) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(SemState::with_map(map, kind, maxvalue))
    }

    /// The semaphore of an inherited memfd (already initialised by its creator).
    pub fn open(fd: i32, kind: i64, maxvalue: i64) -> io::Result<SemState> {
        let map = Mapping::open(fd, std::mem::size_of::<libc::sem_t>())?;
        Ok(SemState::with_map(map, kind, maxvalue))
    }

    fn with_map(map: Mapping, kind: i64, maxvalue: i64) -> SemState {
        SemState {
            map,
            kind,
            maxvalue,
            count: AtomicI64::new(0),
            last_tid: AtomicU64::new(0),
            watch: None,
        }
    }

    fn sem(&self) -> *mut libc::sem_t {
        self.map.ptr().cast()
    }

    /// `sem_trywait`: Ok(true) when taken, Ok(false) when the count is zero.
    pub fn try_wait(&self) -> io::Result<bool> {
        loop {
            // SAFETY: sem() points at the initialised sem_t in our live mapping.
            if unsafe { libc::sem_trywait(self.sem()) } == 0 {
                return Ok(true);
            }
            match last_errno() {
                libc::EINTR => continue,
                libc::EAGAIN => return Ok(false),
                e => return Err(io::Error::from_raw_os_error(e)),
            }
        }
    }

    /// Waits at most `limit` (forever for None): Ok(true) when taken, Ok(false) when
    /// the slice ran out. Signals (EINTR) are retried; the caller decides between
    /// slices whether Ctrl-C ends the wait.
    pub fn wait_for(&self, limit: Option<Duration>) -> io::Result<bool> {
        let Some(limit) = limit else {
            loop {
                // SAFETY: as in try_wait.
                if unsafe { libc::sem_wait(self.sem()) } == 0 {
                    return Ok(true);
                }
                match last_errno() {
                    libc::EINTR => continue,
                    e => return Err(io::Error::from_raw_os_error(e)),
                }
            }
        };
        // sem_timedwait wants an absolute CLOCK_REALTIME deadline.
        // SAFETY: ts is a valid out-pointer.
        let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
        unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
        let secs = limit.as_secs().min(i32::MAX as u64) as libc::time_t;
        let mut nsec = ts.tv_nsec + limit.subsec_nanos() as libc::c_long;
        ts.tv_sec = ts.tv_sec.saturating_add(secs);
        if nsec >= 1_000_000_000 {
            nsec -= 1_000_000_000;
            ts.tv_sec = ts.tv_sec.saturating_add(1);
        }
        ts.tv_nsec = nsec;
        loop {
            // SAFETY: as in try_wait; ts is a valid timespec.
            if unsafe { libc::sem_timedwait(self.sem(), &ts) } == 0 {
                return Ok(true);
            }
            match last_errno() {
                libc::EINTR => continue,
                libc::ETIMEDOUT => return Ok(false),
                e => return Err(io::Error::from_raw_os_error(e)),
            }
        }
    }

    /// `sem_post`.
    pub fn post(&self) -> io::Result<()> {
        // SAFETY: as in try_wait.
        if unsafe { libc::sem_post(self.sem()) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// `sem_getvalue` (Linux never reports waiters as a negative value).
    pub fn value(&self) -> io::Result<i64> {
        let mut v: libc::c_int = 0;
        // SAFETY: as in try_wait; v is a valid out-pointer.
        if unsafe { libc::sem_getvalue(self.sem(), &mut v) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(v as i64)
    }

    /// CPython's `ISMINE`: this thread acquired last and the count is positive.
    fn is_mine(&self) -> bool {
        self.count.load(Ordering::Acquire) > 0
            && self.last_tid.load(Ordering::Acquire) == crate::threads::current_ident()
    }

    /// The handle a child rebuilds this lock from.
    pub fn handle(&self) -> NativeHandle {
        NativeHandle {
            tag: "SemLock".into(),
            type_name: "SemLock".into(),
            fds: vec![self.map.fd()],
            ints: vec![self.kind, self.maxvalue],
            text: String::new(),
        }
    }
}

// The sem_t is deliberately never sem_destroy'ed: another process may still be
// waiting on it, and destroying a semaphore with waiters is undefined. Unmapping
// (Mapping's drop) is always safe; the memory goes when its last user does.

fn sem_state(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<SemState>> {
    state::<SemState>(vm, name, "SemLock", args)
}

fn semlock_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_gilded_mp.SemLock' instances"));
    };
    let names = ["kind", "value", "maxvalue", "name", "unlink"];
    let [kind, value, maxvalue, _name, _unlink] = bind(vm, "SemLock", &args[1..], kw, names, 5)?;
    let mut ints = [0i64; 3];
    for (k, (slot, arg)) in ints.iter_mut().zip([kind, value, maxvalue]).enumerate() {
        let Some(arg) = arg else {
            return Err(vm.type_error(format!(
                "SemLock() missing required argument '{}' (pos {})",
                names[k],
                k + 1
            )));
        };
        *slot = args::index_i64(vm, &arg)?;
    }
    let [kind, value, maxvalue] = ints;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(vm.value_error("unrecognized kind"));
    }
    let mut st = SemState::create(kind, value, maxvalue).map_err(|e| vm.os_error(&e, None))?;
    st.watch = Some(LockWatch::new(vm, "multiprocessing.SemLock"));
    Ok(new_native(class, Arc::new(st)))
}

/// Rebuilds a SemLock from its handle in a child.
pub fn rebuild(vm: &mut Vm, class: &ObjRef, h: &NativeHandle) -> PyResult<Value> {
    let (Some(&fd), [kind, maxvalue]) = (h.fds.first(), h.ints.as_slice()) else {
        return Err(vm.value_error("malformed SemLock handle"));
    };
    let (kind, maxvalue) = (*kind, *maxvalue);
    let watch = LockWatch::new(vm, "multiprocessing.SemLock");
    let st = super::imported("SemLock", fd, || {
        let mut st = SemState::open(fd, kind, maxvalue)?;
        st.watch = Some(watch);
        Ok(st)
    })
    .map_err(|e| vm.os_error(&e, None))?;
    Ok(new_native(class, st))
}

/// How long `acquire(block, timeout)` may wait: None = try once.
fn acquire_wait(
    vm: &mut Vm,
    block: bool,
    timeout: Option<Value>,
) -> PyResult<Option<Option<Duration>>> {
    if !block {
        return Ok(None);
    }
    match timeout.filter(|t| !t.is_none()) {
        None => Ok(Some(None)),
        Some(t) => {
            let d = super::timeout_arg(vm, &t)?;
            Ok(Some(Some(d)))
        }
    }
}

/// `acquire` proper: the recursive fast path, a try, then a GIL-free wait.
fn do_acquire(vm: &mut Vm, st: &Arc<SemState>, wait: Option<Option<Duration>>) -> PyResult<bool> {
    if st.kind == RECURSIVE_MUTEX && st.is_mine() {
        st.count.fetch_add(1, Ordering::AcqRel);
        return Ok(true);
    }
    let mut got = st.try_wait().map_err(|e| vm.os_error(&e, None))?;
    if got {
        if let Some(watch) = &st.watch {
            watch.acquired(vm);
        }
    } else {
        match wait {
            None | Some(Some(Duration::ZERO)) => {}
            Some(timeout) => {
                let held = st.clone();
                let mut failure: Option<io::Error> = None;
                let fail = &mut failure;
                let attempt = move |limit| match held.wait_for(limit) {
                    Ok(taken) => taken,
                    Err(e) => {
                        *fail = Some(e);
                        true
                    }
                };
                got = match &st.watch {
                    Some(watch) => watch.wait(vm, timeout, attempt)?,
                    None => crate::threads::wait_until(vm, BlockReason::Lock, timeout, attempt)?,
                };
                if let Some(e) = failure {
                    return Err(vm.os_error(&e, None));
                }
            }
        }
    }
    if got {
        st.count.fetch_add(1, Ordering::AcqRel);
        st.last_tid
            .store(crate::threads::current_ident(), Ordering::Release);
    }
    Ok(got)
}

fn semlock_acquire(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "acquire", args)?;
    let [block, timeout] = bind(vm, "acquire", &args[1..], kw, ["block", "timeout"], 2)?;
    let block = match block {
        Some(b) => crate::ops::truthy(vm, &b)?,
        None => true,
    };
    let wait = acquire_wait(vm, block, timeout)?;
    Ok(Value::Bool(do_acquire(vm, &st, wait)?))
}

fn semlock_enter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "__enter__", args)?;
    args::no_kwargs(vm, "__enter__", kw)?;
    Ok(Value::Bool(do_acquire(vm, &st, Some(None))?))
}

fn semlock_release(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "release", args)?;
    if st.kind == RECURSIVE_MUTEX {
        if !st.is_mine() {
            return Err(vm.new_error(
                &vm.interp.exc.assertion_error,
                "attempt to release recursive lock not owned by thread",
            ));
        }
        if st.count.load(Ordering::Acquire) > 1 {
            st.count.fetch_sub(1, Ordering::AcqRel);
            return Ok(Value::None);
        }
    } else if st.maxvalue == 1 {
        // A lock: it must be held now. Probe by taking it; if that succeeds it
        // was free, so undo the probe and complain (CPython's check).
        match st.try_wait() {
            Ok(false) => {}
            Ok(true) => {
                st.post().map_err(|e| vm.os_error(&e, None))?;
                return Err(vm.value_error("semaphore or lock released too many times"));
            }
            Err(e) => return Err(vm.os_error(&e, None)),
        }
    } else {
        let v = st.value().map_err(|e| vm.os_error(&e, None))?;
        if v >= st.maxvalue {
            return Err(vm.value_error("semaphore or lock released too many times"));
        }
    }
    if let Some(watch) = &st.watch {
        watch.released(vm);
    }
    st.post().map_err(|e| vm.os_error(&e, None))?;
    // Saturating: a SEMAPHORE may be released by a thread (or process) that never
    // acquired it here.
    let _ = st
        .count
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| {
            Some((c - 1).max(0))
        });
    Ok(Value::None)
}

fn semlock_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    semlock_release(vm, &args[..1.min(args.len())], &[])
}

fn semlock_count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "_count", args)?;
    args::no_args(vm, "_count", &args[1..], kw)?;
    Ok(Value::Int(st.count.load(Ordering::Acquire)))
}

fn semlock_is_mine(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "_is_mine", args)?;
    args::no_args(vm, "_is_mine", &args[1..], kw)?;
    Ok(Value::Bool(st.is_mine()))
}

fn semlock_get_value(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "_get_value", args)?;
    args::no_args(vm, "_get_value", &args[1..], kw)?;
    let v = st.value().map_err(|e| vm.os_error(&e, None))?;
    Ok(Value::Int(v))
}

fn semlock_is_zero(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "_is_zero", args)?;
    args::no_args(vm, "_is_zero", &args[1..], kw)?;
    let v = st.value().map_err(|e| vm.os_error(&e, None))?;
    Ok(Value::Bool(v == 0))
}

/// `_after_fork()`: forgets this process's acquisitions (CPython's hook; kept for
/// code written against it).
fn semlock_after_fork(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "_after_fork", args)?;
    st.count.store(0, Ordering::Release);
    Ok(Value::None)
}

fn semlock_kind(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(sem_state(vm, "kind", args)?.kind))
}

fn semlock_maxvalue(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(sem_state(vm, "maxvalue", args)?.maxvalue))
}

fn semlock_handle(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(sem_state(vm, "handle", args)?.map.fd() as i64))
}

fn semlock_name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    // Unnamed (memfd-backed) semaphores, as CPython's name is None after unlinking.
    sem_state(vm, "name", args)?;
    Ok(Value::None)
}

fn semlock_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = sem_state(vm, "__repr__", args)?;
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    let value = st.value().unwrap_or(-1);
    let kind = if st.kind == RECURSIVE_MUTEX {
        "RECURSIVE_MUTEX"
    } else {
        "SEMAPHORE"
    };
    Ok(Value::str(format!(
        "<_gilded_mp.SemLock kind={kind} value={value} maxvalue={} at {addr:#x}>",
        st.maxvalue
    )))
}

/// The `SemLock` class.
pub fn create_class(vm: &Vm) -> ObjRef {
    let object = vm.types().object.clone();
    let class =
        crate::bootstrap::builtin_type("SemLock", "_gilded_mp", &[&object], Layout::Builtin);
    add_staticmethod(vm, &class, "__new__", semlock_new);
    let methods: [(&'static str, crate::types::function::NativeFn); 10] = [
        ("acquire", semlock_acquire),
        ("release", semlock_release),
        ("__enter__", semlock_enter),
        ("__exit__", semlock_exit),
        ("_count", semlock_count),
        ("_is_mine", semlock_is_mine),
        ("_get_value", semlock_get_value),
        ("_is_zero", semlock_is_zero),
        ("_after_fork", semlock_after_fork),
        ("__repr__", semlock_repr),
    ];
    for (name, f) in methods {
        add_method(vm, &class, name, f);
    }
    add_property(vm, &class, "kind", semlock_kind, None);
    add_property(vm, &class, "maxvalue", semlock_maxvalue, None);
    add_property(vm, &class, "handle", semlock_handle, None);
    add_property(vm, &class, "name", semlock_name, None);
    super::class_const(vm, &class, "SEM_VALUE_MAX", Value::Int(SEM_VALUE_MAX));
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_semaphore_counts_and_times_out() {
        let st = SemState::create(SEMAPHORE, 1, 1).unwrap();
        assert_eq!(st.value().unwrap(), 1);
        assert!(st.try_wait().unwrap());
        assert!(!st.try_wait().unwrap());
        let t0 = std::time::Instant::now();
        assert!(!st.wait_for(Some(Duration::from_millis(30))).unwrap());
        assert!(t0.elapsed() >= Duration::from_millis(25));
        st.post().unwrap();
        assert!(st.wait_for(None).unwrap());
        st.post().unwrap();
    }

    #[test]
    fn a_second_mapping_of_the_memfd_is_the_same_semaphore() {
        let st = SemState::create(SEMAPHORE, 0, 5).unwrap();
        let fd = super::super::shm::dup_cloexec(st.map.fd()).unwrap();
        let other = SemState::open(fd, SEMAPHORE, 5).unwrap();
        other.post().unwrap();
        assert_eq!(st.value().unwrap(), 1);
        let waiter = std::thread::spawn(move || st.wait_for(Some(Duration::from_secs(5))));
        assert!(waiter.join().unwrap().unwrap());
        assert_eq!(other.value().unwrap(), 0);
    }

    #[test]
    fn bad_initial_values_are_einval() {
        let e = SemState::create(SEMAPHORE, -1, 1).err().unwrap();
        assert_eq!(e.raw_os_error(), Some(libc::EINVAL));
        let e = SemState::create(SEMAPHORE, 1 << 40, 1).err().unwrap();
        assert_eq!(e.raw_os_error(), Some(libc::EINVAL));
    }
}
