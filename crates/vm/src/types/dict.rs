//! The dict storage: insertion-ordered entries plus a hash index, CPython's "compact
//! dict" layout.
//!
//! This file is pure data structure: it never calls Python. Key comparison is a closure
//! supplied by the caller, so the VM can compare built-in keys natively and fall back to
//! `__eq__` (outside any borrow) for user-defined keys.

use crate::types::str::str_hash;
use crate::value::Value;
use hashbrown::HashTable;

/// One live key/value pair and the key's hash.
pub struct DictEntry {
    /// `hash(key)`.
    pub hash: i64,
    /// The key.
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// Dicts with at most this many entry slots have no hash index: a linear scan of the
/// (hash, key) pairs is faster than probing, and saves an allocation for the typical
/// instance `__dict__`.
const SMALL_DICT: usize = 8;

/// An insertion-ordered hash map from Python values to Python values.
#[derive(Default)]
pub struct Dict {
    entries: Vec<Option<DictEntry>>,
    /// Entry positions by hash; `None` while the dict is small. Boxed to keep small
    /// dicts (and so every instance) compact.
    index: Option<Box<HashTable<usize>>>,
    len: usize,
    /// Bumped whenever entry positions move, so live iterators can notice.
    layout_version: u32,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// An empty dict with room for `n` entries.
    pub fn with_capacity(n: usize) -> Dict {
        Dict {
            entries: Vec::with_capacity(n),
            index: None,
            len: 0,
            layout_version: 0,
        }
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Changes whenever positions of entries move (compaction, clear).
    pub fn layout_version(&self) -> u32 {
        self.layout_version
    }

    /// The number of entry slots, live or removed; positions below it are stable until
    /// `layout_version` changes.
    pub fn slot_count(&self) -> usize {
        self.entries.len()
    }

    /// The live entry at slot `pos`, if any.
    #[inline]
    pub fn entry_at(&self, pos: usize) -> Option<&DictEntry> {
        self.entries.get(pos).and_then(|e| e.as_ref())
    }

    /// Finds the slot of the key with `hash` for which `eq(key)` holds.
    #[inline]
    pub fn find(&self, hash: i64, mut eq: impl FnMut(&Value) -> bool) -> Option<usize> {
        let entries = &self.entries;
        match &self.index {
            Some(index) => index
                .find(hash as u64, |&pos| match &entries[pos] {
                    Some(e) => e.hash == hash && eq(&e.key),
                    None => false,
                })
                .copied(),
            None => entries.iter().position(|e| match e {
                Some(e) => e.hash == hash && eq(&e.key),
                None => false,
            }),
        }
    }

    /// Slots of every key whose hash equals `hash` (for comparisons that must call
    /// Python and so cannot run under a borrow).
    pub fn candidates(&self, hash: i64) -> Vec<(usize, Value)> {
        let mut out = Vec::new();
        let mut consider = |pos: usize| {
            if let Some(e) = &self.entries[pos] {
                if e.hash == hash {
                    out.push((pos, e.key.clone()));
                }
            }
        };
        match &self.index {
            Some(index) => index.iter_hash(hash as u64).for_each(|&pos| consider(pos)),
            None => (0..self.entries.len()).for_each(consider),
        }
        out
    }

    /// The value in slot `pos` (which must be live).
    pub fn value_at(&self, pos: usize) -> Option<&Value> {
        self.entry_at(pos).map(|e| &e.value)
    }

    /// Replaces the value in a live slot, returning the old one.
    pub fn replace_value_at(&mut self, pos: usize, value: Value) -> Option<Value> {
        self.entries
            .get_mut(pos)
            .and_then(|e| e.as_mut())
            .map(|e| std::mem::replace(&mut e.value, value))
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if self.entries.len() >= 16 && self.entries.len() >= 2 * self.len + 8 {
            self.compact();
        }
        let pos = self.entries.len();
        self.entries.push(Some(DictEntry { hash, key, value }));
        self.len += 1;
        match &mut self.index {
            Some(index) => {
                let entries = &self.entries;
                index.insert_unique(hash as u64, pos, |&p| match &entries[p] {
                    Some(e) => e.hash as u64,
                    None => 0,
                });
            }
            None if self.entries.len() > SMALL_DICT => self.build_index(),
            None => {}
        }
    }

    /// Indexes every live entry (the dict outgrew linear scanning).
    fn build_index(&mut self) {
        let mut index = HashTable::with_capacity(self.entries.len() * 2);
        let entries = &self.entries;
        for (pos, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                index.insert_unique(e.hash as u64, pos, |&p| match &entries[p] {
                    Some(e) => e.hash as u64,
                    None => 0,
                });
            }
        }
        self.index = Some(Box::new(index));
    }

