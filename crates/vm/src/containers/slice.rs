//! Index and slice normalization shared by `str`, `list`, `tuple`, `range` and
//! `bytes`, and the `slice` type itself.

use super::arguments::{clinic_arity, no_kwargs, one_arg};
use crate::error::PyResult;
use crate::object::{Payload, SliceObj};
use crate::value::Value;
use crate::vm::Vm;
use num_traits::ToPrimitive;

/// `v.__index__()` as a wide integer: `Ok(None)` when `v` is not an integer at all.
/// Ints too wide for i128 saturate (they are out of range for any sequence anyway).
pub fn to_index(vm: &mut Vm, v: &Value) -> PyResult<Option<i128>> {
    match v {
        Value::Int(i) => Ok(Some(*i as i128)),
        Value::Bool(b) => Ok(Some(*b as i128)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Ok(Some(b.to_i128().unwrap_or(
                if b.sign() == num_bigint::Sign::Minus {
                    i128::MIN
                } else {
                    i128::MAX
                },
            ))),
            Payload::Instance(_) => {
                let index = vm.interp.names.index.clone();
                let class = vm.type_of(v);
                if crate::attr::lookup_type_attr(vm, &class, &index).is_none() {
                    return Ok(None);
                }
                let r = crate::ops::call_dunder(vm, v, "__index__", vec![])?.unwrap_or(Value::None);
                match to_index_plain(&r) {
                    Some(i) => Ok(Some(i)),
                    None => Err(vm.type_error(format!(
                        "__index__ returned non-int (type {})",
                        vm.type_name(&r)
                    ))),
                }
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

fn to_index_plain(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i as i128),
        Value::Bool(b) => Some(*b as i128),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(b.to_i128().unwrap_or(
                if b.sign() == num_bigint::Sign::Minus {
                    i128::MIN
                } else {
                    i128::MAX
                },
            )),
            _ => None,
        },
        _ => None,
    }
}

/// An integer argument that must fit in 64 bits (`'float' object cannot be
/// interpreted as an integer`, OverflowError past 64 bits).
pub fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match to_index(vm, v)? {
        Some(i) => i64::try_from(i)
            .map_err(|_| vm.overflow_error("Python int too large to convert to C ssize_t")),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// Resolves a (possibly negative) index against `len`: `None` when out of range.
#[inline]
pub fn resolve_index(i: i128, len: usize) -> Option<usize> {
    let len = len as i128;
    let j = if i < 0 { i + len } else { i };
    if j >= 0 && j < len {
        Some(j as usize)
    } else {
        None
    }
}

/// A subscript resolved against a sequence.
pub enum Subscript {
    /// A valid position.
    Index(usize),
    /// A slice: `(start, stop, step, length)` already adjusted to the sequence.
    Slice(SliceRange),
}

/// A slice resolved against a sequence length (CPython's `PySlice_AdjustIndices`).
#[derive(Clone, Copy, Debug)]
pub struct SliceRange {
    /// First index.
    pub start: i64,
    /// End (exclusive, may be -1 for negative steps).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
    /// Number of selected items.
    pub len: usize,
}

impl SliceRange {
    /// The selected positions, in order.
    pub fn indices(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |k| (start + k as i64 * step) as usize)
    }
}

/// Resolves `key` for a sequence of length `len`: a valid position or a slice.
/// `kind` names the sequence in errors (`list index out of range`, `range object
/// index out of range`; its first word in `list indices must be integers...`).
pub fn subscript(vm: &mut Vm, key: &Value, len: usize, kind: &str) -> PyResult<Subscript> {
    if let Some(Payload::Slice(s)) = key.payload() {
        return Ok(Subscript::Slice(slice_range(vm, s, len)?));
    }
    match to_index(vm, key)? {
        Some(i) => {
            if i64::try_from(i).is_err() {
                return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
            }
            match resolve_index(i, len) {
                Some(j) => Ok(Subscript::Index(j)),
                None if kind.is_empty() => Err(vm.index_error("index out of range")),
                None => Err(vm.index_error(format!("{kind} index out of range"))),
            }
        }
        None => {
            let kind_name = kind.split(' ').next().unwrap_or(kind);
            Err(vm.type_error(format!(
                "{kind_name} indices must be integers or slices, not {}",
                vm.type_name(key)
            )))
        }
    }
}

fn slice_bound(vm: &mut Vm, v: &Value) -> PyResult<Option<i128>> {
    if v.is_none() {
        return Ok(None);
    }
    match to_index(vm, v)? {
        Some(i) => Ok(Some(i)),
        None => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

/// CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`.
pub fn slice_range(vm: &mut Vm, s: &SliceObj, len: usize) -> PyResult<SliceRange> {
    let step = match slice_bound(vm, &s.step)? {
        None => 1,
        Some(0) => return Err(vm.value_error("slice step cannot be zero")),
        Some(st) => st.clamp(-(i64::MAX as i128), i64::MAX as i128),
    };
    let start = slice_bound(vm, &s.start)?;
    let stop = slice_bound(vm, &s.stop)?;
    Ok(adjust(start, stop, step, len as i128))
}

/// Adjusts optional bounds to a length, like `slice.indices`.
pub fn adjust(start: Option<i128>, stop: Option<i128>, step: i128, len: i128) -> SliceRange {
    let clamp = |v: Option<i128>, default: i128| -> i128 {
        match v {
            None => default,
            Some(mut v) => {
                if v < 0 {
                    v += len;
                    if v < 0 {
                        v = if step < 0 { -1 } else { 0 };
                    }
                } else if v >= len {
                    v = if step < 0 { len - 1 } else { len };
                }
                v
            }
        }
    };
    let start = clamp(start, if step < 0 { len - 1 } else { 0 });
    let stop = clamp(stop, if step < 0 { -1 } else { len });
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    SliceRange {
        start: start as i64,
        stop: stop as i64,
        step: step as i64,
        len: n.max(0) as usize,
    }
}

/// Collects the items a slice selects from a slice of values.
pub fn take(items: &[Value], r: &SliceRange) -> Vec<Value> {
    if r.step == 1 {
        let start = r.start.max(0) as usize;
        return items
            .get(start..start + r.len)
            .map(|s| s.to_vec())
            .unwrap_or_default();
    }
    r.indices().filter_map(|i| items.get(i).cloned()).collect()
}

/// `slice(stop)` / `slice(start, stop[, step])`.
fn slice_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "slice", kwargs)?;
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "slice", rest.len(), 1, 3)?;
    let (start, stop, step) = match rest {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        _ => unreachable!("arity checked"),
    };
    Ok(Value::new_obj(Payload::Slice(SliceObj {
        start,
        stop,
        step,
    })))
}

