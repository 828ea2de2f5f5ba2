//! The REPL (`Session::run_entry`, `Session::complete`) against CPython 3.14's interactive
//! console fed the same lines (`repl_console.py`): echoed values, `...` continuation,
//! `_`, output, `input()`, tracebacks, and Tab's completions.

use std::collections::BTreeSet;

use sandpiper_engine::{EntryReport, Outcome, RunOptions, Stream};

use crate::common::{Harness, budget, cpython_json};

/// The transcript a terminal would show: `program` run (when there is one), then each of
/// `lines` typed at the prompt, the console's way of joining them into entries.
fn transcript(harness: &mut Harness, program: &str, lines: &[&str]) -> String {
    let mut shown = String::new();
    if !program.is_empty() {
        let report = harness.run(program);
        shown += &take_output(harness);
        if let Some(error) = report.outcome.error() {
            shown += &error.text;
        }
    }
    let mut entry: Vec<&str> = Vec::new();
    for line in lines {
        shown += if entry.is_empty() { ">>> " } else { "... " };
        shown += line;
        shown += "\n";
        entry.push(line);
        let report = harness
            .session
            .run_entry(&entry.join("\n"), &RunOptions::default());
        let EntryReport::Ran(report) = report else {
            continue;
        };
        entry.clear();
        shown += &take_output(harness);
        match &report.outcome {
            Outcome::Exit { code } => shown += &format!("exit {code}\n"),
            outcome => shown += outcome.error().map_or("", |error| error.text.as_str()),
        }
    }
    shown
}

/// Everything written since the last call, both streams in order.
fn take_output(harness: &mut Harness) -> String {
    let mut state = harness.state.borrow_mut();
    state.stdout.clear();
    state.stderr.clear();
    state.chunks.drain(..).map(|(_, text)| text).collect()
}

fn cpython_session(
    program: &str,
    lines: &[&str],
    stdin: &str,
    complete: &[&str],
) -> serde_json::Value {
    let lines = serde_json::to_string(lines).unwrap();
    let complete = serde_json::to_string(complete).unwrap();
    let script = format!(
        "LINES = {lines}\nCOMPLETE = {complete}\n{}",
        include_str!("repl_console.py")
    );
    cpython_json(&script, program, stdin)
}

const PROGRAM: &str = "\
scores = [3, 5, 8]
def mean(xs):
    return sum(xs) / len(xs)
print('loaded', len(scores))
";

#[test]
fn entries_after_a_program_show_what_cpythons_console_shows() {
    let lines = [
        "scores",
        "mean(scores)",
        "_ * 3",
        "None",
        "",
        "scores.append(10); scores",
        "print('a\\nb'); 'é' * 3",
        "for s in scores:",
        "    if s > 4:",
        "        print(s, end=' ')",
        "",
        "print()",
        "def twice(n):",
        "    return 2 * n",
        "",
        "twice(_)",
        "total = (1 +",
        "   2)",
        "total",
        "'''two",
        "lines'''",
        "mean([])",
        "scors",
        "undefined_name",
        "1 +",
        "x = )",
        "if True:",
        "print('not indented')",
        "import math",
        "math.floor(2.5), math.pi",
        "name = input('Name? ')",
        "name.upper()",
        "_",
        "lst = [1]; lst[3]",
        "raise SystemExit(3)",
        "scores",
    ];
    let expected = cpython_session(PROGRAM, &lines, "Ada\n", &[]);
    let mut harness = Harness::new().with_input(&["Ada"]);
    let shown = transcript(&mut harness, PROGRAM, &lines);
    assert_eq!(shown, expected["transcript"].as_str().unwrap());
}

