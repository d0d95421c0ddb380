//! `str` methods other than searching, splitting and formatting: case conversion, the
//! `is*` predicates, padding, encoding, prefixes and translation; and the registry of
//! every str method.

use super::arguments::{clinic_arity, no_args, no_kwargs, one_arg};
use super::str_search::this;
use super::unicode as uc;
use crate::bootstrap::{add_method, add_staticmethod};
use crate::error::PyResult;
use crate::object::Payload;
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

/// Returns `self` unchanged when a transformation did not change the text (CPython
/// returns the same object for exact strs in that case, which `is` can observe).
fn same_or_new(this: &Value, old: &str, new: String) -> Value {
    if old == new {
        this.clone()
    } else {
        Value::str(new)
    }
}

macro_rules! case_method {
    ($fname:ident, $name:literal, $qual:literal, |$s:ident| $body:expr) => {
        #[doc = concat!("`str.", $name, "()`.")]
        pub fn $fname(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let so = this(vm, args, $name)?;
            no_args(vm, $qual, args, kwargs)?;
            let $s = so.as_str();
            let out: String = $body;
            Ok(same_or_new(&args[0], $s, out))
        }
    };
}

case_method!(upper, "upper", "str.upper", |s| if s.is_ascii() {
    s.to_ascii_uppercase()
} else {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        uc::push_upper(&mut out, c);
    }
    out
});

case_method!(lower, "lower", "str.lower", |s| if s.is_ascii() {
    s.to_ascii_lowercase()
} else {
    lower_text(s)
});

case_method!(casefold, "casefold", "str.casefold", |s| {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        uc::push_casefold(&mut out, c);
    }
    out
});

case_method!(capitalize, "capitalize", "str.capitalize", |s| {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        uc::push_title(&mut out, first);
        out.push_str(&lower_text(chars.as_str()));
    }
    out
});

case_method!(title, "title", "str.title", |s| {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            uc::push_lower(&mut out, c);
        } else {
            uc::push_title(&mut out, c);
        }
        prev_cased = uc::is_cased(c);
    }
    out
});

case_method!(swapcase, "swapcase", "str.swapcase", |s| {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if uc::is_upper(c) {
            if c == 'Σ' && final_sigma(&chars, i) {
                out.push('ς');
            } else {
                uc::push_lower(&mut out, c);
            }
        } else if uc::is_lower(c) {
            uc::push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
});

/// `s.lower()` for non-ASCII text: per-character mappings, with the capital sigma
/// becoming `ς` at the end of a word.
fn lower_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'Σ' && final_sigma(&chars, i) {
            out.push('ς');
        } else {
            uc::push_lower(&mut out, c);
        }
    }
    out
}

/// Whether the capital sigma at `i` ends a word (it then lowers to `ς`).
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|c| !is_case_ignorable(**c));
    let after = chars[i + 1..].iter().find(|c| !is_case_ignorable(**c));
    before.is_some_and(|c| uc::is_cased(*c)) && !after.is_some_and(|c| uc::is_cased(*c))
}

fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2019}'
    )
}

macro_rules! predicate {
    ($fname:ident, $name:literal, $qual:literal, $empty:expr, |$c:ident| $test:expr) => {
        #[doc = concat!("`str.", $name, "()`.")]
        pub fn $fname(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let so = this(vm, args, $name)?;
            no_args(vm, $qual, args, kwargs)?;
            let s = so.as_str();
            if s.is_empty() {
                return Ok(Value::Bool($empty));
            }
            Ok(Value::Bool(s.chars().all(|$c| $test)))
        }
    };
}

predicate!(isdigit, "isdigit", "str.isdigit", false, |c| uc::is_digit(
    c
));
predicate!(isdecimal, "isdecimal", "str.isdecimal", false, |c| {
    uc::is_decimal(c)
});
predicate!(isnumeric, "isnumeric", "str.isnumeric", false, |c| {
    uc::is_numeric(c)
});
predicate!(isalpha, "isalpha", "str.isalpha", false, |c| uc::is_alpha(
    c
));
predicate!(isalnum, "isalnum", "str.isalnum", false, |c| uc::is_alnum(
    c
));
predicate!(isspace, "isspace", "str.isspace", false, |c| uc::is_space(
    c
));
predicate!(isascii, "isascii", "str.isascii", true, |c| c.is_ascii());
predicate!(isprintable, "isprintable", "str.isprintable", true, |c| {
    uc::is_printable(c)
});

/// True when `text` has a character of the wanted case and none of the other case or
/// titlecase (`isupper`/`islower`).
fn only_case(text: &str, wanted: fn(char) -> bool, other: fn(char) -> bool) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if other(c) || uc::is_title(c) {
            return false;
        }
        cased |= wanted(c);
    }
    cased
}

/// `str.isupper()`: some cased character and no lower- or titlecase one.
pub fn isupper(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "isupper")?;
    no_args(vm, "str.isupper", args, kwargs)?;
    Ok(Value::Bool(only_case(
        s.as_str(),
        uc::is_upper,
        uc::is_lower,
    )))
}

