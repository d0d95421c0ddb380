//! The logos lexer: source text to tokens, one lexical class per variant.
//!
//! Spaces, tabs, form feeds and comments are skipped here. Newlines and backslash
//! continuations come through as tokens so that [`crate::indent`], the only layer that
//! understands layout, can turn them into NEWLINE / INDENT / DEDENT. Keywords are not
//! lexed separately: a name is lexed whole and then looked up with [`keyword`], so that
//! `iffy` or `ifé` never splits. Strings are scanned by hand ([`lex_string`]) because
//! where they end depends on the opening quote; their escapes are decoded later by
//! [`crate::strings`], when the grammar builds the literal.

use crate::diag::Diag;
use logos::{FilterResult, Lexer, Logos};
use num_bigint::BigInt;
use num_traits::Zero;

/// A raw string literal as lexed: prefix flags and where its contents are.
#[derive(Clone, Debug, PartialEq)]
pub struct StrTok {
    /// `r` prefix: backslashes are literal.
    pub raw: bool,
    /// `b` prefix: a bytes literal.
    pub bytes: bool,
    /// `f` prefix: a formatted string literal.
    pub fstring: bool,
    /// Triple-quoted.
    pub triple: bool,
    /// Absolute byte offset of the first character after the opening quote(s).
    pub content_start: usize,
    /// Absolute byte offset of the closing quote(s).
    pub content_end: usize,
}

