//! The built-in exception hierarchy, as in CPython 3.11, and the behaviour shared by
//! all exception objects (`args`, `str()`, `repr()`).

use crate::error::{PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::types::class::{Layout, TypeObj};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

macro_rules! exception_types {
    ($base:ident; $($field:ident : $name:literal < $parent:ident),* $(,)?) => {
        #[allow(clippy::redundant_locals)]
        /// Every built-in exception class.
        pub struct ExceptionTypes {
            /// `BaseException`.
            pub $base: ObjRef,
            $(#[doc = $name] pub $field: ObjRef,)*
        }

        impl ExceptionTypes {
            /// Creates the hierarchy under `object`.
            pub fn create(object: &ObjRef) -> ExceptionTypes {
                let $base = new_exception_type("BaseException", object);
                $(let $field = new_exception_type($name, &$parent);)*
                ExceptionTypes { $base, $($field,)* }
            }

            /// (name, class) for every built-in exception, to publish in `builtins`.
            pub fn all(&self) -> Vec<(&'static str, ObjRef)> {
                let mut out = vec![("BaseException", self.$base.clone())];
                $(out.push(($name, self.$field.clone()));)*
                out
            }
        }
    };
}

exception_types! {
    base_exception;
    exception: "Exception" < base_exception,
    generator_exit: "GeneratorExit" < base_exception,
    keyboard_interrupt: "KeyboardInterrupt" < base_exception,
    system_exit: "SystemExit" < base_exception,
    arithmetic_error: "ArithmeticError" < exception,
    floating_point_error: "FloatingPointError" < arithmetic_error,
    overflow_error: "OverflowError" < arithmetic_error,
    zero_division_error: "ZeroDivisionError" < arithmetic_error,
    assertion_error: "AssertionError" < exception,
    attribute_error: "AttributeError" < exception,
    buffer_error: "BufferError" < exception,
    eof_error: "EOFError" < exception,
    import_error: "ImportError" < exception,
    module_not_found_error: "ModuleNotFoundError" < import_error,
    lookup_error: "LookupError" < exception,
    index_error: "IndexError" < lookup_error,
    key_error: "KeyError" < lookup_error,
    memory_error: "MemoryError" < exception,
    name_error: "NameError" < exception,
    unbound_local_error: "UnboundLocalError" < name_error,
    os_error: "OSError" < exception,
    blocking_io_error: "BlockingIOError" < os_error,
    child_process_error: "ChildProcessError" < os_error,
    connection_error: "ConnectionError" < os_error,
    broken_pipe_error: "BrokenPipeError" < connection_error,
    connection_aborted_error: "ConnectionAbortedError" < connection_error,
    connection_refused_error: "ConnectionRefusedError" < connection_error,
    connection_reset_error: "ConnectionResetError" < connection_error,
    file_exists_error: "FileExistsError" < os_error,
    file_not_found_error: "FileNotFoundError" < os_error,
    interrupted_error: "InterruptedError" < os_error,
    is_a_directory_error: "IsADirectoryError" < os_error,
    not_a_directory_error: "NotADirectoryError" < os_error,
    permission_error: "PermissionError" < os_error,
    process_lookup_error: "ProcessLookupError" < os_error,
    timeout_error: "TimeoutError" < os_error,
    reference_error: "ReferenceError" < exception,
    runtime_error: "RuntimeError" < exception,
    not_implemented_error: "NotImplementedError" < runtime_error,
    recursion_error: "RecursionError" < runtime_error,
    stop_async_iteration: "StopAsyncIteration" < exception,
    stop_iteration: "StopIteration" < exception,
    syntax_error: "SyntaxError" < exception,
    indentation_error: "IndentationError" < syntax_error,
    tab_error: "TabError" < indentation_error,
    system_error: "SystemError" < exception,
    type_error: "TypeError" < exception,
    value_error: "ValueError" < exception,
    unicode_error: "UnicodeError" < value_error,
    unicode_decode_error: "UnicodeDecodeError" < unicode_error,
    unicode_encode_error: "UnicodeEncodeError" < unicode_error,
    warning: "Warning" < exception,
    deprecation_warning: "DeprecationWarning" < warning,
    runtime_warning: "RuntimeWarning" < warning,
    user_warning: "UserWarning" < warning,
}

fn new_exception_type(name: &str, parent: &ObjRef) -> ObjRef {
    let mut mro = vec![parent.clone()];
    if let Some(t) = parent.as_type() {
        mro.extend(t.mro.iter().cloned());
    }
    ObjRef::new(Payload::Type(Box::new(TypeObj::new(
        name.to_string(),
        name.to_string(),
        "builtins".to_string(),
        vec![parent.clone()],
        mro,
        Dict::new(),
        Layout::Exception,
    ))))
}

/// The `args` tuple's items of an exception.
pub fn exception_args(vm: &Vm, exc: &ObjRef) -> Vec<Value> {
    match exc.payload() {
        Payload::Exception(e) => match e.args.borrow(vm.gil).payload() {
            Some(Payload::Tuple(items)) => items.to_vec(),
            _ => vec![],
        },
        _ => vec![],
    }
}

/// `str(exc)` for the built-in exception classes: empty, the single argument, or the
/// args tuple; KeyError shows its single argument's repr.
pub fn exception_str(vm: &mut Vm, exc: &ObjRef) -> PyResult<String> {
    let args = exception_args(vm, exc);
    let class = vm.type_of_obj(exc);
    let key_error = vm.interp.exc.key_error.clone();
    match args.len() {
        0 => Ok(String::new()),
        1 if vm.is_subclass(&class, &key_error) => crate::ops::repr(vm, &args[0]),
        1 => crate::ops::to_str(vm, &args[0]),
        _ => {
            let t = vm.new_tuple(args);
            crate::ops::repr(vm, &t)
        }
    }
}

/// `repr(exc)`: `ValueError('msg')`, `KeyError(1, 2)`, `StopIteration()`.
pub fn exception_repr(vm: &mut Vm, exc: &ObjRef) -> PyResult<String> {
    let args = exception_args(vm, exc);
    let class = vm.type_of_obj(exc);
    let name = class.as_type().map(|t| t.name.clone()).unwrap_or_default();
    if args.len() == 1 {
        let inner = crate::ops::repr(vm, &args[0])?;
        return Ok(format!("{name}({inner})"));
    }
    let t = vm.new_tuple(args);
    let inner = crate::ops::repr(vm, &t)?;
    if inner == "()" {
        Ok(format!("{name}()"))
    } else {
        Ok(format!("{name}{inner}"))
    }
}

/// Builds the OSError subclass CPython raises for an I/O error, with `errno`,
/// `strerror` and `filename` set and CPython's message format.
pub fn os_error_from_io(vm: &Vm, err: &std::io::Error, filename: Option<&str>) -> PyErr {
    let exc = &vm.interp.exc;
    // CPython chooses the subclass from errno (PEP 3151's table), not from the kind
    // of operation that failed.
    let class = match err.raw_os_error() {
        Some(libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS) => &exc.blocking_io_error,
        Some(libc::ECHILD) => &exc.child_process_error,
        Some(libc::EPIPE | libc::ESHUTDOWN) => &exc.broken_pipe_error,
        Some(libc::ECONNABORTED) => &exc.connection_aborted_error,
        Some(libc::ECONNREFUSED) => &exc.connection_refused_error,
        Some(libc::ECONNRESET) => &exc.connection_reset_error,
        Some(libc::EEXIST) => &exc.file_exists_error,
        Some(libc::ENOENT) => &exc.file_not_found_error,
        Some(libc::EINTR) => &exc.interrupted_error,
        Some(libc::EISDIR) => &exc.is_a_directory_error,
        Some(libc::ENOTDIR) => &exc.not_a_directory_error,
        Some(libc::EACCES | libc::EPERM) => &exc.permission_error,
        Some(libc::ESRCH) => &exc.process_lookup_error,
        Some(libc::ETIMEDOUT) => &exc.timeout_error,
        _ => &exc.os_error,
    };
    let errno = err.raw_os_error().unwrap_or(0) as i64;
    let strerror = strerror_text(err);
    let mut args = vec![Value::Int(errno), Value::str(strerror)];
    if let Some(f) = filename {
        args.push(Value::str(f));
    }
    let e = vm.new_exception(class, args);
    if let Payload::Exception(obj) = e.0.payload() {
        let mut d = obj.dict.borrow_mut(vm.gil);
        d.set_str(Value::str("errno"), Value::Int(errno));
        d.set_str(Value::str("strerror"), Value::str(strerror_text(err)));
        d.set_str(
            Value::str("filename"),
            filename.map(Value::str).unwrap_or(Value::None),
        );
    }
    e
}

/// The C library's message for an error, without Rust's " (os error N)" suffix.
fn strerror_text(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// `str()` of an OSError built by [`os_error_from_io`]:
/// `[Errno 2] No such file or directory: 'x.txt'`.
pub fn os_error_str(vm: &mut Vm, exc: &ObjRef) -> PyResult<Option<String>> {
    let args = exception_args(vm, exc);
    if args.len() < 2 || !matches!(args[0], Value::Int(_)) {
        return Ok(None);
    }
    let errno = match args[0] {
        Value::Int(n) => n,
        _ => 0,
    };
    let msg = crate::ops::to_str(vm, &args[1])?;
    match args.get(2) {
        Some(f) => {
            let f = crate::ops::repr(vm, f)?;
            Ok(Some(format!("[Errno {errno}] {msg}: {f}")))
        }
        None => Ok(Some(format!("[Errno {errno}] {msg}"))),
    }
}

fn exc_self<'a>(vm: &Vm, args: &'a [Value]) -> PyResult<&'a ObjRef> {
    match args.first() {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Exception(_)) => Ok(o),
        _ => Err(vm.type_error("descriptor requires a 'BaseException' object")),
    }
}

fn base_exception_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = exc_self(vm, args)?;
    if let Payload::Exception(e) = this.payload() {
        let t = vm.new_tuple(args[1..].to_vec());
        let old = std::mem::replace(&mut *e.args.borrow_mut(vm.gil), t);
        drop(old);
    }
    Ok(Value::None)
}

fn base_exception_str(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = exc_self(vm, args)?.clone();
    Ok(Value::str(exception_str(vm, &this)?))
}

fn base_exception_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = exc_self(vm, args)?.clone();
    Ok(Value::str(exception_repr(vm, &this)?))
}

fn base_exception_with_traceback(
    vm: &mut Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    let this = exc_self(vm, args)?.clone();
    Ok(Value::Obj(this))
}

/// Installs the methods every exception shares.
pub fn register(vm: &Vm) {
    let base = vm.interp.exc.base_exception.clone();
    crate::bootstrap::add_method(vm, &base, "__init__", base_exception_init);
    crate::bootstrap::add_method(vm, &base, "__str__", base_exception_str);
    crate::bootstrap::add_method(vm, &base, "__repr__", base_exception_repr);
    crate::bootstrap::add_method(vm, &base, "with_traceback", base_exception_with_traceback);
}
