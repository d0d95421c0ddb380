//! `open()` and the methods of file objects (`read`, `readline`, `write`, `close`,
//! line iteration, the context-manager protocol), shared by disk files and the
//! standard streams `sys.stdin`/`sys.stdout`/`sys.stderr`.

use super::args;
use crate::bootstrap::{add_function, add_method};
use crate::error::{PyErr, PyResult};
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::file::{DiskFile, FileHandle, FileObj};
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::BlockReason;
use std::io::BufRead;

/// A new file object around a handle.
pub fn new_file(name: &str, mode: &str, handle: FileHandle) -> Value {
    Value::new_obj(Payload::File(GilCell::new(FileObj {
        name: name.to_string(),
        mode: mode.to_string(),
        handle,
    })))
}

fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file.")
}

/// `io.UnsupportedOperation(msg)` (a subclass of OSError and ValueError).
fn unsupported(vm: &mut Vm, msg: &str) -> PyErr {
    let class = crate::modules::io_unsupported_operation(vm);
    vm.new_error(&class, msg)
}

fn this<'a>(vm: &Vm, args: &'a [Value], method: &str) -> PyResult<&'a GilCell<FileObj>> {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::File(f)) => Ok(f),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' requires a '_io.TextIOWrapper' object"
        ))),
    }
}

/// Which kind of stream a file object is, read without holding its borrow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disk,
    Stdin,
    Stdout,
    Stderr,
    Closed,
}

fn kind_of(vm: &Vm, f: &GilCell<FileObj>) -> Kind {
    match &f.borrow(vm.gil).handle {
        FileHandle::Disk(_) => Kind::Disk,
        FileHandle::Stdin => Kind::Stdin,
        FileHandle::Stdout => Kind::Stdout,
        FileHandle::Stderr => Kind::Stderr,
        FileHandle::Closed => Kind::Closed,
    }
}

/// Runs `op` on the disk file behind `f`, turning OS errors into OSError.
fn with_disk<T: Send>(
    vm: &mut Vm,
    f: &GilCell<FileObj>,
    op: impl FnOnce(&mut DiskFile) -> std::io::Result<T> + Send,
) -> PyResult<T> {
    let shared = match &f.borrow(vm.gil).handle {
        FileHandle::Disk(d) => d.file.clone(),
        _ => return Err(closed_error(vm)),
    };
    let result = vm.blocking(BlockReason::Io, move || run_on_disk(&shared, op));
    result.map_err(|e| vm.os_error(&e, None))
}

/// Runs `op` on a disk file (a poisoned mutex only means another thread's operation
/// failed midway; the file itself is still usable).
fn run_on_disk<T>(
    shared: &std::sync::Mutex<DiskFile>,
    op: impl FnOnce(&mut DiskFile) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let mut disk = shared.lock().unwrap_or_else(|p| p.into_inner());
    op(&mut disk)
}

fn is_binary(vm: &Vm, f: &GilCell<FileObj>) -> bool {
    matches!(&f.borrow(vm.gil).handle, FileHandle::Disk(d) if d.binary)
}

fn check_readable(vm: &mut Vm, f: &GilCell<FileObj>) -> PyResult<Kind> {
    let kind = kind_of(vm, f);
    match kind {
        Kind::Closed => Err(closed_error(vm)),
        Kind::Stdout | Kind::Stderr => Err(unsupported(vm, "not readable")),
        Kind::Disk => {
            let readable = matches!(&f.borrow(vm.gil).handle, FileHandle::Disk(d) if d.readable);
            if readable {
                Ok(kind)
            } else {
                Err(unsupported(vm, "not readable"))
            }
        }
        Kind::Stdin => Ok(kind),
    }
}

