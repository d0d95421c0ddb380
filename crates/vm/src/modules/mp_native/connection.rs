//! `_gilded_mp.Connection` and `pipe(duplex)`: message channels over a Unix socket
//! pair (duplex) or a pipe (one-way), as `multiprocessing.connection.Connection`.
//!
//! Messages are framed as CPython frames them: a 4-byte big-endian signed length,
//! or -1 followed by an 8-byte length for messages of 2 GiB and more, then the
//! payload. Reads and writes run with the GIL released, in the slices
//! `threads::wait_until` hands out: each slice polls the descriptor and moves what
//! it can without blocking, so the main thread's waits stay interruptible by Ctrl-C
//! even in the middle of a large message.

use super::shm::{close_fd, last_error};
use super::{add_property, new_native, state};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::builtins::args;
use crate::containers::arguments::bind;
use crate::error::{PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::process::inherit::NativeHandle;
use crate::types::class::Layout;
use crate::value::Value;
use crate::vm::Vm;
use gilded_gil::BlockReason;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Largest write to a pipe after one POLLOUT: up to PIPE_BUF a pipe write is atomic
/// and, with a free buffer slot (what POLLOUT reports), does not block.
const PIPE_CHUNK: usize = 4096;
/// Largest single non-blocking socket send or read.
const SOCKET_CHUNK: usize = 1 << 16;

/// The Rust state of a Connection.
pub struct ConnState {
    /// The descriptor; -1 once closed.
    fd: AtomicI32,
    /// False for a pipe's write end, or after a message longer than `maxlength`
    /// (CPython stops reading a stream it has lost its place in).
    readable: AtomicBool,
    /// False for a pipe's read end.
    writable: bool,
    /// A socket (sendable with MSG_DONTWAIT) rather than a pipe.
    socket: bool,
}

impl ConnState {
    fn new(fd: i32, readable: bool, writable: bool, socket: bool) -> ConnState {
        ConnState {
            fd: AtomicI32::new(fd),
            readable: AtomicBool::new(readable),
            writable,
            socket,
        }
    }

    /// The descriptor, or -1 when closed.
    pub fn fd(&self) -> i32 {
        self.fd.load(Ordering::Acquire)
    }

    /// True for a socket pair end.
    pub fn is_socket(&self) -> bool {
        self.socket
    }

    /// Closes the descriptor once (later calls do nothing).
    fn close(&self) {
        close_fd(self.fd.swap(-1, Ordering::AcqRel));
    }

    /// The handle a child rebuilds this connection from (no descriptor once closed).
    pub fn handle(&self) -> NativeHandle {
        let fd = self.fd();
        NativeHandle {
            tag: "Connection".into(),
            type_name: "Connection".into(),
            fds: if fd >= 0 { vec![fd] } else { vec![] },
            ints: vec![
                self.readable.load(Ordering::Acquire) as i64,
                self.writable as i64,
                self.socket as i64,
            ],
            text: String::new(),
        }
    }
}

impl Drop for ConnState {
    fn drop(&mut self) {
        self.close();
    }
}

/// `payload` framed as one message: the length header, then the payload.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    if payload.len() > 0x7fff_ffff {
        out.extend_from_slice(&(-1i32).to_be_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_be_bytes());
    } else {
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    }
    out.extend_from_slice(payload);
    out
}

/// `ppoll` for `events` for at most `limit` (forever for None): true when ready
/// (errors and hang-ups count as ready: the next read or write reports them).
fn wait_ready(fd: i32, events: libc::c_short, limit: Option<Duration>) -> io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    let ts = limit.map(|d| libc::timespec {
        tv_sec: d.as_secs().min(i32::MAX as u64) as libc::time_t,
        tv_nsec: d.subsec_nanos() as libc::c_long,
    });
    let tsp = ts
        .as_ref()
        .map_or(std::ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: pfd and the optional timespec are valid for the call; no signal mask.
    let rc = unsafe { libc::ppoll(&mut pfd, 1, tsp, std::ptr::null()) };
    if rc < 0 {
        let e = last_error();
        if e.kind() == io::ErrorKind::Interrupted {
            return Ok(false);
        }
        return Err(e);
    }
    Ok(rc > 0)
}

