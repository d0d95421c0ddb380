//! The `int` and `bool` types: constructors (`int(x)`, `int(s, base)`, `bool(x)`)
//! and the methods of ints (`bit_length`, `to_bytes`, `from_bytes`, ...).

use super::args::{at_most, no_args, no_kwargs, parse_args};
use super::convert::{index, int_from_text, int_of, text_of};
use super::{as_int, int_from_bigint, Int};
use crate::bootstrap::{add_classmethod, add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_traits::Signed;

/// Installs `int` and `bool` constructors and methods.
pub fn register(vm: &Vm) {
    let int = vm.types().int.clone();
    add_staticmethod(vm, &int, "__new__", int_new);
    add_method(vm, &int, "bit_length", int_bit_length);
    add_method(vm, &int, "bit_count", int_bit_count);
    add_method(vm, &int, "to_bytes", int_to_bytes);
    add_classmethod(vm, &int, "from_bytes", int_from_bytes);
    add_method(vm, &int, "as_integer_ratio", int_as_integer_ratio);
    add_method(vm, &int, "conjugate", int_identity);
    add_method(vm, &int, "__index__", int_identity);
    add_method(vm, &int, "__int__", int_identity);
    add_method(vm, &int, "__trunc__", int_identity);
    add_method(vm, &int, "__floor__", int_identity);
    add_method(vm, &int, "__ceil__", int_identity);
    add_method(vm, &int, "__float__", int_float);
    add_method(vm, &int, "__round__", int_round);
    let bool_ = vm.types().bool_.clone();
    add_staticmethod(vm, &bool_, "__new__", bool_new);
}

/// The int a method was called on.
fn this_int<'a>(vm: &Vm, v: &'a Value, qualname: &str) -> PyResult<Int<'a>> {
    as_int(v).ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{qualname}' requires a 'int' object but received a '{}'",
            vm.type_name(v)
        ))
    })
}

/// `int(x=0)`, `int(s, base=10)`.
fn int_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // The common `int(x)`.
    if let ([_, x], []) = (args, kwargs) {
        return int_of(vm, x);
    }
    let given = args.get(1..).unwrap_or(&[]);
    let total = given.len() + kwargs.len();
    if total > 2 {
        return Err(vm.type_error(format!("int() takes at most 2 arguments ({total} given)")));
    }
    // `x` is positional-only.
    if kwargs.iter().any(|(k, _)| k.as_str() == Some("x")) {
        return Err(vm.type_error("'x' is an invalid keyword argument for int()"));
    }
    let a = parse_args(vm, "int", given, kwargs, &["x", "base"], 0)?;
    let (x, base) = (&a[0], &a[1]);
    let Some(base) = base else {
        return match x {
            Some(x) => int_of(vm, x),
            None => Ok(Value::Int(0)),
        };
    };
    let Some(x) = x else {
        return Err(vm.type_error("int() missing string argument"));
    };
    let base = index(vm, base)?;
    let base = match base {
        Value::Int(b) if b == 0 || (2..=36).contains(&b) => b as u32,
        _ => return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0")),
    };
    match text_of(x) {
        Some(text) => int_from_text(vm, x, &text, base),
        None => Err(vm.type_error("int() can't convert non-string with explicit base")),
    }
}

/// `bool(x=False)`.
fn bool_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, kwargs, "bool")?;
    let given = args.get(1..).unwrap_or(&[]);
    at_most(vm, given, 1, "bool")?;
    match given.first() {
        Some(v) => Ok(Value::Bool(crate::ops::truthy(vm, v)?)),
        None => Ok(Value::Bool(false)),
    }
}

fn int_identity(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "int.__index__")?;
    Ok(this_int(vm, this, "__index__")?.to_value())
}

fn int_float(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "int.__float__")?;
    let i = this_int(vm, this, "__float__")?;
    Ok(Value::Float(i.to_f64(vm)?))
}

fn int_round(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, kwargs, "int.__round__")?;
    let Some(this) = args.first() else {
        return Err(vm.type_error("unbound method int.__round__() needs an argument"));
    };
    let i = this_int(vm, this, "__round__")?;
    match args.get(1) {
        None | Some(Value::None) => Ok(i.to_value()),
        Some(nd) => {
            let nd = index(vm, nd)?;
            let nd = as_int(&nd).unwrap_or(Int::Small(0));
            Ok(super::rounding::round_int(i, nd))
        }
    }
}

fn int_bit_length(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "int.bit_length")?;
    Ok(Value::Int(match this_int(vm, this, "bit_length")? {
        Int::Small(i) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Int::Big(b) => b.bits() as i64,
    }))
}

fn int_bit_count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "int.bit_count")?;
    Ok(Value::Int(match this_int(vm, this, "bit_count")? {
        Int::Small(i) => i.unsigned_abs().count_ones() as i64,
        Int::Big(b) => b.magnitude().count_ones() as i64,
    }))
}

fn int_as_integer_ratio(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "int.as_integer_ratio")?;
    let i = this_int(vm, this, "as_integer_ratio")?.to_value();
    Ok(vm.new_tuple(vec![i, Value::Int(1)]))
}

/// Reads `byteorder` ('big' or 'little').
fn byteorder(vm: &Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(v) => match v.as_str() {
            Some("big") => Ok(true),
            Some("little") => Ok(false),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.type_error(format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(vm.type_error("unbound method int.to_bytes() needs an argument"));
    };
    let i = this_int(vm, this, "to_bytes")?.to_big();
    let a = parse_args(
        vm,
        "to_bytes",
        &args[1..],
        kwargs,
        &["length", "byteorder", "signed"],
        0,
    )?;
    let length = match &a[0] {
        Some(l) => match index(vm, l)? {
            Value::Int(n) if n >= 0 => n as usize,
            Value::Int(_) => return Err(vm.value_error("length argument must be non-negative")),
            _ => return Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        },
        None => 1,
    };
    let big = byteorder(vm, a[1].as_ref())?;
    let signed = match &a[2] {
        Some(s) => crate::ops::truthy(vm, s)?,
        None => false,
    };
    if !signed && i.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        i.to_signed_bytes_le()
    } else {
        i.magnitude().to_bytes_le()
    };
    if bytes == [0] {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let pad = if signed && i.is_negative() { 0xff } else { 0 };
    bytes.resize(length, pad);
    if big {
        bytes.reverse();
    }
    Ok(Value::new_obj(Payload::Bytes(bytes.into_boxed_slice())))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn int_from_bytes(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let given = args.get(1..).unwrap_or(&[]);
    let a = parse_args(
        vm,
        "from_bytes",
        given,
        kwargs,
        &["bytes", "byteorder", "signed"],
        1,
    )?;
    let data: Vec<u8> = match &a[0] {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Bytes(_)) => match o.payload() {
            Payload::Bytes(b) => b.to_vec(),
            _ => Vec::new(),
        },
        Some(other) => {
            let items = crate::ops::collect_iterable(vm, other)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                match it {
                    Value::Int(n) if (0..256).contains(&n) => out.push(n as u8),
                    _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
                }
            }
            out
        }
        None => Vec::new(),
    };
    let big = byteorder(vm, a[1].as_ref())?;
    let signed = match &a[2] {
        Some(s) => crate::ops::truthy(vm, s)?,
        None => false,
    };
    let n = match (big, signed) {
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
    };
    Ok(int_from_bigint(n))
}
