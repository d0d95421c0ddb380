//! The `heapq` module: binary min-heaps in plain lists, with CPython's exact sift
//! algorithms so the list layout after each operation is the same as CPython's.
//!
//! Comparisons call `<`, which may run Python code, so each operation copies the
//! list's items out, works on the copy and stores the result back.

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{GilCell, Payload};
use crate::value::Value;
use crate::vm::Vm;

fn heap_list<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a GilCell<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(vm.type_error("heap argument must be a list")),
    }
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    crate::ops::less_than(vm, a, b)
}

/// Moves `heap[pos]` up towards `start` while it is smaller than its parent.
fn sift_down(vm: &mut Vm, heap: &mut [Value], start: usize, mut pos: usize) -> PyResult<()> {
    let item = heap[pos].clone();
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let parent = heap[parent_pos].clone();
        if less(vm, &item, &parent)? {
            heap[pos] = parent;
            pos = parent_pos;
            continue;
        }
        break;
    }
    heap[pos] = item;
    Ok(())
}

/// Moves the smaller child up until a leaf is reached, then sifts the item into
/// place (CPython's bottom-up `_siftup`).
fn sift_up(vm: &mut Vm, heap: &mut [Value], mut pos: usize) -> PyResult<()> {
    let end = heap.len();
    let start = pos;
    let item = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !less(vm, &heap[child].clone(), &heap[right].clone())? {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(vm, heap, start, pos)
}

fn take(vm: &Vm, l: &GilCell<Vec<Value>>) -> Vec<Value> {
    l.borrow(vm.gil).clone()
}

fn put(vm: &Vm, l: &GilCell<Vec<Value>>, items: Vec<Value>) {
    let old = std::mem::replace(&mut *l.borrow_mut(vm.gil), items);
    drop(old);
}

fn heappush(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "heappush", kw)?;
    args::count(vm, "heappush", args, 2, 2)?;
    let l = heap_list(vm, &args[0])?;
    let mut heap = take(vm, l);
    heap.push(args[1].clone());
    let last = heap.len() - 1;
    sift_down(vm, &mut heap, 0, last)?;
    put(vm, l, heap);
    Ok(Value::None)
}

fn heappop(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = args::exactly_one(vm, "heappop", args, kw)?;
    let l = heap_list(vm, h)?;
    let mut heap = take(vm, l);
    let Some(last) = heap.pop() else {
        return Err(vm.index_error("index out of range"));
    };
    if heap.is_empty() {
        put(vm, l, heap);
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(vm, &mut heap, 0)?;
    put(vm, l, heap);
    Ok(top)
}

fn heapify(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let h = args::exactly_one(vm, "heapify", args, kw)?;
    let l = heap_list(vm, h)?;
    let mut heap = take(vm, l);
    for i in (0..heap.len() / 2).rev() {
        sift_up(vm, &mut heap, i)?;
    }
    put(vm, l, heap);
    Ok(Value::None)
}

fn heapreplace(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "heapreplace", kw)?;
    args::count(vm, "heapreplace", args, 2, 2)?;
    let l = heap_list(vm, &args[0])?;
    let mut heap = take(vm, l);
    if heap.is_empty() {
        return Err(vm.index_error("index out of range"));
    }
    let top = std::mem::replace(&mut heap[0], args[1].clone());
    sift_up(vm, &mut heap, 0)?;
    put(vm, l, heap);
    Ok(top)
}

fn heappushpop(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "heappushpop", kw)?;
    args::count(vm, "heappushpop", args, 2, 2)?;
    let l = heap_list(vm, &args[0])?;
    let mut heap = take(vm, l);
    let item = args[1].clone();
    if heap.is_empty() || !less(vm, &heap[0].clone(), &item)? {
        return Ok(item);
    }
    let top = std::mem::replace(&mut heap[0], item);
    sift_up(vm, &mut heap, 0)?;
    put(vm, l, heap);
    Ok(top)
}

/// `nsmallest`/`nlargest`: documented as `sorted(iterable, key=key[, reverse])[:n]`.
fn n_best(
    vm: &mut Vm,
    name: &str,
    reverse: bool,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    args::allowed_kwargs(vm, name, kw, &["key"])?;
    args::count(vm, name, args, 2, 2)?;
    let n = args::index_i64(vm, &args[0])?.max(0) as usize;
    let mut items = crate::ops::collect_iterable(vm, &args[1])?;
    let key = args::kwarg(kw, "key");
    crate::builtins::sorting::sort_values(vm, &mut items, key, reverse)?;
    items.truncate(n);
    Ok(vm.new_list(items))
}

fn nsmallest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    n_best(vm, "nsmallest", false, args, kw)
}

fn nlargest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    n_best(vm, "nlargest", true, args, kw)
}

/// `merge(*iterables, key=None, reverse=False)`: computed eagerly (a stable sort of
/// the concatenation gives the same order for sorted inputs).
fn merge(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "merge", kw, &["key", "reverse"])?;
    let mut items = Vec::new();
    for a in args {
        items.extend(crate::ops::collect_iterable(vm, a)?);
    }
    let reverse = match args::kwarg(kw, "reverse") {
        Some(r) => crate::ops::truthy(vm, r)?,
        None => false,
    };
    crate::builtins::sorting::sort_values(vm, &mut items, args::kwarg(kw, "key"), reverse)?;
    let list = vm.new_list(items);
    crate::ops::get_iter(vm, &list)
}

/// Builds `heapq`.
pub fn create_module(vm: &mut Vm) -> crate::object::ObjRef {
    let m = vm.new_module("heapq");
    let functions: [(&'static str, crate::types::function::NativeFn); 8] = [
        ("heappush", heappush),
        ("heappop", heappop),
        ("heapify", heapify),
        ("heapreplace", heapreplace),
        ("heappushpop", heappushpop),
        ("nsmallest", nsmallest),
        ("nlargest", nlargest),
        ("merge", merge),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    m
}
