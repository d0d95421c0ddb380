//! The `sys` module: interpreter facts (`version`, `maxsize`, `platform`), the
//! standard streams, `argv`, `exit`, reference counts and the recursion limit.

use super::native_class::{struct_sequence, struct_sequence_class};
use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::builtins::files::new_file;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::types::file::FileHandle;
use crate::value::Value;
use crate::vm::Vm;

/// What `sys.getrefcount` reports for values stored inline (None, bools, ints that fit
/// in 64 bits, floats): they are not counted objects in gilded, so like CPython 3.12's
/// immortal objects they report a fixed large count.
const INLINE_REFCOUNT: i64 = 4294967295;

fn sys_exit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "exit", kw)?;
    args::count(vm, "exit", args, 0, 1)?;
    let exc = vm.interp.exc.system_exit.clone();
    Err(vm.new_exception(&exc, args.to_vec()))
}

fn sys_getrefcount(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "getrefcount", args, kw)?;
    Ok(Value::Int(match v {
        // The argument slot on the caller's stack holds one reference, as in CPython.
        Value::Obj(o) => o.refcount() as i64,
        _ => INLINE_REFCOUNT,
    }))
}

fn sys_getrecursionlimit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "getrecursionlimit", args, kw)?;
    Ok(Value::Int(vm.recursion_limit() as i64))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "setrecursionlimit", args, kw)?;
    if matches!(v, Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = args::index_i64(vm, v)?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let n = n.min(i32::MAX as i64) as usize;
    if n <= vm.depth {
        let exc = vm.interp.exc.recursion_error.clone();
        return Err(vm.new_error(
            &exc,
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
                vm.depth
            ),
        ));
    }
    vm.interp.recursion_limit.set(n);
    Ok(Value::None)
}

fn sys_intern(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "intern", args, kw)?;
    if v.as_str().is_none() {
        return Err(vm.type_error(format!(
            "intern() argument must be str, not {}",
            vm.type_name(v)
        )));
    }
    Ok(v.clone())
}

fn sys_getsizeof(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "getsizeof", kw, &["object", "default"])?;
    args::count(vm, "getsizeof", args, 1, 2)?;
    Ok(Value::Int(
        crate::builtins::sizes::size_of(vm, &args[0]) as i64
    ))
}

fn sys_exc_info(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "exc_info", args, kw)?;
    let exc = vm.handled_exception.clone();
    if exc.is_none() || exc.is_null() {
        return Ok(vm.new_tuple(vec![Value::None, Value::None, Value::None]));
    }
    let class = Value::Obj(vm.type_of(&exc));
    let tb_name = Value::str("__traceback__");
    let tb = crate::attr::get_attr_opt(vm, &exc, &tb_name)?.unwrap_or(Value::None);
    Ok(vm.new_tuple(vec![class, exc, tb]))
}

fn sys_exception(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "exception", args, kw)?;
    let exc = vm.handled_exception.clone();
    Ok(if exc.is_null() { Value::None } else { exc })
}

fn sys_utf8(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "getdefaultencoding", args, kw)?;
    Ok(Value::str("utf-8"))
}

fn platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// The `sys.version` string.
pub fn version() -> String {
    format!(
        "3.11.7 (gilded {}, {}) [rustc]",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::ARCH
    )
}

fn float_info(vm: &Vm) -> Value {
    let class = struct_sequence_class(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
    );
    let values = vec![
        Value::Float(f64::MAX),
        Value::Int(f64::MAX_EXP as i64),
        Value::Int(f64::MAX_10_EXP as i64),
        Value::Float(f64::MIN_POSITIVE),
        Value::Int(f64::MIN_EXP as i64),
        Value::Int(f64::MIN_10_EXP as i64),
        Value::Int(f64::DIGITS as i64),
        Value::Int(f64::MANTISSA_DIGITS as i64),
        Value::Float(f64::EPSILON),
        Value::Int(f64::RADIX as i64),
        Value::Int(1),
    ];
    struct_sequence(vm, &class, values)
}

fn int_info(vm: &Vm) -> Value {
    let class = struct_sequence_class(
        vm,
        "sys",
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
    );
    let values = [30, 4, 4300, 640].into_iter().map(Value::Int).collect();
    struct_sequence(vm, &class, values)
}

fn flags(vm: &Vm) -> Value {
    let names = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ];
    let class = struct_sequence_class(vm, "sys", "flags", &names);
    let mut values: Vec<Value> = names.iter().map(|_| Value::Int(0)).collect();
    // gilded never writes bytecode files, and hashes are not randomized.
    values[4] = Value::Int(1);
    values[15] = Value::Bool(false);
    values[16] = Value::Bool(false);
    values[17] = Value::Int(4300);
    struct_sequence(vm, &class, values)
}

