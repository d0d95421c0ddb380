//! The common `bytes` methods beyond decoding: searching, splitting, stripping,
//! joining, replacing, ASCII case conversion and predicates, `fromhex`.

use super::arguments::{bind, clinic_arity, descriptor_error, no_args, no_kwargs, one_arg};
use crate::bootstrap::{add_classmethod, add_method};
use crate::error::PyResult;
use crate::object::Payload;
use crate::types::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

fn bytes_value(b: Vec<u8>) -> Value {
    Value::new_obj(Payload::Bytes(b.into_boxed_slice()))
}

fn this<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a [u8]> {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::Bytes(b)) => Ok(b),
        _ => Err(descriptor_error(vm, "bytes", method, args.first())),
    }
}

/// A bytes argument (`a bytes-like object is required, not 'str'`).
fn bytes_arg<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a [u8]> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// The needle of the search methods: bytes or a single byte value.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(Payload::Bytes(b)) = v.payload() {
        return Ok(b.to_vec());
    }
    match super::slice::to_index(vm, v)? {
        Some(i) if (0..256).contains(&i) => Ok(vec![i as u8]),
        Some(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        None => Err(vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn find_sub(hay: &[u8], sub: &[u8], right: bool) -> Option<usize> {
    if sub.len() > hay.len() {
        return None;
    }
    let mut positions = 0..=hay.len() - sub.len();
    let hit = |&i: &usize| &hay[i..i + sub.len()] == sub;
    if right {
        positions.rev().find(hit)
    } else {
        positions.find(hit)
    }
}

/// The needle and the searched byte range (`None` when start lies past end).
type Search = (Vec<u8>, Option<(usize, usize)>);

/// Parses `(sub[, start[, end]])` into the needle and the searched range.
fn search(vm: &mut Vm, name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Search> {
    let b = this(vm, args, name)?;
    no_kwargs(vm, name, kwargs)?;
    super::arguments::tuple_arity(vm, name, args.len() - 1, 1, 3)?;
    let sub = needle(vm, &args[1])?;
    let len = b.len() as i128;
    let bound = |vm: &mut Vm, v: Option<&Value>, default: i128| -> PyResult<i128> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => Ok(super::slice::to_index(vm, v)?.unwrap_or(default)),
        }
    };
    let fix = |i: i128| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let start = bound(vm, args.get(2), 0)?;
    let end = fix(bound(vm, args.get(3), len)?);
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    Ok((
        sub,
        (start <= end).then_some((start as usize, end as usize)),
    ))
}

fn find_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    right: bool,
) -> PyResult<Option<usize>> {
    let (sub, range) = search(vm, name, args, kwargs)?;
    let b = this(vm, args, name)?;
    Ok(range.and_then(|(s, e)| find_sub(&b[s..e], &sub, right).map(|i| i + s)))
}

fn b_find(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, "find", args, kwargs, false)?.map_or(-1, |i| i as i64),
    ))
}

fn b_rfind(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, "rfind", args, kwargs, true)?.map_or(-1, |i| i as i64),
    ))
}

fn b_index(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    match find_impl(vm, "index", args, kwargs, false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn b_count(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (sub, range) = search(vm, "count", args, kwargs)?;
    let b = this(vm, args, "count")?;
    let Some((s, e)) = range else {
        return Ok(Value::Int(0));
    };
    let hay = &b[s..e];
    if sub.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while let Some(j) = find_sub(&hay[i..], &sub, false) {
        n += 1;
        i += j + sub.len();
    }
    Ok(Value::Int(n))
}

fn affix(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    end: bool,
) -> PyResult<Value> {
    let b = this(vm, args, name)?;
    no_kwargs(vm, name, kwargs)?;
    super::arguments::tuple_arity(vm, name, args.len() - 1, 1, 3)?;
    let candidates: Vec<Value> = match args[1].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        Some(Payload::Bytes(_)) => vec![args[1].clone()],
        _ => {
            return Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                vm.type_name(&args[1])
            )))
        }
    };
    let len = b.len() as i128;
    let fix = |i: i128| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let start = match args.get(2) {
        Some(v) if !v.is_none() => super::slice::to_index(vm, v)?.unwrap_or(0),
        _ => 0,
    };
    let stop = match args.get(3) {
        Some(v) if !v.is_none() => fix(super::slice::to_index(vm, v)?.unwrap_or(len)),
        _ => len,
    };
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    for c in &candidates {
        let c = bytes_arg(vm, c)?;
        if start > stop {
            continue;
        }
        let hay = &b[start as usize..stop as usize];
        if (end && hay.ends_with(c)) || (!end && hay.starts_with(c)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn b_startswith(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    affix(vm, "startswith", args, kwargs, false)
}

fn b_endswith(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    affix(vm, "endswith", args, kwargs, true)
}

fn b_split(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let b = this(vm, args, "split")?;
    let [sep, maxsplit] = bind(vm, "split", &args[1..], kwargs, ["sep", "maxsplit"], 2)?;
    let max = match maxsplit {
        Some(m) => super::slice::int_arg(vm, &m)?,
        None => -1,
    };
    let limit = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<Value> = Vec::new();
    match sep.filter(|s| !s.is_none()) {
        None => {
            let mut rest = b.trim_ascii_start();
            while !rest.is_empty() {
                if parts.len() >= limit {
                    parts.push(bytes_value(rest.to_vec()));
                    break;
                }
                let end = rest
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .unwrap_or(rest.len());
                parts.push(bytes_value(rest[..end].to_vec()));
                rest = rest[end..].trim_ascii_start();
            }
        }
        Some(sep) => {
            let sep = bytes_arg(vm, &sep)?.to_vec();
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut rest: &[u8] = b;
            while parts.len() < limit {
                match find_sub(rest, &sep, false) {
                    Some(i) => {
                        parts.push(bytes_value(rest[..i].to_vec()));
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            parts.push(bytes_value(rest.to_vec()));
        }
    }
    Ok(vm.new_list(parts))
}

fn strip_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let b = this(vm, args, name)?;
    no_kwargs(vm, name, kwargs)?;
    clinic_arity(vm, name, args.len() - 1, 0, 1)?;
    let chars: Vec<u8> = match args.get(1) {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        Some(v) => bytes_arg(vm, v)?.to_vec(),
    };
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && chars.contains(&b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && chars.contains(&b[e - 1]) {
            e -= 1;
        }
    }
    Ok(bytes_value(b[s..e].to_vec()))
}

fn b_strip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    strip_impl(vm, "strip", args, kwargs, true, true)
}

fn b_lstrip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    strip_impl(vm, "lstrip", args, kwargs, true, false)
}

fn b_rstrip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    strip_impl(vm, "rstrip", args, kwargs, false, true)
}

fn b_join(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(vm, args, "join")?;
    let iterable = one_arg(vm, "bytes.join", args, kwargs)?;
    let items = super::iterators::collect_or(vm, iterable, "can only join an iterable")?;
    let sep = this(vm, args, "join")?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(Payload::Bytes(part)) = item.payload() else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(part);
    }
    Ok(bytes_value(out))
}

