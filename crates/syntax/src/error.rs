//! Syntax errors with the positions CPython reports.

use std::fmt;

/// Which exception class a syntax error becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a subclass of SyntaxError).
    Indentation,
    /// `TabError` (a subclass of IndentationError).
    Tab,
}

impl SyntaxErrorKind {
    /// The Python class name.
    pub fn class_name(self) -> &'static str {
        match self {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
        }
    }
}

/// A syntax error: message and position as CPython 3.11 reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Which exception class this is.
    pub kind: SyntaxErrorKind,
    /// The message, e.g. `invalid syntax` or `'(' was never closed`.
    pub msg: String,
    /// 1-based line of the error.
    pub line: u32,
    /// 1-based character column of the first caret (CPython's `offset`).
    pub col: u32,
    /// 1-based line where the marked range ends.
    pub end_line: u32,
    /// 1-based character column one past the last caret (CPython's `end_offset`).
    pub end_col: u32,
    /// True when the input simply ended too early (an unclosed bracket, a block
    /// header with no body yet): the REPL then asks for more lines instead of failing.
    pub incomplete: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.kind.class_name(),
            self.msg,
            self.line,
            self.col
        )
    }
}

impl std::error::Error for SyntaxError {}
