//! The `abc` module: `ABC` and `abstractmethod`. Instantiating a subclass of `ABC`
//! that still has abstract methods raises CPython's TypeError. `ABCMeta` is `type`
//! (gilded has no metaclasses), so `class A(metaclass=ABCMeta)` is not checked.

use super::native_class::new_class;
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;

fn abstractmethod(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = args::exactly_one(vm, "abstractmethod", args, kw)?.clone();
    let inner = match f.payload() {
        Some(Payload::StaticMethod(g) | Payload::ClassMethod(g)) => g.clone(),
        Some(Payload::Property(p)) => p.fget.clone(),
        _ => f.clone(),
    };
    // Objects that cannot hold attributes are returned unmarked, as CPython does.
    let _ = crate::attr::set_attr(
        vm,
        &inner,
        &Value::str("__isabstractmethod__"),
        Value::Bool(true),
    );
    Ok(f)
}

/// True when a class attribute is (or wraps) a function marked abstract.
fn is_abstract(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let inner = match v.payload() {
        Some(Payload::StaticMethod(g) | Payload::ClassMethod(g)) => g.clone(),
        Some(Payload::Property(p)) => p.fget.clone(),
        Some(Payload::Function(_)) => v.clone(),
        _ => return Ok(false),
    };
    match crate::attr::get_attr_opt(vm, &inner, &Value::str("__isabstractmethod__"))? {
        Some(flag) => crate::ops::truthy(vm, &flag),
        None => Ok(false),
    }
}

/// The sorted names of the abstract methods a class has not overridden.
fn abstract_methods(vm: &mut Vm, class: &ObjRef) -> PyResult<Vec<String>> {
    let Some(t) = class.as_type() else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = Vec::new();
    for c in std::iter::once(class).chain(t.mro.iter()) {
        if let Some(ct) = c.as_type() {
            for e in ct.dict.borrow(vm.gil).iter() {
                if let Some(k) = e.key.as_str() {
                    if !names.iter().any(|n| n == k) {
                        names.push(k.to_string());
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for name in names {
        if let Some(v) = crate::attr::lookup_type_attr(vm, class, &Value::str(name.as_str())) {
            if is_abstract(vm, &v)? {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `ABC.__new__(cls, *args)`: refuses classes with abstract methods left.
fn abc_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let class = match args.first() {
        Some(Value::Obj(c)) if c.as_type().is_some() => c.clone(),
        _ => return Err(vm.type_error("ABC.__new__(X): X is not a type object")),
    };
    let missing = abstract_methods(vm, &class)?;
    let name = class.as_type().map(|t| t.name.clone()).unwrap_or_default();
    if !missing.is_empty() {
        let plural = if missing.len() == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "Can't instantiate abstract class {name} with abstract method{plural} {}",
            missing.join(", ")
        )));
    }
    if args.len() > 1 || !kw.is_empty() {
        let init = crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.init);
        let default_init = matches!(
            init.as_ref().and_then(|f| f.payload()),
            Some(Payload::NativeFunction(nf)) if nf.owner == Some("object")
        );
        if default_init {
            return Err(vm.type_error(format!("{name}() takes no arguments")));
        }
    }
    Ok(vm.new_instance(&class, &args[1..]))
}

/// Builds `abc`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("abc");
    add_fn(vm, &m, "abstractmethod", abstractmethod);
    let abc = new_class(vm, "abc", "ABC", &[]);
    if let Some(t) = abc.as_type() {
        crate::attr::class_namespace_changed(vm);
        // A static method holding a native: the class call runs it as a custom
        // `__new__` (plain natives there are taken for `object.__new__`).
        let new = crate::call::native_function("__new__", abc_new);
        t.dict.borrow_mut(vm.gil).set_str(
            Value::str("__new__"),
            Value::new_obj(Payload::StaticMethod(new)),
        );
    }
    set_attr(vm, &m, "ABC", Value::Obj(abc));
    set_attr(vm, &m, "ABCMeta", Value::Obj(vm.types().type_.clone()));
    m
}