/// One `send` (a socket, always with MSG_NOSIGNAL so SIGPIPE stays away, plus
/// `flags`) or `write` (a pipe) of all of `data`; the raw return value.
fn write_raw(fd: i32, socket: bool, data: &[u8], flags: libc::c_int) -> isize {
    if socket {
        // SAFETY: data is readable memory of its length.
        unsafe {
            libc::send(
                fd,
                data.as_ptr().cast(),
                data.len(),
                flags | libc::MSG_NOSIGNAL,
            )
        }
    } else {
        // SAFETY: data is readable memory of its length.
        unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) }
    }
}

/// The result of a non-blocking read or write that returned `n`: Ok(None) when it
/// would block or a signal cut it short (the caller polls again).
fn nonblocking_result(n: isize) -> io::Result<Option<usize>> {
    if n < 0 {
        let e = last_error();
        return match e.raw_os_error() {
            Some(libc::EINTR) | Some(libc::EAGAIN) => Ok(None),
            _ => Err(e),
        };
    }
    Ok(Some(n as usize))
}

/// One write without blocking the slice for long: Ok(None) when it would block.
fn write_some(fd: i32, socket: bool, data: &[u8]) -> io::Result<Option<usize>> {
    let n = if socket {
        // MSG_DONTWAIT makes the send non-blocking.
        let len = data.len().min(SOCKET_CHUNK);
        write_raw(fd, socket, &data[..len], libc::MSG_DONTWAIT)
    } else {
        // The caller polled for POLLOUT: a pipe write of up to PIPE_CHUNK then
        // does not block.
        let len = data.len().min(PIPE_CHUNK);
        write_raw(fd, socket, &data[..len], 0)
    };
    nonblocking_result(n)
}

/// One read of at most `buf.len()` bytes: Ok(None) when it would block, Ok(Some(0))
/// at end of file.
fn read_some(fd: i32, socket: bool, buf: &mut [u8]) -> io::Result<Option<usize>> {
    let n = if socket {
        // SAFETY: buf is writable memory of its length.
        unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT) }
    } else {
        // SAFETY: buf is writable memory of its length.
        unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) }
    };
    nonblocking_result(n)
}

/// Writes all of `data` blocking (the feeder thread's write: no GIL, no slices).
pub fn write_all_blocking(fd: i32, socket: bool, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        let n = write_raw(fd, socket, data, 0);
        if n < 0 {
            let e = last_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

/// How a message transfer ended.
enum Outcome {
    /// The whole message moved.
    Done,
    /// End of file before any byte of a header or body (`EOFError`).
    Eof,
    /// End of file in the middle of a header or body.
    Truncated,
    /// The message is longer than `maxlength`.
    TooLong,
    /// An OS error.
    Failed(io::Error),
}

/// The poll before each read or write of a `step`: the first waits up to the
/// slice's `limit`, the others only look. Err(None) when the descriptor is not
/// ready (the step ends, to run again in the next slice), Err(Some(Failed)) on an
/// OS error.
fn poll_in_slice(
    fd: i32,
    events: libc::c_short,
    limit: Option<Duration>,
    first: &mut bool,
) -> Result<(), Option<Outcome>> {
    let wait = if *first { limit } else { Some(Duration::ZERO) };
    *first = false;
    match wait_ready(fd, events, wait) {
        Ok(true) => Ok(()),
        Ok(false) => Err(None),
        Err(e) => Err(Some(Outcome::Failed(e))),
    }
}

/// The writing side of one framed message.
struct Writer<'a> {
    msg: &'a [u8],
    pos: usize,
}

impl Writer<'_> {
    /// Writes what the descriptor takes within `limit`; Some(outcome) when done.
    fn step(&mut self, fd: i32, socket: bool, limit: Option<Duration>) -> Option<Outcome> {
        let mut first = true;
        loop {
            if self.pos == self.msg.len() {
                return Some(Outcome::Done);
            }
            // Poll before every write: on a pipe, only that keeps a write from
            // blocking past the slice.
            if let Err(stop) = poll_in_slice(fd, libc::POLLOUT, limit, &mut first) {
                return stop;
            }
            match write_some(fd, socket, &self.msg[self.pos..]) {
                Ok(Some(n)) => self.pos += n,
                Ok(None) => return None,
                Err(e) => return Some(Outcome::Failed(e)),
            }
        }
    }
}

