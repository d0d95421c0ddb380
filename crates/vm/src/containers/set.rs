//! `set` and `frozenset`: construction, the algebra (`| & - ^`, their methods and
//! in-place forms), subset comparisons, hashing and repr. The algorithms follow
//! CPython's `setobject.c` step for step (which operand is iterated, when a copy is
//! presized), because that decides the table layout and so the printed order.

use super::arguments::{clinic_arity, descriptor_error, no_args, no_kwargs, one_arg};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::set::SetData;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};

/// True for set and frozenset values.
pub fn is_anyset(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)))
}

fn is_frozen(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::FrozenSet(_)))
}

/// Runs `f` on the storage of a set or frozenset.
fn with_data<R>(vm: &Vm, v: &Value, f: impl FnOnce(&SetData) -> R) -> Option<R> {
    match v.payload()? {
        Payload::Set(cell) => Some(f(&cell.borrow(vm.gil))),
        Payload::FrozenSet(data) => Some(f(data)),
        _ => None,
    }
}

/// The number of elements of a set or frozenset (0 for anything else).
pub fn set_len(vm: &Vm, v: &Value) -> usize {
    with_data(vm, v, |d| d.len()).unwrap_or(0)
}

/// The elements in table order, cloned out of the borrow.
fn elements(vm: &Vm, v: &Value) -> Vec<Value> {
    with_data(vm, v, |d| d.iter().map(|(_, k)| k.clone()).collect()).unwrap_or_default()
}

/// A new empty set object.
fn new_set() -> Value {
    Value::new_obj(Payload::Set(GilCell::new(SetData::new())))
}

/// Turns a set object built for a result into a frozenset (taking its storage).
fn freeze(vm: &Vm, set: Value) -> Value {
    let data = match set.payload() {
        Some(Payload::Set(cell)) => std::mem::take(&mut *cell.borrow_mut(vm.gil)),
        Some(Payload::FrozenSet(_)) => return set,
        _ => SetData::new(),
    };
    Value::new_obj(Payload::FrozenSet(data))
}

/// Gives a result the type of the operand it derives from.
fn like(vm: &Vm, model: &Value, set: Value) -> Value {
    if is_frozen(model) {
        freeze(vm, set)
    } else {
        set
    }
}

/// `set.copy()` semantics: a new set object laid out as CPython's copy.
fn copy_set(vm: &Vm, v: &Value) -> Value {
    let data = with_data(vm, v, |d| d.clone_data()).unwrap_or_default();
    Value::new_obj(Payload::Set(GilCell::new(data)))
}

/// `key in set`, retrying a set key as a frozenset as CPython does.
fn contains_key(vm: &mut Vm, set: &ObjRef, key: &Value) -> PyResult<bool> {
    match crate::ops::set_contains(vm, set, key) {
        Err(e)
            if matches!(key.payload(), Some(Payload::Set(_)))
                && vm.err_matches(&e, &vm.interp.exc.type_error.clone()) =>
        {
            let frozen = freeze(vm, copy_set(vm, key));
            crate::ops::set_contains(vm, set, &frozen)
        }
        other => other,
    }
}

/// Removes `key` if present; a set key is looked up as a frozenset.
fn discard_key(vm: &mut Vm, set: &ObjRef, key: &Value) -> PyResult<bool> {
    match crate::ops::set_discard(vm, set, key) {
        Err(e)
            if matches!(key.payload(), Some(Payload::Set(_)))
                && vm.err_matches(&e, &vm.interp.exc.type_error.clone()) =>
        {
            let frozen = freeze(vm, copy_set(vm, key));
            crate::ops::set_discard(vm, set, &frozen)
        }
        other => other,
    }
}

fn obj(v: &Value) -> ObjRef {
    match v {
        Value::Obj(o) => o.clone(),
        _ => unreachable!("set values are heap objects"),
    }
}

/// CPython's `set_update_internal`: adds every element of `other` to `target`.
pub(super) fn update_internal(vm: &mut Vm, target: &Value, other: &Value) -> PyResult<()> {
    let Some(Payload::Set(cell)) = target.payload() else {
        return Ok(());
    };
    if is_anyset(other) {
        if target.is(other) {
            return Ok(());
        }
        let done = match other.payload() {
            Some(Payload::Set(o)) => {
                let o = o.borrow(vm.gil);
                cell.borrow_mut(vm.gil).merge_clean(&o)
            }
            Some(Payload::FrozenSet(o)) => cell.borrow_mut(vm.gil).merge_clean(o),
            _ => true,
        };
        if !done {
            for k in elements(vm, other) {
                crate::ops::set_add(vm, target, k)?;
            }
        }
        return Ok(());
    }
    if let Some(Payload::Dict(d)) = other.payload() {
        let n = d.borrow(vm.gil).len();
        cell.borrow_mut(vm.gil).presize(n);
        let o = obj(other);
        for (k, _) in super::dict::pairs(vm, &o) {
            crate::ops::set_add(vm, target, k)?;
        }
        return Ok(());
    }
    let it = crate::ops::get_iter(vm, other)?;
    while let Some(k) = crate::ops::iter_next(vm, &it)? {
        crate::ops::set_add(vm, target, k)?;
    }
    Ok(())
}

