//! The instruction set: one enum, operands inside the variants.
//!
//! The VM is a stack machine. Each opcode's doc comment says what it pops and pushes;
//! "TOS" is the top of the stack, "TOS1" the item below it. Jump targets are absolute
//! instruction indices. [`Instruction::stack_effect`] and the disassembler are exhaustive
//! matches, so a new opcode does not build until every table knows it.

/// Binary operators, shared by `BinaryOp` and `InplaceOp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum BinaryOperator {
    Add,
    Subtract,
    Multiply,
    MatrixMultiply,
    TrueDivide,
    FloorDivide,
    Remainder,
    Power,
    LShift,
    RShift,
    Or,
    Xor,
    And,
}

impl BinaryOperator {
    /// The operator as written in source (`+`, `//`, ...), used in error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOperator::Add => "+",
            BinaryOperator::Subtract => "-",
            BinaryOperator::Multiply => "*",
            BinaryOperator::MatrixMultiply => "@",
            BinaryOperator::TrueDivide => "/",
            BinaryOperator::FloorDivide => "//",
            BinaryOperator::Remainder => "%",
            BinaryOperator::Power => "**",
            BinaryOperator::LShift => "<<",
            BinaryOperator::RShift => ">>",
            BinaryOperator::Or => "|",
            BinaryOperator::Xor => "^",
            BinaryOperator::And => "&",
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum UnaryOperator {
    /// `-x`
    Negative,
    /// `+x`
    Positive,
    /// `~x`
    Invert,
    /// `not x`
    Not,
}

/// Rich comparison operators (identity and membership have their own opcodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ComparisonOperator {
    Less,
    LessOrEqual,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
}

impl ComparisonOperator {
    /// The operator as written in source, used in error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            ComparisonOperator::Less => "<",
            ComparisonOperator::LessOrEqual => "<=",
            ComparisonOperator::Equal => "==",
            ComparisonOperator::NotEqual => "!=",
            ComparisonOperator::Greater => ">",
            ComparisonOperator::GreaterOrEqual => ">=",
        }
    }
}

/// The `!s` / `!r` / `!a` conversion of an f-string field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Conversion {
    /// No conversion: `format(value, spec)`.
    None,
    /// `!s`
    Str,
    /// `!r`
    Repr,
    /// `!a`
    Ascii,
}

/// Flags of `MakeFunction`: which optional items sit below the code object.
pub mod make_function_flags {
    /// A tuple of positional defaults.
    pub const DEFAULTS: u8 = 1;
    /// A dict of keyword-only defaults.
    pub const KW_DEFAULTS: u8 = 2;
    /// A tuple of cells for the free variables.
    pub const CLOSURE: u8 = 4;
}

