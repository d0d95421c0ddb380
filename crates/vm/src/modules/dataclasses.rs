//! The `dataclasses` module: `@dataclass` reads the class's `__annotations__` and adds
//! `__init__`, `__repr__`, `__eq__` (and with `order=True` the comparisons, with
//! `frozen=True` a `__setattr__` that refuses changes), plus `field`, `fields`,
//! `asdict`, `astuple`, `replace` and `is_dataclass`.
//!
//! The generated methods are natives that look the fields up at call time in the
//! class's `__dataclass_fields__` (a dict of name to `Field`).

use super::native_class::{field, new_class, new_instance, require_self, set_field};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::types::function::{NativeFn, NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::ComparisonOperator;

/// One field's settings, read back from its `Field` object.
struct FieldInfo {
    name: String,
    default: Option<Value>,
    factory: Option<Value>,
    init: bool,
    repr: bool,
    compare: bool,
    kw_only: bool,
}

fn module_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = super::import(vm, "dataclasses")?;
    crate::attr::get_attr(vm, &m, &Value::str(name))
}

fn missing(vm: &mut Vm) -> PyResult<Value> {
    module_attr(vm, "MISSING")
}

fn class_dict_get(vm: &Vm, class: &ObjRef, name: &str) -> Option<Value> {
    class
        .as_type()
        .and_then(|t| t.dict.borrow(vm.gil).get_str(name).cloned())
}

fn class_dict_set(vm: &Vm, class: &ObjRef, name: &str, value: Value) {
    if let Some(t) = class.as_type() {
        crate::attr::class_namespace_changed(vm);
        let old = t.dict.borrow_mut(vm.gil).set_str(Value::str(name), value);
        drop(old);
    }
}

fn class_dict_remove(vm: &Vm, class: &ObjRef, name: &str) {
    if let Some(t) = class.as_type() {
        crate::attr::class_namespace_changed(vm);
        let old = t.dict.borrow_mut(vm.gil).remove_str(name);
        drop(old);
    }
}

fn truthy_field(vm: &mut Vm, f: &Value, name: &str, default: bool) -> PyResult<bool> {
    match field(vm, f, name) {
        Some(v) => crate::ops::truthy(vm, &v),
        None => Ok(default),
    }
}

fn field_info(vm: &mut Vm, f: &Value) -> PyResult<FieldInfo> {
    let missing = missing(vm)?;
    let opt = |v: Option<Value>| v.filter(|v| !v.is(&missing));
    Ok(FieldInfo {
        name: field(vm, f, "name")
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_default(),
        default: opt(field(vm, f, "default")),
        factory: opt(field(vm, f, "default_factory")),
        init: truthy_field(vm, f, "init", true)?,
        repr: truthy_field(vm, f, "repr", true)?,
        compare: truthy_field(vm, f, "compare", true)?,
        kw_only: match field(vm, f, "kw_only") {
            Some(v) if !v.is(&missing) => crate::ops::truthy(vm, &v)?,
            _ => false,
        },
    })
}

/// The dataclass fields of a class (or of an instance's class), in order.
fn fields_of(vm: &mut Vm, class: &ObjRef) -> PyResult<Vec<FieldInfo>> {
    let key = Value::str("__dataclass_fields__");
    let Some(d) = crate::attr::lookup_type_attr(vm, class, &key) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (_, f) in crate::ops::kwargs_pairs(vm, &d)? {
        out.push(field_info(vm, &f)?);
    }
    Ok(out)
}

fn field_objects(vm: &mut Vm, class: &ObjRef) -> PyResult<Vec<Value>> {
    let key = Value::str("__dataclass_fields__");
    let Some(d) = crate::attr::lookup_type_attr(vm, class, &key) else {
        return Ok(Vec::new());
    };
    Ok(crate::ops::kwargs_pairs(vm, &d)?
        .into_iter()
        .map(|(_, f)| f)
        .collect())
}

fn qualname(vm: &Vm, class: &ObjRef) -> String {
    let _ = vm;
    class
        .as_type()
        .map(|t| t.qualname.clone())
        .unwrap_or_default()
}

fn join_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

// ----- generated methods -----

