//! `_gilded_mp.SharedArray`: a zero-filled typed array in shared memory (memfd +
//! `MAP_SHARED`), the storage under `multiprocessing.Value`/`Array`/`RawArray`.
//!
//! Each element read or write is one atomic load or store of the element's width,
//! so no process ever sees a torn value; but nothing is locked, so `a[0] += 1` in
//! two processes (a load, then a store) loses updates — the lesson the locked
//! `multiprocessing.Value` exists to teach. Indexing and assignment errors are those
//! of CPython's ctypes arrays, which multiprocessing's shared arrays are.

use super::shm::Mapping;
use super::{add_property, new_native, state};
use crate::bootstrap::{add_method, add_staticmethod};
use crate::builtins::args;
use crate::containers::arguments::bind;
use crate::containers::slice::{slice_range, to_index, SliceRange};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::process::inherit::NativeHandle;
use crate::types::class::Layout;
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

/// The element types, by typecode (those of `multiprocessing.sharedctypes`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    Char,
}

impl Kind {
    fn from_code(code: &str) -> Option<Kind> {
        Some(match code {
            "b" => Kind::I8,
            "B" => Kind::U8,
            "h" => Kind::I16,
            "H" => Kind::U16,
            "i" => Kind::I32,
            "I" => Kind::U32,
            // C long is 64 bits on Linux x86-64/aarch64, as ctypes.c_long there.
            "l" | "q" => Kind::I64,
            "L" | "Q" => Kind::U64,
            "f" => Kind::F32,
            "d" => Kind::F64,
            "c" => Kind::Char,
            _ => return None,
        })
    }

    fn size(self) -> usize {
        match self {
            Kind::I8 | Kind::U8 | Kind::Char => 1,
            Kind::I16 | Kind::U16 => 2,
            Kind::I32 | Kind::U32 | Kind::F32 => 4,
            Kind::I64 | Kind::U64 | Kind::F64 => 8,
        }
    }
}

/// The Rust state of a SharedArray.
pub struct ArrayState {
    map: Mapping,
    kind: Kind,
    /// The typecode as given (`'l'` and `'q'` share a kind but not a name).
    typecode: String,
    len: usize,
}

impl ArrayState {
    fn new(map: Mapping, typecode: &str, len: usize) -> Option<ArrayState> {
        let kind = Kind::from_code(typecode)?;
        Some(ArrayState {
            map,
            kind,
            typecode: typecode.to_string(),
            len,
        })
    }

    /// Element `i`'s bits, zero-extended (`i < len`, checked by callers).
    fn load(&self, i: usize) -> u64 {
        let size = self.kind.size();
        debug_assert!(i < self.len);
        // SAFETY: i < len, the mapping holds len * size bytes, and the page-aligned
        // base makes every element naturally aligned for its atomic width. Other
        // processes only ever access this memory with the same atomic widths.
        unsafe {
            let p = self.map.ptr().add(i * size);
            match size {
                1 => AtomicU8::from_ptr(p).load(Ordering::SeqCst) as u64,
                2 => AtomicU16::from_ptr(p.cast()).load(Ordering::SeqCst) as u64,
                4 => AtomicU32::from_ptr(p.cast()).load(Ordering::SeqCst) as u64,
                _ => AtomicU64::from_ptr(p.cast()).load(Ordering::SeqCst),
            }
        }
    }

    /// Stores the low bits of `bits` into element `i` (`i < len`).
    fn store(&self, i: usize, bits: u64) {
        let size = self.kind.size();
        debug_assert!(i < self.len);
        // SAFETY: as in load.
        unsafe {
            let p = self.map.ptr().add(i * size);
            match size {
                1 => AtomicU8::from_ptr(p).store(bits as u8, Ordering::SeqCst),
                2 => AtomicU16::from_ptr(p.cast()).store(bits as u16, Ordering::SeqCst),
                4 => AtomicU32::from_ptr(p.cast()).store(bits as u32, Ordering::SeqCst),
                _ => AtomicU64::from_ptr(p.cast()).store(bits, Ordering::SeqCst),
            }
        }
    }

