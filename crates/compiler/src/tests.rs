//! Unit tests: hand-built ASTs (and source, once the parser lands) compiled and checked
//! for instruction shapes, scopes, errors and structural soundness.

use crate::{compile, compile_expression, max_stack_depth, CompileError, Mode};
use gilded_bytecode::{CodeObject, Constant as Const, Instruction};
use gilded_syntax::ast::*;
use gilded_syntax::LineIndex;
use num_bigint::BigInt;
use std::sync::Arc;

// ----- AST builders ----------------------------------------------------------------

pub(crate) fn sp() -> Span {
    Span::default()
}

pub(crate) fn ex(kind: ExprKind) -> Expr {
    Expr { span: sp(), kind }
}

pub(crate) fn st(kind: StmtKind) -> Stmt {
    Stmt { span: sp(), kind }
}

pub(crate) fn name(n: &str) -> Expr {
    ex(ExprKind::Name(n.into()))
}

pub(crate) fn int(i: i64) -> Expr {
    ex(ExprKind::Constant(Constant::Int(BigInt::from(i))))
}

pub(crate) fn string(s: &str) -> Expr {
    ex(ExprKind::Constant(Constant::Str(s.into())))
}

#[allow(dead_code)]
pub(crate) fn none() -> Expr {
    ex(ExprKind::Constant(Constant::None))
}

pub(crate) fn call(f: Expr, args: Vec<Expr>) -> Expr {
    ex(ExprKind::Call {
        func: Box::new(f),
        args,
        keywords: vec![],
    })
}

pub(crate) fn call_kw(f: Expr, args: Vec<Expr>, kws: Vec<(Option<&str>, Expr)>) -> Expr {
    ex(ExprKind::Call {
        func: Box::new(f),
        args,
        keywords: kws
            .into_iter()
            .map(|(a, v)| Keyword {
                span: sp(),
                arg: a.map(String::from),
                value: v,
            })
            .collect(),
    })
}

pub(crate) fn attr(v: Expr, a: &str) -> Expr {
    ex(ExprKind::Attribute {
        value: Box::new(v),
        attr: a.into(),
    })
}

pub(crate) fn binop(l: Expr, op: BinOp, r: Expr) -> Expr {
    ex(ExprKind::BinOp {
        left: Box::new(l),
        op,
        right: Box::new(r),
        op_span: sp(),
    })
}

pub(crate) fn subscript(v: Expr, i: Expr) -> Expr {
    ex(ExprKind::Subscript {
        value: Box::new(v),
        index: Box::new(i),
        bracket_span: sp(),
    })
}

pub(crate) fn compare(l: Expr, ops: Vec<CmpOp>, cs: Vec<Expr>) -> Expr {
    ex(ExprKind::Compare {
        left: Box::new(l),
        ops,
        comparators: cs,
    })
}

pub(crate) fn tuple(v: Vec<Expr>) -> Expr {
    ex(ExprKind::Tuple(v))
}

pub(crate) fn starred(v: Expr) -> Expr {
    ex(ExprKind::Starred(Box::new(v)))
}

pub(crate) fn listcomp(elt: Expr, gens: Vec<(Expr, Expr, Vec<Expr>)>) -> Expr {
    ex(ExprKind::ListComp {
        elt: Box::new(elt),
        generators: gens
            .into_iter()
            .map(|(target, iter, ifs)| Comprehension { target, iter, ifs })
            .collect(),
    })
}

pub(crate) fn genexp(elt: Expr, target: Expr, iter: Expr) -> Expr {
    ex(ExprKind::GeneratorExp {
        elt: Box::new(elt),
        generators: vec![Comprehension {
            target,
            iter,
            ifs: vec![],
        }],
    })
}

pub(crate) fn lambda(params: &[&str], body: Expr) -> Expr {
    ex(ExprKind::Lambda {
        params: Box::new(params_of(params)),
        body: Box::new(body),
    })
}

pub(crate) fn param(n: &str) -> Param {
    Param {
        span: sp(),
        name: n.into(),
        annotation: None,
        default: None,
    }
}

pub(crate) fn params_of(names: &[&str]) -> Parameters {
    Parameters {
        args: names.iter().map(|n| param(n)).collect(),
        ..Parameters::default()
    }
}

pub(crate) fn expr_stmt(e: Expr) -> Stmt {
    st(StmtKind::Expr(e))
}

pub(crate) fn assign(t: Expr, v: Expr) -> Stmt {
    st(StmtKind::Assign {
        targets: vec![t],
        value: v,
    })
}

pub(crate) fn ret(v: Option<Expr>) -> Stmt {
    st(StmtKind::Return(v))
}

pub(crate) fn def_with(
    n: &str,
    params: Parameters,
    body: Vec<Stmt>,
    decorators: Vec<Expr>,
) -> Stmt {
    st(StmtKind::FunctionDef(Box::new(FunctionDef {
        name: n.into(),
        params,
        body,
        decorators,
        returns: None,
        name_span: sp(),
    })))
}

pub(crate) fn def(n: &str, params: &[&str], body: Vec<Stmt>) -> Stmt {
    def_with(n, params_of(params), body, vec![])
}

pub(crate) fn class(n: &str, bases: Vec<Expr>, body: Vec<Stmt>) -> Stmt {
    st(StmtKind::ClassDef(Box::new(ClassDef {
        name: n.into(),
        bases,
        keywords: vec![],
        body,
        decorators: vec![],
    })))
}

pub(crate) fn for_(t: Expr, iter: Expr, body: Vec<Stmt>) -> Stmt {
    st(StmtKind::For {
        target: t,
        iter,
        body,
        orelse: vec![],
    })
}

pub(crate) fn while_(test: Expr, body: Vec<Stmt>) -> Stmt {
    st(StmtKind::While {
        test,
        body,
        orelse: vec![],
    })
}

pub(crate) fn if_(test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>) -> Stmt {
    st(StmtKind::If { test, body, orelse })
}

pub(crate) fn handler(typ: Option<Expr>, n: Option<&str>, body: Vec<Stmt>) -> ExceptHandler {
    ExceptHandler {
        span: sp(),
        typ,
        name: n.map(String::from),
        body,
    }
}

pub(crate) fn try_(
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Vec<Stmt>,
    finalbody: Vec<Stmt>,
) -> Stmt {
    st(StmtKind::Try {
        body,
        handlers,
        orelse,
        finalbody,
    })
}

pub(crate) fn with_(items: Vec<(Expr, Option<Expr>)>, body: Vec<Stmt>) -> Stmt {
    st(StmtKind::With {
        items: items
            .into_iter()
            .map(|(c, v)| WithItem {
                context_expr: c,
                optional_vars: v,
            })
            .collect(),
        body,
    })
}

pub(crate) fn module(body: Vec<Stmt>) -> Module {
    Module { body }
}

// ----- checking helpers -------------------------------------------------------------

fn compile_mod(m: &Module) -> Result<Arc<CodeObject>, CompileError> {
    compile(m, &LineIndex::new(""), "<test>", Mode::Module)
}

fn ok(body: Vec<Stmt>) -> Arc<CodeObject> {
    let code = compile_mod(&module(body)).unwrap_or_else(|e| panic!("compile failed: {e}"));
    validate(&code);
    code
}

