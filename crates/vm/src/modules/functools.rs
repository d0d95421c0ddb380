//! The `functools` module: `reduce`, `partial`, `wraps`/`update_wrapper`,
//! `lru_cache`/`cache`, `total_ordering` and `cmp_to_key`.
//!
//! Callables that carry state are either native classes (`partial`, the cache
//! wrapper) or built-in functions with a bound first argument (decorators returned by
//! `wraps`, the methods `total_ordering` adds).

use super::native_class::{
    field, new_class, new_instance, set_field, struct_sequence, struct_sequence_class,
};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::types::function::{BoundMethod, NativeFn, NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::ComparisonOperator;

/// A built-in function that receives `state` as its first argument.
fn bound_native(name: &'static str, func: NativeFn, kind: NativeKind, state: Value) -> Value {
    Value::new_obj(Payload::NativeFunction(NativeFunction {
        name,
        func,
        kind,
        owner: None,
        bound: Some(state),
        wants_caller_locals: false,
    }))
}

/// The class `name` stored in the functools module (created with it).
fn module_class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = super::import(vm, "functools")?;
    let c = crate::attr::get_attr(vm, &m, &Value::str(name))?;
    c.as_obj()
        .cloned()
        .ok_or_else(|| vm.type_error(format!("functools.{name} is missing")))
}

// ----- reduce -----

fn reduce(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "reduce", kw)?;
    args::count(vm, "reduce", args, 2, 3)?;
    let it = crate::ops::get_iter(vm, &args[1])?;
    let mut acc = match args.get(2) {
        Some(initial) => initial.clone(),
        None => match crate::ops::iter_next(vm, &it)? {
            Some(first) => first,
            None => return Err(vm.type_error("reduce() of empty iterable with no initial value")),
        },
    };
    while let Some(x) = crate::ops::iter_next(vm, &it)? {
        acc = vm.call(&args[0], vec![acc, x], vec![])?;
    }
    Ok(acc)
}

// ----- partial -----

fn partial_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let Some(func) = args.get(1) else {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    };
    if !crate::builtins::iteration::is_callable(vm, func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let mut keywords = Dict::new();
    for (k, v) in kw {
        keywords.set_str(k.clone(), v.clone());
    }
    set_field(vm, this, "func", func.clone());
    set_field(vm, this, "args", vm.new_tuple(args[2..].to_vec()));
    set_field(vm, this, "keywords", vm.new_dict(keywords));
    Ok(Value::None)
}

fn partial_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let func = field(vm, this, "func").unwrap_or(Value::None);
    let mut call_args = match field(vm, this, "args").as_ref().and_then(|a| a.payload()) {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    call_args.extend_from_slice(&args[1..]);
    let mut call_kw: Vec<(Value, Value)> = match field(vm, this, "keywords") {
        Some(d) if matches!(d.payload(), Some(Payload::Dict(_))) => {
            crate::ops::kwargs_pairs(vm, &d)?
        }
        _ => Vec::new(),
    };
    for (k, v) in kw {
        match call_kw.iter_mut().find(|(ck, _)| ck.as_str() == k.as_str()) {
            Some(slot) => slot.1 = v.clone(),
            None => call_kw.push((k.clone(), v.clone())),
        }
    }
    vm.call(&func, call_args, call_kw)
}

fn partial_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let func = field(vm, this, "func").unwrap_or(Value::None);
    let mut parts = vec![crate::ops::repr(vm, &func)?];
    if let Some(Payload::Tuple(t)) = field(vm, this, "args").as_ref().and_then(|a| a.payload()) {
        for a in t.iter() {
            parts.push(crate::ops::repr(vm, a)?);
        }
    }
    if let Some(d) = field(vm, this, "keywords") {
        if matches!(d.payload(), Some(Payload::Dict(_))) {
            for (k, v) in crate::ops::kwargs_pairs(vm, &d)? {
                parts.push(format!(
                    "{}={}",
                    k.as_str().unwrap_or("?"),
                    crate::ops::repr(vm, &v)?
                ));
            }
        }
    }
    Ok(Value::str(format!(
        "functools.partial({})",
        parts.join(", ")
    )))
}

