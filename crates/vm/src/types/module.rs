//! The module payload: a name and a namespace dict.

use crate::object::ObjRef;

/// A module object.
pub struct ModuleObj {
    /// `__name__`.
    pub name: String,
    /// The namespace: a dict object, shared as `globals` by the module's functions.
    pub dict: ObjRef,
}