/// Bytes read from a text file become a `str` (invalid UTF-8 is replaced).
fn text_or_bytes(binary: bool, data: Vec<u8>) -> Value {
    if binary {
        Value::new_obj(Payload::Bytes(data.into_boxed_slice()))
    } else {
        match String::from_utf8(data) {
            Ok(s) => Value::str(s),
            Err(e) => Value::str(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        }
    }
}

/// One line from the process's standard input (empty at end of input).
pub fn stdin_line(vm: &mut Vm) -> PyResult<String> {
    crate::io::flush_stdout(vm);
    let read = vm.blocking(BlockReason::Io, || {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map(|_| line)
    });
    read.map_err(|e| vm.os_error(&e, None))
}

fn stdin_all(vm: &mut Vm) -> PyResult<String> {
    crate::io::flush_stdout(vm);
    let read = vm.blocking(BlockReason::Io, || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).map(|_| text)
    });
    read.map_err(|e| vm.os_error(&e, None))
}

/// A `size` argument: negative or None means "no limit".
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = args::index_i64(vm, v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

fn file_read(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "read", kw)?;
    let f = this(vm, args, "read")?;
    args::count(vm, "read", args.get(1..).unwrap_or(&[]), 0, 1)?;
    let size = size_arg(vm, args.get(1))?;
    if check_readable(vm, f)? == Kind::Stdin {
        let text = stdin_all(vm)?;
        return Ok(Value::str(text));
    }
    let binary = is_binary(vm, f);
    let data = with_disk(vm, f, |d| match size {
        None => d.read_all(),
        Some(n) if d.binary => d.read_bytes(n),
        Some(n) => d.read_chars(n),
    })?;
    Ok(text_or_bytes(binary, data))
}

fn read_one_line(vm: &mut Vm, f: &GilCell<FileObj>, limit: Option<usize>) -> PyResult<Value> {
    if check_readable(vm, f)? == Kind::Stdin {
        let line = stdin_line(vm)?;
        return Ok(Value::str(line));
    }
    let binary = is_binary(vm, f);
    let data = with_disk(vm, f, |d| d.read_line(limit))?;
    Ok(text_or_bytes(binary, data))
}

fn file_readline(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "readline", kw)?;
    let f = this(vm, args, "readline")?;
    args::count(vm, "readline", args.get(1..).unwrap_or(&[]), 0, 1)?;
    let limit = size_arg(vm, args.get(1))?;
    read_one_line(vm, f, limit)
}

fn is_empty_line(v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Str(s)) => s.as_str().is_empty(),
        Some(Payload::Bytes(b)) => b.is_empty(),
        _ => true,
    }
}

fn file_readlines(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "readlines", kw)?;
    let f = this(vm, args, "readlines")?;
    args::count(vm, "readlines", args.get(1..).unwrap_or(&[]), 0, 1)?;
    let hint = size_arg(vm, args.get(1))?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = read_one_line(vm, f, None)?;
        if is_empty_line(&line) {
            break;
        }
        total += match line.payload() {
            Some(Payload::Str(s)) => s.char_len(),
            Some(Payload::Bytes(b)) => b.len(),
            _ => 0,
        };
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

/// Writes text to a native file object; returns the number of characters written.
pub fn write_text(vm: &mut Vm, file: &ObjRef, text: &str) -> PyResult<usize> {
    let Payload::File(f) = file.payload() else {
        return Err(vm.type_error("not a file"));
    };
    if is_binary(vm, f) {
        return Err(vm.type_error("a bytes-like object is required, not 'str'"));
    }
    write_value_text(vm, f, text)?;
    Ok(text.chars().count())
}

fn write_value_text(vm: &mut Vm, f: &GilCell<FileObj>, text: &str) -> PyResult<()> {
    match kind_of(vm, f) {
        Kind::Stdout => {
            crate::io::write_stdout(vm, text);
            Ok(())
        }
        Kind::Stderr => {
            crate::io::write_stderr(vm, text);
            Ok(())
        }
        Kind::Closed => Err(closed_error(vm)),
        Kind::Stdin => Err(unsupported(vm, "not writable")),
        Kind::Disk => write_disk(vm, f, text.as_bytes()),
    }
}

