//! The interpreter loop: fetch, count, dispatch.
//!
//! [`Vm::run_loop`] runs frames until the entry frame it was started for returns.
//! [`Vm::execute`] is one flat `match` over the instruction set with short arms; longer
//! work lives in named helpers (`ops`, `attr`, `call`). Exceptions leave `execute` as
//! `Err` and [`Vm::unwind`] (cold) finds the handler or pops frames.
//!
//! **Architecture Invariant:** a Python-level call pushes a [`Frame`] and continues
//! this same loop; only natives that call back into Python (`sorted(key=...)`, dunder
//! methods behind operators) re-enter `run_loop`, and those re-entries count toward the
//! recursion limit like frames do.

use crate::error::{PyErr, PyResult};
use crate::frame::{Block, OnReturn};
use crate::object::{finalizers_pending, GilCell, ObjRef, Payload};
use crate::types::dict::Dict;
use crate::types::exception::TracebackEntry;
use crate::types::function::RuntimeCode;
use crate::value::Value;
use crate::vm::Vm;
use crate::{attr, ops};
use gilded_bytecode::{Conversion, Instruction};

impl Vm {
    /// Runs frames until the innermost entry frame returns, giving its return value,
    /// or raises out of it.
    pub(crate) fn run_loop(&mut self) -> PyResult<Value> {
        if self.stack_exhausted() {
            // Raised in the frame the caller just pushed, so unwinding pops it.
            let err = self.recursion_error();
            self.unwind(err)?;
        }
        loop {
            match self.execute() {
                Ok(value) => return Ok(value),
                Err(err) => self.unwind(err)?,
            }
        }
    }

