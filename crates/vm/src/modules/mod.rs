//! Built-in modules and the import machinery.
//!
//! A module is either native, listed in [`registry`], or written in gilded's own
//! language and embedded in the binary (found by `library::find`); either is
//! created on its first import and cached in `sys.modules` (`vm.interp.modules`), so
//! later imports (and `sys.modules` edits by the program) see the same object. `sys`,
//! `builtins` and `io` exist from start-up because `print` and files use them.

mod abc;
mod bisect;
mod collections;
mod contextlib;
mod copy;
mod dataclasses;
pub mod dis;
mod functools;
mod future;
pub mod gil;
mod heapq;
mod importlib;
mod io;
mod itertools;
mod json;
mod keyword;
pub mod library;
pub mod math;
pub mod mp_native;
pub mod native_class;
mod operator;
mod os;
mod pprint;
pub mod random;
mod registry;
mod string;
mod sys;
pub mod sys_gil;
mod thread;
mod thread_local;
mod thread_locks;
mod time;
mod types;
mod typing;

use crate::bootstrap::add_function;
use crate::error::{PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::types::function::NativeFn;
use crate::types::module::ModuleObj;
use crate::value::Value;
use crate::vm::Vm;

/// The namespace dict of a module object.
pub(crate) fn module_dict(module: &ObjRef) -> ObjRef {
    match module.payload() {
        Payload::Module(m) => m.dict.clone(),
        _ => module.clone(),
    }
}

/// Sets `module.name = value`.
pub(crate) fn set_attr(vm: &Vm, module: &ObjRef, name: &str, value: Value) {
    crate::vm::dict_set_str(vm, &module_dict(module), name, value);
}

/// Adds a native function to a module.
pub(crate) fn add_fn(vm: &Vm, module: &ObjRef, name: &'static str, f: NativeFn) {
    add_function(vm, &module_dict(module), name, f);
}

fn module_not_found(vm: &Vm, msg: String, name: &str) -> PyErr {
    let err = vm.new_error(&vm.interp.exc.module_not_found_error, msg);
    set_import_error_fields(vm, &err, Value::str(name));
    err
}

fn set_import_error_fields(vm: &Vm, err: &PyErr, name: Value) {
    if let Payload::Exception(e) = err.0.payload() {
        let mut d = e.dict.borrow_mut(vm.gil);
        d.set_str(Value::str("name"), name);
        d.set_str(Value::str("path"), Value::None);
    }
}

/// `sys.modules[name]`, if present.
pub fn cached(vm: &Vm, name: &str) -> Option<Value> {
    crate::vm::dict_get_str(vm, &vm.interp.modules, name)
}

/// `import name`: the module named (for `a.b`, the submodule; the compiler loads the
/// top-level package itself), created on first import.
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if name.starts_with('.') {
        let err = vm.new_error(
            &vm.interp.exc.import_error,
            "attempted relative import with no known parent package",
        );
        set_import_error_fields(vm, &err, Value::None);
        return Err(err);
    }
    if let Some(m) = cached(vm, name) {
        if m.is_none() {
            return Err(module_not_found(
                vm,
                format!("import of {name} halted; None in sys.modules"),
                name,
            ));
        }
        return Ok(m);
    }
    let parent = match name.rsplit_once('.') {
        Some((parent, _)) => Some((parent, import(vm, parent)?)),
        None => None,
    };
    if parent.is_some() {
        // Importing the parent may have created this submodule (`os` makes `os.path`).
        if let Some(m) = cached(vm, name) {
            return Ok(m);
        }
    }
    if let Some(source_module) = library::find(name) {
        let module = library::load(vm, source_module)?;
        let value = Value::Obj(module);
        if let Some((_, Value::Obj(parent))) = parent {
            let leaf = name.rsplit('.').next().unwrap_or(name);
            set_attr(vm, &parent, leaf, value.clone());
        }
        return Ok(value);
    }
    let Some(entry) = registry::find(name) else {
        if let Some((parent_name, _)) = parent {
            let is_package = registry::find(parent_name).is_some_and(|e| e.package)
                || library::find(parent_name).is_some_and(|m| m.package);
            if !is_package {
                return Err(module_not_found(
                    vm,
                    format!("No module named '{name}'; '{parent_name}' is not a package"),
                    name,
                ));
            }
        }
        return Err(module_not_found(
            vm,
            format!("No module named '{name}'"),
            name,
        ));
    };
    let module = (entry.create)(vm);
    let value = Value::Obj(module.clone());
    let modules = vm.interp.modules.clone();
    crate::vm::dict_set_str(vm, &modules, name, value.clone());
    if let Some((_, Value::Obj(parent))) = parent {
        let leaf = name.rsplit('.').next().unwrap_or(name);
        set_attr(vm, &parent, leaf, value.clone());
    }
    Ok(value)
}

/// `from module import name`: the attribute, or an already imported submodule.
pub fn import_from(vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = crate::attr::get_attr_opt(vm, module, name)? {
        return Ok(v);
    }
    let (module_name, file) = match module.payload() {
        Some(Payload::Module(m)) => (
            m.name.clone(),
            crate::vm::dict_get_str(vm, &m.dict, "__file__")
                .and_then(|f| f.as_str().map(str::to_string)),
        ),
        _ => (vm.type_name(module), None),
    };
    let key = name.as_str().unwrap_or("");
    if let Some(sub) = cached(vm, &format!("{module_name}.{key}")) {
        return Ok(sub);
    }
    let location = file.unwrap_or_else(|| "unknown location".to_string());
    let err = vm.new_error(
        &vm.interp.exc.import_error,
        format!("cannot import name '{key}' from '{module_name}' ({location})"),
    );
    set_import_error_fields(vm, &err, Value::str(module_name));
    Err(err)
}

