//! The `gilded` command: `gilded [option] ... [-c cmd | file | -] [arg] ...` runs a
//! script, `-c` code or a program from stdin, starts the REPL, or (`--dis`) prints a
//! program's bytecode. Exit statuses follow CPython: 0 success, 1 uncaught exception
//! or SyntaxError, 2 usage error or unreadable script, 130 KeyboardInterrupt, and
//! `sys.exit(n)`'s `n`.

mod allocator;
mod args;
mod completion;
mod driver;
mod launch;
mod line_editor;
mod repl;
mod reports;
mod source;

use std::io::Write;
use std::process::ExitCode;

/// The interpreter thread's stack: deep enough that the recursion limit, not the Rust
/// stack, is what stops runaway recursion through natives (`__repr__` calling `repr`).
const INTERPRETER_STACK_BYTES: usize = 512 * 1024 * 1024;

/// `--version` output and the REPL banner's first words.
pub const VERSION_LINE: &str = concat!(
    "gilded ",
    env!("CARGO_PKG_VERSION"),
    " (Python 3.11 compatible)"
);

/// Writes to stdout, ignoring a closed pipe (`gilded --help | head -1` must not panic).
pub fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The library modules written in gilded, compiled by `build.rs`.
static PRECOMPILED_LIBRARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/library.bin"));

fn real_main(words: Vec<String>) -> i32 {
    gilded_vm::modules::library::install_precompiled(PRECOMPILED_LIBRARY);
    // A child process started by `spawn_process` or `multiprocessing` (internal:
    // not a user option, so not in the help).
    if let [flag, request, outcome] = words.as_slice() {
        if flag == gilded_vm::process::spawn::WORKER_FLAG {
            gilded_vm::signals::install_interrupt_handler();
            gilded_vm::exec::install_compile_hook(driver::compile_hook);
            let fd = |s: &str| s.parse::<i32>().unwrap_or(-1);
            return gilded_vm::process::worker::main(fd(request), fd(outcome));
        }
    }
    let options = match args::parse(words) {
        Ok(args::Action::Run(options)) => options,
        Ok(args::Action::Help) => {
            write_stdout(&args::help_text());
            return 0;
        }
        Ok(args::Action::Version) => {
            write_stdout(&format!("{VERSION_LINE}\n"));
            return 0;
        }
        Err(err) => {
            let _ = std::io::stderr().write_all(args::usage_error(&err).as_bytes());
            return 2;
        }
    };
    gilded_vm::signals::install_interrupt_handler();
    gilded_vm::exec::install_compile_hook(driver::compile_hook);
    if options.dis {
        launch::disassemble(&options)
    } else {
        launch::run(&options)
    }
}

fn main() -> ExitCode {
    // Arguments that are not valid UTF-8 are decoded lossily rather than rejected.
    let words: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    let handle = std::thread::Builder::new()
        .name("gilded-main".into())
        .stack_size(INTERPRETER_STACK_BYTES)
        .spawn(move || real_main(words));
    let status = match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => 71,
    };
    // The OS keeps the low 8 bits of a status (`sys.exit(256)` exits 0, `-1` exits 255).
    ExitCode::from((status & 0xff) as u8)
}