fn err(body: Vec<Stmt>) -> String {
    match compile_mod(&module(body)) {
        Ok(code) => panic!(
            "expected an error, got code:\n{}",
            gilded_bytecode::dis::disassemble(&code)
        ),
        Err(e) => e.msg,
    }
}

/// Structural soundness of a code object and all nested ones.
pub(crate) fn validate(code: &CodeObject) {
    use Instruction::*;
    let n = code.instructions.len();
    assert_eq!(n, code.locations.len(), "one location per instruction");
    let ncells = code.cellvars.len() + code.freevars.len();
    for (i, instr) in code.instructions.iter().enumerate() {
        if let Some(t) = instr.jump_target() {
            assert!(
                (t as usize) < n,
                "{}: jump target {t} out of range",
                code.qualname
            );
        }
        assert!(
            code.locations[i].line >= 1,
            "{}: no location at {i}",
            code.qualname
        );
        match *instr {
            LoadConst(k) => assert!((k as usize) < code.constants.len()),
            LoadFast(k) | StoreFast(k) | DeleteFast(k) => {
                assert!((k as usize) < code.varnames.len())
            }
            LoadDeref(k) | StoreDeref(k) | DeleteDeref(k) | LoadClosure(k) => {
                assert!(
                    (k as usize) < ncells,
                    "{}: cell {k} out of range",
                    code.qualname
                )
            }
            LoadClassDeref { name, cell } => {
                assert!((name as usize) < code.names.len());
                assert!((cell as usize) < ncells);
            }
            LoadName(k) | StoreName(k) | DeleteName(k) | LoadGlobal(k) | StoreGlobal(k)
            | DeleteGlobal(k) | LoadAttr(k) | StoreAttr(k) | DeleteAttr(k) | LoadMethod(k)
            | ImportName(k) | ImportFrom(k) => assert!((k as usize) < code.names.len()),
            CallKw { names, .. } => {
                assert!(matches!(code.constants[names as usize], Const::Tuple(_)))
            }
            _ => {}
        }
    }
    let depth = max_stack_depth(&code.instructions)
        .unwrap_or_else(|e| panic!("{}: {e}\n{}", code.qualname, render(code)));
    assert_eq!(depth, code.max_stack);
    assert!(
        matches!(
            code.instructions.last(),
            Some(ReturnValue | Jump(_) | Reraise | Raise(_))
        ),
        "{} must not fall off the end",
        code.qualname
    );
    for (ci, pi) in &code.cell_params {
        assert_eq!(code.cellvars[*ci as usize], code.varnames[*pi as usize]);
    }
    for c in &code.constants {
        if let Const::Code(inner) = c {
            validate(inner);
        }
    }
}

/// A compact listing with names resolved: `LoadName(x)`, `Call(1)`, `Jump(7)`.
pub(crate) fn render(code: &CodeObject) -> String {
    code.instructions
        .iter()
        .map(|i| render_one(code, i))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render_one(code: &CodeObject, instr: &Instruction) -> String {
    use Instruction::*;
    let nm = |i: u32| code.names[i as usize].to_string();
    let var = |i: u32| code.varnames[i as usize].to_string();
    let cell = |i: u32| {
        let i = i as usize;
        code.cellvars
            .get(i)
            .or_else(|| code.freevars.get(i - code.cellvars.len()))
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    let k = |i: u32| match &code.constants[i as usize] {
        Const::Code(c) => format!("<code {}>", c.qualname),
        Const::Str(s) => format!("{s:?}"),
        Const::Int(v) => v.to_string(),
        other => format!("{other:?}"),
    };
    match *instr {
        LoadConst(i) => format!("LoadConst({})", k(i)),
        LoadFast(i) => format!("LoadFast({})", var(i)),
        StoreFast(i) => format!("StoreFast({})", var(i)),
        DeleteFast(i) => format!("DeleteFast({})", var(i)),
        LoadDeref(i) => format!("LoadDeref({})", cell(i)),
        StoreDeref(i) => format!("StoreDeref({})", cell(i)),
        DeleteDeref(i) => format!("DeleteDeref({})", cell(i)),
        LoadClosure(i) => format!("LoadClosure({})", cell(i)),
        LoadClassDeref { name, .. } => format!("LoadClassDeref({})", nm(name)),
        LoadName(i) => format!("LoadName({})", nm(i)),
        StoreName(i) => format!("StoreName({})", nm(i)),
        DeleteName(i) => format!("DeleteName({})", nm(i)),
        LoadGlobal(i) => format!("LoadGlobal({})", nm(i)),
        StoreGlobal(i) => format!("StoreGlobal({})", nm(i)),
        DeleteGlobal(i) => format!("DeleteGlobal({})", nm(i)),
        LoadAttr(i) => format!("LoadAttr({})", nm(i)),
        StoreAttr(i) => format!("StoreAttr({})", nm(i)),
        DeleteAttr(i) => format!("DeleteAttr({})", nm(i)),
        LoadMethod(i) => format!("LoadMethod({})", nm(i)),
        ImportName(i) => format!("ImportName({})", nm(i)),
        ImportFrom(i) => format!("ImportFrom({})", nm(i)),
        CallKw { argc, names } => format!("CallKw({argc}, {})", k(names)),
        other => format!("{other:?}"),
    }
}

fn nested<'c>(code: &'c CodeObject, qualname: &str) -> &'c CodeObject {
    fn find<'c>(code: &'c CodeObject, q: &str) -> Option<&'c CodeObject> {
        for c in &code.constants {
            if let Const::Code(inner) = c {
                if &*inner.qualname == q {
                    return Some(inner);
                }
                if let Some(f) = find(inner, q) {
                    return Some(f);
                }
            }
        }
        None
    }
    find(code, qualname).unwrap_or_else(|| panic!("no code object {qualname}"))
}

