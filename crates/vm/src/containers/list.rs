//! `list`: subscripts (index, slice, extended slice; assignment and deletion), `+`,
//! `*`, `+=`, `*=`, repr, and the methods. Elements that must be compared are cloned
//! out of the borrow first, since their `__eq__` may change the list.

use super::arguments::{bind, clinic_arity, descriptor_error, no_args, no_kwargs, one_arg};
use super::iterators::collect_or;
use super::sequence::{self, Seq};
use super::slice::{slice_range, subscript, to_index, Subscript};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::{GilCell, Payload, SliceObj};
use crate::value::Value;
use crate::vm::Vm;

type Items = GilCell<Vec<Value>>;

/// The storage of a list value.
fn items_of(v: &Value) -> Option<&Items> {
    match v.payload()? {
        Payload::List(l) => Some(l),
        _ => None,
    }
}

/// `self` of a list method.
fn this<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a Items> {
    match args.first() {
        Some(v) => items_of(v).ok_or_else(|| descriptor_error(vm, "list", method, Some(v))),
        None => Err(descriptor_error(vm, "list", method, None)),
    }
}

/// Writes to a list, or raises when something (a sort in progress) holds it.
fn write<'a>(vm: &Vm, l: &'a Items) -> PyResult<std::cell::RefMut<'a, Vec<Value>>> {
    l.try_borrow_mut(vm.gil)
        .ok_or_else(|| vm.runtime_error("list changed while being read"))
}

/// Releases removed items last to first, the order CPython's list code uses (it
/// shows in the order `__del__` methods run).
fn release_reversed(items: Vec<Value>) {
    for v in items.into_iter().rev() {
        drop(v);
    }
}

/// `l[key]`.
pub fn get_item(vm: &mut Vm, l: &Items, key: &Value) -> PyResult<Value> {
    if let Value::Int(i) = key {
        let items = l.borrow(vm.gil);
        let n = items.len() as i64;
        let j = if *i < 0 { *i + n } else { *i };
        if j >= 0 && j < n {
            return Ok(items[j as usize].clone());
        }
        drop(items);
        return Err(vm.index_error("list index out of range"));
    }
    let len = l.borrow(vm.gil).len();
    match subscript(vm, key, len, "list")? {
        Subscript::Index(i) => l
            .borrow(vm.gil)
            .get(i)
            .cloned()
            .ok_or_else(|| vm.index_error("list index out of range")),
        Subscript::Slice(r) => {
            let items = super::slice::take(&l.borrow(vm.gil), &r);
            Ok(vm.new_list(items))
        }
    }
}

