//! The `json` module: `dumps`/`dump` (with `indent`, `sort_keys`, `separators`,
//! `ensure_ascii`, `default`, `skipkeys`, `allow_nan`) and `loads`/`load` (with
//! `object_hook`), producing CPython's exact text and `JSONDecodeError` messages.

use super::{add_fn, set_attr};
use crate::builtins::args;
use crate::error::{PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::types::dict::Dict;
use crate::value::Value;
use crate::vm::Vm;

// ----- encoding -----

struct Encoder {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    skip_keys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    default: Option<Value>,
    /// Ids of the containers being encoded, to detect cycles.
    active: Vec<i64>,
}

fn escape_into(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let n = c as u32;
                if n > 0xffff {
                    let v = n - 0x10000;
                    let hi = 0xd800 | (v >> 10);
                    let lo = 0xdc00 | (v & 0x3ff);
                    out.push_str(&format!("\\u{hi:04x}\\u{lo:04x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn float_text(vm: &mut Vm, enc: &Encoder, f: f64) -> PyResult<String> {
    if f.is_finite() {
        return crate::ops::repr(vm, &Value::Float(f));
    }
    if !enc.allow_nan {
        return Err(vm.value_error("Out of range float values are not JSON compliant"));
    }
    Ok(if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
    .to_string())
}

impl Encoder {
    fn newline(&self, out: &mut String, level: usize) {
        if let Some(ind) = &self.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(ind);
            }
        }
    }

    fn enter(&mut self, vm: &mut Vm, v: &Value) -> PyResult<()> {
        let id = v.id();
        if self.active.contains(&id) {
            return Err(vm.value_error("Circular reference detected"));
        }
        self.active.push(id);
        vm.enter_recursion(" while encoding a JSON object")
    }

    fn leave(&mut self, vm: &mut Vm) {
        self.active.pop();
        vm.leave_recursion();
    }

    fn encode(&mut self, vm: &mut Vm, v: &Value, out: &mut String, level: usize) -> PyResult<()> {
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&float_text(vm, self, *f)?),
            _ => match v.payload() {
                Some(Payload::Str(s)) => escape_into(out, s.as_str(), self.ensure_ascii),
                Some(Payload::BigInt(_)) => out.push_str(&crate::ops::repr(vm, v)?),
                Some(Payload::List(_) | Payload::Tuple(_)) => {
                    let items = crate::ops::collect_iterable(vm, v)?;
                    self.enter(vm, v)?;
                    let r = self.encode_list(vm, &items, out, level);
                    self.leave(vm);
                    r?;
                }
                Some(Payload::Dict(_)) => {
                    let pairs = crate::ops::kwargs_pairs(vm, v)?;
                    self.enter(vm, v)?;
                    let r = self.encode_dict(vm, pairs, out, level);
                    self.leave(vm);
                    r?;
                }
                _ => {
                    let Some(default) = self.default.clone() else {
                        return Err(vm.type_error(format!(
                            "Object of type {} is not JSON serializable",
                            vm.type_name(v)
                        )));
                    };
                    self.enter(vm, v)?;
                    let r = vm
                        .call(&default, vec![v.clone()], vec![])
                        .and_then(|replacement| self.encode(vm, &replacement, out, level));
                    self.leave(vm);
                    r?;
                }
            },
        }
        Ok(())
    }

    fn encode_list(
        &mut self,
        vm: &mut Vm,
        items: &[Value],
        out: &mut String,
        level: usize,
    ) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.item_sep);
            }
            self.newline(out, level + 1);
            self.encode(vm, item, out, level + 1)?;
        }
        self.newline(out, level);
        out.push(']');
        Ok(())
    }

    /// A dict key as JSON text, or None to skip it (`skipkeys=True`).
    fn key_text(&self, vm: &mut Vm, k: &Value) -> PyResult<Option<String>> {
        Ok(Some(match k {
            Value::None => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_text(vm, self, *f)?,
            _ => match k.payload() {
                Some(Payload::Str(s)) => s.as_str().to_string(),
                Some(Payload::BigInt(_)) => crate::ops::repr(vm, k)?,
                _ if self.skip_keys => return Ok(None),
                _ => {
                    return Err(vm.type_error(format!(
                        "keys must be str, int, float, bool or None, not {}",
                        vm.type_name(k)
                    )))
                }
            },
        }))
    }

    fn encode_dict(
        &mut self,
        vm: &mut Vm,
        mut pairs: Vec<(Value, Value)>,
        out: &mut String,
        level: usize,
    ) -> PyResult<()> {
        if pairs.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.sort_keys {
            let mut keys: Vec<Value> = pairs.iter().map(|(k, _)| k.clone()).collect();
            crate::builtins::sorting::sort_values(vm, &mut keys, None, false)?;
            let mut sorted = Vec::with_capacity(pairs.len());
            for k in keys {
                if let Some(i) = pairs.iter().position(|(pk, _)| pk.is(&k)) {
                    sorted.push(pairs.swap_remove(i));
                }
            }
            pairs = sorted;
        }
        out.push('{');
        let mut first = true;
        for (k, v) in pairs {
            let Some(key) = self.key_text(vm, &k)? else {
                continue;
            };
            if !first {
                out.push_str(&self.item_sep);
            }
            first = false;
            self.newline(out, level + 1);
            escape_into(out, &key, self.ensure_ascii);
            out.push_str(&self.key_sep);
            self.encode(vm, &v, out, level + 1)?;
        }
        self.newline(out, level);
        out.push('}');
        Ok(())
    }
}