fn lines(s: &str) -> String {
    s.trim()
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn names(v: &[Arc<str>]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ----- hand-built AST tests ---------------------------------------------------------

#[test]
fn module_assign_and_call() {
    let code = ok(vec![
        assign(name("x"), int(1)),
        expr_stmt(call(name("print"), vec![name("x")])),
    ]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadConst(1)
            StoreName(x)
            LoadName(print)
            LoadName(x)
            Call(1)
            Pop
            LoadConst(None)
            ReturnValue
        "#
        )
    );
    assert!(code.flags.uses_namespace);
    assert_eq!(&*code.name, "<module>");
}

#[test]
fn function_locals_globals_and_closures() {
    // def f(a):
    //     b = a
    //     def g():
    //         return a + b + c
    //     return g
    let code = ok(vec![def(
        "f",
        &["a"],
        vec![
            assign(name("b"), name("a")),
            def(
                "g",
                &[],
                vec![ret(Some(binop(
                    binop(name("a"), BinOp::Add, name("b")),
                    BinOp::Add,
                    name("c"),
                )))],
            ),
            ret(Some(name("g"))),
        ],
    )]);
    let f = nested(&code, "f");
    assert_eq!(names(&f.cellvars), ["a", "b"]);
    assert_eq!(f.cell_params, vec![(0, 0)]);
    assert_eq!(f.argcount, 1);
    assert!(!f.flags.uses_namespace);
    assert_eq!(
        render(f),
        lines(
            r#"
            LoadDeref(a)
            StoreDeref(b)
            LoadClosure(a)
            LoadClosure(b)
            BuildTuple(2)
            LoadConst(<code f.<locals>.g>)
            MakeFunction(4)
            StoreFast(g)
            LoadFast(g)
            ReturnValue
            LoadConst(None)
            ReturnValue
        "#
        )
    );
    let g = nested(&code, "f.<locals>.g");
    assert_eq!(names(&g.freevars), ["a", "b"]);
    assert!(render(g).contains("LoadGlobal(c)"));
    assert!(render(g).contains("LoadDeref(a)"));
    // A function's first constant is its docstring or None.
    assert_eq!(f.constants[0], Const::None);
}

#[test]
fn docstrings() {
    let code = ok(vec![
        expr_stmt(string("module doc")),
        def("f", &[], vec![expr_stmt(string("doc")), ret(None)]),
        class("C", vec![], vec![expr_stmt(string("cdoc"))]),
    ]);
    assert!(render(&code).starts_with("LoadConst(\"module doc\")\nStoreName(__doc__)"));
    assert_eq!(nested(&code, "f").constants[0], Const::Str("doc".into()));
    assert!(render(nested(&code, "C")).contains("LoadConst(\"cdoc\")\nStoreName(__doc__)"));
}

#[test]
fn parameters_order_and_defaults() {
    // def f(a, /, b=1, *args, c, d=2, **kw): pass
    let mut p = Parameters {
        posonly: vec![param("a")],
        args: vec![param("b")],
        vararg: Some(param("args")),
        kwonly: vec![param("c"), param("d")],
        kwarg: Some(param("kw")),
    };
    p.args[0].default = Some(int(1));
    p.kwonly[1].default = Some(int(2));
    let code = ok(vec![def_with("f", p, vec![st(StmtKind::Pass)], vec![])]);
    let f = nested(&code, "f");
    assert_eq!(names(&f.varnames), ["a", "b", "c", "d", "args", "kw"]);
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 1, 2));
    assert!(f.flags.varargs && f.flags.varkeywords);
    assert_eq!(f.total_params(), 6);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadConst(1)
            BuildTuple(1)
            LoadConst("d")
            LoadConst(2)
            BuildMap(1)
            LoadConst(<code f>)
            MakeFunction(3)
            StoreName(f)
            LoadConst(None)
            ReturnValue
        "#
        )
    );
}

#[test]
fn decorators_apply_innermost_first() {
    let code = ok(vec![def_with(
        "f",
        Parameters::default(),
        vec![st(StmtKind::Pass)],
        vec![name("a"), name("b")],
    )]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadName(a)
            LoadName(b)
            LoadConst(<code f>)
            MakeFunction(0)
            Call(1)
            Call(1)
            StoreName(f)
            LoadConst(None)
            ReturnValue
        "#
        )
    );
}

#[test]
fn class_body_and_super_cell() {
    // class C(B):
    //     x = 1
    //     def m(self):
    //         return super().m()
    let code = ok(vec![class(
        "C",
        vec![name("B")],
        vec![
            assign(name("x"), int(1)),
            def(
                "m",
                &["self"],
                vec![ret(Some(call(
                    attr(call(name("super"), vec![]), "m"),
                    vec![],
                )))],
            ),
        ],
    )]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadClosure(__class__)
            BuildTuple(1)
            LoadConst(<code C>)
            MakeFunction(4)
            LoadConst("C")
            LoadName(B)
            BuildClass(1)
            StoreName(C)
            LoadConst(None)
            ReturnValue
        "#
        )
        .replace("LoadClosure(__class__)\nBuildTuple(1)\n", "")
        .replace("MakeFunction(4)", "MakeFunction(0)")
    );
    let c = nested(&code, "C");
    assert_eq!(names(&c.cellvars), ["__class__"]);
    assert!(c.flags.uses_namespace);
    assert_eq!(
        render(c),
        lines(
            r#"
            LoadName(__name__)
            StoreName(__module__)
            LoadConst("C")
            StoreName(__qualname__)
            LoadConst(1)
            StoreName(x)
            LoadClosure(__class__)
            BuildTuple(1)
            LoadConst(<code C.m>)
            MakeFunction(4)
            StoreName(m)
            LoadClosure(__class__)
            StoreName(__classcell__)
            LoadConst(None)
            ReturnValue
        "#
        )
    );
    let m = nested(&code, "C.m");
    assert_eq!(names(&m.freevars), ["__class__"]);
    assert_eq!(
        render(m),
        lines(
            r#"
            LoadGlobal(super)
            Call(0)
            LoadMethod(m)
            CallMethod(0)
            ReturnValue
            LoadConst(None)
            ReturnValue
        "#
        )
    );
}

#[test]
fn class_scope_does_not_enclose_methods_and_uses_class_deref() {
    // def f():
    //     x = 1
    //     class C:
    //         y = x
    //         def m(self): return y
    let code = ok(vec![def(
        "f",
        &[],
        vec![
            assign(name("x"), int(1)),
            class(
                "C",
                vec![],
                vec![
                    assign(name("y"), name("x")),
                    def("m", &["self"], vec![ret(Some(name("y")))]),
                ],
            ),
        ],
    )]);
    let c = nested(&code, "f.<locals>.C");
    assert_eq!(names(&c.freevars), ["x"]);
    assert!(render(c).contains("LoadClassDeref(x)\nStoreName(y)"));
    let m = nested(&code, "f.<locals>.C.m");
    assert!(render(m).contains("LoadGlobal(y)"));
    assert!(m.freevars.is_empty());
    assert_eq!(names(&nested(&code, "f").cellvars), ["x"]);
}

#[test]
fn global_and_nonlocal() {
    // def f():
    //     global g
    //     g = 1
    //     n = 0
    //     def h():
    //         nonlocal n
    //         n += 1
    let code = ok(vec![def(
        "f",
        &[],
        vec![
            st(StmtKind::Global(vec!["g".into()])),
            assign(name("g"), int(1)),
            assign(name("n"), int(0)),
            def(
                "h",
                &[],
                vec![
                    st(StmtKind::Nonlocal(vec!["n".into()])),
                    st(StmtKind::AugAssign {
                        target: name("n"),
                        op: BinOp::Add,
                        value: int(1),
                    }),
                ],
            ),
        ],
    )]);
    let f = nested(&code, "f");
    assert!(render(f).starts_with("LoadConst(1)\nStoreGlobal(g)\nLoadConst(0)\nStoreDeref(n)"));
    let h = nested(&code, "f.<locals>.h");
    assert_eq!(
        render(h),
        lines(
            r#"
            LoadDeref(n)
            LoadConst(1)
            InplaceOp(Add)
            StoreDeref(n)
            LoadConst(None)
            ReturnValue
        "#
        )
    );
}

