//! `str` operators: construction, indexing and slicing by code point, `+`, `*`, `in`,
//! comparison, and the one-character strings iteration and indexing hand out.

use super::slice::{subscript, SliceRange, Subscript};
use crate::error::PyResult;
use crate::object::Payload;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::Vm;
use std::mem::ManuallyDrop;

thread_local! {
    /// The 128 one-character ASCII strings, shared like CPython's latin-1 singletons so
    /// that iterating or indexing ASCII text does not allocate. Never dropped: the
    /// strings outlive every interpreter on the thread.
    static ASCII_CHARS: ManuallyDrop<Vec<Value>> = ManuallyDrop::new(
        (0u8..128).map(|b| Value::str((b as char).to_string())).collect()
    );
}

/// The one-character string for `c`.
#[inline]
pub fn char_value(c: char) -> Value {
    if c.is_ascii() {
        if let Some(v) = ASCII_CHARS.with(|t| t.get(c as usize).cloned()) {
            return v;
        }
    }
    Value::str(c.to_string())
}

/// The code points of a string, for positional access to non-ASCII text.
fn chars_of(s: &StrObj) -> Vec<char> {
    s.as_str().chars().collect()
}

/// `s[key]`.
pub fn get_item(vm: &mut Vm, this: &Value, s: &StrObj, key: &Value) -> PyResult<Value> {
    if let Value::Int(i) = key {
        let n = s.char_len() as i64;
        let j = if *i < 0 { *i + n } else { *i };
        if j < 0 || j >= n {
            return Err(vm.index_error("string index out of range"));
        }
        return Ok(char_at(s, j as usize));
    }
    if !matches!(key.payload(), Some(Payload::Slice(_)))
        && super::slice::to_index(vm, key)?.is_none()
    {
        return Err(vm.type_error(format!(
            "string indices must be integers, not '{}'",
            vm.type_name(key)
        )));
    }
    match subscript(vm, key, s.char_len(), "string")? {
        Subscript::Index(i) => Ok(char_at(s, i)),
        Subscript::Slice(r) => Ok(slice(this, s, &r)),
    }
}

/// The character at code-point position `i` (in range).
pub fn char_at(s: &StrObj, i: usize) -> Value {
    if s.is_ascii() {
        return char_value(s.as_str().as_bytes()[i] as char);
    }
    char_value(s.as_str().chars().nth(i).unwrap_or('\0'))
}

/// `s[start:stop:step]` for an adjusted slice.
pub fn slice(this: &Value, s: &StrObj, r: &SliceRange) -> Value {
    if r.len == 0 {
        return Value::str("");
    }
    if r.step == 1 && r.len == s.char_len() {
        return this.clone();
    }
    let text = s.as_str();
    if r.step == 1 {
        let start = r.start as usize;
        if s.is_ascii() {
            return Value::str(&text[start..start + r.len]);
        }
        let from = s.byte_offset(start);
        let to = from
            + text[from..]
                .char_indices()
                .nth(r.len)
                .map(|(b, _)| b)
                .unwrap_or(text.len() - from);
        return Value::str(&text[from..to]);
    }
    if r.len == 1 {
        return char_at(s, r.start as usize);
    }
    let mut out = String::with_capacity(r.len);
    if s.is_ascii() {
        let bytes = text.as_bytes();
        out.extend(r.indices().map(|i| bytes[i] as char));
    } else {
        let chars = chars_of(s);
        out.extend(r.indices().filter_map(|i| chars.get(i)));
    }
    Value::str(out)
}

/// `a + b` for two strings.
pub fn concat(a: &Value, sa: &str, b: &Value, sb: &str) -> Value {
    if sa.is_empty() {
        return b.clone();
    }
    if sb.is_empty() {
        return a.clone();
    }
    let mut out = String::with_capacity(sa.len() + sb.len());
    out.push_str(sa);
    out.push_str(sb);
    Value::str(out)
}

/// `s * n`.
pub fn repeat(vm: &Vm, this: &Value, s: &str, n: usize) -> PyResult<Value> {
    if n == 1 {
        return Ok(this.clone());
    }
    if s.is_empty() || n == 0 {
        return Ok(Value::str(""));
    }
    super::sequence::check_size(vm, s.len(), n)?;
    Ok(Value::str(s.repeat(n)))
}

/// `x in s`.
pub fn contains(vm: &Vm, s: &str, x: &Value) -> PyResult<bool> {
    match x.as_str() {
        Some(sub) => Ok(s.contains(sub)),
        None => Err(vm.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            vm.type_name(x)
        ))),
    }
}

/// `str(object='')`, `str(bytes, encoding[, errors])`.
pub fn str_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let rest = args.get(1..).unwrap_or(&[]);
    if rest.len() > 3 {
        return Err(vm.type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            rest.len()
        )));
    }
    let [obj, encoding, errors] =
        super::arguments::bind(vm, "str", rest, kwargs, ["object", "encoding", "errors"], 3)?;
    let Some(obj) = obj else {
        return Ok(Value::str(""));
    };
    if encoding.is_none() && errors.is_none() {
        if obj.as_str().is_some() {
            return Ok(obj);
        }
        return Ok(Value::str(crate::ops::to_str(vm, &obj)?));
    }
    match obj.payload() {
        Some(Payload::Bytes(b)) => {
            let b = b.clone();
            let enc = match &encoding {
                Some(e) => e.as_str().unwrap_or("utf-8").to_string(),
                None => "utf-8".to_string(),
            };
            let err_mode = errors
                .as_ref()
                .and_then(|e| e.as_str())
                .unwrap_or("strict")
                .to_string();
            super::bytes::decode(vm, &b, &enc, &err_mode)
        }
        Some(Payload::Str(_)) => Err(vm.type_error("decoding str is not supported")),
        _ => Err(vm.type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            vm.type_name(&obj)
        ))),
    }
}
