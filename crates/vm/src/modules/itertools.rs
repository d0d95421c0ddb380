//! The `itertools` module. Iterators that may be infinite or feed on infinite input
//! (`count`, `repeat`, `cycle`, `chain`, `islice`, `accumulate`, `takewhile`, ...) are
//! lazy native classes keeping their state in instance fields; the combinatoric ones
//! (`product`, `permutations`, `combinations`, ...) and `groupby`/`tee` compute their
//! items up front and hand them out through an iterator of the right class.

use super::native_class::{field, new_class, new_instance, set_field};
use super::set_attr;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::BinaryOperator;

fn stop(vm: &Vm) -> crate::error::PyErr {
    vm.stop_iteration(Value::None)
}

fn get(vm: &Vm, this: &Value, name: &str) -> Value {
    field(vm, this, name).unwrap_or(Value::None)
}

fn done(vm: &Vm, this: &Value) -> bool {
    matches!(field(vm, this, "_done"), Some(Value::Bool(true)))
}

fn finish(vm: &Vm, this: &Value) -> crate::error::PyErr {
    set_field(vm, this, "_done", Value::Bool(true));
    stop(vm)
}

/// The class `name` of the itertools module.
fn class(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    let m = super::import(vm, "itertools")?;
    let dict = super::module_dict(m.as_obj().ok_or_else(|| vm.type_error("itertools"))?);
    let hidden = format!("_class_{name}");
    match crate::vm::dict_get_str(vm, &dict, &hidden) {
        Some(Value::Obj(c)) => Ok(c),
        _ => Err(vm.type_error(format!("itertools.{name} is missing"))),
    }
}

fn make(vm: &mut Vm, name: &str, attrs: Vec<(&str, Value)>) -> PyResult<Value> {
    let c = class(vm, name)?;
    Ok(new_instance(vm, &c, attrs))
}

/// Splits a constructor's arguments into the new instance and the call arguments.
fn split_self(args: &[Value]) -> (Value, &[Value]) {
    match args.split_first() {
        Some((this, rest)) => (this.clone(), rest),
        None => (Value::None, args),
    }
}

/// Stores a new iterator's state on it (the body of its `__init__`).
fn init(vm: &Vm, this: &Value, attrs: Vec<(&str, Value)>) -> PyResult<Value> {
    for (k, v) in attrs {
        set_field(vm, this, k, v);
    }
    Ok(Value::None)
}

/// Initializes an iterator over precomputed items.
fn init_precomputed(vm: &mut Vm, this: &Value, items: Vec<Value>) -> PyResult<Value> {
    let list = vm.new_list(items);
    let it = crate::ops::get_iter(vm, &list)?;
    init(vm, this, vec![("_it", it)])
}

fn iter_self(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    Ok(args[0].clone())
}

fn missing(vm: &Vm, func: &str, name: &str, pos: usize) -> crate::error::PyErr {
    vm.type_error(format!(
        "{func}() missing required argument '{name}' (pos {pos})"
    ))
}

// ----- count, repeat, cycle -----

fn count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "count", kw, &["start", "step"])?;
    args::count(vm, "count", args, 0, 2)?;
    let start = args
        .first()
        .or_else(|| args::kwarg(kw, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    let step = args
        .get(1)
        .or_else(|| args::kwarg(kw, "step"))
        .cloned()
        .unwrap_or(Value::Int(1));
    for v in [&start, &step] {
        let numeric = matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
            || matches!(v.payload(), Some(Payload::BigInt(_) | Payload::Complex(..)));
        if !numeric && !crate::ops::is_user_object(v) {
            return Err(vm.type_error("a number is required"));
        }
    }
    init(vm, &this, vec![("_n", start), ("_step", step)])
}

fn count_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let n = get(vm, this, "_n");
    let step = get(vm, this, "_step");
    let next = crate::ops::binary_op(vm, BinaryOperator::Add, &n, &step)?;
    set_field(vm, this, "_n", next);
    Ok(n)
}

fn count_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let n = crate::ops::repr(vm, &get(vm, this, "_n"))?;
    let step = get(vm, this, "_step");
    if matches!(step, Value::Int(1)) {
        return Ok(Value::str(format!("count({n})")));
    }
    let step = crate::ops::repr(vm, &step)?;
    Ok(Value::str(format!("count({n}, {step})")))
}