/// `from module import *`: the names in `__all__`, or every public name.
pub fn import_star(vm: &mut Vm, module: &Value, namespace: &ObjRef) -> PyResult<()> {
    let Some(Payload::Module(m)) = module.payload() else {
        return Ok(());
    };
    let dict = m.dict.clone();
    let names: Vec<(Value, Value)> = match crate::vm::dict_get_str(vm, &dict, "__all__") {
        Some(all) => {
            let mut pairs = Vec::new();
            for name in crate::ops::collect_iterable(vm, &all)? {
                let v = crate::attr::get_attr(vm, module, &name)?;
                pairs.push((name, v));
            }
            pairs
        }
        None => match dict.payload() {
            Payload::Dict(d) => d
                .borrow(vm.gil)
                .iter()
                .filter(|e| e.key.as_str().is_some_and(|k| !k.starts_with('_')))
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect(),
            _ => Vec::new(),
        },
    };
    for (k, v) in names {
        crate::ops::dict_set_item(vm, namespace, k, v)?;
    }
    Ok(())
}

/// `io.UnsupportedOperation` (created with the `io` module at start-up).
pub fn io_unsupported_operation(vm: &mut Vm) -> ObjRef {
    let found = import(vm, "io")
        .ok()
        .and_then(|m| m.as_obj().cloned())
        .and_then(|m| crate::vm::dict_get_str(vm, &module_dict(&m), "UnsupportedOperation"));
    match found {
        Some(Value::Obj(c)) if c.as_type().is_some() => c,
        _ => vm.interp.exc.os_error.clone(),
    }
}

/// Registers the modules that exist from start-up: `builtins`, `sys`, `io`.
pub fn register(vm: &Vm) {
    let builtins = ObjRef::new(Payload::Module(ModuleObj {
        name: "builtins".to_string(),
        dict: vm.interp.builtins.clone(),
    }));
    let modules = vm.interp.modules.clone();
    crate::vm::dict_set_str(vm, &modules, "builtins", Value::Obj(builtins));
    let sys = sys::create_module(vm);
    crate::vm::dict_set_str(vm, &modules, "sys", Value::Obj(sys));
    let io = io::create_module(vm);
    crate::vm::dict_set_str(vm, &modules, "io", Value::Obj(io));
}

/// Creates `__main__` (registered in `sys.modules`) and returns its namespace dict.
pub fn main_module(vm: &mut Vm, file: Option<&str>) -> ObjRef {
    let module = vm.new_module("__main__");
    let dict = module_dict(&module);
    let set = |vm: &Vm, k: &str, v: Value| crate::vm::dict_set_str(vm, &dict, k, v);
    set(vm, "__package__", Value::None);
    set(vm, "__loader__", Value::None);
    set(vm, "__spec__", Value::None);
    set(vm, "__annotations__", vm.new_dict(Default::default()));
    set(vm, "__builtins__", Value::Obj(vm.interp.builtins.clone()));
    if let Some(f) = file {
        set(vm, "__file__", Value::str(f));
        set(vm, "__cached__", Value::None);
    }
    let modules = vm.interp.modules.clone();
    crate::vm::dict_set_str(vm, &modules, "__main__", Value::Obj(module));
    dict
}

/// Runs `__del__` of the objects in `values` that nothing but the namespace they came
/// from holds, while that namespace is still intact. CPython's last collection finds
/// `__main__`'s namespace unreachable and runs the finalizers in it before clearing
/// anything, so a `__del__` there still sees the program's globals.
fn finalize_only_held_by(vm: &mut Vm, values: &[Value]) {
    for value in values {
        let Value::Obj(obj) = value else { continue };
        let Payload::Instance(inst) = obj.payload() else {
            continue;
        };
        // Two holders: the namespace and `values`.
        if obj.refcount() == 2 && inst.needs_finalizer() {
            // `__del__` runs once: not again when the namespace is cleared.
            inst.mark_finalized();
            vm.call_finalizer(value);
        }
    }
}

/// Interpreter shutdown: clears `__main__`'s globals so objects with `__del__` are
/// finalized, as CPython does at exit, then flushes the standard streams.
pub fn shutdown(vm: &mut Vm) {
    crate::threads::shutdown_threads(vm);
    let main = cached(vm, "__main__");
    if let Some(Value::Obj(m)) = main {
        if let Payload::Module(module) = m.payload() {
            if let Payload::Dict(d) = module.dict.payload() {
                finalize_only_held_by(
                    vm,
                    &d.borrow(vm.gil)
                        .iter()
                        .map(|e| e.value.clone())
                        .collect::<Vec<_>>(),
                );
                let entries = d.borrow_mut(vm.gil).take_all();
                drop(entries);
            }
        }
    }
    vm.run_finalizers();
    if let Ok(target) = crate::builtins::streams::sys_stream(vm, "stdout") {
        // A replaced sys.stdout that fails to flush must not stop the shutdown.
        let _ = crate::builtins::streams::flush(vm, &target);
    }
    crate::io::flush_stdout(vm);
}
