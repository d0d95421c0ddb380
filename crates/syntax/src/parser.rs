//! Glue: lexer → layout → `with` disambiguation → LALRPOP parser, and the translation
//! of parse failures into CPython 3.11's messages and positions.
//!
//! CPython's PEG parser finds many errors with dedicated "invalid_" rules; an LR parser
//! only knows the token it could not accept and what it expected instead. For the
//! common cases we inspect the tokens around the failure to pick CPython's message.
//! `tests/fixtures/error_cases.txt` (recorded from CPython 3.11) checks them.
//!
//! Exact (message and position):
//! - every tokenizer / layout error (`token.rs`, `indent.rs`): unterminated strings,
//!   bad numbers, invalid characters, brackets (never closed / does not match /
//!   unmatched / too many nested), indentation (unexpected indent, unindent mismatch,
//!   TabError, expected an indented block after ...), backslash continuations;
//! - CPython's rule that after a parser error the rest of the source is tokenized and
//!   a tokenizer error found there wins (so `x = [1, 2` + more lines reports
//!   `'[' was never closed`);
//! - `expected ':'` (block headers at end of line, and the forced colons after `try`,
//!   `else`, `finally` and a `def` header), `expected '('` after `def name`,
//!   `expected 'except' or 'finally' block`;
//! - `Missing parentheses in call to 'print'. Did you mean print(...)?` (and `exec`);
//! - `invalid syntax. Perhaps you forgot a comma?` inside brackets;
//! - `expected 'else' after 'if' expression`;
//! - `invalid syntax. Maybe you meant '==' or ':=' instead of '='?` and
//!   `cannot assign to X here. Maybe you meant '==' instead of '='?`;
//! - `':' expected after dictionary key`, `expression expected after dictionary key
//!   and ':'`, comprehension-target and unpacking-in-comprehension messages,
//!   `multiple exception types must be parenthesized`, `trailing comma not allowed
//!   without surrounding parentheses`;
//! - target, call-argument, parameter, string-escape and f-string errors raised by
//!   the grammar actions (`targets.rs`, `actions.rs`, `strings.rs`, `fstring.rs`),
//!   including CPython 3.11's relative positions for errors inside f-string fields.
//!
//! Approximate / known gaps: any other failure is `invalid syntax` at the offending
//! token, which is what CPython says in most remaining cases, but some of its rarer
//! specialised messages are not reproduced (e.g. `@dec` alone at the end of a file,
//! where CPython reports column 0). `async`/`await`, `match` statements, `except*`
//! and type parameters are not part of this language and are `invalid syntax`.
//! Errors CPython raises after parsing (`'return' outside function`, `keyword
//! argument repeated`, `nonlocal declaration not allowed at module level`, starred
//! assignment targets, duplicate parameters) belong to the compiler.
//! Only `\N{...}` escapes with one of a few dozen common names are supported
//! (there is no Unicode name table); others report CPython's "unknown Unicode
//! character name" error.

use crate::actions::{Ctx, Top};
use crate::ast::{Expr, ExprKind, Module, StmtKind};
use crate::diag::Diag;
use crate::grammar::TopParser;
use crate::indent::{Layout, Mode, Spanned};
use crate::line_index::LineIndex;
use crate::targets;
use crate::token::Tok;
use crate::with_parens::WithParens;
use crate::SyntaxError;
use lalrpop_util::ParseError;

/// One token as the parser received it, with its bracket depth.
struct Seen {
    start: usize,
    tok: Tok,
    end: usize,
    /// Bracket depth after this token.
    depth: usize,
}

/// Feeds the parser and remembers every token it was given, so that errors can be
/// explained by looking at the tokens around them.
struct Recorder<'s> {
    /// The whole original source (tokens' offsets index into it).
    source: &'s str,
    inner: WithParens<Layout<'s>>,
    base: usize,
    start_marker: Option<Tok>,
    seen: Vec<Seen>,
    depth: usize,
    mode: Mode,
    interactive: bool,
    /// Index of the furthest token CPython's parser would also have read while
    /// trying its error rules (see [`scan_forward`]).
    lookahead_high: usize,
    /// Offset one past the parsed text.
    text_end: usize,
}

impl<'s> Recorder<'s> {
    fn new(
        source: &'s str,
        text: &'s str,
        base: usize,
        mode: Mode,
        interactive: bool,
    ) -> Recorder<'s> {
        let mut layout = Layout::new(text, mode);
        layout.set_interactive(interactive);
        Recorder {
            source,
            inner: WithParens::new(layout),
            base,
            start_marker: Some(if mode == Mode::Module {
                Tok::StartModule
            } else {
                Tok::StartExpr
            }),
            seen: Vec::new(),
            depth: usize::from(mode == Mode::FStringField),
            mode,
            interactive,
            lookahead_high: 0,
            text_end: base + text.len(),
        }
    }

    /// Shifts a token or error found in a piece of the source to absolute offsets.
    fn shift(&self, item: Spanned) -> Spanned {
        let base = self.base;
        if base == 0 {
            return item;
        }
        match item {
            Ok((s, mut tok, e)) => {
                if let Tok::Str(st) = &mut tok {
                    st.content_start += base;
                    st.content_end += base;
                }
                Ok((s + base, tok, e + base))
            }
            Err(d) => Err(d.shifted(base)),
        }
    }

    /// Index of the last token given to the parser.
    fn last_index(&self) -> Option<usize> {
        self.seen.len().checked_sub(1)
    }

    /// Makes sure token `i` has been read (reading past the parser's position while
    /// explaining an error). Returns an error the lexer reports on the way.
    fn ensure(&mut self, i: usize) -> Result<bool, Diag> {
        while self.seen.len() <= i {
            match self.next() {
                None => return Ok(false),
                Some(Err(d)) => return Err(d),
                Some(Ok(_)) => {}
            }
        }
        Ok(true)
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.seen.get(i).map(|s| &s.tok)
    }
}

