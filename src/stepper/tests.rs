//! The stepper's moves and views on a hand-made recording of
//!
//! ```python
//! def double(n):        # 1
//!     return n * 2      # 2
//! x = double(4)         # 3
//! print(x)              # 4
//! x = 1 / 0             # 5
//! ```

use sandpiper_protocol::{
    ExpressionStep, InstructionStep, LineStep, LineSteps, ObjectVersion, Recording, Shape, Slot,
    StepEvent, Transcript, TranscriptKind,
};

use super::*;

const SOURCE: &str = "def double(n):\n    return n * 2\nx = double(4)\nprint(x)\nx = 1 / 0\n";

fn step(event: StepEvent, frame: u32, line: u32, locals: &[(&str, &str)]) -> LineStep {
    LineStep {
        event,
        frame,
        depth: frame,
        qualname: if frame == 0 { "<module>" } else { "double" }.into(),
        line,
        locals: locals
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        boxes: Vec::new(),
        value: None,
        instruction: 0,
        output: 0,
    }
}

fn recording() -> Recording {
    let function = [("double", "<function double>")];
    let with_x = [("double", "<function double>"), ("x", "8")];
    let steps = vec![
        step(StepEvent::Call, 0, 0, &[]),
        step(StepEvent::Line, 0, 1, &[]),
        step(StepEvent::Line, 0, 3, &function),
        step(StepEvent::Call, 1, 1, &[("n", "4")]),
        step(StepEvent::Line, 1, 2, &[("n", "4")]),
        LineStep {
            value: Some("8".into()),
            ..step(StepEvent::Return, 1, 2, &[("n", "4")])
        },
        step(StepEvent::Line, 0, 4, &with_x),
        LineStep {
            output: 2,
            ..step(StepEvent::Line, 0, 5, &with_x)
        },
        LineStep {
            output: 2,
            value: Some("ZeroDivisionError('division by zero')".into()),
            ..step(StepEvent::Exception, 0, 5, &[])
        },
        LineStep {
            output: 2,
            ..step(StepEvent::Return, 0, 5, &[])
        },
    ];
    let mut transcript = Transcript::default();
    transcript.push(TranscriptKind::Stdout, "8\n");
    Recording {
        lines: Some(LineSteps {
            steps,
            frames: 2,
            truncated: false,
            objects: Vec::new(),
            expressions: Vec::new(),
        }),
        instructions: None,
        transcript,
    }
}

fn stepper() -> Stepper {
    Stepper::new(recording(), SOURCE.into()).unwrap()
}

#[test]
fn a_recording_without_steps_opens_no_stepper() {
    assert!(Stepper::new(Recording::default(), SOURCE.into()).is_none());
    let empty = Recording {
        lines: Some(LineSteps::default()),
        ..Recording::default()
    };
    assert!(Stepper::new(empty, SOURCE.into()).is_none());
}

#[test]
fn moves_stay_within_the_recording() {
    let mut stepper = stepper();
    assert_eq!((stepper.index(), stepper.len()), (0, 10));
    stepper.back();
    assert_eq!(stepper.index(), 0);
    stepper.forward();
    assert_eq!(stepper.index(), 1);
    stepper.last();
    assert_eq!(stepper.index(), 9);
    stepper.forward();
    assert_eq!(stepper.index(), 9);
    stepper.go_to(500);
    assert_eq!(stepper.index(), 9);
    stepper.first();
    assert_eq!(stepper.index(), 0);
}

#[test]
fn inside_a_call_the_stack_shows_the_caller_as_it_was() {
    let mut stepper = stepper();
    stepper.go_to(4);
    let frames = stepper.frames();
    assert_eq!(frames.len(), 2);
    assert_eq!(frames[0].qualname, "double");
    assert_eq!(frames[0].line, 2);
    assert_eq!(frames[0].locals, [("n", "4")]);
    assert_eq!(frames[1].qualname, "<module>");
    assert_eq!(frames[1].line, 3);
    assert_eq!(frames[1].locals.len(), 1);
    // Back in the module after the return: one frame, with x.
    stepper.go_to(6);
    let frames = stepper.frames();
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0].locals[1], ("x", "8"));
}

