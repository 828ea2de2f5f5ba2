//! A value of the student's program as an exercise's check receives it: Python literal
//! text when it is plain data (exact builtin types only, so none of the program's own code
//! runs and no subclass can pass for the right answer), or its type's name and repr.

use rustpython_vm::builtins::{PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyStr, PyTuple};
use rustpython_vm::{AsObject, PyObjectRef, VirtualMachine};

/// Deeper data is described by its repr.
const MAX_DEPTH: usize = 64;
/// Longer literal text (or repr) is not passed on whole.
const MAX_TEXT: usize = 1 << 20;
/// A repr shown in a message is cut to this many characters.
const MAX_REPR_CHARS: usize = 300;

#[derive(Clone, Debug, PartialEq)]
pub struct StudentValue {
    /// The value as a literal `ast.literal_eval` reads back, when it is plain data.
    pub literal: Option<String>,
    pub type_name: String,
    /// Its repr (the program's `__repr__` may run: call this under the run's budget).
    pub repr: String,
}

pub fn describe(vm: &VirtualMachine, value: &PyObjectRef) -> StudentValue {
    let mut literal = String::new();
    let literal = write_literal(vm, value, 0, &mut literal).then_some(literal);
    let repr = match &literal {
        Some(text) => text.clone(),
        None => value
            .repr(vm)
            .map(|text| text.as_wtf8().to_string_lossy().into_owned())
            .unwrap_or_else(|_| format!("<{} object>", value.class().name())),
    };
    StudentValue {
        literal,
        type_name: value.class().name().to_string(),
        repr: shorten(repr),
    }
}

/// Appends `value` as literal text to `out`; false when it is not plain data.
fn write_literal(vm: &VirtualMachine, value: &PyObjectRef, depth: usize, out: &mut String) -> bool {
    if depth > MAX_DEPTH || out.len() > MAX_TEXT {
        return false;
    }
    let class = value.class();
    let types = &vm.ctx.types;
    if vm.is_none(value) {
        out.push_str("None");
    } else if class.is(types.bool_type) {
        out.push_str(if value.is(&vm.ctx.true_value) {
            "True"
        } else {
            "False"
        });
    } else if class.is(types.int_type) {
        let Some(int) = value.downcast_ref::<PyInt>() else {
            return false;
        };
        out.push_str(&int.as_bigint().to_string());
    } else if class.is(types.float_type) {
        let Some(float) = value.downcast_ref::<PyFloat>() else {
            return false;
        };
        if !float.to_f64().is_finite() {
            return false;
        }
        return push_builtin_repr(vm, value, out);
    } else if class.is(types.str_type) {
        if value.downcast_ref::<PyStr>().is_none() {
            return false;
        }
        return push_builtin_repr(vm, value, out);
    } else if class.is(types.list_type) {
        let Some(list) = value.downcast_ref::<PyList>() else {
            return false;
        };
        let items = list.borrow_vec().to_vec();
        return write_items(vm, &items, depth, ("[", "]"), out);
    } else if class.is(types.tuple_type) {
        let Some(tuple) = value.downcast_ref::<PyTuple>() else {
            return false;
        };
        let items = tuple.as_slice().to_vec();
        if items.len() == 1 {
            out.push('(');
            let ok = write_literal(vm, &items[0], depth + 1, out);
            out.push_str(",)");
            return ok;
        }
        return write_items(vm, &items, depth, ("(", ")"), out);
    } else if class.is(types.set_type) || class.is(types.frozenset_type) {
        // `ast.literal_eval` reads no frozenset: the check gets its items as a set.
        let items = match value.downcast_ref::<PySet>() {
            Some(set) => set.elements(),
            None => match value.downcast_ref::<PyFrozenSet>() {
                Some(set) => set.elements(),
                None => return false,
            },
        };
        if items.is_empty() {
            out.push_str("set()");
            return true;
        }
        return write_items(vm, &items, depth, ("{", "}"), out);
    } else if class.is(types.dict_type) {
        let Some(dict) = value.downcast_ref::<PyDict>() else {
            return false;
        };
        out.push('{');
        for (index, (key, item)) in dict.into_iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            if !write_literal(vm, &key, depth + 1, out) {
                return false;
            }
            out.push_str(": ");
            if !write_literal(vm, &item, depth + 1, out) {
                return false;
            }
        }
        out.push('}');
    } else {
        return false;
    }
    true
}

fn write_items(
    vm: &VirtualMachine,
    items: &[PyObjectRef],
    depth: usize,
    (open, close): (&str, &str),
    out: &mut String,
) -> bool {
    out.push_str(open);
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        if !write_literal(vm, item, depth + 1, out) {
            return false;
        }
    }
    out.push_str(close);
    true
}

/// The repr of an exact `str` or `float`: the builtin's own code, never the program's.
fn push_builtin_repr(vm: &VirtualMachine, value: &PyObjectRef, out: &mut String) -> bool {
    match value.repr(vm) {
        Ok(text) => {
            out.push_str(&text.as_wtf8().to_string_lossy());
            true
        }
        Err(_) => false,
    }
}

fn shorten(text: String) -> String {
    match text.char_indices().nth(MAX_REPR_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}