#[test]
fn a_repl_without_a_program_starts_empty_and_sees_a_failed_programs_names() {
    let lines = ["x", "x = 2 ** 10", "x", "_", "[n * n for n in range(4)]"];
    let expected = cpython_session("", &lines, "", &[]);
    let mut harness = Harness::new();
    assert_eq!(
        transcript(&mut harness, "", &lines),
        expected["transcript"].as_str().unwrap()
    );

    // After a program that failed, its names up to the error are there, as with `python -i`.
    let program = "first = 1\nsecond = first / 0\nthird = 3\n";
    let lines = [
        "first",
        "second",
        "[name for name in ('first', 'second', 'third') if name in globals()]",
    ];
    let expected = cpython_session(program, &lines, "", &[]);
    let mut harness = Harness::new();
    assert_eq!(
        transcript(&mut harness, program, &lines),
        expected["transcript"].as_str().unwrap()
    );
}

#[test]
fn run_starts_a_fresh_namespace_and_entries_keep_builtins_after_an_error() {
    let mut harness = Harness::new();
    transcript(
        &mut harness,
        "a = 1\n",
        &["b = 2", "import builtins; builtins.shout = str.upper"],
    );
    // An error's report is made with the original builtins and leaves the student's.
    let shown = transcript(&mut harness, "", &["1 / 0", "shout('ok'), a, b"]);
    assert!(
        shown.ends_with(">>> shout('ok'), a, b\n('OK', 1, 2)\n"),
        "{shown}"
    );

    let shown = transcript(&mut harness, "c = 3\n", &["c", "a"]);
    assert!(shown.starts_with(">>> c\n3\n>>> a\n"), "{shown}");
    assert!(
        shown.ends_with("NameError: name 'a' is not defined\n"),
        "{shown}"
    );
}

#[test]
fn an_entry_is_limited_like_a_run_and_the_repl_goes_on_after_its_stop() {
    let mut harness = Harness::new();
    harness.run("n = 0\n");
    let report = harness
        .session
        .run_entry("while True:\n    n += 1\n", &budget(100_000));
    let EntryReport::Ran(report) = report else {
        panic!("a complete entry runs");
    };
    let Outcome::Stopped { error, .. } = &report.outcome else {
        panic!("not stopped: {:?}", report.outcome);
    };
    assert!(
        error.text.contains("File \"<stdin>\", line 2"),
        "{}",
        error.text
    );
    take_output(&mut harness);
    let report = harness
        .session
        .run_entry("n > 1000", &RunOptions::default());
    assert!(matches!(report, EntryReport::Ran(report) if report.outcome == Outcome::Finished));
    assert_eq!(
        harness.state.borrow().chunks,
        [(Stream::Stdout, "True\n".to_owned())]
    );
}

#[test]
fn tab_completes_names_and_attributes_as_rlcompleter_does() {
    let program = "import math\nscores = [3, 5]\nscore_card = {}\nclass Pet:\n    legs = 4\n    def speak(self): pass\nrex = Pet()\n";
    let texts = [
        "sco",
        "scores.app",
        "math.fl",
        "rex.",
        "Pet.le",
        "pri",
        "whi",
        "nothing_like_this",
        "math.nope",
    ];
    let expected = cpython_session(program, &[], "", &texts);
    let mut harness = Harness::new();
    harness.run(program);
    for text in texts {
        let ours: BTreeSet<String> = harness
            .session
            .complete(text, &RunOptions::default())
            .into_iter()
            .collect();
        let theirs: BTreeSet<String> = expected["completions"][text]
            .as_array()
            .unwrap()
            .iter()
            .map(|found| found.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ours, theirs, "completions of {text:?}");
    }
}

#[test]
fn completing_an_attribute_of_something_that_loops_is_stopped_by_the_budget() {
    let mut harness = Harness::new();
    harness.run("class Slow:\n    @property\n    def value(self):\n        while True: pass\nslow = Slow()\n");
    assert_eq!(
        harness.session.complete("slow.value.", &budget(100_000)),
        Vec::<String>::new()
    );
    assert_eq!(
        harness.session.complete("slo", &RunOptions::default()),
        ["slow"]
    );
}
