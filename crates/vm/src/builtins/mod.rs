//! The `builtins` namespace: the built-in functions and classes that belong to no
//! other area (numbers and containers register their own types), split by concern.

pub mod args;
pub mod classes;
mod conversion;
pub mod dir;
pub mod files;
mod introspection;
pub mod iteration;
mod printing;
mod program;
pub mod sizes;
pub mod sorting;
pub mod streams;

pub use classes::object_init;
pub use printing::print_expr;

use crate::bootstrap::set_global;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// The names `dir(obj)` lists, sorted.
pub fn dir_names(vm: &mut Vm, obj: &Value) -> PyResult<Vec<String>> {
    Ok(dir::dir_names(vm, obj))
}

/// Installs the built-in functions, constants and classes of this area.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    set_global(vm, &b, "__name__", Value::str("builtins"));
    set_global(vm, &b, "__doc__", Value::None);
    set_global(vm, &b, "__debug__", Value::Bool(true));
    set_global(vm, &b, "None", Value::None);
    set_global(vm, &b, "True", Value::Bool(true));
    set_global(vm, &b, "False", Value::Bool(false));
    set_global(vm, &b, "NotImplemented", vm.interp.not_implemented.clone());
    set_global(vm, &b, "Ellipsis", vm.interp.ellipsis.clone());
    for name in ["__loader__", "__package__", "__spec__"] {
        set_global(vm, &b, name, Value::None);
    }
    // Old names of OSError, kept by CPython as aliases.
    let os_error = Value::Obj(vm.interp.exc.os_error.clone());
    set_global(vm, &b, "EnvironmentError", os_error.clone());
    set_global(vm, &b, "IOError", os_error);
    classes::register(vm);
    conversion::register(vm);
    files::register(vm);
    introspection::register(vm);
    iteration::register(vm);
    printing::register(vm);
    program::register(vm);
}
