//! Contention profiling of Python-level locks: every `_thread.lock`, `_thread.RLock`
//! and multiprocessing `SemLock` carries a [`LockWatch`], which counts its
//! acquisitions into a [`LockProfile`] of the interpreter lock, times its waits, and
//! says what a waiting thread is blocked on.
//!
//! A profile is named by the lock's kind and where the program made it: the innermost
//! frame of the program's own code (not the library's) gives the site, and the library
//! function it called gives the kind, so the lock inside a `queue.Queue()` reads as
//! `queue.Queue` at the line that made the queue.

use crate::error::PyResult;
use crate::vm::Vm;
use gilded_gil::{BlockReason, LockProfile};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The prefix of the library's code objects' filenames (`<frozen threading>`).
const LIBRARY_PREFIX: &str = "<frozen ";

/// The profile of one lock object, and when its current hold began.
pub struct LockWatch {
    profile: Arc<LockProfile>,
    /// Monotonic ns of the current hold's start; 0 when not timed (see
    /// `LockProfile::times_holds`).
    held_since_ns: AtomicU64,
}

impl LockWatch {
    /// The watch of a new lock; `native_kind` names it when the program made it
    /// directly (`threading.Lock`), not through a library class.
    pub fn new(vm: &Vm, native_kind: &str) -> LockWatch {
        let (kind, site) = creation_place(vm, native_kind);
        let reason = reason_of(&kind);
        LockWatch {
            profile: vm.interp.lock.lock_profile(&kind, &site, reason),
            held_since_ns: AtomicU64::new(0),
        }
    }

    /// Counts an acquisition (and starts timing the hold, once the lock has been
    /// contended).
    #[inline]
    pub fn acquired(&self, vm: &Vm) {
        self.profile.note_acquired();
        if self.profile.times_holds() {
            self.held_since_ns
                .store(vm.interp.lock.now_ns().max(1), Relaxed);
        }
    }

    /// Ends a timed hold.
    #[inline]
    pub fn released(&self, vm: &Vm) {
        let since = self.held_since_ns.swap(0, Relaxed);
        if since != 0 {
            let held = vm.interp.lock.now_ns().saturating_sub(since);
            self.profile.note_hold(Duration::from_nanos(held));
        }
    }

    /// Waits for the lock with the GIL released, as [`crate::threads::wait_until`]
    /// does, counting the wait (and the acquisition, if it ends with one).
    pub fn wait(
        &self,
        vm: &mut Vm,
        timeout: Option<Duration>,
        attempt: impl FnMut(Option<Duration>) -> bool + Send,
    ) -> PyResult<bool> {
        let start = Instant::now();
        let got = crate::threads::wait_until(vm, self.profile.reason(), timeout, attempt);
        let acquired = matches!(got, Ok(true));
        let end = Instant::now();
        vm.interp
            .lock
            .note_lock_wait(&vm.thread, &self.profile, start, end, acquired);
        if acquired {
            self.acquired(vm);
        }
        got
    }
}

/// The kind and `file:line` site of a lock being made now.
fn creation_place(vm: &Vm, native_kind: &str) -> (String, String) {
    let mut library_caller = None;
    for frame in vm.frames.iter().rev() {
        let code = &frame.runtime().code;
        let line = code.location(frame.ip.saturating_sub(1)).line;
        if code.filename.starts_with(LIBRARY_PREFIX) {
            library_caller = Some((code, line));
            continue;
        }
        let kind = match library_caller {
            Some((lib, _)) => library_kind(&lib.filename, &lib.qualname),
            None => native_kind.to_string(),
        };
        return (kind, format!("{}:{line}", code.filename));
    }
    // Made by the library on its own (at import, say): the library's line.
    match library_caller {
        Some((lib, line)) => (
            library_kind(&lib.filename, &lib.qualname),
            format!("{}:{line}", lib.filename),
        ),
        None => (native_kind.to_string(), "<unknown>".to_string()),
    }
}

/// `threading.Condition` for a lock made under `Condition.__init__` (or any method of
/// it) in `<frozen threading>`; multiprocessing's submodules read as `multiprocessing`.
fn library_kind(filename: &str, qualname: &str) -> String {
    let module = filename
        .strip_prefix(LIBRARY_PREFIX)
        .and_then(|m| m.strip_suffix('>'))
        .unwrap_or(filename);
    let module = match module.split('.').next() {
        Some("multiprocessing") => "multiprocessing",
        _ => module,
    };
    match qualname.split('.').next() {
        Some("<module>") | None => format!("{module} (internal)"),
        Some(owner) => format!("{module}.{owner}"),
    }
}

/// What a thread waiting for a lock of `kind` is blocked on.
fn reason_of(kind: &str) -> BlockReason {
    let owner = kind.rsplit('.').next().unwrap_or(kind);
    if owner.contains("Queue") {
        BlockReason::Queue
    } else if owner == "Thread" || owner.ends_with("Thread") {
        BlockReason::Join
    } else {
        BlockReason::Lock
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_name_the_library_class() {
        assert_eq!(
            library_kind("<frozen threading>", "Condition.__init__"),
            "threading.Condition"
        );
        assert_eq!(library_kind("<frozen queue>", "Queue.get"), "queue.Queue");
        assert_eq!(
            library_kind("<frozen multiprocessing.synchronize>", "Lock.__init__"),
            "multiprocessing.Lock"
        );
        assert_eq!(
            library_kind("<frozen threading>", "RLock"),
            "threading.RLock"
        );
        assert_eq!(
            library_kind("<frozen threading>", "<module>"),
            "threading (internal)"
        );
    }

    #[test]
    fn reasons_follow_the_kind() {
        assert_eq!(reason_of("queue.Queue"), BlockReason::Queue);
        assert_eq!(reason_of("multiprocessing.SimpleQueue"), BlockReason::Queue);
        assert_eq!(reason_of("threading.Thread"), BlockReason::Join);
        assert_eq!(reason_of("threading.Condition"), BlockReason::Lock);
        assert_eq!(reason_of("threading.Lock"), BlockReason::Lock);
    }
}
