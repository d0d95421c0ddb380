//! The serialized form of object graphs sent between processes (placeholder: the
//! encoder and decoder land with the rest of `process/`).

use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// Serializes `value` for another process (`Connection.send`, queues). Objects
/// that own OS resources are refused here: they cross only by inheritance.
pub fn dumps(vm: &mut Vm, value: &Value) -> PyResult<Vec<u8>> {
    let _ = value;
    Err(vm.runtime_error("process serialization is not built yet"))
}

/// Rebuilds a value serialized by [`dumps`].
pub fn loads(vm: &mut Vm, bytes: &[u8]) -> PyResult<Value> {
    let _ = bytes;
    Err(vm.runtime_error("process serialization is not built yet"))
}
