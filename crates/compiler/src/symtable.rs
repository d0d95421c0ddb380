//! Scope analysis: which names are local, global, free or cell in each scope.
//!
//! Mirrors CPython 3.11's `symtable.c`: a first pass records every name's uses and
//! bindings per scope (module, class, function, lambda, comprehension), a second pass
//! resolves each name to a [`SymbolScope`]. Class scopes do not enclose the functions
//! defined in them; comprehensions are function scopes of their own whose first iterator
//! is evaluated in the enclosing scope.

use crate::location::error_at;
use crate::CompileError;
use gilded_syntax::ast::*;
use gilded_syntax::LineIndex;
use std::collections::{HashMap, HashSet};

/// Index of a scope in [`SymbolTable::scopes`].
pub type ScopeId = usize;

/// The nesting limit shared by the symbol table builder and the code generator.
pub(crate) const MAX_NESTING: usize = 1000;

/// The message CPython uses when compilation recurses too deeply.
pub(crate) const RECURSION_MSG: &str = "maximum recursion depth exceeded during compilation";

/// What kind of block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module (or REPL input / eval expression).
    Module,
    /// A class body.
    Class,
    /// A `def`.
    Function,
    /// A `lambda`.
    Lambda,
    /// A list/set/dict comprehension or generator expression.
    Comprehension,
}

impl ScopeKind {
    /// True for scopes that run with fast locals (CPython's `FunctionBlock`).
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// Where a name lives, once analysis is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolScope {
    /// Bound in this scope (fast local in functions, namespace entry elsewhere).
    Local,
    /// Not bound anywhere visible: a global or builtin, found by lookup.
    GlobalImplicit,
    /// Declared `global` (or a walrus target of a module-level comprehension).
    GlobalExplicit,
    /// Bound in an enclosing function scope.
    Free,
    /// A local captured by a nested scope.
    Cell,
}

/// Bit flags recorded per symbol during the first pass.
pub mod flags {
    /// Assigned (or deleted, or the target of a `for`, `with`, `except`, `def`...).
    pub const DEF_LOCAL: u32 = 1;
    /// Declared `global`.
    pub const DEF_GLOBAL: u32 = 2;
    /// Declared `nonlocal`.
    pub const DEF_NONLOCAL: u32 = 4;
    /// A parameter.
    pub const DEF_PARAM: u32 = 8;
    /// Read.
    pub const USE: u32 = 16;
    /// Free in a nested method while also bound in this class body.
    pub const DEF_FREE_CLASS: u32 = 32;
    /// Bound by an import.
    pub const DEF_IMPORT: u32 = 64;
    /// Annotated (`x: int`).
    pub const DEF_ANNOT: u32 = 128;
    /// A comprehension iteration variable.
    pub const DEF_COMP_ITER: u32 = 256;
    /// Any kind of binding.
    pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
}
use flags::*;

/// One name in one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// The (mangled) name.
    pub name: String,
    /// The [`flags`] recorded in the first pass.
    pub flags: u32,
    /// The resolved scope.
    pub scope: SymbolScope,
}

/// One scope's symbols and properties.
#[derive(Clone, Debug)]
pub struct Scope {
    /// The kind of block.
    pub kind: ScopeKind,
    /// The block's name (`<module>`, the function or class name, `<lambda>`, `<listcomp>`).
    pub name: String,
    /// The symbols, in order of first mention.
    pub symbols: Vec<Symbol>,
    index: HashMap<String, usize>,
    /// Parameter names (mangled) in slot order: positional, keyword-only, `*args`, `**kwargs`.
    pub params: Vec<String>,
    /// Nested scopes in source order.
    pub children: Vec<ScopeId>,
    /// The enclosing scope.
    pub parent: Option<ScopeId>,
    /// Contains `yield` (or is a generator expression).
    pub generator: bool,
    /// A class body whose methods use `__class__` or `super`: it needs a `__class__` cell.
    pub needs_class_closure: bool,
    /// The class name used for private name mangling inside this scope.
    pub private: Option<String>,
    /// Where `global`/`nonlocal` directives were written, for error positions.
    directives: HashMap<String, Span>,
}

