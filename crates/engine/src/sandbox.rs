//! What a program may reach: an `os` with no host behind it, an `open()` and `os` file
//! calls over an in-memory file system, and no way to build code objects that bypass the
//! budget (`code.replace`, `types.CodeType(...)`, `marshal.loads`).

use std::rc::Rc;

use rustpython_vm::builtins::{PyDictRef, PyType};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, TryFromObject, VirtualMachine};

use crate::budget::Budget;

use crate::stdlib;

/// What the engine keeps of the sandbox.
pub struct Sandbox {
    /// `code.replace`, for the engine's own use.
    pub code_replace: PyObjectRef,
    /// Puts the next run back in the home folder (the files stay).
    pub reset_working_directory: PyObjectRef,
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

    let code_replace = take_code_replace(vm)?;

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
    Ok(Sandbox {
        code_replace,
        reset_working_directory: fs_dict.get_item("reset_working_directory", vm)?,
    })
}

/// Runs the engine's own `python/startup/NAME.py` in `namespace`. Its file name, `<sandpiper>`,
/// keeps its frames out of the tracebacks students see.
pub fn run_engine_source(vm: &VirtualMachine, name: &str, namespace: PyDictRef) -> PyResult<()> {
    let code = stdlib::engine_code(vm, name);
    vm.run_code_obj(code, Scope::with_builtins(None, namespace, vm))?;
    Ok(())
}

thread_local! {
    /// `code.replace` as RustPython made it, taken off the `code` type (which gets a restricted
    /// one) by the first session on this thread: the built-in types are shared by every
    /// interpreter of a thread.
    static CODE_REPLACE: std::cell::OnceCell<PyObjectRef> = const { std::cell::OnceCell::new() };
}

fn take_code_replace(vm: &VirtualMachine) -> PyResult<PyObjectRef> {
    if let Some(replace) = CODE_REPLACE.with(|cell| cell.get().cloned()) {
        return Ok(replace);
    }
    let code_type = vm.ctx.types.code_type;
    let replace = code_type.as_object().get_attr("replace", vm)?;
    for name in ["replace", "__replace__"] {
        let restricted = vm.new_method(name, code_type, restricted_code_replace);
        code_type
            .attributes
            .insert(vm.ctx.intern_str(name), restricted.into());
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

/// The flag `types.coroutine` sets on a generator's code (what `asyncio` needs).
const CO_ITERABLE_COROUTINE: u32 = 0x100;

/// `code.replace` as programs see it: it may rename a code object or set
/// `CO_ITERABLE_COROUTINE`, which change no instruction; anything else could drop the budget's
/// hooks from the code, so it is refused.
fn restricted_code_replace(zelf: PyObjectRef, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    const NAMES: [&str; 3] = ["co_name", "co_qualname", "co_filename"];
    if !args.args.is_empty() {
        return Err(vm.new_type_error("replace() takes no positional arguments"));
    }
    let flags: u32 = zelf.get_attr("co_flags", vm)?.try_into_value(vm)?;
    for (name, value) in &args.kwargs {
        let key = name.as_str().unwrap_or_default();
        let allowed = NAMES.contains(&key)
            || (key == "co_flags"
                && value
                    .clone()
                    .try_into_value::<u32>(vm)
                    .is_ok_and(|new| (new ^ flags) & !CO_ITERABLE_COROUTINE == 0));
        if !allowed {
            return Err(vm.new_type_error(format!(
                "code.replace({name}=...) is not available in Sandpiper: a program may only \
                 change co_name, co_qualname, co_filename and the CO_ITERABLE_COROUTINE flag"
            )));
        }
    }
    let replace = CODE_REPLACE
        .with(|cell| cell.get().cloned())
        .expect("taken before the code type changed");
    replace.call(FuncArgs::new(vec![zelf], args.kwargs), vm)
}

fn refuse_new_code(_cls: PyRef<PyType>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    Err(vm.new_type_error("creating code objects is not allowed in Sandpiper"))
}
