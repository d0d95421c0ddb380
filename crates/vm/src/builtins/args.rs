//! Argument checking shared by the built-in functions, with CPython's exact messages
//! (the wording differs between functions written with and without Argument Clinic,
//! hence several helpers).

use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// `name() takes no keyword arguments`.
pub fn no_kwargs(vm: &Vm, name: &str, kw: &[(Value, Value)]) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// One positional argument and no keywords: `name() takes exactly one argument (N given)`.
pub fn exactly_one<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [Value],
    kw: &[(Value, Value)],
) -> PyResult<&'a Value> {
    no_kwargs(vm, name, kw)?;
    match args {
        [v] => Ok(v),
        _ => Err(vm.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

/// No arguments at all: `name() takes no arguments (N given)`.
pub fn no_args(vm: &Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<()> {
    no_kwargs(vm, name, kw)?;
    if args.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Between `min` and `max` positional arguments: `name expected at least 2 arguments,
/// got 1` / `name expected at most 3 arguments, got 4` / `name expected 2 arguments, got 1`.
pub fn count(vm: &Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        format!("{name} expected {min} argument{}, got {n}", plural(min))
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )
    };
    Err(vm.type_error(msg))
}

/// Rejects keywords outside `allowed`: `'x' is an invalid keyword argument for name()`.
pub fn allowed_kwargs(
    vm: &Vm,
    name: &str,
    kw: &[(Value, Value)],
    allowed: &[&str],
) -> PyResult<()> {
    for (k, _) in kw {
        let key = k.as_str().unwrap_or("");
        if !allowed.contains(&key) {
            return Err(vm.type_error(format!(
                "'{key}' is an invalid keyword argument for {name}()"
            )));
        }
    }
    Ok(())
}

/// The value of keyword argument `name`, if given.
pub fn kwarg<'a>(kw: &'a [(Value, Value)], name: &str) -> Option<&'a Value> {
    kw.iter()
        .find(|(k, _)| k.as_str() == Some(name))
        .map(|(_, v)| v)
}

/// An attribute name argument: `attribute name must be string, not 'int'`.
pub fn attr_name(vm: &Vm, v: &Value) -> PyResult<Value> {
    if v.as_str().is_some() {
        Ok(v.clone())
    } else {
        Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        )))
    }
}

/// An integer argument that must fit in i64 (`chr`, `sleep`-like callers): the
/// TypeError names the type as `'str' object cannot be interpreted as an integer`.
pub fn index_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => {
            if let Some(crate::object::Payload::BigInt(_)) = v.payload() {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            if crate::ops::is_user_object(v) {
                if let Some(r) = crate::ops::call_dunder(vm, v, "__index__", vec![])? {
                    if let Value::Int(i) = r {
                        return Ok(i);
                    }
                    return Err(vm.type_error(format!(
                        "__index__ returned non-int (type {})",
                        vm.type_name(&r)
                    )));
                }
            }
            Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            )))
        }
    }
}

/// The arguments after `self` of a method that takes exactly `n` of them:
/// `expected 1 argument, got 0` otherwise (the wording of CPython's slot wrappers).
pub fn method_args<'a>(vm: &Vm, args: &'a [Value], n: usize) -> PyResult<&'a [Value]> {
    let rest = args.get(1..).unwrap_or(&[]);
    if args.is_empty() || rest.len() != n {
        return Err(vm.type_error(format!(
            "expected {n} argument{}, got {}",
            plural(n),
            rest.len()
        )));
    }
    Ok(rest)
}
