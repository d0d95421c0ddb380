//! Heap objects: the reference-counted [`ObjRef`], its [`Payload`], and [`GilCell`].
//!
//! Every heap object is an [`ObjBox`]: a plain reference count and a payload. `ObjRef`
//! clones increment the count and drops decrement it; the object is freed the moment the
//! count reaches zero, as in CPython. Two things can make freeing more than a `free`:
//! - an instance whose class defines `__del__` is not freed at once but queued (and kept
//!   alive); the interpreter loop runs queued finalizers right after the instruction that
//!   dropped the last reference, so `del x` prints before the next statement runs;
//! - freeing a deep chain of containers would recurse once per level, so past a fixed
//!   depth further frees are queued and drained iteratively ("trashcan").

use crate::gil::{debug_assert_gil_held, Gil};
use crate::types::class::{InstanceObj, TypeObj};
use crate::types::dict::Dict;
use crate::types::exception::ExceptionObj;
use crate::types::file::FileObj;
use crate::types::function::{BoundMethod, FunctionObj, NativeFunction};
use crate::types::generator::GeneratorObj;
use crate::types::iter::IterState;
use crate::types::module::ModuleObj;
use crate::types::set::SetData;
use crate::types::str::StrObj;
use crate::value::Value;
use num_bigint::BigInt;
use std::cell::{Cell, Ref, RefCell, RefMut};
use std::ptr::NonNull;

/// Interior mutability for object state, usable only with the [`Gil`] token.
///
/// It is a `RefCell` underneath: borrows are still checked, so a program that mutates
/// a container while a built-in is reading it gets a Python exception (via the `try_`
/// methods), never a data race. Code must not hold a borrow across a call into Python.
#[derive(Default)]
pub struct GilCell<T>(RefCell<T>);

impl<T> GilCell<T> {
    /// Wraps a value.
    pub fn new(value: T) -> GilCell<T> {
        GilCell(RefCell::new(value))
    }

    /// Borrows the contents for reading.
    #[inline]
    pub fn borrow(&self, _gil: Gil) -> Ref<'_, T> {
        self.0.borrow()
    }

    /// Borrows the contents for writing.
    #[inline]
    pub fn borrow_mut(&self, _gil: Gil) -> RefMut<'_, T> {
        self.0.borrow_mut()
    }

    /// Borrows for reading, or `None` if a writer is active.
    #[inline]
    pub fn try_borrow(&self, _gil: Gil) -> Option<Ref<'_, T>> {
        self.0.try_borrow().ok()
    }

    /// Borrows for writing, or `None` if any borrow is active.
    #[inline]
    pub fn try_borrow_mut(&self, _gil: Gil) -> Option<RefMut<'_, T>> {
        self.0.try_borrow_mut().ok()
    }

    /// Takes the inner value (used when an object is being freed).
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

/// A range object's fields.
#[derive(Clone, Copy, Debug)]
pub struct RangeObj {
    /// First value.
    pub start: i64,
    /// End (exclusive).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
}

impl RangeObj {
    /// Number of values in the range.
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n as i64
    }

    /// True when the range is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A slice object's fields (`None` is stored as `Value::None`).
pub struct SliceObj {
    /// `start`
    pub start: Value,
    /// `stop`
    pub stop: Value,
    /// `step`
    pub step: Value,
}

/// `property(fget, fset, fdel)`.
pub struct PropertyObj {
    /// Getter.
    pub fget: Value,
    /// Setter.
    pub fset: Value,
    /// Deleter.
    pub fdel: Value,
}

