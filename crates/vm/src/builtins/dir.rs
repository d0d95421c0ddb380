//! What `dir(obj)` lists, close to CPython's `object.__dir__` and `type.__dir__`: the
//! instance's own attributes plus everything its class and the classes of its MRO
//! define, plus the attributes CPython keeps in slots rather than dicts (`__dict__`,
//! `__module__`, `__code__`, ...), which gilded stores as fields.

use crate::object::{GilCell, ObjRef, Payload};
use crate::types::class::Layout;
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;
use std::collections::BTreeSet;

/// Attributes of every object that live outside any dict in gilded.
const ALWAYS: [&str; 2] = ["__class__", "__doc__"];

/// Extra attributes of plain functions (CPython's getset descriptors).
const FUNCTION_FIELDS: [&str; 13] = [
    "__annotations__",
    "__builtins__",
    "__call__",
    "__closure__",
    "__code__",
    "__defaults__",
    "__dict__",
    "__get__",
    "__globals__",
    "__kwdefaults__",
    "__module__",
    "__name__",
    "__qualname__",
];

/// Extra attributes of exception instances.
const EXCEPTION_FIELDS: [&str; 7] = [
    "__cause__",
    "__context__",
    "__dict__",
    "__setstate__",
    "__suppress_context__",
    "__traceback__",
    "args",
];

/// Data attributes of built-in types that gilded computes instead of storing in the
/// type's dict (CPython's getset and member descriptors), by type name.
fn builtin_fields(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "int" | "bool" => &["denominator", "imag", "numerator", "real"],
        "float" | "complex" => &["imag", "real"],
        "range" | "slice" => &["start", "step", "stop"],
        "TextIOWrapper" => &["closed", "encoding", "mode", "name"],
        "cell" => &["cell_contents"],
        "property" => &["fdel", "fget", "fset"],
        "staticmethod" | "classmethod" => &["__func__"],
        "method" => &["__func__", "__self__"],
        "builtin_function_or_method" => &["__name__", "__qualname__", "__self__"],
        "code" => &[
            "co_argcount",
            "co_filename",
            "co_firstlineno",
            "co_name",
            "co_varnames",
        ],
        "generator" => &["__name__", "__qualname__"],
        _ => &[],
    }
}

/// Extra attributes of user-defined classes and their instances.
const CLASS_FIELDS: [&str; 3] = ["__dict__", "__module__", "__weakref__"];

fn add_dict_keys(vm: &Vm, out: &mut BTreeSet<String>, dict: &GilCell<Dict>) {
    for e in dict.borrow(vm.gil).iter() {
        if let Some(k) = e.key.as_str() {
            out.insert(k.to_string());
        }
    }
}

fn add_all(out: &mut BTreeSet<String>, names: &[&str]) {
    out.extend(names.iter().map(|n| n.to_string()));
}

/// Everything a class and its MRO define.
fn add_class_names(vm: &Vm, out: &mut BTreeSet<String>, class: &ObjRef) {
    let Some(t) = class.as_type() else { return };
    add_dict_keys(vm, out, &t.dict);
    for c in &t.mro {
        if let Some(ct) = c.as_type() {
            add_dict_keys(vm, out, &ct.dict);
        }
    }
    if t.module != "builtins" && t.layout != Layout::Builtin {
        add_all(out, &CLASS_FIELDS);
    }
    if t.layout == Layout::Exception {
        add_all(out, &EXCEPTION_FIELDS);
    }
}

/// The sorted attribute names of `obj`.
pub fn dir_names(vm: &Vm, obj: &Value) -> Vec<String> {
    let mut out = BTreeSet::new();
    match obj.payload() {
        Some(Payload::Module(m)) => {
            if let Payload::Dict(d) = m.dict.payload() {
                add_dict_keys(vm, &mut out, d);
            }
            return out.into_iter().collect();
        }
        Some(Payload::Type(_)) => {
            if let Some(class) = obj.as_obj() {
                add_class_names(vm, &mut out, class);
            }
        }
        Some(Payload::Instance(inst)) => {
            add_dict_keys(vm, &mut out, &inst.dict);
            add_class_names(vm, &mut out, &inst.class);
        }
        Some(Payload::Exception(e)) => {
            add_dict_keys(vm, &mut out, &e.dict);
            add_class_names(vm, &mut out, &e.class);
        }
        Some(Payload::Function(f)) => {
            add_dict_keys(vm, &mut out, &f.dict);
            add_all(&mut out, &FUNCTION_FIELDS);
            add_class_names(vm, &mut out, &vm.types().function);
        }
        _ => {
            let class = vm.type_of(obj);
            add_class_names(vm, &mut out, &class);
            if let Some(t) = class.as_type() {
                add_all(&mut out, builtin_fields(&t.name));
            }
        }
    }
    add_all(&mut out, &ALWAYS);
    out.into_iter().collect()
}
