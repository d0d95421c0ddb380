//! Attribute access: `obj.name` reads, writes and deletes, with descriptors
//! (functions bind, properties compute, static and class methods) and the MRO.

use crate::error::{PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::types::class::Layout;
use crate::types::function::{BoundMethod, NativeKind};
use crate::value::Value;
use crate::vm::Vm;

/// Finds `name` in a class or its MRO (no binding), through the class's cache.
pub fn lookup_type_attr(vm: &Vm, class: &ObjRef, name: &Value) -> Option<Value> {
    let t = class.as_type()?;
    name.as_str_obj()?;
    let version = vm.interp.class_version.get();
    {
        let cache = t.attr_cache.borrow(vm.gil);
        if cache.version == version {
            if let Some(hit) = cache.entries.get_str_value(name) {
                return if hit.is_null() {
                    None
                } else {
                    Some(hit.clone())
                };
            }
        }
    }
    let found = lookup_type_attr_uncached(vm, class, name);
    let mut cache = fresh_cache(vm, t, version);
    cache
        .entries
        .set_str(name.clone(), found.clone().unwrap_or(Value::Null));
    found
}

/// The class's cache, emptied first if it belongs to an older version.
fn fresh_cache<'a>(
    vm: &Vm,
    t: &'a crate::types::class::TypeObj,
    version: u64,
) -> std::cell::RefMut<'a, crate::types::class::AttrCache> {
    let mut cache = t.attr_cache.borrow_mut(vm.gil);
    if cache.version != version {
        let stale = std::mem::take(&mut cache.entries);
        cache.version = version;
        cache.has_data_descriptors = None;
        drop(cache);
        // Dropping old entries may free objects; do it outside the borrow.
        drop(stale);
        cache = t.attr_cache.borrow_mut(vm.gil);
    }
    cache
}

/// True when some class in the MRO defines a property (which takes precedence over
/// the instance's own attributes). Cached per class-namespace version.
fn has_data_descriptors(vm: &Vm, class: &ObjRef) -> bool {
    let Some(t) = class.as_type() else {
        return true;
    };
    let version = vm.interp.class_version.get();
    {
        let cache = t.attr_cache.borrow(vm.gil);
        if cache.version == version {
            if let Some(answer) = cache.has_data_descriptors {
                return answer;
            }
        }
    }
    let is_descriptor = |c: &ObjRef| {
        c.as_type().is_some_and(|ct| {
            ct.dict
                .borrow(vm.gil)
                .iter()
                .any(|e| matches!(e.value.payload(), Some(Payload::Property(_))))
        })
    };
    let answer = is_descriptor(class) || t.mro.iter().any(is_descriptor);
    fresh_cache(vm, t, version).has_data_descriptors = Some(answer);
    answer
}

fn lookup_type_attr_uncached(vm: &Vm, class: &ObjRef, name: &Value) -> Option<Value> {
    let t = class.as_type()?;
    if let Some(v) = vm.dict_get_str_value(&t.dict, name) {
        return Some(v);
    }
    for c in &t.mro {
        if let Some(ct) = c.as_type() {
            if let Some(v) = vm.dict_get_str_value(&ct.dict, name) {
                return Some(v);
            }
        }
    }
    None
}

/// Records that some class namespace changed: every class's lookup cache is stale.
pub fn class_namespace_changed(vm: &Vm) {
    let v = vm.interp.class_version.get();
    vm.interp.class_version.set(v + 1);
}

impl Vm {
    fn dict_get_str_value(
        &self,
        dict: &crate::object::GilCell<crate::types::dict::Dict>,
        name: &Value,
    ) -> Option<Value> {
        dict.borrow(self.gil).get_str_value(name).cloned()
    }
}

