//! Calling: dispatch on the kind of callable, argument binding, frame set-up.
//!
//! Calls start from the value stack: the callable at position `pos` and its positional
//! arguments above it. A Python function's frame takes those arguments in place as its
//! first locals. A native function borrows them as a slice: the thread's stack is lent
//! to it whole (swapped for a spare), so no argument vector is allocated.

use crate::error::{PyErr, PyResult};
use crate::frame::{Frame, OnReturn};
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::class::Layout;
use crate::types::dict::Dict;
use crate::types::exception::ExceptionObj;
use crate::types::function::{FunctionObj, NativeFunction, NativeKind};
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// Calls any callable with positional and keyword arguments and returns its result.
    /// Python functions run in a nested run loop on this thread.
    pub fn call(
        &mut self,
        callable: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
    ) -> PyResult<Value> {
        let pos = self.stack.len();
        self.stack.push(callable.clone());
        self.stack.extend(args);
        self.entry_depths.push(self.frames.len());
        let result = match self.call_at(pos, pos, kwargs) {
            Ok(true) => self.run_loop(),
            Ok(false) => Ok(self.stack.pop().unwrap_or(Value::None)),
            Err(err) => Err(err),
        };
        self.entry_depths.pop();
        self.stack.truncate(pos);
        self.after_release()?;
        result
    }

    /// Calls the callable at stack position `pos` with the positional arguments above
    /// it. On return the stack is cut to `return_to` and the result pushed there.
    /// Returns true when a Python frame was pushed (the loop must continue in it).
    pub(crate) fn call_at(
        &mut self,
        pos: usize,
        return_to: usize,
        kwargs: Vec<(Value, Value)>,
    ) -> PyResult<bool> {
        let callable = self.stack[pos].clone();
        let result = self.dispatch_call(&callable, pos, return_to, kwargs);
        if result.is_err() {
            self.stack.truncate(return_to.min(self.stack.len()));
        }
        result
    }

    fn dispatch_call(
        &mut self,
        callable: &Value,
        pos: usize,
        return_to: usize,
        kwargs: Vec<(Value, Value)>,
    ) -> PyResult<bool> {
        let Value::Obj(obj) = callable else {
            return Err(self.not_callable(callable));
        };
        match obj.payload() {
            Payload::Function(_) => {
                self.push_function_frame(obj, pos + 1, return_to, kwargs, OnReturn::Push)
            }
            Payload::NativeFunction(nf) => {
                self.call_native(nf, pos + 1, return_to, &kwargs)?;
                Ok(false)
            }
            Payload::BoundMethod(bm) => {
                // The instance takes the callable's slot and becomes the first argument.
                self.stack[pos] = bm.this.clone();
                let func = bm.func.clone();
                self.call_with_first_arg_at(&func, pos, return_to, kwargs)
            }
            Payload::Type(_) => self.call_class(obj, pos, return_to, kwargs),
            Payload::StaticMethod(f) => {
                let f = f.clone();
                self.stack[pos] = f;
                self.call_at(pos, return_to, kwargs)
            }
            Payload::Instance(_) => {
                let call = self.interp.names.call.clone();
                match crate::attr::lookup_type_attr(self, &self.type_of(callable), &call) {
                    Some(f) => self.call_with_first_arg_at(&f, pos, return_to, kwargs),
                    None => Err(self.not_callable(callable)),
                }
            }
            _ => Err(self.not_callable(callable)),
        }
    }

    /// Calls `func` whose first argument is already at `pos` (followed by the rest).
    fn call_with_first_arg_at(
        &mut self,
        func: &Value,
        pos: usize,
        return_to: usize,
        kwargs: Vec<(Value, Value)>,
    ) -> PyResult<bool> {
        match func.payload() {
            Some(Payload::Function(_)) => {
                let f = func.as_obj().cloned().expect("function object");
                self.push_function_frame(&f, pos, return_to, kwargs, OnReturn::Push)
            }
            Some(Payload::NativeFunction(nf)) => {
                self.call_native(nf, pos, return_to, &kwargs)?;
                Ok(false)
            }
            _ => {
                // Anything else: call it with the first argument prepended, natively.
                let args = self.stack.split_off(pos);
                self.stack.truncate(return_to);
                let r = self.call(func, args, kwargs)?;
                self.stack.push(r);
                Ok(false)
            }
        }
    }

    /// `CallMethod` with a real method: stack is `[func, self, args...]` at `pos`.
    pub(crate) fn call_method_at(&mut self, pos: usize) -> PyResult<bool> {
        let func = self.stack[pos].clone();
        let result = self.call_with_first_arg_at(&func, pos + 1, pos, Vec::new());
        if result.is_err() {
            self.stack.truncate(pos.min(self.stack.len()));
        }
        result
    }

    /// Runs a native function on the arguments at `args_start..`, then cuts the stack
    /// to `return_to` and pushes the result.
    pub(crate) fn call_native(
        &mut self,
        nf: &NativeFunction,
        args_start: usize,
        return_to: usize,
        kwargs: &[(Value, Value)],
    ) -> PyResult<()> {
        if nf.kind == NativeKind::Method && nf.bound.is_none() && args_start >= self.stack.len() {
            // An unbound method descriptor called with nothing to bind (`list.__len__()`).
            self.stack.truncate(return_to);
            return Err(self.type_error(format!(
                "descriptor '{}' of '{}' object needs an argument",
                nf.name,
                nf.owner.unwrap_or("object")
            )));
        }
        if nf.wants_caller_locals {
            self.capture_caller_locals();
        }
        let lent = std::mem::take(&mut self.spare_stack);
        let stack = std::mem::replace(&mut self.stack, lent);
        let result = match &nf.bound {
            Some(bound) => {
                let mut args = Vec::with_capacity(stack.len() - args_start + 1);
                args.push(bound.clone());
                args.extend_from_slice(&stack[args_start..]);
                (nf.func)(self, &args, kwargs)
            }
            None => (nf.func)(self, &stack[args_start..], kwargs),
        };
        if nf.wants_caller_locals {
            // The copies hold references (to `self`, to arguments): they must not
            // outlive the call, or the objects would stay alive.
            self.caller_locals.clear();
        }
        let mut lent = std::mem::replace(&mut self.stack, stack);
        lent.clear();
        self.spare_stack = lent;
        self.stack.truncate(return_to);
        self.stack.push(result?);
        Ok(())
    }

    /// Copies the innermost frame's fast locals into `caller_locals`.
    fn capture_caller_locals(&mut self) {
        self.caller_locals.clear();
        if let Some(frame) = self.frames.last() {
            let n = frame.runtime().code.varnames.len();
            let end = (frame.base + n).min(self.stack.len());
            self.caller_locals = self.stack[frame.base.min(end)..end].to_vec();
        }
    }

    fn not_callable(&self, v: &Value) -> PyErr {
        self.type_error(format!("'{}' object is not callable", self.type_name(v)))
    }

    /// Pushes a frame for a Python function whose positional arguments start at
    /// `args_start` on the stack. Returns false (and pushes a generator) for
    /// generator functions, which do not start running.
    pub(crate) fn push_function_frame(
        &mut self,
        func: &ObjRef,
        args_start: usize,
        return_to: usize,
        kwargs: Vec<(Value, Value)>,
        on_return: OnReturn,
    ) -> PyResult<bool> {
        let Payload::Function(f) = func.payload() else {
            return Err(self.type_error("not a function"));
        };
        if self.depth >= self.recursion_limit() {
            return Err(self.recursion_error());
        }
        let code = &f.runtime_code().code;
        let nargs = self.stack.len() - args_start;
        let nlocals = code.varnames.len();
        let simple = kwargs.is_empty()
            && nargs == code.argcount as usize
            && code.kwonlyargcount == 0
            && !code.flags.varargs
            && !code.flags.varkeywords;
        if simple {
            self.stack.resize(args_start + nlocals, Value::Null);
        } else {
            let args = self.stack.split_off(args_start);
            let locals = bind_arguments(self, f, args, kwargs)?;
            self.stack.extend(locals);
        }
        let mut cells = Vec::with_capacity(code.cellvars.len() + f.closure.len());
        for _ in &code.cellvars {
            cells.push(ObjRef::new(Payload::Cell(GilCell::new(Value::Null))));
        }
        for &(cell, slot) in &code.cell_params {
            let v = std::mem::replace(&mut self.stack[args_start + slot as usize], Value::Null);
            if let Payload::Cell(c) = cells[cell as usize].payload() {
                *c.borrow_mut(self.gil) = v;
            }
        }
        cells.extend(f.closure.iter().cloned());
        let is_generator = code.flags.generator;
        let frame = Frame {
            code: f.code.clone(),
            globals: f.globals.clone(),
            namespace: None,
            cells: cells.into_boxed_slice(),
            base: args_start,
            ip: 0,
            blocks: Vec::new(),
            on_return,
            return_to,
            generator: None,
        };
        if is_generator {
            let saved = self.stack.split_off(args_start);
            self.stack.truncate(return_to);
            let gen = crate::generators::new_generator(self, f, frame, saved);
            self.stack.push(gen);
            return Ok(false);
        }
        self.depth += 1;
        self.frames.push(frame);
        Ok(true)
    }

    /// `RecursionError: maximum recursion depth exceeded`.
    pub fn recursion_error(&self) -> PyErr {
        self.new_error(
            &self.interp.exc.recursion_error,
            "maximum recursion depth exceeded",
        )
    }

    /// Enters a native recursion level (repr of nested containers, comparisons):
    /// raises RecursionError past the limit, so deep data never overflows the Rust stack.
    pub fn enter_recursion(&mut self, what: &str) -> PyResult<()> {
        if self.depth >= self.recursion_limit() + 50 || self.stack_exhausted() {
            return Err(self.new_error(
                &self.interp.exc.recursion_error,
                format!("maximum recursion depth exceeded{what}"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a level entered with [`Vm::enter_recursion`].
    pub fn leave_recursion(&mut self) {
        self.depth -= 1;
    }

    /// Calls a class: creates the instance and runs `__init__` (as a frame when it is a
    /// Python function).
    fn call_class(
        &mut self,
        class: &ObjRef,
        pos: usize,
        return_to: usize,
        kwargs: Vec<(Value, Value)>,
    ) -> PyResult<bool> {
        let Some(t) = class.as_type() else {
            return Err(self.type_error("not a class"));
        };
        if t.layout == Layout::Builtin {
            let ctor = crate::attr::lookup_type_attr(self, class, &self.interp.names.new);
            return match ctor.as_ref().and_then(|c| c.payload()) {
                Some(Payload::NativeFunction(nf)) => {
                    // Built-in constructors receive the class first, like `__new__`.
                    self.call_native(nf, pos, return_to, &kwargs)?;
                    Ok(false)
                }
                _ => Err(self.type_error(format!("cannot create '{}' instances", t.name))),
            };
        }
        let args: Vec<Value> = self.stack[pos + 1..].to_vec();
        let custom_new = crate::attr::lookup_type_attr(self, class, &self.interp.names.new)
            .filter(|f| !matches!(f.payload(), Some(Payload::NativeFunction(_))));
        let instance = match &custom_new {
            Some(new) => {
                let new = match new.payload() {
                    Some(Payload::StaticMethod(f)) => f.clone(),
                    _ => new.clone(),
                };
                let mut new_args = vec![Value::Obj(class.clone())];
                new_args.extend(args.iter().cloned());
                let inst = self.call(&new, new_args, kwargs.clone())?;
                if !self.is_instance(&inst, class) {
                    self.stack.truncate(return_to);
                    self.stack.push(inst);
                    return Ok(false);
                }
                inst
            }
            None => self.new_instance(class, &args),
        };
        let init = crate::attr::lookup_type_attr(self, class, &self.interp.names.init);
        match init {
            Some(Value::Obj(f)) if matches!(f.payload(), Payload::Function(_)) => {
                self.stack[pos] = instance.clone();
                self.push_function_frame(&f, pos, return_to, kwargs, OnReturn::Init(instance))
            }
            Some(Value::Obj(f)) if matches!(f.payload(), Payload::NativeFunction(_)) => {
                let Payload::NativeFunction(nf) = f.payload() else {
                    unreachable!()
                };
                let is_object_init = std::ptr::eq(
                    nf.func as *const (),
                    crate::builtins::object_init as *const (),
                );
                if is_object_init
                    && custom_new.is_none()
                    && (!args.is_empty() || !kwargs.is_empty())
                    && t.layout == Layout::Object
                {
                    return Err(self.type_error(format!("{}() takes no arguments", t.name)));
                }
                self.stack[pos] = instance.clone();
                self.call_native(nf, pos, return_to, &kwargs)?;
                self.stack.pop();
                self.stack.push(instance);
                Ok(false)
            }
            Some(other) => {
                let mut init_args = vec![instance.clone()];
                init_args.extend(args);
                self.call(&other, init_args, kwargs)?;
                self.stack.truncate(return_to);
                self.stack.push(instance);
                Ok(false)
            }
            None => {
                self.stack.truncate(return_to);
                self.stack.push(instance);
                Ok(false)
            }
        }
    }

    /// A fresh, uninitialized instance of a user-defined class (exception classes get
    /// their `args` now, as `BaseException.__new__` does).
    pub fn new_instance(&self, class: &ObjRef, args: &[Value]) -> Value {
        let layout = class.as_type().map(|t| t.layout).unwrap_or(Layout::Object);
        match layout {
            Layout::Exception => Value::new_obj(Payload::Exception(Box::new(ExceptionObj::new(
                class.clone(),
                self.new_tuple(args.to_vec()),
            )))),
            _ => Value::new_obj(Payload::Instance(crate::types::class::InstanceObj::new(
                class.clone(),
            ))),
        }
    }

    /// `BuildClass`: pops the bases, the name and the body function, and starts the
    /// body in a fresh namespace. The class is built when the body returns.
    pub(crate) fn start_class_body(&mut self, nbases: usize) -> PyResult<()> {
        let bases = self.stack.split_off(self.stack.len() - nbases);
        let name = self.stack.pop().unwrap_or(Value::None);
        let body = self.stack.pop().unwrap_or(Value::None);
        let mut base_classes = Vec::with_capacity(bases.len());
        for b in bases {
            match b {
                Value::Obj(o) if o.as_type().is_some() => base_classes.push(o),
                other => {
                    return Err(self.type_error(format!(
                        "bases must be types, not '{}'",
                        self.type_name(&other)
                    )))
                }
            }
        }
        for b in &base_classes {
            if b.as_type().is_some_and(|t| t.layout == Layout::Builtin)
                && !b.is(&self.types().object)
            {
                let n = b.as_type().map(|t| t.name.clone()).unwrap_or_default();
                return Err(self.type_error(format!(
                    "subclassing the built-in type '{n}' is not supported by gilded yet"
                )));
            }
        }
        let Some(Payload::Function(f)) = body.payload() else {
            return Err(self.type_error("class body is not a function"));
        };
        if self.depth >= self.recursion_limit() {
            return Err(self.recursion_error());
        }
        let code = &f.runtime_code().code;
        let mut cells = Vec::new();
        for _ in &code.cellvars {
            cells.push(ObjRef::new(Payload::Cell(GilCell::new(Value::Null))));
        }
        cells.extend(f.closure.iter().cloned());
        let namespace = ObjRef::new(Payload::Dict(GilCell::new(Dict::new())));
        let base = self.stack.len();
        self.stack.resize(base + code.varnames.len(), Value::Null);
        let frame = Frame {
            code: f.code.clone(),
            globals: f.globals.clone(),
            namespace: Some(namespace),
            cells: cells.into_boxed_slice(),
            base,
            ip: 0,
            blocks: Vec::new(),
            on_return: OnReturn::BuildClass(Box::new((name, base_classes))),
            return_to: base,
            generator: None,
        };
        self.depth += 1;
        self.frames.push(frame);
        Ok(())
    }

    /// Runs a module-level code object with `namespace` as its globals and locals.
    pub fn run_code(
        &mut self,
        code: std::sync::Arc<gilded_bytecode::CodeObject>,
        namespace: &ObjRef,
    ) -> PyResult<Value> {
        self.run_code_in(code, namespace, namespace)
    }

    /// Runs a code object with separate globals and local namespace (`exec`, `eval`).
    pub fn run_code_in(
        &mut self,
        code: std::sync::Arc<gilded_bytecode::CodeObject>,
        globals: &ObjRef,
        namespace: &ObjRef,
    ) -> PyResult<Value> {
        if self.depth >= self.recursion_limit() {
            return Err(self.recursion_error());
        }
        let code_obj = crate::bootstrap::load_code(self, code);
        let base = self.stack.len();
        let nlocals = match code_obj.payload() {
            Payload::Code(c) => c.code.varnames.len(),
            _ => 0,
        };
        self.stack.resize(base + nlocals, Value::Null);
        let frame = Frame {
            code: code_obj,
            globals: globals.clone(),
            namespace: Some(namespace.clone()),
            cells: Box::new([]),
            base,
            ip: 0,
            blocks: Vec::new(),
            on_return: OnReturn::Push,
            return_to: base,
            generator: None,
        };
        self.entry_depths.push(self.frames.len());
        self.depth += 1;
        self.frames.push(frame);
        let result = self.run_loop();
        self.entry_depths.pop();
        self.stack.truncate(base);
        self.after_release()?;
        result
    }
}

/// Binds call arguments to a function's parameters, CPython's rules and messages.
/// Returns the initial locals (parameters, then unbound slots).
fn bind_arguments(
    vm: &mut Vm,
    f: &FunctionObj,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
) -> PyResult<Vec<Value>> {
    let code = &f.runtime_code().code;
    let qualname = f
        .qualname
        .borrow(vm.gil)
        .as_str()
        .unwrap_or("?")
        .to_string();
    let argcount = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let mut locals = vec![Value::Null; code.varnames.len()];
    let nargs = args.len();
    let mut extra = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        if i < argcount {
            locals[i] = a;
        } else {
            extra.push(a);
        }
    }
    let varargs_slot = argcount + kwonly;
    let varkw_slot = varargs_slot + code.flags.varargs as usize;
    if code.flags.varargs {
        locals[varargs_slot] = vm.new_tuple(extra);
    } else if !extra.is_empty() {
        return Err(too_many_positional(vm, f, &qualname, nargs, &kwargs));
    }
    let mut varkw = Dict::new();
    let mut posonly_as_kw = Vec::new();
    for (name, value) in kwargs {
        let Some(key) = name.as_str() else {
            return Err(vm.type_error("keywords must be strings"));
        };
        let slot = code.varnames[..argcount + kwonly]
            .iter()
            .position(|v| &**v == key);
        match slot {
            Some(i) if i >= posonly => {
                if !locals[i].is_null() {
                    return Err(vm.type_error(format!(
                        "{qualname}() got multiple values for argument '{key}'"
                    )));
                }
                locals[i] = value;
            }
            _ if code.flags.varkeywords => {
                varkw.set_str(name.clone(), value);
            }
            Some(_) => posonly_as_kw.push(key.to_string()),
            None => {
                return Err(vm.type_error(format!(
                    "{qualname}() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(vm.type_error(format!(
            "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        )));
    }
    if code.flags.varkeywords {
        locals[varkw_slot] = vm.new_dict(varkw);
    }
    // Positional defaults fill the last parameters.
    let defaults: Vec<Value> = match f.defaults.borrow(vm.gil).payload() {
        Some(Payload::Tuple(d)) => d.to_vec(),
        _ => vec![],
    };
    let first_default = argcount - defaults.len().min(argcount);
    let mut missing = Vec::new();
    for i in 0..argcount {
        if locals[i].is_null() {
            if i >= first_default {
                locals[i] = defaults[i - first_default].clone();
            } else {
                missing.push(code.varnames[i].to_string());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(vm, &qualname, &missing, "positional"));
    }
    let kwdefaults = f.kwdefaults.borrow(vm.gil).clone();
    let mut missing_kw = Vec::new();
    let kwonly_slots = locals[argcount..argcount + kwonly].iter_mut();
    for (slot, name) in kwonly_slots.zip(&code.varnames[argcount..argcount + kwonly]) {
        if slot.is_null() {
            let default = match kwdefaults.payload() {
                Some(Payload::Dict(d)) => d.borrow(vm.gil).get_str(name).cloned(),
                _ => None,
            };
            match default {
                Some(d) => *slot = d,
                None => missing_kw.push(name.to_string()),
            }
        }
    }
    if !missing_kw.is_empty() {
        return Err(missing_arguments(
            vm,
            &qualname,
            &missing_kw,
            "keyword-only",
        ));
    }
    Ok(locals)
}

fn too_many_positional(
    vm: &Vm,
    f: &FunctionObj,
    qualname: &str,
    given: usize,
    kwargs: &[(Value, Value)],
) -> PyErr {
    let code = &f.runtime_code().code;
    let argcount = code.argcount as usize;
    let ndefaults = match f.defaults.borrow(vm.gil).payload() {
        Some(Payload::Tuple(d)) => d.len(),
        _ => 0,
    };
    let kwonly_given = kwargs
        .iter()
        .filter(|(k, _)| {
            let k = k.as_str().unwrap_or("");
            code.varnames[argcount..argcount + code.kwonlyargcount as usize]
                .iter()
                .any(|v| &**v == k)
        })
        .count();
    let takes = if ndefaults > 0 {
        format!("from {} to {}", argcount - ndefaults, argcount)
    } else {
        argcount.to_string()
    };
    let plural = if argcount == 1 && ndefaults == 0 {
        ""
    } else {
        "s"
    };
    let was = if given == 1 { "was" } else { "were" };
    if kwonly_given > 0 {
        let kwplural = if kwonly_given == 1 { "" } else { "s" };
        return vm.type_error(format!(
            "{qualname}() takes {takes} positional argument{plural} but {given} positional argument{} (and {kwonly_given} keyword-only argument{kwplural}) were given",
            if given == 1 { "" } else { "s" }
        ));
    }
    vm.type_error(format!(
        "{qualname}() takes {takes} positional argument{plural} but {given} {was} given"
    ))
}

fn missing_arguments(vm: &Vm, qualname: &str, names: &[String], kind: &str) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    vm.type_error(format!(
        "{qualname}() missing {} required {kind} argument{plural}: {list}",
        names.len()
    ))
}

/// Makes a built-in function value.
pub fn native_function(name: &'static str, func: crate::types::function::NativeFn) -> Value {
    Value::new_obj(Payload::NativeFunction(NativeFunction {
        name,
        func,
        kind: NativeKind::Function,
        owner: None,
        bound: None,
        wants_caller_locals: false,
    }))
}
