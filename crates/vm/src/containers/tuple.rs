//! `tuple`: subscripts, `+` (tuples only), `*`, repr (`(1,)`), and the methods.

use super::arguments::{clinic_arity, descriptor_error, no_kwargs, one_arg};
use super::sequence::{self, Seq};
use super::slice::{subscript, Subscript};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// `t[key]`.
pub fn get_item(vm: &mut Vm, this: &Value, t: &[Value], key: &Value) -> PyResult<Value> {
    if let Value::Int(i) = key {
        let n = t.len() as i64;
        let j = if *i < 0 { *i + n } else { *i };
        if j >= 0 && j < n {
            return Ok(t[j as usize].clone());
        }
        return Err(vm.index_error("tuple index out of range"));
    }
    match subscript(vm, key, t.len(), "tuple")? {
        Subscript::Index(i) => Ok(t[i].clone()),
        Subscript::Slice(r) => {
            if r.step == 1 && r.len == t.len() {
                return Ok(this.clone());
            }
            Ok(vm.new_tuple(super::slice::take(t, &r)))
        }
    }
}

/// `a + b` for two tuples.
pub fn concat(vm: &Vm, a: &Value, ta: &[Value], b: &Value, tb: &[Value]) -> Value {
    if tb.is_empty() {
        return a.clone();
    }
    if ta.is_empty() {
        return b.clone();
    }
    let mut out = Vec::with_capacity(ta.len() + tb.len());
    out.extend_from_slice(ta);
    out.extend_from_slice(tb);
    vm.new_tuple(out)
}

/// `t * n`.
pub fn repeat(vm: &Vm, this: &Value, t: &[Value], n: usize) -> PyResult<Value> {
    if n == 1 {
        return Ok(this.clone());
    }
    Ok(vm.new_tuple(sequence::repeat(vm, t, n)?))
}

/// `repr(t)`: `()`, `(1,)`, `(1, 2)`.
pub fn repr(vm: &mut Vm, this: &Value, t: &[Value]) -> PyResult<String> {
    if t.is_empty() {
        return Ok("()".into());
    }
    let Some(o) = this.as_obj() else {
        return Ok("()".into());
    };
    super::repr::guarded(vm, o, "(...)", |vm| {
        let mut out = String::from("(");
        super::repr::push_items(vm, &mut out, t)?;
        if t.len() == 1 {
            out.push(',');
        }
        out.push(')');
        Ok(out)
    })
}

fn this<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a [Value]> {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::Tuple(t)) => Ok(t),
        _ => Err(descriptor_error(vm, "tuple", method, args.first())),
    }
}

/// `tuple(iterable=())`.
fn tuple_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "tuple", kwargs)?;
    let rest = args.get(1..).unwrap_or(&[]);
    clinic_arity(vm, "tuple", rest.len(), 0, 1)?;
    match rest.first() {
        Some(src) if matches!(src.payload(), Some(Payload::Tuple(_))) => Ok(src.clone()),
        Some(src) => {
            let items = super::iterators::collect(vm, src)?;
            Ok(vm.new_tuple(items))
        }
        None => Ok(vm.new_tuple(Vec::new())),
    }
}

fn tuple_count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = this(vm, args, "count")?;
    let x = one_arg(vm, "tuple.count", args, kwargs)?;
    Ok(Value::Int(sequence::count(vm, Seq::Items(t), x)? as i64))
}

fn tuple_index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = this(vm, args, "index")?;
    no_kwargs(vm, "tuple.index", kwargs)?;
    clinic_arity(vm, "index", args.len() - 1, 1, 3)?;
    let (start, stop) = sequence::search_bounds(vm, args.get(2), args.get(3), t.len())?;
    match sequence::index_of(vm, Seq::Items(t), &args[1], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("tuple.index(x): x not in tuple")),
    }
}

/// Installs the tuple constructor and methods.
pub fn register(vm: &Vm) {
    let c = vm.types().tuple.clone();
    add_staticmethod(vm, &c, "__new__", tuple_new);
    add_method(vm, &c, "count", tuple_count);
    add_method(vm, &c, "index", tuple_index);
}
