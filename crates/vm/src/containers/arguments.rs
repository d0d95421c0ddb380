//! Argument checking for the container built-ins, with CPython's exact messages.
//!
//! CPython words arity errors differently depending on how a built-in parses its
//! arguments (`METH_O`, `METH_NOARGS`, Argument Clinic, `PyArg_ParseTuple`), so each
//! style has its own helper here; every method picks the one CPython uses for it.

use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "argument"
    } else {
        "arguments"
    }
}

/// Rejects keyword arguments: `list.append() takes no keyword arguments`.
pub fn no_kwargs(vm: &Vm, qualname: &str, kwargs: &[(Value, Value)]) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{qualname}() takes no keyword arguments")))
    }
}

/// A `METH_O` method: exactly one argument after `self`.
pub fn one_arg<'a>(
    vm: &Vm,
    qualname: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<&'a Value> {
    no_kwargs(vm, qualname, kwargs)?;
    match args {
        [_, x] => Ok(x),
        _ => Err(vm.type_error(format!(
            "{qualname}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// A `METH_NOARGS` method: nothing after `self`.
pub fn no_args(vm: &Vm, qualname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<()> {
    no_kwargs(vm, qualname, kwargs)?;
    if args.len() <= 1 {
        Ok(())
    } else {
        Err(vm.type_error(format!(
            "{qualname}() takes no arguments ({} given)",
            args.len() - 1
        )))
    }
}

/// An Argument Clinic positional-only signature: between `min` and `max` arguments
/// (`given` excludes `self`): `pop expected at most 1 argument, got 2`.
pub fn clinic_arity(vm: &Vm, name: &str, given: usize, min: usize, max: usize) -> PyResult<()> {
    if given >= min && given <= max {
        return Ok(());
    }
    let msg = if min == max {
        format!("{name} expected {min} {}, got {given}", plural(min))
    } else if given < min {
        format!(
            "{name} expected at least {min} {}, got {given}",
            plural(min)
        )
    } else {
        format!("{name} expected at most {max} {}, got {given}", plural(max))
    };
    Err(vm.type_error(msg))
}

/// The older `PyArg_ParseTuple` wording: `find() takes at most 3 arguments (4 given)`.
pub fn tuple_arity(vm: &Vm, name: &str, given: usize, min: usize, max: usize) -> PyResult<()> {
    if given >= min && given <= max {
        return Ok(());
    }
    let msg = if given < min {
        format!(
            "{name}() takes at least {min} {} ({given} given)",
            plural(min)
        )
    } else {
        format!(
            "{name}() takes at most {max} {} ({given} given)",
            plural(max)
        )
    };
    Err(vm.type_error(msg))
}

/// Binds positional arguments (`self` already removed) and keyword arguments to the
/// parameters `names`; the first `positional` of them may be given by position.
/// Unknown keywords and duplicates raise CPython's messages for `fname()`.
pub fn bind<const N: usize>(
    vm: &Vm,
    fname: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: [&str; N],
    positional: usize,
) -> PyResult<[Option<Value>; N]> {
    if args.len() > positional {
        return Err(if positional == 0 {
            vm.type_error(format!("{fname}() takes no positional arguments"))
        } else {
            vm.type_error(format!(
                "{fname}() takes at most {positional} {} ({} given)",
                plural(positional),
                args.len()
            ))
        });
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    fill_slots(vm, fname, args, kwargs, &names, &mut out)?;
    Ok(out)
}

/// Puts positional arguments into the first slots and keyword arguments into the slot
/// of their name, with CPython's messages for an unknown keyword and for an argument
/// given both ways. Shared by every built-in that takes keywords.
pub fn fill_slots(
    vm: &Vm,
    fname: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
    out: &mut [Option<Value>],
) -> PyResult<()> {
    for (slot, a) in out.iter_mut().zip(args) {
        *slot = Some(a.clone());
    }
    for (k, v) in kwargs {
        let key = k.as_str().unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!(
                    "argument for {fname}() given by name ('{key}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "'{key}' is an invalid keyword argument for {fname}()"
                )))
            }
        }
    }
    Ok(())
}

/// The error for a method called on the wrong kind of object (`str.upper(5)`) or on
/// nothing (`str.upper()`).
pub fn descriptor_error(
    vm: &Vm,
    owner: &str,
    method: &str,
    got: Option<&Value>,
) -> crate::error::PyErr {
    match got {
        None => vm.type_error(format!(
            "unbound method {owner}.{method}() needs an argument"
        )),
        Some(v) => vm.type_error(format!(
            "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        )),
    }
}
