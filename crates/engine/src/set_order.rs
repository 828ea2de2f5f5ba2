//! Sets in CPython's order. RustPython keeps a set's elements in the order they were added;
//! CPython walks its hash table, so `{3, 1, 2}` prints as `{1, 2, 3}` and `list(set(xs))` of
//! small ints comes out sorted, as every tutorial shows. Where a program sees a set's order
//! (iterating it, its repr, `pop()`, `set()`, `list()` and `tuple()` of it, `*s`), the
//! engine first stores the set's elements in the order CPython 3.11's table would hold them
//! had they been added one by one in their current order. Operations that build a set in
//! other ways (`a | b`, a literal of five or more constants) can leave CPython with a
//! differently sized table, so a few orders of large values still differ.

use rustpython_vm::builtins::{PyFrozenSet, PyList, PySet, PyTuple, PyType, PyTypeRef};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::types::{Constructor, Initializer, Iterable, Representable};
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
};

/// Larger sets keep the order they were built in: reordering costs a hash per element each
/// time a program looks at the order.
const LARGEST_REORDERED: usize = 1 << 14;
/// `pop()` looks at the whole set each time; above this, it takes the last-added element,
/// so that emptying a large work list stays linear.
const LARGEST_POPPED_IN_ORDER: usize = 256;

// CPython's Objects/setobject.c.
const MIN_TABLE_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// Puts the set and list slots that show a set's order in place. Every session calls it;
/// the built-in types belong to the thread, so the later calls store the same slots again.
pub fn install(vm: &VirtualMachine) {
    let types = &vm.ctx.types;
    let set = types.set_type;
    set.slots.iter.store(Some(set_iter));
    set.slots.repr.store(Some(set_repr));
    set.slots.init.store(Some(set_init));
    set.slots.vectorcall.store(Some(set_vectorcall));
    let frozenset = types.frozenset_type;
    frozenset.slots.iter.store(Some(frozenset_iter));
    frozenset.slots.repr.store(Some(frozenset_repr));
    frozenset.slots.new.store(Some(frozenset_new));
    types.list_type.slots.init.store(Some(list_init));
    types
        .list_type
        .slots
        .vectorcall
        .store(Some(list_vectorcall));
    types.tuple_type.slots.new.store(Some(tuple_new));
    let pop = vm.new_method("pop", set, set_pop);
    set.set_attr(vm.ctx.intern_str("pop"), pop.into());
}

/// `in_order(x)`, which the instrumenter puts around `*x`: unpacking reads a set's storage
/// directly, without any of the slots above.
pub fn in_order(object: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    if let Some(set) = object.downcast_ref_if_exact::<PySet>(vm) {
        put_in_order(set, vm)?;
    } else if let Some(frozenset) = object.downcast_ref_if_exact::<PyFrozenSet>(vm)
        && let Some(ordered) = frozenset_in_order(frozenset, vm)?
    {
        return Ok(ordered.into());
    }
    Ok(object)
}

/// The positions (into `hashes`) in the order CPython's table holds them after adding each
/// hash in turn, growing the table as `set_add_entry` does.
fn table_order(hashes: &[u64]) -> Vec<usize> {
    let mut table = vec![None; MIN_TABLE_SIZE];
    for added in 0..hashes.len() {
        insert_clean(&mut table, hashes, added);
        let used = added + 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            // CPython doubles instead above 50,000 elements, more than are ever reordered.
            let least = used * 4;
            let mut size = MIN_TABLE_SIZE;
            while size <= least {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for position in old.into_iter().flatten() {
                insert_clean(&mut table, hashes, position);
            }
        }
    }
    table.into_iter().flatten().collect()
}

