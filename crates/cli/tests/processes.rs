//! The processes suite. Two kinds of trials, run one at a time whatever
//! `--test-threads` says (they time processes and look at the whole machine's
//! process table):
//!
//! - `processes/<name>`: every `tests/processes/<name>.py`, run under the `gilded`
//!   binary. Each program is self-checking for what CPython cannot give expected
//!   output for (`spawn_process`, the child's `__mp_main__`, refused arguments, lost
//!   updates on shared memory, killed pool workers): it exits 0 when every check
//!   held; a failed check prints the measured numbers. On top of the program's own
//!   checks, no process it started may outlive it (see below).
//! - `processes/cleanup_<case>`: harness-level checks that nothing outlives a gilded
//!   parent: the parent exits normally, by an uncaught exception, by SIGINT and by
//!   SIGKILL; its children (spawn_process, multiprocessing.Process daemonic or not,
//!   Pool and ProcessPoolExecutor workers) must all be gone — not running, not
//!   zombies — and `/dev/shm` must have no new entries.
//!
//! How "gone" is checked: every run gets a unique `GILDED_TEST_RUN_MARKER=<value>`
//! in its environment, which children inherit; after the parent ends (and a grace
//! period for children that are exiting) no process in `/proc` may have the marker
//! in its environment. The cleanup programs also print the pid and start time of
//! every descendant they see (`DESCENDANT <pid> <starttime>`, read from `/proc`), and
//! each of those `/proc/<pid>` must be gone (or belong to a new process).
//!
//!     cargo test --release -p gilded-cli --test processes -- spawn_signals
//!
//! Directives, in `#` comment lines at the top of a program (as in `gil_contention`):
//! `# gilded-args: ...`, `# gilded-env: NAME=VALUE`, `# gilded-expect-stdout: TEXT`,
//! `# gilded-expect-stderr: TEXT`, `# gilded-max-seconds: S`.
//!
//! The time limit per program is 60 s (override with `GILDED_PROCESSES_TIMEOUT`, in
//! seconds); a program still running then is killed and its trial fails.

mod support;

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use support::{
    failure_report, python_files, read_directives, repo_path, run, tail, timeout_from_env, GILDED,
};

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let mut args = Arguments::from_args();
    args.test_threads = Some(1);
    let show_output = args.nocapture;
    let timeout = timeout_from_env("GILDED_PROCESSES_TIMEOUT", 60);
    let programs = python_files(&repo_path(&["tests", "processes"]));
    if programs.is_empty() {
        eprintln!("no programs found under tests/processes");
        std::process::exit(101);
    }
    let mut trials: Vec<Trial> = programs
        .into_iter()
        .map(|py| {
            let stem = py
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(format!("processes/{stem}"), move || {
                run_program(&py, timeout, show_output)
            })
        })
        .collect();
    for case in CLEANUP_CASES {
        trials.push(Trial::test(
            format!("processes/cleanup_{}", case.name),
            move || run_cleanup_case(case, timeout),
        ));
    }
    libtest_mimic::run(&args, trials).exit()
}

/// Output longer than this (per stream) is cut in a failure report, keeping the end,
/// where the failed assert is.
const MAX_SHOWN_BYTES: usize = 8000;

