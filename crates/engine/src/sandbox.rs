//! What a program may reach: an `os` with no host behind it, and no way to build code
//! objects that bypass the budget (`code.replace`, `types.CodeType(...)`, `marshal.loads`).

use rustpython_vm::builtins::PyType;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};

use crate::compile::{Mode, compile_plain};

/// Installs the sandbox; returns `code.replace` for the engine's own use.
pub fn install(vm: &VirtualMachine) -> PyResult<PyObjectRef> {
    // RustPython's pure-Python `os` stand-in: path helpers, no file system, no processes.
    let os = vm.import("_dummy_os", 0)?;
    let code = compile_plain(vm, include_str!("sandbox_os.py"), "<sandpiper>", Mode::Exec)?;
    let os_dict = os.dict().expect("a module has a namespace");
    vm.run_code_obj(code, Scope::with_builtins(None, os_dict, vm))?;

    let code_type = vm.ctx.types.code_type;
    let replace = code_type.as_object().get_attr("replace", vm)?;
    for name in ["replace", "__replace__"] {
        code_type.attributes.remove(vm.ctx.intern_str(name));
    }
    code_type.modified();
    code_type.slots.new.store(Some(refuse_new_code));

    let marshal = vm.import("marshal", 0)?;
    for name in ["loads", "load"] {
        let refuse = vm.new_function(
            name,
            |_args: FuncArgs, vm: &VirtualMachine| -> PyResult<()> {
                Err(vm.new_runtime_error("marshal.loads is not available in Sandpiper"))
            },
        );
        marshal.set_attr(name, refuse, vm)?;
    }
    Ok(replace)
}

fn refuse_new_code(_cls: PyRef<PyType>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    Err(vm.new_type_error("creating code objects is not allowed in Sandpiper"))
}
