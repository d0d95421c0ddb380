//! `str` searching: find rfind index rindex count startswith endswith, with the
//! optional `start`/`end` arguments counted in code points.

use super::arguments::{descriptor_error, no_kwargs, tuple_arity};
use crate::error::PyResult;
use crate::object::Payload;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::Vm;

/// `self` of a str method.
pub fn this<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a StrObj> {
    match args.first() {
        Some(v) => v
            .as_str_obj()
            .ok_or_else(|| descriptor_error(vm, "str", method, Some(v))),
        None => Err(descriptor_error(vm, "str", method, None)),
    }
}

/// The byte range of `s[start:end]` (code-point bounds adjusted like slice bounds),
/// or `None` when `start` lies past `end`.
pub fn byte_bounds(
    vm: &mut Vm,
    s: &StrObj,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<Option<(usize, usize)>> {
    let len = s.char_len() as i128;
    let bound = |vm: &mut Vm, v: Option<&Value>, default: i128| -> PyResult<i128> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => match super::slice::to_index(vm, v)? {
                Some(i) => Ok(i),
                None => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    };
    let fix = |i: i128| -> i128 {
        if i < 0 {
            (i + len).max(0)
        } else {
            i.min(len)
        }
    };
    let st = bound(vm, start, 0)?;
    let en = bound(vm, end, len)?;
    let (st, en) = (if st < 0 { (st + len).max(0) } else { st }, fix(en));
    if st > en {
        return Ok(None);
    }
    Ok(Some((
        s.byte_offset(st as usize),
        s.byte_offset(en as usize),
    )))
}

/// The code-point index of a byte offset.
pub fn char_index(s: &StrObj, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s.as_str()[..byte].chars().count()
    }
}

fn needle<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a str> {
    v.as_str()
        .ok_or_else(|| vm.type_error(format!("must be str, not {}", vm.type_name(v))))
}

/// `self`, the needle, and the byte range to search.
type SearchArgs<'a> = (&'a StrObj, &'a Value, Option<(usize, usize)>);

/// Parses `(sub[, start[, end]])` for the search methods.
fn search_args<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<SearchArgs<'a>> {
    let s = this(vm, args, name)?;
    no_kwargs(vm, name, kwargs)?;
    tuple_arity(vm, name, args.len() - 1, 1, 3)?;
    let sub = &args[1];
    let bounds = byte_bounds(vm, s, args.get(2), args.get(3))?;
    Ok((s, sub, bounds))
}

fn find_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    right: bool,
) -> PyResult<Option<usize>> {
    let (s, sub, bounds) = search_args(vm, name, args, kwargs)?;
    let sub = needle(vm, sub)?;
    let Some((from, to)) = bounds else {
        return Ok(None);
    };
    let hay = &s.as_str()[from..to];
    let found = if right { hay.rfind(sub) } else { hay.find(sub) };
    Ok(found.map(|b| char_index(s, from + b)))
}

/// `str.find(sub[, start[, end]])`.
pub fn find(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = find_impl(vm, "find", args, kwargs, false)?;
    Ok(Value::Int(r.map_or(-1, |i| i as i64)))
}

/// `str.rfind(sub[, start[, end]])`.
pub fn rfind(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = find_impl(vm, "rfind", args, kwargs, true)?;
    Ok(Value::Int(r.map_or(-1, |i| i as i64)))
}

/// `str.index(sub[, start[, end]])`.
pub fn index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    match find_impl(vm, "index", args, kwargs, false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

/// `str.rindex(sub[, start[, end]])`.
pub fn rindex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    match find_impl(vm, "rindex", args, kwargs, true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

/// `str.count(sub[, start[, end]])`: non-overlapping occurrences.
pub fn count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, bounds) = search_args(vm, "count", args, kwargs)?;
    let sub = needle(vm, sub)?;
    let Some((from, to)) = bounds else {
        return Ok(Value::Int(0));
    };
    let hay = &s.as_str()[from..to];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn affix_match(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    end: bool,
) -> PyResult<Value> {
    let (s, pat, bounds) = search_args(vm, name, args, kwargs)?;
    let candidates: Vec<Value> = match pat.payload() {
        Some(Payload::Str(_)) => vec![pat.clone()],
        Some(Payload::Tuple(items)) => items.to_vec(),
        _ => {
            return Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                vm.type_name(pat)
            )))
        }
    };
    let hay = bounds.map(|(from, to)| &s.as_str()[from..to]);
    for c in &candidates {
        let Some(c) = c.as_str() else {
            return Err(vm.type_error(format!(
                "tuple for {name} must only contain str, not {}",
                vm.type_name(c)
            )));
        };
        let hit = match hay {
            Some(h) if end => h.ends_with(c),
            Some(h) => h.starts_with(c),
            None => false,
        };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `str.startswith(prefix[, start[, end]])` (prefix may be a tuple).
pub fn startswith(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    affix_match(vm, "startswith", args, kwargs, false)
}

/// `str.endswith(suffix[, start[, end]])` (suffix may be a tuple).
pub fn endswith(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    affix_match(vm, "endswith", args, kwargs, true)
}
