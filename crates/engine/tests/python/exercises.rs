//! Exercise checks: the check API against correct, wrong and malicious student programs.
//! The check runs in an interpreter of its own; the program's output it compares is
//! checked against CPython 3.14's for the same input.

use std::cell::RefCell;
use std::rc::Rc;

use crate::common::{Recorded, RecordingHost, cpython};
use sandpiper_engine::{
    CheckReport, CheckResult, Checker, DiffKind, DiffLine, Outcome, RunOptions, Words,
    WorkspaceFile,
};

struct Exercise {
    checker: Checker,
    /// What the check itself printed (its own output goes to the page).
    check_output: Rc<RefCell<Recorded>>,
}

impl Exercise {
    fn new() -> Self {
        let check_output = Rc::new(RefCell::new(Recorded::default()));
        let student_host = RecordingHost::new(Rc::new(RefCell::new(Recorded::default())));
        let checker = Checker::new(
            Box::new(RecordingHost::new(check_output.clone())),
            Box::new(student_host),
        );
        Self {
            checker,
            check_output,
        }
    }

    fn check(&mut self, check: &str, program: &str) -> CheckReport {
        self.check_with(check, program, Vec::new())
    }

    fn check_with(&mut self, check: &str, program: &str, files: Vec<WorkspaceFile>) -> CheckReport {
        let options = RunOptions {
            instruction_budget: 3_000_000,
            ..RunOptions::default()
        };
        self.checker.check(check, program, files, &options)
    }
}

/// Each test as (passed, its name, its messages), in the English the page would show for
/// the catalogue's words (`id(arg=value, ...)`).
fn summary(results: &[CheckResult]) -> Vec<(bool, String, Vec<String>)> {
    results
        .iter()
        .map(|result| {
            let messages = result.messages.iter().map(words).collect();
            (result.passed, words(&result.name), messages)
        })
        .collect()
}

fn words(words: &Words) -> String {
    match words {
        Words::Author(text) => text.clone(),
        Words::Catalogue(message) => {
            let arguments: Vec<String> = message
                .arguments
                .iter()
                .map(|(name, value)| format!("{name}={value:?}"))
                .collect();
            format!("{}({})", message.id, arguments.join(", "))
        }
    }
}

fn passed_all(report: &CheckReport) {
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    assert!(
        sandpiper_engine::all_passed(&report.results),
        "{:#?}",
        summary(&report.results)
    );
}

const GREETING_CHECK: &str = "\
expect_output('What is your name? Ada\\nHello, Ada!', inputs=['Ada'])
expect_output('What is your name? Grace Hopper\\nHello, Grace Hopper!', inputs='Grace Hopper\\n')
expect_output('What is your name? Hello, Ada!', inputs=['Ada'], typed_input=False)
";

#[test]
fn correct_programs_pass_output_input_and_function_checks() {
    let mut exercise = Exercise::new();
    let report = exercise.check(
        "expect_output('Hello, world!')\n",
        "print('Hello, world!')\n",
    );
    passed_all(&report);
    assert_eq!(
        summary(&report.results),
        [(true, "check-output()".to_owned(), vec![])]
    );

    let greeting = "name = input('What is your name? ')\nprint(f'Hello, {name}!')\n";
    let report = exercise.check(GREETING_CHECK, greeting);
    passed_all(&report);
    assert_eq!(report.results.len(), 3);
    assert_eq!(
        words(&report.results[0].name),
        "check-output-with-inputs(inputs=Text(\"'Ada'\"))"
    );

    let area_check = "\
expect_returns('area', (3, 4), 12)
expect_returns('area', (2.5, 2), 5.0, message='Decimals work too')
expect(defines('area'), 'Defines area()')
expect(not calls('input'), 'Reads no input', 'The function gets its numbers as arguments.')
value = call('area', 0, 7)
expect(value == 0 and type(value) is int, 'area(0, 7) is the int 0')
expect_returns('corners', (), {(0, 0), (1, 1)})
expect(call('corners', frozen=True) == {(0, 0), (1, 1)} and call('empty') == set(), 'sets')
";
    let report = exercise.check(
        area_check,
        "def area(width, height):\n    return width * height\n\n\
         def corners(frozen=False):\n    found = {(0, 0), (1, 1)}\n    return frozenset(found) if frozen else found\n\n\
         def empty():\n    return set()\n\nprint(area(2, 3))\n",
    );
    passed_all(&report);
    assert_eq!(
        summary(&report.results)[0],
        (
            true,
            "check-returns(call=Text(\"area(3, 4)\"), expected=Text(\"12\"))".to_owned(),
            vec![]
        )
    );
    assert_eq!(report.results.len(), 7);
}

