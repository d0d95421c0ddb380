//! The `__future__` module: the feature records (`_Feature`) that `from __future__
//! import x` binds. The compiler acts on the import itself; this is the runtime side.

use super::native_class::{field, new_class, new_instance};
use super::set_attr;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// (name, optional release, mandatory release, compiler flag).
type Feature = (
    &'static str,
    (i64, i64, i64, &'static str, i64),
    Option<(i64, i64, i64, &'static str, i64)>,
    i64,
);

const FEATURES: [Feature; 10] = [
    (
        "nested_scopes",
        (2, 1, 0, "beta", 1),
        Some((2, 2, 0, "alpha", 0)),
        0x10,
    ),
    (
        "generators",
        (2, 2, 0, "alpha", 1),
        Some((2, 3, 0, "final", 0)),
        0,
    ),
    (
        "division",
        (2, 2, 0, "alpha", 2),
        Some((3, 0, 0, "alpha", 0)),
        0x20000,
    ),
    (
        "absolute_import",
        (2, 5, 0, "alpha", 1),
        Some((3, 0, 0, "alpha", 0)),
        0x40000,
    ),
    (
        "with_statement",
        (2, 5, 0, "alpha", 1),
        Some((2, 6, 0, "alpha", 0)),
        0x80000,
    ),
    (
        "print_function",
        (2, 6, 0, "alpha", 2),
        Some((3, 0, 0, "alpha", 0)),
        0x100000,
    ),
    (
        "unicode_literals",
        (2, 6, 0, "alpha", 2),
        Some((3, 0, 0, "alpha", 0)),
        0x200000,
    ),
    (
        "barry_as_FLUFL",
        (3, 1, 0, "alpha", 2),
        Some((4, 0, 0, "alpha", 0)),
        0x400000,
    ),
    (
        "generator_stop",
        (3, 5, 0, "beta", 1),
        Some((3, 7, 0, "alpha", 0)),
        0x800000,
    ),
    ("annotations", (3, 7, 0, "beta", 1), None, 0x1000000),
];

const FLAGS: [(&str, i64); 10] = [
    ("CO_NESTED", 0x10),
    ("CO_GENERATOR_ALLOWED", 0),
    ("CO_FUTURE_DIVISION", 0x20000),
    ("CO_FUTURE_ABSOLUTE_IMPORT", 0x40000),
    ("CO_FUTURE_WITH_STATEMENT", 0x80000),
    ("CO_FUTURE_PRINT_FUNCTION", 0x100000),
    ("CO_FUTURE_UNICODE_LITERALS", 0x200000),
    ("CO_FUTURE_BARRY_AS_BDFL", 0x400000),
    ("CO_FUTURE_GENERATOR_STOP", 0x800000),
    ("CO_FUTURE_ANNOTATIONS", 0x1000000),
];

fn release(vm: &Vm, r: (i64, i64, i64, &str, i64)) -> Value {
    vm.new_tuple(vec![
        Value::Int(r.0),
        Value::Int(r.1),
        Value::Int(r.2),
        Value::str(r.3),
        Value::Int(r.4),
    ])
}

fn feature_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let parts = vec![
        field(vm, this, "optional").unwrap_or(Value::None),
        field(vm, this, "mandatory").unwrap_or(Value::None),
        field(vm, this, "compiler_flag").unwrap_or(Value::None),
    ];
    let t = vm.new_tuple(parts);
    Ok(Value::str(format!("_Feature{}", crate::ops::repr(vm, &t)?)))
}

fn get_optional(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    Ok(field(vm, &args[0], "optional").unwrap_or(Value::None))
}

fn get_mandatory(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    Ok(field(vm, &args[0], "mandatory").unwrap_or(Value::None))
}

/// Builds `__future__`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("__future__");
    let class = new_class(
        vm,
        "__future__",
        "_Feature",
        &[
            ("__repr__", feature_repr),
            ("getOptionalRelease", get_optional),
            ("getMandatoryRelease", get_mandatory),
        ],
    );
    let mut names = Vec::new();
    for (name, optional, mandatory, flag) in FEATURES {
        let mandatory = mandatory.map(|r| release(vm, r)).unwrap_or(Value::None);
        let feature = new_instance(
            vm,
            &class,
            vec![
                ("optional", release(vm, optional)),
                ("mandatory", mandatory),
                ("compiler_flag", Value::Int(flag)),
            ],
        );
        set_attr(vm, &m, name, feature);
        names.push(Value::str(name));
    }
    set_attr(vm, &m, "all_feature_names", vm.new_list(names));
    for (name, flag) in FLAGS {
        set_attr(vm, &m, name, Value::Int(flag));
    }
    m
}
