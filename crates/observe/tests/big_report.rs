//! Both file writers on a large report (200,000 spans and 50,000 lock waits over a
//! main process with 4 threads and one child; see `support/big_report.rs`): each
//! output is valid JSON holding every event once. Timings are for
//! `examples/render_big.rs`, not for a test.

mod support;

use gilded_observe::{chrome_trace, json};
use serde_json::Value;
use support::big_report::big_report;

fn count(events: &[Value], pid: u64, keep: impl Fn(&Value) -> bool) -> usize {
    events.iter().filter(|e| e["pid"] == pid && keep(e)).count()
}

#[test]
fn the_chrome_trace_of_a_big_report_holds_every_event() {
    let (report, expected) = big_report();
    assert_eq!(expected.total_spans(), 200_000);
    assert_eq!(expected.total_waits(), 50_000);
    let text = chrome_trace::render(&report);
    assert!(text.ends_with("}\n"));
    let doc: Value = serde_json::from_str(&text).expect("the trace is JSON");
    let events = doc["traceEvents"].as_array().expect("traceEvents");
    // One event a line.
    assert_eq!(
        text.lines().count(),
        events.len() + 2,
        "one line per event, plus the opening and closing lines"
    );
    let pids = [u64::from(report.pid), u64::from(report.children[0].pid)];
    let mut total = 0;
    for (p, &pid) in pids.iter().enumerate() {
        let metadata = count(events, pid, |e| e["ph"] == "M");
        let spans = count(events, pid, |e| e["ph"] == "X" && e["cat"] == "gil");
        let waits = count(events, pid, |e| e["ph"] == "X" && e["cat"] == "lock");
        let switches = count(events, pid, |e| e["name"] == "GIL switch");
        let dropped = count(events, pid, |e| e["ph"] == "i" && e["s"] == "p");
        assert_eq!(
            metadata,
            2 + 2 * expected.threads[p] + 2 * expected.wait_tracks[p],
            "metadata of pid {pid}"
        );
        assert_eq!(spans, expected.spans[p], "spans of pid {pid}");
        assert_eq!(waits, expected.waits[p], "lock waits of pid {pid}");
        assert_eq!(switches, expected.switches[p], "switches of pid {pid}");
        assert_eq!(dropped, usize::from(expected.dropped[p] > 0));
        total += metadata + spans + waits + switches + dropped;
    }
    assert_eq!(events.len(), total, "no other events");
    let skipped =
        expected.bad_spans.iter().sum::<usize>() + expected.bad_waits.iter().sum::<usize>();
    assert_eq!(doc["otherData"]["skipped_events"], skipped as u64);
    // Names that need escaping come back as they were.
    let threads: Vec<&str> = events
        .iter()
        .filter(|e| e["pid"] == pids[0] && e["name"] == "thread_name")
        .map(|e| e["args"]["name"].as_str().unwrap())
        .collect();
    for thread in &report.threads {
        assert!(threads.contains(&thread.name.as_str()), "{:?}", thread.name);
    }
    let sites: Vec<&str> = events
        .iter()
        .filter(|e| e["cat"] == "lock")
        .map(|e| e["args"]["site"].as_str().unwrap())
        .take(3)
        .collect();
    let wanted: Vec<&str> = report.locks.iter().map(|l| l.site.as_str()).collect();
    assert_eq!(sites, wanted);
}

#[test]
fn the_stats_json_of_a_big_report_holds_the_whole_trace() {
    let (report, expected) = big_report();
    let text = json::render(&report);
    assert!(text.ends_with("}\n"));
    let doc: Value = serde_json::from_str(&text).expect("the report is JSON");
    let processes = [&doc, &doc["children"][0]];
    for (p, process) in processes.iter().enumerate() {
        let trace = &process["trace"];
        assert_eq!(
            trace["spans"].as_array().unwrap().len(),
            expected.spans[p] + expected.bad_spans[p]
        );
        assert_eq!(
            trace["lock_waits"].as_array().unwrap().len(),
            expected.waits[p] + expected.bad_waits[p]
        );
        assert_eq!(trace["dropped"], expected.dropped[p]);
    }
    // Every duration here is finite and non-negative, so it reads back unchanged.
    let back: gilded_gil::report::Report = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
    assert_eq!(json::to_value(&report), doc);
}
