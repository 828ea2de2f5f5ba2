//! Rewrites a parsed program so that every way it can run for long passes through the
//! budget hooks: `for` loops and comprehensions iterate through `counted(...)`, `while`
//! loops run on the endless `forever` iterator, functions and lambdas evaluate `-TICK` on
//! entry, and `except`/`finally` bodies and the code after a `with` block `check()`
//! whether the run was stopped; `*x` unpacks `in_order(x)`, so that a set unpacks in
//! CPython's order (`crate::set_order`). The hooks appear as string markers here; `compile` swaps
//! the markers in the constants for the hook objects.
//!
//! Each added instruction costs about as much as a native call in RustPython's loop, so
//! loops get no extra instructions (the iterators count), and function entries get the
//! shortest sequence that reaches native code: a unary minus (`bench/LEVERS.md`).

use ruff_python_ast::relocate::relocate_expr;
use ruff_python_ast::visitor::transformer::{Transformer, walk_expr, walk_stmt};
use ruff_python_ast::{self as ast, ExceptHandler, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};
use thin_vec::ThinVec;

pub const TICK_MARKER: &str = "__sandpiper_tick__";
pub const CHECK_MARKER: &str = "__sandpiper_check__";
pub const COUNTED_MARKER: &str = "__sandpiper_counted__";
pub const FOREVER_MARKER: &str = "__sandpiper_forever__";
pub const IN_ORDER_MARKER: &str = "__sandpiper_in_order__";

/// Instruments a module's statements in place.
pub fn instrument_module(body: &mut ThinVec<Stmt>, source: &str) {
    Instrumenter { source }.body(body, None);
}

/// Instruments an expression (for `eval`) in place.
pub fn instrument_expression(expr: &mut Expr) {
    ExprInstrumenter.visit_expr(expr);
}

struct Instrumenter<'a> {
    source: &'a str,
}

