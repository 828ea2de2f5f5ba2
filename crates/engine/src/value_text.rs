//! A value as the stepper shows it: like `repr`, but made here in Rust, short, and without
//! running any of the program's code. A class's own `__repr__` is not called (it could print,
//! loop or change the program's state): its instances show as `<Point object>`. Long strings,
//! numbers and containers are cut, saying how much was left out.

use rustpython_vm::builtins::{
    PyBaseException, PyBaseExceptionRef, PyDict, PyFrozenSet, PyFunction, PyInt, PyList, PyModule,
    PySet, PyStr, PyTuple, PyType,
};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, VirtualMachine};

/// Characters of a string's contents shown before it is cut.
const STRING_CHARS: usize = 60;
/// Elements of a container shown before the rest are counted instead.
const CONTAINER_ITEMS: usize = 8;
/// Containers inside containers shown before `...`.
const DEPTH: usize = 3;
/// Bits an int may have and still be written out in full (about 60 digits).
const INT_BITS: u64 = 200;

/// The text the stepper shows for `value`.
pub fn value_text(value: &PyObject, vm: &VirtualMachine) -> String {
    let mut out = String::new();
    write_value(&mut out, value, DEPTH, vm);
    out
}

fn write_value(out: &mut String, value: &PyObject, depth: usize, vm: &VirtualMachine) {
    let types = &vm.ctx.types;
    let class = value.class();
    if value.is(&vm.ctx.none)
        || class.is(types.bool_type)
        || class.is(types.float_type)
        || class.is(types.complex_type)
        || class.is(types.ellipsis_type)
    {
        out.push_str(&native_repr(value, vm));
    } else if let Some(int) = value.downcast_ref_if_exact::<PyInt>(vm) {
        if int.as_bigint().bits() <= INT_BITS {
            out.push_str(&int.as_bigint().to_string());
        } else {
            let digits = (int.as_bigint().bits() as f64 * std::f64::consts::LOG10_2) as u64;
            out.push_str(&format!("<int of about {digits} digits>"));
        }
    } else if let Some(text) = value.downcast_ref_if_exact::<PyStr>(vm) {
        write_string(out, value, text, vm);
    } else if depth == 0 && is_container(value, vm) {
        out.push_str("...");
    } else if let Some(list) = value.downcast_ref_if_exact::<PyList>(vm) {
        // Copied out of the list's lock before any element is shown; only what is shown.
        let (shown, len) = {
            let items = list.borrow_vec();
            (
                items[..items.len().min(CONTAINER_ITEMS)].to_vec(),
                items.len(),
            )
        };
        write_items(out, ("[", "]"), &shown, len, depth, vm);
    } else if let Some(tuple) = value.downcast_ref_if_exact::<PyTuple>(vm) {
        let close = if tuple.len() == 1 { ",)" } else { ")" };
        write_items(out, ("(", close), tuple.as_slice(), tuple.len(), depth, vm);
    } else if value.downcast_ref_if_exact::<PySet>(vm).is_some() {
        write_set(out, value, ("{", "}"), "set()", depth, vm);
    } else if value.downcast_ref_if_exact::<PyFrozenSet>(vm).is_some() {
        write_set(out, value, ("frozenset({", "})"), "frozenset()", depth, vm);
    } else if let Some(dict) = value.downcast_ref_if_exact::<PyDict>(vm) {
        let shown: Vec<_> = dict.into_iter().take(CONTAINER_ITEMS).collect();
        write_dict(out, &shown, dict.__len__(), depth, vm);
    } else if value.downcast_ref::<PyFunction>().is_some() {
        out.push_str(&format!(
            "<function {}>",
            attribute_text(value, "__qualname__", vm)
        ));
    } else if let Some(class) = value.downcast_ref::<PyType>() {
        out.push_str(&format!("<class '{}'>", class.name()));
    } else if value.downcast_ref::<PyModule>().is_some() {
        out.push_str(&format!(
            "<module '{}'>",
            attribute_text(value, "__name__", vm)
        ));
    } else if class.is(types.builtin_function_or_method_type) {
        out.push_str(&format!(
            "<built-in function {}>",
            attribute_text(value, "__name__", vm)
        ));
    } else if let Ok(exception) = value.to_owned().downcast::<PyBaseException>() {
        write_exception(out, &exception, vm);
    } else {
        out.push_str(&format!("<{} object>", class.name()));
    }
}

