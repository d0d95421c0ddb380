//! Values → [`Message`]: walks the object graph with a work list (no recursion),
//! giving each heap object one node.
//!
//! What travels how:
//! - data (numbers, strings, bytes, containers, ranges, slices) by value;
//! - functions and classes of the program (`__main__`, or code with no importable
//!   module) by value: code, the globals their code names, closure cells,
//!   defaults; the same function twice is one node;
//! - functions, classes and modules of built-in or library modules by name, to be
//!   imported again on the other side;
//! - instances as their class plus `__dict__`, or what `__getstate__` returns;
//! - OS resources of `_gilded_mp` only when starting a child (they are inherited);
//! - anything else (threads' locks, open files, generators, iterators) is refused
//!   with CPython's `cannot pickle 'X' object` before anything is sent.

use super::wire::{ClassNode, FunctionNode, InstanceState, Message, Node, Slot, WIRE_VERSION};
use crate::error::PyResult;
use crate::object::{ObjRef, Payload};
use crate::types::function::FunctionObj;
use crate::value::Value;
use crate::vm::Vm;
use std::collections::HashMap;

/// Module names whose functions and classes travel by value.
const PROGRAM_MODULES: [&str; 2] = ["__main__", "__mp_main__"];

/// Encodes `value`. With `inherited` (starting a child), `_gilded_mp` resources
/// are allowed and their descriptors are added to it; without, they are refused.
pub fn encode(vm: &mut Vm, value: &Value, inherited: Option<&mut Vec<i32>>) -> PyResult<Message> {
    let mut encoder = Encoder {
        nodes: Vec::new(),
        memo: HashMap::new(),
        globals_memo: HashMap::new(),
        pending: Vec::new(),
        keep: Vec::new(),
        inherited,
    };
    let root = encoder.slot(value);
    while let Some((index, value)) = encoder.pending.pop() {
        let node = encoder.node(vm, &value)?;
        encoder.nodes[index as usize] = node;
    }
    Ok(Message {
        version: WIRE_VERSION,
        nodes: encoder.nodes,
        root,
    })
}

struct Encoder<'a> {
    nodes: Vec<Node>,
    /// Object address → node index.
    memo: HashMap<usize, u32>,
    /// Globals dict address → its `Globals` node.
    globals_memo: HashMap<usize, u32>,
    /// Nodes reserved but not yet built.
    pending: Vec<(u32, Value)>,
    /// Every object encoded, kept alive so no address is reused while encoding
    /// (`__getstate__` may return temporaries).
    keep: Vec<Value>,
    inherited: Option<&'a mut Vec<i32>>,
}

