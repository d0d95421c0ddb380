//! The `io` module: `open`, `UnsupportedOperation`, and `StringIO` (an in-memory text
//! file, often assigned to `sys.stdout` to capture output).
//!
//! A StringIO keeps its text in `_text` plus a list `_tail` of pieces appended at the
//! end, joined only when something needs the whole text, so repeated `write` calls
//! stay linear.

use super::native_class::{field, new_class, set_field};
use super::set_attr;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;

fn int_field(vm: &Vm, this: &Value, name: &str) -> i64 {
    match field(vm, this, name) {
        Some(Value::Int(i)) => i,
        _ => 0,
    }
}

fn check_open(vm: &Vm, this: &Value) -> PyResult<()> {
    match field(vm, this, "closed") {
        Some(Value::Bool(true)) => Err(vm.value_error("I/O operation on closed file")),
        Some(_) => Ok(()),
        None => Err(vm.type_error("descriptor requires a '_io.StringIO' object")),
    }
}

/// Joins the pending tail into `_text` and returns the whole text.
fn materialize(vm: &Vm, this: &Value) -> String {
    let text = field(vm, this, "_text");
    let mut s = text
        .as_ref()
        .and_then(|t| t.as_str())
        .unwrap_or("")
        .to_string();
    let tail = field(vm, this, "_tail");
    if let Some(Payload::List(l)) = tail.as_ref().and_then(|t| t.payload()) {
        let pieces = std::mem::take(&mut *l.borrow_mut(vm.gil));
        if pieces.is_empty() {
            return s;
        }
        for p in &pieces {
            s.push_str(p.as_str().unwrap_or(""));
        }
        drop(pieces);
        set_field(vm, this, "_text", Value::str(s.clone()));
    }
    s
}

fn char_offset(s: &str, chars: usize) -> usize {
    s.char_indices()
        .nth(chars)
        .map(|(b, _)| b)
        .unwrap_or(s.len())
}

fn stringio_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::allowed_kwargs(vm, "StringIO", kw, &["initial_value", "newline"])?;
    let this = &args[0];
    let initial = args
        .get(1)
        .or_else(|| args::kwarg(kw, "initial_value"))
        .cloned()
        .unwrap_or_else(|| Value::str(""));
    let initial = match &initial {
        Value::None => Value::str(""),
        v if v.as_str().is_some() => v.clone(),
        other => {
            return Err(vm.type_error(format!(
                "initial_value must be str or None, not {}",
                vm.type_name(other)
            )))
        }
    };
    let len = initial.as_str_obj().map(|s| s.char_len()).unwrap_or(0);
    set_field(vm, this, "_text", initial);
    set_field(vm, this, "_tail", vm.new_list(vec![]));
    set_field(vm, this, "_len", Value::Int(len as i64));
    set_field(vm, this, "_pos", Value::Int(0));
    set_field(vm, this, "closed", Value::Bool(false));
    Ok(Value::None)
}

fn stringio_write(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let rest = args::method_args(vm, args, 1)?;
    let this = &args[0];
    check_open(vm, this)?;
    let Some(s) = rest[0].as_str_obj() else {
        return Err(vm.type_error(format!(
            "string argument expected, got '{}'",
            vm.type_name(&rest[0])
        )));
    };
    let n = s.char_len() as i64;
    let (pos, len) = (int_field(vm, this, "_pos"), int_field(vm, this, "_len"));
    if pos == len {
        if let Some(Value::Obj(tail)) = field(vm, this, "_tail") {
            if let Payload::List(l) = tail.payload() {
                l.borrow_mut(vm.gil).push(rest[0].clone());
            }
        }
    } else {
        let mut text = materialize(vm, this);
        let pos_u = pos as usize;
        if pos > len {
            text.extend(std::iter::repeat_n('\0', (pos - len) as usize));
        }
        let start = char_offset(&text, pos_u);
        let end = char_offset(&text, pos_u + n as usize);
        text.replace_range(start..end, s.as_str());
        set_field(vm, this, "_text", Value::str(text));
    }
    set_field(vm, this, "_pos", Value::Int(pos + n));
    set_field(vm, this, "_len", Value::Int(len.max(pos + n)));
    Ok(Value::Int(n))
}

fn stringio_getvalue(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::method_args(vm, args, 0)?;
    check_open(vm, &args[0])?;
    Ok(Value::str(materialize(vm, &args[0])))
}

/// Takes up to `limit` characters from the position, stopping after a newline when
/// `line` is set.
fn take(vm: &mut Vm, this: &Value, limit: Option<usize>, line: bool) -> PyResult<Value> {
    check_open(vm, this)?;
    let text = materialize(vm, this);
    let pos = int_field(vm, this, "_pos").max(0) as usize;
    let start = char_offset(&text, pos);
    let rest = &text[start..];
    let mut end = match limit {
        Some(n) => char_offset(rest, n),
        None => rest.len(),
    };
    if line {
        if let Some(i) = rest[..end].find('\n') {
            end = i + 1;
        }
    }
    let out = &rest[..end];
    let taken = out.chars().count();
    set_field(vm, this, "_pos", Value::Int((pos + taken) as i64));
    Ok(Value::str(out))
}

