//! The `types` module: names for the built-in types (`FunctionType`, `ModuleType`,
//! ...) and `SimpleNamespace`.

use super::native_class::new_class;
use super::set_attr;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;

fn namespace_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    if args.len() > 1 {
        return Err(vm.type_error("no positional arguments expected"));
    }
    for (k, v) in kw {
        crate::attr::set_attr_direct(vm, &args[0], k, v.clone())?;
    }
    Ok(Value::None)
}

fn namespace_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Payload::Instance(inst)) = args.first().and_then(|a| a.payload()) else {
        return Err(
            vm.type_error("descriptor '__repr__' requires a 'types.SimpleNamespace' object")
        );
    };
    let entries: Vec<(String, Value)> = inst
        .dict
        .borrow(vm.gil)
        .iter()
        .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.clone())))
        .collect();
    vm.enter_recursion(" while getting the repr of an object")?;
    let mut parts = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        match crate::ops::repr(vm, &v) {
            Ok(r) => parts.push(format!("{k}={r}")),
            Err(e) => {
                vm.leave_recursion();
                return Err(e);
            }
        }
    }
    vm.leave_recursion();
    Ok(Value::str(format!("namespace({})", parts.join(", "))))
}

fn namespace_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let rest = args::method_args(vm, args, 1)?;
    let (a, b) = (&args[0], &rest[0]);
    let same_class = vm.type_of(a).is(&vm.type_of(b));
    match (a.payload(), b.payload()) {
        (Some(Payload::Instance(x)), Some(Payload::Instance(y))) if same_class => {
            let dx = crate::builtin_attrs::dict_snapshot(vm, &x.dict);
            let dy = crate::builtin_attrs::dict_snapshot(vm, &y.dict);
            Ok(Value::Bool(crate::ops::eq(vm, &dx, &dy)?))
        }
        _ => Ok(vm.interp.not_implemented.clone()),
    }
}

/// The `types.SimpleNamespace` class (shared with `sys.implementation`).
pub fn simple_namespace_class(vm: &Vm) -> ObjRef {
    let existing = super::cached(vm, "sys")
        .and_then(|sys| sys.as_obj().cloned())
        .and_then(|sys| crate::vm::dict_get_str(vm, &super::module_dict(&sys), "implementation"))
        .map(|imp| vm.type_of(&imp));
    if let Some(class) = existing {
        if !class.is(&vm.types().none_type) {
            return class;
        }
    }
    new_class(
        vm,
        "types",
        "SimpleNamespace",
        &[
            ("__init__", namespace_init),
            ("__repr__", namespace_repr),
            ("__eq__", namespace_eq),
        ],
    )
}

/// Builds `types`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("types");
    let t = vm.types();
    let names = [
        ("FunctionType", t.function.clone()),
        ("LambdaType", t.function.clone()),
        ("BuiltinFunctionType", t.builtin_function.clone()),
        ("BuiltinMethodType", t.builtin_function.clone()),
        ("MethodType", t.method.clone()),
        ("ModuleType", t.module.clone()),
        ("GeneratorType", t.generator.clone()),
        ("CodeType", t.code.clone()),
        ("CellType", t.cell.clone()),
        ("NoneType", t.none_type.clone()),
        ("NotImplementedType", t.not_implemented_type.clone()),
        ("EllipsisType", t.ellipsis_type.clone()),
    ];
    for (name, class) in names {
        set_attr(vm, &m, name, Value::Obj(class));
    }
    let ns = simple_namespace_class(vm);
    set_attr(vm, &m, "SimpleNamespace", Value::Obj(ns));
    m
}
