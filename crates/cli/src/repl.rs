//! The interactive loop: `>>> ` / `... ` prompts, one input compiled per entry (the
//! parser decides when an entry is complete), values echoed through `PrintExpr`,
//! tracebacks printed without ending the session, SystemExit and Ctrl-D ending it.

use crate::driver;
use crate::line_editor::{Input, LineReader};
use gilded_compiler::Mode;
use gilded_vm::object::ObjRef;
use gilded_vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

/// The name every REPL input compiles under, as in CPython.
const FILENAME: &str = "<stdin>";

/// The names the second banner line mentions, when the builtins define them.
const HELP_NAMES: [&str; 4] = ["help", "copyright", "credits", "license"];

/// The startup banner (printed to stderr, like CPython's). The second line only
/// mentions helpers that exist.
fn banner(vm: &Vm) -> String {
    let mut text = format!("{} on {}\n", crate::VERSION_LINE, std::env::consts::OS);
    let present: Vec<String> = HELP_NAMES
        .iter()
        .filter(|n| vm.builtin(n).is_some())
        .map(|n| format!("\"{n}\""))
        .collect();
    match present.split_last() {
        None => text.push_str("Type Ctrl-D to exit.\n"),
        Some((last, [])) => text.push_str(&format!("Type {last} for more information.\n")),
        Some((last, rest)) => text.push_str(&format!(
            "Type {} or {last} for more information.\n",
            rest.join(", ")
        )),
    }
    text
}

/// Runs the REPL in `main` (the `__main__` namespace) until Ctrl-D or SystemExit,
/// then shuts the interpreter down (finalizing `__main__`). Returns the exit status.
pub fn run(vm: Vm, main: ObjRef, show_banner: bool) -> i32 {
    let vm = Rc::new(RefCell::new(vm));
    let mut reader = LineReader::new(vm.clone(), main.clone());
    if show_banner {
        let v = vm.borrow();
        gilded_vm::io::write_stderr(&v, &banner(&v));
    }
    let status = session(&vm, &main, &mut reader);
    reader.save_history();
    // Finalizers may run Python code; the line editor (and its completion helper)
    // goes first so nothing else holds the interpreter.
    drop(reader);
    gilded_vm::modules::shutdown(&mut vm.borrow_mut());
    status
}

/// The read-compile-run loop; returns the exit status.
fn session(vm: &Rc<RefCell<Vm>>, main: &ObjRef, reader: &mut LineReader) -> i32 {
    let mut entry = String::new();
    loop {
        let prompt = if entry.is_empty() { ">>> " } else { "... " };
        gilded_vm::io::flush_stdout(&vm.borrow());
        // A Ctrl-C that landed after the last input's code stopped checking belongs to
        // that input, not the next one.
        gilded_vm::signals::take_interrupt();
        let step = match reader.read(prompt, vm) {
            Input::Line(line) => {
                reader.add_history(&line);
                entry.push_str(&line);
                entry.push('\n');
                run_entry(&mut vm.borrow_mut(), main, &mut entry, false)
            }
            Input::Interrupted => {
                entry.clear();
                gilded_vm::io::write_stderr(&vm.borrow(), "KeyboardInterrupt\n");
                Step::Continue
            }
            Input::Eof if entry.is_empty() => return 0,
            // As in CPython, end of input inside an entry ends the entry.
            Input::Eof => run_entry(&mut vm.borrow_mut(), main, &mut entry, true),
        };
        if let Step::Exit(status) = step {
            return status;
        }
    }
}

/// What the session does after an entry.
enum Step {
    /// Prompt again.
    Continue,
    /// SystemExit: end the session with this status.
    Exit(i32),
}

/// Compiles the entry so far and, once it is complete, runs it and clears it. At end
/// of input (`eof`) an unfinished entry is reported the way a file ending there would be.
fn run_entry(vm: &mut Vm, main: &ObjRef, entry: &mut String, eof: bool) -> Step {
    if eof {
        // End of input closes a block the way an empty line does.
        entry.push('\n');
    }
    let code = match driver::compile_source(entry, FILENAME, Mode::Interactive) {
        Err(problem) if problem.incomplete && !eof => return Step::Continue,
        Err(problem) => {
            let problem = if problem.incomplete {
                // Only a file's parse says what is missing ("'[' was never closed").
                driver::compile_source(entry, FILENAME, Mode::Module)
                    .err()
                    .unwrap_or(problem)
            } else {
                problem
            };
            let err = driver::syntax_error_object(vm, &problem, FILENAME, entry);
            gilded_vm::traceback::print_exception(vm, &err);
            entry.clear();
            return Step::Continue;
        }
        Ok(code) => code,
    };
    entry.clear();
    if let Err(err) = vm.run_code(code, main) {
        let system_exit = vm.interp.exc.system_exit.clone();
        if vm.err_matches(&err, &system_exit) {
            return Step::Exit(driver::report_uncaught(vm, &err));
        }
        gilded_vm::traceback::print_exception(vm, &err);
    }
    Step::Continue
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_names_the_version_and_only_existing_helpers() {
        let vm = Vm::new(vec![String::new()]);
        let text = banner(&vm);
        assert!(
            text.starts_with("gilded 0.1.0 (Python 3.11 compatible) on "),
            "{text}"
        );
        for name in HELP_NAMES {
            assert_eq!(
                text.contains(&format!("\"{name}\"")),
                vm.builtin(name).is_some(),
                "{text}"
            );
        }
    }
}