    /// Removes the live entry in slot `pos` and returns it.
    pub fn remove_at(&mut self, pos: usize) -> Option<DictEntry> {
        let hash = self.entries.get(pos)?.as_ref()?.hash;
        if let Some(index) = &mut self.index {
            if let Ok(found) = index.find_entry(hash as u64, |&p| p == pos) {
                found.remove();
            }
        }
        let entry = self.entries[pos].take();
        self.len -= 1;
        while matches!(self.entries.last(), Some(None)) {
            self.entries.pop();
        }
        entry
    }

    /// Removes and returns the most recently inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<DictEntry> {
        let pos = self.entries.iter().rposition(|e| e.is_some())?;
        self.remove_at(pos)
    }

    /// Removes everything, returning the old entries so the caller can drop them
    /// after releasing its borrow (their finalizers may run Python code).
    pub fn take_all(&mut self) -> Vec<DictEntry> {
        self.index = None;
        self.len = 0;
        self.layout_version = self.layout_version.wrapping_add(1);
        std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .collect()
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &DictEntry> {
        self.entries.iter().flatten()
    }

    /// Live entries in insertion order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut DictEntry> {
        self.entries.iter_mut().flatten()
    }

    /// Looks up a `str` key by its text (attribute and global lookups).
    #[inline]
    pub fn get_str(&self, name: &str) -> Option<&Value> {
        self.get_str_hashed(name, str_hash(name))
    }

    /// Looks up a `str` key by its text and precomputed hash.
    #[inline]
    pub fn get_str_hashed(&self, name: &str, hash: i64) -> Option<&Value> {
        let pos = self.find(hash, |k| k.as_str() == Some(name))?;
        self.value_at(pos)
    }

    /// Looks up a `str` key given as a value: identity first (names from the same code
    /// object are the same object), then text.
    #[inline]
    pub fn get_str_value(&self, key: &Value) -> Option<&Value> {
        let s = key.as_str_obj()?;
        let text = s.as_str();
        let pos = self.find(s.hash(), |k| k.is(key) || k.as_str() == Some(text))?;
        self.value_at(pos)
    }

    /// Sets a `str` key (`key` must be a str value), returning the old value.
    pub fn set_str(&mut self, key: Value, value: Value) -> Option<Value> {
        let (hash, text) = match key.as_str_obj() {
            Some(s) => (s.hash(), s.as_str()),
            None => return None,
        };
        match self.find(hash, |k| k.is(&key) || k.as_str() == Some(text)) {
            Some(pos) => self.replace_value_at(pos, value),
            None => {
                self.insert_new(hash, key, value);
                None
            }
        }
    }

    /// Removes a `str` key by text, returning its value.
    pub fn remove_str(&mut self, name: &str) -> Option<Value> {
        let pos = self.find(str_hash(name), |k| k.as_str() == Some(name))?;
        self.remove_at(pos).map(|e| e.value)
    }

    fn compact(&mut self) {
        self.entries.retain(|e| e.is_some());
        self.len = self.entries.len();
        self.layout_version = self.layout_version.wrapping_add(1);
        self.index = None;
        if self.entries.len() > SMALL_DICT {
            self.build_index();
        }
    }
}
