//! The `str` payload: UTF-8 text with a cached length and hash, immutable to Python
//! code (only an unshared string may grow in place, for `s += t`).

use std::cell::{Cell, UnsafeCell};

/// A Python string. Indexing is by code point; ASCII strings (the common case) index
/// by byte directly.
pub struct StrObj {
    // A `String`, not a `Box<str>`: boxing would `realloc` every new string down to
    // its length, and strings are created constantly. In a cell so that a string
    // nobody else can see may grow in place (see `push_str_unique`).
    text: UnsafeCell<String>,
    char_len: Cell<usize>,
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
            text: UnsafeCell::new(text),
            char_len: Cell::new(char_len),
            hash: Cell::new(None),
        }
    }

    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        // SAFETY: the text is only mutated by `push_str_unique`, whose caller
        // guarantees that no reference into it exists.
        unsafe { &*self.text.get() }
    }

    /// Appends in place: `s += t` for a string whose only holders are the variable being
    /// assigned and the operand in hand, as CPython does, which makes building a string
    /// in a loop linear instead of quadratic.
    ///
    /// # Safety
    /// The object's reference count must be 2 (the assignment target and the caller's
    /// operand), no `&str` borrowed from it may be alive, and the caller must hold the GIL.
    pub unsafe fn push_str_unique(&self, tail: &str) {
        let text = &mut *self.text.get();
        text.push_str(tail);
        let added = if tail.is_ascii() {
            tail.len()
        } else {
            tail.chars().count()
        };
        self.char_len.set(self.char_len.get() + added);
        self.hash.set(None);
    }

    /// Length in code points (`len(s)`).
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len.get()
    }

    /// True when every character is ASCII (byte index = character index).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len.get() == self.as_str().len()
    }

    /// The character at code-point index `i` (must be in range).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.as_str().as_bytes().get(i).map(|&b| b as char)
        } else {
            self.as_str().chars().nth(i)
        }
    }

    /// The byte offset of code-point index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.as_str().len())
        } else {
            self.as_str()
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.as_str().len())
        }
    }

    /// `hash(s)`: CPython's string hash under `PYTHONHASHSEED=0` (see [`str_hash`]).
    /// Cached.
    #[inline]
    pub fn hash(&self) -> i64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        let h = str_hash(self.as_str());
        self.hash.set(Some(h));
        h
    }
}

/// The hash of a string's text, as CPython computes it under `PYTHONHASHSEED=0`:
/// SipHash-1-3 with zero keys over the string's internal representation, which is one
/// byte per character when all are below U+0100, two (UTF-16, little-endian) when all are
/// below U+10000, else four.
pub fn str_hash(text: &str) -> i64 {
    use std::hash::Hasher;
    if text.is_empty() {
        return 0;
    }
    // DefaultHasher::new() is SipHash-1-3 keyed with zeros.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    if text.is_ascii() {
        hasher.write(text.as_bytes());
    } else {
        let widest = text.chars().map(|c| c as u32).max().unwrap_or(0);
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let c = c as u32;
            if widest < 0x100 {
                bytes.push(c as u8);
            } else if widest < 0x10000 {
                bytes.extend_from_slice(&(c as u16).to_le_bytes());
            } else {
                bytes.extend_from_slice(&c.to_le_bytes());
            }
        }
        hasher.write(&bytes);
    }
    let h = hasher.finish() as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}