impl Instrumenter<'_> {
    /// The range from `start` to the end of its line: where synthetic code is reported.
    fn header(&self, start: TextSize) -> TextRange {
        let from = start.to_usize();
        let end = self.source[from..]
            .find('\n')
            .map_or(self.source.len(), |i| from + i);
        let end = self.source[from..end].trim_end().len() + from;
        TextRange::new(start, TextSize::try_from(end).unwrap_or(start))
    }

    /// Instruments a suite; a function body (`tick_at` its header) also gets a `tick()`.
    fn body(&self, body: &mut ThinVec<Stmt>, tick_at: Option<TextRange>) {
        let old = std::mem::take(body);
        let mut new = ThinVec::with_capacity(old.len() + 2);
        for stmt in old {
            let after_with = matches!(&stmt, Stmt::With(_)).then(|| self.header(stmt.start()));
            new.push(self.stmt(stmt));
            if let Some(range) = after_with {
                // A context manager may swallow the stop exception; stop again right after it.
                new.push(hook_call_stmt(CHECK_MARKER, range));
            }
        }
        if let Some(range) = tick_at {
            let docstring =
                matches!(new.first(), Some(Stmt::Expr(e)) if e.value.is_string_literal_expr());
            new.insert(usize::from(docstring), tick_stmt(range));
        }
        *body = new;
    }

    fn stmt(&self, mut stmt: Stmt) -> Stmt {
        let exprs = ExprInstrumenter;
        match &mut stmt {
            Stmt::FunctionDef(def) => {
                let mut body = std::mem::take(&mut def.body);
                let header = self.header(def.range.start());
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, Some(header));
                let Stmt::FunctionDef(def) = &mut stmt else {
                    unreachable!()
                };
                def.body = body;
                stmt
            }
            Stmt::ClassDef(class) => {
                let mut body = std::mem::take(&mut class.body);
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, None);
                let Stmt::ClassDef(class) = &mut stmt else {
                    unreachable!()
                };
                class.body = body;
                stmt
            }
            Stmt::For(for_) => {
                let (mut body, mut orelse) = (
                    std::mem::take(&mut for_.body),
                    std::mem::take(&mut for_.orelse),
                );
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, None);
                self.body(&mut orelse, None);
                let Stmt::For(for_) = &mut stmt else {
                    unreachable!()
                };
                (for_.body, for_.orelse) = (body, orelse);
                if !for_.is_async {
                    wrap_iterable(&mut for_.iter, COUNTED_MARKER);
                }
                stmt
            }
            Stmt::While(while_) => {
                let (mut body, mut orelse) = (
                    std::mem::take(&mut while_.body),
                    std::mem::take(&mut while_.orelse),
                );
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, None);
                self.body(&mut orelse, None);
                let Stmt::While(while_) = stmt else {
                    unreachable!()
                };
                self.while_loop(while_, body, orelse)
            }
            Stmt::If(if_) => {
                let mut body = std::mem::take(&mut if_.body);
                let mut clauses: Vec<_> = if_
                    .elif_else_clauses
                    .iter_mut()
                    .map(|c| std::mem::take(&mut c.body))
                    .collect();
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, None);
                clauses.iter_mut().for_each(|b| self.body(b, None));
                let Stmt::If(if_) = &mut stmt else {
                    unreachable!()
                };
                if_.body = body;
                for (clause, body) in if_.elif_else_clauses.iter_mut().zip(clauses) {
                    clause.body = body;
                }
                stmt
            }
            Stmt::With(with) => {
                let mut body = std::mem::take(&mut with.body);
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, None);
                let Stmt::With(with) = &mut stmt else {
                    unreachable!()
                };
                with.body = body;
                stmt
            }
            Stmt::Match(match_) => {
                let mut bodies: Vec<_> = match_
                    .cases
                    .iter_mut()
                    .map(|c| std::mem::take(&mut c.body))
                    .collect();
                walk_stmt(&exprs, &mut stmt);
                bodies.iter_mut().for_each(|b| self.body(b, None));
                let Stmt::Match(match_) = &mut stmt else {
                    unreachable!()
                };
                for (case, body) in match_.cases.iter_mut().zip(bodies) {
                    case.body = body;
                }
                stmt
            }
            Stmt::Try(try_) => {
                let mut body = std::mem::take(&mut try_.body);
                let mut orelse = std::mem::take(&mut try_.orelse);
                let mut finalbody = std::mem::take(&mut try_.finalbody);
                let mut handlers: Vec<_> = try_
                    .handlers
                    .iter_mut()
                    .map(|ExceptHandler::ExceptHandler(h)| (h.start(), std::mem::take(&mut h.body)))
                    .collect();
                walk_stmt(&exprs, &mut stmt);
                self.body(&mut body, None);
                self.body(&mut orelse, None);
                for (start, handler_body) in &mut handlers {
                    self.body(handler_body, None);
                    handler_body.insert(0, hook_call_stmt(CHECK_MARKER, self.header(*start)));
                }
                if !finalbody.is_empty() {
                    self.body(&mut finalbody, None);
                    let range = self.header(finalbody[0].start());
                    finalbody.insert(0, hook_call_stmt(CHECK_MARKER, range));
                }
                let Stmt::Try(try_) = &mut stmt else {
                    unreachable!()
                };
                (try_.body, try_.orelse, try_.finalbody) = (body, orelse, finalbody);
                for (ExceptHandler::ExceptHandler(h), (_, body)) in
                    try_.handlers.iter_mut().zip(handlers)
                {
                    h.body = body;
                }
                stmt
            }
            _ => {
                walk_stmt(&exprs, &mut stmt);
                stmt
            }
        }
    }

    /// `while test: body else: orelse` becomes
    /// `for [] in forever: if not test: orelse; break` followed by `body`.
    /// An `else` with its own `break`/`continue` would change meaning inside the new
    /// loop; then the loop stays a `while` whose test is `test if -TICK else None`.
    fn while_loop(
        &self,
        mut while_: ast::StmtWhile,
        body: ThinVec<Stmt>,
        orelse: ThinVec<Stmt>,
    ) -> Stmt {
        let range = self.header(while_.range.start());
        if has_loop_control(&orelse) {
            let test = std::mem::replace(&mut *while_.test, Expr::default_placeholder());
            *while_.test = tick_then(test, range);
            while_.body = body;
            while_.orelse = orelse;
            return Stmt::While(while_);
        }
        let mut stmt = stmt_at(
            &format!(
                "for [] in {}:\n    if not _:\n        break\n",
                Quoted(FOREVER_MARKER)
            ),
            range,
        );
        let Stmt::For(for_) = &mut stmt else {
            unreachable!()
        };
        let Stmt::If(if_) = &mut for_.body[0] else {
            unreachable!()
        };
        let Expr::UnaryOp(not) = &mut *if_.test else {
            unreachable!()
        };
        not.range = while_.test.range();
        *not.operand = *while_.test;
        let mut exit = orelse;
        exit.push(if_.body.pop().expect("break"));
        if_.body = exit;
        for_.body.extend(body);
        stmt
    }
}

/// Instruments the expressions inside one statement: lambdas, comprehensions and `*x`.
struct ExprInstrumenter;

