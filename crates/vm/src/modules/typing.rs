//! The `typing` module, enough for annotated programs to run: the generic aliases
//! (`List`, `Dict`, ...) are the built-in classes, and the special forms (`Optional`,
//! `Union`, `Callable`, `Generic`, ...) are classes whose subscription returns
//! themselves, so `Optional[int]` evaluates and `class Stack(Generic[T])` works.
//! Annotations are not checked, as in CPython.

use super::native_class::{field, new_class};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

/// Special forms: classes that accept any subscription.
const SPECIAL_FORMS: [&str; 32] = [
    "Any",
    "Optional",
    "Union",
    "Callable",
    "Iterable",
    "Iterator",
    "Sequence",
    "MutableSequence",
    "Mapping",
    "MutableMapping",
    "AbstractSet",
    "MutableSet",
    "Collection",
    "Container",
    "Sized",
    "Hashable",
    "Reversible",
    "Generator",
    "AsyncGenerator",
    "AsyncIterator",
    "AsyncIterable",
    "Awaitable",
    "Coroutine",
    "ClassVar",
    "Final",
    "Literal",
    "Generic",
    "Protocol",
    "NoReturn",
    "Annotated",
    "TypeAlias",
    "SupportsInt",
];

fn class_getitem(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

fn typevar_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    super::native_class::require_self(vm, args)?;
    args::allowed_kwargs(vm, "TypeVar", kw, &["bound", "covariant", "contravariant"])?;
    let Some(name) = args.get(1) else {
        return Err(vm.type_error("TypeVar() missing required argument 'name' (pos 1)"));
    };
    if name.as_str().is_none() {
        return Err(vm.type_error("TypeVar name must be a string"));
    }
    super::native_class::set_field(vm, &args[0], "__name__", name.clone());
    let bound = args::kwarg(kw, "bound").cloned().unwrap_or(Value::None);
    super::native_class::set_field(vm, &args[0], "__bound__", bound);
    let constraints = vm.new_tuple(args.get(2..).unwrap_or(&[]).to_vec());
    super::native_class::set_field(vm, &args[0], "__constraints__", constraints);
    Ok(Value::None)
}

fn typevar_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    super::native_class::require_self(vm, args)?;
    let name = field(vm, &args[0], "__name__").unwrap_or(Value::None);
    Ok(Value::str(format!("~{}", name.as_str().unwrap_or("?"))))
}

/// `cast(typ, val)`: returns `val` unchanged.
fn cast(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "cast", kw)?;
    args::count(vm, "cast", args, 2, 2)?;
    Ok(args[1].clone())
}

/// Decorators that only mark their argument (`overload`, `final`, ...).
fn identity(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args::exactly_one(vm, "decorator", args, kw)?.clone())
}

/// `NewType(name, tp)`: a callable returning its argument.
fn new_type(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "NewType", kw)?;
    args::count(vm, "NewType", args, 2, 2)?;
    Ok(crate::call::native_function("NewType", pass_through))
}

fn pass_through(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args::exactly_one(vm, "NewType", args, kw)?.clone())
}

/// Builds `typing`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("typing");
    for name in SPECIAL_FORMS {
        let c = new_class(vm, "typing", name, &[]);
        crate::bootstrap::add_classmethod(vm, &c, "__class_getitem__", class_getitem);
        set_attr(vm, &m, name, Value::Obj(c));
    }
    let t = vm.types();
    let aliases = [
        ("List", t.list.clone()),
        ("Dict", t.dict.clone()),
        ("Tuple", t.tuple.clone()),
        ("Set", t.set.clone()),
        ("FrozenSet", t.frozenset.clone()),
        ("Type", t.type_.clone()),
        ("Text", t.str.clone()),
    ];
    for (name, class) in aliases {
        set_attr(vm, &m, name, Value::Obj(class));
    }
    let typevar = new_class(
        vm,
        "typing",
        "TypeVar",
        &[("__init__", typevar_init), ("__repr__", typevar_repr)],
    );
    set_attr(vm, &m, "TypeVar", Value::Obj(typevar));
    set_attr(vm, &m, "TYPE_CHECKING", Value::Bool(false));
    add_fn(vm, &m, "cast", cast);
    add_fn(vm, &m, "NewType", new_type);
    for name in ["overload", "final", "no_type_check", "runtime_checkable"] {
        add_fn(vm, &m, name, identity);
    }
    m
}