impl Encoder<'_> {
    /// The slot for a value, reserving a node for a heap object seen first.
    fn slot(&mut self, value: &Value) -> Slot {
        match value {
            Value::None | Value::Null => Slot::None,
            Value::Bool(b) => Slot::Bool(*b),
            Value::Int(i) => Slot::Int(*i),
            Value::Float(f) => Slot::Float(*f),
            Value::Obj(o) => Slot::Obj(self.reserve(o)),
        }
    }

    /// The node index of a heap object, reserving one (built later) if new.
    fn reserve(&mut self, obj: &ObjRef) -> u32 {
        if let Some(index) = self.memo.get(&obj.addr()) {
            return *index;
        }
        let index = self.nodes.len() as u32;
        self.nodes.push(Node::Ellipsis);
        self.memo.insert(obj.addr(), index);
        self.pending.push((index, Value::Obj(obj.clone())));
        self.keep.push(Value::Obj(obj.clone()));
        index
    }

    fn slots(&mut self, values: &[Value]) -> Vec<Slot> {
        values.iter().map(|v| self.slot(v)).collect()
    }

    fn pairs(&mut self, pairs: &[(Value, Value)]) -> Vec<(Slot, Slot)> {
        pairs
            .iter()
            .map(|(k, v)| (self.slot(k), self.slot(v)))
            .collect()
    }

    /// Builds the node of one heap object.
    fn node(&mut self, vm: &mut Vm, value: &Value) -> PyResult<Node> {
        let Value::Obj(obj) = value else {
            return Ok(Node::Ellipsis);
        };
        let gil = vm.gil;
        Ok(match obj.payload() {
            Payload::Str(s) => Node::Str(s.as_str().to_string()),
            Payload::BigInt(b) => Node::BigInt(b.clone()),
            Payload::Complex(re, im) => Node::Complex(*re, *im),
            Payload::Bytes(b) => Node::Bytes(b.to_vec()),
            Payload::Tuple(items) => Node::Tuple(self.slots(items)),
            Payload::List(items) => {
                let items = items.borrow(gil).clone();
                Node::List(self.slots(&items))
            }
            Payload::Dict(d) => {
                let entries = dict_pairs(&d.borrow(gil));
                Node::Dict(self.pairs(&entries))
            }
            Payload::Set(s) => {
                let items: Vec<Value> = s.borrow(gil).iter().map(|(_, v)| v.clone()).collect();
                Node::Set(self.slots(&items))
            }
            Payload::FrozenSet(s) => {
                let items: Vec<Value> = s.iter().map(|(_, v)| v.clone()).collect();
                Node::FrozenSet(self.slots(&items))
            }
            Payload::Range(r) => Node::Range(r.start, r.stop, r.step),
            Payload::Slice(s) => {
                Node::Slice(self.slot(&s.start), self.slot(&s.stop), self.slot(&s.step))
            }
            Payload::Singleton("NotImplemented") => Node::NotImplemented,
            Payload::Singleton(_) => Node::Ellipsis,
            Payload::Function(f) => {
                if travels_by_value(vm, &f.module) {
                    self.function(vm, obj, f)?
                } else {
                    by_name(vm, value)?
                }
            }
            Payload::NativeFunction(_) => by_name(vm, value)?,
            Payload::BoundMethod(m) => Node::BoundMethod(self.slot(&m.func), self.slot(&m.this)),
            Payload::StaticMethod(f) => Node::StaticMethod(self.slot(f)),
            Payload::ClassMethod(f) => Node::ClassMethod(self.slot(f)),
            Payload::Property(p) => {
                Node::Property(self.slot(&p.fget), self.slot(&p.fset), self.slot(&p.fdel))
            }
            Payload::Type(t) => {
                let program = t.layout != crate::types::class::Layout::Builtin
                    && travels_by_value(vm, &Value::str(t.module.clone()));
                if program {
                    self.class(vm, obj, t)
                } else {
                    by_name(vm, value)?
                }
            }
            Payload::Instance(inst) => {
                let class = self.reserve(&inst.class);
                let state = self.instance_state(vm, value, &inst.class, &inst.dict)?;
                Node::Instance { class, state }
            }
            Payload::Exception(e) => {
                let class = self.reserve(&e.class);
                let args = e.args.borrow(gil).clone();
                let dict = dict_pairs(&e.dict.borrow(gil));
                Node::Exception {
                    class,
                    args: self.slot(&args),
                    dict: self.pairs(&dict),
                }
            }
            Payload::Module(m) if !PROGRAM_MODULES.contains(&m.name.as_str()) => {
                Node::Module(m.name.clone())
            }
            Payload::Code(code) => Node::Code(code.code.clone()),
            Payload::Cell(c) => {
                let content = c.borrow(gil).clone();
                Node::Cell(self.slot(&content))
            }
            Payload::Native(native) => match crate::modules::mp_native::export(vm, native) {
                Some(handle) => match self.inherited.as_deref_mut() {
                    Some(fds) => {
                        fds.extend(handle.fds.iter().copied());
                        Node::Native(handle)
                    }
                    None => {
                        return Err(vm.runtime_error(format!(
                        "{} objects should only be shared between processes through inheritance",
                        handle.type_name
                    )))
                    }
                },
                None => return Err(cannot_pickle(vm, value)),
            },
            _ => return Err(cannot_pickle(vm, value)),
        })
    }

    /// A program function: its code, the globals its code uses, cells, defaults.
    fn function(&mut self, vm: &mut Vm, obj: &ObjRef, f: &FunctionObj) -> PyResult<Node> {
        let gil = vm.gil;
        let origin = vm.interp.wire_identity.borrow_mut(gil).origin_for(obj);
        let code = f.runtime_code().code.clone();
        let globals = self.globals(vm, &f.globals, &code);
        let closure = f.closure.iter().map(|c| self.reserve(c)).collect();
        let (name, qualname) = (f.name.borrow(gil).clone(), f.qualname.borrow(gil).clone());
        let defaults = f.defaults.borrow(gil).clone();
        let kwdefaults = f.kwdefaults.borrow(gil).clone();
        let dict = dict_pairs(&f.dict.borrow(gil));
        Ok(Node::Function(Box::new(FunctionNode {
            origin,
            code,
            globals,
            closure,
            name: self.slot(&name),
            qualname: self.slot(&qualname),
            module: self.slot(&f.module),
            defaults: self.slot(&defaults),
            kwdefaults: self.slot(&kwdefaults),
            dict: self.pairs(&dict),
        })))
    }

    /// The `Globals` node of a module namespace, with the names `code` (and the code
    /// nested in it) refers to added.
    fn globals(&mut self, vm: &mut Vm, dict: &ObjRef, code: &gilded_bytecode::CodeObject) -> u32 {
        let gil = vm.gil;
        let index = match self.globals_memo.get(&dict.addr()) {
            Some(index) => *index,
            None => {
                let origin = vm.interp.wire_identity.borrow_mut(gil).origin_for(dict);
                let module = crate::vm::dict_get_str(vm, dict, "__name__")
                    .and_then(|n| n.as_str().map(str::to_string))
                    .unwrap_or_else(|| "__main__".to_string());
                let index = self.nodes.len() as u32;
                self.nodes.push(Node::Globals {
                    origin,
                    module,
                    entries: Vec::new(),
                });
                self.globals_memo.insert(dict.addr(), index);
                self.keep.push(Value::Obj(dict.clone()));
                index
            }
        };
        let mut names = Vec::new();
        referenced_names(code, &mut names);
        for name in names {
            if name == "__builtins__" || name == "__name__" {
                continue;
            }
            let Some(value) = crate::vm::dict_get_str(vm, dict, &name) else {
                continue;
            };
            let already = match &self.nodes[index as usize] {
                Node::Globals { entries, .. } => entries.iter().any(|(n, _)| *n == name),
                _ => true,
            };
            if already {
                continue;
            }
            let slot = self.slot(&value);
            if let Node::Globals { entries, .. } = &mut self.nodes[index as usize] {
                entries.push((name, slot));
            }
        }
        index
    }

    /// A program class: bases and namespace.
    fn class(&mut self, vm: &mut Vm, obj: &ObjRef, t: &crate::types::class::TypeObj) -> Node {
        let origin = vm.interp.wire_identity.borrow_mut(vm.gil).origin_for(obj);
        let bases = t.bases.iter().map(|b| self.reserve(b)).collect();
        let entries: Vec<(String, Value)> = t
            .dict
            .borrow(vm.gil)
            .iter()
            .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.clone())))
            .collect();
        let dict = entries
            .into_iter()
            .map(|(k, v)| (k, self.slot(&v)))
            .collect();
        Node::Class(Box::new(ClassNode {
            origin,
            name: t.name.clone(),
            qualname: t.qualname.clone(),
            module: t.module.clone(),
            bases,
            dict,
        }))
    }

    /// An instance's state: `__getstate__()` when its class defines one in Python,
    /// else its `__dict__`.
    fn instance_state(
        &mut self,
        vm: &mut Vm,
        value: &Value,
        class: &ObjRef,
        dict: &crate::object::GilCell<crate::types::dict::Dict>,
    ) -> PyResult<InstanceState> {
        let getstate = crate::attr::lookup_type_attr(vm, class, &Value::str("__getstate__"));
        if let Some(f) = getstate.filter(|f| matches!(f.payload(), Some(Payload::Function(_)))) {
            let state = vm.call(&f, vec![value.clone()], vec![])?;
            self.keep.push(state.clone());
            return Ok(InstanceState::State(self.slot(&state)));
        }
        let entries = dict_pairs(&dict.borrow(vm.gil));
        Ok(InstanceState::Dict(self.pairs(&entries)))
    }
}