#[test]
fn an_exception_step_shows_the_frames_last_variables() {
    let mut stepper = stepper();
    stepper.go_to(8);
    assert_eq!(stepper.frames()[0].locals.len(), 2);
    assert_eq!(stepper.next_line(), Some(5));
    stepper.go_to(9);
    assert_eq!(stepper.frames()[0].locals.len(), 2);
}

#[test]
fn lines_are_found_forwards_and_backwards() {
    let mut stepper = stepper();
    assert_eq!(stepper.next_at_line(2), Some(4));
    assert_eq!(stepper.next_at_line(5), Some(7));
    assert_eq!(stepper.next_at_line(42), None);
    stepper.go_to(7);
    assert_eq!(stepper.previous_at_line(3), Some(2));
    assert_eq!(stepper.previous_at_line(5), None);
    assert_eq!(stepper.next_at_line(5), None);
}

#[test]
fn the_line_just_run_and_the_next_one_are_marked() {
    let mut stepper = stepper();
    stepper.go_to(6);
    assert_eq!(stepper.next_line(), Some(4));
    assert_eq!(stepper.previous_line(), Some(3));
    // In the called function, the module's lines are not its own.
    stepper.go_to(4);
    assert_eq!(stepper.previous_line(), None);
    stepper.go_to(0);
    assert_eq!((stepper.next_line(), stepper.previous_line()), (None, None));
}

#[test]
fn output_is_shown_as_it_was_at_the_step() {
    let mut stepper = stepper();
    stepper.go_to(6);
    assert!(stepper.output().is_empty());
    stepper.go_to(7);
    assert_eq!(stepper.output(), [(TranscriptKind::Stdout, "8\n")]);
}

#[test]
fn variables_before_the_step_are_those_of_the_same_frame() {
    let mut stepper = stepper();
    stepper.go_to(6);
    assert_eq!(stepper.previous_variables().map(<[_]>::len), Some(1));
    stepper.go_to(3);
    assert_eq!(stepper.previous_variables(), None);
}

#[test]
fn each_line_counts_the_times_it_ran() {
    assert_eq!(stepper().line_counts(), [1, 1, 1, 1, 1]);
}

#[test]
fn each_step_is_said_in_one_sentence() {
    let mut stepper = stepper();
    let mut said = Vec::new();
    for at in 0..stepper.len() {
        stepper.go_to(at);
        said.push(crate::wording::step_sentence(
            stepper.step(),
            stepper.previous_variables(),
        ));
    }
    assert_eq!(
        said,
        [
            "The program starts.",
            "Line 1 is next.",
            "Line 3 is next. double is <function double>, new.",
            "Call double with n = 4.",
            "Line 2 of double is next.",
            "double returns 8.",
            "Line 4 is next. x is 8, new.",
            "Line 5 is next.",
            "Line 5 raises ZeroDivisionError('division by zero').",
            "The program ends.",
        ]
    );
}

#[test]
fn a_sentence_names_three_changes_and_counts_the_rest() {
    let variables = |values: &[&str]| -> Vec<(String, String)> {
        ["a", "b", "c", "d", "e"]
            .iter()
            .zip(values)
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    };
    let step = LineStep {
        locals: variables(&["1", "2", "3", "4", "5"]),
        ..step(StepEvent::Line, 1, 7, &[])
    };
    let before = variables(&["0", "2", "0", "0", "0"]);
    assert_eq!(
        crate::wording::step_sentence(&step, Some(&before)),
        "Line 7 of double is next. a becomes 1, was 0; c becomes 3, was 0; d becomes 4, \
         was 0; 1 more changed."
    );
    assert_eq!(
        crate::wording::step_position("Step", 16, 240, false),
        "Step 17 of 240"
    );
    assert_eq!(
        crate::wording::step_position("Step", 9_999, 10_000, true),
        "Step 10,000 of 10,000 (recording stopped here; the program ran on)"
    );
}

fn instruction(
    offset: u32,
    line: u32,
    stack: &[&str],
    locals: &[(&str, Option<&str>)],
) -> InstructionStep {
    InstructionStep {
        qualname: "double".into(),
        first_line: 1,
        offset,
        line: Some(line),
        stack: stack.iter().map(|value| Some(value.to_string())).collect(),
        locals: locals
            .iter()
            .map(|(name, value)| (name.to_string(), value.map(str::to_owned)))
            .collect(),
        output: 0,
    }
}

