//! Creating classes: the C3 method resolution order and turning a finished class
//! body's namespace into a class object.

use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

/// The C3 linearization of a class with these bases, without the class itself.
pub fn compute_mro(vm: &Vm, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    let mut sequences: Vec<Vec<ObjRef>> = Vec::new();
    for b in bases {
        let mut seq = vec![b.clone()];
        if let Some(t) = b.as_type() {
            seq.extend(t.mro.iter().cloned());
        }
        sequences.push(seq);
    }
    sequences.push(bases.to_vec());
    let mut out: Vec<ObjRef> = Vec::new();
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(out);
        }
        // The first head that appears in no other sequence's tail.
        let candidate = sequences
            .iter()
            .map(|s| s[0].clone())
            .find(|head| !sequences.iter().any(|s| s[1..].iter().any(|c| c.is(head))));
        let Some(next) = candidate else {
            let names: Vec<String> = bases
                .iter()
                .filter_map(|b| b.as_type().map(|t| t.name.clone()))
                .collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in sequences.iter_mut() {
            if s[0].is(&next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

/// Builds the class once its body has run: takes `__qualname__`, `__module__` and
/// `__classcell__` out of the namespace and fills the `__class__` cell.
pub fn finish_class(
    vm: &mut Vm,
    name: Value,
    bases: Vec<ObjRef>,
    namespace: ObjRef,
) -> PyResult<Value> {
    let name = name.as_str().unwrap_or("?").to_string();
    let mut dict = match namespace.payload() {
        Payload::Dict(d) => {
            let mut d = d.borrow_mut(vm.gil);
            let mut copy = Dict::with_capacity(d.len());
            for e in d.take_all() {
                copy.insert_new(e.hash, e.key, e.value);
            }
            copy
        }
        _ => Dict::new(),
    };
    let qualname = dict
        .remove_str("__qualname__")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| name.clone());
    let module = dict
        .get_str("__module__")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "__main__".to_string());
    let classcell = dict.remove_str("__classcell__");
    // Functions stored as `__init_subclass__`/`__new__` are implicitly static/class
    // methods in CPython; `__new__` is the one that matters here.
    if let Some(new) = dict.get_str("__new__").cloned() {
        if matches!(new.payload(), Some(Payload::Function(_))) {
            dict.set_str(
                Value::str("__new__"),
                Value::new_obj(Payload::StaticMethod(new)),
            );
        }
    }
    let class = vm.new_class(&name, &qualname, &module, bases, dict)?;
    if let Some(Value::Obj(cell)) = classcell {
        if let Payload::Cell(c) = cell.payload() {
            *c.borrow_mut(vm.gil) = Value::Obj(class.clone());
        }
    }
    Ok(Value::Obj(class))
}
