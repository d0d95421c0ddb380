//! The teaching scripts stay true: run every `scripts/threads/<name>.py` under the
//! `gilded` binary and require exit status 0 and that every claim it checked held.
//!
//! Each script ends with explicit claim checks that print one line each,
//! `CLAIM HELD: <claim> (<measured numbers>)` or `CLAIM FAILED: ...` (and it exits
//! non-zero when one fails). A trial fails when the script exits non-zero, prints no
//! claim at all, or prints any claim line that does not say HELD (a claim skipped
//! under gilded is a failure too: gilded has every statistic the scripts use).
//!
//! One trial per script, named `threads/<name>`, run one at a time whatever
//! `--test-threads` says: the scripts time threads against each other.
//!
//!     cargo test --release -p gilded-cli --test teaching -- race
//!
//! The time limit per script is 60 s (override with `GILDED_TEACHING_TIMEOUT`).

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use support::{repo_path, run, run_sequential_suite, tail, GILDED};

use libtest_mimic::Failed;

/// Output longer than this (per stream) is cut in a failure report, keeping the end.
const MAX_SHOWN_BYTES: usize = 8000;
/// Every claim line starts with this; the word after it says how the claim fared.
const CLAIM_PREFIX: &str = "CLAIM ";
const HELD_PREFIX: &str = "CLAIM HELD:";

fn main() {
    run_sequential_suite(
        &repo_path(&["scripts", "threads"]),
        "threads",
        "GILDED_TEACHING_TIMEOUT",
        run_script,
    );
}

fn run_script(py: &Path, timeout: Duration, show_output: bool) -> Result<(), Failed> {
    let dir = py.parent().expect("script has a parent directory");
    let file = py.file_name().expect("script has a file name");
    let mut cmd = Command::new(GILDED);
    cmd.arg(file).current_dir(dir).env("PYTHONHASHSEED", "0");
    let out = run(cmd, timeout)?;
    let (code, elapsed) = (out.code, out.elapsed);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if show_output {
        print!("{stdout}");
    }

    let claims: Vec<&str> = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with(CLAIM_PREFIX))
        .map(str::trim)
        .collect();
    let mut problems = Vec::new();
    if code != Some(0) {
        problems.push(match code {
            Some(c) => format!("exit code {c}, expected 0"),
            None => "killed by a signal".to_string(),
        });
    }
    if claims.is_empty() {
        problems.push("the script checked no claim (no `CLAIM ` line)".to_string());
    }
    for c in claims.iter().filter(|c| !c.starts_with(HELD_PREFIX)) {
        problems.push(format!("claim did not hold: {c}"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\nscript: scripts/threads/{}\nelapsed: {:.2} s\n--- stdout ---\n{}--- stderr ---\n{}",
        problems.join("\n"),
        file.to_string_lossy(),
        elapsed.as_secs_f64(),
        tail(&stdout, MAX_SHOWN_BYTES),
        tail(&stderr, MAX_SHOWN_BYTES)
    )
    .into())
}
