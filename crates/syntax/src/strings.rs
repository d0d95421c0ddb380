//! String literals: escape decoding and the concatenation of adjacent literals.
//!
//! The lexer only finds where a literal starts and ends; here its contents are decoded
//! (with CPython's error messages, including its odd "position" numbers) and adjacent
//! literals are joined into one constant, or into one f-string when any part is an
//! f-string.

use crate::actions::Ctx;
use crate::ast::{Constant, Expr, ExprKind, FStringPart, Span};
use crate::diag::Diag;
use crate::fstring;
use crate::token::StrTok;

/// A failed decode: CPython's message, without position (the caller knows it).
pub type DecodeError = String;

/// CPython's tokenizer reads every line end as `\n`, so a literal spanning lines
/// never contains `\r\n` or a lone `\r` from the source.
fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Decodes the contents of a `str` literal (or a literal piece of an f-string).
pub fn decode_str(text: &str, raw: bool) -> Result<String, DecodeError> {
    let text = &*normalize_newlines(text);
    if raw || !text.contains('\\') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            // A lone trailing backslash cannot occur (it would escape the quote).
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().map(|&(_, c)| c) == Some('\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + (d as u32 - '0' as u32);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            }
            'x' | 'u' | 'U' => {
                let (len, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value = 0u32;
                let mut found = 0;
                while found < len {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            value = value * 16 + d.to_digit(16).unwrap_or(0);
                            chars.next();
                            found += 1;
                        }
                        _ => break,
                    }
                }
                let pos = escaped_position(text, i);
                if found < len {
                    return Err(unicode_error(pos, pos + 1 + found, what));
                }
                match char::from_u32(value) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(unicode_error(
                            pos,
                            pos + 1 + found,
                            "illegal Unicode character",
                        ))
                    }
                }
            }
            'N' => {
                let pos = escaped_position(text, i);
                let rest = text.get(i + 2..).unwrap_or("");
                let name = rest
                    .strip_prefix('{')
                    .and_then(|r| r.find('}').map(|end| &r[..end]))
                    .filter(|n| !n.is_empty());
                let Some(name) = name else {
                    let end = pos + 1 + rest.len();
                    return Err(unicode_error(pos, end, "malformed \\N character escape"));
                };
                let end = pos + 3 + name.len();
                match char_by_name(name) {
                    Some(c) => out.push(c),
                    None => return Err(unicode_error(pos, end, "unknown Unicode character name")),
                }
                // Skip `{name}`.
                for _ in 0..name.chars().count() + 2 {
                    chars.next();
                }
            }
            other => {
                // Unknown escapes are kept as written (CPython only warns).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// CPython decodes a literal with non-ASCII characters after rewriting each of them as
/// a ten-byte `\U........` escape, so error positions count them as 10.
fn escaped_position(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| {
        s.chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum()
    })
}

fn unicode_error(start: usize, end: usize, what: &str) -> DecodeError {
    format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}")
}

/// The few `\N{...}` names gilded knows (there is no Unicode name table here).
fn char_by_name(name: &str) -> Option<char> {
    let upper = name.to_ascii_uppercase();
    Some(match upper.as_str() {
        "BULLET" => '\u{2022}',
        "DEGREE SIGN" => '\u{B0}',
        "EM DASH" => '\u{2014}',
        "EN DASH" => '\u{2013}',
        "HORIZONTAL ELLIPSIS" => '\u{2026}',
        "NO-BREAK SPACE" => '\u{A0}',
        "COPYRIGHT SIGN" => '\u{A9}',
        "REGISTERED SIGN" => '\u{AE}',
        "EURO SIGN" => '\u{20AC}',
        "POUND SIGN" => '\u{A3}',
        "YEN SIGN" => '\u{A5}',
        "MULTIPLICATION SIGN" => '\u{D7}',
        "DIVISION SIGN" => '\u{F7}',
        "PLUS-MINUS SIGN" => '\u{B1}',
        "INFINITY" => '\u{221E}',
        "CHECK MARK" => '\u{2713}',
        "BLACK STAR" => '\u{2605}',
        "WHITE STAR" => '\u{2606}',
        "SNOWMAN" => '\u{2603}',
        "BLACK HEART SUIT" => '\u{2665}',
        "RIGHTWARDS ARROW" => '\u{2192}',
        "LEFTWARDS ARROW" => '\u{2190}',
        "GREEK SMALL LETTER ALPHA" => '\u{3B1}',
        "GREEK SMALL LETTER BETA" => '\u{3B2}',
        "GREEK SMALL LETTER GAMMA" => '\u{3B3}',
        "GREEK SMALL LETTER DELTA" => '\u{3B4}',
        "GREEK SMALL LETTER PI" => '\u{3C0}',
        "GREEK SMALL LETTER MU" => '\u{3BC}',
        "GREEK SMALL LETTER LAMDA" => '\u{3BB}',
        "GREEK SMALL LETTER SIGMA" => '\u{3C3}',
        "GREEK CAPITAL LETTER DELTA" => '\u{394}',
        "GREEK CAPITAL LETTER OMEGA" => '\u{3A9}',
        "GREEK CAPITAL LETTER SIGMA" => '\u{3A3}',
        "LATIN SMALL LETTER E WITH ACUTE" => '\u{E9}',
        "LATIN SMALL LETTER A WITH GRAVE" => '\u{E0}',
        "LATIN SMALL LETTER N WITH TILDE" => '\u{F1}',
        "LATIN SMALL LETTER U WITH DIAERESIS" => '\u{FC}',
        "LATIN SMALL LETTER SHARP S" => '\u{DF}',
        "SPACE" => ' ',
        "LINE FEED" => '\n',
        "CHARACTER TABULATION" => '\t',
        "NULL" => '\0',
        "GRINNING FACE" => '\u{1F600}',
        "PILE OF POO" => '\u{1F4A9}',
        "THUMBS UP SIGN" => '\u{1F44D}',
        "SNAKE" => '\u{1F40D}',
        _ => return None,
    })
}

