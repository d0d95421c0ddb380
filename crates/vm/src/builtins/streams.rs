//! Where `print` and `input` send text: `sys.stdout` (or a `file=` argument), which is
//! the VM's buffered stdout unless the program replaced it with its own object.

use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::file::FileHandle;
use crate::value::Value;
use crate::vm::Vm;

/// A resolved output stream.
pub enum Target {
    /// The process's stdout (the common case: one buffered write, no lookups).
    Stdout,
    /// The process's stderr.
    Stderr,
    /// Another native file object.
    File(ObjRef),
    /// Any object with a `write` method.
    Object(Value),
    /// `sys.stdout` is None: output is dropped, as in CPython.
    Nowhere,
}

/// `sys.<name>`, read from the `sys` module's namespace (None if `sys` is missing).
pub fn sys_attr(vm: &Vm, name: &str) -> Option<Value> {
    let sys = crate::vm::dict_get_str(vm, &vm.interp.modules, "sys")?;
    match sys.payload() {
        Some(Payload::Module(m)) => crate::vm::dict_get_str(vm, &m.dict, name),
        _ => None,
    }
}

/// Classifies a stream object.
pub fn target_of(vm: &Vm, stream: &Value) -> Target {
    match stream {
        Value::None => Target::Nowhere,
        Value::Obj(o) => match o.payload() {
            Payload::File(f) => match f.borrow(vm.gil).handle {
                FileHandle::Stdout => Target::Stdout,
                FileHandle::Stderr => Target::Stderr,
                _ => Target::File(o.clone()),
            },
            _ => Target::Object(stream.clone()),
        },
        other => Target::Object(other.clone()),
    }
}

/// The stream `sys.<name>` names (`stdout`, `stderr`); RuntimeError `lost sys.stdout`
/// when the attribute was deleted.
pub fn sys_stream(vm: &Vm, name: &str) -> PyResult<Target> {
    match sys_attr(vm, name) {
        Some(v) => Ok(target_of(vm, &v)),
        None if crate::vm::dict_get_str(vm, &vm.interp.modules, "sys").is_none() => {
            // Without a `sys` module there is nothing to replace stdout with.
            Ok(if name == "stderr" {
                Target::Stderr
            } else {
                Target::Stdout
            })
        }
        None => Err(vm.runtime_error(format!("lost sys.{name}"))),
    }
}

/// Writes text to a stream.
pub fn write(vm: &mut Vm, target: &Target, text: &str) -> PyResult<()> {
    match target {
        Target::Stdout => crate::io::write_stdout(vm, text),
        Target::Stderr => crate::io::write_stderr(vm, text),
        Target::File(f) => {
            super::files::write_text(vm, f, text)?;
        }
        Target::Object(obj) => {
            let write = Value::str("write");
            let method = crate::attr::get_attr(vm, obj, &write)?;
            vm.call(&method, vec![Value::str(text)], vec![])?;
        }
        Target::Nowhere => {}
    }
    Ok(())
}

/// Calls the stream's `flush()`.
pub fn flush(vm: &mut Vm, target: &Target) -> PyResult<()> {
    match target {
        Target::Stdout => crate::io::flush_stdout(vm),
        Target::Stderr | Target::Nowhere => {}
        Target::File(f) => {
            if let Payload::File(cell) = f.payload() {
                super::files::flush_file(vm, cell)?;
            }
        }
        Target::Object(obj) => {
            let name = Value::str("flush");
            let method = crate::attr::get_attr(vm, obj, &name)?;
            vm.call(&method, vec![], vec![])?;
        }
    }
    Ok(())
}
