//! Printing exceptions the way CPython 3.11 does: the `Traceback (most recent call
//! last):` block with source lines and `~~^~~` markers, chained causes and contexts,
//! and "Did you mean" hints for NameError and AttributeError.

use crate::error::PyErr;
use crate::object::{ObjRef, Payload};
use crate::types::exception::TracebackEntry;
use crate::value::Value;
use crate::vm::Vm;

/// CPython prints at most this many repeats of one frame line, then a summary.
const RECURSIVE_CUTOFF: usize = 3;

/// Formats an exception with its whole cause/context chain.
pub fn format_exception(vm: &mut Vm, err: &PyErr) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, &err.0, &mut out, &mut seen);
    out
}

/// Writes an exception report to stderr (the top-level handler and threads).
pub fn print_exception(vm: &mut Vm, err: &PyErr) {
    let text = format_exception(vm, err);
    crate::io::write_stderr(vm, &text);
}

/// `Exception ignored in: <obj>` for errors in `__del__`, as CPython reports them.
pub fn report_ignored(vm: &mut Vm, obj: &Value, err: &PyErr) {
    let what = crate::ops::repr(vm, obj).unwrap_or_else(|_| "<object>".into());
    let body = format_exception(vm, err);
    crate::io::write_stderr(vm, &format!("Exception ignored in: {what}\n{body}"));
}

fn format_chain(vm: &mut Vm, exc: &ObjRef, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(exc.addr());
    if let Payload::Exception(e) = exc.payload() {
        let cause = e.cause.borrow(vm.gil).clone();
        let context = e.context.borrow(vm.gil).clone();
        if let Value::Obj(c) = &cause {
            if !seen.contains(&c.addr()) {
                format_chain(vm, c, out, seen);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            }
        } else if let Value::Obj(c) = &context {
            if !e.suppress_context.get() && !seen.contains(&c.addr()) {
                format_chain(vm, c, out, seen);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        let entries: Vec<TracebackEntry> =
            e.traceback.borrow(vm.gil).iter().rev().cloned().collect();
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            format_entries(vm, &entries, out);
        }
    }
    out.push_str(&exception_line(vm, exc));
    out.push('\n');
}

fn format_entries(vm: &mut Vm, entries: &[TracebackEntry], out: &mut String) {
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    for entry in entries {
        let Payload::Code(rc) = entry.code.payload() else {
            continue;
        };
        let code = &rc.code;
        let loc = code.location(entry.instr as usize);
        let key = (code.filename.to_string(), loc.line, code.name.to_string());
        if last.as_ref() != Some(&key) {
            flush_repeats(out, count);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            code.filename, loc.line, code.name
        ));
        if let Some(line) = source_line(vm, &code.filename, loc.line) {
            format_source_line(&line, &loc, out);
        }
    }
    flush_repeats(out, count);
}

