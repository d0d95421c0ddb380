//! The lock-contention suite: run every `tests/gil/<name>.py` under the `gilded`
//! binary. Each program is self-checking: it runs a threaded workload, reads
//! `gil.stats()`, asserts a property of the GIL with a stated tolerance and exits 0
//! when it holds; a failed assert prints the measured numbers.
//!
//! One trial per program, named `gil/<name>`. The programs measure time and
//! contention, so they always run one at a time: the harness forces a single test
//! thread whatever `--test-threads` says. Other libtest flags work as usual
//! (filters, `--exact`, `--list`, `--nocapture` shows each program's output):
//!
//!     cargo test --release -p gilded-cli --test gil_contention -- sleep_beside
//!
//! Directives, in `#` comment lines at the top of a program:
//!
//! - `# gilded-args: --switch-interval 1 --gil-policy fair`: command-line flags
//!   placed before the file name;
//! - `# gilded-env: NAME=VALUE`: an environment variable for the run (repeatable);
//! - `# gilded-expect-stdout: TEXT` / `# gilded-expect-stderr: TEXT`: the output
//!   must contain TEXT (repeatable), for what a program cannot check about itself
//!   (what is printed after its main thread ends, its own uncaught-exception report);
//! - `# gilded-max-seconds: S`: the whole process, exit included, must end within S
//!   seconds (e.g. a daemon thread must not hold the exit up).
//!
//! The time limit per program is 60 s (override with `GILDED_GIL_TIMEOUT`, in
//! seconds); a program still running then is killed and its trial fails.

mod support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use support::{failure_report, read_directives, repo_path, run, run_sequential_suite};

use libtest_mimic::Failed;

/// Output longer than this (per stream) is cut in a failure report, keeping the end,
/// where the failed assert is.
const MAX_SHOWN_BYTES: usize = 8000;

fn main() {
    run_sequential_suite(
        &repo_path(&["tests", "gil"]),
        "gil",
        "GILDED_GIL_TIMEOUT",
        run_program,
    );
}

fn run_program(py: &Path, timeout: Duration, show_output: bool) -> Result<(), Failed> {
    let source =
        fs::read_to_string(py).map_err(|e| format!("cannot read {}: {e}", py.display()))?;
    let d = read_directives(&source)?;
    let dir = py.parent().expect("program has a parent directory");
    let file = py.file_name().expect("program has a file name");

    let cmd = d.command(dir, file);
    let shown_cmd = d.shown_command(file);

    let out =
        run(cmd, timeout).map_err(|e| format!("{e}\n(command, in tests/gil: {shown_cmd})"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if show_output {
        print!("{stdout}");
    }

    let problems = d.problems(&out, &stdout, &stderr);
    if problems.is_empty() {
        return Ok(());
    }
    Err(failure_report(
        &problems,
        "tests/gil",
        &shown_cmd,
        &out,
        &stdout,
        &stderr,
        MAX_SHOWN_BYTES,
    )
    .into())
}
