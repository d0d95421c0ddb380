//! The REPL driven through a real terminal: each test runs `gilded` inside its own
//! detached tmux server, types with `send-keys` and reads the screen with
//! `capture-pane`. Every step waits for what it expects on screen (polling, with a
//! generous time limit) instead of sleeping, and each line is typed only once the
//! next prompt is showing, as a person would. A final test runs the REPL on piped
//! stdin (no terminal). The session README.md shows is replayed here too.

mod support;

use support::temp_dir::TempDir;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GILDED: &str = env!("CARGO_BIN_EXE_gilded");

/// How long any one expected screen state may take to appear.
const PATIENCE: Duration = Duration::from_secs(60);

fn temp_home() -> TempDir {
    TempDir::new("gilded-repl-home")
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Quotes a word for `sh`.
fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// One `gilded` running in a terminal of its own tmux server, whose socket lives in a
/// directory of its own (removed with it).
struct Terminal {
    socket: String,
    _dir: TempDir,
}

impl Terminal {
    /// Starts `gilded ARGS` with `HOME=home` in a 120×40 terminal. When gilded exits
    /// the pane shows `EXIT=<status>`.
    fn start(home: &Path, args: &[&str]) -> Terminal {
        let dir = TempDir::new("gilded-tmux");
        let socket = dir.0.join("socket").display().to_string();
        let mut command = format!(
            "env HOME={} {}",
            sh_quote(&home.display().to_string()),
            sh_quote(GILDED)
        );
        for a in args {
            command.push(' ');
            command.push_str(&sh_quote(a));
        }
        command.push_str("; echo EXIT=$?; sleep 600");
        let status = Command::new("tmux")
            .args([
                "-S",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "40",
                "-s",
                "t",
            ])
            .arg(&command)
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Terminal { socket, _dir: dir }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-S", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The whole screen and scrollback, wrapped lines joined, trailing blanks trimmed.
    fn screen(&self) -> String {
        let text = self.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", "t"]);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        lines.join("\n").trim_end().to_string()
    }

    /// Polls the screen until `ok` accepts it; fails with the screen after [`PATIENCE`].
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Waits until the screen ends with prompt number `n` (counting `>>> ` and `... `),
    /// with nothing typed after it yet.
    fn wait_prompt(&self, n: usize) -> String {
        self.wait_for(&format!("prompt #{n}"), |s| {
            prompt_count(s) >= n && s.lines().last().is_some_and(|l| l == ">>>" || l == "...")
        })
    }

    /// Types `text` and Enter once a fresh prompt shows, then waits for the next prompt.
    fn line(&self, text: &str) -> String {
        let before = self.wait_for("a prompt", |s| {
            s.lines().last().is_some_and(|l| l == ">>>" || l == "...")
        });
        let n = prompt_count(&before);
        self.send_literal(text);
        self.keys(&["Enter"]);
        self.wait_prompt(n + 1)
    }

    fn send_literal(&self, text: &str) {
        if !text.is_empty() {
            self.tmux(&["send-keys", "-t", "t", "-l", text]);
        }
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

fn prompt_count(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.starts_with(">>>") || l.starts_with("..."))
        .count()
}

/// Text after the last occurrence of `marker`.
fn after<'a>(screen: &'a str, marker: &str) -> &'a str {
    screen
        .rfind(marker)
        .map_or("", |i| &screen[i + marker.len()..])
}

macro_rules! need_tmux {
    () => {
        if !tmux_available() {
            eprintln!("tmux is not installed; skipping the terminal REPL test");
            return;
        }
    };
}

#[test]
fn banner_prompt_and_expression_echo() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &[]);
    let screen = t.wait_prompt(1);
    assert!(
        screen.starts_with("gilded 0.1.0 (Python 3.11 compatible) on "),
        "{screen}"
    );
    let screen = t.line("1+1");
    assert!(screen.ends_with(">>> 1+1\n2\n>>>"), "{screen}");
    // None is not echoed.
    let screen = t.line("None");
    assert!(screen.ends_with(">>> None\n>>>"), "{screen}");
    // `_` holds the last echoed value.
    let screen = t.line("_ * 10");
    assert!(screen.ends_with(">>> _ * 10\n20\n>>>"), "{screen}");
}

#[test]
fn multi_line_block_needs_an_empty_line() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    let screen = t.line("def double(a):");
    assert!(screen.ends_with(">>> def double(a):\n..."), "{screen}");
    let screen = t.line("    return a * 2");
    assert!(screen.ends_with("...     return a * 2\n..."), "{screen}");
    let screen = t.line("");
    assert!(screen.ends_with("...\n>>>"), "{screen}");
    let screen = t.line("double(21)");
    assert!(screen.ends_with(">>> double(21)\n42\n>>>"), "{screen}");
}

