//! `dict`: construction and update from mappings, pairs and keywords, subscripts,
//! equality, `|`, repr, and the methods. Keyed access goes through the core's
//! `ops::dict_*` functions, which compare user-defined keys outside the borrow.

use super::arguments::{clinic_arity, descriptor_error, no_args, no_kwargs, one_arg};
use super::repr::{guarded, push_repr};
use crate::bootstrap::{add_classmethod, add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::types::iter::DictPart;
use crate::value::Value;
use crate::vm::Vm;

/// `self` of a dict method.
fn this<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a ObjRef> {
    match args.first() {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Dict(_)) => Ok(o),
        other => Err(descriptor_error(vm, "dict", method, other)),
    }
}

/// The (key, value) pairs of a dict, cloned out of its borrow.
pub fn pairs(vm: &Vm, dict: &ObjRef) -> Vec<(Value, Value)> {
    match dict.payload() {
        Payload::Dict(d) => d
            .borrow(vm.gil)
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The number of entries of a dict object.
pub fn dict_len(vm: &Vm, dict: &ObjRef) -> usize {
    match dict.payload() {
        Payload::Dict(d) => d.borrow(vm.gil).len(),
        _ => 0,
    }
}

/// A new dict object with the same entries (hashes are reused).
pub fn copy_of(vm: &Vm, dict: &ObjRef) -> Value {
    let copy = match dict.payload() {
        Payload::Dict(d) => {
            let d = d.borrow(vm.gil);
            let mut copy = Dict::with_capacity(d.len());
            for e in d.iter() {
                copy.insert_new(e.hash, e.key.clone(), e.value.clone());
            }
            copy
        }
        _ => Dict::new(),
    };
    vm.new_dict(copy)
}

/// `d.update(source)` for a mapping or an iterable of pairs (`dict(x)`, `d |= x`).
pub fn update_from(vm: &mut Vm, target: &ObjRef, source: &Value) -> PyResult<()> {
    let is_mapping = match source.payload() {
        Some(Payload::Dict(_)) => true,
        Some(Payload::Instance(_)) => {
            let keys = Value::str("keys");
            crate::attr::get_attr_opt(vm, source, &keys)?.is_some()
        }
        _ => false,
    };
    if is_mapping {
        return crate::ops::dict_update(vm, &Value::Obj(target.clone()), source, None);
    }
    let it = crate::ops::get_iter(vm, source)?;
    let mut n = 0usize;
    while let Some(item) = crate::ops::iter_next(vm, &it)? {
        let kv = match crate::ops::get_iter(vm, &item) {
            Ok(inner) => {
                let mut kv = Vec::with_capacity(2);
                while let Some(x) = crate::ops::iter_next(vm, &inner)? {
                    kv.push(x);
                }
                kv
            }
            Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{n} to a sequence"
                )))
            }
            Err(e) => return Err(e),
        };
        if kv.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{n} has length {}; 2 is required",
                kv.len()
            )));
        }
        let mut kv = kv.into_iter();
        if let (Some(k), Some(v)) = (kv.next(), kv.next()) {
            crate::ops::dict_set_item(vm, target, k, v)?;
        }
        n += 1;
    }
    Ok(())
}

fn update_kwargs(vm: &mut Vm, target: &ObjRef, kwargs: &[(Value, Value)]) -> PyResult<()> {
    for (k, v) in kwargs {
        crate::ops::dict_set_item(vm, target, k.clone(), v.clone())?;
    }
    Ok(())
}

/// `dict(**kwargs)`, `dict(mapping, **kwargs)`, `dict(iterable, **kwargs)`.
fn dict_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "dict", rest.len(), 0, 1)?;
    let out = vm.new_dict(Dict::with_capacity(kwargs.len()));
    let Some(target) = out.as_obj().cloned() else {
        return Ok(out);
    };
    if let Some(src) = rest.first() {
        update_from(vm, &target, src)?;
    }
    update_kwargs(vm, &target, kwargs)?;
    Ok(out)
}

/// `d[key]`.
pub fn get_item(vm: &mut Vm, dict: &ObjRef, key: &Value) -> PyResult<Value> {
    match crate::ops::dict_get_item(vm, dict, key)? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(key.clone())),
    }
}

/// `del d[key]`.
pub fn del_item(vm: &mut Vm, dict: &ObjRef, key: &Value) -> PyResult<()> {
    match crate::ops::dict_del_item(vm, dict, key)? {
        Some(old) => {
            drop(old);
            Ok(())
        }
        None => Err(vm.key_error(key.clone())),
    }
}

/// `a == b` for two dicts: same keys mapping to equal values, in any order.
pub fn equal(vm: &mut Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if dict_len(vm, a) != dict_len(vm, b) {
        return Ok(false);
    }
    vm.enter_recursion(" in comparison")?;
    let r = equal_entries(vm, a, b);
    vm.leave_recursion();
    r
}