/// One bytecode instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Instruction {
    /// Does nothing (kept so jump targets stay valid after peephole edits).
    Nop,
    /// Pops TOS and discards it.
    Pop,
    /// Pushes a copy of the `n`-th item from the top (1 = TOS). Pushes one.
    Copy(u32),
    /// Swaps TOS with the `n`-th item from the top (`n` >= 2). Stack depth unchanged.
    Swap(u32),

    /// Pushes constant `consts[idx]`.
    LoadConst(u32),
    /// Pushes local slot `idx`; raises UnboundLocalError if it is unbound.
    LoadFast(u32),
    /// Pops TOS into local slot `idx`.
    StoreFast(u32),
    /// Unbinds local slot `idx`; raises UnboundLocalError if already unbound.
    DeleteFast(u32),
    /// Pushes the contents of cell `idx` (cellvars first, then freevars).
    LoadDeref(u32),
    /// Pops TOS into cell `idx`.
    StoreDeref(u32),
    /// Empties cell `idx`.
    DeleteDeref(u32),
    /// Pushes cell `idx` itself (not its contents), to build a closure.
    LoadClosure(u32),
    /// In a class body: pushes `names[name]` from the class namespace if bound there,
    /// else the contents of cell `cell`.
    LoadClassDeref { name: u32, cell: u32 },
    /// Pushes `names[idx]` looked up in the frame's namespace, then globals, then builtins.
    LoadName(u32),
    /// Pops TOS into `names[idx]` of the frame's namespace.
    StoreName(u32),
    /// Deletes `names[idx]` from the frame's namespace.
    DeleteName(u32),
    /// Pushes global `names[idx]` (globals, then builtins).
    LoadGlobal(u32),
    /// Pops TOS into global `names[idx]`.
    StoreGlobal(u32),
    /// Deletes global `names[idx]`.
    DeleteGlobal(u32),
    /// Replaces TOS with `TOS.names[idx]`.
    LoadAttr(u32),
    /// Pops TOS (object) and TOS1 (value); sets `object.names[idx] = value`.
    StoreAttr(u32),
    /// Pops TOS and deletes its attribute `names[idx]`.
    DeleteAttr(u32),
    /// Pops an object and pushes two items for `CallMethod`: the plain function found on
    /// the object's type and the object itself, or an internal null marker and the
    /// attribute (when it is not a plain method).
    LoadMethod(u32),

    /// Pops TOS1 and TOS; pushes `TOS1 op TOS`.
    BinaryOp(BinaryOperator),
    /// Pops TOS1 and TOS; pushes `TOS1 op= TOS` (in place where the type supports it).
    InplaceOp(BinaryOperator),
    /// Replaces TOS with `op TOS`.
    UnaryOp(UnaryOperator),
    /// Pops TOS1 and TOS; pushes the result of the rich comparison `TOS1 op TOS`.
    CompareOp(ComparisonOperator),
    /// Pops TOS1 and TOS; pushes `TOS1 is TOS` (or `is not` when the flag is set).
    IsOp(bool),
    /// Pops TOS1 and TOS; pushes `TOS1 in TOS` (or `not in` when the flag is set).
    ContainsOp(bool),

    /// Pops TOS (key) and TOS1 (container); pushes `container[key]`.
    BinarySubscr,
    /// Pops TOS (key), TOS1 (container) and TOS2 (value); sets `container[key] = value`.
    StoreSubscr,
    /// Pops TOS (key) and TOS1 (container); deletes `container[key]`.
    DeleteSubscr,
    /// Pops 2 or 3 items (start, stop[, step]) and pushes a slice object.
    BuildSlice(u32),

    /// Jumps to the target.
    Jump(u32),
    /// Pops TOS; jumps if it is false.
    PopJumpIfFalse(u32),
    /// Pops TOS; jumps if it is true.
    PopJumpIfTrue(u32),
    /// If TOS is false jumps and keeps it, else pops it (`and`).
    JumpIfFalseOrPop(u32),
    /// If TOS is true jumps and keeps it, else pops it (`or`).
    JumpIfTrueOrPop(u32),
    /// Replaces TOS with `iter(TOS)`.
    GetIter,
    /// TOS is an iterator: pushes its next value, or, when it is exhausted, pops the
    /// iterator and jumps to the target.
    ForIter(u32),

    /// Pops `n` items and pushes a tuple of them (first pushed is first).
    BuildTuple(u32),
    /// Pops `n` items and pushes a list of them.
    BuildList(u32),
    /// Pops `n` items and pushes a set of them.
    BuildSet(u32),
    /// Pops `2n` items (key, value, key, value, ...) and pushes a dict.
    BuildMap(u32),
    /// Pops `n` strings and pushes their concatenation (f-strings).
    BuildString(u32),
    /// Pops TOS and appends it to the list `depth` items down (counted after the pop).
    ListAppend(u32),
    /// Pops TOS and adds it to the set `depth` items down.
    SetAdd(u32),
    /// Pops TOS (value) and TOS1 (key) and stores them into the dict `depth` items down.
    MapAdd(u32),
    /// Pops an iterable and extends the list `depth` items down with it.
    ListExtend(u32),
    /// Pops an iterable and adds its items to the set `depth` items down.
    SetUpdate(u32),
    /// Pops a mapping and updates the dict `depth` items down with it.
    DictUpdate(u32),
    /// Like `DictUpdate`, but for `**kwargs` in a call: raises TypeError on a repeated
    /// or non-string key. The stack is `[callable, args_tuple, dict, mapping]`: after
    /// popping the mapping, the callable is `depth + 2` items down.
    DictMerge(u32),
    /// Replaces the list at TOS with a tuple of its items.
    ListToTuple,
    /// Pops an iterable and pushes exactly `n` items, the first item on top.
    UnpackSequence(u32),
    /// Pops an iterable and pushes `before` items, a list of the middle, and `after`
    /// items, the first item on top (starred assignment).
    UnpackEx { before: u32, after: u32 },
    /// Pops the format spec (TOS, only when `has_spec`) and the value below it; pushes
    /// `format(conversion(value), spec)`.
    FormatValue {
        conversion: Conversion,
        has_spec: bool,
    },

    /// Pops `argc` arguments and a callable below them; pushes the call's result.
    Call(u32),
    /// Pops `argc` arguments and the two items pushed by `LoadMethod`; pushes the result.
    CallMethod(u32),
    /// Pops `argc` arguments (the last `len(names)` are keyword values, named by the
    /// constant tuple `consts[names]`) and the callable; pushes the result.
    CallKw { argc: u32, names: u32 },
    /// Pops a kwargs dict (if the flag is set), a positional tuple and a callable;
    /// pushes the result of `callable(*tuple, **kwargs)`.
    CallEx(bool),
    /// Pops a code object (TOS) and, below it as `flags` says, a closure tuple, a
    /// kw-defaults dict and a defaults tuple (in that order from the top); pushes a function.
    MakeFunction(u8),
    /// Pops `nbases` bases, the class name and the class-body function (deepest); runs the
    /// body in a fresh namespace and pushes the new class.
    BuildClass(u32),
    /// Pops TOS and returns it to the caller.
    ReturnValue,
    /// Pops TOS and yields it from a generator; the value sent in is pushed on resume.
    YieldValue,
    /// Pops a value to send and TOS1 (a sub-iterator, kept); delegates one step of
    /// `yield from`: yields the sub-iterator's value and re-runs this instruction on
    /// resume, or when it finishes pops the sub-iterator, pushes its return value and
    /// continues with the next instruction.
    YieldFrom,

    /// Pushes a handler block. An exception raised before the matching `PopBlock` pops
    /// the block, truncates the stack to its depth here, pushes the previously handled
    /// exception (or None) and the new exception, and jumps to the target.
    SetupExcept(u32),
    /// Pops the innermost handler block.
    PopBlock,
    /// Pops TOS (the previously handled exception saved on handler entry) and makes it
    /// the currently handled exception again.
    PopExcept,
    /// Raises. 0: re-raise the currently handled exception (bare `raise`); 1: pops and
    /// raises TOS; 2: pops TOS (cause) and TOS1 and raises TOS1 from TOS.
    Raise(u32),
    /// Pops TOS (an exception) and raises it again with its traceback unchanged.
    Reraise,
    /// TOS is an exception type (or tuple), TOS1 an exception: pops the type and pushes
    /// whether the exception matches it.
    CheckExcMatch,
    /// Pops a context manager; pushes its bound `__exit__` and the result of `__enter__()`.
    BeforeWith,
    /// Stack is `[exit, prev, exc]`: calls `exit(type(exc), exc, tb)` and pushes its result.
    WithExceptStart,
    /// Pops TOS, prints its repr and stores it in `builtins._` unless it is None (REPL).
    PrintExpr,
    /// Imports the built-in module `names[idx]` (a dotted name) and pushes it.
    ImportName(u32),
    /// TOS is a module: pushes its attribute `names[idx]`, raising ImportError if missing.
    ImportFrom(u32),
    /// Pops a module and binds all its public names in the frame's namespace.
    ImportStar,
}