/// Runs `step` once holding the GIL (a message that fits moves without a GIL
/// hand-off), then in GIL-free, interruptible slices until it finishes.
fn transfer(
    vm: &mut Vm,
    mut step: impl FnMut(Option<Duration>) -> Option<Outcome> + Send,
) -> PyResult<Outcome> {
    if let Some(done) = step(Some(Duration::ZERO)) {
        return Ok(done);
    }
    let mut outcome = None;
    let out = &mut outcome;
    crate::threads::wait_until(vm, BlockReason::Io, None, move |limit| match step(limit) {
        Some(o) => {
            *out = Some(o);
            true
        }
        None => false,
    })?;
    Ok(outcome.unwrap_or(Outcome::Done))
}

/// Sends `msg` (already framed).
fn send_framed(vm: &mut Vm, st: &ConnState, msg: &[u8]) -> PyResult<()> {
    let (fd, socket) = (st.fd(), st.socket);
    let mut writer = Writer { msg, pos: 0 };
    match transfer(vm, |limit| writer.step(fd, socket, limit))? {
        Outcome::Failed(e) => Err(vm.os_error(&e, None)),
        _ => Ok(()),
    }
}

/// The reading side of one message: header first, then the body.
struct Reader {
    header: [u8; 12],
    /// Bytes of the header wanted: 4, or 12 after a -1 length.
    header_len: usize,
    got: usize,
    body: Vec<u8>,
    size: Option<usize>,
    maxlength: Option<usize>,
}

impl Reader {
    fn new(maxlength: Option<usize>) -> Reader {
        Reader {
            header: [0; 12],
            header_len: 4,
            got: 0,
            body: Vec::new(),
            size: None,
            maxlength,
        }
    }

    /// Moves what the descriptor has; Some(outcome) when the message is finished.
    fn step(&mut self, fd: i32, socket: bool, limit: Option<Duration>) -> Option<Outcome> {
        let mut first = true;
        loop {
            if let Err(stop) = poll_in_slice(fd, libc::POLLIN, limit, &mut first) {
                return stop;
            }
            let result = match self.size {
                None => read_some(fd, socket, &mut self.header[self.got..self.header_len]),
                Some(size) => {
                    let want = (size - self.body.len()).min(SOCKET_CHUNK);
                    let start = self.body.len();
                    self.body.resize(start + want, 0);
                    let r = read_some(fd, socket, &mut self.body[start..]);
                    let n = match &r {
                        Ok(Some(n)) => *n,
                        _ => 0,
                    };
                    self.body.truncate(start + n);
                    r
                }
            };
            match result {
                Err(e) => return Some(Outcome::Failed(e)),
                Ok(None) => return None,
                Ok(Some(0)) => {
                    let nothing_yet = match self.size {
                        None => self.got == 0,
                        Some(_) => self.body.is_empty(),
                    };
                    return Some(if nothing_yet {
                        Outcome::Eof
                    } else {
                        Outcome::Truncated
                    });
                }
                Ok(Some(n)) => {
                    if let Some(done) = self.advance(n) {
                        return Some(done);
                    }
                }
            }
        }
    }

    /// Accounts for `n` bytes just read; Some(outcome) when the message is finished.
    fn advance(&mut self, n: usize) -> Option<Outcome> {
        if let Some(size) = self.size {
            return (self.body.len() == size).then_some(Outcome::Done);
        }
        self.got += n;
        if self.got < self.header_len {
            return None;
        }
        let short = i32::from_be_bytes([
            self.header[0],
            self.header[1],
            self.header[2],
            self.header[3],
        ]);
        let size = if short == -1 {
            if self.header_len == 4 {
                self.header_len = 12;
                return None;
            }
            let mut long = [0u8; 8];
            long.copy_from_slice(&self.header[4..12]);
            u64::from_be_bytes(long) as usize
        } else {
            // A negative length other than -1 is garbage: treat it as unsigned, so
            // it fails the maxlength check or reads as a truncated stream.
            short as u32 as usize
        };
        if self.maxlength.is_some_and(|m| size > m) {
            return Some(Outcome::TooLong);
        }
        self.size = Some(size);
        self.got = 0;
        (size == 0).then_some(Outcome::Done)
    }
}

