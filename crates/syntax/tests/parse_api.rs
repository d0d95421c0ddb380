//! The public entry points: REPL completeness, f-strings, spans and literals.

use gilded_syntax::ast::*;
use gilded_syntax::{parse_expression, parse_interactive, parse_module, SyntaxErrorKind};

fn expr(src: &str) -> Expr {
    parse_expression(src).unwrap_or_else(|e| panic!("{src:?}: {e}"))
}

fn incomplete(src: &str) -> bool {
    match parse_interactive(src) {
        Ok(_) => false,
        Err(e) => e.incomplete,
    }
}

#[test]
fn interactive_completeness() {
    // Complete input.
    assert!(parse_interactive("x = 1\n").is_ok());
    assert!(parse_interactive("print('hi')\n").is_ok());
    assert!(parse_interactive("if x:\n    y\n\n").is_ok());
    assert!(parse_interactive("def f():\n    return 1\n\n").is_ok());
    assert!(parse_interactive("\n").is_ok());
    // Unfinished input.
    assert!(incomplete("(1 +\n"));
    assert!(incomplete("x = [1,\n 2,\n"));
    assert!(incomplete("s = \"\"\"abc\n"));
    assert!(incomplete("if x:\n"));
    assert!(incomplete("def f():\n"));
    assert!(incomplete("x = 1 + \\\n"));
    assert!(incomplete("if x:\n    y\n"));
    assert!(incomplete("if x: y\n"));
    assert!(incomplete("for i in x:\n    if i:\n        pass\n"));
    assert!(incomplete("try:\n    x\n"));
    assert!(incomplete("if x:\n    y\nelse:\n"));
    assert!(incomplete("@dec\n"));
    // Unfinished brackets stay unfinished even after an empty line.
    assert!(incomplete("(1 +\n\n"));
    // Real errors.
    let e = parse_interactive("1 +\n").unwrap_err();
    assert!(!e.incomplete);
    assert_eq!(e.msg, "invalid syntax");
    assert!(!incomplete("x = 'abc\n"));
    assert!(!incomplete("x = )\n"));
    assert!(!incomplete("1 2\n"));
    let e = parse_interactive("if x:\n\n").unwrap_err();
    assert!(!e.incomplete);
    assert_eq!(e.kind, SyntaxErrorKind::Indentation);
    let e = parse_interactive("try:\n    x\n\n").unwrap_err();
    assert!(!e.incomplete);
    assert_eq!(e.msg, "expected 'except' or 'finally' block");
}

