//! Line steps (`RunOptions::record_lines`): for each program, the events, their frames'
//! names and lines, the variables at each step and the values returned and raised are
//! what CPython 3.14's `sys.settrace` reports for the same program
//! (`settrace_recorder.py`, run by the reference as every other comparison is).

use sandpiper_engine::{LineStep, LineSteps, RunOptions, StepEvent, TranscriptKind};
use serde_json::Value;

use crate::common::{Harness, cpython_json};

/// One event as both sides write it: (event, function, line, variables, value, bytes of
/// output written and input read before it, aliases: for each variable drawn as a box, the
/// first variable whose object it is).
type Event = (
    String,
    String,
    u32,
    Option<Vec<(String, String)>>,
    Option<String>,
    u32,
    Option<Vec<Option<usize>>>,
);

fn recorded(limit: usize) -> RunOptions {
    RunOptions {
        record_lines: Some(limit),
        ..RunOptions::default()
    }
}

fn cpython_events(program: &str, stdin: &str) -> Vec<Event> {
    let events = cpython_json(include_str!("settrace_recorder.py"), program, stdin);
    let events = events.as_array().expect("a list of events");
    events
        .iter()
        .map(|event| {
            let text = |value: &Value| value.as_str().map(str::to_owned);
            let variables = event[3].as_array().map(|pairs| {
                pairs
                    .iter()
                    .map(|pair| (text(&pair[0]).unwrap(), text(&pair[1]).unwrap()))
                    .collect()
            });
            (
                text(&event[0]).unwrap(),
                text(&event[1]).unwrap(),
                event[2].as_u64().unwrap() as u32,
                variables,
                text(&event[4]),
                event[5].as_u64().unwrap() as u32,
                event[6].as_array().map(|aliases| {
                    aliases
                        .iter()
                        .map(|alias| alias.as_u64().map(|index| index as usize))
                        .collect()
                }),
            )
        })
        .collect()
}

fn engine_events(steps: &LineSteps) -> Vec<Event> {
    steps
        .steps
        .iter()
        .map(|step| {
            let event = match step.event {
                StepEvent::Call => "call",
                StepEvent::Line => "line",
                StepEvent::Return => "return",
                StepEvent::Exception => "exception",
            };
            let unwound = step.event == StepEvent::Return && step.value.is_none();
            let shows_variables = step.event != StepEvent::Exception && !unwound;
            let variables = shows_variables.then(|| step.locals.clone());
            let aliases = shows_variables.then(|| aliases(step));
            (
                event.to_owned(),
                step.qualname.clone(),
                step.line,
                variables,
                step.value.clone(),
                step.output,
                aliases,
            )
        })
        .collect()
}

/// For each of the step's variables drawn as a box, the first variable with its object.
fn aliases(step: &LineStep) -> Vec<Option<usize>> {
    let object = |at: usize| step.boxes.get(at).copied().flatten();
    (0..step.locals.len())
        .map(|at| {
            let id = object(at)?;
            (0..step.locals.len()).find(|&first| object(first) == Some(id))
        })
        .collect()
}

fn steps_as_in_cpython(program: &str, stdin: &[&str]) {
    let mut harness = Harness::new().with_input(stdin);
    let report = harness.run_with(program, &recorded(100_000));
    let steps = report
        .recording
        .and_then(|recording| recording.lines)
        .expect("a recorded run has line steps");
    assert!(!steps.truncated);
    let ours = engine_events(&steps);
    let theirs = cpython_events(
        program,
        &stdin
            .iter()
            .map(|line| format!("{line}\n"))
            .collect::<String>(),
    );
    if let Some(index) =
        (0..ours.len().max(theirs.len())).find(|&at| ours.get(at) != theirs.get(at))
    {
        let window = |events: &[Event]| {
            events[index.saturating_sub(4)..(index + 3).min(events.len())]
                .iter()
                .map(|event| format!("  {event:?}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "step {index} differs, of\n{program}\nours, from step {}:\n{}\nCPython's:\n{}",
            index.saturating_sub(4),
            window(&ours),
            window(&theirs)
        );
    }
}

#[test]
fn loops_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
total = 0
for i in range(3):
    total += i
for j in range(2): total -= j
n = 3
while n > 0:
    n -= 1
    if n == 1:
        continue
    total += n
else:
    total = -total
for word in ['a', 'b', 'c']:
    if word == 'b':
        break
print(total, n, word)
",
        &[],
    );
}

#[test]
fn calls_and_recursion_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
def square(x):
    return x * x

def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)

def describe(name, *scores, scale=1, **extra):
    best = max(scores) * scale
    return f'{name}: {best}'

