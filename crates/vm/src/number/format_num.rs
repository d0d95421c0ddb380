//! `format(number, spec)`: CPython's `format_long_internal`, `format_float_internal`
//! and `format_complex_internal` on top of the shared spec parser and layout.

use super::float_repr::{double_to_string, FloatFormat};
use super::{Int, Num};
use crate::error::PyResult;
use crate::format_spec::{
    calc_padding, layout_number, parse_spec, split_number, unknown_type, FormatSpec, NumberParts,
};
use crate::value::Value;
use crate::vm::Vm;

/// Formats any number with a non-empty spec.
pub fn format_number(vm: &mut Vm, v: &Value, n: Num<'_>, spec: &str) -> PyResult<String> {
    match n {
        Num::Int(_) | Num::Big(_) => {
            let type_name = if matches!(v, Value::Bool(_)) {
                "bool"
            } else {
                "int"
            };
            let f = parse_spec(vm, spec, type_name, Some('d'), '>')?;
            let i = n.as_int().unwrap_or(Int::Small(0));
            match f.ty {
                Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_int(vm, i, &f),
                Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
                    let x = i.to_f64(vm)?;
                    format_float(x, &f)
                }
                other => Err(unknown_type(vm, other.unwrap_or('\0'), type_name)),
            }
        }
        Num::Float(x) => {
            let f = parse_spec(vm, spec, "float", None, '>')?;
            match f.ty {
                None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float(x, &f),
                Some(other) => Err(unknown_type(vm, other, "float")),
            }
        }
        Num::Complex(re, im) => {
            let f = parse_spec(vm, spec, "complex", None, '>')?;
            match f.ty {
                None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {
                    format_complex(vm, re, im, &f)
                }
                Some(other) => Err(unknown_type(vm, other, "complex")),
            }
        }
    }
}

/// The ValueError for converting an int of more than 4300 decimal digits to text.
pub fn check_str_digits(vm: &Vm, i: Int<'_>) -> PyResult<()> {
    if let Int::Big(b) = i {
        // 4300 decimal digits need more than 14280 bits; check cheaply first.
        if b.bits() > 14_000 && b.magnitude().to_string().len() > super::parse::MAX_STR_DIGITS {
            return Err(vm.value_error(format!(
                "Exceeds the limit ({} digits) for integer string conversion; \
                 use sys.set_int_max_str_digits() to increase the limit",
                super::parse::MAX_STR_DIGITS
            )));
        }
    }
    Ok(())
}

/// Digits of an int in a base (no sign, no prefix).
pub fn int_digits(i: Int<'_>, base: u32) -> String {
    match (i, base) {
        (Int::Small(v), 10) => v.unsigned_abs().to_string(),
        (Int::Small(v), 16) => format!("{:x}", v.unsigned_abs()),
        (Int::Small(v), 8) => format!("{:o}", v.unsigned_abs()),
        (Int::Small(v), 2) => format!("{:b}", v.unsigned_abs()),
        (Int::Small(v), _) => v.unsigned_abs().to_string(),
        (Int::Big(b), base) => b.magnitude().to_str_radix(base),
    }
}

fn format_int(vm: &mut Vm, i: Int<'_>, f: &FormatSpec) -> PyResult<String> {
    if f.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    if f.no_neg_0 {
        return Err(
            vm.value_error("Negative zero coercion (z) not allowed in integer format specifier")
        );
    }
    let ty = f.ty.unwrap_or('d');
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(vm.value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if f.alternate {
            return Err(
                vm.value_error("Alternate form (#) not allowed with integer format specifier 'c'")
            );
        }
        let c = match i {
            Int::Small(v) if (0..=0x10ffff).contains(&v) => char::from_u32(v as u32),
            Int::Small(_) => None,
            Int::Big(_) => {
                return Err(vm.overflow_error("Python int too large to convert to C long"))
            }
        };
        // Lone surrogates cannot live in a Rust string; CPython would accept them.
        let Some(c) = c else {
            return Err(vm.overflow_error("%c arg not in range(0x110000)"));
        };
        let s = c.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            rest: &s,
        };
        return Ok(layout_number(f, &parts, 3, false));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    if base == 10 {
        check_str_digits(vm, i)?;
    }
    let digits = int_digits(i, base);
    let parts = NumberParts {
        negative: i.is_negative(),
        prefix: if f.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        rest: "",
    };
    let group = if base == 10 { 3 } else { 4 };
    let grouping = if ty == 'n' { None } else { f.grouping };
    let f2;
    let f = if grouping != f.grouping {
        f2 = FormatSpec {
            grouping,
            ..f.clone()
        };
        &f2
    } else {
        f
    };
    Ok(layout_number(f, &parts, group, ty == 'X'))
}

/// The float text for a spec's type and precision, before layout.
fn float_body(x: f64, f: &FormatSpec, complex_part: bool) -> String {
    let mut ty = f.ty.unwrap_or('\0');
    let mut default_precision = 6;
    let mut add_dot_0 = false;
    if ty == '\0' {
        ty = 'r';
        default_precision = 0;
        add_dot_0 = !complex_part;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut x = x;
    let mut pct = false;
    if ty == '%' {
        ty = 'f';
        x *= 100.0;
        pct = true;
    }
    let precision = match f.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let mut ff = FloatFormat::new(ty, precision);
    ff.add_dot_0 = add_dot_0;
    ff.alt = f.alternate;
    ff.no_neg_0 = f.no_neg_0;
    let mut s = double_to_string(x, &ff);
    if pct {
        s.push('%');
    }
    s
}

fn format_float(x: f64, f: &FormatSpec) -> PyResult<String> {
    let body = float_body(x, f, false);
    let mut f2 = f.clone();
    if f.ty == Some('n') {
        f2.grouping = None;
    }
    let parts = split_number(&body);
    Ok(layout_number(&f2, &parts, 3, false))
}

fn format_complex(vm: &mut Vm, re: f64, im: f64, f: &FormatSpec) -> PyResult<String> {
    if f.fill == '0' {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if f.align == '=' {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    let mut skip_re = false;
    let mut add_parens = false;
    if f.ty.is_none() {
        if re == 0.0 && re.is_sign_positive() {
            skip_re = true;
        } else {
            add_parens = true;
        }
    }
    let mut inner = f.clone();
    inner.fill = ' ';
    inner.align = '<';
    inner.width = None;
    if f.ty == Some('n') {
        inner.grouping = None;
    }
    let re_body = float_body(re, &inner, true);
    let im_body = float_body(im, &inner, true);
    let re_text = layout_number(&inner, &split_number(&re_body), 3, false);
    if !skip_re {
        inner.sign = Some('+');
    }
    let im_text = layout_number(&inner, &split_number(&im_body), 3, false);
    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&re_text);
    }
    body.push_str(&im_text);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    let (lpad, rpad) = calc_padding(body.chars().count(), f.width, f.align);
    let mut out = String::with_capacity(body.len() + lpad + rpad);
    out.extend(std::iter::repeat_n(f.fill, lpad));
    out.push_str(&body);
    out.extend(std::iter::repeat_n(f.fill, rpad));
    Ok(out)
}
