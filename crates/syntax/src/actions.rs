//! Helpers the grammar's actions call to build AST nodes: spans, assignment
//! statements, `if`/`elif` chains, call argument lists and parameter lists, with
//! CPython's messages for the errors found while building them.
//!
//! Keeping this logic here rather than inline in `grammar/python.lalrpop` keeps the
//! grammar readable and lets the code be checked by the ordinary compiler diagnostics.

use crate::ast::*;
use crate::diag::Diag;
use crate::targets::{self, TargetKind};
use crate::token::Tok;
use lalrpop_util::ParseError;

/// What the grammar's single entry point produced.
pub enum Top {
    /// A module (statements).
    Module(Vec<Stmt>),
    /// A single expression.
    Expr(Expr),
}

/// Context shared by all grammar actions of one parse.
pub struct Ctx<'s> {
    /// The whole original source: every offset, in every token, indexes into it.
    pub source: &'s str,
    /// How many f-string replacement fields enclose this parse (bounded, so f-strings
    /// nested inside f-strings cannot recurse without limit).
    pub fstring_depth: usize,
}

/// The grammar's error type.
pub type PError = ParseError<usize, Tok, Diag>;
/// Result of a fallible grammar action.
pub type PResult<T> = Result<T, PError>;

/// Wraps a [`Diag`] for returning from a grammar action.
pub fn user(error: Diag) -> PError {
    ParseError::User { error }
}

/// An expression spanning `l..r`.
pub fn expr(l: usize, r: usize, kind: ExprKind) -> Expr {
    Expr {
        span: Span::new(l, r),
        kind,
    }
}

/// A statement spanning `l..r`.
pub fn stmt(l: usize, r: usize, kind: StmtKind) -> Stmt {
    Stmt {
        span: Span::new(l, r),
        kind,
    }
}

/// A binary operation; `ol..or` is the operator token.
pub fn binop(l: usize, left: Expr, op: BinOp, ol: usize, or: usize, right: Expr, r: usize) -> Expr {
    expr(
        l,
        r,
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
            op_span: Span::new(ol, or),
        },
    )
}

/// A comma-separated list: a tuple when there is a comma, else the lone element.
pub fn list_or_single(
    l: usize,
    mut elts: Vec<Expr>,
    trailing_comma: bool,
    r: usize,
) -> (Expr, bool) {
    if elts.len() == 1 && !trailing_comma {
        if let Some(e) = elts.pop() {
            return (e, false);
        }
    }
    (expr(l, r, ExprKind::Tuple(elts)), true)
}

/// The end offset of a block: its last statement's end (CPython's `end_col_offset`
/// of a compound statement), or `fallback` for an empty block.
pub fn block_end(body: &[Stmt], fallback: usize) -> usize {
    body.last().map_or(fallback, |s| s.span.end as usize)
}

/// An expression that may be the bare (unparenthesized) tuple of a statement.
pub type TopList = (Expr, bool);

/// `t1 = t2 = ... = value`. `value_start` is where the value's first token starts.
pub fn assign(
    l: usize,
    first: TopList,
    rest: Vec<(TopList, usize)>,
    r: usize,
    source: &str,
) -> PResult<Stmt> {
    let mut all = Vec::with_capacity(rest.len() + 1);
    all.push((first, l));
    all.extend(rest);
    let ((value, _), value_start) = all
        .pop()
        .ok_or_else(|| user(Diag::syntax("invalid syntax", l, r)))?;
    let single = all.len() == 1;
    for ((target, bare), _) in &all {
        if let Some(bad) = targets::invalid_target(target, TargetKind::Assign) {
            // CPython's friendlier message for a lone `target = value` that looks like a
            // mistyped comparison: the bad part must be the target itself or an element
            // of a bare tuple, and the value must start at bitwise-or level.
            let top_level = std::ptr::eq(bad, target)
                || (*bare
                    && matches!(&target.kind, ExprKind::Tuple(elts) if elts.iter().any(|e| std::ptr::eq(e, bad))));
            let maybe_eq = single
                && top_level
                && targets::is_bitwise_or_level(bad)
                && starts_at_bitwise_or(source, value_start);
            return Err(user(targets::target_error(
                bad,
                TargetKind::Assign,
                maybe_eq,
            )));
        }
    }
    let targets = all.into_iter().map(|((t, _), _)| t).collect();
    Ok(stmt(l, r, StmtKind::Assign { targets, value }))
}