/// Decodes the contents of a bytes literal.
pub fn decode_bytes(text: &str, raw: bool) -> Result<Vec<u8>, DecodeError> {
    let text = &*normalize_newlines(text);
    if !text.is_ascii() {
        return Err("bytes can only contain ASCII literal characters".into());
    }
    let bytes = text.as_bytes();
    if raw {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = bytes.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match bytes.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            b'x' => {
                let hex = bytes
                    .get(i..i + 2)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                match hex.and_then(|h| std::str::from_utf8(h).ok()) {
                    Some(h) => {
                        out.push(u8::from_str_radix(h, 16).unwrap_or(0));
                        i += 2;
                    }
                    None => {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {}",
                            i - 2
                        ))
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// One lexed string token with its span, as the grammar collects them.
pub type StrPiece = (usize, Box<StrTok>, usize);

/// Builds the expression for adjacent string literals spanning `start..end`.
pub fn concat(
    ctx: &Ctx<'_>,
    pieces: Vec<StrPiece>,
    start: usize,
    end: usize,
) -> Result<Expr, Diag> {
    let span = Span::new(start, end);
    let any_bytes = pieces.iter().any(|(_, t, _)| t.bytes);
    if any_bytes && !pieces.iter().all(|(_, t, _)| t.bytes) {
        return Err(Diag::syntax(
            "cannot mix bytes and nonbytes literals",
            end,
            end,
        ));
    }
    let contents = |t: &StrTok| ctx.source.get(t.content_start..t.content_end).unwrap_or("");
    if any_bytes {
        let mut out = Vec::new();
        for (s, t, e) in &pieces {
            match decode_bytes(contents(t), t.raw) {
                Ok(b) => out.extend(b),
                Err(msg) if msg.starts_with("bytes can only") => {
                    return Err(Diag::syntax(msg, *s, *e))
                }
                Err(msg) => return Err(Diag::syntax(msg, *e, *e).at_lookahead()),
            }
        }
        return Ok(Expr {
            span,
            kind: ExprKind::Constant(Constant::Bytes(out)),
        });
    }
    if !pieces.iter().any(|(_, t, _)| t.fstring) {
        let mut out = String::new();
        for (_, t, e) in &pieces {
            out.push_str(
                &decode_str(contents(t), t.raw)
                    .map_err(|msg| Diag::syntax(msg, *e, *e).at_lookahead())?,
            );
        }
        return Ok(Expr {
            span,
            kind: ExprKind::Constant(Constant::Str(out)),
        });
    }
    let mut parts: Vec<FStringPart> = Vec::new();
    for (_, t, e) in &pieces {
        if t.fstring {
            for part in fstring::parse(ctx, t, *e)? {
                push_part(&mut parts, part);
            }
        } else {
            let text = decode_str(contents(t), t.raw)
                .map_err(|msg| Diag::syntax(msg, *e, *e).at_lookahead())?;
            push_part(&mut parts, FStringPart::Literal(text));
        }
    }
    Ok(Expr {
        span,
        kind: ExprKind::JoinedStr(parts),
    })
}

/// Appends a part, merging adjacent literals and dropping empty ones (as CPython does).
pub fn push_part(parts: &mut Vec<FStringPart>, part: FStringPart) {
    if let FStringPart::Literal(text) = &part {
        if text.is_empty() {
            return;
        }
        if let Some(FStringPart::Literal(prev)) = parts.last_mut() {
            prev.push_str(text);
            return;
        }
    }
    parts.push(part);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            decode_str(r"a\n\t\\\'\x41\u00e9\U0001F600\101\q", false).unwrap(),
            "a\n\t\\'Aé😀A\\q"
        );
        assert_eq!(decode_str("a\\\nb", false).unwrap(), "ab");
        assert_eq!(decode_str(r"\N{BULLET}", false).unwrap(), "\u{2022}");
        assert_eq!(decode_str(r"\n", true).unwrap(), "\\n");
        assert_eq!(decode_bytes(r"\x41\n\xff", false).unwrap(), b"A\n\xff");
        assert_eq!(decode_str("a\r\nb\rc", true).unwrap(), "a\nb\nc");
        assert_eq!(decode_str("a\\\r\nb", false).unwrap(), "ab");
    }

    #[test]
    fn escape_errors_match_cpython() {
        assert_eq!(
            decode_str(r"\x4", false).unwrap_err(),
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape"
        );
        assert!(decode_str(r"ab\x4g", false)
            .unwrap_err()
            .contains("position 2-4"));
        assert!(decode_str(r"é\x4", false)
            .unwrap_err()
            .contains("position 10-12"));
        assert!(decode_str(r"\U0011ffff", false)
            .unwrap_err()
            .contains("position 0-9: illegal Unicode character"));
        assert!(decode_str(r"\N{BULLET", false)
            .unwrap_err()
            .contains("position 0-8: malformed"));
        assert_eq!(
            decode_bytes(r"\x4", false).unwrap_err(),
            "(value error) invalid \\x escape at position 0"
        );
        assert_eq!(
            decode_bytes("é", false).unwrap_err(),
            "bytes can only contain ASCII literal characters"
        );
    }
}