#[test]
fn state_survives_errors() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.line("x = 5");
    let screen = t.line("x");
    assert!(screen.ends_with(">>> x\n5\n>>>"), "{screen}");
    let screen = t.line("undefined_thing");
    assert!(
        screen.ends_with(
            ">>> undefined_thing\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
             NameError: name 'undefined_thing' is not defined\n>>>"
        ),
        "{screen}"
    );
    let screen = t.line("1 +");
    assert!(
        screen.ends_with(
            "  File \"<stdin>\", line 1\n    1 +\n       ^\nSyntaxError: invalid syntax\n>>>"
        ),
        "{screen}"
    );
    let screen = t.line("x + 1");
    assert!(screen.ends_with(">>> x + 1\n6\n>>>"), "{screen}");
}

#[test]
fn ctrl_c_at_the_prompt_cancels_the_input() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.line("if True:");
    t.send_literal("    half typed");
    t.wait_text("half typed");
    t.keys(&["C-c"]);
    let screen = t.wait_for("KeyboardInterrupt and a fresh prompt", |s| {
        s.ends_with("KeyboardInterrupt\n>>>")
    });
    assert!(!screen.contains("Traceback"), "{screen}");
    // The cancelled block is gone: a new statement starts cleanly.
    let screen = t.line("3 * 3");
    assert!(screen.ends_with(">>> 3 * 3\n9\n>>>"), "{screen}");
}

#[test]
fn ctrl_c_interrupts_running_code() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.line("kept = 'still here'");
    t.line("if True:");
    // Adjacent literals join at parse time, so the echo of the typed line never
    // contains the word the program prints.
    t.line("    print('spin' 'ning')");
    t.line("    while True: pass");
    t.keys(&["Enter"]);
    t.wait_text("\nspinning");
    t.keys(&["C-c"]);
    let screen = t.wait_for("the traceback and a prompt", |s| {
        s.ends_with("KeyboardInterrupt\n>>>")
    });
    // The terminal itself echoes `^C` (cooked mode), as it does under CPython.
    let tail = after(&screen, "\nspinning\n");
    let tail = tail.strip_prefix("^C").unwrap_or(tail);
    assert!(
        tail.starts_with("Traceback (most recent call last):\n  File \"<stdin>\", line "),
        "{screen}"
    );
    let screen = t.line("kept");
    assert!(screen.ends_with(">>> kept\n'still here'\n>>>"), "{screen}");
}

#[test]
fn ctrl_d_exits_with_status_zero() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.keys(&["C-d"]);
    t.wait_text("EXIT=0");
}

#[test]
fn ctrl_d_inside_a_block_runs_it() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.line("if True:");
    t.line("    print('ran' 'block')");
    t.keys(&["C-d"]);
    let screen = t.wait_for("the block's output and a prompt", |s| {
        s.ends_with("ranblock\n>>>")
    });
    assert!(!screen.contains("EXIT="), "{screen}");
}

#[test]
fn sys_exit_ends_the_session_with_its_status() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.send_literal("raise SystemExit(5)");
    t.keys(&["Enter"]);
    t.wait_text("EXIT=5");
}

#[test]
fn tab_completes_builtins_names_and_attributes() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.send_literal("pri");
    t.keys(&["Tab"]);
    t.wait_for("print( completed", |s| s.ends_with(">>> print("));
    t.send_literal("'completed')");
    t.keys(&["Enter"]);
    t.wait_for("the print output", |s| {
        s.ends_with(">>> print('completed')\ncompleted\n>>>")
    });

    t.line("class Box:");
    t.line("    contents_here = 1");
    t.line("");
    t.line("my_box = Box()");
    t.send_literal("my_b");
    t.keys(&["Tab"]);
    t.wait_for("my_box completed", |s| s.ends_with(">>> my_box"));
    t.send_literal(".cont");
    t.keys(&["Tab"]);
    t.wait_for("the attribute completed", |s| {
        s.ends_with(">>> my_box.contents_here")
    });
    t.keys(&["Enter"]);
    t.wait_for("the attribute's value", |s| {
        s.ends_with(">>> my_box.contents_here\n1\n>>>")
    });
}

#[test]
fn history_persists_across_sessions() {
    need_tmux!();
    let home = temp_home();
    let home = &home.0;
    {
        let t = Terminal::start(home, &["-q"]);
        t.wait_prompt(1);
        t.line("history_marker = 12345");
        t.keys(&["C-d"]);
        t.wait_text("EXIT=0");
    }
    let saved = std::fs::read_to_string(home.join(".gilded_history")).unwrap_or_default();
    assert!(
        saved.contains("history_marker = 12345"),
        "history file: {saved:?}"
    );
    let t = Terminal::start(home, &["-q"]);
    t.wait_prompt(1);
    t.keys(&["Up"]);
    t.wait_for("the recalled line", |s| {
        s.ends_with(">>> history_marker = 12345")
    });
    t.keys(&["Enter"]);
    t.wait_prompt(2);
    let screen = t.line("history_marker + 1");
    assert!(screen.ends_with("12346\n>>>"), "{screen}");
}