#[test]
fn scope_errors() {
    assert_eq!(
        err(vec![st(StmtKind::Nonlocal(vec!["x".into()]))]),
        "nonlocal declaration not allowed at module level"
    );
    assert_eq!(
        err(vec![def(
            "f",
            &[],
            vec![st(StmtKind::Nonlocal(vec!["x".into()]))]
        )]),
        "no binding for nonlocal 'x' found"
    );
    assert_eq!(
        err(vec![def(
            "f",
            &[],
            vec![expr_stmt(name("x")), st(StmtKind::Global(vec!["x".into()]))]
        )]),
        "name 'x' is used prior to global declaration"
    );
    assert_eq!(
        err(vec![def(
            "f",
            &[],
            vec![
                assign(name("x"), int(1)),
                st(StmtKind::Global(vec!["x".into()]))
            ]
        )]),
        "name 'x' is assigned to before global declaration"
    );
    assert_eq!(err(vec![ret(None)]), "'return' outside function");
    assert_eq!(
        err(vec![class("C", vec![], vec![ret(None)])]),
        "'return' outside function"
    );
    assert_eq!(
        err(vec![expr_stmt(ex(ExprKind::Yield(None)))]),
        "'yield' outside function"
    );
    assert_eq!(err(vec![st(StmtKind::Break)]), "'break' outside loop");
    assert_eq!(
        err(vec![st(StmtKind::Continue)]),
        "'continue' not properly in loop"
    );
    // A loop outside the function does not count.
    assert_eq!(
        err(vec![while_(
            name("x"),
            vec![def("f", &[], vec![st(StmtKind::Break)])]
        )]),
        "'break' outside loop"
    );
    assert_eq!(
        err(vec![expr_stmt(call_kw(
            name("f"),
            vec![],
            vec![(Some("a"), int(1)), (Some("a"), int(2))]
        ))]),
        "keyword argument repeated: a"
    );
    assert_eq!(
        err(vec![def("f", &["x", "x"], vec![])]),
        "duplicate argument 'x' in function definition"
    );
    assert_eq!(
        err(vec![def(
            "f",
            &["x"],
            vec![st(StmtKind::Global(vec!["x".into()]))]
        )]),
        "name 'x' is parameter and global"
    );
}

#[test]
fn error_positions_are_one_based() {
    let src = "x = 1\nreturn x\n";
    let idx = LineIndex::new(src);
    let m = module(vec![Stmt {
        span: Span::new(6, 14),
        kind: StmtKind::Return(Some(name("x"))),
    }]);
    let e = compile(&m, &idx, "<test>", Mode::Module).unwrap_err();
    assert_eq!((e.line, e.col, e.end_line, e.end_col), (2, 1, 2, 9));
}

#[test]
fn list_comprehension_shape() {
    // [x * 2 for x in xs if x]
    let code = ok(vec![expr_stmt(listcomp(
        binop(name("x"), BinOp::Mult, int(2)),
        vec![(name("x"), name("xs"), vec![name("x")])],
    ))]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadConst(<code <listcomp>>)
            MakeFunction(0)
            LoadName(xs)
            GetIter
            Call(1)
            Pop
            LoadConst(None)
            ReturnValue
        "#
        )
    );
    let lc = nested(&code, "<listcomp>");
    assert_eq!(names(&lc.varnames), [".0", "x"]);
    assert_eq!(lc.argcount, 1);
    assert_eq!(
        render(lc),
        lines(
            r#"
            BuildList(0)
            LoadFast(.0)
            ForIter(10)
            StoreFast(x)
            LoadFast(x)
            PopJumpIfFalse(2)
            LoadFast(x)
            LoadConst(2)
            BinaryOp(Multiply)
            ListAppend(2)
            Jump(2)
            ReturnValue
        "#
        )
        .replace("ForIter(10)", "ForIter(11)")
    );
}

#[test]
fn nested_comprehension_depth_and_scopes() {
    // def f(ys): return [(x, y) for x in xs for y in ys]
    let code = ok(vec![def(
        "f",
        &["ys"],
        vec![ret(Some(listcomp(
            tuple(vec![name("x"), name("y")]),
            vec![
                (name("x"), name("xs"), vec![]),
                (name("y"), name("ys"), vec![]),
            ],
        )))],
    )]);
    let f = nested(&code, "f");
    assert_eq!(names(&f.cellvars), ["ys"]);
    let lc = nested(&code, "f.<locals>.<listcomp>");
    assert_eq!(names(&lc.freevars), ["ys"]);
    let r = render(lc);
    assert!(r.contains("ListAppend(3)"), "{r}");
    assert!(r.contains("LoadDeref(ys)\nGetIter"), "{r}");
    // The outermost iterable is evaluated in f, as a global.
    assert!(render(f).contains("LoadGlobal(xs)\nGetIter\nCall(1)"));
}

#[test]
fn generator_expression_and_yield() {
    let code = ok(vec![
        expr_stmt(genexp(name("x"), name("x"), name("xs"))),
        def(
            "g",
            &[],
            vec![
                expr_stmt(ex(ExprKind::Yield(Some(Box::new(int(1)))))),
                expr_stmt(ex(ExprKind::YieldFrom(Box::new(name("it"))))),
            ],
        ),
    ]);
    let ge = nested(&code, "<genexpr>");
    assert!(ge.flags.generator);
    assert!(render(ge).contains("LoadFast(x)\nYieldValue\nPop"));
    let g = nested(&code, "g");
    assert!(g.flags.generator);
    assert!(render(g).contains("LoadGlobal(it)\nGetIter\nLoadConst(None)\nYieldFrom\nPop"));
}

#[test]
fn qualnames() {
    let code = ok(vec![
        def(
            "f",
            &[],
            vec![
                def("g", &[], vec![]),
                expr_stmt(lambda(&[], int(1))),
                expr_stmt(listcomp(
                    lambda(&[], name("x")),
                    vec![(name("x"), name("xs"), vec![])],
                )),
            ],
        ),
        class(
            "C",
            vec![],
            vec![def(
                "m",
                &["self"],
                vec![expr_stmt(listcomp(
                    name("x"),
                    vec![(name("x"), name("xs"), vec![])],
                ))],
            )],
        ),
        expr_stmt(lambda(&["a"], name("a"))),
    ]);
    for q in [
        "f",
        "f.<locals>.g",
        "f.<locals>.<lambda>",
        "f.<locals>.<listcomp>",
        "f.<locals>.<listcomp>.<lambda>",
        "C",
        "C.m",
        "C.m.<locals>.<listcomp>",
        "<lambda>",
    ] {
        nested(&code, q);
    }
    assert_eq!(&*nested(&code, "<lambda>").name, "<lambda>");
}

#[test]
fn calls_of_every_shape() {
    let code = ok(vec![
        expr_stmt(call(attr(name("o"), "m"), vec![int(1), int(2)])),
        expr_stmt(call_kw(name("f"), vec![int(1)], vec![(Some("k"), int(2))])),
        expr_stmt(call_kw(
            name("f"),
            vec![int(1), starred(name("a")), int(2)],
            vec![(Some("k"), int(3)), (None, name("d")), (Some("j"), int(4))],
        )),
        expr_stmt(call_kw(
            attr(name("o"), "m"),
            vec![],
            vec![(Some("k"), int(1))],
        )),
    ]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadName(o)
            LoadMethod(m)
            LoadConst(1)
            LoadConst(2)
            CallMethod(2)
            Pop
            LoadName(f)
            LoadConst(1)
            LoadConst(2)
            CallKw(2, Tuple(["k"]))
            Pop
            LoadName(f)
            LoadConst(1)
            BuildList(1)
            LoadName(a)
            ListExtend(1)
            LoadConst(2)
            ListAppend(1)
            ListToTuple
            LoadConst("k")
            LoadConst(3)
            BuildMap(1)
            LoadName(d)
            DictMerge(1)
            LoadConst("j")
            LoadConst(4)
            BuildMap(1)
            DictMerge(1)
            CallEx(true)
            Pop
            LoadName(o)
            LoadAttr(m)
            LoadConst(1)
            CallKw(1, Tuple(["k"]))
            Pop
            LoadConst(None)
            ReturnValue
        "#
        )
        .replace(
            "Tuple([\"k\"])",
            &format!("{:?}", Const::Tuple(vec![Const::Str("k".into())].into()))
        )
    );
}

