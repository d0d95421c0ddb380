//! The `keyword` module: Python's reserved words.

use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;

pub(crate) const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

const SOFT_KEYWORDS: [&str; 3] = ["_", "case", "match"];

fn iskeyword(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "iskeyword", args, kw)?;
    Ok(Value::Bool(
        v.as_str().is_some_and(|s| KEYWORDS.contains(&s)),
    ))
}

fn issoftkeyword(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "issoftkeyword", args, kw)?;
    Ok(Value::Bool(
        v.as_str().is_some_and(|s| SOFT_KEYWORDS.contains(&s)),
    ))
}

/// Builds `keyword`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("keyword");
    let list = |words: &[&str]| vm.new_list(words.iter().map(|w| Value::str(*w)).collect());
    set_attr(vm, &m, "kwlist", list(&KEYWORDS));
    set_attr(vm, &m, "softkwlist", list(&SOFT_KEYWORDS));
    add_fn(vm, &m, "iskeyword", iskeyword);
    add_fn(vm, &m, "issoftkeyword", issoftkeyword);
    m
}
