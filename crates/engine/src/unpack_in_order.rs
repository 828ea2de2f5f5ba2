//! Rewrites `*x` in an expression that unpacks (`f(*x)`, `[*x]`, `print(*x)`) to
//! `*in_order(x)`, so that a set unpacks in CPython's order (`crate::set_order`): unpacking
//! copies a set's storage as RustPython keeps it. The hook appears as a string marker here;
//! `compile` swaps the marker in the constants for the hook object. Programs without such an
//! expression are compiled as written.

use ruff_python_ast::relocate::relocate_expr;
use ruff_python_ast::visitor::transformer::{Transformer, walk_expr};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use thin_vec::ThinVec;

pub const IN_ORDER_MARKER: &str = "__sandpiper_in_order__";

/// Rewrites a module's statements in place; false if there was nothing to rewrite.
pub fn rewrite_module(body: &mut ThinVec<Stmt>) -> bool {
    let rewriter = Rewriter::default();
    for stmt in body.iter_mut() {
        rewriter.visit_stmt(stmt);
    }
    rewriter.rewrote.get()
}

/// Rewrites an expression (for `eval`) in place; false if there was nothing to rewrite.
pub fn rewrite_expression(expr: &mut Expr) -> bool {
    let rewriter = Rewriter::default();
    rewriter.visit_expr(expr);
    rewriter.rewrote.get()
}

#[derive(Default)]
struct Rewriter {
    rewrote: std::cell::Cell<bool>,
}

impl Transformer for Rewriter {
    fn visit_expr(&self, expr: &mut Expr) {
        walk_expr(self, expr);
        // Not a `*name` target, which stores.
        if let Expr::Starred(starred) = expr
            && starred.ctx.is_load()
        {
            wrap_in_order(&mut starred.value);
            self.rewrote.set(true);
        }
    }
}

/// `value` → `in_order(value)`, reported where `value` is.
fn wrap_in_order(value: &mut Expr) {
    let range = value.range();
    let mut call = *ruff_python_parser::parse_expression(&format!("'{IN_ORDER_MARKER}'(_)"))
        .expect("the rewrite's snippet is valid Python")
        .into_syntax()
        .body;
    relocate_expr(&mut call, range);
    let Expr::Call(ast::ExprCall { arguments, .. }) = &mut call else {
        unreachable!()
    };
    let placeholder = Expr::NoneLiteral(ast::ExprNoneLiteral::default());
    arguments.args[0] = std::mem::replace(value, placeholder);
    *value = call;
}