/// `str.islower()`: some cased character and no upper- or titlecase one.
pub fn islower(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "islower")?;
    no_args(vm, "str.islower", args, kwargs)?;
    Ok(Value::Bool(only_case(
        s.as_str(),
        uc::is_lower,
        uc::is_upper,
    )))
}

/// `str.istitle()`: uppercase only after uncased characters, lowercase only after
/// cased ones.
pub fn istitle(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "istitle")?;
    no_args(vm, "str.istitle", args, kwargs)?;
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.as_str().chars() {
        if uc::is_upper(c) || uc::is_title(c) {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if uc::is_lower(c) {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

/// `str.isidentifier()`.
pub fn isidentifier(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "isidentifier")?;
    no_args(vm, "str.isidentifier", args, kwargs)?;
    let mut chars = s.as_str().chars();
    let ok = match chars.next() {
        Some(first) => uc::is_id_start(first) && chars.all(uc::is_id_continue),
        None => false,
    };
    Ok(Value::Bool(ok))
}

/// The `(width[, fillchar])` arguments of the padding methods.
fn pad_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(usize, char)> {
    no_kwargs(vm, name, kwargs)?;
    clinic_arity(vm, name, args.len() - 1, 1, 2)?;
    let width = super::slice::int_arg(vm, &args[1])?.max(0) as usize;
    let width = vm.check_text_size(width)?;
    let fill = match args.get(2) {
        None => ' ',
        Some(v) => match v.as_str_obj() {
            Some(f) if f.char_len() == 1 => f.as_str().chars().next().unwrap_or(' '),
            Some(_) => {
                return Err(vm.type_error("The fill character must be exactly one character long"))
            }
            None => {
                return Err(vm.type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    vm.type_name(v)
                )))
            }
        },
    };
    Ok((width, fill))
}

fn pad(this: &Value, s: &str, len: usize, left: usize, right: usize, fill: char) -> Value {
    if left == 0 && right == 0 {
        return this.clone();
    }
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    let _ = len;
    Value::str(out)
}

/// `str.center(width[, fillchar])`.
pub fn center(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "center")?;
    let (width, fill) = pad_args(vm, "center", args, kwargs)?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    Ok(pad(&args[0], s.as_str(), len, left, marg - left, fill))
}

/// `str.ljust(width[, fillchar])`.
pub fn ljust(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "ljust")?;
    let (width, fill) = pad_args(vm, "ljust", args, kwargs)?;
    let len = s.char_len();
    Ok(pad(
        &args[0],
        s.as_str(),
        len,
        0,
        width.saturating_sub(len),
        fill,
    ))
}

/// `str.rjust(width[, fillchar])`.
pub fn rjust(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "rjust")?;
    let (width, fill) = pad_args(vm, "rjust", args, kwargs)?;
    let len = s.char_len();
    Ok(pad(
        &args[0],
        s.as_str(),
        len,
        width.saturating_sub(len),
        0,
        fill,
    ))
}

/// `str.zfill(width)`: zeros after any sign.
pub fn zfill(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "zfill")?;
    let w = one_arg(vm, "str.zfill", args, kwargs)?;
    let width = super::slice::int_arg(vm, w)?.max(0) as usize;
    let width = vm.check_text_size(width)?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    let text = s.as_str();
    let mut out = String::with_capacity(width + text.len() - len);
    let rest = match text.chars().next() {
        Some(c @ ('+' | '-')) => {
            out.push(c);
            &text[1..]
        }
        _ => text,
    };
    out.extend(std::iter::repeat_n('0', width - len));
    out.push_str(rest);
    Ok(Value::str(out))
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn encode(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "encode")?;
    let [encoding, errors] =
        super::arguments::bind(vm, "encode", &args[1..], kwargs, ["encoding", "errors"], 2)?;
    let enc = match &encoding {
        Some(e) => e
            .as_str()
            .ok_or_else(|| {
                vm.type_error(format!(
                    "encode() argument 'encoding' must be str, not {}",
                    vm.type_name(e)
                ))
            })?
            .to_string(),
        None => "utf-8".into(),
    };
    let errors = errors
        .as_ref()
        .and_then(|e| e.as_str())
        .unwrap_or("strict")
        .to_string();
    let bytes = super::bytes::encode(vm, s.as_str(), &enc, &errors)?;
    Ok(Value::new_obj(Payload::Bytes(bytes.into_boxed_slice())))
}

/// `str.removeprefix(prefix)`.
pub fn removeprefix(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "removeprefix")?;
    let p = one_arg(vm, "str.removeprefix", args, kwargs)?;
    let p = p.as_str().ok_or_else(|| {
        vm.type_error(format!(
            "removeprefix() argument must be str, not {}",
            vm.type_name(p)
        ))
    })?;
    match s.as_str().strip_prefix(p) {
        Some(rest) if !p.is_empty() => Ok(Value::str(rest)),
        _ => Ok(args[0].clone()),
    }
}