impl Scope {
    fn new(
        kind: ScopeKind,
        name: String,
        parent: Option<ScopeId>,
        private: Option<String>,
    ) -> Scope {
        Scope {
            kind,
            name,
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            generator: false,
            needs_class_closure: false,
            private,
            directives: HashMap::new(),
        }
    }

    /// The symbol named `name` (already mangled), if the scope mentions it.
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }

    fn flags_of(&self, name: &str) -> u32 {
        self.lookup(name).map(|s| s.flags).unwrap_or(0)
    }

    /// Names that need a cell here, sorted like CPython's `co_cellvars`.
    pub fn cellvars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| s.scope == SymbolScope::Cell)
            .map(|s| s.name.clone())
            .collect();
        if self.needs_class_closure {
            v.push("__class__".to_string());
        }
        v.sort();
        v.dedup();
        v
    }

    /// Names captured from enclosing scopes, sorted like CPython's `co_freevars`.
    pub fn freevars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| {
                s.scope == SymbolScope::Free
                    || (self.kind == ScopeKind::Class && s.flags & DEF_FREE_CLASS != 0)
            })
            .map(|s| s.name.clone())
            .collect();
        v.sort();
        v
    }
}

/// The result of scope analysis for one compilation.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    /// All scopes; index 0 is the top level.
    pub scopes: Vec<Scope>,
    by_node: HashMap<(u8, usize), ScopeId>,
}

/// Which AST node introduced a scope (used to find it again from the compiler).
#[derive(Clone, Copy)]
pub(crate) enum NodeRef<'a> {
    Function(&'a FunctionDef),
    Class(&'a ClassDef),
    Expr(&'a Expr),
}

impl NodeRef<'_> {
    fn key(self) -> (u8, usize) {
        match self {
            NodeRef::Function(f) => (0, f as *const FunctionDef as usize),
            NodeRef::Class(c) => (1, c as *const ClassDef as usize),
            NodeRef::Expr(e) => (2, e as *const Expr as usize),
        }
    }
}

impl SymbolTable {
    /// The scope introduced by `node` (a def, class, lambda or comprehension).
    pub(crate) fn scope_of(&self, node: NodeRef<'_>) -> ScopeId {
        self.by_node[&node.key()]
    }
}

/// CPython's private name mangling: `__x` inside class `C` becomes `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// Builds and analyzes the symbol table of a module.
pub fn build_module(module: &Module, index: &LineIndex) -> Result<SymbolTable, CompileError> {
    let mut b = Builder::new(index);
    for stmt in &module.body {
        b.visit_stmt(stmt)?;
    }
    b.finish()
}

/// Builds and analyzes the symbol table of a single expression (eval mode).
pub fn build_expression(expr: &Expr, index: &LineIndex) -> Result<SymbolTable, CompileError> {
    let mut b = Builder::new(index);
    b.visit_expr(expr)?;
    b.finish()
}

struct Builder<'i> {
    table: SymbolTable,
    stack: Vec<ScopeId>,
    index: &'i LineIndex,
    depth: usize,
    /// Set while visiting the target of a comprehension's `for`.
    in_comp_iter_target: bool,
}

impl<'i> Builder<'i> {
    fn new(index: &'i LineIndex) -> Self {
        let root = Scope::new(ScopeKind::Module, "<module>".into(), None, None);
        Builder {
            table: SymbolTable {
                scopes: vec![root],
                by_node: HashMap::new(),
            },
            stack: vec![0],
            index,
            depth: 0,
            in_comp_iter_target: false,
        }
    }

    fn finish(mut self) -> Result<SymbolTable, CompileError> {
        let mut free = HashSet::new();
        let global = HashSet::new();
        analyze_block(&mut self.table, 0, None, &mut free, &global, self.index)?;
        Ok(self.table)
    }

    fn err(&self, span: Span, msg: impl Into<String>) -> CompileError {
        error_at(self.index, span, msg)
    }

    fn cur(&self) -> ScopeId {
        *self.stack.last().unwrap()
    }

    fn cur_scope(&self) -> &Scope {
        &self.table.scopes[self.cur()]
    }

