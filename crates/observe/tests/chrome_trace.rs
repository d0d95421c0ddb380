//! Checks the `--trace` output as a trace viewer would read it: valid JSON in the
//! Chrome Trace Event Format, one named track per process and thread, every span
//! drawn once with a sane duration, GIL switches marked exactly where the lock
//! changed hands, and bad data (indices out of range, spans ending before they
//! start) skipped or clamped rather than panicking.

use gilded_gil::report::{
    BlockReason, GlobalReport, LockReport, LockWait, Report, Span, SpanState, ThreadReport, Trace,
    REPORT_VERSION,
};
use gilded_observe::chrome_trace;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Root start; spans below are given in microseconds after it.
const T0: u64 = 5_000_000_000;

fn at(us: u64) -> u64 {
    T0 + us * 1000
}

fn thread(name: &str) -> ThreadReport {
    ThreadReport {
        ident: 7000 + name.len() as u64,
        name: name.to_string(),
        alive: true,
        started_ns: T0,
        ended_ns: None,
        instructions: 0,
        acquisitions: 0,
        held_s: 0.0,
        waiting_s: 0.0,
        blocked_s: 0.0,
        blocked_by: BlockReason::ALL.iter().map(|r| (*r, 0.0)).collect(),
        longest_hold_s: 0.0,
        longest_wait_s: 0.0,
    }
}

fn run(thread: usize, from_us: u64, to_us: u64) -> Span {
    Span {
        thread,
        state: SpanState::Running,
        reason: None,
        start_ns: at(from_us),
        end_ns: at(to_us),
        instructions: to_us - from_us,
    }
}

fn wait(thread: usize, from_us: u64, to_us: u64) -> Span {
    Span {
        thread,
        state: SpanState::Waiting,
        reason: None,
        start_ns: at(from_us),
        end_ns: at(to_us),
        instructions: 0,
    }
}

fn block(thread: usize, reason: BlockReason, from_us: u64, to_us: u64) -> Span {
    Span {
        thread,
        state: SpanState::Blocked,
        reason: Some(reason),
        start_ns: at(from_us),
        end_ns: at(to_us),
        instructions: 0,
    }
}

fn report(pid: u32, threads: &[&str], trace: Option<Trace>, children: Vec<Report>) -> Report {
    Report {
        version: REPORT_VERSION,
        pid,
        policy: "fair".into(),
        switch_interval: 100,
        switch_seconds: 0.005,
        started_ns: T0,
        ended_ns: at(60),
        global: GlobalReport::default(),
        threads: threads.iter().map(|n| thread(n)).collect(),
        locks: vec![LockReport {
            kind: "threading.Lock".into(),
            site: "prog.py:5".into(),
            objects: 1,
            acquisitions: 3,
            contended: 1,
            wait_s: 0.000_036,
            longest_wait_s: 0.000_036,
            longest_hold_s: 0.000_030,
            waiters: vec![],
        }],
        trace,
        children,
    }
}

/// Main process 100 with three threads handing the lock around (switches at 10 µs,
/// 20 µs and 40 µs; 30 µs is the same thread again), a lock wait by worker-2; a
/// traced child 101 (one switch, at 18 µs) and an untraced child 102.
fn sample() -> Report {
    let main = Trace {
        spans: vec![
            run(0, 0, 10),
            wait(1, 2, 10),
            block(2, BlockReason::Lock, 3, 40),
            run(1, 10, 20),
            wait(0, 10, 20),
            run(0, 20, 28),
            block(0, BlockReason::Sleep, 28, 30),
            run(0, 30, 35),
            block(1, BlockReason::Io, 20, 50),
            block(0, BlockReason::Join, 35, 52),
            run(2, 40, 50),
            run(0, 52, 60),
        ],
        lock_waits: vec![LockWait {
            thread: 2,
            lock: 0,
            start_ns: at(2),
            end_ns: at(41),
        }],
        dropped: 0,
    };
    let child = Trace {
        spans: vec![
            run(0, 12, 18),
            wait(1, 13, 18),
            run(1, 18, 22),
            block(0, BlockReason::Queue, 18, 22),
        ],
        lock_waits: vec![],
        dropped: 0,
    };
    report(
        100,
        &["MainThread", "worker-1", "worker-2"],
        Some(main),
        vec![
            report(101, &["MainThread", "consumer"], Some(child), vec![]),
            report(102, &["MainThread"], None, vec![]),
        ],
    )
}