/// The recording with the instructions of `double(4)`: steps 3–5 are its call, line 2
/// and return; instructions 0–2 are the module's before the call.
fn with_instructions() -> Stepper {
    Stepper::new(recording_with_instructions(), SOURCE.into()).unwrap()
}

fn recording_with_instructions() -> Recording {
    let mut recording = recording();
    let lines = &mut recording.lines.as_mut().unwrap().steps;
    for (at, step) in lines.iter_mut().enumerate() {
        step.instruction = match at {
            0..=2 => at as u32,
            3 => 3,
            4 => 4,
            5 => 7,
            _ => 8,
        };
    }
    let module = |offset| InstructionStep {
        qualname: "<module>".into(),
        first_line: 1,
        ..instruction(offset, 3, &[], &[])
    };
    recording.instructions = Some(sandpiper_protocol::InstructionSteps {
        steps: vec![
            module(0),
            module(2),
            module(4),
            instruction(0, 1, &[], &[("n", Some("4"))]),
            instruction(2, 2, &[], &[("n", Some("4"))]),
            instruction(4, 2, &["4"], &[("n", Some("4"))]),
            instruction(6, 2, &["4", "2"], &[("n", Some("4"))]),
            instruction(10, 2, &["8"], &[("n", Some("4"))]),
            module(6),
        ],
        truncated: false,
    });
    recording
}

/// With the values of `n`, `n * 2` and `double(4)`: instruction 5 sees `n`, 7 sees `n * 2`,
/// and 8, back in the module, `double(4)`; one more has no value to show.
fn with_expressions() -> Stepper {
    let mut recording = recording_with_instructions();
    let expression = |instruction, frame, line, column, end_column| ExpressionStep {
        instruction,
        frame,
        line,
        column,
        end_line: line,
        end_column,
    };
    recording.instructions.as_mut().unwrap().steps[8].stack = vec![Some("8".into())];
    recording.lines.as_mut().unwrap().expressions = vec![
        expression(5, 1, 2, 11, 12),
        expression(7, 1, 2, 11, 16),
        expression(8, 0, 3, 4, 13),
        expression(3, 1, 1, 0, 3),
    ];
    Stepper::new(recording, SOURCE.into()).unwrap()
}

#[test]
fn the_expression_view_shows_each_value_in_its_statement() {
    let mut stepper = with_expressions();
    assert!(stepper.has(Granularity::Expression));
    // From line 2 of double, its first expression; the one without a value is left out.
    stepper.go_to(4);
    stepper.set_granularity(Granularity::Expression);
    assert_eq!((stepper.index(), stepper.len()), (0, 3));
    assert_eq!(stepper.expression_source().as_deref(), Some("n"));
    assert_eq!(stepper.expression_value(), Some("4"));
    let value = |text, current| Piece::Value { text, current };
    let source = Piece::Source;
    assert_eq!(
        stepper.evaluated(),
        [source("return "), value("4", true), source(" * 2")]
    );
    assert_eq!(stepper.frames()[0].locals, [("n", "4")]);
    // The product replaces its operand.
    stepper.forward();
    assert_eq!(stepper.expression_source().as_deref(), Some("n * 2"));
    assert_eq!(stepper.evaluated(), [source("return "), value("8", true)]);
    // Back in the module after the return: the call's value, in the module's frame.
    stepper.forward();
    assert_eq!(stepper.step().event, StepEvent::Return);
    assert_eq!(stepper.frames().len(), 1);
    assert_eq!(stepper.frames()[0].qualname, "<module>");
    assert_eq!(stepper.next_line(), Some(3));
    assert_eq!(stepper.evaluated(), [source("x = "), value("8", true)]);
    assert_eq!(
        crate::wording::expression_sentence(3, "double(4)", "8"),
        "Line 3: double(4) evaluates to 8."
    );
    // To the instructions at the expression's instruction, and back to its expression.
    stepper.set_granularity(Granularity::Instruction);
    assert_eq!(stepper.index(), 8);
    stepper.back();
    stepper.set_granularity(Granularity::Expression);
    assert_eq!(stepper.index(), 1);
    // Lines: the line step the expression's instruction belongs to (`n * 2` is seen by
    // the return instruction).
    stepper.set_granularity(Granularity::Line);
    assert_eq!((stepper.index(), stepper.len()), (5, 10));
    assert!(stepper.expression().is_none() && stepper.evaluated().is_empty());
}

