//! The built-in iterators: `iter()` of every container, advancing each `IterState`
//! variant, the `enumerate`/`zip`/`map`/`filter`/`reversed` types, and the
//! `__iter__`/`__next__` methods of iterator objects.
//!
//! Conventions this file owns: a `Seq` iterator over a `str` keeps a byte offset in
//! `pos` (so non-ASCII text iterates in linear time); `Reversed` over a `str` keeps
//! the byte offset just past the next character in `next`.
//!
//! Variants that only read containers advance under the iterator's borrow. Variants
//! that run Python code (`map`, `filter`, `zip`, `enumerate`, the sequence protocol)
//! move their state out of the cell for the duration of the call and put it back
//! after, so no borrow is held while Python runs.

use super::arguments::{bind, clinic_arity, no_kwargs};
use crate::bootstrap::{add_method, add_staticmethod, set_global};
use crate::error::{PyErr, PyResult};
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::iter::{DictPart, IterState};
use crate::value::Value;
use crate::vm::Vm;

/// Wraps an iterator state in a new iterator object.
#[inline]
pub fn new_iter(state: IterState) -> Value {
    Value::new_obj(Payload::Iterator(GilCell::new(state)))
}

/// A dict iterator positioned at the start.
pub fn dict_iter(vm: &Vm, dict: &ObjRef, part: DictPart) -> Value {
    let (len, version) = match dict.payload() {
        Payload::Dict(d) => {
            let d = d.borrow(vm.gil);
            (d.len(), d.layout_version())
        }
        _ => (0, 0),
    };
    new_iter(IterState::Dict {
        dict: dict.clone(),
        part,
        pos: 0,
        len,
        version,
    })
}

/// `iter(v)` for the built-in containers; `None` for anything else.
pub fn get_iter(vm: &mut Vm, v: &Value) -> Option<PyResult<Value>> {
    let o = v.as_obj()?;
    let state = match o.payload() {
        Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Bytes(_) => {
            IterState::Seq {
                seq: v.clone(),
                pos: 0,
            }
        }
        Payload::Range(r) => IterState::Range {
            next: r.start,
            step: r.step,
            remaining: r.len(),
        },
        Payload::Dict(_) => return Some(Ok(dict_iter(vm, o, DictPart::Keys))),
        Payload::DictView(d, part) => return Some(Ok(dict_iter(vm, d, *part))),
        Payload::Set(s) => {
            let s = s.borrow(vm.gil);
            IterState::Set {
                set: o.clone(),
                pos: 0,
                len: s.len(),
                version: s.layout_version(),
            }
        }
        Payload::FrozenSet(s) => IterState::Set {
            set: o.clone(),
            pos: 0,
            len: s.len(),
            version: s.layout_version(),
        },
        _ => return None,
    };
    Some(Ok(new_iter(state)))
}

/// The items of a built-in iterable whose contents can be read without running
/// Python code (`list(range(n))`, `tuple("abc")`); `None` for anything else.
pub fn fast_items(vm: &Vm, iterable: &Value) -> Option<Vec<Value>> {
    Some(match iterable.payload()? {
        Payload::List(l) => l.borrow(vm.gil).clone(),
        Payload::Tuple(t) => t.to_vec(),
        Payload::Range(r) => {
            let (start, step) = (r.start, r.step);
            (0..r.len())
                .map(|k| Value::Int(start.wrapping_add(k.wrapping_mul(step))))
                .collect()
        }
        Payload::Str(s) => s.as_str().chars().map(super::str_ops::char_value).collect(),
        Payload::Dict(d) => d.borrow(vm.gil).iter().map(|e| e.key.clone()).collect(),
        _ => return None,
    })
}

/// All the items of an iterable (fast paths for the built-in containers).
pub fn collect(vm: &mut Vm, iterable: &Value) -> PyResult<Vec<Value>> {
    match fast_items(vm, iterable) {
        Some(items) => Ok(items),
        None => crate::ops::collect_iterable(vm, iterable),
    }
}

