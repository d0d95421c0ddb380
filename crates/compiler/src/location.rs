//! Converting AST spans to bytecode [`Location`]s and [`CompileError`] positions.

use crate::CompileError;
use gilded_bytecode::Location;
use gilded_syntax::ast::Span;
use gilded_syntax::LineIndex;

/// The CPython-style location (lines 1-based, columns 0-based characters) of `span`.
pub(crate) fn span_location(index: &LineIndex, span: Span) -> Location {
    let (line, col) = index.position(span.start);
    let (end_line, end_col) = index.position(span.end.max(span.start));
    Location {
        line,
        end_line,
        col,
        end_col,
        anchor: None,
    }
}

/// `location` with the `~~^~~` anchor set to the columns of `anchor`, when both the
/// whole range and the anchor lie on one line (CPython only marks single-line ranges).
pub(crate) fn with_anchor(index: &LineIndex, mut location: Location, anchor: Span) -> Location {
    let a = span_location(index, anchor);
    if location.line == location.end_line && a.line == location.line && a.end_line == a.line {
        location.anchor = Some((a.col, a.end_col));
    }
    location
}

/// A compile error at `span`, with CPython's 1-based `offset`/`end_offset` columns.
pub(crate) fn error_at(index: &LineIndex, span: Span, msg: impl Into<String>) -> CompileError {
    let loc = span_location(index, span);
    CompileError {
        msg: msg.into(),
        line: loc.line,
        col: loc.col + 1,
        end_line: loc.end_line,
        end_col: loc.end_col + 1,
    }
}