// ----- update_wrapper / wraps -----

const WRAPPER_ASSIGNMENTS: [&str; 5] = [
    "__module__",
    "__name__",
    "__qualname__",
    "__doc__",
    "__dict__",
];

/// Copies the identity of `wrapped` onto `wrapper` and sets `__wrapped__`.
fn update(vm: &mut Vm, wrapper: &Value, wrapped: &Value) -> PyResult<()> {
    for name in WRAPPER_ASSIGNMENTS {
        let key = Value::str(name);
        let Ok(Some(v)) = crate::attr::get_attr_opt(vm, wrapped, &key) else {
            continue;
        };
        if name == "__dict__" {
            // `__dict__` is merged, not replaced.
            if matches!(v.payload(), Some(Payload::Dict(_))) {
                for (k, item) in crate::ops::kwargs_pairs(vm, &v)? {
                    let _ = crate::attr::set_attr(vm, wrapper, &k, item);
                }
            }
            continue;
        }
        // Attributes a built-in wrapper cannot hold are skipped, as CPython does.
        let _ = crate::attr::set_attr(vm, wrapper, &key, v);
    }
    crate::attr::set_attr(vm, wrapper, &Value::str("__wrapped__"), wrapped.clone())
}

fn update_wrapper(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::allowed_kwargs(vm, "update_wrapper", kw, &["assigned", "updated"])?;
    args::count(vm, "update_wrapper", args, 2, 4)?;
    update(vm, &args[0], &args[1])?;
    Ok(args[0].clone())
}

/// The decorator `wraps(wrapped)` returns: bound to `wrapped`.
fn wraps_decorator(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "wraps", kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(format!(
            "update_wrapper() takes 1 positional argument but {} were given",
            args.len().saturating_sub(1)
        )));
    }
    update(vm, &args[1], &args[0])?;
    Ok(args[1].clone())
}

fn wraps(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::allowed_kwargs(vm, "wraps", kw, &["assigned", "updated"])?;
    args::count(vm, "wraps", args, 1, 3)?;
    Ok(bound_native(
        "wraps",
        wraps_decorator,
        NativeKind::Function,
        args[0].clone(),
    ))
}

// ----- lru_cache / cache -----

fn cache_key(vm: &Vm, args: &[Value], kw: &[(Value, Value)]) -> Value {
    if kw.is_empty() && args.len() == 1 {
        // A single argument of a hashable built-in type is its own key, as in CPython.
        if matches!(args[0], Value::Int(_) | Value::Bool(_) | Value::Float(_))
            || args[0].as_str().is_some()
        {
            return args[0].clone();
        }
    }
    let mut items = args.to_vec();
    if !kw.is_empty() {
        // A marker separates positional from keyword parts of the key.
        items.push(vm.interp.ellipsis.clone());
        for (k, v) in kw {
            items.push(k.clone());
            items.push(v.clone());
        }
    }
    vm.new_tuple(items)
}

fn int_field(vm: &Vm, this: &Value, name: &str) -> i64 {
    match field(vm, this, name) {
        Some(Value::Int(i)) => i,
        _ => 0,
    }
}

fn lru_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let key = cache_key(vm, &args[1..], kw);
    let cache = match field(vm, this, "_cache") {
        Some(Value::Obj(c)) if matches!(c.payload(), Payload::Dict(_)) => c,
        _ => return Err(vm.type_error("lru_cache wrapper is not initialized")),
    };
    let maxsize = field(vm, this, "_maxsize").unwrap_or(Value::None);
    if let Some(v) = crate::ops::dict_get_item(vm, &cache, &key)? {
        set_field(
            vm,
            this,
            "_hits",
            Value::Int(int_field(vm, this, "_hits") + 1),
        );
        if !maxsize.is_none() {
            // Most recently used entries live at the end.
            crate::ops::dict_del_item(vm, &cache, &key)?;
            crate::ops::dict_set_item(vm, &cache, key, v.clone())?;
        }
        return Ok(v);
    }
    set_field(
        vm,
        this,
        "_misses",
        Value::Int(int_field(vm, this, "_misses") + 1),
    );
    let func = field(vm, this, "__wrapped__").unwrap_or(Value::None);
    let result = vm.call(&func, args[1..].to_vec(), kw.to_vec())?;
    if let Value::Int(max) = maxsize {
        if max <= 0 {
            return Ok(result);
        }
        let Payload::Dict(d) = cache.payload() else {
            return Ok(result);
        };
        if d.borrow(vm.gil).len() as i64 >= max {
            let oldest = d.borrow(vm.gil).iter().next().map(|e| e.key.clone());
            if let Some(k) = oldest {
                crate::ops::dict_del_item(vm, &cache, &k)?;
            }
        }
    }
    crate::ops::dict_set_item(vm, &cache, key, result.clone())?;
    Ok(result)
}

