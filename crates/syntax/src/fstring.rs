//! f-strings: splitting one lexed f-string token into [`FStringPart`]s.
//!
//! This follows CPython 3.11's `fstring_find_literal` / `fstring_find_expr`: literal
//! text (with `{{` / `}}` doubling), replacement fields `{expr}`, `{expr!r}`,
//! `{expr:spec}` whose spec may hold one more level of fields, and the debug form
//! `{expr=}`. Each field's expression is parsed by the expression grammar directly
//! over the original source, so the nested AST's spans are absolute offsets.
//!
//! Errors that are not inside an expression are reported, as CPython does, at the end
//! of the f-string token. Syntax errors inside an expression get the `f-string: `
//! prefix but are located at the real position (CPython 3.11 reports a position
//! relative to a hidden `(expr)` string there; we do not copy that quirk).

use crate::actions::Ctx;
use crate::ast::FStringPart;
use crate::diag::Diag;
use crate::parser;
use crate::strings::{decode_str, push_part};
use crate::token::StrTok;

/// How deeply f-strings may nest inside f-string replacement fields (CPython's
/// quoting rules already limit this in practice; this bounds our recursion).
const MAX_FSTRING_NESTING: usize = 16;

/// Parses the f-string token `tok`, which ends at `tok_end`.
pub fn parse(ctx: &Ctx<'_>, tok: &StrTok, tok_end: usize) -> Result<Vec<FStringPart>, Diag> {
    let text = ctx
        .source
        .get(tok.content_start..tok.content_end)
        .unwrap_or("");
    let mut scanner = Scanner {
        ctx,
        text,
        base: tok.content_start,
        raw: tok.raw,
        pos: 0,
        tok_end,
    };
    if ctx.fstring_depth >= MAX_FSTRING_NESTING {
        return Err(scanner.error("f-string: expressions nested too deeply"));
    }
    let parts = scanner.parse_parts(0)?;
    if scanner.pos < text.len() {
        // A `}` ended a top-level literal: only possible for a stray single `}`,
        // which `parse_parts` already rejects; be safe anyway.
        return Err(scanner.error("f-string: single '}' is not allowed"));
    }
    Ok(parts)
}

struct Scanner<'c, 's> {
    ctx: &'c Ctx<'s>,
    /// The f-string's contents (between the quotes).
    text: &'s str,
    /// Absolute offset of `text`.
    base: usize,
    raw: bool,
    /// Byte position in `text`.
    pos: usize,
    /// Absolute end of the token, where most f-string errors are reported.
    tok_end: usize,
}

