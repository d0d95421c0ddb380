//! Generators: creating them, resuming their frame, `yield from` delegation and the
//! generator methods (`send`, `throw`, `close`).
//!
//! A generator's frame runs as the entry frame of a nested run loop; `YieldValue`
//! moves the frame and its stack slice back into the generator object.

use crate::bootstrap::add_method;
use crate::error::PyResult;
use crate::frame::Frame;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::function::FunctionObj;
use crate::types::generator::{GeneratorObj, GeneratorState};
use crate::value::Value;
use crate::vm::Vm;

/// What one resumption of a generator produced.
pub enum Step {
    /// It yielded a value and is paused again.
    Yielded(Value),
    /// It returned (the value becomes `StopIteration.value`).
    Returned(Value),
}

/// Wraps a frame that has not started yet into a generator object.
pub fn new_generator(vm: &Vm, f: &FunctionObj, frame: Frame, saved: Vec<Value>) -> Value {
    Value::new_obj(Payload::Generator(Box::new(GilCell::new(GeneratorObj {
        frame: Some(frame),
        saved_stack: saved,
        state: GeneratorState::Created,
        name: f.name.borrow(vm.gil).clone(),
        qualname: f.qualname.borrow(vm.gil).clone(),
    }))))
}

fn generator(o: &ObjRef) -> Option<&GilCell<GeneratorObj>> {
    match o.payload() {
        Payload::Generator(g) => Some(g),
        _ => None,
    }
}

/// Resumes `gen`, sending `sent` in as the value of the paused `yield` (or raising
/// `throw` at that point instead).
pub fn resume(
    vm: &mut Vm,
    gen: &ObjRef,
    sent: Value,
    throw: Option<crate::error::PyErr>,
) -> PyResult<Step> {
    let Some(cell) = generator(gen) else {
        return Err(vm.type_error("not a generator"));
    };
    let (frame, saved, state) = {
        let mut g = cell.borrow_mut(vm.gil);
        match g.state {
            GeneratorState::Running => {
                drop(g);
                return Err(vm.value_error("generator already executing"));
            }
            GeneratorState::Finished => {
                drop(g);
                return match throw {
                    Some(err) => Err(err),
                    None => Ok(Step::Returned(Value::None)),
                };
            }
            _ => {}
        }
        let state = g.state;
        g.state = GeneratorState::Running;
        (g.frame.take(), std::mem::take(&mut g.saved_stack), state)
    };
    let Some(mut frame) = frame else {
        return Ok(Step::Returned(Value::None));
    };
    if state == GeneratorState::Created && !sent.is_none() && throw.is_none() {
        let mut g = cell.borrow_mut(vm.gil);
        g.state = GeneratorState::Created;
        g.frame = Some(frame);
        g.saved_stack = saved;
        drop(g);
        return Err(vm.type_error("can't send non-None value to a just-started generator"));
    }
    if vm.depth >= vm.recursion_limit() {
        let mut g = cell.borrow_mut(vm.gil);
        g.state = state;
        g.frame = Some(frame);
        g.saved_stack = saved;
        drop(g);
        return Err(vm.recursion_error());
    }
    let base = vm.stack.len();
    frame.base = base;
    frame.return_to = base;
    frame.generator = Some(gen.clone());
    vm.stack.extend(saved);
    if state == GeneratorState::Suspended && throw.is_none() {
        vm.stack.push(sent);
    }
    vm.entry_depths.push(vm.frames.len());
    vm.frames.push(frame);
    vm.depth += 1;
    vm.generator_yielded = false;
    let result = match throw {
        Some(err) => match vm.unwind_into_current(err) {
            Ok(()) => vm.run_loop(),
            Err(e) => Err(e),
        },
        None => vm.run_loop(),
    };
    vm.entry_depths.pop();
    let yielded = std::mem::take(&mut vm.generator_yielded);
    match result {
        Ok(v) if yielded => Ok(Step::Yielded(v)),
        Ok(v) => Ok(Step::Returned(v)),
        Err(e) => {
            let stop = vm.interp.exc.stop_iteration.clone();
            if vm.err_matches(&e, &stop) {
                // PEP 479: StopIteration escaping a generator becomes RuntimeError.
                let err = vm.runtime_error("generator raised StopIteration");
                *err.exception().cause.borrow_mut(vm.gil) = Value::Obj(e.0.clone());
                *err.exception().context.borrow_mut(vm.gil) = Value::Obj(e.0);
                err.exception().suppress_context.set(true);
                return Err(err);
            }
            Err(e)
        }
    }
}