/// The tokens of the language. The lexer produces the variants with a logos
/// attribute (and `Name`); the indentation layer adds keywords, `Indent`, `Dedent`,
/// the start markers and the `with`-parenthesis markers.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = Diag)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
pub enum Tok {
    /// An end of line (`\n`, `\r\n` or `\r`).
    #[regex(r"\r\n|\n|\r")]
    Newline,
    /// A backslash immediately followed by an end of line: joins two lines.
    #[regex(r"\\(\r\n|\n|\r)")]
    Continuation,
    /// A backslash not followed by an end of line (always an error).
    #[token("\\")]
    StrayBackslash,
    /// An identifier (keywords are split off later by [`keyword`]).
    #[regex(r"[A-Za-z_][A-Za-z0-9_]*", ascii_name)]
    #[regex(r"[^\x00-\x7F]", unicode_name)]
    Name(String),
    /// An integer literal.
    #[regex(r"[0-9](_?[0-9])*", |lex| decimal_int(lex))]
    #[regex(r"0[xX](_?[0-9a-fA-F])+", |lex| radix_int(lex, 16, "hexadecimal"))]
    #[regex(r"0[oO](_?[0-7])+", |lex| radix_int(lex, 8, "octal"))]
    #[regex(r"0[bB](_?[01])+", |lex| radix_int(lex, 2, "binary"))]
    #[regex(r"0[xXoObB]_?", empty_radix)]
    Int(BigInt),
    /// A float literal.
    #[regex(
        r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?",
        float
    )]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?", float)]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*", float)]
    Float(f64),
    /// An imaginary literal (`2j`): the imaginary part.
    #[regex(r"[0-9](_?[0-9])*[jJ]", imaginary)]
    #[regex(
        r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?[jJ]",
        imaginary
    )]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?[jJ]", imaginary)]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*[jJ]", imaginary)]
    Imag(f64),
    /// A string or bytes literal, possibly an f-string.
    #[regex(r#"[rRuUbBfF]?["']"#, lex_string)]
    #[regex(r#"([bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])["']"#, lex_string)]
    Str(Box<StrTok>),

    /// `(`
    #[token("(")]
    Lpar,
    /// `)`
    #[token(")")]
    Rpar,
    /// `[`
    #[token("[")]
    Lsqb,
    /// `]`
    #[token("]")]
    Rsqb,
    /// `{`
    #[token("{")]
    Lbrace,
    /// `}`
    #[token("}")]
    Rbrace,
    /// `:`
    #[token(":")]
    Colon,
    /// `,`
    #[token(",")]
    Comma,
    /// `;`
    #[token(";")]
    Semi,
    /// `+`
    #[token("+")]
    Plus,
    /// `-`
    #[token("-")]
    Minus,
    /// `*`
    #[token("*")]
    Star,
    /// `/`
    #[token("/")]
    Slash,
    /// `|`
    #[token("|")]
    Vbar,
    /// `&`
    #[token("&")]
    Amper,
    /// `<`
    #[token("<")]
    Less,
    /// `>`
    #[token(">")]
    Greater,
    /// `=`
    #[token("=")]
    Equal,
    /// `.`
    #[token(".")]
    Dot,
    /// `%`
    #[token("%")]
    Percent,
    /// `==`
    #[token("==")]
    EqEqual,
    /// `!=`
    #[token("!=")]
    NotEqual,
    /// `<=`
    #[token("<=")]
    LessEqual,
    /// `>=`
    #[token(">=")]
    GreaterEqual,
    /// `~`
    #[token("~")]
    Tilde,
    /// `^`
    #[token("^")]
    Circumflex,
    /// `<<`
    #[token("<<")]
    LeftShift,
    /// `>>`
    #[token(">>")]
    RightShift,
    /// `**`
    #[token("**")]
    DoubleStar,
    /// `+=`
    #[token("+=")]
    PlusEqual,
    /// `-=`
    #[token("-=")]
    MinusEqual,
    /// `*=`
    #[token("*=")]
    StarEqual,
    /// `/=`
    #[token("/=")]
    SlashEqual,
    /// `%=`
    #[token("%=")]
    PercentEqual,
    /// `&=`
    #[token("&=")]
    AmperEqual,
    /// `|=`
    #[token("|=")]
    VbarEqual,
    /// `^=`
    #[token("^=")]
    CircumflexEqual,
    /// `<<=`
    #[token("<<=")]
    LeftShiftEqual,
    /// `>>=`
    #[token(">>=")]
    RightShiftEqual,
    /// `**=`
    #[token("**=")]
    DoubleStarEqual,
    /// `//`
    #[token("//")]
    DoubleSlash,
    /// `//=`
    #[token("//=")]
    DoubleSlashEqual,
    /// `@`
    #[token("@")]
    At,
    /// `@=`
    #[token("@=")]
    AtEqual,
    /// `->`
    #[token("->")]
    Rarrow,
    /// `...`
    #[token("...")]
    Ellipsis,
    /// `:=`
    #[token(":=")]
    ColonEqual,

    // Keywords: produced by the indentation layer from `Name` via [`keyword`].
    /// `False`
    False,
    /// `None`
    None,
    /// `True`
    True,
    /// `and`
    And,
    /// `as`
    As,
    /// `assert`
    Assert,
    /// `async` (reserved; not supported by the AST, so always a syntax error)
    Async,
    /// `await` (reserved; not supported by the AST, so always a syntax error)
    Await,
    /// `break`
    Break,
    /// `class`
    Class,
    /// `continue`
    Continue,
    /// `def`
    Def,
    /// `del`
    Del,
    /// `elif`
    Elif,
    /// `else`
    Else,
    /// `except`
    Except,
    /// `finally`
    Finally,
    /// `for`
    For,
    /// `from`
    From,
    /// `global`
    Global,
    /// `if`
    If,
    /// `import`
    Import,
    /// `in`
    In,
    /// `is`
    Is,
    /// `lambda`
    Lambda,
    /// `nonlocal`
    Nonlocal,
    /// `not`
    Not,
    /// `or`
    Or,
    /// `pass`
    Pass,
    /// `raise`
    Raise,
    /// `return`
    Return,
    /// `try`
    Try,
    /// `while`
    While,
    /// `with`
    With,
    /// `yield`
    Yield,

    // Layout and markers, produced by the indentation layer.
    /// The start of a more indented block.
    Indent,
    /// The end of an indented block.
    Dedent,
    /// First token of a module parse (selects the grammar's module rule).
    StartModule,
    /// First token of an expression parse (selects the grammar's expression rule).
    StartExpr,
    /// The `(` of a parenthesized `with (a as b, c):` item list.
    WithLpar,
    /// The `)` closing a [`Tok::WithLpar`].
    WithRpar,
}

