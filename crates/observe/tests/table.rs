//! Tests of the `--gil-stats` table on hand-built reports: what each section says,
//! that columns stay aligned whatever the numbers, and that broken reports are shown
//! rather than panicked on.

use gilded_gil::report::{
    BlockReason, GlobalReport, Latency, LockReport, LockWaiter, Report, ThreadReport,
    REPORT_VERSION,
};
use gilded_observe::table::render;
use std::collections::BTreeMap;

fn thread(
    name: &str,
    instructions: u64,
    held_s: f64,
    blocked: &[(BlockReason, f64)],
) -> ThreadReport {
    let mut blocked_by: BTreeMap<BlockReason, f64> =
        BlockReason::ALL.iter().map(|r| (*r, 0.0)).collect();
    for (reason, s) in blocked {
        blocked_by.insert(*reason, *s);
    }
    ThreadReport {
        ident: 1,
        name: name.to_string(),
        alive: false,
        started_ns: 0,
        ended_ns: Some(1),
        instructions,
        acquisitions: instructions / 1000,
        held_s,
        waiting_s: held_s / 2.0,
        blocked_s: blocked.iter().map(|(_, s)| s).sum(),
        blocked_by,
        longest_hold_s: held_s / 10.0,
        longest_wait_s: held_s / 20.0,
    }
}

fn lock(site: &str, contended: u64, wait_s: f64, top_waiter: usize) -> LockReport {
    LockReport {
        kind: "threading.Lock".to_string(),
        site: site.to_string(),
        objects: 1,
        acquisitions: 1000,
        contended,
        wait_s,
        longest_wait_s: wait_s / 4.0,
        longest_hold_s: 0.002,
        waiters: vec![
            LockWaiter {
                thread: top_waiter,
                waits: contended,
                wait_s: wait_s * 0.75,
            },
            LockWaiter {
                thread: 0,
                waits: 1,
                wait_s: wait_s * 0.25,
            },
        ],
    }
}

fn report(pid: u32, threads: Vec<ThreadReport>) -> Report {
    Report {
        version: REPORT_VERSION,
        pid,
        policy: "fair".to_string(),
        switch_interval: 300_000,
        switch_seconds: 0.005,
        started_ns: 0,
        ended_ns: 1_000_000_000,
        global: GlobalReport {
            acquisitions: 250,
            switches: 120,
            forced_switches: 100,
            reacquisitions: 130,
            handoff_latency: Latency {
                count: 120,
                p50_s: 16e-6,
                p90_s: 32e-6,
                p99_s: 64e-6,
                max_s: 81.25e-6,
            },
            longest_hold_s: 0.0052,
            longest_wait_s: 0.0104,
        },
        threads,
        locks: Vec::new(),
        trace: None,
        children: Vec::new(),
    }
}

/// A main thread joining two workers that share a lock; worker-2 waited for it most.
fn workers() -> Report {
    let mut report = report(
        4242,
        vec![
            thread("MainThread", 1_500, 0.001, &[(BlockReason::Join, 0.998)]),
            thread(
                "worker-1",
                2_400_000,
                0.48,
                &[(BlockReason::Sleep, 0.1), (BlockReason::Lock, 0.05)],
            ),
            thread(
                "worker-2",
                2_350_000,
                0.47,
                &[
                    (BlockReason::Lock, 0.25),
                    (BlockReason::Io, 0.02),
                    (BlockReason::Sleep, 0.125),
                ],
            ),
        ],
    );
    report.locks = vec![
        lock("shared.py:3", 40, 0.25, 2),
        lock("shared.py:9", 0, 0.0, 1),
        lock("shared.py:17", 2, 0.01, 1),
    ];
    report
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// The rows under the line `title`, up to the blank line that ends the section.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let all = lines(text);
    let start = all
        .iter()
        .position(|l| *l == title)
        .unwrap_or_else(|| panic!("no {title:?} in\n{text}"));
    all[start + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect()
}

fn thread_rows(text: &str) -> Vec<&str> {
    let all = lines(text);
    all[1..]
        .iter()
        .take_while(|l| !l.starts_with("switches "))
        .copied()
        .collect()
}

#[test]
fn first_line_names_policy_and_interval() {
    let text = render(&workers());
    assert_eq!(
        lines(&text)[0],
        "GIL statistics (policy fair, switch interval 300000 instructions)"
    );
    let mut never = workers();
    never.switch_interval = 0;
    never.policy = "greedy".to_string();
    assert_eq!(
        lines(&render(&never))[0],
        "GIL statistics (policy greedy, switch interval never instructions)"
    );
}

#[test]
fn threads_are_rows_in_order_with_formatted_numbers() {
    let text = render(&workers());
    let rows = thread_rows(&text);
    assert_eq!(rows.len(), 4, "header and three threads:\n{text}");
    let header: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "thread",
            "instructions",
            "acquires",
            "held",
            "s",
            "waiting",
            "s",
            "blocked",
            "s",
            "blocked",
            "on"
        ]
    );
    for (row, name) in rows[1..].iter().zip(["MainThread", "worker-1", "worker-2"]) {
        assert!(row.starts_with(name), "{row}");
    }
    let worker: Vec<&str> = rows[2].split_whitespace().collect();
    assert_eq!(
        worker[..6],
        ["worker-1", "2400000", "2400", "0.480", "0.240", "0.150"]
    );
}