fn b_replace(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let b = this(vm, args, "replace")?;
    no_kwargs(vm, "replace", kwargs)?;
    clinic_arity(vm, "replace", args.len() - 1, 2, 3)?;
    let old = bytes_arg(vm, &args[1])?;
    let new = bytes_arg(vm, &args[2])?;
    let mut count = match args.get(3) {
        Some(c) => super::slice::int_arg(vm, c)?,
        None => -1,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i <= b.len() && count != 0 {
        if old.is_empty() {
            out.extend_from_slice(new);
            if i < b.len() {
                out.push(b[i]);
            }
            i += 1;
            count -= 1;
            continue;
        }
        match find_sub(&b[i..], old, false) {
            Some(j) => {
                out.extend_from_slice(&b[i..i + j]);
                out.extend_from_slice(new);
                i += j + old.len();
                count -= 1;
            }
            None => break,
        }
    }
    if i < b.len() {
        out.extend_from_slice(&b[i..]);
    }
    Ok(bytes_value(out))
}

fn b_upper(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let b = this(vm, args, "upper")?;
    no_args(vm, "bytes.upper", args, kwargs)?;
    Ok(bytes_value(b.to_ascii_uppercase()))
}

fn b_lower(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let b = this(vm, args, "lower")?;
    no_args(vm, "bytes.lower", args, kwargs)?;
    Ok(bytes_value(b.to_ascii_lowercase()))
}

macro_rules! predicate {
    ($fname:ident, $name:literal, |$c:ident| $test:expr) => {
        fn $fname(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let b = this(vm, args, $name)?;
            no_args(vm, concat!("bytes.", $name), args, kwargs)?;
            Ok(Value::Bool(!b.is_empty() && b.iter().all(|$c| $test)))
        }
    };
}

predicate!(b_isdigit, "isdigit", |c| c.is_ascii_digit());
predicate!(b_isalpha, "isalpha", |c| c.is_ascii_alphabetic());
predicate!(b_isalnum, "isalnum", |c| c.is_ascii_alphanumeric());
predicate!(b_isspace, "isspace", |c| b" \t\n\r\x0b\x0c".contains(c));

/// `bytes.fromhex(string)` (a class method).
fn b_fromhex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = one_arg(vm, "bytes.fromhex", args, kwargs)?;
    let Some(text) = s.as_str() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(s)
        )));
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (None, _) => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )))
            }
            (Some(_), None) => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                )))
            }
        }
        i += 2;
    }
    Ok(bytes_value(out))
}

/// Installs the bytes methods.
pub fn register(vm: &Vm) {
    let c = vm.types().bytes.clone();
    add_classmethod(vm, &c, "fromhex", b_fromhex);
    let methods: &[(&'static str, NativeFn)] = &[
        ("find", b_find),
        ("rfind", b_rfind),
        ("index", b_index),
        ("count", b_count),
        ("startswith", b_startswith),
        ("endswith", b_endswith),
        ("split", b_split),
        ("strip", b_strip),
        ("lstrip", b_lstrip),
        ("rstrip", b_rstrip),
        ("join", b_join),
        ("replace", b_replace),
        ("upper", b_upper),
        ("lower", b_lower),
        ("isdigit", b_isdigit),
        ("isalpha", b_isalpha),
        ("isalnum", b_isalnum),
        ("isspace", b_isspace),
    ];
    for &(name, f) in methods {
        add_method(vm, &c, name, f);
    }
}