fn implementation(vm: &Vm) -> Value {
    let class = super::types::simple_namespace_class(vm);
    let version_class = struct_sequence_class(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    let version = struct_sequence(
        vm,
        &version_class,
        vec![
            Value::Int(0),
            Value::Int(1),
            Value::Int(0),
            Value::str("final"),
            Value::Int(0),
        ],
    );
    super::native_class::new_instance(
        vm,
        &class,
        vec![
            ("name", Value::str("gilded")),
            ("cache_tag", Value::None),
            ("version", version),
            ("hexversion", Value::Int(0x000100f0)),
        ],
    )
}

/// Builds the `sys` module (once, at start-up).
pub fn create_module(vm: &Vm) -> ObjRef {
    let m = vm.new_module("sys");
    let argv: Vec<Value> = vm
        .interp
        .argv
        .borrow(vm.gil)
        .iter()
        .map(|a| Value::str(a.clone()))
        .collect();
    let script_dir = vm
        .interp
        .argv
        .borrow(vm.gil)
        .first()
        .filter(|a| a.as_str() != "-c")
        .and_then(|a| {
            // CPython puts the script's directory, made absolute, first on the path.
            let script = std::fs::canonicalize(a).ok()?;
            script.parent().map(|p| p.display().to_string())
        })
        .unwrap_or_default();
    set_attr(vm, &m, "argv", vm.new_list(argv));
    set_attr(vm, &m, "orig_argv", vm.new_list(vec![]));
    set_attr(vm, &m, "path", vm.new_list(vec![Value::str(script_dir)]));
    set_attr(vm, &m, "modules", Value::Obj(vm.interp.modules.clone()));
    set_attr(vm, &m, "maxsize", Value::Int(i64::MAX));
    set_attr(vm, &m, "maxunicode", Value::Int(0x10FFFF));
    set_attr(vm, &m, "version", Value::str(version()));
    set_attr(vm, &m, "hexversion", Value::Int(0x030B07F0));
    set_attr(vm, &m, "api_version", Value::Int(1013));
    let version_info = struct_sequence_class(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    let info = struct_sequence(
        vm,
        &version_info,
        vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(7),
            Value::str("final"),
            Value::Int(0),
        ],
    );
    set_attr(vm, &m, "version_info", info);
    set_attr(vm, &m, "implementation", implementation(vm));
    set_attr(vm, &m, "float_info", float_info(vm));
    set_attr(vm, &m, "int_info", int_info(vm));
    set_attr(vm, &m, "flags", flags(vm));
    set_attr(vm, &m, "platform", Value::str(platform()));
    let order = if cfg!(target_endian = "big") {
        "big"
    } else {
        "little"
    };
    set_attr(vm, &m, "byteorder", Value::str(order));
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    set_attr(vm, &m, "executable", Value::str(exe));
    set_attr(vm, &m, "prefix", Value::str("/usr/local"));
    set_attr(
        vm,
        &m,
        "copyright",
        Value::str("gilded: a teaching interpreter."),
    );
    set_attr(vm, &m, "dont_write_bytecode", Value::Bool(true));
    let stdin = new_file("<stdin>", "r", FileHandle::Stdin);
    let stdout = new_file("<stdout>", "w", FileHandle::Stdout);
    let stderr = new_file("<stderr>", "w", FileHandle::Stderr);
    for (name, v) in [
        ("stdin", &stdin),
        ("stdout", &stdout),
        ("stderr", &stderr),
        ("__stdin__", &stdin),
        ("__stdout__", &stdout),
        ("__stderr__", &stderr),
    ] {
        set_attr(vm, &m, name, v.clone());
    }
    add_fn(vm, &m, "exit", sys_exit);
    super::sys_gil::register(vm, &m);
    add_fn(vm, &m, "getrefcount", sys_getrefcount);
    add_fn(vm, &m, "getrecursionlimit", sys_getrecursionlimit);
    add_fn(vm, &m, "setrecursionlimit", sys_setrecursionlimit);
    add_fn(vm, &m, "intern", sys_intern);
    add_fn(vm, &m, "getsizeof", sys_getsizeof);
    add_fn(vm, &m, "exc_info", sys_exc_info);
    add_fn(vm, &m, "exception", sys_exception);
    add_fn(vm, &m, "getdefaultencoding", sys_utf8);
    add_fn(vm, &m, "getfilesystemencoding", sys_utf8);
    m
}