/// Binds an attribute found on `obj`'s class to `obj` (functions become methods).
fn bind(vm: &mut Vm, found: Value, obj: &Value) -> PyResult<Value> {
    match found.payload() {
        Some(Payload::Function(_)) => Ok(Value::new_obj(Payload::BoundMethod(BoundMethod {
            func: found.clone(),
            this: obj.clone(),
        }))),
        Some(Payload::NativeFunction(nf)) => match nf.kind {
            NativeKind::Method => Ok(Value::new_obj(Payload::BoundMethod(BoundMethod {
                func: found.clone(),
                this: obj.clone(),
            }))),
            NativeKind::ClassMethod => Ok(Value::new_obj(Payload::BoundMethod(BoundMethod {
                func: found.clone(),
                this: Value::Obj(vm.type_of(obj)),
            }))),
            _ => Ok(found),
        },
        Some(Payload::ClassMethod(f)) => Ok(Value::new_obj(Payload::BoundMethod(BoundMethod {
            func: f.clone(),
            this: Value::Obj(vm.type_of(obj)),
        }))),
        Some(Payload::StaticMethod(f)) => Ok(f.clone()),
        Some(Payload::Property(p)) => {
            if p.fget.is_none() {
                let name = vm.type_name(obj);
                return Err(
                    vm.attribute_error(format!("property of '{name}' object has no getter"))
                );
            }
            let fget = p.fget.clone();
            vm.call(&fget, vec![obj.clone()], vec![])
        }
        _ => Ok(found),
    }
}

/// `obj.name`.
pub fn get_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Value> {
    match get_attr_opt(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(vm, obj, name)),
    }
}

/// `obj.name`, or `None` when there is no such attribute (for `getattr` with a
/// default and `hasattr`).
pub fn get_attr_opt(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let key = name.as_str().unwrap_or("");
    if let Value::Obj(o) = obj {
        match o.payload() {
            Payload::Type(_) => return class_attr(vm, o, name),
            Payload::Module(m) => {
                if let Some(v) = vm.dict_lookup_str(&m.dict, name) {
                    return Ok(Some(v));
                }
                if key == "__dict__" {
                    return Ok(Some(Value::Obj(m.dict.clone())));
                }
                return Ok(None);
            }
            Payload::Super { class, this } => return super_attr(vm, class, this, name),
            _ => {}
        }
    }
    let class = vm.type_of(obj);
    if let Some(Payload::Instance(inst)) = obj.payload() {
        // Fast path: with no properties in the MRO, the instance's own attribute wins.
        if !has_data_descriptors(vm, &class) {
            if let Some(v) = inst.dict.borrow(vm.gil).get_str_value(name) {
                return Ok(Some(v.clone()));
            }
        }
    }
    let found = lookup_type_attr(vm, &class, name);
    if let Some(f) = &found {
        if matches!(f.payload(), Some(Payload::Property(_))) {
            return bind(vm, f.clone(), obj).map(Some);
        }
    }
    if let Some(v) = instance_attr(vm, obj, name, key)? {
        return Ok(Some(v));
    }
    if let Some(f) = found {
        return bind(vm, f, obj).map(Some);
    }
    if key == "__class__" {
        return Ok(Some(Value::Obj(class)));
    }
    let getattr_name = vm.interp.names.getattr.clone();
    if let Some(hook) = lookup_type_attr(vm, &class, &getattr_name) {
        // The hook's own AttributeError propagates unchanged, as in CPython (callers
        // that want "missing" semantics, like `hasattr`, catch it).
        let hook = bind(vm, hook, obj)?;
        return vm.call(&hook, vec![name.clone()], vec![]).map(Some);
    }
    Ok(None)
}

