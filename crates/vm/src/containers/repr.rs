//! `repr()` of strings, bytes and containers, with CPython's quoting and escapes and
//! its guard against recursive containers (`[[...]]`, `{...}`).

use super::unicode::is_printable;
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::fmt::Write;

thread_local! {
    /// Addresses of the containers whose repr is being built (CPython's
    /// `Py_ReprEnter` list). Addresses only: nothing here owns an object.
    static IN_REPR: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks a container as being repr'd; unmarks it when dropped (also on errors).
pub struct ReprGuard(usize);

impl ReprGuard {
    /// `None` when `obj` is already being repr'd further up (a recursive container).
    pub fn enter(obj: &ObjRef) -> Option<ReprGuard> {
        let addr = obj.addr();
        IN_REPR.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&addr) {
                None
            } else {
                s.push(addr);
                Some(ReprGuard(addr))
            }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        IN_REPR.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|&a| a == self.0) {
                s.remove(i);
            }
        });
    }
}

/// Runs `body` for a container repr: returns `placeholder` for a recursive container
/// and counts the nesting against the recursion limit.
pub fn guarded(
    vm: &mut Vm,
    obj: &ObjRef,
    placeholder: &str,
    body: impl FnOnce(&mut Vm) -> PyResult<String>,
) -> PyResult<String> {
    let Some(guard) = ReprGuard::enter(obj) else {
        return Ok(placeholder.to_string());
    };
    vm.enter_recursion(" while getting the repr of an object")?;
    let r = body(vm);
    vm.leave_recursion();
    drop(guard);
    r
}

/// Appends the reprs of `items` separated by `, `.
pub fn push_items(vm: &mut Vm, out: &mut String, items: &[Value]) -> PyResult<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_repr(vm, out, item)?;
    }
    Ok(())
}

/// Appends `repr(v)`, with fast paths for the common element types.
pub fn push_repr(vm: &mut Vm, out: &mut String, v: &Value) -> PyResult<()> {
    match v {
        Value::Int(i) => {
            let _ = write!(out, "{i}");
            Ok(())
        }
        _ => {
            if let Some(s) = v.as_str() {
                push_str_repr(out, s);
                return Ok(());
            }
            let r = crate::ops::repr(vm, v)?;
            out.push_str(&r);
            Ok(())
        }
    }
}

/// `repr(s)` for a str.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str_repr(&mut out, s);
    out
}

/// Appends `repr(s)`: single quotes unless the text has `'` and no `"`; escapes for
/// the quote, backslash, control characters and non-printable characters.
pub fn push_str_repr(out: &mut String, s: &str) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    let plain = |b: u8| (0x20..0x7f).contains(&b) && b != b'\\' && b != quote as u8;
    if s.bytes().all(plain) {
        out.push_str(s);
        out.push(quote);
        return;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => {
                if (' '..='~').contains(&c) {
                    out.push(c);
                } else {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
            }
            c if is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                let _ = if n < 0x100 {
                    write!(out, "\\x{n:02x}")
                } else if n < 0x10000 {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
}

/// `repr(b)` for bytes: `b'...'` with the same quote rule as str.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_quotes_and_escapes() {
        assert_eq!(str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(
            str_repr("\x00\x7f\u{80}\u{a0}\u{ad}"),
            "'\\x00\\x7f\\x80\\xa0\\xad'"
        );
        assert_eq!(str_repr("\u{200b}\u{2028}"), "'\\u200b\\u2028'");
        assert_eq!(str_repr("😀\u{e0001}é"), "'😀\\U000e0001é'");
        assert_eq!(bytes_repr(b"a'b"), "b\"a'b\"");
        assert_eq!(bytes_repr(b"'\""), "b'\\'\"'");
        assert_eq!(
            bytes_repr(b"\x00\x7f\x80\\ \t"),
            "b'\\x00\\x7f\\x80\\\\ \\t'"
        );
    }
}
