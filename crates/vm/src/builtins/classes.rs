//! The class machinery exposed as built-ins: `object` and its methods, `super`,
//! `property`, `staticmethod`, `classmethod`.

use super::args;
use crate::bootstrap::{add_classmethod, add_method, add_staticmethod, set_global};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload, PropertyObj};
use crate::types::class::Layout;
use crate::types::function::{NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;

// ----- object -----

/// `object.__init__`: accepts no arguments beyond the instance unless the class
/// overrides `__init__` (then the extra arguments are an error, as in CPython).
pub fn object_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 1 || !kw.is_empty() {
        if let Some(this) = args.first() {
            // CPython accepts extra arguments only when the class overrides `__new__`
            // and not `__init__` (the arguments were meant for `__new__`).
            let class = vm.type_of(this);
            let init = crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.init);
            let new = crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.new);
            if !is_native(&init, object_init) || is_native(&new, object_new) {
                return Err(vm.type_error(
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
        }
    }
    Ok(Value::None)
}

fn is_native(v: &Option<Value>, f: crate::types::function::NativeFn) -> bool {
    matches!(
        v.as_ref().and_then(|v| v.payload()),
        Some(Payload::NativeFunction(nf)) if std::ptr::fn_addr_eq(nf.func, f)
    )
}

/// `object.__new__(cls)`: a fresh instance of a user-defined class.
fn object_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let class = match args.first() {
        Some(Value::Obj(o)) if o.as_type().is_some() => o.clone(),
        Some(other) => {
            return Err(vm.type_error(format!(
                "object.__new__(X): X is not a type object ({})",
                vm.type_name(other)
            )))
        }
        None => return Err(vm.type_error("object.__new__(): not enough arguments")),
    };
    let (layout, name) = class
        .as_type()
        .map(|t| (t.layout, t.name.clone()))
        .unwrap_or((Layout::Object, String::new()));
    if layout == Layout::Builtin && !class.is(&vm.types().object) {
        return Err(vm.type_error(format!(
            "object.__new__({name}) is not safe, use {name}.__new__()"
        )));
    }
    if args.len() > 1 || !kw.is_empty() {
        let new = crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.new);
        let init = crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.init);
        if !is_native(&new, object_new) || is_native(&init, object_init) {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
    }
    Ok(vm.new_instance(&class, &args[1..]))
}

fn self_arg<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a Value> {
    args.first().ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{method}' of 'object' object needs an argument"
        ))
    })
}

/// The default `<module.Class object at 0x...>` repr.
pub fn default_repr(vm: &Vm, v: &Value) -> String {
    let class = vm.type_of(v);
    let (module, qualname) = class
        .as_type()
        .map(|t| (t.module.clone(), t.qualname.clone()))
        .unwrap_or_default();
    if module == "builtins" {
        format!("<{qualname} object at {:#x}>", v.id())
    } else {
        format!("<{module}.{qualname} object at {:#x}>", v.id())
    }
}

fn object_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__repr__")?;
    Ok(Value::str(default_repr(vm, this)))
}

fn object_str(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__str__")?;
    Ok(Value::str(crate::ops::repr(vm, this)?))
}

fn object_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::method_args(vm, args, 1)?;
    if args[0].is(&args[1]) {
        Ok(Value::Bool(true))
    } else {
        Ok(vm.interp.not_implemented.clone())
    }
}

fn object_ne(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::method_args(vm, args, 1)?;
    let r = match crate::ops::call_dunder(vm, &args[0], "__eq__", vec![args[1].clone()])? {
        Some(r) => r,
        None => return Ok(Value::Bool(!args[0].is(&args[1]))),
    };
    if r.is(&vm.interp.not_implemented) {
        return Ok(r);
    }
    Ok(Value::Bool(!crate::ops::truthy(vm, &r)?))
}

fn object_not_implemented(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    args::method_args(vm, args, 1)?;
    Ok(vm.interp.not_implemented.clone())
}

fn object_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__hash__")?;
    // CPython's pointer hash: the address rotated right by 4 bits.
    Ok(Value::Int((this.id() as u64).rotate_right(4) as i64))
}

fn object_setattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "__setattr__", kw)?;
    args::method_args(vm, args, 2)?;
    let name = args::attr_name(vm, &args[1])?;
    crate::attr::set_attr_direct(vm, &args[0], &name, args[2].clone())?;
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "__getattribute__", kw)?;
    args::method_args(vm, args, 1)?;
    let name = args::attr_name(vm, &args[1])?;
    crate::attr::get_attr(vm, &args[0], &name)
}