impl Iterator for Recorder<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        if let Some(marker) = self.start_marker.take() {
            return Some(Ok((self.base, marker, self.base)));
        }
        let item = self.inner.next()?;
        let mut item = self.shift(item);
        if let Err(d) = &mut item {
            // Everything the layers below report is a tokenizer error, except the
            // stray characters CPython lets its parser reject, and the two layout
            // errors CPython finds in its parser.
            d.from_tokenizer = !(d.msg == "invalid syntax"
                || d.msg == "unexpected indent"
                || d.msg.starts_with("expected an indented block"));
        }
        if let Ok((s, tok, e)) = &item {
            match tok {
                Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::WithLpar => self.depth += 1,
                Tok::Rpar | Tok::Rsqb | Tok::Rbrace | Tok::WithRpar => {
                    self.depth = self.depth.saturating_sub(1)
                }
                _ => {}
            }
            self.seen.push(Seen {
                start: *s,
                tok: tok.clone(),
                end: *e,
                depth: self.depth,
            });
        }
        Some(item)
    }
}

/// Parses `ctx.source[base..base + text.len()]` (`text`) in `mode`.
fn run(ctx: &Ctx<'_>, text: &str, base: usize, mode: Mode, interactive: bool) -> Result<Top, Diag> {
    let mut rec = Recorder::new(ctx.source, text, base, mode, interactive);
    let result = TopParser::new().parse(ctx, rec.by_ref());
    match result {
        Ok(top) => Ok(top),
        Err(err) => Err(explain(ctx, &mut rec, err)),
    }
}

/// Parses a whole source text; errors keep their byte offsets (see [`to_public`]).
pub(crate) fn parse_source(source: &str, mode: Mode, interactive: bool) -> Result<Top, Diag> {
    let ctx = Ctx {
        source,
        fstring_depth: 0,
    };
    if let Some(nul) = source.find('\0') {
        return Err(Diag::syntax(
            "source code cannot contain null bytes",
            nul,
            nul,
        ));
    }
    run(&ctx, source, 0, mode, interactive)
}

/// Converts an error of [`parse_source`] to the public type.
pub(crate) fn to_public(source: &str, diag: Diag) -> SyntaxError {
    diag.into_syntax_error(&LineIndex::new(source))
}

/// Parses the expression of an f-string replacement field, `ctx.source[start..end]`,
/// with absolute spans.
pub(crate) fn parse_fstring_field(ctx: &Ctx<'_>, start: usize, end: usize) -> Result<Expr, Diag> {
    let text = ctx.source.get(start..end).unwrap_or("");
    let inner = Ctx {
        source: ctx.source,
        fstring_depth: ctx.fstring_depth + 1,
    };
    match run(&inner, text, start, Mode::FStringField, false)? {
        Top::Expr(e) => Ok(e),
        Top::Module(_) => Err(Diag::syntax("invalid syntax", start, end)),
    }
}

/// Parses `ctx.source[start..end]` as an expression, if it is one (used to name the
/// expression in some error messages).
fn parse_range(ctx: &Ctx<'_>, start: usize, end: usize) -> Option<Expr> {
    if ctx.fstring_depth > 8 {
        return None;
    }
    parse_fstring_field(ctx, start, end).ok()
}

/// Whether the parse of a module ended with a compound statement (for the REPL).
pub(crate) fn ends_with_compound(module: &Module) -> bool {
    module.body.last().is_some_and(|s| {
        matches!(
            s.kind,
            StmtKind::If { .. }
                | StmtKind::While { .. }
                | StmtKind::For { .. }
                | StmtKind::Try { .. }
                | StmtKind::With { .. }
                | StmtKind::FunctionDef(_)
                | StmtKind::ClassDef(_)
        )
    })
}

// ---------------------------------------------------------------- explaining errors

/// Turns a LALRPOP error into CPython's error.
fn explain(ctx: &Ctx<'_>, rec: &mut Recorder<'_>, err: ParseError<usize, Tok, Diag>) -> Diag {
    // The tokens the parser itself had read (explaining may read further).
    let parser_read = rec.seen.len();
    let diag = match err {
        ParseError::User { mut error } => {
            if error.at_lookahead && error.fixed.is_none() {
                if let Some(last) = rec.seen.last() {
                    let zero_width = matches!(last.tok, Tok::Newline | Tok::Dedent | Tok::Indent);
                    error.start = last.start;
                    error.end = if zero_width { last.start } else { last.end };
                }
            }
            error
        }
        ParseError::UnrecognizedToken {
            token: (start, tok, end),
            expected,
        } => {
            let expected: Vec<&str> = expected.iter().map(|s| s.as_str()).collect();
            match unexpected_token(ctx, rec, start, &tok, end, &expected) {
                Ok(diag) => diag,
                Err(lexer_error) => return lexer_error,
            }
        }
        ParseError::UnrecognizedEof { location, expected } => {
            let msg = if expected.iter().any(|e| e == "\"except\"")
                && expected.iter().any(|e| e == "\"finally\"")
            {
                "expected 'except' or 'finally' block"
            } else {
                "invalid syntax"
            };
            if rec.mode == Mode::FStringField {
                // CPython parses a field as `(expr)`: the error is at the `)`.
                Diag::syntax(msg, rec.text_end, rec.text_end + 1)
            } else {
                let at = last_newline(rec).unwrap_or(location);
                let diag = Diag::syntax(msg, at, at);
                if rec.mode == Mode::Module {
                    diag.incomplete()
                } else {
                    diag
                }
            }
        }
        ParseError::InvalidToken { location } => Diag::syntax("invalid syntax", location, location),
        ParseError::ExtraToken {
            token: (start, _, end),
        } => Diag::syntax("invalid syntax", start, end),
    };
    if diag.from_tokenizer {
        return diag;
    }
    // CPython compares with the line of the last token its parser read: for a
    // generic error the token it failed on; for a specialised message about where
    // the marked range ends (our grammar is more permissive than CPython's, so it
    // may have read further); in both cases also what its error rules looked at.
    let lookahead = rec.seen.get(rec.lookahead_high).map_or(0, |s| s.start);
    let read_to = if diag.msg == "invalid syntax" {
        parser_read
            .checked_sub(1)
            .and_then(|i| rec.seen.get(i))
            .map_or(0, |s| s.start)
    } else {
        diag.end.max(diag.start).min(ctx.source.len())
    };
    let last_read_line = line_of(rec, read_to.max(lookahead));
    rescan_for_tokenizer_errors(rec, diag, last_read_line)
}