#[test]
fn chained_comparison_shape() {
    let code = ok(vec![expr_stmt(compare(
        name("a"),
        vec![CmpOp::Lt, CmpOp::Lt],
        vec![name("b"), name("c")],
    ))]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadName(a)
            LoadName(b)
            Swap(2)
            Copy(2)
            CompareOp(Less)
            JumpIfFalseOrPop(10)
            LoadName(c)
            CompareOp(Less)
            Jump(12)
            Swap(2)
            Pop
            Pop
            LoadConst(None)
            ReturnValue
        "#
        )
        .replace("JumpIfFalseOrPop(10)", "JumpIfFalseOrPop(9)")
        .replace("Jump(12)", "Jump(11)")
    );
}

#[test]
fn assignment_targets() {
    // a, *b, c = d = x; o.p = 1; o[k] = 2; o[k] += 3; o.p -= 4
    let code = ok(vec![
        st(StmtKind::Assign {
            targets: vec![
                tuple(vec![name("a"), starred(name("b")), name("c")]),
                name("d"),
            ],
            value: name("x"),
        }),
        assign(attr(name("o"), "p"), int(1)),
        assign(subscript(name("o"), name("k")), int(2)),
        st(StmtKind::AugAssign {
            target: subscript(name("o"), name("k")),
            op: BinOp::Add,
            value: int(3),
        }),
        st(StmtKind::AugAssign {
            target: attr(name("o"), "p"),
            op: BinOp::Sub,
            value: int(4),
        }),
    ]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadName(x)
            Copy(1)
            UnpackEx { before: 1, after: 1 }
            StoreName(a)
            StoreName(b)
            StoreName(c)
            StoreName(d)
            LoadConst(1)
            LoadName(o)
            StoreAttr(p)
            LoadConst(2)
            LoadName(o)
            LoadName(k)
            StoreSubscr
            LoadName(o)
            LoadName(k)
            Copy(2)
            Copy(2)
            BinarySubscr
            LoadConst(3)
            InplaceOp(Add)
            Swap(3)
            Swap(2)
            StoreSubscr
            LoadName(o)
            Copy(1)
            LoadAttr(p)
            LoadConst(4)
            InplaceOp(Subtract)
            Swap(2)
            StoreAttr(p)
            LoadConst(None)
            ReturnValue
        "#
        )
    );
    assert_eq!(
        err(vec![st(StmtKind::Assign {
            targets: vec![tuple(vec![starred(name("a")), starred(name("b"))])],
            value: name("x"),
        })]),
        "multiple starred expressions in assignment"
    );
}

#[test]
fn try_except_shape() {
    // try: f()
    // except E as e: g(e)
    // except: pass
    let code = ok(vec![try_(
        vec![expr_stmt(call(name("f"), vec![]))],
        vec![
            handler(
                Some(name("E")),
                Some("e"),
                vec![expr_stmt(call(name("g"), vec![name("e")]))],
            ),
            handler(None, None, vec![st(StmtKind::Pass)]),
        ],
        vec![],
        vec![],
    )]);
    let r = render(&code);
    assert!(r.starts_with("SetupExcept("), "{r}");
    assert!(
        r.contains("LoadName(E)\nCheckExcMatch\nPopJumpIfFalse("),
        "{r}"
    );
    assert!(r.contains("Copy(1)\nStoreName(e)\nSetupExcept("), "{r}");
    assert!(
        r.contains("LoadConst(None)\nStoreName(e)\nDeleteName(e)\nPopBlock\nPop\nPopExcept\nJump("),
        "{r}"
    );
    assert!(
        r.contains("Swap(2)\nPop\nSwap(2)\nPop\nSwap(2)\nPopExcept\nReraise"),
        "{r}"
    );
    assert_eq!(
        err(vec![try_(
            vec![st(StmtKind::Pass)],
            vec![
                handler(None, None, vec![]),
                handler(Some(name("E")), None, vec![])
            ],
            vec![],
            vec![],
        )]),
        "default 'except:' must be last"
    );
}

#[test]
fn unwinding_return_break_continue() {
    // def f():
    //     for x in xs:
    //         try:
    //             with m as v:
    //                 try:
    //                     if x: return x
    //                     if y: break
    //                     continue
    //                 except E as e:
    //                     return e
    //                 finally:
    //                     for z in zs:
    //                         return 9
    //         finally:
    //             g()
    //             continue
    let inner_try = try_(
        vec![
            if_(name("x"), vec![ret(Some(name("x")))], vec![]),
            if_(name("y"), vec![st(StmtKind::Break)], vec![]),
            st(StmtKind::Continue),
        ],
        vec![handler(
            Some(name("E")),
            Some("e"),
            vec![ret(Some(name("e")))],
        )],
        vec![],
        vec![for_(name("z"), name("zs"), vec![ret(Some(int(9)))])],
    );
    let code = ok(vec![def(
        "f",
        &[],
        vec![for_(
            name("x"),
            name("xs"),
            vec![try_(
                vec![with_(vec![(name("m"), Some(name("v")))], vec![inner_try])],
                vec![],
                vec![],
                vec![expr_stmt(call(name("g"), vec![])), st(StmtKind::Continue)],
            )],
        )],
    )]);
    let f = nested(&code, "f");
    assert!(f.max_stack >= 5, "max_stack {}", f.max_stack);
}

#[test]
fn with_statement_shape() {
    let code = ok(vec![with_(
        vec![(name("a"), Some(name("x"))), (name("b"), None)],
        vec![st(StmtKind::Pass)],
    )]);
    let r = render(&code);
    assert!(
        r.starts_with("LoadName(a)\nBeforeWith\nStoreName(x)\nSetupExcept("),
        "{r}"
    );
    assert!(
        r.contains("LoadName(b)\nBeforeWith\nPop\nSetupExcept("),
        "{r}"
    );
    assert!(r.contains("WithExceptStart\nPopJumpIfTrue("), "{r}");
    assert!(
        r.contains(
            "PopBlock\nLoadConst(None)\nLoadConst(None)\nLoadConst(None)\nCall(3)\nPop\nJump("
        ),
        "{r}"
    );
}

#[test]
fn boolean_conditions_and_ifexp() {
    let code = ok(vec![
        if_(
            ex(ExprKind::BoolOp {
                op: BoolOp::And,
                values: vec![
                    name("a"),
                    ex(ExprKind::UnaryOp {
                        op: UnaryOp::Not,
                        operand: Box::new(name("b")),
                    }),
                ],
            }),
            vec![expr_stmt(name("c"))],
            vec![expr_stmt(name("d"))],
        ),
        assign(
            name("v"),
            ex(ExprKind::BoolOp {
                op: BoolOp::Or,
                values: vec![name("a"), name("b")],
            }),
        ),
        assign(
            name("w"),
            ex(ExprKind::IfExp {
                test: Box::new(name("a")),
                body: Box::new(int(1)),
                orelse: Box::new(int(2)),
            }),
        ),
    ]);
    let r = render(&code);
    assert!(
        r.starts_with("LoadName(a)\nPopJumpIfFalse(7)\nLoadName(b)\nPopJumpIfTrue(7)\nLoadName(c)\nPop\nJump(9)\nLoadName(d)\nPop"),
        "{r}"
    );
    assert!(r.contains("LoadName(a)\nJumpIfTrueOrPop("), "{r}");
}

