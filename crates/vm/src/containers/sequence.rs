//! What list and tuple share: lexicographic comparison, repetition counts, and
//! searching by equality. Elements are compared outside any borrow, since their
//! `__eq__`/`__lt__` may run Python code that changes the list.

use crate::error::PyResult;
use crate::object::{GilCell, Payload};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::ComparisonOperator;

/// A list or tuple seen by position, re-reading a list's current contents at each
/// step as CPython does.
#[derive(Clone, Copy)]
pub enum Seq<'a> {
    /// An immutable run of items (a tuple).
    Items(&'a [Value]),
    /// A list, which may change while it is being compared.
    List(&'a GilCell<Vec<Value>>),
}

impl<'a> Seq<'a> {
    /// The sequence view of a list or tuple value.
    pub fn of(v: &'a Value) -> Option<Seq<'a>> {
        match v.payload()? {
            Payload::Tuple(t) => Some(Seq::Items(t)),
            Payload::List(l) => Some(Seq::List(l)),
            _ => None,
        }
    }

    /// The item at `i`, if any.
    #[inline]
    pub fn get(&self, vm: &Vm, i: usize) -> Option<Value> {
        match self {
            Seq::Items(t) => t.get(i).cloned(),
            Seq::List(l) => l.borrow(vm.gil).get(i).cloned(),
        }
    }

    /// The current length.
    #[inline]
    pub fn len(&self, vm: &Vm) -> usize {
        match self {
            Seq::Items(t) => t.len(),
            Seq::List(l) => l.borrow(vm.gil).len(),
        }
    }
}

/// `a == b` with the identity shortcut CPython's containers use.
#[inline]
pub fn item_eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    crate::ops::eq(vm, a, b)
}

/// Lexicographic comparison of two sequences (CPython's `list_richcompare`).
pub fn compare(vm: &mut Vm, op: ComparisonOperator, a: Seq, b: Seq) -> PyResult<bool> {
    use ComparisonOperator::*;
    if matches!(op, Equal | NotEqual) && a.len(vm) != b.len(vm) {
        return Ok(op == NotEqual);
    }
    vm.enter_recursion(" in comparison")?;
    let r = compare_items(vm, op, a, b);
    vm.leave_recursion();
    r
}

fn compare_items(vm: &mut Vm, op: ComparisonOperator, a: Seq, b: Seq) -> PyResult<bool> {
    use ComparisonOperator::*;
    let mut i = 0;
    loop {
        let (x, y) = match (a.get(vm, i), b.get(vm, i)) {
            (Some(x), Some(y)) => (x, y),
            _ => break,
        };
        if !item_eq(vm, &x, &y)? {
            return match op {
                Equal => Ok(false),
                NotEqual => Ok(true),
                _ => {
                    let r = crate::ops::compare(vm, op, &x, &y)?;
                    crate::ops::truthy(vm, &r)
                }
            };
        }
        i += 1;
    }
    let (la, lb) = (a.len(vm), b.len(vm));
    Ok(match op {
        Less => la < lb,
        LessOrEqual => la <= lb,
        Equal => la == lb,
        NotEqual => la != lb,
        Greater => la > lb,
        GreaterOrEqual => la >= lb,
    })
}

/// The repetition count of `seq * n`: `None` when `n` is not an integer (the caller
/// reports `can't multiply sequence by non-int`). Negative counts become 0.
pub fn repeat_count(vm: &mut Vm, n: &Value) -> Option<PyResult<usize>> {
    let i = match n {
        Value::Int(i) => *i as i128,
        Value::Bool(b) => *b as i128,
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(_) | Payload::Instance(_) => match super::slice::to_index(vm, n) {
                Ok(Some(i)) => i,
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            },
            _ => return None,
        },
        _ => return None,
    };
    if i64::try_from(i).is_err() {
        return Some(Err(
            vm.overflow_error("cannot fit 'int' into an index-sized integer")
        ));
    }
    Some(Ok(i.max(0) as usize))
}

/// True when `v` can serve as a repetition count (an int, bool or `__index__` object).
pub fn is_count(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(_) => true,
            Payload::Instance(_) => {
                let class = vm.type_of(v);
                crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.index).is_some()
            }
            _ => false,
        },
        _ => false,
    }
}

/// Guards a repetition or concatenation against absurd sizes: `MemoryError` instead of
/// an allocation failure that would abort the process.
pub fn check_size(vm: &Vm, item_count: usize, times: usize) -> PyResult<usize> {
    const LIMIT: usize = 1 << 32;
    match item_count.checked_mul(times) {
        Some(n) if n <= LIMIT => Ok(n),
        _ => Err(vm.new_exception(&vm.interp.exc.memory_error, vec![])),
    }
}

/// `seq * n` for a run of items.
pub fn repeat(vm: &Vm, items: &[Value], times: usize) -> PyResult<Vec<Value>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let total = check_size(vm, items.len(), times)?;
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(vm.new_exception(&vm.interp.exc.memory_error, vec![]));
    }
    for _ in 0..times {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// The position of the first item equal to `x` in `seq[start..stop]`.
pub fn index_of(
    vm: &mut Vm,
    seq: Seq,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let Some(item) = seq.get(vm, i) else { break };
        if item_eq(vm, &item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// How many items equal `x`.
pub fn count(vm: &mut Vm, seq: Seq, x: &Value) -> PyResult<usize> {
    let mut n = 0;
    let mut i = 0;
    while let Some(item) = seq.get(vm, i) {
        if item_eq(vm, &item, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(n)
}

/// The `start`/`stop` arguments of `index()`, adjusted like slice bounds.
pub fn search_bounds(
    vm: &mut Vm,
    start: Option<&Value>,
    stop: Option<&Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let bound = |vm: &mut Vm, v: Option<&Value>, default: i128| -> PyResult<i128> {
        match v {
            None => Ok(default),
            Some(v) => match super::slice::to_index(vm, v)? {
                Some(i) => Ok(i),
                None => {
                    Err(vm.type_error("slice indices must be integers or have an __index__ method"))
                }
            },
        }
    };
    let len_i = len as i128;
    let fix = |i: i128| -> usize {
        if i < 0 {
            (i + len_i).max(0) as usize
        } else {
            i.min(len_i) as usize
        }
    };
    let s = bound(vm, start, 0)?;
    let e = bound(vm, stop, len_i)?;
    Ok((fix(s), fix(e)))
}
