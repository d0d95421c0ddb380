//! The process's memory allocator: mimalloc.
//!
//! An interpreter allocates and frees small objects constantly (every str, tuple,
//! instance and frame cell); mimalloc's size-class free lists make that markedly
//! cheaper than the system allocator (see BENCHMARKS.md for the measured effect).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