fn write_disk(vm: &mut Vm, f: &GilCell<FileObj>, data: &[u8]) -> PyResult<()> {
    let writable = matches!(&f.borrow(vm.gil).handle, FileHandle::Disk(d) if d.writable);
    if !writable {
        return Err(unsupported(vm, "not writable"));
    }
    with_disk(vm, f, |d| d.write(data))
}

fn file_write(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "write", kw)?;
    let f = this(vm, args, "write")?;
    args::count(vm, "write", args.get(1..).unwrap_or(&[]), 1, 1)?;
    let data = &args[1];
    if is_binary(vm, f) {
        let bytes = match data.payload() {
            Some(Payload::Bytes(b)) => b.clone(),
            _ => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(data)
                )))
            }
        };
        write_disk(vm, f, &bytes)?;
        return Ok(Value::Int(bytes.len() as i64));
    }
    let Some(s) = data.as_str_obj() else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            vm.type_name(data)
        )));
    };
    write_value_text(vm, f, s.as_str())?;
    Ok(Value::Int(s.char_len() as i64))
}

fn file_writelines(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "writelines", kw)?;
    this(vm, args, "writelines")?;
    args::count(vm, "writelines", args.get(1..).unwrap_or(&[]), 1, 1)?;
    let file = args[0].clone();
    let it = crate::ops::get_iter(vm, &args[1])?;
    while let Some(line) = crate::ops::iter_next(vm, &it)? {
        file_write(vm, &[file.clone(), line], &[])?;
    }
    Ok(Value::None)
}

/// Flushes a file object's buffered output.
pub fn flush_file(vm: &mut Vm, f: &GilCell<FileObj>) -> PyResult<()> {
    match kind_of(vm, f) {
        Kind::Stdout => {
            crate::io::flush_stdout(vm);
            Ok(())
        }
        Kind::Closed => Err(closed_error(vm)),
        Kind::Disk => with_disk(vm, f, |d| d.flush()),
        Kind::Stdin | Kind::Stderr => Ok(()),
    }
}

fn file_flush(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "flush", args.get(1..).unwrap_or(&[]), kw)?;
    let f = this(vm, args, "flush")?;
    flush_file(vm, f)?;
    Ok(Value::None)
}

fn close_file(vm: &mut Vm, f: &GilCell<FileObj>) -> PyResult<()> {
    let old = {
        let mut file = f.borrow_mut(vm.gil);
        match file.handle {
            // Closing a standard stream only flushes it, so later output still works
            // (CPython would close the descriptor).
            FileHandle::Stdout | FileHandle::Stderr | FileHandle::Stdin => None,
            _ => Some(std::mem::replace(&mut file.handle, FileHandle::Closed)),
        }
    };
    match old {
        Some(FileHandle::Disk(d)) => {
            let shared = d.file;
            vm.blocking(BlockReason::Io, move || {
                run_on_disk(&shared, |disk| disk.flush())
            })
            .map_err(|e| vm.os_error(&e, None))
        }
        Some(_) => Ok(()),
        None => flush_file(vm, f),
    }
}

fn file_close(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_args(vm, "close", args.get(1..).unwrap_or(&[]), kw)?;
    let f = this(vm, args, "close")?;
    close_file(vm, f)?;
    Ok(Value::None)
}

fn file_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "__enter__")?;
    if kind_of(vm, f) == Kind::Closed {
        return Err(closed_error(vm));
    }
    Ok(args[0].clone())
}

fn file_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "__exit__")?;
    close_file(vm, f)?;
    Ok(Value::None)
}

/// `iter(file)`: the file itself, if open.
pub fn file_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.payload() {
        Some(Payload::File(f)) if kind_of(vm, f) == Kind::Closed => Err(closed_error(vm)),
        _ => Ok(v.clone()),
    }
}

