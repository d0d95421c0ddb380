//! Starting a child process and following it to its end.
//!
//! The child is this same `gilded` binary, executed again with `--mp-worker R W`:
//! it reads a [`SpawnRequest`] from descriptor R and writes its [`Outcome`] to W.
//! We never `fork()` the running interpreter: other threads may hold the GIL's
//! internals, a file's buffer lock or the allocator's at that instant, and the
//! forked copy would inherit them locked forever; a fresh process has none of that.
//!
//! Each child gets a reaper thread (plain Rust, no GIL) that collects the outcome,
//! waits for the exit and records the status, so no child stays a zombie and a
//! child blocked writing a large result is always read. The write end of the
//! request pipe stays open in the parent until the child is reaped: the child
//! watches it, and its end of file means the parent died, so the child exits too.

use super::wire::{Message, WIRE_VERSION};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::report::Report;
use gilded_gil::BlockReason;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The command-line switch that makes `gilded` a worker.
pub const WORKER_FLAG: &str = "--mp-worker";

/// What a child needs to run its target.
#[derive(Serialize, Deserialize)]
pub struct SpawnRequest {
    /// [`WIRE_VERSION`] of the parent.
    pub version: u32,
    /// The parent's `sys.argv`.
    pub argv: Vec<String>,
    /// The parent's GIL settings: policy, switch interval in instructions and in
    /// seconds.
    pub gil: gilded_gil::Config,
    /// Exit with the int the target returns (multiprocessing's bootstrap).
    pub exit_with_result: bool,
    /// Record a trace for the parent's `--timeline` / `--trace`.
    pub trace: bool,
    /// Source text the parent knows by file name (for `-c` and REPL tracebacks).
    pub sources: Vec<(String, Vec<String>)>,
    /// Descriptors inherited for `_gilded_mp` objects in the payload.
    pub inherited: Vec<i32>,
    /// `(target, args, kwargs)`.
    pub payload: Message,
}

/// How the child's target ended, sent back just before the child exits.
#[derive(Serialize, Deserialize)]
pub enum Outcome {
    /// It returned this value.
    Returned(Message),
    /// It raised: the exception when it could be sent, and its traceback text.
    Raised {
        /// The exception object.
        exception: Option<Message>,
        /// The child's traceback, as it would have printed it.
        traceback: String,
    },
    /// It could not be run or its result could not be sent (the reason).
    Failed(String),
}

/// What the parent knows of one child.
pub struct Child {
    /// The process id.
    pub pid: i32,
    /// Terminated rather than waited for when the parent exits.
    pub daemon: bool,
    state: Mutex<ChildState>,
    ended: Condvar,
}

#[derive(Default)]
struct ChildState {
    /// The child has exited (it may not be reaped yet: no signal may be sent).
    exited: bool,
    /// `exitcode`: the status, or minus the signal that killed it.
    exitcode: Option<i32>,
    /// The outcome bytes the child sent (empty if it died first).
    outcome: Vec<u8>,
    /// The parent's end of the request pipe, closed once the child is reaped.
    watchdog: Option<OwnedFd>,
}

/// Every child started by this process, for the exit-time clean-up.
static CHILDREN: Mutex<Vec<Arc<Child>>> = Mutex::new(Vec::new());

/// The GIL reports of children that have ended (each sends its own after its
/// outcome), until the next report of this process takes them.
static CHILD_REPORTS: Mutex<Vec<Report>> = Mutex::new(Vec::new());

/// Takes the reports children sent back since the last call, in the order they ended.
pub fn take_child_reports() -> Vec<Report> {
    std::mem::take(&mut *lock(&CHILD_REPORTS))
}

impl Child {
    /// `exitcode`: None while running.
    pub fn exitcode(&self) -> Option<i32> {
        lock(&self.state).exitcode
    }

    /// Sends `signal` unless the child has already exited (its pid may be reused
    /// once it is reaped, so exited children are never signalled).
    pub fn signal(&self, signal: i32) {
        let state = lock(&self.state);
        if !state.exited {
            // SAFETY: kill has no memory effects; the pid is our unreaped child.
            unsafe { libc::kill(self.pid, signal) };
        }
    }

