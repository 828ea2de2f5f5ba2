//! Compiling student code: plainly (for syntax checks and the bytecode viewer), and
//! instrumented with the budget hooks (for running).

use rustpython_compiler_core::SourceFileBuilder;
use rustpython_vm::builtins::{PyBaseExceptionRef, PyCode, PyStr, PyTuple};
use rustpython_vm::function::{FuncArgs, KwArgs};
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};

use crate::budget::Hooks;
use crate::instrument::{
    CHECK_MARKER, COUNTED_MARKER, FOREVER_MARKER, IN_ORDER_MARKER, TICK_MARKER,
    instrument_expression, instrument_module,
};

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

/// Compiles `source` with every loop, call and handler routed through the hooks.
pub struct Instrumenting {
    pub hooks: Hooks,
    /// `code.replace`, kept by the engine; programs do not get to call it.
    pub replace: PyObjectRef,
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
        compile_plain(vm, source, filename, mode)?;
        let ast = if matches!(mode, Mode::Eval) {
            let mut expression = ruff_python_parser::parse_expression(source)
                .map_err(|err| internal_error(vm, err))?
                .into_syntax();
            instrument_expression(&mut expression.body);
            ruff_python_ast::Mod::Expression(expression)
        } else {
            let mut module = ruff_python_parser::parse_module(source)
                .map_err(|err| internal_error(vm, err))?
                .into_syntax();
            instrument_module(&mut module.body, source);
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

    /// Replaces the marker strings in `code`'s constants (and nested code's) by the hooks.
    fn install_hooks(&self, vm: &VirtualMachine, code: PyRef<PyCode>) -> PyResult<PyRef<PyCode>> {
        let consts = code.as_object().get_attr("co_consts", vm)?;
        let consts = consts
            .downcast_ref::<PyTuple>()
            .expect("co_consts is a tuple");
        let mut changed = false;
        let mut new_consts = Vec::with_capacity(consts.len());
        for constant in consts.iter() {
            let replacement = if let Some(s) = constant.downcast_ref::<PyStr>() {
                s.to_str().and_then(|s| self.hook_for(s))
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
        let replaced = self
            .replace
            .call(FuncArgs::new(vec![code.into()], kwargs), vm)?;
        Ok(replaced
            .downcast::<PyCode>()
            .expect("code.replace returns code"))
    }

    fn hook_for(&self, marker: &str) -> Option<PyObjectRef> {
        let hook = match marker {
            TICK_MARKER => &self.hooks.tick,
            CHECK_MARKER => &self.hooks.check,
            COUNTED_MARKER => &self.hooks.counted,
            FOREVER_MARKER => &self.hooks.forever,
            IN_ORDER_MARKER => &self.hooks.in_order,
            _ => return None,
        };
        Some(hook.clone())
    }
}

/// The plain compile accepted the program, so the instrumented one should too.
fn internal_error(vm: &VirtualMachine, err: impl std::fmt::Display) -> PyBaseExceptionRef {
    vm.new_system_error(format!(
        "Sandpiper could not instrument this program: {err}"
    ))
}
