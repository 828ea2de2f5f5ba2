//! Every way of running forever ends with the step budget, at the right line, and the
//! program cannot catch the stop and carry on.

use crate::common::{Harness, budget};
use sandpiper_engine::{Outcome, StopReason};

const BUDGET: u64 = 200_000;

/// Runs `source` and asserts it was stopped by the budget on `line`.
fn assert_stops(harness: &mut Harness, source: &str, line: u32) {
    let report = harness.run_with(source, &budget(BUDGET));
    let Outcome::Stopped { reason, error } = &report.outcome else {
        panic!("{source:?} was not stopped: {:?}", report.outcome);
    };
    assert_eq!(*reason, StopReason::StepBudget, "{source}");
    assert_eq!(error.type_name, "StepLimitExceeded", "{source}");
    assert_eq!(
        error.message,
        format!(
            "stopped after 200,000 steps (the step budget) — is there an infinite loop? (line {line})"
        ),
        "{source}\n{}",
        error.text
    );
    assert!(
        error
            .text
            .ends_with(&format!("{}: {}\n", error.type_name, error.message)),
        "{}",
        error.text
    );
    assert_eq!(report.steps, BUDGET, "{source}");
    assert!(
        !harness.stdout().contains("escaped"),
        "{source} carried on after the stop"
    );
}

#[test]
fn every_infinite_program_is_stopped_at_its_line() {
    let cases: &[(&str, u32)] = &[
        ("while True: pass\n", 1),
        ("x = 0\nwhile x >= 0:\n    x += 1\n", 2),
        // A `while` whose `else` continues an outer loop stays a `while`, stepping in its test.
        (
            "for j in range(2):\n    while j >= 0:\n        j += 1\n    else:\n        continue\n",
            2,
        ),
        ("for i in iter(int, 1):\n    pass\n", 1),
        (
            "import itertools\nfor i in itertools.count():\n    pass\n",
            2,
        ),
        (
            "import itertools\nprint(any(x < 0 for x in itertools.count()))\n",
            2,
        ),
        ("import itertools\n[x for x in itertools.count()]\n", 2),
        ("import itertools\n{x: 1 for x in itertools.count()}\n", 2),
        (
            "class Forever:\n    def __iter__(self):\n        return self\n    def __next__(self):\n        return 1\nlist(Forever())\n",
            4,
        ),
        (
            "def gen():\n    while True:\n        yield 1\nsum(gen())\n",
            2,
        ),
        (
            "def f(n):\n    return f(n - 1) + f(n - 1) if n else 1\nf(200)\n",
            1,
        ),
        ("f = lambda n: f(n - 1) + f(n - 1) if n else 1\nf(200)\n", 1),
        (
            "def a(n):\n    return b(n) + b(n)\ndef b(n):\n    return a(n - 1) if n else 1\na(200)\n",
            3,
        ),
        (
            "import itertools\nlist(map(lambda x: x, itertools.count()))\n",
            2,
        ),
        // Catching and carrying on.
        (
            "while True:\n    try:\n        while True: pass\n    except:\n        pass\n",
            4,
        ),
        (
            "while True:\n    try:\n        while True: pass\n    except BaseException:\n        pass\n",
            4,
        ),
        (
            "for i in range(10):\n    try:\n        while True: pass\n    finally:\n        continue\n",
            5,
        ),
        (
            "try:\n    while True: pass\nexcept BaseException:\n    pass\nprint('escaped')\n",
            3,
        ),
        (
            "import contextlib\nwith contextlib.suppress(BaseException):\n    while True: pass\nprint('escaped')\n",
            2,
        ),
        // Disabling or rebinding what the hooks could depend on.
        (
            "import sys\nsys.settrace(None)\nsys.setprofile(None)\nwhile True: pass\n",
            4,
        ),
        (
            "import sys\nsys.monitoring.free_tool_id(0)\nwhile True: pass\n",
            3,
        ),
        ("globals().clear()\nwhile True: pass\n", 2),
        (
            "import builtins\nbuiltins.iter = None\nbuiltins.len = None\nwhile True: pass\n",
            4,
        ),
        (
            "import builtins\nfor k in ['print', 'iter', 'next']:\n    delattr(builtins, k)\nwhile True: pass\n",
            4,
        ),
        // In a thread (run to its end inside `start()`), or a pool's task.
        (
            "import threading\ndef spin():\n    while True: pass\nthreading.Thread(target=spin).start()\nprint('escaped')\n",
            3,
        ),
        (
            "from concurrent.futures import ThreadPoolExecutor\ndef spin():\n    while True: pass\nwith ThreadPoolExecutor() as pool:\n    pool.submit(spin)\nprint('escaped')\n",
            3,
        ),
        // Code made at run time.
        ("exec('while True: pass')\n", 1),
        ("eval('[x for x in iter(int, 1)]')\n", 1),
        (
            "exec(compile('while True:\\n    pass\\n', 'other.py', 'exec'))\n",
            1,
        ),
        (
            "import ast\nexec(compile(ast.parse('while True: pass'), 's', 'exec'))\n",
            1,
        ),
    ];
    let mut harness = Harness::new();
    for (source, line) in cases {
        assert_stops(&mut harness, source, *line);
    }
}