    /// Waits at most `limit` (None: until the end) for the child to be reaped;
    /// true once it is.
    pub fn wait(&self, limit: Option<Duration>) -> bool {
        let mut state = lock(&self.state);
        if state.exitcode.is_none() {
            state = match limit {
                Some(limit) => match self.ended.wait_timeout(state, limit) {
                    Ok((s, _)) => s,
                    Err(poisoned) => poisoned.into_inner().0,
                },
                None => self.ended.wait(state).unwrap_or_else(|p| p.into_inner()),
            };
        }
        state.exitcode.is_some()
    }

    /// The outcome bytes, once the child is reaped.
    pub fn outcome(&self) -> Vec<u8> {
        lock(&self.state).outcome.clone()
    }
}

/// Locks a mutex whatever a panicking holder left behind (the state stays valid:
/// every update is a single assignment).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A pipe whose ends close on exec.
fn pipe(vm: &Vm) -> PyResult<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two descriptors into the array on success.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(vm.os_error(&std::io::Error::last_os_error(), None));
    }
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// Sets or clears close-on-exec on a descriptor. Async-signal-safe (it runs
/// between fork and exec), so it reports failure without allocating.
pub fn set_cloexec(fd: i32, on: bool) -> std::io::Result<()> {
    // SAFETY: fcntl on an integer descriptor only reads and writes its flags; an
    // invalid number fails with EBADF.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let flags = if on {
        flags | libc::FD_CLOEXEC
    } else {
        flags & !libc::FD_CLOEXEC
    };
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFD, flags) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// What to run in a new process, and how.
pub struct Launch {
    /// The callable.
    pub target: Value,
    /// Its positional arguments (a tuple).
    pub args: Value,
    /// Its keyword arguments (a dict).
    pub kwargs: Value,
    /// Terminate rather than wait for it when the parent exits.
    pub daemon: bool,
    /// The child's exit status is the int the target returns.
    pub exit_with_result: bool,
}

/// Starts `target(*args, **kwargs)` in a new process. Everything is serialized
/// first, so an argument that cannot cross raises here and no process starts.
pub fn start(vm: &mut Vm, launch: Launch) -> PyResult<Arc<Child>> {
    let Launch {
        target,
        args,
        kwargs,
        daemon,
        exit_with_result,
    } = launch;
    let root = vm.new_tuple(vec![target, args, kwargs]);
    let mut inherited = Vec::new();
    let payload = super::encode::encode(vm, &root, Some(&mut inherited))?;
    let request = SpawnRequest {
        version: WIRE_VERSION,
        argv: vm.interp.argv.borrow(vm.gil).clone(),
        gil: vm.interp.lock.config(),
        exit_with_result,
        trace: vm.interp.lock.is_tracing(),
        sources: vm
            .interp
            .sources
            .borrow(vm.gil)
            .iter()
            .filter(|(name, _)| !name.starts_with("<frozen"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        inherited: inherited.clone(),
        payload,
    };
    let bytes = super::wire::to_bytes(vm, &request)?;
    let exe = std::env::current_exe().map_err(|e| vm.os_error(&e, None))?;
    let (request_read, request_write) = pipe(vm)?;
    let (outcome_read, outcome_write) = pipe(vm)?;
    let mut keep_open = inherited;
    keep_open.push(request_read.as_raw_fd());
    keep_open.push(outcome_write.as_raw_fd());
    let mut command = std::process::Command::new(exe);
    command
        .arg(WORKER_FLAG)
        .arg(request_read.as_raw_fd().to_string())
        .arg(outcome_write.as_raw_fd().to_string())
        .stdin(std::process::Stdio::null());
    // SAFETY: the hook only calls fcntl, which is async-signal-safe, on integers.
    unsafe {
        command.pre_exec(move || {
            for fd in &keep_open {
                set_cloexec(*fd, false)?;
            }
            Ok(())
        });
    }
    // What the child prints must come after what the parent printed before it.
    crate::io::flush_stdout(vm);
    let spawned = vm.blocking(BlockReason::Process, move || command.spawn());
    let process = spawned.map_err(|e| vm.os_error(&e, None))?;
    drop(request_read);
    drop(outcome_write);
    let child = Arc::new(Child {
        pid: process.id() as i32,
        daemon,
        state: Mutex::new(ChildState::default()),
        ended: Condvar::new(),
    });
    let mut request_write = std::fs::File::from(request_write);
    let sent = vm.blocking(BlockReason::Process, move || {
        let len = (bytes.len() as u64).to_le_bytes();
        let result = request_write
            .write_all(&len)
            .and_then(|_| request_write.write_all(&bytes));
        (result, request_write)
    });
    lock(&child.state).watchdog = Some(OwnedFd::from(sent.1));
    let mut children = lock(&CHILDREN);
    children.retain(|c| c.exitcode().is_none());
    children.push(child.clone());
    drop(children);
    let reaped = child.clone();
    let outcome_read = std::fs::File::from(outcome_read);
    std::thread::Builder::new()
        .name(format!("gilded-reaper-{}", child.pid))
        .spawn(move || reap(reaped, process, outcome_read))
        .map_err(|e| vm.os_error(&e, None))?;
    // A failed write means the child died before reading its request; its exit
    // code, which the reaper records, tells why, so there is nothing to raise here.
    drop(sent.0);
    Ok(child)
}

/// The reaper: reads the outcome to its end, waits for the exit, records it.
fn reap(child: Arc<Child>, mut process: std::process::Child, mut outcome: std::fs::File) {
    let mut bytes = Vec::new();
    let _ = outcome.read_to_end(&mut bytes);
    // The child's GIL report follows its outcome (a child killed early sends none).
    if let Ok((_, rest)) = postcard::take_from_bytes::<Outcome>(&bytes) {
        if let Ok(report) = postcard::from_bytes::<Report>(rest) {
            lock(&CHILD_REPORTS).push(report);
        }
    }
    // Wait for the exit without reaping, so `signal` never hits a reused pid.
    // SAFETY: waitid writes into the zeroed siginfo only.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        while libc::waitid(
            libc::P_PID,
            child.pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOWAIT,
        ) != 0
            && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
        {}
    }
    lock(&child.state).exited = true;
    let code = match process.wait() {
        Ok(status) => status
            .code()
            .or_else(|| status.signal().map(|s| -s))
            .unwrap_or(1),
        Err(_) => 1,
    };
    let mut state = lock(&child.state);
    state.exitcode = Some(code);
    state.outcome = bytes;
    state.watchdog = None;
    drop(state);
    child.ended.notify_all();
}

