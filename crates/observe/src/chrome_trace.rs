//! The `--trace FILE` output: a report's timeline in the Chrome Trace Event Format
//! (the JSON object form), which Perfetto and `chrome://tracing` open as they are.
//! It shows what the `--timeline` picture shows, zoomable: one process track per
//! report (children included, on the same clock), one thread track per thread with
//! its running / waiting / blocked spans, an instant at every GIL switch, and each
//! wait for a Python-level lock on a companion track beside the waiting thread. The
//! layout is documented in `docs/stats-json.md` (section "Chrome trace").
//!
//! The report comes from another process as often as not, so nothing in it is
//! trusted: an event naming a thread or lock that is not in the report is left out
//! (and counted in `otherData.skipped_events`), and a span that ends before it starts
//! is drawn with no duration.

use gilded_gil::report::{Report, Span, SpanState, Trace};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The report (and its children's) as a Chrome Trace Event Format JSON object:
/// `{"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}`, one event a
/// line, with a trailing newline.
///
/// `ts` is in microseconds from the root report's `started_ns` (or from the earliest
/// time in the tree, if a child or span somehow starts before it, so that no `ts` is
/// negative). Without a trace the file holds only the track metadata; it is still a
/// valid trace that opens, showing named, empty tracks.
pub fn render(report: &Report) -> String {
    let mut out = Output {
        events: Vec::new(),
        base_ns: earliest(report),
        skipped: 0,
    };
    let mut processes = Vec::new();
    let track_pids = track_pids(report);
    let mut next = 0;
    walk(report, None, &mut |r, parent| {
        let pid = track_pids[next];
        processes.push(out.process(r, pid, parent, next));
        next += 1;
    });

    let mut text = String::from("{\"traceEvents\":[\n");
    for (i, event) in out.events.iter().enumerate() {
        let sep = if i + 1 < out.events.len() {
            ",\n"
        } else {
            "\n"
        };
        // Writing to a String cannot fail.
        let _ = write!(text, "{event}{sep}");
    }
    let other = json!({
        "generator": "gilded",
        "report_version": report.version,
        "time_base_ns": out.base_ns,
        "processes": processes,
        "skipped_events": out.skipped,
    });
    let _ = writeln!(text, "],\"displayTimeUnit\":\"ms\",\"otherData\":{other}}}");
    text
}

/// Visits the report tree depth first, parents before children, passing each
/// report's parent pid: the order processes are numbered and sorted in.
fn walk<'a>(
    report: &'a Report,
    parent: Option<u32>,
    visit: &mut impl FnMut(&'a Report, Option<u32>),
) {
    visit(report, parent);
    for child in &report.children {
        walk(child, Some(report.pid), visit);
    }
}

/// The `pid` each report's track gets, in [`walk`] order. A report's own pid, unless
/// an earlier report already used it (pids are reused after a child exits, and two
/// reports sharing a track would interleave their threads): then a number no report
/// uses. The real pid stays in the process name.
fn track_pids(root: &Report) -> Vec<u32> {
    let mut all = BTreeSet::new();
    walk(root, None, &mut |r, _| {
        all.insert(r.pid);
    });
    let mut spare = all.last().copied().unwrap_or(0);
    let mut used = BTreeSet::new();
    let mut pids = Vec::new();
    walk(root, None, &mut |r, _| {
        let pid = if used.contains(&r.pid) {
            loop {
                spare = spare.wrapping_add(1);
                if !all.contains(&spare) && !used.contains(&spare) {
                    break spare;
                }
            }
        } else {
            r.pid
        };
        used.insert(pid);
        pids.push(pid);
    });
    pids
}

/// The earliest time anything in the tree is drawn at.
fn earliest(report: &Report) -> u64 {
    let mut min = report.started_ns;
    if let Some(trace) = &report.trace {
        let spans = trace.spans.iter().map(|s| s.start_ns);
        let waits = trace.lock_waits.iter().map(|w| w.start_ns);
        min = spans.chain(waits).fold(min, u64::min);
    }
    report.children.iter().map(earliest).fold(min, u64::min)
}

/// The events being built, and what converting times needs.
struct Output {
    events: Vec<Value>,
    base_ns: u64,
    skipped: u64,
}

impl Output {
    /// Microseconds since the base; the base is the earliest time, so never negative.
    fn ts(&self, ns: u64) -> f64 {
        ns.saturating_sub(self.base_ns) as f64 / 1000.0
    }

    /// Emits one report's tracks and events; returns its `otherData.processes` entry.
    fn process(&mut self, report: &Report, pid: u32, parent: Option<u32>, order: usize) -> Value {
        let role = match parent {
            None => "main".to_string(),
            Some(parent) => format!("child of {parent}"),
        };
        self.metadata(
            pid,
            0,
            "process_name",
            json!({ "name": format!("gilded pid {} ({role})", report.pid) }),
        );
        self.metadata(pid, 0, "process_sort_index", json!({ "sort_index": order }));
        for index in 0..report.threads.len() {
            let name = thread_name(report, index);
            self.metadata(
                pid,
                thread_tid(index),
                "thread_name",
                json!({ "name": name }),
            );
            // Sort indices leave room for each thread's lock-wait track right after it.
            self.metadata(
                pid,
                thread_tid(index),
                "thread_sort_index",
                json!({ "sort_index": 2 * index }),
            );
        }
        if let Some(trace) = &report.trace {
            self.spans(report, pid, trace);
            self.switches(report, pid, &trace.spans);
            self.lock_waits(report, pid, trace);
            if trace.dropped > 0 {
                // Process-wide, at the end: the trace is incomplete from when the buffer
                // filled, which is not recorded.
                self.events.push(json!({
                    "name": format!("trace buffer full: {} events dropped", trace.dropped),
                    "cat": "gil",
                    "ph": "i",
                    "s": "p",
                    "pid": pid,
                    "tid": 0,
                    "ts": self.ts(report.ended_ns),
                    "args": { "dropped": trace.dropped },
                }));
            }
        }
        json!({
            "pid": report.pid,
            "track_pid": pid,
            "parent_pid": parent,
            "traced": report.trace.is_some(),
            "dropped": report.trace.as_ref().map_or(0, |t| t.dropped),
        })
    }

    fn metadata(&mut self, pid: u32, tid: u64, name: &str, args: Value) {
        self.events.push(
            json!({ "name": name, "ph": "M", "pid": pid, "tid": tid, "ts": 0, "args": args }),
        );
    }

    fn spans(&mut self, report: &Report, pid: u32, trace: &Trace) {
        for span in &trace.spans {
            if span.thread >= report.threads.len() {
                self.skipped += 1;
                continue;
            }
            let (name, args) = match span.state {
                SpanState::Running => (
                    "running".to_string(),
                    json!({ "instructions": span.instructions }),
                ),
                SpanState::Waiting => ("waiting for GIL".to_string(), json!({})),
                SpanState::Blocked => match span.reason {
                    Some(reason) => (
                        format!("blocked: {}", reason.name()),
                        json!({ "reason": reason.name() }),
                    ),
                    None => ("blocked".to_string(), json!({})),
                },
            };
            self.events.push(json!({
                "name": name,
                "cat": "gil",
                "ph": "X",
                "pid": pid,
                "tid": thread_tid(span.thread),
                "ts": self.ts(span.start_ns),
                "dur": duration_us(span.start_ns, span.end_ns),
                "args": args,
            }));
        }
    }

    /// An instant on the new holder's track wherever the lock passed from one thread
    /// to another: the start of a running span whose previous running span (in time,
    /// within this process) belonged to another thread.
    fn switches(&mut self, report: &Report, pid: u32, spans: &[Span]) {
        let mut running: Vec<&Span> = spans
            .iter()
            .filter(|s| s.state == SpanState::Running && s.thread < report.threads.len())
            .collect();
        // Recorded in start order already; sorting (stably) keeps a reordered or merged
        // trace from inventing switches.
        running.sort_by_key(|s| s.start_ns);
        let mut previous: Option<usize> = None;
        for span in running {
            if let Some(from) = previous.filter(|&p| p != span.thread) {
                self.events.push(json!({
                    "name": "GIL switch",
                    "cat": "gil",
                    "ph": "i",
                    "s": "t",
                    "pid": pid,
                    "tid": thread_tid(span.thread),
                    "ts": self.ts(span.start_ns),
                    "args": { "from": thread_name(report, from), "to": thread_name(report, span.thread) },
                }));
            }
            previous = Some(span.thread);
        }
    }

    /// Lock waits go on a companion track per thread, not on the thread's own track:
    /// a wait starts before the thread releases the GIL and ends after it is woken, so
    /// it overlaps the thread's spans without nesting inside one, and trace viewers
    /// drop or misdraw slices on one track that overlap without nesting. A thread's
    /// own waits never overlap each other (it waits for one lock at a time).
    fn lock_waits(&mut self, report: &Report, pid: u32, trace: &Trace) {
        let threads = report.threads.len();
        let mut tracks = BTreeSet::new();
        for wait in &trace.lock_waits {
            let Some(lock) = report
                .locks
                .get(wait.lock)
                .filter(|_| wait.thread < threads)
            else {
                self.skipped += 1;
                continue;
            };
            let tid = lock_tid(threads, wait.thread);
            if tracks.insert(wait.thread) {
                let name = format!("{}: lock waits", thread_name(report, wait.thread));
                self.metadata(pid, tid, "thread_name", json!({ "name": name }));
                self.metadata(
                    pid,
                    tid,
                    "thread_sort_index",
                    json!({ "sort_index": 2 * wait.thread + 1 }),
                );
            }
            self.events.push(json!({
                "name": format!("wait for {} ({})", lock.kind, lock.site),
                "cat": "lock",
                "ph": "X",
                "pid": pid,
                "tid": tid,
                "ts": self.ts(wait.start_ns),
                "dur": duration_us(wait.start_ns, wait.end_ns),
                "args": { "kind": lock.kind, "site": lock.site, "lock": wait.lock },
            }));
        }
    }
}

/// A thread's track id: its index + 1, so that tid 0 (used by process-wide events
/// and some viewers' defaults) is never a thread.
fn thread_tid(index: usize) -> u64 {
    index as u64 + 1
}

/// The companion track of thread `index`'s lock waits: numbered after all threads'
/// own tracks, so both kinds of id are stable and unique within the process.
fn lock_tid(threads: usize, index: usize) -> u64 {
    (threads + index) as u64 + 1
}

/// `end - start` in microseconds; 0 if the end is (wrongly) before the start.
fn duration_us(start_ns: u64, end_ns: u64) -> f64 {
    end_ns.saturating_sub(start_ns) as f64 / 1000.0
}

/// A thread's display name: its `Thread.name`, or its index if it has none.
fn thread_name(report: &Report, index: usize) -> String {
    match report.threads.get(index) {
        Some(t) if !t.name.is_empty() => t.name.clone(),
        _ => format!("thread {index}"),
    }
}
