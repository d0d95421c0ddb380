//! Source text to AST: the logos lexer, the indentation layer and the LALRPOP parser.
//!
//! Entry points: [`parse_module`] for files and `-c` code, [`parse_interactive`] for one
//! REPL input, [`parse_expression`] for a single expression.
//! Nothing here panics on any input: every problem becomes a [`SyntaxError`].
//!
//! Pipeline: [`token`] (logos) → [`indent`] (NEWLINE / INDENT / DEDENT, brackets) →
//! `with_parens` (one token-level disambiguation) → the generated LALRPOP parser, whose
//! actions live in `actions`, `targets`, `strings` and `fstring`; `parser` glues it
//! together and explains failures the way CPython 3.11 does.

mod actions;
pub mod ast;
mod ast_drop;
mod diag;
pub mod error;
mod fstring;
mod grammar;
pub mod indent;
pub mod line_index;
mod parser;
mod strings;
mod targets;
pub mod token;
mod with_parens;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use line_index::LineIndex;

use actions::Top;
use indent::Mode;

/// Parses a whole module (a file or `-c` code).
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    match parser::parse_source(source, Mode::Module, false)
        .map_err(|d| parser::to_public(source, d))?
    {
        Top::Module(body) => Ok(ast::Module { body }),
        Top::Expr(_) => Err(internal_error()),
    }
}

/// Parses one REPL input. An input that is fine so far but unfinished (an open
/// bracket, a block header, a block not yet closed by an empty line) returns an error
/// with `incomplete` set, so the REPL prompts `... ` for more.
///
/// As in CPython's REPL, a compound statement (even a one-line `if x: y`) stays
/// incomplete until the input ends with an empty line, since an `else:` or another
/// indented line could still follow.
pub fn parse_interactive(source: &str) -> Result<ast::Module, SyntaxError> {
    let closed_by_empty_line = source.ends_with("\n\n") || source.ends_with("\r\n\r\n");
    let incomplete = || SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        msg: "incomplete input".into(),
        line: 1,
        col: 1,
        end_line: 1,
        end_col: 1,
        incomplete: true,
    };
    match parser::parse_source(source, Mode::Module, true) {
        Ok(Top::Module(body)) => {
            let module = ast::Module { body };
            if !closed_by_empty_line && parser::ends_with_compound(&module) {
                return Err(incomplete());
            }
            Ok(module)
        }
        Ok(Top::Expr(_)) => Err(internal_error()),
        Err(mut d) => {
            // An empty line ends the input unless a bracket, a triple-quoted string or
            // a backslash continuation is still open.
            if d.incomplete && closed_by_empty_line && !d.hard_incomplete {
                d.incomplete = false;
            }
            Err(parser::to_public(source, d))
        }
    }
}

/// Parses a single expression (used by `eval`-like entry points and f-string fields).
pub fn parse_expression(source: &str) -> Result<ast::Expr, SyntaxError> {
    match parser::parse_source(source, Mode::Expression, false)
        .map_err(|d| parser::to_public(source, d))?
    {
        Top::Expr(e) => Ok(e),
        Top::Module(_) => Err(internal_error()),
    }
}

/// Cannot happen: the start marker selects the grammar rule.
fn internal_error() -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        msg: "invalid syntax".into(),
        line: 1,
        col: 1,
        end_line: 1,
        end_col: 1,
        incomplete: false,
    }
}