#[test]
fn binop_and_subscript_spans() {
    let e = expr("a + b");
    let ExprKind::BinOp {
        op_span,
        left,
        right,
        ..
    } = &e.kind
    else {
        panic!()
    };
    assert_eq!((op_span.start, op_span.end), (2, 3));
    assert_eq!((left.span.start, right.span.end), (0, 5));
    let e = expr("x ** -y // 2");
    let ExprKind::BinOp { op, op_span, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(*op, BinOp::FloorDiv);
    assert_eq!((op_span.start, op_span.end), (8, 10));
    let e = expr("a[1][2:3]");
    let ExprKind::Subscript {
        bracket_span,
        value,
        ..
    } = &e.kind
    else {
        panic!()
    };
    assert_eq!((bracket_span.start, bracket_span.end), (4, 9));
    let ExprKind::Subscript { bracket_span, .. } = &value.kind else {
        panic!()
    };
    assert_eq!((bracket_span.start, bracket_span.end), (1, 4));
    // Parentheses are not part of an expression's span, but are part of its parent's.
    let e = expr("((a)) * b");
    let ExprKind::BinOp { left, .. } = &e.kind else {
        panic!()
    };
    assert_eq!((left.span.start, left.span.end, e.span.start), (2, 3, 0));
}

#[test]
fn statement_spans_cover_blocks() {
    let src = "if a:\n    b = 1\nelse:\n    c(2)\nx = 3\n";
    let m = parse_module(src).unwrap();
    assert_eq!(m.body[0].span, Span::new(0, src.find("c(2)").unwrap() + 4));
    assert_eq!(m.body[1].span, Span::new(src.len() - 6, src.len() - 1));
}

fn fparts(src: &str) -> Vec<FStringPart> {
    match expr(src).into_kind() {
        ExprKind::JoinedStr(parts) => parts,
        other => panic!("not an f-string: {other:?}"),
    }
}

#[test]
fn fstrings() {
    let parts = fparts("f'a{x!r:>10}b{{c}}'");
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], FStringPart::Literal("a".into()));
    let FStringPart::Formatted {
        value,
        conversion,
        format_spec,
        debug_text,
    } = &parts[1]
    else {
        panic!()
    };
    assert_eq!(value.kind, ExprKind::Name("x".into()));
    assert_eq!((value.span.start, value.span.end), (4, 5));
    assert_eq!(*conversion, Some('r'));
    assert_eq!(
        format_spec.as_deref(),
        Some(&[FStringPart::Literal(">10".into())][..])
    );
    assert_eq!(*debug_text, None);
    assert_eq!(parts[2], FStringPart::Literal("b{c}".into()));

    // Nested format spec fields.
    let parts = fparts("f'{x:{w}.{p}f}'");
    let FStringPart::Formatted {
        format_spec: Some(spec),
        ..
    } = &parts[0]
    else {
        panic!()
    };
    assert_eq!(spec.len(), 4);
    assert_eq!(spec[1], FStringPart::Literal(".".into()));
    assert_eq!(spec[3], FStringPart::Literal("f".into()));

    // Debug form: the text includes the whitespace and `=`; conversion defaults to r.
    let parts = fparts("f'{ x = }'");
    let FStringPart::Formatted {
        conversion,
        debug_text,
        ..
    } = &parts[0]
    else {
        panic!()
    };
    assert_eq!(
        (debug_text.as_deref(), *conversion),
        (Some(" x = "), Some('r'))
    );
    let parts = fparts("f'{x=:>4}'");
    let FStringPart::Formatted { conversion, .. } = &parts[0] else {
        panic!()
    };
    assert_eq!(*conversion, None);
    let parts = fparts("f'{x=!s}'");
    let FStringPart::Formatted { conversion, .. } = &parts[0] else {
        panic!()
    };
    assert_eq!(*conversion, Some('s'));

    // Quotes of the other kind inside, nested f-strings, `!=` inside a field.
    let parts = fparts("f\"{d['k']} {f'{y}'} {a != b}\"");
    assert_eq!(
        parts
            .iter()
            .filter(|p| matches!(p, FStringPart::Formatted { .. }))
            .count(),
        3
    );

    // Concatenation with plain strings merges literals.
    let parts = fparts("'a' f'b{x}' 'c' f'd'");
    assert_eq!(parts[0], FStringPart::Literal("ab".into()));
    assert_eq!(parts[2], FStringPart::Literal("cd".into()));

    // Absolute spans inside a multi-line module.
    let src = "x = 1\ny = f'''\n{a +\n b}'''\n";
    let m = parse_module(src).unwrap();
    let StmtKind::Assign { value, .. } = &m.body[1].kind else {
        panic!()
    };
    let ExprKind::JoinedStr(parts) = &value.kind else {
        panic!()
    };
    let FStringPart::Formatted { value, .. } = &parts[1] else {
        panic!()
    };
    assert_eq!(value.span.start as usize, src.find("a +").unwrap());
}

#[test]
fn fstring_errors() {
    let err = |s: &str| parse_module(s).unwrap_err().msg;
    assert_eq!(err("f'{}'"), "f-string: empty expression not allowed");
    assert_eq!(
        err("f'{x!z}'"),
        "f-string: invalid conversion character: expected 's', 'r', or 'a'"
    );
    assert_eq!(err("f'}'"), "f-string: single '}' is not allowed");
    assert_eq!(err("f'{'"), "f-string: expecting '}'");
    assert_eq!(
        err("f'{x:{y:{z}}}'"),
        "f-string: expressions nested too deeply"
    );
    assert_eq!(
        err("f'{a b}'"),
        "f-string: invalid syntax. Perhaps you forgot a comma?"
    );
    assert_eq!(
        err("f'{a#}'"),
        "f-string expression part cannot include '#'"
    );
    assert_eq!(err("f'{a)}'"), "f-string: unmatched ')'");
}

