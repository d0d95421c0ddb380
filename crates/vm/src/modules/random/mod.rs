//! The `random` module: the `Random` class (MT19937 exactly as CPython, so seeded
//! sequences match) and the module-level functions bound to a hidden instance, as
//! `random.py` does with `_inst`.

mod distributions;
mod mt;
mod ranges;
mod sequences;
mod sha512;

use crate::error::PyResult;
use crate::modules::native_class::{field, new_class, new_instance, set_field};
use crate::number::args::parse_args;
use crate::number::{as_int, Int};
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::function::{NativeFn, NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;
use mt::{key_words, Mt, N};
use num_bigint::BigInt;

/// Every method of `Random`, also exported as a module function.
const METHODS: &[(&str, NativeFn)] = &[
    ("seed", random_seed),
    ("random", random_random),
    ("getrandbits", random_getrandbits),
    ("getstate", random_getstate),
    ("setstate", random_setstate),
    ("randbytes", random_randbytes),
    ("randrange", ranges::randrange),
    ("randint", ranges::randint),
    ("choice", sequences::choice),
    ("shuffle", sequences::shuffle),
    ("sample", sequences::sample),
    ("choices", sequences::choices),
    ("uniform", distributions::uniform),
    ("triangular", distributions::triangular),
    ("normalvariate", distributions::normalvariate),
    ("gauss", distributions::gauss),
    ("lognormvariate", distributions::lognormvariate),
    ("expovariate", distributions::expovariate),
    ("paretovariate", distributions::paretovariate),
    ("weibullvariate", distributions::weibullvariate),
    ("gammavariate", distributions::gammavariate),
    ("betavariate", distributions::betavariate),
    ("vonmisesvariate", distributions::vonmisesvariate),
];

/// Builds the `random` module.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let module = vm.new_module("random");
    let Payload::Module(m) = module.payload() else {
        return module;
    };
    let dict = m.dict.clone();
    let mut methods: Vec<(&'static str, NativeFn)> = vec![("__init__", random_init)];
    methods.extend(METHODS.iter().map(|&(n, f)| (n, f)));
    let class = new_class(vm, "random", "Random", &methods);
    let inst = new_instance(vm, &class, vec![]);
    if let Err(e) = seed_instance(vm, &inst, None) {
        drop(e);
    }
    crate::vm::dict_set_str(vm, &dict, "Random", Value::Obj(class));
    for &(name, func) in METHODS {
        let f = Value::new_obj(Payload::NativeFunction(NativeFunction {
            name,
            func,
            kind: NativeKind::Function,
            owner: Some("Random"),
            bound: Some(inst.clone()),
            wants_caller_locals: false,
        }));
        crate::vm::dict_set_str(vm, &dict, name, f);
    }
    module
}

/// The generator state list of a `Random` instance, created (seeded from the OS)
/// when missing.
fn state_list(vm: &mut Vm, this: &Value) -> PyResult<ObjRef> {
    if let Some(Value::Obj(o)) = field(vm, this, "_mt") {
        if matches!(o.payload(), Payload::List(_)) {
            return Ok(o);
        }
    }
    if !matches!(this.payload(), Some(Payload::Instance(_))) {
        return Err(vm.type_error(format!(
            "descriptor requires a 'random.Random' object but received a '{}'",
            vm.type_name(this)
        )));
    }
    seed_instance(vm, this, None)?;
    match field(vm, this, "_mt") {
        Some(Value::Obj(o)) => Ok(o),
        _ => Err(vm.runtime_error("random state unavailable")),
    }
}

/// Runs `f` on the generator of `this` (no Python code may run inside).
fn with_mt<T>(vm: &mut Vm, this: &Value, f: impl FnOnce(&mut Mt<'_>) -> T) -> PyResult<T> {
    let list = state_list(vm, this)?;
    let Payload::List(cell) = list.payload() else {
        return Err(vm.runtime_error("random state unavailable"));
    };
    let Some(mut words) = cell.try_borrow_mut(vm.gil) else {
        return Err(vm.runtime_error("random state is in use"));
    };
    let mut mt = Mt::new(&mut words);
    Ok(f(&mut mt))
}

/// A fresh key from the OS (or the clock when that fails).
fn entropy_key() -> Vec<u32> {
    use std::io::Read;
    let mut buf = [0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if ok {
        return buf
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    vec![t as u32, (t >> 32) as u32, std::process::id()]
}

/// The key `seed(a)` uses (`None` means fresh entropy).
fn seed_key(vm: &mut Vm, a: Option<&Value>, version: i64) -> PyResult<Vec<u32>> {
    let Some(a) = a.filter(|a| !a.is_none()) else {
        return Ok(entropy_key());
    };
    if let Some(i) = as_int(a) {
        return Ok(key_words(&num_traits::Signed::abs(&i.to_big())));
    }
    let bytes = match a.payload() {
        Some(Payload::Str(s)) => Some(s.as_str().as_bytes().to_vec()),
        Some(Payload::Bytes(b)) => Some(b.to_vec()),
        _ => None,
    };
    if let Some(bytes) = bytes {
        if version == 1 {
            let text: Vec<u32> = match a.as_str() {
                Some(s) => s.chars().map(|c| c as u32).collect(),
                None => bytes.iter().map(|&b| b as u32).collect(),
            };
            let mut x: u64 = text.first().map_or(0, |&c| (c as u64) << 7);
            for &c in &text {
                x = (1_000_003u64.wrapping_mul(x)) ^ c as u64;
            }
            x ^= text.len() as u64;
            return Ok(key_words(&BigInt::from(x)));
        }
        let mut all = bytes.clone();
        all.extend_from_slice(&sha512::sha512(&bytes));
        let n = BigInt::from_bytes_be(num_bigint::Sign::Plus, &all);
        return Ok(key_words(&n));
    }
    if matches!(a, Value::Float(_)) {
        let h = crate::ops::hash(vm, a)?;
        return Ok(key_words(&BigInt::from(h as u64)));
    }
    Err(vm.type_error(
        "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
    ))
}

/// Seeds an instance: a new state list and `gauss_next = None`.
fn seed_instance(vm: &mut Vm, this: &Value, a: Option<&Value>) -> PyResult<()> {
    seed_with_version(vm, this, a, 2)
}

fn seed_with_version(vm: &mut Vm, this: &Value, a: Option<&Value>, version: i64) -> PyResult<()> {
    let key = seed_key(vm, a, version)?;
    let mut words = vec![Value::Int(0); N + 1];
    Mt::new(&mut words).init_by_array(&key);
    let list = Value::new_obj(Payload::List(GilCell::new(words)));
    set_field(vm, this, "_mt", list);
    set_field(vm, this, "gauss_next", Value::None);
    Ok(())
}

fn this_arg<'a>(vm: &Vm, args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    args.first().ok_or_else(|| {
        vm.type_error(format!(
            "Random.{name}() missing 1 required positional argument: 'self'"
        ))
    })
}

fn random_init(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "__init__")?;
    let a = parse_args(vm, "Random", &args[1..], kwargs, &["x"], 0)?;
    seed_instance(vm, this, a[0].as_ref())?;
    Ok(Value::None)
}

