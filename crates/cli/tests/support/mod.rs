//! What the harnesses that drive the `gilded` binary share: finding programs, running
//! one with a time limit while draining its pipes, trimming output for reports,
//! scratch directories, and reading the claims index and the README's examples.
//! (Each harness uses a different part of it, hence the `dead_code` allowance.)
#![allow(dead_code)]

pub mod claims_index;
pub mod observed;
pub mod readme_blocks;
pub mod temp_dir;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The binary under test.
pub const GILDED: &str = env!("CARGO_BIN_EXE_gilded");

/// How a run ended.
pub struct Outcome {
    /// Everything written to stdout.
    pub stdout: Vec<u8>,
    /// Everything written to stderr.
    pub stderr: Vec<u8>,
    /// The exit code (None when killed by a signal).
    pub code: Option<i32>,
    /// The signal that killed it, if any.
    pub signal: Option<i32>,
    /// Wall-clock time from start to exit.
    pub elapsed: Duration,
}

/// A path below the repository root: `repo_path(&["tests", "gil"])`.
pub fn repo_path(parts: &[&str]) -> PathBuf {
    let mut path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..");
    for part in parts {
        path.push(part);
    }
    path
}

/// The `.py` files directly in `dir`, sorted.
pub fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A time limit in seconds from the environment variable `var`, else `default`.
pub fn timeout_from_env(var: &str, default: u64) -> Duration {
    Duration::from_secs(
        std::env::var(var)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(default),
    )
}

/// The end of `s`, at most `max` bytes (the end is where a failed assert shows).
pub fn tail(s: &str, max: usize) -> String {
    let mut start = s.len().saturating_sub(max);
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

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

/// Runs `cmd` (stdin from /dev/null) and waits at most `timeout`; a program that runs
/// longer is killed and reported with the end of what it printed.
pub fn run(mut cmd: Command, timeout: Duration) -> Result<Outcome, String> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {GILDED}: {e}"))?;
    // Drain both pipes on their own threads so a chatty child cannot block.
    let out_reader = drain(child.stdout.take().expect("stdout is piped"));
    let err_reader = drain(child.stderr.take().expect("stderr is piped"));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let stdout = out_reader.join().unwrap_or_default();
                return Err(format!(
                    "timed out after {} s; the program was killed (hang or deadlock?)\n\
                     --- stdout so far ---\n{}",
                    timeout.as_secs(),
                    tail(&String::from_utf8_lossy(&stdout), 8000)
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(2)),
            Err(e) => {
                let _ = child.kill();
                return Err(format!("waiting for {GILDED}: {e}"));
            }
        }
    };
    let elapsed = start.elapsed();
    Ok(Outcome {
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        code: status.code(),
        signal: std::os::unix::process::ExitStatusExt::signal(&status),
        elapsed,
    })
}