#[test]
fn literals() {
    let c = |s: &str| match expr(s).into_kind() {
        ExprKind::Constant(c) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(c("0xff"), Constant::Int(255.into()));
    assert_eq!(c("1_000_000"), Constant::Int(1_000_000.into()));
    assert_eq!(c("0b1010"), Constant::Int(10.into()));
    assert_eq!(c("0o777"), Constant::Int(511.into()));
    assert_eq!(c("1e3"), Constant::Float(1000.0));
    assert_eq!(c("2j"), Constant::Complex(2.0));
    assert_eq!(c("'a' \"b\" '''c'''"), Constant::Str("abc".into()));
    assert_eq!(
        c("b'\\x00a' rb'\\n'"),
        Constant::Bytes(b"\x00a\\n".to_vec())
    );
    assert_eq!(
        c("'\\N{EM DASH}\\u00e9'"),
        Constant::Str("\u{2014}é".into())
    );
    assert_eq!(c("..."), Constant::Ellipsis);
    assert_eq!(c("None"), Constant::None);
    let big = "123456789012345678901234567890123456789";
    assert_eq!(c(big), Constant::Int(big.parse().unwrap()));
    let e = parse_module("x = 'a' b'b'").unwrap_err();
    assert_eq!(e.msg, "cannot mix bytes and nonbytes literals");
}

#[test]
fn statements() {
    let m = parse_module(
        "from .. import (a, b as c,)\nfrom ...x.y import *\nimport a.b as d\nwith (a as b, c):\n  pass\n",
    )
    .unwrap();
    let StmtKind::ImportFrom {
        module,
        names,
        level,
    } = &m.body[0].kind
    else {
        panic!()
    };
    assert_eq!((module, names.len(), *level), (&None, 2, 2));
    assert_eq!(names[1].asname.as_deref(), Some("c"));
    let StmtKind::ImportFrom {
        module,
        names,
        level,
    } = &m.body[1].kind
    else {
        panic!()
    };
    assert_eq!(
        (module.as_deref(), names[0].name.as_str(), *level),
        (Some("x.y"), "*", 3)
    );
    let StmtKind::With { items, .. } = &m.body[3].kind else {
        panic!()
    };
    assert_eq!(items.len(), 2);
    assert!(items[0].optional_vars.is_some());

    let m = parse_module("def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> T:\n    pass\n").unwrap();
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    let p = &f.params;
    assert_eq!(
        p.posonly
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(p.args[0].name, "c");
    assert_eq!(p.vararg.as_ref().map(|p| p.name.as_str()), Some("args"));
    assert_eq!(
        p.kwonly
            .iter()
            .map(|p| p.default.is_some())
            .collect::<Vec<_>>(),
        [false, true]
    );
    assert_eq!(p.kwarg.as_ref().map(|p| p.name.as_str()), Some("kw"));
    assert!(f.returns.is_some());
    assert_eq!((f.name_span.start, f.name_span.end), (4, 5));

    // `elif` chains nest in `orelse`.
    let m =
        parse_module("if a:\n  pass\nelif b:\n  pass\nelif c:\n  pass\nelse:\n  pass\n").unwrap();
    let StmtKind::If { orelse, .. } = &m.body[0].kind else {
        panic!()
    };
    let StmtKind::If { orelse, .. } = &orelse[0].kind else {
        panic!()
    };
    let StmtKind::If { orelse, .. } = &orelse[0].kind else {
        panic!()
    };
    assert!(matches!(orelse[0].kind, StmtKind::Pass));

    // Decorators, in order; the def's span starts at `def`.
    let m = parse_module("@a\n@b.c(1)\nclass C(B, metaclass=M): pass\n").unwrap();
    let StmtKind::ClassDef(c) = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(c.decorators.len(), 2);
    assert_eq!(c.keywords[0].arg.as_deref(), Some("metaclass"));
    assert_eq!(m.body[0].span.start, 11);
}

#[test]
fn expressions_entry_point() {
    assert!(parse_expression("1 + 2\n").is_ok());
    assert!(parse_expression("  x").is_ok());
    assert!(parse_expression("a, *b").is_err());
    assert!(parse_expression("x = 1").is_err());
    assert!(parse_expression("1\n2").is_err());
    assert!(matches!(expr("a, b").kind, ExprKind::Tuple(_)));
    assert!(matches!(
        expr("f(x for x in y)").kind,
        ExprKind::Call { .. }
    ));
}

#[test]
fn indentation_edge_cases() {
    // Comment lines at odd indents, blank lines, continuation and bracket lines.
    let src =
        "def f():\n\n  # c\n        # d\n    x = (1,\n  2)\n    y = 1 + \\\n 2\n\n    return x\n";
    assert!(parse_module(src).is_ok());
    // Tabs consistently.
    assert!(parse_module("if x:\n\ty = 1\n\tif y:\n\t\tz = 2\n").is_ok());
    // Form feed at line start resets the column.
    assert!(parse_module("if x:\n    y\n\x0cz\n").is_ok());
    let e = parse_module("if x:\n    a\n  b\n").unwrap_err();
    assert_eq!(e.kind, SyntaxErrorKind::Indentation);
    assert_eq!((e.line, e.col), (3, 4));
    let e = parse_module("if x:\n        a\n\tb\n").unwrap_err();
    assert_eq!(e.kind, SyntaxErrorKind::Tab);
    let e = parse_module("for x in y:\npass\n").unwrap_err();
    assert_eq!(
        e.msg,
        "expected an indented block after 'for' statement on line 1"
    );
    let e = parse_module("try:\n  pass\nexcept:\npass\n").unwrap_err();
    assert_eq!(
        e.msg,
        "expected an indented block after 'except' statement on line 3"
    );
    let e = parse_module("while x:\n  pass\nelse:\n\nx\n").unwrap_err();
    assert_eq!(
        e.msg,
        "expected an indented block after 'else' statement on line 3"
    );
}

#[test]
fn crlf_sources() {
    let m = parse_module("x = '''a\r\nb'''\r\nif x:\r\n    pass\r\n").unwrap();
    let StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(value.kind, ExprKind::Constant(Constant::Str("a\nb".into())));
    assert!(matches!(m.body[1].kind, StmtKind::If { .. }));
}
