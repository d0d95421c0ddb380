//! Built-ins that consume iterables: `iter`, `next`, `sorted`, `min`, `max`, `sum`,
//! `any`, `all`.

use super::args;
use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::object::{GilCell, Payload};
use crate::types::iter::IterState;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::{BinaryOperator, ComparisonOperator};

fn builtin_iter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "iter", kw)?;
    args::count(vm, "iter", args, 1, 2)?;
    if let Some(sentinel) = args.get(1) {
        if !is_callable(vm, &args[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(Value::new_obj(Payload::Iterator(GilCell::new(
            IterState::Callable {
                func: args[0].clone(),
                sentinel: sentinel.clone(),
            },
        ))));
    }
    if let Some(Payload::File(_)) = args[0].payload() {
        return super::files::file_iter(vm, &args[0]);
    }
    crate::ops::get_iter(vm, &args[0])
}

/// Advances `iter(func, sentinel)`: the next call's result, or None once it returns
/// a value equal to the sentinel.
pub fn callable_iter_next(vm: &mut Vm, func: &Value, sentinel: &Value) -> PyResult<Option<Value>> {
    let v = match vm.call(func, vec![], vec![]) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.interp.exc.stop_iteration.clone()) => return Ok(None),
        Err(e) => return Err(e),
    };
    if v.is(sentinel) || crate::ops::eq(vm, &v, sentinel)? {
        return Ok(None);
    }
    Ok(Some(v))
}

fn builtin_next(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "next", kw)?;
    args::count(vm, "next", args, 1, 2)?;
    let it = &args[0];
    let item = match (it, it.payload()) {
        (Value::Obj(o), Some(Payload::File(_))) => super::files::file_next(vm, o)?,
        (Value::Obj(o), Some(Payload::Generator(_))) => {
            // A generator's return value travels in the StopIteration.
            match crate::generators::resume(vm, o, Value::None, None)? {
                crate::generators::Step::Yielded(v) => Some(v),
                crate::generators::Step::Returned(v) => match args.get(1) {
                    Some(default) => return Ok(default.clone()),
                    None => return Err(vm.stop_iteration(v)),
                },
            }
        }
        _ => crate::ops::iter_next(vm, it)?,
    };
    match (item, args.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(vm.stop_iteration(Value::None)),
    }
}

/// `callable(v)`.
pub fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Function(_)
            | Payload::NativeFunction(_)
            | Payload::BoundMethod(_)
            | Payload::Type(_),
        ) => true,
        Some(Payload::Instance(_) | Payload::Exception(_)) => {
            let class = vm.type_of(v);
            crate::attr::lookup_type_attr(vm, &class, &vm.interp.names.call).is_some()
        }
        _ => false,
    }
}

fn builtin_callable(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "callable", args, kw)?;
    Ok(Value::Bool(is_callable(vm, v)))
}

fn builtin_sorted(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::count(vm, "sorted", args, 1, 1)?;
    args::allowed_kwargs(vm, "sort", kw, &["key", "reverse"])?;
    let mut items = crate::ops::collect_iterable(vm, &args[0])?;
    let key = args::kwarg(kw, "key");
    let reverse = match args::kwarg(kw, "reverse") {
        Some(r) => crate::ops::truthy(vm, r)?,
        None => false,
    };
    super::sorting::sort_values(vm, &mut items, key, reverse)?;
    Ok(vm.new_list(items))
}

