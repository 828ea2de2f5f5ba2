//! Turns a Python exception into a `PyError`, through `support.py`'s `describe`.

use rustpython_vm::builtins::{PyBaseExceptionRef, PyTupleRef};
use rustpython_vm::{PyObjectRef, PyResult, TryFromObject, VirtualMachine};
use sandpiper_protocol::{PyError, SyntaxLocation, TraceFrame};

/// Splits a tuple returned by `support.py` into its items.
fn items(vm: &VirtualMachine, obj: PyObjectRef) -> PyResult<Vec<PyObjectRef>> {
    Ok(PyTupleRef::try_from_object(vm, obj)?.as_slice().to_vec())
}

fn optional<T: TryFromObject>(vm: &VirtualMachine, obj: &PyObjectRef) -> PyResult<Option<T>> {
    if vm.is_none(obj) {
        Ok(None)
    } else {
        T::try_from_object(vm, obj.clone()).map(Some)
    }
}

/// Describes `exc` with the `describe` helper of `support.py`.
pub fn describe(
    vm: &VirtualMachine,
    describe: &PyObjectRef,
    exc: &PyBaseExceptionRef,
) -> PyResult<PyError> {
    let raw = items(vm, describe.call((exc.clone(),), vm)?)?;
    let [type_name, message, frames, text, syntax] = <[PyObjectRef; 5]>::try_from(raw)
        .map_err(|_| vm.new_type_error("describe() returns five items"))?;
    let frames = Vec::<PyObjectRef>::try_from_object(vm, frames)?
        .into_iter()
        .map(|frame| {
            let f = items(vm, frame)?;
            Ok(TraceFrame {
                filename: String::try_from_object(vm, f[0].clone())?,
                line: u32::try_from_object(vm, f[1].clone())?,
                end_line: optional(vm, &f[2])?,
                column: optional(vm, &f[3])?,
                end_column: optional(vm, &f[4])?,
                function: String::try_from_object(vm, f[5].clone())?,
            })
        })
        .collect::<PyResult<_>>()?;
    let syntax = match optional::<PyTupleRef>(vm, &syntax)? {
        None => None,
        Some(tuple) => {
            let s = tuple.as_slice();
            Some(SyntaxLocation {
                line: optional(vm, &s[0])?.unwrap_or(1),
                column: optional(vm, &s[1])?.unwrap_or(1),
                end_line: optional(vm, &s[2])?,
                end_column: optional(vm, &s[3])?,
                text: optional(vm, &s[4])?,
            })
        }
    };
    Ok(PyError {
        type_name: String::try_from_object(vm, type_name)?,
        message: String::try_from_object(vm, message)?,
        frames,
        text: String::try_from_object(vm, text)?,
        syntax,
    })
}