/// All the items of an iterable, or a TypeError with `msg` when it is not iterable.
pub fn collect_or(vm: &mut Vm, iterable: &Value, msg: &str) -> PyResult<Vec<Value>> {
    if let Some(items) = fast_items(vm, iterable) {
        return Ok(items);
    }
    let it = match crate::ops::get_iter(vm, iterable) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.interp.exc.type_error.clone()) => {
            return Err(vm.type_error(msg))
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = crate::ops::iter_next(vm, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// What one step of a read-only iterator produced.
enum Step {
    Item(Value),
    Done,
    Fail(PyErr),
}

fn seq_step(vm: &Vm, seq: &Value, pos: &mut usize) -> Step {
    let Some(p) = seq.payload() else {
        return Step::Done;
    };
    match p {
        Payload::List(l) => match l.borrow(vm.gil).get(*pos) {
            Some(v) => {
                *pos += 1;
                Step::Item(v.clone())
            }
            None => Step::Done,
        },
        Payload::Tuple(t) => match t.get(*pos) {
            Some(v) => {
                *pos += 1;
                Step::Item(v.clone())
            }
            None => Step::Done,
        },
        Payload::Str(s) => {
            let text = s.as_str();
            match text.as_bytes().get(*pos) {
                None => Step::Done,
                Some(&b) if b < 0x80 => {
                    *pos += 1;
                    Step::Item(super::str_ops::char_value(b as char))
                }
                Some(_) => match text.get(*pos..).and_then(|t| t.chars().next()) {
                    Some(c) => {
                        *pos += c.len_utf8();
                        Step::Item(super::str_ops::char_value(c))
                    }
                    None => Step::Done,
                },
            }
        }
        Payload::Bytes(b) => match b.get(*pos) {
            Some(&x) => {
                *pos += 1;
                Step::Item(Value::Int(x as i64))
            }
            None => Step::Done,
        },
        _ => Step::Done,
    }
}

fn dict_step(
    vm: &Vm,
    dict: &ObjRef,
    part: DictPart,
    pos: &mut usize,
    len: usize,
    version: u32,
) -> Step {
    let Payload::Dict(cell) = dict.payload() else {
        return Step::Done;
    };
    let Some(d) = cell.try_borrow(vm.gil) else {
        return Step::Fail(vm.runtime_error("dictionary changed size during iteration"));
    };
    if d.len() != len {
        return Step::Fail(vm.runtime_error("dictionary changed size during iteration"));
    }
    if d.layout_version() != version {
        return Step::Fail(vm.runtime_error("dictionary keys changed during iteration"));
    }
    while *pos < d.slot_count() {
        let p = *pos;
        *pos += 1;
        if let Some(e) = d.entry_at(p) {
            return Step::Item(match part {
                DictPart::Keys => e.key.clone(),
                DictPart::Values => e.value.clone(),
                DictPart::Items => vm.new_tuple(vec![e.key.clone(), e.value.clone()]),
            });
        }
    }
    Step::Done
}

fn set_step(vm: &Vm, set: &ObjRef, pos: &mut usize, len: usize, version: u32) -> Step {
    let scan = |data: &crate::types::set::SetData, pos: &mut usize| -> Step {
        if data.len() != len || data.layout_version() != version {
            return Step::Fail(vm.runtime_error("Set changed size during iteration"));
        }
        while *pos < data.slot_count() {
            let p = *pos;
            *pos += 1;
            if let Some(k) = data.entry_at(p) {
                return Step::Item(k.clone());
            }
        }
        Step::Done
    };
    match set.payload() {
        Payload::Set(cell) => match cell.try_borrow(vm.gil) {
            Some(data) => scan(&data, pos),
            None => Step::Fail(vm.runtime_error("Set changed size during iteration")),
        },
        Payload::FrozenSet(data) => scan(data, pos),
        _ => Step::Done,
    }
}

/// One step of `reversed()` over a built-in sequence; `None` when the sequence is
/// not built in (the sequence protocol must call Python).
fn reversed_step(vm: &Vm, seq: &Value, next: &mut isize) -> Option<Step> {
    if *next < 0 {
        return Some(Step::Done);
    }
    let i = *next as usize;
    let step = match seq.payload()? {
        Payload::List(l) => match l.borrow(vm.gil).get(i) {
            Some(v) => Step::Item(v.clone()),
            None => Step::Done,
        },
        Payload::Tuple(t) => match t.get(i) {
            Some(v) => Step::Item(v.clone()),
            None => Step::Done,
        },
        Payload::Str(s) => {
            let text = s.as_str();
            match text.get(..i).and_then(|t| t.chars().next_back()) {
                Some(c) => {
                    *next -= c.len_utf8() as isize;
                    return Some(Step::Item(super::str_ops::char_value(c)));
                }
                None => Step::Done,
            }
        }
        Payload::Bytes(b) => match b.get(i) {
            Some(&x) => Step::Item(Value::Int(x as i64)),
            None => Step::Done,
        },
        _ => return None,
    };
    if matches!(step, Step::Item(_)) {
        *next -= 1;
    }
    Some(step)
}

/// Advances a built-in iterator: `Some(value)`, or `None` once exhausted.
pub fn iter_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<Value>> {
    let Payload::Iterator(cell) = it.payload() else {
        return Ok(None);
    };
    let Some(mut st) = cell.try_borrow_mut(vm.gil) else {
        return Err(vm.value_error("generator already executing"));
    };
    let step = match &mut *st {
        IterState::Range {
            next,
            step,
            remaining,
        } => {
            if *remaining <= 0 {
                return Ok(None);
            }
            let v = *next;
            *next = next.wrapping_add(*step);
            *remaining -= 1;
            return Ok(Some(Value::Int(v)));
        }
        IterState::Seq { seq, pos } => seq_step(vm, seq, pos),
        IterState::Dict {
            dict,
            part,
            pos,
            len,
            version,
        } => dict_step(vm, dict, *part, pos, *len, *version),
        IterState::Set {
            set,
            pos,
            len,
            version,
        } => set_step(vm, set, pos, *len, *version),
        IterState::Reversed { seq, next } => match reversed_step(vm, seq, next) {
            Some(step) => step,
            None => {
                drop(st);
                return advance_calling(vm, cell);
            }
        },
        IterState::Exhausted => return Ok(None),
        _ => {
            drop(st);
            return advance_calling(vm, cell);
        }
    };
    match step {
        Step::Item(v) => Ok(Some(v)),
        Step::Done => {
            *st = IterState::Exhausted;
            Ok(None)
        }
        Step::Fail(e) => {
            *st = IterState::Exhausted;
            Err(e)
        }
    }
}

/// Advances the variants that call Python: the state is moved out of the cell while
/// the calls run, then stored back.
fn advance_calling(vm: &mut Vm, cell: &GilCell<IterState>) -> PyResult<Option<Value>> {
    let state = std::mem::replace(&mut *cell.borrow_mut(vm.gil), IterState::Exhausted);
    let (result, state) = advance_state(vm, state);
    if let Some(mut slot) = cell.try_borrow_mut(vm.gil) {
        let old = std::mem::replace(&mut *slot, state);
        drop(slot);
        drop(old);
    }
    result
}

/// True for the errors that end the sequence protocol.
fn ends_sequence(vm: &Vm, e: &PyErr) -> bool {
    vm.err_matches(e, &vm.interp.exc.index_error)
        || vm.err_matches(e, &vm.interp.exc.stop_iteration)
}

fn advance_state(vm: &mut Vm, state: IterState) -> (PyResult<Option<Value>>, IterState) {
    match state {
        IterState::Enumerate { inner, count } => match crate::ops::iter_next(vm, &inner) {
            Ok(Some(v)) => {
                let item = vm.new_tuple(vec![Value::Int(count), v]);
                let count = count.wrapping_add(1);
                (Ok(Some(item)), IterState::Enumerate { inner, count })
            }
            Ok(None) => (Ok(None), IterState::Exhausted),
            Err(e) => (Err(e), IterState::Enumerate { inner, count }),
        },
        IterState::Zip { inners, strict } => {
            if inners.is_empty() {
                return (Ok(None), IterState::Exhausted);
            }
            let mut items = Vec::with_capacity(inners.len());
            for (i, inner) in inners.iter().enumerate() {
                match crate::ops::iter_next(vm, inner) {
                    Ok(Some(v)) => items.push(v),
                    Ok(None) if strict => {
                        return (zip_length_mismatch(vm, &inners, i), IterState::Exhausted)
                    }
                    Ok(None) => return (Ok(None), IterState::Exhausted),
                    Err(e) => return (Err(e), IterState::Zip { inners, strict }),
                }
            }
            (
                Ok(Some(vm.new_tuple(items))),
                IterState::Zip { inners, strict },
            )
        }
        IterState::Map { func, inners } => {
            let mut args = Vec::with_capacity(inners.len());
            for inner in &inners {
                match crate::ops::iter_next(vm, inner) {
                    Ok(Some(v)) => args.push(v),
                    Ok(None) => return (Ok(None), IterState::Exhausted),
                    Err(e) => return (Err(e), IterState::Map { func, inners }),
                }
            }
            let r = vm.call(&func, args, vec![]).map(Some);
            (r, IterState::Map { func, inners })
        }
        IterState::Filter { func, inner } => loop {
            let item = match crate::ops::iter_next(vm, &inner) {
                Ok(Some(v)) => v,
                Ok(None) => return (Ok(None), IterState::Exhausted),
                Err(e) => return (Err(e), IterState::Filter { func, inner }),
            };
            let keep = if func.is_none() || func.is(&Value::Obj(vm.types().bool_.clone())) {
                crate::ops::truthy(vm, &item)
            } else {
                vm.call(&func, vec![item.clone()], vec![])
                    .and_then(|r| crate::ops::truthy(vm, &r))
            };
            match keep {
                Ok(true) => return (Ok(Some(item)), IterState::Filter { func, inner }),
                Ok(false) => continue,
                Err(e) => return (Err(e), IterState::Filter { func, inner }),
            }
        },
        IterState::GetItem { obj, index } => {
            match crate::ops::get_item(vm, &obj, &Value::Int(index)) {
                Ok(v) => (
                    Ok(Some(v)),
                    IterState::GetItem {
                        obj,
                        index: index + 1,
                    },
                ),
                Err(e) if ends_sequence(vm, &e) => (Ok(None), IterState::Exhausted),
                Err(e) => (Err(e), IterState::GetItem { obj, index }),
            }
        }
        IterState::Reversed { seq, next } => {
            if next < 0 {
                return (Ok(None), IterState::Exhausted);
            }
            match crate::ops::get_item(vm, &seq, &Value::Int(next as i64)) {
                Ok(v) => (
                    Ok(Some(v)),
                    IterState::Reversed {
                        seq,
                        next: next - 1,
                    },
                ),
                Err(e) if ends_sequence(vm, &e) => (Ok(None), IterState::Exhausted),
                Err(e) => (Err(e), IterState::Reversed { seq, next }),
            }
        }
        IterState::Callable { func, sentinel } => {
            match crate::builtins::iteration::callable_iter_next(vm, &func, &sentinel) {
                Ok(Some(v)) => (Ok(Some(v)), IterState::Callable { func, sentinel }),
                Ok(None) => (Ok(None), IterState::Exhausted),
                Err(e) => (Err(e), IterState::Callable { func, sentinel }),
            }
        }
        other => (Ok(None), other),
    }
}

/// The iterator of an argument, with CPython's "not iterable" error.
fn iter_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    crate::ops::get_iter(vm, v)
}

/// `enumerate(iterable, start=0)`.
fn enumerate_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let rest = args.get(1..).unwrap_or(&[]);
    let [iterable, start] = bind(vm, "enumerate", rest, kwargs, ["iterable", "start"], 2)?;
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let count = match start {
        Some(s) => super::slice::int_arg(vm, &s)?,
        None => 0,
    };
    let inner = iter_of(vm, &iterable)?;
    Ok(new_iter(IterState::Enumerate { inner, count }))
}

