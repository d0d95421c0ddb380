//! The `operator` module: Python's operators as functions, and the callable
//! helpers `itemgetter`, `attrgetter`, `methodcaller`.

use super::native_class::{field, new_class, require_self, set_field};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator, UnaryOperator};

fn two<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [Value],
    kw: &[(Value, Value)],
) -> PyResult<(&'a Value, &'a Value)> {
    args::no_kwargs(vm, name, kw)?;
    args::count(vm, name, args, 2, 2)?;
    Ok((&args[0], &args[1]))
}

macro_rules! binary_ops {
    ($($fn_name:ident, $inplace_name:ident => $name:literal, $iname:literal, $op:ident);* $(;)?) => {
        $(
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = two(vm, $name, args, kw)?;
                crate::ops::binary_op(vm, BinaryOperator::$op, a, b)
            }
            fn $inplace_name(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = two(vm, $iname, args, kw)?;
                crate::ops::inplace_op(vm, BinaryOperator::$op, a, b)
            }
        )*
        const BINARY: &[(&str, &str, NativeFn, NativeFn)] = &[
            $(($name, $iname, $fn_name, $inplace_name),)*
        ];
    };
}

binary_ops! {
    op_add, op_iadd => "add", "iadd", Add;
    op_sub, op_isub => "sub", "isub", Subtract;
    op_mul, op_imul => "mul", "imul", Multiply;
    op_truediv, op_itruediv => "truediv", "itruediv", TrueDivide;
    op_floordiv, op_ifloordiv => "floordiv", "ifloordiv", FloorDivide;
    op_mod, op_imod => "mod", "imod", Remainder;
    op_pow, op_ipow => "pow", "ipow", Power;
    op_lshift, op_ilshift => "lshift", "ilshift", LShift;
    op_rshift, op_irshift => "rshift", "irshift", RShift;
    op_and, op_iand => "and_", "iand", And;
    op_or, op_ior => "or_", "ior", Or;
    op_xor, op_ixor => "xor", "ixor", Xor;
    op_matmul, op_imatmul => "matmul", "imatmul", MatrixMultiply;
    op_concat, op_iconcat => "concat", "iconcat", Add;
}

macro_rules! compare_ops {
    ($($fn_name:ident => $name:literal, $op:ident);* $(;)?) => {
        $(
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
                let (a, b) = two(vm, $name, args, kw)?;
                crate::ops::compare(vm, ComparisonOperator::$op, a, b)
            }
        )*
        const COMPARE: &[(&str, NativeFn)] = &[$(($name, $fn_name),)*];
    };
}

compare_ops! {
    op_eq => "eq", Equal;
    op_ne => "ne", NotEqual;
    op_lt => "lt", Less;
    op_le => "le", LessOrEqual;
    op_gt => "gt", Greater;
    op_ge => "ge", GreaterOrEqual;
}

macro_rules! unary_ops {
    ($($fn_name:ident => $name:literal, $op:ident);* $(;)?) => {
        $(
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
                let a = args::exactly_one(vm, $name, args, kw)?;
                crate::ops::unary_op(vm, UnaryOperator::$op, a)
            }
        )*
        const UNARY: &[(&str, NativeFn)] = &[$(($name, $fn_name),)*];
    };
}

unary_ops! {
    op_neg => "neg", Negative;
    op_pos => "pos", Positive;
    op_invert => "invert", Invert;
    op_inv => "inv", Invert;
    op_not => "not_", Not;
}

fn op_truth(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exactly_one(vm, "truth", args, kw)?;
    Ok(Value::Bool(crate::ops::truthy(vm, a)?))
}

fn op_abs(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exactly_one(vm, "abs", args, kw)?.clone();
    let abs = vm
        .builtin("abs")
        .ok_or_else(|| vm.type_error("abs is missing"))?;
    vm.call(&abs, vec![a], vec![])
}

fn op_index(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exactly_one(vm, "index", args, kw)?;
    Ok(Value::Int(args::index_i64(vm, a)?))
}

fn op_is(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "is_", args, kw)?;
    Ok(Value::Bool(a.is(b)))
}

fn op_is_not(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "is_not", args, kw)?;
    Ok(Value::Bool(!a.is(b)))
}

fn op_contains(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "contains", args, kw)?;
    Ok(Value::Bool(crate::ops::contains(vm, a, b)?))
}

fn op_getitem(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "getitem", args, kw)?;
    crate::ops::get_item(vm, a, b)
}

fn op_setitem(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "setitem", kw)?;
    args::count(vm, "setitem", args, 3, 3)?;
    crate::ops::set_item(vm, &args[0], args[1].clone(), args[2].clone())?;
    Ok(Value::None)
}

fn op_delitem(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "delitem", args, kw)?;
    crate::ops::del_item(vm, a, b)?;
    Ok(Value::None)
}