fn repeat(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "repeat", kw, &["object", "times"])?;
    args::count(vm, "repeat", args, 0, 2)?;
    let Some(obj) = args.first().or_else(|| args::kwarg(kw, "object")).cloned() else {
        return Err(missing(vm, "repeat", "object", 1));
    };
    let times = match args.get(1).or_else(|| args::kwarg(kw, "times")) {
        Some(t) => Value::Int(args::index_i64(vm, t)?.max(0)),
        None => Value::None,
    };
    init(vm, &this, vec![("_obj", obj), ("_times", times)])
}

fn repeat_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    match get(vm, this, "_times") {
        Value::Int(0) => return Err(stop(vm)),
        Value::Int(n) => set_field(vm, this, "_times", Value::Int(n - 1)),
        _ => {}
    }
    Ok(get(vm, this, "_obj"))
}

fn repeat_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let obj = crate::ops::repr(vm, &get(vm, this, "_obj"))?;
    Ok(Value::str(match get(vm, this, "_times") {
        Value::Int(n) => format!("repeat({obj}, {n})"),
        _ => format!("repeat({obj})"),
    }))
}

fn repeat_len_hint(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    match get(vm, &args[0], "_times") {
        Value::Int(n) => Ok(Value::Int(n)),
        _ => Err(vm.type_error("len() of unsized object")),
    }
}

fn cycle(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let (this, args) = split_self(args);
    args::no_kwargs(vm, "cycle", kw)?;
    args::count(vm, "cycle", args, 1, 1)?;
    let it = crate::ops::get_iter(vm, &args[0])?;
    let saved = vm.new_list(vec![]);
    init(
        vm,
        &this,
        vec![("_it", it), ("_saved", saved), ("_index", Value::Int(0))],
    )
}

fn cycle_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let saved = get(vm, this, "_saved");
    let it = get(vm, this, "_it");
    if !it.is_none() {
        if let Some(x) = crate::ops::iter_next(vm, &it)? {
            if let Some(Payload::List(l)) = saved.payload() {
                l.borrow_mut(vm.gil).push(x.clone());
            }
            return Ok(x);
        }
        set_field(vm, this, "_it", Value::None);
    }
    let Some(Payload::List(l)) = saved.payload() else {
        return Err(stop(vm));
    };
    let len = l.borrow(vm.gil).len();
    if len == 0 {
        return Err(stop(vm));
    }
    let i = match get(vm, this, "_index") {
        Value::Int(i) => i as usize % len,
        _ => 0,
    };
    let x = l.borrow(vm.gil)[i].clone();
    set_field(vm, this, "_index", Value::Int(((i + 1) % len) as i64));
    Ok(x)
}

// ----- chain, islice -----

fn chain(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::no_kwargs(vm, "chain", kw)?;
    let sources = vm.new_tuple(args.to_vec());
    let sources = crate::ops::get_iter(vm, &sources)?;
    init(
        vm,
        &this,
        vec![("_sources", sources), ("_active", Value::None)],
    )
}

fn chain_from_iterable(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "from_iterable", kw)?;
    // Called as a class method: args[0] is the chain class.
    let rest = args.get(1..).unwrap_or(&[]);
    args::count(vm, "from_iterable", rest, 1, 1)?;
    let sources = crate::ops::get_iter(vm, &rest[0])?;
    let class = class(vm, "chain")?;
    Ok(new_instance(
        vm,
        &class,
        vec![("_sources", sources), ("_active", Value::None)],
    ))
}

fn chain_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    loop {
        let active = get(vm, this, "_active");
        if !active.is_none() {
            if let Some(x) = crate::ops::iter_next(vm, &active)? {
                return Ok(x);
            }
        }
        let sources = get(vm, this, "_sources");
        if sources.is_none() {
            return Err(stop(vm));
        }
        match crate::ops::iter_next(vm, &sources)? {
            Some(next) => {
                let it = crate::ops::get_iter(vm, &next)?;
                set_field(vm, this, "_active", it);
            }
            None => {
                set_field(vm, this, "_sources", Value::None);
                set_field(vm, this, "_active", Value::None);
                return Err(stop(vm));
            }
        }
    }
}

