//! Approximate object sizes for `sys.getsizeof` and `object.__sizeof__`, modelled on
//! CPython 3.11's 64-bit layouts so programs that print them see familiar numbers.
//! gilded's real memory layout differs; these are estimates, not measurements.

use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

/// CPython's byte size of a dict with `n` entries (table sizes grow by powers of two).
fn dict_size(n: usize) -> usize {
    if n == 0 {
        return 64;
    }
    let mut slots = 8;
    while slots * 2 / 3 < n {
        slots *= 2;
    }
    // Header, index bytes and 24-byte entries for two thirds of the slots.
    let usable = slots * 2 / 3;
    96 + slots + usable * 24
}

/// The approximate size in bytes of `v`.
pub fn size_of(vm: &Vm, v: &Value) -> usize {
    match v {
        Value::None | Value::Null => 16,
        Value::Bool(_) => 28,
        Value::Int(i) => {
            let bits = 64 - i.unsigned_abs().leading_zeros() as usize;
            24 + 4 * bits.div_ceil(30).max(1)
        }
        Value::Float(_) => 24,
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => {
                let max = s.as_str().chars().map(|c| c as u32).max().unwrap_or(0);
                let n = s.char_len();
                match max {
                    0..=0x7f => 49 + n,
                    0x80..=0xff => 73 + n,
                    0x100..=0xffff => 74 + 2 * n,
                    _ => 76 + 4 * n,
                }
            }
            Payload::BigInt(i) => 24 + 4 * (i.bits() as usize).div_ceil(30),
            Payload::Complex(..) => 32,
            Payload::Bytes(b) => 33 + b.len(),
            Payload::Tuple(t) => 40 + 8 * t.len(),
            Payload::List(l) => 56 + 8 * l.borrow(vm.gil).len(),
            Payload::Dict(d) => dict_size(d.borrow(vm.gil).len()),
            Payload::Set(_) | Payload::FrozenSet(_) => 216,
            Payload::Range(_) => 48,
            Payload::Slice(_) => 56,
            Payload::Function(_) => 152,
            Payload::NativeFunction(_) => 72,
            Payload::Type(_) => 1688,
            Payload::Instance(_) => 56,
            Payload::Exception(_) => 72,
            Payload::Module(_) => 72,
            _ => 48,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::dict_size;

    #[test]
    fn dict_sizes_match_cpython() {
        assert_eq!(dict_size(0), 64);
        assert_eq!(dict_size(1), 224);
        assert_eq!(dict_size(6), 352);
        assert_eq!(dict_size(11), 632);
    }
}