print(square(square(3)), factorial(4))
print(describe('Ada', 3, 9, 4, scale=2, note='x'))
double = lambda y: y * 2
print(double(21))
",
        &[],
    );
}

#[test]
fn exceptions_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
def check(value):
    if value < 0:
        raise ValueError('negative')
    return value

def outer(value):
    try:
        return check(value)
    finally:
        print('checked', value)

for value in [2, -1]:
    try:
        outer(value)
    except ValueError as error:
        print('caught', error)
    else:
        print('fine')
try:
    1 / 0
except ZeroDivisionError:
    pass
try:
    try:
        int('x')
    except KeyError:
        pass
except ValueError:
    print('outer handler')
with open('notes.txt', 'w') as notes:
    notes.write('hi')
assert value == -1
outer(-5)
print('never')
",
        &[],
    );
}

#[test]
fn generators_and_comprehensions_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return 'done'

def delegate():
    result = yield from countdown(2)
    yield result

for value in countdown(3):
    print(value)
print(list(delegate()))
squares = [x * x for x in range(4) if x % 2 == 0]
table = {x: [y for y in range(x)] for x in range(3)}
unique = {len(w) for w in ['a', 'bb', 'cc']}
total = sum(x for x in range(5))
steps = iter(countdown(2))
print(next(steps), next(steps), squares, table, unique, total)
",
        &[],
    );
}

#[test]
fn classes_and_closures_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
class Point:
    origin = 0

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx):
        return Point(self.x + dx, self.y)

    def __repr__(self):
        return f'Point({self.x}, {self.y})'

def counter():
    count = 0
    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment

p = Point(1, 2).moved(3)
print(p)
tick = counter()
tick()
print(tick(5))
",
        &[],
    );
}

#[test]
fn aliases_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
a = [1, 2]
b = a
c = list(a)
a.append(3)
pair = (a, c)
grid = [[0] * 2 for _ in range(2)]
same = [[0] * 2] * 2
same[0][0] = 1
class Node:
    def __init__(self, value, rest=None):
        self.value = value
        self.rest = rest
chain = Node(1, Node(2))
head = chain.rest
def extend(xs, ys):
    both = xs
    both.extend(ys)
    return both
table = {'k': a}
e = extend(b, c)
print(a, b is e, len(table))
",
        &[],
    );
}

#[test]
fn input_steps_as_in_cpython() {
    steps_as_in_cpython(
        "\
name = input('Name? ')
age = int(input())
if age >= 18:
    print(name, 'is an adult')
else:
    print(name, 'is young')
",
        &["Ada", "36"],
    );
}

#[test]
fn a_resumed_generator_keeps_its_frame_and_a_new_one_gets_its_own() {
    let source = "\
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1

for x in count(2):
    print(x)
for y in count(1):
    print(y)
";
    let mut harness = Harness::new();
    let report = harness.run_with(source, &recorded(1_000));
    let lines = report.recording.unwrap().lines.unwrap();
    let frames_of = |qualname: &str| {
        let mut frames: Vec<u32> = lines
            .steps
            .iter()
            .filter(|step| step.qualname == qualname)
            .map(|step| step.frame)
            .collect();
        frames.dedup();
        frames
    };
    // Two generators, each one frame however often it resumes: the first starts and
    // resumes twice (3 calls), the second starts and resumes once (2).
    assert_eq!(frames_of("count"), [1, 2]);
    assert_eq!(lines.frames, 3);
    let calls = |frame: u32| {
        lines
            .steps
            .iter()
            .filter(|step| step.frame == frame && step.event == StepEvent::Call)
            .count()
    };
    assert_eq!((calls(1), calls(2)), (3, 2));
    // Resumed, the generator's variables are those it had (i, then i after `i += 1`).
    let resumed = lines
        .steps
        .iter()
        .filter(|step| step.frame == 1 && step.event == StepEvent::Call)
        .nth(1)
        .unwrap();
    assert_eq!(resumed.locals[1], ("i".to_owned(), "0".to_owned()));
}

#[test]
fn the_transcript_holds_output_and_answers_in_order() {
    let source = "\
import sys
name = input('Name? ')
print('né', name, file=sys.stderr)
print(name * 2)
";
    let mut harness = Harness::new().with_input(&["Ada"]);
    let report = harness.run_with(source, &recorded(1_000));
    let recording = report.recording.unwrap();
    assert_eq!(
        recording.transcript.pieces,
        [
            (TranscriptKind::Stdout, "Name? ".to_owned()),
            (TranscriptKind::Input, "Ada\n".to_owned()),
            (TranscriptKind::Stderr, "né Ada\n".to_owned()),
            (TranscriptKind::Stdout, "AdaAda\n".to_owned()),
        ]
    );
    // The last step (the module's return) comes after everything was written.
    let last = recording.lines.unwrap().steps.pop().unwrap();
    assert_eq!(last.output as usize, recording.transcript.len());
}

