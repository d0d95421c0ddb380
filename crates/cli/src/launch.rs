//! Carrying out a parsed command line: run a script, `-c` code or a program piped to
//! stdin as `__main__`, start the REPL (also after the program with `-i`), or print
//! the program's bytecode (`--dis`).

use crate::args::{Options, Program};
use crate::{driver, repl, source};
use gilded_compiler::Mode;
use gilded_vm::{PyErr, Vm};
use std::io::{IsTerminal, Write};

/// A program's text and the names it runs under.
struct Loaded {
    /// The decoded source.
    text: String,
    /// The code objects' filename: the path, `<string>` or `<stdin>`.
    filename: String,
    /// `__main__.__file__`, for scripts.
    file_attr: Option<String>,
}

/// Why a program could not be loaded.
enum LoadError {
    /// Printed as `gilded: <message>`, with this exit status.
    Open(source::OpenError),
    /// A decoding problem CPython reports as SyntaxError (message only).
    Decode(String),
}

/// True when the program comes from stdin and stdin should be read as a REPL.
fn wants_repl(options: &Options) -> bool {
    matches!(options.program, Program::Default | Program::Stdin)
        && (options.inspect || std::io::stdin().is_terminal())
}

fn load(program: &Program) -> Result<Loaded, LoadError> {
    let (bytes, filename, file_attr) = match program {
        Program::Command(code) => {
            return Ok(Loaded {
                text: code.clone(),
                filename: "<string>".into(),
                file_attr: None,
            })
        }
        Program::Default | Program::Stdin => (source::read_stdin(), "<stdin>".to_string(), None),
        Program::File(path) => {
            let bytes = source::read_file(path).map_err(LoadError::Open)?;
            (bytes, path.clone(), Some(path.clone()))
        }
    };
    let text = source::decode(bytes, &filename).map_err(LoadError::Decode)?;
    Ok(Loaded {
        text,
        filename,
        file_attr,
    })
}

/// A SyntaxError carrying only a message (CPython's report for undecodable source).
fn bare_syntax_error(vm: &mut Vm, msg: String) -> PyErr {
    let class = vm.interp.exc.syntax_error.clone();
    vm.new_error(&class, msg)
}

fn print_open_error(err: &source::OpenError) {
    // A closed stderr must not turn a usage problem into a panic.
    let _ = writeln!(std::io::stderr(), "gilded: {}", err.message);
}

/// A new interpreter with the GIL settings of the command line.
fn new_vm(options: &Options) -> Vm {
    let vm = Vm::new(options.argv());
    let lock = &vm.interp.lock;
    if let Some(n) = options.switch_interval {
        lock.set_switch_interval(n);
    }
    if let Some(policy) = options
        .gil_policy
        .as_deref()
        .and_then(gilded_vm::threads::parse_policy)
    {
        lock.set_policy(policy);
    }
    vm
}

/// Runs the program (and the REPL, if asked) and returns the exit status.
pub fn run(options: &Options) -> i32 {
    let mut vm = new_vm(options);
    let _reports = crate::reports::ExitReports::new(options, &vm.interp);
    if wants_repl(options) {
        let main = gilded_vm::modules::main_module(&mut vm, None);
        return repl::run(vm, main, !options.quiet);
    }
    let loaded = load(&options.program);
    if !options.inspect {
        return match loaded {
            Ok(l) => driver::run_main(&mut vm, &l.text, &l.filename, l.file_attr.as_deref()),
            Err(LoadError::Open(err)) => {
                print_open_error(&err);
                err.status
            }
            Err(LoadError::Decode(msg)) => {
                let err = bare_syntax_error(&mut vm, msg);
                driver::exit_status(&mut vm, Err(err))
            }
        };
    }
    // -i: the REPL follows in the program's globals, however the program ended; even
    // SystemExit only prints its traceback.
    let file_attr = loaded.as_ref().ok().and_then(|l| l.file_attr.clone());
    let main = gilded_vm::modules::main_module(&mut vm, file_attr.as_deref());
    let result = match loaded {
        Ok(l) => driver::run_source(&mut vm, &l.text, &l.filename, &main).map(|_| ()),
        Err(LoadError::Decode(msg)) => Err(bare_syntax_error(&mut vm, msg)),
        Err(LoadError::Open(err)) => {
            print_open_error(&err);
            Ok(())
        }
    };
    if let Err(err) = &result {
        gilded_vm::traceback::print_exception(&mut vm, err);
    }
    repl::run(vm, main, false)
}

/// `--dis`: prints the program's bytecode, nested code objects included.
pub fn disassemble(options: &Options) -> i32 {
    let loaded = match load(&options.program) {
        Ok(l) => l,
        Err(LoadError::Open(err)) => {
            print_open_error(&err);
            return err.status;
        }
        Err(LoadError::Decode(msg)) => {
            let mut vm = Vm::new(options.argv());
            let err = bare_syntax_error(&mut vm, msg);
            return driver::exit_status(&mut vm, Err(err));
        }
    };
    match driver::compile_source(&loaded.text, &loaded.filename, Mode::Module) {
        Ok(code) => {
            crate::write_stdout(&gilded_bytecode::dis::disassemble(&code));
            0
        }
        Err(problem) => {
            let mut vm = Vm::new(options.argv());
            let err =
                driver::syntax_error_object(&mut vm, &problem, &loaded.filename, &loaded.text);
            driver::exit_status(&mut vm, Err(err))
        }
    }
}