/// Whether the text at `at` starts an expression at CPython's `bitwise_or` level (not
/// `not`, `lambda`, `yield`, `await` or a starred item).
fn starts_at_bitwise_or(source: &str, at: usize) -> bool {
    let rest = source.get(at..).unwrap_or("");
    if rest.starts_with('*') {
        return false;
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    !matches!(word.as_str(), "not" | "lambda" | "yield" | "await")
}

/// `target op= value`.
pub fn aug_assign(l: usize, target: Expr, op: BinOp, value: Expr, r: usize) -> PResult<Stmt> {
    targets::check_augmented(&target).map_err(user)?;
    Ok(stmt(l, r, StmtKind::AugAssign { target, op, value }))
}

/// `target: annotation [= value]`.
pub fn ann_assign(
    l: usize,
    target: TopList,
    annotation: Expr,
    value: Option<Expr>,
    r: usize,
) -> PResult<Stmt> {
    targets::check_annotated(&target.0, target.1).map_err(user)?;
    Ok(stmt(
        l,
        r,
        StmtKind::AnnAssign {
            target: target.0,
            annotation,
            value,
        },
    ))
}

/// `del targets`.
pub fn delete(l: usize, targets: Vec<Expr>, r: usize) -> PResult<Stmt> {
    for t in &targets {
        targets::check(t, TargetKind::Delete).map_err(user)?;
    }
    Ok(stmt(l, r, StmtKind::Delete(targets)))
}

/// Checks a `for` / comprehension / `with ... as` target.
pub fn target(e: Expr, kind: TargetKind) -> PResult<Expr> {
    targets::check(&e, kind).map_err(user)?;
    Ok(e)
}

/// `target := value`.
pub fn named(l: usize, target: Expr, value: Expr, r: usize) -> PResult<Expr> {
    targets::check_named(&target).map_err(user)?;
    Ok(expr(
        l,
        r,
        ExprKind::NamedExpr {
            target: Box::new(target),
            value: Box::new(value),
        },
    ))
}

/// One `elif test: body` clause: its start offset, test and body.
pub type Elif = (usize, Expr, Vec<Stmt>);

/// `if test: body elif ...: ... else: orelse`, with each `elif` as a nested `If` in
/// the previous clause's `orelse` (built from the end, without recursion).
pub fn if_stmt(
    l: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<Elif>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    let mut orelse = orelse.unwrap_or_default();
    for (el, etest, ebody) in elifs.into_iter().rev() {
        let end = block_end(&orelse, block_end(&ebody, el));
        let nested = stmt(
            el,
            end,
            StmtKind::If {
                test: etest,
                body: ebody,
                orelse,
            },
        );
        orelse = vec![nested];
    }
    let end = block_end(&orelse, block_end(&body, l));
    stmt(l, end, StmtKind::If { test, body, orelse })
}

/// One item of a call's argument list, before sorting into positional and keyword.
pub enum Arg {
    /// A positional argument (maybe a bare generator expression) and whether it was
    /// a generator expression written without its own parentheses.
    Positional(Expr, bool),
    /// `*iterable`; the offset is the `*`.
    Star(Expr, usize),
    /// `name=value`.
    Keyword(Keyword),
    /// `**mapping`.
    DoubleStar(Keyword),
}

/// Builds a positional argument, turning `elt for ...` into a generator expression.
pub fn positional(l: usize, e: Expr, gens: Option<Vec<Comprehension>>, r: usize) -> Arg {
    match gens {
        None => Arg::Positional(e, false),
        Some(generators) => Arg::Positional(
            expr(
                l,
                r,
                ExprKind::GeneratorExp {
                    elt: Box::new(e),
                    generators,
                },
            ),
            true,
        ),
    }
}

/// `key=value` in a call: `key` must be a plain name.
pub fn keyword_arg(l: usize, key: Expr, eq_end: usize, value: Expr, r: usize) -> PResult<Arg> {
    match &key.kind {
        ExprKind::Name(name) => Ok(Arg::Keyword(Keyword {
            span: Span::new(l, r),
            arg: Some(name.clone()),
            value,
        })),
        ExprKind::Constant(Constant::None | Constant::Bool(_)) => Err(user(Diag::syntax(
            format!("cannot assign to {}", targets::expr_name(&key)),
            key.span.start as usize,
            eq_end,
        ))),
        _ => Err(user(Diag::syntax(
            "expression cannot contain assignment, perhaps you meant \"==\"?",
            key.span.start as usize,
            eq_end,
        ))),
    }
}

/// Sorts a call's arguments, with CPython's ordering errors. `call_span` is
/// `(` .. `)`, the span a sole generator argument takes.
pub fn arguments(
    items: (Vec<Arg>, bool),
    call_span: (usize, usize),
) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
    let (items, trailing_comma) = items;
    let count = items.len() + usize::from(trailing_comma);
    // CPython reports argument-order errors at the last token it read: the `)`.
    let close = call_span.1.saturating_sub(1);
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut seen_keyword = false;
    let mut seen_double_star = false;
    for item in items {
        match item {
            Arg::Positional(mut e, bare_genexp) => {
                if bare_genexp && count > 1 {
                    return Err(user(Diag::syntax(
                        "Generator expression must be parenthesized",
                        e.span.start as usize,
                        e.span.end as usize,
                    )));
                }
                if bare_genexp {
                    // CPython gives a sole generator argument the call's parentheses.
                    e.span = Span::new(call_span.0, call_span.1);
                }
                if seen_double_star {
                    return Err(user(Diag::syntax(
                        "positional argument follows keyword argument unpacking",
                        close,
                        close + 1,
                    )));
                }
                if seen_keyword {
                    return Err(user(Diag::syntax(
                        "positional argument follows keyword argument",
                        close,
                        close + 1,
                    )));
                }
                args.push(e);
            }
            Arg::Star(e, star_at) => {
                if seen_double_star {
                    return Err(user(Diag::syntax(
                        "iterable argument unpacking follows keyword argument unpacking",
                        star_at,
                        star_at + 1,
                    )));
                }
                args.push(e);
            }
            Arg::Keyword(k) => {
                seen_keyword = true;
                keywords.push(k);
            }
            Arg::DoubleStar(k) => {
                seen_double_star = true;
                keywords.push(k);
            }
        }
    }
    Ok((args, keywords))
}

