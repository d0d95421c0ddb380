//! The statistics as plain data: one [`Report`] per process, which `--gil-stats`,
//! `--stats-json`, `--timeline`, `--trace` and `gil.stats()` all render. It crosses
//! process boundaries too (a child sends its own back to the parent, which keeps it in
//! [`Report::children`]), so it is serde data with no references into the lock.
//!
//! Units are fixed by suffix so a reader never guesses: `_ns` fields are integer
//! nanoseconds on the system's monotonic clock (`CLOCK_MONOTONIC`, shared by every
//! process on the machine, so a child's times line up with its parent's); `_s` fields
//! are durations in seconds (floats). The JSON form is documented in
//! `docs/stats-json.md`; bump [`REPORT_VERSION`] on any change a reader could notice.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the report's layout (the JSON's `"version"`).
pub const REPORT_VERSION: u32 = 1;

/// Why a thread was blocked with the interpreter lock released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockReason {
    /// `time.sleep`.
    Sleep,
    /// File, pipe and terminal I/O (and other system calls that wait).
    Io,
    /// A Python-level lock, condition, event or semaphore.
    Lock,
    /// `Thread.join` (and `join` of a process).
    Join,
    /// `queue.Queue` and multiprocessing queues.
    Queue,
    /// Starting or waiting for a child process.
    Process,
    /// Anything else that releases the lock.
    Other,
}

impl BlockReason {
    /// Every reason, in the order reports list them.
    pub const ALL: [BlockReason; 7] = [
        BlockReason::Sleep,
        BlockReason::Io,
        BlockReason::Lock,
        BlockReason::Join,
        BlockReason::Queue,
        BlockReason::Process,
        BlockReason::Other,
    ];

    /// The reason's name, as the JSON spells it.
    pub fn name(self) -> &'static str {
        match self {
            BlockReason::Sleep => "sleep",
            BlockReason::Io => "io",
            BlockReason::Lock => "lock",
            BlockReason::Join => "join",
            BlockReason::Queue => "queue",
            BlockReason::Process => "process",
            BlockReason::Other => "other",
        }
    }

    /// The position in [`BlockReason::ALL`] (an index into per-reason counters).
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// The whole picture of one process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// The process id.
    pub pid: u32,
    /// The hand-off policy in force when the report was taken: `fair`, `greedy`, `timed`.
    pub policy: String,
    /// Instructions between hand-off offers; 0 means never.
    pub switch_interval: u64,
    /// The `timed` policy's interval.
    pub switch_seconds: f64,
    /// When counting began: the lock's creation or the last reset.
    pub started_ns: u64,
    /// When the report was taken.
    pub ended_ns: u64,
    /// Counters of the lock as a whole.
    pub global: GlobalReport,
    /// Every thread ever registered, in registration order (the main thread first).
    pub threads: Vec<ThreadReport>,
    /// Python-level locks, one entry per kind and creation site, most waited-for first.
    pub locks: Vec<LockReport>,
    /// What happened when, if tracing was on (`--timeline`, `--trace`).
    pub trace: Option<Trace>,
    /// Reports sent back by child processes, in the order they ended.
    pub children: Vec<Report>,
}

/// Counters of the interpreter lock as a whole (all zero by default).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GlobalReport {
    /// Acquisitions by every thread.
    pub acquisitions: u64,
    /// Acquisitions by another thread than the one that released last.
    pub switches: u64,
    /// Switches that followed a release the holder was asked for (the switch interval
    /// or a `timed` drop request), rather than a blocking call or a thread's end.
    pub forced_switches: u64,
    /// Acquisitions by the same thread that released last.
    pub reacquisitions: u64,
    /// Release → next holder running, for switches.
    pub handoff_latency: Latency,
    /// The longest time any thread held the lock in one go.
    pub longest_hold_s: f64,
    /// The longest time any thread waited for it in one go.
    pub longest_wait_s: f64,
}