/// What a heap object is. The variant decides the built-in type, except for
/// `Instance`/`Exception`, whose class is stored inside.
pub enum Payload {
    /// `str`
    Str(StrObj),
    /// `int` outside the 64-bit range (always normalized: never fits in i64).
    BigInt(BigInt),
    /// `complex`
    Complex(f64, f64),
    /// `bytes`
    Bytes(Box<[u8]>),
    /// `tuple`
    Tuple(Box<[Value]>),
    /// `list`
    List(GilCell<Vec<Value>>),
    /// `dict`
    Dict(GilCell<Dict>),
    /// `set`
    Set(GilCell<SetData>),
    /// `frozenset`
    FrozenSet(SetData),
    /// `range`
    Range(RangeObj),
    /// `slice`
    Slice(SliceObj),
    /// A Python function.
    Function(Box<FunctionObj>),
    /// A built-in function or method descriptor.
    NativeFunction(NativeFunction),
    /// A method bound to its instance.
    BoundMethod(BoundMethod),
    /// `staticmethod(f)`
    StaticMethod(Value),
    /// `classmethod(f)`
    ClassMethod(Value),
    /// `property(...)`
    Property(PropertyObj),
    /// A class (built-in or user-defined).
    Type(Box<TypeObj>),
    /// An instance of a user-defined class.
    Instance(InstanceObj),
    /// An exception instance (of a built-in or user-defined exception class).
    Exception(Box<ExceptionObj>),
    /// A module.
    Module(ModuleObj),
    /// A closure cell.
    Cell(GilCell<Value>),
    /// A code object, ready to run.
    Code(crate::types::function::RuntimeCode),
    /// Any built-in iterator.
    Iterator(GilCell<IterState>),
    /// A generator.
    Generator(Box<GilCell<GeneratorObj>>),
    /// An open file.
    File(GilCell<FileObj>),
    /// A live view of a dict (`d.keys()`, `d.values()`, `d.items()`).
    DictView(ObjRef, crate::types::iter::DictPart),
    /// `super()` bound to a class and an instance.
    Super {
        /// The class whose MRO successor is searched.
        class: ObjRef,
        /// The instance (or class) the methods bind to.
        this: Value,
    },
    /// A singleton with only an identity and a name: `NotImplemented`, `Ellipsis`.
    Singleton(&'static str),
    /// An instance of a class implemented in Rust whose state is shared with code
    /// running without the GIL (`_thread.lock` waits on it while others run).
    Native(NativeObj),
}

/// The payload of [`Payload::Native`]: the class, and state that is `Send + Sync` so a
/// blocking call can hold a clone while the GIL is released.
pub struct NativeObj {
    /// The object's class.
    pub class: ObjRef,
    /// The Rust state, downcast by the class's methods.
    pub data: std::sync::Arc<dyn std::any::Any + Send + Sync>,
}

impl NativeObj {
    /// The state as a `T`, if it is one.
    pub fn get<T: std::any::Any + Send + Sync>(&self) -> Option<std::sync::Arc<T>> {
        self.data.clone().downcast::<T>().ok()
    }
}

/// A heap object: refcount and payload.
pub struct ObjBox {
    refcount: Cell<usize>,
    /// The object's contents.
    pub payload: Payload,
}

/// A counted reference to a heap object.
pub struct ObjRef(NonNull<ObjBox>);

// SAFETY: ObjRef is only dereferenced and counted by the thread holding the GIL (the
// debug assertions check it), which serializes every access, as in CPython.
unsafe impl Send for ObjRef {}
unsafe impl Sync for ObjRef {}

impl ObjRef {
    /// Allocates a new object with a reference count of one.
    pub fn new(payload: Payload) -> ObjRef {
        debug_assert_gil_held();
        let boxed = Box::new(ObjBox {
            refcount: Cell::new(1),
            payload,
        });
        ObjRef(NonNull::from(Box::leak(boxed)))
    }

    /// The object's payload.
    #[inline(always)]
    pub fn payload(&self) -> &Payload {
        // SAFETY: the box lives as long as any ObjRef to it.
        unsafe { &self.0.as_ref().payload }
    }

    /// The current reference count.
    pub fn refcount(&self) -> usize {
        unsafe { self.0.as_ref().refcount.get() }
    }

    /// The object's address, used for `id()` and `is`.
    #[inline(always)]
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// True when both refer to the same object.
    #[inline(always)]
    pub fn is(&self, other: &ObjRef) -> bool {
        self.0 == other.0
    }

