//! The `collections` module: `namedtuple`, `deque`, `Counter`, `defaultdict` and
//! `OrderedDict`.
//!
//! gilded cannot subclass the built-in `tuple`, `list` and `dict` yet, so these are
//! native classes that keep their contents in a field (`_items`: a list, `_data`: a
//! dict) and implement the container protocol over it; `isinstance(Counter(), dict)`
//! is therefore False.

use super::native_class::{field, new_class, require_self, set_field, struct_sequence_class};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::{PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;

/// A field holding a list or dict object.
fn store(vm: &Vm, this: &Value, name: &str) -> PyResult<ObjRef> {
    match field(vm, this, name) {
        Some(Value::Obj(o)) => Ok(o),
        _ => Err(vm.type_error(format!(
            "'{}' object is not initialized",
            vm.type_name(this)
        ))),
    }
}

fn items_of(vm: &Vm, this: &Value) -> PyResult<ObjRef> {
    store(vm, this, "_items")
}

fn data_of(vm: &Vm, this: &Value) -> PyResult<ObjRef> {
    store(vm, this, "_data")
}

fn list_cell<'a>(vm: &Vm, list: &'a ObjRef) -> PyResult<&'a crate::object::GilCell<Vec<Value>>> {
    match list.payload() {
        Payload::List(l) => Ok(l),
        _ => Err(vm.type_error("deque storage is not a list")),
    }
}

fn rest(args: &[Value]) -> &[Value] {
    args.get(1..).unwrap_or(&[])
}

// ----- namedtuple -----

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
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