/// `next(file)`: the next line, or None at end of file.
pub fn file_next(vm: &mut Vm, file: &ObjRef) -> PyResult<Option<Value>> {
    let Payload::File(f) = file.payload() else {
        return Ok(None);
    };
    let line = read_one_line(vm, f, None)?;
    Ok(if is_empty_line(&line) {
        None
    } else {
        Some(line)
    })
}

fn file_dunder_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    this(vm, args, "__iter__")?;
    file_iter(vm, &args[0])
}

fn file_dunder_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    this(vm, args, "__next__")?;
    let Some(o) = args[0].as_obj() else {
        return Err(vm.stop_iteration(Value::None));
    };
    match file_next(vm, &o.clone())? {
        Some(line) => Ok(line),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn file_readable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "readable")?;
    Ok(Value::Bool(match &f.borrow(vm.gil).handle {
        FileHandle::Disk(d) => d.readable,
        FileHandle::Stdin => true,
        FileHandle::Closed => false,
        _ => false,
    }))
}

fn file_writable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "writable")?;
    Ok(Value::Bool(match &f.borrow(vm.gil).handle {
        FileHandle::Disk(d) => d.writable,
        FileHandle::Stdout | FileHandle::Stderr => true,
        _ => false,
    }))
}

fn file_seekable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "seekable")?;
    Ok(Value::Bool(kind_of(vm, f) == Kind::Disk))
}

fn file_isatty(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    use std::io::IsTerminal;
    let f = this(vm, args, "isatty")?;
    Ok(Value::Bool(match kind_of(vm, f) {
        Kind::Stdin => std::io::stdin().is_terminal(),
        Kind::Stdout => std::io::stdout().is_terminal(),
        Kind::Stderr => std::io::stderr().is_terminal(),
        Kind::Closed => return Err(closed_error(vm)),
        Kind::Disk => false,
    }))
}

fn file_fileno(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "fileno")?;
    Ok(Value::Int(match &f.borrow(vm.gil).handle {
        FileHandle::Disk(d) => d.fd,
        FileHandle::Stdin => 0,
        FileHandle::Stdout => 1,
        FileHandle::Stderr => 2,
        FileHandle::Closed => {
            return Err(closed_error(vm));
        }
    }))
}

fn disk_or_unsupported(vm: &mut Vm, f: &GilCell<FileObj>, what: &str) -> PyResult<()> {
    match kind_of(vm, f) {
        Kind::Disk => Ok(()),
        Kind::Closed => Err(closed_error(vm)),
        _ => Err(unsupported(vm, what)),
    }
}

fn file_tell(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = this(vm, args, "tell")?;
    disk_or_unsupported(vm, f, "underlying stream is not seekable")?;
    let pos = with_disk(vm, f, |d| d.tell())?;
    Ok(Value::Int(pos as i64))
}

fn file_seek(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "seek", kw)?;
    let f = this(vm, args, "seek")?;
    args::count(vm, "seek", args.get(1..).unwrap_or(&[]), 1, 2)?;
    disk_or_unsupported(vm, f, "underlying stream is not seekable")?;
    let offset = args::index_i64(vm, &args[1])?;
    let whence = match args.get(2) {
        Some(w) => args::index_i64(vm, w)?,
        None => 0,
    };
    let pos = match whence {
        0 if offset < 0 => {
            return Err(vm.value_error(format!("negative seek position {offset}")));
        }
        0 => std::io::SeekFrom::Start(offset as u64),
        1 => std::io::SeekFrom::Current(offset),
        2 => std::io::SeekFrom::End(offset),
        _ => return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let at = with_disk(vm, f, |d| d.seek(pos))?;
    Ok(Value::Int(at as i64))
}

fn file_truncate(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_kwargs(vm, "truncate", kw)?;
    let f = this(vm, args, "truncate")?;
    args::count(vm, "truncate", args.get(1..).unwrap_or(&[]), 0, 1)?;
    disk_or_unsupported(vm, f, "truncate")?;
    let size = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(args::index_i64(vm, v)?.max(0) as u64),
    };
    let n = with_disk(vm, f, |d| d.truncate(size))?;
    Ok(Value::Int(n as i64))
}

