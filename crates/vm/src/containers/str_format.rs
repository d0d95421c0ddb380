//! `str.format` and `str.format_map`: CPython's replacement-field grammar
//! (`{0[1].name!r:>{width}}`), auto and manual numbering, nested specs; each field is
//! rendered by `ops::format`.

use super::arguments::one_arg;
use super::str_search::this;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// Where named fields come from.
enum Named<'a> {
    /// `format(**kwargs)`.
    Kwargs(&'a [(Value, Value)]),
    /// `format_map(mapping)`.
    Mapping(&'a Value),
}

/// Automatic (`{}`) versus manual (`{0}`) field numbering: they may not be mixed.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

struct Formatter<'a> {
    args: &'a [Value],
    named: Named<'a>,
    numbering: Numbering,
}

/// `str.format(*args, **kwargs)`.
pub fn format(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "format")?;
    let mut f = Formatter {
        args: &args[1..],
        named: Named::Kwargs(kwargs),
        numbering: Numbering::Unknown,
    };
    let out = f.render(vm, s.as_str(), 2)?;
    Ok(Value::str(out))
}

/// `str.format_map(mapping)`.
pub fn format_map(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "format_map")?;
    let mapping = one_arg(vm, "str.format_map", args, kwargs)?;
    let mut f = Formatter {
        args: &[],
        named: Named::Mapping(mapping),
        numbering: Numbering::Unknown,
    };
    let out = f.render(vm, s.as_str(), 2)?;
    Ok(Value::str(out))
}

/// `str.__format__(spec)`.
pub fn dunder_format(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "__format__")?;
    let spec = one_arg(vm, "str.__format__", args, kwargs)?;
    let Some(spec) = spec.as_str() else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(spec)
        )));
    };
    let text = s.as_str().to_string();
    let spec = spec.to_string();
    crate::format_spec::format_str(vm, &text, &spec).map(Value::str)
}

/// One parsed replacement field.
struct Field<'s> {
    name: &'s str,
    conversion: Option<char>,
    spec: &'s str,
    spec_has_fields: bool,
}

/// Parses a field starting just after its `{`; returns it and the rest of the text
/// after its closing `}`.
fn parse_field<'s>(vm: &Vm, text: &'s str) -> PyResult<(Field<'s>, &'s str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut stop = None;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => return Err(vm.value_error("unexpected '{' in field name")),
            b'[' => {
                while i < bytes.len() && bytes[i] != b']' {
                    i += 1;
                }
                if i < bytes.len() {
                    i += 1;
                }
                continue;
            }
            c @ (b'}' | b':' | b'!') => {
                stop = Some(c);
                break;
            }
            _ => i += 1,
        }
    }
    let name = &text[..i.min(text.len())];
    let Some(c) = stop else {
        return Err(vm.value_error("expected '}' before end of string"));
    };
    let mut rest = &text[i + 1..];
    if c == b'}' {
        let field = Field {
            name,
            conversion: None,
            spec: "",
            spec_has_fields: false,
        };
        return Ok((field, rest));
    }
    let mut conversion = None;
    if c == b'!' {
        let mut chars = rest.chars();
        let Some(conv) = chars.next() else {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        };
        conversion = Some(conv);
        rest = chars.as_str();
        match rest.as_bytes().first() {
            Some(b'}') => {
                let field = Field {
                    name,
                    conversion,
                    spec: "",
                    spec_has_fields: false,
                };
                return Ok((field, &rest[1..]));
            }
            Some(b':') => rest = &rest[1..],
            None => return Err(vm.value_error("unmatched '{' in format spec")),
            Some(_) => return Err(vm.value_error("expected ':' after conversion specifier")),
        }
    }
    let mut depth = 1;
    let mut nested = false;
    for (j, b) in rest.bytes().enumerate() {
        match b {
            b'{' => {
                nested = true;
                depth += 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    let field = Field {
                        name,
                        conversion,
                        spec: &rest[..j],
                        spec_has_fields: nested,
                    };
                    return Ok((field, &rest[j + 1..]));
                }
            }
            _ => {}
        }
    }
    Err(vm.value_error("unmatched '{' in format spec"))
}