/// Receives one message in GIL-free slices.
fn recv_message(vm: &mut Vm, st: &ConnState, maxlength: Option<usize>) -> PyResult<Vec<u8>> {
    let (fd, socket) = (st.fd(), st.socket);
    let mut reader = Reader::new(maxlength);
    let outcome = transfer(vm, |limit| reader.step(fd, socket, limit))?;
    match outcome {
        Outcome::Done => Ok(reader.body),
        Outcome::Eof => Err(vm.new_exception(&vm.interp.exc.eof_error, vec![])),
        Outcome::Truncated => Err(os_error(vm, "got end of file during message")),
        Outcome::Failed(e) => Err(vm.os_error(&e, None)),
        Outcome::TooLong => {
            // CPython's _bad_message_length: the stream has lost its framing.
            if st.writable {
                st.readable.store(false, Ordering::Release);
            } else {
                st.close();
            }
            Err(os_error(vm, "bad message length"))
        }
    }
}

/// A plain `OSError(msg)`.
fn os_error(vm: &Vm, msg: &str) -> PyErr {
    vm.new_error(&vm.interp.exc.os_error, msg)
}

fn conn_state(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<ConnState>> {
    state::<ConnState>(vm, name, "Connection", args)
}

/// CPython's `_check_closed`.
fn check_open(vm: &Vm, st: &ConnState) -> PyResult<()> {
    if st.fd() < 0 {
        return Err(os_error(vm, "handle is closed"));
    }
    Ok(())
}

/// `_check_closed` then `_check_readable`.
fn check_readable(vm: &Vm, st: &ConnState) -> PyResult<()> {
    check_open(vm, st)?;
    if !st.readable.load(Ordering::Acquire) {
        return Err(os_error(vm, "connection is write-only"));
    }
    Ok(())
}

/// `_check_closed` then `_check_writable`.
pub fn check_writable(vm: &Vm, st: &ConnState) -> PyResult<()> {
    check_open(vm, st)?;
    if !st.writable {
        return Err(os_error(vm, "connection is read-only"));
    }
    Ok(())
}

/// A Connection object of this module's class around `st`.
fn wrap(vm: &mut Vm, st: ConnState) -> PyResult<Value> {
    let class = super::class(vm, "Connection")?;
    Ok(new_native(&class, Arc::new(st)))
}

/// True when `fd` is a socket (sends can then be made non-blocking per call).
fn fd_is_socket(fd: i32) -> io::Result<bool> {
    // SAFETY: st is plain old data filled by fstat.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: st is a valid out-pointer; a bad fd fails with EBADF.
    if unsafe { libc::fstat(fd, &mut st) } < 0 {
        return Err(last_error());
    }
    Ok(st.st_mode & libc::S_IFMT == libc::S_IFSOCK)
}

fn conn_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_gilded_mp.Connection' instances"));
    };
    let names = ["handle", "readable", "writable"];
    let [handle, readable, writable] = bind(vm, "Connection", &args[1..], kw, names, 3)?;
    let Some(handle) = handle else {
        return Err(vm.type_error("Connection() missing required argument 'handle' (pos 1)"));
    };
    let fd = args::index_i64(vm, &handle)?;
    if fd < 0 || fd > i32::MAX as i64 {
        return Err(vm.value_error("invalid handle"));
    }
    let flag = |vm: &mut Vm, v: Option<Value>| match v {
        Some(v) => crate::ops::truthy(vm, &v),
        None => Ok(true),
    };
    let readable = flag(vm, readable)?;
    let writable = flag(vm, writable)?;
    if !readable && !writable {
        return Err(vm.value_error("at least one of `readable` and `writable` must be True"));
    }
    let fd = fd as i32;
    let socket = fd_is_socket(fd).map_err(|e| vm.os_error(&e, None))?;
    Ok(new_native(
        class,
        Arc::new(ConnState::new(fd, readable, writable, socket)),
    ))
}

