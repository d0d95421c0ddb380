//! [`Interp`] (state shared by every thread of one interpreter) and [`Vm`] (one
//! thread's view of it: its value stack, frames and handled exception).

use crate::error::{PyErr, PyResult};
use crate::exceptions::ExceptionTypes;
use crate::frame::Frame;
use crate::gil::Gil;
use crate::object::{GilCell, ObjRef, Payload};
use crate::types::class::{Layout, TypeObj};
use crate::types::dict::Dict;
use crate::types::exception::ExceptionObj;
use crate::types::module::ModuleObj;
use crate::value::Value;
use std::cell::Cell;
use std::sync::Arc;

/// The classes of the built-in types.
pub struct BuiltinTypes {
    pub object: ObjRef,
    pub type_: ObjRef,
    pub none_type: ObjRef,
    pub bool_: ObjRef,
    pub int: ObjRef,
    pub float: ObjRef,
    pub complex: ObjRef,
    pub str: ObjRef,
    pub bytes: ObjRef,
    pub list: ObjRef,
    pub tuple: ObjRef,
    pub dict: ObjRef,
    pub set: ObjRef,
    pub frozenset: ObjRef,
    pub range: ObjRef,
    pub slice: ObjRef,
    pub function: ObjRef,
    pub builtin_function: ObjRef,
    pub method: ObjRef,
    pub staticmethod: ObjRef,
    pub classmethod: ObjRef,
    pub property: ObjRef,
    pub module: ObjRef,
    pub cell: ObjRef,
    pub code: ObjRef,
    pub iterator: ObjRef,
    pub generator: ObjRef,
    pub file: ObjRef,
    pub super_: ObjRef,
    pub dict_keys: ObjRef,
    pub dict_values: ObjRef,
    pub dict_items: ObjRef,
    pub not_implemented_type: ObjRef,
    pub ellipsis_type: ObjRef,
    /// The iterator classes (`type(iter([]))` is `list_iterator`).
    pub iterators: IteratorTypes,
}

/// The longest text (in characters) any single operation will build: 2**31, CPython's
/// limit on format widths. Larger requests raise MemoryError.
pub const MAX_TEXT_CHARS: usize = 1 << 31;

/// The classes of the built-in iterators, named as CPython 3.11 names them.
pub struct IteratorTypes {
    pub enumerate: ObjRef,
    pub zip: ObjRef,
    pub map: ObjRef,
    pub filter: ObjRef,
    pub reversed: ObjRef,
    pub list_iterator: ObjRef,
    pub list_reverseiterator: ObjRef,
    pub tuple_iterator: ObjRef,
    pub str_ascii_iterator: ObjRef,
    pub str_iterator: ObjRef,
    pub bytes_iterator: ObjRef,
    pub range_iterator: ObjRef,
    pub dict_keyiterator: ObjRef,
    pub dict_valueiterator: ObjRef,
    pub dict_itemiterator: ObjRef,
    pub set_iterator: ObjRef,
    pub callable_iterator: ObjRef,
}

impl IteratorTypes {
    /// Every iterator class, for registering their shared methods.
    pub fn all(&self) -> [&ObjRef; 17] {
        [
            &self.enumerate,
            &self.zip,
            &self.map,
            &self.filter,
            &self.reversed,
            &self.list_iterator,
            &self.list_reverseiterator,
            &self.tuple_iterator,
            &self.str_ascii_iterator,
            &self.str_iterator,
            &self.bytes_iterator,
            &self.range_iterator,
            &self.dict_keyiterator,
            &self.dict_valueiterator,
            &self.dict_itemiterator,
            &self.set_iterator,
            &self.callable_iterator,
        ]
    }
}