#[test]
fn unwritable_home_is_not_an_error() {
    need_tmux!();
    let parent = temp_home();
    let home = parent.0.join("does-not-exist");
    let t = Terminal::start(&home, &["-q"]);
    t.wait_prompt(1);
    let screen = t.line("'still works'");
    assert!(screen.ends_with("'still works'\n>>>"), "{screen}");
    t.keys(&["C-d"]);
    let screen = t.wait_text("EXIT=0");
    assert!(!screen.contains("Error"), "{screen}");
}

#[test]
fn inspect_mode_keeps_the_scripts_globals() {
    need_tmux!();
    let home = temp_home();
    let script = home.0.join("setup.py");
    std::fs::write(&script, "answer = 6 * 7\n").expect("write script");
    let t = Terminal::start(&home.0, &["-i", &script.display().to_string()]);
    let screen = t.wait_prompt(1);
    assert!(
        !screen.contains("gilded 0.1.0"),
        "no banner after a script: {screen}"
    );
    let screen = t.line("answer");
    assert!(screen.ends_with(">>> answer\n42\n>>>"), "{screen}");
}

#[test]
fn piped_stdin_runs_the_whole_program() {
    let mut child = Command::new(GILDED)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gilded");
    let program = "def f(n):\n    return n + 1\n\nprint(f(41))\nvalue = 3\nvalue\n";
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(program.as_bytes())
        .expect("write program");
    let out = child.wait_with_output().expect("wait for gilded");
    // Not a terminal: no prompts, no banner, no echo of expression values.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn background_threads_run_while_the_prompt_waits() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.line("import threading, time");
    t.line("ticks = []");
    t.line("stop = threading.Event()");
    t.line("def tick():");
    t.line("    while not stop.is_set(): ticks.append(1); time.sleep(0.01)");
    t.line("");
    t.line("worker = threading.Thread(target=tick); worker.start()");
    t.line("before = len(ticks)");
    // The REPL sits at its prompt (the GIL released) while the worker ticks.
    std::thread::sleep(std::time::Duration::from_millis(600));
    let screen = t.line("len(ticks) - before > 10");
    assert!(
        screen.ends_with(">>> len(ticks) - before > 10\nTrue\n>>>"),
        "{screen}"
    );
    let screen = t.line("stop.set(); worker.join(); worker.is_alive()");
    assert!(
        screen.ends_with("worker.is_alive()\nFalse\n>>>"),
        "{screen}"
    );
}

#[test]
fn functions_defined_at_the_prompt_run_in_a_child_process() {
    need_tmux!();
    let home = temp_home();
    let t = Terminal::start(&home.0, &["-q"]);
    t.wait_prompt(1);
    t.line("import os");
    t.line("BASE = 100");
    t.line("def where(n):");
    t.line("    return (__name__, BASE + n, os.getpid())");
    t.line("");
    let screen = t.line("name, total, pid = spawn_process(where, 5).join()");
    assert!(!screen.contains("Traceback"), "{screen}");
    let screen = t.line("(name, total, pid != os.getpid())");
    assert!(
        screen.ends_with("\n('__mp_main__', 105, True)\n>>>"),
        "{screen}"
    );
    t.line("def fails():");
    t.line("    raise KeyError('gone')");
    t.line("");
    let screen = t.line("spawn_process(fails).join()");
    assert!(screen.contains("_gilded_mp.RemoteTraceback"), "{screen}");
    assert!(screen.contains("KeyError: 'gone'"), "{screen}");
    // The session goes on after the child's failure.
    let screen = t.line("BASE + 1");
    assert!(screen.ends_with("\n101\n>>>"), "{screen}");
}

/// README.md's REPL session (the block marked `check: repl`) is typed line by line into
/// a fresh REPL, and the screen must then read exactly as the README shows it.
#[test]
fn the_readme_session_prints_what_the_readme_shows() {
    need_tmux!();
    let readme = std::fs::read_to_string(support::repo_path(&["README.md"])).expect("README.md");
    let examples = support::readme_blocks::examples(&readme).expect("README.md examples parse");
    let session = examples
        .iter()
        .find(|e| e.mode == "repl")
        .expect("README.md shows a REPL session marked `<!-- check: repl -->`");
    let home = temp_home();
    let t = Terminal::start(&home.0, &[]);
    t.wait_prompt(1);
    // Every prompt line but the last (the prompt the session ends at) was typed.
    let lines: Vec<&str> = session.output.lines().collect();
    let typed_lines = lines.split_last().map_or(&[][..], |(_, rest)| rest);
    for line in typed_lines {
        let typed = match *line {
            ">>>" | "..." => Some(""),
            _ => line
                .strip_prefix(">>> ")
                .or_else(|| line.strip_prefix("... ")),
        };
        if let Some(text) = typed {
            t.line(text);
        }
    }
    let screen = t.screen();
    if let Some(why) = support::readme_blocks::mismatch("exact", &session.output, &screen) {
        panic!(
            "README.md:{}: the session differs: {why}\n--- screen ---\n{screen}",
            session.line
        );
    }
}