/// One entry of a parameter list, before checking the order.
pub enum ParamItem {
    /// `name[: annotation] [= default]`; the offset is where `=` would be reported.
    Plain(Param),
    /// `/` at the offset.
    Slash(usize),
    /// `*` or `*args` at the offset.
    Star(Option<Param>, usize),
    /// `**kwargs`.
    DoubleStar(Param),
    /// `*args=...` or `**kwargs=...`: always an error, reported at the `=`.
    BadDefault(&'static str, usize),
}

/// A parameter.
pub fn param(l: usize, name: String, annotation: Option<Expr>, r: usize) -> Param {
    Param {
        span: Span::new(l, r),
        name,
        annotation,
        default: None,
    }
}

/// Sorts a parameter list into CPython's five groups, checking the order rules.
pub fn parameters(items: Vec<ParamItem>) -> PResult<Parameters> {
    let mut params = Parameters::default();
    let mut seen_slash = false;
    let mut seen_star = false;
    let mut seen_default = false;
    let mut bare_star_at: Option<usize> = None;
    let err = |msg: &str, at: usize, end: usize| Err(user(Diag::syntax(msg, at, end)));
    for item in items {
        if let Some(kwarg) = &params.kwarg {
            let at = match &item {
                ParamItem::Plain(p) | ParamItem::DoubleStar(p) | ParamItem::Star(Some(p), _) => {
                    (p.span.start as usize, p.span.end as usize)
                }
                ParamItem::Slash(at) | ParamItem::Star(None, at) | ParamItem::BadDefault(_, at) => {
                    (*at, at + 1)
                }
            };
            let _ = kwarg;
            return err("arguments cannot follow var-keyword argument", at.0, at.1);
        }
        match item {
            ParamItem::Plain(p) => {
                if seen_star {
                    bare_star_at = None;
                    params.kwonly.push(p);
                } else {
                    if p.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return err(
                            "non-default argument follows default argument",
                            p.span.start as usize,
                            p.span.end as usize,
                        );
                    }
                    params.args.push(p);
                }
            }
            ParamItem::Slash(at) => {
                if seen_slash {
                    return err("/ may appear only once", at, at + 1);
                }
                if seen_star {
                    return err("/ must be ahead of *", at, at + 1);
                }
                if params.args.is_empty() {
                    // CPython 3.11 has no dedicated message for `def f(/)`.
                    return err("invalid syntax", at, at + 1);
                }
                seen_slash = true;
                params.posonly = std::mem::take(&mut params.args);
            }
            ParamItem::Star(p, at) => {
                if seen_star {
                    return err("* argument may appear only once", at, at + 1);
                }
                seen_star = true;
                match p {
                    Some(p) => params.vararg = Some(p),
                    None => bare_star_at = Some(at),
                }
            }
            ParamItem::DoubleStar(p) => {
                if let Some(at) = bare_star_at {
                    return err("named arguments must follow bare *", at, at + 1);
                }
                params.kwarg = Some(p);
            }
            ParamItem::BadDefault(msg, at) => return err(msg, at, at + 1),
        }
    }
    if let Some(at) = bare_star_at {
        return err("named arguments must follow bare *", at, at + 1);
    }
    Ok(params)
}