/// The keyword token for `name`, if it is one. Soft keywords (`match`, `case`, `_`,
/// `type`) stay names.
pub fn keyword(name: &str) -> Option<Tok> {
    Some(match name {
        "False" => Tok::False,
        "None" => Tok::None,
        "True" => Tok::True,
        "and" => Tok::And,
        "as" => Tok::As,
        "assert" => Tok::Assert,
        "async" => Tok::Async,
        "await" => Tok::Await,
        "break" => Tok::Break,
        "class" => Tok::Class,
        "continue" => Tok::Continue,
        "def" => Tok::Def,
        "del" => Tok::Del,
        "elif" => Tok::Elif,
        "else" => Tok::Else,
        "except" => Tok::Except,
        "finally" => Tok::Finally,
        "for" => Tok::For,
        "from" => Tok::From,
        "global" => Tok::Global,
        "if" => Tok::If,
        "import" => Tok::Import,
        "in" => Tok::In,
        "is" => Tok::Is,
        "lambda" => Tok::Lambda,
        "nonlocal" => Tok::Nonlocal,
        "not" => Tok::Not,
        "or" => Tok::Or,
        "pass" => Tok::Pass,
        "raise" => Tok::Raise,
        "return" => Tok::Return,
        "try" => Tok::Try,
        "while" => Tok::While,
        "with" => Tok::With,
        "yield" => Tok::Yield,
        _ => return None,
    })
}

impl Tok {
    /// The keyword's spelling, if this is a keyword token.
    pub fn keyword_text(&self) -> Option<&'static str> {
        Some(match self {
            Tok::False => "False",
            Tok::None => "None",
            Tok::True => "True",
            Tok::And => "and",
            Tok::As => "as",
            Tok::Assert => "assert",
            Tok::Async => "async",
            Tok::Await => "await",
            Tok::Break => "break",
            Tok::Class => "class",
            Tok::Continue => "continue",
            Tok::Def => "def",
            Tok::Del => "del",
            Tok::Elif => "elif",
            Tok::Else => "else",
            Tok::Except => "except",
            Tok::Finally => "finally",
            Tok::For => "for",
            Tok::From => "from",
            Tok::Global => "global",
            Tok::If => "if",
            Tok::Import => "import",
            Tok::In => "in",
            Tok::Is => "is",
            Tok::Lambda => "lambda",
            Tok::Nonlocal => "nonlocal",
            Tok::Not => "not",
            Tok::Or => "or",
            Tok::Pass => "pass",
            Tok::Raise => "raise",
            Tok::Return => "return",
            Tok::Try => "try",
            Tok::While => "while",
            Tok::With => "with",
            Tok::Yield => "yield",
            _ => return None,
        })
    }
}

/// Python's `is_potential_identifier_char`: what may not directly follow a number.
fn is_potential_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

/// True for characters that may continue an identifier.
fn is_id_continue(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && unicode_ident::is_xid_continue(c))
}

/// Extends the current match over any further identifier characters (non-ASCII ones
/// are not in the fast ASCII regex) and returns the whole name.
fn finish_name(lex: &mut Lexer<Tok>) -> String {
    let extra: usize = lex
        .remainder()
        .chars()
        .take_while(|&c| is_id_continue(c))
        .map(char::len_utf8)
        .sum();
    lex.bump(extra);
    lex.slice().to_string()
}

fn ascii_name(lex: &mut Lexer<Tok>) -> String {
    finish_name(lex)
}

