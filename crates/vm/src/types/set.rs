//! The set storage shared by `set` and `frozenset`: CPython's `setobject.c` table,
//! reproduced slot for slot so that iteration order (what `print({...})` shows)
//! matches CPython for the same insertions and deletions.
//!
//! Open addressing over a power-of-two table: each probe looks at a slot and up to
//! `LINEAR_PROBES` neighbours, then jumps with the perturbed recurrence
//! `i = i*5 + 1 + perturb`. Deleted slots become dummies (kept until a resize) so
//! probe chains stay intact. Like [`crate::types::dict::Dict`], this is pure data
//! structure: key comparison is a closure from the caller.

use crate::value::Value;
use std::cell::Cell;

/// Size of a new table.
const MIN_SIZE: usize = 8;
/// Neighbouring slots checked before jumping.
const LINEAR_PROBES: usize = 9;
/// How fast the high hash bits join the probe sequence.
const PERTURB_SHIFT: u32 = 5;

/// One table slot.
#[derive(Clone, Default)]
enum Slot {
    /// Never used since the last resize: ends every probe chain.
    #[default]
    Empty,
    /// Held an element that was removed; probe chains continue past it.
    Dummy,
    /// A live element and its hash.
    Full { hash: i64, key: Value },
}

/// A hash set of Python values.
pub struct SetData {
    table: Vec<Slot>,
    /// Live plus dummy slots.
    fill: usize,
    /// Live slots.
    used: usize,
    /// Where `pop` resumes its scan.
    finger: usize,
    /// Bumped whenever slot positions move, so live iterators can notice.
    version: u32,
    /// `hash(frozenset)`, computed once.
    hash_cache: Cell<Option<i64>>,
}

impl Default for SetData {
    fn default() -> SetData {
        SetData {
            table: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
            hash_cache: Cell::new(None),
        }
    }
}

/// The start of the probe sequence for `hash` (CPython reads the hash as unsigned).
#[inline]
fn first_slot(hash: i64, mask: usize) -> (usize, u64) {
    let perturb = hash as u64;
    ((perturb as usize) & mask, perturb)
}

/// The next probe group after `i`.
#[inline]
fn next_slot(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    ((i as u64)
        .wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(*perturb) as usize)
        & mask
}

/// How many neighbours after `i` the probe may scan without wrapping.
#[inline]
fn probes(i: usize, mask: usize) -> usize {
    if i + LINEAR_PROBES <= mask {
        LINEAR_PROBES
    } else {
        0
    }
}

/// CPython's per-entry scrambling in `frozenset.__hash__`.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

impl SetData {
    /// An empty set.
    pub fn new() -> SetData {
        SetData::default()
    }

