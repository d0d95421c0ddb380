//! [`Value`]: what a variable, a stack slot or a container element holds.
//!
//! `None`, booleans, 64-bit ints and floats live inline (no allocation, no refcount:
//! they behave as immortal objects); everything else is a counted [`ObjRef`].
//! `sys.getrefcount` of an inline value reports a fixed large number, like CPython 3.12's
//! immortal objects. Ints that overflow 64 bits move to a heap `BigInt`.

use crate::object::{ObjRef, Payload};
use crate::types::str::StrObj;

/// A Python value.
///
/// `repr(C, u64)` fixes the layout at a tag word and a payload word, so moving a value
/// is two aligned 8-byte copies (the default layout let the compiler copy the payload
/// bytes in odd-sized pieces, stalling store forwarding on every stack push).
#[derive(Clone, Debug, Default)]
#[repr(C, u64)]
pub enum Value {
    /// `None`.
    #[default]
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// A float.
    Float(f64),
    /// Any heap object.
    Obj(ObjRef),
    /// Internal marker, never visible to Python code: an unbound local slot, or the
    /// "not a method" half of a `LoadMethod` pair.
    Null,
}

impl Value {
    /// Allocates a new `str` object.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Obj(ObjRef::new(Payload::Str(StrObj::new(s.into()))))
    }

    /// Wraps a payload in a new heap object.
    pub fn new_obj(payload: Payload) -> Value {
        Value::Obj(ObjRef::new(payload))
    }

    /// The heap object, if this is one.
    #[inline(always)]
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// The payload of a heap value.
    #[inline(always)]
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(o.payload()),
            _ => None,
        }
    }

    /// The string contents, if this is a `str`.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    /// The `StrObj`, if this is a `str`.
    #[inline]
    pub fn as_str_obj(&self) -> Option<&StrObj> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// True for `None`.
    #[inline(always)]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// True for the internal null marker.
    #[inline(always)]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Python's `is`: identity for heap objects, equality of the inline values
    /// (small values are shared singletons in CPython too).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a.is(b),
            _ => false,
        }
    }

    /// A stable identity for `id()`: the address for heap objects; for inline values a
    /// number derived from the value (equal values share an identity, as `is` says).
    pub fn id(&self) -> i64 {
        match self {
            Value::Obj(o) => o.addr() as i64,
            Value::None => 0x1000,
            Value::Null => 0x1008,
            Value::Bool(b) => 0x1010 + *b as i64 * 8,
            Value::Int(i) => 0x2000_0000_0000i64.wrapping_add(i.wrapping_mul(32)),
            Value::Float(f) => 0x4000_0000_0000i64 ^ (f.to_bits() as i64 & 0x0fff_ffff_ffff),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Obj(o)
    }
}
