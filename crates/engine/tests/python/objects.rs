//! The objects a recording's variables refer to (`LineSteps::objects`): one identity per
//! object however many variables refer to it, a new version when it changes (also when a
//! function changes a module's list through a global name), cycles, and long objects cut.
//! Which variables share an object is compared with CPython in `line_steps.rs`.

use sandpiper_engine::{LineStep, LineSteps, ObjectVersion, RunOptions, Shape, Slot, StepEvent};

use crate::common::Harness;

fn record(source: &str) -> LineSteps {
    let mut harness = Harness::new();
    let options = RunOptions {
        record_lines: Some(10_000),
        ..RunOptions::default()
    };
    let report = harness.run_with(source, &options);
    report
        .recording
        .and_then(|recording| recording.lines)
        .expect("line steps")
}

/// The object `name` refers to at step `at`.
fn object_of(steps: &LineSteps, at: usize, name: &str) -> u32 {
    let step = &steps.steps[at];
    let index = step
        .locals
        .iter()
        .position(|(local, _)| local == name)
        .unwrap_or_else(|| panic!("no {name} at step {at}"));
    step.boxes[index].unwrap_or_else(|| panic!("{name} is not drawn as a box"))
}

/// How object `id` looks at step `at`: its latest version from then or before.
fn look(steps: &LineSteps, id: u32, at: usize) -> &ObjectVersion {
    steps
        .objects
        .iter()
        .rfind(|version| version.id == id && version.step as usize <= at)
        .unwrap_or_else(|| panic!("object {id} has no version by step {at}"))
}

fn texts(version: &ObjectVersion) -> Vec<&str> {
    version
        .items
        .iter()
        .map(|(_, value)| match value {
            Slot::Text(text) => text.as_str(),
            Slot::Object(_) => "→",
        })
        .collect()
}

/// The index of the module's last step.
fn module_end(steps: &LineSteps) -> usize {
    steps.steps.len() - 1
}

fn first_step_in(steps: &[LineStep], qualname: &str, event: StepEvent) -> usize {
    steps
        .iter()
        .position(|step| step.qualname == qualname && step.event == event)
        .unwrap_or_else(|| panic!("no {event:?} step in {qualname}"))
}

#[test]
fn two_names_for_one_list_show_one_object_that_changes() {
    let steps = record("a = [1, 2]\nb = a\na.append(3)\nc = list(a)\n");
    let end = module_end(&steps);
    let a = object_of(&steps, end, "a");
    assert_eq!(object_of(&steps, end, "b"), a);
    assert_ne!(object_of(&steps, end, "c"), a);
    // Line 3 is about to run at step 3 (call, line 1, line 2, line 3).
    let before_append = steps
        .steps
        .iter()
        .position(|step| step.event == StepEvent::Line && step.line == 3)
        .unwrap();
    assert_eq!(texts(look(&steps, a, before_append)), ["1", "2"]);
    assert_eq!(texts(look(&steps, a, before_append + 1)), ["1", "2", "3"]);
    let versions = steps
        .objects
        .iter()
        .filter(|version| version.id == a)
        .count();
    assert_eq!(versions, 2, "a new version only when the list changed");
}

#[test]
fn a_function_changing_a_global_list_shows_in_the_step_it_does() {
    let source = "scores = []\ndef add(x):\n    scores.append(x)\n    return x\nadd(5)\n";
    let steps = record(source);
    let scores = object_of(&steps, module_end(&steps), "scores");
    // `return x` is about to run: the append on the line before is already there.
    let returning = steps
        .steps
        .iter()
        .position(|step| step.qualname == "add" && step.line == 4)
        .unwrap();
    assert_eq!(texts(look(&steps, scores, returning)), ["5"]);
    assert_eq!(
        texts(look(&steps, scores, returning - 1)),
        Vec::<&str>::new()
    );
    let call = first_step_in(&steps.steps, "add", StepEvent::Call);
    assert!(
        steps.steps[call].boxes.is_empty(),
        "x is an int, shown as text"
    );
}

#[test]
fn objects_inside_objects_and_cycles_are_drawn_by_reference() {
    let source = "\
class Node:
    def __init__(self, value, rest=None):
        self.value = value
        self.rest = rest
loop = []
loop.append(loop)
chain = Node(1, Node(2, {'k': (3,)}))
done = True
";
    let steps = record(source);
    let end = module_end(&steps);
    let cycle = object_of(&steps, end, "loop");
    assert_eq!(
        look(&steps, cycle, end).items,
        [(None, Slot::Object(cycle))]
    );
    let chain = look(&steps, object_of(&steps, end, "chain"), end);
    assert_eq!(
        (chain.type_name.as_str(), chain.shape),
        ("Node", Shape::Instance)
    );
    assert_eq!(
        chain.items[0],
        (Some(Slot::Text("value".into())), Slot::Text("1".into()))
    );
    let Slot::Object(rest) = chain.items[1].1 else {
        panic!("rest is a Node, drawn as a box: {:?}", chain.items[1]);
    };
    let rest = look(&steps, rest, end);
    let Slot::Object(table) = rest.items[1].1 else {
        panic!("a dict is drawn as a box");
    };
    let table = look(&steps, table, end);
    assert_eq!(table.shape, Shape::Mapping);
    assert_eq!(table.items[0].0, Some(Slot::Text("'k'".into())));
    assert!(
        matches!(table.items[0].1, Slot::Object(_)),
        "a tuple is drawn as a box"
    );
}

#[test]
fn long_objects_show_their_first_items_and_count_the_rest() {
    let steps = record("big = list(range(100))\nwords = set('ab')\n");
    let end = module_end(&steps);
    let big = look(&steps, object_of(&steps, end, "big"), end);
    assert_eq!(big.items.len(), 20);
    assert_eq!(big.more, 80);
    assert_eq!(texts(big)[..3], ["0", "1", "2"]);
    let words = look(&steps, object_of(&steps, end, "words"), end);
    assert_eq!((words.shape, words.items.len()), (Shape::Set, 2));
}
