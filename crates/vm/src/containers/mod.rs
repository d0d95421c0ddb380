//! Containers and text: `str`, `bytes`, `list`, `tuple`, `dict`, `set`,
//! `frozenset`, `range`, `slice`, dict views and the built-in iterators.
//!
//! The functions here are what `crate::ops` dispatches to for built-in values: each
//! answers `None` when the operands are not containers it handles, so `ops` can go on
//! to user-defined dunders and CPython's TypeErrors.

pub mod arguments;
pub mod bytes;
pub mod bytes_methods;
pub mod dict;
pub mod dict_views;
pub mod dunders;
pub mod iterators;
pub mod list;
pub mod range;
pub mod repr;
pub mod sequence;
pub mod set;
pub mod slice;
pub mod str_format;
pub mod str_methods;
pub mod str_ops;
pub mod str_search;
pub mod str_split;
pub mod tuple;
pub mod unicode;
mod unicode_tables;

use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};
use sequence::Seq;

pub use set::{frozenset_constant, set_update};

/// True when `v` is a user object whose class defines `name` (so a reflected
/// operator may still handle the operation).
fn user_defines(vm: &Vm, v: &Value, name: &str) -> bool {
    crate::ops::is_user_object(v)
        && crate::attr::lookup_type_attr(vm, &vm.type_of(v), &Value::str(name)).is_some()
}

/// The TypeError for `seq + other` with an unsupported right operand.
fn concat_error(vm: &Vm, a: &Value, b: &Value) -> crate::error::PyErr {
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    if matches!(a.payload(), Some(Payload::Bytes(_))) {
        return vm.type_error(format!("can't concat {tb} to {ta}"));
    }
    vm.type_error(format!("can only concatenate {ta} (not \"{tb}\") to {ta}"))
}

fn is_sequence(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_))
    )
}

/// `seq * n` for any built-in sequence.
fn repeat(vm: &mut Vm, seq: &Value, count: &Value) -> Option<PyResult<Value>> {
    let n = match sequence::repeat_count(vm, count)? {
        Ok(n) => n,
        Err(e) => return Some(Err(e)),
    };
    Some(match seq.payload()? {
        Payload::Str(s) => str_ops::repeat(vm, seq, s.as_str(), n),
        Payload::List(l) => list::repeat(vm, l, n),
        Payload::Tuple(t) => tuple::repeat(vm, seq, t, n),
        Payload::Bytes(b) => bytes::repeat(vm, b, n),
        _ => return None,
    })
}

fn non_int_multiplier(vm: &Vm, v: &Value) -> crate::error::PyErr {
    vm.type_error(format!(
        "can't multiply sequence by non-int of type '{}'",
        vm.type_name(v)
    ))
}

/// Binary operators on containers; `None` when not applicable.
pub fn binary(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    match op {
        Add => {
            let r = match (a.payload()?, b.payload()) {
                (Payload::Str(x), Some(Payload::Str(y))) => {
                    Ok(str_ops::concat(a, x.as_str(), b, y.as_str()))
                }
                (Payload::List(x), Some(Payload::List(y))) => Ok(list::concat(vm, x, y)),
                (Payload::Tuple(x), Some(Payload::Tuple(y))) => Ok(tuple::concat(vm, a, x, b, y)),
                (Payload::Bytes(x), Some(Payload::Bytes(y))) => Ok(bytes::concat(x, y)),
                _ if is_sequence(a) && !user_defines(vm, b, "__radd__") => {
                    Err(concat_error(vm, a, b))
                }
                _ => return None,
            };
            Some(r)
        }
        Multiply => {
            if is_sequence(a) {
                if sequence::is_count(vm, b) {
                    return repeat(vm, a, b);
                }
                if user_defines(vm, b, "__rmul__") {
                    return None;
                }
                return Some(Err(non_int_multiplier(vm, b)));
            }
            if is_sequence(b) {
                if sequence::is_count(vm, a) {
                    return repeat(vm, b, a);
                }
                if crate::ops::is_user_object(a) {
                    return None;
                }
                return Some(Err(non_int_multiplier(vm, a)));
            }
            None
        }
        Remainder => {
            let fmt = a.as_str()?;
            Some(str_methods::percent(vm, fmt, b))
        }
        Or | And | Subtract | Xor => {
            if let (Some(Payload::Dict(_)), Some(Payload::Dict(_)), Or) =
                (a.payload(), b.payload(), op)
            {
                return Some(dict::union(vm, a.as_obj()?, b));
            }
            if let Some(r) = set::binary(vm, op, a, b) {
                return Some(r);
            }
            dict_views::binary(vm, op, a, b)
        }
        _ => None,
    }
}