    /// Element `i` as a Python value.
    fn get(&self, i: usize) -> Value {
        let bits = self.load(i);
        match self.kind {
            Kind::I8 => Value::Int(bits as u8 as i8 as i64),
            Kind::U8 => Value::Int(bits as u8 as i64),
            Kind::I16 => Value::Int(bits as u16 as i16 as i64),
            Kind::U16 => Value::Int(bits as u16 as i64),
            Kind::I32 => Value::Int(bits as u32 as i32 as i64),
            Kind::U32 => Value::Int(bits as u32 as i64),
            Kind::I64 => Value::Int(bits as i64),
            Kind::U64 => match i64::try_from(bits) {
                Ok(v) => Value::Int(v),
                Err(_) => crate::number::int_from_bigint(BigInt::from(bits)),
            },
            Kind::F32 => Value::Float(f32::from_bits(bits as u32) as f64),
            Kind::F64 => Value::Float(f64::from_bits(bits)),
            Kind::Char => bytes_value(vec![bits as u8]),
        }
    }

    /// The bits Python value `v` stores as, with ctypes' conversions and errors
    /// (integers wrap to the width, as ctypes masks them).
    fn convert(&self, vm: &mut Vm, v: &Value) -> PyResult<u64> {
        match self.kind {
            Kind::F32 => Ok((crate::number::convert::to_f64(vm, v)? as f32).to_bits() as u64),
            Kind::F64 => Ok(crate::number::convert::to_f64(vm, v)?.to_bits()),
            Kind::Char => char_bits(vm, v),
            _ => match crate::number::convert::index(vm, v)? {
                Value::Int(i) => Ok(i as u64),
                other => match other.payload() {
                    Some(Payload::BigInt(b)) => {
                        let low: BigInt = b & BigInt::from(u64::MAX);
                        Ok(low.to_u64().unwrap_or(0))
                    }
                    _ => Ok(0),
                },
            },
        }
    }

    /// All bytes of a 'c' array.
    fn raw_bytes(&self) -> Vec<u8> {
        (0..self.len).map(|i| self.load(i) as u8).collect()
    }

    /// The handle a child rebuilds this array from.
    pub fn handle(&self) -> NativeHandle {
        NativeHandle {
            tag: "SharedArray".into(),
            type_name: "SharedArray".into(),
            fds: vec![self.map.fd()],
            ints: vec![self.len as i64],
            text: self.typecode.clone(),
        }
    }
}

fn bytes_value(b: Vec<u8>) -> Value {
    Value::new_obj(Payload::Bytes(b.into_boxed_slice()))
}

/// ctypes' `c_char` setter: a 1-byte bytes or an int in 0..256.
fn char_bits(vm: &mut Vm, v: &Value) -> PyResult<u64> {
    match v.payload() {
        Some(Payload::Bytes(b)) if b.len() == 1 => return Ok(b[0] as u64),
        _ => {}
    }
    if let Value::Int(i) = v {
        if (0..256).contains(i) {
            return Ok(*i as u64);
        }
    }
    if let Value::Bool(b) = v {
        return Ok(*b as u64);
    }
    Err(vm.type_error("one character bytes, bytearray or integer expected"))
}

fn arr_state(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<ArrayState>> {
    state::<ArrayState>(vm, name, "SharedArray", args)
}

const BAD_TYPECODE: &str = "bad typecode (must be b, B, h, H, i, I, l, L, q, Q, f, d or c)";

fn array_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.type_error("cannot create '_gilded_mp.SharedArray' instances"));
    };
    let [code, length] = bind(vm, "SharedArray", &args[1..], kw, ["typecode", "length"], 2)?;
    let (Some(code), Some(length)) = (code, length) else {
        let which = if args.len() < 2 {
            "'typecode' (pos 1)"
        } else {
            "'length' (pos 2)"
        };
        return Err(vm.type_error(format!("SharedArray() missing required argument {which}")));
    };
    let Some(code) = code.as_str().map(str::to_string) else {
        let t = vm.type_name(&code);
        return Err(vm.type_error(format!(
            "SharedArray() argument 1 must be a unicode character, not {t}"
        )));
    };
    let Some(kind) = Kind::from_code(&code) else {
        return Err(vm.value_error(BAD_TYPECODE));
    };
    let n = args::index_i64(vm, &length)?;
    if n < 0 {
        return Err(vm.value_error(format!("Array length must be >= 0, not {n}")));
    }
    let bytes = (n as u64)
        .checked_mul(kind.size() as u64)
        .filter(|b| *b <= isize::MAX as u64)
        .ok_or_else(|| vm.overflow_error("array too large"))?;
    let map = Mapping::create("gilded-shared-array", bytes as usize)
        .map_err(|e| vm.os_error(&e, None))?;
    let st = ArrayState::new(map, &code, n as usize).ok_or_else(|| vm.value_error(BAD_TYPECODE))?;
    Ok(new_native(class, Arc::new(st)))
}