    /// Executes instructions of the top frame (and the frames it calls) until an entry
    /// frame returns or an exception is raised.
    fn execute(&mut self) -> PyResult<Value> {
        // Tracing rides on the periodic slow path: with an interval of one instruction
        // it runs before every instruction, and costs nothing when off.
        let mut frame_index = self.frames.len() - 1;
        let mut base = self.frames[frame_index].base;
        let mut code: *const RuntimeCode = self.frames[frame_index].runtime();
        let mut instructions: &[Instruction] = unsafe { &(&*code).code.instructions };

        // Reloads the cached frame facts after the frame stack changed.
        macro_rules! reload_frame {
            () => {{
                frame_index = self.frames.len() - 1;
                base = self.frames[frame_index].base;
                code = self.frames[frame_index].runtime();
                instructions = unsafe { &(&*code).code.instructions };
            }};
        }
        // The running frame. SAFETY: `frame_index` is in bounds while this frame runs
        // (frames above it come and go; it is replaced only through `reload_frame!`).
        macro_rules! frame {
            () => {
                unsafe { self.frames.get_unchecked_mut(frame_index) }
            };
        }
        // A shared view of the running frame whose lifetime is not tied to `self`, so
        // `self` methods can be called while it is in use. Same safety argument.
        macro_rules! frame_ref {
            () => {
                unsafe { &*self.frames.as_ptr().add(frame_index) }
            };
        }
        macro_rules! pop {
            () => {
                self.stack.pop().unwrap_or(Value::Null)
            };
        }
        macro_rules! top {
            () => {
                self.stack.last_mut().expect("operand stack underflow")
            };
        }
        // SAFETY of `code` and `instructions`: the frame at `frame_index` owns the code
        // object they point into, and they are reloaded whenever the running frame changes.
        macro_rules! code {
            () => {
                unsafe { &*code }
            };
        }

        loop {
            // The countdown lives in the Vm, not in this call: natives that call back
            // into Python (`map`, `sorted(key=...)`, dunders) start new `execute`
            // calls, and a loop of short calls must still reach the periodic checks
            // (and the GIL hand-off).
            self.countdown -= 1;
            if self.countdown <= 0 {
                self.flush_instruction_count();
                self.periodic_checks()?;
                self.countdown = self.check_interval();
                self.countdown_start = self.countdown;
            }
            let frame = frame!();
            let ip = frame.ip;
            let Some(&instruction) = instructions.get(ip) else {
                return Err(self.runtime_error("instruction pointer out of range"));
            };
            frame.ip = ip + 1;

            match instruction {
                Instruction::Nop => {}
                Instruction::Pop => {
                    drop(pop!());
                    self.after_release()?;
                }
                Instruction::Copy(n) => {
                    let v = self.stack[self.stack.len() - n as usize].clone();
                    self.stack.push(v);
                }
                Instruction::Swap(n) => {
                    let len = self.stack.len();
                    self.stack.swap(len - 1, len - n as usize);
                }
                Instruction::LoadConst(i) => {
                    let v = code!().consts[i as usize].clone();
                    self.stack.push(v);
                }
                Instruction::LoadFast(i) => {
                    let v = &self.stack[base + i as usize];
                    if v.is_null() {
                        return Err(self.unbound_local(i));
                    }
                    let v = v.clone();
                    self.stack.push(v);
                }
                Instruction::StoreFast(i) => {
                    let v = pop!();
                    let old = std::mem::replace(&mut self.stack[base + i as usize], v);
                    drop(old);
                    self.after_release()?;
                }
                Instruction::DeleteFast(i) => {
                    if self.stack[base + i as usize].is_null() {
                        return Err(self.unbound_local(i));
                    }
                    let old = std::mem::replace(&mut self.stack[base + i as usize], Value::Null);
                    drop(old);
                    self.after_release()?;
                }
                Instruction::LoadDeref(i) => {
                    let v = self.load_cell(i)?;
                    self.stack.push(v);
                }
                Instruction::StoreDeref(i) => {
                    let v = pop!();
                    let old = self.replace_cell(i, v);
                    drop(old);
                    self.after_release()?;
                }
                Instruction::DeleteDeref(i) => {
                    let old = self.replace_cell(i, Value::Null);
                    if old.is_null() {
                        return Err(self.unbound_free(i));
                    }
                    drop(old);
                    self.after_release()?;
                }
                Instruction::LoadClosure(i) => {
                    let cell = frame!().cells[i as usize].clone();
                    self.stack.push(Value::Obj(cell));
                }
                Instruction::LoadClassDeref { name, cell } => {
                    let key = code!().names[name as usize].clone();
                    let found = match &frame_ref!().namespace {
                        Some(ns) => self.dict_lookup_str(ns, &key),
                        None => None,
                    };
                    let v = match found {
                        Some(v) => v,
                        None => self.load_cell(cell)?,
                    };
                    self.stack.push(v);
                }
                Instruction::LoadName(i) => {
                    let v = self.load_name(frame_index, code!(), i)?;
                    self.stack.push(v);
                }
                Instruction::StoreName(i) => {
                    let v = pop!();
                    let key = &code!().names[i as usize];
                    let frame = frame_ref!();
                    let ns = frame.namespace.as_ref().unwrap_or(&frame.globals);
                    self.store_name(ns, key, v);
                    self.after_release()?;
                }
                Instruction::DeleteName(i) => {
                    let key = code!().names[i as usize].clone();
                    let ns = frame!()
                        .namespace
                        .clone()
                        .unwrap_or_else(|| frame!().globals.clone());
                    if !self.dict_remove_str(&ns, &key) {
                        return Err(self.name_error(key.as_str().unwrap_or("")));
                    }
                    self.after_release()?;
                }
                Instruction::LoadGlobal(i) => {
                    let key = &code!().names[i as usize];
                    let globals = &frame_ref!().globals;
                    let v = match self.dict_lookup_str(globals, key) {
                        Some(v) => v,
                        None => match self.dict_lookup_str(&self.interp.builtins, key) {
                            Some(v) => v,
                            None => return Err(self.name_error(key.as_str().unwrap_or(""))),
                        },
                    };
                    self.stack.push(v);
                }
                Instruction::StoreGlobal(i) => {
                    let v = pop!();
                    let key = &code!().names[i as usize];
                    self.store_name(&frame_ref!().globals, key, v);
                    self.after_release()?;
                }
                Instruction::DeleteGlobal(i) => {
                    let key = code!().names[i as usize].clone();
                    let globals = frame!().globals.clone();
                    if !self.dict_remove_str(&globals, &key) {
                        return Err(self.name_error(key.as_str().unwrap_or("")));
                    }
                    self.after_release()?;
                }
                Instruction::LoadAttr(i) => {
                    let obj = pop!();
                    let name = code!().names[i as usize].clone();
                    let v = attr::get_attr(self, &obj, &name)?;
                    self.stack.push(v);
                }
                Instruction::StoreAttr(i) => {
                    let obj = pop!();
                    let v = pop!();
                    let name = code!().names[i as usize].clone();
                    attr::set_attr(self, &obj, &name, v)?;
                    self.after_release()?;
                }
                Instruction::DeleteAttr(i) => {
                    let obj = pop!();
                    let name = code!().names[i as usize].clone();
                    attr::del_attr(self, &obj, &name)?;
                    self.after_release()?;
                }
                Instruction::LoadMethod(i) => {
                    let obj = pop!();
                    let name = code!().names[i as usize].clone();
                    let (first, second) = attr::load_method(self, obj, &name)?;
                    self.stack.push(first);
                    self.stack.push(second);
                }
                Instruction::BinaryOp(op) | Instruction::InplaceOp(op)
                    if small_int_fast_path(&mut self.stack, op) => {}
                Instruction::BinaryOp(op) => {
                    let b = pop!();
                    let a = pop!();
                    let r = ops::binary_op(self, op, &a, &b)?;
                    self.stack.push(r);
                }
                Instruction::InplaceOp(op) => {
                    let b = pop!();
                    let a = pop!();
                    let r = ops::inplace_op(self, op, &a, &b)?;
                    drop(a);
                    self.stack.push(r);
                    self.after_release()?;
                }
                Instruction::UnaryOp(op) => {
                    let a = pop!();
                    let r = ops::unary_op(self, op, &a)?;
                    self.stack.push(r);
                }
                Instruction::CompareOp(op) if small_int_compare(&mut self.stack, op) => {}
                Instruction::CompareOp(op) => {
                    let b = pop!();
                    let a = pop!();
                    let r = ops::compare(self, op, &a, &b)?;
                    self.stack.push(r);
                }
                Instruction::IsOp(invert) => {
                    let b = pop!();
                    let a = pop!();
                    self.stack.push(Value::Bool(a.is(&b) != invert));
                }
                Instruction::ContainsOp(invert) => {
                    let container = pop!();
                    let item = pop!();
                    let r = ops::contains(self, &container, &item)?;
                    self.stack.push(Value::Bool(r != invert));
                }
                Instruction::BinarySubscr => {
                    let key = pop!();
                    let container = pop!();
                    let r = ops::get_item(self, &container, &key)?;
                    self.stack.push(r);
                }
                Instruction::StoreSubscr => {
                    let key = pop!();
                    let container = pop!();
                    let value = pop!();
                    ops::set_item(self, &container, key, value)?;
                    self.after_release()?;
                }
                Instruction::DeleteSubscr => {
                    let key = pop!();
                    let container = pop!();
                    ops::del_item(self, &container, &key)?;
                    self.after_release()?;
                }
                Instruction::BuildSlice(n) => {
                    let step = if n == 3 { pop!() } else { Value::None };
                    let stop = pop!();
                    let start = pop!();
                    self.stack
                        .push(Value::new_obj(Payload::Slice(crate::object::SliceObj {
                            start,
                            stop,
                            step,
                        })));
                }
                Instruction::Jump(t) => {
                    frame!().ip = t as usize;
                }
                Instruction::PopJumpIfFalse(t) => {
                    let v = pop!();
                    if !self.truthy_fast(&v)? {
                        frame!().ip = t as usize;
                    }
                }
                Instruction::PopJumpIfTrue(t) => {
                    let v = pop!();
                    if self.truthy_fast(&v)? {
                        frame!().ip = t as usize;
                    }
                }
                Instruction::JumpIfFalseOrPop(t) => {
                    let v = top!().clone();
                    if !self.truthy_fast(&v)? {
                        frame!().ip = t as usize;
                    } else {
                        drop(pop!());
                    }
                }
                Instruction::JumpIfTrueOrPop(t) => {
                    let v = top!().clone();
                    if self.truthy_fast(&v)? {
                        frame!().ip = t as usize;
                    } else {
                        drop(pop!());
                    }
                }
                Instruction::GetIter => {
                    let v = pop!();
                    let it = ops::get_iter(self, &v)?;
                    self.stack.push(it);
                }
                Instruction::ForIter(t) => {
                    let it = top!().clone();
                    match ops::iter_next(self, &it)? {
                        Some(v) => self.stack.push(v),
                        None => {
                            drop(pop!());
                            frame!().ip = t as usize;
                        }
                    }
                }
                Instruction::BuildTuple(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let t = self.new_tuple(items);
                    self.stack.push(t);
                }
                Instruction::BuildList(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let l = self.new_list(items);
                    self.stack.push(l);
                }
                Instruction::BuildSet(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let s = ops::new_set_from(self, items)?;
                    self.stack.push(s);
                }
                Instruction::BuildMap(n) => {
                    let items = self.stack.split_off(self.stack.len() - 2 * n as usize);
                    let d = self.new_dict(Dict::with_capacity(n as usize));
                    let dict = d.as_obj().cloned().expect("new dict");
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        ops::dict_set_item(self, &dict, k, v)?;
                    }
                    self.stack.push(d);
                }
                Instruction::BuildString(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let mut s = String::new();
                    for item in &items {
                        s.push_str(item.as_str().unwrap_or(""));
                    }
                    self.stack.push(Value::str(s));
                }
                Instruction::ListAppend(depth) => {
                    let v = pop!();
                    let list = self.stack[self.stack.len() - depth as usize].clone();
                    if let Some(Payload::List(items)) = list.payload() {
                        items.borrow_mut(self.gil).push(v);
                    }
                }
                Instruction::SetAdd(depth) => {
                    let v = pop!();
                    let set = self.stack[self.stack.len() - depth as usize].clone();
                    ops::set_add(self, &set, v)?;
                }
                Instruction::MapAdd(depth) => {
                    let v = pop!();
                    let k = pop!();
                    let dict = self.stack[self.stack.len() - depth as usize].clone();
                    if let Value::Obj(d) = &dict {
                        ops::dict_set_item(self, d, k, v)?;
                    }
                }
                Instruction::ListExtend(depth) => {
                    let iterable = pop!();
                    let list = self.stack[self.stack.len() - depth as usize].clone();
                    let items = ops::collect_iterable(self, &iterable)?;
                    if let Some(Payload::List(l)) = list.payload() {
                        l.borrow_mut(self.gil).extend(items);
                    }
                }
                Instruction::SetUpdate(depth) => {
                    let iterable = pop!();
                    let set = self.stack[self.stack.len() - depth as usize].clone();
                    for item in ops::collect_iterable(self, &iterable)? {
                        ops::set_add(self, &set, item)?;
                    }
                }
                Instruction::DictUpdate(depth) => {
                    let mapping = pop!();
                    let dict = self.stack[self.stack.len() - depth as usize].clone();
                    ops::dict_update(self, &dict, &mapping, None)?;
                }
                Instruction::DictMerge(depth) => {
                    let mapping = pop!();
                    let len = self.stack.len();
                    let dict = self.stack[len - depth as usize].clone();
                    // The callable sits below the positional tuple and the dict.
                    let func = self.stack[len - depth as usize - 2].clone();
                    ops::dict_update(self, &dict, &mapping, Some(&func))?;
                }
                Instruction::ListToTuple => {
                    let list = pop!();
                    let items = match list.payload() {
                        Some(Payload::List(l)) => l.borrow(self.gil).clone(),
                        _ => vec![],
                    };
                    let t = self.new_tuple(items);
                    self.stack.push(t);
                }
                Instruction::UnpackSequence(n) => {
                    let v = pop!();
                    let items = ops::unpack_exact(self, &v, n as usize)?;
                    self.stack.extend(items.into_iter().rev());
                }
                Instruction::UnpackEx { before, after } => {
                    let v = pop!();
                    let items = ops::unpack_starred(self, &v, before as usize, after as usize)?;
                    self.stack.extend(items.into_iter().rev());
                }
                Instruction::FormatValue {
                    conversion,
                    has_spec,
                } => {
                    let spec = if has_spec { Some(pop!()) } else { None };
                    let value = pop!();
                    let value = match conversion {
                        Conversion::None => value,
                        Conversion::Str => Value::str(ops::to_str(self, &value)?),
                        Conversion::Repr => Value::str(ops::repr(self, &value)?),
                        Conversion::Ascii => Value::str(ops::ascii(self, &value)?),
                    };
                    let spec_text = spec
                        .as_ref()
                        .and_then(|s| s.as_str().map(str::to_string))
                        .unwrap_or_default();
                    let s = ops::format(self, &value, &spec_text)?;
                    self.stack.push(Value::str(s));
                }
                Instruction::Call(argc) => {
                    let pos = self.stack.len() - argc as usize - 1;
                    if let Some(func) = plain_function_at(&self.stack, pos) {
                        // The common case, without the generic dispatch.
                        match self.push_function_frame(
                            &func,
                            pos + 1,
                            pos,
                            Vec::new(),
                            OnReturn::Push,
                        ) {
                            Ok(true) => reload_frame!(),
                            Ok(false) => {}
                            Err(e) => {
                                self.stack.truncate(pos);
                                return Err(e);
                            }
                        }
                    } else if self.call_at(pos, pos, Vec::new())? {
                        reload_frame!();
                    }
                    self.after_release()?;
                }
                Instruction::CallMethod(argc) => {
                    let pos = self.stack.len() - argc as usize - 2;
                    if self.stack[pos].is_null() {
                        // [null, callable, args...]: an ordinary call of the attribute.
                        if self.call_at(pos + 1, pos, Vec::new())? {
                            reload_frame!();
                        }
                    } else if self.call_method_at(pos)? {
                        reload_frame!();
                    }
                    self.after_release()?;
                }
                Instruction::CallKw { argc, names } => {
                    let names = match &code!().consts[names as usize].payload() {
                        Some(Payload::Tuple(n)) => n.to_vec(),
                        _ => vec![],
                    };
                    let values = self.stack.split_off(self.stack.len() - names.len());
                    let kwargs: Vec<(Value, Value)> = names.into_iter().zip(values).collect();
                    let pos = self.stack.len() - (argc as usize - kwargs.len()) - 1;
                    if self.call_at(pos, pos, kwargs)? {
                        reload_frame!();
                    }
                    self.after_release()?;
                }
                Instruction::CallEx(has_kwargs) => {
                    let kwargs = if has_kwargs {
                        let d = pop!();
                        ops::kwargs_pairs(self, &d)?
                    } else {
                        Vec::new()
                    };
                    let args = pop!();
                    let pos = self.stack.len() - 1;
                    match args.payload() {
                        Some(Payload::Tuple(items)) => self.stack.extend(items.iter().cloned()),
                        _ => {
                            let items = ops::collect_iterable(self, &args)?;
                            self.stack.extend(items);
                        }
                    }
                    if self.call_at(pos, pos, kwargs)? {
                        reload_frame!();
                    }
                    self.after_release()?;
                }
                Instruction::MakeFunction(flags) => {
                    let f = self.make_function(frame_index, flags)?;
                    self.stack.push(f);
                }
                Instruction::BuildClass(nbases) => {
                    self.start_class_body(nbases as usize)?;
                    reload_frame!();
                }
                Instruction::ReturnValue => {
                    let value = pop!();
                    match self.return_from_frame(value)? {
                        Some(v) => return Ok(v),
                        None => reload_frame!(),
                    }
                    self.after_release()?;
                }
                Instruction::YieldValue => {
                    let value = pop!();
                    return Ok(self.suspend_generator(value));
                }
                Instruction::YieldFrom => {
                    let sent = pop!();
                    let sub = top!().clone();
                    match crate::generators::delegate_step(self, &sub, sent)? {
                        crate::generators::Step::Yielded(v) => {
                            // Re-run this instruction on resume.
                            frame!().ip = ip;
                            return Ok(self.suspend_generator(v));
                        }
                        crate::generators::Step::Returned(v) => {
                            drop(pop!());
                            self.stack.push(v);
                        }
                    }
                }
                Instruction::SetupExcept(t) => {
                    let level = (self.stack.len() - base) as u32;
                    frame!().blocks.push(Block { handler: t, level });
                }
                Instruction::PopBlock => {
                    frame!().blocks.pop();
                }
                Instruction::PopExcept => {
                    let prev = pop!();
                    let old = std::mem::replace(&mut self.handled_exception, prev);
                    drop(old);
                }
                Instruction::Raise(n) => {
                    return Err(self.do_raise(n)?);
                }
                Instruction::Reraise => {
                    let exc = pop!();
                    return Err(self.reraise(exc));
                }
                Instruction::CheckExcMatch => {
                    let class = pop!();
                    let exc = top!().clone();
                    let m = ops::exception_matches(self, &exc, &class)?;
                    self.stack.push(Value::Bool(m));
                }
                Instruction::BeforeWith => {
                    let ctx = pop!();
                    let (exit, entered) = ops::before_with(self, &ctx)?;
                    self.stack.push(exit);
                    self.stack.push(entered);
                }
                Instruction::WithExceptStart => {
                    let len = self.stack.len();
                    let exc = self.stack[len - 1].clone();
                    let exit = self.stack[len - 3].clone();
                    let class = Value::Obj(self.type_of(&exc));
                    let tb = Value::None;
                    let r = self.call(&exit, vec![class, exc, tb], Vec::new())?;
                    self.stack.push(r);
                }
                Instruction::PrintExpr => {
                    let v = pop!();
                    crate::builtins::print_expr(self, v)?;
                }
                Instruction::ImportName(i) => {
                    let name = code!().names[i as usize].clone();
                    let module = crate::modules::import(self, name.as_str().unwrap_or(""))?;
                    self.stack.push(module);
                }
                Instruction::ImportFrom(i) => {
                    let name = code!().names[i as usize].clone();
                    let module = top!().clone();
                    let v = crate::modules::import_from(self, &module, &name)?;
                    self.stack.push(v);
                }
                Instruction::ImportStar => {
                    let module = pop!();
                    let ns = frame!()
                        .namespace
                        .clone()
                        .unwrap_or_else(|| frame!().globals.clone());
                    crate::modules::import_star(self, &module, &ns)?;
                }
            }
        }
    }

    /// Work done every `Vm::check_interval()` instructions: the trace, Ctrl-C (main
    /// thread only) and the interpreter lock's hand-off.
    #[cold]
    fn periodic_checks(&mut self) -> PyResult<()> {
        if self.trace {
            self.trace_instruction();
        }
        if self.is_main_thread && crate::signals::take_interrupt() {
            let exc = self.interp.exc.keyboard_interrupt.clone();
            return Err(self.new_exception(&exc, vec![]));
        }
        self.offer_lock();
        Ok(())
    }

    /// Prints the instruction about to run and the top of the stack (trace mode).
    /// Values are shown without calling Python code, so tracing never changes behaviour.
    fn trace_instruction(&self) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        let code = &frame.runtime().code;
        let line = code.location(frame.ip).line;
        let text = gilded_bytecode::dis::describe_instruction(code, frame.ip);
        let top: Vec<String> = self
            .stack
            .iter()
            .skip(frame.base.min(self.stack.len()))
            .rev()
            .take(4)
            .map(|v| self.trace_value(v))
            .collect();
        let mut out = format!(
            "[trace] {}:{line} {:>4} {text:<32} stack(top first): [{}]\n",
            code.qualname,
            frame.ip * 2,
            top.join(", ")
        );
        if out.len() > 300 {
            out.truncate(300);
            out.push_str("...]\n");
        }
        crate::io::write_stderr(self, &out);
    }

    fn trace_value(&self, v: &Value) -> String {
        match v {
            Value::Null => "<null>".into(),
            Value::None => "None".into(),
            _ => match crate::number::repr(v) {
                Some(s) => s,
                None => match v.as_str() {
                    Some(s) if s.len() <= 20 => format!("{s:?}"),
                    _ => format!("<{}>", self.type_name(v)),
                },
            },
        }
    }

    /// Runs `__del__` of objects freed by the last instruction, if any.
    #[inline(always)]
    pub(crate) fn after_release(&mut self) -> PyResult<()> {
        if finalizers_pending() {
            self.run_finalizers();
        }
        Ok(())
    }

    /// Calls `__del__` on every queued object; exceptions are reported, not raised,
    /// as in CPython ("Exception ignored in: ...").
    #[cold]
    pub fn run_finalizers(&mut self) {
        loop {
            let pending = crate::object::take_pending_finalizers();
            if pending.is_empty() {
                break;
            }
            for obj in pending {
                self.call_finalizer(&Value::Obj(obj));
            }
        }
    }

    /// Calls `value.__del__()`, reporting an exception instead of raising it.
    pub(crate) fn call_finalizer(&mut self, value: &Value) {
        let del = self.interp.names.del.clone();
        if let Ok((f, this)) = attr::load_method(self, value.clone(), &del) {
            let result = if f.is_null() {
                self.call(&this, vec![], vec![])
            } else {
                self.call(&f, vec![this], vec![])
            };
            if let Err(err) = result {
                crate::traceback::report_ignored(self, value, &err);
            }
        }
    }

    #[inline(always)]
    fn truthy_fast(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::None => Ok(false),
            Value::Int(i) => Ok(*i != 0),
            _ => ops::truthy(self, v),
        }
    }

    fn unbound_local(&self, slot: u32) -> PyErr {
        let frame = self.frames.last().expect("a frame");
        let name = frame
            .runtime()
            .code
            .varnames
            .get(slot as usize)
            .map(|s| s.to_string())
            .unwrap_or_default();
        self.new_error(
            &self.interp.exc.unbound_local_error,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    fn cell_name(&self, index: u32) -> (String, bool) {
        let code = &self.frames.last().expect("a frame").runtime().code;
        let i = index as usize;
        match code.cellvars.get(i) {
            Some(n) => (n.to_string(), true),
            None => (
                code.freevars
                    .get(i - code.cellvars.len())
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                false,
            ),
        }
    }

    fn unbound_free(&self, index: u32) -> PyErr {
        let (name, is_cell) = self.cell_name(index);
        if is_cell {
            self.new_error(
                &self.interp.exc.unbound_local_error,
                format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            )
        } else {
            self.new_error(
                &self.interp.exc.name_error,
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    fn load_cell(&self, index: u32) -> PyResult<Value> {
        let cell = &self.frames.last().expect("a frame").cells[index as usize];
        let v = match cell.payload() {
            Payload::Cell(c) => c.borrow(self.gil).clone(),
            _ => Value::Null,
        };
        if v.is_null() {
            return Err(self.unbound_free(index));
        }
        Ok(v)
    }

    fn replace_cell(&self, index: u32, v: Value) -> Value {
        let cell = &self.frames.last().expect("a frame").cells[index as usize];
        match cell.payload() {
            Payload::Cell(c) => std::mem::replace(&mut *c.borrow_mut(self.gil), v),
            _ => Value::Null,
        }
    }

    fn load_name(&self, frame_index: usize, code: &RuntimeCode, i: u32) -> PyResult<Value> {
        let key = &code.names[i as usize];
        let frame = &self.frames[frame_index];
        if let Some(ns) = &frame.namespace {
            if let Some(v) = self.dict_lookup_str(ns, key) {
                return Ok(v);
            }
            if ns.is(&frame.globals) {
                return match self.dict_lookup_str(&self.interp.builtins, key) {
                    Some(v) => Ok(v),
                    None => Err(self.name_error(key.as_str().unwrap_or(""))),
                };
            }
        }
        if let Some(v) = self.dict_lookup_str(&frame.globals, key) {
            return Ok(v);
        }
        if let Some(v) = self.dict_lookup_str(&self.interp.builtins, key) {
            return Ok(v);
        }
        Err(self.name_error(key.as_str().unwrap_or("")))
    }

    /// Looks a `str` key up in a dict object (names, globals, attributes).
    #[inline]
    pub(crate) fn dict_lookup_str(&self, dict: &ObjRef, key: &Value) -> Option<Value> {
        match dict.payload() {
            Payload::Dict(d) => d.borrow(self.gil).get_str_value(key).cloned(),
            _ => None,
        }
    }

    /// Stores a `str`-keyed name into a namespace dict (the key is a code object's
    /// name, so its hash is cached); the displaced value drops after the borrow.
    #[inline]
    fn store_name(&self, dict: &ObjRef, key: &Value, value: Value) {
        if let Payload::Dict(d) = dict.payload() {
            let old = d.borrow_mut(self.gil).set_str(key.clone(), value);
            drop(old);
        }
    }

    fn dict_remove_str(&self, dict: &ObjRef, key: &Value) -> bool {
        let name = key.as_str().unwrap_or("");
        let removed = match dict.payload() {
            Payload::Dict(d) => d.borrow_mut(self.gil).remove_str(name),
            _ => None,
        };
        removed.is_some()
    }

    fn make_function(&mut self, frame_index: usize, flags: u8) -> PyResult<Value> {
        use gilded_bytecode::opcode::make_function_flags as f;
        let code = self.stack.pop().unwrap_or(Value::None);
        let closure = if flags & f::CLOSURE != 0 {
            match self.stack.pop().and_then(|t| match t.payload() {
                Some(Payload::Tuple(cells)) => Some(
                    cells
                        .iter()
                        .filter_map(|c| c.as_obj().cloned())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            }) {
                Some(cells) => cells.into_boxed_slice(),
                None => Box::new([]),
            }
        } else {
            Box::new([])
        };
        let kwdefaults = if flags & f::KW_DEFAULTS != 0 {
            self.stack.pop().unwrap_or(Value::None)
        } else {
            Value::None
        };
        let defaults = if flags & f::DEFAULTS != 0 {
            self.stack.pop().unwrap_or(Value::None)
        } else {
            Value::None
        };
        let code_obj = match code {
            Value::Obj(o) if matches!(o.payload(), Payload::Code(_)) => o,
            _ => return Err(self.runtime_error("MakeFunction without a code object")),
        };
        let (name, qualname) = match code_obj.payload() {
            Payload::Code(c) => (c.code.name.to_string(), c.code.qualname.to_string()),
            _ => unreachable!(),
        };
        let globals = self.frames[frame_index].globals.clone();
        let module = self
            .dict_lookup_str(&globals, &self.interp.names.name)
            .unwrap_or(Value::None);
        Ok(Value::new_obj(Payload::Function(Box::new(
            crate::types::function::FunctionObj {
                code: code_obj,
                globals,
                name: GilCell::new(Value::str(name)),
                qualname: GilCell::new(Value::str(qualname)),
                defaults: GilCell::new(defaults),
                kwdefaults: GilCell::new(kwdefaults),
                closure,
                module,
                dict: GilCell::new(Dict::new()),
            },
        ))))
    }

    /// Handles `ReturnValue`: pops the frame and delivers the value. Returns
    /// `Some(value)` when the frame was an entry frame (the run loop ends).
    fn return_from_frame(&mut self, value: Value) -> PyResult<Option<Value>> {
        let mut frame = self.frames.pop().expect("a frame to return from");
        self.depth -= 1;
        if let Some(gen) = &frame.generator {
            crate::generators::finish(self, gen);
        }
        let on_return = std::mem::replace(&mut frame.on_return, OnReturn::Push);
        let value = match on_return {
            OnReturn::Push => value,
            OnReturn::Init(instance) => {
                if !value.is_none() {
                    let name = self.type_name(&value);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{name}'"))
                    );
                }
                instance
            }
            OnReturn::BuildClass(class) => {
                let (name, bases) = *class;
                let ns = frame.namespace.clone().expect("class body namespace");
                crate::classes::finish_class(self, name, bases, ns)?
            }
        };
        self.stack.truncate(frame.return_to);
        drop(frame);
        Ok(if self.returning_to_entry_boundary() {
            Some(value)
        } else {
            self.stack.push(value);
            None
        })
    }

    /// True when the frame just popped was an entry frame (its caller is native code).
    fn returning_to_entry_boundary(&self) -> bool {
        self.entry_depths.last().copied() == Some(self.frames.len())
    }

    fn do_raise(&mut self, kind: u32) -> PyResult<PyErr> {
        match kind {
            0 => {
                let exc = self.handled_exception.clone();
                if exc.is_none() {
                    return Ok(self.runtime_error("No active exception to reraise"));
                }
                Ok(self.reraise(exc))
            }
            1 => {
                let exc = self.stack.pop().unwrap_or(Value::None);
                ops::make_raisable(self, exc, None)
            }
            _ => {
                let cause = self.stack.pop().unwrap_or(Value::None);
                let exc = self.stack.pop().unwrap_or(Value::None);
                ops::make_raisable(self, exc, Some(cause))
            }
        }
    }

    /// Marks an exception for re-raising with its traceback untouched.
    fn reraise(&mut self, exc: Value) -> PyErr {
        match exc {
            Value::Obj(o) if matches!(o.payload(), Payload::Exception(_)) => {
                self.reraising = true;
                PyErr(o)
            }
            _ => self.runtime_error("Reraise of a non-exception"),
        }
    }

    /// Finds a handler for `err`: in the current frame, or in callers up to the entry
    /// frame. `Ok` means execution continues at a handler; `Err` means the entry frame
    /// was left and the exception goes to the native caller.
    #[cold]
    fn unwind(&mut self, err: PyErr) -> PyResult<()> {
        let mut add_entry = !std::mem::take(&mut self.reraising);
        self.set_context(&err);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(err);
            };
            if add_entry {
                let entry = TracebackEntry {
                    code: frame.code.clone(),
                    instr: frame.ip.saturating_sub(1) as u32,
                    globals: Some(frame.globals.clone()),
                };
                err.exception().traceback.borrow_mut(self.gil).push(entry);
            }
            add_entry = true;
            if let Some(block) = frame.blocks.pop() {
                let keep = frame.base + block.level as usize;
                frame.ip = block.handler as usize;
                let dropped = self.stack.split_off(keep.min(self.stack.len()));
                drop(dropped);
                let prev =
                    std::mem::replace(&mut self.handled_exception, Value::Obj(err.0.clone()));
                self.stack.push(prev);
                self.stack.push(Value::Obj(err.0));
                return Ok(());
            }
            let frame = self.frames.pop().expect("frame");
            self.depth -= 1;
            if let Some(gen) = &frame.generator {
                crate::generators::finish(self, gen);
            }
            let dropped = self.stack.split_off(frame.return_to.min(self.stack.len()));
            drop(dropped);
            drop(frame);
            if self.returning_to_entry_boundary() {
                return Err(err);
            }
        }
    }

    /// Raises `err` inside the top frame (generator `throw`): finds its handler there,
    /// or pops the frame and returns the error.
    pub(crate) fn unwind_into_current(&mut self, err: PyErr) -> PyResult<()> {
        self.unwind(err)
    }

    /// Sets `__context__` of a newly raised exception to the one being handled.
    fn set_context(&self, err: &PyErr) {
        let handled = &self.handled_exception;
        if handled.is_none() {
            return;
        }
        if let Value::Obj(h) = handled {
            if h.is(&err.0) {
                return;
            }
        }
        let ctx = err.exception().context.borrow(self.gil).clone();
        if ctx.is_none() {
            *err.exception().context.borrow_mut(self.gil) = handled.clone();
        }
    }
}

/// `int op int` without leaving the loop, for the operators whose result fits in 64
/// bits; anything else (overflow, other types) takes the general path.
#[inline(always)]
fn small_int_fast_path(stack: &mut Vec<Value>, op: gilded_bytecode::BinaryOperator) -> bool {
    use gilded_bytecode::BinaryOperator::*;
    let len = stack.len();
    if len < 2 {
        return false;
    }
    let (Value::Int(a), Value::Int(b)) = (&stack[len - 2], &stack[len - 1]) else {
        return false;
    };
    let r = match op {
        Add => a.checked_add(*b),
        Subtract => a.checked_sub(*b),
        Multiply => a.checked_mul(*b),
        And => Some(a & b),
        Or => Some(a | b),
        Xor => Some(a ^ b),
        _ => None,
    };
    match r {
        Some(r) => {
            stack[len - 2] = Value::Int(r);
            stack.pop();
            true
        }
        None => false,
    }
}

/// `int < int` and friends without leaving the loop.
#[inline(always)]
fn small_int_compare(stack: &mut Vec<Value>, op: gilded_bytecode::ComparisonOperator) -> bool {
    use gilded_bytecode::ComparisonOperator::*;
    let len = stack.len();
    if len < 2 {
        return false;
    }
    let (Value::Int(a), Value::Int(b)) = (&stack[len - 2], &stack[len - 1]) else {
        return false;
    };
    let r = match op {
        Less => a < b,
        LessOrEqual => a <= b,
        Equal => a == b,
        NotEqual => a != b,
        Greater => a > b,
        GreaterOrEqual => a >= b,
    };
    stack[len - 2] = Value::Bool(r);
    stack.pop();
    true
}

/// The Python function at stack position `pos`, if that is what is there.
#[inline(always)]
fn plain_function_at(stack: &[Value], pos: usize) -> Option<ObjRef> {
    match stack.get(pos) {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Function(_)) => Some(o.clone()),
        _ => None,
    }
}