/// An islice index: None or an int in 0..=maxsize.
fn slice_index(vm: &mut Vm, v: Option<&Value>, msg: &str) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) if *i >= 0 => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(*b as i64)),
        Some(_) => Err(vm.value_error(msg.to_string())),
    }
}

fn islice(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let (this, args) = split_self(args);
    args::no_kwargs(vm, "islice", kw)?;
    args::count(vm, "islice", args, 2, 4)?;
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (start, stop_at, step) = if args.len() == 2 {
        (0, slice_index(vm, args.get(1), STOP)?, 1)
    } else {
        let start = slice_index(vm, args.get(1), INDICES)?.unwrap_or(0);
        let stop_at = slice_index(vm, args.get(2), INDICES)?;
        let step = match args.get(3) {
            None | Some(Value::None) => 1,
            Some(Value::Int(s)) if *s > 0 => *s,
            Some(_) => {
                return Err(vm.value_error("Step for islice() must be a positive integer or None."))
            }
        };
        (start, stop_at, step)
    };
    let it = crate::ops::get_iter(vm, &args[0])?;
    init(
        vm,
        &this,
        vec![
            ("_it", it),
            ("_next", Value::Int(start)),
            ("_stop", stop_at.map(Value::Int).unwrap_or(Value::None)),
            ("_step", Value::Int(step)),
            ("_pos", Value::Int(0)),
        ],
    )
}

fn islice_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let int = |vm: &Vm, name| match get(vm, this, name) {
        Value::Int(i) => i,
        _ => 0,
    };
    let (mut pos, next, step) = (int(vm, "_pos"), int(vm, "_next"), int(vm, "_step"));
    let stop_at = match get(vm, this, "_stop") {
        Value::Int(s) => Some(s),
        _ => None,
    };
    let it = get(vm, this, "_it");
    if it.is_none() || stop_at.is_some_and(|s| next >= s) {
        // Like CPython, consume up to `stop` so the source is left where islice ends.
        if let (false, Some(s)) = (it.is_none(), stop_at) {
            while pos < s {
                if crate::ops::iter_next(vm, &it)?.is_none() {
                    break;
                }
                pos += 1;
            }
        }
        set_field(vm, this, "_it", Value::None);
        return Err(stop(vm));
    }
    while pos < next {
        if crate::ops::iter_next(vm, &it)?.is_none() {
            set_field(vm, this, "_it", Value::None);
            return Err(stop(vm));
        }
        pos += 1;
    }
    let Some(item) = crate::ops::iter_next(vm, &it)? else {
        set_field(vm, this, "_it", Value::None);
        return Err(stop(vm));
    };
    set_field(vm, this, "_pos", Value::Int(pos + 1));
    set_field(vm, this, "_next", Value::Int(next + step));
    Ok(item)
}

// ----- accumulate, takewhile, dropwhile, starmap, filterfalse, compress -----

fn accumulate(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "accumulate", kw, &["iterable", "func", "initial"])?;
    args::count(vm, "accumulate", args, 0, 2)?;
    let Some(iterable) = args
        .first()
        .or_else(|| args::kwarg(kw, "iterable"))
        .cloned()
    else {
        return Err(missing(vm, "accumulate", "iterable", 1));
    };
    let func = args
        .get(1)
        .or_else(|| args::kwarg(kw, "func"))
        .cloned()
        .unwrap_or(Value::None);
    let initial = args::kwarg(kw, "initial").cloned().unwrap_or(Value::None);
    let it = crate::ops::get_iter(vm, &iterable)?;
    init(
        vm,
        &this,
        vec![
            ("_it", it),
            ("_func", func),
            ("_total", Value::Null),
            ("_initial", initial),
        ],
    )
}

fn accumulate_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let initial = get(vm, this, "_initial");
    if !initial.is_none() {
        set_field(vm, this, "_initial", Value::None);
        set_field(vm, this, "_total", initial.clone());
        return Ok(initial);
    }
    let it = get(vm, this, "_it");
    let Some(x) = crate::ops::iter_next(vm, &it)? else {
        return Err(stop(vm));
    };
    let total = field(vm, this, "_total").unwrap_or(Value::Null);
    let next = if total.is_null() {
        x
    } else {
        let func = get(vm, this, "_func");
        if func.is_none() {
            crate::ops::binary_op(vm, BinaryOperator::Add, &total, &x)?
        } else {
            vm.call(&func, vec![total, x], vec![])?
        }
    };
    set_field(vm, this, "_total", next.clone());
    Ok(next)
}