/// State shared by all threads of one interpreter.
pub struct Interp {
    /// Built-in classes.
    pub types: BuiltinTypes,
    /// Built-in exception classes.
    pub exc: ExceptionTypes,
    /// The `builtins` module's namespace dict.
    pub builtins: ObjRef,
    /// `sys.modules`: a dict from module name to module.
    pub modules: ObjRef,
    /// `NotImplemented`.
    pub not_implemented: Value,
    /// `Ellipsis`.
    pub ellipsis: Value,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: Cell<usize>,
    /// Bumped on every change to any class namespace; class lookup caches older than
    /// it are discarded (see `attr::lookup_type_attr`).
    pub class_version: Cell<u64>,
    /// `sys.argv`.
    pub argv: GilCell<Vec<String>>,
    /// Interned names the VM looks up often.
    pub names: crate::names::Names,
    /// Buffered standard output.
    pub streams: GilCell<crate::io::StdStreams>,
    /// Interned identifier strings: every name in every code object loaded is shared,
    /// so name lookups usually succeed on pointer identity.
    pub interned: GilCell<std::collections::HashMap<Box<str>, Value>>,
    /// Source text of files run so far, by file name, for tracebacks.
    pub sources: GilCell<std::collections::HashMap<String, Vec<String>>>,
    /// The global interpreter lock itself; the [`Gil`] token proves holding it.
    pub lock: gilded_gil::InterpreterLock,
    /// Threads started with `_thread.start_new_thread` whose code has not finished.
    pub running_threads: std::sync::atomic::AtomicUsize,
    /// Set once shutdown has begun: threads still running (daemons) never get the
    /// lock back from the main thread.
    pub finalizing: std::sync::atomic::AtomicBool,
    /// Functions, classes and namespaces that have crossed to or from another
    /// process, by origin (`process/identity.rs`).
    pub wire_identity: GilCell<crate::process::identity::Registry>,
    /// The code of the library modules written in gilded, loaded once per process
    /// (from the build-time table, or compiled under `GILDED_LIB_DIR`).
    pub library: GilCell<crate::modules::library::CompiledLibrary>,
}

// SAFETY: all the ObjRefs and cells inside are touched only under the GIL.
unsafe impl Send for Interp {}
unsafe impl Sync for Interp {}

/// One thread's interpreter state. Every object API takes `&mut Vm`, which carries
/// the [`Gil`] token.
pub struct Vm {
    /// The shared interpreter.
    pub interp: Arc<Interp>,
    /// Proof that this thread holds the interpreter lock.
    pub gil: Gil,
    /// Locals and operands of every active frame of this thread, frame after frame.
    pub(crate) stack: Vec<Value>,
    /// The call stack, outermost first.
    pub(crate) frames: Vec<Frame>,
    /// Depth of Python frames plus native re-entries, checked against the limit.
    pub(crate) depth: usize,
    /// The exception being handled by the innermost `except` (None if none).
    pub(crate) handled_exception: Value,
    /// A spare value stack to lend to natives that call back into Python.
    pub(crate) spare_stack: Vec<Value>,
    /// For each active `run_loop`, the frame count below its entry frame: when a frame
    /// returns to that count, the loop hands the value to its native caller.
    pub(crate) entry_depths: Vec<usize>,
    /// Set by re-raising instructions so the unwinder adds no traceback line.
    pub(crate) reraising: bool,
    /// Set by `YieldValue`: the run loop ended because a generator paused.
    pub(crate) generator_yielded: bool,
    /// The calling frame's fast locals, for natives that ask for them.
    pub caller_locals: Vec<Value>,
    /// `GILDED_TRACE=1`: print every instruction and the top of the stack to stderr.
    pub trace: bool,
    /// This thread's record in the interpreter lock (identity and statistics).
    pub thread: Arc<gilded_gil::ThreadRecord>,
    /// True for the thread that created the interpreter: it alone sees Ctrl-C.
    pub is_main_thread: bool,
    /// Instructions executed since this thread last acquired the lock.
    pub(crate) instructions_since_acquire: u64,
    /// Instructions left before the next periodic check.
    pub(crate) countdown: i32,
    /// The countdown's value when it was last reset (the difference is the number
    /// of instructions run since).
    pub(crate) countdown_start: i32,
    /// Lowest safe address of this thread's Rust stack (see `Vm::stack_exhausted`).
    pub(crate) stack_floor: usize,
}

impl Vm {
    /// Creates an interpreter with the built-in types and modules, on the current
    /// thread, which becomes its only thread.
    pub fn new(argv: Vec<String>) -> Vm {
        let lock = gilded_gil::InterpreterLock::new(crate::threads::default_config());
        let thread = lock.register("MainThread", crate::threads::current_ident());
        lock.acquire(&thread);
        // SAFETY: the lock is held, and a fresh interpreter has no objects any other
        // thread could see anyway.
        let gil = unsafe { Gil::acquired() };
        let interp = crate::bootstrap::create_interp(argv, lock);
        let mut vm = Vm::for_thread(Arc::new(interp), gil, thread, true);
        crate::bootstrap::populate(&mut vm);
        vm
    }

