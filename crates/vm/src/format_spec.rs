//! The format-spec mini-language shared by `format()`, f-strings and `str.format`.
//! (Minimal bootstrap version: the numbers owner expands it.)

use crate::error::PyResult;
use crate::vm::Vm;

/// `format(s, spec)` for strings.
pub fn format_str(vm: &mut Vm, s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    Err(vm.value_error(format!("Invalid format specifier '{spec}' for object of type 'str'")))
}
