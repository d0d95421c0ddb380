//! A minimal `bytes`: construction, indexing (to ints), slicing, `+`, `*`, `in`,
//! comparison, `decode`, and the text codecs `str.encode`/`bytes.decode` share.

use super::arguments::{bind, clinic_arity};
use super::slice::{subscript, Subscript};
use crate::error::PyResult;
use crate::object::Payload;
use crate::value::Value;
use crate::vm::Vm;

fn bytes_value(b: Vec<u8>) -> Value {
    Value::new_obj(Payload::Bytes(b.into_boxed_slice()))
}

/// Normalizes an encoding name (`UTF-8`, `utf_8`, `latin1` ...).
fn codec(vm: &Vm, encoding: &str) -> PyResult<&'static str> {
    let norm = encoding.to_ascii_lowercase().replace('_', "-");
    Ok(match norm.as_str() {
        "utf-8" | "utf8" | "u8" => "utf-8",
        "ascii" | "us-ascii" => "ascii",
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => "latin-1",
        _ => {
            return Err(vm.new_error(
                &vm.interp.exc.lookup_error,
                format!("unknown encoding: {encoding}"),
            ))
        }
    })
}

/// Encodes text (`str.encode`).
pub fn encode(vm: &Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let name = codec(vm, encoding)?;
    if name == "utf-8" {
        return Ok(text.as_bytes().to_vec());
    }
    let limit = if name == "ascii" { 0x80 } else { 0x100 };
    let mut out = Vec::with_capacity(text.len());
    for (pos, c) in text.chars().enumerate() {
        let n = c as u32;
        if n < limit {
            out.push(n as u8);
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            _ => {
                let shown = match n {
                    0..=0xff => format!("'\\x{n:02x}'"),
                    0x100..=0xffff => format!("'\\u{n:04x}'"),
                    _ => format!("'\\U{n:08x}'"),
                };
                return Err(vm.new_error(
                    &vm.interp.exc.unicode_encode_error,
                    format!(
                        "'{name}' codec can't encode character {shown} in position {pos}: ordinal not in range({limit})"
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// Decodes bytes to a str value (`bytes.decode`, `str(b, encoding)`).
pub fn decode(vm: &Vm, bytes: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let name = codec(vm, encoding)?;
    match name {
        "utf-8" => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Value::str(s)),
            Err(e) => match errors {
                "replace" => Ok(Value::str(String::from_utf8_lossy(bytes).into_owned())),
                "ignore" => {
                    let lossy = String::from_utf8_lossy(bytes);
                    Ok(Value::str(lossy.replace('\u{fffd}', "")))
                }
                _ => {
                    let pos = e.valid_up_to();
                    let byte = bytes.get(pos).copied().unwrap_or(0);
                    let reason = if e.error_len().is_none() {
                        "unexpected end of data"
                    } else if (0x80..0xc2).contains(&byte) || byte > 0xf4 {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    Err(vm.new_error(
                        &vm.interp.exc.unicode_decode_error,
                        format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}"),
                    ))
                }
            },
        },
        "ascii" => {
            let mut out = String::with_capacity(bytes.len());
            for (pos, &b) in bytes.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            return Err(vm.new_error(
                                &vm.interp.exc.unicode_decode_error,
                                format!("'ascii' codec can't decode byte 0x{b:02x} in position {pos}: ordinal not in range(128)"),
                            ))
                        }
                    }
                }
            }
            Ok(Value::str(out))
        }
        _ => Ok(Value::str(
            bytes.iter().map(|&b| b as char).collect::<String>(),
        )),
    }
}

/// `bytes()`, `bytes(n)`, `bytes(iterable_of_ints)`, `bytes(str, encoding)`.
pub fn bytes_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let rest = args.get(1..).unwrap_or(&[]);
    let [source, encoding, errors] = bind(
        vm,
        "bytes",
        rest,
        kwargs,
        ["source", "encoding", "errors"],
        3,
    )?;
    let Some(source) = source else {
        return Ok(bytes_value(Vec::new()));
    };
    if let Some(text) = source.as_str() {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let enc = enc.as_str().unwrap_or("utf-8").to_string();
        let errors = errors
            .as_ref()
            .and_then(|e| e.as_str())
            .unwrap_or("strict")
            .to_string();
        return encode(vm, text, &enc, &errors).map(bytes_value);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if let Some(Payload::Bytes(_)) = source.payload() {
        return Ok(source);
    }
    if let Value::Int(n) = source {
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        super::sequence::check_size(vm, 1, n as usize)?;
        return Ok(bytes_value(vec![0; n as usize]));
    }
    let items = super::iterators::collect_or(
        vm,
        &source,
        &format!("cannot convert '{}' object to bytes", vm.type_name(&source)),
    )?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match super::slice::to_index(vm, &item)? {
            Some(b) if (0..256).contains(&b) => out.push(b as u8),
            Some(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&item)
                )))
            }
        }
    }
    Ok(bytes_value(out))
}

