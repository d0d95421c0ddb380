//! Tests of the `--timeline` picture on hand-built reports: snapshots of typical runs
//! at three widths (reviewed by eye; regenerate with `UPDATE_SNAPSHOTS=1`), properties
//! that must hold at every width, and broken reports that must not make it panic.

use gilded_gil::report::{
    BlockReason, GlobalReport, Report, Span, SpanState, ThreadReport, Trace, REPORT_VERSION,
};
use gilded_observe::timeline::{render, TimelineOptions, MIN_WIDTH, NO_TRACE};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// An arbitrary monotonic-clock origin: real reports never start at 0, and the
/// renderer must not assume they do.
const T0: u64 = 5_000_000_000_000;
const MS: u64 = 1_000_000;

fn span(thread: usize, state: SpanState, from_ms: f64, to_ms: f64) -> Span {
    let reason = (state == SpanState::Blocked).then_some(BlockReason::Other);
    Span {
        thread,
        state,
        reason,
        start_ns: T0 + (from_ms * MS as f64) as u64,
        end_ns: T0 + (to_ms * MS as f64) as u64,
        instructions: 0,
    }
}

fn run(thread: usize, from_ms: f64, to_ms: f64) -> Span {
    span(thread, SpanState::Running, from_ms, to_ms)
}

fn wait(thread: usize, from_ms: f64, to_ms: f64) -> Span {
    span(thread, SpanState::Waiting, from_ms, to_ms)
}

fn blocked(thread: usize, reason: BlockReason, from_ms: f64, to_ms: f64) -> Span {
    Span {
        reason: Some(reason),
        ..span(thread, SpanState::Blocked, from_ms, to_ms)
    }
}

fn thread(name: &str) -> ThreadReport {
    ThreadReport {
        ident: 1,
        name: name.to_string(),
        alive: false,
        started_ns: T0,
        ended_ns: None,
        instructions: 0,
        acquisitions: 0,
        held_s: 0.0,
        waiting_s: 0.0,
        blocked_s: 0.0,
        blocked_by: BlockReason::ALL
            .iter()
            .map(|r| (*r, 0.0))
            .collect::<BTreeMap<_, _>>(),
        longest_hold_s: 0.0,
        longest_wait_s: 0.0,
    }
}

/// A report of process `pid` that ran `duration_ms` from `T0 + start_ms`, with the
/// named threads and the given spans (the timeline reads nothing else).
fn report(pid: u32, start_ms: f64, duration_ms: f64, names: &[&str], spans: Vec<Span>) -> Report {
    let started_ns = T0 + (start_ms * MS as f64) as u64;
    Report {
        version: REPORT_VERSION,
        pid,
        policy: "fair".to_string(),
        switch_interval: 300_000,
        switch_seconds: 0.005,
        started_ns,
        ended_ns: started_ns + (duration_ms * MS as f64) as u64,
        global: GlobalReport::default(),
        threads: names.iter().map(|n| thread(n)).collect(),
        locks: Vec::new(),
        trace: Some(Trace {
            spans,
            lock_waits: Vec::new(),
            dropped: 0,
        }),
        children: Vec::new(),
    }
}

/// (a) Two CPU-bound threads taking turns with the GIL in 50 ms slices while the main
/// thread waits in `join`.
fn cpu_bound() -> Report {
    let mut spans = vec![run(0, 0.0, 2.0), blocked(0, BlockReason::Join, 2.0, 602.0)];
    spans.push(wait(1, 1.0, 2.0));
    spans.push(wait(2, 1.5, 52.0));
    for slice in 0..12 {
        let from = 2.0 + 50.0 * slice as f64;
        let (runner, waiter) = if slice % 2 == 0 { (1, 2) } else { (2, 1) };
        spans.push(run(runner, from, from + 50.0));
        if slice > 0 && slice < 11 {
            spans.push(wait(waiter, from, from + 50.0));
        }
    }
    spans.push(run(0, 602.0, 604.0));
    report(4242, 0.0, 604.0, &["MainThread", "cpu-1", "cpu-2"], spans)
}

