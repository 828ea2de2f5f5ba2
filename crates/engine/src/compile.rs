//! Compiling student code, for running, syntax checks and the bytecode viewer alike: as
//! written, so every code object is the one CPython's compiler would make.

use rustpython_vm::builtins::{PyBaseExceptionRef, PyCode};
use rustpython_vm::{PyRef, VirtualMachine};

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
