//! Argument checking for the numeric built-ins, with CPython's messages (the
//! Argument Clinic wording for functions that take keywords).

use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// Rejects keyword arguments: `abs() takes no keyword arguments`.
pub fn no_kwargs(vm: &Vm, kwargs: &[(Value, Value)], name: &str) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Exactly one positional argument: `abs() takes exactly one argument (2 given)`.
pub fn one_arg<'a>(
    vm: &Vm,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    name: &str,
) -> PyResult<&'a Value> {
    no_kwargs(vm, kwargs, name)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

/// A method without arguments (`args[0]` is self):
/// `int.bit_length() takes no arguments (1 given)`.
pub fn no_args<'a>(
    vm: &Vm,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    qualname: &str,
) -> PyResult<&'a Value> {
    no_kwargs(vm, kwargs, qualname)?;
    match args {
        [this] => Ok(this),
        [] => Err(vm.type_error(format!("unbound method {qualname}() needs an argument"))),
        _ => Err(vm.type_error(format!(
            "{qualname}() takes no arguments ({} given)",
            args.len() - 1
        ))),
    }
}

/// Binds positional and keyword arguments to `names`, the first `required` of which
/// must be present (`pow() missing required argument 'exp' (pos 2)`).
pub fn parse_args(
    vm: &Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let total = args.len() + kwargs.len();
    if total > names.len() {
        let (n, s) = (names.len(), if names.len() == 1 { "" } else { "s" });
        return Err(vm.type_error(format!(
            "{name}() takes at most {n} argument{s} ({total} given)"
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    crate::containers::arguments::fill_slots(vm, name, args, kwargs, names, &mut out)?;
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(vm.type_error(format!(
                "{name}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Positional-only arguments counted like `float expected at most 1 argument, got 2`.
pub fn at_most(vm: &Vm, args: &[Value], max: usize, name: &str) -> PyResult<()> {
    if args.len() > max {
        let s = if max == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{name} expected at most {max} argument{s}, got {}",
            args.len()
        )));
    }
    Ok(())
}
