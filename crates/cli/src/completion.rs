//! Tab completion in the REPL, after CPython's `rlcompleter`: keywords, names in
//! `__main__` and the builtins, and `a.b.attr` attributes.
//!
//! Pressing Tab must never run the user's code, so a dotted path is resolved by looking
//! names up in dicts (module, instance and class dicts along the MRO), never through
//! `getattr`, properties or `__getattr__`; a path that would need code to resolve
//! completes nothing.

use gilded_vm::attr::lookup_type_attr;
use gilded_vm::object::{ObjRef, Payload};
use gilded_vm::{Value, Vm};

/// Python 3.11's `keyword.kwlist`.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// What Tab inserts at the start of a line (CPython inserts a tab character there;
/// spaces keep an indented block from mixing tabs and spaces).
pub const INDENT: &str = "    ";

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Byte offset where the word being completed starts (readline's delimiters: anything
/// but identifier characters and dots).
pub fn word_start(line: &str, pos: usize) -> usize {
    let before = line.get(..pos).unwrap_or("");
    before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(pos, |(i, _)| i)
}

/// The completions of the word that ends at `pos`: the offset where the replacement
/// starts and the candidates, sorted.
pub fn complete(vm: &mut Vm, main: &ObjRef, line: &str, pos: usize) -> (usize, Vec<String>) {
    let start = word_start(line, pos);
    let text = line.get(start..pos).unwrap_or("");
    if text.is_empty() {
        let before = line.get(..pos).unwrap_or("");
        return if before.trim().is_empty() {
            (pos, vec![INDENT.to_string()])
        } else {
            (pos, Vec::new())
        };
    }
    let mut matches = match text.rsplit_once('.') {
        Some((path, attr)) => attribute_matches(vm, main, path, attr),
        None => global_matches(vm, main, text),
    };
    matches.sort();
    matches.dedup();
    (start, matches)
}

/// Keywords (with rlcompleter's trailing space or colon), then `__main__` names, then
/// builtins; callables get a `(`.
fn global_matches(vm: &Vm, main: &ObjRef, text: &str) -> Vec<String> {
    let mut seen: Vec<String> = vec!["__builtins__".to_string()];
    let mut out = Vec::new();
    for &word in KEYWORDS {
        if word.starts_with(text) {
            seen.push(word.to_string());
            out.push(match word {
                "finally" | "try" => format!("{word}:"),
                "False" | "None" | "True" | "break" | "continue" | "pass" | "else" => {
                    word.to_string()
                }
                _ => format!("{word} "),
            });
        }
    }
    for namespace in [main.clone(), vm.interp.builtins.clone()] {
        for (name, value) in dict_items(vm, &namespace) {
            if name.starts_with(text) && !seen.contains(&name) {
                out.push(callable_postfix(vm, &value, &name));
                seen.push(name);
            }
        }
    }
    out
}

/// `path.attr` completions: every attribute of the object `path` names whose name
/// starts with `attr`, hiding `_` names unless `attr` starts with `_` (and `__` names
/// unless it starts with `__`), as rlcompleter does.
fn attribute_matches(vm: &mut Vm, main: &ObjRef, path: &str, attr: &str) -> Vec<String> {
    let Some(object) = resolve_path(vm, main, path) else {
        return Vec::new();
    };
    let mut names = gilded_vm::builtins::dir_names(vm, &object).unwrap_or_default();
    if names.is_empty() {
        names = raw_attribute_names(vm, &object);
    }
    let hidden = match attr {
        "" => Some("_"),
        "_" => Some("__"),
        _ => None,
    };
    names
        .into_iter()
        .filter(|n| n.starts_with(attr) && !hidden.is_some_and(|h| n.starts_with(h)))
        .map(|n| {
            let full = format!("{path}.{n}");
            match raw_attr(vm, &object, &n) {
                Some(v) => callable_postfix(vm, &v, &full),
                None => full,
            }
        })
        .collect()
}

/// The object a dotted name path refers to, found by dict lookups only.
fn resolve_path(vm: &Vm, main: &ObjRef, path: &str) -> Option<Value> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    if !is_identifier(first) {
        return None;
    }
    let mut value =
        dict_get(vm, main, first).or_else(|| dict_get(vm, &vm.interp.builtins, first))?;
    for part in parts {
        if !is_identifier(part) {
            return None;
        }
        value = raw_attr(vm, &value, part)?;
        // A property or other computed attribute would need code to run.
        if matches!(value.payload(), Some(Payload::Property(_))) {
            return None;
        }
    }
    Some(value)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `obj.name` without running code: the module dict, the instance dict, then the class
/// (and for a class, its own MRO first).
fn raw_attr(vm: &Vm, obj: &Value, name: &str) -> Option<Value> {
    if let Value::Obj(o) = obj {
        match o.payload() {
            Payload::Module(m) => return dict_get(vm, &m.dict, name),
            Payload::Type(_) => {
                if let Some(v) = lookup_type_attr(vm, o, &Value::str(name)) {
                    return Some(v);
                }
            }
            Payload::Instance(i) => {
                if let Some(v) = i.dict.borrow(vm.gil).get_str(name).cloned() {
                    return Some(v);
                }
            }
            _ => {}
        }
    }
    lookup_type_attr(vm, &vm.type_of(obj), &Value::str(name))
}

/// Attribute names found the same way as [`raw_attr`] (used when `dir` gives none).
fn raw_attribute_names(vm: &Vm, obj: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut classes = Vec::new();
    if let Value::Obj(o) = obj {
        match o.payload() {
            Payload::Module(m) => {
                return dict_items(vm, &m.dict)
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect()
            }
            Payload::Type(_) => classes.push(o.clone()),
            Payload::Instance(i) => names.extend(
                i.dict
                    .borrow(vm.gil)
                    .iter()
                    .filter_map(|e| e.key.as_str().map(str::to_string)),
            ),
            _ => {}
        }
    }
    classes.push(vm.type_of(obj));
    for class in classes {
        if let Some(t) = class.as_type() {
            for c in std::iter::once(&class).chain(t.mro.iter()) {
                if let Some(ct) = c.as_type() {
                    names.extend(
                        ct.dict
                            .borrow(vm.gil)
                            .iter()
                            .filter_map(|e| e.key.as_str().map(str::to_string)),
                    );
                }
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// `word(` for a callable value, as rlcompleter's `_callable_postfix`.
fn callable_postfix(vm: &Vm, value: &Value, word: &str) -> String {
    if is_callable(vm, value) {
        format!("{word}(")
    } else {
        word.to_string()
    }
}

fn is_callable(vm: &Vm, value: &Value) -> bool {
    match value.payload() {
        Some(
            Payload::Function(_)
            | Payload::NativeFunction(_)
            | Payload::BoundMethod(_)
            | Payload::Type(_)
            | Payload::ClassMethod(_)
            | Payload::StaticMethod(_),
        ) => true,
        _ => lookup_type_attr(vm, &vm.type_of(value), &Value::str("__call__")).is_some(),
    }
}

fn dict_get(vm: &Vm, dict: &ObjRef, name: &str) -> Option<Value> {
    match dict.payload() {
        Payload::Dict(d) => d.borrow(vm.gil).get_str(name).cloned(),
        _ => None,
    }
}

/// The str-keyed entries of a dict object, copied out of the borrow.
fn dict_items(vm: &Vm, dict: &ObjRef) -> Vec<(String, Value)> {
    match dict.payload() {
        Payload::Dict(d) => d
            .borrow(vm.gil)
            .iter()
            .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm_with(code: &str) -> (Vm, ObjRef) {
        let mut vm = Vm::new(vec![String::new()]);
        let main = gilded_vm::modules::main_module(&mut vm, None);
        let result = crate::driver::run_source(&mut vm, code, "<test>", &main);
        assert!(result.is_ok(), "setup code failed");
        (vm, main)
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(word_start("print(abc", 9), 6);
        assert_eq!(word_start("x = a.b.c", 9), 4);
        assert_eq!(word_start("", 0), 0);
        assert_eq!(word_start("x + ", 4), 4);
    }

    #[test]
    fn builtins_and_keywords() {
        let (mut vm, main) = vm_with("");
        let (start, got) = complete(&mut vm, &main, "pri", 3);
        assert_eq!(start, 0);
        assert_eq!(got, vec!["print("]);
        let (_, got) = complete(&mut vm, &main, "whi", 3);
        assert_eq!(got, vec!["while "]);
        let (_, got) = complete(&mut vm, &main, "tr", 2);
        assert_eq!(got, vec!["try:"]);
        let (_, got) = complete(&mut vm, &main, "Tr", 2);
        assert_eq!(got, vec!["True"]);
    }

    #[test]
    fn main_names_and_attributes() {
        let (mut vm, main) = vm_with(
            "class Point:\n    origin = 0\n    def move(self): pass\nmy_point = Point()\nmy_point.x_coord = 3\n",
        );
        let (_, got) = complete(&mut vm, &main, "my_p", 4);
        assert_eq!(got, vec!["my_point"]);
        let (_, got) = complete(&mut vm, &main, "Poi", 3);
        assert_eq!(got, vec!["Point("]);
        let (start, got) = complete(&mut vm, &main, "y = my_point.", 13);
        assert_eq!(start, 4);
        assert!(got.contains(&"my_point.x_coord".to_string()), "{got:?}");
        assert!(got.contains(&"my_point.move(".to_string()), "{got:?}");
        assert!(got.contains(&"my_point.origin".to_string()), "{got:?}");
        assert!(got.iter().all(|n| !n.starts_with("my_point._")), "{got:?}");
    }

    #[test]
    fn module_attributes() {
        let (mut vm, main) = vm_with("import math\n");
        let (start, got) = complete(&mut vm, &main, "math.sq", 7);
        assert_eq!(start, 0);
        assert_eq!(got, vec!["math.sqrt("]);
        let (_, got) = complete(&mut vm, &main, "math.p", 6);
        assert!(got.contains(&"math.pi".to_string()), "{got:?}");
    }

    #[test]
    fn unresolvable_paths_complete_nothing() {
        let (mut vm, main) = vm_with("");
        assert!(complete(&mut vm, &main, "nothing_here.x", 14).1.is_empty());
        assert!(complete(&mut vm, &main, "f().x", 5).1.is_empty());
    }

    #[test]
    fn tab_at_line_start_indents() {
        let (mut vm, main) = vm_with("");
        assert_eq!(
            complete(&mut vm, &main, "", 0),
            (0, vec![INDENT.to_string()])
        );
        assert_eq!(complete(&mut vm, &main, "x = ", 4), (4, Vec::new()));
    }
}