/// The generated `__init__`: `args` = [class, self, ...].
fn dc_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (Some(Value::Obj(class)), Some(this)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("__init__() needs an instance"));
    };
    let (class, this) = (class.clone(), this.clone());
    let given = &args[2..];
    let fields = fields_of(vm, &class)?;
    let name = format!("{}.__init__", qualname(vm, &class));
    let positional: Vec<&FieldInfo> = fields.iter().filter(|f| f.init && !f.kw_only).collect();
    if given.len() > positional.len() {
        let required = positional
            .iter()
            .filter(|f| f.default.is_none() && f.factory.is_none())
            .count();
        let takes = if required == positional.len() {
            (positional.len() + 1).to_string()
        } else {
            format!("from {} to {}", required + 1, positional.len() + 1)
        };
        let plural = if positional.len() + 1 == 1 && required == positional.len() {
            ""
        } else {
            "s"
        };
        let was = if given.len() + 1 == 1 { "was" } else { "were" };
        return Err(vm.type_error(format!(
            "{name}() takes {takes} positional argument{plural} but {} {was} given",
            given.len() + 1
        )));
    }
    let mut values: Vec<Option<Value>> = vec![None; fields.len()];
    let mut pos = 0;
    for (i, f) in fields.iter().enumerate() {
        if f.init && !f.kw_only && pos < given.len() {
            values[i] = Some(given[pos].clone());
            pos += 1;
        }
    }
    for (k, v) in kw {
        let key = k.as_str().unwrap_or("");
        match fields.iter().position(|f| f.init && f.name == key) {
            Some(i) if values[i].is_some() => {
                return Err(
                    vm.type_error(format!("{name}() got multiple values for argument '{key}'"))
                )
            }
            Some(i) => values[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "{name}() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    let mut missing_pos = Vec::new();
    let mut missing_kw = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if values[i].is_some() {
            continue;
        }
        if let Some(d) = &f.default {
            values[i] = Some(d.clone());
        } else if let Some(factory) = &f.factory {
            values[i] = Some(vm.call(factory, vec![], vec![])?);
        } else if f.init {
            if f.kw_only {
                missing_kw.push(f.name.clone());
            } else {
                missing_pos.push(f.name.clone());
            }
        }
    }
    for (list, kind) in [(missing_pos, "positional"), (missing_kw, "keyword-only")] {
        if !list.is_empty() {
            return Err(vm.type_error(format!(
                "{name}() missing {} required {kind} argument{}: {}",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                join_names(&list)
            )));
        }
    }
    for (f, v) in fields.iter().zip(values) {
        if let Some(v) = v {
            crate::attr::set_attr_direct(vm, &this, &Value::str(f.name.as_str()), v)?;
        }
    }
    let post = Value::str("__post_init__");
    if let Some(p) = crate::attr::lookup_type_attr(vm, &vm.type_of(&this), &post) {
        vm.call(&p, vec![this.clone()], vec![])?;
    }
    Ok(Value::None)
}

fn attr_of(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    crate::attr::get_attr(vm, obj, &Value::str(name))
}

fn dc_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let this = args[0].clone();
    let class = vm.type_of(&this);
    let mut parts = Vec::new();
    vm.enter_recursion(" while getting the repr of an object")?;
    let result = (|| -> PyResult<()> {
        for f in fields_of(vm, &class)? {
            if f.repr {
                let v = attr_of(vm, &this, &f.name)?;
                parts.push(format!("{}={}", f.name, crate::ops::repr(vm, &v)?));
            }
        }
        Ok(())
    })();
    vm.leave_recursion();
    result?;
    Ok(Value::str(format!(
        "{}({})",
        qualname(vm, &class),
        parts.join(", ")
    )))
}

/// The tuple of compared field values.
fn compare_tuple(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    let class = vm.type_of(obj);
    let mut items = Vec::new();
    for f in fields_of(vm, &class)? {
        if f.compare {
            items.push(attr_of(vm, obj, &f.name)?);
        }
    }
    Ok(vm.new_tuple(items))
}

fn dc_compare(vm: &mut Vm, args: &[Value], op: ComparisonOperator) -> PyResult<Value> {
    let other = args::method_args(vm, args, 1)?[0].clone();
    if !vm.type_of(&other).is(&vm.type_of(&args[0])) {
        return Ok(vm.interp.not_implemented.clone());
    }
    let a = compare_tuple(vm, &args[0])?;
    let b = compare_tuple(vm, &other)?;
    crate::ops::compare(vm, op, &a, &b)
}

fn dc_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dc_compare(vm, args, ComparisonOperator::Equal)
}

fn dc_lt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dc_compare(vm, args, ComparisonOperator::Less)
}

fn dc_le(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dc_compare(vm, args, ComparisonOperator::LessOrEqual)
}

fn dc_gt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dc_compare(vm, args, ComparisonOperator::Greater)
}

