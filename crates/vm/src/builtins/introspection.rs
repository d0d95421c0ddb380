//! Looking at objects and namespaces: `type`, `isinstance`, `issubclass`, `id`,
//! `hash`, `len`, `getattr`/`setattr`/`hasattr`/`delattr`, `vars`, `dir`, `globals`,
//! `locals`.

use super::args;
use crate::bootstrap::{add_frame_function, add_function, add_staticmethod};
use crate::error::PyResult;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::class::Layout;
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

/// `isinstance` against a class or a (nested) tuple of classes.
fn instance_check(vm: &Vm, v: &Value, spec: &Value) -> PyResult<bool> {
    match spec.payload() {
        Some(Payload::Type(_)) => {
            let class = spec
                .as_obj()
                .cloned()
                .ok_or_else(|| vm.type_error("class"))?;
            Ok(vm.is_instance(v, &class))
        }
        Some(Payload::Tuple(items)) => {
            for item in items.iter() {
                if instance_check(vm, v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

fn builtin_isinstance(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "isinstance", kw)?;
    args::count(vm, "isinstance", args, 2, 2)?;
    Ok(Value::Bool(instance_check(vm, &args[0], &args[1])?))
}

fn subclass_check(vm: &Vm, class: &ObjRef, spec: &Value) -> PyResult<bool> {
    match spec {
        Value::Obj(o) if o.as_type().is_some() => Ok(vm.is_subclass(class, o)),
        Value::Obj(o) if matches!(o.payload(), Payload::Tuple(_)) => {
            let Payload::Tuple(items) = o.payload() else {
                return Ok(false);
            };
            for item in items.iter() {
                if subclass_check(vm, class, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
    }
}

fn builtin_issubclass(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "issubclass", kw)?;
    args::count(vm, "issubclass", args, 2, 2)?;
    let class = match &args[0] {
        Value::Obj(o) if o.as_type().is_some() => o.clone(),
        _ => return Err(vm.type_error("issubclass() arg 1 must be a class")),
    };
    Ok(Value::Bool(subclass_check(vm, &class, &args[1])?))
}

/// `type.__new__`: `type(x)` is x's class; `type(name, bases, dict)` makes a class.
fn type_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Obj(o)) if o.as_type().is_some() => {}
        Some(other) => {
            return Err(vm.type_error(format!(
                "type.__new__(X): X is not a type object ({})",
                vm.type_name(other)
            )))
        }
        None => return Err(vm.type_error("type.__new__(): not enough arguments")),
    }
    let rest = &args[1..];
    match rest.len() {
        1 if kw.is_empty() => Ok(Value::Obj(vm.type_of(&rest[0]))),
        3 => make_class(vm, &rest[0], &rest[1], &rest[2]),
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn make_class(vm: &mut Vm, name: &Value, bases: &Value, dict: &Value) -> PyResult<Value> {
    if name.as_str().is_none() {
        return Err(vm.type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            vm.type_name(name)
        )));
    }
    let Some(Payload::Tuple(base_items)) = bases.payload() else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            vm.type_name(bases)
        )));
    };
    let Some(Payload::Dict(entries)) = dict.payload() else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(dict)
        )));
    };
    let mut classes = Vec::with_capacity(base_items.len());
    for b in base_items.iter() {
        match b {
            Value::Obj(o) if o.as_type().is_some() => {
                let t = o.as_type().map(|t| (t.layout, t.name.clone()));
                if let Some((Layout::Builtin, tname)) = t {
                    if !o.is(&vm.types().object) {
                        return Err(vm.type_error(format!(
                            "subclassing the built-in type '{tname}' is not supported by gilded yet"
                        )));
                    }
                }
                classes.push(o.clone());
            }
            other => {
                return Err(vm.type_error(format!(
                    "bases must be types, not '{}'",
                    vm.type_name(other)
                )))
            }
        }
    }
    let mut copy = Dict::new();
    for e in entries.borrow(vm.gil).iter() {
        copy.insert_new(e.hash, e.key.clone(), e.value.clone());
    }
    if copy.get_str("__module__").is_none() {
        let module = caller_global(vm, "__name__").unwrap_or_else(|| Value::str("__main__"));
        copy.set_str(Value::str("__module__"), module);
    }
    let namespace = ObjRef::new(Payload::Dict(GilCell::new(copy)));
    crate::classes::finish_class(vm, name.clone(), classes, namespace)
}