/// `zip(*iterables, strict=False)`.
fn zip_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    for (k, _) in kwargs {
        let key = k.as_str().unwrap_or("");
        if key != "strict" {
            return Err(vm.type_error(format!("'{key}' is an invalid keyword argument for zip()")));
        }
    }
    let mut strict = false;
    for (_, v) in kwargs {
        strict = crate::ops::truthy(vm, v)?;
    }
    let mut inners = Vec::with_capacity(args.len().saturating_sub(1));
    for a in args.get(1..).unwrap_or(&[]) {
        inners.push(iter_of(vm, a)?);
    }
    Ok(new_iter(IterState::Zip { inners, strict }))
}

/// `map(func, *iterables)`.
fn map_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "map", kwargs)?;
    if args.len() < 3 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = args[1].clone();
    let mut inners = Vec::with_capacity(args.len() - 2);
    for a in &args[2..] {
        inners.push(iter_of(vm, a)?);
    }
    Ok(new_iter(IterState::Map { func, inners }))
}

/// `filter(function_or_None, iterable)`.
fn filter_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "filter", kwargs)?;
    clinic_arity(vm, "filter", args.len().saturating_sub(1), 2, 2)?;
    let inner = iter_of(vm, &args[2])?;
    Ok(new_iter(IterState::Filter {
        func: args[1].clone(),
        inner,
    }))
}

