//! Expression steps (`LineSteps::expressions`, recorded with lines and instructions): each
//! is an expression of CPython 3.14's syntax tree for the program, where CPython's
//! `co_positions()` puts it, and its value (the top of the stack at its instruction step)
//! is what CPython gives the same expression (`expression_spans.py`).

use std::collections::HashMap;

use sandpiper_engine::{ExpressionStep, Recording, RunOptions};

use crate::common::{Harness, cpython_json};

type Span = (u32, u32, u32, u32);

fn record(program: &str) -> Recording {
    let mut harness = Harness::new();
    let options = RunOptions {
        record_lines: Some(10_000),
        record_instructions: Some(100_000),
        ..RunOptions::default()
    };
    let report = harness.run_with(program, &options);
    report.recording.expect("a recording")
}

/// CPython's expressions of `program`: span → the repr of its value, if known.
fn cpython_expressions(program: &str) -> HashMap<Span, Option<String>> {
    let spans = cpython_json(include_str!("expression_spans.py"), program, "");
    spans
        .as_array()
        .expect("a list of spans")
        .iter()
        .map(|span| {
            let number = |at: usize| span[at].as_u64().unwrap() as u32;
            let value = span[4].as_str().map(str::to_owned);
            ((number(0), number(1), number(2), number(3)), value)
        })
        .collect()
}

/// The source an expression step covers (single-line spans, byte columns).
fn source_of<'a>(program: &'a str, step: &ExpressionStep) -> &'a str {
    let line = program.lines().nth(step.line as usize - 1).unwrap();
    &line[step.column as usize..step.end_column as usize]
}

const PROGRAM: &str = r#"prices = [3, 5, 8]
total = sum(prices) + len(prices) * 2
label = f"{total} items" if total > 10 else "few"
words = "a b c".split()
first = words[0].upper()
ok = 3 in prices and not first == "B"
café = "é" + "x" * len(words)
def area(w, h):
    return w * h
room = area(total, -prices[1])
pair = (room, {"room": room})
print(room, label, ok, café, pair)
"#;

#[test]
fn each_value_is_an_expression_of_cpythons_tree_with_cpythons_value() {
    let recording = record(PROGRAM);
    let lines = recording.lines.expect("line steps");
    let instructions = recording.instructions.expect("instruction steps");
    let expected = cpython_expressions(PROGRAM);
    let mut seen = HashMap::new();
    for step in &lines.expressions {
        let span = (step.line, step.column, step.end_line, step.end_column);
        let source = source_of(PROGRAM, step);
        let cpython = expected
            .get(&span)
            .unwrap_or_else(|| panic!("{source:?} at {span:?} is no expression of CPython's"));
        let value = instructions.steps[step.instruction as usize]
            .stack
            .last()
            .cloned()
            .flatten()
            .unwrap_or_else(|| panic!("no value for {source:?}"));
        // Frame 0 is the module, where CPython's values were computed again.
        if step.frame == 0
            && let Some(cpython) = cpython
        {
            assert_eq!(&value, cpython, "the value of {source:?}");
        }
        seen.insert(source, (step.frame, value));
    }
    // What a student would look for, in order of the program.
    for (source, value) in [
        ("sum(prices)", "16"),
        ("len(prices) * 2", "6"),
        ("sum(prices) + len(prices) * 2", "22"),
        ("total > 10", "True"),
        ("f\"{total} items\"", "'22 items'"),
        ("words[0]", "'a'"),
        ("words[0].upper()", "'A'"),
        ("3 in prices", "True"),
        ("not first == \"B\"", "True"),
        ("\"x\" * len(words)", "'xxx'"),
        ("w * h", "-110"),
        ("-prices[1]", "-5"),
        ("area(total, -prices[1])", "-110"),
        ("{\"room\": room}", "{'room': -110}"),
        ("(room, {\"room\": room})", "(-110, {'room': -110})"),
    ] {
        let (_, shown) = seen
            .get(source)
            .unwrap_or_else(|| panic!("no step for {source:?}: {:?}", seen.keys()));
        assert_eq!(shown, value, "{source}");
    }
    // The function's own expressions are its frame's, not the module's.
    assert_ne!(seen["w * h"].0, seen["area(total, -prices[1])"].0);
}

#[test]
fn a_value_lost_to_an_exception_is_not_shown() {
    let program = "xs = [1, 2]\ntry:\n    n = xs[5] + 1\nexcept IndexError:\n    n = len(xs)\n";
    let recording = record(program);
    let lines = recording.lines.expect("line steps");
    let sources: Vec<&str> = lines
        .expressions
        .iter()
        .map(|step| source_of(program, step))
        .collect();
    assert!(
        !sources.contains(&"xs[5]") && !sources.contains(&"xs[5] + 1"),
        "{sources:?}"
    );
    assert!(sources.contains(&"len(xs)"), "{sources:?}");
}

#[test]
fn without_instruction_steps_no_expression_is_noted() {
    let mut harness = Harness::new();
    let options = RunOptions {
        record_lines: Some(10_000),
        ..RunOptions::default()
    };
    let report = harness.run_with("x = 1 + len('ab')\n", &options);
    let lines = report
        .recording
        .and_then(|recording| recording.lines)
        .unwrap();
    assert!(lines.expressions.is_empty());
    assert!(!lines.steps.is_empty());
}