#[test]
fn an_expression_after_a_two_byte_character_is_found_by_its_byte_columns() {
    // `xé = double(4)`: Python's columns count bytes, `é` is two.
    let mut recording = with_expressions().recording;
    let expressions = &mut recording.lines.as_mut().unwrap().expressions;
    expressions[2].column = 6;
    expressions[2].end_column = 15;
    let source = SOURCE.replace("x = double(4)", "xé = double(4)");
    let mut stepper = Stepper::new(recording, source).unwrap();
    stepper.set_granularity(Granularity::Expression);
    stepper.go_to(2);
    assert_eq!(stepper.expression_span(), Some((3, 5, 3, 14)));
    assert_eq!(stepper.expression_source().as_deref(), Some("double(4)"));
    assert_eq!(
        stepper.evaluated(),
        [
            Piece::Source("xé = "),
            Piece::Value {
                text: "8",
                current: true
            }
        ]
    );
}

#[test]
fn in_the_expression_view_a_line_is_found_at_its_first_expression() {
    let mut stepper = with_expressions();
    stepper.set_granularity(Granularity::Expression);
    assert_eq!(stepper.next_at_line(3), Some(2));
    assert_eq!(stepper.next_at_line(2), None); // the first expression is shown already
    stepper.last();
    assert_eq!(stepper.previous_at_line(2), Some(0));
}

#[test]
fn the_instruction_view_keeps_the_place_and_follows_the_lines() {
    let mut stepper = with_instructions();
    stepper.go_to(4);
    stepper.set_granularity(Granularity::Instruction);
    assert_eq!((stepper.index(), stepper.len()), (4, 9));
    assert_eq!(stepper.instruction().unwrap().offset, 2);
    stepper.forward();
    stepper.forward();
    // Still line 2 of double, now with two values on the stack.
    assert_eq!(stepper.step().line, 2);
    assert_eq!(stepper.instruction().unwrap().stack.len(), 2);
    assert_eq!(stepper.next_line(), Some(2));
    stepper.last();
    assert_eq!(stepper.step().qualname, "<module>");
    // Back to the line view at the line step the instruction belongs to.
    stepper.go_to(7);
    stepper.set_granularity(Granularity::Line);
    assert_eq!(
        (stepper.index(), stepper.step().event),
        (5, StepEvent::Return)
    );
    assert_eq!(stepper.len(), 10);
}

#[test]
fn in_the_instruction_view_a_line_is_found_at_its_first_instruction() {
    let mut stepper = with_instructions();
    stepper.set_granularity(Granularity::Instruction);
    assert_eq!(stepper.next_at_line(2), Some(4));
    stepper.go_to(6);
    assert_eq!(stepper.previous_at_line(2), Some(4));
    assert_eq!(stepper.previous_at_line(3), Some(0));
}

#[test]
fn the_innermost_function_shows_its_variables_as_the_instruction_sees_them() {
    let mut stepper = with_instructions();
    stepper.go_to(3);
    stepper.set_granularity(Granularity::Instruction);
    let frames = stepper.frames();
    assert_eq!(frames[0].locals, [("n", "4")]);
    assert_eq!(frames.len(), 2);
}

