//! The set storage shared by `set` and `frozenset`.
//!
//! Like [`crate::types::dict::Dict`], pure data structure: key comparison is a closure
//! from the caller.

use crate::types::dict::Dict;
use crate::value::Value;

/// A hash set of Python values.
#[derive(Default)]
pub struct SetData {
    items: Dict,
}

impl SetData {
    /// An empty set.
    pub fn new() -> SetData {
        SetData::default()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Finds the slot of an element.
    pub fn find(&self, hash: i64, eq: impl FnMut(&Value) -> bool) -> Option<usize> {
        self.items.find(hash, eq)
    }

    /// Elements with this hash (for comparisons that must call Python).
    pub fn candidates(&self, hash: i64) -> Vec<(usize, Value)> {
        self.items.candidates(hash)
    }

    /// Adds an element known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value) {
        self.items.insert_new(hash, key, Value::None);
    }

    /// Removes the element in slot `pos`.
    pub fn remove_at(&mut self, pos: usize) -> Option<Value> {
        self.items.remove_at(pos).map(|e| e.key)
    }

    /// Removes and returns an arbitrary element.
    pub fn pop(&mut self) -> Option<Value> {
        let pos = (0..self.items.slot_count()).find(|&p| self.items.entry_at(p).is_some())?;
        self.remove_at(pos)
    }

    /// Removes everything, returning the elements.
    pub fn take_all(&mut self) -> Vec<Value> {
        self.items.take_all().into_iter().map(|e| e.key).collect()
    }

    /// (hash, element) pairs in iteration order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.items.iter().map(|e| (e.hash, &e.key))
    }

    /// Slot count and layout version, for iterators (see `Dict`).
    pub fn slot_count(&self) -> usize {
        self.items.slot_count()
    }

    /// The element in slot `pos`, if live.
    pub fn entry_at(&self, pos: usize) -> Option<&Value> {
        self.items.entry_at(pos).map(|e| &e.key)
    }

    /// Changes whenever slot positions move.
    pub fn layout_version(&self) -> u32 {
        self.items.layout_version()
    }

    /// A copy sharing the elements.
    pub fn clone_data(&self) -> SetData {
        let mut out = SetData::new();
        for (h, k) in self.iter() {
            out.insert_new(h, k.clone());
        }
        out
    }
}
