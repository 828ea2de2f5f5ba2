//! CPython's messages for a value missing from a list. RustPython says `'3' is not in list`
//! for both `list.remove(3)` and `list.index(3)`, quoting what `str()` gives; CPython says
//! `list.remove(x): x not in list` and `3 is not in list` (the value's repr). Mended where
//! the error is raised, so that a program that catches it and prints it sees CPython's
//! words too, not only a printed traceback.

use rustpython_vm::builtins::PyBaseExceptionRef;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyResult, VirtualMachine};

/// Wraps `list.remove` and `list.index`; once per thread (the session's `mend_builtins`).
pub fn install(vm: &VirtualMachine) {
    reword(vm, "remove", |_, _| {
        Ok("list.remove(x): x not in list".to_owned())
    });
    reword(vm, "index", |value, vm| {
        Ok(format!("{} is not in list", value.repr(vm)?))
    });
}

/// Replaces `list.NAME` with a method that calls the original and rewords its "not in list"
/// error; any other error (from a comparison the program defined, say) passes unchanged.
fn reword(
    vm: &VirtualMachine,
    name: &'static str,
    cpython_message: fn(&PyObject, &VirtualMachine) -> PyResult<String>,
) {
    let list = vm.ctx.types.list_type;
    let interned = vm.ctx.intern_str(name);
    let original = list
        .get_direct_attr(interned)
        .expect("list has remove and index");
    let method = vm.new_method(
        name,
        list,
        move |zelf: PyObjectRef, mut args: FuncArgs, vm: &VirtualMachine| -> PyResult {
            let value = args.args.first().cloned();
            args.prepend_arg(zelf);
            original.call(args, vm).map_err(|error| match value {
                Some(value) => reworded(error, &value, cpython_message, vm),
                None => error,
            })
        },
    );
    list.set_attr(interned, method.into());
}

fn reworded(
    error: PyBaseExceptionRef,
    value: &PyObject,
    cpython_message: fn(&PyObject, &VirtualMachine) -> PyResult<String>,
    vm: &VirtualMachine,
) -> PyBaseExceptionRef {
    let args = error.args();
    if error.class().is(vm.ctx.exceptions.value_error)
        && let [message] = args.as_slice()
        && let (Ok(message), Ok(text)) = (message.str(vm), value.str(vm))
        && message.to_string() == format!("'{text}' is not in list")
    {
        return match cpython_message(value, vm) {
            Ok(message) => vm.new_value_error(message),
            Err(other) => other,
        };
    }
    error
}
