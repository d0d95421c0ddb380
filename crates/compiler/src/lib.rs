//! AST to bytecode: scope analysis ([`symtable`]) then code generation (`compile`).
//!
//! The output is a tree of [`CodeObject`]s following the contract documented on each
//! opcode in `gilded_bytecode::opcode`. Errors are always raised as `SyntaxError`
//! (except the recursion limit, whose message the VM may map to `RecursionError`).

mod compile;
mod location;
mod stack;
pub mod symtable;

#[cfg(test)]
mod tests;

use gilded_bytecode::CodeObject;
use gilded_syntax::ast;
use gilded_syntax::LineIndex;
use std::fmt;
use std::sync::Arc;

pub use stack::max_stack_depth;

/// How a module is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A file or `-c` code: the module returns None.
    Module,
    /// One REPL input: top-level expression statements print their value (`PrintExpr`).
    Interactive,
    /// A module made of a single expression statement: the code returns its value.
    Eval,
}

/// A compile-time error, raised as `SyntaxError` with CPython's positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The message, e.g. `'return' outside function`.
    pub msg: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column (CPython's `SyntaxError.offset`).
    pub col: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based character column one past the end (CPython's `end_offset`).
    pub end_col: u32,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SyntaxError: {} (line {}, column {})",
            self.msg, self.line, self.col
        )
    }
}

impl std::error::Error for CompileError {}

/// Compiles a module (or REPL input, or eval-mode single expression) to a code object.
pub fn compile(
    module: &ast::Module,
    source: &LineIndex,
    filename: &str,
    mode: Mode,
) -> Result<Arc<CodeObject>, CompileError> {
    compile::compile_module(module, source, filename, mode)
}

/// Compiles a single expression to a code object that returns its value.
pub fn compile_expression(
    expr: &ast::Expr,
    source: &LineIndex,
    filename: &str,
) -> Result<Arc<CodeObject>, CompileError> {
    compile::compile_expression(expr, source, filename)
}
