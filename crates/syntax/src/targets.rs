//! Validation of assignment, deletion and other binding targets, with CPython's
//! messages (`cannot assign to literal`, `cannot delete function call`, ...).
//!
//! The grammar parses targets as ordinary expressions (an LR parser cannot know in
//! advance that `a, b[0]` will turn out to be a target), and these checks then reject
//! what cannot be bound. Recursion only descends into tuples, lists and starred
//! expressions, whose nesting the bracket limit bounds.

use crate::ast::{Constant, Expr, ExprKind, UnaryOp};
use crate::diag::Diag;

/// Which kind of binding is being checked (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// `=` assignment, `with ... as`, comprehension `for`.
    Assign,
    /// A `for` statement target (parsed as a comparison when it contains `in`).
    For,
    /// `del`.
    Delete,
}

/// CPython's `_PyPegen_get_expr_name`: how messages name an expression.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// CPython's `_PyPegen_get_invalid_target`: the first sub-expression that cannot be
/// bound, or `None` when the whole target is fine.
pub fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            elts.iter().find_map(|elt| invalid_target(elt, kind))
        }
        ExprKind::Starred(value) => {
            if kind == TargetKind::Delete {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, .. } if kind == TargetKind::For => {
            // `for a in b` can reach here as the comparison `a in b`.
            invalid_target(left, kind)
        }
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Checks a binding target, failing with CPython's "cannot assign to ..." or
/// "cannot delete ..." message at the offending sub-expression.
pub fn check(e: &Expr, kind: TargetKind) -> Result<(), Diag> {
    match invalid_target(e, kind) {
        None => Ok(()),
        Some(bad) => Err(target_error(bad, kind, false)),
    }
}

/// The error for an invalid target `bad`. With `maybe_eq`, CPython's friendlier
/// variant for a lone `target = value` that was probably meant as a comparison.
pub fn target_error(bad: &Expr, kind: TargetKind, maybe_eq: bool) -> Diag {
    let start = bad.span.start as usize;
    let end = bad.span.end as usize;
    if matches!(bad.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) && kind != TargetKind::Delete
    {
        return Diag::syntax("assignment to yield expression not possible", start, end);
    }
    let verb = if kind == TargetKind::Delete {
        "delete"
    } else {
        "assign to"
    };
    let name = expr_name(bad);
    if maybe_eq {
        Diag::syntax(
            format!("cannot {verb} {name} here. Maybe you meant '==' instead of '='?"),
            start,
            end,
        )
    } else {
        Diag::syntax(format!("cannot {verb} {name}"), start, end)
    }
}

/// Whether `e` is an expression at CPython's `bitwise_or` level or tighter (the
/// friendlier "Maybe you meant '=='" message only applies to those).
pub fn is_bitwise_or_level(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BoolOp { .. }
        | ExprKind::Compare { .. }
        | ExprKind::IfExp { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::NamedExpr { .. }
        | ExprKind::Starred(_)
        | ExprKind::Yield(_)
        | ExprKind::YieldFrom(_)
        | ExprKind::List(_)
        | ExprKind::Tuple(_)
        | ExprKind::GeneratorExp { .. }
        | ExprKind::Constant(Constant::None | Constant::Bool(_)) => false,
        ExprKind::UnaryOp { op, .. } => *op != UnaryOp::Not,
        _ => true,
    }
}

/// The target of an augmented assignment must be a name, attribute or subscript.
pub fn check_augmented(e: &Expr) -> Result<(), Diag> {
    match e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        _ => Err(Diag::syntax(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                expr_name(e)
            ),
            e.span.start as usize,
            e.span.end as usize,
        )),
    }
}

/// The target of an annotated assignment: a single name, attribute or subscript.
pub fn check_annotated(e: &Expr, bare_tuple: bool) -> Result<(), Diag> {
    let (start, end) = (e.span.start as usize, e.span.end as usize);
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(elts) if bare_tuple => {
            let first = elts.first().map_or((start, end), |f| {
                (f.span.start as usize, f.span.end as usize)
            });
            Err(Diag::syntax(
                "only single target (not tuple) can be annotated",
                first.0,
                first.1,
            ))
        }
        ExprKind::Tuple(_) => Err(Diag::syntax(
            "only single target (not tuple) can be annotated",
            start,
            end,
        )),
        ExprKind::List(_) => Err(Diag::syntax(
            "only single target (not list) can be annotated",
            start,
            end,
        )),
        _ => Err(Diag::syntax("illegal target for annotation", start, end)),
    }
}

/// The target of `:=` must be a plain name.
pub fn check_named(e: &Expr) -> Result<(), Diag> {
    match e.kind {
        ExprKind::Name(_) => Ok(()),
        _ => Err(Diag::syntax(
            format!("cannot use assignment expressions with {}", expr_name(e)),
            e.span.start as usize,
            e.span.end as usize,
        )),
    }
}
