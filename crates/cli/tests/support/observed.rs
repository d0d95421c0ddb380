//! Checks of what `--stats-json` and `--trace` write, shared by the harnesses that run
//! programs with them: the report must validate against `docs/stats.schema.json` and
//! keep the invariants `docs/stats-json.md` promises; the trace must be Chrome Trace
//! Event JSON with a track per thread. Each check returns the problems found (empty
//! when all is well), so a harness can report all of them at once.

use serde_json::Value;

/// How far a thread's held + waiting + blocked time may fall short of, or exceed, its
/// lifetime: the gaps are the moments between registering and asking for the lock,
/// and clock reads a few instructions apart.
fn lifetime_tolerance_s(lifetime_s: f64) -> f64 {
    0.002 + 0.02 * lifetime_s
}

/// The problems of a `--stats-json` file's text.
pub fn stats_problems(text: &str) -> Vec<String> {
    let report: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("stats JSON does not parse: {e}")],
    };
    let mut problems = schema_problems(&report);
    if problems.is_empty() {
        report_problems(&report, "report", &mut problems);
    }
    problems
}

fn schema_problems(report: &Value) -> Vec<String> {
    let path = super::repo_path(&["docs", "stats.schema.json"]);
    let schema: Value = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(s) => s,
        Err(e) => return vec![format!("cannot read {}: {e}", path.display())],
    };
    let validator = match jsonschema::validator_for(&schema) {
        Ok(v) => v,
        Err(e) => return vec![format!("the schema itself is invalid: {e}")],
    };
    validator
        .iter_errors(report)
        .take(10)
        .map(|e| format!("schema: {e} at {}", e.instance_path()))
        .collect()
}

/// The invariants of one report (and, recursively, its children's).
fn report_problems(report: &Value, at: &str, problems: &mut Vec<String>) {
    let threads = report["threads"].as_array().cloned().unwrap_or_default();
    let ended = report["ended_ns"].as_u64().unwrap_or(0);
    let spans = report["trace"]["spans"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let traced = !report["trace"].is_null() && report["trace"]["dropped"].as_u64() == Some(0);
    for (i, t) in threads.iter().enumerate() {
        let name = t["name"].as_str().unwrap_or("?");
        let start = t["started_ns"].as_u64().unwrap_or(0);
        let end = t["ended_ns"].as_u64().unwrap_or(ended);
        let lifetime = end.saturating_sub(start) as f64 / 1e9;
        let accounted = ["held_s", "waiting_s", "blocked_s"]
            .iter()
            .map(|k| t[k].as_f64().unwrap_or(0.0))
            .sum::<f64>();
        if (lifetime - accounted).abs() > lifetime_tolerance_s(lifetime) {
            problems.push(format!(
                "{at}: thread {name}: held + waiting + blocked = {accounted:.4} s, lifetime {lifetime:.4} s"
            ));
        }
        let by_reason: f64 = t["blocked_by"]
            .as_object()
            .map(|m| m.values().filter_map(Value::as_f64).sum())
            .unwrap_or(0.0);
        if (by_reason - t["blocked_s"].as_f64().unwrap_or(0.0)).abs() > 1e-6 {
            problems.push(format!(
                "{at}: thread {name}: blocked_by does not sum to blocked_s"
            ));
        }
        if traced {
            let counted: u64 = spans
                .iter()
                .filter(|s| s["thread"].as_u64() == Some(i as u64))
                .filter_map(|s| s["instructions"].as_u64())
                .sum();
            let instructions = t["instructions"].as_u64().unwrap_or(0);
            if counted != instructions {
                problems.push(format!(
                    "{at}: thread {name}: its running spans count {counted} instructions, the thread {instructions}"
                ));
            }
        }
    }
    span_problems(&spans, at, problems);
    for lock in report["locks"].as_array().into_iter().flatten() {
        let (acquisitions, contended) = (lock["acquisitions"].as_u64(), lock["contended"].as_u64());
        if contended > acquisitions {
            problems.push(format!(
                "{at}: lock {lock}: more contended acquisitions than acquisitions"
            ));
        }
    }
    for (k, child) in report["children"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        report_problems(child, &format!("{at}.children[{k}]"), problems);
    }
}

/// Within one process only one thread runs at a time, and a thread's spans follow one
/// another without overlapping.
fn span_problems(spans: &[Value], at: &str, problems: &mut Vec<String>) {
    let interval = |s: &Value| {
        (
            s["start_ns"].as_u64().unwrap_or(0),
            s["end_ns"].as_u64().unwrap_or(0),
        )
    };
    let mut running: Vec<(u64, u64, u64)> = spans
        .iter()
        .filter(|s| s["state"] == "running")
        .map(|s| {
            (
                interval(s).0,
                interval(s).1,
                s["thread"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    running.sort();
    for pair in running.windows(2) {
        if pair[1].0 < pair[0].1 {
            problems.push(format!(
                "{at}: threads {} and {} both ran between {} and {} ns",
                pair[0].2, pair[1].2, pair[1].0, pair[0].1
            ));
            break;
        }
    }
    let mut by_thread: std::collections::BTreeMap<u64, Vec<(u64, u64)>> = Default::default();
    for s in spans {
        by_thread
            .entry(s["thread"].as_u64().unwrap_or(0))
            .or_default()
            .push(interval(s));
    }
    for (thread, mut intervals) in by_thread {
        intervals.sort();
        if intervals.windows(2).any(|p| p[1].0 < p[0].1) {
            problems.push(format!("{at}: thread {thread} has overlapping spans"));
        }
    }
}

/// The problems of a `--trace` file's text, given the report of the same run.
pub fn trace_problems(text: &str, stats_text: &str) -> Vec<String> {
    let trace: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("trace JSON does not parse: {e}")],
    };
    let stats: Value = serde_json::from_str(stats_text).unwrap_or(Value::Null);
    let Some(events) = trace["traceEvents"].as_array() else {
        return vec!["trace has no traceEvents array".to_string()];
    };
    let mut problems = Vec::new();
    let named = |kind: &str| {
        events
            .iter()
            .filter(|e| e["ph"] == "M" && e["name"] == kind)
            .count()
    };
    let (processes, threads) = count_reports(&stats);
    if named("process_name") != processes {
        problems.push(format!(
            "trace names {} processes, the report has {processes}",
            named("process_name")
        ));
    }
    if named("thread_name") < threads {
        problems.push(format!(
            "trace names {} threads, the report has {threads}",
            named("thread_name")
        ));
    }
    let spans = count_spans(&stats);
    let gil_spans = events
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] == "gil")
        .count();
    if gil_spans != spans {
        problems.push(format!(
            "trace has {gil_spans} GIL spans, the report {spans}"
        ));
    }
    if events
        .iter()
        .any(|e| e["ph"] == "X" && e["dur"].as_f64().is_none_or(|d| d < 0.0))
    {
        problems.push("a trace span has no or a negative duration".to_string());
    }
    problems
}

/// Processes and threads in a report tree.
fn count_reports(report: &Value) -> (usize, usize) {
    let mut counts = (1, report["threads"].as_array().map_or(0, Vec::len));
    for child in report["children"].as_array().into_iter().flatten() {
        let (p, t) = count_reports(child);
        counts = (counts.0 + p, counts.1 + t);
    }
    counts
}

/// Spans in a report tree.
fn count_spans(report: &Value) -> usize {
    report["trace"]["spans"].as_array().map_or(0, Vec::len)
        + report["children"]
            .as_array()
            .into_iter()
            .flatten()
            .map(count_spans)
            .sum::<usize>()
}