/// A dict's entries in order.
fn dict_pairs(d: &crate::types::dict::Dict) -> Vec<(Value, Value)> {
    d.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
}

/// True when code of module `module` (a `__module__` value) travels by value: the
/// program's own, or code no importable module holds.
fn travels_by_value(vm: &Vm, module: &Value) -> bool {
    match module.as_str() {
        Some(name) if PROGRAM_MODULES.contains(&name) => true,
        Some(name) => crate::modules::cached(vm, name).is_none(),
        None => true,
    }
}

/// `Global` for an object reachable as `module.qualname`: its declared name when
/// that resolves to it, else found by searching the loaded modules.
fn by_name(vm: &mut Vm, value: &Value) -> PyResult<Node> {
    if let Some((module, qualname)) = declared_name(vm, value) {
        if resolves_to(vm, &module, &qualname, value) {
            return Ok(Node::Global { module, qualname });
        }
    }
    if let Some((module, qualname)) = find_in_modules(vm, value) {
        return Ok(Node::Global { module, qualname });
    }
    Err(cannot_pickle(vm, value))
}

/// `(__module__, __qualname__)` of a function or class.
fn declared_name(vm: &Vm, value: &Value) -> Option<(String, String)> {
    match value.payload()? {
        Payload::Type(t) => Some((t.module.clone(), t.qualname.clone())),
        Payload::Function(f) => Some((
            f.module.as_str()?.to_string(),
            f.qualname.borrow(vm.gil).as_str()?.to_string(),
        )),
        _ => None,
    }
}

