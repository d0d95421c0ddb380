//! Classes implemented in Rust for the library modules (`functools.partial`,
//! `collections.deque`, `sys.version_info`, ...): ordinary `Layout::Object` classes
//! whose methods are natives, with instance state kept in the instance `__dict__`.
//!
//! Also the "struct sequence" kind (CPython's `PyStructSequence`): tuple-like records
//! with named fields, such as `sys.version_info` and `time.struct_time`.

use crate::bootstrap::add_method;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::class::InstanceObj;
use crate::types::dict::Dict;
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::ComparisonOperator;

/// A new class `module.name` with the given native methods.
pub fn new_class(
    vm: &Vm,
    module: &str,
    name: &str,
    methods: &[(&'static str, NativeFn)],
) -> ObjRef {
    let mut dict = Dict::new();
    dict.set_str(Value::str("__module__"), Value::str(module));
    let class = match vm.new_class(name, name, module, vec![], dict) {
        Ok(c) => c,
        // No bases means no MRO conflict; fall back to a bare class just in case.
        Err(_) => vm.types().object.clone(),
    };
    for &(method, f) in methods {
        add_method(vm, &class, method, f);
    }
    class
}

/// A bare instance of a native class, with the given attributes.
pub fn new_instance(vm: &Vm, class: &ObjRef, attrs: Vec<(&str, Value)>) -> Value {
    let inst = InstanceObj::new(class.clone());
    {
        let mut d = inst.dict.borrow_mut(vm.gil);
        for (k, v) in attrs {
            d.set_str(Value::str(k), v);
        }
    }
    Value::new_obj(Payload::Instance(inst))
}

/// Reads attribute `name` stored on an instance (None if missing or not an instance).
pub fn field(vm: &Vm, obj: &Value, name: &str) -> Option<Value> {
    match obj.payload() {
        Some(Payload::Instance(inst)) => inst.dict.borrow(vm.gil).get_str(name).cloned(),
        _ => None,
    }
}

/// Stores attribute `name` on an instance.
pub fn set_field(vm: &Vm, obj: &Value, name: &str, value: Value) {
    if let Some(Payload::Instance(inst)) = obj.payload() {
        let old = inst
            .dict
            .borrow_mut(vm.gil)
            .set_str(Value::str(name), value);
        drop(old);
    }
}

/// True when `obj` is an instance of `class` exactly or of a subclass.
pub fn is_instance_of(vm: &Vm, obj: &Value, class: &ObjRef) -> bool {
    vm.is_instance(obj, class)
}

// ----- struct sequences -----

/// The field names of a struct sequence class (`_fields`).
fn fields_of(vm: &Vm, class: &ObjRef) -> Vec<String> {
    let Some(t) = class.as_type() else {
        return Vec::new();
    };
    let fields = t.dict.borrow(vm.gil).get_str("_fields").cloned();
    match fields.as_ref().and_then(|f| f.payload()) {
        Some(Payload::Tuple(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The values of a struct sequence as a tuple.
fn as_tuple(vm: &Vm, obj: &Value) -> Option<Value> {
    let Some(Payload::Instance(inst)) = obj.payload() else {
        return None;
    };
    let fields = fields_of(vm, &inst.class);
    if fields.is_empty() {
        return None;
    }
    let d = inst.dict.borrow(vm.gil);
    let items = fields
        .iter()
        .map(|f| d.get_str(f).cloned().unwrap_or(Value::None))
        .collect();
    drop(d);
    Some(vm.new_tuple(items))
}

fn self_tuple(vm: &Vm, args: &[Value]) -> PyResult<Value> {
    args.first()
        .and_then(|a| as_tuple(vm, a))
        .ok_or_else(|| vm.type_error("descriptor requires a struct sequence"))
}

fn seq_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = self_tuple(vm, args)?;
    let key = crate::builtins::args::method_args(vm, args, 1)?[0].clone();
    crate::ops::get_item(vm, &t, &key)
}

fn seq_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = self_tuple(vm, args)?;
    Ok(Value::Int(crate::ops::len(vm, &t)? as i64))
}

fn seq_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = self_tuple(vm, args)?;
    crate::ops::get_iter(vm, &t)
}

fn seq_contains(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = self_tuple(vm, args)?;
    let item = crate::builtins::args::method_args(vm, args, 1)?[0].clone();
    Ok(Value::Bool(crate::ops::contains(vm, &t, &item)?))
}

fn seq_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let Some(Payload::Instance(inst)) = args.first().and_then(|a| a.payload()) else {
        return Err(vm.type_error("descriptor requires a struct sequence"));
    };
    let class = inst.class.clone();
    let fields = fields_of(vm, &class);
    let (module, name, bare) = class
        .as_type()
        .map(|t| {
            let bare = t.dict.borrow(vm.gil).get_str("_bare_repr").is_some();
            (t.module.clone(), t.name.clone(), bare)
        })
        .unwrap_or_default();
    let mut parts = Vec::with_capacity(fields.len());
    for f in &fields {
        let v = field(vm, &args[0], f).unwrap_or(Value::None);
        parts.push(format!("{f}={}", crate::ops::repr(vm, &v)?));
    }
    let prefix = if bare {
        String::new()
    } else {
        format!("{module}.")
    };
    Ok(Value::str(format!("{prefix}{name}({})", parts.join(", "))))
}

fn seq_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = self_tuple(vm, args)?;
    Ok(Value::Int(crate::ops::hash(vm, &t)?))
}

/// Compares as tuples; other struct sequences compare by their values too.
fn seq_compare(vm: &mut Vm, args: &[Value], op: ComparisonOperator) -> PyResult<Value> {
    let t = self_tuple(vm, args)?;
    let other = crate::builtins::args::method_args(vm, args, 1)?[0].clone();
    let other = match as_tuple(vm, &other) {
        Some(o) => o,
        None if matches!(other.payload(), Some(Payload::Tuple(_))) => other,
        None => return Ok(vm.interp.not_implemented.clone()),
    };
    crate::ops::compare(vm, op, &t, &other)
}

fn seq_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    seq_compare(vm, args, ComparisonOperator::Equal)
}

