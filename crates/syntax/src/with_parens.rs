//! Disambiguates `with (a as b, c):` for the LR grammar.
//!
//! Since 3.9 a `with` statement may wrap its items in parentheses. An LR(1) parser
//! cannot tell, at the `(`, whether it opens that item list or a parenthesized
//! expression (`with (a, b) as c:`). CPython's rule is simple in token terms: the
//! parentheses are the item list exactly when the matching `)` is directly followed by
//! the statement's `:`. This adapter looks ahead to that `)` and, in that case,
//! renames the pair to [`Tok::WithLpar`] / [`Tok::WithRpar`], which the grammar
//! matches separately.

use crate::indent::Spanned;
use crate::token::Tok;
use std::collections::VecDeque;

/// The adapter; wraps the layout iterator.
pub struct WithParens<I> {
    inner: I,
    out: VecDeque<Spanned>,
    prev_was_with: bool,
}

impl<I: Iterator<Item = Spanned>> WithParens<I> {
    /// Wraps `inner`.
    pub fn new(inner: I) -> Self {
        WithParens {
            inner,
            out: VecDeque::new(),
            prev_was_with: false,
        }
    }

    /// The wrapped iterator.
    pub fn inner_mut(&mut self) -> &mut I {
        &mut self.inner
    }

    /// Buffers from the `(` after `with` up to the token after its matching `)`.
    fn look_ahead(&mut self, lpar: (usize, Tok, usize)) {
        let mut buffer: Vec<Spanned> = vec![Ok(lpar)];
        let mut depth = 1usize;
        let mut close_index = None;
        for item in self.inner.by_ref() {
            let is_err = item.is_err();
            if let Ok((_, tok, _)) = &item {
                match tok {
                    Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
                    Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            let at_close = depth == 0 && close_index.is_none() && !is_err;
            let after_close = close_index.is_some();
            let colon = matches!(&item, Ok((_, Tok::Colon, _)));
            buffer.push(item);
            if is_err {
                break;
            }
            if after_close {
                if colon {
                    if let (Some(Ok((_, first, _))), Some(ci)) = (buffer.first_mut(), close_index) {
                        *first = Tok::WithLpar;
                        if let Some(Ok((_, close, _))) = buffer.get_mut(ci) {
                            *close = Tok::WithRpar;
                        }
                    }
                }
                break;
            }
            if at_close {
                close_index = Some(buffer.len() - 1);
            }
        }
        self.out.extend(buffer);
    }
}

impl<I: Iterator<Item = Spanned>> Iterator for WithParens<I> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        if let Some(item) = self.out.pop_front() {
            self.prev_was_with = matches!(&item, Ok((_, Tok::With, _)));
            return Some(item);
        }
        let item = self.inner.next()?;
        if self.prev_was_with {
            if let Ok((s, Tok::Lpar, e)) = item {
                self.prev_was_with = false;
                self.look_ahead((s, Tok::Lpar, e));
                return self.next();
            }
        }
        self.prev_was_with = matches!(&item, Ok((_, Tok::With, _)));
        Some(item)
    }
}
