//! The special methods of `int`, `bool`, `float` and `complex` (`(5).__add__(1)`,
//! `int.__mul__`, `float.__lt__`, `complex.__abs__`, ...). Operators never go
//! through them (the VM calls `number::binary` directly); they exist for code that
//! names them, with CPython's `NotImplemented` rules: `int` methods take ints only,
//! `float` methods ints and floats, `complex` methods any number.

use super::{num, Num};
use crate::bootstrap::add_method;
use crate::error::PyResult;
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator, UnaryOperator};

/// How wide a numeric type is: what its methods accept as the other operand.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Int,
    Float,
    Complex,
}

fn rank(v: &Value) -> Option<Rank> {
    Some(match num(v)? {
        Num::Int(_) | Num::Big(_) => Rank::Int,
        Num::Float(_) => Rank::Float,
        Num::Complex(..) => Rank::Complex,
    })
}

fn self_and_other<'a>(vm: &Vm, args: &'a [Value], name: &str) -> PyResult<(&'a Value, &'a Value)> {
    match args {
        [a, b] => Ok((a, b)),
        _ => Err(vm.type_error(format!(
            "{name}() expected 1 argument, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

/// `self.__op__(other)` or, reflected, `other op self`.
fn binary(
    vm: &mut Vm,
    args: &[Value],
    op: BinaryOperator,
    reflected: bool,
    name: &str,
) -> PyResult<Value> {
    let (this, other) = self_and_other(vm, args, name)?;
    let (Some(rs), Some(ro)) = (rank(this), rank(other)) else {
        return Ok(vm.interp.not_implemented.clone());
    };
    if ro > rs {
        return Ok(vm.interp.not_implemented.clone());
    }
    let (a, b) = if reflected {
        (other, this)
    } else {
        (this, other)
    };
    match super::binary(vm, op, a, b) {
        Some(r) => r,
        None => Ok(vm.interp.not_implemented.clone()),
    }
}

fn compare(vm: &mut Vm, args: &[Value], op: ComparisonOperator, name: &str) -> PyResult<Value> {
    let (this, other) = self_and_other(vm, args, name)?;
    let (Some(rs), Some(ro)) = (rank(this), rank(other)) else {
        return Ok(vm.interp.not_implemented.clone());
    };
    if ro > rs {
        return Ok(vm.interp.not_implemented.clone());
    }
    match super::compare(op, this, other) {
        Some(b) => Ok(Value::Bool(b)),
        None => Ok(vm.interp.not_implemented.clone()),
    }
}

fn unary(vm: &mut Vm, args: &[Value], op: UnaryOperator) -> PyResult<Value> {
    let [this] = args else {
        return Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    match super::unary(vm, op, this) {
        Some(r) => r,
        None => Ok(vm.interp.not_implemented.clone()),
    }
}

fn only_self<'a>(vm: &Vm, args: &'a [Value]) -> PyResult<&'a Value> {
    match args {
        [this] => Ok(this),
        _ => Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

macro_rules! binary_dunders {
    ($($fname:ident => $op:ident, $reflected:expr;)*) => {$(
        fn $fname(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
            binary(vm, args, BinaryOperator::$op, $reflected, stringify!($fname))
        }
    )*};
}

binary_dunders! {
    add => Add, false; radd => Add, true;
    sub => Subtract, false; rsub => Subtract, true;
    mul => Multiply, false; rmul => Multiply, true;
    truediv => TrueDivide, false; rtruediv => TrueDivide, true;
    floordiv => FloorDivide, false; rfloordiv => FloorDivide, true;
    modulo => Remainder, false; rmodulo => Remainder, true;
    lshift => LShift, false; rlshift => LShift, true;
    rshift => RShift, false; rrshift => RShift, true;
    and => And, false; rand => And, true;
    or => Or, false; ror => Or, true;
    xor => Xor, false; rxor => Xor, true;
    rpow => Power, true;
}

/// `__pow__(other, mod=None)`.
fn pow(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    match args {
        [_, _] => binary(vm, args, BinaryOperator::Power, false, "__pow__"),
        [this, exp, m] if m.is_none() => binary(
            vm,
            &[this.clone(), exp.clone()],
            BinaryOperator::Power,
            false,
            "__pow__",
        ),
        [this, exp, m] => {
            if rank(exp).is_none() || rank(m).is_none() {
                return Ok(vm.interp.not_implemented.clone());
            }
            super::builtins::pow3(vm, this, exp, m)
        }
        _ => Err(vm.type_error("expected 1 or 2 arguments")),
    }
}

macro_rules! compare_dunders {
    ($($fname:ident => $op:ident;)*) => {$(
        fn $fname(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
            compare(vm, args, ComparisonOperator::$op, stringify!($fname))
        }
    )*};
}

compare_dunders! {
    eq => Equal; ne => NotEqual; lt => Less; le => LessOrEqual; gt => Greater; ge => GreaterOrEqual;
}

fn neg(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    unary(vm, args, UnaryOperator::Negative)
}

fn pos(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    unary(vm, args, UnaryOperator::Positive)
}

fn invert(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    unary(vm, args, UnaryOperator::Invert)
}

fn abs(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = only_self(vm, args)?.clone();
    super::builtins::abs(vm, &this)
}

fn bool_(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = only_self(vm, args)?;
    Ok(Value::Bool(super::truthy(this).unwrap_or(true)))
}

fn hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = only_self(vm, args)?;
    Ok(Value::Int(super::hash(this).unwrap_or(0)))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = only_self(vm, args)?;
    match super::repr(this) {
        Some(s) => Ok(Value::str(s)),
        None => Err(vm.type_error("descriptor '__repr__' requires a number")),
    }
}

fn format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, spec) = self_and_other(vm, args, "__format__")?;
    let Some(spec) = spec.as_str() else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(spec)
        )));
    };
    let (this, spec) = (this.clone(), spec.to_string());
    match super::format(vm, &this, &spec) {
        Some(r) => r.map(Value::str),
        None => Err(vm.type_error("descriptor '__format__' requires a number")),
    }
}