/// Rebuilds a Connection from its handle in a child (a closed one if it had no fd).
pub fn rebuild(vm: &mut Vm, class: &ObjRef, h: &NativeHandle) -> PyResult<Value> {
    let [readable, writable, socket] = h.ints.as_slice() else {
        return Err(vm.value_error("malformed Connection handle"));
    };
    let (readable, writable, socket) = (*readable != 0, *writable != 0, *socket != 0);
    let Some(&fd) = h.fds.first() else {
        let st = ConnState::new(-1, readable, writable, socket);
        return Ok(new_native(class, Arc::new(st)));
    };
    let st = super::imported("Connection", fd, || {
        super::shm::check_open(fd)?;
        Ok(ConnState::new(fd, readable, writable, socket))
    })
    .map_err(|e| vm.os_error(&e, None))?;
    Ok(new_native(class, st))
}

/// The payload of `send_bytes(buf, offset=0, size=None)` with CPython's checks.
fn bytes_slice(
    vm: &mut Vm,
    buf: &Value,
    offset: Option<Value>,
    size: Option<Value>,
) -> PyResult<(usize, usize)> {
    let Some(Payload::Bytes(b)) = buf.payload() else {
        let t = vm.type_name(buf);
        return Err(vm.type_error(format!(
            "memoryview: a bytes-like object is required, not '{t}'"
        )));
    };
    let n = b.len() as i64;
    let offset = match offset {
        Some(o) => args::index_i64(vm, &o)?,
        None => 0,
    };
    if offset < 0 {
        return Err(vm.value_error("offset is negative"));
    }
    if n < offset {
        return Err(vm.value_error("buffer length < offset"));
    }
    let size = match size.filter(|s| !s.is_none()) {
        None => n - offset,
        Some(s) => {
            let s = args::index_i64(vm, &s)?;
            if s < 0 {
                return Err(vm.value_error("size is negative"));
            }
            if offset.checked_add(s).is_none_or(|end| end > n) {
                return Err(vm.value_error("buffer length < offset + size"));
            }
            s
        }
    };
    Ok((offset as usize, size as usize))
}

fn conn_send_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "send_bytes", args)?;
    let names = ["buf", "offset", "size"];
    let [buf, offset, size] = bind(vm, "send_bytes", &args[1..], kw, names, 3)?;
    let Some(buf) = buf else {
        return Err(
            vm.type_error("Connection.send_bytes() missing 1 required positional argument: 'buf'")
        );
    };
    check_writable(vm, &st)?;
    let (start, len) = bytes_slice(vm, &buf, offset, size)?;
    let framed = match buf.payload() {
        Some(Payload::Bytes(b)) => frame(&b[start..start + len]),
        _ => Vec::new(),
    };
    send_framed(vm, &st, &framed)?;
    Ok(Value::None)
}

fn conn_recv_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "recv_bytes", args)?;
    let [maxlength] = bind(vm, "recv_bytes", &args[1..], kw, ["maxlength"], 1)?;
    check_readable(vm, &st)?;
    let maxlength = match maxlength.filter(|m| !m.is_none()) {
        None => None,
        Some(m) => {
            let m = args::index_i64(vm, &m)?;
            if m < 0 {
                return Err(vm.value_error("negative maxlength"));
            }
            Some(m as usize)
        }
    };
    let body = recv_message(vm, &st, maxlength)?;
    Ok(Value::new_obj(Payload::Bytes(body.into_boxed_slice())))
}

fn conn_send(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "send", args)?;
    let [obj] = bind(vm, "send", &args[1..], kw, ["obj"], 1)?;
    let Some(obj) = obj else {
        return Err(
            vm.type_error("Connection.send() missing 1 required positional argument: 'obj'")
        );
    };
    check_writable(vm, &st)?;
    let payload = crate::process::wire::dumps(vm, &obj)?;
    send_framed(vm, &st, &frame(&payload))?;
    Ok(Value::None)
}

