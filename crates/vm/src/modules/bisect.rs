//! The `bisect` module: binary search over sorted sequences, with `key=`.

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// The parsed arguments `(a, x, lo=0, hi=len(a), *, key=None)`.
struct Search {
    seq: Value,
    x: Value,
    lo: i64,
    hi: i64,
    key: Option<Value>,
}

fn parse(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Search> {
    args::allowed_kwargs(vm, name, kw, &["a", "x", "lo", "hi", "key"])?;
    args::count(vm, name, args, 0, 4)?;
    let get = |i: usize, n: &str| args.get(i).or_else(|| args::kwarg(kw, n)).cloned();
    let Some(seq) = get(0, "a") else {
        return Err(vm.type_error(format!("{name}() missing required argument 'a' (pos 1)")));
    };
    let Some(x) = get(1, "x") else {
        return Err(vm.type_error(format!("{name}() missing required argument 'x' (pos 2)")));
    };
    let lo = match get(2, "lo") {
        Some(v) => args::index_i64(vm, &v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    let hi = match get(3, "hi") {
        Some(v) if !v.is_none() => args::index_i64(vm, &v)?,
        _ => crate::ops::len(vm, &seq)? as i64,
    };
    let key = get(4, "key").filter(|k| !k.is_none());
    Ok(Search {
        seq,
        x,
        lo,
        hi,
        key,
    })
}

/// The insertion point: leftmost (`right` false) or after equal items.
fn search(vm: &mut Vm, s: &Search, right: bool) -> PyResult<i64> {
    let (mut lo, mut hi) = (s.lo, s.hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let mut item = crate::ops::get_item(vm, &s.seq, &Value::Int(mid))?;
        if let Some(k) = &s.key {
            item = vm.call(k, vec![item], vec![])?;
        }
        let go_left = if right {
            crate::ops::less_than(vm, &s.x, &item)?
        } else {
            !crate::ops::less_than(vm, &item, &s.x)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect_left(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    // With key=, `x` is already a key: CPython applies `key` to the items only.
    let s = parse(vm, "bisect_left", args, kw)?;
    Ok(Value::Int(search(vm, &s, false)?))
}

fn bisect_right(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = parse(vm, "bisect_right", args, kw)?;
    Ok(Value::Int(search(vm, &s, true)?))
}

/// `insort_*`: searches with `key(x)` and inserts `x` with `a.insert`.
fn insort(
    vm: &mut Vm,
    name: &str,
    right: bool,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    let mut s = parse(vm, name, args, kw)?;
    let item = s.x.clone();
    if let Some(k) = &s.key {
        s.x = vm.call(k, vec![item.clone()], vec![])?;
    }
    let pos = search(vm, &s, right)?;
    let insert = crate::attr::get_attr(vm, &s.seq, &Value::str("insert"))?;
    vm.call(&insert, vec![Value::Int(pos), item], vec![])?;
    Ok(Value::None)
}

fn insort_left(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    insort(vm, "insort_left", false, args, kw)
}

fn insort_right(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    insort(vm, "insort_right", true, args, kw)
}

/// Builds `bisect`.
pub fn create_module(vm: &mut Vm) -> crate::object::ObjRef {
    let m = vm.new_module("bisect");
    add_fn(vm, &m, "bisect_left", bisect_left);
    add_fn(vm, &m, "bisect_right", bisect_right);
    add_fn(vm, &m, "bisect", bisect_right);
    add_fn(vm, &m, "insort_left", insort_left);
    add_fn(vm, &m, "insort_right", insort_right);
    add_fn(vm, &m, "insort", insort_right);
    m
}