/// Offset of the last NEWLINE token the parser saw (where CPython reports errors
/// found at the end of the input).
fn last_newline(rec: &Recorder<'_>) -> Option<usize> {
    rec.seen
        .iter()
        .rev()
        .find(|s| s.tok == Tok::Newline)
        .map(|s| s.start)
}

/// After a parser-level error CPython tokenizes the rest of the source, and a
/// tokenizer error found there replaces the parser's error. An unclosed bracket at
/// the end replaces it only when the last token the parser had read is on a later
/// line than the bracket. (Not done for interactive input, as in CPython.)
fn rescan_for_tokenizer_errors(rec: &mut Recorder<'_>, error: Diag, last_read_line: usize) -> Diag {
    if rec.interactive || error.msg == "unexpected indent" {
        return error;
    }
    rec.inner.inner_mut().tokenizer_errors_only();
    loop {
        match rec.next() {
            None => return error,
            Some(Ok(_)) => {}
            Some(Err(d)) => {
                if !d.from_tokenizer {
                    continue;
                }
                if d.msg.ends_with("was never closed") {
                    return if last_read_line > line_of(rec, d.start) {
                        d
                    } else {
                        error
                    };
                }
                // Only the tokenizer errors that CPython raises as exceptions on
                // the spot count; indentation and continuation errors are
                // reported through the parser and do not.
                let raised_on_the_spot = d.kind == crate::diag::DiagKind::Syntax
                    && !d
                        .msg
                        .starts_with("unexpected character after line continuation")
                    && !d.msg.starts_with("unexpected EOF while parsing");
                return if raised_on_the_spot { d } else { error };
            }
        }
    }
}

/// 1-based line of an absolute offset.
fn line_of(rec: &Recorder<'_>, at: usize) -> usize {
    rec.source.get(..at).map_or(0, |t| t.matches('\n').count()) + 1
}

/// Whether a token can start an expression.
fn starts_expression(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Str(_)
            | Tok::Lpar
            | Tok::Lsqb
            | Tok::Lbrace
            | Tok::Minus
            | Tok::Plus
            | Tok::Tilde
            | Tok::Not
            | Tok::Lambda
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Ellipsis
            | Tok::Await
    )
}

/// Whether a token can end an expression.
fn ends_operand(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Str(_)
            | Tok::Rpar
            | Tok::Rsqb
            | Tok::Rbrace
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Ellipsis
    )
}

/// Binary operators inside a `disjunction` (everything but `if`/`else`/`lambda`).
fn is_binary_operator(tok: &Tok, bitwise_only: bool) -> bool {
    let bitwise = matches!(
        tok,
        Tok::Plus
            | Tok::Minus
            | Tok::Star
            | Tok::Slash
            | Tok::DoubleSlash
            | Tok::Percent
            | Tok::At
            | Tok::DoubleStar
            | Tok::LeftShift
            | Tok::RightShift
            | Tok::Amper
            | Tok::Vbar
            | Tok::Circumflex
            | Tok::Dot
    );
    bitwise
        || (!bitwise_only
            && matches!(
                tok,
                Tok::Less
                    | Tok::Greater
                    | Tok::EqEqual
                    | Tok::NotEqual
                    | Tok::LessEqual
                    | Tok::GreaterEqual
                    | Tok::In
                    | Tok::Is
                    | Tok::Not
                    | Tok::And
                    | Tok::Or
            ))
}