/// `next(gen)` for the iteration protocol: `None` once it has returned.
pub fn next(vm: &mut Vm, gen: &ObjRef) -> PyResult<Option<Value>> {
    match resume(vm, gen, Value::None, None)? {
        Step::Yielded(v) => Ok(Some(v)),
        Step::Returned(_) => Ok(None),
    }
}

/// Marks a generator finished (its frame returned or raised).
pub fn finish(vm: &Vm, gen: &ObjRef) {
    if let Some(cell) = generator(gen) {
        let mut g = cell.borrow_mut(vm.gil);
        g.state = GeneratorState::Finished;
        g.frame = None;
    }
}

/// One step of `yield from sub`: `Yielded` to pass a value out, `Returned` when the
/// sub-iterator is done.
pub fn delegate_step(vm: &mut Vm, sub: &Value, sent: Value) -> PyResult<Step> {
    if let Some(o) = sub.as_obj() {
        if generator(o).is_some() {
            return resume(vm, o, sent, None);
        }
    }
    if !sent.is_none() {
        let send = Value::str("send");
        let f = crate::attr::get_attr(vm, sub, &send)?;
        return match vm.call(&f, vec![sent], vec![]) {
            Ok(v) => Ok(Step::Yielded(v)),
            Err(e) if vm.err_matches(&e, &vm.interp.exc.stop_iteration.clone()) => {
                let value = crate::exceptions::exception_args(vm, &e.0)
                    .into_iter()
                    .next()
                    .unwrap_or(Value::None);
                Ok(Step::Returned(value))
            }
            Err(e) => Err(e),
        };
    }
    match crate::ops::iter_next(vm, sub)? {
        Some(v) => Ok(Step::Yielded(v)),
        None => Ok(Step::Returned(Value::None)),
    }
}

impl Vm {
    /// `YieldValue`: moves the running generator frame (the entry frame) and its stack
    /// slice back into its generator object, and hands `value` to the resumer.
    pub(crate) fn suspend_generator(&mut self, value: Value) -> Value {
        let Some(frame) = self.frames.pop() else {
            return value;
        };
        self.depth -= 1;
        let saved = self.stack.split_off(frame.base.min(self.stack.len()));
        if let Some(gen) = frame.generator.clone() {
            if let Some(cell) = generator(&gen) {
                let mut g = cell.borrow_mut(self.gil);
                g.state = GeneratorState::Suspended;
                g.saved_stack = saved;
                g.frame = Some(frame);
            }
        }
        self.generator_yielded = true;
        value
    }
}

fn gen_arg(vm: &Vm, args: &[Value]) -> PyResult<ObjRef> {
    match args.first() {
        Some(Value::Obj(o)) if generator(o).is_some() => Ok(o.clone()),
        _ => Err(vm.type_error("descriptor requires a 'generator' object")),
    }
}

fn gen_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_arg(vm, args)?;
    match resume(vm, &g, Value::None, None)? {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

fn gen_send(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_arg(vm, args)?;
    let sent = args.get(1).cloned().unwrap_or(Value::None);
    match resume(vm, &g, sent, None)? {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_arg(vm, args)?;
    let exc = args.get(1).cloned().unwrap_or(Value::None);
    let err = crate::ops::make_raisable(vm, exc, None)?;
    match resume(vm, &g, Value::None, Some(err))? {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = gen_arg(vm, args)?;
    let suspended = generator(&g)
        .map(|c| c.borrow(vm.gil).state == GeneratorState::Suspended)
        .unwrap_or(false);
    if suspended {
        let exit = vm.interp.exc.generator_exit.clone();
        let err = vm.new_exception(&exit, vec![]);
        match resume(vm, &g, Value::None, Some(err)) {
            Ok(Step::Yielded(_)) => return Err(vm.runtime_error("generator ignored GeneratorExit")),
            Ok(Step::Returned(_)) => {}
            Err(e) => {
                let exit = vm.interp.exc.generator_exit.clone();
                let stop = vm.interp.exc.stop_iteration.clone();
                if !vm.err_matches(&e, &exit) && !vm.err_matches(&e, &stop) {
                    return Err(e);
                }
            }
        }
    }
    finish(vm, &g);
    Ok(Value::None)
}

fn gen_iter(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

/// Installs the generator methods.
pub fn register(vm: &Vm) {
    let t = vm.types().generator.clone();
    add_method(vm, &t, "__next__", gen_next);
    add_method(vm, &t, "__iter__", gen_iter);
    add_method(vm, &t, "send", gen_send);
    add_method(vm, &t, "throw", gen_throw);
    add_method(vm, &t, "close", gen_close);
}
