//! What a program may reach: an `os` with no host behind it, an `open()` that finds no
//! files, and no way to build code objects that bypass the budget (`code.replace`,
//! `types.CodeType(...)`, `marshal.loads`).

use std::rc::Rc;

use rustpython_vm::builtins::PyType;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};

use crate::budget::Budget;
use crate::compile::{Mode, compile_plain};

/// Installs the sandbox; returns `code.replace` for the engine's own use.
pub fn install(vm: &VirtualMachine) -> PyResult<PyObjectRef> {
    // RustPython's pure-Python `os` stand-in: path helpers, no file system, no processes.
    let os = vm.import("_dummy_os", 0)?;
    let code = compile_plain(vm, include_str!("sandbox_os.py"), "<sandpiper>", Mode::Exec)?;
    let os_dict = os.dict().expect("a module has a namespace");
    vm.run_code_obj(code, Scope::with_builtins(None, os_dict, vm))?;

    // There is no file system yet: reading finds nothing, writing is refused, as on an
    // empty read-only disk. Native, so no extra frame shows in the traceback.
    let open = vm.new_function("open", refuse_open);
    vm.builtins.set_attr("open", open.clone(), vm)?;
    vm.import("io", 0)?.set_attr("open", open, vm)?;

    let replace = take_code_replace(vm)?;

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

thread_local! {
    /// `code.replace`, taken off the `code` type by the first session on this thread: the
    /// built-in types are shared by every interpreter of a thread.
    static CODE_REPLACE: std::cell::OnceCell<PyObjectRef> = const { std::cell::OnceCell::new() };
}

fn take_code_replace(vm: &VirtualMachine) -> PyResult<PyObjectRef> {
    if let Some(replace) = CODE_REPLACE.with(|cell| cell.get().cloned()) {
        return Ok(replace);
    }
    let code_type = vm.ctx.types.code_type;
    let replace = code_type.as_object().get_attr("replace", vm)?;
    for name in ["replace", "__replace__"] {
        code_type.attributes.remove(vm.ctx.intern_str(name));
    }
    code_type.modified();
    code_type.slots.new.store(Some(refuse_new_code));
    CODE_REPLACE.with(|cell| {
        let _ = cell.set(replace.clone());
    });
    Ok(replace)
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

fn refuse_open(args: FuncArgs, vm: &VirtualMachine) -> PyResult<()> {
    let argument = |index: usize, name: &str| {
        args.args
            .get(index)
            .or_else(|| args.kwargs.get(name))
            .cloned()
    };
    let mut file = argument(0, "file").unwrap_or_else(|| vm.ctx.none());
    // A path object is named by its text, as CPython's message does.
    if let Ok(fspath) = file.get_attr("__fspath__", vm) {
        file = fspath.call((), vm)?;
    }
    let mode = match argument(1, "mode") {
        Some(mode) => mode.str(vm)?.to_string_lossy().into_owned(),
        None => "r".to_owned(),
    };
    let exceptions = &vm.ctx.exceptions;
    let (class, errno, text) = if mode.contains(['w', 'a', 'x', '+']) {
        (exceptions.os_error, 30, "Read-only file system")
    } else {
        (
            exceptions.file_not_found_error,
            2,
            "No such file or directory",
        )
    };
    let args = vec![
        vm.ctx.new_int(errno).into(),
        vm.ctx.new_str(text).into(),
        file,
    ];
    Err(vm.new_exception(class.to_owned(), args))
}

fn refuse_new_code(_cls: PyRef<PyType>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    Err(vm.new_type_error("creating code objects is not allowed in Sandpiper"))
}
