//! Turns a Python exception into a `PyError`, through `support.py`'s `describe`.

use rustpython_vm::builtins::{PyBaseExceptionRef, PyTupleRef};
use rustpython_vm::{AsObject, PyObjectRef, PyResult, TryFromObject, VirtualMachine};
use sandpiper_protocol::{Hint, HintArgument, PyError, SyntaxLocation, TraceFrame};

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
    let [type_name, message, frames, text, syntax, hint] = <[PyObjectRef; 6]>::try_from(raw)
        .map_err(|_| vm.new_type_error("describe() returns six items"))?;
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
            // A position Python leaves unknown can be -1 (an unexpected indent's end).
            let place = |item: &PyObjectRef| optional::<u32>(vm, item).ok().flatten();
            Some(SyntaxLocation {
                line: place(&s[0]).unwrap_or(1),
                column: place(&s[1]).unwrap_or(1),
                end_line: place(&s[2]),
                end_column: place(&s[3]),
                text: optional(vm, &s[4])?,
                filename: optional(vm, &s[5])?,
            })
        }
    };
    Ok(PyError {
        type_name: String::try_from_object(vm, type_name)?,
        message: String::try_from_object(vm, message)?,
        frames,
        text: String::try_from_object(vm, text)?,
        syntax,
        // A hint that does not read as one is left out, never a reason to lose the error.
        hint: hint_of(vm, hint).ok().flatten().map(Box::new),
    })
}

/// `_sandpiper_hints.hint`'s `(id, [(argument, value)])`, or None.
fn hint_of(vm: &VirtualMachine, hint: PyObjectRef) -> PyResult<Option<Hint>> {
    let Some(hint) = optional::<PyTupleRef>(vm, &hint)? else {
        return Ok(None);
    };
    let [id, arguments] = <[PyObjectRef; 2]>::try_from(hint.as_slice().to_vec())
        .map_err(|_| vm.new_type_error("a hint is (id, arguments)"))?;
    let arguments = Vec::<PyObjectRef>::try_from_object(vm, arguments)?
        .into_iter()
        .map(|pair| {
            let pair = items(vm, pair)?;
            let name = String::try_from_object(vm, pair[0].clone())?;
            let value = match i64::try_from_object(vm, pair[1].clone()) {
                Ok(number) => HintArgument::Number(number),
                Err(_) => HintArgument::Text(String::try_from_object(vm, pair[1].clone())?),
            };
            Ok((name, value))
        })
        .collect::<PyResult<_>>()?;
    Ok(Some(Hint {
        id: String::try_from_object(vm, id)?,
        arguments,
    }))
}

/// What the interpreter itself can say of `exc`, for when `describe` cannot run (the
/// `traceback` module's bundle could not be downloaded): the frames from the traceback
/// objects, so the error still points at its line, and the text as RustPython prints it.
pub fn describe_natively(vm: &VirtualMachine, exc: &PyBaseExceptionRef) -> PyError {
    let class = exc.class();
    let module = class
        .as_object()
        .get_attr("__module__", vm)
        .ok()
        .and_then(|m| String::try_from_object(vm, m).ok())
        .unwrap_or_default();
    let type_name = match module.as_str() {
        "builtins" | "__main__" | "" => class.name().to_string(),
        _ => format!("{module}.{}", class.name()),
    };
    let frames = exc
        .traceback()
        .into_iter()
        .flat_map(|tb| tb.iter().collect::<Vec<_>>())
        .filter_map(|tb| {
            let code = tb
                .as_object()
                .get_attr("tb_frame", vm)
                .ok()?
                .get_attr("f_code", vm)
                .ok()?;
            let text = |name: &'static str| {
                code.get_attr(name, vm)
                    .ok()
                    .and_then(|value| String::try_from_object(vm, value).ok())
            };
            Some(TraceFrame {
                filename: text("co_filename")?,
                line: u32::try_from(tb.lineno.get()).ok()?,
                end_line: None,
                column: None,
                end_column: None,
                function: text("co_name")?,
            })
        })
        .filter(|frame| frame.filename != "<sandpiper>")
        .collect();
    let mut text = String::new();
    let _ = vm.write_exception(&mut text, exc);
    let attribute = |name: &'static str| exc.as_object().get_attr(name, vm).ok();
    let number = |name| attribute(name).and_then(|v| optional::<u32>(vm, &v).ok().flatten());
    let syntax = exc
        .fast_isinstance(vm.ctx.exceptions.syntax_error)
        .then(|| SyntaxLocation {
            line: number("lineno").unwrap_or(1),
            column: number("offset").unwrap_or(1),
            end_line: number("end_lineno"),
            end_column: number("end_offset"),
            text: attribute("text").and_then(|v| optional::<String>(vm, &v).ok().flatten()),
            filename: attribute("filename").and_then(|v| optional::<String>(vm, &v).ok().flatten()),
        });
    let message = match &syntax {
        Some(_) => attribute("msg").and_then(|v| String::try_from_object(vm, v).ok()),
        None => None,
    };
    PyError {
        type_name,
        message: message.unwrap_or_else(|| {
            exc.as_object()
                .str(vm)
                .map(|s| s.to_string())
                .unwrap_or_default()
        }),
        frames,
        text,
        syntax,
        hint: None,
    }
}
