//! The `builtins` namespace: print, len, range, isinstance, ... (Minimal bootstrap
//! version: the builtins owner expands it.)

use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

fn builtin_print(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut parts = Vec::new();
    for a in args {
        parts.push(crate::ops::to_str(vm, a)?);
    }
    let mut line = parts.join(" ");
    line.push('\n');
    crate::io::write_stdout(vm, &line);
    Ok(Value::None)
}

/// `object.__init__`: accepts no arguments beyond the instance (checked by the caller).
pub fn object_init(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
}

/// The REPL's echo of an expression statement.
pub fn print_expr(vm: &mut Vm, v: Value) -> PyResult<()> {
    if v.is_none() {
        return Ok(());
    }
    let s = crate::ops::repr(vm, &v)?;
    crate::io::write_stdout(vm, &format!("{s}\n"));
    crate::vm::dict_set_str(vm, &vm.interp.builtins.clone(), "_", v);
    Ok(())
}

/// The names `dir(obj)` lists, sorted.
pub fn dir_names(_vm: &mut Vm, _obj: &Value) -> PyResult<Vec<String>> {
    Ok(Vec::new())
}

/// Installs the built-in functions.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "print", builtin_print);
    let object = vm.types().object.clone();
    crate::bootstrap::add_method(vm, &object, "__init__", object_init);
}