/// A global of the calling Python frame.
fn caller_global(vm: &Vm, name: &str) -> Option<Value> {
    let frame = vm.frames.last()?;
    crate::vm::dict_get_str(vm, &frame.globals, name)
}

fn builtin_id(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "id", args, kw)?;
    Ok(Value::Int(v.id()))
}

fn builtin_hash(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "hash", args, kw)?;
    Ok(Value::Int(crate::ops::hash(vm, v)?))
}

fn builtin_len(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "len", args, kw)?;
    Ok(Value::Int(crate::ops::len(vm, v)? as i64))
}

fn builtin_getattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "getattr", kw)?;
    args::count(vm, "getattr", args, 2, 3)?;
    let name = args::attr_name(vm, &args[1])?;
    let Some(default) = args.get(2) else {
        return crate::attr::get_attr(vm, &args[0], &name);
    };
    match crate::attr::get_attr_opt(vm, &args[0], &name) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Ok(default.clone()),
        Err(e) if vm.err_matches(&e, &vm.interp.exc.attribute_error.clone()) => Ok(default.clone()),
        Err(e) => Err(e),
    }
}

fn builtin_hasattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "hasattr", kw)?;
    args::count(vm, "hasattr", args, 2, 2)?;
    let name = args::attr_name(vm, &args[1])?;
    match crate::attr::get_attr_opt(vm, &args[0], &name) {
        Ok(found) => Ok(Value::Bool(found.is_some())),
        Err(e) if vm.err_matches(&e, &vm.interp.exc.attribute_error.clone()) => {
            Ok(Value::Bool(false))
        }
        Err(e) => Err(e),
    }
}

fn builtin_setattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "setattr", kw)?;
    args::count(vm, "setattr", args, 3, 3)?;
    let name = args::attr_name(vm, &args[1])?;
    crate::attr::set_attr(vm, &args[0], &name, args[2].clone())?;
    Ok(Value::None)
}

fn builtin_delattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "delattr", kw)?;
    args::count(vm, "delattr", args, 2, 2)?;
    let name = args::attr_name(vm, &args[1])?;
    crate::attr::del_attr(vm, &args[0], &name)?;
    Ok(Value::None)
}

/// The caller's local namespace: the namespace dict of module and class-body code, or
/// a new dict of a function's bound local, cell and free variables.
fn caller_locals(vm: &Vm) -> Value {
    let Some(frame) = vm.frames.last() else {
        return vm.new_dict(Dict::new());
    };
    if let Some(ns) = &frame.namespace {
        return Value::Obj(ns.clone());
    }
    let code = frame.runtime().code.clone();
    let cell_value = |i: usize| -> Value {
        match frame.cells.get(i).map(|c| c.payload()) {
            Some(Payload::Cell(c)) => c.borrow(vm.gil).clone(),
            _ => Value::Null,
        }
    };
    let mut d = Dict::new();
    for (i, name) in code.varnames.iter().enumerate() {
        let mut v = vm.caller_locals.get(i).cloned().unwrap_or(Value::Null);
        if v.is_null() {
            if let Some(c) = code.cellvars.iter().position(|n| n == name) {
                v = cell_value(c);
            }
        }
        if !v.is_null() {
            d.set_str(Value::str(name.to_string()), v);
        }
    }
    for (i, name) in code.cellvars.iter().enumerate() {
        if !code.varnames.contains(name) {
            let v = cell_value(i);
            if !v.is_null() {
                d.set_str(Value::str(name.to_string()), v);
            }
        }
    }
    for (i, name) in code.freevars.iter().enumerate() {
        let v = cell_value(code.cellvars.len() + i);
        if !v.is_null() {
            d.set_str(Value::str(name.to_string()), v);
        }
    }
    vm.new_dict(d)
}