impl Formatter<'_> {
    /// Renders `text`, expanding fields; `depth` limits nested specs.
    fn render(&mut self, vm: &mut Vm, text: &str, depth: u32) -> PyResult<String> {
        if depth == 0 {
            return Err(vm.value_error("Max string recursion exceeded"));
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        loop {
            let Some(pos) = rest.find(['{', '}']) else {
                out.push_str(rest);
                return Ok(out);
            };
            out.push_str(&rest[..pos]);
            let brace = rest.as_bytes()[pos];
            let after = &rest[pos + 1..];
            if after.as_bytes().first() == Some(&brace) {
                out.push(brace as char);
                rest = &after[1..];
                continue;
            }
            if brace == b'}' {
                return Err(vm.value_error("Single '}' encountered in format string"));
            }
            if after.is_empty() {
                return Err(vm.value_error("Single '{' encountered in format string"));
            }
            let (field, next) = parse_field(vm, after)?;
            rest = next;
            let value = self.field_value(vm, field.name)?;
            let value = match field.conversion {
                None => value,
                Some('r') => Value::str(crate::ops::repr(vm, &value)?),
                Some('s') => Value::str(crate::ops::to_str(vm, &value)?),
                Some('a') => Value::str(crate::ops::ascii(vm, &value)?),
                Some(c) => {
                    let shown = if (' '..='~').contains(&c) {
                        c.to_string()
                    } else {
                        format!("\\x{:x}", c as u32)
                    };
                    return Err(vm.value_error(format!("Unknown conversion specifier {shown}")));
                }
            };
            let spec = if field.spec_has_fields {
                self.render(vm, field.spec, depth - 1)?
            } else {
                field.spec.to_string()
            };
            let piece = crate::ops::format(vm, &value, &spec)?;
            out.push_str(&piece);
        }
    }

    /// Looks up `name` (`0`, `key`, `0[1].attr`, or empty for the next positional).
    fn field_value(&mut self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(first_end);
        let mut value = if first.is_empty() {
            let n = match self.numbering {
                Numbering::Manual => return Err(vm.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                )),
                Numbering::Unknown => 0,
                Numbering::Auto(n) => n,
            };
            self.numbering = Numbering::Auto(n + 1);
            self.positional(vm, n)?
        } else if first.bytes().all(|b| b.is_ascii_digit()) {
            if let Numbering::Auto(_) = self.numbering {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            self.numbering = Numbering::Manual;
            let n = first.parse::<usize>().unwrap_or(usize::MAX);
            self.positional(vm, n)?
        } else {
            self.keyword(vm, first)?
        };
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                let end = after.find(['.', '[']).unwrap_or(after.len());
                let attr = &after[..end];
                if attr.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                value = crate::attr::get_attr(vm, &value, &Value::str(attr))?;
                rest = &after[end..];
            } else if let Some(after) = rest.strip_prefix('[') {
                let Some(end) = after.find(']') else {
                    return Err(vm.value_error("Missing ']' in format string"));
                };
                let key = &after[..end];
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let key = match key.parse::<i64>() {
                    Ok(i) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(i),
                    _ => Value::str(key),
                };
                value = crate::ops::get_item(vm, &value, &key)?;
                rest = &after[end + 1..];
            } else {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        }
        Ok(value)
    }

    fn positional(&self, vm: &Vm, n: usize) -> PyResult<Value> {
        if let Named::Mapping(_) = self.named {
            return Err(vm.value_error("Format string contains positional fields"));
        }
        self.args.get(n).cloned().ok_or_else(|| {
            vm.index_error(format!(
                "Replacement index {n} out of range for positional args tuple"
            ))
        })
    }

    fn keyword(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        match self.named {
            Named::Kwargs(kwargs) => kwargs
                .iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| vm.key_error(Value::str(name))),
            Named::Mapping(m) => crate::ops::get_item(vm, m, &Value::str(name)),
        }
    }
}
