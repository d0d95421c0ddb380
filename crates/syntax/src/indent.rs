//! The layout layer between the logos lexer and the parser, and the only place that
//! knows about whitespace.
//!
//! It turns physical lines into logical ones: emits NEWLINE at the end of each
//! non-blank logical line and INDENT / DEDENT when the indentation changes, ignores
//! line ends inside brackets and after a backslash continuation, and skips blank and
//! comment-only lines. It also turns keywords out of names, keeps the bracket stack
//! (for CPython's "was never closed" / "does not match" messages and the 200-level
//! nesting limit), and reports CPython's tokenizer-level layout errors.
//!
//! Indentation follows CPython's tokenizer: a tab advances the column to the next
//! multiple of 8, and a second "alternate" column where a tab counts as 1 detects
//! indentation that only lines up for one tab size (`TabError`).

use crate::diag::{Diag, DiagKind};
use crate::token::{invalid_character_message, keyword, Tok};
use logos::Logos;
use std::collections::VecDeque;

/// One token with its byte span, or the error that stops the stream.
pub type Spanned = Result<(usize, Tok, usize), Diag>;

/// CPython's `MAXLEVEL`: brackets may nest at most this deep.
pub const MAX_BRACKET_DEPTH: usize = 200;
/// CPython's `MAXINDENT`: at most this many indentation levels.
pub const MAX_INDENT_DEPTH: usize = 100;
/// Our own limit on runs of prefix operators (`- - - x`, `not not x`): deeper
/// chains are rejected with a clean error instead of building absurdly deep trees
/// for later passes to recurse through. CPython itself fails on such input with a
/// MemoryError from its parser stack.
pub const MAX_UNARY_RUN: usize = 1000;

/// What the token stream is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module: statements, with NEWLINE / INDENT / DEDENT.
    Module,
    /// A single expression (`eval`): indentation is ignored.
    Expression,
    /// An f-string replacement field: as if inside brackets, so line ends are ignored.
    FStringField,
}