#[test]
fn imports() {
    let code = ok(vec![
        st(StmtKind::Import(vec![
            Alias {
                span: sp(),
                name: "os.path".into(),
                asname: None,
            },
            Alias {
                span: sp(),
                name: "os.path".into(),
                asname: Some("p".into()),
            },
        ])),
        st(StmtKind::ImportFrom {
            module: Some("math".into()),
            names: vec![
                Alias {
                    span: sp(),
                    name: "pi".into(),
                    asname: None,
                },
                Alias {
                    span: sp(),
                    name: "sin".into(),
                    asname: Some("s".into()),
                },
            ],
            level: 0,
        }),
        st(StmtKind::ImportFrom {
            module: Some("m".into()),
            names: vec![Alias {
                span: sp(),
                name: "*".into(),
                asname: None,
            }],
            level: 0,
        }),
    ]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            ImportName(os.path)
            Pop
            ImportName(os)
            StoreName(os)
            ImportName(os.path)
            StoreName(p)
            ImportName(math)
            ImportFrom(pi)
            StoreName(pi)
            ImportFrom(sin)
            StoreName(s)
            Pop
            ImportName(m)
            ImportStar
            LoadConst(None)
            ReturnValue
        "#
        )
    );
}

#[test]
fn interactive_and_eval_modes() {
    let idx = LineIndex::new("");
    let m = module(vec![
        expr_stmt(binop(int(1), BinOp::Add, int(2))),
        for_(name("i"), name("r"), vec![expr_stmt(name("i"))]),
    ]);
    let code = compile(&m, &idx, "<stdin>", Mode::Interactive).unwrap();
    validate(&code);
    let r = render(&code);
    assert!(
        r.starts_with("LoadConst(1)\nLoadConst(2)\nBinaryOp(Add)\nPrintExpr"),
        "{r}"
    );
    assert!(r.contains("LoadName(i)\nPrintExpr"), "{r}");

    let m = module(vec![expr_stmt(binop(int(1), BinOp::Add, name("x")))]);
    let code = compile(&m, &idx, "<string>", Mode::Eval).unwrap();
    validate(&code);
    assert_eq!(
        render(&code),
        "LoadConst(1)\nLoadName(x)\nBinaryOp(Add)\nReturnValue"
    );
    let code = compile_expression(&lambda(&[], name("y")), &idx, "<string>").unwrap();
    validate(&code);
    assert!(render(&code).ends_with("MakeFunction(0)\nReturnValue"));
}

#[test]
fn constants_are_deduplicated_but_distinct_by_type() {
    let fl = |f: f64| ex(ExprKind::Constant(Constant::Float(f)));
    let code = ok(vec![expr_stmt(call(
        name("f"),
        vec![
            int(0),
            fl(0.0),
            ex(ExprKind::Constant(Constant::Bool(false))),
            fl(-0.0),
            int(0),
            fl(0.0),
            ex(ExprKind::Constant(Constant::Int(BigInt::from(1u8) << 80))),
        ],
    ))]);
    assert_eq!(code.constants.len(), 6, "{:?}", code.constants);
    assert!(matches!(code.constants[4], Const::BigInt(_)));
}

#[test]
fn fstrings() {
    // f"a{x!r:>{w}}b{y=}"
    let s = ex(ExprKind::JoinedStr(vec![
        FStringPart::Literal("a".into()),
        FStringPart::Formatted {
            value: Box::new(name("x")),
            conversion: Some('r'),
            format_spec: Some(vec![
                FStringPart::Literal(">".into()),
                FStringPart::Formatted {
                    value: Box::new(name("w")),
                    conversion: None,
                    format_spec: None,
                    debug_text: None,
                },
            ]),
            debug_text: None,
        },
        FStringPart::Literal("b".into()),
        FStringPart::Formatted {
            value: Box::new(name("y")),
            conversion: None,
            format_spec: None,
            debug_text: Some("y=".into()),
        },
    ]));
    let code = ok(vec![expr_stmt(s)]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadConst("a")
            LoadName(x)
            LoadConst(">")
            LoadName(w)
            FormatValue { conversion: None, has_spec: false }
            BuildString(2)
            FormatValue { conversion: Repr, has_spec: true }
            LoadConst("b")
            LoadConst("y=")
            LoadName(y)
            FormatValue { conversion: Repr, has_spec: false }
            BuildString(5)
            Pop
            LoadConst(None)
            ReturnValue
        "#
        )
    );
    let code = ok(vec![expr_stmt(ex(ExprKind::JoinedStr(vec![])))]);
    assert!(render(&code).starts_with("LoadConst(\"\")\nPop"));
}

#[test]
fn private_names_are_mangled() {
    let code = ok(vec![class(
        "_Foo",
        vec![],
        vec![def(
            "m",
            &["self"],
            vec![
                assign(attr(name("self"), "__x"), int(1)),
                assign(name("__y"), attr(name("self"), "__dunder__")),
            ],
        )],
    )]);
    let m = nested(&code, "_Foo.m");
    let r = render(m);
    assert!(r.contains("StoreAttr(_Foo__x)"), "{r}");
    assert!(r.contains("StoreFast(_Foo__y)"), "{r}");
    assert!(r.contains("LoadAttr(__dunder__)"), "{r}");
}

#[test]
fn walrus_in_comprehension_binds_enclosing_function() {
    // def f(): [y := x for x in xs]; return y
    let code = ok(vec![def(
        "f",
        &[],
        vec![
            expr_stmt(listcomp(
                ex(ExprKind::NamedExpr {
                    target: Box::new(name("y")),
                    value: Box::new(name("x")),
                }),
                vec![(name("x"), name("xs"), vec![])],
            )),
            ret(Some(name("y"))),
        ],
    )]);
    assert_eq!(names(&nested(&code, "f").cellvars), ["y"]);
    assert!(render(nested(&code, "f.<locals>.<listcomp>")).contains("StoreDeref(y)"));
}

#[test]
fn assert_and_raise() {
    let code = ok(vec![
        st(StmtKind::Assert {
            test: name("t"),
            msg: Some(string("m")),
        }),
        st(StmtKind::Raise {
            exc: Some(name("E")),
            cause: Some(name("c")),
        }),
    ]);
    assert_eq!(
        render(&code),
        lines(
            r#"
            LoadName(t)
            PopJumpIfTrue(6)
            LoadGlobal(AssertionError)
            LoadConst("m")
            Call(1)
            Raise(1)
            LoadName(E)
            LoadName(c)
            Raise(2)
            LoadConst(None)
            ReturnValue
        "#
        )
    );
}

