//! Building a fresh interpreter: the built-in classes, the exception hierarchy, the
//! `builtins` namespace and `sys.modules`; and loading compiled code into values.
//!
//! The one registry of what exists at start-up is [`populate`]: each area registers its
//! own methods and functions there.

use crate::exceptions::ExceptionTypes;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::class::{Layout, TypeObj};
use crate::types::dict::Dict;
use crate::types::function::{NativeFn, NativeFunction, NativeKind, RuntimeCode};
use crate::value::Value;
use crate::vm::{BuiltinTypes, Interp, Vm};
use gilded_bytecode::{CodeObject, Constant};
use std::cell::Cell;
use std::sync::Arc;

pub(crate) fn builtin_type(name: &str, module: &str, bases: &[&ObjRef], layout: Layout) -> ObjRef {
    let mut mro = Vec::new();
    for b in bases {
        mro.push((*b).clone());
        if let Some(t) = b.as_type() {
            for c in &t.mro {
                if !mro.iter().any(|m: &ObjRef| m.is(c)) {
                    mro.push(c.clone());
                }
            }
        }
    }
    ObjRef::new(Payload::Type(Box::new(TypeObj::new(
        name.to_string(),
        name.to_string(),
        module.to_string(),
        bases.iter().map(|b| (*b).clone()).collect(),
        mro,
        Dict::new(),
        layout,
    ))))
}

/// Creates the shared interpreter state with empty namespaces, guarded by `lock`
/// (which the calling thread holds).
pub fn create_interp(argv: Vec<String>, lock: gilded_gil::InterpreterLock) -> Interp {
    let object = builtin_type("object", "builtins", &[], Layout::Object);
    let b = |name: &str| builtin_type(name, "builtins", &[&object], Layout::Builtin);
    let int = b("int");
    let types = BuiltinTypes {
        type_: b("type"),
        none_type: b("NoneType"),
        bool_: builtin_type("bool", "builtins", &[&int], Layout::Builtin),
        float: b("float"),
        complex: b("complex"),
        str: b("str"),
        bytes: b("bytes"),
        list: b("list"),
        tuple: b("tuple"),
        dict: b("dict"),
        set: b("set"),
        frozenset: b("frozenset"),
        range: b("range"),
        slice: b("slice"),
        function: b("function"),
        builtin_function: b("builtin_function_or_method"),
        method: b("method"),
        staticmethod: b("staticmethod"),
        classmethod: b("classmethod"),
        property: b("property"),
        module: b("module"),
        cell: b("cell"),
        code: b("code"),
        iterator: b("iterator"),
        generator: b("generator"),
        file: builtin_type("TextIOWrapper", "_io", &[&object], Layout::Builtin),
        super_: b("super"),
        dict_keys: b("dict_keys"),
        dict_values: b("dict_values"),
        dict_items: b("dict_items"),
        not_implemented_type: b("NotImplementedType"),
        ellipsis_type: b("ellipsis"),
        iterators: crate::vm::IteratorTypes {
            enumerate: b("enumerate"),
            zip: b("zip"),
            map: b("map"),
            filter: b("filter"),
            reversed: b("reversed"),
            list_iterator: b("list_iterator"),
            list_reverseiterator: b("list_reverseiterator"),
            tuple_iterator: b("tuple_iterator"),
            str_ascii_iterator: b("str_ascii_iterator"),
            str_iterator: b("str_iterator"),
            bytes_iterator: b("bytes_iterator"),
            range_iterator: b("range_iterator"),
            dict_keyiterator: b("dict_keyiterator"),
            dict_valueiterator: b("dict_valueiterator"),
            dict_itemiterator: b("dict_itemiterator"),
            set_iterator: b("set_iterator"),
            callable_iterator: b("callable_iterator"),
        },
        int,
        object,
    };
    let exc = ExceptionTypes::create(&types.object);
    let builtins = ObjRef::new(Payload::Dict(GilCell::new(Dict::new())));
    let modules = ObjRef::new(Payload::Dict(GilCell::new(Dict::new())));
    Interp {
        types,
        exc,
        builtins,
        modules,
        not_implemented: Value::new_obj(Payload::Singleton("NotImplemented")),
        ellipsis: Value::new_obj(Payload::Singleton("Ellipsis")),
        recursion_limit: Cell::new(1000),
        class_version: Cell::new(1),
        argv: GilCell::new(argv),
        names: crate::names::Names::new(),
        streams: GilCell::new(crate::io::StdStreams::new()),
        sources: GilCell::new(std::collections::HashMap::new()),
        interned: GilCell::new(std::collections::HashMap::new()),
        lock,
        running_threads: std::sync::atomic::AtomicUsize::new(0),
        finalizing: std::sync::atomic::AtomicBool::new(false),
        wire_identity: GilCell::new(Default::default()),
        library: GilCell::new(Default::default()),
    }
}

/// Registers every built-in method, function and module.
pub fn populate(vm: &mut Vm) {
    let builtins = vm.interp.builtins.clone();
    for (name, class) in vm.interp.exc.all() {
        set_global(vm, &builtins, name, Value::Obj(class));
    }
    crate::exceptions::register(vm);
    crate::generators::register(vm);
    crate::number::register(vm);
    crate::containers::register(vm);
    crate::builtins::register(vm);
    crate::modules::register(vm);
    crate::exec::register(vm);
    crate::process::api::register_builtins(vm);
}

