//! [`Message`] → values, in three passes over the node table (loops, no recursion):
//!
//! 1. create every object, in an order where what an object needs to exist (a
//!    class its bases, a tuple its items, a function its globals and cells) comes
//!    first; mutable containers start empty, so cycles through them are fine;
//! 2. fill the containers, namespaces, cells and function attributes;
//! 3. call `__setstate__` of instances that sent a state.
//!
//! Functions, classes and namespaces whose origin this process has seen before are
//! the objects it already has (see `identity.rs`), not new copies.

use super::wire::{InstanceState, Message, Node, Origin, Slot};
use crate::error::PyResult;
use crate::object::{GilCell, ObjRef, Payload, PropertyObj, RangeObj, SliceObj};
use crate::types::class::{InstanceObj, Layout};
use crate::types::dict::Dict;
use crate::types::exception::ExceptionObj;
use crate::types::function::{BoundMethod, FunctionObj};
use crate::value::Value;
use crate::vm::Vm;

/// Rebuilds the value a message stands for.
pub fn decode(vm: &mut Vm, message: &Message) -> PyResult<Value> {
    let mut d = Decoder {
        nodes: &message.nodes,
        objs: vec![None; message.nodes.len()],
        fresh: vec![false; message.nodes.len()],
    };
    d.create_all(vm)?;
    d.fill_all(vm)?;
    d.restore_states(vm)?;
    d.value(vm, message.root)
}

/// The module name a namespace or function of `module` has in this process: the
/// parent's `__main__` is a child's `__mp_main__`, as in CPython's spawn.
fn local_module_name(module: &str) -> &str {
    if module == "__main__" {
        "__mp_main__"
    } else {
        module
    }
}

struct Decoder<'a> {
    nodes: &'a [Node],
    /// The object made for each node.
    objs: Vec<Option<Value>>,
    /// True when the object was made here (so it is filled), false when it is an
    /// object this process already had.
    fresh: Vec<bool>,
}