fn builtin_locals(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "locals", args, kw)?;
    Ok(caller_locals(vm))
}

fn builtin_globals(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "globals", args, kw)?;
    Ok(match vm.frames.last() {
        Some(frame) => Value::Obj(frame.globals.clone()),
        None => vm.new_dict(Dict::new()),
    })
}

fn builtin_vars(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "vars", kw)?;
    args::count(vm, "vars", args, 0, 1)?;
    let Some(obj) = args.first() else {
        return Ok(caller_locals(vm));
    };
    let dict_name = vm.interp.names.dict.clone();
    match crate::attr::get_attr_opt(vm, obj, &dict_name) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        Err(e) if vm.err_matches(&e, &vm.interp.exc.attribute_error.clone()) => {
            Err(vm.type_error("vars() argument must have __dict__ attribute"))
        }
        Err(e) => Err(e),
    }
}

fn builtin_dir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "dir", kw)?;
    args::count(vm, "dir", args, 0, 1)?;
    let names = match args.first() {
        Some(obj) => user_dir(vm, obj)?,
        None => {
            let locals = caller_locals(vm);
            let mut names = dict_keys(vm, &locals);
            names.sort();
            names
        }
    };
    Ok(vm.new_list(names.into_iter().map(Value::str).collect()))
}

/// `dir(obj)`, honouring a `__dir__` defined in Python.
fn user_dir(vm: &mut Vm, obj: &Value) -> PyResult<Vec<String>> {
    if matches!(
        obj.payload(),
        Some(Payload::Instance(_) | Payload::Exception(_))
    ) {
        let class = vm.type_of(obj);
        let name = Value::str("__dir__");
        if let Some(f) = crate::attr::lookup_type_attr(vm, &class, &name) {
            if matches!(f.payload(), Some(Payload::Function(_))) {
                let result = vm.call(&f, vec![obj.clone()], vec![])?;
                let items = crate::ops::collect_iterable(vm, &result)?;
                let mut names = Vec::with_capacity(items.len());
                for item in items {
                    match item.as_str() {
                        Some(s) => names.push(s.to_string()),
                        None => names.push(crate::ops::to_str(vm, &item)?),
                    }
                }
                names.sort();
                return Ok(names);
            }
        }
    }
    super::dir_names(vm, obj)
}

/// The `str` keys of a dict value.
fn dict_keys(vm: &Vm, d: &Value) -> Vec<String> {
    match d.payload() {
        Some(Payload::Dict(d)) => d
            .borrow(vm.gil)
            .iter()
            .filter_map(|e| e.key.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Installs the introspection built-ins.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "isinstance", builtin_isinstance);
    add_function(vm, &b, "issubclass", builtin_issubclass);
    add_function(vm, &b, "id", builtin_id);
    add_function(vm, &b, "hash", builtin_hash);
    add_function(vm, &b, "len", builtin_len);
    add_function(vm, &b, "getattr", builtin_getattr);
    add_function(vm, &b, "hasattr", builtin_hasattr);
    add_function(vm, &b, "setattr", builtin_setattr);
    add_function(vm, &b, "delattr", builtin_delattr);
    add_function(vm, &b, "globals", builtin_globals);
    add_frame_function(vm, &b, "locals", builtin_locals);
    add_frame_function(vm, &b, "vars", builtin_vars);
    add_frame_function(vm, &b, "dir", builtin_dir);
    let type_ = vm.types().type_.clone();
    add_staticmethod(vm, &type_, "__new__", type_new);
}
