//! Code objects: the compiled form of a module, function, class body or comprehension.

use crate::opcode::Instruction;
use num_bigint::BigInt;
use std::sync::Arc;

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// A larger integer.
    BigInt(BigInt),
    /// A float.
    Float(f64),
    /// An imaginary number (the imaginary part).
    Complex(f64),
    /// A string.
    Str(Arc<str>),
    /// A bytes literal.
    Bytes(Arc<[u8]>),
    /// A tuple of constants (also used for keyword-name tuples of `CallKw`).
    Tuple(Arc<[Constant]>),
    /// A nested code object (function, lambda, class body, comprehension).
    Code(Arc<CodeObject>),
    /// `...`.
    Ellipsis,
}

/// Where an instruction came from: CPython 3.11's (line, end line, column, end column),
/// columns counted in characters from 0, plus the `~~^~~` anchor range for binary
/// operators and subscripts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// 1-based first line.
    pub line: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// 0-based character column where the range starts.
    pub col: u32,
    /// 0-based character column one past the range's end (on `end_line`).
    pub end_col: u32,
    /// For binary operators and subscripts: the columns (absolute, on `line`) of the
    /// operator or bracket part, marked with `^` while the rest gets `~`.
    pub anchor: Option<(u32, u32)>,
}

/// Properties of a code object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeFlags {
    /// Has `*args`.
    pub varargs: bool,
    /// Has `**kwargs`.
    pub varkeywords: bool,
    /// Contains `yield`: calling it makes a generator.
    pub generator: bool,
    /// Runs with a namespace dict (module, class body) instead of fast locals only.
    pub uses_namespace: bool,
}

/// A compiled unit of code.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodeObject {
    /// The function (or `<module>`, `<lambda>`, `<listcomp>`, class) name.
    pub name: Arc<str>,
    /// The dotted qualified name (`Outer.method.<locals>.inner`).
    pub qualname: Arc<str>,
    /// The source file name as shown in tracebacks.
    pub filename: Arc<str>,
    /// The first line of the definition.
    pub first_line: u32,
    /// The instructions.
    pub instructions: Vec<Instruction>,
    /// One location per instruction.
    pub locations: Vec<Location>,
    /// The constants referenced by `LoadConst` and friends. For `def` and `lambda` code,
    /// `constants[0]` is the docstring or None (CPython 3.11's convention).
    pub constants: Vec<Constant>,
    /// Names used by the name, global, attribute and import instructions.
    pub names: Vec<Arc<str>>,
    /// Local variable names; parameters come first, in call order.
    pub varnames: Vec<Arc<str>>,
    /// Locals captured by inner functions.
    pub cellvars: Vec<Arc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Arc<str>>,
    /// For each cellvar that is also a parameter: (cell index, parameter slot).
    pub cell_params: Vec<(u32, u32)>,
    /// Number of positional parameters, including positional-only ones.
    pub argcount: u32,
    /// Number of positional-only parameters.
    pub posonlyargcount: u32,
    /// Number of keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Flags.
    pub flags: CodeFlags,
    /// The largest stack depth the code reaches (above its locals).
    pub max_stack: u32,
}

impl CodeObject {
    /// Number of parameter slots, including `*args` and `**kwargs`.
    pub fn total_params(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + self.flags.varargs as usize
            + self.flags.varkeywords as usize
    }

    /// The location of the instruction at `index` (a default one if out of range).
    pub fn location(&self, index: usize) -> Location {
        self.locations.get(index).copied().unwrap_or_default()
    }
}
