//! Reading REPL input: rustyline on a terminal (editing, `~/.gilded_history`, Tab
//! completion), plain lines from stdin otherwise (prompts then go to stderr, as
//! CPython's do when stdin is not a terminal).
//!
//! Ctrl-C: while rustyline reads a line the terminal is in raw mode, so Ctrl-C arrives
//! as a key and comes back as [`Input::Interrupted`]; between lines the terminal is back
//! in cooked mode and Ctrl-C is a SIGINT, which `gilded_vm::signals` turns into
//! KeyboardInterrupt inside running code. rustyline installs a SIGINT handler of its
//! own when the editor is created (it only needs it when signals are enabled in raw
//! mode, which they are not here), so [`LineReader::new`] puts the VM's handler back.
//! (rustyline's `signal-hook` feature would avoid that, but with it rustyline waits in
//! `select` while keys sit in its read buffer, so typed-ahead keys lag or get lost.)
//! The `buffer-redux` feature keeps keys typed ahead of the next prompt.

use crate::completion;
use gilded_vm::object::ObjRef;
use gilded_vm::Vm;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};
use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::rc::Rc;

/// History entries kept in the file.
const HISTORY_SIZE: usize = 1000;

/// One read from the user.
pub enum Input {
    /// A line, without its newline.
    Line(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// Ctrl-D at an empty prompt, or the end of piped input.
    Eof,
}

/// rustyline's helper: completion against the live interpreter.
pub struct ReplHelper {
    vm: Rc<RefCell<Vm>>,
    main: ObjRef,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        // Completion only happens while the REPL waits for input, never while code
        // runs, so the interpreter is free; stay quiet rather than panic if it is not.
        let Ok(mut vm) = self.vm.try_borrow_mut() else {
            return Ok((pos, Vec::new()));
        };
        // The prompt waits with the GIL released (other threads keep running), so
        // take it for the time completion looks at objects.
        let (interp, thread) = (vm.interp.clone(), vm.thread.clone());
        gilded_vm::threads::relock(&interp, &thread);
        let (start, words) = completion::complete(&mut vm, &self.main, line, pos);
        // SAFETY: nothing touches objects until `read` takes the lock back.
        unsafe { gilded_vm::threads::unlock(&interp, &thread) };
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}

/// Where REPL lines come from.
pub enum LineReader {
    /// A terminal: rustyline, with its history file if there is a home directory.
    Terminal(Box<Editor<ReplHelper, FileHistory>>, Option<PathBuf>),
    /// Not a terminal (or a terminal rustyline cannot drive): plain lines.
    Plain,
}

/// Runs `f` and then restores the SIGINT disposition it found (rustyline's terminal
/// setup replaces it; on drop rustyline restores the one it saw, which is ours).
fn keeping_sigint_handler<T>(f: impl FnOnce() -> T) -> T {
    // SAFETY: reading and re-installing a sigaction struct the kernel gave us; no
    // handler code runs here.
    unsafe {
        let mut saved: libc::sigaction = std::mem::zeroed();
        let have = libc::sigaction(libc::SIGINT, std::ptr::null(), &mut saved) == 0;
        let result = f();
        if have {
            libc::sigaction(libc::SIGINT, &saved, std::ptr::null_mut());
        }
        result
    }
}

/// `~/.gilded_history`, if `HOME` is set.
fn history_path() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(".gilded_history"))
}

impl LineReader {
    /// A reader for this process's stdin; Tab completes against `vm` and `main`.
    pub fn new(vm: Rc<RefCell<Vm>>, main: ObjRef) -> LineReader {
        if !std::io::stdin().is_terminal() {
            return LineReader::Plain;
        }
        let config = Config::builder()
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .max_history_size(HISTORY_SIZE)
            .map(|b| b.build())
            .unwrap_or_default();
        let Ok(mut editor) =
            keeping_sigint_handler(|| Editor::<ReplHelper, FileHistory>::with_config(config))
        else {
            return LineReader::Plain;
        };
        editor.set_helper(Some(ReplHelper { vm, main }));
        let path = history_path();
        if let Some(p) = &path {
            // A missing or unreadable history file just means no history yet.
            let _ = editor.load_history(p);
        }
        LineReader::Terminal(Box::new(editor), path)
    }

    /// Shows `prompt` and reads one line, with the GIL released meanwhile so that
    /// background threads keep running at the prompt.
    pub fn read(&mut self, prompt: &str, vm: &RefCell<Vm>) -> Input {
        let (interp, thread) = {
            let vm = vm.borrow();
            (vm.interp.clone(), vm.thread.clone())
        };
        // SAFETY: reading a line touches no object; completion takes the lock back.
        unsafe { gilded_vm::threads::unlock(&interp, &thread) };
        let input = self.read_unlocked(prompt);
        gilded_vm::threads::relock(&interp, &thread);
        input
    }

    fn read_unlocked(&mut self, prompt: &str) -> Input {
        match self {
            LineReader::Terminal(editor, _) => match editor.readline(prompt) {
                Ok(line) => Input::Line(line),
                Err(ReadlineError::Interrupted) => Input::Interrupted,
                Err(_) => Input::Eof,
            },
            LineReader::Plain => {
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(prompt.as_bytes());
                let _ = err.flush();
                drop(err);
                let mut line = String::new();
                match std::io::stdin().lock().read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        // CPython ends the prompt's line at end of input.
                        let _ = std::io::stderr().write_all(b"\n");
                        Input::Eof
                    }
                    Ok(_) => {
                        let trimmed = line.trim_end_matches(['\n', '\r']).len();
                        line.truncate(trimmed);
                        Input::Line(line)
                    }
                }
            }
        }
    }

    /// Records a line in the history (blank lines are not kept).
    pub fn add_history(&mut self, line: &str) {
        if let LineReader::Terminal(editor, _) = self {
            if !line.trim().is_empty() {
                let _ = editor.add_history_entry(line);
            }
        }
    }

    /// Writes the history file; an unwritable home directory is not an error.
    pub fn save_history(&mut self) {
        if let LineReader::Terminal(editor, Some(path)) = self {
            let _ = editor.save_history(path);
        }
    }
}
