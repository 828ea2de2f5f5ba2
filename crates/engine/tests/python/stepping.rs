//! A run recorded instruction by instruction (`RunOptions::record_instructions`, patch 0011
//! on rustpython-vm): offsets as `dis` lists them, the value stack as the instructions'
//! semantics leave it, locals with cells, and a run that otherwise behaves as a plain one.

use sandpiper_engine::{CodeInfo, InstructionStep, InstructionSteps, Outcome, RunOptions};

use crate::common::{Harness, cpython};

fn recorded(limit: usize) -> RunOptions {
    RunOptions {
        record_instructions: Some(limit),
        ..RunOptions::default()
    }
}

fn record(harness: &mut Harness, source: &str) -> InstructionSteps {
    let report = harness.run_with(source, &recorded(100_000));
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    report
        .recording
        .and_then(|recording| recording.instructions)
        .expect("a recorded run has steps")
}

fn code<'a>(codes: &'a [CodeInfo], qualname: &str) -> &'a CodeInfo {
    codes
        .iter()
        .find(|code| code.qualname == qualname)
        .unwrap_or_else(|| panic!("no code object {qualname}"))
}

fn steps_in<'a>(steps: &'a InstructionSteps, qualname: &str) -> Vec<&'a InstructionStep> {
    steps
        .steps
        .iter()
        .filter(|step| step.qualname == qualname)
        .collect()
}

fn texts(values: &[&str]) -> Vec<Option<String>> {
    values.iter().map(|value| Some(value.to_string())).collect()
}

fn opname(code: &CodeInfo, offset: u32) -> &str {
    &code
        .instructions
        .iter()
        .find(|instruction| instruction.offset == offset)
        .unwrap_or_else(|| panic!("no instruction at offset {offset} in {}", code.qualname))
        .opname
}

const ARITHMETIC: &str = "a, b, c = 2, 3, 4\nx = a + b * c\nprint(x)\n";

#[test]
fn straight_line_code_steps_through_every_instruction_dis_lists() {
    let mut harness = Harness::new();
    let steps = record(&mut harness, ARITHMETIC);
    assert_eq!(harness.stdout(), "14\n");
    assert!(!steps.truncated);
    let codes = harness
        .session
        .disassemble(ARITHMETIC, "main.py")
        .expect("compiles");
    let module = code(&codes, "<module>");
    let listed: Vec<u32> = module
        .instructions
        .iter()
        .filter(|instruction| instruction.opname != "EXTENDED_ARG")
        .map(|instruction| instruction.offset)
        .collect();
    let stepped: Vec<u32> = steps_in(&steps, "<module>")
        .iter()
        .map(|step| step.offset)
        .collect();
    assert_eq!(stepped, listed);
    for step in steps_in(&steps, "<module>") {
        let instruction = module
            .instructions
            .iter()
            .find(|instruction| instruction.offset == step.offset)
            .unwrap();
        assert_eq!(step.line, instruction.line, "at {}", step.offset);
    }
}

#[test]
fn the_value_stack_is_what_each_instruction_leaves() {
    let mut harness = Harness::new();
    let steps = record(&mut harness, ARITHMETIC);
    let codes = harness
        .session
        .disassemble(ARITHMETIC, "main.py")
        .expect("compiles");
    let module = code(&codes, "<module>");
    // `x = a + b * c`: a, b, c are loaded; `*` leaves a and b*c; `+` leaves the sum.
    let line_2: Vec<(&str, &Vec<Option<String>>)> = steps_in(&steps, "<module>")
        .into_iter()
        .filter(|step| step.line == Some(2))
        .map(|step| (opname(module, step.offset), &step.stack))
        .collect();
    let ops: Vec<&str> = line_2.iter().map(|(op, _)| *op).collect();
    assert_eq!(
        ops,
        [
            "LOAD_NAME",
            "LOAD_NAME",
            "LOAD_NAME",
            "BINARY_OP",
            "BINARY_OP",
            "STORE_NAME"
        ]
    );
    assert_eq!(line_2[3].1, &texts(&["2", "3", "4"]));
    assert_eq!(line_2[4].1, &texts(&["2", "12"]));
    assert_eq!(line_2[5].1, &texts(&["14"]));
    // Module code keeps its names in a dictionary: no fast locals.
    assert!(steps.steps.iter().all(|step| step.locals.is_empty()));
}

#[test]
fn function_locals_cells_and_free_variables_are_shown_by_name() {
    let source = "\
def outer(step):
    total = 10
    def add(x):
        return total + x + step
    return add(5)

print(outer(1))
";
    let mut harness = Harness::new();
    let steps = record(&mut harness, source);
    assert_eq!(harness.stdout(), "16\n");
    let outer = steps_in(&steps, "outer");
    let names: Vec<&str> = outer[0]
        .locals
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["step", "add", "total"], "co_varnames, then cells");
    // At its first instruction only the argument is bound.
    assert_eq!(
        outer[0].locals,
        vec![
            ("step".to_owned(), Some("1".to_owned())),
            ("add".to_owned(), None),
            ("total".to_owned(), None)
        ]
    );
    let last = outer.last().unwrap();
    assert_eq!(last.locals[0], ("step".to_owned(), Some("1".to_owned())));
    assert_eq!(
        last.locals[1],
        (
            "add".to_owned(),
            Some("<function outer.<locals>.add>".to_owned())
        )
    );
    assert_eq!(last.locals[2], ("total".to_owned(), Some("10".to_owned())));
    let add = steps_in(&steps, "outer.<locals>.add");
    assert_eq!(
        add.last().unwrap().locals,
        vec![
            ("x".to_owned(), Some("5".to_owned())),
            ("step".to_owned(), Some("1".to_owned())),
            ("total".to_owned(), Some("10".to_owned()))
        ],
        "free variables read through their cells"
    );
    assert_eq!(
        add.last().unwrap().stack,
        texts(&["16"]),
        "before RETURN_VALUE"
    );
}