/// Sets `name` in a namespace dict object.
pub fn set_global(vm: &Vm, dict: &ObjRef, name: &str, value: Value) {
    crate::vm::dict_set_str(vm, dict, name, value);
}

fn native(
    name: &'static str,
    func: NativeFn,
    kind: NativeKind,
    owner: Option<&'static str>,
) -> Value {
    Value::new_obj(Payload::NativeFunction(NativeFunction {
        name,
        func,
        kind,
        owner,
        bound: None,
        wants_caller_locals: false,
    }))
}

fn add_to_class(vm: &Vm, class: &ObjRef, name: &'static str, value: Value) {
    if let Some(t) = class.as_type() {
        crate::attr::class_namespace_changed(vm);
        t.dict.borrow_mut(vm.gil).set_str(Value::str(name), value);
    }
}

fn owner_name(class: &ObjRef) -> Option<&'static str> {
    // Type names live as long as the interpreter; leaking one short string per
    // built-in type keeps `NativeFunction` free of lifetimes.
    class
        .as_type()
        .map(|t| &*Box::leak(t.name.clone().into_boxed_str()))
}

/// Adds an instance method to a built-in class.
pub fn add_method(vm: &Vm, class: &ObjRef, name: &'static str, func: NativeFn) {
    let f = native(name, func, NativeKind::Method, owner_name(class));
    add_to_class(vm, class, name, f);
}

/// Adds a class method to a built-in class.
pub fn add_classmethod(vm: &Vm, class: &ObjRef, name: &'static str, func: NativeFn) {
    let f = native(name, func, NativeKind::ClassMethod, owner_name(class));
    add_to_class(vm, class, name, f);
}

/// Adds a static method (or a constructor, `__new__`) to a built-in class.
pub fn add_staticmethod(vm: &Vm, class: &ObjRef, name: &'static str, func: NativeFn) {
    let f = native(name, func, NativeKind::StaticMethod, owner_name(class));
    add_to_class(vm, class, name, f);
}

/// Adds a function to a module namespace (or `builtins`).
pub fn add_function(vm: &Vm, namespace: &ObjRef, name: &'static str, func: NativeFn) {
    set_global(
        vm,
        namespace,
        name,
        native(name, func, NativeKind::Function, None),
    );
}

/// Adds a function that reads its caller's local variables (`super`, `locals`, `dir`).
pub fn add_frame_function(vm: &Vm, namespace: &ObjRef, name: &'static str, func: NativeFn) {
    let f = Value::new_obj(Payload::NativeFunction(NativeFunction {
        name,
        func,
        kind: NativeKind::Function,
        owner: None,
        bound: None,
        wants_caller_locals: true,
    }));
    set_global(vm, namespace, name, f);
}

/// Turns a compiled code object into a runnable one, converting its constants and
/// names to values once.
pub fn load_code(vm: &Vm, code: Arc<CodeObject>) -> ObjRef {
    let consts = code
        .constants
        .iter()
        .map(|c| constant_value(vm, c))
        .collect::<Vec<_>>()
        .into_boxed_slice();
    let names = code
        .names
        .iter()
        .map(|n| intern(vm, n))
        .collect::<Vec<_>>()
        .into_boxed_slice();
    let constant_pins = consts.clone();
    ObjRef::new(Payload::Code(RuntimeCode {
        code,
        consts,
        names,
        constant_pins,
    }))
}

/// The shared `str` object for an identifier.
pub fn intern(vm: &Vm, name: &str) -> Value {
    let mut table = vm.interp.interned.borrow_mut(vm.gil);
    if let Some(v) = table.get(name) {
        return v.clone();
    }
    let v = Value::str(name);
    table.insert(name.into(), v.clone());
    v
}

/// The value of a compile-time constant.
pub fn constant_value(vm: &Vm, c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(i) => crate::number::int_from_bigint(i.clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Complex(im) => Value::new_obj(Payload::Complex(0.0, *im)),
        Constant::Str(s) => Value::str(s.to_string()),
        Constant::Bytes(b) => Value::new_obj(Payload::Bytes(b.to_vec().into_boxed_slice())),
        Constant::Tuple(items) => {
            let items = items.iter().map(|c| constant_value(vm, c)).collect();
            vm.new_tuple(items)
        }
        Constant::Code(code) => Value::Obj(load_code(vm, code.clone())),
        Constant::Ellipsis => vm.interp.ellipsis.clone(),
    }
}

/// Adds a read-only property, computed by a native getter, to a built-in class.
pub fn add_property(vm: &Vm, class: &ObjRef, name: &'static str, getter: NativeFn) {
    let fget = native(name, getter, NativeKind::Function, owner_name(class));
    let property = Value::new_obj(Payload::Property(crate::object::PropertyObj {
        fget,
        fset: Value::None,
        fdel: Value::None,
    }));
    add_to_class(vm, class, name, property);
}
