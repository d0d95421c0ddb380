//! Python threads: every one is an OS thread with its own [`Vm`] (stacks, frames,
//! handled exception) sharing the one [`crate::vm::Interp`] and its heap.
//!
//! At any instant one thread holds `Interp::lock` and runs bytecode. The holder offers
//! the lock at its periodic checks ([`Vm::offer_lock`]), and gives it up around every
//! blocking call ([`Vm::blocking`]). A new thread registers with the lock, waits to
//! acquire it, runs its target and releases the lock for good when it ends.

use crate::error::{PyErr, PyResult};
use crate::gil::Gil;
use crate::value::Value;
use crate::vm::{Interp, Vm};
use gilded_gil::{BlockReason, Config, Policy, ThreadRecord};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Instructions between hand-off offers unless `--switch-interval` says otherwise.
/// Chosen by measurement (BENCHMARKS.md, "Threads and the GIL"): a hand-off to a
/// sleeping thread on the other core costs ~35 µs on the reference machine, so two
/// CPU-bound threads ran 2.0× slower than sequentially at 10,000, 1.14× at 100,000
/// and 1.07× at 300,000 (CPython: 1.00×). At 300,000 a thread holds the lock for
/// ~2 ms, still under CPython's 5 ms switch interval.
pub const DEFAULT_SWITCH_INTERVAL: u64 = 300_000;

/// CPython's `sys.getswitchinterval()` default, used by the `timed` policy.
pub const DEFAULT_SWITCH_SECONDS: f64 = 0.005;

/// `--switch-interval 0` / `sys.setswitchinterval(0)`: never hand off at an
/// instruction boundary (threads change only at blocking calls); the periodic check
/// skips asking.
pub use gilded_gil::NEVER_SWITCH;

/// Each Python thread's Rust stack. Python calls do not recurse on it, but natives
/// (`repr` of nested containers, `__eq__` chains) do, up to the recursion limit.
const THREAD_STACK_BYTES: usize = 16 * 1024 * 1024;

/// The most instructions run between two periodic checks (Ctrl-C, tracing, and the
/// lock's switch request), whatever the switch interval.
pub const MAX_CHECK_INTERVAL: u64 = 1000;

/// The lock settings of a new interpreter: `fair`, the default interval, and
/// `GILDED_SWITCH_INTERVAL` / `GILDED_GIL_POLICY` when set and valid.
pub fn default_config() -> Config {
    let switch_interval = std::env::var("GILDED_SWITCH_INTERVAL")
        .ok()
        .and_then(|v| parse_switch_interval(&v))
        .unwrap_or(DEFAULT_SWITCH_INTERVAL);
    let policy = std::env::var("GILDED_GIL_POLICY")
        .ok()
        .and_then(|v| parse_policy(&v))
        .unwrap_or(Policy::Fair);
    Config {
        policy,
        switch_interval,
        switch_seconds: DEFAULT_SWITCH_SECONDS,
    }
}

/// A switch interval as written by a user: a non-negative integer, 0 meaning never.
pub fn parse_switch_interval(text: &str) -> Option<u64> {
    match text.trim().parse::<u64>().ok()? {
        0 => Some(NEVER_SWITCH),
        n => Some(n),
    }
}

/// A policy by its name (`fair`, `greedy`, `timed`).
pub fn parse_policy(name: &str) -> Option<Policy> {
    match name.trim() {
        "fair" => Some(Policy::Fair),
        "greedy" => Some(Policy::Greedy),
        "timed" => Some(Policy::Timed),
        _ => None,
    }
}

/// The calling thread's identifier, as `threading.get_ident()` (the pthread handle,
/// like CPython's).
pub fn current_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// The calling thread's kernel thread id, as `threading.get_native_id()`.
pub fn native_id() -> u64 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() as u64 }
}

/// Numbers the names of threads started without `threading` (CPython's `Dummy-N`).
static DUMMY_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// What a new thread runs: the callable, positional and keyword arguments.
type ThreadWork = (Value, Vec<Value>, Vec<(Value, Value)>);

/// A value moved to a new thread before it holds the lock. The new thread touches it
/// only after acquiring the lock, which makes the move sound.
struct HandedOver<T>(T);

// SAFETY: see the type's documentation: the receiver acquires the lock first.
unsafe impl<T> Send for HandedOver<T> {}

impl Vm {
    /// Releases the interpreter lock around `f`, which must not touch objects (it
    /// cannot capture any: they are not `Send`), and re-acquires it. Other threads run
    /// meanwhile; the time counts as this thread's blocked time, for `reason`.
    pub fn blocking<T: Send>(&mut self, reason: BlockReason, f: impl FnOnce() -> T + Send) -> T {
        self.flush_instruction_count();
        let lock = &self.interp.lock;
        let thread = &self.thread;
        let result = self
            .gil
            .released_during(|| lock.blocking(thread, reason, f));
        self.instructions_since_acquire = 0;
        result
    }