/// Rebuilds a SharedArray from its handle in a child.
pub fn rebuild(vm: &mut Vm, class: &ObjRef, h: &NativeHandle) -> PyResult<Value> {
    let (Some(&fd), [len]) = (h.fds.first(), h.ints.as_slice()) else {
        return Err(vm.value_error("malformed SharedArray handle"));
    };
    let Some(kind) = Kind::from_code(&h.text) else {
        return Err(vm.value_error(BAD_TYPECODE));
    };
    let len = usize::try_from(*len).map_err(|_| vm.value_error("malformed SharedArray handle"))?;
    let bytes = len
        .checked_mul(kind.size())
        .ok_or_else(|| vm.overflow_error("array too large"))?;
    let code = h.text.clone();
    let st = super::imported("SharedArray", fd, || {
        let map = Mapping::open(fd, bytes)?;
        ArrayState::new(map, &code, len)
            .ok_or_else(|| std::io::Error::from_raw_os_error(libc::EINVAL))
    })
    .map_err(|e| vm.os_error(&e, None))?;
    Ok(new_native(class, st))
}

/// How a subscript resolved: one position, or a slice.
enum Key {
    At(usize),
    Range(SliceRange),
}

/// CPython's `Array_subscript` key handling: ints (negative from the end) and slices.
fn resolve(vm: &mut Vm, st: &ArrayState, key: &Value) -> PyResult<Key> {
    if let Some(Payload::Slice(s)) = key.payload() {
        return Ok(Key::Range(slice_range(vm, s, st.len)?));
    }
    let Some(i) = to_index(vm, key)? else {
        return Err(vm.type_error("indices must be integers"));
    };
    if i64::try_from(i).is_err() {
        return Err(vm.index_error(format!(
            "cannot fit '{}' into an index-sized integer",
            vm.type_name(key)
        )));
    }
    let j = if i < 0 { i + st.len as i128 } else { i };
    if j < 0 || j >= st.len as i128 {
        return Err(vm.index_error("invalid index"));
    }
    Ok(Key::At(j as usize))
}

fn array_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = arr_state(vm, "__getitem__", args)?;
    let key = args::method_args(vm, args, 1)?[0].clone();
    match resolve(vm, &st, &key)? {
        Key::At(i) => Ok(st.get(i)),
        Key::Range(r) if st.kind == Kind::Char => {
            Ok(bytes_value(r.indices().map(|i| st.load(i) as u8).collect()))
        }
        Key::Range(r) => {
            let items = r.indices().map(|i| st.get(i)).collect();
            Ok(vm.new_list(items))
        }
    }
}

fn array_setitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = arr_state(vm, "__setitem__", args)?;
    let [key, value] = args::method_args(vm, args, 2)? else {
        return Err(vm.type_error("expected 2 arguments"));
    };
    let (key, value) = (key.clone(), value.clone());
    match resolve(vm, &st, &key)? {
        Key::At(i) => {
            let bits = st.convert(vm, &value)?;
            st.store(i, bits);
        }
        Key::Range(r) => {
            let n = crate::ops::len(vm, &value)?;
            if n != r.len {
                return Err(vm.value_error("Can only assign sequence of same size"));
            }
            let items = crate::ops::collect_iterable(vm, &value)?;
            if items.len() != r.len {
                return Err(vm.value_error("Can only assign sequence of same size"));
            }
            // Convert everything first so a bad item leaves the array untouched.
            let mut bits = Vec::with_capacity(items.len());
            for item in &items {
                bits.push(st.convert(vm, item)?);
            }
            for (i, b) in r.indices().zip(bits) {
                st.store(i, b);
            }
        }
    }
    Ok(Value::None)
}