/// A non-ASCII character: the start of an identifier, or an invalid character
/// (CPython: `invalid character '“' (U+201C)` / `invalid non-printable character`).
fn unicode_name(lex: &mut Lexer<Tok>) -> FilterResult<String, Diag> {
    let start = lex.span().start;
    let c = lex.slice().chars().next().unwrap_or('\u{FFFD}');
    if c == '\u{FEFF}' && start == 0 {
        // A byte order mark at the start of the source is ignored.
        return FilterResult::Skip;
    }
    if unicode_ident::is_xid_start(c) {
        return FilterResult::Emit(finish_name(lex));
    }
    FilterResult::Error(Diag::syntax(invalid_character_message(c), start, start))
}

/// CPython's message for a character that cannot start any token.
pub fn invalid_character_message(c: char) -> String {
    if is_printable(c) {
        format!("invalid character '{c}' (U+{:04X})", c as u32)
    } else {
        format!("invalid non-printable character U+{:04X}", c as u32)
    }
}

/// An approximation of Python's `str.isprintable` for one character.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    // Common format characters (category Cf) and private-use / unassigned blocks.
    !matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// CPython's `verify_end_of_number`: a number may not run straight into a name
/// (`123abc`), except into the keywords that can legally follow it (`1if x else y`).
fn check_number_end(lex: &Lexer<Tok>, kind: &str) -> Result<(), Diag> {
    let rest = lex.remainder();
    let end = lex.span().end;
    let mut chars = rest.chars();
    let Some(c) = chars.next() else { return Ok(()) };
    let last = lex.slice().chars().last().unwrap_or('0');
    if c == '_' && last.is_ascii_hexdigit() && kind != "imaginary" {
        // `1_`: a digit group cut short; the caret goes on the underscore.
        return Err(Diag::syntax(format!("invalid {kind} literal"), end, end));
    }
    let keyword_follows = match c {
        'a' => rest.starts_with("and"),
        'e' => rest.starts_with("else"),
        'f' => rest.starts_with("for"),
        'i' => matches!(chars.next(), Some('f' | 'n' | 's')),
        'o' => rest.starts_with("or"),
        'n' => rest.starts_with("not"),
        _ => false,
    };
    if !keyword_follows && is_potential_identifier_char(c) {
        // CPython's caret lands on the last character of the number.
        let at = end.saturating_sub(1);
        return Err(Diag::syntax(format!("invalid {kind} literal"), at, at));
    }
    Ok(())
}

/// Digits of a literal with the underscores removed.
fn digits(text: &str) -> String {
    text.chars().filter(|&c| c != '_').collect()
}

fn decimal_int(lex: &mut Lexer<Tok>) -> Result<BigInt, Diag> {
    let text = lex.slice();
    let start = lex.span().start;
    // Checked before what follows the number, as in CPython's tokenizer.
    if text.starts_with('0') && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        let zeros = text.bytes().take_while(|&b| b == b'0' || b == b'_').count();
        return Err(Diag::syntax(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            start,
            start + zeros,
        ));
    }
    check_number_end(lex, "decimal")?;
    Ok(BigInt::parse_bytes(digits(text).as_bytes(), 10).unwrap_or_else(BigInt::zero))
}

fn radix_int(lex: &mut Lexer<Tok>, radix: u32, kind: &str) -> Result<BigInt, Diag> {
    // `0b12`, `0o8`: a decimal digit that is not valid in this base.
    if radix < 10 {
        if let Some(c) = lex.remainder().chars().next() {
            if c.is_ascii_digit() {
                let at = lex.span().end;
                return Err(Diag::syntax(
                    format!("invalid digit '{c}' in {kind} literal"),
                    at,
                    at,
                ));
            }
        }
    }
    check_number_end(lex, kind)?;
    let text = lex.slice().get(2..).unwrap_or("");
    Ok(BigInt::parse_bytes(digits(text).as_bytes(), radix).unwrap_or_else(BigInt::zero))
}