#[test]
fn blocked_on_names_the_top_two_reasons() {
    let text = render(&workers());
    let rows = thread_rows(&text);
    assert!(rows[1].trim_end().ends_with("join 0.998"), "{}", rows[1]);
    assert!(
        rows[2].trim_end().ends_with("sleep 0.100, lock 0.050"),
        "{}",
        rows[2]
    );
    // Three reasons, largest two shown, the small io one left out.
    assert!(
        rows[3].trim_end().ends_with("lock 0.250, sleep 0.125"),
        "{}",
        rows[3]
    );
    let idle = render(&report(1, vec![thread("t", 1, 0.1, &[])]));
    assert!(thread_rows(&idle)[1].trim_end().ends_with('-'), "{idle}");
}

#[test]
fn global_lines_show_switches_latency_and_longest_times() {
    let text = render(&workers());
    assert!(text.contains("switches 120, forced switches 100, re-acquisitions 130\n"));
    assert!(
        text.contains(
            "hand-off latency p50 16.0 µs, p90 32.0 µs, p99 64.0 µs, max 81.2 µs (120 hand-offs)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("longest hold 0.005 s, longest wait 0.010 s\n"),
        "{text}"
    );

    let mut alone = workers();
    alone.global.handoff_latency.count = 0;
    assert!(render(&alone).contains("hand-off latency: no samples"));
}

#[test]
fn locks_section_lists_contended_locks_with_their_top_waiter() {
    let text = render(&workers());
    let rows = section(&text, "top contended locks");
    assert_eq!(rows.len(), 3, "header and the two contended locks:\n{text}");
    let header: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!(header[..2], ["kind", "site"]);
    assert_eq!(header.last(), Some(&"waiter"));
    let top: Vec<&str> = rows[1].split_whitespace().collect();
    assert_eq!(
        top,
        [
            "threading.Lock",
            "shared.py:3",
            "1000",
            "40",
            "0.250",
            "0.062",
            "0.002",
            "worker-2"
        ]
    );
    assert!(rows[2].contains("shared.py:17"), "{}", rows[2]);
    assert!(rows[2].trim_end().ends_with("worker-1"), "{}", rows[2]);
    assert!(
        !text.contains("shared.py:9"),
        "an uncontended lock is not listed"
    );
}

#[test]
fn at_most_five_locks_most_waited_first() {
    let mut report = workers();
    report.locks = (1..=8)
        .map(|i| lock(&format!("many.py:{i}"), i, i as f64 / 100.0, 1))
        .collect();
    let text = render(&report);
    let rows = section(&text, "top contended locks");
    let sites: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        sites,
        [
            "many.py:8",
            "many.py:7",
            "many.py:6",
            "many.py:5",
            "many.py:4"
        ]
    );
}

#[test]
fn says_so_when_no_lock_was_contended() {
    let mut report = workers();
    report.locks.retain(|l| l.contended == 0);
    let text = render(&report);
    assert!(text.contains("\nno lock was contended\n"), "{text}");
    assert!(!text.contains("top contended locks"));
    report.locks.clear();
    assert!(render(&report).contains("\nno lock was contended\n"));
}