/// Index of the first token of the expression (`disjunction`, or `bitwise_or` with
/// `bitwise_only`) that ends with token `last`, scanning backwards.
fn scan_back(rec: &Recorder<'_>, last: usize, bitwise_only: bool) -> usize {
    let mut i = last;
    loop {
        // `i` is the last token of an operand: step over it (a bracket group, maybe
        // preceded by trailers, or a single atom).
        let mut k = i;
        loop {
            match rec.tok(k) {
                Some(Tok::Rpar | Tok::Rsqb | Tok::Rbrace) => {
                    let mut depth = 0usize;
                    let mut j = k;
                    loop {
                        match rec.tok(j) {
                            Some(Tok::Rpar | Tok::Rsqb | Tok::Rbrace) => depth += 1,
                            Some(Tok::Lpar | Tok::Lsqb | Tok::Lbrace) => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    break;
                                }
                            }
                            None => return i,
                            _ => {}
                        }
                        if j == 0 {
                            return 0;
                        }
                        j -= 1;
                    }
                    k = j;
                }
                Some(_) => {}
                None => return i,
            }
            // A call or subscript trailer continues the operand leftwards; so does
            // implicit string concatenation.
            let current_is_group = matches!(rec.tok(k), Some(Tok::Lpar | Tok::Lsqb));
            let current_is_str = matches!(rec.tok(k), Some(Tok::Str(_)));
            match k.checked_sub(1).and_then(|p| rec.tok(p)) {
                Some(prev) if current_is_group && ends_operand(prev) => k -= 1,
                Some(Tok::Str(_)) if current_is_str => k -= 1,
                _ => break,
            }
        }
        // Unary prefixes.
        while let Some(prev) = k.checked_sub(1).and_then(|p| rec.tok(p)) {
            let unary = matches!(prev, Tok::Minus | Tok::Plus | Tok::Tilde)
                || (!bitwise_only && *prev == Tok::Not);
            let before_is_operand = k >= 2 && rec.tok(k - 2).is_some_and(ends_operand);
            if unary && !before_is_operand {
                k -= 1;
            } else {
                break;
            }
        }
        // A binary operator to the left continues the expression.
        match k.checked_sub(1).and_then(|p| rec.tok(p)) {
            Some(op) if is_binary_operator(op, bitwise_only) && k >= 2 => {
                let before = rec.tok(k - 2);
                if before.is_some_and(ends_operand) {
                    i = k - 2;
                    continue;
                }
                // `not in` / `is not`.
                if matches!(op, Tok::In | Tok::Not)
                    && k >= 3
                    && rec.tok(k - 3).is_some_and(ends_operand)
                {
                    i = k - 3;
                    continue;
                }
                return k;
            }
            _ => return k,
        }
    }
}

/// Offset just past the expression starting at token `first` (CPython's
/// `expression`, or `bitwise_or` with `bitwise_only`); with `commas`, a whole
/// comma-separated list. `None` when no expression starts there. Reads further
/// tokens as needed; a tokenizer error found on the way is returned as `Err` (as in
/// CPython, whose parser would hit it while trying to parse that expression).
fn scan_forward(
    rec: &mut Recorder<'_>,
    first: usize,
    commas: bool,
    bitwise_only: bool,
) -> Result<Option<usize>, Diag> {
    let mut i = first;
    let mut expect_operand = true;
    let mut end = None;
    // A conditional expression without its `else` ends before the `if`.
    let mut before_if: Option<Option<usize>> = None;
    loop {
        if !rec.ensure(i)? {
            return Ok(before_if.unwrap_or(end));
        }
        if end.is_some() {
            rec.lookahead_high = rec.lookahead_high.max(i);
        }
        let Some(tok) = rec.tok(i).cloned() else {
            return Ok(before_if.unwrap_or(end));
        };
        if expect_operand {
            match tok {
                Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                    let Some(close) = skip_group(rec, i)? else {
                        return Ok(before_if.unwrap_or(end));
                    };
                    i = close;
                    end = rec.seen.get(i).map(|s| s.end);
                    expect_operand = false;
                }
                t if ends_operand(&t) => {
                    end = rec.seen.get(i).map(|s| s.end);
                    expect_operand = false;
                }
                Tok::Minus | Tok::Plus | Tok::Tilde | Tok::Await => {}
                Tok::Not if !bitwise_only => {}
                Tok::Star | Tok::DoubleStar if commas => {}
                Tok::Lambda if !bitwise_only => {
                    // Skip the parameters up to the `:`.
                    loop {
                        i += 1;
                        if !rec.ensure(i)? {
                            return Ok(before_if.unwrap_or(end));
                        }
                        if matches!(rec.tok(i), Some(Tok::Colon)) {
                            break;
                        }
                        if matches!(rec.tok(i), Some(Tok::Newline) | None) {
                            return Ok(before_if.unwrap_or(end));
                        }
                    }
                }
                _ => return Ok(before_if.unwrap_or(end)),
            }
        } else {
            match tok {
                Tok::Lpar | Tok::Lsqb => {
                    let Some(close) = skip_group(rec, i)? else {
                        return Ok(before_if.unwrap_or(end));
                    };
                    i = close;
                    end = rec.seen.get(i).map(|s| s.end);
                }
                Tok::Str(_) if matches!(rec.tok(i.wrapping_sub(1)), Some(Tok::Str(_))) => {
                    end = rec.seen.get(i).map(|s| s.end);
                }
                Tok::Dot => {
                    i += 1;
                    if !rec.ensure(i)? || !matches!(rec.tok(i), Some(Tok::Name(_))) {
                        return Ok(before_if.unwrap_or(end));
                    }
                    end = rec.seen.get(i).map(|s| s.end);
                }
                Tok::Comma if commas => expect_operand = true,
                Tok::If if !bitwise_only => {
                    before_if.get_or_insert(end);
                    expect_operand = true;
                }
                Tok::Else if !bitwise_only => {
                    before_if = None;
                    expect_operand = true;
                }
                t if is_binary_operator(&t, bitwise_only) => expect_operand = true,
                _ => return Ok(before_if.unwrap_or(end)),
            }
        }
        i += 1;
    }
}

/// Whether a token can follow an opening bracket.
fn can_start_element(tok: &Tok) -> bool {
    starts_expression(tok)
        || matches!(
            tok,
            Tok::Star
                | Tok::DoubleStar
                | Tok::Yield
                | Tok::Rpar
                | Tok::Rsqb
                | Tok::Rbrace
                | Tok::Colon
        )
}

/// Index of the bracket closing the group opened at token `open`; `None` if the
/// group cannot be an expression (it holds a statement keyword, as when a bracket
/// was typed by mistake), so that CPython's parser would have given up inside it.
fn skip_group(rec: &mut Recorder<'_>, open: usize) -> Result<Option<usize>, Diag> {
    let mut depth = 0usize;
    let mut i = open;
    loop {
        if !rec.ensure(i)? {
            return Ok(None);
        }
        match rec.tok(i) {
            Some(Tok::Lpar | Tok::Lsqb | Tok::Lbrace) => depth += 1,
            Some(Tok::Rpar | Tok::Rsqb | Tok::Rbrace) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(Some(i));
                }
            }
            // CPython's parser gives up at once when the bracket's first token cannot
            // begin an element; otherwise it reads on, possibly to the end.
            Some(t) if i == open + 1 && !can_start_element(t) => return Ok(None),
            Some(Tok::From) if i > 0 && rec.tok(i - 1) != Some(&Tok::Yield) => return Ok(None),
            None => return Ok(None),
            _ => {}
        }
        i += 1;
    }
}