const DUMP_OPTIONS: [&str; 11] = [
    "skipkeys",
    "ensure_ascii",
    "check_circular",
    "allow_nan",
    "cls",
    "indent",
    "separators",
    "default",
    "sort_keys",
    "obj",
    "fp",
];

fn encoder(vm: &mut Vm, kw: &[(Value, Value)]) -> PyResult<Encoder> {
    let flag = |vm: &mut Vm, name: &str, default: bool| -> PyResult<bool> {
        match args::kwarg(kw, name) {
            Some(v) => crate::ops::truthy(vm, v),
            None => Ok(default),
        }
    };
    let indent = match args::kwarg(kw, "indent") {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(" ".repeat((*n).max(0) as usize)),
        Some(v) => match v.as_str() {
            Some(s) => Some(s.to_string()),
            None => Some(" ".repeat(args::index_i64(vm, v)?.max(0) as usize)),
        },
    };
    let (item_sep, key_sep) = match args::kwarg(kw, "separators") {
        Some(seps) if !seps.is_none() => {
            let parts = crate::ops::unpack_exact(vm, seps, 2)?;
            (
                crate::ops::to_str(vm, &parts[0])?,
                crate::ops::to_str(vm, &parts[1])?,
            )
        }
        _ if indent.is_some() => (",".to_string(), ": ".to_string()),
        _ => (", ".to_string(), ": ".to_string()),
    };
    Ok(Encoder {
        indent,
        item_sep,
        key_sep,
        sort_keys: flag(vm, "sort_keys", false)?,
        skip_keys: flag(vm, "skipkeys", false)?,
        ensure_ascii: flag(vm, "ensure_ascii", true)?,
        allow_nan: flag(vm, "allow_nan", true)?,
        default: args::kwarg(kw, "default").filter(|d| !d.is_none()).cloned(),
        active: Vec::new(),
    })
}

fn dumps_text(vm: &mut Vm, obj: &Value, kw: &[(Value, Value)]) -> PyResult<String> {
    let mut enc = encoder(vm, kw)?;
    let mut out = String::new();
    enc.encode(vm, obj, &mut out, 0)?;
    Ok(out)
}

fn dumps(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "dumps", kw, &DUMP_OPTIONS)?;
    args::count(vm, "dumps", args, 0, 1)?;
    let Some(obj) = args.first().or_else(|| args::kwarg(kw, "obj")).cloned() else {
        return Err(vm.type_error("dumps() missing 1 required positional argument: 'obj'"));
    };
    Ok(Value::str(dumps_text(vm, &obj, kw)?))
}