/// `l[key] = value`.
pub fn set_item(vm: &mut Vm, l: &Items, key: &Value, value: &Value) -> PyResult<()> {
    if let Some(Payload::Slice(s)) = key.payload() {
        return assign_slice(vm, l, s, value);
    }
    let Some(i) = to_index(vm, key)? else {
        return Err(vm.type_error(format!(
            "list indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    };
    let mut items = write(vm, l)?;
    let Some(j) = super::slice::resolve_index(i, items.len()) else {
        drop(items);
        return Err(vm.index_error("list assignment index out of range"));
    };
    let old = std::mem::replace(&mut items[j], value.clone());
    drop(items);
    drop(old);
    Ok(())
}

fn assign_slice(vm: &mut Vm, l: &Items, s: &SliceObj, value: &Value) -> PyResult<()> {
    let len = l.borrow(vm.gil).len();
    let r = slice_range(vm, s, len)?;
    let msg = if r.step == 1 {
        "can only assign an iterable"
    } else {
        "must assign iterable to extended slice"
    };
    let new_items = collect_or(vm, value, msg)?;
    if r.step == 1 {
        let mut items = write(vm, l)?;
        let n = items.len();
        let start = (r.start.max(0) as usize).min(n);
        let stop = (r.stop.max(r.start).max(0) as usize).clamp(start, n);
        let removed: Vec<Value> = items.splice(start..stop, new_items).collect();
        drop(items);
        release_reversed(removed);
        return Ok(());
    }
    if new_items.len() != r.len {
        return Err(vm.value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new_items.len(),
            r.len
        )));
    }
    let mut items = write(vm, l)?;
    let mut old = Vec::with_capacity(r.len);
    for (i, v) in r.indices().zip(new_items) {
        if let Some(slot) = items.get_mut(i) {
            old.push(std::mem::replace(slot, v));
        }
    }
    drop(items);
    drop(old);
    Ok(())
}

/// `del l[key]`.
pub fn del_item(vm: &mut Vm, l: &Items, key: &Value) -> PyResult<()> {
    if let Some(Payload::Slice(s)) = key.payload() {
        let len = l.borrow(vm.gil).len();
        let r = slice_range(vm, s, len)?;
        let mut items = write(vm, l)?;
        if r.step == 1 {
            let n = items.len();
            let start = (r.start.max(0) as usize).min(n);
            let stop = (start + r.len).min(n);
            let removed: Vec<Value> = items.drain(start..stop).collect();
            drop(items);
            release_reversed(removed);
            return Ok(());
        }
        let removed: Vec<Value> = {
            let mut doomed = vec![false; items.len()];
            for i in r.indices() {
                if let Some(d) = doomed.get_mut(i) {
                    *d = true;
                }
            }
            let old = std::mem::take(&mut *items);
            let mut removed = Vec::with_capacity(r.len);
            for (v, d) in old.into_iter().zip(doomed) {
                if d {
                    removed.push(v);
                } else {
                    items.push(v);
                }
            }
            removed
        };
        drop(items);
        drop(removed);
        return Ok(());
    }
    let Some(i) = to_index(vm, key)? else {
        return Err(vm.type_error(format!(
            "list indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    };
    let mut items = write(vm, l)?;
    let Some(j) = super::slice::resolve_index(i, items.len()) else {
        drop(items);
        return Err(vm.index_error("list assignment index out of range"));
    };
    let old = items.remove(j);
    drop(items);
    drop(old);
    Ok(())
}

/// `a + b` for two lists.
pub fn concat(vm: &Vm, a: &Items, b: &Items) -> Value {
    let mut out = a.borrow(vm.gil).clone();
    out.extend_from_slice(&b.borrow(vm.gil));
    vm.new_list(out)
}

/// `l * n`.
pub fn repeat(vm: &Vm, l: &Items, n: usize) -> PyResult<Value> {
    let items = l.borrow(vm.gil).clone();
    let out = sequence::repeat(vm, &items, n)?;
    Ok(vm.new_list(out))
}

/// `l += iterable`: extends in place.
pub fn extend_in_place(vm: &mut Vm, l: &Items, iterable: &Value) -> PyResult<()> {
    let new_items = super::iterators::collect(vm, iterable)?;
    write(vm, l)?.extend(new_items);
    Ok(())
}

/// `l *= n`: repeats in place.
pub fn repeat_in_place(vm: &mut Vm, l: &Items, n: usize) -> PyResult<()> {
    let items = l.borrow(vm.gil).clone();
    let out = sequence::repeat(vm, &items, n)?;
    let old = std::mem::replace(&mut *write(vm, l)?, out);
    release_reversed(old);
    Ok(())
}

/// `repr(l)`: `[1, 2]`, `[...]` for a list inside itself.
pub fn repr(vm: &mut Vm, this: &Value, l: &Items) -> PyResult<String> {
    if l.borrow(vm.gil).is_empty() {
        return Ok("[]".into());
    }
    let o = match this.as_obj() {
        Some(o) => o.clone(),
        None => return Ok("[]".into()),
    };
    super::repr::guarded(vm, &o, "[...]", |vm| {
        let mut out = String::from("[");
        let mut i = 0;
        loop {
            let Some(item) = l.borrow(vm.gil).get(i).cloned() else {
                break;
            };
            if i > 0 {
                out.push_str(", ");
            }
            super::repr::push_repr(vm, &mut out, &item)?;
            i += 1;
        }
        out.push(']');
        Ok(out)
    })
}

/// `list(iterable=())`.
fn list_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list", kwargs)?;
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "list", rest.len(), 0, 1)?;
    let items = match rest.first() {
        Some(src) => super::iterators::collect(vm, src)?,
        None => Vec::new(),
    };
    Ok(vm.new_list(items))
}

fn list_append(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "append")?;
    let x = one_arg(vm, "list.append", args, kwargs)?;
    write(vm, l)?.push(x.clone());
    Ok(Value::None)
}

fn list_extend(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "extend")?;
    let x = one_arg(vm, "list.extend", args, kwargs)?;
    extend_in_place(vm, l, x)?;
    Ok(Value::None)
}

fn list_insert(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "insert")?;
    no_kwargs(vm, "list.insert", kwargs)?;
    clinic_arity(vm, "insert", args.len() - 1, 2, 2)?;
    let i = super::slice::int_arg(vm, &args[1])?;
    let mut items = write(vm, l)?;
    let n = items.len() as i64;
    let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(pos as usize, args[2].clone());
    Ok(Value::None)
}

fn list_remove(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "remove")?;
    let x = one_arg(vm, "list.remove", args, kwargs)?;
    let len = l.borrow(vm.gil).len();
    match sequence::index_of(vm, Seq::List(l), x, 0, len)? {
        Some(i) => {
            let mut items = write(vm, l)?;
            if i < items.len() {
                let old = items.remove(i);
                drop(items);
                drop(old);
            }
            Ok(Value::None)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn list_pop(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "pop")?;
    no_kwargs(vm, "list.pop", kwargs)?;
    clinic_arity(vm, "pop", args.len() - 1, 0, 1)?;
    let index = match args.get(1) {
        Some(i) => Some(super::slice::int_arg(vm, i)?),
        None => None,
    };
    let mut items = write(vm, l)?;
    if items.is_empty() {
        drop(items);
        return Err(vm.index_error("pop from empty list"));
    }
    match index {
        None => Ok(items.pop().unwrap_or(Value::None)),
        Some(i) => match super::slice::resolve_index(i as i128, items.len()) {
            Some(j) => Ok(items.remove(j)),
            None => {
                drop(items);
                Err(vm.index_error("pop index out of range"))
            }
        },
    }
}

fn list_clear(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "clear")?;
    no_args(vm, "list.clear", args, kwargs)?;
    let old = std::mem::take(&mut *write(vm, l)?);
    release_reversed(old);
    Ok(Value::None)
}

fn list_index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "index")?;
    no_kwargs(vm, "list.index", kwargs)?;
    clinic_arity(vm, "index", args.len() - 1, 1, 3)?;
    let len = l.borrow(vm.gil).len();
    let (start, stop) = sequence::search_bounds(vm, args.get(2), args.get(3), len)?;
    match sequence::index_of(vm, Seq::List(l), &args[1], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let shown = crate::ops::repr(vm, &args[1])?;
            Err(vm.value_error(format!("{shown} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "count")?;
    let x = one_arg(vm, "list.count", args, kwargs)?;
    Ok(Value::Int(sequence::count(vm, Seq::List(l), x)? as i64))
}

fn list_reverse(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "reverse")?;
    no_args(vm, "list.reverse", args, kwargs)?;
    write(vm, l)?.reverse();
    Ok(Value::None)
}

fn list_copy(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "copy")?;
    no_args(vm, "list.copy", args, kwargs)?;
    let items = l.borrow(vm.gil).clone();
    Ok(vm.new_list(items))
}

/// `list.sort(*, key=None, reverse=False)`: stable; while it runs the list looks
/// empty to Python code, and changing it raises `ValueError: list modified during
/// sort`, as in CPython.
fn list_sort(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let l = this(vm, args, "sort")?;
    let [key, reverse] = bind(vm, "sort", &args[1..], kwargs, ["key", "reverse"], 0)?;
    let reverse = match reverse {
        Some(r) => crate::ops::truthy(vm, &r)?,
        None => false,
    };
    let mut items = std::mem::take(&mut *write(vm, l)?);
    let key = key.filter(|k| !k.is_none());
    let result = crate::builtins::sorting::sort_values(vm, &mut items, key.as_ref(), reverse);
    let added = match l.try_borrow_mut(vm.gil) {
        Some(mut slot) => std::mem::replace(&mut *slot, items),
        None => items,
    };
    let modified = !added.is_empty();
    drop(added);
    result?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn list_reversed(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(vm, args, "__reversed__")?;
    no_args(vm, "list.__reversed__", args, kwargs)?;
    super::iterators::reversed_of(vm, &args[0])
}

/// Installs the list constructor and methods.
pub fn register(vm: &Vm) {
    let c = vm.types().list.clone();
    add_staticmethod(vm, &c, "__new__", list_new);
    let methods: &[(&'static str, crate::types::function::NativeFn)] = &[
        ("append", list_append),
        ("extend", list_extend),
        ("insert", list_insert),
        ("remove", list_remove),
        ("pop", list_pop),
        ("clear", list_clear),
        ("index", list_index),
        ("count", list_count),
        ("reverse", list_reverse),
        ("copy", list_copy),
        ("sort", list_sort),
        ("__reversed__", list_reversed),
    ];
    for &(name, f) in methods {
        add_method(vm, &c, name, f);
    }
}
