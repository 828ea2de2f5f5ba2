//! Several interpreters in one thread (the worker gives each embedded widget its own):
//! what one program changes in its interpreter is not seen by another's.

mod common;

use common::Harness;
use sandpiper_engine::Outcome;

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