fn dump(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "dump", kw, &DUMP_OPTIONS)?;
    args::count(vm, "dump", args, 0, 2)?;
    let get = |i: usize, n: &str| args.get(i).or_else(|| args::kwarg(kw, n)).cloned();
    let (Some(obj), Some(fp)) = (get(0, "obj"), get(1, "fp")) else {
        return Err(vm.type_error("dump() missing 2 required positional arguments: 'obj' and 'fp'"));
    };
    let text = dumps_text(vm, &obj, kw)?;
    let write = crate::attr::get_attr(vm, &fp, &Value::str("write"))?;
    vm.call(&write, vec![Value::str(text)], vec![])?;
    Ok(Value::None)
}

// ----- decoding -----

struct Parser<'a> {
    chars: &'a [char],
    doc: &'a str,
    object_hook: Option<Value>,
}

/// A decode failure: message and character position.
struct Failure(&'static str, usize);

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Parser<'_> {
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.chars.len() && is_ws(self.chars[i]) {
            i += 1;
        }
        i
    }

    fn starts_with(&self, i: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        self.chars.get(i..i + w.len()) == Some(&w[..])
    }

    /// One value at `i`; Err(None) means "no value here" (CPython's StopIteration).
    fn value(
        &self,
        vm: &mut Vm,
        i: usize,
    ) -> Result<(Value, usize), Option<Result<Failure, PyErr>>> {
        let Some(&c) = self.chars.get(i) else {
            return Err(None);
        };
        match c {
            '"' => self
                .string(i + 1)
                .map(|(s, e)| (Value::str(s), e))
                .map_err(|f| Some(Ok(f))),
            '{' => self.object(vm, i + 1).map_err(Some),
            '[' => self.array(vm, i + 1).map_err(Some),
            'n' if self.starts_with(i, "null") => Ok((Value::None, i + 4)),
            't' if self.starts_with(i, "true") => Ok((Value::Bool(true), i + 4)),
            'f' if self.starts_with(i, "false") => Ok((Value::Bool(false), i + 5)),
            'N' if self.starts_with(i, "NaN") => Ok((Value::Float(f64::NAN), i + 3)),
            'I' if self.starts_with(i, "Infinity") => Ok((Value::Float(f64::INFINITY), i + 8)),
            '-' if self.starts_with(i, "-Infinity") => Ok((Value::Float(f64::NEG_INFINITY), i + 9)),
            '-' | '0'..='9' => self.number(vm, i).map_err(|e| Some(Err(e)))?.ok_or(None),
            _ => Err(None),
        }
    }

    /// CPython's number pattern `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`.
    fn number(&self, vm: &mut Vm, start: usize) -> Result<Option<(Value, usize)>, PyErr> {
        let cs = self.chars;
        let digit = |i: usize| cs.get(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if cs.get(i) == Some(&'-') {
            i += 1;
        }
        if cs.get(i) == Some(&'0') {
            i += 1;
        } else if digit(i) {
            while digit(i) {
                i += 1;
            }
        } else {
            return Ok(None);
        }
        let mut is_float = false;
        if cs.get(i) == Some(&'.') && digit(i + 1) {
            i += 1;
            while digit(i) {
                i += 1;
            }
            is_float = true;
        }
        if matches!(cs.get(i), Some('e' | 'E')) {
            let mut j = i + 1;
            if matches!(cs.get(j), Some('+' | '-')) {
                j += 1;
            }
            if digit(j) {
                while digit(j) {
                    j += 1;
                }
                i = j;
                is_float = true;
            }
        }
        let text: String = cs[start..i].iter().collect();
        if is_float {
            let f = text.parse::<f64>().unwrap_or(f64::NAN);
            return Ok(Some((Value::Float(f), i)));
        }
        let v = match text.parse::<i64>() {
            Ok(n) => Value::Int(n),
            Err(_) => match text.parse::<num_bigint::BigInt>() {
                Ok(b) => crate::number::int_from_bigint(b),
                Err(_) => return Err(vm.value_error("invalid JSON number")),
            },
        };
        Ok(Some((v, i)))
    }

    /// A string body starting after its opening quote; returns the text and the
    /// position after the closing quote.
    fn string(&self, start: usize) -> Result<(String, usize), Failure> {
        let cs = self.chars;
        let mut out = String::new();
        let mut i = start;
        loop {
            let Some(&c) = cs.get(i) else {
                return Err(Failure("Unterminated string starting at", start - 1));
            };
            match c {
                '"' => return Ok((out, i + 1)),
                '\\' => {
                    let Some(&e) = cs.get(i + 1) else {
                        return Err(Failure("Unterminated string starting at", start - 1));
                    };
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{08}'),
                        'f' => out.push('\u{0c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let (code, next) = self
                                .hex4(i + 2)
                                .ok_or(Failure("Invalid \\uXXXX escape", i))?;
                            let mut code = code;
                            let mut after = next;
                            if (0xd800..0xdc00).contains(&code)
                                && cs.get(next) == Some(&'\\')
                                && cs.get(next + 1) == Some(&'u')
                            {
                                if let Some((lo, n2)) = self.hex4(next + 2) {
                                    if (0xdc00..0xe000).contains(&lo) {
                                        code = 0x10000 + ((code - 0xd800) << 10) + (lo - 0xdc00);
                                        after = n2;
                                    }
                                }
                            }
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            i = after;
                            continue;
                        }
                        _ => return Err(Failure("Invalid \\escape", i)),
                    }
                    i += 2;
                }
                c if (c as u32) < 0x20 => return Err(Failure("Invalid control character at", i)),
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    fn hex4(&self, i: usize) -> Option<(u32, usize)> {
        let s: String = self.chars.get(i..i + 4)?.iter().collect();
        if !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(&s, 16).ok().map(|n| (n, i + 4))
    }

    fn nested(&self, vm: &mut Vm, i: usize) -> Result<(Value, usize), Result<Failure, PyErr>> {
        match self.value(vm, i) {
            Ok(r) => Ok(r),
            Err(None) => Err(Ok(Failure("Expecting value", i))),
            Err(Some(e)) => Err(e),
        }
    }

    fn array(&self, vm: &mut Vm, start: usize) -> Result<(Value, usize), Result<Failure, PyErr>> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if self.chars.get(i) == Some(&']') {
            return Ok((vm.new_list(items), i + 1));
        }
        loop {
            let (v, end) = self.nested(vm, i)?;
            items.push(v);
            i = self.skip_ws(end);
            match self.chars.get(i) {
                Some(']') => return Ok((vm.new_list(items), i + 1)),
                Some(',') => i = self.skip_ws(i + 1),
                _ => return Err(Ok(Failure("Expecting ',' delimiter", i))),
            }
        }
    }

    fn object(&self, vm: &mut Vm, start: usize) -> Result<(Value, usize), Result<Failure, PyErr>> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut i = self.skip_ws(start);
        let finish = |vm: &mut Vm, pairs: Vec<(Value, Value)>, end: usize| {
            let d = crate::ops::dict_from_pairs(vm, pairs).map_err(Err)?;
            match &self.object_hook {
                Some(hook) => vm
                    .call(hook, vec![d], vec![])
                    .map(|r| (r, end))
                    .map_err(Err),
                None => Ok((d, end)),
            }
        };
        match self.chars.get(i) {
            Some('}') => return finish(vm, pairs, i + 1),
            Some('"') => {}
            _ => {
                return Err(Ok(Failure(
                    "Expecting property name enclosed in double quotes",
                    i,
                )))
            }
        }
        loop {
            let (key, end) = self.string(i + 1).map_err(Ok)?;
            i = self.skip_ws(end);
            if self.chars.get(i) != Some(&':') {
                return Err(Ok(Failure("Expecting ':' delimiter", i)));
            }
            i = self.skip_ws(i + 1);
            let (v, end) = self.nested(vm, i)?;
            pairs.push((Value::str(key), v));
            i = self.skip_ws(end);
            match self.chars.get(i) {
                Some('}') => return finish(vm, pairs, i + 1),
                Some(',') => {
                    i = self.skip_ws(i + 1);
                    if self.chars.get(i) != Some(&'"') {
                        return Err(Ok(Failure(
                            "Expecting property name enclosed in double quotes",
                            i,
                        )));
                    }
                }
                _ => return Err(Ok(Failure("Expecting ',' delimiter", i))),
            }
        }
    }

    fn error(&self, vm: &mut Vm, f: Failure) -> PyErr {
        let Failure(msg, pos) = f;
        let before = &self.chars[..pos.min(self.chars.len())];
        let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
        let colno = match before.iter().rposition(|&c| c == '\n') {
            Some(nl) => pos - nl,
            None => pos + 1,
        };
        let class = decode_error_class(vm);
        let err = vm.new_error(
            &class,
            format!("{msg}: line {lineno} column {colno} (char {pos})"),
        );
        if let Payload::Exception(e) = err.0.payload() {
            let mut d = e.dict.borrow_mut(vm.gil);
            d.set_str(Value::str("msg"), Value::str(msg));
            d.set_str(Value::str("doc"), Value::str(self.doc));
            d.set_str(Value::str("pos"), Value::Int(pos as i64));
            d.set_str(Value::str("lineno"), Value::Int(lineno as i64));
            d.set_str(Value::str("colno"), Value::Int(colno as i64));
        }
        err
    }
}

