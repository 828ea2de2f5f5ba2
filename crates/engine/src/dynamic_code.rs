//! `compile`, `exec` and `eval` on source text compile as the program itself does
//! (`Instrumenting`), so a set unpacked with `*x` in a string keeps CPython's order too.

use std::rc::Rc;

use rustpython_vm::builtins::{PyBytes, PyCode, PyStr};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, PyObjectRef, PyResult, VirtualMachine};

use crate::compile::{Instrumenting, Mode};

/// `ast.PyCF_ONLY_AST`: such a `compile` makes a tree, not code.
const PY_CF_ONLY_AST: i64 = 0x400;

/// The built-in `compile`, `exec` and `eval` as they were before `install` wrapped them.
pub type Originals = Vec<(&'static str, PyObjectRef)>;

pub fn install(vm: &VirtualMachine, instrumenting: &Rc<Instrumenting>) -> PyResult<Originals> {
    let builtins = vm.builtins.clone();
    let mut originals = Originals::new();
    for (name, fixed_mode) in [
        ("compile", None),
        ("exec", Some(Mode::Exec)),
        ("eval", Some(Mode::Eval)),
    ] {
        let original = builtins.get_attr(name, vm)?;
        originals.push((name, original.clone()));
        let instrumenting = instrumenting.clone();
        let wrapper = vm.new_function(name, move |mut args: FuncArgs, vm: &VirtualMachine| {
            let source = args.args.first().cloned();
            let Some(source) = source else {
                return original.call(args, vm);
            };
            let (filename, mode) = match fixed_mode {
                Some(mode) => ("<string>".to_owned(), mode),
                None => {
                    let mode = match text_arg(&args, 2, "mode", vm)?.as_str() {
                        "exec" => Mode::Exec,
                        "eval" => Mode::Eval,
                        "single" => Mode::Single,
                        // Let compile() itself reject the mode.
                        _ => return original.call(args, vm),
                    };
                    if only_ast(&args, vm)? {
                        return original.call(args, vm);
                    }
                    (text_arg(&args, 1, "filename", vm)?, mode)
                }
            };
            let Some(text) = source_text(&source, vm)? else {
                // Already code (made by this same compile) or something compile rejects.
                return original.call(args, vm);
            };
            let code = instrumenting.compile(vm, &text, &filename, mode)?;
            if fixed_mode.is_none() {
                return Ok(code.into());
            }
            args.args[0] = code.into();
            original.call(args, vm)
        });
        builtins.set_attr(name, wrapper, vm)?;
    }
    Ok(originals)
}

fn only_ast(args: &FuncArgs, vm: &VirtualMachine) -> PyResult<bool> {
    let flags = args
        .args
        .get(3)
        .cloned()
        .or_else(|| args.kwargs.get("flags").cloned());
    Ok(match flags {
        Some(flags) => flags.try_to_value::<i64>(vm)? & PY_CF_ONLY_AST != 0,
        None => false,
    })
}

fn text_arg(args: &FuncArgs, index: usize, name: &str, vm: &VirtualMachine) -> PyResult<String> {
    let value = args
        .args
        .get(index)
        .or_else(|| args.kwargs.get(name))
        .ok_or_else(|| {
            vm.new_type_error(format!("compile() missing required argument '{name}'"))
        })?;
    Ok(value.str(vm)?.as_wtf8().to_string_lossy().into_owned())
}

/// The program text in `source`: a string, UTF-8 bytes, or an AST turned back into text.
fn source_text(source: &PyObjectRef, vm: &VirtualMachine) -> PyResult<Option<String>> {
    if let Some(text) = source.downcast_ref::<PyStr>() {
        return Ok(Some(text.as_wtf8().to_string_lossy().into_owned()));
    }
    if let Some(bytes) = source.downcast_ref::<PyBytes>() {
        return Ok(Some(String::from_utf8_lossy(bytes.as_bytes()).into_owned()));
    }
    // Code objects are the common case (every import execs one): no import for them, and
    // none of `ast` before it is needed (importing `ast` execs its own code object).
    if source.downcast_ref::<PyCode>().is_some() {
        return Ok(None);
    }
    let ast_type = vm.import("_ast", 0)?.get_attr("AST", vm)?;
    if source.is_instance(&ast_type, vm)? {
        let unparse = vm.import("ast", 0)?.get_attr("unparse", vm)?;
        let text = unparse.call((source.as_object().to_owned(),), vm)?;
        return Ok(Some(text.str(vm)?.as_wtf8().to_string_lossy().into_owned()));
    }
    Ok(None)
}
