//! Text in and out: `print`, `input`, `repr`, `ascii`, `format`, and the REPL's echo
//! of expression statements.

use super::args;
use super::streams::{self, Target};
use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use std::fmt::Write;

/// Appends `str(v)` to `out`, without an intermediate String for the common types.
fn push_str_of(vm: &mut Vm, out: &mut String, v: &Value) -> PyResult<()> {
    match v {
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => out.push_str(s.as_str()),
            _ => out.push_str(&crate::ops::to_str(vm, v)?),
        },
        _ => out.push_str(&crate::ops::to_str(vm, v)?),
    }
    Ok(())
}

/// A `sep`/`end` argument: a str, or None for the default.
fn sep_arg<'a>(vm: &Vm, what: &str, v: Option<&'a Value>) -> PyResult<Option<&'a str>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) => Ok(Some(s)),
            None => Err(vm.type_error(format!(
                "{what} must be None or a string, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

fn builtin_print(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (mut sep, mut end, mut file, mut flush) = (None, None, None, None);
    for (k, v) in kw {
        match k.as_str().unwrap_or("") {
            "sep" => sep = Some(v),
            "end" => end = Some(v),
            "file" => file = Some(v),
            "flush" => flush = Some(v),
            other => {
                return Err(vm.type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    let sep = sep_arg(vm, "sep", sep)?.unwrap_or(" ");
    let end = sep_arg(vm, "end", end)?.unwrap_or("\n");
    let target = match file {
        None | Some(Value::None) => streams::sys_stream(vm, "stdout")?,
        Some(f) => streams::target_of(vm, f),
    };
    match &target {
        Target::Nowhere => return Ok(Value::None),
        Target::Object(_) => {
            // A user-defined stream sees each piece as its own `write` call.
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    streams::write(vm, &target, sep)?;
                }
                let mut piece = String::new();
                push_str_of(vm, &mut piece, a)?;
                streams::write(vm, &target, &piece)?;
            }
            streams::write(vm, &target, end)?;
        }
        _ => {
            let mut line = String::new();
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    line.push_str(sep);
                }
                push_str_of(vm, &mut line, a)?;
            }
            line.push_str(end);
            streams::write(vm, &target, &line)?;
        }
    }
    if let Some(f) = flush {
        if crate::ops::truthy(vm, f)? {
            streams::flush(vm, &target)?;
        }
    }
    Ok(Value::None)
}

fn builtin_input(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "input", kw)?;
    args::count(vm, "input", args, 0, 1)?;
    let stdout = streams::sys_stream(vm, "stdout")?;
    if let Some(prompt) = args.first() {
        let mut text = String::new();
        push_str_of(vm, &mut text, prompt)?;
        streams::write(vm, &stdout, &text)?;
    }
    streams::flush(vm, &stdout)?;
    let stdin = streams::sys_attr(vm, "stdin").unwrap_or(Value::None);
    let line = match stdin.payload() {
        Some(Payload::File(f))
            if matches!(
                f.borrow(vm.gil).handle,
                crate::types::file::FileHandle::Stdin
            ) =>
        {
            Value::str(super::files::stdin_line(vm)?)
        }
        _ if stdin.is_none() => return Err(vm.runtime_error("input(): lost sys.stdin")),
        _ => {
            let name = Value::str("readline");
            let readline = crate::attr::get_attr(vm, &stdin, &name)?;
            vm.call(&readline, vec![], vec![])?
        }
    };
    let Some(text) = line.as_str() else {
        return Err(vm.type_error("object.readline() returned non-string"));
    };
    if text.is_empty() {
        let exc = vm.interp.exc.eof_error.clone();
        return Err(vm.new_error(&exc, "EOF when reading a line"));
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    Ok(Value::str(text))
}

fn builtin_repr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "repr", args, kw)?;
    Ok(Value::str(crate::ops::repr(vm, v)?))
}

fn builtin_ascii(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "ascii", args, kw)?;
    Ok(Value::str(crate::ops::ascii(vm, v)?))
}

fn builtin_format(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "format", kw)?;
    args::count(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        None => "",
        Some(s) => match s.as_str() {
            Some(s) => s,
            None => {
                return Err(vm.type_error(format!(
                    "format() argument 2 must be str, not {}",
                    vm.type_name(s)
                )))
            }
        },
    };
    Ok(Value::str(crate::ops::format(vm, &args[0], spec)?))
}

/// The REPL's echo of an expression statement (`sys.displayhook`): the repr on
/// stdout, and the value saved as `builtins._`.
pub fn print_expr(vm: &mut Vm, v: Value) -> PyResult<()> {
    if v.is_none() {
        return Ok(());
    }
    let builtins = vm.interp.builtins.clone();
    crate::vm::dict_set_str(vm, &builtins, "_", Value::None);
    let mut text = crate::ops::repr(vm, &v)?;
    text.push('\n');
    let target = streams::sys_stream(vm, "stdout")?;
    streams::write(vm, &target, &text)?;
    crate::vm::dict_set_str(vm, &builtins, "_", v);
    Ok(())
}

/// Installs the text functions.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "print", builtin_print);
    add_function(vm, &b, "input", builtin_input);
    add_function(vm, &b, "repr", builtin_repr);
    add_function(vm, &b, "ascii", builtin_ascii);
    add_function(vm, &b, "format", builtin_format);
}
