//! The child's side: `gilded --mp-worker R W` reads its request, rebuilds the target
//! in a fresh interpreter whose main module is `__mp_main__`, runs it, and sends
//! the outcome back. The parent's script is not run again, so a program needs no
//! `if __name__ == "__main__":` guard (though one works, as in CPython).

use super::spawn::{set_cloexec, Outcome, SpawnRequest};
use super::wire::WIRE_VERSION;
use crate::error::PyErr;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;

/// Runs a worker and returns its exit status.
pub fn main(request_fd: i32, outcome_fd: i32) -> i32 {
    if request_fd < 0 || outcome_fd < 0 || request_fd == outcome_fd {
        eprintln!("gilded: --mp-worker is for gilded's own use");
        return 2;
    }
    // Grandchildren must not inherit our ends of the parent's pipes.
    let _ = set_cloexec(request_fd, true);
    let _ = set_cloexec(outcome_fd, true);
    // SAFETY: the parent passed these descriptors to this process to own.
    let (mut requests, mut outcome_file) = unsafe {
        (
            std::fs::File::from_raw_fd(request_fd),
            std::fs::File::from_raw_fd(outcome_fd),
        )
    };
    let request = match read_request(&mut requests) {
        Ok(r) => r,
        Err(why) => {
            eprintln!("gilded worker: {why}");
            return 1;
        }
    };
    watch_parent(requests);
    for fd in &request.inherited {
        let _ = set_cloexec(*fd, true);
    }
    let mut vm = Vm::new(request.argv.clone());
    if request.trace {
        vm.interp.lock.start_tracing();
    }
    configure(&mut vm, &request);
    let (outcome, status) = run_target(&mut vm, &request);
    crate::modules::shutdown(&mut vm);
    // The outcome, then this process's GIL report for the parent's statistics.
    let report = crate::modules::gil::report(&vm.interp);
    if let (Ok(outcome), Ok(report)) = (
        super::wire::to_bytes(&vm, &outcome),
        super::wire::to_bytes(&vm, &report),
    ) {
        let _ = outcome_file.write_all(&outcome);
        let _ = outcome_file.write_all(&report);
    }
    status
}

/// Reads the length-prefixed request.
fn read_request(file: &mut std::fs::File) -> Result<SpawnRequest, String> {
    let mut len = [0u8; 8];
    file.read_exact(&mut len).map_err(|e| e.to_string())?;
    let len = u64::from_le_bytes(len) as usize;
    let mut bytes = Vec::new();
    file.take(len as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() != len {
        return Err("the parent's request was cut short".into());
    }
    let request: SpawnRequest = postcard::from_bytes(&bytes).map_err(|e| e.to_string())?;
    if request.version != WIRE_VERSION {
        return Err(format!(
            "request format version {} (this gilded reads {WIRE_VERSION})",
            request.version
        ));
    }
    Ok(request)
}

/// Exits this process as soon as the parent's end of the request pipe closes:
/// the parent died (it keeps that end open until it has reaped us).
fn watch_parent(mut requests: std::fs::File) {
    let _ = std::thread::Builder::new()
        .name("gilded-parent-watch".into())
        .spawn(move || {
            let mut buf = [0u8; 64];
            loop {
                match requests.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) => continue,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                }
            }
            // SAFETY: _exit ends the process at once, which is the point.
            unsafe { libc::_exit(1) };
        });
}

/// The parent's GIL settings, sources for tracebacks, and `__mp_main__`.
fn configure(vm: &mut Vm, request: &SpawnRequest) {
    vm.interp.lock.set_config(request.gil);
    for (name, lines) in &request.sources {
        vm.interp
            .sources
            .borrow_mut(vm.gil)
            .insert(name.clone(), lines.clone());
    }
    let module = vm.new_module("__mp_main__");
    let dict = crate::modules::module_dict(&module);
    crate::vm::dict_set_str(
        vm,
        &dict,
        "__builtins__",
        Value::Obj(vm.interp.builtins.clone()),
    );
    let modules = vm.interp.modules.clone();
    for name in ["__mp_main__", "__main__"] {
        crate::vm::dict_set_str(vm, &modules, name, Value::Obj(module.clone()));
    }
    vm.interp.wire_identity.borrow_mut(vm.gil).offer_main(dict);
}

/// Rebuilds and calls the target; the outcome to send and the exit status.
fn run_target(vm: &mut Vm, request: &SpawnRequest) -> (Outcome, i32) {
    let work = match super::decode::decode(vm, &request.payload) {
        Ok(w) => w,
        Err(err) => {
            // multiprocessing's bootstrap never ran, so nobody else will say why.
            if request.exit_with_result {
                crate::traceback::print_exception(vm, &err);
            }
            return raised(vm, &err);
        }
    };
    let parts = match work.payload() {
        Some(Payload::Tuple(items)) if items.len() == 3 => items.to_vec(),
        _ => return (Outcome::Failed("malformed request".into()), 1),
    };
    let args = match parts[1].payload() {
        Some(Payload::Tuple(items)) => items.to_vec(),
        _ => Vec::new(),
    };
    let kwargs = match parts[2].payload() {
        Some(Payload::Dict(d)) => d
            .borrow(vm.gil)
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect(),
        _ => Vec::new(),
    };
    match vm.call(&parts[0], args, kwargs) {
        Ok(value) => {
            let status = if request.exit_with_result {
                match value {
                    Value::Int(n) => (n & 0xff) as i32,
                    Value::Bool(b) => b as i32,
                    _ => 0,
                }
            } else {
                0
            };
            match super::encode::encode(vm, &value, None) {
                Ok(message) => (Outcome::Returned(message), status),
                Err(err) => raised(vm, &err),
            }
        }
        Err(err) => {
            let system_exit = vm.interp.exc.system_exit.clone();
            if vm.err_matches(&err, &system_exit) {
                return (
                    Outcome::Returned(none_message()),
                    system_exit_status(vm, &err),
                );
            }
            raised(vm, &err)
        }
    }
}

/// The message standing for None (`sys.exit()` in the target returns nothing).
fn none_message() -> super::wire::Message {
    super::wire::Message {
        version: WIRE_VERSION,
        nodes: Vec::new(),
        root: super::wire::Slot::None,
    }
}

/// The outcome of an exception: the object (when it can cross) and its traceback.
fn raised(vm: &mut Vm, err: &PyErr) -> (Outcome, i32) {
    let traceback = crate::traceback::format_exception(vm, err);
    let exception = super::encode::encode(vm, &Value::Obj(err.0.clone()), None).ok();
    (
        Outcome::Raised {
            exception,
            traceback,
        },
        1,
    )
}

/// The exit status `sys.exit(code)` asks for, printing a message code as CPython.
fn system_exit_status(vm: &mut Vm, err: &PyErr) -> i32 {
    let exc = Value::Obj(err.0.clone());
    let code = crate::attr::get_attr(vm, &exc, &Value::str("code")).unwrap_or(Value::None);
    match code {
        Value::None => 0,
        Value::Bool(b) => b as i32,
        Value::Int(n) => (n & 0xff) as i32,
        other => {
            let text = crate::ops::to_str(vm, &other).unwrap_or_default();
            crate::io::write_stderr(vm, &format!("{text}\n"));
            1
        }
    }
}
