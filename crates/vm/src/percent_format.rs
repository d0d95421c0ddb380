//! printf-style formatting, `str % args` (CPython's `PyUnicode_Format`):
//! conversions `s r a d i u o x X e E f F g G c %`, flags `- + space # 0`, width and
//! precision (incl. `*`), `%(name)s` keys into a mapping, and CPython's errors.

use crate::error::PyResult;
use crate::number::float_repr::{double_to_string, FloatFormat};
use crate::number::{as_int, num, Int, Num};
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// The arguments of one `%` operation.
struct Args<'a> {
    /// Positional arguments (a tuple's items, or the single argument).
    items: &'a [Value],
    /// The next positional argument.
    next: usize,
    /// The mapping for `%(key)s`, when the argument is one.
    mapping: Option<&'a Value>,
}

impl Args<'_> {
    fn next_arg(&mut self, vm: &Vm) -> PyResult<Value> {
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(v.clone())
            }
            None => Err(vm.type_error("not enough arguments for format string")),
        }
    }
}

/// True for values `%` treats as a mapping (anything with `__getitem__` that is
/// not a tuple or str).
fn is_mapping(vm: &mut Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Tuple(_) | Payload::Str(_)) => false,
        Some(Payload::Dict(_) | Payload::List(_) | Payload::Bytes(_) | Payload::Range(_)) => true,
        Some(Payload::Instance(_)) => {
            let class = vm.type_of(v);
            let name = Value::str("__getitem__");
            crate::attr::lookup_type_attr(vm, &class, &name).is_some()
        }
        _ => false,
    }
}

/// One conversion's flags, width and precision.
#[derive(Default)]
struct Conv {
    left: bool,
    plus: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let single = std::slice::from_ref(args);
    let items: &[Value] = match args.payload() {
        Some(Payload::Tuple(t)) => t,
        _ => single,
    };
    let mapping = if is_mapping(vm, args) {
        Some(args)
    } else {
        None
    };
    let mut a = Args {
        items,
        next: 0,
        mapping,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        i = conversion(vm, &chars, i, &mut a, &mut out)?;
    }
    let is_tuple = matches!(args.payload(), Some(Payload::Tuple(_)));
    let unused = if is_tuple {
        a.next < items.len()
    } else {
        a.next == 0
    };
    if unused && a.mapping.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// Reads a `*` or a decimal number.
fn read_number(
    vm: &mut Vm,
    chars: &[char],
    i: &mut usize,
    a: &mut Args<'_>,
) -> PyResult<Option<i64>> {
    if chars.get(*i) == Some(&'*') {
        *i += 1;
        let v = a.next_arg(vm)?;
        return match v {
            Value::Int(n) => Ok(Some(n)),
            Value::Bool(b) => Ok(Some(b as i64)),
            _ => Err(vm.type_error("* wants int")),
        };
    }
    let mut n: Option<i64> = None;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        let v = n
            .unwrap_or(0)
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as i64));
        match v {
            Some(v) if v <= i32::MAX as i64 => n = Some(v),
            _ => return Err(vm.value_error("width too big")),
        }
        *i += 1;
    }
    Ok(n)
}

