//! The `os` module (process facts, environment, files and directories) and its
//! `os.path` submodule, with POSIX path semantics as in CPython's `posixpath`.

use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

/// A path argument: a `str` (`expected str, bytes or os.PathLike object, not int`).
fn path_arg(vm: &Vm, fname: &str, v: &Value) -> PyResult<String> {
    match v.as_str() {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            vm.type_name(v)
        ))),
    }
}

fn str_arg(vm: &Vm, v: &Value) -> PyResult<String> {
    match v.as_str() {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(v)
        ))),
    }
}

fn os_getpid(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "getpid", args, kw)?;
    Ok(Value::Int(std::process::id() as i64))
}

/// `os.kill(pid, sig)`: sends a signal (ProcessLookupError and friends from errno).
fn os_kill(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "kill", kw)?;
    args::count(vm, "kill", args, 2, 2)?;
    let pid = args::index_i64(vm, &args[0])?;
    let sig = args::index_i64(vm, &args[1])?;
    let (Ok(pid), Ok(sig)) = (i32::try_from(pid), i32::try_from(sig)) else {
        return Err(vm.overflow_error("signed integer is greater than maximum"));
    };
    // Output the program wrote before signalling itself must not be lost.
    crate::io::flush_stdout(vm);
    // SAFETY: kill has no memory effects.
    if unsafe { libc::kill(pid, sig) } != 0 {
        return Err(vm.os_error(&std::io::Error::last_os_error(), None));
    }
    Ok(Value::None)
}

fn os_getppid(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "getppid", args, kw)?;
    #[cfg(unix)]
    let ppid = std::os::unix::process::parent_id() as i64;
    #[cfg(not(unix))]
    let ppid = 0;
    Ok(Value::Int(ppid))
}

fn os_cpu_count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "cpu_count", args, kw)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

fn os_getcwd(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "getcwd", args, kw)?;
    match std::env::current_dir() {
        Ok(p) => Ok(Value::str(p.display().to_string())),
        Err(e) => Err(vm.os_error(&e, None)),
    }
}

fn os_chdir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "chdir", args, kw)?;
    let path = path_arg(vm, "chdir", v)?;
    std::env::set_current_dir(&path).map_err(|e| vm.os_error(&e, Some(&path)))?;
    Ok(Value::None)
}

fn os_listdir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "listdir", kw)?;
    args::count(vm, "listdir", args, 0, 1)?;
    let path = match args.first() {
        Some(v) if !v.is_none() => path_arg(vm, "listdir", v)?,
        _ => ".".to_string(),
    };
    let entries = std::fs::read_dir(&path).map_err(|e| vm.os_error(&e, Some(&path)))?;
    let mut names = Vec::new();
    for entry in entries.flatten() {
        names.push(Value::str(entry.file_name().to_string_lossy().into_owned()));
    }
    Ok(vm.new_list(names))
}

/// Runs a one-path file-system operation with CPython's OSError on failure.
fn fs_op(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    op: fn(&str) -> std::io::Result<()>,
) -> PyResult<Value> {
    args::no_kwargs(vm, name, kw)?;
    args::count(vm, name, args, 1, 2)?;
    let path = path_arg(vm, name, &args[0])?;
    op(&path).map_err(|e| vm.os_error(&e, Some(&path)))?;
    Ok(Value::None)
}

fn os_remove(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    fs_op(vm, "remove", args, kw, |p| std::fs::remove_file(p))
}

fn os_rmdir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    fs_op(vm, "rmdir", args, kw, |p| std::fs::remove_dir(p))
}

fn os_mkdir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    fs_op(vm, "mkdir", args, kw, |p| std::fs::create_dir(p))
}

fn os_makedirs(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "makedirs", kw, &["mode", "exist_ok"])?;
    args::count(vm, "makedirs", args, 1, 3)?;
    let path = path_arg(vm, "makedirs", &args[0])?;
    let exist_ok = match args.get(2).or_else(|| args::kwarg(kw, "exist_ok")) {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => false,
    };
    if !exist_ok && std::path::Path::new(&path).exists() {
        // EEXIST, so the message reads "[Errno 17] File exists: 'path'".
        let e = std::io::Error::from_raw_os_error(17);
        return Err(vm.os_error(&e, Some(&path)));
    }
    std::fs::create_dir_all(&path).map_err(|e| vm.os_error(&e, Some(&path)))?;
    Ok(Value::None)
}

fn os_rename(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "rename", kw)?;
    args::count(vm, "rename", args, 2, 2)?;
    let from = path_arg(vm, "rename", &args[0])?;
    let to = path_arg(vm, "rename", &args[1])?;
    std::fs::rename(&from, &to).map_err(|e| vm.os_error(&e, Some(&from)))?;
    Ok(Value::None)
}