#[test]
fn an_instruction_is_said_by_what_it_pops_pushes_and_stores() {
    use crate::wording::instruction_sentence;
    let before = instruction(6, 2, &["4", "2"], &[("n", Some("4")), ("m", None)]);
    let after = instruction(10, 2, &["8"], &[("n", Some("4")), ("m", None)]);
    assert_eq!(
        instruction_sentence("BINARY_OP *", &before, Some(&after)),
        "BINARY_OP * pops 4 and 2, pushes 8."
    );
    let stored = instruction(12, 2, &[], &[("n", Some("4")), ("m", Some("8"))]);
    assert_eq!(
        instruction_sentence("STORE_FAST m", &after, Some(&stored)),
        "STORE_FAST m pops 8; m is 8, new."
    );
    assert_eq!(
        instruction_sentence("RETURN_VALUE", &after, None),
        "RETURN_VALUE returns 8."
    );
    let callee = InstructionStep {
        qualname: "helper".into(),
        ..instruction(0, 7, &[], &[])
    };
    assert_eq!(
        instruction_sentence("CALL 1", &before, Some(&callee)),
        "CALL 1: helper goes on."
    );
    // A recursive call starts the same code again at offset 0.
    let recursive = instruction(0, 1, &[], &[]);
    assert_eq!(
        instruction_sentence("CALL 1", &before, Some(&recursive)),
        "CALL 1: double goes on."
    );
    assert_eq!(
        crate::wording::step_position("Instruction", 0, 9, false),
        "Instruction 1 of 9"
    );
}

/// `a = [1]; b = a; a.append(2); grid = [a]`, one statement a line, as the engine records
/// it: one identity for `a`'s list, a version when it grows, and `grid` reaching it.
fn aliasing() -> Stepper {
    let list = |step: u32, items: &[&str]| ObjectVersion {
        id: 1,
        step,
        type_name: "list".into(),
        shape: Shape::Sequence,
        items: items
            .iter()
            .map(|item| (None, Slot::Text(item.to_string())))
            .collect(),
        more: 0,
    };
    let boxed = |locals: &[(&str, &str)], boxes: Vec<Option<u32>>| LineStep {
        boxes,
        ..step(StepEvent::Line, 0, locals.len() as u32 + 1, locals)
    };
    let steps = vec![
        step(StepEvent::Call, 0, 0, &[]),
        step(StepEvent::Line, 0, 1, &[]),
        boxed(&[("a", "[1]")], vec![Some(1)]),
        boxed(&[("a", "[1]"), ("b", "[1]")], vec![Some(1), Some(1)]),
        boxed(&[("a", "[1, 2]"), ("b", "[1, 2]")], vec![Some(1), Some(1)]),
        boxed(
            &[("a", "[1, 2]"), ("b", "[1, 2]"), ("grid", "[[1, 2]]")],
            vec![Some(1), Some(1), Some(2)],
        ),
    ];
    let objects = vec![
        list(2, &["1"]),
        list(4, &["1", "2"]),
        ObjectVersion {
            id: 2,
            items: vec![(None, Slot::Object(1))],
            ..list(5, &[])
        },
    ];
    let recording = Recording {
        lines: Some(LineSteps {
            steps,
            frames: 1,
            truncated: false,
            objects,
            expressions: Vec::new(),
        }),
        ..Recording::default()
    };
    Stepper::new(
        recording,
        "a = [1]\nb = a\na.append(2)\ngrid = [a]\n".into(),
    )
    .unwrap()
}

#[test]
fn two_names_for_one_list_show_one_box_as_it_was_at_each_step() {
    let mut stepper = aliasing();
    stepper.go_to(1);
    assert!(stepper.objects().is_empty());
    stepper.go_to(3);
    let objects = stepper.objects();
    assert_eq!(objects.len(), 1, "a and b share one box");
    assert_eq!(objects[0].items, [(None, Slot::Text("1".into()))]);
    assert_eq!(stepper.frames()[0].boxes, [Some(1), Some(1)]);
    stepper.forward();
    assert_eq!(stepper.objects()[0].items.len(), 2, "the list grew");
    stepper.back();
    assert_eq!(stepper.objects()[0].items.len(), 1, "and back is as it was");
}

#[test]
fn a_second_name_for_an_object_is_said() {
    let mut stepper = aliasing();
    stepper.go_to(3);
    assert_eq!(
        crate::wording::step_sentence(stepper.step(), stepper.previous_variables()),
        "Line 3 is next. b is [1], new, the same object as a."
    );
}

#[test]
fn objects_inside_objects_are_shown_once_after_the_variables_ones() {
    let mut stepper = aliasing();
    stepper.last();
    let ids: Vec<u32> = stepper.objects().iter().map(|object| object.id).collect();
    assert_eq!(ids, [1, 2]);
}
