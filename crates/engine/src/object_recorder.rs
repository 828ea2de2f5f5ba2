//! The objects a recording's variables refer to, for the stepper's boxes and arrows: at
//! each line step, every object reachable from the step's variables and the module's
//! names is looked at (read in Rust, no program code runs), and a new version is kept when
//! it differs from the last one kept. Objects only a caller's variables reach are not
//! looked at again until the caller runs: only the running frame and the module's names
//! can reach objects to change.

use std::collections::{HashMap, HashSet, VecDeque};

use rustpython_vm::builtins::{
    PyBaseException, PyDict, PyFrozenSet, PyList, PySet, PyStr, PyTuple, PyType,
};
use rustpython_vm::types::PyTypeFlags;
use rustpython_vm::{PyObject, PyObjectRef, VirtualMachine};

use crate::value_text::{set_items, value_text};
use sandpiper_protocol::{ObjectVersion, Shape, Slot};

/// Items of an object drawn before the rest are counted instead.
const ITEMS: usize = 20;
/// Objects looked at per step; objects past these show as text.
const OBJECTS_PER_STEP: usize = 200;

#[derive(Default)]
pub struct ObjectRecorder {
    /// Identities by address: an address is an object's identity while it lives, as
    /// CPython's `id()` is.
    ids: HashMap<usize, u32>,
    /// Each identity's latest version, an index into `versions`.
    latest: HashMap<u32, usize>,
    versions: Vec<ObjectVersion>,
}

/// The objects one step reaches, in the order met.
struct Walk {
    seen: HashSet<usize>,
    queue: VecDeque<PyObjectRef>,
}

impl ObjectRecorder {
    /// The slot `value` takes in a variable: its object when it is drawn as a box.
    pub fn box_id(&mut self, value: &PyObject, vm: &VirtualMachine) -> Option<u32> {
        is_boxed(value, vm).then(|| self.id(value))
    }

    /// Keeps a version of each object reachable from `roots` that changed since its last
    /// one, as seen at line step `step`.
    pub fn look_at(&mut self, roots: Vec<PyObjectRef>, step: u32, vm: &VirtualMachine) {
        let mut walk = Walk {
            seen: HashSet::new(),
            queue: VecDeque::new(),
        };
        for root in roots {
            if is_boxed(&root, vm) {
                walk.enter(root);
            }
        }
        while let Some(object) = walk.queue.pop_front() {
            let id = self.id(&object);
            let version = self.version(&object, id, step, &mut walk, vm);
            let unchanged = self
                .latest
                .get(&id)
                .is_some_and(|&at| same_look(&self.versions[at], &version));
            if !unchanged {
                self.latest.insert(id, self.versions.len());
                self.versions.push(version);
            }
        }
    }

    pub fn finish(self) -> Vec<ObjectVersion> {
        self.versions
    }

    fn id(&mut self, value: &PyObject) -> u32 {
        let next = self.ids.len() as u32 + 1;
        *self.ids.entry(address(value)).or_insert(next)
    }

    fn version(
        &mut self,
        object: &PyObject,
        id: u32,
        step: u32,
        walk: &mut Walk,
        vm: &VirtualMachine,
    ) -> ObjectVersion {
        let (shape, entries, len) = contents(object, vm);
        let items = entries
            .into_iter()
            .map(|(key, value)| {
                let key = key.map(|key| match key {
                    Key::Name(name) => Slot::Text(name),
                    Key::Value(key) => self.slot(key, walk, vm),
                });
                (key, self.slot(value, walk, vm))
            })
            .collect::<Vec<_>>();
        ObjectVersion {
            id,
            step,
            type_name: object.class().name().to_string(),
            shape,
            more: len.saturating_sub(items.len()) as u32,
            items,
        }
    }

    fn slot(&mut self, value: PyObjectRef, walk: &mut Walk, vm: &VirtualMachine) -> Slot {
        if is_boxed(&value, vm)
            && (walk.seen.contains(&address(&value)) || walk.seen.len() < OBJECTS_PER_STEP)
        {
            let id = self.id(&value);
            walk.enter(value);
            Slot::Object(id)
        } else {
            Slot::Text(value_text(&value, vm))
        }
    }
}

