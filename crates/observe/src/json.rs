//! The `--stats-json FILE` report and the value behind `gil.stats()`: a [`Report`] as
//! JSON, with the shape serde's derive gives it, so the field names in
//! `gilded_gil::report` are the schema. The layout is documented in
//! `docs/stats-json.md` and checked by `docs/stats.schema.json`; both promise a few
//! things serde alone does not, which this module enforces: every `_s` field is a
//! finite number at least 0 (never `null`), `blocked_by` names every reason, and the trace is included when tracing
//! was on (`"trace": null` otherwise).

use gilded_gil::report::{
    BlockReason, GlobalReport, Latency, LockReport, LockWaiter, Report, ThreadReport, Trace,
};
use serde::Serialize;
use serde_json::Value;

/// The report as a JSON value made only of objects, arrays, numbers, strings, bools
/// and null, ready to become a Python dict.
///
/// Durations that are not finite or are negative (which a sound report never has)
/// are written as numbers anyway: NaN and negative values as `0`, `+inf` as the
/// largest finite double. Left alone, serde_json would turn them into `null`, and a
/// reader that was promised a number would break on a field it cannot test for.
pub fn to_value(report: &Report) -> Value {
    // Serializing plain structs, strings, integers and finite floats into a Value
    // cannot fail: the only map (`blocked_by`) has string keys.
    serde_json::to_value(sanitized(report)).expect("a report always serializes to JSON")
}

/// The report as pretty-printed JSON with a trailing newline: the content of the
/// `--stats-json` file; the same document as [`to_value`]. Parses back into an equal [`Report`] whenever every duration
/// in it was already finite and non-negative.
pub fn render(report: &Report) -> String {
    // Straight from the structs rather than through a `Value`, whose maps sort their
    // keys: the file lists fields in the documented order, `version` first. Into a
    // buffer sized for the trace up front, which is nearly all of a traced report.
    let mut text = Vec::with_capacity(estimated_len(report));
    serde_json::to_writer_pretty(&mut text, &sanitized(report))
        .expect("a report always serializes");
    text.push(b'\n');
    // serde_json writes only UTF-8.
    String::from_utf8(text).expect("serde_json writes UTF-8")
}

/// A guess at the pretty-printed size: a span takes about 200 bytes, a lock wait
/// about 130, and the rest of a report a few kilobytes.
fn estimated_len(report: &Report) -> usize {
    let own = 4096
        + 1024 * (report.threads.len() + report.locks.len())
        + report.trace.as_ref().map_or(0, |trace| {
            200 * trace.spans.len() + 130 * trace.lock_waits.len()
        });
    report
        .children
        .iter()
        .map(estimated_len)
        .fold(own, usize::saturating_add)
}

/// A duration as the schema promises it: finite and at least 0.
fn seconds(value: f64) -> f64 {
    if value.is_nan() || value < 0.0 {
        0.0
    } else if value.is_infinite() {
        f64::MAX
    } else {
        value
    }
}

/// A [`Report`] as it is written: the same fields, in the same order and with the
/// same names (so serde gives it the same shape), but with every float made
/// [`seconds`]-safe, and the trace borrowed rather than copied (spans and lock waits
/// hold only integers and enums, so there is nothing in it to clean, and on a long
/// run it is nearly all of the report).
#[derive(Serialize)]
struct Sanitized<'a> {
    version: u32,
    pid: u32,
    policy: &'a str,
    switch_interval: u64,
    switch_seconds: f64,
    started_ns: u64,
    ended_ns: u64,
    global: GlobalReport,
    threads: Vec<ThreadReport>,
    locks: Vec<LockReport>,
    trace: Option<&'a Trace>,
    children: Vec<Sanitized<'a>>,
}

/// The report with every float made [`seconds`]-safe. Copying (all but the trace)
/// keeps the caller's report untouched and lets serde produce the shape; the
/// destructuring patterns below stop compiling when a field is added, so a new float
/// cannot be forgotten here.
fn sanitized(report: &Report) -> Sanitized<'_> {
    let Report {
        version,
        pid,
        policy,
        switch_interval,
        switch_seconds,
        started_ns,
        ended_ns,
        global,
        threads,
        locks,
        trace,
        children,
    } = report;
    Sanitized {
        version: *version,
        pid: *pid,
        policy,
        switch_interval: *switch_interval,
        switch_seconds: seconds(*switch_seconds),
        started_ns: *started_ns,
        ended_ns: *ended_ns,
        global: sanitized_global(global),
        threads: threads.iter().map(sanitized_thread).collect(),
        locks: locks.iter().map(sanitized_lock).collect(),
        trace: trace.as_ref(),
        children: children.iter().map(sanitized).collect(),
    }
}

fn sanitized_global(global: &GlobalReport) -> GlobalReport {
    let GlobalReport {
        acquisitions,
        switches,
        forced_switches,
        reacquisitions,
        handoff_latency,
        longest_hold_s,
        longest_wait_s,
    } = global;
    let Latency {
        count,
        p50_s,
        p90_s,
        p99_s,
        max_s,
    } = handoff_latency;
    GlobalReport {
        acquisitions: *acquisitions,
        switches: *switches,
        forced_switches: *forced_switches,
        reacquisitions: *reacquisitions,
        handoff_latency: Latency {
            count: *count,
            p50_s: seconds(*p50_s),
            p90_s: seconds(*p90_s),
            p99_s: seconds(*p99_s),
            max_s: seconds(*max_s),
        },
        longest_hold_s: seconds(*longest_hold_s),
        longest_wait_s: seconds(*longest_wait_s),
    }
}

fn sanitized_thread(thread: &ThreadReport) -> ThreadReport {
    let ThreadReport {
        ident,
        name,
        alive,
        started_ns,
        ended_ns,
        instructions,
        acquisitions,
        held_s,
        waiting_s,
        blocked_s,
        blocked_by,
        longest_hold_s,
        longest_wait_s,
    } = thread;
    ThreadReport {
        ident: *ident,
        name: name.clone(),
        alive: *alive,
        started_ns: *started_ns,
        ended_ns: *ended_ns,
        instructions: *instructions,
        acquisitions: *acquisitions,
        held_s: seconds(*held_s),
        waiting_s: seconds(*waiting_s),
        blocked_s: seconds(*blocked_s),
        // The schema requires every reason, so a report built without some still
        // validates; a reason the lock never saw is 0 seconds.
        blocked_by: BlockReason::ALL
            .iter()
            .map(|reason| {
                (
                    *reason,
                    seconds(blocked_by.get(reason).copied().unwrap_or(0.0)),
                )
            })
            .collect(),
        longest_hold_s: seconds(*longest_hold_s),
        longest_wait_s: seconds(*longest_wait_s),
    }
}

fn sanitized_lock(lock: &LockReport) -> LockReport {
    let LockReport {
        kind,
        site,
        objects,
        acquisitions,
        contended,
        wait_s,
        longest_wait_s,
        longest_hold_s,
        waiters,
    } = lock;
    LockReport {
        kind: kind.clone(),
        site: site.clone(),
        objects: *objects,
        acquisitions: *acquisitions,
        contended: *contended,
        wait_s: seconds(*wait_s),
        longest_wait_s: seconds(*longest_wait_s),
        longest_hold_s: seconds(*longest_hold_s),
        waiters: waiters
            .iter()
            .map(
                |LockWaiter {
                     thread,
                     waits,
                     wait_s,
                 }| LockWaiter {
                    thread: *thread,
                    waits: *waits,
                    wait_s: seconds(*wait_s),
                },
            )
            .collect(),
    }
}