/// Index of the first token of the logical line containing token `i`.
fn line_first_token_index(rec: &Recorder<'_>, i: usize) -> usize {
    let mut j = i;
    while j > 0 {
        if matches!(
            rec.tok(j - 1),
            Some(
                Tok::Newline
                    | Tok::Indent
                    | Tok::Dedent
                    | Tok::StartModule
                    | Tok::StartExpr
                    | Tok::Semi
            )
        ) {
            return j;
        }
        j -= 1;
    }
    0
}

/// First token of the current logical line, at or before token `i`.
fn line_first_token<'r>(rec: &'r Recorder<'_>, i: usize) -> Option<&'r Tok> {
    let mut j = i;
    while j > 0 {
        if matches!(
            rec.tok(j - 1),
            Some(
                Tok::Newline
                    | Tok::Indent
                    | Tok::Dedent
                    | Tok::StartModule
                    | Tok::StartExpr
                    | Tok::Semi
            )
        ) {
            return rec.tok(j);
        }
        j -= 1;
    }
    rec.tok(0)
}

/// Chooses CPython's message for an unexpected token at `start..end`. `Err` carries a
/// tokenizer error found while looking ahead, which takes precedence.
fn unexpected_token(
    ctx: &Ctx<'_>,
    rec: &mut Recorder<'_>,
    start: usize,
    tok: &Tok,
    end: usize,
    expected: &[&str],
) -> Result<Diag, Diag> {
    let Some(ei) = rec.last_index() else {
        return Ok(Diag::syntax("invalid syntax", start, end));
    };
    let prev = ei.checked_sub(1).and_then(|p| rec.tok(p)).cloned();
    let depth_before = ei
        .checked_sub(1)
        .and_then(|p| rec.seen.get(p))
        .map_or(0, |s| s.depth);
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);

    if *tok == Tok::Indent {
        let at = start.saturating_sub(1);
        return Ok(Diag::indentation("unexpected indent", at, at));
    }

    // `try:` block followed by neither `except` nor `finally`, reported at the next
    // real token (or the last line end, at the end of the input).
    if expects("except") && expects("finally") && *tok != Tok::Except && *tok != Tok::Finally {
        let (s, e) = match tok {
            Tok::Newline => (start, start),
            Tok::Dedent => real_token_span(rec, ei)?,
            _ => (start, end),
        };
        return Ok(Diag::syntax("expected 'except' or 'finally' block", s, e));
    }
    if *tok == Tok::Dedent {
        return Ok(Diag::indentation("unexpected unindent", start, start));
    }

    // `if x` NEWLINE: a block header without its colon.
    if *tok == Tok::Newline && expects(":") {
        let header = line_first_token(rec, ei).is_some_and(|t| {
            matches!(
                t,
                Tok::If
                    | Tok::Elif
                    | Tok::Else
                    | Tok::While
                    | Tok::For
                    | Tok::Try
                    | Tok::Except
                    | Tok::Finally
                    | Tok::With
                    | Tok::Def
                    | Tok::Class
            )
        });
        if header {
            return Ok(Diag::syntax("expected ':'", start, start));
        }
    }

    // Forced colons: `try`, `else`, `finally` and a `def` header must be followed
    // by `:` (CPython's `&&':'`), and a `def` name by `(`.
    if let Some(prev_i) = ei.checked_sub(1) {
        let first = line_first_token(rec, ei).cloned();
        let prev = rec.tok(prev_i).cloned();
        let at_line_start = prev_i == 0
            || matches!(
                rec.tok(prev_i - 1),
                Some(Tok::Newline | Tok::Indent | Tok::Dedent | Tok::StartModule)
            );
        let (s, e) = if matches!(tok, Tok::Newline) {
            (start, start)
        } else {
            (start, end)
        };
        if expects(":")
            && at_line_start
            && matches!(prev, Some(Tok::Try | Tok::Else | Tok::Finally))
        {
            return Ok(Diag::syntax("expected ':'", s, e));
        }
        if first == Some(Tok::Def) && depth_before == 0 {
            if expects("(") && prev_i >= 1 && rec.tok(prev_i - 1) == Some(&Tok::Def) {
                return Ok(Diag::syntax("expected '('", s, e));
            }
            if prev == Some(Tok::Rarrow) {
                // `def f() -> :` backs up to before the `->`.
                let arrow = &rec.seen[prev_i];
                return Ok(Diag::syntax("expected ':'", arrow.start, arrow.end));
            }
            if expects(":") {
                return Ok(Diag::syntax("expected ':'", s, e));
            }
        }
    }

    if let Some(prev) = &prev {
        let prev_i = ei - 1;
        let opener = enclosing_opener(rec, prev_i);
        let in_dict = opener.is_some_and(|o| {
            rec.tok(o) == Some(&Tok::Lbrace)
                && (o + 1..prev_i).any(|k| {
                    rec.tok(k) == Some(&Tok::Colon)
                        && rec.seen.get(k).map(|s| s.depth) == Some(depth_before)
                })
        });

        // `f(a.b = 1)`: `=` after an argument that is not a plain name.
        let in_call = opener.is_some_and(|o| {
            rec.tok(o) == Some(&Tok::Lpar) && o > 0 && rec.tok(o - 1).is_some_and(ends_operand)
        });
        if let (true, Some(o)) = (in_call, opener) {
            let arg_start = (o + 1..ei)
                .rev()
                .find(|&k| rec.tok(k) == Some(&Tok::Comma) && rec.seen[k].depth == depth_before)
                .map_or(o + 1, |k| k + 1);
            let eq = (arg_start..ei)
                .find(|&k| rec.tok(k) == Some(&Tok::Equal) && rec.seen[k].depth == depth_before);
            if let Some(eq) = eq {
                let plain_name =
                    eq == arg_start + 1 && matches!(rec.tok(arg_start), Some(Tok::Name(_)));
                if eq > arg_start && !plain_name {
                    let a = rec.seen[arg_start].start;
                    let eq_end = rec.seen[eq].end;
                    let keyword = eq == arg_start + 1
                        && matches!(rec.tok(arg_start), Some(Tok::True | Tok::False | Tok::None));
                    let msg = if keyword {
                        format!(
                            "cannot assign to {}",
                            rec.tok(arg_start).and_then(Tok::keyword_text).unwrap_or("")
                        )
                    } else {
                        "expression cannot contain assignment, perhaps you meant \"==\"?"
                            .to_string()
                    };
                    return Ok(Diag::syntax(msg, a, eq_end));
                }
            }
        }

        // `x + 1:` with no annotation: CPython only accepts a name, attribute or
        // subscript before the `:`, so it stops at the colon.
        if *tok == Tok::Newline && *prev == Tok::Colon && depth_before == 0 {
            let first = line_first_token_index(rec, prev_i);
            if !matches!(rec.tok(first), Some(t) if t.keyword_text().is_some()) && first < prev_i {
                let target = parse_range(ctx, rec.seen[first].start, rec.seen[prev_i - 1].end);
                let simple = target.as_ref().is_some_and(|e| {
                    matches!(
                        e.kind,
                        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                    )
                });
                if !simple {
                    let colon = &rec.seen[prev_i];
                    return Ok(Diag::syntax("invalid syntax", colon.start, colon.end));
                }
            }
        }

        // `{k: *v}`.
        if *tok == Tok::Star && *prev == Tok::Colon && in_dict {
            let end_at = match scan_forward(rec, ei + 1, false, true)? {
                // CPython marks up to the end of the token after the value.
                Some(b_end) => rec
                    .seen
                    .iter()
                    .find(|s| s.start >= b_end)
                    .map_or(b_end, |s| s.end),
                None => end,
            };
            return Ok(Diag::syntax(
                "cannot use a starred expression in a dictionary value",
                start,
                end_at,
            ));
        }

        // `f() = ` with nothing after: the target is reported first.
        if *prev == Tok::Equal && depth_before == 0 && !starts_expression(tok) {
            let first = line_first_token_index(rec, prev_i);
            let mut seg_start = first;
            for k in first..=prev_i {
                if rec.tok(k) == Some(&Tok::Equal) && rec.seen[k].depth == 0 {
                    if let (Some(a), Some(b)) = (
                        rec.seen.get(seg_start),
                        k.checked_sub(1).and_then(|b| rec.seen.get(b)),
                    ) {
                        if let Some(e) = parse_range(ctx, a.start, b.end) {
                            if let Some(bad) =
                                targets::invalid_target(&e, targets::TargetKind::Assign)
                            {
                                return Ok(targets::target_error(
                                    bad,
                                    targets::TargetKind::Assign,
                                    false,
                                ));
                            }
                        }
                    }
                    seg_start = k + 1;
                }
            }
        }

        // `{1: }`: a dictionary key and colon without a value.
        if *prev == Tok::Colon && matches!(tok, Tok::Rbrace | Tok::Comma) && in_dict {
            let colon = &rec.seen[prev_i];
            return Ok(Diag::syntax(
                "expression expected after dictionary key and ':'",
                colon.start,
                colon.end,
            ));
        }

        // `{1: 2, 3 4}`: a dictionary key without its colon.
        let in_comprehension = opener.is_some_and(|o| {
            (o + 1..prev_i)
                .any(|k| rec.tok(k) == Some(&Tok::For) && rec.seen[k].depth == depth_before)
        });
        if in_dict && ends_operand(prev) && !in_comprehension {
            let first = scan_back(rec, prev_i, false);
            if first > 0 && rec.tok(first - 1) == Some(&Tok::Comma) {
                let at = rec
                    .seen
                    .get(prev_i)
                    .map_or(start, |s| s.end.saturating_sub(1));
                return Ok(Diag::syntax("':' expected after dictionary key", at, at));
            }
        }
        let prev_dot = prev_i.checked_sub(1).and_then(|p| rec.tok(p)) == Some(&Tok::Dot);

        // `print "x"`: Python 2 statements.
        if let Tok::Name(name) = prev {
            if (name == "print" || name == "exec")
                && !prev_dot
                && starts_expression(tok)
                && *tok != Tok::Lpar
            {
                let stmt_start = rec.seen.get(prev_i).map_or(start, |s| s.start);
                let stmt_end = scan_forward(rec, ei, true, false)?.unwrap_or(end);
                return Ok(Diag::syntax(
                    format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
                    stmt_start,
                    stmt_end,
                ));
            }
        }

        // Comprehension mistakes, found at the `for`.
        if *tok == Tok::For {
            if let Some(o) = opener {
                let first = scan_back(rec, prev_i, true);
                let star = first
                    .checked_sub(1)
                    .and_then(|k| rec.tok(k).map(|t| (k, t)));
                if let Some((k, star_tok @ (Tok::Star | Tok::DoubleStar))) = star {
                    if k == o + 1 {
                        let msg = if *star_tok == Tok::DoubleStar {
                            "dict unpacking cannot be used in dict comprehension"
                        } else {
                            "iterable unpacking cannot be used in comprehension"
                        };
                        // CPython marks `*x`, but only the `**` of `**x`.
                        let s = rec.seen[k].start;
                        let e = if *star_tok == Tok::DoubleStar {
                            rec.seen[k].end
                        } else {
                            rec.seen[prev_i].end
                        };
                        return Ok(Diag::syntax(msg, s, e));
                    }
                }
                let open_tok = rec.tok(o).cloned();
                let has_comma = (o + 1..prev_i).any(|k| {
                    rec.tok(k) == Some(&Tok::Comma)
                        && rec.seen.get(k).map(|s| s.depth) == Some(depth_before)
                });
                if matches!(open_tok, Some(Tok::Lsqb | Tok::Lbrace)) && has_comma {
                    let s = rec.seen.get(o + 1).map_or(start, |s| s.start);
                    // CPython parses the `for ... in iterable` clause first, reading on.
                    let mut k = ei + 1;
                    while rec.ensure(k)? && k < ei + 64 {
                        if rec.tok(k) == Some(&Tok::In) {
                            scan_forward(rec, k + 1, false, false)?;
                            break;
                        }
                        k += 1;
                    }
                    return Ok(Diag::syntax(
                        "did you forget parentheses around the comprehension target?",
                        s,
                        rec.seen[prev_i].end,
                    ));
                }
                // `f(a=1 for x in y)`.
                if open_tok == Some(Tok::Lpar) && ends_operand(prev) {
                    let arg_start = (o + 1..prev_i)
                        .rev()
                        .find(|&k| {
                            rec.tok(k) == Some(&Tok::Comma) && rec.seen[k].depth == depth_before
                        })
                        .map_or(o + 1, |k| k + 1);
                    if matches!(rec.tok(arg_start), Some(Tok::Name(_)))
                        && rec.tok(arg_start + 1) == Some(&Tok::Equal)
                    {
                        return Ok(Diag::syntax(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            rec.seen[arg_start].start,
                            rec.seen[arg_start + 1].end,
                        ));
                    }
                }
            }
        }

        // `from a import b,`.
        if *tok == Tok::Newline
            && *prev == Tok::Comma
            && line_first_token(rec, ei) == Some(&Tok::From)
        {
            return Ok(Diag::syntax(
                "trailing comma not allowed without surrounding parentheses",
                start,
                start,
            ));
        }

        // `(a b)`: a missing comma between two expressions inside brackets. CPython
        // tries this wherever an `expression` is parsed (not in parameter lists, nor
        // in a comprehension's `in` / `if` parts, which are plain disjunctions), and
        // parses the second expression even outside brackets, which may run into a
        // tokenizer error first.
        let in_def_params = opener.is_some_and(|o| o >= 2 && rec.tok(o - 2) == Some(&Tok::Def));
        let in_lambda_params = find_back(rec, ei, |t| *t == Tok::Lambda)
            .is_some_and(|l| !(l..ei).any(|k| rec.tok(k) == Some(&Tok::Colon)));
        if ends_operand(prev) && starts_expression(tok) {
            let first = scan_back(rec, prev_i, false);
            let name_then_string = matches!(rec.tok(first), Some(Tok::Name(_)))
                && matches!(rec.tok(first + 1), Some(Tok::Str(_)));
            // CPython 3.11 compares soft keywords with `strncmp` over the name's length,
            // so any prefix of `match` or `case` (`m`, `c`, `ca`, ...) counts as one.
            let soft_keyword = matches!(rec.tok(first), Some(Tok::Name(n))
                if "match".starts_with(n.as_str()) || "case".starts_with(n.as_str()) || n == "_");
            let before_i = first.checked_sub(1);
            let before = before_i.and_then(|k| rec.tok(k)).cloned();
            // Places where CPython parses a bare disjunction, never an `expression`:
            // a comprehension's target / iterable / condition, and the condition of a
            // conditional expression.
            // (`scan_back` crosses a comprehension's `in` as if it were a comparison.)
            let comprehension_in = (first..prev_i).any(|k| {
                rec.tok(k) == Some(&Tok::In)
                    && rec.seen[k].depth == depth_before
                    && find_back(rec, k, |t| *t == Tok::For).is_some()
            });
            let in_comprehension_clause = comprehension_in
                || (matches!(before, Some(Tok::In | Tok::If))
                    && find_back(rec, first, |t| *t == Tok::For).is_some());
            // Names in an import statement are not expressions either.
            let in_import = matches!(line_first_token(rec, prev_i), Some(Tok::Import | Tok::From));
            let after_ternary_if = before == Some(Tok::If)
                && before_i.is_some_and(|k| line_first_token_index(rec, k) != k);
            // A parameter name (not a default or annotation) is not an expression.
            let param_name = (in_def_params || in_lambda_params)
                && matches!(
                    before,
                    Some(
                        Tok::Lpar
                            | Tok::Comma
                            | Tok::Star
                            | Tok::DoubleStar
                            | Tok::Slash
                            | Tok::Lambda
                    )
                );
            if name_then_string && first == prev_i && !in_import {
                // `name "string" ...`: CPython still parses what follows (to check
                // for a Python 2 `print "x"`), with its error rules on, so each
                // further missing comma makes it read one more expression; that
                // may run into a tokenizer error.
                let mut k = ei;
                for _ in 0..64 {
                    let Some(b_end) = scan_forward(rec, k, true, false)? else {
                        break;
                    };
                    let Some(next) = rec.seen.iter().position(|s| s.start >= b_end) else {
                        break;
                    };
                    let joins = rec.tok(next).is_some_and(starts_expression)
                        && next
                            .checked_sub(1)
                            .and_then(|p| rec.tok(p))
                            .is_some_and(ends_operand);
                    if !joins {
                        break;
                    }
                    k = next;
                }
            }
            if !name_then_string
                && !soft_keyword
                && !in_import
                && !in_comprehension_clause
                && !after_ternary_if
                && !param_name
            {
                let a_start = rec.seen.get(first).map_or(start, |s| s.start);
                let b_end = scan_forward(rec, ei, false, false)?;
                if let (Some(b_end), true) = (
                    b_end,
                    depth_before > 0 && !matches!(tok, Tok::Minus | Tok::Plus),
                ) {
                    return Ok(Diag::syntax(
                        "invalid syntax. Perhaps you forgot a comma?",
                        a_start,
                        b_end,
                    ));
                }
            }
        }

        // `x = 5 if 3`: a conditional expression without `else`.
        if expects("else") && *tok != Tok::Else && *tok != Tok::Colon {
            if let Some(if_i) = find_back(rec, ei, |t| *t == Tok::If) {
                if if_i > 0 {
                    let first = scan_back(rec, if_i - 1, false);
                    let a_start = rec.seen.get(first).map_or(start, |s| s.start);
                    let b_end = rec.seen.get(prev_i).map_or(start, |s| s.end);
                    return Ok(Diag::syntax(
                        "expected 'else' after 'if' expression",
                        a_start,
                        b_end,
                    ));
                }
            }
        }

        // `if x = 1:`: `=` where a comparison or walrus was probably meant.
        if *tok == Tok::Equal && ends_operand(prev) {
            let first = scan_back(rec, prev_i, true);
            let a_start = rec.seen.get(first).map_or(start, |s| s.start);
            let a_end = rec.seen.get(prev_i).map_or(start, |s| s.end);
            let starts_clause = first == 0
                || matches!(
                    rec.tok(first - 1),
                    Some(
                        Tok::If
                            | Tok::Elif
                            | Tok::While
                            | Tok::Lpar
                            | Tok::Lsqb
                            | Tok::Lbrace
                            | Tok::Comma
                            | Tok::StartExpr
                            | Tok::WithLpar
                    )
                );
            if starts_clause {
                if first == prev_i && matches!(prev, Tok::Name(_)) {
                    if let Some(b_end) = scan_forward(rec, ei + 1, false, true)? {
                        return Ok(Diag::syntax(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            a_start,
                            b_end,
                        ));
                    }
                }
                if let Some(e) = parse_range(ctx, a_start, a_end) {
                    if targets::is_bitwise_or_level(&e) && !matches!(e.kind, ExprKind::Name(_)) {
                        return Ok(Diag::syntax(
                            format!(
                                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                                targets::expr_name(&e)
                            ),
                            e.span.start as usize,
                            e.span.end as usize,
                        ));
                    }
                }
            }
        }

        // `except A, B:`.
        if *tok == Tok::Comma
            && depth_before == 0
            && line_first_token(rec, ei) == Some(&Tok::Except)
        {
            let except_i = find_back(rec, ei, |t| *t == Tok::Except);
            if let Some(except_i) = except_i {
                let a_start = rec.seen.get(except_i + 1).map_or(start, |s| s.start);
                let mut b_end = scan_forward(rec, except_i + 1, true, false)?.unwrap_or(end);
                // The range goes on over `as name`.
                if let Some(k) = rec.seen.iter().position(|s| s.start >= b_end) {
                    if rec.tok(k) == Some(&Tok::As) && rec.ensure(k + 1)? {
                        if let Some(Seen {
                            tok: Tok::Name(_),
                            end,
                            ..
                        }) = rec.seen.get(k + 1)
                        {
                            b_end = *end;
                        }
                    }
                }
                return Ok(Diag::syntax(
                    "multiple exception types must be parenthesized",
                    a_start,
                    b_end,
                ));
            }
        }
    }

    let (s, e) = if *tok == Tok::Newline {
        (start, start)
    } else {
        (start, end)
    };
    Ok(Diag::syntax("invalid syntax", s, e))
}