fn lru_cache_info(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let size = match field(vm, this, "_cache").as_ref().and_then(|c| c.payload()) {
        Some(Payload::Dict(d)) => d.borrow(vm.gil).len() as i64,
        _ => 0,
    };
    let class = module_class(vm, "_CacheInfo")?;
    let values = vec![
        Value::Int(int_field(vm, this, "_hits")),
        Value::Int(int_field(vm, this, "_misses")),
        field(vm, this, "_maxsize").unwrap_or(Value::None),
        Value::Int(size),
    ];
    Ok(struct_sequence(vm, &class, values))
}

fn lru_cache_clear(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    if let Some(Value::Obj(c)) = field(vm, this, "_cache") {
        if let Payload::Dict(d) = c.payload() {
            let old = d.borrow_mut(vm.gil).take_all();
            drop(old);
        }
    }
    set_field(vm, this, "_hits", Value::Int(0));
    set_field(vm, this, "_misses", Value::Int(0));
    Ok(Value::None)
}

/// `wrapper.__get__(obj, cls)`: a method bound to `obj`, so cached methods work.
fn lru_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let obj = args.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(args[0].clone());
    }
    Ok(Value::new_obj(Payload::BoundMethod(BoundMethod {
        func: args[0].clone(),
        this: obj,
    })))
}

fn make_cache_wrapper(vm: &mut Vm, func: &Value, maxsize: Value) -> PyResult<Value> {
    let class = module_class(vm, "_lru_cache_wrapper")?;
    let wrapper = new_instance(
        vm,
        &class,
        vec![
            ("_cache", vm.new_dict(Dict::new())),
            ("_maxsize", maxsize),
            ("_hits", Value::Int(0)),
            ("_misses", Value::Int(0)),
        ],
    );
    update(vm, &wrapper, func)?;
    Ok(wrapper)
}

/// The decorator `lru_cache(maxsize)` returns: bound to the maxsize.
fn lru_decorator(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "lru_cache", kw)?;
    if args.len() != 2 {
        return Err(vm.type_error("decorating function expects exactly one argument"));
    }
    make_cache_wrapper(vm, &args[1], args[0].clone())
}

fn lru_cache(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "lru_cache", kw, &["maxsize", "typed"])?;
    args::count(vm, "lru_cache", args, 0, 2)?;
    let first = args
        .first()
        .or_else(|| args::kwarg(kw, "maxsize"))
        .cloned()
        .unwrap_or(Value::Int(128));
    match first {
        Value::None => Ok(bound_native(
            "lru_cache",
            lru_decorator,
            NativeKind::Function,
            Value::None,
        )),
        Value::Int(n) => Ok(bound_native(
            "lru_cache",
            lru_decorator,
            NativeKind::Function,
            Value::Int(n.max(0)),
        )),
        Value::Bool(b) => Ok(bound_native(
            "lru_cache",
            lru_decorator,
            NativeKind::Function,
            Value::Int(b as i64),
        )),
        f if crate::builtins::iteration::is_callable(vm, &f) => {
            make_cache_wrapper(vm, &f, Value::Int(128))
        }
        _ => Err(vm.type_error("Expected first argument to be an integer, a callable, or None")),
    }
}

