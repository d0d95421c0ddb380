//! `str` splitting and joining: split rsplit splitlines strip lstrip rstrip partition
//! rpartition join replace expandtabs.

use super::arguments::{bind, clinic_arity, no_kwargs, one_arg};
use super::str_search::this;
use super::unicode::{is_linebreak, is_space};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

fn str_list(vm: &Vm, parts: Vec<&str>) -> Value {
    vm.new_list(parts.into_iter().map(Value::str).collect())
}

/// The `sep`/`maxsplit` arguments of split and rsplit.
fn split_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(Option<String>, Option<usize>)> {
    let [sep, maxsplit] = bind(vm, name, &args[1..], kwargs, ["sep", "maxsplit"], 2)?;
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some("") => return Err(vm.value_error("empty separator")),
            Some(s) => Some(s.to_string()),
            None => {
                return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(&v))))
            }
        },
    };
    let maxsplit = match maxsplit {
        None => None,
        Some(v) => {
            let n = super::slice::int_arg(vm, &v)?;
            if n < 0 {
                None
            } else {
                Some(n as usize)
            }
        }
    };
    Ok((sep, maxsplit))
}

/// Splits on runs of whitespace from the left.
fn split_whitespace(s: &str, maxsplit: Option<usize>) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if maxsplit.is_some_and(|m| out.len() >= m) {
            out.push(rest);
            break;
        }
        match rest.find(is_space) {
            Some(end) => {
                out.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(is_space);
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

/// Splits on runs of whitespace from the right.
fn rsplit_whitespace(s: &str, maxsplit: Option<usize>) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if maxsplit.is_some_and(|m| out.len() >= m) {
            out.push(rest);
            break;
        }
        match rest.rfind(is_space) {
            Some(start) => {
                let c_len = rest[start..].chars().next().map_or(1, char::len_utf8);
                out.push(&rest[start + c_len..]);
                rest = rest[..start].trim_end_matches(is_space);
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out.reverse();
    out
}

/// `str.split(sep=None, maxsplit=-1)`.
pub fn split(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "split")?;
    let (sep, maxsplit) = split_args(vm, "split", args, kwargs)?;
    let text = s.as_str();
    let parts = match &sep {
        None => split_whitespace(text, maxsplit),
        Some(sep) => match maxsplit {
            None => text.split(sep.as_str()).collect(),
            Some(m) => text.splitn(m + 1, sep.as_str()).collect(),
        },
    };
    Ok(str_list(vm, parts))
}

/// `str.rsplit(sep=None, maxsplit=-1)`.
pub fn rsplit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "rsplit")?;
    let (sep, maxsplit) = split_args(vm, "rsplit", args, kwargs)?;
    let text = s.as_str();
    let parts = match &sep {
        None => rsplit_whitespace(text, maxsplit),
        Some(sep) => {
            let mut v: Vec<&str> = match maxsplit {
                None => text.rsplit(sep.as_str()).collect(),
                Some(m) => text.rsplitn(m + 1, sep.as_str()).collect(),
            };
            v.reverse();
            v
        }
    };
    Ok(str_list(vm, parts))
}

/// `str.splitlines(keepends=False)`.
pub fn splitlines(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "splitlines")?;
    let [keepends] = bind(vm, "splitlines", &args[1..], kwargs, ["keepends"], 1)?;
    let keep = match keepends {
        Some(v) => crate::ops::truthy(vm, &v)?,
        None => false,
    };
    let text = s.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_linebreak(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(_, '\n')) = iter.peek() {
                iter.next();
                end += 1;
            }
        }
        out.push(if keep {
            &text[start..end]
        } else {
            &text[start..i]
        });
        start = end;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    Ok(str_list(vm, out))
}

fn strip_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let s = this(vm, args, name)?;
    no_kwargs(vm, name, kwargs)?;
    clinic_arity(vm, name, args.len() - 1, 0, 1)?;
    let text = s.as_str();
    let out = match args.get(1) {
        None | Some(Value::None) => {
            let t = if left {
                text.trim_start_matches(is_space)
            } else {
                text
            };
            if right {
                t.trim_end_matches(is_space)
            } else {
                t
            }
        }
        Some(v) => match v.as_str() {
            Some(chars) => {
                let set = |c: char| chars.contains(c);
                let t = if left {
                    text.trim_start_matches(set)
                } else {
                    text
                };
                if right {
                    t.trim_end_matches(set)
                } else {
                    t
                }
            }
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        },
    };
    if out.len() == text.len() {
        return Ok(args[0].clone());
    }
    Ok(Value::str(out))
}

