//! The `--timeline` picture printed to stderr at exit: one row per thread (the
//! process's own, then each child process's, recursively), time flowing left to right,
//! each cell showing what the thread mostly did in that slice of time — running with
//! the GIL, waiting for it, or blocked with it released. It is the per-core diagram of
//! articles about the GIL, drawn from a real run: within a process the running cells
//! never overlap (one lock), while rows of different processes can run side by side.

use crate::table::{printable, truncate};
use gilded_gil::report::{Report, Span, SpanState};

/// How to draw the picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineOptions {
    /// The terminal's width in columns; no line is longer. Below [`MIN_WIDTH`] the
    /// picture is drawn [`MIN_WIDTH`] wide.
    pub width: usize,
    /// Colour the glyphs with ANSI escape codes (and reset at the end of every line).
    pub color: bool,
}

/// The narrowest picture drawn: narrower would leave too few cells to see anything.
pub const MIN_WIDTH: usize = 40;

/// What `render` says when the report has no trace.
pub const NO_TRACE: &str = "GIL timeline: no trace (tracing was off)";

const RUNNING: char = '█';
const WAITING: char = '░';
const BLOCKED: char = '·';
const IDLE: char = ' ';

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const BLUE: &str = "\x1b[34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Labels never take more than this share of the width (1/3), nor more than
/// [`MAX_LABEL`] columns: the cells are the point.
const MAX_LABEL: usize = 28;
const MIN_LABEL: usize = 4;
/// From this width on each row ends with its share of time running, ` run 48%`.
const SUMMARY_FROM_WIDTH: usize = 60;
const SUMMARY_WIDTH: usize = " run 100%".len();

/// Renders the timeline of `report` and its children. Returns [`NO_TRACE`] (plus a
/// newline) when the report has no trace. Never panics: spans that end before they
/// start or name a thread that does not exist are skipped.
pub fn render(report: &Report, options: &TimelineOptions) -> String {
    if report.trace.is_none() {
        return format!("{NO_TRACE}\n");
    }
    let width = options.width.max(MIN_WIDTH);
    let (rows, hidden) = collect_rows(report);
    let range = TimeRange::covering(report);
    let layout = Layout::new(width, &rows);
    let mut lines = header_lines(report, &rows, hidden, &range, width, options.color);
    for row in &rows {
        lines.push(row_line(row, &range, &layout, options.color));
    }
    lines.extend(axis_lines(&range, &layout));
    lines.extend(legend_lines(width, options.color));
    lines.extend(untraced_notes(report, width));
    finish(lines, options.color)
}

/// One thread's row: its label and its spans (from its own process's trace).
struct Row<'a> {
    label: String,
    spans: Vec<&'a Span>,
}

/// The parent's threads, then each child's, depth first, so a process's rows stay
/// together with its descendants below it; and how many threads were left out
/// because they had finished before the picture's window began (after
/// `gil.reset_stats()`, a program's earlier threads would be rows of blanks).
fn collect_rows(report: &Report) -> (Vec<Row<'_>>, usize) {
    let mut rows = Vec::new();
    let mut hidden = 0;
    let label_pids = !report.children.is_empty();
    push_process_rows(report, label_pids, &mut rows, &mut hidden);
    (rows, hidden)
}

fn push_process_rows<'a>(
    report: &'a Report,
    label_pids: bool,
    rows: &mut Vec<Row<'a>>,
    hidden: &mut usize,
) {
    let mut spans: Vec<Vec<&Span>> = vec![Vec::new(); report.threads.len()];
    for span in report.trace.iter().flat_map(|t| &t.spans) {
        // A span for a thread that is not in the report is bad data; it has no row.
        if let Some(thread_spans) = spans.get_mut(span.thread) {
            thread_spans.push(span);
        }
    }
    for (thread, spans) in report.threads.iter().zip(spans) {
        if spans.is_empty() && thread.ended_ns.is_some_and(|end| end <= report.started_ns) {
            *hidden += 1;
            continue;
        }
        let name = printable(&thread.name);
        let label = if label_pids {
            format!("pid {} {name}", report.pid)
        } else {
            name
        };
        rows.push(Row { label, spans });
    }
    for child in &report.children {
        push_process_rows(child, true, rows, hidden);
    }
}

/// The stretch of time the picture covers, `[start, start + len)` in nanoseconds.
struct TimeRange {
    start: u64,
    /// At least 1, so a run that took no time still divides into cells.
    len: u64,
    /// The true length, which the header reports (0 for a run that took no time).
    measured_len: u64,
}

