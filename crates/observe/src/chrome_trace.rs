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

use gilded_gil::report::{BlockReason, Report, Span, SpanState, Trace};
use serde::Serialize;
use std::collections::BTreeSet;

/// The report (and its children's) as a Chrome Trace Event Format JSON object:
/// `{"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}`, one event a
/// line, with a trailing newline.
///
/// `ts` is in microseconds from the root report's `started_ns` (or from the earliest
/// time in the tree, if a child or span somehow starts before it, so that no `ts` is
/// negative). Without a trace the file holds only the track metadata; it is still a
/// valid trace that opens, showing named, empty tracks.
///
/// Each event is serialized straight from a small borrowed struct into one buffer
/// (no `serde_json::Value` per event: on a big trace those allocations cost more than
/// everything else). Struct fields are declared in alphabetical order, the order the
/// keys had when events were built as `Value` maps, so the file is unchanged.
pub fn render(report: &Report) -> String {
    let mut out = Output {
        text: Vec::with_capacity(estimated_len(report)),
        events: 0,
        base_ns: earliest(report),
        skipped: 0,
    };
    out.text.extend_from_slice(b"{\"traceEvents\":[\n");
    let mut processes = Vec::new();
    let track_pids = track_pids(report);
    let mut next = 0;
    walk(report, None, &mut |r, parent| {
        let pid = track_pids[next];
        processes.push(out.process(r, pid, parent, next));
        next += 1;
    });
    if out.events > 0 {
        out.text.push(b'\n');
    }
    out.text
        .extend_from_slice(b"],\"displayTimeUnit\":\"ms\",\"otherData\":");
    let other = OtherData {
        generator: "gilded",
        processes: &processes,
        report_version: report.version,
        skipped_events: out.skipped,
        time_base_ns: out.base_ns,
    };
    write_json(&mut out.text, &other);
    out.text.extend_from_slice(b"}\n");
    // serde_json writes only UTF-8 (strings come from `&str`s, escaped by serde_json).
    String::from_utf8(out.text).expect("serde_json writes UTF-8")
}

/// A guess at the file's size, so the buffer rarely grows: events run to about 130
/// bytes, and there are at most about two per span (a span and a switch) and one per
/// lock wait.
fn estimated_len(report: &Report) -> usize {
    let mut events = 0;
    walk(report, None, &mut |r, _| {
        events += 4 + 4 * r.threads.len();
        if let Some(trace) = &r.trace {
            events += trace.spans.len() + trace.spans.len() / 4 + trace.lock_waits.len();
        }
    });
    events.saturating_mul(140).saturating_add(512)
}

/// Serializes `value` onto the end of `text`.
fn write_json(text: &mut Vec<u8>, value: &impl Serialize) {
    // Writing to a Vec cannot fail, and every value here is structs, strings and
    // numbers (no maps with non-string keys), which always serialize.
    serde_json::to_writer(text, value).expect("trace events always serialize");
}

/// `otherData`. Fields in alphabetical order (see [`render`]).
#[derive(Serialize)]
struct OtherData<'a> {
    generator: &'static str,
    processes: &'a [ProcessInfo],
    report_version: u32,
    skipped_events: u64,
    time_base_ns: u64,
}

/// One report's entry in `otherData.processes`. Fields in alphabetical order.
#[derive(Serialize)]
struct ProcessInfo {
    dropped: u64,
    parent_pid: Option<u32>,
    pid: u32,
    traced: bool,
    track_pid: u32,
}

/// One trace event. Fields in alphabetical order (see [`render`]); the optional ones
/// are left out when `None`, as each kind of event has its own set of keys.
#[derive(Serialize)]
struct Event<'a, A, T> {
    args: A,
    #[serde(skip_serializing_if = "Option::is_none")]
    cat: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dur: Option<f64>,
    name: &'a str,
    ph: &'static str,
    pid: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'static str>,
    tid: u64,
    ts: T,
}

