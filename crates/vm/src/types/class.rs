//! Classes and plain instances.

use crate::object::{GilCell, ObjRef};
use crate::types::dict::Dict;
use std::cell::Cell;

/// What the instances of a class are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Plain instances with a `__dict__` (`Payload::Instance`).
    Object,
    /// Exception instances (`Payload::Exception`).
    Exception,
    /// A built-in type whose values have their own payload; not subclassable.
    Builtin,
}

/// A class object.
pub struct TypeObj {
    /// `__name__`.
    pub name: String,
    /// `__qualname__`.
    pub qualname: String,
    /// `__module__` (`builtins` for built-in types, which print without it).
    pub module: String,
    /// `__bases__`.
    pub bases: Vec<ObjRef>,
    /// The method resolution order after the class itself (C3), ending with `object`.
    pub mro: Vec<ObjRef>,
    /// The class namespace.
    pub dict: GilCell<Dict>,
    /// What instances look like.
    pub layout: Layout,
    /// Cached: some class in the MRO defines `__del__`.
    pub has_finalizer: Cell<bool>,
    /// Results of MRO lookups on this class (see [`AttrCache`]).
    pub attr_cache: GilCell<AttrCache>,
}

impl TypeObj {
    /// A class with an empty lookup cache.
    pub fn new(
        name: String,
        qualname: String,
        module: String,
        bases: Vec<ObjRef>,
        mro: Vec<ObjRef>,
        dict: Dict,
        layout: Layout,
    ) -> TypeObj {
        TypeObj {
            name,
            qualname,
            module,
            bases,
            mro,
            dict: GilCell::new(dict),
            layout,
            has_finalizer: Cell::new(false),
            attr_cache: GilCell::new(AttrCache::default()),
        }
    }
}

/// Remembers what `lookup_type_attr` found for each name on one class (the value, or
/// `Null` for "not found"), CPython's method cache in spirit. Any change to any class
/// namespace bumps a global version, which empties every cache on its next use, so an
/// answer is never stale.
#[derive(Default)]
pub struct AttrCache {
    /// The global class-namespace version the entries belong to.
    pub version: u64,
    /// Name → found value (`Null` when absent).
    pub entries: Dict,
    /// Whether any class in the MRO holds a data descriptor (a property), computed
    /// once per version: without one, instance attributes can be read first.
    pub has_data_descriptors: Option<bool>,
}

/// An instance of a user-defined class.
pub struct InstanceObj {
    /// The instance's class.
    pub class: ObjRef,
    /// `__dict__`.
    pub dict: GilCell<Dict>,
    finalized: Cell<bool>,
}

impl InstanceObj {
    /// A fresh instance of `class` with an empty `__dict__`.
    pub fn new(class: ObjRef) -> InstanceObj {
        InstanceObj {
            class,
            dict: GilCell::new(Dict::new()),
            finalized: Cell::new(false),
        }
    }

    /// True when the object must run `__del__` before being freed.
    pub fn needs_finalizer(&self) -> bool {
        !self.finalized.get() && self.class.as_type().is_some_and(|t| t.has_finalizer.get())
    }

    /// Records that `__del__` has been scheduled (it runs at most once).
    pub fn mark_finalized(&self) {
        self.finalized.set(true);
    }
}