impl TimeRange {
    /// The parent's run, widened to every span of every process: a child's spans are on
    /// the same clock and may start before the parent's counting began (after a reset).
    fn covering(report: &Report) -> TimeRange {
        let mut start = report.started_ns;
        let mut end = report.ended_ns.max(report.started_ns);
        for span in valid_spans(report) {
            start = start.min(span.start_ns);
            end = end.max(span.end_ns);
        }
        TimeRange {
            start,
            len: (end - start).max(1),
            measured_len: end - start,
        }
    }

    fn end(&self) -> u64 {
        self.start.saturating_add(self.len)
    }

    /// The start of cell `cell` of `cells`; integer arithmetic so the cells tile the
    /// range exactly, with no gaps or overlaps from rounding.
    fn cell_start(&self, cell: usize, cells: usize) -> u64 {
        let offset = self.len as u128 * cell as u128 / cells.max(1) as u128;
        self.start.saturating_add(offset as u64)
    }

    fn cell_of(&self, t: u64, cells: usize) -> usize {
        let offset = t.saturating_sub(self.start) as u128;
        (offset * cells as u128 / self.len as u128) as usize
    }
}

/// Every span of the report and its descendants whose end is not before its start.
fn valid_spans(report: &Report) -> Vec<&Span> {
    let mut spans: Vec<&Span> = report
        .trace
        .iter()
        .flat_map(|t| &t.spans)
        .filter(|s| s.end_ns >= s.start_ns)
        .collect();
    for child in &report.children {
        spans.extend(valid_spans(child));
    }
    spans
}

/// Where things go on a line: `label │cells│ run 48%`.
struct Layout {
    label_width: usize,
    cells: usize,
    summary: bool,
}

impl Layout {
    fn new(width: usize, rows: &[Row]) -> Layout {
        let longest = rows
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(0);
        let label_width = longest.clamp(MIN_LABEL, (width / 3).min(MAX_LABEL));
        let summary = width >= SUMMARY_FROM_WIDTH;
        let frame = label_width + " ││".chars().count();
        let cells = width - frame - if summary { SUMMARY_WIDTH } else { 0 };
        Layout {
            label_width,
            cells,
            summary,
        }
    }

    /// The column of the first cell.
    fn cells_column(&self) -> usize {
        self.label_width + " │".chars().count()
    }
}

fn header_lines(
    report: &Report,
    rows: &[Row],
    hidden: usize,
    range: &TimeRange,
    width: usize,
    color: bool,
) -> Vec<String> {
    let processes = count_processes(report);
    let mut parts = vec![
        format!("GIL timeline: {}", duration(range.measured_len)),
        format!("policy {}", printable(&report.policy)),
        plural(rows.len(), "thread", "threads"),
        plural(processes, "process", "processes"),
    ];
    if hidden > 0 {
        let threads = plural(hidden, "thread", "threads");
        parts.push(format!(
            "not shown: {threads} that ended before the last reset_stats()"
        ));
    }
    let dropped = dropped_events(report);
    if dropped > 0 {
        parts.push(format!("{dropped} events lost (trace buffer full)"));
    }
    let lines = pack(&parts, ", ", width);
    if color {
        lines.into_iter().map(|l| format!("{BOLD}{l}")).collect()
    } else {
        lines
    }
}

fn count_processes(report: &Report) -> usize {
    1 + report.children.iter().map(count_processes).sum::<usize>()
}

