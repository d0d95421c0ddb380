//! `range`: construction, length, indexing, slicing (to another range), O(1)
//! membership for ints, equality, hashing, repr and the methods.

use super::arguments::{clinic_arity, descriptor_error, no_kwargs, one_arg};
use super::slice::{subscript, Subscript};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::{Payload, RangeObj};
use crate::value::Value;
use crate::vm::Vm;

fn range_value(start: i64, stop: i64, step: i64) -> Value {
    Value::new_obj(Payload::Range(RangeObj { start, stop, step }))
}

/// The value at position `i` (in range).
#[inline]
fn at(r: &RangeObj, i: i64) -> i64 {
    r.start.wrapping_add(i.wrapping_mul(r.step))
}

/// `range(stop)`, `range(start, stop[, step])`.
fn range_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "range", kwargs)?;
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "range", rest.len(), 1, 3)?;
    let mut nums = [0i64; 3];
    for (slot, v) in nums.iter_mut().zip(rest) {
        *slot = super::slice::int_arg(vm, v)?;
    }
    let (start, stop, step) = match rest.len() {
        1 => (0, nums[0], 1),
        2 => (nums[0], nums[1], 1),
        _ => (nums[0], nums[1], nums[2]),
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(range_value(start, stop, step))
}

/// `r[key]`: an int, or a range for a slice.
pub fn get_item(vm: &mut Vm, r: &RangeObj, key: &Value) -> PyResult<Value> {
    let len = r.len();
    if let Value::Int(i) = key {
        let j = if *i < 0 { i.wrapping_add(len) } else { *i };
        if j >= 0 && j < len {
            return Ok(Value::Int(at(r, j)));
        }
        return Err(vm.index_error("range object index out of range"));
    }
    match subscript(vm, key, len as usize, "range object")? {
        Subscript::Index(i) => Ok(Value::Int(at(r, i as i64))),
        Subscript::Slice(s) => {
            let start = r.start as i128 + s.start as i128 * r.step as i128;
            let stop = r.start as i128 + s.stop as i128 * r.step as i128;
            let step = r.step as i128 * s.step as i128;
            match (
                i64::try_from(start),
                i64::try_from(stop),
                i64::try_from(step),
            ) {
                (Ok(a), Ok(b), Ok(c)) => Ok(range_value(a, b, c)),
                _ => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
            }
        }
    }
}

/// The position of int `x` in the range, if present.
fn position(r: &RangeObj, x: i64) -> Option<i64> {
    let (x, start, step) = (x as i128, r.start as i128, r.step as i128);
    let inside = if step > 0 {
        x >= start && x < r.stop as i128
    } else {
        x <= start && x > r.stop as i128
    };
    if inside && (x - start) % step == 0 {
        Some(((x - start) / step) as i64)
    } else {
        None
    }
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// `x in r`: arithmetic for ints, a scan comparing by `==` for anything else.
pub fn contains(vm: &mut Vm, r: &RangeObj, x: &Value) -> PyResult<bool> {
    if let Some(i) = as_int(x) {
        return Ok(position(r, i).is_some());
    }
    if matches!(x.payload(), Some(Payload::BigInt(_))) {
        return Ok(false);
    }
    for k in 0..r.len() {
        if crate::ops::eq(vm, &Value::Int(at(r, k)), x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `a == b` for ranges: the same sequence of values.
pub fn equal(a: &RangeObj, b: &RangeObj) -> bool {
    let (la, lb) = (a.len(), b.len());
    la == lb && (la == 0 || (a.start == b.start && (la == 1 || a.step == b.step)))
}

/// `hash(r)`: the hash of `(len, start, step)` with None for what does not matter.
pub fn hash(vm: &mut Vm, r: &RangeObj) -> PyResult<i64> {
    let len = r.len();
    let t = vm.new_tuple(vec![
        Value::Int(len),
        if len == 0 {
            Value::None
        } else {
            Value::Int(r.start)
        },
        if len < 2 {
            Value::None
        } else {
            Value::Int(r.step)
        },
    ]);
    crate::ops::hash(vm, &t)
}

/// `repr(r)`: `range(0, 5)`, `range(0, 10, 2)`.
pub fn repr(r: &RangeObj) -> String {
    if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

fn this(vm: &Vm, args: &[Value], method: &str) -> PyResult<RangeObj> {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::Range(r)) => Ok(*r),
        _ => Err(descriptor_error(vm, "range", method, args.first())),
    }
}

fn range_count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = this(vm, args, "count")?;
    let x = one_arg(vm, "range.count", args, kwargs)?;
    if let Some(i) = as_int(x) {
        return Ok(Value::Int(position(&r, i).is_some() as i64));
    }
    let mut n = 0;
    for k in 0..r.len() {
        if crate::ops::eq(vm, &Value::Int(at(&r, k)), x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn range_index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = this(vm, args, "index")?;
    let x = one_arg(vm, "range.index", args, kwargs)?;
    if let Some(i) = as_int(x) {
        return match position(&r, i) {
            Some(p) => Ok(Value::Int(p)),
            None => Err(vm.value_error(format!("{i} is not in range"))),
        };
    }
    for k in 0..r.len() {
        if crate::ops::eq(vm, &Value::Int(at(&r, k)), x)? {
            return Ok(Value::Int(k));
        }
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

/// Installs the range constructor and methods.
pub fn register(vm: &Vm) {
    let c = vm.types().range.clone();
    add_staticmethod(vm, &c, "__new__", range_new);
    add_method(vm, &c, "count", range_count);
    add_method(vm, &c, "index", range_index);
}