fn dc_ge(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dc_compare(vm, args, ComparisonOperator::GreaterOrEqual)
}

fn dc_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let t = compare_tuple(vm, &args[0])?;
    Ok(Value::Int(crate::ops::hash(vm, &t)?))
}

fn frozen_error(vm: &mut Vm, msg: String) -> PyResult<Value> {
    let class = module_attr(vm, "FrozenInstanceError")?;
    let class = class
        .as_obj()
        .cloned()
        .unwrap_or_else(|| vm.interp.exc.attribute_error.clone());
    Err(vm.new_error(&class, msg))
}

fn dc_frozen_setattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::method_args(vm, args, 2)?;
    let name = crate::ops::to_str(vm, &a[0])?;
    frozen_error(vm, format!("cannot assign to field '{name}'"))
}

fn dc_frozen_delattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::method_args(vm, args, 1)?;
    let name = crate::ops::to_str(vm, &a[0])?;
    frozen_error(vm, format!("cannot delete field '{name}'"))
}

// ----- the decorator -----

/// `dataclass` options, in the order of [`OPTION_NAMES`].
const OPTION_NAMES: [&str; 8] = [
    "init",
    "repr",
    "eq",
    "order",
    "unsafe_hash",
    "frozen",
    "match_args",
    "kw_only",
];
const OPTION_DEFAULTS: [bool; 8] = [true, true, true, false, false, false, true, false];

fn is_classvar(vm: &mut Vm, annotation: &Value) -> PyResult<bool> {
    if let Some(s) = annotation.as_str() {
        return Ok(s.starts_with("ClassVar") || s.starts_with("typing.ClassVar"));
    }
    if let Some(Payload::Type(t)) = annotation.payload() {
        return Ok(t.name == "ClassVar" && t.module == "typing");
    }
    let _ = vm;
    Ok(false)
}

fn native_method(name: &'static str, func: NativeFn, bound: Option<Value>) -> Value {
    Value::new_obj(Payload::NativeFunction(NativeFunction {
        name,
        func,
        kind: NativeKind::Method,
        owner: None,
        bound,
        wants_caller_locals: false,
    }))
}