#[test]
fn locations_follow_cpython_nodes() {
    let src = "y = a[i] + f(b.c)\n";
    let idx = LineIndex::new(src);
    let at = |s: &str| src.find(s).unwrap();
    let span_of = |s: &str| Span::new(at(s), at(s) + s.len());
    let e = |s: &str, kind: ExprKind| Expr {
        span: span_of(s),
        kind,
    };
    let sub = e(
        "a[i]",
        ExprKind::Subscript {
            value: Box::new(e("a", ExprKind::Name("a".into()))),
            index: Box::new(e("i", ExprKind::Name("i".into()))),
            bracket_span: span_of("[i]"),
        },
    );
    let callx = e(
        "f(b.c)",
        ExprKind::Call {
            func: Box::new(e("f", ExprKind::Name("f".into()))),
            args: vec![e(
                "b.c",
                ExprKind::Attribute {
                    value: Box::new(e("b", ExprKind::Name("b".into()))),
                    attr: "c".into(),
                },
            )],
            keywords: vec![],
        },
    );
    let sum = e(
        "a[i] + f(b.c)",
        ExprKind::BinOp {
            left: Box::new(sub),
            op: BinOp::Add,
            right: Box::new(callx),
            op_span: span_of("+"),
        },
    );
    let m = module(vec![Stmt {
        span: span_of("y = a[i] + f(b.c)"),
        kind: StmtKind::Assign {
            targets: vec![e("y", ExprKind::Name("y".into()))],
            value: sum,
        },
    }]);
    let code = compile(&m, &idx, "<test>", Mode::Module).unwrap();
    validate(&code);
    let loc_of = |pred: &dyn Fn(&Instruction) -> bool| {
        let i = code.instructions.iter().position(pred).unwrap();
        let l = code.locations[i];
        (l.line, l.col, l.end_col, l.anchor)
    };
    assert_eq!(
        loc_of(&|i| matches!(i, Instruction::BinarySubscr)),
        (1, 4, 8, Some((5, 8)))
    );
    assert_eq!(
        loc_of(&|i| matches!(i, Instruction::BinaryOp(_))),
        (1, 4, 17, Some((9, 10)))
    );
    assert_eq!(
        loc_of(&|i| matches!(i, Instruction::Call(_))),
        (1, 11, 17, None)
    );
    assert_eq!(
        loc_of(&|i| matches!(i, Instruction::LoadAttr(_))),
        (1, 13, 16, None)
    );
    assert_eq!(
        loc_of(&|i| matches!(i, Instruction::StoreName(_))),
        (1, 0, 1, None)
    );
}

#[test]
fn first_line_of_decorated_function() {
    let src = "@d\ndef f():\n    pass\n";
    let idx = LineIndex::new(src);
    let m = module(vec![Stmt {
        span: Span::new(3, src.len() - 1),
        kind: StmtKind::FunctionDef(Box::new(FunctionDef {
            name: "f".into(),
            params: Parameters::default(),
            body: vec![Stmt {
                span: Span::new(16, 20),
                kind: StmtKind::Pass,
            }],
            decorators: vec![Expr {
                span: Span::new(1, 2),
                kind: ExprKind::Name("d".into()),
            }],
            returns: None,
            name_span: Span::new(7, 8),
        })),
    }]);
    let code = compile(&m, &idx, "<test>", Mode::Module).unwrap();
    validate(&code);
    assert_eq!(nested(&code, "f").first_line, 1);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let mut e = int(1);
    for _ in 0..5000 {
        e = ex(ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand: Box::new(e),
        });
    }
    let m = module(vec![expr_stmt(e)]);
    let r = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let r = compile_mod(&m).map(|_| ()).map_err(|e| e.msg);
            drop(m);
            r
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        r.unwrap_err(),
        "maximum recursion depth exceeded during compilation"
    );
}

#[test]
fn moderate_nesting_compiles_on_a_normal_thread() {
    // 200 nested parenthesised additions must compile on a default test-thread stack.
    let mut e = int(1);
    for _ in 0..200 {
        e = binop(int(1), BinOp::Add, e);
    }
    ok(vec![expr_stmt(e)]);
}

// ----- source-based tests (need the parser) ----------------------------------------

/// Parses and compiles `src`; `None` while the parser is not built yet.
fn compile_src(src: &str, mode: Mode) -> Option<Result<Arc<CodeObject>, CompileError>> {
    let parsed = match mode {
        Mode::Interactive => gilded_syntax::parse_interactive(src),
        _ => gilded_syntax::parse_module(src),
    };
    let module = match parsed {
        Ok(m) => m,
        Err(e) if e.msg == "parser not built yet" => {
            eprintln!("note: parser not built yet; skipping a source-based test");
            return None;
        }
        Err(e) => panic!("parse error in test source: {e}\n{src}"),
    };
    Some(compile(&module, &LineIndex::new(src), "<test>", mode))
}

fn src_ok(src: &str) -> Option<Arc<CodeObject>> {
    let code = compile_src(src, Mode::Module)?.unwrap_or_else(|e| panic!("{e}\n{src}"));
    validate(&code);
    Some(code)
}

fn src_err(src: &str) -> Option<CompileError> {
    match compile_src(src, Mode::Module)? {
        Ok(_) => panic!("expected a compile error for:\n{src}"),
        Err(e) => Some(e),
    }
}

#[test]
fn source_programs_compile_soundly() {
    let programs = [
        "x = 1\nprint(x + 2)\n",
        "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nprint(fib(10))\n",
        "class A:\n    def __init__(self, x):\n        self.x = x\n    def get(self):\n        return self.x\nclass B(A):\n    def get(self):\n        return super().get() * 2\nprint(B(3).get())\n",
        "for i in range(10):\n    if i % 2:\n        continue\n    elif i > 6:\n        break\nelse:\n    pass\n",
        "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print(e)\nexcept (TypeError, ValueError):\n    raise\nelse:\n    pass\nfinally:\n    print('done')\n",
        "def g():\n    try:\n        yield 1\n    finally:\n        return 2\n",
        "with open('f') as f, lock:\n    data = f.read()\n",
        "squares = [x * x for x in range(10) if x % 3]\nd = {k: v for k, v in zip('ab', 'cd')}\ns = {c for c in 'hello'}\ng = (x for x in [1, 2])\n",
        "a, *b, c = range(5)\n(x, y), z = (1, 2), 3\nv = [*a, *b]\nm = {**{}, 'k': 1}\n",
        "def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n",
        "f = lambda x, *a, k=1, **kw: (x, a, k, kw)\nprint(f(1, 2, k=3, z=4), *[1], **{'sep': ''})\n",
        "x = 5\nprint(f'{x!r:>{x}} {x=} {x:.2f}')\n",
        "while True:\n    try:\n        break\n    finally:\n        print('x')\n",
        "import math, os.path\nfrom math import pi as PI, sqrt\nassert PI > 3, 'pi'\ndel PI\n",
        "def gen():\n    x = yield\n    yield from range(x)\n",
        "print(1 < 2 < 3, 1 if 0 else 2, not 1, -2 ** 2, 'a' in 'abc', None is not None)\n",
        "items = []\nitems.append(1)\nitems[0] += 1\nitems[0:1] = [2]\n",
        "if (n := 10) > 5:\n    print(n)\n",
        "@staticmethod\ndef f(): pass\nclass C:\n    @property\n    def p(self):\n        return self.__secret\n",
    ];
    for p in programs {
        if src_ok(p).is_none() {
            return;
        }
    }
}