impl Decoder<'_> {
    fn corrupt(vm: &Vm) -> crate::error::PyErr {
        vm.value_error("corrupt data from another process")
    }

    /// The value of a slot whose object exists.
    fn value(&self, vm: &Vm, slot: Slot) -> PyResult<Value> {
        Ok(match slot {
            Slot::None => Value::None,
            Slot::Bool(b) => Value::Bool(b),
            Slot::Int(i) => Value::Int(i),
            Slot::Float(f) => Value::Float(f),
            Slot::Obj(i) => self
                .objs
                .get(i as usize)
                .cloned()
                .flatten()
                .ok_or_else(|| Self::corrupt(vm))?,
        })
    }

    fn values(&self, vm: &Vm, slots: &[Slot]) -> PyResult<Vec<Value>> {
        slots.iter().map(|s| self.value(vm, *s)).collect()
    }

    fn obj(&self, vm: &Vm, index: u32) -> PyResult<ObjRef> {
        match self.value(vm, Slot::Obj(index))? {
            Value::Obj(o) => Ok(o),
            _ => Err(Self::corrupt(vm)),
        }
    }

    /// Pass 1: creates every node's object after the nodes it needs.
    fn create_all(&mut self, vm: &mut Vm) -> PyResult<()> {
        let n = self.nodes.len();
        // 0: not visited, 1: waiting for its dependencies, 2: created.
        let mut state = vec![0u8; n];
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            state[start] = 1;
            let mut stack = vec![(start, creation_deps(&self.nodes[start]), 0usize)];
            while let Some((index, deps, next)) = stack.last_mut() {
                if let Some(&dep) = deps.get(*next) {
                    *next += 1;
                    let dep = dep as usize;
                    match state.get(dep) {
                        Some(0) => {
                            state[dep] = 1;
                            stack.push((dep, creation_deps(&self.nodes[dep]), 0));
                        }
                        Some(1) => {
                            return Err(vm.value_error(
                                "cannot rebuild a recursive tuple from another process",
                            ))
                        }
                        Some(_) => {}
                        None => return Err(Self::corrupt(vm)),
                    }
                } else {
                    let index = *index;
                    stack.pop();
                    self.create(vm, index)?;
                    state[index] = 2;
                }
            }
        }
        Ok(())
    }

    /// Makes (or finds) the object of one node; its dependencies exist.
    fn create(&mut self, vm: &mut Vm, index: usize) -> PyResult<()> {
        let gil = vm.gil;
        let mut fresh = true;
        let value = match &self.nodes[index] {
            Node::Str(s) => Value::str(s.clone()),
            Node::BigInt(b) => crate::number::int_from_bigint(b.clone()),
            Node::Complex(re, im) => Value::new_obj(Payload::Complex(*re, *im)),
            Node::Bytes(b) => Value::new_obj(Payload::Bytes(b.clone().into_boxed_slice())),
            Node::Tuple(items) => {
                let items = self.values(vm, items)?;
                vm.new_tuple(items)
            }
            Node::List(_) => vm.new_list(Vec::new()),
            Node::Dict(_) => vm.new_dict(Dict::new()),
            Node::Set(_) => crate::ops::keys::new_set_from(vm, Vec::new())?,
            Node::FrozenSet(items) => {
                let items = self.values(vm, items)?;
                let set = crate::ops::keys::new_set_from(vm, items)?;
                let data = match set.payload() {
                    Some(Payload::Set(s)) => s.borrow(gil).clone_data(),
                    _ => return Err(Self::corrupt(vm)),
                };
                Value::new_obj(Payload::FrozenSet(data))
            }
            Node::Range(start, stop, step) => {
                if *step == 0 {
                    return Err(Self::corrupt(vm));
                }
                Value::new_obj(Payload::Range(RangeObj {
                    start: *start,
                    stop: *stop,
                    step: *step,
                }))
            }
            Node::Slice(a, b, c) => Value::new_obj(Payload::Slice(SliceObj {
                start: self.value(vm, *a)?,
                stop: self.value(vm, *b)?,
                step: self.value(vm, *c)?,
            })),
            Node::Ellipsis => vm.interp.ellipsis.clone(),
            Node::NotImplemented => vm.interp.not_implemented.clone(),
            Node::Global { module, qualname } => find_global(vm, module, qualname)?,
            Node::Module(name) => import_module(vm, name)?,
            Node::Code(code) => Value::Obj(crate::bootstrap::load_code(vm, code.clone())),
            Node::Globals { origin, module, .. } => {
                let (dict, was_fresh) = namespace(vm, *origin, module);
                fresh = was_fresh;
                Value::Obj(dict)
            }
            Node::Cell(_) => Value::new_obj(Payload::Cell(GilCell::new(Value::None))),
            Node::Function(f) => {
                let known = vm.interp.wire_identity.borrow(gil).find(f.origin);
                match known {
                    Some(existing) => {
                        fresh = false;
                        Value::Obj(existing)
                    }
                    None => {
                        let globals = self.obj(vm, f.globals)?;
                        let closure = f
                            .closure
                            .iter()
                            .map(|c| self.obj(vm, *c))
                            .collect::<PyResult<Vec<_>>>()?;
                        let module = self.value(vm, f.module)?;
                        let module = match module.as_str() {
                            Some(name) => Value::str(local_module_name(name)),
                            None => module,
                        };
                        let func = ObjRef::new(Payload::Function(Box::new(FunctionObj {
                            code: crate::bootstrap::load_code(vm, f.code.clone()),
                            globals,
                            name: GilCell::new(Value::None),
                            qualname: GilCell::new(Value::None),
                            defaults: GilCell::new(Value::None),
                            kwdefaults: GilCell::new(Value::None),
                            closure: closure.into_boxed_slice(),
                            module,
                            dict: GilCell::new(Dict::new()),
                        })));
                        vm.interp
                            .wire_identity
                            .borrow_mut(gil)
                            .remember(f.origin, &func);
                        Value::Obj(func)
                    }
                }
            }
            Node::Class(c) => {
                let known = vm.interp.wire_identity.borrow(gil).find(c.origin);
                match known {
                    Some(existing) => {
                        fresh = false;
                        Value::Obj(existing)
                    }
                    None => {
                        let bases = c
                            .bases
                            .iter()
                            .map(|b| self.obj(vm, *b))
                            .collect::<PyResult<Vec<_>>>()?;
                        let module = local_module_name(&c.module);
                        let mut dict = Dict::new();
                        dict.set_str(Value::str("__module__"), Value::str(module));
                        let class = vm.new_class(&c.name, &c.qualname, module, bases, dict)?;
                        vm.interp
                            .wire_identity
                            .borrow_mut(gil)
                            .remember(c.origin, &class);
                        Value::Obj(class)
                    }
                }
            }
            Node::Instance { class, .. } => {
                let class = self.obj(vm, *class)?;
                match class.as_type().map(|t| t.layout) {
                    Some(Layout::Object) => {
                        Value::new_obj(Payload::Instance(InstanceObj::new(class)))
                    }
                    _ => return Err(Self::corrupt(vm)),
                }
            }
            Node::Exception { class, .. } => {
                let class = self.obj(vm, *class)?;
                if class.as_type().map(|t| t.layout) != Some(Layout::Exception) {
                    return Err(Self::corrupt(vm));
                }
                let args = vm.new_tuple(Vec::new());
                Value::new_obj(Payload::Exception(Box::new(ExceptionObj::new(class, args))))
            }
            Node::BoundMethod(func, this) => Value::new_obj(Payload::BoundMethod(BoundMethod {
                func: self.value(vm, *func)?,
                this: self.value(vm, *this)?,
            })),
            Node::StaticMethod(f) => Value::new_obj(Payload::StaticMethod(self.value(vm, *f)?)),
            Node::ClassMethod(f) => Value::new_obj(Payload::ClassMethod(self.value(vm, *f)?)),
            Node::Property(a, b, c) => Value::new_obj(Payload::Property(PropertyObj {
                fget: self.value(vm, *a)?,
                fset: self.value(vm, *b)?,
                fdel: self.value(vm, *c)?,
            })),
            Node::Native(handle) => crate::modules::mp_native::import(vm, handle)?,
        };
        self.objs[index] = Some(value);
        self.fresh[index] = fresh;
        Ok(())
    }

    /// Pass 2: namespaces, cells, functions, classes and instances first (so hashes
    /// that depend on attributes see them), then lists, dicts and sets.
    fn fill_all(&mut self, vm: &mut Vm) -> PyResult<()> {
        for containers in [false, true] {
            for index in 0..self.nodes.len() {
                let node = &self.nodes[index];
                let is_container = matches!(node, Node::List(_) | Node::Dict(_) | Node::Set(_));
                if is_container == containers {
                    self.fill(vm, index)?;
                }
            }
        }
        Ok(())
    }

    fn fill(&self, vm: &mut Vm, index: usize) -> PyResult<()> {
        let gil = vm.gil;
        let obj = self.obj(vm, index as u32)?;
        let fresh = self.fresh[index];
        match &self.nodes[index] {
            Node::List(items) => {
                let items = self.values(vm, items)?;
                if let Payload::List(l) = obj.payload() {
                    *l.borrow_mut(gil) = items;
                }
            }
            Node::Dict(entries) => {
                for (k, v) in entries {
                    let (k, v) = (self.value(vm, *k)?, self.value(vm, *v)?);
                    crate::ops::keys::dict_set_item(vm, &obj, k, v)?;
                }
            }
            Node::Set(items) => {
                for item in self.values(vm, items)? {
                    crate::ops::keys::set_add(vm, &Value::Obj(obj.clone()), item)?;
                }
            }
            Node::Globals {
                origin, entries, ..
            } => {
                let own = origin.0 == std::process::id();
                for (name, slot) in entries {
                    let missing = crate::vm::dict_get_str(vm, &obj, name).is_none();
                    if fresh || (!own && missing) {
                        let value = self.value(vm, *slot)?;
                        crate::vm::dict_set_str(vm, &obj, name, value);
                    }
                }
            }
            Node::Cell(content) => {
                if let Payload::Cell(c) = obj.payload() {
                    *c.borrow_mut(gil) = self.value(vm, *content)?;
                }
            }
            Node::Function(f) if fresh => {
                if let Payload::Function(func) = obj.payload() {
                    *func.name.borrow_mut(gil) = self.value(vm, f.name)?;
                    *func.qualname.borrow_mut(gil) = self.value(vm, f.qualname)?;
                    *func.defaults.borrow_mut(gil) = self.value(vm, f.defaults)?;
                    *func.kwdefaults.borrow_mut(gil) = self.value(vm, f.kwdefaults)?;
                    let entries = self.str_pairs(vm, &f.dict)?;
                    let mut dict = func.dict.borrow_mut(gil);
                    for (k, v) in entries {
                        dict.set_str(k, v);
                    }
                }
            }
            Node::Class(c) if fresh => {
                if let Payload::Type(t) = obj.payload() {
                    let mut finalizer = false;
                    for (name, slot) in &c.dict {
                        let value = self.value(vm, *slot)?;
                        finalizer |= name == "__del__";
                        t.dict
                            .borrow_mut(gil)
                            .set_str(Value::str(name.clone()), value);
                    }
                    if finalizer {
                        t.has_finalizer.set(true);
                    }
                    let version = &vm.interp.class_version;
                    version.set(version.get() + 1);
                }
            }
            Node::Instance {
                state: InstanceState::Dict(entries),
                ..
            } => {
                let entries = self.str_pairs(vm, entries)?;
                if let Payload::Instance(inst) = obj.payload() {
                    let mut dict = inst.dict.borrow_mut(gil);
                    for (k, v) in entries {
                        dict.set_str(k, v);
                    }
                }
            }
            Node::Exception { args, dict, .. } => {
                let args = self.value(vm, *args)?;
                let entries = self.str_pairs(vm, dict)?;
                if let Payload::Exception(e) = obj.payload() {
                    *e.args.borrow_mut(gil) = args;
                    let mut d = e.dict.borrow_mut(gil);
                    for (k, v) in entries {
                        d.set_str(k, v);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Attribute entries (string keys only: attribute dicts hold nothing else).
    fn str_pairs(&self, vm: &Vm, pairs: &[(Slot, Slot)]) -> PyResult<Vec<(Value, Value)>> {
        let mut out = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            let key = self.value(vm, *k)?;
            if key.as_str().is_some() {
                out.push((key, self.value(vm, *v)?));
            }
        }
        Ok(out)
    }

    /// Pass 3: `__setstate__(state)` (or merging a state dict into `__dict__`).
    fn restore_states(&self, vm: &mut Vm) -> PyResult<()> {
        for (index, node) in self.nodes.iter().enumerate() {
            let Node::Instance {
                class,
                state: InstanceState::State(state),
            } = node
            else {
                continue;
            };
            let inst = self.value(vm, Slot::Obj(index as u32))?;
            let state = self.value(vm, *state)?;
            let class = self.obj(vm, *class)?;
            let setstate = crate::attr::lookup_type_attr(vm, &class, &Value::str("__setstate__"));
            if let Some(f) = setstate.filter(|f| matches!(f.payload(), Some(Payload::Function(_))))
            {
                vm.call(&f, vec![inst, state], vec![])?;
            } else if let (Some(Payload::Dict(src)), Some(Payload::Instance(i))) =
                (state.payload(), inst.payload())
            {
                let entries: Vec<(Value, Value)> = src
                    .borrow(vm.gil)
                    .iter()
                    .filter(|e| e.key.as_str().is_some())
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                let mut dict = i.dict.borrow_mut(vm.gil);
                for (k, v) in entries {
                    dict.set_str(k, v);
                }
            }
        }
        Ok(())
    }
}

/// The nodes whose objects must exist before this node's object can be made.
fn creation_deps(node: &Node) -> Vec<u32> {
    let objs = |slots: &[Slot]| -> Vec<u32> {
        slots
            .iter()
            .filter_map(|s| match s {
                Slot::Obj(i) => Some(*i),
                _ => None,
            })
            .collect()
    };
    match node {
        Node::Tuple(items) | Node::FrozenSet(items) => objs(items),
        Node::Slice(a, b, c) | Node::Property(a, b, c) => objs(&[*a, *b, *c]),
        Node::BoundMethod(a, b) => objs(&[*a, *b]),
        Node::StaticMethod(a) | Node::ClassMethod(a) => objs(&[*a]),
        Node::Class(c) => c.bases.clone(),
        Node::Instance { class, .. } | Node::Exception { class, .. } => vec![*class],
        Node::Function(f) => {
            let mut deps = f.closure.clone();
            deps.push(f.globals);
            deps.extend(objs(&[f.module]));
            deps
        }
        _ => Vec::new(),
    }
}

/// The namespace standing for `origin`, and whether it was made just now.
fn namespace(vm: &mut Vm, origin: Origin, module: &str) -> (ObjRef, bool) {
    let gil = vm.gil;
    if let Some(existing) = vm.interp.wire_identity.borrow(gil).find(origin) {
        return (existing, false);
    }
    let local = local_module_name(module);
    let claimed = if local == "__mp_main__" {
        vm.interp.wire_identity.borrow_mut(gil).claim_main()
    } else {
        None
    };
    let dict = claimed.unwrap_or_else(|| {
        let mut d = Dict::new();
        d.set_str(Value::str("__name__"), Value::str(local));
        d.set_str(
            Value::str("__builtins__"),
            Value::Obj(vm.interp.builtins.clone()),
        );
        ObjRef::new(Payload::Dict(GilCell::new(d)))
    });
    vm.interp
        .wire_identity
        .borrow_mut(gil)
        .remember(origin, &dict);
    (dict, true)
}

/// `import name`, returning the module itself (also for dotted names).
fn import_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    crate::modules::import(vm, name)?;
    crate::modules::cached(vm, name)
        .filter(|m| !m.is_none())
        .ok_or_else(|| vm.runtime_error(format!("module {name} vanished from sys.modules")))
}

/// `module.qualname`, walking dotted attributes.
fn find_global(vm: &mut Vm, module: &str, qualname: &str) -> PyResult<Value> {
    let mut current = import_module(vm, module)?;
    for part in qualname.split('.') {
        current = crate::attr::get_attr(vm, &current, &Value::str(part))?;
    }
    Ok(current)
}