    fn mangled(&self, name: &str) -> String {
        mangle(self.cur_scope().private.as_deref(), name)
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, node: NodeRef<'_>) {
        let parent = self.cur();
        let private = if kind == ScopeKind::Class {
            Some(name.to_string())
        } else {
            self.table.scopes[parent].private.clone()
        };
        let id = self.table.scopes.len();
        self.table
            .scopes
            .push(Scope::new(kind, name.to_string(), Some(parent), private));
        self.table.scopes[parent].children.push(id);
        self.table.by_node.insert(node.key(), id);
        self.stack.push(id);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    /// Records `flag` for `name` (unmangled) in scope `scope`.
    fn add_def_in(
        &mut self,
        scope: ScopeId,
        name: &str,
        flag: u32,
        span: Span,
    ) -> Result<(), CompileError> {
        let mangled = mangle(self.table.scopes[scope].private.as_deref(), name);
        let s = &mut self.table.scopes[scope];
        if let Some(&i) = s.index.get(&mangled) {
            let sym = &mut s.symbols[i];
            if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                return Err(self.err(
                    span,
                    format!("duplicate argument '{name}' in function definition"),
                ));
            }
            sym.flags |= flag;
        } else {
            s.index.insert(mangled.clone(), s.symbols.len());
            s.symbols.push(Symbol {
                name: mangled.clone(),
                flags: flag,
                scope: SymbolScope::GlobalImplicit,
            });
        }
        if flag & DEF_PARAM != 0 {
            self.table.scopes[scope].params.push(mangled);
        }
        Ok(())
    }

    fn add_def(&mut self, name: &str, flag: u32, span: Span) -> Result<(), CompileError> {
        self.add_def_in(self.cur(), name, flag, span)
    }