/// In-place operators on containers (`list +=`, `set |=`, `dict |=`).
pub fn inplace(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    match (op, a.payload()?) {
        (Add, Payload::Str(s)) => {
            let tail = b.as_str()?;
            let unique = a.as_obj().is_some_and(|o| o.refcount() == 2);
            if !unique || tail.is_empty() {
                return None;
            }
            // SAFETY: count 2 = the assignment target and our operand (CPython's own
            // condition); no `&str` into `s` is held here; the VM holds the GIL.
            unsafe { s.push_str_unique(tail) };
            Some(Ok(a.clone()))
        }
        (Add, Payload::List(l)) => Some(list::extend_in_place(vm, l, b).map(|_| a.clone())),
        (Multiply, Payload::List(l)) => {
            let n = match sequence::repeat_count(vm, b)? {
                Ok(n) => n,
                Err(e) => return Some(Err(e)),
            };
            Some(list::repeat_in_place(vm, l, n).map(|_| a.clone()))
        }
        (Or, Payload::Dict(_)) => {
            let target = a.as_obj()?.clone();
            Some(dict::update_from(vm, &target, b).map(|_| a.clone()))
        }
        (Or | And | Subtract | Xor, Payload::Set(_)) => set::inplace(vm, op, a, b),
        _ => None,
    }
}

/// Comparisons between containers; `None` when the operands are not a pair this
/// module compares.
pub fn compare(
    vm: &mut Vm,
    op: ComparisonOperator,
    a: &Value,
    b: &Value,
) -> Option<PyResult<bool>> {
    use ComparisonOperator::*;
    let (pa, pb) = (a.payload()?, b.payload()?);
    let ordered = |o: std::cmp::Ordering| match op {
        Less => o.is_lt(),
        LessOrEqual => o.is_le(),
        Equal => o.is_eq(),
        NotEqual => o.is_ne(),
        Greater => o.is_gt(),
        GreaterOrEqual => o.is_ge(),
    };
    match (pa, pb) {
        (Payload::Str(x), Payload::Str(y)) => Some(Ok(ordered(x.as_str().cmp(y.as_str())))),
        (Payload::List(_), Payload::List(_)) | (Payload::Tuple(_), Payload::Tuple(_)) => {
            Some(sequence::compare(vm, op, Seq::of(a)?, Seq::of(b)?))
        }
        (Payload::Dict(_), Payload::Dict(_)) => match op {
            Equal => Some(dict::equal(vm, a.as_obj()?, b.as_obj()?)),
            NotEqual => Some(dict::equal(vm, a.as_obj()?, b.as_obj()?).map(|e| !e)),
            _ => None,
        },
        (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
            set::compare(vm, op, a, b)
        }
        (Payload::DictView(..), _) | (_, Payload::DictView(..)) => {
            dict_views::compare(vm, op, a, b)
        }
        (Payload::Range(x), Payload::Range(y)) => match op {
            Equal => Some(Ok(range::equal(x, y))),
            NotEqual => Some(Ok(!range::equal(x, y))),
            _ => None,
        },
        (Payload::Bytes(x), Payload::Bytes(y)) => Some(Ok(ordered(x.cmp(y)))),
        (Payload::Slice(x), Payload::Slice(y)) => {
            let (tx, ty) = (slice::as_tuple(vm, x), slice::as_tuple(vm, y));
            Some(sequence::compare(vm, op, Seq::of(&tx)?, Seq::of(&ty)?))
        }
        _ => None,
    }
}

/// `c[k]`.
pub fn get_item(vm: &mut Vm, c: &Value, k: &Value) -> Option<PyResult<Value>> {
    Some(match c.payload()? {
        Payload::List(l) => list::get_item(vm, l, k),
        Payload::Dict(_) => dict::get_item(vm, c.as_obj()?, k),
        Payload::Str(s) => str_ops::get_item(vm, c, s, k),
        Payload::Tuple(t) => tuple::get_item(vm, c, t, k),
        Payload::Range(r) => range::get_item(vm, r, k),
        Payload::Bytes(b) => bytes::get_item(vm, b, k),
        _ => return None,
    })
}

/// `c[k] = v`.
pub fn set_item(vm: &mut Vm, c: &Value, k: &Value, v: &Value) -> Option<PyResult<()>> {
    Some(match c.payload()? {
        Payload::List(l) => list::set_item(vm, l, k, v),
        Payload::Dict(_) => crate::ops::dict_set_item(vm, c.as_obj()?, k.clone(), v.clone()),
        _ => return None,
    })
}