#[test]
fn code_objects_cannot_be_rebuilt_without_the_hooks() {
    let mut harness = Harness::new();
    for source in [
        "def f(): pass\nf.__code__.replace(co_consts=())\n",
        "def f(): pass\nimport copy\ncopy.replace(f.__code__, co_consts=())\n",
        // Flags other than CO_ITERABLE_COROUTINE would change how the code runs.
        "def f(): pass\nf.__code__.replace(co_flags=f.__code__.co_flags | 0x20)\n",
        "def f(): pass\nf.__code__.replace(co_code=f.__code__.co_code)\n",
        "import types\ntypes.CodeType(0, 0, 0, 0, 0, 0, b'', (), (), (), '', '', '', 0, b'', b'')\n",
        "import marshal\nmarshal.loads(b'')\n",
    ] {
        let report = harness.run_with(source, &budget(BUDGET));
        assert!(
            matches!(report.outcome, Outcome::Error { .. }),
            "{source}: {:?}",
            report.outcome
        );
    }
    // What changes no instruction stays possible: `types.coroutine` (asyncio) needs it.
    let report = harness.run(
        "def f(): yield\nc = f.__code__\n\
         print(c.replace(co_name='g').co_name, c.replace(co_flags=c.co_flags | 0x100).co_flags & 0x100)\n",
    );
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(harness.stdout(), "g 256\n");
}

#[test]
fn the_stop_is_deterministic() {
    let source = "total = 0\nfor i in range(10**9):\n    total += i\n    if i % 7 == 0:\n        total -= 1\n";
    let mut harness = Harness::new();
    let first = harness.run_with(source, &budget(123_457));
    let second = harness.run_with(source, &budget(123_457));
    assert_eq!(first.outcome, second.outcome);
    assert_eq!(first.steps, 123_457);
    assert_eq!(second.steps, 123_457);
}

#[test]
fn ordinary_programs_do_not_meet_the_default_budget() {
    let mut harness = Harness::new();
    let report = harness.run(
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(20))\nprint(sum(i * i for i in range(100000)))\n",
    );
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(harness.stdout(), "6765\n333328333350000\n");
    // 21,891 calls plus 100,000 generator items, each one step.
    assert!(
        report.steps > 100_000 && report.steps < 200_000,
        "{}",
        report.steps
    );
}

#[test]
fn interrupt_from_the_host_raises_keyboard_interrupt_and_sticks() {
    let mut harness = Harness::new();
    harness.state.borrow_mut().interrupt_after_polls = Some(3);
    let report = harness
        .run("try:\n    while True: pass\nexcept KeyboardInterrupt:\n    print('escaped')\n");
    let Outcome::Stopped { reason, error } = &report.outcome else {
        panic!("{:?}", report.outcome);
    };
    assert_eq!(*reason, StopReason::Interrupt);
    assert_eq!(error.type_name, "KeyboardInterrupt");
    assert!(!harness.stdout().contains("escaped"));
    // The session stays usable after a stop.
    harness.state.borrow_mut().interrupt_after_polls = None;
    assert_eq!(harness.run("print('next')").outcome, Outcome::Finished);
    assert_eq!(harness.stdout(), "next\n");
}

#[test]
fn time_limit_stops_sleep_and_loops() {
    let mut harness = Harness::new();
    let options = sandpiper_engine::RunOptions {
        time_limit: Some(0.2),
        ..Default::default()
    };
    let report = harness.run_with("while True: pass\n", &options);
    assert!(matches!(
        report.outcome,
        Outcome::Stopped {
            reason: StopReason::TimeLimit,
            ..
        }
    ));
    // A sleep past the deadline sleeps to the deadline only, then stops.
    let report = harness.run_with("import time\ntime.sleep(1000)\n", &options);
    assert!(matches!(
        report.outcome,
        Outcome::Stopped {
            reason: StopReason::TimeLimit,
            ..
        }
    ));
    assert!(harness.state.borrow().slept <= 0.2 + 1e-9);
}
