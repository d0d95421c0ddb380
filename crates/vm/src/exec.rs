//! `eval`, `exec` and `compile`: running source text from inside a program.
//!
//! **Architecture Invariant:** the VM does not depend on the parser or compiler. The
//! binary installs a [`CompileHook`] at start-up; without one these built-ins raise
//! `RuntimeError`.

use crate::bootstrap::{add_frame_function, add_function};
use crate::error::{PyErr, PyResult};
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::CodeObject;
use std::sync::{Arc, OnceLock};

/// What kind of source is being compiled (CPython's `compile` modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceMode {
    /// Statements (`exec`).
    Exec,
    /// A single expression whose value is returned (`eval`).
    Eval,
    /// One interactive statement: expression values are printed.
    Single,
}

/// A failed compilation: the fields of the SyntaxError to raise.
#[derive(Clone, Debug)]
pub struct CompileFailure {
    /// `SyntaxError`, `IndentationError`, `TabError`, or `RecursionError` for nesting
    /// too deep to compile.
    pub class: &'static str,
    /// The message.
    pub msg: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column.
    pub col: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column.
    pub end_col: u32,
}

/// Source to code, provided by the binary (which links the parser and compiler).
pub type CompileHook =
    fn(source: &str, filename: &str, mode: SourceMode) -> Result<Arc<CodeObject>, CompileFailure>;

static HOOK: OnceLock<CompileHook> = OnceLock::new();

/// Installs the compiler (once per process).
pub fn install_compile_hook(hook: CompileHook) {
    let _ = HOOK.set(hook);
}

/// The SyntaxError (or subclass) object for a compile failure, with CPython's
/// `msg`, `filename`, `lineno`, `offset`, `text`, `end_lineno`, `end_offset` fields.
pub fn syntax_error(vm: &Vm, failure: &CompileFailure, filename: &str, source: &str) -> PyErr {
    let exc = &vm.interp.exc;
    let class = match failure.class {
        "IndentationError" => exc.indentation_error.clone(),
        "TabError" => exc.tab_error.clone(),
        "RecursionError" => exc.recursion_error.clone(),
        _ => exc.syntax_error.clone(),
    };
    let err = vm.new_error(&class, failure.msg.clone());
    if failure.class == "RecursionError" {
        return err;
    }
    let text = source
        .lines()
        .nth(failure.line.saturating_sub(1) as usize)
        .map(|l| format!("{l}\n"));
    if let Payload::Exception(e) = err.0.payload() {
        let mut d = e.dict.borrow_mut(vm.gil);
        let mut set = |k: &str, v: Value| {
            d.set_str(Value::str(k), v);
        };
        set("msg", Value::str(failure.msg.clone()));
        set("filename", Value::str(filename));
        set("lineno", Value::Int(failure.line as i64));
        set("offset", Value::Int(failure.col as i64));
        set("end_lineno", Value::Int(failure.end_line as i64));
        set("end_offset", Value::Int(failure.end_col as i64));
        set("text", text.map(Value::str).unwrap_or(Value::None));
    }
    err
}

/// Compiles source with the installed hook.
pub fn compile_source(
    vm: &Vm,
    source: &str,
    filename: &str,
    mode: SourceMode,
) -> PyResult<Arc<CodeObject>> {
    let Some(hook) = HOOK.get() else {
        return Err(vm.runtime_error("no compiler is available in this interpreter"));
    };
    hook(source, filename, mode).map_err(|f| syntax_error(vm, &f, filename, source))
}

fn source_text(vm: &Vm, v: &Value, what: &str) -> PyResult<String> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s.as_str().to_string()),
        Some(Payload::Bytes(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => Err(vm.type_error(format!(
            "{what}() arg 1 must be a string, bytes or code object"
        ))),
    }
}

