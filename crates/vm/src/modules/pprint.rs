//! The `pprint` module: `pprint`, `pformat`, `pp` and `saferepr`, following CPython's
//! `PrettyPrinter` layout rules (dict keys sorted by default, containers broken over
//! lines when their repr is wider than `width`, long strings split into chunks).

use super::add_fn;
use crate::builtins::args;
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;

struct Printer {
    indent_per_level: usize,
    width: usize,
    compact: bool,
    sort_dicts: bool,
    /// Ids of the containers being formatted (recursion detection).
    context: Vec<i64>,
}

fn recursion_text(vm: &Vm, v: &Value) -> String {
    format!("<Recursion on {} with id={}>", vm.type_name(v), v.id())
}

impl Printer {
    /// Sorts dict items by key like `sorted(items, key=_safe_tuple)`; keys that cannot
    /// be compared keep their order.
    fn sorted_items(&self, vm: &mut Vm, mut pairs: Vec<(Value, Value)>) -> Vec<(Value, Value)> {
        if !self.sort_dicts {
            return pairs;
        }
        let mut keys: Vec<Value> = pairs.iter().map(|(k, _)| k.clone()).collect();
        if crate::builtins::sorting::sort_values(vm, &mut keys, None, false).is_err() {
            return pairs;
        }
        let mut out = Vec::with_capacity(pairs.len());
        for k in keys {
            if let Some(i) = pairs.iter().position(|(pk, _)| pk.is(&k)) {
                out.push(pairs.remove(i));
            }
        }
        out.extend(pairs);
        out
    }