/// A new set from any iterable (CPython's `make_new_set`).
pub(super) fn set_from(vm: &mut Vm, iterable: &Value) -> PyResult<Value> {
    let out = new_set();
    update_internal(vm, &out, iterable)?;
    Ok(out)
}

/// `a.intersection(b)`: a new set (of `a`'s type, decided by the caller).
pub(super) fn intersection(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if a.is(b) {
        return Ok(copy_set(vm, a));
    }
    let result = new_set();
    if is_anyset(b) {
        let (big, small) = if set_len(vm, b) > set_len(vm, a) {
            (b, a)
        } else {
            (a, b)
        };
        let big = obj(big);
        for k in elements(vm, small) {
            if contains_key(vm, &big, &k)? {
                crate::ops::set_add(vm, &result, k)?;
            }
        }
        return Ok(result);
    }
    let a_obj = obj(a);
    let it = crate::ops::get_iter(vm, b)?;
    while let Some(k) = crate::ops::iter_next(vm, &it)? {
        if crate::ops::set_contains(vm, &a_obj, &k)? {
            crate::ops::set_add(vm, &result, k)?;
        }
    }
    Ok(result)
}

/// CPython's `set_difference_update_internal`: removes `other`'s elements from `a`.
pub(super) fn difference_update_internal(vm: &mut Vm, a: &Value, other: &Value) -> PyResult<()> {
    let Some(Payload::Set(cell)) = a.payload() else {
        return Ok(());
    };
    if a.is(other) {
        let old = cell.borrow_mut(vm.gil).take_all();
        drop(old);
        return Ok(());
    }
    let a_obj = obj(a);
    if is_anyset(other) {
        let other = if (set_len(vm, other) >> 3) > set_len(vm, a) {
            intersection(vm, a, other)?
        } else {
            other.clone()
        };
        for k in elements(vm, &other) {
            discard_key(vm, &a_obj, &k)?;
        }
    } else {
        let it = crate::ops::get_iter(vm, other)?;
        while let Some(k) = crate::ops::iter_next(vm, &it)? {
            discard_key(vm, &a_obj, &k)?;
        }
    }
    cell.borrow_mut(vm.gil).shrink_dummies();
    Ok(())
}

/// `a.difference(b)`: a new set.
fn difference(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let other_size = match b.payload() {
        Some(Payload::Set(_) | Payload::FrozenSet(_)) => Some(set_len(vm, b)),
        Some(Payload::Dict(d)) => Some(d.borrow(vm.gil).len()),
        _ => None,
    };
    match other_size {
        Some(n) if (set_len(vm, a) >> 2) <= n => {
            let result = new_set();
            let b_obj = obj(b);
            let is_dict = matches!(b.payload(), Some(Payload::Dict(_)));
            for k in elements(vm, a) {
                let found = if is_dict {
                    crate::ops::dict_get_item(vm, &b_obj, &k)?.is_some()
                } else {
                    contains_key(vm, &b_obj, &k)?
                };
                if !found {
                    crate::ops::set_add(vm, &result, k)?;
                }
            }
            Ok(result)
        }
        _ => {
            let result = copy_set(vm, a);
            difference_update_internal(vm, &result, b)?;
            Ok(result)
        }
    }
}

/// CPython's `set_symmetric_difference_update`.
pub(super) fn symmetric_difference_update(vm: &mut Vm, a: &Value, other: &Value) -> PyResult<()> {
    let Some(Payload::Set(cell)) = a.payload() else {
        return Ok(());
    };
    if a.is(other) {
        let old = cell.borrow_mut(vm.gil).take_all();
        drop(old);
        return Ok(());
    }
    let keys = match other.payload() {
        Some(Payload::Dict(d)) => {
            let d = d.borrow(vm.gil);
            d.iter().map(|e| e.key.clone()).collect()
        }
        Some(Payload::Set(_) | Payload::FrozenSet(_)) => elements(vm, other),
        _ => {
            let tmp = set_from(vm, other)?;
            elements(vm, &tmp)
        }
    };
    let a_obj = obj(a);
    for k in keys {
        if !discard_key(vm, &a_obj, &k)? {
            crate::ops::set_add(vm, a, k)?;
        }
    }
    Ok(())
}