fn is_container(value: &PyObject, vm: &VirtualMachine) -> bool {
    let types = &vm.ctx.types;
    [
        types.list_type,
        types.tuple_type,
        types.set_type,
        types.frozenset_type,
        types.dict_type,
    ]
    .iter()
    .any(|container| value.class().is(*container))
}

/// `repr` of a value whose type's `repr` is the interpreter's own.
fn native_repr(value: &PyObject, vm: &VirtualMachine) -> String {
    match value.repr(vm) {
        Ok(text) => text.to_string_lossy().into_owned(),
        Err(_) => format!("<{} object>", value.class().name()),
    }
}

fn write_string(out: &mut String, value: &PyObject, text: &PyStr, vm: &VirtualMachine) {
    let chars = text.char_len();
    if chars <= STRING_CHARS {
        out.push_str(&native_repr(value, vm));
        return;
    }
    let shown: String = match text.to_str() {
        Some(utf8) => utf8.chars().take(STRING_CHARS).collect(),
        // Lone surrogates: rare, so copying the whole string is fine.
        None => text.to_string_lossy().chars().take(STRING_CHARS).collect(),
    };
    let shown = native_repr(vm.ctx.new_str(shown).as_object(), vm);
    // The cut string's closing quote goes after the mark of what was left out.
    let (body, quote) = shown.split_at(shown.len() - 1);
    out.push_str(&format!("{body}…{quote} ({chars} characters)"));
}

/// The first elements of a container of `len`, and how many more there are.
fn write_items(
    out: &mut String,
    (open, close): (&str, &str),
    items: &[PyObjectRef],
    len: usize,
    depth: usize,
    vm: &VirtualMachine,
) {
    out.push_str(open);
    for (index, item) in items.iter().take(CONTAINER_ITEMS).enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        write_value(out, item, depth - 1, vm);
    }
    write_rest(out, len);
    out.push_str(close);
}

/// `, … 92 more` after the shown elements of a long container.
fn write_rest(out: &mut String, len: usize) {
    if len > CONTAINER_ITEMS {
        out.push_str(&format!(", … {} more", len - CONTAINER_ITEMS));
    }
}

/// An exact set or frozenset: its first elements in its (CPython's) order.
fn write_set(
    out: &mut String,
    set: &PyObject,
    brackets: (&str, &str),
    empty: &str,
    depth: usize,
    vm: &VirtualMachine,
) {
    let (shown, len) = set_items(set, CONTAINER_ITEMS, vm);
    if len == 0 {
        out.push_str(empty);
        return;
    }
    write_items(out, brackets, &shown, len, depth, vm);
}

/// An exact set's or frozenset's first `limit` elements and its length, read through its
/// own iterator, which runs no program code, so only what is shown is copied.
pub fn set_items(set: &PyObject, limit: usize, vm: &VirtualMachine) -> (Vec<PyObjectRef>, usize) {
    let len = set.length(vm).unwrap_or(0);
    let shown = match set.get_iter(vm) {
        Ok(iter) => match iter.iter::<PyObjectRef>(vm) {
            Ok(elements) => elements.take(limit).flatten().collect(),
            Err(_) => Vec::new(),
        },
        Err(_) => Vec::new(),
    };
    (shown, len)
}

fn write_dict(
    out: &mut String,
    items: &[(PyObjectRef, PyObjectRef)],
    len: usize,
    depth: usize,
    vm: &VirtualMachine,
) {
    out.push('{');
    for (index, (key, value)) in items.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        write_value(out, key, depth - 1, vm);
        out.push_str(": ");
        write_value(out, value, depth - 1, vm);
    }
    write_rest(out, len);
    out.push('}');
}

/// `ValueError('bad')`: the exception's class and its arguments.
fn write_exception(out: &mut String, exception: &PyBaseExceptionRef, vm: &VirtualMachine) {
    let args = exception.args();
    out.push_str(&exception.class().name());
    write_items(out, ("(", ")"), args.as_slice(), args.len(), DEPTH, vm);
}

/// A string attribute of a function or module, read without running the program's code
/// (their types' own descriptors).
fn attribute_text(value: &PyObject, name: &'static str, vm: &VirtualMachine) -> String {
    value
        .get_attr(name, vm)
        .ok()
        .and_then(|text| {
            text.downcast_ref::<PyStr>()
                .map(|text| text.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "?".to_owned())
}