/// Runs every `.py` program directly in `dir` as a trial named `<prefix>/<stem>`,
/// one at a time whatever `--test-threads` says (the programs time threads against
/// each other). `check(program, timeout, show_output)` decides each trial; the time
/// limit is `timeout_var` seconds from the environment, else 60.
pub fn run_sequential_suite(
    dir: &Path,
    prefix: &'static str,
    timeout_var: &str,
    check: fn(&Path, Duration, bool) -> Result<(), libtest_mimic::Failed>,
) -> ! {
    let mut args = libtest_mimic::Arguments::from_args();
    args.test_threads = Some(1);
    let show_output = args.nocapture;
    let timeout = timeout_from_env(timeout_var, 60);
    let programs = python_files(dir);
    if programs.is_empty() {
        eprintln!("no programs found under {}", dir.display());
        std::process::exit(101);
    }
    let trials = programs
        .into_iter()
        .map(|py| {
            let stem = py
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            libtest_mimic::Trial::test(format!("{prefix}/{stem}"), move || {
                check(&py, timeout, show_output)
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit()
}

// ----- directives of self-checking programs (tests/gil, tests/processes) -----

/// What a program's leading comments ask of its run.
#[derive(Default)]
pub struct Directives {
    /// `gilded-args`: flags placed before the file name.
    pub args: Vec<String>,
    /// `gilded-env`: environment variables for the run.
    pub env: Vec<(String, String)>,
    /// `gilded-expect-stdout`: text stdout must contain.
    pub expect_stdout: Vec<String>,
    /// `gilded-expect-stderr`: text stderr must contain.
    pub expect_stderr: Vec<String>,
    /// `gilded-max-seconds`: the whole run's time limit.
    pub max_seconds: Option<f64>,
}

/// Reads the directives of a program's leading comment block.
pub fn read_directives(source: &str) -> Result<Directives, String> {
    let mut d = Directives::default();
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(comment) = line.strip_prefix('#') else {
            break; // directives live in the leading comment block only
        };
        let Some((key, value)) = comment.trim().split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "gilded-args" => d.args.extend(value.split_whitespace().map(String::from)),
            "gilded-env" => {
                let (name, val) = value
                    .split_once('=')
                    .ok_or_else(|| format!("bad gilded-env directive: {value:?}"))?;
                d.env
                    .push((name.trim().to_string(), val.trim().to_string()));
            }
            "gilded-expect-stdout" => d.expect_stdout.push(value.to_string()),
            "gilded-expect-stderr" => d.expect_stderr.push(value.to_string()),
            "gilded-max-seconds" => {
                d.max_seconds = Some(
                    value
                        .parse()
                        .map_err(|e| format!("bad gilded-max-seconds {value:?}: {e}"))?,
                )
            }
            _ => {}
        }
    }
    Ok(d)
}

impl Directives {
    /// The command that runs `file` (in `dir`) as the directives ask.
    pub fn command(&self, dir: &Path, file: &std::ffi::OsStr) -> Command {
        let mut cmd = Command::new(GILDED);
        cmd.args(&self.args).arg(file).current_dir(dir);
        cmd.env("PYTHONHASHSEED", "0");
        for (name, value) in &self.env {
            cmd.env(name, value);
        }
        cmd
    }

    /// That command as a shell line, for failure reports.
    pub fn shown_command(&self, file: &std::ffi::OsStr) -> String {
        self.env
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .chain(std::iter::once("gilded".to_string()))
            .chain(self.args.iter().cloned())
            .chain(std::iter::once(file.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What is wrong with a run: a non-zero exit, missing expected output, too long.
    pub fn problems(&self, out: &Outcome, stdout: &str, stderr: &str) -> Vec<String> {
        let mut problems = Vec::new();
        if out.code != Some(0) {
            problems.push(match (out.code, out.signal) {
                (Some(c), _) => format!("exit code {c}, expected 0"),
                (None, Some(s)) => format!("killed by signal {s}"),
                _ => "no exit status".to_string(),
            });
        }
        for want in &self.expect_stdout {
            if !stdout.contains(want.as_str()) {
                problems.push(format!("stdout does not contain {want:?}"));
            }
        }
        for want in &self.expect_stderr {
            if !stderr.contains(want.as_str()) {
                problems.push(format!("stderr does not contain {want:?}"));
            }
        }
        if let Some(max) = self.max_seconds {
            if out.elapsed.as_secs_f64() > max {
                problems.push(format!(
                    "took {:.2} s, more than the {max} s allowed",
                    out.elapsed.as_secs_f64()
                ));
            }
        }
        problems
    }
}

/// The failure report of a self-checking program: what went wrong, how it was run,
/// and the ends of its output.
pub fn failure_report(
    problems: &[String],
    suite: &str,
    shown_cmd: &str,
    out: &Outcome,
    stdout: &str,
    stderr: &str,
    max_shown: usize,
) -> String {
    format!(
        "{}\ncommand (in {suite}): {shown_cmd}\nelapsed: {:.2} s\n--- stdout ---\n{}--- stderr ---\n{}",
        problems.join("\n"),
        out.elapsed.as_secs_f64(),
        tail(stdout, max_shown),
        tail(stderr, max_shown)
    )
}
