//! The `string` module's constants and `capwords`.

use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

/// `string.capwords(s, sep=None)`: split, capitalize each word, join.
fn capwords(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "capwords", kw, &["sep"])?;
    args::count(vm, "capwords", args, 1, 2)?;
    let Some(s) = args[0].as_str() else {
        return Err(vm.type_error(format!(
            "descriptor 'split' for 'str' objects doesn't apply to a '{}' object",
            vm.type_name(&args[0])
        )));
    };
    let sep = args
        .get(1)
        .or_else(|| args::kwarg(kw, "sep"))
        .and_then(|v| v.as_str());
    let cap = |w: &str| {
        let mut chars = w.chars();
        match chars.next() {
            Some(c) => c
                .to_uppercase()
                .chain(chars.flat_map(char::to_lowercase))
                .collect(),
            None => String::new(),
        }
    };
    let out: Vec<String> = match sep {
        Some(sep) if !sep.is_empty() => s.split(sep).map(cap).collect(),
        _ => s.split_whitespace().map(cap).collect(),
    };
    Ok(Value::str(out.join(sep.unwrap_or(" "))))
}

/// Builds `string`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("string");
    let letters = format!("{LOWER}{UPPER}");
    let printable = format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}");
    for (name, value) in [
        ("ascii_lowercase", LOWER.to_string()),
        ("ascii_uppercase", UPPER.to_string()),
        ("ascii_letters", letters),
        ("digits", DIGITS.to_string()),
        ("hexdigits", "0123456789abcdefABCDEF".to_string()),
        ("octdigits", "01234567".to_string()),
        ("punctuation", PUNCTUATION.to_string()),
        ("whitespace", WHITESPACE.to_string()),
        ("printable", printable),
    ] {
        set_attr(vm, &m, name, Value::str(value));
    }
    add_fn(vm, &m, "capwords", capwords);
    m
}