/// `seed(a=None, version=2)`.
fn random_seed(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "seed")?;
    let a = parse_args(vm, "seed", &args[1..], kwargs, &["a", "version"], 0)?;
    let version = match &a[1] {
        Some(v) => crate::number::convert::index_i64(vm, v, "version too large")?,
        None => 2,
    };
    seed_with_version(vm, this, a[0].as_ref(), version)?;
    Ok(Value::None)
}

/// `random()`.
fn random_random(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "random")?;
    crate::number::args::no_kwargs(vm, kwargs, "random")?;
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "Random.random() takes no arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(Value::Float(with_mt(vm, this, |mt| mt.random())?))
}

/// `random()` as a Rust float, for the other methods.
pub(crate) fn next_float(vm: &mut Vm, this: &Value) -> PyResult<f64> {
    with_mt(vm, this, |mt| mt.random())
}

/// `_randbelow(n)` for `n > 0`.
pub(crate) fn below(vm: &mut Vm, this: &Value, n: Int<'_>) -> PyResult<Value> {
    match n {
        Int::Small(s) if s > 0 => {
            let r = with_mt(vm, this, |mt| mt.below_u64(s as u64))?;
            Ok(Value::Int(r as i64))
        }
        _ => {
            let big = n.to_big();
            let r = with_mt(vm, this, |mt| mt.below_big(&big))?;
            Ok(crate::number::int_from_bigint(r))
        }
    }
}