/// A blocked span's name, `blocked: <reason>`: static, as spans are many and reasons
/// few.
fn blocked_span_name(reason: BlockReason) -> &'static str {
    match reason {
        BlockReason::Sleep => "blocked: sleep",
        BlockReason::Io => "blocked: io",
        BlockReason::Lock => "blocked: lock",
        BlockReason::Join => "blocked: join",
        BlockReason::Queue => "blocked: queue",
        BlockReason::Process => "blocked: process",
        BlockReason::Other => "blocked: other",
    }
}

/// Where a span is drawn.
struct Slice {
    pid: u32,
    tid: u64,
    ts: f64,
    dur: f64,
}

/// `args` of a span or event that has none: `{}`.
#[derive(Serialize)]
struct NoArgs {}

#[derive(Serialize)]
struct NameArgs<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct SortArgs {
    sort_index: usize,
}

#[derive(Serialize)]
struct RunningArgs {
    instructions: u64,
}

#[derive(Serialize)]
struct ReasonArgs {
    reason: &'static str,
}

#[derive(Serialize)]
struct SwitchArgs<'a> {
    from: &'a str,
    to: &'a str,
}

#[derive(Serialize)]
struct LockArgs<'a> {
    kind: &'a str,
    lock: usize,
    site: &'a str,
}

#[derive(Serialize)]
struct DroppedArgs {
    dropped: u64,
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

/// The file being written, and what converting times needs.
struct Output {
    text: Vec<u8>,
    /// Events written so far.
    events: usize,
    base_ns: u64,
    skipped: u64,
}

impl Output {
    /// Microseconds since the base; the base is the earliest time, so never negative.
    fn ts(&self, ns: u64) -> f64 {
        ns.saturating_sub(self.base_ns) as f64 / 1000.0
    }

    /// Appends one event to `traceEvents`, one a line.
    fn event(&mut self, event: &impl Serialize) {
        if self.events > 0 {
            self.text.extend_from_slice(b",\n");
        }
        self.events += 1;
        write_json(&mut self.text, event);
    }

    /// Emits one report's tracks and events; returns its `otherData.processes` entry.
    fn process(
        &mut self,
        report: &Report,
        pid: u32,
        parent: Option<u32>,
        order: usize,
    ) -> ProcessInfo {
        let role = match parent {
            None => "main".to_string(),
            Some(parent) => format!("child of {parent}"),
        };
        let name = format!("gilded pid {} ({role})", report.pid);
        self.metadata(pid, 0, "process_name", NameArgs { name: &name });
        self.metadata(pid, 0, "process_sort_index", SortArgs { sort_index: order });
        let names: Vec<String> = (0..report.threads.len())
            .map(|index| thread_name(report, index))
            .collect();
        for (index, name) in names.iter().enumerate() {
            self.metadata(pid, thread_tid(index), "thread_name", NameArgs { name });
            // Sort indices leave room for each thread's lock-wait track right after it.
            self.metadata(
                pid,
                thread_tid(index),
                "thread_sort_index",
                SortArgs {
                    sort_index: 2 * index,
                },
            );
        }
        if let Some(trace) = &report.trace {
            self.spans(report, pid, trace);
            self.switches(&names, pid, &trace.spans);
            self.lock_waits(report, &names, pid, trace);
            if trace.dropped > 0 {
                // Process-wide, at the end: the trace is incomplete from when the buffer
                // filled, which is not recorded.
                let name = format!("trace buffer full: {} events dropped", trace.dropped);
                self.event(&Event {
                    args: DroppedArgs {
                        dropped: trace.dropped,
                    },
                    cat: Some("gil"),
                    dur: None,
                    name: &name,
                    ph: "i",
                    pid,
                    s: Some("p"),
                    tid: 0,
                    ts: self.ts(report.ended_ns),
                });
            }
        }
        ProcessInfo {
            dropped: report.trace.as_ref().map_or(0, |t| t.dropped),
            parent_pid: parent,
            pid: report.pid,
            traced: report.trace.is_some(),
            track_pid: pid,
        }
    }

    /// A metadata event; its `ts` is the integer 0.
    fn metadata(&mut self, pid: u32, tid: u64, name: &str, args: impl Serialize) {
        self.event(&Event {
            args,
            cat: None,
            dur: None,
            name,
            ph: "M",
            pid,
            s: None,
            tid,
            ts: 0u64,
        });
    }