/// The `_fields` of a namedtuple class as strings.
fn fields_of_class(vm: &Vm, class: &ObjRef) -> Vec<String> {
    let fields = class
        .as_type()
        .and_then(|t| t.dict.borrow(vm.gil).get_str("_fields").cloned());
    match fields.as_ref().and_then(|f| f.payload()) {
        Some(Payload::Tuple(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Binds constructor arguments to the fields, with CPython's `X.__new__()` messages.
fn bind_fields(
    vm: &mut Vm,
    class: &ObjRef,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Vec<Value>> {
    let fields = fields_of_class(vm, class);
    let name = class.as_type().map(|t| t.name.clone()).unwrap_or_default();
    let defaults = class
        .as_type()
        .and_then(|t| t.dict.borrow(vm.gil).get_str("_field_defaults").cloned());
    if args.len() > fields.len() {
        return Err(vm.type_error(format!(
            "{name}.__new__() takes {} positional argument{} but {} were given",
            fields.len() + 1,
            if fields.is_empty() { "" } else { "s" },
            args.len() + 1
        )));
    }
    let mut values: Vec<Value> = vec![Value::Null; fields.len()];
    values[..args.len()].clone_from_slice(args);
    for (k, v) in kw {
        let key = k.as_str().unwrap_or("");
        match fields.iter().position(|f| f == key) {
            Some(i) if !values[i].is_null() => {
                return Err(vm.type_error(format!(
                    "{name}.__new__() got multiple values for argument '{key}'"
                )))
            }
            Some(i) => values[i] = v.clone(),
            None => {
                return Err(vm.type_error(format!(
                    "{name}.__new__() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    let mut missing = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if values[i].is_null() {
            let default = match defaults.as_ref().and_then(|d| d.payload()) {
                Some(Payload::Dict(d)) => d.borrow(vm.gil).get_str(f).cloned(),
                _ => None,
            };
            match default {
                Some(d) => values[i] = d,
                None => missing.push(f.clone()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(vm.type_error(format!(
            "{name}.__new__() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            join_names(&missing)
        )));
    }
    Ok(values)
}

fn namedtuple_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let class = vm.type_of(&args[0]);
    let values = bind_fields(vm, &class, rest(args), kw)?;
    for (f, v) in fields_of_class(vm, &class).iter().zip(values) {
        set_field(vm, &args[0], f, v);
    }
    Ok(Value::None)
}

fn namedtuple_values(vm: &Vm, this: &Value) -> Vec<(String, Value)> {
    let class = vm.type_of(this);
    fields_of_class(vm, &class)
        .into_iter()
        .map(|f| {
            let v = field(vm, this, &f).unwrap_or(Value::None);
            (f, v)
        })
        .collect()
}

fn namedtuple_asdict(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let mut d = Dict::new();
    for (f, v) in namedtuple_values(vm, &args[0]) {
        d.set_str(Value::str(f), v);
    }
    Ok(vm.new_dict(d))
}

fn namedtuple_replace(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let class = vm.type_of(&args[0]);
    let mut values = namedtuple_values(vm, &args[0]);
    for (k, v) in kw {
        let key = k.as_str().unwrap_or("");
        match values.iter_mut().find(|(f, _)| f == key) {
            Some(slot) => slot.1 = v.clone(),
            None => return Err(vm.value_error(format!("Got unexpected field names: ['{key}']"))),
        }
    }
    let values = values.into_iter().map(|(_, v)| v).collect();
    vm.call(&Value::Obj(class), values, vec![])
}

fn namedtuple_make(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "_make", kw)?;
    require_self(vm, args)?;
    args::count(vm, "_make", rest(args), 1, 1)?;
    let values = crate::ops::collect_iterable(vm, &args[1])?;
    vm.call(&args[0], values, vec![])
}

fn namedtuple_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    let mut n = 0;
    for (_, v) in namedtuple_values(vm, &args[0]) {
        if v.is(&x) || crate::ops::eq(vm, &v, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn namedtuple_index(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    for (i, (_, v)) in namedtuple_values(vm, &args[0]).into_iter().enumerate() {
        if v.is(&x) || crate::ops::eq(vm, &v, &x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

/// The calling frame's module name, for `__module__` of generated classes.
fn caller_module(vm: &Vm) -> String {
    vm.frames
        .last()
        .and_then(|f| crate::vm::dict_get_str(vm, &f.globals, "__name__"))
        .and_then(|n| n.as_str().map(str::to_string))
        .unwrap_or_else(|| "__main__".to_string())
}

fn namedtuple(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(
        vm,
        "namedtuple",
        kw,
        &["typename", "field_names", "rename", "defaults", "module"],
    )?;
    args::count(vm, "namedtuple", args, 0, 2)?;
    let get = |i: usize, name: &str| args.get(i).or_else(|| args::kwarg(kw, name)).cloned();
    let Some(typename) = get(0, "typename") else {
        return Err(vm.type_error(
            "namedtuple() missing 2 required positional arguments: 'typename' and 'field_names'",
        ));
    };
    let Some(names) = get(1, "field_names") else {
        return Err(
            vm.type_error("namedtuple() missing 1 required positional argument: 'field_names'")
        );
    };
    let typename = crate::ops::to_str(vm, &typename)?;
    let fields: Vec<String> = match names.as_str() {
        Some(s) => s
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        None => {
            let mut out = Vec::new();
            for item in crate::ops::collect_iterable(vm, &names)? {
                out.push(crate::ops::to_str(vm, &item)?);
            }
            out
        }
    };
    for name in std::iter::once(&typename).chain(fields.iter()) {
        if !is_identifier(name) || super::keyword::KEYWORDS.contains(&name.as_str()) {
            return Err(vm.value_error(format!(
                "Type names and field names must be valid identifiers: '{name}'"
            )));
        }
    }
    let mut seen: Vec<&String> = Vec::new();
    for f in &fields {
        if f.starts_with('_') {
            return Err(vm.value_error(format!(
                "Field names cannot start with an underscore: '{f}'"
            )));
        }
        if seen.contains(&f) {
            return Err(vm.value_error(format!("Encountered duplicate field name: '{f}'")));
        }
        seen.push(f);
    }
    let defaults = match args::kwarg(kw, "defaults") {
        Some(d) if !d.is_none() => crate::ops::collect_iterable(vm, d)?,
        _ => Vec::new(),
    };
    if defaults.len() > fields.len() {
        return Err(vm.type_error("Got more default values than field names"));
    }
    let module = match args::kwarg(kw, "module") {
        Some(m) if !m.is_none() => crate::ops::to_str(vm, m)?,
        _ => caller_module(vm),
    };
    let field_refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    let class = struct_sequence_class(vm, &module, &typename, &field_refs);
    let mut field_defaults = Dict::new();
    for (f, d) in fields[fields.len() - defaults.len()..].iter().zip(defaults) {
        field_defaults.set_str(Value::str(f.clone()), d);
    }
    if let Some(t) = class.as_type() {
        crate::attr::class_namespace_changed(vm);
        let mut d = t.dict.borrow_mut(vm.gil);
        d.set_str(Value::str("_bare_repr"), Value::Bool(true));
        d.set_str(Value::str("_field_defaults"), vm.new_dict(field_defaults));
        d.set_str(Value::str("__module__"), Value::str(module));
    }
    let methods: [(&'static str, NativeFn); 5] = [
        ("__init__", namedtuple_init),
        ("_asdict", namedtuple_asdict),
        ("_replace", namedtuple_replace),
        ("count", namedtuple_count),
        ("index", namedtuple_index),
    ];
    for (name, f) in methods {
        crate::bootstrap::add_method(vm, &class, name, f);
    }
    crate::bootstrap::add_classmethod(vm, &class, "_make", namedtuple_make);
    Ok(Value::Obj(class))
}

// ----- deque -----

fn deque_maxlen(vm: &Vm, this: &Value) -> Option<usize> {
    match field(vm, this, "maxlen") {
        Some(Value::Int(n)) => Some(n.max(0) as usize),
        _ => None,
    }
}

/// Trims a deque to its maxlen, from the front (`from_front`) or the back.
fn trim(vm: &Vm, this: &Value, from_front: bool) -> PyResult<()> {
    let Some(max) = deque_maxlen(vm, this) else {
        return Ok(());
    };
    let list = items_of(vm, this)?;
    let l = list_cell(vm, &list)?;
    let removed: Vec<Value> = {
        let mut items = l.borrow_mut(vm.gil);
        let excess = items.len().saturating_sub(max);
        if from_front {
            items.drain(..excess).collect()
        } else {
            let keep = items.len() - excess;
            items.drain(keep..).collect()
        }
    };
    drop(removed);
    Ok(())
}

fn deque_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::allowed_kwargs(vm, "deque", kw, &["iterable", "maxlen"])?;
    args::count(vm, "deque", rest(args), 0, 2)?;
    let iterable = args.get(1).or_else(|| args::kwarg(kw, "iterable")).cloned();
    let maxlen = match args.get(2).or_else(|| args::kwarg(kw, "maxlen")) {
        None | Some(Value::None) => Value::None,
        Some(v) => {
            let n = args::index_i64(vm, v)?;
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Value::Int(n)
        }
    };
    let items = match iterable {
        Some(it) => crate::ops::collect_iterable(vm, &it)?,
        None => Vec::new(),
    };
    set_field(vm, &args[0], "_items", vm.new_list(items));
    set_field(vm, &args[0], "maxlen", maxlen);
    trim(vm, &args[0], true)?;
    Ok(Value::None)
}

fn deque_append(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    let list = items_of(vm, &args[0])?;
    list_cell(vm, &list)?.borrow_mut(vm.gil).push(x);
    trim(vm, &args[0], true)?;
    Ok(Value::None)
}

fn deque_appendleft(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    let list = items_of(vm, &args[0])?;
    list_cell(vm, &list)?.borrow_mut(vm.gil).insert(0, x);
    trim(vm, &args[0], false)?;
    Ok(Value::None)
}

fn deque_pop_end(vm: &mut Vm, args: &[Value], front: bool) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let list = items_of(vm, &args[0])?;
    let l = list_cell(vm, &list)?;
    let popped = {
        let mut items = l.borrow_mut(vm.gil);
        if items.is_empty() {
            None
        } else if front {
            Some(items.remove(0))
        } else {
            items.pop()
        }
    };
    popped.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn deque_pop(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    deque_pop_end(vm, args, false)
}

fn deque_popleft(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    deque_pop_end(vm, args, true)
}

fn deque_extend(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let it = args::method_args(vm, args, 1)?[0].clone();
    let new = crate::ops::collect_iterable(vm, &it)?;
    let list = items_of(vm, &args[0])?;
    list_cell(vm, &list)?.borrow_mut(vm.gil).extend(new);
    trim(vm, &args[0], true)?;
    Ok(Value::None)
}

fn deque_extendleft(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let it = args::method_args(vm, args, 1)?[0].clone();
    let new = crate::ops::collect_iterable(vm, &it)?;
    let list = items_of(vm, &args[0])?;
    {
        let mut items = list_cell(vm, &list)?.borrow_mut(vm.gil);
        for x in new {
            items.insert(0, x);
        }
    }
    trim(vm, &args[0], false)?;
    Ok(Value::None)
}

fn deque_rotate(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::count(vm, "rotate", rest(args), 0, 1)?;
    let n = match args.get(1) {
        Some(v) => args::index_i64(vm, v)?,
        None => 1,
    };
    let list = items_of(vm, &args[0])?;
    let mut items = list_cell(vm, &list)?.borrow_mut(vm.gil);
    let len = items.len() as i64;
    if len > 0 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_clear(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let list = items_of(vm, &args[0])?;
    let old = std::mem::take(&mut *list_cell(vm, &list)?.borrow_mut(vm.gil));
    drop(old);
    Ok(Value::None)
}

fn deque_snapshot(vm: &Vm, this: &Value) -> PyResult<Vec<Value>> {
    let list = items_of(vm, this)?;
    let items = list_cell(vm, &list)?.borrow(vm.gil).clone();
    Ok(items)
}

fn new_deque(vm: &mut Vm, like: &Value, items: Vec<Value>) -> PyResult<Value> {
    let class = vm.type_of(like);
    let maxlen = field(vm, like, "maxlen").unwrap_or(Value::None);
    let list = vm.new_list(items);
    vm.call(&Value::Obj(class), vec![list, maxlen], vec![])
}

fn deque_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let items = deque_snapshot(vm, &args[0])?;
    new_deque(vm, &args[0], items)
}

fn deque_position(vm: &mut Vm, this: &Value, x: &Value) -> PyResult<Option<usize>> {
    for (i, v) in deque_snapshot(vm, this)?.into_iter().enumerate() {
        if v.is(x) || crate::ops::eq(vm, &v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn deque_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    let mut n = 0;
    for v in deque_snapshot(vm, &args[0])? {
        if v.is(&x) || crate::ops::eq(vm, &v, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn deque_index(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::count(vm, "index", rest(args), 1, 3)?;
    match deque_position(vm, &args[0], &args[1])? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = crate::ops::repr(vm, &args[1])?;
            Err(vm.value_error(format!("{r} is not in deque")))
        }
    }
}

fn deque_remove(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    let Some(i) = deque_position(vm, &args[0], &x)? else {
        return Err(vm.value_error("deque.remove(x): x not in deque"));
    };
    let list = items_of(vm, &args[0])?;
    let l = list_cell(vm, &list)?;
    let removed = {
        let mut items = l.borrow_mut(vm.gil);
        (i < items.len()).then(|| items.remove(i))
    };
    drop(removed);
    Ok(Value::None)
}

fn deque_insert(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::method_args(vm, args, 2)?.to_vec();
    let i = args::index_i64(vm, &a[0])?;
    let list = items_of(vm, &args[0])?;
    let len = list_cell(vm, &list)?.borrow(vm.gil).len();
    if deque_maxlen(vm, &args[0]).is_some_and(|m| len >= m) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let pos = if i < 0 {
        (len as i64 + i).max(0) as usize
    } else {
        (i as usize).min(len)
    };
    list_cell(vm, &list)?
        .borrow_mut(vm.gil)
        .insert(pos, a[1].clone());
    Ok(Value::None)
}

fn deque_reverse(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let list = items_of(vm, &args[0])?;
    list_cell(vm, &list)?.borrow_mut(vm.gil).reverse();
    Ok(Value::None)
}

fn deque_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let list = items_of(vm, &args[0])?;
    let n = list_cell(vm, &list)?.borrow(vm.gil).len();
    Ok(Value::Int(n as i64))
}

fn deque_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let list = Value::Obj(items_of(vm, &args[0])?);
    crate::ops::get_iter(vm, &list)
}

fn deque_reversed(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let mut items = deque_snapshot(vm, &args[0])?;
    items.reverse();
    let list = vm.new_list(items);
    crate::ops::get_iter(vm, &list)
}

/// A deque index (negative counts from the end).
fn deque_slot(vm: &mut Vm, this: &Value, index: &Value) -> PyResult<usize> {
    let i = args::index_i64(vm, index)?;
    let list = items_of(vm, this)?;
    let len = list_cell(vm, &list)?.borrow(vm.gil).len() as i64;
    let pos = if i < 0 { i + len } else { i };
    if pos < 0 || pos >= len {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(pos as usize)
}

fn deque_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let index = args::method_args(vm, args, 1)?[0].clone();
    let pos = deque_slot(vm, &args[0], &index)?;
    let list = items_of(vm, &args[0])?;
    let item = list_cell(vm, &list)?.borrow(vm.gil).get(pos).cloned();
    item.ok_or_else(|| vm.index_error("deque index out of range"))
}

fn deque_setitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::method_args(vm, args, 2)?.to_vec();
    let pos = deque_slot(vm, &args[0], &a[0])?;
    let list = items_of(vm, &args[0])?;
    let old = list_cell(vm, &list)?
        .borrow_mut(vm.gil)
        .get_mut(pos)
        .map(|slot| std::mem::replace(slot, a[1].clone()));
    drop(old);
    Ok(Value::None)
}

fn deque_delitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let index = args::method_args(vm, args, 1)?[0].clone();
    let pos = deque_slot(vm, &args[0], &index)?;
    let list = items_of(vm, &args[0])?;
    let l = list_cell(vm, &list)?;
    let removed = {
        let mut items = l.borrow_mut(vm.gil);
        (pos < items.len()).then(|| items.remove(pos))
    };
    drop(removed);
    Ok(Value::None)
}

fn deque_contains(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let x = args::method_args(vm, args, 1)?[0].clone();
    Ok(Value::Bool(deque_position(vm, &args[0], &x)?.is_some()))
}

fn deque_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let list = Value::Obj(items_of(vm, &args[0])?);
    let inner = crate::ops::repr(vm, &list)?;
    let name = vm.type_name(&args[0]);
    Ok(Value::str(match deque_maxlen(vm, &args[0]) {
        Some(m) => format!("{name}({inner}, maxlen={m})"),
        None => format!("{name}({inner})"),
    }))
}

fn deque_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let other = args::method_args(vm, args, 1)?[0].clone();
    if field(vm, &other, "_items").is_none() || !vm.type_of(&other).is(&vm.type_of(&args[0])) {
        return Ok(vm.interp.not_implemented.clone());
    }
    let a = Value::Obj(items_of(vm, &args[0])?);
    let b = Value::Obj(items_of(vm, &other)?);
    Ok(Value::Bool(crate::ops::eq(vm, &a, &b)?))
}

fn deque_add(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let other = args::method_args(vm, args, 1)?[0].clone();
    if field(vm, &other, "_items").is_none() {
        return Ok(vm.interp.not_implemented.clone());
    }
    let mut items = deque_snapshot(vm, &args[0])?;
    items.extend(deque_snapshot(vm, &other)?);
    new_deque(vm, &args[0], items)
}

fn deque_iadd(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    deque_extend(vm, args, kw)?;
    Ok(args[0].clone())
}

// ----- Counter and defaultdict: dict wrappers -----

/// Calls `name` on the wrapped dict with the remaining arguments.
fn on_data(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], name: &str) -> PyResult<Value> {
    require_self(vm, args)?;
    let data = Value::Obj(data_of(vm, &args[0])?);
    let method = crate::attr::get_attr(vm, &data, &Value::str(name))?;
    vm.call(&method, rest(args).to_vec(), kw.to_vec())
}

macro_rules! dict_delegates {
    ($($fn_name:ident => $method:literal),* $(,)?) => {
        $(
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
                on_data(vm, args, kw, $method)
            }
        )*
    };
}

dict_delegates! {
    data_keys => "keys",
    data_values => "values",
    data_items => "items",
    data_get => "get",
    data_pop => "pop",
    data_popitem => "popitem",
    data_setdefault => "setdefault",
    data_clear => "clear",
}

fn data_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let data = Value::Obj(data_of(vm, &args[0])?);
    Ok(Value::Int(crate::ops::len(vm, &data)? as i64))
}

fn data_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let data = Value::Obj(data_of(vm, &args[0])?);
    crate::ops::get_iter(vm, &data)
}

fn data_contains(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let k = args::method_args(vm, args, 1)?[0].clone();
    let data = Value::Obj(data_of(vm, &args[0])?);
    Ok(Value::Bool(crate::ops::contains(vm, &data, &k)?))
}

fn data_setitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::method_args(vm, args, 2)?.to_vec();
    let data = data_of(vm, &args[0])?;
    crate::ops::dict_set_item(vm, &data, a[0].clone(), a[1].clone())?;
    Ok(Value::None)
}

fn data_delitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let k = args::method_args(vm, args, 1)?[0].clone();
    let data = data_of(vm, &args[0])?;
    match crate::ops::dict_del_item(vm, &data, &k)? {
        Some(_) => Ok(Value::None),
        // Counter ignores missing keys; defaultdict raises like dict.
        None if field(vm, &args[0], "default_factory").is_none() => Ok(Value::None),
        None => Err(vm.key_error(k)),
    }
}

fn data_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let other = args::method_args(vm, args, 1)?[0].clone();
    let a = Value::Obj(data_of(vm, &args[0])?);
    let b = match field(vm, &other, "_data") {
        Some(d) => d,
        None if matches!(other.payload(), Some(Payload::Dict(_))) => other,
        None => return Ok(vm.interp.not_implemented.clone()),
    };
    Ok(Value::Bool(crate::ops::eq(vm, &a, &b)?))
}

/// The (key, value) pairs of the wrapped dict.
fn data_pairs(vm: &mut Vm, this: &Value) -> PyResult<Vec<(Value, Value)>> {
    let data = Value::Obj(data_of(vm, this)?);
    crate::ops::kwargs_pairs(vm, &data)
}

fn defaultdict_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let factory = args.get(1).cloned().unwrap_or(Value::None);
    if !factory.is_none() && !crate::builtins::iteration::is_callable(vm, &factory) {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    let data = vm.new_dict(Dict::new());
    if let Some(init) = args.get(2) {
        crate::ops::dict_update(vm, &data, init, None)?;
    }
    if !kw.is_empty() {
        let extra = crate::ops::dict_from_pairs(vm, kw.to_vec())?;
        crate::ops::dict_update(vm, &data, &extra, None)?;
    }
    set_field(vm, &args[0], "default_factory", factory);
    set_field(vm, &args[0], "_data", data);
    Ok(Value::None)
}

fn defaultdict_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let key = args::method_args(vm, args, 1)?[0].clone();
    let data = data_of(vm, &args[0])?;
    if let Some(v) = crate::ops::dict_get_item(vm, &data, &key)? {
        return Ok(v);
    }
    let factory = field(vm, &args[0], "default_factory").unwrap_or(Value::None);
    if factory.is_none() {
        return Err(vm.key_error(key));
    }
    let v = vm.call(&factory, vec![], vec![])?;
    crate::ops::dict_set_item(vm, &data, key, v.clone())?;
    Ok(v)
}

fn defaultdict_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let factory = field(vm, &args[0], "default_factory").unwrap_or(Value::None);
    let f = crate::ops::repr(vm, &factory)?;
    let data = Value::Obj(data_of(vm, &args[0])?);
    let d = crate::ops::repr(vm, &data)?;
    Ok(Value::str(format!("{}({f}, {d})", vm.type_name(&args[0]))))
}

fn defaultdict_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let class = Value::Obj(vm.type_of(&args[0]));
    let factory = field(vm, &args[0], "default_factory").unwrap_or(Value::None);
    let data = Value::Obj(data_of(vm, &args[0])?);
    vm.call(&class, vec![factory, data], vec![])
}

fn data_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let data = Value::Obj(data_of(vm, &args[0])?);
    if let Some(m) = args.get(1) {
        if field(vm, m, "_data").is_some() {
            let inner = Value::Obj(data_of(vm, m)?);
            crate::ops::dict_update(vm, &data, &inner, None)?;
        } else if matches!(m.payload(), Some(Payload::Dict(_))) || has_keys(vm, m)? {
            crate::ops::dict_update(vm, &data, m, None)?;
        } else {
            for item in crate::ops::collect_iterable(vm, m)? {
                let pair = crate::ops::unpack_exact(vm, &item, 2)?;
                let Some(d) = data.as_obj() else { break };
                crate::ops::dict_set_item(vm, d, pair[0].clone(), pair[1].clone())?;
            }
        }
    }
    if !kw.is_empty() {
        let extra = crate::ops::dict_from_pairs(vm, kw.to_vec())?;
        crate::ops::dict_update(vm, &data, &extra, None)?;
    }
    Ok(Value::None)
}

fn has_keys(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(crate::attr::get_attr_opt(vm, v, &Value::str("keys"))?.is_some())
}

/// Adds `n` to the count of `key`.
fn count_add(vm: &mut Vm, data: &ObjRef, key: Value, n: &Value) -> PyResult<()> {
    let current = crate::ops::dict_get_item(vm, data, &key)?.unwrap_or(Value::Int(0));
    let sum = crate::ops::binary_op(vm, BinaryOperator::Add, &current, n)?;
    crate::ops::dict_set_item(vm, data, key, sum)
}

/// `Counter.update` (`sign` 1) and `Counter.subtract` (`sign` -1).
fn counter_merge(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], sign: i64) -> PyResult<()> {
    require_self(vm, args)?;
    args::count(vm, "update", rest(args), 0, 1)?;
    let data = data_of(vm, &args[0])?;
    let negate = |vm: &mut Vm, v: &Value| -> PyResult<Value> {
        if sign == 1 {
            Ok(v.clone())
        } else {
            crate::ops::binary_op(vm, BinaryOperator::Subtract, &Value::Int(0), v)
        }
    };
    if let Some(source) = args.get(1) {
        let mapping = match field(vm, source, "_data") {
            Some(d) => Some(d),
            None if matches!(source.payload(), Some(Payload::Dict(_))) => Some(source.clone()),
            None => None,
        };
        match mapping {
            Some(m) => {
                for (k, v) in crate::ops::kwargs_pairs(vm, &m)? {
                    let v = negate(vm, &v)?;
                    count_add(vm, &data, k, &v)?;
                }
            }
            None => {
                let one = Value::Int(sign);
                let it = crate::ops::get_iter(vm, source)?;
                while let Some(k) = crate::ops::iter_next(vm, &it)? {
                    count_add(vm, &data, k, &one)?;
                }
            }
        }
    }
    for (k, v) in kw {
        let v = negate(vm, v)?;
        count_add(vm, &data, k.clone(), &v)?;
    }
    Ok(())
}