#[test]
fn values_are_shown_without_running_the_programs_code() {
    let source = "\
class Loud:
    def __repr__(self):
        print('repr called')
        return 'Loud()'

def show(item, words, numbers):
    return item

show(Loud(), 'x' * 100, list(range(20)) + [{3, 1, 2}, {'k': (1,)}])
print('done')
";
    let mut harness = Harness::new();
    let steps = record(&mut harness, source);
    assert_eq!(harness.stdout(), "done\n", "no __repr__ ran");
    let show = steps_in(&steps, "show");
    let locals = &show[0].locals;
    assert_eq!(locals[0].1.as_deref(), Some("<Loud object>"));
    assert_eq!(
        locals[1].1.as_deref(),
        Some(format!("'{}…' (100 characters)", "x".repeat(60)).as_str())
    );
    assert_eq!(
        locals[2].1.as_deref(),
        Some("[0, 1, 2, 3, 4, 5, 6, 7, … 14 more]")
    );
    let source = "def show(xs):\n    return xs\nshow([{3, 1, 2}, {'k': (1,)}, [[[[]]]]])\n";
    let steps = record(&mut harness, source);
    assert_eq!(
        steps_in(&steps, "show")[0].locals[0].1.as_deref(),
        Some("[{1, 2, 3}, {'k': (1,)}, [[...]]]"),
        "sets in CPython's order; nesting cut"
    );
    let steps = record(
        &mut harness,
        "def show(table):\n    return table\nshow({i: -i for i in range(10)})\n",
    );
    assert_eq!(
        steps_in(&steps, "show")[0].locals[0].1.as_deref(),
        Some("{0: 0, 1: -1, 2: -2, 3: -3, 4: -4, 5: -5, 6: -6, 7: -7, … 2 more}")
    );
}

#[test]
fn a_big_set_shows_its_first_elements_in_cpythons_order() {
    // Removals leave dummies and an addition reuses one: the order is the table's.
    let setup = "\
s = set(range(100, 0, -7))
for i in (93, 9, 44):
    s.discard(i)
s.add(1000)
f = frozenset(s)
";
    let (first, _) = cpython(
        &format!("{setup}print(', '.join(map(repr, list(s)[:8])), len(s) - 8)\n"),
        "",
    );
    let (shown, rest) = first.trim_end().rsplit_once(' ').expect("two fields");
    let mut harness = Harness::new();
    let steps = record(
        &mut harness,
        &format!("{setup}def show(s, f):\n    return s\nshow(s, f)\n"),
    );
    let locals = &steps_in(&steps, "show")[0].locals;
    let shown = shown.trim_end_matches(',');
    assert_eq!(
        locals[0].1.as_deref(),
        Some(format!("{{{shown}, … {rest} more}}").as_str())
    );
    assert_eq!(
        locals[1].1.as_deref(),
        Some(format!("frozenset({{{shown}, … {rest} more}})").as_str())
    );
}

#[test]
fn a_recorded_run_counts_and_prints_as_a_plain_one() {
    let source = "\
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
for i in range(12):
    print(fib(i), end=' ')
";
    let mut harness = Harness::new();
    let plain = harness.run_with(source, &RunOptions::default());
    let plain_output = harness.stdout();
    let recorded_run = harness.run_with(source, &recorded(1_000_000));
    assert_eq!(harness.stdout(), plain_output);
    assert_eq!(recorded_run.instructions, plain.instructions);
    let steps = recorded_run
        .recording
        .and_then(|recording| recording.instructions)
        .unwrap();
    assert_eq!(steps.steps.len() as u64, recorded_run.instructions);
    assert!(
        plain
            .recording
            .and_then(|recording| recording.instructions)
            .is_none()
    );
}

#[test]
fn recording_stops_at_its_limit_and_the_program_runs_on() {
    let source = "total = 0\nfor i in range(10_000):\n    total += i\nprint(total)\n";
    let mut harness = Harness::new();
    let plain = harness.run_with(source, &RunOptions::default());
    let report = harness.run_with(source, &recorded(500));
    assert_eq!(harness.stdout(), "49995000\n");
    assert_eq!(report.instructions, plain.instructions);
    let steps = report
        .recording
        .and_then(|recording| recording.instructions)
        .unwrap();
    assert_eq!(steps.steps.len(), 500);
    assert!(steps.truncated);
}

#[test]
fn a_recorded_run_is_still_stopped_by_the_budget() {
    let mut harness = Harness::new();
    let options = RunOptions {
        instruction_budget: 50_000,
        ..recorded(1_000_000)
    };
    let report = harness.run_with("while True:\n    pass\n", &options);
    assert!(
        matches!(report.outcome, Outcome::Stopped { .. }),
        "{:?}",
        report.outcome
    );
    assert_eq!(report.instructions, 50_000);
    let steps = report
        .recording
        .and_then(|recording| recording.instructions)
        .unwrap();
    assert_eq!(steps.steps.len(), 50_000);
}

#[test]
fn a_program_cannot_see_or_remove_the_recorder() {
    let source = "\
import sys
print(sys.gettrace())
sys.settrace(None)
x = 1
";
    let mut harness = Harness::new();
    let steps = record(&mut harness, source);
    assert_eq!(harness.stdout(), "None\n");
    let last = steps.steps.last().unwrap();
    assert_eq!(last.line, Some(4), "steps go on after sys.settrace(None)");
}