#[test]
fn source_errors_match_cpython() {
    let cases = [
        ("return 1\n", "'return' outside function", 1, 1),
        (
            "def f():\n    x = 1\n    global x\n",
            "name 'x' is assigned to before global declaration",
            3,
            5,
        ),
        (
            "nonlocal x\n",
            "nonlocal declaration not allowed at module level",
            1,
            1,
        ),
        (
            "def f():\n    nonlocal x\n",
            "no binding for nonlocal 'x' found",
            2,
            5,
        ),
        (
            "for x in y:\n    pass\nbreak\n",
            "'break' outside loop",
            3,
            1,
        ),
        ("continue\n", "'continue' not properly in loop", 1, 1),
        ("class C:\n    yield 1\n", "'yield' outside function", 2, 5),
    ];
    for (src, msg, line, col) in cases {
        let Some(e) = src_err(src) else { return };
        assert_eq!((e.msg.as_str(), e.line, e.col), (msg, line, col), "{src}");
    }
}

#[test]
fn source_locations() {
    let Some(code) = src_ok("x = 1\ny = x + a[0]\n") else {
        return;
    };
    let i = code
        .instructions
        .iter()
        .position(|i| matches!(i, Instruction::BinaryOp(_)))
        .unwrap();
    let l = code.locations[i];
    assert_eq!(
        (l.line, l.col, l.end_col, l.anchor),
        (2, 4, 12, Some((6, 7)))
    );
    let Some(code) = compile_src("1 + 1\n", Mode::Interactive).map(|r| r.unwrap()) else {
        return;
    };
    assert!(code.instructions.contains(&Instruction::PrintExpr));
}

#[test]
fn every_nesting_of_blocks_has_a_consistent_stack() {
    // Every combination of three nested constructs around each kind of jump-out
    // statement, inside `def f(): for q in qs: ...`; validate() checks the stack
    // depth is the same on every path and every path returns.
    type Wrap = fn(Vec<Stmt>) -> Stmt;
    let wraps: [Wrap; 8] = [
        |b| for_(name("x"), name("xs"), b),
        |b| while_(name("w"), b),
        |b| {
            try_(
                b,
                vec![handler(Some(name("E")), None, vec![st(StmtKind::Pass)])],
                vec![],
                vec![],
            )
        },
        |b| {
            try_(
                vec![st(StmtKind::Pass)],
                vec![handler(Some(name("E")), Some("e"), b)],
                vec![],
                vec![],
            )
        },
        |b| try_(b, vec![], vec![], vec![expr_stmt(call(name("g"), vec![]))]),
        |b| try_(vec![st(StmtKind::Pass)], vec![], vec![], b),
        |b| with_(vec![(name("m"), Some(name("v")))], b),
        |b| {
            try_(
                vec![st(StmtKind::Pass)],
                vec![handler(None, None, b)],
                b_else(),
                vec![],
            )
        },
    ];
    fn b_else() -> Vec<Stmt> {
        vec![expr_stmt(name("else_"))]
    }
    let leaves: [fn() -> Stmt; 6] = [
        || ret(Some(name("r"))),
        || ret(None),
        || st(StmtKind::Break),
        || st(StmtKind::Continue),
        || st(StmtKind::Pass),
        || {
            st(StmtKind::Raise {
                exc: None,
                cause: None,
            })
        },
    ];
    let mut count = 0;
    for a in &wraps {
        for b in &wraps {
            for c in &wraps {
                for leaf in &leaves {
                    let body = a(vec![b(vec![c(vec![leaf(), expr_stmt(name("after"))])])]);
                    let m = vec![def("f", &[], vec![for_(name("q"), name("qs"), vec![body])])];
                    ok(m);
                    count += 1;
                }
            }
        }
    }
    assert_eq!(count, 8 * 8 * 8 * 6);
}

#[test]
fn nesting_just_under_the_limit_fits_in_8mb() {
    for depth in [990usize] {
        let mut e = int(1);
        for _ in 0..depth / 2 {
            e = call(name("f"), vec![binop(int(1), BinOp::Add, e)]);
        }
        let m = module(vec![expr_stmt(e)]);
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let code = compile_mod(&m).unwrap();
                validate(&code);
                drop(m);
            })
            .unwrap()
            .join()
            .unwrap();
    }
}

#[test]
fn long_elif_chain_fits_in_8mb() {
    let mut s = expr_stmt(name("z"));
    for i in 0..900 {
        s = if_(
            compare(name("x"), vec![CmpOp::Eq], vec![int(i)]),
            vec![expr_stmt(int(i))],
            vec![s],
        );
    }
    let m = module(vec![def("f", &["x"], vec![s])]);
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let code = compile_mod(&m).unwrap();
            validate(&code);
            drop(m);
        })
        .unwrap()
        .join()
        .unwrap();
}

/// Developer aid, not a check: `GILDED_DUMP=prog.py cargo test -p gilded-compiler
/// dump_source -- --nocapture` prints the disassembly of `prog.py`.
#[test]
fn dump_source_from_env() {
    let Ok(src) = std::env::var("GILDED_DUMP") else {
        return;
    };
    let src = std::fs::read_to_string(src).unwrap();
    let code = compile_src(&src, Mode::Module).unwrap().unwrap();
    println!("{}", gilded_bytecode::dis::disassemble(&code));
}

#[test]
fn conformance_programs_compile() {
    // Every program of the repository's conformance suite parses and compiles to sound
    // code, unless CPython itself reports a SyntaxError for it (then our message must
    // appear in the expected stderr).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let module = match gilded_syntax::parse_module(&src) {
            Ok(m) => m,
            Err(e) if e.msg == "parser not built yet" => return,
            Err(_) => continue, // the parser's business
        };
        let expected_err =
            std::fs::read_to_string(path.with_extension("stderr")).unwrap_or_default();
        match compile(&module, &LineIndex::new(&src), "<test>", Mode::Module) {
            Ok(code) => {
                if let Err(e) = std::panic::catch_unwind(|| validate(&code)) {
                    failures.push(format!("{}: invalid code: {e:?}", path.display()));
                }
                if expected_err.contains("SyntaxError") && !expected_err.contains("Traceback") {
                    failures.push(format!("{}: expected a SyntaxError", path.display()));
                }
            }
            Err(e) => {
                if !expected_err.contains(&format!("SyntaxError: {}", e.msg)) {
                    failures.push(format!("{}: {} (line {})", path.display(), e.msg, e.line));
                } else if let Some(expected) = caret_position(&src, &expected_err) {
                    let got = (e.line, e.col, e.end_col);
                    if got != expected {
                        failures.push(format!(
                            "{}: position {got:?}, CPython {expected:?}",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `(line, col, end_col)` (1-based) of a single-line SyntaxError caret range printed by
/// CPython in `stderr`.
fn caret_position(src: &str, stderr: &str) -> Option<(u32, u32, u32)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let file_line = lines
        .iter()
        .position(|l| l.trim_start().starts_with("File "))?;
    let line: u32 = lines[file_line]
        .rsplit("line ")
        .next()?
        .trim()
        .parse()
        .ok()?;
    let carets = lines.get(file_line + 2)?;
    if !carets.trim().starts_with('^') {
        return None;
    }
    let text = src.lines().nth(line as usize - 1)?;
    let indent = text.chars().count() - text.trim_start().chars().count();
    let lead = carets.chars().take_while(|c| *c == ' ').count();
    let n = carets.trim().chars().count();
    let col0 = (lead - 4 + indent) as u32;
    Some((line, col0 + 1, col0 + 1 + n as u32))
}
