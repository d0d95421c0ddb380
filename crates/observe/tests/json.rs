//! Checks the `--stats-json` report against its published contract: the output of
//! `json::render` must validate against `docs/stats.schema.json`, parse back into the
//! same report, and stay plain JSON; the schema must be strict enough to reject
//! documents a reader could trip on; and the schema and `docs/stats-json.md` must
//! name the same fields.

use gilded_gil::report::{
    BlockReason, GlobalReport, Latency, LockReport, LockWait, LockWaiter, Report, Span, SpanState,
    ThreadReport, Trace, REPORT_VERSION,
};
use gilded_observe::json;
use serde_json::Value;
use std::collections::BTreeMap;

const SCHEMA: &str = include_str!("../../../docs/stats.schema.json");
const DOC: &str = include_str!("../../../docs/stats-json.md");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("docs/stats.schema.json is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// Every validation error, one a line, for failure messages.
fn errors(instance: &Value) -> Vec<String> {
    validator()
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid(instance: &Value) {
    let errors = errors(instance);
    assert!(
        errors.is_empty(),
        "schema rejected the document:\n{}",
        errors.join("\n")
    );
}

fn assert_invalid(instance: &Value, what: &str) {
    assert!(
        !validator().is_valid(instance),
        "schema accepted a document with {what}"
    );
}

fn blocked_by(pairs: &[(BlockReason, f64)]) -> BTreeMap<BlockReason, f64> {
    let mut map: BTreeMap<BlockReason, f64> = BlockReason::ALL.iter().map(|r| (*r, 0.0)).collect();
    for (reason, s) in pairs {
        map.insert(*reason, *s);
    }
    map
}

fn thread(
    ident: u64,
    name: &str,
    start: u64,
    end: Option<u64>,
    held: f64,
    waiting: f64,
    blocked: &[(BlockReason, f64)],
) -> ThreadReport {
    ThreadReport {
        ident,
        name: name.to_string(),
        alive: end.is_none(),
        started_ns: start,
        ended_ns: end,
        instructions: (held * 1e7) as u64,
        acquisitions: 12,
        held_s: held,
        waiting_s: waiting,
        blocked_s: blocked.iter().map(|(_, s)| s).sum(),
        blocked_by: blocked_by(blocked),
        longest_hold_s: held / 4.0,
        longest_wait_s: waiting / 3.0,
    }
}

fn span(
    thread: usize,
    state: SpanState,
    reason: Option<BlockReason>,
    start_ns: u64,
    end_ns: u64,
) -> Span {
    Span {
        thread,
        state,
        reason,
        start_ns,
        end_ns,
        instructions: if state == SpanState::Running {
            (end_ns - start_ns) / 100
        } else {
            0
        },
    }
}

/// A realistic report: a main thread and two workers contending for a lock, a queue,
/// a trace of their spans and lock waits, and one child process with its own trace.
fn sample() -> Report {
    use BlockReason::*;
    use SpanState::*;
    const T0: u64 = 1_000_000_000_000;
    const MS: u64 = 1_000_000;
    let child = Report {
        version: REPORT_VERSION,
        pid: 4243,
        policy: "greedy".into(),
        switch_interval: 0,
        switch_seconds: 0.005,
        started_ns: T0 + 10 * MS,
        ended_ns: T0 + 20 * MS,
        global: GlobalReport {
            acquisitions: 2,
            switches: 0,
            forced_switches: 0,
            reacquisitions: 1,
            handoff_latency: Latency {
                count: 0,
                p50_s: 0.0,
                p90_s: 0.0,
                p99_s: 0.0,
                max_s: 0.0,
            },
            longest_hold_s: 0.006,
            longest_wait_s: 0.0,
        },
        threads: vec![thread(
            140_001,
            "MainThread",
            T0 + 10 * MS,
            None,
            0.008,
            0.0,
            &[(Io, 0.002)],
        )],
        locks: vec![],
        trace: Some(Trace {
            spans: vec![
                span(0, Running, None, T0 + 10 * MS, T0 + 16 * MS),
                span(0, Blocked, Some(Io), T0 + 16 * MS, T0 + 18 * MS),
                span(0, Running, None, T0 + 18 * MS, T0 + 20 * MS),
            ],
            lock_waits: vec![],
            dropped: 0,
        }),
        children: vec![],
    };
    Report {
        version: REPORT_VERSION,
        pid: 4242,
        policy: "fair".into(),
        switch_interval: 100,
        switch_seconds: 0.005,
        started_ns: T0,
        ended_ns: T0 + 30 * MS,
        global: GlobalReport {
            acquisitions: 30,
            switches: 9,
            forced_switches: 4,
            reacquisitions: 21,
            handoff_latency: Latency {
                count: 9,
                p50_s: 0.000_016,
                p90_s: 0.000_064,
                p99_s: 0.000_128,
                max_s: 0.000_101,
            },
            longest_hold_s: 0.005,
            longest_wait_s: 0.004,
        },
        threads: vec![
            thread(
                139_000,
                "MainThread",
                T0,
                None,
                0.012,
                0.001,
                &[(Join, 0.015), (Process, 0.002)],
            ),
            thread(
                139_100,
                "worker-1",
                T0 + MS,
                Some(T0 + 25 * MS),
                0.008,
                0.006,
                &[(Lock, 0.004), (Sleep, 0.003)],
            ),
            thread(
                139_200,
                "worker-2",
                T0 + MS,
                Some(T0 + 26 * MS),
                0.007,
                0.007,
                &[(Lock, 0.005), (Queue, 0.001)],
            ),
        ],
        locks: vec![
            LockReport {
                kind: "threading.Lock".into(),
                site: "prog.py:5".into(),
                objects: 1,
                acquisitions: 40,
                contended: 7,
                wait_s: 0.009,
                longest_wait_s: 0.003,
                longest_hold_s: 0.002,
                waiters: vec![
                    LockWaiter {
                        thread: 2,
                        waits: 4,
                        wait_s: 0.005,
                    },
                    LockWaiter {
                        thread: 1,
                        waits: 3,
                        wait_s: 0.004,
                    },
                ],
            },
            LockReport {
                kind: "queue.Queue".into(),
                site: "prog.py:9".into(),
                objects: 2,
                acquisitions: 10,
                contended: 0,
                wait_s: 0.0,
                longest_wait_s: 0.0,
                longest_hold_s: 0.0,
                waiters: vec![],
            },
        ],
        trace: Some(Trace {
            spans: vec![
                span(0, Running, None, T0, T0 + 2 * MS),
                span(1, Waiting, None, T0 + MS, T0 + 2 * MS),
                span(0, Blocked, Some(Join), T0 + 2 * MS, T0 + 27 * MS),
                span(1, Running, None, T0 + 2 * MS, T0 + 5 * MS),
                span(2, Waiting, None, T0 + 2 * MS, T0 + 5 * MS),
                span(1, Blocked, Some(Lock), T0 + 5 * MS, T0 + 9 * MS),
                span(2, Running, None, T0 + 5 * MS, T0 + 9 * MS),
                span(1, Running, None, T0 + 9 * MS, T0 + 12 * MS),
                span(2, Blocked, Some(Sleep), T0 + 9 * MS, T0 + 12 * MS),
                span(0, Running, None, T0 + 27 * MS, T0 + 30 * MS),
            ],
            lock_waits: vec![LockWait {
                thread: 1,
                lock: 0,
                start_ns: T0 + 5 * MS - 1_500,
                end_ns: T0 + 9 * MS + 2_500,
            }],
            dropped: 3,
        }),
        children: vec![child],
    }
}

fn rendered(report: &Report) -> Value {
    serde_json::from_str(&json::render(report)).expect("render() writes JSON")
}

#[test]
fn the_schema_is_a_valid_2020_12_schema() {
    if let Err(e) = jsonschema::meta::validate(&schema()) {
        panic!("docs/stats.schema.json is not a valid schema: {e}");
    }
    assert_eq!(
        schema()["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn a_full_report_validates() {
    assert_valid(&rendered(&sample()));
}

#[test]
fn a_report_without_trace_or_children_validates() {
    let mut report = sample();
    report.trace = None;
    report.children.clear();
    let value = rendered(&report);
    assert_eq!(
        value["trace"],
        Value::Null,
        "an untraced report says so with null"
    );
    assert_eq!(value["children"], serde_json::json!([]));
    assert_valid(&value);
}

#[test]
fn render_round_trips_and_ends_with_a_newline() {
    let report = sample();
    let text = json::render(&report);
    assert!(
        text.ends_with("}\n"),
        "one trailing newline after the object"
    );
    assert!(
        text.starts_with("{\n  \"version\": 1,\n  \"pid\": 4242,"),
        "fields in report.rs order"
    );
    let back: Report = serde_json::from_str(&text).expect("the file parses back as a Report");
    assert_eq!(back, report);
}

#[test]
fn to_value_is_the_same_document_as_render() {
    let report = sample();
    assert_eq!(json::to_value(&report), rendered(&report));
}

#[test]
fn the_value_uses_readable_names_and_includes_the_trace() {
    let value = json::to_value(&sample());
    assert_eq!(value["version"], 1);
    assert_eq!(value["threads"][0]["blocked_by"]["join"], 0.015);
    assert_eq!(value["threads"][0]["ended_ns"], Value::Null);
    assert_eq!(value["threads"][1]["ended_ns"], 1_000_025_000_000u64);
    assert_eq!(value["trace"]["spans"][2]["state"], "blocked");
    assert_eq!(value["trace"]["spans"][2]["reason"], "join");
    assert_eq!(value["trace"]["spans"][0]["reason"], Value::Null);
    assert_eq!(value["trace"]["dropped"], 3);
    assert_eq!(
        value["children"][0]["trace"]["spans"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(value["locks"][0]["contended"], 7);
}

#[test]
fn non_finite_and_negative_durations_become_numbers() {
    let mut report = sample();
    report.switch_seconds = f64::NAN;
    report.global.longest_hold_s = f64::INFINITY;
    report.global.handoff_latency.p99_s = f64::NEG_INFINITY;
    report.threads[1].held_s = -0.5;
    report.threads[2]
        .blocked_by
        .insert(BlockReason::Other, f64::NAN);
    report.locks[0].waiters[0].wait_s = f64::INFINITY;
    report.children[0].threads[0].waiting_s = f64::NAN;
    let value = rendered(&report);
    assert_valid(&value);
    assert_eq!(value["switch_seconds"], 0.0);
    assert_eq!(value["global"]["longest_hold_s"], f64::MAX);
    assert_eq!(value["global"]["handoff_latency"]["p99_s"], 0.0);
    assert_eq!(value["threads"][1]["held_s"], 0.0);
    assert_eq!(value["threads"][2]["blocked_by"]["other"], 0.0);
    assert_eq!(value["locks"][0]["waiters"][0]["wait_s"], f64::MAX);
    assert_eq!(value["children"][0]["threads"][0]["waiting_s"], 0.0);
    // What is written stays readable as a report.
    serde_json::from_str::<Report>(&json::render(&report)).expect("parses back");
}

#[test]
fn every_block_reason_is_written_even_if_missing_from_the_map() {
    let mut report = sample();
    report.threads[0].blocked_by = BTreeMap::from([(BlockReason::Join, 0.015)]);
    let value = rendered(&report);
    assert_valid(&value);
    let by = value["threads"][0]["blocked_by"].as_object().unwrap();
    let names: Vec<&str> = by.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = BlockReason::ALL.iter().map(|r| r.name()).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(by["join"], 0.015);
    assert_eq!(by["sleep"], 0.0);
}

/// Applies `edit` to a valid rendered report and expects the schema to reject it.
fn rejects(what: &str, edit: impl FnOnce(&mut Value)) {
    let mut value = rendered(&sample());
    assert_valid(&value);
    edit(&mut value);
    assert_invalid(&value, what);
}

fn remove(value: &mut Value, key: &str) {
    value
        .as_object_mut()
        .unwrap()
        .remove(key)
        .expect("the key was there");
}

#[test]
fn the_schema_rejects_missing_fields() {
    rejects("no global.switches", |v| {
        remove(&mut v["global"], "switches")
    });
    rejects("no trace key at all", |v| remove(v, "trace"));
    rejects("no children key", |v| remove(v, "children"));
    rejects("no thread ended_ns", |v| {
        remove(&mut v["threads"][0], "ended_ns")
    });
    rejects("a missing block reason", |v| {
        remove(&mut v["threads"][1]["blocked_by"], "queue")
    });
    rejects("no span instructions", |v| {
        remove(&mut v["trace"]["spans"][0], "instructions")
    });
    rejects("no lock wait end", |v| {
        remove(&mut v["trace"]["lock_waits"][0], "end_ns")
    });
    rejects("no latency p90", |v| {
        remove(&mut v["global"]["handoff_latency"], "p90_s")
    });
    rejects("a child without locks", |v| {
        remove(&mut v["children"][0], "locks")
    });
}

#[test]
fn the_schema_rejects_wrong_enum_values() {
    rejects("policy random", |v| v["policy"] = "random".into());
    rejects("span state sleeping", |v| {
        v["trace"]["spans"][0]["state"] = "sleeping".into()
    });
    rejects("block reason nap", |v| {
        v["trace"]["spans"][2]["reason"] = "nap".into()
    });
    rejects("policy in capitals", |v| {
        v["children"][0]["policy"] = "Greedy".into()
    });
    rejects("version 2", |v| v["version"] = 2.into());
}

#[test]
fn the_schema_rejects_extra_fields() {
    rejects("a top-level extra", |v| v["extra"] = 1.into());
    rejects("an extra thread field", |v| {
        v["threads"][2]["cpu"] = 0.1.into()
    });
    rejects("an extra lock field", |v| {
        v["locks"][1]["owner"] = Value::Null
    });
    rejects("an extra trace field", |v| {
        v["trace"]["events"] = serde_json::json!([])
    });
    rejects("an unknown block reason key", |v| {
        v["threads"][0]["blocked_by"]["gc"] = 0.0.into()
    });
    rejects("an extra field in a child's span", |v| {
        v["children"][0]["trace"]["spans"][1]["cpu"] = 0.into()
    });
}

#[test]
fn the_schema_rejects_negative_or_wrongly_typed_values() {
    rejects("negative contended", |v| {
        v["locks"][0]["contended"] = (-1).into()
    });
    rejects("negative wait", |v| v["locks"][0]["wait_s"] = (-0.5).into());
    rejects("a fractional count", |v| {
        v["global"]["switches"] = 1.5.into()
    });
    rejects("a null duration", |v| {
        v["threads"][0]["held_s"] = Value::Null
    });
    rejects("a string pid", |v| v["pid"] = "4242".into());
    rejects("a negative span start in a child", |v| {
        v["children"][0]["trace"]["spans"][0]["start_ns"] = (-5).into()
    });
    rejects("a negative thread index", |v| {
        v["locks"][0]["waiters"][0]["thread"] = (-1).into()
    });
}

#[test]
fn the_schema_rejects_inconsistent_states() {
    rejects("a blocked span with no reason", |v| {
        v["trace"]["spans"][2]["reason"] = Value::Null
    });
    rejects("a running span with a reason", |v| {
        v["trace"]["spans"][0]["reason"] = "io".into()
    });
    rejects("instructions while waiting", |v| {
        v["trace"]["spans"][1]["instructions"] = 5.into()
    });
    rejects("an alive thread with an end", |v| {
        v["threads"][0]["ended_ns"] = 5.into()
    });
    rejects("a finished thread without an end", |v| {
        v["threads"][1]["ended_ns"] = Value::Null
    });
}

/// Every object in the schema: its properties are all required (a reader never has
/// to test for a key) and extra ones are forbidden.
#[test]
fn every_schema_object_is_closed_and_fully_required() {
    fn visit(path: &str, node: &Value, objects: &mut usize) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    if map.get("type") == Some(&Value::from("object")) {
                        *objects += 1;
                        assert_eq!(
                            map.get("additionalProperties"),
                            Some(&Value::Bool(false)),
                            "{path} is open"
                        );
                        let mut required: Vec<&str> = map["required"]
                            .as_array()
                            .unwrap_or_else(|| panic!("{path} has no required list"))
                            .iter()
                            .map(|k| k.as_str().unwrap())
                            .collect();
                        let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
                        required.sort();
                        keys.sort();
                        assert_eq!(required, keys, "{path}: required differs from properties");
                    }
                }
                for (k, v) in map {
                    visit(&format!("{path}/{k}"), v, objects);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    visit(&format!("{path}/{i}"), v, objects);
                }
            }
            _ => {}
        }
    }
    let mut objects = 0;
    visit("#", &schema(), &mut objects);
    // report, global, latency, thread, blocked_by, lock, waiter, trace, span, lock_wait
    assert_eq!(objects, 10);
}

/// The human documentation names every field the schema has, so the two cannot
/// drift apart silently.
#[test]
fn the_documentation_names_every_field() {
    fn fields(node: &Value, out: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| fields(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| fields(v, out)),
            _ => {}
        }
    }
    let mut names = Vec::new();
    fields(&schema(), &mut names);
    names.sort();
    names.dedup();
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !DOC.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/stats-json.md does not mention {missing:?}"
    );
}
