//! Built-in modules (`sys`, `time`, `math`, `random`, `os`) and the import machinery.
//! (Minimal bootstrap version: the modules owner expands it.)

use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// `import name`: the built-in module, created on first import.
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let exc = vm.interp.exc.module_not_found_error.clone();
    Err(vm.new_error(&exc, format!("No module named '{name}'")))
}

/// `from module import name`.
pub fn import_from(vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
    crate::attr::get_attr(vm, module, name)
}

/// `from module import *`.
pub fn import_star(_vm: &mut Vm, _module: &Value, _namespace: &ObjRef) -> PyResult<()> {
    Ok(())
}

/// Registers the built-in modules.
pub fn register(_vm: &Vm) {}

/// Creates `__main__` (registered in `sys.modules`) and returns its namespace dict.
pub fn main_module(vm: &mut Vm, file: Option<&str>) -> ObjRef {
    let module = vm.new_module("__main__");
    let crate::object::Payload::Module(m) = module.payload() else {
        unreachable!("new_module makes a module")
    };
    let dict = m.dict.clone();
    crate::vm::dict_set_str(vm, &dict, "__builtins__", Value::Obj(vm.interp.builtins.clone()));
    if let Some(f) = file {
        crate::vm::dict_set_str(vm, &dict, "__file__", Value::str(f));
    }
    let modules = vm.interp.modules.clone();
    crate::vm::dict_set_str(vm, &modules, "__main__", Value::Obj(module));
    dict
}

/// Interpreter shutdown: clears `__main__`'s globals so objects with `__del__` are
/// finalized, as CPython does at exit.
pub fn shutdown(vm: &mut Vm) {
    let main = crate::vm::dict_get_str(vm, &vm.interp.modules.clone(), "__main__");
    if let Some(Value::Obj(m)) = main {
        if let crate::object::Payload::Module(module) = m.payload() {
            if let crate::object::Payload::Dict(d) = module.dict.payload() {
                let entries = d.borrow_mut(vm.gil).take_all();
                drop(entries);
            }
        }
    }
    vm.run_finalizers();
    crate::io::flush_stdout(vm);
}