    /// The state of one more thread of `interp`, which holds the lock (`gil`).
    pub(crate) fn for_thread(
        interp: Arc<Interp>,
        gil: Gil,
        thread: Arc<gilded_gil::ThreadRecord>,
        is_main_thread: bool,
    ) -> Vm {
        Vm {
            interp,
            gil,
            stack: Vec::with_capacity(1024),
            frames: Vec::with_capacity(64),
            depth: 0,
            handled_exception: Value::None,
            spare_stack: Vec::new(),
            entry_depths: Vec::new(),
            reraising: false,
            generator_yielded: false,
            caller_locals: Vec::new(),
            trace: std::env::var_os("GILDED_TRACE").is_some_and(|v| v != "0" && !v.is_empty()),
            thread,
            is_main_thread,
            instructions_since_acquire: 0,
            countdown: 1,
            countdown_start: 1,
            stack_floor: crate::threads::stack_floor(),
        }
    }

    /// The built-in classes.
    #[inline(always)]
    pub fn types(&self) -> &BuiltinTypes {
        &self.interp.types
    }

    /// The class of any value.
    pub fn type_of(&self, v: &Value) -> ObjRef {
        let t = &self.interp.types;
        match v {
            Value::None | Value::Null => t.none_type.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Obj(o) => self.type_of_obj(o),
        }
    }

    /// The class of a heap object.
    pub fn type_of_obj(&self, o: &ObjRef) -> ObjRef {
        let t = &self.interp.types;
        match o.payload() {
            Payload::Str(_) => t.str.clone(),
            Payload::BigInt(_) => t.int.clone(),
            Payload::Complex(..) => t.complex.clone(),
            Payload::Bytes(_) => t.bytes.clone(),
            Payload::Tuple(_) => t.tuple.clone(),
            Payload::List(_) => t.list.clone(),
            Payload::Dict(_) => t.dict.clone(),
            Payload::Set(_) => t.set.clone(),
            Payload::FrozenSet(_) => t.frozenset.clone(),
            Payload::Range(_) => t.range.clone(),
            Payload::Slice(_) => t.slice.clone(),
            Payload::Function(_) => t.function.clone(),
            Payload::NativeFunction(_) => t.builtin_function.clone(),
            Payload::BoundMethod(_) => t.method.clone(),
            Payload::StaticMethod(_) => t.staticmethod.clone(),
            Payload::ClassMethod(_) => t.classmethod.clone(),
            Payload::Property(_) => t.property.clone(),
            Payload::Type(_) => t.type_.clone(),
            Payload::Instance(i) => i.class.clone(),
            Payload::Exception(e) => e.class.clone(),
            Payload::Module(_) => t.module.clone(),
            Payload::Cell(_) => t.cell.clone(),
            Payload::Code(_) => t.code.clone(),
            Payload::Iterator(state) => self.iterator_class(state),
            Payload::Generator(_) => t.generator.clone(),
            Payload::File(_) => t.file.clone(),
            Payload::Super { .. } => t.super_.clone(),
            Payload::DictView(_, part) => match part {
                crate::types::iter::DictPart::Keys => t.dict_keys.clone(),
                crate::types::iter::DictPart::Values => t.dict_values.clone(),
                crate::types::iter::DictPart::Items => t.dict_items.clone(),
            },
            Payload::Native(n) => n.class.clone(),
            Payload::Singleton(name) => {
                if *name == "NotImplemented" {
                    t.not_implemented_type.clone()
                } else {
                    t.ellipsis_type.clone()
                }
            }
        }
    }