fn equal_entries(vm: &mut Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    for (k, v) in pairs(vm, a) {
        match crate::ops::dict_get_item(vm, b, &k)? {
            Some(w) => {
                if !super::sequence::item_eq(vm, &v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// `a | b` for two dicts.
pub fn union(vm: &mut Vm, a: &ObjRef, b: &Value) -> PyResult<Value> {
    let out = copy_of(vm, a);
    crate::ops::dict_update(vm, &out, b, None)?;
    Ok(out)
}

/// `repr(d)`: `{'a': 1}`, `{...}` for a dict inside itself.
pub fn repr(vm: &mut Vm, dict: &ObjRef) -> PyResult<String> {
    if dict_len(vm, dict) == 0 {
        return Ok("{}".into());
    }
    guarded(vm, dict, "{...}", |vm| {
        let mut out = String::from("{");
        for (i, (k, v)) in pairs(vm, dict).iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_repr(vm, &mut out, k)?;
            out.push_str(": ");
            push_repr(vm, &mut out, v)?;
        }
        out.push('}');
        Ok(out)
    })
}

/// The items iterating a dict or dict view yields, in order (for `reversed()`, which
/// walks them backwards).
pub fn items_of(vm: &Vm, v: &Value) -> Vec<Value> {
    let (dict, part) = match v.payload() {
        Some(Payload::Dict(_)) => match v.as_obj() {
            Some(o) => (o.clone(), DictPart::Keys),
            None => return Vec::new(),
        },
        Some(Payload::DictView(d, part)) => (d.clone(), *part),
        _ => return Vec::new(),
    };
    super::dict_views::items(vm, &dict, part)
}

fn dict_get(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "get")?;
    no_kwargs(vm, "dict.get", kwargs)?;
    clinic_arity(vm, "get", args.len() - 1, 1, 2)?;
    match crate::ops::dict_get_item(vm, d, &args[1])? {
        Some(v) => Ok(v),
        None => Ok(args.get(2).cloned().unwrap_or(Value::None)),
    }
}

fn dict_setdefault(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "setdefault")?;
    no_kwargs(vm, "dict.setdefault", kwargs)?;
    clinic_arity(vm, "setdefault", args.len() - 1, 1, 2)?;
    if let Some(v) = crate::ops::dict_get_item(vm, d, &args[1])? {
        return Ok(v);
    }
    let default = args.get(2).cloned().unwrap_or(Value::None);
    crate::ops::dict_set_item(vm, d, args[1].clone(), default.clone())?;
    Ok(default)
}

fn dict_pop(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "pop")?;
    no_kwargs(vm, "dict.pop", kwargs)?;
    clinic_arity(vm, "pop", args.len() - 1, 1, 2)?;
    match crate::ops::dict_del_item(vm, d, &args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.key_error(args[1].clone())),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "popitem")?;
    no_args(vm, "dict.popitem", args, kwargs)?;
    let Payload::Dict(cell) = d.payload() else {
        return Ok(Value::None);
    };
    let entry = match cell.try_borrow_mut(vm.gil) {
        Some(mut dict) => dict.pop_last(),
        None => return Err(vm.runtime_error("dictionary changed during a lookup")),
    };
    match entry {
        Some(e) => Ok(vm.new_tuple(vec![e.key, e.value])),
        None => Err(vm.key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

fn dict_update(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "update")?.clone();
    clinic_arity(vm, "update", args.len() - 1, 0, 1)?;
    if let Some(src) = args.get(1) {
        update_from(vm, &d, src)?;
    }
    update_kwargs(vm, &d, kwargs)?;
    Ok(Value::None)
}

fn dict_clear(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "clear")?;
    no_args(vm, "dict.clear", args, kwargs)?;
    if let Payload::Dict(cell) = d.payload() {
        let old = match cell.try_borrow_mut(vm.gil) {
            Some(mut dict) => dict.take_all(),
            None => return Err(vm.runtime_error("dictionary changed during a lookup")),
        };
        drop(old);
    }
    Ok(Value::None)
}

fn dict_copy(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "copy")?;
    no_args(vm, "dict.copy", args, kwargs)?;
    Ok(copy_of(vm, d))
}

fn view(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    part: DictPart,
) -> PyResult<Value> {
    let d = this(vm, args, name)?;
    no_args(vm, &format!("dict.{name}"), args, kwargs)?;
    Ok(Value::new_obj(Payload::DictView(d.clone(), part)))
}

fn dict_keys(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    view(vm, args, kwargs, "keys", DictPart::Keys)
}

fn dict_values(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    view(vm, args, kwargs, "values", DictPart::Values)
}

fn dict_items(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    view(vm, args, kwargs, "items", DictPart::Items)
}

/// `dict.fromkeys(iterable, value=None)` (a class method).
fn dict_fromkeys(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.fromkeys", kwargs)?;
    clinic_arity(vm, "fromkeys", args.len().saturating_sub(1), 1, 2)?;
    let value = args.get(2).cloned().unwrap_or(Value::None);
    let out = vm.new_dict(Dict::new());
    let Some(target) = out.as_obj().cloned() else {
        return Ok(out);
    };
    let it = crate::ops::get_iter(vm, &args[1])?;
    while let Some(k) = crate::ops::iter_next(vm, &it)? {
        crate::ops::dict_set_item(vm, &target, k, value.clone())?;
    }
    Ok(out)
}

fn dict_contains(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(vm, args, "__contains__")?;
    let key = one_arg(vm, "dict.__contains__", args, kwargs)?;
    Ok(Value::Bool(
        crate::ops::dict_get_item(vm, d, key)?.is_some(),
    ))
}

fn dict_reversed(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(vm, args, "__reversed__")?;
    no_args(vm, "dict.__reversed__", args, kwargs)?;
    super::iterators::reversed_of(vm, &args[0])
}

/// Installs the dict constructor and methods.
pub fn register(vm: &Vm) {
    let c = vm.types().dict.clone();
    add_staticmethod(vm, &c, "__new__", dict_new);
    add_classmethod(vm, &c, "fromkeys", dict_fromkeys);
    let methods: &[(&'static str, crate::types::function::NativeFn)] = &[
        ("get", dict_get),
        ("setdefault", dict_setdefault),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("update", dict_update),
        ("clear", dict_clear),
        ("copy", dict_copy),
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("__contains__", dict_contains),
        ("__reversed__", dict_reversed),
    ];
    for &(name, f) in methods {
        add_method(vm, &c, name, f);
    }
}