/// The children started by this process that are still running.
pub fn running_children() -> Vec<Arc<Child>> {
    lock(&CHILDREN)
        .iter()
        .filter(|c| c.exitcode().is_none())
        .cloned()
        .collect()
}

/// At interpreter exit: `multiprocessing`'s own clean-up, queued messages written,
/// daemonic children terminated, the others waited for. Nothing is left running
/// or unreaped.
pub fn shutdown_children(vm: &mut Vm) {
    if let Some(mp) = crate::modules::cached(vm, "multiprocessing") {
        if let Ok(Some(exit)) = crate::attr::get_attr_opt(vm, &mp, &Value::str("_exit_function")) {
            if let Err(err) = vm.call(&exit, vec![], vec![]) {
                crate::traceback::report_ignored(vm, &exit, &err);
            }
        }
    }
    vm.blocking(BlockReason::Queue, crate::modules::mp_native::flush_feeders);
    let children = running_children();
    if children.is_empty() {
        return;
    }
    crate::io::flush_stdout(vm);
    let terminate_all = TERMINATE_AT_EXIT.load(std::sync::atomic::Ordering::SeqCst);
    vm.blocking(BlockReason::Process, move || {
        for child in &children {
            if child.daemon || terminate_all {
                child.signal(libc::SIGTERM);
            }
        }
        // Waiting for the others can be cut short with Ctrl-C: they are then
        // terminated too, and still reaped.
        let mut terminated = terminate_all;
        for child in &children {
            while !child.wait(Some(Duration::from_millis(20))) {
                if !terminated && crate::signals::interrupt_pending() {
                    terminated = true;
                    for c in &children {
                        c.signal(libc::SIGTERM);
                    }
                }
            }
        }
    });
}

/// Set when the program ends with KeyboardInterrupt: children are terminated at
/// exit instead of waited for.
static TERMINATE_AT_EXIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks the exit-time clean-up to terminate every child rather than wait for the
/// non-daemonic ones (the program was interrupted).
pub fn terminate_children_at_exit() {
    TERMINATE_AT_EXIT.store(true, std::sync::atomic::Ordering::SeqCst);
}