fn array_delitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    arr_state(vm, "__delitem__", args)?;
    Err(vm.type_error("Array does not support item deletion"))
}

fn array_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(arr_state(vm, "__len__", args)?.len as i64))
}

fn array_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = arr_state(vm, "__iter__", args)?;
    let items = (0..st.len).map(|i| st.get(i)).collect();
    let list = vm.new_list(items);
    crate::ops::get_iter(vm, &list)
}

fn array_typecode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::str(
        arr_state(vm, "typecode", args)?.typecode.clone(),
    ))
}

fn array_itemsize(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(
        arr_state(vm, "itemsize", args)?.kind.size() as i64
    ))
}

/// The state of a 'c' array, or the AttributeError other arrays give for
/// `.value`/`.raw` (ctypes only has them on char arrays).
fn char_state(vm: &Vm, name: &str, args: &[Value]) -> PyResult<Arc<ArrayState>> {
    let st = arr_state(vm, name, args)?;
    if st.kind != Kind::Char {
        return Err(vm.attribute_error(format!(
            "'SharedArray' object of typecode '{}' has no attribute '{name}'",
            st.typecode
        )));
    }
    Ok(st)
}

fn array_value_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = char_state(vm, "value", args)?;
    let mut raw = st.raw_bytes();
    if let Some(nul) = raw.iter().position(|&b| b == 0) {
        raw.truncate(nul);
    }
    Ok(bytes_value(raw))
}

fn array_value_set(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = char_state(vm, "value", args)?;
    let value = args::method_args(vm, args, 1)?[0].clone();
    let Some(Payload::Bytes(b)) = value.payload() else {
        let t = vm.type_name(&value);
        return Err(vm.type_error(format!("bytes expected instead of {t} instance")));
    };
    if b.len() > st.len {
        return Err(vm.value_error("byte string too long"));
    }
    for (i, &byte) in b.iter().enumerate() {
        st.store(i, byte as u64);
    }
    // Like C's strcpy into the buffer: a terminator when there is room.
    if b.len() < st.len {
        st.store(b.len(), 0);
    }
    Ok(Value::None)
}

fn array_raw_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = char_state(vm, "raw", args)?;
    Ok(bytes_value(st.raw_bytes()))
}

fn array_raw_set(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = char_state(vm, "raw", args)?;
    let value = args::method_args(vm, args, 1)?[0].clone();
    let Some(Payload::Bytes(b)) = value.payload() else {
        let t = vm.type_name(&value);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")));
    };
    if b.len() > st.len {
        return Err(vm.value_error("byte string too long"));
    }
    for (i, &byte) in b.iter().enumerate() {
        st.store(i, byte as u64);
    }
    Ok(Value::None)
}

fn array_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = arr_state(vm, "__repr__", args)?;
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    Ok(Value::str(format!(
        "<_gilded_mp.SharedArray typecode='{}' length={} at {addr:#x}>",
        st.typecode, st.len
    )))
}

/// The `SharedArray` class.
pub fn create_class(vm: &Vm) -> ObjRef {
    let object = vm.types().object.clone();
    let class =
        crate::bootstrap::builtin_type("SharedArray", "_gilded_mp", &[&object], Layout::Builtin);
    add_staticmethod(vm, &class, "__new__", array_new);
    let methods: [(&'static str, crate::types::function::NativeFn); 6] = [
        ("__getitem__", array_getitem),
        ("__setitem__", array_setitem),
        ("__delitem__", array_delitem),
        ("__len__", array_len),
        ("__iter__", array_iter),
        ("__repr__", array_repr),
    ];
    for (name, f) in methods {
        add_method(vm, &class, name, f);
    }
    add_property(vm, &class, "typecode", array_typecode, None);
    add_property(vm, &class, "itemsize", array_itemsize, None);
    add_property(vm, &class, "value", array_value_get, Some(array_value_set));
    add_property(vm, &class, "raw", array_raw_get, Some(array_raw_set));
    class
}
