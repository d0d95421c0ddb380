//! The format-spec mini-language shared by `format()`, f-strings and `str.format`:
//! parsing `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` with
//! CPython's error messages, string formatting, and the padded number layout
//! (`<lpad><sign><prefix><spad><grouped digits><decimal><rest><rpad>`) numbers use.

use crate::error::PyResult;
use crate::vm::Vm;

/// A parsed format spec (CPython's `InternalFormatSpec`).
#[derive(Clone, Debug)]
pub struct FormatSpec {
    /// The fill character.
    pub fill: char,
    /// `<`, `>`, `^` or `=`.
    pub align: char,
    /// `+`, `-`, ` ` or none.
    pub sign: Option<char>,
    /// `z`: negative zero becomes zero.
    pub no_neg_0: bool,
    /// `#`.
    pub alternate: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// Digits after the point, or the maximum length of a string.
    pub precision: Option<usize>,
    /// The presentation type (`None` when omitted and the default is none).
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads decimal digits from `chars[*pos..]`: `Ok(None)` when there are none.
fn get_integer(vm: &Vm, chars: &[char], pos: &mut usize) -> PyResult<Option<usize>> {
    let mut value: usize = 0;
    let start = *pos;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
        {
            Some(v) if v <= isize::MAX as usize => v,
            _ => return Err(vm.value_error("Too many decimal digits in format string")),
        };
        *pos += 1;
    }
    Ok((*pos > start).then_some(value))
}

/// Parses a format spec for a value of type `type_name`, with the type's default
/// presentation type and alignment.
pub fn parse_spec(
    vm: &Vm,
    spec: &str,
    type_name: &str,
    default_type: Option<char>,
    default_align: char,
) -> PyResult<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut f = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut pos = 0;
    let mut fill_specified = false;
    let mut align_specified = false;
    if end >= 2 && is_align(chars[1]) {
        f.align = chars[1];
        f.fill = chars[0];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        f.align = chars[0];
        align_specified = true;
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        f.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        f.no_neg_0 = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && chars.get(pos) == Some(&'0') {
        f.fill = '0';
        if !align_specified && default_align == '>' {
            f.align = '=';
        }
        pos += 1;
    }
    f.width = get_integer(vm, &chars, &mut pos)?;
    if let Some(w) = f.width {
        vm.check_text_size(w)?;
    }
    if chars.get(pos) == Some(&',') {
        f.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if f.grouping.is_some() {
            return Err(vm.value_error("Cannot specify both ',' and '_'."));
        }
        f.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && f.grouping == Some('_') {
        return Err(vm.value_error("Cannot specify both ',' and '_'."));
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        f.precision = get_integer(vm, &chars, &mut pos)?;
        if f.precision.is_none() {
            return Err(vm.value_error("Format specifier missing precision"));
        }
    }
    if end - pos > 1 {
        return Err(vm.value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        f.ty = Some(chars[pos]);
    }
    if let Some(sep) = f.grouping {
        match f.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
            Some(t) => return Err(invalid_separator(vm, sep, t)),
        }
    }
    Ok(f)
}

fn invalid_separator(vm: &Vm, sep: char, ty: char) -> crate::error::PyErr {
    if (ty as u32) > 32 && (ty as u32) < 128 {
        vm.value_error(format!("Cannot specify '{sep}' with '{ty}'."))
    } else {
        vm.value_error(format!("Cannot specify '{sep}' with '\\x{:x}'.", ty as u32))
    }
}

/// The ValueError for a presentation type the value's type does not know.
pub fn unknown_type(vm: &Vm, ty: char, type_name: &str) -> crate::error::PyErr {
    if (ty as u32) > 32 && (ty as u32) < 128 {
        vm.value_error(format!(
            "Unknown format code '{ty}' for object of type '{type_name}'"
        ))
    } else {
        vm.value_error(format!(
            "Unknown format code '\\x{:x}' for object of type '{type_name}'",
            ty as u32
        ))
    }
}

/// Left and right padding for `nchars` characters in `width` with `align`.
pub fn calc_padding(nchars: usize, width: Option<usize>, align: char) -> (usize, usize) {
    let total = width.map_or(nchars, |w| w.max(nchars));
    let lpad = match align {
        '>' => total - nchars,
        '^' => (total - nchars) / 2,
        _ => 0,
    };
    (lpad, total - nchars - lpad)
}

fn push_fill(out: &mut String, fill: char, n: usize) {
    out.extend(std::iter::repeat_n(fill, n));
}

/// `format(s, spec)` for strings.
pub fn format_str(vm: &mut Vm, s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = parse_spec(vm, spec, "str", Some('s'), '<')?;
    if f.ty != Some('s') {
        return Err(unknown_type(vm, f.ty.unwrap_or('\0'), "str"));
    }
    if let Some(sign) = f.sign {
        return Err(vm.value_error(if sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(
            vm.value_error("Negative zero coercion (z) not allowed in string format specifier")
        );
    }
    if f.alternate {
        return Err(vm.value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if f.align == '=' {
        return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
    }
    Ok(pad_str(s, &f))
}

/// Truncates to the precision and pads to the width.
pub fn pad_str(s: &str, f: &FormatSpec) -> String {
    let mut len = s.chars().count();
    let body = match f.precision {
        Some(p) if p < len => {
            len = p;
            let cut = s.char_indices().nth(p).map_or(s.len(), |(i, _)| i);
            &s[..cut]
        }
        _ => s,
    };
    let (lpad, rpad) = calc_padding(len, f.width, f.align);
    let mut out = String::with_capacity(body.len() + lpad + rpad);
    push_fill(&mut out, f.fill, lpad);
    out.push_str(body);
    push_fill(&mut out, f.fill, rpad);
    out
}

/// The pieces of a formatted number before padding and grouping.
pub struct NumberParts<'a> {
    /// The number is negative (a `-` is written).
    pub negative: bool,
    /// `0x`, `0b`, `0o` or empty.
    pub prefix: &'a str,
    /// The integer digits, grouped when the spec asks for it.
    pub digits: &'a str,
    /// Whether a decimal point follows the digits.
    pub has_decimal: bool,
    /// Everything after the point: fraction, exponent, `%`, or `inf`/`nan`.
    pub rest: &'a str,
}

/// Splits a rendered number like `-1234.5e+06` into its parts.
pub fn split_number(s: &str) -> NumberParts<'_> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let ndigits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, after) = body.split_at(ndigits);
    let (has_decimal, rest) = match after.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, after),
    };
    NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        rest,
    }
}