/// The layout iterator. See the module documentation.
pub struct Layout<'s> {
    source: &'s str,
    lexer: logos::SpannedIter<'s, Tok>,
    mode: Mode,
    queue: VecDeque<Spanned>,
    /// Indentation stack of (column with tab size 8, column with tab size 1).
    indents: Vec<(usize, usize)>,
    /// Open brackets: the bracket character and its byte offset.
    brackets: Vec<(char, usize)>,
    /// Whether the current logical line has produced a token yet.
    line_has_tokens: bool,
    /// The block-header description of the current logical line (from its first
    /// token, e.g. "'if' statement"), with the offset of that token.
    line_header: Option<(&'static str, usize)>,
    /// Whether the last token of the current logical line was `:`.
    last_was_colon: bool,
    /// The previous logical line was a block header ending in `:`: the next line must
    /// be indented. Holds the description, the header offset and the NEWLINE offset.
    expect_block: Option<(&'static str, usize, usize)>,
    /// The previous logical line ended in `:` (header or not).
    prev_line_colon: bool,
    /// Offset of a backslash continuation not yet followed by a token.
    continuation: Option<usize>,
    /// Length of the current run of prefix operators.
    unary_run: usize,
    /// Whether parser-level layout errors ("unexpected indent", "expected an indented
    /// block") are reported; off while re-scanning for tokenizer errors.
    parser_checks: bool,
    /// Interactive input: a block header at the end of the input is incomplete.
    interactive: bool,
    finished: bool,
}

impl<'s> Layout<'s> {
    /// A layout iterator over `source`. Nothing is emitted before the first real token:
    /// the caller adds the start marker.
    pub fn new(source: &'s str, mode: Mode) -> Layout<'s> {
        Layout {
            source,
            lexer: Tok::lexer(source).spanned(),
            mode,
            queue: VecDeque::new(),
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            line_has_tokens: false,
            line_header: None,
            last_was_colon: false,
            expect_block: None,
            prev_line_colon: false,
            continuation: None,
            unary_run: 0,
            parser_checks: true,
            interactive: false,
            finished: false,
        }
    }

    /// Marks the input as one REPL entry (a header at the end is "incomplete").
    pub fn set_interactive(&mut self, interactive: bool) {
        self.interactive = interactive;
    }

    /// Stops reporting the layout errors that CPython detects in its parser rather
    /// than its tokenizer; used when re-scanning the rest of the source after a
    /// generic syntax error, where only tokenizer errors may override it.
    pub fn tokenizer_errors_only(&mut self) {
        self.parser_checks = false;
    }

    /// The current bracket nesting depth (including the implicit one of an f-string
    /// replacement field).
    pub fn depth(&self) -> usize {
        self.brackets.len() + usize::from(self.mode == Mode::FStringField)
    }

    /// The innermost open bracket and its offset, if any.
    pub fn innermost_bracket(&self) -> Option<(char, usize)> {
        self.brackets.last().copied()
    }

    fn in_brackets(&self) -> bool {
        !self.brackets.is_empty() || self.mode == Mode::FStringField
    }

    fn fail(&mut self, diag: Diag) {
        self.queue.push_back(Err(diag));
        self.finished = true;
    }

    /// Processes one raw token from the lexer, queueing what it produces.
    fn step(&mut self, raw: Result<Tok, Diag>, start: usize, end: usize) {
        let at_line_start = !self.line_has_tokens && !self.in_brackets();
        let tok = match raw {
            Ok(tok) => tok,
            Err(mut diag) => {
                if diag.msg.is_empty() {
                    diag = self.unrecognized(start, end);
                }
                // CPython measures a line's indentation before reading its first
                // token, so indentation errors come first.
                if at_line_start {
                    if let Err(indent_error) = self.start_logical_line(None, start, end) {
                        return self.fail(indent_error);
                    }
                }
                if diag.msg == "invalid syntax" {
                    // A stray character is rejected by the parser; the rest of the
                    // source may still be scanned for tokenizer errors.
                    self.queue.push_back(Err(diag));
                    return;
                }
                return self.fail(diag);
            }
        };
        match tok {
            Tok::Newline => {
                if self.continuation.take().is_some() {
                    // Cannot happen (a continuation includes its line end), but a
                    // newline right after one simply continues the line.
                    return;
                }
                if self.in_brackets() || !self.line_has_tokens {
                    return;
                }
                self.end_logical_line(start, end);
            }
            Tok::Continuation => {
                self.continuation = Some(start);
            }
            Tok::StrayBackslash => {
                // CPython puts the caret just after the backslash.
                let at = end;
                if self.source.len() <= end {
                    self.fail(
                        Diag::syntax("unexpected EOF while parsing", at, at).hard_incomplete(),
                    );
                } else {
                    self.fail(Diag::syntax(
                        "unexpected character after line continuation character",
                        at,
                        at,
                    ));
                }
            }
            tok => {
                let tok = match tok {
                    Tok::Name(name) => keyword(&name).unwrap_or(Tok::Name(name)),
                    tok => tok,
                };
                self.continuation = None;
                let mut parser_error = None;
                if at_line_start {
                    match self.start_logical_line(Some(&tok), start, end) {
                        Err(diag) => return self.fail(diag),
                        Ok(pending) => parser_error = pending,
                    }
                }
                if let Err(diag) = self.track(&tok, start, end) {
                    return self.fail(diag);
                }
                if let Some(diag) = parser_error {
                    // Found by CPython's parser after the tokenizer has read this token;
                    // scanning may go on (for the re-scan after a parser error).
                    self.queue.push_back(Err(diag));
                    return;
                }
                self.last_was_colon = tok == Tok::Colon;
                self.queue.push_back(Ok((start, tok, end)));
            }
        }
    }

    /// The error for a character no lexer rule matched.
    fn unrecognized(&self, start: usize, end: usize) -> Diag {
        let c = self
            .source
            .get(start..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\0');
        if c.is_ascii_graphic() {
            // `$`, `?`, `!`, a backtick: CPython lets the parser reject them.
            Diag::syntax("invalid syntax", start, end.max(start + 1))
        } else {
            Diag::syntax(invalid_character_message(c), start, start)
        }
    }

    /// Emits NEWLINE for the logical line that ends at `start..end`.
    fn end_logical_line(&mut self, start: usize, end: usize) {
        self.queue.push_back(Ok((start, Tok::Newline, end)));
        self.expect_block = match (self.last_was_colon, self.line_header) {
            (true, Some((what, at))) => Some((what, at, start)),
            _ => None,
        };
        self.prev_line_colon = self.last_was_colon;
        self.line_has_tokens = false;
        self.line_header = None;
        self.last_was_colon = false;
    }

    /// Handles the indentation of a logical line whose first token is `tok` (`None`
    /// when the lexer failed on it). Tokenizer-level errors are returned as `Err`; a
    /// missing indented block, which CPython's parser detects after reading the
    /// token, comes back as `Ok(Some(..))`.
    fn start_logical_line(
        &mut self,
        tok: Option<&Tok>,
        start: usize,
        end: usize,
    ) -> Result<Option<Diag>, Diag> {
        self.line_has_tokens = true;
        self.line_header = tok.and_then(header_description).map(|what| (what, start));
        let expect_block = self.expect_block.take();
        let prev_colon = std::mem::take(&mut self.prev_line_colon);
        if self.mode != Mode::Module {
            return Ok(None);
        }
        let line_start = self
            .source
            .get(..start)
            .and_then(|s| s.rfind(['\n', '\r']))
            .map_or(0, |i| i + 1);
        let line_end = self
            .source
            .get(start..)
            .and_then(|s| s.find(['\n', '\r']))
            .map_or(self.source.len(), |i| start + i);
        let (mut col, mut alt, mut width) = (0usize, 0usize, 0usize);
        for c in self.source.get(line_start..start).unwrap_or("").chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            width += 1;
        }
        let tab_error = || Diag {
            kind: DiagKind::Tab,
            ..Diag::syntax(
                "inconsistent use of tabs and spaces in indentation",
                line_start,
                line_start,
            )
        };
        let (cur, cur_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if col == cur {
            if alt != cur_alt {
                return Err(tab_error());
            }
        } else if col > cur {
            if self.indents.len() >= MAX_INDENT_DEPTH {
                return Err(Diag::indentation(
                    "too many levels of indentation",
                    line_start,
                    line_start,
                ));
            }
            if alt <= cur_alt {
                return Err(tab_error());
            }
            if expect_block.is_none() && !prev_colon && self.parser_checks {
                let at = line_start + width.saturating_sub(1);
                return Err(Diag::indentation("unexpected indent", at, at));
            }
            self.indents.push((col, alt));
            self.queue.push_back(Ok((start, Tok::Indent, start)));
            return Ok(None);
        } else {
            // The whole dedent is checked before any DEDENT is emitted.
            let keep = self
                .indents
                .iter()
                .take_while(|&&(c, _)| c <= col)
                .count()
                .max(1);
            let (cur, cur_alt) = self.indents.get(keep - 1).copied().unwrap_or((0, 0));
            if col != cur {
                return Err(Diag::indentation(
                    "unindent does not match any outer indentation level",
                    line_end,
                    line_end,
                ));
            }
            if alt != cur_alt {
                return Err(tab_error());
            }
            for _ in keep..self.indents.len() {
                self.queue.push_back(Ok((start, Tok::Dedent, start)));
            }
            self.indents.truncate(keep);
        }
        // Not indented further, but the previous line opened a block.
        if let Some((what, header_at, _)) = expect_block {
            if self.parser_checks {
                return Ok(Some(expected_block(
                    self.source,
                    what,
                    header_at,
                    start,
                    end,
                )));
            }
        }
        Ok(None)
    }

    /// Bracket matching and the prefix-operator run limit.
    fn track(&mut self, tok: &Tok, start: usize, end: usize) -> Result<(), Diag> {
        let unary = matches!(tok, Tok::Plus | Tok::Minus | Tok::Tilde | Tok::Not);
        self.unary_run = if unary { self.unary_run + 1 } else { 0 };
        if self.unary_run > MAX_UNARY_RUN {
            return Err(Diag::syntax(
                format!("expression too complex: more than {MAX_UNARY_RUN} nested unary operators"),
                start,
                end,
            ));
        }
        let open = match tok {
            Tok::Lpar => Some('('),
            Tok::Lsqb => Some('['),
            Tok::Lbrace => Some('{'),
            _ => None,
        };
        if let Some(c) = open {
            if self.brackets.len() >= MAX_BRACKET_DEPTH {
                return Err(Diag::syntax("too many nested parentheses", start, start));
            }
            self.brackets.push((c, start));
            return Ok(());
        }
        let close = match tok {
            Tok::Rpar => '(',
            Tok::Rsqb => '[',
            Tok::Rbrace => '{',
            _ => return Ok(()),
        };
        let closer = match close {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        match self.brackets.pop() {
            None => Err(Diag::syntax(format!("unmatched '{closer}'"), start, start)),
            Some((open, _)) if open == close => Ok(()),
            Some((open, open_at)) => {
                let line_of =
                    |at: usize| self.source.get(..at).map_or(0, |s| s.matches('\n').count()) + 1;
                let msg = if line_of(open_at) == line_of(start) {
                    format!("closing parenthesis '{closer}' does not match opening parenthesis '{open}'")
                } else {
                    format!(
                        "closing parenthesis '{closer}' does not match opening parenthesis '{open}' on line {}",
                        line_of(open_at)
                    )
                };
                Err(Diag::syntax(msg, start, start))
            }
        }
    }

    /// Flushes the end of the input: a final NEWLINE, DEDENTs, or an error.
    fn finish(&mut self) {
        self.finished = true;
        let len = self.source.len();
        if let Some(at) = self.continuation {
            let at = at + 1;
            self.queue.push_back(Err(
                Diag::syntax("unexpected EOF while parsing", at, at).hard_incomplete()
            ));
            return;
        }
        if let Some((c, at)) = self.brackets.last().copied() {
            self.queue.push_back(Err(
                Diag::syntax(format!("'{c}' was never closed"), at, at).hard_incomplete()
            ));
            return;
        }
        if self.line_has_tokens {
            self.end_logical_line(len, len);
        }
        if let Some((what, header_at, newline_at)) = self.expect_block.take() {
            if self.mode == Mode::Module && self.parser_checks {
                let mut diag = expected_block(self.source, what, header_at, newline_at, newline_at);
                diag.incomplete = true;
                self.queue.push_back(Err(diag));
                return;
            }
        }
        if self.mode == Mode::Module {
            while self.indents.len() > 1 {
                self.indents.pop();
                self.queue.push_back(Ok((len, Tok::Dedent, len)));
            }
        }
    }
}

impl Iterator for Layout<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.finished {
                return None;
            }
            match self.lexer.next() {
                Some((raw, span)) => self.step(raw, span.start, span.end),
                None => self.finish(),
            }
        }
    }
}

/// How CPython names the block a header line opens, from the line's first token.
fn header_description(tok: &Tok) -> Option<&'static str> {
    Some(match tok {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::For => "'for' statement",
        Tok::While => "'while' statement",
        Tok::With => "'with' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        _ => return None,
    })
}