/// Attributes stored on the object itself (its `__dict__` and built-in fields).
fn instance_attr(vm: &mut Vm, obj: &Value, name: &Value, key: &str) -> PyResult<Option<Value>> {
    let Value::Obj(o) = obj else {
        return Ok(crate::builtin_attrs::inline_value_attr(obj, key));
    };
    match o.payload() {
        Payload::Instance(inst) => {
            if let Some(v) = inst.dict.borrow(vm.gil).get_str_value(name) {
                return Ok(Some(v.clone()));
            }
            if key == "__dict__" {
                let d = crate::builtin_attrs::dict_snapshot(vm, &inst.dict);
                return Ok(Some(d));
            }
            Ok(None)
        }
        Payload::Exception(e) => {
            if let Some(v) = e.dict.borrow(vm.gil).get_str_value(name) {
                return Ok(Some(v.clone()));
            }
            Ok(match key {
                "args" => Some(e.args.borrow(vm.gil).clone()),
                "__cause__" => Some(e.cause.borrow(vm.gil).clone()),
                "__context__" => Some(e.context.borrow(vm.gil).clone()),
                "__suppress_context__" => Some(Value::Bool(e.suppress_context.get())),
                "__traceback__" => {
                    if e.traceback.borrow(vm.gil).is_empty() {
                        Some(Value::None)
                    } else {
                        Some(Value::Obj(o.clone()))
                    }
                }
                "value" if vm.is_subclass(&e.class, &vm.interp.exc.stop_iteration) => Some(
                    crate::exceptions::exception_args(vm, o)
                        .into_iter()
                        .next()
                        .unwrap_or(Value::None),
                ),
                "code" if vm.is_subclass(&e.class, &vm.interp.exc.system_exit) => {
                    let args = crate::exceptions::exception_args(vm, o);
                    Some(match args.len() {
                        0 => Value::None,
                        1 => args[0].clone(),
                        _ => vm.new_tuple(args),
                    })
                }
                _ => None,
            })
        }
        Payload::Function(f) => {
            if let Some(v) = f.dict.borrow(vm.gil).get_str(key) {
                return Ok(Some(v.clone()));
            }
            Ok(match key {
                "__name__" => Some(f.name.borrow(vm.gil).clone()),
                "__qualname__" => Some(f.qualname.borrow(vm.gil).clone()),
                "__defaults__" => Some(f.defaults.borrow(vm.gil).clone()),
                "__kwdefaults__" => Some(f.kwdefaults.borrow(vm.gil).clone()),
                "__module__" => Some(f.module.clone()),
                "__doc__" => Some(function_doc(f)),
                "__code__" => Some(Value::Obj(f.code.clone())),
                "__globals__" => Some(Value::Obj(f.globals.clone())),
                "__dict__" => Some(crate::builtin_attrs::dict_snapshot(vm, &f.dict)),
                _ => None,
            })
        }
        Payload::NativeFunction(nf) => Ok(match key {
            "__name__" | "__qualname__" => Some(Value::str(nf.name)),
            "__self__" => Some(nf.bound.clone().unwrap_or(Value::None)),
            "__doc__" => Some(Value::None),
            _ => None,
        }),
        Payload::BoundMethod(bm) => Ok(match key {
            "__self__" => Some(bm.this.clone()),
            "__func__" => Some(bm.func.clone()),
            _ => {
                let func = bm.func.clone();
                return instance_attr(vm, &func, name, key);
            }
        }),
        Payload::Property(p) => Ok(match key {
            "fget" => Some(p.fget.clone()),
            "fset" => Some(p.fset.clone()),
            "fdel" => Some(p.fdel.clone()),
            _ => None,
        }),
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => Ok(match key {
            "__func__" => Some(f.clone()),
            _ => None,
        }),
        Payload::Code(c) => Ok(match key {
            "co_name" => Some(Value::str(c.code.name.to_string())),
            "co_filename" => Some(Value::str(c.code.filename.to_string())),
            "co_firstlineno" => Some(Value::Int(c.code.first_line as i64)),
            "co_argcount" => Some(Value::Int(c.code.argcount as i64)),
            "co_varnames" => {
                let names = c
                    .code
                    .varnames
                    .iter()
                    .map(|n| Value::str(n.to_string()))
                    .collect();
                Some(vm.new_tuple(names))
            }
            _ => None,
        }),
        Payload::Generator(g) => Ok(match key {
            "__name__" => Some(g.borrow(vm.gil).name.clone()),
            "__qualname__" => Some(g.borrow(vm.gil).qualname.clone()),
            _ => None,
        }),
        _ => crate::builtin_attrs::builtin_instance_attr(vm, o, key),
    }
}