fn process(vm: &mut Vm, class: &ObjRef, options: [bool; 8]) -> PyResult<()> {
    let [init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only] = options;
    let missing = missing(vm)?;
    let field_class = module_attr(vm, "Field")?;
    let field_class = field_class
        .as_obj()
        .cloned()
        .ok_or_else(|| vm.type_error("dataclasses.Field is missing"))?;
    // Inherited fields first, from the most basic dataclass base.
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mro: Vec<ObjRef> = class.as_type().map(|t| t.mro.clone()).unwrap_or_default();
    for base in mro.iter().rev() {
        if let Some(d) = class_dict_get(vm, base, "__dataclass_fields__") {
            for (k, f) in crate::ops::kwargs_pairs(vm, &d)? {
                let name = k.as_str().unwrap_or("").to_string();
                match fields.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = f,
                    None => fields.push((name, f)),
                }
            }
        }
    }
    let annotations = class_dict_get(vm, class, "__annotations__");
    let annotated = match &annotations {
        Some(a) if matches!(a.payload(), Some(Payload::Dict(_))) => {
            crate::ops::kwargs_pairs(vm, a)?
        }
        _ => Vec::new(),
    };
    for (k, ty) in annotated {
        let name = k.as_str().unwrap_or("").to_string();
        if is_classvar(vm, &ty)? {
            continue;
        }
        let existing = class_dict_get(vm, class, &name);
        let f = match existing {
            Some(v) if vm.is_instance(&v, &field_class) => v,
            other => {
                let default = other.unwrap_or_else(|| missing.clone());
                let f = vm.call(&Value::Obj(field_class.clone()), vec![], vec![])?;
                set_field(vm, &f, "default", default);
                f
            }
        };
        set_field(vm, &f, "name", Value::str(name.as_str()));
        set_field(vm, &f, "type", ty);
        if kw_only && field(vm, &f, "kw_only").is_none_or(|v| v.is(&missing)) {
            set_field(vm, &f, "kw_only", Value::Bool(true));
        }
        let default = field(vm, &f, "default").unwrap_or_else(|| missing.clone());
        if matches!(
            default.payload(),
            Some(Payload::List(_) | Payload::Dict(_) | Payload::Set(_))
        ) {
            let tname = crate::ops::repr(vm, &Value::Obj(vm.type_of(&default)))?;
            return Err(vm.value_error(format!(
                "mutable default {tname} for field {name} is not allowed: use default_factory"
            )));
        }
        if default.is(&missing) {
            class_dict_remove(vm, class, &name);
        } else {
            class_dict_set(vm, class, &name, default);
        }
        match fields.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = f,
            None => fields.push((name, f)),
        }
    }
    let mut table = Dict::new();
    for (name, f) in &fields {
        table.set_str(Value::str(name.as_str()), f.clone());
    }
    class_dict_set(vm, class, "__dataclass_fields__", vm.new_dict(table));
    let infos: Vec<FieldInfo> = {
        let mut v = Vec::new();
        for (_, f) in &fields {
            v.push(field_info(vm, f)?);
        }
        v
    };
    let mut seen_default = false;
    for f in infos.iter().filter(|f| f.init && !f.kw_only) {
        let has_default = f.default.is_some() || f.factory.is_some();
        if !has_default && seen_default {
            return Err(vm.type_error(format!(
                "non-default argument '{}' follows default argument",
                f.name
            )));
        }
        seen_default |= has_default;
    }
    let own = |vm: &Vm, name: &str| class_dict_get(vm, class, name).is_some();
    if init {
        class_dict_set(
            vm,
            class,
            "__init__",
            native_method("__init__", dc_init, Some(Value::Obj(class.clone()))),
        );
    }
    if repr && !own(vm, "__repr__") {
        class_dict_set(
            vm,
            class,
            "__repr__",
            native_method("__repr__", dc_repr, None),
        );
    }
    if eq && !own(vm, "__eq__") {
        class_dict_set(vm, class, "__eq__", native_method("__eq__", dc_eq, None));
    }
    if order {
        let ops: [(&'static str, NativeFn); 4] = [
            ("__lt__", dc_lt),
            ("__le__", dc_le),
            ("__gt__", dc_gt),
            ("__ge__", dc_ge),
        ];
        for (name, f) in ops {
            if own(vm, name) {
                let cname = class.as_type().map(|t| t.name.clone()).unwrap_or_default();
                return Err(vm.type_error(format!(
                    "Cannot overwrite attribute {name} in class {cname}. Consider using functools.total_ordering"
                )));
            }
            class_dict_set(vm, class, name, native_method(name, f, None));
        }
    }
    if frozen {
        class_dict_set(
            vm,
            class,
            "__setattr__",
            native_method("__setattr__", dc_frozen_setattr, None),
        );
        class_dict_set(
            vm,
            class,
            "__delattr__",
            native_method("__delattr__", dc_frozen_delattr, None),
        );
    }
    let explicit_hash = own(vm, "__hash__");
    if unsafe_hash || (eq && frozen) {
        if !explicit_hash || unsafe_hash {
            class_dict_set(
                vm,
                class,
                "__hash__",
                native_method("__hash__", dc_hash, None),
            );
        }
    } else if eq && !explicit_hash {
        // CPython: a class with __eq__ and without __hash__ is unhashable.
        class_dict_set(vm, class, "__hash__", Value::None);
    }
    if match_args && !own(vm, "__match_args__") {
        let names = infos
            .iter()
            .filter(|f| f.init && !f.kw_only)
            .map(|f| Value::str(f.name.as_str()))
            .collect();
        class_dict_set(vm, class, "__match_args__", vm.new_tuple(names));
    }
    Ok(())
}

fn parse_options(vm: &mut Vm, kw: &[(Value, Value)]) -> PyResult<[bool; 8]> {
    let mut allowed: Vec<&str> = OPTION_NAMES.to_vec();
    allowed.extend(["slots", "weakref_slot"]);
    args::allowed_kwargs(vm, "dataclass", kw, &allowed)?;
    let mut options = OPTION_DEFAULTS;
    for (i, name) in OPTION_NAMES.iter().enumerate() {
        if let Some(v) = args::kwarg(kw, name) {
            options[i] = crate::ops::truthy(vm, v)?;
        }
    }
    Ok(options)
}

fn options_value(vm: &Vm, options: [bool; 8]) -> Value {
    vm.new_tuple(options.iter().map(|&b| Value::Bool(b)).collect())
}