#[test]
fn the_output_compared_is_cpythons() {
    let mut exercise = Exercise::new();
    let program = "n = int(input('How many? '))\nfor i in range(n):\n    print('*' * (i + 1))\nprint('done', end='')\n";
    let check = "\
r = run(['3'])
print(repr(r.output))
print(repr(r.transcript))
";
    let report = exercise.check(check, program);
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    let (stdout, _) = cpython(program, "3\n");
    let printed = exercise.check_output.borrow().stdout.clone();
    let mut lines = printed.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{stdout:?}").replace('"', "'").as_str())
    );
    assert_eq!(
        lines.next(),
        Some("'How many? 3\\n*\\n**\\n***\\ndone'"),
        "the transcript has the input typed in after its prompt"
    );
}

#[test]
fn wrong_programs_fail_with_what_happened() {
    let mut exercise = Exercise::new();
    // Output that differs: the diff aligns the lines.
    let report = exercise.check(
        "expect_output('1\\n2\\n3', message='Count from 1 to 3')\n",
        "for i in range(3):\n    print(i)\n",
    );
    assert_eq!(
        summary(&report.results),
        [(
            false,
            "check-output()".to_owned(),
            vec![
                "Count from 1 to 3".to_owned(),
                "check-output-differs()".to_owned()
            ]
        )]
    );
    let diff: Vec<(DiffKind, &str)> = report.results[0]
        .diff
        .iter()
        .map(|DiffLine { kind, text }| (*kind, text.as_str()))
        .collect();
    assert_eq!(
        diff,
        [
            (DiffKind::Actual, "0"),
            (DiffKind::Same, "1"),
            (DiffKind::Same, "2"),
            (DiffKind::Expected, "3"),
        ]
    );

    // Whitespace normalised only when asked.
    let spaced = "print('a  b ')\nprint()\n";
    let report = exercise.check(
        "expect_output('a b', normalize_whitespace=True)\nexpect_output('a b')\n",
        spaced,
    );
    let passed: Vec<bool> = report.results.iter().map(|r| r.passed).collect();
    assert_eq!(passed, [true, false]);

    // A function: wrong value, missing, raising, not a function.
    let check = "\
expect_returns('area', (3, 4), 12)
expect_returns('perimeter', (3, 4), 14)
expect_returns('half', 0, 0)
expect_returns('size', (), 3)
";
    let program =
        "def area(w, h):\n    return w + h\n\ndef half(n):\n    return 1 / n\n\nsize = 3\n";
    let report = exercise.check(check, program);
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    let found = summary(&report.results);
    assert_eq!(found[0].2, ["check-returned-instead(actual=Text(\"7\"))"]);
    assert_eq!(found[1].2, ["check-no-function(name=Text(\"perimeter\"))"]);
    assert_eq!(
        found[2].2,
        ["check-function-raised(error=Text(\"ZeroDivisionError: division by zero\"))"]
    );
    assert_eq!(
        found[3].2,
        ["check-not-a-function(name=Text(\"size\"), type=Text(\"int\"))"]
    );

    // The program fails: an error, more input than given, and a program that fails
    // before the function can be called (the test fails; the check goes on).
    let report = exercise.check(
        "expect_output('Twice: 8', inputs=['four'])\nexpect_output('Twice: 8', inputs=[])\n",
        "n = int(input())\nprint('Twice:', n * 2)\n",
    );
    let found = summary(&report.results);
    assert_eq!(
        found[0].2,
        [
            "check-output-differs()",
            "check-program-error(error=Text(\"ValueError: invalid literal for int() with base 10: 'four'\"))"
        ]
    );
    assert_eq!(
        found[1].2,
        [
            "check-output-differs()",
            "check-program-wants-input(count=Number(0))"
        ]
    );
    let report = exercise.check(
        "expect_returns('double', 2, 4)\nexpect(True, 'still checked')\n",
        "def double(n):\n    return n * 2\n\nprint(undefined)\n",
    );
    let found = summary(&report.results);
    assert_eq!(
        found[0].2,
        ["check-program-error(error=Text(\"NameError: name 'undefined' is not defined\"))"]
    );
    assert!(found[1].0);

    // A check that lets a StudentError out ends with that failed test.
    let report = exercise.check(
        "expect(call('missing') == 1, 'never recorded')\n",
        "x = 1\n",
    );
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    assert_eq!(
        summary(&report.results),
        [(
            false,
            "check-no-function(name=Text(\"missing\"))".to_owned(),
            vec![]
        )]
    );
}