fn parse(report: &Report) -> Value {
    let text = chrome_trace::render(report);
    assert!(text.ends_with("}\n"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn events(doc: &Value) -> &Vec<Value> {
    doc["traceEvents"]
        .as_array()
        .expect("traceEvents is an array")
}

fn with<'a>(doc: &'a Value, ph: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    events(doc).iter().filter(move |e| e["ph"] == ph)
}

fn metadata<'a>(doc: &'a Value, name: &'a str) -> Vec<&'a Value> {
    with(doc, "M").filter(|e| e["name"] == name).collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

#[test]
fn the_file_is_a_trace_event_object() {
    let doc = parse(&sample());
    assert_eq!(doc["displayTimeUnit"], "ms");
    assert!(doc["otherData"].is_object());
    assert_eq!(doc["otherData"]["time_base_ns"], T0);
    for e in events(&doc) {
        for key in ["name", "ph", "pid", "tid"] {
            assert!(!e[key].is_null(), "event without {key}: {e}");
        }
        if e["ph"] != "M" {
            assert!(f(&e["ts"]) >= 0.0, "negative ts: {e}");
        }
    }
}

#[test]
fn one_process_name_per_report() {
    let doc = parse(&sample());
    let names: BTreeMap<u64, String> = metadata(&doc, "process_name")
        .iter()
        .map(|e| {
            (
                e["pid"].as_u64().unwrap(),
                e["args"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(metadata(&doc, "process_name").len(), 3);
    assert_eq!(names[&100], "gilded pid 100 (main)");
    assert_eq!(names[&101], "gilded pid 101 (child of 100)");
    assert_eq!(names[&102], "gilded pid 102 (child of 100)");
    let order: Vec<u64> = metadata(&doc, "process_sort_index")
        .iter()
        .map(|e| e["args"]["sort_index"].as_u64().unwrap())
        .collect();
    assert_eq!(order, [0, 1, 2]);
}

#[test]
fn one_thread_name_per_thread_plus_lock_wait_tracks() {
    let doc = parse(&sample());
    let names: BTreeSet<(u64, u64, String)> = metadata(&doc, "thread_name")
        .iter()
        .map(|e| {
            (
                e["pid"].as_u64().unwrap(),
                e["tid"].as_u64().unwrap(),
                e["args"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(u64, u64, String)> = [
        (100, 1, "MainThread"),
        (100, 2, "worker-1"),
        (100, 3, "worker-2"),
        // worker-2's lock waits: after the three thread tracks.
        (100, 6, "worker-2: lock waits"),
        (101, 1, "MainThread"),
        (101, 2, "consumer"),
        (102, 1, "MainThread"),
    ]
    .into_iter()
    .map(|(p, t, n)| (p, t, n.to_string()))
    .collect();
    assert_eq!(names, expected);
    assert_eq!(
        metadata(&doc, "thread_name").len(),
        expected.len(),
        "no track named twice"
    );
    // Registration order, each lock-wait track right after its thread.
    let sort: BTreeMap<(u64, u64), u64> = metadata(&doc, "thread_sort_index")
        .iter()
        .map(|e| {
            (
                (e["pid"].as_u64().unwrap(), e["tid"].as_u64().unwrap()),
                e["args"]["sort_index"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(sort[&(100, 1)] < sort[&(100, 2)] && sort[&(100, 2)] < sort[&(100, 3)]);
    assert!(sort[&(100, 3)] < sort[&(100, 6)]);
}

#[test]
fn every_span_is_one_complete_event() {
    let report = sample();
    let doc = parse(&report);
    let spans: Vec<&Value> = with(&doc, "X").filter(|e| e["cat"] == "gil").collect();
    let input = report.trace.as_ref().unwrap().spans.len()
        + report.children[0].trace.as_ref().unwrap().spans.len();
    assert_eq!(spans.len(), input);
    for e in with(&doc, "X") {
        assert!(f(&e["dur"]) >= 0.0, "negative dur: {e}");
    }
    let first = spans
        .iter()
        .find(|e| e["pid"] == 100 && e["ts"] == 0.0)
        .unwrap();
    assert_eq!(first["name"], "running");
    assert_eq!(first["tid"], 1);
    assert_eq!(f(&first["dur"]), 10.0);
    assert_eq!(first["args"]["instructions"], 10);
    let names: BTreeSet<&str> = spans.iter().map(|e| e["name"].as_str().unwrap()).collect();
    let expected: BTreeSet<&str> = [
        "running",
        "waiting for GIL",
        "blocked: lock",
        "blocked: sleep",
        "blocked: io",
        "blocked: join",
        "blocked: queue",
    ]
    .into();
    assert_eq!(names, expected);
    let sleep = spans
        .iter()
        .find(|e| e["name"] == "blocked: sleep")
        .unwrap();
    assert_eq!(sleep["args"]["reason"], "sleep");
    assert_eq!((f(&sleep["ts"]), f(&sleep["dur"])), (28.0, 2.0));
}

#[test]
fn running_spans_never_overlap_within_a_process() {
    let doc = parse(&sample());
    let mut by_pid: BTreeMap<u64, Vec<(f64, f64)>> = BTreeMap::new();
    for e in with(&doc, "X").filter(|e| e["name"] == "running") {
        by_pid
            .entry(e["pid"].as_u64().unwrap())
            .or_default()
            .push((f(&e["ts"]), f(&e["ts"]) + f(&e["dur"])));
    }
    assert_eq!(by_pid.len(), 2, "the main process and the traced child");
    for (pid, mut spans) in by_pid {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in spans.windows(2) {
            assert!(
                pair[0].1 <= pair[1].0 + 1e-9,
                "pid {pid}: {:?} overlaps {:?}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn switch_instants_mark_where_the_lock_changed_hands() {
    let doc = parse(&sample());
    let switches: Vec<(u64, u64, f64, String, String)> = with(&doc, "i")
        .filter(|e| e["name"] == "GIL switch")
        .map(|e| {
            assert_eq!(e["s"], "t");
            assert_eq!(e["cat"], "gil");
            (
                e["pid"].as_u64().unwrap(),
                e["tid"].as_u64().unwrap(),
                f(&e["ts"]),
                e["args"]["from"].as_str().unwrap().to_string(),
                e["args"]["to"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |p, t, ts, from: &str, to: &str| (p, t, ts, from.to_string(), to.to_string());
    assert_eq!(
        switches,
        [
            s(100, 2, 10.0, "MainThread", "worker-1"),
            s(100, 1, 20.0, "worker-1", "MainThread"),
            s(100, 3, 40.0, "MainThread", "worker-2"),
            s(100, 1, 52.0, "worker-2", "MainThread"),
            s(101, 2, 18.0, "MainThread", "consumer"),
        ]
    );
}

#[test]
fn lock_waits_are_spans_on_the_waiters_companion_track() {
    let doc = parse(&sample());
    let waits: Vec<&Value> = with(&doc, "X").filter(|e| e["cat"] == "lock").collect();
    assert_eq!(waits.len(), 1);
    let w = waits[0];
    assert_eq!(w["name"], "wait for threading.Lock (prog.py:5)");
    assert_eq!((w["pid"].as_u64(), w["tid"].as_u64()), (Some(100), Some(6)));
    assert_eq!((f(&w["ts"]), f(&w["dur"])), (2.0, 39.0));
    assert_eq!(w["args"]["site"], "prog.py:5");
    assert_eq!(w["args"]["lock"], 0);
}

#[test]
fn an_untraced_report_is_a_valid_file_of_metadata() {
    let mut root = sample();
    root.trace = None;
    root.children.clear();
    let doc = parse(&root);
    assert!(
        events(&doc).iter().all(|e| e["ph"] == "M"),
        "only metadata without a trace"
    );
    assert_eq!(metadata(&doc, "process_name").len(), 1);
    assert_eq!(metadata(&doc, "thread_name").len(), 3);
    assert_eq!(doc["otherData"]["processes"][0]["traced"], false);
}

#[test]
fn dropped_events_are_marked_on_the_process() {
    let mut root = sample();
    root.trace.as_mut().unwrap().dropped = 17;
    let doc = parse(&root);
    let marks: Vec<&Value> = with(&doc, "i").filter(|e| e["s"] == "p").collect();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0]["args"]["dropped"], 17);
    assert_eq!(f(&marks[0]["ts"]), 60.0);
    assert_eq!(doc["otherData"]["processes"][0]["dropped"], 17);
}

#[test]
fn bad_data_is_skipped_or_clamped_without_panicking() {
    let mut root = sample();
    let trace = root.trace.as_mut().unwrap();
    trace.spans.push(run(9, 61, 62)); // no thread 9
    trace.spans.push(Span {
        end_ns: at(63),
        ..run(1, 64, 65)
    }); // ends before it starts
    trace.lock_waits.push(LockWait {
        thread: 0,
        lock: 5,
        start_ns: at(1),
        end_ns: at(2),
    }); // no lock 5
    trace.lock_waits.push(LockWait {
        thread: 8,
        lock: 0,
        start_ns: at(1),
        end_ns: at(2),
    }); // no thread 8
    trace.lock_waits.push(LockWait {
        thread: 1,
        lock: 0,
        start_ns: at(9),
        end_ns: at(3),
    }); // backwards
        // A child that (wrongly) started before its parent, reusing the parent's pid.
    let mut early = report(
        100,
        &["MainThread"],
        Some(Trace {
            spans: vec![run(0, 0, 1)],
            lock_waits: vec![],
            dropped: 0,
        }),
        vec![],
    );
    early.started_ns = T0 - 4000;
    early.trace.as_mut().unwrap().spans[0].start_ns = T0 - 4000;
    root.children.push(early);
    // And a process with no threads at all but spans that name some.
    root.children.push(report(
        300,
        &[],
        Some(Trace {
            spans: vec![run(0, 1, 2)],
            lock_waits: vec![],
            dropped: 0,
        }),
        vec![],
    ));

    let doc = parse(&root);
    assert_eq!(
        doc["otherData"]["skipped_events"], 4,
        "thread 9, lock 5, thread 8, and the threadless span"
    );
    assert_eq!(
        doc["otherData"]["time_base_ns"],
        T0 - 4000,
        "the earliest time is the base"
    );
    for e in events(&doc).iter().filter(|e| e["ph"] != "M") {
        assert!(f(&e["ts"]) >= 0.0, "negative ts: {e}");
    }
    for e in with(&doc, "X") {
        assert!(f(&e["dur"]) >= 0.0, "negative dur: {e}");
    }
    let backwards = with(&doc, "X")
        .find(|e| e["pid"] == 100 && e["ts"] == 68.0)
        .expect("the backwards span is drawn");
    assert_eq!(f(&backwards["dur"]), 0.0);
    // Five processes, five distinct tracks, though two share pid 100.
    let pids: BTreeSet<u64> = metadata(&doc, "process_name")
        .iter()
        .map(|e| e["pid"].as_u64().unwrap())
        .collect();
    assert_eq!(pids.len(), 5);
    let names: Vec<&str> = metadata(&doc, "process_name")
        .iter()
        .map(|e| e["args"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("gilded pid 100 "))
            .count(),
        2
    );
}
