//! Characters and code points: `chr` and `ord`.

use super::args;
use crate::bootstrap::add_function;
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

fn builtin_chr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "chr", args, kw)?;
    let n = args::index_i64(vm, v)?;
    if n < i32::MIN as i64 || n > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if !(0..0x110000).contains(&n) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    // Lone surrogates cannot live in UTF-8 text; they become U+FFFD.
    let c = char::from_u32(n as u32).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    Ok(Value::str(&*c.encode_utf8(&mut buf)))
}

fn builtin_ord(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "ord", args, kw)?;
    let (len, code) = match v.payload() {
        Some(Payload::Str(s)) => {
            let mut chars = s.as_str().chars();
            (s.char_len(), chars.next().map(|c| c as i64))
        }
        Some(Payload::Bytes(b)) => (b.len(), b.first().map(|&b| b as i64)),
        _ => {
            return Err(vm.type_error(format!(
                "ord() expected string of length 1, but {} found",
                vm.type_name(v)
            )))
        }
    };
    match (len, code) {
        (1, Some(c)) => Ok(Value::Int(c)),
        _ => Err(vm.type_error(format!(
            "ord() expected a character, but string of length {len} found"
        ))),
    }
}

/// Installs `chr` and `ord`.
pub fn register(vm: &Vm) {
    let b = vm.interp.builtins.clone();
    add_function(vm, &b, "chr", builtin_chr);
    add_function(vm, &b, "ord", builtin_ord);
}