/// `def` statement (decorators are attached by [`decorate`]).
pub fn function_def(
    l: usize,
    name: (usize, String, usize),
    params: Parameters,
    returns: Option<Expr>,
    body: Vec<Stmt>,
) -> Stmt {
    let end = block_end(&body, name.2);
    stmt(
        l,
        end,
        StmtKind::FunctionDef(Box::new(FunctionDef {
            name: name.1,
            params,
            body,
            decorators: Vec::new(),
            returns,
            name_span: Span::new(name.0, name.2),
        })),
    )
}

/// A class's argument list `(...)` spanning `pl..pr`.
pub fn class_args(
    pl: usize,
    items: (Vec<Arg>, bool),
    pr: usize,
    source: &str,
) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
    // A bare generator expression is not a valid base list.
    for item in &items.0 {
        if let Arg::Positional(e, true) = item {
            if let ExprKind::GeneratorExp { generators, .. } = &e.kind {
                let target_at = generators
                    .first()
                    .map_or(e.span.start as usize, |g| g.target.span.start as usize);
                let at = source
                    .get(..target_at)
                    .and_then(|s| s.rfind("for"))
                    .unwrap_or(target_at);
                return Err(user(Diag::syntax("invalid syntax", at, at + 3)));
            }
        }
    }
    arguments(items, (pl, pr))
}

/// `class` statement (decorators are attached by [`decorate`]).
pub fn class_def(
    l: usize,
    name: String,
    args: Option<(Vec<Expr>, Vec<Keyword>)>,
    body: Vec<Stmt>,
    r: usize,
) -> Stmt {
    let (bases, keywords) = args.unwrap_or_default();
    let end = block_end(&body, r);
    stmt(
        l,
        end,
        StmtKind::ClassDef(Box::new(ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators: Vec::new(),
        })),
    )
}

/// A subscript: a lone starred item still makes a tuple (PEP 646).
pub fn subscript_index(index: TopList) -> Expr {
    match index {
        (e, false) if matches!(e.kind, ExprKind::Starred(_)) => {
            let span = e.span;
            Expr {
                span,
                kind: ExprKind::Tuple(vec![e]),
            }
        }
        (e, _) => e,
    }
}

/// Attaches decorators to a `def` or `class` (whose span stays at its keyword, as in
/// CPython 3.8+).
pub fn decorate(decorators: Vec<Expr>, mut def: Stmt) -> Stmt {
    match &mut def.kind {
        StmtKind::FunctionDef(f) => f.decorators = decorators,
        StmtKind::ClassDef(c) => c.decorators = decorators,
        _ => {}
    }
    def
}

/// `try` statement.
pub fn try_stmt(
    l: usize,
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Option<Vec<Stmt>>,
    finalbody: Option<Vec<Stmt>>,
) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let finalbody = finalbody.unwrap_or_default();
    let mut end = block_end(&body, l);
    if let Some(h) = handlers.last() {
        end = block_end(&h.body, h.span.end as usize);
    }
    end = block_end(&orelse, end);
    end = block_end(&finalbody, end);
    stmt(
        l,
        end,
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        },
    )
}

/// `with` statement.
pub fn with_stmt(l: usize, items: Vec<WithItem>, body: Vec<Stmt>, r: usize) -> Stmt {
    let end = block_end(&body, r);
    stmt(l, end, StmtKind::With { items, body })
}

/// `with` item, checking the `as` target.
pub fn with_item(context_expr: Expr, vars: Option<Expr>) -> PResult<WithItem> {
    if let Some(v) = &vars {
        targets::check(v, TargetKind::Assign).map_err(user)?;
    }
    Ok(WithItem {
        context_expr,
        optional_vars: vars,
    })
}

/// A loop (`for` / `while`) spanning to the end of its last block.
pub fn loop_end(l: usize, body: &[Stmt], orelse: &[Stmt]) -> usize {
    block_end(orelse, block_end(body, l))
}

/// Extends a start/end pair into a `Span` helper for tuples built by the grammar.
pub fn span(l: usize, r: usize) -> Span {
    Span::new(l, r)
}