/// `getrandbits(k)`.
fn random_getrandbits(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "getrandbits")?;
    let a = parse_args(vm, "getrandbits", &args[1..], kwargs, &["k"], 1)?;
    let k = a[0].clone().unwrap_or(Value::None);
    let k = crate::number::convert::index_i64(vm, &k, "Python int too large to convert to C int")?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let r = with_mt(vm, this, |mt| mt.bits_big(k as u64))?;
    Ok(crate::number::int_from_bigint(r))
}

/// `randbytes(n)`.
fn random_randbytes(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "randbytes")?;
    let a = parse_args(vm, "randbytes", &args[1..], kwargs, &["n"], 1)?;
    let n = a[0].clone().unwrap_or(Value::None);
    let n =
        crate::number::convert::index_i64(vm, &n, "cannot fit 'int' into an index-sized integer")?;
    if n < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let bits = with_mt(vm, this, |mt| mt.bits_big(n as u64 * 8))?;
    let mut bytes = bits.to_bytes_le().1;
    bytes.resize(n as usize, 0);
    Ok(Value::new_obj(Payload::Bytes(bytes.into_boxed_slice())))
}

/// `getstate()`: `(3, (625 ints), gauss_next)`.
fn random_getstate(vm: &mut Vm, args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "getstate")?;
    let list = state_list(vm, this)?;
    let items = match list.payload() {
        Payload::List(cell) => cell.borrow(vm.gil).clone(),
        _ => Vec::new(),
    };
    let internal = vm.new_tuple(items);
    let gauss = field(vm, this, "gauss_next").unwrap_or(Value::None);
    Ok(vm.new_tuple(vec![Value::Int(3), internal, gauss]))
}

/// `setstate(state)`.
fn random_setstate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = this_arg(vm, args, "setstate")?;
    let a = parse_args(vm, "setstate", &args[1..], kwargs, &["state"], 1)?;
    let state = a[0].clone().unwrap_or(Value::None);
    let parts = crate::ops::collect_iterable(vm, &state)?;
    let version = parts.first().cloned().unwrap_or(Value::None);
    if !matches!(version, Value::Int(2 | 3)) || parts.len() != 3 {
        let shown = crate::ops::repr(vm, &version)?;
        return Err(vm.value_error(format!(
            "state with version {shown} passed to Random.setstate() of version 3"
        )));
    }
    let internal = crate::ops::collect_iterable(vm, &parts[1])?;
    if internal.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = Vec::with_capacity(N + 1);
    for (i, v) in internal.iter().enumerate() {
        let w = match as_int(v) {
            Some(Int::Small(n)) if i == N && (0..=N as i64).contains(&n) => n,
            Some(Int::Small(n)) if i < N && (0..=u32::MAX as i64).contains(&n) => n,
            Some(_) if i == N => return Err(vm.value_error("invalid state")),
            Some(_) => {
                return Err(vm.overflow_error("Python int too large to convert to C unsigned long"))
            }
            None => return Err(vm.type_error("state vector items must be integers")),
        };
        words.push(Value::Int(w));
    }
    let list = Value::new_obj(Payload::List(GilCell::new(words)));
    set_field(vm, this, "_mt", list);
    set_field(vm, this, "gauss_next", parts[2].clone());
    Ok(Value::None)
}