fn counter_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    set_field(vm, &args[0], "_data", vm.new_dict(Dict::new()));
    counter_merge(vm, args, kw, 1)?;
    Ok(Value::None)
}

fn counter_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    counter_merge(vm, args, kw, 1)?;
    Ok(Value::None)
}

fn counter_subtract(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    counter_merge(vm, args, kw, -1)?;
    Ok(Value::None)
}

fn counter_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let key = args::method_args(vm, args, 1)?[0].clone();
    let data = data_of(vm, &args[0])?;
    Ok(crate::ops::dict_get_item(vm, &data, &key)?.unwrap_or(Value::Int(0)))
}

/// The items sorted by count, largest first (stable: ties keep insertion order).
fn by_count(vm: &mut Vm, this: &Value) -> PyResult<Vec<Value>> {
    let pairs = data_pairs(vm, this)?;
    let mut items: Vec<Value> = pairs
        .into_iter()
        .map(|(k, v)| vm.new_tuple(vec![k, v]))
        .collect();
    let key = crate::call::native_function("count_of", second_item);
    crate::builtins::sorting::sort_values(vm, &mut items, Some(&key), true)?;
    Ok(items)
}

fn second_item(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    match args.first().and_then(|a| a.payload()) {
        Some(Payload::Tuple(t)) if t.len() == 2 => Ok(t[1].clone()),
        _ => Err(vm.type_error("expected a pair")),
    }
}