/// The parsed `mode` argument of `open()`.
struct OpenMode {
    read: bool,
    write: bool,
    append: bool,
    create_new: bool,
    truncate: bool,
    binary: bool,
}

fn parse_mode(vm: &Vm, mode: &str) -> PyResult<OpenMode> {
    let invalid = || vm.value_error(format!("invalid mode: '{mode}'"));
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxab+t".contains(c) || seen.contains(c) {
            return Err(invalid());
        }
        seen.push(c);
    }
    let has = |c| seen.contains(c);
    let primaries = ['r', 'w', 'x', 'a'].iter().filter(|&&c| has(c)).count();
    if has('t') && has('b') {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if primaries != 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    let plus = has('+');
    Ok(OpenMode {
        read: has('r') || plus,
        write: !has('r') || plus,
        append: has('a'),
        create_new: has('x'),
        truncate: has('w'),
        binary: has('b'),
    })
}

fn builtin_open(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    const NAMES: [&str; 8] = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    args::allowed_kwargs(vm, "open", kw, &NAMES)?;
    if args.len() > NAMES.len() {
        return Err(vm.type_error(format!(
            "open() takes at most 8 arguments ({} given)",
            args.len()
        )));
    }
    let arg = |i: usize| args.get(i).or_else(|| args::kwarg(kw, NAMES[i]));
    let Some(file) = arg(0) else {
        return Err(vm.type_error("open() missing required argument 'file' (pos 1)"));
    };
    let Some(path) = file.as_str().map(str::to_string) else {
        return Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(file)
        )));
    };
    let mode_text = match arg(1) {
        None => "r".to_string(),
        Some(m) => match m.as_str() {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    vm.type_name(m)
                )))
            }
        },
    };
    let mode = parse_mode(vm, &mode_text)?;
    match arg(3) {
        None | Some(Value::None) => {}
        Some(e) if e.as_str().is_some() => {
            if mode.binary {
                return Err(vm.value_error("binary mode doesn't take an encoding argument"));
            }
        }
        Some(e) => {
            return Err(vm.type_error(format!(
                "open() argument 'encoding' must be str or None, not {}",
                vm.type_name(e)
            )))
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options
        .read(mode.read)
        .write(mode.write && !mode.append)
        .append(mode.append)
        .truncate(mode.truncate);
    if mode.create_new {
        options.create_new(true);
    } else if mode.write {
        options.create(!mode.read || mode.truncate || mode.append);
    }
    let file = options
        .open(&path)
        .map_err(|e| vm.os_error(&e, Some(&path)))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        let err = std::io::Error::from_raw_os_error(21);
        return Err(vm.os_error(&err, Some(&path)));
    }
    let disk = DiskFile::new(file, mode.read, mode.write, mode.binary);
    Ok(new_file(
        &path,
        &mode_text,
        FileHandle::Disk(crate::types::file::SharedDisk::new(disk)),
    ))
}

/// Installs `open` and the file methods.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "open", builtin_open);
    let file = vm.types().file.clone();
    let methods: [(&'static str, crate::types::function::NativeFn); 19] = [
        ("read", file_read),
        ("readline", file_readline),
        ("readlines", file_readlines),
        ("write", file_write),
        ("writelines", file_writelines),
        ("flush", file_flush),
        ("close", file_close),
        ("__enter__", file_enter),
        ("__exit__", file_exit),
        ("__iter__", file_dunder_iter),
        ("__next__", file_dunder_next),
        ("readable", file_readable),
        ("writable", file_writable),
        ("seekable", file_seekable),
        ("isatty", file_isatty),
        ("fileno", file_fileno),
        ("tell", file_tell),
        ("seek", file_seek),
        ("truncate", file_truncate),
    ];
    for (name, f) in methods {
        add_method(vm, &file, name, f);
    }
}
