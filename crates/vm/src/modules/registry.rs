//! The table of importable built-in modules.

use crate::object::ObjRef;
use crate::vm::Vm;

/// One importable module.
pub struct Entry {
    /// The full dotted name.
    pub name: &'static str,
    /// Builds the module object (called once, on first import).
    pub create: fn(&mut Vm) -> ObjRef,
    /// True when the module has submodules (`import os.path` is fine,
    /// `import time.x` is "not a package").
    pub package: bool,
}

fn sys(vm: &mut Vm) -> ObjRef {
    super::sys::create_module(vm)
}

fn io(vm: &mut Vm) -> ObjRef {
    super::io::create_module(vm)
}

fn builtins(vm: &mut Vm) -> ObjRef {
    crate::object::ObjRef::new(crate::object::Payload::Module(
        crate::types::module::ModuleObj {
            name: "builtins".to_string(),
            dict: vm.interp.builtins.clone(),
        },
    ))
}

/// Every built-in module.
const MODULES: &[Entry] = &[
    Entry {
        name: "sys",
        create: sys,
        package: false,
    },
    Entry {
        name: "builtins",
        create: builtins,
        package: false,
    },
    Entry {
        name: "io",
        create: io,
        package: false,
    },
    Entry {
        name: "_gilded_mp",
        create: super::mp_native::create_module,
        package: false,
    },
    Entry {
        name: "gil",
        create: super::gil::create_module,
        package: false,
    },
    Entry {
        name: "_thread",
        create: super::thread::create_module,
        package: false,
    },
    Entry {
        name: "time",
        create: super::time::create_module,
        package: false,
    },
    Entry {
        name: "os",
        create: super::os::create_module,
        package: false,
    },
    Entry {
        name: "os.path",
        create: super::os::create_path_module,
        package: false,
    },
    Entry {
        name: "dis",
        create: super::dis::create_module,
        package: false,
    },
    Entry {
        name: "__future__",
        create: super::future::create_module,
        package: false,
    },
    Entry {
        name: "functools",
        create: super::functools::create_module,
        package: false,
    },
    Entry {
        name: "itertools",
        create: super::itertools::create_module,
        package: false,
    },
    Entry {
        name: "collections",
        create: super::collections::create_module,
        package: true,
    },
    Entry {
        name: "string",
        create: super::string::create_module,
        package: false,
    },
    Entry {
        name: "types",
        create: super::types::create_module,
        package: false,
    },
    Entry {
        name: "keyword",
        create: super::keyword::create_module,
        package: false,
    },
    Entry {
        name: "importlib",
        create: super::importlib::create_module,
        package: false,
    },
    Entry {
        name: "typing",
        create: super::typing::create_module,
        package: false,
    },
    Entry {
        name: "heapq",
        create: super::heapq::create_module,
        package: false,
    },
    Entry {
        name: "bisect",
        create: super::bisect::create_module,
        package: false,
    },
    Entry {
        name: "operator",
        create: super::operator::create_module,
        package: false,
    },
    Entry {
        name: "abc",
        create: super::abc::create_module,
        package: false,
    },
    Entry {
        name: "contextlib",
        create: super::contextlib::create_module,
        package: false,
    },
    Entry {
        name: "copy",
        create: super::copy::create_module,
        package: false,
    },
    Entry {
        name: "dataclasses",
        create: super::dataclasses::create_module,
        package: false,
    },
    Entry {
        name: "json",
        create: super::json::create_module,
        package: false,
    },
    Entry {
        name: "pprint",
        create: super::pprint::create_module,
        package: false,
    },
    Entry {
        name: "math",
        create: super::math::create_module,
        package: false,
    },
    Entry {
        name: "random",
        create: super::random::create_module,
        package: false,
    },
];

/// The module called `name`, if gilded provides it.
pub fn find(name: &str) -> Option<&'static Entry> {
    MODULES.iter().find(|e| e.name == name)
}