/// `a.symmetric_difference(b)`: built from `b`, then updated with `a`, as in CPython.
fn symmetric_difference(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let result = set_from(vm, b)?;
    symmetric_difference_update(vm, &result, a)?;
    Ok(result)
}

/// `a <= b` for two sets.
fn is_subset(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if set_len(vm, a) > set_len(vm, b) {
        return Ok(false);
    }
    let b_obj = obj(b);
    for k in elements(vm, a) {
        if !crate::ops::set_contains(vm, &b_obj, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Set comparisons (`== != <= < >= >` as subset tests); `None` unless both
/// operands are sets or frozensets.
pub fn compare(
    vm: &mut Vm,
    op: ComparisonOperator,
    a: &Value,
    b: &Value,
) -> Option<PyResult<bool>> {
    use ComparisonOperator::*;
    if !is_anyset(a) || !is_anyset(b) {
        return None;
    }
    let (la, lb) = (set_len(vm, a), set_len(vm, b));
    Some(match op {
        Equal | NotEqual => {
            let eq = if la != lb {
                Ok(false)
            } else if let (Some(Payload::FrozenSet(x)), Some(Payload::FrozenSet(y))) =
                (a.payload(), b.payload())
            {
                if x.frozen_hash() != y.frozen_hash() {
                    Ok(false)
                } else {
                    is_subset(vm, a, b)
                }
            } else {
                is_subset(vm, a, b)
            };
            eq.map(|e| e == (op == Equal))
        }
        LessOrEqual => is_subset(vm, a, b),
        GreaterOrEqual => is_subset(vm, b, a),
        Less if la < lb => is_subset(vm, a, b),
        Greater if la > lb => is_subset(vm, b, a),
        Less | Greater => Ok(false),
    })
}

/// `a op b` for `| & - ^` between sets; the result has `a`'s type.
pub fn binary(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    if !is_anyset(a) || !is_anyset(b) || !matches!(op, Or | And | Subtract | Xor) {
        return None;
    }
    let r = match op {
        Or => {
            let out = copy_set(vm, a);
            update_internal(vm, &out, b).map(|_| out)
        }
        And => intersection(vm, a, b),
        Subtract => difference(vm, a, b),
        _ => symmetric_difference(vm, a, b),
    };
    Some(r.map(|s| like(vm, a, s)))
}

/// `a op= b` for a mutable set and a set or frozenset.
pub fn inplace(vm: &mut Vm, op: BinaryOperator, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    use BinaryOperator::*;
    if !matches!(a.payload(), Some(Payload::Set(_))) || !is_anyset(b) {
        return None;
    }
    let r = match op {
        Or => update_internal(vm, a, b),
        And => intersection_update(vm, a, std::slice::from_ref(b)),
        Subtract => difference_update_internal(vm, a, b),
        Xor => symmetric_difference_update(vm, a, b),
        _ => return None,
    };
    Some(r.map(|_| a.clone()))
}

fn intersection_update(vm: &mut Vm, a: &Value, others: &[Value]) -> PyResult<()> {
    let mut result = a.clone();
    for o in others {
        result = intersection(vm, &result, o)?;
    }
    if result.is(a) {
        return Ok(());
    }
    let new = match result.payload() {
        Some(Payload::Set(cell)) => std::mem::take(&mut *cell.borrow_mut(vm.gil)),
        _ => return Ok(()),
    };
    if let Some(Payload::Set(cell)) = a.payload() {
        let old = cell.borrow_mut(vm.gil).replace_with(new);
        drop(old);
    }
    Ok(())
}

/// `repr(set)`: `{1, 2}`, `set()`, `frozenset({1})`, `frozenset()`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let frozen = is_frozen(v);
    let name = if frozen { "frozenset" } else { "set" };
    let items = elements(vm, v);
    if items.is_empty() {
        return Ok(format!("{name}()"));
    }
    let o = obj(v);
    super::repr::guarded(vm, &o, &format!("{name}(...)"), |vm| {
        let mut out = String::new();
        if frozen {
            out.push_str("frozenset(");
        }
        out.push('{');
        super::repr::push_items(vm, &mut out, &items)?;
        out.push('}');
        if frozen {
            out.push(')');
        }
        Ok(out)
    })
}

/// `hash(frozenset)`.
pub fn frozen_hash(data: &SetData) -> i64 {
    data.frozen_hash()
}

// ----- methods -----

fn this<'a>(vm: &Vm, args: &'a [Value], owner: &str, method: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if is_anyset(v) => Ok(v),
        other => Err(descriptor_error(vm, owner, method, other)),
    }
}