fn pred_and_iter(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<(Value, Value)> {
    args::no_kwargs(vm, name, kw)?;
    args::count(vm, name, args, 2, 2)?;
    let it = crate::ops::get_iter(vm, &args[1])?;
    Ok((args[0].clone(), it))
}

fn takewhile(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    let (pred, it) = pred_and_iter(vm, "takewhile", args, kw)?;
    init(vm, &this, vec![("_pred", pred), ("_it", it)])
}

fn takewhile_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    if done(vm, this) {
        return Err(stop(vm));
    }
    let it = get(vm, this, "_it");
    let Some(x) = crate::ops::iter_next(vm, &it)? else {
        return Err(finish(vm, this));
    };
    let pred = get(vm, this, "_pred");
    let keep = vm.call(&pred, vec![x.clone()], vec![])?;
    if crate::ops::truthy(vm, &keep)? {
        Ok(x)
    } else {
        Err(finish(vm, this))
    }
}

fn dropwhile(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    let (pred, it) = pred_and_iter(vm, "dropwhile", args, kw)?;
    init(vm, &this, vec![("_pred", pred), ("_it", it)])
}

fn dropwhile_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let it = get(vm, this, "_it");
    loop {
        let Some(x) = crate::ops::iter_next(vm, &it)? else {
            return Err(stop(vm));
        };
        if done(vm, this) {
            return Ok(x);
        }
        let pred = get(vm, this, "_pred");
        let r = vm.call(&pred, vec![x.clone()], vec![])?;
        if !crate::ops::truthy(vm, &r)? {
            set_field(vm, this, "_done", Value::Bool(true));
            return Ok(x);
        }
    }
}

fn filterfalse(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    let (pred, it) = pred_and_iter(vm, "filterfalse", args, kw)?;
    init(vm, &this, vec![("_pred", pred), ("_it", it)])
}

fn filterfalse_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let it = get(vm, this, "_it");
    let pred = get(vm, this, "_pred");
    loop {
        let Some(x) = crate::ops::iter_next(vm, &it)? else {
            return Err(stop(vm));
        };
        let r = if pred.is_none() {
            x.clone()
        } else {
            vm.call(&pred, vec![x.clone()], vec![])?
        };
        if !crate::ops::truthy(vm, &r)? {
            return Ok(x);
        }
    }
}

fn starmap(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    let (func, it) = pred_and_iter(vm, "starmap", args, kw)?;
    init(vm, &this, vec![("_func", func), ("_it", it)])
}

fn starmap_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let it = get(vm, this, "_it");
    let Some(x) = crate::ops::iter_next(vm, &it)? else {
        return Err(stop(vm));
    };
    let call_args = crate::ops::collect_iterable(vm, &x)?;
    let func = get(vm, this, "_func");
    vm.call(&func, call_args, vec![])
}

fn compress(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "compress", kw, &["data", "selectors"])?;
    args::count(vm, "compress", args, 0, 2)?;
    let Some(data) = args.first().or_else(|| args::kwarg(kw, "data")).cloned() else {
        return Err(missing(vm, "compress", "data", 1));
    };
    let Some(selectors) = args
        .get(1)
        .or_else(|| args::kwarg(kw, "selectors"))
        .cloned()
    else {
        return Err(missing(vm, "compress", "selectors", 2));
    };
    let data = crate::ops::get_iter(vm, &data)?;
    let selectors = crate::ops::get_iter(vm, &selectors)?;
    init(vm, &this, vec![("_it", data), ("_sel", selectors)])
}

fn compress_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let (it, sel) = (get(vm, this, "_it"), get(vm, this, "_sel"));
    loop {
        let Some(x) = crate::ops::iter_next(vm, &it)? else {
            return Err(stop(vm));
        };
        let Some(s) = crate::ops::iter_next(vm, &sel)? else {
            return Err(stop(vm));
        };
        if crate::ops::truthy(vm, &s)? {
            return Ok(x);
        }
    }
}

