//! The bytecode shared by the compiler (which writes it) and the VM (which runs it).
//!
//! **Architecture Invariant:** this crate depends on nothing of the compiler or the VM,
//! so the VM never depends on the parser.

pub mod code;
pub mod dis;
pub mod opcode;

pub use code::{CodeFlags, CodeObject, Constant, Location};
pub use opcode::{BinaryOperator, ComparisonOperator, Conversion, Instruction, UnaryOperator};