#[test]
fn programs_that_loop_forever_fail_their_test_and_the_check_goes_on() {
    let mut exercise = Exercise::new();
    let report = exercise.check(
        "expect_output('done')\nexpect_returns('spin', (), 1)\nexpect(uses_loop(), 'Uses a loop')\n",
        "def spin():\n    while True:\n        pass\n\nprint('done')\n",
    );
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    assert_eq!(report.results.len(), 3, "{report:#?}");
    let found = summary(&report.results);
    assert!(found[0].0, "{found:?}");
    assert_eq!(found[1].2, ["check-program-steps()"]);
    assert!(found[2].0);

    let report = exercise.check("expect_output('hi')\n", "while True:\n    print('hi')\n");
    assert_eq!(report.results.len(), 1, "{report:#?}");
    let found = summary(&report.results);
    assert_eq!(
        found[0].2,
        ["check-output-differs()", "check-program-steps()"]
    );
}

#[test]
fn a_program_cannot_read_change_or_fake_the_check() {
    let mut exercise = Exercise::new();
    let check = "\
SECRET = 'the check is here'
expect_returns('answer', (), 42)
expect_output('42')
";
    // Everything a program might try from its own interpreter.
    let hostile = "\
import sys, builtins, gc
found = []
for name in ('check.py', '/check.py', '../check.py'):
    try:
        open(name).read()
        found.append(name)
    except OSError:
        pass
try:
    import _sandpiper_check as api
    api._results.append({'passed': True, 'name': {'author': 'fake'}, 'messages': [], 'diff': []})
    api.expect = lambda *a, **k: None
except Exception:
    pass
try:
    secret = [o for o in gc.get_objects() if isinstance(o, str) and 'check is here' in o]
except Exception:
    secret = []
builtins.print = lambda *a, **k: sys.stdout.write('passed\\n')
class Always(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
def answer():
    return Always(7)
sys.stdout.write(repr(found + [s for s in secret if s.startswith('the check')]) + '\\n')
print('PASSED: all tests')
";
    let report = exercise.check(check, hostile);
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    let found = summary(&report.results);
    assert_eq!(found.len(), 2, "no test could be added: {found:?}");
    assert!(!found[0].0, "a subclass whose == is always true is not 42");
    assert!(!found[1].0, "printing 'passed' passes nothing");
    assert_eq!(
        report.results[1].diff,
        [
            DiffLine {
                kind: DiffKind::Expected,
                text: "42".into()
            },
            DiffLine {
                kind: DiffKind::Actual,
                text: "[]".into()
            },
            DiffLine {
                kind: DiffKind::Actual,
                text: "passed".into()
            },
        ],
        "the program saw no check file and no check text"
    );

    // A repr that never returns: the budget stops it, as it stops the program.
    let report = exercise.check(
        "expect_returns('thing', (), 1)\n",
        "class Thing:\n    def __repr__(self):\n        while True:\n            pass\n\ndef thing():\n    return Thing()\n",
    );
    assert_eq!(summary(&report.results)[0].2, ["check-program-steps()"]);

    // The workspace's files are the program's; the check sees only what it is given.
    let report = exercise.check_with(
        "expect_output('3')\n",
        "print(len(open('data.txt').read().split()))\n",
        vec![WorkspaceFile {
            name: "data.txt".into(),
            text: "a b c".into(),
        }],
    );
    passed_all(&report);
}

#[test]
fn a_broken_check_is_the_authors_error_and_keeps_its_results() {
    let mut exercise = Exercise::new();
    let report = exercise.check(
        "expect(True, 'first')\nprint('checking')\nexpect_returns('f', 1, 2)\nundefined_name\n",
        "def f(n):\n    return n + 1\n",
    );
    let Outcome::Error { error } = &report.run.outcome else {
        panic!("{report:#?}");
    };
    assert_eq!(error.type_name, "NameError");
    assert!(
        error.text.contains("File \"check.py\", line 4"),
        "{}",
        error.text
    );
    assert_eq!(report.results.len(), 2);
    assert!(report.results.iter().all(|result| result.passed));
    assert_eq!(exercise.check_output.borrow().stdout, "checking\n");

    // Arguments that are not literals are the author's mistake, said plainly.
    let report = exercise.check("call('f', object())\n", "def f(x):\n    return x\n");
    let Outcome::Error { error } = &report.run.outcome else {
        panic!("{report:#?}");
    };
    assert!(error.message.contains("only literal values"), "{error:?}");

    // A check that loops is stopped by the budget like any program.
    let report = exercise.check("while True:\n    pass\n", "x = 1\n");
    assert!(
        matches!(report.run.outcome, Outcome::Stopped { .. }),
        "{report:#?}"
    );

    // Each check starts afresh: the last one's names and results are gone, and so is what
    // it did to the API.
    let report = exercise.check(
        "import _sandpiper_check\n_sandpiper_check.expect = lambda *a, **k: None\nvalue = 1\n",
        "x = 1\n",
    );
    assert_eq!(report.run.outcome, Outcome::Finished, "{report:#?}");
    let report = exercise.check("expect('value' not in globals(), 'fresh')\n", "x = 1\n");
    passed_all(&report);
}
