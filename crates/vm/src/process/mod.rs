//! Real processes: a Python callable and its arguments cross to a fresh gilded VM in
//! another OS process, and its result or exception comes back.
//!
//! The child is the `gilded` binary re-executed in worker mode (`spawn.rs`); what
//! crosses the boundary is a versioned, serialized object graph (`wire.rs`, built by
//! `encode.rs` and rebuilt by `decode.rs`). Functions and classes of the program
//! travel by value (code objects and the globals they use); built-in and library
//! objects travel by name and are imported again on the other side.

pub mod api;
pub mod decode;
pub mod encode;
pub mod identity;
pub mod inherit;
pub mod spawn;
pub mod wire;
pub mod worker;