/// CPython's "expected an indented block after ..." error, marking `start..end`.
fn expected_block(source: &str, what: &str, header_at: usize, start: usize, end: usize) -> Diag {
    let line = source
        .get(..header_at)
        .map_or(0, |s| s.matches('\n').count())
        + 1;
    Diag::indentation(
        format!("expected an indented block after {what} on line {line}"),
        start,
        if end > start { end } else { start },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        Layout::new(src, Mode::Module)
            .map(|t| match t {
                Ok((_, Tok::Name(n), _)) => n,
                Ok((_, t, _)) => format!("{t:?}"),
                Err(d) => format!("ERR {}", d.msg),
            })
            .collect()
    }

    fn error(src: &str) -> Diag {
        match Layout::new(src, Mode::Module).find_map(Result::err) {
            Some(d) => d,
            None => panic!("no error for {src:?}"),
        }
    }

    #[test]
    fn blocks_and_blank_lines() {
        let src = "if x:\n    a\n\n  # odd comment\n    b\nc\n";
        assert_eq!(
            kinds(src),
            [
                "If", "x", "Colon", "Newline", "Indent", "a", "Newline", "b", "Newline", "Dedent",
                "c", "Newline"
            ]
        );
    }

    #[test]
    fn brackets_and_continuations_join_lines() {
        let src = "x = (1,\n      2,\n  3)\ny = 1 + \\\n      2\n";
        let k = kinds(src);
        assert_eq!(k.iter().filter(|t| *t == "Newline").count(), 2);
        assert!(!k.contains(&"Indent".to_string()));
    }

    #[test]
    fn dedent_at_eof_and_tabs() {
        assert_eq!(
            kinds("if x:\n\tif y:\n\t\tz"),
            [
                "If", "x", "Colon", "Newline", "Indent", "If", "y", "Colon", "Newline", "Indent",
                "z", "Newline", "Dedent", "Dedent"
            ]
        );
        // A tab and eight spaces are the same column, but only for tab size 8.
        let e = error("if x:\n\ta\n        b");
        assert_eq!(e.kind, DiagKind::Tab);
    }

    #[test]
    fn indentation_errors() {
        let e = error("if x:\n    a\n  bcd");
        assert_eq!(e.msg, "unindent does not match any outer indentation level");
        assert_eq!(e.start, 17);
        let e = error("x = 1\n    y = 2");
        assert_eq!((e.msg.as_str(), e.start), ("unexpected indent", 9));
        let e = error("if x:\ny");
        assert_eq!(
            e.msg,
            "expected an indented block after 'if' statement on line 1"
        );
        assert_eq!((e.start, e.end), (6, 7));
        let e = error("def f():");
        assert_eq!(
            e.msg,
            "expected an indented block after function definition on line 1"
        );
        assert!(e.incomplete);
        let e = error("class A:\n");
        assert_eq!(
            e.msg,
            "expected an indented block after class definition on line 1"
        );
        assert_eq!(e.start, 8);
    }

    #[test]
    fn bracket_errors() {
        assert_eq!(error("x = (1,\ny = 3").msg, "'(' was never closed");
        assert_eq!(
            error("x = (1, 2]").msg,
            "closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(
            error("x = (1,\n  2]").msg,
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1"
        );
        assert_eq!(error("x = 1)").msg, "unmatched ')'");
        assert_eq!(
            error(&"(".repeat(10_000)).msg,
            "too many nested parentheses"
        );
        assert_eq!(error(&"[".repeat(201)).msg, "too many nested parentheses");
        assert!(matches!(
            error(&"[".repeat(200)).msg.as_str(),
            "'[' was never closed"
        ));
    }

    #[test]
    fn continuation_errors() {
        let e = error("x = 1 + \\");
        assert_eq!(
            (e.msg.as_str(), e.start),
            ("unexpected EOF while parsing", 9)
        );
        let e = error("x = 1 \\ y");
        assert_eq!(
            e.msg,
            "unexpected character after line continuation character"
        );
        assert_eq!(e.start, 7);
    }
}