fn counter_most_common(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::count(vm, "most_common", rest(args), 0, 1)?;
    let mut items = by_count(vm, &args[0])?;
    if let Some(n) = args.get(1).filter(|n| !n.is_none()) {
        let n = args::index_i64(vm, n)?.max(0) as usize;
        items.truncate(n);
    }
    Ok(vm.new_list(items))
}

fn counter_elements(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let mut out = Vec::new();
    for (k, v) in data_pairs(vm, &args[0])? {
        let n = match v {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            _ => 0,
        };
        for _ in 0..n.max(0) {
            out.push(k.clone());
        }
    }
    let list = vm.new_list(out);
    crate::ops::get_iter(vm, &list)
}

fn counter_total(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let mut total = Value::Int(0);
    for (_, v) in data_pairs(vm, &args[0])? {
        total = crate::ops::binary_op(vm, BinaryOperator::Add, &total, &v)?;
    }
    Ok(total)
}

fn counter_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let name = vm.type_name(&args[0]);
    let items = by_count(vm, &args[0])?;
    if items.is_empty() {
        return Ok(Value::str(format!("{name}()")));
    }
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        if let Some(Payload::Tuple(t)) = item.payload() {
            let k = crate::ops::repr(vm, &t[0])?;
            let v = crate::ops::repr(vm, &t[1])?;
            parts.push(format!("{k}: {v}"));
        }
    }
    Ok(Value::str(format!("{name}({{{}}})", parts.join(", "))))
}

