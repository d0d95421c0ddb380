//! Float to text exactly as CPython's `PyOS_double_to_string`: the digits come from
//! Rust's correctly rounded formatting (shortest round-trip, or a fixed number of
//! significant or fractional digits) and are laid out by a port of
//! `format_float_short` (exponent thresholds, padding zeros, `.0`, `e+XX`).

use std::fmt::Write;

/// How a float is turned into text.
#[derive(Clone, Copy, Debug)]
pub enum FloatStyle {
    /// `repr()`: the shortest digits that round-trip; `add_dot_0` makes `1.0` of `1`.
    Repr {
        /// Append `.0` to integral values written without an exponent.
        add_dot_0: bool,
    },
}

/// The full option set of `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug)]
pub struct FloatFormat {
    /// One of `e f g r` (lower case; see `upper`).
    pub code: char,
    /// `E F G`: upper-case exponent letter, `INF` and `NAN`.
    pub upper: bool,
    /// Digits after the point (`e`, `f`) or significant digits (`g`).
    pub precision: usize,
    /// Always write a sign (`+`).
    pub sign: bool,
    /// Integral values without an exponent get `.0`.
    pub add_dot_0: bool,
    /// `#`: keep trailing zeros and the point.
    pub alt: bool,
    /// `z`: a negative zero (after rounding) loses its sign.
    pub no_neg_0: bool,
}

impl FloatFormat {
    /// A format with the given code and precision and no flags.
    pub fn new(code: char, precision: usize) -> FloatFormat {
        FloatFormat {
            code: code.to_ascii_lowercase(),
            upper: code.is_ascii_uppercase(),
            precision,
            sign: false,
            add_dot_0: false,
            alt: false,
            no_neg_0: false,
        }
    }
}

/// Formats a float in one of the fixed styles.
pub fn format_float(x: f64, style: FloatStyle) -> String {
    match style {
        FloatStyle::Repr { add_dot_0 } => {
            let mut f = FloatFormat::new('r', 0);
            f.add_dot_0 = add_dot_0;
            double_to_string(x, &f)
        }
    }
}

/// `repr(x)` of a float.
pub fn float_repr(x: f64) -> String {
    // Common small integral values skip the digit generation.
    if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
        let mut s = String::with_capacity(20);
        let _ = write!(s, "{}.0", x as i64);
        return s;
    }
    format_float(x, FloatStyle::Repr { add_dot_0: true })
}

/// Decimal digits (no leading or trailing zeros, `"0"` for zero) and the position of
/// the decimal point relative to their start.
fn digits_shortest(x: f64) -> (Vec<u8>, i64) {
    let s = format!("{:e}", x);
    let (digits, decpt) = split_exponent_form(&s);
    // When two shortest candidates are equally close (possible only at 16+ digits),
    // Rust rounds the tie up where CPython's dtoa picks the even one: take the
    // correctly rounded string of that length instead, if it round-trips.
    if digits.len() >= 16 {
        let even = format!("{:.*e}", digits.len() - 1, x);
        if even != s && even.parse::<f64>() == Ok(x) {
            return split_exponent_form(&even);
        }
    }
    (digits, decpt)
}

/// `n` significant digits, correctly rounded.
fn digits_significant(x: f64, n: usize) -> (Vec<u8>, i64) {
    let s = format!("{:.*e}", n.saturating_sub(1), x);
    split_exponent_form(&s)
}

fn split_exponent_form(s: &str) -> (Vec<u8>, i64) {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits == [b'0'] {
        return (digits, 1);
    }
    (digits, exp + 1)
}

/// Correctly rounded to `p` digits after the point.
fn digits_fixed(x: f64, p: usize) -> (Vec<u8>, i64) {
    let s = format!("{:.*}", p, x);
    let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut digits: Vec<u8> = Vec::with_capacity(s.len());
    let mut decpt = int_part.len() as i64;
    digits.extend(int_part.bytes());
    digits.extend(frac.bytes());
    let lead = digits.iter().take_while(|&&d| d == b'0').count();
    if lead == digits.len() {
        return (vec![b'0'], 1);
    }
    digits.drain(..lead);
    decpt -= lead as i64;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, decpt)
}

/// CPython's `PyOS_double_to_string` for finite and non-finite values.
pub fn double_to_string(x: f64, f: &FloatFormat) -> String {
    let mut out = String::new();
    if !x.is_finite() {
        if x.is_nan() {
            // A NaN never shows a minus sign.
            if f.sign {
                out.push('+');
            }
            out.push_str(if f.upper { "NAN" } else { "nan" });
        } else {
            if x < 0.0 {
                out.push('-');
            } else if f.sign {
                out.push('+');
            }
            out.push_str(if f.upper { "INF" } else { "inf" });
        }
        return out;
    }
    let mut precision = f.precision as i64;
    let (digits, mut decpt) = match f.code {
        'e' => {
            precision += 1;
            digits_significant(x.abs(), precision as usize)
        }
        'f' => digits_fixed(x.abs(), f.precision),
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            digits_significant(x.abs(), precision as usize)
        }
        _ => digits_shortest(x.abs()),
    };
    let mut negative = x.is_sign_negative();
    if f.no_neg_0 && negative && digits == [b'0'] {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match f.code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if f.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if f.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && f.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    out.reserve((vdigits_end - vdigits_start) as usize + 8);
    if negative {
        out.push('-');
    } else if f.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let push_digits = |out: &mut String, d: &[u8]| {
        for &c in d {
            out.push(c as char);
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        push_digits(&mut out, &digits[..decpt as usize]);
        out.push('.');
        push_digits(&mut out, &digits[decpt as usize..]);
    } else {
        push_digits(&mut out, &digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !f.alt {
        out.pop();
    }
    if use_exp {
        out.push(if f.upper { 'E' } else { 'e' });
        let _ = write!(out, "{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f64, code: char, p: usize) -> String {
        double_to_string(x, &FloatFormat::new(code, p))
    }

    #[test]
    fn repr_layout() {
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(123456789012345678.0), "1.2345678901234568e+17");
        assert_eq!(float_repr(5e-324), "5e-324");
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_repr(1.5), "1.5");
        assert_eq!(
            format_float(2.0, FloatStyle::Repr { add_dot_0: false }),
            "2"
        );
    }

    #[test]
    fn fixed_precision() {
        assert_eq!(g(2.675, 'f', 2), "2.67");
        assert_eq!(g(0.125, 'f', 2), "0.12");
        assert_eq!(g(2.5, 'f', 0), "2");
        assert_eq!(g(0.001, 'f', 1), "0.0");
        assert_eq!(g(12345.678, 'e', 6), "1.234568e+04");
        assert_eq!(g(0.00001234, 'g', 6), "1.234e-05");
        assert_eq!(g(123456789.0, 'g', 6), "1.23457e+08");
        assert_eq!(g(100.0, 'g', 6), "100");
        assert_eq!(g(0.0, 'e', 2), "0.00e+00");
        assert_eq!(g(-0.0, 'f', 1), "-0.0");
    }
}