fn object_delattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "__delattr__", kw)?;
    args::method_args(vm, args, 1)?;
    let name = args::attr_name(vm, &args[1])?;
    crate::attr::del_attr(vm, &args[0], &name)?;
    Ok(Value::None)
}

fn object_dir(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__dir__")?;
    let names = super::dir::dir_names(vm, this);
    Ok(vm.new_list(names.into_iter().map(Value::str).collect()))
}

fn object_format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::method_args(vm, args, 1)?;
    let Some(spec) = args[1].as_str() else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(&args[1])
        )));
    };
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            vm.type_name(&args[0])
        )));
    }
    Ok(Value::str(crate::ops::to_str(vm, &args[0])?))
}

fn object_init_subclass(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
}

fn object_subclasshook(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(vm.interp.not_implemented.clone())
}

fn object_reduce(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__reduce__")?;
    Err(vm.type_error(format!("cannot pickle '{}' object", vm.type_name(this))))
}

fn object_getstate(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__getstate__")?;
    Ok(match this.payload() {
        Some(Payload::Instance(inst)) if !inst.dict.borrow(vm.gil).is_empty() => {
            crate::builtin_attrs::dict_snapshot(vm, &inst.dict)
        }
        _ => Value::None,
    })
}

fn object_sizeof(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = self_arg(vm, args, "__sizeof__")?;
    Ok(Value::Int(super::sizes::size_of(vm, this) as i64))
}

// ----- super -----

/// `super()` / `super(cls, obj)`. The zero-argument form reads the calling frame: its
/// first argument and the `__class__` cell the compiler creates for methods that
/// mention `super`.
fn super_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "super", kw)?;
    let args = args.get(1..).unwrap_or(&[]);
    let (class, this) = match args.len() {
        0 => zero_arg_super(vm)?,
        1 | 2 => {
            let class = match &args[0] {
                Value::Obj(o) if o.as_type().is_some() => o.clone(),
                other => {
                    return Err(vm.type_error(format!(
                        "super() argument 1 must be a type, not {}",
                        vm.type_name(other)
                    )))
                }
            };
            match args.get(1) {
                Some(this) => (class, this.clone()),
                None => (class, Value::None),
            }
        }
        n => return Err(vm.type_error(format!("super() expected at most 2 arguments, got {n}"))),
    };
    if !this.is_none() {
        let ok = match &this {
            Value::Obj(o) if o.as_type().is_some() => vm.is_subclass(o, &class),
            _ => vm.is_instance(&this, &class),
        };
        if !ok {
            return Err(
                vm.type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        }
    }
    Ok(Value::new_obj(Payload::Super { class, this }))
}

fn zero_arg_super(vm: &mut Vm) -> PyResult<(ObjRef, Value)> {
    let Some(frame) = vm.frames.last() else {
        return Err(vm.runtime_error("super(): no arguments"));
    };
    let code = frame.runtime().code.clone();
    if code.argcount == 0 && !code.flags.varargs {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let cell_contents = |i: usize| -> Option<Value> {
        match frame.cells.get(i)?.payload() {
            Payload::Cell(c) => Some(c.borrow(vm.gil).clone()),
            _ => None,
        }
    };
    let first = match code.cell_params.iter().find(|&&(_, slot)| slot == 0) {
        Some(&(cell, _)) => cell_contents(cell as usize).unwrap_or(Value::Null),
        None => vm.caller_locals.first().cloned().unwrap_or(Value::Null),
    };
    let class_cell = code
        .freevars
        .iter()
        .position(|n| &**n == "__class__")
        .map(|i| i + code.cellvars.len());
    let class = match class_cell {
        None => return Err(vm.runtime_error("super(): __class__ cell not found")),
        Some(i) => cell_contents(i),
    };
    if first.is_null() {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    }
    match class {
        Some(Value::Obj(c)) if c.as_type().is_some() => Ok((c, first)),
        Some(Value::Null) | None => Err(vm.runtime_error("super(): empty __class__ cell")),
        Some(other) => Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(&other)
        ))),
    }
}

// ----- property, staticmethod, classmethod -----

fn property_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    const NAMES: [&str; 4] = ["fget", "fset", "fdel", "doc"];
    let args = args.get(1..).unwrap_or(&[]);
    if args.len() > 4 {
        return Err(vm.type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            args.len()
        )));
    }
    args::allowed_kwargs(vm, "property", kw, &NAMES)?;
    let arg = |i: usize| -> Value {
        args.get(i)
            .or_else(|| args::kwarg(kw, NAMES[i]))
            .cloned()
            .unwrap_or(Value::None)
    };
    Ok(Value::new_obj(Payload::Property(PropertyObj {
        fget: arg(0),
        fset: arg(1),
        fdel: arg(2),
    })))
}