/// `b[key]`: an int for an index, bytes for a slice.
pub fn get_item(vm: &mut Vm, b: &[u8], key: &Value) -> PyResult<Value> {
    if !matches!(key.payload(), Some(Payload::Slice(_)))
        && super::slice::to_index(vm, key)?.is_none()
    {
        return Err(vm.type_error(format!(
            "byte indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    }
    match subscript(vm, key, b.len(), "")? {
        Subscript::Index(i) => Ok(Value::Int(b[i] as i64)),
        Subscript::Slice(r) => Ok(bytes_value(r.indices().map(|i| b[i]).collect())),
    }
}

/// `a + b` for bytes.
pub fn concat(a: &[u8], b: &[u8]) -> Value {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    bytes_value(out)
}

/// `b * n`.
pub fn repeat(vm: &Vm, b: &[u8], n: usize) -> PyResult<Value> {
    super::sequence::check_size(vm, b.len(), n)?;
    Ok(bytes_value(b.repeat(n)))
}

/// `x in b`: an int byte value or a bytes substring.
pub fn contains(vm: &mut Vm, b: &[u8], x: &Value) -> PyResult<bool> {
    if let Some(Payload::Bytes(sub)) = x.payload() {
        if sub.is_empty() {
            return Ok(true);
        }
        return Ok(b.windows(sub.len()).any(|w| w == &sub[..]));
    }
    match super::slice::to_index(vm, x)? {
        Some(i) if (0..256).contains(&i) => Ok(b.contains(&(i as u8))),
        Some(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(x)
        ))),
    }
}

/// `hash(b)`: SipHash-1-3 with zero keys over the bytes, CPython's bytes hash under
/// `PYTHONHASHSEED=0` (so it equals the hash of the same ASCII text).
pub fn hash(b: &[u8]) -> i64 {
    use std::hash::Hasher;
    if b.is_empty() {
        return 0;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write(b);
    match h.finish() as i64 {
        -1 => -2,
        v => v,
    }
}

/// `bytes.decode(encoding='utf-8', errors='strict')`.
fn bytes_decode(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Payload::Bytes(b)) = args.first().and_then(|v| v.payload()) else {
        return Err(super::arguments::descriptor_error(
            vm,
            "bytes",
            "decode",
            args.first(),
        ));
    };
    let [encoding, errors] = bind(vm, "decode", &args[1..], kwargs, ["encoding", "errors"], 2)?;
    let enc = encoding
        .as_ref()
        .and_then(|e| e.as_str())
        .unwrap_or("utf-8")
        .to_string();
    let errors = errors
        .as_ref()
        .and_then(|e| e.as_str())
        .unwrap_or("strict")
        .to_string();
    decode(vm, b, &enc, &errors)
}

/// `bytes.hex()`.
fn bytes_hex(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Payload::Bytes(b)) = args.first().and_then(|v| v.payload()) else {
        return Err(super::arguments::descriptor_error(
            vm,
            "bytes",
            "hex",
            args.first(),
        ));
    };
    super::arguments::no_kwargs(vm, "bytes.hex", kwargs)?;
    clinic_arity(vm, "hex", args.len() - 1, 0, 0)?;
    let mut out = String::with_capacity(b.len() * 2);
    for byte in b.iter() {
        out.push_str(&format!("{byte:02x}"));
    }
    Ok(Value::str(out))
}

/// Installs the bytes constructor and methods.
pub fn register(vm: &Vm) {
    let c = vm.types().bytes.clone();
    crate::bootstrap::add_staticmethod(vm, &c, "__new__", bytes_new);
    crate::bootstrap::add_method(vm, &c, "decode", bytes_decode);
    crate::bootstrap::add_method(vm, &c, "hex", bytes_hex);
}