/// `reversed(sequence)`.
fn reversed_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "reversed", kwargs)?;
    clinic_arity(vm, "reversed", args.len().saturating_sub(1), 1, 1)?;
    reversed_of(vm, &args[1])
}

/// A reverse iterator over `seq`.
pub fn reversed_of(vm: &mut Vm, seq: &Value) -> PyResult<Value> {
    let not_reversible =
        |vm: &Vm| vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq)));
    let Some(p) = seq.payload() else {
        return Err(not_reversible(vm));
    };
    let next = match p {
        Payload::List(l) => l.borrow(vm.gil).len() as isize - 1,
        Payload::Tuple(t) => t.len() as isize - 1,
        Payload::Str(s) => s.as_str().len() as isize,
        Payload::Bytes(b) => b.len() as isize - 1,
        Payload::Range(r) => {
            let n = r.len();
            let last = r.start.wrapping_add((n - 1).wrapping_mul(r.step));
            return Ok(new_iter(IterState::Range {
                next: last,
                step: r.step.wrapping_neg(),
                remaining: n,
            }));
        }
        Payload::Dict(_) | Payload::DictView(..) => {
            let items = super::dict::items_of(vm, seq);
            let next = items.len() as isize - 1;
            return Ok(new_iter(IterState::Reversed {
                seq: vm.new_list(items),
                next,
            }));
        }
        Payload::Instance(_) => {
            if let Some(r) = crate::ops::call_dunder(vm, seq, "__reversed__", vec![])? {
                return Ok(r);
            }
            let class = vm.type_of(seq);
            let has =
                |vm: &Vm, name: &Value| crate::attr::lookup_type_attr(vm, &class, name).is_some();
            if !has(vm, &vm.interp.names.len) || !has(vm, &vm.interp.names.getitem) {
                return Err(not_reversible(vm));
            }
            crate::ops::len(vm, seq)? as isize - 1
        }
        _ => return Err(not_reversible(vm)),
    };
    Ok(new_iter(IterState::Reversed {
        seq: seq.clone(),
        next,
    }))
}