/// `slice.indices(length)`.
fn slice_indices(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let n = one_arg(vm, "slice.indices", args, kwargs)?.clone();
    let Some(Payload::Slice(s)) = args[0].payload() else {
        return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let len = match to_index(vm, &n)? {
        Some(l) => l,
        None => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&n)
            )))
        }
    };
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let step = match slice_bound(vm, &s.step)? {
        None => 1,
        Some(0) => return Err(vm.value_error("slice step cannot be zero")),
        Some(st) => st,
    };
    let start = slice_bound(vm, &s.start)?;
    let stop = slice_bound(vm, &s.stop)?;
    let r = adjust(start, stop, step, len);
    Ok(vm.new_tuple(vec![
        Value::Int(r.start),
        Value::Int(r.stop),
        Value::Int(r.step),
    ]))
}

/// The `(start, stop, step)` of a slice as a tuple (comparisons use it).
pub fn as_tuple(vm: &Vm, s: &SliceObj) -> Value {
    vm.new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()])
}

/// `repr(slice)`.
pub fn repr(vm: &mut Vm, s: &SliceObj) -> PyResult<String> {
    let a = crate::ops::repr(vm, &s.start)?;
    let b = crate::ops::repr(vm, &s.stop)?;
    let c = crate::ops::repr(vm, &s.step)?;
    Ok(format!("slice({a}, {b}, {c})"))
}

/// Installs the `slice` type's constructor and methods.
pub fn register(vm: &Vm) {
    let class = vm.types().slice.clone();
    crate::bootstrap::add_staticmethod(vm, &class, "__new__", slice_new);
    crate::bootstrap::add_method(vm, &class, "indices", slice_indices);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adj(
        start: Option<i128>,
        stop: Option<i128>,
        step: i128,
        len: i128,
    ) -> (i64, i64, i64, usize) {
        let r = adjust(start, stop, step, len);
        (r.start, r.stop, r.step, r.len)
    }

    #[test]
    fn adjusts_like_slice_indices() {
        // slice(None, None, -1).indices(5) == (4, -1, -1)
        assert_eq!(adj(None, None, -1, 5), (4, -1, -1, 5));
        // slice(-100, 100, 2).indices(10) == (0, 10, 2)
        assert_eq!(adj(Some(-100), Some(100), 2, 10), (0, 10, 2, 5));
        // slice(8, 2, -2).indices(10) == (8, 2, -2): 8, 6, 4
        assert_eq!(adj(Some(8), Some(2), -2, 10), (8, 2, -2, 3));
        // slice(5, 2).indices(10): empty
        assert_eq!(adj(Some(5), Some(2), 1, 10).3, 0);
        // slice(None, -11, -1).indices(10) == (9, -1, -1)
        assert_eq!(adj(None, Some(-11), -1, 10), (9, -1, -1, 10));
    }

    #[test]
    fn resolves_negative_indices() {
        assert_eq!(resolve_index(-1, 3), Some(2));
        assert_eq!(resolve_index(-4, 3), None);
        assert_eq!(resolve_index(3, 3), None);
    }
}
