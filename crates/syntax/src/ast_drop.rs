//! Iterative destruction of expression trees.
//!
//! A 100,000-term `1+1+...+1` is a left-leaning tree 100,000 levels deep; the derived
//! drop glue would recurse once per level and overflow a thread's stack. [`Expr`]'s
//! `Drop` instead detaches the children of every node onto a heap work list before
//! the node itself is dropped, so no drop ever recurses more than one level.
//!
//! Because `Expr` implements `Drop`, its fields cannot be moved out by destructuring;
//! use [`Expr::take_kind`] / [`Expr::into_kind`] to take the kind by value.

use crate::ast::{Constant, Expr, ExprKind, FStringPart, Parameters};

/// A childless kind, used as the placeholder left behind when a kind is taken.
fn leaf() -> ExprKind {
    ExprKind::Constant(Constant::None)
}

impl Expr {
    /// Takes this expression's kind, leaving `None` in its place.
    pub fn take_kind(&mut self) -> ExprKind {
        std::mem::replace(&mut self.kind, leaf())
    }

    /// Consumes the expression, returning its kind.
    pub fn into_kind(mut self) -> ExprKind {
        self.take_kind()
    }
}

/// Whether a kind holds sub-expressions (only those need the work list).
fn has_children(kind: &ExprKind) -> bool {
    !matches!(kind, ExprKind::Name(_) | ExprKind::Constant(_))
}

impl Drop for Expr {
    fn drop(&mut self) {
        if !has_children(&self.kind) {
            return;
        }
        let mut work = vec![self.take_kind()];
        while let Some(mut kind) = work.pop() {
            for_each_child(&mut kind, &mut |child: &mut Expr| {
                if has_children(&child.kind) {
                    work.push(child.take_kind());
                }
            });
            // `kind` is dropped here; its children are all leaves now.
        }
    }
}

/// Calls `f` on every direct sub-expression of `kind`.
fn for_each_child(kind: &mut ExprKind, f: &mut dyn FnMut(&mut Expr)) {
    match kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => {}
        ExprKind::BoolOp { values, .. } => values.iter_mut().for_each(f),
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter_mut().for_each(f);
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::Lambda { params, body } => {
            params_children(params, f);
            f(body);
        }
        ExprKind::NamedExpr { target, value } => {
            f(target);
            f(value);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter_mut().for_each(&mut *f);
            keywords.iter_mut().for_each(|k| f(&mut k.value));
        }
        ExprKind::Attribute { value, .. } => f(value),
        ExprKind::Subscript { value, index, .. } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => {
            for e in [lower, upper, step].into_iter().flatten() {
                f(e);
            }
        }
        ExprKind::Starred(value) | ExprKind::YieldFrom(value) => f(value),
        ExprKind::Yield(value) => {
            if let Some(v) = value {
                f(v);
            }
        }
        ExprKind::List(elts) | ExprKind::Tuple(elts) | ExprKind::Set(elts) => {
            elts.iter_mut().for_each(f)
        }
        ExprKind::Dict { keys, values } => {
            keys.iter_mut().flatten().for_each(&mut *f);
            values.iter_mut().for_each(f);
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            for g in generators {
                f(&mut g.target);
                f(&mut g.iter);
                g.ifs.iter_mut().for_each(&mut *f);
            }
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            f(key);
            f(value);
            for g in generators {
                f(&mut g.target);
                f(&mut g.iter);
                g.ifs.iter_mut().for_each(&mut *f);
            }
        }
        ExprKind::JoinedStr(parts) => parts_children(parts, f),
    }
}

fn params_children(params: &mut Parameters, f: &mut dyn FnMut(&mut Expr)) {
    let all = params
        .posonly
        .iter_mut()
        .chain(params.args.iter_mut())
        .chain(params.vararg.iter_mut())
        .chain(params.kwonly.iter_mut())
        .chain(params.kwarg.iter_mut());
    for p in all {
        if let Some(a) = &mut p.annotation {
            f(a);
        }
        if let Some(d) = &mut p.default {
            f(d);
        }
    }
}

/// f-string parts: format specs nest at most two levels, so plain iteration with a
/// small explicit stack suffices.
fn parts_children(parts: &mut [FStringPart], f: &mut dyn FnMut(&mut Expr)) {
    let mut stack: Vec<&mut [FStringPart]> = vec![parts];
    while let Some(list) = stack.pop() {
        for part in list.iter_mut() {
            if let FStringPart::Formatted {
                value, format_spec, ..
            } = part
            {
                f(value);
                if let Some(spec) = format_spec {
                    stack.push(spec);
                }
            }
        }
    }
}
