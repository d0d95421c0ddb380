//! Character classification and case mapping with CPython's Unicode database
//! (the tables in `unicode_tables.rs`); ASCII takes fast paths.

use super::unicode_tables as t;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `c.isprintable()`: what `repr` leaves unescaped.
#[inline]
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    in_table(t::PRINTABLE, c)
}

/// `c.isalpha()` (Unicode categories L*).
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(t::ALPHA, c)
}

/// `c.isdecimal()` (category Nd).
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(t::DECIMAL, c)
}

/// `c.isdigit()` (decimals plus other digits such as superscripts).
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(t::DIGIT, c)
}

/// `c.isnumeric()` (anything with a numeric value).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(t::NUMERIC, c)
}

/// `c.isalnum()`.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}

/// `c.isspace()`: the whitespace `str.split()` splits on.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'
        );
    }
    in_table(t::SPACE, c)
}

/// A line boundary for `str.splitlines()`.
pub fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Lowercase (the Lowercase property).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_table(t::LOWER, c)
}

/// Uppercase (the Uppercase property).
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_table(t::UPPER, c)
}

/// Titlecase letters (category Lt, such as `ǅ`).
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_table(t::TITLE, c)
}

/// Cased characters (upper, lower or title case).
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(t::CASED, c)
}

/// May start an identifier.
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_table(t::ID_START, c)
}

/// May continue an identifier.
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(t::ID_CONTINUE, c)
}

fn lookup_map(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    table
        .binary_search_by_key(&(c as u32), |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// Appends the title-case mapping of `c` (`ǆ` → `ǅ`, `ß` → `Ss`).
pub fn push_title(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
        return;
    }
    match lookup_map(t::TITLE_MAP, c) {
        Some(s) => out.push_str(s),
        None => push_upper(out, c),
    }
}

// Rust's case mappings follow a newer Unicode than CPython 3.11's 14.0; characters
// that are not cased in CPython's database keep their case.

/// Appends a non-ASCII character's mapping, unless CPython's database does not know
/// the character or the single character it maps to (both cased by definition).
fn push_mapped(out: &mut String, c: char, mut mapped: impl ExactSizeIterator<Item = char>) {
    if !in_table(t::CASED, c) {
        out.push(c);
        return;
    }
    if mapped.len() == 1 {
        let m = mapped.next().unwrap_or(c);
        out.push(if in_table(t::CASED, m) { m } else { c });
        return;
    }
    out.extend(mapped);
}

/// Appends the upper-case mapping of `c` (`ß` → `SS`).
pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, c, c.to_uppercase());
    }
}

/// Appends the lower-case mapping of `c` (context-free: no final sigma).
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(out, c, c.to_lowercase());
    }
}

/// Appends the case folding of `c` (`ß` → `ss`).
pub fn push_casefold(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match lookup_map(t::CASEFOLD_MAP, c) {
        Some(s) => out.push_str(s),
        None => push_lower(out, c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_matches_cpython() {
        assert!(is_printable('é') && !is_printable('\u{85}') && !is_printable('\u{200b}'));
        assert!(is_alpha('ß') && !is_alpha('1'));
        assert!(is_numeric('一') && !is_digit('一') && is_digit('²') && !is_decimal('²'));
        assert!(is_space('\u{3000}') && !is_space('\u{200b}'));
        assert!(is_title('ǅ') && is_cased('ǅ'));
        let mut s = String::new();
        push_title(&mut s, 'ß');
        push_casefold(&mut s, 'ß');
        assert_eq!(s, "Ssss");
    }
}
