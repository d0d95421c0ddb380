//! The `gilded` command line, run as a real process: argument handling, sys.argv,
//! exit statuses, error formats, `--dis`, programs on stdin and Ctrl-C (SIGINT).

mod support;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::temp_dir::TempDir;

const GILDED: &str = env!("CARGO_BIN_EXE_gilded");

/// Runs `gilded` with `args`, feeding `stdin` (closed when None).
fn gilded(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(GILDED)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gilded");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(text.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for gilded")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir() -> TempDir {
    TempDir::new("gilded-cli-test")
}

fn write_file(dir: &Path, name: &str, text: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write file");
    path.display().to_string()
}

#[test]
fn dash_c_passes_the_remaining_words_to_sys_argv() {
    let o = gilded(
        &["-c", "import sys; print(sys.argv)", "a", "-x", "--foo"],
        None,
    );
    assert_eq!(stderr(&o), "");
    assert_eq!(stdout(&o), "['-c', 'a', '-x', '--foo']\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_script_gets_its_path_and_arguments_in_sys_argv() {
    let dir = temp_dir();
    let path = write_file(
        &dir,
        "args.py",
        b"import sys\nprint(sys.argv[1:])\nprint(__name__)\n",
    );
    let o = gilded(&[&path, "-i", "--dis", "x"], None);
    assert_eq!(stderr(&o), "");
    assert_eq!(stdout(&o), "['-i', '--dis', 'x']\n__main__\n");
}

#[test]
fn clean_exit_is_status_zero() {
    let o = gilded(&["-c", "print('ok')"], None);
    assert_eq!(stdout(&o), "ok\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn sys_exit_sets_the_status() {
    let o = gilded(&["-c", "import sys; sys.exit(3)"], None);
    assert_eq!(stderr(&o), "");
    assert_eq!(o.status.code(), Some(3));
    let o = gilded(&["-c", "raise SystemExit(4)"], None);
    assert_eq!(o.status.code(), Some(4));
    let o = gilded(&["-c", "raise SystemExit"], None);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn system_exit_with_a_message_prints_it_and_exits_one() {
    let o = gilded(&["-c", "raise SystemExit('bye')"], None);
    assert_eq!(stderr(&o), "bye\n");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn exit_status_keeps_the_low_eight_bits() {
    let o = gilded(&["-c", "raise SystemExit(256)"], None);
    assert_eq!(o.status.code(), Some(0));
    let o = gilded(&["-c", "raise SystemExit(-1)"], None);
    assert_eq!(o.status.code(), Some(255));
}

#[test]
fn uncaught_exception_prints_a_traceback_and_exits_one() {
    let o = gilded(&["-c", "print('before')\nraise ValueError('boom')"], None);
    assert_eq!(stdout(&o), "before\n");
    assert_eq!(
        stderr(&o),
        "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\nValueError: boom\n"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn syntax_error_uses_cpython_format() {
    let o = gilded(&["-c", "x = 1\n1 +"], None);
    assert_eq!(
        stderr(&o),
        "  File \"<string>\", line 2\n    1 +\n       ^\nSyntaxError: invalid syntax\n"
    );
    assert_eq!(o.status.code(), Some(1));

    let dir = temp_dir();
    let path = write_file(&dir, "bad.py", b"def f(:\n    pass\n");
    let o = gilded(&[&path], None);
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("  File \"{path}\", line 1\n    def f(:\n")),
        "{err}"
    );
    assert!(err.ends_with("SyntaxError: invalid syntax\n"), "{err}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn missing_file_is_status_two_with_the_absolute_path() {
    let dir = temp_dir();
    let path = dir.join("nope.py").display().to_string();
    let o = gilded(&[&path], None);
    assert_eq!(
        stderr(&o),
        format!("gilded: can't open file '{path}': [Errno 2] No such file or directory\n")
    );
    assert_eq!(o.status.code(), Some(2));

    // A relative path is reported joined to the working directory.
    let o = Command::new(GILDED)
        .arg("nope.py")
        .current_dir(&dir.0)
        .output()
        .expect("run gilded");
    let cwd = std::fs::canonicalize(&dir.0).unwrap_or(dir.0.clone());
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        err == format!(
            "gilded: can't open file '{}/nope.py': [Errno 2] No such file or directory\n",
            cwd.display()
        ) || err
            == format!("gilded: can't open file '{path}': [Errno 2] No such file or directory\n"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn undecodable_source_is_a_syntax_error() {
    let dir = temp_dir();
    let path = write_file(&dir, "latin.py", b"x = 1\n\xff\n");
    let o = gilded(&[&path], None);
    assert_eq!(
        stderr(&o),
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\xff' in file {path} on line 2, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details\n"
        )
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn version_and_help() {
    for flag in ["--version", "-V"] {
        let o = gilded(&[flag], None);
        assert_eq!(stdout(&o), "gilded 0.1.0 (Python 3.11 compatible)\n");
        assert_eq!(o.status.code(), Some(0));
    }
    for flag in ["--help", "-h"] {
        let o = gilded(&[flag], None);
        let out = stdout(&o);
        assert!(
            out.starts_with("usage: gilded [option] ... [-c cmd | file | -] [arg] ...\n"),
            "{out}"
        );
        for needle in ["-c cmd", "-i ", "--dis", "--version"] {
            assert!(out.contains(needle), "{needle} missing from help:\n{out}");
        }
        assert_eq!(o.status.code(), Some(0));
    }
}

#[test]
fn unknown_options_are_usage_errors() {
    let o = gilded(&["--foo"], None);
    assert_eq!(
        stderr(&o),
        "unknown option --foo\nusage: gilded [option] ... [-c cmd | file | -] [arg] ...\n\
         Try `gilded -h' for more information.\n"
    );
    assert_eq!(o.status.code(), Some(2));
    let o = gilded(&["-Z"], None);
    assert!(
        stderr(&o).starts_with("Unknown option: -Z\nusage: gilded"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(2));
    let o = gilded(&["-c"], None);
    assert!(
        stderr(&o).starts_with("Argument expected for the -c option\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn dis_prints_bytecode_with_nested_code_objects() {
    let dir = temp_dir();
    let path = write_file(
        &dir,
        "small.py",
        b"def add(a, b):\n    return a + b\nx = add(1, 2)\n",
    );
    let o = gilded(&["--dis", &path], None);
    let out = stdout(&o);
    assert_eq!(stderr(&o), "");
    assert!(out.contains("LOAD_CONST"), "{out}");
    assert!(out.contains("BINARY_OP"), "{out}");
    assert!(out.contains("Disassembly of <code object add"), "{out}");
    assert_eq!(o.status.code(), Some(0));

    let o = gilded(&["--dis", "-c", "y = 2 * 3"], None);
    assert!(stdout(&o).contains("STORE_NAME"), "{}", stdout(&o));

    let missing = dir.join("missing.py").display().to_string();
    let o = gilded(&["--dis", &missing], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("gilded: can't open file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn program_from_piped_stdin() {
    let o = gilded(&[], Some("import sys\nx = 6\nprint(x * 7, sys.argv)\n"));
    assert_eq!(stderr(&o), "");
    assert_eq!(stdout(&o), "42 ['']\n");
    assert_eq!(o.status.code(), Some(0));

    let o = gilded(&["-", "a", "b"], Some("import sys\nprint(sys.argv)\n"));
    assert_eq!(stdout(&o), "['-', 'a', 'b']\n");

    let o = gilded(&[], Some("raise KeyError('k')\n"));
    assert_eq!(
        stderr(&o),
        "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn inspect_runs_the_repl_on_the_programs_globals() {
    // stdin is not a terminal: prompts go to stderr, values to stdout (as CPython).
    let o = gilded(&["-i", "-c", "x = 5"], Some("x * 2\nprint(x)\n"));
    assert_eq!(stdout(&o), "10\n5\n");
    assert_eq!(stderr(&o), ">>> >>> >>> \n");
    assert_eq!(o.status.code(), Some(0));

    // With -i, even SystemExit just prints its traceback before the REPL.
    let o = gilded(&["-i", "-c", "y = 1\nraise SystemExit(3)"], Some("y\n"));
    assert_eq!(stdout(&o), "1\n");
    assert!(stderr(&o).contains("SystemExit: 3\n>>> "), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn repl_on_piped_stdin_with_dash_i_keeps_state_after_errors() {
    let o = gilded(
        &["-i", "-q"],
        Some("a = 2\nundefined_name\na + 40\nimport sys\nsys.exit(7)\n"),
    );
    assert_eq!(stdout(&o), "42\n");
    let err = stderr(&o);
    assert!(
        err.contains("NameError: name 'undefined_name' is not defined"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(7));
}

#[test]
fn end_of_input_finishes_an_open_entry() {
    let o = gilded(&["-i", "-q"], Some("if True:\n  print(5)\n"));
    assert_eq!(stdout(&o), "5\n");
    assert_eq!(stderr(&o), ">>> ... ... \n>>> \n");
    let o = gilded(&["-i", "-q"], Some("[1,\n"));
    assert_eq!(
        stderr(&o),
        ">>> ... \n  File \"<stdin>\", line 1\n    [1,\n    ^\nSyntaxError: '[' was never closed\n>>> \n"
    );
    assert_eq!(o.status.code(), Some(0));
}

/// True once `pid` has a SIGINT handler installed (so the signal will not kill it).
fn catches_sigint(pid: u32) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (libc::SIGINT - 1)) != 0)
}

fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn sigint_interrupts_a_running_script() {
    let dir = temp_dir();
    let path = write_file(&dir, "spin.py", b"n = 0\nwhile True:\n    n += 1\n");
    let mut child = Command::new(GILDED)
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gilded");
    let start = Instant::now();
    while !catches_sigint(child.id()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "gilded never installed its SIGINT handler"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let the loop get going, then interrupt it.
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let status = wait_with_timeout(&mut child, Duration::from_secs(30));
    if status.is_none() {
        let _ = child.kill();
    }
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    let status = status.expect("gilded did not stop after SIGINT");
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(err.contains(&format!("  File \"{path}\", line ")), "{err}");
    assert!(err.ends_with("KeyboardInterrupt\n"), "{err}");
    assert_eq!(status.code(), Some(130));
}

#[test]
fn trace_switch_prints_each_instruction_and_the_stack() {
    let out = Command::new(env!("CARGO_BIN_EXE_gilded"))
        .args(["-c", "x = 40\nprint(x + 2)"])
        .env("GILDED_TRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run gilded");
    assert_eq!(stdout(&out), "42\n");
    let err = stderr(&out);
    assert!(err.contains("[trace] <module>:1"), "{err}");
    assert!(err.contains("STORE_NAME 0 (x)"), "{err}");
    assert!(
        err.contains("BINARY_OP 0 (+)")
            && err.contains("stack(top first): [2, 40, <builtin_function_or_method>]"),
        "{err}"
    );
}

#[test]
fn dash_c_functions_run_in_child_processes() {
    let code = "import sys\n\
                def f(x):\n    return (__name__, x * 2, sys.argv[1:])\n\
                print(spawn_process(f, 21).join())\n\
                def g():\n    raise ValueError('in the child')\n\
                spawn_process(g).join()\n";
    let o = gilded(&["-c", code, "extra"], None);
    assert_eq!(stdout(&o), "('__mp_main__', 42, ['extra'])\n");
    let err = stderr(&o);
    assert!(err.contains("_gilded_mp.RemoteTraceback"), "{err}");
    assert!(
        err.contains("  File \"<string>\", line 6, in g\n"),
        "the child's traceback names the -c code: {err}"
    );
    assert!(err.ends_with("ValueError: in the child\n"), "{err}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_worker_mode_refuses_bad_descriptors_without_panicking() {
    let o = gilded(&["--mp-worker", "x", "y"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = gilded(&["--mp-worker", "0", "1"], Some("not a request"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("gilded worker: "), "{}", stderr(&o));
}