fn divmod(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, other) = self_and_other(vm, args, "__divmod__")?;
    match (rank(this), rank(other)) {
        (Some(rs), Some(ro)) if ro <= rs => super::builtins::divmod(vm, this, other),
        _ => Ok(vm.interp.not_implemented.clone()),
    }
}

fn rdivmod(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, other) = self_and_other(vm, args, "__rdivmod__")?;
    match (rank(this), rank(other)) {
        (Some(rs), Some(ro)) if ro <= rs => super::builtins::divmod(vm, other, this),
        _ => Ok(vm.interp.not_implemented.clone()),
    }
}

/// Methods every numeric type has.
const COMMON: &[(&str, NativeFn)] = &[
    ("__add__", add),
    ("__radd__", radd),
    ("__sub__", sub),
    ("__rsub__", rsub),
    ("__mul__", mul),
    ("__rmul__", rmul),
    ("__truediv__", truediv),
    ("__rtruediv__", rtruediv),
    ("__pow__", pow),
    ("__rpow__", rpow),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__neg__", neg),
    ("__pos__", pos),
    ("__abs__", abs),
    ("__bool__", bool_),
    ("__hash__", hash),
    ("__repr__", repr),
    ("__str__", repr),
    ("__format__", format),
];

/// Methods of the real types (int and float).
const REAL: &[(&str, NativeFn)] = &[
    ("__floordiv__", floordiv),
    ("__rfloordiv__", rfloordiv),
    ("__mod__", modulo),
    ("__rmod__", rmodulo),
    ("__divmod__", divmod),
    ("__rdivmod__", rdivmod),
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
];

/// Methods of int only.
const INTEGRAL: &[(&str, NativeFn)] = &[
    ("__lshift__", lshift),
    ("__rlshift__", rlshift),
    ("__rshift__", rshift),
    ("__rrshift__", rrshift),
    ("__and__", and),
    ("__rand__", rand),
    ("__or__", or),
    ("__ror__", ror),
    ("__xor__", xor),
    ("__rxor__", rxor),
    ("__invert__", invert),
];

/// Installs the special methods on `int`, `float` and `complex` (`bool` inherits
/// int's).
pub fn register(vm: &Vm) {
    let t = vm.types();
    let (int, float, complex) = (t.int.clone(), t.float.clone(), t.complex.clone());
    for (class, tables) in [
        (&int, &[COMMON, REAL, INTEGRAL][..]),
        (&float, &[COMMON, REAL][..]),
        (&complex, &[COMMON][..]),
    ] {
        for table in tables {
            for &(name, f) in *table {
                add_method(vm, class, name, f);
            }
        }
    }
}