fn cache(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = args::exactly_one(vm, "cache", args, kw)?;
    make_cache_wrapper(vm, f, Value::None)
}

// ----- total_ordering -----

const ORDER_OPS: [&str; 4] = ["__lt__", "__le__", "__gt__", "__ge__"];

/// A derived comparison: `args` = [(root, formula), self, other].
fn derived_compare(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let Some(Payload::Tuple(state)) = args.first().and_then(|a| a.payload()) else {
        return Err(vm.type_error("bad total_ordering state"));
    };
    let (root, formula) = match (state.first(), state.get(1)) {
        (Some(r), Some(Value::Int(f))) => (r.clone(), *f),
        _ => return Err(vm.type_error("bad total_ordering state")),
    };
    let rest = args::method_args(vm, &args[1..], 1)?;
    let (this, other) = (args[1].clone(), rest[0].clone());
    let r = vm.call(&root, vec![this.clone(), other.clone()], vec![])?;
    if r.is(&vm.interp.not_implemented) {
        return Ok(r);
    }
    let r = crate::ops::truthy(vm, &r)?;
    let equal = |vm: &mut Vm| -> PyResult<bool> {
        let e = crate::ops::compare(vm, ComparisonOperator::Equal, &this, &other)?;
        crate::ops::truthy(vm, &e)
    };
    // Formulas from CPython's functools (root result r):
    // 0: not r and self != other   1: r or self == other   2: not r
    // 3: r and self != other
    Ok(Value::Bool(match formula {
        0 => !r && !equal(vm)?,
        1 => r || equal(vm)?,
        2 => !r,
        _ => r && !equal(vm)?,
    }))
}

/// For each root, the (derived op, formula) pairs.
fn derivations(root: &str) -> [(&'static str, i64); 3] {
    match root {
        "__lt__" => [("__gt__", 0), ("__le__", 1), ("__ge__", 2)],
        "__le__" => [("__ge__", 1), ("__lt__", 3), ("__gt__", 2)],
        "__gt__" => [("__lt__", 0), ("__ge__", 1), ("__le__", 2)],
        _ => [("__le__", 1), ("__gt__", 3), ("__lt__", 2)],
    }
}

fn derived_name(op: &str) -> &'static str {
    match op {
        "__lt__" => "__lt__",
        "__le__" => "__le__",
        "__gt__" => "__gt__",
        _ => "__ge__",
    }
}

fn total_ordering(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let cls = args::exactly_one(vm, "total_ordering", args, kw)?.clone();
    let Some(class) = cls.as_obj().filter(|c| c.as_type().is_some()).cloned() else {
        return Err(vm.type_error("total_ordering expects a class"));
    };
    let object = vm.types().object.clone();
    let mut defined = Vec::new();
    for op in ORDER_OPS {
        let key = Value::str(op);
        let found = crate::attr::lookup_type_attr(vm, &class, &key);
        let inherited = crate::attr::lookup_type_attr(vm, &object, &key);
        match (found, inherited) {
            (Some(f), Some(o)) if f.is(&o) => {}
            (Some(_), _) => defined.push(op),
            _ => {}
        }
    }
    // CPython picks max(roots) by name: __lt__ > __le__ > __gt__ > __ge__.
    let Some(root) = defined.first().copied() else {
        return Err(vm.value_error("must define at least one ordering operation: < > <= >="));
    };
    let root_fn =
        crate::attr::lookup_type_attr(vm, &class, &Value::str(root)).unwrap_or(Value::None);
    for (op, formula) in derivations(root) {
        if defined.contains(&op) {
            continue;
        }
        let state = vm.new_tuple(vec![root_fn.clone(), Value::Int(formula)]);
        let f = bound_native(derived_name(op), derived_compare, NativeKind::Method, state);
        crate::attr::set_attr_direct(vm, &cls, &Value::str(op), f)?;
    }
    Ok(cls)
}

// ----- cmp_to_key -----

fn key_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "K", kw)?;
    let rest = args::method_args(vm, args, 1)?;
    set_field(vm, &args[0], "obj", rest[0].clone());
    Ok(Value::None)
}

