//! The `importlib` module: `import_module` and `reload` over gilded's built-in
//! module registry.

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

fn import_module(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "import_module", kw, &["name", "package"])?;
    args::count(vm, "import_module", args, 0, 2)?;
    let Some(name) = args.first().or_else(|| args::kwarg(kw, "name")) else {
        return Err(vm.type_error("import_module() missing 1 required positional argument: 'name'"));
    };
    let Some(name) = name.as_str().map(str::to_string) else {
        return Err(vm.type_error(format!(
            "import_module() argument 'name' must be str, not {}",
            vm.type_name(name)
        )));
    };
    super::import(vm, &name)
}

/// `reload(module)`: built-in modules have nothing to re-run; the module is returned.
fn reload(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let m = args::exactly_one(vm, "reload", args, kw)?;
    if !matches!(m.payload(), Some(crate::object::Payload::Module(_))) {
        return Err(vm.type_error("reload() argument must be a module"));
    }
    Ok(m.clone())
}

/// Builds `importlib`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("importlib");
    add_fn(vm, &m, "import_module", import_module);
    add_fn(vm, &m, "reload", reload);
    m
}
