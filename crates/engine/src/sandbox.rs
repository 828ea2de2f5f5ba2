//! What a program may reach: an `os` with no host behind it, and an `open()` and `os` file
//! calls over an in-memory file system. Code objects need no guarding: the budget counts
//! instructions inside the VM, whatever made the code.

use std::rc::Rc;

use rustpython_vm::builtins::PyDictRef;
use rustpython_vm::scope::Scope;
use rustpython_vm::{PyObjectRef, PyResult, TryFromObject, VirtualMachine};

use crate::budget::Budget;

use crate::stdlib;

/// What the engine keeps of the sandbox.
pub struct Sandbox {
    /// Puts the next run back in the home folder (the files stay).
    pub reset_working_directory: PyObjectRef,
    /// The file system's namespace, which the workspace's code shares.
    fs: PyDictRef,
}

/// The workspace (`python/startup/workspace.py`): the program's folder as the page has it.
pub struct Workspace {
    /// `sync_workspace([(name, text), ...])`.
    pub sync: PyObjectRef,
    /// `workspace_changes()`: None, or (written, removed).
    pub changes: PyObjectRef,
}

/// Installs the sandbox.
pub fn install(vm: &VirtualMachine) -> PyResult<Sandbox> {
    // RustPython's pure-Python `os` stand-in: path helpers, no processes.
    let os = vm.import("_dummy_os", 0)?;
    let os_dict = os.dict().expect("a module has a namespace");
    run_engine_source(vm, "sandbox_os", os_dict.clone())?;
    run_engine_source(vm, "sandbox_modules", vm.ctx.new_dict())?;

    // The session's own files, in memory: `open()` and the `os` calls on files and folders.
    let fs_dict = vm.ctx.new_dict();
    run_engine_source(vm, "sandbox_fs", fs_dict.clone())?;
    let os_names: Vec<String> =
        TryFromObject::try_from_object(vm, fs_dict.get_item("OS_NAMES", vm)?)?;
    for name in os_names {
        os_dict.set_item(name.as_str(), fs_dict.get_item(name.as_str(), vm)?, vm)?;
    }
    let open = fs_dict.get_item("open", vm)?;
    vm.builtins.set_attr("open", open.clone(), vm)?;
    vm.import("io", 0)?.set_attr("open", open, vm)?;

    Ok(Sandbox {
        reset_working_directory: fs_dict.get_item("reset_working_directory", vm)?,
        fs: fs_dict,
    })
}

/// Installs the workspace's import finder, once the standard library's is there: it goes
/// before it, so that a student's `random.py` hides `random`, as in CPython.
pub fn install_workspace(vm: &VirtualMachine, sandbox: &Sandbox) -> PyResult<Workspace> {
    run_engine_source(vm, "workspace", sandbox.fs.clone())?;
    Ok(Workspace {
        sync: sandbox.fs.get_item("sync_workspace", vm)?,
        changes: sandbox.fs.get_item("workspace_changes", vm)?,
    })
}

/// Runs the engine's own `python/startup/NAME.py` in `namespace`. Its file name, `<sandpiper>`,
/// keeps its frames out of the tracebacks students see.
pub fn run_engine_source(vm: &VirtualMachine, name: &str, namespace: PyDictRef) -> PyResult<()> {
    let code = stdlib::engine_code(vm, name);
    vm.run_code_obj(code, Scope::with_builtins(None, namespace, vm))?;
    Ok(())
}

/// `sys.setrecursionlimit` that never goes past the run's `max_recursion_limit`.
pub fn capped_setrecursionlimit(vm: &VirtualMachine, budget: &Rc<Budget>) -> PyResult {
    let original = vm.sys_module.get_attr("setrecursionlimit", vm)?;
    let budget = budget.clone();
    let capped = vm.new_function(
        "setrecursionlimit",
        move |limit: PyObjectRef, vm: &VirtualMachine| -> PyResult<()> {
            // The original checks the argument (an int, at least 1) and sets it.
            original.call((limit,), vm)?;
            let ceiling = budget.run.max_recursion_limit();
            if vm.recursion_limit.get() > ceiling {
                vm.recursion_limit.set(ceiling);
            }
            Ok(())
        },
    );
    Ok(capped.into())
}
