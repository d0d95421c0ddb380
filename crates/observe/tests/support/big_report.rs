//! A large synthetic report, shared by `tests/big_report.rs` (which checks the writers'
//! output on it) and `examples/render_big.rs` (which times them): 200,000 spans and
//! 50,000 lock waits, over a main process with 4 threads and one child with 2.
//! Names and sites hold characters JSON must escape.

use gilded_gil::report::{
    BlockReason, GlobalReport, Latency, LockReport, LockWait, Report, Span, SpanState,
    ThreadReport, Trace, REPORT_VERSION,
};

/// What the writers should produce from [`big_report`], per process, in walk order.
#[allow(dead_code)]
pub struct Expected {
    /// Threads of each process.
    pub threads: Vec<usize>,
    /// Spans drawn (thread in range), by process.
    pub spans: Vec<usize>,
    /// Spans left out (thread out of range), by process.
    pub bad_spans: Vec<usize>,
    /// GIL switch instants, by process.
    pub switches: Vec<usize>,
    /// Lock waits drawn, by process.
    pub waits: Vec<usize>,
    /// Lock waits left out (lock out of range), by process.
    pub bad_waits: Vec<usize>,
    /// Threads with a lock-wait track, by process.
    pub wait_tracks: Vec<usize>,
    /// `trace.dropped`, by process.
    pub dropped: Vec<u64>,
}

#[allow(dead_code)]
impl Expected {
    /// Every span in the tree, drawn or not.
    pub fn total_spans(&self) -> usize {
        self.spans.iter().sum::<usize>() + self.bad_spans.iter().sum::<usize>()
    }

    /// Every lock wait in the tree, drawn or not.
    pub fn total_waits(&self) -> usize {
        self.waits.iter().sum::<usize>() + self.bad_waits.iter().sum::<usize>()
    }
}

const T0: u64 = 7_000_000_000;

fn thread(index: usize, name: &str) -> ThreadReport {
    ThreadReport {
        ident: 140_000_000_000 + index as u64,
        name: name.to_string(),
        alive: index != 0,
        started_ns: T0,
        ended_ns: if index == 0 { Some(T0 + 1) } else { None },
        instructions: 12_345 * index as u64,
        acquisitions: 1_000 + index as u64,
        held_s: 0.25 + index as f64 / 7.0,
        waiting_s: 0.125,
        blocked_s: 1.0 / 3.0,
        blocked_by: BlockReason::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| (*r, i as f64 * 0.001_5))
            .collect(),
        longest_hold_s: 0.005,
        longest_wait_s: 0.000_123_456_789,
    }
}

fn lock(kind: &str, site: &str) -> LockReport {
    LockReport {
        kind: kind.into(),
        site: site.into(),
        objects: 2,
        acquisitions: 50_000,
        contended: 10_000,
        wait_s: 0.75,
        longest_wait_s: 0.001,
        longest_hold_s: 0.002,
        waiters: vec![],
    }
}

/// One process: `steps` steps of 2 spans each (the running thread changes every 3
/// steps), `waits` lock waits spread over them, then `bad_spans` spans and
/// `bad_waits` waits naming a thread or lock that does not exist.
#[allow(clippy::too_many_arguments)]
fn process(
    pid: u32,
    names: &[&str],
    steps: usize,
    waits: usize,
    bad_spans: usize,
    bad_waits: usize,
    dropped: u64,
    children: Vec<Report>,
) -> Report {
    let n = names.len();
    let mut spans = Vec::with_capacity(2 * steps + bad_spans);
    let mut lock_waits = Vec::with_capacity(waits + bad_waits);
    let mut t = T0 + 1_000;
    let mut next_wait = 0;
    for k in 0..steps {
        let runner = (k / 3) % n;
        let other = (runner + 1) % n;
        // Durations with sub-microsecond parts, so ts and dur are fractional.
        let d = 1_000 + (k as u64 * 37) % 9_001;
        spans.push(Span {
            thread: runner,
            state: SpanState::Running,
            reason: None,
            start_ns: t,
            end_ns: t + d,
            instructions: d / 10,
        });
        let (state, reason) = match k % 3 {
            0 => (SpanState::Waiting, None),
            1 => (SpanState::Blocked, Some(BlockReason::ALL[k % 7])),
            _ => (SpanState::Blocked, None),
        };
        spans.push(Span {
            thread: other,
            state,
            reason,
            start_ns: t,
            end_ns: t + d,
            instructions: 0,
        });
        while next_wait < waits && next_wait * steps / waits == k {
            lock_waits.push(LockWait {
                thread: (runner + 2) % n,
                lock: next_wait % 3,
                start_ns: t,
                end_ns: t + 2 * d + 1,
            });
            next_wait += 1;
        }
        t += d;
    }
    for i in 0..bad_spans {
        spans.push(Span {
            thread: n + i,
            state: SpanState::Waiting,
            reason: None,
            start_ns: t,
            end_ns: t + 10,
            instructions: 0,
        });
    }
    for i in 0..bad_waits {
        lock_waits.push(LockWait {
            thread: 0,
            lock: 3 + i,
            start_ns: t,
            end_ns: t + 10,
        });
    }
    Report {
        version: REPORT_VERSION,
        pid,
        policy: "fair".into(),
        switch_interval: 100,
        switch_seconds: 0.005,
        started_ns: T0,
        ended_ns: t + 5_000,
        global: GlobalReport {
            acquisitions: steps as u64,
            switches: (steps as u64 - 1) / 3,
            forced_switches: 17,
            reacquisitions: 3,
            handoff_latency: Latency {
                count: steps as u64,
                p50_s: 0.000_004,
                p90_s: 0.000_016,
                p99_s: 0.000_064,
                max_s: 0.001_234_567,
            },
            longest_hold_s: 0.009,
            longest_wait_s: 0.018,
        },
        threads: names
            .iter()
            .enumerate()
            .map(|(i, name)| thread(i, name))
            .collect(),
        locks: vec![
            lock("threading.Lock", "prog.py:5"),
            lock("threading.Condition", "C:\\work\\prog \"v2\".py:17"),
            lock("queue.Queue", "naïve/😀.py:3"),
        ],
        trace: Some(Trace {
            spans,
            lock_waits,
            dropped,
        }),
        children,
    }
}

/// The big report and what its renderings should contain.
#[allow(dead_code)]
pub fn big_report() -> (Report, Expected) {
    // Main: 4 threads, 79,996 steps (159,992 spans) + 8 bad spans, 39,996 waits + 4
    // bad; child: 2 threads, 20,000 steps (40,000 spans), 10,000 waits.
    let child = process(
        4_242,
        &["MainThread", "tab\there"],
        20_000,
        10_000,
        0,
        0,
        123,
        vec![],
    );
    let main = process(
        4_241,
        &["MainThread", "worker \"α\"", "back\\slash", "new\nline"],
        79_996,
        39_996,
        8,
        4,
        0,
        vec![child],
    );
    let expected = Expected {
        threads: vec![4, 2],
        spans: vec![159_992, 40_000],
        bad_spans: vec![8, 0],
        switches: vec![(79_996 - 1) / 3, (20_000 - 1) / 3],
        waits: vec![39_996, 10_000],
        bad_waits: vec![4, 0],
        wait_tracks: vec![4, 2],
        dropped: vec![0, 123],
    };
    (main, expected)
}
