//! The `dis` module and the `dis()` built-in: print the bytecode of a function, method,
//! class, generator, code object or running module.

use super::add_fn;
use crate::builtins::args;
use crate::builtins::streams;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;
use gilded_bytecode::CodeObject;
use std::sync::Arc;

/// The compiled code behind a value, if it has one.
fn code_of(vm: &Vm, v: &Value) -> Option<Arc<CodeObject>> {
    match v.payload()? {
        Payload::Function(f) => Some(f.runtime_code().code.clone()),
        Payload::Code(c) => Some(c.code.clone()),
        Payload::BoundMethod(bm) => code_of(vm, &bm.func),
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => code_of(vm, f),
        Payload::Property(p) => code_of(vm, &p.fget),
        Payload::Generator(g) => g
            .borrow(vm.gil)
            .frame
            .as_ref()
            .map(|frame| frame.runtime().code.clone()),
        Payload::Module(m) => vm
            .frames
            .iter()
            .find(|f| f.namespace.as_ref().is_some_and(|ns| ns.is(&m.dict)))
            .map(|f| f.runtime().code.clone()),
        _ => None,
    }
}

/// The disassembly text of `v`; classes list each method, sorted by name as CPython.
fn disassembly(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(code) = code_of(vm, v) {
        return Ok(gilded_bytecode::dis::disassemble(&code));
    }
    if let Some(Payload::Type(t)) = v.payload() {
        let mut members: Vec<(String, Value)> = t
            .dict
            .borrow(vm.gil)
            .iter()
            .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.clone())))
            .collect();
        members.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::new();
        for (name, member) in members {
            if let Some(code) = code_of(vm, &member) {
                out.push_str(&format!("Disassembly of {name}:\n"));
                out.push_str(&gilded_bytecode::dis::disassemble(&code));
                out.push('\n');
            }
        }
        return Ok(out);
    }
    Err(vm.type_error(format!(
        "don't know how to disassemble {} objects",
        vm.type_name(v)
    )))
}

/// `dis(x=None, *, file=None, depth=None)`.
pub fn dis_function(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(
        vm,
        "dis",
        kw,
        &["x", "file", "depth", "show_caches", "adaptive"],
    )?;
    args::count(vm, "dis", args, 0, 1)?;
    let target = args.first().or_else(|| args::kwarg(kw, "x")).cloned();
    let Some(target) = target.filter(|t| !t.is_none()) else {
        return Err(vm.runtime_error("no last traceback to disassemble"));
    };
    let text = disassembly(vm, &target)?;
    let out = match args::kwarg(kw, "file") {
        Some(f) if !f.is_none() => streams::target_of(vm, f),
        _ => streams::sys_stream(vm, "stdout")?,
    };
    streams::write(vm, &out, &text)?;
    Ok(Value::None)
}

/// Builds the `dis` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("dis");
    add_fn(vm, &m, "dis", dis_function);
    add_fn(vm, &m, "disassemble", dis_function);
    m
}