fn counter_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let class = Value::Obj(vm.type_of(&args[0]));
    let data = Value::Obj(data_of(vm, &args[0])?);
    vm.call(&class, vec![data], vec![])
}

/// `Counter op Counter`: combines counts and keeps the positive results.
fn counter_combine(vm: &mut Vm, args: &[Value], op: &str) -> PyResult<Value> {
    let other = args::method_args(vm, args, 1)?[0].clone();
    if field(vm, &other, "_data").is_none() {
        return Ok(vm.interp.not_implemented.clone());
    }
    let mine = data_pairs(vm, &args[0])?;
    let theirs = data_pairs(vm, &other)?;
    let class = Value::Obj(vm.type_of(&args[0]));
    let result = vm.call(&class, vec![], vec![])?;
    let data = data_of(vm, &result)?;
    let other_data = data_of(vm, &other)?;
    let self_data = data_of(vm, &args[0])?;
    let zero = Value::Int(0);
    let mut keys: Vec<Value> = mine.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in &theirs {
        if crate::ops::dict_get_item(vm, &self_data, k)?.is_none() {
            keys.push(k.clone());
        }
    }
    for k in keys {
        let a = crate::ops::dict_get_item(vm, &self_data, &k)?.unwrap_or(zero.clone());
        let b = crate::ops::dict_get_item(vm, &other_data, &k)?.unwrap_or(zero.clone());
        let v = match op {
            "+" => crate::ops::binary_op(vm, BinaryOperator::Add, &a, &b)?,
            "-" => crate::ops::binary_op(vm, BinaryOperator::Subtract, &a, &b)?,
            "|" => {
                if crate::ops::less_than(vm, &a, &b)? {
                    b
                } else {
                    a
                }
            }
            _ => {
                if crate::ops::less_than(vm, &a, &b)? {
                    a
                } else {
                    b
                }
            }
        };
        if crate::ops::less_than(vm, &zero, &v)? {
            crate::ops::dict_set_item(vm, &data, k, v)?;
        }
    }
    Ok(result)
}