#[test]
fn line_steps_stop_at_their_limit_and_the_program_runs_on() {
    let source = "total = 0\nfor i in range(1000):\n    total += i\nprint(total)\n";
    let mut harness = Harness::new();
    let report = harness.run_with(source, &recorded(50));
    assert_eq!(harness.stdout(), "499500\n");
    let steps = report
        .recording
        .and_then(|recording| recording.lines)
        .unwrap();
    assert_eq!(steps.steps.len(), 50);
    assert!(steps.truncated);
}

#[test]
fn the_program_cannot_see_or_remove_the_recorder() {
    let source = "\
import sys
print(sys.gettrace())
sys.settrace(None)
x = 1
x = 2
";
    let mut harness = Harness::new();
    let report = harness.run_with(source, &recorded(1_000));
    assert_eq!(harness.stdout(), "None\n");
    let lines: Vec<u32> = report
        .recording
        .and_then(|recording| recording.lines)
        .unwrap()
        .steps
        .iter()
        .filter(|step| step.event == StepEvent::Line)
        .map(|step| step.line)
        .collect();
    assert_eq!(lines, [1, 2, 3, 4, 5]);
}

#[test]
fn callbacks_decorators_and_match_step_as_in_cpython() {
    steps_as_in_cpython(
        "\
import functools

def logged(function):
    @functools.wraps(function)
    def wrapper(*args):
        result = function(*args)
        return result
    return wrapper

@logged
def area(w, h):
    return w * h

count = 0
def bump():
    global count
    count += 1

words = sorted(['pear', 'fig', 'apple'], key=lambda word: len(word))
lengths = list(map(len, words))
for command in ['go north', 'quit', 'dance']:
    match command.split():
        case ['go', direction]:
            bump()
        case ['quit']:
            del direction
        case _:
            pass
print(area(2, 3), words, lengths, count)
",
        &[],
    );
}

#[test]
fn a_stopped_or_exiting_program_steps_as_in_cpython() {
    steps_as_in_cpython(
        "\
import sys

def finish(code):
    print('bye')
    sys.exit(code)

try:
    [1, 2][5]
except IndexError as error:
    message = str(error)
finish(3)
",
        &[],
    );
}

#[test]
fn each_line_step_points_at_its_first_instruction() {
    let source = "def twice(x):\n    return 2 * x\ny = twice(4)\nprint(y)\n";
    let mut harness = Harness::new();
    let options = RunOptions {
        record_instructions: Some(10_000),
        ..recorded(1_000)
    };
    let report = harness.run_with(source, &options);
    let recording = report.recording.unwrap();
    let instructions = recording.instructions.unwrap().steps;
    let lines = recording.lines.unwrap().steps;
    for step in lines.iter().filter(|step| step.event == StepEvent::Line) {
        let instruction = &instructions[step.instruction as usize];
        assert_eq!(
            (instruction.qualname.as_str(), instruction.line),
            (step.qualname.as_str(), Some(step.line))
        );
    }
    // call, lines 1 and 3, call, line 2, return, line 4, return.
    assert_eq!(lines.len(), 8, "{lines:#?}");
}

#[test]
fn a_run_stopped_by_the_budget_ends_with_the_stop() {
    let mut harness = Harness::new();
    let options = RunOptions {
        instruction_budget: 5_000,
        ..recorded(100_000)
    };
    let report = harness.run_with(
        "def spin():\n    while True:\n        pass\nspin()\n",
        &options,
    );
    let steps = report
        .recording
        .and_then(|recording| recording.lines)
        .unwrap()
        .steps;
    let last: Vec<(StepEvent, &str, u32)> = steps[steps.len() - 4..]
        .iter()
        .map(|step| (step.event, step.qualname.as_str(), step.line))
        .collect();
    assert_eq!(
        last,
        [
            (StepEvent::Exception, "spin", 3),
            (StepEvent::Return, "spin", 3),
            (StepEvent::Exception, "<module>", 4),
            (StepEvent::Return, "<module>", 4)
        ]
    );
    assert!(
        steps[steps.len() - 4]
            .value
            .as_deref()
            .is_some_and(|text| text.starts_with("InstructionLimitExceeded"))
    );
}
