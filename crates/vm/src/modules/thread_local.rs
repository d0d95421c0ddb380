//! `_thread._local` (`threading.local`): an object whose attributes are different in
//! every thread. Each thread's attributes live in a dict of its own, found by the
//! thread's record in the interpreter lock (records are never freed, so a finished
//! thread's key is never reused by a new thread, unlike its ident).

use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::{NativeObj, ObjRef, Payload};
use crate::types::class::Layout;
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// The per-thread attribute dicts of one `_local`, by thread key.
struct PerThread(RefCell<HashMap<usize, ObjRef>>);

// SAFETY: the dicts are only reached through the `_local` object's methods, which run
// holding the GIL; the `Arc` never leaves the object.
unsafe impl Send for PerThread {}
unsafe impl Sync for PerThread {}

/// The current thread's attribute dict of `this`, created empty on first use.
fn thread_dict(vm: &Vm, this: &Value) -> PyResult<ObjRef> {
    let Some(Payload::Native(n)) = this.payload() else {
        return Err(vm.type_error("descriptor requires a '_thread._local' object"));
    };
    let Some(per_thread) = n.get::<PerThread>() else {
        return Err(vm.type_error("descriptor requires a '_thread._local' object"));
    };
    let key = Arc::as_ptr(&vm.thread) as usize;
    let mut dicts = per_thread.0.borrow_mut();
    let dict = dicts
        .entry(key)
        .or_insert_with(|| ObjRef::new(Payload::Dict(crate::object::GilCell::new(Dict::new()))));
    Ok(dict.clone())
}

fn local_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_thread._local' instances"));
    };
    if args.len() > 1 || !kw.is_empty() {
        return Err(vm.type_error("Initialization arguments are not supported"));
    }
    Ok(Value::new_obj(Payload::Native(NativeObj {
        class: class.clone(),
        data: Arc::new(PerThread(RefCell::new(HashMap::new()))),
    })))
}

fn attr_name(vm: &Vm, args: &[Value]) -> PyResult<Value> {
    let name = args.get(1).cloned().unwrap_or(Value::None);
    if name.as_str().is_none() {
        let t = vm.type_name(&name);
        return Err(vm.type_error(format!("attribute name must be string, not '{t}'")));
    }
    Ok(name)
}

fn missing(vm: &Vm, name: &Value) -> crate::error::PyErr {
    vm.attribute_error(format!(
        "'_thread._local' object has no attribute '{}'",
        name.as_str().unwrap_or("")
    ))
}

fn local_getattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let name = attr_name(vm, args)?;
    let dict = thread_dict(vm, &args[0])?;
    if name.as_str() == Some("__dict__") {
        return Ok(Value::Obj(dict));
    }
    match vm.dict_lookup_str(&dict, &name) {
        Some(v) => Ok(v),
        None => Err(missing(vm, &name)),
    }
}

fn local_setattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let name = attr_name(vm, args)?;
    if name.as_str() == Some("__dict__") {
        return Err(vm.attribute_error("'_thread._local' object attribute '__dict__' is read-only"));
    }
    let value = args.get(2).cloned().unwrap_or(Value::None);
    let dict = thread_dict(vm, &args[0])?;
    crate::vm::dict_set_str(vm, &dict, name.as_str().unwrap_or(""), value);
    Ok(Value::None)
}

fn local_delattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let name = attr_name(vm, args)?;
    let dict = thread_dict(vm, &args[0])?;
    let removed = match dict.payload() {
        Payload::Dict(d) => d.borrow_mut(vm.gil).remove_str(name.as_str().unwrap_or("")),
        _ => None,
    };
    match removed {
        Some(old) => {
            drop(old);
            Ok(Value::None)
        }
        None => Err(missing(vm, &name)),
    }
}

/// The `_thread._local` class.
pub fn create_class(vm: &Vm) -> ObjRef {
    let object = vm.types().object.clone();
    let class = crate::bootstrap::builtin_type("_local", "_thread", &[&object], Layout::Builtin);
    add_staticmethod(vm, &class, "__new__", local_new);
    add_method(vm, &class, "__getattr__", local_getattr);
    add_method(vm, &class, "__setattr__", local_setattr);
    add_method(vm, &class, "__delattr__", local_delattr);
    class
}