/// Inserts separators every `group` digits from the right, padding with zeros
/// (and separators) until at least `min_width` characters (CPython's
/// `_PyUnicode_InsertThousandsGrouping`).
fn group_digits(out: &mut String, digits: &str, group: usize, sep: Option<char>, min_width: isize) {
    let d = digits.as_bytes();
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new(); // (zeros, start, end)
    let mut remaining = d.len() as isize;
    let mut min_width = min_width;
    let Some(sep) = sep.filter(|_| group > 0) else {
        let l = remaining.max(min_width).max(1);
        let zeros = (l - remaining).max(0) as usize;
        push_fill(out, '0', zeros);
        out.push_str(digits);
        return;
    };
    let group = group as isize;
    loop {
        let l = group.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let end = remaining as usize;
        pieces.push((n_zeros as usize, end - n_chars as usize, end));
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    for (i, &(zeros, start, end)) in pieces.iter().rev().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        push_fill(out, '0', zeros);
        out.push_str(&digits[start..end]);
    }
}

/// Lays a number out with the spec's sign, width, alignment, fill and grouping.
/// `group` is the group size (3, or 4 for `_` with `b o x X`).
pub fn layout_number(f: &FormatSpec, parts: &NumberParts<'_>, group: usize, upper: bool) -> String {
    let sign = match (f.sign, parts.negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let n_sign = sign.is_some() as usize;
    let n_prefix = parts.prefix.len();
    let n_decimal = parts.has_decimal as usize;
    let n_rest = parts.rest.chars().count();
    let non_digit = n_sign + n_prefix + n_decimal + n_rest;
    let width = f.width.map_or(-1, |w| w as isize);
    let min_width = if f.fill == '0' && f.align == '=' {
        width - non_digit as isize
    } else {
        0
    };
    let mut grouped = String::with_capacity(parts.digits.len() + 8);
    if !parts.digits.is_empty() {
        group_digits(&mut grouped, parts.digits, group, f.grouping, min_width);
    }
    let used = (non_digit + grouped.chars().count()) as isize;
    let padding = (width - used).max(0) as usize;
    let (lpad, spad, rpad) = match f.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::with_capacity(used as usize + padding);
    push_fill(&mut out, f.fill, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    if upper {
        out.push_str(&parts.prefix.to_ascii_uppercase());
    } else {
        out.push_str(parts.prefix);
    }
    push_fill(&mut out, f.fill, spad);
    if upper {
        out.push_str(&grouped.to_ascii_uppercase());
    } else {
        out.push_str(&grouped);
    }
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.rest);
    push_fill(&mut out, f.fill, rpad);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouped(d: &str, group: usize, min_width: isize) -> String {
        let mut s = String::new();
        group_digits(&mut s, d, group, Some(','), min_width);
        s
    }

    #[test]
    fn grouping_with_zero_padding() {
        assert_eq!(grouped("1234567", 3, 0), "1,234,567");
        assert_eq!(grouped("1234", 3, 10), "00,001,234");
        assert_eq!(grouped("1234", 3, 9), "0,001,234");
        assert_eq!(grouped("123", 3, 0), "123");
        assert_eq!(grouped("1234", 3, 7), "001,234");
        assert_eq!(grouped("1234567", 3, 19), "000,000,001,234,567");
        assert_eq!(calc_padding(2, Some(6), '^'), (2, 2));
    }
}
