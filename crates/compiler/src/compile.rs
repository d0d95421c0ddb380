//! Code generation: walks the AST with the symbol table and emits instructions.
//!
//! The shapes follow CPython 3.11's `compile.c`, translated to the block protocol of
//! `gilded_bytecode` (`SetupExcept`/`PopBlock`/`PopExcept`). A handler entered by the
//! VM finds `[..., prev, exc]` on the stack; this compiler keeps `exc` on the stack for
//! the whole handler so that every nested handler block's depth matches the stack.

use crate::location::{error_at, span_location, with_anchor};
use crate::stack::max_stack_depth;
use crate::symtable::{
    self, mangle, NodeRef, ScopeId, ScopeKind, SymbolScope, SymbolTable, MAX_NESTING, RECURSION_MSG,
};
use crate::{CompileError, Mode};
use gilded_bytecode::opcode::make_function_flags as mf;
use gilded_bytecode::{
    BinaryOperator, CodeFlags, CodeObject, ComparisonOperator, Constant as Const, Conversion,
    Instruction, Location, UnaryOperator,
};
use gilded_syntax::ast::{self, *};
use gilded_syntax::LineIndex;
use num_traits::ToPrimitive;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

type Result<T> = std::result::Result<T, CompileError>;

/// Compiles a module in `mode`.
pub(crate) fn compile_module(
    module: &Module,
    index: &LineIndex,
    filename: &str,
    mode: Mode,
) -> Result<Arc<CodeObject>> {
    let table = symtable::build_module(module, index)?;
    let mut c = Compiler::new(index, filename, table, mode);
    c.enter_unit(0, "<module>", 1, None);
    match mode {
        Mode::Eval => {
            let expr = match module.body.as_slice() {
                [Stmt {
                    kind: StmtKind::Expr(e),
                    ..
                }] => e,
                [] => return Err(error_at(index, Span::default(), "invalid syntax")),
                [_, second, ..] | [second] => {
                    return Err(error_at(index, second.span, "invalid syntax"))
                }
            };
            c.visit_expr(expr)?;
            c.emit(Instruction::ReturnValue);
        }
        Mode::Module | Mode::Interactive => {
            let mut body = module.body.as_slice();
            if mode == Mode::Module {
                if let Some((doc, stmt)) = docstring(body) {
                    c.set_loc(c.loc_of(stmt.span));
                    c.load_const(Const::Str(doc.into()));
                    c.emit_name_raw(NameInstr::Store, "__doc__");
                    body = &body[1..];
                }
            }
            c.visit_body(body)?;
            if let Some(last) = module.body.last() {
                c.set_loc(c.loc_of(last.span));
            }
            c.return_none();
        }
    }
    c.exit_unit()
}

/// Compiles a single expression that returns its value.
pub(crate) fn compile_expression(
    expr: &Expr,
    index: &LineIndex,
    filename: &str,
) -> Result<Arc<CodeObject>> {
    let table = symtable::build_expression(expr, index)?;
    let mut c = Compiler::new(index, filename, table, Mode::Eval);
    c.enter_unit(0, "<module>", 1, None);
    c.visit_expr(expr)?;
    c.emit(Instruction::ReturnValue);
    c.exit_unit()
}

/// The docstring of a body: its first statement when that is a string literal.
fn docstring(body: &[Stmt]) -> Option<(&str, &Stmt)> {
    match body.first() {
        Some(
            stmt @ Stmt {
                kind:
                    StmtKind::Expr(Expr {
                        kind: ExprKind::Constant(ast::Constant::Str(s)),
                        ..
                    }),
                ..
            },
        ) => Some((s.as_str(), stmt)),
        _ => None,
    }
}

/// A forward or backward jump destination, resolved when the unit is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(u32);

/// Hashable identity of a constant, for deduplication (floats by bit pattern, so
/// `0.0` and `-0.0` stay distinct, as do `0`, `0.0` and `False`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    BigInt(String),
    Float(u64),
    Complex(u64),
    Str(Arc<str>),
    Bytes(Arc<[u8]>),
    Tuple(Vec<ConstKey>),
    Ellipsis,
}

fn const_key(c: &Const) -> Option<ConstKey> {
    Some(match c {
        Const::None => ConstKey::None,
        Const::Bool(b) => ConstKey::Bool(*b),
        Const::Int(i) => ConstKey::Int(*i),
        Const::BigInt(b) => ConstKey::BigInt(b.to_string()),
        Const::Float(f) => ConstKey::Float(f.to_bits()),
        Const::Complex(f) => ConstKey::Complex(f.to_bits()),
        Const::Str(s) => ConstKey::Str(s.clone()),
        Const::Bytes(b) => ConstKey::Bytes(b.clone()),
        Const::Tuple(items) => {
            ConstKey::Tuple(items.iter().map(const_key).collect::<Option<Vec<_>>>()?)
        }
        Const::Code(_) => return None,
        Const::Ellipsis => ConstKey::Ellipsis,
    })
}

/// A CPython-style "frame block": what must be undone when `return`, `break` or
/// `continue` leaves a construct early.
#[derive(Clone, Debug)]
enum FBlock<'a> {
    WhileLoop {
        start: Label,
        end: Label,
    },
    ForLoop {
        start: Label,
        end: Label,
    },
    /// Inside `try:` (a handler block is pushed).
    TryExcept,
    /// Inside the `try:` of a `try/finally`: leaving runs the finally body.
    FinallyTry {
        body: &'a [Stmt],
    },
    /// Inside the exception path of a finally body: `[prev, exc]` on the stack.
    FinallyEnd,
    /// Inside a `with` body: `__exit__` on the stack.
    With {
        loc: Location,
    },
    /// Matching `except` clauses: nothing to undo here (no statements run).
    ExceptionHandler,
    /// Inside an `except` body: `[prev, exc]` on the stack, a cleanup block pushed, and
    /// for `except E as name` a second block and the name to clear.
    HandlerCleanup {
        name: Option<&'a str>,
    },
    /// A pending return value on the stack while a finally body is inlined.
    PopValue,
}

/// One code object being built.
struct Unit<'a> {
    scope: ScopeId,
    kind: ScopeKind,
    name: String,
    qualname: String,
    first_line: u32,
    private: Option<String>,
    instructions: Vec<Instruction>,
    locations: Vec<Location>,
    constants: Vec<Const>,
    const_map: HashMap<ConstKey, u32>,
    names: Vec<Arc<str>>,
    name_map: HashMap<String, u32>,
    varnames: Vec<Arc<str>>,
    var_map: HashMap<String, u32>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    cell_params: Vec<(u32, u32)>,
    labels: Vec<u32>,
    fblocks: Vec<FBlock<'a>>,
    loc: Location,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    flags: CodeFlags,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NameInstr {
    Load,
    Store,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Set,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

struct Compiler<'a> {
    index: &'a LineIndex,
    filename: Arc<str>,
    table: SymbolTable,
    units: Vec<Unit<'a>>,
    mode: Mode,
    depth: usize,
}

const UNBOUND: u32 = u32::MAX;

impl<'a> Compiler<'a> {
    fn new(index: &'a LineIndex, filename: &str, table: SymbolTable, mode: Mode) -> Self {
        Compiler {
            index,
            filename: filename.into(),
            table,
            units: Vec::new(),
            mode,
            depth: 0,
        }
    }