/// (b) An I/O thread that mostly sleeps, waking every 130 ms to wait for the GIL and
/// run briefly, beside a thread that computes all the time.
fn io_beside_cpu() -> Report {
    let mut spans = vec![run(0, 0.0, 1.0), blocked(0, BlockReason::Join, 1.0, 1000.0)];
    let mut t = 1.0;
    while t + 130.0 <= 1000.0 {
        spans.push(blocked(1, BlockReason::Sleep, t, t + 100.0));
        spans.push(wait(1, t + 100.0, t + 120.0));
        spans.push(run(1, t + 120.0, t + 130.0));
        spans.push(run(2, t, t + 120.0));
        spans.push(wait(2, t + 120.0, t + 130.0));
        t += 130.0;
    }
    spans.push(run(2, t, 1000.0));
    report(7, 0.0, 1000.0, &["MainThread", "io", "cpu"], spans)
}

/// (c) A parent that starts two child processes, which compute in parallel; the second
/// starts a grandchild of its own and waits for it.
fn processes() -> Report {
    let mut parent = report(
        100,
        0.0,
        520.0,
        &["MainThread"],
        vec![
            run(0, 0.0, 10.0),
            blocked(0, BlockReason::Process, 10.0, 510.0),
            run(0, 510.0, 520.0),
        ],
    );
    let first = report(101, 12.0, 490.0, &["MainThread"], vec![run(0, 12.0, 500.0)]);
    let mut second = report(
        102,
        15.0,
        490.0,
        &["MainThread"],
        vec![
            run(0, 15.0, 100.0),
            blocked(0, BlockReason::Process, 100.0, 300.0),
            run(0, 300.0, 505.0),
        ],
    );
    let grandchild = report(
        103,
        100.0,
        200.0,
        &["MainThread"],
        vec![run(0, 100.0, 300.0)],
    );
    second.children.push(grandchild);
    parent.children.push(first);
    parent.children.push(second);
    parent
}

/// (e) A thread whose name is much longer than the label column.
fn long_name() -> Report {
    report(
        9,
        0.0,
        10.0,
        &[
            "MainThread",
            "a-thread-whose-name-is-far-too-long-for-any-label-column",
        ],
        vec![
            run(0, 0.0, 1.0),
            blocked(0, BlockReason::Join, 1.0, 10.0),
            run(1, 1.0, 10.0),
        ],
    )
}

/// (f) A run that took no time at all.
fn zero_length() -> Report {
    report(11, 0.0, 0.0, &["MainThread"], vec![run(0, 0.0, 0.0)])
}

/// Every report the properties are checked on, the broken one included.
fn all_reports() -> Vec<(&'static str, Report)> {
    vec![
        ("cpu_bound", cpu_bound()),
        ("io_beside_cpu", io_beside_cpu()),
        ("processes", processes()),
        ("long_name", long_name()),
        ("zero_length", zero_length()),
        ("broken", broken()),
    ]
}

fn plain(width: usize) -> TimelineOptions {
    TimelineOptions {
        width,
        color: false,
    }
}

fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots")
        .join(format!("{name}.txt"))
}

/// Compares `actual` with the stored snapshot `name`, or stores it when
/// `UPDATE_SNAPSHOTS=1`. On a mismatch, prints both with the differing lines marked.
fn check_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("snapshot dir")).expect("mkdir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1 to create it. Output:\n{actual}",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "snapshot {name} differs (- expected, + actual; UPDATE_SNAPSHOTS=1 to accept):\n{}",
            line_diff(&expected, actual)
        );
    }
}

/// A line-by-line diff; enough to see what moved in a picture of a few lines.
fn line_diff(expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for i in 0..expected.len().max(actual.len()) {
        match (expected.get(i), actual.get(i)) {
            (Some(e), Some(a)) if e == a => out.push_str(&format!("  {e}\n")),
            (e, a) => {
                if let Some(e) = e {
                    out.push_str(&format!("- {e}\n"));
                }
                if let Some(a) = a {
                    out.push_str(&format!("+ {a}\n"));
                }
            }
        }
    }
    out
}

