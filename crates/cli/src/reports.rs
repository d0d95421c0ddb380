//! What the GIL options print or write when the run is over, however it ended:
//! `--gil-stats` (a table on stderr), `--timeline` (a picture on stderr),
//! `--stats-json FILE` and `--trace FILE`. One report of the interpreter lock, taken
//! after every thread and child process has finished, feeds all four.

use crate::args::Options;
use gilded_observe::timeline::TimelineOptions;
use gilded_vm::vm::Interp;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

/// The width a timeline gets when neither `$COLUMNS` nor the terminal says.
const DEFAULT_WIDTH: usize = 80;

/// Prints and writes the asked-for reports when dropped.
pub struct ExitReports {
    interp: Arc<Interp>,
    gil_stats: bool,
    timeline: bool,
    stats_json: Option<String>,
    trace: Option<String>,
}

impl ExitReports {
    /// The reports `options` ask for (None if none), starting the trace if a view
    /// needs one.
    pub fn new(options: &Options, interp: &Arc<Interp>) -> Option<ExitReports> {
        let wanted = options.gil_stats
            || options.timeline
            || options.stats_json.is_some()
            || options.trace.is_some();
        if !wanted {
            return None;
        }
        if options.timeline || options.trace.is_some() {
            interp.lock.start_tracing();
        }
        Some(ExitReports {
            interp: interp.clone(),
            gil_stats: options.gil_stats,
            timeline: options.timeline,
            stats_json: options.stats_json.clone(),
            trace: options.trace.clone(),
        })
    }
}

impl Drop for ExitReports {
    fn drop(&mut self) {
        let report = gilded_vm::modules::gil::report(&self.interp);
        let mut stderr = std::io::stderr();
        // A closed stderr or an unwritable file must not turn a finished run into
        // a panic: each failure is reported (where possible) and the rest go on.
        if self.gil_stats {
            let _ = stderr.write_all(gilded_observe::table::render(&report).as_bytes());
        }
        if self.timeline {
            let options = TimelineOptions {
                width: terminal_width(),
                color: wants_color(),
            };
            let picture = gilded_observe::timeline::render(&report, &options);
            let _ = stderr.write_all(picture.as_bytes());
        }
        if let Some(path) = &self.stats_json {
            write_file(path, &gilded_observe::json::render(&report));
        }
        if let Some(path) = &self.trace {
            write_file(path, &gilded_observe::chrome_trace::render(&report));
        }
    }
}

fn write_file(path: &str, text: &str) {
    if let Err(err) = std::fs::write(path, text) {
        let _ = writeln!(std::io::stderr(), "gilded: cannot write {path}: {err}");
    }
}

/// `$COLUMNS` if set, else the width of the terminal on stderr, else 80.
fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    // SAFETY: TIOCGWINSZ only writes the winsize it is given.
    unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        if libc::ioctl(libc::STDERR_FILENO, libc::TIOCGWINSZ, &mut size) == 0 && size.ws_col > 0 {
            return size.ws_col as usize;
        }
    }
    DEFAULT_WIDTH
}

/// Colours on a terminal, unless `NO_COLOR` is set or the terminal is dumb.
fn wants_color() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}