impl Scanner<'_, '_> {
    fn error(&self, msg: &str) -> Diag {
        Diag::syntax(msg, self.tok_end, self.tok_end).at_lookahead()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    /// Literal text and fields up to the end of the text, or (in a format spec,
    /// `level > 0`) up to the `}` that ends the spec.
    fn parse_parts(&mut self, level: usize) -> Result<Vec<FStringPart>, Diag> {
        let mut parts = Vec::new();
        let mut chunk_start = self.pos;
        loop {
            let Some(c) = self.byte(self.pos) else {
                self.flush(&mut parts, chunk_start, self.pos)?;
                return Ok(parts);
            };
            match c {
                b'\\' if !self.raw => {
                    self.pos += 1;
                    if self.byte(self.pos) == Some(b'N') {
                        self.pos += 1;
                        if self.byte(self.pos) == Some(b'{') {
                            // `\N{NAME}`: the braces belong to the escape.
                            while let Some(b) = self.byte(self.pos) {
                                self.pos += 1;
                                if b == b'}' {
                                    break;
                                }
                            }
                        }
                    } else if !matches!(self.byte(self.pos), Some(b'{' | b'}')) {
                        // Skip the escaped character (whole, if multi-byte).
                        self.pos += self
                            .text
                            .get(self.pos..)
                            .and_then(|s| s.chars().next())
                            .map_or(0, char::len_utf8);
                    }
                }
                b'{' | b'}' => {
                    if level == 0 && self.byte(self.pos + 1) == Some(c) {
                        // Doubled brace: the literal keeps one.
                        self.flush(&mut parts, chunk_start, self.pos + 1)?;
                        self.pos += 2;
                        chunk_start = self.pos;
                        continue;
                    }
                    if c == b'}' {
                        if level == 0 {
                            return Err(self.error("f-string: single '}' is not allowed"));
                        }
                        // End of a format spec.
                        self.flush(&mut parts, chunk_start, self.pos)?;
                        return Ok(parts);
                    }
                    self.flush(&mut parts, chunk_start, self.pos)?;
                    let field = self.parse_field(level)?;
                    parts.push(field);
                    chunk_start = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Decodes `text[start..end]` as literal text and appends it.
    fn flush(&self, parts: &mut Vec<FStringPart>, start: usize, end: usize) -> Result<(), Diag> {
        if end <= start {
            return Ok(());
        }
        let chunk = self.text.get(start..end).unwrap_or("");
        let decoded = decode_str(chunk, self.raw)
            .map_err(|msg| Diag::syntax(msg, self.tok_end, self.tok_end))?;
        push_part(parts, FStringPart::Literal(decoded));
        Ok(())
    }

    /// A replacement field; `self.pos` is at its `{`.
    fn parse_field(&mut self, level: usize) -> Result<FStringPart, Diag> {
        if level >= 2 {
            return Err(self.error("f-string: expressions nested too deeply"));
        }
        self.pos += 1;
        let expr_start = self.pos;
        let mut brackets: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, bool)> = None;
        while let Some(c) = self.byte(self.pos) {
            if c == b'\\' {
                return Err(self.error("f-string expression part cannot include a backslash"));
            }
            if let Some((q, triple)) = quote {
                if c == q {
                    if !triple {
                        quote = None;
                    } else if self.byte(self.pos + 1) == Some(q)
                        && self.byte(self.pos + 2) == Some(q)
                    {
                        self.pos += 2;
                        quote = None;
                    }
                }
                self.pos += 1;
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let triple =
                        self.byte(self.pos + 1) == Some(c) && self.byte(self.pos + 2) == Some(c);
                    if triple {
                        self.pos += 2;
                    }
                    quote = Some((c, triple));
                }
                b'(' | b'[' | b'{' => {
                    if brackets.len() >= crate::indent::MAX_BRACKET_DEPTH {
                        return Err(self.error("f-string: too many nested parenthesis"));
                    }
                    brackets.push(c);
                }
                b'#' => return Err(self.error("f-string expression part cannot include '#'")),
                b'!' | b':' | b'}' | b'=' | b'<' | b'>' if brackets.is_empty() => {
                    let next = self.byte(self.pos + 1);
                    if next == Some(b'=') && c != b':' && c != b'}' {
                        // `!=`, `==`, `<=`, `>=` are operators.
                        self.pos += 2;
                        continue;
                    }
                    if c == b'<' || c == b'>' {
                        self.pos += 1;
                        continue;
                    }
                    break;
                }
                b')' | b']' | b'}' => {
                    let Some(open) = brackets.pop() else {
                        return Err(self.error(&format!("f-string: unmatched '{}'", c as char)));
                    };
                    let expected = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if c != expected {
                        return Err(self.error(&format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        )));
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        let expr_end = self.pos;
        if quote.is_some() {
            return Err(self.error("f-string: unterminated string"));
        }
        if let Some(&open) = brackets.last() {
            return Err(self.error(&format!("f-string: unmatched '{}'", open as char)));
        }
        if self.pos >= self.text.len() {
            return Err(self.error("f-string: expecting '}'"));
        }
        let expr_text = self.text.get(expr_start..expr_end).unwrap_or("");
        if expr_text.trim().is_empty() {
            return Err(match self.byte(self.pos) {
                Some(c @ (b'!' | b':' | b'=')) if expr_text.is_empty() => self.error(&format!(
                    "f-string: expression required before '{}'",
                    c as char
                )),
                _ => self.error("f-string: empty expression not allowed"),
            });
        }
        let (field_start, field_end) = (self.base + expr_start, self.base + expr_end);
        let value = parser::parse_fstring_field(self.ctx, field_start, field_end)
            .map_err(|d| relocate(self.ctx.source, field_start, field_end, d))?;

        let mut debug_text = None;
        if self.byte(self.pos) == Some(b'=') {
            self.pos += 1;
            while self.byte(self.pos).is_some_and(|b| b.is_ascii_whitespace()) {
                self.pos += 1;
            }
            if self.pos >= self.text.len() {
                return Err(self.error("f-string: expecting '}'"));
            }
            debug_text = Some(
                self.text
                    .get(expr_start..self.pos)
                    .unwrap_or("")
                    .to_string(),
            );
        }
        let mut conversion = None;
        if self.byte(self.pos) == Some(b'!') {
            self.pos += 1;
            let Some(c) = self.text.get(self.pos..).and_then(|s| s.chars().next()) else {
                return Err(self.error("f-string: expecting '}'"));
            };
            self.pos += c.len_utf8();
            if !matches!(c, 's' | 'r' | 'a') {
                return Err(
                    self.error("f-string: invalid conversion character: expected 's', 'r', or 'a'")
                );
            }
            conversion = Some(c);
        }
        let mut format_spec = None;
        if self.byte(self.pos) == Some(b':') {
            self.pos += 1;
            if self.pos >= self.text.len() {
                return Err(self.error("f-string: expecting '}'"));
            }
            format_spec = Some(self.parse_parts(level + 1)?);
        }
        if self.byte(self.pos) != Some(b'}') {
            return Err(self.error("f-string: expecting '}'"));
        }
        self.pos += 1;
        if debug_text.is_some() && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        Ok(FStringPart::Formatted {
            value: Box::new(value),
            conversion,
            format_spec,
            debug_text,
        })
    }
}

/// Gives an error found inside a replacement field CPython 3.11's position: the line
/// is real, but on the field's first line the column counts from a `(` placed just
/// before the expression (CPython parses the field as `(expr)` on its own).
fn relocate(source: &str, field_start: usize, field_end: usize, mut d: Diag) -> Diag {
    if d.fixed.is_some() {
        return d;
    }
    // Tokenizer errors keep their own message.
    if !d.msg.starts_with("f-string") && !d.from_tokenizer {
        d.msg = format!("f-string: {}", d.msg);
    }
    d.incomplete = false;
    d.hard_incomplete = false;
    let line_of = |at: usize| source.get(..at).map_or(0, |s| s.matches('\n').count()) as u32 + 1;
    // 0-based column in `(expr)` coordinates.
    let col_of = |at: usize| -> u32 {
        let line_start = source
            .get(..at)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let chars = |a: usize, b: usize| source.get(a..b).map_or(0, |s| s.chars().count()) as u32;
        if line_start <= field_start {
            chars(field_start, at) + 1
        } else {
            chars(line_start, at)
        }
    };
    let start = d.start.clamp(field_start, field_end);
    let (line, col) = (line_of(start), col_of(start) + 1);
    let (end_line, end_col) = if d.end <= d.start {
        (line, col)
    } else if d.end > field_end {
        // The closing `)` that CPython adds.
        (line_of(field_end), col_of(field_end) + 2)
    } else {
        (line_of(d.end), col_of(d.end) + 1)
    };
    d.fixed = Some((line, col, end_line, end_col));
    d
}
