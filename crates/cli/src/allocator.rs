//! The process's memory allocator: mimalloc.
//!
//! An interpreter allocates and frees small objects constantly (every str, tuple,
//! instance and frame cell); mimalloc's size-class free lists make that markedly
//! cheaper than the system allocator (see BENCHMARKS.md for the measured effect).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_arena_eager_commit` (its place in `mi_option_e`, the same in
/// mimalloc 2 and 3; `libmimalloc-sys` names only some of the options).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Tunes mimalloc before it reserves its first memory, from the program's
/// initialisers (before `main`, and before the Rust runtime's first allocation).
/// By default it commits each new thread's memory eagerly, which made every waiting
/// Python thread cost ~1 MB of resident memory (CPython's cost ~17 kB); committed on
/// demand it is ~85 kB, and the single-thread benchmarks do not move (BENCHMARKS.md,
/// "Thread memory").
extern "C" fn tune() {
    // SAFETY: mi_option_set only stores the option's value.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
}

#[used]
#[link_section = ".init_array.00099"]
static TUNE: extern "C" fn() = tune;