fn pairwise(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let (this, args) = split_self(args);
    args::no_kwargs(vm, "pairwise", kw)?;
    args::count(vm, "pairwise", args, 1, 1)?;
    let it = crate::ops::get_iter(vm, &args[0])?;
    init(vm, &this, vec![("_it", it), ("_last", Value::Null)])
}

fn pairwise_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let it = get(vm, this, "_it");
    let mut last = field(vm, this, "_last").unwrap_or(Value::Null);
    if last.is_null() {
        match crate::ops::iter_next(vm, &it)? {
            Some(x) => last = x,
            None => return Err(stop(vm)),
        }
    }
    let Some(x) = crate::ops::iter_next(vm, &it)? else {
        return Err(stop(vm));
    };
    set_field(vm, this, "_last", x.clone());
    Ok(vm.new_tuple(vec![last, x]))
}

fn zip_longest(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "zip_longest", kw, &["fillvalue"])?;
    let fill = args::kwarg(kw, "fillvalue").cloned().unwrap_or(Value::None);
    let mut its = Vec::with_capacity(args.len());
    for a in args {
        its.push(crate::ops::get_iter(vm, a)?);
    }
    let active = its.len() as i64;
    let its = vm.new_list(its);
    init(
        vm,
        &this,
        vec![
            ("_its", its),
            ("_fill", fill),
            ("_active", Value::Int(active)),
        ],
    )
}

fn zip_longest_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let this = &args[0];
    let its = get(vm, this, "_its");
    let Some(Payload::List(list)) = its.payload() else {
        return Err(stop(vm));
    };
    let n = list.borrow(vm.gil).len();
    let mut active = match get(vm, this, "_active") {
        Value::Int(a) => a,
        _ => 0,
    };
    if n == 0 || active == 0 {
        return Err(stop(vm));
    }
    let fill = get(vm, this, "_fill");
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let it = list.borrow(vm.gil).get(i).cloned().unwrap_or(Value::None);
        if it.is_none() {
            out.push(fill.clone());
            continue;
        }
        match crate::ops::iter_next(vm, &it)? {
            Some(x) => out.push(x),
            None => {
                active -= 1;
                if active == 0 {
                    set_field(vm, this, "_active", Value::Int(0));
                    return Err(stop(vm));
                }
                if let Some(slot) = list.borrow_mut(vm.gil).get_mut(i) {
                    *slot = Value::None;
                }
                out.push(fill.clone());
            }
        }
    }
    set_field(vm, this, "_active", Value::Int(active));
    Ok(vm.new_tuple(out))
}

// ----- eager: combinatorics, groupby, tee -----

fn precomputed_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    let it = get(vm, &args[0], "_it");
    match crate::ops::iter_next(vm, &it)? {
        Some(x) => Ok(x),
        None => Err(stop(vm)),
    }
}

/// An iterator of class `name` over precomputed items.
fn precomputed(vm: &mut Vm, name: &str, items: Vec<Value>) -> PyResult<Value> {
    let list = vm.new_list(items);
    let it = crate::ops::get_iter(vm, &list)?;
    make(vm, name, vec![("_it", it)])
}

fn r_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let r = args::index_i64(vm, v)?;
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            Ok(Some(r as usize))
        }
    }
}

/// Index tuples of the combinatoric generators, in CPython's order.
fn index_tuples(n: usize, r: usize, kind: &str) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(r);
    fn rec(
        n: usize,
        r: usize,
        kind: &str,
        start: usize,
        used: &mut Vec<bool>,
        cur: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if cur.len() == r {
            out.push(cur.clone());
            return;
        }
        let from = match kind {
            "combinations" => start,
            "cwr" => start,
            _ => 0,
        };
        for i in from..n {
            if kind == "permutations" && used[i] {
                continue;
            }
            if kind == "permutations" {
                used[i] = true;
            }
            cur.push(i);
            let next = if kind == "cwr" { i } else { i + 1 };
            rec(n, r, kind, next, used, cur, out);
            cur.pop();
            if kind == "permutations" {
                used[i] = false;
            }
        }
    }
    let mut used = vec![false; n];
    rec(n, r, kind, 0, &mut used, &mut current, &mut out);
    out
}