    /// The payload as a type object, if it is one.
    pub fn as_type(&self) -> Option<&TypeObj> {
        match self.payload() {
            Payload::Type(t) => Some(t),
            _ => None,
        }
    }
}

impl Clone for ObjRef {
    #[inline(always)]
    fn clone(&self) -> ObjRef {
        debug_assert_gil_held();
        let rc = unsafe { &self.0.as_ref().refcount };
        rc.set(rc.get() + 1);
        ObjRef(self.0)
    }
}

impl Drop for ObjRef {
    #[inline(always)]
    fn drop(&mut self) {
        debug_assert_gil_held();
        let rc = unsafe { &self.0.as_ref().refcount };
        let n = rc.get() - 1;
        rc.set(n);
        if n == 0 {
            release(self.0);
        }
    }
}

impl PartialEq for ObjRef {
    fn eq(&self, other: &ObjRef) -> bool {
        self.is(other)
    }
}

impl std::fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<object at {:#x}>", self.addr())
    }
}

/// Frees nested deeper than this are queued instead of recursing.
const TRASHCAN_DEPTH: usize = 256;

thread_local! {
    static FREE_DEPTH: Cell<usize> = const { Cell::new(0) };
    static TRASHCAN: RefCell<Vec<NonNull<ObjBox>>> = const { RefCell::new(Vec::new()) };
    static FINALIZERS_PENDING: Cell<bool> = const { Cell::new(false) };
    static FINALIZERS: RefCell<Vec<ObjRef>> = const { RefCell::new(Vec::new()) };
}

/// True when an object with `__del__` is waiting for its finalizer to run.
#[inline(always)]
pub fn finalizers_pending() -> bool {
    FINALIZERS_PENDING.with(|p| p.get())
}

/// Takes the queued objects whose `__del__` must run now. Each comes back with a
/// reference count of one; dropping it after the finalizer frees it for good.
pub fn take_pending_finalizers() -> Vec<ObjRef> {
    FINALIZERS_PENDING.with(|p| p.set(false));
    FINALIZERS.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

#[cold]
fn release(ptr: NonNull<ObjBox>) {
    // SAFETY: the count just reached zero, so this is the only reference.
    let obj = unsafe { ptr.as_ref() };
    if let Payload::Instance(inst) = &obj.payload {
        if inst.needs_finalizer() {
            // Resurrect: the finalizer queue owns it now. `__del__` runs once.
            inst.mark_finalized();
            obj.refcount.set(1);
            FINALIZERS.with(|f| f.borrow_mut().push(ObjRef(ptr)));
            FINALIZERS_PENDING.with(|p| p.set(true));
            return;
        }
    }
    let depth = FREE_DEPTH.with(|d| d.get());
    if depth >= TRASHCAN_DEPTH {
        TRASHCAN.with(|t| t.borrow_mut().push(ptr));
        return;
    }
    FREE_DEPTH.with(|d| d.set(depth + 1));
    // SAFETY: allocated by Box::new in ObjRef::new and unreferenced now.
    free_box(unsafe { Box::from_raw(ptr.as_ptr()) });
    if depth == 0 {
        // Outermost free: drain what deeper frees queued, without recursion.
        while let Some(next) = TRASHCAN.with(|t| t.borrow_mut().pop()) {
            free_box(unsafe { Box::from_raw(next.as_ptr()) });
        }
    }
    FREE_DEPTH.with(|d| d.set(depth));
}

/// Frees an object's box. Lists and tuples release their items last to first, as
/// CPython's deallocators do, so `__del__` messages of the items appear in the same
/// order.
fn free_box(mut boxed: Box<ObjBox>) {
    match &mut boxed.payload {
        Payload::List(items) => {
            let mut items = std::mem::take(items).into_inner();
            while let Some(item) = items.pop() {
                drop(item);
            }
        }
        Payload::Tuple(items) => {
            let mut items = std::mem::take(items).into_vec();
            while let Some(item) = items.pop() {
                drop(item);
            }
        }
        _ => {}
    }
    drop(boxed);
}