impl Walk {
    fn enter(&mut self, object: PyObjectRef) {
        if self.seen.insert(address(&object)) {
            self.queue.push_back(object);
        }
    }
}

fn address(value: &PyObject) -> usize {
    value as *const PyObject as usize
}

/// Two versions of one object that look the same.
fn same_look(a: &ObjectVersion, b: &ObjectVersion) -> bool {
    a.type_name == b.type_name && a.shape == b.shape && a.items == b.items && a.more == b.more
}

/// Whether `value` is drawn as a box: lists, tuples and dicts (their subclasses too, such
/// as named tuples), sets and frozensets, and instances of the program's own classes (but
/// not its exceptions, shown as text with their arguments).
fn is_boxed(value: &PyObject, vm: &VirtualMachine) -> bool {
    value.downcast_ref::<PyList>().is_some()
        || value.downcast_ref::<PyTuple>().is_some()
        || value.downcast_ref::<PyDict>().is_some()
        || is_exact_set(value, vm)
        || (defined_by_program(value, vm)
            && value.downcast_ref::<PyType>().is_none()
            && value.downcast_ref::<PyBaseException>().is_none())
}

fn is_exact_set(value: &PyObject, vm: &VirtualMachine) -> bool {
    value.downcast_ref_if_exact::<PySet>(vm).is_some()
        || value.downcast_ref_if_exact::<PyFrozenSet>(vm).is_some()
}

/// Whether `value`'s class is one the program's own module defined (its `__module__`, read
/// from the class's dictionary without running code).
fn defined_by_program(value: &PyObject, vm: &VirtualMachine) -> bool {
    let class = value.class();
    class.slots.flags.has_feature(PyTypeFlags::HEAPTYPE)
        && class
            .get_direct_attr(vm.ctx.intern_str("__module__"))
            .and_then(|module| {
                module
                    .downcast_ref::<PyStr>()
                    .map(|module| module.to_str() == Some("__main__"))
            })
            .unwrap_or(false)
}

/// An item's key: an attribute's name, or a mapping's key.
enum Key {
    Name(String),
    Value(PyObjectRef),
}

/// The object's shape, its first `ITEMS` items and how many it has, read without running
/// program code.
fn contents(
    object: &PyObject,
    vm: &VirtualMachine,
) -> (Shape, Vec<(Option<Key>, PyObjectRef)>, usize) {
    let values = |items: Vec<PyObjectRef>| items.into_iter().map(|item| (None, item)).collect();
    if let Some(list) = object.downcast_ref::<PyList>() {
        let items = list.borrow_vec();
        let shown = items[..items.len().min(ITEMS)].to_vec();
        (Shape::Sequence, values(shown), items.len())
    } else if let Some(tuple) = object.downcast_ref::<PyTuple>() {
        let shown = tuple.as_slice()[..tuple.len().min(ITEMS)].to_vec();
        (Shape::Sequence, values(shown), tuple.len())
    } else if is_exact_set(object, vm) {
        let (shown, len) = set_items(object, ITEMS, vm);
        (Shape::Set, values(shown), len)
    } else if let Some(dict) = object.downcast_ref::<PyDict>() {
        let shown = dict
            .into_iter()
            .take(ITEMS)
            .map(|(key, value)| (Some(Key::Value(key)), value))
            .collect();
        (Shape::Mapping, shown, dict.__len__())
    } else {
        let Some(dict) = object.dict() else {
            return (Shape::Instance, Vec::new(), 0);
        };
        let len = dict.__len__();
        let shown = dict
            .into_iter()
            .take(ITEMS)
            .map(|(name, value)| {
                let name = match name.downcast_ref::<PyStr>() {
                    Some(name) => name.to_string_lossy().into_owned(),
                    None => value_text(&name, vm),
                };
                (Some(Key::Name(name)), value)
            })
            .collect();
        (Shape::Instance, shown, len)
    }
}
