//! `repr()`, `str()`, `ascii()` and `format()` for every kind of value.

use super::{call_dunder, is_user_object};
use crate::error::PyResult;
use crate::object::Payload;
use crate::types::function::NativeKind;
use crate::value::Value;
use crate::vm::Vm;

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(s) = crate::number::repr_checked(vm, v) {
        return s;
    }
    match v {
        Value::None => return Ok("None".into()),
        Value::Null => return Ok("<NULL>".into()),
        _ => {}
    }
    if is_user_object(v) {
        vm.enter_recursion(" while getting the repr of an object")?;
        let r = user_repr(vm, v);
        vm.leave_recursion();
        return r;
    }
    if let Some(r) = crate::containers::repr(vm, v) {
        return r;
    }
    Ok(object_repr(vm, v))
}

fn user_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let class = vm.type_of(v);
    let repr_name = vm.interp.names.repr.clone();
    if let Some(f) = crate::attr::lookup_type_attr(vm, &class, &repr_name) {
        if !super::is_default_native(&f) {
            let r = vm.call(&f, vec![v.clone()], vec![])?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!(
                    "__repr__ returned non-string (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    if let Some(Payload::Exception(_)) = v.payload() {
        let o = v.as_obj().cloned().expect("exception object");
        return crate::exceptions::exception_repr(vm, &o);
    }
    Ok(object_repr(vm, v))
}

/// The default `<...>` repr of objects without their own.
pub fn object_repr(vm: &mut Vm, v: &Value) -> String {
    let addr = v.id();
    let Value::Obj(o) = v else {
        return format!("<object at {addr:#x}>");
    };
    match o.payload() {
        Payload::Type(t) => {
            if t.module == "builtins" {
                format!("<class '{}'>", t.qualname)
            } else {
                format!("<class '{}.{}'>", t.module, t.qualname)
            }
        }
        Payload::Function(f) => format!(
            "<function {} at {addr:#x}>",
            f.qualname.borrow(vm.gil).as_str().unwrap_or("?")
        ),
        Payload::NativeFunction(nf) => match (&nf.bound, nf.owner) {
            (Some(b), _) => format!(
                "<built-in method {} of {} object at {:#x}>",
                nf.name,
                vm.type_name(b),
                b.id()
            ),
            (None, Some(owner)) if nf.kind == NativeKind::Method => {
                format!("<method '{}' of '{owner}' objects>", nf.name)
            }
            _ => format!("<built-in function {}>", nf.name),
        },
        Payload::BoundMethod(bm) => {
            let this = bm.this.clone();
            let func = bm.func.clone();
            match func.payload() {
                Some(Payload::NativeFunction(nf)) => format!(
                    "<built-in method {} of {} object at {:#x}>",
                    nf.name,
                    vm.type_name(&this),
                    this.id()
                ),
                _ => {
                    let name = match func.payload() {
                        Some(Payload::Function(f)) => f
                            .qualname
                            .borrow(vm.gil)
                            .as_str()
                            .unwrap_or("?")
                            .to_string(),
                        _ => "?".into(),
                    };
                    let inner = repr(vm, &this).unwrap_or_else(|_| "?".into());
                    format!("<bound method {name} of {inner}>")
                }
            }
        }
        Payload::Module(m) => {
            if m.name == "__main__" {
                match crate::vm::dict_get_str(vm, &m.dict, "__file__") {
                    Some(f) => format!("<module '__main__' from '{}'>", f.as_str().unwrap_or("")),
                    None => "<module '__main__'>".to_string(),
                }
            } else {
                format!("<module '{}' (built-in)>", m.name)
            }
        }
        Payload::Instance(_) | Payload::Exception(_) => {
            let class = vm.type_of(v);
            let t = class.as_type().expect("class");
            if t.module == "builtins" {
                format!("<{} object at {addr:#x}>", t.qualname)
            } else {
                format!("<{}.{} object at {addr:#x}>", t.module, t.qualname)
            }
        }
        Payload::Cell(_) => format!("<cell at {addr:#x}>"),
        Payload::Code(c) => format!(
            "<code object {} at {addr:#x}, file \"{}\", line {}>",
            c.code.name, c.code.filename, c.code.first_line
        ),
        Payload::Generator(g) => format!(
            "<generator object {} at {addr:#x}>",
            g.borrow(vm.gil).qualname.as_str().unwrap_or("?")
        ),
        Payload::File(f) => {
            let f = f.borrow(vm.gil);
            format!(
                "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
                f.name, f.mode
            )
        }
        Payload::Singleton(name) => name.to_string(),
        Payload::Super { .. } => format!("<super object at {addr:#x}>"),
        _ => format!("<{} object at {addr:#x}>", vm.type_name(v)),
    }
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(s) = v.as_str() {
        return Ok(s.to_string());
    }
    if is_user_object(v) {
        let class = vm.type_of(v);
        let str_name = vm.interp.names.str.clone();
        if let Some(f) = crate::attr::lookup_type_attr(vm, &class, &str_name) {
            if !super::is_default_native(&f) {
                let r = vm.call(&f, vec![v.clone()], vec![])?;
                return match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(vm.type_error(format!(
                        "__str__ returned non-string (type {})",
                        vm.type_name(&r)
                    ))),
                };
            }
        }
        if let Some(Payload::Exception(_)) = v.payload() {
            let o = v.as_obj().cloned().expect("exception object");
            let os_error = vm.interp.exc.os_error.clone();
            if vm.is_instance(v, &os_error) {
                if let Some(s) = crate::exceptions::os_error_str(vm, &o)? {
                    return Ok(s);
                }
            }
            return crate::exceptions::exception_str(vm, &o);
        }
    }
    repr(vm, v)
}

/// `ascii(v)`: the repr with non-ASCII characters escaped.
pub fn ascii(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let r = repr(vm, v)?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    Ok(out)
}

/// `format(v, spec)`.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    if is_user_object(v) {
        let class = vm.type_of(v);
        let fmt_name = vm.interp.names.format.clone();
        if let Some(f) = crate::attr::lookup_type_attr(vm, &class, &fmt_name) {
            if !super::is_default_native(&f) {
                let r = vm.call(&f, vec![v.clone(), Value::str(spec)], vec![])?;
                return match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(vm.type_error(format!(
                        "__format__ must return a str, not {}",
                        vm.type_name(&r)
                    ))),
                };
            }
        }
    }
    if let Some(r) = crate::number::format(vm, v, spec) {
        return r;
    }
    if let Some(s) = v.as_str() {
        let s = s.to_string();
        return crate::format_spec::format_str(vm, &s, spec);
    }
    if spec.is_empty() {
        return to_str(vm, v);
    }
    if is_user_object(v) {
        if let Some(r) = call_dunder(vm, v, "__format__", vec![Value::str(spec)])? {
            if let Some(s) = r.as_str() {
                return Ok(s.to_string());
            }
        }
    }
    Err(vm.type_error(format!(
        "unsupported format string passed to {}.__format__",
        vm.type_name(v)
    )))
}