fn run_program(py: &Path, timeout: Duration, show_output: bool) -> Result<(), Failed> {
    let source =
        fs::read_to_string(py).map_err(|e| format!("cannot read {}: {e}", py.display()))?;
    let d = read_directives(&source)?;
    let dir = py.parent().expect("program has a parent directory");
    let file = py.file_name().expect("program has a file name");

    let marker = new_marker();
    let mut cmd = d.command(dir, file);
    cmd.env(MARKER_VAR, &marker);
    let shown_cmd = d.shown_command(file);

    let out = run(cmd, timeout);
    // Whatever happened, nothing the program started may outlive it.
    let survivors = marked_survivors(&marker, SURVIVOR_GRACE);
    kill_marked(&marker);
    let out = out.map_err(|e| format!("{e}\n(command, in tests/processes: {shown_cmd})"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if show_output {
        print!("{stdout}");
    }

    let mut problems = d.problems(&out, &stdout, &stderr);
    if !survivors.is_empty() {
        problems.push(format!(
            "processes started by the program outlived it: {}",
            describe(&survivors)
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(failure_report(
        &problems,
        "tests/processes",
        &shown_cmd,
        &out,
        &stdout,
        &stderr,
        MAX_SHOWN_BYTES,
    )
    .into())
}

// ---------------------------------------------------------------------------
// Nothing outlives the parent.

/// The environment variable whose unique value marks every process of one run.
const MARKER_VAR: &str = "GILDED_TEST_RUN_MARKER";
/// How long children may take to go after their parent ended.
const SURVIVOR_GRACE: Duration = Duration::from_secs(5);

fn new_marker() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}-{}-{}",
        std::process::id(),
        nanos,
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// One process seen in /proc: pid, state letter, command line.
struct Proc {
    pid: i32,
    state: String,
    cmdline: String,
}

fn describe(procs: &[Proc]) -> String {
    procs
        .iter()
        .map(|p| format!("pid {} (state {}, {:?})", p.pid, p.state, p.cmdline))
        .collect::<Vec<_>>()
        .join("; ")
}

/// (state letter, start time in clock ticks) of a live /proc entry.
fn stat_of(pid: i32) -> Option<(String, String)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some((fields.first()?.to_string(), fields.get(19)?.to_string()))
}

fn cmdline_of(pid: i32) -> String {
    fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| {
            String::from_utf8_lossy(&b)
                .replace('\0', " ")
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

/// Processes (other than this one) whose environment carries `marker`.
fn marked_processes(marker: &str) -> Vec<Proc> {
    let needle = format!("{MARKER_VAR}={marker}");
    let me = std::process::id() as i32;
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(env) = fs::read(format!("/proc/{pid}/environ")) else {
            continue;
        };
        if env.split(|&b| b == 0).any(|var| var == needle.as_bytes()) {
            let state = stat_of(pid).map(|s| s.0).unwrap_or_else(|| "?".into());
            found.push(Proc {
                pid,
                state,
                cmdline: cmdline_of(pid),
            });
        }
    }
    found
}

/// The marked processes still there after waiting up to `grace` for them to go.
fn marked_survivors(marker: &str, grace: Duration) -> Vec<Proc> {
    let start = Instant::now();
    loop {
        let left = marked_processes(marker);
        if left.is_empty() || start.elapsed() >= grace {
            return left;
        }
        thread::sleep(Duration::from_millis(50));
    }
}

/// SIGKILL whatever of a run is still around, so one failure does not leak into the
/// next trials.
fn kill_marked(marker: &str) {
    for p in marked_processes(marker) {
        unsafe {
            libc::kill(p.pid, libc::SIGKILL);
        }
    }
}

/// The entries of /dev/shm.
fn shm_entries() -> HashSet<String> {
    fs::read_dir("/dev/shm")
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// How a cleanup case ends its parent.
#[derive(Clone, Copy)]
enum Ending {
    /// The script runs to its end.
    Normal,
    /// The script raises an exception nobody catches.
    Uncaught,
    /// The harness sends this signal once the script printed READY.
    Signal(i32),
}

#[derive(Clone, Copy)]
struct CleanupCase {
    name: &'static str,
    ending: Ending,
    /// Whether the script also starts children that are not daemonic and would run
    /// for 30 s (only a signal may end those early).
    long_children: bool,
    /// The parent must be gone within this many seconds of the READY line.
    max_seconds: u64,
}

const CLEANUP_CASES: &[CleanupCase] = &[
    CleanupCase {
        name: "normal_exit",
        ending: Ending::Normal,
        long_children: false,
        max_seconds: 15,
    },
    CleanupCase {
        name: "uncaught_exception",
        ending: Ending::Uncaught,
        long_children: false,
        max_seconds: 15,
    },
    CleanupCase {
        name: "sigint",
        ending: Ending::Signal(libc::SIGINT),
        long_children: true,
        max_seconds: 15,
    },
    CleanupCase {
        name: "sigterm",
        ending: Ending::Signal(libc::SIGTERM),
        long_children: true,
        max_seconds: 15,
    },
    CleanupCase {
        name: "sigkill",
        ending: Ending::Signal(libc::SIGKILL),
        long_children: true,
        max_seconds: 5,
    },
];

/// The gilded program of a cleanup case: start one child of every kind, print every
/// descendant seen in /proc, print READY, then end as the case says.
const CLEANUP_PROGRAM: &str = r#"
import os
import sys
import time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

LONG_CHILDREN = __LONG__
ENDING = "__ENDING__"


def descendants():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append((int(entry), fields[19]))
    found, todo = [], [os.getpid()]
    while todo:
        for pid, start in children.get(todo.pop(), []):
            found.append((pid, start))
            todo.append(pid)
    return found


def sleeper(seconds):
    time.sleep(seconds)


def square(x):
    return x * x


keep = [spawn_process(sleeper, 0.5)]
procs = [multiprocessing.Process(target=sleeper, args=(30,), daemon=True)]
if LONG_CHILDREN:
    keep.append(spawn_process(sleeper, 30))
    procs.append(multiprocessing.Process(target=sleeper, args=(30,)))
for p in procs:
    p.start()
pool = multiprocessing.Pool(2)
assert pool.map(square, range(4)) == [0, 1, 4, 9]
executor = ProcessPoolExecutor(max_workers=2)
assert executor.submit(square, 3).result() == 9
shared = (multiprocessing.Value("i", 1), multiprocessing.Array("d", 8), multiprocessing.Lock(),
          multiprocessing.Semaphore(2), multiprocessing.Event(), multiprocessing.Queue(), multiprocessing.Pipe())
shared[5].put("x")
time.sleep(0.2)
for pid, start in descendants():
    print("DESCENDANT", pid, start, flush=True)
print("READY", flush=True)
if ENDING == "uncaught":
    raise RuntimeError("boom at the top level")
if ENDING == "signal":
    time.sleep(60)
    print("the signal did not end the parent", flush=True)
"#;

fn run_cleanup_case(case: &CleanupCase, timeout: Duration) -> Result<(), Failed> {
    let dir = std::env::temp_dir().join(format!("gilded-cleanup-{}", new_marker()));
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let script: PathBuf = dir.join(format!("cleanup_{}.py", case.name));
    let ending = match case.ending {
        Ending::Normal => "normal",
        Ending::Uncaught => "uncaught",
        Ending::Signal(_) => "signal",
    };
    let source = CLEANUP_PROGRAM
        .replace(
            "__LONG__",
            if case.long_children { "True" } else { "False" },
        )
        .replace("__ENDING__", ending);
    fs::write(&script, source).map_err(|e| format!("cannot write {}: {e}", script.display()))?;
    let result = cleanup_run(case, &script, timeout);
    let _ = fs::remove_dir_all(&dir);
    result
}

fn cleanup_run(case: &CleanupCase, script: &Path, timeout: Duration) -> Result<(), Failed> {
    let shm_before = shm_entries();
    let marker = new_marker();
    let mut child = Command::new(GILDED)
        .arg(script.file_name().expect("file name"))
        .current_dir(script.parent().expect("dir"))
        .env("PYTHONHASHSEED", "0")
        .env(MARKER_VAR, &marker)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {GILDED}: {e}"))?;
    let gilded_pid = child.id() as i32;
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().expect("piped");
    let out_reader = thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line.clone());
            lines.push(line);
        }
        lines
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    });

    let mut problems = Vec::new();
    // Wait for READY.
    let start = Instant::now();
    let mut ready_at = None;
    while start.elapsed() < timeout {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(line) if line == "READY" => {
                ready_at = Some(Instant::now());
                break;
            }
            Ok(_) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    if ready_at.is_none() {
        problems.push("the program never printed READY".to_string());
    }
    if let (Some(_), Ending::Signal(sig)) = (ready_at, case.ending) {
        unsafe {
            libc::kill(gilded_pid, sig);
        }
    }
    // Wait for the parent to end.
    let since = ready_at.unwrap_or_else(Instant::now);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if since.elapsed() >= Duration::from_secs(case.max_seconds.max(1) + 30) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let took = since.elapsed();
    let survivors = marked_survivors(&marker, SURVIVOR_GRACE);
    kill_marked(&marker);
    let lines = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();

    match status {
        None => problems.push(format!(
            "the parent did not end within {} s of READY; killed",
            case.max_seconds + 30
        )),
        Some(status) => {
            use std::os::unix::process::ExitStatusExt;
            let (code, signal) = (status.code(), status.signal());
            match case.ending {
                Ending::Normal if code != Some(0) => problems.push(format!(
                    "exit status {code:?} / signal {signal:?}, expected 0"
                )),
                Ending::Uncaught => {
                    if code != Some(1) {
                        problems.push(format!(
                            "exit status {code:?} / signal {signal:?}, expected 1"
                        ));
                    }
                    if !stderr.contains("RuntimeError: boom at the top level") {
                        problems.push("stderr lacks the uncaught RuntimeError".to_string());
                    }
                }
                Ending::Signal(libc::SIGKILL) if signal != Some(libc::SIGKILL) => problems.push(
                    format!("exit status {code:?} / signal {signal:?}, expected SIGKILL"),
                ),
                Ending::Signal(_) if code == Some(0) => {
                    problems.push("the parent exited 0 after the signal".to_string())
                }
                _ => {}
            }
            if took.as_secs_f64() > case.max_seconds as f64 {
                problems.push(format!(
                    "the parent took {:.2} s after READY to end, more than {} s",
                    took.as_secs_f64(),
                    case.max_seconds
                ));
            }
        }
    }
    if lines
        .iter()
        .any(|l| l == "the signal did not end the parent")
    {
        problems.push("the signal did not end the parent's sleep".to_string());
    }

    // Every descendant it saw must be gone (a pid reused by a new process has another
    // start time). Zombies count as left over.
    let descendants: Vec<(i32, String)> = lines
        .iter()
        .filter_map(|l| {
            let mut w = l.strip_prefix("DESCENDANT ")?.split_whitespace();
            Some((w.next()?.parse().ok()?, w.next()?.to_string()))
        })
        .collect();
    let expected_min = if case.long_children { 7 } else { 5 };
    if ready_at.is_some() && descendants.len() < expected_min {
        problems.push(format!(
            "the program saw only {} descendant(s), expected at least {expected_min}",
            descendants.len()
        ));
    }
    let deadline = Instant::now() + SURVIVOR_GRACE;
    let mut left: Vec<String>;
    loop {
        left = descendants
            .iter()
            .filter_map(|(pid, start)| match stat_of(*pid) {
                Some((state, st)) if &st == start => {
                    Some(format!("pid {pid} (state {state}, {:?})", cmdline_of(*pid)))
                }
                _ => None,
            })
            .collect();
        if left.is_empty() || Instant::now() >= deadline {
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    if !left.is_empty() {
        problems.push(format!(
            "descendants still present after the parent ended: {}",
            left.join("; ")
        ));
        for (pid, _) in &descendants {
            unsafe {
                libc::kill(*pid, libc::SIGKILL);
            }
        }
    }
    if !survivors.is_empty() {
        problems.push(format!(
            "processes of the run still present: {}",
            describe(&survivors)
        ));
    }

    // /dev/shm: nothing new that stays (another program's entry may come and go).
    let new: Vec<String> = shm_entries().difference(&shm_before).cloned().collect();
    if !new.is_empty() {
        thread::sleep(Duration::from_secs(1));
        let now = shm_entries();
        let stayed: Vec<&String> = new.iter().filter(|n| now.contains(*n)).collect();
        if !stayed.is_empty() {
            problems.push(format!("new entries in /dev/shm: {stayed:?}"));
        }
    }

    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\ncase: {} (parent pid {gilded_pid})\n--- stdout ---\n{}\n--- stderr ---\n{}",
        problems.join("\n"),
        case.name,
        tail(&lines.join("\n"), MAX_SHOWN_BYTES),
        tail(&stderr, MAX_SHOWN_BYTES)
    )
    .into())
}