fn decode_error_class(vm: &mut Vm) -> ObjRef {
    let found = super::import(vm, "json")
        .ok()
        .and_then(|m| m.as_obj().cloned())
        .and_then(|m| crate::vm::dict_get_str(vm, &super::module_dict(&m), "JSONDecodeError"));
    match found {
        Some(Value::Obj(c)) => c,
        _ => vm.interp.exc.value_error.clone(),
    }
}

fn decode(vm: &mut Vm, text: &str, object_hook: Option<Value>) -> PyResult<Value> {
    let chars: Vec<char> = text.chars().collect();
    let parser = Parser {
        chars: &chars,
        doc: text,
        object_hook,
    };
    let start = parser.skip_ws(0);
    let (v, end) = match parser.value(vm, start) {
        Ok(r) => r,
        Err(None) => return Err(parser.error(vm, Failure("Expecting value", start))),
        Err(Some(Ok(f))) => return Err(parser.error(vm, f)),
        Err(Some(Err(e))) => return Err(e),
    };
    let end = parser.skip_ws(end);
    if end != chars.len() {
        return Err(parser.error(vm, Failure("Extra data", end)));
    }
    Ok(v)
}

const LOAD_OPTIONS: [&str; 8] = [
    "cls",
    "object_hook",
    "parse_float",
    "parse_int",
    "parse_constant",
    "object_pairs_hook",
    "s",
    "fp",
];

