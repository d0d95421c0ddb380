//! Built-ins that act on the running program: `exit`/`quit` (instances of
//! `_sitebuiltins.Quitter`, as in CPython), `__import__`, and `dis`
//! (available without an import in gilded).

use super::args;
use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// `exit(code=None)` / `quit(code=None)` (`Quitter.__call__`): raises SystemExit.
fn quitter_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "Quitter.__call__", kw)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
            args.len()
        )));
    }
    let code = args.get(1).cloned().unwrap_or(Value::None);
    let exc = vm.interp.exc.system_exit.clone();
    Err(vm.new_exception(&exc, vec![code]))
}

/// `repr(exit)`: the hint the REPL shows when `exit` is typed without parentheses.
fn quitter_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let name = args
        .first()
        .and_then(|q| crate::modules::native_class::field(vm, q, "name"))
        .and_then(|n| n.as_str().map(str::to_string))
        .unwrap_or_else(|| "exit".to_string());
    Ok(Value::str(format!(
        "Use {name}() or Ctrl-D (i.e. EOF) to exit"
    )))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn builtin_import(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    args::allowed_kwargs(vm, "__import__", kw, &NAMES)?;
    args::count(vm, "__import__", args, 0, 5)?;
    let arg = |i: usize| args.get(i).or_else(|| args::kwarg(kw, NAMES[i])).cloned();
    let Some(name) = arg(0) else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Some(name) = name.as_str().map(str::to_string) else {
        return Err(vm.type_error(format!(
            "__import__() argument 1 must be str, not {}",
            vm.type_name(&name)
        )));
    };
    let module = crate::modules::import(vm, &name)?;
    let fromlist = match arg(3) {
        Some(f) if !f.is_none() => crate::ops::truthy(vm, &f)?,
        _ => false,
    };
    if fromlist || !name.contains('.') {
        return Ok(module);
    }
    let top = name.split('.').next().unwrap_or(&name).to_string();
    crate::modules::import(vm, &top)
}

/// `help(obj)`: a short text built from the object's name and docstring (CPython's
/// pydoc pages are not reproduced); `help()` without arguments prints a hint.
fn builtin_help(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "help", kw)?;
    args::count(vm, "help", args, 0, 1)?;
    let text = match args.first() {
        None => "Type help(object) for help about object.\n".to_string(),
        Some(obj) => {
            let name = match crate::attr::get_attr_opt(vm, obj, &Value::str("__name__")) {
                Ok(Some(n)) => crate::ops::to_str(vm, &n)?,
                _ => vm.type_name(obj),
            };
            let doc = match crate::attr::get_attr_opt(vm, obj, &Value::str("__doc__")) {
                Ok(Some(d)) if d.as_str().is_some() => d.as_str().unwrap_or("").to_string(),
                _ => String::new(),
            };
            let kind = match obj.payload() {
                Some(crate::object::Payload::Type(_)) => "class",
                Some(crate::object::Payload::Module(_)) => "module",
                Some(
                    crate::object::Payload::Function(_) | crate::object::Payload::NativeFunction(_),
                ) => "function",
                _ => "object",
            };
            let mut out = format!("Help on {kind} {name}:\n\n{name}\n");
            for line in doc.lines() {
                out.push_str("    ");
                out.push_str(line.trim());
                out.push('\n');
            }
            out.push('\n');
            out
        }
    };
    let target = super::streams::sys_stream(vm, "stdout")?;
    super::streams::write(vm, &target, &text)?;
    Ok(Value::None)
}

/// `breakpoint()`: gilded has no debugger, so this does nothing.
fn builtin_breakpoint(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
}

fn builtin_dis(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::dis::dis_function(vm, args, kw)
}

/// Installs `exit`, `quit`, `__import__` and `dis`.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    let quitter = crate::modules::native_class::new_class(
        vm,
        "_sitebuiltins",
        "Quitter",
        &[("__call__", quitter_call), ("__repr__", quitter_repr)],
    );
    for name in ["exit", "quit"] {
        let q = crate::modules::native_class::new_instance(
            vm,
            &quitter,
            vec![
                ("name", Value::str(name)),
                ("eof", Value::str("Ctrl-D (i.e. EOF)")),
            ],
        );
        crate::bootstrap::set_global(vm, &b, name, q);
    }
    add_function(vm, &b, "__import__", builtin_import);
    add_function(vm, &b, "dis", builtin_dis);
    add_function(vm, &b, "help", builtin_help);
    add_function(vm, &b, "breakpoint", builtin_breakpoint);
}
