//! Identity across processes: a function or class sent to a child and sent back
//! (a user exception raised there, an instance returned by a pool task) must be
//! the parent's own object again, so `except MyError` and `isinstance` work.
//!
//! Every object sent by value gets an [`Origin`]: the sender's process id and a
//! number unique there (its address, made stable by keeping the object alive in the
//! registry). A process remembers each origin it has seen and the object it stands
//! for, so the same origin always decodes to the same object. The cost: objects
//! that have crossed once stay alive until exit.

use super::wire::Origin;
use crate::object::ObjRef;
use std::collections::HashMap;

/// The objects of this process that have an identity across processes.
#[derive(Default)]
pub struct Registry {
    /// Origin → the object standing for it here.
    by_origin: HashMap<Origin, ObjRef>,
    /// Object address → its origin (for objects created here and received ones).
    origin_of: HashMap<usize, Origin>,
    /// In a child: the namespace of its `__mp_main__` module, until the first
    /// namespace of the parent's `__main__` arrives and takes it over.
    unclaimed_main: Option<ObjRef>,
}

impl Registry {
    /// The origin of `obj`, giving it one (and keeping it alive) on first use.
    pub fn origin_for(&mut self, obj: &ObjRef) -> Origin {
        let addr = obj.addr();
        if let Some(origin) = self.origin_of.get(&addr) {
            return *origin;
        }
        let origin = (std::process::id(), addr as u64);
        self.remember(origin, obj);
        origin
    }

    /// The object already standing for `origin` here, if any.
    pub fn find(&self, origin: Origin) -> Option<ObjRef> {
        self.by_origin.get(&origin).cloned()
    }

    /// Records that `obj` stands for `origin` in this process.
    pub fn remember(&mut self, origin: Origin, obj: &ObjRef) {
        self.origin_of.insert(obj.addr(), origin);
        self.by_origin.insert(origin, obj.clone());
    }

    /// Offers a child's `__mp_main__` namespace to the parent's `__main__` globals.
    pub fn offer_main(&mut self, namespace: ObjRef) {
        self.unclaimed_main = Some(namespace);
    }

    /// Takes the offered `__mp_main__` namespace, once.
    pub fn claim_main(&mut self) -> Option<ObjRef> {
        self.unclaimed_main.take()
    }
}