/// `iterator.__iter__()`: the iterator itself.
fn iter_self(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    super::arguments::no_args(vm, "__iter__", args, kwargs)?;
    Ok(args[0].clone())
}

/// `iterator.__next__()`.
fn iter_dunder_next(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    super::arguments::no_args(vm, "__next__", args, kwargs)?;
    match crate::ops::iter_next(vm, &args[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

/// `iter(x).__length_hint__()` for the position-based iterators.
fn length_hint(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    super::arguments::no_args(vm, "__length_hint__", args, kwargs)?;
    let Some(Payload::Iterator(cell)) = args[0].payload() else {
        return Ok(Value::Int(0));
    };
    let n = match &*cell.borrow(vm.gil) {
        IterState::Range { remaining, .. } => *remaining,
        IterState::Seq { seq, pos } => match seq.payload() {
            Some(Payload::List(l)) => l.borrow(vm.gil).len().saturating_sub(*pos) as i64,
            Some(Payload::Tuple(t)) => t.len().saturating_sub(*pos) as i64,
            Some(Payload::Bytes(b)) => b.len().saturating_sub(*pos) as i64,
            Some(Payload::Str(s)) => s.as_str().get(*pos..).map_or(0, |t| t.chars().count()) as i64,
            _ => 0,
        },
        IterState::Reversed { seq, next } => match seq.payload() {
            Some(Payload::Str(s)) => s
                .as_str()
                .get(..(*next).max(0) as usize)
                .map_or(0, |t| t.chars().count()) as i64,
            _ => (*next + 1).max(0) as i64,
        },
        IterState::Dict { len, .. } | IterState::Set { len, .. } => *len as i64,
        _ => 0,
    };
    Ok(Value::Int(n))
}

fn add_iterator_methods(vm: &Vm, class: &ObjRef) {
    add_method(vm, class, "__iter__", iter_self);
    add_method(vm, class, "__next__", iter_dunder_next);
    add_method(vm, class, "__length_hint__", length_hint);
}

/// Installs the iterator methods and the `enumerate`, `zip`, `map`, `filter` and
/// `reversed` types.
pub fn register(vm: &Vm) {
    let types = vm.types();
    add_iterator_methods(vm, &types.iterator);
    for class in types.iterators.all() {
        add_iterator_methods(vm, class);
    }
    let builtins = vm.interp.builtins.clone();
    let it = &types.iterators;
    let kinds: [(&str, &ObjRef, crate::types::function::NativeFn); 5] = [
        ("enumerate", &it.enumerate, enumerate_new),
        ("zip", &it.zip, zip_new),
        ("map", &it.map, map_new),
        ("filter", &it.filter, filter_new),
        ("reversed", &it.reversed, reversed_new),
    ];
    for (name, class, ctor) in kinds {
        add_staticmethod(vm, class, "__new__", ctor);
        set_global(vm, &builtins, name, Value::Obj(class.clone()));
    }
}

/// `zip(strict=True)` found iterator `stopped` exhausted: StopIteration if every
/// iterator ends together, else CPython's ValueError naming the odd one out.
fn zip_length_mismatch(vm: &mut Vm, inners: &[Value], stopped: usize) -> PyResult<Option<Value>> {
    let earlier = |i: usize| {
        if i == 1 {
            "argument 1".to_string()
        } else {
            format!("arguments 1-{i}")
        }
    };
    if stopped > 0 {
        return Err(vm.value_error(format!(
            "zip() argument {} is shorter than {}",
            stopped + 1,
            earlier(stopped)
        )));
    }
    for (i, inner) in inners.iter().enumerate().skip(1) {
        if crate::ops::iter_next(vm, inner)?.is_some() {
            return Err(vm.value_error(format!(
                "zip() argument {} is longer than {}",
                i + 1,
                earlier(i)
            )));
        }
    }
    Ok(None)
}