    /// Credits the instructions run since the last credit to this thread: at every
    /// periodic check, and before a blocking call or the thread's end, so a thread
    /// that mostly waits is counted too.
    pub fn flush_instruction_count(&mut self) {
        let run = self.countdown_start - self.countdown;
        if run > 0 {
            self.instructions_since_acquire += run as u64;
            self.thread.add_instructions(run as u64);
            self.countdown_start = self.countdown;
        }
    }

    /// Instructions to run before the next periodic check.
    #[inline]
    pub(crate) fn check_interval(&self) -> i32 {
        if self.trace {
            return 1;
        }
        let n = self.interp.lock.config().switch_interval;
        n.clamp(1, MAX_CHECK_INTERVAL) as i32
    }

    /// The periodic hand-off point: gives the lock to a waiting thread when the
    /// policy says this thread has had its turn.
    #[inline]
    pub(crate) fn offer_lock(&mut self) {
        let lock = &self.interp.lock;
        debug_assert_eq!(
            lock.holder(),
            Some(self.thread.ident()),
            "a thread ran bytecode without holding the GIL"
        );
        if lock.config().switch_interval == NEVER_SWITCH
            || self.interp.finalizing.load(Ordering::Relaxed)
        {
            return;
        }
        if lock.wants_switch(self.instructions_since_acquire) {
            let thread = &self.thread;
            self.gil.released_during(|| lock.yield_to_waiter(thread));
            self.instructions_since_acquire = 0;
        }
    }
}

/// Starts `func(*args, **kwargs)` in a new OS thread and returns its ident. The
/// thread waits for the lock before running anything.
pub fn start_thread(
    vm: &mut Vm,
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
) -> PyResult<u64> {
    let interp = vm.interp.clone();
    let (record_tx, record_rx) = std::sync::mpsc::sync_channel::<Arc<ThreadRecord>>(1);
    let work = HandedOver((func, args, kwargs));
    vm.interp.running_threads.fetch_add(1, Ordering::SeqCst);
    let spawned = std::thread::Builder::new()
        .stack_size(THREAD_STACK_BYTES)
        .spawn(move || {
            let Ok(record) = record_rx.recv() else {
                return;
            };
            run_thread(interp, record, work);
        });
    let handle = match spawned {
        Ok(handle) => handle,
        Err(_) => {
            vm.interp.running_threads.fetch_sub(1, Ordering::SeqCst);
            return Err(vm.runtime_error("can't start new thread"));
        }
    };
    let ident = std::os::unix::thread::JoinHandleExt::as_pthread_t(&handle);
    let serial = DUMMY_THREADS.fetch_add(1, Ordering::Relaxed);
    let record = vm.interp.lock.register(&format!("Dummy-{serial}"), ident);
    // The receiver waits for exactly this message, so the send cannot fail.
    let _ = record_tx.send(record);
    Ok(ident)
}

/// The body of a thread started by [`start_thread`].
fn run_thread(interp: Arc<Interp>, record: Arc<ThreadRecord>, work: HandedOver<ThreadWork>) {
    interp.lock.acquire(&record);
    // SAFETY: the lock is held from here to the release below.
    let gil = unsafe { Gil::acquired() };
    // A panic is a bug in gilded, never the program's fault; it must not leave the
    // lock held (every other thread would wait forever), so it ends this thread only.
    let body = std::panic::AssertUnwindSafe(|| {
        let mut vm = Vm::for_thread(interp.clone(), gil, record.clone(), false);
        let HandedOver((func, args, kwargs)) = work;
        let result = vm.call(&func, args, kwargs);
        if let Err(err) = result {
            report_thread_failure(&mut vm, &func, &err);
        }
        vm.flush_instruction_count();
        drop(func);
        vm.run_finalizers();
    });
    if std::panic::catch_unwind(body).is_err() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"Fatal error in a thread: internal interpreter error (see above); the thread was stopped\n",
        );
    }
    interp.running_threads.fetch_sub(1, Ordering::SeqCst);
    interp.lock.unregister(&record);
    gil.released_during(|| interp.lock.release(&record));
}