#[test]
fn snapshots_at_three_widths() {
    for (name, report) in all_reports() {
        if name == "broken" {
            continue;
        }
        for width in [40, 80, 120] {
            check_snapshot(&format!("{name}_w{width}"), &render(&report, &plain(width)));
        }
    }
}

#[test]
fn snapshot_in_colour() {
    let options = TimelineOptions {
        width: 80,
        color: true,
    };
    check_snapshot("cpu_bound_w80_colour", &render(&cpu_bound(), &options));
}

#[test]
fn snapshot_without_trace() {
    let mut report = cpu_bound();
    report.trace = None;
    let text = render(&report, &plain(80));
    check_snapshot("no_trace", &text);
    assert_eq!(text, format!("{NO_TRACE}\n"));
    assert_eq!(text.lines().count(), 1);
}

/// Drops ANSI escape sequences (ESC `[` ... final letter), leaving what a terminal shows.
fn visible(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn no_line_is_wider_than_the_width() {
    for (name, report) in all_reports() {
        for width in 40..=200 {
            for color in [false, true] {
                let text = render(&report, &TimelineOptions { width, color });
                for line in text.lines() {
                    let shown = visible(line).chars().count();
                    assert!(
                        shown <= width,
                        "{name} at width {width} (colour {color}): {shown} chars in {line:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn narrow_widths_are_drawn_at_the_minimum() {
    let at_minimum = render(&cpu_bound(), &plain(MIN_WIDTH));
    for width in [0, 1, 10, 39] {
        assert_eq!(render(&cpu_bound(), &plain(width)), at_minimum);
    }
}

#[test]
fn no_escape_codes_without_colour() {
    for (name, report) in all_reports() {
        for width in 40..=200 {
            let text = render(&report, &plain(width));
            assert!(!text.contains('\x1b'), "{name} at width {width}");
        }
    }
}

#[test]
fn colour_is_reset_at_the_end_of_every_line() {
    let options = TimelineOptions {
        width: 80,
        color: true,
    };
    let text = render(&processes(), &options);
    assert!(text.contains("\x1b[32m"), "running cells are green");
    for line in text.lines() {
        assert!(line.ends_with("\x1b[0m"), "{line:?}");
    }
}

/// The rows are the lines drawn between the two bars.
fn rows(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains('│')).collect()
}

/// The cells of a row: what lies between its two bars.
fn cells(row: &str) -> Vec<char> {
    row.chars()
        .skip_while(|&c| c != '│')
        .skip(1)
        .take_while(|&c| c != '│')
        .collect()
}

fn thread_count(report: &Report) -> usize {
    report.threads.len() + report.children.iter().map(thread_count).sum::<usize>()
}

#[test]
fn one_row_per_thread_including_children() {
    for (name, report) in all_reports() {
        for width in [40, 63, 80, 200] {
            let text = render(&report, &plain(width));
            assert_eq!(
                rows(&text).len(),
                thread_count(&report),
                "{name} at {width}"
            );
        }
    }
    assert_eq!(thread_count(&processes()), 4);
}

#[test]
fn children_rows_are_labelled_with_their_pid_in_tree_order() {
    let text = render(&processes(), &plain(120));
    let labels: Vec<&str> = rows(&text)
        .iter()
        .map(|r| r.split('│').next().unwrap_or("").trim_end())
        .collect();
    assert_eq!(
        labels,
        [
            "pid 100 MainThread",
            "pid 101 MainThread",
            "pid 102 MainThread",
            "pid 103 MainThread"
        ]
    );
}

#[test]
fn child_processes_run_at_the_same_time() {
    let text = render(&processes(), &plain(80));
    let rows = rows(&text);
    let [parent, first, second, grandchild] = [0, 1, 2, 3].map(|i| cells(rows[i]));
    // 200 ms in: the first child and the grandchild compute side by side, while the
    // parent and the second child wait for their children.
    let at_200ms = first.len() * 200 / 520;
    assert_eq!(first[at_200ms], '█');
    assert_eq!(grandchild[at_200ms], '█');
    assert_eq!(second[at_200ms], '·');
    assert_eq!(parent[at_200ms], '·');
    // 400 ms in: both children run at once.
    let at_400ms = first.len() * 400 / 520;
    assert_eq!(first[at_400ms], '█');
    assert_eq!(second[at_400ms], '█');
}

#[test]
fn a_thread_running_in_the_first_half_only_shows_running_there() {
    // Thread 1 runs for the first half, then ends; thread 0 keeps the run going.
    let report = report(
        1,
        0.0,
        100.0,
        &["MainThread", "early"],
        vec![run(1, 0.0, 50.0), wait(0, 0.0, 50.0), run(0, 50.0, 100.0)],
    );
    for width in 40..=200 {
        let text = render(&report, &plain(width));
        let row = cells(rows(&text)[1]);
        let half = row.len().div_ceil(2);
        let running: Vec<usize> = (0..row.len()).filter(|&i| row[i] == '█').collect();
        assert!(!running.is_empty(), "width {width}: {row:?}");
        assert!(
            running.iter().all(|&i| i < half),
            "width {width}: running at {running:?} of {}",
            row.len()
        );
        assert!(row[half..].iter().all(|&c| c == ' '), "width {width}");
    }
}

#[test]
fn one_thread_runs_at_a_time_within_a_process() {
    let text = render(&cpu_bound(), &plain(120));
    let rows: Vec<Vec<char>> = rows(&text).iter().map(|r| cells(r)).collect();
    for i in 0..rows[0].len() {
        let running = rows.iter().filter(|r| r[i] == '█').count();
        assert!(running <= 1, "cell {i}: {running} threads running");
    }
}

/// A span of `thread` over `[from, to)` nanoseconds after `T0`.
fn span_ns(thread: usize, state: SpanState, from: u64, to: u64) -> Span {
    Span {
        start_ns: T0 + from,
        end_ns: T0 + to,
        ..span(thread, state, 0.0, 0.0)
    }
}

#[test]
fn ties_prefer_running_then_waiting() {
    let names = ["a", "b", "c"];
    // The cell count depends only on the width and the labels; find it first.
    let probe = render(&report(1, 0.0, 1.0, &names, Vec::new()), &plain(40));
    let n = cells(rows(&probe)[0]).len() as u64;
    // Cells of exactly 2 ns, each split 1 ns / 1 ns between two states.
    let pairs = [
        (SpanState::Running, SpanState::Blocked),
        (SpanState::Blocked, SpanState::Waiting),
        (SpanState::Waiting, SpanState::Running),
    ];
    let mut spans = Vec::new();
    for (thread, (first, second)) in pairs.into_iter().enumerate() {
        for cell in 0..n {
            spans.push(span_ns(thread, first, 2 * cell, 2 * cell + 1));
            spans.push(span_ns(thread, second, 2 * cell + 1, 2 * cell + 2));
        }
    }
    let mut report = report(1, 0.0, 0.0, &names, spans);
    report.ended_ns = report.started_ns + 2 * n;
    let text = render(&report, &plain(40));
    let rows = rows(&text);
    for (row, expected) in rows.iter().zip(['█', '░', '█']) {
        let row = cells(row);
        assert_eq!(row.len() as u64, n);
        assert!(row.iter().all(|&c| c == expected), "{expected}: {row:?}");
    }
}

#[test]
fn the_state_taking_most_of_a_cell_wins() {
    // In each 3 ns cell: 1 ns running, 2 ns blocked.
    let probe = render(&report(1, 0.0, 1.0, &["a"], Vec::new()), &plain(40));
    let n = cells(rows(&probe)[0]).len() as u64;
    let spans = (0..n)
        .flat_map(|c| {
            [
                span_ns(0, SpanState::Running, 3 * c, 3 * c + 1),
                span_ns(0, SpanState::Blocked, 3 * c + 1, 3 * c + 3),
            ]
        })
        .collect();
    let mut report = report(1, 0.0, 0.0, &["a"], spans);
    report.ended_ns = report.started_ns + 3 * n;
    let text = render(&report, &plain(40));
    assert!(cells(rows(&text)[0]).iter().all(|&c| c == '·'), "{text}");
}

#[test]
fn long_names_are_cut_with_an_ellipsis() {
    let text = render(&long_name(), &plain(80));
    let row = rows(&text)[1];
    assert!(row.starts_with("a-thread-whose"), "{row}");
    assert!(row.contains('…'), "{row}");
    assert!(!row.contains("any-label-column"), "{row}");
}

#[test]
fn header_says_what_the_picture_is() {
    let text = render(&processes(), &plain(120));
    let header = text.lines().next().unwrap_or("");
    assert_eq!(
        header,
        "GIL timeline: 520.0 ms, policy fair, 4 threads, 4 processes"
    );
}

#[test]
fn axis_ticks_use_nice_steps() {
    let text = render(&io_beside_cpu(), &plain(80));
    let axis = text
        .lines()
        .find(|l| l.trim_start().starts_with("0 "))
        .unwrap_or("");
    let labels: Vec<&str> = axis.split_whitespace().collect();
    assert_eq!(labels, ["0", "200ms", "400ms", "600ms", "800ms"], "{axis}");
}

/// A report that breaks every promise the data makes.
fn broken() -> Report {
    let mut report = report(
        13,
        0.0,
        10.0,
        &["Main\nThread\x1b[31m", ""],
        vec![
            // Ends before it starts.
            Span {
                end_ns: T0,
                start_ns: T0 + 5 * MS,
                ..run(0, 0.0, 0.0)
            },
            // A thread that does not exist.
            run(99, 0.0, 10.0),
            // Overlaps the next one, and reaches far past the run's end.
            wait(1, 0.0, 5.0),
            run(1, 2.0, 50.0),
            // At the very end of the clock.
            Span {
                start_ns: u64::MAX - 1,
                end_ns: u64::MAX,
                ..run(0, 0.0, 0.0)
            },
        ],
    );
    // Ended before it started.
    report.ended_ns = report.started_ns - 1;
    let mut child = zero_length();
    child.threads.clear();
    child.trace = None;
    report.children.push(child);
    report
}

#[test]
fn broken_reports_do_not_panic() {
    for width in [0, 40, 80, 200, 10_000] {
        for color in [false, true] {
            let text = render(&broken(), &TimelineOptions { width, color });
            assert!(text.contains("recorded no trace"), "{text}");
            // The control chars of the name are not passed on to the terminal.
            assert!(!text.contains("Main\n"));
            assert!(color || !text.contains('\x1b'));
        }
    }
    let mut empty = report(1, 0.0, 1.0, &[], Vec::new());
    assert!(render(&empty, &plain(40)).starts_with("GIL timeline"));
    empty.started_ns = u64::MAX;
    empty.ended_ns = 0;
    let _ = render(&empty, &plain(40));
}

#[test]
fn threads_that_finished_before_the_window_have_no_row() {
    // After gil.reset_stats() the window starts later; a thread that ended before it
    // has nothing to show.
    let mut r = report(
        1,
        0.0,
        100.0,
        &["MainThread", "old", "new"],
        vec![run(0, 0.0, 50.0), run(2, 50.0, 100.0)],
    );
    r.threads[1].ended_ns = Some(r.started_ns - 1);
    let text = render(&r, &plain(80));
    let shown = rows(&text);
    assert_eq!(shown.len(), 2, "{text}");
    assert!(shown.iter().all(|row| !row.starts_with("old")), "{text}");
    assert!(
        text.contains("not shown: 1 thread that ended before the last reset_stats()"),
        "{text}"
    );
}
