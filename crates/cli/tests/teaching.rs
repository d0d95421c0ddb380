//! The teaching scripts stay true: run every `scripts/<folder>/<name>.py` (folders
//! `threads`, `memory`, `processes`) under the `gilded` binary and require exit status 0
//! and that every claim it checked held.
//!
//! Each script ends with explicit claim checks that print one line each,
//! `CLAIM HELD: <claim> (<measured numbers>)` or `CLAIM FAILED: ...` (and it exits
//! non-zero when one fails). A trial fails when the script exits non-zero, prints no
//! claim at all, or prints any claim line that does not say HELD (a claim skipped
//! under gilded is a failure too: gilded has every statistic the scripts use).
//!
//! The seed articles' claims are indexed in `scripts/CLAIMS.md`: each row names the
//! script that checks the claim and the beginning of the `CLAIM` line that checks it,
//! and that script's trial fails unless such a line says HELD. The trial
//! `claims-index` checks the index itself: it parses, every script and every
//! conformance program it names exists, and every folder's scripts are there.
//!
//! One trial per script, named `<folder>/<name>`, run one at a
//! time whatever `--test-threads` says: the scripts time threads and processes
//! against each other.
//!
//!     cargo test --release -p gilded-cli --test teaching -- race
//!
//! Every script runs with `--timeline --trace FILE --stats-json FILE` as well, so every
//! lesson is also a test of the views: the timeline must be drawn, the report must
//! validate against its schema and keep its invariants, and the trace must match it.
//!
//! The time limit per script is 60 s (override with `GILDED_TEACHING_TIMEOUT`).

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use support::claims_index::{self, IndexedClaim};
use support::{observed, python_files, repo_path, run, tail, timeout_from_env, GILDED};

use libtest_mimic::{Arguments, Failed, Trial};

/// Output longer than this (per stream) is cut in a failure report, keeping the end.
const MAX_SHOWN_BYTES: usize = 8000;
/// Every claim line starts with this; the word after it says how the claim fared.
const CLAIM_PREFIX: &str = "CLAIM ";
const HELD_PREFIX: &str = "CLAIM HELD:";
/// The first words of the `--timeline` picture.
const TIMELINE_HEADER: &str = "GIL timeline:";

/// The folders of scripts, each a trial-name prefix: `scripts/<folder>/<name>.py`.
const FOLDERS: &[&str] = &["threads", "memory", "processes"];
/// The index of the seed articles' claims, below `scripts/`.
const CLAIMS_INDEX: &str = "CLAIMS.md";

fn main() {
    let mut args = Arguments::from_args();
    args.test_threads = Some(1);
    let show_output = args.nocapture;
    let timeout = timeout_from_env("GILDED_TEACHING_TIMEOUT", 60);
    let index = std::fs::read_to_string(repo_path(&["scripts", CLAIMS_INDEX])).unwrap_or_default();
    let indexed = claims_index::claims(&index).unwrap_or_default();
    let mut trials = vec![Trial::test("claims-index", move || check_index(&index))];
    for folder in FOLDERS {
        let scripts = python_files(&repo_path(&["scripts", folder]));
        if scripts.is_empty() {
            eprintln!("no scripts found under scripts/{folder}");
            std::process::exit(101);
        }
        for py in scripts {
            let stem = py
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = format!("{folder}/{stem}");
            let expected: Vec<String> = indexed
                .iter()
                .filter(|c| c.script == format!("{name}.py"))
                .flat_map(|c| c.checked_by.iter().cloned())
                .collect();
            trials.push(Trial::test(name, move || {
                run_script(&py, &expected, timeout, show_output)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit()
}

/// The index parses, names only scripts and programs that exist, checks at least one
/// claim of every script folder, and every row says how it is checked.
fn check_index(text: &str) -> Result<(), Failed> {
    let claims: Vec<IndexedClaim> =
        claims_index::claims(text).map_err(|e| format!("scripts/{CLAIMS_INDEX}: {e}"))?;
    let samples =
        claims_index::samples(text).map_err(|e| format!("scripts/{CLAIMS_INDEX}: {e}"))?;
    let mut problems = Vec::new();
    if claims.is_empty() || samples.is_empty() {
        problems.push(format!(
            "scripts/{CLAIMS_INDEX} lists no claims or no samples"
        ));
    }
    for c in &claims {
        if !repo_path(&["scripts", &c.script]).is_file() {
            problems.push(format!("{:?}: no script scripts/{}", c.claim, c.script));
        }
    }
    for s in &samples {
        if !repo_path(&[&s.program]).is_file() {
            problems.push(format!("{:?}: no program {}", s.sample, s.program));
        }
    }
    for folder in FOLDERS {
        if !claims
            .iter()
            .any(|c| c.script.starts_with(&format!("{folder}/")))
        {
            problems.push(format!(
                "no claim of the index is checked in scripts/{folder}/"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// Runs one script; `expected` are the beginnings of claim lines the index says it
/// prints (each must be among its held claims).
fn run_script(
    py: &Path,
    expected: &[String],
    timeout: Duration,
    show_output: bool,
) -> Result<(), Failed> {
    let dir = py.parent().expect("script has a parent directory");
    let file = py.file_name().expect("script has a file name");
    let stem = py.file_stem().unwrap_or_default().to_string_lossy();
    let scratch = std::env::temp_dir();
    let stats_path = scratch.join(format!(
        "gilded-teaching-{}-{stem}.stats.json",
        std::process::id()
    ));
    let trace_path = scratch.join(format!(
        "gilded-teaching-{}-{stem}.trace.json",
        std::process::id()
    ));
    let mut cmd = Command::new(GILDED);
    cmd.arg("--timeline")
        .arg("--trace")
        .arg(&trace_path)
        .arg("--stats-json")
        .arg(&stats_path)
        .arg(file)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("COLUMNS", "100");
    let out = run(cmd, timeout)?;
    let stats_text = std::fs::read_to_string(&stats_path).unwrap_or_default();
    let trace_text = std::fs::read_to_string(&trace_path).unwrap_or_default();
    let _ = std::fs::remove_file(&stats_path);
    let _ = std::fs::remove_file(&trace_path);
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
    for prefix in expected {
        let held = claims.iter().any(|c| {
            c.strip_prefix(HELD_PREFIX)
                .is_some_and(|rest| rest.trim_start().starts_with(prefix.as_str()))
        });
        if !held {
            problems.push(format!(
                "scripts/{CLAIMS_INDEX} expects a held claim beginning {prefix:?}"
            ));
        }
    }
    if !stderr.contains(TIMELINE_HEADER) {
        problems.push("--timeline drew no timeline on stderr".to_string());
    }
    problems.extend(observed::stats_problems(&stats_text));
    problems.extend(observed::trace_problems(&trace_text, &stats_text));
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\nscript: scripts/{}/{}\nelapsed: {:.2} s\n--- stdout ---\n{}--- stderr ---\n{}",
        problems.join("\n"),
        dir.file_name().unwrap_or_default().to_string_lossy(),
        file.to_string_lossy(),
        elapsed.as_secs_f64(),
        tail(&stdout, MAX_SHOWN_BYTES),
        tail(&stderr, MAX_SHOWN_BYTES)
    )
    .into())
}