    // ----- units -----------------------------------------------------------------

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("no unit")
    }

    fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("no unit")
    }

    fn enter_unit(&mut self, scope: ScopeId, name: &str, first_line: u32, loc: Option<Location>) {
        let s = &self.table.scopes[scope];
        let kind = s.kind;
        let qualname = match self.units.last() {
            Some(parent) if self.units.len() > 1 => {
                let force_global = matches!(kind, ScopeKind::Function | ScopeKind::Class)
                    && self.table.scopes[parent.scope]
                        .lookup(&mangle(parent.private.as_deref(), name))
                        .is_some_and(|sym| sym.scope == SymbolScope::GlobalExplicit);
                if force_global {
                    name.to_string()
                } else if matches!(parent.kind, ScopeKind::Function | ScopeKind::Lambda) {
                    format!("{}.<locals>.{}", parent.qualname, name)
                } else {
                    format!("{}.{}", parent.qualname, name)
                }
            }
            _ => name.to_string(),
        };
        let cellvars = s.cellvars();
        let freevars = s.freevars();
        let mut varnames = Vec::new();
        let mut var_map = HashMap::new();
        for p in &s.params {
            var_map.insert(p.clone(), varnames.len() as u32);
            varnames.push(Arc::from(p.as_str()));
        }
        let cell_params = cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| {
                s.params
                    .iter()
                    .position(|p| p == c)
                    .map(|pi| (ci as u32, pi as u32))
            })
            .collect();
        let flags = CodeFlags {
            generator: s.generator,
            uses_namespace: matches!(kind, ScopeKind::Module | ScopeKind::Class),
            ..CodeFlags::default()
        };
        let loc = loc.unwrap_or(Location {
            line: first_line,
            end_line: first_line,
            col: 0,
            end_col: 0,
            anchor: None,
        });
        self.units.push(Unit {
            scope,
            kind,
            name: name.to_string(),
            qualname,
            first_line,
            private: s.private.clone(),
            instructions: Vec::new(),
            locations: Vec::new(),
            constants: Vec::new(),
            const_map: HashMap::new(),
            names: Vec::new(),
            name_map: HashMap::new(),
            varnames,
            var_map,
            cellvars,
            freevars,
            cell_params,
            labels: Vec::new(),
            fblocks: Vec::new(),
            loc,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags,
        });
    }

    fn exit_unit(&mut self) -> Result<Arc<CodeObject>> {
        let mut u = self.units.pop().expect("no unit");
        for instr in u.instructions.iter_mut() {
            if let Some(label) = instr.jump_target() {
                let target = u.labels[label as usize];
                debug_assert!(target != UNBOUND, "unbound label");
                instr.set_jump_target(target);
            }
        }
        let max_stack = max_stack_depth(&u.instructions).map_err(|msg| CompileError {
            msg: format!("internal compiler error in {}: {msg}", u.qualname),
            line: u.first_line,
            col: 1,
            end_line: u.first_line,
            end_col: 1,
        })?;
        Ok(Arc::new(CodeObject {
            name: u.name.into(),
            qualname: u.qualname.into(),
            filename: self.filename.clone(),
            first_line: u.first_line,
            instructions: u.instructions,
            locations: u.locations,
            constants: u.constants,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars.iter().map(|s| Arc::from(s.as_str())).collect(),
            freevars: u.freevars.iter().map(|s| Arc::from(s.as_str())).collect(),
            cell_params: u.cell_params,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            max_stack,
        }))
    }

    // ----- emission --------------------------------------------------------------

    fn emit(&mut self, instr: Instruction) {
        let u = self.unit();
        u.instructions.push(instr);
        u.locations.push(u.loc);
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(UNBOUND);
        Label(u.labels.len() as u32 - 1)
    }

    fn bind(&mut self, label: Label) {
        let u = self.unit();
        u.labels[label.0 as usize] = u.instructions.len() as u32;
    }

    fn emit_jump(&mut self, make: fn(u32) -> Instruction, label: Label) {
        self.emit(make(label.0));
    }

    fn loc_of(&self, span: Span) -> Location {
        span_location(self.index, span)
    }

    fn set_loc(&mut self, loc: Location) -> Location {
        std::mem::replace(&mut self.unit().loc, loc)
    }

    fn err(&self, span: Span, msg: impl Into<String>) -> CompileError {
        error_at(self.index, span, msg)
    }

    fn add_const(&mut self, c: Const) -> u32 {
        let u = self.unit();
        match const_key(&c) {
            Some(key) => {
                if let Some(&i) = u.const_map.get(&key) {
                    return i;
                }
                let i = u.constants.len() as u32;
                u.constants.push(c);
                u.const_map.insert(key, i);
                i
            }
            None => {
                u.constants.push(c);
                u.constants.len() as u32 - 1
            }
        }
    }

    fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Instruction::LoadConst(i));
    }

    fn return_none(&mut self) {
        self.load_const(Const::None);
        self.emit(Instruction::ReturnValue);
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_map.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.into());
        u.name_map.insert(name.to_string(), i);
        i
    }

    /// The mangled form of an attribute or variable name in the current unit.
    fn mangled(&self, name: &str) -> String {
        mangle(self.unit_ref().private.as_deref(), name)
    }

    fn emit_name_raw(&mut self, op: NameInstr, name: &str) {
        let i = self.name_index(name);
        self.emit(match op {
            NameInstr::Load => Instruction::LoadName(i),
            NameInstr::Store => Instruction::StoreName(i),
        });
    }

    fn var_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.var_map.get(name) {
            return i;
        }
        let i = u.varnames.len() as u32;
        u.varnames.push(name.into());
        u.var_map.insert(name.to_string(), i);
        i
    }

    /// The cell index of `name`: cellvars first, then freevars.
    fn deref_index(&self, name: &str) -> Option<u32> {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|c| c == name) {
            return Some(i as u32);
        }
        u.freevars
            .iter()
            .position(|c| c == name)
            .map(|i| (u.cellvars.len() + i) as u32)
    }

    fn internal_error(&self, what: String) -> CompileError {
        let loc = self.unit_ref().loc;
        CompileError {
            msg: format!("internal compiler error: {what}"),
            line: loc.line,
            col: loc.col + 1,
            end_line: loc.end_line,
            end_col: loc.end_col + 1,
        }
    }

    /// Emits the load, store or delete of variable `name` per its resolved scope.
    fn name_op(&mut self, name: &str, ctx: Ctx) -> Result<()> {
        use Instruction::*;
        let mangled = self.mangled(name);
        let u = self.unit_ref();
        let kind = u.kind;
        let scope = self.table.scopes[u.scope].lookup(&mangled).map(|s| s.scope);
        let function_like = kind.is_function_like();
        match scope {
            Some(SymbolScope::Free) | Some(SymbolScope::Cell) => {
                let Some(cell) = self.deref_index(&mangled) else {
                    return Err(self.internal_error(format!("no cell for '{mangled}'")));
                };
                match ctx {
                    Ctx::Load if kind == ScopeKind::Class => {
                        let name = self.name_index(&mangled);
                        self.emit(LoadClassDeref { name, cell })
                    }
                    Ctx::Load => self.emit(LoadDeref(cell)),
                    Ctx::Store => self.emit(StoreDeref(cell)),
                    Ctx::Del => self.emit(DeleteDeref(cell)),
                }
            }
            Some(SymbolScope::Local) if function_like => {
                let i = self.var_index(&mangled);
                self.emit(match ctx {
                    Ctx::Load => LoadFast(i),
                    Ctx::Store => StoreFast(i),
                    Ctx::Del => DeleteFast(i),
                });
            }
            Some(SymbolScope::GlobalExplicit) => self.global_op(&mangled, ctx),
            Some(SymbolScope::GlobalImplicit) | None if function_like => {
                self.global_op(&mangled, ctx)
            }
            _ => {
                let i = self.name_index(&mangled);
                self.emit(match ctx {
                    Ctx::Load => LoadName(i),
                    Ctx::Store => StoreName(i),
                    Ctx::Del => DeleteName(i),
                });
            }
        }
        Ok(())
    }

    fn global_op(&mut self, name: &str, ctx: Ctx) {
        let i = self.name_index(name);
        self.emit(match ctx {
            Ctx::Load => Instruction::LoadGlobal(i),
            Ctx::Store => Instruction::StoreGlobal(i),
            Ctx::Del => Instruction::DeleteGlobal(i),
        });
    }

    fn nest(&mut self, span: Span) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.err(span, RECURSION_MSG));
        }
        Ok(())
    }

    // ----- statements ------------------------------------------------------------

    fn visit_body(&mut self, body: &'a [Stmt]) -> Result<()> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) -> Result<()> {
        self.nest(stmt.span)?;
        let loc = self.loc_of(stmt.span);
        let old = self.set_loc(loc);
        self.visit_stmt_inner(stmt, loc)?;
        self.set_loc(old);
        self.depth -= 1;
        Ok(())
    }

    /// Dispatches on the statement kind; every arm is a call so that this frame, which
    /// sits on the recursion path, stays small in debug builds.
    fn visit_stmt_inner(&mut self, stmt: &'a Stmt, loc: Location) -> Result<()> {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Assign { targets, value } => self.assign(targets, value),
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value, loc),
            StmtKind::AnnAssign { target, value, .. } => self.ann_assign(target, value.as_ref()),
            StmtKind::If { test, body, orelse } => self.if_stmt(test, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse, loc),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_stmt(target, iter, body, orelse, loc),
            StmtKind::Break => self.break_stmt(stmt.span),
            StmtKind::Continue => self.continue_stmt(stmt.span),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), stmt.span, loc),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => self.assert_stmt(test, msg.as_ref()),
            StmtKind::Raise { exc, cause } => self.raise_stmt(exc.as_ref(), cause.as_ref()),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, loc)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, loc)
                }
            }
            StmtKind::With { items, body } => self.with(items, 0, body, loc),
            StmtKind::Import(aliases) => self.import(aliases),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.import_from(module.as_deref(), names, *level),
            StmtKind::FunctionDef(f) => self.function_def(f, loc),
            StmtKind::ClassDef(c) => self.class_def(c, loc),
        }
    }

    fn expr_stmt(&mut self, e: &'a Expr) -> Result<()> {
        if self.mode == Mode::Interactive && self.units.len() == 1 {
            self.visit_expr(e)?;
            self.emit(Instruction::PrintExpr);
        } else if !matches!(e.kind, ExprKind::Constant(_)) {
            self.visit_expr(e)?;
            self.emit(Instruction::Pop);
        }
        Ok(())
    }

    fn assign(&mut self, targets: &'a [Expr], value: &'a Expr) -> Result<()> {
        self.visit_expr(value)?;
        for (i, t) in targets.iter().enumerate() {
            if i + 1 < targets.len() {
                self.emit(Instruction::Copy(1));
            }
            self.store_target(t)?;
        }
        Ok(())
    }

    fn ann_assign(&mut self, target: &'a Expr, value: Option<&'a Expr>) -> Result<()> {
        use Instruction::*;
        if let Some(v) = value {
            self.visit_expr(v)?;
            return self.store_target(target);
        }
        match &target.kind {
            ExprKind::Name(_) => {}
            ExprKind::Attribute { value, .. } => {
                self.visit_expr(value)?;
                self.emit(Pop);
            }
            ExprKind::Subscript { value, index, .. } => {
                self.visit_expr(value)?;
                self.emit(Pop);
                self.visit_expr(index)?;
                self.emit(Pop);
            }
            _ => return Err(self.err(target.span, "illegal target for annotation")),
        }
        Ok(())
    }

    fn if_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Result<()> {
        let end = self.new_label();
        if orelse.is_empty() {
            self.jump_if(test, false, end)?;
            self.visit_body(body)?;
        } else {
            let else_l = self.new_label();
            self.jump_if(test, false, else_l)?;
            self.visit_body(body)?;
            self.emit_jump(Instruction::Jump, end);
            self.bind(else_l);
            self.visit_body(orelse)?;
        }
        self.bind(end);
        Ok(())
    }

    fn while_stmt(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Location,
    ) -> Result<()> {
        let start = self.new_label();
        let else_l = self.new_label();
        let end = self.new_label();
        self.bind(start);
        if !is_constant_true(test) {
            self.jump_if(test, false, else_l)?;
        }
        self.unit().fblocks.push(FBlock::WhileLoop { start, end });
        self.visit_body(body)?;
        self.unit().fblocks.pop();
        self.set_loc(loc);
        self.emit_jump(Instruction::Jump, start);
        self.bind(else_l);
        self.visit_body(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Location,
    ) -> Result<()> {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.visit_expr(iter)?;
        self.emit(Instruction::GetIter);
        self.bind(start);
        self.emit_jump(Instruction::ForIter, cleanup);
        self.unit().fblocks.push(FBlock::ForLoop { start, end });
        self.store_target(target)?;
        self.visit_body(body)?;
        self.unit().fblocks.pop();
        self.set_loc(loc);
        self.emit_jump(Instruction::Jump, start);
        self.bind(cleanup);
        self.visit_body(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn break_stmt(&mut self, span: Span) -> Result<()> {
        match self.unwind_fblock_stack(false, true)? {
            Some(FBlock::ForLoop { end, .. }) => {
                self.emit(Instruction::Pop);
                self.emit_jump(Instruction::Jump, end);
            }
            Some(FBlock::WhileLoop { end, .. }) => self.emit_jump(Instruction::Jump, end),
            _ => return Err(self.err(span, "'break' outside loop")),
        }
        Ok(())
    }

    fn continue_stmt(&mut self, span: Span) -> Result<()> {
        match self.unwind_fblock_stack(false, true)? {
            Some(FBlock::ForLoop { start, .. }) | Some(FBlock::WhileLoop { start, .. }) => {
                self.emit_jump(Instruction::Jump, start)
            }
            _ => return Err(self.err(span, "'continue' not properly in loop")),
        }
        Ok(())
    }

    fn return_stmt(&mut self, value: Option<&'a Expr>, span: Span, loc: Location) -> Result<()> {
        if !self.unit_ref().kind.is_function_like() {
            return Err(self.err(span, "'return' outside function"));
        }
        match value {
            Some(v) => self.visit_expr(v)?,
            None => self.load_const(Const::None),
        }
        self.unwind_fblock_stack(true, false)?;
        self.set_loc(loc);
        self.emit(Instruction::ReturnValue);
        Ok(())
    }

    fn assert_stmt(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> Result<()> {
        use Instruction::*;
        let ok = self.new_label();
        self.jump_if(test, true, ok)?;
        // CPython 3.11 attributes the raise to the failed test expression.
        let test_loc = self.loc_of(test.span);
        let saved = self.set_loc(test_loc);
        let i = self.name_index("AssertionError");
        self.emit(LoadGlobal(i));
        if let Some(m) = msg {
            self.visit_expr(m)?;
            self.emit(Call(1));
        }
        self.emit(Raise(1));
        self.set_loc(saved);
        self.bind(ok);
        Ok(())
    }

    fn raise_stmt(&mut self, exc: Option<&'a Expr>, cause: Option<&'a Expr>) -> Result<()> {
        let mut n = 0;
        if let Some(e) = exc {
            self.visit_expr(e)?;
            n = 1;
            if let Some(c) = cause {
                self.visit_expr(c)?;
                n = 2;
            }
        }
        self.emit(Instruction::Raise(n));
        Ok(())
    }

    fn import(&mut self, aliases: &'a [Alias]) -> Result<()> {
        use Instruction::*;
        for a in aliases {
            let i = self.name_index(&a.name);
            self.emit(ImportName(i));
            match &a.asname {
                Some(asname) => self.name_op(asname, Ctx::Store)?,
                None => {
                    let top = a.name.split('.').next().unwrap_or(&a.name);
                    if top != a.name {
                        self.emit(Pop);
                        let i = self.name_index(top);
                        self.emit(ImportName(i));
                    }
                    self.name_op(top, Ctx::Store)?;
                }
            }
        }
        Ok(())
    }

    fn import_from(&mut self, module: Option<&str>, names: &'a [Alias], level: u32) -> Result<()> {
        use Instruction::*;
        let mut full = ".".repeat(level as usize);
        if let Some(m) = module {
            full.push_str(m);
        }
        let i = self.name_index(&full);
        self.emit(ImportName(i));
        if names.len() == 1 && names[0].name == "*" {
            self.emit(ImportStar);
            return Ok(());
        }
        for a in names {
            let i = self.name_index(&a.name);
            self.emit(ImportFrom(i));
            self.name_op(a.asname.as_deref().unwrap_or(&a.name), Ctx::Store)?;
        }
        self.emit(Pop);
        Ok(())
    }

    fn aug_assign(
        &mut self,
        target: &'a Expr,
        op: BinOp,
        value: &'a Expr,
        loc: Location,
    ) -> Result<()> {
        use Instruction::*;
        let tloc = self.loc_of(target.span);
        match &target.kind {
            ExprKind::Name(n) => {
                self.set_loc(tloc);
                self.name_op(n, Ctx::Load)?;
                self.set_loc(loc);
                self.visit_expr(value)?;
                self.emit(InplaceOp(binop(op)));
                self.set_loc(tloc);
                self.name_op(n, Ctx::Store)?;
            }
            ExprKind::Attribute { value: obj, attr } => {
                let aloc = self.attr_loc(target, attr);
                let name = self.mangled(attr);
                let ni = self.name_index(&name);
                self.set_loc(tloc);
                self.visit_expr(obj)?;
                self.emit(Copy(1));
                self.set_loc(aloc);
                self.emit(LoadAttr(ni));
                self.set_loc(loc);
                self.visit_expr(value)?;
                self.emit(InplaceOp(binop(op)));
                self.set_loc(aloc);
                self.emit(Swap(2));
                self.emit(StoreAttr(ni));
            }
            ExprKind::Subscript {
                value: container,
                index,
                bracket_span,
            } => {
                let sloc = with_anchor(self.index, tloc, *bracket_span);
                self.set_loc(sloc);
                self.visit_expr(container)?;
                self.visit_expr(index)?;
                self.emit(Copy(2));
                self.emit(Copy(2));
                self.emit(BinarySubscr);
                self.set_loc(loc);
                self.visit_expr(value)?;
                self.emit(InplaceOp(binop(op)));
                self.set_loc(sloc);
                self.emit(Swap(3));
                self.emit(Swap(2));
                self.emit(StoreSubscr);
            }
            _ => {
                return Err(self.err(
                    target.span,
                    "'expression' is an illegal expression for augmented assignment",
                ))
            }
        }
        Ok(())
    }

    /// Emits the code undoing one frame block (`preserve`: keep TOS, a return value).
    fn unwind_fblock(&mut self, block: &FBlock<'a>, preserve: bool) -> Result<()> {
        use Instruction::*;
        match block {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler => {}
            FBlock::ForLoop { .. } | FBlock::PopValue => {
                if preserve {
                    self.emit(Swap(2));
                }
                self.emit(Pop);
            }
            FBlock::TryExcept => self.emit(PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(PopBlock);
                if preserve {
                    self.unit().fblocks.push(FBlock::PopValue);
                }
                self.visit_body(body)?;
                if preserve {
                    self.unit().fblocks.pop();
                }
            }
            FBlock::FinallyEnd => {
                self.emit(PopBlock);
                self.pop_exc_and_prev(preserve);
            }
            FBlock::With { loc } => {
                self.emit(PopBlock);
                if preserve {
                    self.emit(Swap(2));
                }
                let old = self.set_loc(*loc);
                self.call_exit_with_nones();
                self.set_loc(old);
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(PopBlock);
                }
                self.emit(PopBlock);
                self.pop_exc_and_prev(preserve);
                if let Some(name) = name {
                    self.clear_name(name)?;
                }
            }
        }
        Ok(())
    }

    /// `[prev, exc, (value)]` → `[(value)]`, restoring `prev` as the handled exception.
    fn pop_exc_and_prev(&mut self, preserve: bool) {
        use Instruction::*;
        if preserve {
            self.emit(Swap(2));
            self.emit(Pop);
            self.emit(Swap(2));
        } else {
            self.emit(Pop);
        }
        self.emit(PopExcept);
    }

    /// `name = None; del name` (end of `except E as name`).
    fn clear_name(&mut self, name: &str) -> Result<()> {
        self.load_const(Const::None);
        self.name_op(name, Ctx::Store)?;
        self.name_op(name, Ctx::Del)
    }

    fn call_exit_with_nones(&mut self) {
        use Instruction::*;
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.load_const(Const::None);
        self.emit(Call(3));
        self.emit(Pop);
    }

    /// Unwinds frame blocks from the innermost outwards, stopping at a loop when
    /// `stop_at_loop` (break/continue); returns that loop's block.
    fn unwind_fblock_stack(
        &mut self,
        preserve: bool,
        stop_at_loop: bool,
    ) -> Result<Option<FBlock<'a>>> {
        let Some(top) = self.unit_ref().fblocks.last().cloned() else {
            return Ok(None);
        };
        if stop_at_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        self.unit().fblocks.pop();
        let result = self
            .unwind_fblock(&top, preserve)
            .and_then(|()| self.unwind_fblock_stack(preserve, stop_at_loop));
        self.unit().fblocks.push(top);
        result
    }

    /// The handler of a cleanup block: `[..., prev, X, handled, exc2]` (with `X` the
    /// item kept under the block) → restore `prev`, re-raise `exc2`.
    fn emit_cleanup_reraise(&mut self) {
        use Instruction::*;
        self.emit(Swap(2));
        self.emit(Pop);
        self.emit(Swap(2));
        self.emit(Pop);
        self.emit(Swap(2));
        self.emit(PopExcept);
        self.emit(Reraise);
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        loc: Location,
    ) -> Result<()> {
        use Instruction::*;
        let handler_l = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.emit_jump(SetupExcept, handler_l);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.visit_body(body)?;
        self.unit().fblocks.pop();
        self.set_loc(loc);
        self.emit(PopBlock);
        self.visit_body(orelse)?;
        self.set_loc(loc);
        self.emit_jump(Jump, end);

        // Stack: [prev, exc]; exc is the handled exception.
        self.bind(handler_l);
        self.emit_jump(SetupExcept, cleanup);
        self.unit().fblocks.push(FBlock::ExceptionHandler);
        for (i, h) in handlers.iter().enumerate() {
            let hloc = self.loc_of(h.span);
            self.set_loc(hloc);
            let next = self.new_label();
            match &h.typ {
                Some(t) => {
                    self.visit_expr(t)?;
                    self.emit(CheckExcMatch);
                    self.emit_jump(PopJumpIfFalse, next);
                }
                None if i + 1 < handlers.len() => {
                    return Err(self.err(h.span, "default 'except:' must be last"))
                }
                None => {}
            }
            match &h.name {
                Some(name) => {
                    let named_cleanup = self.new_label();
                    self.emit(Copy(1));
                    self.name_op(name, Ctx::Store)?;
                    self.emit_jump(SetupExcept, named_cleanup);
                    self.unit().fblocks.push(FBlock::HandlerCleanup {
                        name: Some(name.as_str()),
                    });
                    self.visit_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.set_loc(hloc);
                    self.emit(PopBlock);
                    self.clear_name(name)?;
                    self.emit(PopBlock);
                    self.emit(Pop);
                    self.emit(PopExcept);
                    self.emit_jump(Jump, end);
                    // An exception in the body: [prev, exc, handled, exc2].
                    self.bind(named_cleanup);
                    self.clear_name(name)?;
                    self.emit(Reraise);
                }
                None => {
                    self.unit()
                        .fblocks
                        .push(FBlock::HandlerCleanup { name: None });
                    self.visit_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.set_loc(hloc);
                    self.emit(PopBlock);
                    self.emit(Pop);
                    self.emit(PopExcept);
                    self.emit_jump(Jump, end);
                }
            }
            self.bind(next);
        }
        self.unit().fblocks.pop();
        // No handler matched: restore prev and re-raise exc.
        self.set_loc(loc);
        self.emit(PopBlock);
        self.emit(Swap(2));
        self.emit(PopExcept);
        self.emit(Reraise);
        self.bind(cleanup);
        self.emit_cleanup_reraise();
        self.bind(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        loc: Location,
    ) -> Result<()> {
        use Instruction::*;
        let handler_l = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.emit_jump(SetupExcept, handler_l);
        self.unit()
            .fblocks
            .push(FBlock::FinallyTry { body: finalbody });
        if handlers.is_empty() {
            self.visit_body(body)?;
            self.visit_body(orelse)?;
        } else {
            self.try_except(body, handlers, orelse, loc)?;
        }
        self.unit().fblocks.pop();
        self.set_loc(loc);
        self.emit(PopBlock);
        self.visit_body(finalbody)?;
        self.set_loc(loc);
        self.emit_jump(Jump, end);

        // Exception path: [prev, exc].
        self.bind(handler_l);
        self.emit_jump(SetupExcept, cleanup);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.visit_body(finalbody)?;
        self.unit().fblocks.pop();
        self.set_loc(loc);
        self.emit(PopBlock);
        self.emit(Swap(2));
        self.emit(PopExcept);
        self.emit(Reraise);
        self.bind(cleanup);
        self.emit_cleanup_reraise();
        self.bind(end);
        Ok(())
    }

    fn with(
        &mut self,
        items: &'a [WithItem],
        i: usize,
        body: &'a [Stmt],
        loc: Location,
    ) -> Result<()> {
        use Instruction::*;
        let item = &items[i];
        let exc_l = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.visit_expr(&item.context_expr)?;
        self.set_loc(loc);
        self.emit(BeforeWith);
        match &item.optional_vars {
            Some(t) => self.store_target(t)?,
            None => self.emit(Pop),
        }
        self.emit_jump(SetupExcept, exc_l);
        self.unit().fblocks.push(FBlock::With { loc });
        if i + 1 < items.len() {
            self.with(items, i + 1, body, loc)?;
        } else {
            self.visit_body(body)?;
        }
        self.unit().fblocks.pop();
        self.set_loc(loc);
        self.emit(PopBlock);
        self.call_exit_with_nones();
        self.emit_jump(Jump, end);

        // Stack: [exit, prev, exc].
        self.bind(exc_l);
        self.emit_jump(SetupExcept, cleanup);
        self.emit(WithExceptStart);
        self.emit_jump(PopJumpIfTrue, suppress);
        self.emit(PopBlock);
        self.emit(Swap(2));
        self.emit(PopExcept);
        self.emit(Swap(2));
        self.emit(Pop);
        self.emit(Reraise);
        self.bind(suppress);
        self.emit(Pop);
        self.emit(PopBlock);
        self.emit(PopExcept);
        self.emit(Pop);
        self.emit_jump(Jump, end);
        // __exit__ raised: [exit, prev, exc, handled, exc2].
        self.bind(cleanup);
        self.emit(Swap(2));
        self.emit(Pop);
        self.emit(Swap(2));
        self.emit(Pop);
        self.emit(Swap(2));
        self.emit(PopExcept);
        self.emit(Swap(2));
        self.emit(Pop);
        self.emit(Reraise);
        self.bind(end);
        Ok(())
    }

    // ----- functions and classes -------------------------------------------------

    /// Pushes the defaults tuple and kw-defaults dict; returns the MakeFunction flags.
    fn defaults(&mut self, params: &'a Parameters) -> Result<u8> {
        use Instruction::*;
        let mut flags = 0;
        let mut n = 0;
        for p in params.posonly.iter().chain(&params.args) {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit(BuildTuple(n));
            flags |= mf::DEFAULTS;
        }
        let mut k = 0;
        for p in &params.kwonly {
            if let Some(d) = &p.default {
                let key = self.mangled(&p.name);
                self.load_const(Const::Str(key.into()));
                self.visit_expr(d)?;
                k += 1;
            }
        }
        if k > 0 {
            self.emit(BuildMap(k));
            flags |= mf::KW_DEFAULTS;
        }
        Ok(flags)
    }

    fn set_param_counts(&mut self, params: &Parameters) {
        let u = self.unit();
        u.posonlyargcount = params.posonly.len() as u32;
        u.argcount = (params.posonly.len() + params.args.len()) as u32;
        u.kwonlyargcount = params.kwonly.len() as u32;
        u.flags.varargs = params.vararg.is_some();
        u.flags.varkeywords = params.kwarg.is_some();
    }

    /// Pushes the closure tuple (if any), the code and `MakeFunction(flags)`.
    fn make_closure(&mut self, code: Arc<CodeObject>, mut flags: u8) -> Result<()> {
        use Instruction::*;
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let Some(i) = self.deref_index(name) else {
                    return Err(self.internal_error(format!("free variable '{name}' not found")));
                };
                self.emit(LoadClosure(i));
            }
            self.emit(BuildTuple(code.freevars.len() as u32));
            flags |= mf::CLOSURE;
        }
        self.load_const(Const::Code(code));
        self.emit(MakeFunction(flags));
        Ok(())
    }

    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        for d in decorators.iter().rev() {
            let loc = self.loc_of(d.span);
            let old = self.set_loc(loc);
            self.emit(Instruction::Call(1));
            self.set_loc(old);
        }
    }

    fn function_def(&mut self, f: &'a FunctionDef, loc: Location) -> Result<()> {
        for d in &f.decorators {
            self.visit_expr(d)?;
        }
        let first_line = f
            .decorators
            .first()
            .map(|d| self.loc_of(d.span).line)
            .unwrap_or(loc.line);
        let flags = self.defaults(&f.params)?;
        let scope = self.table.scope_of(NodeRef::Function(f));
        self.enter_unit(scope, &f.name, first_line, Some(loc));
        self.set_param_counts(&f.params);
        let mut body = f.body.as_slice();
        match docstring(body) {
            Some((doc, _)) => {
                self.add_const(Const::Str(doc.into()));
                body = &body[1..];
            }
            None => {
                self.add_const(Const::None);
            }
        }
        self.visit_body(body)?;
        if let Some(last) = f.body.last() {
            let l = self.loc_of(last.span);
            self.set_loc(l);
        }
        self.return_none();
        let code = self.exit_unit()?;
        self.make_closure(code, flags)?;
        self.apply_decorators(&f.decorators);
        self.name_op(&f.name, Ctx::Store)
    }

    fn class_def(&mut self, c: &'a ClassDef, loc: Location) -> Result<()> {
        use Instruction::*;
        for d in &c.decorators {
            self.visit_expr(d)?;
        }
        if let Some(k) = c.keywords.first() {
            return Err(self.err(k.span, "class keywords are not supported"));
        }
        if let Some(b) = c
            .bases
            .iter()
            .find(|b| matches!(b.kind, ExprKind::Starred(_)))
        {
            return Err(self.err(b.span, "starred class bases are not supported"));
        }
        let first_line = c
            .decorators
            .first()
            .map(|d| self.loc_of(d.span).line)
            .unwrap_or(loc.line);
        let scope = self.table.scope_of(NodeRef::Class(c));
        self.enter_unit(scope, &c.name, first_line, Some(loc));
        self.emit_name_raw(NameInstr::Load, "__name__");
        self.emit_name_raw(NameInstr::Store, "__module__");
        let qualname = self.unit_ref().qualname.clone();
        self.load_const(Const::Str(qualname.into()));
        self.emit_name_raw(NameInstr::Store, "__qualname__");
        let mut body = c.body.as_slice();
        if let Some((doc, stmt)) = docstring(body) {
            let l = self.loc_of(stmt.span);
            self.set_loc(l);
            self.load_const(Const::Str(doc.into()));
            self.emit_name_raw(NameInstr::Store, "__doc__");
            body = &body[1..];
        }
        self.visit_body(body)?;
        if let Some(last) = c.body.last() {
            let l = self.loc_of(last.span);
            self.set_loc(l);
        }
        if self.table.scopes[scope].needs_class_closure {
            let Some(i) = self.deref_index("__class__") else {
                return Err(self.internal_error("no __class__ cell".into()));
            };
            self.emit(LoadClosure(i));
            self.emit_name_raw(NameInstr::Store, "__classcell__");
        }
        self.return_none();
        let code = self.exit_unit()?;
        self.make_closure(code, 0)?;
        self.load_const(Const::Str(c.name.as_str().into()));
        for b in &c.bases {
            self.visit_expr(b)?;
        }
        self.emit(BuildClass(c.bases.len() as u32));
        self.apply_decorators(&c.decorators);
        self.name_op(&c.name, Ctx::Store)
    }

    fn lambda(&mut self, e: &'a Expr, params: &'a Parameters, body: &'a Expr) -> Result<()> {
        let flags = self.defaults(params)?;
        let scope = self.table.scope_of(NodeRef::Expr(e));
        let loc = self.loc_of(e.span);
        self.enter_unit(scope, "<lambda>", loc.line, Some(loc));
        self.set_param_counts(params);
        self.add_const(Const::None);
        self.visit_expr(body)?;
        self.emit(Instruction::ReturnValue);
        let code = self.exit_unit()?;
        self.make_closure(code, flags)
    }

    // ----- targets ---------------------------------------------------------------

    fn store_target(&mut self, t: &'a Expr) -> Result<()> {
        use Instruction::*;
        self.nest(t.span)?;
        let loc = self.loc_of(t.span);
        let old = self.set_loc(loc);
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Store)?,
            ExprKind::Attribute { value, attr } => {
                self.visit_expr(value)?;
                let aloc = self.attr_loc(t, attr);
                self.set_loc(aloc);
                let name = self.mangled(attr);
                let i = self.name_index(&name);
                self.emit(StoreAttr(i));
            }
            ExprKind::Subscript {
                value,
                index,
                bracket_span,
            } => {
                self.visit_expr(value)?;
                self.visit_expr(index)?;
                let l = with_anchor(self.index, loc, *bracket_span);
                self.set_loc(l);
                self.emit(StoreSubscr);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let mut star = None;
                for (i, e) in elts.iter().enumerate() {
                    if matches!(e.kind, ExprKind::Starred(_)) {
                        if star.is_some() {
                            return Err(
                                self.err(e.span, "multiple starred expressions in assignment")
                            );
                        }
                        star = Some(i);
                    }
                }
                match star {
                    Some(i) => self.emit(UnpackEx {
                        before: i as u32,
                        after: (elts.len() - i - 1) as u32,
                    }),
                    None => self.emit(UnpackSequence(elts.len() as u32)),
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(e)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.err(
                    t.span,
                    "starred assignment target must be in a list or tuple",
                ))
            }
            _ => return Err(self.err(t.span, format!("cannot assign to {}", describe_expr(t)))),
        }
        self.set_loc(old);
        self.depth -= 1;
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> Result<()> {
        use Instruction::*;
        self.nest(t.span)?;
        let loc = self.loc_of(t.span);
        let old = self.set_loc(loc);
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Del)?,
            ExprKind::Attribute { value, attr } => {
                self.visit_expr(value)?;
                let aloc = self.attr_loc(t, attr);
                self.set_loc(aloc);
                let name = self.mangled(attr);
                let i = self.name_index(&name);
                self.emit(DeleteAttr(i));
            }
            ExprKind::Subscript {
                value,
                index,
                bracket_span,
            } => {
                self.visit_expr(value)?;
                self.visit_expr(index)?;
                let l = with_anchor(self.index, loc, *bracket_span);
                self.set_loc(l);
                self.emit(DeleteSubscr);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.delete_target(e)?;
                }
            }
            _ => return Err(self.err(t.span, format!("cannot delete {}", describe_expr(t)))),
        }
        self.set_loc(old);
        self.depth -= 1;
        Ok(())
    }

    /// CPython 3.11's location for attribute access: a multi-line `obj.attr` starts at
    /// the `.attr` on its last line.
    fn attr_loc(&self, e: &Expr, attr: &str) -> Location {
        let mut loc = self.loc_of(e.span);
        if loc.line != loc.end_line {
            loc.line = loc.end_line;
            loc.col = loc.end_col.saturating_sub(attr.chars().count() as u32 + 1);
        }
        loc
    }

    // ----- expressions -----------------------------------------------------------

    /// Emits code jumping to `label` when `e`'s truth equals `cond` (else falls through).
    fn jump_if(&mut self, e: &'a Expr, cond: bool, label: Label) -> Result<()> {
        self.nest(e.span)?;
        match &e.kind {
            ExprKind::UnaryOp {
                op: ast::UnaryOp::Not,
                operand,
            } => self.jump_if(operand, !cond, label)?,
            ExprKind::BoolOp { op, values } if !values.is_empty() => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_label()
                } else {
                    label
                };
                let (last, rest) = values.split_last().unwrap();
                for v in rest {
                    self.jump_if(v, cond2, next2)?;
                }
                self.jump_if(last, cond, label)?;
                if next2 != label {
                    self.bind(next2);
                }
            }
            _ => {
                self.visit_expr(e)?;
                if cond {
                    self.emit_jump(Instruction::PopJumpIfTrue, label);
                } else {
                    self.emit_jump(Instruction::PopJumpIfFalse, label);
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr(&mut self, e: &'a Expr) -> Result<()> {
        self.nest(e.span)?;
        let loc = self.loc_of(e.span);
        let old = self.set_loc(loc);
        self.visit_expr_inner(e, loc)?;
        self.set_loc(old);
        self.depth -= 1;
        Ok(())
    }

    /// Dispatches on the expression kind; kept small (every arm is a call) because it
    /// sits on the recursion path and debug builds give it one stack slot per local.
    fn visit_expr_inner(&mut self, e: &'a Expr, loc: Location) -> Result<()> {
        match &e.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Load),
            ExprKind::Constant(c) => {
                self.load_const(convert_constant(c));
                Ok(())
            }
            ExprKind::BoolOp { op, values } => self.bool_op(*op, values, loc),
            ExprKind::BinOp {
                left,
                op,
                right,
                op_span,
            } => self.bin_op(left, *op, right, *op_span, loc),
            ExprKind::UnaryOp { op, operand } => self.unary_op(*op, operand),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators),
            ExprKind::IfExp { test, body, orelse } => self.if_exp(test, body, orelse),
            ExprKind::Lambda { params, body } => self.lambda(e, params, body),
            ExprKind::NamedExpr { target, value } => self.named_expr(target, value),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, loc),
            ExprKind::Attribute { value, attr } => self.attribute(e, value, attr),
            ExprKind::Subscript {
                value,
                index,
                bracket_span,
            } => self.subscript(value, index, *bracket_span, loc),
            ExprKind::Slice { lower, upper, step } => self.slice(lower, upper, step),
            ExprKind::Starred(_) => Err(self.err(e.span, "can't use starred expression here")),
            ExprKind::List(elts) => self.sequence(elts, SeqKind::List),
            ExprKind::Tuple(elts) => self.sequence(elts, SeqKind::Tuple),
            ExprKind::Set(elts) => self.sequence(elts, SeqKind::Set),
            ExprKind::Dict { keys, values } => self.dict(keys, values),
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, CompKind::Set, generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, CompKind::Gen, generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, CompKind::Dict, generators, key, Some(value)),
            ExprKind::Yield(value) => self.yield_expr(e, value.as_deref()),
            ExprKind::YieldFrom(value) => self.yield_from(e, value),
            ExprKind::JoinedStr(parts) => self.fstring(parts, e.span),
        }
    }

    fn bool_op(&mut self, op: BoolOp, values: &'a [Expr], loc: Location) -> Result<()> {
        let end = self.new_label();
        if let Some((last, rest)) = values.split_last() {
            for v in rest {
                self.visit_expr(v)?;
                self.set_loc(loc);
                match op {
                    BoolOp::And => self.emit_jump(Instruction::JumpIfFalseOrPop, end),
                    BoolOp::Or => self.emit_jump(Instruction::JumpIfTrueOrPop, end),
                }
            }
            self.visit_expr(last)?;
        }
        self.bind(end);
        Ok(())
    }

    fn bin_op(
        &mut self,
        left: &'a Expr,
        op: BinOp,
        right: &'a Expr,
        op_span: Span,
        loc: Location,
    ) -> Result<()> {
        self.visit_expr(left)?;
        self.visit_expr(right)?;
        let l = with_anchor(self.index, loc, op_span);
        self.set_loc(l);
        self.emit(Instruction::BinaryOp(binop(op)));
        Ok(())
    }

    fn unary_op(&mut self, op: ast::UnaryOp, operand: &'a Expr) -> Result<()> {
        self.visit_expr(operand)?;
        self.emit(Instruction::UnaryOp(match op {
            ast::UnaryOp::Not => UnaryOperator::Not,
            ast::UnaryOp::USub => UnaryOperator::Negative,
            ast::UnaryOp::UAdd => UnaryOperator::Positive,
            ast::UnaryOp::Invert => UnaryOperator::Invert,
        }));
        Ok(())
    }

    fn compare(&mut self, left: &'a Expr, ops: &'a [CmpOp], comparators: &'a [Expr]) -> Result<()> {
        use Instruction::*;
        self.visit_expr(left)?;
        if ops.len() != comparators.len() || ops.is_empty() {
            return Err(self.internal_error("malformed comparison".into()));
        }
        let n = ops.len();
        if n == 1 {
            self.visit_expr(&comparators[0])?;
            self.emit(compare_instr(ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.visit_expr(&comparators[i])?;
            self.emit(Swap(2));
            self.emit(Copy(2));
            self.emit(compare_instr(ops[i]));
            self.emit_jump(JumpIfFalseOrPop, cleanup);
        }
        self.visit_expr(&comparators[n - 1])?;
        self.emit(compare_instr(ops[n - 1]));
        self.emit_jump(Jump, end);
        self.bind(cleanup);
        self.emit(Swap(2));
        self.emit(Pop);
        self.bind(end);
        Ok(())
    }

    fn if_exp(&mut self, test: &'a Expr, body: &'a Expr, orelse: &'a Expr) -> Result<()> {
        let else_l = self.new_label();
        let end = self.new_label();
        self.jump_if(test, false, else_l)?;
        self.visit_expr(body)?;
        self.emit_jump(Instruction::Jump, end);
        self.bind(else_l);
        self.visit_expr(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn named_expr(&mut self, target: &'a Expr, value: &'a Expr) -> Result<()> {
        self.visit_expr(value)?;
        self.emit(Instruction::Copy(1));
        let ExprKind::Name(n) = &target.kind else {
            return Err(self.err(
                target.span,
                "cannot use assignment expressions with this expression",
            ));
        };
        let l = self.loc_of(target.span);
        self.set_loc(l);
        self.name_op(n, Ctx::Store)
    }

    fn attribute(&mut self, e: &'a Expr, value: &'a Expr, attr: &str) -> Result<()> {
        self.visit_expr(value)?;
        let l = self.attr_loc(e, attr);
        self.set_loc(l);
        let name = self.mangled(attr);
        let i = self.name_index(&name);
        self.emit(Instruction::LoadAttr(i));
        Ok(())
    }

    fn subscript(
        &mut self,
        value: &'a Expr,
        index: &'a Expr,
        bracket_span: Span,
        loc: Location,
    ) -> Result<()> {
        self.visit_expr(value)?;
        self.visit_expr(index)?;
        let l = with_anchor(self.index, loc, bracket_span);
        self.set_loc(l);
        self.emit(Instruction::BinarySubscr);
        Ok(())
    }

    fn slice(
        &mut self,
        lower: &'a Option<Box<Expr>>,
        upper: &'a Option<Box<Expr>>,
        step: &'a Option<Box<Expr>>,
    ) -> Result<()> {
        for part in [lower, upper] {
            match part {
                Some(p) => self.visit_expr(p)?,
                None => self.load_const(Const::None),
            }
        }
        match step {
            Some(s) => {
                self.visit_expr(s)?;
                self.emit(Instruction::BuildSlice(3));
            }
            None => self.emit(Instruction::BuildSlice(2)),
        }
        Ok(())
    }

    fn yield_expr(&mut self, e: &'a Expr, value: Option<&'a Expr>) -> Result<()> {
        if !self.unit_ref().kind.is_function_like() {
            return Err(self.err(e.span, "'yield' outside function"));
        }
        match value {
            Some(v) => self.visit_expr(v)?,
            None => self.load_const(Const::None),
        }
        self.emit(Instruction::YieldValue);
        Ok(())
    }

    fn yield_from(&mut self, e: &'a Expr, value: &'a Expr) -> Result<()> {
        if !self.unit_ref().kind.is_function_like() {
            return Err(self.err(e.span, "'yield' outside function"));
        }
        self.visit_expr(value)?;
        self.emit(Instruction::GetIter);
        self.load_const(Const::None);
        self.emit(Instruction::YieldFrom);
        Ok(())
    }

    fn fstring(&mut self, parts: &'a [FStringPart], span: Span) -> Result<()> {
        use Instruction::*;
        self.nest(span)?;
        let mut count = 0;
        for part in parts {
            match part {
                FStringPart::Literal(s) => {
                    if !s.is_empty() {
                        self.load_const(Const::Str(s.as_str().into()));
                        count += 1;
                    }
                }
                FStringPart::Formatted {
                    value,
                    conversion,
                    format_spec,
                    debug_text,
                } => {
                    if let Some(t) = debug_text {
                        if !t.is_empty() {
                            self.load_const(Const::Str(t.as_str().into()));
                            count += 1;
                        }
                    }
                    let conversion = match conversion {
                        Some('r') => Conversion::Repr,
                        Some('s') => Conversion::Str,
                        Some('a') => Conversion::Ascii,
                        None if debug_text.is_some() && format_spec.is_none() => Conversion::Repr,
                        None => Conversion::None,
                        Some(c) => {
                            return Err(self.err(
                                value.span,
                                format!(
                                    "f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'"
                                ),
                            ))
                        }
                    };
                    self.visit_expr(value)?;
                    if let Some(spec) = format_spec {
                        self.fstring(spec, span)?;
                    }
                    self.emit(FormatValue {
                        conversion,
                        has_spec: format_spec.is_some(),
                    });
                    count += 1;
                }
            }
        }
        match count {
            0 => self.load_const(Const::Str("".into())),
            1 => {}
            n => self.emit(BuildString(n)),
        }
        self.depth -= 1;
        Ok(())
    }

    /// A list, tuple or set display, with `*` unpacking.
    fn sequence(&mut self, elts: &'a [Expr], kind: SeqKind) -> Result<()> {
        use Instruction::*;
        let starred = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        let big = elts.len() > 30;
        if !starred && !big {
            for e in elts {
                self.visit_expr(e)?;
            }
            let n = elts.len() as u32;
            self.emit(match kind {
                SeqKind::List => BuildList(n),
                SeqKind::Tuple => BuildTuple(n),
                SeqKind::Set => BuildSet(n),
            });
            return Ok(());
        }
        let mut i = 0;
        if !big {
            while i < elts.len() && !matches!(elts[i].kind, ExprKind::Starred(_)) {
                self.visit_expr(&elts[i])?;
                i += 1;
            }
        }
        self.emit(match kind {
            SeqKind::Set => BuildSet(i as u32),
            _ => BuildList(i as u32),
        });
        for e in &elts[i..] {
            match &e.kind {
                ExprKind::Starred(inner) => {
                    self.visit_expr(inner)?;
                    self.emit(match kind {
                        SeqKind::Set => SetUpdate(1),
                        _ => ListExtend(1),
                    });
                }
                _ => {
                    self.visit_expr(e)?;
                    self.emit(match kind {
                        SeqKind::Set => SetAdd(1),
                        _ => ListAppend(1),
                    });
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(ListToTuple);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> Result<()> {
        use Instruction::*;
        let mut have_dict = false;
        let mut pending = 0u32;
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.visit_expr(k)?;
                    self.visit_expr(v)?;
                    pending += 1;
                    if pending == 16 {
                        self.emit(BuildMap(pending));
                        if have_dict {
                            self.emit(DictUpdate(1));
                        }
                        have_dict = true;
                        pending = 0;
                    }
                }
                None => {
                    if pending > 0 {
                        self.emit(BuildMap(pending));
                        if have_dict {
                            self.emit(DictUpdate(1));
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    if !have_dict {
                        self.emit(BuildMap(0));
                        have_dict = true;
                    }
                    self.visit_expr(v)?;
                    self.emit(DictUpdate(1));
                }
            }
        }
        if pending > 0 || !have_dict {
            self.emit(BuildMap(pending));
            if have_dict {
                self.emit(DictUpdate(1));
            }
        }
        Ok(())
    }

    fn call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        loc: Location,
    ) -> Result<()> {
        use Instruction::*;
        let mut seen = HashSet::new();
        for k in keywords {
            if let Some(a) = &k.arg {
                if !seen.insert(a.as_str()) {
                    return Err(self.err(k.span, format!("keyword argument repeated: {a}")));
                }
            }
        }
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let double_starred = keywords.iter().any(|k| k.arg.is_none());
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if !starred && keywords.is_empty() {
                self.visit_expr(value)?;
                let aloc = self.attr_loc(func, attr);
                self.set_loc(aloc);
                let name = self.mangled(attr);
                let i = self.name_index(&name);
                self.emit(LoadMethod(i));
                let mut call_loc = loc;
                if aloc.line != self.loc_of(func.span).line {
                    call_loc.line = aloc.line;
                    call_loc.col = aloc.col;
                }
                self.set_loc(call_loc);
                for a in args {
                    self.visit_expr(a)?;
                }
                self.emit(CallMethod(args.len() as u32));
                return Ok(());
            }
        }
        self.visit_expr(func)?;
        if !starred && !double_starred {
            for a in args {
                self.visit_expr(a)?;
            }
            if keywords.is_empty() {
                self.emit(Call(args.len() as u32));
            } else {
                let mut names = Vec::with_capacity(keywords.len());
                for k in keywords {
                    self.visit_expr(&k.value)?;
                    names.push(Const::Str(k.arg.as_deref().unwrap_or_default().into()));
                }
                let names = self.add_const(Const::Tuple(names.into()));
                self.emit(CallKw {
                    argc: (args.len() + keywords.len()) as u32,
                    names,
                });
            }
            return Ok(());
        }
        // Positional arguments as a tuple.
        self.sequence(args, SeqKind::Tuple)?;
        // Keyword arguments as a dict.
        if !keywords.is_empty() {
            let mut have_dict = false;
            let mut pending: Vec<&'a Keyword> = Vec::new();
            for k in keywords {
                if k.arg.is_some() {
                    pending.push(k);
                    continue;
                }
                if !pending.is_empty() {
                    self.sub_kwargs(&pending)?;
                    pending.clear();
                    if have_dict {
                        self.emit(DictMerge(1));
                    }
                    have_dict = true;
                }
                if !have_dict {
                    self.emit(BuildMap(0));
                    have_dict = true;
                }
                self.visit_expr(&k.value)?;
                self.emit(DictMerge(1));
            }
            if !pending.is_empty() {
                self.sub_kwargs(&pending)?;
                if have_dict {
                    self.emit(DictMerge(1));
                }
            }
        }
        self.emit(CallEx(!keywords.is_empty()));
        Ok(())
    }

    fn sub_kwargs(&mut self, keywords: &[&'a Keyword]) -> Result<()> {
        for k in keywords {
            self.load_const(Const::Str(k.arg.as_deref().unwrap_or_default().into()));
            self.visit_expr(&k.value)?;
        }
        self.emit(Instruction::BuildMap(keywords.len() as u32));
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> Result<()> {
        use Instruction::*;
        let Some(first) = generators.first() else {
            return Err(self.err(e.span, "comprehension without a for clause"));
        };
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let scope = self.table.scope_of(NodeRef::Expr(e));
        let loc = self.loc_of(e.span);
        self.enter_unit(scope, name, loc.line, Some(loc));
        self.unit().argcount = 1;
        match kind {
            CompKind::List => self.emit(BuildList(0)),
            CompKind::Set => self.emit(BuildSet(0)),
            CompKind::Dict => self.emit(BuildMap(0)),
            CompKind::Gen => {}
        }
        self.comprehension_generator(generators, 0, kind, elt, value, loc)?;
        self.set_loc(loc);
        match kind {
            CompKind::Gen => self.return_none(),
            _ => self.emit(ReturnValue),
        }
        let code = self.exit_unit()?;
        self.make_closure(code, 0)?;
        self.visit_expr(&first.iter)?;
        self.emit(GetIter);
        self.emit(Call(1));
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        gen_index: usize,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        loc: Location,
    ) -> Result<()> {
        use Instruction::*;
        let g = &generators[gen_index];
        let start = self.new_label();
        let end = self.new_label();
        if gen_index == 0 {
            let i = self.var_index(".0");
            self.emit(LoadFast(i));
        } else {
            self.visit_expr(&g.iter)?;
            self.emit(GetIter);
        }
        self.bind(start);
        self.emit_jump(ForIter, end);
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, start)?;
        }
        if gen_index + 1 < generators.len() {
            self.comprehension_generator(generators, gen_index + 1, kind, elt, value, loc)?;
        } else {
            let depth = gen_index as u32 + 2;
            match kind {
                CompKind::Gen => {
                    self.visit_expr(elt)?;
                    self.emit(YieldValue);
                    self.emit(Pop);
                }
                CompKind::List => {
                    self.visit_expr(elt)?;
                    self.emit(ListAppend(depth));
                }
                CompKind::Set => {
                    self.visit_expr(elt)?;
                    self.emit(SetAdd(depth));
                }
                CompKind::Dict => {
                    self.visit_expr(elt)?;
                    if let Some(v) = value {
                        self.visit_expr(v)?;
                    }
                    self.emit(MapAdd(depth));
                }
            }
        }
        self.set_loc(loc);
        self.emit_jump(Jump, start);
        self.bind(end);
        Ok(())
    }
}

fn is_constant_true(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant(ast::Constant::Bool(b)) => *b,
        ExprKind::Constant(ast::Constant::Int(i)) => i.to_i64() != Some(0),
        _ => false,
    }
}

fn convert_constant(c: &ast::Constant) -> Const {
    match c {
        ast::Constant::None => Const::None,
        ast::Constant::Bool(b) => Const::Bool(*b),
        ast::Constant::Int(i) => match i.to_i64() {
            Some(v) => Const::Int(v),
            None => Const::BigInt(i.clone()),
        },
        ast::Constant::Float(f) => Const::Float(*f),
        ast::Constant::Complex(f) => Const::Complex(*f),
        ast::Constant::Str(s) => Const::Str(s.as_str().into()),
        ast::Constant::Bytes(b) => Const::Bytes(b.as_slice().into()),
        ast::Constant::Ellipsis => Const::Ellipsis,
    }
}

fn binop(op: BinOp) -> BinaryOperator {
    match op {
        BinOp::Add => BinaryOperator::Add,
        BinOp::Sub => BinaryOperator::Subtract,
        BinOp::Mult => BinaryOperator::Multiply,
        BinOp::MatMult => BinaryOperator::MatrixMultiply,
        BinOp::Div => BinaryOperator::TrueDivide,
        BinOp::FloorDiv => BinaryOperator::FloorDivide,
        BinOp::Mod => BinaryOperator::Remainder,
        BinOp::Pow => BinaryOperator::Power,
        BinOp::LShift => BinaryOperator::LShift,
        BinOp::RShift => BinaryOperator::RShift,
        BinOp::BitOr => BinaryOperator::Or,
        BinOp::BitXor => BinaryOperator::Xor,
        BinOp::BitAnd => BinaryOperator::And,
    }
}

fn compare_instr(op: CmpOp) -> Instruction {
    use ComparisonOperator as C;
    match op {
        CmpOp::Eq => Instruction::CompareOp(C::Equal),
        CmpOp::NotEq => Instruction::CompareOp(C::NotEqual),
        CmpOp::Lt => Instruction::CompareOp(C::Less),
        CmpOp::LtE => Instruction::CompareOp(C::LessOrEqual),
        CmpOp::Gt => Instruction::CompareOp(C::Greater),
        CmpOp::GtE => Instruction::CompareOp(C::GreaterOrEqual),
        CmpOp::Is => Instruction::IsOp(false),
        CmpOp::IsNot => Instruction::IsOp(true),
        CmpOp::In => Instruction::ContainsOp(false),
        CmpOp::NotIn => Instruction::ContainsOp(true),
    }
}

/// CPython's wording for an expression that cannot be assigned to or deleted.
fn describe_expr(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(ast::Constant::None) => "None",
        ExprKind::Constant(ast::Constant::Bool(true)) => "True",
        ExprKind::Constant(ast::Constant::Bool(false)) => "False",
        ExprKind::Constant(ast::Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Starred(_) => "starred",
        _ => "expression",
    }
}