fn os_getenv(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "getenv", kw, &["key", "default"])?;
    args::count(vm, "getenv", args, 1, 2)?;
    let key = str_arg(vm, &args[0])?;
    let default = args
        .get(1)
        .or_else(|| args::kwarg(kw, "default"))
        .cloned()
        .unwrap_or(Value::None);
    // Read `os.environ`, so assignments to it are seen, as in CPython.
    let os = super::import(vm, "os")?;
    let environ = crate::attr::get_attr(vm, &os, &Value::str("environ"))?;
    if let Some(d) = environ.as_obj() {
        if matches!(d.payload(), Payload::Dict(_)) {
            if let Some(v) = crate::ops::dict_get_item(vm, d, &Value::str(key))? {
                return Ok(v);
            }
        }
    }
    Ok(default)
}

fn os_urandom(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let n = args::exactly_one(vm, "urandom", args, kw)?;
    let n = args::index_i64(vm, n)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let read = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf));
    read.map_err(|e| vm.os_error(&e, None))?;
    Ok(Value::new_obj(Payload::Bytes(buf.into_boxed_slice())))
}

// ----- os.path -----

/// `posixpath.join`.
pub fn join(parts: &[String]) -> String {
    let mut path = String::new();
    for (i, b) in parts.iter().enumerate() {
        if b.starts_with('/') || i == 0 {
            path = b.clone();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

/// `posixpath.split`: (head, tail).
pub fn split(p: &str) -> (String, String) {
    let i = p.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (head, tail) = p.split_at(i);
    let mut head = head.to_string();
    if !head.is_empty() && !head.chars().all(|c| c == '/') {
        head = head.trim_end_matches('/').to_string();
    }
    (head, tail.to_string())
}

/// `posixpath.splitext`: (root, extension).
pub fn splitext(p: &str) -> (String, String) {
    let sep = p.rfind('/').map(|i| i as isize).unwrap_or(-1);
    if let Some(dot) = p.rfind('.') {
        if dot as isize > sep {
            let start = (sep + 1) as usize;
            if p[start..dot].chars().any(|c| c != '.') {
                return (p[..dot].to_string(), p[dot..].to_string());
            }
        }
    }
    (p.to_string(), String::new())
}

/// `posixpath.normpath`.
pub fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let initial = if p.starts_with("//") && !p.starts_with("///") {
        2
    } else if p.starts_with('/') {
        1
    } else {
        0
    };
    let mut parts: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && parts.is_empty()) || parts.last() == Some(&"..") {
            parts.push(comp);
        } else if !parts.is_empty() {
            parts.pop();
        }
    }
    let joined = parts.join("/");
    let out = format!("{}{}", "/".repeat(initial), joined);
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

fn abspath(p: &str) -> String {
    if p.starts_with('/') {
        return normpath(p);
    }
    let cwd = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    normpath(&join(&[cwd, p.to_string()]))
}

fn one_path(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<String> {
    let v = args::exactly_one(vm, name, args, kw)?;
    str_arg(vm, v)
}

fn path_join(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "join", kw)?;
    args::count(vm, "join", args, 1, usize::MAX)?;
    let mut parts = Vec::with_capacity(args.len());
    for a in args {
        parts.push(str_arg(vm, a)?);
    }
    Ok(Value::str(join(&parts)))
}

fn path_basename(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "basename", args, kw)?;
    Ok(Value::str(split(&p).1))
}

fn path_dirname(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "dirname", args, kw)?;
    Ok(Value::str(split(&p).0))
}

fn path_split(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "split", args, kw)?;
    let (head, tail) = split(&p);
    Ok(vm.new_tuple(vec![Value::str(head), Value::str(tail)]))
}

fn path_splitext(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "splitext", args, kw)?;
    let (root, ext) = splitext(&p);
    Ok(vm.new_tuple(vec![Value::str(root), Value::str(ext)]))
}

fn path_normpath(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "normpath", args, kw)?;
    Ok(Value::str(normpath(&p)))
}

fn path_abspath(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "abspath", args, kw)?;
    Ok(Value::str(abspath(&p)))
}

fn path_realpath(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "realpath", args, kw)?;
    let real = std::fs::canonicalize(&p)
        .map(|r| r.display().to_string())
        .unwrap_or_else(|_| abspath(&p));
    Ok(Value::str(real))
}

fn path_isabs(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "isabs", args, kw)?;
    Ok(Value::Bool(p.starts_with('/')))
}

fn path_expanduser(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "expanduser", args, kw)?;
    if p == "~" || p.starts_with("~/") {
        if let Ok(home) = std::env::var("HOME") {
            let home = home.trim_end_matches('/');
            return Ok(Value::str(format!("{home}{}", &p[1..])));
        }
    }
    Ok(Value::str(p))
}

