//! Glue: lexer → layout → `with` disambiguation → LALRPOP parser, and the translation
//! of parse failures into CPython 3.11's messages and positions.
//!
//! CPython's PEG parser finds many errors with dedicated "invalid_" rules; an LR parser
//! only knows the token it could not accept and what it expected instead. For the
//! common cases we inspect the tokens around the failure to pick CPython's message:
//!
//! exact (message and position):
//! - `expected ':'` after a block header; `expected 'except' or 'finally' block`
//! - `Missing parentheses in call to 'print'. Did you mean print(...)?` (and `exec`)
//! - `invalid syntax. Perhaps you forgot a comma?` inside brackets
//! - `expected 'else' after 'if' expression`
//! - `invalid syntax. Maybe you meant '==' or ':=' instead of '='?` and
//!   `cannot assign to X here. Maybe you meant '==' instead of '='?` in conditions
//! - `multiple exception types must be parenthesized`
//! - every tokenizer / layout error (see `indent.rs`, `token.rs`), and CPython's rule
//!   that a generic `invalid syntax` is replaced by any tokenizer error later in the
//!   source (e.g. `'(' was never closed`)
//! - target, argument, parameter and string errors raised by grammar actions
//!
//! approximate (known gaps): anything else is `invalid syntax` at the offending token,
//! which is what CPython says in most remaining cases, but some of its rarer
//! specialised messages (e.g. `cannot use starred expression here` in some contexts,
//! `invalid syntax` at column 0 for `@dec` at the end of a file, the odd relative
//! positions CPython 3.11 gives for errors inside f-string expressions) are not
//! reproduced. `async`/`await`, `match` statements and `except*` are not part of this
//! language and are reported as `invalid syntax`.

use crate::actions::{Ctx, Top};
use crate::ast::{Expr, Module, StmtKind};
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
}

