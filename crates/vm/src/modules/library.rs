//! Modules written in the gilded language itself (`crates/vm/lib/`), embedded in the
//! binary as source and as code compiled at build time (`crates/cli/build.rs`,
//! installed with [`install_precompiled`]; without it they are compiled on first
//! import): `threading`, `queue`, `concurrent.futures`,
//! `multiprocessing`. They read like CPython's Lib/ so students can follow them, and
//! are built on the native primitives of `_thread` and `_gilded_mp`.
//!
//! Development convenience: when the environment variable `GILDED_LIB_DIR` names a
//! directory (e.g. `crates/vm/lib`), modules are read from there instead of the
//! embedded text, so editing them needs no rebuild.

use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// One embedded module: its dotted name, source, and whether it is a package.
pub struct SourceModule {
    /// The full dotted name.
    pub name: &'static str,
    /// The module's source file, relative to `crates/vm/lib/`.
    pub path: &'static str,
    /// The module's source text.
    pub source: &'static str,
    /// True for packages (`concurrent`), which may have submodules.
    pub package: bool,
}

/// The library modules compiled (or read from the build-time table) in this process.
#[derive(Default)]
pub struct CompiledLibrary {
    /// Module name → its code.
    pub code: std::collections::HashMap<String, std::sync::Arc<gilded_bytecode::CodeObject>>,
}

/// The library compiled when the binary was built (`crates/cli/build.rs`), installed
/// by the binary at start-up; None in interpreters embedded without it.
static PRECOMPILED: std::sync::OnceLock<&'static [u8]> = std::sync::OnceLock::new();

/// Installs the build-time compiled library (see `crates/cli/build.rs` for the format).
pub fn install_precompiled(table: &'static [u8]) {
    let _ = PRECOMPILED.set(table);
}

/// The build-time code of the module at `path` (relative to `lib/`), with the
/// module's own file name put in.
fn precompiled(path: &str, filename: &str) -> Option<std::sync::Arc<gilded_bytecode::CodeObject>> {
    let mut rest: &[u8] = PRECOMPILED.get()?;
    let next = |rest: &mut &'static [u8]| -> Option<&'static [u8]> {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let part = rest.get(4..4 + len)?;
        *rest = &rest[4 + len..];
        Some(part)
    };
    while !rest.is_empty() {
        let name = next(&mut rest)?;
        let code = next(&mut rest)?;
        if name == path.as_bytes() {
            let mut code: gilded_bytecode::CodeObject = postcard::from_bytes(code).ok()?;
            rename_file(&mut code, filename);
            return Some(std::sync::Arc::new(code));
        }
    }
    None
}

/// Sets the file name of a code object and of every code object nested in it.
fn rename_file(code: &mut gilded_bytecode::CodeObject, filename: &str) {
    code.filename = filename.into();
    for constant in &mut code.constants {
        if let gilded_bytecode::Constant::Code(inner) = constant {
            rename_file(std::sync::Arc::make_mut(inner), filename);
        }
    }
}

/// Every embedded module.
const LIBRARY: &[SourceModule] = &[
    SourceModule {
        name: "threading",
        path: "threading.py",
        source: include_str!("../../lib/threading.py"),
        package: false,
    },
    SourceModule {
        name: "queue",
        path: "queue.py",
        source: include_str!("../../lib/queue.py"),
        package: false,
    },
    SourceModule {
        name: "concurrent",
        path: "concurrent/__init__.py",
        source: include_str!("../../lib/concurrent/__init__.py"),
        package: true,
    },
    SourceModule {
        name: "concurrent.futures",
        path: "concurrent/futures.py",
        source: include_str!("../../lib/concurrent/futures.py"),
        package: true,
    },
    SourceModule {
        name: "concurrent.futures.process",
        path: "concurrent/futures_process.py",
        source: include_str!("../../lib/concurrent/futures_process.py"),
        package: false,
    },
    SourceModule {
        name: "concurrent.futures.thread",
        path: "concurrent/futures_thread.py",
        source: include_str!("../../lib/concurrent/futures_thread.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing",
        path: "multiprocessing/__init__.py",
        source: include_str!("../../lib/multiprocessing/__init__.py"),
        package: true,
    },
    SourceModule {
        name: "multiprocessing.context",
        path: "multiprocessing/context.py",
        source: include_str!("../../lib/multiprocessing/context.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing.process",
        path: "multiprocessing/process.py",
        source: include_str!("../../lib/multiprocessing/process.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing.synchronize",
        path: "multiprocessing/synchronize.py",
        source: include_str!("../../lib/multiprocessing/synchronize.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing.connection",
        path: "multiprocessing/connection.py",
        source: include_str!("../../lib/multiprocessing/connection.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing.queues",
        path: "multiprocessing/queues.py",
        source: include_str!("../../lib/multiprocessing/queues.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing.sharedctypes",
        path: "multiprocessing/sharedctypes.py",
        source: include_str!("../../lib/multiprocessing/sharedctypes.py"),
        package: false,
    },
    SourceModule {
        name: "multiprocessing.pool",
        path: "multiprocessing/pool.py",
        source: include_str!("../../lib/multiprocessing/pool.py"),
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

/// The module's source: the embedded text, or the file under `$GILDED_LIB_DIR` when
/// that variable is set (a development convenience: edit, rerun, no rebuild).
fn source_text(vm: &Vm, module: &SourceModule) -> PyResult<std::borrow::Cow<'static, str>> {
    let Some(dir) = std::env::var_os("GILDED_LIB_DIR").filter(|d| !d.is_empty()) else {
        return Ok(std::borrow::Cow::Borrowed(module.source));
    };
    let path = std::path::Path::new(&dir).join(module.path);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(std::borrow::Cow::Owned(text)),
        Err(err) => Err(vm.new_error(
            &vm.interp.exc.import_error,
            format!("GILDED_LIB_DIR: cannot read {}: {err}", path.display()),
        )),
    }
}

/// Compiles and runs an embedded module. It is in `sys.modules` while its body runs
/// (so imports that come back to it see the partial module, as in CPython) and is
/// removed again if the body raises.
pub fn load(vm: &mut Vm, module: &SourceModule) -> PyResult<ObjRef> {
    let filename = filename(module.name);
    let source = source_text(vm, module)?;
    crate::io::register_source(vm, &filename, &source);
    let mut known = vm
        .interp
        .library
        .borrow(vm.gil)
        .code
        .get(module.name)
        .cloned();
    if known.is_none() && std::env::var_os("GILDED_LIB_DIR").is_none() {
        known = precompiled(module.path, &filename);
        if let Some(code) = &known {
            vm.interp
                .library
                .borrow_mut(vm.gil)
                .code
                .insert(module.name.to_string(), code.clone());
        }
    }
    let code = match known {
        Some(code) => code,
        None => {
            let code =
                crate::exec::compile_source(vm, &source, &filename, crate::exec::SourceMode::Exec)?;
            vm.interp
                .library
                .borrow_mut(vm.gil)
                .code
                .insert(module.name.to_string(), code.clone());
            code
        }
    };
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
