//! Modules written in the gilded language itself (`crates/vm/lib/`), embedded in the
//! binary and compiled on first import: `threading`, `queue`, `concurrent.futures`.
//! They read like CPython's Lib/ so students can follow them, and are built on the
//! native primitives of `_thread`.

use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// One embedded module: its dotted name, source, and whether it is a package.
pub struct SourceModule {
    /// The full dotted name.
    pub name: &'static str,
    /// The module's source text.
    pub source: &'static str,
    /// True for packages (`concurrent`), which may have submodules.
    pub package: bool,
}

/// Every embedded module.
const LIBRARY: &[SourceModule] = &[
    SourceModule {
        name: "threading",
        source: include_str!("../../lib/threading.py"),
        package: false,
    },
    SourceModule {
        name: "queue",
        source: include_str!("../../lib/queue.py"),
        package: false,
    },
    SourceModule {
        name: "concurrent",
        source: include_str!("../../lib/concurrent/__init__.py"),
        package: true,
    },
    SourceModule {
        name: "concurrent.futures",
        source: include_str!("../../lib/concurrent/futures.py"),
        package: false,
    },
];

/// The embedded module called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static SourceModule> {
    LIBRARY.iter().find(|m| m.name == name)
}

/// The file name tracebacks show for an embedded module, in the style CPython uses
/// for its frozen modules.
pub fn filename(name: &str) -> String {
    format!("<frozen {name}>")
}

/// Compiles and runs an embedded module. It is in `sys.modules` while its body runs
/// (so imports that come back to it see the partial module, as in CPython) and is
/// removed again if the body raises.
pub fn load(vm: &mut Vm, module: &SourceModule) -> PyResult<ObjRef> {
    let filename = filename(module.name);
    crate::io::register_source(vm, &filename, module.source);
    let code =
        crate::exec::compile_source(vm, module.source, &filename, crate::exec::SourceMode::Exec)?;
    let object = vm.new_module(module.name);
    let dict = super::module_dict(&object);
    crate::vm::dict_set_str(vm, &dict, "__file__", Value::str(filename));
    if module.package {
        let path = vm.new_list(vec![]);
        crate::vm::dict_set_str(vm, &dict, "__path__", path);
    }
    let modules = vm.interp.modules.clone();
    crate::vm::dict_set_str(vm, &modules, module.name, Value::Obj(object.clone()));
    if let Err(err) = vm.run_code(code, &dict) {
        if let crate::object::Payload::Dict(d) = modules.payload() {
            let removed = d.borrow_mut(vm.gil).remove_str(module.name);
            drop(removed);
        }
        return Err(err);
    }
    Ok(object)
}