/// `0x`, `0o`, `0b` (optionally with `_`) not followed by a valid digit.
fn empty_radix(lex: &mut Lexer<Tok>) -> Result<BigInt, Diag> {
    let text = lex.slice();
    let kind = match text.as_bytes().get(1) {
        Some(b'x' | b'X') => "hexadecimal",
        Some(b'o' | b'O') => "octal",
        _ => "binary",
    };
    if kind != "hexadecimal" {
        if let Some(c) = lex.remainder().chars().next() {
            if c.is_ascii_digit() {
                let at = lex.span().end;
                return Err(Diag::syntax(
                    format!("invalid digit '{c}' in {kind} literal"),
                    at,
                    at,
                ));
            }
        }
    }
    let at = lex.span().end.saturating_sub(1);
    Err(Diag::syntax(format!("invalid {kind} literal"), at, at))
}

fn float(lex: &mut Lexer<Tok>) -> Result<f64, Diag> {
    check_number_end(lex, "decimal")?;
    Ok(parse_float(lex.slice()))
}

fn imaginary(lex: &mut Lexer<Tok>) -> Result<f64, Diag> {
    check_number_end(lex, "imaginary")?;
    let text = lex.slice();
    Ok(parse_float(
        text.get(..text.len().saturating_sub(1)).unwrap_or(""),
    ))
}

/// Parses a float literal (Rust's parser rounds correctly, like CPython's).
fn parse_float(text: &str) -> f64 {
    let mut s = digits(text);
    if s.ends_with('.') {
        s.push('0');
    }
    if s.starts_with('.') {
        s.insert(0, '0');
    }
    s.parse::<f64>().unwrap_or(f64::INFINITY)
}