fn counter_add(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    counter_combine(vm, args, "+")
}

fn counter_sub(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    counter_combine(vm, args, "-")
}

fn counter_or(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    counter_combine(vm, args, "|")
}

fn counter_and(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    counter_combine(vm, args, "&")
}

fn not_hashable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    Err(unhashable(vm, &args[0]))
}

fn unhashable(vm: &Vm, v: &Value) -> PyErr {
    let name = vm.type_name(v);
    // deque and defaultdict are C types in CPython, named with their module.
    let shown = match name.as_str() {
        "deque" | "defaultdict" => format!("collections.{name}"),
        _ => name,
    };
    vm.type_error(format!("unhashable type: '{shown}'"))
}

// ----- OrderedDict -----

fn ordered_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::count(vm, "OrderedDict", rest(args), 0, 1)?;
    set_field(vm, &args[0], "_data", vm.new_dict(Dict::new()));
    data_update(vm, args, kw)
}

fn ordered_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let key = args::method_args(vm, args, 1)?[0].clone();
    let data = data_of(vm, &args[0])?;
    match crate::ops::dict_get_item(vm, &data, &key)? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(key)),
    }
}

fn ordered_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let name = vm.type_name(&args[0]);
    let pairs = data_pairs(vm, &args[0])?;
    if pairs.is_empty() {
        return Ok(Value::str(format!("{name}()")));
    }
    let items: Vec<Value> = pairs
        .into_iter()
        .map(|(k, v)| vm.new_tuple(vec![k, v]))
        .collect();
    let list = vm.new_list(items);
    Ok(Value::str(format!(
        "{name}({})",
        crate::ops::repr(vm, &list)?
    )))
}

