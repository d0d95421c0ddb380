//! The states of the built-in iterators (`iter(list)`, `enumerate`, `zip`, ...).
//! Advancing them lives in `crate::builtins::iteration`.

use crate::object::ObjRef;
use crate::value::Value;

/// Which part of a dict a dict iterator or view yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictPart {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}

/// The state of one built-in iterator.
pub enum IterState {
    /// Over a list, tuple or str by position (`seq` keeps it alive; lists may change
    /// while iterated, as in CPython).
    Seq { seq: Value, pos: usize },
    /// Over a range.
    Range {
        next: i64,
        step: i64,
        remaining: i64,
    },
    /// Over a dict's keys, values or items; `len` and `version` detect mutation.
    Dict {
        dict: ObjRef,
        part: DictPart,
        pos: usize,
        len: usize,
        version: u32,
    },
    /// Over a set or frozenset.
    Set {
        set: ObjRef,
        pos: usize,
        len: usize,
        version: u32,
    },
    /// `reversed(seq)` over a list, tuple, str or range (by index, counting down).
    Reversed { seq: Value, next: isize },
    /// `enumerate(it, start)`.
    Enumerate { inner: Value, count: i64 },
    /// `zip(*its, strict=...)`.
    Zip { inners: Vec<Value>, strict: bool },
    /// `map(f, *its)`.
    Map { func: Value, inners: Vec<Value> },
    /// `filter(f, it)` (`f` may be None).
    Filter { func: Value, inner: Value },
    /// The old sequence protocol: `obj[0]`, `obj[1]`, ... until IndexError.
    GetItem { obj: Value, index: i64 },
    /// `iter(callable, sentinel)`.
    Callable { func: Value, sentinel: Value },
    /// Finished: every further `next` raises StopIteration.
    Exhausted,
}