impl Instruction {
    /// The jump target, for instructions that have one.
    pub fn jump_target(&self) -> Option<u32> {
        match *self {
            Instruction::Jump(t)
            | Instruction::PopJumpIfFalse(t)
            | Instruction::PopJumpIfTrue(t)
            | Instruction::JumpIfFalseOrPop(t)
            | Instruction::JumpIfTrueOrPop(t)
            | Instruction::ForIter(t)
            | Instruction::SetupExcept(t) => Some(t),
            _ => None,
        }
    }

    /// Rewrites the jump target (the compiler patches forward jumps with this).
    pub fn set_jump_target(&mut self, target: u32) {
        match self {
            Instruction::Jump(t)
            | Instruction::PopJumpIfFalse(t)
            | Instruction::PopJumpIfTrue(t)
            | Instruction::JumpIfFalseOrPop(t)
            | Instruction::JumpIfTrueOrPop(t)
            | Instruction::ForIter(t)
            | Instruction::SetupExcept(t) => *t = target,
            _ => {}
        }
    }

    /// The change in stack depth when execution falls through to the next instruction
    /// (for a jump, the effect on the fall-through path).
    pub fn stack_effect(&self) -> i32 {
        use Instruction::*;
        match *self {
            Nop => 0,
            Pop => -1,
            Copy(_) => 1,
            Swap(_) => 0,
            LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) => 1,
            LoadClassDeref { .. } | LoadName(_) | LoadGlobal(_) => 1,
            StoreFast(_) | StoreDeref(_) | StoreName(_) | StoreGlobal(_) => -1,
            DeleteFast(_) | DeleteDeref(_) | DeleteName(_) | DeleteGlobal(_) => 0,
            LoadAttr(_) => 0,
            StoreAttr(_) => -2,
            DeleteAttr(_) => -1,
            LoadMethod(_) => 1,
            BinaryOp(_) | InplaceOp(_) | CompareOp(_) | IsOp(_) | ContainsOp(_) => -1,
            UnaryOp(_) => 0,
            BinarySubscr => -1,
            StoreSubscr => -3,
            DeleteSubscr => -2,
            BuildSlice(n) => 1 - n as i32,
            Jump(_) => 0,
            PopJumpIfFalse(_) | PopJumpIfTrue(_) => -1,
            JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => -1,
            GetIter => 0,
            ForIter(_) => 1,
            BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) => 1 - n as i32,
            BuildMap(n) => 1 - 2 * n as i32,
            ListAppend(_) | SetAdd(_) => -1,
            MapAdd(_) => -2,
            ListExtend(_) | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => -1,
            ListToTuple => 0,
            UnpackSequence(n) => n as i32 - 1,
            UnpackEx { before, after } => (before + after) as i32,
            FormatValue { has_spec, .. } => {
                if has_spec {
                    -1
                } else {
                    0
                }
            }
            Call(argc) => -(argc as i32),
            CallMethod(argc) => -(argc as i32) - 1,
            CallKw { argc, .. } => -(argc as i32),
            CallEx(has_kwargs) => {
                if has_kwargs {
                    -2
                } else {
                    -1
                }
            }
            MakeFunction(flags) => {
                -((flags & 1 != 0) as i32 + (flags & 2 != 0) as i32 + (flags & 4 != 0) as i32)
            }
            BuildClass(nbases) => -(nbases as i32) - 1,
            ReturnValue => -1,
            YieldValue => 0,
            YieldFrom => -1,
            SetupExcept(_) | PopBlock => 0,
            PopExcept => -1,
            Raise(n) => -(n as i32),
            Reraise => -1,
            CheckExcMatch => 0,
            BeforeWith => 1,
            WithExceptStart => 1,
            PrintExpr => -1,
            ImportName(_) => 1,
            ImportFrom(_) => 1,
            ImportStar => -1,
        }
    }
}