fn dropped_events(report: &Report) -> u64 {
    let own = report.trace.as_ref().map_or(0, |t| t.dropped);
    report
        .children
        .iter()
        .fold(own, |sum, c| sum.saturating_add(dropped_events(c)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn row_line(row: &Row, range: &TimeRange, layout: &Layout, color: bool) -> String {
    let label = truncate(&row.label, layout.label_width);
    let occupancy = occupancy(&row.spans, range, layout.cells);
    let states: Vec<Option<SpanState>> = occupancy.iter().map(dominant_state).collect();
    let mut line = format!(
        "{label:<width$} │{}│",
        paint_cells(&states, color),
        width = layout.label_width
    );
    if layout.summary {
        line.push_str(&format!(
            " run {}",
            percent(running_share(&row.spans, range))
        ));
    }
    line
}

/// Nanoseconds of each state (running, waiting, blocked) in each cell.
fn occupancy(spans: &[&Span], range: &TimeRange, cells: usize) -> Vec<[u64; 3]> {
    let mut totals = vec![[0u64; 3]; cells];
    for span in spans {
        let start = span.start_ns.max(range.start);
        let end = span.end_ns.min(range.end());
        if end <= start {
            continue;
        }
        let mut cell = range.cell_of(start, cells);
        while cell < cells && range.cell_start(cell, cells) < end {
            let from = start.max(range.cell_start(cell, cells));
            let to = end.min(range.cell_start(cell + 1, cells));
            totals[cell][state_index(span.state)] += to.saturating_sub(from);
            cell += 1;
        }
    }
    totals
}

fn state_index(state: SpanState) -> usize {
    match state {
        SpanState::Running => 0,
        SpanState::Waiting => 1,
        SpanState::Blocked => 2,
    }
}

/// The state that took most of the cell's time; on a tie the earlier of running,
/// waiting, blocked, since the rarer states are the ones worth seeing. None when the
/// thread was in no state at all (not started yet, or finished).
fn dominant_state(totals: &[u64; 3]) -> Option<SpanState> {
    let states = [SpanState::Running, SpanState::Waiting, SpanState::Blocked];
    let mut best: Option<(SpanState, u64)> = None;
    for (state, &ns) in states.into_iter().zip(totals) {
        if ns > 0 && best.is_none_or(|(_, most)| ns > most) {
            best = Some((state, ns));
        }
    }
    best.map(|(state, _)| state)
}

fn glyph(state: Option<SpanState>) -> char {
    match state {
        Some(SpanState::Running) => RUNNING,
        Some(SpanState::Waiting) => WAITING,
        Some(SpanState::Blocked) => BLOCKED,
        None => IDLE,
    }
}

fn colour_of(state: Option<SpanState>) -> Option<&'static str> {
    match state {
        Some(SpanState::Running) => Some(GREEN),
        Some(SpanState::Waiting) => Some(RED),
        Some(SpanState::Blocked) => Some(BLUE),
        None => None,
    }
}

/// The cells as glyphs; with colour, one escape code per run of equal cells rather
/// than per cell, which keeps the output (and a terminal's scrollback) small.
fn paint_cells(states: &[Option<SpanState>], color: bool) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for &state in states {
        if color {
            let wanted = colour_of(state);
            if wanted != current {
                out.push_str(wanted.unwrap_or(RESET));
                current = wanted;
            }
        }
        out.push(glyph(state));
    }
    if color && current.is_some() {
        out.push_str(RESET);
    }
    out
}

/// The share of the whole picture's time the thread spent running.
fn running_share(spans: &[&Span], range: &TimeRange) -> f64 {
    let running: u64 = spans
        .iter()
        .filter(|s| s.state == SpanState::Running)
        .map(|s| {
            s.end_ns
                .min(range.end())
                .saturating_sub(s.start_ns.max(range.start))
        })
        .fold(0, u64::saturating_add);
    (running as f64 / range.len as f64).min(1.0)
}

/// Right-aligned in four columns; a thread that ran at all never shows `0%`, which
/// would read as "never ran".
fn percent(share: f64) -> String {
    if share > 0.0 && share < 0.005 {
        " <1%".to_string()
    } else {
        format!("{:>3.0}%", share * 100.0)
    }
}

/// A ruler under the cells with a tick at each step, and the ticks' times below it.
fn axis_lines(range: &TimeRange, layout: &Layout) -> Vec<String> {
    let step = TickStep::choose(range.len, layout.cells);
    let ticks: Vec<(usize, String)> = (0u64..)
        .map(|k| k.saturating_mul(step.ns))
        .take_while(|&t| t < range.len)
        .map(|t| (range.cell_of(range.start + t, layout.cells), step.label(t)))
        .filter(|(cell, _)| *cell < layout.cells)
        .collect();
    let mut ruler: Vec<char> = vec!['─'; layout.cells];
    for (cell, _) in &ticks {
        ruler[*cell] = '┬';
    }
    let ruler_line = format!(
        "{}└{}┘",
        " ".repeat(layout.cells_column() - 1),
        ruler.iter().collect::<String>()
    );
    let line_width = layout.cells_column() + layout.cells + 1;
    let labels = place_labels(&ticks, layout.cells_column(), line_width);
    vec![ruler_line, labels]
}

/// Writes each label starting under its tick, dropping one that would run past the
/// line or into the previous label.
fn place_labels(ticks: &[(usize, String)], offset: usize, line_width: usize) -> String {
    let mut line: Vec<char> = vec![' '; line_width];
    let mut free_from = 0;
    for (cell, label) in ticks {
        let column = offset + cell;
        let end = column + label.chars().count();
        if column < free_from || end > line_width {
            continue;
        }
        for (slot, c) in line[column..end].iter_mut().zip(label.chars()) {
            *slot = c;
        }
        free_from = end + 1;
    }
    line.iter().collect::<String>().trim_end().to_string()
}

/// The distance between ticks: a "nice" 1, 2 or 5 × 10^k nanoseconds, and the unit
/// its labels are written in.
struct TickStep {
    ns: u64,
    unit_ns: u64,
    unit: &'static str,
}

impl TickStep {
    /// The smallest nice step whose labels fit between the ticks, with a space to spare.
    fn choose(len: u64, cells: usize) -> TickStep {
        let mut power: u64 = 1;
        loop {
            for m in [1u64, 2, 5] {
                let step = TickStep::new(m.saturating_mul(power));
                if step.fits(len, cells) {
                    return step;
                }
            }
            if power > u64::MAX / 10 {
                // No nice step fits (impossible for real widths); one tick at 0 will do.
                return TickStep::new(u64::MAX);
            }
            power *= 10;
        }
    }

    fn new(ns: u64) -> TickStep {
        let (unit_ns, unit) = match ns {
            n if n >= 1_000_000_000 => (1_000_000_000, "s"),
            n if n >= 1_000_000 => (1_000_000, "ms"),
            n if n >= 1_000 => (1_000, "µs"),
            _ => (1, "ns"),
        };
        TickStep { ns, unit_ns, unit }
    }

    fn fits(&self, len: u64, cells: usize) -> bool {
        let widest = self.label(len).chars().count() as u128;
        let spacing = self.ns as u128 * cells as u128 / len.max(1) as u128;
        spacing > widest
    }

    /// The label of the tick `t` ns from the start: `0`, or e.g. `200ms`. The unit is
    /// chosen so that the step, and so every tick, is a whole number of units.
    fn label(&self, t: u64) -> String {
        if t == 0 {
            "0".to_string()
        } else {
            format!("{}{}", t / self.unit_ns, self.unit)
        }
    }
}

fn legend_lines(width: usize, color: bool) -> Vec<String> {
    let items = [
        (Some(SpanState::Running), "running"),
        (Some(SpanState::Waiting), "waiting for the GIL"),
        (Some(SpanState::Blocked), "blocked"),
    ];
    let plain: Vec<String> = items
        .iter()
        .map(|(state, what)| format!("{} {what}", glyph(*state)))
        .chain(std::iter::once("blank: idle".to_string()))
        .collect();
    let lines = pack(&plain, "  ", width);
    if !color {
        return lines;
    }
    // Colour after packing, so the packing counts only visible chars.
    lines
        .into_iter()
        .map(|line| {
            items.iter().fold(line, |line, (state, _)| {
                let g = glyph(*state).to_string();
                let coloured = format!("{}{g}{RESET}", colour_of(*state).unwrap_or(""));
                line.replace(&g, &coloured)
            })
        })
        .collect()
}

/// A child that sent no trace has empty rows; say why, rather than let it look idle.
fn untraced_notes(report: &Report, width: usize) -> Vec<String> {
    let mut pids = Vec::new();
    collect_untraced(report, &mut pids);
    pids.into_iter()
        .map(|pid| truncate(&format!("(pid {pid} recorded no trace)"), width))
        .collect()
}

fn collect_untraced(report: &Report, pids: &mut Vec<u32>) {
    for child in &report.children {
        if child.trace.is_none() {
            pids.push(child.pid);
        }
        collect_untraced(child, pids);
    }
}

/// Joins `parts` with `separator` into as few lines of at most `width` chars as fit,
/// cutting any part that is wider than a line on its own.
fn pack(parts: &[String], separator: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for part in parts {
        let part = truncate(part, width);
        let needed = line.chars().count() + separator.chars().count() + part.chars().count();
        if line.is_empty() {
            line = part;
        } else if needed <= width {
            line.push_str(separator);
            line.push_str(&part);
        } else {
            lines.push(std::mem::replace(&mut line, part));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A duration for the header: three significant digits in the largest fitting unit.
fn duration(ns: u64) -> String {
    let ns_f = ns as f64;
    match ns {
        n if n >= 1_000_000_000 => format!("{:.3} s", ns_f / 1e9),
        n if n >= 1_000_000 => format!("{:.1} ms", ns_f / 1e6),
        n if n >= 1_000 => format!("{:.1} µs", ns_f / 1e3),
        n => format!("{n} ns"),
    }
}

/// Ends every line with a reset in colour mode, so a line cut short by the terminal
/// (or a colour left open by a bug) never bleeds into what is printed next.
fn finish(lines: Vec<String>, color: bool) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&line);
        if color {
            out.push_str(RESET);
        }
        out.push('\n');
    }
    out
}