fn function_doc(f: &crate::types::function::FunctionObj) -> Value {
    // The compiler puts the docstring (or None) first among a function's constants.
    match f.runtime_code().consts.first() {
        Some(v) if v.as_str().is_some() => v.clone(),
        _ => Value::None,
    }
}

/// Attribute lookup on a class object: its own namespace and MRO, then the
/// metaclass attributes every class has.
fn class_attr(vm: &mut Vm, class: &ObjRef, name: &Value) -> PyResult<Option<Value>> {
    let key = name.as_str().unwrap_or("");
    if let Some(found) = lookup_type_attr(vm, class, name) {
        return Ok(Some(match found.payload() {
            Some(Payload::ClassMethod(f)) => Value::new_obj(Payload::BoundMethod(BoundMethod {
                func: f.clone(),
                this: Value::Obj(class.clone()),
            })),
            Some(Payload::NativeFunction(nf)) if nf.kind == NativeKind::ClassMethod => {
                Value::new_obj(Payload::BoundMethod(BoundMethod {
                    func: found.clone(),
                    this: Value::Obj(class.clone()),
                }))
            }
            Some(Payload::StaticMethod(f)) => f.clone(),
            _ => found,
        }));
    }
    let t = class.as_type().expect("a class");
    Ok(match key {
        "__name__" => Some(Value::str(t.name.clone())),
        "__qualname__" => Some(Value::str(t.qualname.clone())),
        "__module__" => Some(Value::str(t.module.clone())),
        "__doc__" => Some(Value::None),
        "__bases__" => {
            let bases = t.bases.iter().map(|b| Value::Obj(b.clone())).collect();
            Some(vm.new_tuple(bases))
        }
        "__base__" => Some(
            t.bases
                .first()
                .map(|b| Value::Obj(b.clone()))
                .unwrap_or(Value::None),
        ),
        "__mro__" => {
            let mut items = vec![Value::Obj(class.clone())];
            items.extend(t.mro.iter().map(|c| Value::Obj(c.clone())));
            Some(vm.new_tuple(items))
        }
        "__dict__" => Some(crate::builtin_attrs::dict_snapshot(vm, &t.dict)),
        "__class__" => Some(Value::Obj(vm.types().type_.clone())),
        _ => {
            // Methods of `type` itself (`mro`, `__subclasses__`, ...) are not provided.
            let type_class = vm.types().type_.clone();
            if class.is(&type_class) {
                None
            } else {
                match lookup_type_attr(vm, &type_class, name) {
                    Some(f) => Some(bind(vm, f, &Value::Obj(class.clone()))?),
                    None => None,
                }
            }
        }
    })
}

/// `super().name`: search the MRO of `this`'s class after `class`.
fn super_attr(vm: &mut Vm, class: &ObjRef, this: &Value, name: &Value) -> PyResult<Option<Value>> {
    let start_type = match this {
        Value::Obj(o) if o.as_type().is_some() => o.clone(),
        _ => vm.type_of(this),
    };
    let mut mro = vec![start_type.clone()];
    if let Some(t) = start_type.as_type() {
        mro.extend(t.mro.iter().cloned());
    }
    let after = mro
        .iter()
        .position(|c| c.is(class))
        .map(|i| i + 1)
        .unwrap_or(mro.len());
    for c in &mro[after..] {
        if let Some(t) = c.as_type() {
            if let Some(found) = vm.dict_get_str_value(&t.dict, name) {
                let is_class = matches!(this, Value::Obj(o) if o.as_type().is_some());
                if is_class {
                    return Ok(Some(match found.payload() {
                        Some(Payload::ClassMethod(f)) => {
                            Value::new_obj(Payload::BoundMethod(BoundMethod {
                                func: f.clone(),
                                this: this.clone(),
                            }))
                        }
                        Some(Payload::StaticMethod(f)) => f.clone(),
                        _ => found,
                    }));
                }
                return bind(vm, found, this).map(Some);
            }
        }
    }
    Ok(None)
}