/// `set_insert_clean`: the first free slot of the hash's probe sequence.
fn insert_clean(table: &mut [Option<usize>], hashes: &[u64], position: usize) {
    let mask = table.len() as u64 - 1;
    let mut perturb = hashes[position];
    let mut slot = perturb & mask;
    loop {
        let first = slot as usize;
        let probes = if first + LINEAR_PROBES <= mask as usize {
            LINEAR_PROBES
        } else {
            0
        };
        if let Some(free) = table[first..=first + probes]
            .iter_mut()
            .find(|s| s.is_none())
        {
            *free = Some(position);
            return;
        }
        perturb >>= PERTURB_SHIFT;
        slot = (slot.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

/// Whether CPython hashes `object` as RustPython does, the same in every process: numbers,
/// and tuples and frozensets of them. A string's hash is random in CPython (so is the
/// order of a set of strings), `None`'s and a plain object's come from its address, and a
/// class's own `__hash__` could run code, or fail, while the set is being reordered.
fn hashed_as_in_cpython(object: &PyObject, vm: &VirtualMachine, depth: usize) -> bool {
    let types = &vm.ctx.types;
    let class = object.class();
    if [
        types.int_type,
        types.bool_type,
        types.float_type,
        types.complex_type,
    ]
    .iter()
    .any(|number| class.is(*number))
    {
        return true;
    }
    depth > 0
        && if let Some(tuple) = object.downcast_ref_if_exact::<PyTuple>(vm) {
            tuple
                .iter()
                .all(|item| hashed_as_in_cpython(item, vm, depth - 1))
        } else if let Some(frozenset) = object.downcast_ref_if_exact::<PyFrozenSet>(vm) {
            frozenset
                .elements()
                .iter()
                .all(|item| hashed_as_in_cpython(item, vm, depth - 1))
        } else {
            false
        }
}

/// The elements in CPython's order, or `None` if they already are, or are too many, or
/// CPython's order for them is not known (`hashed_as_in_cpython`).
fn reordered(elements: &[PyObjectRef], vm: &VirtualMachine) -> PyResult<Option<Vec<PyObjectRef>>> {
    if elements.len() < 2
        || elements.len() > LARGEST_REORDERED
        || !elements
            .iter()
            .all(|element| hashed_as_in_cpython(element, vm, 4))
    {
        return Ok(None);
    }
    let hashes = elements
        .iter()
        .map(|element| element.hash(vm).map(|hash| hash as u64))
        .collect::<PyResult<Vec<_>>>()?;
    let order = table_order(&hashes);
    if order
        .iter()
        .enumerate()
        .all(|(index, &position)| index == position)
    {
        return Ok(None);
    }
    Ok(Some(
        order
            .into_iter()
            .map(|position| elements[position].clone())
            .collect(),
    ))
}

fn put_in_order(set: &Py<PySet>, vm: &VirtualMachine) -> PyResult<()> {
    if let Some(ordered) = reordered(&set.elements(), vm)? {
        set.clear();
        for element in ordered {
            set.add(element, vm)?;
        }
    }
    Ok(())
}

fn frozenset_in_order(
    frozenset: &Py<PyFrozenSet>,
    vm: &VirtualMachine,
) -> PyResult<Option<PyRef<PyFrozenSet>>> {
    reordered(&frozenset.elements(), vm)?
        .map(|ordered| Ok(PyFrozenSet::from_iter(vm, ordered)?.into_ref(&vm.ctx)))
        .transpose()
}

fn set_iter(zelf: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    if let Some(set) = zelf.downcast_ref::<PySet>() {
        put_in_order(set, vm)?;
    }
    <PySet as Iterable>::slot_iter(zelf, vm)
}

fn set_repr(
    zelf: &PyObject,
    vm: &VirtualMachine,
) -> PyResult<PyRef<rustpython_vm::builtins::PyStr>> {
    if let Some(set) = zelf.downcast_ref::<PySet>() {
        put_in_order(set, vm)?;
    }
    <PySet as Representable>::slot_repr(zelf, vm)
}

fn set_init(zelf: &PyObject, args: FuncArgs, vm: &VirtualMachine) -> PyResult<()> {
    <PySet as Initializer>::slot_init(zelf, args, vm)?;
    match zelf.downcast_ref::<PySet>() {
        Some(set) => put_in_order(set, vm),
        None => Ok(()),
    }
}

/// RustPython's `set(...)` fast path, calling the `init` above.
fn set_vectorcall(
    class: &PyObject,
    args: Vec<PyObjectRef>,
    nargs: usize,
    kwnames: Option<&[PyObjectRef]>,
    vm: &VirtualMachine,
) -> PyResult {
    let class: &Py<PyType> = class.downcast_ref().expect("set's vectorcall is a type's");
    let set = PySet::default().into_ref_with_type(vm, class.to_owned())?;
    set_init(
        set.as_object(),
        FuncArgs::from_vectorcall_owned(args, nargs, kwnames),
        vm,
    )?;
    Ok(set.into())
}

fn set_pop(zelf: PyRef<PySet>, vm: &VirtualMachine) -> PyResult {
    if zelf.elements().len() > LARGEST_POPPED_IN_ORDER {
        return zelf.pop(vm);
    }
    put_in_order(&zelf, vm)?;
    match zelf.elements().into_iter().next() {
        Some(first) => {
            zelf.discard(first.clone(), vm)?;
            Ok(first)
        }
        None => zelf.pop(vm), // raises CPython's KeyError
    }
}

fn frozenset_iter(zelf: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    let ordered = match zelf.downcast_ref_if_exact::<PyFrozenSet>(vm) {
        Some(frozenset) => frozenset_in_order(frozenset, vm)?,
        None => None,
    };
    <PyFrozenSet as Iterable>::slot_iter(ordered.map_or(zelf, Into::into), vm)
}

fn frozenset_repr(
    zelf: &PyObject,
    vm: &VirtualMachine,
) -> PyResult<PyRef<rustpython_vm::builtins::PyStr>> {
    match zelf.downcast_ref_if_exact::<PyFrozenSet>(vm) {
        Some(frozenset) => match frozenset_in_order(frozenset, vm)? {
            Some(ordered) => <PyFrozenSet as Representable>::slot_repr(ordered.as_object(), vm),
            None => <PyFrozenSet as Representable>::slot_repr(zelf, vm),
        },
        None => <PyFrozenSet as Representable>::slot_repr(zelf, vm),
    }
}

fn frozenset_new(class: PyTypeRef, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let argument = args.args.first().cloned();
    let made = <PyFrozenSet as Constructor>::slot_new(class, args, vm)?;
    // `frozenset(f)` of a frozenset is `f` itself, as in CPython.
    if argument.is_some_and(|argument| argument.is(&made)) {
        return Ok(made);
    }
    in_order(made, vm)
}

/// `list(s)` and `tuple(s)` copy a set's storage directly.
fn ordered_arguments(mut args: FuncArgs, vm: &VirtualMachine) -> PyResult<FuncArgs> {
    if let Some(first) = args.args.first_mut() {
        *first = in_order(first.clone(), vm)?;
    }
    Ok(args)
}

fn list_init(zelf: &PyObject, args: FuncArgs, vm: &VirtualMachine) -> PyResult<()> {
    <PyList as Initializer>::slot_init(zelf, ordered_arguments(args, vm)?, vm)
}

/// RustPython's `list(...)` fast path, calling the `init` above.
fn list_vectorcall(
    class: &PyObject,
    args: Vec<PyObjectRef>,
    nargs: usize,
    kwnames: Option<&[PyObjectRef]>,
    vm: &VirtualMachine,
) -> PyResult {
    let class: &Py<PyType> = class.downcast_ref().expect("list's vectorcall is a type's");
    let list = PyList::default().into_ref_with_type(vm, class.to_owned())?;
    list_init(
        list.as_object(),
        FuncArgs::from_vectorcall_owned(args, nargs, kwnames),
        vm,
    )?;
    Ok(list.into())
}

fn tuple_new(class: PyTypeRef, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    <PyTuple as Constructor>::slot_new(class, ordered_arguments(args, vm)?, vm)
}
