//! Support for control-flow instructions: raising, matching `except` clauses,
//! entering `with` blocks and spreading `**kwargs`.

use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// Turns the operand of `raise` into an exception object: a class is instantiated,
/// an instance used as is; anything else is a TypeError. Sets `__cause__`.
pub fn make_raisable(vm: &mut Vm, exc: Value, cause: Option<Value>) -> PyResult<PyErr> {
    let base = vm.interp.exc.base_exception.clone();
    let err = match &exc {
        Value::Obj(o) if matches!(o.payload(), Payload::Exception(_)) => PyErr(o.clone()),
        Value::Obj(o) if o.as_type().is_some() && vm.is_subclass(o, &base) => {
            let instance = vm.call(&exc, vec![], vec![])?;
            match instance {
                Value::Obj(i) if matches!(i.payload(), Payload::Exception(_)) => PyErr(i),
                other => {
                    let shown = crate::ops::repr(vm, &exc)?;
                    return Ok(vm.type_error(format!(
                        "calling {shown} should have returned an instance of BaseException, not {}",
                        vm.type_name(&other)
                    )));
                }
            }
        }
        _ => return Ok(vm.type_error("exceptions must derive from BaseException")),
    };
    if let Some(cause) = cause {
        let cause = match &cause {
            Value::None => Value::None,
            Value::Obj(o) if matches!(o.payload(), Payload::Exception(_)) => cause.clone(),
            Value::Obj(o) if o.as_type().is_some() && vm.is_subclass(o, &base) => {
                vm.call(&cause, vec![], vec![])?
            }
            _ => return Ok(vm.type_error("exception causes must derive from BaseException")),
        };
        *err.exception().cause.borrow_mut(vm.gil) = cause;
        err.exception().suppress_context.set(true);
    }
    Ok(err)
}

/// Whether `exc` matches the class (or tuple of classes) of an `except` clause.
pub fn exception_matches(vm: &mut Vm, exc: &Value, class: &Value) -> PyResult<bool> {
    let base = vm.interp.exc.base_exception.clone();
    let exc_class = vm.type_of(exc);
    match class {
        Value::Obj(o) if o.as_type().is_some() => {
            if !vm.is_subclass(o, &base) {
                return Err(vm.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            Ok(vm.is_subclass(&exc_class, o))
        }
        Value::Obj(o) if matches!(o.payload(), Payload::Tuple(_)) => {
            let Payload::Tuple(items) = o.payload() else {
                unreachable!()
            };
            for item in items.iter() {
                if exception_matches(vm, exc, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(
            vm.type_error("catching classes that do not inherit from BaseException is not allowed")
        ),
    }
}

/// `with ctx:` entry: returns the bound `__exit__` and the result of `__enter__()`.
pub fn before_with(vm: &mut Vm, ctx: &Value) -> PyResult<(Value, Value)> {
    let class = vm.type_of(ctx);
    let enter_name = vm.interp.names.enter.clone();
    let exit_name = vm.interp.names.exit.clone();
    let tname = vm.type_name(ctx);
    let Some(enter) = crate::attr::lookup_type_attr(vm, &class, &enter_name) else {
        return Err(vm.type_error(format!(
            "'{tname}' object does not support the context manager protocol"
        )));
    };
    let Some(exit) = crate::attr::lookup_type_attr(vm, &class, &exit_name) else {
        return Err(vm.type_error(format!(
            "'{tname}' object does not support the context manager protocol (missed __exit__ method)"
        )));
    };
    let bound_exit = Value::new_obj(Payload::BoundMethod(crate::types::function::BoundMethod {
        func: exit,
        this: ctx.clone(),
    }));
    let entered = vm.call(&enter, vec![ctx.clone()], vec![])?;
    Ok((bound_exit, entered))
}

/// The (name, value) pairs of a `**kwargs` dict.
pub fn kwargs_pairs(vm: &mut Vm, dict: &Value) -> PyResult<Vec<(Value, Value)>> {
    match dict.payload() {
        Some(Payload::Dict(d)) => Ok(d
            .borrow(vm.gil)
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()),
        _ => Err(vm.type_error("argument after ** must be a mapping")),
    }
}
