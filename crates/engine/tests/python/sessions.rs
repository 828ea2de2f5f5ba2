//! Several interpreters in one thread (the worker gives each embedded widget its own):
//! what one program changes in its interpreter is not seen by another's.

use crate::common::{Harness, budget, expect_error};
use sandpiper_engine::{Outcome, StopReason};

#[test]
fn sessions_in_one_thread_do_not_share_modules_builtins_or_limits() {
    let mut first = Harness::new();
    let mut second = Harness::new();
    let report = first.run(
        "import sys, builtins, json\n\
         sys.shared_marker = 'first'\n\
         json.dumps = lambda *a, **k: 'patched'\n\
         builtins.leaked = 42\n\
         print(json.dumps([1]), sys.shared_marker)\n",
    );
    assert_eq!(report.outcome, Outcome::Finished, "{}", first.stderr());
    assert_eq!(first.stdout(), "patched first\n");

    let report = second.run(
        "import sys, json\n\
         print(hasattr(sys, 'shared_marker'), json.dumps([1]))\n\
         print('leaked' in dir(__builtins__) if isinstance(__builtins__, type(sys)) else 'leaked' in __builtins__)\n",
    );
    assert_eq!(report.outcome, Outcome::Finished, "{}", second.stderr());
    assert_eq!(second.stdout(), "False [1]\nFalse\n");

    // Each keeps its own modules between its runs, and both still run.
    first.run("import json\nprint(json.dumps([2]))\n");
    assert_eq!(first.stdout(), "patched\n");
    second.run("x = 1\nprint(x + 1)\n");
    assert_eq!(second.stdout(), "2\n");
}

#[test]
fn a_first_run_stopped_by_its_budget_is_reported_in_full() {
    // Start-up leaves out the modules that report errors; they must be there in time.
    let mut harness = Harness::new();
    let report = harness.run_with("while True:\n    pass\n", &budget(10_000));
    let Outcome::Stopped { reason, error } = report.outcome else {
        panic!("not stopped: {:?}", report.outcome);
    };
    assert_eq!(reason, StopReason::InstructionBudget);
    assert_eq!(error.type_name, "InstructionLimitExceeded");
    assert!(
        error
            .text
            .ends_with("is there an infinite loop? (line 2)\n"),
        "{}",
        error.text
    );
    assert!(
        !harness.stderr().contains("<sandpiper>"),
        "{}",
        harness.stderr()
    );

    let mut warmed = Harness::new();
    warmed.session.warm_up();
    warmed.run("import sys\nprint(*(name in sys.modules for name in ('traceback', 'dis')))");
    assert_eq!(warmed.stdout(), "True True\n");
    let error = expect_error(&warmed.run("if x == 1\n    pass\n")).clone();
    assert_eq!(
        (error.type_name.as_str(), error.message.as_str()),
        ("SyntaxError", "expected ':'")
    );
}

/// Grouped widgets (`data-session`): each run keeps the namespace the group's last run left;
/// a NameError for a name an earlier widget defines says which one; "Run the ones above
/// first" runs them, in order, before the program.
#[test]
fn grouped_runs_share_the_namespace_and_can_run_the_ones_above_first() {
    use sandpiper_engine::{GroupRun, RunOptions};

    let definition = "def area(width, height):\n    return width * height\n";
    let usage = "print(area(3, 4))\n";
    let grouped = |earlier: &[&str], run_earlier: bool| RunOptions {
        group: Some(GroupRun {
            earlier: earlier.iter().map(|source| (*source).to_owned()).collect(),
            run_earlier,
        }),
        ..RunOptions::default()
    };

    let mut group = Harness::new();
    let report = group.run_with(usage, &grouped(&[definition], false));
    let error = expect_error(&report);
    assert_eq!(error.type_name, "NameError");
    let hint = error.hint.as_ref().expect("a hint");
    assert_eq!(hint.id, "hint-name-in-earlier-example");
    assert_eq!(
        sandpiper_messages::Catalogue::new("en")
            .hint(hint)
            .as_deref(),
        Some(
            "area is defined in example 1 above, which has not run yet. Run it first, or press \
             Run the ones above first."
        )
    );

    let report = group.run_with(usage, &grouped(&[definition], true));
    assert_eq!(report.outcome, Outcome::Finished, "{}", group.stderr());
    assert_eq!(group.stdout(), "12\n");

    // In page order by hand: the second run sees what the first defined.
    let mut group = Harness::new();
    assert_eq!(
        group.run_with(definition, &grouped(&[], false)).outcome,
        Outcome::Finished
    );
    assert_eq!(
        group
            .run_with(usage, &grouped(&[definition], false))
            .outcome,
        Outcome::Finished
    );
    assert_eq!(group.stdout(), "12\n");
    // A plain run in the same interpreter starts from a fresh namespace, as a run always does.
    let report = group.run(usage);
    assert_eq!(expect_error(&report).type_name, "NameError");

    // An error in a block above shows under its own name.
    let mut group = Harness::new();
    let report = group.run_with(usage, &grouped(&["x = 1 / 0\n"], true));
    let error = expect_error(&report);
    assert!(
        error.text.contains("File \"<example 1>\", line 1"),
        "{}",
        error.text
    );
    assert_eq!(error.type_name, "ZeroDivisionError");
}