    /// The class of a built-in iterator, from what it iterates over.
    fn iterator_class(&self, state: &GilCell<crate::types::iter::IterState>) -> ObjRef {
        use crate::types::iter::{DictPart, IterState};
        let t = &self.interp.types;
        let it = &t.iterators;
        let Some(state) = state.try_borrow(self.gil) else {
            return t.iterator.clone();
        };
        match &*state {
            IterState::Seq { seq, .. } => match seq.payload() {
                Some(Payload::List(_)) => it.list_iterator.clone(),
                Some(Payload::Tuple(_)) => it.tuple_iterator.clone(),
                Some(Payload::Str(s)) if s.is_ascii() => it.str_ascii_iterator.clone(),
                Some(Payload::Str(_)) => it.str_iterator.clone(),
                Some(Payload::Bytes(_)) => it.bytes_iterator.clone(),
                _ => t.iterator.clone(),
            },
            IterState::Range { .. } => it.range_iterator.clone(),
            IterState::Dict { part, .. } => match part {
                DictPart::Keys => it.dict_keyiterator.clone(),
                DictPart::Values => it.dict_valueiterator.clone(),
                DictPart::Items => it.dict_itemiterator.clone(),
            },
            IterState::Set { .. } => it.set_iterator.clone(),
            IterState::Reversed { seq, .. } => match seq.payload() {
                Some(Payload::List(_)) => it.list_reverseiterator.clone(),
                _ => it.reversed.clone(),
            },
            IterState::Enumerate { .. } => it.enumerate.clone(),
            IterState::Zip { .. } => it.zip.clone(),
            IterState::Map { .. } => it.map.clone(),
            IterState::Filter { .. } => it.filter.clone(),
            IterState::Callable { .. } => it.callable_iterator.clone(),
            IterState::GetItem { .. } | IterState::Exhausted => t.iterator.clone(),
        }
    }

    /// The `__name__` of a value's class, for error messages.
    pub fn type_name(&self, v: &Value) -> String {
        let t = self.type_of(v);
        let Some(t) = t.as_type() else {
            return String::new();
        };
        // Rust-implemented classes outside builtins are named like CPython's C types,
        // whose `tp_name` carries the module: '_thread.lock', '_io.TextIOWrapper'.
        if t.layout == Layout::Builtin && t.module != "builtins" {
            return format!("{}.{}", t.module, t.name);
        }
        t.name.clone()
    }

    /// True when `class` is `base` or inherits from it.
    pub fn is_subclass(&self, class: &ObjRef, base: &ObjRef) -> bool {
        if class.is(base) {
            return true;
        }
        match class.as_type() {
            Some(t) => t.mro.iter().any(|c| c.is(base)),
            None => false,
        }
    }

    /// `isinstance(v, class)` for a single class.
    pub fn is_instance(&self, v: &Value, class: &ObjRef) -> bool {
        let t = self.type_of(v);
        self.is_subclass(&t, class)
    }

    // ----- making objects -----

