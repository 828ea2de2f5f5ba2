//! Compiling student code: plainly (for syntax checks and the bytecode viewer), and for
//! running, with `*x` unpacking sets in CPython's order (`crate::unpack_in_order`).

use rustpython_compiler_core::SourceFileBuilder;
use rustpython_vm::builtins::{PyBaseExceptionRef, PyCode, PyStr, PyTuple};
use rustpython_vm::function::{FuncArgs, KwArgs};
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};

use crate::unpack_in_order::{IN_ORDER_MARKER, rewrite_expression, rewrite_module};

pub use rustpython_compiler_core::Mode;

/// Compiles `source` as written, or returns the `SyntaxError` Python would raise.
pub fn compile_plain(
    vm: &VirtualMachine,
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<PyRef<PyCode>, PyBaseExceptionRef> {
    vm.compile(source, mode, filename)
        .map_err(|err| err.into_pyexception(vm, Some(source)))
}

/// Compiles programs to run: as written, unless they unpack with `*x`.
pub struct Instrumenting {
    /// `in_order(x)`: `x`, a set put in CPython's order first.
    pub in_order: PyObjectRef,
}

impl Instrumenting {
    pub fn compile(
        &self,
        vm: &VirtualMachine,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> Result<PyRef<PyCode>, PyBaseExceptionRef> {
        // The full compiler pipeline first: it reports every error exactly as Python does.
        let plain = compile_plain(vm, source, filename, mode)?;
        let ast = if matches!(mode, Mode::Eval) {
            let mut expression = ruff_python_parser::parse_expression(source)
                .map_err(|err| internal_error(vm, err))?
                .into_syntax();
            if !rewrite_expression(&mut expression.body) {
                return Ok(plain);
            }
            ruff_python_ast::Mod::Expression(expression)
        } else {
            let mut module = ruff_python_parser::parse_module(source)
                .map_err(|err| internal_error(vm, err))?
                .into_syntax();
            if !rewrite_module(&mut module.body) {
                return Ok(plain);
            }
            ruff_python_ast::Mod::Module(module)
        };
        let source_file = SourceFileBuilder::new(filename, source).finish();
        let code =
            rustpython_codegen::compile::compile_top(ast, source_file, mode, vm.compile_opts())
                .map_err(|err| internal_error(vm, err))?;
        // With the VM's constant bag: the context's cannot build frozenset constants
        // (`x in {1, 2, 3}`) and panics on them.
        self.install_hooks(vm, PyCode::new_ref_from_bytecode(vm, code))
    }

    /// Replaces the marker in `code`'s constants (and nested code's) by the hook.
    fn install_hooks(&self, vm: &VirtualMachine, code: PyRef<PyCode>) -> PyResult<PyRef<PyCode>> {
        let consts = code.as_object().get_attr("co_consts", vm)?;
        let consts = consts
            .downcast_ref::<PyTuple>()
            .expect("co_consts is a tuple");
        let mut changed = false;
        let mut new_consts = Vec::with_capacity(consts.len());
        for constant in consts.iter() {
            let replacement = if let Some(s) = constant.downcast_ref::<PyStr>() {
                (s.to_str() == Some(IN_ORDER_MARKER)).then(|| self.in_order.clone())
            } else if let Ok(inner) = constant.clone().downcast::<PyCode>() {
                let hooked = self.install_hooks(vm, inner)?;
                (!hooked.is(constant)).then(|| hooked.into())
            } else {
                None
            };
            changed |= replacement.is_some();
            new_consts.push(replacement.unwrap_or_else(|| constant.clone()));
        }
        if !changed {
            return Ok(code);
        }
        let kwargs =
            KwArgs::from_iter([("co_consts".to_owned(), vm.ctx.new_tuple(new_consts).into())]);
        let replace = code.as_object().get_attr("replace", vm)?;
        let replaced = replace.call(FuncArgs::new(vec![], kwargs), vm)?;
        Ok(replaced
            .downcast::<PyCode>()
            .expect("code.replace returns code"))
    }
}

/// The plain compile accepted the program, so the rewritten one should too.
fn internal_error(vm: &VirtualMachine, err: impl std::fmt::Display) -> PyBaseExceptionRef {
    vm.new_system_error(format!("Sandpiper could not compile this program: {err}"))
}