#[test]
fn children_get_a_line_each_grandchildren_indented() {
    let mut parent = workers();
    let mut child = report(
        5000,
        vec![
            thread(
                "MainThread",
                1_000_000,
                0.25,
                &[(BlockReason::Process, 0.5)],
            ),
            thread("helper", 500_000, 0.125, &[]),
        ],
    );
    child.children.push(report(
        5001,
        vec![thread("MainThread", 7, 0.001, &[(BlockReason::Io, 0.75)])],
    ));
    parent.children.push(child);
    parent
        .children
        .push(report(5002, vec![thread("MainThread", 3, 0.0, &[])]));
    let text = render(&parent);
    let rows = section(&text, "child processes");
    assert_eq!(rows.len(), 4, "header and three processes:\n{text}");
    let fields = |row: &str| row.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        fields(rows[1]),
        ["5000", "2", "1500000", "0.375", "0.188", "0.500"]
    );
    assert!(rows[2].starts_with("  5001"), "{}", rows[2]);
    assert_eq!(
        fields(rows[2]),
        ["5001", "1", "7", "0.001", "0.001", "0.750"]
    );
    assert!(rows[3].starts_with("5002"), "{}", rows[3]);
    assert!(!render(&workers()).contains("child processes"));
}

fn widths(rows: &[&str]) -> Vec<usize> {
    rows.iter().map(|r| r.chars().count()).collect()
}

#[test]
fn rows_stay_aligned_with_long_numbers_and_names() {
    let mut report = workers();
    report.threads.push(thread(
        "a-thread-whose-name-goes-on-and-on-and-on",
        u64::MAX,
        123_456.789,
        &[(BlockReason::Other, 98_765.25)],
    ));
    report.locks[0].site =
        "/a/very/long/path/to/some/module/deep/inside/a/package.py:12345".to_string();
    let text = render(&report);
    let rows = thread_rows(&text);
    let w = widths(&rows);
    assert!(w.iter().all(|&x| x == w[0]), "{w:?}\n{text}");
    let long = rows[4];
    assert!(long.starts_with("a-thread-whose-name-goe…"), "{long}");
    assert!(long.contains(&u64::MAX.to_string()));
    assert_right_aligned(&rows, &NUMBER_COLUMNS);
    let locks = section(&text, "top contended locks");
    let w = widths(&locks);
    assert!(w.iter().all(|&x| x == w[0]), "{w:?}\n{text}");
    assert!(locks[1].contains('…'), "{}", locks[1]);
}

const NUMBER_COLUMNS: [&str; 5] = [
    "instructions",
    "acquires",
    "held s",
    "waiting s",
    "blocked s",
];

/// Each number ends exactly where its column's title ends.
fn assert_right_aligned(rows: &[&str], titles: &[&str]) {
    let header = rows[0];
    for title in titles {
        let end = header
            .find(title)
            .map(|i| header[..i].chars().count() + title.len());
        let end = end.unwrap_or_else(|| panic!("no {title} in {header}"));
        for row in &rows[1..] {
            let chars: Vec<char> = row.chars().collect();
            assert_ne!(chars[end - 1], ' ', "{title} in {row:?}");
            assert_eq!(chars[end], ' ', "{title} in {row:?}");
        }
    }
}

#[test]
fn numbers_right_align_under_their_headers() {
    let text = render(&workers());
    assert_right_aligned(&thread_rows(&text), &NUMBER_COLUMNS);
}

#[test]
fn broken_reports_do_not_panic() {
    let mut report = workers();
    report.threads[1].name = "bad\nname\x1b[31m".to_string();
    report.threads[2].held_s = f64::NAN;
    report.threads[2]
        .blocked_by
        .insert(BlockReason::Sleep, f64::NAN);
    report.threads[0].blocked_by.clear();
    report.locks[0].waiters[0].thread = 99;
    report.locks[2].waiters.clear();
    report.locks[2].wait_s = f64::INFINITY;
    report.global.handoff_latency.max_s = -1.0;
    report.children.push(self::report(7, Vec::new()));
    let text = render(&report);
    assert!(text.contains("bad?name?[31m"), "{text}");
    assert!(!text.contains('\x1b'));
    assert!(text.contains("? (thread 99)"), "{text}");
    assert!(text.contains("NaN"), "{text}");

    let empty = self::report(1, Vec::new());
    let text = render(&empty);
    assert!(text.contains("no thread was registered"), "{text}");
}