fn metadata(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Option<std::fs::Metadata>> {
    let v = args::exactly_one(vm, name, args, kw)?;
    let Some(p) = v.as_str() else {
        return Ok(None);
    };
    Ok(std::fs::metadata(p).ok())
}

fn path_exists(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(metadata(vm, "exists", args, kw)?.is_some()))
}

fn path_isfile(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(
        metadata(vm, "isfile", args, kw)?.is_some_and(|m| m.is_file()),
    ))
}

fn path_isdir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(
        metadata(vm, "isdir", args, kw)?.is_some_and(|m| m.is_dir()),
    ))
}

fn path_getsize(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "getsize", args, kw)?;
    let m = std::fs::metadata(&p).map_err(|e| vm.os_error(&e, Some(&p)))?;
    Ok(Value::Int(m.len() as i64))
}

/// Builds `os.path`.
pub fn create_path_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("posixpath");
    let functions: [(&'static str, crate::types::function::NativeFn); 15] = [
        ("join", path_join),
        ("basename", path_basename),
        ("dirname", path_dirname),
        ("split", path_split),
        ("splitext", path_splitext),
        ("normpath", path_normpath),
        ("abspath", path_abspath),
        ("realpath", path_realpath),
        ("isabs", path_isabs),
        ("expanduser", path_expanduser),
        ("exists", path_exists),
        ("isfile", path_isfile),
        ("isdir", path_isdir),
        ("getsize", path_getsize),
        ("lexists", path_exists),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    set_attr(vm, &m, "sep", Value::str("/"));
    set_attr(vm, &m, "curdir", Value::str("."));
    set_attr(vm, &m, "pardir", Value::str(".."));
    set_attr(vm, &m, "extsep", Value::str("."));
    m
}

/// Builds `os` (importing `os.path` along with it).
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("os");
    let functions: [(&'static str, crate::types::function::NativeFn); 15] = [
        ("getpid", os_getpid),
        ("getppid", os_getppid),
        ("kill", os_kill),
        ("cpu_count", os_cpu_count),
        ("getcwd", os_getcwd),
        ("chdir", os_chdir),
        ("listdir", os_listdir),
        ("remove", os_remove),
        ("unlink", os_remove),
        ("rmdir", os_rmdir),
        ("mkdir", os_mkdir),
        ("makedirs", os_makedirs),
        ("rename", os_rename),
        ("getenv", os_getenv),
        ("urandom", os_urandom),
    ];
    for (name, f) in functions {
        add_fn(vm, &m, name, f);
    }
    let mut environ = Dict::new();
    for (k, v) in std::env::vars_os() {
        environ.set_str(
            Value::str(k.to_string_lossy().into_owned()),
            Value::str(v.to_string_lossy().into_owned()),
        );
    }
    set_attr(vm, &m, "environ", vm.new_dict(environ));
    for (name, value) in [
        ("sep", "/"),
        ("altsep", ""),
        ("linesep", "\n"),
        ("pathsep", ":"),
        ("curdir", "."),
        ("pardir", ".."),
        ("extsep", "."),
        ("devnull", "/dev/null"),
        ("name", "posix"),
    ] {
        set_attr(vm, &m, name, Value::str(value));
    }
    set_attr(vm, &m, "altsep", Value::None);
    set_attr(vm, &m, "SEEK_SET", Value::Int(0));
    set_attr(vm, &m, "SEEK_CUR", Value::Int(1));
    set_attr(vm, &m, "SEEK_END", Value::Int(2));
    // `os.path` is a real submodule, registered in sys.modules as CPython does.
    let modules = vm.interp.modules.clone();
    crate::vm::dict_set_str(vm, &modules, "os", Value::Obj(m.clone()));
    let path = create_path_module(vm);
    crate::vm::dict_set_str(vm, &modules, "os.path", Value::Obj(path.clone()));
    set_attr(vm, &m, "path", Value::Obj(path));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_paths() {
        assert_eq!(join(&["a".into(), "b".into()]), "a/b");
        assert_eq!(join(&["a/".into(), "/b".into()]), "/b");
        assert_eq!(split("/a/b/c.py"), ("/a/b".into(), "c.py".into()));
        assert_eq!(split("/"), ("/".into(), "".into()));
        assert_eq!(splitext("a/b.tar.gz"), ("a/b.tar".into(), ".gz".into()));
        assert_eq!(splitext(".bashrc"), (".bashrc".into(), "".into()));
        assert_eq!(normpath("a//b/./c/../d"), "a/b/d");
        assert_eq!(normpath("/../x"), "/x");
        assert_eq!(normpath("../x"), "../x");
        assert_eq!(normpath(""), ".");
    }
}