fn loads(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "loads", kw, &LOAD_OPTIONS)?;
    args::count(vm, "loads", args, 0, 1)?;
    let Some(s) = args.first().or_else(|| args::kwarg(kw, "s")).cloned() else {
        return Err(vm.type_error("loads() missing 1 required positional argument: 's'"));
    };
    let text = match s.payload() {
        Some(Payload::Str(t)) => t.as_str().to_string(),
        Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => {
            return Err(vm.type_error(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                vm.type_name(&s)
            )))
        }
    };
    let hook = args::kwarg(kw, "object_hook")
        .filter(|h| !h.is_none())
        .cloned();
    decode(vm, &text, hook)
}

fn load(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "load", kw, &LOAD_OPTIONS)?;
    args::count(vm, "load", args, 0, 1)?;
    let Some(fp) = args.first().or_else(|| args::kwarg(kw, "fp")).cloned() else {
        return Err(vm.type_error("load() missing 1 required positional argument: 'fp'"));
    };
    let read = crate::attr::get_attr(vm, &fp, &Value::str("read"))?;
    let text = vm.call(&read, vec![], vec![])?;
    let rest: Vec<(Value, Value)> = kw
        .iter()
        .filter(|(k, _)| k.as_str() != Some("fp"))
        .cloned()
        .collect();
    loads(vm, &[text], &rest)
}

/// Builds `json`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("json");
    add_fn(vm, &m, "dumps", dumps);
    add_fn(vm, &m, "dump", dump);
    add_fn(vm, &m, "loads", loads);
    add_fn(vm, &m, "load", load);
    let error = vm.new_class(
        "JSONDecodeError",
        "JSONDecodeError",
        "json.decoder",
        vec![vm.interp.exc.value_error.clone()],
        Dict::new(),
    );
    if let Ok(c) = error {
        set_attr(vm, &m, "JSONDecodeError", Value::Obj(c));
    }
    m
}
