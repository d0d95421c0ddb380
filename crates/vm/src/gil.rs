//! "This thread holds the interpreter": the [`Gil`] token.
//!
//! Reference counts are plain counters, and objects use plain (non-atomic) interior
//! mutability: both are sound only while one thread at a time touches the heap. The
//! real lock is `gilded_gil::InterpreterLock` (in `Interp::lock`); this token is the
//! proof that the current thread holds it. It is zero-sized and `!Send`, so it cannot
//! leave the thread that acquired it, and the object APIs that mutate shared state
//! ([`crate::object::GilCell`]) demand it. Debug builds also keep a per-thread flag and
//! assert it on every refcount change, catching any path that touches objects while
//! the lock is released (inside `Vm::blocking`, for instance).

use std::cell::Cell;
use std::marker::PhantomData;

thread_local! {
    static HOLDS_GIL: Cell<bool> = const { Cell::new(false) };
}

/// Proof that the current thread holds the interpreter lock. Copyable, zero-sized,
/// and not `Send`.
#[derive(Clone, Copy)]
pub struct Gil {
    _not_send: PhantomData<*const ()>,
}

impl Gil {
    /// Marks the current thread as holding the interpreter lock and returns its token.
    ///
    /// # Safety
    /// The current thread must hold `Interp::lock` (or be the only thread that can
    /// reach the interpreter's objects) for as long as the token is used.
    pub unsafe fn acquired() -> Gil {
        HOLDS_GIL.with(|h| h.set(true));
        Gil {
            _not_send: PhantomData,
        }
    }

    /// Clears the debug flag while the lock is released around `f`, so any object
    /// access inside `f` trips the debug assertions.
    pub fn released_during<T>(self, f: impl FnOnce() -> T) -> T {
        HOLDS_GIL.with(|h| h.set(false));
        let result = f();
        HOLDS_GIL.with(|h| h.set(true));
        result
    }
}

/// Asserts (debug builds only) that the current thread holds the interpreter lock.
#[inline(always)]
pub fn debug_assert_gil_held() {
    #[cfg(debug_assertions)]
    HOLDS_GIL.with(|h| {
        assert!(
            h.get(),
            "object touched by a thread that does not hold the GIL"
        )
    });
}

/// Sets the debug flag directly, for lock releases that no closure scopes
/// (`threads::unlock` / `threads::relock`).
pub(crate) fn set_held(held: bool) {
    HOLDS_GIL.with(|h| h.set(held));
}