impl<'s> Recorder<'s> {
    fn new(source: &'s str, text: &'s str, base: usize, mode: Mode, interactive: bool) -> Recorder<'s> {
        let mut layout = Layout::new(text, mode);
        layout.set_interactive(interactive);
        Recorder {
            source,
            inner: WithParens::new(layout),
            base,
            start_marker: Some(if mode == Mode::Module { Tok::StartModule } else { Tok::StartExpr }),
            seen: Vec::new(),
            depth: usize::from(mode == Mode::FStringField),
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
        let item = self.shift(item);
        if let Ok((s, tok, e)) = &item {
            match tok {
                Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::WithLpar => self.depth += 1,
                Tok::Rpar | Tok::Rsqb | Tok::Rbrace | Tok::WithRpar => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            self.seen.push(Seen { start: *s, tok: tok.clone(), end: *e, depth: self.depth });
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
    let ctx = Ctx { source, fstring_depth: 0 };
    if let Some(nul) = source.find('\0') {
        return Err(Diag::syntax("source code cannot contain null bytes", nul, nul));
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
    let inner = Ctx { source: ctx.source, fstring_depth: ctx.fstring_depth + 1 };
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
    match err {
        ParseError::User { error } => {
            if error.generic {
                return override_generic(rec, error);
            }
            error
        }
        ParseError::UnrecognizedToken { token: (start, tok, end), expected } => {
            let expected: Vec<&str> = expected.iter().map(|s| s.as_str()).collect();
            match unexpected_token(ctx, rec, start, &tok, end, &expected) {
                Ok(diag) => diag,
                Err(lexer_error) => lexer_error,
            }
        }
        ParseError::UnrecognizedEof { location, expected } => {
            let at = last_newline(rec).unwrap_or(location);
            let msg = if expected.iter().any(|e| e == "\"except\"") && expected.iter().any(|e| e == "\"finally\"") {
                "expected 'except' or 'finally' block"
            } else {
                "invalid syntax"
            };
            Diag::syntax(msg, at, at).incomplete()
        }
        ParseError::InvalidToken { location } => Diag::syntax("invalid syntax", location, location),
        ParseError::ExtraToken { token: (start, _, end) } => {
            let diag = Diag { generic: true, ..Diag::syntax("invalid syntax", start, end) };
            override_generic(rec, diag)
        }
    }
}

/// Offset of the last NEWLINE token the parser saw (where CPython reports errors
/// found at the end of the input).
fn last_newline(rec: &Recorder<'_>) -> Option<usize> {
    rec.seen.iter().rev().find(|s| s.tok == Tok::Newline).map(|s| s.start)
}

/// CPython re-tokenizes the rest of the source after a generic `invalid syntax` and
/// reports the first tokenizer error instead, if there is one; an unclosed bracket
/// wins only when it was opened on an earlier line than the syntax error.
fn override_generic(rec: &mut Recorder<'_>, generic: Diag) -> Diag {
    rec.inner.inner_mut().tokenizer_errors_only();
    loop {
        match rec.next() {
            None => return generic,
            Some(Ok(_)) => {}
            Some(Err(d)) => {
                if d.msg.ends_with("was never closed") && line_of(rec, d.start) >= line_of(rec, generic.start) {
                    return generic;
                }
                return d;
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
                if matches!(op, Tok::In | Tok::Not) && k >= 3 && rec.tok(k - 3).is_some_and(ends_operand) {
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
/// comma-separated list. Reads further tokens as needed; a tokenizer error found on
/// the way is returned as `Err`.
fn scan_forward(rec: &mut Recorder<'_>, first: usize, commas: bool, bitwise_only: bool) -> Result<usize, Diag> {
    let mut i = first;
    let mut expect_operand = true;
    let mut end = rec.seen.get(first).map_or(0, |s| s.start);
    loop {
        if !rec.ensure(i)? {
            return Ok(end);
        }
        let Some(tok) = rec.tok(i).cloned() else { return Ok(end) };
        if expect_operand {
            match tok {
                Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                    i = skip_group(rec, i)?;
                    end = rec.seen.get(i).map_or(end, |s| s.end);
                    expect_operand = false;
                }
                t if ends_operand(&t) => {
                    end = rec.seen.get(i).map_or(end, |s| s.end);
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
                            return Ok(end);
                        }
                        if matches!(rec.tok(i), Some(Tok::Colon)) {
                            break;
                        }
                        if matches!(rec.tok(i), Some(Tok::Newline) | None) {
                            return Ok(end);
                        }
                    }
                }
                _ => return Ok(end),
            }
        } else {
            match tok {
                Tok::Lpar | Tok::Lsqb => {
                    i = skip_group(rec, i)?;
                    end = rec.seen.get(i).map_or(end, |s| s.end);
                }
                Tok::Str(_) if matches!(rec.tok(i.wrapping_sub(1)), Some(Tok::Str(_))) => {
                    end = rec.seen.get(i).map_or(end, |s| s.end);
                }
                Tok::Dot => {
                    i += 1;
                    if !rec.ensure(i)? || !matches!(rec.tok(i), Some(Tok::Name(_))) {
                        return Ok(end);
                    }
                    end = rec.seen.get(i).map_or(end, |s| s.end);
                }
                Tok::Comma if commas => expect_operand = true,
                Tok::If | Tok::Else if !bitwise_only => expect_operand = true,
                t if is_binary_operator(&t, bitwise_only) => expect_operand = true,
                _ => return Ok(end),
            }
        }
        i += 1;
    }
}

/// Index of the bracket closing the group opened at token `open`.
fn skip_group(rec: &mut Recorder<'_>, open: usize) -> Result<usize, Diag> {
    let mut depth = 0usize;
    let mut i = open;
    loop {
        if !rec.ensure(i)? {
            return Ok(i.saturating_sub(1));
        }
        match rec.tok(i) {
            Some(Tok::Lpar | Tok::Lsqb | Tok::Lbrace) => depth += 1,
            Some(Tok::Rpar | Tok::Rsqb | Tok::Rbrace) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(i);
                }
            }
            None => return Ok(i),
            _ => {}
        }
        i += 1;
    }
}

/// First token of the current logical line, at or before token `i`.
fn line_first_token<'r>(rec: &'r Recorder<'_>, i: usize) -> Option<&'r Tok> {
    let mut j = i;
    while j > 0 {
        if matches!(
            rec.tok(j - 1),
            Some(Tok::Newline | Tok::Indent | Tok::Dedent | Tok::StartModule | Tok::StartExpr | Tok::Semi)
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
    let depth_before = ei.checked_sub(1).and_then(|p| rec.seen.get(p)).map_or(0, |s| s.depth);
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);

    match tok {
        Tok::Indent => {
            let at = start.saturating_sub(1);
            return Ok(Diag::indentation("unexpected indent", at, at));
        }
        Tok::Dedent => return Ok(Diag::indentation("unexpected unindent", start, start)),
        _ => {}
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

    // `try:` block followed by neither `except` nor `finally`.
    if expects("except") && expects("finally") && *tok != Tok::Except && *tok != Tok::Finally {
        let (s, e) = if *tok == Tok::Newline { (start, start) } else { (start, end) };
        return Ok(Diag::syntax("expected 'except' or 'finally' block", s, e));
    }

    if let Some(prev) = &prev {
        let prev_i = ei - 1;
        let prev_dot = prev_i.checked_sub(1).and_then(|p| rec.tok(p)) == Some(&Tok::Dot);

        // `print "x"`: Python 2 statements.
        if let Tok::Name(name) = prev {
            if (name == "print" || name == "exec") && !prev_dot && starts_expression(tok) && *tok != Tok::Lpar {
                let stmt_start = rec.seen.get(prev_i).map_or(start, |s| s.start);
                let stmt_end = scan_forward(rec, ei, true, false)?;
                return Ok(Diag::syntax(
                    format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
                    stmt_start,
                    stmt_end,
                ));
            }
        }

        // `(a b)`: a missing comma between two expressions inside brackets.
        if ends_operand(prev) && starts_expression(tok) && depth_before > 0 && !matches!(tok, Tok::Minus | Tok::Plus) {
            let first = scan_back(rec, prev_i, false);
            let name_then_string = matches!(rec.tok(first), Some(Tok::Name(_)))
                && matches!(rec.tok(first + 1), Some(Tok::Str(_)));
            let soft_keyword = matches!(rec.tok(first), Some(Tok::Name(n)) if n == "match" || n == "case" || n == "_");
            if !name_then_string && !soft_keyword {
                let a_start = rec.seen.get(first).map_or(start, |s| s.start);
                let b_end = scan_forward(rec, ei, false, false)?;
                return Ok(Diag::syntax("invalid syntax. Perhaps you forgot a comma?", a_start, b_end));
            }
        }

        // `x = 5 if 3`: a conditional expression without `else`.
        if expects("else") && *tok != Tok::Else && *tok != Tok::Colon {
            if let Some(if_i) = find_back(rec, ei, |t| *t == Tok::If) {
                if if_i > 0 {
                    let first = scan_back(rec, if_i - 1, false);
                    let a_start = rec.seen.get(first).map_or(start, |s| s.start);
                    let b_end = rec.seen.get(prev_i).map_or(start, |s| s.end);
                    return Ok(Diag::syntax("expected 'else' after 'if' expression", a_start, b_end));
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
                    let b_end = scan_forward(rec, ei + 1, false, true)?;
                    return Ok(Diag::syntax(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        a_start,
                        b_end,
                    ));
                }
                if let Some(e) = parse_range(ctx, a_start, a_end) {
                    if targets::is_bitwise_or_level(&e) && !matches!(e.kind, crate::ast::ExprKind::Name(_)) {
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
        if *tok == Tok::Comma && depth_before == 0 && line_first_token(rec, ei) == Some(&Tok::Except) {
            let except_i = find_back(rec, ei, |t| *t == Tok::Except);
            if let Some(except_i) = except_i {
                let a_start = rec.seen.get(except_i + 1).map_or(start, |s| s.start);
                let b_end = scan_forward(rec, except_i + 1, true, false)?;
                return Ok(Diag::syntax("multiple exception types must be parenthesized", a_start, b_end));
            }
        }
    }

    let (s, e) = if *tok == Tok::Newline { (start, start) } else { (start, end) };
    let generic = Diag { generic: true, ..Diag::syntax("invalid syntax", s, e) };
    Ok(override_generic(rec, generic))
}

/// Index of the nearest token before `from` (same logical line, same bracket depth)
/// that satisfies `pred`.
fn find_back(rec: &Recorder<'_>, from: usize, pred: impl Fn(&Tok) -> bool) -> Option<usize> {
    let target_depth = from.checked_sub(1).and_then(|p| rec.seen.get(p)).map_or(0, |s| s.depth);
    let mut j = from;
    while j > 0 {
        j -= 1;
        let seen = rec.seen.get(j)?;
        if matches!(seen.tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::StartModule) {
            return None;
        }
        if seen.depth == target_depth && pred(&seen.tok) {
            return Some(j);
        }
    }
    None
}
