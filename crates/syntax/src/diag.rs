//! Positioned errors inside the crate, before they become public [`SyntaxError`]s.
//!
//! Every layer (lexer, indentation, grammar actions, f-strings) reports problems as a
//! [`Diag`] holding byte offsets; only [`Diag::into_syntax_error`] turns offsets into the
//! 1-based line and character columns CPython reports, so the rules for that live in
//! one place.

use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::line_index::LineIndex;

/// A syntax error located by byte offsets into the source being parsed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diag {
    /// Which exception class it becomes.
    pub kind: DiagKind,
    /// The message. Empty only for logos' "no rule matched", which the indentation
    /// layer replaces with a message about the offending character.
    pub msg: String,
    /// Byte offset of the first caret.
    pub start: usize,
    /// Byte offset one past the last caret; `end <= start` means a single caret
    /// (CPython's `end_offset` of -1, 0 or equal to `offset`).
    pub end: usize,
    /// The input ended too early (see [`SyntaxError::incomplete`]).
    pub incomplete: bool,
    /// True for "the input ended inside brackets / a triple-quoted string / after a
    /// backslash": the REPL keeps asking for more even after an empty line.
    pub hard_incomplete: bool,
    /// True for errors found by the tokenizer layers (lexer, layout), which a later
    /// re-scan of the source must not override.
    pub from_tokenizer: bool,
    /// Explicit (line, col, end_line, end_col) overriding the offsets, for the
    /// positions CPython reports that are not real source positions (errors inside
    /// f-string expressions).
    pub fixed: Option<(u32, u32, u32, u32)>,
    /// Report at the parser's lookahead token instead (CPython reports errors found
    /// while building a string literal at the token after it).
    pub at_lookahead: bool,
}

/// The exception class of a [`Diag`] (mirrors [`SyntaxErrorKind`], but has a default,
/// which logos requires of its error type).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiagKind {
    /// `SyntaxError`.
    #[default]
    Syntax,
    /// `IndentationError`.
    Indentation,
    /// `TabError`.
    Tab,
}

impl Diag {
    /// A `SyntaxError` marking `start..end`.
    pub fn syntax(msg: impl Into<String>, start: usize, end: usize) -> Diag {
        Diag {
            kind: DiagKind::Syntax,
            msg: msg.into(),
            start,
            end,
            ..Diag::default()
        }
    }

    /// An `IndentationError` marking `start..end`.
    pub fn indentation(msg: impl Into<String>, start: usize, end: usize) -> Diag {
        Diag {
            kind: DiagKind::Indentation,
            ..Diag::syntax(msg, start, end)
        }
    }

    /// Marks the error as "input ended too early".
    pub fn incomplete(mut self) -> Diag {
        self.incomplete = true;
        self
    }

    /// Marks the error as "input ended inside a bracket, string or continuation".
    pub fn hard_incomplete(mut self) -> Diag {
        self.incomplete = true;
        self.hard_incomplete = true;
        self
    }

    /// Marks the error as located at the parser's lookahead token.
    pub fn at_lookahead(mut self) -> Diag {
        self.at_lookahead = true;
        self
    }

    /// Shifts the offsets by `base` (for errors found while parsing a piece of the
    /// source, such as an f-string replacement field, on its own).
    pub fn shifted(mut self, base: usize) -> Diag {
        self.start += base;
        self.end += base;
        self
    }

    /// Converts to the public error, computing CPython's line and column numbers.
    pub fn into_syntax_error(self, index: &LineIndex) -> SyntaxError {
        let kind = match self.kind {
            DiagKind::Syntax => SyntaxErrorKind::Syntax,
            DiagKind::Indentation => SyntaxErrorKind::Indentation,
            DiagKind::Tab => SyntaxErrorKind::Tab,
        };
        if let Some((line, col, end_line, end_col)) = self.fixed {
            return SyntaxError {
                kind,
                msg: self.msg,
                line,
                col,
                end_line,
                end_col,
                incomplete: self.incomplete,
            };
        }
        let len = index.source().len();
        let start = clamp_to_char(index.source(), self.start.min(len));
        let (line, col0) = index.position(start as u32);
        let (end_line, end_col0) = if self.end > self.start {
            let end = clamp_to_char(index.source(), self.end.min(len));
            index.position(end as u32)
        } else {
            (line, col0)
        };
        SyntaxError {
            kind,
            msg: self.msg,
            line,
            col: col0 + 1,
            end_line,
            end_col: end_col0 + 1,
            incomplete: self.incomplete,
        }
    }
}

/// Moves `offset` back to the nearest character boundary, so that a position computed
/// by byte arithmetic can never split a character.
pub fn clamp_to_char(source: &str, mut offset: usize) -> usize {
    while offset > 0 && !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