/// `str.strip([chars])`.
pub fn strip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    strip_impl(vm, "strip", args, kwargs, true, true)
}

/// `str.lstrip([chars])`.
pub fn lstrip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    strip_impl(vm, "lstrip", args, kwargs, true, false)
}

/// `str.rstrip([chars])`.
pub fn rstrip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    strip_impl(vm, "rstrip", args, kwargs, false, true)
}

fn partition_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    right: bool,
) -> PyResult<Value> {
    let s = this(vm, args, name)?;
    let sep_v = one_arg(vm, &format!("str.{name}"), args, kwargs)?;
    let sep = sep_v
        .as_str()
        .ok_or_else(|| vm.type_error(format!("must be str, not {}", vm.type_name(sep_v))))?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let text = s.as_str();
    let found = if right {
        text.rfind(sep)
    } else {
        text.find(sep)
    };
    let parts = match found {
        Some(i) => vec![
            Value::str(&text[..i]),
            sep_v.clone(),
            Value::str(&text[i + sep.len()..]),
        ],
        None if right => vec![Value::str(""), Value::str(""), args[0].clone()],
        None => vec![args[0].clone(), Value::str(""), Value::str("")],
    };
    Ok(vm.new_tuple(parts))
}

/// `str.partition(sep)`.
pub fn partition(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    partition_impl(vm, "partition", args, kwargs, false)
}

/// `str.rpartition(sep)`.
pub fn rpartition(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    partition_impl(vm, "rpartition", args, kwargs, true)
}

/// `sep.join(iterable)`.
pub fn join(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(vm, args, "join")?;
    let iterable = one_arg(vm, "str.join", args, kwargs)?;
    let sep = args[0].as_str().unwrap_or("");
    let items = super::iterators::collect_or(vm, iterable, "can only join an iterable")?;
    let mut total = sep.len() * items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => total += s.len(),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(item)
                )))
            }
        }
    }
    if items.len() == 1 {
        return Ok(items[0].clone());
    }
    let mut out = String::with_capacity(total);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_str().unwrap_or(""));
    }
    Ok(Value::str(out))
}

/// `str.replace(old, new, count=-1)`.
pub fn replace(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "replace")?;
    no_kwargs(vm, "replace", kwargs)?;
    clinic_arity(vm, "replace", args.len() - 1, 2, 3)?;
    let mut parts = [""; 2];
    for (k, part) in parts.iter_mut().enumerate() {
        let v = &args[k + 1];
        *part = v.as_str().ok_or_else(|| {
            vm.type_error(format!(
                "replace() argument {} must be str, not {}",
                k + 1,
                vm.type_name(v)
            ))
        })?;
    }
    let [old, new] = parts;
    let count = match args.get(3) {
        Some(c) => super::slice::int_arg(vm, c)?,
        None => -1,
    };
    let text = s.as_str();
    if count == 0 || (!old.is_empty() && !text.contains(old)) {
        return Ok(args[0].clone());
    }
    let out = if count < 0 {
        text.replace(old, new)
    } else {
        text.replacen(old, new, count as usize)
    };
    Ok(Value::str(out))
}

/// `str.expandtabs(tabsize=8)`.
pub fn expandtabs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "expandtabs")?;
    let [tabsize] = bind(vm, "expandtabs", &args[1..], kwargs, ["tabsize"], 1)?;
    let tab = match tabsize {
        Some(v) => super::slice::int_arg(vm, &v)?,
        None => 8,
    };
    vm.check_text_size(tab.max(0) as usize)?;
    let text = s.as_str();
    if !text.contains('\t') {
        return Ok(args[0].clone());
    }
    let mut out = String::with_capacity(text.len());
    let mut col: i64 = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::str(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_splitting_matches_cpython() {
        assert_eq!(
            split_whitespace("  a  b  c  ", Some(1)),
            vec!["a", "b  c  "]
        );
        assert_eq!(
            rsplit_whitespace("  a  b  c  ", Some(1)),
            vec!["  a  b", "c"]
        );
        assert_eq!(split_whitespace("  a b ", Some(0)), vec!["a b "]);
        assert_eq!(rsplit_whitespace("  a b ", Some(0)), vec!["  a b"]);
        assert_eq!(
            split_whitespace("a\u{3000}b\x1cc", None),
            vec!["a", "b", "c"]
        );
        assert!(split_whitespace(" \t\n", None).is_empty());
    }
}
