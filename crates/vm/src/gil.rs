//! "This thread holds the interpreter": the [`Gil`] token.
//!
//! Reference counts are plain counters, and objects use plain (non-atomic) interior
//! mutability: both are sound only while one thread at a time touches the heap. The
//! token is the proof. It is zero-sized and `!Send`, so it cannot leave the thread that
//! acquired it, and the object APIs that mutate shared state ([`crate::object::GilCell`])
//! demand it. Debug builds also keep a per-thread flag and assert it on every refcount
//! change, catching any path that touches objects without the lock.
//!
//! Today one thread runs the VM; the threads issue replaces [`Gil::assume_main_thread`]
//! with a real lock whose guard hands out this token.

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
    /// Marks the current thread as the interpreter's only thread and returns its token.
    ///
    /// # Safety
    /// No other thread may touch any object of this VM while the token is alive.
    pub unsafe fn assume_main_thread() -> Gil {
        HOLDS_GIL.with(|h| h.set(true));
        Gil {
            _not_send: PhantomData,
        }
    }

    /// Gives up the lock around a blocking call: the flag is cleared while `f` runs,
    /// so any object access inside `f` trips the debug assertions.
    pub fn release_during<T>(self, f: impl FnOnce() -> T) -> T {
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