/// The AttributeError for a missing attribute, with CPython's wording and the
/// `name`/`obj` fields the traceback uses for "Did you mean" hints.
pub fn no_attribute(vm: &Vm, obj: &Value, name: &Value) -> PyErr {
    let key = name.as_str().unwrap_or("");
    let msg = match obj {
        Value::Obj(o) => match o.payload() {
            Payload::Type(t) => format!("type object '{}' has no attribute '{key}'", t.name),
            Payload::Module(m) => format!("module '{}' has no attribute '{key}'", m.name),
            Payload::Super { .. } => format!("'super' object has no attribute '{key}'"),
            _ => format!("'{}' object has no attribute '{key}'", vm.type_name(obj)),
        },
        _ => format!("'{}' object has no attribute '{key}'", vm.type_name(obj)),
    };
    let err = vm.attribute_error(msg);
    if let Payload::Exception(e) = err.0.payload() {
        let mut d = e.dict.borrow_mut(vm.gil);
        d.set_str(Value::str("name"), name.clone());
        d.set_str(Value::str("obj"), obj.clone());
    }
    err
}

/// Looks a method up for `LoadMethod`: `(function, obj)` when the class attribute is
/// a plain function or built-in method not shadowed by the instance, else
/// `(Null, bound attribute)`.
pub fn load_method(vm: &mut Vm, obj: Value, name: &Value) -> PyResult<(Value, Value)> {
    let plain_object = match &obj {
        Value::Obj(o) => !matches!(
            o.payload(),
            Payload::Type(_) | Payload::Module(_) | Payload::Super { .. }
        ),
        _ => true,
    };
    if plain_object {
        let class = vm.type_of(&obj);
        if let Some(found) = lookup_type_attr(vm, &class, name) {
            let is_method = match found.payload() {
                Some(Payload::Function(_)) => true,
                Some(Payload::NativeFunction(nf)) => nf.kind == NativeKind::Method,
                _ => false,
            };
            if is_method && !shadowed_by_instance(vm, &obj, name) {
                return Ok((found, obj));
            }
        }
    }
    let v = get_attr(vm, &obj, name)?;
    Ok((Value::Null, v))
}

fn shadowed_by_instance(vm: &Vm, obj: &Value, name: &Value) -> bool {
    match obj.payload() {
        Some(Payload::Instance(inst)) => vm.dict_get_str_value(&inst.dict, name).is_some(),
        Some(Payload::Exception(e)) => vm.dict_get_str_value(&e.dict, name).is_some(),
        _ => false,
    }
}

/// `obj.name = value`.
pub fn set_attr(vm: &mut Vm, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    let key = name.as_str().unwrap_or("").to_string();
    let class = vm.type_of(obj);
    if let Some(found) = lookup_type_attr(vm, &class, name) {
        if let Some(Payload::Property(p)) = found.payload() {
            if p.fset.is_none() {
                let tname = vm.type_name(obj);
                return Err(vm.attribute_error(format!(
                    "property '{key}' of '{tname}' object has no setter"
                )));
            }
            let fset = p.fset.clone();
            vm.call(&fset, vec![obj.clone(), value], vec![])?;
            return Ok(());
        }
    }
    let setattr_name = vm.interp.names.setattr.clone();
    if let Some(hook) = lookup_type_attr(vm, &class, &setattr_name) {
        if !crate::ops::is_default_native(&hook) {
            vm.call(&hook, vec![obj.clone(), name.clone(), value], vec![])?;
            return Ok(());
        }
    }
    set_attr_direct(vm, obj, name, value)
}