fn property_parts(vm: &Vm, args: &[Value], method: &str) -> PyResult<(Value, Value, Value)> {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::Property(p)) if args.len() == 2 => {
            Ok((p.fget.clone(), p.fset.clone(), p.fdel.clone()))
        }
        Some(Payload::Property(_)) => Err(vm.type_error(format!(
            "property.{method}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'property' objects doesn't apply to a '{}' object",
            args.first().map(|a| vm.type_name(a)).unwrap_or_default()
        ))),
    }
}

fn new_property(fget: Value, fset: Value, fdel: Value) -> Value {
    Value::new_obj(Payload::Property(PropertyObj { fget, fset, fdel }))
}

fn property_getter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let (_, fset, fdel) = property_parts(vm, args, "getter")?;
    Ok(new_property(args[1].clone(), fset, fdel))
}

fn property_setter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let (fget, _, fdel) = property_parts(vm, args, "setter")?;
    Ok(new_property(fget, args[1].clone(), fdel))
}

fn property_deleter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let (fget, fset, _) = property_parts(vm, args, "deleter")?;
    Ok(new_property(fget, fset, args[1].clone()))
}

fn property_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::count(vm, "__get__", args, 2, 3)?;
    let Some(Payload::Property(p)) = args[0].payload() else {
        return Err(vm.type_error("descriptor '__get__' requires a 'property' object"));
    };
    if args[1].is_none() {
        return Ok(args[0].clone());
    }
    if p.fget.is_none() {
        return Err(vm.attribute_error("unreadable attribute"));
    }
    let fget = p.fget.clone();
    vm.call(&fget, vec![args[1].clone()], vec![])
}

fn staticmethod_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "staticmethod", kw)?;
    let args = args.get(1..).unwrap_or(&[]);
    args::count(vm, "staticmethod", args, 1, 1)?;
    Ok(Value::new_obj(Payload::StaticMethod(args[0].clone())))
}

fn classmethod_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "classmethod", kw)?;
    let args = args.get(1..).unwrap_or(&[]);
    args::count(vm, "classmethod", args, 1, 1)?;
    Ok(Value::new_obj(Payload::ClassMethod(args[0].clone())))
}

/// Installs `object`, `type`, `super`, `property`, `staticmethod`, `classmethod`.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    let t = vm.types();
    for (name, class) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("super", &t.super_),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
    ] {
        set_global(vm, &b, name, Value::Obj(class.clone()));
    }
    let object = t.object.clone();
    add_method(vm, &object, "__init__", object_init);
    add_staticmethod(vm, &object, "__new__", object_new);
    let methods: [(&'static str, crate::types::function::NativeFn); 18] = [
        ("__repr__", object_repr),
        ("__str__", object_str),
        ("__eq__", object_eq),
        ("__ne__", object_ne),
        ("__lt__", object_not_implemented),
        ("__le__", object_not_implemented),
        ("__gt__", object_not_implemented),
        ("__ge__", object_not_implemented),
        ("__hash__", object_hash),
        ("__setattr__", object_setattr),
        ("__getattribute__", object_getattribute),
        ("__delattr__", object_delattr),
        ("__dir__", object_dir),
        ("__format__", object_format),
        ("__reduce__", object_reduce),
        ("__reduce_ex__", object_reduce),
        ("__getstate__", object_getstate),
        ("__sizeof__", object_sizeof),
    ];
    for (name, f) in methods {
        add_method(vm, &object, name, f);
    }
    add_classmethod(vm, &object, "__init_subclass__", object_init_subclass);
    add_classmethod(vm, &object, "__subclasshook__", object_subclasshook);

    let super_ = t.super_.clone();
    if let Some(st) = super_.as_type() {
        crate::attr::class_namespace_changed(vm);
        // `super()` needs its caller's locals, so its constructor is a frame function.
        let new = Value::new_obj(Payload::NativeFunction(NativeFunction {
            name: "__new__",
            func: super_new,
            kind: NativeKind::StaticMethod,
            owner: Some("super"),
            bound: None,
            wants_caller_locals: true,
        }));
        st.dict
            .borrow_mut(vm.gil)
            .set_str(Value::str("__new__"), new);
    }
    let property = t.property.clone();
    add_staticmethod(vm, &property, "__new__", property_new);
    add_method(vm, &property, "getter", property_getter);
    add_method(vm, &property, "setter", property_setter);
    add_method(vm, &property, "deleter", property_deleter);
    add_method(vm, &property, "__get__", property_get);
    add_staticmethod(vm, &t.staticmethod.clone(), "__new__", staticmethod_new);
    add_staticmethod(vm, &t.classmethod.clone(), "__new__", classmethod_new);
}
