//! Source to result: parse, compile and run one program, and turn every outcome
//! (value, SyntaxError, uncaught exception, SystemExit) into CPython's output and exit
//! status.

use gilded_bytecode::CodeObject;
use gilded_compiler::Mode;
use gilded_syntax::LineIndex;
use gilded_vm::exec::{CompileFailure, SourceMode};
use gilded_vm::object::{ObjRef, Payload};
use gilded_vm::{PyErr, Value, Vm};
use std::sync::Arc;

/// A syntax or compile error with CPython's position fields.
pub struct SyntaxProblem {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub class: &'static str,
    /// The message.
    pub msg: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column (`offset`).
    pub col: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column (`end_offset`).
    pub end_col: u32,
    /// The input ended early (REPL: ask for more).
    pub incomplete: bool,
}

/// Parses and compiles `source`.
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<Arc<CodeObject>, SyntaxProblem> {
    let parsed = match mode {
        Mode::Interactive => gilded_syntax::parse_interactive(source),
        _ => gilded_syntax::parse_module(source),
    };
    let module = parsed.map_err(|e| SyntaxProblem {
        class: e.kind.class_name(),
        msg: e.msg,
        line: e.line,
        col: e.col,
        end_line: e.end_line,
        end_col: e.end_col,
        incomplete: e.incomplete,
    })?;
    let index = LineIndex::new(source);
    gilded_compiler::compile(&module, &index, filename, mode).map_err(|e| SyntaxProblem {
        class: "SyntaxError",
        msg: e.msg,
        line: e.line,
        col: e.col,
        end_line: e.end_line,
        end_col: e.end_col,
        incomplete: false,
    })
}

/// Builds the Python SyntaxError object for a problem in `source`.
pub fn syntax_error_object(
    vm: &mut Vm,
    problem: &SyntaxProblem,
    filename: &str,
    source: &str,
) -> PyErr {
    gilded_vm::exec::syntax_error(vm, &problem.to_failure(), filename, source)
}

impl SyntaxProblem {
    /// The VM's description of the same failure.
    pub fn to_failure(&self) -> CompileFailure {
        let class = if self.msg.starts_with("maximum recursion depth exceeded") {
            "RecursionError"
        } else {
            self.class
        };
        CompileFailure {
            class,
            msg: self.msg.clone(),
            line: self.line,
            col: self.col,
            end_line: self.end_line,
            end_col: self.end_col,
        }
    }
}

/// The compiler as the VM sees it (`eval`, `exec`, `compile`): installed at start-up.
pub fn compile_hook(
    source: &str,
    filename: &str,
    mode: SourceMode,
) -> Result<Arc<CodeObject>, CompileFailure> {
    let mode = match mode {
        SourceMode::Exec => Mode::Module,
        SourceMode::Eval => Mode::Eval,
        SourceMode::Single => Mode::Interactive,
    };
    compile_source(source, filename, mode).map_err(|p| p.to_failure())
}

/// How a program ended, as an exit status.
pub fn exit_status(vm: &mut Vm, result: Result<Value, PyErr>) -> i32 {
    match result {
        Ok(_) => 0,
        Err(err) => report_uncaught(vm, &err),
    }
}

/// Prints an uncaught exception (or handles SystemExit) and returns the exit status.
pub fn report_uncaught(vm: &mut Vm, err: &PyErr) -> i32 {
    let system_exit = vm.interp.exc.system_exit.clone();
    if vm.err_matches(err, &system_exit) {
        let code = system_exit_code(vm, err);
        return match code {
            Value::None => 0,
            Value::Bool(b) => b as i32,
            // The OS keeps the low 8 bits, as with C's `exit((int)code)`.
            Value::Int(n) => (n & 0xff) as i32,
            // Too big for a C long: CPython's conversion fails and exits with -1.
            _ if matches!(code.payload(), Some(Payload::BigInt(_))) => 255,
            other => {
                let text = gilded_vm::ops::to_str(vm, &other).unwrap_or_default();
                gilded_vm::io::write_stderr(vm, &format!("{text}\n"));
                1
            }
        };
    }
    gilded_vm::traceback::print_exception(vm, err);
    let interrupt = vm.interp.exc.keyboard_interrupt.clone();
    if vm.err_matches(err, &interrupt) {
        gilded_vm::process::spawn::terminate_children_at_exit();
        130
    } else {
        1
    }
}

/// `SystemExit.code`: the attribute when the exception has one, else derived from the
/// arguments as CPython does (none: None; one: itself; more: the args tuple).
fn system_exit_code(vm: &mut Vm, err: &PyErr) -> Value {
    let exc = Value::Obj(err.0.clone());
    if let Ok(code) = gilded_vm::attr::get_attr(vm, &exc, &Value::str("code")) {
        return code;
    }
    let mut args = gilded_vm::exceptions::exception_args(vm, &err.0);
    match args.len() {
        0 => Value::None,
        1 => args.pop().unwrap_or(Value::None),
        _ => vm.new_tuple(args),
    }
}

/// Compiles `source` as a module and runs it in `namespace`. A compile error comes
/// back as its SyntaxError, so every failure is reported the same way.
pub fn run_source(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    namespace: &ObjRef,
) -> Result<Value, PyErr> {
    gilded_vm::io::register_source(vm, filename, source);
    let code = match compile_source(source, filename, Mode::Module) {
        Ok(code) => code,
        Err(problem) => return Err(syntax_error_object(vm, &problem, filename, source)),
    };
    vm.run_code(code, namespace)
}

/// Runs `source` as the `__main__` module: reports how it ended, finalizes `__main__`
/// and returns the exit status.
pub fn run_main(vm: &mut Vm, source: &str, filename: &str, file_attr: Option<&str>) -> i32 {
    let main = gilded_vm::modules::main_module(vm, file_attr);
    let result = run_source(vm, source, filename, &main);
    let status = exit_status(vm, result);
    gilded_vm::modules::shutdown(vm);
    status
}