fn ordered_move_to_end(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::allowed_kwargs(vm, "move_to_end", kw, &["key", "last"])?;
    let Some(key) = args.get(1).or_else(|| args::kwarg(kw, "key")).cloned() else {
        return Err(vm.type_error("move_to_end() missing required argument 'key' (pos 1)"));
    };
    let last = match args.get(2).or_else(|| args::kwarg(kw, "last")) {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => true,
    };
    let data = data_of(vm, &args[0])?;
    let Some(v) = crate::ops::dict_del_item(vm, &data, &key)? else {
        return Err(vm.key_error(key));
    };
    if last {
        crate::ops::dict_set_item(vm, &data, key, v)?;
    } else {
        let mut pairs = vec![(key, v)];
        pairs.extend(data_pairs(vm, &args[0])?);
        let fresh = crate::ops::dict_from_pairs(vm, pairs)?;
        set_field(vm, &args[0], "_data", fresh);
    }
    Ok(Value::None)
}

fn ordered_popitem(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::allowed_kwargs(vm, "popitem", kw, &["last"])?;
    let last = match args.get(1).or_else(|| args::kwarg(kw, "last")) {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => true,
    };
    let pairs = data_pairs(vm, &args[0])?;
    let pair = if last { pairs.last() } else { pairs.first() };
    let Some((k, v)) = pair.cloned() else {
        return Err(vm.key_error(Value::str("dictionary is empty")));
    };
    let data = data_of(vm, &args[0])?;
    crate::ops::dict_del_item(vm, &data, &k)?;
    Ok(vm.new_tuple(vec![k, v]))
}