fn key_compare(vm: &mut Vm, args: &[Value], op: ComparisonOperator) -> PyResult<Value> {
    let rest = args::method_args(vm, args, 1)?;
    let this = &args[0];
    let other = &rest[0];
    let cmp = vm.type_of(this);
    let Some(cmp) = crate::attr::lookup_type_attr(vm, &cmp, &Value::str("_cmp")) else {
        return Err(vm.type_error("cmp_to_key key has no comparison function"));
    };
    let Some(other_obj) = field(vm, other, "obj") else {
        return Err(vm.type_error("other argument must be K instance"));
    };
    let a = field(vm, this, "obj").unwrap_or(Value::None);
    let r = vm.call(&cmp, vec![a, other_obj], vec![])?;
    crate::ops::compare(vm, op, &r, &Value::Int(0))
}

fn key_lt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    key_compare(vm, args, ComparisonOperator::Less)
}

fn key_le(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    key_compare(vm, args, ComparisonOperator::LessOrEqual)
}

fn key_gt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    key_compare(vm, args, ComparisonOperator::Greater)
}

fn key_ge(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    key_compare(vm, args, ComparisonOperator::GreaterOrEqual)
}

fn key_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    key_compare(vm, args, ComparisonOperator::Equal)
}

fn cmp_to_key(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let cmp = args::exactly_one(vm, "cmp_to_key", args, kw)?.clone();
    // Each key function gets its own class holding the comparison function, so the
    // comparisons find it without storing it on every key.
    let class = new_class(
        vm,
        "functools",
        "KeyWrapper",
        &[
            ("__init__", key_init),
            ("__lt__", key_lt),
            ("__le__", key_le),
            ("__gt__", key_gt),
            ("__ge__", key_ge),
            ("__eq__", key_eq),
        ],
    );
    if let Some(t) = class.as_type() {
        let f = Value::new_obj(Payload::StaticMethod(cmp));
        crate::attr::class_namespace_changed(vm);
        t.dict.borrow_mut(vm.gil).set_str(Value::str("_cmp"), f);
    }
    Ok(Value::Obj(class))
}

/// Builds `functools`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("functools");
    let functions: [(&'static str, NativeFn); 7] = [
        ("reduce", reduce),
        ("update_wrapper", update_wrapper),
        ("wraps", wraps),
        ("lru_cache", lru_cache),
        ("cache", cache),
        ("total_ordering", total_ordering),
        ("cmp_to_key", cmp_to_key),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    let partial = new_class(
        vm,
        "functools",
        "partial",
        &[
            ("__init__", partial_init),
            ("__call__", partial_call),
            ("__repr__", partial_repr),
        ],
    );
    set_attr(vm, &m, "partial", Value::Obj(partial));
    let wrapper = new_class(
        vm,
        "functools",
        "_lru_cache_wrapper",
        &[
            ("__call__", lru_call),
            ("cache_info", lru_cache_info),
            ("cache_clear", lru_cache_clear),
            ("__get__", lru_get),
        ],
    );
    set_attr(vm, &m, "_lru_cache_wrapper", Value::Obj(wrapper));
    let info = struct_sequence_class(
        vm,
        "functools",
        "CacheInfo",
        &["hits", "misses", "maxsize", "currsize"],
    );
    if let Some(t) = info.as_type() {
        crate::attr::class_namespace_changed(vm);
        // A named tuple: its repr has no module prefix.
        t.dict
            .borrow_mut(vm.gil)
            .set_str(Value::str("_bare_repr"), Value::Bool(true));
    }
    set_attr(vm, &m, "_CacheInfo", Value::Obj(info));
    let assigned = WRAPPER_ASSIGNMENTS[..4]
        .iter()
        .map(|n| Value::str(*n))
        .collect();
    set_attr(vm, &m, "WRAPPER_ASSIGNMENTS", vm.new_tuple(assigned));
    set_attr(
        vm,
        &m,
        "WRAPPER_UPDATES",
        vm.new_tuple(vec![Value::str("__dict__")]),
    );
    m
}