/// `str.removesuffix(suffix)`.
pub fn removesuffix(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "removesuffix")?;
    let p = one_arg(vm, "str.removesuffix", args, kwargs)?;
    let p = p.as_str().ok_or_else(|| {
        vm.type_error(format!(
            "removesuffix() argument must be str, not {}",
            vm.type_name(p)
        ))
    })?;
    match s.as_str().strip_suffix(p) {
        Some(rest) if !p.is_empty() => Ok(Value::str(rest)),
        _ => Ok(args[0].clone()),
    }
}

/// `str.maketrans(x[, y[, z]])`: a dict from code points to replacements.
pub fn maketrans(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "maketrans", kwargs)?;
    clinic_arity(vm, "maketrans", args.len(), 1, 3)?;
    let out = vm.new_dict(Dict::new());
    let Some(d) = out.as_obj().cloned() else {
        return Ok(out);
    };
    if args.len() == 1 {
        let Some(Payload::Dict(src)) = args[0].payload() else {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        let pairs: Vec<(Value, Value)> = src
            .borrow(vm.gil)
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect();
        for (k, v) in pairs {
            let key = match k.as_str_obj() {
                Some(s) if s.char_len() == 1 => {
                    Value::Int(s.as_str().chars().next().map_or(0, |c| c as i64))
                }
                Some(_) => {
                    return Err(vm.value_error("string keys in translate table must be of length 1"))
                }
                None if matches!(k, Value::Int(_)) => k,
                None => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            crate::ops::dict_set_item(vm, &d, key, v)?;
        }
        return Ok(out);
    }
    let (Some(x), Some(y)) = (args[0].as_str(), args[1].as_str()) else {
        return Err(vm.type_error("maketrans() argument 1 must be str, not dict"));
    };
    if x.chars().count() != y.chars().count() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        crate::ops::dict_set_item(vm, &d, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = args.get(2) {
        let z = z.as_str().unwrap_or("").to_string();
        for c in z.chars() {
            crate::ops::dict_set_item(vm, &d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(out)
}

/// `str.translate(table)`: maps each code point through `table[ord(c)]`.
pub fn translate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "translate")?;
    let table = one_arg(vm, "str.translate", args, kwargs)?.clone();
    let text = s.as_str();
    let lookup_error = vm.interp.exc.lookup_error.clone();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match crate::ops::get_item(vm, &table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Int(n)) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(r) => out.push(r),
                None => return Err(vm.value_error("character mapping must be in range(0x110000)")),
            },
            Ok(v) => match v.as_str() {
                Some(r) => out.push_str(r),
                None => {
                    return Err(vm.type_error("character mapping must return integer, None or str"))
                }
            },
            Err(e) if vm.err_matches(&e, &lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(same_or_new(&args[0], text, out))
}

/// `str.__mod__`: `fmt % args` (the numbers area's printf-style formatter).
pub fn percent(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Value> {
    crate::percent_format::percent_format(vm, fmt, args).map(Value::str)
}

/// Installs the str constructor and methods.
pub fn register(vm: &Vm) {
    use super::{str_format as f, str_search as q, str_split as sp};
    let c = vm.types().str.clone();
    add_staticmethod(vm, &c, "__new__", super::str_ops::str_new);
    add_staticmethod(vm, &c, "maketrans", maketrans);
    let methods: &[(&'static str, crate::types::function::NativeFn)] = &[
        ("upper", upper),
        ("lower", lower),
        ("casefold", casefold),
        ("capitalize", capitalize),
        ("title", title),
        ("swapcase", swapcase),
        ("isdigit", isdigit),
        ("isdecimal", isdecimal),
        ("isnumeric", isnumeric),
        ("isalpha", isalpha),
        ("isalnum", isalnum),
        ("isspace", isspace),
        ("isascii", isascii),
        ("isprintable", isprintable),
        ("isupper", isupper),
        ("islower", islower),
        ("istitle", istitle),
        ("isidentifier", isidentifier),
        ("center", center),
        ("ljust", ljust),
        ("rjust", rjust),
        ("zfill", zfill),
        ("encode", encode),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
        ("translate", translate),
        ("find", q::find),
        ("rfind", q::rfind),
        ("index", q::index),
        ("rindex", q::rindex),
        ("count", q::count),
        ("startswith", q::startswith),
        ("endswith", q::endswith),
        ("split", sp::split),
        ("rsplit", sp::rsplit),
        ("splitlines", sp::splitlines),
        ("strip", sp::strip),
        ("lstrip", sp::lstrip),
        ("rstrip", sp::rstrip),
        ("partition", sp::partition),
        ("rpartition", sp::rpartition),
        ("join", sp::join),
        ("replace", sp::replace),
        ("expandtabs", sp::expandtabs),
        ("format", f::format),
        ("format_map", f::format_map),
        ("__format__", f::dunder_format),
    ];
    for &(name, func) in methods {
        add_method(vm, &c, name, func);
    }
}