fn ordered_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 0)?;
    let class = Value::Obj(vm.type_of(&args[0]));
    let data = Value::Obj(data_of(vm, &args[0])?);
    vm.call(&class, vec![data], vec![])
}

/// Builds `collections`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("collections");
    add_fn(vm, &m, "namedtuple", namedtuple);
    let deque_methods: [(&'static str, NativeFn); 29] = [
        ("__init__", deque_init),
        ("append", deque_append),
        ("appendleft", deque_appendleft),
        ("pop", deque_pop),
        ("popleft", deque_popleft),
        ("extend", deque_extend),
        ("extendleft", deque_extendleft),
        ("rotate", deque_rotate),
        ("clear", deque_clear),
        ("copy", deque_copy),
        ("count", deque_count),
        ("index", deque_index),
        ("remove", deque_remove),
        ("insert", deque_insert),
        ("reverse", deque_reverse),
        ("__len__", deque_len),
        ("__iter__", deque_iter),
        ("__reversed__", deque_reversed),
        ("__getitem__", deque_getitem),
        ("__setitem__", deque_setitem),
        ("__delitem__", deque_delitem),
        ("__contains__", deque_contains),
        ("__repr__", deque_repr),
        ("__eq__", deque_eq),
        ("__add__", deque_add),
        ("__iadd__", deque_iadd),
        ("__copy__", deque_copy),
        ("__hash__", not_hashable),
        ("__bool__", deque_bool),
    ];
    let deque = new_class(vm, "collections", "deque", &deque_methods);
    set_attr(vm, &m, "deque", Value::Obj(deque));
    let shared: [(&'static str, NativeFn); 15] = [
        ("keys", data_keys),
        ("values", data_values),
        ("items", data_items),
        ("get", data_get),
        ("pop", data_pop),
        ("popitem", data_popitem),
        ("setdefault", data_setdefault),
        ("clear", data_clear),
        ("update", data_update),
        ("__len__", data_len),
        ("__iter__", data_iter),
        ("__contains__", data_contains),
        ("__setitem__", data_setitem),
        ("__delitem__", data_delitem),
        ("__eq__", data_eq),
    ];
    let mut dd_methods: Vec<(&'static str, NativeFn)> = shared.to_vec();
    dd_methods.extend([
        ("__init__", defaultdict_init as NativeFn),
        ("__getitem__", defaultdict_getitem),
        ("__missing__", defaultdict_getitem),
        ("__repr__", defaultdict_repr),
        ("copy", defaultdict_copy),
        ("__hash__", not_hashable),
    ]);
    let dd = new_class(vm, "collections", "defaultdict", &dd_methods);
    set_attr(vm, &m, "defaultdict", Value::Obj(dd));
    let mut counter_methods: Vec<(&'static str, NativeFn)> = shared.to_vec();
    counter_methods.extend([
        ("__init__", counter_init as NativeFn),
        ("update", counter_update),
        ("subtract", counter_subtract),
        ("__getitem__", counter_getitem),
        ("most_common", counter_most_common),
        ("elements", counter_elements),
        ("total", counter_total),
        ("__repr__", counter_repr),
        ("copy", counter_copy),
        ("__add__", counter_add),
        ("__sub__", counter_sub),
        ("__or__", counter_or),
        ("__and__", counter_and),
        ("__hash__", not_hashable),
    ]);
    let counter = new_class(vm, "collections", "Counter", &counter_methods);
    set_attr(vm, &m, "Counter", Value::Obj(counter));
    let mut ordered_methods: Vec<(&'static str, NativeFn)> = shared.to_vec();
    ordered_methods.extend([
        ("__init__", ordered_init as NativeFn),
        ("__getitem__", ordered_getitem),
        ("__repr__", ordered_repr),
        ("move_to_end", ordered_move_to_end),
        ("popitem", ordered_popitem),
        ("copy", ordered_copy),
        ("__hash__", not_hashable),
    ]);
    let ordered = new_class(vm, "collections", "OrderedDict", &ordered_methods);
    set_attr(vm, &m, "OrderedDict", Value::Obj(ordered));
    m
}

fn deque_bool(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let n = deque_len(vm, args, kw)?;
    Ok(Value::Bool(!matches!(n, Value::Int(0))))
}
