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

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

const GILDED: &str = env!("CARGO_BIN_EXE_gilded");
const DEFAULT_TIMEOUT_SECS: u64 = 60;
/// Output longer than this (per stream) is cut in a failure report, keeping the end.
const MAX_SHOWN_BYTES: usize = 8000;
/// Every claim line starts with this; the word after it says how the claim fared.
const CLAIM_PREFIX: &str = "CLAIM ";
const HELD_PREFIX: &str = "CLAIM HELD:";

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .join("scripts")
        .join("threads")
}

fn main() {
    let mut args = Arguments::from_args();
    args.test_threads = Some(1);
    let show_output = args.nocapture;
    let timeout = Duration::from_secs(
        std::env::var("GILDED_TEACHING_TIMEOUT")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(DEFAULT_TIMEOUT_SECS),
    );

    let dir = scripts_dir();
    let mut scripts: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .collect()
        })
        .unwrap_or_default();
    scripts.sort();
    if scripts.is_empty() {
        eprintln!("no teaching scripts found under {}", dir.display());
        std::process::exit(101);
    }

    let trials = scripts
        .into_iter()
        .map(|py| {
            let stem = py
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(format!("threads/{stem}"), move || {
                run_script(&py, timeout, show_output)
            })
        })
        .collect();

    libtest_mimic::run(&args, trials).exit();
}

fn run_script(py: &Path, timeout: Duration, show_output: bool) -> Result<(), Failed> {
    let dir = py.parent().expect("script has a parent directory");
    let file = py.file_name().expect("script has a file name");
    let (stdout, stderr, code, elapsed) = execute(dir, Path::new(file), timeout)?;
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
        tail(&stdout),
        tail(&stderr)
    )
    .into())
}

/// The end of `s`, at most `MAX_SHOWN_BYTES` of it, ending in a newline.
fn tail(s: &str) -> String {
    let mut start = s.len().saturating_sub(MAX_SHOWN_BYTES);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    let mut t = String::new();
    if start > 0 {
        t.push_str(&format!("[... {start} bytes cut ...]\n"));
    }
    t.push_str(&s[start..]);
    if !t.ends_with('\n') {
        t.push('\n');
    }
    t
}

/// Runs the script; returns stdout, stderr, the exit code (None: killed by a signal)
/// and the wall-clock time.
fn execute(
    dir: &Path,
    file: &Path,
    timeout: Duration,
) -> Result<(String, String, Option<i32>, Duration), String> {
    let start = Instant::now();
    let mut child = Command::new(GILDED)
        .arg(file)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {GILDED}: {e}"))?;

    // Drain both pipes on their own threads so a chatty child cannot block.
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });

    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {
                if start.elapsed() >= timeout {
                    let _ = child.kill();
                    let _ = child.wait();
                    let stdout = out_reader.join().unwrap_or_default();
                    return Err(format!(
                        "timed out after {} s; the script was killed\n--- stdout so far ---\n{}",
                        timeout.as_secs(),
                        tail(&String::from_utf8_lossy(&stdout))
                    ));
                }
                thread::sleep(Duration::from_millis(5));
            }
            Err(e) => {
                let _ = child.kill();
                return Err(format!("waiting for {GILDED}: {e}"));
            }
        }
    };
    let elapsed = start.elapsed();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok((
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
        status.code(),
        elapsed,
    ))
}