/// A latency distribution. Quantiles are upper bounds of power-of-two buckets, so
/// they are exact to within a factor of two; `max_s` is exact. No samples by default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Number of samples.
    pub count: u64,
    /// Median.
    pub p50_s: f64,
    /// 90th percentile.
    pub p90_s: f64,
    /// 99th percentile.
    pub p99_s: f64,
    /// Largest sample.
    pub max_s: f64,
}

/// One thread's counters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadReport {
    /// `threading.get_ident()` of the thread.
    pub ident: u64,
    /// Its name (`Thread.name`).
    pub name: String,
    /// False once it has finished.
    pub alive: bool,
    /// When it was registered (or `Report::started_ns`, if later).
    pub started_ns: u64,
    /// When it finished; None while alive.
    pub ended_ns: Option<u64>,
    /// Bytecode instructions executed.
    pub instructions: u64,
    /// Times it acquired the interpreter lock.
    pub acquisitions: u64,
    /// Time holding the lock (running bytecode).
    pub held_s: f64,
    /// Time waiting to acquire it.
    pub waiting_s: f64,
    /// Time blocked with the lock released (sleep, I/O, lock waits, ...).
    pub blocked_s: f64,
    /// `blocked_s` split by reason; every reason is present.
    pub blocked_by: BTreeMap<BlockReason, f64>,
    /// Its longest hold of the lock.
    pub longest_hold_s: f64,
    /// Its longest wait for the lock.
    pub longest_wait_s: f64,
}

/// One Python-level lock, or several made by the same line of code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockReport {
    /// What the lock is: `threading.Lock`, `threading.Condition`, `queue.Queue`,
    /// `multiprocessing.Lock`, ... (for locks a library makes, the library's class).
    pub kind: String,
    /// Where it was created: `file:line` of the program's own code that made it.
    pub site: String,
    /// Lock objects created there.
    pub objects: u64,
    /// Acquisitions of them.
    pub acquisitions: u64,
    /// Acquisitions that had to wait (at most `acquisitions`).
    pub contended: u64,
    /// Total time threads waited for them.
    pub wait_s: f64,
    /// The longest single wait.
    pub longest_wait_s: f64,
    /// The longest single hold, measured from the lock's first contention on (an
    /// uncontended lock is never timed, which keeps `with lock:` cheap).
    pub longest_hold_s: f64,
    /// The threads that waited, most waiting first.
    pub waiters: Vec<LockWaiter>,
}

/// One thread's waits for one lock entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockWaiter {
    /// Index of the thread in `Report::threads`.
    pub thread: usize,
    /// Number of waits.
    pub waits: u64,
    /// Their total time.
    pub wait_s: f64,
}

/// The recorded timeline of one process.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// Each thread's states over time, in start order; a thread's spans never overlap,
    /// and running spans of different threads never overlap.
    pub spans: Vec<Span>,
    /// Waits for Python-level locks, in start order.
    pub lock_waits: Vec<LockWait>,
    /// Events not recorded because the trace buffer was full.
    pub dropped: u64,
}

/// What a thread was doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanState {
    /// Holding the interpreter lock, running bytecode.
    Running,
    /// Waiting to acquire the interpreter lock.
    Waiting,
    /// Blocked with the lock released (see `Span::reason`).
    Blocked,
}

/// One period of one state of one thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// Index of the thread in `Report::threads`.
    pub thread: usize,
    /// The state.
    pub state: SpanState,
    /// Why it was blocked (only for `Blocked`).
    pub reason: Option<BlockReason>,
    /// Start, monotonic nanoseconds.
    pub start_ns: u64,
    /// End, monotonic nanoseconds (at least `start_ns`).
    pub end_ns: u64,
    /// Instructions executed during the span (0 unless `Running`).
    pub instructions: u64,
}

/// One wait for a Python-level lock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockWait {
    /// Index of the waiting thread in `Report::threads`.
    pub thread: usize,
    /// Index of the lock in `Report::locks`.
    pub lock: usize,
    /// When the wait began.
    pub start_ns: u64,
    /// When the lock was acquired (or the wait gave up).
    pub end_ns: u64,
}