/// `del c[k]`.
pub fn del_item(vm: &mut Vm, c: &Value, k: &Value) -> Option<PyResult<()>> {
    Some(match c.payload()? {
        Payload::List(l) => list::del_item(vm, l, k),
        Payload::Dict(_) => dict::del_item(vm, c.as_obj()?, k),
        _ => return None,
    })
}

/// `x in c`.
pub fn contains(vm: &mut Vm, c: &Value, x: &Value) -> Option<PyResult<bool>> {
    let o = c.as_obj()?;
    Some(match o.payload() {
        Payload::Str(s) => str_ops::contains(vm, s.as_str(), x),
        Payload::List(_) | Payload::Tuple(_) => {
            sequence::index_of(vm, Seq::of(c)?, x, 0, usize::MAX).map(|i| i.is_some())
        }
        Payload::Dict(_) => crate::ops::dict_get_item(vm, o, x).map(|v| v.is_some()),
        Payload::Set(_) | Payload::FrozenSet(_) => set::contains(vm, o, x),
        Payload::Range(r) => range::contains(vm, r, x),
        Payload::DictView(d, part) => dict_views::contains(vm, d, *part, x),
        Payload::Bytes(b) => bytes::contains(vm, b, x),
        _ => return None,
    })
}

/// `len(c)`.
pub fn len(vm: &mut Vm, v: &Value) -> Option<PyResult<usize>> {
    let n = match v.payload()? {
        Payload::Str(s) => s.char_len(),
        Payload::List(l) => l.borrow(vm.gil).len(),
        Payload::Tuple(t) => t.len(),
        Payload::Dict(d) => d.borrow(vm.gil).len(),
        Payload::Set(s) => s.borrow(vm.gil).len(),
        Payload::FrozenSet(s) => s.len(),
        Payload::Range(r) => r.len() as usize,
        Payload::DictView(d, _) => dict::dict_len(vm, d),
        Payload::Bytes(b) => b.len(),
        _ => return None,
    };
    Some(Ok(n))
}

/// `repr(c)`.
pub fn repr(vm: &mut Vm, v: &Value) -> Option<PyResult<String>> {
    let o = v.as_obj()?;
    Some(match o.payload() {
        Payload::Str(s) => Ok(repr::str_repr(s.as_str())),
        Payload::List(l) => list::repr(vm, v, l),
        Payload::Tuple(t) => tuple::repr(vm, v, t),
        Payload::Dict(_) => dict::repr(vm, o),
        Payload::Set(_) | Payload::FrozenSet(_) => set::repr(vm, v),
        Payload::Range(r) => Ok(range::repr(r)),
        Payload::Slice(s) => slice::repr(vm, s),
        Payload::DictView(d, part) => dict_views::repr(vm, o, d, *part),
        Payload::Bytes(b) => Ok(repr::bytes_repr(b)),
        _ => return None,
    })
}

/// `iter(c)`.
pub fn get_iter(vm: &mut Vm, v: &Value) -> Option<PyResult<Value>> {
    iterators::get_iter(vm, v)
}

/// Advances a built-in iterator.
pub fn iter_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<Value>> {
    iterators::iter_next(vm, it)
}

/// `hash(c)` for hashable containers other than str and tuple (frozenset, range,
/// bytes), and the TypeError for the unhashable ones.
pub fn hash(vm: &mut Vm, v: &Value) -> Option<PyResult<i64>> {
    Some(match v.payload()? {
        Payload::FrozenSet(s) => Ok(set::frozen_hash(s)),
        Payload::Range(r) => range::hash(vm, r),
        Payload::Bytes(b) => Ok(bytes::hash(b)),
        Payload::Slice(_)
        | Payload::DictView(..)
        | Payload::Set(_)
        | Payload::List(_)
        | Payload::Dict(_) => Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v)))),
        _ => return None,
    })
}

/// Installs the container constructors and methods.
pub fn register(vm: &Vm) {
    let builtins = vm.interp.builtins.clone();
    let t = vm.types();
    for (name, class) in [
        ("str", &t.str),
        ("bytes", &t.bytes),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
    ] {
        crate::bootstrap::set_global(vm, &builtins, name, Value::Obj(class.clone()));
    }
    str_methods::register(vm);
    bytes::register(vm);
    bytes_methods::register(vm);
    list::register(vm);
    tuple::register(vm);
    dict::register(vm);
    dict_views::register(vm);
    set::register(vm);
    range::register(vm);
    slice::register(vm);
    iterators::register(vm);
    dunders::register(vm);
}