    /// `_safe_repr`: the one-line repr, with dicts sorted and recursion marked.
    fn safe_repr(&mut self, vm: &mut Vm, v: &Value) -> PyResult<String> {
        match v.payload() {
            Some(Payload::Dict(_)) => {
                let pairs = crate::ops::kwargs_pairs(vm, v)?;
                if pairs.is_empty() {
                    return Ok("{}".to_string());
                }
                if self.context.contains(&v.id()) {
                    return Ok(recursion_text(vm, v));
                }
                self.context.push(v.id());
                let pairs = self.sorted_items(vm, pairs);
                let mut parts = Vec::with_capacity(pairs.len());
                let mut result = Ok(());
                for (k, x) in pairs {
                    match (self.safe_repr(vm, &k), self.safe_repr(vm, &x)) {
                        (Ok(kr), Ok(xr)) => parts.push(format!("{kr}: {xr}")),
                        (Err(e), _) | (_, Err(e)) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                self.context.pop();
                result?;
                Ok(format!("{{{}}}", parts.join(", ")))
            }
            Some(Payload::List(_) | Payload::Tuple(_)) => {
                let is_list = matches!(v.payload(), Some(Payload::List(_)));
                let items = crate::ops::collect_iterable(vm, v)?;
                let (open, close) = if is_list {
                    ("[", "]")
                } else if items.len() == 1 {
                    ("(", ",)")
                } else {
                    ("(", ")")
                };
                if items.is_empty() {
                    return Ok(format!("{open}{close}"));
                }
                if self.context.contains(&v.id()) {
                    return Ok(recursion_text(vm, v));
                }
                self.context.push(v.id());
                let mut parts = Vec::with_capacity(items.len());
                let mut result = Ok(());
                for x in &items {
                    match self.safe_repr(vm, x) {
                        Ok(r) => parts.push(r),
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                self.context.pop();
                result?;
                Ok(format!("{open}{}{close}", parts.join(", ")))
            }
            _ => crate::ops::repr(vm, v),
        }
    }

    fn format(
        &mut self,
        vm: &mut Vm,
        v: &Value,
        out: &mut String,
        indent: usize,
        allowance: usize,
        level: usize,
    ) -> PyResult<()> {
        if self.context.contains(&v.id())
            && matches!(
                v.payload(),
                Some(Payload::List(_) | Payload::Dict(_) | Payload::Tuple(_))
            )
        {
            out.push_str(&recursion_text(vm, v));
            return Ok(());
        }
        let rep = self.safe_repr(vm, v)?;
        let max_width = self.width.saturating_sub(indent + allowance);
        if rep.chars().count() > max_width {
            let handled = match v.payload() {
                Some(Payload::Dict(_)) => {
                    self.context.push(v.id());
                    let r = self.pprint_dict(vm, v, out, indent, allowance, level + 1);
                    self.context.pop();
                    r.map(|_| true)
                }
                Some(Payload::List(_)) | Some(Payload::Tuple(_)) => {
                    self.context.push(v.id());
                    let r = self.pprint_seq(vm, v, out, indent, allowance, level + 1);
                    self.context.pop();
                    r.map(|_| true)
                }
                Some(Payload::Str(s)) => {
                    let text = s.as_str().to_string();
                    self.pprint_str(vm, &text, out, indent, allowance, level + 1)
                        .map(|_| true)
                }
                _ => Ok(false),
            }?;
            if handled {
                return Ok(());
            }
        }
        out.push_str(&rep);
        Ok(())
    }

    fn pprint_dict(
        &mut self,
        vm: &mut Vm,
        v: &Value,
        out: &mut String,
        indent: usize,
        allowance: usize,
        level: usize,
    ) -> PyResult<()> {
        out.push('{');
        if self.indent_per_level > 1 {
            out.push_str(&" ".repeat(self.indent_per_level - 1));
        }
        let pairs = crate::ops::kwargs_pairs(vm, v)?;
        if !pairs.is_empty() {
            let items = self.sorted_items(vm, pairs);
            let indent = indent + self.indent_per_level;
            let allowance = allowance + 1;
            let delim = format!(",\n{}", " ".repeat(indent));
            let last_index = items.len() - 1;
            for (i, (k, x)) in items.into_iter().enumerate() {
                let last = i == last_index;
                let krep = self.safe_repr(vm, &k)?;
                out.push_str(&krep);
                out.push_str(": ");
                let width = krep.chars().count();
                self.format(
                    vm,
                    &x,
                    out,
                    indent + width + 2,
                    if last { allowance } else { 1 },
                    level,
                )?;
                if !last {
                    out.push_str(&delim);
                }
            }
        }
        out.push('}');
        Ok(())
    }

    fn pprint_seq(
        &mut self,
        vm: &mut Vm,
        v: &Value,
        out: &mut String,
        indent: usize,
        allowance: usize,
        level: usize,
    ) -> PyResult<()> {
        let items = crate::ops::collect_iterable(vm, v)?;
        let (open, close) = match v.payload() {
            Some(Payload::List(_)) => ("[", "]"),
            _ if items.len() == 1 => ("(", ",)"),
            _ => ("(", ")"),
        };
        out.push_str(open);
        self.format_items(vm, &items, out, indent, allowance + close.len(), level)?;
        out.push_str(close);
        Ok(())
    }

    fn format_items(
        &mut self,
        vm: &mut Vm,
        items: &[Value],
        out: &mut String,
        indent: usize,
        allowance: usize,
        level: usize,
    ) -> PyResult<()> {
        let indent = indent + self.indent_per_level;
        if self.indent_per_level > 1 {
            out.push_str(&" ".repeat(self.indent_per_level - 1));
        }
        let delimnl = format!(",\n{}", " ".repeat(indent));
        let mut delim = String::new();
        let mut max_width = (self.width + 1) as i64 - indent as i64;
        let mut width = max_width;
        for (i, ent) in items.iter().enumerate() {
            let last = i + 1 == items.len();
            if last {
                max_width -= allowance as i64;
                width -= allowance as i64;
            }
            if self.compact {
                let rep = self.safe_repr(vm, ent)?;
                let w = rep.chars().count() as i64 + 2;
                if width < w {
                    width = max_width;
                    if !delim.is_empty() {
                        delim = delimnl.clone();
                    }
                }
                if width >= w {
                    width -= w;
                    out.push_str(&delim);
                    delim = ", ".to_string();
                    out.push_str(&rep);
                    continue;
                }
            }
            out.push_str(&delim);
            delim = delimnl.clone();
            self.format(
                vm,
                ent,
                out,
                indent,
                if last { allowance } else { 1 },
                level,
            )?;
        }
        Ok(())
    }

    fn pprint_str(
        &mut self,
        vm: &mut Vm,
        text: &str,
        out: &mut String,
        mut indent: usize,
        mut allowance: usize,
        level: usize,
    ) -> PyResult<()> {
        let repr = |vm: &mut Vm, s: &str| crate::ops::repr(vm, &Value::str(s));
        if text.is_empty() {
            out.push_str(&repr(vm, text)?);
            return Ok(());
        }
        let lines = split_lines_keep(text);
        if level == 1 {
            indent += 1;
            allowance += 1;
        }
        let max_width = self.width as i64 - indent as i64;
        let mut max_width1 = max_width;
        let mut chunks: Vec<String> = Vec::new();
        let mut rep = String::new();
        for (i, line) in lines.iter().enumerate() {
            rep = repr(vm, line)?;
            if i == lines.len() - 1 {
                max_width1 -= allowance as i64;
            }
            if rep.chars().count() as i64 <= max_width1 {
                chunks.push(rep.clone());
                continue;
            }
            let parts = word_parts(line);
            let mut max_width2 = max_width;
            let mut current = String::new();
            for (j, part) in parts.iter().enumerate() {
                let candidate = format!("{current}{part}");
                if j == parts.len() - 1 && i == lines.len() - 1 {
                    max_width2 -= allowance as i64;
                }
                if repr(vm, &candidate)?.chars().count() as i64 > max_width2 {
                    if !current.is_empty() {
                        chunks.push(repr(vm, &current)?);
                    }
                    current = part.clone();
                } else {
                    current = candidate;
                }
            }
            if !current.is_empty() {
                chunks.push(repr(vm, &current)?);
            }
        }
        if chunks.len() == 1 {
            out.push_str(&rep);
            return Ok(());
        }
        if level == 1 {
            out.push('(');
        }
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(c);
        }
        if level == 1 {
            out.push(')');
        }
        Ok(())
    }
}

/// `str.splitlines(True)` for the line separators pprint meets in practice.
fn split_lines_keep(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        if c == '\n' {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `re.findall(r'\S*\s*', line)` without the final empty match.
fn word_parts(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut in_space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            parts.push(std::mem::take(&mut current));
            in_space = false;
        }
        current.push(c);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

fn printer(vm: &mut Vm, kw: &[(Value, Value)], sort_default: bool) -> PyResult<Printer> {
    let int = |vm: &mut Vm, name: &str, default: usize| -> PyResult<usize> {
        match args::kwarg(kw, name) {
            Some(v) if !v.is_none() => Ok(args::index_i64(vm, v)?.max(0) as usize),
            _ => Ok(default),
        }
    };
    let flag = |vm: &mut Vm, name: &str, default: bool| -> PyResult<bool> {
        match args::kwarg(kw, name) {
            Some(v) => crate::ops::truthy(vm, v),
            None => Ok(default),
        }
    };
    Ok(Printer {
        indent_per_level: int(vm, "indent", 1)?,
        width: int(vm, "width", 80)?,
        compact: flag(vm, "compact", false)?,
        sort_dicts: flag(vm, "sort_dicts", sort_default)?,
        context: Vec::new(),
    })
}

const OPTIONS: [&str; 8] = [
    "object",
    "stream",
    "indent",
    "width",
    "depth",
    "compact",
    "sort_dicts",
    "underscore_numbers",
];

fn pformat_text(
    vm: &mut Vm,
    obj: &Value,
    kw: &[(Value, Value)],
    sort_default: bool,
) -> PyResult<String> {
    let mut p = printer(vm, kw, sort_default)?;
    let mut out = String::new();
    p.format(vm, obj, &mut out, 0, 0, 0)?;
    Ok(out)
}

fn pformat(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::allowed_kwargs(vm, "pformat", kw, &OPTIONS)?;
    args::count(vm, "pformat", args, 1, 1)?;
    Ok(Value::str(pformat_text(vm, &args[0], kw, true)?))
}

fn print_to_stream(
    vm: &mut Vm,
    args: &[Value],
    kw: &[(Value, Value)],
    sort_default: bool,
) -> PyResult<Value> {
    args::allowed_kwargs(vm, "pprint", kw, &OPTIONS)?;
    args::count(vm, "pprint", args, 1, 2)?;
    let mut text = pformat_text(vm, &args[0], kw, sort_default)?;
    text.push('\n');
    let stream = args.get(1).or_else(|| args::kwarg(kw, "stream")).cloned();
    let target = match stream {
        Some(s) if !s.is_none() => crate::builtins::streams::target_of(vm, &s),
        _ => crate::builtins::streams::sys_stream(vm, "stdout")?,
    };
    crate::builtins::streams::write(vm, &target, &text)?;
    Ok(Value::None)
}

fn pprint(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    print_to_stream(vm, args, kw, true)
}

fn pp(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    print_to_stream(vm, args, kw, false)
}

fn saferepr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::exactly_one(vm, "saferepr", args, kw)?.clone();
    let mut p = printer(vm, &[], true)?;
    Ok(Value::str(p.safe_repr(vm, &v)?))
}

/// Builds `pprint`.
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let m = vm.new_module("pprint");
    add_fn(vm, &m, "pprint", pprint);
    add_fn(vm, &m, "pformat", pformat);
    add_fn(vm, &m, "pp", pp);
    add_fn(vm, &m, "saferepr", saferepr);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_parts_match_findall() {
        assert_eq!(word_parts("ab  cd e"), vec!["ab  ", "cd ", "e"]);
        assert_eq!(word_parts("  x"), vec!["  ", "x"]);
        assert_eq!(split_lines_keep("a\nb"), vec!["a\n", "b"]);
    }
}