/// The decorator `dataclass(...)` returns: bound to the options tuple.
fn decorate(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "dataclass", kw)?;
    let mut options = OPTION_DEFAULTS;
    if let Some(Payload::Tuple(t)) = args.first().and_then(|a| a.payload()) {
        for (slot, v) in options.iter_mut().zip(t.iter()) {
            *slot = matches!(v, Value::Bool(true));
        }
    }
    let Some(Value::Obj(class)) = args
        .get(1)
        .filter(|c| matches!(c.payload(), Some(Payload::Type(_))))
    else {
        return Err(vm.type_error("dataclass() should be called on a class"));
    };
    process(vm, class, options)?;
    Ok(Value::Obj(class.clone()))
}

fn dataclass(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::count(vm, "dataclass", args, 0, 1)?;
    let options = parse_options(vm, kw)?;
    match args.first() {
        Some(Value::Obj(class)) if class.as_type().is_some() => {
            process(vm, class, options)?;
            Ok(Value::Obj(class.clone()))
        }
        Some(other) if !other.is_none() => {
            Err(vm.type_error("dataclass() should be called on a class"))
        }
        _ => Ok(Value::new_obj(Payload::NativeFunction(NativeFunction {
            name: "wrap",
            func: decorate,
            kind: NativeKind::Function,
            owner: None,
            bound: Some(options_value(vm, options)),
            wants_caller_locals: false,
        }))),
    }
}

// ----- field() and the helper functions -----

fn field_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "field() takes 0 positional arguments but {} were given",
            args.len() - 1
        )));
    }
    const NAMES: [&str; 8] = [
        "default",
        "default_factory",
        "init",
        "repr",
        "hash",
        "compare",
        "metadata",
        "kw_only",
    ];
    args::allowed_kwargs(vm, "field", kw, &NAMES)?;
    let missing = missing(vm)?;
    let get = |name: &str, default: Value| args::kwarg(kw, name).cloned().unwrap_or(default);
    let default = get("default", missing.clone());
    let factory = get("default_factory", missing.clone());
    if !default.is(&missing) && !factory.is(&missing) {
        return Err(vm.value_error("cannot specify both default and default_factory"));
    }
    let this = &args[0];
    set_field(vm, this, "name", Value::None);
    set_field(vm, this, "type", Value::None);
    set_field(vm, this, "default", default);
    set_field(vm, this, "default_factory", factory);
    set_field(vm, this, "init", get("init", Value::Bool(true)));
    set_field(vm, this, "repr", get("repr", Value::Bool(true)));
    set_field(vm, this, "hash", get("hash", Value::None));
    set_field(vm, this, "compare", get("compare", Value::Bool(true)));
    set_field(vm, this, "metadata", get("metadata", Value::None));
    set_field(vm, this, "kw_only", get("kw_only", missing));
    Ok(Value::None)
}

fn field_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let name = field(vm, &args[0], "name").unwrap_or(Value::None);
    let name = crate::ops::repr(vm, &name)?;
    Ok(Value::str(format!("Field(name={name})")))
}

fn make_field(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let class = module_attr(vm, "Field")?;
    vm.call(&class, args.to_vec(), kw.to_vec())
}

fn class_of_dataclass(vm: &mut Vm, v: &Value, func: &str) -> PyResult<ObjRef> {
    let class = match v {
        Value::Obj(o) if o.as_type().is_some() => o.clone(),
        other => vm.type_of(other),
    };
    let key = Value::str("__dataclass_fields__");
    if crate::attr::lookup_type_attr(vm, &class, &key).is_none() {
        return Err(vm.type_error(format!("{func}() should be called on dataclass instances")));
    }
    Ok(class)
}

fn fields(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "fields", args, kw)?.clone();
    let class = match class_of_dataclass(vm, &v, "fields") {
        Ok(c) => c,
        Err(_) => return Err(vm.type_error("must be called with a dataclass type or instance")),
    };
    let items = field_objects(vm, &class)?;
    Ok(vm.new_tuple(items))
}

fn is_dataclass(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "is_dataclass", args, kw)?.clone();
    Ok(Value::Bool(
        class_of_dataclass(vm, &v, "is_dataclass").is_ok(),
    ))
}

/// `asdict`/`astuple` conversion of one value, recursing into dataclasses and the
/// built-in containers.
fn convert(vm: &mut Vm, v: &Value, as_dict: bool) -> PyResult<Value> {
    vm.enter_recursion(" while converting a dataclass")?;
    let r = convert_inner(vm, v, as_dict);
    vm.leave_recursion();
    r
}