fn tuples_from(vm: &Vm, pool: &[Value], indices: Vec<Vec<usize>>) -> Vec<Value> {
    indices
        .into_iter()
        .map(|ix| vm.new_tuple(ix.into_iter().map(|i| pool[i].clone()).collect()))
        .collect()
}

/// Refuses combinatoric results too large to build eagerly.
fn check_size(vm: &Vm, n: usize, r: usize) -> PyResult<()> {
    let mut size: f64 = 1.0;
    for i in 0..r {
        size *= (n.saturating_sub(i)).max(1) as f64;
    }
    if size > 5e7 {
        return Err(vm.new_error(
            &vm.interp.exc.memory_error,
            "too many combinations to build",
        ));
    }
    Ok(())
}

fn permutations(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "permutations", kw, &["iterable", "r"])?;
    args::count(vm, "permutations", args, 0, 2)?;
    let Some(iterable) = args
        .first()
        .or_else(|| args::kwarg(kw, "iterable"))
        .cloned()
    else {
        return Err(missing(vm, "permutations", "iterable", 1));
    };
    let pool = crate::ops::collect_iterable(vm, &iterable)?;
    let r = r_arg(vm, args.get(1).or_else(|| args::kwarg(kw, "r")))?.unwrap_or(pool.len());
    let items = if r > pool.len() {
        Vec::new()
    } else {
        check_size(vm, pool.len(), r)?;
        tuples_from(vm, &pool, index_tuples(pool.len(), r, "permutations"))
    };
    init_precomputed(vm, &this, items)
}

fn combinations_of(
    vm: &mut Vm,
    this: &Value,
    name: &str,
    kind: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    args::allowed_kwargs(vm, name, kw, &["iterable", "r"])?;
    args::count(vm, name, args, 0, 2)?;
    let Some(iterable) = args
        .first()
        .or_else(|| args::kwarg(kw, "iterable"))
        .cloned()
    else {
        return Err(missing(vm, name, "iterable", 1));
    };
    let Some(r) = args.get(1).or_else(|| args::kwarg(kw, "r")).cloned() else {
        return Err(missing(vm, name, "r", 2));
    };
    let r = r_arg(vm, Some(&r))?.unwrap_or(0);
    let pool = crate::ops::collect_iterable(vm, &iterable)?;
    let items =
        if kind == "combinations" && r > pool.len() || kind == "cwr" && pool.is_empty() && r > 0 {
            Vec::new()
        } else {
            check_size(vm, pool.len() + r, r)?;
            tuples_from(vm, &pool, index_tuples(pool.len(), r, kind))
        };
    init_precomputed(vm, this, items)
}

fn combinations(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    combinations_of(vm, &this, "combinations", "combinations", args, kw)
}

fn combinations_with_replacement(
    vm: &mut Vm,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    let (this, args) = split_self(args);
    combinations_of(vm, &this, "combinations_with_replacement", "cwr", args, kw)
}

fn product(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "product", kw, &["repeat"])?;
    let repeat = match args::kwarg(kw, "repeat") {
        Some(r) => {
            let r = args::index_i64(vm, r)?;
            if r < 0 {
                return Err(vm.value_error("repeat argument cannot be negative"));
            }
            r as usize
        }
        None => 1,
    };
    let mut pools = Vec::with_capacity(args.len());
    for a in args {
        pools.push(crate::ops::collect_iterable(vm, a)?);
    }
    let pools: Vec<Vec<Value>> = (0..repeat).flat_map(|_| pools.iter().cloned()).collect();
    let total: f64 = pools.iter().map(|p| p.len() as f64).product();
    if total > 5e7 {
        return Err(vm.new_error(&vm.interp.exc.memory_error, "product is too large to build"));
    }
    let mut results: Vec<Vec<Value>> = vec![Vec::new()];
    for pool in &pools {
        let mut next = Vec::with_capacity(results.len() * pool.len());
        for prefix in &results {
            for item in pool {
                let mut t = prefix.clone();
                t.push(item.clone());
                next.push(t);
            }
        }
        results = next;
    }
    let items = results.into_iter().map(|t| vm.new_tuple(t)).collect();
    init_precomputed(vm, &this, items)
}