fn op_count_of(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "countOf", args, kw)?;
    let mut n = 0;
    for item in crate::ops::collect_iterable(vm, a)? {
        if item.is(b) || crate::ops::eq(vm, &item, b)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn op_index_of(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (a, b) = two(vm, "indexOf", args, kw)?;
    for (i, item) in crate::ops::collect_iterable(vm, a)?.into_iter().enumerate() {
        if item.is(b) || crate::ops::eq(vm, &item, b)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

// ----- itemgetter, attrgetter, methodcaller -----

fn stored_items(vm: &Vm, this: &Value) -> Vec<Value> {
    match field(vm, this, "_items").as_ref().and_then(|v| v.payload()) {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn getter_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let name = vm.type_name(&args[0]);
    args::no_kwargs(vm, &name, kw)?;
    if args.len() < 2 {
        return Err(vm.type_error(format!("{name} expected 1 argument, got 0")));
    }
    if name == "attrgetter" {
        for a in &args[1..] {
            if a.as_str().is_none() {
                return Err(vm.type_error("attribute name must be a string"));
            }
        }
    }
    set_field(vm, &args[0], "_items", vm.new_tuple(args[1..].to_vec()));
    Ok(Value::None)
}

fn one_or_tuple(vm: &Vm, mut results: Vec<Value>) -> Value {
    if results.len() == 1 {
        results.pop().unwrap_or(Value::None)
    } else {
        vm.new_tuple(results)
    }
}

fn itemgetter_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::no_kwargs(vm, "itemgetter", kw)?;
    args::count(vm, "itemgetter", &args[1..], 1, 1)?;
    let mut results = Vec::new();
    for key in stored_items(vm, &args[0]) {
        results.push(crate::ops::get_item(vm, &args[1], &key)?);
    }
    Ok(one_or_tuple(vm, results))
}

fn attrgetter_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::no_kwargs(vm, "attrgetter", kw)?;
    args::count(vm, "attrgetter", &args[1..], 1, 1)?;
    let mut results = Vec::new();
    for name in stored_items(vm, &args[0]) {
        let mut v = args[1].clone();
        for part in name.as_str().unwrap_or("").split('.') {
            v = crate::attr::get_attr(vm, &v, &Value::str(part))?;
        }
        results.push(v);
    }
    Ok(one_or_tuple(vm, results))
}

fn getter_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let name = vm.type_name(&args[0]);
    let mut parts = Vec::new();
    for item in stored_items(vm, &args[0]) {
        parts.push(crate::ops::repr(vm, &item)?);
    }
    Ok(Value::str(format!("operator.{name}({})", parts.join(", "))))
}

fn methodcaller_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let Some(name) = args.get(1).filter(|n| n.as_str().is_some()) else {
        return Err(vm.type_error("method name must be a string"));
    };
    set_field(vm, &args[0], "_name", name.clone());
    set_field(vm, &args[0], "_items", vm.new_tuple(args[2..].to_vec()));
    let kwargs = crate::ops::dict_from_pairs(vm, kw.to_vec())?;
    set_field(vm, &args[0], "_kwargs", kwargs);
    Ok(Value::None)
}

fn methodcaller_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    args::no_kwargs(vm, "methodcaller", kw)?;
    args::count(vm, "methodcaller", &args[1..], 1, 1)?;
    let name = field(vm, &args[0], "_name").unwrap_or(Value::None);
    let method = crate::attr::get_attr(vm, &args[1], &name)?;
    let call_args = stored_items(vm, &args[0]);
    let call_kw = match field(vm, &args[0], "_kwargs") {
        Some(d) => crate::ops::kwargs_pairs(vm, &d)?,
        None => Vec::new(),
    };
    vm.call(&method, call_args, call_kw)
}

fn methodcaller_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    require_self(vm, args)?;
    let name = field(vm, &args[0], "_name").unwrap_or(Value::None);
    let mut parts = vec![crate::ops::repr(vm, &name)?];
    for item in stored_items(vm, &args[0]) {
        parts.push(crate::ops::repr(vm, &item)?);
    }
    if let Some(d) = field(vm, &args[0], "_kwargs") {
        for (k, v) in crate::ops::kwargs_pairs(vm, &d)? {
            parts.push(format!(
                "{}={}",
                k.as_str().unwrap_or("?"),
                crate::ops::repr(vm, &v)?
            ));
        }
    }
    Ok(Value::str(format!(
        "operator.methodcaller({})",
        parts.join(", ")
    )))
}

/// Builds `operator`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("operator");
    for &(name, iname, f, fi) in BINARY {
        add_fn(vm, &m, name, f);
        add_fn(vm, &m, iname, fi);
    }
    for &(name, f) in COMPARE.iter().chain(UNARY.iter()) {
        add_fn(vm, &m, name, f);
    }
    let others: [(&'static str, NativeFn); 11] = [
        ("truth", op_truth),
        ("abs", op_abs),
        ("index", op_index),
        ("is_", op_is),
        ("is_not", op_is_not),
        ("contains", op_contains),
        ("getitem", op_getitem),
        ("setitem", op_setitem),
        ("delitem", op_delitem),
        ("countOf", op_count_of),
        ("indexOf", op_index_of),
    ];
    for (name, f) in others {
        add_fn(vm, &m, name, f);
    }
    let itemgetter = new_class(
        vm,
        "operator",
        "itemgetter",
        &[
            ("__init__", getter_init),
            ("__call__", itemgetter_call),
            ("__repr__", getter_repr),
        ],
    );
    set_attr(vm, &m, "itemgetter", Value::Obj(itemgetter));
    let attrgetter = new_class(
        vm,
        "operator",
        "attrgetter",
        &[
            ("__init__", getter_init),
            ("__call__", attrgetter_call),
            ("__repr__", getter_repr),
        ],
    );
    set_attr(vm, &m, "attrgetter", Value::Obj(attrgetter));
    let methodcaller = new_class(
        vm,
        "operator",
        "methodcaller",
        &[
            ("__init__", methodcaller_init),
            ("__call__", methodcaller_call),
            ("__repr__", methodcaller_repr),
        ],
    );
    set_attr(vm, &m, "methodcaller", Value::Obj(methodcaller));
    m
}
