//! The `complex` type: the constructor (numbers or a string like `"1+2j"`) and
//! `conjugate`.

use super::args::{no_args, parse_args};
use super::complex::new_complex;
use super::{num, Int, Num};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// Installs the `complex` constructor and methods.
pub fn register(vm: &Vm) {
    let complex = vm.types().complex.clone();
    add_staticmethod(vm, &complex, "__new__", complex_new);
    add_method(vm, &complex, "conjugate", complex_conjugate);
}

/// A constructor argument as (real, imag, is_complex).
fn component(vm: &mut Vm, v: &Value, which: &str) -> PyResult<(f64, f64, bool)> {
    match num(v) {
        Some(Num::Complex(re, im)) => Ok((re, im, true)),
        Some(Num::Int(i)) => Ok((i as f64, 0.0, false)),
        Some(Num::Big(b)) => Ok((Int::Big(b).to_f64(vm)?, 0.0, false)),
        Some(Num::Float(f)) => Ok((f, 0.0, false)),
        None => {
            if crate::ops::is_user_object(v) {
                if let Some(r) = crate::ops::call_dunder(vm, v, "__complex__", vec![])? {
                    if let Some(Num::Complex(re, im)) = num(&r) {
                        return Ok((re, im, true));
                    }
                    return Err(vm.type_error(format!(
                        "__complex__ returned non-complex (type {})",
                        vm.type_name(&r)
                    )));
                }
                if let Ok(f) = super::convert::to_f64(vm, v) {
                    return Ok((f, 0.0, false));
                }
            }
            Err(vm.type_error(format!(
                "complex() {which} argument must be a string or a number, not '{}'",
                vm.type_name(v)
            )))
        }
    }
}

/// `complex(real=0, imag=0)`.
fn complex_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let given = args.get(1..).unwrap_or(&[]);
    let a = parse_args(vm, "complex", given, kwargs, &["real", "imag"], 0)?;
    if let Some(Some(s)) = a.first().map(|r| r.as_ref().and_then(|v| v.as_str())) {
        if a[1].is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        return match parse_complex(s) {
            Some(c) => Ok(new_complex(c)),
            None => Err(vm.value_error("complex() arg is a malformed string")),
        };
    }
    if let Some(Some(v)) = a.get(1) {
        if v.as_str().is_some() {
            return Err(vm.type_error("complex() second arg can't be a string"));
        }
    }
    let (r_re, r_im, r_complex) = match &a[0] {
        Some(v) => component(vm, v, "first")?,
        None => (0.0, 0.0, false),
    };
    let (i_re, i_im, i_complex) = match &a[1] {
        Some(v) => component(vm, v, "second")?,
        None => (0.0, 0.0, false),
    };
    // complex(a, b) == a + b*1j, touching only the parts that exist (so signed
    // zeros survive: complex(0.0, -0.0) is -0j).
    let mut re = r_re;
    let mut im = i_re;
    if i_complex {
        re -= i_im;
    }
    if r_complex {
        im += r_im;
    }
    Ok(new_complex((re, im)))
}

fn complex_conjugate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = no_args(vm, args, kwargs, "complex.conjugate")?;
    match num(this) {
        Some(Num::Complex(re, im)) => Ok(new_complex((re, -im))),
        _ => Err(vm.type_error("descriptor 'conjugate' requires a 'complex' object")),
    }
}

/// The longest float literal at the start of `s` (with an optional sign):
/// its value and length.
fn scan_float(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let lower = s[i..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            let end = i + word.len();
            return Some((super::parse::parse_float(&s[..end])?, end));
        }
    }
    let start_digits = i;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    if i == start_digits {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let ds = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > ds {
            i = j;
        }
    }
    Some((super::parse::parse_float(&s[..i])?, i))
}

/// Parses `complex("1+2j")` text: `a`, `bj`, `a+bj`, `j`, with optional parentheses.
pub fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        s = inner.trim();
    }
    if s.is_empty() {
        return None;
    }
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let b = s.as_bytes();
    // A bare sign before j: "j", "+j", "-J".
    let bare_j = |t: &str| -> Option<f64> {
        match t {
            "j" | "J" | "+j" | "+J" => Some(1.0),
            "-j" | "-J" => Some(-1.0),
            _ => None,
        }
    };
    if let Some(im) = bare_j(s) {
        return Some((0.0, im));
    }
    let (first, n) = scan_float(s)?;
    if n == b.len() {
        return Some((first, 0.0));
    }
    if is_j(b.get(n)) && n + 1 == b.len() {
        return Some((0.0, first));
    }
    let rest = &s[n..];
    if !matches!(rest.as_bytes().first(), Some(b'+' | b'-')) {
        return None;
    }
    if let Some(im) = bare_j(rest) {
        return Some((first, im));
    }
    let (second, m) = scan_float(rest)?;
    if is_j(rest.as_bytes().get(m)) && m + 1 == rest.len() {
        return Some((first, second));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse_complex;

    #[test]
    fn complex_strings() {
        assert_eq!(parse_complex("1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex(" (1.5-2.5J) "), Some((1.5, -2.5)));
        assert_eq!(parse_complex("2j"), Some((0.0, 2.0)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("3-j"), Some((3.0, -1.0)));
        assert_eq!(parse_complex("1e3+1e-3j"), Some((1000.0, 0.001)));
        assert_eq!(parse_complex("x"), None);
        assert_eq!(parse_complex("1+2"), None);
    }
}