fn conn_recv(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "recv", args)?;
    args::no_args(vm, "recv", &args[1..], kw)?;
    check_readable(vm, &st)?;
    let body = recv_message(vm, &st, None)?;
    crate::process::wire::loads(vm, &body)
}

fn conn_poll(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "poll", args)?;
    let [timeout] = bind(vm, "poll", &args[1..], kw, ["timeout"], 1)?;
    check_readable(vm, &st)?;
    let timeout = match timeout {
        None => Some(Duration::ZERO),
        Some(t) if t.is_none() => None,
        Some(t) => Some(super::timeout_arg(vm, &t)?),
    };
    let fd = st.fd();
    if timeout == Some(Duration::ZERO) {
        // A pure check: no reason to give up the GIL.
        let ready = wait_ready(fd, libc::POLLIN, Some(Duration::ZERO))
            .map_err(|e| vm.os_error(&e, None))?;
        return Ok(Value::Bool(ready));
    }
    let mut failure = None;
    let fail = &mut failure;
    let ready =
        crate::threads::wait_until(vm, BlockReason::Io, timeout, move |limit| match wait_ready(
            fd,
            libc::POLLIN,
            limit,
        ) {
            Ok(r) => r,
            Err(e) => {
                *fail = Some(e);
                true
            }
        })?;
    if let Some(e) = failure {
        return Err(vm.os_error(&e, None));
    }
    Ok(Value::Bool(ready))
}

fn conn_close(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "close", args)?;
    args::no_args(vm, "close", &args[1..], kw)?;
    st.close();
    Ok(Value::None)
}

fn conn_fileno(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "fileno", args)?;
    args::no_args(vm, "fileno", &args[1..], kw)?;
    check_open(vm, &st)?;
    Ok(Value::Int(st.fd() as i64))
}

fn conn_enter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    conn_state(vm, "__enter__", args)?;
    Ok(args[0].clone())
}

fn conn_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "__exit__", args)?;
    st.close();
    Ok(Value::None)
}

fn conn_closed(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(conn_state(vm, "closed", args)?.fd() < 0))
}

fn conn_readable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "readable", args)?;
    Ok(Value::Bool(st.readable.load(Ordering::Acquire)))
}

fn conn_writable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(conn_state(vm, "writable", args)?.writable))
}

fn conn_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = conn_state(vm, "__repr__", args)?;
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    let fd = st.fd();
    let what = if fd < 0 {
        "closed".to_string()
    } else {
        let r = if st.readable.load(Ordering::Acquire) {
            "r"
        } else {
            ""
        };
        let w = if st.writable { "w" } else { "" };
        format!("fd={fd} {r}{w}")
    };
    Ok(Value::str(format!(
        "<_gilded_mp.Connection {what} at {addr:#x}>"
    )))
}

/// `pipe(duplex=True)`: `(conn1, conn2)`; one-way pipes return `(reader, writer)`.
pub fn pipe(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let [duplex] = bind(vm, "pipe", args, kw, ["duplex"], 1)?;
    let duplex = match duplex {
        Some(d) => crate::ops::truthy(vm, &d)?,
        None => true,
    };
    let mut fds = [-1i32; 2];
    // SAFETY: fds is a valid two-element out-array for both calls.
    let rc = unsafe {
        if duplex {
            libc::socketpair(
                libc::AF_UNIX,
                libc::SOCK_STREAM | libc::SOCK_CLOEXEC,
                0,
                fds.as_mut_ptr(),
            )
        } else {
            libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC)
        }
    };
    if rc < 0 {
        return Err(vm.os_error(&last_error(), None));
    }
    // Own both ends before anything can fail, so an error closes them.
    let (a, b) = if duplex {
        (
            ConnState::new(fds[0], true, true, true),
            ConnState::new(fds[1], true, true, true),
        )
    } else {
        (
            ConnState::new(fds[0], true, false, false),
            ConnState::new(fds[1], false, true, false),
        )
    };
    let a = wrap(vm, a)?;
    let b = wrap(vm, b)?;
    Ok(vm.new_tuple(vec![a, b]))
}