/// Formats one `%...` conversion starting after the `%`; returns the next index.
fn conversion(
    vm: &mut Vm,
    chars: &[char],
    start: usize,
    a: &mut Args<'_>,
    out: &mut String,
) -> PyResult<usize> {
    let mut i = start;
    let mut keyed: Option<Value> = None;
    if chars.get(i) == Some(&'(') {
        let Some(mapping) = a.mapping else {
            return Err(vm.type_error("format requires a mapping"));
        };
        let mut depth = 1;
        i += 1;
        let key_start = i;
        while i < chars.len() && depth > 0 {
            match chars[i] {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        if depth > 0 {
            return Err(vm.value_error("incomplete format key"));
        }
        let key: String = chars[key_start..i - 1].iter().collect();
        let mapping = mapping.clone();
        keyed = Some(crate::ops::get_item(vm, &mapping, &Value::str(key))?);
        // After a keyed conversion the positional argument is used up.
        a.next = a.items.len();
    }
    let mut conv = Conv::default();
    while let Some(&c) = chars.get(i) {
        match c {
            '-' => conv.left = true,
            '+' => conv.plus = true,
            ' ' => conv.blank = true,
            '#' => conv.alt = true,
            '0' => conv.zero = true,
            _ => break,
        }
        i += 1;
    }
    if let Some(w) = read_number(vm, chars, &mut i, a)? {
        if w < 0 {
            conv.left = true;
        }
        conv.width = vm.check_text_size(w.unsigned_abs() as usize)?;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let p = read_number(vm, chars, &mut i, a)?.unwrap_or(0);
        conv.precision = Some(p.max(0) as usize);
    }
    while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
        i += 1;
    }
    let Some(&ch) = chars.get(i) else {
        return Err(vm.value_error("incomplete format"));
    };
    i += 1;
    let arg = match keyed {
        Some(v) => v,
        None => a.next_arg(vm)?,
    };
    if ch == '%' {
        out.push('%');
        return Ok(i);
    }
    let (body, numeric) = match ch {
        's' => (crate::ops::to_str(vm, &arg)?, false),
        'r' => (crate::ops::repr(vm, &arg)?, false),
        'a' => (crate::ops::ascii(vm, &arg)?, false),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => (format_int(vm, &arg, ch, &conv)?, true),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => (format_float(vm, &arg, ch, &conv)?, true),
        'c' => (format_char(vm, &arg)?, false),
        _ => {
            return Err(vm.value_error(format!(
                "unsupported format character '{ch}' (0x{:x}) at index {}",
                ch as u32,
                i - 1
            )))
        }
    };
    let body = match (numeric, conv.precision) {
        (false, Some(p)) if ch != 'c' => body.chars().take(p).collect(),
        _ => body,
    };
    pad(out, &body, &conv, numeric, ch);
    Ok(i)
}

/// The digits of an int conversion (sign included, `#` prefix included).
fn format_int(vm: &mut Vm, arg: &Value, ch: char, conv: &Conv) -> PyResult<String> {
    let value = match num(arg) {
        Some(Num::Int(_) | Num::Big(_)) => arg.clone(),
        Some(Num::Float(f)) if matches!(ch, 'd' | 'i' | 'u') => {
            crate::number::convert::float_to_int(vm, f)?
        }
        _ if matches!(ch, 'd' | 'i' | 'u') => {
            if crate::ops::is_user_object(arg) {
                crate::number::convert::int_of(vm, arg).map_err(|_| {
                    vm.type_error(format!(
                        "%{ch} format: a real number is required, not {}",
                        vm.type_name(arg)
                    ))
                })?
            } else {
                return Err(vm.type_error(format!(
                    "%{ch} format: a real number is required, not {}",
                    vm.type_name(arg)
                )));
            }
        }
        _ => {
            if crate::ops::is_user_object(arg) {
                crate::number::convert::index(vm, arg)?
            } else {
                return Err(vm.type_error(format!(
                    "%{ch} format: an integer is required, not {}",
                    vm.type_name(arg)
                )));
            }
        }
    };
    let i = as_int(&value).unwrap_or(Int::Small(0));
    let base = match ch {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    if base == 10 {
        crate::number::format_num::check_str_digits(vm, i)?;
    }
    let mut digits = crate::number::format_num::int_digits(i, base);
    if let Some(p) = conv.precision {
        if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    let prefix = match (conv.alt, ch) {
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    if ch == 'X' {
        digits.make_ascii_uppercase();
    }
    let sign = if i.is_negative() { "-" } else { "" };
    Ok(format!("{sign}{prefix}{digits}"))
}

fn format_float(vm: &mut Vm, arg: &Value, ch: char, conv: &Conv) -> PyResult<String> {
    let x = crate::number::convert::to_f64(vm, arg)?;
    let mut f = FloatFormat::new(ch, conv.precision.unwrap_or(6));
    f.alt = conv.alt;
    Ok(double_to_string(x, &f))
}

fn format_char(vm: &mut Vm, arg: &Value) -> PyResult<String> {
    if let Some(s) = arg.as_str() {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Ok(c.to_string());
        }
        return Err(vm.type_error("%c requires int or char"));
    }
    match as_int(arg) {
        Some(Int::Small(n)) if (0..=0x10ffff).contains(&n) => match char::from_u32(n as u32) {
            Some(c) => Ok(c.to_string()),
            None => Err(vm.overflow_error("%c arg not in range(0x110000)")),
        },
        Some(_) => Err(vm.overflow_error("%c arg not in range(0x110000)")),
        None => Err(vm.type_error("%c requires int or char")),
    }
}

/// Writes a converted value with sign, prefix and padding (CPython's
/// `unicode_format_arg_output`).
fn pad(out: &mut String, body: &str, conv: &Conv, numeric: bool, ch: char) {
    let mut rest = body;
    let mut sign = None;
    if numeric {
        if let Some(r) = rest.strip_prefix('-') {
            sign = Some('-');
            rest = r;
        } else if let Some(r) = rest.strip_prefix('+') {
            sign = Some('+');
            rest = r;
        } else if conv.plus {
            sign = Some('+');
        } else if conv.blank {
            sign = Some(' ');
        }
    }
    let has_prefix = numeric && conv.alt && matches!(ch, 'x' | 'X' | 'o');
    let (prefix, digits) = if has_prefix && rest.len() >= 2 {
        rest.split_at(2)
    } else {
        ("", rest)
    };
    let fill = if numeric && conv.zero && !conv.left {
        '0'
    } else {
        ' '
    };
    let len = sign.is_some() as usize + prefix.len() + digits.chars().count();
    let padding = conv.width.saturating_sub(len);
    if conv.left {
        if let Some(s) = sign {
            out.push(s);
        }
        out.push_str(prefix);
        out.push_str(digits);
        out.extend(std::iter::repeat_n(' ', padding));
        return;
    }
    if fill == '0' {
        if let Some(s) = sign {
            out.push(s);
        }
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', padding));
    } else {
        out.extend(std::iter::repeat_n(' ', padding));
        if let Some(s) = sign {
            out.push(s);
        }
        out.push_str(prefix);
    }
    out.push_str(digits);
}