/// The span of the first token at or after `i` that is not a DEDENT; at the end of
/// the input, the position of the last line end.
fn real_token_span(rec: &mut Recorder<'_>, i: usize) -> Result<(usize, usize), Diag> {
    let mut j = i;
    while rec.ensure(j)? {
        match rec.seen.get(j) {
            Some(s) if s.tok != Tok::Dedent => return Ok((s.start, s.end)),
            _ => j += 1,
        }
    }
    let at = last_newline(rec).unwrap_or(0);
    Ok((at, at))
}

/// Index of the unmatched opening bracket that encloses token `i`, if any.
fn enclosing_opener(rec: &Recorder<'_>, i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i + 1;
    while j > 0 {
        j -= 1;
        match rec.tok(j)? {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace | Tok::WithRpar => depth += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::WithLpar => {
                if depth == 0 {
                    return Some(j);
                }
                depth -= 1;
            }
            Tok::Newline | Tok::StartModule => return None,
            _ => {}
        }
    }
    None
}

/// Index of the nearest token before `from` (same logical line, same bracket depth)
/// that satisfies `pred`.
fn find_back(rec: &Recorder<'_>, from: usize, pred: impl Fn(&Tok) -> bool) -> Option<usize> {
    let target_depth = from
        .checked_sub(1)
        .and_then(|p| rec.seen.get(p))
        .map_or(0, |s| s.depth);
    let mut j = from;
    while j > 0 {
        j -= 1;
        let seen = rec.seen.get(j)?;
        if matches!(
            seen.tok,
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::StartModule
        ) {
            return None;
        }
        if seen.depth == target_depth && pred(&seen.tok) {
            return Some(j);
        }
    }
    None
}