/// The `Connection` class.
pub fn create_class(vm: &Vm) -> ObjRef {
    let object = vm.types().object.clone();
    let class =
        crate::bootstrap::builtin_type("Connection", "_gilded_mp", &[&object], Layout::Builtin);
    add_staticmethod(vm, &class, "__new__", conn_new);
    let methods: [(&'static str, crate::types::function::NativeFn); 11] = [
        ("send_bytes", conn_send_bytes),
        ("recv_bytes", conn_recv_bytes),
        ("send", conn_send),
        ("recv", conn_recv),
        ("poll", conn_poll),
        ("close", conn_close),
        ("fileno", conn_fileno),
        ("__enter__", conn_enter),
        ("__exit__", conn_exit),
        ("__repr__", conn_repr),
        ("_close", conn_close),
    ];
    for (name, f) in methods {
        add_method(vm, &class, name, f);
    }
    add_property(vm, &class, "closed", conn_closed, None);
    add_property(vm, &class, "readable", conn_readable, None);
    add_property(vm, &class, "writable", conn_writable, None);
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-way pipe: (read end, write end).
    fn raw_pipe() -> (i32, i32) {
        let mut fds = [-1i32; 2];
        // SAFETY: fds is a valid two-element out-array.
        assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
        (fds[0], fds[1])
    }

    /// Reads one message from `fd` the way `recv_bytes` does, without a Vm.
    fn read_one(fd: i32, maxlength: Option<usize>) -> (Outcome, Vec<u8>) {
        let mut reader = Reader::new(maxlength);
        loop {
            if let Some(o) = reader.step(fd, false, Some(Duration::from_secs(5))) {
                return (o, reader.body);
            }
        }
    }

    #[test]
    fn short_and_long_headers_frame_the_same_payload() {
        let (r, w) = raw_pipe();
        write_all_blocking(w, false, &frame(b"hello")).unwrap();
        // The 2 GiB form (-1, then a 64-bit length), which CPython also reads.
        let mut long = (-1i32).to_be_bytes().to_vec();
        long.extend_from_slice(&5u64.to_be_bytes());
        long.extend_from_slice(b"world");
        write_all_blocking(w, false, &long).unwrap();
        write_all_blocking(w, false, &frame(b"")).unwrap();
        assert!(matches!(read_one(r, None), (Outcome::Done, b) if b == b"hello"));
        assert!(matches!(read_one(r, None), (Outcome::Done, b) if b == b"world"));
        assert!(matches!(read_one(r, None), (Outcome::Done, b) if b.is_empty()));
        close_fd(w);
        assert!(matches!(read_one(r, None), (Outcome::Eof, _)));
        close_fd(r);
    }

    #[test]
    fn truncated_and_oversized_messages_are_reported() {
        let (r, w) = raw_pipe();
        write_all_blocking(w, false, &frame(b"12345")).unwrap();
        assert!(matches!(read_one(r, Some(4)), (Outcome::TooLong, _)));
        close_fd(r);
        close_fd(w);

        let (r, w) = raw_pipe();
        let mut msg = frame(b"0123456789");
        msg.truncate(7);
        write_all_blocking(w, false, &msg).unwrap();
        close_fd(w);
        assert!(matches!(read_one(r, None), (Outcome::Truncated, _)));
        close_fd(r);

        // End of file inside the header is truncation too.
        let (r, w) = raw_pipe();
        write_all_blocking(w, false, &[0, 0]).unwrap();
        close_fd(w);
        assert!(matches!(read_one(r, None), (Outcome::Truncated, _)));
        close_fd(r);
    }

    #[test]
    fn frame_headers_are_big_endian_lengths() {
        assert_eq!(frame(b"ab"), vec![0, 0, 0, 2, b'a', b'b']);
        assert_eq!(frame(b""), vec![0, 0, 0, 0]);
    }
}