    fn enter_nesting(&mut self, span: Span) -> Result<(), CompileError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.err(span, RECURSION_MSG));
        }
        Ok(())
    }

    fn visit_body(&mut self, body: &[Stmt]) -> Result<(), CompileError> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> Result<(), CompileError> {
        self.enter_nesting(stmt.span)?;
        self.visit_stmt_inner(stmt)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, stmt: &Stmt) -> Result<(), CompileError> {
        match &stmt.kind {
            StmtKind::Expr(e) => self.visit_expr(e),
            StmtKind::Assign { targets, value } => {
                self.visit_expr(value)?;
                self.visit_targets(targets)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_target(target)?;
                self.visit_expr(value)
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let ExprKind::Name(n) = &target.kind {
                    let m = self.mangled(n);
                    let cur = self.cur_scope().flags_of(&m);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                        let which = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(self.err(
                            target.span,
                            format!("annotated name '{n}' can't be {which}"),
                        ));
                    }
                    self.add_def(n, DEF_LOCAL | DEF_ANNOT, target.span)?;
                } else {
                    self.visit_target(target)?;
                }
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                Ok(())
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.visit_target(target)?;
                self.visit_expr(iter)?;
                self.visit_body(body)?;
                self.visit_body(orelse)
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => Ok(()),
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.visit_expr(v)?;
                }
                Ok(())
            }
            StmtKind::Delete(targets) => self.visit_targets(targets),
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
                Ok(())
            }
            StmtKind::Global(names) => self.visit_directive(names, true, stmt.span),
            StmtKind::Nonlocal(names) => self.visit_directive(names, false, stmt.span),
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = cause {
                    self.visit_expr(c)?;
                }
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.visit_body(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.visit_expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.span)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(orelse)?;
                self.visit_body(finalbody)
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(t) = &item.optional_vars {
                        self.visit_target(t)?;
                    }
                }
                self.visit_body(body)
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.add_def(bound, DEF_IMPORT, a.span)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur_scope().kind != ScopeKind::Module {
                            return Err(
                                self.err(stmt.span, "import * only allowed at module level")
                            );
                        }
                        continue;
                    }
                    let bound = a.asname.as_deref().unwrap_or(&a.name);
                    self.add_def(bound, DEF_IMPORT, a.span)?;
                }
                Ok(())
            }
            StmtKind::FunctionDef(f) => self.visit_function_def(f),
            StmtKind::ClassDef(c) => self.visit_class_def(c, stmt.span),
        }
    }

    fn visit_function_def(&mut self, f: &FunctionDef) -> Result<(), CompileError> {
        self.add_def(&f.name, DEF_LOCAL, f.name_span)?;
        self.visit_param_defaults(&f.params)?;
        self.visit_exprs(&f.decorators)?;
        self.enter(ScopeKind::Function, &f.name, NodeRef::Function(f));
        self.visit_params(&f.params)?;
        self.visit_body(&f.body)?;
        self.exit();
        Ok(())
    }

    fn visit_class_def(&mut self, c: &ClassDef, span: Span) -> Result<(), CompileError> {
        self.add_def(&c.name, DEF_LOCAL, span)?;
        self.visit_exprs(&c.bases)?;
        for k in &c.keywords {
            self.visit_expr(&k.value)?;
        }
        self.visit_exprs(&c.decorators)?;
        self.enter(ScopeKind::Class, &c.name, NodeRef::Class(c));
        self.visit_body(&c.body)?;
        self.exit();
        Ok(())
    }

    /// `global` (when `is_global`) or `nonlocal` names.
    fn visit_directive(
        &mut self,
        names: &[Ident],
        is_global: bool,
        span: Span,
    ) -> Result<(), CompileError> {
        let (word, flag) = if is_global {
            ("global", DEF_GLOBAL)
        } else {
            ("nonlocal", DEF_NONLOCAL)
        };
        for n in names {
            let m = self.mangled(n);
            let cur = self.cur_scope().flags_of(&m);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{n}' is parameter and {word}")
                } else if cur & USE != 0 {
                    format!("name '{n}' is used prior to {word} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{n}' can't be {word}")
                } else {
                    format!("name '{n}' is assigned to before {word} declaration")
                };
                return Err(self.err(span, msg));
            }
            self.add_def(n, flag, span)?;
            let cur = self.cur();
            self.table.scopes[cur].directives.entry(m).or_insert(span);
        }
        Ok(())
    }

    fn visit_param_defaults(&mut self, params: &Parameters) -> Result<(), CompileError> {
        for p in params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly)
        {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
            }
        }
        Ok(())
    }

    fn visit_params(&mut self, params: &Parameters) -> Result<(), CompileError> {
        for p in params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly)
        {
            self.add_def(&p.name, DEF_PARAM, p.span)?;
        }
        if let Some(p) = &params.vararg {
            self.add_def(&p.name, DEF_PARAM, p.span)?;
        }
        if let Some(p) = &params.kwarg {
            self.add_def(&p.name, DEF_PARAM, p.span)?;
        }
        Ok(())
    }

    /// Visits an assignment (or deletion) target.
    fn visit_target(&mut self, t: &Expr) -> Result<(), CompileError> {
        self.enter_nesting(t.span)?;
        match &t.kind {
            ExprKind::Name(n) => {
                let mut flag = DEF_LOCAL;
                if self.in_comp_iter_target {
                    flag |= DEF_COMP_ITER;
                }
                self.add_def(n, flag, t.span)?;
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.visit_target(e)?;
                }
            }
            ExprKind::Starred(inner) => self.visit_target(inner)?,
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, index, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(index)?;
            }
            // Invalid targets are reported by the code generator.
            _ => self.visit_expr(t)?,
        }
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr(&mut self, e: &Expr) -> Result<(), CompileError> {
        self.enter_nesting(e.span)?;
        self.visit_expr_inner(e)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.add_def(n, USE, e.span)?;
                if n == "super" && self.cur_scope().kind.is_function_like() {
                    self.add_def("__class__", USE, e.span)?;
                }
                Ok(())
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values),
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)
            }
            ExprKind::Lambda { params, body } => self.visit_lambda(e, params, body),
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.visit_named_target(target)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                Ok(())
            }
            ExprKind::Attribute { value, .. } => self.visit_expr(value),
            ExprKind::Subscript { value, index, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(index)
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Starred(v) => self.visit_expr(v),
            ExprKind::List(elts) | ExprKind::Tuple(elts) | ExprKind::Set(elts) => {
                self.visit_exprs(elts)
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(v)?;
                }
                Ok(())
            }
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(e, "<listcomp>", generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(e, "<setcomp>", generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, "<genexpr>", generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(e, "<dictcomp>", generators, key, Some(value)),
            ExprKind::Yield(v) => {
                self.check_yield(e.span)?;
                if let Some(v) = v {
                    self.visit_expr(v)?;
                }
                Ok(())
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield(e.span)?;
                self.visit_expr(v)
            }
            ExprKind::JoinedStr(parts) => self.visit_fstring(parts),
        }
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> Result<(), CompileError> {
        for e in exprs {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_targets(&mut self, targets: &[Expr]) -> Result<(), CompileError> {
        for t in targets {
            self.visit_target(t)?;
        }
        Ok(())
    }

    fn visit_lambda(
        &mut self,
        e: &Expr,
        params: &Parameters,
        body: &Expr,
    ) -> Result<(), CompileError> {
        self.visit_param_defaults(params)?;
        self.enter(ScopeKind::Lambda, "<lambda>", NodeRef::Expr(e));
        self.visit_params(params)?;
        self.visit_expr(body)?;
        self.exit();
        Ok(())
    }

    fn visit_fstring(&mut self, parts: &[FStringPart]) -> Result<(), CompileError> {
        for p in parts {
            if let FStringPart::Formatted {
                value, format_spec, ..
            } = p
            {
                self.visit_expr(value)?;
                if let Some(spec) = format_spec {
                    self.visit_fstring(spec)?;
                }
            }
        }
        Ok(())
    }

    fn check_yield(&mut self, span: Span) -> Result<(), CompileError> {
        let scope = self.cur_scope();
        match scope.kind {
            ScopeKind::Module | ScopeKind::Class => Err(self.err(span, "'yield' outside function")),
            ScopeKind::Comprehension => {
                let what = match scope.name.as_str() {
                    "<listcomp>" => "list comprehension",
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(self.err(span, format!("'yield' inside {what}")))
            }
            ScopeKind::Function | ScopeKind::Lambda => {
                let cur = self.cur();
                self.table.scopes[cur].generator = true;
                Ok(())
            }
        }
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Result<(), CompileError> {
        let Some(first) = generators.first() else {
            return Err(self.err(e.span, "comprehension without a for clause"));
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.visit_expr(&first.iter)?;
        self.enter(ScopeKind::Comprehension, name, NodeRef::Expr(e));
        if name == "<genexpr>" {
            let cur = self.cur();
            self.table.scopes[cur].generator = true;
        }
        self.add_def(".0", DEF_PARAM, e.span)?;
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&g.iter)?;
            }
            self.in_comp_iter_target = true;
            let r = self.visit_target(&g.target);
            self.in_comp_iter_target = false;
            r?;
            for cond in &g.ifs {
                self.visit_expr(cond)?;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        self.exit();
        Ok(())
    }

    /// The target of `:=`: binds in the nearest non-comprehension scope.
    fn visit_named_target(&mut self, target: &Expr) -> Result<(), CompileError> {
        let ExprKind::Name(name) = &target.kind else {
            return Err(self.err(
                target.span,
                "cannot use assignment expressions with this expression",
            ));
        };
        if self.cur_scope().kind != ScopeKind::Comprehension {
            return self.add_def(name, DEF_LOCAL, target.span);
        }
        for i in (0..self.stack.len()).rev() {
            let id = self.stack[i];
            let scope = &self.table.scopes[id];
            let mangled = mangle(scope.private.as_deref(), name);
            match scope.kind {
                ScopeKind::Comprehension => {
                    if scope.flags_of(&mangled) & DEF_COMP_ITER != 0 {
                        return Err(self.err(
                            target.span,
                            format!(
                                "assignment expression cannot rebind comprehension iteration variable '{name}'"
                            ),
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flag = if scope.flags_of(&mangled) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, target.span)?;
                    let cur = self.cur();
                    self.table.scopes[cur]
                        .directives
                        .entry(mangled)
                        .or_insert(target.span);
                    return self.add_def_in(id, name, DEF_LOCAL, target.span);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, target.span)?;
                    let cur = self.cur();
                    self.table.scopes[cur]
                        .directives
                        .entry(mangled)
                        .or_insert(target.span);
                    return self.add_def_in(id, name, DEF_GLOBAL, target.span);
                }
                ScopeKind::Class => {
                    return Err(self.err(
                        target.span,
                        "assignment expression within a comprehension cannot be used in a class body",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// CPython's `analyze_block`: resolves every symbol of scope `id` and its children.
fn analyze_block(
    table: &mut SymbolTable,
    id: ScopeId,
    mut bound: Option<HashSet<String>>,
    free: &mut HashSet<String>,
    global: &HashSet<String>,
    index: &LineIndex,
) -> Result<(), CompileError> {
    let mut global = global.clone();
    let kind = table.scopes[id].kind;
    let mut local: HashSet<String> = HashSet::new();
    let mut scopes: HashMap<String, SymbolScope> = HashMap::new();
    let mut newglobal: HashSet<String> = HashSet::new();
    let mut newbound: HashSet<String> = HashSet::new();
    let mut newfree: HashSet<String> = HashSet::new();

    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
    }

    let symbols: Vec<(String, u32)> = table.scopes[id]
        .symbols
        .iter()
        .map(|s| (s.name.clone(), s.flags))
        .collect();
    for (name, fl) in &symbols {
        let directive = || {
            table.scopes[id]
                .directives
                .get(name)
                .copied()
                .unwrap_or_default()
        };
        let scope = if fl & DEF_GLOBAL != 0 {
            if fl & DEF_NONLOCAL != 0 {
                return Err(error_at(
                    index,
                    directive(),
                    format!("name '{name}' is nonlocal and global"),
                ));
            }
            global.insert(name.clone());
            if let Some(b) = &mut bound {
                b.remove(name);
            }
            SymbolScope::GlobalExplicit
        } else if fl & DEF_NONLOCAL != 0 {
            match &bound {
                None => {
                    return Err(error_at(
                        index,
                        directive(),
                        "nonlocal declaration not allowed at module level",
                    ))
                }
                Some(b) if !b.contains(name) => {
                    return Err(error_at(
                        index,
                        directive(),
                        format!("no binding for nonlocal '{name}' found"),
                    ))
                }
                _ => {}
            }
            free.insert(name.clone());
            SymbolScope::Free
        } else if fl & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(name);
            SymbolScope::Local
        } else if bound.as_ref().is_some_and(|b| b.contains(name)) {
            free.insert(name.clone());
            SymbolScope::Free
        } else {
            SymbolScope::GlobalImplicit
        };
        scopes.insert(name.clone(), scope);
    }

    if kind != ScopeKind::Class {
        if kind.is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".to_string());
    }

    let children = table.scopes[id].children.clone();
    for child in children {
        let mut child_free = newfree.clone();
        analyze_block(
            table,
            child,
            Some(newbound.clone()),
            &mut child_free,
            &newglobal,
            index,
        )?;
        newfree.extend(child_free);
    }

    if kind.is_function_like() {
        // Locals that children capture become cells.
        for (name, scope) in scopes.iter_mut() {
            if *scope == SymbolScope::Local && newfree.remove(name) {
                *scope = SymbolScope::Cell;
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        table.scopes[id].needs_class_closure = true;
    }

    // update_symbols
    let scope_entry = &mut table.scopes[id];
    for sym in scope_entry.symbols.iter_mut() {
        sym.scope = scopes[&sym.name];
    }
    let mut names: Vec<&String> = newfree.iter().collect();
    names.sort();
    for name in names {
        if let Some(&i) = scope_entry.index.get(name) {
            let sym = &mut scope_entry.symbols[i];
            if kind == ScopeKind::Class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sym.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.as_ref().is_some_and(|b| !b.contains(name)) {
            continue;
        }
        if bound.is_none() {
            continue;
        }
        scope_entry
            .index
            .insert(name.clone(), scope_entry.symbols.len());
        scope_entry.symbols.push(Symbol {
            name: name.clone(),
            flags: 0,
            scope: SymbolScope::Free,
        });
    }
    free.extend(newfree);
    Ok(())
}
