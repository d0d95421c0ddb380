//! Hashing, equality and keyed storage: what dict and set operations need.
//!
//! Lookups compare built-in keys natively under the container's borrow. Keys whose
//! equality is user-defined are compared afterwards, outside the borrow (their
//! `__eq__` may touch the same container).

use super::{call_dunder, compare, is_user_object, truthy};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::types::set::SetData;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::ComparisonOperator;

/// `hash(v)`.
pub fn hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Some(h) = crate::number::hash(v) {
        return Ok(h);
    }
    match v {
        Value::None | Value::Null => return Ok(0x5f3a_9c1e),
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => return Ok(s.hash()),
            Payload::Tuple(items) => return tuple_hash(vm, items),
            Payload::List(_) | Payload::Dict(_) | Payload::Set(_) => {
                return Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v))))
            }
            Payload::Instance(_) | Payload::Exception(_) => {
                let class = vm.type_of(v);
                let hash_name = vm.interp.names.hash.clone();
                match crate::attr::lookup_type_attr(vm, &class, &hash_name) {
                    Some(Value::None) => {
                        return Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v))))
                    }
                    Some(f) if !super::is_default_native(&f) => {
                        let r = vm.call(&f, vec![v.clone()], vec![])?;
                        return match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Bool(b) => Ok(b as i64),
                            other => match crate::number::hash(&other) {
                                Some(h) if matches!(other.payload(), Some(Payload::BigInt(_))) => {
                                    Ok(h)
                                }
                                _ => Err(vm.type_error("__hash__ method should return an integer")),
                            },
                        };
                    }
                    _ => {
                        // A class that defines __eq__ without __hash__ is unhashable.
                        let eq_name = vm.interp.names.eq.clone();
                        if let Some(f) = crate::attr::lookup_type_attr(vm, &class, &eq_name) {
                            if !super::is_default_native(&f) {
                                return Err(vm.type_error(format!(
                                    "unhashable type: '{}'",
                                    vm.type_name(v)
                                )));
                            }
                        }
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
    if let Some(r) = crate::containers::hash(vm, v) {
        return r;
    }
    Ok(identity_hash(v))
}

/// CPython's pointer hash: the address rotated by 4 bits.
fn identity_hash(v: &Value) -> i64 {
    let id = v.id() as u64;
    (id.rotate_right(4)) as i64
}