fn flush_repeats(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let s = if n > 1 { "s" } else { "" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}

/// Prints the stripped source line and, when the failing range does not cover the
/// whole line (or has an operator anchor), the marker line under it.
fn format_source_line(line: &str, loc: &gilded_bytecode::Location, out: &mut String) {
    let line = line.trim_end();
    let stripped = line.trim_start();
    if stripped.is_empty() {
        return;
    }
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    let leading = line.chars().count() - stripped.chars().count();
    let line_len = line.chars().count();
    let start = loc.col as usize;
    let mut end = loc.end_col as usize;
    let mut anchor = None;
    if loc.end_line == loc.line {
        anchor = loc.anchor.map(|(a, b)| (a as usize, b as usize));
    } else {
        end = line_len;
    }
    if loc.line == 0 || end <= start || start < leading || end > line_len {
        return;
    }
    let has_anchor = anchor.is_some_and(|(a, b)| b > a);
    if end - start == stripped.chars().count() && !has_anchor {
        return;
    }
    let mut marks = String::from("    ");
    for i in leading..end {
        let c = if i < start {
            ' '
        } else {
            match anchor {
                Some((a, b)) if i >= a && i < b => '^',
                Some(_) => '~',
                None => '^',
            }
        };
        marks.push(c);
    }
    out.push_str(&marks);
    out.push('\n');
}

fn source_line(vm: &Vm, filename: &str, line: u32) -> Option<String> {
    if filename.starts_with('<') || line == 0 {
        return None;
    }
    crate::io::source_line(vm, filename, line)
}

/// The last line of a report: `ValueError: bad`, or just the class name.
fn exception_line(vm: &mut Vm, exc: &ObjRef) -> String {
    let class = vm.type_of_obj(exc);
    let t = class.as_type().expect("class");
    let name = if t.module == "builtins" || t.module == "__main__" {
        t.qualname.clone()
    } else {
        format!("{}.{}", t.module, t.qualname)
    };
    let value = Value::Obj(exc.clone());
    let mut msg = match crate::ops::to_str(vm, &value) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if let Some(hint) = suggestion(vm, exc) {
        msg.push_str(&format!(". Did you mean: '{hint}'?"));
    }
    if let Some(syntax) = syntax_error_text(vm, exc) {
        return syntax;
    }
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// SyntaxError raised at run time (by `compile`-like paths) prints its location block.
fn syntax_error_text(vm: &mut Vm, exc: &ObjRef) -> Option<String> {
    let syntax = vm.interp.exc.syntax_error.clone();
    let class = vm.type_of_obj(exc);
    if !vm.is_subclass(&class, &syntax) {
        return None;
    }
    let Payload::Exception(e) = exc.payload() else {
        return None;
    };
    let d = e.dict.borrow(vm.gil);
    let get = |k: &str| d.get_str(k).cloned();
    let filename = get("filename")?.as_str()?.to_string();
    let lineno = match get("lineno")? {
        Value::Int(n) => n,
        _ => return None,
    };
    let msg = get("msg")
        .and_then(|m| m.as_str().map(str::to_string))
        .unwrap_or_default();
    let text = get("text").and_then(|t| t.as_str().map(str::to_string));
    let offset = match get("offset") {
        Some(Value::Int(n)) => n,
        _ => 0,
    };
    let end_offset = match get("end_offset") {
        Some(Value::Int(n)) => n,
        _ => 0,
    };
    drop(d);
    let t = class.as_type().expect("class");
    // Indentation errors come from CPython's tokenizer, which reports no range: the
    // "unexpected indent" and TabError reports show no caret, the others one caret.
    let indentation = vm.is_subclass(&class, &vm.interp.exc.indentation_error.clone());
    let (offset, end_offset) = match (indentation, msg.as_str()) {
        (true, "unexpected indent") => (-1, -1),
        (true, _) if t.name == "TabError" => (-1, -1),
        (true, _) => (offset, offset + 1),
        _ => (offset, end_offset),
    };
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if let Some(text) = text {
        out.push_str(&crate::io::syntax_error_source_block(
            &text, offset, end_offset,
        ));
    }
    out.push_str(&format!("{}: {msg}", t.name));
    Some(out)
}

/// CPython's "Did you mean" hint for NameError and AttributeError.
fn suggestion(vm: &mut Vm, exc: &ObjRef) -> Option<String> {
    let Payload::Exception(e) = exc.payload() else {
        return None;
    };
    let name_error = vm.interp.exc.name_error.clone();
    let attribute_error = vm.interp.exc.attribute_error.clone();
    let name = e.dict.borrow(vm.gil).get_str("name").cloned()?;
    let name = name.as_str()?.to_string();
    if vm.is_subclass(&e.class, &attribute_error) {
        let obj = e.dict.borrow(vm.gil).get_str("obj").cloned()?;
        let candidates = crate::builtins::dir_names(vm, &obj).ok()?;
        return best_match(&name, &candidates);
    }
    if vm.is_subclass(&e.class, &name_error) {
        let entry = e.traceback.borrow(vm.gil).first().cloned()?;
        let Payload::Code(rc) = entry.code.payload() else {
            return None;
        };
        let locals: Vec<String> = rc.code.varnames.iter().map(|s| s.to_string()).collect();
        if let Some(hit) = best_match(&name, &locals) {
            return Some(hit);
        }
        let globals = dict_keys(vm, entry.globals.as_ref()?);
        if let Some(hit) = best_match(&name, &globals) {
            return Some(hit);
        }
        let builtins = dict_keys(vm, &vm.interp.builtins.clone());
        return best_match(&name, &builtins);
    }
    None
}

fn dict_keys(vm: &Vm, dict: &ObjRef) -> Vec<String> {
    match dict.payload() {
        Payload::Dict(d) => d
            .borrow(vm.gil)
            .iter()
            .filter_map(|e| e.key.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// The candidate closest to `name` within a third of the characters, as CPython picks.
pub fn best_match(name: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(usize, &String)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((d, _)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let distance = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if distance > max_distance {
            continue;
        }
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, item));
        }
    }
    best.map(|(_, s)| s.clone())
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_cpython_costs() {
        let names = vec!["counter".to_string(), "print".to_string()];
        assert_eq!(best_match("countr", &names), Some("counter".into()));
        assert_eq!(best_match("prnt", &names), Some("print".into()));
        assert_eq!(best_match("zzzzzz", &names), None);
    }
}