    /// A new tuple.
    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        Value::new_obj(Payload::Tuple(items.into_boxed_slice()))
    }

    /// A new list.
    pub fn new_list(&self, items: Vec<Value>) -> Value {
        Value::new_obj(Payload::List(GilCell::new(items)))
    }

    /// A new dict object.
    pub fn new_dict(&self, dict: Dict) -> Value {
        Value::new_obj(Payload::Dict(GilCell::new(dict)))
    }

    /// A new module with an empty namespace holding `__name__`.
    pub fn new_module(&self, name: &str) -> ObjRef {
        let mut ns = Dict::new();
        ns.set_str(Value::str("__name__"), Value::str(name));
        ns.set_str(Value::str("__doc__"), Value::None);
        let dict = ObjRef::new(Payload::Dict(GilCell::new(ns)));
        ObjRef::new(Payload::Module(ModuleObj {
            name: name.to_string(),
            dict,
        }))
    }

    /// A new class object.
    pub fn new_class(
        &self,
        name: &str,
        qualname: &str,
        module: &str,
        bases: Vec<ObjRef>,
        dict: Dict,
    ) -> PyResult<ObjRef> {
        let bases = if bases.is_empty() {
            vec![self.types().object.clone()]
        } else {
            bases
        };
        let mro = crate::classes::compute_mro(self, &bases)?;
        let layout = if mro
            .iter()
            .any(|c| c.as_type().is_some_and(|t| t.layout == Layout::Exception))
        {
            Layout::Exception
        } else {
            Layout::Object
        };
        let has_finalizer = dict.get_str("__del__").is_some()
            || mro
                .iter()
                .any(|c| c.as_type().is_some_and(|t| t.has_finalizer.get()));
        let class = TypeObj::new(
            name.to_string(),
            qualname.to_string(),
            module.to_string(),
            bases,
            mro,
            dict,
            layout,
        );
        class.has_finalizer.set(has_finalizer);
        Ok(ObjRef::new(Payload::Type(Box::new(class))))
    }

    // ----- raising -----

    /// A new exception instance of `class` with the given args tuple items.
    pub fn new_exception(&self, class: &ObjRef, args: Vec<Value>) -> PyErr {
        let args = self.new_tuple(args);
        PyErr(ObjRef::new(Payload::Exception(Box::new(
            ExceptionObj::new(class.clone(), args),
        ))))
    }

    /// A new exception of `class` with one string argument.
    pub fn new_error(&self, class: &ObjRef, msg: impl Into<String>) -> PyErr {
        self.new_exception(class, vec![Value::str(msg.into())])
    }

    /// `TypeError(msg)`.
    pub fn type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.type_error, msg)
    }

    /// `ValueError(msg)`.
    pub fn value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.value_error, msg)
    }

    /// `IndexError(msg)`.
    pub fn index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.index_error, msg)
    }

    /// `KeyError(key)`.
    pub fn key_error(&self, key: Value) -> PyErr {
        self.new_exception(&self.interp.exc.key_error, vec![key])
    }

    /// `AttributeError(msg)`.
    pub fn attribute_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.attribute_error, msg)
    }

    /// `NameError(msg)`.
    pub fn name_error(&self, name: &str) -> PyErr {
        let err = self.new_error(
            &self.interp.exc.name_error,
            format!("name '{name}' is not defined"),
        );
        // `name` feeds the traceback's "Did you mean" hint, as in CPython.
        if let Payload::Exception(e) = err.0.payload() {
            e.dict
                .borrow_mut(self.gil)
                .set_str(Value::str("name"), Value::str(name));
        }
        err
    }

    /// `ZeroDivisionError(msg)`.
    pub fn zero_division_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.zero_division_error, msg)
    }

    /// `MemoryError()`.
    pub fn memory_error(&self) -> PyErr {
        self.new_exception(&self.interp.exc.memory_error, vec![])
    }

    /// Checks that a string of `chars` characters may be built: past
    /// [`MAX_TEXT_CHARS`] it is a MemoryError up front, instead of an allocation
    /// failure that would abort the process.
    pub fn check_text_size(&self, chars: usize) -> PyResult<usize> {
        if chars > MAX_TEXT_CHARS {
            return Err(self.memory_error());
        }
        Ok(chars)
    }

    /// `OverflowError(msg)`.
    pub fn overflow_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.overflow_error, msg)
    }

    /// `RuntimeError(msg)`.
    pub fn runtime_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.interp.exc.runtime_error, msg)
    }

    /// `StopIteration(value)` (no args when the value is None).
    pub fn stop_iteration(&self, value: Value) -> PyErr {
        let args = if value.is_none() { vec![] } else { vec![value] };
        self.new_exception(&self.interp.exc.stop_iteration, args)
    }

    /// `OSError` (or the matching subclass) from an I/O error, with CPython's
    /// `[Errno N] message: 'filename'` text.
    pub fn os_error(&self, err: &std::io::Error, filename: Option<&str>) -> PyErr {
        crate::exceptions::os_error_from_io(self, err, filename)
    }

    /// True when `err` is an instance of `class`.
    pub fn err_matches(&self, err: &PyErr, class: &ObjRef) -> bool {
        self.is_subclass(err.class(), class)
    }

    // ----- namespaces -----

    /// The `builtins` namespace.
    pub fn builtins_dict(&self) -> &ObjRef {
        &self.interp.builtins
    }

    /// Looks a built-in up by name.
    pub fn builtin(&self, name: &str) -> Option<Value> {
        match self.interp.builtins.payload() {
            Payload::Dict(d) => d.borrow(self.gil).get_str(name).cloned(),
            _ => None,
        }
    }

    /// The current recursion limit.
    pub fn recursion_limit(&self) -> usize {
        self.interp.recursion_limit.get()
    }
}

/// Reads a `str`-keyed entry of a dict object.
pub fn dict_get_str(vm: &Vm, dict: &ObjRef, name: &str) -> Option<Value> {
    match dict.payload() {
        Payload::Dict(d) => d.borrow(vm.gil).get_str(name).cloned(),
        _ => None,
    }
}

/// Sets a `str`-keyed entry of a dict object. The displaced value is dropped after the
/// borrow ends, since freeing it may run a finalizer.
pub fn dict_set_str(vm: &Vm, dict: &ObjRef, name: &str, value: Value) {
    if let Payload::Dict(d) = dict.payload() {
        let old = d.borrow_mut(vm.gil).set_str(Value::str(name), value);
        drop(old);
    }
}
