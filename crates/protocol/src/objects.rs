//! The objects a recorded run's variables refer to, for the stepper's boxes and arrows:
//! each object has an identity, so two variables that refer to one list point at one box
//! (`b = a`, then `a.append(1)` shows in both).

use serde::{Deserialize, Serialize};

/// What a variable or one of an object's items holds: a value shown as text (numbers,
/// strings, None, functions and anything else not drawn as a box), or a drawn object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Text(String),
    /// The object's identity (`ObjectVersion::id`).
    Object(u32),
}

/// How an object is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Indexed items: lists and tuples.
    Sequence,
    /// Items without index: sets and frozensets, in their iteration order.
    Set,
    /// Keys and values.
    Mapping,
    /// An instance of one of the program's classes: its attributes (`__dict__`).
    Instance,
}

/// How one object looked from a line step on, until its next version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectVersion {
    /// The object's identity, numbered from 1 in the order the recording met objects. Like
    /// CPython's `id()`, an identity may be given again once its object is gone.
    pub id: u32,
    /// The first line step at which the object looked like this.
    pub step: u32,
    pub type_name: String,
    pub shape: Shape,
    /// The items, in order: a mapping's keys, an instance's attribute names (as text);
    /// no key for sequences and sets.
    pub items: Vec<(Option<Slot>, Slot)>,
    /// How many more items the object had than are shown.
    pub more: u32,
}
