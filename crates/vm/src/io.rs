//! Standard streams and source text: buffered stdout, stderr, and the source lines
//! tracebacks quote.
//!
//! stdout is block-buffered like CPython's when it is not a terminal (and flushed at
//! newlines when it is); it is flushed before anything is written to stderr, before
//! reading stdin, and at exit, so interleaved output keeps its order on a terminal.

use crate::value::Value;
use crate::vm::Vm;
use std::io::{IsTerminal, Write};

/// Flush stdout once this many bytes are buffered.
const STDOUT_BUFFER_LIMIT: usize = 8192;

/// Buffered state of the standard streams, shared by all threads of an interpreter.
pub struct StdStreams {
    stdout_buffer: Vec<u8>,
    stdout_is_tty: bool,
}

impl StdStreams {
    /// Fresh streams.
    pub fn new() -> StdStreams {
        StdStreams {
            stdout_buffer: Vec::with_capacity(STDOUT_BUFFER_LIMIT),
            stdout_is_tty: std::io::stdout().is_terminal(),
        }
    }
}

impl Default for StdStreams {
    fn default() -> StdStreams {
        StdStreams::new()
    }
}

/// Writes text to stdout (buffered).
pub fn write_stdout(vm: &Vm, text: &str) {
    let mut streams = vm.interp.streams.borrow_mut(vm.gil);
    streams.stdout_buffer.extend_from_slice(text.as_bytes());
    let flush_now = streams.stdout_buffer.len() >= STDOUT_BUFFER_LIMIT
        || (streams.stdout_is_tty && text.contains('\n'));
    if flush_now {
        flush_buffer(&mut streams.stdout_buffer);
    }
}

fn flush_buffer(buffer: &mut Vec<u8>) {
    let mut out = std::io::stdout().lock();
    // A closed pipe must not panic the interpreter; the data is dropped as CPython
    // would after its BrokenPipeError.
    let _ = out.write_all(buffer);
    let _ = out.flush();
    buffer.clear();
}

/// Flushes buffered stdout.
pub fn flush_stdout(vm: &Vm) {
    let mut streams = vm.interp.streams.borrow_mut(vm.gil);
    flush_buffer(&mut streams.stdout_buffer);
}

/// Writes text to stderr (after flushing stdout).
pub fn write_stderr(vm: &Vm, text: &str) {
    flush_stdout(vm);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Records the text of a source file so tracebacks can quote it.
pub fn register_source(vm: &Vm, filename: &str, text: &str) {
    let lines = text.lines().map(str::to_string).collect();
    vm.interp
        .sources
        .borrow_mut(vm.gil)
        .insert(filename.to_string(), lines);
}

/// Line `line` (1-based) of a source file: registered text first, else read from disk.
pub fn source_line(vm: &Vm, filename: &str, line: u32) -> Option<String> {
    if let Some(lines) = vm.interp.sources.borrow(vm.gil).get(filename) {
        return lines.get(line as usize - 1).cloned();
    }
    let text = std::fs::read_to_string(filename).ok()?;
    let result = text.lines().nth(line as usize - 1).map(str::to_string);
    register_source(vm, filename, &text);
    result
}

/// The source line and caret block under a SyntaxError's `File` line, as CPython
/// prints it (`offset`/`end_offset` are 1-based character columns).
pub fn syntax_error_source_block(text: &str, offset: i64, end_offset: i64) -> String {
    let line = text.trim_end_matches(['\n', '\r']);
    let stripped = line.trim_start();
    let leading = (line.chars().count() - stripped.chars().count()) as i64;
    let mut out = format!("    {}\n", stripped.trim_end());
    // CPython draws no caret when it would fall inside the stripped indentation.
    if offset >= 1 && offset - 1 - leading >= 0 {
        let start = offset - 1 - leading;
        let mut width = if end_offset > offset {
            end_offset - offset
        } else {
            1
        };
        let available = stripped.trim_end().chars().count() as i64 - start;
        if width > available + 1 {
            width = (available + 1).max(1);
        }
        out.push_str("    ");
        out.push_str(&" ".repeat(start as usize));
        out.push_str(&"^".repeat(width as usize));
        out.push('\n');
    }
    out
}

/// True when `v` is one of the interpreter's standard stream objects.
pub fn is_std_stream(v: &Value) -> bool {
    matches!(v.payload(), Some(crate::object::Payload::File(_)))
}