/// Scans a string literal after its prefix and first quote, up to the closing quote.
fn lex_string(lex: &mut Lexer<Tok>) -> Result<Box<StrTok>, Diag> {
    let slice = lex.slice();
    let start = lex.span().start;
    let quote = slice.bytes().last().unwrap_or(b'"');
    let prefix = slice.get(..slice.len().saturating_sub(1)).unwrap_or("");
    let lower = prefix.to_ascii_lowercase();
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let mut i = if triple { 2 } else { 0 };
    let content_start = lex.span().end + i;
    let content_len;
    loop {
        match rest.get(i) {
            None => {
                let source = lex.source();
                let escaped_newline =
                    i >= 2 && rest.get(i - 1) == Some(&b'\n') && rest.get(i - 2) == Some(&b'\\');
                return Err(unterminated(
                    source,
                    start,
                    triple,
                    source.len(),
                    triple || escaped_newline,
                ));
            }
            Some(b'\\') => {
                i += match rest.get(i + 1) {
                    Some(b'\r') if rest.get(i + 2) == Some(&b'\n') => 3,
                    Some(&c) if c == quote || c == b'\\' || c == b'\n' || c == b'\r' => 2,
                    _ => 1,
                };
            }
            Some(b'\n' | b'\r') if !triple => {
                let source = lex.source();
                return Err(unterminated(
                    source,
                    start,
                    false,
                    lex.span().end + i,
                    false,
                ));
            }
            Some(&c) if c == quote => {
                if !triple {
                    content_len = i;
                    i += 1;
                    break;
                }
                if rest.get(i + 1) == Some(&quote) && rest.get(i + 2) == Some(&quote) {
                    content_len = i - 2;
                    i += 3;
                    break;
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    }
    lex.bump(i);
    Ok(Box::new(StrTok {
        raw: lower.contains('r'),
        bytes: lower.contains('b'),
        fstring: lower.contains('f'),
        triple,
        content_start,
        content_end: content_start + content_len,
    }))
}

/// CPython's unterminated-string error, located at the string's start.
fn unterminated(
    source: &str,
    start: usize,
    triple: bool,
    detected_at: usize,
    incomplete: bool,
) -> Diag {
    let upto = source.get(..detected_at).unwrap_or(source);
    // At the end of the input a final newline does not start another line.
    let counted = if triple {
        upto.strip_suffix('\n').unwrap_or(upto)
    } else {
        upto
    };
    let line = counted.matches('\n').count() + 1;
    let what = if triple {
        "unterminated triple-quoted string literal"
    } else {
        "unterminated string literal"
    };
    let diag = Diag::syntax(format!("{what} (detected at line {line})"), start, start);
    if incomplete {
        diag.hard_incomplete()
    } else {
        diag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(src: &str) -> Vec<Result<Tok, Diag>> {
        Tok::lexer(src).collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(lex("0x_ff"), vec![Ok(Tok::Int(255.into()))]);
        assert_eq!(
            lex("0o17 0b101"),
            vec![Ok(Tok::Int(15.into())), Ok(Tok::Int(5.into()))]
        );
        assert_eq!(lex("1_000"), vec![Ok(Tok::Int(1000.into()))]);
        assert_eq!(
            lex("1.5 1e10 .5 5. 1_000.5"),
            vec![
                Ok(Tok::Float(1.5)),
                Ok(Tok::Float(1e10)),
                Ok(Tok::Float(0.5)),
                Ok(Tok::Float(5.0)),
                Ok(Tok::Float(1000.5)),
            ]
        );
        assert_eq!(lex("2j 1.5J"), vec![Ok(Tok::Imag(2.0)), Ok(Tok::Imag(1.5))]);
        assert_eq!(lex("1.e5"), vec![Ok(Tok::Float(1e5))]);
        let big = "123456789012345678901234567890";
        assert_eq!(lex(big), vec![Ok(Tok::Int(big.parse().unwrap()))]);
        assert_eq!(lex("00"), vec![Ok(Tok::Int(0.into()))]);
    }

    #[test]
    fn bad_numbers() {
        let err = |s: &str| match lex(s).into_iter().find_map(Result::err) {
            Some(d) => (d.msg, d.start),
            None => panic!("no error for {s}"),
        };
        assert_eq!(err("123abc"), ("invalid decimal literal".into(), 2));
        assert_eq!(err("1_"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("0x"), ("invalid hexadecimal literal".into(), 1));
        assert_eq!(err("0xfg"), ("invalid hexadecimal literal".into(), 2));
        assert_eq!(
            err("0b12"),
            ("invalid digit '2' in binary literal".into(), 3)
        );
        assert_eq!(err("0o8"), ("invalid digit '8' in octal literal".into(), 2));
        assert_eq!(err("1jx"), ("invalid imaginary literal".into(), 1));
        assert_eq!(err("1e"), ("invalid decimal literal".into(), 0));
        assert!(err("0123").0.starts_with("leading zeros"));
        assert!(lex("1if x else 2").iter().all(Result::is_ok));
    }

    #[test]
    fn strings_and_names() {
        let toks = lex("rb'a' f\"x\" '''a\n'b''' naïve")
            .into_iter()
            .map(Result::unwrap)
            .collect::<Vec<_>>();
        assert!(matches!(&toks[0], Tok::Str(s) if s.raw && s.bytes && !s.triple));
        assert!(matches!(&toks[1], Tok::Str(s) if s.fstring));
        assert!(
            matches!(&toks[2], Tok::Str(s) if s.triple && s.content_end - s.content_start == 4)
        );
        assert_eq!(toks[3], Tok::Name("naïve".into()));
        let e = lex("x = 'abc").into_iter().find_map(Result::err).unwrap();
        assert_eq!(e.msg, "unterminated string literal (detected at line 1)");
        assert_eq!(e.start, 4);
        let e = lex("x = \"\"\"abc\n\n")
            .into_iter()
            .find_map(Result::err)
            .unwrap();
        assert_eq!(
            e.msg,
            "unterminated triple-quoted string literal (detected at line 2)"
        );
        assert!(e.incomplete);
        let e = lex("“hi”").into_iter().find_map(Result::err).unwrap();
        assert_eq!(e.msg, "invalid character '“' (U+201C)");
    }
}
