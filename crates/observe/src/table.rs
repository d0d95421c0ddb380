//! The `--gil-stats` table printed to stderr at exit: one row per thread (where its
//! time went, and what it was blocked on), then the lock as a whole (switches and how
//! quickly the lock changed hands), the Python-level locks that made threads wait, and
//! one line per child process. It is plain text meant to be read, not parsed (that is
//! what `--stats-json` is for), so columns are sized to their contents and long names
//! are cut with `…` rather than pushing the columns out of line.

use gilded_gil::report::{BlockReason, LockReport, Report, ThreadReport};
use std::fmt::Write as _;

/// Thread names longer than this are cut, as in the first version of the table.
const MAX_NAME: usize = 24;
/// Lock kinds are library class names; longer ones are cut.
const MAX_KIND: usize = 24;
/// Creation sites are `file:line`; long paths are cut (the line number is lost, but the
/// table stays readable; the JSON report has the full site).
const MAX_SITE: usize = 32;
/// How many contended locks the table lists.
const TOP_LOCKS: usize = 5;
/// The least time a "blocked on" reason needs to be named (half the last digit shown).
const SHOWN_SECONDS: f64 = 0.0005;

/// How many blocking reasons the "blocked on" column names.
const TOP_REASONS: usize = 2;
/// Space between columns.
const GAP: &str = "  ";

/// Renders `report` as the `--gil-stats` table. Every line ends with a newline; the
/// function never panics, whatever the report holds (indices out of range, NaN
/// durations and empty lists are shown as `?`, `NaN` and short notes).
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", title_line(report));
    out.push_str(&thread_table(report));
    out.push_str(&global_lines(report));
    out.push_str(&locks_section(report));
    out.push_str(&children_section(report));
    out
}

fn title_line(report: &Report) -> String {
    let interval = match report.switch_interval {
        0 => "never".to_string(),
        n => n.to_string(),
    };
    format!(
        "GIL statistics (policy {}, switch interval {interval} instructions)",
        printable(&report.policy)
    )
}

fn thread_table(report: &Report) -> String {
    if report.threads.is_empty() {
        return "no thread was registered\n".to_string();
    }
    let mut table = Table::new(&[
        ("thread", Align::Left),
        ("instructions", Align::Right),
        ("acquires", Align::Right),
        ("held s", Align::Right),
        ("waiting s", Align::Right),
        ("blocked s", Align::Right),
        ("blocked on", Align::Left),
    ]);
    for thread in &report.threads {
        table.push(vec![
            truncate(&printable(&thread.name), MAX_NAME),
            thread.instructions.to_string(),
            thread.acquisitions.to_string(),
            seconds(thread.held_s),
            seconds(thread.waiting_s),
            seconds(thread.blocked_s),
            main_block_reasons(thread),
        ]);
    }
    table.render()
}