fn seq_ne(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    seq_compare(vm, args, ComparisonOperator::NotEqual)
}

fn seq_lt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    seq_compare(vm, args, ComparisonOperator::Less)
}

fn seq_le(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    seq_compare(vm, args, ComparisonOperator::LessOrEqual)
}

fn seq_gt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    seq_compare(vm, args, ComparisonOperator::Greater)
}

fn seq_ge(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    seq_compare(vm, args, ComparisonOperator::GreaterOrEqual)
}

/// A struct sequence class `module.name` with these fields.
pub fn struct_sequence_class(vm: &Vm, module: &str, name: &str, fields: &[&str]) -> ObjRef {
    let class = new_class(
        vm,
        module,
        name,
        &[
            ("__getitem__", seq_getitem),
            ("__len__", seq_len),
            ("__iter__", seq_iter),
            ("__contains__", seq_contains),
            ("__repr__", seq_repr),
            ("__hash__", seq_hash),
            ("__eq__", seq_eq),
            ("__ne__", seq_ne),
            ("__lt__", seq_lt),
            ("__le__", seq_le),
            ("__gt__", seq_gt),
            ("__ge__", seq_ge),
        ],
    );
    if let Some(t) = class.as_type() {
        let names = fields.iter().map(|f| Value::str(*f)).collect();
        crate::attr::class_namespace_changed(vm);
        let mut d = t.dict.borrow_mut(vm.gil);
        d.set_str(Value::str("_fields"), vm.new_tuple(names));
        d.set_str(Value::str("n_fields"), Value::Int(fields.len() as i64));
    }
    class
}

/// An instance of a struct sequence class.
pub fn struct_sequence(vm: &Vm, class: &ObjRef, values: Vec<Value>) -> Value {
    let fields = fields_of(vm, class);
    let attrs = fields
        .iter()
        .map(String::as_str)
        .zip(values)
        .collect::<Vec<_>>();
    new_instance(vm, class, attrs)
}

/// Fails with a TypeError when a method is called without its instance (an unbound
/// method called with no arguments), so natives can index `args[0]` safely.
pub fn require_self(vm: &Vm, args: &[Value]) -> PyResult<()> {
    if args.is_empty() {
        Err(vm.type_error("unbound method needs an argument"))
    } else {
        Ok(())
    }
}