/// `min()` and `max()`: `op` is the comparison that makes a new item the best so far.
fn min_max(
    vm: &mut Vm,
    name: &str,
    op: ComparisonOperator,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    args::allowed_kwargs(vm, name, kw, &["key", "default"])?;
    if args.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    let key = args::kwarg(kw, "key").filter(|k| !k.is_none()).cloned();
    let default = args::kwarg(kw, "default").cloned();
    if args.len() > 1 && default.is_some() {
        return Err(vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let candidates: Vec<Value>;
    let items: &[Value] = if args.len() == 1 {
        candidates = crate::ops::collect_iterable(vm, &args[0])?;
        &candidates
    } else {
        args
    };
    let Some(first) = items.first() else {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        };
    };
    let key_of = |vm: &mut Vm, v: &Value| -> PyResult<Value> {
        match &key {
            Some(f) => vm.call(f, vec![v.clone()], vec![]),
            None => Ok(v.clone()),
        }
    };
    let mut best = first.clone();
    let mut best_key = key_of(vm, first)?;
    for item in &items[1..] {
        let k = key_of(vm, item)?;
        let better = match (&k, &best_key) {
            (Value::Int(a), Value::Int(b)) => match op {
                ComparisonOperator::Less => a < b,
                _ => a > b,
            },
            _ => {
                let r = crate::ops::compare(vm, op, &k, &best_key)?;
                crate::ops::truthy(vm, &r)?
            }
        };
        if better {
            best = item.clone();
            best_key = k;
        }
    }
    Ok(best)
}

fn builtin_min(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    min_max(vm, "min", ComparisonOperator::Less, args, kw)
}

fn builtin_max(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    min_max(vm, "max", ComparisonOperator::Greater, args, kw)
}

fn builtin_sum(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "sum", kw, &["start"])?;
    if args.is_empty() {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let start = args
        .get(1)
        .or_else(|| args::kwarg(kw, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    match start.payload() {
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        Some(Payload::Bytes(_)) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let mut total = start;
    let add = |vm: &mut Vm, total: &Value, x: &Value| -> PyResult<Value> {
        match (total, x) {
            (Value::Int(a), Value::Int(b)) => {
                if let Some(s) = a.checked_add(*b) {
                    return Ok(Value::Int(s));
                }
            }
            (Value::Float(a), Value::Float(b)) => return Ok(Value::Float(a + b)),
            (Value::Float(a), Value::Int(b)) => return Ok(Value::Float(a + *b as f64)),
            _ => {}
        }
        crate::ops::binary_op(vm, BinaryOperator::Add, total, x)
    };
    match args[0].payload() {
        Some(Payload::List(l)) => {
            // Index by position: the list may change while user `__add__` runs.
            let mut i = 0;
            loop {
                let x = match l.borrow(vm.gil).get(i) {
                    Some(x) => x.clone(),
                    None => break,
                };
                total = add(vm, &total, &x)?;
                i += 1;
            }
        }
        Some(Payload::Tuple(items)) => {
            for x in items.iter() {
                total = add(vm, &total, x)?;
            }
        }
        _ => {
            let it = crate::ops::get_iter(vm, &args[0])?;
            while let Some(x) = crate::ops::iter_next(vm, &it)? {
                total = add(vm, &total, &x)?;
            }
        }
    }
    Ok(total)
}

/// `any()` (`want` = true) and `all()` (`want` = false): stops at the first item
/// whose truth equals `want`.
fn any_all(
    vm: &mut Vm,
    name: &str,
    want: bool,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    let v = args::exactly_one(vm, name, args, kw)?;
    let it = crate::ops::get_iter(vm, v)?;
    while let Some(x) = crate::ops::iter_next(vm, &it)? {
        if crate::ops::truthy(vm, &x)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

fn builtin_any(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    any_all(vm, "any", true, args, kw)
}

fn builtin_all(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    any_all(vm, "all", false, args, kw)
}

/// Installs the iteration built-ins.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "iter", builtin_iter);
    add_function(vm, &b, "next", builtin_next);
    add_function(vm, &b, "callable", builtin_callable);
    add_function(vm, &b, "sorted", builtin_sorted);
    add_function(vm, &b, "min", builtin_min);
    add_function(vm, &b, "max", builtin_max);
    add_function(vm, &b, "sum", builtin_sum);
    add_function(vm, &b, "any", builtin_any);
    add_function(vm, &b, "all", builtin_all);
}