    fn spans(&mut self, report: &Report, pid: u32, trace: &Trace) {
        for span in &trace.spans {
            if span.thread >= report.threads.len() {
                self.skipped += 1;
                continue;
            }
            let slice = Slice {
                pid,
                tid: thread_tid(span.thread),
                ts: self.ts(span.start_ns),
                dur: duration_us(span.start_ns, span.end_ns),
            };
            match span.state {
                SpanState::Running => self.slice(
                    slice,
                    "running",
                    RunningArgs {
                        instructions: span.instructions,
                    },
                ),
                SpanState::Waiting => self.slice(slice, "waiting for GIL", NoArgs {}),
                SpanState::Blocked => match span.reason {
                    Some(reason) => self.slice(
                        slice,
                        blocked_span_name(reason),
                        ReasonArgs {
                            reason: reason.name(),
                        },
                    ),
                    None => self.slice(slice, "blocked", NoArgs {}),
                },
            }
        }
    }

    /// A span's complete (`"X"`) event on a thread's track.
    fn slice(&mut self, at: Slice, name: &str, args: impl Serialize) {
        self.event(&Event {
            args,
            cat: Some("gil"),
            dur: Some(at.dur),
            name,
            ph: "X",
            pid: at.pid,
            s: None,
            tid: at.tid,
            ts: at.ts,
        });
    }

    /// An instant on the new holder's track wherever the lock passed from one thread
    /// to another: the start of a running span whose previous running span (in time,
    /// within this process) belonged to another thread.
    fn switches(&mut self, names: &[String], pid: u32, spans: &[Span]) {
        let mut running: Vec<&Span> = spans
            .iter()
            .filter(|s| s.state == SpanState::Running && s.thread < names.len())
            .collect();
        // Recorded in start order already; sorting (stably) keeps a reordered or merged
        // trace from inventing switches.
        running.sort_by_key(|s| s.start_ns);
        let mut previous: Option<usize> = None;
        for span in running {
            if let Some(from) = previous.filter(|&p| p != span.thread) {
                self.event(&Event {
                    args: SwitchArgs {
                        from: &names[from],
                        to: &names[span.thread],
                    },
                    cat: Some("gil"),
                    dur: None,
                    name: "GIL switch",
                    ph: "i",
                    pid,
                    s: Some("t"),
                    tid: thread_tid(span.thread),
                    ts: self.ts(span.start_ns),
                });
            }
            previous = Some(span.thread);
        }
    }

    /// Lock waits go on a companion track per thread, not on the thread's own track:
    /// a wait starts before the thread releases the GIL and ends after it is woken, so
    /// it overlaps the thread's spans without nesting inside one, and trace viewers
    /// drop or misdraw slices on one track that overlap without nesting. A thread's
    /// own waits never overlap each other (it waits for one lock at a time).
    fn lock_waits(&mut self, report: &Report, names: &[String], pid: u32, trace: &Trace) {
        let threads = report.threads.len();
        // One event name per lock, made once rather than per wait.
        let lock_names: Vec<String> = report
            .locks
            .iter()
            .map(|lock| format!("wait for {} ({})", lock.kind, lock.site))
            .collect();
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
                let name = format!("{}: lock waits", names[wait.thread]);
                self.metadata(pid, tid, "thread_name", NameArgs { name: &name });
                self.metadata(
                    pid,
                    tid,
                    "thread_sort_index",
                    SortArgs {
                        sort_index: 2 * wait.thread + 1,
                    },
                );
            }
            self.event(&Event {
                args: LockArgs {
                    kind: &lock.kind,
                    lock: wait.lock,
                    site: &lock.site,
                },
                cat: Some("lock"),
                dur: Some(duration_us(wait.start_ns, wait.end_ns)),
                name: &lock_names[wait.lock],
                ph: "X",
                pid,
                s: None,
                tid,
                ts: self.ts(wait.start_ns),
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_span_names_follow_the_reason_names() {
        for reason in BlockReason::ALL {
            assert_eq!(
                blocked_span_name(reason),
                format!("blocked: {}", reason.name())
            );
        }
    }
}