/// CPython 3.11's tuple hash (xxHash-derived).
fn tuple_hash(vm: &mut Vm, items: &[Value]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for item in items {
        let lane = hash(vm, item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

/// Equality decided without calling Python: `Some(answer)` for built-in values and
/// identity, `None` when a user-defined `__eq__` must decide.
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    if let Some(r) = crate::number::eq(a, b) {
        return Some(r);
    }
    match (a, b) {
        (Value::None, Value::None) => Some(true),
        (Value::Obj(x), Value::Obj(y)) => {
            if x.is(y) {
                return Some(true);
            }
            match (x.payload(), y.payload()) {
                (Payload::Str(s), Payload::Str(t)) => Some(s.as_str() == t.as_str()),
                (Payload::Tuple(s), Payload::Tuple(t)) => {
                    if s.len() != t.len() {
                        return Some(false);
                    }
                    for (p, q) in s.iter().zip(t.iter()) {
                        match fast_eq(p, q) {
                            Some(true) => {}
                            other => return other,
                        }
                    }
                    Some(true)
                }
                (Payload::Instance(_), _) | (_, Payload::Instance(_)) => None,
                (Payload::Exception(_), _) | (_, Payload::Exception(_)) => None,
                (Payload::List(_), _) | (Payload::Dict(_), _) | (Payload::Set(_), _) => None,
                (Payload::FrozenSet(_), _) | (Payload::Range(_), _) => None,
                (Payload::BigInt(_), _) | (_, Payload::BigInt(_)) => None,
                (Payload::Bytes(p), Payload::Bytes(q)) => Some(p == q),
                _ => Some(false),
            }
        }
        (Value::Obj(o), _) | (_, Value::Obj(o)) => match o.payload() {
            Payload::Instance(_) | Payload::Exception(_) | Payload::BigInt(_) => None,
            _ => Some(false),
        },
        _ => Some(false),
    }
}

/// `a == b` as a Rust bool.
pub fn eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = fast_eq(a, b) {
        return Ok(r);
    }
    let r = compare(vm, ComparisonOperator::Equal, a, b)?;
    truthy(vm, &r)
}

/// Hash storage that can be searched by a key (dict entries, set elements).
trait KeyedStorage {
    fn find_slot(&self, hash: i64, eq: &mut dyn FnMut(&Value) -> bool) -> Option<usize>;
    fn slots_with_hash(&self, hash: i64) -> Vec<(usize, Value)>;
}

impl KeyedStorage for Dict {
    fn find_slot(&self, hash: i64, eq: &mut dyn FnMut(&Value) -> bool) -> Option<usize> {
        self.find(hash, eq)
    }
    fn slots_with_hash(&self, hash: i64) -> Vec<(usize, Value)> {
        self.candidates(hash)
    }
}

impl KeyedStorage for SetData {
    fn find_slot(&self, hash: i64, eq: &mut dyn FnMut(&Value) -> bool) -> Option<usize> {
        self.find(hash, eq)
    }
    fn slots_with_hash(&self, hash: i64) -> Vec<(usize, Value)> {
        self.candidates(hash)
    }
}

/// Finds `key`'s slot: built-in keys are compared under the borrow; when a key's
/// equality is user-defined, the candidates are compared afterwards, outside the
/// borrow, since `__eq__` may touch the same container.
fn find_key<S: KeyedStorage, R: std::ops::Deref<Target = S>>(
    vm: &mut Vm,
    storage: impl Fn(&Vm) -> R,
    key: &Value,
    hash: i64,
) -> PyResult<Option<usize>> {
    let mut undecided = false;
    let found = storage(vm).find_slot(hash, &mut |k| match fast_eq(k, key) {
        Some(r) => r,
        None => {
            undecided = true;
            false
        }
    });
    if found.is_some() || !undecided {
        return Ok(found);
    }
    let candidates = storage(vm).slots_with_hash(hash);
    for (pos, k) in candidates {
        if eq(vm, &k, key)? {
            return Ok(Some(pos));
        }
    }
    Ok(None)
}

/// Finds `key` in a dict, returning its slot.
fn dict_find(vm: &mut Vm, dict: &ObjRef, key: &Value, hash: i64) -> PyResult<Option<usize>> {
    match dict.payload() {
        Payload::Dict(d) => find_key(vm, |vm| d.borrow(vm.gil), key, hash),
        _ => Ok(None),
    }
}

/// `dict[key]`, or `None` if absent.
pub fn dict_get_item(vm: &mut Vm, dict: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
    let h = hash(vm, key)?;
    let pos = dict_find(vm, dict, key, h)?;
    Ok(match (pos, dict.payload()) {
        (Some(p), Payload::Dict(d)) => d.borrow(vm.gil).value_at(p).cloned(),
        _ => None,
    })
}

/// `dict[key] = value`.
pub fn dict_set_item(vm: &mut Vm, dict: &ObjRef, key: Value, value: Value) -> PyResult<()> {
    let h = hash(vm, &key)?;
    let pos = dict_find(vm, dict, &key, h)?;
    let Payload::Dict(d) = dict.payload() else {
        return Err(vm.type_error("not a dict"));
    };
    let Some(mut d) = d.try_borrow_mut(vm.gil) else {
        return Err(vm.runtime_error("dictionary changed during a lookup"));
    };
    let old = match pos {
        Some(p) => d.replace_value_at(p, value),
        None => {
            d.insert_new(h, key, value);
            None
        }
    };
    drop(d);
    drop(old);
    Ok(())
}

/// `del dict[key]`; returns the removed value, or `None` if absent.
pub fn dict_del_item(vm: &mut Vm, dict: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
    let h = hash(vm, key)?;
    let pos = dict_find(vm, dict, key, h)?;
    let (Some(p), Payload::Dict(d)) = (pos, dict.payload()) else {
        return Ok(None);
    };
    let entry = d.borrow_mut(vm.gil).remove_at(p);
    Ok(entry.map(|e| e.value))
}

/// `dict.update(mapping)`, also used for `{**m}` and `f(**m)`. When `func` is given,
/// keys must be strings and may not repeat (call semantics).
pub fn dict_update(
    vm: &mut Vm,
    dict: &Value,
    mapping: &Value,
    func: Option<&Value>,
) -> PyResult<()> {
    let Some(target) = dict.as_obj().cloned() else {
        return Ok(());
    };
    let pairs: Vec<(Value, Value)> = match mapping.payload() {
        Some(Payload::Dict(d)) => d
            .borrow(vm.gil)
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect(),
        _ => {
            let keys_name = Value::str("keys");
            let Some(keys) = crate::attr::get_attr_opt(vm, mapping, &keys_name)? else {
                return Err(match func {
                    Some(f) => vm.type_error(format!(
                        "{} argument after ** must be a mapping, not {}",
                        callable_name(vm, f),
                        vm.type_name(mapping)
                    )),
                    None => vm.type_error(format!(
                        "'{}' object is not a mapping",
                        vm.type_name(mapping)
                    )),
                });
            };
            let keys = vm.call(&keys, vec![], vec![])?;
            let mut pairs = Vec::new();
            for k in super::collect_iterable(vm, &keys)? {
                let v = super::get_item(vm, mapping, &k)?;
                pairs.push((k, v));
            }
            pairs
        }
    };
    for (k, v) in pairs {
        if let Some(f) = func {
            if k.as_str().is_none() {
                return Err(
                    vm.type_error(format!("{} keywords must be strings", callable_name(vm, f)))
                );
            }
            if dict_get_item(vm, &target, &k)?.is_some() {
                return Err(vm.type_error(format!(
                    "{} got multiple values for keyword argument '{}'",
                    callable_name(vm, f),
                    k.as_str().unwrap_or("")
                )));
            }
        }
        dict_set_item(vm, &target, k, v)?;
    }
    Ok(())
}

/// `f()` / `A.m()` as CPython names a callable in call errors.
pub fn callable_name(vm: &Vm, f: &Value) -> String {
    match f.payload() {
        Some(Payload::Function(func)) => {
            format!("{}()", func.qualname.borrow(vm.gil).as_str().unwrap_or("?"))
        }
        Some(Payload::NativeFunction(nf)) => format!("{}()", nf.name),
        Some(Payload::BoundMethod(bm)) => callable_name(vm, &bm.func),
        Some(Payload::Type(t)) => format!("{}()", t.name),
        _ => format!("{} object", vm.type_name(f)),
    }
}

fn set_data(o: &ObjRef) -> Option<&crate::object::GilCell<SetData>> {
    match o.payload() {
        Payload::Set(s) => Some(s),
        _ => None,
    }
}

fn set_find_in(
    vm: &mut Vm,
    cell: &crate::object::GilCell<SetData>,
    key: &Value,
    h: i64,
) -> PyResult<Option<usize>> {
    find_key(vm, |vm| cell.borrow(vm.gil), key, h)
}

/// Finds an element in immutable set storage (frozenset).
fn frozen_find(vm: &mut Vm, data: &SetData, key: &Value, h: i64) -> PyResult<bool> {
    Ok(find_key(vm, |_| data, key, h)?.is_some())
}

/// `key in set` for set and frozenset objects.
pub fn set_contains(vm: &mut Vm, set: &ObjRef, key: &Value) -> PyResult<bool> {
    let h = hash(vm, key)?;
    match set.payload() {
        Payload::Set(s) => Ok(set_find_in(vm, s, key, h)?.is_some()),
        Payload::FrozenSet(s) => frozen_find(vm, s, key, h),
        _ => Ok(false),
    }
}

/// `set.add(key)`.
pub fn set_add(vm: &mut Vm, set: &Value, key: Value) -> PyResult<()> {
    let Some(o) = set.as_obj() else { return Ok(()) };
    let h = hash(vm, &key)?;
    let Some(cell) = set_data(o) else {
        return Ok(());
    };
    if set_find_in(vm, cell, &key, h)?.is_none() {
        cell.borrow_mut(vm.gil).insert_new(h, key);
    }
    Ok(())
}

/// `set.discard(key)`: true if it was present.
pub fn set_discard(vm: &mut Vm, set: &ObjRef, key: &Value) -> PyResult<bool> {
    let h = hash(vm, key)?;
    let Some(cell) = set_data(set) else {
        return Ok(false);
    };
    match set_find_in(vm, cell, key, h)? {
        Some(pos) => {
            let removed = cell.borrow_mut(vm.gil).remove_at(pos);
            drop(removed);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// A new set object from items.
pub fn new_set_from(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    let set = Value::new_obj(Payload::Set(crate::object::GilCell::new(SetData::new())));
    for item in items {
        set_add(vm, &set, item)?;
    }
    Ok(set)
}

/// A fresh `Dict` (not an object) from (key, value) pairs, keys compared as Python does.
pub fn dict_from_pairs(vm: &mut Vm, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
    let d = vm.new_dict(Dict::with_capacity(pairs.len()));
    let obj = d.as_obj().cloned().expect("dict");
    for (k, v) in pairs {
        dict_set_item(vm, &obj, k, v)?;
    }
    Ok(d)
}

/// True when `v`'s class defines `__eq__` in Python (its keys need the slow path).
pub fn has_user_eq(vm: &mut Vm, v: &Value) -> bool {
    if !is_user_object(v) {
        return false;
    }
    let class = vm.type_of(v);
    let eq_name = vm.interp.names.eq.clone();
    crate::attr::lookup_type_attr(vm, &class, &eq_name)
        .is_some_and(|f| !super::is_default_native(&f))
}

/// Calls `__eq__` directly (used by containers comparing user objects).
pub fn user_eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    match call_dunder(vm, a, "__eq__", vec![b.clone()])? {
        Some(r) if !r.is(&vm.interp.not_implemented) => Ok(Some(truthy(vm, &r)?)),
        _ => Ok(None),
    }
}
