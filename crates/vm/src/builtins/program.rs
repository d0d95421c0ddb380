//! Built-ins that act on the running program: `exit`/`quit`, `__import__`, and `dis`
//! (available without an import in gilded).

use super::args;
use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// `exit(code=None)` / `quit(code=None)`: raises SystemExit.
fn builtin_exit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "exit", kw)?;
    args::count(vm, "exit", args, 0, 1)?;
    let code = args.first().cloned().unwrap_or(Value::None);
    let exc = vm.interp.exc.system_exit.clone();
    Err(vm.new_exception(&exc, vec![code]))
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

fn builtin_dis(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::dis::dis_function(vm, args, kw)
}

/// Installs `exit`, `quit`, `__import__` and `dis`.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "exit", builtin_exit);
    add_function(vm, &b, "quit", builtin_exit);
    add_function(vm, &b, "__import__", builtin_import);
    add_function(vm, &b, "dis", builtin_dis);
}