/// The one or two reasons a thread spent most time blocked on, e.g. `sleep 0.500,
/// join 0.100`: the blocked total alone does not say whether a thread slept or waited
/// for a lock, which is usually the question.
fn main_block_reasons(thread: &ThreadReport) -> String {
    let mut reasons: Vec<(BlockReason, f64)> = thread
        .blocked_by
        .iter()
        .map(|(reason, s)| (*reason, *s))
        // A reason that would print as 0.000 says nothing.
        .filter(|(_, s)| *s >= SHOWN_SECONDS)
        .collect();
    // Stable, so equal times keep BlockReason::ALL order; NaN never reaches here.
    reasons.sort_by(|a, b| b.1.total_cmp(&a.1));
    if reasons.is_empty() {
        return "-".to_string();
    }
    reasons
        .iter()
        .take(TOP_REASONS)
        .map(|(reason, s)| format!("{} {}", reason.name(), seconds(*s)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn global_lines(report: &Report) -> String {
    let g = &report.global;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "switches {}, forced switches {}, re-acquisitions {}",
        g.switches, g.forced_switches, g.reacquisitions
    );
    let latency = &g.handoff_latency;
    if latency.count == 0 {
        let _ = writeln!(
            out,
            "hand-off latency: no samples (the lock never changed hands)"
        );
    } else {
        let _ = writeln!(
            out,
            "hand-off latency p50 {} µs, p90 {} µs, p99 {} µs, max {} µs ({} hand-offs)",
            micros(latency.p50_s),
            micros(latency.p90_s),
            micros(latency.p99_s),
            micros(latency.max_s),
            latency.count
        );
    }
    let _ = writeln!(
        out,
        "longest hold {} s, longest wait {} s",
        seconds(g.longest_hold_s),
        seconds(g.longest_wait_s)
    );
    out
}

fn locks_section(report: &Report) -> String {
    let contended = top_contended_locks(&report.locks);
    if contended.is_empty() {
        return "\nno lock was contended\n".to_string();
    }
    let mut table = Table::new(&[
        ("kind", Align::Left),
        ("site", Align::Left),
        ("acquires", Align::Right),
        ("contended", Align::Right),
        ("wait s", Align::Right),
        ("longest wait s", Align::Right),
        ("longest hold s", Align::Right),
        ("top waiter", Align::Left),
    ]);
    for lock in contended {
        table.push(vec![
            truncate(&printable(&lock.kind), MAX_KIND),
            truncate(&printable(&lock.site), MAX_SITE),
            lock.acquisitions.to_string(),
            lock.contended.to_string(),
            seconds(lock.wait_s),
            seconds(lock.longest_wait_s),
            seconds(lock.longest_hold_s),
            top_waiter_name(report, lock),
        ]);
    }
    format!("\ntop contended locks\n{}", table.render())
}

/// The report lists locks most-waited first; sorting again costs nothing and keeps the
/// table right if a report (say, one read back from JSON) is not in that order.
fn top_contended_locks(locks: &[LockReport]) -> Vec<&LockReport> {
    let mut contended: Vec<&LockReport> = locks.iter().filter(|l| l.contended > 0).collect();
    contended.sort_by(|a, b| b.wait_s.total_cmp(&a.wait_s));
    contended.truncate(TOP_LOCKS);
    contended
}

fn top_waiter_name(report: &Report, lock: &LockReport) -> String {
    match lock.waiters.first() {
        None => "-".to_string(),
        Some(waiter) => match report.threads.get(waiter.thread) {
            Some(thread) => truncate(&printable(&thread.name), MAX_NAME),
            None => format!("? (thread {})", waiter.thread),
        },
    }
}

fn children_section(report: &Report) -> String {
    if report.children.is_empty() {
        return String::new();
    }
    let mut table = Table::new(&[
        ("child pid", Align::Left),
        ("threads", Align::Right),
        ("instructions", Align::Right),
        ("held s", Align::Right),
        ("waiting s", Align::Right),
        ("blocked s", Align::Right),
    ]);
    for child in &report.children {
        push_process_rows(&mut table, child, 0);
    }
    format!("\nchild processes\n{}", table.render())
}

/// Grandchildren go under their parent, indented, so the process tree stays visible.
fn push_process_rows(table: &mut Table, report: &Report, depth: usize) {
    let threads = &report.threads;
    // Saturating: a child that ran long enough to overflow a u64 is bad data, not a panic.
    let instructions = threads
        .iter()
        .fold(0u64, |sum, t| sum.saturating_add(t.instructions));
    table.push(vec![
        format!("{}{}", "  ".repeat(depth), report.pid),
        threads.len().to_string(),
        instructions.to_string(),
        seconds(threads.iter().map(|t| t.held_s).sum()),
        seconds(threads.iter().map(|t| t.waiting_s).sum()),
        seconds(threads.iter().map(|t| t.blocked_s).sum()),
    ]);
    for child in &report.children {
        push_process_rows(table, child, depth + 1);
    }
}

/// Seconds as the table shows them: milliseconds are the useful resolution for a run a
/// human watches.
fn seconds(s: f64) -> String {
    format!("{s:.3}")
}

fn micros(s: f64) -> String {
    format!("{:.1}", s * 1e6)
}

/// Cuts `text` to at most `max` chars, ending with `…` when something was cut. Counts
/// chars, not bytes, so a name in any script is cut at a character boundary.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// Names come from the program (`Thread(name=...)`), so they may hold newlines, tabs or
/// escape sequences that would break the layout or the terminal; each such char becomes
/// `?`.
pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// A table whose columns are as wide as their widest cell, so long numbers never push
/// a row out of line. Every row, the last column included, is padded to the same width.
struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn column_widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        widths
    }

    fn render(&self) -> String {
        let widths = self.column_widths();
        let mut out = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .zip(&self.aligns)
                .map(|((cell, width), align)| match align {
                    Align::Left => format!("{cell:<width$}"),
                    Align::Right => format!("{cell:>width$}"),
                })
                .collect();
            let _ = writeln!(out, "{}", cells.join(GAP));
        }
        out
    }
}