impl Transformer for ExprInstrumenter {
    fn visit_expr(&self, expr: &mut Expr) {
        walk_expr(self, expr);
        match expr {
            Expr::Lambda(lambda) => {
                let range = lambda.range;
                let body = std::mem::replace(&mut *lambda.body, Expr::default_placeholder());
                *lambda.body = tick_then(body, range);
            }
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. }) => {
                for generator in generators.iter_mut().filter(|g| !g.is_async) {
                    wrap_iterable(&mut generator.iter, COUNTED_MARKER);
                }
            }
            // Unpacking copies a set's storage as it is: put it in CPython's order first
            // (crate::set_order). Not a `*name` target, which stores.
            Expr::Starred(starred) if starred.ctx.is_load() => {
                wrap_iterable(&mut starred.value, IN_ORDER_MARKER);
            }
            _ => {}
        }
    }

    fn visit_stmt(&self, _stmt: &mut Stmt) {
        // Statements are walked by `Instrumenter`, which can insert new ones.
    }
}

/// Formats a marker as a Python string literal.
struct Quoted(&'static str);

impl std::fmt::Display for Quoted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "'{}'", self.0)
    }
}

trait Placeholder {
    fn default_placeholder() -> Self;
}

impl Placeholder for Expr {
    fn default_placeholder() -> Self {
        Expr::NoneLiteral(ast::ExprNoneLiteral::default())
    }
}

fn parse_stmt(source: &str) -> Stmt {
    ruff_python_parser::parse_module(source)
        .expect("instrumentation snippets are valid Python")
        .into_syntax()
        .body
        .into_iter()
        .next()
        .expect("one statement")
}

fn parse_expr(source: &str) -> Expr {
    *ruff_python_parser::parse_expression(source)
        .expect("instrumentation snippets are valid Python")
        .into_syntax()
        .body
}

/// A synthetic statement, reported at `range`.
fn stmt_at(source: &str, range: TextRange) -> Stmt {
    let mut stmt = parse_stmt(source);
    relocate_stmt(&mut stmt, range);
    stmt
}

/// `marker()` as a statement.
fn hook_call_stmt(marker: &'static str, range: TextRange) -> Stmt {
    stmt_at(&format!("{}()\n", Quoted(marker)), range)
}

/// `-TICK` as a statement: the hook counts a step when negated.
fn tick_stmt(range: TextRange) -> Stmt {
    stmt_at(&format!("-{}\n", Quoted(TICK_MARKER)), range)
}

/// `expr if -TICK else None`: steps, then evaluates to `expr` (the negation is `True`).
/// Two instructions shorter than `-TICK and expr` (no COPY, no POP_TOP), which shows on
/// small lambdas called by native code, like a sort key.
fn tick_then(expr: Expr, range: TextRange) -> Expr {
    let mut conditional = parse_expr(&format!("_ if -{} else None", Quoted(TICK_MARKER)));
    relocate_expr(&mut conditional, range);
    let Expr::If(ast::ExprIf { body, .. }) = &mut conditional else {
        unreachable!()
    };
    **body = expr;
    conditional
}

/// `iterable` → `hook(iterable)`, the hook being `counted` or `in_order`.
fn wrap_iterable(iterable: &mut Expr, hook: &'static str) {
    let range = iterable.range();
    let mut call = parse_expr(&format!("{}(_)", Quoted(hook)));
    relocate_expr(&mut call, range);
    let Expr::Call(ast::ExprCall { arguments, .. }) = &mut call else {
        unreachable!()
    };
    arguments.args[0] = std::mem::replace(iterable, Expr::default_placeholder());
    *iterable = call;
}

/// Moves a synthetic statement (and what it contains) to `range`.
fn relocate_stmt(stmt: &mut Stmt, range: TextRange) {
    struct Relocator(TextRange);
    impl Transformer for Relocator {
        fn visit_stmt(&self, stmt: &mut Stmt) {
            match stmt {
                Stmt::For(s) => s.range = self.0,
                Stmt::If(s) => s.range = self.0,
                Stmt::Break(s) => s.range = self.0,
                Stmt::Expr(s) => s.range = self.0,
                _ => unreachable!("not used in snippets"),
            }
            walk_stmt(self, stmt);
        }
        fn visit_expr(&self, expr: &mut Expr) {
            relocate_expr(expr, self.0);
        }
    }
    Relocator(range).visit_stmt(stmt);
}

/// Whether `body` has a `break` or `continue` that belongs to an enclosing loop.
fn has_loop_control(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::Break(_) | Stmt::Continue(_) => true,
        Stmt::If(s) => {
            has_loop_control(&s.body)
                || s.elif_else_clauses
                    .iter()
                    .any(|c| has_loop_control(&c.body))
        }
        Stmt::With(s) => has_loop_control(&s.body),
        Stmt::Match(s) => s.cases.iter().any(|c| has_loop_control(&c.body)),
        Stmt::Try(s) => {
            has_loop_control(&s.body)
                || has_loop_control(&s.orelse)
                || has_loop_control(&s.finalbody)
                || s.handlers
                    .iter()
                    .any(|ExceptHandler::ExceptHandler(h)| has_loop_control(&h.body))
        }
        _ => false,
    })
}