fn limit_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = args::index_i64(vm, v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

fn stringio_read(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::count(vm, "read", args.get(1..).unwrap_or(&[]), 0, 1)?;
    let limit = limit_arg(vm, args.get(1))?;
    take(vm, &args[0], limit, false)
}

fn stringio_readline(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::count(vm, "readline", args.get(1..).unwrap_or(&[]), 0, 1)?;
    let limit = limit_arg(vm, args.get(1))?;
    take(vm, &args[0], limit, true)
}

fn stringio_readlines(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let mut lines = Vec::new();
    loop {
        let line = take(vm, &args[0], None, true)?;
        if line.as_str().is_none_or(str::is_empty) {
            break;
        }
        lines.push(line);
    }
    Ok(vm.new_list(lines))
}

fn stringio_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let line = take(vm, &args[0], None, true)?;
    if line.as_str().is_none_or(str::is_empty) {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

fn stringio_self(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    check_open(vm, &args[0])?;
    Ok(args[0].clone())
}

fn stringio_seek(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::count(vm, "seek", args.get(1..).unwrap_or(&[]), 1, 2)?;
    check_open(vm, &args[0])?;
    let offset = args::index_i64(vm, &args[1])?;
    let whence = match args.get(2) {
        Some(w) => args::index_i64(vm, w)?,
        None => 0,
    };
    let pos = match whence {
        0 if offset < 0 => {
            return Err(vm.value_error(format!("Negative seek position {offset}")));
        }
        0 => offset,
        1 | 2 if offset != 0 => {
            let class = super::io_unsupported_operation(vm);
            return Err(vm.new_error(&class, "Can't do nonzero cur-relative seeks"));
        }
        1 => int_field(vm, &args[0], "_pos"),
        2 => int_field(vm, &args[0], "_len"),
        _ => return Err(vm.value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    set_field(vm, &args[0], "_pos", Value::Int(pos));
    Ok(Value::Int(pos))
}

fn stringio_tell(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    check_open(vm, &args[0])?;
    Ok(Value::Int(int_field(vm, &args[0], "_pos")))
}

fn stringio_truncate(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    check_open(vm, &args[0])?;
    let size = match args.get(1) {
        None | Some(Value::None) => int_field(vm, &args[0], "_pos"),
        Some(v) => args::index_i64(vm, v)?,
    };
    let text = materialize(vm, &args[0]);
    let cut = char_offset(&text, size.max(0) as usize);
    let len = text[..cut].chars().count() as i64;
    set_field(vm, &args[0], "_text", Value::str(&text[..cut]));
    set_field(vm, &args[0], "_len", Value::Int(len));
    Ok(Value::Int(size))
}

fn stringio_close(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    set_field(vm, &args[0], "closed", Value::Bool(true));
    Ok(Value::None)
}

fn stringio_flush(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    check_open(vm, &args[0])?;
    Ok(Value::None)
}

fn stringio_true(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    check_open(vm, &args[0])?;
    Ok(Value::Bool(true))
}

fn stringio_false(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    check_open(vm, &args[0])?;
    Ok(Value::Bool(false))
}

fn stringio_exit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    stringio_close(vm, args, kw)
}

fn stringio_writelines(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let rest = args::method_args(vm, args, 1)?;
    let lines = crate::ops::collect_iterable(vm, &rest[0])?;
    for line in lines {
        stringio_write(vm, &[args[0].clone(), line], &[])?;
    }
    Ok(Value::None)
}

/// Builds the `io` module.
pub fn create_module(vm: &Vm) -> ObjRef {
    let m = vm.new_module("io");
    let exc = &vm.interp.exc;
    let unsupported = vm.new_class(
        "UnsupportedOperation",
        "UnsupportedOperation",
        "io",
        vec![exc.os_error.clone(), exc.value_error.clone()],
        Default::default(),
    );
    if let Ok(class) = unsupported {
        set_attr(vm, &m, "UnsupportedOperation", Value::Obj(class));
    }
    if let Some(open) = vm.builtin("open") {
        set_attr(vm, &m, "open", open);
    }
    set_attr(vm, &m, "TextIOWrapper", Value::Obj(vm.types().file.clone()));
    set_attr(vm, &m, "SEEK_SET", Value::Int(0));
    set_attr(vm, &m, "SEEK_CUR", Value::Int(1));
    set_attr(vm, &m, "SEEK_END", Value::Int(2));
    set_attr(vm, &m, "DEFAULT_BUFFER_SIZE", Value::Int(8192));
    let stringio = new_class(
        vm,
        "_io",
        "StringIO",
        &[
            ("__init__", stringio_init),
            ("write", stringio_write),
            ("writelines", stringio_writelines),
            ("getvalue", stringio_getvalue),
            ("read", stringio_read),
            ("readline", stringio_readline),
            ("readlines", stringio_readlines),
            ("__iter__", stringio_self),
            ("__next__", stringio_next),
            ("__enter__", stringio_self),
            ("__exit__", stringio_exit),
            ("seek", stringio_seek),
            ("tell", stringio_tell),
            ("truncate", stringio_truncate),
            ("close", stringio_close),
            ("flush", stringio_flush),
            ("readable", stringio_true),
            ("writable", stringio_true),
            ("seekable", stringio_true),
            ("isatty", stringio_false),
        ],
    );
    set_attr(vm, &m, "StringIO", Value::Obj(stringio));
    m
}