    #[inline]
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Finds the slot of the element with `hash` for which `eq(element)` holds,
    /// comparing in CPython's probe order.
    pub fn find(&self, hash: i64, mut eq: impl FnMut(&Value) -> bool) -> Option<usize> {
        let mask = self.mask();
        let (mut i, mut perturb) = first_slot(hash, mask);
        loop {
            for j in i..=i + probes(i, mask) {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Full { hash: h, key } if *h == hash && eq(key) => return Some(j),
                    _ => {}
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Elements with this hash along its probe chain, in probe order (for
    /// comparisons that must call Python and so cannot run under a borrow).
    pub fn candidates(&self, hash: i64) -> Vec<(usize, Value)> {
        let mut out = Vec::new();
        let mask = self.mask();
        let (mut i, mut perturb) = first_slot(hash, mask);
        loop {
            for j in i..=i + probes(i, mask) {
                match &self.table[j] {
                    Slot::Empty => return out,
                    Slot::Full { hash: h, key } if *h == hash => out.push((j, key.clone())),
                    _ => {}
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Adds an element known to be absent: the first dummy on its probe chain, else
    /// the empty slot ending it; grows the table when it gets 60% full.
    pub fn insert_new(&mut self, hash: i64, key: Value) {
        self.hash_cache.set(None);
        let mask = self.mask();
        let (mut i, mut perturb) = first_slot(hash, mask);
        let mut free: Option<usize> = None;
        let empty = 'probe: loop {
            for j in i..=i + probes(i, mask) {
                match &self.table[j] {
                    Slot::Empty => break 'probe j,
                    Slot::Dummy if free.is_none() => free = Some(j),
                    _ => {}
                }
            }
            i = next_slot(i, &mut perturb, mask);
        };
        self.used += 1;
        if let Some(f) = free {
            self.table[f] = Slot::Full { hash, key };
            return;
        }
        self.table[empty] = Slot::Full { hash, key };
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            let minused = if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(minused);
        }
    }

    /// Places an element in a table with no dummies and no equal element.
    fn insert_clean(table: &mut [Slot], hash: i64, key: Value) {
        let mask = table.len() - 1;
        let (mut i, mut perturb) = first_slot(hash, mask);
        loop {
            for slot in &mut table[i..=i + probes(i, mask)] {
                if matches!(slot, Slot::Empty) {
                    *slot = Slot::Full { hash, key };
                    return;
                }
            }
            i = next_slot(i, &mut perturb, mask);
        }
    }

    /// Rebuilds the table with the smallest power-of-two size above `minused`,
    /// re-inserting the live elements in table order and dropping the dummies.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MIN_SIZE && self.table.len() == MIN_SIZE && self.fill == self.used {
            // CPython keeps its small table as is when there is nothing to clean.
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        self.fill = self.used;
        self.version = self.version.wrapping_add(1);
        for slot in old {
            if let Slot::Full { hash, key } = slot {
                SetData::insert_clean(&mut self.table, hash, key);
            }
        }
    }

    /// Before merging `incoming` elements: one big resize instead of several small ones
    /// (CPython's `set_merge` and dict-update paths).
    pub fn presize(&mut self, incoming: usize) {
        if (self.fill + incoming) * 5 >= self.mask() * 3 {
            self.resize((self.used + incoming) * 2);
        }
    }

    /// After removing many elements (`difference_update`): resizes away the dummies
    /// when they are more than a quarter of the table.
    pub fn shrink_dummies(&mut self) {
        if self.fill - self.used <= self.mask() / 4 {
            return;
        }
        let minused = if self.used > 50000 {
            self.used * 2
        } else {
            self.used * 4
        };
        self.resize(minused);
    }

    /// Removes the element in slot `pos`, leaving a dummy.
    pub fn remove_at(&mut self, pos: usize) -> Option<Value> {
        let slot = self.table.get_mut(pos)?;
        if !matches!(slot, Slot::Full { .. }) {
            return None;
        }
        self.hash_cache.set(None);
        self.used -= 1;
        match std::mem::replace(slot, Slot::Dummy) {
            Slot::Full { key, .. } => Some(key),
            _ => None,
        }
    }

    /// `set.pop()`: scans from where the previous pop stopped.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Full { .. }) {
            i = if i >= mask { 0 } else { i + 1 };
        }
        self.finger = i + 1;
        self.remove_at(i)
    }

    /// Removes everything, returning the elements so the caller can drop them after
    /// releasing its borrow (their finalizers may run Python code).
    pub fn take_all(&mut self) -> Vec<Value> {
        self.hash_cache.set(None);
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; MIN_SIZE]);
        self.fill = 0;
        self.used = 0;
        self.version = self.version.wrapping_add(1);
        old.into_iter()
            .filter_map(|s| match s {
                Slot::Full { key, .. } => Some(key),
                _ => None,
            })
            .collect()
    }

    /// Replaces the contents with `other`'s (CPython's `set_swap_bodies`, used by the
    /// in-place intersection), returning the old contents to drop outside the borrow.
    pub fn replace_with(&mut self, mut other: SetData) -> SetData {
        other.version = self.version.wrapping_add(1);
        other.finger = self.finger;
        std::mem::swap(self, &mut other);
        other
    }

    /// (hash, element) pairs in iteration (table) order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Full { hash, key } => Some((*hash, key)),
            _ => None,
        })
    }

    /// The number of slots; positions below it are stable until `layout_version`
    /// changes.
    pub fn slot_count(&self) -> usize {
        self.table.len()
    }

    /// The element in slot `pos`, if live.
    #[inline]
    pub fn entry_at(&self, pos: usize) -> Option<&Value> {
        match self.table.get(pos) {
            Some(Slot::Full { key, .. }) => Some(key),
            _ => None,
        }
    }

    /// The hash stored with the element in slot `pos`, if live.
    pub fn hash_at(&self, pos: usize) -> Option<i64> {
        match self.table.get(pos) {
            Some(Slot::Full { hash, .. }) => Some(*hash),
            _ => None,
        }
    }

    /// Changes whenever slot positions move.
    pub fn layout_version(&self) -> u32 {
        self.version
    }

    /// A copy sharing the elements, laid out as CPython's `set.copy()` lays it out:
    /// a fresh table sized for the elements, filled by a merge.
    pub fn clone_data(&self) -> SetData {
        let mut out = SetData::new();
        out.merge_clean(self);
        out
    }

    /// The first half of CPython's `set_merge`: one big resize for `other`'s
    /// elements, then, if this table has no slot in use, a direct copy (no duplicates
    /// are possible). Returns false when the caller must still add `other`'s elements
    /// one by one (in `other.iter()` order), comparing them with the present ones.
    pub fn merge_clean(&mut self, other: &SetData) -> bool {
        if other.used == 0 {
            return true;
        }
        self.presize(other.used);
        if self.fill != 0 {
            return false;
        }
        self.hash_cache.set(None);
        if self.table.len() == other.table.len() && other.fill == other.used {
            self.table.clone_from(&other.table);
        } else {
            for (hash, key) in other.iter() {
                SetData::insert_clean(&mut self.table, hash, key.clone());
            }
        }
        self.fill = other.used;
        self.used = other.used;
        true
    }

    /// `hash(frozenset)` with CPython's algorithm (independent of order), cached.
    pub fn frozen_hash(&self) -> i64 {
        if let Some(h) = self.hash_cache.get() {
            return h;
        }
        let mut hash: u64 = 0;
        for (h, _) in self.iter() {
            hash ^= shuffle_bits(h as u64);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        let mut h = hash as i64;
        if h == -1 {
            h = 590923713;
        }
        self.hash_cache.set(Some(h));
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_of(items: &[i64]) -> SetData {
        let mut s = SetData::new();
        for &i in items {
            if s.find(i, |k| matches!(k, Value::Int(j) if *j == i))
                .is_none()
            {
                s.insert_new(i, Value::Int(i));
            }
        }
        s
    }

    fn order(s: &SetData) -> Vec<i64> {
        s.iter()
            .map(|(_, v)| match v {
                Value::Int(i) => *i,
                _ => 0,
            })
            .collect()
    }

    #[test]
    fn orders_match_cpython() {
        // The orders CPython 3.11 prints after adding the same ints one by one.
        assert_eq!(
            order(&set_of(&[5, 3, 1000, 8, 16, 2])),
            vec![2, 3, 5, 1000, 8, 16]
        );
        assert_eq!(
            order(&set_of(&[20, 17, 14, 11, 8, 5, 2])),
            vec![2, 5, 8, 11, 14, 17, 20]
        );
        assert_eq!(
            order(&set_of(&[-1, -2, 7, 64, 33])),
            vec![64, 33, 7, -2, -1]
        );
    }

    #[test]
    fn constant_display_layout_matches_cpython() {
        // {5, 3, 1000, 8, 16, 2}: the compiler's frozenset (built twice), merged into
        // an empty set, prints as {16, 2, 3, 5, 1000, 8} in CPython 3.11.
        let first = set_of(&[5, 3, 1000, 8, 16, 2]);
        let second = set_of(&order(&first));
        let mut display = SetData::new();
        assert!(display.merge_clean(&second));
        assert_eq!(order(&display), vec![16, 2, 3, 5, 1000, 8]);
    }

    #[test]
    fn pop_uses_a_finger() {
        let mut s = set_of(&[1, 2, 3]);
        let a = s.pop();
        let b = s.pop();
        assert!(matches!((a, b), (Some(Value::Int(1)), Some(Value::Int(2)))));
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn frozenset_hash_matches_cpython() {
        // hash(frozenset()) and hash(frozenset({1, 2, 3})) in CPython 3.11
        assert_eq!(SetData::new().frozen_hash(), 133146708735736);
        assert_eq!(set_of(&[1, 2, 3]).frozen_hash(), -272375401224217160);
    }
}
