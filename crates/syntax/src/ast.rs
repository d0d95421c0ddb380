//! The abstract syntax tree: what the parser produces and the compiler consumes.
//!
//! The shapes follow CPython's `ast` module closely, so that the compiler can mirror
//! CPython's code generation and tracebacks can point at the same source ranges.
//! Every statement and expression carries a [`Span`] of byte offsets into the source;
//! [`crate::LineIndex`] turns offsets into CPython-style line and column numbers.

use num_bigint::BigInt;

/// A half-open range of byte offsets `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: u32,
    /// Byte offset one past the last character.
    pub end: u32,
}

impl Span {
    /// Creates a span from two byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// An identifier as written in the source.
pub type Ident = String;

/// A whole module (file, `-c` string or one REPL input).
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The statements in order.
    pub body: Vec<Stmt>,
}

/// A statement with its source range.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// Where the statement is, from its first token to its last.
    pub span: Span,
    /// What kind of statement it is.
    pub kind: StmtKind,
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect (`f(x)`, or a bare value in the REPL).
    Expr(Expr),
    /// `t1 = t2 = value`: one or more targets, assigned left to right.
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation [= value]`; the annotation is evaluated and discarded.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    /// `if test: body elif ...: ... else: orelse` (an `elif` is a nested `If` in `orelse`).
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body else: orelse`.
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `pass`.
    Pass,
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del t1, t2`.
    Delete(Vec<Expr>),
    /// `assert test[, msg]`.
    Assert { test: Expr, msg: Option<Expr> },
    /// `global a, b`.
    Global(Vec<Ident>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Ident>),
    /// `raise [exc [from cause]]`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `try: body except...: handlers else: orelse finally: finalbody`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    /// `with a as x, b: body`.
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    /// `import a.b.c as d, e`.
    Import(Vec<Alias>),
    /// `from module import a, b as c` or `from module import *` (then `names` holds one
    /// alias named `*`). `level` counts leading dots of a relative import.
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    /// `def name(params) -> returns: body`, possibly decorated.
    FunctionDef(Box<FunctionDef>),
    /// `class name(bases, keywords): body`, possibly decorated.
    ClassDef(Box<ClassDef>),
}

/// A `def` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: Ident,
    /// The parameter list.
    pub params: Parameters,
    /// The body statements.
    pub body: Vec<Stmt>,
    /// Decorator expressions, outermost first, as written top to bottom.
    pub decorators: Vec<Expr>,
    /// The `-> annotation`, if any (evaluated and discarded).
    pub returns: Option<Expr>,
    /// Span of the `def` line's name, for error messages.
    pub name_span: Span,
}

/// A `class` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// The class name.
    pub name: Ident,
    /// Positional base-class expressions (may contain `Starred`).
    pub bases: Vec<Expr>,
    /// Keyword arguments such as `metaclass=...`.
    pub keywords: Vec<Keyword>,
    /// The class body.
    pub body: Vec<Stmt>,
    /// Decorator expressions, top to bottom.
    pub decorators: Vec<Expr>,
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The span of the `except ...:` line.
    pub span: Span,
    /// The exception type expression; `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// The `as name` binding.
    pub name: Option<Ident>,
    /// The handler body.
    pub body: Vec<Stmt>,
}

/// One item of a `with` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context_expr: Expr,
    /// The `as` target, if any.
    pub optional_vars: Option<Expr>,
}

/// `name [as asname]` in an import statement; `name` may be dotted (`os.path`).
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// Where the alias is written.
    pub span: Span,
    /// The (possibly dotted) imported name.
    pub name: String,
    /// The local name given with `as`.
    pub asname: Option<Ident>,
}

/// A keyword argument `arg=value`, or `**value` when `arg` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// Where the keyword argument is written.
    pub span: Span,
    /// The keyword, or `None` for `**mapping`.
    pub arg: Option<Ident>,
    /// The argument value.
    pub value: Expr,
}

/// A function's parameter list, in CPython's five groups.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parameters {
    /// Parameters before a `/`.
    pub posonly: Vec<Param>,
    /// Ordinary parameters, positional or keyword.
    pub args: Vec<Param>,
    /// `*args`.
    pub vararg: Option<Param>,
    /// Parameters after `*` or `*args`; each may have its own default.
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Param>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Where the parameter is written.
    pub span: Span,
    /// Its name.
    pub name: Ident,
    /// `: annotation`, evaluated and discarded.
    pub annotation: Option<Expr>,
    /// `= default`.
    pub default: Option<Expr>,
}

/// An expression with its source range.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Where the expression is, excluding any enclosing parentheses.
    pub span: Span,
    /// What kind of expression it is.
    pub kind: ExprKind,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A variable reference.
    Name(Ident),
    /// A literal (adjacent string literals are already concatenated).
    Constant(Constant),
    /// `a and b and c` / `a or b`.
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `left op right`; `op_span` is the operator token, used for the `~~^~~` traceback marks.
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
        op_span: Span,
    },
    /// `op operand`.
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `left op1 c1 op2 c2 ...` (chained comparison).
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `lambda params: body`.
    Lambda {
        params: Box<Parameters>,
        body: Box<Expr>,
    },
    /// `target := value`.
    NamedExpr { target: Box<Expr>, value: Box<Expr> },
    /// `func(args, keywords)`; `args` may contain `Starred`, keywords may be `**`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// `value.attr`.
    Attribute { value: Box<Expr>, attr: Ident },
    /// `value[index]`; `bracket_span` runs from `[` to `]` inclusive (traceback marks).
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
        bracket_span: Span,
    },
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    /// `*value` in a call, literal or assignment target.
    Starred(Box<Expr>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `{k: v, **m}`: a `None` key means `**value` unpacking.
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    /// `[elt for ...]`.
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`.
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`.
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`.
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// An f-string: the concatenation of its parts.
    JoinedStr(Vec<FStringPart>),
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FStringPart {
    /// Literal text (escapes and `{{`/`}}` already resolved).
    Literal(String),
    /// A `{value!conversion:format_spec}` replacement field.
    Formatted {
        /// The expression inside the braces.
        value: Box<Expr>,
        /// `!r`, `!s` or `!a`.
        conversion: Option<char>,
        /// The format spec after `:`, itself an f-string (it may contain `{...}`).
        format_spec: Option<Vec<FStringPart>>,
        /// For `{expr=}`: the literal text `expr=` that precedes the value.
        debug_text: Option<String>,
    },
}

/// One `for target in iter if cond ...` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` filters.
    pub ifs: Vec<Expr>,
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal of any size.
    Int(BigInt),
    /// A float literal.
    Float(f64),
    /// An imaginary literal such as `2j` (the imaginary part).
    Complex(f64),
    /// A string literal.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

/// Binary arithmetic and bitwise operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not x`.
    Not,
    /// `-x`.
    USub,
    /// `+x`.
    UAdd,
    /// `~x`.
    Invert,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
