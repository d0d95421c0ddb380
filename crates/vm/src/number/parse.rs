//! Text to numbers: `int(s, base)` and `float(s)` with CPython's grammar (signs,
//! surrounding whitespace, `0x`/`0o`/`0b` prefixes, single underscores between
//! digits, `inf`/`nan`, non-ASCII decimal digits).

use super::int_from_bigint;
use crate::value::Value;
use num_bigint::BigInt;

/// First code points of the Unicode decimal digit blocks (each runs 0..=9).
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0,
    0x11730, 0x118E0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E950,
];

/// Normalizes non-ASCII decimal digits to ASCII and Unicode spaces to ' ', as
/// CPython does before parsing numbers.
fn to_ascii(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if s.is_ascii() {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            let n = c as u32;
            let zero = DIGIT_ZEROS.iter().find(|&&z| n >= z && n <= z + 9)?;
            out.push(char::from(b'0' + (n - zero) as u8));
        }
    }
    Some(std::borrow::Cow::Owned(out))
}

/// Strips Python whitespace from both ends.
fn strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace())
}

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// Why `int(s, base)` failed.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// Not an int literal.
    Invalid,
    /// More decimal-ish digits than `MAX_STR_DIGITS` (the count).
    TooManyDigits(usize),
}

/// Parses an int literal as `int(s, base)` does (`base` 0 or 2..=36).
pub fn parse_int(text: &str, base: u32) -> Result<Value, IntParseError> {
    parse_int_inner(text, base).unwrap_or(Err(IntParseError::Invalid))
}

fn parse_int_inner(text: &str, base: u32) -> Option<Result<Value, IntParseError>> {
    let ascii = to_ascii(text)?;
    let s = strip(&ascii);
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower2 = s.get(..2).map(|p| p.to_ascii_lowercase());
    let prefix_base = match lower2.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (base, body, after_prefix) = match (base, prefix_base) {
        (0, Some(b)) => (b, &s[2..], true),
        (0, None) => {
            // Base 0 without a prefix: decimal, but a leading 0 allows only zeros.
            if s.starts_with('0') && s.bytes().any(|c| c != b'0' && c != b'_') {
                return None;
            }
            (10, s, false)
        }
        (b, Some(p)) if b == p => (b, &s[2..], true),
        (b, _) => (b, s, false),
    };
    let digits = clean_digits(body, after_prefix)?;
    if let Some(v) = small_int(&digits, base) {
        return Some(Ok(Value::Int(if negative { -v } else { v })));
    }
    let mut big = BigInt::parse_bytes(digits.as_bytes(), base)?;
    // Quadratic-time bases are limited (CVE-2020-10735); powers of two are not.
    if !base.is_power_of_two() && digits.len() > MAX_STR_DIGITS {
        return Some(Err(IntParseError::TooManyDigits(digits.len())));
    }
    if negative {
        big = -big;
    }
    Some(Ok(int_from_bigint(big)))
}

/// Removes single underscores between digits (one may also follow a base prefix);
/// `None` for misplaced underscores or an empty body.
fn clean_digits(body: &str, after_prefix: bool) -> Option<std::borrow::Cow<'_, str>> {
    let b = body.as_bytes();
    if b.is_empty() || b.last() == Some(&b'_') {
        return None;
    }
    if !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        return None;
    }
    if !body.contains('_') {
        return Some(std::borrow::Cow::Borrowed(body));
    }
    let mut out = String::with_capacity(body.len());
    let mut prev_underscore = after_prefix;
    let mut prev_digit = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            if !(prev_digit || (i == 0 && prev_underscore)) {
                return None;
            }
            prev_digit = false;
            prev_underscore = true;
        } else {
            out.push(c as char);
            prev_digit = true;
            prev_underscore = false;
        }
    }
    Some(std::borrow::Cow::Owned(out))
}

fn small_int(digits: &str, base: u32) -> Option<i64> {
    if digits.len() > 12 {
        return None;
    }
    let mut v: i64 = 0;
    for c in digits.chars() {
        v = v * base as i64 + c.to_digit(base)? as i64;
    }
    Some(v)
}

/// Parses a float as `float(s)` does; `None` when the text is invalid.
pub fn parse_float(text: &str) -> Option<f64> {
    let ascii = to_ascii(text)?;
    let s = strip(&ascii);
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => parse_decimal(body)?,
    };
    Some(if negative { -v } else { v })
}

/// `digits[.digits][e[+-]digits]` with underscores only between digits.
fn parse_decimal(body: &str) -> Option<f64> {
    let b = body.as_bytes();
    let mut clean = String::with_capacity(b.len());
    let mut saw_digit = false;
    let mut i = 0;
    let digits = |i: &mut usize, clean: &mut String| -> Option<bool> {
        let start = *i;
        while *i < b.len() {
            match b[*i] {
                c if c.is_ascii_digit() => clean.push(c as char),
                b'_' if *i > start
                    && b[*i - 1].is_ascii_digit()
                    && b.get(*i + 1).is_some_and(u8::is_ascii_digit) => {}
                b'_' => return None,
                _ => break,
            }
            *i += 1;
        }
        Some(*i > start)
    };
    saw_digit |= digits(&mut i, &mut clean)?;
    if b.get(i) == Some(&b'.') {
        clean.push('.');
        i += 1;
        saw_digit |= digits(&mut i, &mut clean)?;
    }
    if !saw_digit {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        clean.push('e');
        i += 1;
        if let Some(&c @ (b'+' | b'-')) = b.get(i) {
            clean.push(c as char);
            i += 1;
        }
        if !digits(&mut i, &mut clean)? {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    clean.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str, base: u32) -> Option<i64> {
        match parse_int(s, base).ok()? {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    #[test]
    fn int_grammar() {
        assert_eq!(int("  42  ", 10), Some(42));
        assert_eq!(int("-0010", 10), Some(-10));
        assert_eq!(int("1_000", 10), Some(1000));
        assert_eq!(int("1__0", 10), None);
        assert_eq!(int("_1", 10), None);
        assert_eq!(int("1_", 10), None);
        assert_eq!(int("0x_1f", 0), Some(31));
        assert_eq!(int("0xff", 16), Some(255));
        assert_eq!(int("010", 0), None);
        assert_eq!(int("00", 0), Some(0));
        assert_eq!(int("0_0", 0), Some(0));
        assert_eq!(int("0x10", 10), None);
        assert_eq!(int("Zz", 36), Some(1295));
        assert_eq!(int("٣", 10), Some(3));
        assert_eq!(int("", 10), None);
        assert_eq!(int("-", 10), None);
        assert_eq!(int("0b", 0), None);
    }

    #[test]
    fn float_grammar() {
        assert_eq!(parse_float("  3.5 "), Some(3.5));
        assert_eq!(parse_float("1_000.5"), Some(1000.5));
        assert_eq!(parse_float("1__0"), None);
        assert_eq!(parse_float(".5"), Some(0.5));
        assert_eq!(parse_float("5."), Some(5.0));
        assert_eq!(parse_float("1e"), None);
        assert_eq!(parse_float("."), None);
        assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_float("nan").is_some_and(f64::is_nan));
        assert_eq!(parse_float("0x10"), None);
        assert_eq!(parse_float("1,5"), None);
        assert_eq!(parse_float("1e5_0"), Some(1e50));
        assert_eq!(parse_float("1_e5"), None);
    }
}