/// `_thread`'s report of an exception that escaped a thread's function (SystemExit
/// ends the thread quietly, as in CPython).
fn report_thread_failure(vm: &mut Vm, func: &Value, err: &PyErr) {
    let system_exit = vm.interp.exc.system_exit.clone();
    if vm.err_matches(err, &system_exit) {
        return;
    }
    let what = crate::ops::repr(vm, func).unwrap_or_else(|_| "<object>".into());
    let body = crate::traceback::format_exception(vm, err);
    crate::io::write_stderr(
        vm,
        &format!("Exception ignored in thread started by: {what}\n{body}"),
    );
}

/// Waits for the threads `threading` knows of (`threading._shutdown()`, when the
/// program imported it), then marks the interpreter as finalizing: daemon threads
/// still running never get the lock back.
pub fn shutdown_threads(vm: &mut Vm) {
    vm.flush_instruction_count();
    if let Some(threading) = crate::modules::cached(vm, "threading") {
        if let Ok(shutdown) = crate::attr::get_attr(vm, &threading, &Value::str("_shutdown")) {
            if let Err(err) = vm.call(&shutdown, vec![], vec![]) {
                crate::traceback::report_ignored(vm, &shutdown, &err);
            }
        }
    }
    // Then, as CPython's atexit does, child processes are cleaned up (while daemon
    // threads may still run).
    crate::process::spawn::shutdown_children(vm);
    vm.interp.finalizing.store(true, Ordering::SeqCst);
}

/// How long the main thread blocks before looking for Ctrl-C again.
const INTERRUPT_POLL: Duration = Duration::from_millis(20);

/// How a [`wait_until`] ended.
enum WaitEnd {
    Done,
    TimedOut,
    Interrupted,
}

/// Blocks, with the GIL released (blocked on `reason`), until `attempt` succeeds or
/// `timeout` (None: no limit) passes; `attempt(limit)` blocks at most `limit` (None: as long as it needs)
/// and says whether it succeeded. The main thread waits in short slices so Ctrl-C
/// raises KeyboardInterrupt promptly, as CPython's lock waits do.
pub fn wait_until(
    vm: &mut Vm,
    reason: BlockReason,
    timeout: Option<Duration>,
    mut attempt: impl FnMut(Option<Duration>) -> bool + Send,
) -> PyResult<bool> {
    let deadline = timeout.map(|t| Instant::now() + t);
    let interruptible = vm.is_main_thread;
    let end = vm.blocking(reason, move || loop {
        let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let limit = if interruptible {
            Some(remaining.map_or(INTERRUPT_POLL, |r| r.min(INTERRUPT_POLL)))
        } else {
            remaining
        };
        if attempt(limit) {
            return WaitEnd::Done;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return WaitEnd::TimedOut;
        }
        if interruptible && crate::signals::interrupt_pending() {
            return WaitEnd::Interrupted;
        }
    });
    match end {
        WaitEnd::Done => Ok(true),
        WaitEnd::TimedOut => Ok(false),
        WaitEnd::Interrupted => {
            crate::signals::take_interrupt();
            let exc = vm.interp.exc.keyboard_interrupt.clone();
            Err(vm.new_exception(&exc, vec![]))
        }
    }
}

/// Gives up the interpreter lock with no closure to scope it, for the REPL's prompt:
/// the line editor calls back into the interpreter (Tab completion), and those calls
/// take the lock again with [`relock`] … [`unlock`].
///
/// # Safety
/// Until [`relock`], the calling thread must not touch any object.
pub unsafe fn unlock(interp: &Interp, thread: &ThreadRecord) {
    crate::gil::set_held(false);
    interp.lock.release(thread);
}

/// Takes the interpreter lock back after [`unlock`].
pub fn relock(interp: &Interp, thread: &ThreadRecord) {
    interp.lock.acquire(thread);
    crate::gil::set_held(true);
}

/// Stack kept free below the deepest native re-entry: more than any chain of Rust
/// frames between two checks uses.
const STACK_MARGIN: usize = 512 * 1024;

/// The lowest stack address the calling thread may reach before natives that
/// re-enter the interpreter must raise RecursionError instead (0 if unknown).
pub fn stack_floor() -> usize {
    // SAFETY: the attribute object is initialized by pthread_getattr_np before use
    // and destroyed after; both calls only read the calling thread's own state.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return 0;
        }
        let mut low: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let found = libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if found {
            low as usize + STACK_MARGIN.min(size / 2)
        } else {
            0
        }
    }
}

impl Vm {
    /// True when this thread's Rust stack is nearly used up (deep native recursion
    /// with a raised recursion limit): the caller raises RecursionError rather than
    /// let the process die of a stack overflow.
    #[inline]
    pub fn stack_exhausted(&self) -> bool {
        let marker = 0u8;
        (std::ptr::addr_of!(marker) as usize) < self.stack_floor
    }
}
