//! The payload structs of the built-in types, one file per type.

pub mod class;
pub mod dict;
pub mod exception;
pub mod file;
pub mod function;
pub mod generator;
pub mod iter;
pub mod module;
pub mod set;
pub mod str;
