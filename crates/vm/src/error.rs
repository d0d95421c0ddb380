//! [`PyErr`]: a raised Python exception travelling through Rust code.

use crate::object::{ObjRef, Payload};
use crate::types::exception::ExceptionObj;

/// A raised exception: always an object with an `Exception` payload.
#[derive(Clone, Debug)]
pub struct PyErr(pub ObjRef);

impl PyErr {
    /// The exception object's fields.
    pub fn exception(&self) -> &ExceptionObj {
        match self.0.payload() {
            Payload::Exception(e) => e,
            _ => unreachable!("PyErr always wraps an exception object"),
        }
    }

    /// The exception's class.
    pub fn class(&self) -> &ObjRef {
        &self.exception().class
    }
}

/// The result of anything that can raise.
pub type PyResult<T = crate::value::Value> = Result<T, PyErr>;
