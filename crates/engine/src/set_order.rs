//! Sets in CPython's order. RustPython keeps a set's elements in the order they were added;
//! CPython walks its hash table, so `{3, 1, 2}` prints as `{1, 2, 3}` and `list(set(xs))` of
//! small ints comes out sorted, as every tutorial shows. Where a program sees a set's order
//! (iterating it, its repr, `pop()`, `list()` and `tuple()` of it, `*s`), the engine shows
//! the elements in the order CPython 3.11's table holds them after adding them one by one in
//! the order they were added. The set itself is never reordered: its storage stays the
//! history the next look starts from. CPython's table also remembers removals and grows
//! differently for `a | b` or a literal of constants, so a few orders still differ.

use std::cell::Cell;
use std::fmt;

use rustpython_vm::builtins::{PyFrozenSet, PyList, PySet, PyStr, PyTuple, PyTypeRef};
use rustpython_vm::class::PyClassImpl;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::protocol::PyIterReturn;
use rustpython_vm::types::{Constructor, Initializer, IterNext, Iterable, Representable, SelfIter};
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine, pyclass,
};

/// Larger sets show the order they were built in: ordering costs a hash per element each
/// time a program looks at the order.
const LARGEST_REORDERED: usize = 1 << 14;
/// `pop()` looks at the whole set each time; above this, it takes the last-added element,
/// so that emptying a large work list stays linear.
const LARGEST_POPPED_IN_ORDER: usize = 256;

// CPython's Objects/setobject.c.
const MIN_TABLE_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// Puts the set and list slots that show a set's order in place; once per thread (the
/// session's `mend_builtins`).
pub fn install(vm: &VirtualMachine) {
    let _ = OrderedSetIterator::make_static_type();
    let types = &vm.ctx.types;
    let set = types.set_type;
    set.slots.iter.store(Some(set_iter));
    set.slots.repr.store(Some(set_repr));
    let frozenset = types.frozenset_type;
    frozenset.slots.iter.store(Some(set_iter));
    frozenset.slots.repr.store(Some(frozenset_repr));
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
/// directly, without any of the slots above. A set becomes a tuple of its elements in
/// CPython's order.
pub fn in_order(object: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    Ok(match ordered_elements(&object, vm)? {
        Some(ordered) => vm.ctx.new_tuple(ordered).into(),
        None => object,
    })
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

/// A set's elements in the order its `repr` shows them; only elements whose hash is the
/// interpreter's own are hashed, so no program code runs.
pub fn shown_order(elements: &[PyObjectRef], vm: &VirtualMachine) -> Vec<PyObjectRef> {
    reordered(elements, vm)
        .ok()
        .flatten()
        .unwrap_or_else(|| elements.to_vec())
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

/// An exact set's or frozenset's elements in CPython's order, if that is not their own.
fn ordered_elements(object: &PyObject, vm: &VirtualMachine) -> PyResult<Option<Vec<PyObjectRef>>> {
    if let Some(set) = object.downcast_ref_if_exact::<PySet>(vm) {
        reordered(&set.elements(), vm)
    } else if let Some(frozenset) = object.downcast_ref_if_exact::<PyFrozenSet>(vm) {
        reordered(&frozenset.elements(), vm)
    } else {
        Ok(None)
    }
}

fn set_iter(zelf: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    match ordered_elements(&zelf, vm)? {
        Some(items) => Ok(OrderedSetIterator {
            size: zelf.length(vm)?,
            set: zelf,
            items,
            next: Cell::new(0),
            changed: Cell::new(false),
        }
        .into_pyobject(vm)),
        None if zelf.fast_isinstance(vm.ctx.types.frozenset_type) => {
            <PyFrozenSet as Iterable>::slot_iter(zelf, vm)
        }
        None => <PySet as Iterable>::slot_iter(zelf, vm),
    }
}

fn set_repr(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<PyRef<PyStr>> {
    match ordered_elements(zelf, vm)? {
        Some(items) => {
            let copy = PySet::default().into_ref(&vm.ctx);
            for item in items {
                copy.add(item, vm)?;
            }
            <PySet as Representable>::slot_repr(copy.as_object(), vm)
        }
        None => <PySet as Representable>::slot_repr(zelf, vm),
    }
}

fn frozenset_repr(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<PyRef<PyStr>> {
    match ordered_elements(zelf, vm)? {
        Some(items) => {
            let copy = PyFrozenSet::from_iter(vm, items)?.into_ref(&vm.ctx);
            <PyFrozenSet as Representable>::slot_repr(copy.as_object(), vm)
        }
        None => <PyFrozenSet as Representable>::slot_repr(zelf, vm),
    }
}

fn set_pop(zelf: PyRef<PySet>, vm: &VirtualMachine) -> PyResult {
    let elements = zelf.elements();
    if elements.len() > LARGEST_POPPED_IN_ORDER {
        return zelf.pop(vm);
    }
    let first = match reordered(&elements, vm)? {
        Some(ordered) => ordered.into_iter().next(),
        None => elements.into_iter().next(),
    };
    match first {
        Some(first) => {
            zelf.discard(first.clone(), vm)?;
            Ok(first)
        }
        None => zelf.pop(vm), // raises CPython's KeyError
    }
}

/// `list(s)` and `tuple(s)` copy a set's storage directly: give them the elements in order.
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
    let class: PyTypeRef = class
        .to_owned()
        .downcast()
        .expect("list's vectorcall is a type's");
    let list = PyList::default().into_ref_with_type(vm, class)?;
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

/// Iterates a set or frozenset in CPython's order, raising as CPython's does once a set
/// changes size.
#[pyclass(module = false, name = "set_iterator")]
#[derive(PyPayload)]
struct OrderedSetIterator {
    set: PyObjectRef,
    size: usize,
    items: Vec<PyObjectRef>,
    next: Cell<usize>,
    changed: Cell<bool>,
}

impl fmt::Debug for OrderedSetIterator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("set_iterator")
    }
}

#[pyclass(with(IterNext))]
impl OrderedSetIterator {}

impl SelfIter for OrderedSetIterator {}

impl IterNext for OrderedSetIterator {
    fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
        if zelf.changed.get() || zelf.set.length(vm)? != zelf.size {
            zelf.changed.set(true);
            return Err(vm.new_runtime_error("Set changed size during iteration"));
        }
        let next = zelf.next.get();
        Ok(match zelf.items.get(next) {
            Some(item) => {
                zelf.next.set(next + 1);
                PyIterReturn::Return(item.clone())
            }
            None => PyIterReturn::StopIteration(None),
        })
    }
}