fn this_mut<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if matches!(v.payload(), Some(Payload::Set(_))) => Ok(v),
        other => Err(descriptor_error(vm, "set", method, other)),
    }
}

fn owner_of(v: Option<&Value>) -> &'static str {
    if v.is_some_and(is_frozen) {
        "frozenset"
    } else {
        "set"
    }
}

fn set_add(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this_mut(vm, args, "add")?;
    let k = one_arg(vm, "set.add", args, kwargs)?;
    crate::ops::set_add(vm, s, k.clone())?;
    Ok(Value::None)
}

fn set_remove(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = obj(this_mut(vm, args, "remove")?);
    let k = one_arg(vm, "set.remove", args, kwargs)?;
    if !discard_key(vm, &s, k)? {
        return Err(vm.key_error(k.clone()));
    }
    Ok(Value::None)
}

fn set_discard(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = obj(this_mut(vm, args, "discard")?);
    let k = one_arg(vm, "set.discard", args, kwargs)?;
    discard_key(vm, &s, k)?;
    Ok(Value::None)
}

fn set_pop(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this_mut(vm, args, "pop")?;
    no_args(vm, "set.pop", args, kwargs)?;
    let Some(Payload::Set(cell)) = s.payload() else {
        return Ok(Value::None);
    };
    let popped = cell.borrow_mut(vm.gil).pop();
    popped.ok_or_else(|| vm.key_error(Value::str("pop from an empty set")))
}

fn set_clear(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this_mut(vm, args, "clear")?;
    no_args(vm, "set.clear", args, kwargs)?;
    if let Some(Payload::Set(cell)) = s.payload() {
        let old = cell.borrow_mut(vm.gil).take_all();
        drop(old);
    }
    Ok(Value::None)
}

fn set_copy(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "copy")?;
    no_args(vm, &format!("{owner}.copy"), args, kwargs)?;
    if is_frozen(s) {
        return Ok(s.clone());
    }
    Ok(copy_set(vm, s))
}

fn set_update_method(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this_mut(vm, args, "update")?;
    no_kwargs(vm, "set.update", kwargs)?;
    for o in &args[1..] {
        update_internal(vm, s, o)?;
    }
    Ok(Value::None)
}

fn set_union(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "union")?;
    no_kwargs(vm, &format!("{owner}.union"), kwargs)?;
    let out = copy_set(vm, s);
    for o in &args[1..] {
        if !o.is(s) {
            update_internal(vm, &out, o)?;
        }
    }
    Ok(like(vm, s, out))
}

fn set_intersection(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "intersection")?;
    no_kwargs(vm, &format!("{owner}.intersection"), kwargs)?;
    if args.len() == 1 {
        return Ok(like(vm, s, copy_set(vm, s)));
    }
    let mut result = s.clone();
    for o in &args[1..] {
        result = intersection(vm, &result, o)?;
    }
    Ok(like(vm, s, result))
}

fn set_intersection_update(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let s = this_mut(vm, args, "intersection_update")?;
    no_kwargs(vm, "set.intersection_update", kwargs)?;
    intersection_update(vm, s, &args[1..])?;
    Ok(Value::None)
}

fn set_difference(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "difference")?;
    no_kwargs(vm, &format!("{owner}.difference"), kwargs)?;
    if args.len() == 1 {
        return Ok(like(vm, s, copy_set(vm, s)));
    }
    let result = difference(vm, s, &args[1])?;
    for o in &args[2..] {
        difference_update_internal(vm, &result, o)?;
    }
    Ok(like(vm, s, result))
}

fn set_difference_update(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let s = this_mut(vm, args, "difference_update")?;
    no_kwargs(vm, "set.difference_update", kwargs)?;
    for o in &args[1..] {
        difference_update_internal(vm, s, o)?;
    }
    Ok(Value::None)
}

fn set_symmetric_difference(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "symmetric_difference")?;
    let o = one_arg(vm, &format!("{owner}.symmetric_difference"), args, kwargs)?;
    let r = symmetric_difference(vm, s, o)?;
    Ok(like(vm, s, r))
}

fn set_symmetric_difference_update(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let s = this_mut(vm, args, "symmetric_difference_update")?;
    let o = one_arg(vm, "set.symmetric_difference_update", args, kwargs)?;
    symmetric_difference_update(vm, s, o)?;
    Ok(Value::None)
}