fn groupby(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (this, args) = split_self(args);
    args::allowed_kwargs(vm, "groupby", kw, &["iterable", "key"])?;
    args::count(vm, "groupby", args, 0, 2)?;
    let Some(iterable) = args
        .first()
        .or_else(|| args::kwarg(kw, "iterable"))
        .cloned()
    else {
        return Err(missing(vm, "groupby", "iterable", 1));
    };
    let key = args
        .get(1)
        .or_else(|| args::kwarg(kw, "key"))
        .cloned()
        .unwrap_or(Value::None);
    let items = crate::ops::collect_iterable(vm, &iterable)?;
    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
    for item in items {
        let k = if key.is_none() {
            item.clone()
        } else {
            vm.call(&key, vec![item.clone()], vec![])?
        };
        let same = match groups.last() {
            Some((last, _)) => crate::ops::eq(vm, last, &k)?,
            None => false,
        };
        match groups.last_mut() {
            Some((_, members)) if same => members.push(item),
            _ => groups.push((k, vec![item])),
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for (k, members) in groups {
        let group = precomputed(vm, "_grouper", members)?;
        out.push(vm.new_tuple(vec![k, group]));
    }
    init_precomputed(vm, &this, out)
}

fn tee(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::native_class::require_self(vm, args)?;
    args::no_kwargs(vm, "tee", kw)?;
    args::count(vm, "tee", args, 1, 2)?;
    let n = match args.get(1) {
        Some(n) => {
            let n = args::index_i64(vm, n)?;
            if n < 0 {
                return Err(vm.value_error("n must be >= 0"));
            }
            n as usize
        }
        None => 2,
    };
    let items = crate::ops::collect_iterable(vm, &args[0])?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(precomputed(vm, "_tee", items.clone())?);
    }
    Ok(vm.new_tuple(out))
}

/// Builds `itertools`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("itertools");
    // (class name, __init__, __next__, __repr__ if any). Public classes are what the
    // module exports; `_grouper` and `_tee` are the internal iterators of groupby and tee.
    let classes: [(&str, Option<NativeFn>, NativeFn, Option<NativeFn>); 20] = [
        ("count", Some(count), count_next, Some(count_repr)),
        ("repeat", Some(repeat), repeat_next, Some(repeat_repr)),
        ("cycle", Some(cycle), cycle_next, None),
        ("chain", Some(chain), chain_next, None),
        ("islice", Some(islice), islice_next, None),
        ("accumulate", Some(accumulate), accumulate_next, None),
        ("takewhile", Some(takewhile), takewhile_next, None),
        ("dropwhile", Some(dropwhile), dropwhile_next, None),
        ("filterfalse", Some(filterfalse), filterfalse_next, None),
        ("starmap", Some(starmap), starmap_next, None),
        ("compress", Some(compress), compress_next, None),
        ("pairwise", Some(pairwise), pairwise_next, None),
        ("zip_longest", Some(zip_longest), zip_longest_next, None),
        ("permutations", Some(permutations), precomputed_next, None),
        ("combinations", Some(combinations), precomputed_next, None),
        (
            "combinations_with_replacement",
            Some(combinations_with_replacement),
            precomputed_next,
            None,
        ),
        ("product", Some(product), precomputed_next, None),
        ("groupby", Some(groupby), precomputed_next, None),
        ("_grouper", None, precomputed_next, None),
        ("_tee", None, precomputed_next, None),
    ];
    for (name, init, next, repr) in classes {
        let mut methods: Vec<(&'static str, NativeFn)> =
            vec![("__iter__", iter_self), ("__next__", next)];
        if let Some(f) = init {
            methods.push(("__init__", f));
        }
        if let Some(r) = repr {
            methods.push(("__repr__", r));
        }
        if name == "repeat" {
            methods.push(("__length_hint__", repeat_len_hint));
        }
        let c = new_class(vm, "itertools", name, &methods);
        if name == "chain" {
            crate::bootstrap::add_classmethod(vm, &c, "from_iterable", chain_from_iterable);
        }
        set_attr(vm, &m, &format!("_class_{name}"), Value::Obj(c.clone()));
        if !name.starts_with('_') {
            set_attr(vm, &m, name, Value::Obj(c));
        }
    }
    crate::bootstrap::add_function(vm, &super::module_dict(&m), "tee", tee);
    m
}