fn convert_inner(vm: &mut Vm, v: &Value, as_dict: bool) -> PyResult<Value> {
    if crate::ops::is_user_object(v) {
        let class = vm.type_of(v);
        let key = Value::str("__dataclass_fields__");
        if crate::attr::lookup_type_attr(vm, &class, &key).is_some() {
            let fields = fields_of(vm, &class)?;
            if as_dict {
                let d = vm.new_dict(Dict::new());
                let target = d.as_obj().cloned().ok_or_else(|| vm.type_error("dict"))?;
                for f in fields {
                    let x = attr_of(vm, v, &f.name)?;
                    let x = convert(vm, &x, as_dict)?;
                    crate::ops::dict_set_item(vm, &target, Value::str(f.name.as_str()), x)?;
                }
                return Ok(d);
            }
            let mut items = Vec::new();
            for f in fields {
                let x = attr_of(vm, v, &f.name)?;
                items.push(convert(vm, &x, as_dict)?);
            }
            return Ok(vm.new_tuple(items));
        }
    }
    match v.payload() {
        Some(Payload::List(l)) => {
            let items = l.borrow(vm.gil).clone();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(convert(vm, x, as_dict)?);
            }
            Ok(vm.new_list(out))
        }
        Some(Payload::Tuple(t)) => {
            let items = t.to_vec();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(convert(vm, x, as_dict)?);
            }
            Ok(vm.new_tuple(out))
        }
        Some(Payload::Dict(_)) => {
            let pairs = crate::ops::kwargs_pairs(vm, v)?;
            let mut out = Vec::with_capacity(pairs.len());
            for (k, x) in pairs {
                out.push((convert(vm, &k, as_dict)?, convert(vm, &x, as_dict)?));
            }
            crate::ops::dict_from_pairs(vm, out)
        }
        _ => Ok(v.clone()),
    }
}

fn asdict(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "asdict", kw, &["dict_factory"])?;
    args::count(vm, "asdict", args, 1, 1)?;
    if !crate::ops::is_user_object(&args[0]) {
        return Err(vm.type_error("asdict() should be called on dataclass instances"));
    }
    class_of_dataclass(vm, &args[0], "asdict")?;
    convert(vm, &args[0], true)
}

fn astuple(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "astuple", kw, &["tuple_factory"])?;
    args::count(vm, "astuple", args, 1, 1)?;
    if !crate::ops::is_user_object(&args[0]) {
        return Err(vm.type_error("astuple() should be called on dataclass instances"));
    }
    class_of_dataclass(vm, &args[0], "astuple")?;
    convert(vm, &args[0], false)
}

fn replace(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::count(vm, "replace", args, 1, 1)?;
    let obj = args[0].clone();
    if !crate::ops::is_user_object(&obj) {
        return Err(vm.type_error("replace() should be called on dataclass instances"));
    }
    let class = class_of_dataclass(vm, &obj, "replace")?;
    let mut call_kw: Vec<(Value, Value)> = Vec::new();
    for f in fields_of(vm, &class)? {
        if !f.init {
            continue;
        }
        let key = Value::str(f.name.as_str());
        let v = match kw.iter().find(|(k, _)| k.as_str() == Some(f.name.as_str())) {
            Some((_, v)) => v.clone(),
            None => attr_of(vm, &obj, &f.name)?,
        };
        call_kw.push((key, v));
    }
    for (k, v) in kw {
        if !call_kw.iter().any(|(ck, _)| ck.as_str() == k.as_str()) {
            call_kw.push((k.clone(), v.clone()));
        }
    }
    vm.call(&Value::Obj(class), vec![], call_kw)
}

/// Builds `dataclasses`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("dataclasses");
    let missing_type = new_class(vm, "dataclasses", "_MISSING_TYPE", &[]);
    let missing = new_instance(vm, &missing_type, vec![]);
    set_attr(vm, &m, "MISSING", missing);
    let field_class = new_class(
        vm,
        "dataclasses",
        "Field",
        &[("__init__", field_init), ("__repr__", field_repr)],
    );
    set_attr(vm, &m, "Field", Value::Obj(field_class));
    let frozen = vm.new_class(
        "FrozenInstanceError",
        "FrozenInstanceError",
        "dataclasses",
        vec![vm.interp.exc.attribute_error.clone()],
        Dict::new(),
    );
    if let Ok(c) = frozen {
        set_attr(vm, &m, "FrozenInstanceError", Value::Obj(c));
    }
    let functions: [(&'static str, NativeFn); 7] = [
        ("dataclass", dataclass),
        ("field", make_field),
        ("fields", fields),
        ("asdict", asdict),
        ("astuple", astuple),
        ("replace", replace),
        ("is_dataclass", is_dataclass),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    m
}