fn set_issubset(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "issubset")?;
    let o = one_arg(vm, &format!("{owner}.issubset"), args, kwargs)?;
    let other = if is_anyset(o) {
        o.clone()
    } else {
        set_from(vm, o)?
    };
    Ok(Value::Bool(is_subset(vm, s, &other)?))
}

fn set_issuperset(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "issuperset")?;
    let o = one_arg(vm, &format!("{owner}.issuperset"), args, kwargs)?;
    if is_anyset(o) {
        return Ok(Value::Bool(is_subset(vm, o, s)?));
    }
    let s_obj = obj(s);
    let it = crate::ops::get_iter(vm, o)?;
    while let Some(k) = crate::ops::iter_next(vm, &it)? {
        if !crate::ops::set_contains(vm, &s_obj, &k)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn set_isdisjoint(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = this(vm, args, owner, "isdisjoint")?;
    let o = one_arg(vm, &format!("{owner}.isdisjoint"), args, kwargs)?;
    if s.is(o) {
        return Ok(Value::Bool(set_len(vm, s) == 0));
    }
    if is_anyset(o) {
        let (big, small) = if set_len(vm, o) > set_len(vm, s) {
            (o, s)
        } else {
            (s, o)
        };
        let big = obj(big);
        for k in elements(vm, small) {
            if crate::ops::set_contains(vm, &big, &k)? {
                return Ok(Value::Bool(false));
            }
        }
        return Ok(Value::Bool(true));
    }
    let s_obj = obj(s);
    let it = crate::ops::get_iter(vm, o)?;
    while let Some(k) = crate::ops::iter_next(vm, &it)? {
        if crate::ops::set_contains(vm, &s_obj, &k)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn set_contains_method(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let owner = owner_of(args.first());
    let s = obj(this(vm, args, owner, "__contains__")?);
    let k = one_arg(vm, &format!("{owner}.__contains__"), args, kwargs)?;
    Ok(Value::Bool(contains_key(vm, &s, k)?))
}

/// `x in s` for sets and frozensets.
pub fn contains(vm: &mut Vm, s: &ObjRef, x: &Value) -> PyResult<bool> {
    contains_key(vm, s, x)
}

/// `set.update(iterable)` as the `SetUpdate` instruction needs it (`{*a, *b}`):
/// CPython's `set_update_internal`, which merges sets table to table.
pub fn set_update(vm: &mut Vm, set: &Value, iterable: &Value) -> PyResult<()> {
    update_internal(vm, set, iterable)
}

/// The frozenset constant CPython's compiler makes for a set display of more than
/// two constants: built from the items, then rebuilt from its own iteration order
/// when the compiler merges constants. (`BUILD_SET 0` + `SET_UPDATE` of it gives the
/// display's layout.)
pub fn frozenset_constant(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    let first = crate::ops::new_set_from(vm, items)?;
    let order = elements(vm, &first);
    let second = crate::ops::new_set_from(vm, order)?;
    Ok(freeze(vm, second))
}

/// `set(iterable=())`.
fn set_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "set", kwargs)?;
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "set", rest.len(), 0, 1)?;
    match rest.first() {
        Some(src) => set_from(vm, src),
        None => Ok(new_set()),
    }
}

/// `frozenset(iterable=())`: an existing frozenset is returned as is.
fn frozenset_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "frozenset", kwargs)?;
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "frozenset", rest.len(), 0, 1)?;
    match rest.first() {
        Some(src) if is_frozen(src) => Ok(src.clone()),
        Some(src) => {
            let s = set_from(vm, src)?;
            Ok(freeze(vm, s))
        }
        None => Ok(Value::new_obj(Payload::FrozenSet(SetData::new()))),
    }
}

/// Installs the set and frozenset constructors and methods.
pub fn register(vm: &Vm) {
    type M = (&'static str, crate::types::function::NativeFn);
    let shared: &[M] = &[
        ("copy", set_copy),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
        ("__contains__", set_contains_method),
    ];
    let mutating: &[M] = &[
        ("add", set_add),
        ("remove", set_remove),
        ("discard", set_discard),
        ("pop", set_pop),
        ("clear", set_clear),
        ("update", set_update_method),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
    ];
    let set = vm.types().set.clone();
    let frozen = vm.types().frozenset.clone();
    add_staticmethod(vm, &set, "__new__", set_new);
    add_staticmethod(vm, &frozen, "__new__", frozenset_new);
    for &(name, f) in shared {
        add_method(vm, &set, name, f);
        add_method(vm, &frozen, name, f);
    }
    for &(name, f) in mutating {
        add_method(vm, &set, name, f);
    }
}
