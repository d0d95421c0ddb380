//! The `str` payload: immutable UTF-8 text with a cached length and hash.

use std::cell::Cell;
use std::hash::Hasher;

/// A Python string. Indexing is by code point; ASCII strings (the common case) index
/// by byte directly.
pub struct StrObj {
    // A `String`, not a `Box<str>`: boxing would `realloc` every new string down to
    // its length, and strings are created constantly.
    text: String,
    char_len: usize,
    hash: Cell<Option<i64>>,
}

impl StrObj {
    /// Wraps a string.
    pub fn new(text: String) -> StrObj {
        let char_len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        StrObj {
            text,
            char_len,
            hash: Cell::new(None),
        }
    }

    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points (`len(s)`).
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// True when every character is ASCII (byte index = character index).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.text.len()
    }

    /// The character at code-point index `i` (must be in range).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.text.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.text.chars().nth(i)
        }
    }

    /// The byte offset of code-point index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.text.len())
        } else {
            self.text
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.text.len())
        }
    }

    /// `hash(s)`: SipHash-1-3 with zero keys over the UTF-8 bytes, which for ASCII text
    /// equals CPython's string hash under `PYTHONHASHSEED=0`. Cached.
    #[inline]
    pub fn hash(&self) -> i64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        let h = str_hash(&self.text);
        self.hash.set(Some(h));
        h
    }
}

/// The hash of a string's text (see [`StrObj::hash`]).
pub fn str_hash(text: &str) -> i64 {
    if text.is_empty() {
        return 0;
    }
    // DefaultHasher::new() is SipHash-1-3 keyed with zeros.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(text.as_bytes());
    let h = hasher.finish() as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}