/// The namespaces a piece of eval/exec code runs in: explicit dicts, or the caller's
/// globals and (a snapshot of) its locals.
fn namespaces(
    vm: &mut Vm,
    globals: Option<&Value>,
    locals: Option<&Value>,
) -> PyResult<(ObjRef, ObjRef)> {
    let as_dict = |vm: &Vm, v: &Value, what: &str| -> PyResult<ObjRef> {
        match v {
            Value::Obj(o) if matches!(o.payload(), Payload::Dict(_)) => Ok(o.clone()),
            _ => Err(vm.type_error(format!("{what} must be a dict, not {}", vm.type_name(v)))),
        }
    };
    match (
        globals.filter(|g| !g.is_none()),
        locals.filter(|l| !l.is_none()),
    ) {
        (Some(g), l) => {
            let g = as_dict(vm, g, "globals")?;
            if crate::vm::dict_get_str(vm, &g, "__builtins__").is_none() {
                crate::vm::dict_set_str(
                    vm,
                    &g,
                    "__builtins__",
                    Value::Obj(vm.interp.builtins.clone()),
                );
            }
            let l = match l {
                Some(l) => as_dict(vm, l, "locals")?,
                None => g.clone(),
            };
            Ok((g, l))
        }
        (None, l) => {
            let frame = vm
                .frames
                .last()
                .ok_or_else(|| vm.runtime_error("no frame"))?;
            let g = frame.globals.clone();
            if let Some(l) = l {
                return Ok((g, as_dict(vm, l, "locals")?));
            }
            if let Some(ns) = &frame.namespace {
                return Ok((g, ns.clone()));
            }
            // A function's fast locals, copied into a dict (changes are not written back,
            // as in CPython).
            let names = frame.runtime().code.varnames.clone();
            let mut d = Dict::new();
            for (name, value) in names.iter().zip(vm.caller_locals.iter()) {
                if !value.is_null() {
                    d.set_str(Value::str(name.to_string()), value.clone());
                }
            }
            Ok((g, ObjRef::new(Payload::Dict(GilCell::new(d)))))
        }
    }
}

fn code_arg(vm: &Vm, v: &Value, mode: SourceMode, what: &str) -> PyResult<Arc<CodeObject>> {
    if let Some(Payload::Code(rc)) = v.payload() {
        return Ok(rc.code.clone());
    }
    let text = source_text(vm, v, what)?;
    let text = if mode == SourceMode::Eval {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    compile_source(vm, &text, "<string>", mode)
}

fn builtin_eval(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(src) = args.first() else {
        return Err(vm.type_error("eval expected at least 1 argument, got 0"));
    };
    let code = code_arg(vm, src, SourceMode::Eval, "eval")?;
    let (globals, locals) = namespaces(vm, args.get(1), args.get(2))?;
    vm.run_code_in(code, &globals, &locals)
}

fn builtin_exec(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(src) = args.first() else {
        return Err(vm.type_error("exec expected at least 1 argument, got 0"));
    };
    let code = code_arg(vm, src, SourceMode::Exec, "exec")?;
    let (globals, locals) = namespaces(vm, args.get(1), args.get(2))?;
    vm.run_code_in(code, &globals, &locals)?;
    Ok(Value::None)
}

fn builtin_compile(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let get = |i: usize, name: &str| -> Option<Value> {
        args.get(i).cloned().or_else(|| {
            kw.iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| v.clone())
        })
    };
    let (Some(src), Some(filename), Some(mode)) =
        (get(0, "source"), get(1, "filename"), get(2, "mode"))
    else {
        return Err(vm.type_error("compile() missing required argument 'source' (pos 1)"));
    };
    let filename = crate::ops::to_str(vm, &filename)?;
    let mode = match mode.as_str() {
        Some("exec") => SourceMode::Exec,
        Some("eval") => SourceMode::Eval,
        Some("single") => SourceMode::Single,
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let text = source_text(vm, &src, "compile")?;
    let code = compile_source(vm, &text, &filename, mode)?;
    Ok(Value::Obj(crate::bootstrap::load_code(vm, code)))
}

/// Installs `eval`, `exec` and `compile` in `builtins`.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_frame_function(vm, &b, "eval", builtin_eval);
    add_frame_function(vm, &b, "exec", builtin_exec);
    add_function(vm, &b, "compile", builtin_compile);
}