/// True when `module.qualname` is `value` in this process.
fn resolves_to(vm: &mut Vm, module: &str, qualname: &str, value: &Value) -> bool {
    if qualname.contains('<') {
        return false;
    }
    let Some(mut current) = crate::modules::cached(vm, module) else {
        return false;
    };
    for part in qualname.split('.') {
        match crate::attr::get_attr_opt(vm, &current, &Value::str(part)) {
            Ok(Some(next)) => current = next,
            _ => return false,
        }
    }
    current.is(value)
}

/// The first `(module, name)` of a loaded module whose attribute is `value`,
/// builtins first.
fn find_in_modules(vm: &Vm, value: &Value) -> Option<(String, String)> {
    let mut modules: Vec<(String, ObjRef)> = vec![("builtins".into(), vm.interp.builtins.clone())];
    if let Payload::Dict(d) = vm.interp.modules.payload() {
        for e in d.borrow(vm.gil).iter() {
            if let (Some(name), Some(Payload::Module(m))) = (e.key.as_str(), e.value.payload()) {
                if !PROGRAM_MODULES.contains(&name) {
                    modules.push((name.to_string(), m.dict.clone()));
                }
            }
        }
    }
    for (module, dict) in modules {
        if let Payload::Dict(d) = dict.payload() {
            for e in d.borrow(vm.gil).iter() {
                if e.value.is(value) {
                    if let Some(name) = e.key.as_str() {
                        return Some((module, name.to_string()));
                    }
                }
            }
        }
    }
    None
}

/// Every name a code object and the code nested in it look up by name.
fn referenced_names(code: &gilded_bytecode::CodeObject, out: &mut Vec<String>) {
    let mut stack = vec![code];
    while let Some(code) = stack.pop() {
        for name in &code.names {
            if !out.iter().any(|n| **n == **name) {
                out.push(name.to_string());
            }
        }
        for c in &code.constants {
            if let gilded_bytecode::Constant::Code(inner) = c {
                stack.push(inner);
            }
        }
    }
}

/// CPython's refusal: `TypeError: cannot pickle '_thread.lock' object`.
pub fn cannot_pickle(vm: &Vm, value: &Value) -> crate::error::PyErr {
    vm.type_error(format!("cannot pickle '{}' object", vm.type_name(value)))
}