/// Stores an attribute without consulting descriptors or `__setattr__`
/// (`object.__setattr__`).
pub fn set_attr_direct(vm: &mut Vm, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    let key = name.as_str().unwrap_or("").to_string();
    let Value::Obj(o) = obj else {
        return Err(no_attribute_to_set(vm, obj, &key));
    };
    let old = match o.payload() {
        Payload::Instance(inst) => inst.dict.borrow_mut(vm.gil).set_str(name.clone(), value),
        Payload::Exception(e) => match key.as_str() {
            "__cause__" => {
                e.suppress_context.set(true);
                Some(std::mem::replace(&mut *e.cause.borrow_mut(vm.gil), value))
            }
            "__context__" => Some(std::mem::replace(&mut *e.context.borrow_mut(vm.gil), value)),
            "__suppress_context__" => {
                e.suppress_context.set(crate::ops::truthy(vm, &value)?);
                None
            }
            "args" => {
                let items = crate::ops::collect_iterable(vm, &value)?;
                let t = vm.new_tuple(items);
                Some(std::mem::replace(&mut *e.args.borrow_mut(vm.gil), t))
            }
            _ => e.dict.borrow_mut(vm.gil).set_str(name.clone(), value),
        },
        Payload::Type(t) => {
            if t.layout == Layout::Builtin || t.module == "builtins" {
                return Err(vm.type_error(format!(
                    "cannot set '{key}' attribute of immutable type '{}'",
                    t.name
                )));
            }
            if key == "__del__" {
                t.has_finalizer.set(true);
            }
            class_namespace_changed(vm);
            t.dict.borrow_mut(vm.gil).set_str(name.clone(), value)
        }
        Payload::Module(m) => {
            crate::vm::dict_set_str(vm, &m.dict, &key, value);
            None
        }
        Payload::Function(f) => match key.as_str() {
            "__name__" => Some(std::mem::replace(&mut *f.name.borrow_mut(vm.gil), value)),
            "__qualname__" => Some(std::mem::replace(
                &mut *f.qualname.borrow_mut(vm.gil),
                value,
            )),
            "__defaults__" => Some(std::mem::replace(
                &mut *f.defaults.borrow_mut(vm.gil),
                value,
            )),
            _ => f.dict.borrow_mut(vm.gil).set_str(name.clone(), value),
        },
        _ => return Err(no_attribute_to_set(vm, obj, &key)),
    };
    drop(old);
    Ok(())
}

fn no_attribute_to_set(vm: &Vm, obj: &Value, key: &str) -> PyErr {
    vm.attribute_error(format!(
        "'{}' object has no attribute '{key}'",
        vm.type_name(obj)
    ))
}

/// `del obj.name`.
pub fn del_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<()> {
    let key = name.as_str().unwrap_or("");
    let class = vm.type_of(obj);
    if crate::ops::is_user_object(obj) {
        let delattr_name = vm.interp.names.delattr.clone();
        if let Some(hook) = lookup_type_attr(vm, &class, &delattr_name) {
            if !crate::ops::is_default_native(&hook) {
                vm.call(&hook, vec![obj.clone(), name.clone()], vec![])?;
                return Ok(());
            }
        }
    }
    if let Some(found) = lookup_type_attr(vm, &class, name) {
        if let Some(Payload::Property(p)) = found.payload() {
            if p.fdel.is_none() {
                let tname = vm.type_name(obj);
                return Err(vm.attribute_error(format!(
                    "property '{key}' of '{tname}' object has no deleter"
                )));
            }
            let fdel = p.fdel.clone();
            vm.call(&fdel, vec![obj.clone()], vec![])?;
            return Ok(());
        }
    }
    let removed = match obj.payload() {
        Some(Payload::Instance(inst)) => inst.dict.borrow_mut(vm.gil).remove_str(key),
        Some(Payload::Exception(e)) => e.dict.borrow_mut(vm.gil).remove_str(key),
        Some(Payload::Type(t)) if t.layout != Layout::Builtin => {
            class_namespace_changed(vm);
            t.dict.borrow_mut(vm.gil).remove_str(key)
        }
        Some(Payload::Module(m)) => match m.dict.payload() {
            Payload::Dict(d) => d.borrow_mut(vm.gil).remove_str(key),
            _ => None,
        },
        Some(Payload::Function(f)) => f.dict.borrow_mut(vm.gil).remove_str(key),
        _ => None,
    };
    match removed {
        Some(v) => {
            drop(v);
            Ok(())
        }
        None => Err(no_attribute(vm, obj, name)),
    }
}
