//! README.md shows what gilded prints, and this harness keeps it true: every example
//! marked `<!-- check: exact -->` or `<!-- check: shape -->` (see
//! `support/readme_blocks.rs`) is run as a newcomer would run it and its output
//! compared with the README's. The REPL session (`check: repl`) is replayed by the
//! REPL tests, through a terminal.
//!
//! The command runs under `sh` in a scratch directory that links to the repository's
//! `scripts/`, `tests/` and `docs/`, so files an example writes stay out of the tree;
//! `cargo run --release --` becomes the binary under test; stderr goes where stdout
//! goes, as on a terminal; `COLUMNS=80` sets the width of the pictures.
//!
//!     cargo test --release -p gilded-cli --test readme

mod support;

use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};
use support::readme_blocks::{examples, mismatch, Example};
use support::temp_dir::TempDir;
use support::{repo_path, run, timeout_from_env, GILDED};

/// How a README command starts; replaced by the binary under test.
const CARGO_RUN: &str = "cargo run --release --";
/// The width the README's pictures were captured at.
const COLUMNS: &str = "80";
/// The repository folders an example may name.
const LINKED: &[&str] = &["scripts", "tests", "docs"];

fn main() {
    let mut args = Arguments::from_args();
    // Examples time threads; one at a time keeps their figures like the README's.
    args.test_threads = Some(1);
    let readme = std::fs::read_to_string(repo_path(&["README.md"])).unwrap_or_default();
    let found = match examples(&readme) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(101);
        }
    };
    let mut trials = vec![];
    let checks_commands = found.iter().any(|e| e.command.is_some());
    let checks_session = found.iter().any(|e| e.mode == "repl");
    trials.push(Trial::test("readme/has-checked-examples", move || {
        if checks_commands && checks_session {
            Ok(())
        } else {
            Err("README.md has no checked command example or no checked REPL session".into())
        }
    }));
    trials.push(Trial::test("readme/shape-rules", shape_rules));
    for example in found.into_iter().filter(|e| e.mode != "repl") {
        trials.push(Trial::test(
            format!("readme/line-{}", example.line),
            move || check(&example),
        ));
    }
    libtest_mimic::run(&args, trials).exit()
}

/// A scratch directory with links to the repository folders an example may name.
fn scratch() -> Result<TempDir, String> {
    let dir = TempDir::new("gilded-readme");
    for name in LINKED {
        let target = repo_path(&[name])
            .canonicalize()
            .map_err(|e| format!("{name}: {e}"))?;
        std::os::unix::fs::symlink(target, dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(dir)
}

fn check(example: &Example) -> Result<(), Failed> {
    let command = example.command.as_deref().ok_or_else(|| {
        format!(
            "README.md:{}: a `{}` example needs a `$ ` command line",
            example.line, example.mode
        )
    })?;
    if !matches!(example.mode.as_str(), "exact" | "shape") {
        return Err(format!(
            "README.md:{}: unknown check mode {:?}",
            example.line, example.mode
        )
        .into());
    }
    if !command.contains(CARGO_RUN) {
        return Err(format!(
            "README.md:{}: the command does not run `{CARGO_RUN}`: {command}",
            example.line
        )
        .into());
    }
    let scratch = scratch()?;
    let script = format!(
        "exec 2>&1; {}",
        command.replace(CARGO_RUN, &format!("'{GILDED}'"))
    );
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(&script)
        .current_dir(&scratch.0)
        .env("COLUMNS", COLUMNS)
        .env_remove("GILDED_SWITCH_INTERVAL")
        .env_remove("GILDED_GIL_POLICY")
        .env_remove("GILDED_TRACE");
    let out = run(cmd, timeout_from_env("GILDED_README_TIMEOUT", 120))?;
    let printed = String::from_utf8_lossy(&out.stdout);
    match mismatch(&example.mode, &example.output, &printed) {
        None => Ok(()),
        Some(why) => Err(format!(
            "README.md:{} ({}): $ {command}\n{why}\n--- the run printed ---\n{printed}",
            example.line, example.mode
        )
        .into()),
    }
}

/// `shape` ignores timings and pictures, and still tells a renamed thread, a missing
/// row or a failed claim apart.
fn shape_rules() -> Result<(), Failed> {
    let readme = "calculator-0 │███░░░│ run  23%\nGIL timeline: 380.8 ms, policy fair, 5 threads";
    let run = "calculator-0 │░░███░│ run   7%\nGIL timeline: 412.0 ms, policy fair, 5 threads";
    let renamed = "calculator-9x │░░███░│ run   7%\nGIL timeline: 412.0 ms, policy fair, 5 threads";
    let mut problems = Vec::new();
    if let Some(why) = mismatch("shape", readme, run) {
        problems.push(format!("timings should not matter: {why}"));
    }
    if mismatch("shape", readme, renamed).is_none() {
        problems.push("a renamed thread went unnoticed".to_string());
    }
    if mismatch(
        "shape",
        readme,
        "GIL timeline: 412.0 ms, policy fair, 5 threads",
    )
    .is_none()
    {
        problems.push("a missing line went unnoticed".to_string());
    }
    if mismatch(
        "shape",
        "CLAIM HELD: fast (1 s)",
        "CLAIM FAILED: fast (9 s)",
    )
    .is_none()
    {
        problems.push("a failed claim went unnoticed".to_string());
    }
    if mismatch("exact", readme, run).is_none() {
        problems.push("exact accepted different text".to_string());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}
